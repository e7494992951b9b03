//! The portfolio: every deployment in this browser in one line each, from the
//! readiness engine on the as-of date, in the order the user picks.

use chrono::NaiveDate;

use crate::readiness::{assess, Projection};
use crate::state::AppState;

/// Where a deployment stands, for its tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Standing {
    /// Every provider has met the acceptance criteria.
    Met,
    /// An exit date can be projected.
    OnTrack,
    /// Live, but no exit date can be projected: something blocks it.
    Blocked,
    /// No provider has gone live (or there are none yet).
    NotLive,
}

impl Standing {
    pub fn label(self) -> &'static str {
        match self {
            Self::Met => "Criteria met",
            Self::OnTrack => "On track",
            Self::Blocked => "Blocked",
            Self::NotLive => "Not live yet",
        }
    }
}

/// One deployment's line.
#[derive(Debug, Clone, PartialEq)]
pub struct PortfolioRow {
    pub id: String,
    pub name: String,
    pub standing: Standing,
    pub providers_met: usize,
    pub providers: usize,
    /// The earliest exit, or what blocks it.
    pub exit: Projection,
    pub uplift_deadline: Option<NaiveDate>,
    /// Open issues raised on or before the as-of date.
    pub open_issues: usize,
    /// The next call in its calendar on or after the as-of date (go / no-go
    /// calls included): its day and title.
    pub next_call: Option<(NaiveDate, String)>,
}

/// The orders the portfolio can be shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    #[default]
    Name,
    /// Soonest exit first; those with no date last.
    Exit,
    /// Furthest behind first: fewest providers met, as a share.
    Behind,
    /// Met, on track, blocked, not live.
    Standing,
}

impl SortBy {
    pub const ALL: [SortBy; 4] = [Self::Name, Self::Exit, Self::Behind, Self::Standing];
    pub fn key(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::Exit => "exit",
            Self::Behind => "behind",
            Self::Standing => "standing",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::Name => "Name",
            Self::Exit => "Earliest exit",
            Self::Behind => "Furthest behind",
            Self::Standing => "Status",
        }
    }
    /// The order named in a link; anything else is by name.
    pub fn from_key(key: &str) -> Self {
        Self::ALL.into_iter().find(|s| s.key() == key).unwrap_or_default()
    }
}

