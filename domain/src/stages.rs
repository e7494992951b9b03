//! Where each provider is in the beta: its stages in the guide's order, worked
//! out by one pure function ([`provider_stages`]) from its records and
//! decisions on an as-of date. Nothing dated after the as-of date counts.
//!
//! The stages, in order: business change (alongside the others: it needs the
//! provider's view of the supplier's solution); UAT environment; private beta
//! (UAT); "move to public beta?"; production; users trained; technical go-live
//! (smoke test); go / no-go; public beta (business go-live); "acceptance
//! criteria met?"; beta exit report. Then, for the deployment
//! ([`deployment_stages`]): standard updated, stable v1.0 published, and each
//! supplier's uplifted version deployed within 3 months of publication.
//!
//! A "no" at a decision sends the provider back to the stage it names. From
//! there on, what was recorded on or before the day of the "no" no longer
//! completes a stage: the test plan must pass again, environments and the
//! smoke test are recorded again, the decision is taken again. Documents that
//! stay valid (see [`MilestoneKind::redone_after_a_no`]) still count. Every
//! decision stays in the history; a later "yes" is a new record.
//!
//! A stage is completed when everything it needs is recorded (even if an
//! earlier stage is not: that is noted as out of order); otherwise in progress
//! when something of it is recorded, not started when every earlier stage is
//! completed, and cannot start yet when one is not. The current stage is the
//! first one not completed after the furthest completed since the latest "no"
//! (business change runs alongside and is never it); an earlier stage left
//! open (a file from before a stage was recorded, a gate forgotten) is listed
//! as a gap in `out_of_order`, not taken for where the provider is.

use chrono::NaiveDate;
use serde::Serialize;

use crate::deployment::Deployment;
use crate::records::{Decision, DecisionKind, MilestoneKind, Outcome};

/// A provider's stage in the beta, in the guide's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    BusinessChange,
    UatEnvironment,
    PrivateBeta,
    PublicBetaDecision,
    ProductionEnvironment,
    UsersTrained,
    TechnicalGoLive,
    GoNoGo,
    PublicBeta,
    AcceptanceDecision,
    BetaExitReport,
}

keyed!(Stage {
    BusinessChange => "business_change", "Business change";
    UatEnvironment => "uat_environment", "UAT environment deployed and configured";
    PrivateBeta => "private_beta", "Private beta (UAT)";
    PublicBetaDecision => "public_beta_decision", "Decision: move to public beta?";
    ProductionEnvironment => "production_environment", "Production deployed and configured";
    UsersTrained => "users_trained", "Users trained";
    TechnicalGoLive => "technical_go_live", "Technical go-live (smoke test with test patient data)";
    GoNoGo => "go_no_go", "Go / no-go decision";
    PublicBeta => "public_beta", "Public beta (business go-live)";
    AcceptanceDecision => "acceptance_decision", "Decision: acceptance criteria met?";
    BetaExitReport => "beta_exit_report", "Beta exit report";
});

impl Stage {
    /// A short name, for the columns of the stages overview.
    pub fn short(self) -> &'static str {
        match self {
            Self::BusinessChange => "Business change",
            // Soft hyphens: the words fit a narrow column.
            Self::UatEnvironment => "UAT environ\u{ad}ment",
            Self::PrivateBeta => "Private beta",
            Self::PublicBetaDecision => "Move to public beta?",
            Self::ProductionEnvironment => "Produc\u{ad}tion",
            Self::UsersTrained => "Users trained",
            Self::TechnicalGoLive => "Smoke test",
            Self::GoNoGo => "Go / no-go",
            Self::PublicBeta => "Public beta",
            Self::AcceptanceDecision => "Criteria met?",
            Self::BetaExitReport => "Exit report",
        }
    }

    /// The gates (checks and milestones) recorded under this stage, in order.
    /// Every pre-live gate ([`MilestoneKind::PRE_LIVE`]) is under one stage.
    pub fn gates(self) -> &'static [MilestoneKind] {
        use MilestoneKind as M;
        match self {
            Self::BusinessChange => &[M::ViewAccess],
            Self::UatEnvironment => &[M::UatEnvironmentReady],
            Self::PublicBetaDecision => &[M::ClinicalSignOff],
            Self::ProductionEnvironment => &[M::ProductionEnvironmentReady, M::TechnicalConformanceCertificate, M::EndpointsCatalogued],
            Self::UsersTrained => &[M::UsersTrained],
            Self::TechnicalGoLive => &[M::SmokeTestPassed],
            Self::GoNoGo => &[M::Dcb0160, M::Dcb0129, M::GoDecision],
            Self::BetaExitReport => &[M::BetaExitReport],
            Self::PrivateBeta | Self::PublicBeta | Self::AcceptanceDecision => &[],
        }
    }

    /// The decision this stage is, if it is one.
    pub fn decision(self) -> Option<DecisionKind> {
        DecisionKind::ALL.into_iter().find(|k| k.stage() == self)
    }
}

