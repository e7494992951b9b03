//! The quick readiness calculator: a few facts about one provider, without a
//! deployment. The facts become a one-provider deployment that [`assess`]
//! judges, so the calculator can never disagree with the progress page; the
//! same deployment is what "Save as a deployment" keeps.
//!
//! When only a total of referrals is known, it is spread evenly over the days
//! of live running (or, with a recent daily rate, the rate fills the last
//! [`RATE_WINDOW_DAYS`] days and the rest is spread over the days before).
//! The engine then sees the same total and the same recent rate the user gave.

use chrono::{DateTime, Days, NaiveDate, Utc};

use crate::deployment::{Deployment, DeploymentFields};
use crate::readiness::{assess, Readiness, RATE_WINDOW_DAYS};
use crate::records::{DailyVolume, Incident, Milestone, MilestoneKind, Outcome, Provider, ProviderRole, TestResult, Workflow, DAILY_COUNT_MAX};
use crate::risk::ServiceRiskLevel;
use crate::validation::{Checker, FieldError};

/// The most incidents the calculator takes (each has its own date boxes).
pub const MAX_INCIDENTS: usize = 10;

/// The form field of the `i`th incident's date (`incident-1` …), its legend,
/// and its name within a sentence.
pub const INCIDENT_FIELDS: [(&str, &str, &str); MAX_INCIDENTS] = [
    ("incident-1", "Incident 1", "incident 1"),
    ("incident-2", "Incident 2", "incident 2"),
    ("incident-3", "Incident 3", "incident 3"),
    ("incident-4", "Incident 4", "incident 4"),
    ("incident-5", "Incident 5", "incident 5"),
    ("incident-6", "Incident 6", "incident 6"),
    ("incident-7", "Incident 7", "incident 7"),
    ("incident-8", "Incident 8", "incident 8"),
    ("incident-9", "Incident 9", "incident 9"),
    ("incident-10", "Incident 10", "incident 10"),
];

/// One incident as typed: its date (`YYYY-MM-DD` from the date boxes) and
/// whether it was caused by the BaRS implementation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IncidentLine {
    pub date: String,
    pub attributable: bool,
}

/// The calculator's form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CalculatorDraft {
    /// "low", "medium", "high", or empty.
    pub risk_level: String,
    pub go_live: String,
    /// How the referrals are given: [`SOURCE_TOTAL`] (or blank) for a total
    /// and a recent rate, [`SOURCE_COUNTS`] for daily counts.
    pub source: String,
    pub referrals: String,
    /// Referrals a day over the last 14 days, blank when not known.
    pub rate: String,
    /// "yes" or "no".
    pub uat_passed: String,
    /// "yes" or "no".
    pub guidance_reviewed: String,
    pub incidents: Vec<IncidentLine>,
    /// Daily counts as pasted: a date and a number of referrals on each line.
    pub counts: String,
}

/// The form field of the pasted daily counts.
pub const COUNTS_FIELD: &str = "counts";

/// [`CalculatorDraft::source`] for a total so far and a recent rate.
pub const SOURCE_TOTAL: &str = "total";
/// [`CalculatorDraft::source`] for a count for each day.
pub const SOURCE_COUNTS: &str = "counts";

/// The checked facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calculation {
    pub risk_level: ServiceRiskLevel,
    pub go_live: NaiveDate,
    pub referrals: u32,
    /// The recent daily rate in hundredths of a referral a day.
    pub rate_hundredths: Option<u32>,
    pub uat_passed: bool,
    pub guidance_reviewed: bool,
    /// (date, caused by BaRS), in the order typed.
    pub incidents: Vec<(NaiveDate, bool)>,
    /// The day the facts are true on.
    pub as_of: NaiveDate,
    /// The referrals of each day, when they were given day by day.
    pub daily: Option<Vec<(NaiveDate, u32)>>,
}

