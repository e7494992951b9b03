//! Merging another organisation's deployments into the local state
//! (PRODUCT.md, "Sharing between organisations"): worked examples of each
//! rule, then the properties every merge must have, checked with proptest.

use bars_domain::deployment::{Deployment, DeploymentFields, Tombstone};
use bars_domain::merge::{
    canonical, canonical_tombstones, diff, plan_merge, replace_preview, Choice, ConflictKind, DeploymentChange, MergeOptions, MergePlan,
};
use bars_domain::records::{Contact, DailyVolume, Incident, Milestone, MilestoneKind, Outcome, Party, Provider, ProviderRole, TestResult, Workflow};
use bars_domain::{AppState, ApplicationChoice, ServiceRiskLevel};
use chrono::{DateTime, NaiveDate, Utc};
use proptest::prelude::*;

fn at(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_770_000_000 + secs, 0).unwrap()
}

fn day(n: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 2, n).unwrap()
}

fn base() -> Deployment {
    let fields = DeploymentFields { name: "Falls lifting".into(), application: ApplicationChoice::Preset { number: 4 }, risk_level: ServiceRiskLevel::Medium };
    let mut d = Deployment::new("dep".into(), fields, at(0));
    d.providers.push(provider("p1", "Leeds Teaching Hospitals", at(1)));
    d.workflows.push(Workflow { id: "w1".into(), updated_at: at(1), provider_id: "p1".into(), name: "Validation request".into() });
    d.volumetrics.push(volume("v1", 1, 5, at(2)));
    d
}

fn provider(id: &str, name: &str, t: DateTime<Utc>) -> Provider {
    Provider { id: id.into(), updated_at: t, name: name.into(), ods_code: "RR8".into(), role: ProviderRole::Both, supplier: "Acme".into(), go_live: None }
}

fn volume(id: &str, date: u32, referrals: u32, t: DateTime<Utc>) -> DailyVolume {
    DailyVolume { id: id.into(), updated_at: t, provider_id: "p1".into(), date: day(date), referrals, responses: 0 }
}

fn state(d: Deployment) -> AppState {
    AppState { deployments: vec![d], ..Default::default() }
}

/// Plans a merge of `incoming` (with its deployment tombstones) into `local`
/// (with `local_deleted` as its deployment tombstones).
fn plan_of(local: &AppState, local_deleted: &[Tombstone], incoming: &[Deployment], incoming_deleted: &[Tombstone], options: MergeOptions) -> MergePlan {
    let local = AppState { deleted_deployments: local_deleted.to_vec(), ..local.clone() };
    let incoming = AppState { deployments: incoming.to_vec(), deleted_deployments: incoming_deleted.to_vec(), ..Default::default() };
    plan_merge(&local, &incoming, options)
}

/// Merges `incoming` into `local` when no conflict is expected.
fn merge_clean(local: &AppState, incoming: &AppState) -> AppState {
    let plan = plan_of(local, &[], &incoming.deployments, &[], MergeOptions::default());
    assert!(plan.conflicts.is_empty(), "unexpected conflicts: {:?}", plan.conflicts);
    plan.apply(&[], at(1000)).unwrap()
}

#[test]
fn a_record_only_the_file_has_is_added_and_previewed() {
    let local = state(base());
    let mut theirs = base();
    theirs.volumetrics.push(volume("v2", 2, 7, at(10)));
    let plan = plan_of(&local, &[], &theirs_state(&theirs), &[], MergeOptions::default());
    let preview = &plan.preview[0];
    assert_eq!((preview.change, preview.records_added, preview.records_changed, preview.records_deleted), (DeploymentChange::Changed, 1, 0, 0));
    let merged = plan.apply(&[], at(1000)).unwrap();
    assert_eq!(merged.deployments[0].volumetrics.len(), 2);
    assert_eq!(merged.deployments[0].volumetrics[1].referrals, 7);
}

fn theirs_state(d: &Deployment) -> Vec<Deployment> {
    vec![d.clone()]
}

#[test]
fn the_newer_version_wins_whichever_side_it_is_on() {
    let mut ours = base();
    let mut theirs = base();
    ours.providers[0].name = "Leeds (ours, newer)".into();
    ours.providers[0].updated_at = at(20);
    theirs.volumetrics[0].referrals = 9;
    theirs.volumetrics[0].updated_at = at(30);
    let merged = merge_clean(&state(ours), &state(theirs));
    let d = &merged.deployments[0];
    assert_eq!(d.providers[0].name, "Leeds (ours, newer)");
    assert_eq!(d.volumetrics[0].referrals, 9);
}

