//! "What my organisation does next": for one party (and, for a provider or a
//! supplier, which one), everything across the deployment that waits on it.
//!
//! Each kind of thing that can wait on a party is one [`Source`]: a function
//! that adds its steps. Adding a kind (the go / no-go decisions, say) is one
//! [`StepKind`] variant with its heading, one function, and one line in
//! [`SOURCES`].

use chrono::NaiveDate;

use crate::deployment::Deployment;
use crate::rasci::{describe_cell, has, Letter};
use crate::readiness::Readiness;
use crate::records::{DecisionKind, MilestoneKind, Party};
use crate::responsibilities::{states_of, Source as DutySource};
use crate::stages::{provider_stages, ProviderStages, Stage, StageStatus};

/// Who is looking: a party and, for a provider or a supplier, which one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Viewer {
    pub party: Party,
    /// A provider's id (for the provider party) or a supplier's name (for
    /// the supplier party), as written on its providers; `None` for all.
    pub which: Option<String>,
}

impl Viewer {
    /// As one token for a link: "provider:ID", "supplier:NAME", "bars_team".
    pub fn key(&self) -> String {
        match &self.which {
            Some(which) => format!("{}:{which}", self.party.key()),
            None => self.party.key().to_owned(),
        }
    }

    pub fn from_key(key: &str) -> Option<Viewer> {
        let (party, which) = match key.split_once(':') {
            Some((party, which)) => (party, Some(which.to_owned()).filter(|w| !w.is_empty())),
            None => (key, None),
        };
        let party = Party::from_key(party)?;
        let which = which.filter(|_| matches!(party, Party::Provider | Party::Supplier));
        Some(Viewer { party, which })
    }

    /// The providers this viewer speaks for or works with: one provider, a
    /// supplier's providers, or every provider.
    pub fn providers<'a>(&'a self, d: &'a Deployment) -> impl Iterator<Item = &'a crate::records::Provider> + 'a {
        d.providers.iter().filter(move |p| match (self.party, &self.which) {
            (Party::Provider, Some(id)) => p.id == *id,
            (Party::Supplier, Some(name)) => p.supplier.trim().eq_ignore_ascii_case(name.trim()),
            _ => true,
        })
    }
}

/// The suppliers named on a deployment's providers, each once, in order.
pub fn suppliers(d: &Deployment) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for p in &d.providers {
        let name = p.supplier.trim();
        if !name.is_empty() && !names.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            names.push(name.to_owned());
        }
    }
    names
}

/// The kinds of step, in the order the page lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepKind {
    Decision,
    Gate,
    Responsibility,
    Task,
    CoreRole,
}

impl StepKind {
    pub const ALL: [StepKind; 5] = [Self::Decision, Self::Gate, Self::Responsibility, Self::Task, Self::CoreRole];
    pub fn heading(self) -> &'static str {
        match self {
            Self::Decision => "Decisions waiting on you",
            Self::Gate => "Gates waiting on you",
            Self::Responsibility => "Your open responsibilities",
            Self::Task => "Tasks where you are Responsible or Accountable",
            Self::CoreRole => "Core roles you have not covered",
        }
    }
    /// Its name in lower case, as the page marks its group (`data-kind`).
    pub fn key(self) -> &'static str {
        match self {
            Self::Decision => "decision",
            Self::Gate => "gate",
            Self::Responsibility => "responsibility",
            Self::Task => "task",
            Self::CoreRole => "corerole",
        }
    }
    /// What the page says when there are none.
    pub fn none(self) -> &'static str {
        match self {
            Self::Decision => "No decision is waiting on you.",
            Self::Gate => "No gate is waiting on you.",
            Self::Responsibility => "Every responsibility is done or not applicable.",
            Self::Task => "You are not Responsible or Accountable for any task.",
            Self::CoreRole => "Every core role has someone.",
        }
    }
}

/// Where a step is dealt with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    Provider(String),
    /// The form to record a decision about this provider.
    Decision(String),
    Task(crate::rasci::Task),
    /// The responsibility's form: the responsibility and, for a provider's, the provider.
    Responsibility(crate::responsibilities::Duty, Option<String>),
    Contacts,
    Nowhere,
}