/// A rate typed as "12", "12.5" or "0.25" in hundredths; blank is `None`.
pub fn parse_rate(raw: &str) -> Result<Option<u32>, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let wrong = || "Enter the recent daily rate as a number of referrals a day, like 12 or 2.5".to_owned();
    let (whole, fraction) = raw.split_once('.').unwrap_or((raw, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() && fraction.is_empty() || !digits(whole) || !digits(fraction) {
        return Err(wrong());
    }
    if fraction.len() > 2 {
        return Err("Enter the recent daily rate to no more than 2 decimal places".to_owned());
    }
    let whole: u64 = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| wrong())? };
    if whole > u64::from(DAILY_COUNT_MAX) {
        return Err(format!("The recent daily rate must be {} or fewer referrals a day", crate::text::thousands(DAILY_COUNT_MAX as usize)));
    }
    let fraction: u64 = format!("{fraction:0<2}").parse().map_err(|_| wrong())?;
    Ok(Some((whole * 100 + fraction) as u32))
}

/// A rate in hundredths as typed: 1250 → "12.5".
pub fn rate_text(hundredths: u32) -> String {
    let (whole, fraction) = (hundredths / 100, hundredths % 100);
    match fraction {
        0 => whole.to_string(),
        f if f % 10 == 0 => format!("{whole}.{}", f / 10),
        f => format!("{whole}.{f:02}"),
    }
}

fn yes_no(c: &mut Checker, field: &str, raw: &str, question: &str) -> Option<bool> {
    match raw {
        "yes" => Some(true),
        "no" => Some(false),
        _ => {
            c.fail(field, format!("Select whether {question}"));
            None
        }
    }
}

impl CalculatorDraft {
    /// Checks every field against the day the calculation is for.
    pub fn validate(&self, as_of: NaiveDate) -> Result<Calculation, Vec<FieldError>> {
        let mut c = Checker::new();
        let risk_level = c.chosen("risk-level", ServiceRiskLevel::from_key(&self.risk_level), "Select the Service Risk Level");
        let go_live = c.date("go-live", &self.go_live, "the go-live date", true);
        if self.by_day() {
            return self.validate_daily(c, risk_level, go_live, as_of);
        }
        let referrals = if crate::text::is_blank(&self.referrals) {
            c.fail("referrals", "Enter the referrals so far, or 0 if there are none yet");
            None
        } else {
            c.count("referrals", &self.referrals, "the referrals so far")
        };
        let rate = match parse_rate(&self.rate) {
            Ok(rate) => rate,
            Err(why) => {
                c.fail("rate", why);
                None
            }
        };
        self.finish(c, risk_level, go_live, referrals, rate, None, as_of)
    }

    /// Whether the referrals are given as daily counts.
    pub fn by_day(&self) -> bool {
        self.source == SOURCE_COUNTS
    }

    /// The checks of pasted daily counts, which stand for the total and the rate.
    fn validate_daily(&self, mut c: Checker, risk_level: Option<ServiceRiskLevel>, go_live: Option<NaiveDate>, as_of: NaiveDate) -> Result<Calculation, Vec<FieldError>> {
        let daily = if crate::text::is_blank(&self.counts) {
            c.fail(COUNTS_FIELD, "Paste the daily counts: a date and the referrals on that day, on each line");
            None
        } else {
            match crate::csv_in::parse_daily_referrals(&self.counts) {
                Err(problems) => {
                    for problem in problems {
                        c.fail(COUNTS_FIELD, problem);
                    }
                    None
                }
                Ok(rows) => {
                    let before = rows.len();
                    let mut kept = Vec::new();
                    for (line, date, referrals) in rows {
                        if go_live.is_some_and(|g| date < g) {
                            c.fail(COUNTS_FIELD, format!("Line {line}: {} is before the go-live date: referrals count only from go-live", crate::dates::iso_date(date)));
                        } else if date > as_of {
                            c.fail(COUNTS_FIELD, format!("Line {line}: {} is after {}, the day this calculation is for", crate::dates::iso_date(date), crate::dates::long_date(as_of)));
                        } else {
                            kept.push((date, referrals));
                        }
                    }
                    crate::order::sort_by_key(&mut kept, |(date, _)| *date);
                    (kept.len() == before).then_some(kept)
                }
            }
        };
        let referrals = daily.as_ref().map(|rows| rows.iter().fold(0u32, |sum, (_, n)| sum.saturating_add(*n)));
        self.finish(c, risk_level, go_live, referrals, None, daily, as_of)
    }

