//! Browser tests: the real components mounted in headless Chromium, and what
//! they leave in localStorage. Run by `cargo test --target wasm32-unknown-unknown`.

use bars_beta_tracker::app::App;
use bars_beta_tracker::state::route::{LogQuery, Page, Route};
use bars_beta_tracker::state::storage;
use bars_domain::state::{from_stored_json, STORAGE_KEY};
use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Lets Leptos run the effects and renders queued by the last change, and
/// what waits for the next frame (the as-of date's address).
async fn settle() {
    let window = web_sys::window().unwrap();
    let frame = js_sys::Promise::new(&mut |resolve, _| {
        window.request_animation_frame(&resolve).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(frame).await.unwrap();
    for _ in 0..3 {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0).unwrap();
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

/// A clean browser holding only the first release's saved deployment ("d1"),
/// with the app mounted at `route` and settled.
async fn mount_first_release_at(route: &Route) -> (HtmlElement, impl Drop) {
    LocalStorage::clear();
    LocalStorage::raw().set_item(STORAGE_KEY, FIRST_RELEASE).unwrap();
    let mounted = mount_app_at(route);
    settle().await;
    mounted
}

fn query(host: &HtmlElement, selector: &str) -> Option<web_sys::Element> {
    host.query_selector(selector).unwrap()
}

fn type_into(host: &HtmlElement, selector: &str, text: &str) {
    let input: HtmlInputElement = query(host, selector).expect(selector).unchecked_into();
    input.set_value(text);
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
}

/// Types a date into an NHS date input whose day box has id `day_id`, as a
/// person would: `15`, `3`, `2026`.
fn type_date(host: &HtmlElement, day_id: &str, day: &str, month: &str, year: &str) {
    type_into(host, &format!("#{day_id}"), day);
    type_into(host, &format!("#{day_id}-month"), month);
    type_into(host, &format!("#{day_id}-year"), year);
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

/// Saves are debounced; leaving the page flushes them, as a closing tab would.
fn leave_page() {
    web_sys::window().unwrap().dispatch_event(&web_sys::Event::new("pagehide").unwrap()).unwrap();
}

fn text(host: &HtmlElement, selector: &str) -> String {
    query(host, selector).unwrap_or_else(|| panic!("{selector} is on the page")).text_content().unwrap()
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
    leave_page();

    let saved = from_stored_json(&stored().expect("something was saved")).unwrap();
    assert_eq!(saved.deployments.len(), 1);
    let d = &saved.deployments[0];
    assert_eq!(d.name, "Pharmacy First – Cumbria");
    assert_eq!(d.application.title(), "BaRS Application 5");
    assert_eq!(d.risk_level.key(), "medium");
    // The app moved on to the new deployment's progress page.
    assert_eq!(text(&host, "h1"), "Pharmacy First – Cumbria");
    let progress = text(&host, "#deployment-readiness");
    assert!(progress.contains("0 of 50 referrals"), "{progress}");
    assert!(progress.contains("No providers have been added"), "{progress}");
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
    leave_page();
    let id = from_stored_json(&stored().unwrap()).unwrap().deployments[0].id.clone();
    host.remove();

    let (host, _app) = mount_app_at(&Route::Deployment(id.clone(), Page::Edit));
    settle().await;
    let name: HtmlInputElement = query(&host, "#deployment-name").unwrap().unchecked_into();
    assert_eq!(name.value(), "Falls lifting", "the form starts from the saved values");
    type_into(&host, "#deployment-name", "Falls lifting wave 2");
    choose(&host, "#deployment-risk-level-high");
    type_date(&host, "deployment-stable-published", "30", "11", "2027");
    submit(&host);
    settle().await;
    leave_page();
    let saved = from_stored_json(&stored().unwrap()).unwrap();
    assert_eq!(saved.deployments[0].name, "Falls lifting wave 2");
    assert_eq!(saved.deployments[0].risk_level.criteria().min_verification_days, 48);
    assert!(saved.deployments[0].has_responses, "Application 4 keeps its responses default");
    // The uplift deadline: three calendar months on, clamped to a leap-year February.
    assert!(text(&host, "#uplift-deadline").contains("29 February 2028"));
    host.remove();

    let (host, _app) = mount_app_at(&Route::Deployment(id, Page::Delete));
    settle().await;
    let confirm: HtmlElement = query(&host, "button.nhsuk-button--warning").unwrap().unchecked_into();
    confirm.click();
    settle().await;
    leave_page();
    assert!(from_stored_json(&stored().unwrap()).unwrap().deployments.is_empty());
    host.remove();
}

#[wasm_bindgen_test]
fn routes_round_trip_through_their_links() {
    for route in [
        Route::Home,
        Route::NewDeployment,
        Route::Deployment("abc 1/2".into(), Page::Progress),
        Route::Deployment("x".into(), Page::Edit),
        Route::Deployment("y".into(), Page::Provider("p&1".into())),
        Route::Deployment("y".into(), Page::EditIncident("i".into())),
        Route::Deployment("y".into(), Page::Volumetrics),
        Route::Deployment("y".into(), Page::Issues(LogQuery::NONE)),
        Route::Deployment("y".into(), Page::Issues(LogQuery { status: "open".into(), owner: "bars_team".into(), provider: "p 1&2".into(), days: "30".into(), retro: false })),
        Route::Deployment("y".into(), Page::RaiseIssue("result:r1".into())),
        Route::Deployment("y".into(), Page::EditIssue("i".into())),
        Route::Deployment("y".into(), Page::Lessons(LogQuery { retro: true, ..LogQuery::NONE })),
        Route::Deployment("y".into(), Page::EditLesson("l".into())),
        Route::Deployment("y".into(), Page::Roles),
        Route::Deployment("y".into(), Page::RasciTask("configuration".into())),
        Route::Deployment("y".into(), Page::Responsibilities(None)),
        Route::Deployment("y".into(), Page::Responsibilities(Some("provider:p&1".into()))),
        Route::Deployment("y".into(), Page::Responsibility("provider_calls:p 1".into())),
        Route::Deployment("y".into(), Page::NextSteps(None)),
        Route::Deployment("y".into(), Page::NextSteps(Some("supplier:Example & Co".into()))),
        Route::Deployment("y".into(), Page::ExitReport("p 2".into())),
    ] {
        let href = route.href();
        assert_eq!(Route::parse(href.trim_start_matches("./")), route, "{href}");
    }
    assert_eq!(Route::parse("?page=unknown"), Route::NotFound);
    assert_eq!(Route::parse("?deployment="), Route::NotFound);
    assert_eq!(Route::parse("?deployment=a&page=provider"), Route::NotFound, "a provider page needs its item");
    assert_eq!(Route::parse("?deployment=a&page=rasci-task"), Route::NotFound, "a task page needs its task");
    assert_eq!(Route::parse("?deployment=a&page=exit-report"), Route::NotFound, "an exit report is a provider's");
    assert_eq!(Route::parse("?deployment=a&asof=2026-03-01"), Route::Deployment("a".into(), Page::Progress));
    assert_eq!(bars_beta_tracker::state::route::parse_as_of("?deployment=a&asof=2026-03-01").map(|d| d.to_string()).as_deref(), Some("2026-03-01"));
    assert_eq!(bars_beta_tracker::state::route::parse_as_of("?asof=2026-02-30"), None, "not a real date");
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

/// A value exactly as the first release stored it (schema 1).
const FIRST_RELEASE: &str = r#"{"schema_version":1,"deployments":[{"id":"d1","name":"Ambulance validation","application":{"kind":"preset","number":4},"risk_level":"high","created_at":"2026-01-05T10:00:00Z","updated_at":"2026-01-05T10:00:00Z"}]}"#;

#[wasm_bindgen_test]
async fn storage_from_the_first_release_is_migrated_and_shown() {
    let (host, _app) = mount_first_release_at(&Route::Deployment("d1".into(), Page::Progress)).await;
    assert_eq!(text(&host, "h1"), "Ambulance validation");
    assert!(text(&host, "#deployment-readiness").contains("0 of 75 referrals with responses"));
    assert!(query(&host, ".app-storage-problem").is_none(), "an old format is not a problem");
    host.remove();
}

#[wasm_bindgen_test]
async fn the_as_of_date_in_the_address_drives_the_progress_page() {
    LocalStorage::clear();
    LocalStorage::raw().set_item(STORAGE_KEY, FIRST_RELEASE).unwrap();
    let history = web_sys::window().unwrap().history().unwrap();
    history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("?deployment=d1&asof=2026-03-01")).unwrap();
    let host: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    let _app = leptos::mount::mount_to(host.clone(), App);
    settle().await;
    let field: HtmlInputElement = query(&host, "#as-of").unwrap().unchecked_into();
    assert_eq!(field.value(), "2026-03-01");
    assert!(text(&host, "#deployment-readiness").contains("on or before 1 March 2026"));

    // Changing the field rewrites the address, so a copied link opens the same view.
    field.set_value("2026-04-15");
    field.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    settle().await;
    let search = web_sys::window().unwrap().location().search().unwrap();
    assert!(search.contains("asof=2026-04-15"), "{search}");
    assert!(text(&host, "#deployment-readiness").contains("on or before 15 April 2026"));
    host.remove();
}

#[wasm_bindgen_test]
async fn a_save_that_fails_is_reported_and_keeps_the_work_on_the_page() {
    let (host, _app) = mount_first_release_at(&Route::Deployment("d1".into(), Page::NewProvider)).await;
    // Fill this origin's storage to the brim so the next write is refused.
    let storage = LocalStorage::raw();
    let chunk = "x".repeat(512 * 1024);
    let mut n = 0;
    while storage.set_item(&format!("filler-{n}"), &chunk).is_ok() {
        n += 1;
    }
    let small = "y".repeat(1024);
    while storage.set_item(&format!("filler-small-{n}"), &small).is_ok() {
        n += 1;
    }
    type_into(&host, "#provider-name", "Leeds Teaching Hospitals");
    type_into(&host, "#provider-ods-code", "RR8");
    choose(&host, "#provider-role-both");
    type_into(&host, "#provider-supplier", "Example Health Systems");
    submit(&host);
    settle().await;
    leave_page();
    settle().await;

    let banner = text(&host, ".app-storage-problem");
    assert!(banner.contains("storage for this page is full"), "{banner}");
    assert!(query(&host, ".app-storage-problem button.nhsuk-button:not(.nhsuk-button--secondary)").is_some(), "offers a download");
    assert_eq!(text(&host, "h1"), "Leeds Teaching Hospitals", "the work is still on the page");
    assert_eq!(stored().as_deref(), Some(FIRST_RELEASE), "storage keeps the last good value untouched");
    LocalStorage::clear();
    host.remove();
}

/// What another tab's save looks like to this one: the value changes, then a
/// `storage` event arrives.
fn save_from_another_tab(text: &str) {
    LocalStorage::raw().set_item(STORAGE_KEY, text).unwrap();
    let init = web_sys::StorageEventInit::new();
    init.set_key(Some(STORAGE_KEY));
    init.set_new_value(Some(text));
    let event = web_sys::StorageEvent::new_with_event_init_dict("storage", &init).unwrap();
    web_sys::window().unwrap().dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn a_save_in_another_tab_appears_in_this_one() {
    let (host, _app) = mount_first_release_at(&Route::Home).await;
    assert!(text(&host, "#deployments").contains("Ambulance validation"));
    save_from_another_tab(&FIRST_RELEASE.replace("Ambulance validation", "Ambulance validation wave 2"));
    settle().await;
    assert!(text(&host, "#deployments").contains("Ambulance validation wave 2"));
    host.remove();
}

#[wasm_bindgen_test]
async fn a_tab_never_saves_over_a_newer_value_it_has_not_seen() {
    let (host, _app) = mount_first_release_at(&Route::Deployment("d1".into(), Page::Edit)).await;
    type_into(&host, "#deployment-name", "Renamed in this tab");
    submit(&host);
    settle().await;
    // Another tab saves while this tab's change is still waiting to be written.
    let theirs = FIRST_RELEASE.replace("Ambulance validation", "Renamed in the other tab");
    LocalStorage::raw().set_item(STORAGE_KEY, &theirs).unwrap();
    leave_page();
    settle().await;
    assert_eq!(stored().as_deref(), Some(theirs.as_str()), "the other tab's save stands");
    let banner = text(&host, ".app-storage-problem");
    assert!(banner.contains("changed in another tab"), "{banner}");
    assert_eq!(text(&host, "h1"), "Renamed in this tab", "this tab's work is still on the page");
    host.remove();
}

#[wasm_bindgen_test]
fn date_boxes_compose_into_the_drafts_date_string() {
    use bars_beta_tracker::ui::date_input::{compose_date, split_date};
    assert_eq!(compose_date("5", "3", "2026"), "2026-03-05", "zero-padded");
    assert_eq!(compose_date(" 15 ", "11", "2026"), "2026-11-15", "spaces trimmed");
    assert_eq!(compose_date("", "", ""), "", "all empty is no date");
    assert_eq!(compose_date("3", "", "2026"), "2026--03", "a missing month stays missing");
    assert_eq!(compose_date("x", "3", "2026"), "2026-03-x", "text is passed on as typed");
    assert_eq!(split_date("2026-03-05"), ("5".into(), "3".into(), "2026".into()));
    assert_eq!(split_date(""), (String::new(), String::new(), String::new()));
    for (d, m, y) in [("5", "3", "2026"), ("3", "", "2026"), ("31", "12", "1999")] {
        let (d2, m2, y2) = split_date(&compose_date(d, m, y));
        assert_eq!((d2.as_str(), m2.as_str(), y2.as_str()), (d, m, y));
    }
}

#[wasm_bindgen_test]
async fn a_partial_date_is_refused_on_its_date_group_and_linked_to_its_day_box() {
    let (host, _app) = mount_first_release_at(&Route::Deployment("d1".into(), Page::Edit)).await;
    type_date(&host, "deployment-stable-published", "30", "", "2027");
    submit(&host);
    settle().await;
    // Refused by the domain's date parser; the message shows in the summary and on the group.
    let link = query(&host, ".nhsuk-error-summary a").expect("the partial date is refused");
    let message = link.text_content().unwrap();
    assert!(!message.is_empty());
    assert!(text(&host, "#deployment-stable-published-error").contains(&message), "{message}");
    assert_eq!(link.get_attribute("href").as_deref(), Some("#deployment-stable-published"), "the link goes to the day box");
    let day: HtmlInputElement = query(&host, "#deployment-stable-published").unwrap().unchecked_into();
    assert_eq!(day.get_attribute("name").as_deref(), Some("deployment-stable-published-day"));
    assert!(query(&host, ".nhsuk-form-group--error #deployment-stable-published-error").is_some(), "the message sits on the date group");
    assert!(query(&host, "#deployment-stable-published-month.nhsuk-input--error").is_some());
    leave_page();
    assert_eq!(stored().as_deref(), Some(FIRST_RELEASE), "nothing saved");

    // Filled in properly, the date is saved.
    type_date(&host, "deployment-stable-published", "30", "11", "2027");
    submit(&host);
    settle().await;
    leave_page();
    let saved = from_stored_json(&stored().unwrap()).unwrap();
    assert_eq!(saved.deployments[0].stable_published.map(|d| d.to_string()).as_deref(), Some("2027-11-30"));
    host.remove();
}

/// Pastes `text` into the import's text box and checks it, as a person would.
fn paste_snapshot(host: &HtmlElement, text: &str) {
    let area = query(host, "#import-pasted").expect("the pasted-text box");
    js_sys::Reflect::set(&area, &"value".into(), &text.into()).unwrap();
    area.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    let check: HtmlElement = query(host, ".nhsuk-details__text button").expect("check button").unchecked_into();
    check.click();
}

fn click(host: &HtmlElement, selector: &str) {
    query(host, selector).unwrap_or_else(|| panic!("{selector} is on the page")).unchecked_into::<HtmlElement>().click();
}

/// A snapshot from another organisation holding one new deployment (a copy of
/// the first release's, under another id and name).
fn snapshot_from(organisation: &str, name: &str) -> String {
    let mut deployment = from_stored_json(FIRST_RELEASE).unwrap().deployments.remove(0);
    deployment.id = "d-imported".into();
    deployment.name = name.into();
    let meta = bars_domain::snapshot::ExportMeta {
        app_version: "0.1.0".into(),
        exported_at: chrono::DateTime::parse_from_rfc3339("2026-03-01T09:00:00Z").unwrap().into(),
        exported_by: organisation.into(),
        note: None,
    };
    bars_domain::snapshot::export(&[deployment], &[], &meta)
}

#[wasm_bindgen_test]
async fn an_import_whose_save_fails_leaves_storage_and_the_previous_undo_copy_as_they_were() {
    LocalStorage::clear();
    LocalStorage::raw().set_item(STORAGE_KEY, FIRST_RELEASE).unwrap();
    // An earlier import, still undoable.
    let state = from_stored_json(FIRST_RELEASE).unwrap();
    storage::save_import(&state, "file from Earlier Trust exported 1 March 2026 at 9:00am", &state).unwrap();
    let undo_before = storage::before_import().map(|(what, _)| what);
    let main_before = stored();
    let (host, _app) = mount_app_at(&Route::Share);
    settle().await;
    paste_snapshot(&host, &snapshot_from("Another Trust", "Imported deployment"));
    settle().await;
    assert!(query(&host, "#import-preview").is_some(), "the pasted snapshot is previewed: {}", text(&host, "main"));
    // Fill storage so that the undo copy still fits but the grown state does not.
    let storage = LocalStorage::raw();
    let mut n = 0;
    for size in [512 * 1024, 1024, 16] {
        let chunk = "x".repeat(size);
        while storage.set_item(&format!("filler-{n}"), &chunk).is_ok() {
            n += 1;
        }
    }
    click(&host, "#import-preview .nhsuk-button-group button"); // Import
    settle().await;
    leave_page();
    settle().await;

    assert!(text(&host, "#import-preview .nhsuk-error-summary").contains("Nothing was imported"));
    assert_eq!(stored(), main_before, "the state is as it was");
    assert_eq!(storage::before_import().map(|(what, _)| what), undo_before, "the previous undo copy is kept");
    let banner = text(&host, ".nhsuk-notification-banner--success");
    assert!(banner.contains("Earlier Trust") && !banner.contains("Another Trust"), "undo offers the earlier import only: {banner}");
    LocalStorage::clear();
    host.remove();
}

#[wasm_bindgen_test]
async fn a_refused_paste_lists_each_problem_in_the_summary_linked_to_the_pasted_text() {
    let (host, _app) = mount_first_release_at(&Route::Share).await;
    let good = snapshot_from("Another Trust", "Imported deployment");
    let bad = good.replace("\"Imported deployment\"", "\" \"").replace("\"updated_at\": \"2026-01-05T10:00:00Z\"", "\"updated_at\": \"2030-01-05T10:00:00Z\"");
    assert_ne!(bad, good);
    paste_snapshot(&host, &bad);
    settle().await;
    let summary = query(&host, ".nhsuk-error-summary").expect("an error summary");
    let links = summary.get_elements_by_tag_name("a");
    let lines: Vec<(String, String)> = (0..links.length())
        .filter_map(|i| links.item(i))
        .map(|a| (a.get_attribute("href").unwrap_or_default(), a.text_content().unwrap_or_default()))
        .collect();
    assert_eq!(lines.len(), 3, "what it is about, then one line per problem: {lines:?}");
    assert!(lines.iter().all(|(href, _)| href == "#import-pasted"), "each links to the pasted text: {lines:?}");
    assert!(lines[1..].iter().any(|(_, l)| l.contains("deployments[0].name")) && lines[1..].iter().any(|(_, l)| l.contains("updated_at")), "{lines:?}");
    assert_eq!(summary.text_content().unwrap().matches("Nothing has been changed").count(), 1);
    let error = text(&host, "#import-pasted-error");
    assert!(error.contains("The pasted text is not a valid snapshot"), "said of the pasted text, not of a file: {error}");
    assert!(query(&host, "#import-file-error").is_none(), "and not on the file field");
    host.remove();
}

#[wasm_bindgen_test]
async fn an_import_says_what_a_new_deployment_holds_then_links_to_it_and_clears_the_pasted_text() {
    let (host, _app) = mount_first_release_at(&Route::Share).await;
    paste_snapshot(&host, &snapshot_from("Another Trust", "Imported deployment"));
    settle().await;
    let preview = text(&host, "#merge-preview");
    assert!(preview.contains("New deployment: no records"), "{preview}");
    click(&host, "#import-preview .nhsuk-button-group button"); // Import
    settle().await;
    let link = query(&host, "#imported-deployments a").expect("a link to what was imported");
    assert_eq!(link.text_content().unwrap(), "Imported deployment");
    assert_eq!(link.get_attribute("href").unwrap(), Route::Deployment("d-imported".into(), Page::Progress).href());
    let area = query(&host, "#import-pasted").unwrap();
    assert_eq!(js_sys::Reflect::get(&area, &"value".into()).unwrap().as_string().unwrap(), "", "the pasted text is cleared");
    LocalStorage::clear();
    host.remove();
}

/// The user's text of every `<bdi>` under `selector`.
fn isolated(host: &HtmlElement, selector: &str) -> Vec<String> {
    let el = query(host, selector).unwrap_or_else(|| panic!("{selector} is on the page"));
    let found = el.get_elements_by_tag_name("bdi");
    (0..found.length()).filter_map(|i| found.item(i)).map(|b| b.text_content().unwrap_or_default()).collect()
}

#[wasm_bindgen_test]
async fn text_from_a_file_is_isolated_so_a_right_to_left_override_cannot_reverse_the_sentence_around_it() {
    let (host, _app) = mount_first_release_at(&Route::Share).await;
    let (sender, name, note) = ("\u{202e}Evil Trust", "\u{202e}Reversed deployment", "\u{202e}Read me backwards");
    let file = snapshot_from(sender, name).replacen("\"deployments\"", &format!("\"note\": \"{note}\",\n  \"deployments\""), 1);
    paste_snapshot(&host, &file);
    settle().await;
    // The sentence's own words stay outside the isolated name, in order.
    let meta = query(&host, "#import-meta").expect("who exported it");
    assert_eq!(isolated(&host, "#import-meta"), vec![sender.to_owned()]);
    let words = meta.text_content().unwrap();
    assert!(words.starts_with("Exported by \u{202e}Evil Trust on "), "{words}");
    assert_eq!(isolated(&host, "#import-holds"), vec![name.to_owned()]);
    assert_eq!(isolated(&host, "#import-preview .nhsuk-inset-text"), vec![note.to_owned()]);
    // Quoted values in error messages too.
    paste_snapshot(&host, &file.replace("\"risk_level\": \"high\"", "\"risk_level\": \"\u{202e}high\""));
    settle().await;
    assert_eq!(isolated(&host, ".nhsuk-error-summary").first().map(String::as_str), Some("\u{202e}high"));
    LocalStorage::clear();
    host.remove();
}

#[wasm_bindgen_test]
async fn an_import_never_saves_over_a_newer_value_from_another_tab() {
    let (host, _app) = mount_first_release_at(&Route::Share).await;
    paste_snapshot(&host, &snapshot_from("Another Trust", "Imported deployment"));
    settle().await;
    // Another tab saves before its storage event has arrived here.
    let theirs = FIRST_RELEASE.replace("Ambulance validation", "Renamed in the other tab");
    LocalStorage::raw().set_item(STORAGE_KEY, &theirs).unwrap();
    click(&host, "#import-preview .nhsuk-button-group button"); // Import
    settle().await;
    assert!(text(&host, "#import-preview .nhsuk-error-summary").contains("changed in another tab"));
    assert_eq!(stored().as_deref(), Some(theirs.as_str()), "the other tab's save stands");
    assert!(storage::before_import().is_none(), "no undo copy for an import that did not happen");
    LocalStorage::clear();
    host.remove();
}

#[wasm_bindgen_test]
fn the_stages_routes_round_trip_through_their_links() {
    for route in [
        Route::Deployment("d".into(), Page::Stages),
        Route::Deployment("d".into(), Page::NewDecision("p&1".into())),
        Route::Deployment("d".into(), Page::BusinessChange("p 2".into())),
        Route::Deployment("d".into(), Page::History("p/3".into())),
    ] {
        let href = route.href();
        assert_eq!(Route::parse(href.trim_start_matches("./")), route, "{href}");
    }
    assert_eq!(Route::parse("?deployment=a&page=history"), Route::NotFound, "a history needs its provider");
}

#[wasm_bindgen_test]
async fn the_stages_overview_of_a_deployment_without_providers_says_so() {
    let (host, _app) = mount_first_release_at(&Route::Deployment("d1".into(), Page::Stages)).await;
    assert_eq!(text(&host, "h1"), "Stages");
    assert!(host.text_content().unwrap_or_default().contains("No providers yet"), "the empty overview says what to do");
    assert!(query(&host, "#after-beta").is_some(), "the deployment's stages after beta are shown");
    assert!(query(&host, "a[aria-current='page']").is_some_and(|a| a.text_content().unwrap_or_default() == "Stages"));
    host.remove();
    let (host, _app) = mount_first_release_at(&Route::Deployment("d1".into(), Page::NewDecision("nobody".into()))).await;
    assert!(query(&host, "form").is_none(), "no decision form for a provider not in the deployment");
    host.remove();
}
