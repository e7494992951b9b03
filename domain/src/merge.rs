//! Merging deployments from another organisation's snapshot into the local
//! state, record by record, and previewing what an import would change.
//!
//! # The rules
//!
//! Everything is decided per id: each deployment, each deployment's own
//! details (name, Application, risk level, …), and each record inside it.
//! On each side an id is *live* (a record), *deleted* (a tombstone and no
//! newer record) or *absent*. Then:
//!
//! * Only one side knows the id: its state is kept (a record added there, or
//!   a deletion the other side never saw the record of).
//! * Both live: the newer `updated_at` wins. Equal times with different
//!   content is a **conflict**.
//! * Live on one side, deleted on the other: the deletion wins over every
//!   version changed at or before it (ties go to the deletion, which was
//!   deliberate); a version changed *after* the deletion revives the record,
//!   and the tombstone is forgotten.
//! * Both deleted: the later deletion is kept.
//!
//! "Since last shared": when the caller knows when the two organisations last
//! exchanged a snapshot ([`MergeOptions::last_shared`], e.g. the `exported_at`
//! of the last file received from that organisation), a record changed on
//! both sides after that moment is also a conflict, even when the times
//! differ, and so is a record changed on one side and deleted on the other
//! after it. Without that moment, the rules above (last writer wins, equal
//! times conflict) are all there is: no base version is stored, so a true
//! three-way merge is not possible.
//!
//! A deployment's "time" for the deleted-versus-changed rule is its latest
//! activity: the newest of its own `updated_at`, its records' and its
//! tombstones'. Recording a day's counts in a deployment that another
//! organisation deleted earlier brings the whole deployment back.
//!
//! Records whose provider (or workflow) is not in the merged deployment —
//! because one side deleted the provider while the other added to it — are
//! left out of the result and listed in [`MergePlan::dropped`], so the user
//! sees them. No tombstone is written for them: the parent's tombstone
//! already removes them from every later merge.
//!
//! Conflicts are never resolved silently: [`plan_merge`] lists them, the user
//! picks a side for each, and [`MergePlan::apply`] builds the result. A
//! resolved conflict counts as a new change made at `resolved_at` (the chosen
//! version is re-stamped), so that importing the same file again does not
//! raise it again, and the organisation that sent it gets the choice back.
//!
//! # Determinism
//!
//! The result's order is local order first, then what only the incoming side
//! has, in its order, so the user's lists (a test plan's workflows) keep
//! their order. Merging A into B and B into A gives the same content in a
//! different order; [`canonical`] sorts everything by id to compare them.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, TimeDelta, Utc};
use serde::Serialize;

use crate::deployment::{details_label, Deployment, Tombstone};
use crate::records::erased::{any_records, AnyRecord};
use crate::records::{Collection, EachCollection, Parent};
use crate::snapshot::Snapshot;
use crate::state::AppState;

// ------------------------------------------------------------------ public types

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MergeOptions {
    /// When the two organisations last exchanged a snapshot, if known.
    pub last_shared: Option<DateTime<Utc>>,
}

/// Which side of a conflict the user keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Choice {
    KeepLocal,
    TakeIncoming,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConflictKind {
    /// Both sides changed it, differently.
    ChangedOnBothSides,
    /// Deleted here, changed in the file.
    DeletedHereChangedThere,
    /// Changed here, deleted in the file.
    ChangedHereDeletedThere,
}

/// Something both sides changed that the user must decide about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub deployment_id: String,
    pub deployment_name: String,
    /// The record's id, or the deployment's for its details or the whole deployment.
    pub record_id: String,
    pub kind: ConflictKind,
    /// The record in words: "Provider “Leeds Teaching Hospitals”".
    pub what: String,
    /// For [`ConflictKind::ChangedOnBothSides`]: the fields that differ.
    pub differing_fields: Vec<String>,
    /// When it was last changed (or deleted) here, and in the file.
    pub local_time: DateTime<Utc>,
    pub incoming_time: DateTime<Utc>,
    /// The whole conflict in one sentence, for the user.
    pub description: String,
}

/// A record the merge leaves out because what it belongs to was deleted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    pub deployment_id: String,
    pub record_id: String,
    pub description: String,
}

/// How one deployment would change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeploymentChange {
    Added,
    Removed,
    Changed,
    Unchanged,
}

/// What an import would do to one deployment, for the preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeploymentDiff {
    pub deployment_id: String,
    /// The name after the import (before it, for a removed deployment).
    pub name: String,
    pub change: DeploymentChange,
    /// Name, Application, risk level or settings differ.
    pub details_changed: bool,
    pub records_added: usize,
    pub records_changed: usize,
    pub records_deleted: usize,
    /// Conflicts in this deployment awaiting a choice (merge only).
    pub conflicts: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApplyError {
    /// One choice is needed per conflict, in the order of `MergePlan::conflicts`.
    WrongNumberOfChoices { conflicts: usize, choices: usize },
}

