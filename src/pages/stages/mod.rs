//! The beta's process: every provider's stage on one page (the stages
//! overview), and per provider its decisions, business change and history.

pub mod business_change;
pub mod decision;
pub mod history;

use bars_domain::describe_date;
use bars_domain::stages::{deployment_stages, provider_stages, Stage, StageStatus, UpliftStatus};
use leptos::prelude::*;

use crate::state::browser::set_title;
use crate::state::hooks::use_as_of;
use crate::state::route::{deployment_href, Page};
use crate::state::store::use_store;
use crate::ui::summary_list::SummaryRow;
use crate::ui::tag::tag;

/// The name of `provider` in deployment `id`, for a provider's own page (`None`: not found).
fn provider_name(id: &str, provider: &str) -> Option<String> {
    use_store().state.with_untracked(|s| s.deployment(id).and_then(|d| d.provider(provider)).map(|p| p.name.clone()))
}

/// One cell of the overview: the status in a word, the current stage marked,
/// a stage left open behind the current one (a gap) said so.
fn cell(status: StageStatus, current: bool, gap: bool) -> AnyView {
    let (class, text) = match status {
        StageStatus::Completed => ("nhsuk-table__cell app-stage app-stage--done", "Done"),
        _ if gap => ("nhsuk-table__cell app-stage app-stage--gap", "Not recorded"),
        StageStatus::InProgress => ("nhsuk-table__cell app-stage app-stage--active", "In progress"),
        StageStatus::NotStarted => ("nhsuk-table__cell app-stage app-stage--open", "Not started"),
        StageStatus::CannotStartYet => ("nhsuk-table__cell app-stage", "Not yet"),
    };
    let class = if current { format!("{class} app-stage--current") } else { class.to_owned() };
    view! {
        <td class=class data-status=status.label()>
            {text}{current.then(|| view! { <span class="nhsuk-u-visually-hidden">" (current stage)"</span> }.into_any())}
        </td>
    }
    .into_any()
}

