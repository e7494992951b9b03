//! Dates and times as people read and write them: the one parser and the one
//! formatter the forms, the files and the pages all use.
//!
//! Month and weekday names are written out here rather than taken from
//! chrono's `format`, whose formatting machinery is large in the wasm.

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};

const MONTHS: [&str; 12] =
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const WEEKDAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

fn month_name(d: NaiveDate) -> &'static str {
    MONTHS[d.month0() as usize]
}

/// "3 March 2026".
pub fn long_date(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), month_name(d), d.year())
}

/// "Mar": a month's first three letters, for a chart's axis.
pub fn short_month(d: NaiveDate) -> &'static str {
    &month_name(d)[..3]
}

/// "3 Mar", for a chart's axis.
pub fn day_short_month(d: NaiveDate) -> String {
    format!("{} {}", d.day(), short_month(d))
}

/// "Tuesday 3 March".
pub fn weekday_date(d: NaiveDate) -> String {
    format!("{} {} {}", WEEKDAYS[d.weekday().num_days_from_monday() as usize], d.day(), month_name(d))
}

/// "3 March 2026 at 09:04:05 UTC". Times are shown in UTC so that two
/// organisations reading the same conflict see the same words.
pub fn long_time(t: DateTime<Utc>) -> String {
    format!("{} at {:02}:{:02}:{:02} UTC", long_date(t.date_naive()), t.hour(), t.minute(), t.second())
}

/// "2026-03-03", as forms and files write a day.
pub fn iso_date(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// Reads "YYYY-MM-DD", saying precisely why a string is not a date.
pub fn parse_day(s: &str) -> Result<NaiveDate, String> {
    let b = s.as_bytes();
    let shaped = b.len() == 10 && b[4] == b'-' && b[7] == b'-' && [0, 1, 2, 3, 5, 6, 8, 9].iter().all(|&i| b[i].is_ascii_digit());
    if !shaped {
        return Err(format!("{} is not a date: write dates as YYYY-MM-DD, like 2026-03-01", crate::text::quote(s)));
    }
    let number = |from: usize, to: usize| b[from..to].iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
    let (y, m, d) = (number(0, 4) as i32, number(5, 7), number(8, 10));
    if !(1..=12).contains(&m) {
        return Err(format!("\u{201c}{s}\u{201d} is not a real date: there is no month {m}"));
    }
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(date) => Ok(date),
        None => {
            let first = NaiveDate::from_ymd_opt(y, m, 1).expect("month checked");
            let days = first.checked_add_months(chrono::Months::new(1)).map(|next| (next - first).num_days()).unwrap_or(31);
            Err(format!("\u{201c}{s}\u{201d} is not a real date: {} {y} has {days} days", month_name(first)))
        }
    }
}

/// A date as typed into a form's date field: empty is `Ok(None)`.
pub fn parse_optional_day(raw: &str) -> Result<Option<NaiveDate>, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        Ok(None)
    } else {
        parse_day(raw).map(Some)
    }
}

/// A date typed into the NHS date input, whose day, month and year boxes
/// reach the domain as `YEAR-MONTH-DAY` exactly as typed (the app pads a
/// one-digit day or month). Empty is `Ok(None)`. Problems are said in the
/// words of the boxes a person sees, naming the date as `what` ("the date of
/// the test"), never as the joined string they did not type.
pub fn parse_form_day(raw: &str, what: &str) -> Result<Option<NaiveDate>, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let parts: Vec<&str> = raw.split('-').map(str::trim).collect();
    let [year, month, day] = parts[..] else {
        return parse_day(raw).map(Some);
    };
    let enter = format!("Enter {what}");
    let what = crate::text::capitalise(what);
    let missing: Vec<&str> = [(day, "a day"), (month, "a month"), (year, "a year")]
        .into_iter()
        .filter(|(part, _)| part.is_empty())
        .map(|(_, name)| name)
        .collect();
    match missing[..] {
        [] => {}
        [one] => return Err(format!("{what} must include {one}")),
        [first, second] => return Err(format!("{what} must include {first} and {}", &second[2..])),
        _ => return Err(enter),
    }
    if ![day, month, year].iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())) {
        return Err(format!("{what} must be a real date"));
    }
    if year.len() != 4 {
        return Err("Year must include 4 numbers".to_owned());
    }
    if day.len() > 2 || month.len() > 2 {
        return Err(format!("{what} must be a real date"));
    }
    let pad = |s: &str| if s.len() == 1 { format!("0{s}") } else { s.to_owned() };
    parse_day(&format!("{year}-{}-{}", pad(month), pad(day))).map(Some).map_err(|why| {
        // "… is not a real date: February 2026 has 28 days" without the joined string.
        match why.split_once(": ") {
            Some((_, reason)) => format!("{what} must be a real date: {reason}"),
            None => format!("{what} must be a real date"),
        }
    })
}