    /// The checks every way of giving referrals shares, and the result.
    #[allow(clippy::too_many_arguments)]
    fn finish(
        &self,
        mut c: Checker,
        risk_level: Option<ServiceRiskLevel>,
        go_live: Option<NaiveDate>,
        referrals: Option<u32>,
        rate: Option<u32>,
        daily: Option<Vec<(NaiveDate, u32)>>,
        as_of: NaiveDate,
    ) -> Result<Calculation, Vec<FieldError>> {
        let uat_passed = yes_no(&mut c, "uat", &self.uat_passed, "every workflow in the UAT test plan has passed");
        let guidance_reviewed = yes_no(&mut c, "guidance", &self.guidance_reviewed, "the supporting guidance has been reviewed");
        if self.incidents.len() > MAX_INCIDENTS {
            c.fail("incidents", format!("Enter no more than {MAX_INCIDENTS} incidents"));
        }
        let incidents: Vec<Option<(NaiveDate, bool)>> = self
            .incidents
            .iter()
            .zip(INCIDENT_FIELDS)
            .map(|(line, (field, legend, named))| {
                let what = format!("the date of {named}");
                let date = c.date(field, &line.date, &what, true)?;
                let wrong = if go_live.is_some_and(|g| date < g) {
                    Some(format!("{legend} is before the go-live date: only incidents during live running restart the clock"))
                } else if date > as_of {
                    Some(format!("{legend} is after {}, the day this calculation is for", crate::dates::long_date(as_of)))
                } else {
                    None
                };
                match wrong {
                    Some(why) => {
                        c.fail(field, why);
                        None
                    }
                    None => Some((date, line.attributable)),
                }
            })
            .collect();
        if let (Some(go_live), Some(referrals)) = (go_live, referrals) {
            if go_live > as_of {
                // Daily counts after the as-of date are refused line by line.
                if referrals > 0 && daily.is_none() {
                    c.fail(
                        "referrals",
                        format!("Referrals so far must be 0 when go-live is after {}: referrals count only from go-live", crate::dates::long_date(as_of)),
                    );
                }
                if rate.is_some() {
                    c.fail("rate", "Leave the recent daily rate blank: the provider has not gone live yet");
                }
            } else if let Some(rate) = rate {
                let days_live = days_between(go_live, as_of) + 1;
                if days_live <= u64::from(RATE_WINDOW_DAYS) {
                    c.fail(
                        "rate",
                        format!(
                            "Leave the recent daily rate blank until the provider has been live for more than {RATE_WINDOW_DAYS} days: until then the rate is worked out from the referrals so far"
                        ),
                    );
                } else if in_window(rate, u64::from(RATE_WINDOW_DAYS)) > u64::from(referrals) {
                    c.fail(
                        "rate",
                        format!(
                            "A rate of {} a day over the last {RATE_WINDOW_DAYS} days is {} referrals, more than the {referrals} referrals so far",
                            rate_text(rate),
                            in_window(rate, u64::from(RATE_WINDOW_DAYS))
                        ),
                    );
                }
            }
        }
        c.finish(|| Calculation {
            risk_level: risk_level.expect("checked"),
            go_live: go_live.expect("checked"),
            referrals: referrals.expect("checked"),
            rate_hundredths: rate,
            uat_passed: uat_passed.expect("checked"),
            guidance_reviewed: guidance_reviewed.expect("checked"),
            incidents: incidents.into_iter().map(|i| i.expect("checked")).collect(),
            as_of,
            daily,
        })
    }

    /// The draft as link parameters, to be written after `?page=calculator`.
    pub fn to_query(&self) -> Vec<(&'static str, String)> {
        let mut pairs = vec![("risk", self.risk_level.clone()), ("golive", self.go_live.clone())];
        if self.by_day() {
            pairs.push(("counts", counts_in_link(&self.counts)));
        } else {
            pairs.push(("referrals", self.referrals.trim().to_owned()));
            if !self.rate.trim().is_empty() {
                pairs.push(("rate", self.rate.trim().to_owned()));
            }
        }
        pairs.push(("uat", self.uat_passed.clone()));
        pairs.push(("guidance", self.guidance_reviewed.clone()));
        if !self.incidents.is_empty() {
            let incidents: Vec<String> =
                self.incidents.iter().map(|i| format!("{}{}", i.date, if i.attributable { "-bars" } else { "-other" })).collect();
            pairs.push(("incidents", incidents.join(",")));
        }
        pairs
    }

