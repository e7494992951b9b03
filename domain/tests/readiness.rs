//! The readiness rules (PRODUCT.md, "The readiness rules"), pinned one edge at a time.
//!
//! Every test builds a small deployment with [`Build`], assesses it on an
//! as-of date and checks one rule. Names say which rule and which edge.

use bars_domain::deployment::{uplift_deadline, Deployment, DeploymentFields};
use bars_domain::readiness::{assess, describe, NotPassed, Phase, Projection, Readiness, RATE_WINDOW_DAYS};
use bars_domain::records::{DailyVolume, Incident, Milestone, MilestoneKind, Outcome, Provider, ProviderRole, TestResult, Workflow};
use bars_domain::{ApplicationChoice, ServiceRiskLevel};
use chrono::{DateTime, Days, NaiveDate, Utc};
use proptest::prelude::*;

// ---------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a real date")
}

fn plus(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(Days::new(n)).unwrap()
}

fn minus(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_sub_days(Days::new(n)).unwrap()
}

fn at(secs: i64) -> DateTime<Utc> {
    DateTime::<Utc>::from_timestamp(secs, 0).unwrap()
}

/// The as-of date most tests use.
const AS_OF: (i32, u32, u32) = (2026, 3, 1);
fn as_of() -> NaiveDate {
    date(AS_OF.0, AS_OF.1, AS_OF.2)
}

/// A deployment under construction. Every record gets a fresh id and a later
/// `updated_at` than the one before, so "recorded later" means "added later".
struct Build {
    d: Deployment,
    seq: i64,
}

impl Build {
    /// A deployment of an "other" use case (no seeded workflows, no responses).
    fn new(level: ServiceRiskLevel) -> Self {
        let fields = DeploymentFields {
            name: "Test beta".into(),
            application: ApplicationChoice::Other { description: "A test use case".into() },
            risk_level: level,
        };
        Self { d: Deployment::new("dep".into(), fields, at(0)), seq: 0 }
    }

    fn medium() -> Self {
        Self::new(ServiceRiskLevel::Medium)
    }

    fn tick(&mut self) -> i64 {
        self.seq += 1;
        self.seq
    }

    fn id(&mut self, prefix: &str) -> String {
        format!("{prefix}-{}", self.tick())
    }

    fn with_responses(mut self) -> Self {
        self.d.has_responses = true;
        self
    }

    fn provider(mut self, id: &str, go_live: Option<NaiveDate>) -> Self {
        let provider = Provider {
            id: id.into(),
            updated_at: at(self.tick()),
            name: format!("Provider {id}"),
            ods_code: "RX1".into(),
            role: ProviderRole::Both,
            supplier: "Supplier".into(),
            go_live,
        };
        let seq = &mut self.seq;
        self.d.add_provider(provider, || {
            *seq += 1;
            format!("wf-{seq}")
        });
        self
    }

    fn workflow(mut self, provider: &str, id: &str) -> Self {
        let updated_at = at(self.tick());
        self.d.workflows.push(Workflow { id: id.into(), updated_at, provider_id: provider.into(), name: format!("Workflow {id}") });
        self
    }

    /// A result recorded now (later than anything recorded before it).
    fn result(mut self, workflow: &str, on: NaiveDate, outcome: Outcome) -> Self {
        let t = self.tick();
        self.result_recorded_at(workflow, on, outcome, t)
    }

    /// A result with an explicit recording time.
    fn result_recorded_at(mut self, workflow: &str, on: NaiveDate, outcome: Outcome, recorded: i64) -> Self {
        let id = self.id("res");
        self.d.test_results.push(TestResult {
            id,
            updated_at: at(recorded),
            workflow_id: workflow.into(),
            date: on,
            outcome,
            note: String::new(),
            root_cause: None,
        });
        self
    }

    fn volume(mut self, provider: &str, on: NaiveDate, referrals: u32, responses: u32) -> Self {
        let id = self.id("vol");
        let updated_at = at(self.tick());
        self.d.volumetrics.push(DailyVolume { id, updated_at, provider_id: provider.into(), date: on, referrals, responses });
        self
    }

    fn referrals(self, provider: &str, on: NaiveDate, referrals: u32) -> Self {
        self.volume(provider, on, referrals, 0)
    }

    /// `per_day` referrals on each of `days` days starting at `from`.
    fn daily(mut self, provider: &str, from: NaiveDate, days: u64, per_day: u32) -> Self {
        for i in 0..days {
            self = self.referrals(provider, plus(from, i), per_day);
        }
        self
    }

    fn incident(mut self, provider: &str, on: NaiveDate, attributed_to_bars: bool) -> Self {
        let id = self.id("inc");
        let updated_at = at(self.tick());
        self.d.incidents.push(Incident {
            id,
            updated_at,
            provider_id: provider.into(),
            date: on,
            attributed_to_bars,
            summary: "Referral not received".into(),
            reported_to_service_desk: true,
            resolution: String::new(),
        });
        self
    }

    fn milestone(mut self, provider: &str, kind: MilestoneKind, on: NaiveDate) -> Self {
        let id = self.id("ms");
        let updated_at = at(self.tick());
        if kind == MilestoneKind::GoDecision {
            // Since version 3 the "go" is a go / no-go decision record.
            use bars_domain::records::{Decision, DecisionKind, DecisionOutcome};
            self.d.decisions.push(Decision {
                id, updated_at, provider_id: provider.into(), kind: DecisionKind::GoNoGo, date: on, outcome: DecisionOutcome::Yes,
                decided_by: "Tester".into(), parties: vec![], reasons: "Ready".into(), must_change: vec![], returns_to: None, issue_ids: vec![],
            });
            return self;
        }
        self.d.milestones.push(Milestone { id, updated_at, provider_id: provider.into(), kind, date: on, recorded_by: "Tester".into() });
        self
    }

    fn guidance(self, provider: &str, on: NaiveDate) -> Self {
        self.milestone(provider, MilestoneKind::GuidanceReviewed, on)
    }

    /// A provider that meets UAT and guidance, live from `go_live`.
    fn ready_provider(self, id: &str, go_live: NaiveDate) -> Self {
        let wf = format!("{id}-wf");
        self.provider(id, Some(go_live))
            .workflow(id, &wf)
            .result(&wf, minus(go_live, 10), Outcome::Pass)
            .guidance(id, minus(go_live, 1))
    }

    fn done(self) -> Deployment {
        self.d
    }

    fn assess(&self, on: NaiveDate) -> Readiness {
        assess(&self.d, on)
    }
}

fn provider<'a>(r: &'a Readiness, id: &str) -> &'a bars_domain::readiness::ProviderReadiness {
    r.providers.iter().find(|p| p.provider_id == id).expect("provider assessed")
}

// ---------------------------------------------------------------------------
// 1. UAT
// ---------------------------------------------------------------------------

#[test]
fn uat_empty_test_plan_is_not_met() {
    let r = Build::medium().provider("p", Some(as_of())).assess(as_of());
    let uat = provider(&r, "p").uat.clone();
    assert!(!uat.met);
    assert_eq!((uat.passed, uat.total), (0, 0));
    assert_eq!(describe::uat(&uat), "The test plan has no workflows");
}

#[test]
fn uat_seeded_test_plan_without_results_is_not_met() {
    let fields = DeploymentFields {
        name: "App 3".into(),
        application: ApplicationChoice::Preset { number: 3 },
        risk_level: ServiceRiskLevel::Low,
    };
    let mut d = Deployment::new("d".into(), fields, at(0));
    let mut n = 0;
    d.add_provider(
        Provider {
            id: "p".into(),
            updated_at: at(1),
            name: "P".into(),
            ods_code: "RX1".into(),
            role: ProviderRole::Receiver,
            supplier: "S".into(),
            go_live: None,
        },
        || {
            n += 1;
            format!("w{n}")
        },
    );
    let uat = &assess(&d, as_of()).providers[0].uat;
    assert!(!uat.met);
    assert_eq!((uat.passed, uat.total), (0, 3));
    assert!(uat.workflows.iter().all(|w| w.latest.is_none() && w.latest_date.is_none()));
    assert_eq!(describe::uat(uat), "0 of 3 workflows passed");
}

