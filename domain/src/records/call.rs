//! The calls of a beta: the cadence the parties agreed (one record per
//! deployment) and the calls a person has decided something about.
//!
//! The calendar is not stored call by call. The cadence generator
//! (`crate::calls`) proposes the calls from the deployment's stage dates each
//! time it is drawn, so a go-live that moves takes its calls with it. Only what
//! a person decided is stored, as a [`Call`]: a proposed call they changed,
//! cancelled or wrote notes for (it keeps the proposal's `slot` and stands in
//! for it), or a call they added (no slot).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{provider_name, Parent, Record, NOTE_MAX_CHARS, TEXT_MAX_CHARS};
use crate::deployment::Deployment;
use crate::validate::{Rules, LONG_TEXT_MAX_CHARS, SHORT_TEXT_MAX_CHARS};
use crate::validation::{Checker, FieldError};

/// The longest call a form or file takes, in minutes (a whole working day).
pub const CALL_MAX_MINUTES: u16 = 480;
/// The most actions one call may carry in a file.
pub const ACTIONS_MAX: usize = 100;

/// A time of day in whole minutes, written "09:30" in forms and files (UK
/// local time: the calendar file says Europe/London).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClockTime(pub u16);

impl ClockTime {
    pub fn new(hour: u16, minute: u16) -> Self {
        Self(hour * 60 + minute)
    }
    pub fn hour(self) -> u16 {
        self.0 / 60
    }
    pub fn minute(self) -> u16 {
        self.0 % 60
    }
    /// Reads "9:30" or "09:30" (24-hour clock), saying why not.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let raw = raw.trim();
        let bad = || format!("{} is not a time: write it like 09:30 or 14:00", crate::text::quote(raw));
        let (h, m) = raw.split_once(':').or_else(|| raw.split_once('.')).ok_or_else(bad)?;
        let digits = |s: &str, max_len: usize| (!s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<u16>().ok()).flatten();
        match (digits(h, 2), digits(m, 2).filter(|_| m.len() == 2)) {
            (Some(h), Some(m)) if h < 24 && m < 60 => Ok(Self::new(h, m)),
            _ => Err(bad()),
        }
    }
}

impl std::fmt::Display for ClockTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}:{:02}", self.hour(), self.minute())
    }
}

impl Serialize for ClockTime {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ClockTime {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::de::parsed(d, ClockTime::parse)
    }
}

/// Which of the guide's forums a call is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CallKind {
    /// Weekly or fortnightly, in the run-up to live running.
    RunUp,
    /// The go / no-go decision for a provider.
    GoNoGo,
    /// Daily, in the first period of public beta.
    EarlyLive,
    /// Weekly, in the later weeks of public beta.
    LaterLive,
    /// The supplier and provider retrospective at the end of public beta.
    Retrospective,
    /// A call added by hand.
    Other,
}

keyed!(CallKind {
    RunUp => "run_up", "Run-up call";
    GoNoGo => "go_no_go", "Go / no-go call";
    EarlyLive => "early_live", "Daily call, first period of public beta";
    LaterLive => "later_live", "Weekly call, public beta";
    Retrospective => "retrospective", "End of beta retrospective";
    Other => "other", "Other call";
});

pub(crate) fn minutes_rule(r: &mut Rules<'_>, field: &str, minutes: u16) {
    if !(5..=CALL_MAX_MINUTES).contains(&minutes) {
        r.fail(field, format!("is {minutes} minutes: a call lasts from 5 to {CALL_MAX_MINUTES} minutes"));
    }
}

/// Something a call agreed someone would do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CallAction {
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::LONG_TEXT_MAX_CHARS), regex(pattern = r"\S")))]
    pub action: String,
    /// Who does it: a person, a party or both, as the call said.
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::SHORT_TEXT_MAX_CHARS)))]
    pub owner: String,
    #[serde(default, deserialize_with = "crate::de::optional_day")]
    pub due: Option<NaiveDate>,
    pub done: bool,
}

/// A call someone decided something about: one the generator proposed and a
/// person changed, cancelled or wrote notes for (`slot` says which), or one
/// added by hand (no `slot`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Call {
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::ID_MAX_CHARS), regex(pattern = r"\S")))]
    pub id: String,
    #[serde(deserialize_with = "crate::de::time")]
    pub updated_at: DateTime<Utc>,
    /// The proposed call this one stands in for, e.g. "run_up:2026-03-03" or
    /// "go_no_go:p-1"; none for a call added by hand.
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::ID_MAX_CHARS)))]
    #[serde(default)]
    pub slot: Option<String>,
    pub kind: CallKind,
    /// The provider a go / no-go call decides on.
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::ID_MAX_CHARS), regex(pattern = r"\S")))]
    #[serde(default)]
    pub provider_id: Option<String>,
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::SHORT_TEXT_MAX_CHARS), regex(pattern = r"\S")))]
    pub title: String,
    #[serde(deserialize_with = "crate::de::day")]
    pub date: NaiveDate,
    /// UK time.
    #[cfg_attr(feature = "schema", schemars(with = "String", regex(pattern = r"^([01]?[0-9]|2[0-3])[:.][0-5][0-9]$")))]
    pub start: ClockTime,
    #[cfg_attr(feature = "schema", schemars(range(min = 5, max = 480)))]
    pub minutes: u16,
    pub cancelled: bool,
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::LONG_TEXT_MAX_CHARS)))]
    pub notes: String,
    #[cfg_attr(feature = "schema", schemars(length(max = 100)))]
    pub actions: Vec<CallAction>,
}

