//! A provider's beta exit report, drawn from the records on an as-of date:
//! the four acceptance criteria with their evidence and dates (from
//! [`readiness::assess`]), the UAT history, incidents and clock restarts,
//! the checks and sign-offs, the charts, and the narrative a person writes
//! (`records::ExitReport`). Nothing dated after the as-of date is in it.
//!
//! The report is a draft until the provider meets every criterion on the
//! as-of date.

use chrono::NaiveDate;

use crate::charts::{clock_chart, referral_chart, ClockChart, ReferralChart};
use crate::deployment::Deployment;
use crate::readiness::{self, describe, Projection, ProviderReadiness, Readiness};
use crate::records::{ExitReport, MilestoneKind, Outcome};

/// The report's sections, in order: (element id, heading). The page draws
/// them and a printed copy must show every heading.
pub const SECTIONS: &[(&str, &str)] = &[
    ("report-about", "About this report"),
    ("report-criteria", "Acceptance criteria"),
    ("report-stages", "Stages and decisions"),
    ("report-uat", "UAT history"),
    ("report-incidents", "Incidents and clock restarts"),
    ("report-issues", "Issues"),
    ("report-sign-offs", "Checks and sign-offs"),
    ("report-business-change", "Business change"),
    ("report-charts", "Referrals and verification clock"),
    ("report-lessons", "Lessons identified"),
    ("report-summary", "Summary"),
    ("report-benefits", "Benefits seen"),
    ("report-recommendations", "Recommendations"),
];

/// The heading of the section with element id `id`.
pub fn heading(id: &str) -> &'static str {
    SECTIONS.iter().find(|(i, _)| *i == id).map(|(_, h)| *h).unwrap_or("")
}

/// One acceptance criterion: met or not, the evidence, and when it was (or
/// is expected to be) met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Criterion {
    pub name: &'static str,
    pub met: bool,
    pub evidence: String,
    /// "Met on 3 March 2026", "Expected on 9 April 2026", or why no date can be given.
    pub when: String,
    /// The date met or expected, when there is one.
    pub date: Option<NaiveDate>,
}

/// One result of a workflow's UAT.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub date: NaiveDate,
    pub passed: bool,
    /// Where a failure needs fixing, when recorded.
    pub fix_in: Option<&'static str>,
    pub note: String,
}

/// A workflow of the test plan with every result up to the as-of date, oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkflowHistory {
    pub name: String,
    pub runs: Vec<Run>,
    /// The latest result passed.
    pub passed: bool,
}

/// An incident at the provider, and the restart it caused, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncidentLine {
    pub date: NaiveDate,
    pub attributed_to_bars: bool,
    pub summary: String,
    pub reported_to_service_desk: bool,
    pub resolution: String,
    /// The day the verification clock counted again from, when it restarted it.
    pub restarted_on: Option<NaiveDate>,
}

/// A check or sign-off and when it was recorded (on or before the as-of date).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignOff {
    pub kind: MilestoneKind,
    pub recorded: Option<(NaiveDate, String)>,
}

/// A stage of the provider's beta on the as-of date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageLine {
    pub stage: &'static str,
    pub status: &'static str,
    pub started_on: Option<NaiveDate>,
    pub completed_on: Option<NaiveDate>,
}

/// A decision taken about the provider (on or before the as-of date).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionLine {
    pub date: NaiveDate,
    /// "Go / no-go: No-go", "Move to public beta? Yes".
    pub decision: String,
    pub yes: bool,
    pub decided_by: String,
    pub reasons: String,
    /// After a "no": what must change and where the provider went back to.
    pub then: String,
}

/// One of the guide's business change activities for the provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeLine {
    pub activity: &'static str,
    /// Its status on the as-of date ("Completed" only once completed by then).
    pub status: &'static str,
    pub owner: String,
    pub target: Option<NaiveDate>,
    pub completed_on: Option<NaiveDate>,
    pub notes: String,
}

