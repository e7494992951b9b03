//! Each party's responsibilities as a checklist: ticked off by hand, or
//! shown from where the tracker already holds them (gates, contacts, the
//! test plan).

use bars_domain::next_steps::Viewer;
use bars_domain::records::{Party, ResponsibilityDraft};
use bars_domain::responsibilities::{latest, states_of, Duty, DutyState, Status, Where};
use bars_domain::validation::FieldError;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::state::browser::{new_id, now, set_title};
use crate::state::hooks::use_as_of;
use crate::state::route::{deployment_href, use_router, Page, Route};
use crate::state::store::use_store;
use crate::ui::date_input::DateInput;
use crate::ui::form::{choices, error_for, show_errors, Choice, ErrorSummary, Radios, Select, TextArea};
use crate::ui::tag::tag;
use crate::ui::text::bdi;

/// A status as an NHS tag ("Not known" where the tracker holds no state).
pub fn status_tag(status: Option<Status>) -> AnyView {
    match status {
        Some(Status::Done) => tag("Done", "green"),
        Some(Status::InProgress) => tag("In progress", "blue"),
        Some(Status::NotStarted) => tag("Not started", "grey"),
        Some(Status::NotApplicable) => tag("Not applicable", "white"),
        None => tag("Not in the tracker", "yellow"),
    }
}

/// The page a state from elsewhere is changed on, and the words for the link.
pub fn where_link(deployment_id: &str, place: &Where) -> Option<(String, &'static str)> {
    match place {
        Where::Provider(id) => Some((deployment_href(deployment_id, Page::Provider(id.clone())), "Go to the provider")),
        Where::Providers => Some((deployment_href(deployment_id, Page::Providers), "Go to the providers")),
        Where::Contacts => Some((deployment_href(deployment_id, Page::Contacts), "Go to contacts")),
        Where::ExitReport(id) => Some((deployment_href(deployment_id, Page::ExitReport(id.clone())), "Go to the exit report")),
        Where::Nowhere => None,
    }
}

/// The item of a responsibility's form: "duty" or "duty:provider id".
fn item(duty: Duty, provider_id: Option<&str>) -> String {
    match provider_id {
        Some(id) => format!("{}:{id}", duty.key()),
        None => duty.key().to_owned(),
    }
}

fn row(deployment_id: &str, s: &DutyState, owner: Option<String>) -> AnyView {
    let label = s.duty.label();
    let action = match &s.from_elsewhere {
        Some((_, place)) => where_link(deployment_id, place)
            .map(|(href, words)| view! { <a href=href>{words}<span class="nhsuk-u-visually-hidden">{format!(" for: {label}")}</span></a> }.into_any()),
        None => {
            let href = deployment_href(deployment_id, Page::Responsibility(item(s.duty, s.provider_id.as_deref())));
            Some(view! { <a href=href>"Update"<span class="nhsuk-u-visually-hidden">{format!(" {label}")}</span></a> }.into_any())
        }
    };
    let detail = match (&s.from_elsewhere, &s.record) {
        (Some((words, _)), _) => Some(words.clone()),
        (None, Some(r)) => {
            let mut parts = Vec::new();
            if let Some(date) = r.date {
                parts.push(bars_domain::describe_date(date));
            }
            if !r.notes.is_empty() {
                parts.push(r.notes.clone());
            }
            (!parts.is_empty()).then(|| parts.join(". "))
        }
        _ => None,
    };
    view! {
        <tr class="nhsuk-table__row" data-duty=s.duty.key() data-status=s.status.map(|st| st.key()).unwrap_or("unknown")>
            <td class="nhsuk-table__cell">
                <span class="nhsuk-table__heading" aria-hidden="true">"Responsibility"</span>
                <span>{label}{s.context.clone().map(|c| view! { <br/><span class="nhsuk-body-s">{c}</span> }.into_any())}</span>
            </td>
            <td class="nhsuk-table__cell"><span class="nhsuk-table__heading" aria-hidden="true">"Status"</span>{status_tag(s.status)}</td>
            <td class="nhsuk-table__cell"><span class="nhsuk-table__heading" aria-hidden="true">"Owner"</span><span>{owner.map(bdi)}</span></td>
            <td class="nhsuk-table__cell"><span class="nhsuk-table__heading" aria-hidden="true">"Details"</span><span>{detail.map(bdi)}</span></td>
            <td class="nhsuk-table__cell">{action}</td>
        </tr>
    }
    .into_any()
}