impl std::fmt::Display for ApplyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::WrongNumberOfChoices { conflicts, choices } => {
                write!(f, "choose a version for each of the {conflicts} conflicts ({choices} chosen)")
            }
        }
    }
}

impl std::error::Error for ApplyError {}

/// A merge worked out but not yet applied.
#[derive(Debug, Clone)]
pub struct MergePlan {
    local: Side,
    incoming: Side,
    options: MergeOptions,
    /// Every conflict, in a stable order (deployment, then details before records).
    pub conflicts: Vec<Conflict>,
    /// Records the merge will leave out, and why.
    pub dropped: Vec<Dropped>,
    /// What the merge changes locally, per deployment, with every conflict
    /// counted (and, for the counts, resolved in favour of the local version).
    pub preview: Vec<DeploymentDiff>,
}

// ------------------------------------------------------------------ entry points

/// Works out the merge of `incoming` (its deployments and deployment
/// tombstones) into `local`. The result keeps `local`'s sharing settings.
pub fn plan_merge(local: &AppState, incoming: &AppState, options: MergeOptions) -> MergePlan {
    let sharing = local.sharing.clone();
    let local = Side { deployments: local.deployments.clone(), deleted: local.deleted_deployments.clone(), sharing };
    let incoming = Side { deployments: incoming.deployments.clone(), deleted: incoming.deleted_deployments.clone(), sharing: Default::default() };
    let mut engine = Engine { options, choices: None, conflicts: Vec::new(), dropped: Vec::new() };
    let result = engine.merge(&local, &incoming);
    let mut preview = diff(&AppState { deployments: local.deployments.clone(), ..Default::default() }, &result);
    for entry in &mut preview {
        entry.conflicts = engine.conflicts.iter().filter(|c| c.deployment_id == entry.deployment_id).count();
    }
    MergePlan { local, incoming, options, conflicts: engine.conflicts, dropped: engine.dropped, preview }
}

/// [`plan_merge`] with a snapshot's content.
pub fn plan_snapshot_merge(local: &AppState, snapshot: &Snapshot, options: MergeOptions) -> MergePlan {
    let incoming = AppState {
        deployments: snapshot.deployments.clone(),
        deleted_deployments: snapshot.deleted_deployments.clone(),
        sharing: Default::default(),
    };
    plan_merge(local, &incoming, options)
}

impl MergePlan {
    /// Builds the merged state. `choices` holds one choice per conflict, in
    /// the order of [`MergePlan::conflicts`]; each chosen version is
    /// re-stamped as changed at `resolved_at` (or just after the latest
    /// version involved, if the clock is behind).
    pub fn apply(&self, choices: &[Choice], resolved_at: DateTime<Utc>) -> Result<AppState, ApplyError> {
        if choices.len() != self.conflicts.len() {
            return Err(ApplyError::WrongNumberOfChoices { conflicts: self.conflicts.len(), choices: choices.len() });
        }
        let by_key: HashMap<(String, String), Choice> = self
            .conflicts
            .iter()
            .zip(choices)
            .map(|(c, choice)| ((c.deployment_id.clone(), c.record_id.clone()), *choice))
            .collect();
        let mut engine = Engine { options: self.options, choices: Some((by_key, resolved_at)), conflicts: Vec::new(), dropped: Vec::new() };
        Ok(engine.merge(&self.local, &self.incoming))
    }

    pub fn has_conflicts(&self) -> bool {
        !self.conflicts.is_empty()
    }
}

/// What replacing the local state with `incoming` would change.
pub fn replace_preview(local: &AppState, incoming: &[Deployment]) -> Vec<DeploymentDiff> {
    diff(local, &AppState { deployments: incoming.to_vec(), ..Default::default() })
}

/// `state` with every list sorted by id: two states with the same content
/// in different orders become equal.
pub fn canonical(state: &AppState) -> AppState {
    struct Sort<'a>(&'a mut Deployment);
    impl EachCollection for Sort<'_> {
        fn each<R: Collection>(&mut self) {
            R::list_mut(self.0).sort_by(|a, b| a.id().cmp(b.id()));
        }
    }
    let mut state = state.clone();
    state.deployments.sort_by(|a, b| a.id.cmp(&b.id));
    for d in &mut state.deployments {
        Deployment::each_collection(&mut Sort(d));
        d.deleted.sort_by(|a, b| a.id.cmp(&b.id));
    }
    state.deleted_deployments.sort_by(|a, b| a.id.cmp(&b.id));
    state
}

/// Deployment tombstones sorted by id, to compare.
pub fn canonical_tombstones(list: &[Tombstone]) -> Vec<Tombstone> {
    let mut list = list.to_vec();
    list.sort_by(|a, b| a.id.cmp(&b.id));
    list
}

// ------------------------------------------------------------------ diff