#[test]
fn equal_times_with_different_content_are_a_conflict_the_user_settles() {
    let mut ours = base();
    let mut theirs = base();
    ours.volumetrics[0].referrals = 6;
    ours.volumetrics[0].updated_at = at(50);
    theirs.volumetrics[0].referrals = 8;
    theirs.volumetrics[0].responses = 1;
    theirs.volumetrics[0].updated_at = at(50);
    let local = state(ours);
    let plan = plan_of(&local, &[], &[theirs.clone()], &[], MergeOptions::default());
    assert_eq!(plan.conflicts.len(), 1);
    let c = &plan.conflicts[0];
    assert_eq!(c.kind, ConflictKind::ChangedOnBothSides);
    assert_eq!(c.record_id, "v1");
    assert_eq!(c.differing_fields, ["referrals", "responses"]);
    assert_eq!(
        c.description,
        "Counts for \u{201c}Leeds Teaching Hospitals\u{201d} on 1 February 2026 was changed here and in the file at the same time \
         (2 February 2026 at 02:40:50 UTC), differently: they differ in referrals, responses"
    );
    assert_eq!(plan.preview[0].conflicts, 1);

    // Keeping ours re-stamps it, so the same file raises nothing next time.
    let kept = plan.apply(&[Choice::KeepLocal], at(900)).unwrap();
    let v = &kept.deployments[0].volumetrics[0];
    assert_eq!((v.referrals, v.updated_at), (6, at(900)));
    let again = plan_of(&kept, &kept.deleted_deployments, &[theirs.clone()], &[], MergeOptions::default());
    assert!(again.conflicts.is_empty());
    assert_eq!(again.apply(&[], at(2000)).unwrap(), kept);

    // Taking theirs takes their content.
    let taken = plan.apply(&[Choice::TakeIncoming], at(900)).unwrap();
    let v = &taken.deployments[0].volumetrics[0];
    assert_eq!((v.referrals, v.responses), (8, 1));

    // One choice per conflict, no fewer.
    assert!(plan.apply(&[], at(900)).is_err());
}

#[test]
fn a_clock_behind_the_versions_still_makes_the_choice_newest() {
    let mut ours = base();
    let mut theirs = base();
    ours.providers[0].name = "A".into();
    ours.providers[0].updated_at = at(500);
    theirs.providers[0].name = "B".into();
    theirs.providers[0].updated_at = at(500);
    let plan = plan_of(&state(ours), &[], &[theirs], &[], MergeOptions::default());
    let merged = plan.apply(&[Choice::KeepLocal], at(10)).unwrap();
    assert_eq!(merged.deployments[0].providers[0].updated_at, at(500) + chrono::TimeDelta::milliseconds(1));
}

#[test]
fn a_deletion_wins_over_older_edits_and_ties() {
    for (deleted_at, edited_at) in [(at(40), at(30)), (at(40), at(40))] {
        let mut ours = base();
        ours.remove("v1", deleted_at);
        let mut theirs = base();
        theirs.volumetrics[0].referrals = 12;
        theirs.volumetrics[0].updated_at = edited_at;
        // Both directions give the deletion.
        for (a, b) in [(&ours, &theirs), (&theirs, &ours)] {
            let merged = merge_clean(&state(a.clone()), &state(b.clone()));
            let d = &merged.deployments[0];
            assert!(d.volumetrics.is_empty());
            assert_eq!(d.deleted, [Tombstone { id: "v1".into(), deleted_at }]);
        }
    }
}

#[test]
fn an_edit_after_the_deletion_revives_the_record_and_forgets_the_tombstone() {
    let mut ours = base();
    ours.remove("v1", at(40));
    let mut theirs = base();
    theirs.volumetrics[0].referrals = 12;
    theirs.volumetrics[0].updated_at = at(41);
    let merged = merge_clean(&state(ours), &state(theirs));
    let d = &merged.deployments[0];
    assert_eq!(d.volumetrics[0].referrals, 12);
    assert!(d.deleted.is_empty());
}

#[test]
fn since_last_shared_both_changes_are_a_conflict_even_at_different_times() {
    let mut ours = base();
    let mut theirs = base();
    ours.providers[0].name = "Leeds Teaching Hospitals NHS Trust".into();
    ours.providers[0].updated_at = at(60);
    theirs.providers[0].ods_code = "RR9".into();
    theirs.providers[0].updated_at = at(70);
    let local = state(ours);
    // Without knowing when they last shared: the later change wins.
    let plain = plan_of(&local, &[], &[theirs.clone()], &[], MergeOptions::default());
    assert!(plain.conflicts.is_empty());
    // Knowing they last shared at 50: both changed since, so the user decides.
    let options = MergeOptions { last_shared: Some(at(50)) };
    let plan = plan_of(&local, &[], &[theirs.clone()], &[], options);
    assert_eq!(plan.conflicts.len(), 1);
    assert_eq!(plan.conflicts[0].differing_fields, ["name", "ods_code"]);
    assert!(plan.conflicts[0].description.contains("since you last shared"), "{}", plan.conflicts[0].description);
    // Shared at 65: only their change is new, so theirs wins without asking.
    let later = plan_of(&local, &[], &[theirs], &[], MergeOptions { last_shared: Some(at(65)) });
    assert!(later.conflicts.is_empty());
    assert_eq!(later.apply(&[], at(1000)).unwrap().deployments[0].providers[0].ods_code, "RR9");
}

