//! "What my organisation does next": choose a party (and which provider or
//! supplier), then see everything across the deployment waiting on it. The
//! choice is kept in this browser and in the link.

use bars_domain::next_steps::{next_steps, suppliers, Link, Step, StepKind, Viewer};
use bars_domain::records::Party;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::state::browser::set_title;
use crate::state::hooks::{use_readiness, use_as_of};
use crate::state::party::{remember, remembered};
use crate::state::route::{deployment_href, use_router, Page, Route};
use crate::state::store::use_store;
use crate::ui::form::{choices, error_for, Choice, ErrorSummary, Radios, Select};
use crate::ui::text::bdi;

fn href(deployment_id: &str, link: &Link) -> Option<String> {
    let page = match link {
        Link::Provider(id) => Page::Provider(id.clone()),
        Link::Decision(id) => Page::NewDecision(id.clone()),
        Link::Task(task) => Page::RasciTask(task.key().to_owned()),
        Link::Responsibility(duty, provider) => Page::Responsibility(match provider {
            Some(p) => format!("{}:{p}", duty.key()),
            None => duty.key().to_owned(),
        }),
        Link::Contacts => Page::Contacts,
        Link::Nowhere => return None,
    };
    Some(deployment_href(deployment_id, page))
}

/// One step; the provider it is for is named unless the page is for one provider.
fn step_item(deployment_id: &str, step: &Step, name_provider: bool) -> AnyView {
    let text = step.text.clone();
    let link = href(deployment_id, &step.link);
    let main = match link {
        Some(h) => view! { <a href=h>{text}</a> }.into_any(),
        None => text.into_any(),
    };
    view! {
        <li>
            {main}
            {step.provider.clone().filter(|_| name_provider).map(|p| view! { " \u{2013} "{bdi(p)} }.into_any())}
            {step.detail.clone().map(|d| view! { <br/><span class="nhsuk-body-s">{d}</span> }.into_any())}
        </li>
    }
    .into_any()
}

const FORM: &str = "party";

