//! Short human names for records, used wherever the app must point a person
//! at one record among many: merge conflicts, NHS number warnings, previews.
//! "Incident on 3 March 2026" says more to a reader than an id does.

use chrono::{DateTime, NaiveDate, Utc};

use crate::deployment::Deployment;
use crate::records::{Contact, DailyVolume, Incident, Milestone, Provider, TestResult, Workflow};

/// "3 March 2026".
pub fn long_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// "3 March 2026 at 09:04 UTC". Times are shown in UTC so that two
/// organisations reading the same conflict see the same words.
pub fn long_time(t: DateTime<Utc>) -> String {
    t.format("%-d %B %Y at %H:%M:%S UTC").to_string()
}

/// The provider's name, or a plain phrase when the id matches none (which a
/// valid deployment never has, but a description must never panic).
fn provider_name(deployment: &Deployment, provider_id: &str) -> String {
    deployment
        .provider(provider_id)
        .map(|p| format!("\u{201c}{}\u{201d}", p.name))
        .unwrap_or_else(|| "a provider no longer in the deployment".to_owned())
}

fn workflow_name(deployment: &Deployment, workflow_id: &str) -> String {
    deployment
        .workflows
        .iter()
        .find(|w| w.id == workflow_id)
        .map(|w| format!("\u{201c}{}\u{201d}", w.name))
        .unwrap_or_else(|| "a workflow no longer in the deployment".to_owned())
}

pub fn deployment_details(deployment: &Deployment) -> String {
    format!("Details of the deployment \u{201c}{}\u{201d}", deployment.name)
}

pub fn provider(p: &Provider) -> String {
    format!("Provider \u{201c}{}\u{201d}", p.name)
}

pub fn workflow(deployment: &Deployment, w: &Workflow) -> String {
    format!("Workflow \u{201c}{}\u{201d} of {}", w.name, provider_name(deployment, &w.provider_id))
}

pub fn test_result(deployment: &Deployment, r: &TestResult) -> String {
    format!("Test result of {} on {}", workflow_name(deployment, &r.workflow_id), long_date(r.date))
}

pub fn milestone(deployment: &Deployment, m: &Milestone) -> String {
    format!("Milestone \u{201c}{}\u{201d} for {}", m.kind.label(), provider_name(deployment, &m.provider_id))
}

pub fn volume(deployment: &Deployment, v: &DailyVolume) -> String {
    format!("Counts for {} on {}", provider_name(deployment, &v.provider_id), long_date(v.date))
}

pub fn incident(i: &Incident) -> String {
    format!("Incident on {}", long_date(i.date))
}

pub fn contact(c: &Contact) -> String {
    format!("Contact \u{201c}{}\u{201d}", c.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_times_read_as_words() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 3).unwrap();
        assert_eq!(long_date(d), "3 March 2026");
        let t = d.and_hms_opt(9, 4, 5).unwrap().and_utc();
        assert_eq!(long_time(t), "3 March 2026 at 09:04:05 UTC");
    }
}
