//! The root component: state, routing, and the page for the current address.

use leptos::prelude::*;

use crate::browser::focus_later;
use crate::components::deployment_delete::DeploymentDelete;
use crate::components::deployment_form::DeploymentForm;
use crate::components::deployment_list::DeploymentList;
use crate::components::deployment_view::{DeploymentView, NoSuchDeployment};
use crate::components::layout::Frame;
use crate::route::{Route, Router};
use crate::store::Store;

#[component]
pub fn App() -> impl IntoView {
    provide_context(Store::load());
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
                Route::Deployment(id) => view! { <DeploymentView id=id/> }.into_any(),
                Route::EditDeployment(id) => view! { <DeploymentForm editing=Some(id)/> }.into_any(),
                Route::DeleteDeployment(id) => view! { <DeploymentDelete id=id/> }.into_any(),
                Route::NotFound => view! { <NoSuchDeployment/> }.into_any(),
            }}
        </Frame>
    }
}
