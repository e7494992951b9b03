//! A provider's business change: the guide's activities with status, owner,
//! target date and notes, and the view access to the supplier's solution
//! that the work needs.

use bars_domain::describe_date;
use bars_domain::forms::BusinessChangeDraft;
use bars_domain::records::{Activity, ActivityStatus, MilestoneKind};
use bars_domain::validation::FieldError;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::state::browser::{new_id, now, set_title, today};
use crate::state::hooks::use_as_of;
use crate::state::route::{deployment_href, Page};
use crate::state::store::use_store;
use crate::ui::date_input::DateInput;
use crate::ui::form::{choices, error_for, show_errors, Choice, ErrorSummary, Radios, Select, TextArea};
use crate::ui::table::Table;
use crate::ui::tag::tag;
use crate::ui::text::bdi;

const FORM: &str = "activity";

fn status_tag(status: Option<ActivityStatus>) -> AnyView {
    match status {
        Some(ActivityStatus::Completed) => tag("Completed", "green"),
        Some(ActivityStatus::InProgress) => view! { <strong class="nhsuk-tag nhsuk-tag--blue">"In progress"</strong> }.into_any(),
        _ => tag("Not started", "grey"),
    }
}

#[component]
pub fn BusinessChangePage(id: String, provider: String) -> impl IntoView {
    let store = use_store();
    let as_of = use_as_of();
    let Some(name) = super::provider_name(&id, &provider) else {
        return view! { <crate::ui::not_found::NotFound/> }.into_any();
    };
    set_title(&format!("Business change of {name}"));
    let access = {
        let (id, provider) = (id.clone(), provider.clone());
        move || {
            let as_of = as_of.get();
            store.state.with(|s| {
                let stages = s.deployment(&id).map(|d| bars_domain::stages::provider_stages(d, &provider, as_of));
                match stages.and_then(|st| st.gate(MilestoneKind::ViewAccess)) {
                    Some(on) => format!("The provider has had view access to the supplier's solution since {}.", describe_date(on)),
                    None => "Not recorded yet: the provider needs view access to the supplier's solution (its user interface and new functions) to design the future state. Record it on the provider's page under checks and milestones.".to_owned(),
                }
            })
        }
    };
    let rows = {
        let (id, provider) = (id.clone(), provider.clone());
        move || {
            store.state.with(|s| {
                let Some(d) = s.deployment(&id) else { return Vec::new() };
                Activity::ALL
                    .iter()
                    .map(|a| {
                        let rec = d.business_change_of(&provider, *a);
                        let owner = rec
                            .and_then(|r| r.owner_id.as_deref())
                            .map(|o| d.contacts.iter().find(|c| c.id == o).map(|c| c.name.clone()).unwrap_or_else(|| "A contact no longer in the deployment".to_owned()))
                            .unwrap_or_default();
                        let target = rec.and_then(|r| r.target_date).map(describe_date).unwrap_or_default();
                        let done = rec.and_then(|r| r.completed_on).map(|d| format!("Completed on {}. ", describe_date(d))).unwrap_or_default();
                        let notes = format!("{done}{}", rec.map(|r| r.notes.as_str()).unwrap_or(""));
                        view! {
                            <tr class="nhsuk-table__row" data-activity=a.key()>
                                <th class="nhsuk-table__header" scope="row">
                                    {a.label()}
                                    {a.hint().map(|h| view! { <span class="nhsuk-hint app-row-hint">{h}</span> }.into_any())}
                                </th>
                                <td class="nhsuk-table__cell">{status_tag(rec.map(|r| r.status))}</td>
                                <td class="nhsuk-table__cell">{owner}</td>
                                <td class="nhsuk-table__cell">{target}</td>
                                <td class="nhsuk-table__cell">{notes}</td>
                            </tr>
                        }.into_any()
                    })
                    .collect::<Vec<_>>()
            })
        }
    };
    view! {
        <a class="nhsuk-back-link" href=deployment_href(&id, Page::Provider(provider.clone()))>"Back to the provider"</a>
        <span class="nhsuk-caption-l">{bdi(name)}</span>
        <h1 id="page-heading" tabindex="-1">"Business change"</h1>
        <p class="nhsuk-body">"To get the benefits of a BaRS-conformant solution, the provider changes how it works alongside the technical stages. The supplier supports the work, including training and new workflows."</p>
        <div class="nhsuk-inset-text" id="view-access"><span class="nhsuk-u-visually-hidden">"Information: "</span><p>{move || access()}</p></div>
        <Table id="activities" caption="Business change activities" headers=&["Activity", "Status", "Owner", "Target date", "Notes"]>{move || rows()}</Table>
        <ActivityForm id=id provider=provider/>
    }
    .into_any()
}

