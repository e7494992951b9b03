//! Who does what (issue 10): the RASCI matrix seeded from the guide, the
//! one-Accountable check, changes to cells merged between organisations,
//! responsibilities and their states, and "what my organisation does next".

use bars_domain::deployment::{Deployment, DeploymentFields};
use bars_domain::merge::{plan_merge, MergeOptions};
use bars_domain::next_steps::{next_steps, suppliers, Link, Step, StepKind, Viewer};
use bars_domain::rasci::{accountable_problems, column_heading, matrix, Cell, Row, Task, COLUMNS, GUIDE};
use bars_domain::readiness::assess;
use bars_domain::records::{
    Contact, Decision, DecisionKind, DecisionOutcome, Milestone, MilestoneKind, Outcome, Party, Provider, ProviderRole, RasciChange, Responsibility,
    TestResult, Workflow,
};
use bars_domain::stages::{provider_stages, Stage};
use bars_domain::responsibilities::{state, states_of, Duty, Source, Status, Where};
use bars_domain::validate::check_deployments;
use bars_domain::{AppState, ApplicationChoice, ServiceRiskLevel};
use chrono::{DateTime, NaiveDate, Utc};

fn at(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_770_000_000 + secs, 0).unwrap()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
}

/// The guide's "Project Tasks" table, typed out again here from the guide
/// (section rows in bold, then each task and its four letters), so the test
/// does not share the app's table.
const EXPECTED: &str = "
| **Beta Coordination** | | | | |
| Beta coordination | R | R | S | A |
| **Software Development** | | | | |
| Continuous development in line with the BaRS | R | C | S | A |
| **Solutions Assurance** | | | | |
| Approval of evidence | R | I | R | A |
| Issuance of Technical Conformance Certificate | C | I | R | A |
| **Governance** | | | | |
| DCB 0129 compliance | R | I | R | A |
| Clinical governance including DCB 0160 | C | R | I | A |
| Information governance | S | R | S | A |
| Beta acceptance criteria met | C | R | R | A |
| **Beta Environments** | | | | |
| Provide private beta (UAT) environment | S | R | S | A |
| Provide public beta environment (Live) | S | R | S | A |
| Install and update software | A | R | S | I |
| Configuration | R | C | S | A |
| **Beta Testing** | | | | |
| Private beta test scripts | S | R | S | A |
| Private beta testing | R | R | S | A |
| Public beta smoke testing | R | R | S | A |
| **Issue Management** | | | | |
| Issue management | R | R | R | I |
| Issue resolution | R | R | R | I |
| **Business Change** | | | | |
| Business change activities | S | R | S | A |
| **Lessons Learned** | | | | |
| Lessons learned process | S | S | R | A |
| **BaRS (Standard) Development** | | | | |
| Continuous development of the Standard | S | S | R | A |
| **Public Beta Service Management** | | | | |
| Incident reporting | I | R | S | A |
| Incident management | S | S | S | A/R |
| Incident resolution | R | R | R | A |
| **NHSE Policy & Strategy** | | | | |
| Service design and related policy changes | N/A | C | I | R/A |
| Implementation plan beyond beta | C | C | I | R/A |
| Benefits management beyond beta | N/A | C | I | R/A |
| Policy support for Healthcare Providers | N/A | C | I | R/A |
";

/// (section, task, letters) from a markdown table's rows.
fn parse_table(text: &str) -> Vec<(String, String, Vec<String>)> {
    let mut rows = Vec::new();
    let mut section = String::new();
    for line in text.lines().map(str::trim).filter(|l| l.starts_with('|')) {
        let cells: Vec<String> = line.trim_matches('|').split('|').map(|c| c.trim().to_owned()).collect();
        if cells.len() < 5 || cells[0].starts_with('-') || cells[0] == "Project Tasks" {
            continue;
        }
        if let Some(heading) = cells[0].strip_prefix("**").and_then(|c| c.strip_suffix("**")) {
            section = heading.to_owned();
        } else {
            rows.push((section.clone(), cells[0].clone(), cells[1..5].to_vec()));
        }
    }
    rows
}

/// The app's seeded matrix in the same shape.
fn seeded() -> Vec<(String, String, Vec<String>)> {
    matrix(&[]).iter().map(|r| (r.section.to_owned(), r.task.label().to_owned(), r.cells.iter().map(|c| c.letters.clone()).collect())).collect()
}

