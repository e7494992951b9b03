//! Finding what looks like an NHS number in free text, so the app can warn
//! before a snapshot leaves the browser. The tracker holds no patient data;
//! an NHS number typed into a note by mistake must not be e-mailed around.
//!
//! An NHS number is 10 digits whose last is a modulus 11 check digit. It is
//! written either as one run of 10 digits or grouped 3-3-4 ("943 476 5919",
//! "943-476-5919"). A match must stand alone: ten digits inside a longer run
//! ("94347659190") or a decimal ("9434765919.5") are some other number.
//! Other digit groups beside a 3-3-4 group do not stop a match: a warning
//! too many costs a glance; one too few can leak a patient's identity.

use crate::deployment::{details_label, Deployment};
use crate::records::erased::AnyRecord;
use crate::records::{Collection, EachCollection};

/// Whether ten digits pass the NHS number check: weights 10 down to 2 on the
/// first nine, check = 11 − (sum mod 11), where 11 means 0 and 10 means the
/// number can never be issued.
pub fn is_valid_nhs_number(digits: &[u8; 10]) -> bool {
    if digits.iter().any(|d| *d > 9) {
        return false;
    }
    let sum: u32 = digits[..9].iter().zip((2..=10u32).rev()).map(|(d, w)| u32::from(*d) * w).sum();
    match 11 - (sum % 11) {
        11 => digits[9] == 0,
        10 => false,
        check => u32::from(digits[9]) == check,
    }
}

/// One thing in a text that looks like an NHS number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NhsNumberMatch {
    /// Byte range in the text.
    pub start: usize,
    pub end: usize,
    /// The text as written, e.g. "943 476 5919".
    pub text: String,
}

/// Characters allowed between the groups of "943 476 5919".
fn is_group_separator(ch: char) -> bool {
    matches!(ch, ' ' | '-' | '\u{a0}' | '\u{2010}' | '\u{2011}' | '\u{2013}')
}

/// A run of ASCII digits: its byte range.
#[derive(Clone, Copy)]
struct Group {
    start: usize,
    end: usize,
}

impl Group {
    fn len(&self) -> usize {
        self.end - self.start
    }
}

/// Every NHS-number-like match in `text`, in order. Characters that show
/// nothing (zero-width spaces and the like) are ignored and a run of spaces
/// counts as one, so "943\u{200B}476\u{200B}5919" and "943  476  5919" are
/// found; each match is the text as written.
pub fn find_nhs_numbers(text: &str) -> Vec<NhsNumberMatch> {
    // Invisible characters read either as nothing ("943\u{200B}4765919") or
    // as a gap ("943\u{200B}476 5919"): both readings are searched.
    let mut found = find_reading(text, false);
    for m in find_reading(text, true) {
        if !found.iter().any(|f| f.start == m.start) {
            found.push(m);
        }
    }
    crate::order::sort_by_key(&mut found, |m| m.start);
    found
}

/// Matches in `text` read with invisible characters dropped (or, with
/// `as_gap`, read as a space) and runs of spaces as one.
fn find_reading(text: &str, as_gap: bool) -> Vec<NhsNumberMatch> {
    // The text as it reads, and where each of its bytes came from.
    let mut seen = String::with_capacity(text.len());
    let mut from: Vec<usize> = Vec::with_capacity(text.len());
    for (at, ch) in text.char_indices() {
        let invisible = crate::text::is_invisible(ch);
        if invisible && !as_gap {
            continue;
        }
        if invisible || (ch.is_whitespace() && ch != '\u{a0}') {
            if seen.ends_with(' ') {
                continue;
            }
            seen.push(' ');
            from.push(at);
        } else {
            seen.push(ch);
            from.extend(at..at + ch.len_utf8());
        }
    }
    find_as_written(&seen)
        .into_iter()
        .map(|m| {
            // Matches start and end with an ASCII digit.
            let (start, end) = (from[m.start], from[m.end - 1] + 1);
            NhsNumberMatch { start, end, text: text[start..end].to_owned() }
        })
        .collect()
}

