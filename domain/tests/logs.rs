//! The issue log and the lessons identified log (issue 11): their rules in
//! forms and files, raising an issue from a failed test result or an
//! incident, references and their numbering across merged copies, filters,
//! the NHS-number scan of their free text, and the CSV files they export.

use bars_domain::csv_out;
use bars_domain::deployment::{Deployment, DeploymentFields};
use bars_domain::merge::{plan_merge, Choice, ConflictKind, MergeOptions};
use bars_domain::nhs_number::scan_deployment;
use bars_domain::records::{
    reference_number, reference_of, Contact, DailyVolume, FoundIn, Incident, Issue, IssueDraft, IssueFilter, IssueSource, IssueStatus,
    Lesson, LessonCategory, LessonDraft, LessonStatus, Milestone, MilestoneKind, Outcome, Party, Priority, Provider, ProviderRole, RootCause,
    TestResult, Workflow, OPEN_ISSUES,
};
use bars_domain::snapshot::{export, import, ExportMeta, ImportError};
use bars_domain::validate::check_deployments;
use bars_domain::validation::message_for;
use bars_domain::{AppState, ApplicationChoice, ServiceRiskLevel};
use chrono::{DateTime, NaiveDate, Utc};

fn at(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_770_000_000 + secs, 0).unwrap()
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn today() -> NaiveDate {
    day(3, 20)
}

/// A falls-lifting deployment with two providers, a failed and a passed UAT
/// result, an incident and two contacts.
fn deployment() -> Deployment {
    let fields = DeploymentFields { name: "Falls lifting – wave 1".into(), application: ApplicationChoice::Preset { number: 4 }, risk_level: ServiceRiskLevel::Low };
    let mut d = Deployment::new("dep".into(), fields, at(0));
    for (id, name, go_live) in [("p1", "Yorkshire Ambulance Service", Some(day(2, 1))), ("p2", "Leeds Community Healthcare", None)] {
        d.providers.push(Provider { id: id.into(), updated_at: at(1), name: name.into(), ods_code: "RX8".into(), role: ProviderRole::Both, supplier: "Acme".into(), go_live });
    }
    d.workflows.push(Workflow::new("w1".into(), at(1), "p1".into(), "Validation request".into()));
    d.workflows.push(Workflow::new("w2".into(), at(1), "p2".into(), "Cancel".into()));
    d.test_results.push(TestResult {
        id: "r-fail".into(), updated_at: at(2), workflow_id: "w1".into(), date: day(1, 14), outcome: Outcome::Fail,
        note: "Service ID missing from the message".into(), root_cause: Some(RootCause::ProviderConfiguration),
    });
    d.test_results.push(TestResult { id: "r-pass".into(), updated_at: at(3), workflow_id: "w2".into(), date: day(1, 15), outcome: Outcome::Pass, note: String::new(), root_cause: None });
    d.incidents.push(Incident {
        id: "inc".into(), updated_at: at(4), provider_id: "p1".into(), date: day(2, 14), attributed_to_bars: true,
        summary: "A validation response was not shown for 40 minutes".into(), reported_to_service_desk: true, resolution: String::new(),
    });
    d.contacts.push(Contact { id: "c-sup".into(), updated_at: at(5), party: Party::Supplier, provider_id: None, organisation: "Acme Health".into(), role: "Project lead".into(), name: "Sam Patel".into(), email: String::new() });
    d.contacts.push(Contact { id: "c-bars".into(), updated_at: at(5), party: Party::BarsTeam, provider_id: None, organisation: "NHS England".into(), role: "Clinical lead".into(), name: "Chris O'Neill".into(), email: String::new() });
    d
}

fn draft() -> IssueDraft {
    IssueDraft {
        raised_on: "2026-03-02".into(),
        raised_by: "supplier".into(),
        raised_by_contact: "c-sup".into(),
        provider_id: "p1".into(),
        found_in: "uat".into(),
        priority: "high".into(),
        description: "Cancel requests are refused with a 422".into(),
        root_cause: "not_known".into(),
        owner: String::new(),
        status: "new".into(),
        ..Default::default()
    }
}

fn issue(d: &Deployment, id: &str, draft: &IssueDraft, t: DateTime<Utc>) -> Issue {
    draft.validate(d, today()).unwrap().into_record(id.into(), t, d.next_issue_reference())
}

fn fields_of(errors: &[bars_domain::FieldError]) -> Vec<&str> {
    errors.iter().map(|e| e.field.as_str()).collect()
}

// ------------------------------------------------------------------ issue rules

#[test]
fn a_new_issue_needs_no_owner_and_gets_the_next_reference() {
    let mut d = deployment();
    assert_eq!(d.next_issue_reference(), "ISS-001");
    let first = issue(&d, "i1", &draft(), at(10));
    assert_eq!((first.reference.as_str(), first.status, first.owner, first.root_cause), ("ISS-001", IssueStatus::New, None, None));
    assert_eq!(first.raised_by_contact_id.as_deref(), Some("c-sup"));
    d.issues.push(first);
    assert_eq!(d.next_issue_reference(), "ISS-002");
    d.issues[0].reference = "ISS-013".into();
    assert_eq!(d.next_issue_reference(), "ISS-014", "one more than the highest, not the count");
    d.issues[0].reference = "ISS-999".into();
    assert_eq!(d.next_issue_reference(), "ISS-1000");
    assert_eq!((reference_number("ISS-014"), reference_number("ISS-14"), reference_number("iss-014"), reference_number("ISS-01a")), (Some(14), None, None, None));
    assert_eq!(reference_of(7), "ISS-007");
}

#[test]
fn an_empty_form_lists_every_required_field_in_form_order() {
    let errors = IssueDraft::default().validate(&deployment(), today()).unwrap_err();
    assert_eq!(fields_of(&errors), ["status", "raised_on", "raised_by", "found_in", "priority", "description", "root_cause"]);
    assert_eq!(message_for(&errors, "raised_on"), Some("Enter the date the issue was raised"));
    assert_eq!(message_for(&errors, "root_cause"), Some("Select where the issue needs fixing, or that it is not yet known"));
}

