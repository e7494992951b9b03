//! A named person at one of the four parties of a beta.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Parent, Record, TEXT_MAX_CHARS};
use crate::deployment::Deployment;
use crate::validate::{Rules, SHORT_TEXT_MAX_CHARS};
use crate::validation::{Checker, FieldError};

/// The four parties of a beta.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Party {
    Supplier,
    Provider,
    BarsTeam,
    PolicyAndStrategy,
}

keyed!(Party {
    Supplier => "supplier", "Healthcare IT supplier";
    Provider => "provider", "Healthcare provider";
    BarsTeam => "bars_team", "NHS England BaRS team";
    PolicyAndStrategy => "policy_and_strategy", "NHS England policy and strategy";
});

impl Party {
    /// The core roles the guide asks each party to staff.
    pub fn core_roles(self) -> &'static [&'static str] {
        match self {
            Self::Supplier => &["Project lead", "System user"],
            Self::Provider => &["Project or digital lead", "Clinical lead", "Information governance lead", "Operational lead", "System user"],
            Self::BarsTeam => &["Project lead", "Clinical lead", "Technical lead"],
            Self::PolicyAndStrategy => &["Policy lead"],
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Contact {
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::ID_MAX_CHARS), regex(pattern = r"\S")))]
    pub id: String,
    #[serde(deserialize_with = "crate::de::time")]
    pub updated_at: DateTime<Utc>,
    pub party: Party,
    /// For a provider's staff, which provider.
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::ID_MAX_CHARS), regex(pattern = r"\S")))]
    pub provider_id: Option<String>,
    /// The organisation's name, e.g. the supplier's.
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::SHORT_TEXT_MAX_CHARS)))]
    pub organisation: String,
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::SHORT_TEXT_MAX_CHARS)))]
    pub role: String,
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::SHORT_TEXT_MAX_CHARS), regex(pattern = r"\S")))]
    pub name: String,
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::SHORT_TEXT_MAX_CHARS)))]
    pub email: String,
}

impl Record for Contact {
    const COLLECTION: &'static str = "contacts";
    const NOUN: &'static str = "a contact";
    const COUNTED: (&'static str, &'static str) = ("contact", "contacts");
    stamped!();
    fn belongs_to(&self) -> Option<(Parent, &str)> {
        self.provider_id.as_deref().map(|id| (Parent::Provider, id))
    }
    fn label(&self, _: &Deployment) -> String {
        format!("Contact \u{201c}{}\u{201d}", self.name)
    }
    fn free_text(&self) -> Vec<(&'static str, &str)> {
        vec![("name", &self.name), ("organisation", &self.organisation), ("role", &self.role), ("email", &self.email)]
    }
    fn check(&self, r: &mut Rules<'_>) {
        r.text("organisation", &self.organisation, SHORT_TEXT_MAX_CHARS);
        r.text("role", &self.role, SHORT_TEXT_MAX_CHARS);
        r.name("name", &self.name, SHORT_TEXT_MAX_CHARS);
        r.text("email", &self.email, SHORT_TEXT_MAX_CHARS);
    }
}

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

impl ContactFields {
    pub fn into_record(self, id: String, now: DateTime<Utc>) -> Contact {
        Contact {
            id,
            updated_at: now,
            party: self.party,
            provider_id: self.provider_id,
            organisation: self.organisation,
            role: self.role,
            name: self.name,
            email: self.email,
        }
    }
}

impl ContactDraft {
    pub fn validate(&self, deployment: &Deployment) -> Result<ContactFields, Vec<FieldError>> {
        let mut c = Checker::new();
        let party = c.chosen("party", Party::from_key(&self.party), "Select which party the contact works for");
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
        Some((local, domain)) => {
            !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.') && !s.contains(char::is_whitespace)
        }
        None => false,
    }
}
