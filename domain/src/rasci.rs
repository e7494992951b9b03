//! Who does what: the guide's RASCI matrix (Responsible, Accountable,
//! Supporting, Consulted, Informed), each deployment's changes to it, and the
//! check that every task has exactly one Accountable party.
//!
//! Only changes are stored ([`crate::records::RasciChange`]); the matrix a
//! deployment works to is the guide's, with the latest change of each cell
//! on top. A change is a record like any other, so two organisations'
//! changes to one cell are both kept by a merge and the later one counts.

use crate::deployment::Deployment;
use crate::records::{Party, RasciChange};

/// A task of the guide's matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Task {
    BetaCoordination,
    ContinuousDevelopment,
    ApprovalOfEvidence,
    TechnicalConformanceCertificate,
    Dcb0129Compliance,
    ClinicalGovernance,
    InformationGovernance,
    AcceptanceCriteriaMet,
    PrivateBetaEnvironment,
    PublicBetaEnvironment,
    InstallAndUpdateSoftware,
    Configuration,
    PrivateBetaTestScripts,
    PrivateBetaTesting,
    PublicBetaSmokeTesting,
    IssueManagement,
    IssueResolution,
    BusinessChangeActivities,
    LessonsLearnedProcess,
    StandardDevelopment,
    IncidentReporting,
    IncidentManagement,
    IncidentResolution,
    ServiceDesignAndPolicy,
    ImplementationPlan,
    BenefitsManagement,
    PolicySupport,
}

keyed!(Task {
    BetaCoordination => "beta_coordination", "Beta coordination";
    ContinuousDevelopment => "continuous_development", "Continuous development in line with the BaRS";
    ApprovalOfEvidence => "approval_of_evidence", "Approval of evidence";
    TechnicalConformanceCertificate => "technical_conformance_certificate", "Issuance of Technical Conformance Certificate";
    Dcb0129Compliance => "dcb0129_compliance", "DCB 0129 compliance";
    ClinicalGovernance => "clinical_governance", "Clinical governance including DCB 0160";
    InformationGovernance => "information_governance", "Information governance";
    AcceptanceCriteriaMet => "acceptance_criteria_met", "Beta acceptance criteria met";
    PrivateBetaEnvironment => "private_beta_environment", "Provide private beta (UAT) environment";
    PublicBetaEnvironment => "public_beta_environment", "Provide public beta environment (Live)";
    InstallAndUpdateSoftware => "install_and_update_software", "Install and update software";
    Configuration => "configuration", "Configuration";
    PrivateBetaTestScripts => "private_beta_test_scripts", "Private beta test scripts";
    PrivateBetaTesting => "private_beta_testing", "Private beta testing";
    PublicBetaSmokeTesting => "public_beta_smoke_testing", "Public beta smoke testing";
    IssueManagement => "issue_management", "Issue management";
    IssueResolution => "issue_resolution", "Issue resolution";
    BusinessChangeActivities => "business_change_activities", "Business change activities";
    LessonsLearnedProcess => "lessons_learned_process", "Lessons learned process";
    StandardDevelopment => "standard_development", "Continuous development of the Standard";
    IncidentReporting => "incident_reporting", "Incident reporting";
    IncidentManagement => "incident_management", "Incident management";
    IncidentResolution => "incident_resolution", "Incident resolution";
    ServiceDesignAndPolicy => "service_design_and_policy", "Service design and related policy changes";
    ImplementationPlan => "implementation_plan", "Implementation plan beyond beta";
    BenefitsManagement => "benefits_management", "Benefits management beyond beta";
    PolicySupport => "policy_support", "Policy support for Healthcare Providers";
});

/// The matrix's columns, in the guide's order.
pub const COLUMNS: [Party; 4] = [Party::Supplier, Party::Provider, Party::BarsTeam, Party::PolicyAndStrategy];

/// A column's heading as the guide writes it.
pub fn column_heading(party: Party) -> &'static str {
    match party {
        Party::Supplier => "Clinical System Supplier",
        Party::Provider => "Healthcare Provider",
        Party::BarsTeam => "BaRS Team",
        Party::PolicyAndStrategy => "NHSE Policy & Strategy",
    }
}

