//! Small helpers for the words of messages.

/// How many characters of a value or key a message quotes at most: a hostile
/// file's 15 MB value must not become a 15 MB message.
pub const QUOTE_MAX_CHARS: usize = 40;

/// `s` in curly quotes, cut to [`QUOTE_MAX_CHARS`] with an ellipsis.
pub fn quote(s: &str) -> String {
    format!("\u{201c}{}\u{201d}", excerpt(s))
}

/// `s`, or its first [`QUOTE_MAX_CHARS`] characters and an ellipsis.
pub fn excerpt(s: &str) -> std::borrow::Cow<'_, str> {
    match s.char_indices().nth(QUOTE_MAX_CHARS) {
        None => s.into(),
        Some((cut, _)) => format!("{}\u{2026}", &s[..cut]).into(),
    }
}

/// "“a”, “b”, “c”".
pub fn quoted_list(items: &[&str]) -> String {
    items.iter().map(|s| quote(s)).collect::<Vec<_>>().join(", ")
}

/// "A", "A and B", "A, B and C".
pub fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// User or file text for a sentence built as a string (a page title, a
/// stored line, a chart's label): between first-strong and pop isolates
/// (U+2068, U+2069), with any bidirectional controls of its own left out so
/// none can end the isolation early.
pub fn isolate(text: &str) -> String {
    let inner: String = text.chars().filter(|c| !matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')).collect();
    format!("\u{2068}{inner}\u{2069}")
}

/// 2640 as "2,640".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// `s` for a file name: lower-case ASCII letters and digits, anything else
/// as one dash, at most `max` characters, no dash at either end.
pub fn slug(s: &str, max: usize) -> String {
    let mut slug = String::new();
    for ch in s.chars() {
        if ch.is_ascii_alphanumeric() {
            slug.push(ch.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug: String = slug.trim_end_matches('-').chars().take(max).collect();
    slug.trim_end_matches('-').to_owned()
}

/// The first letter in capitals, for the app's own words ("the date of the
/// incident"), which start with an ASCII letter: Unicode's case tables would
/// cost kilobytes of wasm for nothing. Any other first character is kept.
pub fn capitalise(s: &str) -> String {
    let mut out = s.to_owned();
    if let Some(first) = out.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_cut_short() {
        assert_eq!(quote("low"), "\u{201c}low\u{201d}");
        let long = "é".repeat(1000);
        let q = quote(&long);
        assert_eq!(q.chars().count(), QUOTE_MAX_CHARS + 3);
        assert!(q.ends_with("\u{2026}\u{201d}"));
        assert_eq!(quote(&"a".repeat(QUOTE_MAX_CHARS)).chars().count(), QUOTE_MAX_CHARS + 2);
        assert_eq!(capitalise("referrals on"), "Referrals on");
        assert_eq!(capitalise(""), "");
        assert_eq!(capitalise("élan"), "élan", "only an ASCII first letter changes");
        assert_eq!((thousands(7), thousands(2640), thousands(1_000_000)), ("7".into(), "2,640".into(), "1,000,000".into()));
    }

    #[test]
    fn blank_is_judged_on_what_shows() {
        for blank in ["", "  \t", "\u{200B}", "\u{3164}\u{3164}", "\u{2800}", " \u{200D}\u{FEFF}\u{00A0}", "\u{202E}\u{2066}", "\u{E0041}"] {
            assert!(is_blank(blank), "{blank:?}");
        }
        for shown in ["a", "\u{200B}x", "\u{3164}\u{AC00}", "\u{1F600}", "-"] {
            assert!(!is_blank(shown), "{shown:?}");
        }
    }
}

/// Whether a name would show as nothing: only white space and characters
/// with no visible mark.
pub fn is_blank(s: &str) -> bool {
    s.chars().all(|c| c.is_whitespace() || is_invisible(c))
}

/// Characters that show nothing on their own: zero-width spaces and joiners,
/// direction marks and controls, fillers (Hangul, the blank braille pattern),
/// soft hyphens, variation selectors, tags and the like.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}' | '\u{180B}'..='\u{180F}'
        | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{2800}' | '\u{3164}'
        | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}' | '\u{FFF0}'..='\u{FFF8}' | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0000}'..='\u{E0FFF}')
}

/// A fast hash for the ids of one file (the standard SipHash costs more
/// than reading the file in the browser). Not keyed: a hostile file can at
/// worst slow its own checking down, and files are limited to 20 MB.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().expect("eight bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last));
        }
    }
    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }
    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }
    fn write_i32(&mut self, n: i32) {
        self.add(u64::from(n as u32));
    }
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
    fn finish(&self) -> u64 {
        // Spread the high bits down: hashbrown takes its buckets from the low ones.
        let h = self.0;
        (h ^ (h >> 29)).wrapping_mul(0xbf58_476d_1ce4_e5b9) ^ (h >> 32)
    }
}

impl IdHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// A map keyed by ids, with [`IdHasher`].
pub type IdMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<IdHasher>>;

