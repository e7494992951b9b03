//! Checking a snapshot's JSON before it is read into the app's types.
//!
//! Serde stops at the first problem and names it in its own words; a person
//! fixing a file by hand (or asking the sender for a new one) needs every
//! problem at once, each with the place it is at, like
//! `deployments[0].volumetrics[3].referrals`. So the value is walked here,
//! field by field, against the current shape of a deployment (older files are
//! migrated first), and only a value that passes is handed to serde.
//!
//! The limits are deliberately looser than the forms' (`forms.rs`): a file
//! the app itself exported must always import again, even if a form's limit
//! is tightened later.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Datelike, NaiveDate};
use serde_json::{Map, Value};

use crate::deployment::{Deployment, Tombstone, DESCRIPTION_MAX_CHARS, NAME_MAX_CHARS};
use crate::presets::APPLICATIONS;
use crate::records::{MilestoneKind, Party, ProviderRole, RootCause};
use crate::risk::ServiceRiskLevel;

/// Ids are made by the app; anything longer is not one of ours.
pub const ID_MAX_CHARS: usize = 100;
/// Names, organisations, roles, e-mail addresses, ODS codes.
pub const SHORT_TEXT_MAX_CHARS: usize = 200;
/// Notes, incident summaries and resolutions, the snapshot's note.
pub const LONG_TEXT_MAX_CHARS: usize = 5_000;
/// The app's version string, e.g. "0.3.1".
pub const APP_VERSION_MAX_CHARS: usize = 50;
/// A day's count above this is not a plausible number of referrals.
pub const DAILY_COUNT_LIMIT: u64 = 1_000_000;
/// How many problems are listed; the rest are counted. Fifty is already more
/// than anyone reads, and a broken file can have thousands.
pub const MAX_PROBLEMS_LISTED: usize = 50;

/// One thing wrong with a file, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where in the file, e.g. `deployments[0].providers[2].name`; empty for the whole file.
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// The problems found, the first [`MAX_PROBLEMS_LISTED`] of them listed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problems {
    pub listed: Vec<Problem>,
    /// How many more were found but not listed.
    pub not_listed: usize,
}

impl Problems {
    pub fn is_empty(&self) -> bool {
        self.listed.is_empty()
    }
    pub fn total(&self) -> usize {
        self.listed.len() + self.not_listed
    }
    fn push(&mut self, path: &str, message: impl Into<String>) {
        if self.listed.len() < MAX_PROBLEMS_LISTED {
            self.listed.push(Problem { path: path.to_owned(), message: message.into() });
        } else {
            self.not_listed += 1;
        }
    }
}

// ------------------------------------------------------------------ shapes

// The fields of each object, exactly. A test below compares these with what
// serde writes for the app's types, so a new field cannot slip in without a
// new format version (and a migration).
pub(crate) const ENVELOPE_FIELDS: &[&str] =
    &["format", "format_version", "app_version", "exported_at", "exported_by", "note", "deployments", "deleted_deployments"];
pub(crate) const DEPLOYMENT_FIELDS: &[&str] = &[
    "id", "name", "application", "risk_level", "created_at", "updated_at", "has_responses", "stable_published",
    "providers", "workflows", "test_results", "milestones", "volumetrics", "incidents", "contacts", "deleted",
];
pub(crate) const PROVIDER_FIELDS: &[&str] = &["id", "updated_at", "name", "ods_code", "role", "supplier", "go_live"];
pub(crate) const WORKFLOW_FIELDS: &[&str] = &["id", "updated_at", "provider_id", "name"];
pub(crate) const TEST_RESULT_FIELDS: &[&str] = &["id", "updated_at", "workflow_id", "date", "outcome", "note", "root_cause"];
pub(crate) const MILESTONE_FIELDS: &[&str] = &["id", "updated_at", "provider_id", "kind", "date", "recorded_by"];
pub(crate) const VOLUME_FIELDS: &[&str] = &["id", "updated_at", "provider_id", "date", "referrals", "responses"];
pub(crate) const INCIDENT_FIELDS: &[&str] =
    &["id", "updated_at", "provider_id", "date", "attributed_to_bars", "summary", "reported_to_service_desk", "resolution"];
