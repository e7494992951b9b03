//! The geometry of the progress charts, as whole numbers in SVG user units:
//! scales, axis ticks, the pooled referrals line with its projection, and each
//! provider's verification clock with its restarts. The app only draws what
//! these give it, so every position is tested here on the host.
//!
//! Every chart also gives its figures as rows for a table and a sentence for
//! its text alternative, from the same numbers, so they cannot disagree.

pub mod svg;

use chrono::{Datelike, Days, NaiveDate, Weekday};

use crate::dates::{day_short_month, long_date, short_month};
use crate::deployment::Deployment;
use crate::readiness::{counted_by_day, Phase, Projection, Readiness};

/// A chart's width in SVG user units; the SVG scales to its container.
pub const WIDTH: i32 = 640;

/// The drawing area inside a chart's margins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plot {
    pub left: i32,
    pub top: i32,
    pub right: i32,
    pub bottom: i32,
}

/// Days to x: `first` at `left`, `last` at `right`, days outside clamped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayScale {
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub left: i32,
    pub right: i32,
}

impl DayScale {
    pub fn x(&self, d: NaiveDate) -> i32 {
        let span = (self.last - self.first).num_days().max(1);
        let offset = (d - self.first).num_days().clamp(0, span);
        self.left + ((offset * i64::from(self.right - self.left) + span / 2) / span) as i32
    }
}

/// Counts to y: 0 at `bottom`, `max` at `top`, larger counts clamped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CountScale {
    pub max: u32,
    pub top: i32,
    pub bottom: i32,
}

impl CountScale {
    pub fn y(&self, n: u32) -> i32 {
        let (n, max) = (i64::from(n.min(self.max)), i64::from(self.max.max(1)));
        self.bottom - ((n * i64::from(self.bottom - self.top) + max / 2) / max) as i32
    }
}

/// A mark on an axis: where, and its words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tick {
    pub at: i32,
    pub label: String,
}

/// The top of a count axis and its step: the step is 1, 2 or 5 × 10ⁿ, so
/// that about four steps reach at least `n`.
pub fn nice_max(n: u32) -> (u32, u32) {
    let rough = n.max(1).div_ceil(4);
    let mut power = 1u32;
    loop {
        for m in [1, 2, 5] {
            let step = m * power;
            if step >= rough {
                return (n.max(1).div_ceil(step) * step, step);
            }
        }
        power = power.saturating_mul(10);
    }
}

fn count_ticks(scale: &CountScale, step: u32) -> Vec<Tick> {
    (0..=scale.max / step.max(1)).map(|i| i * step).map(|n| Tick { at: scale.y(n), label: crate::text::thousands(n as usize) }).collect()
}

/// Marks along a date axis: Mondays for a short span, the first of each month
/// for up to about a year, the first of each quarter beyond. A month's label
/// carries its year in January and on the first mark.
pub fn day_ticks(scale: &DayScale) -> Vec<Tick> {
    let span = (scale.last - scale.first).num_days();
    let mut ticks = Vec::new();
    if span <= 70 {
        let mut d = scale.first;
        while d.weekday() != Weekday::Mon {
            d = d.succ_opt().unwrap_or(d);
        }
        while d <= scale.last {
            ticks.push(Tick { at: scale.x(d), label: day_short_month(d) });
            d = d + Days::new(7);
        }
        return ticks;
    }
    let months = if span <= 400 { 1 } else { 3 };
    let mut d = NaiveDate::from_ymd_opt(scale.first.year(), scale.first.month(), 1).unwrap_or(scale.first);
    while d < scale.first || (d.month0() % months) != 0 {
        d = d.checked_add_months(chrono::Months::new(1)).unwrap_or(scale.last);
    }
    while d <= scale.last {
        let label = if ticks.is_empty() || d.month() == 1 { format!("{} {}", short_month(d), d.year()) } else { short_month(d).to_owned() };
        ticks.push(Tick { at: scale.x(d), label });
        match d.checked_add_months(chrono::Months::new(months)) {
            Some(next) => d = next,
            None => break,
        }
    }
    ticks
}

/// A week's line of the referrals table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeekRow {
    /// The last day of the week (or the as-of date, for the week in progress).
    pub until: NaiveDate,
    pub referrals: u32,
    pub total: u32,
}

