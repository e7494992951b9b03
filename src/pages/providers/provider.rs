//! One provider: its details, its UAT test plan with every result, and the
//! milestones (pre-live checks and guidance review) recorded for it.

use bars_domain::describe_date;
use bars_domain::forms::{validate_workflow_name, MilestoneDraft, ResultDraft};
use bars_domain::records::{IssueSource, MilestoneKind, Outcome, RootCause, Workflow};
use bars_domain::validation::FieldError;
use bars_domain::Deployment;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::state::browser::{new_id, now, set_title, today};
use crate::ui::date_input::DateInput;
use crate::ui::form::{choices, error_for, show_errors, Choice, ErrorSummary, Radios, Select, TextArea, TextInput};
use crate::state::route::{deployment_href, use_router, Page, Route};
use crate::state::store::use_store;
use crate::ui::confirm::ConfirmRemoval;
use crate::ui::summary_list::SummaryRow;
use crate::ui::table::Table;
use crate::ui::tag::tag;
use crate::ui::issue_link::issue_link;

#[component]
pub fn ProviderPage(id: String, provider: String) -> impl IntoView {
    let store = use_store();
    let found = store.state.with_untracked(|s| s.deployment(&id).and_then(|d| d.provider(&provider)).cloned());
    let Some(p) = found else {
        return view! { <crate::ui::not_found::NotFound/> }.into_any();
    };
    set_title(&p.name);
    let edit = deployment_href(&id, Page::EditProvider(p.id.clone()));
    view! {
        <a class="nhsuk-back-link" href=deployment_href(&id, Page::Providers)>"All providers"</a>
        <h1 id="page-heading" tabindex="-1">{p.name.clone()}</h1>
        <dl class="nhsuk-summary-list">
            <SummaryRow key="Organisation code" value=p.ods_code.clone() change=Some((edit.clone(), "organisation code"))/>
            <SummaryRow key="Role" value=p.role.label().to_owned() change=Some((edit.clone(), "role"))/>
            <SummaryRow key="Supplier" value=p.supplier.clone() change=Some((edit.clone(), "supplier"))/>
            <SummaryRow key="Business go-live" value=p.go_live.map(describe_date).unwrap_or_else(|| "Not set".to_owned()) change=Some((edit, "go-live date"))/>
        </dl>
        <p class="nhsuk-body"><a id="exit-report-link" href=deployment_href(&id, Page::ExitReport(p.id.clone()))>"Beta exit report"</a>
            ": drawn from this provider's records, with its narrative, ready to print or save as PDF."</p>
        <super::stages::StagesTaskList id=id.clone() provider=p.id.clone()/>
        <TestPlan id=id.clone() provider=p.id.clone()/>
        <Milestones id=id.clone() provider=p.id.clone()/>
        <h2 class="nhsuk-heading-m">"Remove this provider"</h2>
        <p class="nhsuk-body">"Removing it also removes its test plan, results, milestones, counts, incidents, contacts and the issues raised for it."</p>
        <a class="nhsuk-button nhsuk-button--secondary" role="button" draggable="false"
            href=deployment_href(&id, Page::RemoveProvider(p.id.clone()))>"Remove provider"</a>
    }
    .into_any()
}

fn outcome_tag(outcome: Option<Outcome>) -> AnyView {
    match outcome {
        Some(Outcome::Pass) => tag("Passed", "green"),
        Some(Outcome::Fail) => tag("Failed", "red"),
        None => tag("Not tested", "grey"),
    }
}

