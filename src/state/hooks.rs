//! Signals the pages share, derived from the store and the router.

use bars_domain::readiness::{assess, Readiness};
use bars_domain::records::Party;
use chrono::NaiveDate;
use leptos::prelude::*;

use crate::state::browser::today;
use crate::state::route::use_router;
use crate::state::store::use_store;

/// The as-of date in force: the one in the address, or today.
pub fn use_as_of() -> Signal<NaiveDate> {
    let router = use_router();
    Signal::derive(move || router.as_of.get().unwrap_or_else(today))
}

/// The readiness of deployment `id`, recomputed whenever it or the as-of date changes.
pub fn use_readiness(id: String) -> Memo<Option<Readiness>> {
    let store = use_store();
    let as_of = use_as_of();
    Memo::new(move |_| {
        let as_of = as_of.get();
        store.state.with(|s| s.deployment(&id).map(|d| assess(d, as_of)))
    })
}

/// The providers of deployment `id`, as choices for a select: (id, name, no hint).
pub fn provider_choices(id: String) -> Signal<Vec<(String, String, Option<String>)>> {
    let store = use_store();
    Signal::derive(move || {
        store.state.with(|s| {
            s.deployment(&id).map(|d| d.providers.iter().map(|p| (p.id.clone(), p.name.clone(), None)).collect()).unwrap_or_default()
        })
    })
}

/// The contacts of deployment `id` at the party chosen in `party`, as choices (all of them while no party is chosen). (all of them while no party is chosen).
pub fn contact_choices(id: String, party: RwSignal<String>) -> Signal<Vec<(String, String, Option<String>)>> {
    let store = use_store();
    Signal::derive(move || {
        let party = Party::from_key(&party.get());
        store.state.with(|s| {
            s.deployment(&id)
                .map(|d| {
                    d.contacts
                        .iter()
                        .filter(|c| party.is_none_or(|p| c.party == p))
                        .map(|c| (c.id.clone(), format!("{} ({}, {})", c.name, c.role, c.organisation), None))
                        .collect()
                })
                .unwrap_or_default()
        })
    })
}