pub(crate) const CONTACT_FIELDS: &[&str] = &["id", "updated_at", "party", "provider_id", "organisation", "role", "name", "email"];
pub(crate) const TOMBSTONE_FIELDS: &[&str] = &["id", "deleted_at"];

pub(crate) const OUTCOMES: &[&str] = &["pass", "fail"];

fn keys<T: Copy>(all: &[T], key: fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|x| key(*x)).collect()
}

// ------------------------------------------------------------------ paths

fn field_path(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_owned()
    } else {
        format!("{parent}.{key}")
    }
}

fn item_path(parent: &str, index: usize) -> String {
    format!("{parent}[{index}]")
}

/// "text", "a number", … for "must be X, not Y" messages, with short scalars quoted.
pub(crate) fn found(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("{b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => {
            let short: String = s.chars().take(40).collect();
            let ellipsis = if s.chars().count() > 40 { "\u{2026}" } else { "" };
            format!("the text \u{201c}{short}{ellipsis}\u{201d}")
        }
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

fn quoted_list(items: &[&str]) -> String {
    items.iter().map(|s| format!("\u{201c}{s}\u{201d}")).collect::<Vec<_>>().join(", ")
}

// ------------------------------------------------------------------ scalars

/// Reads "YYYY-MM-DD", saying precisely why a string is not a date.
pub fn parse_day(s: &str) -> Result<NaiveDate, String> {
    let b = s.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && [0, 1, 2, 3, 5, 6, 8, 9].iter().all(|&i| b[i].is_ascii_digit());
    if !shaped {
        return Err(format!("\u{201c}{s}\u{201d} is not a date: write dates as YYYY-MM-DD, like 2026-03-01"));
    }
    let (y, m, d) = (s[0..4].parse::<i32>().unwrap_or(0), s[5..7].parse::<u32>().unwrap_or(0), s[8..10].parse::<u32>().unwrap_or(0));
    if !(1..=12).contains(&m) {
        return Err(format!("\u{201c}{s}\u{201d} is not a real date: there is no month {m}"));
    }
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(date) => Ok(date),
        None => {
            let first = NaiveDate::from_ymd_opt(y, m, 1).expect("month checked");
            let days = first.checked_add_months(chrono::Months::new(1)).map(|next| (next - first).num_days()).unwrap_or(31);
            Err(format!(
                "\u{201c}{s}\u{201d} is not a real date: {} {} has {days} days",
                first.format("%B"),
                first.year()
            ))
        }
    }
}

/// Reads an RFC 3339 time ("2026-03-01T09:30:00Z"), saying why not.
pub fn parse_time(s: &str) -> Result<DateTime<chrono::Utc>, String> {
    match DateTime::parse_from_rfc3339(s) {
        Ok(t) => Ok(t.with_timezone(&chrono::Utc)),
        Err(_) => {
            // An impossible day inside an otherwise good time is the likelier slip.
            if s.len() >= 10 && s.is_char_boundary(10) {
                if let Err(why) = parse_day(&s[..10]) {
                    if why.contains("not a real date") {
                        return Err(why);
                    }
                }
            }
            Err(format!("\u{201c}{s}\u{201d} is not a date and time: write it like 2026-03-01T09:30:00Z"))
        }
    }
}

// ------------------------------------------------------------------ the walker

/// One object being checked: its fields and where it is.
struct Obj<'a> {
    map: &'a Map<String, Value>,
    path: String,
}

struct Checker {
    problems: Problems,
}

/// How a text field is checked.
#[derive(Clone, Copy)]
struct Text {
    required: bool,
    max: usize,
}
const NAME: Text = Text { required: true, max: SHORT_TEXT_MAX_CHARS };
const SHORT: Text = Text { required: false, max: SHORT_TEXT_MAX_CHARS };
const LONG: Text = Text { required: false, max: LONG_TEXT_MAX_CHARS };

