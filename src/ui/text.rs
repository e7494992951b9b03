//! Text from users and files, shown so that it cannot reorder the app's own
//! words: a name holding a right-to-left override (U+202E) must not turn
//! "Exported by … on 1 March" around. Each piece goes in its own `<bdi>`.

use leptos::prelude::*;

/// User or file text inside a sentence, isolated.
pub fn bdi(text: impl IntoView) -> impl IntoView {
    view! { <bdi>{text}</bdi> }.into_any()
}

/// A message that quotes values in curly quotes (“…”), with each quoted value
/// isolated: messages about a file quote what the file holds.
pub fn quoting(message: String) -> impl IntoView {
    let mut parts = Vec::new();
    let mut rest = message.as_str();
    while let Some(open) = rest.find('\u{201c}') {
        let after = &rest[open + 3..];
        // The value ends at the last closing quote before the next opening one.
        let end = after.find('\u{201c}').unwrap_or(after.len());
        let Some(close) = after[..end].rfind('\u{201d}') else { break };
        parts.push((rest[..open + 3].to_owned(), false));
        parts.push((after[..close].to_owned(), true));
        rest = &after[close..];
    }
    parts.push((rest.to_owned(), false));
    parts.into_iter().map(|(text, value)| if value { bdi(text).into_any() } else { text.into_any() }).collect_view()
}

pub use bars_domain::text::isolate;
