//! The forms' checks: every problem at once, each naming its field.

use bars_domain::deployment::{Deployment, DeploymentFields, SettingsDraft};
use bars_domain::forms::*;
use bars_domain::records::{MilestoneKind, ProviderRole, RootCause};
use chrono::NaiveDate;
use bars_domain::presets::ApplicationChoice;
use bars_domain::records::Provider;
use bars_domain::risk::ServiceRiskLevel;
use bars_domain::validation::message_for;
use chrono::{DateTime, Utc};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn deployment() -> Deployment {
    let now = DateTime::<Utc>::from_timestamp(0, 0).unwrap();
    let fields = DeploymentFields { name: "T".into(), application: ApplicationChoice::Preset { number: 4 }, risk_level: ServiceRiskLevel::Medium };
    let mut dep = Deployment::new("d".into(), fields, now);
    for (id, name, code) in [("p1", "Leeds Teaching Hospitals", "RR8"), ("p2", "Yorkshire Ambulance", "RX8")] {
        let provider = Provider { id: id.into(), updated_at: now, name: name.into(), ods_code: code.into(), role: ProviderRole::Both, supplier: "S".into(), go_live: None };
        let mut n = 0;
        dep.add_provider(provider, || { n += 1; format!("{id}-w{n}") });
    }
    dep
}

#[test]
fn counts_reject_negative_non_numeric_and_absurd_values() {
    assert_eq!(parse_count(""), Ok(0));
    assert_eq!(parse_count(" 12 "), Ok(12));
    assert!(parse_count("-3").unwrap_err().contains("negative"));
    assert!(parse_count("three").unwrap_err().contains("whole number"));
    assert!(parse_count("2.5").unwrap_err().contains("whole number"));
    assert!(parse_count("100001").unwrap_err().contains("100000 or fewer"));
}

#[test]
fn dates_must_be_real() {
    assert_eq!(parse_date("2028-02-29"), Ok(Some(d("2028-02-29"))));
    assert!(parse_date("2027-02-29").is_err());
    assert!(parse_date("01/03/2026").is_err());
    assert_eq!(parse_date("  "), Ok(None));
}

#[test]
fn provider_needs_every_field_and_a_unique_code() {
    let dep = deployment();
    let errors = ProviderDraft::default().validate(&dep, None).unwrap_err();
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["name", "ods_code", "role", "supplier"]);
    let draft = ProviderDraft { name: "New".into(), ods_code: "rr8".into(), role: "sender".into(), supplier: "X".into(), go_live: "".into() };
    let errors = draft.validate(&dep, None).unwrap_err();
    assert!(message_for(&errors, "ods_code").unwrap().contains("RR8"));
    // Editing p1 itself keeps its own code.
    assert!(draft.validate(&dep, Some("p1")).is_ok());
    let ok = ProviderDraft { ods_code: " ab12 ".into(), ..draft };
    assert_eq!(ok.validate(&dep, None).unwrap().ods_code, "AB12");
}

fn go(id: &str, provider: &str, date: &str) -> bars_domain::records::Decision {
    use bars_domain::records::{Decision, DecisionKind, DecisionOutcome};
    let now = DateTime::<Utc>::from_timestamp(0, 0).unwrap();
    Decision {
        id: id.into(), updated_at: now, provider_id: provider.into(), kind: DecisionKind::GoNoGo, date: d(date),
        outcome: DecisionOutcome::Yes, decided_by: "A".into(), parties: vec![], reasons: "Ready".into(), must_change: vec![], returns_to: None, issue_ids: vec![],
    }
}

#[test]
fn go_live_cannot_come_before_the_go_decision() {
    let mut dep = deployment();
    // The "go" is a decision record now (version 3), no longer a milestone.
    dep.decisions.push(go("x", "p1", "2026-03-10"));
    let mut draft = ProviderDraft::from_provider(dep.provider("p1").unwrap());
    draft.go_live = "2026-03-09".into();
    let errors = draft.validate(&dep, Some("p1")).unwrap_err();
    assert!(message_for(&errors, "go_live").unwrap().contains("10 March 2026"));
    draft.go_live = "2026-03-10".into();
    assert!(draft.validate(&dep, Some("p1")).is_ok());
}

