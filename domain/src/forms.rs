//! The forms' drafts and checks now live with their records
//! (`records::*`, `deployment`); these names stay for the pages.

pub use crate::csv_in::parse_volumetrics;
pub use crate::dates::parse_optional_day as parse_date;
pub use crate::deployment::SettingsDraft;
pub use crate::records::{
    parse_count, BusinessChangeDraft, DecisionDraft, store_counts, validate_workflow_name, week_start, ContactDraft, ContactFields, DayCounts, ExitReportDraft,
    IncidentDraft, IncidentFields, MilestoneDraft, ProviderDraft, ProviderFields, ResultDraft, ResultFields, WeekDraft, DAILY_COUNT_MAX,
    NOTE_MAX_CHARS, TEXT_MAX_CHARS,
};
