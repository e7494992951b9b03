//! Spreadsheet rows in: text pasted from Excel or Google Sheets (tab-separated)
//! or a CSV file (comma-separated), read with the `csv` crate, so quoted
//! fields, commas and line breaks inside quotes, and a byte-order mark are
//! all handled as a spreadsheet writes them.
//!
//! A first row that names the columns may put them in any order and may hold
//! columns this reader does not use (they are ignored). Without such a row
//! the columns are date, provider, referrals, responses. Dates are ISO
//! (2026-03-01) or UK day first (01/03/2026 or 1/3/2026). Every problem is
//! listed, naming its line and column; if any line has one, nothing is added.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::deployment::Deployment;
use crate::records::{parse_count, DayCounts};
use crate::validation::{Checker, FieldError};

/// The field every problem of a pasted text or file is reported against.
pub const FIELD: &str = "csv";

/// A column of the volumetrics table this reader knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Date,
    /// The provider's name, or its ODS code.
    Provider,
    /// The provider's ODS code only.
    OdsCode,
    Referrals,
    Responses,
}

impl Column {
    /// What a person calls it in a message.
    pub fn label(self) -> &'static str {
        match self {
            Self::Date => "date",
            Self::Provider => "provider",
            Self::OdsCode => "ODS code",
            Self::Referrals => "referrals",
            Self::Responses => "responses",
        }
    }

    /// The column a header cell names, if any: case, spaces and punctuation
    /// do not matter ("Referrals sent", "referrals_sent", "REFERRALS").
    pub fn from_header(cell: &str) -> Option<Self> {
        let words: String = cell.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect();
        Some(match words.as_str() {
            "date" | "day" => Self::Date,
            "provider" | "providername" | "name" | "organisation" | "organization" => Self::Provider,
            "odscode" | "ods" | "code" | "providercode" | "organisationcode" | "orgcode" => Self::OdsCode,
            "referrals" | "referralssent" | "sent" | "referralsmade" => Self::Referrals,
            "responses" | "responsesreceived" | "received" => Self::Responses,
            _ => return None,
        })
    }
}

/// The columns in the order a headerless paste gives them.
pub const HEADERLESS: [Column; 4] = [Column::Date, Column::Provider, Column::Referrals, Column::Responses];

/// Reads a spreadsheet date: 2026-03-01, or 01/03/2026 and 1/3/2026 (day
/// first, as in the UK). Says why a value is not one.
pub fn parse_sheet_date(raw: &str) -> Result<NaiveDate, String> {
    let raw = raw.trim();
    let parts: Vec<&str> = raw.split('/').collect();
    let [day, month, year] = parts[..] else {
        return crate::dates::parse_day(raw).map_err(|why| {
            if why.contains("not a real date") {
                why
            } else {
                format!("{} is not a date: write it like 2026-03-01 or 01/03/2026 (day, month, year)", crate::text::quote(raw))
            }
        });
    };
    let digits = |s: &str, lengths: &[usize]| lengths.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(day, &[1, 2]) && digits(month, &[1, 2]) && digits(year, &[4])) {
        return Err(format!("{} is not a date: write it like 01/03/2026 (day, month, year with 4 numbers)", crate::text::quote(raw)));
    }
    // The form's reader of day, month and year boxes says why a date is not real.
    match crate::dates::parse_form_day(&format!("{year}-{month}-{day}"), &crate::text::quote(raw)) {
        Ok(Some(date)) => Ok(date),
        Ok(None) => Err(format!("{} is not a date", crate::text::quote(raw))),
        Err(why) => Err(why.replacen(" must be a real date", " is not a real date", 1)),
    }
}

/// A count as a spreadsheet may write it: "1,234" (thousands separated) too.
fn sheet_count(raw: &str) -> Result<u32, String> {
    let raw = raw.trim();
    let grouped = raw.contains(',') && {
        let groups: Vec<&str> = raw.split(',').collect();
        groups[0].len() <= 3 && !groups[0].is_empty() && groups[1..].iter().all(|g| g.len() == 3) && raw.bytes().all(|b| b.is_ascii_digit() || b == b',')
    };
    if grouped {
        parse_count(&raw.replace(',', ""))
    } else {
        parse_count(raw)
    }
}

