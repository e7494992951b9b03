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
    // Isolated: a page's title may hold a name from a file.
    document().set_title(&format!("{} – BaRS Beta Tracker", crate::ui::text::isolate(page)));
}

/// Today in the user's own time zone (a day in England, not in UTC).
pub fn today() -> chrono::NaiveDate {
    let d = js_sys::Date::new_0();
    chrono::NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date()).unwrap_or_default()
}

/// Offers `text` to the user as a JSON file download.
pub fn download(file_name: &str, text: &str) {
    download_as(file_name, text, "application/json");
}

/// Offers `text` to the user as a file download of type `mime`.
pub fn download_as(file_name: &str, text: &str, mime: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Ok(a) = document().create_element("a") {
        let _ = a.set_attribute("href", &url);
        let _ = a.set_attribute("download", file_name);
        if let Some(a) = a.dyn_ref::<web_sys::HtmlElement>() {
            a.click();
        }
    }
    // Revoked a little later: revoking at once can cut the download short.
    leptos::prelude::set_timeout(move || { let _ = web_sys::Url::revoke_object_url(&url); }, std::time::Duration::from_secs(10));
}