#[test]
fn triaged_and_later_issues_need_an_owner() {
    let d = deployment();
    for status in ["triaged", "in_progress"] {
        let errors = IssueDraft { status: status.into(), ..draft() }.validate(&d, today()).unwrap_err();
        assert_eq!(message_for(&errors, "owner"), Some("Select the party that owns the issue: an issue has an owner once it is triaged"));
        assert!(IssueDraft { status: status.into(), owner: "supplier".into(), ..draft() }.validate(&d, today()).is_ok());
    }
}

#[test]
fn resolved_closed_and_wont_fix_need_a_resolution_and_a_date_not_before_raised() {
    let d = deployment();
    for status in ["resolved", "closed", "wont_fix"] {
        let base = IssueDraft { status: status.into(), owner: "supplier".into(), ..draft() };
        let errors = base.validate(&d, today()).unwrap_err();
        assert_eq!(fields_of(&errors), ["resolution", "resolved_on"], "{status}");
        assert_eq!(message_for(&errors, "resolved_on"), Some("Enter the date the issue was resolved or closed"));
        let wont = if status == "wont_fix" { "Enter why the issue will not be fixed" } else { "Enter the resolution: what was done to fix the issue" };
        assert_eq!(message_for(&errors, "resolution"), Some(wont));

        let early = IssueDraft { resolution: "Fixed in release 4.2".into(), resolved_on: "2026-03-01".into(), ..base.clone() };
        let errors = early.validate(&d, today()).unwrap_err();
        assert_eq!(message_for(&errors, "resolved_on"), Some("The date resolved must be the same as or after the date raised"));

        let same_day = IssueDraft { resolved_on: "2026-03-02".into(), ..early.clone() };
        let fields = same_day.validate(&d, today()).unwrap();
        assert_eq!(fields.resolved_on, Some(day(3, 2)));
    }
}

#[test]
fn an_open_issue_has_no_resolved_date_and_dates_are_not_in_the_future() {
    let d = deployment();
    let errors = IssueDraft { resolved_on: "2026-03-05".into(), ..draft() }.validate(&d, today()).unwrap_err();
    assert_eq!(message_for(&errors, "resolved_on"), Some("An open issue has no resolved date: clear the date, or choose resolved, closed or won't fix"));
    let errors = IssueDraft { raised_on: "2026-03-21".into(), ..draft() }.validate(&d, today()).unwrap_err();
    assert_eq!(message_for(&errors, "raised_on"), Some("The date raised must be today or in the past"));
    // A date that is not a date is said once, in the date's own words.
    let errors = IssueDraft { status: "closed".into(), owner: "supplier".into(), resolution: "Done".into(), resolved_on: "2026-02-30".into(), ..draft() }
        .validate(&d, today())
        .unwrap_err();
    assert_eq!(errors.len(), 1);
    assert!(errors[0].message.contains("real date"), "{}", errors[0].message);
}

#[test]
fn the_person_who_raised_it_must_be_a_contact_at_that_party() {
    let d = deployment();
    let errors = IssueDraft { raised_by: "bars_team".into(), ..draft() }.validate(&d, today()).unwrap_err();
    assert_eq!(message_for(&errors, "raised_by_contact"), Some("Sam Patel works for another party: select one of the party's contacts, or none"));
    let errors = IssueDraft { raised_by_contact: "c-gone".into(), ..draft() }.validate(&d, today()).unwrap_err();
    assert_eq!(message_for(&errors, "raised_by_contact"), Some("Select a contact from the list, or none"));
    let none = IssueDraft { raised_by_contact: String::new(), provider_id: String::new(), ..draft() }.validate(&d, today()).unwrap();
    assert_eq!((none.raised_by_contact_id, none.provider_id), (None, None));
}

#[test]
fn an_issue_round_trips_through_its_draft() {
    let d = deployment();
    let closed = IssueDraft {
        status: "closed".into(), owner: "provider".into(), resolution: "Configuration corrected".into(), resolved_on: "2026-03-09".into(),
        root_cause: "provider_configuration".into(), ..draft()
    };
    let i = issue(&d, "i1", &closed, at(10));
    let again = IssueDraft::from_issue(&i).validate(&d, today()).unwrap().into_record("i1".into(), at(10), i.reference.clone());
    assert_eq!(again, i);
}

// ------------------------------------------------------------------ raising from a result or an incident

#[test]
fn a_failed_test_result_raises_an_issue_in_one_step_and_they_stay_linked() {
    let mut d = deployment();
    let source = IssueSource::from_key(&IssueSource::TestResult("r-fail".into()).key()).unwrap();
    let raised = IssueDraft::raised_from(&d, &source, today()).unwrap();
    assert_eq!(raised.raised_on, "2026-01-14");
    assert_eq!(raised.provider_id, "p1");
    assert_eq!(raised.found_in, FoundIn::Uat.key());
    assert_eq!(raised.root_cause, RootCause::ProviderConfiguration.key());
    assert_eq!(raised.status, "new");
    assert_eq!(raised.description, "The workflow \u{201c}Validation request\u{201d} failed in UAT: Service ID missing from the message");
    assert_eq!(raised.test_result_id.as_deref(), Some("r-fail"));
    // Who raised it and how urgent it is are the person's to say.
    let errors = raised.validate(&d, today()).unwrap_err();
    assert_eq!(fields_of(&errors), ["raised_by", "priority"]);
    let done = IssueDraft { raised_by: "provider".into(), priority: "high".into(), ..raised };
    let i = issue(&d, "i1", &done, at(10));
    d.issues.push(i);
    // The result shows its issue; the issue names its result.
    assert_eq!(d.issue_raised_from("r-fail").map(|i| i.reference.as_str()), Some("ISS-001"));
    assert_eq!(d.issue_raised_from("r-pass"), None);
    assert!(check_deployments(std::slice::from_ref(&d), &[]).is_empty());
    // A pass raises nothing; nor does a result that is not there.
    assert_eq!(IssueDraft::raised_from(&d, &IssueSource::TestResult("r-pass".into()), today()), None);
    assert_eq!(IssueDraft::raised_from(&d, &IssueSource::TestResult("nope".into()), today()), None);
    assert_eq!(IssueSource::from_key("result:"), None);
    assert_eq!(IssueSource::from_key("lesson:x"), None);
}