/// A stage's status, as the NHS task list shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StageStatus {
    Completed,
    InProgress,
    NotStarted,
    CannotStartYet,
}

impl StageStatus {
    pub fn label(self) -> &'static str {
        match self {
            Self::Completed => "Completed",
            Self::InProgress => "In progress",
            Self::NotStarted => "Not started",
            Self::CannotStartYet => "Cannot start yet",
        }
    }
}

/// One gate under a stage: when it was recorded (and still counts), if it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GateState {
    pub kind: MilestoneKind,
    pub recorded_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageState {
    pub stage: Stage,
    pub status: StageStatus,
    /// When it was completed (the last thing it needed), if it is.
    pub completed_on: Option<NaiveDate>,
    /// When something of it was first recorded (since the last "no" that sent
    /// the provider back to or before it), if anything was.
    pub started_on: Option<NaiveDate>,
    pub gates: Vec<GateState>,
    /// What it still needs, in words, in order.
    pub needs: Vec<String>,
}

/// Where a provider is on the as-of date.
#[derive(Debug, Clone, PartialEq)]
pub struct ProviderStages {
    pub provider_id: String,
    /// Every stage, in order.
    pub stages: Vec<StageState>,
    /// The first stage (business change aside) not completed; `None` when all are.
    pub current: Option<Stage>,
    /// What the current stage waits on (its `needs`).
    pub waits_on: Vec<String>,
    /// What stands in the way: failing UAT workflows, and the latest "no"
    /// not yet followed by a "yes" to the same decision.
    pub blocked_by: Vec<String>,
    /// Stages before the current one that are not completed, in words.
    pub out_of_order: Vec<String>,
    /// The decisions on or before the as-of date, oldest first.
    pub decisions: Vec<Decision>,
}

impl ProviderStages {
    pub fn stage(&self, stage: Stage) -> &StageState {
        &self.stages[Stage::ALL.iter().position(|s| *s == stage).expect("every stage is listed")]
    }
    /// The stage the overview names for the provider: the current one, or the last when all are done.
    pub fn where_now(&self) -> Stage {
        self.current.unwrap_or(Stage::BetaExitReport)
    }
    /// When a pre-live gate was recorded (and still counts), if it was.
    pub fn gate(&self, kind: MilestoneKind) -> Option<NaiveDate> {
        self.stages.iter().flat_map(|s| s.gates.iter()).find(|g| g.kind == kind).and_then(|g| g.recorded_on)
    }
}

/// What counts for a provider on the as-of date: the records on or before
/// it, and the "no"s that send it back.
struct Evidence<'a> {
    d: &'a Deployment,
    provider_id: &'a str,
    as_of: NaiveDate,
    /// The "no"s on or before the as-of date: (date, the stage it returns to).
    noes: Vec<(NaiveDate, crate::stages::Stage)>,
    decisions: Vec<&'a Decision>,
}

impl<'a> Evidence<'a> {
    fn new(d: &'a Deployment, provider_id: &'a str, as_of: NaiveDate) -> Self {
        let mut decisions: Vec<&Decision> = d.decisions.iter().filter(|x| x.provider_id == provider_id && x.date <= as_of).collect();
        crate::order::sort_by_key(&mut decisions, |x| (x.date, x.updated_at));
        let noes = decisions.iter().filter(|x| !x.is_yes()).filter_map(|x| x.returns_to.map(|s| (x.date, s))).collect();
        Self { d, provider_id, as_of, noes, decisions }
    }

    /// The day of the latest "no" that sent the provider back to or before `stage`.
    fn reset(&self, stage: Stage) -> Option<NaiveDate> {
        self.noes.iter().filter(|(_, to)| *to <= stage).map(|(d, _)| *d).max()
    }

    /// Whether something dated `date`, for `stage`, counts: on or before the
    /// as-of date, and after the last "no" that sent the provider back to it.
    fn counts(&self, date: NaiveDate, stage: Stage, redone: bool) -> bool {
        date <= self.as_of && !(redone && self.reset(stage).is_some_and(|r| date <= r))
    }

