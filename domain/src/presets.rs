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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "lowercase", deny_unknown_fields)]
pub enum ApplicationChoice {
    Preset {
        #[cfg_attr(feature = "schema", schemars(range(min = 1, max = 8)))]
        number: u8,
    },
    Other {
        #[cfg_attr(feature = "schema", schemars(length(max = crate::deployment::DESCRIPTION_MAX_CHARS), regex(pattern = r"\S")))]
        description: String,
    },
}

/// Read by hand rather than as a tagged enum (which serde buffers whole):
/// `{"kind": "preset", "number": 4}` or `{"kind": "other", "description": …}`,
/// in any order, each field once, nothing else.
impl<'de> Deserialize<'de> for ApplicationChoice {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(ChoiceVisitor)
    }
}

struct ChoiceVisitor;

/// A preset's number as written (4 or 4.0); whether it is a published one is a rule.
struct PresetNumber;

impl<'de> serde::de::DeserializeSeed<'de> for PresetNumber {
    type Value = u8;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<u8, D::Error> {
        let too_big: fn(&dyn std::fmt::Display) -> String =
            |n| format!("must be a BaRS Application number from 1 to {}, not the number {n}", APPLICATIONS.len());
        crate::de::whole(d, u64::from(u8::MAX), too_big).map(|n| n as u8)
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Preset,
    Other,
}

impl<'de> serde::de::Visitor<'de> for ChoiceVisitor {
    type Value = ApplicationChoice;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an object describing the BaRS Application")
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<ApplicationChoice, A::Error> {
        use serde::de::Error;
        const FIELDS: &[&str] = &["kind", "number", "description"];
        let (mut kind, mut number, mut description) = (None, None, None);
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "kind" if kind.is_some() => return Err(A::Error::duplicate_field("kind")),
                "number" if number.is_some() => return Err(A::Error::duplicate_field("number")),
                "description" if description.is_some() => return Err(A::Error::duplicate_field("description")),
                "kind" => {
                    let s: String = map.next_value()?;
                    kind = Some(match s.as_str() {
                        "preset" => Kind::Preset,
                        "other" => Kind::Other,
                        _ => {
                            return Err(A::Error::custom(format!(
                                "{} is not allowed: use one of \u{201c}preset\u{201d}, \u{201c}other\u{201d}",
                                crate::text::quote(&s)
                            )))
                        }
                    });
                }
                "number" => number = Some(map.next_value_seed(PresetNumber)?),
                "description" => description = Some(map.next_value::<String>()?),
                other => return Err(A::Error::unknown_field(other, FIELDS)),
            }
        }
        match kind {
            None => Err(A::Error::missing_field("kind")),
            Some(Kind::Preset) if description.is_some() => Err(A::Error::unknown_field("description", &["kind", "number"])),
            Some(Kind::Preset) => Ok(ApplicationChoice::Preset { number: number.ok_or_else(|| A::Error::missing_field("number"))? }),
            Some(Kind::Other) if number.is_some() => Err(A::Error::unknown_field("number", &["kind", "description"])),
            Some(Kind::Other) => Ok(ApplicationChoice::Other { description: description.ok_or_else(|| A::Error::missing_field("description"))? }),
        }
    }
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

    #[test]
    fn an_application_is_read_in_any_order_with_nothing_extra() {
        let read = |s: &str| serde_json::from_str::<ApplicationChoice>(s);
        assert_eq!(read(r#"{"number": 2, "kind": "preset"}"#).unwrap(), ApplicationChoice::Preset { number: 2 });
        let err = |s: &str| read(s).unwrap_err().to_string();
        assert!(err(r#"{"kind": "preset", "number": 2, "description": "x"}"#).starts_with("unknown field `description`"));
        assert!(err(r#"{"kind": "other", "description": "x", "number": 2}"#).starts_with("unknown field `number`"));
        assert!(err(r#"{"number": 2}"#).starts_with("missing field `kind`"));
        assert!(err(r#"{"kind": "preset"}"#).starts_with("missing field `number`"));
        assert!(err(r#"{"kind": "other", "kind": "other", "description": "x"}"#).starts_with("duplicate field `kind`"));
        assert!(err(r#"{"kind": "preset", "number": 300}"#).starts_with("must be a BaRS Application number from 1 to 8, not the number 300"));
        assert!(err(r#"{"kind": "custom"}"#).starts_with("\u{201c}custom\u{201d} is not allowed"));
        assert!(err(r#"{"kind": "preset", "colour": 1}"#).starts_with("unknown field `colour`"));
    }
}