fn assert_same_cells(expected: &[(String, String, Vec<String>)], what: &str) {
    let ours = seeded();
    assert_eq!(ours.len(), expected.len(), "{what}: number of tasks");
    for ((s1, t1, c1), (s2, t2, c2)) in ours.iter().zip(expected) {
        assert_eq!((s1, t1), (s2, t2), "{what}: section and task");
        for (i, party) in COLUMNS.iter().enumerate() {
            assert_eq!(c1[i], c2[i], "{what}: {t1}, {}", column_heading(*party));
        }
    }
}

#[test]
fn the_seeded_matrix_equals_the_guide_cell_by_cell() {
    let expected = parse_table(EXPECTED);
    assert_eq!(expected.len(), 27);
    assert_same_cells(&expected, "the table typed out in this test");
    // And, where the guide itself is at hand (it is not part of the
    // repository), against its own markdown.
    let guide = std::env::var("BARS_GUIDE").unwrap_or_else(|_| "/work/shared/seed/beta-deployment-guide.md".to_owned());
    if let Ok(text) = std::fs::read_to_string(&guide) {
        let table = &text[text.find("### Project Tasks").expect("the guide's matrix")..];
        assert_same_cells(&parse_table(table), "the guide's markdown");
    } else {
        eprintln!("the guide is not at {guide}: compared with the typed-out table only");
    }
}

#[test]
fn the_guides_column_headings_are_kept() {
    let headings: Vec<&str> = COLUMNS.iter().map(|p| column_heading(*p)).collect();
    assert_eq!(headings, ["Clinical System Supplier", "Healthcare Provider", "BaRS Team", "NHSE Policy & Strategy"]);
    assert_eq!(GUIDE.len(), 12);
}

/// What the check finds in the guide's own matrix: two tasks, each with no
/// Accountable party; every other task has exactly one (counting "A/R" and "R/A").
#[test]
fn the_check_on_the_guides_own_matrix() {
    let found: Vec<String> = accountable_problems(&matrix(&[])).iter().map(|p| p.describe()).collect();
    assert_eq!(found, ["Issue management has no Accountable party", "Issue resolution has no Accountable party"]);
}

fn row(cells: [&str; 4]) -> Row {
    Row { task: Task::Configuration, section: "Beta Environments", cells: cells.map(|c| Cell { letters: c.to_owned(), change_id: None }) }
}

#[test]
fn the_check_on_hand_made_matrices() {
    let check = |cells: [&str; 4]| accountable_problems(&[row(cells)]).into_iter().next().map(|p| p.accountable);
    // None.
    assert_eq!(check(["R", "C", "S", "I"]), Some(vec![]));
    // One.
    assert_eq!(check(["R", "C", "S", "A"]), None);
    // Two.
    assert_eq!(check(["A", "R", "S", "A"]), Some(vec![Party::Supplier, Party::PolicyAndStrategy]));
    // Combined letters count as one A, whichever order.
    assert_eq!(check(["R", "C", "S", "R/A"]), None);
    assert_eq!(check(["A/R", "C", "S", "I"]), None);
    assert_eq!(check(["A/R", "R/A", "S", "I"]), Some(vec![Party::Supplier, Party::Provider]));
    // N/A holds no letter.
    assert_eq!(check(["N/A", "N/A", "N/A", "N/A"]), Some(vec![]));
    assert_eq!(check(["N/A", "C", "I", "R/A"]), None);
    // The words.
    let two = accountable_problems(&[row(["A", "R", "S", "A/R"])]);
    assert_eq!(two[0].describe(), "Configuration has 2 Accountable parties: Healthcare IT supplier and NHS England policy and strategy");
}

fn base() -> Deployment {
    let fields = DeploymentFields { name: "Falls lifting".into(), application: ApplicationChoice::Preset { number: 4 }, risk_level: ServiceRiskLevel::Medium };
    let mut d = Deployment::new("dep".into(), fields, at(0));
    for (id, name, supplier) in [("p1", "Leeds Teaching Hospitals", "Acme"), ("p2", "Bradford Care", "Zenith")] {
        d.providers.push(Provider {
            id: id.into(),
            updated_at: at(1),
            name: name.into(),
            ods_code: "RR8".into(),
            role: ProviderRole::Both,
            supplier: supplier.into(),
            go_live: None,
        });
    }
    d
}

