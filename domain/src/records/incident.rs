//! A safety-related incident during live running.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{Parent, Record, NOTE_MAX_CHARS};
use crate::deployment::Deployment;
use crate::validate::{Rules, LONG_TEXT_MAX_CHARS};
use crate::validation::{Checker, FieldError};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Incident {
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::ID_MAX_CHARS), regex(pattern = r"\S")))]
    pub id: String,
    #[serde(deserialize_with = "crate::de::time")]
    pub updated_at: DateTime<Utc>,
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::ID_MAX_CHARS), regex(pattern = r"\S")))]
    pub provider_id: String,
    #[serde(deserialize_with = "crate::de::day")]
    pub date: NaiveDate,
    /// Caused by the BaRS implementation: restarts the provider's verification period.
    pub attributed_to_bars: bool,
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::LONG_TEXT_MAX_CHARS)))]
    pub summary: String,
    pub reported_to_service_desk: bool,
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::LONG_TEXT_MAX_CHARS)))]
    pub resolution: String,
}

impl Record for Incident {
    const COLLECTION: &'static str = "incidents";
    const NOUN: &'static str = "an incident";
    const COUNTED: (&'static str, &'static str) = ("incident", "incidents");
    stamped!(provider_id);
    fn label(&self, _: &Deployment) -> String {
        format!("Incident on {}", crate::dates::long_date(self.date))
    }
    fn free_text(&self) -> Vec<(&'static str, &str)> {
        vec![("summary", &self.summary), ("resolution", &self.resolution)]
    }
    fn check(&self, r: &mut Rules<'_>) {
        r.text("summary", &self.summary, LONG_TEXT_MAX_CHARS);
        r.text("resolution", &self.resolution, LONG_TEXT_MAX_CHARS);
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IncidentDraft {
    pub provider_id: String,
    pub date: String,
    /// "yes" or "no".
    pub attributed: String,
    pub summary: String,
    pub reported: bool,
    pub resolution: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncidentFields {
    pub provider_id: String,
    pub date: NaiveDate,
    pub attributed_to_bars: bool,
    pub summary: String,
    pub reported_to_service_desk: bool,
    pub resolution: String,
}

impl IncidentFields {
    pub fn into_record(self, id: String, now: DateTime<Utc>) -> Incident {
        Incident {
            id,
            updated_at: now,
            provider_id: self.provider_id,
            date: self.date,
            attributed_to_bars: self.attributed_to_bars,
            summary: self.summary,
            reported_to_service_desk: self.reported_to_service_desk,
            resolution: self.resolution,
        }
    }
}

impl IncidentDraft {
    pub fn from_incident(i: &Incident) -> Self {
        Self {
            provider_id: i.provider_id.clone(),
            date: crate::dates::iso_date(i.date),
            attributed: if i.attributed_to_bars { "yes" } else { "no" }.to_owned(),
            summary: i.summary.clone(),
            reported: i.reported_to_service_desk,
            resolution: i.resolution.clone(),
        }
    }

    pub fn validate(&self, deployment: &Deployment, today: NaiveDate) -> Result<IncidentFields, Vec<FieldError>> {
        let mut c = Checker::new();
        if deployment.provider(&self.provider_id).is_none() {
            c.fail("provider", "Select the provider where the incident happened");
        }
        let date = c.date("date", &self.date, "the date of the incident", true);
        if date.is_some_and(|d| d > today) {
            c.fail("date", "The date of the incident must be today or in the past");
        }
        let attributed = match self.attributed.as_str() {
            "yes" => Some(true),
            "no" => Some(false),
            _ => {
                c.fail("attributed", "Select whether the incident was caused by the BaRS implementation");
                None
            }
        };
        let summary = c.text("summary", &self.summary, "a summary of the incident", NOTE_MAX_CHARS);
        let resolution = c.optional_text("resolution", &self.resolution, "the resolution", NOTE_MAX_CHARS);
        c.finish(|| IncidentFields {
            provider_id: self.provider_id.clone(),
            date: date.expect("checked"),
            attributed_to_bars: attributed.expect("checked"),
            summary,
            reported_to_service_desk: self.reported,
            resolution,
        })
    }
}
