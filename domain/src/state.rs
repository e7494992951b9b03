//! Everything the app holds, and the format it is kept in in browser storage.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::deployment::{Deployment, DeploymentFields, Tombstone};
use crate::migrations::{self, read_typed, FORMAT_VERSION};

/// The browser storage key. The number is the storage layout's major version:
/// a layout that old code could not even recognise would get a new key.
pub const STORAGE_KEY: &str = "bars-beta-tracker.state.v1";
/// The version written inside the stored value (as `schema_version`): the
/// one format version of `migrations`; older ones are migrated on load.
pub const SCHEMA_VERSION: u32 = FORMAT_VERSION;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct AppState {
    pub deployments: Vec<Deployment>,
    /// Deployments deleted here, remembered so a merge does not bring them back.
    pub deleted_deployments: Vec<Tombstone>,
    pub sharing: Sharing,
}

/// What this browser remembers about sharing snapshots.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sharing {
    /// The organisation named in exports, remembered between them.
    pub organisation: String,
    /// When this browser last sent or took in a snapshot: records changed on
    /// both sides since then are conflicts for the user to settle.
    #[serde(default, deserialize_with = "crate::de::optional_time")]
    pub last_shared: Option<DateTime<Utc>>,
}

impl AppState {
    pub fn deployment(&self, id: &str) -> Option<&Deployment> {
        self.deployments.iter().find(|d| d.id == id)
    }

    /// The deployments other than `id`, e.g. to check a renamed one's name is unique.
    pub fn others<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Deployment> + 'a {
        self.deployments.iter().filter(move |d| d.id != id)
    }

    /// The deployments by name, ignoring case (ASCII case folding: Unicode
    /// case tables would cost the bundle 4 kB).
    pub fn deployments_by_name(&self) -> Vec<&Deployment> {
        let mut list: Vec<&Deployment> = self.deployments.iter().collect();
        crate::order::sort_by_key(&mut list, |d| d.name.to_ascii_lowercase());
        list
    }

    pub fn deployment_mut(&mut self, id: &str) -> Option<&mut Deployment> {
        self.deployments.iter_mut().find(|d| d.id == id)
    }

    pub fn create(&mut self, fields: DeploymentFields, id: String, now: DateTime<Utc>) {
        self.deployments.push(Deployment::new(id, fields, now));
    }

    /// Applies edited fields; returns false when there is no such deployment.
    pub fn update(&mut self, id: &str, fields: DeploymentFields, now: DateTime<Utc>) -> bool {
        let Some(d) = self.deployments.iter_mut().find(|d| d.id == id) else {
            return false;
        };
        if d.application != fields.application {
            d.has_responses = fields.application.preset().is_some_and(|app| app.has_responses);
        }
        d.name = fields.name;
        d.application = fields.application;
        d.risk_level = fields.risk_level;
        d.updated_at = now;
        true
    }

    /// Saves the details form together with the settings form (`has_responses`,
    /// `stable_published`): a changed Application brings its own responses
    /// default, so the answer on the form is kept only while the Application stays.
    /// Returns false when there is no such deployment.
    pub fn update_with_settings(
        &mut self,
        id: &str,
        fields: DeploymentFields,
        settings: crate::deployment::Settings,
        now: DateTime<Utc>,
    ) -> bool {
        let same_application = self.deployment(id).is_some_and(|d| d.application == fields.application);
        if !self.update(id, fields, now) {
            return false;
        }
        if let Some(d) = self.deployment_mut(id) {
            if same_application {
                d.has_responses = settings.has_responses;
            }
            d.stable_published = settings.stable_published;
            d.standard_updated = settings.standard_updated;
        }
        true
    }

    /// Deletes a deployment and remembers that it was deleted.
    pub fn delete(&mut self, id: &str, now: DateTime<Utc>) -> bool {
        let before = self.deployments.len();
        self.deployments.retain(|d| d.id != id);
        let deleted = self.deployments.len() != before;
        if deleted {
            self.deleted_deployments.push(Tombstone { id: id.to_owned(), deleted_at: now });
        }
        deleted
    }
}

/// The value kept under [`STORAGE_KEY`], as serde reads it when it is of
/// the current version.
#[derive(Deserialize)]
struct Stored {
    #[serde(deserialize_with = "crate::migrations::current_version")]
    #[allow(dead_code)]
    schema_version: u32,
    #[serde(deserialize_with = "crate::de::objects")]
    deployments: Vec<Deployment>,
    #[serde(default, deserialize_with = "crate::de::objects")]
    deleted_deployments: Vec<Tombstone>,
    #[serde(default)]
    sharing: Sharing,
}

