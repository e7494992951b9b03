//! docs/snapshot.schema.json is generated from the types the app reads
//! snapshots into, so the published schema and the app cannot disagree.
//! This test fails when the committed file differs from what the types give;
//! `UPDATE_SCHEMA=1 cargo test -p bars-domain --test schema` rewrites it.

use std::path::PathBuf;

use bars_domain::snapshot::{SnapshotFile, FORMAT_NAME, FORMAT_VERSION};
use serde_json::{json, Value};

fn generated() -> String {
    let mut schema: Value = serde_json::to_value(schemars::schema_for!(SnapshotFile)).unwrap();
    let root = schema.as_object_mut().unwrap();
    root.insert("$id".into(), json!("urn:bars-beta-tracker:snapshot"));
    root.insert("title".into(), json!("BaRS beta tracker snapshot"));
    root.insert(
        "description".into(),
        json!(format!(
            "One organisation's export of BaRS beta deployments, for another to import, in format version {FORMAT_VERSION}. \
             See snapshot-format.md. Generated from the app's types by domain/tests/schema.rs. Files of older format versions \
             are brought up to date by the app before they are read. Rules a schema cannot state, which the app also checks: \
             ids are unique within a deployment (and deployment ids within the file); provider_id and workflow_id refer to \
             records of the same deployment; a day's responses are at most its referrals; a preset Application number is \
             one of the published ones."
        )),
    );
    let props = root.get_mut("properties").and_then(Value::as_object_mut).unwrap();
    props.insert("format".into(), json!({"const": FORMAT_NAME}));
    props.insert("format_version".into(), json!({"const": FORMAT_VERSION}));
    serde_json::to_string_pretty(&schema).unwrap() + "\n"
}

#[test]
fn the_published_schema_is_generated_from_the_types() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/snapshot.schema.json");
    let text = generated();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &text).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap();
    assert!(committed == text, "docs/snapshot.schema.json differs from the types: run UPDATE_SCHEMA=1 cargo test -p bars-domain --test schema");
}

/// The schema accepts what the app exports: the v2 fixture, checked by hand
/// against the schema's required fields (no validator crate needed).
#[test]
fn the_schema_names_every_field_the_app_writes() {
    let schema: Value = serde_json::from_str(&generated()).unwrap();
    let fixture: Value =
        serde_json::from_str(&std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/snapshot-v2.json")).unwrap()).unwrap();
    let props = schema["properties"].as_object().unwrap();
    for key in fixture.as_object().unwrap().keys() {
        assert!(props.contains_key(key), "the schema has no {key}");
    }
    assert_eq!(schema["additionalProperties"], json!(false), "unknown fields are refused, as the app does");
}
