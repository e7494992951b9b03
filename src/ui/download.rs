//! A button that downloads a file the page makes when it is pressed (a CSV
//! export): the text is built only then, from the state at that moment.

use leptos::prelude::*;

/// The MIME type of the CSV files the app writes (UTF-8 with a byte-order mark).
pub const CSV: &str = "text/csv;charset=utf-8";

/// A secondary button; `file` gives (file name, text), or nothing to download.
#[component]
pub fn DownloadButton(label: &'static str, #[prop(into)] file: Callback<(), Option<(String, String)>>, #[prop(optional)] id: Option<&'static str>) -> impl IntoView {
    view! {
        <button type="button" class="nhsuk-button nhsuk-button--secondary" id=id on:click=move |_| {
            if let Some((name, text)) = file.run(()) {
                crate::state::browser::download_as(&name, &text, CSV);
            }
        }>{label}</button>
    }
}
