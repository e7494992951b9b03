//! Records seen through a vtable: what the per-collection passes
//! (validation, merge, the NHS-number scan, removal) read of a record. A
//! pass written against `&dyn AnyRecord` is in the wasm once, not once per
//! record type (issue 7: that saved about 7 kB gzip).

use chrono::{DateTime, Utc};

use super::{Deployment, Parent, Record, Reference};
use crate::validate::Rules;

/// A record seen through a vtable (implemented for every [`Record`]).
pub(crate) trait AnyRecord {
    fn id(&self) -> &str;
    fn updated_at(&self) -> DateTime<Utc>;
    fn belongs_to(&self) -> Option<(Parent, &str)>;
    fn one_per_provider_day(&self) -> Option<(&str, chrono::NaiveDate)>;
    fn one_per_provider(&self) -> Option<(&str, &'static str)>;
    fn refers_to(&self) -> Vec<Reference<'_>>;
    fn label(&self, deployment: &Deployment) -> String;
    fn free_text(&self) -> Vec<(&'static str, &str)>;
    fn check(&self, rules: &mut Rules<'_>);
    /// Its content as JSON text without its stamp (`updated_at`), as a merge
    /// compares two versions of it.
    fn content(&self) -> String;
}

impl<R: Record> AnyRecord for R {
    fn id(&self) -> &str {
        Record::id(self)
    }
    fn updated_at(&self) -> DateTime<Utc> {
        Record::updated_at(self)
    }
    fn belongs_to(&self) -> Option<(Parent, &str)> {
        Record::belongs_to(self)
    }
    fn one_per_provider_day(&self) -> Option<(&str, chrono::NaiveDate)> {
        Record::one_per_provider_day(self)
    }
    fn one_per_provider(&self) -> Option<(&str, &'static str)> {
        Record::one_per_provider(self)
    }
    fn refers_to(&self) -> Vec<Reference<'_>> {
        Record::refers_to(self)
    }
    fn label(&self, deployment: &Deployment) -> String {
        Record::label(self, deployment)
    }
    fn free_text(&self) -> Vec<(&'static str, &str)> {
        Record::free_text(self)
    }
    fn check(&self, rules: &mut Rules<'_>) {
        Record::check(self, rules)
    }
    fn content(&self) -> String {
        let mut unstamped = self.clone();
        unstamped.set_updated_at(DateTime::<Utc>::MIN_UTC);
        crate::json_text::compact(&unstamped)
    }
}

/// A collection's records seen through [`AnyRecord`].
pub(crate) fn any_records<R: Record>(list: &[R]) -> Vec<&dyn AnyRecord> {
    list.iter().map(|r| r as &dyn AnyRecord).collect()
}