    /// The latest decision of `kind` that counts, if any.
    fn decision(&self, kind: DecisionKind) -> Option<&'a Decision> {
        self.decisions.iter().rev().find(|x| x.kind == kind && self.counts(x.date, kind.stage(), true)).copied()
    }

    /// When a gate under `stage` was recorded, if it counts. The "go" is the
    /// latest go / no-go decision, when it is a go.
    fn gate(&self, kind: MilestoneKind, stage: Stage) -> Option<NaiveDate> {
        if kind == MilestoneKind::GoDecision {
            return self.decision(DecisionKind::GoNoGo).filter(|x| x.is_yes()).map(|x| x.date);
        }
        let redone = kind.redone_after_a_no();
        // The exit report is also written when its narrative is recorded as completed.
        let written = (kind == MilestoneKind::BetaExitReport)
            .then(|| self.d.exit_report(self.provider_id).and_then(|r| r.completed_on))
            .flatten();
        self.d
            .milestones
            .iter()
            .filter(|m| m.provider_id == self.provider_id && m.kind == kind)
            .map(|m| m.date)
            .chain(written)
            .filter(|date| self.counts(*date, stage, redone))
            .min()
    }
}

/// Where the provider `provider_id` of `d` is on `as_of`. A provider not in
/// the deployment has every stage not started (a page never panics on one).
pub fn provider_stages(d: &Deployment, provider_id: &str, as_of: NaiveDate) -> ProviderStages {
    let ev = Evidence::new(d, provider_id, as_of);
    let provider = d.provider(provider_id);
    let mut stages: Vec<StageState> = Vec::with_capacity(Stage::ALL.len());
    let mut blocked_by = Vec::new();
    // Every earlier stage on the main path is completed.
    let mut path_done = true;
    for stage in Stage::ALL {
        let gates: Vec<GateState> = stage.gates().iter().map(|k| GateState { kind: *k, recorded_on: ev.gate(*k, stage) }).collect();
        let mut needs: Vec<String> = gates.iter().filter(|g| g.recorded_on.is_none()).map(|g| g.kind.label().to_owned()).collect();
        let mut dates: Vec<NaiveDate> = gates.iter().filter_map(|g| g.recorded_on).collect();
        let mut complete = needs.is_empty();
        let mut started = !dates.is_empty();
        match stage {
            Stage::BusinessChange => {
                // View access lets it start; an activity under way starts it.
                started = false;
                let records: Vec<_> = d.business_change.iter().filter(|b| b.provider_id == provider_id).collect();
                let mut done = 0;
                for activity in crate::records::Activity::ALL {
                    match records.iter().find(|b| b.activity == activity) {
                        Some(b) if b.completed_by(as_of) => {
                            started = true;
                            done += 1;
                            dates.extend(b.completed_on);
                        }
                        Some(b) => started |= b.status != crate::records::ActivityStatus::NotStarted,
                        None => {}
                    }
                }
                let all = crate::records::Activity::ALL.len();
                if done < all {
                    complete = false;
                    needs.push(format!("Every business change activity completed ({done} of {all})"));
                }
            }
            Stage::PrivateBeta => {
                let mut total = 0;
                let mut passed = 0;
                let mut failing = Vec::new();
                for w in d.workflows_of(provider_id) {
                    total += 1;
                    if let Some(r) = d.results_of(&w.id).into_iter().rfind(|r| ev.counts(r.date, stage, true)) {
                        started = true;
                        dates.push(r.date);
                        if r.outcome == Outcome::Pass {
                            passed += 1;
                        } else {
                            failing.push(format!("\u{201c}{}\u{201d} failed on {}", w.name, crate::dates::long_date(r.date)));
                        }
                    }
                }
                complete = total > 0 && passed == total;
                if total == 0 {
                    needs.push("A test plan with at least one workflow".to_owned());
                } else if !complete {
                    needs.push(format!("Every workflow in the test plan to pass in UAT ({passed} of {total} passed)"));
                }
                if !failing.is_empty() {
                    blocked_by.push(format!("Latest UAT result a fail: {}", failing.join("; ")));
                }
            }
            Stage::PublicBeta => {
                // It begins at business go-live and ends with a "yes" to the acceptance criteria.
                let go_live = provider.and_then(|p| p.go_live).filter(|g| *g <= as_of);
                started = go_live.is_some();
                dates.extend(go_live);
                let yes = ev.decision(DecisionKind::AcceptanceMet).filter(|x| x.is_yes());
                complete = yes.is_some();
                if go_live.is_none() {
                    needs.push("A business go-live date".to_owned());
                }
                if !complete {
                    needs.push("The acceptance criteria to be met".to_owned());
                }
                dates.extend(yes.map(|x| x.date));
            }
            _ => {}
        }
        if let Some(kind) = stage.decision() {
            let latest = ev.decision(kind);
            let yes = latest.filter(|x| x.is_yes());
            dates.extend(yes.map(|x| x.date));
            started |= latest.is_some();
            if kind != DecisionKind::GoNoGo {
                // The "go" is a gate of its stage already.
                complete &= yes.is_some();
                if yes.is_none() {
                    needs.push(format!("A \u{201c}{}\u{201d} at \u{201c}{}\u{201d}", kind.outcome_label(crate::records::DecisionOutcome::Yes), kind.label()));
                }
            }
        }
        // The acceptance decision can be taken once public beta is under way.
        let may_start = if stage == Stage::AcceptanceDecision {
            path_done || stages.last().is_some_and(|s: &StageState| s.status == StageStatus::InProgress && s.started_on.is_some())
        } else {
            path_done
        };
        let status = if complete {
            StageStatus::Completed
        } else if started {
            StageStatus::InProgress
        } else if stage == Stage::BusinessChange {
            if ev.gate(MilestoneKind::ViewAccess, stage).is_some() { StageStatus::NotStarted } else { StageStatus::CannotStartYet }
        } else if may_start {
            StageStatus::NotStarted
        } else {
            StageStatus::CannotStartYet
        };
        if stage != Stage::BusinessChange {
            path_done &= complete;
        }
        let first = dates.iter().min().copied();
        let last = dates.iter().max().copied();
        stages.push(StageState {
            stage,
            status,
            completed_on: if complete { last } else { None },
            started_on: first,
            gates,
            needs,
        });
    }

    // The latest "no" of each decision not followed by a "yes" to it.
    for kind in DecisionKind::ALL {
        if let Some(no) = ev.decisions.iter().rev().find(|x| x.kind == kind).filter(|x| !x.is_yes()) {
            // "The supplier's system" as "the supplier's system" (ASCII: no case tables in the wasm).
            let changes: Vec<String> = no
                .must_change
                .iter()
                .map(|m| {
                    let mut label = m.label().to_owned();
                    label[..1].make_ascii_lowercase();
                    label
                })
                .collect();
            blocked_by.push(format!(
                "\u{201c}{}\u{201d} at \u{201c}{}\u{201d} on {}{}{}",
                no.outcome_label(),
                kind.label(),
                crate::dates::long_date(no.date),
                if changes.is_empty() { String::new() } else { format!(": to change, {}", changes.join(", ")) },
                no.returns_to.map(|s| format!("; back to \u{201c}{}\u{201d}", s.label())).unwrap_or_default(),
            ));
        }
    }
    // Where the provider has got to: the stage after the furthest one
    // completed since the latest "no" (from the stage that "no" sent it back
    // to), or after the furthest completed at all when there is none. An
    // earlier stage left open is a gap: it is listed, not where the provider is.
    let latest_no = ev.noes.iter().max_by_key(|(date, _)| *date).copied();
    let start = latest_no.map(|(_, to)| to).unwrap_or(Stage::UatEnvironment);
    let fresh = |st: &StageState| {
        st.status == StageStatus::Completed && latest_no.is_none_or(|(x, _)| st.completed_on.is_some_and(|c| c > x))
    };
    let main = || stages.iter().filter(|st| st.stage != Stage::BusinessChange);
    let furthest = main().filter(|st| st.stage >= start && fresh(st)).map(|st| st.stage).max();
    let current = main().find(|st| st.stage >= start && furthest.is_none_or(|f| st.stage > f) && st.status != StageStatus::Completed).map(|st| st.stage);
    let gaps: Vec<Stage> =
        main().filter(|st| current.is_none_or(|c| st.stage < c) && st.status != StageStatus::Completed).map(|st| st.stage).collect();
    let out_of_order = gaps
        .iter()
        .map(|g| format!("\u{201c}{}\u{201d} is not completed, though later stages are", g.label()))
        .collect();
    for st in stages.iter_mut().filter(|st| gaps.contains(&st.stage) && st.status == StageStatus::CannotStartYet) {
        st.status = StageStatus::NotStarted;
    }
    // After the current stage, nothing can start until it is done (what is recorded already stands).
    for st in stages.iter_mut().filter(|st| current.is_some_and(|c| st.stage > c) && st.status == StageStatus::NotStarted) {
        if !(st.stage == Stage::AcceptanceDecision && current == Some(Stage::PublicBeta)) {
            st.status = StageStatus::CannotStartYet;
        }
    }
    let waits_on = current.map(|c| stages.iter().find(|s| s.stage == c).expect("listed").needs.clone()).unwrap_or_default();
    ProviderStages {
        provider_id: provider_id.to_owned(),
        stages,
        current,
        waits_on,
        blocked_by,
        out_of_order,
        decisions: ev.decisions.into_iter().cloned().collect(),
    }
}

