//! The few facts the app needs from the browser itself: the time, fresh ids, focus.

use chrono::{DateTime, Utc};
use wasm_bindgen::JsCast;

pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// A random 128-bit id in hex. Ids only need to be unique across the few
/// organisations that share one deployment, not secret.
pub fn new_id() -> String {
    (0..4).map(|_| format!("{:08x}", (js_sys::Math::random() * 4_294_967_296.0) as u32)).collect()
}

pub fn document() -> web_sys::Document {
    web_sys::window().and_then(|w| w.document()).expect("the app runs in a page")
}

/// Moves keyboard and screen-reader focus to the element with `id`, after the
/// current render has landed.
pub fn focus_later(id: &'static str) {
    leptos::prelude::request_animation_frame(move || {
        if let Some(el) = document().get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = el.focus();
        }
    });
}

pub fn set_title(page: &str) {
    document().set_title(&format!("{page} – BaRS Beta Tracker"));
}
