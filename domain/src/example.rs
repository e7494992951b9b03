//! The example deployment behind "Explore with an example": a fictional BaRS
//! Application 1 beta (111 into urgent and emergency care) with four
//! providers at different stages, so that every page has something to show.
//!
//! Everything is fictional: organisations, people, codes and e-mail
//! addresses (example.org). Volumetrics are daily counts only. Dates are
//! set relative to `today`, so the example always reads as a beta under way:
//! - Northbrook UTC has met every criterion and written its exit report;
//! - Eastmere IUC CAS is live, but an incident caused by BaRS restarted its
//!   verification clock;
//! - Harrowgate SDEC had a "no-go" at its first go / no-go decision, then a "go";
//! - Kingsford ED is still in UAT, with a failed workflow.
//!
//! Records are made through the forms' own drafts (in the order a beta would
//! record them), so the example meets every rule a person's entries meet.

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};

use crate::calls::{calendar, find_entry, is_working_day, store_call};
use crate::dates::iso_date;
use crate::deployment::{Deployment, DeploymentFields};
use crate::presets::ApplicationChoice;
use crate::rasci::{guide_letters, Task};
use crate::records::*;
use crate::responsibilities::Duty;
use crate::risk::ServiceRiskLevel;

/// The example deployment's name; it says that it is an example.
pub const EXAMPLE_NAME: &str = "Example: 111 referrals into urgent care";

/// (name, ODS code, role, supplier, go-live in days before today or 0 for none)
const PROVIDERS: [(&str, &str, &str, &str, u64); 4] = [
    ("Northbrook Urgent Treatment Centre", "EXN01", "receiver", "Meridian Clinical Systems", 165),
    ("Eastmere Integrated Urgent Care CAS", "EXE02", "sender", "Larkspur Health Software", 165),
    ("Harrowgate Same Day Emergency Care", "EXH03", "receiver", "Meridian Clinical Systems", 15),
    ("Kingsford Emergency Department", "EXK04", "receiver", "Meridian Clinical Systems", 0),
];

/// No provider: a contact of another party.
const NONE: usize = 9;

/// (party, provider index or NONE, organisation for other parties, role, name)
const CONTACTS: [(Party, usize, &str, &str, &str); 17] = [
    (Party::Supplier, NONE, "Meridian Clinical Systems", "Project lead", "Hannah Corley"),
    (Party::Supplier, NONE, "Meridian Clinical Systems", "System user", "Marcus Pell"),
    (Party::Supplier, NONE, "Larkspur Health Software", "Project lead", "Ifeoma Dale"),
    (Party::Provider, 0, "", "Project or digital lead", "Gareth Linton"),
    (Party::Provider, 0, "", "Clinical lead", "Dr Ruth Asante"),
    (Party::Provider, 0, "", "Information governance lead", "Colin Mabry"),
    (Party::Provider, 0, "", "Operational lead", "Sian Prescott"),
    (Party::Provider, 0, "", "System user", "Leah Moran"),
    (Party::Provider, 1, "", "Project or digital lead", "Tobias Renwick"),
    (Party::Provider, 1, "", "Clinical lead", "Dr Amara Kelso"),
    (Party::Provider, 2, "", "Project or digital lead", "Fern Oduya"),
    (Party::Provider, 2, "", "Clinical lead", "Dr Paul Stennett"),
    (Party::Provider, 3, "", "Project or digital lead", "Nadia Brannock"),
    (Party::BarsTeam, NONE, "NHS England", "Project lead", "Owen Tallis"),
    (Party::BarsTeam, NONE, "NHS England", "Clinical lead", "Dr Helen Marsh"),
    (Party::BarsTeam, NONE, "NHS England", "Technical lead", "Ravi Colquhoun"),
    (Party::PolicyAndStrategy, NONE, "NHS England", "Policy lead", "Bethan Ruddock"),
];

/// Who records the milestones of each provider (a contact's index), and the
/// provider's short name.
const RECORDER: [usize; 4] = [3, 8, 10, 12];
const SHORT: [&str; 4] = ["Northbrook UTC", "Eastmere CAS", "Harrowgate SDEC", "Kingsford ED"];

use MilestoneKind as M;

