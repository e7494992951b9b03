//! The beta exit report (issue 12 item 5): drawn from the records on an
//! as-of date, a draft until every criterion is met, and its narrative form.

use bars_domain::deployment::{Deployment, DeploymentFields};
use bars_domain::exit_report::{report, SECTIONS};
use bars_domain::forms::ExitReportDraft;
use bars_domain::nhs_number::scan_deployment;
use bars_domain::records::{
    DailyVolume, ExitReport, Incident, Milestone, MilestoneKind, Outcome, Provider, ProviderRole, RootCause, TestResult, Workflow,
    NARRATIVE_MAX_CHARS,
};
use bars_domain::validation::message_for;
use bars_domain::{ApplicationChoice, ServiceRiskLevel};
use chrono::{DateTime, NaiveDate, Utc};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn at(secs: i64) -> DateTime<Utc> {
    DateTime::<Utc>::from_timestamp(1_767_000_000 + secs, 0).unwrap()
}

fn provider(id: &str, go_live: Option<NaiveDate>) -> Provider {
    Provider {
        id: id.into(),
        updated_at: at(1),
        name: format!("Provider {id}"),
        ods_code: "RX8".into(),
        role: ProviderRole::Sender,
        supplier: "Acme".into(),
        go_live,
    }
}

fn milestone(id: &str, kind: MilestoneKind, on: NaiveDate) -> Milestone {
    Milestone { id: id.into(), updated_at: at(2), provider_id: "p1".into(), kind, date: on, recorded_by: "J Smith, BaRS team".into() }
}

fn result(id: &str, workflow: &str, on: NaiveDate, outcome: Outcome, secs: i64) -> TestResult {
    let root_cause = (outcome == Outcome::Fail).then_some(RootCause::SupplierSolution);
    TestResult { id: id.into(), updated_at: at(secs), workflow_id: workflow.into(), date: on, outcome, note: format!("run {id}"), root_cause }
}

fn incident(id: &str, provider_id: &str, on: NaiveDate, attributed: bool) -> Incident {
    Incident {
        id: id.into(),
        updated_at: at(3),
        provider_id: provider_id.into(),
        date: on,
        attributed_to_bars: attributed,
        summary: format!("Incident {id}"),
        reported_to_service_desk: true,
        resolution: String::new(),
    }
}

/// A Low risk deployment (20 referrals, 14 days): p1 live on 2 February with
/// two workflows (one failed then passed), an attributable incident on 5
/// February (restart from the 6th) and one not attributable on 10 February,
/// 2 referrals a day from go-live, pre-live sign-offs in January and the
/// guidance reviewed on 25 February. p2 live on 9 February, with nothing else.
fn deployment() -> Deployment {
    let fields = DeploymentFields {
        name: "Falls lifting".into(),
        application: ApplicationChoice::Preset { number: 4 },
        risk_level: ServiceRiskLevel::Low,
    };
    let mut d = Deployment::new("dep".into(), fields, at(0));
    d.has_responses = false;
    d.providers.push(provider("p1", Some(day(2, 2))));
    d.providers.push(provider("p2", Some(day(2, 9))));
    for (id, name) in [("w1", "Validation request"), ("w2", "Cancel")] {
        d.workflows.push(Workflow { id: id.into(), updated_at: at(1), provider_id: "p1".into(), name: name.into() });
    }
    d.test_results.push(result("r1", "w1", day(1, 10), Outcome::Pass, 10));
    d.test_results.push(result("r2", "w2", day(1, 12), Outcome::Fail, 11));
    d.test_results.push(result("r3", "w2", day(1, 20), Outcome::Pass, 12));
    for (id, kind) in [("m1", MilestoneKind::ClinicalSignOff), ("m2", MilestoneKind::Dcb0160), ("m3", MilestoneKind::TechnicalConformanceCertificate)] {
        d.milestones.push(milestone(id, kind, day(1, 25)));
    }
    d.milestones.push(milestone("m9", MilestoneKind::GuidanceReviewed, day(2, 25)));
    d.incidents.push(incident("i1", "p1", day(2, 5), true));
    d.incidents.push(incident("i2", "p1", day(2, 10), false));
    d.incidents.push(incident("i3", "p2", day(2, 12), true));
    let mut date = day(2, 2);
    let mut n = 0;
    while date <= day(3, 31) {
        n += 1;
        d.volumetrics.push(DailyVolume { id: format!("v{n}"), updated_at: at(4), provider_id: "p1".into(), date, referrals: 2, responses: 2 });
        date = date.succ_opt().unwrap();
    }
    d
}

