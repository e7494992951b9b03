//! Pages are addressed by the query string (`?deployment=ID&page=providers`),
//! not the path or the fragment: any static host serves `index.html` for such
//! a link at any sub-path, and `#fragment` keeps its usual meaning for skip and
//! error-summary links. `asof=YYYY-MM-DD` rides along on every page.

use chrono::NaiveDate;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Home,
    NewDeployment,
    Share,
    /// The quick readiness calculator; its answers ride in the rest of the query.
    Calculator,
    Deployment(String, Page),
    NotFound,
}

/// The pages of one deployment. `item` is the provider, incident or contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    Progress,
    Edit,
    Delete,
    Providers,
    NewProvider,
    Provider(String),
    EditProvider(String),
    RemoveProvider(String),
    /// A provider's beta exit report.
    ExitReport(String),
    Volumetrics,
    Incidents,
    NewIncident,
    EditIncident(String),
    Contacts,
    NewContact,
    Calls,
    NewCall,
    /// A call in the calendar, by its id when stored or its slot when proposed.
    Call(String),
    CallCadence,
    /// The issue log, filtered as its link says.
    Issues(LogQuery),
    NewIssue,
    /// A new issue raised from a failed test result or an incident (`result:ID`, `incident:ID`).
    RaiseIssue(String),
    EditIssue(String),
    Lessons(LogQuery),
    NewLesson,
    EditLesson(String),
    /// Who does what: the RASCI matrix, its check and the team charter.
    Roles,
    /// One task of the matrix, by its key: its cells, a change, the history.
    RasciTask(String),
    /// A party's responsibilities; the item is a `next_steps::Viewer` key.
    Responsibilities(Option<String>),
    /// One responsibility's form: "duty" or "duty:provider id".
    Responsibility(String),
    /// What my organisation does next; the item is a `next_steps::Viewer` key.
    NextSteps(Option<String>),
    /// Every provider's stage, in one table.
    Stages,
    NewDecision(String),
    BusinessChange(String),
    History(String),
}

/// The filters of the issue and lessons logs, kept in the link (`&status=open&owner=supplier`).
/// Values are as typed in the address; the pages read them through the domain.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LogQuery {
    pub status: String,
    pub owner: String,
    pub provider: String,
    /// Open issues older than this many days stand out.
    pub days: String,
    /// Only the lessons for the retrospective.
    pub retro: bool,
}

impl LogQuery {
    /// No filters.
    pub const NONE: LogQuery = LogQuery { status: String::new(), owner: String::new(), provider: String::new(), days: String::new(), retro: false };

    const KEYS: [&'static str; 4] = ["status", "owner", "provider", "days"];

    fn from_pairs(pairs: &[(String, String)]) -> Self {
        let get = |key: &str| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()).unwrap_or_default();
        LogQuery { status: get("status"), owner: get("owner"), provider: get("provider"), days: get("days"), retro: get("retro") == "yes" }
    }

    /// `&status=open&…` for the filters that are set.
    fn push_to(&self, href: &mut String) {
        for (key, value) in Self::KEYS.iter().zip([&self.status, &self.owner, &self.provider, &self.days]) {
            if !value.is_empty() {
                href.push_str(&format!("&{key}={}", encode(value)));
            }
        }
        if self.retro {
            href.push_str("&retro=yes");
        }
    }
}

impl Page {
    fn key_and_item(&self) -> (Option<&'static str>, Option<&str>) {
        match self {
            Page::Progress => (None, None),
            Page::Edit => (Some("edit"), None),
            Page::Delete => (Some("delete"), None),
            Page::Providers => (Some("providers"), None),
            Page::NewProvider => (Some("new-provider"), None),
            Page::Provider(id) => (Some("provider"), Some(id)),
            Page::EditProvider(id) => (Some("edit-provider"), Some(id)),
            Page::RemoveProvider(id) => (Some("remove-provider"), Some(id)),
            Page::ExitReport(id) => (Some("exit-report"), Some(id)),
            Page::Volumetrics => (Some("volumetrics"), None),
            Page::Incidents => (Some("incidents"), None),
            Page::NewIncident => (Some("new-incident"), None),
            Page::EditIncident(id) => (Some("edit-incident"), Some(id)),
            Page::Contacts => (Some("contacts"), None),
            Page::NewContact => (Some("new-contact"), None),
            Page::Calls => (Some("calls"), None),
            Page::NewCall => (Some("new-call"), None),
            Page::Call(key) => (Some("call"), Some(key)),
            Page::CallCadence => (Some("call-cadence"), None),
            Page::Roles => (Some("roles"), None),
            Page::RasciTask(task) => (Some("rasci-task"), Some(task)),
            Page::Responsibilities(who) => (Some("responsibilities"), who.as_deref()),
            Page::Responsibility(item) => (Some("responsibility"), Some(item)),
            Page::NextSteps(who) => (Some("next-steps"), who.as_deref()),
            Page::Stages => (Some("stages"), None),
            Page::NewDecision(id) => (Some("new-decision"), Some(id)),
            Page::BusinessChange(id) => (Some("business-change"), Some(id)),
            Page::History(id) => (Some("history"), Some(id)),
            Page::Issues(_) => (Some("issues"), None),
            Page::NewIssue => (Some("new-issue"), None),
            Page::RaiseIssue(source) => (Some("raise-issue"), Some(source)),
            Page::EditIssue(id) => (Some("issue"), Some(id)),
            Page::Lessons(_) => (Some("lessons"), None),
            Page::NewLesson => (Some("new-lesson"), None),
            Page::EditLesson(id) => (Some("lesson"), Some(id)),
        }
    }

