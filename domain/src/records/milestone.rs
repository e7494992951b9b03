//! Checks and milestones a provider must have done, each recorded with a
//! date and who recorded it.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{provider_name, Parent, Record, TEXT_MAX_CHARS};
use crate::deployment::Deployment;
use crate::validate::{Rules, SHORT_TEXT_MAX_CHARS};
use crate::validation::{Checker, FieldError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum MilestoneKind {
    /// The provider has view access to the supplier's solution (business change needs it).
    ViewAccess,
    /// The UAT environment is deployed and configured.
    UatEnvironmentReady,
    /// Clinical lead and clinical safety officer signed off the end of private beta.
    ClinicalSignOff,
    /// DCB0160 clinical risk management done by the provider.
    Dcb0160,
    /// DCB0129 clinical risk management done by the supplier.
    Dcb0129,
    TechnicalConformanceCertificate,
    /// The production environment is deployed and configured.
    ProductionEnvironmentReady,
    /// UAT and production endpoints added to the BaRS Endpoint Catalogue.
    EndpointsCatalogued,
    UsersTrained,
    /// End-to-end smoke test in production with test patient data.
    SmokeTestPassed,
    /// A "go" at the go / no-go decision. This gate is never a milestone
    /// record: it is read from the provider's latest go / no-go decision
    /// (`records::Decision`); version 3 turned old `go_decision` milestones into decisions.
    GoDecision,
    /// Supporting guidance and shared best practice reviewed (an acceptance criterion).
    GuidanceReviewed,
    /// The beta exit report is written.
    BetaExitReport,
    /// The supplier deployed the uplifted stable (v1.0) version to this provider.
    UpliftDeployed,
}

keyed!(MilestoneKind {
    ViewAccess => "view_access", "Provider has view access to the supplier's solution";
    UatEnvironmentReady => "uat_environment_ready", "UAT environment deployed and configured";
    ClinicalSignOff => "clinical_sign_off", "Clinical lead and clinical safety officer signed off private beta";
    Dcb0160 => "dcb0160", "DCB0160 completed (provider)";
    Dcb0129 => "dcb0129", "DCB0129 completed (supplier)";
    TechnicalConformanceCertificate => "technical_conformance_certificate", "Technical Conformance Certificate issued";
    ProductionEnvironmentReady => "production_environment_ready", "Production environment deployed and configured";
    EndpointsCatalogued => "endpoints_catalogued", "UAT and production endpoints in the BaRS Endpoint Catalogue";
    UsersTrained => "users_trained", "Users trained";
    SmokeTestPassed => "smoke_test_passed", "Smoke test passed in production";
    GoDecision => "go_decision", "\u{201c}Go\u{201d} recorded at the go / no-go decision";
    GuidanceReviewed => "guidance_reviewed", "Supporting guidance and shared best practice reviewed";
    BetaExitReport => "beta_exit_report", "Beta exit report written";
    UpliftDeployed => "uplift_deployed", "Uplifted stable (v1.0) version deployed";
});

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

    /// Whether a milestone record may be of this kind: every kind but the
    /// "go", which is a decision.
    pub fn is_recorded_as_milestone(self) -> bool {
        self != Self::GoDecision
    }

    /// Production work and go-live: the guide has every UAT workflow pass first.
    pub fn is_production_work(self) -> bool {
        matches!(self, Self::ProductionEnvironmentReady | Self::SmokeTestPassed)
    }

    /// Whether a "no" that sends the provider back to or before this gate's
    /// stage means the gate must be recorded again. Environments, the
    /// sign-off of the end of private beta, the smoke test, the go and the
    /// exit report are redone; documents that stay valid (DCB0160, DCB0129,
    /// the certificate, catalogue entries, view access) and training are not.
    pub fn redone_after_a_no(self) -> bool {
        matches!(
            self,
            Self::UatEnvironmentReady
                | Self::ClinicalSignOff
                | Self::ProductionEnvironmentReady
                | Self::SmokeTestPassed
                | Self::GoDecision
                | Self::BetaExitReport
        )
    }
}

/// A milestone reached by a provider. Deleting it (a tombstone) un-records it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::ID_MAX_CHARS), regex(pattern = r"\S")))]
    pub id: String,
    #[serde(deserialize_with = "crate::de::time")]
    pub updated_at: DateTime<Utc>,
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::ID_MAX_CHARS), regex(pattern = r"\S")))]
    pub provider_id: String,
    pub kind: MilestoneKind,
    #[serde(deserialize_with = "crate::de::day")]
    pub date: NaiveDate,
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::SHORT_TEXT_MAX_CHARS)))]
    pub recorded_by: String,
}

impl Record for Milestone {
    const COLLECTION: &'static str = "milestones";
    const NOUN: &'static str = "a milestone";
    const COUNTED: (&'static str, &'static str) = ("milestone", "milestones");
    stamped!(provider_id);
    fn label(&self, d: &Deployment) -> String {
        format!("Milestone \u{201c}{}\u{201d} for {}", self.kind.label(), provider_name(d, &self.provider_id))
    }
    fn free_text(&self) -> Vec<(&'static str, &str)> {
        vec![("recorded by", &self.recorded_by)]
    }
    fn check(&self, r: &mut Rules<'_>) {
        r.text("recorded_by", &self.recorded_by, SHORT_TEXT_MAX_CHARS);
        if !self.kind.is_recorded_as_milestone() {
            r.fail("kind", "\u{201c}go_decision\u{201d} is not a milestone any more: a \u{201c}go\u{201d} is one of the provider's decisions");
        }
    }
}

/// The form for recording a milestone: which one (among those not yet
/// recorded for the provider), when, and by whom.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MilestoneDraft {
    pub date: String,
    pub recorded_by: String,
}

impl MilestoneDraft {
    pub fn validate(&self, today: NaiveDate) -> Result<(NaiveDate, String), Vec<FieldError>> {
        let mut c = Checker::new();
        let (date, by) = self.check(&mut c, today);
        c.finish(|| (date.expect("checked"), by))
    }

    fn check(&self, c: &mut Checker, today: NaiveDate) -> (Option<NaiveDate>, String) {
        let date = c.date("date", &self.date, "the date", true);
        if date.is_some_and(|d| d > today) {
            c.fail("date", "The date must be today or in the past");
        }
        let by = c.text("recorded_by", &self.recorded_by, "who recorded it", TEXT_MAX_CHARS);
        (date, by)
    }

    /// The whole form: the choice of milestone `kind` (a key) as well, which
    /// must be one not yet recorded for `provider_id`. Gives the record to add.
    pub fn record(
        &self,
        deployment: &Deployment,
        provider_id: &str,
        kind: &str,
        today: NaiveDate,
        id: String,
        now: DateTime<Utc>,
    ) -> Result<Milestone, Vec<FieldError>> {
        let mut c = Checker::new();
        let kind = MilestoneKind::from_key(kind).filter(|k| deployment.open_milestones(provider_id, today).contains(k));
        let kind = c.chosen("kind", kind, "Select the check or milestone");
        let (date, recorded_by) = self.check(&mut c, today);
        if let (Some(kind), Some(date)) = (kind, date) {
            if kind.is_production_work() {
                if let Some(why) = crate::stages::uat_order_guard(deployment, provider_id, date, &format!("\u{201c}{}\u{201d}", kind.label())) {
                    c.fail("kind", why);
                }
            }
        }
        c.finish(|| Milestone {
            id,
            updated_at: now,
            provider_id: provider_id.to_owned(),
            kind: kind.expect("checked"),
            date: date.expect("checked"),
            recorded_by,
        })
    }
}