/// Each record of a deployment (all collections) as JSON, by id.
fn records_of(d: &Deployment) -> HashMap<&str, String> {
    struct All<'a>(&'a Deployment, HashMap<&'a str, String>);
    impl<'a> EachCollection for All<'a> {
        fn each<R: Collection>(&mut self) {
            let d: &'a Deployment = self.0;
            for r in R::list(d) {
                self.1.insert(r.id(), crate::json_text::compact(r));
            }
        }
    }
    let mut all = All(d, HashMap::new());
    Deployment::each_collection(&mut all);
    all.1
}

/// The deployment's own fields (its "details") as JSON, without its
/// records, and without when they changed unless `with_stamp`.
fn details_of(d: &Deployment, with_stamp: bool) -> String {
    #[derive(Serialize)]
    struct Details<'a> {
        name: &'a str,
        application: &'a crate::presets::ApplicationChoice,
        risk_level: crate::risk::ServiceRiskLevel,
        created_at: DateTime<Utc>,
        updated_at: Option<DateTime<Utc>>,
        has_responses: bool,
        stable_published: Option<chrono::NaiveDate>,
        standard_updated: Option<chrono::NaiveDate>,
    }
    let details = Details {
        name: &d.name,
        application: &d.application,
        risk_level: d.risk_level,
        created_at: d.created_at,
        updated_at: with_stamp.then_some(d.updated_at),
        has_responses: d.has_responses,
        stable_published: d.stable_published,
        standard_updated: d.standard_updated,
    };
    crate::json_text::compact(&details)
}

/// What changes from `before` to `after`, per deployment: those of `before`
/// in its order, then those only in `after`.
pub fn diff(before: &AppState, after: &AppState) -> Vec<DeploymentDiff> {
    let mut out = Vec::new();
    let after_by_id: HashMap<&str, &Deployment> = after.deployments.iter().map(|d| (d.id.as_str(), d)).collect();
    let before_ids: HashSet<&str> = before.deployments.iter().map(|d| d.id.as_str()).collect();
    for b in &before.deployments {
        match after_by_id.get(b.id.as_str()) {
            None => out.push(DeploymentDiff {
                deployment_id: b.id.clone(),
                name: b.name.clone(),
                change: DeploymentChange::Removed,
                details_changed: false,
                records_added: 0,
                records_changed: 0,
                records_deleted: records_of(b).len(),
                conflicts: 0,
            }),
            Some(a) => {
                let (old, new) = (records_of(b), records_of(a));
                let added = new.keys().filter(|id| !old.contains_key(*id)).count();
                let deleted = old.keys().filter(|id| !new.contains_key(*id)).count();
                let changed = new.iter().filter(|(id, v)| old.get(*id).is_some_and(|o| o != *v)).count();
                let details_changed = details_of(a, true) != details_of(b, true);
                let any = details_changed || added + deleted + changed > 0;
                out.push(DeploymentDiff {
                    deployment_id: a.id.clone(),
                    name: a.name.clone(),
                    change: if any { DeploymentChange::Changed } else { DeploymentChange::Unchanged },
                    details_changed,
                    records_added: added,
                    records_changed: changed,
                    records_deleted: deleted,
                    conflicts: 0,
                });
            }
        }
    }
    for a in after.deployments.iter().filter(|a| !before_ids.contains(a.id.as_str())) {
        out.push(DeploymentDiff {
            deployment_id: a.id.clone(),
            name: a.name.clone(),
            change: DeploymentChange::Added,
            details_changed: true,
            records_added: records_of(a).len(),
            records_changed: 0,
            records_deleted: 0,
            conflicts: 0,
        });
    }
    out
}

// ------------------------------------------------------------------ the engine

/// One side of a merge: its deployments and its deployment tombstones.
#[derive(Debug, Clone)]
struct Side {
    deployments: Vec<Deployment>,
    deleted: Vec<Tombstone>,
    sharing: crate::state::Sharing,
}

/// An id's state on one side. The engine sees versions through a vtable
/// (`dyn Mergeable`), so that its rules are in the wasm once, not once per
/// record type; only taking the kept versions is per type.
enum Status<'a> {
    Absent,
    Live(&'a dyn Mergeable),
    Dead(DateTime<Utc>),
}

/// The version an id keeps: the local or the incoming one, re-stamped when
/// it was a conflict the user settled.
#[derive(Clone, Copy)]
struct Kept {
    incoming: bool,
    restamp: Option<DateTime<Utc>>,
}

const LOCAL: Kept = Kept { incoming: false, restamp: None };
const INCOMING: Kept = Kept { incoming: true, restamp: None };

impl Kept {
    /// Whichever of the two sides' things is kept.
    fn side<T>(self, local: T, incoming: T) -> T {
        if self.incoming { incoming } else { local }
    }

    /// `version` (a copy of the kept one) with the settled conflict's new stamp.
    fn restamped<T>(self, mut version: T, set_stamp: fn(&mut T, DateTime<Utc>)) -> T {
        if let Some(t) = self.restamp {
            set_stamp(&mut version, t);
        }
        version
    }
}

/// An id's state in the result.
enum Resolved {
    Absent,
    Live(Kept),
    Dead(DateTime<Utc>),
}