fn contact(party: Party, provider: Option<&str>, organisation: &str, role: &str, name: &str) -> Contact {
    Contact {
        id: "c1".into(),
        updated_at: at(3),
        party,
        provider_id: provider.map(str::to_owned),
        organisation: organisation.into(),
        role: role.into(),
        name: name.into(),
        email: String::new(),
    }
}

fn change(id: &str, task: Task, party: Party, letters: &str, t: i64) -> RasciChange {
    RasciChange { id: id.into(), updated_at: at(t), task, party, letters: letters.into(), changed_by: "Sam, Acme".into(), reason: "Agreed".into() }
}

fn merged(local: Deployment, incoming: Deployment) -> Deployment {
    let plan = plan_merge(
        &AppState { deployments: vec![local], ..Default::default() },
        &AppState { deployments: vec![incoming], ..Default::default() },
        MergeOptions::default(),
    );
    assert!(plan.conflicts.is_empty(), "{:?}", plan.conflicts);
    plan.apply(&[], at(10_000)).unwrap().deployments.remove(0)
}

#[test]
fn a_change_replaces_its_cell_and_the_check_sees_it() {
    let mut d = base();
    assert_eq!(accountable_problems(&d.rasci()).len(), 2);
    d.rasci_changes.push(change("c1", Task::IssueManagement, Party::BarsTeam, "R/A", 10));
    let rows = d.rasci();
    let issue = rows.iter().find(|r| r.task == Task::IssueManagement).unwrap();
    assert_eq!(issue.cell(Party::BarsTeam).letters, "R/A");
    assert_eq!(issue.cell(Party::BarsTeam).change_id.as_deref(), Some("c1"));
    assert_eq!(issue.cell(Party::Supplier).change_id, None);
    assert_eq!(accountable_problems(&rows).iter().map(|p| p.task).collect::<Vec<_>>(), [Task::IssueResolution]);
    // A second Accountable party on a task the guide gives one.
    d.rasci_changes.push(change("c2", Task::Configuration, Party::Supplier, "R/A", 11));
    assert_eq!(accountable_problems(&d.rasci()).iter().map(|p| p.task).collect::<Vec<_>>(), [Task::Configuration, Task::IssueResolution]);
    // Fixed by a later change of the same cell: the history keeps both.
    d.rasci_changes.push(change("c3", Task::Configuration, Party::Supplier, "R", 12));
    assert_eq!(accountable_problems(&d.rasci()).len(), 1);
    let history: Vec<&str> = d.rasci_history(Task::Configuration, Party::Supplier).iter().map(|c| c.id.as_str()).collect();
    assert_eq!(history, ["c3", "c2"]);
    assert!(check_deployments(&[d], &[]).is_empty());
}

#[test]
fn concurrent_changes_of_one_cell_merge_to_the_later_in_either_direction() {
    let mut ours = base();
    let mut theirs = base();
    ours.rasci_changes.push(change("ours", Task::IssueResolution, Party::BarsTeam, "R/A", 20));
    theirs.rasci_changes.push(change("theirs", Task::IssueResolution, Party::BarsTeam, "S", 30));
    theirs.rasci_changes.push(change("theirs-2", Task::IssueManagement, Party::Provider, "A", 25));
    let a = merged(ours.clone(), theirs.clone());
    let b = merged(theirs, ours);
    assert_eq!(a.rasci_changes.len(), 3, "both changes of the cell are kept");
    for d in [&a, &b] {
        let rows = d.rasci();
        let cell = |task, party| rows.iter().find(|r| r.task == task).unwrap().cell(party).letters.clone();
        assert_eq!(cell(Task::IssueResolution, Party::BarsTeam), "S", "the later change counts");
        assert_eq!(cell(Task::IssueManagement, Party::Provider), "A");
    }
    // Two changes at the same moment: the greater id counts, on both sides.
    let mut x = base();
    let mut y = base();
    x.rasci_changes.push(change("a-change", Task::Configuration, Party::Provider, "A", 40));
    y.rasci_changes.push(change("b-change", Task::Configuration, Party::Provider, "I", 40));
    for d in [merged(x.clone(), y.clone()), merged(y, x)] {
        assert_eq!(d.rasci().iter().find(|r| r.task == Task::Configuration).unwrap().cell(Party::Provider).letters, "I");
    }
}

