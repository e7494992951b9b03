//! What each party has promised to do in a beta (the guide's "Roles and
//! Responsibilities", in the app's words), and the state of each promise.
//!
//! Most are ticked off by hand ([`crate::records::Responsibility`]). Those
//! that are also a gate, a test plan or a record elsewhere in the tracker
//! take their state from there ([`Source`]), so nobody records them twice.

use chrono::NaiveDate;

use crate::deployment::Deployment;
use crate::records::{MilestoneKind, Party, Responsibility};

/// One responsibility from the guide's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Duty {
    SupplierRelationship,
    SupplierContacts,
    SupplierBusinessChange,
    SupplierDevelopment,
    SupplierViewAccess,
    SupplierFurtherChanges,
    SupplierNonProductionTesting,
    SupplierDocumentation,
    SupplierInstall,
    SupplierConfiguration,
    SupplierTestingSupport,
    SupplierDcb0129,
    SupplierTriage,
    SupplierResponse,
    SupplierCalls,
    SupplierRetrospective,
    SupplierUplift,
    SupplierLiveIncidents,
    ProviderRelationship,
    ProviderContacts,
    ProviderBusinessChange,
    ProviderDcb0160,
    ProviderClinicalSignOff,
    ProviderEnvironments,
    ProviderCommunications,
    ProviderDocumentationFeedback,
    ProviderUat,
    ProviderShareResults,
    ProviderReportIssues,
    ProviderCalls,
    ProviderTransparency,
    ProviderExitReport,
    ProviderRetrospective,
    ProviderLiveIncidents,
    BarsStandard,
    BarsEvidence,
    BarsCertificate,
    BarsStatusFeedback,
    BarsBusinessChange,
    BarsWitnessing,
    BarsDcb0129,
    BarsUpdateStandard,
    BarsSignOff,
    BarsIssueProcess,
    BarsLessonsLog,
    BarsRetrospective,
    BarsVolumetrics,
    BarsCalls,
    BarsEndpoints,
    PolicyServiceDesign,
    PolicyImplementationPlan,
    PolicyBenefits,
    PolicyLearning,
    PolicyQueries,
}

