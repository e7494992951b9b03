//! The lessons identified log: what happened, what the parties learned from
//! it and what they will do, kept through the beta for its retrospective and
//! its exit report.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{Contact, Party, Record, Reference, NOTE_MAX_CHARS};
use crate::deployment::Deployment;
use crate::validate::{Rules, LONG_TEXT_MAX_CHARS};
use crate::validation::{Checker, FieldError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum LessonCategory {
    Technical,
    ClinicalSafety,
    BusinessChange,
    Communications,
    Standard,
    Other,
}

keyed!(LessonCategory {
    Technical => "technical", "Technical";
    ClinicalSafety => "clinical_safety", "Clinical safety";
    BusinessChange => "business_change", "Business change";
    Communications => "communications", "Communications";
    Standard => "standard", "The standard (BaRS)";
    Other => "other", "Other";
});

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum LessonStatus {
    Open,
    InProgress,
    Done,
}

keyed!(LessonStatus {
    Open => "open", "Open";
    InProgress => "in_progress", "Action in progress";
    Done => "done", "Done";
});

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::ID_MAX_CHARS), regex(pattern = r"\S")))]
    pub id: String,
    #[serde(deserialize_with = "crate::de::time")]
    pub updated_at: DateTime<Utc>,
    /// The day it was identified.
    #[serde(deserialize_with = "crate::de::day")]
    pub date: NaiveDate,
    pub raised_by: Party,
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::ID_MAX_CHARS), regex(pattern = r"\S")))]
    pub raised_by_contact_id: Option<String>,
    pub category: LessonCategory,
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::LONG_TEXT_MAX_CHARS), regex(pattern = r"\S")))]
    pub what_happened: String,
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::LONG_TEXT_MAX_CHARS), regex(pattern = r"\S")))]
    pub lesson: String,
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::LONG_TEXT_MAX_CHARS)))]
    pub action: String,
    pub owner: Option<Party>,
    pub status: LessonStatus,
    /// To be talked about at the end of beta retrospective.
    pub for_retrospective: bool,
}

/// A lesson whose action is under way or done needs the action and its owner.
pub fn lesson_needs(status: LessonStatus, action: &str, owner: Option<Party>) -> (bool, bool) {
    let acting = status != LessonStatus::Open;
    (acting && crate::text::is_blank(action), acting && owner.is_none())
}

impl Record for Lesson {
    const COLLECTION: &'static str = "lessons";
    const NOUN: &'static str = "a lesson";
    const COUNTED: (&'static str, &'static str) = ("lesson", "lessons");
    stamped!();
    fn refers_to(&self) -> Vec<Reference<'_>> {
        match &self.raised_by_contact_id {
            Some(id) => vec![Reference { field: "raised_by_contact_id", index: None, collection: Contact::COLLECTION, id }],
            None => Vec::new(),
        }
    }
    fn label(&self, _: &Deployment) -> String {
        format!("Lesson of {}", crate::dates::long_date(self.date))
    }
    fn free_text(&self) -> Vec<(&'static str, &str)> {
        vec![("what happened", &self.what_happened), ("lesson", &self.lesson), ("action", &self.action)]
    }
    fn check(&self, r: &mut Rules<'_>) {
        r.name("what_happened", &self.what_happened, LONG_TEXT_MAX_CHARS);
        r.name("lesson", &self.lesson, LONG_TEXT_MAX_CHARS);
        r.text("action", &self.action, LONG_TEXT_MAX_CHARS);
        let (no_action, no_owner) = lesson_needs(self.status, &self.action, self.owner);
        let status = crate::text::quote(self.status.key());
        if no_action {
            r.fail("action", format!("must not be empty: a lesson with status {status} needs its action"));
        }
        if no_owner {
            r.fail("owner", format!("is missing: a lesson with status {status} needs an owner"));
        }
    }
}

