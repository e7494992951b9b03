//! The issue log: every problem found in UAT, the smoke test or live
//! running, triaged, owned and resolved in one place. An issue may have been
//! raised from a failed test result or an incident; it names that record, and
//! the record's page shows the issue back.
//!
//! References (ISS-001, ISS-014, …) are made by the app as one more than the
//! highest in the deployment. Two organisations working on their own copies
//! can each give out the same next number: a merge keeps both issues (they
//! are different records) and [`Deployment::repeated_issue_references`] finds
//! the clash, which the issue log shows with a way to renumber one
//! ([`Deployment::renumber_issue`]). A file may hold such a clash.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{Contact, Incident, Parent, Party, Record, Reference, RootCause, TestResult, NOTE_MAX_CHARS};
use crate::deployment::Deployment;
use crate::validate::{Rules, LONG_TEXT_MAX_CHARS};
use crate::validation::{Checker, FieldError};

/// What every issue reference starts with.
pub const REFERENCE_PREFIX: &str = "ISS-";

/// Where the problem showed itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum FoundIn {
    Uat,
    SmokeTest,
    Live,
}

keyed!(FoundIn {
    Uat => "uat", "UAT (private beta)";
    SmokeTest => "smoke_test", "Smoke test (technical go-live)";
    Live => "live", "Live running (public beta)";
});

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    Critical,
    High,
    Medium,
    Low,
}

keyed!(Priority {
    Critical => "critical", "Critical";
    High => "high", "High";
    Medium => "medium", "Medium";
    Low => "low", "Low";
});

/// Where an issue is in triage and resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum IssueStatus {
    New,
    Triaged,
    InProgress,
    Resolved,
    Closed,
    WontFix,
}

keyed!(IssueStatus {
    New => "new", "New";
    Triaged => "triaged", "Triaged";
    InProgress => "in_progress", "In progress";
    Resolved => "resolved", "Resolved";
    Closed => "closed", "Closed";
    WontFix => "wont_fix", "Won't fix";
});

impl IssueStatus {
    /// Still to be dealt with: new, triaged or in progress.
    pub fn is_open(self) -> bool {
        matches!(self, Self::New | Self::Triaged | Self::InProgress)
    }
}

/// The key of the "not yet known" root cause in forms (a file writes null).
pub const CAUSE_NOT_KNOWN: &str = "not_known";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Issue {
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::ID_MAX_CHARS), regex(pattern = r"\S")))]
    pub id: String,
    #[serde(deserialize_with = "crate::de::time")]
    pub updated_at: DateTime<Utc>,
    /// "ISS-014": made by the app, one more than the highest in the deployment.
    #[cfg_attr(feature = "schema", schemars(regex(pattern = r"^ISS-[0-9]{3,9}$")))]
    pub reference: String,
    #[serde(deserialize_with = "crate::de::day")]
    pub raised_on: NaiveDate,
    pub raised_by: Party,
    /// The person who raised it, one of the deployment's contacts.
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::ID_MAX_CHARS), regex(pattern = r"\S")))]
    pub raised_by_contact_id: Option<String>,
    /// The provider it concerns, if one: removing the provider removes it.
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::ID_MAX_CHARS), regex(pattern = r"\S")))]
    pub provider_id: Option<String>,
    pub found_in: FoundIn,
    pub priority: Priority,
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::LONG_TEXT_MAX_CHARS), regex(pattern = r"\S")))]
    pub description: String,
    /// Null while not yet known.
    pub root_cause: Option<RootCause>,
    /// The party that owns it: set once it is triaged.
    pub owner: Option<Party>,
    pub status: IssueStatus,
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::LONG_TEXT_MAX_CHARS)))]
    pub resolution: String,
    /// When it was resolved, closed or set aside; null while open.
    #[serde(default, deserialize_with = "crate::de::optional_day")]
    pub resolved_on: Option<NaiveDate>,
    /// The failed test result it was raised from.
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::ID_MAX_CHARS), regex(pattern = r"\S")))]
    pub test_result_id: Option<String>,
    /// The incident it was raised from.
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::ID_MAX_CHARS), regex(pattern = r"\S")))]
    pub incident_id: Option<String>,
}

