//! One snapshot file per format version, as that version wrote it. These
//! files must load forever: never edit them to make a test pass; add a
//! migration instead. A new format version adds a new file beside them.

use bars_domain::merge::{plan_snapshot_merge, MergeOptions};
use bars_domain::nhs_number::scan_deployments;
use bars_domain::records::{DecisionKind, DecisionOutcome, FoundIn, IssueStatus, LessonCategory, LessonStatus, MilestoneKind, Outcome, Party, Priority, ProviderRole, RootCause};
use bars_domain::snapshot::{export, import, ExportMeta, FORMAT_VERSION};
use bars_domain::{AppState, ApplicationChoice, ServiceRiskLevel};
use chrono::NaiveDate;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn format_1_still_loads_and_is_migrated() {
    let s = import(&fixture("snapshot-v1.json")).expect("the format 1 fixture imports");
    assert_eq!(s.format_version, 1);
    assert_eq!(s.meta.app_version, "0.1.0");
    assert_eq!(s.meta.exported_by, "NHS England BaRS team");
    assert_eq!(s.meta.exported_at.to_rfc3339(), "2025-12-01T09:00:00+00:00");
    assert_eq!(s.meta.note.as_deref(), Some("The betas planned for the new year."));
    assert!(s.deleted_deployments.is_empty(), "format 1 had no deployment tombstones");

    let names: Vec<&str> = s.deployments.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["Ambulance mutual aid", "Pharmacy First \u{2013} North East", "Dental triage"]);
    let [mutual_aid, pharmacy, dental] = &s.deployments[..] else { panic!("three deployments") };
    assert_eq!(mutual_aid.application, ApplicationChoice::Preset { number: 6 });
    assert_eq!(mutual_aid.risk_level, ServiceRiskLevel::Medium);
    assert_eq!(mutual_aid.criteria().min_referrals, 50);
    // The migration fills in what format 1 did not have.
    assert!(mutual_aid.has_responses, "Application 6 has status responses");
    assert!(!pharmacy.has_responses, "Application 5 has none");
    assert!(!dental.has_responses, "an other use case starts without");
    assert_eq!(dental.application, ApplicationChoice::Other { description: "111 into urgent dental hubs".into() });
    for d in &s.deployments {
        assert!(d.providers.is_empty() && d.workflows.is_empty() && d.volumetrics.is_empty() && d.deleted.is_empty());
        assert_eq!(d.stable_published, None);
    }
    assert!(dental.updated_at > dental.created_at);
}