#[test]
fn uat_all_latest_results_pass_is_met() {
    let b = Build::medium()
        .provider("p", None)
        .workflow("p", "w1")
        .workflow("p", "w2")
        .result("w1", date(2026, 1, 5), Outcome::Pass)
        .result("w2", date(2026, 1, 6), Outcome::Pass);
    let uat = provider(&b.assess(as_of()), "p").uat.clone();
    assert!(uat.met);
    assert_eq!((uat.passed, uat.total), (2, 2));
    assert_eq!(describe::uat(&uat), "2 of 2 workflows passed");
}

#[test]
fn uat_workflow_without_any_result_is_not_met() {
    let b = Build::medium()
        .provider("p", None)
        .workflow("p", "w1")
        .workflow("p", "w2")
        .result("w1", date(2026, 1, 5), Outcome::Pass);
    let uat = provider(&b.assess(as_of()), "p").uat.clone();
    assert!(!uat.met);
    assert_eq!((uat.passed, uat.total), (1, 2));
}

#[test]
fn uat_failed_then_passed_workflow_is_met() {
    let b = Build::medium()
        .provider("p", None)
        .workflow("p", "w")
        .result("w", date(2026, 1, 5), Outcome::Fail)
        .result("w", date(2026, 1, 9), Outcome::Pass);
    let uat = provider(&b.assess(as_of()), "p").uat.clone();
    assert!(uat.met);
    assert_eq!(uat.workflows[0].latest, Some(Outcome::Pass));
    assert_eq!(uat.workflows[0].latest_date, Some(date(2026, 1, 9)));
}

#[test]
fn uat_passed_then_failed_workflow_is_not_met() {
    let b = Build::medium()
        .provider("p", None)
        .workflow("p", "w")
        .result("w", date(2026, 1, 5), Outcome::Pass)
        .result("w", date(2026, 1, 9), Outcome::Fail);
    let uat = provider(&b.assess(as_of()), "p").uat.clone();
    assert!(!uat.met);
    assert_eq!(uat.workflows[0].latest, Some(Outcome::Fail));
}

#[test]
fn uat_latest_is_by_result_date_not_by_order_recorded() {
    // The pass is dated later but was recorded first.
    let b = Build::medium()
        .provider("p", None)
        .workflow("p", "w")
        .result("w", date(2026, 1, 9), Outcome::Pass)
        .result("w", date(2026, 1, 5), Outcome::Fail);
    assert!(provider(&b.assess(as_of()), "p").uat.met);
}

#[test]
fn uat_results_dated_after_as_of_are_ignored() {
    let b = Build::medium()
        .provider("p", None)
        .workflow("p", "w1")
        .workflow("p", "w2")
        .result("w1", date(2026, 2, 1), Outcome::Pass)
        .result("w1", plus(as_of(), 1), Outcome::Fail) // a later failure, not yet happened
        .result("w2", plus(as_of(), 1), Outcome::Pass); // a pass, not yet happened
    let uat = provider(&b.assess(as_of()), "p").uat.clone();
    assert_eq!(uat.workflows[0].latest, Some(Outcome::Pass));
    assert_eq!(uat.workflows[1].latest, None);
    assert!(!uat.met);
    // A day later both later results count.
    let later = provider(&b.assess(plus(as_of(), 1)), "p").uat.clone();
    assert_eq!(later.workflows[0].latest, Some(Outcome::Fail));
    assert_eq!(later.workflows[1].latest, Some(Outcome::Pass));
}

#[test]
fn uat_result_dated_on_as_of_counts() {
    let b = Build::medium().provider("p", None).workflow("p", "w").result("w", as_of(), Outcome::Pass);
    assert!(provider(&b.assess(as_of()), "p").uat.met);
    assert!(!provider(&b.assess(minus(as_of(), 1)), "p").uat.met);
}

#[test]
fn uat_two_results_on_same_date_the_later_recorded_wins() {
    let on = date(2026, 2, 2);
    // Pushed pass first but recorded (updated_at) later: the pass wins.
    let pass_later = Build::medium()
        .provider("p", None)
        .workflow("p", "w")
        .result_recorded_at("w", on, Outcome::Pass, 2_000)
        .result_recorded_at("w", on, Outcome::Fail, 1_000);
    assert!(provider(&pass_later.assess(as_of()), "p").uat.met);
    // Same order in the list, recording times swapped: the fail wins.
    let fail_later = Build::medium()
        .provider("p", None)
        .workflow("p", "w")
        .result_recorded_at("w", on, Outcome::Pass, 1_000)
        .result_recorded_at("w", on, Outcome::Fail, 2_000);
    assert!(!provider(&fail_later.assess(as_of()), "p").uat.met);
}

#[test]
fn uat_counts_only_the_providers_own_workflows() {
    let b = Build::medium()
        .provider("a", None)
        .provider("b", None)
        .workflow("a", "wa")
        .workflow("b", "wb")
        .result("wa", date(2026, 1, 5), Outcome::Pass)
        .result("wb", date(2026, 1, 5), Outcome::Fail);
    let r = b.assess(as_of());
    assert!(provider(&r, "a").uat.met);
    assert_eq!(provider(&r, "a").uat.total, 1);
    assert!(!provider(&r, "b").uat.met);
}

// ---------------------------------------------------------------------------
// 2. Referrals: what counts
// ---------------------------------------------------------------------------

#[test]
fn referrals_are_pooled_across_providers() {
    let g = date(2026, 2, 1);
    let b = Build::medium().provider("a", Some(g)).provider("b", Some(g)).referrals("a", g, 30).referrals("b", g, 20);
    let r = b.assess(as_of());
    assert_eq!(r.referrals.counted, 50);
    assert!(r.referrals.met);
    // Every provider sees the pooled count as met, even one that sent fewer.
    assert!(provider(&r, "a").referrals_met && provider(&r, "b").referrals_met);
}

#[test]
fn referrals_dated_after_as_of_are_ignored() {
    let g = date(2026, 2, 1);
    let b = Build::medium().provider("a", Some(g)).referrals("a", as_of(), 10).referrals("a", plus(as_of(), 1), 40);
    let r = b.assess(as_of());
    assert_eq!(r.referrals.counted, 10);
    assert!(!r.referrals.met);
    assert_eq!(r.referrals.not_live, 0, "future rows are not 'not live', just not yet");
    assert_eq!(b.assess(plus(as_of(), 1)).referrals.counted, 50);
}

#[test]
fn referrals_before_the_providers_go_live_are_not_counted_and_reported_not_live() {
    let g = date(2026, 2, 10);
    let b = Build::medium().provider("a", Some(g)).referrals("a", minus(g, 1), 7).referrals("a", g, 5);
    let r = b.assess(as_of());
    assert_eq!(r.referrals.counted, 5, "the go-live day itself counts");
    assert_eq!(r.referrals.not_live, 7);
}

#[test]
fn referrals_of_a_provider_without_go_live_are_not_counted_and_reported_not_live() {
    let b = Build::medium()
        .provider("live", Some(date(2026, 2, 1)))
        .provider("none", None)
        .referrals("live", date(2026, 2, 2), 3)
        .referrals("none", date(2026, 2, 2), 11);
    let r = b.assess(as_of());
    assert_eq!(r.referrals.counted, 3);
    assert_eq!(r.referrals.not_live, 11);
}

#[test]
fn referrals_go_live_is_judged_per_sending_provider() {
    // b's row is after a's go-live but before b's own: not counted.
    let b = Build::medium()
        .provider("a", Some(date(2026, 2, 1)))
        .provider("b", Some(date(2026, 2, 20)))
        .referrals("b", date(2026, 2, 10), 9);
    let r = b.assess(as_of());
    assert_eq!((r.referrals.counted, r.referrals.not_live), (0, 9));
}

#[test]
fn referrals_with_responses_count_the_lesser_of_responses_and_referrals() {
    let g = date(2026, 2, 1);
    let b = Build::medium()
        .with_responses()
        .provider("a", Some(g))
        .volume("a", g, 10, 4) // 4 responses back
        .volume("a", plus(g, 1), 3, 8); // more responses than referrals: capped at 3
    let r = b.assess(as_of());
    assert!(r.referrals.with_responses);
    assert_eq!(r.referrals.counted, 7);
    assert_eq!(describe::referrals(&r.referrals), "7 of 50 referrals with responses");
}