impl Checker {
    fn fail(&mut self, path: &str, message: impl Into<String>) {
        self.problems.push(path, message);
    }

    /// `value` as an object with exactly `allowed` fields (extra ones reported).
    fn object<'a>(&mut self, value: &'a Value, path: &str, what: &str, allowed: &[&str]) -> Option<Obj<'a>> {
        let Value::Object(map) = value else {
            self.fail(path, format!("must be an object describing {what}, not {}", found(value)));
            return None;
        };
        for key in map.keys() {
            if !allowed.contains(&key.as_str()) {
                self.fail(
                    &field_path(path, key),
                    format!("is not a field of {what}: check its spelling (the fields are {})", allowed.join(", ")),
                );
            }
        }
        Some(Obj { map, path: path.to_owned() })
    }

    /// A field that must be there (null counts as missing).
    fn required<'a>(&mut self, obj: &Obj<'a>, key: &str) -> Option<&'a Value> {
        match obj.map.get(key) {
            None | Some(Value::Null) => {
                self.fail(&field_path(&obj.path, key), "is missing");
                None
            }
            Some(v) => Some(v),
        }
    }

    fn string<'a>(&mut self, obj: &Obj<'a>, key: &str, optional: bool) -> Option<&'a str> {
        let value = if optional {
            obj.map.get(key).filter(|v| !v.is_null())?
        } else {
            self.required(obj, key)?
        };
        match value.as_str() {
            Some(s) => Some(s),
            None => {
                self.fail(&field_path(&obj.path, key), format!("must be text, not {}", found(value)));
                None
            }
        }
    }

    fn text<'a>(&mut self, obj: &Obj<'a>, key: &str, rule: Text) -> Option<&'a str> {
        let s = self.string(obj, key, false)?;
        let path = field_path(&obj.path, key);
        if rule.required && s.trim().is_empty() {
            self.fail(&path, "must not be empty");
        } else if s.chars().count() > rule.max {
            self.fail(&path, format!("is {} characters long: the most allowed is {}", s.chars().count(), rule.max));
        }
        Some(s)
    }

    fn id(&mut self, obj: &Obj<'_>, key: &str) -> Option<String> {
        let s = self.string(obj, key, false)?;
        let path = field_path(&obj.path, key);
        if s.trim().is_empty() {
            self.fail(&path, "must not be empty");
            None
        } else if s.chars().count() > ID_MAX_CHARS {
            self.fail(&path, format!("is {} characters long: an id is at most {ID_MAX_CHARS}", s.chars().count()));
            None
        } else {
            Some(s.to_owned())
        }
    }

    fn time(&mut self, obj: &Obj<'_>, key: &str) {
        if let Some(s) = self.string(obj, key, false) {
            if let Err(why) = parse_time(s) {
                self.fail(&field_path(&obj.path, key), why);
            }
        }
    }

    fn date(&mut self, obj: &Obj<'_>, key: &str, optional: bool) {
        if let Some(s) = self.string(obj, key, optional) {
            if let Err(why) = parse_day(s) {
                self.fail(&field_path(&obj.path, key), why);
            }
        }
    }

    fn boolean(&mut self, obj: &Obj<'_>, key: &str) {
        if let Some(value) = self.required(obj, key) {
            if !value.is_boolean() {
                self.fail(&field_path(&obj.path, key), format!("must be true or false, not {}", found(value)));
            }
        }
    }

    fn one_of(&mut self, obj: &Obj<'_>, key: &str, allowed: &[&str], optional: bool) {
        if let Some(s) = self.string(obj, key, optional) {
            if !allowed.contains(&s) {
                self.fail(
                    &field_path(&obj.path, key),
                    format!("\u{201c}{s}\u{201d} is not allowed: use one of {}", quoted_list(allowed)),
                );
            }
        }
    }

    fn count(&mut self, obj: &Obj<'_>, key: &str) -> Option<u64> {
        let value = self.required(obj, key)?;
        let path = field_path(&obj.path, key);
        let Value::Number(n) = value else {
            self.fail(&path, format!("must be a whole number, not {}", found(value)));
            return None;
        };
        if let Some(u) = n.as_u64() {
            if u > DAILY_COUNT_LIMIT {
                self.fail(&path, format!("{u} is more than the {DAILY_COUNT_LIMIT} a day this app accepts"));
                return None;
            }
            return Some(u);
        }
        if n.as_f64().is_some_and(|f| f < 0.0) {
            self.fail(&path, format!("must not be negative (it is {n})"));
        } else {
            self.fail(&path, format!("must be a whole number (it is {n})"));
        }
        None
    }

    /// Each item of the list at `key`, with its path.
    fn list<'a>(&mut self, obj: &Obj<'a>, key: &str) -> Vec<(&'a Value, String)> {
        let Some(value) = self.required(obj, key) else { return Vec::new() };
        let path = field_path(&obj.path, key);
        match value.as_array() {
            Some(items) => items.iter().enumerate().map(|(i, item)| (item, item_path(&path, i))).collect(),
            None => {
                self.fail(&path, format!("must be a list, not {}", found(value)));
                Vec::new()
            }
        }
    }

    fn tombstones(&mut self, obj: &Obj<'_>, key: &str) {
        for (item, path) in self.list(obj, key) {
            if let Some(t) = self.object(item, &path, "a deleted record", TOMBSTONE_FIELDS) {
                self.id(&t, "id");
                self.time(&t, "deleted_at");
            }
        }
    }
}

