//! A change to one cell of a deployment's RASCI matrix: which task and
//! party, the letters it now holds, who changed it and why. The change's
//! `updated_at` is when.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Party, Record, NOTE_MAX_CHARS, TEXT_MAX_CHARS};
use crate::deployment::Deployment;
use crate::rasci::{parse_letters, write_letters, Letter, Task, NOT_APPLICABLE};
use crate::validate::{Rules, LONG_TEXT_MAX_CHARS, SHORT_TEXT_MAX_CHARS};
use crate::validation::{Checker, FieldError};

/// The most characters a cell's letters take in a file ("R/A/S/C/I" is 9).
pub const LETTERS_MAX_CHARS: usize = 9;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RasciChange {
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::ID_MAX_CHARS), regex(pattern = r"\S")))]
    pub id: String,
    /// When the cell was changed.
    #[serde(deserialize_with = "crate::de::time")]
    pub updated_at: DateTime<Utc>,
    pub task: Task,
    pub party: Party,
    /// The cell's new letters: R, A, S, C and I joined by "/" (e.g. "R/A"), or "N/A".
    #[cfg_attr(feature = "schema", schemars(length(min = 1, max = 9)))]
    pub letters: String,
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::SHORT_TEXT_MAX_CHARS), regex(pattern = r"\S")))]
    pub changed_by: String,
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::LONG_TEXT_MAX_CHARS)))]
    pub reason: String,
}

impl Record for RasciChange {
    const COLLECTION: &'static str = "rasci_changes";
    const NOUN: &'static str = "a RASCI change";
    const COUNTED: (&'static str, &'static str) = ("RASCI change", "RASCI changes");
    stamped!();
    fn label(&self, _: &Deployment) -> String {
        format!("RASCI cell \u{201c}{}\u{201d} for the {}", self.task.label(), self.party.label())
    }
    fn free_text(&self) -> Vec<(&'static str, &str)> {
        vec![("changed by", &self.changed_by), ("reason", &self.reason)]
    }
    fn check(&self, r: &mut Rules<'_>) {
        if self.letters.chars().count() > LETTERS_MAX_CHARS {
            r.fail("letters", format!("is {} characters long: a cell is at most {LETTERS_MAX_CHARS}", self.letters.chars().count()));
        } else if let Err(why) = parse_letters(&self.letters) {
            r.fail("letters", why);
        }
        r.name("changed_by", &self.changed_by, SHORT_TEXT_MAX_CHARS);
        r.text("reason", &self.reason, LONG_TEXT_MAX_CHARS);
    }
}

/// The form for changing a cell: a tick for each letter, or "not applicable".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RasciDraft {
    /// Ticked letters, in the key's order (R, A, S, C, I).
    pub letters: [bool; 5],
    pub not_applicable: bool,
    pub changed_by: String,
    pub reason: String,
}

impl RasciDraft {
    /// The form filled with a cell's letters (who and why start empty).
    pub fn from_cell(cell: &str) -> Self {
        let held = parse_letters(cell).unwrap_or_default();
        Self {
            letters: Letter::ALL.map(|l| held.contains(&l)),
            not_applicable: cell == NOT_APPLICABLE,
            ..Default::default()
        }
    }

    /// The change to record, or what is wrong. `current` is the cell's letters now.
    pub fn record(&self, task: Task, party: Party, current: &str, id: String, now: DateTime<Utc>) -> Result<RasciChange, Vec<FieldError>> {
        let mut c = Checker::new();
        let ticked: Vec<Letter> = Letter::ALL.into_iter().zip(self.letters).filter(|(_, on)| *on).map(|(l, _)| l).collect();
        let letters = match (ticked.is_empty(), self.not_applicable) {
            (true, false) => {
                c.fail("letters", "Select at least one letter, or select not applicable");
                String::new()
            }
            (false, true) => {
                c.fail("letters", "Select letters or not applicable, not both");
                String::new()
            }
            _ => write_letters(&ticked),
        };
        if !letters.is_empty() && parse_letters(current).ok().is_some_and(|now| write_letters(&now) == letters) {
            c.fail("letters", "The cell already holds these letters: change at least one");
        }
        let changed_by = c.text("changed_by", &self.changed_by, "your name and organisation", TEXT_MAX_CHARS);
        let reason = c.text("reason", &self.reason, "why the cell is changing", NOTE_MAX_CHARS);
        c.finish(|| RasciChange { id, updated_at: now, task, party, letters, changed_by, reason })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::message_for;

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_780_000_000, 0).unwrap()
    }

    #[test]
    fn a_change_records_ticked_letters_in_the_key_order() {
        let draft = RasciDraft {
            letters: [true, true, false, false, false],
            changed_by: " Sam at Acme ".into(),
            reason: "Agreed at the kick-off call".into(),
            ..Default::default()
        };
        let change = draft.record(Task::IssueManagement, Party::BarsTeam, "R", "c1".into(), now()).unwrap();
        assert_eq!(change.letters, "R/A");
        assert_eq!(change.changed_by, "Sam at Acme");
        let na = RasciDraft { not_applicable: true, changed_by: "x".into(), reason: "y".into(), ..Default::default() };
        assert_eq!(na.record(Task::Configuration, Party::Provider, "C", "c2".into(), now()).unwrap().letters, "N/A");
    }

    #[test]
    fn the_form_says_what_is_missing_or_unchanged() {
        let errors = RasciDraft::default().record(Task::Configuration, Party::Provider, "C", "c".into(), now()).unwrap_err();
        assert_eq!(message_for(&errors, "letters"), Some("Select at least one letter, or select not applicable"));
        assert_eq!(message_for(&errors, "changed_by"), Some("Enter your name and organisation"));
        assert_eq!(message_for(&errors, "reason"), Some("Enter why the cell is changing"));
        let same = RasciDraft::from_cell("A/R");
        assert_eq!(same.letters, [true, true, false, false, false]);
        let errors = same.record(Task::IncidentManagement, Party::PolicyAndStrategy, "A/R", "c".into(), now()).unwrap_err();
        assert_eq!(message_for(&errors, "letters"), Some("The cell already holds these letters: change at least one"));
        let both = RasciDraft { letters: [true, false, false, false, false], not_applicable: true, ..Default::default() };
        let errors = both.record(Task::Configuration, Party::Provider, "C", "c".into(), now()).unwrap_err();
        assert_eq!(message_for(&errors, "letters"), Some("Select letters or not applicable, not both"));
    }
}
