//! The as-of date: every figure of progress is worked out for this day, and
//! it rides in the address (`?asof=`) from page to page.

use leptos::prelude::*;

use crate::state::hooks::use_as_of;
use crate::state::route::use_router;

/// Chooses the date progress is shown for; kept in the address as `?asof=`.
#[component]
pub fn AsOfControl() -> impl IntoView {
    let router = use_router();
    let as_of = use_as_of();
    let on_change = move |ev| {
        let raw = event_target_value(&ev);
        match bars_domain::forms::parse_date(&raw) {
            Ok(Some(date)) => router.set_as_of(Some(date)),
            Ok(None) => router.set_as_of(None),
            Err(_) => {} // the browser's date field only yields real dates or nothing
        }
    };
    view! {
        <div class="nhsuk-form-group app-as-of">
            <label class="nhsuk-label nhsuk-label--s" for="as-of">"Show progress as of"</label>
            <div class="nhsuk-hint" id="as-of-hint">"Choose a later date to see where the beta will be then, if nothing else happens."</div>
            <input class="nhsuk-input nhsuk-input--width-10" id="as-of" name="asof" type="date" aria-describedby="as-of-hint"
                prop:value=move || as_of.get().to_string() on:change=on_change/>
            <crate::ui::when::When when=std::sync::Arc::new(move || router.as_of.get().is_some())>
                <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small app-as-of__today"
                    on:click=move |_| router.set_as_of(None)>"Back to today"</button>
            </crate::ui::when::When>
        </div>
    }
}