#[test]
fn since_last_shared_a_deletion_against_an_edit_is_a_conflict() {
    let mut ours = base();
    ours.remove("w1", at(60));
    let mut theirs = base();
    theirs.workflows[0].name = "Validation request (v2)".into();
    theirs.workflows[0].updated_at = at(70);
    let plan = plan_of(&state(ours), &[], &[theirs], &[], MergeOptions { last_shared: Some(at(50)) });
    assert_eq!(plan.conflicts.len(), 1);
    assert_eq!(plan.conflicts[0].kind, ConflictKind::DeletedHereChangedThere);
    let description = &plan.conflicts[0].description;
    assert!(
        description.starts_with("Workflow \u{201c}Validation request (v2)\u{201d} of \u{201c}Leeds Teaching Hospitals\u{201d} was deleted here (2 February 2026 at 02:41:00 UTC) but changed in the file"),
        "{description}"
    );
    let keep_deleted = plan.apply(&[Choice::KeepLocal], at(100)).unwrap();
    assert!(keep_deleted.deployments[0].workflows.is_empty());
    assert_eq!(keep_deleted.deployments[0].deleted, [Tombstone { id: "w1".into(), deleted_at: at(100) }]);
    let take_edit = plan.apply(&[Choice::TakeIncoming], at(100)).unwrap();
    assert_eq!(take_edit.deployments[0].workflows[0].name, "Validation request (v2)");
    assert!(take_edit.deployments[0].deleted.is_empty());
}

#[test]
fn a_deleted_deployment_stays_deleted_unless_changed_since() {
    let theirs_tomb = [Tombstone { id: "dep".into(), deleted_at: at(100) }];
    let local = state(base());
    let plan = plan_of(&local, &[], &[], &theirs_tomb, MergeOptions::default());
    assert_eq!(plan.preview[0].change, DeploymentChange::Removed);
    let merged = plan.apply(&[], at(1000)).unwrap();
    assert!(merged.deployments.is_empty());
    assert_eq!(merged.deleted_deployments, theirs_tomb);

    // A day's counts recorded after the deletion bring it back.
    let mut busy = base();
    busy.volumetrics.push(volume("v9", 9, 3, at(101)));
    let merged = plan_of(&state(busy), &[], &[], &theirs_tomb, MergeOptions::default()).apply(&[], at(1000)).unwrap();
    assert_eq!(merged.deployments.len(), 1);
    assert!(merged.deleted_deployments.is_empty());
}

#[test]
fn records_of_a_provider_deleted_elsewhere_are_left_out_and_listed() {
    let mut ours = base();
    ours.remove_provider("p1", at(100));
    let mut theirs = base();
    theirs.volumetrics.push(volume("v2", 2, 4, at(150)));
    let plan = plan_of(&state(ours), &[], &[theirs], &[], MergeOptions::default());
    assert!(plan.conflicts.is_empty());
    assert_eq!(plan.dropped.len(), 1);
    assert_eq!(plan.dropped[0].record_id, "v2");
    assert_eq!(
        plan.dropped[0].description,
        "Counts for a provider no longer in the deployment on 2 February 2026 is left out: its provider has been deleted"
    );
    let merged = plan.apply(&[], at(1000)).unwrap();
    let d = &merged.deployments[0];
    assert!(d.providers.is_empty() && d.volumetrics.is_empty() && d.workflows.is_empty());
    assert!(bars_domain::validate::check_deployments(&merged.deployments, &merged.deleted_deployments).is_empty());
}

#[test]
fn local_order_is_kept_and_new_records_follow_in_their_order() {
    let mut ours = base();
    ours.workflows.push(Workflow { id: "w0".into(), updated_at: at(1), provider_id: "p1".into(), name: "Update".into() });
    let mut theirs = base();
    for id in ["wz", "wa"] {
        theirs.workflows.push(Workflow { id: id.into(), updated_at: at(5), provider_id: "p1".into(), name: id.into() });
    }
    let merged = merge_clean(&state(ours), &state(theirs));
    let ids: Vec<&str> = merged.deployments[0].workflows.iter().map(|w| w.id.as_str()).collect();
    assert_eq!(ids, ["w1", "w0", "wz", "wa"]);
}

#[test]
fn replacing_previews_every_deployment() {
    let mut other = base();
    other.id = "dep2".into();
    other.name = "Pharmacy First".into();
    let local = AppState { deployments: vec![base(), other], ..Default::default() };
    let mut theirs = base();
    theirs.volumetrics[0].referrals = 1;
    theirs.volumetrics[0].updated_at = at(3);
    theirs.providers.push(provider("p2", "Bradford", at(3)));
    theirs.workflows.clear();
    let mut new = base();
    new.id = "dep3".into();
    let preview = replace_preview(&local, &[theirs, new]);
    let summary: Vec<(&str, DeploymentChange, usize, usize, usize)> =
        preview.iter().map(|d| (d.deployment_id.as_str(), d.change, d.records_added, d.records_changed, d.records_deleted)).collect();
    assert_eq!(
        summary,
        [
            ("dep", DeploymentChange::Changed, 1, 1, 1),
            ("dep2", DeploymentChange::Removed, 0, 0, 3),
            ("dep3", DeploymentChange::Added, 3, 0, 0),
        ]
    );
    assert_eq!(diff(&local, &local).iter().filter(|d| d.change != DeploymentChange::Unchanged).count(), 0);
}

#[test]
fn details_are_merged_as_their_own_record() {
    let mut ours = base();
    let mut theirs = base();
    ours.name = "Falls lifting (renamed)".into();
    ours.updated_at = at(30);
    theirs.volumetrics[0].referrals = 99;
    theirs.volumetrics[0].updated_at = at(40);
    let merged = merge_clean(&state(ours), &state(theirs));
    let d = &merged.deployments[0];
    assert_eq!((d.name.as_str(), d.volumetrics[0].referrals), ("Falls lifting (renamed)", 99));
    let plan = plan_of(&state(d.clone()), &[], &[base()], &[], MergeOptions::default());
    assert!(!plan.preview[0].details_changed);
}

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------