#[test]
fn an_incident_raises_a_live_issue_linked_to_it() {
    let mut d = deployment();
    let raised = IssueDraft::raised_from(&d, &IssueSource::Incident("inc".into()), today()).unwrap();
    assert_eq!((raised.found_in.as_str(), raised.priority.as_str(), raised.raised_on.as_str()), ("live", "high", "2026-02-14"));
    assert_eq!(raised.description, "A validation response was not shown for 40 minutes");
    let i = issue(&d, "i1", &IssueDraft { raised_by: "bars_team".into(), ..raised }, at(10));
    assert_eq!(i.incident_id.as_deref(), Some("inc"));
    d.issues.push(i);
    assert_eq!(d.issue_raised_from("inc").map(|i| i.id.as_str()), Some("i1"));
}

#[test]
fn removing_the_result_or_incident_keeps_the_issue_and_the_file_stays_valid() {
    let mut d = deployment();
    let from_result = IssueDraft { raised_by: "provider".into(), priority: "high".into(), ..IssueDraft::raised_from(&d, &IssueSource::TestResult("r-fail".into()), today()).unwrap() };
    let i = issue(&d, "i1", &from_result, at(10));
    d.issues.push(i);
    let from_incident = IssueDraft { raised_by: "bars_team".into(), ..IssueDraft::raised_from(&d, &IssueSource::Incident("inc".into()), today()).unwrap() };
    let i = issue(&d, "i2", &from_incident, at(11));
    d.issues.push(i);
    d.issues[1].raised_by_contact_id = Some("c-bars".into());
    // The workflow goes, and its results with it; the incident and the contact are deleted.
    assert!(d.remove("w1", at(20)));
    assert!(d.remove("inc", at(21)));
    assert!(d.remove("c-bars", at(22)));
    assert_eq!(d.issues.len(), 2);
    assert_eq!(d.issue_raised_from("r-fail").map(|i| i.id.as_str()), Some("i1"));
    assert!(check_deployments(std::slice::from_ref(&d), &[]).is_empty(), "{:?}", check_deployments(std::slice::from_ref(&d), &[]));
    let csv = csv_out::issue_log(&d, today());
    assert!(csv.contains("(removed test result)") && csv.contains("(removed incident)") && csv.contains("a contact no longer in the deployment"), "{csv}");
    // The form for it still saves, and says nothing of the removed record.
    assert!(IssueDraft::from_issue(&d.issues[0]).validate(&d, today()).is_ok());
    // Removing the provider removes its issues (they belong to it).
    d.remove_provider("p1", at(30));
    assert!(d.issues.is_empty());
}

// ------------------------------------------------------------------ files

fn meta() -> ExportMeta {
    ExportMeta { app_version: "0.3.0".into(), exported_at: at(100_000), exported_by: "Acme Health".into(), note: None }
}

fn with_logs() -> Deployment {
    let mut d = deployment();
    let raised = IssueDraft { raised_by: "provider".into(), priority: "high".into(), ..IssueDraft::raised_from(&d, &IssueSource::TestResult("r-fail".into()), today()).unwrap() };
    let i = issue(&d, "i1", &raised, at(10));
    d.issues.push(i);
    let lesson = LessonDraft {
        date: "2026-01-21".into(), raised_by: "bars_team".into(), raised_by_contact: "c-bars".into(), category: "technical".into(),
        what_happened: "UAT stalled for a week on a missing service ID".into(), lesson: "Check endpoint entries before UAT".into(),
        action: "Add the check to the UAT checklist".into(), owner: "bars_team".into(), status: "in_progress".into(), for_retrospective: true,
    };
    let l = lesson.validate(&d, today()).unwrap().into_record("l1".into(), at(11));
    d.lessons.push(l);
    d
}

/// The problems a file with `change` made to its one deployment has.
fn problems_after(change: impl FnOnce(&mut serde_json::Value)) -> Vec<(String, String)> {
    let text = export(&[with_logs()], &[], &meta());
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    change(&mut v["deployments"][0]);
    match import(&v.to_string()) {
        Err(ImportError::Invalid(p)) => p.listed.into_iter().map(|e| (e.field, e.message)).collect(),
        other => panic!("expected problems, got {other:?}"),
    }
}

#[test]
fn logs_round_trip_through_a_file() {
    let d = with_logs();
    let s = import(&export(std::slice::from_ref(&d), &[], &meta())).unwrap();
    assert_eq!(s.deployments, [d]);
}

#[test]
fn a_file_breaking_the_issue_rules_says_where() {
    let p = problems_after(|d| {
        d["issues"][0]["status"] = "closed".into();
        d["issues"][0]["reference"] = "ISS-1".into();
    });
    assert_eq!(
        p,
        [
            ("deployments[0].issues[0].reference".into(), "\u{201c}ISS-1\u{201d} is not an issue reference: use ISS- and a number of 3 to 9 digits, like \u{201c}ISS-014\u{201d}".into()),
            ("deployments[0].issues[0].owner".into(), "is missing: an issue with status \u{201c}closed\u{201d} needs an owner".into()),
            ("deployments[0].issues[0].resolution".into(), "must not be empty: an issue with status \u{201c}closed\u{201d} needs a resolution".into()),
            ("deployments[0].issues[0].resolved_on".into(), "is missing: an issue with status \u{201c}closed\u{201d} needs the date it was resolved".into()),
        ]
    );
    let p = problems_after(|d| {
        d["issues"][0]["status"] = "resolved".into();
        d["issues"][0]["owner"] = "supplier".into();
        d["issues"][0]["resolution"] = "Fixed".into();
        d["issues"][0]["resolved_on"] = "2026-01-01".into();
    });
    assert_eq!(p, [("deployments[0].issues[0].resolved_on".into(), "is before raised_on: an issue cannot be resolved before it was raised".into())]);
    let p = problems_after(|d| d["issues"][0]["resolved_on"] = "2026-03-01".into());
    assert_eq!(p, [("deployments[0].issues[0].resolved_on".into(), "must be null: an issue with status \u{201c}new\u{201d} is still open".into())]);
}