/// The order the guide states: every workflow of the UAT test plan passes
/// before production work and go-live. `None` when `what`, dated `on`, may be
/// recorded for `provider_id`; otherwise the message saying why not.
pub fn uat_order_guard(d: &Deployment, provider_id: &str, on: NaiveDate, what: &str) -> Option<String> {
    let failing: Vec<String> = d
        .workflows_of(provider_id)
        .filter_map(|w| {
            let latest = d.results_of(&w.id).into_iter().rfind(|r| r.date <= on)?;
            (latest.outcome == Outcome::Fail).then(|| format!("\u{201c}{}\u{201d} failed on {}", w.name, crate::dates::long_date(latest.date)))
        })
        .collect();
    if failing.is_empty() {
        return None;
    }
    Some(format!(
        "{what} cannot be recorded while a UAT workflow's latest result is a fail ({}): every workflow in the test plan must pass in UAT before production work and go-live",
        failing.join("; ")
    ))
}

/// Where the deployment is after the providers' betas.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeploymentStages {
    pub standard_updated: Option<NaiveDate>,
    pub stable_published: Option<NaiveDate>,
    /// Three calendar months after publication.
    pub uplift_deadline: Option<NaiveDate>,
    /// Each supplier of the deployment's providers, in the order first named.
    pub suppliers: Vec<SupplierUplift>,
}

