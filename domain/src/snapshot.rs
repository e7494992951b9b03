//! Snapshots: the JSON file one organisation exports and e-mails to another.
//!
//! A snapshot is an envelope (format name, format version, app version, when
//! and by whom it was exported, an optional note) around deployments and the
//! memory of deleted deployments. Importing one reads it with serde straight
//! into the app's types and then checks its rules (`validate`); a file of an
//! older format version is first brought up to date by `migrations`. Any failure is an [`ImportError`] that says exactly what is wrong
//! and where. Nothing here touches the app state: the caller decides what to
//! do with a good snapshot (see `merge`).
//!
//! Format versions are those of `migrations::FORMAT_VERSION`, shared with the
//! browser's stored state. Every change to what a file may hold bumps it; a
//! file of a newer version than the app is refused rather than half read.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::deployment::{Deployment, Tombstone};
use crate::migrations::{self, read_typed, ReadError};
pub use crate::migrations::FORMAT_VERSION;
use crate::validate::{self, Problems};

/// The `format` every snapshot names itself with.
pub const FORMAT_NAME: &str = "bars-beta-tracker-snapshot";
/// Files larger than this are refused before they are parsed: a real
/// snapshot of several years of daily counts is well under 1 MB, and parsing
/// hundreds of megabytes would freeze the browser tab.
pub const MAX_SNAPSHOT_BYTES: usize = 20 * 1024 * 1024;

/// Who exported a snapshot, when, and with which app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportMeta {
    pub app_version: String,
    pub exported_at: DateTime<Utc>,
    /// The exporting organisation, e.g. "Leeds Teaching Hospitals NHS Trust".
    pub exported_by: String,
    /// A message for whoever imports it, e.g. "Counts to 28 February".
    pub note: Option<String>,
}

/// A snapshot that has been read, migrated and validated.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    /// The format version the file was written in (its content has been
    /// migrated to the current version).
    pub format_version: u32,
    pub meta: ExportMeta,
    pub deployments: Vec<Deployment>,
    pub deleted_deployments: Vec<Tombstone>,
}


// ------------------------------------------------------------------ export

/// The snapshot file for `deployments`, as pretty-printed JSON (people do
/// open these files, and a diff of two pretty files is readable).
pub fn export(deployments: &[Deployment], deleted_deployments: &[Tombstone], meta: &ExportMeta) -> String {
    // Fields in the order a reader wants them: what the file is, then who
    // sent it, then the content.
    #[derive(Serialize)]
    struct Envelope<'a> {
        format: &'static str,
        format_version: u32,
        app_version: &'a str,
        exported_at: DateTime<Utc>,
        exported_by: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        note: Option<&'a str>,
        deployments: &'a [Deployment],
        deleted_deployments: &'a [Tombstone],
    }
    let envelope = Envelope {
        format: FORMAT_NAME,
        format_version: FORMAT_VERSION,
        app_version: &meta.app_version,
        exported_at: meta.exported_at,
        exported_by: &meta.exported_by,
        note: meta.note.as_deref(),
        deployments,
        deleted_deployments,
    };
    crate::json_text::pretty(&envelope)
}


