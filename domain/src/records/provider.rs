//! A healthcare provider taking part in the beta.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{Record, TEXT_MAX_CHARS};
use crate::deployment::Deployment;
use crate::records::MilestoneKind;
use crate::validate::{Rules, SHORT_TEXT_MAX_CHARS};
use crate::validation::{Checker, FieldError};


/// Whether a provider sends referrals, receives them, or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum ProviderRole {
    Sender,
    Receiver,
    Both,
}

keyed!(ProviderRole {
    Sender => "sender", "Sender";
    Receiver => "receiver", "Receiver";
    Both => "both", "Sender and receiver";
});

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Provider {
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::ID_MAX_CHARS), regex(pattern = r"\S")))]
    pub id: String,
    #[serde(deserialize_with = "crate::de::time")]
    pub updated_at: DateTime<Utc>,
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::SHORT_TEXT_MAX_CHARS), regex(pattern = r"\S")))]
    pub name: String,
    /// The organisation (ODS) code, e.g. "RX1" or "FA123".
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::SHORT_TEXT_MAX_CHARS)))]
    pub ods_code: String,
    pub role: ProviderRole,
    /// The healthcare IT supplier whose BaRS-conformant system it runs.
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::SHORT_TEXT_MAX_CHARS)))]
    pub supplier: String,
    /// The day the provider went live with real patients (public beta began):
    /// its verification period counts from here.
    #[serde(default, deserialize_with = "crate::de::optional_day")]
    pub go_live: Option<NaiveDate>,
}

impl Record for Provider {
    const COLLECTION: &'static str = "providers";
    const NOUN: &'static str = "a provider";
    const COUNTED: (&'static str, &'static str) = ("provider", "providers");
    stamped!();
    fn label(&self, _: &Deployment) -> String {
        format!("Provider \u{201c}{}\u{201d}", self.name)
    }
    fn free_text(&self) -> Vec<(&'static str, &str)> {
        vec![("name", &self.name), ("ODS code", &self.ods_code), ("supplier", &self.supplier)]
    }
    fn check(&self, r: &mut Rules<'_>) {
        r.name("name", &self.name, SHORT_TEXT_MAX_CHARS);
        r.text("ods_code", &self.ods_code, SHORT_TEXT_MAX_CHARS);
        r.text("supplier", &self.supplier, SHORT_TEXT_MAX_CHARS);
    }
}

/// The provider form as typed.
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

impl ProviderFields {
    pub fn into_record(self, id: String, now: DateTime<Utc>) -> Provider {
        Provider { id, updated_at: now, name: self.name, ods_code: self.ods_code, role: self.role, supplier: self.supplier, go_live: self.go_live }
    }
}

impl ProviderDraft {
    pub fn from_provider(p: &Provider) -> Self {
        Self {
            name: p.name.clone(),
            ods_code: p.ods_code.clone(),
            role: p.role.key().to_owned(),
            supplier: p.supplier.clone(),
            go_live: p.go_live.map(crate::dates::iso_date).unwrap_or_default(),
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
        let role = c.chosen("role", ProviderRole::from_key(&self.role), "Select whether the provider sends referrals, receives them, or both");
        let supplier = c.text("supplier", &self.supplier, "the supplier's name", TEXT_MAX_CHARS);
        let go_live = c.date("go_live", &self.go_live, "the go-live date", false);
        if let (Some(go_live), Some(id)) = (go_live, editing) {
            // The latest "go" and smoke test as the stages read them (a "no" may have sent the provider back).
            let stages = crate::stages::provider_stages(deployment, id, chrono::NaiveDate::MAX);
            for kind in [MilestoneKind::GoDecision, MilestoneKind::SmokeTestPassed] {
                if let Some(date) = stages.gate(kind).filter(|date| *date > go_live) {
                    c.fail(
                        "go_live",
                        format!("Go-live must be on or after \u{201c}{}\u{201d} ({})", kind.label(), crate::dates::long_date(date)),
                    );
                }
            }
            if let Some(why) = crate::stages::uat_order_guard(deployment, id, go_live, "A business go-live") {
                c.fail("go_live", why);
            }
        }
        c.finish(|| ProviderFields { name, ods_code, role: role.expect("checked"), supplier, go_live })
    }
}