#[test]
fn format_2_still_loads_with_every_record() {
    let s = import(&fixture("snapshot-v2.json")).expect("the format 2 fixture imports");
    assert_eq!(s.format_version, 2);
    assert_eq!(s.meta.exported_by, "Yorkshire Ambulance Service NHS Trust");
    assert!(s.meta.note.as_deref().unwrap().starts_with("Counts to 1 March."));
    assert_eq!(s.deleted_deployments.len(), 1);
    assert_eq!(s.deleted_deployments[0].id, "9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b");

    let falls = &s.deployments[0];
    assert_eq!(falls.name, "Yorkshire falls lifting \u{2013} wave 1");
    assert_eq!(falls.application, ApplicationChoice::Preset { number: 4 });
    assert_eq!(falls.risk_level, ServiceRiskLevel::High);
    assert!(falls.has_responses);
    assert_eq!(falls.stable_published, Some(date(2026, 2, 27)));
    assert_eq!(falls.uplift_deadline(), Some(date(2026, 5, 27)));

    let yas = falls.provider("prov-yas").unwrap();
    assert_eq!((yas.ods_code.as_str(), yas.role, yas.go_live), ("RX8", ProviderRole::Sender, Some(date(2026, 2, 2))));
    assert_eq!(falls.provider("prov-lch").unwrap().role, ProviderRole::Receiver);
    assert_eq!(falls.workflows_of("prov-yas").map(|w| w.name.as_str()).collect::<Vec<_>>(), ["Validation request", "Update", "Cancel"]);

    let results = falls.results_of("wf-yas-1");
    assert_eq!(results.len(), 2);
    assert_eq!((results[0].outcome, results[0].root_cause), (Outcome::Fail, Some(RootCause::SupplierSolution)));
    assert_eq!(results[0].note, "Timeout on the validation request <ref 17>");
    assert_eq!(results[1].outcome, Outcome::Pass);

    // Version 3 turned the "go" milestone into a go / no-go decision with the same id.
    assert!(falls.milestones.iter().all(|m| m.kind != MilestoneKind::GoDecision));
    let go = &falls.decisions[0];
    assert_eq!((go.id.as_str(), go.provider_id.as_str(), go.date, go.outcome), ("ms-3", "prov-yas", date(2026, 2, 1), DecisionOutcome::Yes));
    assert_eq!((go.kind, go.decided_by.as_str(), go.returns_to), (DecisionKind::GoNoGo, "Go / no-go panel", None));
    assert_eq!(falls.decisions.len(), 1);
    assert!(falls.business_change.is_empty() && falls.standard_updated.is_none());
    // Readiness and the stages read the "go" gate from it.
    assert_eq!(bars_domain::stages::provider_stages(falls, "prov-yas", date(2026, 3, 1)).gate(MilestoneKind::GoDecision), Some(date(2026, 2, 1)));
    assert_eq!(falls.milestone("prov-lch", MilestoneKind::GuidanceReviewed).unwrap().recorded_by, "Operational lead, LCH");

    let referrals: u32 = falls.volumetrics.iter().map(|v| v.referrals).sum();
    let responses: u32 = falls.volumetrics.iter().map(|v| v.responses).sum();
    assert_eq!((referrals, responses), (12, 10));

    assert_eq!(falls.incidents.len(), 2);
    assert!(falls.incidents[0].attributed_to_bars && !falls.incidents[1].attributed_to_bars);
    assert_eq!(falls.contacts.iter().map(|c| c.party).collect::<Vec<_>>(), [Party::Supplier, Party::Provider, Party::BarsTeam]);
    assert_eq!(falls.contacts[1].provider_id.as_deref(), Some("prov-lch"));
    assert_eq!(falls.deleted[0].id, "vol-0");

    let dental = &s.deployments[1];
    assert_eq!(dental.application, ApplicationChoice::Other { description: "111 into urgent dental hubs".into() });
    assert_eq!(dental.providers[0].go_live, None);
    assert!(dental.workflows.is_empty());
}

#[test]
fn formats_2_and_3_gain_an_empty_calls_calendar() {
    for name in ["snapshot-v2.json", "snapshot-v3.json"] {
    let s = import(&fixture(name)).unwrap();
    assert!(s.deployments.iter().all(|d| d.calls.is_empty() && d.call_cadences.is_empty()), "{name}");
    }
}

#[test]
fn format_4_loads_with_its_calls() {
    use bars_domain::records::{CallKind, ClockTime, Weekday};
    let s = import(&fixture("snapshot-v4.json")).expect("the format 4 fixture imports");
    assert_eq!(s.format_version, 4);
    let falls = &s.deployments[0];
    let cadence = &falls.call_cadences[0];
    assert_eq!((cadence.run_up_every_weeks, cadence.weekday, cadence.start), (2, Weekday::Wednesday, ClockTime::new(10, 30)));
    assert_eq!(cadence.run_up_start, Some(date(2026, 1, 7)));
    assert_eq!(falls.calls.len(), 3);
    let go = &falls.calls[0];
    assert_eq!((go.kind, go.provider_id.as_deref(), go.slot.as_deref()), (CallKind::GoNoGo, Some("prov-yas"), Some("go_no_go:prov-yas")));
    assert_eq!(go.actions.len(), 2);
    assert!(go.actions[0].done && !go.actions[1].done);
    assert_eq!(go.actions[1].due, None);
    assert_eq!((falls.calls[1].kind, falls.calls[1].slot.as_deref()), (CallKind::Other, None));
    assert!(falls.calls[2].cancelled);
    // The calendar puts the stored calls in place of their proposals.
    let entries = bars_domain::calls::calendar(falls, Some(date(2026, 3, 30)));
    assert_eq!(entries.iter().filter(|e| e.call.slot.as_deref() == Some("run_up:2026-01-21")).count(), 1);
    assert!(entries.iter().find(|e| e.call.slot.as_deref() == Some("run_up:2026-01-21")).unwrap().call.cancelled);
}