/// A break of the issue's life-cycle rules, found in a form or a file alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lifecycle {
    /// Past "new" without an owner.
    NoOwner,
    /// Resolved, closed or won't fix without saying how or why.
    NoResolution,
    /// Resolved, closed or won't fix without the date.
    NoResolvedDate,
    /// The resolved date is before the issue was raised.
    ResolvedBeforeRaised,
    /// Still open, but with a resolved date.
    OpenWithResolvedDate,
}

impl Lifecycle {
    /// The field it concerns.
    pub fn field(self) -> &'static str {
        match self {
            Self::NoOwner => "owner",
            Self::NoResolution => "resolution",
            Self::NoResolvedDate | Self::ResolvedBeforeRaised | Self::OpenWithResolvedDate => "resolved_on",
        }
    }

    /// In a form's words.
    pub fn form_message(self, status: IssueStatus) -> &'static str {
        match self {
            Self::NoOwner => "Select the party that owns the issue: an issue has an owner once it is triaged",
            Self::NoResolution if status == IssueStatus::WontFix => "Enter why the issue will not be fixed",
            Self::NoResolution => "Enter the resolution: what was done to fix the issue",
            Self::NoResolvedDate => "Enter the date the issue was resolved or closed",
            Self::ResolvedBeforeRaised => "The date resolved must be the same as or after the date raised",
            Self::OpenWithResolvedDate => "An open issue has no resolved date: clear the date, or choose resolved, closed or won't fix",
        }
    }

    /// In a file's words (after the field's path).
    pub fn file_message(self, status: IssueStatus) -> String {
        let status = crate::text::quote(status.key());
        match self {
            Self::NoOwner => format!("is missing: an issue with status {status} needs an owner"),
            Self::NoResolution => format!("must not be empty: an issue with status {status} needs a resolution"),
            Self::NoResolvedDate => format!("is missing: an issue with status {status} needs the date it was resolved"),
            Self::ResolvedBeforeRaised => "is before raised_on: an issue cannot be resolved before it was raised".to_owned(),
            Self::OpenWithResolvedDate => format!("must be null: an issue with status {status} is still open"),
        }
    }
}

/// The life-cycle rules: what an issue with this status must have.
pub fn lifecycle(
    status: IssueStatus,
    owner: Option<Party>,
    resolution: &str,
    raised_on: NaiveDate,
    resolved_on: Option<NaiveDate>,
) -> Vec<Lifecycle> {
    let mut broken = Vec::new();
    if status != IssueStatus::New && owner.is_none() {
        broken.push(Lifecycle::NoOwner);
    }
    if status.is_open() {
        if resolved_on.is_some() {
            broken.push(Lifecycle::OpenWithResolvedDate);
        }
    } else {
        if crate::text::is_blank(resolution) {
            broken.push(Lifecycle::NoResolution);
        }
        match resolved_on {
            None => broken.push(Lifecycle::NoResolvedDate),
            Some(day) if day < raised_on => broken.push(Lifecycle::ResolvedBeforeRaised),
            Some(_) => {}
        }
    }
    broken
}

impl Record for Issue {
    const COLLECTION: &'static str = "issues";
    const NOUN: &'static str = "an issue";
    const COUNTED: (&'static str, &'static str) = ("issue", "issues");
    stamped!();
    fn belongs_to(&self) -> Option<(Parent, &str)> {
        self.provider_id.as_deref().map(|id| (Parent::Provider, id))
    }
    fn refers_to(&self) -> Vec<Reference<'_>> {
        [
            ("raised_by_contact_id", Contact::COLLECTION, &self.raised_by_contact_id),
            ("test_result_id", TestResult::COLLECTION, &self.test_result_id),
            ("incident_id", Incident::COLLECTION, &self.incident_id),
        ]
        .into_iter()
        .filter_map(|(field, collection, id)| id.as_deref().map(|id| Reference { field, index: None, collection, id }))
        .collect()
    }
    fn label(&self, _: &Deployment) -> String {
        format!("Issue {}", self.reference)
    }
    fn free_text(&self) -> Vec<(&'static str, &str)> {
        vec![("description", &self.description), ("resolution", &self.resolution)]
    }
    fn check(&self, r: &mut Rules<'_>) {
        if reference_number(&self.reference).is_none() {
            r.fail("reference", format!("{} is not an issue reference: use ISS- and a number of 3 to 9 digits, like “ISS-014”", crate::text::quote(&self.reference)));
        }
        r.name("description", &self.description, LONG_TEXT_MAX_CHARS);
        r.text("resolution", &self.resolution, LONG_TEXT_MAX_CHARS);
        for broken in lifecycle(self.status, self.owner, &self.resolution, self.raised_on, self.resolved_on) {
            r.fail(broken.field(), broken.file_message(self.status));
        }
    }
}

