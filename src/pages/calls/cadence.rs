//! The cadence of calls: how often the run-up calls are, on which day and at
//! what time, how long calls last, and how many days of daily calls follow a
//! go-live. The calendar's proposals follow it.

use bars_domain::calls::cadence_of;
use bars_domain::records::{CadenceDraft, Weekday};
use bars_domain::validation::FieldError;
use bars_domain::Deployment;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::state::browser::{now, set_title};
use crate::state::route::{deployment_href, use_router, Page, Route};
use crate::state::store::use_store;
use crate::ui::date_input::DateInput;
use crate::ui::form::{choices, error_for, show_errors, ErrorSummary, Radios, Select, TextInput};

const FORM: &str = "cadence";

#[component]
pub fn CadenceForm(id: String) -> impl IntoView {
    let store = use_store();
    let router = use_router();
    set_title("Change the cadence of calls");
    let draft = store.state.with_untracked(|s| s.deployment(&id).map(|d| CadenceDraft::from_cadence(&cadence_of(d)))).unwrap_or_default();
    let every = RwSignal::new(draft.every_weeks);
    let weekday = RwSignal::new(draft.weekday);
    let start = RwSignal::new(draft.start);
    let minutes = RwSignal::new(draft.minutes);
    let daily_calls = RwSignal::new(draft.daily_calls);
    let daily_minutes = RwSignal::new(draft.daily_minutes);
    let run_up_start = RwSignal::new(draft.run_up_start);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let deployment_id = id.clone();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let draft = CadenceDraft {
            every_weeks: every.get_untracked(),
            weekday: weekday.get_untracked(),
            start: start.get_untracked(),
            minutes: minutes.get_untracked(),
            daily_calls: daily_calls.get_untracked(),
            daily_minutes: daily_minutes.get_untracked(),
            run_up_start: run_up_start.get_untracked(),
        };
        match draft.validate(now()) {
            Ok(cadence) => {
                store.change_deployment(&deployment_id, |d| Deployment::upsert(&mut d.call_cadences, cadence));
                router.go(&Route::Deployment(deployment_id.clone(), Page::Calls));
            }
            Err(found) => show_errors(errors, found),
        }
    };
    let days = Signal::derive(|| choices(&Weekday::ALL, Weekday::key, Weekday::label));
    view! {
        <a class="nhsuk-back-link" href=deployment_href(&id, Page::Calls)>"Back to calls"</a>
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-two-thirds">
                <ErrorSummary errors=errors form=FORM/>
                <h1 id="page-heading" tabindex="-1">"Change the cadence of calls"</h1>
                <p class="nhsuk-body">"Proposed calls move to the new cadence. Calls you have already changed, noted or added stay as they are."</p>
                <form novalidate on:submit=on_submit>
                    <Radios form=FORM field="every_weeks" legend="How often are the run-up calls?" value=every error=error_for(errors, "every_weeks")
                        hint="From the start of assurance to the first go-live."
                        choices=vec![("1".into(), "Weekly".into(), None), ("2".into(), "Fortnightly".into(), None)]/>
                    <Select form=FORM field="weekday" label="Day of the run-up and weekly calls" choices=days value=weekday error=error_for(errors, "weekday") placeholder=false/>
                    <TextInput form=FORM field="start" label="Start time" value=start error=error_for(errors, "start") width="nhsuk-input--width-5"
                        hint="UK time, on the 24-hour clock, like 09:30 or 14:00. Every proposed call starts then."/>
                    <TextInput form=FORM field="minutes" label="Length of a run-up or weekly call, in minutes" value=minutes error=error_for(errors, "minutes") width="nhsuk-input--width-3"/>
                    <TextInput form=FORM field="daily_calls" label="Working days of daily calls after each go-live" value=daily_calls error=error_for(errors, "daily_calls") width="nhsuk-input--width-3"
                        hint="The first period of public beta. Enter 0 for none."/>
                    <TextInput form=FORM field="daily_minutes" label="Length of a daily call, in minutes" value=daily_minutes error=error_for(errors, "daily_minutes") width="nhsuk-input--width-3"/>
                    <DateInput form=FORM field="run_up_start" legend="First run-up call (optional)" value=run_up_start error=error_for(errors, "run_up_start")
                        hint="Leave it empty to start from the first UAT test result."/>
                    <button class="nhsuk-button" type="submit">"Save the cadence"</button>
                </form>
            </div>
        </div>
    }
}