/// One id's state on one generated side.
#[derive(Debug, Clone)]
enum Slot {
    Absent,
    Live { t: i64, v: u8 },
    Dead { t: i64 },
    /// A record and its own tombstone (an undo gone wrong, say).
    Both { t: i64, v: u8, dead: i64 },
}

/// Few times and variants, so that equal times, ties and conflicts are common.
fn slot() -> impl Strategy<Value = Slot> {
    prop_oneof![
        3 => Just(Slot::Absent),
        5 => (0i64..10, 0u8..3).prop_map(|(t, v)| Slot::Live { t, v }),
        2 => (0i64..10).prop_map(|t| Slot::Dead { t }),
        1 => (0i64..10, 0u8..3, 0i64..10).prop_map(|(t, v, dead)| Slot::Both { t, v, dead }),
    ]
}

/// The records a generated deployment may hold: (id, collection, parent id).
const RECORDS: [(&str, &str, &str); 12] = [
    ("p0", "provider", ""),
    ("p1", "provider", ""),
    ("w0", "workflow", "p0"),
    ("w1", "workflow", "p1"),
    ("r0", "result", "w0"),
    ("r1", "result", "w1"),
    ("m0", "milestone", "p0"),
    ("v0", "volume", "p0"),
    ("v1", "volume", "p1"),
    ("i0", "incident", "p1"),
    ("c0", "contact", "p0"),
    ("c1", "contact", ""),
];

type SideSpec = Vec<(Slot, Vec<Slot>)>;

fn side() -> impl Strategy<Value = SideSpec> {
    prop::collection::vec((slot(), prop::collection::vec(slot(), RECORDS.len())), 2)
}

fn add_record(d: &mut Deployment, (id, kind, parent): (&str, &str, &str), t: i64, v: u8) {
    let (id, parent, u) = (id.to_owned(), parent.to_owned(), at(t));
    let text = format!("variant {v}");
    match kind {
        "provider" => d.providers.push(Provider { id, updated_at: u, name: text, ods_code: "RX1".into(), role: ProviderRole::Both, supplier: "S".into(), go_live: Some(day(1 + u32::from(v))) }),
        "workflow" => d.workflows.push(Workflow { id, updated_at: u, provider_id: parent, name: text }),
        "result" => d.test_results.push(TestResult { id, updated_at: u, workflow_id: parent, date: day(1), outcome: if v == 0 { Outcome::Pass } else { Outcome::Fail }, note: text, root_cause: None }),
        "milestone" => d.milestones.push(Milestone { id, updated_at: u, provider_id: parent, kind: MilestoneKind::Dcb0160, date: day(1 + u32::from(v)), recorded_by: text }),
        "volume" => d.volumetrics.push(DailyVolume { id, updated_at: u, provider_id: parent, date: day(2), referrals: 5 + u32::from(v), responses: u32::from(v) }),
        "incident" => d.incidents.push(Incident { id, updated_at: u, provider_id: parent, date: day(3), attributed_to_bars: v == 1, summary: text, reported_to_service_desk: true, resolution: String::new() }),
        "contact" => d.contacts.push(Contact { id, updated_at: u, party: Party::Provider, provider_id: (!parent.is_empty()).then_some(parent), organisation: "O".into(), role: "R".into(), name: text, email: String::new() }),
        _ => unreachable!(),
    }
}

fn build(spec: &SideSpec) -> (AppState, Vec<Tombstone>) {
    build_at(spec, |t| t)
}

/// `build` with every time passed through `clock`, e.g. to give two sides
/// times that never coincide.
fn build_at(spec: &SideSpec, clock: impl Fn(i64) -> i64) -> (AppState, Vec<Tombstone>) {
    let at = |t: i64| at(clock(t));
    let mut state = AppState::default();
    let mut deleted = Vec::new();
    for (n, (slot, records)) in spec.iter().enumerate() {
        let id = format!("d{n}");
        let live = match slot {
            Slot::Absent => None,
            Slot::Live { t, v } => Some((*t, *v)),
            Slot::Dead { t } => {
                deleted.push(Tombstone { id: id.clone(), deleted_at: at(*t) });
                None
            }
            Slot::Both { t, v, dead } => {
                deleted.push(Tombstone { id: id.clone(), deleted_at: at(*dead) });
                Some((*t, *v))
            }
        };
        let Some((t, v)) = live else { continue };
        let fields = DeploymentFields { name: format!("Deployment {v}"), application: ApplicationChoice::Preset { number: 1 + v }, risk_level: ServiceRiskLevel::Low };
        let mut d = Deployment::new(id, fields, at(t));
        for (record, slot) in RECORDS.iter().zip(records) {
            match slot {
                Slot::Absent => {}
                Slot::Live { t, v } => add_record(&mut d, *record, clock(*t), *v),
                Slot::Dead { t } => d.deleted.push(Tombstone { id: record.0.into(), deleted_at: at(*t) }),
                Slot::Both { t, v, dead } => {
                    add_record(&mut d, *record, clock(*t), *v);
                    d.deleted.push(Tombstone { id: record.0.into(), deleted_at: at(*dead) });
                }
            }
        }
        state.deployments.push(d);
    }
    (state, deleted)
}

