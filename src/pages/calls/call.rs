//! One call: change when it is and how long, cancel it, record its notes, and
//! its actions (owner, due date, done). A proposed call is stored the first
//! time someone saves it or adds an action, and then stands in for the proposal.

use bars_domain::calls::{find_entry, store_call};
use bars_domain::records::{ActionDraft, Call, CallDraft};
use bars_domain::validation::FieldError;
use bars_domain::describe_date;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use super::entries_of;
use crate::state::browser::{new_id, now, set_title};
use crate::state::hooks::use_readiness;
use crate::state::route::{deployment_href, use_router, Page, Route};
use crate::state::store::use_store;
use crate::ui::date_input::DateInput;
use crate::ui::form::{error_for, show_errors, Checkbox, ErrorSummary, TextArea, TextInput};
use crate::ui::table::Table;
use crate::ui::text::bdi;

const FORM: &str = "call";
const ACTION_FORM: &str = "action";

/// `key` is a stored call's id or a proposal's slot; `None` adds a call.
#[component]
pub fn CallPage(id: String, key: Option<String>) -> impl IntoView {
    let store = use_store();
    let router = use_router();
    let readiness = use_readiness(id.clone());
    // The call as it is now (stored, or still only proposed).
    let current = {
        let (id, key) = (id.clone(), key.clone());
        move || find_entry(&entries_of(&id, readiness), key.as_deref()?)
    };
    let initial = untrack(current.clone());
    if key.is_some() && initial.is_none() {
        return view! { <crate::ui::not_found::NotFound/> }.into_any();
    }
    let heading = initial.as_ref().map_or_else(|| "Add a call".to_owned(), |e| e.call.title.clone());
    set_title(&heading);
    let draft = initial.as_ref().map(|e| CallDraft::from_call(&e.call)).unwrap_or_else(|| CallDraft { start: "10:00".into(), minutes: "30".into(), ..Default::default() });
    let title = RwSignal::new(draft.title);
    let date = RwSignal::new(draft.date);
    let start = RwSignal::new(draft.start);
    let minutes = RwSignal::new(draft.minutes);
    let cancelled = RwSignal::new(draft.cancelled);
    let notes = RwSignal::new(draft.notes);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let deployment_id = id.clone();
    let on_submit = {
        let (current, deployment_id) = (current.clone(), deployment_id.clone());
        move |ev: SubmitEvent| {
        ev.prevent_default();
        let draft = CallDraft {
            title: title.get_untracked(),
            date: date.get_untracked(),
            start: start.get_untracked(),
            minutes: minutes.get_untracked(),
            cancelled: cancelled.get_untracked(),
            notes: notes.get_untracked(),
        };
        let base = untrack(current.clone()).map(|e| e.call);
        match draft.validate(base.as_ref(), now(), new_id) {
            Ok(call) => {
                store.change_deployment(&deployment_id, |d| store_call(d, call));
                router.go(&Route::Deployment(deployment_id.clone(), Page::Calls));
            }
            Err(found) => show_errors(errors, found),
        }
    }};
    // A stored call can be removed: an added one is deleted, a changed
    // proposal goes back to what the cadence proposes.
    let removal = initial.as_ref().filter(|e| e.stored).map(|e| {
        let label = if e.call.slot.is_some() { "Undo my changes to this call" } else { "Delete this call" };
        let (call_id, id) = (e.call.id.clone(), deployment_id.clone());
        let on_click = move |_| {
            store.change_deployment(&id, |d| {
                d.remove(&call_id, now());
            });
            router.go(&Route::Deployment(id.clone(), Page::Calls));
        };
        view! { <button class="nhsuk-button nhsuk-button--warning" type="button" on:click=on_click>{label}</button> }.into_any()
    });
    let caption = initial.as_ref().map(|e| format!("{}, {}", describe_date(e.call.date), e.call.kind.label()));
    let moved = initial.as_ref().and_then(|e| e.now_proposed).map(|(date, start)| {
        format!("This call is not where the cadence would put it, which is {} at {start}: it was moved, or the provider's dates have changed since.", describe_date(date))
    });
    view! {
        <a class="nhsuk-back-link" href=deployment_href(&id, Page::Calls)>"Back to calls"</a>
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-two-thirds">
                <ErrorSummary errors=errors form=FORM/>
                {caption.map(|c| view! { <span class="nhsuk-caption-l">{c}</span> }.into_any())}
                <h1 id="page-heading" tabindex="-1">{bdi(heading)}</h1>
                {moved.map(|m| view! { <div class="nhsuk-inset-text" id="call-moved"><p>{m}</p></div> }.into_any())}
                <form novalidate on:submit=on_submit>
                    <TextInput form=FORM field="title" label="Name of the call" value=title error=error_for(errors, "title")/>
                    <DateInput form=FORM field="date" legend="Date" value=date error=error_for(errors, "date")/>
                    <TextInput form=FORM field="start" label="Start time" value=start error=error_for(errors, "start") width="nhsuk-input--width-5"
                        hint="UK time, on the 24-hour clock, like 09:30 or 14:00."/>
                    <TextInput form=FORM field="minutes" label="Length in minutes" value=minutes error=error_for(errors, "minutes") width="nhsuk-input--width-3"/>
                    <TextArea form=FORM field="notes" label="Notes (optional)" value=notes error=error_for(errors, "notes") rows=6
                        hint="What was discussed and decided. No names of patients, NHS numbers or other patient details."/>
                    <Checkbox form=FORM field="cancelled" label="This call is cancelled" checked=cancelled/>
                    <div class="nhsuk-button-group">
                        <button class="nhsuk-button" type="submit">{if key.is_some() { "Save the call" } else { "Add the call" }}</button>
                        {removal}
                    </div>
                </form>
                {key.clone().map(|key| view! { <Actions id=id.clone() key=key/> }.into_any())}
            </div>
        </div>
    }
    .into_any()
}

