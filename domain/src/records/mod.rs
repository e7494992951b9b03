//! The records a deployment is made of, one module each: its type, its
//! enums and their labels, its limits, its free text, its form (a draft and
//! the record made from it) and its rules for files.
//!
//! Each record has a stable id and the time it was last changed, so that
//! copies edited by different organisations can be merged record by record.
//! The list of collections a deployment holds is written once, below
//! (`collections!`); merge, validation, migrations, the NHS-number scan,
//! counts and deletion all go through it.
//!
//! Adding a record type: its own module here (with an `impl Record`) and its
//! line in `collections!`. It changes what a file holds, so also bump
//! `migrations::FORMAT_VERSION` with a one-line step (`add_collections`).

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::validate::Rules;


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
    /// How a number of them is counted: ("provider", "providers").
    const COUNTED: (&'static str, &'static str);
    fn id(&self) -> &str;
    fn updated_at(&self) -> DateTime<Utc>;
    fn set_updated_at(&mut self, at: DateTime<Utc>);
    fn set_id(&mut self, id: String);
    /// The record it belongs to, if any, and that record's id.
    fn belongs_to(&self) -> Option<(Parent, &str)> {
        None
    }
    /// For a record that is one per provider and day (a day's counts), that
    /// provider and day: a file may hold one, and a merge treats two with
    /// different ids as the same record.
    fn one_per_provider_day(&self) -> Option<(&str, chrono::NaiveDate)> {
        None
    }
    /// For a record a provider has at most one of per key (a business change
    /// activity), that provider and key: a file may hold one. An empty key:
    /// one per provider (the exit report).
    fn one_per_provider(&self) -> Option<(&str, &'static str)> {
        None
    }

    /// The records it names that are not its parent (an issue's test result,
    /// contact, …). A file's reference must match a record of that list or
    /// one deleted from the deployment: removing the record named leaves the
    /// reference (its page then says the record was removed).
    fn refers_to(&self) -> Vec<Reference<'_>> {
        Vec::new()
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

/// Records seen through a vtable ([`erased::AnyRecord`]), for the
/// per-collection passes. A module of its own, so that `use records::*`
/// does not bring its methods (named like [`Record`]'s) into scope.
pub(crate) mod erased;

/// A reference to a record other than a record's parent, for [`Record::refers_to`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reference<'a> {
    /// The field holding it, e.g. "test_result_id" …
    pub field: &'static str,
    /// … and its place when the field is a list ("issue_ids[2]").
    pub index: Option<usize>,
    /// The list the record named is in, e.g. "test_results".
    pub collection: &'static str,
    pub id: &'a str,
}

impl Deployment {
    /// Whether `collection` holds a record with `id`, or the deployment
    /// remembers deleting one (a reference to a deleted record is kept).
    pub fn holds_or_held(&self, collection: &str, id: &str) -> bool {
        struct Find<'a> {
            d: &'a Deployment,
            collection: &'a str,
            id: &'a str,
            found: bool,
        }
        impl EachCollection for Find<'_> {
            fn each<R: Collection>(&mut self) {
                if R::COLLECTION == self.collection {
                    self.found |= R::list(self.d).iter().any(|r| r.id() == self.id);
                }
            }
        }
        let mut find = Find { d: self, collection, id, found: false };
        Deployment::each_collection(&mut find);
        find.found || self.deleted.iter().any(|t| t.id == id)
    }
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

/// Implements `id`, `updated_at`, `set_updated_at` and `set_id` from the
/// fields of those names; `stamped!(provider_id)` also `belongs_to` the
/// provider named by `provider_id`.
macro_rules! stamped {
    (provider_id) => {
        stamped!();
        fn belongs_to(&self) -> Option<(Parent, &str)> {
            Some((Parent::Provider, &self.provider_id))
        }
    };
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
        fn set_id(&mut self, id: String) {
            self.id = id;
        }
    };
}

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

