//! Create a deployment, or change its name, Application and Service Risk Level.

use bars_domain::forms::SettingsDraft;
use bars_domain::validation::FieldError;
use bars_domain::{DeploymentDraft, ServiceRiskLevel, APPLICATIONS};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::state::browser::{new_id, now, set_title};
use crate::ui::date_input::DateInput;
use crate::ui::form::{error_for, field_id, show_errors, ErrorMessage, ErrorSummary, Radios, TextInput};
use crate::state::route::{use_router, Page, Route};
use crate::state::store::use_store;

const FORM: &str = "deployment";

/// `editing` is the id of the deployment to change, or `None` to create one.
#[component]
pub fn DeploymentForm(editing: Option<String>) -> impl IntoView {
    let store = use_store();
    let router = use_router();
    let existing = editing
        .as_deref()
        .and_then(|id| store.state.with_untracked(|s| s.deployment(id).map(DeploymentDraft::from_deployment)));
    if editing.is_some() && existing.is_none() {
        return view! { <crate::ui::not_found::NotFound/> }.into_any();
    }
    let settings = editing.as_deref().and_then(|id| {
        store.state.with_untracked(|s| {
            s.deployment(id).map(|d| SettingsDraft {
                has_responses: if d.has_responses { "yes" } else { "no" }.to_owned(),
                stable_published: d.stable_published.map(|p| p.to_string()).unwrap_or_default(),
            })
        })
    });
    let initial = existing.unwrap_or_default();
    let heading = if editing.is_some() { "Change deployment details" } else { "Create a beta deployment" };
    set_title(heading);

    let name = RwSignal::new(initial.name);
    let application = RwSignal::new(initial.application);
    let other_description = RwSignal::new(initial.other_description);
    let risk_level = RwSignal::new(initial.risk_level);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let has_responses = RwSignal::new(settings.as_ref().map(|s| s.has_responses.clone()).unwrap_or_default());
    let stable_published = RwSignal::new(settings.map(|s| s.stable_published).unwrap_or_default());

    let editing_id = editing.clone();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let draft = DeploymentDraft {
            name: name.get_untracked(),
            application: application.get_untracked(),
            other_description: other_description.get_untracked(),
            risk_level: risk_level.get_untracked(),
        };
        let checked = store.state.with_untracked(|s| match &editing_id {
            Some(id) => draft.validate(s.others(id)),
            None => draft.validate(&s.deployments),
        });
        // Settings exist only when editing: a new deployment takes its Application's defaults.
        let settings = editing_id.as_ref().map(|_| {
            SettingsDraft { has_responses: has_responses.get_untracked(), stable_published: stable_published.get_untracked() }.validate()
        });
        let (fields, settings) = match (checked, settings) {
            (Ok(fields), None) => (fields, None),
            (Ok(fields), Some(Ok(settings))) => (fields, Some(settings)),
            (Ok(_), Some(Err(found))) => return show_errors(errors, found),
            (Err(mut found), settings) => {
                if let Some(Err(more)) = settings {
                    found.extend(more);
                }
                return show_errors(errors, found);
            }
        };
        let id = editing_id.clone().unwrap_or_else(new_id);
        let application_changed = store.state.with_untracked(|s| s.deployment(&id).is_some_and(|d| d.application != fields.application));
        store.change(|s| match &editing_id {
            Some(id) => {
                s.update(id, fields, now());
                if let (Some(d), Some((responses, published))) = (s.deployment_mut(id), settings) {
                    // A new Application brings its own default; otherwise the user's answer stands.
                    if !application_changed {
                        d.has_responses = responses;
                    }
                    d.stable_published = published;
                }
            }
            None => s.create(fields, id.clone(), now()),
        });
        router.go(&Route::Deployment(id, Page::Progress));
    };

    let cancel = editing.clone().map(|id| Route::Deployment(id, Page::Progress)).unwrap_or(Route::Home);
    view! {
        <a class="nhsuk-back-link" href=cancel.href()>"Back"</a>
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-two-thirds">
                <ErrorSummary errors=errors form=FORM/>
                <h1 id="page-heading" tabindex="-1">{heading}</h1>
                <form novalidate on:submit=on_submit>
                    <TextInput
                        form=FORM field="name" label="Deployment name" value=name
                        error=error_for(errors, "name")
                        hint="For example, the use case and the region or wave. Up to 80 characters."
                    />
                    <ApplicationRadios application=application other_description=other_description errors=errors/>
                    <RiskRadios risk_level=risk_level errors=errors/>
                    {editing.is_some().then(|| view! {
                        <Radios form=FORM field="has_responses" legend="When does a referral count towards the minimum?" value=has_responses
                            error=error_for(errors, "has_responses")
                            hint="Where the use case has responses, the guide counts a referral only with its response."
                            choices=vec![
                                ("no".into(), "When it is sent".into(), None),
                                ("yes".into(), "When its response has come back".into(), None),
                            ]/>
                        <DateInput form=FORM field="stable_published" legend="Stable version (v1.0) publication date (optional)" value=stable_published
                            error=error_for(errors, "stable_published")
                            hint="Suppliers must deploy the stable version within 3 months of this date."/>
                    })}
                    <button class="nhsuk-button" type="submit">
                        {if editing.is_some() { "Save changes" } else { "Create deployment" }}
                    </button>
                </form>
            </div>
        </div>
    }
    .into_any()
}