/// The latest time anywhere in a side: its `exported_at` would be at least this.
fn latest(state: &AppState, deleted: &[Tombstone]) -> DateTime<Utc> {
    let mut t = at(0);
    for d in &state.deployments {
        let json = serde_json::to_value(d).unwrap();
        collect_times(&json, &mut t);
    }
    for x in deleted {
        t = t.max(x.deleted_at);
    }
    t
}

fn collect_times(v: &serde_json::Value, t: &mut DateTime<Utc>) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, x) in map {
                if let (true, Some(s)) = (k == "updated_at" || k == "deleted_at" || k == "created_at", x.as_str()) {
                    *t = (*t).max(s.parse().unwrap());
                }
                collect_times(x, t);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|x| collect_times(x, t)),
        _ => {}
    }
}

fn record_ids(d: &Deployment) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    ids.extend(d.providers.iter().map(|r| r.id.clone()));
    ids.extend(d.workflows.iter().map(|r| r.id.clone()));
    ids.extend(d.test_results.iter().map(|r| r.id.clone()));
    ids.extend(d.milestones.iter().map(|r| r.id.clone()));
    ids.extend(d.volumetrics.iter().map(|r| r.id.clone()));
    ids.extend(d.incidents.iter().map(|r| r.id.clone()));
    ids.extend(d.contacts.iter().map(|r| r.id.clone()));
    ids
}

fn choices_for(n: usize, picks: &[bool]) -> Vec<Choice> {
    (0..n).map(|i| if picks.get(i).copied().unwrap_or(i % 2 == 0) { Choice::KeepLocal } else { Choice::TakeIncoming }).collect()
}

