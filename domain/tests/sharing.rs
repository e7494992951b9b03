//! Taking a snapshot in and sending one out (`sharing`), and the record
//! operations the pages call: storing a week of counts, recording a
//! milestone, removing a record with what belongs to it.

use bars_domain::deployment::{Deployment, DeploymentFields, Tombstone};
use bars_domain::merge::{plan_snapshot_merge, Choice, MergeOptions};
use bars_domain::records::*;
use bars_domain::sharing::{apply_import, import_label, record_export, ExportDraft, ImportMode};
use bars_domain::snapshot::{import, export, ExportMeta};
use bars_domain::validation::message_for;
use bars_domain::{AppState, ApplicationChoice, ServiceRiskLevel};
use chrono::{DateTime, NaiveDate, Utc};

fn at(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_770_000_000 + secs, 0).unwrap()
}

fn day(n: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 2, n).unwrap()
}

fn deployment(id: &str) -> Deployment {
    let fields = DeploymentFields { name: format!("Deployment {id}"), application: ApplicationChoice::Preset { number: 4 }, risk_level: ServiceRiskLevel::Medium };
    let mut d = Deployment::new(id.into(), fields, at(0));
    let p = Provider { id: "p1".into(), updated_at: at(1), name: "Leeds".into(), ods_code: "RR8".into(), role: ProviderRole::Both, supplier: "Acme".into(), go_live: Some(day(1)) };
    let mut n = 0;
    d.add_provider(p, || {
        n += 1;
        format!("w{n}")
    });
    d
}

fn counts(date: u32, referrals: u32, responses: u32) -> DayCounts {
    DayCounts { provider_id: "p1".into(), date: day(date), referrals, responses }
}

fn meta(secs: i64) -> ExportMeta {
    ExportMeta { app_version: "t".into(), exported_at: at(secs), exported_by: "York".into(), note: None }
}

#[test]
fn storing_counts_replaces_the_same_provider_and_day_and_adds_new_days() {
    let mut d = deployment("a");
    let mut ids = (1..).map(|n| format!("v{n}"));
    store_counts(&mut d, vec![counts(2, 5, 4), counts(3, 6, 1)], at(10), || ids.next().unwrap());
    assert_eq!(d.volumetrics.len(), 2);
    store_counts(&mut d, vec![counts(3, 9, 9), counts(4, 1, 0), counts(4, 2, 2)], at(20), || ids.next().unwrap());
    assert_eq!(d.volumetrics.len(), 3, "day 3 replaced, day 4 added once");
    let day3 = d.volumetrics.iter().find(|v| v.date == day(3)).unwrap();
    assert_eq!((day3.id.as_str(), day3.referrals, day3.responses, day3.updated_at), ("v2", 9, 9, at(20)));
    let day4 = d.volumetrics.iter().find(|v| v.date == day(4)).unwrap();
    assert_eq!((day4.referrals, day4.responses), (2, 2), "the later of two rows for one day wins");
    assert_eq!(d.volumetrics.iter().find(|v| v.date == day(2)).unwrap().updated_at, at(10), "other days untouched");
}

#[test]
fn the_responses_rule_allows_equal_and_refuses_more() {
    assert!(responses_rule(5, 5).is_ok());
    assert!(responses_rule(5, 0).is_ok());
    assert_eq!(responses_rule(6, 9).unwrap_err(), "9 responses is more than the 6 referrals of the same day");
}

