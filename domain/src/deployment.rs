//! A beta deployment: one BaRS Application taken through beta by its parties.

use std::cmp::Reverse;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::presets::{application, ApplicationChoice};
pub use crate::records::{noun_of_collection, Deployment};
use crate::records::erased::{any_records, AnyRecord};
use crate::records::{Collection, Contact, DailyVolume, EachCollection, Incident, Milestone, Party, Provider, Record, TestResult, Workflow};
use crate::risk::{AcceptanceCriteria, ServiceRiskLevel};
use crate::stages::Stage;
use crate::validation::FieldError;

/// Long enough for "Pharmacy First – North East and North Cumbria ICB wave 2",
/// short enough to fit a heading and a file name.
pub const NAME_MAX_CHARS: usize = 80;
pub const DESCRIPTION_MAX_CHARS: usize = 200;

impl crate::de::Described for Deployment {
    const NOUN: &'static str = "a deployment";
}

impl crate::de::Described for Tombstone {
    const NOUN: &'static str = "a deleted record";
}

/// The memory of a deleted record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Tombstone {
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::ID_MAX_CHARS), regex(pattern = r"\S")))]
    pub id: String,
    #[serde(deserialize_with = "crate::de::time")]
    pub deleted_at: DateTime<Utc>,
}

impl Deployment {
    /// A new, empty deployment.
    pub fn new(id: String, fields: DeploymentFields, now: DateTime<Utc>) -> Self {
        Self::empty(id, fields.name, fields.application, fields.risk_level, now)
    }

    pub fn criteria(&self) -> AcceptanceCriteria {
        self.risk_level.criteria()
    }

    pub fn provider(&self, id: &str) -> Option<&Provider> {
        self.providers.iter().find(|p| p.id == id)
    }