impl Call {
    /// The id to store it under: its own, or for a proposal not yet stored
    /// its slot (so that two organisations that both change the same proposed
    /// call hold one record, which a merge compares, not two), or a new one.
    pub fn id_to_store(&self, new_id: impl FnOnce() -> String) -> String {
        if !self.id.is_empty() {
            self.id.clone()
        } else {
            match &self.slot {
                Some(slot) if slot.chars().count() <= crate::validate::ID_MAX_CHARS => slot.clone(),
                _ => new_id(),
            }
        }
    }
}

impl Record for Call {
    const COLLECTION: &'static str = "calls";
    const NOUN: &'static str = "a call";
    const COUNTED: (&'static str, &'static str) = ("call", "calls");
    stamped!();
    fn belongs_to(&self) -> Option<(Parent, &str)> {
        self.provider_id.as_deref().map(|id| (Parent::Provider, id))
    }
    fn label(&self, d: &Deployment) -> String {
        match &self.provider_id {
            Some(p) if self.kind == CallKind::GoNoGo => {
                format!("Go / no-go call for {} on {}", provider_name(d, p), crate::dates::long_date(self.date))
            }
            _ => format!("Call \u{201c}{}\u{201d} on {}", self.title, crate::dates::long_date(self.date)),
        }
    }
    fn free_text(&self) -> Vec<(&'static str, &str)> {
        let mut out = vec![("title", self.title.as_str()), ("notes", self.notes.as_str())];
        for a in &self.actions {
            out.push(("action", a.action.as_str()));
            out.push(("action owner", a.owner.as_str()));
        }
        out
    }
    fn check(&self, r: &mut Rules<'_>) {
        r.name("title", &self.title, SHORT_TEXT_MAX_CHARS);
        r.text("notes", &self.notes, LONG_TEXT_MAX_CHARS);
        if let Some(slot) = &self.slot {
            r.text("slot", slot, crate::validate::ID_MAX_CHARS);
        }
        minutes_rule(r, "minutes", self.minutes);
        if self.kind == CallKind::GoNoGo && self.provider_id.is_none() {
            r.fail("provider_id", "is missing: a go / no-go call decides on one provider");
        }
        if self.actions.len() > ACTIONS_MAX {
            r.fail("actions", format!("holds {} actions: the most one call may hold is {ACTIONS_MAX}", self.actions.len()));
        }
        for (i, a) in self.actions.iter().enumerate() {
            r.name(&format!("actions[{i}].action"), &a.action, LONG_TEXT_MAX_CHARS);
            r.text(&format!("actions[{i}].owner"), &a.owner, SHORT_TEXT_MAX_CHARS);
        }
    }
}

// ------------------------------------------------------------------ forms

pub(crate) fn clock(c: &mut Checker, field: &str, raw: &str, what: &str) -> Option<ClockTime> {
    if raw.trim().is_empty() {
        c.fail(field, format!("Enter {what}"));
        return None;
    }
    match ClockTime::parse(raw) {
        Ok(t) => Some(t),
        Err(_) => {
            c.fail(field, format!("{} must be a time on the 24-hour clock, like 09:30 or 14:00", crate::text::capitalise(what)));
            None
        }
    }
}

pub(crate) fn call_minutes(c: &mut Checker, field: &str, raw: &str, what: &str) -> Option<u16> {
    match raw.trim().parse::<u16>() {
        Ok(n) if (5..=CALL_MAX_MINUTES).contains(&n) => Some(n),
        _ if raw.trim().is_empty() => {
            c.fail(field, format!("Enter {what} in minutes"));
            None
        }
        _ => {
            c.fail(field, format!("{} must be a whole number of minutes from 5 to {CALL_MAX_MINUTES}", crate::text::capitalise(what)));
            None
        }
    }
}

/// One call's form: when, how long, what it is called, whether it is
/// cancelled, and its notes. Actions are added one at a time ([`ActionDraft`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CallDraft {
    pub title: String,
    pub date: String,
    pub start: String,
    pub minutes: String,
    pub cancelled: bool,
    pub notes: String,
}

