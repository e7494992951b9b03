//! The one-Accountable warning: tasks of a deployment's RASCI matrix with no
//! Accountable party or more than one, each with a link to settle it. Shown
//! on the roles page and on the progress page.

use bars_domain::rasci::AccountableProblem;
use leptos::prelude::*;

use crate::state::route::{deployment_href, Page};

/// Nothing when every task has one Accountable party. `link` adds a link to
/// each task's page (not wanted on that page itself).
pub fn accountable_warning(deployment_id: &str, problems: &[AccountableProblem], link: bool) -> Option<AnyView> {
    if problems.is_empty() {
        return None;
    }
    let lines = problems
        .iter()
        .map(|p| {
            let href = deployment_href(deployment_id, Page::RasciTask(p.task.key().to_owned()));
            let task = p.task.label();
            view! {
                <li data-task=p.task.key()>{p.describe()}"."
                    {link.then(|| view! { " "<a href=href>"Settle who is accountable"<span class="nhsuk-u-visually-hidden">{format!(" for {task}")}</span></a> }.into_any())}
                </li>
            }.into_any()
        })
        .collect_view();
    let count = problems.len();
    Some(
        view! {
            <div class="nhsuk-warning-callout" id="accountable-check">
                <h2 class="nhsuk-warning-callout__label">
                    <span role="text"><span class="nhsuk-u-visually-hidden">"Important: "</span>
                    {if count == 1 { "1 task needs one Accountable party".to_owned() } else { format!("{count} tasks need one Accountable party") }}</span>
                </h2>
                <p>"Every task in the RASCI matrix should have exactly one party accountable for it."</p>
                <ul class="nhsuk-list nhsuk-list--bullet">{lines}</ul>
            </div>
        }
        .into_any(),
    )
}
