//! Where a provider is: the stage function over its records and decisions,
//! with every loop the issue names, the order guard, business change, the
//! deployment's stages after beta and the timeline.

use bars_domain::deployment::{Deployment, DeploymentFields};
use bars_domain::forms::{BusinessChangeDraft, DecisionDraft, MilestoneDraft, ProviderDraft};
use bars_domain::presets::ApplicationChoice;
use bars_domain::records::{
    Activity, ActivityStatus, BusinessChange, ChangeNeeded, Contact, Decision, DecisionKind, DecisionOutcome, Milestone, MilestoneKind,
    Outcome, Party, Provider, ProviderRole, TestResult, Workflow,
};
use bars_domain::risk::ServiceRiskLevel;
use bars_domain::stages::{deployment_stages, provider_stages, timeline, EventKind, Stage, StageStatus, UpliftStatus};
use bars_domain::validation::message_for;
use chrono::{DateTime, NaiveDate, Utc};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn at(secs: i64) -> DateTime<Utc> {
    DateTime::<Utc>::from_timestamp(1_700_000_000 + secs, 0).unwrap()
}

struct B {
    d: Deployment,
    n: i64,
}

impl B {
    fn new() -> Self {
        let fields = DeploymentFields { name: "T".into(), application: ApplicationChoice::Preset { number: 4 }, risk_level: ServiceRiskLevel::Medium };
        let mut d = Deployment::new("d".into(), fields, at(0));
        d.providers.push(Provider {
            id: "p".into(), updated_at: at(0), name: "Leeds".into(), ods_code: "RR8".into(), role: ProviderRole::Both, supplier: "Cleric".into(), go_live: None,
        });
        for w in ["w1", "w2"] {
            d.workflows.push(Workflow::new(w.into(), at(0), "p".into(), format!("Workflow {w}")));
        }
        B { d, n: 0 }
    }
    fn tick(&mut self) -> (String, DateTime<Utc>) {
        self.n += 1;
        (format!("r{}", self.n), at(self.n))
    }
    fn result(mut self, w: &str, on: NaiveDate, outcome: Outcome) -> Self {
        let (id, t) = self.tick();
        let root_cause = (outcome == Outcome::Fail).then_some(bars_domain::records::RootCause::SupplierSolution);
        self.d.test_results.push(TestResult { id, updated_at: t, workflow_id: w.into(), date: on, outcome, note: String::new(), root_cause });
        self
    }
    fn uat_passed(self, on: NaiveDate) -> Self {
        self.result("w1", on, Outcome::Pass).result("w2", on, Outcome::Pass)
    }
    fn gate(mut self, kind: MilestoneKind, on: NaiveDate) -> Self {
        let (id, t) = self.tick();
        self.d.milestones.push(Milestone { id, updated_at: t, provider_id: "p".into(), kind, date: on, recorded_by: "A".into() });
        self
    }
    fn decide(mut self, kind: DecisionKind, on: NaiveDate, yes: bool, back_to: Stage) -> Self {
        let (id, t) = self.tick();
        self.d.decisions.push(Decision {
            id, updated_at: t, provider_id: "p".into(), kind, date: on,
            outcome: if yes { DecisionOutcome::Yes } else { DecisionOutcome::No },
            decided_by: "Panel".into(), parties: vec![Party::Provider, Party::Supplier],
            reasons: if yes { "Ready".into() } else { "Referrals time out".into() },
            must_change: if yes { vec![] } else { vec![ChangeNeeded::SupplierSystem] },
            returns_to: (!yes).then_some(back_to),
            issue_ids: vec![],
        });
        self
    }
    fn yes(self, kind: DecisionKind, on: NaiveDate) -> Self {
        self.decide(kind, on, true, Stage::PrivateBeta)
    }
    fn no(self, kind: DecisionKind, on: NaiveDate, back_to: Stage) -> Self {
        self.decide(kind, on, false, back_to)
    }
    fn go_live(mut self, on: NaiveDate) -> Self {
        self.d.providers[0].go_live = Some(on);
        self
    }
    /// Everything up to and including the smoke test, in March.
    fn to_smoke_test(self) -> Self {
        self.gate(MilestoneKind::UatEnvironmentReady, day(3, 1))
            .uat_passed(day(3, 5))
            .gate(MilestoneKind::ClinicalSignOff, day(3, 6))
            .yes(DecisionKind::MoveToPublicBeta, day(3, 7))
            .gate(MilestoneKind::ProductionEnvironmentReady, day(3, 9))
            .gate(MilestoneKind::TechnicalConformanceCertificate, day(3, 9))
            .gate(MilestoneKind::EndpointsCatalogued, day(3, 9))
            .gate(MilestoneKind::UsersTrained, day(3, 10))
            .gate(MilestoneKind::SmokeTestPassed, day(3, 11))
            .gate(MilestoneKind::Dcb0160, day(3, 11))
            .gate(MilestoneKind::Dcb0129, day(3, 11))
    }
    /// After the smoke test and before the go: production again, smoke test again.
    fn redo_production(self, from: u32) -> Self {
        self.gate(MilestoneKind::ProductionEnvironmentReady, day(4, from)).gate(MilestoneKind::SmokeTestPassed, day(4, from + 1))
    }
    fn stages(&self, as_of: NaiveDate) -> bars_domain::stages::ProviderStages {
        provider_stages(&self.d, "p", as_of)
    }
}

