//! One format version for everything the app writes (stored browser state
//! and snapshot files alike), and one migration runner whose steps are data.
//!
//! A value written by an older version is upgraded step by step on the JSON
//! itself, then read into today's types. Reading today's values never goes
//! through here: they are read straight into the types.
//!
//! Versions:
//! 1. The first release: deployments with name, Application and Service Risk
//!    Level only; no deleted deployments.
//! 2. Deployments carry their records (providers, test plans, milestones,
//!    volumetrics, incidents, contacts) and the memory of deleted records; the
//!    memory of deleted deployments.
//! 3. Decisions and business change are records (`decisions`,
//!    `business_change`); a deployment may say when the standard was updated
//!    (`standard_updated`). A "go" is a decision, not a milestone: each old
//!    `go_decision` milestone becomes a "go" decision with the same id.
//! 4. The calls calendar: each deployment's cadence of calls (`call_cadences`)
//!    and the calls people changed, added or wrote notes for (`calls`).
//! 5. Deployments carry an issue log and a lessons identified log (`issues`,
//!    `lessons`), both empty in an older file.
//! 6. Deployments carry changes to their RASCI matrix (`rasci_changes`) and
//!    the state of each party's responsibilities (`responsibilities`).
//! 7. The narrative of each provider's beta exit report (`exit_reports`).
//! 8. A "no" decision may name the issues behind it (`issue_ids`, a list of
//!    ids in `issues`); each older decision gains an empty list.
//!
//! To change what a file or the stored state may hold: bump [`FORMAT_VERSION`]
//! and add one entry to [`STEPS`], from the old version. A new record type
//! needs only `(N, add_collections)`.

use serde::de::{self, DeserializeOwned, Deserializer};
use serde_json::{json, Map, Value};

use crate::deployment::Deployment;
use crate::presets::application;

/// The format version this app writes, and the newest it reads.
pub const FORMAT_VERSION: u32 = 8;

/// One step: turns a root object of version `from` into `from + 1`.
pub type Step = fn(&mut Map<String, Value>);

/// Every step, one per version below [`FORMAT_VERSION`], oldest first.
pub const STEPS: &[(u32, Step)] = &[
    (1, v1_to_v2),
    (2, decisions_and_business_change),
    (3, add_calls),
    (4, add_logs),
    (5, add_roles),
    (6, add_exit_reports),
    (7, add_decision_issues),
];

/// Brings a root object (a snapshot or the stored state) from version `from`
/// to [`FORMAT_VERSION`]. The caller writes the new version number itself.
pub fn migrate(root: &mut Map<String, Value>, from: u32) {
    for (version, step) in STEPS {
        if *version >= from {
            step(root);
        }
    }
}

/// Version 2 added the deployments' records and the memory of deleted
/// deployments. A first-release deployment gets empty lists and the
/// responses flag its Application implies.
fn v1_to_v2(root: &mut Map<String, Value>) {
    root.entry("deleted_deployments").or_insert(json!([]));
    let Some(list) = root.get_mut("deployments").and_then(Value::as_array_mut) else { return };
    for deployment in list.iter_mut().filter_map(Value::as_object_mut) {
        let has_responses = deployment
            .get("application")
            .filter(|a| a.get("kind").and_then(Value::as_str) == Some("preset"))
            .and_then(|a| a.get("number"))
            .and_then(Value::as_u64)
            .and_then(|n| u8::try_from(n).ok())
            .and_then(application)
            .is_some_and(|app| app.has_responses);
        deployment.entry("has_responses").or_insert(json!(has_responses));
        deployment.entry("stable_published").or_insert(Value::Null);
    }
    add_collections(root);
}

