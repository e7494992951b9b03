//! A beta deployment: one BaRS Application taken through beta by its parties.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::presets::{application, ApplicationChoice};
use crate::risk::{AcceptanceCriteria, ServiceRiskLevel};
use crate::validation::FieldError;

/// Long enough for "Pharmacy First – North East and North Cumbria ICB wave 2",
/// short enough to fit a heading and a file name.
pub const NAME_MAX_CHARS: usize = 80;
pub const DESCRIPTION_MAX_CHARS: usize = 200;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deployment {
    pub id: String,
    pub name: String,
    pub application: ApplicationChoice,
    pub risk_level: ServiceRiskLevel,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Deployment {
    pub fn criteria(&self) -> AcceptanceCriteria {
        self.risk_level.criteria()
    }
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
        if name.is_empty() {
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
                if description.is_empty() {
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
        Deployment {
            id: "d1".into(),
            name: name.into(),
            application: ApplicationChoice::Preset { number: 1 },
            risk_level: ServiceRiskLevel::Low,
            created_at: now,
            updated_at: now,
        }
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
}
