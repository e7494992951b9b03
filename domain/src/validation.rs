//! What a rejected form or file says: which field, and what is wrong with it.

/// One problem with user input. `field` names the input (the UI turns it into
/// an element id so the error summary can link to it); `message` is written
/// for the user, in the NHS style: say what to do, not what went wrong.
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

/// The message for `field` among `errors`, if it has one.
pub fn message_for<'a>(errors: &'a [FieldError], field: &str) -> Option<&'a str> {
    errors.iter().find(|e| e.field == field).map(|e| e.message.as_str())
}