fn status(s: &bars_domain::stages::ProviderStages, stage: Stage) -> StageStatus {
    s.stage(stage).status
}

#[test]
fn a_new_provider_starts_at_the_uat_environment_and_later_stages_cannot_start() {
    let s = B::new().stages(day(3, 1));
    assert_eq!(s.current, Some(Stage::UatEnvironment));
    assert_eq!(status(&s, Stage::UatEnvironment), StageStatus::NotStarted);
    assert_eq!(status(&s, Stage::PrivateBeta), StageStatus::CannotStartYet);
    assert_eq!(status(&s, Stage::BetaExitReport), StageStatus::CannotStartYet);
    assert_eq!(status(&s, Stage::BusinessChange), StageStatus::CannotStartYet, "it needs view access to the supplier's solution");
    assert_eq!(s.waits_on, ["UAT environment deployed and configured"]);
    assert!(s.blocked_by.is_empty() && s.out_of_order.is_empty());
    assert_eq!(s.stages.len(), Stage::ALL.len());
}

#[test]
fn the_stages_follow_the_records_to_the_go_and_into_public_beta() {
    let b = B::new().to_smoke_test();
    let s = b.stages(day(3, 11));
    assert_eq!(s.current, Some(Stage::GoNoGo));
    assert_eq!(s.waits_on, ["\u{201c}Go\u{201d} recorded at the go / no-go decision"]);
    assert_eq!(status(&s, Stage::GoNoGo), StageStatus::InProgress, "DCB0160 and DCB0129 are recorded under it");
    assert_eq!(s.stage(Stage::PrivateBeta).completed_on, Some(day(3, 5)));
    assert_eq!(s.stage(Stage::ProductionEnvironment).started_on, Some(day(3, 9)));
    let b = b.yes(DecisionKind::GoNoGo, day(3, 12)).go_live(day(3, 14));
    let s = b.stages(day(3, 13));
    assert_eq!(s.current, Some(Stage::PublicBeta));
    assert_eq!(status(&s, Stage::PublicBeta), StageStatus::NotStarted, "go-live is after the as-of date");
    assert_eq!(status(&s, Stage::AcceptanceDecision), StageStatus::CannotStartYet);
    let s = b.stages(day(3, 20));
    assert_eq!(status(&s, Stage::PublicBeta), StageStatus::InProgress);
    assert_eq!(status(&s, Stage::AcceptanceDecision), StageStatus::NotStarted, "it can be taken during public beta");
    let s = b.yes(DecisionKind::AcceptanceMet, day(5, 1)).gate(MilestoneKind::BetaExitReport, day(5, 10)).stages(day(5, 10));
    assert_eq!(s.current, None);
    assert_eq!(s.where_now(), Stage::BetaExitReport);
    assert!(Stage::ALL.iter().filter(|st| **st != Stage::BusinessChange).all(|st| status(&s, *st) == StageStatus::Completed));
}