/// What the engine needs to know about anything it merges by id.
trait Mergeable {
    fn key(&self) -> &str;
    /// When it last changed.
    fn stamp(&self) -> DateTime<Utc>;
    /// Its content as JSON text, without the stamp, to compare and to name differences.
    fn content(&self) -> String;
    /// Its name in words, in the context of its deployment.
    fn label(&self, d: &Deployment) -> String;
}

impl Mergeable for &dyn AnyRecord {
    fn key(&self) -> &str {
        self.id()
    }
    fn stamp(&self) -> DateTime<Utc> {
        self.updated_at()
    }
    fn content(&self) -> String {
        AnyRecord::content(*self)
    }
    fn label(&self, d: &Deployment) -> String {
        AnyRecord::label(*self, d)
    }
}

/// A deployment's own fields, merged as one record.
struct Details<'a>(&'a Deployment);

impl Mergeable for Details<'_> {
    fn key(&self) -> &str {
        &self.0.id
    }
    fn stamp(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
    fn content(&self) -> String {
        details_of(self.0, false)
    }
    fn label(&self, d: &Deployment) -> String {
        details_label(d)
    }
}

/// A whole deployment, for the deleted-versus-changed rule. Its stamp is
/// its latest activity, taken from what a merge would keep of it (see
/// [`Engine::tidy`]), so that leaving out a stray record can never make a
/// kept deployment look older the next time.
#[derive(Clone)]
struct Whole {
    deployment: Deployment,
    activity: DateTime<Utc>,
}

fn activity(d: &Deployment) -> DateTime<Utc> {
    struct Latest<'a>(&'a Deployment, DateTime<Utc>);
    impl EachCollection for Latest<'_> {
        fn each<R: Collection>(&mut self) {
            for r in R::list(self.0) {
                self.1 = self.1.max(r.updated_at());
            }
        }
    }
    let mut latest = Latest(d, d.updated_at);
    Deployment::each_collection(&mut latest);
    d.deleted.iter().fold(latest.1, |t, r| t.max(r.deleted_at))
}

impl Mergeable for Whole {
    fn key(&self) -> &str {
        &self.deployment.id
    }
    fn stamp(&self) -> DateTime<Utc> {
        self.activity
    }
    fn content(&self) -> String {
        // Never compared: a whole deployment only meets a deletion; two live
        // versions are merged record by record instead.
        String::new()
    }
    fn label(&self, d: &Deployment) -> String {
        format!("The deployment \u{201c}{}\u{201d}", d.name)
    }
}

/// Tombstones by id, the latest deletion of each.
fn tombstone_map(list: &[Tombstone]) -> BTreeMap<&str, DateTime<Utc>> {
    let mut map: BTreeMap<&str, DateTime<Utc>> = BTreeMap::new();
    for t in list {
        let e = map.entry(t.id.as_str()).or_insert(t.deleted_at);
        *e = (*e).max(t.deleted_at);
    }
    map
}

/// The records of one side by id (the place of the newest, if an id
/// repeats) and their first-seen order.
fn index<'r>(list: &[&'r dyn Mergeable]) -> (HashMap<&'r str, usize>, Vec<&'r str>) {
    let mut map: HashMap<&str, usize> = HashMap::new();
    let mut order = Vec::new();
    for (i, r) in list.iter().enumerate() {
        match map.get(r.key()) {
            None => {
                order.push(r.key());
                map.insert(r.key(), i);
            }
            Some(&existing) if r.stamp() > list[existing].stamp() => {
                map.insert(r.key(), i);
            }
            Some(_) => {}
        }
    }
    (map, order)
}

/// A side's view of one id: a record survives its own side's tombstone only if newer.
fn status(record: Option<&dyn Mergeable>, tombstone: Option<DateTime<Utc>>) -> Status<'_> {
    match (record, tombstone) {
        (Some(r), Some(t)) if t >= r.stamp() => Status::Dead(t),
        (Some(r), _) => Status::Live(r),
        (None, Some(t)) => Status::Dead(t),
        (None, None) => Status::Absent,
    }
}

/// For records that are one per provider and day: for each incoming record,
/// the id of the local record of its provider and day when that id differs
/// from its own (the same fact, recorded on each side under its own id).
fn same_day_ids(a: &[&dyn AnyRecord], b: &[&dyn AnyRecord]) -> Vec<Option<String>> {
    let by_day: HashMap<(&str, chrono::NaiveDate), &str> = a.iter().filter_map(|r| Some((r.one_per_provider_day()?, r.id()))).collect();
    b.iter().map(|r| r.one_per_provider_day().and_then(|day| by_day.get(&day)).filter(|id| **id != r.id()).map(|id| (*id).to_owned())).collect()
}

