//! Lists shown in a set order. Every list sorts through one key type, so the
//! sort is compiled into the bundle once rather than once per list.

use chrono::{DateTime, Datelike, NaiveDate, Utc};

/// Numbers first, then text; ascending. Negate a number for newest first.
pub type SortKey = (i64, i64, String);

/// Sorts `items` by `key`; items with equal keys keep their order.
pub fn sort_by_key<T>(items: &mut Vec<T>, key: impl Fn(&T) -> SortKey) {
    let mut keyed: Vec<(SortKey, usize)> = items.iter().enumerate().map(|(i, item)| (key(item), i)).collect();
    keyed.sort_unstable();
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(keyed.into_iter().filter_map(|(_, i)| slots[i].take()));
}

/// A day as a number that sorts like the day.
pub fn day(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce())
}

/// A moment as a number that sorts like the moment.
pub fn moment(at: DateTime<Utc>) -> i64 {
    at.timestamp_millis()
}