fn responsibility(id: &str, duty: Duty, provider: Option<&str>, status: Status, t: i64) -> Responsibility {
    Responsibility {
        id: id.into(),
        updated_at: at(t),
        duty,
        provider_id: provider.map(str::to_owned),
        status,
        owner_id: None,
        date: None,
        notes: String::new(),
    }
}

#[test]
fn one_responsibility_edited_in_two_places_merges_like_any_record() {
    let mut ours = base();
    ours.responsibilities.push(responsibility("r1", Duty::SupplierConfiguration, None, Status::InProgress, 10));
    let mut theirs = ours.clone();
    theirs.responsibilities[0].status = Status::Done;
    theirs.responsibilities[0].updated_at = at(20);
    let d = merged(ours.clone(), theirs.clone());
    assert_eq!(state(&d, Duty::SupplierConfiguration, None, today()).status, Some(Status::Done));
    // Changed on both sides at the same moment, differently: a conflict to settle.
    ours.responsibilities[0].updated_at = at(20);
    let plan = plan_merge(
        &AppState { deployments: vec![ours], ..Default::default() },
        &AppState { deployments: vec![theirs], ..Default::default() },
        MergeOptions::default(),
    );
    assert_eq!(plan.conflicts.len(), 1);
    assert!(plan.conflicts[0].what.contains("Lead") || plan.conflicts[0].what.contains("Configure"), "{}", plan.conflicts[0].what);
}

