//! The rules a snapshot's content must meet, checked on the typed values
//! after serde has read them (serde checks the shape: fields, types, dates,
//! allowed values). Every rule problem is listed with its place in the file,
//! like `deployments[0].volumetrics[3].referrals`; a shape problem stops the
//! reading and is reported alone, in the same words (see [`shape_problem`]).
//!
//! The limits are deliberately looser than the forms' (`records::*`): a file
//! the app itself exported must always import again, even if a form's limit
//! is tightened later.

use chrono::{DateTime, TimeDelta, Utc};

use crate::deployment::{noun_of_collection, Deployment, Tombstone, DESCRIPTION_MAX_CHARS, NAME_MAX_CHARS};
use crate::presets::{ApplicationChoice, APPLICATIONS};
use crate::records::erased::{any_records, AnyRecord};
use crate::records::{Collection, EachCollection, Parent, Reference};
use crate::text::{is_blank, quote, IdMap};
use crate::validation::{Checker, FieldError};

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

/// One thing wrong with a file (`field` is its place, empty for the whole file).
pub type Problem = FieldError;

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
    pub fn one(path: &str, message: impl Into<String>) -> Self {
        Self { listed: vec![FieldError::new(path, message)], not_listed: 0 }
    }
}

impl From<Checker> for Problems {
    fn from(c: Checker) -> Self {
        Self { listed: c.errors, not_listed: c.not_listed }
    }
}

// ------------------------------------------------------------------ places

/// Where a rule is being checked; the path is written only for a problem.
#[derive(Clone, Copy)]
enum Place<'a> {
    Root,
    Deployment(usize),
    Record { deployment: usize, collection: &'a str, index: usize },
    DeploymentTombstone(usize),
    RecordTombstone { deployment: usize, index: usize },
}

impl Place<'_> {
    fn path(self, field: &str) -> String {
        let base = match self {
            Place::Root => return field.to_owned(),
            Place::Deployment(i) => format!("deployments[{i}]"),
            Place::Record { deployment, collection, index } => format!("deployments[{deployment}].{collection}[{index}]"),
            Place::DeploymentTombstone(i) => format!("deleted_deployments[{i}]"),
            Place::RecordTombstone { deployment, index } => format!("deployments[{deployment}].deleted[{index}]"),
        };
        if field.is_empty() {
            base
        } else {
            format!("{base}.{field}")
        }
    }
}

/// How far a time in a file may be after the file's own export time: the
/// clocks of the organisations that changed its records may differ a little.
pub const CLOCK_TOLERANCE_HOURS: i64 = 24;

/// The rules for the fields of one object in a file.
pub struct Rules<'a> {
    checker: &'a mut Checker,
    place: Place<'a>,
    /// The file's export time, when known: nothing in it can be later
    /// than [`Latest::limit`].
    exported_at: Option<Latest>,
}

/// A file's export time, and the latest time its content may hold.
#[derive(Clone, Copy)]
pub struct Latest {
    exported_at: DateTime<Utc>,
    limit: DateTime<Utc>,
}

impl Latest {
    fn new(exported_at: Option<DateTime<Utc>>) -> Option<Self> {
        exported_at.map(|exported_at| Latest { exported_at, limit: exported_at + TimeDelta::hours(CLOCK_TOLERANCE_HOURS) })
    }
}