proptest! {
    // PROPTEST_CASES=20000 for a longer hunt.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(256),
        ..ProptestConfig::default()
    })]

    /// Importing the same snapshot a second time changes nothing and asks nothing.
    #[test]
    fn merging_the_same_snapshot_twice_changes_nothing_the_second_time(a in side(), b in side(), picks in prop::collection::vec(any::<bool>(), 0..40)) {
        let (local, local_deleted) = build(&a);
        let (incoming, incoming_deleted) = build(&b);
        let plan = plan_of(&local, &local_deleted, &incoming.deployments, &incoming_deleted, MergeOptions::default());
        let once = plan.apply(&choices_for(plan.conflicts.len(), &picks), at(1000)).unwrap();
        let again = plan_of(&once, &once.deleted_deployments, &incoming.deployments, &incoming_deleted, MergeOptions::default());
        prop_assert!(again.conflicts.is_empty(), "{:?}", again.conflicts);
        prop_assert!(again.preview.iter().all(|d| d.change == DeploymentChange::Unchanged), "{:?}", again.preview);
        let twice = again.apply(&[], at(2000)).unwrap();
        prop_assert_eq!(twice, once);
    }

    /// The same, when the last exchange is known and moves on to the file's time.
    #[test]
    fn merging_twice_is_idempotent_with_last_shared(a in side(), b in side(), since in 0i64..10, picks in prop::collection::vec(any::<bool>(), 0..40)) {
        let (local, local_deleted) = build(&a);
        let (incoming, incoming_deleted) = build(&b);
        let options = MergeOptions { last_shared: Some(at(since)) };
        let plan = plan_of(&local, &local_deleted, &incoming.deployments, &incoming_deleted, options);
        let once = plan.apply(&choices_for(plan.conflicts.len(), &picks), at(1000)).unwrap();
        let exported_at = latest(&incoming, &incoming_deleted);
        let options = MergeOptions { last_shared: Some(exported_at) };
        let again = plan_of(&once, &once.deleted_deployments, &incoming.deployments, &incoming_deleted, options);
        prop_assert!(again.conflicts.is_empty(), "{:?}", again.conflicts);
        prop_assert_eq!(again.apply(&[], at(2000)).unwrap(), once);
    }

    /// A into B and B into A: the same conflicts, and without conflicts the same result.
    #[test]
    fn merge_is_commutative_when_nothing_conflicts(a in side(), b in side(), since in prop::option::of(0i64..10)) {
        let (sa, da) = build(&a);
        let (sb, db) = build(&b);
        let options = MergeOptions { last_shared: since.map(at) };
        let ab = plan_of(&sa, &da, &sb.deployments, &db, options);
        let ba = plan_of(&sb, &db, &sa.deployments, &da, options);
        prop_assert_eq!(ab.conflicts.len(), ba.conflicts.len());
        let mut ids_ab: Vec<_> = ab.conflicts.iter().map(|c| (c.deployment_id.clone(), c.record_id.clone())).collect();
        let mut ids_ba: Vec<_> = ba.conflicts.iter().map(|c| (c.deployment_id.clone(), c.record_id.clone())).collect();
        ids_ab.sort();
        ids_ba.sort();
        prop_assert_eq!(ids_ab, ids_ba);
        if ab.conflicts.is_empty() {
            let (x, y) = (ab.apply(&[], at(1000)).unwrap(), ba.apply(&[], at(1000)).unwrap());
            prop_assert_eq!(canonical(&x), canonical(&y));
            prop_assert_eq!(canonical_tombstones(&x.deleted_deployments), canonical_tombstones(&y.deleted_deployments));
        }
    }

    /// With clocks that never agree to the second, nothing conflicts, so the
    /// comparison above is always made.
    #[test]
    fn merge_is_commutative_for_distinct_clocks(a in side(), b in side()) {
        let (sa, da) = build_at(&a, |t| 2 * t);
        let (sb, db) = build_at(&b, |t| 2 * t + 1);
        let ab = plan_of(&sa, &da, &sb.deployments, &db, MergeOptions::default());
        let ba = plan_of(&sb, &db, &sa.deployments, &da, MergeOptions::default());
        prop_assert!(ab.conflicts.is_empty() && ba.conflicts.is_empty());
        let (x, y) = (ab.apply(&[], at(1000)).unwrap(), ba.apply(&[], at(1000)).unwrap());
        prop_assert_eq!(canonical(&x), canonical(&y));
        prop_assert_eq!(canonical_tombstones(&x.deleted_deployments), canonical_tombstones(&y.deleted_deployments));
    }

    /// A deletion beats every version changed at or before it, from either side;
    /// a version changed after it wins.
    #[test]
    fn tombstones_win_over_older_edits(a in side(), which in 0usize..RECORDS.len(), edit in 0i64..10, gap in -3i64..4, local_deletes in any::<bool>()) {
        // The record sits in the first generated deployment (or a new one),
        // beside whatever else the side holds.
        let (mut local, _) = build(&a);
        if local.deployments.is_empty() {
            let fields = DeploymentFields { name: "Fresh".into(), application: ApplicationChoice::Preset { number: 2 }, risk_level: ServiceRiskLevel::High };
            local.deployments.push(Deployment::new("fresh".into(), fields, at(0)));
        }
        let mut d = local.deployments[0].clone();
        d.deleted.clear();
        let (id, _, _) = RECORDS[which];
        let mut edited = Deployment { providers: vec![], workflows: vec![], test_results: vec![], milestones: vec![], volumetrics: vec![], incidents: vec![], contacts: vec![], ..d.clone() };
        for record in RECORDS {
            add_record(&mut edited, record, if record.0 == id { edit } else { 0 }, 0);
        }
        let deleted_at = edit + gap;
        let mut deleting = edited.clone();
        deleting.remove(id, at(deleted_at));
        // Removing a workflow also removes its result: only look at `id`.
        let (ours, theirs) = if local_deletes { (deleting, edited) } else { (edited, deleting) };
        local.deployments[0] = ours;
        let plan = plan_of(&local, &[], &[theirs], &[], MergeOptions::default());
        let merged = plan.apply(&vec![Choice::KeepLocal; plan.conflicts.len()], at(1000)).unwrap();
        let out = merged.deployments.iter().find(|x| x.id == d.id).unwrap();
        let alive = record_ids(out).contains(&id.to_owned());
        let remembered = out.deleted.iter().any(|t| t.id == id);
        if deleted_at >= edit {
            prop_assert!(!alive && remembered, "{id} deleted at {deleted_at}, edited at {edit}");
        } else {
            prop_assert!(alive && !remembered, "{id} deleted at {deleted_at}, edited at {edit}");
        }
    }

    /// Merging a copy of your own state changes nothing (beyond tidying).
    #[test]
    fn merging_your_own_state_changes_nothing(a in side()) {
        let (state, deleted) = build(&a);
        let plan = plan_of(&state, &deleted, &state.deployments, &deleted, MergeOptions::default());
        prop_assert!(plan.conflicts.is_empty());
        let once = plan.apply(&[], at(1000)).unwrap();
        let again = plan_of(&once, &once.deleted_deployments, &once.deployments, &once.deleted_deployments, MergeOptions::default());
        prop_assert!(again.preview.iter().all(|d| d.change == DeploymentChange::Unchanged));
        prop_assert_eq!(again.apply(&[], at(1000)).unwrap(), once);
    }

    /// What a merge produces always passes the import rules (no stray
    /// references, no repeated ids), so it can be exported and shared on.
    #[test]
    fn a_merge_of_valid_states_is_valid(a in side(), b in side()) {
        let (sa, da) = build(&a);
        let (sb, db) = build(&b);
        let plan = plan_of(&sa, &da, &sb.deployments, &db, MergeOptions::default());
        let merged = plan.apply(&choices_for(plan.conflicts.len(), &[]), at(1000)).unwrap();
        let problems = bars_domain::validate::check_deployments(&merged.deployments, &merged.deleted_deployments);
        prop_assert!(problems.is_empty(), "{:?}", problems);
        // And it travels: exported, then imported, it is the same.
        let meta = bars_domain::snapshot::ExportMeta { app_version: "test".into(), exported_at: at(1000), exported_by: "Test".into(), note: None };
        let text = bars_domain::snapshot::export(&merged.deployments, &merged.deleted_deployments, &meta);
        let back = bars_domain::snapshot::import(&text).unwrap();
        prop_assert_eq!(back.deployments, merged.deployments);
        prop_assert_eq!(back.deleted_deployments, merged.deleted_deployments);
    }
}