impl CallDraft {
    pub fn from_call(call: &Call) -> Self {
        Self {
            title: call.title.clone(),
            date: crate::dates::iso_date(call.date),
            start: call.start.to_string(),
            minutes: call.minutes.to_string(),
            cancelled: call.cancelled,
            notes: call.notes.clone(),
        }
    }

    /// `base` is the call being changed (a stored one, or a proposal); `None`
    /// adds a call by hand. The result keeps the base's id (a proposal's is
    /// empty: give it `new_id`), slot, kind, provider and actions.
    pub fn validate(&self, base: Option<&Call>, now: DateTime<Utc>, new_id: impl FnOnce() -> String) -> Result<Call, Vec<FieldError>> {
        let mut c = Checker::new();
        let title = c.text("title", &self.title, "a name for the call", TEXT_MAX_CHARS);
        let date = c.date("date", &self.date, "the date of the call", true);
        let start = clock(&mut c, "start", &self.start, "the start time");
        let minutes = call_minutes(&mut c, "minutes", &self.minutes, "the length of the call");
        let notes = c.optional_text("notes", &self.notes, "the notes", NOTE_MAX_CHARS * 5);
        c.finish(|| {
            let id = match base {
                Some(b) => b.id_to_store(new_id),
                None => new_id(),
            };
            Call {
                id,
                updated_at: now,
                slot: base.and_then(|b| b.slot.clone()),
                kind: base.map_or(CallKind::Other, |b| b.kind),
                provider_id: base.and_then(|b| b.provider_id.clone()),
                title,
                date: date.expect("checked"),
                start: start.expect("checked"),
                minutes: minutes.expect("checked"),
                cancelled: self.cancelled,
                notes,
                actions: base.map(|b| b.actions.clone()).unwrap_or_default(),
            }
        })
    }
}

/// An action as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActionDraft {
    pub action: String,
    pub owner: String,
    pub due: String,
}

impl ActionDraft {
    pub fn validate(&self) -> Result<CallAction, Vec<FieldError>> {
        let mut c = Checker::new();
        let action = c.text("action", &self.action, "what is to be done", NOTE_MAX_CHARS);
        let owner = c.text("owner", &self.owner, "who will do it", TEXT_MAX_CHARS);
        let due = c.date("due", &self.due, "the date it is due", false);
        c.finish(|| CallAction { action, owner, due, done: false })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_times_read_and_write_the_24_hour_clock() {
        assert_eq!(ClockTime::parse("09:30"), Ok(ClockTime::new(9, 30)));
        assert_eq!(ClockTime::parse(" 9:05 "), Ok(ClockTime::new(9, 5)));
        assert_eq!(ClockTime::parse("14.00"), Ok(ClockTime::new(14, 0)));
        assert_eq!(ClockTime::new(9, 5).to_string(), "09:05");
        for bad in ["24:00", "9:5", "9", "ten", "12:60", ":30", "123:00"] {
            assert!(ClockTime::parse(bad).unwrap_err().contains("is not a time"), "{bad}");
        }
    }

    #[test]
    fn a_call_form_keeps_what_it_stands_in_for() {
        let now = Utc::now();
        let base = Call {
            id: String::new(),
            updated_at: now,
            slot: Some("go_no_go:p1".into()),
            kind: CallKind::GoNoGo,
            provider_id: Some("p1".into()),
            title: "Go / no-go".into(),
            date: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            start: ClockTime::new(10, 0),
            minutes: 60,
            cancelled: false,
            notes: String::new(),
            actions: Vec::new(),
        };
        let mut draft = CallDraft::from_call(&base);
        draft.start = "11:30".into();
        draft.notes = "Agreed to go".into();
        let call = draft.validate(Some(&base), now, || "new-1".into()).unwrap();
        // A proposal is stored under its slot, so both sides of a merge name it alike.
        assert_eq!((call.id.as_str(), call.slot.as_deref(), call.kind), ("go_no_go:p1", Some("go_no_go:p1"), CallKind::GoNoGo));
        assert_eq!(call.id_to_store(|| "other".into()), "go_no_go:p1", "a stored call keeps its id");
        let long = Call { slot: Some(format!("go_no_go:{}", "p".repeat(100))), ..base.clone() };
        assert_eq!(long.id_to_store(|| "new-2".into()), "new-2", "a slot too long for an id gets a new one");
        assert_eq!(call.start, ClockTime::new(11, 30));
        let empty = CallDraft::default().validate(None, now, || "x".into()).unwrap_err();
        assert_eq!(empty.iter().map(|e| e.message.as_str()).collect::<Vec<_>>(), [
            "Enter a name for the call",
            "Enter the date of the call",
            "Enter the start time",
            "Enter the length of the call in minutes"
        ]);
        let action = ActionDraft { action: "Send the smoke test log".into(), owner: "Supplier".into(), due: "2026-3-4".into() }.validate().unwrap();
        assert_eq!(action.due, NaiveDate::from_ymd_opt(2026, 3, 4));
        assert!(!action.done);
    }
}
