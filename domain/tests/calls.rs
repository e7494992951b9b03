//! The calls calendar end to end in the domain: a deployment's records →
//! proposed calls → stored decisions → the iCalendar file, read back with
//! the `icalendar` crate's parser; and the call records' merge, NHS-number
//! scan and cascading removal.

use bars_domain::calls::{calendar, cadence_of, entry_key, find_entry, open_actions, stage_dates, store_call};
use bars_domain::deployment::{Deployment, DeploymentFields};
use bars_domain::ical::{calendar_file, file_name, CalendarInput};
use bars_domain::merge::{plan_merge, ConflictKind, MergeOptions};
use bars_domain::nhs_number::scan_deployment;
use bars_domain::records::{
    Call, CallAction, CallCadence, CallDraft, CallKind, ClockTime, Decision, DecisionKind, DecisionOutcome, Outcome, Provider, ProviderRole, TestResult, Weekday,
    Workflow, CADENCE_ID,
};
use bars_domain::{AppState, ApplicationChoice, ServiceRiskLevel};
use chrono::{DateTime, NaiveDate, Utc};
use icalendar::{CalendarComponent, CalendarDateTime, Component, DatePerhapsTime};

fn at(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_770_000_000 + secs, 0).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn provider(id: &str, name: &str, supplier: &str, go_live: Option<NaiveDate>) -> Provider {
    Provider { id: id.into(), updated_at: at(1), name: name.into(), ods_code: format!("R{id}X"), role: ProviderRole::Both, supplier: supplier.into(), go_live }
}

/// Two providers live on 2 and 9 March 2026, UAT from 12 January, the stable
/// version published on 15 May 2026.
fn deployment() -> Deployment {
    let fields = DeploymentFields { name: "Falls lifting, wave 1".into(), application: ApplicationChoice::Preset { number: 4 }, risk_level: ServiceRiskLevel::Medium };
    let mut d = Deployment::new("dep-1".into(), fields, at(0));
    d.stable_published = Some(day(2026, 5, 15));
    d.providers.push(provider("p1", "Yorkshire Ambulance Service", "Cleric", Some(day(2026, 3, 2))));
    d.providers.push(provider("p2", "Leeds Community Healthcare", "TPP", Some(day(2026, 3, 9))));
    d.workflows.push(Workflow { id: "w1".into(), updated_at: at(1), provider_id: "p1".into(), name: "Validation request".into() });
    d.test_results.push(TestResult {
        id: "t1".into(),
        updated_at: at(2),
        workflow_id: "w1".into(),
        date: day(2026, 1, 12),
        outcome: Outcome::Pass,
        root_cause: None,
        note: String::new(),
    });
    d.decisions.push(Decision {
        id: "m1".into(),
        updated_at: at(3),
        provider_id: "p2".into(),
        kind: DecisionKind::GoNoGo,
        date: day(2026, 3, 4),
        outcome: DecisionOutcome::Yes,
        decided_by: "BaRS team".into(),
        parties: Vec::new(),
        reasons: String::new(),
        must_change: Vec::new(),
        returns_to: None, issue_ids: vec![],
    });
    d
}

const EXIT: Option<NaiveDate> = Some(NaiveDate::from_ymd_opt(2026, 4, 27).unwrap());

#[test]
fn stage_dates_come_from_the_records() {
    let d = deployment();
    let dates = stage_dates(&d, &cadence_of(&d), EXIT);
    assert_eq!(dates.run_up_start, Some(day(2026, 1, 12)), "the first UAT result starts the run-up");
    assert_eq!(dates.providers[0].go_no_go, None);
    assert_eq!(dates.providers[1].go_no_go, Some(day(2026, 3, 4)), "a recorded go decision is the go / no-go day");
    // A "no", with go-live planned after it: the next call is proposed from the go-live.
    let mut no = d.clone();
    no.decisions[0].outcome = DecisionOutcome::No;
    assert_eq!(stage_dates(&no, &cadence_of(&no), EXIT).providers[1].go_no_go, None);
    assert_eq!(find_entry(&calendar(&no, EXIT), "go_no_go:p2").unwrap().call.date, day(2026, 3, 6));
    let mut cadence = CallCadence::proposed(at(5));
    cadence.run_up_start = Some(day(2026, 2, 2));
    assert_eq!(stage_dates(&d, &cadence, EXIT).run_up_start, Some(day(2026, 2, 2)), "a chosen start wins");
}