#[test]
fn states_come_from_gates_contacts_and_the_test_plan_instead_of_asking_twice() {
    let mut d = base();
    // DCB0129 is a gate recorded per provider: the supplier's duty counts them.
    let s = state(&d, Duty::SupplierDcb0129, None, today());
    assert_eq!(s.status, Some(Status::NotStarted));
    assert_eq!(s.from_elsewhere.as_ref().unwrap().0, "Recorded for 0 of 2 providers");
    d.milestones.push(Milestone { id: "m1".into(), updated_at: at(2), provider_id: "p1".into(), kind: MilestoneKind::Dcb0129, date: today(), recorded_by: "Jo".into() });
    assert_eq!(state(&d, Duty::SupplierDcb0129, None, today()).status, Some(Status::InProgress));
    d.milestones.push(Milestone { id: "m2".into(), updated_at: at(2), provider_id: "p2".into(), kind: MilestoneKind::Dcb0129, date: today(), recorded_by: "Jo".into() });
    assert_eq!(state(&d, Duty::SupplierDcb0129, None, today()).status, Some(Status::Done));
    // The certificate for one provider.
    let tcc = state(&d, Duty::BarsCertificate, None, today());
    assert_eq!((tcc.status, tcc.from_elsewhere.unwrap().1), (Some(Status::NotStarted), Where::Providers));
    let dcb0160 = state(&d, Duty::ProviderDcb0160, Some("p1"), today());
    assert_eq!(dcb0160.from_elsewhere.unwrap(), ("Not recorded yet on the provider\u{2019}s page".to_owned(), Where::Provider("p1".into())));
    // The exit report: from its narrative (issue 12), done once completed on or before the day.
    let exit = state(&d, Duty::ProviderExitReport, Some("p1"), today());
    assert_eq!(exit.status, Some(Status::NotStarted));
    assert_eq!(exit.from_elsewhere.unwrap(), ("No one has started its narrative yet".to_owned(), Where::ExitReport("p1".into())));
    let draft = bars_domain::forms::ExitReportDraft { summary: "Went well".into(), ..Default::default() };
    d.put_exit_report(draft.record(&d, "p1", today(), "x".into(), at(3)).unwrap());
    assert_eq!(state(&d, Duty::ProviderExitReport, Some("p1"), today()).status, Some(Status::InProgress));
    let done = bars_domain::forms::ExitReportDraft { completed_by: "Dr Jo Evans".into(), completed_on: today().to_string(), ..draft };
    d.put_exit_report(done.record(&d, "p1", today(), "x".into(), at(4)).unwrap());
    let exit = state(&d, Duty::ProviderExitReport, Some("p1"), today());
    assert_eq!(exit.status, Some(Status::Done));
    assert!(exit.from_elsewhere.unwrap().0.starts_with("Completed by Dr Jo Evans on "));
    let before = today().pred_opt().unwrap();
    assert_eq!(state(&d, Duty::ProviderExitReport, Some("p1"), before).status, Some(Status::InProgress), "completed after that day");
    d.exit_reports.clear();
    // View access and the v1.0 uplift are the supplier's gates, counted over its providers.
    assert_eq!(Duty::SupplierViewAccess.source(), Source::Gate(MilestoneKind::ViewAccess));
    d.milestones.push(Milestone { id: "m4".into(), updated_at: at(3), provider_id: "p2".into(), kind: MilestoneKind::UpliftDeployed, date: today(), recorded_by: "Sam".into() });
    let uplift = state(&d, Duty::SupplierUplift, None, today());
    assert_eq!((uplift.status, uplift.from_elsewhere.unwrap().0.as_str()), (Some(Status::InProgress), "Recorded for 1 of 2 providers"));
    assert!(uplift.context.unwrap().contains("Stable v1.0 is not published yet"), "the deadline still shows");
    // Core roles from contacts, per provider.
    d.contacts.push(contact(Party::Provider, Some("p1"), "Leeds", "Clinical lead", "Dr Jo Evans"));
    let p1 = state(&d, Duty::ProviderContacts, Some("p1"), today());
    assert_eq!(p1.status, Some(Status::InProgress));
    assert_eq!(p1.from_elsewhere.unwrap().0, "No one yet for: Project or digital lead, Information governance lead, Operational lead, System user");
    assert_eq!(state(&d, Duty::ProviderContacts, Some("p2"), today()).status, Some(Status::NotStarted));
    // UAT from the test plan (the Application's workflows, none run).
    let uat = state(&d, Duty::ProviderUat, Some("p1"), today());
    assert_eq!(uat.from_elsewhere.unwrap().0, "0 of 0 test plan workflows passed");
    // By hand: the latest record counts.
    d.responsibilities.push(responsibility("r1", Duty::ProviderTransparency, Some("p1"), Status::InProgress, 5));
    d.responsibilities.push(responsibility("r2", Duty::ProviderTransparency, Some("p1"), Status::Done, 6));
    assert_eq!(state(&d, Duty::ProviderTransparency, Some("p1"), today()).status, Some(Status::Done));
    assert_eq!(state(&d, Duty::ProviderTransparency, Some("p2"), today()).status, Some(Status::NotStarted));
    // Each party's list: providers' once per provider.
    assert_eq!(states_of(&d, Party::Provider, None, today()).len(), 2 * Duty::of(Party::Provider).count());
    assert_eq!(states_of(&d, Party::PolicyAndStrategy, None, today()).len(), 5);
    assert!(Duty::ALL.iter().all(|duty| duty.source() != Source::ByHand || !duty.label().is_empty()));
    assert!(check_deployments(&[d], &[]).is_empty());
}

#[test]
fn an_owner_removed_later_does_not_make_the_deployment_invalid_and_removing_a_provider_removes_its_list() {
    let mut d = base();
    d.contacts.push(contact(Party::Supplier, None, "Acme", "Project lead", "Sam"));
    let mut r = responsibility("r1", Duty::SupplierInstall, None, Status::InProgress, 5);
    r.owner_id = Some("c1".into());
    d.responsibilities.push(r);
    d.responsibilities.push(responsibility("r2", Duty::ProviderCalls, Some("p2"), Status::Done, 5));
    d.remove("c1", at(6));
    assert!(check_deployments(std::slice::from_ref(&d), &[]).is_empty(), "a deleted contact may still be named");
    d.responsibilities[0].owner_id = Some("nobody".into());
    let problems = check_deployments(std::slice::from_ref(&d), &[]);
    assert_eq!(problems.listed[0].field, "deployments[0].responsibilities[0].owner_id");
    d.responsibilities[0].owner_id = None;
    d.remove_provider("p2", at(7));
    assert_eq!(d.responsibilities.len(), 1);
}

