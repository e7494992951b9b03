//! The providers taking part: the list, and the form to add or change one.

pub mod provider;
pub mod stages;

use bars_domain::describe_date;
use bars_domain::forms::ProviderDraft;
use bars_domain::records::ProviderRole;
use bars_domain::validation::FieldError;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::state::browser::{new_id, now, set_title};
use crate::ui::date_input::DateInput;
use crate::ui::table::Table;
use crate::ui::form::{choices, error_for, show_errors, ErrorSummary, Radios, TextInput};
use crate::state::route::{deployment_href, use_router, Page, Route};
use crate::state::store::use_store;

#[component]
pub fn Providers(id: String) -> impl IntoView {
    let store = use_store();
    set_title("Providers");
    let rows = {
        let id = id.clone();
        move || {
            store.state.with(|s| {
                let Some(d) = s.deployment(&id) else { return Vec::new() };
                d.providers
                    .iter()
                    .map(|p| {
                        let href = deployment_href(&id, Page::Provider(p.id.clone()));
                        let workflows = d.workflows_of(&p.id).count();
                        view! {
                            <tr class="nhsuk-table__row" data-provider=p.id.clone()>
                                <td class="nhsuk-table__cell"><a href=href>{p.name.clone()}</a></td>
                                <td class="nhsuk-table__cell">{p.ods_code.clone()}</td>
                                <td class="nhsuk-table__cell">{p.role.label()}</td>
                                <td class="nhsuk-table__cell">{p.supplier.clone()}</td>
                                <td class="nhsuk-table__cell">{p.go_live.map(describe_date).unwrap_or_else(|| "Not set".to_owned())}</td>
                                <td class="nhsuk-table__cell">{workflows}</td>
                            </tr>
                        }.into_any()
                    })
                    .collect::<Vec<_>>()
            })
        }
    };
    let has_rows = {
        let id = id.clone();
        move || store.state.with(|s| s.deployment(&id).is_some_and(|d| !d.providers.is_empty()))
    };
    view! {
        <h1 id="page-heading" tabindex="-1">"Providers"</h1>
        <p class="nhsuk-body">"The healthcare providers sending and receiving referrals in this beta. Each has its own test plan, pre-live checks and verification period."</p>
        <a class="nhsuk-button" role="button" draggable="false" href=deployment_href(&id, Page::NewProvider)>"Add a provider"</a>
        <crate::ui::when::When when=std::sync::Arc::new(has_rows) fallback=|| view! { <p class="nhsuk-body">"No providers yet."</p> }>
            {let rows = rows.clone(); view! {
                <Table id="providers" caption="Providers taking part" headers=&["Provider", "Code", "Role", "Supplier", "Go-live", "Workflows"]>{move || rows()}</Table>
            }}
        </crate::ui::when::When>
    }
}

const FORM: &str = "provider";

#[component]
pub fn ProviderForm(id: String, editing: Option<String>) -> impl IntoView {
    let store = use_store();
    let router = use_router();
    let existing = store.state.with_untracked(|s| {
        s.deployment(&id).and_then(|d| editing.as_deref().and_then(|p| d.provider(p)).map(ProviderDraft::from_provider))
    });
    if editing.is_some() && existing.is_none() {
        return view! { <crate::ui::not_found::NotFound/> }.into_any();
    }
    let heading = if editing.is_some() { "Change provider details" } else { "Add a provider" };
    set_title(heading);
    let draft = existing.unwrap_or_default();
    let name = RwSignal::new(draft.name);
    let ods_code = RwSignal::new(draft.ods_code);
    let role = RwSignal::new(draft.role);
    let supplier = RwSignal::new(draft.supplier);
    let go_live = RwSignal::new(draft.go_live);
    let errors = RwSignal::new(Vec::<FieldError>::new());

    let (deployment_id, provider_id) = (id.clone(), editing.clone());
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let draft = ProviderDraft {
            name: name.get_untracked(),
            ods_code: ods_code.get_untracked(),
            role: role.get_untracked(),
            supplier: supplier.get_untracked(),
            go_live: go_live.get_untracked(),
        };
        let checked = store.state.with_untracked(|s| s.deployment(&deployment_id).map(|d| draft.validate(d, provider_id.as_deref())));
        let fields = match checked {
            Some(Ok(fields)) => fields,
            Some(Err(found)) => return show_errors(errors, found),
            None => return,
        };
        let pid = provider_id.clone().unwrap_or_else(new_id);
        let provider = fields.into_record(pid.clone(), now());
        let is_new = provider_id.is_none();
        store.change_deployment(&deployment_id, |d| {
            if is_new {
                d.add_provider(provider, new_id);
            } else {
                bars_domain::Deployment::upsert(&mut d.providers, provider);
            }
        });
        router.go(&Route::Deployment(deployment_id.clone(), Page::Provider(pid)));
    };
    let back = match &editing {
        Some(p) => deployment_href(&id, Page::Provider(p.clone())),
        None => deployment_href(&id, Page::Providers),
    };
    let workflows_hint = store.state.with_untracked(|s| {
        s.deployment(&id).map(|d| d.application.default_workflows().len()).unwrap_or_default()
    });
    view! {
        <a class="nhsuk-back-link" href=back>"Back"</a>
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-two-thirds">
                <ErrorSummary errors=errors form=FORM/>
                <h1 id="page-heading" tabindex="-1">{heading}</h1>
                {(editing.is_none() && workflows_hint > 0).then(|| view! {
                    <p class="nhsuk-body">{format!("Its UAT test plan will start with the {workflows_hint} workflows of this deployment's BaRS Application. You can change them afterwards.")}</p>
                }.into_any())}
                <form novalidate on:submit=on_submit>
                    <TextInput form=FORM field="name" label="Provider name" value=name error=error_for(errors, "name")/>
                    <TextInput form=FORM field="ods_code" label="Organisation (ODS) code" value=ods_code error=error_for(errors, "ods_code")
                        hint="For example, RX1 for a trust or FA123 for a pharmacy." width="nhsuk-input--width-10"/>
                    <Radios form=FORM field="role" legend="Role in this beta" value=role error=error_for(errors, "role")
                        choices=choices(&ProviderRole::ALL, ProviderRole::key, ProviderRole::label)/>
                    <TextInput form=FORM field="supplier" label="Healthcare IT supplier" value=supplier error=error_for(errors, "supplier")
                        hint="The supplier of its BaRS-conformant system."/>
                    <DateInput form=FORM field="go_live" legend="Business go-live date (optional)" value=go_live error=error_for(errors, "go_live")
                        hint="The first day of public beta with real patients. Its verification period counts from here."/>
                    <button class="nhsuk-button" type="submit">{if editing.is_some() { "Save changes" } else { "Add provider" }}</button>
                </form>
            </div>
        </div>
    }
    .into_any()
}
