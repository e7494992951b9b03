//! The readiness rules: how far each provider is from the beta's acceptance
//! criteria on a given date, and when it may get there. Every number the app
//! shows about progress comes from [`assess`].
//!
//! For each provider, on the as-of date:
//! 1. UAT: its test plan is not empty and every workflow's latest result
//!    (on or before the as-of date) is a pass.
//! 2. Referrals: the deployment's referrals from live running (on or after the
//!    sending provider's go-live, on or before the as-of date), pooled over all
//!    providers, reach the minimum; with responses, a referral counts only with
//!    its response.
//! 3. Verification period: whole days from go-live to the as-of date reach the
//!    minimum; an incident attributed to BaRS restarts the clock from the next day.
//! 4. Guidance reviewed: recorded on or before the as-of date.

use chrono::{Days, NaiveDate};

use crate::deployment::Deployment;
use crate::records::{MilestoneKind, Outcome, Provider};
use crate::risk::AcceptanceCriteria;

/// The number of most recent days of live running the referral rate is taken over.
pub const RATE_WINDOW_DAYS: u32 = 14;

/// When something will be reached, or why that cannot be said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Projection {
    /// Already reached, on this date.
    Reached(NaiveDate),
    /// Expected on this date if things carry on as they are.
    Expected(NaiveDate),
    /// No date can be given, for this reason.
    Blocked(String),
}