#[test]
fn a_provider_sees_only_its_own_next_steps() {
    let mut d = base();
    d.contacts.push(contact(Party::Provider, Some("p1"), "Leeds", "Clinical lead", "Dr Jo Evans"));
    let r = assess(&d, today());
    let viewer = Viewer::from_key("provider:p1").unwrap();
    let steps = next_steps(&d, &viewer, today(), &r);
    // Gates: the provider's own, not the supplier's DCB0129 or the BaRS team's certificate.
    let gates: Vec<&str> = steps.iter().filter(|s| s.kind == StepKind::Gate).map(|s| s.text.as_str()).collect();
    assert!(gates.contains(&MilestoneKind::Dcb0160.label()) && !gates.contains(&MilestoneKind::Dcb0129.label()), "{gates:?}");
    assert!(!gates.contains(&MilestoneKind::TechnicalConformanceCertificate.label()));
    assert!(steps.iter().filter(|s| s.provider.is_some()).all(|s| s.provider.as_deref() == Some("Leeds Teaching Hospitals")));
    // Responsibilities: the provider's only, gates not repeated.
    let duties: Vec<&str> = steps.iter().filter(|s| s.kind == StepKind::Responsibility).map(|s| s.text.as_str()).collect();
    assert!(duties.contains(&Duty::ProviderTransparency.label()));
    assert!(!duties.contains(&Duty::SupplierInstall.label()) && !duties.contains(&Duty::ProviderDcb0160.label()));
    let pre_live = |d: &Duty| matches!(d.source(), Source::Gate(k) if MilestoneKind::PRE_LIVE.contains(&k));
    assert_eq!(duties.len(), Duty::of(Party::Provider).filter(|d| !pre_live(d)).count());
    // The exit report is a gate after go-live: listed with the responsibilities, with its state.
    assert!(duties.contains(&Duty::ProviderExitReport.label()));
    // Tasks where the provider is R or A: 15 of the guide's 27.
    assert_eq!(steps.iter().filter(|s| s.kind == StepKind::Task).count(), 15);
    // Core roles: Leeds has its clinical lead.
    let roles: Vec<&str> = steps.iter().filter(|s| s.kind == StepKind::CoreRole).map(|s| s.text.as_str()).collect();
    assert_eq!(roles, ["Project or digital lead", "Information governance lead", "Operational lead", "System user"]);
    // The key rides in a link and comes back the same.
    assert_eq!(Viewer::from_key(&viewer.key()), Some(viewer));
    assert_eq!(Viewer::from_key("bars_team:whatever"), Some(Viewer { party: Party::BarsTeam, which: None }));
    assert_eq!(Viewer::from_key("nobody"), None);
}

#[test]
fn a_supplier_sees_the_gates_of_its_own_providers() {
    let d = base();
    assert_eq!(suppliers(&d), ["Acme", "Zenith"]);
    let r = assess(&d, today());
    let steps = next_steps(&d, &Viewer { party: Party::Supplier, which: Some("acme".into()) }, today(), &r);
    let gates: Vec<(&str, Option<&str>)> = steps.iter().filter(|s| s.kind == StepKind::Gate).map(|s| (s.text.as_str(), s.provider.as_deref())).collect();
    assert_eq!(
        gates,
        [
            (MilestoneKind::Dcb0129.label(), Some("Leeds Teaching Hospitals")),
            (MilestoneKind::SmokeTestPassed.label(), Some("Leeds Teaching Hospitals"))
        ]
    );
    let all = next_steps(&d, &Viewer { party: Party::Supplier, which: None }, today(), &r);
    assert_eq!(all.iter().filter(|s| s.kind == StepKind::Gate).count(), 4);
    // The supplier is R or A for 11 of the guide's tasks.
    assert_eq!(all.iter().filter(|s| s.kind == StepKind::Task).count(), 11);
}

