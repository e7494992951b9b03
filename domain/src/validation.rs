//! What a rejected form or file says: which field, and what is wrong with it,
//! and the one [`Checker`] that collects such problems for forms and files.

use chrono::NaiveDate;

use crate::text::capitalise;

/// One problem with user input. `field` names the input (the UI turns it into
/// an element id so the error summary can link to it), or for a file the
/// place in it (`deployments[0].providers[2].name`, empty for the whole file);
/// `message` is written for the user, in the NHS style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self { field: field.into(), message: message.into() }
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.field.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.field, self.message)
        }
    }
}

/// The message for `field` among `errors`, if it has one.
pub fn message_for<'a>(errors: &'a [FieldError], field: &str) -> Option<&'a str> {
    errors.iter().find(|e| e.field == field).map(|e| e.message.as_str())
}

/// Collects problems, listing at most `cap` of them and counting the rest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checker {
    pub errors: Vec<FieldError>,
    /// How many more were found but not listed.
    pub not_listed: usize,
    cap: usize,
}

impl Default for Checker {
    fn default() -> Self {
        Self::new()
    }
}

impl Checker {
    /// For a form: every problem is listed.
    pub fn new() -> Self {
        Self::capped(usize::MAX)
    }

    pub fn capped(cap: usize) -> Self {
        Self { errors: Vec::new(), not_listed: 0, cap }
    }

    pub fn fail(&mut self, field: impl Into<String>, message: impl Into<String>) {
        if self.errors.len() < self.cap {
            self.errors.push(FieldError::new(field, message));
        } else {
            self.not_listed += 1;
        }
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    pub fn total(&self) -> usize {
        self.errors.len() + self.not_listed
    }

    /// `value()` when nothing failed, else every problem.
    pub fn finish<T>(self, value: impl FnOnce() -> T) -> Result<T, Vec<FieldError>> {
        if self.errors.is_empty() {
            Ok(value())
        } else {
            Err(self.errors)
        }
    }

    // ---------------------------------------------------------- form fields

    /// A required, trimmed text of at most `max` characters ("Enter {what}").
    pub fn text(&mut self, field: &str, raw: &str, what: &str, max: usize) -> String {
        let value = raw.trim();
        if crate::text::is_blank(value) {
            self.fail(field, format!("Enter {what}"));
        } else {
            self.at_most(field, value, what, max);
        }
        value.to_owned()
    }

    /// Optional text of at most `max` characters.
    pub fn optional_text(&mut self, field: &str, raw: &str, what: &str, max: usize) -> String {
        let value = raw.trim();
        self.at_most(field, value, what, max);
        value.to_owned()
    }

    fn at_most(&mut self, field: &str, value: &str, what: &str, max: usize) {
        if value.chars().count() > max {
            self.fail(field, format!("{} must be {max} characters or fewer", capitalise(what)));
        }
    }

    /// A choice read from its key (radios, a select): `message` when none is chosen.
    pub fn chosen<T>(&mut self, field: &str, choice: Option<T>, message: &str) -> Option<T> {
        if choice.is_none() {
            self.fail(field, message);
        }
        choice
    }

    /// A date field; `what` names it for "Enter {what}" when it is required.
    pub fn date(&mut self, field: &str, raw: &str, what: &str, required: bool) -> Option<NaiveDate> {
        match crate::dates::parse_form_day(raw, what) {
            Ok(None) if required => {
                self.fail(field, format!("Enter {what}"));
                None
            }
            Ok(date) => date,
            Err(message) => {
                self.fail(field, message);
                None
            }
        }
    }

    /// A date field that cannot be after `today` ("{What} must be today or in the past").
    pub fn past_date(&mut self, field: &str, raw: &str, what: &str, required: bool, today: NaiveDate) -> Option<NaiveDate> {
        let date = self.date(field, raw, what, required);
        if date.is_some_and(|d| d > today) {
            self.fail(field, format!("{} must be today or in the past", capitalise(what)));
            return None;
        }
        date
    }

    /// A daily count typed into a form.
    pub fn count(&mut self, field: &str, raw: &str, what: &str) -> Option<u32> {
        match crate::records::parse_count(raw) {
            Ok(n) => Some(n),
            Err(problem) => {
                self.fail(field, format!("{} {problem}", capitalise(what)));
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_beyond_the_cap_are_counted_not_listed() {
        let mut c = Checker::capped(50);
        for i in 0..57 {
            c.fail(format!("x[{i}]"), "bad");
        }
        assert_eq!(c.errors.len(), 50);
        assert_eq!(c.not_listed, 7);
        assert_eq!(c.total(), 57);
    }

    #[test]
    fn form_dates_use_the_one_parser() {
        let mut c = Checker::new();
        assert_eq!(c.date("d", "2026-02-30", "the date", true), None);
        assert_eq!(c.errors[0].message, "The date must be a real date: February 2026 has 28 days");
        assert_eq!(c.date("e", "", "the date", true), None);
        assert_eq!(message_for(&c.errors, "e"), Some("Enter the date"));
    }
}
