//! The calls calendar: the cadence generator (stage dates → proposed calls)
//! and the calendar a deployment shows, where the calls people decided
//! something about ([`Call`] records) stand in for the proposals they replace.
//!
//! The guide's forums, as the generator proposes them:
//! - **run-up**: weekly or fortnightly, on the cadence's weekday, from the
//!   run-up start to the day before the first go-live;
//! - **go / no-go**: one per provider, on its recorded go decision, or else on
//!   the working day before its go-live;
//! - **first period of public beta**: daily, on the first `daily_calls`
//!   working days from each go-live (providers live on the same day share them);
//! - **later public beta**: weekly, on the cadence's weekday, from the end of
//!   the first provider's daily calls until the projected exit;
//! - **retrospective**: on the first cadence weekday on or after the projected exit.
//!
//! Calls fall on working days: Monday to Friday, not a bank holiday in
//! England and Wales (a regular call on a bank holiday is skipped). Without a go-live there is
//! nothing to run up to, so no run-up calls are proposed beyond [`HORIZON_WEEKS`]
//! from their start; without a projected exit, weekly calls run for
//! [`HORIZON_WEEKS`] after the last go-live and no retrospective is proposed.

use chrono::{Datelike, Days, NaiveDate};

use crate::deployment::Deployment;
use crate::records::{Call, CallCadence, CallKind, ClockTime, DecisionKind};

/// How far calls are proposed when no later date bounds them.
pub const HORIZON_WEEKS: u64 = 12;
/// The most calls the generator proposes (a guard against absurd dates).
pub const MAX_PROPOSED: usize = 400;
/// The length of a go / no-go call, in minutes, until someone changes it.
pub const GO_NO_GO_MINUTES: u16 = 60;
/// The length of the retrospective, in minutes.
pub const RETROSPECTIVE_MINUTES: u16 = 90;

/// One provider's dates, as the generator needs them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderDates {
    pub provider_id: String,
    pub name: String,
    /// The go / no-go decision: recorded, or planned.
    pub go_no_go: Option<NaiveDate>,
    /// Business go-live (start of public beta): planned or actual.
    pub go_live: Option<NaiveDate>,
}

/// The dates the cadence is proposed from. Filled today by [`stage_dates`]
/// from what a deployment records; the stage model can fill it later.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StageDates {
    /// When assurance is under way and run-up calls begin.
    pub run_up_start: Option<NaiveDate>,
    pub providers: Vec<ProviderDates>,
    /// The projected exit from public beta (the readiness engine's earliest exit).
    pub projected_exit: Option<NaiveDate>,
}

/// A deployment's stage dates from its records: each provider's go-live, its
/// go / no-go decision, the first UAT result as the start of the run-up (unless the
/// cadence names a start), and the readiness engine's projected exit.
pub fn stage_dates(d: &Deployment, cadence: &CallCadence, projected_exit: Option<NaiveDate>) -> StageDates {
    let first_result = d.test_results.iter().map(|r| r.date).min();
    StageDates {
        run_up_start: cadence.run_up_start.or(first_result),
        providers: d
            .providers
            .iter()
            .map(|p| ProviderDates {
                provider_id: p.id.clone(),
                name: p.name.clone(),
                go_no_go: go_no_go_day(d, &p.id, p.go_live),
                go_live: p.go_live,
            })
            .collect(),
        projected_exit,
    }
}

/// The day of a provider's go / no-go call, from its decisions: the latest
/// go / no-go decision, unless it was a "no" and a later go-live is planned
/// (then the next call is proposed from that go-live).
fn go_no_go_day(d: &Deployment, provider_id: &str, go_live: Option<NaiveDate>) -> Option<NaiveDate> {
    let latest = d.decisions.iter().filter(|x| x.provider_id == provider_id && x.kind == DecisionKind::GoNoGo).max_by_key(|x| (x.date, x.updated_at))?;
    match go_live {
        Some(live) if !latest.is_yes() && live > latest.date => None,
        _ => Some(latest.date),
    }
}

fn is_weekday(d: NaiveDate) -> bool {
    d.weekday().num_days_from_monday() < 5
}

/// Monday to Friday, and not a bank holiday in England and Wales.
pub fn is_working_day(d: NaiveDate) -> bool {
    is_weekday(d) && !bank_holidays(d.year()).contains(&d)
}

