//! The RASCI matrix as a table (stacked per task on a phone, one A4
//! landscape page in print), and one task's page: its cells, a change to
//! one of them, and every change made so far.

use bars_domain::rasci::{accountable_problems, column_heading, describe_cell, guide_letters, Letter, Row, Task, COLUMNS, GUIDE};
use bars_domain::records::{Party, RasciDraft};
use bars_domain::validation::FieldError;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::state::browser::{new_id, now, set_title};
use crate::state::route::{deployment_href, use_router, Page, Route};
use crate::state::store::use_store;
use crate::ui::accountable::accountable_warning;
use crate::ui::form::{choices, error_for, field_id, invalid, show_errors, ErrorMessage, ErrorSummary, Radios, TextArea, TextInput};
use crate::ui::summary_list::SummaryRow;
use crate::ui::tag::tag;
use crate::ui::text::bdi;

/// A column's name where a phone shows it beside each cell.
fn short_heading(party: Party) -> &'static str {
    match party {
        Party::Supplier => "Supplier",
        Party::Provider => "Provider",
        Party::BarsTeam => "BaRS team",
        Party::PolicyAndStrategy => "Policy",
    }
}

/// The whole matrix, section by section, each task linking to its page.
pub fn matrix_table(deployment_id: &str, rows: &[Row]) -> AnyView {
    let problems: Vec<Task> = accountable_problems(rows).into_iter().map(|p| p.task).collect();
    let head = COLUMNS
        .iter()
        .map(|p| view! { <th class="nhsuk-table__header" scope="col">{column_heading(*p)}</th> }.into_any())
        .collect_view();
    let body = GUIDE
        .iter()
        .map(|section| {
            let tasks = rows
                .iter()
                .filter(|r| r.section == section.heading)
                .map(|row| {
                    let problem = problems.contains(&row.task);
                    let href = deployment_href(deployment_id, Page::RasciTask(row.task.key().to_owned()));
                    let cells = COLUMNS
                        .iter()
                        .map(|party| {
                            let cell = row.cell(*party);
                            let guide = guide_letters(row.task, *party);
                            let changed = cell.letters != guide;
                            view! {
                                <td class="nhsuk-table__cell app-rasci__cell" data-party=party.key() data-letters=cell.letters.clone()>
                                    <span class="nhsuk-table__heading" aria-hidden="true">{short_heading(*party)}</span>
                                    <span>
                                        <abbr title=describe_cell(&cell.letters)>{cell.letters.clone()}</abbr>
                                        {changed.then(|| view! { <span class="app-rasci__guide">{format!(" (guide: {guide})")}</span> }.into_any())}
                                    </span>
                                </td>
                            }.into_any()
                        })
                        .collect_view();
                    view! {
                        <tr class="nhsuk-table__row" class:app-rasci__problem=problem data-task=row.task.key()>
                            <th class="nhsuk-table__header app-rasci__task" scope="row">
                                <a href=href>{row.task.label()}</a>
                                {problem.then(|| view! { <span class="app-rasci__flag">{tag("Check", "red")}</span> }.into_any())}
                            </th>
                            {cells}
                        </tr>
                    }.into_any()
                })
                .collect_view();
            view! {
                <tr class="nhsuk-table__row app-rasci__section">
                    <th class="nhsuk-table__header" scope="colgroup" colspan="5">{section.heading}</th>
                </tr>
                {tasks}
            }.into_any()
        })
        .collect_view();
    view! {
        <table class="nhsuk-table nhsuk-table--responsive app-rasci" id="rasci-matrix">
            <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">"RASCI matrix: each task, and each party\u{2019}s letters"</caption>
            <thead class="nhsuk-table__head">
                <tr class="nhsuk-table__row"><th class="nhsuk-table__header" scope="col">"Task"</th>{head}</tr>
            </thead>
            <tbody class="nhsuk-table__body">{body}</tbody>
        </table>
    }
    .into_any()
}