#[component]
fn ActivityForm(id: String, provider: String) -> impl IntoView {
    let store = use_store();
    let activity = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let owner = RwSignal::new(String::new());
    let target_date = RwSignal::new(String::new());
    let completed_on = RwSignal::new(String::new());
    let notes = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let saved = RwSignal::new(None::<&'static str>);
    // Choosing an activity shows what is recorded for it, to change.
    {
        let (id, provider) = (id.clone(), provider.clone());
        Effect::new(move |_| {
            let Some(a) = Activity::from_key(&activity.get()) else { return };
            let draft = store.state.with_untracked(|s| {
                s.deployment(&id).and_then(|d| d.business_change_of(&provider, a)).map(BusinessChangeDraft::from_record).unwrap_or_default()
            });
            status.set(draft.status);
            owner.set(draft.owner);
            target_date.set(draft.target_date);
            completed_on.set(draft.completed_on);
            notes.set(draft.notes);
        });
    }
    let owners: Signal<Vec<Choice>> = {
        let id = id.clone();
        Signal::derive(move || {
            store.state.with(|s| {
                s.deployment(&id)
                    .map(|d| d.contacts.iter().map(|c| (c.id.clone(), format!("{} ({}, {})", c.name, c.role, c.organisation), None)).collect())
                    .unwrap_or_default()
            })
        })
    };
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(a) = Activity::from_key(&activity.get_untracked()) else {
            return show_errors(errors, vec![FieldError::new("activity", "Select the activity")]);
        };
        let draft = BusinessChangeDraft {
            status: status.get_untracked(),
            owner: owner.get_untracked(),
            target_date: target_date.get_untracked(),
            completed_on: completed_on.get_untracked(),
            notes: notes.get_untracked(),
        };
        let checked = store.state.with_untracked(|s| s.deployment(&id).map(|d| draft.record(d, &provider, a, today(), new_id(), now())));
        match checked {
            Some(Ok(record)) => {
                store.change_deployment(&id, |d| bars_domain::Deployment::upsert(&mut d.business_change, record));
                errors.set(Vec::new());
                saved.set(Some(a.label()));
            }
            Some(Err(found)) => show_errors(errors, found),
            None => {}
        }
    };
    view! {
        <div class="nhsuk-card" id="record-activity">
            <div class="nhsuk-card__content">
                <h2 class="nhsuk-card__heading nhsuk-heading-m">"Update an activity"</h2>
                <ErrorSummary errors=errors form=FORM/>
                {move || saved.get().map(|m| view! { <p class="nhsuk-body app-confirmation" role="status">{format!("Saved: {m}.")}</p> }.into_any())}
                <form novalidate on:submit=on_submit>
                    <Select form=FORM field="activity" label="Activity" value=activity error=error_for(errors, "activity")
                        choices=Signal::derive(|| choices(&Activity::ALL, Activity::key, Activity::label))/>
                    <Radios form=FORM field="status" legend="Status" value=status error=error_for(errors, "status")
                        choices=choices(&ActivityStatus::ALL, ActivityStatus::key, ActivityStatus::label)>
                        <DateInput form=FORM field="completed_on" legend="Date completed" value=completed_on error=error_for(errors, "completed_on")/>
                    </Radios>
                    <Select form=FORM field="owner" label="Owner (optional)" value=owner error=error_for(errors, "owner") choices=owners/>
                    <DateInput form=FORM field="target_date" legend="Target date (optional)" value=target_date error=error_for(errors, "target_date")/>
                    <TextArea form=FORM field="notes" label="Notes (optional)" value=notes error=error_for(errors, "notes")
                        hint="Never include patient details."/>
                    <button class="nhsuk-button" type="submit">"Save activity"</button>
                </form>
            </div>
        </div>
    }
}
