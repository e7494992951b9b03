//! Spreadsheets out: the issue log, the lessons log, the volumetrics and the
//! readiness summary as CSV files that open cleanly in Excel.
//!
//! - UTF-8 with a byte-order mark, so Excel reads "Leeds – wave 1" and "Dr O'Neill"
//!   as written rather than in its local code page;
//! - a header row; lines end in CRLF; a field is quoted when it holds a comma,
//!   a quote or a line break (RFC 4180, exactly as the `csv` crate writes it:
//!   see [`record`]; the host tests read every file back with that crate);
//! - days as ISO dates (2026-03-01), which Excel reads as dates in any locale;
//! - text a person typed that starts with `=`, `+`, `-`, `@` or a tab is
//!   written after an apostrophe, so a spreadsheet shows it as text and never
//!   runs it as a formula (a file from another organisation is not trusted).
//!
//! Each function is pure: the page passes the deployment (and the as-of
//! date) and offers the text for download under [`file_name`].

use chrono::NaiveDate;

use crate::dates::iso_date;
use crate::deployment::Deployment;
use crate::readiness::{assess, Phase, Projection};
use crate::records::{Issue, Lesson, Party};

/// The byte-order mark every file starts with.
pub const BOM: &str = "\u{feff}";

/// The columns of each file, in order.
pub const ISSUE_COLUMNS: [&str; 16] = [
    "Reference",
    "Raised on",
    "Raised by",
    "Raised by (person)",
    "Provider",
    "Found in",
    "Priority",
    "Description",
    "Root cause",
    "Owner",
    "Status",
    "Resolution",
    "Resolved on",
    "Days open",
    "Raised from test result",
    "Raised from incident",
];

pub const LESSON_COLUMNS: [&str; 10] = [
    "Date",
    "Category",
    "What happened",
    "What was learned",
    "Raised by",
    "Raised by (person)",
    "Action",
    "Owner",
    "Status",
    "For the retrospective",
];

/// The names the volumetrics paste (`csv_in`) reads, so an exported file imports again.
pub const VOLUMETRIC_COLUMNS: [&str; 6] = ["Date", "Provider", "ODS code", "Referrals sent", "Responses received", "Live running"];

pub const READINESS_COLUMNS: [&str; 16] = [
    "As of",
    "Provider",
    "Business go-live",
    "UAT workflows passed",
    "UAT workflows in the test plan",
    "UAT met",
    "Referrals counted (pooled)",
    "Referrals needed",
    "Referrals met",
    "Verification days",
    "Verification days needed",
    "Clock restarts",
    "Verification met",
    "Guidance reviewed on",
    "Acceptance criteria met",
    "Earliest exit",
];

/// The row of the readiness summary for the whole deployment.
pub const POOLED_ROW: &str = "All providers (pooled)";

/// Text a person typed, safe to open in a spreadsheet (see the module notes).
pub fn cell_text(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "Yes"
    } else {
        "No"
    }
}

fn day(d: Option<NaiveDate>) -> String {
    d.map(iso_date).unwrap_or_default()
}

/// Writes the header and rows as a CSV file's text: BOM, CRLF, quoted as needed.
fn write(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::with_capacity(64 * (rows.len() + 1));
    out.push_str(BOM);
    record(&mut out, header.iter().copied());
    for row in rows {
        record(&mut out, row.iter().map(String::as_str));
    }
    out
}

/// One line of a CSV file, as RFC 4180 writes it: fields separated by
/// commas; a field in double quotes, its quotes doubled, when it holds a
/// comma, a quote or a line break; CRLF at the end.
///
/// This is byte for byte what the `csv` crate's writer writes (its default
/// `QuoteStyle::Necessary`, CRLF terminator), which a property test in
/// `tests/logs.rs` checks. The crate itself is not in the app: its writer
/// checks every field for a number (for a quoting style we never use), and
/// that brings Rust's float parser and its tables into the wasm, about
/// 16 kB gzip, for what these lines do.
pub fn record<'a>(out: &mut String, fields: impl Iterator<Item = &'a str>) {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        if field.contains([',', '"', '\r', '\n']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push_str("\r\n");
}

fn provider_name(d: &Deployment, id: Option<&str>) -> String {
    id.map(|id| d.provider(id).map(|p| p.name.clone()).unwrap_or_else(|| "(removed provider)".to_owned())).unwrap_or_default()
}

fn person(d: &Deployment, id: Option<&str>) -> String {
    id.map(|id| d.contact_name(id)).unwrap_or_default()
}

fn party(p: Option<Party>) -> &'static str {
    p.map(Party::label).unwrap_or("")
}

/// The issue log, by reference; "Days open" counts to `as_of` for open issues
/// and to the resolved date for the rest.
pub fn issue_log(d: &Deployment, as_of: NaiveDate) -> String {
    let rows: Vec<Vec<String>> = d.issues_in_order().into_iter().map(|i| issue_row(d, i, as_of)).collect();
    write(&ISSUE_COLUMNS, &rows)
}

