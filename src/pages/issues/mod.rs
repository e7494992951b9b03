//! The issue log: every issue found in UAT, the smoke test or live running,
//! filtered by status, owner and provider (kept in the link), with the open
//! ones older than a chosen number of days marked, and a CSV download.

pub mod form;

use bars_domain::describe_date;
use bars_domain::records::{overdue_days, Issue, IssueFilter, IssueStatus, Party, OPEN_ISSUES};
use bars_domain::{csv_out, Deployment};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::state::browser::{now, set_title};
use crate::state::hooks::use_as_of;
use crate::state::route::{deployment_href, use_router, LogQuery, Page, Route};
use crate::state::store::use_store;
use crate::ui::download::DownloadButton;
use crate::ui::form::{choices, error_for, Choice, ErrorSummary, Select, TextInput};
use crate::ui::table::Table;
use crate::ui::tag::{tag, tag_class};
use crate::ui::text::bdi;

/// The tag of a status.
pub fn status_tag(status: IssueStatus) -> AnyView {
    let colour = match status {
        IssueStatus::New => "blue",
        IssueStatus::Triaged => "white",
        IssueStatus::InProgress => "yellow",
        IssueStatus::Resolved => "green",
        IssueStatus::Closed | IssueStatus::WontFix => "grey",
    };
    tag(status.label(), colour)
}

const FILTER_FORM: &str = "filter";

#[component]
pub fn Issues(id: String, query: LogQuery) -> impl IntoView {
    let store = use_store();
    let router = use_router();
    let as_of = use_as_of();
    set_title("Issue log");
    let filter = IssueFilter {
        status: Some(query.status.clone()).filter(|s| s == OPEN_ISSUES || IssueStatus::from_key(s).is_some()),
        owner: Party::from_key(&query.owner),
        provider_id: Some(query.provider.clone()).filter(|p| !p.is_empty()),
    };
    let days = overdue_days(&query.days);
    let threshold = days.unwrap_or(bars_domain::records::OVERDUE_AFTER_DAYS);
    let errors = RwSignal::new(days.err().map(|m| vec![bars_domain::FieldError::new("days", m)]).unwrap_or_default());

    // The filter form.
    let status = RwSignal::new(filter.status.clone().unwrap_or_default());
    let owner = RwSignal::new(filter.owner.map(Party::key).unwrap_or_default().to_owned());
    let provider = RwSignal::new(filter.provider_id.clone().unwrap_or_default());
    let days_typed = RwSignal::new(if query.days.is_empty() { threshold.to_string() } else { query.days.clone() });
    let mut status_choices: Vec<Choice> = vec![("".into(), "All statuses".into(), None), (OPEN_ISSUES.into(), "Open (new, triaged or in progress)".into(), None)];
    status_choices.extend(choices(&IssueStatus::ALL, IssueStatus::key, IssueStatus::label));
    let mut owner_choices: Vec<Choice> = vec![("".into(), "Any owner".into(), None)];
    owner_choices.extend(choices(&Party::ALL, Party::key, Party::label));
    let provider_choices: Signal<Vec<Choice>> = {
        let id = id.clone();
        Signal::derive(move || {
            let mut list: Vec<Choice> = vec![("".into(), "Any provider".into(), None)];
            store.state.with(|s| {
                if let Some(d) = s.deployment(&id) {
                    list.extend(d.providers.iter().map(|p| (p.id.clone(), p.name.clone(), None)));
                }
            });
            list
        })
    };
    let on_filter = {
        let id = id.clone();
        move |ev: SubmitEvent| {
            ev.prevent_default();
            let query = LogQuery { status: status.get_untracked(), owner: owner.get_untracked(), provider: provider.get_untracked(), days: days_typed.get_untracked().trim().to_owned(), retro: false };
            router.go(&Route::Deployment(id.clone(), Page::Issues(query)));
        }
    };

    let rows = {
        let (id, filter) = (id.clone(), filter.clone());
        move || {
            let as_of = as_of.get();
            store.state.with(|s| {
                let Some(d) = s.deployment(&id) else { return view! { <p class="nhsuk-body">"No issues."</p> }.into_any() };
                let all = d.issues_in_order();
                let shown: Vec<&Issue> = all.iter().copied().filter(|i| filter.matches(i)).collect();
                let overdue = shown.iter().filter(|i| i.is_overdue(as_of, threshold)).count();
                let summary = summary_line(shown.len(), all.len(), overdue, threshold, &filter);
                if shown.is_empty() {
                    return view! { <p class="nhsuk-body" id="issue-summary">{summary}</p> }.into_any();
                }
                let rows = shown.into_iter().map(|i| issue_row(d, &id, i, as_of, threshold)).collect_view();
                view! {
                    <p class="nhsuk-body" id="issue-summary">{summary}</p>
                    <Table id="issues" caption="Issues, by reference" class="nhsuk-table app-table--compact"
                        headers=&["Reference", "Raised", "Issue", "Priority", "Status", "Owner"]>{rows}</Table>
                }
                .into_any()
            })
        }
    };
    let repeated = {
        let id = id.clone();
        move || store.state.with(|s| s.deployment(&id).map(|d| repeated_warning(d, &id)))
    };
    let (download_id, any_filter) = (id.clone(), !filter.is_empty() || !query.days.is_empty());
    view! {
        <ErrorSummary errors=errors form=FILTER_FORM/>
        <h1 id="page-heading" tabindex="-1">"Issue log"</h1>
        <p class="nhsuk-body">"Every issue found in UAT, the smoke test or live running, from being raised through triage to its resolution. Raise one here, or from a failed test result on a provider's page or from an incident."</p>
        <a class="nhsuk-button" role="button" draggable="false" href=deployment_href(&id, Page::NewIssue)>"Raise an issue"</a>
        {repeated}
        <h2 class="nhsuk-heading-s">"Filter the issue log"</h2>
        <form novalidate on:submit=on_filter class="app-filters" aria-label="Filter the issue log">
            <Select form=FILTER_FORM field="status" label="Status" choices=Signal::stored(status_choices) value=status error=Signal::stored(None) placeholder=false/>
            <Select form=FILTER_FORM field="owner" label="Owner" choices=Signal::stored(owner_choices) value=owner error=Signal::stored(None) placeholder=false/>
            <Select form=FILTER_FORM field="provider" label="Provider" choices=provider_choices value=provider error=Signal::stored(None) placeholder=false/>
            <TextInput form=FILTER_FORM field="days" label="Mark open issues older than (days)" value=days_typed error=error_for(errors, "days") width="nhsuk-input--width-3"/>
            <div class="nhsuk-button-group">
                <button class="nhsuk-button nhsuk-button--secondary" type="submit">"Apply filters"</button>
                {any_filter.then(|| view! { <a class="nhsuk-link" href=deployment_href(&id, Page::Issues(LogQuery::NONE))>"Clear filters"</a> }.into_any())}
            </div>
        </form>
        {rows}
        <h2 class="nhsuk-heading-m">"Download"</h2>
        <p class="nhsuk-body">"The whole issue log as a spreadsheet (CSV, opens in Excel), whatever the filters."</p>
        <DownloadButton id="download-issues" label="Download the issue log (CSV)" file=move |_| {
            let as_of = as_of.get_untracked();
            store.state.with_untracked(|s| s.deployment(&download_id).map(|d| (csv_out::file_name(&d.name, "issue-log", as_of), csv_out::issue_log(d, as_of))))
        }/>
    }
}

