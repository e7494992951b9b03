//! The pages, one folder per area.

pub mod contacts;
pub mod deployment;
pub mod home;
pub mod incidents;
pub mod progress;
pub mod providers;
pub mod share;
pub mod volumetrics;
