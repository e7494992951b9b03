//! Raising, triaging and resolving an issue: one form for all three. A new
//! issue may come filled in from the failed test result or incident it is
//! raised from (`source`), and stays linked to it.

use bars_domain::describe_date;
use bars_domain::records::{FoundIn, IssueDraft, IssueSource, IssueStatus, Party, Priority, RootCause, CAUSE_NOT_KNOWN};
use bars_domain::validation::FieldError;
use bars_domain::Deployment;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::state::browser::{new_id, now, set_title, today};
use crate::state::hooks::{contact_choices, provider_choices};
use crate::state::route::{deployment_href, use_router, LogQuery, Page, Route};
use crate::state::store::use_store;
use crate::ui::date_input::DateInput;
use crate::ui::form::{choices, error_for, show_errors, Choice, ErrorSummary, Radios, Select, TextArea};

const FORM: &str = "issue";

/// Where the issue came from, in words, with a link to that record's page.
fn source_line(d: &Deployment, id: &str, test_result: Option<&str>, incident: Option<&str>) -> Option<AnyView> {
    if let Some(rid) = test_result {
        let found = d.test_results.iter().find(|r| r.id == rid).and_then(|r| d.workflows.iter().find(|w| w.id == r.workflow_id).map(|w| (r, w)));
        return Some(match found {
            Some((r, w)) => view! {
                <p>"Raised from the failed UAT result of “"<bdi>{w.name.clone()}</bdi>"” on "{describe_date(r.date)}". "
                    <a href=deployment_href(id, Page::Provider(w.provider_id.clone()))>"See the provider's test plan"</a>"."</p>
            }
            .into_any(),
            None => view! { <p>"Raised from a UAT result that has since been removed."</p> }.into_any(),
        });
    }
    let iid = incident?;
    Some(match d.incidents.iter().find(|i| i.id == iid) {
        Some(i) => view! {
            <p>"Raised from the incident of "{describe_date(i.date)}". "
                <a href=deployment_href(id, Page::EditIncident(i.id.clone()))>"See the incident"</a>"."</p>
        }
        .into_any(),
        None => view! { <p>"Raised from an incident that has since been removed."</p> }.into_any(),
    })
}

/// The decisions that named the issue ("no" decisions it was behind), each
/// with a link to its provider's history; none when no decision named it.
fn decisions_line(d: &Deployment, id: &str, issue_id: &str) -> Option<AnyView> {
    let named = d.decisions_naming(issue_id);
    if named.is_empty() {
        return None;
    }
    let items = named
        .into_iter()
        .map(|x| {
            let provider = d.provider(&x.provider_id).map(|p| p.name.clone()).unwrap_or_default();
            let what = format!("{}: {}", x.kind.label(), x.outcome_label());
            view! {
                <li>{what}" for "<bdi>{provider}</bdi>" on "{describe_date(x.date)}". "
                    <a href=deployment_href(id, Page::History(x.provider_id.clone()))>"See the provider's history"</a></li>
            }.into_any()
        })
        .collect_view();
    Some(view! {
        <h2 class="nhsuk-heading-s">"Decisions that named this issue"</h2>
        <ul class="nhsuk-list nhsuk-list--bullet" id="issue-decisions">{items}</ul>
    }.into_any())
}

