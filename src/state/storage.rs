//! Keeping the app state in the browser's localStorage.
//!
//! Loading never crashes and never loses data: a value that cannot be read is
//! copied to a backup key before the app starts clean, and the user is told.
//! Saving reports failure (quota, storage disabled) instead of ignoring it.

use bars_domain::state::{from_stored_json, to_stored_json, AppState, STORAGE_KEY};
use gloo_storage::{LocalStorage, Storage as _};

/// What loading found, and anything the user must be told about it.
pub struct Loaded {
    pub state: AppState,
    pub problem: Option<String>,
    /// The stored text the state came from, so a later save can tell whether
    /// another tab has written since.
    pub seen: Option<String>,
}

/// The stored text as it is now (`None` when there is none or no storage).
pub fn read_raw() -> Option<String> {
    storage().ok()?.get_item(STORAGE_KEY).ok().flatten()
}

fn storage() -> Result<web_sys::Storage, String> {
    // Checked by hand first: gloo's accessor throws when storage is disabled.
    match web_sys::window().map(|w| w.local_storage()) {
        Some(Ok(Some(_))) => Ok(LocalStorage::raw()),
        _ => Err("This browser does not allow this page to use its storage".to_owned()),
    }
}

/// The key a value that could not be loaded is kept under, stamped so that a
/// second bad value never overwrites the first.
pub fn backup_key(stamp: &str) -> String {
    format!("{STORAGE_KEY}.unreadable.{stamp}")
}

pub fn load() -> Loaded {
    let store = match storage() {
        Ok(store) => store,
        Err(why) => {
            return Loaded {
                state: AppState::default(),
                problem: Some(format!("{why}, so nothing you enter will be kept after you close the page. Export your work before you leave.")),
                seen: None,
            }
        }
    };
    let Ok(Some(text)) = store.get_item(STORAGE_KEY) else {
        return Loaded { state: AppState::default(), problem: None, seen: None };
    };
    match from_stored_json(&text) {
        Ok(state) => Loaded { state, problem: None, seen: Some(text) },
        Err(error) => {
            let key = backup_key(&String::from(js_sys::Date::new_0().to_iso_string()));
            let kept = store.set_item(&key, &text).is_ok();
            let problem = if kept {
                // Only now is it safe to clear the main key.
                let _ = store.remove_item(STORAGE_KEY);
                format!("The saved deployments could not be opened: {error}. The saved value has been kept in this browser under the key \u{201c}{key}\u{201d}, and the tracker has started empty.")
            } else {
                format!("The saved deployments could not be opened: {error}. The tracker has started empty, and the unreadable value is still under \u{201c}{STORAGE_KEY}\u{201d}: saving will replace it.")
            };
            let seen = if kept { None } else { Some(text) };
            Loaded { state: AppState::default(), problem: Some(problem), seen }
        }
    }
}

/// Writes the whole state and returns the text written. On error the stored
/// value is untouched.
pub fn save(state: &AppState) -> Result<String, String> {
    let text = to_stored_json(state);
    storage()?.set_item(STORAGE_KEY, &text).map(|()| text).map_err(|err| {
        let name = js_sys::Reflect::get(&err, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_default();
        if name == "QuotaExceededError" {
            "The browser's storage for this page is full, so the change was not saved".to_owned()
        } else {
            "The browser refused to save the change".to_owned()
        }
    })
}

/// Where the state from before the last import is kept, so it can be undone
/// even after a reload.
const BEFORE_IMPORT_KEY: &str = "bars-beta-tracker.before-import.v1";

/// What is kept for undoing an import: a line saying what the import was, and
/// the state from before it in its stored form.
#[derive(serde::Serialize, serde::Deserialize)]
struct BeforeImport {
    what: String,
    state: String,
}

/// Keeps `state` (the state before an import) with a line saying what the import was.
pub fn keep_before_import(state: &AppState, what: &str) -> Result<(), String> {
    let value = serde_json::to_string(&BeforeImport { what: what.to_owned(), state: to_stored_json(state) }).unwrap_or_default();
    storage()?.set_item(BEFORE_IMPORT_KEY, &value).map_err(|_| "There is no room in this browser's storage to keep a copy for undoing the import".to_owned())
}

/// The state from before the last import, and what that import was.
pub fn before_import() -> Option<(String, AppState)> {
    let raw = storage().ok()?.get_item(BEFORE_IMPORT_KEY).ok().flatten()?;
    let kept: BeforeImport = serde_json::from_str(&raw).ok()?;
    let state = from_stored_json(&kept.state).ok()?;
    Some((kept.what, state))
}

pub fn forget_before_import() {
    if let Ok(store) = storage() {
        let _ = store.remove_item(BEFORE_IMPORT_KEY);
    }
}
