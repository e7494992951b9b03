//! How the parties want their calls: the one record per deployment that the
//! cadence generator (`crate::calls`) proposes the calendar from.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::call::{call_minutes, clock, minutes_rule, ClockTime};
use super::Record;
use crate::deployment::Deployment;
use crate::validate::Rules;
use crate::validation::{Checker, FieldError};

/// The id of a deployment's one cadence record. Fixed, so that two
/// organisations that each set the cadence hold the same record, and a merge
/// compares their copies rather than keeping two.
pub const CADENCE_ID: &str = "call-cadence";

/// The most working days of daily calls after a go-live.
pub const DAILY_CALLS_MAX: u8 = 60;
/// The working days a regular call can fall on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
}

keyed!(Weekday {
    Monday => "monday", "Monday";
    Tuesday => "tuesday", "Tuesday";
    Wednesday => "wednesday", "Wednesday";
    Thursday => "thursday", "Thursday";
    Friday => "friday", "Friday";
});

impl Weekday {
    pub fn chrono(self) -> chrono::Weekday {
        match self {
            Self::Monday => chrono::Weekday::Mon,
            Self::Tuesday => chrono::Weekday::Tue,
            Self::Wednesday => chrono::Weekday::Wed,
            Self::Thursday => chrono::Weekday::Thu,
            Self::Friday => chrono::Weekday::Fri,
        }
    }
}

/// How the parties want their calls: the settings the generator proposes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CallCadence {
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::ID_MAX_CHARS), regex(pattern = r"\S")))]
    pub id: String,
    #[serde(deserialize_with = "crate::de::time")]
    pub updated_at: DateTime<Utc>,
    /// Run-up calls every 1 or 2 weeks.
    #[cfg_attr(feature = "schema", schemars(range(min = 1, max = 2)))]
    pub run_up_every_weeks: u8,
    /// The day of the run-up and later public beta calls.
    pub weekday: Weekday,
    /// When calls start, UK time.
    #[cfg_attr(feature = "schema", schemars(with = "String", regex(pattern = r"^([01]?[0-9]|2[0-3])[:.][0-5][0-9]$")))]
    pub start: ClockTime,
    /// Length of a run-up or weekly call, in minutes.
    #[cfg_attr(feature = "schema", schemars(range(min = 5, max = 480)))]
    pub minutes: u16,
    /// How many working days of daily calls follow a go-live.
    #[cfg_attr(feature = "schema", schemars(range(max = 60)))]
    pub daily_calls: u8,
    /// Length of a daily call, in minutes.
    #[cfg_attr(feature = "schema", schemars(range(min = 5, max = 480)))]
    pub daily_minutes: u16,
    /// When the run-up calls begin, when the parties chose a day; otherwise
    /// the generator takes the first UAT result.
    #[serde(default, deserialize_with = "crate::de::optional_day")]
    pub run_up_start: Option<NaiveDate>,
}

impl CallCadence {
    /// The cadence before anyone sets one: weekly on Tuesdays at 10:00 for
    /// 30 minutes, then two working weeks of 15-minute daily calls.
    pub fn proposed(now: DateTime<Utc>) -> Self {
        Self {
            id: CADENCE_ID.to_owned(),
            updated_at: now,
            run_up_every_weeks: 1,
            weekday: Weekday::Tuesday,
            start: ClockTime::new(10, 0),
            minutes: 30,
            daily_calls: 10,
            daily_minutes: 15,
            run_up_start: None,
        }
    }
}

