//! The NHS page frame: skip link, header, storage-problem banner, footer.

use leptos::prelude::*;

use crate::state::store::use_store;

const NHS_LOGO_PATH: &str = "M200 0v80H0V0h200Zm-27.5 5.5c-14.5 0-29 5-29 22 0 10.2 7.7 13.5 14.7 16.3l.7.3c5.4 2 10.1 3.9 10.1 8.4 0 6.5-8.5 7.5-14 7.5s-12.5-1.5-16-3.5L135 70c5.5 2 13.5 3.5 20 3.5 15.5 0 32-4.5 32-22.5 0-19.5-25.5-16.5-25.5-25.5 0-5.5 5.5-6.5 12.5-6.5a35 35 0 0 1 14.5 3l4-13.5c-4.5-2-12-3-20-3Zm-131 2h-22l-14 65H22l9-45h.5l13.5 45h21.5l14-65H64l-9 45h-.5l-13-45Zm63 0h-18l-13 65h17l6-28H117l-5.5 28H129l13.5-65H125L119.5 32h-20l5-24.5Z";

#[component]
pub fn Frame(children: Children) -> impl IntoView {
    view! {
        <a class="nhsuk-skip-link" href="#maincontent">"Skip to main content"</a>
        <header class="nhsuk-header" role="banner">
            <div class="nhsuk-header__container nhsuk-width-container">
                <div class="nhsuk-header__service">
                    <a class="nhsuk-header__service-logo" href="./" aria-label="BaRS Beta Tracker homepage">
                        <svg class="nhsuk-header__logo" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 80" height="40" width="100" focusable="false" role="img" aria-label="NHS">
                            <title>"NHS"</title>
                            <path fill="currentcolor" d=NHS_LOGO_PATH></path>
                        </svg>
                        <span class="nhsuk-header__service-name">"BaRS Beta Tracker"</span>
                    </a>
                </div>
            </div>
        </header>
        <div class="nhsuk-width-container">
            <StorageProblem/>
            <main class="nhsuk-main-wrapper" id="maincontent" role="main" tabindex="-1">
                {children()}
            </main>
        </div>
        <footer class="nhsuk-footer" role="contentinfo">
            <div class="nhsuk-width-container">
                <div class="nhsuk-footer__meta">
                    <p class="nhsuk-body-s">
                        "Everything you enter stays in this browser. Nothing is sent anywhere unless you export it."
                    </p>
                </div>
            </div>
        </footer>
    }
}

/// A banner for a storage problem found on load or on save.
#[component]
fn StorageProblem() -> impl IntoView {
    let store = use_store();
    move || {
        store.problem.get().map(|problem| {
            view! {
                <div class="nhsuk-notification-banner app-storage-problem" role="alert" aria-labelledby="storage-problem-title">
                    <div class="nhsuk-notification-banner__header">
                        <h2 class="nhsuk-notification-banner__title" id="storage-problem-title">"Important"</h2>
                    </div>
                    <div class="nhsuk-notification-banner__content">
                        <p class="nhsuk-notification-banner__heading">{problem.message}</p>
                        <div class="nhsuk-button-group">
                            {problem.offer_download.then(|| view! {
                                <button type="button" class="nhsuk-button nhsuk-button--small" on:click=move |_| {
                                    let text = store.state.with_untracked(bars_domain::state::to_stored_json);
                                    crate::state::browser::download("bars-beta-tracker-unsaved.json", &text);
                                }>"Download a copy"</button>
                            }.into_any())}
                            <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" on:click=move |_| store.problem.set(None)>
                                "Dismiss"
                            </button>
                        </div>
                    </div>
                </div>
            }.into_any()
        })
    }
}
