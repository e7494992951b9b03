//! Service Risk Levels and the public beta acceptance criteria each implies.

use serde::Serialize;

/// Set per deployment by the user: NHS England's clinical safety case assigns
/// it to each BaRS Application, and that assignment is not public.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum ServiceRiskLevel {
    Low,
    Medium,
    High,
}

/// The minimums a beta must reach before it can exit, from the beta deployment guide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AcceptanceCriteria {
    /// Completed referrals (with their responses where the use case has them),
    /// pooled over every provider in the deployment.
    pub min_referrals: u32,
    /// Whole days of live running with no safety incident attributed to BaRS.
    pub min_verification_days: u32,
}

keyed!(ServiceRiskLevel {
    Low => "low", "Low";
    Medium => "medium", "Medium";
    High => "high", "High";
});

impl ServiceRiskLevel {
    pub fn criteria(self) -> AcceptanceCriteria {
        let (min_referrals, min_verification_days) = match self {
            Self::Low => (20, 14),
            Self::Medium => (50, 28),
            Self::High => (75, 48),
        };
        AcceptanceCriteria { min_referrals, min_verification_days }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn criteria_match_the_guide_for_every_level() {
        assert_eq!(
            ServiceRiskLevel::Low.criteria(),
            AcceptanceCriteria { min_referrals: 20, min_verification_days: 14 }
        );
        assert_eq!(
            ServiceRiskLevel::Medium.criteria(),
            AcceptanceCriteria { min_referrals: 50, min_verification_days: 28 }
        );
        assert_eq!(
            ServiceRiskLevel::High.criteria(),
            AcceptanceCriteria { min_referrals: 75, min_verification_days: 48 }
        );
    }

    #[test]
    fn higher_risk_never_asks_for_less() {
        for pair in ServiceRiskLevel::ALL.windows(2) {
            let (lower, higher) = (pair[0].criteria(), pair[1].criteria());
            assert!(higher.min_referrals > lower.min_referrals);
            assert!(higher.min_verification_days > lower.min_verification_days);
        }
    }

    #[test]
    fn keys_round_trip_and_unknown_keys_are_rejected() {
        for level in ServiceRiskLevel::ALL {
            assert_eq!(ServiceRiskLevel::from_key(level.key()), Some(level));
            let json = serde_json::to_string(&level).unwrap();
            assert_eq!(json, format!("\"{}\"", level.key()));
        }
        assert_eq!(ServiceRiskLevel::from_key("Medium"), None);
        assert_eq!(ServiceRiskLevel::from_key("critical"), None);
    }
}
