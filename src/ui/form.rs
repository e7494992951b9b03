//! NHS form patterns shared by every form: the error summary, and inputs that
//! show their own error message.

use bars_domain::validation::{message_for, FieldError};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::state::browser::{document, focus_later};
use crate::ui::text::quoting;

/// The element id of a form field, so error links and labels agree.
pub fn field_id(form: &str, field: &str) -> String {
    format!("{form}-{}", field.replace('_', "-"))
}

/// The error message for one field, as a signal.
pub fn error_for(errors: RwSignal<Vec<FieldError>>, field: &'static str) -> Signal<Option<String>> {
    Signal::derive(move || errors.with(|e| message_for(e, field).map(str::to_owned)))
}

/// Shows `errors` in an error summary and moves focus to it.
pub fn show_errors(errors: RwSignal<Vec<FieldError>>, found: Vec<FieldError>) {
    errors.set(found);
    focus_later("error-summary");
}

/// "There is a problem": one link per error, each moving focus to its field.
#[component]
pub fn ErrorSummary(errors: RwSignal<Vec<FieldError>>, form: &'static str) -> impl IntoView {
    view! {
        <crate::ui::when::When when=std::sync::Arc::new(move || errors.with(|e| !e.is_empty()))>
            <div class="nhsuk-error-summary" id="error-summary" tabindex="-1" aria-labelledby="error-summary-title">
                <div role="alert">
                    <h2 class="nhsuk-error-summary__heading" id="error-summary-title">"There is a problem"</h2>
                    <div class="nhsuk-error-summary__body">
                        <ul class="nhsuk-list nhsuk-error-summary__list">
                            {move || errors.get().into_iter().map(|e| {
                                let target = field_id(form, &e.field);
                                let href = format!("#{target}");
                                view! {
                                    <li><a href=href on:click=move |ev| {
                                        // Focus the field itself rather than only scrolling to it.
                                        if let Some(el) = document().get_element_by_id(&target).and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()) {
                                            ev.prevent_default();
                                            el.scroll_into_view();
                                            let _ = el.focus();
                                        }
                                    }>{quoting(e.message)}</a></li>
                                }.into_any()
                            }).collect_view()}
                        </ul>
                    </div>
                </div>
            </div>
        </crate::ui::when::When>
    }
}

/// The "Error:" message shown above an invalid field.
#[component]
pub fn ErrorMessage(id: String, error: Signal<Option<String>>) -> impl IntoView {
    move || {
        error.get().map(|message| {
            view! {
                <span class="nhsuk-error-message" id=id.clone()>
                    <span class="nhsuk-u-visually-hidden">"Error: "</span>
                    {quoting(message)}
                </span>
            }.into_any()
        })
    }
}

/// The ids an input is described by: its hint and, when shown, its error.
pub(crate) fn described_by(id: &str, hint: bool, error: Signal<Option<String>>) -> impl Fn() -> Option<String> + Send + Sync + 'static {
    let (hint_id, error_id) = (format!("{id}-hint"), format!("{id}-error"));
    move || {
        let mut ids = Vec::new();
        if hint {
            ids.push(hint_id.clone());
        }
        if error.get().is_some() {
            ids.push(error_id.clone());
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// Whether a field is showing an error, as one signal for its classes.
pub fn invalid(error: Signal<Option<String>>) -> Signal<bool> {
    Signal::derive(move || error.with(Option::is_some))
}

/// The NHS form group around one control: its label, hint and error message.
#[component]
fn Field(id: String, label: &'static str, hint: Option<&'static str>, error: Signal<Option<String>>, children: Children) -> impl IntoView {
    view! {
        <div class="nhsuk-form-group" class:nhsuk-form-group--error=invalid(error)>
            <label class="nhsuk-label" for=id.clone()>{label}</label>
            {hint.map(|h| view! { <div class="nhsuk-hint" id=format!("{id}-hint")>{h}</div> }.into_any())}
            <ErrorMessage id=format!("{id}-error") error=error/>
            {children()}
        </div>
    }
}

/// A labelled text input bound to `value`. `input_type` may be
/// "email" or "text". Dates people type use `DateInput` instead.
#[component]
pub fn TextInput(
    form: &'static str,
    field: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = "nhsuk-u-width-two-thirds")] width: &'static str,
    #[prop(default = "text")] input_type: &'static str,
) -> impl IntoView {
    let id = field_id(form, field);
    let invalid = invalid(error);
    view! {
        <Field id=id.clone() label=label hint=hint error=error>
            <input
                class=format!("nhsuk-input {width}")
                class:nhsuk-input--error=invalid
                id=id.clone()
                name=field
                type=input_type
                aria-describedby=described_by(&id, hint.is_some(), error)
                prop:value=value
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </Field>
    }
}