#[test]
fn stored_calls_stand_in_for_their_proposals_and_added_calls_join_them() {
    let mut d = deployment();
    let before = calendar(&d, EXIT);
    assert!(before.iter().all(|e| !e.stored));
    let go = before.iter().find(|e| e.call.slot.as_deref() == Some("go_no_go:p1")).unwrap().clone();
    assert_eq!(go.call.date, day(2026, 2, 27));
    // Someone moves the go / no-go call and writes notes: it is stored, keeping its slot.
    let mut draft = CallDraft::from_call(&go.call);
    draft.start = "14:00".into();
    draft.notes = "Smoke test passed; agreed to go.".into();
    let stored = draft.validate(Some(&go.call), at(10), || "unused".into()).unwrap();
    assert_eq!(stored.id, "go_no_go:p1", "stored under its slot");
    d.calls.push(stored);
    // And adds a call of their own.
    let added = CallDraft { title: "Extra technical call".into(), date: "2026-03-03".into(), start: "16:00".into(), minutes: "45".into(), ..Default::default() };
    d.calls.push(added.validate(None, at(11), || "c-2".into()).unwrap());
    let after = calendar(&d, EXIT);
    assert_eq!(after.len(), before.len() + 1);
    let go_now: Vec<_> = after.iter().filter(|e| e.call.slot.as_deref() == Some("go_no_go:p1")).collect();
    assert_eq!(go_now.len(), 1, "the proposal is replaced, not doubled");
    assert!(go_now[0].stored);
    assert_eq!(go_now[0].call.start, ClockTime::new(14, 0));
    assert_eq!(entry_key(go_now[0]), "go_no_go:p1");
    assert_eq!(find_entry(&after, "go_no_go:p1").unwrap().call.start, ClockTime::new(14, 0), "a link to the slot finds the stored call");
    let extra = find_entry(&after, "c-2").unwrap();
    assert_eq!((extra.call.kind, extra.call.slot.as_deref()), (CallKind::Other, None));
    let dates: Vec<NaiveDate> = after.iter().map(|e| e.call.date).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "in date order");
    // Moved by hand to 14:00: the cadence still proposes 10:00 that day, which the call page says.
    assert_eq!(go_now[0].now_proposed, Some((day(2026, 2, 27), ClockTime::new(10, 0))));
    // Then the go-live slips a week: the stored call stays put and says where the proposal went.
    d.providers[0].go_live = Some(day(2026, 3, 9));
    let slipped = calendar(&d, EXIT);
    let go = find_entry(&slipped, "go_no_go:p1").unwrap();
    assert_eq!(go.call.date, day(2026, 2, 27));
    assert_eq!(go.now_proposed, Some((day(2026, 3, 6), ClockTime::new(10, 0))));
    assert_eq!(find_entry(&slipped, "c-2").unwrap().now_proposed, None, "an added call has no proposal");
}

#[test]
fn changing_the_cadence_moves_the_proposals() {
    let mut d = deployment();
    let tuesdays = calendar(&d, EXIT);
    let mut cadence = CallCadence::proposed(at(5));
    cadence.weekday = Weekday::Thursday;
    cadence.run_up_every_weeks = 2;
    cadence.start = ClockTime::new(9, 30);
    cadence.daily_calls = 5;
    d.call_cadences.push(cadence);
    let thursdays = calendar(&d, EXIT);
    let run_up = |entries: &[bars_domain::calls::Entry]| entries.iter().filter(|e| e.call.kind == CallKind::RunUp).count();
    assert!(run_up(&thursdays) < run_up(&tuesdays));
    assert!(thursdays.iter().filter(|e| e.call.kind == CallKind::RunUp).all(|e| e.call.date.format("%a").to_string() == "Thu"));
    assert!(thursdays.iter().all(|e| e.call.start == ClockTime::new(9, 30)));
    assert!(thursdays.iter().filter(|e| e.call.kind == CallKind::EarlyLive).count() < tuesdays.iter().filter(|e| e.call.kind == CallKind::EarlyLive).count());
}

