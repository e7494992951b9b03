//! Spreadsheet rows into volumetrics (`csv_in`): what Excel and Google Sheets
//! put on the clipboard (tab-separated), CSV files (comma-separated, quoted,
//! with a byte-order mark), headers in any order, UK dates, and one message
//! per problem naming its line and column.

use bars_domain::csv_in::parse_volumetrics;
use bars_domain::deployment::{Deployment, DeploymentFields};
use bars_domain::presets::ApplicationChoice;
use bars_domain::records::{DayCounts, Provider, ProviderRole};
use bars_domain::risk::ServiceRiskLevel;
use chrono::{DateTime, NaiveDate, Utc};

fn deployment() -> Deployment {
    let now = DateTime::<Utc>::from_timestamp(0, 0).unwrap();
    let fields = DeploymentFields { name: "T".into(), application: ApplicationChoice::Preset { number: 4 }, risk_level: ServiceRiskLevel::Medium };
    let mut dep = Deployment::new("d".into(), fields, now);
    for (id, name, code) in [("p1", "Leeds Teaching Hospitals", "RR8"), ("p2", "Yorkshire Ambulance Service, NHS Trust", "RX8"), ("p3", "=Odd name", "RZ9")] {
        dep.providers.push(Provider { id: id.into(), updated_at: now, name: name.into(), ods_code: code.into(), role: ProviderRole::Both, supplier: "S".into(), go_live: None });
    }
    dep
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn row(provider: &str, date: NaiveDate, referrals: u32, responses: u32) -> DayCounts {
    DayCounts { provider_id: provider.into(), date, referrals, responses }
}

fn messages(text: &str) -> Vec<String> {
    parse_volumetrics(&deployment(), text).unwrap_err().into_iter().map(|e| e.message).collect()
}

#[test]
fn rows_copied_from_a_spreadsheet_are_tab_separated() {
    let text = "Date\tProvider\tReferrals sent\tResponses received\r\n02/03/2026\tRR8\t12\t10\r\n03/03/2026\tLeeds Teaching Hospitals\t1,204\t1,100\r\n";
    let rows = parse_volumetrics(&deployment(), text).unwrap();
    assert_eq!(rows, [row("p1", day(2026, 3, 2), 12, 10), row("p1", day(2026, 3, 3), 1204, 1100)]);
}

#[test]
fn comma_separated_rows_without_a_header_keep_the_old_order() {
    let rows = parse_volumetrics(&deployment(), "2026-03-02,RR8,4,3\n\n2026-03-02, yorkshire ambulance service, nhs trust ,2,2\n");
    // An unquoted name with a comma splits into five values: refused, with the reason.
    assert_eq!(rows.unwrap_err()[0].message, "Line 3: expected 4 values (date, provider, referrals, responses) but found 5");
    let rows = parse_volumetrics(&deployment(), "2026-03-02,RR8,4,3\n\n2026-03-02,\"Yorkshire Ambulance Service, NHS Trust\",2,2\n").unwrap();
    assert_eq!(rows, [row("p1", day(2026, 3, 2), 4, 3), row("p2", day(2026, 3, 2), 2, 2)]);
}

#[test]
fn quoted_fields_keep_their_commas_quotes_and_line_breaks() {
    let text = "provider,date,referrals,responses,comment\n\"Yorkshire Ambulance Service, NHS Trust\",01/03/2026,\"1,500\",7,\"said \"\"busy\"\"\nall day\"\nRR8,2026-03-01,3,0,\n";
    let rows = parse_volumetrics(&deployment(), text).unwrap();
    assert_eq!(rows, [row("p2", day(2026, 3, 1), 1500, 7), row("p1", day(2026, 3, 1), 3, 0)]);
}

#[test]
fn a_header_may_put_the_columns_in_any_order_and_add_others() {
    let text = "Responses received;Counted;ODS code;Referrals sent;Date\n5;Live;RX8;6;2026-03-04\n";
    assert_eq!(parse_volumetrics(&deployment(), text).unwrap(), [row("p2", day(2026, 3, 4), 6, 5)]);
    // No responses column: none are counted.
    let text = "referrals,date,provider\n9,05/03/2026,RR8\n";
    assert_eq!(parse_volumetrics(&deployment(), text).unwrap(), [row("p1", day(2026, 3, 5), 9, 0)]);
    // A header without a needed column says which.
    assert_eq!(messages("Provider,Responses\nRR8,1\n"), ["Line 1: the header row has no column for date and referrals"]);
}

#[test]
fn uk_dates_are_day_first_and_impossible_ones_are_named() {
    let rows = parse_volumetrics(&deployment(), "1/3/2026\tRR8\t1\t1\n12/03/2026\tRR8\t2\t1\n").unwrap();
    assert_eq!(rows.iter().map(|r| r.date).collect::<Vec<_>>(), [day(2026, 3, 1), day(2026, 3, 12)]);
    assert_eq!(messages("29/02/2026,RR8,1,1\n"), ["Line 1, date: \u{201c}29/02/2026\u{201d} is not a real date: February 2026 has 28 days"]);
}

#[test]
fn every_problem_is_named_by_line_and_column() {
    let text = "date,provider,referrals,responses\n\
                2026-03-02,RR8,4,3\n\
                2026-02-30,RR8,1,1\n\
                2026-03-03,XXX,1,1\n\
                2026-03-04,RR8,-1,0\n\
                2026-03-05,RR8,1,2\n\
                2026-03-02,RR8,9,9\n\
                2026-03-06,RR8,many,0\n\
                ,RR8,1,1\n";
    assert_eq!(messages(text), [
        "Line 3, date: \u{201c}2026-02-30\u{201d} is not a real date: February 2026 has 28 days",
        "Line 4, provider: no provider in this deployment has the code or name \u{201c}XXX\u{201d}",
        "Line 5, referrals: cannot be negative (\u{201c}-1\u{201d})",
        "Line 6, responses: 2 responses cannot be more than the 1 referrals",
        "Line 7: Leeds Teaching Hospitals on 2026-03-02 is already on line 2",
        "Line 8, referrals: must be a whole number, not \u{201c}many\u{201d}",
        "Line 9, date: the date is missing",
    ]);
}

#[test]
fn a_broken_quote_or_an_empty_paste_is_refused_plainly() {
    assert_eq!(messages(""), ["Paste at least one row: date, provider, referrals, responses"]);
    assert_eq!(messages("date,provider,referrals,responses\n"), ["Paste at least one row: date, provider, referrals, responses"]);
    let e = messages("2026-03-01,RR8,1,1\n2026-03-02,\"RR8,1,1\n");
    // The csv crate reads an unclosed quote to the end of the text as one field.
    assert_eq!(e, ["Line 2: expected 4 values (date, provider, referrals, responses) but found 2"]);
}

/// What the volumetrics CSV export writes (the logs helper's `csv_out`):
/// UTF-8 with a byte-order mark, a header row, ISO dates, CRLF, quoted
/// where needed. Written here with the csv crate's writer in that shape.
#[test]
fn the_volumetrics_export_reads_back_in() {
    let rows = vec![row("p1", day(2026, 3, 1), 12, 10), row("p2", day(2026, 3, 1), 1500, 1499), row("p2", day(2026, 3, 2), 0, 0), row("p3", day(2026, 3, 2), 1, 1)];
    let dep = deployment();
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(vec![0xEF, 0xBB, 0xBF]);
    w.write_record(["Date", "Provider", "ODS code", "Referrals sent", "Responses received", "Live running"]).unwrap();
    for r in &rows {
        let p = dep.provider(&r.provider_id).unwrap();
        let date = r.date.to_string();
        // A leading "=" is guarded with an apostrophe, as the export does.
        let name = if p.name.starts_with('=') { format!("'{}", p.name) } else { p.name.clone() };
        w.write_record([date.as_str(), name.as_str(), p.ods_code.as_str(), &r.referrals.to_string(), &r.responses.to_string(), "Yes"]).unwrap();
    }
    let bytes = w.into_inner().unwrap();
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.contains("\"Yorkshire Ambulance Service, NHS Trust\""), "the name with a comma is quoted");
    assert_eq!(parse_volumetrics(&dep, &text).unwrap(), rows);
    // Without the code column the guarded name still finds its provider.
    let by_name = "Provider,Date,Referrals sent\r\n'=Odd name,2026-03-02,1\r\n";
    assert_eq!(parse_volumetrics(&dep, by_name).unwrap(), [row("p3", day(2026, 3, 2), 1, 0)]);
}