/// The number of a reference: 14 for "ISS-014". `None` for anything else.
pub fn reference_number(reference: &str) -> Option<u32> {
    let digits = reference.strip_prefix(REFERENCE_PREFIX)?;
    if (3..=9).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()) {
        digits.parse().ok()
    } else {
        None
    }
}

/// The reference of number `n`: "ISS-014" (at least three digits).
pub fn reference_of(n: u32) -> String {
    let digits = n.to_string();
    format!("{REFERENCE_PREFIX}{}{digits}", "0".repeat(3usize.saturating_sub(digits.len())))
}

impl Issue {
    /// Open and raised more than `days` days before `as_of`.
    pub fn is_overdue(&self, as_of: NaiveDate, days: u32) -> bool {
        self.status.is_open() && self.age_in_days(as_of) > i64::from(days)
    }

    /// Whole days from being raised to `as_of` (to the resolved date, once resolved).
    pub fn age_in_days(&self, as_of: NaiveDate) -> i64 {
        let end = self.resolved_on.filter(|_| !self.status.is_open()).unwrap_or(as_of);
        (end - self.raised_on).num_days().max(0)
    }
}

/// What the issue log is filtered by (kept in the page's link).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IssueFilter {
    /// A status's key, or "open" for new, triaged and in progress.
    pub status: Option<String>,
    pub owner: Option<Party>,
    pub provider_id: Option<String>,
}

/// The key of the "every open issue" status filter.
pub const OPEN_ISSUES: &str = "open";

impl IssueFilter {
    pub fn matches(&self, issue: &Issue) -> bool {
        let status_ok = match self.status.as_deref() {
            None => true,
            Some(OPEN_ISSUES) => issue.status.is_open(),
            Some(key) => IssueStatus::from_key(key) == Some(issue.status),
        };
        status_ok
            && self.owner.is_none_or(|o| issue.owner == Some(o))
            && self.provider_id.as_deref().is_none_or(|p| issue.provider_id.as_deref() == Some(p))
    }

    pub fn is_empty(&self) -> bool {
        self.status.is_none() && self.owner.is_none() && self.provider_id.is_none()
    }
}

/// How many days an open issue may be before the log marks it, unless the
/// user sets another number.
pub const OVERDUE_AFTER_DAYS: u32 = 14;

/// The most days the log's "older than" filter takes.
pub const OVERDUE_MAX_DAYS: u32 = 365;

/// The number of days typed into the log's "open longer than" box: empty
/// means [`OVERDUE_AFTER_DAYS`]; otherwise a whole number from 1 to 365.
pub fn overdue_days(raw: &str) -> Result<u32, &'static str> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(OVERDUE_AFTER_DAYS);
    }
    match raw.parse::<u32>() {
        Ok(n) if (1..=OVERDUE_MAX_DAYS).contains(&n) => Ok(n),
        _ => Err("Enter a whole number of days from 1 to 365"),
    }
}

impl Deployment {
    /// The reference a new issue gets: one more than the highest in use.
    pub fn next_issue_reference(&self) -> String {
        let highest = self.issues.iter().filter_map(|i| reference_number(&i.reference)).max().unwrap_or(0);
        reference_of(highest.saturating_add(1))
    }

