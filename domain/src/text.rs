//! Small helpers for the words of messages.

/// How many characters of a value or key a message quotes at most: a hostile
/// file's 15 MB value must not become a 15 MB message.
pub const QUOTE_MAX_CHARS: usize = 40;

/// `s` in curly quotes, cut to [`QUOTE_MAX_CHARS`] with an ellipsis.
pub fn quote(s: &str) -> String {
    match s.char_indices().nth(QUOTE_MAX_CHARS) {
        None => format!("\u{201c}{s}\u{201d}"),
        Some((cut, _)) => format!("\u{201c}{}\u{2026}\u{201d}", &s[..cut]),
    }
}

/// "“a”, “b”, “c”".
pub fn quoted_list(items: &[&str]) -> String {
    items.iter().map(|s| quote(s)).collect::<Vec<_>>().join(", ")
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
    }
}

/// Whether a name would show as nothing.
pub fn is_blank(s: &str) -> bool {
    s.trim().is_empty()
}