/// (provider, milestone, days before today), in the order they happen. A
/// [`Step::Decision`] comes between them where it was taken.
const MILESTONES_BEFORE_UAT: [(usize, M, u64); 8] = [
    (0, M::ViewAccess, 240),
    (1, M::ViewAccess, 236),
    (0, M::UatEnvironmentReady, 225),
    (1, M::UatEnvironmentReady, 221),
    (2, M::ViewAccess, 150),
    (2, M::UatEnvironmentReady, 131),
    (3, M::ViewAccess, 60),
    (3, M::UatEnvironmentReady, 38),
];

/// The gates from the end of private beta to the smoke test, in order, and
/// the days before the "go" each was recorded.
const TO_GO_LIVE: [(M, u64); 8] = [
    (M::ClinicalSignOff, 22),
    (M::Dcb0160, 17),
    (M::Dcb0129, 17),
    (M::TechnicalConformanceCertificate, 15),
    (M::ProductionEnvironmentReady, 12),
    (M::EndpointsCatalogued, 10),
    (M::UsersTrained, 6),
    (M::SmokeTestPassed, 4),
];

/// (provider, days before today of its "go", first UAT day)
const GOES: [(usize, u64, u64); 2] = [(0, 168, 205), (1, 168, 206)];

struct Example<'a> {
    d: Deployment,
    today: NaiveDate,
    now: DateTime<Utc>,
    next_id: &'a mut dyn FnMut() -> String,
    providers: Vec<String>,
    contacts: Vec<String>,
}

/// The example deployment as of `today`, its records stamped `now`, its ids
/// from `next_id`.
pub fn example_deployment(today: NaiveDate, now: DateTime<Utc>, next_id: &mut dyn FnMut() -> String) -> Deployment {
    let id = next_id();
    let fields = DeploymentFields {
        name: EXAMPLE_NAME.to_owned(),
        application: ApplicationChoice::Preset { number: 1 },
        risk_level: ServiceRiskLevel::Medium,
    };
    let mut x = Example { d: Deployment::new(id, fields, now), today, now, next_id, providers: Vec::new(), contacts: Vec::new() };
    x.build();
    x.d
}

/// The record a draft makes. The host tests build the example for every day
/// of a year, so a rule it breaks is found there, never in the browser.
fn expect<T>(made: Result<T, Vec<crate::validation::FieldError>>) -> T {
    made.unwrap_or_else(|errors| broken(&errors))
}

/// Display, not Debug: Debug of text would bring Unicode tables into the app.
#[cold]
#[inline(never)]
fn broken(errors: &[crate::validation::FieldError]) -> ! {
    panic!("the example breaks a rule: {}: {}", errors[0].field, errors[0].message)
}