/// Easter Sunday (the anonymous Gregorian algorithm).
fn easter(year: i32) -> Option<NaiveDate> {
    let (a, b, c) = (year % 19, year / 100, year % 100);
    let (d, e) = (b / 4, b % 4);
    let g = (8 * b + 13) / 25;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 19 * l) / 433;
    let month = (h + l - 7 * m + 90) / 25;
    let day = (h + l - 7 * m + 33 * month + 19) % 32;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
}

/// The usual bank holidays of England and Wales in `year`, with the
/// substitute days when one falls at a weekend. (One-off holidays, such as
/// a coronation, are not known.)
pub fn bank_holidays(year: i32) -> Vec<NaiveDate> {
    let on = |m: u32, d: u32| NaiveDate::from_ymd_opt(year, m, d);
    let monday_on_or_after = |m: u32, d: u32| on(m, d).map(|d| on_or_after(d, chrono::Weekday::Mon));
    let last_monday = |m: u32| on(m, 1).and_then(|first| first.checked_add_months(chrono::Months::new(1))).map(|next| {
        let back = (next.weekday().num_days_from_monday() + 6) % 7 + 1;
        next - Days::new(u64::from(back))
    });
    let mut out: Vec<NaiveDate> = Vec::new();
    // New Year's Day, Christmas Day and Boxing Day move to the next free weekday.
    for day in [on(1, 1), on(12, 25), on(12, 26)].into_iter().flatten() {
        let mut d = day;
        while !is_weekday(d) || out.contains(&d) {
            d = d.succ_opt().unwrap_or(d);
        }
        out.push(d);
    }
    if let Some(e) = easter(year) {
        out.extend([e - Days::new(2), e + Days::new(1)]);
    }
    out.extend([monday_on_or_after(5, 1), last_monday(5), last_monday(8)].into_iter().flatten());
    out
}

/// The first `weekday` on or after `from`.
fn on_or_after(from: NaiveDate, weekday: chrono::Weekday) -> NaiveDate {
    let ahead = (7 + weekday.num_days_from_monday() - from.weekday().num_days_from_monday()) % 7;
    from + Days::new(u64::from(ahead))
}

/// The working day before `d`.
fn working_day_before(mut d: NaiveDate) -> NaiveDate {
    let floor = d - Days::new(14);
    loop {
        d = d.pred_opt().unwrap_or(d);
        if is_working_day(d) || d <= floor {
            return d;
        }
    }
}

/// The first `n` working days from `from` (itself included if one).
fn working_days(from: NaiveDate, n: u8) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let mut d = from;
    while out.len() < usize::from(n) {
        if is_working_day(d) {
            out.push(d);
        }
        if d == NaiveDate::MAX {
            break;
        }
        d = d.succ_opt().unwrap_or(d);
    }
    out
}

fn proposal(slot: String, kind: CallKind, provider_id: Option<String>, title: String, date: NaiveDate, start: ClockTime, minutes: u16) -> Call {
    Call {
        id: String::new(),
        updated_at: chrono::DateTime::UNIX_EPOCH,
        slot: Some(slot),
        kind,
        provider_id,
        title,
        date,
        start,
        minutes,
        cancelled: false,
        notes: String::new(),
        actions: Vec::new(),
    }
}

fn names(list: &[&ProviderDates]) -> String {
    crate::text::and_list(&list.iter().map(|p| p.name.as_str()).collect::<Vec<_>>())
}

