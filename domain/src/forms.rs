//! Validation of what users type into the deployment's forms. Each draft holds
//! the raw strings of one form; `validate` returns the typed values or every
//! problem at once, each naming its field, in form order. Nothing invalid is
//! ever applied to a deployment.

use chrono::{Datelike, NaiveDate};

use crate::deployment::Deployment;
use crate::records::{MilestoneKind, Outcome, Party, ProviderRole, RootCause};
use crate::validation::FieldError;

pub const TEXT_MAX_CHARS: usize = 100;
pub const NOTE_MAX_CHARS: usize = 1000;
/// A day's counts above this are almost certainly a typing slip.
pub const DAILY_COUNT_MAX: u32 = 100_000;

/// Parses a date as typed into a date field (YYYY-MM-DD). Empty is `Ok(None)`.
pub fn parse_date(raw: &str) -> Result<Option<NaiveDate>, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| format!("\u{201c}{raw}\u{201d} is not a real date: use the format 2026-03-01"))
}

struct Checker {
    errors: Vec<FieldError>,
}

impl Checker {
    fn new() -> Self {
        Self { errors: Vec::new() }
    }
    fn fail(&mut self, field: &str, message: impl Into<String>) {
        self.errors.push(FieldError::new(field, message));
    }
    /// A required, trimmed text of at most `max` characters.
    fn text(&mut self, field: &str, raw: &str, what: &str, max: usize) -> String {
        let value = raw.trim();
        if value.is_empty() {
            self.fail(field, format!("Enter {what}"));
        } else if value.chars().count() > max {
            self.fail(field, format!("{} must be {max} characters or fewer", capitalise(what)));
        }
        value.to_owned()
    }
    /// Optional text of at most `max` characters.
    fn optional_text(&mut self, field: &str, raw: &str, what: &str, max: usize) -> String {
        let value = raw.trim();
        if value.chars().count() > max {
            self.fail(field, format!("{} must be {max} characters or fewer", capitalise(what)));
        }
        value.to_owned()
    }
    fn date(&mut self, field: &str, raw: &str, what: &str, required: bool) -> Option<NaiveDate> {
        match parse_date(raw) {
            Ok(None) if required => {
                self.fail(field, format!("Enter {what}"));
                None
            }
            Ok(date) => date,
            Err(message) => {
                self.fail(field, message);
                None
            }
        }
    }
    fn count(&mut self, field: &str, raw: &str, what: &str) -> Option<u32> {
        match parse_count(raw) {
            Ok(n) => Some(n),
            Err(problem) => {
                self.fail(field, format!("{} {problem}", capitalise(what)));
                None
            }
        }
    }
    fn finish<T>(self, value: impl FnOnce() -> T) -> Result<T, Vec<FieldError>> {
        if self.errors.is_empty() {
            Ok(value())
        } else {
            Err(self.errors)
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A daily count: a whole number from 0 to [`DAILY_COUNT_MAX`]. Empty is 0.
pub fn parse_count(raw: &str) -> Result<u32, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(0);
    }
    if raw.starts_with('-') && raw[1..].chars().all(|c| c.is_ascii_digit()) && raw.len() > 1 {
        return Err(format!("cannot be negative (\u{201c}{raw}\u{201d})"));
    }
    match raw.parse::<u32>() {
        Ok(n) if n <= DAILY_COUNT_MAX => Ok(n),
        Ok(_) => Err(format!("must be {DAILY_COUNT_MAX} or fewer in a day")),
        Err(_) => Err(format!("must be a whole number, not \u{201c}{raw}\u{201d}")),
    }
}

// ---------------------------------------------------------------- providers

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProviderDraft {
    pub name: String,
    pub ods_code: String,
    pub role: String,
    pub supplier: String,
    pub go_live: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderFields {
    pub name: String,
    pub ods_code: String,
    pub role: ProviderRole,
    pub supplier: String,
    pub go_live: Option<NaiveDate>,
}

impl ProviderDraft {
    pub fn from_provider(p: &crate::records::Provider) -> Self {
        Self {
            name: p.name.clone(),
            ods_code: p.ods_code.clone(),
            role: p.role.key().to_owned(),
            supplier: p.supplier.clone(),
            go_live: p.go_live.map(|d| d.to_string()).unwrap_or_default(),
        }
    }

    /// `editing` is the provider being changed, if any; its go-live date must
    /// not come before its own go decision or smoke test.
    pub fn validate(&self, deployment: &Deployment, editing: Option<&str>) -> Result<ProviderFields, Vec<FieldError>> {
        let mut c = Checker::new();
        let name = c.text("name", &self.name, "the provider's name", TEXT_MAX_CHARS);
        if !name.is_empty()
            && deployment.providers.iter().any(|p| Some(p.id.as_str()) != editing && p.name.eq_ignore_ascii_case(&name))
        {
            c.fail("name", format!("This deployment already has a provider called \u{201c}{name}\u{201d}"));
        }
        let ods_code = self.ods_code.trim().to_ascii_uppercase();
        if ods_code.is_empty() {
            c.fail("ods_code", "Enter the provider's organisation (ODS) code");
        } else if !(3..=10).contains(&ods_code.len()) || !ods_code.chars().all(|ch| ch.is_ascii_alphanumeric()) {
            c.fail("ods_code", "Organisation code must be 3 to 10 letters and numbers, like RX1 or FA123");
        } else if deployment.providers.iter().any(|p| Some(p.id.as_str()) != editing && p.ods_code == ods_code) {
            c.fail("ods_code", format!("Another provider in this deployment has the code {ods_code}"));
        }
        let role = ProviderRole::from_key(&self.role);
        if role.is_none() {
            c.fail("role", "Select whether the provider sends referrals, receives them, or both");
        }
        let supplier = c.text("supplier", &self.supplier, "the supplier's name", TEXT_MAX_CHARS);
        let go_live = c.date("go_live", &self.go_live, "the go-live date", false);
        if let (Some(go_live), Some(id)) = (go_live, editing) {
            for kind in [MilestoneKind::GoDecision, MilestoneKind::SmokeTestPassed] {
                if let Some(m) = deployment.milestone(id, kind).filter(|m| m.date > go_live) {
                    c.fail(
                        "go_live",
                        format!("Go-live must be on or after \u{201c}{}\u{201d} ({})", kind.label(), m.date.format("%-d %B %Y")),
                    );
                }
            }
        }
        c.finish(|| ProviderFields { name, ods_code, role: role.expect("checked"), supplier, go_live })
    }
}

// ---------------------------------------------------------------- test plan

/// A new workflow for a provider's test plan.
pub fn validate_workflow_name(deployment: &Deployment, provider_id: &str, raw: &str) -> Result<String, Vec<FieldError>> {
    let mut c = Checker::new();
    let name = c.text("workflow", raw, "the workflow's name", TEXT_MAX_CHARS);
    if !name.is_empty() && deployment.workflows_of(provider_id).any(|w| w.name.eq_ignore_ascii_case(&name)) {
        c.fail("workflow", format!("The test plan already has \u{201c}{name}\u{201d}"));
    }
    c.finish(|| name)
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResultDraft {
    pub date: String,
    pub outcome: String,
    pub note: String,
    pub root_cause: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultFields {
    pub date: NaiveDate,
    pub outcome: Outcome,
    pub note: String,
    pub root_cause: Option<RootCause>,
}

impl ResultDraft {
    pub fn validate(&self, today: NaiveDate) -> Result<ResultFields, Vec<FieldError>> {
        let mut c = Checker::new();
        let date = c.date("date", &self.date, "the date of the test", true);
        if date.is_some_and(|d| d > today) {
            c.fail("date", "The date of the test must be today or in the past");
        }
        let outcome = match self.outcome.as_str() {
            "pass" => Some(Outcome::Pass),
            "fail" => Some(Outcome::Fail),
            _ => {
                c.fail("outcome", "Select whether the workflow passed or failed");
                None
            }
        };
        let root_cause = RootCause::from_key(&self.root_cause);
        if outcome == Some(Outcome::Fail) && root_cause.is_none() {
            c.fail("root_cause", "Select where the failure needs fixing");
        }
        let note = c.optional_text("note", &self.note, "the note", NOTE_MAX_CHARS);
        c.finish(|| ResultFields {
            date: date.expect("checked"),
            outcome: outcome.expect("checked"),
            note,
            root_cause: if outcome == Some(Outcome::Fail) { root_cause } else { None },
        })
    }
}

// ---------------------------------------------------------------- milestones

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MilestoneDraft {
    pub date: String,
    pub recorded_by: String,
}

impl MilestoneDraft {
    pub fn validate(&self, today: NaiveDate) -> Result<(NaiveDate, String), Vec<FieldError>> {
        let mut c = Checker::new();
        let date = c.date("date", &self.date, "the date", true);
        if date.is_some_and(|d| d > today) {
            c.fail("date", "The date must be today or in the past");
        }
        let by = c.text("recorded_by", &self.recorded_by, "who recorded it", TEXT_MAX_CHARS);
        c.finish(|| (date.expect("checked"), by))
    }
}

// ---------------------------------------------------------------- volumetrics

/// One provider's counts for one day, validated but not yet stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayCounts {
    pub provider_id: String,
    pub date: NaiveDate,
    pub referrals: u32,
    pub responses: u32,
}

/// A week of counts for one provider: seven (referrals, responses) pairs from
/// `week_start`. Fields are named `referrals-N` and `responses-N`, N = 0..6.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WeekDraft {
    pub provider_id: String,
    pub week_start: String,
    pub days: [(String, String); 7],
}

impl WeekDraft {
    /// Days left wholly empty are skipped, so a part week can be entered.
    pub fn validate(&self, deployment: &Deployment) -> Result<Vec<DayCounts>, Vec<FieldError>> {
        let mut c = Checker::new();
        if deployment.provider(&self.provider_id).is_none() {
            c.fail("provider", "Select the provider");
        }
        let start = c.date("week_start", &self.week_start, "the first day of the week", true);
        let mut out = Vec::new();
        for (i, (referrals, responses)) in self.days.iter().enumerate() {
            if referrals.trim().is_empty() && responses.trim().is_empty() {
                continue;
            }
            let day = start.and_then(|s| s.checked_add_days(chrono::Days::new(i as u64)));
            let label = day.map(|d| d.format("%A %-d %B").to_string()).unwrap_or_else(|| format!("day {}", i + 1));
            let r = c.count(&format!("referrals-{i}"), referrals, &format!("referrals on {label}"));
            let s = c.count(&format!("responses-{i}"), responses, &format!("responses on {label}"));
            if let (Some(r), Some(s)) = (r, s) {
                if s > r {
                    c.fail(&format!("responses-{i}"), format!("Responses on {label} cannot be more than referrals ({s} is more than {r})"));
                }
                if let Some(date) = day {
                    out.push(DayCounts { provider_id: self.provider_id.clone(), date, referrals: r, responses: s });
                }
            }
        }
        if c.errors.is_empty() && out.is_empty() {
            c.fail("referrals-0", "Enter the counts for at least one day");
        }
        c.finish(|| out)
    }
}

/// The Monday on or before `date`, where a week entry usually starts.
pub fn week_start(date: NaiveDate) -> NaiveDate {
    date - chrono::Days::new(u64::from(date.weekday().num_days_from_monday()))
}

/// Reads pasted CSV rows `date,provider,referrals,responses` (a header row is
/// allowed; the provider is its ODS code or name). Any bad row rejects the
/// whole paste, with one message per bad row naming its line.
pub fn parse_volumetrics_csv(deployment: &Deployment, text: &str) -> Result<Vec<DayCounts>, Vec<FieldError>> {
    let mut c = Checker::new();
    let mut rows: Vec<DayCounts> = Vec::new();
    let mut seen: Vec<(String, NaiveDate, usize)> = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let n = index + 1;
        let line = line.trim();
        if line.is_empty() || (n == 1 && line.to_ascii_lowercase().starts_with("date")) {
            continue;
        }
        let cells: Vec<&str> = line.split(',').map(|s| s.trim().trim_matches('"').trim()).collect();
        if cells.len() != 4 {
            c.fail("csv", format!("Line {n}: expected 4 values (date, provider, referrals, responses) but found {}", cells.len()));
            continue;
        }
        let date = match parse_date(cells[0]) {
            Ok(Some(d)) => Some(d),
            Ok(None) => {
                c.fail("csv", format!("Line {n}: the date is missing"));
                None
            }
            Err(message) => {
                c.fail("csv", format!("Line {n}: {message}"));
                None
            }
        };
        let provider = deployment
            .providers
            .iter()
            .find(|p| p.ods_code.eq_ignore_ascii_case(cells[1]) || p.name.eq_ignore_ascii_case(cells[1]));
        if provider.is_none() {
            c.fail("csv", format!("Line {n}: no provider in this deployment has the code or name \u{201c}{}\u{201d}", cells[1]));
        }
        let referrals = parse_count(cells[2]).map_err(|e| c.fail("csv", format!("Line {n}: referrals {e}"))).ok();
        let responses = parse_count(cells[3]).map_err(|e| c.fail("csv", format!("Line {n}: responses {e}"))).ok();
        if let (Some(r), Some(s)) = (referrals, responses) {
            if s > r {
                c.fail("csv", format!("Line {n}: responses ({s}) cannot be more than referrals ({r})"));
                continue;
            }
        }
        if let (Some(date), Some(p), Some(r), Some(s)) = (date, provider, referrals, responses) {
            if let Some((_, _, first)) = seen.iter().find(|(id, d, _)| *id == p.id && *d == date) {
                c.fail("csv", format!("Line {n}: {} on {date} is already on line {first}", p.name));
                continue;
            }
            seen.push((p.id.clone(), date, n));
            rows.push(DayCounts { provider_id: p.id.clone(), date, referrals: r, responses: s });
        }
    }
    if c.errors.is_empty() && rows.is_empty() {
        c.fail("csv", "Paste at least one row: date, provider, referrals, responses");
    }
    c.finish(|| rows)
}

// ---------------------------------------------------------------- incidents

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IncidentDraft {
    pub provider_id: String,
    pub date: String,
    /// "yes" or "no".
    pub attributed: String,
    pub summary: String,
    pub reported: bool,
    pub resolution: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncidentFields {
    pub provider_id: String,
    pub date: NaiveDate,
    pub attributed_to_bars: bool,
    pub summary: String,
    pub reported_to_service_desk: bool,
    pub resolution: String,
}

impl IncidentDraft {
    pub fn from_incident(i: &crate::records::Incident) -> Self {
        Self {
            provider_id: i.provider_id.clone(),
            date: i.date.to_string(),
            attributed: if i.attributed_to_bars { "yes" } else { "no" }.to_owned(),
            summary: i.summary.clone(),
            reported: i.reported_to_service_desk,
            resolution: i.resolution.clone(),
        }
    }

    pub fn validate(&self, deployment: &Deployment, today: NaiveDate) -> Result<IncidentFields, Vec<FieldError>> {
        let mut c = Checker::new();
        if deployment.provider(&self.provider_id).is_none() {
            c.fail("provider", "Select the provider where the incident happened");
        }
        let date = c.date("date", &self.date, "the date of the incident", true);
        if date.is_some_and(|d| d > today) {
            c.fail("date", "The date of the incident must be today or in the past");
        }
        let attributed = match self.attributed.as_str() {
            "yes" => Some(true),
            "no" => Some(false),
            _ => {
                c.fail("attributed", "Select whether the incident was caused by the BaRS implementation");
                None
            }
        };
        let summary = c.text("summary", &self.summary, "a summary of the incident", NOTE_MAX_CHARS);
        let resolution = c.optional_text("resolution", &self.resolution, "the resolution", NOTE_MAX_CHARS);
        c.finish(|| IncidentFields {
            provider_id: self.provider_id.clone(),
            date: date.expect("checked"),
            attributed_to_bars: attributed.expect("checked"),
            summary,
            reported_to_service_desk: self.reported,
            resolution,
        })
    }
}

// ---------------------------------------------------------------- contacts

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContactDraft {
    pub party: String,
    pub provider_id: String,
    pub organisation: String,
    pub role: String,
    pub name: String,
    pub email: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactFields {
    pub party: Party,
    pub provider_id: Option<String>,
    pub organisation: String,
    pub role: String,
    pub name: String,
    pub email: String,
}

impl ContactDraft {
    pub fn validate(&self, deployment: &Deployment) -> Result<ContactFields, Vec<FieldError>> {
        let mut c = Checker::new();
        let party = Party::from_key(&self.party);
        if party.is_none() {
            c.fail("party", "Select which party the contact works for");
        }
        let provider_id = (party == Some(Party::Provider)).then(|| self.provider_id.clone());
        let mut organisation = self.organisation.trim().to_owned();
        if let Some(id) = &provider_id {
            match deployment.provider(id) {
                Some(p) => organisation = p.name.clone(),
                None => c.fail("provider", "Select the provider"),
            }
        } else {
            organisation = c.text("organisation", &self.organisation, "the organisation", TEXT_MAX_CHARS);
        }
        let role = c.text("role", &self.role, "the contact's role", TEXT_MAX_CHARS);
        let name = c.text("name", &self.name, "the contact's name", TEXT_MAX_CHARS);
        let email = c.optional_text("email", &self.email, "the email address", TEXT_MAX_CHARS);
        if !email.is_empty() && !looks_like_email(&email) {
            c.fail("email", "Enter an email address in the correct format, like name@nhs.net");
        }
        c.finish(|| ContactFields { party: party.expect("checked"), provider_id, organisation, role, name, email })
    }
}

fn looks_like_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((local, domain)) => !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.') && !s.contains(char::is_whitespace),
        None => false,
    }
}

// ---------------------------------------------------------------- settings

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SettingsDraft {
    /// "yes" or "no".
    pub has_responses: String,
    pub stable_published: String,
}

impl SettingsDraft {
    pub fn validate(&self) -> Result<(bool, Option<NaiveDate>), Vec<FieldError>> {
        let mut c = Checker::new();
        let has_responses = match self.has_responses.as_str() {
            "yes" => Some(true),
            "no" => Some(false),
            _ => {
                c.fail("has_responses", "Select whether referrals in this use case get a response");
                None
            }
        };
        let published = c.date("stable_published", &self.stable_published, "the publication date", false);
        c.finish(|| (has_responses.expect("checked"), published))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deployment::DeploymentFields;
    use crate::presets::ApplicationChoice;
    use crate::records::Provider;
    use crate::risk::ServiceRiskLevel;
    use crate::validation::message_for;
    use chrono::{DateTime, Utc};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn deployment() -> Deployment {
        let now = DateTime::<Utc>::from_timestamp(0, 0).unwrap();
        let fields = DeploymentFields { name: "T".into(), application: ApplicationChoice::Preset { number: 4 }, risk_level: ServiceRiskLevel::Medium };
        let mut dep = Deployment::new("d".into(), fields, now);
        for (id, name, code) in [("p1", "Leeds Teaching Hospitals", "RR8"), ("p2", "Yorkshire Ambulance", "RX8")] {
            let provider = Provider { id: id.into(), updated_at: now, name: name.into(), ods_code: code.into(), role: ProviderRole::Both, supplier: "S".into(), go_live: None };
            let mut n = 0;
            dep.add_provider(provider, || { n += 1; format!("{id}-w{n}") });
        }
        dep
    }

    #[test]
    fn counts_reject_negative_non_numeric_and_absurd_values() {
        assert_eq!(parse_count(""), Ok(0));
        assert_eq!(parse_count(" 12 "), Ok(12));
        assert!(parse_count("-3").unwrap_err().contains("negative"));
        assert!(parse_count("three").unwrap_err().contains("whole number"));
        assert!(parse_count("2.5").unwrap_err().contains("whole number"));
        assert!(parse_count("100001").unwrap_err().contains("100000 or fewer"));
    }

    #[test]
    fn dates_must_be_real() {
        assert_eq!(parse_date("2028-02-29"), Ok(Some(d("2028-02-29"))));
        assert!(parse_date("2027-02-29").is_err());
        assert!(parse_date("01/03/2026").is_err());
        assert_eq!(parse_date("  "), Ok(None));
    }

    #[test]
    fn provider_needs_every_field_and_a_unique_code() {
        let dep = deployment();
        let errors = ProviderDraft::default().validate(&dep, None).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["name", "ods_code", "role", "supplier"]);
        let draft = ProviderDraft { name: "New".into(), ods_code: "rr8".into(), role: "sender".into(), supplier: "X".into(), go_live: "".into() };
        let errors = draft.validate(&dep, None).unwrap_err();
        assert!(message_for(&errors, "ods_code").unwrap().contains("RR8"));
        // Editing p1 itself keeps its own code.
        assert!(draft.validate(&dep, Some("p1")).is_ok());
        let ok = ProviderDraft { ods_code: " ab12 ".into(), ..draft };
        assert_eq!(ok.validate(&dep, None).unwrap().ods_code, "AB12");
    }