    /// The draft from link parameters (as [`to_query`](Self::to_query) writes them);
    /// anything missing is left blank for the form to ask for.
    pub fn from_query(pairs: &[(String, String)]) -> Self {
        let get = |key: &str| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()).unwrap_or_default();
        let incidents = get("incidents")
            .split(',')
            .filter(|s| !s.is_empty())
            .take(MAX_INCIDENTS)
            .map(|item| match item.rsplit_once('-') {
                Some((date, cause)) => IncidentLine { date: date.to_owned(), attributable: cause == "bars" },
                None => IncidentLine { date: item.to_owned(), attributable: false },
            })
            .collect();
        let counts = get("counts");
        Self {
            source: if counts.is_empty() { String::new() } else { SOURCE_COUNTS.to_owned() },
            counts: counts_from_link(&counts),
            risk_level: get("risk"),
            go_live: get("golive"),
            referrals: get("referrals"),
            rate: get("rate"),
            uat_passed: get("uat"),
            guidance_reviewed: get("guidance"),
            incidents,
        }
    }

    /// Whether the link held anything to calculate.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// Pasted daily counts as a short link value: the first day, then the count of
/// each day from it, a blank for none ("2026-03-02_5.3..7"). Text that cannot
/// be read goes as it is, for the form to explain when the link is opened.
fn counts_in_link(text: &str) -> String {
    let Ok(mut rows) = crate::csv_in::parse_daily_referrals(text) else { return text.to_owned() };
    crate::order::sort_by_key(&mut rows, |(_, date, _)| *date);
    let Some((_, first, _)) = rows.first().copied() else { return String::new() };
    let mut days: Vec<String> = Vec::new();
    for (_, date, referrals) in rows {
        let at = days_between(first, date) as usize;
        days.resize(at + 1, String::new());
        if referrals > 0 {
            days[at] = referrals.to_string();
        }
    }
    format!("{}_{}", crate::dates::iso_date(first), days.join("."))
}

/// The pasted text a link's counts stand for: one line for each day with
/// referrals. A value not written by [`counts_in_link`] is kept as it is.
fn counts_from_link(value: &str) -> String {
    let Some((first, days)) = value.split_once('_') else { return value.to_owned() };
    let Ok(first) = crate::dates::parse_day(first) else { return value.to_owned() };
    let mut text = String::new();
    for (i, count) in days.split('.').enumerate() {
        if count.is_empty() {
            continue;
        }
        match first.checked_add_days(Days::new(i as u64)) {
            Some(date) => text.push_str(&format!("{}\t{count}\n", crate::dates::iso_date(date))),
            None => return value.to_owned(),
        }
    }
    text
}

fn days_between(from: NaiveDate, to: NaiveDate) -> u64 {
    u64::try_from((to - from).num_days()).unwrap_or(0)
}

/// Referrals a rate (in hundredths) makes over `days`, to the nearest whole one.
fn in_window(rate_hundredths: u32, days: u64) -> u64 {
    (u64::from(rate_hundredths) * days + 50) / 100
}

/// `total` spread over `days` days as evenly as whole numbers allow, the
/// larger shares last (so the recent end of a period is never the quieter).
fn spread(total: u64, days: u64) -> impl Iterator<Item = u32> {
    let (each, extra) = if days == 0 { (0, 0) } else { (total / days, total % days) };
    (0..days).map(move |i| (each + u64::from(i >= days - extra)) as u32)
}

impl Calculation {
    /// The referrals as daily counts from go-live to the as-of date, days
    /// without referrals left out.
    pub fn daily_counts(&self) -> Vec<(NaiveDate, u32)> {
        if let Some(daily) = &self.daily {
            return daily.iter().copied().filter(|(_, n)| *n > 0).collect();
        }
        if self.go_live > self.as_of || self.referrals == 0 {
            return Vec::new();
        }
        let total = u64::from(self.referrals);
        let days_live = days_between(self.go_live, self.as_of) + 1;
        let window = days_live.min(u64::from(RATE_WINDOW_DAYS));
        let recent = match self.rate_hundredths {
            Some(rate) => in_window(rate, window).min(total),
            // No rate: the same rate throughout, so the window holds its share.
            None => total * window / days_live,
        };
        let before = days_live - window;
        let recent = if before == 0 { total } else { recent };
        let counts = spread(total - recent, before).chain(spread(recent, window));
        counts
            .enumerate()
            .filter(|(_, n)| *n > 0)
            .filter_map(|(i, n)| self.go_live.checked_add_days(Days::new(i as u64)).map(|d| (d, n)))
            .collect()
    }