/// One supplier's uplift to the stable version, over the providers it serves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupplierUplift {
    pub supplier: String,
    pub providers: usize,
    /// How many of its providers have the uplifted version deployed.
    pub deployed: usize,
    pub status: UpliftStatus,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpliftStatus {
    /// The stable version is not published (on the as-of date).
    NotDue,
    /// Deployed to every provider, the last on this day; on time or not.
    Deployed { on: NaiveDate, on_time: bool },
    /// Not deployed everywhere; the deadline and the days to it (negative once past).
    Due { deadline: NaiveDate, days_left: i64 },
}

/// The deployment's stages after the providers' betas, on `as_of`.
pub fn deployment_stages(d: &Deployment, as_of: NaiveDate) -> DeploymentStages {
    let standard_updated = d.standard_updated.filter(|x| *x <= as_of);
    let stable_published = d.stable_published.filter(|x| *x <= as_of);
    let uplift_deadline = stable_published.and_then(crate::deployment::uplift_deadline);
    let mut names: Vec<&str> = Vec::new();
    for p in &d.providers {
        let name = p.supplier.trim();
        if !names.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            names.push(name);
        }
    }
    let suppliers = names
        .into_iter()
        .map(|name| {
            let serves: Vec<&str> = d.providers.iter().filter(|p| p.supplier.trim().eq_ignore_ascii_case(name)).map(|p| p.id.as_str()).collect();
            let days: Vec<NaiveDate> = serves
                .iter()
                .filter_map(|p| d.milestones.iter().filter(|m| m.provider_id == *p && m.kind == MilestoneKind::UpliftDeployed && m.date <= as_of).map(|m| m.date).min())
                .collect();
            let status = match uplift_deadline {
                None => UpliftStatus::NotDue,
                Some(deadline) if days.len() == serves.len() => {
                    let on = days.iter().max().copied().unwrap_or(as_of);
                    UpliftStatus::Deployed { on, on_time: on <= deadline }
                }
                Some(deadline) => UpliftStatus::Due { deadline, days_left: (deadline - as_of).num_days() },
            };
            SupplierUplift { supplier: name.to_owned(), providers: serves.len(), deployed: days.len(), status }
        })
        .collect();
    DeploymentStages { standard_updated, stable_published, uplift_deadline, suppliers }
}

/// One dated event of a provider's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub date: NaiveDate,
    pub kind: EventKind,
    /// What happened, in a line.
    pub title: String,
    /// More words: reasons, who, what must change, a note (may be empty).
    pub detail: Vec<String>,
    /// The issues it names (a "no" decision's `issue_ids`), for links.
    pub issue_ids: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    Decision { yes: bool },
    Gate,
    Result { passed: bool },
    Incident,
    GoLive,
    BusinessChange,
}