fn find_as_written(text: &str) -> Vec<NhsNumberMatch> {
    let bytes = text.as_bytes();
    let mut groups: Vec<Group> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            groups.push(Group { start, end: i });
        } else {
            i += 1;
        }
    }
    // Two groups are "joined" when one separator character lies between them.
    let joined = |a: Group, b: Group| -> bool {
        let between = &text[a.end..b.start];
        let mut chars = between.chars();
        matches!((chars.next(), chars.next()), (Some(ch), None) if is_group_separator(ch))
    };
    // Part of a decimal or a thousands-separated number: "1.5", "1,000".
    let continues_before = |g: Group| -> bool {
        g.start >= 2 && matches!(bytes[g.start - 1], b'.' | b',') && bytes[g.start - 2].is_ascii_digit()
    };
    let continues_after = |g: Group| -> bool {
        g.end + 1 < bytes.len() && matches!(bytes[g.end], b'.' | b',') && bytes[g.end + 1].is_ascii_digit()
    };

    let mut found = Vec::new();
    let mut push = |first: Group, last: Group| {
        let digits: Vec<u8> = text[first.start..last.end].bytes().filter(u8::is_ascii_digit).map(|b| b - b'0').collect();
        let Ok(digits) = <[u8; 10]>::try_from(digits) else { return };
        if is_valid_nhs_number(&digits) && !continues_before(first) && !continues_after(last) {
            found.push(NhsNumberMatch { start: first.start, end: last.end, text: text[first.start..last.end].to_owned() });
        }
    };
    for (k, g) in groups.iter().enumerate() {
        if g.len() == 10 {
            push(*g, *g);
        }
        if g.len() == 3 && k + 2 < groups.len() {
            let (b, c) = (groups[k + 1], groups[k + 2]);
            if b.len() == 3 && c.len() == 4 && joined(*g, b) && joined(b, c) {
                push(*g, c);
            }
        }
    }
    found
}

/// An NHS-number-like text in a deployment, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub deployment_id: String,
    pub deployment_name: String,
    pub record_id: String,
    /// Where, in words: "Incident on 3 March 2026 — summary".
    pub location: String,
    /// What was found, as written.
    pub matched: String,
}

/// Every free-text field of `deployment` that holds something like an NHS number.
pub fn scan_deployment(d: &Deployment) -> Vec<Finding> {
    struct Scan<'a> {
        d: &'a Deployment,
        found: Vec<Finding>,
    }
    impl Scan<'_> {
        fn field(&mut self, record_id: &str, what: &dyn Fn() -> String, field: &str, text: &str) {
            for m in find_nhs_numbers(text) {
                self.found.push(Finding {
                    deployment_id: self.d.id.clone(),
                    deployment_name: self.d.name.clone(),
                    record_id: record_id.to_owned(),
                    location: format!("{} \u{2014} {field}", what()),
                    matched: m.text,
                });
            }
        }
    }
    impl EachCollection for Scan<'_> {
        fn each<R: Collection>(&mut self) {
            for r in R::list(self.d) {
                self.record(r);
            }
        }
    }
    impl Scan<'_> {
        /// One record's free text (the same code for every record type).
        fn record(&mut self, r: &dyn AnyRecord) {
            let d = self.d;
            for (field, text) in r.free_text() {
                self.field(r.id(), &|| r.label(d), field, text);
            }
        }
    }
    let mut scan = Scan { d, found: Vec::new() };
    let details = || details_label(d);
    scan.field(&d.id, &details, "name", &d.name);
    if let crate::presets::ApplicationChoice::Other { description } = &d.application {
        scan.field(&d.id, &details, "use case description", description);
    }
    Deployment::each_collection(&mut scan);
    scan.found
}