// ------------------------------------------------------------------ records

/// What the cross-checks need from one record: its id and what it points at.
struct Seen {
    id: Option<String>,
    id_path: String,
    refers_to: Vec<(Target, String, String)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    Provider,
    Workflow,
}

impl Checker {
    fn record(&mut self, obj: &Obj<'_>) -> Seen {
        let id = self.id(obj, "id");
        self.time(obj, "updated_at");
        Seen { id, id_path: field_path(&obj.path, "id"), refers_to: Vec::new() }
    }

    fn reference(&mut self, obj: &Obj<'_>, key: &str, target: Target, seen: &mut Seen, optional: bool) {
        if let Some(s) = self.string(obj, key, optional) {
            seen.refers_to.push((target, s.to_owned(), field_path(&obj.path, key)));
        }
    }

    fn provider(&mut self, value: &Value, path: &str) -> Option<Seen> {
        let p = self.object(value, path, "a provider", PROVIDER_FIELDS)?;
        let seen = self.record(&p);
        self.text(&p, "name", NAME);
        self.text(&p, "ods_code", SHORT);
        self.one_of(&p, "role", &keys(&ProviderRole::ALL, ProviderRole::key), false);
        self.text(&p, "supplier", SHORT);
        self.date(&p, "go_live", true);
        Some(seen)
    }

    fn workflow(&mut self, value: &Value, path: &str) -> Option<Seen> {
        let w = self.object(value, path, "a workflow", WORKFLOW_FIELDS)?;
        let mut seen = self.record(&w);
        self.reference(&w, "provider_id", Target::Provider, &mut seen, false);
        self.text(&w, "name", NAME);
        Some(seen)
    }

    fn test_result(&mut self, value: &Value, path: &str) -> Option<Seen> {
        let r = self.object(value, path, "a test result", TEST_RESULT_FIELDS)?;
        let mut seen = self.record(&r);
        self.reference(&r, "workflow_id", Target::Workflow, &mut seen, false);
        self.date(&r, "date", false);
        self.one_of(&r, "outcome", OUTCOMES, false);
        self.text(&r, "note", LONG);
        self.one_of(&r, "root_cause", &keys(&RootCause::ALL, RootCause::key), true);
        Some(seen)
    }