    /// The facts as a deployment of one provider called `provider_name`.
    /// `next_id` gives each record its id.
    pub fn deployment(&self, fields: DeploymentFields, provider_name: String, mut next_id: impl FnMut() -> String, now: DateTime<Utc>) -> Deployment {
        let mut d = Deployment::new(next_id(), fields, now);
        d.has_responses = false;
        let provider_id = next_id();
        d.providers.push(Provider {
            id: provider_id.clone(),
            updated_at: now,
            name: provider_name,
            ods_code: String::new(),
            role: ProviderRole::Both,
            supplier: String::new(),
            go_live: Some(self.go_live),
        });
        let workflow_id = next_id();
        d.workflows.push(Workflow::new(workflow_id.clone(), now, provider_id.clone(), "UAT test plan".to_owned()));
        if self.uat_passed {
            let date = self.go_live.min(self.as_of);
            d.test_results.push(TestResult {
                id: next_id(),
                updated_at: now,
                workflow_id,
                date,
                outcome: Outcome::Pass,
                note: String::new(),
                root_cause: None,
            });
        }
        if self.guidance_reviewed {
            d.milestones.push(Milestone {
                id: next_id(),
                updated_at: now,
                provider_id: provider_id.clone(),
                kind: MilestoneKind::GuidanceReviewed,
                date: self.as_of,
                recorded_by: String::new(),
            });
        }
        for (date, referrals) in self.daily_counts() {
            d.volumetrics.push(DailyVolume { id: next_id(), updated_at: now, provider_id: provider_id.clone(), date, referrals, responses: 0 });
        }
        for (date, attributed_to_bars) in &self.incidents {
            d.incidents.push(Incident {
                id: next_id(),
                updated_at: now,
                provider_id: provider_id.clone(),
                date: *date,
                attributed_to_bars: *attributed_to_bars,
                summary: "Entered in the quick calculator".to_owned(),
                reported_to_service_desk: false,
                resolution: String::new(),
            });
        }
        d
    }

    /// What the readiness engine makes of the facts.
    pub fn assess(&self) -> Readiness {
        let mut n = 0u32;
        let fields = DeploymentFields {
            name: "Quick calculation".to_owned(),
            application: crate::ApplicationChoice::Other { description: String::new() },
            risk_level: self.risk_level,
        };
        let deployment = self.deployment(fields, "The provider".to_owned(), || {
            n += 1;
            format!("calc-{n}")
        }, DateTime::<Utc>::UNIX_EPOCH);
        assess(&deployment, self.as_of)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::readiness::Projection;

    fn day(s: &str) -> NaiveDate {
        crate::dates::parse_day(s).unwrap()
    }

    fn draft() -> CalculatorDraft {
        CalculatorDraft {
            risk_level: "medium".into(),
            go_live: "2026-03-02".into(),
            referrals: "30".into(),
            rate: String::new(),
            uat_passed: "yes".into(),
            guidance_reviewed: "no".into(),
            incidents: Vec::new(),
            source: String::new(),
            counts: String::new(),
        }
    }

    #[test]
    fn rates_are_read_in_hundredths_and_written_back() {
        assert_eq!(parse_rate(""), Ok(None));
        assert_eq!(parse_rate("12"), Ok(Some(1200)));
        assert_eq!(parse_rate("2.5"), Ok(Some(250)));
        assert_eq!(parse_rate(".25"), Ok(Some(25)));
        assert_eq!(parse_rate("0.05"), Ok(Some(5)));
        assert!(parse_rate("1.234").unwrap_err().contains("2 decimal places"));
        assert!(parse_rate("two").unwrap_err().contains("like 12 or 2.5"));
        assert!(parse_rate("-1").is_err());
        assert!(parse_rate(".").is_err());
        assert!(parse_rate("100001").unwrap_err().contains("100,000"));
        for r in [0, 5, 25, 250, 1200, 1205] {
            assert_eq!(parse_rate(&rate_text(r)), Ok(Some(r)));
        }
        assert_eq!(rate_text(250), "2.5");
    }

    #[test]
    fn every_missing_answer_is_named() {
        let errors = CalculatorDraft::default().validate(day("2026-04-01")).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["risk-level", "go-live", "referrals", "uat", "guidance"]);
        assert_eq!(errors[0].message, "Select the Service Risk Level");
        assert_eq!(errors[1].message, "Enter the go-live date");
    }

