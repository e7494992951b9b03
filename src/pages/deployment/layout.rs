//! The frame every page of one deployment shares: its name and the section
//! navigation. The page inside comes from the dispatcher in `pages`.

use leptos::prelude::*;

use crate::state::route::{deployment_href, LogQuery, Page};
use crate::state::store::use_store;
use crate::ui::not_found::NotFound;

/// The sections in the navigation, and the page each opens.
const SECTIONS: [(&str, Page); 10] = [
    ("Progress", Page::Progress),
    ("Stages", Page::Stages),
    ("Providers", Page::Providers),
    ("Volumetrics", Page::Volumetrics),
    ("Incidents", Page::Incidents),
    ("Issues", Page::Issues(LogQuery::NONE)),
    ("Lessons", Page::Lessons(LogQuery::NONE)),
    ("Contacts", Page::Contacts),
    ("Calls", Page::Calls),
    ("Roles", Page::Roles),
];

/// Which section a page belongs to, for the navigation's current marker.
fn section_of(page: &Page) -> &'static str {
    match page {
        Page::Progress | Page::Edit | Page::Delete => "Progress",
        Page::Stages => "Stages",
        Page::Providers
        | Page::NewProvider
        | Page::Provider(_)
        | Page::EditProvider(_)
        | Page::RemoveProvider(_)
        | Page::NewDecision(_)
        | Page::BusinessChange(_)
        | Page::History(_)
        | Page::ExitReport(_) => "Providers",
        Page::Volumetrics => "Volumetrics",
        Page::Incidents | Page::NewIncident | Page::EditIncident(_) => "Incidents",
        Page::Contacts | Page::NewContact => "Contacts",
        Page::Calls | Page::NewCall | Page::Call(_) | Page::CallCadence => "Calls",
        Page::Issues(_) | Page::NewIssue | Page::RaiseIssue(_) | Page::EditIssue(_) => "Issues",
        Page::Lessons(_) | Page::NewLesson | Page::EditLesson(_) => "Lessons",
        Page::Roles | Page::RasciTask(_) | Page::Responsibilities(_) | Page::Responsibility(_) | Page::NextSteps(_) => "Roles",
    }
}

#[component]
pub fn DeploymentFrame(id: String, page: Page, children: ChildrenFn) -> impl IntoView {
    let store = use_store();
    let exists = {
        let id = id.clone();
        Memo::new(move |_| store.state.with(|s| s.deployment(&id).is_some()))
    };
    move || {
        if !exists.get() {
            return view! { <NotFound/> }.into_any();
        }
        let name = store.state.with_untracked(|s| s.deployment(&id).map(|d| d.name.clone()).unwrap_or_default());
        let current = section_of(&page);
        let nav = SECTIONS
            .iter()
            .map(|(label, page)| {
                let is_current = *label == current;
                view! {
                    <li class="app-subnav__item">
                        <a class="app-subnav__link" href=deployment_href(&id, page.clone())
                            aria-current=is_current.then_some("page")>{*label}</a>
                    </li>
                }.into_any()
            })
            .collect_view();
        view! {
            <p class="app-deployment-name nhsuk-caption-m">{name}</p>
            <nav class="app-subnav" aria-label="Deployment sections">
                <ul class="app-subnav__list">{nav}</ul>
            </nav>
            {children()}
        }
        .into_any()
    }
}
