//! Upgrading deployments written by older versions of the app, one step at a
//! time, on the JSON itself (before it is read into today's types). Each step
//! turns version N into N + 1; loading runs every step from the value's version
//! up to [`CURRENT`]. Storage and shared snapshots both go through here.

use serde_json::{json, Map, Value};

use crate::presets::application;

/// The shape of a deployment this version of the app writes.
/// 1: name, Application and Service Risk Level only (the first release).
/// 2: providers, test plans, milestones, volumetrics, incidents, contacts, tombstones.
pub const CURRENT: u32 = 2;

/// Brings every deployment in `deployments` (a JSON array) from version `from` to [`CURRENT`].
pub fn upgrade_deployments(deployments: &mut Value, from: u32) {
    let Some(list) = deployments.as_array_mut() else { return };
    for deployment in list.iter_mut().filter_map(Value::as_object_mut) {
        let mut version = from;
        while version < CURRENT {
            match version {
                1 => v1_to_v2(deployment),
                _ => unreachable!("every version below CURRENT has a step"),
            }
            version += 1;
        }
    }
}

/// Version 2 added the deployment's records. A first-release deployment gets
/// empty collections and the responses flag its Application implies.
fn v1_to_v2(deployment: &mut Map<String, Value>) {
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
    for collection in ["providers", "workflows", "test_results", "milestones", "volumetrics", "incidents", "contacts", "deleted"] {
        deployment.entry(collection).or_insert(json!([]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v1_deployments_gain_empty_collections_and_the_preset_responses_flag() {
        let mut list = json!([
            {"id": "a", "application": {"kind": "preset", "number": 4}},
            {"id": "b", "application": {"kind": "preset", "number": 7}},
            {"id": "c", "application": {"kind": "other", "description": "x"}}
        ]);
        upgrade_deployments(&mut list, 1);
        assert_eq!(list[0]["has_responses"], json!(true));
        assert_eq!(list[1]["has_responses"], json!(false));
        assert_eq!(list[2]["has_responses"], json!(false));
        assert_eq!(list[0]["providers"], json!([]));
        assert_eq!(list[0]["deleted"], json!([]));
        assert_eq!(list[0]["stable_published"], Value::Null);
    }

    #[test]
    fn current_deployments_are_left_alone() {
        let mut list = json!([{"id": "a", "has_responses": true}]);
        let before = list.clone();
        upgrade_deployments(&mut list, CURRENT);
        assert_eq!(list, before);
    }
}
