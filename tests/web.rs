//! Browser tests: the real components mounted in headless Chromium, and what
//! they leave in localStorage. Run by `cargo test --target wasm32-unknown-unknown`.

use bars_beta_tracker::app::App;
use bars_beta_tracker::route::Route;
use bars_beta_tracker::storage;
use bars_domain::state::{from_stored_json, STORAGE_KEY};
use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Lets Leptos run the effects and renders queued by the last change.
async fn settle() {
    for _ in 0..3 {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0).unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    }
}

/// Mounts the whole app at `route` into a fresh element of its own (the test
/// runner reports through <body>, so it must not be replaced).
fn mount_app_at(route: &Route) -> (HtmlElement, impl Drop) {
    let history = web_sys::window().unwrap().history().unwrap();
    history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&route.href())).unwrap();
    let host: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), App);
    (host, handle)
}

fn query(host: &HtmlElement, selector: &str) -> Option<web_sys::Element> {
    host.query_selector(selector).unwrap()
}

fn type_into(host: &HtmlElement, selector: &str, text: &str) {
    let input: HtmlInputElement = query(host, selector).expect(selector).unchecked_into();
    input.set_value(text);
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
}

fn choose(host: &HtmlElement, selector: &str) {
    let radio: HtmlInputElement = query(host, selector).expect(selector).unchecked_into();
    radio.click();
}

fn submit(host: &HtmlElement) {
    let button: HtmlElement = query(host, "form button[type=submit]").expect("submit button").unchecked_into();
    button.click();
}

fn stored() -> Option<String> {
    LocalStorage::raw().get_item(STORAGE_KEY).unwrap()
}

#[wasm_bindgen_test]
async fn creating_a_deployment_saves_it_under_the_versioned_key() {
    LocalStorage::clear();
    let (host, _app) = mount_app_at(&Route::NewDeployment);
    settle().await;
    type_into(&host, "#deployment-name", "  Pharmacy First – Cumbria  ");
    choose(&host, "#deployment-application-5");
    choose(&host, "#deployment-risk-level-medium");
    submit(&host);
    settle().await;

    let saved = from_stored_json(&stored().expect("something was saved")).unwrap();
    assert_eq!(saved.deployments.len(), 1);
    let d = &saved.deployments[0];
    assert_eq!(d.name, "Pharmacy First – Cumbria");
    assert_eq!(d.application.title(), "BaRS Application 5");
    assert_eq!(d.risk_level.key(), "medium");
    // The app moved on to the new deployment's page, which shows its criteria.
    let heading = query(&host, "h1").unwrap().text_content().unwrap();
    assert_eq!(heading, "Pharmacy First – Cumbria");
    let criteria = query(&host, "#criteria").unwrap().text_content().unwrap();
    assert!(criteria.contains("50 referrals") && criteria.contains("28 days"), "{criteria}");
    host.remove();
}

#[wasm_bindgen_test]
async fn an_invalid_form_shows_the_error_summary_and_saves_nothing() {
    LocalStorage::clear();
    let (host, _app) = mount_app_at(&Route::NewDeployment);
    settle().await;
    type_into(&host, "#deployment-name", &"x".repeat(81));
    submit(&host);
    settle().await;

    let summary = query(&host, ".nhsuk-error-summary").expect("error summary").text_content().unwrap();
    assert!(summary.contains("Name must be 80 characters or fewer"), "{summary}");
    assert!(summary.contains("Select the BaRS Application"), "{summary}");
    assert!(summary.contains("Select the Service Risk Level"), "{summary}");
    let link = query(&host, ".nhsuk-error-summary a").unwrap();
    assert_eq!(link.get_attribute("href").as_deref(), Some("#deployment-name"));
    assert!(query(&host, "#deployment-name-error").is_some(), "the field shows its own message");
    assert!(query(&host, "#deployment-name.nhsuk-input--error").is_some());
    assert_eq!(stored(), None, "nothing may be saved");
    host.remove();
}