/// An issue of the provider (or of every provider), as it stood on the as-of date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueLine {
    pub reference: String,
    pub raised_on: NaiveDate,
    pub found_in: &'static str,
    pub priority: &'static str,
    /// Its status, or "Open then" when it was resolved only after the as-of date.
    pub status: &'static str,
    pub open: bool,
    /// Raised for no one provider.
    pub every_provider: bool,
    pub description: String,
    pub resolution: String,
    pub resolved_on: Option<NaiveDate>,
}

/// A lesson identified in the deployment (lessons are not a provider's own).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LessonLine {
    pub date: NaiveDate,
    pub category: &'static str,
    pub what_happened: String,
    pub lesson: String,
    pub action: String,
    pub status: &'static str,
    pub for_retrospective: bool,
}

/// The whole report, ready to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub as_of: NaiveDate,
    pub deployment: String,
    pub application: String,
    pub risk_level: &'static str,
    pub provider_id: String,
    pub provider: String,
    pub ods_code: String,
    pub role: &'static str,
    pub supplier: String,
    pub go_live: Option<NaiveDate>,
    /// Not every criterion is met on the as-of date.
    pub draft: bool,
    /// The provider's exit line ("Met the acceptance criteria on …", "Earliest exit: …").
    pub exit: String,
    pub criteria: Vec<Criterion>,
    /// Every stage, in the guide's order, and where it stands.
    pub stages: Vec<StageLine>,
    /// The stage the provider is at ("Public beta"), or that every stage is completed.
    pub stage_now: String,
    /// The decisions taken, oldest first.
    pub decisions: Vec<DecisionLine>,
    pub uat: Vec<WorkflowHistory>,
    pub incidents: Vec<IncidentLine>,
    /// The provider's issues and those of every provider, by reference.
    pub issues: Vec<IssueLine>,
    /// The deployment's lessons identified, oldest first.
    pub lessons: Vec<LessonLine>,
    /// The verification clock in words ("19 of 28 days").
    pub clock: String,
    pub sign_offs: Vec<SignOff>,
    /// The guide's business change activities, in its order.
    pub business_change: Vec<ChangeLine>,
    pub referral_chart: Option<ReferralChart>,
    pub clock_chart: Option<ClockChart>,
    /// The narrative as written (it may be newer than the as-of date: words
    /// are not facts dated in the past).
    pub narrative: Option<ExitReport>,
}

impl Report {
    /// The names of the criteria not met, for the draft notice.
    pub fn unmet(&self) -> Vec<&'static str> {
        self.criteria.iter().filter(|c| !c.met).map(|c| c.name).collect()
    }

    /// Why the report is a draft, when it is.
    pub fn draft_notice(&self) -> Option<String> {
        self.draft.then(|| {
            format!(
                "Not every acceptance criterion is met on {}, so this report is a draft until they are. Not yet met: {}.",
                describe::date(self.as_of),
                self.unmet().join("; ")
            )
        })
    }

    /// "Completed by J Smith, BaRS team, on 3 March 2026", or what is left to
    /// do, on the as-of date.
    pub fn completion(&self) -> String {
        match &self.narrative {
            Some(r) => match r.completed_on {
                Some(d) if d <= self.as_of => format!("Completed by {} on {}", r.completed_by, describe::date(d)),
                Some(d) => format!("Being written: recorded as completed later, on {}", describe::date(d)),
                None => "Being written: not yet recorded as completed".to_owned(),
            },
            None => "Not started: nobody has written the narrative yet".to_owned(),
        }
    }
}

