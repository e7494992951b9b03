//! The example deployment ("Explore with an example"): valid as a file,
//! free of anything like an NHS number, touching every record list, and
//! giving the varied picture it promises, on any day it is loaded.

use bars_domain::example::{example_deployment, EXAMPLE_NAME};
use bars_domain::readiness::{assess, Projection};
use bars_domain::records::{Collection, DecisionKind, DecisionOutcome, EachCollection, Outcome};
use bars_domain::snapshot::{export, import, ExportMeta};
use bars_domain::stages::{provider_stages, Stage};
use bars_domain::{AppState, Deployment};
use chrono::{DateTime, Days, NaiveDate, Utc};

fn ids() -> impl FnMut() -> String {
    let mut n = 0;
    move || {
        n += 1;
        format!("ex-{n}")
    }
}

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_795_000_000, 0).unwrap()
}

fn example(today: NaiveDate) -> Deployment {
    example_deployment(today, now(), &mut ids())
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

const TODAY: (i32, u32, u32) = (2026, 11, 26);

fn today() -> NaiveDate {
    day(TODAY.0, TODAY.1, TODAY.2)
}

/// The number of records in each list, by the list's name.
fn counts(d: &Deployment) -> Vec<(&'static str, usize)> {
    struct Count<'a>(&'a Deployment, Vec<(&'static str, usize)>);
    impl EachCollection for Count<'_> {
        fn each<R: Collection>(&mut self) {
            self.1.push((R::COLLECTION, R::list(self.0).len()));
        }
    }
    let mut count = Count(d, Vec::new());
    Deployment::each_collection(&mut count);
    count.1
}

/// The checks every day's example must pass: the file rules, no NHS
/// numbers, and the picture of the four providers.
fn check_picture(today: NaiveDate) {
    let d = example(today);
    let problems = bars_domain::validate::check_deployments(std::slice::from_ref(&d), &[]);
    assert!(problems.is_empty(), "{today}: {problems:?}");
    assert_eq!(bars_domain::nhs_number::scan_deployment(&d), vec![], "{today}");

    let readiness = assess(&d, today);
    let met: Vec<bool> = readiness.providers.iter().map(|p| p.met).collect();
    assert_eq!(met, [true, false, false, false], "{today}: only Northbrook has met every criterion");
    assert!(readiness.referrals.met, "{today}: the pooled referrals are over the minimum");
    // Eastmere: live, every other criterion met, its clock restarted by the incident caused by BaRS.
    let eastmere = &readiness.providers[1];
    assert!(eastmere.uat.met && eastmere.guidance.met && !eastmere.verification.met, "{today}: {eastmere:?}");
    assert_eq!(eastmere.verification.restarts.len(), 1, "{today}");
    assert!(matches!(eastmere.earliest_exit, Projection::Expected(d) if d > today), "{today}: {:?}", eastmere.earliest_exit);
    // Harrowgate: live for about two weeks after a "no-go" and a "go".
    let harrowgate = &readiness.providers[2];
    assert!(harrowgate.uat.met && !harrowgate.verification.met, "{today}");
    // Kingsford: in UAT, a failed workflow and one not tested.
    let kingsford = &readiness.providers[3];
    assert!(!kingsford.uat.met);
    let not_passed: Vec<&str> = kingsford.uat.not_passed().map(|(w, _)| w.name.as_str()).collect();
    assert_eq!(not_passed, ["Rebook", "Re-refer"], "{today}");

    let stages: Vec<_> = d.providers.iter().map(|p| provider_stages(&d, &p.id, today)).collect();
    for s in &stages {
        assert_eq!(s.out_of_order, Vec::<String>::new(), "{today}: {}", s.provider_id);
    }
    let now: Vec<Option<Stage>> = stages.iter().map(|s| s.current).collect();
    assert_eq!(now, [None, Some(Stage::PublicBeta), Some(Stage::PublicBeta), Some(Stage::PrivateBeta)], "{today}");
    assert_eq!(stages[3].blocked_by.len(), 1, "{today}: the failed workflow blocks Kingsford");
    // Harrowgate's history: a "no-go" naming an issue, then a "go".
    let go_no_go: Vec<(DecisionOutcome, usize)> =
        stages[2].decisions.iter().filter(|x| x.kind == DecisionKind::GoNoGo).map(|x| (x.outcome, x.issue_ids.len())).collect();
    assert_eq!(go_no_go, [(DecisionOutcome::No, 1), (DecisionOutcome::Yes, 0)], "{today}");
    let no = stages[2].decisions.iter().find(|x| !x.is_yes()).unwrap();
    assert_eq!((no.returns_to, no.must_change.len()), (Some(Stage::TechnicalGoLive), 1));

    // Northbrook's exit report is complete, not a draft; Eastmere's is a draft.
    let report = bars_domain::exit_report::report(&d, &d.providers[0].id, today).unwrap();
    assert!(!report.draft, "{today}: {:?}", report.draft_notice());
    assert!(report.completion().starts_with("Completed by Gareth Linton"), "{}", report.completion());
    assert!(bars_domain::exit_report::report(&d, &d.providers[1].id, today).unwrap().draft);
}

#[test]
fn the_example_is_named_as_one_and_fills_every_list() {
    let d = example(today());
    assert_eq!(d.name, EXAMPLE_NAME);
    assert!(d.name.starts_with("Example: "));
    for (list, n) in counts(&d) {
        assert!(n > 0, "{list} is empty");
    }
    assert_eq!(d.providers.len(), 4);
    // Months of daily counts, but only counts: no list holds anything about a patient.
    assert!(d.volumetrics.len() > 300, "{}", d.volumetrics.len());
    assert!(d.incidents.iter().any(|i| i.attributed_to_bars) && d.incidents.iter().any(|i| !i.attributed_to_bars));
    assert!(d.issues.iter().any(|i| i.status.is_open()) && d.issues.iter().any(|i| !i.status.is_open()));
    assert!(d.test_results.iter().any(|r| r.outcome == Outcome::Fail));
    assert!(d.calls.iter().any(|c| !c.notes.is_empty() && !c.actions.is_empty()));
    assert!(d.decisions.iter().any(|x| x.kind == DecisionKind::AcceptanceMet && x.is_yes()));
    // Every contact is fictional, at example.org.
    assert!(d.contacts.iter().all(|c| c.email.ends_with("@example.org")), "{:?}", d.contacts);
    // Nothing dated after today but what is planned: targets, due dates, calls.
    let t = today();
    assert!(d.milestones.iter().all(|m| m.date <= t));
    assert!(d.volumetrics.iter().all(|v| v.date < t));
    assert!(d.decisions.iter().all(|x| x.date <= t));
}

#[test]
fn the_example_gives_the_intended_picture_today() {
    check_picture(today());
}

#[test]
fn the_example_gives_the_same_picture_on_any_day_of_the_year() {
    // Every day over a year and a bit, so every weekday, bank holiday and
    // month end falls somewhere in the example's dates.
    for n in 0..430 {
        check_picture(day(2026, 1, 1) + Days::new(n));
    }
}

#[test]
fn the_example_is_deterministic_for_a_day() {
    assert_eq!(example(today()), example(today()));
    let later = example(today() + Days::new(1));
    assert_ne!(example(today()), later, "dates move with today");
}

#[test]
fn the_example_round_trips_through_a_file_and_browser_storage() {
    let d = example(today());
    let meta = ExportMeta { app_version: "test".into(), exported_at: now(), exported_by: "Example".into(), note: None };
    let text = export(std::slice::from_ref(&d), &[], &meta);
    let snapshot = import(&text).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(snapshot.deployments, vec![d.clone()]);

    let state = AppState { deployments: vec![d], ..AppState::default() };
    let stored = bars_domain::state::to_stored_json(&state);
    assert_eq!(bars_domain::state::from_stored_json(&stored).unwrap(), state);
}

#[test]
fn the_example_can_be_deleted_like_any_deployment() {
    let mut state = AppState::default();
    let d = example(today());
    let id = d.id.clone();
    state.deployments.push(d);
    assert!(state.delete(&id, now()));
    assert!(state.deployments.is_empty());
    // Its records' ids are unique, so its parts can be removed one by one too.
    let d = example(today());
    let mut all_ids: Vec<String> = Vec::new();
    struct Ids<'a>(&'a Deployment, &'a mut Vec<String>);
    impl EachCollection for Ids<'_> {
        fn each<R: Collection>(&mut self) {
            self.1.extend(R::list(self.0).iter().map(|r| r.id().to_owned()));
        }
    }
    Deployment::each_collection(&mut Ids(&d, &mut all_ids));
    let n = all_ids.len();
    all_ids.sort();
    all_ids.dedup();
    assert_eq!(all_ids.len(), n);
}