/// Pooled referrals over time against the minimum, with the projection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferralChart {
    pub width: i32,
    pub height: i32,
    pub plot: Plot,
    /// The running total as an SVG path (steps up on each day with referrals).
    pub line: String,
    pub required: u32,
    /// Where the minimum's line is drawn.
    pub minimum_y: i32,
    /// From (as-of date, total) towards (expected date, minimum): x1, y1, x2, y2.
    /// Cut at the chart's edge when the expected date is far off.
    pub projection: Option<[i32; 4]>,
    pub as_of_x: i32,
    pub x_ticks: Vec<Tick>,
    pub y_ticks: Vec<Tick>,
    /// The chart in one sentence, for its text alternative.
    pub summary: String,
    pub weeks: Vec<WeekRow>,
}

const REFERRAL_PLOT: Plot = Plot { left: 56, top: 16, right: WIDTH - 24, bottom: 232 };

/// The referrals chart, or `None` before any provider has gone live.
pub fn referral_chart(deployment: &Deployment, r: &Readiness) -> Option<ReferralChart> {
    let as_of = r.as_of;
    let start = deployment.providers.iter().filter_map(|p| p.go_live).filter(|d| *d <= as_of).min()?;
    let (days, _) = counted_by_day(deployment, as_of);
    let total = r.referrals.counted;
    let required = r.referrals.required;
    let expected = match r.referrals.projection {
        Projection::Expected(d) => Some(d),
        _ => None,
    };
    // Room for the projection, but never so much that the past is squashed:
    // at most as far ahead as live running has lasted (and two weeks at least).
    let lived = (as_of - start).num_days().max(14) as u64;
    let horizon = as_of.checked_add_days(Days::new(lived)).unwrap_or(as_of);
    let last = expected.map_or(as_of, |d| d.min(horizon)).max(start.succ_opt().unwrap_or(start));
    let plot = REFERRAL_PLOT;
    let xs = DayScale { first: start, last, left: plot.left, right: plot.right };
    let (max, step) = nice_max(required.max(total));
    let ys = CountScale { max, top: plot.top, bottom: plot.bottom };

    let mut line = format!("M{} {}", xs.x(start), ys.y(0));
    let mut running = 0u32;
    for (day, n) in days.iter().filter(|(d, _)| *d >= start) {
        running = running.saturating_add(*n);
        line.push_str(&format!("H{}V{}", xs.x(*day), ys.y(running)));
    }
    line.push_str(&format!("H{}", xs.x(as_of)));

    let projection = expected.map(|d| {
        let end = d.min(last);
        // The count the projection reaches at the chart's edge, on its straight line.
        let reached = if end == d {
            required
        } else {
            let (done, all) = ((end - as_of).num_days(), (d - as_of).num_days().max(1));
            total + ((i64::from(required - total) * done) / all) as u32
        };
        [xs.x(as_of), ys.y(total), xs.x(end), ys.y(reached)]
    });

    let mut summary = format!(
        "Referrals counted across all providers from {} to {}: {} of the {} needed.",
        long_date(start),
        long_date(as_of),
        crate::text::thousands(total as usize),
        crate::text::thousands(required as usize)
    );
    match &r.referrals.projection {
        Projection::Reached(d) => summary.push_str(&format!(" The minimum was reached on {}.", long_date(*d))),
        Projection::Expected(d) => summary.push_str(&format!(" At the recent rate the minimum is expected on {}.", long_date(*d))),
        Projection::Blocked(why) => summary.push_str(&format!(" {why}.")),
    }

    Some(ReferralChart {
        width: WIDTH,
        height: plot.bottom + 40,
        plot,
        line,
        required,
        minimum_y: ys.y(required),
        projection,
        as_of_x: xs.x(as_of),
        x_ticks: day_ticks(&xs),
        y_ticks: count_ticks(&ys, step),
        summary,
        weeks: weeks(&days, start, as_of),
    })
}

/// The days' counts added up by week (Monday to Sunday), from `start`'s week
/// to `as_of`'s, weeks without referrals included.
fn weeks(days: &[(NaiveDate, u32)], start: NaiveDate, as_of: NaiveDate) -> Vec<WeekRow> {
    let mut rows = Vec::new();
    let mut total = 0u32;
    let mut from = start;
    while from <= as_of {
        let sunday = from + Days::new(u64::from(6 - from.weekday().num_days_from_monday()));
        let until = sunday.min(as_of);
        let referrals = days.iter().filter(|(d, _)| *d >= from && *d <= until).fold(0u32, |s, (_, n)| s.saturating_add(*n));
        total = total.saturating_add(referrals);
        rows.push(WeekRow { until, referrals, total });
        from = sunday + Days::new(1);
    }
    rows
}