#[test]
fn an_unknown_provider_has_no_report() {
    assert!(report(&deployment(), "p404", day(3, 1)).is_none());
}

#[test]
fn the_report_is_a_draft_until_every_criterion_is_met_on_the_as_of_date() {
    let d = deployment();
    // 18 February: 17 days of live running (34 referrals: met), the clock restarted on
    // 6 February (12 of 14 days), guidance not yet reviewed.
    let early = report(&d, "p1", day(2, 18)).unwrap();
    assert!(early.draft);
    assert_eq!(early.unmet(), ["Verification period free of safety incidents", "Supporting guidance and shared best practice reviewed"]);
    let clock = &early.criteria[2];
    assert_eq!(clock.evidence, "12 of 14 days; the clock restarted once after an incident");
    assert_eq!((clock.when.as_str(), clock.date), ("Expected on 20 February 2026", Some(day(2, 20))));
    assert_eq!(early.criteria[3].evidence, "Not recorded");
    assert_eq!(early.exit, "Earliest exit: 20 February 2026 at the soonest: it also needs the supporting guidance to be reviewed");

    let later = report(&d, "p1", day(3, 1)).unwrap();
    assert!(!later.draft, "{:?}", later.unmet());
    assert!(later.unmet().is_empty());
    assert_eq!(later.draft_notice(), None);
    assert_eq!(
        early.draft_notice().unwrap(),
        "Not every acceptance criterion is met on 18 February 2026, so this report is a draft until they are. \
         Not yet met: Verification period free of safety incidents; Supporting guidance and shared best practice reviewed."
    );
    let dates: Vec<Option<NaiveDate>> = later.criteria.iter().map(|c| c.date).collect();
    // UAT met when the last workflow passed; referrals on the 10th day (20 of 20);
    // the clock 14 days after its restart; the guidance when recorded.
    assert_eq!(dates, [Some(day(1, 20)), Some(day(2, 11)), Some(day(2, 20)), Some(day(2, 25))]);
    assert_eq!(later.criteria[0].when, "Met on 20 January 2026");
    assert_eq!(later.criteria[3].evidence, "Recorded by J Smith, BaRS team");
    assert!(later.criteria[1].evidence.starts_with("56 referrals (20 needed) across all the deployment's providers"), "{}", later.criteria[1].evidence);
    assert_eq!(later.exit, "Met every acceptance criterion on 25 February 2026");
}

#[test]
fn a_failed_workflow_is_named_in_the_evidence_and_keeps_the_report_a_draft() {
    let mut d = deployment();
    d.test_results.push(result("r4", "w1", day(2, 26), Outcome::Fail, 20));
    let r = report(&d, "p1", day(3, 1)).unwrap();
    assert!(r.draft);
    assert_eq!(r.criteria[0].evidence, "1 of 2 workflows passed. Not passed: Validation request: failed on 26 February 2026");
    assert_eq!(r.criteria[0].when, "No date can be given until every workflow passes");
    assert_eq!(r.uat[0].runs.len(), 2);
    assert!(!r.uat[0].passed);
}

#[test]
fn nothing_dated_after_the_as_of_date_is_in_the_report() {
    let d = deployment();
    let r = report(&d, "p1", day(1, 15)).unwrap();
    // UAT: only the results up to 15 January; w2 has failed.
    assert_eq!(r.uat.iter().map(|w| w.runs.len()).collect::<Vec<_>>(), [1, 1]);
    assert_eq!(r.uat[1].runs[0].fix_in, Some(RootCause::SupplierSolution.label()));
    assert!(!r.uat[1].passed);
    assert!(r.incidents.is_empty());
    assert!(r.sign_offs.iter().all(|s| s.recorded.is_none()), "signed off on 25 January");
    assert_eq!(r.clock, "Not started: goes live on 2 February 2026");
    assert!(r.referral_chart.is_none(), "no provider live yet");
    assert_eq!(r.criteria[2].when, "Expected on 16 February 2026");
}