    fn milestone(&mut self, value: &Value, path: &str) -> Option<Seen> {
        let m = self.object(value, path, "a milestone", MILESTONE_FIELDS)?;
        let mut seen = self.record(&m);
        self.reference(&m, "provider_id", Target::Provider, &mut seen, false);
        self.one_of(&m, "kind", &keys(&MilestoneKind::ALL, MilestoneKind::key), false);
        self.date(&m, "date", false);
        self.text(&m, "recorded_by", SHORT);
        Some(seen)
    }

    fn volume(&mut self, value: &Value, path: &str) -> Option<Seen> {
        let v = self.object(value, path, "a day's counts", VOLUME_FIELDS)?;
        let mut seen = self.record(&v);
        self.reference(&v, "provider_id", Target::Provider, &mut seen, false);
        self.date(&v, "date", false);
        let referrals = self.count(&v, "referrals");
        let responses = self.count(&v, "responses");
        if let (Some(referrals), Some(responses)) = (referrals, responses) {
            if responses > referrals {
                self.fail(
                    &field_path(path, "responses"),
                    format!("{responses} responses is more than the {referrals} referrals of the same day"),
                );
            }
        }
        Some(seen)
    }

    fn incident(&mut self, value: &Value, path: &str) -> Option<Seen> {
        let i = self.object(value, path, "an incident", INCIDENT_FIELDS)?;
        let mut seen = self.record(&i);
        self.reference(&i, "provider_id", Target::Provider, &mut seen, false);
        self.date(&i, "date", false);
        self.boolean(&i, "attributed_to_bars");
        self.text(&i, "summary", LONG);
        self.boolean(&i, "reported_to_service_desk");
        self.text(&i, "resolution", LONG);
        Some(seen)
    }

    fn contact(&mut self, value: &Value, path: &str) -> Option<Seen> {
        let c = self.object(value, path, "a contact", CONTACT_FIELDS)?;
        let mut seen = self.record(&c);
        self.one_of(&c, "party", &keys(&Party::ALL, Party::key), false);
        self.reference(&c, "provider_id", Target::Provider, &mut seen, true);
        self.text(&c, "organisation", SHORT);
        self.text(&c, "role", SHORT);
        self.text(&c, "name", NAME);
        self.text(&c, "email", SHORT);
        Some(seen)
    }

    fn application(&mut self, d: &Obj<'_>) {
        let Some(value) = self.required(d, "application") else { return };
        let path = field_path(&d.path, "application");
        let kind = value.get("kind").and_then(Value::as_str);
        match kind {
            Some("preset") => {
                let Some(a) = self.object(value, &path, "a BaRS Application", &["kind", "number"]) else { return };
                if let Some(n) = self.required(&a, "number") {
                    let known = n.as_u64().is_some_and(|n| APPLICATIONS.iter().any(|app| u64::from(app.number) == n));
                    if !known {
                        self.fail(
                            &field_path(&path, "number"),
                            format!("must be a BaRS Application number from 1 to {}, not {}", APPLICATIONS.len(), found(n)),
                        );
                    }
                }
            }
            Some("other") => {
                let Some(a) = self.object(value, &path, "a use case", &["kind", "description"]) else { return };
                self.text(&a, "description", Text { required: true, max: DESCRIPTION_MAX_CHARS });
            }
            _ => {
                if let Some(a) = self.object(value, &path, "the BaRS Application", &["kind", "number", "description"]) {
                    self.one_of(&a, "kind", &["preset", "other"], false);
                }
            }
        }
    }

