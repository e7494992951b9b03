//! The app state shared by every component, and the one way to change it.
//!
//! Changes show at once and are saved shortly after (debounced, so typing a
//! week of counts is one write, not fourteen), and at the latest when the page
//! is hidden or closed. A save that fails is reported with a way to keep the
//! work; the in-memory state is never rolled back under the user.
//!
//! Several tabs share one stored value. A save from another tab is taken up
//! here at once (the `storage` event); and before writing, a tab checks the
//! stored value is still the one it last saw, so it never overwrites a newer
//! one it has not seen.

use std::time::Duration;

use bars_domain::{AppState, Deployment};
use leptos::prelude::*;

use crate::state::storage;

const SAVE_DELAY: Duration = Duration::from_millis(300);

#[derive(Clone, Copy)]
pub struct Store {
    pub state: RwSignal<AppState>,
    /// A storage problem the user must see (shown in a banner on every page).
    pub problem: RwSignal<Option<StorageProblem>>,
    pending: StoredValue<Option<TimeoutHandle>>,
    /// The stored text this tab last read or wrote.
    seen: StoredValue<Option<String>>,
    /// What the last import was, while it can still be undone.
    pub undo_available: RwSignal<Option<String>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StorageProblem {
    pub message: String,
    /// Unsaved work exists: offer to download it.
    pub offer_download: bool,
}

impl Store {
    pub fn load() -> Store {
        let loaded = storage::load();
        Store {
            state: RwSignal::new(loaded.state),
            problem: RwSignal::new(loaded.problem.map(|message| StorageProblem { message, offer_download: false })),
            pending: StoredValue::new(None),
            seen: StoredValue::new(loaded.seen),
            undo_available: RwSignal::new(storage::before_import().map(|(what, _)| what)),
        }
    }

    /// Applies `change` now and schedules a save.
    pub fn change(&self, change: impl FnOnce(&mut AppState)) {
        self.state.update(change);
        if let Some(handle) = self.pending.get_value() {
            handle.clear();
        }
        let store = *self;
        let handle = set_timeout_with_handle(move || store.flush(), SAVE_DELAY).ok();
        self.pending.set_value(handle);
    }

    /// Changes one deployment; does nothing if it no longer exists.
    pub fn change_deployment(&self, id: &str, change: impl FnOnce(&mut Deployment)) {
        self.change(|s| {
            if let Some(d) = s.deployment_mut(id) {
                change(d);
            }
        });
    }

    /// Saves now if a save is waiting.
    pub fn flush(&self) {
        let Some(handle) = self.pending.get_value() else { return };
        handle.clear();
        self.pending.set_value(None);
        if storage::read_raw() != self.seen.get_value() {
            self.problem.set(Some(StorageProblem {
                message: "These deployments were changed in another tab or window, so your latest change here was not saved over them. Download a copy of your change, then reload this page to see the other changes.".to_owned(),
                offer_download: true,
            }));
            return;
        }
        match self.state.with_untracked(storage::save) {
            Ok(text) => {
                self.seen.set_value(Some(text));
                if self.problem.with_untracked(|p| p.as_ref().is_some_and(|p| p.offer_download)) {
                    self.problem.set(None);
                }
            }
            Err(why) => self.problem.set(Some(StorageProblem {
                message: format!("{why}. Your changes are still on this page, but will be lost when you close it: download a copy to keep them."),
                offer_download: true,
            })),
        }
    }

    /// Takes up a save made by another tab, unless this one has a change of
    /// its own waiting (then its save will find the conflict and say so).
    pub fn adopt_external(&self, text: Option<String>) {
        // try_: the listener outlives a store whose page was unmounted.
        let (Some(pending), Some(seen)) = (self.pending.try_get_value(), self.seen.try_get_value()) else { return };
        if pending.is_some() || text == seen {
            return;
        }
        match text.as_deref().map(bars_domain::state::from_stored_json) {
            Some(Ok(state)) => self.state.set(state),
            None => self.state.set(AppState::default()),
            Some(Err(_)) => return, // unreadable: keep what is shown, and the next save reports the clash
        }
        self.seen.set_value(text);
    }

    /// Saves whatever is waiting when the page is hidden or unloaded, and
    /// follows saves made by other tabs.
    pub fn follow_storage(&self) {
        let store = *self;
        std::mem::forget(window_event_listener(leptos::ev::storage, move |ev: web_sys::StorageEvent| {
            // A null key means another tab cleared all storage.
            let key = ev.key();
            if key.is_none() || key.as_deref() == Some(bars_domain::state::STORAGE_KEY) {
                store.adopt_external(ev.new_value());
            }
        }));
        std::mem::forget(window_event_listener(leptos::ev::pagehide, move |_| store.flush()));
        std::mem::forget(window_event_listener(leptos::ev::visibilitychange, move |_| {
            if document().visibility_state() == web_sys::VisibilityState::Hidden {
                store.flush();
            }
        }));
    }
}

pub fn use_store() -> Store {
    expect_context::<Store>()
}