/// Why a stored value could not be loaded. The app keeps such a value under a
/// backup key and starts clean, so nothing is lost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// Not JSON at all (e.g. truncated by a crash mid-write).
    Syntax { line: usize, column: usize, message: String },
    /// JSON, but without a schema version we know how to read.
    NewerSchema { found: u32 },
    /// JSON of our schema whose content does not fit it.
    Invalid { message: String },
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Syntax { line, column, message } => {
                write!(f, "the saved data is not valid JSON (line {line}, column {column}: {message})")
            }
            Self::NewerSchema { found } => write!(
                f,
                "the saved data was written by a newer version of this app (schema {found}; this app reads up to {SCHEMA_VERSION})"
            ),
            Self::Invalid { message } => write!(f, "the saved data does not match the expected format ({message})"),
        }
    }
}

pub fn to_stored_json(state: &AppState) -> String {
    #[derive(Serialize)]
    struct StoredRef<'a> {
        schema_version: u32,
        deployments: &'a [Deployment],
        deleted_deployments: &'a [Tombstone],
        sharing: &'a Sharing,
    }
    let stored = StoredRef {
        schema_version: SCHEMA_VERSION,
        deployments: &state.deployments,
        deleted_deployments: &state.deleted_deployments,
        sharing: &state.sharing,
    };
    crate::json_text::compact(&stored)
}

