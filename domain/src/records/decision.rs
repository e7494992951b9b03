//! A decision taken about a provider at one of the beta's three decision
//! points: move to public beta?, go / no-go, acceptance criteria met?
//!
//! Decisions are kept, never overwritten: a "no" sends the provider back to
//! an earlier stage, and a later "yes" is a new record. The provider's stage
//! (`crate::stages`) is read from the whole history.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{provider_name, Issue, Parent, Party, Record, Reference, NOTE_MAX_CHARS, TEXT_MAX_CHARS};
use crate::deployment::Deployment;
use crate::stages::Stage;
use crate::validate::{Rules, LONG_TEXT_MAX_CHARS, SHORT_TEXT_MAX_CHARS};
use crate::validation::{Checker, FieldError};

/// Which decision was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DecisionKind {
    /// At the end of private beta: move to public beta?
    MoveToPublicBeta,
    /// After the smoke test: go / no-go for business go-live.
    GoNoGo,
    /// In public beta: have the acceptance criteria been met?
    AcceptanceMet,
}

keyed!(DecisionKind {
    MoveToPublicBeta => "move_to_public_beta", "Move to public beta?";
    GoNoGo => "go_no_go", "Go / no-go";
    AcceptanceMet => "acceptance_met", "Acceptance criteria met?";
});

impl DecisionKind {
    /// The stage this decision is.
    pub fn stage(self) -> Stage {
        match self {
            Self::MoveToPublicBeta => Stage::PublicBetaDecision,
            Self::GoNoGo => Stage::GoNoGo,
            Self::AcceptanceMet => Stage::AcceptanceDecision,
        }
    }

    /// The outcome in this decision's words: "Go" / "No-go", "Yes" / "Not yet".
    pub fn outcome_label(self, outcome: DecisionOutcome) -> &'static str {
        match (self, outcome) {
            (Self::GoNoGo, DecisionOutcome::Yes) => "Go",
            (Self::GoNoGo, DecisionOutcome::No) => "No-go",
            (Self::AcceptanceMet, DecisionOutcome::No) => "Not yet",
            (_, DecisionOutcome::Yes) => "Yes",
            (_, DecisionOutcome::No) => "No",
        }
    }

    /// The stages a "no" may send the provider back to: those before the decision.
    pub fn return_stages(self) -> impl Iterator<Item = Stage> {
        Stage::ALL.into_iter().filter(move |s| *s != Stage::BusinessChange && *s < self.stage())
    }
}

/// The outcome: go / yes, or no-go / no / not yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum DecisionOutcome {
    Yes,
    No,
}

keyed!(DecisionOutcome {
    Yes => "yes", "Yes";
    No => "no", "No";
});

/// What must change after a "no".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChangeNeeded {
    SupplierSystem,
    Standard,
    ProviderConfiguration,
    Other,
}

keyed!(ChangeNeeded {
    SupplierSystem => "supplier_system", "The supplier's system";
    Standard => "standard", "The standard (BaRS)";
    ProviderConfiguration => "provider_configuration", "The provider's configuration or environment";
    Other => "other", "Something else";
});

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Decision {
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::ID_MAX_CHARS), regex(pattern = r"\S")))]
    pub id: String,
    #[serde(deserialize_with = "crate::de::time")]
    pub updated_at: DateTime<Utc>,
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::ID_MAX_CHARS), regex(pattern = r"\S")))]
    pub provider_id: String,
    pub kind: DecisionKind,
    #[serde(deserialize_with = "crate::de::day")]
    pub date: NaiveDate,
    pub outcome: DecisionOutcome,
    /// The names of those who decided.
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::SHORT_TEXT_MAX_CHARS)))]
    pub decided_by: String,
    /// The parties present.
    pub parties: Vec<Party>,
    #[cfg_attr(feature = "schema", schemars(length(max = crate::validate::LONG_TEXT_MAX_CHARS)))]
    pub reasons: String,
    /// For a "no": what must change (at least one). Empty for a "yes".
    pub must_change: Vec<ChangeNeeded>,
    /// For a "no": the stage the provider goes back to, before the decision's own.
    pub returns_to: Option<Stage>,
    /// For a "no": the issues behind it (ids in `issues`), in the order chosen.
    /// Empty for a "yes" (and in a file written before version 7).
    #[serde(default)]
    pub issue_ids: Vec<String>,
}

impl Decision {
    pub fn is_yes(&self) -> bool {
        self.outcome == DecisionOutcome::Yes
    }
    /// "Go", "No-go", "Yes", "Not yet".
    pub fn outcome_label(&self) -> &'static str {
        self.kind.outcome_label(self.outcome)
    }
}