fn unfolded(text: &str) -> String {
    text.replace("\r\n ", "")
}

#[test]
fn the_calendar_file_is_rfc_5545_and_reads_back() {
    let mut d = deployment();
    let entries = calendar(&d, EXIT);
    let go = find_entry(&entries, "go_no_go:p1").unwrap();
    let mut call = go.call.clone();
    call.id = "c-1".into();
    call.title = "Go / no-go; YAS, with \\ Cleric".into();
    call.notes = "Line one\nLine two, with a comma; and more text so that this description is certainly longer than seventy-five octets, é included".into();
    call.actions = vec![CallAction { action: "Send the smoke test log".into(), owner: "Cleric".into(), due: Some(day(2026, 3, 1)), done: false }];
    d.calls.push(call);
    let first_run_up = entries.iter().find(|e| e.call.kind == CallKind::RunUp).unwrap().call.clone();
    d.calls.push(Call { id: "c-2".into(), cancelled: true, ..first_run_up.clone() });
    let entries = calendar(&d, EXIT);
    let now = at(100);
    let text = calendar_file(&CalendarInput { deployment: &d, entries: &entries, projected_exit: EXIT, now });

    // The wire format: CRLF only, every physical line at most 75 octets.
    assert!(!text.replace("\r\n", "").contains('\n'), "bare LF");
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    assert!(text.split("\r\n").all(|l| l.len() <= 75), "a line is longer than 75 octets");
    assert!(text.contains("\r\n "), "long lines are folded");

    // Read back with a maintained parser.
    let cal: icalendar::Calendar = unfolded(&text).parse().expect("the file parses");
    let events: Vec<&icalendar::Event> = cal.components.iter().filter_map(|c| if let CalendarComponent::Event(e) = c { Some(e) } else { None }).collect();
    let timed = entries.iter().filter(|e| !e.call.cancelled).count();
    // Calls that are not cancelled, the projected exit, one uplift deadline per supplier.
    assert_eq!(events.len(), timed + 1 + 2);
    let uids: std::collections::BTreeSet<&str> = events.iter().map(|e| e.get_uid().unwrap()).collect();
    assert_eq!(uids.len(), events.len(), "UIDs are unique");
    assert!(events.iter().all(|e| e.get_timestamp() == Some(now)), "DTSTAMP on every event");

    let go = events.iter().find(|e| e.get_uid() == Some("dep-1-go_no_go:p1@bars-beta-tracker")).unwrap();
    assert_eq!(go.get_summary(), Some("Go / no-go; YAS, with \\ Cleric"), "escaping reads back");
    let description = go.get_description().unwrap();
    assert!(description.starts_with("Line one\nLine two, with a comma; and more"), "{description}");
    assert!(description.contains("é included"));
    assert!(description.ends_with("Actions:\n- Send the smoke test log (Cleric, due 1 March 2026)"), "{description}");
    match go.get_start() {
        Some(DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone { date_time, tzid })) => {
            assert_eq!(tzid, "Europe/London");
            assert_eq!(date_time, day(2026, 2, 27).and_hms_opt(10, 0, 0).unwrap());
        }
        other => panic!("go / no-go start: {other:?}"),
    }
    match go.get_end() {
        Some(DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone { date_time, .. })) => {
            assert_eq!(date_time, day(2026, 2, 27).and_hms_opt(11, 0, 0).unwrap(), "an hour long");
        }
        other => panic!("go / no-go end: {other:?}"),
    }
    assert!(!events.iter().any(|e| e.get_uid() == first_run_up.slot.as_deref().map(|s| format!("dep-1-{s}@bars-beta-tracker")).as_deref()), "cancelled calls are left out");

    let all_day: Vec<(&str, NaiveDate)> = events
        .iter()
        .filter_map(|e| match e.get_start() {
            Some(DatePerhapsTime::Date(date)) => Some((e.get_summary().unwrap(), date)),
            _ => None,
        })
        .collect();
    assert_eq!(all_day, [
        ("Projected end of beta", day(2026, 4, 27)),
        ("Stable version uplift deadline: Cleric", day(2026, 8, 15)),
        ("Stable version uplift deadline: TPP", day(2026, 8, 15))
    ]);

    // The time zone is defined in the file, as Outlook needs.
    let flat = unfolded(&text);
    let raw = icalendar::parser::read_calendar(&flat).unwrap();
    let tz = raw.components.iter().find(|c| c.name.as_str() == "VTIMEZONE").expect("a VTIMEZONE");
    assert_eq!(tz.find_prop("TZID").unwrap().val.as_str(), "Europe/London");
    assert_eq!(tz.components.len(), 2);
    assert_eq!(raw.properties.iter().find(|p| p.name.as_str() == "VERSION").unwrap().val.as_str(), "2.0");
    assert_eq!(file_name(&d), "bars-beta-calls-falls-lifting-wave-1.ics");
}