impl Deployment {
    /// The lessons, oldest first (by date, then when recorded); only those
    /// marked for the retrospective when `retrospective` is set.
    pub fn lessons_in_order(&self, retrospective: bool) -> Vec<&Lesson> {
        let mut list: Vec<&Lesson> = self.lessons.iter().filter(|l| !retrospective || l.for_retrospective).collect();
        crate::order::sort_by_key(&mut list, |l| (l.date, l.updated_at));
        list
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LessonDraft {
    pub date: String,
    pub raised_by: String,
    pub raised_by_contact: String,
    pub category: String,
    pub what_happened: String,
    pub lesson: String,
    pub action: String,
    pub owner: String,
    pub status: String,
    pub for_retrospective: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LessonFields {
    pub date: NaiveDate,
    pub raised_by: Party,
    pub raised_by_contact_id: Option<String>,
    pub category: LessonCategory,
    pub what_happened: String,
    pub lesson: String,
    pub action: String,
    pub owner: Option<Party>,
    pub status: LessonStatus,
    pub for_retrospective: bool,
}

impl LessonFields {
    pub fn into_record(self, id: String, now: DateTime<Utc>) -> Lesson {
        Lesson {
            id,
            updated_at: now,
            date: self.date,
            raised_by: self.raised_by,
            raised_by_contact_id: self.raised_by_contact_id,
            category: self.category,
            what_happened: self.what_happened,
            lesson: self.lesson,
            action: self.action,
            owner: self.owner,
            status: self.status,
            for_retrospective: self.for_retrospective,
        }
    }
}

impl LessonDraft {
    pub fn from_lesson(l: &Lesson) -> Self {
        Self {
            date: crate::dates::iso_date(l.date),
            raised_by: l.raised_by.key().to_owned(),
            raised_by_contact: l.raised_by_contact_id.clone().unwrap_or_default(),
            category: l.category.key().to_owned(),
            what_happened: l.what_happened.clone(),
            lesson: l.lesson.clone(),
            action: l.action.clone(),
            owner: l.owner.map(Party::key).unwrap_or_default().to_owned(),
            status: l.status.key().to_owned(),
            for_retrospective: l.for_retrospective,
        }
    }

    pub fn validate(&self, d: &Deployment, today: NaiveDate) -> Result<LessonFields, Vec<FieldError>> {
        let mut c = Checker::new();
        let date = c.date("date", &self.date, "the date the lesson was identified", true);
        if date.is_some_and(|day| day > today) {
            c.fail("date", "The date identified must be today or in the past");
        }
        let (raised_by, raised_by_contact_id) =
            super::issue::raised_by(&mut c, d, &self.raised_by, &self.raised_by_contact, "Select the party that identified the lesson");
        let category = c.chosen("category", LessonCategory::from_key(&self.category), "Select the category");
        let what_happened = c.text("what_happened", &self.what_happened, "what happened", NOTE_MAX_CHARS);
        let lesson = c.text("lesson", &self.lesson, "what was learned", NOTE_MAX_CHARS);
        let action = c.optional_text("action", &self.action, "the action", NOTE_MAX_CHARS);
        let owner = Party::from_key(&self.owner);
        if owner.is_none() && !self.owner.is_empty() {
            c.fail("owner", "Select the party that owns the action");
        }
        let status = LessonStatus::from_key(&self.status);
        match status {
            None => c.fail("status", "Select the status"),
            Some(status) => {
                let (no_action, no_owner) = lesson_needs(status, &action, owner);
                if no_action && c.errors.iter().all(|e| e.field != "action") {
                    c.fail("action", "Enter the action: a lesson being acted on or done says what the action is");
                }
                if no_owner && c.errors.iter().all(|e| e.field != "owner") {
                    c.fail("owner", "Select the party that owns the action");
                }
            }
        }
        c.finish(|| LessonFields {
            date: date.expect("checked"),
            raised_by: raised_by.expect("checked"),
            raised_by_contact_id,
            category: category.expect("checked"),
            what_happened,
            lesson,
            action,
            owner,
            status: status.expect("checked"),
            for_retrospective: self.for_retrospective,
        })
    }
}