/// `x` to one decimal place exactly as `format!("{x:.1}")` writes it (half to
/// even on the exact binary value), worked out with integers: Rust's float
/// formatting is several kB of wasm that nothing else needs.
pub fn one_decimal(x: f64) -> String {
    let bits = x.abs().to_bits();
    let (exp, frac) = (((bits >> 52) & 0x7ff) as i32, bits & ((1u64 << 52) - 1));
    let (m, e) = if exp == 0 { (frac, -1074) } else { (frac | (1u64 << 52), exp - 1075) };
    // |x| × 10 = m × 10 × 2^e, rounded to a whole number of tenths.
    let t = u128::from(m) * 10;
    let tenths = if e >= 0 {
        t.checked_shl(e as u32).filter(|v| v >> e == t).unwrap_or(u128::MAX)
    } else if -e >= 127 {
        0
    } else {
        let s = (-e) as u32;
        let (q, rem, half) = (t >> s, t & ((1u128 << s) - 1), 1u128 << (s - 1));
        if rem > half || (rem == half && q & 1 == 1) {
            q + 1
        } else {
            q
        }
    };
    let sign = if x.is_sign_negative() { "-" } else { "" };
    // Written as u64 (u128 formatting is more code); no rate or size comes near.
    let tenths = u64::try_from(tenths).unwrap_or(u64::MAX);
    format!("{sign}{}.{}", tenths / 10, tenths % 10)
}

/// `x` as `format!("{x}")` writes it (the shortest digits that read back as
/// `x`, never in exponent form), from serde_json's number writer. The two can
/// differ only in the 17th significant digit of a value whose shortest form
/// needs 17 digits and sits exactly between two (never a number as typed in a
/// file, which has at most 15 or 16).
pub fn plain_number(x: f64) -> String {
    let Some(n) = serde_json::Number::from_f64(x) else { return String::from("NaN") };
    let written = n.to_string();
    let (sign, rest) = written.strip_prefix('-').map_or(("", written.as_str()), |r| ("-", r));
    let (mantissa, exponent) = rest.split_once(['e', 'E']).unwrap_or((rest, "0"));
    let exponent: i32 = exponent.trim_start_matches('+').parse().unwrap_or(0);
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{whole}{fraction}");
    // The decimal point sits after `point` digits of `digits`.
    let point = whole.len() as i32 + exponent;
    let (int_part, frac_part) = if point <= 0 {
        (String::from("0"), format!("{}{digits}", "0".repeat((-point) as usize)))
    } else if point as usize >= digits.len() {
        (format!("{digits}{}", "0".repeat(point as usize - digits.len())), String::new())
    } else {
        (digits[..point as usize].to_owned(), digits[point as usize..].to_owned())
    };
    let int_part = int_part.trim_start_matches('0');
    let int_part = if int_part.is_empty() { "0" } else { int_part };
    let frac_part = frac_part.trim_end_matches('0');
    if frac_part.is_empty() {
        format!("{sign}{int_part}")
    } else {
        format!("{sign}{int_part}.{frac_part}")
    }
}

#[cfg(test)]
mod float_text_tests {
    fn samples() -> Vec<f64> {
        let mut xs = vec![
            0.0, -0.0, 0.05, 0.25, 0.35, 2.45, 2.5, -4.0, -2.5, 1.0 / 3.0, 21.0 / 9.0, 1e-7, 1.5e-9, 123456.789, 30.04,
            20.0, 1e15, 1e16, 5e20, 1.7976931348623157e308, 5e-324, 0.1 + 0.2, 999.95, 0.95, 1.05,
        ];
        // A spread of rates (referrals over days) and sizes in MB.
        for n in 0..400u32 {
            for d in [1u32, 3, 7, 13, 14] {
                xs.push(f64::from(n) / f64::from(d));
            }
        }
        for b in (20_000_000u64..21_500_000).step_by(52_429) {
            xs.push(b as f64 / (1024.0 * 1024.0));
        }
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..5000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let x = f64::from_bits(state);
            if x.is_finite() {
                xs.push(x);
            }
        }
        xs
    }

    #[test]
    fn one_decimal_is_rusts() {
        for x in samples().into_iter().filter(|x| x.abs() < 1e17) {
            assert_eq!(super::one_decimal(x), format!("{x:.1}"), "{x:e}");
        }
    }

    #[test]
    fn plain_number_is_rusts_for_numbers_as_written_in_files() {
        let mut written: Vec<String> = ["0", "-0", "2.5", "-4.0", "-2.5", "0.0000001", "1e-7", "1.5e-9", "123456.789", "1e15", "5e20", "1e300", "0.30000000000000004"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let digits = 1 + (state % 15) as usize;
            let mantissa = (state >> 8) % 10u64.pow(digits as u32);
            let exponent = ((state >> 40) % 41) as i32 - 20;
            let sign = if state >> 63 == 1 { "-" } else { "" };
            written.push(format!("{sign}{mantissa}e{exponent}"));
        }
        for text in written {
            let x: f64 = text.parse().unwrap();
            assert_eq!(super::plain_number(x), format!("{x}"), "{text}");
        }
    }
}
