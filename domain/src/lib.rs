//! The BaRS beta deployment domain, in plain Rust.
//!
//! Nothing here knows about the browser: the app passes in "now", ids and text,
//! and gets back values and errors. That keeps every rule testable on the host
//! in seconds, and keeps the Leptos components thin.

/// `from_key` for enums that list their values in `ALL` and name each with
/// `key`: the stable token used in forms and files.
macro_rules! keyed {
    ($($t:ty),*) => {$(
        impl $t {
            pub fn from_key(key: &str) -> Option<Self> {
                Self::ALL.into_iter().find(|value| value.key() == key)
            }
        }
    )*};
}

pub mod deployment;
pub mod forms;
pub mod labels;
pub mod merge;
pub mod migrations;
pub mod nhs_number;
pub mod presets;
pub mod readiness;
pub mod records;
pub mod risk;
pub mod snapshot;
pub mod state;
pub mod validate;
pub mod validation;

pub use deployment::{Deployment, DeploymentDraft, DeploymentFields, Tombstone};
pub use presets::{ApplicationChoice, BarsApplication, APPLICATIONS};
pub use risk::{AcceptanceCriteria, ServiceRiskLevel};
pub use state::AppState;
pub use validation::FieldError;

/// A date as the app shows it: "3 March 2026".
pub fn describe_date(date: chrono::NaiveDate) -> String {
    readiness::describe::date(date)
}