    #[test]
    fn a_rate_needs_more_than_a_window_of_live_running_and_cannot_exceed_the_total() {
        let as_of = day("2026-03-10");
        let mut d = draft();
        d.rate = "2".into();
        let errors = d.validate(as_of).unwrap_err();
        assert_eq!(errors[0].field, "rate");
        assert!(errors[0].message.contains("more than 14 days"), "{}", errors[0].message);

        d.rate = "3".into();
        let errors = d.validate(day("2026-04-30")).unwrap_err();
        assert_eq!(errors[0].message, "A rate of 3 a day over the last 14 days is 42 referrals, more than the 30 referrals so far");
    }

    #[test]
    fn a_provider_not_yet_live_has_no_referrals() {
        let mut d = draft();
        d.go_live = "2026-05-01".into();
        let errors = d.validate(day("2026-04-01")).unwrap_err();
        assert_eq!(errors[0].field, "referrals");
        d.referrals = "0".into();
        let c = d.validate(day("2026-04-01")).unwrap();
        assert!(c.daily_counts().is_empty());
        let p = &c.assess().providers[0];
        assert_eq!(p.verification.projection, Projection::Expected(day("2026-05-29")));
    }

    #[test]
    fn incidents_outside_live_running_are_refused_with_their_number() {
        let mut d = draft();
        d.incidents = vec![
            IncidentLine { date: "2026-03-10".into(), attributable: true },
            IncidentLine { date: "2026-02-01".into(), attributable: true },
            IncidentLine { date: "2026-05-01".into(), attributable: false },
            IncidentLine { date: "".into(), attributable: false },
        ];
        let errors = d.validate(day("2026-04-01")).unwrap_err();
        let got: Vec<(&str, &str)> = errors.iter().map(|e| (e.field.as_str(), e.message.as_str())).collect();
        assert_eq!(
            got,
            [
                ("incident-2", "Incident 2 is before the go-live date: only incidents during live running restart the clock"),
                ("incident-3", "Incident 3 is after 1 April 2026, the day this calculation is for"),
                ("incident-4", "Enter the date of incident 4"),
            ]
        );
    }

    #[test]
    fn spread_counts_keep_the_total_and_the_recent_rate() {
        let mut d = draft();
        d.referrals = "100".into();
        d.rate = "2.5".into();
        let c = d.validate(day("2026-04-30")).unwrap();
        let counts = c.daily_counts();
        let total: u32 = counts.iter().map(|(_, n)| n).sum();
        assert_eq!(total, 100);
        let window_start = day("2026-04-17");
        let recent: u32 = counts.iter().filter(|(d, _)| *d >= window_start).map(|(_, n)| n).sum();
        assert_eq!(recent, 35); // 2.5 a day for 14 days
        assert!(counts.iter().all(|(d, _)| *d >= c.go_live && *d <= c.as_of));
        let r = c.assess();
        assert_eq!(r.referrals.counted, 100);
        assert_eq!(r.referrals.daily_rate, Some(2.5));

        // Without a rate, the recent window holds its even share.
        d.rate.clear();
        let c = d.validate(day("2026-04-30")).unwrap();
        let r = c.assess();
        assert_eq!(r.referrals.counted, 100);
        let rate = r.referrals.daily_rate.unwrap();
        assert!((rate - 100.0 / 60.0).abs() < 0.1, "{rate}");
    }