#[test]
fn a_file_naming_records_that_are_not_there_says_which() {
    let p = problems_after(|d| {
        d["issues"][0]["test_result_id"] = "r-9".into();
        d["issues"][0]["incident_id"] = "r-fail".into();
        d["lessons"][0]["raised_by_contact_id"] = "c-9".into();
    });
    assert_eq!(
        p,
        [
            ("deployments[0].issues[0].test_result_id".into(), "\u{201c}r-9\u{201d} does not match the id of a test result in this deployment".into()),
            ("deployments[0].issues[0].incident_id".into(), "\u{201c}r-fail\u{201d} does not match the id of an incident in this deployment".into()),
            ("deployments[0].lessons[0].raised_by_contact_id".into(), "\u{201c}c-9\u{201d} does not match the id of a contact in this deployment".into()),
        ]
    );
    // An issue's provider is its parent, checked like any other.
    let p = problems_after(|d| d["issues"][0]["provider_id"] = "p-9".into());
    assert_eq!(p[0].0, "deployments[0].issues[0].provider_id");
    // A record the deployment remembers deleting may be named.
    let text = export(&[with_logs()], &[], &meta());
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["deployments"][0]["issues"][0]["test_result_id"] = "r-old".into();
    v["deployments"][0]["deleted"] = serde_json::json!([{"id": "r-old", "deleted_at": "2026-02-01T00:00:00Z"}]);
    assert!(import(&v.to_string()).is_ok());
}

#[test]
fn a_file_breaking_the_lesson_rules_says_where() {
    let p = problems_after(|d| {
        d["lessons"][0]["action"] = "".into();
        d["lessons"][0]["owner"] = serde_json::Value::Null;
        d["lessons"][0]["lesson"] = "  ".into();
    });
    assert_eq!(
        p,
        [
            ("deployments[0].lessons[0].lesson".into(), "must not be empty".into()),
            ("deployments[0].lessons[0].action".into(), "must not be empty: a lesson with status \u{201c}in_progress\u{201d} needs its action".into()),
            ("deployments[0].lessons[0].owner".into(), "is missing: a lesson with status \u{201c}in_progress\u{201d} needs an owner".into()),
        ]
    );
}