/// A section of the matrix: its heading and its tasks with each column's
/// letters (in [`COLUMNS`] order), exactly as the guide gives them.
pub struct Section {
    pub heading: &'static str,
    pub tasks: &'static [(Task, [&'static str; 4])],
}

/// The guide's matrix ("RASCI Matrix", "Project Tasks"), every cell as written there.
pub const GUIDE: &[Section] = &[
    Section { heading: "Beta Coordination", tasks: &[(Task::BetaCoordination, ["R", "R", "S", "A"])] },
    Section { heading: "Software Development", tasks: &[(Task::ContinuousDevelopment, ["R", "C", "S", "A"])] },
    Section {
        heading: "Solutions Assurance",
        tasks: &[(Task::ApprovalOfEvidence, ["R", "I", "R", "A"]), (Task::TechnicalConformanceCertificate, ["C", "I", "R", "A"])],
    },
    Section {
        heading: "Governance",
        tasks: &[
            (Task::Dcb0129Compliance, ["R", "I", "R", "A"]),
            (Task::ClinicalGovernance, ["C", "R", "I", "A"]),
            (Task::InformationGovernance, ["S", "R", "S", "A"]),
            (Task::AcceptanceCriteriaMet, ["C", "R", "R", "A"]),
        ],
    },
    Section {
        heading: "Beta Environments",
        tasks: &[
            (Task::PrivateBetaEnvironment, ["S", "R", "S", "A"]),
            (Task::PublicBetaEnvironment, ["S", "R", "S", "A"]),
            (Task::InstallAndUpdateSoftware, ["A", "R", "S", "I"]),
            (Task::Configuration, ["R", "C", "S", "A"]),
        ],
    },
    Section {
        heading: "Beta Testing",
        tasks: &[
            (Task::PrivateBetaTestScripts, ["S", "R", "S", "A"]),
            (Task::PrivateBetaTesting, ["R", "R", "S", "A"]),
            (Task::PublicBetaSmokeTesting, ["R", "R", "S", "A"]),
        ],
    },
    Section {
        heading: "Issue Management",
        tasks: &[(Task::IssueManagement, ["R", "R", "R", "I"]), (Task::IssueResolution, ["R", "R", "R", "I"])],
    },
    Section { heading: "Business Change", tasks: &[(Task::BusinessChangeActivities, ["S", "R", "S", "A"])] },
    Section { heading: "Lessons Learned", tasks: &[(Task::LessonsLearnedProcess, ["S", "S", "R", "A"])] },
    Section { heading: "BaRS (Standard) Development", tasks: &[(Task::StandardDevelopment, ["S", "S", "R", "A"])] },
    Section {
        heading: "Public Beta Service Management",
        tasks: &[
            (Task::IncidentReporting, ["I", "R", "S", "A"]),
            (Task::IncidentManagement, ["S", "S", "S", "A/R"]),
            (Task::IncidentResolution, ["R", "R", "R", "A"]),
        ],
    },
    Section {
        heading: "NHSE Policy & Strategy",
        tasks: &[
            (Task::ServiceDesignAndPolicy, ["N/A", "C", "I", "R/A"]),
            (Task::ImplementationPlan, ["C", "C", "I", "R/A"]),
            (Task::BenefitsManagement, ["N/A", "C", "I", "R/A"]),
            (Task::PolicySupport, ["N/A", "C", "I", "R/A"]),
        ],
    },
];

/// The guide's letters for one cell.
pub fn guide_letters(task: Task, party: Party) -> &'static str {
    let column = COLUMNS.iter().position(|p| *p == party).unwrap_or(0);
    GUIDE.iter().flat_map(|s| s.tasks).find(|(t, _)| *t == task).map(|(_, cells)| cells[column]).unwrap_or("N/A")
}

/// One letter of the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Letter {
    Responsible,
    Accountable,
    Supporting,
    Consulted,
    Informed,
}