/// One provider's verification clock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClockRow {
    pub provider_id: String,
    pub name: String,
    /// The top of the provider's row.
    pub y: i32,
    /// From go-live to the current clock's start: days that no longer count.
    pub lost: Option<(i32, i32)>,
    /// The current clock, from its start to the as-of date.
    pub counted: Option<(i32, i32)>,
    /// The days still to run, to the end of the required period.
    pub to_go: Option<(i32, i32)>,
    /// Where the required period ends.
    pub required_end: Option<i32>,
    /// Where each restart (the day after an attributable incident) falls.
    pub restarts: Vec<i32>,
    pub met: bool,
    /// The clock in words: "20 of 28 days", "Not started: goes live on …".
    pub text: String,
}

/// Every provider's verification clock on one time axis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClockChart {
    pub width: i32,
    pub height: i32,
    pub plot: Plot,
    pub as_of_x: i32,
    pub x_ticks: Vec<Tick>,
    pub rows: Vec<ClockRow>,
    pub summary: String,
}

/// A provider's row height, and its bar's offset and height within it.
pub const CLOCK_ROW: i32 = 44;
pub const CLOCK_BAR_TOP: i32 = 20;
pub const CLOCK_BAR: i32 = 16;

/// The clocks chart, or `None` when no provider has a go-live date.
pub fn clock_chart(r: &Readiness) -> Option<ClockChart> {
    let as_of = r.as_of;
    let go_live = |phase: Phase| match phase {
        Phase::Live(d) | Phase::GoingLive(d) => Some(d),
        Phase::NotLive => None,
    };
    let first = r.providers.iter().filter_map(|p| go_live(p.phase)).min()?;
    let end_of = |start: NaiveDate, days: u32| start.checked_add_days(Days::new(u64::from(days))).unwrap_or(start);
    let ends = r.providers.iter().filter_map(|p| {
        let start = p.verification.clock_start.or(go_live(p.phase))?;
        Some(end_of(start, p.verification.required))
    });
    let last = ends.chain([as_of]).max().unwrap_or(as_of).max(first.succ_opt().unwrap_or(first));
    // Room on the left for the first date's label, centred on its mark.
    let plot = Plot { left: 36, top: 8, right: WIDTH - 24, bottom: 8 + CLOCK_ROW * r.providers.len() as i32 };
    let xs = DayScale { first, last, left: plot.left, right: plot.right };
    let rows: Vec<ClockRow> = r
        .providers
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let v = &p.verification;
            let start = v.clock_start.or(go_live(p.phase));
            let required_end = start.map(|s| end_of(s, v.required));
            let lost = match (go_live(p.phase), v.clock_start) {
                (Some(g), Some(s)) if s > g => Some((xs.x(g), xs.x(s.min(as_of)))),
                _ => None,
            };
            let counted = v.clock_start.map(|s| (xs.x(s), xs.x(as_of)));
            let to_go = match (start, required_end) {
                (Some(s), Some(e)) if e > as_of => Some((xs.x(s.max(as_of)), xs.x(e))),
                _ => None,
            };
            ClockRow {
                provider_id: p.provider_id.clone(),
                name: p.name.clone(),
                y: plot.top + CLOCK_ROW * i as i32,
                lost,
                counted,
                to_go,
                required_end: required_end.map(|e| xs.x(e)),
                restarts: v.restarts.iter().map(|x| xs.x(x.restarted_on)).collect(),
                met: v.met,
                text: crate::readiness::describe::clock(p),
            }
        })
        .collect();
    let met = r.providers.iter().filter(|p| p.verification.met).count();
    let restarted = r.providers.iter().filter(|p| !p.verification.restarts.is_empty()).count();
    let summary = format!(
        "Verification clocks on {}: {met} of {} providers have completed the period; {restarted} had the clock restarted by an incident.",
        long_date(as_of),
        r.providers.len()
    );
    Some(ClockChart {
        width: WIDTH,
        height: plot.bottom + 32,
        plot,
        as_of_x: xs.x(as_of),
        x_ticks: day_ticks(&xs),
        rows,
        summary,
    })
}

/// One stage of one provider on the time axis: from the first evidence of it
/// to its completion, or to the as-of date while it is in progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageBar {
    pub stage: crate::stages::Stage,
    pub from: i32,
    pub to: i32,
    pub done: bool,
}