/// One thing to do next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub kind: StepKind,
    /// In the app's words.
    pub text: String,
    /// The provider it is for, by name (user text: shown isolated), if any.
    pub provider: Option<String>,
    /// More about it, in the app's words.
    pub detail: Option<String>,
    pub link: Link,
}

/// What each source reads.
pub struct Context<'a> {
    pub deployment: &'a Deployment,
    pub viewer: &'a Viewer,
    pub as_of: NaiveDate,
    pub readiness: &'a Readiness,
}

pub type Source = fn(&Context<'_>, &mut Vec<Step>);

/// Every source of steps, in the order of [`StepKind::ALL`].
pub const SOURCES: &[Source] = &[open_decisions, open_gates, open_responsibilities, rasci_tasks, uncovered_roles];

/// Everything waiting on `viewer` in `deployment` on `as_of`.
pub fn next_steps(deployment: &Deployment, viewer: &Viewer, as_of: NaiveDate, readiness: &Readiness) -> Vec<Step> {
    let context = Context { deployment, viewer, as_of, readiness };
    let mut steps = Vec::new();
    for source in SOURCES {
        source(&context, &mut steps);
    }
    steps
}

/// The parties a gate waits on: the provider's own unless named here
/// (written without an exhaustive match, so that new kinds of gate fall to
/// the provider until someone says otherwise).
pub fn waits_on(kind: MilestoneKind) -> &'static [Party] {
    use MilestoneKind as K;
    if matches!(kind, K::Dcb0129 | K::ViewAccess | K::UpliftDeployed) {
        &[Party::Supplier]
    } else if matches!(kind, K::TechnicalConformanceCertificate | K::EndpointsCatalogued) {
        &[Party::BarsTeam]
    } else if matches!(kind, K::SmokeTestPassed) {
        &[Party::Supplier, Party::Provider]
    } else if matches!(kind, K::GoDecision) {
        &[Party::Provider, Party::BarsTeam]
    } else {
        &[Party::Provider]
    }
}

/// The parties the guide has take a decision: the provider decides with the
/// BaRS team, who witness private beta clinically and run the go / no-go
/// calls; whether the acceptance criteria are met is also the policy and
/// strategy team's, who are Accountable for it in the guide's matrix.
pub fn decided_by(kind: DecisionKind) -> &'static [Party] {
    match kind {
        DecisionKind::MoveToPublicBeta | DecisionKind::GoNoGo => &[Party::Provider, Party::BarsTeam],
        DecisionKind::AcceptanceMet => &[Party::Provider, Party::BarsTeam, Party::PolicyAndStrategy],
    }
}

/// The decision a provider's stages wait on: its current stage's, or the
/// next stage's when that decision may be taken already (whether the
/// acceptance criteria are met, during public beta).
pub fn decision_waiting(stages: &ProviderStages) -> Option<DecisionKind> {
    let current = stages.current?;
    current.decision().or_else(|| {
        let next = Stage::ALL.into_iter().find(|s| *s > current)?;
        next.decision().filter(|_| stages.stage(next).status != StageStatus::CannotStartYet)
    })
}

/// The decisions about the viewer's providers that wait on its party.
fn open_decisions(c: &Context<'_>, steps: &mut Vec<Step>) {
    for provider in c.viewer.providers(c.deployment) {
        let stages = provider_stages(c.deployment, &provider.id, c.as_of);
        let Some(kind) = decision_waiting(&stages).filter(|k| decided_by(*k).contains(&c.viewer.party)) else { continue };
        let parties: Vec<&str> = decided_by(kind).iter().map(|p| p.label()).collect();
        let mut detail = format!("Who decides: {}", crate::text::and_list(&parties));
        if !stages.waits_on.is_empty() {
            detail.push_str(&format!(". Waiting on: {}", stages.waits_on.join("; ")));
        }
        steps.push(Step {
            kind: StepKind::Decision,
            text: kind.label().to_owned(),
            provider: Some(provider.name.clone()),
            detail: Some(detail),
            link: Link::Decision(provider.id.clone()),
        });
    }
}

