//! One deployment: its frame, its settings, deleting it.

pub mod delete;
pub mod layout;
pub mod settings;