    fn from_key(page: Option<&str>, item: Option<&str>, pairs: &[(String, String)]) -> Option<Page> {
        let item = item.filter(|i| !i.is_empty()).map(str::to_owned);
        Some(match (page, item) {
            (None, None) => Page::Progress,
            (Some("edit"), None) => Page::Edit,
            (Some("delete"), None) => Page::Delete,
            (Some("providers"), None) => Page::Providers,
            (Some("new-provider"), None) => Page::NewProvider,
            (Some("provider"), Some(id)) => Page::Provider(id),
            (Some("edit-provider"), Some(id)) => Page::EditProvider(id),
            (Some("remove-provider"), Some(id)) => Page::RemoveProvider(id),
            (Some("exit-report"), Some(id)) => Page::ExitReport(id),
            (Some("volumetrics"), None) => Page::Volumetrics,
            (Some("incidents"), None) => Page::Incidents,
            (Some("new-incident"), None) => Page::NewIncident,
            (Some("edit-incident"), Some(id)) => Page::EditIncident(id),
            (Some("contacts"), None) => Page::Contacts,
            (Some("new-contact"), None) => Page::NewContact,
            (Some("calls"), None) => Page::Calls,
            (Some("new-call"), None) => Page::NewCall,
            (Some("call"), Some(key)) => Page::Call(key),
            (Some("call-cadence"), None) => Page::CallCadence,
            (Some("roles"), None) => Page::Roles,
            (Some("rasci-task"), Some(task)) => Page::RasciTask(task),
            (Some("responsibilities"), who) => Page::Responsibilities(who),
            (Some("responsibility"), Some(item)) => Page::Responsibility(item),
            (Some("next-steps"), who) => Page::NextSteps(who),
            (Some("stages"), None) => Page::Stages,
            (Some("new-decision"), Some(id)) => Page::NewDecision(id),
            (Some("business-change"), Some(id)) => Page::BusinessChange(id),
            (Some("history"), Some(id)) => Page::History(id),
            (Some("issues"), None) => Page::Issues(LogQuery::from_pairs(pairs)),
            (Some("new-issue"), None) => Page::NewIssue,
            (Some("raise-issue"), Some(source)) => Page::RaiseIssue(source),
            (Some("issue"), Some(id)) => Page::EditIssue(id),
            (Some("lessons"), None) => Page::Lessons(LogQuery::from_pairs(pairs)),
            (Some("new-lesson"), None) => Page::NewLesson,
            (Some("lesson"), Some(id)) => Page::EditLesson(id),
            _ => return None,
        })
    }
}