    /// The provider's UAT test plan, in the order it was written.
    pub fn workflows_of<'a>(&'a self, provider_id: &'a str) -> impl Iterator<Item = &'a Workflow> + 'a {
        self.workflows.iter().filter(move |w| w.provider_id == provider_id)
    }

    /// A workflow's results, oldest first (by date, then by when recorded).
    pub fn results_of(&self, workflow_id: &str) -> Vec<&TestResult> {
        let mut results: Vec<&TestResult> = self.test_results.iter().filter(|r| r.workflow_id == workflow_id).collect();
        crate::order::sort_by_key(&mut results, |r| (r.date, r.updated_at));
        results
    }

    /// The results of a provider's whole test plan, newest first (by date,
    /// then the most recently recorded).
    pub fn results_of_provider_newest_first(&self, provider_id: &str) -> Vec<&TestResult> {
        let plan: Vec<&str> = self.workflows_of(provider_id).map(|w| w.id.as_str()).collect();
        let mut results: Vec<&TestResult> = self.test_results.iter().filter(|r| plan.contains(&r.workflow_id.as_str())).collect();
        crate::order::sort_by_key(&mut results, |r| Reverse((r.date, r.updated_at)));
        results
    }

    /// The incidents, newest first (by date, then the most recently recorded).
    pub fn incidents_newest_first(&self) -> Vec<&Incident> {
        let mut list: Vec<&Incident> = self.incidents.iter().collect();
        crate::order::sort_by_key(&mut list, |i| Reverse((i.date, i.updated_at)));
        list
    }

    /// Every day of counts, newest day first; within a day, in the order recorded.
    pub fn counts_newest_first(&self) -> Vec<&DailyVolume> {
        let mut list: Vec<&DailyVolume> = self.volumetrics.iter().collect();
        crate::order::sort_by_key(&mut list, |v| Reverse(v.date));
        list
    }

    /// The provider's earliest record of a milestone. There is normally one,
    /// but copies merged from two organisations may each have recorded it.
    pub fn milestone(&self, provider_id: &str, kind: crate::records::MilestoneKind) -> Option<&Milestone> {
        self.milestones.iter().filter(|m| m.provider_id == provider_id && m.kind == kind).min_by_key(|m| (m.date, m.updated_at))
    }

    /// The people at a party, in the order they were added.
    pub fn contacts_at(&self, party: Party) -> impl Iterator<Item = &Contact> + '_ {
        self.contacts.iter().filter(move |c| c.party == party)
    }

    /// The core roles the guide asks `party` to staff that no one at that party
    /// holds yet, in the guide's order. Roles match ignoring case; a provider's
    /// contacts all count for the provider party, whichever provider they work at.
    pub fn uncovered_roles(&self, party: Party) -> Vec<&'static str> {
        self.uncovered_roles_at(party, None)
    }

    /// [`Self::uncovered_roles`], counting only the contacts of one provider
    /// when `provider_id` is given.
    pub fn uncovered_roles_at(&self, party: Party, provider_id: Option<&str>) -> Vec<&'static str> {
        let held: Vec<&str> = self
            .contacts_at(party)
            .filter(|c| provider_id.is_none() || c.provider_id.as_deref() == provider_id)
            .map(|c| c.role.trim())
            .collect();
        party.core_roles().iter().filter(|role| !held.iter().any(|h| h.eq_ignore_ascii_case(role))).copied().collect()
    }

    /// The stored counts of a provider's day, if any.
    pub fn counts_on(&self, provider_id: &str, day: NaiveDate) -> Option<&DailyVolume> {
        self.volumetrics.iter().find(|v| v.provider_id == provider_id && v.date == day)
    }

    /// Whether a day's counts are live running, so count towards the minimum
    /// (see [`crate::records::is_live_day`]).
    pub fn is_live(&self, row: &DailyVolume) -> bool {
        crate::records::is_live_day(self.provider(&row.provider_id).and_then(|p| p.go_live), row.date)
    }

    /// The milestones a provider's milestone form offers on `today`, in the
    /// guide's order: those not recorded, or recorded before a "no" that means
    /// recording them again (see `crate::stages`). The "go" is a decision.
    pub fn open_milestones(&self, provider_id: &str, today: NaiveDate) -> Vec<crate::records::MilestoneKind> {
        let stages = crate::stages::provider_stages(self, provider_id, today);
        crate::records::MilestoneKind::ALL
            .iter()
            .copied()
            .filter(|k| k.is_recorded_as_milestone())
            .filter(|k| match Stage::ALL.into_iter().find(|s| s.gates().contains(k)) {
                Some(_) => stages.gate(*k).is_none(),
                None => self.milestone(provider_id, *k).is_none(),
            })
            .collect()
    }

    /// A provider's record of a business change activity, if it has one.
    pub fn business_change_of(&self, provider_id: &str, activity: crate::records::Activity) -> Option<&crate::records::BusinessChange> {
        self.business_change.iter().find(|b| b.provider_id == provider_id && b.activity == activity)
    }

    /// A provider's decisions, newest first (by date, then the most recently recorded).
    pub fn decisions_newest_first(&self, provider_id: &str) -> Vec<&crate::records::Decision> {
        let mut list: Vec<&crate::records::Decision> = self.decisions.iter().filter(|x| x.provider_id == provider_id).collect();
        crate::order::sort_by_key(&mut list, |x| Reverse((x.date, x.updated_at)));
        list
    }

    /// The uplift deadline: the supplier must deploy the stable version within
    /// three calendar months of its publication (clamped to the month's end,
    /// so 30 November gives 28 or 29 February).
    pub fn uplift_deadline(&self) -> Option<NaiveDate> {
        self.stable_published.and_then(uplift_deadline)
    }

    /// Adds a provider, seeding its test plan from the Application's workflows.
    pub fn add_provider(&mut self, provider: Provider, mut next_id: impl FnMut() -> String) {
        for name in self.application.default_workflows() {
            self.workflows.push(Workflow::new(next_id(), provider.updated_at, provider.id.clone(), (*name).to_owned()));
        }
        self.providers.push(provider);
    }

    /// Deletes a provider and everything recorded for it, leaving tombstones.
    pub fn remove_provider(&mut self, provider_id: &str, now: DateTime<Utc>) {
        self.remove(provider_id, now);
    }

    /// Removes the record with `id` from whichever list holds it, and every
    /// record that belongs to it (a provider's workflows, counts, …; a
    /// workflow's results), remembering each deletion.
    pub fn remove(&mut self, id: &str, now: DateTime<Utc>) -> bool {
        struct Take<'a> {
            d: &'a mut Deployment,
            id: &'a str,
            removed: bool,
            children: Vec<String>,
        }
        impl EachCollection for Take<'_> {
            fn each<R: Collection>(&mut self) {
                let list = R::list_mut(self.d);
                let before = list.len();
                list.retain(|r| r.id() != self.id);
                self.removed |= list.len() != before;
                children(&any_records(list), self.id, &mut self.children);
            }
        }
        /// The ids of the records that belong to `id` (the same code for every record type).
        fn children(list: &[&dyn AnyRecord], id: &str, out: &mut Vec<String>) {
            out.extend(list.iter().filter(|r| r.belongs_to().is_some_and(|(_, p)| p == id)).map(|r| r.id().to_owned()));
        }
        let mut take = Take { d: self, id, removed: false, children: Vec::new() };
        Deployment::each_collection(&mut take);
        let (removed, children) = (take.removed, take.children);
        if removed {
            self.deleted.push(Tombstone { id: id.to_owned(), deleted_at: now });
            for child in children {
                self.remove(&child, now);
            }
        }
        removed
    }

    /// What it holds, in words: "3 providers, 21 test plan workflows,
    /// 2,640 days of counts and 2 incidents" ("no records" when empty).
    pub fn contents(&self) -> String {
        struct Words<'a>(&'a Deployment, Vec<String>);
        impl EachCollection for Words<'_> {
            fn each<R: Collection>(&mut self) {
                let n = R::list(self.0).len();
                if n > 0 {
                    let (one, many) = R::COUNTED;
                    self.1.push(format!("{} {}", crate::text::thousands(n), if n == 1 { one } else { many }));
                }
            }
        }
        let mut words = Words(self, Vec::new());
        Deployment::each_collection(&mut words);
        match words.1.split_last() {
            None => "no records".to_owned(),
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        }
    }

    /// How many records it holds, in all its lists.
    pub fn record_count(&self) -> usize {
        struct Count<'a>(&'a Deployment, usize);
        impl EachCollection for Count<'_> {
            fn each<R: Collection>(&mut self) {
                self.1 += R::list(self.0).len();
            }
        }
        let mut count = Count(self, 0);
        Deployment::each_collection(&mut count);
        count.1
    }

    /// Inserts `record` into `collection`, replacing the one with the same id.
    pub fn upsert<T: Record>(collection: &mut Vec<T>, record: T) {
        match collection.iter_mut().find(|r| r.id() == record.id()) {
            Some(existing) => *existing = record,
            None => collection.push(record),
        }
    }
}

