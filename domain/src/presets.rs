//! The published BaRS Applications, offered as presets when a deployment is created.

use serde::{Deserialize, Serialize};

/// One BaRS Application: the standard applied to one or more use cases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BarsApplication {
    pub number: u8,
    pub use_cases: &'static str,
    /// The workflows a UAT test plan for this Application covers.
    pub workflows: &'static [&'static str],
    /// Whether the Application's referrals expect a clinical response back
    /// (validation or status responses); only then must a referral have its
    /// response to count towards the minimum.
    pub has_responses: bool,
}

const APP_1_WORKFLOWS: &[&str] =
    &["Slots", "Book", "Cancel booking", "Rebook", "Referral", "Cancel referral", "Re-refer"];

pub const APPLICATIONS: [BarsApplication; 8] = [
    BarsApplication {
        number: 1,
        use_cases: "111, IUC CAS or 999 (Pathways) into ED, UTC or SDEC",
        workflows: APP_1_WORKFLOWS,
        has_responses: false,
    },
    BarsApplication {
        number: 2,
        use_cases: "111 Online or Search & Refer into ED or UTC",
        workflows: APP_1_WORKFLOWS,
        has_responses: false,
    },
    BarsApplication {
        number: 3,
        use_cases: "999 ambulance (AST) to a clinical assessment service",
        workflows: &["Referral", "Update", "Cancel"],
        has_responses: false,
    },
    BarsApplication {
        number: 4,
        use_cases: "999 to CAS validation; falls lifting; community services (2-hour UCR)",
        workflows: &["Validation request", "Update", "Cancel", "Interim response", "Validation response"],
        has_responses: true,
    },
    BarsApplication {
        number: 5,
        use_cases: "Primary care into community pharmacy (Pharmacy First, contraception, blood pressure)",
        workflows: &["Referral", "Cancel", "Re-refer"],
        has_responses: false,
    },
    BarsApplication {
        number: 6,
        use_cases: "Ambulance trust to ambulance trust (out of area, call assist, mutual aid)",
        workflows: &["Referral", "Update", "Cancel", "Status response", "Rejection"],
        has_responses: true,
    },
    BarsApplication {
        number: 7,
        use_cases: "Bookings into a GP practice",
        workflows: &["Book", "Cancel", "Rebook"],
        has_responses: false,
    },
    BarsApplication {
        number: 8,
        use_cases: "Referrals into a broker (e-Referral Service)",
        workflows: &["Referral"],
        has_responses: false,
    },
];

pub fn application(number: u8) -> Option<&'static BarsApplication> {
    APPLICATIONS.iter().find(|app| app.number == number)
}

/// What a deployment applies BaRS to: a published Application, or a use case
/// the user describes (and whose test plan they write themselves).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "lowercase", deny_unknown_fields)]
pub enum ApplicationChoice {
    Preset {
        #[serde(deserialize_with = "application_number")]
        #[cfg_attr(feature = "schema", schemars(range(min = 1, max = 8)))]
        number: u8,
    },
    Other {
        #[cfg_attr(feature = "schema", schemars(length(max = crate::deployment::DESCRIPTION_MAX_CHARS), regex(pattern = r"\S")))]
        description: String,
    },
}

/// A preset's number: one that fits (whether it is a published one is a rule).
fn application_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u8, D::Error> {
    let n = u64::deserialize(d)?;
    u8::try_from(n).map_err(|_| {
        serde::de::Error::custom(format!("must be a BaRS Application number from 1 to {}, not the number {n}", APPLICATIONS.len()))
    })
}

impl ApplicationChoice {
    pub fn preset(&self) -> Option<&'static BarsApplication> {
        match self {
            Self::Preset { number } => application(*number),
            Self::Other { .. } => None,
        }
    }

    /// A short title for lists and headings, e.g. "BaRS Application 4".
    pub fn title(&self) -> String {
        match self {
            Self::Preset { number } => format!("BaRS Application {number}"),
            Self::Other { .. } => "Other use case".to_owned(),
        }
    }

    /// The use cases in words.
    pub fn summary(&self) -> String {
        match self {
            Self::Preset { .. } => self.preset().map(|app| app.use_cases.to_owned()).unwrap_or_default(),
            Self::Other { description } => description.clone(),
        }
    }

    /// The workflows a new test plan starts from (empty for "other").
    pub fn default_workflows(&self) -> &'static [&'static str] {
        self.preset().map(|app| app.workflows).unwrap_or(&[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_are_eight_applications_numbered_one_to_eight() {
        let numbers: Vec<u8> = APPLICATIONS.iter().map(|app| app.number).collect();
        assert_eq!(numbers, (1..=8).collect::<Vec<u8>>());
        assert!(application(0).is_none());
        assert!(application(9).is_none());
    }

    #[test]
    fn every_application_has_workflows_and_no_duplicates() {
        for app in &APPLICATIONS {
            assert!(!app.workflows.is_empty(), "App {} has no workflows", app.number);
            let mut seen = std::collections::HashSet::new();
            for workflow in app.workflows {
                assert!(seen.insert(workflow.to_lowercase()), "App {} repeats {workflow}", app.number);
            }
        }
    }

    #[test]
    fn workflows_follow_the_release_notes() {
        assert_eq!(application(1).unwrap().workflows.len(), 7);
        assert_eq!(application(2).unwrap().workflows, application(1).unwrap().workflows);
        assert_eq!(application(3).unwrap().workflows, &["Referral", "Update", "Cancel"]);
        assert!(application(4).unwrap().workflows.contains(&"Validation response"));
        assert_eq!(application(5).unwrap().workflows, &["Referral", "Cancel", "Re-refer"]);
        assert!(application(6).unwrap().workflows.contains(&"Rejection"));
        assert_eq!(application(7).unwrap().workflows, &["Book", "Cancel", "Rebook"]);
        assert_eq!(application(8).unwrap().workflows, &["Referral"]);
    }

    #[test]
    fn only_validation_and_status_applications_expect_responses() {
        let with: Vec<u8> = APPLICATIONS.iter().filter(|a| a.has_responses).map(|a| a.number).collect();
        assert_eq!(with, vec![4, 6]);
    }

    #[test]
    fn choice_serialises_with_a_kind_tag() {
        let preset = ApplicationChoice::Preset { number: 3 };
        assert_eq!(serde_json::to_string(&preset).unwrap(), r#"{"kind":"preset","number":3}"#);
        let other = ApplicationChoice::Other { description: "Dental triage".into() };
        let json = serde_json::to_string(&other).unwrap();
        assert_eq!(json, r#"{"kind":"other","description":"Dental triage"}"#);
        assert_eq!(serde_json::from_str::<ApplicationChoice>(&json).unwrap(), other);
        assert_eq!(other.default_workflows().len(), 0);
        assert_eq!(preset.title(), "BaRS Application 3");
    }
}