#[test]
fn replacing_takes_the_file_and_keeps_this_browsers_sharing() {
    let mut before = AppState { deployments: vec![deployment("a")], ..Default::default() };
    before.sharing.organisation = "Leeds".into();
    before.sharing.last_shared = Some(at(5));
    let file = export(&[deployment("b")], &[Tombstone { id: "gone".into(), deleted_at: at(3) }], &meta(50));
    let snapshot = import(&file).unwrap();
    let plan = plan_snapshot_merge(&before, &snapshot, MergeOptions::default());
    let after = apply_import(&before, &snapshot, &plan, ImportMode::Replace, &[], at(100)).unwrap();
    assert_eq!(after.deployments.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), ["b"]);
    assert_eq!(after.deleted_deployments.len(), 1);
    assert_eq!(after.sharing.organisation, "Leeds");
    assert_eq!(after.sharing.last_shared, Some(at(50)), "last shared moves to the file's export time");
    assert_eq!(import_label(&snapshot.meta), "file from York exported 2 February 2026 at 02:40:50 UTC");
}

#[test]
fn merging_keeps_both_and_never_moves_last_shared_back() {
    let mut before = AppState { deployments: vec![deployment("a")], ..Default::default() };
    before.sharing.last_shared = Some(at(500));
    let snapshot = import(&export(&[deployment("b")], &[], &meta(50))).unwrap();
    let plan = plan_snapshot_merge(&before, &snapshot, MergeOptions { last_shared: before.sharing.last_shared });
    let after = apply_import(&before, &snapshot, &plan, ImportMode::Merge, &[], at(600)).unwrap();
    assert_eq!(after.deployments.len(), 2);
    assert_eq!(after.sharing.last_shared, Some(at(500)));
    assert!(apply_import(&before, &snapshot, &plan, ImportMode::Merge, &[Choice::KeepLocal], at(600)).is_err(), "one choice per conflict");
}

#[test]
fn an_export_is_remembered() {
    let mut state = AppState::default();
    record_export(&mut state, &meta(70));
    assert_eq!((state.sharing.organisation.as_str(), state.sharing.last_shared), ("York", Some(at(70))));
    record_export(&mut state, &meta(60));
    assert_eq!(state.sharing.last_shared, Some(at(70)), "never earlier");
}

#[test]
fn the_export_form_needs_an_organisation_a_short_note_and_the_nhs_number_check() {
    let errors = ExportDraft::default().validate(true, "1", at(0)).unwrap_err();
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["organisation", "confirmed"]);
    let long = ExportDraft { organisation: "o".repeat(101), note: "n".repeat(1001), confirmed: true };
    let errors = long.validate(true, "1", at(0)).unwrap_err();
    assert_eq!(message_for(&errors, "organisation"), Some("Organisation must be 100 characters or fewer"));
    assert_eq!(message_for(&errors, "note"), Some("Note must be 1000 characters or fewer"));
    let ok = ExportDraft { organisation: "  York  ".into(), note: "  ".into(), confirmed: false };
    let meta = ok.validate(false, "0.1.0", at(9)).unwrap();
    assert_eq!((meta.exported_by.as_str(), meta.note, meta.exported_at), ("York", None, at(9)));
}

#[test]
fn a_milestone_must_be_one_not_yet_recorded() {
    let mut d = deployment("a");
    let draft = MilestoneDraft { date: "2026-02-02".into(), recorded_by: "Sam".into() };
    let m = draft.record(&d, "p1", "dcb0129", day(5), "m1".into(), at(9)).unwrap();
    assert_eq!((m.kind, m.date, m.provider_id.as_str()), (MilestoneKind::Dcb0129, day(2), "p1"));
    d.milestones.push(m);
    let errors = draft.record(&d, "p1", "dcb0129", day(5), "m2".into(), at(9)).unwrap_err();
    assert_eq!(message_for(&errors, "kind"), Some("Select the check or milestone"));
    let errors = draft.record(&d, "p1", "nonsense", day(5), "m2".into(), at(9)).unwrap_err();
    assert!(message_for(&errors, "kind").is_some());
    let future = MilestoneDraft { date: "2026-02-06".into(), recorded_by: String::new() };
    let errors = future.record(&d, "p1", "dcb0160", day(5), "m2".into(), at(9)).unwrap_err();
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["date", "recorded_by"]);
}

