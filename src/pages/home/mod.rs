//! The start page: every deployment held in this browser.

use leptos::prelude::*;

use crate::state::browser::set_title;
use crate::state::route::Route;
use crate::state::store::use_store;
use crate::ui::table::Table;

#[component]
pub fn DeploymentList() -> impl IntoView {
    let store = use_store();
    set_title("Beta deployments");
    let rows = move || {
        store.state.with(|s| {
            s.deployments_by_name()
                .into_iter()
                .map(|d| {
                    let criteria = d.criteria();
                    view! {
                        <tr class="nhsuk-table__row" data-deployment=d.id.clone()>
                            <td class="nhsuk-table__cell">
                                <a href=crate::state::route::deployment_href(&d.id, crate::state::route::Page::Progress)>{d.name.clone()}</a>
                            </td>
                            <td class="nhsuk-table__cell">{d.application.title()}</td>
                            <td class="nhsuk-table__cell">{d.risk_level.label()}</td>
                            <td class="nhsuk-table__cell">
                                {format!("{} referrals, {} days", criteria.min_referrals, criteria.min_verification_days)}
                            </td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let empty = move || store.state.with(|s| s.deployments.is_empty());
    view! {
        <h1 id="page-heading" tabindex="-1">"Beta deployments"</h1>
        <p class="nhsuk-lede-text">
            "Track each BaRS beta deployment against its acceptance criteria, and share its state with the other organisations taking part."
        </p>
        <div class="nhsuk-button-group">
            <a class="nhsuk-button" href=Route::NewDeployment.href() role="button" draggable="false">"Create a deployment"</a>
            <a class="nhsuk-button nhsuk-button--secondary" href=Route::Share.href() role="button" draggable="false">"Import or export"</a>
        </div>
        <Show
            when=move || !empty()
            fallback=|| view! { <p class="nhsuk-body" id="no-deployments">"There are no deployments in this browser yet."</p> }
        >
            <Table id="deployments" caption="Deployments in this browser" caption_class="nhsuk-table__caption"
                headers=&["Name", "Application", "Service Risk Level", "Minimum to exit beta"]>{move || rows()}</Table>
        </Show>
    }
}
