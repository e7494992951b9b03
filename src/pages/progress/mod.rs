//! The deployment's progress page: the as-of date, then how far the deployment
//! and every provider is from the acceptance criteria, all from `assess`.

use bars_domain::readiness::{describe, Phase, Projection, ProviderReadiness, Readiness};
use leptos::prelude::*;

use crate::state::browser::set_title;
use crate::state::hooks::{use_as_of, use_readiness};
use crate::state::route::{deployment_href, use_router, Page, Route};
use crate::state::store::use_store;
use crate::ui::summary_list::SummaryRow;
use crate::ui::table::Table;
use crate::ui::tag::met_tag;

#[component]
pub fn Progress(id: String) -> impl IntoView {
    let store = use_store();
    let readiness = use_readiness(id.clone());
    let details = {
        let id = id.clone();
        move || store.state.with(|s| s.deployment(&id).map(|d| (d.name.clone(), d.application.title(), d.application.summary(), d.risk_level.label(), d.has_responses, d.stable_published)))
    };
    let (name, ..) = details().unwrap_or_default();
    set_title(&format!("Progress – {name}"));
    let edit = deployment_href(&id, Page::Edit);
    let providers_link = deployment_href(&id, Page::NewProvider);
    let delete = deployment_href(&id, Page::Delete);
    view! {
        <h1 id="page-heading" tabindex="-1">{name}</h1>
        <AsOfControl/>
        {move || readiness.get().map(|r| {
            let providers_link = providers_link.clone();
            view! {
                <DeploymentSummary readiness=r.clone()/>
                {if r.providers.is_empty() {
                    view! {
                        <div class="nhsuk-inset-text">
                            <p>"No providers have been added yet. "<a href=providers_link>"Add the providers taking part"</a>" to see their progress."</p>
                        </div>
                    }.into_any()
                } else {
                    r.providers.iter().map(|p| view! {
                        <ProviderCard id=id.clone() provider=p.clone() as_of=r.as_of referrals=describe::referrals(&r.referrals)/>
                    }).collect_view().into_any()
                }}
            }
        })}
        <h2 class="nhsuk-heading-m">"Deployment details"</h2>
        {move || details().map(|(name, app, summary, level, responses, published)| view! {
            <dl class="nhsuk-summary-list" id="deployment-details">
                <SummaryRow key="Name" value=name change=Some((edit.clone(), "name"))/>
                <SummaryRow key="BaRS Application" value=format!("{app}: {summary}") change=Some((edit.clone(), "BaRS Application"))/>
                <SummaryRow key="Service Risk Level" value=level.to_owned() change=Some((edit.clone(), "Service Risk Level"))/>
                <SummaryRow key="Referrals count when" value=(if responses { "their response has come back" } else { "they are sent" }).to_owned() change=Some((edit.clone(), "how referrals are counted"))/>
                <SummaryRow key="Stable v1.0 published" value=published.map(describe::date).unwrap_or_else(|| "Not yet".to_owned()) change=Some((edit.clone(), "publication date"))/>
            </dl>
        })}
        <div class="nhsuk-button-group">
            <a class="nhsuk-button nhsuk-button--secondary" role="button" draggable="false" href=Route::Share.href()>"Share or import"</a>
            <a class="nhsuk-button nhsuk-button--warning" role="button" draggable="false" href=delete>"Delete deployment"</a>
        </div>
    }
}

/// Chooses the date progress is shown for; kept in the address as `?asof=`.
#[component]
fn AsOfControl() -> impl IntoView {
    let router = use_router();
    let as_of = use_as_of();
    let on_change = move |ev| {
        let raw = event_target_value(&ev);
        match bars_domain::forms::parse_date(&raw) {
            Ok(Some(date)) => router.set_as_of(Some(date)),
            Ok(None) => router.set_as_of(None),
            Err(_) => {} // the browser's date field only yields real dates or nothing
        }
    };
    view! {
        <div class="nhsuk-form-group app-as-of">
            <label class="nhsuk-label nhsuk-label--s" for="as-of">"Show progress as of"</label>
            <div class="nhsuk-hint" id="as-of-hint">"Choose a later date to see where the beta will be then, if nothing else happens."</div>
            <input class="nhsuk-input nhsuk-input--width-10" id="as-of" name="asof" type="date" aria-describedby="as-of-hint"
                prop:value=move || as_of.get().to_string() on:change=on_change/>
            <Show when=move || router.as_of.get().is_some()>
                <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small app-as-of__today"
                    on:click=move |_| router.set_as_of(None)>"Back to today"</button>
            </Show>
        </div>
    }
}

#[component]
fn DeploymentSummary(readiness: Readiness) -> impl IntoView {
    let r = readiness;
    let exit = match (&r.earliest_exit, r.met) {
        (exit, true) => describe::projection(exit, "Every provider met the acceptance criteria by", ""),
        (Projection::Blocked(why), false) => format!("No exit date can be projected yet: {why}."),
        (exit, false) => describe::projection(exit, "", "Earliest exit from beta:"),
    };
    let referrals = &r.referrals;
    let rate = describe::rate(referrals).map(|rate| format!("Recent rate: {rate}."));
    let not_live = (referrals.not_live > 0).then(|| {
        format!("{} more recorded before their provider went live are not counted.", referrals.not_live)
    });
    view! {
        <div class="nhsuk-card app-summary" id="deployment-readiness" data-met=r.met.to_string()>
            <div class="nhsuk-card__content">
                <h2 class="nhsuk-card__heading nhsuk-heading-m">
                    {if r.met { "This deployment has met the acceptance criteria" } else { "This deployment has not yet met the acceptance criteria" }}
                </h2>
                <p class="nhsuk-body" id="deployment-exit">{exit}</p>
                <p class="nhsuk-body" id="deployment-referrals">
                    <strong>{describe::referrals(referrals)}</strong>
                    {format!(" across all providers, on or before {}. ", describe::date(r.as_of))}
                    {rate.unwrap_or_default()}" "
                    {describe::projection(&referrals.projection, "Minimum reached on", "Minimum expected on")}"."
                </p>
                {not_live.map(|t| view! { <p class="nhsuk-body-s">{t}</p> })}
                {r.uplift_deadline.map(|d| view! {
                    <p class="nhsuk-body" id="uplift-deadline">
                        {format!("Suppliers must deploy the stable version by {}.", describe::date(d))}
                    </p>
                })}
            </div>
        </div>
    }
}

