//! The people at each party, and which of the core roles the guide names are
//! still without anyone.

use bars_domain::forms::ContactDraft;
use bars_domain::records::{Contact, Party};
use bars_domain::validation::FieldError;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::state::browser::{new_id, now, set_title};
use crate::state::hooks::provider_choices;
use crate::ui::table::Table;
use crate::ui::form::{choices, error_for, show_errors, Choice, ErrorSummary, Radios, Select, TextInput};
use crate::state::route::{deployment_href, use_router, Page, Route};
use crate::state::store::use_store;

#[component]
pub fn Contacts(id: String) -> impl IntoView {
    let store = use_store();
    set_title("Contacts");
    let parties = {
        let id = id.clone();
        move || {
            store.state.with(|s| {
                let Some(d) = s.deployment(&id) else { return Vec::new() };
                Party::ALL
                    .iter()
                    .map(|party| {
                        let people: Vec<&Contact> = d.contacts_at(*party).collect();
                        let missing = d.uncovered_roles(*party);
                        let rows = people
                            .iter()
                            .map(|c| {
                                let (cid, deployment_id) = (c.id.clone(), id.clone());
                                view! {
                                    <tr class="nhsuk-table__row">
                                        <td class="nhsuk-table__cell">{c.name.clone()}</td>
                                        <td class="nhsuk-table__cell">{c.role.clone()}</td>
                                        <td class="nhsuk-table__cell">{c.organisation.clone()}</td>
                                        <td class="nhsuk-table__cell">{c.email.clone()}</td>
                                        <td class="nhsuk-table__cell">
                                            <button type="button" class="app-link-button" on:click=move |_| {
                                                store.change_deployment(&deployment_id, |d| { d.remove(&cid, now()); });
                                            }>"Remove"<span class="nhsuk-u-visually-hidden">{format!(" {}", c.name)}</span></button>
                                        </td>
                                    </tr>
                                }.into_any()
                            })
                            .collect_view();
                        view! {
                            <h2 class="nhsuk-heading-m">{party.label()}</h2>
                            {(!missing.is_empty()).then(|| view! {
                                <p class="nhsuk-body-s app-missing-roles">{format!("No one yet for: {}.", missing.join(", "))}</p>
                            }.into_any())}
                            {(!people.is_empty()).then(|| view! {
                                <Table caption=format!("Contacts at the {}", party.label()) headers=&["Name", "Role", "Organisation", "Email", ""]>{rows}</Table>
                            }.into_any())}
                        }.into_any()
                    })
                    .collect::<Vec<_>>()
            })
        }
    };
    view! {
        <h1 id="page-heading" tabindex="-1">"Contacts"</h1>
        <p class="nhsuk-body">"Who to talk to at each party. The guide asks each party to cover its core roles; one person may hold several."</p>
        <a class="nhsuk-button" role="button" draggable="false" href=deployment_href(&id, Page::NewContact)>"Add a contact"</a>
        {move || parties()}
    }
}

const FORM: &str = "contact";

#[component]
pub fn ContactForm(id: String) -> impl IntoView {
    let store = use_store();
    let router = use_router();
    set_title("Add a contact");
    let party = RwSignal::new(String::new());
    let provider = RwSignal::new(String::new());
    let organisation = RwSignal::new(String::new());
    let role = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let providers = provider_choices(id.clone());
    let roles = Signal::derive(move || {
        Party::from_key(&party.get())
            .map(|p| p.core_roles().iter().map(|r| (r.to_string(), r.to_string(), None)).collect::<Vec<Choice>>())
            .unwrap_or_default()
    });
    let deployment_id = id.clone();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let draft = ContactDraft {
            party: party.get_untracked(),
            provider_id: provider.get_untracked(),
            organisation: organisation.get_untracked(),
            role: role.get_untracked(),
            name: name.get_untracked(),
            email: email.get_untracked(),
        };
        let checked = store.state.with_untracked(|s| s.deployment(&deployment_id).map(|d| draft.validate(d)));
        let fields = match checked {
            Some(Ok(fields)) => fields,
            Some(Err(found)) => return show_errors(errors, found),
            None => return,
        };
        let record = fields.into_record(new_id(), now());
        store.change_deployment(&deployment_id, |d| d.contacts.push(record));
        router.go(&Route::Deployment(deployment_id.clone(), Page::Contacts));
    };
    view! {
        <a class="nhsuk-back-link" href=deployment_href(&id, Page::Contacts)>"Back"</a>
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-two-thirds">
                <ErrorSummary errors=errors form=FORM/>
                <h1 id="page-heading" tabindex="-1">"Add a contact"</h1>
                <form novalidate on:submit=on_submit>
                    <Radios form=FORM field="party" legend="Which party do they work for?" value=party error=error_for(errors, "party")
                        choices=choices(&Party::ALL, Party::key, Party::label)/>
                    <crate::ui::when::When when=std::sync::Arc::new(move || party.get() == "provider")
                        fallback=move || view! { <TextInput form=FORM field="organisation" label="Organisation" value=organisation error=error_for(errors, "organisation")/> }>
                        <Select form=FORM field="provider" label="Provider" choices=providers value=provider error=error_for(errors, "provider")/>
                    </crate::ui::when::When>
                    <Select form=FORM field="role" label="Role" choices=roles value=role error=error_for(errors, "role")/>
                    <TextInput form=FORM field="name" label="Full name" value=name error=error_for(errors, "name")/>
                    <TextInput form=FORM field="email" label="Email address (optional)" value=email error=error_for(errors, "email") input_type="email"/>
                    <button class="nhsuk-button" type="submit">"Add contact"</button>
                </form>
            </div>
        </div>
    }
}