/// A file name for the export: "bars-beta-snapshot-leeds-teaching-hospitals-2026-03-01.json".
/// Only ASCII letters, digits and dashes, so that every mail client and file
/// system keeps it as it is.
pub fn file_name(meta: &ExportMeta) -> String {
    let mut slug = String::new();
    for ch in meta.exported_by.chars() {
        if ch.is_ascii_alphanumeric() {
            slug.push(ch.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug: String = slug.trim_end_matches('-').chars().take(40).collect();
    let slug = slug.trim_end_matches('-');
    let date = crate::dates::iso_date(meta.exported_at.date_naive());
    if slug.is_empty() {
        format!("bars-beta-snapshot-{date}.json")
    } else {
        format!("bars-beta-snapshot-{slug}-{date}.json")
    }
}

// ------------------------------------------------------------------ import

/// Why a file could not be imported. Its `Display` is written for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// Nothing in the file (or only white space).
    Empty,
    /// Over [`MAX_SNAPSHOT_BYTES`]; not parsed at all.
    TooLarge { bytes: usize },
    /// Not text at all (a spreadsheet, a PDF, a zip…).
    NotText,
    /// Text, but in an encoding other than UTF-8: what it seems to be.
    NotUtf8 { looks_like: String },
    /// Not JSON: where the parser stopped, and why.
    NotJson { line: usize, column: usize, message: String, cut_off: bool },
    /// JSON, but not one of our snapshots.
    NotASnapshot { reason: String },
    /// A snapshot of a format version newer than this app reads.
    NewerFormat { found: u64 },
    /// A snapshot whose content breaks the rules, with every problem's place.
    Invalid(Problems),
}

/// A file's size in words, never rounded down to the limit itself.
fn size_over_limit(bytes: usize) -> String {
    let mb = bytes as f64 / (1024.0 * 1024.0);
    let limit = MAX_SNAPSHOT_BYTES as f64 / (1024.0 * 1024.0);
    if mb < limit + 0.05 {
        format!("just over {} MB", MAX_SNAPSHOT_BYTES / (1024 * 1024))
    } else {
        format!("{} MB", crate::text::one_decimal(mb))
    }
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Empty => write!(f, "The file is empty. Choose the snapshot file (ending .json) exported from the tracker."),
            Self::TooLarge { bytes } => write!(
                f,
                "The file is {}, which is too large to be a snapshot (the limit is {} MB). Check that you chose the right file.",
                size_over_limit(*bytes),
                MAX_SNAPSHOT_BYTES / (1024 * 1024)
            ),
            Self::NotText => write!(
                f,
                "The file is not text, so it is not a snapshot. It may be a spreadsheet, a PDF or a zip file: choose the .json file exported from the tracker."
            ),
            Self::NotUtf8 { looks_like } => write!(
                f,
                "The file is text, but not in UTF-8: {looks_like}. Open it in a text editor, save it with the encoding UTF-8, then import it again."
            ),
            Self::NotJson { line, column, message, cut_off: true } => write!(
                f,
                "The file is not valid JSON: it ends too early ({message}, at line {line}, column {column}). It may have been cut off when it was saved or sent: ask for it again."
            ),
            Self::NotJson { line, column, message, cut_off: false } => write!(
                f,
                "The file is not valid JSON: {message}, at line {line}, column {column}. It may have been changed by hand: ask for it again."
            ),
            Self::NotASnapshot { reason } => write!(f, "The file is not a BaRS beta tracker snapshot: {reason}."),
            Self::NewerFormat { found } => write!(
                f,
                "The file was exported by a newer version of the tracker (snapshot format {found}; this version reads up to format {FORMAT_VERSION}). Update the tracker (reload the page, or ask whoever hosts it for the latest version), then import the file again."
            ),
            Self::Invalid(problems) => {
                let n = problems.total();
                let noun = if n == 1 { "problem" } else { "problems" };
                write!(f, "The file is not a valid snapshot: {n} {noun} found. Nothing has been changed.")?;
                for p in &problems.listed {
                    write!(f, "\n- {p}")?;
                }
                if problems.not_listed > 0 {
                    write!(f, "\n- and {} more", problems.not_listed)?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for ImportError {}

impl ImportError {
    fn invalid(path: &str, message: impl Into<String>) -> Self {
        Self::Invalid(Problems::one(path, message))
    }
}

/// Reads a file's bytes as they came from the file picker.
pub fn import_bytes(bytes: &[u8]) -> Result<Snapshot, ImportError> {
    if bytes.len() > MAX_SNAPSHOT_BYTES {
        return Err(ImportError::TooLarge { bytes: bytes.len() });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => import(text),
        Err(e) => import(&decode(bytes, e.valid_up_to())?),
    }
}

/// Text that is not UTF-8: UTF-16 with a byte-order mark is read; anything
/// else is named as well as it can be, so the user can save it as UTF-8.
fn decode(bytes: &[u8], valid_up_to: usize) -> Result<String, ImportError> {
    let utf16 = |big_endian: bool, body: &[u8]| -> Option<String> {
        if !body.len().is_multiple_of(2) {
            return None;
        }
        let units = body.chunks_exact(2).map(|b| if big_endian { u16::from_be_bytes([b[0], b[1]]) } else { u16::from_le_bytes([b[0], b[1]]) });
        char::decode_utf16(units).collect::<Result<String, _>>().ok()
    };
    let not_utf8 = |looks_like: &str| ImportError::NotUtf8 { looks_like: looks_like.to_owned() };
    match bytes {
        [0xFF, 0xFE, body @ ..] => return utf16(false, body).ok_or_else(|| not_utf8("it starts like UTF-16, but is not valid UTF-16")),
        [0xFE, 0xFF, body @ ..] => return utf16(true, body).ok_or_else(|| not_utf8("it starts like UTF-16, but is not valid UTF-16")),
        _ => {}
    }
    // UTF-16 without a byte-order mark: every other byte of plain text is 0.
    let head = &bytes[..bytes.len().min(512)];
    let zeros_at = |odd: bool| head.iter().skip(usize::from(odd)).step_by(2).filter(|b| **b == 0).count();
    let half = head.len() / 2;
    if half >= 4 && (zeros_at(true) * 10 >= half * 8 || zeros_at(false) * 10 >= half * 8) {
        return Err(not_utf8("it looks like UTF-16 without a byte-order mark"));
    }
    // Text has almost no control characters other than line breaks and tabs.
    let controls = bytes.iter().filter(|b| **b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t')).count();
    if controls * 100 > bytes.len() || bytes.contains(&0) {
        return Err(ImportError::NotText);
    }
    Err(not_utf8(&format!(
        "byte {} (0x{:02X}) is not UTF-8, so it was probably saved as Latin-1 or Windows-1252",
        valid_up_to + 1,
        bytes[valid_up_to]
    )))
}

/// A snapshot file of the current format, as serde reads it: every field
/// known, every value of its type (the rules are checked after).
#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SnapshotFile {
    #[serde(deserialize_with = "format_name")]
    pub format: String,
    #[serde(deserialize_with = "crate::migrations::current_version")]
    pub format_version: u32,
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::APP_VERSION_MAX_CHARS), regex(pattern = r"\S")))]
    pub app_version: String,
    #[serde(deserialize_with = "crate::de::time")]
    pub exported_at: DateTime<Utc>,
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::SHORT_TEXT_MAX_CHARS), regex(pattern = r"\S")))]
    pub exported_by: String,
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::LONG_TEXT_MAX_CHARS)))]
    #[serde(default)]
    pub note: Option<String>,
    #[serde(deserialize_with = "crate::de::objects")]
    pub deployments: Vec<Deployment>,
    #[serde(deserialize_with = "crate::de::objects")]
    pub deleted_deployments: Vec<Tombstone>,
}

