//! One deployment: its details and the acceptance criteria they imply.

use leptos::prelude::*;

use crate::browser::set_title;
use crate::route::Route;
use crate::store::use_store;

#[component]
pub fn DeploymentView(id: String) -> impl IntoView {
    let store = use_store();
    let lookup = id.clone();
    let deployment = Memo::new(move |_| store.state.with(|s| s.deployment(&lookup).cloned()));
    move || match deployment.get() {
        None => view! { <NoSuchDeployment/> }.into_any(),
        Some(d) => {
            set_title(&d.name);
            let criteria = d.criteria();
            let edit = Route::EditDeployment(d.id.clone()).href();
            let workflows = d.application.default_workflows().join(", ");
            view! {
                <a class="nhsuk-back-link" href="./">"All deployments"</a>
                <span class="nhsuk-caption-l">{d.application.title()}</span>
                <h1 id="page-heading" tabindex="-1">{d.name.clone()}</h1>
                <h2 class="nhsuk-heading-m">"Acceptance criteria"</h2>
                <p class="nhsuk-body">
                    {format!("A {} Service Risk Level means this beta can end only when both of these are met:", d.risk_level.label().to_lowercase())}
                </p>
                <ul class="nhsuk-list nhsuk-list--bullet" id="criteria">
                    <li data-criterion="referrals">
                        <strong>{format!("{} referrals", criteria.min_referrals)}</strong>
                        " completed, counted across all providers in the deployment"
                    </li>
                    <li data-criterion="verification">
                        <strong>{format!("{} days", criteria.min_verification_days)}</strong>
                        " of live running with no safety incident caused by the BaRS implementation"
                    </li>
                </ul>
                <h2 class="nhsuk-heading-m">"Details"</h2>
                <dl class="nhsuk-summary-list">
                    <div class="nhsuk-summary-list__row">
                        <dt class="nhsuk-summary-list__key">"Name"</dt>
                        <dd class="nhsuk-summary-list__value">{d.name.clone()}</dd>
                        <dd class="nhsuk-summary-list__actions">
                            <a href=edit.clone()>"Change"<span class="nhsuk-u-visually-hidden">" name"</span></a>
                        </dd>
                    </div>
                    <div class="nhsuk-summary-list__row">
                        <dt class="nhsuk-summary-list__key">"BaRS Application"</dt>
                        <dd class="nhsuk-summary-list__value">
                            {d.application.title()}<br/>
                            <span class="nhsuk-body-s">{d.application.summary()}</span>
                        </dd>
                        <dd class="nhsuk-summary-list__actions">
                            <a href=edit.clone()>"Change"<span class="nhsuk-u-visually-hidden">" BaRS Application"</span></a>
                        </dd>
                    </div>
                    <div class="nhsuk-summary-list__row">
                        <dt class="nhsuk-summary-list__key">"Workflows to test"</dt>
                        <dd class="nhsuk-summary-list__value">
                            {if workflows.is_empty() { "Defined in the test plan".to_owned() } else { workflows }}
                        </dd>
                        <dd class="nhsuk-summary-list__actions"></dd>
                    </div>
                    <div class="nhsuk-summary-list__row">
                        <dt class="nhsuk-summary-list__key">"Service Risk Level"</dt>
                        <dd class="nhsuk-summary-list__value" id="risk-level">{d.risk_level.label()}</dd>
                        <dd class="nhsuk-summary-list__actions">
                            <a href=edit>"Change"<span class="nhsuk-u-visually-hidden">" Service Risk Level"</span></a>
                        </dd>
                    </div>
                </dl>
                <a class="nhsuk-button nhsuk-button--warning" role="button" draggable="false"
                    href=Route::DeleteDeployment(d.id.clone()).href()>"Delete deployment"</a>
            }
            .into_any()
        }
    }
}

#[component]
pub fn NoSuchDeployment() -> impl IntoView {
    set_title("Deployment not found");
    view! {
        <h1 id="page-heading" tabindex="-1">"Deployment not found"</h1>
        <p class="nhsuk-body">
            "There is no deployment with this address in this browser. It may have been deleted, or it was created in another browser: ask whoever sent the link to export it for you."
        </p>
        <p class="nhsuk-body"><a href="./">"See all deployments"</a></p>
    }
}