#[component]
pub fn IssueForm(id: String, editing: Option<String>, source: Option<String>) -> impl IntoView {
    let store = use_store();
    let router = use_router();
    let found = store.state.with_untracked(|s| {
        let d = s.deployment(&id)?;
        match (&editing, &source) {
            (Some(issue), _) => d.issue(issue).map(|i| (IssueDraft::from_issue(i), Some(i.reference.clone()))),
            (None, Some(key)) => IssueSource::from_key(key).and_then(|src| IssueDraft::raised_from(d, &src, today())).map(|draft| (draft, None)),
            (None, None) => Some((IssueDraft { raised_on: today().to_string(), status: IssueStatus::New.key().to_owned(), ..Default::default() }, None)),
        }
    });
    let Some((draft, reference)) = found else {
        return view! { <crate::ui::not_found::NotFound/> }.into_any();
    };
    let heading = match &reference {
        Some(r) => format!("Issue {r}"),
        None => "Raise an issue".to_owned(),
    };
    set_title(&heading);
    let source_view = store.state.with_untracked(|s| {
        s.deployment(&id).and_then(|d| source_line(d, &id, draft.test_result_id.as_deref(), draft.incident_id.as_deref()))
    });
    let decisions_view = editing.as_deref().and_then(|issue| store.state.with_untracked(|s| s.deployment(&id).and_then(|d| decisions_line(d, &id, issue))));
    let (test_result_id, incident_id) = (draft.test_result_id.clone(), draft.incident_id.clone());
    // On its own page the issue is summed up first, above its triage.
    let summary = editing.is_some().then(|| draft.description.clone());
    let raised_on = RwSignal::new(draft.raised_on);
    let raised_by = RwSignal::new(draft.raised_by);
    let raised_by_contact = RwSignal::new(draft.raised_by_contact);
    let provider = RwSignal::new(draft.provider_id);
    let found_in = RwSignal::new(draft.found_in);
    let priority = RwSignal::new(draft.priority);
    let description = RwSignal::new(draft.description);
    let root_cause = RwSignal::new(draft.root_cause);
    let status = RwSignal::new(draft.status);
    let owner = RwSignal::new(draft.owner);
    let resolution = RwSignal::new(draft.resolution);
    let resolved_on = RwSignal::new(draft.resolved_on);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let contacts = contact_choices(id.clone(), raised_by);
    let providers = provider_choices(id.clone());
    let parties = choices(&Party::ALL, Party::key, Party::label);
    let mut causes = choices(&RootCause::ALL, RootCause::key, RootCause::label);
    causes.push((CAUSE_NOT_KNOWN.into(), "Not yet known".into(), None));
    let status_hints = [
        "Raised, not yet looked at",
        "Looked at, with an owner and a priority agreed",
        "Being fixed",
        "Fixed, waiting for the fix to be confirmed",
        "Fixed and confirmed",
        "Will not be fixed, with the reason recorded",
    ];
    let statuses: Vec<Choice> = IssueStatus::ALL.iter().zip(status_hints).map(|(s, hint)| (s.key().to_owned(), s.label().to_owned(), Some(hint.to_owned()))).collect();

    let (deployment_id, issue_id) = (id.clone(), editing.clone());
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let draft = IssueDraft {
            raised_on: raised_on.get_untracked(),
            raised_by: raised_by.get_untracked(),
            raised_by_contact: raised_by_contact.get_untracked(),
            provider_id: provider.get_untracked(),
            found_in: found_in.get_untracked(),
            priority: priority.get_untracked(),
            description: description.get_untracked(),
            root_cause: root_cause.get_untracked(),
            owner: owner.get_untracked(),
            status: status.get_untracked(),
            resolution: resolution.get_untracked(),
            resolved_on: resolved_on.get_untracked(),
            test_result_id: test_result_id.clone(),
            incident_id: incident_id.clone(),
        };
        let checked = store.state.with_untracked(|s| s.deployment(&deployment_id).map(|d| (draft.validate(d, today()), d.next_issue_reference())));
        let (fields, next) = match checked {
            Some((Ok(fields), next)) => (fields, next),
            Some((Err(found), _)) => return show_errors(errors, found),
            None => return,
        };
        let reference = reference.clone().unwrap_or(next);
        let record = fields.into_record(issue_id.clone().unwrap_or_else(new_id), now(), reference);
        store.change_deployment(&deployment_id, |d| Deployment::upsert(&mut d.issues, record));
        router.go(&Route::Deployment(deployment_id.clone(), Page::Issues(LogQuery::NONE)));
    };
    let delete = editing.clone().map(|issue| {
        let deployment_id = id.clone();
        move |_| {
            store.change_deployment(&deployment_id, |d| { d.remove(&issue, now()); });
            router.go(&Route::Deployment(deployment_id.clone(), Page::Issues(LogQuery::NONE)));
        }
    });
    let no_contacts = move || contacts.with(Vec::is_empty);
    view! {
        <a class="nhsuk-back-link" href=deployment_href(&id, Page::Issues(LogQuery::NONE))>"Back to the issue log"</a>
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-two-thirds">
                <ErrorSummary errors=errors form=FORM/>
                <h1 id="page-heading" tabindex="-1">{heading}</h1>
                {summary.map(|text| view! { <p class="nhsuk-body-l" id="issue-summary-text">{crate::ui::text::bdi(text)}</p> }.into_any())}
                {source_view.map(|v| view! { <div class="nhsuk-inset-text" id="issue-source">{v}</div> }.into_any())}
                {decisions_view}
                <form novalidate on:submit=on_submit>
                    // A new issue is raised as new; on its own page, triage and resolution come first.
                    {editing.is_some().then(|| view! {
                        <h2 class="nhsuk-heading-m">"Triage and resolution"</h2>
                        <Radios form=FORM field="status" legend="Status" value=status error=error_for(errors, "status") choices=statuses/>
                        <Select form=FORM field="owner" label="Owner" value=owner error=error_for(errors, "owner") choices=Signal::stored(parties.clone())/>
                        <TextArea form=FORM field="resolution" label="Resolution" value=resolution error=error_for(errors, "resolution")
                            hint="What was done, or why it will not be fixed. Needed once the issue is resolved, closed or will not be fixed."/>
                        <DateInput form=FORM field="resolved_on" legend="Date resolved" value=resolved_on error=error_for(errors, "resolved_on")
                            hint="Leave empty while the issue is open."/>
                    }.into_any())}
                    {editing.is_some().then(|| view! { <h2 class="nhsuk-heading-m">"The issue"</h2> }.into_any())}
                    <DateInput form=FORM field="raised_on" legend="Date raised" value=raised_on error=error_for(errors, "raised_on")/>
                    <Radios form=FORM field="raised_by" legend="Raised by" value=raised_by error=error_for(errors, "raised_by") choices=parties.clone()/>
                    <crate::ui::when::When when=std::sync::Arc::new(move || !no_contacts())>
                        <Select form=FORM field="raised_by_contact" label="Person who raised it (optional)" choices=contacts value=raised_by_contact error=error_for(errors, "raised_by_contact")/>
                    </crate::ui::when::When>
                    <Select form=FORM field="provider" label="Provider it concerns (optional)" choices=providers value=provider error=error_for(errors, "provider")/>
                    <Radios form=FORM field="found_in" legend="Where was it found?" value=found_in error=error_for(errors, "found_in")
                        choices=choices(&FoundIn::ALL, FoundIn::key, FoundIn::label)/>
                    <Radios form=FORM field="priority" legend="Priority" value=priority error=error_for(errors, "priority") inline=true
                        choices=choices(&Priority::ALL, Priority::key, Priority::label)/>
                    <TextArea form=FORM field="description" label="Description" value=description error=error_for(errors, "description") rows=4
                        hint="What goes wrong, and how to make it happen. Describe the problem, not the patient: no names, NHS numbers or other patient details."/>
                    <Radios form=FORM field="root_cause" legend="Where does it need fixing?" value=root_cause error=error_for(errors, "root_cause") choices=causes/>
                    <div class="nhsuk-button-group">
                        <button class="nhsuk-button" type="submit">{if editing.is_some() { "Save changes" } else { "Raise issue" }}</button>
                        {delete.map(|delete| view! {
                            <button class="nhsuk-button nhsuk-button--warning" type="button" on:click=delete>"Delete issue"</button>
                        }.into_any())}
                    </div>
                </form>
            </div>
        </div>
    }
    .into_any()
}