/// A provider's history on `as_of`, newest first: decisions, gates, UAT
/// results, incidents, its go-live and completed business change.
pub fn timeline(d: &Deployment, provider_id: &str, as_of: NaiveDate) -> Vec<Event> {
    // (date, order within the day, event): a decision comes after what it weighed.
    let mut events: Vec<(NaiveDate, u8, chrono::DateTime<chrono::Utc>, Event)> = Vec::new();
    for x in d.decisions.iter().filter(|x| x.provider_id == provider_id && x.date <= as_of) {
        let mut detail = vec![format!("Reasons: {}", x.reasons), format!("Decided by {}", x.decided_by)];
        if !x.parties.is_empty() {
            let parties: Vec<&str> = x.parties.iter().map(|p| p.label()).collect();
            detail.push(format!("Parties present: {}", parties.join(", ")));
        }
        if !x.must_change.is_empty() {
            let changes: Vec<&str> = x.must_change.iter().map(|m| m.label()).collect();
            detail.push(format!("Must change: {}", changes.join(", ")));
        }
        if let Some(stage) = x.returns_to {
            detail.push(format!("Back to: {}", stage.label()));
        }
        // "Go / no-go: No-go", "Move to public beta? Yes".
        let sep = if x.kind.label().ends_with('?') { " " } else { ": " };
        let title = format!("{}{sep}{}", x.kind.label(), x.outcome_label());
        events.push((x.date, 3, x.updated_at, Event { date: x.date, kind: EventKind::Decision { yes: x.is_yes() }, title, detail, issue_ids: x.issue_ids.clone() }));
    }
    for m in d.milestones.iter().filter(|m| m.provider_id == provider_id && m.date <= as_of) {
        let detail = if m.recorded_by.is_empty() { Vec::new() } else { vec![format!("Recorded by {}", m.recorded_by)] };
        events.push((m.date, 1, m.updated_at, Event { date: m.date, kind: EventKind::Gate, title: m.kind.label().to_owned(), detail, issue_ids: Vec::new() }));
    }
    for w in d.workflows_of(provider_id) {
        for r in d.test_results.iter().filter(|r| r.workflow_id == w.id && r.date <= as_of) {
            let passed = r.outcome == Outcome::Pass;
            let mut detail = Vec::new();
            if let Some(cause) = r.root_cause {
                detail.push(format!("To be fixed in: {}", cause.label()));
            }
            if !r.note.is_empty() {
                detail.push(r.note.clone());
            }
            let title = format!("UAT: \u{201c}{}\u{201d} {}", w.name, if passed { "passed" } else { "failed" });
            events.push((r.date, 0, r.updated_at, Event { date: r.date, kind: EventKind::Result { passed }, title, detail, issue_ids: Vec::new() }));
        }
    }
    for i in d.incidents.iter().filter(|i| i.provider_id == provider_id && i.date <= as_of) {
        let title = if i.attributed_to_bars { "Incident caused by the BaRS implementation" } else { "Incident not caused by BaRS" }.to_owned();
        let mut detail = vec![i.summary.clone()];
        if !i.resolution.is_empty() {
            detail.push(format!("Resolution: {}", i.resolution));
        }
        events.push((i.date, 2, i.updated_at, Event { date: i.date, kind: EventKind::Incident, title, detail, issue_ids: Vec::new() }));
    }
    if let Some(p) = d.provider(provider_id) {
        if let Some(go_live) = p.go_live.filter(|g| *g <= as_of) {
            events.push((go_live, 4, p.updated_at, Event { date: go_live, kind: EventKind::GoLive, title: "Business go-live: public beta began".to_owned(), detail: Vec::new(), issue_ids: Vec::new() }));
        }
    }
    for b in d.business_change.iter().filter(|b| b.provider_id == provider_id && b.completed_by(as_of)) {
        let on = b.completed_on.expect("completed");
        let title = format!("Business change completed: {}", b.activity.label());
        events.push((on, 1, b.updated_at, Event { date: on, kind: EventKind::BusinessChange, title, detail: Vec::new(), issue_ids: Vec::new() }));
    }
    crate::order::sort_by_key(&mut events, |(date, order, at, _)| std::cmp::Reverse((*date, *order, *at)));
    events.into_iter().map(|(_, _, _, e)| e).collect()
}