#[component]
fn ProviderCard(id: String, provider: ProviderReadiness, as_of: chrono::NaiveDate, referrals: String) -> impl IntoView {
    let p = provider;
    let pid = p.provider_id.clone();
    let phase = match p.phase {
        Phase::NotLive => "Not live yet: no go-live date recorded".to_owned(),
        Phase::GoingLive(d) => format!("Goes live on {}", describe::date(d)),
        Phase::Live(d) => format!("Live since {}", describe::date(d)),
    };
    let v = &p.verification;
    let mut verification_detail: Vec<String> = v.restarts.iter().map(|r| format!("{}: {}", describe::restart(r), r.summary)).collect();
    verification_detail.push(describe::projection(&v.projection, "Period completed on", "Period ends on"));
    let uat_detail: Vec<String> = p
        .uat
        .workflows
        .iter()
        .filter(|w| w.latest != Some(bars_domain::records::Outcome::Pass))
        .map(|w| match (w.latest, w.latest_date) {
            (Some(_), Some(d)) => format!("{}: failed on {}", w.name, describe::date(d)),
            _ => format!("{}: not tested", w.name),
        })
        .collect();
    let guidance_detail = p
        .guidance
        .reviewed_on
        .map(|d| format!("Reviewed on {}", describe::date(d)))
        .unwrap_or_else(|| "Not recorded".to_owned());
    let rows = vec![
        ("uat", "UAT test plan passed", p.uat.met, describe::uat(&p.uat), uat_detail),
        ("referrals", "Minimum referrals", p.referrals_met, referrals, vec!["Counted across all providers in the deployment".to_owned()]),
        ("verification", "Verification period", v.met, describe::days(v), verification_detail),
        ("guidance", "Guidance reviewed", p.guidance.met, guidance_detail, vec![]),
    ];
    let rows = rows
        .into_iter()
        .map(|(key, label, met, distance, detail)| {
            view! {
                <tr class="nhsuk-table__row" data-provider=pid.clone() data-criterion=key data-met=met.to_string()>
                    <th class="nhsuk-table__header" scope="row">{label}</th>
                    <td class="nhsuk-table__cell">{met_tag(met)}</td>
                    <td class="nhsuk-table__cell">
                        <span class="app-distance">{distance}</span>
                        {(!detail.is_empty()).then(|| view! {
                            <ul class="nhsuk-list nhsuk-body-s app-detail">
                                {detail.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                            </ul>
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let exit = match (&p.earliest_exit, p.met) {
        (_, true) => describe::projection(&p.earliest_exit, "Met the acceptance criteria on", ""),
        (Projection::Blocked(why), _) => format!("No exit date can be projected: {why}."),
        (projection, _) => describe::projection(projection, "", "Earliest exit:"),
    };
    let also = (!p.met && !p.also_needs.is_empty()).then(|| format!("Also needs {}.", p.also_needs.join(" and ")));
    let gates: Vec<&'static str> = p.open_gates.iter().map(|g| g.label()).collect();
    let show_gates = !matches!(p.phase, Phase::Live(d) if d <= as_of) && !gates.is_empty();
    let heading_id = format!("provider-{pid}-heading");
    let labelled_by = heading_id.clone();
    view! {
        <section class="nhsuk-card app-provider" aria-labelledby=labelled_by data-provider=pid.clone() data-met=p.met.to_string()>
            <div class="nhsuk-card__content">
                <h2 class="nhsuk-card__heading nhsuk-heading-m" id=heading_id>
                    <a href=deployment_href(&id, Page::Provider(pid.clone()))>{p.name.clone()}</a>
                    " "{met_tag(p.met)}
                </h2>
                <p class="nhsuk-body">{phase}</p>
                <Table class="nhsuk-table app-criteria" caption=format!("Acceptance criteria for {}", p.name)
                    headers=&["Criterion", "Status", "Progress"]>{rows}</Table>
                <p class="nhsuk-body app-exit" data-provider=pid.clone()>{exit}</p>
                {also.map(|t| view! { <p class="nhsuk-body">{t}</p> })}
                {show_gates.then(|| view! {
                    <details class="nhsuk-details">
                        <summary class="nhsuk-details__summary">
                            <span class="nhsuk-details__summary-text">{format!("{} pre-live checks still open", gates.len())}</span>
                        </summary>
                        <div class="nhsuk-details__text">
                            <ul class="nhsuk-list nhsuk-list--bullet app-open-gates">
                                {gates.into_iter().map(|g| view! { <li>{g}</li> }).collect_view()}
                            </ul>
                        </div>
                    </details>
                })}
            </div>
        </section>
    }
}