#[test]
fn the_nhs_number_check_reads_the_new_free_text() {
    let mut d = base();
    let mut c = change("c1", Task::Configuration, Party::Provider, "A", 10);
    c.reason = "Agreed after the incident for 943 476 5919".into();
    d.rasci_changes.push(c);
    let mut r = responsibility("r1", Duty::ProviderCalls, Some("p1"), Status::Done, 5);
    r.notes = "Call about patient 9434765919".into();
    d.responsibilities.push(r);
    let found = bars_domain::nhs_number::scan_deployments(&[d]);
    let places: Vec<(&str, &str)> = found.iter().map(|f| (f.record_id.as_str(), f.location.as_str())).collect();
    assert_eq!(
        places,
        [
            ("c1", "RASCI cell \u{201c}Configuration\u{201d} for the Healthcare provider \u{2014} reason"),
            ("r1", "Responsibility \u{201c}Join the regular calls about what testing turns up\u{201d} of \u{201c}Leeds Teaching Hospitals\u{201d} \u{2014} notes")
        ]
    );
}

#[test]
fn the_responsibility_form_keeps_one_record_per_responsibility() {
    use bars_domain::records::ResponsibilityDraft;
    use bars_domain::validation::message_for;
    let mut d = base();
    d.contacts.push(contact(Party::Provider, Some("p1"), "Leeds", "Clinical lead", "Dr Jo Evans"));
    let empty = ResponsibilityDraft { owner_id: "nobody".into(), date: "2026-02-30".into(), ..Default::default() };
    let errors = empty.record(&d, Duty::ProviderCalls, Some("p1"), None, || "new".into(), at(10)).unwrap_err();
    assert_eq!(message_for(&errors, "status"), Some("Select how far it is"));
    assert_eq!(message_for(&errors, "owner"), Some("Select a contact from the list, or no one"));
    assert!(message_for(&errors, "date").is_some());
    let draft = ResponsibilityDraft { status: "in_progress".into(), owner_id: "c1".into(), date: "2026-03-02".into(), notes: " Weekly ".into() };
    let errors = draft.record(&d, Duty::ProviderCalls, Some("nowhere"), None, || "new".into(), at(10)).unwrap_err();
    assert_eq!(message_for(&errors, "provider"), Some("Select the provider"));
    let first = draft.record(&d, Duty::ProviderCalls, Some("p1"), None, || "new".into(), at(10)).unwrap();
    assert_eq!((first.id.as_str(), first.notes.as_str(), first.owner_id.as_deref()), ("new", "Weekly", Some("c1")));
    d.responsibilities.push(first.clone());
    let done = ResponsibilityDraft { status: "done".into(), ..ResponsibilityDraft::from_record(&first) };
    let again = done.record(&d, Duty::ProviderCalls, Some("p1"), Some(&first), || "other".into(), at(20)).unwrap();
    assert_eq!((again.id.as_str(), again.status), ("new", Status::Done), "the same record, changed");
    // Another party's responsibility names no provider, whatever the page passed.
    let supplier = draft.record(&d, Duty::SupplierInstall, Some("p1"), None, || "s".into(), at(10)).unwrap();
    assert_eq!(supplier.provider_id, None);
}