/// The current version writes exactly what its fixture holds: a change to
/// the written format shows up here, and needs a new format version.
#[test]
fn the_current_format_writes_its_fixture_back_unchanged() {
    let text = fixture(&format!("snapshot-v{FORMAT_VERSION}.json"));
    let s = import(&text).unwrap();
    let again = export(&s.deployments, &s.deleted_deployments, &s.meta);
    let (a, b): (serde_json::Value, serde_json::Value) = (serde_json::from_str(&text).unwrap(), serde_json::from_str(&again).unwrap());
    assert_eq!(a, b);
}

#[test]
fn an_older_file_exports_as_the_current_format_and_reads_back_the_same() {
    let old = import(&fixture("snapshot-v1.json")).unwrap();
    let meta = ExportMeta { app_version: "0.2.0".into(), ..old.meta.clone() };
    let text = export(&old.deployments, &old.deleted_deployments, &meta);
    let new = import(&text).unwrap();
    assert_eq!(new.format_version, FORMAT_VERSION);
    assert_eq!(new.deployments, old.deployments);
}

#[test]
fn the_fixtures_hold_no_nhs_numbers() {
    for name in ["snapshot-v1.json", "snapshot-v2.json", "snapshot-v3.json", "snapshot-v4.json", "snapshot-v5.json", "snapshot-v6.json", &format!("snapshot-v{FORMAT_VERSION}.json")] {
        let s = import(&fixture(name)).unwrap();
        assert_eq!(scan_deployments(&s.deployments), [], "{name}");
    }
}

#[test]
fn importing_a_fixture_into_an_empty_tracker_adds_everything() {
    let s = import(&fixture("snapshot-v2.json")).unwrap();
    let plan = plan_snapshot_merge(&AppState::default(), &s, MergeOptions::default());
    assert!(plan.conflicts.is_empty());
    let counts: Vec<usize> = plan.preview.iter().map(|d| d.records_added).collect();
    assert_eq!(counts, [23, 1]);
    let merged = plan.apply(&[], s.meta.exported_at).unwrap();
    assert_eq!(merged.deployments, s.deployments);
    assert_eq!(merged.deleted_deployments, s.deleted_deployments);
}