const FORM: &str = "rasci";

/// One task: its four cells, the form to change one, and its history.
#[component]
pub fn TaskPage(id: String, task: String) -> impl IntoView {
    let Some(task) = Task::from_key(&task) else {
        return view! { <crate::ui::not_found::NotFound/> }.into_any();
    };
    let store = use_store();
    let router = use_router();
    set_title(task.label());
    let row = {
        let id = id.clone();
        Memo::new(move |_| store.state.with(|s| s.deployment(&id).and_then(|d| d.rasci().into_iter().find(|r| r.task == task))))
    };
    let party = RwSignal::new(String::new());
    let letters: [RwSignal<bool>; 5] = std::array::from_fn(|_| RwSignal::new(false));
    let not_applicable = RwSignal::new(false);
    let changed_by = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    // Choosing a party fills the ticks with its cell as it is now.
    Effect::new(move |_| {
        let Some(p) = Party::from_key(&party.get()) else { return };
        let current = row.with_untracked(|r| r.as_ref().map(|r| r.cell(p).letters.clone())).unwrap_or_default();
        let draft = RasciDraft::from_cell(&current);
        for (signal, on) in letters.iter().zip(draft.letters) {
            signal.set(on);
        }
        not_applicable.set(draft.not_applicable);
    });
    let deployment_id = id.clone();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let draft = RasciDraft {
            letters: letters.map(|l| l.get_untracked()),
            not_applicable: not_applicable.get_untracked(),
            changed_by: changed_by.get_untracked(),
            reason: reason.get_untracked(),
        };
        let Some(p) = Party::from_key(&party.get_untracked()) else {
            return show_errors(errors, vec![FieldError::new("party", "Select whose cell is changing")]);
        };
        let current = row.with_untracked(|r| r.as_ref().map(|r| r.cell(p).letters.clone())).unwrap_or_default();
        match draft.record(task, p, &current, new_id(), now()) {
            Ok(change) => {
                store.change_deployment(&deployment_id, |d| d.rasci_changes.push(change));
                router.go(&Route::Deployment(deployment_id.clone(), Page::Roles));
            }
            Err(found) => show_errors(errors, found),
        }
    };
    let cells = move || {
        row.get().map(|row| {
            COLUMNS
                .iter()
                .map(|p| {
                    let cell = row.cell(*p);
                    let guide = guide_letters(task, *p);
                    let source = if cell.change_id.is_some() { format!("changed here; the guide gives {guide}") } else { "as in the guide".to_owned() };
                    let value = format!("{}: {} ({source})", cell.letters, describe_cell(&cell.letters));
                    view! { <SummaryRow key=column_heading(*p) value=value change=None/> }.into_any()
                })
                .collect_view()
        })
    };
    let warning = {
        let id = id.clone();
        move || row.with(|r| r.as_ref().and_then(|r| accountable_warning(&id, &accountable_problems(std::slice::from_ref(r)), false)))
    };
    let history = {
        let id = id.clone();
        move || {
            store.state.with(|s| {
                let d = s.deployment(&id)?;
                let list: Vec<_> = COLUMNS.iter().flat_map(|p| d.rasci_history(task, *p)).cloned().collect();
                let mut list = list;
                bars_domain::order::sort_by_key(&mut list, |c| std::cmp::Reverse(c.updated_at));
                (!list.is_empty()).then(|| {
                    let rows = list
                        .into_iter()
                        .map(|c| {
                            view! {
                                <tr class="nhsuk-table__row">
                                    <td class="nhsuk-table__cell">{bars_domain::labels::long_time(c.updated_at)}</td>
                                    <td class="nhsuk-table__cell">{column_heading(c.party)}</td>
                                    <td class="nhsuk-table__cell">{c.letters.clone()}</td>
                                    <td class="nhsuk-table__cell">{bdi(c.changed_by.clone())}</td>
                                    <td class="nhsuk-table__cell">{bdi(c.reason.clone())}</td>
                                </tr>
                            }.into_any()
                        })
                        .collect_view();
                    view! {
                        <h2 class="nhsuk-heading-m">"Changes so far"</h2>
                        <crate::ui::table::Table caption="Changes to this task, newest first" headers=&["When", "Party", "Letters", "Who", "Why"] id="rasci-history">
                            {rows}
                        </crate::ui::table::Table>
                    }.into_any()
                })
            })
        }
    };
    let letter_boxes = Letter::ALL
        .iter()
        .zip(letters)
        .enumerate()
        .map(|(i, (letter, checked))| {
            let box_id = if i == 0 { field_id(FORM, "letters") } else { format!("{}-{}", field_id(FORM, "letters"), letter.code().to_ascii_lowercase()) };
            view! {
                <div class="nhsuk-checkboxes__item">
                    <input class="nhsuk-checkboxes__input" id=box_id.clone() name="letters" type="checkbox" value=letter.code().to_string()
                        prop:checked=move || checked.get() on:change=move |ev| checked.set(event_target_checked(&ev))/>
                    <label class="nhsuk-label nhsuk-checkboxes__label" for=box_id>{format!("{} \u{2013} {}", letter.code(), letter.word())}</label>
                </div>
            }.into_any()
        })
        .collect_view();
    let letters_error = error_for(errors, "letters");
    let na_id = format!("{}-na", field_id(FORM, "letters"));
    view! {
        <a class="nhsuk-back-link" href=deployment_href(&id, Page::Roles)>"Back to the matrix"</a>
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-two-thirds">
                <ErrorSummary errors=errors form=FORM/>
                <span class="nhsuk-caption-l">{GUIDE.iter().find(|s| s.tasks.iter().any(|(t, _)| *t == task)).map(|s| s.heading)}</span>
                <h1 id="page-heading" tabindex="-1">{task.label()}</h1>
                {warning}
                <dl class="nhsuk-summary-list" id="rasci-cells">{cells}</dl>
                <h2 class="nhsuk-heading-m">"Change a cell"</h2>
                <form novalidate on:submit=on_submit>
                    <Radios form=FORM field="party" legend="Whose cell is changing?" value=party error=error_for(errors, "party")
                        choices=choices(&COLUMNS, Party::key, column_heading)/>
                    <div class="nhsuk-form-group" class:nhsuk-form-group--error=invalid(letters_error)>
                        <fieldset class="nhsuk-fieldset" aria-describedby=move || letters_error.get().map(|_| format!("{}-error", field_id(FORM, "letters")))>
                            <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">"Letters"</legend>
                            <ErrorMessage id=format!("{}-error", field_id(FORM, "letters")) error=letters_error/>
                            <div class="nhsuk-checkboxes">
                                {letter_boxes}
                                <div class="nhsuk-checkboxes__divider">"or"</div>
                                <div class="nhsuk-checkboxes__item">
                                    <input class="nhsuk-checkboxes__input" id=na_id.clone() name="not_applicable" type="checkbox"
                                        prop:checked=move || not_applicable.get() on:change=move |ev| not_applicable.set(event_target_checked(&ev))/>
                                    <label class="nhsuk-label nhsuk-checkboxes__label" for=na_id>"N/A \u{2013} not applicable"</label>
                                </div>
                            </div>
                        </fieldset>
                    </div>
                    <TextInput form=FORM field="changed_by" label="Your name and organisation" value=changed_by error=error_for(errors, "changed_by")/>
                    <TextArea form=FORM field="reason" label="Why is it changing?" value=reason error=error_for(errors, "reason")
                        hint="For example: agreed at the kick-off call on 12 January."/>
                    <button class="nhsuk-button" type="submit">"Save change"</button>
                </form>
                {history}
            </div>
        </div>
    }
    .into_any()
}