    #[test]
    fn go_live_cannot_come_before_the_go_decision() {
        let mut dep = deployment();
        let now = DateTime::<Utc>::from_timestamp(0, 0).unwrap();
        dep.milestones.push(crate::records::Milestone { id: "m".into(), updated_at: now, provider_id: "p1".into(), kind: MilestoneKind::GoDecision, date: d("2026-03-10"), recorded_by: "A".into() });
        let mut draft = ProviderDraft::from_provider(dep.provider("p1").unwrap());
        draft.go_live = "2026-03-09".into();
        let errors = draft.validate(&dep, Some("p1")).unwrap_err();
        assert!(message_for(&errors, "go_live").unwrap().contains("10 March 2026"));
        draft.go_live = "2026-03-10".into();
        assert!(draft.validate(&dep, Some("p1")).is_ok());
    }

    #[test]
    fn a_failed_result_needs_a_root_cause_and_no_result_is_in_the_future() {
        let today = d("2026-03-01");
        let fail = ResultDraft { date: "2026-03-01".into(), outcome: "fail".into(), ..Default::default() };
        let errors = fail.validate(today).unwrap_err();
        assert_eq!(message_for(&errors, "root_cause"), Some("Select where the failure needs fixing"));
        let ok = ResultDraft { root_cause: "supplier_solution".into(), ..fail.clone() };
        assert_eq!(ok.validate(today).unwrap().root_cause, Some(RootCause::SupplierSolution));
        let pass = ResultDraft { outcome: "pass".into(), root_cause: "standard".into(), ..fail.clone() };
        assert_eq!(pass.validate(today).unwrap().root_cause, None, "a pass has no root cause");
        let future = ResultDraft { date: "2026-03-02".into(), ..pass };
        assert!(message_for(&future.validate(today).unwrap_err(), "date").unwrap().contains("today or in the past"));
    }