/// The test plan: every workflow with its latest result, a form to record a
/// result, the full history, and adding or removing workflows.
#[component]
fn TestPlan(id: String, provider: String) -> impl IntoView {
    let store = use_store();
    let with_deployment = {
        let id = id.clone();
        move |f: &dyn Fn(&Deployment) -> AnyView| store.state.with(|s| s.deployment(&id).map(f))
    };
    let plan = {
        let (id, provider, with_deployment) = (id.clone(), provider.clone(), with_deployment.clone());
        move || {
            let provider = provider.clone();
            let id = id.clone();
            with_deployment(&move |d: &Deployment| {
                let rows = d
                    .workflows_of(&provider)
                    .map(|w| {
                        let results = d.results_of(&w.id);
                        let latest = results.last();
                        let wid = w.id.clone();
                        let id = id.clone();
                        view! {
                            <tr class="nhsuk-table__row" data-workflow=w.name.clone()>
                                <th class="nhsuk-table__header" scope="row">{w.name.clone()}</th>
                                <td class="nhsuk-table__cell">{outcome_tag(latest.map(|r| r.outcome))}</td>
                                <td class="nhsuk-table__cell">{latest.map(|r| describe_date(r.date)).unwrap_or_default()}</td>
                                <td class="nhsuk-table__cell">{results.len()}</td>
                                <td class="nhsuk-table__cell">
                                    <button type="button" class="app-link-button" on:click=move |_| {
                                        store.change_deployment(&id, |d| { d.remove(&wid, now()); });
                                    }>"Remove"<span class="nhsuk-u-visually-hidden">{format!(" {}", w.name)}</span></button>
                                </td>
                            </tr>
                        }.into_any()
                    })
                    .collect_view();
                view! {
                    <Table id="test-plan" caption="UAT test plan" headers=&["Workflow", "Latest result", "Tested on", "Runs", ""]>{rows}</Table>
                }
                .into_any()
            })
        }
    };
    let history = {
        let (id, provider, with_deployment) = (id.clone(), provider.clone(), with_deployment.clone());
        move || {
            let (id, provider) = (id.clone(), provider.clone());
            with_deployment(&move |d: &Deployment| {
                let names: Vec<(&str, &str)> = d.workflows_of(&provider).map(|w| (w.id.as_str(), w.name.as_str())).collect();
                let results = d.results_of_provider_newest_first(&provider);
                if results.is_empty() {
                    return view! { <p class="nhsuk-body">"No results recorded yet."</p> }.into_any();
                }
                let rows = results
                    .into_iter()
                    .map(|r| {
                        let name = names.iter().find(|(id, _)| *id == r.workflow_id).map(|(_, n)| (*n).to_owned()).unwrap_or_default();
                        let issue = (r.outcome == Outcome::Fail).then(|| issue_link(&id, d.issue_raised_from(&r.id), IssueSource::TestResult(r.id.clone()), format!(" from the failed result of {name} on {}", describe_date(r.date))));
                        view! {
                            <tr class="nhsuk-table__row">
                                <td class="nhsuk-table__cell">{describe_date(r.date)}</td>
                                <td class="nhsuk-table__cell">{name}</td>
                                <td class="nhsuk-table__cell">{outcome_tag(Some(r.outcome))}</td>
                                <td class="nhsuk-table__cell">{r.root_cause.map(|c| c.label()).unwrap_or("")}</td>
                                <td class="nhsuk-table__cell">{r.note.clone()}</td>
                                <td class="nhsuk-table__cell">{issue}</td>
                            </tr>
                        }.into_any()
                    })
                    .collect_view();
                view! {
                    <Table id="test-history" caption="Every result, newest first" caption_class="nhsuk-table__caption nhsuk-table__caption--s"
                        headers=&["Date", "Workflow", "Result", "To be fixed in", "Note", "Issue"]>{rows}</Table>
                }
                .into_any()
            })
        }
    };
    view! {
        <h2 class="nhsuk-heading-l" id="test-plan-heading">"UAT test plan"</h2>
        <p class="nhsuk-body">"Every workflow must pass in the UAT environment before production is configured. A workflow's latest result is what counts."</p>
        {move || plan()}
        <RecordResult id=id.clone() provider=provider.clone()/>
        {move || history()}
        <AddWorkflow id=id provider=provider/>
    }
}

const RESULT_FORM: &str = "result";