#[test]
fn a_no_go_after_the_smoke_test_loops_back_and_a_later_go_follows_the_same_path() {
    let b = B::new().to_smoke_test().no(DecisionKind::GoNoGo, day(3, 12), Stage::PrivateBeta);
    let s = b.stages(day(3, 12));
    assert_eq!(s.current, Some(Stage::PrivateBeta), "back to UAT");
    assert_eq!(status(&s, Stage::UatEnvironment), StageStatus::Completed, "before the stage it returns to: kept");
    assert_eq!(status(&s, Stage::PrivateBeta), StageStatus::NotStarted, "the test plan must pass again");
    assert_eq!(status(&s, Stage::ProductionEnvironment), StageStatus::InProgress, "the certificate and catalogue entries still count");
    assert_eq!(s.stage(Stage::ProductionEnvironment).needs, ["Production environment deployed and configured"]);
    assert_eq!(status(&s, Stage::UsersTrained), StageStatus::Completed, "training is not redone");
    assert_eq!(status(&s, Stage::TechnicalGoLive), StageStatus::CannotStartYet, "the smoke test is redone");
    assert_eq!(s.gate(MilestoneKind::GoDecision), None);
    assert!(s.out_of_order.is_empty(), "training kept from before the no-go is not out of order: {:?}", s.out_of_order);
    assert_eq!(s.blocked_by.len(), 1);
    assert!(s.blocked_by[0].contains("No-go") && s.blocked_by[0].contains("12 March 2026"), "{:?}", s.blocked_by);
    assert!(s.blocked_by[0].contains("the supplier's system") && s.blocked_by[0].contains("Private beta (UAT)"), "{:?}", s.blocked_by);
    // The same path again: UAT, sign-off, the decision to move, production, the smoke test, the go.
    let b = b.result("w1", day(4, 1), Outcome::Pass);
    assert_eq!(status(&b.stages(day(4, 1)), Stage::PrivateBeta), StageStatus::InProgress);
    let b = b.result("w2", day(4, 2), Outcome::Pass);
    assert_eq!(b.stages(day(4, 2)).current, Some(Stage::PublicBetaDecision));
    let b = b.gate(MilestoneKind::ClinicalSignOff, day(4, 3)).yes(DecisionKind::MoveToPublicBeta, day(4, 3)).redo_production(4);
    let s = b.stages(day(4, 5));
    assert_eq!(s.current, Some(Stage::GoNoGo));
    let s = b.yes(DecisionKind::GoNoGo, day(4, 6)).stages(day(4, 6));
    assert_eq!(s.current, Some(Stage::PublicBeta));
    assert_eq!(s.gate(MilestoneKind::GoDecision), Some(day(4, 6)));
    assert!(s.blocked_by.is_empty(), "a go follows the no-go");
    assert_eq!(s.decisions.len(), 4, "every decision stays in the history");
}

#[test]
fn not_yet_at_the_acceptance_decision_keeps_the_provider_in_public_beta() {
    let b = B::new().to_smoke_test().yes(DecisionKind::GoNoGo, day(3, 12)).go_live(day(3, 14));
    let b = b.no(DecisionKind::AcceptanceMet, day(4, 20), Stage::PublicBeta);
    let s = b.stages(day(4, 21));
    assert_eq!(s.current, Some(Stage::PublicBeta));
    assert_eq!(status(&s, Stage::PublicBeta), StageStatus::InProgress, "go-live still stands");
    assert_eq!(status(&s, Stage::AcceptanceDecision), StageStatus::NotStarted, "it can be taken again");
    assert_eq!(status(&s, Stage::GoNoGo), StageStatus::Completed, "nothing before public beta is undone");
    assert!(s.blocked_by[0].starts_with("\u{201c}Not yet\u{201d} at \u{201c}Acceptance criteria met?\u{201d}"), "{:?}", s.blocked_by);
    let s = b.yes(DecisionKind::AcceptanceMet, day(5, 20)).stages(day(5, 20));
    assert_eq!(s.current, Some(Stage::BetaExitReport));
    assert_eq!(s.stage(Stage::AcceptanceDecision).completed_on, Some(day(5, 20)));
}

