//! The pages and the NHS design-system pieces they are built from.

pub mod deployment_delete;
pub mod deployment_form;
pub mod deployment_list;
pub mod deployment_view;
pub mod form;
pub mod layout;
