//! Safety-related incidents during live running. Those attributed to the BaRS
//! implementation restart the provider's verification clock; the rest are
//! logged and do not.

use bars_domain::describe_date;
use bars_domain::forms::IncidentDraft;
use bars_domain::validation::FieldError;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::state::browser::{new_id, now, set_title, today};
use crate::state::hooks::provider_choices;
use crate::ui::date_input::DateInput;
use crate::ui::table::Table;
use crate::ui::tag::tag;
use crate::ui::issue_link::issue_link;
use bars_domain::records::IssueSource;
use crate::ui::form::{error_for, show_errors, Checkbox, ErrorSummary, Radios, Select, TextArea};
use crate::state::route::{deployment_href, use_router, Page, Route};
use crate::state::store::use_store;

#[component]
pub fn Incidents(id: String) -> impl IntoView {
    let store = use_store();
    set_title("Incidents");
    let rows = {
        let id = id.clone();
        move || {
            store.state.with(|s| {
                let Some(d) = s.deployment(&id) else { return Vec::new() };
                d.incidents_newest_first()
                    .into_iter()
                    .map(|i| {
                        let provider = d.provider(&i.provider_id).map(|p| p.name.clone()).unwrap_or_default();
                        view! {
                            <tr class="nhsuk-table__row" data-incident=i.id.clone()>
                                <td class="nhsuk-table__cell">{describe_date(i.date)}</td>
                                <td class="nhsuk-table__cell">{provider}</td>
                                <td class="nhsuk-table__cell">{if i.attributed_to_bars { tag("BaRS: clock restarted", "red") } else { tag("Not BaRS", "grey") }}</td>
                                <td class="nhsuk-table__cell">{i.summary.clone()}</td>
                                <td class="nhsuk-table__cell">{if i.reported_to_service_desk { "Yes" } else { "No" }}</td>
                                <td class="nhsuk-table__cell">{if i.resolution.is_empty() { "Open".to_owned() } else { i.resolution.clone() }}</td>
                                <td class="nhsuk-table__cell">{issue_link(&id, d.issue_raised_from(&i.id), IssueSource::Incident(i.id.clone()), format!(" from the incident on {}", describe_date(i.date)))}</td>
                                <td class="nhsuk-table__cell">
                                    <a href=deployment_href(&id, Page::EditIncident(i.id.clone()))>"Change"<span class="nhsuk-u-visually-hidden">{format!(" incident on {}", describe_date(i.date))}</span></a>
                                </td>
                            </tr>
                        }.into_any()
                    })
                    .collect::<Vec<_>>()
            })
        }
    };
    let any = {
        let id = id.clone();
        move || store.state.with(|s| s.deployment(&id).is_some_and(|d| !d.incidents.is_empty()))
    };
    view! {
        <h1 id="page-heading" tabindex="-1">"Incidents"</h1>
        <p class="nhsuk-body">"Log every safety-related incident in live running. One caused by the BaRS implementation restarts that provider's verification period from the next day. Report live incidents to the National Service Desk."</p>
        <a class="nhsuk-button" role="button" draggable="false" href=deployment_href(&id, Page::NewIncident)>"Record an incident"</a>
        <crate::ui::when::When when=std::sync::Arc::new(any) fallback=|| view! { <p class="nhsuk-body">"No incidents recorded."</p> }>
            {let rows = rows.clone(); view! {
                <Table id="incidents" caption="Incidents, newest first"
                    headers=&["Date", "Provider", "Cause", "Summary", "Reported to service desk", "Resolution", "Issue", ""]>{move || rows()}</Table>
            }}
        </crate::ui::when::When>
    }
}

const FORM: &str = "incident";

#[component]
pub fn IncidentForm(id: String, editing: Option<String>) -> impl IntoView {
    let store = use_store();
    let router = use_router();
    let existing = store.state.with_untracked(|s| {
        s.deployment(&id).and_then(|d| editing.as_deref().and_then(|i| d.incidents.iter().find(|x| x.id == i)).map(IncidentDraft::from_incident))
    });
    if editing.is_some() && existing.is_none() {
        return view! { <crate::ui::not_found::NotFound/> }.into_any();
    }
    let heading = if editing.is_some() { "Change incident" } else { "Record an incident" };
    set_title(heading);
    let draft = existing.unwrap_or_else(|| IncidentDraft { date: today().to_string(), ..Default::default() });
    let provider = RwSignal::new(draft.provider_id);
    let date = RwSignal::new(draft.date);
    let attributed = RwSignal::new(draft.attributed);
    let summary = RwSignal::new(draft.summary);
    let reported = RwSignal::new(draft.reported);
    let resolution = RwSignal::new(draft.resolution);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let providers = provider_choices(id.clone());
    let (deployment_id, incident_id) = (id.clone(), editing.clone());
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let draft = IncidentDraft {
            provider_id: provider.get_untracked(),
            date: date.get_untracked(),
            attributed: attributed.get_untracked(),
            summary: summary.get_untracked(),
            reported: reported.get_untracked(),
            resolution: resolution.get_untracked(),
        };
        let checked = store.state.with_untracked(|s| s.deployment(&deployment_id).map(|d| draft.validate(d, today())));
        let fields = match checked {
            Some(Ok(fields)) => fields,
            Some(Err(found)) => return show_errors(errors, found),
            None => return,
        };
        let record = fields.into_record(incident_id.clone().unwrap_or_else(new_id), now());
        store.change_deployment(&deployment_id, |d| bars_domain::Deployment::upsert(&mut d.incidents, record));
        router.go(&Route::Deployment(deployment_id.clone(), Page::Incidents));
    };
    let delete = editing.clone().map(|incident| {
        let deployment_id = id.clone();
        move |_| {
            store.change_deployment(&deployment_id, |d| { d.remove(&incident, now()); });
            router.go(&Route::Deployment(deployment_id.clone(), Page::Incidents));
        }
    });
    view! {
        <a class="nhsuk-back-link" href=deployment_href(&id, Page::Incidents)>"Back"</a>
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-two-thirds">
                <ErrorSummary errors=errors form=FORM/>
                <h1 id="page-heading" tabindex="-1">{heading}</h1>
                <form novalidate on:submit=on_submit>
                    <Select form=FORM field="provider" label="Provider" choices=providers value=provider error=error_for(errors, "provider")/>
                    <DateInput form=FORM field="date" legend="Date of the incident" value=date error=error_for(errors, "date")/>
                    <Radios form=FORM field="attributed" legend="Was it caused by the BaRS implementation?" value=attributed error=error_for(errors, "attributed")
                        hint="If yes, the provider's verification period starts again from the day after."
                        choices=vec![("yes".into(), "Yes, caused by BaRS".into(), None), ("no".into(), "No, another cause".into(), None)]/>
                    <TextArea form=FORM field="summary" label="What happened" value=summary error=error_for(errors, "summary")
                        hint="Describe the problem, not the patient: no names, NHS numbers or other patient details."/>
                    <Checkbox form=FORM field="reported" label="Reported to the National Service Desk" checked=reported/>
                    <TextArea form=FORM field="resolution" label="Resolution (optional)" value=resolution error=error_for(errors, "resolution")/>
                    <div class="nhsuk-button-group">
                        <button class="nhsuk-button" type="submit">{if editing.is_some() { "Save changes" } else { "Record incident" }}</button>
                        {delete.map(|delete| view! {
                            <button class="nhsuk-button nhsuk-button--warning" type="button" on:click=delete>"Delete incident"</button>
                        }.into_any())}
                    </div>
                </form>
            </div>
        </div>
    }
    .into_any()
}