impl Rules<'_> {
    pub fn fail(&mut self, field: &str, message: impl Into<String>) {
        let path = self.place.path(field);
        self.checker.fail(path, message);
    }

    /// A name: not blank, at most `max` characters.
    pub fn name(&mut self, field: &str, value: &str, max: usize) {
        if value.trim().is_empty() {
            self.fail(field, "must not be empty");
        } else if is_blank(value) {
            self.fail(field, "must not be blank: it holds only spaces and characters that show nothing");
        } else {
            self.text(field, value, max);
        }
    }

    /// Text of at most `max` characters.
    pub fn text(&mut self, field: &str, value: &str, max: usize) {
        // Bytes bound characters from above: count only when it could matter.
        if value.len() > max {
            let n = value.chars().count();
            if n > max {
                self.fail(field, format!("is {n} characters long: the most allowed is {max}"));
            }
        }
    }

    /// An id: not blank, at most [`ID_MAX_CHARS`].
    pub fn id(&mut self, field: &str, value: &str) -> bool {
        if is_blank(value) {
            self.fail(field, "must not be empty");
            return false;
        }
        if value.len() > ID_MAX_CHARS && value.chars().count() > ID_MAX_CHARS {
            self.fail(field, format!("is {} characters long: an id is at most {ID_MAX_CHARS}", value.chars().count()));
            return false;
        }
        true
    }

    /// A time a record was changed or deleted: not after the file was exported.
    pub fn time(&mut self, field: &str, value: DateTime<Utc>) {
        if let Some(Latest { exported_at, limit }) = self.exported_at {
            if value > limit {
                self.fail(
                    field,
                    format!(
                        "{} is later than the file was exported ({}): check the clock of the computer the change was made on, then ask for the file again",
                        crate::dates::long_time(value),
                        crate::dates::long_time(exported_at)
                    ),
                );
            }
        }
    }

    /// A day's count.
    pub fn count(&mut self, field: &str, value: u32) {
        if u64::from(value) > DAILY_COUNT_LIMIT {
            self.fail(field, format!("{value} is more than the {DAILY_COUNT_LIMIT} a day this app accepts"));
        }
    }
}

// ------------------------------------------------------------------ the pass

/// The snapshot's own fields, for [`check_snapshot`].
pub struct Envelope<'a> {
    /// `None` for the app's own state (see [`check_deployments`]).
    pub exported_at: Option<DateTime<Utc>>,
    pub app_version: &'a str,
    pub exported_by: &'a str,
    pub note: Option<&'a str>,
    pub deployments: &'a [Deployment],
    pub deleted_deployments: &'a [Tombstone],
}

/// Every rule problem in a snapshot that serde has read, with its place.
pub fn check_snapshot(env: &Envelope<'_>) -> Problems {
    let mut c = Checker::capped(MAX_PROBLEMS_LISTED);
    let exported_at = Latest::new(env.exported_at);
    let mut root = Rules { checker: &mut c, place: Place::Root, exported_at };
    root.name("app_version", env.app_version, APP_VERSION_MAX_CHARS);
    root.name("exported_by", env.exported_by, SHORT_TEXT_MAX_CHARS);
    if let Some(note) = env.note {
        root.text("note", note, LONG_TEXT_MAX_CHARS);
    }
    let mut first_at: IdMap<&str, usize> = IdMap::default();
    for (i, d) in env.deployments.iter().enumerate() {
        check_deployment(&mut c, i, d, exported_at);
        if let Some(first) = first_at.get(d.id.as_str()) {
            c.fail(format!("deployments[{i}].id"), format!("the deployment id {} is already used at deployments[{first}].id", quote(&d.id)));
        } else {
            first_at.insert(&d.id, i);
        }
    }
    for (i, t) in env.deleted_deployments.iter().enumerate() {
        let mut rules = Rules { checker: &mut c, place: Place::DeploymentTombstone(i), exported_at };
        rules.id("id", &t.id);
        rules.time("deleted_at", t.deleted_at);
    }
    c.into()
}

/// Checks deployments already in the app, by the same rules an imported file
/// meets: what passes here exports to a file that imports again.
pub fn check_deployments(deployments: &[Deployment], deleted_deployments: &[Tombstone]) -> Problems {
    check_snapshot(&Envelope { exported_at: None, app_version: "check", exported_by: "check", note: None, deployments, deleted_deployments })
}

/// `R`'s place in `Deployment::COLLECTIONS`.
fn list_number<R: Collection>() -> u8 {
    Deployment::COLLECTIONS.iter().position(|name| *name == R::COLLECTION).expect("every record type has a list") as u8
}

