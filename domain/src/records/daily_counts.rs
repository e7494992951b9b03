//! One provider's counts for one day of live running: referrals sent and
//! responses received. Counts only, never anything about a patient.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{provider_name, Parent, Record};
use crate::dates::{long_date, weekday_date};
use crate::deployment::Deployment;
use crate::validate::Rules;
use crate::validation::{Checker, FieldError};

/// A day's counts above this in a form are almost certainly a typing slip.
pub const DAILY_COUNT_MAX: u32 = 100_000;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DailyVolume {
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::ID_MAX_CHARS), regex(pattern = r"\S")))]
    pub id: String,
    #[serde(deserialize_with = "crate::de::time")]
    pub updated_at: DateTime<Utc>,
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::ID_MAX_CHARS), regex(pattern = r"\S")))]
    pub provider_id: String,
    #[serde(deserialize_with = "crate::de::day")]
    pub date: NaiveDate,
    #[cfg_attr(feature = "schema", schemars(range(max = crate::validate::DAILY_COUNT_LIMIT)))]
    #[serde(deserialize_with = "crate::de::count")]
    pub referrals: u32,
    #[cfg_attr(feature = "schema", schemars(range(max = crate::validate::DAILY_COUNT_LIMIT)))]
    #[serde(deserialize_with = "crate::de::count")]
    pub responses: u32,
}

impl Record for DailyVolume {
    const COLLECTION: &'static str = "volumetrics";
    const NOUN: &'static str = "a day's counts";
    const COUNTED: (&'static str, &'static str) = ("day of counts", "days of counts");
    stamped!(provider_id);
    fn one_per_provider_day(&self) -> Option<(&str, NaiveDate)> {
        Some((&self.provider_id, self.date))
    }
    fn label(&self, d: &Deployment) -> String {
        format!("Counts for {} on {}", provider_name(d, &self.provider_id), long_date(self.date))
    }
    fn free_text(&self) -> Vec<(&'static str, &str)> {
        Vec::new()
    }
    fn check(&self, r: &mut Rules<'_>) {
        r.count("referrals", self.referrals);
        r.count("responses", self.responses);
        if let Err(why) = responses_rule(self.referrals, self.responses) {
            r.fail("responses", why);
        }
    }
}

/// Whether a provider's day is live running, whose counts count towards the
/// minimum: on or after the provider's go-live (never, before it has one).
pub fn is_live_day(go_live: Option<NaiveDate>, date: NaiveDate) -> bool {
    go_live.is_some_and(|start| date >= start)
}

/// The responses rule: a day cannot have more responses than referrals.
pub fn responses_rule(referrals: u32, responses: u32) -> Result<(), String> {
    if responses > referrals {
        Err(format!("{responses} responses is more than the {referrals} referrals of the same day"))
    } else {
        Ok(())
    }
}

/// A daily count as typed: a whole number from 0 to [`DAILY_COUNT_MAX`]. Empty is 0.
pub fn parse_count(raw: &str) -> Result<u32, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(0);
    }
    if raw.len() > 1 && raw.starts_with('-') && raw[1..].chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("cannot be negative (\u{201c}{raw}\u{201d})"));
    }
    match raw.parse::<u32>() {
        Ok(n) if n <= DAILY_COUNT_MAX => Ok(n),
        Ok(_) => Err(format!("must be {DAILY_COUNT_MAX} or fewer in a day")),
        Err(_) => Err(format!("must be a whole number, not {}", crate::text::quote(raw))),
    }
}

/// One provider's counts for one day, validated but not yet stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayCounts {
    pub provider_id: String,
    pub date: NaiveDate,
    pub referrals: u32,
    pub responses: u32,
}

/// Stores counts, replacing any already held for the same provider and day
/// (a provider's day is one record). `new_id` makes ids for new days.
pub fn store_counts(d: &mut Deployment, rows: Vec<DayCounts>, now: DateTime<Utc>, mut new_id: impl FnMut() -> String) {
    let mut held: HashMap<(String, NaiveDate), usize> =
        d.volumetrics.iter().enumerate().map(|(i, v)| ((v.provider_id.clone(), v.date), i)).collect();
    for row in rows {
        match held.get(&(row.provider_id.clone(), row.date)) {
            Some(&i) => {
                let existing = &mut d.volumetrics[i];
                existing.referrals = row.referrals;
                existing.responses = row.responses;
                existing.updated_at = now;
            }
            None => {
                held.insert((row.provider_id.clone(), row.date), d.volumetrics.len());
                d.volumetrics.push(DailyVolume {
                    id: new_id(),
                    updated_at: now,
                    provider_id: row.provider_id,
                    date: row.date,
                    referrals: row.referrals,
                    responses: row.responses,
                });
            }
        }
    }
}

/// A week of counts for one provider: seven (referrals, responses) pairs from
/// `week_start`. Fields are named `referrals-N` and `responses-N`, N = 0..6.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WeekDraft {
    pub provider_id: String,
    pub week_start: String,
    pub days: [(String, String); 7],
}

impl WeekDraft {
    /// Days left wholly empty are skipped, so a part week can be entered.
    pub fn validate(&self, deployment: &Deployment) -> Result<Vec<DayCounts>, Vec<FieldError>> {
        let mut c = Checker::new();
        if deployment.provider(&self.provider_id).is_none() {
            c.fail("provider", "Select the provider");
        }
        let start = c.date("week_start", &self.week_start, "the first day of the week", true);
        let mut out = Vec::new();
        for (i, (referrals, responses)) in self.days.iter().enumerate() {
            if referrals.trim().is_empty() && responses.trim().is_empty() {
                continue;
            }
            let day = start.and_then(|s| s.checked_add_days(chrono::Days::new(i as u64)));
            let label = day.map(weekday_date).unwrap_or_else(|| format!("day {}", i + 1));
            let r = c.count(&format!("referrals-{i}"), referrals, &format!("referrals on {label}"));
            let s = c.count(&format!("responses-{i}"), responses, &format!("responses on {label}"));
            if let (Some(r), Some(s)) = (r, s) {
                if s > r {
                    c.fail(format!("responses-{i}"), format!("Responses on {label} cannot be more than referrals ({s} is more than {r})"));
                }
                if let Some(date) = day {
                    out.push(DayCounts { provider_id: self.provider_id.clone(), date, referrals: r, responses: s });
                }
            }
        }
        if c.is_empty() && out.is_empty() {
            c.fail("referrals-0", "Enter the counts for at least one day");
        }
        c.finish(|| out)
    }
}

/// The Monday on or before `date`, where a week entry usually starts.
pub fn week_start(date: NaiveDate) -> NaiveDate {
    date - chrono::Days::new(u64::from(date.weekday().num_days_from_monday()))
}