/// Markup in any text field is just text: it imports, and every character
/// comes back exactly as written (showing it safely is the UI's job, and
/// Leptos escapes text it renders).
#[test]
fn markup_in_names_is_valid_text_kept_verbatim() {
    let text = fixture("snapshot-v2-markup.json");
    let s = import(&text).expect("markup is allowed as text");
    let d = &s.deployments[0];
    assert_eq!(d.name, "<script>alert(\"name\")</script>");
    assert_eq!(d.application, ApplicationChoice::Other { description: "<img src=x onerror=alert(1)> use case".into() });
    assert_eq!(d.providers[0].id, "p<1>");
    assert_eq!(d.providers[0].name, "{{provider}} ${name} <!-- x -->");
    assert_eq!(d.providers[0].supplier, "'; DROP TABLE providers; --");
    assert_eq!(d.workflows[0].provider_id, "p<1>");
    assert_eq!(d.workflows[0].name, "<a href=\"javascript:alert(1)\">Referral</a>");
    assert_eq!(s.meta.exported_by, "<b>Acme</b> & Sons \"Health\" Ltd");
    assert_eq!(s.meta.note.as_deref(), Some("</textarea><script>alert('note')</script>"));
    let again = export(&s.deployments, &s.deleted_deployments, &s.meta);
    let back = import(&again).unwrap();
    assert_eq!((&back.deployments, &back.meta), (&s.deployments, &s.meta));
    // Every value the older file wrote comes back word for word (the newer
    // format adds fields and its own version number).
    fn within(a: &serde_json::Value, b: &serde_json::Value, at: &str) {
        match (a, b) {
            (serde_json::Value::Object(a), serde_json::Value::Object(b)) => {
                for (k, v) in a.iter().filter(|(k, _)| *k != "format_version") {
                    within(v, &b[k], &format!("{at}.{k}"));
                }
            }
            (serde_json::Value::Array(a), serde_json::Value::Array(b)) => {
                assert_eq!(a.len(), b.len(), "{at}");
                a.iter().zip(b).enumerate().for_each(|(i, (a, b))| within(a, b, &format!("{at}[{i}]")));
            }
            _ => assert_eq!(a, b, "{at}"),
        }
    }
    let (a, b): (serde_json::Value, serde_json::Value) = (serde_json::from_str(&text).unwrap(), serde_json::from_str(&again).unwrap());
    within(&a, &b, "");
}