fn on(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

fn go(id: &str, kind: DecisionKind, date: NaiveDate) -> Decision {
    Decision {
        id: id.into(),
        updated_at: at(50),
        provider_id: "p1".into(),
        kind,
        date,
        outcome: DecisionOutcome::Yes,
        decided_by: "Go / no-go call".into(),
        parties: vec![Party::Provider, Party::BarsTeam],
        reasons: "Ready".into(),
        issue_ids: vec![],
        must_change: vec![],
        returns_to: None,
    }
}

/// Leeds (p1) with everything up to the go / no-go done in February.
fn at_go_no_go() -> Deployment {
    let mut d = base();
    d.workflows.push(Workflow::new("w1".into(), at(2), "p1".into(), "Referral sent".into()));
    d.test_results.push(TestResult { id: "t1".into(), updated_at: at(3), workflow_id: "w1".into(), date: on(2, 5), outcome: Outcome::Pass, note: String::new(), root_cause: None });
    let gates = [
        (MilestoneKind::UatEnvironmentReady, 1),
        (MilestoneKind::ClinicalSignOff, 6),
        (MilestoneKind::ProductionEnvironmentReady, 9),
        (MilestoneKind::TechnicalConformanceCertificate, 9),
        (MilestoneKind::EndpointsCatalogued, 9),
        (MilestoneKind::UsersTrained, 10),
        (MilestoneKind::SmokeTestPassed, 11),
        (MilestoneKind::Dcb0160, 11),
        (MilestoneKind::Dcb0129, 11),
    ];
    for (n, (kind, day)) in gates.into_iter().enumerate() {
        d.milestones.push(Milestone { id: format!("g{n}"), updated_at: at(10 + n as i64), provider_id: "p1".into(), kind, date: on(2, day), recorded_by: "Jo".into() });
    }
    d.decisions.push(go("d1", DecisionKind::MoveToPublicBeta, on(2, 7)));
    d
}

fn decisions(d: &Deployment, who: &str) -> Vec<Step> {
    let viewer = Viewer::from_key(who).unwrap();
    next_steps(d, &viewer, today(), &assess(d, today())).into_iter().filter(|s| s.kind == StepKind::Decision).collect()
}

#[test]
fn a_provider_waiting_at_go_no_go_shows_the_decision_to_the_provider_and_the_bars_team_only() {
    let mut d = at_go_no_go();
    assert_eq!(provider_stages(&d, "p1", today()).current, Some(Stage::GoNoGo));
    let provider = decisions(&d, "provider:p1");
    assert_eq!(provider.len(), 1, "{provider:?}");
    let step = &provider[0];
    assert_eq!((step.text.as_str(), step.provider.as_deref()), ("Go / no-go", Some("Leeds Teaching Hospitals")));
    assert_eq!(step.link, Link::Decision("p1".into()));
    let detail = step.detail.as_deref().unwrap();
    assert!(detail.starts_with("Who decides: Healthcare provider and NHS England BaRS team."), "{detail}");
    assert!(detail.contains(MilestoneKind::GoDecision.label()), "{detail}");
    // The BaRS team sees it too (Bradford is at its UAT environment: no decision yet).
    let bars: Vec<(String, Option<String>)> = decisions(&d, "bars_team").into_iter().map(|s| (s.text, s.provider)).collect();
    assert_eq!(bars, [("Go / no-go".to_owned(), Some("Leeds Teaching Hospitals".to_owned()))]);
    // Not policy and strategy, not the supplier, not the other provider.
    for who in ["policy_and_strategy", "supplier:acme", "supplier", "provider:p2"] {
        assert!(decisions(&d, who).is_empty(), "{who}");
    }
    // The "go" is not listed a second time as a gate.
    let viewer = Viewer::from_key("provider:p1").unwrap();
    let steps = next_steps(&d, &viewer, today(), &assess(&d, today()));
    assert!(!steps.iter().any(|s| s.kind == StepKind::Gate && s.text == MilestoneKind::GoDecision.label()));

    // A "go" dated after the as-of date is ignored: still waiting.
    d.decisions.push(go("d2", DecisionKind::GoNoGo, today().succ_opt().unwrap()));
    assert_eq!(decisions(&d, "provider:p1").len(), 1);
    assert_eq!(decisions(&d, "bars_team").len(), 1);
    // After a "go" on or before it, the decision is gone.
    d.decisions.push(go("d3", DecisionKind::GoNoGo, on(2, 12)));
    assert!(decisions(&d, "provider:p1").is_empty());
    assert!(decisions(&d, "bars_team").is_empty());
    assert!(check_deployments(&[d], &[]).is_empty());
}

#[test]
fn in_public_beta_the_acceptance_decision_waits_on_the_provider_the_bars_team_and_policy() {
    let mut d = at_go_no_go();
    d.decisions.push(go("d3", DecisionKind::GoNoGo, on(2, 12)));
    // Before business go-live public beta has not begun: nothing to decide.
    assert!(decisions(&d, "bars_team").is_empty());
    d.providers[0].go_live = Some(on(2, 16));
    assert_eq!(provider_stages(&d, "p1", today()).current, Some(Stage::PublicBeta));
    for who in ["provider:p1", "bars_team", "policy_and_strategy"] {
        let steps = decisions(&d, who);
        assert_eq!(steps.iter().map(|s| s.text.as_str()).collect::<Vec<_>>(), ["Acceptance criteria met?"], "{who}");
        assert!(steps[0].detail.as_deref().unwrap().contains("NHS England BaRS team and NHS England policy and strategy"));
    }
    assert!(decisions(&d, "supplier").is_empty());
    d.decisions.push(go("d4", DecisionKind::AcceptanceMet, on(2, 28)));
    assert!(decisions(&d, "provider:p1").is_empty());
}