    #[test]
    fn a_week_checks_each_day_and_skips_empty_ones() {
        let dep = deployment();
        let mut week = WeekDraft { provider_id: "p1".into(), week_start: "2026-03-02".into(), ..Default::default() };
        week.days[0] = ("10".into(), "8".into());
        week.days[2] = ("5".into(), "".into());
        let rows = week.validate(&dep).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[1].date, rows[1].referrals, rows[1].responses), (d("2026-03-04"), 5, 0));

        week.days[1] = ("-1".into(), "x".into());
        week.days[3] = ("3".into(), "4".into());
        let errors = week.validate(&dep).unwrap_err();
        assert!(message_for(&errors, "referrals-1").unwrap().contains("Tuesday 3 March") && message_for(&errors, "referrals-1").unwrap().contains("negative"));
        assert!(message_for(&errors, "responses-1").unwrap().contains("whole number"));
        assert!(message_for(&errors, "responses-3").unwrap().contains("cannot be more than referrals"));

        let empty = WeekDraft { provider_id: "p1".into(), week_start: "2026-03-02".into(), ..Default::default() };
        assert!(message_for(&empty.validate(&dep).unwrap_err(), "referrals-0").is_some());
    }

    #[test]
    fn weeks_start_on_monday() {
        assert_eq!(week_start(d("2026-03-04")), d("2026-03-02"));
        assert_eq!(week_start(d("2026-03-02")), d("2026-03-02"));
        assert_eq!(week_start(d("2026-03-08")), d("2026-03-02"));
    }

    #[test]
    fn csv_rows_are_read_by_code_or_name_with_a_header() {
        let dep = deployment();
        let rows = parse_volumetrics_csv(&dep, "date,provider,referrals,responses\n2026-03-02,RR8,4,3\n\n2026-03-02, yorkshire ambulance ,2,2\n").unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].provider_id, "p2");
    }

    #[test]
    fn csv_errors_name_every_bad_line() {
        let dep = deployment();
        let text = "2026-03-02,RR8,4,3\n2026-02-30,RR8,1,1\n2026-03-03,XXX,1,1\n2026-03-04,RR8,-1,0\n2026-03-05,RR8,1,2\n2026-03-02,RR8,9,9\nbad line\n";
        let errors = parse_volumetrics_csv(&dep, text).unwrap_err();
        let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
        assert!(messages[0].starts_with("Line 2:") && messages[0].contains("not a real date"), "{messages:?}");
        assert!(messages[1].starts_with("Line 3:") && messages[1].contains("XXX"));
        assert!(messages[2].starts_with("Line 4:") && messages[2].contains("negative"));
        assert!(messages[3].starts_with("Line 5:") && messages[3].contains("cannot be more than referrals"));
        assert!(messages[4].starts_with("Line 6:") && messages[4].contains("already on line 1"));
        assert!(messages[5].starts_with("Line 7:") && messages[5].contains("expected 4 values"));
        assert_eq!(errors.len(), 6);
    }

    #[test]
    fn incidents_need_a_provider_date_attribution_and_summary() {
        let dep = deployment();
        let errors = IncidentDraft::default().validate(&dep, d("2026-03-01")).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["provider", "date", "attributed", "summary"]);
        let ok = IncidentDraft { provider_id: "p2".into(), date: "2026-03-01".into(), attributed: "no".into(), summary: "Duplicate booking shown".into(), ..Default::default() };
        assert!(!ok.validate(&dep, d("2026-03-01")).unwrap().attributed_to_bars);
    }

    #[test]
    fn contacts_take_the_provider_name_and_check_email() {
        let dep = deployment();
        let draft = ContactDraft { party: "provider".into(), provider_id: "p1".into(), role: "Clinical lead".into(), name: "Dr A Khan".into(), email: "a.khan@nhs".into(), ..Default::default() };
        let errors = draft.validate(&dep).unwrap_err();
        assert!(message_for(&errors, "email").is_some());
        let ok = ContactDraft { email: "a.khan@nhs.net".into(), ..draft };
        assert_eq!(ok.validate(&dep).unwrap().organisation, "Leeds Teaching Hospitals");
        let supplier = ContactDraft { party: "supplier".into(), ..Default::default() };
        let errors = supplier.validate(&dep).unwrap_err();
        assert_eq!(message_for(&errors, "organisation"), Some("Enter the organisation"));
    }

    #[test]
    fn settings_need_the_responses_answer() {
        assert!(SettingsDraft::default().validate().is_err());
        let ok = SettingsDraft { has_responses: "yes".into(), stable_published: "2026-11-30".into() };
        assert_eq!(ok.validate().unwrap(), (true, Some(d("2026-11-30"))));
    }
}