/// Every deployment's line on `as_of`, in the order asked for (ties by name).
pub fn portfolio(state: &AppState, as_of: NaiveDate, sort: SortBy) -> Vec<PortfolioRow> {
    let mut rows: Vec<PortfolioRow> = state
        .deployments
        .iter()
        .map(|d| {
            let r = assess(d, as_of);
            let any_live = d.providers.iter().any(|p| p.go_live.is_some_and(|g| g <= as_of));
            let standing = match &r.earliest_exit {
                _ if r.met => Standing::Met,
                _ if !any_live => Standing::NotLive,
                Projection::Blocked(_) => Standing::Blocked,
                _ => Standing::OnTrack,
            };
            let next_call = crate::calls::calendar(d, r.earliest_exit.date())
                .into_iter()
                .map(|e| e.call)
                .filter(|c| !c.cancelled && c.date >= as_of)
                .min_by_key(|c| (c.date, c.start))
                .map(|c| (c.date, c.title));
            PortfolioRow {
                open_issues: d.issues.iter().filter(|i| i.status.is_open() && i.raised_on <= as_of).count(),
                next_call,
                id: d.id.clone(),
                name: d.name.clone(),
                standing,
                providers_met: r.providers.iter().filter(|p| p.met).count(),
                providers: r.providers.len(),
                exit: r.earliest_exit,
                uplift_deadline: r.uplift_deadline,
            }
        })
        .collect();
    // As the deployments list sorts them: ignoring case.
    let name = |r: &PortfolioRow| r.name.to_ascii_lowercase();
    match sort {
        SortBy::Name => crate::order::sort_by_key(&mut rows, name),
        SortBy::Exit => crate::order::sort_by_key(&mut rows, |r| (r.exit.date().is_none(), r.exit.date(), name(r))),
        SortBy::Behind => crate::order::sort_by_key(&mut rows, |r| {
            // The share met, in millionths: whole numbers sort exactly.
            let share = if r.providers == 0 { 0 } else { r.providers_met * 1_000_000 / r.providers };
            (share, name(r))
        }),
        SortBy::Standing => crate::order::sort_by_key(&mut rows, |r| (r.standing, name(r))),
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::{Milestone, MilestoneKind, Outcome, Provider, ProviderRole, TestResult, Workflow};
    use chrono::{DateTime, Utc};

    fn day(s: &str) -> NaiveDate {
        crate::dates::parse_day(s).unwrap()
    }

    /// A Low-risk deployment whose providers went live on the given dates (None: no go-live).
    fn deployment(id: &str, name: &str, go_lives: &[Option<&str>], published: Option<&str>) -> crate::Deployment {
        let now = DateTime::<Utc>::UNIX_EPOCH;
        let fields = crate::DeploymentFields {
            name: name.into(),
            application: crate::ApplicationChoice::Preset { number: 1 },
            risk_level: crate::ServiceRiskLevel::Low,
        };
        let mut d = crate::Deployment::new(id.into(), fields, now);
        d.has_responses = false;
        d.stable_published = published.map(day);
        for (i, go_live) in go_lives.iter().enumerate() {
            let pid = format!("{id}-p{i}");
            d.providers.push(Provider {
                id: pid.clone(),
                updated_at: now,
                name: format!("Provider {i}"),
                ods_code: String::new(),
                role: ProviderRole::Both,
                supplier: String::new(),
                go_live: go_live.map(day),
            });
            d.workflows.push(Workflow::new(format!("{pid}-w"), now, pid.clone(), "Book".into()));
            d.test_results.push(TestResult {
                id: format!("{pid}-t"),
                updated_at: now,
                workflow_id: format!("{pid}-w"),
                date: day("2026-01-10"),
                outcome: Outcome::Pass,
                note: String::new(),
                root_cause: None,
            });
            d.milestones.push(Milestone {
                id: format!("{pid}-g"),
                updated_at: now,
                provider_id: pid.clone(),
                kind: MilestoneKind::GuidanceReviewed,
                date: day("2026-01-10"),
                recorded_by: String::new(),
            });
            // 2 referrals a day from go-live: Low risk needs 20 (pooled) and 14 days.
            if let Some(g) = go_live.map(day) {
                for k in 0..60 {
                    d.volumetrics.push(crate::records::DailyVolume {
                        id: format!("{pid}-v{k}"),
                        updated_at: now,
                        provider_id: pid.clone(),
                        date: g + chrono::Days::new(k),
                        referrals: 2,
                        responses: 0,
                    });
                }
            }
        }
        d
    }

    fn state() -> AppState {
        let mut s = AppState::default();
        // Met: both live since January.
        s.deployments.push(deployment("a", "Alpha", &[Some("2026-01-01"), Some("2026-01-05")], Some("2026-02-01")));
        // On track: one live a week ago, one going live later.
        s.deployments.push(deployment("b", "bravo", &[Some("2026-02-20"), Some("2026-03-10")], None));
        // Not live: no go-live at all.
        s.deployments.push(deployment("c", "Charlie", &[None], None));
        // Blocked: live, but a provider with no go-live cannot be dated.
        s.deployments.push(deployment("d", "Delta", &[Some("2026-01-01"), None], None));
        s
    }

    #[test]
    fn each_deployment_has_its_standing_and_counts() {
        let rows = portfolio(&state(), day("2026-02-27"), SortBy::Name);
        let got: Vec<(&str, Standing, usize, usize)> = rows.iter().map(|r| (r.name.as_str(), r.standing, r.providers_met, r.providers)).collect();
        assert_eq!(
            got,
            [
                ("Alpha", Standing::Met, 2, 2),
                ("bravo", Standing::OnTrack, 0, 2),
                ("Charlie", Standing::NotLive, 0, 1),
                ("Delta", Standing::Blocked, 1, 2),
            ]
        );
        assert_eq!(rows[0].uplift_deadline, Some(day("2026-05-01")));
        assert_eq!(rows[0].exit, Projection::Reached(day("2026-01-19")));
        // bravo: the second provider goes live on 10 March; its 14 days end on 24 March.
        assert_eq!(rows[1].exit, Projection::Expected(day("2026-03-24")));
        assert!(rows.iter().all(|r| r.open_issues == 0));
        // bravo's calendar proposes a go / no-go call before its second go-live.
        let (day_of_call, title) = rows[1].next_call.clone().expect("a call is proposed");
        assert!(day_of_call >= day("2026-02-27") && day_of_call < day("2026-03-10"), "{day_of_call} {title}");
    }

    #[test]
    fn the_as_of_date_applies() {
        let rows = portfolio(&state(), day("2026-01-03"), SortBy::Name);
        assert_eq!(rows[0].standing, Standing::OnTrack);
        assert_eq!(rows[1].standing, Standing::NotLive);
        assert_eq!(rows[0].uplift_deadline, Some(day("2026-05-01")), "the deadline is a fact of the deployment, not of the date");
    }

    #[test]
    fn every_order_sorts_with_ties_by_name() {
        let names = |sort| portfolio(&state(), day("2026-02-27"), sort).into_iter().map(|r| r.name).collect::<Vec<_>>();
        assert_eq!(names(SortBy::Name), ["Alpha", "bravo", "Charlie", "Delta"]);
        assert_eq!(names(SortBy::Exit), ["Alpha", "bravo", "Charlie", "Delta"]);
        assert_eq!(names(SortBy::Behind), ["bravo", "Charlie", "Delta", "Alpha"]);
        assert_eq!(names(SortBy::Standing), ["Alpha", "bravo", "Delta", "Charlie"]);
        assert_eq!(SortBy::from_key("exit"), SortBy::Exit);
        assert_eq!(SortBy::from_key("nonsense"), SortBy::Name);
    }
}