/// Every finding in every deployment, in order.
pub fn scan_deployments(deployments: &[Deployment]) -> Vec<Finding> {
    deployments.iter().flat_map(scan_deployment).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deployment::DeploymentFields;
    use crate::presets::ApplicationChoice;
    use crate::records::{Contact, Incident, Party, Provider, ProviderRole, TestResult, Workflow, Outcome};
    use crate::risk::ServiceRiskLevel;
    use chrono::{DateTime, NaiveDate, Utc};

    fn digits(s: &str) -> [u8; 10] {
        let v: Vec<u8> = s.bytes().map(|b| b - b'0').collect();
        v.try_into().unwrap()
    }

    fn texts(s: &str) -> Vec<String> {
        find_nhs_numbers(s).into_iter().map(|m| m.text).collect()
    }

    #[test]
    fn the_check_digit_is_modulus_11() {
        // 9434765919: 9·10+4·9+3·8+4·7+7·6+6·5+5·4+9·3+1·2 = 299; 299 mod 11 = 2; 11 − 2 = 9.
        assert!(is_valid_nhs_number(&digits("9434765919")));
        assert!(is_valid_nhs_number(&digits("4010232137")));
        assert!(!is_valid_nhs_number(&digits("9434765918")), "wrong check digit");
        assert!(!is_valid_nhs_number(&digits("4010232138")), "wrong check digit");
        // Remainder 0 gives 11, which means a check digit of 0: 0000000000 sums to 0.
        assert!(is_valid_nhs_number(&digits("0000000000")));
        // 1000000001: sum 10, 10 mod 11 = 10, 11 − 10 = 1 → check digit 1.
        assert!(is_valid_nhs_number(&digits("1000000001")));
        // 2000000002: sum 20, 20 mod 11 = 9, check 11 − 9 = 2.
        assert!(is_valid_nhs_number(&digits("2000000002")));
        // 000000001·: sum 2, check 9, so a last digit of 0 fails.
        assert!(!is_valid_nhs_number(&digits("0000000010")));
        // 000000006·: sum 12, 12 mod 11 = 1, check 10: never issued, whatever the last digit.
        for last in 0..=9 {
            let mut d = digits("0000000060");
            d[9] = last;
            assert!(!is_valid_nhs_number(&d), "check 10 is never issued (last digit {last})");
        }
    }

    #[test]
    fn plain_spaced_and_dashed_numbers_are_found() {
        assert_eq!(texts("Patient 9434765919 was referred"), ["9434765919"]);
        assert_eq!(texts("NHS no. 943 476 5919."), ["943 476 5919"]);
        assert_eq!(texts("NHS no: 943-476-5919"), ["943-476-5919"]);
        assert_eq!(texts("(943\u{a0}476\u{a0}5919)"), ["943\u{a0}476\u{a0}5919"]);
        assert_eq!(texts("NHS9434765919"), ["9434765919"], "letters do not make a longer number");
        assert_eq!(texts("9434765919 and 401 023 2137"), ["9434765919", "401 023 2137"]);
    }

    #[test]
    fn invisible_characters_and_runs_of_spaces_do_not_hide_a_number() {
        assert_eq!(texts("ref 943\u{200B}476\u{200B}5919 today"), ["943\u{200B}476\u{200B}5919"]);
        assert_eq!(texts("943  476   5919"), ["943  476   5919"]);
        assert_eq!(texts("94\u{200D}34765919"), ["94\u{200D}34765919"]);
        assert_eq!(texts("943 \u{2060} 476\t5919"), ["943 \u{2060} 476\t5919"]);
        assert_eq!(texts("943\u{a0}476\u{a0}5919"), ["943\u{a0}476\u{a0}5919"], "a no-break space is still one separator");
        let m = &find_nhs_numbers("é 943\u{200B}476 5919")[0];
        assert_eq!((m.start, m.end), (3, 17));
        assert!(texts("943  476  5918").is_empty(), "the check digit still counts");
        assert!(texts("1943\u{200B}4765919").is_empty(), "nor inside a longer number");
    }

    #[test]
    fn a_wrong_check_digit_is_not_a_match() {
        assert!(texts("9434765918").is_empty());
        assert!(texts("943 476 5918").is_empty());
    }

    #[test]
    fn no_match_inside_a_longer_number() {
        assert!(texts("94347659190").is_empty());
        assert!(texts("19434765919").is_empty());
        assert!(texts("ref 1234434765919000").is_empty());
        assert!(texts("943 476 59190").is_empty());
        assert!(texts("9943 476 5919").is_empty());
        assert!(texts("9434765919.5 units").is_empty());
        assert!(texts("1,9434765919").is_empty());
        assert_eq!(texts("943  476  5919"), ["943  476  5919"], "runs of spaces count as one (issue 8)");
        assert!(texts("943 4765919").is_empty(), "3-7 is not a grouping");
        // A sentence's full stop is not a decimal point.
        assert_eq!(texts("It was 9434765919. Then"), ["9434765919"]);
    }

    #[test]
    fn counts_and_dates_are_not_numbers_of_ten_digits() {
        assert!(texts("2026-03-01: 12 referrals, 4 responses; call 0113 243 2799").is_empty());
    }

    #[test]
    fn matches_are_at_their_byte_positions_in_unicode_text() {
        let text = "Résumé — 943 476 5919 ✓";
        let m = &find_nhs_numbers(text)[0];
        assert_eq!(&text[m.start..m.end], "943 476 5919");
    }

    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(secs, 0).unwrap()
    }

    #[test]
    fn a_deployment_scan_names_the_record_and_field() {
        let fields = DeploymentFields { name: "Falls".into(), application: ApplicationChoice::Other { description: "ref 4010232137".into() }, risk_level: ServiceRiskLevel::Low };
        let mut d = Deployment::new("d".into(), fields, at(0));
        d.providers.push(Provider { id: "p".into(), updated_at: at(0), name: "Leeds".into(), ods_code: "RR8".into(), role: ProviderRole::Both, supplier: "Acme".into(), go_live: None });
        d.workflows.push(Workflow { id: "w".into(), updated_at: at(0), provider_id: "p".into(), name: "Referral".into() });
        d.test_results.push(TestResult { id: "r".into(), updated_at: at(0), workflow_id: "w".into(), date: NaiveDate::from_ymd_opt(2026, 2, 1).unwrap(), outcome: Outcome::Fail, note: "test patient 943-476-5919".into(), root_cause: None });
        d.incidents.push(Incident {
            id: "i".into(),
            updated_at: at(0),
            provider_id: "p".into(),
            date: NaiveDate::from_ymd_opt(2026, 3, 3).unwrap(),
            attributed_to_bars: false,
            summary: "Referral for 943 476 5919 was lost".into(),
            reported_to_service_desk: true,
            resolution: "Resent; 12 referrals checked".into(),
        });
        d.contacts.push(Contact { id: "c".into(), updated_at: at(0), party: Party::Supplier, provider_id: None, organisation: "Acme".into(), role: "Lead".into(), name: "Sam".into(), email: "9434765919@nhs.net".into() });
        let f = scan_deployment(&d);
        let found: Vec<(&str, &str)> = f.iter().map(|f| (f.location.as_str(), f.matched.as_str())).collect();
        assert_eq!(
            found,
            [
                ("Details of the deployment \u{201c}Falls\u{201d} \u{2014} use case description", "4010232137"),
                ("Test result of \u{201c}Referral\u{201d} on 1 February 2026 \u{2014} note", "943-476-5919"),
                ("Incident on 3 March 2026 \u{2014} summary", "943 476 5919"),
                ("Contact \u{201c}Sam\u{201d} \u{2014} email", "9434765919"),
            ]
        );
        assert_eq!(f[2].record_id, "i");
        assert_eq!(f[2].deployment_name, "Falls");
        assert_eq!(scan_deployments(&[d.clone(), d]).len(), 8);
    }
}
