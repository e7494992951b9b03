//! The deployment's progress page: the as-of date, then how far the deployment
//! and every provider is from the acceptance criteria, all from `assess`.

mod charts;

use bars_domain::readiness::{describe, Phase, Projection, ProviderReadiness, Readiness};
use leptos::prelude::*;

use crate::state::browser::set_title;
use crate::state::hooks::use_readiness;
use crate::state::route::{deployment_href, Page, Route};
use crate::state::store::use_store;
use crate::ui::as_of::AsOfControl;
use crate::ui::summary_list::SummaryRow;
use crate::ui::table::Table;
use crate::ui::tag::met_tag_of;
use crate::ui::text::{bdi, isolate};
use crate::ui::when::When;

#[component]
pub fn Progress(id: String) -> impl IntoView {
    let store = use_store();
    let readiness = use_readiness(id.clone());
    let details = {
        let id = id.clone();
        move || store.state.with(|s| s.deployment(&id).map(|d| (d.name.clone(), d.application.title(), d.application.summary(), d.risk_level.label(), d.has_responses, d.stable_published)))
    };
    let (name, ..) = details().unwrap_or_default();
    set_title(&format!("Progress – {}", isolate(&name)));
    let edit = deployment_href(&id, Page::Edit);
    let providers_link = deployment_href(&id, Page::NewProvider);
    let delete = deployment_href(&id, Page::Delete);
    let (summary_id, as_of) = (id.clone(), crate::state::hooks::use_as_of());
    // Which providers have cards: only a change here (a provider added, removed
    // or renamed) builds the cards again; a new as-of date only rewrites the
    // figures that changed, through each card's own memo.
    let providers = Memo::new(move |_| {
        readiness.with(|r| r.as_ref().map(|r| r.providers.iter().map(|p| (p.provider_id.clone(), p.name.clone())).collect::<Vec<_>>()))
    });
    // The one-Accountable check of the RASCI matrix, with links to settle it.
    let accountable = {
        let id = id.clone();
        let problems = {
            let id = id.clone();
            Memo::new(move |_| store.state.with(|s| s.deployment(&id).map(|d| bars_domain::rasci::accountable_problems(&d.rasci())).unwrap_or_default()))
        };
        move || problems.with(|p| crate::ui::accountable::accountable_warning(&id, p, true))
    };
    let matrix = {
        let id = id.clone();
        move || providers.with(|p| p.as_ref().filter(|p| !p.is_empty()).map(|p| provider_matrix(&id, readiness, p)))
    };
    let cards = {
        let id = id.clone();
        move || providers.with(|p| p.iter().flatten().enumerate().map(|(i, (pid, name))| provider_card(&id, readiness, i, pid, name)).collect_view())
    };
    view! {
        <h1 id="page-heading" tabindex="-1">{name}</h1>
        <AsOfControl/>
        {deployment_summary(readiness)}
        {accountable}
        {matrix}
        <charts::Charts id=id.clone() readiness=readiness/>
        {move || providers.with(|p| matches!(p, Some(p) if p.is_empty())).then(|| view! {
            <div class="nhsuk-inset-text">
                <p>"No providers have been added yet. "<a href=providers_link.clone()>"Add the providers taking part"</a>" to see their progress."</p>
            </div>
        }.into_any())}
        {cards}
        <h2 class="nhsuk-heading-m">"Deployment details"</h2>
        {move || details().map(|(name, app, summary, level, responses, published)| view! {
            <dl class="nhsuk-summary-list" id="deployment-details">
                <SummaryRow key="Name" value=name change=Some((edit.clone(), "name"))/>
                <SummaryRow key="BaRS Application" value=format!("{app}: {summary}") change=Some((edit.clone(), "BaRS Application"))/>
                <SummaryRow key="Service Risk Level" value=level.to_owned() change=Some((edit.clone(), "Service Risk Level"))/>
                <SummaryRow key="Referrals count when" value=(if responses { "their response has come back" } else { "they are sent" }).to_owned() change=Some((edit.clone(), "how referrals are counted"))/>
                <SummaryRow key="Stable v1.0 published" value=published.map(describe::date).unwrap_or_else(|| "Not yet".to_owned()) change=Some((edit.clone(), "publication date"))/>
            </dl>
        }.into_any())}
        <div class="nhsuk-button-group">
            <crate::ui::download::DownloadButton id="download-readiness" label="Download the readiness summary (CSV)" file=move |_| {
                let as_of = as_of.get_untracked();
                store.state.with_untracked(|s| s.deployment(&summary_id).map(|d| {
                    (bars_domain::csv_out::file_name(&d.name, "readiness", as_of), bars_domain::csv_out::readiness_summary(d, as_of))
                }))
            }/>
            <a class="nhsuk-button nhsuk-button--secondary" role="button" draggable="false" href=Route::Share.href()>"Share or import"</a>
            <a class="nhsuk-button nhsuk-button--warning" role="button" draggable="false" href=delete>"Delete deployment"</a>
        </div>
    }
}