/// Version 3: the new lists and `standard_updated`, and every `go_decision`
/// milestone turned into a "go" at the go / no-go decision, keeping its id,
/// time, provider, date and who recorded it (so two organisations' copies of
/// it are still the same record).
fn decisions_and_business_change(root: &mut Map<String, Value>) {
    add_collections(root);
    let Some(list) = root.get_mut("deployments").and_then(Value::as_array_mut) else { return };
    for deployment in list.iter_mut().filter_map(Value::as_object_mut) {
        deployment.entry("standard_updated").or_insert(Value::Null);
        let Some(Value::Array(milestones)) = deployment.get_mut("milestones") else { continue };
        let (go, kept): (Vec<Value>, Vec<Value>) =
            std::mem::take(milestones).into_iter().partition(|m| m.get("kind").and_then(Value::as_str) == Some("go_decision"));
        *milestones = kept;
        let decisions: Vec<Value> = go
            .into_iter()
            .filter_map(|mut m| {
                let m = m.as_object_mut()?;
                let by = m.remove("recorded_by").unwrap_or(Value::Null);
                m.insert("kind".into(), "go_no_go".into());
                m.insert("outcome".into(), "yes".into());
                m.insert("decided_by".into(), by);
                m.insert("parties".into(), json!([]));
                m.insert("reasons".into(), "Recorded as a \u{201c}go\u{201d} milestone before decisions were kept as records.".into());
                m.insert("must_change".into(), json!([]));
                m.insert("returns_to".into(), Value::Null);
                Some(Value::Object(std::mem::take(m)))
            })
            .collect();
        if let Some(Value::Array(list)) = deployment.get_mut("decisions") {
            list.extend(decisions);
        }
    }
}

/// The calls calendar's version: every deployment gains empty `call_cadences`
/// and `calls` lists (a self-contained step, so it can be renumbered alone).
fn add_calls(root: &mut Map<String, Value>) {
    add_collections(root);
}

/// The issue log and the lessons log (issue 11): new, empty lists.
fn add_logs(root: &mut Map<String, Value>) {
    add_collections(root);
}

/// Version 6 added the RASCI changes and the responsibilities: empty lists.
fn add_roles(root: &mut Map<String, Value>) {
    add_collections(root);
}

/// Version 7 added the providers' beta exit report narratives (`exit_reports`).
fn add_exit_reports(root: &mut Map<String, Value>) {
    add_collections(root);
}

/// Version 8: a decision may name issues. Each decision gains an empty
/// `issue_ids` (self-contained: it also adds any list an older file lacks,
/// so the step can be renumbered alone).
fn add_decision_issues(root: &mut Map<String, Value>) {
    add_collections(root);
    let Some(list) = root.get_mut("deployments").and_then(Value::as_array_mut) else { return };
    for deployment in list.iter_mut().filter_map(Value::as_object_mut) {
        let Some(Value::Array(decisions)) = deployment.get_mut("decisions") else { continue };
        for decision in decisions.iter_mut().filter_map(Value::as_object_mut) {
            decision.entry("issue_ids").or_insert(json!([]));
        }
    }
}

/// The step for a version that adds record types: every deployment gets an
/// empty list for each collection it does not have yet (and for its tombstones).
pub fn add_collections(root: &mut Map<String, Value>) {
    let Some(list) = root.get_mut("deployments").and_then(Value::as_array_mut) else { return };
    for deployment in list.iter_mut().filter_map(Value::as_object_mut) {
        for collection in Deployment::COLLECTIONS.iter().chain(&["deleted"]) {
            deployment.entry(*collection).or_insert(json!([]));
        }
    }
}

/// For `deserialize_with`: the version field of a current value. Any other
/// version fails the fast typed reading, and the value is then migrated.
pub fn current_version<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let n = crate::de::whole(d, u64::from(u32::MAX), |_| "is not the current version".to_owned())?;
    if n == u64::from(FORMAT_VERSION) {
        Ok(FORMAT_VERSION)
    } else {
        Err(de::Error::custom("is not the current version"))
    }
}

/// Why serde could not read a value into a type: where, and in the app's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// E.g. `deployments[0].providers[1].id`; empty for the whole value.
    pub path: String,
    pub message: String,
}

/// Reads JSON text straight into `T`. Every typed reading goes through
/// here, so each type's reading code is in the wasm once. When it fails,
/// the place of the problem is worked out from where serde_json stopped (no
/// path is tracked while reading, which keeps the common case fast).
pub fn read_typed<T: DeserializeOwned>(text: &str) -> Result<T, ReadError> {
    serde_json::from_str(text).map_err(|e| read_error(text, e))
}

