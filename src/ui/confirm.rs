//! A page that asks before removing something for good.

use leptos::prelude::*;

/// "Delete X?", a warning of what goes with it, a warning button that does it,
/// and a link back that keeps it.
#[component]
pub fn ConfirmRemoval(
    heading: String,
    warning: &'static str,
    detail: &'static str,
    confirm: &'static str,
    back: String,
    #[prop(into)] on_confirm: Callback<()>,
) -> impl IntoView {
    view! {
        <a class="nhsuk-back-link" href=back.clone()>"Back"</a>
        <h1 id="page-heading" tabindex="-1">{heading}</h1>
        <div class="nhsuk-warning-callout">
            <h2 class="nhsuk-warning-callout__label">
                <span role="text"><span class="nhsuk-u-visually-hidden">"Important: "</span>{warning}</span>
            </h2>
            <p>{detail}</p>
        </div>
        <div class="nhsuk-button-group">
            <button type="button" class="nhsuk-button nhsuk-button--warning" on:click=move |_| on_confirm.run(())>{confirm}</button>
            <a class="nhsuk-link" href=back>"No, keep it"</a>
        </div>
    }
}
