//! Taking a snapshot in and sending one out, as changes to the app state:
//! what the share page does once the user has decided.

use chrono::{DateTime, Utc};

use crate::merge::{ApplyError, Choice, MergePlan};
use crate::snapshot::{ExportMeta, Snapshot};
use crate::state::AppState;
use crate::validation::{Checker, FieldError};

/// The most characters of the organisation named in an export.
pub const ORGANISATION_MAX_CHARS: usize = 100;
/// The most characters of an export's note.
pub const EXPORT_NOTE_MAX_CHARS: usize = 1000;

/// How an import is taken in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportMode {
    /// Record by record, with one choice per conflict of the plan.
    Merge,
    /// Everything here is replaced by the file's content.
    Replace,
}

/// The state after importing `snapshot` into `before`. `before` itself is the
/// undo copy: the caller keeps it (with [`import_label`]) until the import is
/// undone or another one replaces it. "Last shared" moves to the file's
/// export time, if that is later.
pub fn apply_import(
    before: &AppState,
    snapshot: &Snapshot,
    plan: &MergePlan,
    mode: ImportMode,
    choices: &[Choice],
    now: DateTime<Utc>,
) -> Result<AppState, ApplyError> {
    let mut next = match mode {
        ImportMode::Replace => AppState {
            deployments: snapshot.deployments.clone(),
            deleted_deployments: snapshot.deleted_deployments.clone(),
            sharing: before.sharing.clone(),
        },
        ImportMode::Merge => plan.apply(choices, now)?,
    };
    let exported_at = snapshot.meta.exported_at;
    next.sharing.last_shared = Some(next.sharing.last_shared.map_or(exported_at, |t| t.max(exported_at)));
    Ok(next)
}

/// What an import was, for its undo banner: "file from Leeds exported 3 March 2026 at 09:04:05 UTC".
pub fn import_label(meta: &ExportMeta) -> String {
    format!("file from {} exported {}", meta.exported_by, crate::dates::long_time(meta.exported_at))
}

/// Remembers an export: the organisation named in it, and "last shared".
pub fn record_export(state: &mut AppState, meta: &ExportMeta) {
    state.sharing.organisation = meta.exported_by.clone();
    let at = meta.exported_at;
    state.sharing.last_shared = Some(state.sharing.last_shared.map_or(at, |t| t.max(at)));
}

/// The export form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportDraft {
    pub organisation: String,
    pub note: String,
    /// The user has confirmed the possible NHS numbers listed are not patient details.
    pub confirmed: bool,
}

impl ExportDraft {
    /// `possible_nhs_numbers`: whether anything to be exported looks like one.
    pub fn validate(&self, possible_nhs_numbers: bool, app_version: &str, now: DateTime<Utc>) -> Result<ExportMeta, Vec<FieldError>> {
        let mut c = Checker::new();
        let organisation = self.organisation.trim();
        if crate::text::is_blank(organisation) {
            c.fail("organisation", "Enter the name of your organisation");
        } else if organisation.chars().count() > ORGANISATION_MAX_CHARS {
            c.fail("organisation", format!("Organisation must be {ORGANISATION_MAX_CHARS} characters or fewer"));
        }
        let note = c.optional_text("note", &self.note, "note", EXPORT_NOTE_MAX_CHARS);
        if possible_nhs_numbers && !self.confirmed {
            c.fail("confirmed", "Check the possible NHS numbers listed, then confirm they are not patient details");
        }
        c.finish(|| ExportMeta {
            app_version: app_version.to_owned(),
            exported_at: now,
            exported_by: organisation.to_owned(),
            note: (!note.is_empty()).then_some(note),
        })
    }
}