#[test]
fn two_noes_in_a_row_each_loop_back_and_the_later_one_decides() {
    let b = B::new()
        .to_smoke_test()
        .no(DecisionKind::GoNoGo, day(3, 12), Stage::PrivateBeta)
        .uat_passed(day(3, 20))
        .gate(MilestoneKind::ClinicalSignOff, day(3, 21))
        .yes(DecisionKind::MoveToPublicBeta, day(3, 21))
        .redo_production(1)
        // The second no sends it back only as far as production.
        .no(DecisionKind::GoNoGo, day(4, 5), Stage::ProductionEnvironment);
    let s = b.stages(day(4, 5));
    assert_eq!(s.current, Some(Stage::ProductionEnvironment));
    assert_eq!(status(&s, Stage::PrivateBeta), StageStatus::Completed, "the retest after the first no stands");
    assert_eq!(s.stage(Stage::PrivateBeta).completed_on, Some(day(3, 20)));
    assert_eq!(status(&s, Stage::PublicBetaDecision), StageStatus::Completed);
    assert_eq!(s.blocked_by.len(), 1, "only the latest no of the decision is what blocks");
    assert!(s.blocked_by[0].contains("5 April 2026"), "{:?}", s.blocked_by);
    // Between the two, the first no alone decided.
    assert_eq!(b.stages(day(3, 13)).current, Some(Stage::PrivateBeta));
    assert_eq!(b.stages(day(4, 4)).current, Some(Stage::GoNoGo));
}

#[test]
fn a_decision_dated_after_the_as_of_date_is_ignored() {
    let b = B::new().to_smoke_test().no(DecisionKind::GoNoGo, day(3, 20), Stage::PrivateBeta);
    let before = b.stages(day(3, 19));
    assert_eq!(before.current, Some(Stage::GoNoGo));
    assert!(before.blocked_by.is_empty() && before.decisions.len() == 1, "only the move to public beta is on or before");
    assert_eq!(b.stages(day(3, 20)).current, Some(Stage::PrivateBeta));
    let b = B::new().to_smoke_test().yes(DecisionKind::GoNoGo, day(3, 20));
    assert_eq!(b.stages(day(3, 19)).gate(MilestoneKind::GoDecision), None);
}

#[test]
fn gates_recorded_out_of_order_complete_their_stage_and_are_noted() {
    // The smoke test and the go are recorded while production is not.
    let b = B::new()
        .gate(MilestoneKind::UatEnvironmentReady, day(3, 1))
        .uat_passed(day(3, 2))
        .gate(MilestoneKind::SmokeTestPassed, day(3, 3))
        .gate(MilestoneKind::ClinicalSignOff, day(3, 4))
        .yes(DecisionKind::MoveToPublicBeta, day(3, 4));
    let s = b.stages(day(3, 5));
    // The provider is as far as its furthest stage; the stages it skipped are gaps, listed.
    assert_eq!(s.current, Some(Stage::GoNoGo));
    assert_eq!(status(&s, Stage::TechnicalGoLive), StageStatus::Completed);
    assert_eq!(status(&s, Stage::ProductionEnvironment), StageStatus::NotStarted, "a gap can be recorded now");
    assert_eq!(status(&s, Stage::UsersTrained), StageStatus::NotStarted);
    assert_eq!(status(&s, Stage::PublicBeta), StageStatus::CannotStartYet, "after the current stage nothing can start");
    assert_eq!(
        s.out_of_order,
        [
            "\u{201c}Production deployed and configured\u{201d} is not completed, though later stages are",
            "\u{201c}Users trained\u{201d} is not completed, though later stages are"
        ]
    );
    // A format 2 file: the go and go-live recorded, the environments never (they were not kept then).
    let legacy = B::new()
        .uat_passed(day(3, 2))
        .gate(MilestoneKind::ClinicalSignOff, day(3, 3))
        .gate(MilestoneKind::UsersTrained, day(3, 4))
        .gate(MilestoneKind::SmokeTestPassed, day(3, 5))
        .gate(MilestoneKind::Dcb0160, day(3, 5))
        .gate(MilestoneKind::Dcb0129, day(3, 5))
        .yes(DecisionKind::GoNoGo, day(3, 6))
        .go_live(day(3, 8));
    let s = legacy.stages(day(4, 1));
    assert_eq!(s.current, Some(Stage::PublicBeta), "live in public beta, not stuck at the UAT environment");
    assert_eq!(status(&s, Stage::AcceptanceDecision), StageStatus::NotStarted);
    assert_eq!(s.out_of_order.len(), 3, "the UAT environment, the move to public beta and production: {:?}", s.out_of_order);
    // Recorded in any order, the stages read the same once all are there.
    let c = B::new()
        .gate(MilestoneKind::Dcb0129, day(3, 11))
        .gate(MilestoneKind::SmokeTestPassed, day(3, 11))
        .gate(MilestoneKind::UsersTrained, day(3, 10))
        .uat_passed(day(3, 5))
        .gate(MilestoneKind::EndpointsCatalogued, day(3, 9))
        .gate(MilestoneKind::UatEnvironmentReady, day(3, 1))
        .gate(MilestoneKind::Dcb0160, day(3, 11))
        .yes(DecisionKind::MoveToPublicBeta, day(3, 7))
        .gate(MilestoneKind::TechnicalConformanceCertificate, day(3, 9))
        .gate(MilestoneKind::ClinicalSignOff, day(3, 6))
        .gate(MilestoneKind::ProductionEnvironmentReady, day(3, 9));
    let (x, y) = (c.stages(day(3, 11)), B::new().to_smoke_test().stages(day(3, 11)));
    assert_eq!((x.current, x.stages, x.out_of_order), (y.current, y.stages, y.out_of_order));
}

