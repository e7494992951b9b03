//! The NHS tag: a short status in a colour.

use leptos::prelude::*;

/// The classes of a tag. `colour` is one of the design system's tag colours:
/// "green", "red", "blue", "yellow", "orange", "white"; anything else is grey.
pub fn tag_class(colour: &str) -> &'static str {
    match colour {
        "green" => "nhsuk-tag nhsuk-tag--green",
        "red" => "nhsuk-tag nhsuk-tag--red",
        "blue" => "nhsuk-tag nhsuk-tag--blue",
        "white" => "nhsuk-tag nhsuk-tag--white",
        "yellow" => "nhsuk-tag nhsuk-tag--yellow",
        "orange" => "nhsuk-tag nhsuk-tag--orange",
        _ => "nhsuk-tag nhsuk-tag--grey",
    }
}

/// A tag with fixed words.
pub fn tag(text: &'static str, colour: &'static str) -> AnyView {
    view! { <strong class=tag_class(colour)>{text}</strong> }.into_any()
}

/// Met or not met, as on the progress page.
pub fn met_tag(met: bool) -> AnyView {
    if met { tag("Met", "green") } else { tag("Not met", "grey") }
}

/// Met or not met, kept up to date from `met`: a change rewrites only the
/// words and the colour, and only when they differ.
pub fn met_tag_of(met: impl Fn() -> bool + Copy + Send + Sync + 'static) -> AnyView {
    view! {
        <strong class=move || tag_class(if met() { "green" } else { "grey" })>{move || if met() { "Met" } else { "Not met" }}</strong>
    }
    .into_any()
}
