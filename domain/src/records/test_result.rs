//! One run of one workflow in UAT. Results are kept, never overwritten: the
//! latest one on or before the as-of date is the workflow's state.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{Parent, Record, NOTE_MAX_CHARS};
use crate::deployment::Deployment;
use crate::validate::{Rules, LONG_TEXT_MAX_CHARS};
use crate::validation::{Checker, FieldError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Pass,
    Fail,
}

keyed!(Outcome {
    Pass => "pass", "Passed";
    Fail => "fail", "Failed";
});

/// Where the guide says a failed test is fixed: in the standard, in the
/// supplier's solution, or in the provider's configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RootCause {
    Standard,
    SupplierSolution,
    ProviderConfiguration,
}

keyed!(RootCause {
    Standard => "standard", "The standard (BaRS)";
    SupplierSolution => "supplier_solution", "The supplier's solution";
    ProviderConfiguration => "provider_configuration", "The provider's configuration";
});

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TestResult {
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::ID_MAX_CHARS), regex(pattern = r"\S")))]
    pub id: String,
    #[serde(deserialize_with = "crate::de::time")]
    pub updated_at: DateTime<Utc>,
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::ID_MAX_CHARS), regex(pattern = r"\S")))]
    pub workflow_id: String,
    #[serde(deserialize_with = "crate::de::day")]
    pub date: NaiveDate,
    pub outcome: Outcome,
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::LONG_TEXT_MAX_CHARS)))]
    pub note: String,
    /// Set for failures only.
    pub root_cause: Option<RootCause>,
}

impl Record for TestResult {
    const COLLECTION: &'static str = "test_results";
    const NOUN: &'static str = "a test result";
    const COUNTED: (&'static str, &'static str) = ("test result", "test results");
    stamped!();
    fn belongs_to(&self) -> Option<(Parent, &str)> {
        Some((Parent::Workflow, &self.workflow_id))
    }
    fn label(&self, d: &Deployment) -> String {
        let workflow = d
            .workflows
            .iter()
            .find(|w| w.id == self.workflow_id)
            .map(|w| format!("\u{201c}{}\u{201d}", w.name))
            .unwrap_or_else(|| "a workflow no longer in the deployment".to_owned());
        format!("Test result of {workflow} on {}", crate::dates::long_date(self.date))
    }
    fn free_text(&self) -> Vec<(&'static str, &str)> {
        vec![("note", &self.note)]
    }
    fn check(&self, r: &mut Rules<'_>) {
        r.text("note", &self.note, LONG_TEXT_MAX_CHARS);
    }
}

/// The form for recording a result.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResultDraft {
    pub date: String,
    pub outcome: String,
    pub note: String,
    pub root_cause: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultFields {
    pub date: NaiveDate,
    pub outcome: Outcome,
    pub note: String,
    pub root_cause: Option<RootCause>,
}

impl ResultFields {
    pub fn into_record(self, id: String, now: DateTime<Utc>, workflow_id: String) -> TestResult {
        TestResult { id, updated_at: now, workflow_id, date: self.date, outcome: self.outcome, note: self.note, root_cause: self.root_cause }
    }
}

impl ResultDraft {
    /// The whole form: the workflow chosen (`workflow_id`) must be one of
    /// `provider_id`'s test plan. Gives the result to add.
    pub fn record(
        &self,
        deployment: &Deployment,
        provider_id: &str,
        workflow_id: &str,
        today: NaiveDate,
        id: String,
        now: DateTime<Utc>,
    ) -> Result<TestResult, Vec<FieldError>> {
        let mut c = Checker::new();
        if !deployment.workflows_of(provider_id).any(|w| w.id == workflow_id) {
            c.fail("workflow", "Select the workflow that was tested");
        }
        let fields = self.check(&mut c, today);
        c.finish(|| fields.expect("checked").into_record(id, now, workflow_id.to_owned()))
    }

    pub fn validate(&self, today: NaiveDate) -> Result<ResultFields, Vec<FieldError>> {
        let mut c = Checker::new();
        let fields = self.check(&mut c, today);
        c.finish(|| fields.expect("checked"))
    }

    fn check(&self, c: &mut Checker, today: NaiveDate) -> Option<ResultFields> {
        let date = c.date("date", &self.date, "the date of the test", true);
        if date.is_some_and(|d| d > today) {
            c.fail("date", "The date of the test must be today or in the past");
        }
        let outcome = c.chosen("outcome", Outcome::from_key(&self.outcome), "Select whether the workflow passed or failed");
        let root_cause = RootCause::from_key(&self.root_cause);
        if outcome == Some(Outcome::Fail) && root_cause.is_none() {
            c.fail("root_cause", "Select where the failure needs fixing");
        }
        let note = c.optional_text("note", &self.note, "the note", NOTE_MAX_CHARS);
        Some(ResultFields {
            date: date?,
            outcome: outcome?,
            note,
            root_cause: if outcome == Some(Outcome::Fail) { root_cause } else { None },
        })
    }
}