/// Records as the engine sees them (one function for every record type).
fn erased<'r>(list: &'r [&'r dyn AnyRecord]) -> Vec<&'r dyn Mergeable> {
    list.iter().map(|r| r as &dyn Mergeable).collect()
}

/// The fields in which two JSON objects differ, by name.
fn differing_fields(a: &str, b: &str) -> Vec<String> {
    let (Ok(a), Ok(b)) = (crate::json_path::strict_value(a), crate::json_path::strict_value(b)) else { return Vec::new() };
    let (Some(a), Some(b)) = (a.as_object(), b.as_object()) else { return Vec::new() };
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    crate::order::sort_by_key(&mut keys, |k| *k);
    keys.dedup();
    keys.into_iter().filter(|k| a.get(*k) != b.get(*k)).cloned().collect()
}

/// The user's choices by (deployment id, record id), and when they were made.
type Choices = (HashMap<(String, String), Choice>, DateTime<Utc>);

struct Engine {
    options: MergeOptions,
    /// `None` while planning: conflicts are recorded and, for the preview,
    /// settled in favour of the local version.
    choices: Option<Choices>,
    conflicts: Vec<Conflict>,
    dropped: Vec<Dropped>,
}

/// Where a resolution is happening, for conflict descriptions.
struct Ctx<'a> {
    deployment: &'a Deployment,
}

impl Engine {
    /// Both changed after the last exchange.
    fn concurrent(&self, a: DateTime<Utc>, b: DateTime<Utc>) -> bool {
        self.options.last_shared.is_some_and(|since| a > since && b > since)
    }

    /// The heart of the merge: one id, both sides.
    fn resolve(&mut self, ctx: &Ctx<'_>, local: Status<'_>, incoming: Status<'_>) -> Resolved {
        use Status::*;
        match (local, incoming) {
            (Absent, Absent) => Resolved::Absent,
            (Live(_), Absent) => Resolved::Live(LOCAL),
            (Absent, Live(_)) => Resolved::Live(INCOMING),
            (Dead(t), Absent) | (Absent, Dead(t)) => Resolved::Dead(t),
            (Dead(s), Dead(t)) => Resolved::Dead(s.max(t)),
            (Live(a), Live(b)) => {
                let (ua, ub) = (a.stamp(), b.stamp());
                let (ca, cb) = (a.content(), b.content());
                if ca == cb || !(ua == ub || self.concurrent(ua, ub)) {
                    // Same content, or one is plainly newer: the newer wins
                    // (for equal content, only the stamp can differ).
                    return Resolved::Live(if ub > ua { INCOMING } else { LOCAL });
                }
                let fields = differing_fields(&ca, &cb);
                let id = a.key().to_owned();
                let what = a.label(ctx.deployment);
                self.conflict(ctx, id, what, ConflictKind::ChangedOnBothSides, fields, ua, ub, Resolved::Live(LOCAL), Resolved::Live(INCOMING))
            }
            (Live(a), Dead(t)) => {
                let ua = a.stamp();
                if !self.concurrent(ua, t) {
                    return if ua > t { Resolved::Live(LOCAL) } else { Resolved::Dead(t) };
                }
                let (id, what) = (a.key().to_owned(), a.label(ctx.deployment));
                self.conflict(ctx, id, what, ConflictKind::ChangedHereDeletedThere, Vec::new(), ua, t, Resolved::Live(LOCAL), Resolved::Dead(t))
            }
            (Dead(t), Live(b)) => {
                let ub = b.stamp();
                if !self.concurrent(t, ub) {
                    return if ub > t { Resolved::Live(INCOMING) } else { Resolved::Dead(t) };
                }
                let (id, what) = (b.key().to_owned(), b.label(ctx.deployment));
                self.conflict(ctx, id, what, ConflictKind::DeletedHereChangedThere, Vec::new(), t, ub, Resolved::Dead(t), Resolved::Live(INCOMING))
            }
        }
    }

    /// Records a conflict (planning) or settles it by the user's choice (applying).
    #[allow(clippy::too_many_arguments)]
    fn conflict(
        &mut self,
        ctx: &Ctx<'_>,
        record_id: String,
        what: String,
        kind: ConflictKind,
        differing_fields: Vec<String>,
        local_time: DateTime<Utc>,
        incoming_time: DateTime<Utc>,
        local: Resolved,
        incoming: Resolved,
    ) -> Resolved {
        let deployment = ctx.deployment;
        let Some((choices, resolved_at)) = &self.choices else {
            let description = describe_conflict(&what, kind, &differing_fields, local_time, incoming_time);
            self.conflicts.push(Conflict {
                deployment_id: deployment.id.clone(),
                deployment_name: deployment.name.clone(),
                record_id,
                kind,
                what,
                differing_fields,
                local_time,
                incoming_time,
                description,
            });
            return local;
        };
        // A conflict not in the plan cannot happen (the same inputs give the
        // same conflicts); keeping the local version is the safe answer.
        let choice = choices.get(&(deployment.id.clone(), record_id)).copied().unwrap_or(Choice::KeepLocal);
        let stamp = (*resolved_at).max(local_time.max(incoming_time) + TimeDelta::milliseconds(1));
        match if choice == Choice::KeepLocal { local } else { incoming } {
            Resolved::Live(kept) => Resolved::Live(Kept { restamp: Some(stamp), ..kept }),
            Resolved::Dead(_) => Resolved::Dead(stamp),
            Resolved::Absent => Resolved::Absent,
        }
    }