    fn deployment(&mut self, value: &Value, path: &str) -> Option<(String, String)> {
        let d = self.object(value, path, "a deployment", DEPLOYMENT_FIELDS)?;
        let id = self.id(&d, "id");
        self.text(&d, "name", Text { required: true, max: NAME_MAX_CHARS });
        self.application(&d);
        self.one_of(&d, "risk_level", &keys(&ServiceRiskLevel::ALL, ServiceRiskLevel::key), false);
        self.time(&d, "created_at");
        self.time(&d, "updated_at");
        self.boolean(&d, "has_responses");
        self.date(&d, "stable_published", true);

        type Check = fn(&mut Checker, &Value, &str) -> Option<Seen>;
        let collections: [(&str, Check); 7] = [
            ("providers", Checker::provider),
            ("workflows", Checker::workflow),
            ("test_results", Checker::test_result),
            ("milestones", Checker::milestone),
            ("volumetrics", Checker::volume),
            ("incidents", Checker::incident),
            ("contacts", Checker::contact),
        ];
        let mut seen: Vec<(&str, Seen)> = Vec::new();
        // Collections with a record whose id could not be read: references
        // into them are not checked, since the one problem already reported
        // would otherwise echo once per reference.
        let mut unreadable: HashSet<&str> = HashSet::new();
        for (key, check) in collections {
            let before = self.problems.total();
            let items = self.list(&d, key);
            if self.problems.total() > before {
                unreadable.insert(key);
            }
            for (item, item_path) in items {
                match check(self, item, &item_path) {
                    Some(s) if s.id.is_some() => seen.push((key, s)),
                    Some(s) => {
                        unreadable.insert(key);
                        seen.push((key, s));
                    }
                    None => {
                        unreadable.insert(key);
                    }
                }
            }
        }
        self.tombstones(&d, "deleted");

        // Ids are unique across the whole deployment: merging and deleting
        // find a record by id alone.
        let mut first_at: HashMap<&str, &str> = HashMap::new();
        for (_, s) in &seen {
            if let Some(id) = &s.id {
                if let Some(first) = first_at.get(id.as_str()) {
                    self.fail(
                        &s.id_path,
                        format!("the id \u{201c}{id}\u{201d} is already used at {first}: every record needs its own id"),
                    );
                } else {
                    first_at.insert(id, &s.id_path);
                }
            }
        }
        let ids_of = |collection: &str| -> HashSet<&str> {
            seen.iter().filter(|(k, _)| *k == collection).filter_map(|(_, s)| s.id.as_deref()).collect()
        };
        let (providers, workflows) = (ids_of("providers"), ids_of("workflows"));
        for (_, s) in &seen {
            for (target, id, ref_path) in &s.refers_to {
                let (known, noun, collection) = match target {
                    Target::Provider => (&providers, "provider", "providers"),
                    Target::Workflow => (&workflows, "workflow", "workflows"),
                };
                if !known.contains(id.as_str()) && !unreadable.contains(collection) {
                    self.problems.push(
                        ref_path,
                        format!("\u{201c}{id}\u{201d} does not match the id of any {noun} in this deployment"),
                    );
                }
            }
        }
        id.map(|id| (id, field_path(path, "id")))
    }
}

/// Checks a snapshot envelope, already migrated to the current format
/// version, whose `format` and `format_version` have been checked.
pub(crate) fn check_envelope(root: &Value) -> Problems {
    let mut c = Checker { problems: Problems::default() };
    if let Some(env) = c.object(root, "", "a snapshot", ENVELOPE_FIELDS) {
        c.text(&env, "app_version", Text { required: true, max: APP_VERSION_MAX_CHARS });
        c.time(&env, "exported_at");
        c.text(&env, "exported_by", NAME);
        if env.map.get("note").is_some_and(|n| !n.is_null()) {
            c.text(&env, "note", LONG);
        }
        let mut first_at: HashMap<String, String> = HashMap::new();
        for (item, path) in c.list(&env, "deployments") {
            if let Some((id, id_path)) = c.deployment(item, &path) {
                if let Some(first) = first_at.get(&id) {
                    c.fail(&id_path, format!("the deployment id \u{201c}{id}\u{201d} is already used at {first}"));
                } else {
                    first_at.insert(id, id_path);
                }
            }
        }
        c.tombstones(&env, "deleted_deployments");
    }
    c.problems
}