fn params(search: &str) -> Vec<(String, String)> {
    search
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

impl Route {
    /// Reads a route from a query string such as `?deployment=abc&page=edit`.
    pub fn parse(search: &str) -> Route {
        let pairs = params(search);
        let get = |key: &str| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
        match (get("deployment"), get("page")) {
            (None, None) => Route::Home,
            (None, Some("new")) => Route::NewDeployment,
            (None, Some("share")) => Route::Share,
            (None, Some("calculator")) => Route::Calculator,
            (Some(id), page) if !id.is_empty() => match Page::from_key(page, get("item"), &pairs) {
                Some(page) => Route::Deployment(id.to_owned(), page),
                None => Route::NotFound,
            },
            _ => Route::NotFound,
        }
    }

    /// The link to this route, relative to the page, so it works at any sub-path.
    pub fn href(&self) -> String {
        match self {
            Route::Home | Route::NotFound => "./".to_owned(),
            Route::NewDeployment => "?page=new".to_owned(),
            Route::Share => "?page=share".to_owned(),
            Route::Calculator => "?page=calculator".to_owned(),
            Route::Deployment(id, page) => {
                let mut href = format!("?deployment={}", encode(id));
                let (key, item) = page.key_and_item();
                if let Some(key) = key {
                    href.push_str(&format!("&page={key}"));
                }
                if let Some(item) = item {
                    href.push_str(&format!("&item={}", encode(item)));
                }
                if let Page::Issues(query) | Page::Lessons(query) = page {
                    query.push_to(&mut href);
                }
                href
            }
        }
    }
}

/// A page of one deployment.
pub fn deployment_href(id: &str, page: Page) -> String {
    Route::Deployment(id.to_owned(), page).href()
}

/// The `asof` parameter of a query string, when it is a real date.
pub fn parse_as_of(search: &str) -> Option<NaiveDate> {
    params(search)
        .into_iter()
        .find(|(k, _)| k == "asof")
        .and_then(|(_, v)| bars_domain::forms::parse_date(&v).ok().flatten())
}

fn decode(s: &str) -> String {
    js_sys::decode_uri_component(&s.replace('+', " ")).map(String::from).unwrap_or_else(|_| s.to_owned())
}

fn encode(s: &str) -> String {
    String::from(js_sys::encode_uri_component(s))
}

/// The current query's parameters, decoded.
pub fn query_pairs() -> Vec<(String, String)> {
    params(&search())
}

/// Puts `pairs` after `route`'s own query in the address bar, replacing the
/// current history entry, so the address can be copied to share them.
pub fn show_in_address(route: &Route, pairs: &[(&str, String)]) {
    let mut address = route.href();
    for (i, (key, value)) in pairs.iter().enumerate() {
        // The home page's address is "./": its first parameter starts the query.
        let joint = if i == 0 && address == "./" { "?" } else { "&" };
        if joint == "?" {
            address.clear();
        }
        address.push_str(&format!("{joint}{key}={}", encode(value)));
    }
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&address));
    }
}

fn search() -> String {
    window().location().search().unwrap_or_default()
}

/// The current route and as-of date, shared through context.
#[derive(Clone, Copy)]
pub struct Router {
    pub route: ReadSignal<Route>,
    set_route: WriteSignal<Route>,
    /// The date progress is assessed on; `None` means today.
    pub as_of: ReadSignal<Option<NaiveDate>>,
    set_as_of: WriteSignal<Option<NaiveDate>>,
}

impl Router {
    /// Starts following the address bar: back/forward, and clicks on same-page
    /// `?` links, which are handled here instead of reloading the page.
    pub fn install() -> Router {
        let (route, set_route) = signal(Route::parse(&search()));
        let (as_of, set_as_of) = signal(parse_as_of(&search()));
        let router = Router { route, set_route, as_of, set_as_of };
        // The listeners live as long as the page: forgetting the handles keeps them.
        std::mem::forget(window_event_listener(leptos::ev::popstate, move |_| {
            set_route.set(Route::parse(&search()));
            set_as_of.set(parse_as_of(&search()));
        }));
        std::mem::forget(window_event_listener(leptos::ev::click, move |ev: web_sys::MouseEvent| {
            if ev.default_prevented() || ev.button() != 0 || ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() {
                return;
            }
            let anchor = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("a[href]").ok().flatten());
            if let Some(href) = anchor.and_then(|a| a.get_attribute("href")) {
                if href.starts_with('?') || href == "./" {
                    ev.prevent_default();
                    router.go(&Route::parse(href.trim_start_matches("./")));
                }
            }
        }));
        router
    }

    /// The address of `route`, keeping the as-of date.
    fn address(&self, route: &Route) -> String {
        let href = route.href();
        match self.as_of.get_untracked() {
            None => href,
            Some(date) if href == "./" => format!("?asof={date}"),
            Some(date) => format!("{href}&asof={date}"),
        }
    }

    /// Shows `route` in place of the current history entry (a page that
    /// fills in its own address, as the party view does from this browser's choice).
    pub fn replace(&self, route: &Route) {
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&self.address(route)));
        }
        self.set_route.set(route.clone());
    }

    pub fn go(&self, route: &Route) {
        if let Ok(history) = window().history() {
            let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&self.address(route)));
        }
        self.set_route.set(route.clone());
        window().scroll_to_with_x_and_y(0.0, 0.0);
    }

    /// Sets the as-of date (`None` for today) and records it in the address,
    /// replacing the current history entry so Back leaves the page as usual.
    /// The address is rewritten once the new figures are on screen: the
    /// browser takes a millisecond or two over it, which the page need not wait for.
    pub fn set_as_of(&self, date: Option<NaiveDate>) {
        self.set_as_of.set(date);
        let router = *self;
        request_animation_frame(move || {
            set_timeout(
                move || {
                    if let Ok(history) = window().history() {
                        let address = router.address(&router.route.get_untracked());
                        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&address));
                    }
                },
                std::time::Duration::ZERO,
            )
        });
    }
}

pub fn use_router() -> Router {
    expect_context::<Router>()
}
