//! Create a deployment, or change its name, Application and Service Risk Level.

use bars_domain::forms::SettingsDraft;
use bars_domain::validation::FieldError;
use bars_domain::DeploymentDraft;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::state::browser::{new_id, now, set_title};
use crate::ui::date_input::DateInput;
use crate::ui::form::{application_choices, error_for, risk_choices, show_errors, ErrorSummary, Radios, TextInput};
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
    let settings = editing.as_deref().and_then(|id| store.state.with_untracked(|s| s.deployment(id).map(SettingsDraft::from_deployment)));
    let initial = existing.unwrap_or_default();
    let heading = if editing.is_some() { "Change deployment details" } else { "Create a beta deployment" };
    set_title(heading);

    let name = RwSignal::new(initial.name);
    let application = RwSignal::new(initial.application);
    let other_description = RwSignal::new(initial.other_description);
    let risk_level = RwSignal::new(initial.risk_level);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let has_responses = RwSignal::new(settings.as_ref().map(|s| s.has_responses.clone()).unwrap_or_default());
    let stable_published = RwSignal::new(settings.as_ref().map(|s| s.stable_published.clone()).unwrap_or_default());
    let standard_updated = RwSignal::new(settings.map(|s| s.standard_updated).unwrap_or_default());

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
            SettingsDraft {
                has_responses: has_responses.get_untracked(),
                stable_published: stable_published.get_untracked(),
                standard_updated: standard_updated.get_untracked(),
            }
            .validate()
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
        store.change(|s| match (&editing_id, settings) {
            (Some(id), Some(settings)) => {
                s.update_with_settings(id, fields, settings, now());
            }
            _ => s.create(fields, id.clone(), now()),
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
                    <Radios form=FORM field="application" legend="Which BaRS Application is this?" legend_class=LEGEND_M
                        value=application error=error_for(errors, "application") choices=application_choices()>
                        <TextInput form=FORM field="other_description" label="Describe the use case"
                            value=other_description error=error_for(errors, "other_description")
                            hint="You will list its workflows in the test plan." width="nhsuk-u-width-full"/>
                    </Radios>
                    <Radios form=FORM field="risk_level" legend="Service Risk Level" legend_class=LEGEND_M
                        value=risk_level error=error_for(errors, "risk_level") choices=risk_choices()
                        hint="NHS England's clinical safety case sets this for each BaRS Application. It decides the acceptance criteria."/>
                    {editing.is_some().then(|| view! {
                        <Radios form=FORM field="has_responses" legend="When does a referral count towards the minimum?" value=has_responses
                            error=error_for(errors, "has_responses")
                            hint="Where the use case has responses, the guide counts a referral only with its response."
                            choices=vec![
                                ("no".into(), "When it is sent".into(), None),
                                ("yes".into(), "When its response has come back".into(), None),
                            ]/>
                        <DateInput form=FORM field="standard_updated" legend="Date the standard was updated after public beta (optional)" value=standard_updated
                            error=error_for(errors, "standard_updated")
                            hint="When NHS England updated the standard from what the public beta found."/>
                        <DateInput form=FORM field="stable_published" legend="Stable version (v1.0) publication date (optional)" value=stable_published
                            error=error_for(errors, "stable_published")
                            hint="Suppliers must deploy the stable version within 3 months of this date."/>
                    }.into_any())}
                    <button class="nhsuk-button" type="submit">
                        {if editing.is_some() { "Save changes" } else { "Create deployment" }}
                    </button>
                </form>
            </div>
        </div>
    }
    .into_any()
}

const LEGEND_M: &str = "nhsuk-fieldset__legend nhsuk-fieldset__legend--m";
