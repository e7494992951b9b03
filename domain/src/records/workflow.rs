//! One workflow of a provider's UAT test plan.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{provider_name, Parent, Record, TEXT_MAX_CHARS};
use crate::deployment::Deployment;
use crate::validate::{Rules, SHORT_TEXT_MAX_CHARS};
use crate::validation::{Checker, FieldError};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Workflow {
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::ID_MAX_CHARS), regex(pattern = r"\S")))]
    pub id: String,
    #[serde(deserialize_with = "crate::de::time")]
    pub updated_at: DateTime<Utc>,
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::ID_MAX_CHARS), regex(pattern = r"\S")))]
    pub provider_id: String,
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::SHORT_TEXT_MAX_CHARS), regex(pattern = r"\S")))]
    pub name: String,
}

impl Record for Workflow {
    const COLLECTION: &'static str = "workflows";
    const NOUN: &'static str = "a workflow";
    const COUNTED: (&'static str, &'static str) = ("test plan workflow", "test plan workflows");
    stamped!(provider_id);
    fn label(&self, d: &Deployment) -> String {
        format!("Workflow \u{201c}{}\u{201d} of {}", self.name, provider_name(d, &self.provider_id))
    }
    fn free_text(&self) -> Vec<(&'static str, &str)> {
        vec![("name", &self.name)]
    }
    fn check(&self, r: &mut Rules<'_>) {
        r.name("name", &self.name, SHORT_TEXT_MAX_CHARS);
    }
}

/// A new workflow for a provider's test plan: its name, checked.
pub fn validate_workflow_name(deployment: &Deployment, provider_id: &str, raw: &str) -> Result<String, Vec<FieldError>> {
    let mut c = Checker::new();
    let name = c.text("workflow", raw, "the workflow's name", TEXT_MAX_CHARS);
    if !name.is_empty() && deployment.workflows_of(provider_id).any(|w| w.name.eq_ignore_ascii_case(&name)) {
        c.fail("workflow", format!("The test plan already has \u{201c}{name}\u{201d}"));
    }
    c.finish(|| name)
}

impl Workflow {
    pub fn new(id: String, now: DateTime<Utc>, provider_id: String, name: String) -> Self {
        Self { id, updated_at: now, provider_id, name }
    }
}