impl Projection {
    pub fn date(&self) -> Option<NaiveDate> {
        match self {
            Self::Reached(d) | Self::Expected(d) => Some(*d),
            Self::Blocked(_) => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReferralProgress {
    pub counted: u32,
    pub required: u32,
    pub met: bool,
    /// Responses are what counts (the use case has responses).
    pub with_responses: bool,
    /// Referrals recorded before their provider's go-live (or with none), not counted.
    pub not_live: u32,
    /// Counted referrals per day over the recent window, when there is one.
    pub daily_rate: Option<f64>,
    /// The days the rate was taken over (first, last).
    pub rate_window: Option<(NaiveDate, NaiveDate)>,
    pub projection: Projection,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkflowState {
    pub workflow_id: String,
    pub name: String,
    /// The latest result on or before the as-of date, if any.
    pub latest: Option<Outcome>,
    pub latest_date: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UatProgress {
    pub met: bool,
    pub passed: usize,
    pub total: usize,
    pub workflows: Vec<WorkflowState>,
}

/// A restart of the verification clock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClockRestart {
    pub incident_id: String,
    pub incident_date: NaiveDate,
    /// The day after the incident: the clock counts again from here.
    pub restarted_on: NaiveDate,
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerificationProgress {
    pub met: bool,
    pub days: u32,
    pub required: u32,
    /// The day the current clock counts from, when the provider has gone live.
    pub clock_start: Option<NaiveDate>,
    pub restarts: Vec<ClockRestart>,
    pub projection: Projection,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuidanceProgress {
    pub met: bool,
    pub reviewed_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// No go-live date yet.
    NotLive,
    /// Going live on a date after the as-of date.
    GoingLive(NaiveDate),
    /// Live (in public beta) since this date.
    Live(NaiveDate),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ProviderReadiness {
    pub provider_id: String,
    pub name: String,
    pub phase: Phase,
    pub uat: UatProgress,
    /// The deployment-wide referral count has reached the minimum.
    pub referrals_met: bool,
    pub verification: VerificationProgress,
    pub guidance: GuidanceProgress,
    /// Pre-live gates not recorded on or before the as-of date.
    pub open_gates: Vec<MilestoneKind>,
    /// The stage the provider is at (`None` once every stage is complete),
    /// as `stages::provider_stages` gives it.
    pub stage: Option<crate::stages::Stage>,
    pub met: bool,
    /// The later of the referral and verification dates, or what blocks it.
    pub earliest_exit: Projection,
    /// Criteria no date can be projected for that are still unmet.
    pub also_needs: Vec<&'static str>,
}

/// Why a workflow is listed as not passed on the progress card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotPassed {
    /// Its latest result on or before the as-of date, on this date, was a fail.
    FailedOn(NaiveDate),
    /// It has no result on or before the as-of date.
    NotTested,
}

impl UatProgress {
    /// The workflows whose latest result is not a pass, in test-plan order, and why.
    pub fn not_passed(&self) -> impl Iterator<Item = (&WorkflowState, NotPassed)> + '_ {
        self.workflows.iter().filter(|w| w.latest != Some(Outcome::Pass)).map(|w| match (w.latest, w.latest_date) {
            (Some(_), Some(d)) => (w, NotPassed::FailedOn(d)),
            _ => (w, NotPassed::NotTested),
        })
    }
}

impl ProviderReadiness {
    /// The open pre-live checks are shown unless the provider was live on or
    /// before the as-of date (then they no longer hold it back), or none are open.
    pub fn shows_open_gates(&self, as_of: NaiveDate) -> bool {
        !self.open_gates.is_empty() && !matches!(self.phase, Phase::Live(d) if d <= as_of)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Readiness {
    pub as_of: NaiveDate,
    pub criteria: AcceptanceCriteria,
    pub referrals: ReferralProgress,
    pub providers: Vec<ProviderReadiness>,
    /// Every provider taking part has met the acceptance criteria (and there is at least one).
    pub met: bool,
    /// The latest of the providers' earliest exits, or what blocks it.
    pub earliest_exit: Projection,
    pub uplift_deadline: Option<NaiveDate>,
}

/// Assesses `deployment` on `as_of`.
pub fn assess(deployment: &Deployment, as_of: NaiveDate) -> Readiness {
    let criteria = deployment.criteria();
    let referrals = referral_progress(deployment, as_of, criteria.min_referrals);
    let providers: Vec<ProviderReadiness> = deployment
        .providers
        .iter()
        .map(|p| provider_readiness(deployment, p, as_of, criteria, &referrals))
        .collect();
    let met = !providers.is_empty() && providers.iter().all(|p| p.met);
    let earliest_exit = if providers.is_empty() {
        Projection::Blocked("No providers have been added".to_owned())
    } else if let Projection::Blocked(why) = &referrals.projection {
        // Shared by every provider: say it once, not as one provider's problem.
        Projection::Blocked(why.clone())
    } else {
        latest_of(providers.iter().map(|p| (&p.earliest_exit, p.name.as_str())))
    };
    Readiness { as_of, criteria, referrals, providers, met, earliest_exit, uplift_deadline: deployment.uplift_deadline() }
}

/// The later of several projections: blocked if any is blocked, reached only if all are.
fn latest_of<'a>(projections: impl Iterator<Item = (&'a Projection, &'a str)>) -> Projection {
    let mut latest: Option<Projection> = None;
    for (projection, who) in projections {
        let next = match (latest.take(), projection) {
            (Some(Projection::Blocked(why)), _) => Projection::Blocked(why),
            // The name isolated (U+2068…U+2069): it comes from a user or a file.
            (_, Projection::Blocked(why)) => Projection::Blocked(format!("\u{2068}{who}\u{2069}: {why}")),
            (None, p) => p.clone(),
            (Some(Projection::Reached(a)), Projection::Reached(b)) => Projection::Reached(a.max(*b)),
            (Some(a), b) => Projection::Expected(a.date().max(b.date()).expect("both are dates")),
        };
        latest = Some(next);
    }
    latest.unwrap_or_else(|| Projection::Blocked("Nothing to project".to_owned()))
}

/// The referrals one day's row contributes.
fn counted(row_referrals: u32, row_responses: u32, with_responses: bool) -> u32 {
    if with_responses {
        row_responses.min(row_referrals)
    } else {
        row_referrals
    }
}

/// The referrals counted towards the minimum on each day of live running up
/// to `as_of`, in date order (all providers added up), and how many recorded
/// before their provider's go-live are not counted.
pub fn counted_by_day(deployment: &Deployment, as_of: NaiveDate) -> (Vec<(NaiveDate, u32)>, u32) {
    let with_responses = deployment.has_responses;
    // Looked up once per provider, not once per row: a long beta has tens of thousands of rows.
    let go_lives: crate::text::IdMap<&str, Option<NaiveDate>> =
        deployment.providers.iter().map(|p| (p.id.as_str(), p.go_live)).collect();
    let go_live = |provider_id: &str| go_lives.get(provider_id).copied().flatten();

    // Rows are added up per day first (many providers share a day).
    let mut per_day: crate::text::IdMap<NaiveDate, u32> = crate::text::IdMap::default();
    let mut not_live = 0u32;
    for row in deployment.volumetrics.iter().filter(|v| v.date <= as_of) {
        let n = counted(row.referrals, row.responses, with_responses);
        if crate::records::is_live_day(go_live(&row.provider_id), row.date) {
            let day = per_day.entry(row.date).or_insert(0);
            *day = day.saturating_add(n);
        } else {
            not_live = not_live.saturating_add(n);
        }
    }
    let mut live: Vec<(NaiveDate, u32)> = per_day.into_iter().collect();
    crate::order::sort_by_key(&mut live, |entry| *entry);
    (live, not_live)
}

fn referral_progress(deployment: &Deployment, as_of: NaiveDate, required: u32) -> ReferralProgress {
    let with_responses = deployment.has_responses;
    let (live, not_live) = counted_by_day(deployment, as_of);
    let total: u32 = live.iter().fold(0u32, |sum, (_, n)| sum.saturating_add(*n));
    let met = total >= required;

    // The rate window: the last 14 days up to the as-of date, but never before
    // live running began (a deployment live for 5 days has a 5-day window).
    let first_live = deployment.providers.iter().filter_map(|p| p.go_live).filter(|d| *d <= as_of).min();
    let window = first_live.map(|first| {
        let fourteen_back = as_of.checked_sub_days(Days::new(u64::from(RATE_WINDOW_DAYS - 1))).unwrap_or(as_of);
        (first.max(fourteen_back), as_of)
    });
    // (referrals counted in the window, days in the window)
    let recent = window.map(|(from, to)| {
        let in_window = live.iter().filter(|(d, _)| *d >= from).fold(0u32, |sum, (_, n)| sum.saturating_add(*n));
        (in_window, (to - from).num_days() + 1)
    });
    let daily_rate = recent.map(|(in_window, days)| f64::from(in_window) / days as f64);

    let projection = if met {
        let mut running = 0u32;
        let reached = live
            .iter()
            .find(|(_, n)| {
                running = running.saturating_add(*n);
                running >= required
            })
            .map(|(d, _)| *d)
            .unwrap_or(as_of); // a minimum of zero is met from the start
        Projection::Reached(reached)
    } else {
        match daily_rate {
            None => Projection::Blocked("No provider has gone live yet, so there is no rate of referrals to project from".to_owned()),
            Some(rate) if rate <= 0.0 => {
                let (from, _) = window.expect("a rate implies a window");
                let days = (as_of - from).num_days() + 1;
                Projection::Blocked(format!(
                    "No referrals were counted in the last {days} {} of live running, so no date can be projected",
                    if days == 1 { "day" } else { "days" }
                ))
            }
            Some(_) => {
                // remaining / (in_window / window_days), rounded up, in whole numbers:
                // in floating point an exact day count can come out a day late.
                let (in_window, window_days) = recent.expect("a rate implies a window");
                let remaining = u64::from(required - total);
                let days = (remaining * window_days as u64).div_ceil(u64::from(in_window));
                match as_of.checked_add_days(Days::new(days)) {
                    Some(date) => Projection::Expected(date),
                    None => Projection::Blocked("The projected date is too far away to show".to_owned()),
                }
            }
        }
    };
    ReferralProgress { counted: total, required, met, with_responses, not_live, daily_rate, rate_window: window, projection }
}

pub fn uat_progress(deployment: &Deployment, provider: &Provider, as_of: NaiveDate) -> UatProgress {
    let workflows: Vec<WorkflowState> = deployment
        .workflows_of(&provider.id)
        .map(|w| {
            let latest = deployment.results_of(&w.id).into_iter().rfind(|r| r.date <= as_of);
            WorkflowState {
                workflow_id: w.id.clone(),
                name: w.name.clone(),
                latest: latest.map(|r| r.outcome),
                latest_date: latest.map(|r| r.date),
            }
        })
        .collect();
    let passed = workflows.iter().filter(|w| w.latest == Some(Outcome::Pass)).count();
    let total = workflows.len();
    UatProgress { met: total > 0 && passed == total, passed, total, workflows }
}

fn verification_progress(deployment: &Deployment, provider: &Provider, as_of: NaiveDate, required: u32) -> (Phase, VerificationProgress) {
    let not_started = |phase, projection| {
        (phase, VerificationProgress { met: false, days: 0, required, clock_start: None, restarts: Vec::new(), projection })
    };
    let go_live = match provider.go_live {
        None => return not_started(Phase::NotLive, Projection::Blocked("No go-live date has been recorded".to_owned())),
        Some(date) if date > as_of => {
            let end = date.checked_add_days(Days::new(u64::from(required)));
            let projection = end.map(Projection::Expected).unwrap_or_else(|| Projection::Blocked("The go-live date is too far away".to_owned()));
            return not_started(Phase::GoingLive(date), projection);
        }
        Some(date) => date,
    };

    // Attributable incidents from go-live to the as-of date each restart the
    // clock from the next day; the last one decides where it counts from now.
    let mut incidents: Vec<_> = deployment
        .incidents
        .iter()
        .filter(|i| i.provider_id == provider.id && i.attributed_to_bars && i.date >= go_live && i.date <= as_of)
        .collect();
    crate::order::sort_by_key(&mut incidents, |i| (i.date, i.updated_at));
    let restarts: Vec<ClockRestart> = incidents
        .iter()
        .map(|i| ClockRestart {
            incident_id: i.id.clone(),
            incident_date: i.date,
            restarted_on: i.date.succ_opt().unwrap_or(i.date),
            summary: i.summary.clone(),
        })
        .collect();
    let clock_start = restarts.last().map(|r| r.restarted_on).unwrap_or(go_live);
    let days = u32::try_from((as_of - clock_start).num_days().max(0)).unwrap_or(u32::MAX);
    let met = days >= required;
    let end = clock_start.checked_add_days(Days::new(u64::from(required)));
    let projection = match end {
        Some(end) if met => Projection::Reached(end),
        Some(end) => Projection::Expected(end),
        None => Projection::Blocked("The end of the period is too far away to show".to_owned()),
    };
    (Phase::Live(go_live), VerificationProgress { met, days, required, clock_start: Some(clock_start), restarts, projection })
}

fn provider_readiness(
    deployment: &Deployment,
    provider: &Provider,
    as_of: NaiveDate,
    criteria: AcceptanceCriteria,
    referrals: &ReferralProgress,
) -> ProviderReadiness {
    let recorded = |kind| deployment.milestone(&provider.id, kind).filter(|m| m.date <= as_of);
    let uat = uat_progress(deployment, provider, as_of);
    let (phase, verification) = verification_progress(deployment, provider, as_of, criteria.min_verification_days);
    let reviewed = recorded(MilestoneKind::GuidanceReviewed).map(|m| m.date);
    let guidance = GuidanceProgress { met: reviewed.is_some(), reviewed_on: reviewed };
    // The gates as the stages read them: the "go" from the latest go / no-go
    // decision, and a gate recorded before a "no" that means redoing it no longer counts.
    let stages = crate::stages::provider_stages(deployment, &provider.id, as_of);
    let open_gates: Vec<MilestoneKind> = MilestoneKind::PRE_LIVE.into_iter().filter(|k| stages.gate(*k).is_none()).collect();
    let met = uat.met && referrals.met && verification.met && guidance.met;

    let mut also_needs = Vec::new();
    if !uat.met {
        also_needs.push("every workflow in the UAT test plan to pass");
    }
    if !guidance.met {
        also_needs.push("the supporting guidance to be reviewed");
    }
    let earliest_exit = match (&referrals.projection, &verification.projection) {
        // The provider's own reason first: without a go-live, its clock cannot start.
        _ if phase == Phase::NotLive => Projection::Blocked(not_live_reason(&open_gates)),
        (Projection::Blocked(why), _) | (_, Projection::Blocked(why)) => Projection::Blocked(why.clone()),
        // Met on the day the last of the four criteria was met: the referrals,
        // the clock, the last workflow's pass and the guidance review.
        (r, v) if met => {
            let last_pass = uat.workflows.iter().filter_map(|w| w.latest_date).max();
            Projection::Reached(r.date().max(v.date()).max(last_pass).max(guidance.reviewed_on).expect("both are dates"))
        }
        (r, v) => Projection::Expected(r.date().max(v.date()).expect("both are dates").max(as_of)),
    };
    ProviderReadiness {
        provider_id: provider.id.clone(),
        name: provider.name.clone(),
        phase,
        uat,
        referrals_met: referrals.met,
        verification,
        guidance,
        open_gates,
        stage: stages.current,
        met,
        earliest_exit,
        also_needs,
    }
}

/// Why a provider without a go-live cannot be dated: no go-live, and the
/// pre-live checks still open.
fn not_live_reason(open_gates: &[MilestoneKind]) -> String {
    let labels: Vec<&str> = open_gates.iter().map(|g| g.label()).collect();
    match labels.split_last() {
        None => "No go-live date has been recorded".to_owned(),
        Some((only, [])) => format!("No go-live date has been recorded, and 1 pre-live check is still open: {only}"),
        Some((last, rest)) => format!(
            "No go-live date has been recorded, and {} pre-live checks are still open: {} and {last}",
            labels.len(),
            rest.join(", ")
        ),
    }
}

/// Words for the dashboard, built from the numbers above so they cannot disagree.
pub mod describe {
    use super::*;

    pub fn date(d: NaiveDate) -> String {
        crate::dates::long_date(d)
    }

    /// "31 of 50 referrals"; past the minimum, "62 referrals (50 needed)".
    pub fn referrals(r: &ReferralProgress) -> String {
        let noun = if r.with_responses { "referrals with responses" } else { "referrals" };
        distance(r.counted, r.required, noun)
    }

    /// "19 of 28 days"; past the minimum, "44 days (28 needed)".
    pub fn days(v: &VerificationProgress) -> String {
        distance(v.days, v.required, "days")
    }

    fn distance(have: u32, need: u32, noun: &str) -> String {
        let (have_words, need_words) = (crate::text::thousands(have as usize), crate::text::thousands(need as usize));
        if have > need {
            format!("{have_words} {noun} ({need_words} needed)")
        } else {
            format!("{have_words} of {need_words} {noun}")
        }
    }

    /// The verification clock: "19 of 28 days", or why it has not started
    /// (a provider with no go-live must not read like one that went live today).
    pub fn clock(p: &ProviderReadiness) -> String {
        match p.phase {
            Phase::NotLive => "Not started: no go-live date recorded".to_owned(),
            Phase::GoingLive(d) => format!("Not started: goes live on {}", date(d)),
            Phase::Live(_) => days(&p.verification),
        }
    }

    /// A provider's exit line.
    pub fn provider_exit(p: &ProviderReadiness) -> String {
        match &p.earliest_exit {
            exit if p.met => projection(exit, "Met the acceptance criteria on", ""),
            Projection::Blocked(why) => format!("No exit date can be projected: {why}."),
            exit => projection(exit, "", "Earliest exit:"),
        }
    }

    /// The deployment's headline exit line. A date is only the soonest when
    /// criteria no date can be projected for (UAT, guidance) are still unmet:
    /// it says so, and names them.
    pub fn deployment_exit(r: &Readiness) -> String {
        match &r.earliest_exit {
            exit if r.met => projection(exit, "Every provider met the acceptance criteria by", ""),
            Projection::Blocked(why) => format!("No exit date can be projected yet: {why}."),
            exit => {
                let mut undated: Vec<&str> = Vec::new();
                for need in r.providers.iter().filter(|p| !p.met).flat_map(|p| p.also_needs.iter()) {
                    if !undated.contains(need) {
                        undated.push(need);
                    }
                }
                let when = projection(exit, "", "Earliest exit from beta:");
                if undated.is_empty() {
                    format!("{when}.")
                } else {
                    format!("{when} at the soonest. It also needs {}, which no date can be projected for.", undated.join(" and "))
                }
            }
        }
    }

    pub fn uat(u: &UatProgress) -> String {
        if u.total == 0 {
            "The test plan has no workflows".to_owned()
        } else {
            format!("{} of {} workflows passed", u.passed, u.total)
        }
    }

    /// What follows a not-passed workflow's name: ": failed on 2 March 2026" or ": not tested".
    pub fn not_passed(n: NotPassed) -> String {
        match n {
            NotPassed::FailedOn(d) => format!(": failed on {}", date(d)),
            NotPassed::NotTested => ": not tested".to_owned(),
        }
    }

    /// "Clock restarted on 3 March 2026 after an incident on 2 March 2026".
    pub fn restart(r: &ClockRestart) -> String {
        format!("Clock restarted on {} after an incident on {}", date(r.restarted_on), date(r.incident_date))
    }

    pub fn projection(p: &Projection, reached: &str, expected: &str) -> String {
        match p {
            Projection::Reached(d) => format!("{reached} {}", date(*d)),
            Projection::Expected(d) => format!("{expected} {}", date(*d)),
            Projection::Blocked(why) => why.clone(),
        }
    }

    /// The recent daily rate, when there is one above zero.
    pub fn rate(r: &ReferralProgress) -> Option<String> {
        let (rate, (from, to)) = (r.daily_rate.filter(|rate| *rate > 0.0)?, r.rate_window?);
        Some(format!("{} a day from {} to {}", crate::text::one_decimal(rate), date(from), date(to)))
    }
}