/// Reads the stored value: straight into the types when it is current,
/// else through the migration steps.
pub fn from_stored_json(text: &str) -> Result<AppState, LoadError> {
    let first = match read_typed::<Stored>(text) {
        Ok(stored) => return Ok(stored.into()),
        Err(e) => e,
    };
    let mut value = crate::json_path::strict_value(text).map_err(|e| LoadError::Syntax {
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    let version = value
        .get("schema_version")
        .and_then(serde_json::Value::as_u64)
        .ok_or_else(|| LoadError::Invalid { message: "schema_version is missing".into() })?;
    if version > u64::from(SCHEMA_VERSION) {
        return Err(LoadError::NewerSchema { found: u32::try_from(version).unwrap_or(u32::MAX) });
    }
    if version < 1 {
        return Err(LoadError::Invalid { message: format!("schema_version {version} was never written by this app") });
    }
    let invalid = |e: migrations::ReadError| LoadError::Invalid { message: format!("{}: {}", e.path, e.message) };
    if version == u64::from(SCHEMA_VERSION) {
        return Err(invalid(first));
    }
    let root = value.as_object_mut().ok_or_else(|| LoadError::Invalid { message: "not an object".into() })?;
    migrations::migrate(root, version as u32);
    root.insert("schema_version".into(), SCHEMA_VERSION.into());
    read_typed::<Stored>(&value.to_string()).map(AppState::from).map_err(invalid)
}

impl From<Stored> for AppState {
    fn from(s: Stored) -> Self {
        AppState { deployments: s.deployments, deleted_deployments: s.deleted_deployments, sharing: s.sharing }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::ApplicationChoice;
    use crate::risk::ServiceRiskLevel;
    use crate::deployment::Settings;
    use chrono::NaiveDate;

    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(secs, 0).unwrap()
    }

    fn fields(name: &str, level: ServiceRiskLevel) -> DeploymentFields {
        DeploymentFields { name: name.into(), application: ApplicationChoice::Preset { number: 5 }, risk_level: level }
    }

    fn sample() -> AppState {
        let mut state = AppState::default();
        state.create(fields("Pharmacy First", ServiceRiskLevel::Low), "a".into(), at(100));
        state.create(fields("Ambulance mutual aid", ServiceRiskLevel::High), "b".into(), at(200));
        state
    }

    #[test]
    fn the_key_is_versioned() {
        assert!(STORAGE_KEY.ends_with(".v1"));
    }

    #[test]
    fn state_round_trips_through_storage() {
        let state = sample();
        let json = to_stored_json(&state);
        assert!(json.starts_with(&format!("{{\"schema_version\":{},", crate::migrations::FORMAT_VERSION)));
        assert_eq!(from_stored_json(&json).unwrap(), state);
    }

    #[test]
    fn the_first_release_format_still_loads() {
        // A value exactly as the first release (schema 1) wrote it.
        let text = r#"{"schema_version":1,"deployments":[{"id":"a","name":"Pharmacy First",
            "application":{"kind":"preset","number":5},"risk_level":"low",
            "created_at":"1970-01-01T00:01:40Z","updated_at":"1970-01-01T00:01:40Z"}]}"#;
        let state = from_stored_json(text).unwrap();
        assert_eq!(state.deployments.len(), 1);
        assert_eq!(state.deployments[0].risk_level, ServiceRiskLevel::Low);
        assert_eq!(state.deployments[0].criteria().min_referrals, 20);
        assert!(state.deployments[0].providers.is_empty());
        assert!(!state.deployments[0].has_responses, "Application 5 has no responses");
        // Saved again, it is written in today's schema and reads back the same.
        assert_eq!(from_stored_json(&to_stored_json(&state)).unwrap(), state);
    }

    #[test]
    fn the_responses_answer_stands_unless_the_application_changes() {
        let published = NaiveDate::from_ymd_opt(2026, 11, 30);
        let mut state = sample();
        // Same Application (5, no responses by default): the user's answer is kept.
        assert!(state.update_with_settings("a", fields("Pharmacy First", ServiceRiskLevel::Low), Settings { has_responses: true, stable_published: published, standard_updated: None }, at(300)));
        let a = state.deployment("a").unwrap();
        assert_eq!((a.has_responses, a.stable_published, a.updated_at), (true, published, at(300)));
        // A new Application brings its default, whatever the form said; the date is still saved.
        let to_4 = DeploymentFields { application: ApplicationChoice::Preset { number: 4 }, ..fields("Pharmacy First", ServiceRiskLevel::Low) };
        assert!(state.update_with_settings("a", to_4, Settings { has_responses: false, stable_published: None, standard_updated: None }, at(400)));
        let a = state.deployment("a").unwrap();
        assert_eq!((a.has_responses, a.stable_published), (true, None), "Application 4 has responses");
        let to_5 = fields("Pharmacy First", ServiceRiskLevel::Low);
        assert!(state.update_with_settings("a", to_5, Settings { has_responses: true, stable_published: published, standard_updated: None }, at(500)));
        assert!(!state.deployment("a").unwrap().has_responses, "Application 5 has none");
        assert!(!state.update_with_settings("zzz", fields("x", ServiceRiskLevel::Low), Settings { has_responses: true, stable_published: None, standard_updated: None }, at(600)));
    }

    #[test]
    fn deployments_are_listed_by_name_ignoring_case() {
        let mut state = sample();
        state.create(fields("ambulance handover", ServiceRiskLevel::Low), "c".into(), at(300));
        let names: Vec<&str> = state.deployments_by_name().iter().map(|d| d.name.as_str()).collect();
        assert_eq!(names, ["ambulance handover", "Ambulance mutual aid", "Pharmacy First"]);
    }

    #[test]
    fn update_and_delete_touch_only_their_deployment() {
        let mut state = sample();
        assert!(state.update("a", fields("Pharmacy First wave 2", ServiceRiskLevel::Medium), at(300)));
        let a = state.deployment("a").unwrap();
        assert_eq!((a.name.as_str(), a.risk_level, a.updated_at, a.created_at), ("Pharmacy First wave 2", ServiceRiskLevel::Medium, at(300), at(100)));
        assert_eq!(state.deployment("b").unwrap().updated_at, at(200));
        assert!(!state.update("zzz", fields("x", ServiceRiskLevel::Low), at(400)));
        assert!(state.delete("a", at(500)));
        assert!(!state.delete("a", at(600)));
        assert_eq!(state.deleted_deployments, vec![Tombstone { id: "a".into(), deleted_at: at(500) }]);
        assert_eq!(state.deployments.len(), 1);
        assert_eq!(state.others("b").count(), 0);
    }

    #[test]
    fn truncated_data_is_a_syntax_error_with_its_position() {
        let json = to_stored_json(&sample());
        let cut = &json[..json.len() / 2];
        match from_stored_json(cut) {
            Err(LoadError::Syntax { line: 1, column, .. }) => assert!(column > 0),
            other => panic!("expected a syntax error, got {other:?}"),
        }
    }

    #[test]
    fn newer_and_malformed_values_are_refused() {
        assert_eq!(
            from_stored_json(r#"{"schema_version":99,"deployments":[]}"#),
            Err(LoadError::NewerSchema { found: 99 })
        );
        assert!(matches!(from_stored_json(r#"{"deployments":[]}"#), Err(LoadError::Invalid { .. })));
        assert!(matches!(from_stored_json(r#"{"schema_version":0,"deployments":[]}"#), Err(LoadError::Invalid { .. })));
        let wrong_level = r#"{"schema_version":1,"deployments":[{"id":"a","name":"x","application":{"kind":"preset","number":1},"risk_level":"extreme","created_at":"1970-01-01T00:00:00Z","updated_at":"1970-01-01T00:00:00Z"}]}"#;
        let err = from_stored_json(wrong_level).unwrap_err();
        assert!(err.to_string().contains("extreme"), "{err}");
    }
}