#[test]
fn a_failing_workflow_blocks_and_the_order_guard_refuses_production_work_and_go_live() {
    let b = B::new().gate(MilestoneKind::UatEnvironmentReady, day(3, 1)).result("w1", day(3, 2), Outcome::Pass).result("w2", day(3, 3), Outcome::Fail);
    let s = b.stages(day(3, 4));
    assert_eq!(s.current, Some(Stage::PrivateBeta));
    assert_eq!(s.waits_on, ["Every workflow in the test plan to pass in UAT (1 of 2 passed)"]);
    assert_eq!(s.blocked_by, ["Latest UAT result a fail: \u{201c}Workflow w2\u{201d} failed on 3 March 2026"]);

    let d = &b.d;
    let why = "while a UAT workflow's latest result is a fail (\u{201c}Workflow w2\u{201d} failed on 3 March 2026): every workflow in the test plan must pass in UAT before production work and go-live";
    let milestone = MilestoneDraft { date: "2026-03-04".into(), recorded_by: "A".into() };
    let errors = milestone.record(d, "p", "production_environment_ready", day(3, 4), "x".into(), at(99)).unwrap_err();
    assert_eq!(message_for(&errors, "kind").unwrap(), format!("\u{201c}Production environment deployed and configured\u{201d} cannot be recorded {why}"));
    assert!(milestone.record(d, "p", "smoke_test_passed", day(3, 4), "x".into(), at(99)).is_err());
    assert!(milestone.record(d, "p", "dcb0160", day(3, 4), "x".into(), at(99)).is_ok(), "documents are not production work");

    let go = DecisionDraft {
        kind: "go_no_go".into(), date: "2026-03-04".into(), outcome: "yes".into(), decided_by: "Panel".into(),
        parties: vec!["provider".into()], reasons: "Ready".into(), ..Default::default()
    };
    let errors = go.record(d, "p", day(3, 4), "x".into(), at(99)).unwrap_err();
    assert_eq!(message_for(&errors, "outcome").unwrap(), format!("A \u{201c}Go\u{201d} to \u{201c}Go / no-go\u{201d} cannot be recorded {why}"));
    let mut draft = ProviderDraft::from_provider(&d.providers[0]);
    draft.go_live = "2026-03-04".into();
    let errors = draft.validate(d, Some("p")).unwrap_err();
    assert_eq!(message_for(&errors, "go_live").unwrap(), format!("A business go-live cannot be recorded {why}"));

    // The guard reads the latest result on or before the date being recorded: once w2 passes, all may be recorded.
    let b = b.result("w2", day(3, 5), Outcome::Pass);
    assert!(milestone.record(&b.d, "p", "production_environment_ready", day(3, 5), "x".into(), at(99)).is_err(), "dated 4 March, w2 still failed");
    let later = MilestoneDraft { date: "2026-03-05".into(), ..milestone };
    assert!(later.record(&b.d, "p", "production_environment_ready", day(3, 5), "x".into(), at(99)).is_ok());
    assert!(DecisionDraft { date: "2026-03-05".into(), ..go }.record(&b.d, "p", day(3, 5), "x".into(), at(99)).is_ok());
}

