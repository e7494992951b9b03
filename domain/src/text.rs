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

/// 2640 as "2,640".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// The first letter in capitals.
pub fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
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