/// The call's actions: each can be marked done or removed; one can be added.
#[component]
fn Actions(id: String, key: String) -> impl IntoView {
    let store = use_store();
    let readiness = use_readiness(id.clone());
    let current = {
        let id = id.clone();
        move || find_entry(&entries_of(&id, readiness), &key)
    };
    let action = RwSignal::new(String::new());
    let owner = RwSignal::new(String::new());
    let due = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let saved = RwSignal::new(None::<String>);
    // Changes the call's actions, storing the call first if it was only proposed.
    let change = {
        let current = current.clone();
        move |edit: &dyn Fn(&mut Call)| {
            let Some(entry) = untrack(current.clone()) else { return };
            let mut call = entry.call;
            call.id = call.id_to_store(new_id);
            edit(&mut call);
            call.updated_at = now();
            store.change_deployment(&id, |d| store_call(d, call));
        }
    };
    let on_add = {
        let change = change.clone();
        move |ev: SubmitEvent| {
        ev.prevent_default();
        let draft = ActionDraft { action: action.get_untracked(), owner: owner.get_untracked(), due: due.get_untracked() };
        match draft.validate() {
            Ok(a) => {
                let what = a.action.clone();
                change(&|call: &mut Call| call.actions.push(a.clone()));
                action.set(String::new());
                owner.set(String::new());
                due.set(String::new());
                errors.set(Vec::new());
                saved.set(Some(format!("Added the action \u{201c}{what}\u{201d}.")));
            }
            Err(found) => {
                saved.set(None);
                show_errors(errors, found);
            }
        }
    }};
    let rows = {
        let current = current.clone();
        move || {
        let Some(entry) = current() else { return Vec::new() };
        entry
            .call
            .actions
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let done_id = format!("action-done-{i}");
                let done = a.done;
                let what = a.action.clone();
                view! {
                    <tr class="nhsuk-table__row">
                        <td class="nhsuk-table__cell">{bdi(a.action.clone())}</td>
                        <td class="nhsuk-table__cell">{bdi(a.owner.clone())}</td>
                        <td class="nhsuk-table__cell">{a.due.map(describe_date).unwrap_or_else(|| "No date".to_owned())}</td>
                        <td class="nhsuk-table__cell">
                            <div class="nhsuk-checkboxes nhsuk-checkboxes--small">
                                <div class="nhsuk-checkboxes__item">
                                    <input class="nhsuk-checkboxes__input" type="checkbox" id=done_id.clone() prop:checked=done
                                        on:change={let change = change.clone(); move |ev| {
                                            let checked = event_target_checked(&ev);
                                            change(&|call: &mut Call| if let Some(a) = call.actions.get_mut(i) { a.done = checked; });
                                        }}/>
                                    <label class="nhsuk-label nhsuk-checkboxes__label" for=done_id>"Done"<span class="nhsuk-u-visually-hidden">{format!(": {what}")}</span></label>
                                </div>
                            </div>
                        </td>
                        <td class="nhsuk-table__cell">
                            <button type="button" class="app-link-button" on:click={let change = change.clone(); move |_| {
                                change(&|call: &mut Call| { if i < call.actions.len() { call.actions.remove(i); } });
                            }}>"Remove"<span class="nhsuk-u-visually-hidden">{format!(" action {}", i + 1)}</span></button>
                        </td>
                    </tr>
                }.into_any()
            })
            .collect::<Vec<_>>()
    }};
    let any = move || current().is_some_and(|e| !e.call.actions.is_empty());
    view! {
        <h2 class="nhsuk-heading-m" id="actions">"Actions"</h2>
        <crate::ui::when::When when=std::sync::Arc::new(any) fallback=|| view! { <p class="nhsuk-body">"No actions recorded for this call."</p> }>
            {let rows = rows.clone(); view! {
                <Table id="call-actions" caption="Actions agreed at this call" headers=&["Action", "Owner", "Due", "Done", ""]>{move || rows()}</Table>
            }}
        </crate::ui::when::When>
        <ErrorSummary errors=errors form=ACTION_FORM/>
        {move || saved.get().map(|m| view! { <p class="nhsuk-body app-confirmation" role="status">{bdi(m)}</p> }.into_any())}
        <form novalidate on:submit=on_add>
            <h3 class="nhsuk-heading-s">"Add an action"</h3>
            <TextArea form=ACTION_FORM field="action" label="What is to be done" value=action error=error_for(errors, "action") rows=2/>
            <TextInput form=ACTION_FORM field="owner" label="Owner" value=owner error=error_for(errors, "owner")
                hint="The person or party who will do it, like the supplier's project lead."/>
            <DateInput form=ACTION_FORM field="due" legend="Due date (optional)" value=due error=error_for(errors, "due")/>
            <button class="nhsuk-button nhsuk-button--secondary" type="submit">"Add the action"</button>
        </form>
    }
}