/// A cell without the apostrophe a CSV writer puts before a leading `=`, `+`,
/// `-` or `@` so that a spreadsheet shows it as text, not a formula.
fn unguarded(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => cell,
    }
}

/// The separator of a pasted text: a tab if its first line has one (what
/// spreadsheets put on the clipboard), else a semicolon if that line has
/// one and no comma (a CSV saved in a European locale), else a comma.
fn separator(text: &str) -> u8 {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if first.contains('\t') {
        b'\t'
    } else if first.contains(';') && !first.contains(',') {
        b';'
    } else {
        b','
    }
}

/// Every row of the text, with the line it starts on; blank rows left out.
pub fn rows(text: &str) -> Result<Vec<(u64, Vec<String>)>, FieldError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator(text))
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    let mut record = csv::StringRecord::new();
    // The line a byte offset is on, counting every line (the reader skips
    // blank ones without counting them).
    // A record's position may be that of the blank lines before it.
    let line_at = |byte: u64| {
        let bytes = text.as_bytes();
        let mut at = (byte as usize).min(bytes.len());
        while at < bytes.len() && (bytes[at] == b'\n' || bytes[at] == b'\r') {
            at += 1;
        }
        1 + bytes[..at].iter().filter(|b| **b == b'\n').count() as u64
    };
    loop {
        let before = reader.position().byte();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let cells: Vec<String> = record.iter().map(str::to_owned).collect();
                if cells.iter().any(|c| !c.is_empty()) {
                    out.push((line_at(record.position().map_or(before, |p| p.byte())), cells));
                }
            }
            Err(e) => {
                let at = line_at(e.position().map_or(before, |p| p.byte()));
                return Err(FieldError::new(FIELD, format!("Line {at}: the row cannot be read ({})", what_went_wrong(&e))));
            }
        }
    }
    Ok(out)
}

fn what_went_wrong(e: &csv::Error) -> &'static str {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "it is not UTF-8 text: save the file as \u{201c}CSV UTF-8\u{201d}",
        _ => "check its quotes",
    }
}

/// The columns a header row names, when the first row is one: at least one
/// cell names a known column and no cell is a date.
fn header(cells: &[String]) -> Option<Vec<Option<Column>>> {
    let named: Vec<Option<Column>> = cells.iter().map(|c| Column::from_header(c)).collect();
    let is_header = named.iter().any(Option::is_some) && cells.iter().all(|c| parse_sheet_date(c).is_err());
    is_header.then_some(named)
}

/// The columns of `all`: those its header row names, or `headerless` when
/// its first row is data already; whether there was a header, and the rows after it.
fn columns<'a>(all: &'a [(u64, Vec<String>)], headerless: &[Column]) -> (bool, Vec<Option<Column>>, &'a [(u64, Vec<String>)]) {
    match all.first().and_then(|(_, cells)| header(cells)) {
        Some(named) => (true, named, &all[1..]),
        None => (false, headerless.iter().copied().map(Some).collect(), all),
    }
}

/// A date cell as a sheet gives it, or why it cannot be read.
fn date_cell(raw: &str) -> Result<NaiveDate, String> {
    match raw {
        "" => Err("the date is missing".to_owned()),
        raw => parse_sheet_date(raw),
    }
}