impl Letter {
    pub const ALL: [Letter; 5] = [Self::Responsible, Self::Accountable, Self::Supporting, Self::Consulted, Self::Informed];
    pub fn code(self) -> char {
        match self {
            Self::Responsible => 'R',
            Self::Accountable => 'A',
            Self::Supporting => 'S',
            Self::Consulted => 'C',
            Self::Informed => 'I',
        }
    }
    pub fn word(self) -> &'static str {
        match self {
            Self::Responsible => "Responsible",
            Self::Accountable => "Accountable",
            Self::Supporting => "Supporting",
            Self::Consulted => "Consulted",
            Self::Informed => "Informed",
        }
    }
    pub fn from_code(c: char) -> Option<Letter> {
        Self::ALL.into_iter().find(|l| l.code() == c)
    }
}

/// What a cell may hold.
pub const NOT_APPLICABLE: &str = "N/A";

/// The letters of a cell ("R/A", "A/R", "S", "N/A"), or why they are not
/// valid: each of R, A, S, C and I at most once, joined by "/", or "N/A".
pub fn parse_letters(cell: &str) -> Result<Vec<Letter>, String> {
    if cell == NOT_APPLICABLE {
        return Ok(Vec::new());
    }
    let mut letters = Vec::new();
    for part in cell.split('/') {
        let mut chars = part.chars();
        match (chars.next().and_then(Letter::from_code), chars.next()) {
            (Some(letter), None) if !letters.contains(&letter) => letters.push(letter),
            (Some(_), None) => return Err(format!("{} gives a letter twice: give each at most once", crate::text::quote(cell))),
            _ => {
                return Err(format!(
                    "{} is not a cell of the matrix: use letters from R, A, S, C and I joined by \u{201c}/\u{201d} (like \u{201c}R/A\u{201d}), or \u{201c}N/A\u{201d}",
                    crate::text::quote(cell)
                ))
            }
        }
    }
    Ok(letters)
}

/// Letters written the way the app writes them, in the key's order ("R/A").
pub fn write_letters(letters: &[Letter]) -> String {
    if letters.is_empty() {
        return NOT_APPLICABLE.to_owned();
    }
    Letter::ALL.iter().filter(|l| letters.contains(l)).map(|l| l.code().to_string()).collect::<Vec<_>>().join("/")
}

/// Whether a cell holds `letter` (an unreadable cell holds none).
pub fn has(cell: &str, letter: Letter) -> bool {
    parse_letters(cell).is_ok_and(|l| l.contains(&letter))
}

/// A cell's letters in words: "Responsible and accountable", "Not applicable".
pub fn describe_cell(cell: &str) -> String {
    match parse_letters(cell) {
        Ok(letters) if letters.is_empty() => "Not applicable".to_owned(),
        Ok(letters) => {
            let words: Vec<String> = letters
                .iter()
                .enumerate()
                .map(|(i, l)| if i == 0 { l.word().to_owned() } else { l.word().to_ascii_lowercase() })
                .collect();
            match words.split_last() {
                Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
                _ => words.concat(),
            }
        }
        Err(_) => cell.to_owned(),
    }
}

/// One cell of a deployment's matrix, and where its letters come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub letters: String,
    /// The change that set it, when it is not the guide's.
    pub change_id: Option<String>,
}

/// One task's row of a deployment's matrix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub task: Task,
    pub section: &'static str,
    /// In [`COLUMNS`] order.
    pub cells: [Cell; 4],
}

impl Row {
    pub fn cell(&self, party: Party) -> &Cell {
        &self.cells[COLUMNS.iter().position(|p| *p == party).unwrap_or(0)]
    }
    /// The parties whose cell holds `letter`, in column order.
    pub fn parties_with(&self, letter: Letter) -> Vec<Party> {
        COLUMNS.iter().zip(&self.cells).filter(|(_, c)| has(&c.letters, letter)).map(|(p, _)| *p).collect()
    }
}

/// The latest change of each cell among `changes`: the newest `updated_at`,
/// and of two made at the same moment, the greater id (so every copy agrees).
pub fn latest_change(changes: &[RasciChange], task: Task, party: Party) -> Option<&RasciChange> {
    changes.iter().filter(|c| c.task == task && c.party == party).max_by(|a, b| (a.updated_at, &a.id).cmp(&(b.updated_at, &b.id)))
}

