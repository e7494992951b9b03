//! Recording a decision about a provider: which, when, the outcome, who
//! decided and the reasons; for a "no", what must change and where the
//! provider goes back to. Decisions are added, never changed.

use bars_domain::forms::DecisionDraft;
use bars_domain::records::{ChangeNeeded, DecisionKind, Party};
use bars_domain::stages::Stage;
use bars_domain::validation::FieldError;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::state::browser::{new_id, now, set_title, today};
use crate::state::route::{deployment_href, use_router, Page, Route};
use crate::state::store::use_store;
use crate::ui::date_input::DateInput;
use crate::ui::form::{choices, error_for, show_errors, Checkboxes, ErrorSummary, Radios, TextArea, TextInput};
use crate::ui::text::bdi;

const FORM: &str = "decision";

#[component]
pub fn DecisionForm(id: String, provider: String) -> impl IntoView {
    let store = use_store();
    let router = use_router();
    let Some(name) = super::provider_name(&id, &provider) else {
        return view! { <crate::ui::not_found::NotFound/> }.into_any();
    };
    set_title("Record a decision");
    let kind = RwSignal::new(String::new());
    let date = RwSignal::new(today().to_string());
    let outcome = RwSignal::new(String::new());
    let decided_by = RwSignal::new(String::new());
    let parties = RwSignal::new(Vec::<String>::new());
    let reasons = RwSignal::new(String::new());
    let must_change = RwSignal::new(Vec::<String>::new());
    let returns_to = RwSignal::new(String::new());
    let issue_ids = RwSignal::new(Vec::<String>::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());

    let (deployment_id, provider_id) = (id.clone(), provider.clone());
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let draft = DecisionDraft {
            kind: kind.get_untracked(),
            date: date.get_untracked(),
            outcome: outcome.get_untracked(),
            decided_by: decided_by.get_untracked(),
            parties: parties.get_untracked(),
            reasons: reasons.get_untracked(),
            must_change: must_change.get_untracked(),
            returns_to: returns_to.get_untracked(),
            issue_ids: issue_ids.get_untracked(),
        };
        let checked = store.state.with_untracked(|s| s.deployment(&deployment_id).map(|d| draft.record(d, &provider_id, today(), new_id(), now())));
        match checked {
            Some(Ok(decision)) => {
                store.change_deployment(&deployment_id, |d| d.decisions.push(decision));
                router.go(&Route::Deployment(deployment_id.clone(), Page::History(provider_id.clone())));
            }
            Some(Err(found)) => show_errors(errors, found),
            None => {}
        }
    };
    let return_choices = move || {
        let stages: Vec<Stage> = DecisionKind::from_key(&kind.get()).map(|k| k.return_stages().collect()).unwrap_or_default();
        if stages.is_empty() {
            return view! {
                <p class="nhsuk-body nhsuk-u-margin-top-4" id="decision-returns-to" tabindex="-1">"Select which decision was taken, above: the stages it can send the provider back to are then listed here."</p>
            }
            .into_any();
        }
        let list = stages.into_iter().map(|s| (s.key().to_owned(), s.label().to_owned(), None)).collect::<Vec<_>>();
        view! {
            <Radios form=FORM field="returns_to" legend="Which stage does the provider go back to?" value=returns_to error=error_for(errors, "returns_to")
                hint="Everything from that stage on is done again, then the decision is taken again." choices=list/>
        }
        .into_any()
    };
    // For a "no": the provider's open issues (and those for no provider) it may name.
    let issue_choices = {
        let (id, provider) = (id.clone(), provider.clone());
        move || {
            let list: Vec<(String, String, Option<String>)> = store.state.with(|s| {
                s.deployment(&id)
                    .map(|d| {
                        d.open_issues_for(&provider)
                            .into_iter()
                            .map(|i| (i.id.clone(), format!("{}: {}", i.reference, bars_domain::text::excerpt(&i.description)), None))
                            .collect()
                    })
                    .unwrap_or_default()
            });
            if list.is_empty() {
                return view! { <p class="nhsuk-body" id="decision-no-open-issues">"This provider has no open issues to name. Raise one in the issue log if an issue is behind this decision."</p> }.into_any();
            }
            view! {
                <Checkboxes form=FORM field="issue_ids" legend="Which issues is this decision about? (optional)" value=issue_ids error=error_for(errors, "issue_ids")
                    hint="The provider's open issues and those for no provider. The decision will link to the issues you select." choices=list/>
            }
            .into_any()
        }
    };
    view! {
        <a class="nhsuk-back-link" href=deployment_href(&id, Page::Provider(provider.clone()))>"Back to the provider"</a>
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-two-thirds">
                <ErrorSummary errors=errors form=FORM/>
                <span class="nhsuk-caption-l">{bdi(name)}</span>
                <h1 id="page-heading" tabindex="-1">"Record a decision"</h1>
                <p class="nhsuk-body">"A decision is kept in the provider's history and never changed. If a decision is taken again, record it again."</p>
                <form novalidate on:submit=on_submit>
                    <Radios form=FORM field="kind" legend="Which decision was taken?" value=kind error=error_for(errors, "kind")
                        choices=choices(&DecisionKind::ALL, DecisionKind::key, DecisionKind::label)/>
                    <DateInput form=FORM field="date" legend="Date of the decision" value=date error=error_for(errors, "date")/>
                    <Radios form=FORM field="outcome" legend="Outcome" value=outcome error=error_for(errors, "outcome")
                        choices=vec![
                            ("yes".into(), "Yes or go".into(), Some("The provider moves on to the next stage.".into())),
                            ("no".into(), "No, no-go or not yet".into(), Some("The provider goes back to an earlier stage.".into())),
                        ] no_divider=true>
                        <Checkboxes form=FORM field="must_change" legend="What must change?" value=must_change error=error_for(errors, "must_change")
                            choices=choices(&ChangeNeeded::ALL, ChangeNeeded::key, ChangeNeeded::label)/>
                        {return_choices}
                        {issue_choices.clone()}
                    </Radios>
                    <TextInput form=FORM field="decided_by" label="Who decided" value=decided_by error=error_for(errors, "decided_by")
                        hint="Names and roles, for example Dr A Khan (clinical lead), S Patel (supplier project lead)." width="nhsuk-u-width-full"/>
                    <Checkboxes form=FORM field="parties" legend="Parties present" value=parties error=error_for(errors, "parties")
                        choices=choices(&Party::ALL, Party::key, Party::label)/>
                    <TextArea form=FORM field="reasons" label="Reasons" value=reasons error=error_for(errors, "reasons") rows=5
                        hint="What the decision was based on. Never include patient details."/>
                    <button class="nhsuk-button" type="submit">"Record decision"</button>
                </form>
            </div>
        </div>
    }
    .into_any()
}