    /// References that more than one issue has (after a merge of copies that
    /// each gave out the same next number), each with its issues in the
    /// order they were raised.
    pub fn repeated_issue_references(&self) -> Vec<(&str, Vec<&Issue>)> {
        let mut repeated: Vec<(&str, Vec<&Issue>)> = Vec::new();
        for issue in self.issues_in_order() {
            match repeated.iter_mut().find(|(r, _)| *r == issue.reference) {
                Some((_, list)) => list.push(issue),
                None => repeated.push((&issue.reference, vec![issue])),
            }
        }
        repeated.retain(|(_, list)| list.len() > 1);
        repeated
    }

    /// Gives issue `id` the next free reference; returns it.
    pub fn renumber_issue(&mut self, id: &str, now: DateTime<Utc>) -> Option<String> {
        let next = self.next_issue_reference();
        let issue = self.issues.iter_mut().find(|i| i.id == id)?;
        issue.reference = next.clone();
        issue.updated_at = now;
        Some(next)
    }

    /// The issues by reference number (then date raised, then when recorded).
    pub fn issues_in_order(&self) -> Vec<&Issue> {
        let mut list: Vec<&Issue> = self.issues.iter().collect();
        crate::order::sort_by_key(&mut list, |i| (reference_number(&i.reference).unwrap_or(u32::MAX), i.raised_on, i.updated_at));
        list
    }

    /// The issue raised from a test result or an incident (the first by
    /// reference, should copies have raised two).
    pub fn issue_raised_from(&self, record_id: &str) -> Option<&Issue> {
        self.issues_in_order()
            .into_iter()
            .find(|i| i.test_result_id.as_deref() == Some(record_id) || i.incident_id.as_deref() == Some(record_id))
    }

    /// The open issues that can hold up `provider_id` (its own and those for
    /// no provider), by reference: what a "no" decision for it may name.
    pub fn open_issues_for(&self, provider_id: &str) -> Vec<&Issue> {
        self.issues_in_order()
            .into_iter()
            .filter(|i| i.status.is_open() && i.provider_id.as_deref().is_none_or(|p| p == provider_id))
            .collect()
    }

    pub fn issue(&self, id: &str) -> Option<&Issue> {
        self.issues.iter().find(|i| i.id == id)
    }

    /// A contact's name and organisation ("Sam Patel, Acme Health"), or that it was removed.
    pub fn contact_name(&self, id: &str) -> String {
        match self.contacts.iter().find(|c| c.id == id) {
            Some(c) => format!("{}, {}", c.name, c.organisation),
            None => "a contact no longer in the deployment".to_owned(),
        }
    }
}

/// What an issue was raised from, for the form that raises it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IssueSource {
    TestResult(String),
    Incident(String),
}

impl IssueSource {
    /// "result:ID" or "incident:ID", for a link.
    pub fn key(&self) -> String {
        match self {
            Self::TestResult(id) => format!("result:{id}"),
            Self::Incident(id) => format!("incident:{id}"),
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        match key.split_once(':')? {
            ("result", id) if !id.is_empty() => Some(Self::TestResult(id.to_owned())),
            ("incident", id) if !id.is_empty() => Some(Self::Incident(id.to_owned())),
            _ => None,
        }
    }
}

/// The issue form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IssueDraft {
    pub raised_on: String,
    pub raised_by: String,
    /// A contact's id, or empty for none.
    pub raised_by_contact: String,
    /// A provider's id, or empty for none.
    pub provider_id: String,
    pub found_in: String,
    pub priority: String,
    pub description: String,
    /// A root cause's key, or [`CAUSE_NOT_KNOWN`].
    pub root_cause: String,
    /// A party's key, or empty for none yet.
    pub owner: String,
    pub status: String,
    pub resolution: String,
    pub resolved_on: String,
    pub test_result_id: Option<String>,
    pub incident_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueFields {
    pub raised_on: NaiveDate,
    pub raised_by: Party,
    pub raised_by_contact_id: Option<String>,
    pub provider_id: Option<String>,
    pub found_in: FoundIn,
    pub priority: Priority,
    pub description: String,
    pub root_cause: Option<RootCause>,
    pub owner: Option<Party>,
    pub status: IssueStatus,
    pub resolution: String,
    pub resolved_on: Option<NaiveDate>,
    pub test_result_id: Option<String>,
    pub incident_id: Option<String>,
}

impl IssueFields {
    pub fn into_record(self, id: String, now: DateTime<Utc>, reference: String) -> Issue {
        Issue {
            id,
            updated_at: now,
            reference,
            raised_on: self.raised_on,
            raised_by: self.raised_by,
            raised_by_contact_id: self.raised_by_contact_id,
            provider_id: self.provider_id,
            found_in: self.found_in,
            priority: self.priority,
            description: self.description,
            root_cause: self.root_cause,
            owner: self.owner,
            status: self.status,
            resolution: self.resolution,
            resolved_on: self.resolved_on,
            test_result_id: self.test_result_id,
            incident_id: self.incident_id,
        }
    }
}

fn optional(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_owned())
}