#[component]
fn RecordResult(id: String, provider: String) -> impl IntoView {
    let store = use_store();
    let workflow = RwSignal::new(String::new());
    let date = RwSignal::new(today().to_string());
    let outcome = RwSignal::new(String::new());
    let root_cause = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let saved = RwSignal::new(None::<String>);
    let workflows: Signal<Vec<Choice>> = {
        let (id, provider) = (id.clone(), provider.clone());
        Signal::derive(move || {
            store.state.with(|s| {
                s.deployment(&id)
                    .map(|d| d.workflows_of(&provider).map(|w| (w.id.clone(), w.name.clone(), None)).collect())
                    .unwrap_or_default()
            })
        })
    };
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let draft = ResultDraft { date: date.get_untracked(), outcome: outcome.get_untracked(), note: note.get_untracked(), root_cause: root_cause.get_untracked() };
        let wid = workflow.get_untracked();
        let checked = store.state.with_untracked(|s| s.deployment(&id).map(|d| draft.record(d, &provider, &wid, today(), new_id(), now())));
        let result = match checked {
            Some(Ok(result)) => result,
            Some(Err(found)) => return show_errors(errors, found),
            None => return,
        };
        let name = workflows.get_untracked().into_iter().find(|(k, _, _)| *k == wid).map(|(_, n, _)| n).unwrap_or_default();
        store.change_deployment(&id, |d| d.test_results.push(result));
        errors.set(Vec::new());
        saved.set(Some(name));
        outcome.set(String::new());
        root_cause.set(String::new());
        note.set(String::new());
    };
    view! {
        <div class="nhsuk-card">
            <div class="nhsuk-card__content">
                <h3 class="nhsuk-card__heading nhsuk-heading-m">"Record a test result"</h3>
                <ErrorSummary errors=errors form=RESULT_FORM/>
                {move || saved.get().map(|m| view! { <p class="nhsuk-body app-confirmation" role="status">"Result recorded for "{crate::ui::text::bdi(m)}"."</p> }.into_any())}
                <form novalidate on:submit=on_submit>
                    <Select form=RESULT_FORM field="workflow" label="Workflow" choices=workflows value=workflow error=error_for(errors, "workflow")/>
                    <DateInput form=RESULT_FORM field="date" legend="Date tested" value=date error=error_for(errors, "date")/>
                    <Radios form=RESULT_FORM field="outcome" legend="Result" value=outcome error=error_for(errors, "outcome") inline=true
                        choices=vec![("pass".into(), "Passed".into(), None), ("fail".into(), "Failed".into(), None)]/>
                    <crate::ui::when::When when=std::sync::Arc::new(move || outcome.get() == "fail")>
                        <Radios form=RESULT_FORM field="root_cause" legend="Where does the failure need fixing?" value=root_cause error=error_for(errors, "root_cause")
                            choices=choices(&RootCause::ALL, RootCause::key, RootCause::label)/>
                    </crate::ui::when::When>
                    <TextArea form=RESULT_FORM field="note" label="Note (optional)" value=note error=error_for(errors, "note")
                        hint="What was tested or what went wrong. Never include patient details."/>
                    <button class="nhsuk-button" type="submit">"Record result"</button>
                </form>
            </div>
        </div>
    }
}

#[component]
fn AddWorkflow(id: String, provider: String) -> impl IntoView {
    let store = use_store();
    let name = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let checked = store.state.with_untracked(|s| s.deployment(&id).map(|d| validate_workflow_name(d, &provider, &name.get_untracked())));
        match checked {
            Some(Ok(workflow)) => {
                let record = Workflow::new(new_id(), now(), provider.clone(), workflow);
                store.change_deployment(&id, |d| d.workflows.push(record));
                name.set(String::new());
                errors.set(Vec::new());
            }
            Some(Err(found)) => errors.set(found),
            None => {}
        }
    };
    view! {
        <form novalidate on:submit=on_submit class="app-inline-form">
            <TextInput form="add" field="workflow" label="Add a workflow to the test plan" value=name error=error_for(errors, "workflow")/>
            <button class="nhsuk-button nhsuk-button--secondary" type="submit">"Add workflow"</button>
        </form>
    }
}

/// Pre-live checks and the guidance review: recorded with a date and who recorded it.
#[component]
fn Milestones(id: String, provider: String) -> impl IntoView {
    let store = use_store();
    let rows = {
        let (id, provider) = (id.clone(), provider.clone());
        move || {
            store.state.with(|s| {
                let Some(d) = s.deployment(&id) else { return Vec::new() };
                MilestoneKind::ALL
                    .iter()
                    .filter(|kind| kind.is_recorded_as_milestone())
                    .map(|kind| {
                        // The latest record: after a "no", a check may be recorded again.
                        let recorded = d.milestones.iter().filter(|m| m.provider_id == provider && m.kind == *kind).max_by_key(|m| (m.date, m.updated_at)).cloned();
                        let id = id.clone();
                        let is_recorded = recorded.is_some().to_string();
                        view! {
                            <tr class="nhsuk-table__row" data-milestone=kind.key() data-recorded=is_recorded>
                                <th class="nhsuk-table__header" scope="row">{kind.label()}</th>
                                <td class="nhsuk-table__cell">{match &recorded {
                                    Some(m) => format!("{} by {}", describe_date(m.date), m.recorded_by),
                                    None => "Not recorded".to_owned(),
                                }}</td>
                                <td class="nhsuk-table__cell">{recorded.map(|m| {
                                    let label = kind.label();
                                    view! {
                                        <button type="button" class="app-link-button" on:click=move |_| {
                                            store.change_deployment(&id, |d| { d.remove(&m.id, now()); });
                                        }>"Undo"<span class="nhsuk-u-visually-hidden">{format!(" {label}")}</span></button>
                                    }.into_any()
                                })}</td>
                            </tr>
                        }.into_any()
                    })
                    .collect::<Vec<_>>()
            })
        }
    };
    view! {
        <h2 class="nhsuk-heading-l">"Checks and milestones"</h2>
        <p class="nhsuk-body">"Each check is listed under its stage above. The pre-live checks must all be recorded before the provider goes live; the \u{201c}go\u{201d} is recorded as a decision. The guidance review is one of the acceptance criteria. After a \u{201c}no\u{201d}, environments, the sign-off of private beta and the smoke test are recorded again."</p>
        <Table id="milestones" caption="Checks and milestones" headers=&["Check", "Recorded", ""]>{move || rows()}</Table>
        <RecordMilestone id=id provider=provider/>
    }
}