#[component]
pub fn StagesOverview(id: String) -> impl IntoView {
    let store = use_store();
    let as_of = use_as_of();
    set_title("Stages");
    let grid = {
        let id = id.clone();
        move || {
            let as_of = as_of.get();
            store.state.with(|s| {
                let Some(d) = s.deployment(&id) else { return ().into_any() };
                if d.providers.is_empty() {
                    return view! { <p class="nhsuk-body">"No providers yet: add them on the Providers page."</p> }.into_any();
                }
                let head = Stage::ALL.iter().map(|s| view! { <th class="nhsuk-table__header app-stage-head" scope="col">{s.short()}</th> }.into_any()).collect_view();
                let rows = d
                    .providers
                    .iter()
                    .map(|p| {
                        let st = provider_stages(d, &p.id, as_of);
                        let now = match st.current {
                            Some(stage) => format!("Now: {}", stage.short()),
                            None => "Every stage completed".to_owned(),
                        };
                        let blocked = (!st.blocked_by.is_empty()).then(|| view! { <span class="app-stage-blocked">" Blocked"</span> }.into_any());
                        let behind = |stage: Stage| stage != Stage::BusinessChange && st.current.is_none_or(|c| stage < c);
                        let cells = st.stages.iter().map(|s| cell(s.status, st.current == Some(s.stage), behind(s.stage))).collect_view();
                        view! {
                            <tr class="nhsuk-table__row" data-provider=p.name.clone() data-stage=st.where_now().key()>
                                <th class="nhsuk-table__header app-stage-provider" scope="row">
                                    <a href=deployment_href(&id, Page::Provider(p.id.clone()))>{p.name.clone()}</a>
                                    <span class="app-stage-now">{now}{blocked}</span>
                                </th>
                                {cells}
                            </tr>
                        }.into_any()
                    })
                    .collect_view();
                view! {
                    <div class="app-stage-scroll" role="region" aria-labelledby="stage-grid-caption" tabindex="0">
                        <table class="nhsuk-table app-stage-grid" id="stage-grid">
                            <caption class="nhsuk-table__caption nhsuk-table__caption--s" id="stage-grid-caption">
                                {format!("Each provider's stages on {}", describe_date(as_of))}
                            </caption>
                            <thead class="nhsuk-table__head">
                                <tr class="nhsuk-table__row"><th class="nhsuk-table__header" scope="col">"Provider"</th>{head}</tr>
                            </thead>
                            <tbody class="nhsuk-table__body">{rows}</tbody>
                        </table>
                    </div>
                }
                .into_any()
            })
        }
    };
    let after = {
        let id = id.clone();
        move || {
            let as_of = as_of.get();
            store.state.with(|s| {
                let Some(d) = s.deployment(&id) else { return ().into_any() };
                let ds = deployment_stages(d, as_of);
                let edit = deployment_href(&id, Page::Edit);
                let or_not = |date: Option<chrono::NaiveDate>| date.map(describe_date).unwrap_or_else(|| "Not yet".to_owned());
                let suppliers = ds
                    .suppliers
                    .iter()
                    .map(|x| {
                        let status = match x.status {
                            UpliftStatus::NotDue => tag("Not due yet", "grey"),
                            UpliftStatus::Deployed { on_time: true, .. } => tag("On time", "green"),
                            UpliftStatus::Deployed { on_time: false, .. } => tag("Late", "red"),
                            UpliftStatus::Due { days_left, .. } if days_left < 0 => tag("Overdue", "red"),
                            UpliftStatus::Due { .. } => tag("Due", "grey"),
                        };
                        let words = match x.status {
                            UpliftStatus::NotDue => "The stable version is not published".to_owned(),
                            UpliftStatus::Deployed { on, .. } => format!("Deployed to every provider by {}", describe_date(on)),
                            UpliftStatus::Due { deadline, days_left } if days_left < 0 => {
                                format!("Deadline {} passed {} days ago", describe_date(deadline), -days_left)
                            }
                            UpliftStatus::Due { deadline, days_left } => format!("Due by {} ({days_left} days left)", describe_date(deadline)),
                        };
                        view! {
                            <tr class="nhsuk-table__row" data-supplier=x.supplier.clone()>
                                <th class="nhsuk-table__header" scope="row">{x.supplier.clone()}</th>
                                <td class="nhsuk-table__cell">{format!("{} of {}", x.deployed, x.providers)}</td>
                                <td class="nhsuk-table__cell">{status}" "{words}</td>
                            </tr>
                        }.into_any()
                    })
                    .collect_view();
                view! {
                    <h2 class="nhsuk-heading-l">"After the public beta"</h2>
                    <dl class="nhsuk-summary-list" id="after-beta">
                        <SummaryRow key="Standard updated" value=or_not(ds.standard_updated) change=Some((edit.clone(), "date the standard was updated"))/>
                        <SummaryRow key="Stable version (v1.0) published" value=or_not(ds.stable_published) change=Some((edit, "publication date"))/>
                        <SummaryRow key="Uplift deadline" value=ds.uplift_deadline.map(describe_date).unwrap_or_else(|| "Set when the stable version is published".to_owned()) change=None/>
                    </dl>
                    <p class="nhsuk-body">"Each supplier deploys the uplifted stable version within 3 months of its publication. Record it for each provider as the check \u{201c}Uplifted stable (v1.0) version deployed\u{201d}."</p>
                    <table class="nhsuk-table" id="uplift">
                        <caption class="nhsuk-table__caption nhsuk-table__caption--s">"Uplift to the stable version, by supplier"</caption>
                        <thead class="nhsuk-table__head"><tr class="nhsuk-table__row">
                            <th class="nhsuk-table__header" scope="col">"Supplier"</th>
                            <th class="nhsuk-table__header" scope="col">"Providers with it deployed"</th>
                            <th class="nhsuk-table__header" scope="col">"Against the deadline"</th>
                        </tr></thead>
                        <tbody class="nhsuk-table__body">{suppliers}</tbody>
                    </table>
                }
                .into_any()
            })
        }
    };
    view! {
        <h1 id="page-heading" tabindex="-1">"Stages"</h1>
        <p class="nhsuk-body">
            "Where each provider is in the beta, in the guide's order. A \u{201c}no\u{201d} at a decision sends a provider back; its history keeps every decision. Business change runs alongside the other stages. Open a provider for what its current stage waits on."
        </p>
        {move || grid()}
        {move || after()}
    }
}
