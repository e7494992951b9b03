//! The records a deployment is made of, one module each: its type, its
//! enums and their labels, its limits, its free text, its form (a draft and
//! the record made from it) and its rules for files.
//!
//! Each record has a stable id and the time it was last changed, so that
//! copies edited by different organisations can be merged record by record.
//! The list of collections a deployment holds is written once, in
//! `deployment.rs` (`collections!`); merge, validation, migrations, the
//! NHS-number scan, counts and deletion all go through it.
//!
//! Adding a record type: its own module here (with an `impl Record`), a `mod`
//! and `pub use` line below, and its entry in `collections!`.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::deployment::Deployment;
use crate::validate::Rules;

mod contact;
mod daily_counts;
mod incident;
mod milestone;
mod provider;
mod test_result;
mod workflow;

pub use contact::*;
pub use daily_counts::*;
pub use incident::*;
pub use milestone::*;
pub use provider::*;
pub use test_result::*;
pub use workflow::*;

/// What another record a record belongs to is: removing that removes this,
/// and a file's reference must match one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parent {
    Provider,
    Workflow,
}

impl Parent {
    pub fn collection(self) -> &'static str {
        match self {
            Self::Provider => Provider::COLLECTION,
            Self::Workflow => Workflow::COLLECTION,
        }
    }
    pub fn noun(self) -> &'static str {
        match self {
            Self::Provider => "provider",
            Self::Workflow => "workflow",
        }
    }
}

/// A record that can be merged: identified by `id`, newer by `updated_at`.
pub trait Record: Clone + PartialEq + Serialize + 'static {
    /// Its collection's field in a deployment (and in files): "providers".
    const COLLECTION: &'static str;
    /// What one is called in messages: "a provider".
    const NOUN: &'static str;
    fn id(&self) -> &str;
    fn updated_at(&self) -> DateTime<Utc>;
    fn set_updated_at(&mut self, at: DateTime<Utc>);
    /// The record it belongs to, if any, and that record's id.
    fn belongs_to(&self) -> Option<(Parent, &str)> {
        None
    }
    /// The record in words, to point a person at it: "Incident on 3 March 2026".
    fn label(&self, deployment: &Deployment) -> String;
    /// Its free-text fields, (name in words, text), for the NHS-number scan.
    fn free_text(&self) -> Vec<(&'static str, &str)>;
    /// The rules a file's copy of it must meet beyond its shape (which serde
    /// checks): limits, blank names, counts. References and ids are checked
    /// for every record alike.
    fn check(&self, rules: &mut Rules<'_>);
}

/// A record held in a list of a deployment (implemented by `collections!`).
pub trait Collection: Record {
    fn list(deployment: &Deployment) -> &Vec<Self>;
    fn list_mut(deployment: &mut Deployment) -> &mut Vec<Self>;
}

/// Something done to every collection in turn, in `collections!` order
/// (a record's parent collection always comes before it).
pub trait EachCollection {
    fn each<R: Collection>(&mut self);
}

/// Implements `id`, `updated_at` and `set_updated_at` from the fields of those names.
macro_rules! stamped {
    () => {
        fn id(&self) -> &str {
            &self.id
        }
        fn updated_at(&self) -> chrono::DateTime<chrono::Utc> {
            self.updated_at
        }
        fn set_updated_at(&mut self, at: chrono::DateTime<chrono::Utc>) {
            self.updated_at = at;
        }
    };
}
pub(crate) use stamped;

/// The provider's name in quotes, or a plain phrase when the id matches none
/// (which a valid deployment never has, but a label must never panic).
pub(crate) fn provider_name(deployment: &Deployment, provider_id: &str) -> String {
    deployment
        .provider(provider_id)
        .map(|p| format!("\u{201c}{}\u{201d}", p.name))
        .unwrap_or_else(|| "a provider no longer in the deployment".to_owned())
}

/// The most characters a form takes for a name or other short text.
pub const TEXT_MAX_CHARS: usize = 100;
/// The most characters a form takes for a note, summary or resolution.
pub const NOTE_MAX_CHARS: usize = 1000;