impl Record for CallCadence {
    const COLLECTION: &'static str = "call_cadences";
    const NOUN: &'static str = "a call cadence";
    const COUNTED: (&'static str, &'static str) = ("call cadence", "call cadences");
    stamped!();
    fn label(&self, _: &Deployment) -> String {
        "The cadence of calls".to_owned()
    }
    fn free_text(&self) -> Vec<(&'static str, &str)> {
        Vec::new()
    }
    fn check(&self, r: &mut Rules<'_>) {
        if self.id != CADENCE_ID {
            r.fail("id", format!("must be {}: a deployment has one cadence of calls", crate::text::quote(CADENCE_ID)));
        }
        if !(1..=2).contains(&self.run_up_every_weeks) {
            r.fail("run_up_every_weeks", format!("must be 1 or 2 (weekly or fortnightly), not {}", self.run_up_every_weeks));
        }
        minutes_rule(r, "minutes", self.minutes);
        minutes_rule(r, "daily_minutes", self.daily_minutes);
        if self.daily_calls > DAILY_CALLS_MAX {
            r.fail("daily_calls", format!("is {}: the most is {DAILY_CALLS_MAX} working days of daily calls", self.daily_calls));
        }
    }
}

/// The cadence form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CadenceDraft {
    /// "1" or "2".
    pub every_weeks: String,
    pub weekday: String,
    pub start: String,
    pub minutes: String,
    pub daily_calls: String,
    pub daily_minutes: String,
    pub run_up_start: String,
}

impl CadenceDraft {
    pub fn from_cadence(c: &CallCadence) -> Self {
        Self {
            every_weeks: c.run_up_every_weeks.to_string(),
            weekday: c.weekday.key().to_owned(),
            start: c.start.to_string(),
            minutes: c.minutes.to_string(),
            daily_calls: c.daily_calls.to_string(),
            daily_minutes: c.daily_minutes.to_string(),
            run_up_start: c.run_up_start.map(crate::dates::iso_date).unwrap_or_default(),
        }
    }

    pub fn validate(&self, now: DateTime<Utc>) -> Result<CallCadence, Vec<FieldError>> {
        let mut c = Checker::new();
        let every = match self.every_weeks.as_str() {
            "1" => 1,
            "2" => 2,
            _ => {
                c.fail("every_weeks", "Select weekly or fortnightly");
                0
            }
        };
        let weekday = c.chosen("weekday", Weekday::from_key(&self.weekday), "Select the day of the weekly calls");
        let start = clock(&mut c, "start", &self.start, "the start time");
        let minutes = call_minutes(&mut c, "minutes", &self.minutes, "the length of a run-up or weekly call");
        let daily_minutes = call_minutes(&mut c, "daily_minutes", &self.daily_minutes, "the length of a daily call");
        let daily_calls = match self.daily_calls.trim().parse::<u8>() {
            Ok(n) if n <= DAILY_CALLS_MAX => Some(n),
            _ => {
                c.fail("daily_calls", format!("Enter the number of days of daily calls, from 0 to {DAILY_CALLS_MAX}"));
                None
            }
        };
        let run_up_start = c.date("run_up_start", &self.run_up_start, "the first run-up call", false);
        c.finish(|| CallCadence {
            id: CADENCE_ID.to_owned(),
            updated_at: now,
            run_up_every_weeks: every,
            weekday: weekday.expect("checked"),
            start: start.expect("checked"),
            minutes: minutes.expect("checked"),
            daily_calls: daily_calls.expect("checked"),
            daily_minutes: daily_minutes.expect("checked"),
            run_up_start,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cadence_form_names_each_problem() {
        let draft = CadenceDraft {
            every_weeks: "3".into(),
            weekday: "saturday".into(),
            start: "25:00".into(),
            minutes: "2".into(),
            daily_calls: "61".into(),
            daily_minutes: "".into(),
            run_up_start: "2026-02-30".into(),
        };
        let errors = draft.validate(Utc::now()).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["every_weeks", "weekday", "start", "minutes", "daily_minutes", "daily_calls", "run_up_start"]);
        assert_eq!(errors[2].message, "The start time must be a time on the 24-hour clock, like 09:30 or 14:00");
        assert_eq!(errors[4].message, "Enter the length of a daily call in minutes");
        let good = CadenceDraft::from_cadence(&CallCadence::proposed(Utc::now()));
        assert_eq!(good.validate(Utc::now()).unwrap().start, ClockTime::new(10, 0));
    }

}