/// The deployment's figures, as plain values, so that a new as-of date
/// changes the summary only where these differ.
#[derive(PartialEq, Default)]
struct Summary {
    met: bool,
    exit: String,
    referrals: String,
    /// The rest of the referrals sentence: the date, the rate, the projection.
    rest: String,
    not_live: Option<String>,
    uplift: Option<String>,
}

fn summary(r: &Readiness) -> Summary {
    let referrals = &r.referrals;
    let rate = describe::rate(referrals).map(|rate| format!("Recent rate: {rate}. ")).unwrap_or_default();
    let projection = describe::projection(&referrals.projection, "Minimum reached on", "Minimum expected on");
    Summary {
        met: r.met,
        exit: describe::deployment_exit(r),
        referrals: describe::referrals(referrals),
        rest: format!(" across all providers, on or before {}. {rate}{projection}.", describe::date(r.as_of)),
        not_live: (referrals.not_live > 0).then(|| format!("{} more recorded before their provider went live are not counted.", referrals.not_live)),
        uplift: r.uplift_deadline.map(|d| format!("Suppliers must deploy the stable version by {}.", describe::date(d))),
    }
}

/// The deployment's card: built once, then kept up to date from its memo.
fn deployment_summary(readiness: Memo<Option<Readiness>>) -> impl IntoView {
    let summary = Memo::new(move |_| readiness.with(|r| r.as_ref().map(summary)));
    let text = move |get: fn(&Summary) -> &str| move || summary.with(|s| s.as_ref().map(|s| get(s).to_owned()).unwrap_or_default());
    let optional = move |get: fn(&Summary) -> &Option<String>, class: &'static str, id: &'static str| {
        move || summary.with(|s| s.as_ref().and_then(|s| get(s).clone())).map(|t| view! { <p class=class id=id>{t}</p> }.into_any())
    };
    let met = move || summary.with(|s| s.as_ref().is_some_and(|s| s.met));
    view! { <When when=std::sync::Arc::new(move || summary.with(Option::is_some))>
        <div class="nhsuk-card app-summary" id="deployment-readiness" data-met=move || met_attribute(met())>
            <div class="nhsuk-card__content">
                <h2 class="nhsuk-card__heading nhsuk-heading-m">
                    {move || if met() { "This deployment has met the acceptance criteria" } else { "This deployment has not yet met the acceptance criteria" }}
                </h2>
                <p class="nhsuk-body" id="deployment-exit">{text(|s| &s.exit)}</p>
                <p class="nhsuk-body" id="deployment-referrals">
                    <strong>{text(|s| &s.referrals)}</strong>
                    {text(|s| &s.rest)}
                </p>
                {optional(|s| &s.not_live, "nhsuk-body-s", "deployment-not-live")}
                {optional(|s| &s.uplift, "nhsuk-body", "uplift-deadline")}
            </div>
        </div>
    </When> }.into_any()
}

/// Every provider in one table: its stage, each criterion met or not with its
/// distance, and the earliest exit; each name links to the provider's own page.
/// Below the desktop width each row stacks, every value under its heading.
/// Built again only when the providers change; each row follows its own memo.
fn provider_matrix(id: &str, readiness: Memo<Option<Readiness>>, providers: &[(String, String)]) -> AnyView {
    let rows = providers.iter().enumerate().map(|(i, (pid, name))| matrix_row(id, readiness, i, pid, name)).collect_view();
    view! {
        <Table id="provider-matrix" class="nhsuk-table-responsive nhsuk-table--compact app-matrix" caption="Providers at a glance" caption_class="nhsuk-table__caption nhsuk-table__caption--m"
            headers=&["Provider", "Stage", "UAT test plan", "Minimum referrals", "Verification period", "Guidance reviewed", "Earliest exit"]>{rows}</Table>
    }.into_any()
}

