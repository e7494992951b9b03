//! The quick readiness calculator: a few facts about one provider in, the
//! acceptance criteria and the earliest exit out, from the same engine as the
//! progress page. The answers ride in the address, so a result can be e-mailed;
//! "Save as a deployment" keeps the facts as a deployment of one provider.

use std::sync::Arc;

use bars_domain::calculator::{CalculatorDraft, Calculation, IncidentLine, COUNTS_FIELD, INCIDENT_FIELDS, MAX_INCIDENTS, SOURCE_COUNTS, SOURCE_TOTAL};
use bars_domain::readiness::{describe, Projection, Readiness};
use bars_domain::validation::FieldError;
use bars_domain::DeploymentDraft;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::state::browser::{focus_later, new_id, now, set_title};
use crate::state::hooks::use_as_of;
use crate::state::route::{query_pairs, show_in_address, use_router, Page, Route};
use crate::state::store::use_store;
use crate::ui::date_input::DateInput;
use crate::ui::form::{application_choices, error_for, risk_choices, show_errors, ErrorSummary, Radios, Select, TextArea, TextInput};
use crate::ui::summary_list::SummaryRow;
use crate::ui::table::Table;
use crate::ui::tag::met_tag;
use crate::ui::when::When;

const FORM: &str = "calculator";
const SAVE_FORM: &str = "save";

/// The checkbox of each incident: (field, label for screen readers).
const CAUSE_FIELDS: [&str; MAX_INCIDENTS] = [
    "incident-1-bars", "incident-2-bars", "incident-3-bars", "incident-4-bars", "incident-5-bars",
    "incident-6-bars", "incident-7-bars", "incident-8-bars", "incident-9-bars", "incident-10-bars",
];

fn source_choices() -> Vec<(String, String, Option<String>)> {
    vec![
        (SOURCE_TOTAL.into(), "The total so far".into(), Some("And, if you know it, the recent daily rate.".into())),
        (SOURCE_COUNTS.into(), "A count for each day".into(), Some("Pasted from a spreadsheet.".into())),
    ]
}

fn yes_no() -> Vec<(String, String, Option<String>)> {
    vec![("yes".into(), "Yes".into(), None), ("no".into(), "No".into(), None)]
}