#[test]
fn referrals_without_responses_mode_ignore_the_response_count() {
    let g = date(2026, 2, 1);
    let r = Build::medium().provider("a", Some(g)).volume("a", g, 10, 0).assess(as_of());
    assert!(!r.referrals.with_responses);
    assert_eq!(r.referrals.counted, 10);
}

#[test]
fn referrals_not_live_rows_in_responses_mode_report_the_counted_amount() {
    let g = date(2026, 2, 10);
    let r = Build::medium().with_responses().provider("a", Some(g)).volume("a", minus(g, 1), 10, 6).assess(as_of());
    assert_eq!((r.referrals.counted, r.referrals.not_live), (0, 6));
}

#[test]
fn referrals_responses_mode_follows_the_application_preset() {
    let make = |number| {
        let fields = DeploymentFields {
            name: "x".into(),
            application: ApplicationChoice::Preset { number },
            risk_level: ServiceRiskLevel::Low,
        };
        Deployment::new("d".into(), fields, at(0)).has_responses
    };
    assert!(make(4), "Application 4 (validation) has responses");
    assert!(make(6), "Application 6 (ambulance to ambulance) has responses");
    assert!(!make(1) && !make(5));
}

#[test]
fn referrals_exactly_at_the_minimum_is_met_and_one_below_is_not() {
    let g = date(2026, 2, 1);
    for (level, min) in [(ServiceRiskLevel::Low, 20), (ServiceRiskLevel::Medium, 50), (ServiceRiskLevel::High, 75)] {
        let exactly = Build::new(level).provider("a", Some(g)).referrals("a", g, min).assess(as_of());
        assert_eq!(exactly.referrals.required, min);
        assert!(exactly.referrals.met, "{min} of {min} is met");
        let short = Build::new(level).provider("a", Some(g)).referrals("a", g, min - 1).assess(as_of());
        assert!(!short.referrals.met, "{} of {min} is not met", min - 1);
    }
}

#[test]
fn referrals_reached_projection_is_the_date_the_cumulative_count_crossed_the_minimum() {
    let g = date(2026, 2, 1);
    // Added out of date order on purpose: 20 + 20 + 20 crosses 50 on the third day.
    let b = Build::medium()
        .provider("a", Some(g))
        .provider("b", Some(g))
        .referrals("a", plus(g, 2), 20)
        .referrals("b", g, 20)
        .referrals("a", plus(g, 1), 20)
        .referrals("b", plus(g, 5), 20);
    let r = b.assess(as_of());
    assert_eq!(r.referrals.counted, 80);
    assert_eq!(r.referrals.projection, Projection::Reached(plus(g, 2)));
}

#[test]
fn referrals_reached_projection_on_the_day_that_lands_exactly_on_the_minimum() {
    let g = date(2026, 2, 1);
    let b = Build::medium().provider("a", Some(g)).referrals("a", g, 25).referrals("a", plus(g, 3), 25).referrals("a", plus(g, 4), 1);
    assert_eq!(b.assess(as_of()).referrals.projection, Projection::Reached(plus(g, 3)));
}

#[test]
fn referrals_reached_projection_ignores_rows_before_go_live() {
    let g = date(2026, 2, 10);
    let b = Build::medium().provider("a", Some(g)).referrals("a", minus(g, 5), 45).referrals("a", g, 30).referrals("a", plus(g, 1), 20);
    let r = b.assess(as_of());
    assert_eq!(r.referrals.counted, 50);
    assert_eq!(r.referrals.projection, Projection::Reached(plus(g, 1)));
}

// ---------------------------------------------------------------------------
// 2b. Referral projection: the recent rate
// ---------------------------------------------------------------------------

#[test]
fn referral_rate_is_taken_over_the_last_14_days_up_to_as_of() {
    let a = as_of();
    let g = minus(a, 40);
    // 100 long ago (outside the window), then 1 a day over the 14 days ending on as-of.
    let b = Build::new(ServiceRiskLevel::High).provider("a", Some(g)).referrals("a", g, 30).referrals("a", minus(a, 14), 10).daily("a", minus(a, 13), 14, 1);
    let r = b.assess(a);
    assert_eq!(RATE_WINDOW_DAYS, 14);
    assert_eq!(r.referrals.rate_window, Some((minus(a, 13), a)));
    assert_eq!(r.referrals.daily_rate, Some(1.0));
    assert_eq!(describe::rate(&r.referrals).as_deref(), Some("1.0 a day from 16 February 2026 to 1 March 2026"));
}

#[test]
fn referral_rate_window_is_shorter_when_live_running_started_more_recently() {
    let a = as_of();
    let g = minus(a, 4); // live for 5 days, as-of included
    let b = Build::medium().provider("a", Some(g)).daily("a", g, 5, 2).referrals("a", minus(g, 1), 99);
    let r = b.assess(a);
    assert_eq!(r.referrals.rate_window, Some((g, a)));
    assert_eq!(r.referrals.daily_rate, Some(2.0));
}

#[test]
fn referral_rate_window_starts_at_the_earliest_go_live_of_any_provider() {
    let a = as_of();
    let b = Build::medium()
        .provider("early", Some(minus(a, 5)))
        .provider("late", Some(minus(a, 2)))
        .provider("future", Some(plus(a, 3)))
        .referrals("late", a, 12);
    let r = b.assess(a);
    assert_eq!(r.referrals.rate_window, Some((minus(a, 5), a)));
    assert_eq!(r.referrals.daily_rate, Some(2.0)); // 12 over 6 days
}

#[test]
fn referral_projection_with_zero_rate_is_blocked_saying_no_referrals() {
    let a = as_of();
    let g = minus(a, 30);
    let r = Build::medium().provider("a", Some(g)).referrals("a", g, 10).assess(a);
    assert_eq!(r.referrals.daily_rate, Some(0.0));
    match &r.referrals.projection {
        Projection::Blocked(why) => {
            assert!(why.contains("No referrals"), "{why}");
            assert!(why.contains("14 days"), "{why}");
        }
        other => panic!("expected blocked, got {other:?}"),
    }
    assert_eq!(r.referrals.projection.date(), None);
}

#[test]
fn referral_projection_zero_rate_on_go_live_day_speaks_of_one_day() {
    let a = as_of();
    let r = Build::medium().provider("a", Some(a)).assess(a);
    match &r.referrals.projection {
        Projection::Blocked(why) => assert!(why.contains("No referrals") && why.contains("last 1 day "), "{why}"),
        other => panic!("expected blocked, got {other:?}"),
    }
}

#[test]
fn referral_projection_is_blocked_when_no_provider_is_live() {
    let a = as_of();
    let b = Build::medium().provider("future", Some(plus(a, 1))).provider("none", None).referrals("none", a, 5);
    let r = b.assess(a);
    assert_eq!(r.referrals.daily_rate, None);
    assert_eq!(r.referrals.rate_window, None);
    match &r.referrals.projection {
        Projection::Blocked(why) => assert!(why.contains("No provider has gone live"), "{why}"),
        other => panic!("expected blocked, got {other:?}"),
    }
}

#[test]
fn referral_projection_40_of_50_at_2_a_day_is_5_days_after_as_of() {
    let a = as_of();
    let g = minus(a, 19); // 20 days of live running, 2 a day: 40 counted
    let r = Build::medium().provider("a", Some(g)).daily("a", g, 20, 2).assess(a);
    assert_eq!(r.referrals.counted, 40);
    assert_eq!(r.referrals.daily_rate, Some(2.0));
    assert_eq!(r.referrals.projection, Projection::Expected(plus(a, 5)));
}

#[test]
fn referral_projection_rounds_fractional_days_up() {
    let a = as_of();
    let g = minus(a, 20);
    // 3 on go-live day (outside the window), then 3 a day for 14 days: 45 counted, rate 3.
    // 5 remaining at 3 a day is 1⅔ days: the minimum is reached on the second day.
    let r = Build::medium().provider("a", Some(g)).referrals("a", g, 3).daily("a", minus(a, 13), 14, 3).assess(a);
    assert_eq!(r.referrals.counted, 45);
    assert_eq!(r.referrals.daily_rate, Some(3.0));
    assert_eq!(r.referrals.projection, Projection::Expected(plus(a, 2)));
}