/// The gates not yet recorded for the viewer's providers that wait on its
/// party (the "go" is a decision: it is listed with the decisions).
fn open_gates(c: &Context<'_>, steps: &mut Vec<Step>) {
    for provider in c.viewer.providers(c.deployment) {
        let Some(r) = c.readiness.providers.iter().find(|r| r.provider_id == provider.id) else { continue };
        let mut open: Vec<MilestoneKind> = if r.shows_open_gates(c.as_of) { r.open_gates.clone() } else { Vec::new() };
        if !r.guidance.met {
            open.push(MilestoneKind::GuidanceReviewed);
        }
        for kind in open.into_iter().filter(|k| *k != MilestoneKind::GoDecision && waits_on(*k).contains(&c.viewer.party)) {
            steps.push(Step {
                kind: StepKind::Gate,
                text: kind.label().to_owned(),
                provider: Some(provider.name.clone()),
                detail: None,
                link: Link::Provider(provider.id.clone()),
            });
        }
    }
}

/// The viewer's responsibilities not yet done (those that are pre-live gates
/// are listed with the gates).
fn open_responsibilities(c: &Context<'_>, steps: &mut Vec<Step>) {
    let d = c.deployment;
    let providers: Vec<Option<&str>> = if c.viewer.party == Party::Provider {
        c.viewer.providers(d).map(|p| Some(p.id.as_str())).collect()
    } else {
        vec![None]
    };
    for provider_id in providers {
        let states = states_of(d, c.viewer.party, provider_id, c.as_of);
        for s in states.into_iter().filter(|s| s.is_open() && !matches!(s.duty.source(), DutySource::Gate(k) if MilestoneKind::PRE_LIVE.contains(&k))) {
            let detail = match (&s.status, &s.from_elsewhere) {
                (_, Some((words, _))) => Some(words.clone()),
                (Some(status), None) => Some(status.label().to_owned()),
                (None, None) => None,
            };
            let link = match s.duty.source() {
                DutySource::ByHand => Link::Responsibility(s.duty, s.provider_id.clone()),
                DutySource::CoreRoles => Link::Contacts,
                DutySource::TestPlan | DutySource::Gate(_) | DutySource::ExitReport => {
                    provider_id.map(|id| Link::Provider(id.to_owned())).unwrap_or(Link::Nowhere)
                }
            };
            steps.push(Step {
                kind: StepKind::Responsibility,
                text: s.duty.label().to_owned(),
                provider: provider_id.and_then(|id| d.provider(id)).map(|p| p.name.clone()),
                detail,
                link,
            });
        }
    }
}

/// The matrix's tasks where the viewer's party is Responsible or Accountable.
fn rasci_tasks(c: &Context<'_>, steps: &mut Vec<Step>) {
    for row in c.deployment.rasci() {
        let cell = &row.cell(c.viewer.party).letters;
        if has(cell, Letter::Responsible) || has(cell, Letter::Accountable) {
            steps.push(Step {
                kind: StepKind::Task,
                text: row.task.label().to_owned(),
                provider: None,
                detail: Some(describe_cell(cell)),
                link: Link::Task(row.task),
            });
        }
    }
}

/// The guide's core roles no contact of the viewer holds (for a provider,
/// at each of the viewer's providers).
fn uncovered_roles(c: &Context<'_>, steps: &mut Vec<Step>) {
    let d = c.deployment;
    let scopes: Vec<Option<&crate::records::Provider>> =
        if c.viewer.party == Party::Provider { c.viewer.providers(d).map(Some).collect() } else { vec![None] };
    for provider in scopes {
        for role in d.uncovered_roles_at(c.viewer.party, provider.map(|p| p.id.as_str())) {
            steps.push(Step {
                kind: StepKind::CoreRole,
                text: role.to_owned(),
                provider: provider.map(|p| p.name.clone()),
                detail: None,
                link: Link::Contacts,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::StepKind;

    #[test]
    fn a_kind_is_marked_by_its_name_in_lower_case() {
        for kind in StepKind::ALL {
            assert_eq!(kind.key(), format!("{kind:?}").to_lowercase());
        }
    }
}