#[test]
fn the_decision_form_needs_reasons_and_for_a_no_what_must_change_and_where_it_goes_back() {
    let d = B::new().d;
    let errors = DecisionDraft::default().record(&d, "p", day(3, 4), "x".into(), at(1)).unwrap_err();
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["kind", "date", "outcome", "decided_by", "parties", "reasons"]);
    let no = DecisionDraft {
        kind: "go_no_go".into(), date: "2026-03-04".into(), outcome: "no".into(), decided_by: "Dr A Khan, S Patel".into(),
        parties: vec!["supplier".into(), "bars_team".into()], reasons: "Timeouts".into(), ..Default::default()
    };
    let errors = no.record(&d, "p", day(3, 4), "x".into(), at(1)).unwrap_err();
    assert_eq!(message_for(&errors, "must_change"), Some("Select what must change before the decision is taken again"));
    assert_eq!(message_for(&errors, "returns_to"), Some("Select the stage the provider goes back to"));
    let after = DecisionDraft { must_change: vec!["standard".into()], returns_to: "public_beta".into(), ..no.clone() };
    assert!(message_for(&after.record(&d, "p", day(3, 4), "x".into(), at(1)).unwrap_err(), "returns_to").is_some(), "not a stage before go / no-go");
    let ok = DecisionDraft { must_change: vec!["standard".into(), "supplier_system".into()], returns_to: "private_beta".into(), ..no.clone() };
    let x = ok.record(&d, "p", day(3, 4), "x".into(), at(1)).unwrap();
    assert_eq!(x.must_change, [ChangeNeeded::SupplierSystem, ChangeNeeded::Standard], "in the guide's order");
    assert_eq!((x.returns_to, x.parties.as_slice()), (Some(Stage::PrivateBeta), &[Party::Supplier, Party::BarsTeam][..]));
    assert_eq!(x.outcome_label(), "No-go");
    let future = DecisionDraft { date: "2026-03-05".into(), ..ok.clone() };
    assert!(message_for(&future.record(&d, "p", day(3, 4), "x".into(), at(1)).unwrap_err(), "date").is_some());
    // A yes keeps no return stage or changes, whatever the hidden fields hold.
    let yes = DecisionDraft { kind: "acceptance_met".into(), outcome: "yes".into(), ..ok };
    let x = yes.record(&d, "p", day(3, 4), "x".into(), at(1)).unwrap();
    assert_eq!((x.returns_to, x.must_change.len(), x.outcome_label()), (None, 0, "Yes"));
    assert_eq!(DecisionKind::AcceptanceMet.outcome_label(DecisionOutcome::No), "Not yet");
    assert_eq!(DecisionKind::MoveToPublicBeta.return_stages().collect::<Vec<_>>(), [Stage::UatEnvironment, Stage::PrivateBeta]);
}

fn contact(id: &str) -> Contact {
    Contact {
        id: id.into(), updated_at: at(0), party: Party::Provider, provider_id: Some("p".into()), organisation: "Leeds".into(),
        role: "Operational lead".into(), name: "Jo Evans".into(), email: "jo@nhs.net".into(),
    }
}

