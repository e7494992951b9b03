//! Deleting a deployment, after the user confirms.

use leptos::prelude::*;

use crate::state::browser::set_title;
use crate::state::route::{deployment_href, use_router, Page, Route};
use crate::state::store::use_store;

#[component]
pub fn DeploymentDelete(id: String) -> impl IntoView {
    let store = use_store();
    let router = use_router();
    let Some(name) = store.state.with_untracked(|s| s.deployment(&id).map(|d| d.name.clone())) else {
        return view! { <crate::pages::deployment::layout::NoSuchDeployment/> }.into_any();
    };
    set_title("Delete deployment");
    let target = id.clone();
    let delete = move |_| {
        store.change(|s| {
            s.delete(&target, crate::state::browser::now());
        });
        router.go(&Route::Home);
    };
    view! {
        <a class="nhsuk-back-link" href=deployment_href(&id, Page::Overview)>"Back"</a>
        <h1 id="page-heading" tabindex="-1">{format!("Delete \u{201c}{name}\u{201d}?")}</h1>
        <div class="nhsuk-warning-callout">
            <h2 class="nhsuk-warning-callout__label">
                <span role="text"><span class="nhsuk-u-visually-hidden">"Important: "</span>"This cannot be undone"</span>
            </h2>
            <p>"Everything recorded for this deployment will be removed from this browser. Other organisations keep their own copies."</p>
        </div>
        <div class="nhsuk-button-group">
            <button type="button" class="nhsuk-button nhsuk-button--warning" on:click=delete>"Yes, delete it"</button>
            <a class="nhsuk-link" href=deployment_href(&id, Page::Overview)>"No, keep it"</a>
        </div>
    }
    .into_any()
}