#[component]
pub fn Responsibilities(id: String, who: Option<String>) -> impl IntoView {
    let store = use_store();
    let as_of = use_as_of();
    set_title("Responsibilities");
    let viewer = who.as_deref().and_then(Viewer::from_key).unwrap_or(Viewer { party: Party::Supplier, which: None });
    let party = viewer.party;
    let tabs = Party::ALL
        .iter()
        .map(|p| {
            let href = deployment_href(&id, Page::Responsibilities(Some(p.key().to_owned())));
            view! {
                <li class="app-subnav__item">
                    <a class="app-subnav__link" href=href aria-current=(*p == party).then_some("page")>{p.label()}</a>
                </li>
            }.into_any()
        })
        .collect_view();
    // For providers: all of them, or one.
    let provider_links = {
        let id = id.clone();
        let which = viewer.which.clone();
        move || {
            (party == Party::Provider).then(|| {
                store.state.with(|s| {
                    let d = s.deployment(&id)?;
                    let link = |key: String, name: String, current: bool| {
                        let href = deployment_href(&id, Page::Responsibilities(Some(key)));
                        view! { <li><a href=href aria-current=current.then_some("page")>{bdi(name)}</a></li> }
                    };
                    let mut links = vec![link(Party::Provider.key().to_owned(), "All providers".to_owned(), which.is_none())];
                    links.extend(d.providers.iter().map(|p| {
                        let key = Viewer { party: Party::Provider, which: Some(p.id.clone()) }.key();
                        link(key, p.name.clone(), which.as_deref() == Some(p.id.as_str()))
                    }));
                    Some(view! {
                        <nav aria-label="Providers"><ul class="nhsuk-list app-inline-list">{links}</ul></nav>
                    }.into_any())
                })
            })
        }
    };
    let content = {
        let id = id.clone();
        move || {
            let as_of = as_of.get();
            store.state.with(|s| {
                let d = s.deployment(&id)?;
                let owner_name = |owner: Option<&str>| {
                    owner.map(|o| d.contacts.iter().find(|c| c.id == o).map(|c| c.name.clone()).unwrap_or_else(|| "A contact since removed".to_owned()))
                };
                let groups: Vec<(Option<String>, Option<&str>)> = if party == Party::Provider {
                    viewer.providers(d).map(|p| (Some(p.name.clone()), Some(p.id.as_str()))).collect()
                } else {
                    vec![(None, None)]
                };
                if groups.is_empty() {
                    return Some(view! { <p class="nhsuk-body">"Add the providers taking part to see their responsibilities."</p> }.into_any());
                }
                Some(
                    groups
                        .into_iter()
                        .map(|(name, provider_id)| {
                            let states = states_of(d, party, provider_id, as_of);
                            let open = states.iter().filter(|s| s.is_open()).count();
                            let rows = states
                                .iter()
                                .map(|st| row(&id, st, owner_name(st.record.as_ref().and_then(|r| r.owner_id.as_deref()))))
                                .collect_view();
                            let caption = match &name {
                                Some(n) => format!("Responsibilities of {n}"),
                                None => format!("Responsibilities of the {}", party.label()),
                            };
                            view! {
                                {name.map(|n| view! { <h2 class="nhsuk-heading-m">{bdi(n)}</h2> }.into_any())}
                                <p class="nhsuk-body-s">{format!("{open} of {} still to do.", states.len())}</p>
                                <table class="nhsuk-table nhsuk-table--responsive app-duties" data-provider=provider_id.map(str::to_owned)>
                                    <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">{caption}</caption>
                                    <thead class="nhsuk-table__head"><tr class="nhsuk-table__row">
                                        <th class="nhsuk-table__header" scope="col">"Responsibility"</th>
                                        <th class="nhsuk-table__header" scope="col">"Status"</th>
                                        <th class="nhsuk-table__header" scope="col">"Owner"</th>
                                        <th class="nhsuk-table__header" scope="col">"Details"</th>
                                        <th class="nhsuk-table__header" scope="col"><span class="nhsuk-u-visually-hidden">"Actions"</span></th>
                                    </tr></thead>
                                    <tbody class="nhsuk-table__body">{rows}</tbody>
                                </table>
                            }.into_any()
                        })
                        .collect_view()
                        .into_any(),
                )
            })
        }
    };
    view! {
        <a class="nhsuk-back-link" href=deployment_href(&id, Page::Roles)>"Back to roles"</a>
        <h1 id="page-heading" tabindex="-1">"Responsibilities"</h1>
        <p class="nhsuk-body">"What each party has agreed to do, from the beta deployment guide. Where the tracker already records something (a gate, the test plan, contacts), its state is shown from there."</p>
        <nav class="app-subnav" aria-label="Parties">
            <ul class="app-subnav__list">{tabs}</ul>
        </nav>
        {provider_links}
        {content}
    }
}