/// Issue 8: a provider's day is one fact, whatever ids two organisations gave it.
#[test]
fn the_same_provider_and_day_is_one_record_in_a_merge() {
    let local = state(base());
    // Their own row for the day we already have (v1: day 1, 5 referrals), same counts.
    let mut theirs = base();
    theirs.volumetrics = vec![volume("theirs-1", 1, 5, at(50))];
    let merged = merge_clean(&local, &state(theirs.clone()));
    assert_eq!(merged.deployments[0].volumetrics.len(), 1, "never a second row");
    assert_eq!(merged.deployments[0].volumetrics[0].id, "v1");
    let plan = plan_of(&local, &[], &[theirs.clone()], &[], MergeOptions::default());
    assert_eq!(plan.preview[0].records_added, 0);

    // Different counts: a conflict for the user, then one row with the choice.
    theirs.volumetrics = vec![volume("theirs-1", 1, 7, at(50))];
    let plan = plan_of(&local, &[], &[theirs.clone()], &[], MergeOptions::default());
    assert_eq!(plan.conflicts.len(), 1);
    assert_eq!(plan.conflicts[0].differing_fields, ["referrals"]);
    assert!(plan.conflicts[0].what.starts_with("Counts for"), "{}", plan.conflicts[0].what);
    let taken = plan.apply(&[Choice::TakeIncoming], at(100)).unwrap();
    let rows = &taken.deployments[0].volumetrics;
    assert_eq!((rows.len(), rows[0].id.as_str(), rows[0].referrals), (1, "v1", 7));
    let kept = plan.apply(&[Choice::KeepLocal], at(100)).unwrap();
    assert_eq!(kept.deployments[0].volumetrics[0].referrals, 5);
    // Merging their file again changes nothing more.
    let again = plan_of(&taken, &[], &[theirs], &[], MergeOptions::default());
    assert!(again.conflicts.is_empty(), "{:?}", again.conflicts);
    assert_eq!(again.apply(&[], at(200)).unwrap(), taken);
}

// ------------------------------------------------------------ decisions and business change (issue 9)

fn decision(id: &str, date: u32, yes: bool, t: DateTime<Utc>) -> bars_domain::records::Decision {
    use bars_domain::records::{ChangeNeeded, Decision, DecisionKind, DecisionOutcome};
    Decision {
        id: id.into(), updated_at: t, provider_id: "p1".into(), kind: DecisionKind::GoNoGo, date: day(date),
        outcome: if yes { DecisionOutcome::Yes } else { DecisionOutcome::No }, decided_by: "Panel".into(), parties: vec![Party::BarsTeam],
        reasons: "Reasons".into(), must_change: if yes { vec![] } else { vec![ChangeNeeded::Standard] },
        returns_to: (!yes).then_some(bars_domain::stages::Stage::PrivateBeta),
        issue_ids: vec![],
    }
}

fn activity(owner: Option<&str>, notes: &str, t: DateTime<Utc>) -> bars_domain::records::BusinessChange {
    use bars_domain::records::{Activity, ActivityStatus, BusinessChange};
    BusinessChange {
        id: BusinessChange::id_for("p1", Activity::Reporting).unwrap(), updated_at: t, provider_id: "p1".into(), activity: Activity::Reporting,
        status: ActivityStatus::InProgress, owner_id: owner.map(str::to_owned), target_date: Some(day(20)), completed_on: None, notes: notes.into(),
    }
}

#[test]
fn decisions_taken_on_both_sides_are_all_kept_in_the_history() {
    let mut ours = base();
    ours.decisions.push(decision("x1", 3, false, at(10)));
    let mut theirs = base();
    theirs.decisions.push(decision("x2", 9, true, at(20)));
    let merged = merge_clean(&state(ours), &AppState { deployments: vec![theirs], ..Default::default() });
    let d = &merged.deployments[0];
    assert_eq!(d.decisions.iter().map(|x| x.id.as_str()).collect::<Vec<_>>(), ["x1", "x2"]);
    let s = bars_domain::stages::provider_stages(d, "p1", day(28));
    assert_eq!(s.decisions.len(), 2);
    assert!(s.blocked_by.iter().all(|b| !b.contains("No-go")), "the later go settles the no-go: {:?}", s.blocked_by);
    assert!(bars_domain::validate::check_deployments(&merged.deployments, &merged.deleted_deployments).is_empty());
}

#[test]
fn the_same_activity_started_on_both_sides_is_one_record_and_a_conflict_when_it_differs() {
    let mut ours = base();
    ours.business_change.push(activity(None, "Ours", at(30)));
    let mut theirs = base();
    theirs.business_change.push(activity(None, "Theirs", at(30)));
    let plan = plan_of(&state(ours), &[], &[theirs.clone()], &[], MergeOptions::default());
    assert_eq!(plan.conflicts.len(), 1, "the id is the provider's and the activity's, so both sides made the same record");
    assert_eq!(plan.conflicts[0].differing_fields, ["notes"]);
    let taken = plan.apply(&[Choice::TakeIncoming], at(900)).unwrap();
    assert_eq!(taken.deployments[0].business_change.len(), 1);
    assert_eq!(taken.deployments[0].business_change[0].notes, "Theirs");
    // A newer edit on their side simply wins.
    theirs.business_change[0].updated_at = at(950);
    theirs.business_change[0].notes = "Theirs, later".into();
    let merged = merge_clean(&taken, &AppState { deployments: vec![theirs], ..Default::default() });
    assert_eq!(merged.deployments[0].business_change[0].notes, "Theirs, later");
}