/// Three calendar months after `published`, clamped to the end of the month.
pub fn uplift_deadline(published: NaiveDate) -> Option<NaiveDate> {
    published.checked_add_months(chrono::Months::new(3))
}

/// The validated fields a user sets when creating or editing a deployment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeploymentFields {
    pub name: String,
    pub application: ApplicationChoice,
    pub risk_level: ServiceRiskLevel,
}

/// The form as typed: raw strings, validated in one place.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeploymentDraft {
    pub name: String,
    /// "1" to "8" for a preset, "other", or empty when nothing is chosen.
    pub application: String,
    pub other_description: String,
    /// "low", "medium", "high", or empty.
    pub risk_level: String,
}

impl DeploymentDraft {
    pub fn from_deployment(deployment: &Deployment) -> Self {
        let (application, other_description) = match &deployment.application {
            ApplicationChoice::Preset { number } => (number.to_string(), String::new()),
            ApplicationChoice::Other { description } => ("other".to_owned(), description.clone()),
        };
        Self {
            name: deployment.name.clone(),
            application,
            other_description,
            risk_level: deployment.risk_level.key().to_owned(),
        }
    }

    /// Checks every field and reports all problems at once, in form order.
    /// `existing` are the other deployments, whose names a new one must not repeat.
    pub fn validate<'a>(
        &self,
        existing: impl IntoIterator<Item = &'a Deployment>,
    ) -> Result<DeploymentFields, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = self.name.trim();
        if crate::text::is_blank(name) {
            errors.push(FieldError::new("name", "Enter a name for the deployment"));
        } else if name.chars().count() > NAME_MAX_CHARS {
            errors.push(FieldError::new(
                "name",
                format!("Name must be {NAME_MAX_CHARS} characters or fewer"),
            ));
        } else if existing.into_iter().any(|d| d.name.trim().eq_ignore_ascii_case(name)) {
            errors.push(FieldError::new(
                "name",
                format!("A deployment called \u{201c}{name}\u{201d} already exists: choose another name"),
            ));
        }

        let application = match self.application.as_str() {
            "" => {
                errors.push(FieldError::new("application", "Select the BaRS Application"));
                None
            }
            "other" => {
                let description = self.other_description.trim();
                if crate::text::is_blank(description) {
                    errors.push(FieldError::new("other_description", "Describe the use case"));
                    None
                } else if description.chars().count() > DESCRIPTION_MAX_CHARS {
                    errors.push(FieldError::new(
                        "other_description",
                        format!("Description must be {DESCRIPTION_MAX_CHARS} characters or fewer"),
                    ));
                    None
                } else {
                    Some(ApplicationChoice::Other { description: description.to_owned() })
                }
            }
            number => match number.parse::<u8>().ok().and_then(application) {
                Some(app) => Some(ApplicationChoice::Preset { number: app.number }),
                None => {
                    errors.push(FieldError::new("application", "Select a BaRS Application from the list"));
                    None
                }
            },
        };

        let risk_level = match ServiceRiskLevel::from_key(&self.risk_level) {
            Some(level) => Some(level),
            None => {
                errors.push(FieldError::new("risk_level", "Select the Service Risk Level"));
                None
            }
        };

        match (errors.is_empty(), application, risk_level) {
            (true, Some(application), Some(risk_level)) => {
                Ok(DeploymentFields { name: name.to_owned(), application, risk_level })
            }
            _ => Err(errors),
        }
    }
}