/// Reads volumetrics rows: which provider, which day, how many referrals and
/// responses. Any problem rejects the whole text, with one message per problem
/// naming its line and column.
pub fn parse_volumetrics(deployment: &Deployment, text: &str) -> Result<Vec<DayCounts>, Vec<FieldError>> {
    let all = rows(text).map_err(|e| vec![e])?;
    let mut c = Checker::new();
    let mut rows_out: Vec<DayCounts> = Vec::new();
    let mut seen: HashMap<(String, NaiveDate), u64> = HashMap::new();
    let (headed, columns, body) = columns(&all, &HEADERLESS);
    let at = |col: Column| columns.iter().position(|c| *c == Some(col));
    let (date_at, provider_at, ods_at, referrals_at, responses_at) =
        (at(Column::Date), at(Column::Provider), at(Column::OdsCode), at(Column::Referrals), at(Column::Responses));
    let mut missing: Vec<&str> = Vec::new();
    if date_at.is_none() {
        missing.push("date");
    }
    if provider_at.is_none() && ods_at.is_none() {
        missing.push("provider (or ODS code)");
    }
    if referrals_at.is_none() {
        missing.push("referrals");
    }
    if !missing.is_empty() {
        c.fail(FIELD, format!("Line 1: the header row has no column for {}", crate::text::and_list(&missing)));
        return c.finish(|| Vec::new());
    }
    // Without a header, a responses column is required as before; with one, a
    // sheet without responses counts none.
    for (line, cells) in body {
        let n = *line;
        if !headed && cells.len() != HEADERLESS.len() {
            c.fail(FIELD, format!("Line {n}: expected 4 values (date, provider, referrals, responses) but found {}", cells.len()));
            continue;
        }
        let cell = |i: Option<usize>| i.and_then(|i| cells.get(i)).map(|c| unguarded(c)).unwrap_or("");
        let mut fail = |col: Column, message: String| c.fail(FIELD, format!("Line {n}, {}: {message}", col.label()));
        let date = date_cell(cell(date_at)).map_err(|m| fail(Column::Date, m)).ok();
        let ods = cell(ods_at);
        let name = cell(provider_at);
        let provider = if !ods.is_empty() {
            let found = deployment.providers.iter().find(|p| p.ods_code.eq_ignore_ascii_case(ods));
            if found.is_none() {
                fail(Column::OdsCode, format!("no provider in this deployment has the code {}", crate::text::quote(ods)));
            }
            found
        } else if !name.is_empty() {
            let found = deployment.providers.iter().find(|p| p.ods_code.eq_ignore_ascii_case(name) || p.name.trim().eq_ignore_ascii_case(name));
            if found.is_none() {
                fail(Column::Provider, format!("no provider in this deployment has the code or name {}", crate::text::quote(name)));
            }
            found
        } else {
            fail(if provider_at.is_some() { Column::Provider } else { Column::OdsCode }, "the provider is missing".to_owned());
            None
        };
        let referrals = sheet_count(cell(referrals_at)).map_err(|e| fail(Column::Referrals, e)).ok();
        let responses = sheet_count(cell(responses_at)).map_err(|e| fail(Column::Responses, e)).ok();
        if let (Some(r), Some(s)) = (referrals, responses) {
            if s > r {
                fail(Column::Responses, format!("{s} responses cannot be more than the {r} referrals"));
                continue;
            }
        }
        if let (Some(date), Some(p), Some(r), Some(s)) = (date, provider, referrals, responses) {
            if let Some(first) = seen.get(&(p.id.clone(), date)) {
                c.fail(FIELD, format!("Line {n}: {} on {} is already on line {first}", p.name, crate::dates::iso_date(date)));
                continue;
            }
            seen.insert((p.id.clone(), date), n);
            rows_out.push(DayCounts { provider_id: p.id.clone(), date, referrals: r, responses: s });
        }
    }
    if c.is_empty() && rows_out.is_empty() {
        c.fail(FIELD, "Paste at least one row: date, provider, referrals, responses");
    }
    c.finish(|| rows_out)
}