    /// The calculator and the engine agree on the same facts written out as a deployment by hand.
    #[test]
    fn the_calculator_agrees_with_the_engine_on_a_hand_made_deployment() {
        let mut d = draft();
        d.risk_level = "low".into();
        d.referrals = "12".into();
        d.guidance_reviewed = "yes".into();
        d.incidents = vec![
            IncidentLine { date: "2026-03-05".into(), attributable: true },
            IncidentLine { date: "2026-03-07".into(), attributable: false },
        ];
        let as_of = day("2026-03-11");
        let from_total = d.validate(as_of).unwrap().assess();
        assert_agrees(&from_total, &hand_made(as_of));
        // The same referrals pasted day by day, as a spreadsheet gives them.
        d.source = SOURCE_COUNTS.into();
        d.referrals = "999".into(); // not read when counts are pasted
        d.counts = "Date,Referrals\n02/03/2026,3\n2026-03-06,5\n11/03/2026,4\n".into();
        let from_counts = d.validate(as_of).unwrap();
        assert_eq!(from_counts.referrals, 12);
        assert_agrees(&from_counts.assess(), &hand_made(as_of));
    }

    fn assert_agrees(from_calculator: &Readiness, by_hand: &Readiness) {
        let (a, b) = (&from_calculator.providers[0], &by_hand.providers[0]);
        assert_eq!(from_calculator.criteria, by_hand.criteria);
        assert_eq!(from_calculator.referrals.counted, by_hand.referrals.counted);
        assert_eq!(from_calculator.referrals.daily_rate, by_hand.referrals.daily_rate);
        assert_eq!(from_calculator.referrals.projection, by_hand.referrals.projection);
        assert_eq!((a.uat.met, a.referrals_met, a.guidance.met, a.met), (b.uat.met, b.referrals_met, b.guidance.met, b.met));
        assert_eq!(a.verification.days, b.verification.days);
        assert_eq!(a.verification.clock_start, b.verification.clock_start);
        assert_eq!(a.verification.projection, b.verification.projection);
        assert_eq!(a.verification.restarts.len(), 1);
        assert_eq!(a.earliest_exit, b.earliest_exit);
        assert_eq!(a.earliest_exit, Projection::Expected(day("2026-03-20")));
    }

    /// The deployment a person would build by hand for the facts above.
    fn hand_made(as_of: NaiveDate) -> Readiness {

        let now = DateTime::<Utc>::UNIX_EPOCH;
        let fields = DeploymentFields {
            name: "By hand".into(),
            application: crate::ApplicationChoice::Preset { number: 1 },
            risk_level: ServiceRiskLevel::Low,
        };
        let mut hand = Deployment::new("dep".into(), fields, now);
        hand.has_responses = false;
        hand.providers.push(Provider {
            id: "p".into(),
            updated_at: now,
            name: "The provider".into(),
            ods_code: String::new(),
            role: ProviderRole::Both,
            supplier: String::new(),
            go_live: Some(day("2026-03-02")),
        });
        hand.workflows.push(Workflow::new("w".into(), now, "p".into(), "Book".into()));
        hand.test_results.push(TestResult {
            id: "t".into(),
            updated_at: now,
            workflow_id: "w".into(),
            date: day("2026-02-20"),
            outcome: Outcome::Pass,
            note: String::new(),
            root_cause: None,
        });
        hand.milestones.push(Milestone {
            id: "m".into(),
            updated_at: now,
            provider_id: "p".into(),
            kind: MilestoneKind::GuidanceReviewed,
            date: day("2026-03-01"),
            recorded_by: String::new(),
        });
        // 12 referrals over 10 days of live running, however they fell.
        for (i, n) in [(0, 3), (4, 5), (9, 4)] {
            hand.volumetrics.push(DailyVolume {
                id: format!("v{i}"),
                updated_at: now,
                provider_id: "p".into(),
                date: day("2026-03-02") + Days::new(i),
                referrals: n,
                responses: 0,
            });
        }
        for (id, date, bars) in [("i1", "2026-03-05", true), ("i2", "2026-03-07", false)] {
            hand.incidents.push(Incident {
                id: id.into(),
                updated_at: now,
                provider_id: "p".into(),
                date: day(date),
                attributed_to_bars: bars,
                summary: "x".into(),
                reported_to_service_desk: false,
                resolution: String::new(),
            });
        }
        assess(&hand, as_of)
    }