fn format_name<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let s = String::deserialize(d)?;
    if s == FORMAT_NAME {
        Ok(s)
    } else {
        Err(serde::de::Error::custom("is not this format"))
    }
}

/// Reads a snapshot: straight into the types when it is of the current
/// format (the common case, and the fast one), then checks its rules. Only
/// a file that fails, or is older, is looked at as generic JSON: to say
/// what it is, and to migrate it.
pub fn import(text: &str) -> Result<Snapshot, ImportError> {
    // Size first, before any work proportional to it.
    if text.len() > MAX_SNAPSHOT_BYTES {
        return Err(ImportError::TooLarge { bytes: text.len() });
    }
    // Editors on Windows may save a byte-order mark; it is not content.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    if text.contains('\0') {
        return Err(ImportError::NotText);
    }
    match read_typed::<SnapshotFile>(text) {
        Ok(file) => checked(file, FORMAT_VERSION),
        Err(first) => diagnose(text, first),
    }
}

/// Why the typed reading failed, or the older file read after migrating it.
fn diagnose(text: &str, first: ReadError) -> Result<Snapshot, ImportError> {
    let mut value: Value = crate::json_path::strict_value(text).map_err(|e| {
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        let full = e.to_string();
        let message = full.strip_suffix(&suffix).unwrap_or(&full).to_owned();
        if e.is_data() {
            // A repeated key: the one thing generic JSON allows and a snapshot does not.
            let problem = validate::shape_problem(&crate::json_path::path_at(text, e.line(), e.column()), &message);
            return ImportError::Invalid(Problems { listed: vec![problem], not_listed: 0 });
        }
        ImportError::NotJson { line: e.line(), column: e.column(), message, cut_off: e.is_eof() }
    })?;
    let version = recognise(&value)?;
    if version == FORMAT_VERSION {
        return Err(ImportError::Invalid(Problems::one(&first.path, first.message)));
    }
    let root = value.as_object_mut().expect("recognise checked it is an object");
    migrations::migrate(root, version);
    root.insert("format_version".into(), FORMAT_VERSION.into());
    let migrated = crate::json_text::compact(&value);
    match read_typed::<SnapshotFile>(&migrated) {
        Ok(file) => checked(file, version),
        Err(e) => Err(ImportError::Invalid(Problems::one(&e.path, e.message))),
    }
}

