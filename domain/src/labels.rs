//! Dates and times in words (kept here for the pages; see `dates`).

pub use crate::dates::{long_date, long_time};
