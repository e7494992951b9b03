//! The root component: state, routing, and the page for the current address.

use leptos::prelude::*;

use crate::pages::CurrentPage;
use crate::state::browser::focus_later;
use crate::state::files::{read_file, Dropped};
use crate::state::route::{Route, Router};
use crate::state::store::Store;
use crate::ui::layout::Frame;

#[component]
pub fn App() -> impl IntoView {
    let store = Store::load();
    store.follow_storage();
    provide_context(store);
    let router = Router::install();
    provide_context(router);

    // A snapshot file dropped anywhere on the page goes to the import.
    let dropped = Dropped(RwSignal::new(None));
    provide_context(dropped);
    std::mem::forget(window_event_listener(leptos::ev::dragover, |ev| ev.prevent_default()));
    std::mem::forget(window_event_listener(leptos::ev::drop, move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        let file = ev.data_transfer().and_then(|t| t.files()).and_then(|files| files.get(0));
        if let Some(file) = file {
            if router.route.get_untracked() != Route::Share {
                router.go(&Route::Share);
            }
            leptos::task::spawn_local(async move { dropped.0.set(Some(read_file(file).await)) });
        }
    }));

    // After moving to another page (not on first load), put focus on its
    // heading so screen-reader users hear where they are.
    Effect::new(move |seen: Option<()>| {
        router.route.track();
        if seen.is_some() {
            focus_later("page-heading");
        }
    });

    view! {
        <Frame>
            <CurrentPage/>
        </Frame>
    }
}