impl IssueDraft {
    pub fn from_issue(i: &Issue) -> Self {
        Self {
            raised_on: crate::dates::iso_date(i.raised_on),
            raised_by: i.raised_by.key().to_owned(),
            raised_by_contact: i.raised_by_contact_id.clone().unwrap_or_default(),
            provider_id: i.provider_id.clone().unwrap_or_default(),
            found_in: i.found_in.key().to_owned(),
            priority: i.priority.key().to_owned(),
            description: i.description.clone(),
            root_cause: i.root_cause.map_or(CAUSE_NOT_KNOWN, RootCause::key).to_owned(),
            owner: i.owner.map(Party::key).unwrap_or_default().to_owned(),
            status: i.status.key().to_owned(),
            resolution: i.resolution.clone(),
            resolved_on: i.resolved_on.map(crate::dates::iso_date).unwrap_or_default(),
            test_result_id: i.test_result_id.clone(),
            incident_id: i.incident_id.clone(),
        }
    }

    /// A new issue's form, filled in from the failed test result or incident
    /// it is raised from; `None` when that record is not in the deployment
    /// (or is a pass).
    pub fn raised_from(d: &Deployment, source: &IssueSource, today: NaiveDate) -> Option<Self> {
        let mut draft = Self { status: IssueStatus::New.key().to_owned(), ..Self::default() };
        match source {
            IssueSource::TestResult(id) => {
                let r = d.test_results.iter().find(|r| r.id == *id && r.outcome == super::Outcome::Fail)?;
                let workflow = d.workflows.iter().find(|w| w.id == r.workflow_id)?;
                draft.raised_on = crate::dates::iso_date(r.date);
                draft.provider_id = workflow.provider_id.clone();
                draft.found_in = FoundIn::Uat.key().to_owned();
                draft.root_cause = r.root_cause.map_or(CAUSE_NOT_KNOWN, RootCause::key).to_owned();
                draft.description = if r.note.is_empty() {
                    format!("The workflow \u{201c}{}\u{201d} failed in UAT.", workflow.name)
                } else {
                    format!("The workflow \u{201c}{}\u{201d} failed in UAT: {}", workflow.name, r.note)
                };
                draft.test_result_id = Some(r.id.clone());
            }
            IssueSource::Incident(id) => {
                let i = d.incidents.iter().find(|i| i.id == *id)?;
                draft.raised_on = crate::dates::iso_date(i.date);
                draft.provider_id = i.provider_id.clone();
                draft.found_in = FoundIn::Live.key().to_owned();
                draft.root_cause = CAUSE_NOT_KNOWN.to_owned();
                draft.priority = if i.attributed_to_bars { Priority::High } else { Priority::Medium }.key().to_owned();
                draft.description = i.summary.clone();
                draft.incident_id = Some(i.id.clone());
            }
        }
        if draft.raised_on.is_empty() {
            draft.raised_on = crate::dates::iso_date(today);
        }
        Some(draft)
    }

