//! The party this browser speaks for in each deployment ("what my
//! organisation does next"), remembered in localStorage so the party view
//! opens on it next time. It also rides in the page's link.

const KEY_PREFIX: &str = "bars-beta-tracker.my-party.";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The remembered choice for a deployment, as a `next_steps::Viewer` key.
pub fn remembered(deployment_id: &str) -> Option<String> {
    storage()?.get_item(&format!("{KEY_PREFIX}{deployment_id}")).ok().flatten()
}

/// Remembers the choice; a browser that refuses only loses the convenience.
pub fn remember(deployment_id: &str, key: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(&format!("{KEY_PREFIX}{deployment_id}"), key);
    }
}