/// A labelled multi-line text box.
#[component]
pub fn TextArea(
    form: &'static str,
    field: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = 3)] rows: u32,
) -> impl IntoView {
    let id = field_id(form, field);
    let invalid = invalid(error);
    view! {
        <Field id=id.clone() label=label hint=hint error=error>
            <textarea
                class="nhsuk-textarea"
                class:nhsuk-textarea--error=invalid
                id=id.clone()
                name=field
                rows=rows
                aria-describedby=described_by(&id, hint.is_some(), error)
                prop:value=value
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
        </Field>
    }
}

/// One choice of a radio group or select: (value, label, optional hint).
pub type Choice = (String, String, Option<String>);

/// Radios in a fieldset. The first radio carries the field's id, so the error
/// summary can move focus to the group. The optional `children` are revealed
/// under the last radio while it is chosen (e.g. "Another use case: describe
/// it"), after an "or" divider.
#[component]
pub fn Radios(
    form: &'static str,
    field: &'static str,
    legend: &'static str,
    choices: Vec<Choice>,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] inline: bool,
    #[prop(default = "nhsuk-fieldset__legend nhsuk-fieldset__legend--s")] legend_class: &'static str,
    #[prop(optional)] children: Option<ChildrenFn>,
    /// Without the "or" divider before the revealing radio (when it is not an "other" choice).
    #[prop(optional)]
    no_divider: bool,
) -> impl IntoView {
    let id = field_id(form, field);
    let invalid = invalid(error);
    let last = choices.len().saturating_sub(1);
    let conditional_id = format!("{id}-conditional");
    let items = choices
        .into_iter()
        .enumerate()
        .map(|(i, (key, label, choice_hint))| {
            let radio_id = if i == 0 { id.clone() } else { format!("{id}-{}", key.replace('_', "-")) };
            let reveals = i == last && children.is_some();
            let checked = {
                let key = key.clone();
                Signal::derive(move || value.get() == key)
            };
            view! {
                {(reveals && !no_divider).then(|| view! { <div class="nhsuk-radios__divider">"or"</div> }.into_any())}
                <div class="nhsuk-radios__item">
                    <input class="nhsuk-radios__input" id=radio_id.clone() name=format!("{form}-{field}") type="radio" value=key.clone()
                        aria-controls=reveals.then(|| conditional_id.clone())
                        prop:checked=checked on:change=move |_| value.set(key.clone())/>
                    <label class="nhsuk-label nhsuk-radios__label" for=radio_id>{label}</label>
                    {choice_hint.map(|h| view! { <div class="nhsuk-hint nhsuk-radios__hint">{h}</div> }.into_any())}
                </div>
                {reveals.then(|| {
                    let children = children.clone();
                    let hidden = Signal::derive(move || !checked.get());
                    view! {
                        <div class="nhsuk-radios__conditional" id=conditional_id.clone() class:nhsuk-radios__conditional--hidden=hidden>
                            {children.map(|c| c())}
                        </div>
                    }.into_any()
                })}
            }.into_any()
        })
        .collect_view();
    view! {
        <div class="nhsuk-form-group" class:nhsuk-form-group--error=invalid>
            <fieldset class="nhsuk-fieldset" aria-describedby=described_by(&id, hint.is_some(), error)>
                <legend class=legend_class>{legend}</legend>
                {hint.map(|h| view! { <div class="nhsuk-hint" id=format!("{id}-hint")>{h}</div> }.into_any())}
                <ErrorMessage id=format!("{id}-error") error=error/>
                <div class="nhsuk-radios" class:nhsuk-radios--inline=inline>{items}</div>
            </fieldset>
        </div>
    }
}

