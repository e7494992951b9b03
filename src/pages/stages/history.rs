//! A provider's history: its decisions, gates, UAT results, incidents,
//! go-live and completed business change, as a dated timeline, newest first.

use bars_domain::describe_date;
use bars_domain::stages::{timeline, EventKind};
use leptos::prelude::*;

use crate::state::browser::set_title;
use crate::state::hooks::use_as_of;
use crate::state::route::{deployment_href, Page};
use crate::state::store::use_store;
use crate::ui::text::bdi;

fn kind_tag(kind: EventKind) -> AnyView {
    let (class, text) = match kind {
        EventKind::Decision { yes: true } => ("nhsuk-tag nhsuk-tag--green", "Decision"),
        EventKind::Decision { yes: false } => ("nhsuk-tag nhsuk-tag--red", "Decision"),
        EventKind::Gate => ("nhsuk-tag nhsuk-tag--blue", "Check"),
        EventKind::Result { passed: true } => ("nhsuk-tag nhsuk-tag--grey", "UAT result"),
        EventKind::Result { passed: false } => ("nhsuk-tag nhsuk-tag--orange", "UAT result"),
        EventKind::Incident => ("nhsuk-tag nhsuk-tag--yellow", "Incident"),
        EventKind::GoLive => ("nhsuk-tag nhsuk-tag--green", "Go-live"),
        EventKind::BusinessChange => ("nhsuk-tag nhsuk-tag--purple", "Business change"),
    };
    view! { <strong class=class>{text}</strong> }.into_any()
}

fn kind_key(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Decision { .. } => "decision",
        EventKind::Gate => "gate",
        EventKind::Result { .. } => "result",
        EventKind::Incident => "incident",
        EventKind::GoLive => "go-live",
        EventKind::BusinessChange => "business-change",
    }
}

/// "Issues behind it: ISS-002, ISS-005", each a link to the issue (an issue
/// since deleted is named as removed); none when the event names no issues.
fn named_issues(d: &bars_domain::deployment::Deployment, deployment_id: &str, ids: &[String]) -> Option<AnyView> {
    if ids.is_empty() {
        return None;
    }
    let links = ids
        .iter()
        .enumerate()
        .map(|(k, issue_id)| {
            let sep = if k == 0 { "" } else { ", " };
            match d.issue(issue_id) {
                Some(issue) => view! {
                    {sep}<a class="app-nowrap" href=deployment_href(deployment_id, Page::EditIssue(issue.id.clone()))>{issue.reference.clone()}</a>
                }
                .into_any(),
                None => view! { {sep}"an issue since removed" }.into_any(),
            }
        })
        .collect_view();
    Some(view! { <li class="app-timeline__issues">"Issues behind it: "{links}</li> }.into_any())
}

#[component]
pub fn History(id: String, provider: String) -> impl IntoView {
    let store = use_store();
    let as_of = use_as_of();
    let Some(name) = super::provider_name(&id, &provider) else {
        return view! { <crate::ui::not_found::NotFound/> }.into_any();
    };
    set_title(&format!("History of {name}"));
    let events = {
        let (id, provider) = (id.clone(), provider.clone());
        move || {
            let as_of = as_of.get();
            store.state.with(|s| {
                let Some(d) = s.deployment(&id) else { return ().into_any() };
                let list = timeline(d, &provider, as_of);
                if list.is_empty() {
                    return view! { <p class="nhsuk-body">"Nothing recorded yet."</p> }.into_any();
                }
                // Events of one day share its heading.
                let mut days: Vec<(chrono::NaiveDate, Vec<bars_domain::stages::Event>)> = Vec::new();
                for e in list {
                    match days.last_mut() {
                        Some((date, items)) if *date == e.date => items.push(e),
                        _ => days.push((e.date, vec![e])),
                    }
                }
                let days = days
                    .into_iter()
                    .map(|(date, items)| {
                        let items = items
                            .into_iter()
                            .map(|e| {
                                let named = named_issues(d, &id, &e.issue_ids);
                                let detail = (!e.detail.is_empty() || named.is_some()).then(|| {
                                    let lines = e.detail.into_iter().map(|line| view! { <li>{line}</li> }.into_any()).collect_view();
                                    view! { <ul class="app-timeline__detail">{lines}{named}</ul> }.into_any()
                                });
                                view! {
                                    <li class="app-timeline__event" data-kind=kind_key(e.kind)>
                                        <p class="app-timeline__title">{kind_tag(e.kind)}" "<span>{e.title}</span></p>
                                        {detail}
                                    </li>
                                }.into_any()
                            })
                            .collect_view();
                        view! {
                            <li class="app-timeline__day">
                                <h2 class="nhsuk-heading-s app-timeline__date">{describe_date(date)}</h2>
                                <ul class="app-timeline__events">{items}</ul>
                            </li>
                        }.into_any()
                    })
                    .collect_view();
                view! { <ol class="app-timeline" id="timeline">{days}</ol> }.into_any()
            })
        }
    };
    view! {
        <a class="nhsuk-back-link" href=deployment_href(&id, Page::Provider(provider.clone()))>"Back to the provider"</a>
        <span class="nhsuk-caption-l">{bdi(name)}</span>
        <h1 id="page-heading" tabindex="-1">"History"</h1>
        <p class="nhsuk-body">{move || format!("Everything recorded for this provider up to {}, newest first.", describe_date(as_of.get()))}</p>
        <a class="nhsuk-button nhsuk-button--secondary" role="button" draggable="false" href=deployment_href(&id, Page::NewDecision(provider.clone()))>"Record a decision"</a>
        {move || events()}
    }
    .into_any()
}