fn check_deployment(c: &mut Checker, i: usize, d: &Deployment, exported_at: Option<Latest>) {
    let mut rules = Rules { checker: c, place: Place::Deployment(i), exported_at };
    rules.id("id", &d.id);
    rules.time("created_at", d.created_at);
    rules.time("updated_at", d.updated_at);
    rules.name("name", &d.name, NAME_MAX_CHARS);
    match &d.application {
        ApplicationChoice::Preset { number } => {
            if !APPLICATIONS.iter().any(|app| app.number == *number) {
                rules.fail(
                    "application.number",
                    format!("must be a BaRS Application number from 1 to {}, not the number {number}", APPLICATIONS.len()),
                );
            }
        }
        ApplicationChoice::Other { description } => rules.name("application.description", description, DESCRIPTION_MAX_CHARS),
    }

    /// Each record's own rules and id, then (once every id is known)
    /// duplicate ids and references.
    struct Pass<'a> {
        c: &'a mut Checker,
        deployment: usize,
        d: &'a Deployment,
        exported_at: Option<Latest>,
        /// Every id, and where it first is. A record's parent list comes
        /// before it, so its parent's id is already here when it is checked.
        /// (The list is its place in `Deployment::COLLECTIONS`; kept small, as
        /// this map is the pass's main cost.)
        ids: IdMap<&'a str, (u8, u32)>,
        /// The ids of the records others belong to (providers, workflows),
        /// and their place in their list: a small map, looked up for every
        /// record that belongs to one.
        parents: IdMap<&'a str, (Parent, u32)>,
        /// References to records other than parents, checked once every id
        /// is known: (list, place in it, the reference).
        references: Vec<(&'static str, usize, Reference<'a>)>,
    }

    impl<'a> EachCollection for Pass<'a> {
        fn each<R: Collection>(&mut self) {
            let d: &'a Deployment = self.d;
            self.list(list_number::<R>(), R::COLLECTION, R::NOUN, &any_records(R::list(d)));
        }
    }

    impl<'a> Pass<'a> {
        /// One collection's records (the same code for every record type).
        fn list(&mut self, list: u8, collection: &'static str, noun: &'static str, records: &[&'a dyn AnyRecord]) {
            // (day, place in the list) of each parent's records that are one per day.
            let mut days: Vec<Vec<(chrono::NaiveDate, usize)>> = Vec::new();
            // (provider, key, place in the list) of records that are one per provider and key.
            let mut keyed: Vec<(&'a str, &'static str, usize)> = Vec::new();
            let as_parent = [Parent::Provider, Parent::Workflow].into_iter().find(|p| p.collection() == collection);
            for (index, &record) in records.iter().enumerate() {
                let place = Place::Record { deployment: self.deployment, collection, index };
                let mut rules = Rules { checker: &mut *self.c, place, exported_at: self.exported_at };
                let good_id = rules.id("id", record.id());
                rules.time("updated_at", record.updated_at());
                record.check(&mut rules);
                self.references.extend(record.refers_to().into_iter().map(|r| (collection, index, r)));
                if good_id {
                    match self.ids.entry(record.id()) {
                        std::collections::hash_map::Entry::Occupied(first) => {
                            let (collection, first) = *first.get();
                            let collection = Deployment::COLLECTIONS[usize::from(collection)];
                            let at = Place::Record { deployment: self.deployment, collection, index: first as usize }.path("id");
                            rules.fail("id", format!("the id {} is already used at {at}: every record needs its own id", quote(record.id())));
                        }
                        std::collections::hash_map::Entry::Vacant(slot) => {
                            slot.insert((list, index as u32));
                            if let Some(parent) = as_parent {
                                self.parents.insert(record.id(), (parent, index as u32));
                            }
                        }
                    }
                }
                if let Some((provider, key)) = record.one_per_provider() {
                    keyed.push((provider, key, index));
                }
                let Some((parent, parent_id)) = record.belongs_to() else { continue };
                let parent_at = match self.parents.get(parent_id) {
                    Some((found, at)) if *found == parent => *at as usize,
                    _ => {
                        let field = match parent {
                            Parent::Provider => "provider_id",
                            Parent::Workflow => "workflow_id",
                        };
                        rules.fail(field, format!("{} does not match the id of any {} in this deployment", quote(parent_id), parent.noun()));
                        continue;
                    }
                };
                let Some((_, date)) = record.one_per_provider_day() else { continue };
                if days.len() <= parent_at {
                    days.resize_with(parent_at + 1, Vec::new);
                }
                days[parent_at].push((date, index));
            }
            // A day given twice: found by sorting each parent's days (a few
            // short lists, kinder to the cache than one large map).
            let mut repeated: Vec<(usize, usize, chrono::NaiveDate)> = Vec::new();
            for list in &mut days {
                crate::order::sort_by_key(list, |entry| *entry);
                repeated.extend(list.windows(2).filter(|w| w[0].0 == w[1].0).map(|w| (w[1].1, w[0].1, w[1].0)));
            }
            crate::order::sort_by_key(&mut keyed, |entry| *entry);
            for w in keyed.windows(2).filter(|w| (w[0].0, w[0].1) == (w[1].0, w[1].1)) {
                let at = Place::Record { deployment: self.deployment, collection, index: w[0].2 }.path("");
                let place = Place::Record { deployment: self.deployment, collection, index: w[1].2 };
                // An empty key: the record is one per provider, whatever it is about.
                let about = if w[1].1.is_empty() { String::new() } else { format!(" for {}", quote(w[1].1)) };
                Rules { checker: &mut *self.c, place, exported_at: None }
                    .fail("", format!("this provider already has {}{about}, at {at}: give it once", noun));
            }
            crate::order::sort_by_key(&mut repeated, |entry| *entry);
            for (index, first, date) in repeated {
                let at = Place::Record { deployment: self.deployment, collection, index: first }.path("");
                let place = Place::Record { deployment: self.deployment, collection, index };
                Rules { checker: &mut *self.c, place, exported_at: None }.fail(
                    "date",
                    format!(
                        "this provider already has {} for {}, at {at}: a provider's day is one record, so give it once",
                        noun,
                        crate::dates::long_date(date)
                    ),
                );
            }
        }
    }
    let ids = IdMap::with_capacity_and_hasher(d.record_count(), Default::default());
    let mut pass = Pass { c, deployment: i, d, exported_at, ids, parents: IdMap::default(), references: Vec::new() };
    Deployment::each_collection(&mut pass);
    let c = pass.c;
    let deleted: IdMap<&str, ()> = if pass.references.is_empty() { IdMap::default() } else { d.deleted.iter().map(|t| (t.id.as_str(), ())).collect() };
    for (collection, index, r) in pass.references {
        let list = Deployment::COLLECTIONS.iter().position(|name| *name == r.collection);
        let found = pass.ids.get(r.id).is_some_and(|(at, _)| Some(usize::from(*at)) == list);
        if !found && !deleted.contains_key(r.id) {
            let field = match r.index {
                Some(k) => format!("{}[{k}]", r.field),
                None => r.field.to_owned(),
            };
            let noun = noun_of_collection(r.collection).unwrap_or("a record");
            let place = Place::Record { deployment: i, collection, index };
            Rules { checker: &mut *c, place, exported_at: None }
                .fail(&field, format!("{} does not match the id of {noun} in this deployment", quote(r.id)));
        }
    }
    for (index, t) in d.deleted.iter().enumerate() {
        let mut rules = Rules { checker: c, place: Place::RecordTombstone { deployment: i, index }, exported_at };
        rules.id("id", &t.id);
        rules.time("deleted_at", t.deleted_at);
    }
}