    /// What a merge keeps of one deployment on its own: repeated ids and
    /// tombstones folded, records deleted on their own side and strays left out.
    fn tidy(&self, d: &Deployment) -> Deployment {
        let mut quiet = Engine { options: self.options, choices: None, conflicts: Vec::new(), dropped: Vec::new() };
        quiet.merge_deployment(Some(d), None)
    }

    /// One side's deployments by id (the most recently active, if an id
    /// repeats), and their order.
    fn index_deployments(&self, list: &[Deployment]) -> (HashMap<String, Whole>, Vec<String>) {
        let wholes: Vec<Whole> = list.iter().map(|d| Whole { deployment: d.clone(), activity: activity(&self.tidy(d)) }).collect();
        let erased: Vec<&dyn Mergeable> = wholes.iter().map(|w| w as &dyn Mergeable).collect();
        let (map, order) = index(&erased);
        let map = map.into_iter().map(|(k, i)| (k.to_owned(), wholes[i].clone())).collect();
        (map, order.into_iter().map(str::to_owned).collect())
    }

    fn merge(&mut self, local: &Side, incoming: &Side) -> AppState {
        let (lmap, lorder) = self.index_deployments(&local.deployments);
        let (imap, iorder) = self.index_deployments(&incoming.deployments);
        let (ltombs, itombs) = (tombstone_map(&local.deleted), tombstone_map(&incoming.deleted));

        let mut ids: Vec<String> = lorder.clone();
        ids.extend(iorder.iter().filter(|id| !lmap.contains_key(*id)).cloned());
        let mut state = AppState::default();
        let mut dead: BTreeMap<String, DateTime<Utc>> = BTreeMap::new();
        let mut live: HashSet<String> = HashSet::new();
        for id in &ids {
            let (lw, iw) = (lmap.get(id), imap.get(id));
            let l = status(lw.map(|w| w as &dyn Mergeable), ltombs.get(id.as_str()).copied());
            let i = status(iw.map(|w| w as &dyn Mergeable), itombs.get(id.as_str()).copied());
            let deployment = match (&l, &i, lw, iw) {
                (Status::Live(_), Status::Live(_), Some(a), Some(b)) => Some(self.merge_deployment(Some(&a.deployment), Some(&b.deployment))),
                _ => {
                    let context = lw.or(iw).map(|w| w.deployment.clone()).expect("the id came from one side");
                    match self.resolve(&Ctx { deployment: &context }, l, i) {
                        // Merged on its own, to leave out (and note) stray records.
                        Resolved::Live(kept) => {
                            let kept_one = kept.side(lw, iw).expect("a live version is on its side");
                            let d = kept.restamped(kept_one.deployment.clone(), |d, t| d.updated_at = t);
                            Some(self.merge_deployment(Some(&d), None))
                        }
                        Resolved::Dead(t) => {
                            dead.insert(id.clone(), t);
                            None
                        }
                        Resolved::Absent => None,
                    }
                }
            };
            if let Some(d) = deployment {
                live.insert(id.clone());
                state.deployments.push(d);
            }
        }
        // Deployment tombstones: local order, then incoming; a live
        // deployment's tombstone is forgotten.
        let mut deleted_deployments = Vec::new();
        let mut seen = HashSet::new();
        for t in local.deleted.iter().chain(&incoming.deleted) {
            if live.contains(&t.id) || !seen.insert(t.id.clone()) {
                continue;
            }
            let at = dead.get(&t.id).copied().unwrap_or_else(|| {
                ltombs.get(t.id.as_str()).copied().into_iter().chain(itombs.get(t.id.as_str()).copied()).max().expect("it is in a list")
            });
            deleted_deployments.push(Tombstone { id: t.id.clone(), deleted_at: at });
        }
        // Every deletion comes from a tombstone already listed; this only
        // makes sure a deleted id can never go unremembered.
        for (id, at) in &dead {
            if seen.insert(id.clone()) {
                deleted_deployments.push(Tombstone { id: id.clone(), deleted_at: *at });
            }
        }
        state.deleted_deployments = deleted_deployments;
        state.sharing = local.sharing.clone();
        state
    }