/// The deployment's settings form: whether its use case has responses, and
/// when the stable version of its Application was published.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SettingsDraft {
    /// "yes" or "no".
    pub has_responses: String,
    pub stable_published: String,
    pub standard_updated: String,
}

/// The deployment's settings, checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    pub has_responses: bool,
    pub stable_published: Option<NaiveDate>,
    /// When the standard was updated after the public beta, if it has been.
    pub standard_updated: Option<NaiveDate>,
}

impl SettingsDraft {
    pub fn from_deployment(deployment: &Deployment) -> Self {
        Self {
            has_responses: if deployment.has_responses { "yes" } else { "no" }.to_owned(),
            stable_published: deployment.stable_published.map(crate::dates::iso_date).unwrap_or_default(),
            standard_updated: deployment.standard_updated.map(crate::dates::iso_date).unwrap_or_default(),
        }
    }

    pub fn validate(&self) -> Result<Settings, Vec<FieldError>> {
        let mut c = crate::validation::Checker::new();
        let has_responses = match self.has_responses.as_str() {
            "yes" => Some(true),
            "no" => Some(false),
            _ => {
                c.fail("has_responses", "Select whether referrals in this use case get a response");
                None
            }
        };
        let standard_updated = c.date("standard_updated", &self.standard_updated, "the date the standard was updated", false);
        let published = c.date("stable_published", &self.stable_published, "the publication date", false);
        if let (Some(updated), Some(published)) = (standard_updated, published) {
            if published < updated {
                c.fail("stable_published", "The stable version cannot be published before the standard was updated");
            }
        }
        c.finish(|| Settings { has_responses: has_responses.expect("checked"), stable_published: published, standard_updated })
    }
}