keyed!(Duty {
    SupplierRelationship => "supplier_relationship", "Lead the working relationship with each provider";
    SupplierContacts => "supplier_contacts", "Name the people to contact for the whole beta";
    SupplierBusinessChange => "supplier_business_change", "Help with business change: training and new workflows and procedures";
    SupplierDevelopment => "supplier_development", "Finish building the system to the BaRS standard";
    SupplierViewAccess => "supplier_view_access", "Let providers see new screens and features early, to plan business change";
    SupplierFurtherChanges => "supplier_further_changes", "Make further changes to the system while the beta runs";
    SupplierNonProductionTesting => "supplier_non_production_testing", "Test in an environment that is not live";
    SupplierDocumentation => "supplier_documentation", "Supply the testing and training documents the beta needs";
    SupplierInstall => "supplier_install", "Install the software and keep it up to date";
    SupplierConfiguration => "supplier_configuration", "Configure the system";
    SupplierTestingSupport => "supplier_testing_support", "Support testing on site or remotely";
    SupplierDcb0129 => "supplier_dcb0129", "Meet DCB0129 (clinical risk management for the system)";
    SupplierTriage => "supplier_triage", "Take part in technical triage of the issues found";
    SupplierResponse => "supplier_response", "Answer and fix reported issues and incidents promptly";
    SupplierCalls => "supplier_calls", "Join the regular calls about what testing turns up";
    SupplierRetrospective => "supplier_retrospective", "Attend the retrospective at the end of the beta";
    SupplierUplift => "supplier_uplift", "Move to the stable v1.0 within 3 months of its publication";
    SupplierLiveIncidents => "supplier_live_incidents", "Report live incidents to the National Service Desk";
    ProviderRelationship => "provider_relationship", "Lead the working relationship with the supplier";
    ProviderContacts => "provider_contacts", "Name the people to contact for the whole beta";
    ProviderBusinessChange => "provider_business_change", "Run business change: future state, gap analysis, policies and procedures, training, communications, benefits";
    ProviderDcb0160 => "provider_dcb0160", "Complete DCB0160 through internal clinical governance";
    ProviderClinicalSignOff => "provider_clinical_sign_off", "Clinical lead and clinical safety officer sign off the end of private beta";
    ProviderEnvironments => "provider_environments", "Provide and configure the UAT and production environments, and train staff";
    ProviderCommunications => "provider_communications", "Tell the whole organisation about the beta and its part in it";
    ProviderDocumentationFeedback => "provider_documentation_feedback", "Give feedback on the documentation";
    ProviderUat => "provider_uat", "Write the UAT test scripts and run the tests on time";
    ProviderShareResults => "provider_share_results", "Write up the beta's results and share them with the supplier and the BaRS team";
    ProviderReportIssues => "provider_report_issues", "Report issues promptly, with call reports or recordings where they help";
    ProviderCalls => "provider_calls", "Join the regular calls about what testing turns up";
    ProviderTransparency => "provider_transparency", "Review and update the information governance transparency information";
    ProviderExitReport => "provider_exit_report", "Complete the beta exit report";
    ProviderRetrospective => "provider_retrospective", "Take part in the retrospective with the supplier and the BaRS team";
    ProviderLiveIncidents => "provider_live_incidents", "Report live incidents to the supplier under the usual service agreement";
    BarsStandard => "bars_standard", "Develop the Booking and Referral Standard";
    BarsEvidence => "bars_evidence", "Approve the evidence sent in during BaRS onboarding";
    BarsCertificate => "bars_certificate", "Issue the Technical Conformance Certificate before connection to BaRS";
    BarsStatusFeedback => "bars_status_feedback", "Tell everyone involved how the beta is going";
    BarsBusinessChange => "bars_business_change", "Support business change";
    BarsWitnessing => "bars_witnessing", "Witness private beta (UAT) clinically";
    BarsDcb0129 => "bars_dcb0129", "Meet DCB0129 for the standard";
    BarsUpdateStandard => "bars_update_standard", "Capture feedback and update the standard to match";
    BarsSignOff => "bars_sign_off", "Sign off a successful beta";
    BarsIssueProcess => "bars_issue_process", "Set up and run issue tracking, triage and resolution";
    BarsLessonsLog => "bars_lessons_log", "Keep a log of lessons identified";
    BarsRetrospective => "bars_retrospective", "Arrange a retrospective after the beta";
    BarsVolumetrics => "bars_volumetrics", "Make it possible to collect the providers' volumetrics for the acceptance criteria";
    BarsCalls => "bars_calls", "Schedule, chair and run the calls with providers and suppliers";
    BarsEndpoints => "bars_endpoints", "Add the UAT and production endpoints to the BaRS Endpoint Catalogue";
    PolicyServiceDesign => "policy_service_design", "Lead on service design, including policy changes the standard brings";
    PolicyImplementationPlan => "policy_implementation_plan", "Develop the wider implementation plan beyond beta";
    PolicyBenefits => "policy_benefits", "Track and realise the benefits of BaRS in live use";
    PolicyLearning => "policy_learning", "Feed what was learnt into the wider business change process and documents";
    PolicyQueries => "policy_queries", "Answer operational and policy questions";
});

/// Where a responsibility's state comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Ticked off by hand on the responsibilities page.
    ByHand,
    /// A provider's pre-live gate (a milestone).
    Gate(MilestoneKind),
    /// The party's core roles on the contacts page.
    CoreRoles,
    /// The provider's UAT test plan and its results.
    TestPlan,
    /// The provider's beta exit report (its narrative, `records::ExitReport`).
    ExitReport,
}

impl Duty {
    pub fn party(self) -> Party {
        let key = self.key();
        if key.starts_with("supplier_") {
            Party::Supplier
        } else if key.starts_with("provider_") {
            Party::Provider
        } else if key.starts_with("bars_") {
            Party::BarsTeam
        } else {
            Party::PolicyAndStrategy
        }
    }

    /// The party's responsibilities, in the guide's order.
    pub fn of(party: Party) -> impl Iterator<Item = Duty> {
        Duty::ALL.into_iter().filter(move |d| d.party() == party)
    }