/// The report of provider `provider_id` on `as_of`, or `None` when the
/// deployment has no such provider.
pub fn report(d: &Deployment, provider_id: &str, as_of: NaiveDate) -> Option<Report> {
    let provider = d.provider(provider_id)?;
    let all = readiness::assess(d, as_of);
    let p = all.providers.iter().find(|p| p.provider_id == provider_id)?.clone();
    let criteria = criteria(d, &all, &p);
    let stages = crate::stages::provider_stages(d, provider_id, as_of);
    // Met on the day the last of the four was met (the engine's exit date
    // weighs only referrals and the clock, which have projections).
    let met_on = criteria.iter().map(|c| c.date).collect::<Option<Vec<_>>>().and_then(|dates| dates.into_iter().max());
    let exit = match met_on {
        Some(day) if p.met => format!("Met every acceptance criterion on {}", describe::date(day)),
        // A date is only the soonest while a criterion no date can be projected for is unmet.
        _ if !p.also_needs.is_empty() && p.earliest_exit.date().is_some() => {
            format!("{} at the soonest: it also needs {}", describe::provider_exit(&p), p.also_needs.join(" and "))
        }
        _ => describe::provider_exit(&p),
    };
    Some(Report {
        as_of,
        deployment: d.name.clone(),
        application: format!("{}: {}", d.application.title(), d.application.summary()),
        risk_level: d.risk_level.label(),
        provider_id: provider.id.clone(),
        provider: provider.name.clone(),
        ods_code: provider.ods_code.clone(),
        role: provider.role.label(),
        supplier: provider.supplier.clone(),
        go_live: provider.go_live,
        draft: !p.met,
        exit,
        criteria,
        stage_now: match stages.current {
            Some(stage) => format!("Now at: {}", stage.label()),
            None if stages.stages.iter().all(|s| s.status == crate::stages::StageStatus::Completed) => "Every stage is completed".to_owned(),
            None => format!("Now at: {}, with earlier stages not recorded as completed", crate::stages::Stage::BetaExitReport.label()),
        },
        stages: stages
            .stages
            .iter()
            .map(|s| StageLine { stage: s.stage.label(), status: s.status.label(), started_on: s.started_on, completed_on: s.completed_on })
            .collect(),
        decisions: stages.decisions.iter().map(decision_line).collect(),
        business_change: business_change(d, provider_id, as_of),
        uat: uat_history(d, provider_id, as_of),
        incidents: incidents(d, &p, as_of),
        clock: describe::clock(&p),
        issues: issues(d, provider_id, as_of),
        lessons: lessons(d, as_of),
        sign_offs: sign_offs(d, provider_id, as_of, &stages),
        referral_chart: referral_chart(d, &all),
        clock_chart: clock_chart(&Readiness { providers: vec![p], ..all.clone() }),
        narrative: d.exit_report(provider_id).cloned(),
    })
}

/// "Met on …" / "Expected on …" / the reason, and the date.
fn when(p: &Projection) -> (String, Option<NaiveDate>) {
    (describe::projection(p, "Met on", "Expected on"), p.date())
}

fn criteria(d: &Deployment, all: &Readiness, p: &ProviderReadiness) -> Vec<Criterion> {
    let uat = &p.uat;
    let mut uat_evidence = describe::uat(uat);
    let not_passed: Vec<String> = uat.not_passed().map(|(w, why)| format!("{}{}", w.name, describe::not_passed(why))).collect();
    if !not_passed.is_empty() {
        uat_evidence.push_str(&format!(". Not passed: {}", not_passed.join("; ")));
    }
    let uat_date = uat.met.then(|| uat.workflows.iter().filter_map(|w| w.latest_date).max()).flatten();
    let uat_when = match uat_date {
        Some(day) => format!("Met on {}", describe::date(day)),
        None => "No date can be given until every workflow passes".to_owned(),
    };

    let r = &all.referrals;
    let mut referral_evidence = format!("{} across all the deployment's providers", describe::referrals(r));
    if let Some(rate) = describe::rate(r) {
        referral_evidence.push_str(&format!("; recent rate {rate}"));
    }
    let (referral_when, referral_date) = when(&r.projection);

    let v = &p.verification;
    let mut clock_evidence = describe::clock(p);
    match v.restarts.len() {
        0 => {}
        1 => clock_evidence.push_str("; the clock restarted once after an incident"),
        n => clock_evidence.push_str(&format!("; the clock restarted {n} times after incidents")),
    }
    let (clock_when, clock_date) = if p.phase == readiness::Phase::NotLive { (describe::clock(p), None) } else { when(&v.projection) };

    let reviewed = d.milestone(&p.provider_id, MilestoneKind::GuidanceReviewed).filter(|m| m.date <= all.as_of);
    let guidance_evidence = match reviewed {
        Some(m) => format!("Recorded by {}", m.recorded_by),
        None => "Not recorded".to_owned(),
    };
    let guidance_when = match p.guidance.reviewed_on {
        Some(day) => format!("Met on {}", describe::date(day)),
        None => "No date can be given until it is recorded".to_owned(),
    };

    vec![
        Criterion { name: "Every UAT workflow passed", met: uat.met, evidence: uat_evidence, when: uat_when, date: uat_date },
        Criterion {
            name: "Minimum number of referrals",
            met: r.met,
            evidence: referral_evidence,
            when: referral_when,
            date: referral_date,
        },
        Criterion {
            name: "Verification period free of safety incidents",
            met: v.met,
            evidence: clock_evidence,
            when: clock_when,
            date: clock_date,
        },
        Criterion {
            name: "Supporting guidance and shared best practice reviewed",
            met: p.guidance.met,
            evidence: guidance_evidence,
            when: guidance_when,
            date: p.guidance.reviewed_on,
        },
    ]
}