/// Reads an RFC 3339 time ("2026-03-01T09:30:00Z"), saying why not.
pub fn parse_time(s: &str) -> Result<DateTime<Utc>, String> {
    // The form the app writes, read directly: most of a large file's times.
    let b = s.as_bytes();
    if b.len() == 20 && b[10] == b'T' && b[13] == b':' && b[16] == b':' && b[19] == b'Z' {
        let two = |i: usize| (b[i].is_ascii_digit() && b[i + 1].is_ascii_digit()).then(|| u32::from(b[i] - b'0') * 10 + u32::from(b[i + 1] - b'0'));
        if let (Ok(day), Some(h), Some(m), Some(sec)) = (parse_day(&s[..10]), two(11), two(14), two(17)) {
            if let Some(t) = day.and_hms_opt(h, m, sec) {
                return Ok(t.and_utc());
            }
        }
    }
    match DateTime::parse_from_rfc3339(s) {
        Ok(t) => Ok(t.with_timezone(&Utc)),
        Err(_) => {
            // An impossible day inside an otherwise good time is the likelier slip.
            if s.len() >= 10 && s.is_char_boundary(10) {
                if let Err(why) = parse_day(&s[..10]) {
                    if why.contains("not a real date") {
                        return Err(why);
                    }
                }
            }
            Err(format!("{} is not a date and time: write it like 2026-03-01T09:30:00Z", crate::text::quote(s)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn form_dates_are_judged_in_the_words_of_the_three_boxes() {
        let read = |raw: &str| parse_form_day(raw, "the date of the test");
        assert_eq!(read(""), Ok(None));
        assert_eq!(read("2026-03-01"), Ok(Some(day(2026, 3, 1))));
        assert_eq!(read("2026-3-1"), Ok(Some(day(2026, 3, 1))));
        assert_eq!(read("2026--03").unwrap_err(), "The date of the test must include a month");
        assert_eq!(read("2026-03-").unwrap_err(), "The date of the test must include a day");
        assert_eq!(read("-03-01").unwrap_err(), "The date of the test must include a year");
        assert_eq!(read("2026--").unwrap_err(), "The date of the test must include a day and month");
        assert_eq!(read("-03-").unwrap_err(), "The date of the test must include a day and year");
        assert_eq!(read("2026-03-x").unwrap_err(), "The date of the test must be a real date");
        assert_eq!(read("26-03-01").unwrap_err(), "Year must include 4 numbers");
        assert_eq!(read("2026-13-01").unwrap_err(), "The date of the test must be a real date: there is no month 13");
        assert_eq!(read("2026-02-30").unwrap_err(), "The date of the test must be a real date: February 2026 has 28 days");
        assert_eq!(read("2026-02-300").unwrap_err(), "The date of the test must be a real date");
        assert_eq!(read("2026--").unwrap_err(), "The date of the test must include a day and month");
        assert_eq!(read("--").unwrap_err(), "Enter the date of the test");
        assert!(!read("2026--03").unwrap_err().contains("2026--03"), "never quotes a string the person did not type");
    }

    #[test]
    fn dates_and_times_read_as_words() {
        assert_eq!(long_date(day(2026, 3, 3)), "3 March 2026");
        assert_eq!(long_date(day(2026, 12, 31)), "31 December 2026");
        assert_eq!(weekday_date(day(2026, 3, 3)), "Tuesday 3 March");
        assert_eq!(weekday_date(day(2026, 3, 8)), "Sunday 8 March");
        let t = day(2026, 3, 3).and_hms_opt(9, 4, 5).unwrap().and_utc();
        assert_eq!(long_time(t), "3 March 2026 at 09:04:05 UTC");
        assert_eq!(iso_date(day(987, 1, 2)), "0987-01-02");
    }

    #[test]
    fn the_written_month_names_match_chrono() {
        for m in 1..=12 {
            let d = day(2026, m, 1);
            assert_eq!(long_date(d), d.format("%-d %B %Y").to_string());
            assert_eq!(weekday_date(d), d.format("%A %-d %B").to_string());
        }
    }

    #[test]
    fn dates_say_why_they_are_wrong() {
        assert_eq!(parse_day("2026-03-01"), Ok(day(2026, 3, 1)));
        assert_eq!(parse_day("2026-02-30").unwrap_err(), "\u{201c}2026-02-30\u{201d} is not a real date: February 2026 has 28 days");
        assert!(parse_day("2028-02-30").unwrap_err().contains("February 2028 has 29 days"));
        assert!(parse_day("2026-04-31").unwrap_err().contains("April 2026 has 30 days"));
        assert!(parse_day("2026-13-01").unwrap_err().contains("there is no month 13"));
        assert!(parse_day("2026-01-00").unwrap_err().contains("not a real date"));
        assert!(parse_day("1/3/2026").unwrap_err().contains("YYYY-MM-DD"));
        assert!(parse_day("2026-3-1").unwrap_err().contains("YYYY-MM-DD"));
        assert_eq!(parse_optional_day("  "), Ok(None));
        assert_eq!(parse_optional_day(" 2028-02-29 "), Ok(Some(day(2028, 2, 29))));
    }

    #[test]
    fn times_must_be_rfc3339() {
        assert_eq!(parse_time("2026-03-01T09:30:00Z").unwrap().to_rfc3339(), "2026-03-01T09:30:00+00:00");
        assert_eq!(parse_time("2026-03-01T09:30:05.250Z").unwrap().timestamp_subsec_millis(), 250);
        assert!(parse_time("2026-03-01T24:30:00Z").is_err());
        assert!(parse_time("2026-03-01T09:60:00Z").is_err());
        assert_eq!(parse_time("2026-03-01T09:30:00+01:00").unwrap(), parse_time("2026-03-01T08:30:00Z").unwrap());
        assert!(parse_time("2026-02-30T09:30:00Z").unwrap_err().contains("February 2026 has 28 days"));
        assert!(parse_time("yesterday").unwrap_err().contains("2026-03-01T09:30:00Z"));
        assert!(parse_time("2026-03-01").unwrap_err().contains("not a date and time"));
    }
}
