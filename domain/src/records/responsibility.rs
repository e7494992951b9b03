//! How far one of a party's responsibilities is, ticked off by hand: its
//! status, the contact who owns it, a date and notes. A provider's own
//! responsibilities are tracked per provider; the other parties' once per
//! deployment. Responsibilities whose state the tracker holds elsewhere (a
//! gate, the test plan, the core roles) have no record: see
//! `crate::responsibilities`.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{Parent, Record, Reference, NOTE_MAX_CHARS};
use crate::deployment::Deployment;
use crate::responsibilities::{Duty, Source, Status};
use crate::validate::{Rules, LONG_TEXT_MAX_CHARS};
use crate::validation::{Checker, FieldError};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Responsibility {
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::ID_MAX_CHARS), regex(pattern = r"\S")))]
    pub id: String,
    #[serde(deserialize_with = "crate::de::time")]
    pub updated_at: DateTime<Utc>,
    pub duty: Duty,
    /// For a provider's responsibility, which provider; none for the other parties'.
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::ID_MAX_CHARS), regex(pattern = r"\S")))]
    pub provider_id: Option<String>,
    pub status: Status,
    /// The contact who owns it, if any.
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::ID_MAX_CHARS), regex(pattern = r"\S")))]
    pub owner_id: Option<String>,
    /// When it is due, or was done.
    #[serde(default, deserialize_with = "crate::de::optional_day")]
    pub date: Option<NaiveDate>,
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::LONG_TEXT_MAX_CHARS)))]
    pub notes: String,
}

impl Record for Responsibility {
    const COLLECTION: &'static str = "responsibilities";
    const NOUN: &'static str = "a responsibility";
    const COUNTED: (&'static str, &'static str) = ("responsibility", "responsibilities");
    stamped!();
    fn belongs_to(&self) -> Option<(Parent, &str)> {
        self.provider_id.as_deref().map(|id| (Parent::Provider, id))
    }
    fn refers_to(&self) -> Vec<Reference<'_>> {
        self.owner_id.as_deref().map(|id| Reference { field: "owner_id", index: None, collection: super::Contact::COLLECTION, id }).into_iter().collect()
    }
    fn label(&self, d: &Deployment) -> String {
        match &self.provider_id {
            Some(id) => format!("Responsibility \u{201c}{}\u{201d} of {}", self.duty.label(), super::provider_name(d, id)),
            None => format!("Responsibility \u{201c}{}\u{201d} of the {}", self.duty.label(), self.duty.party().label()),
        }
    }
    fn free_text(&self) -> Vec<(&'static str, &str)> {
        vec![("notes", &self.notes)]
    }
    fn check(&self, r: &mut Rules<'_>) {
        match (self.duty.per_provider(), &self.provider_id) {
            (true, None) => r.fail("provider_id", "is missing: a provider\u{2019}s responsibility names its provider"),
            (false, Some(_)) => r.fail(
                "provider_id",
                format!("must not be given: {} is the {}\u{2019}s, tracked once for the deployment", crate::text::quote(self.duty.key()), self.duty.party().label()),
            ),
            _ => {}
        }
        if self.duty.source() != Source::ByHand {
            r.fail("duty", format!("{} is not ticked off by hand: the tracker takes its state from elsewhere", crate::text::quote(self.duty.key())));
        }
        r.text("notes", &self.notes, LONG_TEXT_MAX_CHARS);
    }
}

/// The form for a responsibility.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResponsibilityDraft {
    pub status: String,
    /// A contact's id, or empty for no one.
    pub owner_id: String,
    pub date: String,
    pub notes: String,
}

impl ResponsibilityDraft {
    pub fn from_record(r: &Responsibility) -> Self {
        Self {
            status: r.status.key().to_owned(),
            owner_id: r.owner_id.clone().unwrap_or_default(),
            date: r.date.map(crate::dates::iso_date).unwrap_or_default(),
            notes: r.notes.clone(),
        }
    }

    /// The record to store: `existing` (the latest one for this
    /// responsibility, if any) keeps its id, so there stays one record.
    pub fn record(
        &self,
        deployment: &Deployment,
        duty: Duty,
        provider_id: Option<&str>,
        existing: Option<&Responsibility>,
        new_id: impl FnOnce() -> String,
        now: DateTime<Utc>,
    ) -> Result<Responsibility, Vec<FieldError>> {
        let mut c = Checker::new();
        let status = c.chosen("status", Status::from_key(&self.status), "Select how far it is");
        let owner_id = (!self.owner_id.is_empty()).then(|| self.owner_id.clone());
        if owner_id.as_deref().is_some_and(|id| !deployment.contacts.iter().any(|c| c.id == id)) {
            c.fail("owner", "Select a contact from the list, or no one");
        }
        let date = c.date("date", &self.date, "the date", false);
        let notes = c.optional_text("notes", &self.notes, "the notes", NOTE_MAX_CHARS);
        let provider_id = if duty.per_provider() { provider_id.map(str::to_owned) } else { None };
        if duty.per_provider() && provider_id.as_deref().and_then(|id| deployment.provider(id)).is_none() {
            c.fail("provider", "Select the provider");
        }
        c.finish(|| Responsibility {
            id: existing.map(|r| r.id.clone()).unwrap_or_else(new_id),
            updated_at: now,
            duty,
            provider_id,
            status: status.expect("checked"),
            owner_id,
            date,
            notes,
        })
    }
}
