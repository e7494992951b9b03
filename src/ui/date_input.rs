//! The NHS date input: day, month and year in three boxes, read as one
//! `YYYY-MM-DD` string so the domain's one date parser judges it.

use leptos::prelude::*;

use crate::ui::form::{described_by, field_id, invalid, ErrorMessage};

/// The three boxes as the one date string a Draft holds: `YYYY-MM-DD`, day and
/// month zero-padded, or `""` when all three are empty. Anything partial or
/// not a number is passed on as typed (e.g. `2026--03`) for the parser to refuse.
pub fn compose_date(day: &str, month: &str, year: &str) -> String {
    let (day, month, year) = (day.trim(), month.trim(), year.trim());
    if day.is_empty() && month.is_empty() && year.is_empty() {
        return String::new();
    }
    let pad = |s: &str| if s.len() == 1 && s.as_bytes()[0].is_ascii_digit() { format!("0{s}") } else { s.to_owned() };
    format!("{year}-{}-{}", pad(month), pad(day))
}

/// A date string split back into the boxes (day, month, year), leading zeros
/// dropped as people write them; text that is not `Y-M-D` goes in the year box.
pub fn split_date(value: &str) -> (String, String, String) {
    let mut parts = value.splitn(3, '-');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(y), Some(m), Some(d)) => {
            let unpad = |s: &str| if s.len() == 2 && s.starts_with('0') { s[1..].to_owned() } else { s.to_owned() };
            (unpad(d), unpad(m), y.to_owned())
        }
        _ => (String::new(), String::new(), value.to_owned()),
    }
}

/// Day, month and year boxes in a fieldset, bound to `value` (`YYYY-MM-DD`).
/// The day box carries the field's id, so the error summary moves focus to it.
#[component]
pub fn DateInput(
    form: &'static str,
    field: &'static str,
    legend: &'static str,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let id = field_id(form, field);
    let invalid = invalid(error);
    let (d, m, y) = split_date(&value.get_untracked());
    let boxes = [RwSignal::new(d), RwSignal::new(m), RwSignal::new(y)];
    // A value set from outside (a reset, a stored record) shows in the boxes.
    Effect::new(move |_| {
        let current = value.get();
        let shown = boxes.map(|b| b.get_untracked());
        if compose_date(&shown[0], &shown[1], &shown[2]) != current {
            let (d, m, y) = split_date(&current);
            for (b, v) in boxes.iter().zip([d, m, y]) {
                b.set(v);
            }
        }
    });
    let items = [("Day", "day", "2"), ("Month", "month", "2"), ("Year", "year", "4")]
        .into_iter()
        .enumerate()
        .map(|(i, (label, part, width))| {
            let input_id = if i == 0 { id.clone() } else { format!("{id}-{part}") };
            let name = format!("{id}-{part}");
            let own = boxes[i];
            view! {
                <div class="nhsuk-date-input__item">
                    <div class="nhsuk-form-group">
                        <label class="nhsuk-label nhsuk-date-input__label" for=input_id.clone()>{label}</label>
                        <input class=format!("nhsuk-input nhsuk-date-input__input nhsuk-input--width-{width}")
                            class:nhsuk-input--error=invalid
                            id=input_id name=name type="text" inputmode="numeric"
                            prop:value=move || own.get()
                            on:input=move |ev| {
                                own.set(event_target_value(&ev));
                                let [d, m, y] = boxes.map(|b| b.get_untracked());
                                value.set(compose_date(&d, &m, &y));
                            }/>
                    </div>
                </div>
            }.into_any()
        })
        .collect_view();
    let hint_text = match hint {
        Some(h) => format!("For example, 15 3 2026. {h}"),
        None => "For example, 15 3 2026.".to_owned(),
    };
    view! {
        <div class="nhsuk-form-group" class:nhsuk-form-group--error=invalid>
            <fieldset class="nhsuk-fieldset" role="group" aria-describedby=described_by(&id, true, error)>
                <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{legend}</legend>
                <div class="nhsuk-hint" id=format!("{id}-hint")>{hint_text}</div>
                <ErrorMessage id=format!("{id}-error") error=error/>
                <div class="nhsuk-date-input">{items}</div>
            </fieldset>
        </div>
    }
}