#[test]
fn incidents_show_which_restarted_the_clock_and_only_this_providers() {
    let r = report(&deployment(), "p1", day(3, 1)).unwrap();
    let lines: Vec<(NaiveDate, bool, Option<NaiveDate>)> = r.incidents.iter().map(|i| (i.date, i.attributed_to_bars, i.restarted_on)).collect();
    assert_eq!(lines, [(day(2, 5), true, Some(day(2, 6))), (day(2, 10), false, None)]);
    assert_eq!(r.incidents[0].summary, "Incident i1");
}

#[test]
fn sign_offs_list_every_check_but_the_guidance_review() {
    let r = report(&deployment(), "p1", day(3, 1)).unwrap();
    assert!(r.sign_offs.iter().all(|s| s.kind != MilestoneKind::GuidanceReviewed));
    assert_eq!(r.sign_offs.len(), MilestoneKind::ALL.len() - 1);
    let clinical = r.sign_offs.iter().find(|s| s.kind == MilestoneKind::ClinicalSignOff).unwrap();
    assert_eq!(clinical.recorded, Some((day(1, 25), "J Smith, BaRS team".to_owned())));
    let dcb0129 = r.sign_offs.iter().find(|s| s.kind == MilestoneKind::Dcb0129).unwrap();
    assert_eq!(dcb0129.recorded, None);
}

#[test]
fn the_charts_are_the_pooled_referrals_and_this_providers_clock_alone() {
    let r = report(&deployment(), "p1", day(3, 1)).unwrap();
    let referrals = r.referral_chart.expect("a provider is live");
    assert_eq!(referrals.required, 20);
    let clocks = r.clock_chart.expect("p1 has a go-live date");
    assert_eq!(clocks.rows.len(), 1, "p2 is in the deployment's chart, not in p1's report");
    assert_eq!(clocks.rows[0].provider_id, "p1");
    assert_eq!(clocks.rows[0].restarts.len(), 1);
    assert!(clocks.rows[0].met);
}

#[test]
fn the_narrative_is_the_providers_and_says_whether_it_was_completed() {
    let mut d = deployment();
    let r = report(&d, "p1", day(3, 1)).unwrap();
    assert_eq!(r.narrative, None);
    assert_eq!(r.completion(), "Not started: nobody has written the narrative yet");

    let draft = ExitReportDraft { summary: "It went well.".into(), ..Default::default() };
    let record = draft.record(&d, "p1", day(3, 2), "fresh".into(), at(50)).unwrap();
    assert_eq!(record.id, "exit-p1", "the provider's id, the same on every copy");
    d.put_exit_report(record);
    let r = report(&d, "p1", day(3, 1)).unwrap();
    assert_eq!(r.narrative.as_ref().unwrap().summary, "It went well.");
    assert_eq!(r.completion(), "Being written: not yet recorded as completed");
    assert!(report(&d, "p2", day(3, 1)).unwrap().narrative.is_none());

    let done = ExitReportDraft { completed_by: "A Patel, Leeds".into(), completed_on: "2026-03-02".into(), ..ExitReportDraft::from_report(&d.exit_reports[0]) };
    let record = done.record(&d, "p1", day(3, 2), "fresh".into(), at(60)).unwrap();
    d.put_exit_report(record);
    assert_eq!(d.exit_reports.len(), 1, "replaced, not added");
    assert_eq!(report(&d, "p1", day(3, 2)).unwrap().completion(), "Completed by A Patel, Leeds on 2 March 2026");
    assert_eq!(report(&d, "p1", day(3, 1)).unwrap().completion(), "Being written: recorded as completed later, on 2 March 2026");
    assert!(bars_domain::validate::check_deployments(&[d], &[]).is_empty());
}