// ------------------------------------------------------------------ shape problems

/// A problem serde found while reading, in the same words as the rules:
/// its place (from `serde_path_to_error`) and serde_json's message, reworded.
pub fn shape_problem(path: &str, message: &str) -> Problem {
    let path = if path == "." { "" } else { path };
    let join = |field: &str| if path.is_empty() { field.to_owned() } else { format!("{path}.{field}") };
    // Keys in messages are cut short, as they are in paths (json_path).
    let short = |key: &str| crate::text::excerpt(key).into_owned();
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.trim_end_matches('`');
        return FieldError::new(join(field), "is missing");
    }
    if let Some(rest) = message.strip_prefix("duplicate field `") {
        let field = &short(rest.strip_suffix('`').unwrap_or(rest));
        let (at, parent) = match path.strip_suffix(field) {
            Some(parent) => (path.to_owned(), parent.trim_end_matches('.')),
            None => (join(field), path),
        };
        return FieldError::new(
            at,
            format!("is given more than once in {}: each field may be given only once, so the file is ambiguous", noun_at(parent)),
        );
    }
    if let Some(rest) = message.strip_prefix("unknown field `") {
        // serde_path_to_error's path already ends with the unknown key.
        let (key, expected) = rest.rsplit_once("`, expected").or_else(|| rest.rsplit_once("`, there are no fields")).unwrap_or((rest, ""));
        let key = &short(key);
        let parent = path.strip_suffix(key.as_str()).map(|p| p.trim_end_matches('.')).unwrap_or(path);
        let fields: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let unknown = if path.ends_with(key.as_str()) { path.to_owned() } else { join(key) };
        return FieldError::new(
            unknown,
            format!("is not a field of {}: check its spelling (the fields are {})", noun_at(parent), fields.join(", ")),
        );
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        // Only the Application's `kind` tag is a derived enum; keyed enums word their own.
        let (value, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let allowed: Vec<String> = expected.split('`').skip(1).step_by(2).map(quote).collect();
        let at = if path.ends_with("kind") { path.to_owned() } else { join("kind") };
        return FieldError::new(at, format!("{} is not allowed: use one of {}", quote(value), allowed.join(", ")));
    }
    if let Some(rest) = message.strip_prefix("invalid type: ").or_else(|| message.strip_prefix("invalid value: ")) {
        if let Some((found, expected)) = rest.rsplit_once(", expected ") {
            if found == "null" {
                return FieldError::new(path, "is missing");
            }
            let wanted = match expected {
                "a string" => "text".to_owned(),
                "a boolean" => "true or false".to_owned(),
                "a sequence" => "a list".to_owned(),
                "u8" | "u16" | "u32" | "u64" | "a whole number" => "a whole number".to_owned(),
                other if other.starts_with("struct ") || other.contains("enum ") => format!("an object describing {}", noun_at(path)),
                other => other.to_owned(),
            };
            return FieldError::new(path, format!("must be {wanted}, not {}", found_words(found)));
        }
    }
    FieldError::new(path, message)
}

