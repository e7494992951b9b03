//! The records a deployment is made of. Each has a stable id and the time it
//! was last changed, so that copies edited by different organisations can be
//! merged record by record.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A record that can be merged: identified by `id`, newer by `updated_at`.
pub trait Record {
    fn id(&self) -> &str;
    fn updated_at(&self) -> DateTime<Utc>;
}

macro_rules! record {
    ($($t:ty),*) => {$(
        impl Record for $t {
            fn id(&self) -> &str { &self.id }
            fn updated_at(&self) -> DateTime<Utc> { self.updated_at }
        }
    )*};
}
record!(Provider, Workflow, TestResult, Milestone, DailyVolume, Incident, Contact);
keyed!(ProviderRole, RootCause, MilestoneKind, Party);

/// Whether a provider sends referrals, receives them, or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProviderRole {
    Sender,
    Receiver,
    Both,
}

impl ProviderRole {
    pub const ALL: [ProviderRole; 3] = [Self::Sender, Self::Receiver, Self::Both];
    pub fn key(self) -> &'static str {
        match self {
            Self::Sender => "sender",
            Self::Receiver => "receiver",
            Self::Both => "both",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::Sender => "Sender",
            Self::Receiver => "Receiver",
            Self::Both => "Sender and receiver",
        }
    }
}

/// A healthcare provider taking part in the beta.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Provider {
    pub id: String,
    pub updated_at: DateTime<Utc>,
    pub name: String,
    /// The organisation (ODS) code, e.g. "RX1" or "FA123".
    pub ods_code: String,
    pub role: ProviderRole,
    /// The healthcare IT supplier whose BaRS-conformant system it runs.
    pub supplier: String,
    /// The day the provider went live with real patients (public beta began):
    /// its verification period counts from here.
    pub go_live: Option<NaiveDate>,
}

/// One workflow of a provider's UAT test plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Workflow {
    pub id: String,
    pub updated_at: DateTime<Utc>,
    pub provider_id: String,
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Pass,
    Fail,
}

/// Where the guide says a failed test is fixed: in the standard, in the
/// supplier's solution, or in the provider's configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RootCause {
    Standard,
    SupplierSolution,
    ProviderConfiguration,
}

impl RootCause {
    pub const ALL: [RootCause; 3] = [Self::Standard, Self::SupplierSolution, Self::ProviderConfiguration];
    pub fn key(self) -> &'static str {
        match self {
            Self::Standard => "standard",
            Self::SupplierSolution => "supplier_solution",
            Self::ProviderConfiguration => "provider_configuration",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::Standard => "The standard (BaRS)",
            Self::SupplierSolution => "The supplier's solution",
            Self::ProviderConfiguration => "The provider's configuration",
        }
    }
}

/// One run of one workflow in UAT. Results are kept, never overwritten: the
/// latest one on or before the as-of date is the workflow's state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TestResult {
    pub id: String,
    pub updated_at: DateTime<Utc>,
    pub workflow_id: String,
    pub date: NaiveDate,
    pub outcome: Outcome,
    pub note: String,
    /// Set for failures only.
    pub root_cause: Option<RootCause>,
}

/// Things a provider must have done, each recorded with a date and who recorded it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MilestoneKind {
    /// Clinical lead and clinical safety officer signed off the end of private beta.
    ClinicalSignOff,
    /// DCB0160 clinical risk management done by the provider.
    Dcb0160,
    /// DCB0129 clinical risk management done by the supplier.
    Dcb0129,
    TechnicalConformanceCertificate,
    /// UAT and production endpoints added to the BaRS Endpoint Catalogue.
    EndpointsCatalogued,
    UsersTrained,
    /// End-to-end smoke test in production with test patient data.
    SmokeTestPassed,
    /// A "go" at the go / no-go decision.
    GoDecision,
    /// Supporting guidance and shared best practice reviewed (an acceptance criterion).
    GuidanceReviewed,
}