#[test]
fn removing_a_provider_removes_what_belongs_to_it_with_tombstones() {
    let mut d = deployment("a");
    d.test_results.push(TestResult { id: "r1".into(), updated_at: at(2), workflow_id: "w1".into(), date: day(2), outcome: Outcome::Pass, note: String::new(), root_cause: None });
    d.contacts.push(Contact { id: "c1".into(), updated_at: at(2), party: Party::Provider, provider_id: Some("p1".into()), organisation: "Leeds".into(), role: "Lead".into(), name: "Sam".into(), email: String::new() });
    d.contacts.push(Contact { id: "c2".into(), updated_at: at(2), party: Party::Supplier, provider_id: None, organisation: "Acme".into(), role: "Lead".into(), name: "Jo".into(), email: String::new() });
    let before = d.record_count();
    assert!(d.remove("w1", at(5)));
    assert!(d.test_results.is_empty(), "a workflow's results go with it");
    assert_eq!(d.record_count(), before - 2);
    d.remove_provider("p1", at(6));
    assert_eq!(d.record_count(), 1, "only the supplier's contact is left");
    let mut gone: Vec<&str> = d.deleted.iter().map(|t| t.id.as_str()).collect();
    gone.sort();
    assert_eq!(gone, ["c1", "p1", "r1", "w1", "w2", "w3", "w4", "w5"]);
    assert!(!d.remove("p1", at(7)), "nothing left to remove");
}

#[test]
fn every_collection_has_a_noun_and_is_what_serde_writes() {
    let d = deployment("a");
    let written = serde_json::to_value(&d).unwrap();
    for name in Deployment::COLLECTIONS {
        assert!(written[*name].is_array(), "{name}");
        assert!(bars_domain::deployment::noun_of_collection(name).is_some(), "{name}");
    }
    let lists = written.as_object().unwrap().values().filter(|v| v.is_array()).count();
    assert_eq!(lists, Deployment::COLLECTIONS.len() + 1, "the collections and the tombstones");
}

#[test]
fn a_result_must_be_for_a_workflow_of_the_provider() {
    let d = deployment("a");
    let draft = ResultDraft { date: "2026-02-02".into(), outcome: "pass".into(), ..Default::default() };
    let r = draft.record(&d, "p1", "w2", day(5), "r1".into(), at(9)).unwrap();
    assert_eq!((r.workflow_id.as_str(), r.outcome, r.date, r.updated_at), ("w2", Outcome::Pass, day(2), at(9)));
    let errors = draft.record(&d, "p1", "w-other", day(5), "r1".into(), at(9)).unwrap_err();
    assert_eq!(message_for(&errors, "workflow"), Some("Select the workflow that was tested"));
    let bad = ResultDraft { outcome: "fail".into(), ..draft };
    let errors = bad.record(&d, "p2", "w2", day(5), "r1".into(), at(9)).unwrap_err();
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["workflow", "root_cause"]);
}

#[test]
fn a_deployment_says_what_it_holds() {
    let mut d = deployment("a");
    assert_eq!(d.contents(), "1 provider and 5 test plan workflows");
    let mut ids = (1..).map(|n| format!("v{n}"));
    store_counts(&mut d, (1..=28).map(|n| counts(n, 1, 0)).collect(), at(5), || ids.next().unwrap());
    d.incidents.push(Incident { id: "i".into(), updated_at: at(5), provider_id: "p1".into(), date: day(3), attributed_to_bars: false, summary: "s".into(), reported_to_service_desk: false, resolution: String::new() });
    assert_eq!(d.contents(), "1 provider, 5 test plan workflows, 28 days of counts and 1 incident");
    let empty = Deployment::new("e".into(), DeploymentFields { name: "E".into(), application: ApplicationChoice::Other { description: "x".into() }, risk_level: ServiceRiskLevel::Low }, at(0));
    assert_eq!(empty.contents(), "no records");
}