#[test]
fn a_deployment_without_a_stable_version_or_suppliers_has_fewer_all_day_events() {
    let mut d = deployment();
    d.stable_published = None;
    let entries = calendar(&d, None);
    let text = calendar_file(&CalendarInput { deployment: &d, entries: &entries, projected_exit: None, now: at(0) });
    assert!(!text.contains("VALUE=DATE:"));
    assert!(!text.contains("retrospective"), "no exit, no retrospective");
    d.stable_published = Some(day(2026, 11, 30));
    for p in &mut d.providers {
        p.supplier = String::new();
    }
    let text = calendar_file(&CalendarInput { deployment: &d, entries: &entries, projected_exit: None, now: at(0) });
    // 30 November + 3 months is the end of February.
    assert!(unfolded(&text).contains("DTSTART;VALUE=DATE:20270228\r\nDTEND;VALUE=DATE:20270301\r\nSUMMARY:Stable version uplift deadline\r\n"), "{text}");
}

fn stored_call(id: &str, notes: &str, t: DateTime<Utc>) -> Call {
    Call {
        id: id.into(),
        updated_at: t,
        slot: Some("go_no_go:p1".into()),
        kind: CallKind::GoNoGo,
        provider_id: Some("p1".into()),
        title: "Go / no-go call: Yorkshire Ambulance Service".into(),
        date: day(2026, 2, 27),
        start: ClockTime::new(10, 0),
        minutes: 60,
        cancelled: false,
        notes: notes.into(),
        actions: Vec::new(),
    }
}

fn one(d: Deployment) -> AppState {
    AppState { deployments: vec![d], ..Default::default() }
}

#[test]
fn calls_merge_record_by_record_and_concurrent_notes_conflict() {
    let mut ours = deployment();
    ours.calls.push(stored_call("c-1", "Ours", at(50)));
    let mut theirs = deployment();
    theirs.calls.push(stored_call("c-1", "Theirs", at(50)));
    theirs.calls.push(Call { id: "c-9".into(), slot: None, kind: CallKind::Other, provider_id: None, ..stored_call("c-9", "", at(40)) });
    let plan = plan_merge(&one(ours.clone()), &one(theirs.clone()), MergeOptions::default());
    assert_eq!(plan.conflicts.len(), 1);
    assert_eq!(plan.conflicts[0].kind, ConflictKind::ChangedOnBothSides);
    assert_eq!(plan.conflicts[0].differing_fields, ["notes"]);
    assert!(plan.conflicts[0].what.starts_with("Go / no-go call for \u{201c}Yorkshire Ambulance Service\u{201d}"), "{}", plan.conflicts[0].what);
    assert_eq!(plan.preview[0].records_added, 1, "their added call comes in");

    // Both set the cadence: the fixed id makes it one record, so the newer wins.
    let mut a = deployment();
    a.call_cadences.push(CallCadence { weekday: Weekday::Monday, ..CallCadence::proposed(at(60)) });
    let mut b = deployment();
    b.call_cadences.push(CallCadence { weekday: Weekday::Friday, ..CallCadence::proposed(at(70)) });
    let plan = plan_merge(&one(a), &one(b), MergeOptions::default());
    assert!(plan.conflicts.is_empty());
    let merged = plan.apply(&[], at(100)).unwrap();
    assert_eq!(merged.deployments[0].call_cadences.len(), 1);
    assert_eq!(merged.deployments[0].call_cadences[0].weekday, Weekday::Friday);
    assert_eq!(merged.deployments[0].call_cadences[0].id, CADENCE_ID);

    // A call deleted here after they last changed it stays deleted.
    let mut deleted = ours.clone();
    assert!(deleted.remove("c-1", at(80)));
    let plan = plan_merge(&one(deleted), &one(ours), MergeOptions::default());
    assert!(plan.conflicts.is_empty());
    assert!(plan.apply(&[], at(100)).unwrap().deployments[0].calls.is_empty());
}