    pub fn validate(&self, d: &Deployment, today: NaiveDate) -> Result<IssueFields, Vec<FieldError>> {
        let mut c = Checker::new();
        let raised_on = c.date("raised_on", &self.raised_on, "the date the issue was raised", true);
        if raised_on.is_some_and(|day| day > today) {
            c.fail("raised_on", "The date raised must be today or in the past");
        }
        let (raised_by, raised_by_contact_id) = raised_by(&mut c, d, &self.raised_by, &self.raised_by_contact, "Select the party that raised the issue");
        let provider_id = optional(&self.provider_id);
        if provider_id.as_deref().is_some_and(|p| d.provider(p).is_none()) {
            c.fail("provider", "Select a provider from the list, or none");
        }
        let found_in = c.chosen("found_in", FoundIn::from_key(&self.found_in), "Select where the issue was found");
        let priority = c.chosen("priority", Priority::from_key(&self.priority), "Select the priority");
        let description = c.text("description", &self.description, "a description of the issue", NOTE_MAX_CHARS);
        let root_cause = RootCause::from_key(&self.root_cause);
        if root_cause.is_none() && self.root_cause != CAUSE_NOT_KNOWN {
            c.fail("root_cause", "Select where the issue needs fixing, or that it is not yet known");
        }
        let status = c.chosen("status", IssueStatus::from_key(&self.status), "Select the status");
        let owner = Party::from_key(&self.owner);
        if owner.is_none() && !self.owner.is_empty() {
            c.fail("owner", "Select the party that owns the issue");
        }
        let resolution = c.optional_text("resolution", &self.resolution, "the resolution", NOTE_MAX_CHARS);
        let resolved_on = c.date("resolved_on", &self.resolved_on, "the date the issue was resolved", false);
        if resolved_on.is_some_and(|day| day > today) {
            c.fail("resolved_on", "The date resolved must be today or in the past");
        }
        if let (Some(status), Some(raised_on)) = (status, raised_on) {
            for broken in lifecycle(status, owner, &resolution, raised_on, resolved_on) {
                // A date already refused is not refused twice.
                if c.errors.iter().all(|e| e.field != broken.field()) {
                    c.fail(broken.field(), broken.form_message(status));
                }
            }
        }
        for (id, field, collection) in [(&self.test_result_id, "test_result", TestResult::COLLECTION), (&self.incident_id, "incident", Incident::COLLECTION)] {
            if id.as_deref().is_some_and(|id| !d.holds_or_held(collection, id)) {
                c.fail(field, "The record this issue was raised from is no longer in the deployment: start again from its page");
            }
        }
        // In the form's order, for the error summary.
        crate::order::sort_by_key(&mut c.errors, |e| ISSUE_FORM_ORDER.iter().position(|f| *f == e.field));
        c.finish(|| IssueFields {
            raised_on: raised_on.expect("checked"),
            raised_by: raised_by.expect("checked"),
            raised_by_contact_id,
            provider_id,
            found_in: found_in.expect("checked"),
            priority: priority.expect("checked"),
            description,
            root_cause,
            owner,
            status: status.expect("checked"),
            resolution,
            resolved_on,
            test_result_id: self.test_result_id.clone(),
            incident_id: self.incident_id.clone(),
        })
    }
}

/// The issue form's fields, in order.
/// (An issue's own page puts its triage first; a new issue's form has none.)
pub const ISSUE_FORM_ORDER: [&str; 14] = [
    "status", "owner", "resolution", "resolved_on", "raised_on", "raised_by", "raised_by_contact", "provider", "found_in", "priority",
    "description", "root_cause", "test_result", "incident",
];

/// "Raised by": a party, and optionally one of its contacts.
pub(crate) fn raised_by(
    c: &mut Checker,
    d: &Deployment,
    party: &str,
    contact: &str,
    missing: &str,
) -> (Option<Party>, Option<String>) {
    let party = c.chosen("raised_by", Party::from_key(party), missing);
    let contact_id = optional(contact);
    if let Some(id) = &contact_id {
        match d.contacts.iter().find(|x| x.id == *id) {
            None => c.fail("raised_by_contact", "Select a contact from the list, or none"),
            Some(x) if party.is_some_and(|p| p != x.party) => {
                c.fail("raised_by_contact", format!("{} works for another party: select one of the party's contacts, or none", x.name));
            }
            Some(_) => {}
        }
    }
    (party, contact_id)
}
