//! The app's state and its links to the browser: the store, its storage,
//! the router, and browser helpers.

pub mod browser;
pub mod route;
pub mod storage;
pub mod store;
