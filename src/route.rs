//! Pages are addressed by the query string (`?deployment=ID&page=edit`), not the
//! path or the fragment: any static host serves `index.html` for such a link at
//! any sub-path, and `#fragment` keeps its usual meaning for skip and error links.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Home,
    NewDeployment,
    Deployment(String),
    EditDeployment(String),
    DeleteDeployment(String),
    NotFound,
}

impl Route {
    /// Reads a route from a query string such as `?deployment=abc&page=edit`.
    pub fn parse(search: &str) -> Route {
        let pairs: Vec<(String, String)> = search
            .trim_start_matches('?')
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (decode(k), decode(v))
            })
            .collect();
        let get = |key: &str| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
        match (get("deployment"), get("page")) {
            (None, None) => Route::Home,
            (None, Some("new")) => Route::NewDeployment,
            (Some(id), None) if !id.is_empty() => Route::Deployment(id.to_owned()),
            (Some(id), Some("edit")) if !id.is_empty() => Route::EditDeployment(id.to_owned()),
            (Some(id), Some("delete")) if !id.is_empty() => Route::DeleteDeployment(id.to_owned()),
            _ => Route::NotFound,
        }
    }

    /// The link to this route, relative to the page, so it works at any sub-path.
    pub fn href(&self) -> String {
        match self {
            Route::Home | Route::NotFound => "./".to_owned(),
            Route::NewDeployment => "?page=new".to_owned(),
            Route::Deployment(id) => format!("?deployment={}", encode(id)),
            Route::EditDeployment(id) => format!("?deployment={}&page=edit", encode(id)),
            Route::DeleteDeployment(id) => format!("?deployment={}&page=delete", encode(id)),
        }
    }
}

fn decode(s: &str) -> String {
    js_sys::decode_uri_component(&s.replace('+', " ")).map(String::from).unwrap_or_else(|_| s.to_owned())
}

fn encode(s: &str) -> String {
    String::from(js_sys::encode_uri_component(s))
}

fn current() -> Route {
    Route::parse(&window().location().search().unwrap_or_default())
}

/// The current route, shared through context.
#[derive(Clone, Copy)]
pub struct Router {
    pub route: ReadSignal<Route>,
    set_route: WriteSignal<Route>,
}

impl Router {
    /// Starts following the address bar: back/forward, and clicks on same-page
    /// `?` links, which are handled here instead of reloading the page.
    pub fn install() -> Router {
        let (route, set_route) = signal(current());
        let router = Router { route, set_route };
        // The listeners live as long as the page: forgetting the handles keeps them.
        std::mem::forget(window_event_listener(leptos::ev::popstate, move |_| set_route.set(current())));
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

    pub fn go(&self, route: &Route) {
        if let Ok(history) = window().history() {
            let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&route.href()));
        }
        self.set_route.set(route.clone());
        window().scroll_to_with_x_and_y(0.0, 0.0);
    }
}

pub fn use_router() -> Router {
    expect_context::<Router>()
}
