//! The narrative of a provider's beta exit report: what a person writes (a
//! summary, the benefits seen, recommendations) and who completed it and
//! when. The rest of the report is drawn from the other records
//! (`crate::exit_report`).
//!
//! A provider has at most one. Its id is made from the provider's
//! ([`ExitReport::id_for`]), so two organisations that start the report for
//! the same provider make the same record, and a merge compares their copies
//! instead of keeping two.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{provider_name, Parent, Record, TEXT_MAX_CHARS};
use crate::deployment::Deployment;
use crate::validate::{Rules, LONG_TEXT_MAX_CHARS, SHORT_TEXT_MAX_CHARS};
use crate::validation::{Checker, FieldError};

/// The most characters a form takes for one narrative section.
pub const NARRATIVE_MAX_CHARS: usize = 3000;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ExitReport {
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::ID_MAX_CHARS), regex(pattern = r"\S")))]
    pub id: String,
    #[serde(deserialize_with = "crate::de::time")]
    pub updated_at: DateTime<Utc>,
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::ID_MAX_CHARS), regex(pattern = r"\S")))]
    pub provider_id: String,
    /// How the beta went, in the provider's words.
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::LONG_TEXT_MAX_CHARS)))]
    pub summary: String,
    /// The benefits seen during the beta.
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::LONG_TEXT_MAX_CHARS)))]
    pub benefits: String,
    /// Recommendations for the standard, suppliers and later providers.
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::LONG_TEXT_MAX_CHARS)))]
    pub recommendations: String,
    /// Who completed the report (name and organisation); empty while it is being written.
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::SHORT_TEXT_MAX_CHARS)))]
    pub completed_by: String,
    /// When it was completed: given exactly when `completed_by` is.
    #[serde(default, deserialize_with = "crate::de::optional_day")]
    pub completed_on: Option<NaiveDate>,
}

impl ExitReport {
    /// The id of a provider's report: the same on every copy. (An id too
    /// long for a file, from a very long provider id, is left to the
    /// caller's fresh id.)
    pub fn id_for(provider_id: &str) -> Option<String> {
        let id = format!("exit-{provider_id}");
        (id.chars().count() <= crate::validate::ID_MAX_CHARS).then_some(id)
    }

    /// Completed on or before `as_of`.
    pub fn completed_by_date(&self, as_of: NaiveDate) -> bool {
        self.completed_on.is_some_and(|d| d <= as_of)
    }
}

impl Record for ExitReport {
    const COLLECTION: &'static str = "exit_reports";
    const NOUN: &'static str = "an exit report";
    const COUNTED: (&'static str, &'static str) = ("exit report", "exit reports");
    stamped!(provider_id);
    fn label(&self, d: &Deployment) -> String {
        format!("Beta exit report of {}", provider_name(d, &self.provider_id))
    }
    fn free_text(&self) -> Vec<(&'static str, &str)> {
        vec![
            ("summary", &self.summary),
            ("benefits seen", &self.benefits),
            ("recommendations", &self.recommendations),
            ("completed by", &self.completed_by),
        ]
    }
    fn one_per_provider(&self) -> Option<(&str, &'static str)> {
        Some((&self.provider_id, ""))
    }
    fn check(&self, r: &mut Rules<'_>) {
        r.text("summary", &self.summary, LONG_TEXT_MAX_CHARS);
        r.text("benefits", &self.benefits, LONG_TEXT_MAX_CHARS);
        r.text("recommendations", &self.recommendations, LONG_TEXT_MAX_CHARS);
        r.text("completed_by", &self.completed_by, SHORT_TEXT_MAX_CHARS);
        let named = !crate::text::is_blank(&self.completed_by);
        match (named, self.completed_on) {
            (true, None) => r.fail("completed_on", "must be given when completed_by is: the date the report was completed"),
            (false, Some(_)) => r.fail("completed_by", "must be given when completed_on is: who completed the report"),
            _ => {}
        }
    }
}

/// The narrative form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExitReportDraft {
    pub summary: String,
    pub benefits: String,
    pub recommendations: String,
    pub completed_by: String,
    /// A typed date (the NHS date input's value); empty while not completed.
    pub completed_on: String,
}

impl ExitReportDraft {
    pub fn from_report(r: &ExitReport) -> Self {
        Self {
            summary: r.summary.clone(),
            benefits: r.benefits.clone(),
            recommendations: r.recommendations.clone(),
            completed_by: r.completed_by.clone(),
            completed_on: r.completed_on.map(crate::dates::iso_date).unwrap_or_default(),
        }
    }

    /// Checks the form. A report may be saved part-written; once a date or
    /// a name says it was completed, the other and the summary are needed.
    /// Gives the record to store: `existing` keeps its id, else the provider's.
    pub fn record(
        &self,
        deployment: &Deployment,
        provider_id: &str,
        today: NaiveDate,
        fresh_id: String,
        now: DateTime<Utc>,
    ) -> Result<ExitReport, Vec<FieldError>> {
        let mut c = Checker::new();
        if deployment.provider(provider_id).is_none() {
            c.fail("summary", "The provider of this report is no longer in the deployment");
        }
        let summary = c.optional_text("summary", &self.summary, "the summary", NARRATIVE_MAX_CHARS);
        let benefits = c.optional_text("benefits", &self.benefits, "the benefits seen", NARRATIVE_MAX_CHARS);
        let recommendations = c.optional_text("recommendations", &self.recommendations, "the recommendations", NARRATIVE_MAX_CHARS);
        let completed_by = c.optional_text("completed_by", &self.completed_by, "who completed the report", TEXT_MAX_CHARS);
        let completed_on = c.date("completed_on", &self.completed_on, "the date the report was completed", false);
        if completed_on.is_some_and(|d| d > today) {
            c.fail("completed_on", "The date the report was completed must be today or in the past");
        }
        let named = !crate::text::is_blank(&completed_by);
        let dated = !self.completed_on.trim().is_empty();
        if dated && !named {
            c.fail("completed_by", "Enter who completed the report");
        }
        if named && !dated {
            c.fail("completed_on", "Enter the date the report was completed");
        }
        let written = [&summary, &benefits, &recommendations].iter().any(|t| !crate::text::is_blank(t));
        if !written {
            c.fail("summary", "Enter a summary, the benefits seen or recommendations");
        } else if (named || dated) && crate::text::is_blank(&summary) {
            c.fail("summary", "Enter a summary before recording the report as completed");
        }
        let existing = deployment.exit_report(provider_id).map(|r| r.id.clone());
        c.finish(|| ExitReport {
            id: existing.or_else(|| ExitReport::id_for(provider_id)).unwrap_or(fresh_id),
            updated_at: now,
            provider_id: provider_id.to_owned(),
            summary,
            benefits,
            recommendations,
            completed_by,
            completed_on,
        })
    }
}

impl Deployment {
    /// The provider's exit report narrative, if one has been written.
    pub fn exit_report(&self, provider_id: &str) -> Option<&ExitReport> {
        self.exit_reports.iter().find(|r| r.provider_id == provider_id)
    }

    /// Stores `report`, replacing the provider's earlier one.
    pub fn put_exit_report(&mut self, report: ExitReport) {
        match self.exit_reports.iter_mut().find(|r| r.id == report.id || r.provider_id == report.provider_id) {
            Some(old) => *old = report,
            None => self.exit_reports.push(report),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_id_is_the_providers_and_never_too_long() {
        assert_eq!(ExitReport::id_for("p1").as_deref(), Some("exit-p1"));
        assert_eq!(ExitReport::id_for(&"x".repeat(crate::validate::ID_MAX_CHARS)), None);
    }
}