#[wasm_bindgen_test]
async fn corrupt_storage_is_backed_up_and_the_app_starts_clean() {
    LocalStorage::clear();
    let corrupt = r#"{"schema_version":1,"deployments":[{"id":"a","na"#;
    LocalStorage::raw().set_item(STORAGE_KEY, corrupt).unwrap();
    let (host, _app) = mount_app_at(&Route::Home);
    settle().await;

    let banner = query(&host, ".app-storage-problem").expect("a visible warning").text_content().unwrap();
    assert!(banner.contains("could not be opened"), "{banner}");
    assert!(query(&host, "#no-deployments").is_some(), "starts empty");
    let storage = LocalStorage::raw();
    let backup = (0..storage.length().unwrap())
        .filter_map(|i| storage.key(i).unwrap())
        .find(|k| k.starts_with(&format!("{STORAGE_KEY}.unreadable.")))
        .expect("a backup key");
    assert_eq!(storage.get_item(&backup).unwrap().as_deref(), Some(corrupt), "kept byte for byte");
    assert!(banner.contains(&backup), "the warning names the backup key");
    assert_eq!(stored(), None);
    host.remove();
}

#[wasm_bindgen_test]
async fn renaming_and_deleting_update_storage() {
    LocalStorage::clear();
    let (host, _app) = mount_app_at(&Route::NewDeployment);
    settle().await;
    type_into(&host, "#deployment-name", "Falls lifting");
    choose(&host, "#deployment-application-4");
    choose(&host, "#deployment-risk-level");
    submit(&host);
    settle().await;
    let id = from_stored_json(&stored().unwrap()).unwrap().deployments[0].id.clone();
    host.remove();

    let (host, _app) = mount_app_at(&Route::EditDeployment(id.clone()));
    settle().await;
    let name: HtmlInputElement = query(&host, "#deployment-name").unwrap().unchecked_into();
    assert_eq!(name.value(), "Falls lifting", "the form starts from the saved values");
    type_into(&host, "#deployment-name", "Falls lifting wave 2");
    choose(&host, "#deployment-risk-level-high");
    submit(&host);
    settle().await;
    let saved = from_stored_json(&stored().unwrap()).unwrap();
    assert_eq!(saved.deployments[0].name, "Falls lifting wave 2");
    assert_eq!(saved.deployments[0].risk_level.criteria().min_verification_days, 48);
    host.remove();

    let (host, _app) = mount_app_at(&Route::DeleteDeployment(id));
    settle().await;
    let confirm: HtmlElement = query(&host, "button.nhsuk-button--warning").unwrap().unchecked_into();
    confirm.click();
    settle().await;
    assert!(from_stored_json(&stored().unwrap()).unwrap().deployments.is_empty());
    host.remove();
}

#[wasm_bindgen_test]
fn routes_round_trip_through_their_links() {
    for route in [
        Route::Home,
        Route::NewDeployment,
        Route::Deployment("abc 1/2".into()),
        Route::EditDeployment("x".into()),
        Route::DeleteDeployment("y".into()),
    ] {
        let href = route.href();
        assert_eq!(Route::parse(href.trim_start_matches("./")), route, "{href}");
    }
    assert_eq!(Route::parse("?page=unknown"), Route::NotFound);
    assert_eq!(Route::parse("?deployment="), Route::NotFound);
}

#[wasm_bindgen_test]
fn load_reports_a_newer_schema_without_losing_it() {
    LocalStorage::clear();
    let newer = r#"{"schema_version":99,"deployments":[]}"#;
    LocalStorage::raw().set_item(STORAGE_KEY, newer).unwrap();
    let loaded = storage::load();
    assert!(loaded.state.deployments.is_empty());
    assert!(loaded.problem.unwrap().contains("newer version"));
    let key = (0..LocalStorage::length()).filter_map(|i| LocalStorage::raw().key(i).unwrap()).find(|k| k.contains(".unreadable.")).unwrap();
    assert_eq!(LocalStorage::raw().get_item(&key).unwrap().as_deref(), Some(newer));
}