/// The guide's matrix with `changes` applied: every task, in the guide's order.
pub fn matrix(changes: &[RasciChange]) -> Vec<Row> {
    GUIDE
        .iter()
        .flat_map(|section| {
            section.tasks.iter().map(move |(task, seeded)| Row {
                task: *task,
                section: section.heading,
                cells: std::array::from_fn(|i| match latest_change(changes, *task, COLUMNS[i]) {
                    Some(change) => Cell { letters: change.letters.clone(), change_id: Some(change.id.clone()) },
                    None => Cell { letters: seeded[i].to_owned(), change_id: None },
                }),
            })
        })
        .collect()
}

impl Deployment {
    /// The deployment's RASCI matrix: the guide's, with its changes on top.
    pub fn rasci(&self) -> Vec<Row> {
        matrix(&self.rasci_changes)
    }

    /// A cell's changes, newest first.
    pub fn rasci_history(&self, task: Task, party: Party) -> Vec<&RasciChange> {
        let mut list: Vec<&RasciChange> = self.rasci_changes.iter().filter(|c| c.task == task && c.party == party).collect();
        crate::order::sort_by_key(&mut list, |c| std::cmp::Reverse((c.updated_at, c.id.clone())));
        list
    }
}

/// A task that breaks the one-Accountable rule, and who is Accountable for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountableProblem {
    pub task: Task,
    /// Empty when no one is; two or more otherwise.
    pub accountable: Vec<Party>,
}

impl AccountableProblem {
    /// The problem in words: "Issue management has no Accountable party".
    pub fn describe(&self) -> String {
        if self.accountable.is_empty() {
            format!("{} has no Accountable party", self.task.label())
        } else {
            let names: Vec<&str> = self.accountable.iter().map(|p| p.label()).collect();
            format!("{} has {} Accountable parties: {}", self.task.label(), self.accountable.len(), names.join(" and "))
        }
    }
}

/// The one-Accountable check: every task whose row has no A, or more than one,
/// in the matrix's order.
pub fn accountable_problems(rows: &[Row]) -> Vec<AccountableProblem> {
    rows.iter()
        .map(|row| AccountableProblem { task: row.task, accountable: row.parties_with(Letter::Accountable) })
        .filter(|p| p.accountable.len() != 1)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_are_read_in_any_order_and_not_applicable_holds_none() {
        use Letter::*;
        assert_eq!(parse_letters("R/A"), Ok(vec![Responsible, Accountable]));
        assert_eq!(parse_letters("A/R"), Ok(vec![Accountable, Responsible]));
        assert_eq!(parse_letters("S"), Ok(vec![Supporting]));
        assert_eq!(parse_letters("N/A"), Ok(vec![]));
        assert!(parse_letters("").is_err());
        assert!(parse_letters("RA").is_err());
        assert!(parse_letters("r").is_err());
        assert!(parse_letters("R/").is_err());
        assert!(parse_letters("A/N").is_err());
        assert_eq!(parse_letters("R/R").unwrap_err(), "\u{201c}R/R\u{201d} gives a letter twice: give each at most once");
        assert_eq!(write_letters(&[Accountable, Responsible]), "R/A");
        assert_eq!(write_letters(&[]), "N/A");
        assert_eq!(describe_cell("A/R"), "Accountable and responsible");
        assert_eq!(describe_cell("R/S/I"), "Responsible, supporting and informed");
        assert_eq!(describe_cell("N/A"), "Not applicable");
        assert!(has("A/R", Accountable) && !has("N/A", Accountable) && !has("R", Accountable));
    }

    #[test]
    fn every_guide_cell_is_readable_and_every_task_appears_once() {
        let tasks: Vec<Task> = GUIDE.iter().flat_map(|s| s.tasks.iter().map(|(t, _)| *t)).collect();
        assert_eq!(tasks, Task::ALL.to_vec(), "every task once, in the guide's order");
        for (task, cells) in GUIDE.iter().flat_map(|s| s.tasks) {
            for cell in cells {
                assert!(parse_letters(cell).is_ok(), "{task:?}: {cell}");
            }
        }
    }
}