#[test]
fn business_change_needs_view_access_and_every_activity_completed() {
    let mut b = B::new();
    b.d.contacts.push(contact("c1"));
    let draft = BusinessChangeDraft { status: "in_progress".into(), owner: "c1".into(), target_date: "2026-04-30".into(), ..Default::default() };
    let rec = draft.record(&b.d, "p", Activity::Reporting, day(3, 1), "fresh".into(), at(1)).unwrap();
    assert_eq!(rec.id, "bc-reporting-p", "one id per provider and activity, on every copy");
    assert_eq!((rec.owner_id.as_deref(), rec.target_date, rec.completed_on), (Some("c1"), Some(day(4, 30)), None));
    b.d.business_change.push(rec);
    let s = b.stages(day(3, 1));
    assert_eq!(status(&s, Stage::BusinessChange), StageStatus::InProgress);
    assert_eq!(
        s.stage(Stage::BusinessChange).needs,
        ["Provider has view access to the supplier's solution", "Every business change activity completed (0 of 6)"]
    );
    assert_eq!(s.current, Some(Stage::UatEnvironment), "business change runs alongside, never the current stage");

    // Completing needs the day it was done; a later edit keeps the record's id.
    let done = BusinessChangeDraft { status: "completed".into(), ..draft.clone() };
    let errors = done.record(&b.d, "p", Activity::Reporting, day(3, 1), "x".into(), at(2)).unwrap_err();
    assert_eq!(message_for(&errors, "completed_on"), Some("Enter the date it was completed"));
    let unknown = BusinessChangeDraft { owner: "c9".into(), ..draft };
    assert_eq!(message_for(&unknown.record(&b.d, "p", Activity::Reporting, day(3, 1), "x".into(), at(2)).unwrap_err(), "owner"), Some("Select the owner from the deployment's contacts"));

    let mut b = b.gate(MilestoneKind::ViewAccess, day(2, 1));
    for (i, activity) in Activity::ALL.into_iter().enumerate() {
        let done = BusinessChangeDraft { status: "completed".into(), completed_on: format!("2026-03-{:02}", i + 1), ..Default::default() };
        let rec = done.record(&b.d, "p", activity, day(3, 10), "x".into(), at(3)).unwrap();
        bars_domain::Deployment::upsert(&mut b.d.business_change, rec);
    }
    assert_eq!(b.d.business_change.len(), Activity::ALL.len(), "the reporting record was replaced, not repeated");
    let s = b.stages(day(3, 6));
    assert_eq!(status(&s, Stage::BusinessChange), StageStatus::Completed);
    assert_eq!(s.stage(Stage::BusinessChange).completed_on, Some(day(3, 6)));
    assert_eq!(status(&b.stages(day(3, 5)), Stage::BusinessChange), StageStatus::InProgress, "one completed after the as-of date");
    assert_eq!(status(&B::new().gate(MilestoneKind::ViewAccess, day(2, 1)).stages(day(3, 1)), Stage::BusinessChange), StageStatus::NotStarted);
    let completed = b.d.business_change.iter().filter(|x| x.status == ActivityStatus::Completed).count();
    assert_eq!(completed, 6);
}

#[test]
fn the_deployment_after_beta_shows_each_suppliers_uplift_against_the_deadline() {
    let mut b = B::new();
    for (id, supplier) in [("q", " cleric "), ("r", "TPP")] {
        b.d.providers.push(Provider {
            id: id.into(), updated_at: at(0), name: id.into(), ods_code: format!("R{id}1"), role: ProviderRole::Both, supplier: supplier.into(), go_live: None,
        });
    }
    let s = deployment_stages(&b.d, day(6, 1));
    assert_eq!(s.suppliers.iter().map(|x| (x.supplier.as_str(), x.providers)).collect::<Vec<_>>(), [("Cleric", 2), ("TPP", 1)]);
    assert!(s.suppliers.iter().all(|x| x.status == UpliftStatus::NotDue));
    b.d.standard_updated = Some(day(5, 1));
    b.d.stable_published = Some(day(6, 1));
    assert_eq!(deployment_stages(&b.d, day(5, 31)).stable_published, None, "published after the as-of date");
    let s = deployment_stages(&b.d, day(8, 1));
    assert_eq!((s.standard_updated, s.uplift_deadline), (Some(day(5, 1)), Some(day(9, 1))));
    assert_eq!(s.suppliers[0].status, UpliftStatus::Due { deadline: day(9, 1), days_left: 31 });
    let b = b.gate(MilestoneKind::UpliftDeployed, day(8, 20));
    let mut d = b.d.clone();
    d.milestones.push(Milestone { id: "u2".into(), updated_at: at(0), provider_id: "q".into(), kind: MilestoneKind::UpliftDeployed, date: day(9, 3), recorded_by: "A".into() });
    let s = deployment_stages(&d, day(9, 2));
    assert_eq!((s.suppliers[0].deployed, s.suppliers[0].status), (1, UpliftStatus::Due { deadline: day(9, 1), days_left: -1 }), "overdue");
    let s = deployment_stages(&d, day(9, 10));
    assert_eq!(s.suppliers[0].status, UpliftStatus::Deployed { on: day(9, 3), on_time: false });
    assert_eq!(s.suppliers[1].status, UpliftStatus::Due { deadline: day(9, 1), days_left: -9 });
}