#[test]
fn the_narrative_form_says_what_is_missing_or_too_long() {
    let d = deployment();
    let today = day(3, 2);
    let check = |draft: ExitReportDraft| draft.record(&d, "p1", today, "fresh".into(), at(9)).unwrap_err();

    let e = check(ExitReportDraft::default());
    assert_eq!(message_for(&e, "summary"), Some("Enter a summary, the benefits seen or recommendations"));

    let e = check(ExitReportDraft { benefits: "Fewer calls".into(), completed_by: "A Patel".into(), ..Default::default() });
    assert_eq!(message_for(&e, "completed_on"), Some("Enter the date the report was completed"));
    assert_eq!(message_for(&e, "summary"), Some("Enter a summary before recording the report as completed"));

    let e = check(ExitReportDraft { summary: "x".into(), completed_on: "2026-03-03".into(), ..Default::default() });
    assert_eq!(message_for(&e, "completed_on"), Some("The date the report was completed must be today or in the past"));
    assert_eq!(message_for(&e, "completed_by"), Some("Enter who completed the report"));

    let e = check(ExitReportDraft { summary: "x".into(), completed_on: "2026-02-30".into(), completed_by: "A".into(), ..Default::default() });
    assert!(message_for(&e, "completed_on").unwrap().contains("February 2026 has 28 days"), "{e:?}");

    let long = "x".repeat(NARRATIVE_MAX_CHARS + 1);
    let e = check(ExitReportDraft { summary: "x".into(), recommendations: long, ..Default::default() });
    assert_eq!(message_for(&e, "recommendations"), Some("The recommendations must be 3000 characters or fewer"));
    assert_eq!(e.len(), 1);

    // Exactly at the limit, and trimmed.
    let ok = ExitReportDraft { summary: format!("  {}  ", "y".repeat(NARRATIVE_MAX_CHARS)), ..Default::default() };
    assert_eq!(ok.record(&d, "p1", today, "fresh".into(), at(9)).unwrap().summary.len(), NARRATIVE_MAX_CHARS);
}

#[test]
fn an_nhs_number_in_the_narrative_is_found_before_export() {
    let mut d = deployment();
    d.exit_reports.push(ExitReport {
        id: "exit-p1".into(),
        updated_at: at(5),
        provider_id: "p1".into(),
        summary: String::new(),
        benefits: String::new(),
        recommendations: "Call back 943 476 5919 about the cancel workflow".into(),
        completed_by: String::new(),
        completed_on: None,
    });
    let found = scan_deployment(&d);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].matched, "943 476 5919");
    assert!(found[0].location.contains("Beta exit report of \u{201c}Provider p1\u{201d}"), "{}", found[0].location);
    assert!(found[0].location.contains("recommendations"), "{}", found[0].location);
}

#[test]
fn removing_a_provider_removes_its_report() {
    let mut d = deployment();
    let record = ExitReportDraft { summary: "s".into(), ..Default::default() }.record(&d, "p1", day(3, 1), "f".into(), at(8)).unwrap();
    d.put_exit_report(record);
    d.remove_provider("p1", at(100));
    assert!(d.exit_reports.is_empty());
    assert!(d.deleted.iter().any(|t| t.id == "exit-p1"));
}

#[test]
fn every_section_has_its_own_id_and_heading() {
    let mut ids: Vec<&str> = SECTIONS.iter().map(|(id, _)| *id).collect();
    let mut headings: Vec<&str> = SECTIONS.iter().map(|(_, h)| *h).collect();
    ids.sort();
    ids.dedup();
    headings.sort();
    headings.dedup();
    assert_eq!((ids.len(), headings.len()), (SECTIONS.len(), SECTIONS.len()));
    assert!(SECTIONS.iter().all(|(id, _)| id.starts_with("report-")));
}

// ------------------------------------------------------------ stages, decisions and business change (issue 9's records)

fn decision(id: &str, on: NaiveDate, yes: bool, secs: i64) -> bars_domain::records::Decision {
    use bars_domain::records::{ChangeNeeded, Decision, DecisionKind, DecisionOutcome, Party};
    Decision {
        id: id.into(), updated_at: at(secs), provider_id: "p1".into(), kind: DecisionKind::GoNoGo, date: on,
        outcome: if yes { DecisionOutcome::Yes } else { DecisionOutcome::No }, decided_by: format!("Panel {id}"), parties: vec![Party::BarsTeam],
        reasons: format!("Reasons {id}"), must_change: if yes { vec![] } else { vec![ChangeNeeded::SupplierSystem] },
        returns_to: (!yes).then_some(bars_domain::stages::Stage::TechnicalGoLive),
        issue_ids: Vec::new(),
    }
}