fn uat_history(d: &Deployment, provider_id: &str, as_of: NaiveDate) -> Vec<WorkflowHistory> {
    d.workflows_of(provider_id)
        .map(|w| {
            let runs: Vec<Run> = d
                .results_of(&w.id)
                .into_iter()
                .filter(|r| r.date <= as_of)
                .map(|r| Run { date: r.date, passed: r.outcome == Outcome::Pass, fix_in: r.root_cause.map(|c| c.label()), note: r.note.clone() })
                .collect();
            let passed = runs.last().is_some_and(|r| r.passed);
            WorkflowHistory { name: w.name.clone(), runs, passed }
        })
        .collect()
}

fn incidents(d: &Deployment, p: &ProviderReadiness, as_of: NaiveDate) -> Vec<IncidentLine> {
    let mut list: Vec<_> = d.incidents.iter().filter(|i| i.provider_id == p.provider_id && i.date <= as_of).collect();
    crate::order::sort_by_key(&mut list, |i| (i.date, i.updated_at));
    list.into_iter()
        .map(|i| IncidentLine {
            date: i.date,
            attributed_to_bars: i.attributed_to_bars,
            summary: i.summary.clone(),
            reported_to_service_desk: i.reported_to_service_desk,
            resolution: i.resolution.clone(),
            restarted_on: p.verification.restarts.iter().find(|r| r.incident_id == i.id).map(|r| r.restarted_on),
        })
        .collect()
}

/// Every check and sign-off but the guidance review (a criterion above): the
/// gates as the stages count them (a "no" that sent the provider back voids
/// those it must redo; the "go" is the latest go / no-go decision), the
/// others as recorded.
fn sign_offs(d: &Deployment, provider_id: &str, as_of: NaiveDate, stages: &crate::stages::ProviderStages) -> Vec<SignOff> {
    use crate::records::DecisionKind;
    MilestoneKind::ALL
        .into_iter()
        .filter(|k| *k != MilestoneKind::GuidanceReviewed)
        .map(|kind| {
            let is_gate = crate::stages::Stage::ALL.iter().any(|s| s.gates().contains(&kind));
            let recorded = d.milestones.iter().filter(|m| m.provider_id == provider_id && m.kind == kind && m.date <= as_of);
            let date = if is_gate { stages.gate(kind) } else { recorded.clone().map(|m| m.date).min() };
            let by = |day: NaiveDate| {
                let milestone = recorded.clone().find(|m| m.date == day).map(|m| m.recorded_by.clone());
                let go = stages.decisions.iter().rev().find(|x| x.kind == DecisionKind::GoNoGo && x.is_yes() && x.date == day);
                let report = d.exit_report(provider_id).filter(|r| r.completed_on == Some(day));
                milestone
                    .or_else(|| (kind == MilestoneKind::GoDecision).then(|| go.map(|x| x.decided_by.clone())).flatten())
                    .or_else(|| (kind == MilestoneKind::BetaExitReport).then(|| report.map(|r| r.completed_by.clone())).flatten())
                    .unwrap_or_default()
            };
            SignOff { kind, recorded: date.map(|day| (day, by(day))) }
        })
        .collect()
}