fn issue_row(d: &Deployment, i: &Issue, as_of: NaiveDate) -> Vec<String> {
    let result = i.test_result_id.as_deref().map(|id| match d.test_results.iter().find(|r| r.id == id) {
        Some(r) => {
            let workflow = d.workflows.iter().find(|w| w.id == r.workflow_id).map(|w| w.name.as_str()).unwrap_or("");
            format!("{workflow}, {}", iso_date(r.date))
        }
        None => "(removed test result)".to_owned(),
    });
    let incident = i.incident_id.as_deref().map(|id| match d.incidents.iter().find(|x| x.id == id) {
        Some(x) => iso_date(x.date),
        None => "(removed incident)".to_owned(),
    });
    vec![
        i.reference.clone(),
        iso_date(i.raised_on),
        i.raised_by.label().to_owned(),
        cell_text(&person(d, i.raised_by_contact_id.as_deref())),
        cell_text(&provider_name(d, i.provider_id.as_deref())),
        i.found_in.label().to_owned(),
        i.priority.label().to_owned(),
        cell_text(&i.description),
        i.root_cause.map_or("Not yet known", |c| c.label()).to_owned(),
        party(i.owner).to_owned(),
        i.status.label().to_owned(),
        cell_text(&i.resolution),
        day(i.resolved_on),
        i.age_in_days(as_of).to_string(),
        cell_text(&result.unwrap_or_default()),
        incident.unwrap_or_default(),
    ]
}

/// The lessons log, oldest first; only those for the retrospective when `retrospective`.
pub fn lessons_log(d: &Deployment, retrospective: bool) -> String {
    let rows: Vec<Vec<String>> = d.lessons_in_order(retrospective).into_iter().map(|l| lesson_row(d, l)).collect();
    write(&LESSON_COLUMNS, &rows)
}

fn lesson_row(d: &Deployment, l: &Lesson) -> Vec<String> {
    vec![
        iso_date(l.date),
        l.category.label().to_owned(),
        cell_text(&l.what_happened),
        cell_text(&l.lesson),
        l.raised_by.label().to_owned(),
        cell_text(&person(d, l.raised_by_contact_id.as_deref())),
        cell_text(&l.action),
        party(l.owner).to_owned(),
        l.status.label().to_owned(),
        yes_no(l.for_retrospective).to_owned(),
    ]
}

/// Every day of counts, oldest first, then in the providers' order.
pub fn volumetrics(d: &Deployment) -> String {
    let mut list: Vec<&crate::records::DailyVolume> = d.volumetrics.iter().collect();
    let place = |id: &str| d.providers.iter().position(|p| p.id == id).unwrap_or(usize::MAX);
    crate::order::sort_by_key(&mut list, |v| (v.date, place(&v.provider_id)));
    let rows: Vec<Vec<String>> = list
        .into_iter()
        .map(|v| {
            let provider = d.provider(&v.provider_id);
            vec![
                iso_date(v.date),
                cell_text(&provider.map(|p| p.name.clone()).unwrap_or_default()),
                cell_text(&provider.map(|p| p.ods_code.clone()).unwrap_or_default()),
                v.referrals.to_string(),
                v.responses.to_string(),
                yes_no(d.is_live(v)).to_owned(),
            ]
        })
        .collect();
    write(&VOLUMETRIC_COLUMNS, &rows)
}

/// The readiness summary on `as_of`: a row per provider, then the pooled row
/// for the whole deployment (the referral count is the deployment's, shared).
pub fn readiness_summary(d: &Deployment, as_of: NaiveDate) -> String {
    let r = assess(d, as_of);
    let exit = |p: &Projection| match p {
        Projection::Reached(day) => format!("Met on {}", iso_date(*day)),
        Projection::Expected(day) => iso_date(*day),
        Projection::Blocked(why) => format!("Not yet known: {why}"),
    };
    let referrals = [r.referrals.counted.to_string(), r.referrals.required.to_string(), yes_no(r.referrals.met).to_owned()];
    let mut rows: Vec<Vec<String>> = r
        .providers
        .iter()
        .map(|p| {
            let go_live = match p.phase {
                Phase::NotLive => None,
                Phase::GoingLive(day) | Phase::Live(day) => Some(day),
            };
            let mut row = vec![
                iso_date(as_of),
                cell_text(&p.name),
                day(go_live),
                p.uat.passed.to_string(),
                p.uat.total.to_string(),
                yes_no(p.uat.met).to_owned(),
            ];
            row.extend(referrals.iter().cloned());
            row.extend([
                p.verification.days.to_string(),
                p.verification.required.to_string(),
                p.verification.restarts.len().to_string(),
                yes_no(p.verification.met).to_owned(),
                day(p.guidance.reviewed_on),
                yes_no(p.met).to_owned(),
                exit(&p.earliest_exit),
            ]);
            row
        })
        .collect();
    let sum = |f: fn(&crate::readiness::ProviderReadiness) -> usize| r.providers.iter().map(f).sum::<usize>().to_string();
    let all = |f: fn(&crate::readiness::ProviderReadiness) -> bool| yes_no(!r.providers.is_empty() && r.providers.iter().all(f)).to_owned();
    let mut pooled = vec![
        iso_date(as_of),
        POOLED_ROW.to_owned(),
        String::new(),
        sum(|p| p.uat.passed),
        sum(|p| p.uat.total),
        all(|p| p.uat.met),
    ];
    pooled.extend(referrals);
    pooled.extend([
        String::new(),
        r.criteria.min_verification_days.to_string(),
        sum(|p| p.verification.restarts.len()),
        all(|p| p.verification.met),
        String::new(),
        yes_no(r.met).to_owned(),
        exit(&r.earliest_exit),
    ]);
    rows.push(pooled);
    write(&READINESS_COLUMNS, &rows)
}

/// "falls-lifting-wave-1-issue-log-2026-03-01.csv": the deployment's name
/// in ASCII letters, digits and dashes, what the file is, and the date.
pub fn file_name(deployment_name: &str, what: &str, on: NaiveDate) -> String {
    let slug = crate::text::slug(deployment_name, 40);
    if slug.is_empty() {
        format!("{what}-{}.csv", iso_date(on))
    } else {
        format!("{slug}-{what}-{}.csv", iso_date(on))
    }
}
