//! The BaRS beta deployment domain, in plain Rust.
//!
//! Nothing here knows about the browser: the app passes in "now", ids and text,
//! and gets back values and errors. That keeps every rule testable on the host
//! in seconds, and keeps the Leptos components thin.

pub mod deployment;
pub mod presets;
pub mod risk;
pub mod state;
pub mod validation;

pub use deployment::{Deployment, DeploymentDraft, DeploymentFields};
pub use presets::{ApplicationChoice, BarsApplication, APPLICATIONS};
pub use risk::{AcceptanceCriteria, ServiceRiskLevel};
pub use state::AppState;
pub use validation::FieldError;