/// Checks deployments already in the app, by the same rules an imported file
/// meets: what passes here exports to a file that imports again. The app can
/// call it before exporting, to catch a state its forms should never allow.
pub fn check_deployments(deployments: &[Deployment], deleted_deployments: &[Tombstone]) -> Problems {
    let mut root = Map::new();
    root.insert("app_version".into(), "check".into());
    root.insert("exported_at".into(), "1970-01-01T00:00:00Z".into());
    root.insert("exported_by".into(), "check".into());
    root.insert("deployments".into(), serde_json::to_value(deployments).expect("deployments serialise"));
    root.insert("deleted_deployments".into(), serde_json::to_value(deleted_deployments).expect("tombstones serialise"));
    check_envelope(&Value::Object(root))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::*;
    use chrono::Utc;
    use serde_json::json;

    fn keys_of(value: &Value) -> Vec<String> {
        let mut k: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    }

    fn sorted(list: &[&str]) -> Vec<String> {
        let mut k: Vec<String> = list.iter().map(|s| (*s).to_owned()).collect();
        k.sort();
        k
    }

    /// If this fails, a record's shape changed: bump `migrations::CURRENT` and
    /// `snapshot::FORMAT_VERSION`, add a migration step, and update the lists
    /// above, the JSON Schema and docs/snapshot-format.md.
    #[test]
    fn field_lists_match_what_serde_writes() {
        let t = DateTime::<Utc>::from_timestamp(0, 0).unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let fields = crate::deployment::DeploymentFields {
            name: "x".into(),
            application: crate::presets::ApplicationChoice::Preset { number: 1 },
            risk_level: ServiceRiskLevel::Low,
        };
        let d = Deployment::new("d".into(), fields, t);
        let cases: Vec<(Value, &[&str])> = vec![
            (serde_json::to_value(&d).unwrap(), DEPLOYMENT_FIELDS),
            (
                serde_json::to_value(Provider { id: "p".into(), updated_at: t, name: "n".into(), ods_code: "X".into(), role: ProviderRole::Both, supplier: "s".into(), go_live: None }).unwrap(),
                PROVIDER_FIELDS,
            ),
            (serde_json::to_value(Workflow { id: "w".into(), updated_at: t, provider_id: "p".into(), name: "n".into() }).unwrap(), WORKFLOW_FIELDS),
            (
                serde_json::to_value(TestResult { id: "r".into(), updated_at: t, workflow_id: "w".into(), date: day, outcome: Outcome::Pass, note: String::new(), root_cause: None }).unwrap(),
                TEST_RESULT_FIELDS,
            ),
            (
                serde_json::to_value(Milestone { id: "m".into(), updated_at: t, provider_id: "p".into(), kind: MilestoneKind::Dcb0129, date: day, recorded_by: "x".into() }).unwrap(),
                MILESTONE_FIELDS,
            ),
            (
                serde_json::to_value(DailyVolume { id: "v".into(), updated_at: t, provider_id: "p".into(), date: day, referrals: 1, responses: 0 }).unwrap(),
                VOLUME_FIELDS,
            ),
            (
                serde_json::to_value(Incident { id: "i".into(), updated_at: t, provider_id: "p".into(), date: day, attributed_to_bars: true, summary: "s".into(), reported_to_service_desk: false, resolution: String::new() }).unwrap(),
                INCIDENT_FIELDS,
            ),
            (
                serde_json::to_value(Contact { id: "c".into(), updated_at: t, party: Party::Supplier, provider_id: None, organisation: "o".into(), role: "r".into(), name: "n".into(), email: String::new() }).unwrap(),
                CONTACT_FIELDS,
            ),
            (serde_json::to_value(Tombstone { id: "x".into(), deleted_at: t }).unwrap(), TOMBSTONE_FIELDS),
        ];
        for (value, list) in cases {
            assert_eq!(keys_of(&value), sorted(list));
        }
    }

    #[test]
    fn allowed_values_are_exactly_what_serde_reads() {
        for key in OUTCOMES {
            assert!(serde_json::from_value::<Outcome>(json!(key)).is_ok(), "{key}");
        }
        assert!(serde_json::from_value::<Outcome>(json!("skipped")).is_err());
        for key in keys(&RootCause::ALL, RootCause::key) {
            assert!(serde_json::from_value::<RootCause>(json!(key)).is_ok(), "{key}");
        }
        for key in keys(&MilestoneKind::ALL, MilestoneKind::key) {
            assert!(serde_json::from_value::<MilestoneKind>(json!(key)).is_ok(), "{key}");
        }
        for key in keys(&Party::ALL, Party::key) {
            assert!(serde_json::from_value::<Party>(json!(key)).is_ok(), "{key}");
        }
        for key in keys(&ProviderRole::ALL, ProviderRole::key) {
            assert!(serde_json::from_value::<ProviderRole>(json!(key)).is_ok(), "{key}");
        }
    }

    #[test]
    fn dates_say_why_they_are_wrong() {
        assert_eq!(parse_day("2026-03-01"), Ok(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()));
        assert_eq!(parse_day("2026-02-30").unwrap_err(), "\u{201c}2026-02-30\u{201d} is not a real date: February 2026 has 28 days");
        assert!(parse_day("2028-02-30").unwrap_err().contains("February 2028 has 29 days"));
        assert!(parse_day("2026-04-31").unwrap_err().contains("April 2026 has 30 days"));
        assert!(parse_day("2026-13-01").unwrap_err().contains("there is no month 13"));
        assert!(parse_day("2026-01-00").unwrap_err().contains("not a real date"));
        assert!(parse_day("1/3/2026").unwrap_err().contains("YYYY-MM-DD"));
        assert!(parse_day("2026-3-1").unwrap_err().contains("YYYY-MM-DD"));
    }

    #[test]
    fn times_must_be_rfc3339() {
        assert!(parse_time("2026-03-01T09:30:00Z").is_ok());
        assert_eq!(
            parse_time("2026-03-01T09:30:00+01:00").unwrap(),
            parse_time("2026-03-01T08:30:00Z").unwrap()
        );
        assert!(parse_time("2026-02-30T09:30:00Z").unwrap_err().contains("February 2026 has 28 days"));
        assert!(parse_time("yesterday").unwrap_err().contains("2026-03-01T09:30:00Z"));
        assert!(parse_time("2026-03-01").unwrap_err().contains("not a date and time"));
    }

    #[test]
    fn problems_beyond_the_cap_are_counted_not_listed() {
        let mut p = Problems::default();
        for i in 0..(MAX_PROBLEMS_LISTED + 7) {
            p.push(&format!("x[{i}]"), "bad");
        }
        assert_eq!(p.listed.len(), MAX_PROBLEMS_LISTED);
        assert_eq!(p.not_listed, 7);
        assert_eq!(p.total(), MAX_PROBLEMS_LISTED + 7);
    }

    #[test]
    fn a_state_made_by_the_app_passes() {
        let t = DateTime::<Utc>::from_timestamp(0, 0).unwrap();
        let fields = crate::deployment::DeploymentFields {
            name: "Pharmacy First".into(),
            application: crate::presets::ApplicationChoice::Preset { number: 5 },
            risk_level: ServiceRiskLevel::Low,
        };
        let mut d = Deployment::new("d".into(), fields, t);
        let mut n = 0;
        d.add_provider(
            Provider { id: "p".into(), updated_at: t, name: "Boots".into(), ods_code: "FA123".into(), role: ProviderRole::Receiver, supplier: "S".into(), go_live: None },
            || {
                n += 1;
                format!("w{n}")
            },
        );
        assert_eq!(d.workflows.len(), 3);
        assert!(check_deployments(&[d.clone()], &[]).is_empty());
        d.remove("w1", t);
        assert!(check_deployments(&[d], &[]).is_empty(), "tombstones are fine");
    }
}