/// The calls the guide's cadence gives for these dates, in date order. Each
/// has an empty id and a `slot` naming it ("run_up:2026-03-03"), which stays
/// the same while its date does (for a go / no-go call, while its provider does).
pub fn propose_calls(dates: &StageDates, cadence: &CallCadence) -> Vec<Call> {
    let mut out: Vec<Call> = Vec::new();
    let weekday = cadence.weekday.chrono();
    let start = cadence.start;
    let go_lives: Vec<NaiveDate> = dates.providers.iter().filter_map(|p| p.go_live).collect();
    let first_go_live = go_lives.iter().min().copied();
    let last_go_live = go_lives.iter().max().copied();
    let go_no_go_days: Vec<NaiveDate> = dates
        .providers
        .iter()
        .filter_map(|p| p.go_no_go.or_else(|| p.go_live.map(working_day_before)))
        .collect();

    // Run-up: to the day before the first go-live, skipping go / no-go days.
    if let Some(run_up) = dates.run_up_start {
        let end = first_go_live.unwrap_or(run_up + Days::new(7 * HORIZON_WEEKS));
        let step = Days::new(7 * u64::from(cadence.run_up_every_weeks.clamp(1, 2)));
        let mut d = on_or_after(run_up, weekday);
        while d < end && out.len() < MAX_PROPOSED {
            if !go_no_go_days.contains(&d) && is_working_day(d) {
                let title = if cadence.run_up_every_weeks == 2 { "Fortnightly run-up call" } else { "Weekly run-up call" };
                out.push(proposal(format!("run_up:{}", crate::dates::iso_date(d)), CallKind::RunUp, None, title.to_owned(), d, start, cadence.minutes));
            }
            d = d + step;
        }
    }

    // Go / no-go, one per provider.
    for p in &dates.providers {
        if let Some(d) = p.go_no_go.or_else(|| p.go_live.map(working_day_before)) {
            let title = format!("Go / no-go call: {}", p.name);
            out.push(proposal(format!("go_no_go:{}", p.provider_id), CallKind::GoNoGo, Some(p.provider_id.clone()), title, d, start, GO_NO_GO_MINUTES));
        }
    }

    // Daily calls in the first period of public beta, shared by the providers
    // live in their first period that day.
    let mut daily: Vec<(NaiveDate, Vec<&ProviderDates>)> = Vec::new();
    for p in &dates.providers {
        let Some(live) = p.go_live else { continue };
        for day in working_days(live, cadence.daily_calls) {
            match daily.iter_mut().find(|(d, _)| *d == day) {
                Some((_, who)) => who.push(p),
                None => daily.push((day, vec![p])),
            }
        }
    }
    let daily_days: Vec<NaiveDate> = daily.iter().map(|(d, _)| *d).collect();
    for (day, who) in &daily {
        if out.len() >= MAX_PROPOSED {
            break;
        }
        let title = format!("Daily public beta call: {}", names(who));
        out.push(proposal(format!("early_live:{}", crate::dates::iso_date(*day)), CallKind::EarlyLive, None, title, *day, start, cadence.daily_minutes));
    }

    // Weekly calls in later public beta, then the retrospective.
    if let Some(first) = first_go_live {
        let first_daily_end = working_days(first, cadence.daily_calls).last().copied().unwrap_or(first);
        let from = if cadence.daily_calls == 0 { first } else { first_daily_end.succ_opt().unwrap_or(first_daily_end) };
        let end = dates.projected_exit.unwrap_or(last_go_live.unwrap_or(first) + Days::new(7 * HORIZON_WEEKS));
        let mut d = on_or_after(from, weekday);
        while d < end && out.len() < MAX_PROPOSED {
            if !daily_days.contains(&d) && !go_no_go_days.contains(&d) && is_working_day(d) {
                out.push(proposal(
                    format!("later_live:{}", crate::dates::iso_date(d)),
                    CallKind::LaterLive,
                    None,
                    "Weekly public beta call".to_owned(),
                    d,
                    start,
                    cadence.minutes,
                ));
            }
            d = d + Days::new(7);
        }
    }
    if let Some(exit) = dates.projected_exit.filter(|_| first_go_live.is_some()) {
        let mut d = on_or_after(exit, weekday);
        while !is_working_day(d) {
            d = d + Days::new(7);
        }
        out.push(proposal("retrospective".to_owned(), CallKind::Retrospective, None, "End of public beta retrospective".to_owned(), d, start, RETROSPECTIVE_MINUTES));
    }
    crate::order::sort_by_key(&mut out, |c| (c.date, c.start, c.kind));
    out
}

/// One call in the calendar, and whether it is stored (someone decided
/// something about it) or only proposed.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub call: Call,
    pub stored: bool,
    /// For a stored call whose proposal has since moved (a go-live slipped,
    /// the cadence changed): when the cadence now proposes it.
    pub now_proposed: Option<(NaiveDate, ClockTime)>,
}