#[test]
fn two_organisations_changing_one_proposed_call_conflict_rather_than_double_it() {
    let proposal = find_entry(&calendar(&deployment(), EXIT), "go_no_go:p1").unwrap().call;
    let edit = |notes: &str, t: i64| {
        let mut draft = CallDraft::from_call(&proposal);
        draft.notes = notes.into();
        let mut d = deployment();
        store_call(&mut d, draft.validate(Some(&proposal), at(t), || panic!("a proposal needs no new id")).unwrap());
        d
    };
    let plan = plan_merge(&one(edit("Ours", 50)), &one(edit("Theirs", 50)), MergeOptions::default());
    assert_eq!(plan.conflicts.len(), 1, "one record, changed on both sides");
    assert_eq!(plan.conflicts[0].record_id, "go_no_go:p1");
    // Undo, then change again: the record is live and its tombstone gone.
    let mut d = edit("Ours", 50);
    assert!(d.remove("go_no_go:p1", at(60)));
    assert!(find_entry(&calendar(&d, EXIT), "go_no_go:p1").is_some_and(|e| !e.stored), "the proposal is back");
    let mut again = proposal.clone();
    again.notes = "Second thoughts".into();
    again.id = again.id_to_store(|| unreachable!());
    again.updated_at = at(70);
    store_call(&mut d, again);
    assert!(d.deleted.iter().all(|t| t.id != "go_no_go:p1"));
    assert_eq!(find_entry(&calendar(&d, EXIT), "go_no_go:p1").unwrap().call.notes, "Second thoughts");
}

#[test]
fn removing_a_provider_removes_its_go_no_go_call_and_nothing_panics() {
    let mut d = deployment();
    d.calls.push(stored_call("c-1", "", at(50)));
    d.remove_provider("p1", at(60));
    assert!(d.calls.is_empty());
    assert!(d.deleted.iter().any(|t| t.id == "c-1"));
    let entries = calendar(&d, EXIT);
    assert!(entries.iter().all(|e| e.call.provider_id.as_deref() != Some("p1")));
}

#[test]
fn nhs_numbers_in_notes_and_actions_are_found() {
    let mut d = deployment();
    let mut call = stored_call("c-1", "Patient 943 476 5919 was mentioned", at(50));
    call.actions.push(CallAction { action: "Check 9434765870 record".into(), owner: "Provider".into(), due: None, done: false });
    d.calls.push(call);
    let found = scan_deployment(&d);
    let places: Vec<&str> = found.iter().map(|f| f.location.rsplit(" \u{2014} ").next().unwrap()).collect();
    assert_eq!(places, ["notes", "action"]);
    assert_eq!(found[0].matched, "943 476 5919");
}

#[test]
fn open_actions_are_listed_soonest_due_first() {
    let mut d = deployment();
    let mut a = stored_call("c-1", "", at(50));
    a.actions = vec![
        CallAction { action: "No date".into(), owner: "BaRS team".into(), due: None, done: false },
        CallAction { action: "Done already".into(), owner: "Supplier".into(), due: Some(day(2026, 3, 1)), done: true },
        CallAction { action: "Soon".into(), owner: "Provider".into(), due: Some(day(2026, 3, 2)), done: false },
    ];
    d.calls.push(a);
    let open: Vec<&str> = open_actions(&d).into_iter().map(|(c, i)| c.actions[i].action.as_str()).collect();
    assert_eq!(open, ["Soon", "No date"]);
}