impl MilestoneKind {
    /// The gates before a provider may go live, in the order they usually fall.
    pub const PRE_LIVE: [MilestoneKind; 8] = [
        Self::ClinicalSignOff,
        Self::Dcb0160,
        Self::Dcb0129,
        Self::TechnicalConformanceCertificate,
        Self::EndpointsCatalogued,
        Self::UsersTrained,
        Self::SmokeTestPassed,
        Self::GoDecision,
    ];
    pub const ALL: [MilestoneKind; 9] = [
        Self::ClinicalSignOff,
        Self::Dcb0160,
        Self::Dcb0129,
        Self::TechnicalConformanceCertificate,
        Self::EndpointsCatalogued,
        Self::UsersTrained,
        Self::SmokeTestPassed,
        Self::GoDecision,
        Self::GuidanceReviewed,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Self::ClinicalSignOff => "clinical_sign_off",
            Self::Dcb0160 => "dcb0160",
            Self::Dcb0129 => "dcb0129",
            Self::TechnicalConformanceCertificate => "technical_conformance_certificate",
            Self::EndpointsCatalogued => "endpoints_catalogued",
            Self::UsersTrained => "users_trained",
            Self::SmokeTestPassed => "smoke_test_passed",
            Self::GoDecision => "go_decision",
            Self::GuidanceReviewed => "guidance_reviewed",
        }
    }


    pub fn label(self) -> &'static str {
        match self {
            Self::ClinicalSignOff => "Clinical lead and clinical safety officer signed off private beta",
            Self::Dcb0160 => "DCB0160 completed (provider)",
            Self::Dcb0129 => "DCB0129 completed (supplier)",
            Self::TechnicalConformanceCertificate => "Technical Conformance Certificate issued",
            Self::EndpointsCatalogued => "UAT and production endpoints in the BaRS Endpoint Catalogue",
            Self::UsersTrained => "Users trained",
            Self::SmokeTestPassed => "Smoke test passed in production",
            Self::GoDecision => "\u{201c}Go\u{201d} recorded at the go / no-go decision",
            Self::GuidanceReviewed => "Supporting guidance and shared best practice reviewed",
        }
    }
}

/// A milestone reached by a provider. Deleting it (a tombstone) un-records it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Milestone {
    pub id: String,
    pub updated_at: DateTime<Utc>,
    pub provider_id: String,
    pub kind: MilestoneKind,
    pub date: NaiveDate,
    pub recorded_by: String,
}

/// One provider's counts for one day of live running. Counts only: never
/// anything about an individual patient.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DailyVolume {
    pub id: String,
    pub updated_at: DateTime<Utc>,
    pub provider_id: String,
    pub date: NaiveDate,
    pub referrals: u32,
    pub responses: u32,
}

/// A safety-related incident during live running.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Incident {
    pub id: String,
    pub updated_at: DateTime<Utc>,
    pub provider_id: String,
    pub date: NaiveDate,
    /// Caused by the BaRS implementation: restarts the provider's verification period.
    pub attributed_to_bars: bool,
    pub summary: String,
    pub reported_to_service_desk: bool,
    pub resolution: String,
}

/// The four parties of a beta.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Party {
    Supplier,
    Provider,
    BarsTeam,
    PolicyAndStrategy,
}

impl Party {
    pub const ALL: [Party; 4] = [Self::Supplier, Self::Provider, Self::BarsTeam, Self::PolicyAndStrategy];
    pub fn key(self) -> &'static str {
        match self {
            Self::Supplier => "supplier",
            Self::Provider => "provider",
            Self::BarsTeam => "bars_team",
            Self::PolicyAndStrategy => "policy_and_strategy",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::Supplier => "Healthcare IT supplier",
            Self::Provider => "Healthcare provider",
            Self::BarsTeam => "NHS England BaRS team",
            Self::PolicyAndStrategy => "NHS England policy and strategy",
        }
    }
    /// The core roles the guide asks each party to staff.
    pub fn core_roles(self) -> &'static [&'static str] {
        match self {
            Self::Supplier => &["Project lead", "System user"],
            Self::Provider => &["Project or digital lead", "Clinical lead", "Information governance lead", "Operational lead", "System user"],
            Self::BarsTeam => &["Project lead", "Clinical lead", "Technical lead"],
            Self::PolicyAndStrategy => &["Policy lead"],
        }
    }
}

/// A named person at one of the parties.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    pub id: String,
    pub updated_at: DateTime<Utc>,
    pub party: Party,
    /// For a provider's staff, which provider.
    pub provider_id: Option<String>,
    /// The organisation's name, e.g. the supplier's.
    pub organisation: String,
    pub role: String,
    pub name: String,
    pub email: String,
}
