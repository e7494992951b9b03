//! Elements with fixed words that the pages repeat most, each drawn by one
//! function. Written inline by `view!`, every element costs its own code
//! (about 100 bytes of wasm: the element, its attributes, its child, each
//! boxed); a call costs a fifth of that. The markup is the same either way.

use leptos::prelude::*;

/// A paragraph of fixed words: `<p class="nhsuk-body">`.
#[inline(never)]
pub fn body(text: &'static str) -> AnyView {
    view! { <p class="nhsuk-body">{text}</p> }.into_any()
}

/// A section heading of fixed words: `<h2 class="nhsuk-heading-m">`.
#[inline(never)]
pub fn heading_m(text: &'static str) -> AnyView {
    view! { <h2 class="nhsuk-heading-m">{text}</h2> }.into_any()
}

/// The page's heading of fixed words, which takes focus after moving to
/// another page (see `App`).
#[inline(never)]
pub fn page_heading(text: &'static str) -> AnyView {
    view! { <h1 id="page-heading" tabindex="-1">{text}</h1> }.into_any()
}

/// The back link at the top of a page.
#[inline(never)]
pub fn back_link(href: String, text: &'static str) -> AnyView {
    view! { <a class="nhsuk-back-link" href=href>{text}</a> }.into_any()
}

/// Fixed words for screen readers only: `<span class="nhsuk-u-visually-hidden">`.
#[inline(never)]
pub fn hidden(text: &'static str) -> AnyView {
    view! { <span class="nhsuk-u-visually-hidden">{text}</span> }.into_any()
}