#[component]
pub fn NextSteps(id: String, who: Option<String>) -> impl IntoView {
    let store = use_store();
    let router = use_router();
    set_title("What my organisation does next");
    // Opened without a choice in the link: take this browser's last one.
    if who.is_none() {
        if let Some(key) = remembered(&id).filter(|k| Viewer::from_key(k).is_some()) {
            // After this render: the page is then drawn again for the new address.
            let route = Route::Deployment(id.clone(), Page::NextSteps(Some(key)));
            request_animation_frame(move || router.replace(&route));
        }
    }
    let viewer = who.as_deref().and_then(Viewer::from_key);
    if let Some(v) = &viewer {
        remember(&id, &v.key());
    }
    let party = RwSignal::new(viewer.as_ref().map(|v| v.party.key().to_owned()).unwrap_or_default());
    let provider = RwSignal::new(viewer.as_ref().filter(|v| v.party == Party::Provider).and_then(|v| v.which.clone()).unwrap_or_default());
    let supplier = RwSignal::new(viewer.as_ref().filter(|v| v.party == Party::Supplier).and_then(|v| v.which.clone()).unwrap_or_default());
    let errors = RwSignal::new(Vec::new());
    let providers: Signal<Vec<Choice>> = {
        let id = id.clone();
        Signal::derive(move || {
            store.state.with(|s| {
                let mut list: Vec<Choice> = vec![(String::new(), "All providers".to_owned(), None)];
                if let Some(d) = s.deployment(&id) {
                    list.extend(d.providers.iter().map(|p| (p.id.clone(), p.name.clone(), None)));
                }
                list
            })
        })
    };
    let supplier_choices: Signal<Vec<Choice>> = {
        let id = id.clone();
        Signal::derive(move || {
            store.state.with(|s| {
                let mut list: Vec<Choice> = vec![(String::new(), "All suppliers".to_owned(), None)];
                if let Some(d) = s.deployment(&id) {
                    list.extend(suppliers(d).into_iter().map(|n| (n.clone(), n, None)));
                }
                list
            })
        })
    };
    let deployment_id = id.clone();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(p) = Party::from_key(&party.get_untracked()) else {
            return crate::ui::form::show_errors(errors, vec![bars_domain::FieldError::new("party", "Select your party")]);
        };
        let which = match p {
            Party::Provider => provider.get_untracked(),
            Party::Supplier => supplier.get_untracked(),
            _ => String::new(),
        };
        let viewer = Viewer { party: p, which: (!which.is_empty()).then_some(which) };
        remember(&deployment_id, &viewer.key());
        router.go(&Route::Deployment(deployment_id.clone(), Page::NextSteps(Some(viewer.key()))));
    };
    let readiness = use_readiness(id.clone());
    let as_of = use_as_of();
    let results = {
        let id = id.clone();
        let viewer = viewer.clone();
        move || {
            let viewer = viewer.clone()?;
            let as_of = as_of.get();
            readiness.with(|r| {
                let r = r.as_ref()?;
                store.state.with(|s| {
                    let d = s.deployment(&id)?;
                    let steps = next_steps(d, &viewer, as_of, r);
                    let name_provider = !(viewer.party == Party::Provider && viewer.which.is_some());
                    let who = match (&viewer.party, viewer.which.as_deref()) {
                        (Party::Provider, Some(pid)) => d.provider(pid).map(|p| p.name.clone()).unwrap_or_else(|| "a provider no longer here".to_owned()),
                        (Party::Supplier, Some(name)) => name.to_owned(),
                        (party, _) => party.label().to_owned(),
                    };
                    let groups = StepKind::ALL
                        .iter()
                        .map(|kind| {
                            let mine: Vec<&Step> = steps.iter().filter(|s| s.kind == *kind).collect();
                            let count = mine.len();
                            let body = if mine.is_empty() {
                                view! { <p class="nhsuk-body">{kind.none()}</p> }.into_any()
                            } else {
                                let items = mine.into_iter().map(|s| step_item(&id, s, name_provider)).collect_view();
                                view! { <ul class="nhsuk-list nhsuk-list--bullet">{items}</ul> }.into_any()
                            };
                            view! {
                                <section class="app-next-steps__group" data-kind=kind.key()>
                                    <h2 class="nhsuk-heading-m">{kind.heading()}" "<span class="nhsuk-caption-m app-count">{format!("({count})")}</span></h2>
                                    {body}
                                </section>
                            }.into_any()
                        })
                        .collect_view();
                    Some(view! {
                        <p class="nhsuk-lede-text" id="next-steps-for">"Next steps for "{bdi(who)}</p>
                        {groups}
                    }.into_any())
                })
            })
        }
    };
    view! {
        <a class="nhsuk-back-link" href=deployment_href(&id, Page::Roles)>"Back to roles"</a>
        <ErrorSummary errors=errors form=FORM/>
        <h1 id="page-heading" tabindex="-1">"What my organisation does next"</h1>
        <form novalidate on:submit=on_submit class="app-party-choice">
            <Radios form=FORM field="party" legend="Which party are you?" value=party error=error_for(errors, "party")
                hint="This browser remembers your choice for this deployment, and the page\u{2019}s link carries it."
                choices=choices(&Party::ALL, Party::key, Party::label)/>
            <crate::ui::when::When when=std::sync::Arc::new(move || party.get() == "provider")>
                <Select form=FORM field="provider" label="Which provider?" choices=providers value=provider error=error_for(errors, "provider") placeholder=false/>
            </crate::ui::when::When>
            <crate::ui::when::When when=std::sync::Arc::new(move || party.get() == "supplier")>
                <Select form=FORM field="supplier" label="Which supplier?" choices=supplier_choices value=supplier error=error_for(errors, "supplier") placeholder=false/>
            </crate::ui::when::When>
            <button class="nhsuk-button nhsuk-button--secondary" type="submit">"Show next steps"</button>
        </form>
        {results}
    }
}