/// serde_json's error in the app's words, at its place (one copy for
/// every type read).
fn read_error(text: &str, e: serde_json::Error) -> ReadError {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let message = full.strip_suffix(&suffix).unwrap_or(&full);
    if !e.is_data() {
        return ReadError { path: String::new(), message: message.to_owned() };
    }
    let path = crate::json_path::path_at(text, e.line(), e.column());
    let problem = crate::validate::shape_problem(&path, message);
    ReadError { path: problem.field, message: problem.message }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_is_one_step_per_older_version_in_order() {
        let versions: Vec<u32> = STEPS.iter().map(|(v, _)| *v).collect();
        assert_eq!(versions, (1..FORMAT_VERSION).collect::<Vec<_>>());
    }

    #[test]
    fn v6_decisions_gain_an_empty_list_of_issues_and_named_ones_are_kept() {
        let mut root = json!({"deployments": [{"id": "a", "decisions": [{"id": "x"}, {"id": "y", "issue_ids": ["i1"]}]}]});
        add_decision_issues(root.as_object_mut().unwrap());
        assert_eq!(root["deployments"][0]["decisions"][0]["issue_ids"], json!([]));
        assert_eq!(root["deployments"][0]["decisions"][1]["issue_ids"], json!(["i1"]));
        assert_eq!(root["deployments"][0]["issues"], json!([]), "self-contained: lists an older file lacks are added");
    }

    #[test]
    fn v1_deployments_gain_empty_collections_and_the_preset_responses_flag() {
        let mut root = json!({"deployments": [
            {"id": "a", "application": {"kind": "preset", "number": 4}},
            {"id": "b", "application": {"kind": "preset", "number": 7}},
            {"id": "c", "application": {"kind": "other", "description": "x"}}
        ]});
        migrate(root.as_object_mut().unwrap(), 1);
        let list = &root["deployments"];
        assert_eq!(list[0]["has_responses"], json!(true));
        assert_eq!(list[1]["has_responses"], json!(false));
        assert_eq!(list[2]["has_responses"], json!(false));
        assert_eq!(list[0]["providers"], json!([]));
        assert_eq!(list[0]["volumetrics"], json!([]));
        assert_eq!(list[0]["deleted"], json!([]));
        assert_eq!(list[0]["stable_published"], Value::Null);
        assert_eq!(root["deleted_deployments"], json!([]));
    }

    #[test]
    fn v2_go_milestones_become_go_decisions_and_other_milestones_stay() {
        let mut root = json!({"deployments": [{"id": "a", "milestones": [
            {"id": "m1", "updated_at": "2026-02-01T10:00:00Z", "provider_id": "p", "kind": "dcb0160", "date": "2026-01-20", "recorded_by": "A"},
            {"id": "m2", "updated_at": "2026-02-02T10:00:00Z", "provider_id": "p", "kind": "go_decision", "date": "2026-02-01", "recorded_by": "B Jones"}
        ]}, {"id": "b"}]});
        migrate(root.as_object_mut().unwrap(), 2);
        let a = &root["deployments"][0];
        assert_eq!(a["milestones"].as_array().unwrap().len(), 1);
        assert_eq!(a["milestones"][0]["id"], json!("m1"));
        let go = &a["decisions"][0];
        assert_eq!((&go["id"], &go["kind"], &go["outcome"], &go["date"]), (&json!("m2"), &json!("go_no_go"), &json!("yes"), &json!("2026-02-01")));
        assert_eq!((&go["decided_by"], &go["provider_id"], &go["updated_at"]), (&json!("B Jones"), &json!("p"), &json!("2026-02-02T10:00:00Z")));
        assert_eq!(a["business_change"], json!([]));
        assert_eq!(a["standard_updated"], Value::Null);
        assert_eq!(root["deployments"][1]["decisions"], json!([]));
    }

    #[test]
    fn current_values_are_left_alone() {
        let mut root = json!({"deployments": [{"id": "a", "has_responses": true}]});
        let before = root.clone();
        migrate(root.as_object_mut().unwrap(), FORMAT_VERSION);
        assert_eq!(root, before);
    }
}