#[component]
pub fn Calculator() -> impl IntoView {
    set_title("Quick readiness calculation");
    let as_of = use_as_of();
    let from_link = CalculatorDraft::from_query(&query_pairs());
    let risk_level = RwSignal::new(from_link.risk_level.clone());
    let go_live = RwSignal::new(from_link.go_live.clone());
    let source = RwSignal::new(if from_link.by_day() { SOURCE_COUNTS } else { SOURCE_TOTAL }.to_owned());
    let counts = RwSignal::new(from_link.counts.clone());
    let referrals = RwSignal::new(from_link.referrals.clone());
    let rate = RwSignal::new(from_link.rate.clone());
    let uat = RwSignal::new(from_link.uat_passed.clone());
    let guidance = RwSignal::new(from_link.guidance_reviewed.clone());
    // Each incident's (date, caused by BaRS) as signals, in the order typed.
    let incidents = RwSignal::new(
        from_link.incidents.iter().map(|i| (RwSignal::new(i.date.clone()), RwSignal::new(i.attributable))).collect::<Vec<_>>(),
    );
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let result = RwSignal::new(None::<(Calculation, Readiness)>);

    let draft = move || CalculatorDraft {
        risk_level: risk_level.get_untracked(),
        go_live: go_live.get_untracked(),
        source: source.get_untracked(),
        counts: counts.get_untracked(),
        referrals: referrals.get_untracked(),
        rate: rate.get_untracked(),
        uat_passed: uat.get_untracked(),
        guidance_reviewed: guidance.get_untracked(),
        incidents: incidents
            .get_untracked()
            .iter()
            .map(|(date, bars)| IncidentLine { date: date.get_untracked(), attributable: bars.get_untracked() })
            .collect(),
    };
    let calculate = move |write_address: bool| {
        let draft = draft();
        let on = as_of.get_untracked();
        match draft.validate(on) {
            Ok(calculation) => {
                errors.set(Vec::new());
                if write_address {
                    let mut pairs = draft.to_query();
                    pairs.push(("asof", on.to_string()));
                    show_in_address(&Route::Calculator, &pairs);
                }
                let readiness = calculation.assess();
                result.set(Some((calculation, readiness)));
                if write_address {
                    focus_later("calculation-heading");
                }
            }
            Err(found) => {
                result.set(None);
                show_errors(errors, found);
            }
        }
    };
    // A link with answers shows its result straight away.
    if !from_link.is_empty() {
        calculate(false);
    }
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        calculate(true);
    };
    // A new incident's signals belong to the page, not to the button that
    // adds it (which is drawn again, its owner disposed, when the list is full).
    let owner = Owner::current().expect("a component has an owner");
    let add_incident = move |_| {
        let row = owner.with(|| (RwSignal::new(String::new()), RwSignal::new(false)));
        incidents.update(|list| {
            if list.len() < MAX_INCIDENTS {
                list.push(row);
            }
        })
    };

    let incident_rows = move || {
        incidents
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, (date, bars))| {
                let (field, legend, named) = INCIDENT_FIELDS[i];
                let cause = CAUSE_FIELDS[i];
                let remove = move |_| {
                    incidents.update(|list| {
                        if i < list.len() {
                            list.remove(i);
                        }
                    })
                };
                view! {
                    <div class="app-calculator__incident">
                        <DateInput form=FORM field=field legend=legend value=date error=error_for(errors, field)/>
                        <div class="nhsuk-form-group">
                            <div class="nhsuk-checkboxes">
                                <div class="nhsuk-checkboxes__item">
                                    <input class="nhsuk-checkboxes__input" id=format!("{FORM}-{cause}") name=cause type="checkbox"
                                        prop:checked=move || bars.get() on:change=move |ev| bars.set(event_target_checked(&ev))/>
                                    <label class="nhsuk-label nhsuk-checkboxes__label" for=format!("{FORM}-{cause}")>
                                        "Caused by the BaRS implementation"<span class="nhsuk-u-visually-hidden">{format!(" ({named})")}</span>
                                    </label>
                                </div>
                            </div>
                        </div>
                        <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" on:click=remove>
                            "Remove"<span class="nhsuk-u-visually-hidden">{format!(" {named}")}</span>
                        </button>
                    </div>
                }
            })
            .collect_view()
    };

    view! {
        <a class="nhsuk-back-link" href=Route::Home.href()>"Back"</a>
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-two-thirds">
                <ErrorSummary errors=errors form=FORM/>
                <h1 id="page-heading" tabindex="-1">"Quick readiness calculation"</h1>
                <p class="nhsuk-lede-text">
                    "Work out when one provider could exit public beta, without setting up a deployment. The same rules as the progress page apply."
                </p>
                <form novalidate on:submit=on_submit>
                    <Radios form=FORM field="risk-level" legend="Service Risk Level" value=risk_level error=error_for(errors, "risk-level")
                        choices=risk_choices()/>
                    <DateInput form=FORM field="go-live" legend="Go-live date" value=go_live error=error_for(errors, "go-live")
                        hint="The day the provider started live running in public beta, or the day it plans to."/>
                    <Radios form=FORM field="source" legend="What do you know about referrals since go-live?" value=source error=error_for(errors, "source")
                        choices=source_choices() no_divider=true>
                        <TextArea form=FORM field=COUNTS_FIELD label="Daily counts" value=counts error=error_for(errors, COUNTS_FIELD) rows=8
                            hint="Copy two columns from a spreadsheet and paste them here: the date and the referrals on that day, one day to a line. Days left out had none."/>
                    </Radios>
                    <When when=Arc::new(move || source.get() != SOURCE_COUNTS)>
                        <TextInput form=FORM field="referrals" label="Referrals so far" value=referrals error=error_for(errors, "referrals")
                            width="nhsuk-input--width-5" hint="Counted since go-live. Where the use case has responses, count only referrals whose response has come back."/>
                        <TextInput form=FORM field="rate" label="Recent referrals a day (optional)" value=rate error=error_for(errors, "rate")
                            width="nhsuk-input--width-5" hint="The average over the last 14 days, like 2.5. Leave it blank to use the average since go-live."/>
                    </When>
                    <Radios form=FORM field="uat" legend="Has every workflow in the UAT test plan passed?" value=uat error=error_for(errors, "uat")
                        choices=yes_no() inline=true/>
                    <Radios form=FORM field="guidance" legend="Has the supporting guidance been reviewed?" value=guidance error=error_for(errors, "guidance")
                        choices=yes_no() inline=true/>
                    <h2 class="nhsuk-heading-m">"Incidents"</h2>
                    <p class="nhsuk-body">
                        "Add each safety-related incident since go-live. One caused by the BaRS implementation starts the verification period again from the next day."
                    </p>
                    {move || incident_rows()}
                    <When when=Arc::new(move || incidents.with(|list| list.len() < MAX_INCIDENTS))>
                        <button type="button" class="nhsuk-button nhsuk-button--secondary" on:click=add_incident.clone()>"Add an incident"</button>
                    </When>
                    <div class="nhsuk-button-group">
                        <button class="nhsuk-button" type="submit">"Calculate"</button>
                    </div>
                </form>
                {move || result.get().map(|(calculation, readiness)| view! {
                    <CalculationResult calculation=calculation readiness=readiness/>
                })}
            </div>
        </div>
    }
}

