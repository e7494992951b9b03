//! The pages and the NHS design-system pieces they are built from.

pub mod contacts;
pub mod dashboard;
pub mod deployment_delete;
pub mod deployment_form;
pub mod deployment_list;
pub mod deployment_page;
pub mod form;
pub mod incidents;
pub mod layout;
pub mod provider_page;
pub mod providers;
pub mod share;
pub mod volumetrics;
