//! The app's state and its links to the browser: the store and its storage,
//! the router, shared signals (hooks), and browser helpers.

pub mod browser;
pub mod files;
pub mod hooks;
pub mod party;
pub mod route;
pub mod storage;
pub mod store;
