//! The calendar as an iCalendar file (RFC 5545) that Outlook, Google Calendar
//! and Apple Calendar import: one event per call that is not cancelled, at UK
//! time (`TZID=Europe/London`, with its daylight-saving rules written in),
//! and all-day events for the projected exit and each supplier's uplift
//! deadline.
//!
//! Written by hand: the `icalendar` crate formats its dates with chrono's
//! `format` (which this app leaves out of the wasm for its size) and makes
//! random ids with `uuid`. The tests read the file back with that crate's
//! parser. Lines end in CRLF and are folded at 75 octets, never inside a
//! UTF-8 character; text is escaped (`\\`, `\;`, `\,`, `\n`).

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Timelike, Utc};

use crate::calls::Entry;
use crate::deployment::Deployment;

/// What the file's events are drawn from.
pub struct CalendarInput<'a> {
    pub deployment: &'a Deployment,
    pub entries: &'a [Entry],
    /// The readiness engine's projected exit, if it can give one.
    pub projected_exit: Option<NaiveDate>,
    /// The time written as each event's DTSTAMP.
    pub now: DateTime<Utc>,
}

/// The suggested file name: "bars-beta-calls-<deployment>.ics".
pub fn file_name(deployment: &Deployment) -> String {
    let slug: String = deployment
        .name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    format!("bars-beta-calls-{}.ics", if slug.is_empty() { "deployment" } else { &slug })
}

/// Escapes TEXT (RFC 5545 section 3.3.11).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded so no line is longer than 75 octets
/// (a continuation starts with a space, which counts), ending in CRLF.
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

fn date_value(d: NaiveDate) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

fn local_value(t: NaiveDateTime) -> String {
    format!("{}T{:02}{:02}{:02}", date_value(t.date()), t.hour(), t.minute(), t.second())
}

fn utc_value(t: DateTime<Utc>) -> String {
    format!("{}Z", local_value(t.naive_utc()))
}

/// Europe/London: GMT in winter, BST from the last Sunday of March to the
/// last Sunday of October.
const LONDON: &[&str] = &[
    "BEGIN:VTIMEZONE",
    "TZID:Europe/London",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0000",
    "TZOFFSETTO:+0100",
    "TZNAME:BST",
    "DTSTART:19700329T010000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0000",
    "TZNAME:GMT",
    "DTSTART:19701025T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
];

/// The description of a call: its notes, then its actions.
fn description(entry: &Entry) -> String {
    let call = &entry.call;
    let mut text = call.notes.clone();
    if !call.actions.is_empty() {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str("Actions:");
        for a in &call.actions {
            text.push_str(&format!("\n- {} ({}", a.action, a.owner));
            if let Some(due) = a.due {
                text.push_str(&format!(", due {}", crate::dates::long_date(due)));
            }
            text.push_str(if a.done { ", done)" } else { ")" });
        }
    }
    text
}

/// The whole file.
pub fn calendar_file(input: &CalendarInput<'_>) -> String {
    let d = input.deployment;
    let stamp = utc_value(input.now);
    let uid = |key: &str| escape(&format!("{}-{key}@bars-beta-tracker", d.id));
    let mut out = String::new();
    for l in ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//NHS England//BaRS Beta Tracker//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"] {
        line(&mut out, l);
    }
    line(&mut out, &format!("X-WR-CALNAME:{}", escape(&format!("BaRS beta calls: {}", d.name))));
    line(&mut out, "X-WR-TIMEZONE:Europe/London");
    for l in LONDON {
        line(&mut out, l);
    }
    for entry in input.entries.iter().filter(|e| !e.call.cancelled) {
        let call = &entry.call;
        let start = call.date.and_hms_opt(u32::from(call.start.hour()), u32::from(call.start.minute()), 0).expect("a clock time is a real time");
        let end = start + chrono::TimeDelta::minutes(i64::from(call.minutes));
        let key = call.slot.as_deref().unwrap_or(&call.id);
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{}", uid(key)));
        line(&mut out, &format!("DTSTAMP:{stamp}"));
        line(&mut out, &format!("DTSTART;TZID=Europe/London:{}", local_value(start)));
        line(&mut out, &format!("DTEND;TZID=Europe/London:{}", local_value(end)));
        line(&mut out, &format!("SUMMARY:{}", escape(&call.title)));
        let text = description(entry);
        if !text.is_empty() {
            line(&mut out, &format!("DESCRIPTION:{}", escape(&text)));
        }
        line(&mut out, &format!("CATEGORIES:{}", escape(call.kind.label())));
        line(&mut out, "END:VEVENT");
    }
    let mut all_day = |key: &str, date: NaiveDate, summary: &str, text: &str| {
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{}", uid(key)));
        line(&mut out, &format!("DTSTAMP:{stamp}"));
        line(&mut out, &format!("DTSTART;VALUE=DATE:{}", date_value(date)));
        line(&mut out, &format!("DTEND;VALUE=DATE:{}", date_value(date.succ_opt().unwrap_or(date))));
        line(&mut out, &format!("SUMMARY:{}", escape(summary)));
        line(&mut out, &format!("DESCRIPTION:{}", escape(text)));
        line(&mut out, "TRANSP:TRANSPARENT");
        line(&mut out, "END:VEVENT");
    };
    if let Some(exit) = input.projected_exit {
        all_day("projected-exit", exit, "Projected end of beta", "The earliest date every provider is projected to meet the acceptance criteria, at the recent rate of referrals. It moves as counts and incidents are recorded.");
    }
    if let (Some(published), Some(deadline)) = (d.stable_published, d.uplift_deadline()) {
        let why = format!("The stable version was published on {}: suppliers uplift to it within 3 months.", crate::dates::long_date(published));
        let mut suppliers: Vec<&str> = d.providers.iter().map(|p| p.supplier.trim()).filter(|s| !s.is_empty()).collect();
        crate::order::sort_by_key(&mut suppliers, |s| s.to_ascii_lowercase());
        suppliers.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
        if suppliers.is_empty() {
            all_day("uplift", deadline, "Stable version uplift deadline", &why);
        }
        for s in suppliers {
            all_day(&format!("uplift-{s}"), deadline, &format!("Stable version uplift deadline: {s}"), &why);
        }
    }
    line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a;b,c\\d\ne\r\nf"), "a\\;b\\,c\\\\d\\ne\\nf");
        assert_eq!(escape("bell\u{7}"), "bell");
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_a_character() {
        let mut out = String::new();
        let text = format!("SUMMARY:{}", "é".repeat(60));
        line(&mut out, &text);
        let lines: Vec<&str> = out.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| l.len() <= 75), "{lines:?}");
        assert!(lines[1..].iter().all(|l| l.starts_with(' ')));
        let unfolded: String = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{text}\r\n"));
    }
}