impl Record for Decision {
    const COLLECTION: &'static str = "decisions";
    const NOUN: &'static str = "a decision";
    const COUNTED: (&'static str, &'static str) = ("decision", "decisions");
    stamped!(provider_id);
    fn refers_to(&self) -> Vec<Reference<'_>> {
        self.issue_ids
            .iter()
            .enumerate()
            .map(|(k, id)| Reference { field: "issue_ids", index: Some(k), collection: Issue::COLLECTION, id })
            .collect()
    }
    fn label(&self, d: &Deployment) -> String {
        format!(
            "Decision \u{201c}{}\u{201d} of {} on {}",
            self.kind.label(),
            provider_name(d, &self.provider_id),
            crate::dates::long_date(self.date)
        )
    }
    fn free_text(&self) -> Vec<(&'static str, &str)> {
        vec![("decided by", &self.decided_by), ("reasons", &self.reasons)]
    }
    fn check(&self, r: &mut Rules<'_>) {
        r.text("decided_by", &self.decided_by, SHORT_TEXT_MAX_CHARS);
        r.text("reasons", &self.reasons, LONG_TEXT_MAX_CHARS);
        match (self.outcome, self.returns_to) {
            (DecisionOutcome::No, None) => r.fail("returns_to", "is missing: a \u{201c}no\u{201d} names the stage the provider goes back to"),
            (DecisionOutcome::No, Some(stage)) if !self.kind.return_stages().any(|s| s == stage) => r.fail(
                "returns_to",
                format!(
                    "\u{201c}{}\u{201d} is not a stage before the decision \u{201c}{}\u{201d}: a \u{201c}no\u{201d} sends the provider back",
                    stage.key(),
                    self.kind.key()
                ),
            ),
            (DecisionOutcome::Yes, Some(_)) => r.fail("returns_to", "must be null for a \u{201c}yes\u{201d}: only a \u{201c}no\u{201d} sends the provider back"),
            _ => {}
        }
        match self.outcome {
            DecisionOutcome::No if self.must_change.is_empty() => {
                r.fail("must_change", "is empty: a \u{201c}no\u{201d} says what must change (use \u{201c}other\u{201d} if none of the others)")
            }
            DecisionOutcome::Yes if !self.must_change.is_empty() => r.fail("must_change", "must be empty for a \u{201c}yes\u{201d}"),
            _ => {}
        }
        if self.is_yes() && !self.issue_ids.is_empty() {
            r.fail("issue_ids", "must be empty for a \u{201c}yes\u{201d}: only a \u{201c}no\u{201d} names the issues behind it");
        }
    }
}

impl Deployment {
    /// The decisions that named the issue `issue_id`, oldest first.
    pub fn decisions_naming(&self, issue_id: &str) -> Vec<&Decision> {
        let mut list: Vec<&Decision> = self.decisions.iter().filter(|x| x.issue_ids.iter().any(|i| i == issue_id)).collect();
        crate::order::sort_by_key(&mut list, |x| (x.date, x.updated_at));
        list
    }
}

/// The decision form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DecisionDraft {
    pub kind: String,
    pub date: String,
    pub outcome: String,
    pub decided_by: String,
    /// Keys of the parties present.
    pub parties: Vec<String>,
    pub reasons: String,
    /// Keys of what must change (for a "no").
    pub must_change: Vec<String>,
    /// Key of the stage a "no" goes back to.
    pub returns_to: String,
    /// Ids of the issues behind a "no" (the provider's open issues offered).
    pub issue_ids: Vec<String>,
}

impl DecisionDraft {
    /// The whole form for `provider_id`: gives the decision to add. A "yes" to
    /// moving to public beta or a "go" cannot be recorded while a UAT workflow's
    /// latest result is a fail (the guide's order).
    pub fn record(
        &self,
        deployment: &Deployment,
        provider_id: &str,
        today: NaiveDate,
        id: String,
        now: DateTime<Utc>,
    ) -> Result<Decision, Vec<FieldError>> {
        let mut c = Checker::new();
        let kind = c.chosen("kind", DecisionKind::from_key(&self.kind), "Select which decision was taken");
        let date = c.past_date("date", &self.date, "the date of the decision", true, today);
        let outcome = c.chosen("outcome", DecisionOutcome::from_key(&self.outcome), "Select the outcome of the decision");
        let decided_by = c.text("decided_by", &self.decided_by, "the names of those who decided", TEXT_MAX_CHARS);
        let parties: Vec<Party> = Party::ALL.into_iter().filter(|p| self.parties.iter().any(|k| k == p.key())).collect();
        if parties.is_empty() {
            c.fail("parties", "Select the parties present");
        }
        let reasons = c.text("reasons", &self.reasons, "the reasons for the decision", NOTE_MAX_CHARS);
        let no = outcome == Some(DecisionOutcome::No);
        let must_change: Vec<ChangeNeeded> =
            if no { ChangeNeeded::ALL.into_iter().filter(|m| self.must_change.iter().any(|k| k == m.key())).collect() } else { Vec::new() };
        if no && must_change.is_empty() {
            c.fail("must_change", "Select what must change before the decision is taken again");
        }
        let returns_to = if no {
            let stage = Stage::from_key(&self.returns_to).filter(|s| kind.is_some_and(|k| k.return_stages().any(|r| r == *s)));
            c.chosen("returns_to", stage, "Select the stage the provider goes back to")
        } else {
            None
        };
        // Only a "no" names issues, and only issues the deployment holds.
        let issue_ids: Vec<String> =
            if no { self.issue_ids.iter().filter(|id| deployment.issue(id).is_some()).cloned().collect() } else { Vec::new() };
        if let (Some(kind), Some(DecisionOutcome::Yes), Some(date)) = (kind, outcome, date) {
            if kind != DecisionKind::AcceptanceMet {
                let what = format!("A \u{201c}{}\u{201d} to \u{201c}{}\u{201d}", kind.outcome_label(DecisionOutcome::Yes), kind.label());
                if let Some(why) = crate::stages::uat_order_guard(deployment, provider_id, date, &what) {
                    c.fail("outcome", why);
                }
            }
        }
        c.finish(|| Decision {
            id,
            updated_at: now,
            provider_id: provider_id.to_owned(),
            kind: kind.expect("checked"),
            date: date.expect("checked"),
            outcome: outcome.expect("checked"),
            decided_by,
            parties,
            reasons,
            must_change,
            returns_to,
            issue_ids,
        })
    }
}
