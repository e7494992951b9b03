//! The NHS summary list: a key, its value, and a link to change it.

use leptos::prelude::*;

/// One row; `change` is the link and what it changes (for screen readers).
#[component]
pub fn SummaryRow(key: &'static str, value: String, change: Option<(String, &'static str)>) -> impl IntoView {
    view! {
        <div class="nhsuk-summary-list__row">
            <dt class="nhsuk-summary-list__key">{key}</dt>
            <dd class="nhsuk-summary-list__value">{value}</dd>
            <dd class="nhsuk-summary-list__actions">
                {change.map(|(href, what)| view! {
                    <a href=href>"Change"<span class="nhsuk-u-visually-hidden">" "{what}</span></a>
                }.into_any())}
            </dd>
        </div>
    }
}
