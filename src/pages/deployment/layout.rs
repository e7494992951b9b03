//! The frame every page of one deployment shares: its name, the section
//! navigation, and the page for the address.

use leptos::prelude::*;

use crate::pages::contacts::{ContactForm, Contacts};
use crate::pages::progress::Overview;
use crate::pages::deployment::delete::DeploymentDelete;
use crate::pages::deployment::settings::DeploymentForm;
use crate::pages::incidents::{IncidentForm, Incidents};
use crate::pages::providers::provider::{ProviderPage, RemoveProvider};
use crate::pages::providers::{ProviderForm, Providers};
use crate::pages::volumetrics::Volumetrics;
use crate::state::route::{deployment_href, Page};
use crate::state::store::use_store;

/// The sections in the navigation, and the page each opens.
const SECTIONS: [(&str, fn() -> Page); 5] = [
    ("Progress", || Page::Overview),
    ("Providers", || Page::Providers),
    ("Volumetrics", || Page::Volumetrics),
    ("Incidents", || Page::Incidents),
    ("Contacts", || Page::Contacts),
];

/// Which section a page belongs to, for the navigation's current marker.
fn section_of(page: &Page) -> &'static str {
    match page {
        Page::Overview | Page::Edit | Page::Delete => "Progress",
        Page::Providers | Page::NewProvider | Page::Provider(_) | Page::EditProvider(_) | Page::RemoveProvider(_) => "Providers",
        Page::Volumetrics => "Volumetrics",
        Page::Incidents | Page::NewIncident | Page::EditIncident(_) => "Incidents",
        Page::Contacts | Page::NewContact => "Contacts",
    }
}

#[component]
pub fn DeploymentPage(id: String, page: Page) -> impl IntoView {
    let store = use_store();
    let exists = {
        let id = id.clone();
        Memo::new(move |_| store.state.with(|s| s.deployment(&id).is_some()))
    };
    move || {
        if !exists.get() {
            return view! { <NoSuchDeployment/> }.into_any();
        }
        let name = store.state.with_untracked(|s| s.deployment(&id).map(|d| d.name.clone()).unwrap_or_default());
        let current = section_of(&page);
        let nav = SECTIONS
            .iter()
            .map(|(label, page)| {
                let is_current = *label == current;
                view! {
                    <li class="app-subnav__item">
                        <a class="app-subnav__link" href=deployment_href(&id, page())
                            aria-current=is_current.then_some("page")>{*label}</a>
                    </li>
                }
            })
            .collect_view();
        let id = id.clone();
        let body = match page.clone() {
            Page::Overview => view! { <Overview id=id/> }.into_any(),
            Page::Edit => view! { <DeploymentForm editing=Some(id)/> }.into_any(),
            Page::Delete => view! { <DeploymentDelete id=id/> }.into_any(),
            Page::Providers => view! { <Providers id=id/> }.into_any(),
            Page::NewProvider => view! { <ProviderForm id=id editing=None/> }.into_any(),
            Page::EditProvider(p) => view! { <ProviderForm id=id editing=Some(p)/> }.into_any(),
            Page::Provider(p) => view! { <ProviderPage id=id provider=p/> }.into_any(),
            Page::RemoveProvider(p) => view! { <RemoveProvider id=id provider=p/> }.into_any(),
            Page::Volumetrics => view! { <Volumetrics id=id/> }.into_any(),
            Page::Incidents => view! { <Incidents id=id/> }.into_any(),
            Page::NewIncident => view! { <IncidentForm id=id editing=None/> }.into_any(),
            Page::EditIncident(i) => view! { <IncidentForm id=id editing=Some(i)/> }.into_any(),
            Page::Contacts => view! { <Contacts id=id/> }.into_any(),
            Page::NewContact => view! { <ContactForm id=id/> }.into_any(),
        };
        view! {
            <p class="app-deployment-name nhsuk-caption-m">{name}</p>
            <nav class="app-subnav" aria-label="Deployment sections">
                <ul class="app-subnav__list">{nav}</ul>
            </nav>
            {body}
        }
        .into_any()
    }
}

#[component]
pub fn NoSuchDeployment() -> impl IntoView {
    crate::state::browser::set_title("Page not found");
    view! {
        <h1 id="page-heading" tabindex="-1">"Page not found"</h1>
        <p class="nhsuk-body">
            "There is nothing at this address in this browser. The deployment may have been deleted, or created in another browser: ask whoever sent the link to export it for you."
        </p>
        <p class="nhsuk-body"><a href="./">"See all deployments"</a></p>
    }
}
