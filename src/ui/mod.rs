//! NHS design-system building blocks shared by every page.

pub mod form;
pub mod layout;