impl SnapshotFile {
    /// Every rule problem in it (see `validate`).
    pub fn problems(&self) -> Problems {
        validate::check_snapshot(&validate::Envelope {
            exported_at: Some(self.exported_at),
            app_version: &self.app_version,
            exported_by: &self.exported_by,
            note: self.note.as_deref(),
            deployments: &self.deployments,
            deleted_deployments: &self.deleted_deployments,
        })
    }
}

/// The rules, then the snapshot.
fn checked(file: SnapshotFile, format_version: u32) -> Result<Snapshot, ImportError> {
    let problems = file.problems();
    if !problems.is_empty() {
        return Err(ImportError::Invalid(problems));
    }
    Ok(Snapshot {
        format_version,
        meta: ExportMeta { app_version: file.app_version, exported_at: file.exported_at, exported_by: file.exported_by, note: file.note },
        deployments: file.deployments,
        deleted_deployments: file.deleted_deployments,
    })
}

/// "null", "the number 3", "the text “x”", "a list", … for one JSON value.
fn found(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("{b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the text {}", crate::text::quote(s)),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

/// Checks that `value` is one of our snapshots, of a version we read, and returns that version.
fn recognise(value: &Value) -> Result<u32, ImportError> {
    let Value::Object(root) = value else {
        return Err(ImportError::NotASnapshot {
            reason: format!("it holds {} where a snapshot holds an object that starts with \"format\": \"{FORMAT_NAME}\"", found(value)),
        });
    };
    match root.get("format") {
        Some(Value::String(s)) if s == FORMAT_NAME => {}
        Some(Value::String(s)) => {
            return Err(ImportError::NotASnapshot {
                reason: format!("its format is {}, not \u{201c}{FORMAT_NAME}\u{201d}", crate::text::quote(s)),
            })
        }
        Some(other) => {
            return Err(ImportError::NotASnapshot {
                reason: format!("its \"format\" field is {}, not \u{201c}{FORMAT_NAME}\u{201d}", found(other)),
            })
        }
        None if root.contains_key("schema_version") => {
            return Err(ImportError::NotASnapshot {
                reason: "it looks like the tracker's own saved browser data. Export a snapshot from the tracker and import that instead".into(),
            })
        }
        None => {
            return Err(ImportError::NotASnapshot {
                reason: format!("it has no \"format\" field (a snapshot has \"format\": \"{FORMAT_NAME}\")"),
            })
        }
    }
    let Some(v) = root.get("format_version").filter(|v| !v.is_null()) else {
        return Err(ImportError::invalid("format_version", "is missing: a snapshot says which format version it is written in"));
    };
    let whole = v.as_u64().or_else(|| v.as_f64().filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f < 1e15).map(|f| f as u64));
    match whole {
        Some(0) => Err(ImportError::invalid("format_version", "0 was never written: format versions start at 1")),
        Some(n) if n > u64::from(FORMAT_VERSION) => Err(ImportError::NewerFormat { found: n }),
        Some(n) => Ok(n as u32),
        None => Err(ImportError::invalid("format_version", format!("must be a whole number, not {}", found(v)))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deployment::DeploymentFields;
    use crate::presets::ApplicationChoice;
    use crate::records::{DailyVolume, Provider, ProviderRole};
    use crate::risk::ServiceRiskLevel;
    use serde_json::json;

    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(secs, 0).unwrap()
    }

    fn meta() -> ExportMeta {
        ExportMeta {
            app_version: "0.1.0".into(),
            exported_at: at(1_772_000_000),
            exported_by: "Leeds Teaching Hospitals NHS Trust".into(),
            note: Some("Counts to the end of February".into()),
        }
    }

    fn deployment(name: &str) -> Deployment {
        let fields = DeploymentFields { name: name.into(), application: ApplicationChoice::Preset { number: 4 }, risk_level: ServiceRiskLevel::Medium };
        let mut d = Deployment::new("d1".into(), fields, at(100));
        let mut n = 0;
        d.add_provider(
            Provider { id: "p1".into(), updated_at: at(200), name: "Leeds".into(), ods_code: "RR8".into(), role: ProviderRole::Both, supplier: "Acme".into(), go_live: None },
            || {
                n += 1;
                format!("w{n}")
            },
        );
        d.volumetrics.push(DailyVolume {
            id: "v1".into(),
            updated_at: at(300),
            provider_id: "p1".into(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 2, 2).unwrap(),
            referrals: 5,
            responses: 4,
        });
        d.remove("w2", at(400));
        d
    }

    fn problems(err: ImportError) -> Vec<crate::validate::Problem> {
        match err {
            ImportError::Invalid(p) => p.listed,
            other => panic!("expected problems, got {other:?}"),
        }
    }

    #[test]
    fn an_export_imports_to_the_same_deployments() {
        let deployments = vec![deployment("Falls lifting")];
        let deleted = vec![Tombstone { id: "gone".into(), deleted_at: at(50) }];
        let text = export(&deployments, &deleted, &meta());
        let snapshot = import(&text).unwrap();
        assert_eq!(snapshot.format_version, FORMAT_VERSION);
        assert_eq!(snapshot.meta, meta());
        assert_eq!(snapshot.deployments, deployments);
        assert_eq!(snapshot.deleted_deployments, deleted);
    }

    #[test]
    fn the_envelope_comes_first_and_is_pretty() {
        let text = export(&[], &[], &ExportMeta { note: None, ..meta() });
        let start = format!("{{\n  \"format\": \"bars-beta-tracker-snapshot\",\n  \"format_version\": {FORMAT_VERSION},");
        assert!(text.starts_with(&start), "{text}");
        assert!(!text.contains("\"note\""), "an absent note is left out");
        assert_eq!(import(&text).unwrap().meta.note, None);
    }

    #[test]
    fn markup_in_names_is_kept_as_text_verbatim() {
        let name = "<script>alert(\"x\")</script> & <b>bold</b>";
        let mut d = deployment(name);
        d.providers[0].name = "<img src=x onerror=alert(1)>".into();
        let text = export(&[d.clone()], &[], &meta());
        let back = import(&text).unwrap();
        assert_eq!(back.deployments[0].name, name);
        assert_eq!(back.deployments[0].providers[0].name, "<img src=x onerror=alert(1)>");
        assert_eq!(back.deployments[0], d);
    }

    #[test]
    fn a_format_1_file_is_migrated() {
        let text = json!({
            "format": FORMAT_NAME, "format_version": 1, "app_version": "0.0.1",
            "exported_at": "2026-01-05T10:00:00Z", "exported_by": "NHS England BaRS team",
            "deployments": [{"id": "a", "name": "Falls", "application": {"kind": "preset", "number": 4},
                "risk_level": "high", "created_at": "2026-01-01T09:00:00Z", "updated_at": "2026-01-02T09:00:00Z"}]
        })
        .to_string();
        let s = import(&text).unwrap();
        assert_eq!(s.format_version, 1);
        assert!(s.deleted_deployments.is_empty());
        assert!(s.deployments[0].has_responses, "Application 4 has responses");
        assert!(s.deployments[0].providers.is_empty());
    }

    #[test]
    fn empty_and_blank_files_are_empty() {
        assert_eq!(import(""), Err(ImportError::Empty));
        assert_eq!(import(" \n\t "), Err(ImportError::Empty));
        assert_eq!(import("\u{feff}"), Err(ImportError::Empty));
        assert!(ImportError::Empty.to_string().contains("The file is empty"));
    }

    #[test]
    fn a_byte_order_mark_is_ignored() {
        let text = format!("\u{feff}{}", export(&[], &[], &meta()));
        assert!(import(&text).is_ok());
    }

    #[test]
    fn broken_json_says_where() {
        let text = export(&[deployment("x")], &[], &meta());
        let cut = &text[..text.len() / 2];
        match import(cut).unwrap_err() {
            ImportError::NotJson { line, cut_off, .. } => {
                assert!(line > 1);
                assert!(cut_off);
            }
            other => panic!("{other:?}"),
        }
        let err = import("{\"format\": tru}").unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("line 1, column"), "{msg}");
        assert!(!msg.contains("ends too early"), "{msg}");
    }

    #[test]
    fn other_json_is_not_a_snapshot() {
        let cases = [
            ("[1, 2]", "it holds a list"),
            ("{}", "no \"format\" field"),
            ("{\"format\": \"something-else\"}", "its format is \u{201c}something-else\u{201d}"),
            ("{\"format\": 3}", "its \"format\" field is the number 3"),
            ("{\"schema_version\": 2, \"deployments\": []}", "saved browser data"),
        ];
        for (text, expected) in cases {
            let err = import(text).unwrap_err();
            assert!(matches!(err, ImportError::NotASnapshot { .. }), "{text}: {err:?}");
            assert!(err.to_string().contains(expected), "{text}: {err}");
        }
    }

    #[test]
    fn newer_formats_are_refused_with_advice() {
        let mut v: Value = serde_json::from_str(&export(&[], &[], &meta())).unwrap();
        v["format_version"] = json!(FORMAT_VERSION + 1);
        v["something_new"] = json!({"we": "cannot read"});
        let err = import(&v.to_string()).unwrap_err();
        assert_eq!(err, ImportError::NewerFormat { found: u64::from(FORMAT_VERSION + 1) });
        let msg = err.to_string();
        assert!(msg.contains("newer version") && msg.contains("Update the tracker"), "{msg}");
    }

    #[test]
    fn format_version_must_be_a_known_whole_number() {
        for (version, expected) in [(json!(null), "is missing"), (json!("2"), "must be a whole number"), (json!(0), "never written"), (json!(1.5), "whole number")] {
            let mut v: Value = serde_json::from_str(&export(&[], &[], &meta())).unwrap();
            v["format_version"] = version;
            let p = problems(import(&v.to_string()).unwrap_err());
            assert_eq!(p[0].field, "format_version");
            assert!(p[0].message.contains(expected), "{}", p[0].message);
        }
    }

    #[test]
    fn oversized_input_is_refused_before_parsing() {
        let big = " ".repeat(MAX_SNAPSHOT_BYTES + 1);
        assert_eq!(import(&big), Err(ImportError::TooLarge { bytes: MAX_SNAPSHOT_BYTES + 1 }));
        assert_eq!(
            import_bytes(big.as_bytes()).unwrap_err().to_string(),
            "The file is just over 20 MB, which is too large to be a snapshot (the limit is 20 MB). Check that you chose the right file."
        );
        assert!(ImportError::TooLarge { bytes: 31_500_000 }.to_string().starts_with("The file is 30.0 MB,"));
    }

    #[test]
    fn binary_is_not_text() {
        assert_eq!(import_bytes(&[0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe]), Err(ImportError::NotText));
    }

    #[test]
    fn every_rule_problem_is_reported_at_once_with_its_path() {
        let mut v: Value = serde_json::from_str(&export(&[deployment("x")], &[], &meta())).unwrap();
        let d = &mut v["deployments"][0];
        d["name"] = json!("  ");
        d["volumetrics"][0]["referrals"] = json!(5_000_000);
        d["volumetrics"][0]["responses"] = json!(5_000_001);
        d["workflows"][0]["provider_id"] = json!("nobody");
        d["workflows"][0]["id"] = json!("p1");
        d["providers"][0]["supplier"] = json!("s".repeat(201));
        let p = problems(import(&v.to_string()).unwrap_err());
        let find = |path: &str| p.iter().find(|x| x.field == path).unwrap_or_else(|| panic!("no problem at {path}: {p:?}")).message.clone();
        assert_eq!(find("deployments[0].name"), "must not be empty");
        assert_eq!(find("deployments[0].volumetrics[0].referrals"), "5000000 is more than the 1000000 a day this app accepts");
        assert_eq!(find("deployments[0].volumetrics[0].responses"), "5000001 is more than the 1000000 a day this app accepts");
        assert!(find("deployments[0].workflows[0].provider_id").contains("does not match the id of any provider"));
        assert!(find("deployments[0].workflows[0].id").contains("already used at deployments[0].providers[0].id"));
        assert_eq!(find("deployments[0].providers[0].supplier"), "is 201 characters long: the most allowed is 200");
    }

    #[test]
    fn a_shape_problem_is_reported_alone_with_its_path() {
        let mut v: Value = serde_json::from_str(&export(&[deployment("x")], &[], &meta())).unwrap();
        v["deployments"][0]["name"] = json!("  ");
        v["deployments"][0]["providers"][0]["role"] = json!(7);
        let p = problems(import(&v.to_string()).unwrap_err());
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!((p[0].field.as_str(), p[0].message.as_str()), ("deployments[0].providers[0].role", "must be text, not the number 7"));
        v["deployments"][0]["providers"][0]["role"] = json!("admin");
        let p = problems(import(&v.to_string()).unwrap_err());
        assert_eq!(p[0].message, "\u{201c}admin\u{201d} is not allowed: use one of \u{201c}sender\u{201d}, \u{201c}receiver\u{201d}, \u{201c}both\u{201d}");
        v["deployments"][0]["providers"][0]["role"] = json!("both");
        v["deployments"][0]["volumetrics"][0]["date"] = json!("2026-02-30");
        let p = problems(import(&v.to_string()).unwrap_err());
        assert_eq!(p[0].field, "deployments[0].volumetrics[0].date");
        assert!(p[0].message.contains("February 2026 has 28 days"));
    }

    #[test]
    fn a_repeated_key_is_refused_naming_the_key_and_its_place() {
        let text = export(&[deployment("x")], &[], &meta());
        let twice = text.replacen("\"risk_level\": \"medium\",", "\"risk_level\": \"medium\",\n      \"risk_level\": \"high\",", 1);
        assert_ne!(twice, text);
        let p = problems(import(&twice).unwrap_err());
        assert_eq!(p[0].field, "deployments[0].risk_level");
        assert!(p[0].message.starts_with("is given more than once in a deployment"), "{}", p[0].message);
        let lists = text.replacen("\"deleted_deployments\"", "\"deployments\": [],\n  \"deleted_deployments\"", 1);
        let p = problems(import(&lists).unwrap_err());
        assert_eq!(p[0].field, "deployments");
        // An older file too (read as generic JSON before it is migrated).
        let v1 = r#"{"format": "bars-beta-tracker-snapshot", "format_version": 1, "app_version": "0.0.1",
            "exported_at": "2026-01-05T10:00:00Z", "exported_by": "NHS England", "exported_by": "Leeds",
            "deployments": []}"#;
        let p = problems(import(v1).unwrap_err());
        assert_eq!(p[0].field, "exported_by");
    }

    #[test]
    fn whole_numbers_may_be_written_with_a_zero_fraction_as_the_schema_allows() {
        let text = export(&[deployment("x")], &[], &meta());
        let written = text
            .replacen("\"referrals\": 5,", "\"referrals\": 5.0,", 1)
            .replacen("\"responses\": 4", "\"responses\": -0", 1)
            .replacen(&format!("\"format_version\": {FORMAT_VERSION},"), &format!("\"format_version\": {FORMAT_VERSION}.0,"), 1)
            .replacen("\"number\": 4", "\"number\": 4.0", 1);
        assert_eq!(written.matches(".0,").count() + written.matches(": -0").count() + written.matches("\"number\": 4.0").count(), 4, "{written}");
        let s = import(&written).unwrap();
        let v = &s.deployments[0].volumetrics[0];
        assert_eq!((v.referrals, v.responses), (5, 0));
        assert_eq!(s.deployments[0].application, ApplicationChoice::Preset { number: 4 });
        let half = text.replacen("\"referrals\": 5,", "\"referrals\": 2.5,", 1);
        assert_eq!(problems(import(&half).unwrap_err())[0].message, "must be a whole number (it is 2.5)");
        let negative = text.replacen("\"referrals\": 5,", "\"referrals\": -4.0,", 1);
        assert_eq!(problems(import(&negative).unwrap_err())[0].message, "must not be negative (it is -4)");
    }

    #[test]
    fn messages_quote_only_a_short_excerpt_of_a_hostile_value_or_key() {
        let text = export(&[deployment("x")], &[], &meta());
        let huge = "\u{1f600}".repeat(200_000);
        for hostile in [
            text.replacen("\"risk_level\": \"medium\"", &format!("\"risk_level\": \"{huge}\""), 1),
            text.replacen("\"referrals\": 5,", &format!("\"referrals\": 5, \"{huge}\": 1,"), 1),
            text.replacen("\"referrals\": 5,", &format!("\"referrals\": 5, \"referrals\": 6, \"{huge}\": 1,"), 1),
            text.replacen("\"referrals\": 5,", &format!("\"referrals\": \"{huge}\","), 1),
            text.replacen("\"date\": \"2026-02-02\"", &format!("\"date\": \"{huge}\""), 1),
            text.replacen("\"format\": \"bars-beta-tracker-snapshot\"", &format!("\"format\": \"{huge}\""), 1),
            text.replacen("\"provider_id\": \"p1\"", &format!("\"provider_id\": \"{huge}\""), 1),
        ] {
            assert!(hostile.len() > 800_000);
            let message = import(&hostile).unwrap_err().to_string();
            assert!(message.chars().count() < 400, "{} characters: {}", message.chars().count(), &message[..400]);
        }
    }

    #[test]
    fn nothing_in_a_file_can_be_later_than_its_export_beyond_a_days_clock_difference() {
        // meta() is exported at 1_772_000_000; the deployment's times are far earlier.
        let mut d = deployment("x");
        d.deleted.push(Tombstone { id: "far".into(), deleted_at: "9999-12-31T00:00:00Z".parse().unwrap() });
        d.providers[0].updated_at = at(1_772_000_000 + 86_400 + 1);
        d.volumetrics[0].updated_at = at(1_772_000_000 + 86_400);
        let deleted = vec![Tombstone { id: "gone".into(), deleted_at: at(1_772_000_000 + 90_000) }];
        let p = problems(import(&export(&[d], &deleted, &meta())).unwrap_err());
        let places: Vec<&str> = p.iter().map(|x| x.field.as_str()).collect();
        assert_eq!(places, ["deployments[0].providers[0].updated_at", "deployments[0].deleted[1].deleted_at", "deleted_deployments[0].deleted_at"]);
        assert!(p[1].message.starts_with("31 December 9999 at 00:00:00 UTC is later than the file was exported (25 February 2026 at 06:13:20 UTC)"), "{}", p[1].message);
    }

    #[test]
    fn two_counts_for_one_provider_and_day_are_refused() {
        let mut d = deployment("x");
        let mut again = d.volumetrics[0].clone();
        again.id = "v-again".into();
        again.referrals = 5;
        d.volumetrics.push(again);
        let p = problems(import(&export(&[d], &[], &meta())).unwrap_err());
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].field, "deployments[0].volumetrics[1].date");
        assert_eq!(p[0].message, "this provider already has a day's counts for 2 February 2026, at deployments[0].volumetrics[0]: a provider's day is one record, so give it once");
    }

    #[test]
    fn an_unreadable_id_is_reported_once_not_at_every_reference() {
        let mut v: Value = serde_json::from_str(&export(&[deployment("x")], &[], &meta())).unwrap();
        v["deployments"][0]["providers"][0]["id"] = json!(7);
        let p = problems(import(&v.to_string()).unwrap_err());
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].field, "deployments[0].providers[0].id");
    }

    #[test]
    fn the_problem_list_is_capped_and_counts_the_rest() {
        let mut v: Value = serde_json::from_str(&export(&[deployment("x")], &[], &meta())).unwrap();
        let row = v["deployments"][0]["volumetrics"][0].clone();
        let rows: Vec<Value> = (0..80)
            .map(|i| {
                let mut r = row.clone();
                r["id"] = json!(format!("v{i}"));
                r["date"] = json!((chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Days::new(i)).to_string());
                r["referrals"] = json!(1);
                r["responses"] = json!(2);
                r
            })
            .collect();
        v["deployments"][0]["volumetrics"] = Value::Array(rows);
        let err = import(&v.to_string()).unwrap_err();
        match &err {
            ImportError::Invalid(p) => {
                assert_eq!(p.listed.len(), validate::MAX_PROBLEMS_LISTED);
                assert_eq!(p.total(), 80);
            }
            other => panic!("{other:?}"),
        }
        assert!(err.to_string().contains("80 problems found"));
        assert!(err.to_string().ends_with("- and 30 more"));
    }

    proptest::proptest! {
        /// Any text a user can type, markup and all, comes back as it went out.
        #[test]
        fn any_text_round_trips_verbatim(name in "\\PC{0,70}", note in "\\PC{0,300}", supplier in "(<[a-z]{1,6}>|[&\"'\\\\/ ]|\\PC){1,20}") {
            // A leading letter: names and organisations must not be blank.
            let supplier = format!("S{supplier}");
            let name = format!("N{name}");
            let mut d = deployment(&name);
            d.providers[0].supplier = supplier.clone();
            d.providers[0].name = note.chars().take(100).collect::<String>() + "x";
            let m = ExportMeta { note: Some(note.clone()), exported_by: supplier.clone(), ..meta() };
            let back = import(&export(&[d.clone()], &[], &m)).unwrap();
            proptest::prop_assert_eq!(&back.deployments[0], &d);
            proptest::prop_assert_eq!(back.meta.note, Some(note));
        }
    }

    #[test]
    fn file_names_are_plain() {
        assert_eq!(file_name(&meta()), "bars-beta-snapshot-leeds-teaching-hospitals-nhs-trust-2026-02-25.json");
        let m = ExportMeta { exported_by: "  «NHS» / <script> ".into(), ..meta() };
        assert_eq!(file_name(&m), "bars-beta-snapshot-nhs-script-2026-02-25.json");
        let m = ExportMeta { exported_by: "···".into(), ..meta() };
        assert_eq!(file_name(&m), "bars-beta-snapshot-2026-02-25.json");
    }
}
