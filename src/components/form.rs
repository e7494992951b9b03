//! NHS form patterns shared by every form: the error summary, and inputs that
//! show their own error message.

use bars_domain::validation::{message_for, FieldError};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::browser::{document, focus_later};

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
        <Show when=move || errors.with(|e| !e.is_empty())>
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
                                    }>{e.message}</a></li>
                                }
                            }).collect_view()}
                        </ul>
                    </div>
                </div>
            </div>
        </Show>
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
                    {message}
                </span>
            }
        })
    }
}

/// A labelled text input bound to `value`.
#[component]
pub fn TextInput(
    form: &'static str,
    field: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = "nhsuk-u-width-two-thirds")] width: &'static str,
) -> impl IntoView {
    let id = field_id(form, field);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error.get().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="nhsuk-form-group" class:nhsuk-form-group--error=move || error.get().is_some()>
            <label class="nhsuk-label" for=id.clone()>{label}</label>
            {hint.map(|h| view! { <div class="nhsuk-hint" id=hint_id.clone()>{h}</div> })}
            <ErrorMessage id=error_id error=error/>
            <input
                class=format!("nhsuk-input {width}")
                class:nhsuk-input--error=move || error.get().is_some()
                id=id.clone()
                name=field
                type="text"
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </div>
    }
}