#[test]
fn a_failed_result_needs_a_root_cause_and_no_result_is_in_the_future() {
    let today = d("2026-03-01");
    let fail = ResultDraft { date: "2026-03-01".into(), outcome: "fail".into(), ..Default::default() };
    let errors = fail.validate(today).unwrap_err();
    assert_eq!(message_for(&errors, "root_cause"), Some("Select where the failure needs fixing"));
    let ok = ResultDraft { root_cause: "supplier_solution".into(), ..fail.clone() };
    assert_eq!(ok.validate(today).unwrap().root_cause, Some(RootCause::SupplierSolution));
    let pass = ResultDraft { outcome: "pass".into(), root_cause: "standard".into(), ..fail.clone() };
    assert_eq!(pass.validate(today).unwrap().root_cause, None, "a pass has no root cause");
    let future = ResultDraft { date: "2026-03-02".into(), ..pass };
    assert!(message_for(&future.validate(today).unwrap_err(), "date").unwrap().contains("today or in the past"));
}

#[test]
fn a_week_checks_each_day_and_skips_empty_ones() {
    let dep = deployment();
    let mut week = WeekDraft { provider_id: "p1".into(), week_start: "2026-03-02".into(), ..Default::default() };
    week.days[0] = ("10".into(), "8".into());
    week.days[2] = ("5".into(), "".into());
    let rows = week.validate(&dep).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!((rows[1].date, rows[1].referrals, rows[1].responses), (d("2026-03-04"), 5, 0));

    week.days[1] = ("-1".into(), "x".into());
    week.days[3] = ("3".into(), "4".into());
    let errors = week.validate(&dep).unwrap_err();
    assert!(message_for(&errors, "referrals-1").unwrap().contains("Tuesday 3 March") && message_for(&errors, "referrals-1").unwrap().contains("negative"));
    assert!(message_for(&errors, "responses-1").unwrap().contains("whole number"));
    assert!(message_for(&errors, "responses-3").unwrap().contains("cannot be more than referrals"));

    let empty = WeekDraft { provider_id: "p1".into(), week_start: "2026-03-02".into(), ..Default::default() };
    assert!(message_for(&empty.validate(&dep).unwrap_err(), "referrals-0").is_some());
}

#[test]
fn weeks_start_on_monday() {
    assert_eq!(week_start(d("2026-03-04")), d("2026-03-02"));
    assert_eq!(week_start(d("2026-03-02")), d("2026-03-02"));
    assert_eq!(week_start(d("2026-03-08")), d("2026-03-02"));
}

#[test]
fn incidents_need_a_provider_date_attribution_and_summary() {
    let dep = deployment();
    let errors = IncidentDraft::default().validate(&dep, d("2026-03-01")).unwrap_err();
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["provider", "date", "attributed", "summary"]);
    let ok = IncidentDraft { provider_id: "p2".into(), date: "2026-03-01".into(), attributed: "no".into(), summary: "Duplicate booking shown".into(), ..Default::default() };
    assert!(!ok.validate(&dep, d("2026-03-01")).unwrap().attributed_to_bars);
}

#[test]
fn contacts_take_the_provider_name_and_check_email() {
    let dep = deployment();
    let draft = ContactDraft { party: "provider".into(), provider_id: "p1".into(), role: "Clinical lead".into(), name: "Dr A Khan".into(), email: "a.khan@nhs".into(), ..Default::default() };
    let errors = draft.validate(&dep).unwrap_err();
    assert!(message_for(&errors, "email").is_some());
    let ok = ContactDraft { email: "a.khan@nhs.net".into(), ..draft };
    assert_eq!(ok.validate(&dep).unwrap().organisation, "Leeds Teaching Hospitals");
    let supplier = ContactDraft { party: "supplier".into(), ..Default::default() };
    let errors = supplier.validate(&dep).unwrap_err();
    assert_eq!(message_for(&errors, "organisation"), Some("Enter the organisation"));
}

#[test]
fn settings_need_the_responses_answer() {
    assert!(SettingsDraft::default().validate().is_err());
    let ok = SettingsDraft { has_responses: "yes".into(), stable_published: "2026-11-30".into(), standard_updated: "2026-11-02".into() };
    let settings = ok.validate().unwrap();
    assert_eq!((settings.has_responses, settings.stable_published, settings.standard_updated), (true, Some(d("2026-11-30")), Some(d("2026-11-02"))));
    let early = SettingsDraft { stable_published: "2026-10-30".into(), ..ok };
    assert_eq!(
        message_for(&early.validate().unwrap_err(), "stable_published"),
        Some("The stable version cannot be published before the standard was updated")
    );
}


