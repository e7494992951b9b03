//! NHS design-system building blocks, written once and shared by every page.
//! Nothing here knows about pages.

pub mod accountable;
pub mod as_of;
pub mod charts;
pub mod confirm;
pub mod date_input;
pub mod download;
pub mod form;
pub mod issue_link;
pub mod layout;
pub mod not_found;
pub mod summary_list;
pub mod table;
pub mod tag;
pub mod task_list;
pub mod text;
pub mod when;