/// A deployment's calendar: the proposals, with each stored call in place of
/// the proposal of its slot, plus the calls added by hand, in date order.
pub fn calendar(d: &Deployment, projected_exit: Option<NaiveDate>) -> Vec<Entry> {
    let cadence = cadence_of(d);
    let proposed = propose_calls(&stage_dates(d, &cadence, projected_exit), &cadence);
    let mut out: Vec<Entry> = Vec::with_capacity(proposed.len() + d.calls.len());
    for c in &d.calls {
        let proposal = c.slot.as_ref().and_then(|slot| proposed.iter().find(|p| p.slot.as_ref() == Some(slot)));
        let now_proposed = proposal.filter(|p| !c.cancelled && (p.date, p.start) != (c.date, c.start)).map(|p| (p.date, p.start));
        out.push(Entry { call: c.clone(), stored: true, now_proposed });
    }
    out.extend(proposed.into_iter().filter(|p| !d.calls.iter().any(|c| c.slot == p.slot)).map(|call| Entry { call, stored: false, now_proposed: None }));
    crate::order::sort_by_key(&mut out, |e| (e.call.date, e.call.start, e.call.kind));
    out
}

/// Stores `call` in place of its earlier copy, or as a new record. A call
/// stored again under the id of one removed before (a proposal's slot, after
/// "undo my changes") is live again: its old tombstone goes.
pub fn store_call(d: &mut Deployment, call: Call) {
    d.deleted.retain(|t| t.id != call.id);
    Deployment::upsert(&mut d.calls, call);
}

/// The deployment's cadence, or the proposed one when none is set.
pub fn cadence_of(d: &Deployment) -> CallCadence {
    d.call_cadences.first().cloned().unwrap_or_else(|| CallCadence::proposed(chrono::DateTime::UNIX_EPOCH))
}

/// The calendar entry named by `key`: a stored call's id or a proposal's slot.
pub fn find_entry(entries: &[Entry], key: &str) -> Option<Entry> {
    entries.iter().find(|e| (e.stored && e.call.id == key) || e.call.slot.as_deref() == Some(key)).cloned()
}

/// The key of an entry for links: a stored call's id, or a proposal's slot.
pub fn entry_key(e: &Entry) -> &str {
    if e.stored {
        &e.call.id
    } else {
        e.call.slot.as_deref().unwrap_or_default()
    }
}

/// Where a call in the calendar stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Proposed by the cadence; nobody has changed it.
    Proposed,
    /// A proposal someone moved or renamed.
    Changed,
    /// A call someone added.
    Added,
    /// Has notes or actions.
    Noted,
    Cancelled,
}

impl Status {
    pub fn of(e: &Entry) -> Self {
        if e.call.cancelled {
            Self::Cancelled
        } else if !e.call.notes.is_empty() || !e.call.actions.is_empty() {
            Self::Noted
        } else if e.stored && e.call.slot.is_none() {
            Self::Added
        } else if e.stored {
            Self::Changed
        } else {
            Self::Proposed
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::Proposed => "Proposed",
            Self::Changed => "Changed",
            Self::Added => "Added",
            Self::Noted => "Notes recorded",
            Self::Cancelled => "Cancelled",
        }
    }
    /// The NHS tag colour it is shown in.
    pub fn colour(self) -> &'static str {
        match self {
            Self::Proposed => "grey",
            Self::Changed | Self::Added => "blue",
            Self::Noted => "green",
            Self::Cancelled => "red",
        }
    }
}

/// "10:00 to 10:30".
pub fn times(call: &Call) -> String {
    let end = (u32::from(call.start.0) + u32::from(call.minutes)) % (24 * 60);
    format!("{} to {}", call.start, ClockTime(end as u16))
}

/// The cadence in words, for the calendar page: (run-up, public beta).
pub fn describe_cadence(c: &CallCadence, dates: &StageDates) -> (String, String) {
    let day = c.weekday.label();
    let every = if c.run_up_every_weeks == 2 { format!("Every other {day}") } else { format!("Every {day}") };
    let start = match (c.run_up_start, dates.run_up_start) {
        (Some(d), _) => format!("from {}", crate::dates::long_date(d)),
        (None, Some(d)) => format!("from {} (the first UAT result)", crate::dates::long_date(d)),
        (None, None) => "once the first UAT result is recorded".to_owned(),
    };
    let run_up = format!("{every} at {}, {} minutes, {start}, until the first go-live", c.start, c.minutes);
    let weekly = format!("then every {day} at {}, {} minutes, until the projected end of beta", c.start, c.minutes);
    let live = match c.daily_calls {
        0 => format!("No daily calls: every {day} at {}, {} minutes, from the first go-live until the projected end of beta", c.start, c.minutes),
        1 => format!("Daily at {} for {} minutes on the first working day after each go-live, {weekly}", c.start, c.daily_minutes),
        n => format!("Daily at {} for {} minutes on the first {n} working days after each go-live, {weekly}", c.start, c.daily_minutes),
    };
    (run_up, live)
}