const MILESTONE_FORM: &str = "milestone";

#[component]
fn RecordMilestone(id: String, provider: String) -> impl IntoView {
    let store = use_store();
    let kind = RwSignal::new(String::new());
    let date = RwSignal::new(today().to_string());
    let recorded_by = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let open: Signal<Vec<Choice>> = {
        let (id, provider) = (id.clone(), provider.clone());
        Signal::derive(move || {
            store.state.with(|s| {
                let Some(d) = s.deployment(&id) else { return Vec::new() };
                d.open_milestones(&provider, today())
                    .into_iter()
                    .map(|k| (k.key().to_owned(), k.label().to_owned(), None))
                    .collect()
            })
        })
    };
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let draft = MilestoneDraft { date: date.get_untracked(), recorded_by: recorded_by.get_untracked() };
        let checked = store.state.with_untracked(|s| {
            s.deployment(&id).map(|d| draft.record(d, &provider, &kind.get_untracked(), today(), new_id(), now()))
        });
        match checked {
            Some(Ok(record)) => {
                store.change_deployment(&id, |d| d.milestones.push(record));
                kind.set(String::new());
                errors.set(Vec::new());
            }
            Some(Err(found)) => show_errors(errors, found),
            None => {}
        }
    };
    view! {
        <div class="nhsuk-card" id="record-milestone">
            <div class="nhsuk-card__content">
                <h3 class="nhsuk-card__heading nhsuk-heading-m">"Record a check or milestone"</h3>
                <ErrorSummary errors=errors form=MILESTONE_FORM/>
                <form novalidate on:submit=on_submit>
                    <Select form=MILESTONE_FORM field="kind" label="Check or milestone" choices=open value=kind error=error_for(errors, "kind")/>
                    <DateInput form=MILESTONE_FORM field="date" legend="Date" value=date error=error_for(errors, "date")/>
                    <TextInput form=MILESTONE_FORM field="recorded_by" label="Recorded by" value=recorded_by error=error_for(errors, "recorded_by")
                        hint="Name and organisation, for example J Smith, BaRS team."/>
                    <button class="nhsuk-button" type="submit">"Record"</button>
                </form>
            </div>
        </div>
    }
}

#[component]
pub fn RemoveProvider(id: String, provider: String) -> impl IntoView {
    let store = use_store();
    let router = use_router();
    let Some(name) = store.state.with_untracked(|s| s.deployment(&id).and_then(|d| d.provider(&provider)).map(|p| p.name.clone())) else {
        return view! { <crate::ui::not_found::NotFound/> }.into_any();
    };
    set_title("Remove provider");
    let (deployment_id, provider_id) = (id.clone(), provider.clone());
    let remove = move |_| {
        store.change_deployment(&deployment_id, |d| d.remove_provider(&provider_id, now()));
        router.go(&Route::Deployment(deployment_id.clone(), Page::Providers));
    };
    view! {
        <ConfirmRemoval heading=format!("Remove \u{201c}{name}\u{201d}?") warning="Everything recorded for it goes too"
            detail="Its test plan and results, checks, daily counts, incidents, contacts and the issues raised for it will be removed from this deployment."
            confirm="Yes, remove it" back=deployment_href(&id, Page::Provider(provider)) on_confirm=remove/>
    }
    .into_any()
}