    pub fn source(self) -> Source {
        match self {
            Self::SupplierDcb0129 => Source::Gate(MilestoneKind::Dcb0129),
            Self::ProviderDcb0160 => Source::Gate(MilestoneKind::Dcb0160),
            Self::ProviderClinicalSignOff => Source::Gate(MilestoneKind::ClinicalSignOff),
            Self::BarsCertificate => Source::Gate(MilestoneKind::TechnicalConformanceCertificate),
            Self::BarsEndpoints => Source::Gate(MilestoneKind::EndpointsCatalogued),
            Self::SupplierContacts | Self::ProviderContacts => Source::CoreRoles,
            Self::ProviderUat => Source::TestPlan,
            Self::ProviderExitReport => Source::ExitReport,
            Self::SupplierUplift => Source::Gate(MilestoneKind::UpliftDeployed),
            Self::SupplierViewAccess => Source::Gate(MilestoneKind::ViewAccess),
            _ => Source::ByHand,
        }
    }

    /// Whether it is tracked once per provider (a provider's own promises)
    /// rather than once per deployment.
    pub fn per_provider(self) -> bool {
        self.party() == Party::Provider
    }
}

/// How far a responsibility is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    NotStarted,
    InProgress,
    Done,
    NotApplicable,
}

keyed!(Status {
    NotStarted => "not_started", "Not started";
    InProgress => "in_progress", "In progress";
    Done => "done", "Done";
    NotApplicable => "not_applicable", "Not applicable";
});

impl Status {
    /// Still to do: not started or in progress.
    pub fn is_open(self) -> bool {
        matches!(self, Self::NotStarted | Self::InProgress)
    }
}

/// Where to go to change a state taken from elsewhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Where {
    /// The provider's page (its gates and test plan).
    Provider(String),
    /// The providers list (a gate recorded per provider).
    Providers,
    Contacts,
    /// The provider's beta exit report.
    ExitReport(String),
    /// Nowhere yet.
    Nowhere,
}

/// A responsibility's state: its status, what it rests on in words, and,
/// when it comes from elsewhere, where to change it.
#[derive(Debug, Clone, PartialEq)]
pub struct DutyState {
    pub duty: Duty,
    /// For a provider's responsibility, which provider.
    pub provider_id: Option<String>,
    /// `None` when there is no state to show (a provider's duty without its provider).
    pub status: Option<Status>,
    /// The record ticked by hand, when there is one.
    pub record: Option<Responsibility>,
    /// For a state from elsewhere: what it is, in words.
    pub from_elsewhere: Option<(String, Where)>,
    /// A fact from elsewhere that bears on it (the uplift deadline).
    pub context: Option<String>,
}

impl DutyState {
    pub fn is_open(&self) -> bool {
        self.status.is_none_or(Status::is_open)
    }
}

/// The latest record for a responsibility (one per deployment, or per
/// provider): normally one, but copies merged from two organisations may
/// each have started one; the newer counts.
pub fn latest<'a>(list: &'a [Responsibility], duty: Duty, provider_id: Option<&str>) -> Option<&'a Responsibility> {
    list.iter()
        .filter(|r| r.duty == duty && r.provider_id.as_deref() == provider_id)
        .max_by(|a, b| (a.updated_at, &a.id).cmp(&(b.updated_at, &b.id)))
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", crate::text::thousands(n), if n == 1 { one } else { many })
}

/// A gate's state for one provider, or across every provider.
fn gate_state(d: &Deployment, kind: MilestoneKind, provider_id: Option<&str>, as_of: NaiveDate) -> (Status, String, Where) {
    let recorded = |id: &str| d.milestone(id, kind).filter(|m| m.date <= as_of);
    if let Some(id) = provider_id {
        return match recorded(id) {
            Some(m) => (Status::Done, format!("Recorded on {} by {}", crate::dates::long_date(m.date), m.recorded_by), Where::Provider(id.to_owned())),
            None => (Status::NotStarted, "Not recorded yet on the provider\u{2019}s page".to_owned(), Where::Provider(id.to_owned())),
        };
    }
    let total = d.providers.len();
    let done = d.providers.iter().filter(|p| recorded(&p.id).is_some()).count();
    let status = match done {
        0 => Status::NotStarted,
        n if n == total => Status::Done,
        _ => Status::InProgress,
    };
    let words = if total == 0 {
        "No providers yet: it is recorded for each provider".to_owned()
    } else {
        format!("Recorded for {done} of {}", plural(total, "provider", "providers"))
    };
    (if total == 0 { Status::NotStarted } else { status }, words, Where::Providers)
}