/// The criteria, the dates and the earliest exit for a calculation, and the
/// form that keeps it as a deployment.
#[component]
fn CalculationResult(calculation: Calculation, readiness: Readiness) -> impl IntoView {
    let Some(p) = readiness.providers.first().cloned() else { return ().into_any() };
    let r = &readiness.referrals;
    let v = &p.verification;
    let days_left = if v.met {
        "None: the period is complete".to_owned()
    } else if v.clock_start.is_none() {
        format!("All {}: the provider is not live yet", v.required)
    } else {
        let left = v.required - v.days;
        format!("{left} {}", if left == 1 { "day" } else { "days" })
    };
    let referrals_line = describe::projection(&r.projection, "Reached on", "Expected on");
    let exit = match &p.earliest_exit {
        Projection::Expected(d) if !p.also_needs.is_empty() => {
            format!("{} at the soonest: it also needs {}", describe::date(*d), p.also_needs.join(" and "))
        }
        exit => describe::projection(exit, "Met on", "Expected on"),
    };
    let verification_line = describe::projection(&v.projection, "Completed on", "Ends on");
    let spread_note = (calculation.referrals > 0 && calculation.daily.is_none()).then(|| {
        "The referrals so far are taken as spread evenly over the days of live running (and the recent rate over the last 14 days), so a date the minimum was reached is an estimate."
    });
    let rows = [
        ("UAT test plan passed", p.uat.met, if p.uat.met { "Every workflow passed".to_owned() } else { "Not every workflow has passed".to_owned() }),
        ("Minimum referrals", r.met, describe::referrals(r)),
        ("Verification period", v.met, describe::clock(&p)),
        ("Guidance reviewed", p.guidance.met, if p.guidance.met { "Reviewed".to_owned() } else { "Not reviewed yet".to_owned() }),
    ]
    .into_iter()
    .map(|(label, met, distance)| view! {
        <tr class="nhsuk-table__row">
            <th class="nhsuk-table__header" scope="row">{label}</th>
            <td class="nhsuk-table__cell">{met_tag(met)}</td>
            <td class="nhsuk-table__cell">{distance}</td>
        </tr>
    })
    .collect_view();
    view! {
        <section class="app-calculator__result" id="calculation-result" aria-labelledby="calculation-heading" data-met=if p.met { "true" } else { "false" }>
            <h2 class="nhsuk-heading-l" id="calculation-heading" tabindex="-1">
                {if p.met { "The acceptance criteria are met" } else { "The acceptance criteria are not met yet" }}
            </h2>
            <p class="nhsuk-body">{format!("As of {}, for a {} risk service.", describe::date(readiness.as_of), calculation.risk_level.key())}</p>
            <Table caption="Acceptance criteria" caption_class="nhsuk-table__caption nhsuk-table__caption--m" headers=&["Criterion", "Status", "Progress"]>
                {rows}
            </Table>
            <dl class="nhsuk-summary-list" id="calculation-dates">
                <SummaryRow key="Earliest exit" value=exit change=None/>
                <SummaryRow key="Verification days left" value=days_left change=None/>
                <SummaryRow key="Verification period" value=verification_line change=None/>
                <SummaryRow key="Minimum referrals" value=referrals_line change=None/>
            </dl>
            {spread_note.map(|t| view! { <p class="nhsuk-body-s">{t}</p> })}
            <div class="nhsuk-inset-text">
                <p>"The address of this page now holds your answers: copy it to share this result."</p>
            </div>
            <SaveAsDeployment calculation=calculation/>
        </section>
    }
    .into_any()
}

/// Keeps the calculation as a new deployment of one provider.
#[component]
fn SaveAsDeployment(calculation: Calculation) -> impl IntoView {
    let store = use_store();
    let router = use_router();
    let name = RwSignal::new(String::new());
    let provider = RwSignal::new(String::new());
    let application = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let choices = Signal::derive(|| application_choices().into_iter().filter(|(key, ..)| key != "other").collect::<Vec<_>>());
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let draft = DeploymentDraft {
            name: name.get_untracked(),
            application: application.get_untracked(),
            other_description: String::new(),
            risk_level: calculation.risk_level.key().to_owned(),
        };
        let mut checker = bars_domain::validation::Checker::new();
        let provider_name = checker.text("provider", &provider.get_untracked(), "the provider's name", bars_domain::records::TEXT_MAX_CHARS);
        let checked = store.state.with_untracked(|s| draft.validate(&s.deployments));
        let fields = match (checked, checker.finish(|| ())) {
            (Ok(fields), Ok(())) => fields,
            (a, b) => {
                let mut found = a.err().unwrap_or_default();
                found.extend(b.err().unwrap_or_default());
                return show_errors(errors, found);
            }
        };
        let deployment = calculation.deployment(fields, provider_name, new_id, now());
        let id = deployment.id.clone();
        store.change(|s| s.deployments.push(deployment));
        router.go(&Route::Deployment(id, Page::Progress));
    };
    view! {
        <h2 class="nhsuk-heading-m">"Save as a deployment"</h2>
        <p class="nhsuk-body">"Keep these facts as a deployment of one provider, to track it from here and share it with the other organisations."</p>
        <ErrorSummary errors=errors form=SAVE_FORM/>
        <form novalidate on:submit=on_submit>
            <TextInput form=SAVE_FORM field="name" label="Deployment name" value=name error=error_for(errors, "name")/>
            <Select form=SAVE_FORM field="application" label="BaRS Application" choices=choices value=application error=error_for(errors, "application")/>
            <TextInput form=SAVE_FORM field="provider" label="Provider name" value=provider error=error_for(errors, "provider")/>
            <button class="nhsuk-button nhsuk-button--secondary" type="submit">"Save as a deployment"</button>
        </form>
    }
}