#[test]
fn referral_projection_whole_number_of_days_is_not_pushed_a_day_later_by_rounding_error() {
    // 33 counted of 50; 17 in the 14-day window. 17 remaining at 17/14 a day is
    // exactly 14 days, but 17.0 / (17.0 / 14.0) in floating point is just over 14.
    let a = as_of();
    let g = minus(a, 20);
    let r = Build::medium()
        .provider("a", Some(g))
        .referrals("a", g, 16)
        .daily("a", minus(a, 13), 14, 1)
        .referrals("a", a, 3)
        .assess(a);
    assert_eq!(r.referrals.counted, 33);
    assert_eq!(r.referrals.rate_window, Some((minus(a, 13), a)));
    assert_eq!(r.referrals.projection, Projection::Expected(plus(a, 14)));
}

#[test]
fn referral_projection_counts_only_live_rows_in_the_rate() {
    let a = as_of();
    let g = minus(a, 9); // window: 10 days
    // 100 from a provider not yet live on those days is neither counted nor in the rate.
    let b = Build::medium()
        .provider("a", Some(g))
        .provider("b", Some(plus(a, 5)))
        .referrals("a", a, 10)
        .referrals("b", minus(a, 1), 100);
    let r = b.assess(a);
    assert_eq!(r.referrals.daily_rate, Some(1.0));
    assert_eq!(r.referrals.projection, Projection::Expected(plus(a, 40)));
}