/// docs/snapshot.schema.json is published for other tools: it must describe
/// exactly what the app writes and reads (it is generated from the types by
/// tests/schema.rs; this checks the result against a real file).
#[test]
fn the_published_schema_matches_the_types() {
    let path = format!("{}/../docs/snapshot.schema.json", env!("CARGO_MANIFEST_DIR"));
    let schema: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let defs = &schema["$defs"];
    let keys = |v: &serde_json::Value| -> Vec<String> {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };

    // The format's name and version.
    assert_eq!(schema["properties"]["format"]["const"], bars_domain::snapshot::FORMAT_NAME);
    assert_eq!(schema["properties"]["format_version"]["const"], FORMAT_VERSION);

    // Every object's fields, against what serde writes for a real file.
    let text = fixture(&format!("snapshot-v{FORMAT_VERSION}.json"));
    let written: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(keys(&schema["properties"]), keys(&written));
    let d = &written["deployments"][0];
    assert_eq!(keys(&defs["Deployment"]["properties"]), keys(d));
    for (def, list) in [
        ("Provider", "providers"),
        ("Workflow", "workflows"),
        ("TestResult", "test_results"),
        ("Milestone", "milestones"),
        ("Decision", "decisions"),
        ("BusinessChange", "business_change"),
        ("DailyVolume", "volumetrics"),
        ("Incident", "incidents"),
        ("Contact", "contacts"),
        ("CallCadence", "call_cadences"),
        ("Call", "calls"),
        ("Issue", "issues"),
        ("Lesson", "lessons"),
        ("RasciChange", "rasci_changes"),
        ("Responsibility", "responsibilities"),
        ("ExitReport", "exit_reports"),
        ("Tombstone", "deleted"),
    ] {
        assert_eq!(keys(&defs[def]["properties"]), keys(&d[list][0]), "{def}");
        assert_eq!(defs[def]["additionalProperties"], false, "{def}");
    }

    // Every allowed value reads into the app's types, and no more are allowed.
    /// The values an enum's definition allows: its `enum`, or those of its
    /// `oneOf` (variants with their own description).
    fn allowed(def: &serde_json::Value) -> Vec<serde_json::Value> {
        match def["enum"].as_array() {
            Some(values) => values.clone(),
            None => def["oneOf"].as_array().unwrap().iter().flat_map(allowed_one).collect(),
        }
    }
    fn allowed_one(def: &serde_json::Value) -> Vec<serde_json::Value> {
        if def.get("const").is_some() { vec![def["const"].clone()] } else { def["enum"].as_array().unwrap().clone() }
    }
    fn reads<T: serde::de::DeserializeOwned>(def: &serde_json::Value) -> usize {
        let values = allowed(def);
        for v in values.iter().filter(|v| !v.is_null()) {
            assert!(serde_json::from_value::<T>(v.clone()).is_ok(), "{v}");
        }
        values.iter().filter(|v| !v.is_null()).count()
    }
    assert_eq!(reads::<ServiceRiskLevel>(&defs["ServiceRiskLevel"]), ServiceRiskLevel::ALL.len());
    assert_eq!(reads::<ProviderRole>(&defs["ProviderRole"]), ProviderRole::ALL.len());
    assert_eq!(reads::<Outcome>(&defs["Outcome"]), Outcome::ALL.len());
    assert_eq!(reads::<RootCause>(&defs["RootCause"]), RootCause::ALL.len());
    assert_eq!(reads::<MilestoneKind>(&defs["MilestoneKind"]), MilestoneKind::ALL.len());
    assert_eq!(reads::<Party>(&defs["Party"]), Party::ALL.len());
    assert_eq!(reads::<bars_domain::records::CallKind>(&defs["CallKind"]), bars_domain::records::CallKind::ALL.len());
    assert_eq!(reads::<bars_domain::records::Weekday>(&defs["Weekday"]), bars_domain::records::Weekday::ALL.len());
    assert_eq!(keys(&defs["CallAction"]["properties"]), keys(&written["deployments"][0]["calls"][0]["actions"][0]));
    assert_eq!(reads::<FoundIn>(&defs["FoundIn"]), FoundIn::ALL.len());
    assert_eq!(reads::<Priority>(&defs["Priority"]), Priority::ALL.len());
    assert_eq!(reads::<IssueStatus>(&defs["IssueStatus"]), IssueStatus::ALL.len());
    assert_eq!(reads::<LessonCategory>(&defs["LessonCategory"]), LessonCategory::ALL.len());
    assert_eq!(reads::<LessonStatus>(&defs["LessonStatus"]), LessonStatus::ALL.len());
    assert_eq!(reads::<bars_domain::rasci::Task>(&defs["Task"]), bars_domain::rasci::Task::ALL.len());
    assert_eq!(reads::<bars_domain::responsibilities::Duty>(&defs["Duty"]), bars_domain::responsibilities::Duty::ALL.len());
    assert_eq!(reads::<bars_domain::responsibilities::Status>(&defs["Status"]), bars_domain::responsibilities::Status::ALL.len());
    assert_eq!(defs["ApplicationChoice"]["oneOf"][0]["properties"]["number"]["maximum"], bars_domain::APPLICATIONS.len());
}