/// The lists of records a deployment holds, written once: the struct's
/// fields, [`Collection`] for each record type, and [`Deployment::each_collection`]
/// all come from this list. A record's parent collection comes before it.
macro_rules! collections {
    ($($module:ident: $field:ident: $t:ident),* $(,)?) => {
        $(mod $module;
        pub use $module::*;)*

        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[serde(deny_unknown_fields)]
        pub struct Deployment {
            #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::ID_MAX_CHARS), regex(pattern = r"\S")))]
            pub id: String,
            #[cfg_attr(feature = "schema", schemars(length(max = crate::deployment::NAME_MAX_CHARS), regex(pattern = r"\S")))]
            pub name: String,
            pub application: crate::presets::ApplicationChoice,
            pub risk_level: crate::risk::ServiceRiskLevel,
            #[serde(deserialize_with = "crate::de::time")]
            pub created_at: chrono::DateTime<chrono::Utc>,
            /// When the deployment's own fields (above and below) last changed.
            #[serde(deserialize_with = "crate::de::time")]
            pub updated_at: chrono::DateTime<chrono::Utc>,
            /// Whether the use case has responses: then a referral counts towards the
            /// minimum only once its response has come back.
            pub has_responses: bool,
            /// When the stable (v1.0) version of the Application was published, if it has been.
            #[serde(default, deserialize_with = "crate::de::optional_day")]
            pub stable_published: Option<chrono::NaiveDate>,
            /// When the standard was updated after the public beta's evaluation, if it has been.
            #[serde(default, deserialize_with = "crate::de::optional_day")]
            pub standard_updated: Option<chrono::NaiveDate>,
            $(#[serde(deserialize_with = "crate::de::objects")]
            pub $field: Vec<$t>,)*
            /// Records deleted from this deployment, remembered so that a merge can
            /// tell "deleted there" from "never had it".
            #[serde(deserialize_with = "crate::de::objects")]
            pub deleted: Vec<crate::deployment::Tombstone>,
        }

        $(impl Collection for $t {
            fn list(d: &Deployment) -> &Vec<Self> {
                &d.$field
            }
            fn list_mut(d: &mut Deployment) -> &mut Vec<Self> {
                &mut d.$field
            }
        })*

        impl Deployment {
            /// The names of the record lists, in order ("providers", …).
            pub const COLLECTIONS: &'static [&'static str] = &[$(stringify!($field)),*];

            /// Runs `visit` for each record type, in the order above.
            pub fn each_collection(visit: &mut impl EachCollection) {
                $(visit.each::<$t>();)*
            }

            pub(crate) fn empty(
                id: String,
                name: String,
                application: crate::presets::ApplicationChoice,
                risk_level: crate::risk::ServiceRiskLevel,
                now: chrono::DateTime<chrono::Utc>,
            ) -> Self {
                let has_responses = application.preset().is_some_and(|app| app.has_responses);
                Deployment {
                    id, name, application, risk_level, created_at: now, updated_at: now, has_responses,
                    stable_published: None,
                    standard_updated: None,
                    $($field: Vec::new(),)*
                    deleted: Vec::new(),
                }
            }
        }

        /// What one of a record list is called in messages, by the list's name.
        pub fn noun_of_collection(name: &str) -> Option<&'static str> {
            match name {
                $(stringify!($field) => Some(<$t as Record>::NOUN),)*
                _ => None,
            }
        }
    };
}

collections!(
    provider: providers: Provider,
    workflow: workflows: Workflow,
    test_result: test_results: TestResult,
    milestone: milestones: Milestone,
    decision: decisions: Decision,
    business_change: business_change: BusinessChange,
    daily_counts: volumetrics: DailyVolume,
    incident: incidents: Incident,
    contact: contacts: Contact,
    call_cadence: call_cadences: CallCadence,
    call: calls: Call,
    issue: issues: Issue,
    lesson: lessons: Lesson,
    rasci_change: rasci_changes: RasciChange,
    responsibility: responsibilities: Responsibility,
    exit_report: exit_reports: ExitReport,
);