fn decision_line(x: &crate::records::Decision) -> DecisionLine {
    // "Go / no-go: No-go", "Move to public beta? Yes".
    let sep = if x.kind.label().ends_with('?') { " " } else { ": " };
    let mut then = Vec::new();
    if !x.must_change.is_empty() {
        let changes: Vec<&str> = x.must_change.iter().map(|m| m.label()).collect();
        then.push(format!("Must change: {}", changes.join(", ")));
    }
    if let Some(stage) = x.returns_to {
        then.push(format!("Back to: {}", stage.label()));
    }
    DecisionLine {
        date: x.date,
        decision: format!("{}{sep}{}", x.kind.label(), x.outcome_label()),
        yes: x.is_yes(),
        decided_by: x.decided_by.clone(),
        reasons: x.reasons.clone(),
        then: then.join(". "),
    }
}

/// Each of the guide's activities, recorded or not; "Completed" only when
/// completed on or before the as-of date.
fn business_change(d: &Deployment, provider_id: &str, as_of: NaiveDate) -> Vec<ChangeLine> {
    use crate::records::{Activity, ActivityStatus};
    Activity::ALL
        .into_iter()
        .map(|activity| match d.business_change_of(provider_id, activity) {
            Some(b) => {
                let status = match b.status {
                    ActivityStatus::Completed if !b.completed_by(as_of) => ActivityStatus::InProgress,
                    status => status,
                };
                let owner = b.owner_id.as_deref().and_then(|id| d.contacts.iter().find(|c| c.id == id)).map(|c| c.name.clone());
                ChangeLine {
                    activity: activity.label(),
                    status: status.label(),
                    owner: owner.unwrap_or_default(),
                    target: b.target_date,
                    completed_on: b.completed_on.filter(|_| b.completed_by(as_of)),
                    notes: b.notes.clone(),
                }
            }
            None => ChangeLine {
                activity: activity.label(),
                status: ActivityStatus::NotStarted.label(),
                owner: String::new(),
                target: None,
                completed_on: None,
                notes: String::new(),
            },
        })
        .collect()
}

/// The provider's issues and those raised for every provider, by reference,
/// raised on or before the as-of date.
fn issues(d: &Deployment, provider_id: &str, as_of: NaiveDate) -> Vec<IssueLine> {
    d.issues_in_order()
        .into_iter()
        .filter(|i| i.raised_on <= as_of && i.provider_id.as_deref().is_none_or(|p| p == provider_id))
        .map(|i| {
            let resolved = i.resolved_on.filter(|r| *r <= as_of);
            let open = i.status.is_open() || resolved.is_none();
            IssueLine {
                reference: i.reference.clone(),
                raised_on: i.raised_on,
                found_in: i.found_in.label(),
                priority: i.priority.label(),
                status: if open && !i.status.is_open() { "Open then" } else { i.status.label() },
                open,
                every_provider: i.provider_id.is_none(),
                description: i.description.clone(),
                resolution: if open { String::new() } else { i.resolution.clone() },
                resolved_on: resolved,
            }
        })
        .collect()
}

/// The deployment's lessons identified on or before the as-of date, oldest first.
fn lessons(d: &Deployment, as_of: NaiveDate) -> Vec<LessonLine> {
    d.lessons_in_order(false)
        .into_iter()
        .filter(|l| l.date <= as_of)
        .map(|l| LessonLine {
            date: l.date,
            category: l.category.label(),
            what_happened: l.what_happened.clone(),
            lesson: l.lesson.clone(),
            action: l.action.clone(),
            status: l.status.label(),
            for_retrospective: l.for_retrospective,
        })
        .collect()
}
