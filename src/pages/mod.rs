//! The pages, one folder per area, and the one place that picks the page for
//! the address. Pages never import each other: only this dispatcher knows them all.
//! They draw with the blocks in `crate::ui` and read state through `crate::state`.
//!
//! A reactive child is written as a closure in the view (`{move || rows()}`, not
//! `{rows}`): with `erase_components` Leptos then compiles one render path per
//! output type instead of one per closure.

pub mod calculator;
pub mod calls;
pub mod contacts;
pub mod deployment;
pub mod home;
pub mod incidents;
pub mod issues;
pub mod lessons;
pub mod progress;
pub mod roles;
pub mod providers;
pub mod report;
pub mod share;
pub mod stages;
pub mod volumetrics;

use leptos::prelude::*;

use crate::state::route::{use_router, Page, Route};
use crate::ui::not_found::NotFound;

/// The page for the current address.
#[component]
pub fn CurrentPage() -> impl IntoView {
    let router = use_router();
    move || match router.route.get() {
        Route::Home => view! { <home::DeploymentList/> }.into_any(),
        Route::NewDeployment => view! { <deployment::settings::DeploymentForm editing=None/> }.into_any(),
        Route::Share => view! { <share::Share/> }.into_any(),
        Route::Calculator => view! { <calculator::Calculator/> }.into_any(),
        Route::Deployment(id, page) => view! {
            <deployment::layout::DeploymentFrame id=id.clone() page=page.clone()>
                {deployment_page(id.clone(), page.clone())}
            </deployment::layout::DeploymentFrame>
        }
        .into_any(),
        Route::NotFound => view! { <NotFound/> }.into_any(),
    }
}

/// The page of one deployment, inside its frame.
fn deployment_page(id: String, page: Page) -> AnyView {
    match page {
        Page::Progress => view! { <progress::Progress id=id/> }.into_any(),
        Page::Edit => view! { <deployment::settings::DeploymentForm editing=Some(id)/> }.into_any(),
        Page::Delete => view! { <deployment::delete::DeploymentDelete id=id/> }.into_any(),
        Page::Providers => view! { <providers::Providers id=id/> }.into_any(),
        Page::NewProvider => view! { <providers::ProviderForm id=id editing=None/> }.into_any(),
        Page::EditProvider(p) => view! { <providers::ProviderForm id=id editing=Some(p)/> }.into_any(),
        Page::Provider(p) => view! { <providers::provider::ProviderPage id=id provider=p/> }.into_any(),
        Page::RemoveProvider(p) => view! { <providers::provider::RemoveProvider id=id provider=p/> }.into_any(),
        Page::ExitReport(p) => view! { <report::ExitReportPage id=id provider=p/> }.into_any(),
        Page::Volumetrics => view! { <volumetrics::Volumetrics id=id/> }.into_any(),
        Page::Incidents => view! { <incidents::Incidents id=id/> }.into_any(),
        Page::NewIncident => view! { <incidents::IncidentForm id=id editing=None/> }.into_any(),
        Page::EditIncident(i) => view! { <incidents::IncidentForm id=id editing=Some(i)/> }.into_any(),
        Page::Contacts => view! { <contacts::Contacts id=id/> }.into_any(),
        Page::NewContact => view! { <contacts::ContactForm id=id/> }.into_any(),
        Page::Calls => view! { <calls::Calls id=id/> }.into_any(),
        Page::NewCall | Page::Call(_) => {
            let key = if let Page::Call(key) = page { Some(key) } else { None };
            view! { <calls::call::CallPage id=id key=key/> }.into_any()
        }
        Page::CallCadence => view! { <calls::cadence::CadenceForm id=id/> }.into_any(),
        Page::Roles => view! { <roles::Roles id=id/> }.into_any(),
        Page::RasciTask(task) => view! { <roles::matrix::TaskPage id=id task=task/> }.into_any(),
        Page::Responsibilities(who) => view! { <roles::duties::Responsibilities id=id who=who/> }.into_any(),
        Page::Responsibility(item) => view! { <roles::duties::ResponsibilityForm id=id item=item/> }.into_any(),
        Page::NextSteps(who) => view! { <roles::next::NextSteps id=id who=who/> }.into_any(),
        Page::Stages => view! { <stages::StagesOverview id=id/> }.into_any(),
        Page::NewDecision(p) => view! { <stages::decision::DecisionForm id=id provider=p/> }.into_any(),
        Page::BusinessChange(p) => view! { <stages::business_change::BusinessChangePage id=id provider=p/> }.into_any(),
        Page::History(p) => view! { <stages::history::History id=id provider=p/> }.into_any(),
        Page::Issues(query) => view! { <issues::Issues id=id query=query/> }.into_any(),
        // One instance of each form for its pages (each costs wasm).
        page @ (Page::NewIssue | Page::RaiseIssue(_) | Page::EditIssue(_)) => {
            let (editing, source) = match page {
                Page::EditIssue(i) => (Some(i), None),
                Page::RaiseIssue(s) => (None, Some(s)),
                _ => (None, None),
            };
            view! { <issues::form::IssueForm id=id editing=editing source=source/> }.into_any()
        }
        Page::Lessons(query) => view! { <lessons::Lessons id=id query=query/> }.into_any(),
        page @ (Page::NewLesson | Page::EditLesson(_)) => {
            let editing = if let Page::EditLesson(l) = page { Some(l) } else { None };
            view! { <lessons::LessonForm id=id editing=editing/> }.into_any()
        }
    }
}