#[test]
fn an_owner_deleted_on_one_side_leaves_the_merged_deployment_valid() {
    let owner = Contact {
        id: "c1".into(), updated_at: at(5), party: Party::Provider, provider_id: Some("p1".into()), organisation: "Leeds".into(),
        role: "Operational lead".into(), name: "Jo".into(), email: "jo@nhs.net".into(),
    };
    let mut ours = base();
    ours.contacts.push(owner.clone());
    ours.remove("c1", at(50));
    let mut theirs = base();
    theirs.contacts.push(owner);
    theirs.business_change.push(activity(Some("c1"), "", at(60)));
    let merged = merge_clean(&state(ours), &AppState { deployments: vec![theirs], ..Default::default() });
    let d = &merged.deployments[0];
    assert!(d.contacts.is_empty());
    assert_eq!(d.business_change[0].owner_id.as_deref(), Some("c1"), "the reference is kept, and names a deleted contact");
    assert!(bars_domain::validate::check_deployments(&merged.deployments, &merged.deleted_deployments).is_empty());
    // A reference to an id never known is refused.
    let mut bad = merged.deployments.clone();
    bad[0].business_change[0].owner_id = Some("c404".into());
    let problems = bars_domain::validate::check_deployments(&bad, &[]);
    assert_eq!(problems.listed[0].field, "deployments[0].business_change[0].owner_id");
}

#[test]
fn a_providers_decisions_and_business_change_go_with_it() {
    let mut d = base();
    d.decisions.push(decision("x1", 3, false, at(10)));
    d.business_change.push(activity(None, "", at(10)));
    d.remove_provider("p1", at(100));
    assert!(d.decisions.is_empty() && d.business_change.is_empty());
    let gone: Vec<&str> = d.deleted.iter().map(|t| t.id.as_str()).collect();
    assert!(gone.contains(&"x1") && gone.contains(&"bc-reporting-p1"), "{gone:?}");
}

// ------------------------------------------------------------ beta exit report narrative (issue 12)

fn narrative(summary: &str, t: DateTime<Utc>) -> bars_domain::records::ExitReport {
    use bars_domain::records::ExitReport;
    ExitReport {
        id: ExitReport::id_for("p1").unwrap(), updated_at: t, provider_id: "p1".into(), summary: summary.into(), benefits: String::new(),
        recommendations: String::new(), completed_by: String::new(), completed_on: None,
    }
}

#[test]
fn the_exit_report_written_on_both_sides_is_one_record_and_a_conflict_when_it_differs() {
    let mut ours = base();
    ours.exit_reports.push(narrative("Ours", at(30)));
    let mut theirs = base();
    theirs.exit_reports.push(narrative("Theirs", at(30)));
    let plan = plan_of(&state(ours), &[], &[theirs.clone()], &[], MergeOptions::default());
    assert_eq!(plan.conflicts.len(), 1, "the id is the provider's, so both sides wrote the same record");
    assert_eq!(plan.conflicts[0].differing_fields, ["summary"]);
    assert!(plan.conflicts[0].what.starts_with("Beta exit report of"), "{}", plan.conflicts[0].what);
    let kept = plan.apply(&[Choice::KeepLocal], at(900)).unwrap();
    assert_eq!(kept.deployments[0].exit_reports.len(), 1);
    assert_eq!(kept.deployments[0].exit_reports[0].summary, "Ours");
    // Completed later on their side: the newer copy simply wins, whole.
    theirs.exit_reports[0].updated_at = at(950);
    theirs.exit_reports[0].completed_by = "A Patel".into();
    theirs.exit_reports[0].completed_on = Some(day(27));
    let merged = merge_clean(&kept, &AppState { deployments: vec![theirs], ..Default::default() });
    let report = &merged.deployments[0].exit_reports[0];
    assert_eq!((report.summary.as_str(), report.completed_on), ("Theirs", Some(day(27))));
    assert!(bars_domain::validate::check_deployments(&merged.deployments, &merged.deleted_deployments).is_empty());
}

#[test]
fn an_exit_report_of_a_provider_deleted_elsewhere_is_left_out_and_listed() {
    let mut ours = base();
    ours.remove_provider("p1", at(100));
    let mut theirs = base();
    theirs.exit_reports.push(narrative("Written after the provider went", at(150)));
    let plan = plan_of(&state(ours), &[], &[theirs], &[], MergeOptions::default());
    assert!(plan.conflicts.is_empty());
    assert_eq!(plan.dropped.iter().map(|d| d.record_id.as_str()).collect::<Vec<_>>(), ["exit-p1"]);
    let merged = plan.apply(&[], at(1000)).unwrap();
    assert!(merged.deployments[0].exit_reports.is_empty());
    assert!(bars_domain::validate::check_deployments(&merged.deployments, &merged.deleted_deployments).is_empty());
}

#[test]
fn a_deleted_exit_report_stays_deleted_unless_rewritten_after() {
    let mut ours = base();
    ours.exit_reports.push(narrative("Old", at(10)));
    ours.remove("exit-p1", at(50));
    let mut theirs = base();
    theirs.exit_reports.push(narrative("Old", at(10)));
    let merged = merge_clean(&state(ours.clone()), &AppState { deployments: vec![theirs.clone()], ..Default::default() });
    assert!(merged.deployments[0].exit_reports.is_empty(), "the deletion wins over the older copy");
    theirs.exit_reports[0] = narrative("Rewritten", at(60));
    let merged = merge_clean(&state(ours), &AppState { deployments: vec![theirs], ..Default::default() });
    assert_eq!(merged.deployments[0].exit_reports[0].summary, "Rewritten");
}