/// The `i`th provider's row of the matrix.
fn matrix_row(id: &str, readiness: Memo<Option<Readiness>>, i: usize, pid: &str, name: &str) -> AnyView {
    let card = card_memo(readiness, i);
    let heading = |text: &'static str| view! { <span class="nhsuk-table-responsive__heading" aria-hidden="true">{text}" "</span> };
    let cells = (0..CRITERIA.len())
        .map(|i| view! {
            <td class="nhsuk-table__cell">
                {heading(CRITERIA[i])}
                {met_tag_of(met_of(card, i, |c, i| c.rows[i].met))}" "<span class="app-matrix__distance">{text_of(card, i, |c, i| c.matrix_distance(i))}</span>
            </td>
        }.into_any())
        .collect_view();
    view! {
        <tr class="nhsuk-table__row" data-provider=pid.to_owned() data-met=move || met_attribute(card.with(|c| c.met))>
            <th class="nhsuk-table__header" scope="row">
                {heading("Provider")}
                <a href=deployment_href(id, Page::Provider(pid.to_owned()))>{bdi(name.to_owned())}</a>
            </th>
            <td class="nhsuk-table__cell">{heading("Stage")}{text_of(card, 0, |c, _| c.stage)}</td>
            {cells}
            <td class="nhsuk-table__cell">{heading("Earliest exit")}{text_of(card, 0, |c, _| &c.soonest)}</td>
        </tr>
    }.into_any()
}

/// One line of a criterion's detail: the app's words before, the user's text
/// (isolated), the app's words after.
type Line = (String, String, String);

/// A criterion row's figures.
#[derive(PartialEq, Default)]
struct Row {
    met: bool,
    distance: String,
    detail: Vec<Line>,
}

/// What a provider's card shows, as plain values, so that a new as-of date
/// changes the page only where these differ.
#[derive(PartialEq, Default)]
struct Card {
    met: bool,
    phase: String,
    rows: [Row; 4],
    exit: String,
    also: Option<String>,
    /// The open pre-live checks, when they are shown.
    gates: Vec<&'static str>,
    /// For the matrix: the current stage, the day guidance was reviewed and the earliest exit.
    stage: &'static str,
    reviewed: String,
    soonest: String,
}

impl Card {
    /// A criterion's distance as the matrix words it: the guidance's date alone.
    fn matrix_distance(&self, i: usize) -> &str {
        if i == 3 { &self.reviewed } else { &self.rows[i].distance }
    }
}

/// The criteria rows' headers, in order.
const CRITERIA: [&str; 4] = ["UAT test plan passed", "Minimum referrals", "Verification period", "Guidance reviewed"];

fn card(p: &ProviderReadiness, as_of: chrono::NaiveDate, referrals: String) -> Card {
    let phase = match p.phase {
        Phase::NotLive => "Not live yet: no go-live date recorded".to_owned(),
        Phase::GoingLive(d) => format!("Goes live on {}", describe::date(d)),
        Phase::Live(d) => format!("Live since {}", describe::date(d)),
    };
    let v = &p.verification;
    let mut verification: Vec<Line> =
        v.restarts.iter().map(|r| (format!("{}: ", describe::restart(r)), r.summary.clone(), String::new())).collect();
    // Without a go-live the clock's own words say why; the open checks are listed below.
    if p.phase != Phase::NotLive {
        verification.push((describe::projection(&v.projection, "Period completed on", "Period ends on"), String::new(), String::new()));
    }
    let uat = p.uat.not_passed().map(|(w, why)| (String::new(), w.name.clone(), describe::not_passed(why))).collect();
    let reviewed = p.guidance.reviewed_on.map(describe::date);
    let guidance = reviewed.as_ref().map(|d| format!("Reviewed on {d}")).unwrap_or_else(|| "Not recorded".to_owned());
    let soonest = match &p.earliest_exit {
        Projection::Blocked(_) => "Cannot be dated yet".to_owned(),
        Projection::Expected(d) if !p.also_needs.is_empty() => format!("{} at the soonest", describe::date(*d)),
        exit => describe::projection(exit, "Met on", "").trim().to_owned(),
    };
    Card {
        met: p.met,
        phase,
        rows: [
            Row { met: p.uat.met, distance: describe::uat(&p.uat), detail: uat },
            Row {
                met: p.referrals_met,
                distance: referrals,
                detail: vec![("Counted across all providers in the deployment".to_owned(), String::new(), String::new())],
            },
            Row { met: v.met, distance: describe::clock(p), detail: verification },
            Row { met: p.guidance.met, distance: guidance, detail: Vec::new() },
        ],
        exit: describe::provider_exit(p),
        also: (!p.met && !p.also_needs.is_empty()).then(|| format!("Also needs {}.", p.also_needs.join(" and "))),
        gates: if p.shows_open_gates(as_of) { p.open_gates.iter().map(|g| g.label()).collect() } else { Vec::new() },
        stage: p.stage.map_or("All stages completed", |stage| stage.short()),
        reviewed: reviewed.unwrap_or_else(|| "Not recorded".to_owned()),
        soonest,
    }
}