#[test]
fn decisions_are_listed_oldest_first_and_the_go_is_a_sign_off_by_whoever_decided() {
    let mut d = deployment();
    d.decisions.push(decision("x2", day(1, 31), true, 21));
    d.decisions.push(decision("x1", day(1, 28), false, 20));
    d.decisions.push(decision("x3", day(3, 5), true, 22));
    let r = report(&d, "p1", day(3, 1)).unwrap();
    let lines: Vec<(&str, bool, &str)> = r.decisions.iter().map(|x| (x.decision.as_str(), x.yes, x.then.as_str())).collect();
    assert_eq!(
        lines,
        [
            ("Go / no-go: No-go", false, "Must change: The supplier's system. Back to: Technical go-live (smoke test with test patient data)"),
            ("Go / no-go: Go", true, ""),
        ],
        "the decision of 5 March is after the as-of date"
    );
    assert_eq!((r.decisions[0].decided_by.as_str(), r.decisions[0].reasons.as_str()), ("Panel x1", "Reasons x1"));
    let go = r.sign_offs.iter().find(|s| s.kind == MilestoneKind::GoDecision).unwrap();
    assert_eq!(go.recorded, Some((day(1, 31), "Panel x2".to_owned())));
    assert_eq!(r.stages.len(), bars_domain::stages::Stage::ALL.len());
    assert!(r.stage_now.starts_with("Now at: "), "{}", r.stage_now);
}

#[test]
fn a_sign_off_before_a_no_that_sent_the_provider_back_no_longer_counts() {
    let mut d = deployment();
    d.milestones.push(milestone("m7", MilestoneKind::SmokeTestPassed, day(1, 26)));
    d.decisions.push(decision("x1", day(1, 28), false, 20));
    let r = report(&d, "p1", day(3, 1)).unwrap();
    let smoke = r.sign_offs.iter().find(|s| s.kind == MilestoneKind::SmokeTestPassed).unwrap();
    assert_eq!(smoke.recorded, None, "the smoke test must be passed again after the no-go");
    let dcb = r.sign_offs.iter().find(|s| s.kind == MilestoneKind::Dcb0160).unwrap();
    assert_eq!(dcb.recorded, Some((day(1, 25), "J Smith, BaRS team".to_owned())), "DCB0160 is not redone after a no");
}

#[test]
fn business_change_lists_every_activity_as_it_stood_on_the_as_of_date() {
    use bars_domain::records::{Activity, ActivityStatus, BusinessChange, Contact, Party};
    let mut d = deployment();
    d.contacts.push(Contact {
        id: "c1".into(), updated_at: at(1), party: Party::Provider, provider_id: Some("p1".into()), organisation: "Leeds".into(),
        role: "Operational lead".into(), name: "Jo Bloggs".into(), email: "jo@example.nhs.uk".into(),
    });
    d.business_change.push(BusinessChange {
        id: BusinessChange::id_for("p1", Activity::Reporting).unwrap(), updated_at: at(30), provider_id: "p1".into(), activity: Activity::Reporting,
        status: ActivityStatus::Completed, owner_id: Some("c1".into()), target_date: Some(day(2, 20)), completed_on: Some(day(2, 27)),
        notes: "Dashboards updated".into(),
    });
    let before = report(&d, "p1", day(2, 26)).unwrap();
    assert_eq!(before.business_change.len(), Activity::ALL.len());
    let reporting = before.business_change.iter().find(|b| b.activity == Activity::Reporting.label()).unwrap();
    assert_eq!((reporting.status, reporting.owner.as_str(), reporting.completed_on), ("In progress", "Jo Bloggs", None));
    let after = report(&d, "p1", day(3, 1)).unwrap();
    let reporting = after.business_change.iter().find(|b| b.activity == Activity::Reporting.label()).unwrap();
    assert_eq!((reporting.status, reporting.completed_on, reporting.target), ("Completed", Some(day(2, 27)), Some(day(2, 20))));
    assert!(after.business_change.iter().filter(|b| b.activity != Activity::Reporting.label()).all(|b| b.status == "Not started"));
}

