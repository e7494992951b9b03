//! The link between a record and the issue raised from it: the issue's
//! reference when there is one, else a link that raises it.

use bars_domain::records::{Issue, IssueSource};
use leptos::prelude::*;

use crate::state::route::{deployment_href, Page};

/// `raised` is the issue already raised from the record, if any; `what`
/// finishes "Raise an issue" for screen readers (" from the incident on 3 March 2026").
pub fn issue_link(deployment_id: &str, raised: Option<&Issue>, source: IssueSource, what: String) -> AnyView {
    match raised {
        Some(issue) => view! {
            <a class="app-nowrap" href=deployment_href(deployment_id, Page::EditIssue(issue.id.clone()))>{issue.reference.clone()}</a>
            " "<span class="nhsuk-body-s app-secondary-text app-inline">{issue.status.label()}</span>
        }
        .into_any(),
        None => view! {
            <a href=deployment_href(deployment_id, Page::RaiseIssue(source.key()))>"Raise an issue"<span class="nhsuk-u-visually-hidden">{what}</span></a>
        }
        .into_any(),
    }
}
