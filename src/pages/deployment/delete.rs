//! Deleting a deployment, after the user confirms.

use leptos::prelude::*;

use crate::state::browser::{now, set_title};
use crate::state::route::{deployment_href, use_router, Page, Route};
use crate::state::store::use_store;
use crate::ui::confirm::ConfirmRemoval;
use crate::ui::not_found::NotFound;

#[component]
pub fn DeploymentDelete(id: String) -> impl IntoView {
    let store = use_store();
    let router = use_router();
    let Some(name) = store.state.with_untracked(|s| s.deployment(&id).map(|d| d.name.clone())) else {
        return view! { <NotFound/> }.into_any();
    };
    set_title("Delete deployment");
    let target = id.clone();
    let delete = move |_| {
        store.change(|s| {
            s.delete(&target, now());
        });
        router.go(&Route::Home);
    };
    view! {
        <ConfirmRemoval heading=format!("Delete \u{201c}{name}\u{201d}?") warning="This cannot be undone"
            detail="Everything recorded for this deployment will be removed from this browser. Other organisations keep their own copies."
            confirm="Yes, delete it" back=deployment_href(&id, Page::Progress) on_confirm=delete/>
    }
    .into_any()
}