fn met_attribute(met: bool) -> &'static str {
    if met { "true" } else { "false" }
}

/// Whether the card (`|c, _| c.met`) or one of its rows is met, read from the card's memo.
/// One closure type for every status on the page keeps the bundle small.
fn met_of(card: Memo<Card>, i: usize, get: fn(&Card, usize) -> bool) -> impl Fn() -> bool + Copy + Send + Sync + 'static {
    move || card.with(|c| get(c, i))
}

/// A piece of text of the card, rewritten only when it differs.
fn text_of(card: Memo<Card>, i: usize, get: fn(&Card, usize) -> &str) -> impl IntoView {
    move || card.with(|c| get(c, i).to_owned())
}


/// What the `i`th provider assessed shows, worked out again for each readiness.
fn card_memo(readiness: Memo<Option<Readiness>>, i: usize) -> Memo<Card> {
    Memo::new(move |_| {
        readiness.with(|r| {
            r.as_ref().and_then(|r| r.providers.get(i).map(|p| card(p, r.as_of, describe::referrals(&r.referrals)))).unwrap_or_default()
        })
    })
}

/// The card of the `i`th provider assessed: built once, then kept up to date
/// piece by piece from its own memo.
fn provider_card(id: &str, readiness: Memo<Option<Readiness>>, i: usize, pid: &str, name: &str) -> impl IntoView {
    let card = card_memo(readiness, i);
    let heading_id = format!("provider-{pid}-heading");
    let labelled_by = heading_id.clone();
    let rows: Vec<_> = (0..CRITERIA.len()).map(|i| criterion_row(card, i)).collect();
    view! {
        <section class="nhsuk-card app-provider" aria-labelledby=labelled_by>
            <div class="nhsuk-card__content">
                <h2 class="nhsuk-card__heading nhsuk-heading-m" id=heading_id>
                    <a href=deployment_href(id, Page::Provider(pid.to_owned()))>{bdi(name.to_owned())}</a>
                    " "{met_tag_of(met_of(card, 0, |c, _| c.met))}
                </h2>
                <p class="nhsuk-body">{text_of(card, 0, |c, _| &c.phase)}</p>
                <Table class="nhsuk-table app-criteria" caption=format!("Acceptance criteria for {name}")
                    headers=&["Criterion", "Status", "Progress"]>{rows}</Table>
                <p class="nhsuk-body app-exit">{text_of(card, 0, |c, _| &c.exit)}</p>
                <p class="nhsuk-body-s"><a href=deployment_href(id, Page::ExitReport(pid.to_owned()))>"Beta exit report"
                    <span class="nhsuk-u-visually-hidden">" of "{bdi(name.to_owned())}</span></a></p>
                {move || card.with(|c| c.also.clone()).map(|t| view! { <p class="nhsuk-body">{t}</p> }.into_any())}
                {move || card.with(|Card { gates, .. }| (!gates.is_empty()).then(|| view! {
                    <details class="nhsuk-details">
                        <summary class="nhsuk-details__summary">
                            <span class="nhsuk-details__summary-text">{format!("{} pre-live checks still open", gates.len())}</span>
                        </summary>
                        <div class="nhsuk-details__text">
                            <ul class="nhsuk-list nhsuk-list--bullet app-open-gates">
                                {gates.iter().map(|g| view! { <li>{*g}</li> }).collect_view()}
                            </ul>
                        </div>
                    </details>
                }.into_any()))}
            </div>
        </section>
    }.into_any()
}

/// Row `i` of a card's criteria table.
fn criterion_row(card: Memo<Card>, i: usize) -> impl IntoView {
    let label = CRITERIA[i];
    let met = met_of(card, i, |c, i| c.rows[i].met);
    view! {
        <tr class="nhsuk-table__row">
            <th class="nhsuk-table__header" scope="row">{label}</th>
            <td class="nhsuk-table__cell">{met_tag_of(met)}</td>
            <td class="nhsuk-table__cell">
                <span class="app-distance">{text_of(card, i, |c, i| &c.rows[i].distance)}</span>
                {move || card.with(|c| {
                    let detail = &c.rows[i].detail;
                    (!detail.is_empty()).then(|| view! {
                        <ul class="nhsuk-list nhsuk-body-s app-detail">
                            {detail.iter().map(|(before, user, after)| view! { <li>{before.clone()}{bdi(user.clone())}{after.clone()}</li> }).collect_view()}
                        </ul>
                    }.into_any())
                })}
            </td>
        </tr>
    }.into_any()
}
