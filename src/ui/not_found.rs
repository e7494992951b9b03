//! What any page shows when its deployment or record is not in this browser.

use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    crate::state::browser::set_title("Page not found");
    view! {
        <h1 id="page-heading" tabindex="-1">"Page not found"</h1>
        <p class="nhsuk-body">
            "There is nothing at this address in this browser. The deployment may have been deleted, or created in another browser: ask whoever sent the link to export it for you."
        </p>
        <p class="nhsuk-body"><a href="./">"See all deployments"</a></p>
    }
}
