//! BaRS Beta Tracker: the browser side. The rules live in `bars_domain`; this
//! crate only renders them, keeps them in browser storage and routes between pages.

pub mod app;
#[cfg(feature = "bench")]
pub mod bench;
pub mod pages;
pub mod state;
pub mod ui;
