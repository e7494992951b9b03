//! Who does what: the team charter, the RASCI matrix with its
//! one-Accountable check, and the ways into each party's responsibilities
//! and "what my organisation does next".

pub mod duties;
pub mod matrix;
pub mod next;

use bars_domain::rasci::accountable_problems;
use leptos::prelude::*;

use crate::state::browser::set_title;
use crate::state::route::{deployment_href, Page};
use crate::state::store::use_store;
use crate::ui::accountable::accountable_warning;

/// The guide's five principles for working together, in the app's words.
const CHARTER: [(&str, &str); 5] = [
    ("Transparency", "Every party is open and honest with the others, and shares the information and resources the beta reasonably needs."),
    ("Support", "Every party looks after the professional reputation of the others, settles disagreements quickly and professionally, and agrees what is said outside the group about them."),
    ("Mutual success", "Each organisation works for the success of the others taking part, not only its own."),
    ("Commitment", "A party that starts a BaRS Application sees it through to the end."),
    ("Timescales", "Each organisation keeps up its pace of development, so that sending and receiving providers and their suppliers finish together."),
];

#[component]
pub fn Roles(id: String) -> impl IntoView {
    let store = use_store();
    set_title("Roles");
    let rows = {
        let id = id.clone();
        Memo::new(move |_| store.state.with(|s| s.deployment(&id).map(|d| d.rasci()).unwrap_or_default()))
    };
    let warning = {
        let id = id.clone();
        move || accountable_warning(&id, &rows.with(|r| accountable_problems(r)), true)
    };
    let table = {
        let id = id.clone();
        move || rows.with(|r| matrix::matrix_table(&id, r))
    };
    let charter = CHARTER
        .iter()
        .map(|(name, text)| view! { <li><strong>{*name}</strong>": "{*text}</li> }.into_any())
        .collect_view();
    view! {
        <div class="app-rasci-print">
            <h1 id="page-heading" tabindex="-1">"Roles"</h1>
            <div class="app-no-print">
                <p class="nhsuk-body">"Who does what in this beta: the parties\u{2019} promises, and who is responsible, accountable, supporting, consulted or informed for each task."</p>
                <ul class="nhsuk-list nhsuk-list--bullet">
                    <li><a href=deployment_href(&id, Page::NextSteps(None))>"What my organisation does next"</a></li>
                    <li><a href=deployment_href(&id, Page::Responsibilities(None))>"Each party\u{2019}s responsibilities"</a></li>
                </ul>
                {warning}
            </div>
            <h2 class="nhsuk-heading-m">"RASCI matrix"</h2>
            <p class="nhsuk-body-s app-no-print">
                "It starts as the beta deployment guide\u{2019}s matrix. R: responsible for getting the task done. A: accountable for its success. "
                "S: supports those responsible. C: consulted for advice. I: kept informed. Choose a task to change who does what; "
                "a changed cell shows the guide\u{2019}s letters beside it."
            </p>
            {table}
        </div>
        <div class="app-no-print">
            <h2 class="nhsuk-heading-m" id="team-charter">"Team charter"</h2>
            <p class="nhsuk-body">"How the parties agree to work together:"</p>
            <ul class="nhsuk-list nhsuk-list--bullet app-charter">{charter}</ul>
        </div>
    }
}