/// One provider's stages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageRow {
    pub provider_id: String,
    pub name: String,
    pub y: i32,
    /// Business change, which runs alongside the rest, on its own thin lane.
    pub business_change: Option<StageBar>,
    /// The other stages on the main lane; decisions are points (from == to).
    pub bars: Vec<StageBar>,
    /// Where the provider is now, in words.
    pub now: String,
    pub completed: usize,
}

/// Every provider's stages over time (a Gantt chart).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageChart {
    pub width: i32,
    pub height: i32,
    pub plot: Plot,
    pub as_of_x: i32,
    pub x_ticks: Vec<Tick>,
    pub rows: Vec<StageRow>,
    pub summary: String,
}

/// A provider's row height in the stages chart, and its two lanes (top, height).
pub const STAGE_ROW: i32 = 48;
pub const STAGE_THIN_LANE: (i32, i32) = (20, 6);
pub const STAGE_MAIN_LANE: (i32, i32) = (28, 14);

/// The stages chart, or `None` while no provider has any stage under way.
pub fn stage_chart(d: &Deployment, as_of: NaiveDate) -> Option<StageChart> {
    use crate::stages::{provider_stages, Stage, StageStatus};
    let all: Vec<_> = d.providers.iter().map(|p| (p, provider_stages(d, &p.id, as_of))).collect();
    let first = all.iter().flat_map(|(_, s)| s.stages.iter().filter_map(|st| st.started_on)).min()?;
    let last = all
        .iter()
        .flat_map(|(_, s)| s.stages.iter().filter_map(|st| st.completed_on))
        .chain([as_of])
        .max()
        .unwrap_or(as_of)
        .max(first.succ_opt().unwrap_or(first));
    let plot = Plot { left: 36, top: 8, right: WIDTH - 24, bottom: 8 + STAGE_ROW * all.len() as i32 };
    let xs = DayScale { first, last, left: plot.left, right: plot.right };
    let rows: Vec<StageRow> = all
        .iter()
        .enumerate()
        .map(|(i, (p, s))| {
            let bar = |st: &crate::stages::StageState| {
                let from = st.started_on?;
                let done = st.status == StageStatus::Completed;
                let to = if done { st.completed_on.unwrap_or(from) } else { as_of };
                Some(StageBar { stage: st.stage, from: xs.x(from), to: xs.x(to.max(from)), done })
            };
            let business_change = bar(s.stage(Stage::BusinessChange));
            let bars = s.stages.iter().filter(|st| st.stage != Stage::BusinessChange).filter_map(bar).collect();
            let now = match s.current {
                Some(stage) => stage.label().to_owned(),
                None => "Every stage completed".to_owned(),
            };
            StageRow {
                provider_id: p.id.clone(),
                name: p.name.clone(),
                y: plot.top + STAGE_ROW * i as i32,
                business_change,
                bars,
                now,
                completed: s.stages.iter().filter(|st| st.status == StageStatus::Completed).count(),
            }
        })
        .collect();
    let live = all.iter().filter(|(_, s)| s.stage(Stage::PublicBeta).started_on.is_some()).count();
    let summary = format!(
        "Stages of each provider from {} to {}: {live} of {} providers have reached public beta.",
        long_date(first),
        long_date(as_of),
        all.len()
    );
    Some(StageChart { width: WIDTH, height: plot.bottom + 32, plot, as_of_x: xs.x(as_of), x_ticks: day_ticks(&xs), rows, summary })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        crate::dates::parse_day(s).unwrap()
    }

    #[test]
    fn scales_map_the_ends_and_round_to_whole_units() {
        let xs = DayScale { first: day("2026-03-01"), last: day("2026-03-11"), left: 10, right: 110 };
        assert_eq!(xs.x(day("2026-03-01")), 10);
        assert_eq!(xs.x(day("2026-03-11")), 110);
        assert_eq!(xs.x(day("2026-03-06")), 60);
        assert_eq!(xs.x(day("2026-02-01")), 10, "clamped before");
        assert_eq!(xs.x(day("2026-05-01")), 110, "clamped after");
        let ys = CountScale { max: 60, top: 0, bottom: 200 };
        assert_eq!(ys.y(0), 200);
        assert_eq!(ys.y(60), 0);
        assert_eq!(ys.y(15), 150);
        assert_eq!(ys.y(1000), 0, "clamped above");
    }

    #[test]
    fn a_count_axis_steps_in_ones_twos_and_fives() {
        assert_eq!(nice_max(0), (1, 1));
        assert_eq!(nice_max(4), (4, 1));
        assert_eq!(nice_max(20), (20, 5));
        assert_eq!(nice_max(50), (60, 20));
        assert_eq!(nice_max(75), (80, 20));
        assert_eq!(nice_max(131), (150, 50));
        assert_eq!(nice_max(21_195), (30_000, 10_000));
    }

    #[test]
    fn date_ticks_are_mondays_then_months_then_quarters() {
        let short = DayScale { first: day("2026-03-04"), last: day("2026-03-31"), left: 0, right: 270 };
        let labels: Vec<String> = day_ticks(&short).into_iter().map(|t| t.label).collect();
        assert_eq!(labels, ["9 Mar", "16 Mar", "23 Mar", "30 Mar"]);

        let year = DayScale { first: day("2025-11-15"), last: day("2026-04-20"), left: 0, right: 500 };
        let ticks = day_ticks(&year);
        let labels: Vec<&str> = ticks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["Dec 2025", "Jan 2026", "Feb", "Mar", "Apr"]);
        assert!(ticks.windows(2).all(|w| w[0].at < w[1].at));

        let long = DayScale { first: day("2025-02-10"), last: day("2026-08-01"), left: 0, right: 500 };
        let labels: Vec<String> = day_ticks(&long).into_iter().map(|t| t.label).collect();
        assert_eq!(labels, ["Apr 2025", "Jul", "Oct", "Jan 2026", "Apr", "Jul"]);
    }

    fn deployment(counts: &[(&str, u32)], incidents: &[&str]) -> Deployment {
        use crate::records::{DailyVolume, Incident, Provider, ProviderRole};
        let now = chrono::DateTime::<chrono::Utc>::UNIX_EPOCH;
        let fields = crate::DeploymentFields {
            name: "Charts".into(),
            application: crate::ApplicationChoice::Preset { number: 1 },
            risk_level: crate::ServiceRiskLevel::Medium,
        };
        let mut d = Deployment::new("d".into(), fields, now);
        d.has_responses = false;
        for (id, go_live) in [("a", Some("2026-03-02")), ("b", Some("2026-03-16")), ("c", None)] {
            d.providers.push(Provider {
                id: id.into(),
                updated_at: now,
                name: format!("Provider {id}"),
                ods_code: String::new(),
                role: ProviderRole::Both,
                supplier: String::new(),
                go_live: go_live.map(day),
            });
        }
        for (i, (date, n)) in counts.iter().enumerate() {
            d.volumetrics.push(DailyVolume { id: format!("v{i}"), updated_at: now, provider_id: "a".into(), date: day(date), referrals: *n, responses: 0 });
        }
        for (i, date) in incidents.iter().enumerate() {
            d.incidents.push(Incident {
                id: format!("i{i}"),
                updated_at: now,
                provider_id: "a".into(),
                date: day(date),
                attributed_to_bars: true,
                summary: String::new(),
                reported_to_service_desk: false,
                resolution: String::new(),
            });
        }
        d
    }

    #[test]
    fn the_referrals_line_steps_up_to_the_total_and_the_projection_reaches_the_minimum() {
        let d = deployment(&[("2026-03-02", 10), ("2026-03-09", 10), ("2026-03-20", 20), ("2026-02-20", 99)], &[]);
        let r = crate::readiness::assess(&d, day("2026-03-29"));
        let c = referral_chart(&d, &r).unwrap();
        assert_eq!(r.referrals.counted, 40, "the row before go-live is not counted");
        let xs = DayScale { first: day("2026-03-02"), last: c_last(&r), left: c.plot.left, right: c.plot.right };
        let ys = CountScale { max: 60, top: c.plot.top, bottom: c.plot.bottom };
        assert_eq!(
            c.line,
            format!(
                "M{} {}H{}V{}H{}V{}H{}V{}H{}",
                xs.x(day("2026-03-02")), ys.y(0),
                xs.x(day("2026-03-02")), ys.y(10),
                xs.x(day("2026-03-09")), ys.y(20),
                xs.x(day("2026-03-20")), ys.y(40),
                xs.x(day("2026-03-29"))
            )
        );
        assert_eq!(c.minimum_y, ys.y(50));
        let Projection::Expected(expected) = r.referrals.projection else { panic!("a rate gives a date") };
        // 10 more at 20 in 14 days: 7 days on, inside the chart.
        assert_eq!(expected, day("2026-04-05"));
        assert_eq!(c.projection, Some([xs.x(day("2026-03-29")), ys.y(40), xs.x(expected), ys.y(50)]));
        assert_eq!(c.y_ticks.iter().map(|t| t.label.as_str()).collect::<Vec<_>>(), ["0", "20", "40", "60"]);
        assert!(c.summary.contains("40 of the 50 needed"), "{}", c.summary);
        assert!(c.summary.contains("expected on 5 April 2026"), "{}", c.summary);
        // Four weeks from Monday 2 March, the last ending on the as-of date.
        assert_eq!(
            c.weeks,
            vec![
                WeekRow { until: day("2026-03-08"), referrals: 10, total: 10 },
                WeekRow { until: day("2026-03-15"), referrals: 10, total: 20 },
                WeekRow { until: day("2026-03-22"), referrals: 20, total: 40 },
                WeekRow { until: day("2026-03-29"), referrals: 0, total: 40 },
            ]
        );
    }

    /// The chart's last day for the readiness above (the projection fits).
    fn c_last(r: &Readiness) -> NaiveDate {
        r.referrals.projection.date().unwrap()
    }

    #[test]
    fn a_far_projection_is_cut_at_the_edge_on_its_own_line() {
        // 1 referral in the last 14 days: 49 more take 686 days.
        let d = deployment(&[("2026-03-20", 1)], &[]);
        let r = crate::readiness::assess(&d, day("2026-03-29"));
        let c = referral_chart(&d, &r).unwrap();
        let [x1, y1, x2, y2] = c.projection.unwrap();
        assert_eq!(x2, c.plot.right, "cut at the right edge");
        assert!(x1 < x2);
        // 27 days of live running shown ahead: 1 + 48 × 27/686 = 2 referrals by then.
        let ys = CountScale { max: 60, top: c.plot.top, bottom: c.plot.bottom };
        assert_eq!((y1, y2), (ys.y(1), ys.y(2)));
    }

    #[test]
    fn nothing_is_drawn_before_anyone_goes_live() {
        let d = deployment(&[], &[]);
        let r = crate::readiness::assess(&d, day("2026-02-01"));
        assert_eq!(referral_chart(&d, &r), None);
        let mut none_live = d.clone();
        none_live.providers.iter_mut().for_each(|p| p.go_live = None);
        let r = crate::readiness::assess(&none_live, day("2026-02-01"));
        assert_eq!(clock_chart(&r), None);
    }

    #[test]
    fn clocks_show_lost_days_restarts_and_the_required_end() {
        let d = deployment(&[], &["2026-03-09", "2026-03-20"]);
        let r = crate::readiness::assess(&d, day("2026-04-01"));
        let c = clock_chart(&r).unwrap();
        // From the first go-live to the latest required end: b's 16 March + 28 days.
        let a_end = day("2026-03-21") + Days::new(28);
        let xs = DayScale { first: day("2026-03-02"), last: a_end, left: c.plot.left, right: c.plot.right };
        let a = &c.rows[0];
        assert_eq!(a.lost, Some((xs.x(day("2026-03-02")), xs.x(day("2026-03-21")))));
        assert_eq!(a.counted, Some((xs.x(day("2026-03-21")), xs.x(day("2026-04-01")))));
        assert_eq!(a.to_go, Some((xs.x(day("2026-04-01")), xs.x(a_end))));
        assert_eq!(a.required_end, Some(xs.x(a_end)));
        assert_eq!(a.restarts, vec![xs.x(day("2026-03-10")), xs.x(day("2026-03-21"))]);
        assert_eq!(a.text, "11 of 28 days");
        let b = &c.rows[1];
        assert_eq!(b.lost, None);
        assert_eq!(b.counted, Some((xs.x(day("2026-03-16")), xs.x(day("2026-04-01")))));
        assert_eq!(b.required_end, Some(xs.x(day("2026-04-13"))));
        let none = &c.rows[2];
        assert_eq!((none.counted, none.to_go, none.required_end), (None, None, None));
        assert_eq!(none.text, "Not started: no go-live date recorded");
        assert_eq!(c.rows.iter().map(|r| r.y).collect::<Vec<_>>(), [8, 8 + CLOCK_ROW, 8 + 2 * CLOCK_ROW]);
        assert!(c.summary.contains("0 of 3 providers have completed the period; 1 had the clock restarted"), "{}", c.summary);

        // Later, b has met its period: its bar runs on to the as-of date, nothing left to go.
        let r = crate::readiness::assess(&d, day("2026-05-01"));
        let c = clock_chart(&r).unwrap();
        let b = &c.rows[1];
        assert!(b.met);
        assert_eq!(b.to_go, None);
        let xs = DayScale { first: day("2026-03-02"), last: day("2026-05-01"), left: c.plot.left, right: c.plot.right };
        assert_eq!(b.counted, Some((xs.x(day("2026-03-16")), xs.x(day("2026-05-01")))));
        assert_eq!(b.required_end, Some(xs.x(day("2026-04-13"))));
        assert_eq!(c.as_of_x, c.plot.right);
    }

    #[test]
    fn stages_are_bars_from_their_first_evidence_to_completion_or_the_as_of_date() {
        use crate::records::{Decision, DecisionKind, DecisionOutcome, Milestone, Outcome, TestResult, Workflow};
        use crate::stages::Stage;
        let now = chrono::DateTime::<chrono::Utc>::UNIX_EPOCH;
        let mut d = deployment(&[], &[]);
        d.providers.truncate(1);
        d.providers[0].go_live = Some(day("2026-02-10"));
        for (id, kind, date) in [
            ("m1", crate::records::MilestoneKind::UatEnvironmentReady, "2026-01-05"),
            ("m2", crate::records::MilestoneKind::ClinicalSignOff, "2026-01-24"),
        ] {
            d.milestones.push(Milestone { id: id.into(), updated_at: now, provider_id: "a".into(), kind, date: day(date), recorded_by: String::new() });
        }
        d.workflows.push(Workflow::new("w".into(), now, "a".into(), "Book".into()));
        for (id, date, outcome) in [("t1", "2026-01-12", Outcome::Fail), ("t2", "2026-01-20", Outcome::Pass)] {
            d.test_results.push(TestResult {
                id: id.into(),
                updated_at: now,
                workflow_id: "w".into(),
                date: day(date),
                outcome,
                note: String::new(),
                root_cause: (outcome == Outcome::Fail).then_some(crate::records::RootCause::SupplierSolution),
            });
        }
        d.decisions.push(Decision {
            id: "x".into(),
            updated_at: now,
            provider_id: "a".into(),
            kind: DecisionKind::MoveToPublicBeta,
            date: day("2026-01-25"),
            outcome: DecisionOutcome::Yes,
            decided_by: "The clinical lead".into(),
            parties: Vec::new(),
            reasons: String::new(),
            must_change: Vec::new(),
            returns_to: None, issue_ids: vec![],
        });
        let as_of = day("2026-03-01");
        let c = stage_chart(&d, as_of).unwrap();
        let xs = DayScale { first: day("2026-01-05"), last: as_of, left: c.plot.left, right: c.plot.right };
        let row = &c.rows[0];
        let spans: Vec<(Stage, i32, i32, bool)> = row.bars.iter().map(|b| (b.stage, b.from, b.to, b.done)).collect();
        let uat_env = (Stage::UatEnvironment, xs.x(day("2026-01-05")), xs.x(day("2026-01-05")), true);
        // Private beta: its latest result per workflow is the evidence, the pass on 20 January.
        let private = (Stage::PrivateBeta, xs.x(day("2026-01-20")), xs.x(day("2026-01-20")), true);
        // The decision's stage: the clinical sign-off on 24 January, then the "yes" on the 25th.
        let decision = (Stage::PublicBetaDecision, xs.x(day("2026-01-24")), xs.x(day("2026-01-25")), true);
        let public = (Stage::PublicBeta, xs.x(day("2026-02-10")), xs.x(as_of), false);
        assert!(spans.contains(&uat_env), "{spans:?}");
        assert!(spans.contains(&private), "{spans:?}");
        assert!(spans.contains(&decision), "{spans:?}");
        assert!(spans.contains(&public), "{spans:?}");
        assert_eq!(row.business_change, None);
        assert_eq!(c.as_of_x, c.plot.right);
        assert!(c.summary.contains("1 of 1 providers have reached public beta"), "{}", c.summary);

        // Before anything was recorded there is nothing to draw.
        assert_eq!(stage_chart(&d, day("2026-01-01")), None);
    }
}
