//! The provider's stages as the NHS task list, with its pre-live gates under
//! the stage they belong to, what the current stage waits on and what blocks it.

use bars_domain::describe_date;
use bars_domain::stages::{provider_stages, Stage, StageStatus};
use leptos::prelude::*;

use crate::state::hooks::use_as_of;
use crate::state::route::{deployment_href, Page};
use crate::state::store::use_store;
use crate::ui::task_list::{task_list, Task};

/// Where a stage's task is done: another page, or a form further down this one
/// (a plain fragment, which the browser follows without the router).
fn href(id: &str, provider: &str, stage: Stage) -> String {
    match stage {
        Stage::BusinessChange => deployment_href(id, Page::BusinessChange(provider.to_owned())),
        Stage::PrivateBeta => "#test-plan-heading".to_owned(),
        Stage::PublicBetaDecision | Stage::GoNoGo | Stage::AcceptanceDecision => deployment_href(id, Page::NewDecision(provider.to_owned())),
        Stage::PublicBeta => deployment_href(id, Page::EditProvider(provider.to_owned())),
        _ => "#record-milestone".to_owned(),
    }
}

#[component]
pub fn StagesTaskList(id: String, provider: String) -> impl IntoView {
    let store = use_store();
    let as_of = use_as_of();
    let body = {
        let (id, provider) = (id.clone(), provider.clone());
        move || {
            let as_of = as_of.get();
            store.state.with(|s| {
                let Some(d) = s.deployment(&id) else { return ().into_any() };
                let st = provider_stages(d, &provider, as_of);
                let tasks = st
                    .stages
                    .iter()
                    .map(|s| {
                        let mut hint: Vec<String> = Vec::new();
                        // A stage that is one gate says its date once, on the gate's line.
                        let one_gate = s.gates.len() == 1 && s.stage.decision().is_none();
                        match (s.status, s.completed_on) {
                            (StageStatus::Completed, Some(_)) if one_gate => {}
                            (StageStatus::Completed, Some(on)) => hint.push(format!("Completed on {}", describe_date(on))),
                            (StageStatus::Completed, None) => {}
                            _ if s.gates.is_empty() => hint.extend(s.needs.iter().map(|n| format!("Needs: {n}"))),
                            // Gates are listed below; what else it needs first.
                            _ => hint.extend(s.needs.iter().filter(|n| !s.gates.iter().any(|g| g.kind.label() == n.as_str())).map(|n| format!("Needs: {n}"))),
                        }
                        for g in &s.gates {
                            hint.push(match g.recorded_on {
                                Some(on) => format!("\u{2713} {}: {}", g.kind.label(), describe_date(on)),
                                None => format!("{}: not recorded", g.kind.label()),
                            });
                        }
                        Task { name: s.stage.label().to_owned(), href: Some(href(&id, &provider, s.stage)), hint, status: s.status, key: s.stage.key() }
                    })
                    .collect::<Vec<_>>();
                let now = match st.current {
                    Some(stage) => format!("Current stage: {}.", stage.label()),
                    None => "Every stage is completed.".to_owned(),
                };
                let waits = (!st.waits_on.is_empty()).then(|| {
                    let items = st.waits_on.iter().map(|w| view! { <li>{w.clone()}</li> }.into_any()).collect_view();
                    view! { <p class="nhsuk-body nhsuk-u-margin-bottom-1">"It waits on:"</p><ul class="nhsuk-list nhsuk-list--bullet" id="waits-on">{items}</ul> }.into_any()
                });
                let blocked = (!st.blocked_by.is_empty() || !st.out_of_order.is_empty()).then(|| {
                    let items = st.blocked_by.iter().chain(&st.out_of_order).map(|b| view! { <li>{b.clone()}</li> }.into_any()).collect_view();
                    view! {
                        <div class="nhsuk-warning-callout" id="blocked-by">
                            <h3 class="nhsuk-warning-callout__label"><span role="text"><span class="nhsuk-u-visually-hidden">"Important: "</span>"What stands in the way"</span></h3>
                            <ul class="nhsuk-list nhsuk-list--bullet">{items}</ul>
                        </div>
                    }.into_any()
                });
                view! {
                    <p class="nhsuk-body-l" id="current-stage">{now}</p>
                    {waits}
                    {blocked}
                    {task_list("stages", tasks)}
                }
                .into_any()
            })
        }
    };
    view! {
        <h2 class="nhsuk-heading-l" id="stages-heading">"Stages"</h2>
        {move || body()}
        <div class="nhsuk-button-group">
            <a class="nhsuk-button" role="button" draggable="false" href=deployment_href(&id, Page::NewDecision(provider.clone()))>"Record a decision"</a>
            <a class="nhsuk-button nhsuk-button--secondary" role="button" draggable="false" href=deployment_href(&id, Page::History(provider.clone()))>"History"</a>
            <a class="nhsuk-button nhsuk-button--secondary" role="button" draggable="false" href=deployment_href(&id, Page::BusinessChange(provider.clone()))>"Business change"</a>
        </div>
    }
}
