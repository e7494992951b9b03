//! A provider's business change: the guide's activities, each with a status,
//! an owner (one of the deployment's contacts), a target date and notes.
//!
//! A provider has at most one record per activity. Its id is made from the
//! provider and the activity ([`BusinessChange::id_for`]), so two
//! organisations that start the same activity make the same record, and a
//! merge compares their copies instead of keeping two.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{provider_name, Parent, Record, NOTE_MAX_CHARS};
use crate::deployment::Deployment;
use crate::validate::{Rules, LONG_TEXT_MAX_CHARS};
use crate::validation::{Checker, FieldError};

/// The guide's business change activities, in its order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Activity {
    WorkflowsAndProcedures,
    TrainingAndCommunications,
    BusinessContinuity,
    Reporting,
    InformationGovernance,
    /// Including configuration or development needed for local efficiency.
    Benefits,
}

keyed!(Activity {
    WorkflowsAndProcedures => "workflows_and_procedures", "Workflows and standard operating procedures updated";
    TrainingAndCommunications => "training_and_communications", "Staff training and communications plans";
    BusinessContinuity => "business_continuity", "Business continuity plans updated";
    Reporting => "reporting", "Reporting requirements updated";
    InformationGovernance => "information_governance", "Information governance and data protection policies";
    Benefits => "benefits", "Benefits analysis and realisation";
});

impl Activity {
    /// More words where the guide gives them.
    pub fn hint(self) -> Option<&'static str> {
        match self {
            Self::Benefits => Some("Including any system configuration or further development needed to make the most of local efficiencies."),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ActivityStatus {
    NotStarted,
    InProgress,
    Completed,
}

keyed!(ActivityStatus {
    NotStarted => "not_started", "Not started";
    InProgress => "in_progress", "In progress";
    Completed => "completed", "Completed";
});

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BusinessChange {
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::ID_MAX_CHARS), regex(pattern = r"\S")))]
    pub id: String,
    #[serde(deserialize_with = "crate::de::time")]
    pub updated_at: DateTime<Utc>,
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::ID_MAX_CHARS), regex(pattern = r"\S")))]
    pub provider_id: String,
    pub activity: Activity,
    pub status: ActivityStatus,
    /// The id of the contact who owns it, if one does.
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::ID_MAX_CHARS), regex(pattern = r"\S")))]
    pub owner_id: Option<String>,
    #[serde(default, deserialize_with = "crate::de::optional_day")]
    pub target_date: Option<NaiveDate>,
    /// The day it was completed: set exactly when the status is completed.
    #[serde(default, deserialize_with = "crate::de::optional_day")]
    pub completed_on: Option<NaiveDate>,
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::LONG_TEXT_MAX_CHARS)))]
    pub notes: String,
}

impl BusinessChange {
    /// The id of a provider's record for an activity: the same on every copy.
    /// (An id too long for a file, from a very long provider id, is left to
    /// the caller's fresh id.)
    pub fn id_for(provider_id: &str, activity: Activity) -> Option<String> {
        let id = format!("bc-{}-{provider_id}", activity.key());
        (id.chars().count() <= crate::validate::ID_MAX_CHARS).then_some(id)
    }

    /// Whether it was completed on or before `as_of`.
    pub fn completed_by(&self, as_of: NaiveDate) -> bool {
        self.status == ActivityStatus::Completed && self.completed_on.is_some_and(|d| d <= as_of)
    }
}

impl Record for BusinessChange {
    const COLLECTION: &'static str = "business_change";
    const NOUN: &'static str = "a business change activity";
    const COUNTED: (&'static str, &'static str) = ("business change activity", "business change activities");
    stamped!(provider_id);
    fn label(&self, d: &Deployment) -> String {
        format!("Business change \u{201c}{}\u{201d} of {}", self.activity.label(), provider_name(d, &self.provider_id))
    }
    fn free_text(&self) -> Vec<(&'static str, &str)> {
        vec![("notes", &self.notes)]
    }
    fn refers_to(&self) -> Vec<super::Reference<'_>> {
        self.owner_id.iter().map(|id| super::Reference { field: "owner_id", index: None, collection: super::Contact::COLLECTION, id }).collect()
    }
    fn one_per_provider(&self) -> Option<(&str, &'static str)> {
        Some((&self.provider_id, self.activity.key()))
    }
    fn check(&self, r: &mut Rules<'_>) {
        r.text("notes", &self.notes, LONG_TEXT_MAX_CHARS);
        match (self.status, self.completed_on) {
            (ActivityStatus::Completed, None) => r.fail("completed_on", "is missing: a completed activity gives the day it was completed"),
            (ActivityStatus::NotStarted | ActivityStatus::InProgress, Some(_)) => {
                r.fail("completed_on", "must be null unless the status is \u{201c}completed\u{201d}")
            }
            _ => {}
        }
    }
}

/// The form for one activity of one provider.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BusinessChangeDraft {
    pub status: String,
    /// A contact's id, or empty for no owner.
    pub owner: String,
    pub target_date: String,
    pub completed_on: String,
    pub notes: String,
}

impl BusinessChangeDraft {
    pub fn from_record(b: &BusinessChange) -> Self {
        Self {
            status: b.status.key().to_owned(),
            owner: b.owner_id.clone().unwrap_or_default(),
            target_date: b.target_date.map(crate::dates::iso_date).unwrap_or_default(),
            completed_on: b.completed_on.map(crate::dates::iso_date).unwrap_or_default(),
            notes: b.notes.clone(),
        }
    }

    /// The whole form: gives the record to store for `activity` of
    /// `provider_id` (`id` is used only when the provider has none yet).
    #[allow(clippy::too_many_arguments)]
    pub fn record(
        &self,
        deployment: &Deployment,
        provider_id: &str,
        activity: Activity,
        today: NaiveDate,
        id: String,
        now: DateTime<Utc>,
    ) -> Result<BusinessChange, Vec<FieldError>> {
        let mut c = Checker::new();
        let status = c.chosen("status", ActivityStatus::from_key(&self.status), "Select the status of the activity");
        let owner = (!self.owner.is_empty()).then(|| self.owner.clone());
        if owner.as_deref().is_some_and(|o| !deployment.contacts.iter().any(|ct| ct.id == o)) {
            c.fail("owner", "Select the owner from the deployment's contacts");
        }
        let target_date = c.date("target_date", &self.target_date, "the target date", false);
        let completed_on = if status == Some(ActivityStatus::Completed) {
            c.past_date("completed_on", &self.completed_on, "the date it was completed", true, today)
        } else {
            None
        };
        let notes = c.optional_text("notes", &self.notes, "the notes", NOTE_MAX_CHARS);
        let existing = deployment.business_change_of(provider_id, activity).map(|b| b.id.clone());
        c.finish(|| BusinessChange {
            id: existing.or_else(|| BusinessChange::id_for(provider_id, activity)).unwrap_or(id),
            updated_at: now,
            provider_id: provider_id.to_owned(),
            activity,
            status: status.expect("checked"),
            owner_id: owner,
            target_date,
            completed_on,
            notes,
        })
    }
}