/// The state of `duty` (for `provider_id` when it is a provider's) on `as_of`.
pub fn state(d: &Deployment, duty: Duty, provider_id: Option<&str>, as_of: NaiveDate) -> DutyState {
    let provider_id = if duty.per_provider() { provider_id } else { None };
    let mut state = DutyState { duty, provider_id: provider_id.map(str::to_owned), status: None, record: None, from_elsewhere: None, context: None };
    if duty == Duty::SupplierUplift {
        state.context = Some(match d.uplift_deadline() {
            Some(deadline) => format!("Stable v1.0 is published: deploy it by {}", crate::dates::long_date(deadline)),
            None => "Stable v1.0 is not published yet (its date goes in the deployment\u{2019}s details)".to_owned(),
        });
    }
    let elsewhere = match duty.source() {
        Source::ByHand => {
            let record = latest(&d.responsibilities, duty, provider_id).cloned();
            state.status = Some(record.as_ref().map_or(Status::NotStarted, |r| r.status));
            state.record = record;
            return state;
        }
        Source::Gate(kind) => Some(gate_state(d, kind, provider_id, as_of)),
        Source::CoreRoles => {
            let missing = d.uncovered_roles_at(duty.party(), provider_id);
            let anyone = d.contacts_at(duty.party()).any(|c| provider_id.is_none() || c.provider_id.as_deref() == provider_id);
            Some(match (missing.is_empty(), anyone) {
                (true, _) => (Status::Done, "Every core role has a contact".to_owned(), Where::Contacts),
                (false, has) => (
                    if has { Status::InProgress } else { Status::NotStarted },
                    format!("No one yet for: {}", missing.join(", ")),
                    Where::Contacts,
                ),
            })
        }
        Source::TestPlan => provider_id.and_then(|id| d.provider(id)).map(|p| {
            let uat = crate::readiness::uat_progress(d, p, as_of);
            let status = if uat.met {
                Status::Done
            } else if uat.workflows.iter().any(|w| w.latest.is_some()) {
                Status::InProgress
            } else {
                Status::NotStarted
            };
            (status, format!("{} of {} passed", uat.passed, plural(uat.total, "test plan workflow", "test plan workflows")), Where::Provider(p.id.clone()))
        }),
        Source::ExitReport => provider_id.and_then(|id| d.provider(id)).map(|p| {
            let place = Where::ExitReport(p.id.clone());
            match d.exit_report(&p.id) {
                Some(r) if r.completed_by_date(as_of) => {
                    let on = r.completed_on.map(crate::dates::long_date).unwrap_or_default();
                    (Status::Done, format!("Completed by {} on {on}", r.completed_by), place)
                }
                Some(_) => (Status::InProgress, "Being written: its narrative is not yet recorded as completed".to_owned(), place),
                None => (Status::NotStarted, "No one has started its narrative yet".to_owned(), place),
            }
        }),
    };
    if let Some((status, words, place)) = elsewhere {
        state.status = Some(status);
        state.from_elsewhere = Some((words, place));
    }
    state
}

/// Every responsibility of `party` (for a provider, of each provider, or of
/// the one given), with its state on `as_of`.
pub fn states_of(d: &Deployment, party: Party, provider_id: Option<&str>, as_of: NaiveDate) -> Vec<DutyState> {
    let providers: Vec<Option<&str>> = match (party, provider_id) {
        (Party::Provider, Some(id)) => vec![Some(id)],
        (Party::Provider, None) => d.providers.iter().map(|p| Some(p.id.as_str())).collect(),
        _ => vec![None],
    };
    providers.into_iter().flat_map(|p| Duty::of(party).map(move |duty| state(d, duty, p, as_of))).collect()
}
