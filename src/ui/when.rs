//! Leptos's `Show` with one set of types for every use.

use std::sync::Arc;

use leptos::either::Either;
use leptos::prelude::*;

/// Shows `children` while `when` holds, else `fallback`, as `Show` does:
/// the children are drawn again only when `when` changes. `Show` is generic
/// over its condition and its children, so each use compiled a copy of it
/// (about 700 bytes of wasm before wasm-opt); this is compiled once.
#[component]
pub fn When(when: Arc<dyn Fn() -> bool + Send + Sync>, children: ChildrenFn, #[prop(optional, into)] fallback: ViewFn) -> impl IntoView {
    let shown = ArcMemo::new(move |_| when());
    move || if shown.get() { Either::Left(children()) } else { Either::Right(fallback.run()) }
}