#[test]
fn a_version_2_file_gains_empty_logs() {
    let text = std::fs::read_to_string(format!("{}/tests/fixtures/snapshot-v2.json", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let s = import(&text).unwrap();
    assert!(s.deployments.iter().all(|d| d.issues.is_empty() && d.lessons.is_empty()));
    let v5 = std::fs::read_to_string(format!("{}/tests/fixtures/snapshot-v5.json", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let s5 = import(&v5).unwrap();
    let d = &s5.deployments[0];
    assert!(d.contents().ends_with("3 issues and 2 lessons"), "{}", d.contents());
    assert_eq!(d.issue_raised_from("tr-1").map(|i| i.reference.as_str()), Some("ISS-001"));
    assert_eq!(d.issue_raised_from("inc-1").map(|i| i.reference.as_str()), Some("ISS-002"));
}

// ------------------------------------------------------------------ lessons

#[test]
fn lessons_need_an_action_and_owner_once_acted_on() {
    let d = deployment();
    let base = LessonDraft {
        date: "2026-02-18".into(), raised_by: "supplier".into(), category: "communications".into(),
        what_happened: "The incident reached the supplier two days late".into(), lesson: "Name one incident contact per party".into(),
        status: "open".into(), ..Default::default()
    };
    let open = base.validate(&d, today()).unwrap();
    assert_eq!((open.status, open.owner, open.for_retrospective, open.category), (LessonStatus::Open, None, false, LessonCategory::Communications));
    for status in ["in_progress", "done"] {
        let errors = LessonDraft { status: status.into(), ..base.clone() }.validate(&d, today()).unwrap_err();
        assert_eq!(fields_of(&errors), ["action", "owner"]);
        assert_eq!(message_for(&errors, "action"), Some("Enter the action: a lesson being acted on or done says what the action is"));
    }
    let errors = LessonDraft::default().validate(&d, today()).unwrap_err();
    assert_eq!(fields_of(&errors), ["date", "raised_by", "category", "what_happened", "lesson", "status"]);
    let l = LessonDraft { status: "done".into(), action: "Added to the charter".into(), owner: "bars_team".into(), for_retrospective: true, ..base }
        .validate(&d, today())
        .unwrap()
        .into_record("l".into(), at(1));
    assert_eq!(LessonDraft::from_lesson(&l).validate(&d, today()).unwrap().into_record("l".into(), at(1)), l);
}

#[test]
fn the_retrospective_filter_keeps_only_marked_lessons_oldest_first() {
    let mut d = with_logs();
    let mut later = d.lessons[0].clone();
    later.id = "l2".into();
    later.date = day(3, 1);
    later.for_retrospective = false;
    let mut earliest = d.lessons[0].clone();
    earliest.id = "l0".into();
    earliest.date = day(1, 2);
    d.lessons.push(later);
    d.lessons.push(earliest);
    let ids = |list: Vec<&Lesson>| list.into_iter().map(|l| l.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(d.lessons_in_order(false)), ["l0", "l1", "l2"]);
    assert_eq!(ids(d.lessons_in_order(true)), ["l0", "l1"]);
}

// ------------------------------------------------------------------ filters and age

#[test]
fn filters_by_status_owner_and_provider_and_old_open_issues_stand_out() {
    let mut d = deployment();
    let mk = |d: &Deployment, id: &str, raised: &str, status: &str, owner: &str, provider: &str| {
        let (resolution, resolved_on) = if IssueStatus::from_key(status).unwrap().is_open() { ("", "") } else { ("Done", "2026-03-10") };
        issue(d, id, &IssueDraft {
            raised_on: raised.into(), status: status.into(), owner: owner.into(), provider_id: provider.into(),
            resolution: resolution.into(), resolved_on: resolved_on.into(), ..draft()
        }, at(10))
    };
    for (id, raised, status, owner, provider) in [
        ("a", "2026-02-01", "new", "", "p1"),
        ("b", "2026-03-10", "triaged", "supplier", "p2"),
        ("c", "2026-02-01", "in_progress", "provider", ""),
        ("e", "2026-02-01", "closed", "supplier", "p1"),
    ] {
        let i = mk(&d, id, raised, status, owner, provider);
        d.issues.push(i);
    }
    let pick = |f: IssueFilter| d.issues_in_order().into_iter().filter(|i| f.matches(i)).map(|i| i.id.as_str()).collect::<Vec<_>>();
    assert_eq!(pick(IssueFilter::default()), ["a", "b", "c", "e"]);
    assert_eq!(pick(IssueFilter { status: Some(OPEN_ISSUES.into()), ..Default::default() }), ["a", "b", "c"]);
    assert_eq!(pick(IssueFilter { status: Some("closed".into()), ..Default::default() }), ["e"]);
    assert_eq!(pick(IssueFilter { owner: Some(Party::Supplier), ..Default::default() }), ["b", "e"]);
    assert_eq!(pick(IssueFilter { provider_id: Some("p1".into()), status: Some(OPEN_ISSUES.into()), ..Default::default() }), ["a"]);
    // What a "no" decision for a provider may name: its open issues and those for no provider.
    let ids = |list: Vec<&Issue>| list.into_iter().map(|i| i.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(d.open_issues_for("p1")), ["a", "c"]);
    assert_eq!(ids(d.open_issues_for("p2")), ["b", "c"]);
    assert!(IssueFilter::default().is_empty());

    // Open more than 14 days on 20 March: raised 1 February (47 days), not the one of 10 March, not the closed one.
    let overdue: Vec<&str> = d.issues_in_order().into_iter().filter(|i| i.is_overdue(today(), 14)).map(|i| i.id.as_str()).collect();
    assert_eq!(overdue, ["a", "c"]);
    let b = d.issue("b").unwrap();
    assert_eq!(b.age_in_days(today()), 10);
    assert!(!b.is_overdue(today(), 10) && b.is_overdue(today(), 9), "more than the threshold, not equal to it");
    assert_eq!(d.issue("e").unwrap().age_in_days(today()), 37, "a closed issue's age stops at its resolved date");

    // The threshold as typed in the log's filter.
    use bars_domain::records::overdue_days;
    assert_eq!((overdue_days(""), overdue_days(" 7 "), overdue_days("365")), (Ok(14), Ok(7), Ok(365)));
    for bad in ["0", "366", "-3", "7.5", "a week"] {
        assert_eq!(overdue_days(bad), Err("Enter a whole number of days from 1 to 365"), "{bad}");
    }
}

// ------------------------------------------------------------------ merging two organisations' copies

fn state(d: Deployment) -> AppState {
    AppState { deployments: vec![d], ..Default::default() }
}

#[test]
fn two_copies_giving_out_the_same_reference_merge_into_a_visible_clash_that_renumbering_settles() {
    let base = with_logs();
    // Each organisation raises its own next issue: both are ISS-002.
    let mut ours = base.clone();
    let mine = issue(&ours, "ours-2", &IssueDraft { description: "Slots not returned".into(), ..draft() }, at(50));
    ours.issues.push(mine);
    let mut theirs = base.clone();
    let other = issue(&theirs, "theirs-2", &IssueDraft { description: "Rebook loses the note".into(), raised_on: "2026-03-03".into(), ..draft() }, at(60));
    theirs.issues.push(other);
    assert_eq!((ours.issues[1].reference.as_str(), theirs.issues[1].reference.as_str()), ("ISS-002", "ISS-002"));

    let plan = plan_merge(&state(ours), &state(theirs), MergeOptions::default());
    assert!(plan.conflicts.is_empty(), "different records: nothing is dropped");
    let mut merged = plan.apply(&[], at(1000)).unwrap();
    let d = &merged.deployments[0];
    assert_eq!(d.issues.len(), 3);
    // Still a valid file: the clash is shown, not refused.
    assert!(check_deployments(&merged.deployments, &[]).is_empty());
    let repeated = d.repeated_issue_references();
    assert_eq!(repeated.len(), 1);
    assert_eq!(repeated[0].0, "ISS-002");
    assert_eq!(repeated[0].1.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), ["ours-2", "theirs-2"], "in the order raised");

    let d = &mut merged.deployments[0];
    assert_eq!(d.renumber_issue("theirs-2", at(1100)).as_deref(), Some("ISS-003"));
    assert!(d.repeated_issue_references().is_empty());
    assert_eq!(d.issue("theirs-2").unwrap().updated_at, at(1100), "renumbering is a change, so it travels in the next merge");
    assert_eq!(d.next_issue_reference(), "ISS-004");
    assert_eq!(d.renumber_issue("nope", at(1100)), None);
}

#[test]
fn one_issue_triaged_here_and_resolved_there_at_the_same_time_is_a_conflict() {
    let base = with_logs();
    let mut ours = base.clone();
    ours.issues[0].status = IssueStatus::Triaged;
    ours.issues[0].owner = Some(Party::Provider);
    ours.issues[0].updated_at = at(500);
    let mut theirs = base.clone();
    theirs.issues[0].status = IssueStatus::Resolved;
    theirs.issues[0].owner = Some(Party::Provider);
    theirs.issues[0].resolution = "Service ID added".into();
    theirs.issues[0].resolved_on = Some(day(1, 21));
    theirs.issues[0].updated_at = at(500);
    let plan = plan_merge(&state(ours), &state(theirs), MergeOptions::default());
    assert_eq!(plan.conflicts.len(), 1);
    let c = &plan.conflicts[0];
    assert_eq!((c.kind, c.record_id.as_str(), c.what.as_str()), (ConflictKind::ChangedOnBothSides, "i1", "Issue ISS-001"));
    assert_eq!(c.differing_fields, ["resolution", "resolved_on", "status"]);
    let taken = plan.apply(&[Choice::TakeIncoming], at(900)).unwrap();
    assert_eq!(taken.deployments[0].issues[0].status, IssueStatus::Resolved);
    assert!(check_deployments(&taken.deployments, &[]).is_empty());
}

#[test]
fn an_issue_raised_there_from_a_result_deleted_here_merges_into_a_valid_deployment() {
    let base = deployment();
    let mut ours = base.clone();
    ours.remove("w1", at(300));
    let mut theirs = base.clone();
    let raised = IssueDraft { raised_by: "provider".into(), priority: "high".into(), ..IssueDraft::raised_from(&theirs, &IssueSource::TestResult("r-fail".into()), today()).unwrap() };
    let i = issue(&theirs, "i1", &raised, at(200));
    theirs.issues.push(i);
    let plan = plan_merge(&state(ours), &state(theirs), MergeOptions::default());
    assert!(plan.conflicts.is_empty(), "{:?}", plan.conflicts);
    let merged = plan.apply(&[], at(1000)).unwrap();
    let d = &merged.deployments[0];
    assert!(d.test_results.iter().all(|r| r.id != "r-fail"));
    assert_eq!(d.issues[0].test_result_id.as_deref(), Some("r-fail"));
    assert!(check_deployments(&merged.deployments, &[]).is_empty());
    // And a deleted issue stays deleted, remembered for the next merge.
    let mut gone = merged.clone();
    gone.deployments[0].remove("i1", at(1200));
    let plan = plan_merge(&gone, &merged, MergeOptions::default());
    assert!(plan.apply(&[], at(1300)).unwrap().deployments[0].issues.is_empty());
}

// ------------------------------------------------------------------ NHS numbers

#[test]
fn nhs_numbers_in_the_logs_free_text_are_found_and_named() {
    let mut d = with_logs();
    d.issues[0].description = "Referral for 943 476 5919 was refused".into();
    d.issues[0].resolution = "Resent for 4010232137".into();
    d.lessons[0].what_happened = "Patient 943-476-5919 waited".into();
    d.lessons[0].lesson = "Use test patients only".into();
    d.lessons[0].action = "Check 9434765919 is a test patient".into();
    let found: Vec<(String, String)> = scan_deployment(&d).into_iter().map(|f| (f.location, f.matched)).collect();
    assert_eq!(
        found,
        [
            ("Issue ISS-001 \u{2014} description".to_owned(), "943 476 5919".to_owned()),
            ("Issue ISS-001 \u{2014} resolution".to_owned(), "4010232137".to_owned()),
            ("Lesson of 21 January 2026 \u{2014} what happened".to_owned(), "943-476-5919".to_owned()),
            ("Lesson of 21 January 2026 \u{2014} action".to_owned(), "9434765919".to_owned()),
        ]
    );
}

// ------------------------------------------------------------------ CSV

/// Reads a CSV file's text back with the csv crate: (header, rows).
fn read_back(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let body = text.strip_prefix(csv_out::BOM).expect("starts with a byte-order mark");
    let mut r = csv::ReaderBuilder::new().from_reader(body.as_bytes());
    let header = r.headers().unwrap().iter().map(str::to_owned).collect();
    let rows = r.records().map(|row| row.unwrap().iter().map(str::to_owned).collect()).collect();
    (header, rows)
}

#[test]
fn the_issue_log_csv_reads_back_with_its_header_iso_dates_and_quoted_text() {
    let mut d = with_logs();
    let mut closed = issue(&d, "i2", &IssueDraft {
        description: "Line one, with a comma\nand \"quotes\" on line two".into(), status: "closed".into(), owner: "supplier".into(),
        resolution: "=HYPERLINK(\"http://example.com\")".into(), resolved_on: "2026-03-09".into(), root_cause: "supplier_solution".into(), ..draft()
    }, at(20));
    closed.priority = Priority::Critical;
    d.issues.push(closed);
    let text = csv_out::issue_log(&d, today());
    assert!(text.starts_with("\u{feff}Reference,Raised on,Raised by,"), "{text}");
    assert!(text.ends_with("\r\n"));
    assert_eq!(text.matches("\r\n").count(), 3, "a header and two rows, a line break inside a quoted field is not a row");
    let (header, rows) = read_back(&text);
    assert_eq!(header, csv_out::ISSUE_COLUMNS);
    assert_eq!(rows.len(), 2);
    let first: Vec<&str> = rows[0].iter().map(String::as_str).collect();
    assert_eq!(
        first,
        [
            "ISS-001", "2026-01-14", "Healthcare provider", "", "Yorkshire Ambulance Service", "UAT (private beta)", "High",
            "The workflow \u{201c}Validation request\u{201d} failed in UAT: Service ID missing from the message", "The provider's configuration", "",
            "New", "", "", "65", "Validation request, 2026-01-14", "",
        ]
    );
    let second = &rows[1];
    assert_eq!(second[0], "ISS-002");
    assert_eq!(second[3], "Sam Patel, Acme Health");
    assert_eq!(second[7], "Line one, with a comma\nand \"quotes\" on line two");
    assert_eq!(second[6], "Critical");
    assert_eq!(second[9], "Healthcare IT supplier");
    assert_eq!(second[11], "'=HYPERLINK(\"http://example.com\")", "a formula is written as text");
    assert_eq!((second[12].as_str(), second[13].as_str()), ("2026-03-09", "7"));
}

#[test]
fn the_lessons_csv_reads_back_and_can_hold_only_the_retrospective() {
    let mut d = with_logs();
    let mut other = d.lessons[0].clone();
    other.id = "l2".into();
    other.for_retrospective = false;
    other.what_happened = "-2 days of counts were missing".into();
    d.lessons.push(other);
    let (header, rows) = read_back(&csv_out::lessons_log(&d, false));
    assert_eq!(header, csv_out::LESSON_COLUMNS);
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[0],
        [
            "2026-01-21", "Technical", "UAT stalled for a week on a missing service ID", "Check endpoint entries before UAT", "NHS England BaRS team",
            "Chris O'Neill, NHS England", "Add the check to the UAT checklist", "NHS England BaRS team", "Action in progress", "Yes",
        ]
    );
    assert_eq!(rows[1][2], "'-2 days of counts were missing");
    let (_, retro) = read_back(&csv_out::lessons_log(&d, true));
    assert_eq!(retro.len(), 1);
}

#[test]
fn the_volumetrics_csv_lists_every_day_oldest_first_and_marks_live_running() {
    let mut d = deployment();
    d.providers[0].name = "Leeds, York & Hull \"North\"".into();
    for (id, provider, date, referrals, responses) in [("v3", "p2", day(2, 2), 3, 1), ("v1", "p1", day(1, 31), 4, 4), ("v2", "p1", day(2, 2), 12, 11)] {
        d.volumetrics.push(DailyVolume { id: id.into(), updated_at: at(1), provider_id: provider.into(), date, referrals, responses });
    }
    let text = csv_out::volumetrics(&d);
    assert!(text.starts_with("\u{feff}Date,Provider,ODS code,Referrals sent,Responses received,Live running\r\n"));
    assert!(text.contains("\"Leeds, York & Hull \"\"North\"\"\""), "a comma or quote is quoted, quotes doubled: {text}");
    let (header, rows) = read_back(&text);
    assert_eq!(header, csv_out::VOLUMETRIC_COLUMNS);
    let got: Vec<Vec<&str>> = rows.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
    assert_eq!(
        got,
        [
            ["2026-01-31", "Leeds, York & Hull \"North\"", "RX8", "4", "4", "No"],
            ["2026-02-02", "Leeds, York & Hull \"North\"", "RX8", "12", "11", "Yes"],
            ["2026-02-02", "Leeds Community Healthcare", "RX8", "3", "1", "No"],
        ]
    );
}

#[test]
fn the_readiness_summary_csv_has_a_row_per_provider_and_a_pooled_row_as_of_the_date() {
    let mut d = deployment();
    d.has_responses = false;
    for n in 0..30 {
        let date = day(2, 1) + chrono::Days::new(n);
        d.volumetrics.push(DailyVolume { id: format!("v{n}"), updated_at: at(1), provider_id: "p1".into(), date, referrals: 1, responses: 1 });
    }
    d.milestones.push(Milestone { id: "m".into(), updated_at: at(1), provider_id: "p1".into(), kind: MilestoneKind::GuidanceReviewed, date: day(2, 3), recorded_by: "J Smith".into() });
    let as_of = day(3, 1);
    let (header, rows) = read_back(&csv_out::readiness_summary(&d, as_of));
    assert_eq!(header, csv_out::READINESS_COLUMNS);
    assert_eq!(rows.len(), 3);
    let r = bars_domain::readiness::assess(&d, as_of);
    let yas: Vec<&str> = rows[0].iter().map(String::as_str).collect();
    assert_eq!(&yas[..9], ["2026-03-01", "Yorkshire Ambulance Service", "2026-02-01", "0", "1", "No", "29", "20", "Yes"]);
    assert_eq!(yas[9], r.providers[0].verification.days.to_string());
    assert_eq!(&yas[10..15], ["14", "1", "Yes", "2026-02-03", "No"], "15 days since the clock restarted on 15 February; UAT still failing");
    assert_eq!(rows[1][1], "Leeds Community Healthcare");
    assert_eq!(rows[1][2], "", "no go-live yet");
    let pooled: Vec<&str> = rows[2].iter().map(String::as_str).collect();
    assert_eq!(&pooled[..9], ["2026-03-01", csv_out::POOLED_ROW, "", "1", "2", "No", "29", "20", "Yes"]);
    assert_eq!(pooled[14], "No");
    assert!(pooled[15].starts_with("Not yet known") || pooled[15].len() == 10, "{}", pooled[15]);
    // Another as-of date gives another summary.
    let (_, earlier) = read_back(&csv_out::readiness_summary(&d, day(2, 10)));
    assert_eq!(&earlier[2][6..9], ["10", "20", "No"]);
}

#[test]
fn csv_file_names_are_plain() {
    assert_eq!(csv_out::file_name("Falls lifting – wave 1", "issue-log", day(3, 1)), "falls-lifting-wave-1-issue-log-2026-03-01.csv");
    assert_eq!(csv_out::file_name("–", "lessons", day(3, 1)), "lessons-2026-03-01.csv");
}

proptest::proptest! {
    /// The app's CSV lines are byte for byte what the csv crate writes, and read back as written.
    #[test]
    fn csv_lines_are_what_the_csv_crate_writes(rows in proptest::collection::vec(proptest::collection::vec("(?s).{0,12}|[,\"\r\n a=]{0,6}", 2..6), 1..5)) {
        let mut ours = String::new();
        let mut theirs = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).flexible(true).from_writer(Vec::new());
        for row in &rows {
            csv_out::record(&mut ours, row.iter().map(String::as_str));
            theirs.write_record(row).unwrap();
        }
        let theirs = String::from_utf8(theirs.into_inner().unwrap()).unwrap();
        proptest::prop_assert_eq!(&ours, &theirs);
        // Read back as the app's files are written: after a byte-order mark.
        let file = format!("{}{ours}", csv_out::BOM);
        let back: Vec<Vec<String>> = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(file.as_bytes())
            .records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect();
        proptest::prop_assert_eq!(back, rows);
    }
}

// ------------------------------------------------------------------ a "no" naming issues

/// `with_logs` plus a second open issue for p1, one for no provider, one for p2
/// and a closed one, and a "no" go / no-go decision for p1 (issue 11 item 1).
fn with_named_issues() -> (Deployment, bars_domain::records::DecisionDraft) {
    let mut d = with_logs();
    let general = IssueDraft { provider_id: String::new(), description: "The standard's example is out of date".into(), ..draft() };
    let i = issue(&d, "i2", &general, at(12));
    d.issues.push(i);
    let other = IssueDraft { provider_id: "p2".into(), description: "Cancel refused".into(), ..draft() };
    let i = issue(&d, "i3", &other, at(13));
    d.issues.push(i);
    let closed = IssueDraft { status: "closed".into(), owner: "supplier".into(), resolution: "Fixed".into(), resolved_on: "2026-03-03".into(), ..draft() };
    let i = issue(&d, "i4", &closed, at(14));
    d.issues.push(i);
    let no = bars_domain::records::DecisionDraft {
        kind: "go_no_go".into(), date: "2026-03-04".into(), outcome: "no".into(), decided_by: "Panel".into(),
        parties: vec!["provider".into()], reasons: "Service ID missing".into(), must_change: vec!["provider_configuration".into()],
        returns_to: "private_beta".into(), issue_ids: vec!["i2".into(), "i1".into()],
    };
    (d, no)
}

#[test]
fn a_no_decision_names_the_providers_open_issues_and_a_yes_names_none() {
    use bars_domain::records::{Record, Reference};
    let (mut d, no) = with_named_issues();
    // The choices: p1's open issues and those for no provider, by reference; not p2's, not closed ones.
    let offered: Vec<&str> = d.open_issues_for("p1").iter().map(|i| i.id.as_str()).collect();
    assert_eq!(offered, ["i1", "i2"]);
    let x = no.record(&d, "p1", today(), "dec".into(), at(20)).unwrap();
    assert_eq!(x.issue_ids, ["i2", "i1"], "kept in the order chosen");
    assert_eq!(
        x.refers_to(),
        [
            Reference { field: "issue_ids", index: Some(0), collection: "issues", id: "i2" },
            Reference { field: "issue_ids", index: Some(1), collection: "issues", id: "i1" },
        ]
    );
    // An id that matches no issue (removed since the form was drawn) is dropped, not saved.
    let stale = bars_domain::records::DecisionDraft { issue_ids: vec!["i9".into(), "i1".into()], ..no.clone() };
    assert_eq!(stale.record(&d, "p1", today(), "dec".into(), at(20)).unwrap().issue_ids, ["i1"]);
    // A "yes" names none, whatever the hidden checkboxes hold.
    let yes = bars_domain::records::DecisionDraft { kind: "acceptance_met".into(), outcome: "yes".into(), ..no };
    assert!(yes.record(&d, "p1", today(), "yes".into(), at(21)).unwrap().issue_ids.is_empty());
    d.decisions.push(x);
    assert_eq!(d.decisions_naming("i1").iter().map(|x| x.id.as_str()).collect::<Vec<_>>(), ["dec"]);
    assert!(d.decisions_naming("i3").is_empty());
    // The history's event for the decision carries the ids for links.
    let events = bars_domain::stages::timeline(&d, "p1", today());
    let event = events.iter().find(|e| matches!(e.kind, bars_domain::stages::EventKind::Decision { .. })).unwrap();
    assert_eq!(event.issue_ids, ["i2", "i1"]);
    // A file keeps them.
    let s = import(&export(std::slice::from_ref(&d), &[], &meta())).unwrap();
    assert_eq!(s.deployments[0].decisions[0].issue_ids, ["i2", "i1"]);
}

#[test]
fn a_file_whose_decision_names_issues_wrongly_says_where() {
    let (mut d, no) = with_named_issues();
    let x = no.record(&d, "p1", today(), "dec".into(), at(20)).unwrap();
    d.decisions.push(x);
    let text = export(std::slice::from_ref(&d), &[], &meta());
    let problems = |change: &dyn Fn(&mut serde_json::Value)| -> Vec<(String, String)> {
        let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
        change(&mut v["deployments"][0]["decisions"][0]);
        match import(&v.to_string()) {
            Err(ImportError::Invalid(p)) => p.listed.into_iter().map(|e| (e.field, e.message)).collect(),
            Ok(_) => Vec::new(),
            other => panic!("expected problems, got {other:?}"),
        }
    };
    assert_eq!(
        problems(&|x| x["issue_ids"][1] = "i-9".into()),
        [("deployments[0].decisions[0].issue_ids[1]".into(), "\u{201c}i-9\u{201d} does not match the id of an issue in this deployment".into())]
    );
    let yes = problems(&|x| {
        x["outcome"] = "yes".into();
        x["must_change"] = serde_json::json!([]);
        x["returns_to"] = serde_json::Value::Null;
    });
    assert_eq!(
        yes,
        [("deployments[0].decisions[0].issue_ids".into(), "must be empty for a \u{201c}yes\u{201d}: only a \u{201c}no\u{201d} names the issues behind it".into())]
    );
    // A file without the field (written before version 7) reads as naming none.
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["deployments"][0]["decisions"][0].as_object_mut().unwrap().remove("issue_ids");
    assert!(import(&v.to_string()).unwrap().deployments[0].decisions[0].issue_ids.is_empty());
    // The issue named is deleted: the reference stays and the deployment stays valid.
    assert!(d.remove("i2", at(30)));
    assert_eq!(d.decisions[0].issue_ids, ["i2", "i1"]);
    assert!(check_deployments(std::slice::from_ref(&d), &[]).is_empty());
    assert!(import(&export(std::slice::from_ref(&d), &[], &meta())).is_ok());
}
