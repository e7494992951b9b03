//! The BaRS beta deployment domain, in plain Rust.
//!
//! Nothing here knows about the browser: the app passes in "now", ids and text,
//! and gets back values and errors. That keeps every rule testable on the host
//! in seconds, and keeps the Leptos components thin.

/// A keyed enum: each value has a stable token (`key`, used in forms and
/// files) and words for people (`label`), and is read from files by its key
/// with a message that lists the allowed ones.
macro_rules! keyed {
    ($t:ident { $($v:ident => $key:literal, $label:literal;)* }) => {
        impl $t {
            pub const ALL: [$t; [$(stringify!($v)),*].len()] = [$($t::$v),*];
            pub fn key(self) -> &'static str {
                match self { $($t::$v => $key,)* }
            }
            pub fn label(self) -> &'static str {
                match self { $($t::$v => $label,)* }
            }
            pub fn from_key(key: &str) -> Option<Self> {
                Self::ALL.into_iter().find(|value| value.key() == key)
            }
        }
        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                crate::de::parsed(d, |s| {
                    $t::from_key(s).ok_or_else(|| {
                        let keys: Vec<&str> = $t::ALL.into_iter().map($t::key).collect();
                        format!("{} is not allowed: use one of {}", crate::text::quote(s), crate::text::quoted_list(&keys))
                    })
                })
            }
        }
    };
}

pub mod calculator;
pub mod calls;
pub mod charts;
pub mod csv_in;
pub mod csv_out;
pub mod dates;
pub mod ical;
pub(crate) mod de;
pub mod deployment;
pub mod example;
pub mod exit_report;
pub mod forms;
pub mod json_path;
pub mod json_text;
pub mod labels;
pub mod merge;
pub mod migrations;
pub mod nhs_number;
pub mod order;
pub mod portfolio;
pub mod presets;
pub mod rasci;
pub mod readiness;
pub mod records;
pub mod responsibilities;
pub mod next_steps;
pub mod risk;
pub mod sharing;
pub mod snapshot;
pub mod stages;
pub mod state;
pub mod text;
pub mod validate;
pub mod validation;

pub use deployment::{Deployment, DeploymentDraft, DeploymentFields, Tombstone};
pub use presets::{ApplicationChoice, BarsApplication, APPLICATIONS};
pub use risk::{AcceptanceCriteria, ServiceRiskLevel};
pub use state::AppState;
pub use validation::FieldError;

/// A date as the app shows it: "3 March 2026".
pub fn describe_date(date: chrono::NaiveDate) -> String {
    dates::long_date(date)
}