#[test]
fn a_completed_narrative_completes_the_exit_report_stage() {
    use bars_domain::stages::{provider_stages, Stage};
    let mut d = deployment();
    assert_eq!(provider_stages(&d, "p1", day(3, 5)).gate(MilestoneKind::BetaExitReport), None);
    let draft = ExitReportDraft { summary: "Done.".into(), completed_by: "A Patel".into(), completed_on: "2026-03-02".into(), ..Default::default() };
    d.put_exit_report(draft.record(&d, "p1", day(3, 5), "f".into(), at(70)).unwrap());
    let s = provider_stages(&d, "p1", day(3, 5));
    assert_eq!(s.gate(MilestoneKind::BetaExitReport), Some(day(3, 2)));
    assert_eq!(s.stage(Stage::BetaExitReport).gates[0].recorded_on, Some(day(3, 2)));
    assert_eq!(provider_stages(&d, "p1", day(3, 1)).gate(MilestoneKind::BetaExitReport), None, "not before it was completed");
    let r = report(&d, "p1", day(3, 5)).unwrap();
    assert_eq!(r.stage_now, "Now at: Beta exit report, with earlier stages not recorded as completed");
    let written = r.sign_offs.iter().find(|s| s.kind == MilestoneKind::BetaExitReport).unwrap();
    assert_eq!(written.recorded, Some((day(3, 2), "A Patel".to_owned())));
}

// ------------------------------------------------------------ issues and lessons (issue 11's records)

fn issue(id: &str, reference: &str, provider: Option<&str>, raised: NaiveDate, resolved: Option<NaiveDate>) -> bars_domain::records::Issue {
    use bars_domain::records::{FoundIn, Issue, IssueStatus, Party, Priority};
    Issue {
        id: id.into(), updated_at: at(40), reference: reference.into(), raised_on: raised, raised_by: Party::Provider, raised_by_contact_id: None,
        provider_id: provider.map(str::to_owned), found_in: FoundIn::Live, priority: Priority::High, description: format!("Issue {id}"),
        root_cause: None, owner: Some(Party::Supplier), status: if resolved.is_some() { IssueStatus::Resolved } else { IssueStatus::InProgress },
        resolution: if resolved.is_some() { "Fixed in 2.3".into() } else { String::new() }, resolved_on: resolved, test_result_id: None, incident_id: None,
    }
}

#[test]
fn issues_are_the_providers_and_everyones_as_they_stood_on_the_as_of_date() {
    let mut d = deployment();
    d.issues.push(issue("s2", "ISS-002", None, day(2, 3), None));
    d.issues.push(issue("s1", "ISS-001", Some("p1"), day(2, 1), Some(day(2, 20))));
    d.issues.push(issue("s3", "ISS-003", Some("p2"), day(2, 2), None));
    d.issues.push(issue("s4", "ISS-004", Some("p1"), day(3, 9), None));
    let r = report(&d, "p1", day(2, 10)).unwrap();
    let lines: Vec<(&str, &str, bool, bool)> = r.issues.iter().map(|i| (i.reference.as_str(), i.status, i.open, i.every_provider)).collect();
    assert_eq!(lines, [("ISS-001", "Open then", true, false), ("ISS-002", "In progress", true, true)], "p2's and later issues are left out");
    assert_eq!((r.issues[0].resolution.as_str(), r.issues[0].resolved_on), ("", None), "resolved only after the as-of date");
    let later = report(&d, "p1", day(3, 1)).unwrap();
    assert_eq!((later.issues[0].status, later.issues[0].resolved_on), ("Resolved", Some(day(2, 20))));
    assert_eq!(later.issues[0].resolution, "Fixed in 2.3");
    assert_eq!((later.issues[0].found_in, later.issues[0].priority), ("Live running (public beta)", "High"));
}

#[test]
fn lessons_are_the_deployments_up_to_the_as_of_date_oldest_first() {
    use bars_domain::records::{Lesson, LessonCategory, LessonStatus, Party};
    let mut d = deployment();
    for (id, on, retro) in [("l2", day(2, 15), false), ("l1", day(2, 1), true), ("l3", day(3, 20), true)] {
        d.lessons.push(Lesson {
            id: id.into(), updated_at: at(50), date: on, raised_by: Party::BarsTeam, raised_by_contact_id: None, category: LessonCategory::Technical,
            what_happened: format!("Happened {id}"), lesson: format!("Learned {id}"), action: String::new(), owner: None, status: LessonStatus::Open,
            for_retrospective: retro,
        });
    }
    let r = report(&d, "p1", day(3, 1)).unwrap();
    let lines: Vec<(&str, bool)> = r.lessons.iter().map(|l| (l.lesson.as_str(), l.for_retrospective)).collect();
    assert_eq!(lines, [("Learned l1", true), ("Learned l2", false)]);
    assert_eq!((r.lessons[0].category, r.lessons[0].status), ("Technical", "Open"));
}