/// A labelled select, with a first "Select …" option meaning nothing chosen.
#[component]
pub fn Select(
    form: &'static str,
    field: &'static str,
    label: &'static str,
    choices: Signal<Vec<Choice>>,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
    /// Without it the first choice is chosen from the start.
    #[prop(default = true)]
    placeholder: bool,
) -> impl IntoView {
    let id = field_id(form, field);
    let invalid = invalid(error);
    view! {
        <Field id=id.clone() label=label hint=None error=error>
            <select class="nhsuk-select" class:nhsuk-select--error=invalid id=id.clone() name=field
                aria-describedby=described_by(&id, false, error)
                on:change=move |ev| value.set(event_target_value(&ev))>
                {placeholder.then(|| view! { <option value="" selected=move || value.get().is_empty()>"Select an option"</option> }.into_any())}
                {move || choices.get().into_iter().map(|(key, text, _)| {
                    let selected = { let key = key.clone(); move || value.get() == key };
                    view! { <option value=key selected=selected>{text}</option> }.into_any()
                }).collect_view()}
            </select>
        </Field>
    }
}

/// A single checkbox.
#[component]
pub fn Checkbox(form: &'static str, field: &'static str, label: &'static str, checked: RwSignal<bool>) -> impl IntoView {
    let id = field_id(form, field);
    view! {
        <div class="nhsuk-form-group">
            <div class="nhsuk-checkboxes">
                <div class="nhsuk-checkboxes__item">
                    <input class="nhsuk-checkboxes__input" id=id.clone() name=field type="checkbox"
                        prop:checked=move || checked.get() on:change=move |ev| checked.set(event_target_checked(&ev))/>
                    <label class="nhsuk-label nhsuk-checkboxes__label" for=id>{label}</label>
                </div>
            </div>
        </div>
    }
}

/// Checkboxes in a fieldset, bound to the list of chosen keys. The first box
/// carries the field's id, so the error summary can move focus to the group.
#[component]
pub fn Checkboxes(
    form: &'static str,
    field: &'static str,
    legend: &'static str,
    choices: Vec<Choice>,
    value: RwSignal<Vec<String>>,
    error: Signal<Option<String>>,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let id = field_id(form, field);
    let items = choices
        .into_iter()
        .enumerate()
        .map(|(i, (key, label, _))| {
            let box_id = if i == 0 { id.clone() } else { format!("{id}-{}", key.replace('_', "-")) };
            let checked = {
                let key = key.clone();
                move || value.with(|v| v.contains(&key))
            };
            view! {
                <div class="nhsuk-checkboxes__item">
                    <input class="nhsuk-checkboxes__input" id=box_id.clone() name=format!("{form}-{field}") type="checkbox" value=key.clone()
                        prop:checked=checked
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            value.update(|v| {
                                v.retain(|k| *k != key);
                                if on {
                                    v.push(key.clone());
                                }
                            });
                        }/>
                    <label class="nhsuk-label nhsuk-checkboxes__label" for=box_id>{label}</label>
                </div>
            }.into_any()
        })
        .collect_view();
    view! {
        <div class="nhsuk-form-group" class:nhsuk-form-group--error=invalid(error)>
            <fieldset class="nhsuk-fieldset" aria-describedby=described_by(&id, hint.is_some(), error)>
                <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{legend}</legend>
                {hint.map(|h| view! { <div class="nhsuk-hint" id=format!("{id}-hint")>{h}</div> }.into_any())}
                <ErrorMessage id=format!("{id}-error") error=error/>
                <div class="nhsuk-checkboxes">{items}</div>
            </fieldset>
        </div>
    }
}

/// The choices for a set of keyed options, e.g. an enum's `ALL`.
pub fn choices<T: Copy>(all: &[T], key: fn(T) -> &'static str, label: fn(T) -> &'static str) -> Vec<Choice> {
    all.iter().map(|t| (key(*t).to_owned(), label(*t).to_owned(), None)).collect()
}

/// The eight published Applications, each with its use cases, then another use case.
pub fn application_choices() -> Vec<Choice> {
    let mut list: Vec<Choice> = bars_domain::APPLICATIONS
        .iter()
        .map(|app| (app.number.to_string(), format!("BaRS Application {}", app.number), Some(app.use_cases.to_owned())))
        .collect();
    list.push(("other".to_owned(), "Another use case".to_owned(), None));
    list
}

/// The risk levels, each with the acceptance criteria it sets.
pub fn risk_choices() -> Vec<Choice> {
    bars_domain::ServiceRiskLevel::ALL
        .iter()
        .map(|level| {
            let c = level.criteria();
            let hint = format!("At least {} referrals and {} days of live running", c.min_referrals, c.min_verification_days);
            (level.key().to_owned(), level.label().to_owned(), Some(hint))
        })
        .collect()
}