    /// Merges two versions of one deployment (or tidies one).
    fn merge_deployment(&mut self, a: Option<&Deployment>, b: Option<&Deployment>) -> Deployment {
        let context = a.or(b).expect("at least one side");
        let ctx = Ctx { deployment: context };
        let ta = a.map(|d| tombstone_map(&d.deleted)).unwrap_or_default();
        let tb = b.map(|d| tombstone_map(&d.deleted)).unwrap_or_default();

        let details = match (a, b) {
            (Some(a), Some(b)) => {
                match self.resolve(&ctx, Status::Live(&Details(a)), Status::Live(&Details(b))) {
                    Resolved::Live(kept) => kept.restamped(kept.side(a, b).clone(), |d, t| d.updated_at = t),
                    _ => unreachable!("two live versions resolve to a live one"),
                }
            }
            _ => context.clone(),
        };

        let mut dead: BTreeMap<String, DateTime<Utc>> = BTreeMap::new();
        struct Each<'a, 'b> {
            engine: &'a mut Engine,
            ctx: &'a Ctx<'b>,
            a: Option<&'a Deployment>,
            b: Option<&'a Deployment>,
            ta: &'a BTreeMap<&'b str, DateTime<Utc>>,
            tb: &'a BTreeMap<&'b str, DateTime<Utc>>,
            dead: &'a mut BTreeMap<String, DateTime<Utc>>,
            out: Deployment,
        }
        impl EachCollection for Each<'_, '_> {
            fn each<R: Collection>(&mut self) {
                let la = self.a.map(|d| R::list(d).as_slice()).unwrap_or(&[]);
                let lb = self.b.map(|d| R::list(d).as_slice()).unwrap_or(&[]);
                *R::list_mut(&mut self.out) = self.engine.merge_collection(self.ctx, la, lb, self.ta, self.tb, self.dead);
            }
        }
        let mut each = Each { engine: self, ctx: &ctx, a, b, ta: &ta, tb: &tb, dead: &mut dead, out: details };
        Deployment::each_collection(&mut each);
        let mut out = each.out;

        // Strays go before tombstones are settled: a record left out keeps
        // whatever tombstone it had, exactly as if it had lost to it.
        self.drop_orphans(&mut out);
        let live: HashSet<String> = records_of(&out).into_keys().map(str::to_owned).collect();

        // Record tombstones: a's order, then b's; the latest deletion (or the
        // conflict choice's); forgotten when the record lives.
        let empty = Vec::new();
        let (da, db) = (a.map(|d| &d.deleted).unwrap_or(&empty), b.map(|d| &d.deleted).unwrap_or(&empty));
        let mut deleted = Vec::new();
        let mut seen = HashSet::new();
        for t in da.iter().chain(db) {
            if live.contains(&t.id) || !seen.insert(t.id.clone()) {
                continue;
            }
            let at = dead.get(&t.id).copied().unwrap_or_else(|| {
                ta.get(t.id.as_str()).copied().into_iter().chain(tb.get(t.id.as_str()).copied()).max().expect("it is in a list")
            });
            deleted.push(Tombstone { id: t.id.clone(), deleted_at: at });
        }
        for (id, at) in &dead {
            if seen.insert(id.clone()) {
                deleted.push(Tombstone { id: id.clone(), deleted_at: *at });
            }
        }
        out.deleted = deleted;
        out
    }

    /// One collection of both sides: the records kept, each taken from its
    /// side (only this taking is per record type).
    #[allow(clippy::too_many_arguments)]
    fn merge_collection<R: Collection>(
        &mut self,
        ctx: &Ctx<'_>,
        a: &[R],
        b: &[R],
        ta: &BTreeMap<&str, DateTime<Utc>>,
        tb: &BTreeMap<&str, DateTime<Utc>>,
        dead: &mut BTreeMap<String, DateTime<Utc>>,
    ) -> Vec<R> {
        // A provider's day is one fact: the incoming row for a day this side
        // already has is the same record, whatever its id, and differing
        // counts are a conflict (both sides recorded the day on their own).
        // (Checked on the type first: only a day's counts have days, and for
        // every other type this code is left out of the wasm.)
        let rekeyed: Vec<R>;
        let ra = any_records(a);
        let mut rb = any_records(b);
        let by_day = b.first().is_some_and(|r| r.one_per_provider_day().is_some());
        let local_ids = if by_day { same_day_ids(&ra, &rb) } else { Vec::new() };
        let b: &[R] = if by_day && local_ids.iter().any(Option::is_some) {
            rekeyed = b
                .iter()
                .zip(&local_ids)
                .map(|(r, local)| {
                    let mut r = r.clone();
                    if let Some(id) = local {
                        r.set_id(id.clone());
                    }
                    r
                })
                .collect();
            rb = any_records(&rekeyed);
            &rekeyed
        } else {
            b
        };
        let kept = self.merge_list(ctx, &ra, &rb, local_ids, ta, tb, dead);
        kept.into_iter()
            .map(|(kept, at)| kept.restamped(kept.side(a, b)[at].clone(), R::set_updated_at))
            .collect()
    }