const FORM: &str = "responsibility";

#[component]
pub fn ResponsibilityForm(id: String, item: String) -> impl IntoView {
    let store = use_store();
    let router = use_router();
    let (duty_key, provider_id) = match item.split_once(':') {
        Some((d, p)) => (d.to_owned(), Some(p.to_owned())),
        None => (item.clone(), None),
    };
    let found = Duty::from_key(&duty_key).and_then(|duty| {
        store.state.with_untracked(|s| {
            let d = s.deployment(&id)?;
            let provider = match (&provider_id, duty.per_provider()) {
                (Some(p), true) => Some(d.provider(p)?.name.clone()),
                (None, false) => None,
                _ => return None,
            };
            Some((duty, provider, latest(&d.responsibilities, duty, provider_id.as_deref()).cloned()))
        })
    });
    let Some((duty, provider_name, existing)) = found else {
        return view! { <crate::ui::not_found::NotFound/> }.into_any();
    };
    set_title(duty.label());
    let draft = existing.as_ref().map(ResponsibilityDraft::from_record).unwrap_or_default();
    let status = RwSignal::new(draft.status);
    let owner = RwSignal::new(draft.owner_id);
    let date = RwSignal::new(draft.date);
    let notes = RwSignal::new(draft.notes);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let party = duty.party();
    let owners: Signal<Vec<Choice>> = {
        let (id, provider_id) = (id.clone(), provider_id.clone());
        Signal::derive(move || {
            store.state.with(|s| {
                let Some(d) = s.deployment(&id) else { return Vec::new() };
                let mut list: Vec<Choice> = vec![(String::new(), "No one yet".to_owned(), None)];
                list.extend(
                    d.contacts_at(party)
                        .filter(|c| provider_id.is_none() || c.provider_id == provider_id)
                        .map(|c| (c.id.clone(), format!("{} ({}, {})", c.name, c.role, c.organisation), None)),
                );
                list
            })
        })
    };
    let back_viewer = Viewer { party, which: provider_id.clone() }.key();
    let back = deployment_href(&id, Page::Responsibilities(Some(back_viewer.clone())));
    let deployment_id = id.clone();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let draft = ResponsibilityDraft { status: status.get_untracked(), owner_id: owner.get_untracked(), date: date.get_untracked(), notes: notes.get_untracked() };
        let checked = store.state.with_untracked(|s| {
            s.deployment(&deployment_id).map(|d| {
                let existing = latest(&d.responsibilities, duty, provider_id.as_deref());
                draft.record(d, duty, provider_id.as_deref(), existing, new_id, now())
            })
        });
        match checked {
            Some(Ok(record)) => {
                store.change_deployment(&deployment_id, |d| bars_domain::Deployment::upsert(&mut d.responsibilities, record));
                router.go(&Route::Deployment(deployment_id.clone(), Page::Responsibilities(Some(back_viewer.clone()))));
            }
            Some(Err(found)) => show_errors(errors, found),
            None => {}
        }
    };
    let caption = match provider_name {
        Some(name) => bdi(name).into_any(),
        None => party.label().into_any(),
    };
    view! {
        <a class="nhsuk-back-link" href=back>"Back to responsibilities"</a>
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-two-thirds">
                <ErrorSummary errors=errors form=FORM/>
                <span class="nhsuk-caption-l">{caption}</span>
                <h1 id="page-heading" tabindex="-1">{duty.label()}</h1>
                <form novalidate on:submit=on_submit>
                    <Radios form=FORM field="status" legend="How far is it?" value=status error=error_for(errors, "status")
                        choices=choices(&Status::ALL, Status::key, Status::label)/>
                    <Select form=FORM field="owner" label="Who owns it?" choices=owners value=owner error=error_for(errors, "owner") placeholder=false/>
                    <DateInput form=FORM field="date" legend="Date (optional)" value=date error=error_for(errors, "date")
                        hint="When it is due, or when it was done. For example, 15 3 2026."/>
                    <TextArea form=FORM field="notes" label="Notes (optional)" value=notes error=error_for(errors, "notes")/>
                    <button class="nhsuk-button" type="submit">"Save"</button>
                </form>
            </div>
        </div>
    }
    .into_any()
}