/// A file saved as UTF-16 with a byte-order mark (as some Windows editors
/// do) is read as the same snapshot.
#[test]
fn a_utf16_file_with_a_byte_order_mark_is_read() {
    let path = format!("{}/tests/fixtures/snapshot-v2-utf16.json", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(path).unwrap();
    assert_eq!(&bytes[..2], [0xFF, 0xFE]);
    let s = bars_domain::snapshot::import_bytes(&bytes).expect("UTF-16 with a BOM is read");
    assert_eq!(s.deployments[0].name, "Falls lifting");
    assert_eq!(s.meta.exported_by, "Leeds Community Healthcare NHS Trust");
    // Big-endian too.
    let text: String = char::decode_utf16(bytes[2..].chunks_exact(2).map(|b| u16::from_le_bytes([b[0], b[1]]))).map(Result::unwrap).collect();
    let mut big = vec![0xFE, 0xFF];
    big.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    assert_eq!(bars_domain::snapshot::import_bytes(&big).unwrap(), s);
}

#[test]
fn format_3_loads_decisions_and_business_change() {
    use bars_domain::records::{Activity, ActivityStatus, ChangeNeeded};
    use bars_domain::stages::{provider_stages, Stage};
    let s = import(&fixture("snapshot-v3.json")).expect("the format 3 fixture imports");
    let falls = &s.deployments[0];
    assert_eq!(falls.standard_updated, Some(date(2026, 2, 20)));
    let [no, go] = &falls.decisions[..] else { panic!("two decisions") };
    assert_eq!((no.outcome, no.returns_to, no.must_change.as_slice()), (DecisionOutcome::No, Some(Stage::PrivateBeta), &[ChangeNeeded::SupplierSystem][..]));
    assert_eq!(no.parties, [Party::Supplier, Party::Provider, Party::BarsTeam]);
    assert_eq!(go.outcome, DecisionOutcome::Yes);
    let sop = falls.business_change_of("prov-yas", Activity::WorkflowsAndProcedures).unwrap();
    assert_eq!((sop.status, sop.owner_id.as_deref(), sop.completed_on), (ActivityStatus::Completed, Some("ct-2"), Some(date(2026, 1, 19))));
    // Between the no-go and the go, the go / no-go decision is open again.
    assert_eq!(provider_stages(falls, "prov-yas", date(2026, 1, 26)).gate(MilestoneKind::GoDecision), None);
    assert_eq!(provider_stages(falls, "prov-yas", date(2026, 2, 1)).gate(MilestoneKind::GoDecision), Some(date(2026, 2, 1)));
}

#[test]
fn format_7_loads_with_the_exit_report_narrative() {
    let s = import(&fixture("snapshot-v7.json")).expect("the format 7 fixture imports");
    let falls = &s.deployments[0];
    let report = falls.exit_report("prov-yas").expect("the ambulance service's narrative");
    assert_eq!(report.id, "exit-prov-yas");
    assert!(report.summary.starts_with("Validation requests reached"));
    assert_eq!((report.completed_by.as_str(), report.completed_on), ("", None), "still being written");
    assert!(falls.exit_report("prov-lch").is_none());
    // Older files gain an empty list.
    for name in ["snapshot-v3.json", "snapshot-v4.json", "snapshot-v5.json", "snapshot-v6.json"] {
        let old = import(&fixture(name)).unwrap();
        assert!(old.deployments.iter().all(|d| d.exit_reports.is_empty()), "{name}");
    }
}

/// A record that is not an object is refused with what it is and where, in
/// the same words for every record type (one shared reader path, issue 7).
#[test]
fn a_record_that_is_not_an_object_is_named_with_what_it_is_and_where() {
    let current: serde_json::Value = serde_json::from_str(&fixture("snapshot-v8.json")).unwrap();
    let problem = |collection: &str, item: &str| {
        let mut v = current.clone();
        v["deployments"][0][collection] = serde_json::json!([serde_json::from_str::<serde_json::Value>(item).unwrap()]);
        let text = serde_json::to_string_pretty(&v).unwrap();
        let error = import(&text).expect_err("a record must be an object").to_string();
        error.lines().nth(1).expect("one problem listed").to_owned()
    };
    let cases = [
        ("providers", "5", "- deployments[0].providers[0]: must be an object describing a provider, not the number 5"),
        ("volumetrics", "-3", "- deployments[0].volumetrics[0]: must be an object describing a day's counts, not the number -3"),
        ("deleted", "2.5", "- deployments[0].deleted[0]: must be an object describing a deleted record, not the number 2.5"),
        ("issues", "true", "- deployments[0].issues[0]: must be an object describing an issue, not true"),
        ("providers", "\"x\"", "- deployments[0].providers[0]: must be an object describing a provider, not the text \u{201c}x\u{201d}"),
        ("volumetrics", "[1]", "- deployments[0].volumetrics[0]: must be an object describing a day's counts, not a list"),
        ("deleted", "null", "- deployments[0].deleted[0]: is missing"),
        ("providers", "{}", "- deployments[0].providers[0].id: is missing"),
    ];
    for (collection, item, expected) in cases {
        assert_eq!(problem(collection, item), expected, "{collection}: [{item}]");
    }
}