/// Reads one provider's daily referral counts: a date and a count on each
/// line (a header row may name the date and referrals columns among others).
/// Gives each day with the line it is on, or every problem, each naming its line.
pub fn parse_daily_referrals(text: &str) -> Result<Vec<(u64, NaiveDate, u32)>, Vec<String>> {
    let all = rows(text).map_err(|e| vec![e.message])?;
    let mut problems = Vec::new();
    let (headed, columns, body) = columns(&all, &[Column::Date, Column::Referrals]);
    let at = |col: Column| columns.iter().position(|c| *c == Some(col));
    let (Some(date_at), Some(referrals_at)) = (at(Column::Date), at(Column::Referrals)) else {
        return Err(vec!["Line 1: the header row needs a date column and a referrals column".to_owned()]);
    };
    let mut out: Vec<(u64, NaiveDate, u32)> = Vec::new();
    for (n, cells) in body {
        if !headed && cells.len() != 2 {
            problems.push(format!("Line {n}: expected 2 values (date, referrals) but found {}", cells.len()));
            continue;
        }
        let cell = |i: usize| cells.get(i).map(|c| unguarded(c)).unwrap_or("");
        let date = date_cell(cell(date_at)).map_err(|m| problems.push(format!("Line {n}, date: {m}"))).ok();
        let referrals = sheet_count(cell(referrals_at)).map_err(|m| problems.push(format!("Line {n}, referrals: {m}"))).ok();
        if let (Some(date), Some(referrals)) = (date, referrals) {
            match out.iter().find(|(_, d, _)| *d == date) {
                Some((first, _, _)) => problems.push(format!("Line {n}: {} is already on line {first}", crate::dates::iso_date(date))),
                None => out.push((*n, date, referrals)),
            }
        }
    }
    if problems.is_empty() && out.is_empty() {
        problems.push("Paste at least one line: a date and the referrals on that day".to_owned());
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uk_and_iso_dates_are_read_and_bad_ones_explained() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        assert_eq!(parse_sheet_date("2026-03-01"), Ok(d));
        assert_eq!(parse_sheet_date("01/03/2026"), Ok(d));
        assert_eq!(parse_sheet_date("1/3/2026"), Ok(d));
        assert_eq!(parse_sheet_date("30/02/2026").unwrap_err(), "\u{201c}30/02/2026\u{201d} is not a real date: February 2026 has 28 days");
        assert!(parse_sheet_date("01/13/2026").unwrap_err().contains("there is no month 13"));
        assert!(parse_sheet_date("1/3/26").unwrap_err().contains("year with 4 numbers"));
        assert!(parse_sheet_date("March 1").unwrap_err().contains("like 2026-03-01 or 01/03/2026"));
    }

    #[test]
    fn headers_name_columns_whatever_their_case_and_punctuation() {
        assert_eq!(Column::from_header("Referrals sent"), Some(Column::Referrals));
        assert_eq!(Column::from_header("RESPONSES_RECEIVED"), Some(Column::Responses));
        assert_eq!(Column::from_header("ODS code"), Some(Column::OdsCode));
        assert_eq!(Column::from_header(" Provider "), Some(Column::Provider));
        assert_eq!(Column::from_header("Counted"), None);
    }

    #[test]
    fn counts_may_have_thousands_separators() {
        assert_eq!(sheet_count("1,234"), Ok(1234));
        assert_eq!(sheet_count("12"), Ok(12));
        assert!(sheet_count("1,23").is_err());
        assert!(sheet_count("-3").unwrap_err().contains("negative"));
    }

    #[test]
    fn the_separator_is_taken_from_the_first_line() {
        assert_eq!(separator("a\tb,c\n"), b'\t');
        assert_eq!(separator("\n\na;b\n"), b';');
        assert_eq!(separator("a,b;c"), b',');
    }
    #[test]
    fn daily_referrals_are_read_with_or_without_a_header() {
        let d = |s: &str| crate::dates::parse_day(s).unwrap();
        assert_eq!(
            parse_daily_referrals("2026-03-02\t5\n03/03/2026\t1,204\n"),
            Ok(vec![(1, d("2026-03-02"), 5), (2, d("2026-03-03"), 1204)])
        );
        assert_eq!(
            parse_daily_referrals("Provider,Referrals sent,Day\nNorth,4,2026-03-02\n").map(|r| r[0].2),
            Ok(4)
        );
        let problems = parse_daily_referrals("2026-03-02,5\n2026-03-02,6\n31/02/2026,1\n2026-03-04,-1\n2026-03-05\n").unwrap_err();
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert_eq!(problems[0], "Line 2: 2026-03-02 is already on line 1");
        assert!(problems[1].starts_with("Line 3, date: "), "{}", problems[1]);
        assert!(problems[2].starts_with("Line 4, referrals: "), "{}", problems[2]);
        assert_eq!(problems[3], "Line 5: expected 2 values (date, referrals) but found 1");
        assert_eq!(parse_daily_referrals("Provider,Responses\nNorth,3\n").unwrap_err(), ["Line 1: the header row needs a date column and a referrals column"]);
        assert!(parse_daily_referrals(" \n").unwrap_err()[0].starts_with("Paste at least one line"));
    }
}
