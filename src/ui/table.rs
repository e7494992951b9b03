//! The NHS table: caption, column headers and body, written once.

use leptos::prelude::*;

/// A table whose header row comes from `headers`; an empty header is an
/// actions column, named for screen readers only. The rows are the children.
#[component]
pub fn Table(
    #[prop(into)] caption: TextProp,
    headers: &'static [&'static str],
    children: Children,
    #[prop(optional)] id: Option<&'static str>,
    #[prop(default = "nhsuk-table__caption nhsuk-u-visually-hidden")] caption_class: &'static str,
    #[prop(default = "nhsuk-table")] class: &'static str,
    /// The columns from this one on hold numbers, aligned to the right.
    #[prop(default = usize::MAX)]
    numeric_from: usize,
) -> impl IntoView {
    let head = headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let text = if h.is_empty() { view! { <span class="nhsuk-u-visually-hidden">"Actions"</span> }.into_any() } else { (*h).into_any() };
            let class = if i >= numeric_from { "nhsuk-table__header nhsuk-table__header--numeric" } else { "nhsuk-table__header" };
            view! { <th class=class scope="col">{text}</th> }.into_any()
        })
        .collect_view();
    view! {
        <table class=class id=id>
            <caption class=caption_class>{move || caption.get()}</caption>
            <thead class="nhsuk-table__head"><tr class="nhsuk-table__row">{head}</tr></thead>
            <tbody class="nhsuk-table__body">{children()}</tbody>
        </table>
    }
}