    #[test]
    fn daily_counts_give_the_recent_rate_a_total_cannot() {
        // 30 days live, nothing for 16 days, then 2 a day: the engine's rate is
        // 2 a day, where the same total spread evenly would be under 1.
        let mut d = draft();
        d.source = SOURCE_COUNTS.into();
        d.counts = (16..30).map(|i| format!("{}\t2\n", crate::dates::iso_date(day("2026-03-02") + Days::new(i)))).collect();
        let as_of = day("2026-03-31");
        let by_day = d.validate(as_of).unwrap().assess();
        assert_eq!(by_day.referrals.counted, 28);
        assert_eq!(by_day.referrals.daily_rate, Some(2.0));
        let mut total = draft();
        total.referrals = "28".into();
        let spread = total.validate(as_of).unwrap().assess();
        assert!(spread.referrals.daily_rate.unwrap() < 1.0);
    }

    #[test]
    fn pasted_counts_outside_live_running_are_refused_line_by_line() {
        let mut d = draft();
        d.source = SOURCE_COUNTS.into();
        let messages = |d: &CalculatorDraft| -> Vec<String> {
            d.validate(day("2026-03-10")).unwrap_err().into_iter().filter(|e| e.field == COUNTS_FIELD).map(|e| e.message).collect()
        };
        assert_eq!(messages(&d), ["Paste the daily counts: a date and the referrals on that day, on each line"]);
        d.counts = "2026-03-01\t4\n2026-03-05\t2\n2026-03-11\t1\n2026-03-05\t9\n".into();
        assert_eq!(messages(&d), ["Line 4: 2026-03-05 is already on line 2"]);
        d.counts = "2026-03-01\t4\n2026-03-05\t2\n2026-03-11\t1\n".into();
        assert_eq!(
            messages(&d),
            [
                "Line 1: 2026-03-01 is before the go-live date: referrals count only from go-live",
                "Line 3: 2026-03-11 is after 10 March 2026, the day this calculation is for",
            ]
        );
    }

    #[test]
    fn pasted_counts_ride_in_the_link_in_short() {
        let mut d = draft();
        d.source = SOURCE_COUNTS.into();
        d.counts = "Date\tReferrals\n05/03/2026\t7\n2026-03-02\t5\n2026-03-03\t0\n".into();
        let pairs = d.to_query();
        let counts = &pairs.iter().find(|(k, _)| *k == "counts").unwrap().1;
        assert_eq!(counts, "2026-03-02_5...7");
        assert!(!pairs.iter().any(|(k, _)| *k == "referrals"));
        let pairs: Vec<(String, String)> = pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
        let back = CalculatorDraft::from_query(&pairs);
        assert_eq!(back.counts, "2026-03-02\t5\n2026-03-05\t7\n");
        assert!(back.by_day());
        let on = day("2026-03-10");
        assert_eq!(back.validate(on).unwrap().daily_counts(), d.validate(on).unwrap().daily_counts());
        // A link value that is not in this form is kept for the form to explain.
        assert_eq!(counts_from_link("March"), "March");
    }

    #[test]
    fn the_link_holds_the_whole_form() {
        let mut d = draft();
        d.rate = "2.5".into();
        d.incidents = vec![
            IncidentLine { date: "2026-03-05".into(), attributable: true },
            IncidentLine { date: "2026-03-07".into(), attributable: false },
        ];
        let pairs: Vec<(String, String)> = d.to_query().into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
        assert_eq!(CalculatorDraft::from_query(&pairs), d);
        assert!(CalculatorDraft::from_query(&[]).is_empty());
    }

    #[test]
    fn a_saved_calculation_is_a_valid_deployment() {
        let mut d = draft();
        d.rate = "1".into();
        d.incidents = vec![IncidentLine { date: "2026-03-20".into(), attributable: true }];
        let c = d.validate(day("2026-04-30")).unwrap();
        let fields = DeploymentFields {
            name: "Saved".into(),
            application: crate::ApplicationChoice::Preset { number: 2 },
            risk_level: c.risk_level,
        };
        let mut n = 0;
        let deployment = c.deployment(fields, "North Clinic".into(), || {
            n += 1;
            format!("id-{n}")
        }, DateTime::<Utc>::UNIX_EPOCH);
        let mut state = crate::AppState::default();
        state.deployments.push(deployment);
        let text = crate::state::to_stored_json(&state);
        let back = crate::state::from_stored_json(&text).expect("the saved deployment loads");
        assert_eq!(back.deployments[0].providers[0].name, "North Clinic");
        assert_eq!(back.deployments[0].incidents.len(), 1);
    }
}