/// The deployment's own details in words, for conflicts and findings.
pub fn details_label(deployment: &Deployment) -> String {
    format!("Details of the deployment \u{201c}{}\u{201d}", deployment.name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::message_for;

    fn draft(name: &str, application: &str, risk: &str) -> DeploymentDraft {
        DeploymentDraft {
            name: name.into(),
            application: application.into(),
            risk_level: risk.into(),
            ..Default::default()
        }
    }

    fn deployment(name: &str) -> Deployment {
        let now = DateTime::<Utc>::from_timestamp(0, 0).unwrap();
        let fields = DeploymentFields {
            name: name.into(),
            application: ApplicationChoice::Preset { number: 1 },
            risk_level: ServiceRiskLevel::Low,
        };
        Deployment::new("d1".into(), fields, now)
    }

    #[test]
    fn a_complete_draft_is_accepted_and_trimmed() {
        let fields = draft("  North West 111 beta  ", "4", "high").validate([]).unwrap();
        assert_eq!(fields.name, "North West 111 beta");
        assert_eq!(fields.application, ApplicationChoice::Preset { number: 4 });
        assert_eq!(fields.risk_level, ServiceRiskLevel::High);
    }

    #[test]
    fn an_empty_draft_reports_every_field_in_form_order() {
        let errors = DeploymentDraft::default().validate([]).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["name", "application", "risk_level"]);
        assert_eq!(message_for(&errors, "name"), Some("Enter a name for the deployment"));
    }

    #[test]
    fn whitespace_only_name_is_empty() {
        let errors = draft("   \t", "1", "low").validate([]).unwrap_err();
        assert_eq!(message_for(&errors, "name"), Some("Enter a name for the deployment"));
        let errors = draft("\u{3164}\u{200B}", "1", "low").validate([]).unwrap_err();
        assert_eq!(message_for(&errors, "name"), Some("Enter a name for the deployment"));
    }

    #[test]
    fn name_length_limit_counts_characters_not_bytes() {
        let at_limit = "é".repeat(NAME_MAX_CHARS);
        assert!(draft(&at_limit, "1", "low").validate([]).is_ok());
        let over = "a".repeat(NAME_MAX_CHARS + 1);
        let errors = draft(&over, "1", "low").validate([]).unwrap_err();
        assert_eq!(message_for(&errors, "name"), Some("Name must be 80 characters or fewer"));
    }

    #[test]
    fn duplicate_names_are_rejected_ignoring_case() {
        let existing = [deployment("Pharmacy First pilot")];
        let errors = draft("pharmacy first PILOT", "5", "low").validate(&existing).unwrap_err();
        assert!(message_for(&errors, "name").unwrap().contains("already exists"));
    }

    #[test]
    fn other_needs_a_description() {
        let errors = draft("Dental", "other", "low").validate([]).unwrap_err();
        assert_eq!(message_for(&errors, "other_description"), Some("Describe the use case"));
        let mut ok = draft("Dental", "other", "low");
        ok.other_description = " Dental triage into hubs ".into();
        let fields = ok.validate([]).unwrap();
        assert_eq!(fields.application, ApplicationChoice::Other { description: "Dental triage into hubs".into() });
    }

    #[test]
    fn unknown_application_or_level_is_rejected() {
        let errors = draft("X", "9", "severe").validate([]).unwrap_err();
        assert_eq!(message_for(&errors, "application"), Some("Select a BaRS Application from the list"));
        assert_eq!(message_for(&errors, "risk_level"), Some("Select the Service Risk Level"));
    }

    #[test]
    fn a_deployment_round_trips_through_its_draft() {
        let d = deployment("Round trip");
        let fields = DeploymentDraft::from_deployment(&d).validate([]).unwrap();
        assert_eq!(fields.name, d.name);
        assert_eq!(fields.application, d.application);
        assert_eq!(fields.risk_level, d.risk_level);
    }

    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::<Utc>::from_timestamp(secs, 0).unwrap()
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
    }

    fn contact(party: Party, provider_id: Option<&str>, role: &str) -> Contact {
        Contact {
            id: format!("c-{role}"),
            updated_at: at(0),
            party,
            provider_id: provider_id.map(str::to_owned),
            organisation: "Org".into(),
            role: role.into(),
            name: "A Person".into(),
            email: "a.person@nhs.net".into(),
        }
    }

    #[test]
    fn uncovered_roles_match_ignoring_case_within_the_party() {
        let mut d = deployment("Contacts");
        assert_eq!(d.uncovered_roles(Party::PolicyAndStrategy), ["Policy lead"]);
        d.contacts.push(contact(Party::Provider, Some("p1"), "clinical LEAD"));
        d.contacts.push(contact(Party::Provider, Some("p2"), " System user "));
        d.contacts.push(contact(Party::BarsTeam, None, "Technical lead"));
        d.contacts.push(contact(Party::Supplier, None, "Information governance lead"));
        // Contacts at two different providers both count for the provider party...
        assert_eq!(
            d.uncovered_roles(Party::Provider),
            ["Project or digital lead", "Information governance lead", "Operational lead"]
        );
        // ...and a role held at another party covers nothing here.
        assert_eq!(d.uncovered_roles(Party::BarsTeam), ["Project lead", "Clinical lead"]);
        assert_eq!(d.contacts_at(Party::Provider).count(), 2);
        d.contacts.push(contact(Party::Supplier, None, "Project lead"));
        d.contacts.push(contact(Party::Supplier, None, "system user"));
        assert!(d.uncovered_roles(Party::Supplier).is_empty());
    }

    fn counts(id: &str, provider_id: &str, date: NaiveDate, referrals: u32) -> DailyVolume {
        DailyVolume { id: id.into(), updated_at: at(0), provider_id: provider_id.into(), date, referrals, responses: 0 }
    }

    #[test]
    fn a_day_is_live_on_and_after_its_providers_go_live_as_readiness_counts_it() {
        let mut d = deployment("Counts");
        for (id, go_live) in [("p1", Some(day(10))), ("p2", None)] {
            let provider = Provider {
                id: id.into(), updated_at: at(0), name: id.into(), ods_code: "RX1".into(),
                role: crate::records::ProviderRole::Both, supplier: "S".into(), go_live,
            };
            d.providers.push(provider);
        }
        d.volumetrics = vec![
            counts("v1", "p1", day(9), 1),
            counts("v2", "p1", day(10), 10),
            counts("v3", "p1", day(11), 100),
            counts("v4", "p2", day(11), 1000),
            counts("v5", "gone", day(11), 10000),
        ];
        let live: Vec<bool> = d.volumetrics.iter().map(|v| d.is_live(v)).collect();
        assert_eq!(live, [false, true, true, false, false]);
        // The rows the page marks live are exactly the ones readiness counts.
        let referrals = crate::readiness::assess(&d, day(20)).referrals;
        let sum = |want: bool| d.volumetrics.iter().filter(|v| d.is_live(v) == want).map(|v| v.referrals).sum::<u32>();
        assert_eq!((referrals.counted, referrals.not_live), (sum(true), sum(false)));

        assert_eq!(d.counts_on("p1", day(10)).map(|v| v.id.as_str()), Some("v2"));
        assert_eq!(d.counts_on("p2", day(10)), None);
        assert_eq!(d.counts_on("p9", day(11)), None);
    }

    #[test]
    fn settings_round_trip_through_their_draft() {
        let mut d = deployment("Settings");
        assert_eq!(SettingsDraft::from_deployment(&d), SettingsDraft { has_responses: "no".into(), ..Default::default() });
        d.has_responses = true;
        d.stable_published = Some(day(2));
        let draft = SettingsDraft::from_deployment(&d);
        assert_eq!(draft, SettingsDraft { has_responses: "yes".into(), stable_published: "2026-03-02".into(), standard_updated: String::new() });
        assert_eq!(draft.validate().unwrap(), Settings { has_responses: true, stable_published: Some(day(2)), standard_updated: None });
    }

    #[test]
    fn lists_for_display_come_newest_first() {
        let mut d = deployment("Order");
        d.volumetrics = vec![
            counts("a", "p1", day(9), 1),
            counts("b", "p1", day(11), 1),
            counts("c", "p2", day(9), 1),
            counts("d", "p2", day(11), 1),
        ];
        let ids = |list: Vec<&DailyVolume>| list.iter().map(|v| v.id.clone()).collect::<Vec<_>>();
        // Newest day first; within a day, in the order recorded.
        assert_eq!(ids(d.counts_newest_first()), ["b", "d", "a", "c"]);

        let incident = |id: &str, date, recorded| Incident {
            id: id.into(), updated_at: at(recorded), provider_id: "p1".into(), date, attributed_to_bars: false,
            summary: "S".into(), reported_to_service_desk: false, resolution: String::new(),
        };
        d.incidents = vec![incident("old", day(1), 50), incident("early", day(5), 10), incident("late", day(5), 20)];
        let ids: Vec<&str> = d.incidents_newest_first().iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["late", "early", "old"]);

        let workflow = |id: &str, provider: &str| Workflow::new(id.into(), at(0), provider.into(), id.into());
        d.workflows = vec![workflow("w1", "p1"), workflow("w2", "p1"), workflow("w3", "p2")];
        let result = |id: &str, workflow_id: &str, date, recorded| TestResult {
            id: id.into(), updated_at: at(recorded), workflow_id: workflow_id.into(), date,
            outcome: crate::records::Outcome::Pass, note: String::new(), root_cause: None,
        };
        d.test_results = vec![result("r1", "w1", day(1), 1), result("r2", "w2", day(3), 1), result("r3", "w3", day(4), 1), result("r4", "w1", day(3), 2)];
        let ids: Vec<&str> = d.results_of_provider_newest_first("p1").iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["r4", "r2", "r1"]);
    }
}
