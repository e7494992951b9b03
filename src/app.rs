//! The root component: state, routing, and the page for the current address.

use leptos::prelude::*;

use crate::browser::focus_later;
use crate::components::deployment_form::DeploymentForm;
use crate::components::deployment_list::DeploymentList;
use crate::components::deployment_page::{DeploymentPage, NoSuchDeployment};
use crate::components::layout::Frame;
use crate::route::{Route, Router};
use crate::store::Store;

#[component]
pub fn App() -> impl IntoView {
    let store = Store::load();
    store.follow_storage();
    provide_context(store);
    let router = Router::install();
    provide_context(router);

    // After moving to another page (not on first load), put focus on its
    // heading so screen-reader users hear where they are.
    Effect::new(move |seen: Option<()>| {
        router.route.track();
        if seen.is_some() {
            focus_later("page-heading");
        }
    });

    view! {
        <Frame>
            {move || match router.route.get() {
                Route::Home => view! { <DeploymentList/> }.into_any(),
                Route::NewDeployment => view! { <DeploymentForm editing=None/> }.into_any(),
                Route::Deployment(id, page) => view! { <DeploymentPage id=id page=page/> }.into_any(),
                Route::NotFound => view! { <NoSuchDeployment/> }.into_any(),
            }}
        </Frame>
    }
}