/// The open actions of every stored call, oldest call first: (call, action index).
pub fn open_actions(d: &Deployment) -> Vec<(&Call, usize)> {
    let mut out: Vec<(&Call, usize)> =
        d.calls.iter().flat_map(|c| c.actions.iter().enumerate().filter(|(_, a)| !a.done).map(move |(i, _)| (c, i))).collect();
    crate::order::sort_by_key(&mut out, |(c, i)| (c.actions[*i].due.unwrap_or(NaiveDate::MAX), c.date, *i));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::Weekday;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn cadence() -> CallCadence {
        CallCadence::proposed(chrono::DateTime::UNIX_EPOCH)
    }

    fn provider(id: &str, go_no_go: Option<NaiveDate>, go_live: Option<NaiveDate>) -> ProviderDates {
        ProviderDates { provider_id: id.into(), name: format!("Provider {id}"), go_no_go, go_live }
    }

    fn of_kind(calls: &[Call], kind: CallKind) -> Vec<NaiveDate> {
        calls.iter().filter(|c| c.kind == kind).map(|c| c.date).collect()
    }

    /// One provider: run-up from 5 January, go-live Monday 2 March, exit 20 April.
    fn one_provider() -> StageDates {
        StageDates { run_up_start: Some(day(2026, 1, 5)), providers: vec![provider("a", None, Some(day(2026, 3, 2)))], projected_exit: Some(day(2026, 4, 20)) }
    }

    #[test]
    fn weekly_run_up_calls_fall_on_the_chosen_day_until_go_live() {
        let calls = propose_calls(&one_provider(), &cadence());
        let run_up = of_kind(&calls, CallKind::RunUp);
        // Tuesdays from 6 January to 24 February: eight weeks.
        assert_eq!(run_up.first(), Some(&day(2026, 1, 6)));
        assert_eq!(run_up.last(), Some(&day(2026, 2, 24)));
        assert_eq!(run_up.len(), 8);
        assert!(run_up.iter().all(|d| d.weekday() == chrono::Weekday::Tue));
        assert!(calls.iter().filter(|c| c.kind == CallKind::RunUp).all(|c| c.minutes == 30 && c.start == ClockTime::new(10, 0)));
    }

    #[test]
    fn fortnightly_run_up_calls_skip_a_week() {
        let mut c = cadence();
        c.run_up_every_weeks = 2;
        c.weekday = Weekday::Thursday;
        let run_up = of_kind(&propose_calls(&one_provider(), &c), CallKind::RunUp);
        assert_eq!(run_up, [day(2026, 1, 8), day(2026, 1, 22), day(2026, 2, 5), day(2026, 2, 19)]);
    }

    #[test]
    fn go_no_go_is_the_recorded_decision_or_the_working_day_before_go_live() {
        let dates = StageDates {
            run_up_start: None,
            providers: vec![provider("a", None, Some(day(2026, 3, 2))), provider("b", Some(day(2026, 2, 25)), Some(day(2026, 3, 4))), provider("c", None, None)],
            projected_exit: None,
        };
        let calls = propose_calls(&dates, &cadence());
        let go = calls.iter().filter(|c| c.kind == CallKind::GoNoGo).map(|c| (c.provider_id.clone().unwrap(), c.date)).collect::<Vec<_>>();
        // A's go-live is a Monday: the call is the Friday before.
        assert_eq!(go, [("b".to_owned(), day(2026, 2, 25)), ("a".to_owned(), day(2026, 2, 27))]);
        assert!(calls.iter().any(|c| c.slot.as_deref() == Some("go_no_go:a") && c.minutes == GO_NO_GO_MINUTES && c.title == "Go / no-go call: Provider a"));
    }

    #[test]
    fn daily_calls_cover_working_days_from_go_live_and_are_shared() {
        let dates = StageDates {
            run_up_start: None,
            providers: vec![provider("a", None, Some(day(2026, 3, 2))), provider("b", None, Some(day(2026, 3, 4)))],
            projected_exit: None,
        };
        let mut c = cadence();
        c.daily_calls = 5;
        let calls = propose_calls(&dates, &c);
        let daily: Vec<&Call> = calls.iter().filter(|c| c.kind == CallKind::EarlyLive).collect();
        // A: 2–6 March; B: 4–10 March (skipping the weekend): 7 distinct days.
        assert_eq!(daily.iter().map(|c| c.date).collect::<Vec<_>>(), [
            day(2026, 3, 2),
            day(2026, 3, 3),
            day(2026, 3, 4),
            day(2026, 3, 5),
            day(2026, 3, 6),
            day(2026, 3, 9),
            day(2026, 3, 10)
        ]);
        assert_eq!(daily[2].title, "Daily public beta call: Provider a and Provider b");
        assert_eq!(daily[5].title, "Daily public beta call: Provider b");
        assert!(daily.iter().all(|c| c.minutes == 15));
    }

    #[test]
    fn weekly_public_beta_calls_follow_the_daily_period_until_the_exit_then_the_retrospective() {
        let calls = propose_calls(&one_provider(), &cadence());
        // Ten working days from Monday 2 March end on Friday 13 March.
        assert_eq!(of_kind(&calls, CallKind::EarlyLive).last(), Some(&day(2026, 3, 13)));
        assert_eq!(of_kind(&calls, CallKind::LaterLive), [day(2026, 3, 17), day(2026, 3, 24), day(2026, 3, 31), day(2026, 4, 7), day(2026, 4, 14)]);
        // The exit is Monday 20 April: the retrospective is that week's Tuesday.
        assert_eq!(of_kind(&calls, CallKind::Retrospective), [day(2026, 4, 21)]);
        let dates: Vec<NaiveDate> = calls.iter().map(|c| c.date).collect();
        let mut sorted = dates.clone();
        sorted.sort();
        assert_eq!(dates, sorted, "in date order");
        assert!(dates.iter().all(|d| is_working_day(*d)));
    }

    #[test]
    fn without_dates_nothing_is_invented() {
        assert!(propose_calls(&StageDates::default(), &cadence()).is_empty());
        // A run-up with no go-live runs to the horizon; no exit means no retrospective.
        let dates = StageDates { run_up_start: Some(day(2026, 1, 5)), providers: vec![provider("a", None, None)], projected_exit: None };
        let calls = propose_calls(&dates, &cadence());
        assert_eq!(of_kind(&calls, CallKind::RunUp).len(), HORIZON_WEEKS as usize);
        assert!(calls.iter().all(|c| c.kind == CallKind::RunUp));
        // An exit but no go-live: no public beta calls at all.
        let dates = StageDates { run_up_start: None, providers: vec![], projected_exit: Some(day(2026, 4, 1)) };
        assert!(propose_calls(&dates, &cadence()).is_empty());
    }

    #[test]
    fn no_daily_calls_means_weekly_calls_from_go_live() {
        let mut c = cadence();
        c.daily_calls = 0;
        let calls = propose_calls(&one_provider(), &c);
        assert!(of_kind(&calls, CallKind::EarlyLive).is_empty());
        assert_eq!(of_kind(&calls, CallKind::LaterLive).first(), Some(&day(2026, 3, 3)));
    }

    #[test]
    fn bank_holidays_of_england_and_wales_are_not_working_days() {
        let mut h = bank_holidays(2025);
        h.sort();
        assert_eq!(h, [day(2025, 1, 1), day(2025, 4, 18), day(2025, 4, 21), day(2025, 5, 5), day(2025, 5, 26), day(2025, 8, 25), day(2025, 12, 25), day(2025, 12, 26)]);
        let mut h = bank_holidays(2026);
        h.sort();
        // Boxing Day 2026 is a Saturday: the substitute is Monday 28 December.
        assert_eq!(h, [day(2026, 1, 1), day(2026, 4, 3), day(2026, 4, 6), day(2026, 5, 4), day(2026, 5, 25), day(2026, 8, 31), day(2026, 12, 25), day(2026, 12, 28)]);
        // Christmas 2027 is a Saturday: Monday 27 and Tuesday 28; New Year 2028 a Saturday: Monday 3 January.
        assert!(bank_holidays(2027).contains(&day(2027, 12, 27)) && bank_holidays(2027).contains(&day(2027, 12, 28)));
        assert!(bank_holidays(2028).contains(&day(2028, 1, 3)));
        // Daily calls from Monday 21 December 2026 skip Christmas and the Boxing Day substitute.
        let dates = StageDates { run_up_start: None, providers: vec![provider("a", None, Some(day(2026, 12, 21)))], projected_exit: None };
        let mut c = cadence();
        c.daily_calls = 6;
        assert_eq!(of_kind(&propose_calls(&dates, &c), CallKind::EarlyLive), [
            day(2026, 12, 21),
            day(2026, 12, 22),
            day(2026, 12, 23),
            day(2026, 12, 24),
            day(2026, 12, 29),
            day(2026, 12, 30)
        ]);
        // A go-live on the Tuesday after Easter: the go / no-go call is the Thursday before Good Friday.
        let dates = StageDates { run_up_start: None, providers: vec![provider("a", None, Some(day(2026, 4, 7)))], projected_exit: None };
        assert_eq!(of_kind(&propose_calls(&dates, &cadence()), CallKind::GoNoGo), [day(2026, 4, 2)]);
    }

    #[test]
    fn absurd_dates_are_capped() {
        let dates = StageDates { run_up_start: Some(day(2000, 1, 3)), providers: vec![provider("a", None, Some(day(2099, 1, 5)))], projected_exit: None };
        assert!(propose_calls(&dates, &cadence()).len() <= MAX_PROPOSED + 20);
    }

    #[test]
    fn the_cadence_and_each_call_read_as_words() {
        let mut c = cadence();
        let (run_up, live) = describe_cadence(&c, &one_provider());
        assert_eq!(run_up, "Every Tuesday at 10:00, 30 minutes, from 5 January 2026 (the first UAT result), until the first go-live");
        assert_eq!(live, "Daily at 10:00 for 15 minutes on the first 10 working days after each go-live, then every Tuesday at 10:00, 30 minutes, until the projected end of beta");
        c.run_up_every_weeks = 2;
        c.daily_calls = 0;
        c.run_up_start = Some(day(2026, 2, 2));
        let (run_up, live) = describe_cadence(&c, &StageDates::default());
        assert!(run_up.starts_with("Every other Tuesday at 10:00, 30 minutes, from 2 February 2026,"), "{run_up}");
        assert!(live.starts_with("No daily calls"), "{live}");
        let calls = propose_calls(&one_provider(), &cadence());
        assert_eq!(times(&calls[0]), "10:00 to 10:30");
        let mut late = calls[0].clone();
        late.start = ClockTime::new(23, 45);
        assert_eq!(times(&late), "23:45 to 00:15");
        let e = Entry { call: calls[0].clone(), stored: false, now_proposed: None };
        assert_eq!(Status::of(&e), Status::Proposed);
        let mut noted = Entry { stored: true, ..e.clone() };
        assert_eq!(Status::of(&noted), Status::Changed);
        let mut added = noted.clone();
        added.call.slot = None;
        assert_eq!(Status::of(&added), Status::Added);
        noted.call.notes = "Agreed".into();
        assert_eq!(Status::of(&noted), Status::Noted);
        noted.call.cancelled = true;
        assert_eq!(Status::of(&noted), Status::Cancelled);
    }

    #[test]
    fn slots_are_unique_and_stable_when_the_cadence_length_changes() {
        let calls = propose_calls(&one_provider(), &cadence());
        let mut slots: Vec<&str> = calls.iter().map(|c| c.slot.as_deref().unwrap()).collect();
        slots.sort();
        let n = slots.len();
        slots.dedup();
        assert_eq!(slots.len(), n);
        let mut longer = cadence();
        longer.minutes = 45;
        let again = propose_calls(&one_provider(), &longer);
        assert_eq!(calls.iter().map(|c| &c.slot).collect::<Vec<_>>(), again.iter().map(|c| &c.slot).collect::<Vec<_>>());
    }
}