/// serde's "integer `7`", "string \"x\"", … as "the number 7", "the text “x”".
fn found_words(found: &str) -> String {
    let inner = |s: &str| s.split('`').nth(1).unwrap_or(s).to_owned();
    if let Some(rest) = found.strip_prefix("string ") {
        let text = rest.strip_prefix('"').and_then(|r| r.strip_suffix('"')).unwrap_or(rest);
        let text = text.replace("\\\"", "\"").replace("\\\\", "\\");
        format!("the text {}", quote(&text))
    } else if found.starts_with("integer") || found.starts_with("floating point") {
        format!("the number {}", inner(found))
    } else if found.starts_with("boolean") {
        inner(found)
    } else if found == "sequence" {
        "a list".to_owned()
    } else if found == "map" {
        "an object".to_owned()
    } else {
        found.to_owned()
    }
}

/// What the object at `path` is, in words: "a deployment", "a day's counts".
fn noun_at(path: &str) -> &'static str {
    let last = path.rsplit('.').next().unwrap_or("");
    let name = last.split('[').next().unwrap_or("");
    match name {
        "" => "a snapshot",
        "deployments" => "a deployment",
        "deleted" | "deleted_deployments" => "a deleted record",
        "application" => "the BaRS Application",
        other => noun_of_collection(other).unwrap_or("this object"),
    }
}