    /// The rules for one collection of both sides: which version each id
    /// keeps (and its place in its side's list), in order; deletions go to `dead`.
    #[allow(clippy::too_many_arguments)]
    fn merge_list(
        &mut self,
        ctx: &Ctx<'_>,
        a: &[&dyn AnyRecord],
        b: &[&dyn AnyRecord],
        local_ids: Vec<Option<String>>,
        ta: &BTreeMap<&str, DateTime<Utc>>,
        tb: &BTreeMap<&str, DateTime<Utc>>,
        dead: &mut BTreeMap<String, DateTime<Utc>>,
    ) -> Vec<(Kept, usize)> {
        let (a, b) = (erased(a), erased(b));
        let same_day: HashSet<String> = local_ids.into_iter().flatten().collect();
        let (amap, aorder) = index(&a);
        let (bmap, border) = index(&b);
        let mut ids: Vec<&str> = aorder;
        ids.extend(border.into_iter().filter(|id| !amap.contains_key(id)));
        let mut out = Vec::new();
        for id in ids {
            let (ia, ib) = (amap.get(id).copied(), bmap.get(id).copied());
            let sa = status(ia.map(|i| a[i]), ta.get(id).copied());
            let sb = status(ib.map(|i| b[i]), tb.get(id).copied());
            let differing_day = match (&sa, &sb) {
                (Status::Live(x), Status::Live(y)) if same_day.contains(id) && x.content() != y.content() => Some((*x, *y)),
                _ => None,
            };
            let resolved = match differing_day {
                Some((x, y)) => {
                    let fields = differing_fields(&x.content(), &y.content());
                    let (ux, uy, what) = (x.stamp(), y.stamp(), x.label(ctx.deployment));
                    self.conflict(ctx, id.to_owned(), what, ConflictKind::ChangedOnBothSides, fields, ux, uy, Resolved::Live(LOCAL), Resolved::Live(INCOMING))
                }
                None => self.resolve(ctx, sa, sb),
            };
            match resolved {
                Resolved::Live(kept) => out.push((kept, kept.side(ia, ib).expect("a live version is on its side"))),
                Resolved::Dead(t) => {
                    let e = dead.entry(id.to_owned()).or_insert(t);
                    *e = (*e).max(t);
                }
                Resolved::Absent => {}
            }
        }
        out
    }

    /// Leaves out records whose provider or workflow is not in `d`, noting each.
    fn drop_orphans(&mut self, d: &mut Deployment) {
        struct Orphans<'a> {
            before: Deployment,
            d: &'a mut Deployment,
            live: HashMap<&'static str, HashSet<String>>,
            dropped: &'a mut Vec<Dropped>,
        }
        impl EachCollection for Orphans<'_> {
            fn each<R: Collection>(&mut self) {
                let keep = keep(&self.before, &mut self.live, self.dropped, R::COLLECTION, &any_records(R::list(self.d)));
                let mut keep = keep.into_iter();
                R::list_mut(self.d).retain(|_| keep.next().unwrap_or(true));
            }
        }
        /// Which of a collection's records stay (the same code for every
        /// record type); notes the others, and remembers the ids kept.
        fn keep(
            before: &Deployment,
            live: &mut HashMap<&'static str, HashSet<String>>,
            dropped: &mut Vec<Dropped>,
            collection: &'static str,
            records: &[&dyn AnyRecord],
        ) -> Vec<bool> {
            let keep: Vec<bool> = records
                .iter()
                .map(|r| match r.belongs_to() {
                    Some((parent, id)) if !live.get(parent.collection()).is_some_and(|ids| ids.contains(id)) => {
                        let noun = if parent == Parent::Provider { "provider" } else { "workflow" };
                        dropped.push(Dropped {
                            deployment_id: before.id.clone(),
                            record_id: r.id().to_owned(),
                            description: format!("{} is left out: its {noun} has been deleted", r.label(before)),
                        });
                        false
                    }
                    _ => true,
                })
                .collect();
            let ids = records.iter().zip(&keep).filter(|(_, keep)| **keep).map(|(r, _)| r.id().to_owned()).collect();
            live.insert(collection, ids);
            keep
        }
        let before = d.clone();
        Deployment::each_collection(&mut Orphans { before, d, live: HashMap::new(), dropped: &mut self.dropped });
    }
}

fn describe_conflict(what: &str, kind: ConflictKind, fields: &[String], local: DateTime<Utc>, incoming: DateTime<Utc>) -> String {
    match kind {
        ConflictKind::ChangedOnBothSides if local == incoming => format!(
            "{what} was changed here and in the file at the same time ({}), differently{}",
            crate::dates::long_time(local),
            differences(fields)
        ),
        ConflictKind::ChangedOnBothSides => format!(
            "{what} was changed both here ({}) and in the file ({}) since you last shared{}",
            crate::dates::long_time(local),
            crate::dates::long_time(incoming),
            differences(fields)
        ),
        ConflictKind::DeletedHereChangedThere => format!(
            "{what} was deleted here ({}) but changed in the file ({})",
            crate::dates::long_time(local),
            crate::dates::long_time(incoming)
        ),
        ConflictKind::ChangedHereDeletedThere => format!(
            "{what} was changed here ({}) but deleted in the file ({})",
            crate::dates::long_time(local),
            crate::dates::long_time(incoming)
        ),
    }
}

fn differences(fields: &[String]) -> String {
    if fields.is_empty() {
        String::new()
    } else {
        format!(": they differ in {}", fields.iter().map(|f| f.replace('_', " ")).collect::<Vec<_>>().join(", "))
    }
}
