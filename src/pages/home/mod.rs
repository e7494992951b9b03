//! The start page: the portfolio of every deployment held in this browser,
//! each with where it stands on the as-of date, in the order the user picks.

use std::sync::Arc;

use bars_domain::portfolio::{portfolio, PortfolioRow, SortBy, Standing};
use bars_domain::readiness::{describe, Projection};
use leptos::prelude::*;

use crate::state::browser::{new_id, now, set_title, today};
use crate::state::hooks::use_as_of;
use crate::state::route::{deployment_href, query_pairs, show_in_address, use_router, Page, Route};
use crate::state::store::use_store;
use crate::ui::as_of::AsOfControl;
use crate::ui::table::Table;
use crate::ui::tag::tag;
use crate::ui::text::bdi;
use crate::ui::when::When;

#[component]
pub fn DeploymentList() -> impl IntoView {
    let store = use_store();
    let router = use_router();
    let as_of = use_as_of();
    set_title("Beta deployments");
    let sort = RwSignal::new(SortBy::from_key(query_pairs().iter().find(|(k, _)| k == "sort").map_or("", |(_, v)| v.as_str())));
    let rows = Memo::new(move |_| store.state.with(|s| portfolio(s, as_of.get(), sort.get())));
    let details = move |id: &str| {
        store.state.with(|s| {
            s.deployment(id).map(|d| {
                let c = d.criteria();
                format!("{}, {} risk: {} referrals, {} days", d.application.title(), d.risk_level.label(), c.min_referrals, c.min_verification_days)
            })
        })
    };
    let on_sort = move |ev| {
        let chosen = SortBy::from_key(&event_target_value(&ev));
        sort.set(chosen);
        let mut pairs = vec![("sort", chosen.key().to_owned())];
        if let Some(date) = router.as_of.get_untracked() {
            pairs.push(("asof", date.to_string()));
        }
        show_in_address(&Route::Home, &pairs);
    };
    let empty = move || store.state.with(|s| s.deployments.is_empty());
    // A fictional deployment with every page filled in, saved like one created by hand.
    let explore = move |_| {
        let example = bars_domain::example::example_deployment(today(), now(), &mut new_id);
        let id = example.id.clone();
        store.change(|s| s.deployments.push(example));
        router.go(&Route::Deployment(id, Page::Progress));
    };
    view! {
        <h1 id="page-heading" tabindex="-1">"Beta deployments"</h1>
        <p class="nhsuk-lede-text">
            "Track each BaRS beta deployment against its acceptance criteria, and share its state with the other organisations taking part."
        </p>
        <div class="nhsuk-button-group">
            <a class="nhsuk-button" href=Route::NewDeployment.href() role="button" draggable="false">"Create a deployment"</a>
            <When when=Arc::new(empty)>
                <button class="nhsuk-button nhsuk-button--secondary" type="button" id="explore-example" on:click=explore>"Explore with an example"</button>
            </When>
            <a class="nhsuk-button nhsuk-button--secondary" href=Route::Share.href() role="button" draggable="false">"Import or export"</a>
        </div>
        <p class="nhsuk-body">
            <a href=Route::Calculator.href() id="calculator-link">"Quick readiness calculation"</a>
            ": work out when one provider could exit public beta, without setting up a deployment."
        </p>
        <When
            when=Arc::new(move || !empty())
            fallback=|| view! {
                <p class="nhsuk-body" id="no-deployments">
                    "There are no deployments in this browser yet. To see what the tracker shows, explore with an example: a fictional beta with four providers at different stages, which you can delete like any other deployment."
                </p>
            }
        >
            <div class="app-portfolio__controls">
                <AsOfControl/>
                <div class="nhsuk-form-group">
                    <label class="nhsuk-label nhsuk-label--s" for="portfolio-sort">"Sort by"</label>
                    <select class="nhsuk-select" id="portfolio-sort" name="sort" on:change=on_sort>
                        {SortBy::ALL.into_iter().map(|s| view! {
                            <option value=s.key() selected=move || sort.get() == s>{s.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <Table id="deployments" class="nhsuk-table-responsive app-portfolio" caption="Deployments in this browser" caption_class="nhsuk-table__caption"
                headers=&["Deployment", "Status", "Providers met", "Earliest exit", "Next call", "Open issues", "Stable version uplift due"]>
                {move || rows.with(|rows| rows.iter().map(|r| row(r, details(&r.id).unwrap_or_default())).collect_view())}
            </Table>
        </When>
    }
}

fn standing_tag(s: Standing) -> AnyView {
    let colour = match s {
        Standing::Met => "green",
        Standing::OnTrack => "blue",
        Standing::Blocked => "orange",
        Standing::NotLive => "grey",
    };
    tag(s.label(), colour)
}

fn row(r: &PortfolioRow, details: String) -> impl IntoView {
    let exit = match &r.exit {
        Projection::Reached(d) => format!("Met on {}", describe::date(*d)),
        Projection::Expected(d) => describe::date(*d),
        Projection::Blocked(why) => format!("Cannot be dated: {why}"),
    };
    let cell = |heading: &'static str, content: AnyView| view! {
        <td class="nhsuk-table__cell">
            <span class="nhsuk-table-responsive__heading" aria-hidden="true">{heading}" "</span>
            {content}
        </td>
    };
    view! {
        <tr class="nhsuk-table__row" data-deployment=r.id.clone() data-standing=r.standing.label()>
            <th class="nhsuk-table__header" scope="row">
                <span class="nhsuk-table-responsive__heading" aria-hidden="true">"Deployment "</span>
                <span>
                    <a href=deployment_href(&r.id, Page::Progress)>{bdi(r.name.clone())}</a>
                    <span class="app-portfolio__details">{details}</span>
                </span>
            </th>
            {cell("Status", standing_tag(r.standing))}
            {cell("Providers met", format!("{} of {}", r.providers_met, r.providers).into_any())}
            {cell("Earliest exit", exit.into_any())}
            {cell("Next call", r.next_call.as_ref().map(|(day, title)| format!("{}: {title}", describe::date(*day))).unwrap_or_else(|| "None planned".to_owned()).into_any())}
            {cell("Open issues", r.open_issues.to_string().into_any())}
            {cell("Stable version uplift due", r.uplift_deadline.map(describe::date).unwrap_or_else(|| "Not published yet".to_owned()).into_any())}
        </tr>
    }
}