#[test]
fn referral_projection_is_the_exact_rounded_up_day_for_every_small_case() {
    // Every window length, window count and total short of each minimum:
    // as-of + ceil(remaining × window days ÷ referrals in window), in whole numbers.
    let a = as_of();
    let mut checked = 0;
    for level in ServiceRiskLevel::ALL {
        let required = level.criteria().min_referrals;
        for window_days in 1..=u64::from(RATE_WINDOW_DAYS) {
            for in_window in 1..required {
                // Before the window there are earlier referrals only when live for longer than it.
                let earlier_max = if window_days == 14 { required - in_window - 1 } else { 0 };
                for earlier in 0..=earlier_max {
                    let b = if window_days == 14 {
                        let g = minus(a, 20);
                        Build::new(level).provider("p", Some(g)).referrals("p", g, earlier).referrals("p", a, in_window)
                    } else {
                        Build::new(level).provider("p", Some(minus(a, window_days - 1))).referrals("p", a, in_window)
                    };
                    let r = b.assess(a).referrals;
                    let remaining = u64::from(required - in_window - earlier);
                    let days = (remaining * window_days).div_ceil(u64::from(in_window));
                    assert_eq!(
                        r.projection,
                        Projection::Expected(plus(a, days)),
                        "{remaining} remaining at {in_window} over {window_days} days"
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 5_000);
}

#[test]
fn referral_rate_and_count_saturate_rather_than_overflow_on_huge_counts() {
    let a = as_of();
    let g = minus(a, 2);
    let b = Build::medium().provider("a", Some(g)).referrals("a", g, u32::MAX).referrals("a", a, u32::MAX);
    let r = b.assess(a);
    assert_eq!(r.referrals.counted, u32::MAX);
    assert!(r.referrals.met);
    assert_eq!(r.referrals.daily_rate, Some(f64::from(u32::MAX) / 3.0));
}

// ---------------------------------------------------------------------------
// 3. Verification period
// ---------------------------------------------------------------------------

#[test]
fn verification_met_exactly_28_days_after_go_live_for_medium() {
    let g = date(2026, 2, 1);
    let a = plus(g, 28);
    let r = Build::medium().provider("p", Some(g)).assess(a);
    let v = provider(&r, "p").verification.clone();
    assert_eq!(provider(&r, "p").phase, Phase::Live(g));
    assert_eq!((v.days, v.required), (28, 28));
    assert!(v.met);
    assert_eq!(v.clock_start, Some(g));
    assert_eq!(v.projection, Projection::Reached(a));
}

#[test]
fn verification_not_met_one_day_before_go_live_plus_28() {
    let g = date(2026, 2, 1);
    let r = Build::medium().provider("p", Some(g)).assess(plus(g, 27));
    let v = provider(&r, "p").verification.clone();
    assert_eq!(v.days, 27);
    assert!(!v.met);
    assert_eq!(v.projection, Projection::Expected(plus(g, 28)));
}

#[test]
fn verification_minimum_follows_the_risk_level() {
    let g = date(2026, 1, 1);
    for (level, days) in [(ServiceRiskLevel::Low, 14), (ServiceRiskLevel::Medium, 28), (ServiceRiskLevel::High, 48)] {
        let b = Build::new(level).provider("p", Some(g));
        assert!(provider(&b.assess(plus(g, days)), "p").verification.met, "{days} days met");
        assert!(!provider(&b.assess(plus(g, days - 1)), "p").verification.met, "{} days not met", days - 1);
    }
}

#[test]
fn verification_on_go_live_day_is_zero_days() {
    let g = as_of();
    let v = provider(&Build::medium().provider("p", Some(g)).assess(g), "p").verification.clone();
    assert_eq!(v.days, 0);
    assert_eq!(v.clock_start, Some(g));
}

#[test]
fn verification_incident_on_go_live_day_restarts_clock_from_next_day() {
    let g = date(2026, 2, 1);
    let b = Build::medium().provider("p", Some(g)).incident("p", g, true);
    let v = provider(&b.assess(plus(g, 28)), "p").verification.clone();
    assert_eq!(v.clock_start, Some(plus(g, 1)));
    assert_eq!(v.days, 27);
    assert!(!v.met);
    assert_eq!(v.restarts.len(), 1);
    assert_eq!(v.restarts[0].incident_date, g);
    assert_eq!(v.restarts[0].restarted_on, plus(g, 1));
    assert_eq!(v.projection, Projection::Expected(plus(g, 29)));
    assert!(provider(&b.assess(plus(g, 29)), "p").verification.met);
}

#[test]
fn verification_incident_on_as_of_date_gives_zero_days_and_clock_from_next_day() {
    let g = date(2026, 2, 1);
    let a = as_of();
    let v = provider(&Build::medium().provider("p", Some(g)).incident("p", a, true).assess(a), "p").verification.clone();
    assert_eq!(v.days, 0);
    assert_eq!(v.clock_start, Some(plus(a, 1)));
    assert!(!v.met);
    assert_eq!(v.projection, Projection::Expected(plus(a, 29)));
}

#[test]
fn verification_incident_after_as_of_is_ignored() {
    let g = date(2026, 2, 1);
    let a = plus(g, 28);
    let v = provider(&Build::medium().provider("p", Some(g)).incident("p", plus(a, 1), true).assess(a), "p").verification.clone();
    assert!(v.restarts.is_empty());
    assert_eq!(v.days, 28);
    assert!(v.met);
}

#[test]
fn verification_incident_before_go_live_does_not_restart() {
    let g = date(2026, 2, 1);
    let v = provider(&Build::medium().provider("p", Some(g)).incident("p", minus(g, 3), true).assess(plus(g, 28)), "p").verification.clone();
    assert!(v.restarts.is_empty());
    assert_eq!(v.clock_start, Some(g));
    assert!(v.met);
}

#[test]
fn verification_incident_not_attributed_to_bars_does_not_restart() {
    let g = date(2026, 2, 1);
    let v = provider(&Build::medium().provider("p", Some(g)).incident("p", plus(g, 10), false).assess(plus(g, 28)), "p").verification.clone();
    assert!(v.restarts.is_empty());
    assert_eq!(v.clock_start, Some(g));
    assert_eq!(v.days, 28);
    assert!(v.met);
}

#[test]
fn verification_incident_for_another_provider_does_not_restart_this_one() {
    let g = date(2026, 2, 1);
    let b = Build::medium().provider("a", Some(g)).provider("b", Some(g)).incident("b", plus(g, 10), true);
    let r = b.assess(plus(g, 28));
    assert!(provider(&r, "a").verification.met);
    assert!(provider(&r, "a").verification.restarts.is_empty());
    assert_eq!(provider(&r, "b").verification.clock_start, Some(plus(g, 11)));
    assert!(!provider(&r, "b").verification.met);
}

#[test]
fn verification_several_incidents_the_last_decides() {
    let g = date(2026, 2, 1);
    let a = date(2026, 3, 20);
    // Added out of date order; the non-attributed one is the latest but does not count.
    let b = Build::medium()
        .provider("p", Some(g))
        .incident("p", date(2026, 3, 2), true)
        .incident("p", date(2026, 2, 10), true)
        .incident("p", date(2026, 3, 10), false);
    let v = provider(&b.assess(a), "p").verification.clone();
    let dates: Vec<NaiveDate> = v.restarts.iter().map(|r| r.incident_date).collect();
    assert_eq!(dates, [date(2026, 2, 10), date(2026, 3, 2)], "restarts listed oldest first");
    assert_eq!(v.clock_start, Some(date(2026, 3, 3)));
    assert_eq!(v.days, 17);
    assert_eq!(v.projection, Projection::Expected(date(2026, 3, 31)));
}

#[test]
fn verification_provider_going_live_after_as_of_is_going_live_with_projected_end() {
    let a = as_of();
    let g = plus(a, 10);
    let r = Build::medium().provider("p", Some(g)).incident("p", a, true).assess(a);
    let p = provider(&r, "p");
    assert_eq!(p.phase, Phase::GoingLive(g));
    assert_eq!(p.verification.days, 0);
    assert!(!p.verification.met);
    assert_eq!(p.verification.clock_start, None);
    assert!(p.verification.restarts.is_empty());
    assert_eq!(p.verification.projection, Projection::Expected(plus(g, 28)));
}

#[test]
fn verification_provider_without_go_live_is_not_live_and_blocked() {
    let r = Build::medium().provider("p", None).assess(as_of());
    let p = provider(&r, "p");
    assert_eq!(p.phase, Phase::NotLive);
    assert!(!p.verification.met);
    assert_eq!(p.verification.clock_start, None);
    assert!(matches!(&p.verification.projection, Projection::Blocked(why) if why.contains("go-live")));
}

// ---------------------------------------------------------------------------
// 4. Guidance reviewed
// ---------------------------------------------------------------------------

#[test]
fn guidance_reviewed_on_the_as_of_date_is_met() {
    let g = provider(&Build::medium().provider("p", None).guidance("p", as_of()).assess(as_of()), "p").guidance.clone();
    assert!(g.met);
    assert_eq!(g.reviewed_on, Some(as_of()));
}

#[test]
fn guidance_reviewed_before_the_as_of_date_is_met() {
    let on = date(2026, 1, 15);
    let g = provider(&Build::medium().provider("p", None).guidance("p", on).assess(as_of()), "p").guidance.clone();
    assert!(g.met);
    assert_eq!(g.reviewed_on, Some(on));
}

#[test]
fn guidance_reviewed_after_the_as_of_date_is_not_met() {
    let r = Build::medium().provider("p", None).guidance("p", plus(as_of(), 1)).assess(as_of());
    let p = provider(&r, "p");
    assert!(!p.guidance.met);
    assert_eq!(p.guidance.reviewed_on, None);
    assert!(p.also_needs.contains(&"the supporting guidance to be reviewed"));
}

#[test]
fn guidance_reviewed_by_another_provider_does_not_count() {
    let r = Build::medium().provider("a", None).provider("b", None).guidance("b", date(2026, 1, 1)).assess(as_of());
    assert!(!provider(&r, "a").guidance.met);
    assert!(provider(&r, "b").guidance.met);
}

// ---------------------------------------------------------------------------
// Provider and deployment: all four criteria, exit date, gates
// ---------------------------------------------------------------------------

/// One provider on a Medium deployment, each criterion met or missed by one unit.
fn one_provider(uat: bool, referrals: bool, verification: bool, guidance: bool) -> Readiness {
    let a = as_of();
    let g = minus(a, if verification { 28 } else { 27 });
    Build::medium()
        .provider("p", Some(g))
        .workflow("p", "w")
        .result("w", minus(g, 5), if uat { Outcome::Pass } else { Outcome::Fail })
        .referrals("p", g, if referrals { 50 } else { 49 })
        .guidance("p", if guidance { a } else { plus(a, 1) })
        .assess(a)
}

#[test]
fn provider_met_when_all_four_criteria_hold() {
    let r = one_provider(true, true, true, true);
    let p = provider(&r, "p");
    assert!(p.uat.met && p.referrals_met && p.verification.met && p.guidance.met);
    assert!(p.met);
    assert!(p.also_needs.is_empty());
    assert!(r.met);
}

#[test]
fn provider_not_met_when_any_one_criterion_fails() {
    let cases = [
        ("uat", one_provider(false, true, true, true)),
        ("referrals", one_provider(true, false, true, true)),
        ("verification", one_provider(true, true, false, true)),
        ("guidance", one_provider(true, true, true, false)),
    ];
    for (missing, r) in cases {
        assert!(!provider(&r, "p").met, "provider met without {missing}");
        assert!(!r.met, "deployment met without {missing}");
    }
}

#[test]
fn provider_also_needs_names_the_undated_criteria_still_unmet() {
    let p = provider(&one_provider(false, true, true, false), "p").also_needs.clone();
    assert_eq!(p, ["every workflow in the UAT test plan to pass", "the supporting guidance to be reviewed"]);
}

#[test]
fn deployment_met_only_when_every_provider_is_met() {
    let g = minus(as_of(), 30);
    let both = Build::medium().ready_provider("a", g).ready_provider("b", g).referrals("a", g, 50);
    assert!(both.assess(as_of()).met);
    // b's clock restarted: b not met, so neither is the deployment, though a still is.
    let one = both.incident("b", minus(as_of(), 3), true);
    let r = one.assess(as_of());
    assert!(provider(&r, "a").met);
    assert!(!provider(&r, "b").met);
    assert!(!r.met);
}

#[test]
fn deployment_with_no_providers_is_never_met() {
    let b = Build::new(ServiceRiskLevel::Low);
    let r = b.assess(as_of());
    assert!(r.providers.is_empty());
    assert!(!r.met);
    assert!(matches!(&r.earliest_exit, Projection::Blocked(why) if why.contains("No providers")));
}

#[test]
fn earliest_exit_is_the_verification_end_when_it_is_later_than_the_referral_date() {
    let a = as_of();
    let g = minus(a, 19); // referrals: 40 at 2/day -> a+5; verification ends g+28 = a+9
    let r = Build::medium().ready_provider("p", g).daily("p", g, 20, 2).assess(a);
    let p = provider(&r, "p");
    assert_eq!(r.referrals.projection, Projection::Expected(plus(a, 5)));
    assert_eq!(p.verification.projection, Projection::Expected(plus(a, 9)));
    assert_eq!(p.earliest_exit, Projection::Expected(plus(a, 9)));
    assert_eq!(r.earliest_exit, Projection::Expected(plus(a, 9)));
}

#[test]
fn earliest_exit_is_the_referral_date_when_it_is_later_than_the_verification_end() {
    let a = as_of();
    let g = minus(a, 25); // verification ends g+28 = a+3
    // 12 on go-live day + 2/day over the 14-day window = 40, rate 2: a+5.
    let r = Build::medium().ready_provider("p", g).referrals("p", g, 12).daily("p", minus(a, 13), 14, 2).assess(a);
    let p = provider(&r, "p");
    assert_eq!(r.referrals.projection, Projection::Expected(plus(a, 5)));
    assert_eq!(p.verification.projection, Projection::Expected(plus(a, 3)));
    assert_eq!(p.earliest_exit, Projection::Expected(plus(a, 5)));
}

#[test]
fn earliest_exit_is_reached_on_the_later_date_when_the_provider_is_met() {
    let g = date(2026, 1, 1);
    let a = as_of();
    let r = Build::medium().ready_provider("p", g).referrals("p", plus(g, 40), 50).assess(a);
    let p = provider(&r, "p");
    assert!(p.met);
    // Verification reached on g+28 (29 Jan); referrals on g+40 (10 Feb).
    assert_eq!(p.earliest_exit, Projection::Reached(plus(g, 40)));
    assert_eq!(r.earliest_exit, Projection::Reached(plus(g, 40)));
}

#[test]
fn a_met_provider_is_met_on_the_day_its_last_criterion_was_met_whichever_it_is() {
    let g = date(2026, 1, 1);
    let a = as_of();
    let wf = "late-wf";
    // Referrals met on g+2 and the clock on g+28; then the guidance is
    // reviewed on g+45, and a workflow added late passes on g+50.
    let base = Build::medium().ready_provider("p", g).referrals("p", plus(g, 2), 50);
    let guidance_late = Build::medium().provider("p", Some(g)).workflow("p", "p-wf").result("p-wf", minus(g, 10), Outcome::Pass)
        .guidance("p", plus(g, 45)).referrals("p", plus(g, 2), 50);
    assert_eq!(base.assess(a).providers[0].earliest_exit, Projection::Reached(plus(g, 28)));
    let r = guidance_late.assess(a);
    assert!(r.providers[0].met);
    assert_eq!(r.providers[0].earliest_exit, Projection::Reached(plus(g, 45)));
    assert_eq!(r.earliest_exit, Projection::Reached(plus(g, 45)));
    let uat_late = base.workflow("p", wf).result(wf, plus(g, 30), Outcome::Fail).result(wf, plus(g, 50), Outcome::Pass);
    assert_eq!(uat_late.assess(a).providers[0].earliest_exit, Projection::Reached(plus(g, 50)));
    // As of the day before the pass, the provider is not met at all.
    assert!(!uat_late.assess(plus(g, 49)).providers[0].met);
}

#[test]
fn each_provider_carries_the_stage_the_stage_model_gives_it() {
    let g = date(2026, 1, 1);
    let b = Build::medium().ready_provider("live", g).provider("new", None);
    for on in [minus(g, 20), g, as_of()] {
        let r = b.assess(on);
        for p in &r.providers {
            assert_eq!(p.stage, bars_domain::stages::provider_stages(&b.d, &p.provider_id, on).current, "{} on {on}", p.provider_id);
        }
    }
    assert_ne!(provider(&b.assess(as_of()), "live").stage, provider(&b.assess(as_of()), "new").stage);
}

#[test]
fn earliest_exit_is_not_before_as_of_when_dated_criteria_are_met_but_others_are_not() {
    let r = one_provider(false, true, true, true);
    let p = provider(&r, "p");
    assert_eq!(p.earliest_exit, Projection::Expected(as_of()));
}

#[test]
fn earliest_exit_is_blocked_when_the_referral_projection_is_blocked() {
    let a = as_of();
    let g = minus(a, 20);
    let r = Build::medium().ready_provider("p", g).assess(a); // live, no referrals
    let p = provider(&r, "p");
    assert!(p.verification.projection.date().is_some());
    assert!(matches!(&p.earliest_exit, Projection::Blocked(why) if why.contains("No referrals")));
    assert!(matches!(&r.earliest_exit, Projection::Blocked(_)));
}

#[test]
fn earliest_exit_is_blocked_when_the_verification_projection_is_blocked() {
    let a = as_of();
    let g = minus(a, 20);
    let b = Build::medium().ready_provider("live", g).daily("live", g, 21, 1).provider("none", None);
    let r = b.assess(a);
    assert!(r.referrals.projection.date().is_some());
    assert!(provider(&r, "live").earliest_exit.date().is_some());
    assert!(matches!(&provider(&r, "none").earliest_exit, Projection::Blocked(why) if why.contains("go-live")));
    // The deployment is blocked by the one provider, and says which.
    assert!(matches!(&r.earliest_exit, Projection::Blocked(why) if why.contains("Provider none")));
}

#[test]
fn deployment_earliest_exit_is_the_latest_of_its_providers() {
    let a = as_of();
    let b = Build::medium()
        .ready_provider("early", minus(a, 25)) // ends a+3
        .ready_provider("late", plus(a, 2)) // going live: ends a+30
        .daily("early", minus(a, 24), 25, 2);
    let r = b.assess(a);
    assert_eq!(provider(&r, "late").earliest_exit, Projection::Expected(plus(a, 30)));
    assert_eq!(r.earliest_exit, Projection::Expected(plus(a, 30)));
}

#[test]
fn open_gates_lists_pre_live_milestones_not_recorded_on_or_before_as_of() {
    let a = as_of();
    let b = Build::medium()
        .provider("p", None)
        .milestone("p", MilestoneKind::ClinicalSignOff, minus(a, 10))
        .milestone("p", MilestoneKind::Dcb0160, a)
        .milestone("p", MilestoneKind::Dcb0129, plus(a, 1))
        .milestone("other", MilestoneKind::UsersTrained, minus(a, 1))
        .guidance("p", a);
    let open = provider(&b.assess(a), "p").open_gates.clone();
    let expected: Vec<MilestoneKind> =
        MilestoneKind::PRE_LIVE.into_iter().filter(|k| !matches!(k, MilestoneKind::ClinicalSignOff | MilestoneKind::Dcb0160)).collect();
    assert_eq!(open, expected, "in PRE_LIVE order, guidance never a gate");
    assert!(open.contains(&MilestoneKind::Dcb0129));
    assert!(!open.contains(&MilestoneKind::GuidanceReviewed));
}

#[test]
fn open_gates_is_empty_when_every_pre_live_gate_is_recorded() {
    let a = as_of();
    let mut b = Build::medium().provider("p", None);
    for kind in MilestoneKind::PRE_LIVE {
        b = b.milestone("p", kind, minus(a, 2));
    }
    assert!(provider(&b.assess(a), "p").open_gates.is_empty());
    assert_eq!(provider(&b.assess(minus(a, 3)), "p").open_gates.len(), MilestoneKind::PRE_LIVE.len());
}

#[test]
fn open_gates_are_shown_until_the_provider_is_live_on_or_before_as_of() {
    let a = as_of();
    let shown = |go_live: Option<NaiveDate>| {
        let r = Build::medium().provider("p", go_live).assess(a);
        provider(&r, "p").shows_open_gates(a)
    };
    assert!(shown(None), "no go-live: the open checks are what it still needs");
    assert!(shown(Some(plus(a, 1))), "going live tomorrow: still shown");
    assert!(!shown(Some(a)), "live on the as-of date: hidden");
    assert!(!shown(Some(minus(a, 5))), "live before the as-of date: hidden");
}

#[test]
fn open_gates_are_not_shown_when_none_is_open() {
    let a = as_of();
    let mut b = Build::medium().provider("p", Some(plus(a, 10)));
    for kind in MilestoneKind::PRE_LIVE {
        b = b.milestone("p", kind, minus(a, 2));
    }
    assert!(!provider(&b.assess(a), "p").shows_open_gates(a));
    assert!(provider(&b.assess(minus(a, 3)), "p").shows_open_gates(minus(a, 3)), "before they were recorded");
}

#[test]
fn not_passed_lists_failed_and_untested_workflows_in_plan_order() {
    let a = as_of();
    let b = Build::medium()
        .provider("p", None)
        .workflow("p", "w1")
        .workflow("p", "w2")
        .workflow("p", "w3")
        .workflow("p", "w4")
        .result("w1", date(2026, 1, 5), Outcome::Pass)
        .result("w2", date(2026, 1, 5), Outcome::Pass)
        .result("w2", date(2026, 1, 6), Outcome::Fail)
        .result("w4", date(2026, 1, 7), Outcome::Fail)
        .result("w4", plus(a, 1), Outcome::Pass);
    let r = b.assess(a);
    let uat = &provider(&r, "p").uat;
    let listed: Vec<(&str, NotPassed)> = uat.not_passed().map(|(w, why)| (w.workflow_id.as_str(), why)).collect();
    assert_eq!(
        listed,
        vec![("w2", NotPassed::FailedOn(date(2026, 1, 6))), ("w3", NotPassed::NotTested), ("w4", NotPassed::FailedOn(date(2026, 1, 7)))],
        "a pass after the as-of date does not count"
    );
    assert_eq!(describe::not_passed(listed[0].1), ": failed on 6 January 2026");
    assert_eq!(describe::not_passed(listed[1].1), ": not tested");
    let later = b.assess(plus(a, 1));
    let ids: Vec<&str> = provider(&later, "p").uat.not_passed().map(|(w, _)| w.workflow_id.as_str()).collect();
    assert_eq!(ids, vec!["w2", "w3"]);
}

// ---------------------------------------------------------------------------
// Uplift deadline: stable publication + 3 calendar months
// ---------------------------------------------------------------------------

#[test]
fn uplift_deadline_30_nov_2027_is_29_feb_2028_in_a_leap_year() {
    assert_eq!(uplift_deadline(date(2027, 11, 30)), Some(date(2028, 2, 29)));
}

#[test]
fn uplift_deadline_30_nov_2026_is_28_feb_2027() {
    assert_eq!(uplift_deadline(date(2026, 11, 30)), Some(date(2027, 2, 28)));
}

#[test]
fn uplift_deadline_31_mar_is_30_jun() {
    assert_eq!(uplift_deadline(date(2026, 3, 31)), Some(date(2026, 6, 30)));
}

#[test]
fn uplift_deadline_15_jan_is_15_apr() {
    assert_eq!(uplift_deadline(date(2026, 1, 15)), Some(date(2026, 4, 15)));
}

#[test]
fn uplift_deadline_crosses_the_year_end() {
    assert_eq!(uplift_deadline(date(2026, 10, 31)), Some(date(2027, 1, 31)));
}

#[test]
fn uplift_deadline_is_reported_by_the_deployment_and_the_assessment() {
    let mut d = Build::medium().done();
    assert_eq!(d.uplift_deadline(), None);
    assert_eq!(assess(&d, as_of()).uplift_deadline, None);
    d.stable_published = Some(date(2027, 11, 30));
    assert_eq!(d.uplift_deadline(), Some(date(2028, 2, 29)));
    assert_eq!(assess(&d, as_of()).uplift_deadline, Some(date(2028, 2, 29)));
}

// ---------------------------------------------------------------------------
// The words on the dashboard
// ---------------------------------------------------------------------------

#[test]
fn describe_referrals_reads_31_of_50_referrals() {
    let g = date(2026, 2, 1);
    let r = Build::medium().provider("p", Some(g)).referrals("p", g, 31).assess(as_of());
    assert_eq!(describe::referrals(&r.referrals), "31 of 50 referrals");
}

#[test]
fn describe_referrals_writes_large_counts_with_thousands_separators() {
    let g = date(2026, 2, 1);
    let r = Build::medium().provider("p", Some(g)).referrals("p", g, 21_195).assess(as_of());
    assert_eq!(describe::referrals(&r.referrals), "21,195 referrals (50 needed)");
}

#[test]
fn describe_days_reads_19_of_28_days() {
    let r = Build::medium().provider("p", Some(minus(as_of(), 19))).assess(as_of());
    assert_eq!(describe::days(&provider(&r, "p").verification), "19 of 28 days");
}

#[test]
fn describe_restart_reads_clock_restarted_on_3_march_after_incident_on_2_march() {
    let r = Build::medium().provider("p", Some(date(2026, 2, 1))).incident("p", date(2026, 3, 2), true).assess(date(2026, 3, 10));
    let restarts = &provider(&r, "p").verification.restarts;
    assert_eq!(restarts.len(), 1);
    assert_eq!(describe::restart(&restarts[0]), "Clock restarted on 3 March 2026 after an incident on 2 March 2026");
    assert_eq!(restarts[0].summary, "Referral not received");
}

#[test]
fn describe_projection_words_each_kind() {
    let d = date(2026, 4, 9);
    assert_eq!(describe::projection(&Projection::Reached(d), "Reached on", "Expected on"), "Reached on 9 April 2026");
    assert_eq!(describe::projection(&Projection::Expected(d), "Reached on", "Expected on"), "Expected on 9 April 2026");
    assert_eq!(describe::projection(&Projection::Blocked("why".into()), "a", "b"), "why");
}

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------

fn base() -> NaiveDate {
    date(2026, 1, 1)
}

/// A random deployment: 1 to 3 providers (p0, p1, p2), each maybe live,
/// daily rows (some from providers not live yet) and incidents.
fn arb_deployment() -> impl Strategy<Value = Deployment> {
    let level = prop::sample::select(ServiceRiskLevel::ALL.to_vec());
    let go_lives = prop::collection::vec(prop::option::of(0u64..60), 1..=3);
    let rows = prop::collection::vec((0usize..3, 0u64..90, 0u32..30, 0u32..30), 0..40);
    let incidents = prop::collection::vec((0usize..3, 0u64..90, any::<bool>()), 0..5);
    (level, any::<bool>(), go_lives, rows, incidents).prop_map(|(level, responses, go_lives, rows, incidents)| {
        let n = go_lives.len();
        let mut b = Build::new(level);
        if responses {
            b = b.with_responses();
        }
        for (i, g) in go_lives.into_iter().enumerate() {
            b = b.provider(&format!("p{i}"), g.map(|g| plus(base(), g)));
        }
        for (p, day, referrals, responses) in rows {
            b = b.volume(&format!("p{}", p % n), plus(base(), day), referrals, responses);
        }
        for (p, day, attributed) in incidents {
            b = b.incident(&format!("p{}", p % n), plus(base(), day), attributed);
        }
        b.done()
    })
}

fn arb_as_of() -> impl Strategy<Value = NaiveDate> {
    (0u64..100).prop_map(|n| plus(base(), n))
}

/// An expected referral date is the first day on which the recent rate
/// (referrals in the window over its days) covers what remains: n days do,
/// n - 1 do not. Checked in whole numbers.
fn check_projection(r: &bars_domain::readiness::ReferralProgress, as_of: NaiveDate) -> Result<(), TestCaseError> {
    if let Projection::Expected(when) = r.projection {
        let (from, to) = r.rate_window.expect("an expected date comes from a rate");
        let window_days = (to - from).num_days() as u64 + 1;
        // The referrals in the window, recovered exactly from the rate.
        let in_window = (r.daily_rate.unwrap() * window_days as f64).round() as u64;
        let remaining = u64::from(r.required - r.counted);
        let n = (when - as_of).num_days() as u64;
        prop_assert!(n >= 1);
        prop_assert!(n * in_window >= remaining * window_days, "{n} days of {in_window}/{window_days} short of {remaining}");
        prop_assert!((n - 1) * in_window < remaining * window_days, "{n} days is a day too many for {remaining} at {in_window}/{window_days}");
    }
    Ok(())
}

fn steady_as_of() -> NaiveDate {
    date(2026, 3, 1)
}

/// One provider live for 1 to 30 days up to the as-of date, a few referrals
/// on each day: mostly short of the minimum, so mostly an expected date.
fn arb_steady_running() -> impl Strategy<Value = Deployment> {
    let level = prop::sample::select(ServiceRiskLevel::ALL.to_vec());
    (level, 1u64..=30).prop_flat_map(|(level, live_days)| {
        prop::collection::vec(0u32..4, live_days as usize).prop_map(move |per_day| {
            let g = minus(steady_as_of(), live_days - 1);
            let mut b = Build::new(level).provider("p", Some(g));
            for (i, n) in per_day.into_iter().enumerate() {
                b = b.referrals("p", plus(g, i as u64), n);
            }
            b.done()
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn prop_adding_a_volumetric_row_never_lowers_the_counted_referrals(
        d in arb_deployment(),
        as_of in arb_as_of(),
        (p, day, referrals, responses) in (0usize..3, 0u64..100, 0u32..30, 0u32..30),
    ) {
        let before = assess(&d, as_of).referrals.counted;
        let mut more = d.clone();
        let provider_id = more.providers[p % more.providers.len()].id.clone();
        more.volumetrics.push(DailyVolume {
            id: "extra".into(),
            updated_at: at(1_000_000),
            provider_id,
            date: plus(base(), day),
            referrals,
            responses,
        });
        let after = assess(&more, as_of).referrals.counted;
        prop_assert!(after >= before, "{before} counted became {after}");
    }

    #[test]
    fn prop_later_as_of_never_shortens_a_clock_without_an_attributable_incident_in_between(
        d in arb_deployment(),
        earlier in arb_as_of(),
        gap in 0u64..60,
    ) {
        let later = plus(earlier, gap);
        let (e, l) = (assess(&d, earlier), assess(&d, later));
        for (pe, pl) in e.providers.iter().zip(&l.providers) {
            let reset = d.incidents.iter().any(|i| {
                i.provider_id == pe.provider_id && i.attributed_to_bars && i.date > earlier && i.date <= later
            });
            if !reset {
                prop_assert!(
                    pl.verification.days >= pe.verification.days,
                    "{}: {} days on {earlier}, {} on {later}", pe.provider_id, pe.verification.days, pl.verification.days
                );
            }
        }
    }

    #[test]
    fn prop_counted_never_exceeds_the_referrals_of_rows_on_or_before_as_of(
        d in arb_deployment(),
        as_of in arb_as_of(),
    ) {
        let rows: u32 = d.volumetrics.iter().filter(|v| v.date <= as_of).map(|v| v.referrals).sum();
        let r = assess(&d, as_of).referrals;
        prop_assert!(r.counted <= rows, "{} counted of {rows} recorded", r.counted);
        prop_assert!(r.counted + r.not_live <= rows);
    }

    #[test]
    fn prop_referrals_met_exactly_when_counted_reaches_required(
        d in arb_deployment(),
        as_of in arb_as_of(),
    ) {
        let r = assess(&d, as_of);
        prop_assert_eq!(r.referrals.met, r.referrals.counted >= r.referrals.required);
        prop_assert_eq!(r.referrals.required, d.criteria().min_referrals);
        prop_assert_eq!(matches!(r.referrals.projection, Projection::Reached(_)), r.referrals.met);
        for p in &r.providers {
            prop_assert_eq!(p.referrals_met, r.referrals.met);
        }
    }

    #[test]
    fn prop_projected_referral_date_is_the_first_day_the_recent_rate_reaches_the_minimum(
        d in arb_deployment(),
        as_of in arb_as_of(),
    ) {
        check_projection(&assess(&d, as_of).referrals, as_of)?;
    }

    #[test]
    fn prop_projected_referral_date_is_exact_for_steady_single_provider_running(
        d in arb_steady_running(),
    ) {
        let r = assess(&d, steady_as_of()).referrals;
        check_projection(&r, steady_as_of())?;
    }

    #[test]
    fn prop_reached_referral_date_is_the_first_day_the_live_count_crosses_the_minimum(
        d in arb_deployment(),
        as_of in arb_as_of(),
    ) {
        let r = assess(&d, as_of).referrals;
        if let Projection::Reached(when) = r.projection {
            let live_up_to = |day: NaiveDate| -> u32 {
                d.volumetrics
                    .iter()
                    .filter(|v| v.date <= day)
                    .filter(|v| d.provider(&v.provider_id).and_then(|p| p.go_live).is_some_and(|g| v.date >= g))
                    .map(|v| if d.has_responses { v.responses.min(v.referrals) } else { v.referrals })
                    .sum()
            };
            prop_assert!(when <= as_of);
            prop_assert!(live_up_to(when) >= r.required);
            prop_assert!(live_up_to(minus(when, 1)) < r.required);
        }
    }
}

// ---------------------------------------------------------------- merged duplicates

/// Two organisations may each record the same milestone; the earliest one on or
/// before the as-of date decides, whatever order the records are held in.
#[test]
fn guidance_recorded_twice_counts_from_the_earliest_record() {
    use bars_domain::records::{Milestone, MilestoneKind};
    let mut d = readiness_fixture_for_duplicates();
    let at = chrono::DateTime::<chrono::Utc>::from_timestamp(0, 0).unwrap();
    for (id, date) in [("late", "2026-05-01"), ("early", "2026-03-01")] {
        d.milestones.push(Milestone {
            id: id.into(),
            updated_at: at,
            provider_id: "p".into(),
            kind: MilestoneKind::GuidanceReviewed,
            date: chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(),
            recorded_by: "X".into(),
        });
    }
    let as_of = chrono::NaiveDate::parse_from_str("2026-04-01", "%Y-%m-%d").unwrap();
    let r = bars_domain::readiness::assess(&d, as_of);
    assert!(r.providers[0].guidance.met);
    assert_eq!(r.providers[0].guidance.reviewed_on.map(|d| d.to_string()).as_deref(), Some("2026-03-01"));
}

fn readiness_fixture_for_duplicates() -> bars_domain::Deployment {
    use bars_domain::records::{Provider, ProviderRole};
    let at = chrono::DateTime::<chrono::Utc>::from_timestamp(0, 0).unwrap();
    let fields = bars_domain::DeploymentFields {
        name: "D".into(),
        application: bars_domain::ApplicationChoice::Preset { number: 7 },
        risk_level: bars_domain::ServiceRiskLevel::Low,
    };
    let mut d = bars_domain::Deployment::new("d".into(), fields, at);
    d.providers.push(Provider { id: "p".into(), updated_at: at, name: "P".into(), ods_code: "ABC".into(), role: ProviderRole::Both, supplier: "S".into(), go_live: None });
    d
}

#[test]
fn describe_past_the_minimum_says_what_was_needed() {
    use bars_domain::readiness::{describe, Projection, VerificationProgress};
    let v = VerificationProgress { met: true, days: 44, required: 28, clock_start: None, restarts: vec![], projection: Projection::Blocked(String::new()) };
    assert_eq!(describe::days(&v), "44 days (28 needed)");
    let exactly = VerificationProgress { days: 28, ..v };
    assert_eq!(describe::days(&exactly), "28 of 28 days");
}

// ---------------------------------------------------------------------------
// Words for a provider that has not gone live, and for undated criteria
// ---------------------------------------------------------------------------

#[test]
fn clock_without_go_live_says_it_has_not_started_and_why_unlike_one_live_since_today() {
    let a = as_of();
    let r = Build::medium().provider("none", None).provider("today", Some(a)).provider("soon", Some(plus(a, 3))).assess(a);
    assert_eq!(describe::clock(provider(&r, "none")), "Not started: no go-live date recorded");
    assert_eq!(describe::clock(provider(&r, "today")), "0 of 28 days");
    assert_eq!(describe::clock(provider(&r, "soon")), format!("Not started: goes live on {}", describe::date(plus(a, 3))));
}

#[test]
fn exit_without_go_live_names_the_missing_go_live_and_the_open_checks_not_the_referral_rate() {
    let a = as_of();
    let r = Build::medium().provider("none", None).milestone("none", MilestoneKind::PRE_LIVE[0], minus(a, 1)).assess(a);
    // No provider is live, so the referral projection is blocked too; the provider's own reason wins.
    assert!(matches!(r.referrals.projection, Projection::Blocked(_)));
    let exit = describe::provider_exit(provider(&r, "none"));
    assert!(exit.starts_with("No exit date can be projected: No go-live date has been recorded, and 7 pre-live checks are still open: "), "{exit}");
    assert!(exit.contains(MilestoneKind::PRE_LIVE[1].label()) && !exit.contains(MilestoneKind::PRE_LIVE[0].label()), "{exit}");
    assert!(!exit.contains("referral"), "{exit}");
}

#[test]
fn deployment_exit_says_a_date_is_only_the_soonest_while_undated_criteria_are_unmet() {
    // Dated criteria on course, but UAT failing and guidance not reviewed.
    let r = one_provider(false, true, false, false);
    let exit = describe::deployment_exit(&r);
    assert!(exit.starts_with("Earliest exit from beta: ") && exit.contains("at the soonest"), "{exit}");
    assert!(exit.ends_with("It also needs every workflow in the UAT test plan to pass and the supporting guidance to be reviewed, which no date can be projected for."), "{exit}");
    // With those met, the date stands alone.
    let r = one_provider(true, true, false, true);
    let exit = describe::deployment_exit(&r);
    assert!(exit.starts_with("Earliest exit from beta: ") && !exit.contains("soonest"), "{exit}");
}