/// "Showing 3 of 12 issues. 2 open issues have been open more than 14 days."
fn summary_line(shown: usize, total: usize, overdue: usize, threshold: u32, filter: &IssueFilter) -> String {
    let noun = |n: usize| if n == 1 { "issue" } else { "issues" };
    let mut line = if total == 0 {
        "No issues have been raised.".to_owned()
    } else if filter.is_empty() {
        format!("{shown} {}.", noun(shown))
    } else {
        format!("Showing {shown} of {total} {} that match the filters.", noun(total))
    };
    if overdue > 0 {
        let verb = if overdue == 1 { "has" } else { "have" };
        line.push_str(&format!(" {overdue} open {} {verb} been open more than {threshold} days.", noun(overdue)));
    }
    line
}

fn issue_row(d: &Deployment, id: &str, i: &Issue, as_of: chrono::NaiveDate, threshold: u32) -> impl IntoView {
    let provider = i.provider_id.as_deref().and_then(|p| d.provider(p)).map(|p| p.name.clone());
    let overdue = i.is_overdue(as_of, threshold);
    let age = i.age_in_days(as_of);
    view! {
        <tr class="nhsuk-table__row" class:app-row--overdue=overdue>
            <th class="nhsuk-table__header" scope="row">
                <a href=deployment_href(id, Page::EditIssue(i.id.clone()))>{i.reference.clone()}</a>
            </th>
            <td class="nhsuk-table__cell app-nowrap">{describe_date(i.raised_on)}</td>
            <td class="nhsuk-table__cell">
                {bdi(i.description.clone())}
                {provider.map(|p| view! { <span class="nhsuk-body-s app-secondary-text">{bdi(p)}</span> }.into_any())}
            </td>
            <td class="nhsuk-table__cell">{i.priority.label()}</td>
            <td class="nhsuk-table__cell">
                {status_tag(i.status)}
                {overdue.then(|| view! { <span class="app-tag-line"><strong class=tag_class("red")>{format!("Open {age} days")}</strong></span> }.into_any())}
            </td>
            <td class="nhsuk-table__cell">{i.owner.map(Party::label).unwrap_or("Not yet")}</td>
        </tr>
    }.into_any()
}

/// When a merge left two issues with one reference: say so, and offer the next number.
fn repeated_warning(d: &Deployment, id: &str) -> Option<AnyView> {
    let repeated = d.repeated_issue_references();
    if repeated.is_empty() {
        return None;
    }
    let store = use_store();
    let items = repeated
        .into_iter()
        .flat_map(|(reference, list)| {
            // The first raised keeps the number; the others are offered a new one.
            list.into_iter().skip(1).map(move |issue| {
                let (deployment_id, issue_id) = (id.to_owned(), issue.id.clone());
                let what = format!("{reference}, raised on {}", describe_date(issue.raised_on));
                view! {
                    <li>
                        {bdi(what.clone())}": "{bdi(issue.description.clone())}" "
                        <button type="button" class="app-link-button" on:click=move |_| {
                            store.change_deployment(&deployment_id, |d| { d.renumber_issue(&issue_id, now()); });
                        }>"Give it a new number"<span class="nhsuk-u-visually-hidden">{format!(" ({what})")}</span></button>
                    </li>
                }.into_any()
            })
        })
        .collect_view();
    Some(
        view! {
            <div class="nhsuk-warning-callout" id="repeated-references">
                <h2 class="nhsuk-warning-callout__label">
                    <span role="text"><span class="nhsuk-u-visually-hidden">"Important: "</span>"Two issues have the same reference"</span>
                </h2>
                <p>"Copies of this deployment each gave out the same next number, and were then merged. Agree with the other organisation which issue keeps the number, then give the other one a new number:"</p>
                <ul class="nhsuk-list nhsuk-list--bullet">{items}</ul>
            </div>
        }
        .into_any(),
    )
}