impl Example<'_> {
    /// The day `n` days before today.
    fn ago(&self, n: u64) -> NaiveDate {
        self.today - Days::new(n)
    }

    /// The working day on or before the day `n` days before today, as a form writes it.
    fn work(&self, n: u64) -> String {
        let mut day = self.ago(n);
        while !is_working_day(day) {
            day = day.pred_opt().unwrap_or(day);
        }
        iso_date(day)
    }

    fn id(&mut self) -> String {
        (self.next_id)()
    }

    fn build(&mut self) {
        self.add_providers_and_contacts();
        for &(p, kind, n) in &MILESTONES_BEFORE_UAT {
            self.milestone(p, kind, n);
        }
        self.business_change();
        // Northbrook and Eastmere: through UAT to a "go" and months of live running.
        for (p, go, uat) in GOES {
            self.uat(p, uat);
            self.to_go(p, go);
            self.decision(p, DecisionKind::GoNoGo, "yes", go, "The smoke test passed in production, staff are trained, and every document is in place.", &[], "", &[]);
        }
        self.incident(0, 140, false, "A local network outage at the centre lasted about two hours. Staff took referrals by telephone under the business continuity plan. Not caused by the BaRS implementation.", "The trust's IT team restored the network the same afternoon. No referrals were lost.");
        self.milestone(0, M::GuidanceReviewed, 124);
        self.milestone(1, M::GuidanceReviewed, 118);
        self.decision(0, DecisionKind::AcceptanceMet, "yes", 100, "Every acceptance criterion is met: all workflows passed in UAT, the deployment has well over 50 referrals, and more than 28 days of live running free of incidents caused by BaRS.", &[], "", &[]);
        self.milestone(0, M::BetaExitReport, 90);
        self.exit_report();
        // Harrowgate: through UAT, a "no-go" at the smoke test, then a "go".
        self.uat(2, 112);
        self.to_go(2, 50);
        let smoke = self.issue(IssueSpec {
            provider: Some(2),
            raised: 50,
            party: Party::Provider,
            found_in: "smoke_test",
            priority: "high",
            text: "In the smoke test with test patient data, booking confirmations took more than ten minutes to reach the sending service.",
            cause: "supplier_solution",
            owner: "supplier",
            status: "resolved",
            resolution: "The supplier cut the confirmation queue's polling interval from ten minutes to thirty seconds. The repeat smoke test confirmed it.",
            resolved: 28,
            from: None,
        });
        self.decision(2, DecisionKind::GoNoGo, "no", 47, "The smoke test passed, but slow booking confirmations would leave the sending service unsure whether a patient had a slot. Not safe to go live until fixed.", &["supplier_system"], "technical_go_live", &[smoke]);
        self.milestone(2, M::SmokeTestPassed, 26);
        self.decision(2, DecisionKind::GoNoGo, "yes", 21, "The repeat smoke test passed, with confirmations back within a minute. Staff are trained and the service is ready.", &[], "", &[]);
        self.counts();
        self.live_incident();
        // Kingsford: in UAT, with a failure to fix.
        self.kingsford();
        self.issue(IssueSpec {
            provider: None,
            raised: 33,
            party: Party::Supplier,
            found_in: "uat",
            priority: "low",
            text: "The implementation guide does not say whether a re-referral carries the first referral's reference. Two suppliers have read it differently.",
            cause: "standard",
            owner: "",
            status: "new",
            resolution: "",
            resolved: 0,
            from: None,
        });
        self.lessons();
        self.roles();
        self.calls();
    }

    fn add_providers_and_contacts(&mut self) {
        for (name, ods, role, supplier, live) in PROVIDERS {
            let draft = ProviderDraft {
                name: name.to_owned(),
                ods_code: ods.to_owned(),
                role: role.to_owned(),
                supplier: supplier.to_owned(),
                go_live: if live == 0 { String::new() } else { self.work(live) },
            };
            let id = self.id();
            let provider = expect(draft.validate(&self.d, None)).into_record(id.clone(), self.now);
            self.d.add_provider(provider, &mut *self.next_id);
            self.providers.push(id);
        }
        for (party, provider, organisation, role, name) in CONTACTS {
            let first_last = name.trim_start_matches("Dr ").replace(' ', ".").to_ascii_lowercase();
            let draft = ContactDraft {
                party: party.key().to_owned(),
                provider_id: self.providers.get(provider).cloned().unwrap_or_default(),
                organisation: organisation.to_owned(),
                role: role.to_owned(),
                name: name.to_owned(),
                email: format!("{first_last}@example.org"),
            };
            let id = self.id();
            let contact = expect(draft.validate(&self.d)).into_record(id.clone(), self.now);
            self.d.contacts.push(contact);
            self.contacts.push(id);
        }
    }

    fn milestone(&mut self, p: usize, kind: M, n: u64) {
        let draft = MilestoneDraft { date: self.work(n), recorded_by: format!("{}, {}", CONTACTS[RECORDER[p]].4, SHORT[p]) };
        let id = self.id();
        let m = expect(draft.record(&self.d, &self.providers[p], kind.key(), self.today, id, self.now));
        self.d.milestones.push(m);
    }

    /// Every workflow of the provider's test plan passes, one a day from
    /// `start` days before today; Northbrook's "Cancel booking" fails first.
    fn uat(&mut self, p: usize, start: u64) {
        let plan: Vec<String> = self.d.workflows_of(&self.providers[p]).map(|w| w.id.clone()).collect();
        for (i, workflow) in plan.iter().enumerate() {
            let n = start - 2 * i as u64;
            if p == 0 && i == 2 {
                let failed = self.result(p, workflow, n + 5, "fail", "The cancellation reached the centre, but the slot stayed booked: the local rota held cancelled slots back.", "provider_configuration");
                self.issue(IssueSpec {
                    provider: Some(0),
                    raised: n + 5,
                    party: Party::Provider,
                    found_in: "uat",
                    priority: "medium",
                    text: "A cancelled booking did not free its slot, because the rota was set to hold cancelled slots back.",
                    cause: "provider_configuration",
                    owner: "provider",
                    status: "closed",
                    resolution: "The rota now releases cancelled slots at once. The workflow was tested again and passed.",
                    resolved: n,
                    from: Some(failed),
                });
            }
            self.result(p, workflow, n, "pass", "", "");
        }
    }

    fn result(&mut self, p: usize, workflow: &str, n: u64, outcome: &str, note: &str, cause: &str) -> String {
        let draft = ResultDraft { date: self.work(n), outcome: outcome.to_owned(), note: note.to_owned(), root_cause: cause.to_owned() };
        let id = self.id();
        let r = expect(draft.record(&self.d, &self.providers[p], workflow, self.today, id, self.now));
        let id = r.id.clone();
        self.d.test_results.push(r);
        id
    }

    /// The end of private beta to the smoke test, for a go / no-go decision
    /// `go` days before today.
    fn to_go(&mut self, p: usize, go: u64) {
        for (i, &(kind, before)) in TO_GO_LIVE.iter().enumerate() {
            self.milestone(p, kind, go + before);
            if i == 0 {
                self.decision(p, DecisionKind::MoveToPublicBeta, "yes", go + before - 1, "Every workflow in the test plan passed in UAT, and the clinical lead and clinical safety officer signed off the end of private beta.", &[], "", &[]);
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn decision(&mut self, p: usize, kind: DecisionKind, outcome: &str, n: u64, reasons: &str, must_change: &[&str], returns_to: &str, issues: &[String]) {
        let draft = DecisionDraft {
            kind: kind.key().to_owned(),
            date: self.work(n),
            outcome: outcome.to_owned(),
            decided_by: format!("{}, {} and {}", CONTACTS[RECORDER[p]].4, CONTACTS[if p == 1 { 2 } else { 0 }].4, CONTACTS[13].4),
            parties: ["supplier", "provider", "bars_team"].map(str::to_owned).to_vec(),
            reasons: reasons.to_owned(),
            must_change: must_change.iter().map(|s| (*s).to_owned()).collect(),
            returns_to: returns_to.to_owned(),
            issue_ids: issues.to_vec(),
        };
        let id = self.id();
        let decision = expect(draft.record(&self.d, &self.providers[p], self.today, id, self.now));
        self.d.decisions.push(decision);
    }

    fn incident(&mut self, p: usize, n: u64, attributed: bool, summary: &str, resolution: &str) -> String {
        let draft = IncidentDraft {
            provider_id: self.providers[p].clone(),
            date: iso_date(self.ago(n)),
            attributed: if attributed { "yes" } else { "no" }.to_owned(),
            summary: summary.to_owned(),
            reported: attributed,
            resolution: resolution.to_owned(),
        };
        let id = self.id();
        let incident = expect(draft.validate(&self.d, self.today)).into_record(id, self.now);
        let id = incident.id.clone();
        self.d.incidents.push(incident);
        id
    }

    fn live_incident(&mut self) {
        let incident = self.incident(1, 20, true, "After a supplier update, three referrals were sent twice, so the receiving centre saw duplicate bookings. Staff found them at the daily check; no patient came to harm.", "The supplier rolled the update back the same day and is adding a check for duplicates before a referral is sent again.");
        self.issue(IssueSpec {
            provider: Some(1),
            raised: 20,
            party: Party::Provider,
            found_in: "live",
            priority: "high",
            text: "Referrals sent twice after a supplier update, giving duplicate bookings at the receiving centre.",
            cause: "supplier_solution",
            owner: "supplier",
            status: "in_progress",
            resolution: "",
            resolved: 0,
            from: Some(incident),
        });
    }

    /// Daily counts from each provider's go-live to yesterday: a steady
    /// weekday pattern that grows a little over the months.
    fn counts(&mut self) {
        let mut rows = Vec::new();
        for (k, p) in self.d.providers.iter().enumerate() {
            let Some(live) = p.go_live else { continue };
            let mut day = live;
            let mut i = 0u32;
            while day < self.today {
                let weekend = u32::from(day.weekday().num_days_from_monday() >= 5);
                let referrals = [1, 1, 0][k] + (i * 7 + k as u32 * 3) % 4 + weekend + i / 60;
                let responses = referrals - u32::from(referrals > 0 && i % 6 == 0);
                rows.push(DayCounts { provider_id: p.id.clone(), date: day, referrals, responses });
                day = day + Days::new(1);
                i += 1;
            }
        }
        store_counts(&mut self.d, rows, self.now, &mut *self.next_id);
    }

    fn kingsford(&mut self) {
        let plan: Vec<String> = self.d.workflows_of(&self.providers[3]).map(|w| w.id.clone()).collect();
        // The last workflow is not tested yet.
        for (i, workflow) in plan.iter().enumerate().take(plan.len() - 1) {
            let n = 30 - 3 * i as u64;
            if i == 3 {
                let failed = self.result(3, workflow, n, "fail", "The new slot was booked, but the old one was not released, so the patient held two slots.", "supplier_solution");
                self.issue(IssueSpec {
                    provider: Some(3),
                    raised: n,
                    party: Party::Provider,
                    found_in: "uat",
                    priority: "medium",
                    text: "Rebooking leaves the first slot booked as well as the new one.",
                    cause: "supplier_solution",
                    owner: "supplier",
                    status: "triaged",
                    resolution: "",
                    resolved: 0,
                    from: Some(failed),
                });
            } else {
                self.result(3, workflow, n, "pass", "", "");
            }
        }
    }

    fn issue(&mut self, s: IssueSpec) -> String {
        let (test_result_id, incident_id) = match s.from {
            Some(id) if s.found_in == "live" => (None, Some(id)),
            from => (from, None),
        };
        let draft = IssueDraft {
            raised_on: self.work(s.raised),
            raised_by: s.party.key().to_owned(),
            raised_by_contact: String::new(),
            provider_id: s.provider.map(|p| self.providers[p].clone()).unwrap_or_default(),
            found_in: s.found_in.to_owned(),
            priority: s.priority.to_owned(),
            description: s.text.to_owned(),
            root_cause: s.cause.to_owned(),
            owner: s.owner.to_owned(),
            status: s.status.to_owned(),
            resolution: s.resolution.to_owned(),
            resolved_on: if s.resolved == 0 { String::new() } else { self.work(s.resolved) },
            test_result_id,
            incident_id,
        };
        let id = self.id();
        let reference = self.d.next_issue_reference();
        let issue = expect(draft.validate(&self.d, self.today)).into_record(id.clone(), self.now, reference);
        self.d.issues.push(issue);
        id
    }

    /// The guide's activities: done at the two providers live longest, one
    /// left at Harrowgate, most still to do at Kingsford.
    fn business_change(&mut self) {
        const STATUS: [[u8; 6]; 4] = [[2; 6], [2; 6], [2, 2, 2, 2, 2, 1], [1, 0, 1, 0, 2, 0]];
        const NOTES: [&str; 6] = [
            "Booking and referral steps added to the reception and triage procedures.",
            "Short training sessions for each shift, with a one-page guide at every desk.",
            "If BaRS is unavailable, referrals are taken by telephone as before.",
            "",
            "Data protection impact assessment reviewed: no new data is shared.",
            "Measuring how many arrivals were booked ahead and how long they waited.",
        ];
        for (p, statuses) in STATUS.iter().enumerate() {
            for (a, activity) in Activity::ALL.into_iter().enumerate() {
                let status = ActivityStatus::ALL[usize::from(statuses[a])];
                let started = [210, 205, 120, 50][p] - 6 * a as u64;
                let draft = BusinessChangeDraft {
                    status: status.key().to_owned(),
                    owner: self.contacts[RECORDER[p]].clone(),
                    target_date: iso_date(if status == ActivityStatus::Completed { self.ago(started - 10) } else { self.today + Days::new(14 + 7 * a as u64) }),
                    completed_on: if status == ActivityStatus::Completed { self.work(started - 12) } else { String::new() },
                    notes: if status == ActivityStatus::NotStarted { String::new() } else { NOTES[a].to_owned() },
                };
                let id = self.id();
                let record = expect(draft.record(&self.d, &self.providers[p], activity, self.today, id, self.now));
                self.d.business_change.push(record);
            }
        }
    }

    fn exit_report(&mut self) {
        let draft = ExitReportDraft {
            summary: "Northbrook went live with BaRS bookings from the 111 clinical assessment service after a private beta in which every workflow passed. A single UAT failure was a local rota setting, fixed within a week. Live running has been steady and free of incidents caused by BaRS.".to_owned(),
            benefits: "Patients booked by 111 now arrive with a time slot, so fewer wait in the queue without one. Reception no longer retypes referral details from a telephone call, and staff say arrivals are easier to plan for.".to_owned(),
            recommendations: "Check the rota and slot settings in the UAT environment before testing starts. Give each shift a short briefing before go-live, and keep the telephone route in the business continuity plan.".to_owned(),
            completed_by: format!("{}, {}", CONTACTS[3].4, SHORT[0]),
            completed_on: self.work(90),
        };
        let id = self.id();
        let report = expect(draft.record(&self.d, &self.providers[0], self.today, id, self.now));
        self.d.put_exit_report(report);
    }

    fn lessons(&mut self) {
        // (days ago, party, contact, category, what happened, lesson, action, owner, status)
        const LESSONS: [(u64, Party, usize, &str, &str, &str, &str, &str, &str); 3] = [
            (190, Party::Provider, 4, "technical", "A UAT failure came from a rota setting in the test environment that production did not have.", "Set up the UAT environment exactly as production will be before testing starts.", "Add a configuration check to the start of every UAT test plan.", "bars_team", "done"),
            (44, Party::BarsTeam, 14, "clinical_safety", "The smoke test passed, but booking confirmations were too slow to be safe.", "A smoke test should time each step, not only check that it completes.", "Add expected response times to the smoke test script.", "supplier", "in_progress"),
            (18, Party::Provider, 9, "communications", "Staff at the sending service heard about the duplicate referrals fix two days after it was made.", "Tell every provider's operational lead when a live fix is made, not only the project leads.", "", "", "open"),
        ];
        for (n, party, contact, category, what, lesson, action, owner, status) in LESSONS {
            let draft = LessonDraft {
                date: self.work(n),
                raised_by: party.key().to_owned(),
                raised_by_contact: self.contacts[contact].clone(),
                category: category.to_owned(),
                what_happened: what.to_owned(),
                lesson: lesson.to_owned(),
                action: action.to_owned(),
                owner: owner.to_owned(),
                status: status.to_owned(),
                for_retrospective: true,
            };
            let id = self.id();
            let lesson = expect(draft.validate(&self.d, self.today)).into_record(id, self.now);
            self.d.lessons.push(lesson);
        }
    }

    /// RASCI changes, responsibilities ticked off by hand, and the call cadence.
    fn roles(&mut self) {
        for task in [Task::IssueManagement, Task::IssueResolution] {
            let draft = RasciDraft {
                letters: [true, true, false, false, false],
                not_applicable: false,
                changed_by: format!("{}, NHS England BaRS team", CONTACTS[13].4),
                reason: "Agreed at the kick-off meeting: the BaRS team is accountable for issues, so each task has one Accountable party.".to_owned(),
            };
            let id = self.id();
            // Changed at the kick-off, when the run-up began (a change's time is when it was made).
            let kick_off = self.ago(210).and_hms_opt(10, 30, 0).map_or(self.now, |t| t.and_utc());
            let change = expect(draft.record(task, Party::BarsTeam, guide_letters(task, Party::BarsTeam), id, kick_off.min(self.now)));
            self.d.rasci_changes.push(change);
        }
        // (duty, provider or NONE, status, owner (contact), days ahead of today or 0, notes)
        const DUTIES: [(Duty, usize, &str, usize, u64, &str); 6] = [
            (Duty::SupplierRelationship, NONE, "done", 0, 0, "Fortnightly check-ins with each provider's project lead."),
            (Duty::BarsStatusFeedback, NONE, "in_progress", 13, 7, "Progress note to stakeholders after each weekly call."),
            (Duty::BarsRetrospective, NONE, "not_started", 13, 45, ""),
            (Duty::PolicyBenefits, NONE, "in_progress", 16, 30, "Using Northbrook's arrival data as the first evidence."),
            (Duty::ProviderCommunications, 0, "done", 6, 0, "All-staff briefing and intranet article before go-live."),
            (Duty::ProviderCommunications, 3, "in_progress", 12, 21, ""),
        ];
        // The supplier's (Meridian's leads) and the BaRS team's: done long ago, or ongoing while the beta runs.
        const ROUTINE: [(Duty, usize, &str); 11] = [
            (Duty::SupplierDevelopment, 0, "done"),
            (Duty::SupplierNonProductionTesting, 0, "done"),
            (Duty::SupplierDocumentation, 0, "done"),
            (Duty::SupplierInstall, 0, "done"),
            (Duty::SupplierConfiguration, 0, "done"),
            (Duty::SupplierTestingSupport, 1, "done"),
            (Duty::SupplierTriage, 1, "in_progress"),
            (Duty::SupplierCalls, 0, "in_progress"),
            (Duty::BarsIssueProcess, 13, "done"),
            (Duty::BarsVolumetrics, 15, "done"),
            (Duty::BarsCalls, 13, "in_progress"),
        ];
        let done = ROUTINE.map(|(duty, owner, status)| (duty, NONE, status, owner, 0, ""));
        for (duty, p, status, owner, ahead, notes) in DUTIES.into_iter().chain(done) {
            let draft = ResponsibilityDraft {
                status: status.to_owned(),
                owner_id: self.contacts[owner].clone(),
                date: if ahead == 0 { String::new() } else { iso_date(self.today + Days::new(ahead)) },
                notes: notes.to_owned(),
            };
            let id = self.id();
            let provider = self.providers.get(p).map(String::as_str);
            let record = expect(draft.record(&self.d, duty, provider, None, || id, self.now));
            self.d.responsibilities.push(record);
        }
        // The cadence proposed to everyone (weekly on Tuesdays at 10:00), from the first run-up call.
        let mut cadence = CallCadence::proposed(self.now);
        cadence.run_up_start = Some(self.ago(210));
        self.d.call_cadences.push(cadence);
    }

    /// Notes and actions on Harrowgate's go / no-go call, and a call added by
    /// hand for its first, "no-go", decision.
    fn calls(&mut self) {
        let entries = calendar(&self.d, None);
        let slot = format!("go_no_go:{}", self.providers[2]);
        if let Some(entry) = find_entry(&entries, &slot) {
            let mut call = entry.call;
            call.id = slot;
            call.updated_at = self.now;
            call.notes = "Repeat smoke test passed; confirmations now arrive within a minute. Decision: go. Go-live in the following week.".to_owned();
            call.actions = vec![
                action("Brief the evening shift on the go-live date", "Fern Oduya, Harrowgate SDEC", None, true),
                action("Watch confirmation times daily for the first two weeks", "Hannah Corley, Meridian", Some(self.today + Days::new(5)), false),
            ];
            store_call(&mut self.d, call);
        }
        let draft = CallDraft {
            title: "Go / no-go call: Harrowgate SDEC, first attempt".to_owned(),
            date: self.work(47),
            start: "14:00".to_owned(),
            minutes: "60".to_owned(),
            cancelled: false,
            notes: "The smoke test passed, but booking confirmations took over ten minutes. Decision: no-go until the supplier fixes the delay.".to_owned(),
        };
        let id = self.id();
        let call = expect(draft.validate(None, self.now, || id));
        store_call(&mut self.d, call);
    }
}

fn action(what: &str, owner: &str, due: Option<NaiveDate>, done: bool) -> CallAction {
    CallAction { action: what.to_owned(), owner: owner.to_owned(), due, done }
}

/// One issue of the example, as the issue form takes it.
struct IssueSpec {
    provider: Option<usize>,
    raised: u64,
    party: Party,
    found_in: &'static str,
    priority: &'static str,
    text: &'static str,
    cause: &'static str,
    owner: &'static str,
    status: &'static str,
    resolution: &'static str,
    /// Days before today it was resolved, or 0.
    resolved: u64,
    /// The test result or incident (for an issue found live) it was raised from.
    from: Option<String>,
}

