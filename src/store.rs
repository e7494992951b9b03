//! The app state shared by every component, and the one way to change it.

use bars_domain::AppState;
use leptos::prelude::*;

use crate::storage;

#[derive(Clone, Copy)]
pub struct Store {
    pub state: RwSignal<AppState>,
    /// A storage problem the user must see (shown in a banner on every page).
    pub problem: RwSignal<Option<String>>,
}

impl Store {
    pub fn load() -> Store {
        let loaded = storage::load();
        Store { state: RwSignal::new(loaded.state), problem: RwSignal::new(loaded.problem) }
    }

    /// Applies `change` to a copy, saves the copy, and only then shows it: a
    /// change that cannot be saved leaves both the page and storage as they were.
    pub fn commit(&self, change: impl FnOnce(&mut AppState)) -> Result<(), String> {
        let mut next = self.state.get_untracked();
        change(&mut next);
        storage::save(&next)?;
        self.state.set(next);
        Ok(())
    }
}

pub fn use_store() -> Store {
    expect_context::<Store>()
}