#[test]
fn a_name_of_invisible_characters_is_not_entered() {
    let dep = deployment();
    let draft = ProviderDraft { name: "\u{200B}\u{3164}".into(), ods_code: "AB1".into(), role: "sender".into(), supplier: "\u{2800}".into(), go_live: "".into() };
    let errors = draft.validate(&dep, None).unwrap_err();
    assert_eq!(message_for(&errors, "name"), Some("Enter the provider's name"));
    assert_eq!(message_for(&errors, "supplier"), Some("Enter the supplier's name"));
}

#[test]
fn checked_forms_become_records_with_the_given_id_and_time() {
    let dep = deployment();
    let at = DateTime::<Utc>::from_timestamp(86_400, 0).unwrap();
    let draft = ProviderDraft { name: " Hull Royal ".into(), ods_code: "rwa".into(), role: "receiver".into(), supplier: "S".into(), go_live: "2026-03-02".into() };
    let provider = draft.validate(&dep, None).unwrap().into_record("p3".into(), at);
    assert_eq!((provider.id.as_str(), provider.updated_at, provider.ods_code.as_str()), ("p3", at, "RWA"));
    assert_eq!(ProviderDraft::from_provider(&provider), ProviderDraft { name: "Hull Royal".into(), ods_code: "RWA".into(), ..draft });

    let draft = IncidentDraft { provider_id: "p2".into(), date: "2026-03-01".into(), attributed: "yes".into(), summary: "Slow".into(), reported: true, resolution: String::new() };
    let incident = draft.validate(&dep, d("2026-03-01")).unwrap().into_record("i1".into(), at);
    assert_eq!((incident.id.as_str(), incident.updated_at, incident.date), ("i1", at, d("2026-03-01")));
    assert_eq!(IncidentDraft::from_incident(&incident), draft);

    let draft = ContactDraft { party: "provider".into(), provider_id: "p1".into(), role: "Clinical lead".into(), name: "Dr A Khan".into(), email: "a.khan@nhs.net".into(), ..Default::default() };
    let contact = draft.validate(&dep).unwrap().into_record("c1".into(), at);
    assert_eq!((contact.id.as_str(), contact.updated_at, contact.provider_id.as_deref()), ("c1", at, Some("p1")));
    assert_eq!((contact.organisation.as_str(), contact.email.as_str()), ("Leeds Teaching Hospitals", "a.khan@nhs.net"));
}

#[test]
fn only_open_milestones_are_offered_and_recorded() {
    let mut dep = deployment();
    let now = DateTime::<Utc>::from_timestamp(0, 0).unwrap();
    let today = d("2026-03-10");
    let recordable: Vec<MilestoneKind> = MilestoneKind::ALL.into_iter().filter(|k| *k != MilestoneKind::GoDecision).collect();
    assert_eq!(dep.open_milestones("p1", today), recordable, "every kind but the go, which is a decision");
    let draft = MilestoneDraft { date: "2026-03-10".into(), recorded_by: "A".into() };
    assert_eq!(message_for(&draft.record(&dep, "p1", "go_decision", today, "m0".into(), now).unwrap_err(), "kind"), Some("Select the check or milestone"));
    let first = draft.record(&dep, "p1", "dcb0160", today, "m1".into(), now).unwrap();
    dep.milestones.push(first);
    assert!(!dep.open_milestones("p1", today).contains(&MilestoneKind::Dcb0160));
    assert_eq!(dep.open_milestones("p1", today).len(), recordable.len() - 1);
    assert!(dep.open_milestones("p1", d("2026-03-09")).contains(&MilestoneKind::Dcb0160), "not yet recorded on the day before");
    assert_eq!(dep.open_milestones("p2", today), recordable, "another provider's milestones are its own");
    let again = draft.record(&dep, "p1", "dcb0160", today, "m2".into(), now).unwrap_err();
    assert_eq!(message_for(&again, "kind"), Some("Select the check or milestone"));
    assert!(draft.record(&dep, "p2", "dcb0160", today, "m3".into(), now).is_ok());
}