#[test]
fn the_timeline_is_newest_first_with_both_decisions_and_their_reasons() {
    let mut b = B::new().result("w1", day(3, 2), Outcome::Fail).to_smoke_test().no(DecisionKind::GoNoGo, day(3, 12), Stage::PrivateBeta);
    b = b.uat_passed(day(3, 20)).yes(DecisionKind::GoNoGo, day(3, 25)).go_live(day(3, 26));
    b.d.incidents.push(bars_domain::records::Incident {
        id: "i".into(), updated_at: at(0), provider_id: "p".into(), date: day(3, 28), attributed_to_bars: true,
        summary: "Referral lost".into(), reported_to_service_desk: true, resolution: String::new(),
    });
    let events = timeline(&b.d, "p", day(3, 31));
    let dates: Vec<NaiveDate> = events.iter().map(|e| e.date).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted, "newest first");
    assert_eq!(events[0].kind, EventKind::Incident);
    assert_eq!(events[1].kind, EventKind::GoLive);
    assert_eq!((events[2].kind, events[2].title.as_str()), (EventKind::Decision { yes: true }, "Go / no-go: Go"));
    let no = events.iter().find(|e| e.kind == EventKind::Decision { yes: false }).unwrap();
    assert_eq!(no.title, "Go / no-go: No-go");
    assert!(no.detail.contains(&"Reasons: Referrals time out".to_owned()) && no.detail.contains(&"Back to: Private beta (UAT)".to_owned()), "{:?}", no.detail);
    assert!(events.iter().any(|e| e.kind == EventKind::Result { passed: false }));
    // On a day, the decision comes before (above) the gates and results it weighed.
    let on_11: Vec<EventKind> = events.iter().filter(|e| e.date == day(3, 7)).map(|e| e.kind).collect();
    assert_eq!(on_11, [EventKind::Decision { yes: true }]);
    assert_eq!(timeline(&b.d, "p", day(3, 11)).iter().filter(|e| matches!(e.kind, EventKind::Decision { .. })).count(), 1, "as of the 11th");
    assert!(timeline(&b.d, "nobody", day(3, 31)).is_empty());
}

#[test]
fn an_unknown_provider_has_no_stage_started_and_does_not_panic() {
    let s = provider_stages(&B::new().d, "gone", day(3, 1));
    assert_eq!(s.current, Some(Stage::UatEnvironment));
    assert!(s.stage(Stage::PrivateBeta).needs.contains(&"A test plan with at least one workflow".to_owned()));
}

#[test]
fn business_change_records_have_one_id_per_provider_and_activity() {
    assert_eq!(BusinessChange::id_for("p1", Activity::Benefits).as_deref(), Some("bc-benefits-p1"));
    assert_eq!(BusinessChange::id_for(&"x".repeat(95), Activity::Benefits), None, "too long for a file: the caller's fresh id is used");
}

#[test]
fn the_nhs_number_scan_reads_decisions_and_business_change() {
    let mut b = B::new().no(DecisionKind::GoNoGo, day(3, 12), Stage::PrivateBeta);
    b.d.decisions[0].reasons = "Patient 943 476 5919 was shown twice".into();
    let draft = BusinessChangeDraft { status: "in_progress".into(), notes: "See 9434765919".into(), ..Default::default() };
    let rec = draft.record(&b.d, "p", Activity::Benefits, day(3, 1), "x".into(), at(1)).unwrap();
    b.d.business_change.push(rec);
    let found = bars_domain::nhs_number::scan_deployments(std::slice::from_ref(&b.d));
    let places: Vec<&str> = found.iter().map(|f| f.location.as_str()).collect();
    assert_eq!(found.len(), 2, "{places:?}");
    assert!(places[0].contains("Go / no-go") && places[0].ends_with("reasons"), "{places:?}");
    assert!(places[1].contains("Benefits analysis and realisation") && places[1].ends_with("notes"), "{places:?}");
}