#[component]
fn ApplicationRadios(
    application: RwSignal<String>,
    other_description: RwSignal<String>,
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let error = error_for(errors, "application");
    let error_id = format!("{}-error", field_id(FORM, "application"));
    let presets = APPLICATIONS.iter().enumerate().map(|(i, app)| {
        // The first radio carries the field's own id, so the error summary can focus it.
        let id = if i == 0 { field_id(FORM, "application") } else { format!("{}-{}", field_id(FORM, "application"), app.number) };
        let value = app.number.to_string();
        let checked = { let value = value.clone(); move || application.get() == value };
        view! {
            <div class="nhsuk-radios__item">
                <input class="nhsuk-radios__input" id=id.clone() name="application" type="radio" value=value.clone()
                    prop:checked=checked on:change=move |_| application.set(value.clone())/>
                <label class="nhsuk-label nhsuk-radios__label" for=id>
                    {format!("BaRS Application {}", app.number)}
                </label>
                <div class="nhsuk-hint nhsuk-radios__hint">{app.use_cases}</div>
            </div>
        }
    }).collect_view();
    let other_id = format!("{}-other", field_id(FORM, "application"));
    let is_other = move || application.get() == "other";
    view! {
        <div class="nhsuk-form-group" class:nhsuk-form-group--error=move || error.get().is_some()>
            <fieldset class="nhsuk-fieldset" aria-describedby=move || error.get().map(|_| error_id.clone())>
                <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">"Which BaRS Application is this?"</legend>
                <ErrorMessage id=format!("{}-error", field_id(FORM, "application")) error=error/>
                <div class="nhsuk-radios">
                    {presets}
                    <div class="nhsuk-radios__divider">"or"</div>
                    <div class="nhsuk-radios__item">
                        <input class="nhsuk-radios__input" id=other_id.clone() name="application" type="radio" value="other"
                            aria-controls="deployment-other-conditional"
                            prop:checked=is_other on:change=move |_| application.set("other".to_owned())/>
                        <label class="nhsuk-label nhsuk-radios__label" for=other_id>"Another use case"</label>
                    </div>
                    <div class="nhsuk-radios__conditional" id="deployment-other-conditional"
                        class:nhsuk-radios__conditional--hidden=move || !is_other()>
                        <TextInput form=FORM field="other_description" label="Describe the use case"
                            value=other_description error=error_for(errors, "other_description")
                            hint="You will list its workflows in the test plan." width="nhsuk-u-width-full"/>
                    </div>
                </div>
            </fieldset>
        </div>
    }
}

#[component]
fn RiskRadios(risk_level: RwSignal<String>, errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    let error = error_for(errors, "risk_level");
    let base = field_id(FORM, "risk_level");
    let error_id = format!("{base}-error");
    let hint_id = format!("{base}-hint");
    let options = ServiceRiskLevel::ALL.iter().enumerate().map(|(i, level)| {
        let id = if i == 0 { base.clone() } else { format!("{base}-{}", level.key()) };
        let key = level.key().to_owned();
        let criteria = level.criteria();
        let checked = { let key = key.clone(); move || risk_level.get() == key };
        view! {
            <div class="nhsuk-radios__item">
                <input class="nhsuk-radios__input" id=id.clone() name="risk_level" type="radio" value=key.clone()
                    prop:checked=checked on:change=move |_| risk_level.set(key.clone())/>
                <label class="nhsuk-label nhsuk-radios__label" for=id>{level.label()}</label>
                <div class="nhsuk-hint nhsuk-radios__hint">
                    {format!("At least {} referrals and {} days of live running", criteria.min_referrals, criteria.min_verification_days)}
                </div>
            </div>
        }
    }).collect_view();
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || if error.get().is_some() { format!("{hint_id} {error_id}") } else { hint_id.clone() }
    };
    view! {
        <div class="nhsuk-form-group" class:nhsuk-form-group--error=move || error.get().is_some()>
            <fieldset class="nhsuk-fieldset" aria-describedby=described_by>
                <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">"Service Risk Level"</legend>
                <div class="nhsuk-hint" id=hint_id>
                    "NHS England's clinical safety case sets this for each BaRS Application. It decides the acceptance criteria."
                </div>
                <ErrorMessage id=error_id error=error/>
                <div class="nhsuk-radios">{options}</div>
            </fieldset>
        </div>
    }
}
