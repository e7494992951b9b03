//! Charts drawn as SVG from the geometry the domain works out
//! (`bars_domain::charts`): pooled referrals against the minimum with the
//! projection, and the providers' verification clocks. Each has a sentence
//! for screen readers and its figures as a table. Used by the progress page
//! and the beta exit report.

use bars_domain::charts::{
    ClockChart, Plot, ReferralChart, StageBar, StageChart, Tick, CLOCK_BAR, CLOCK_BAR_TOP, STAGE_MAIN_LANE, STAGE_THIN_LANE,
};
use bars_domain::stages::Stage;
use bars_domain::readiness::describe;
use bars_domain::text::thousands;
use leptos::prelude::*;

use crate::ui::table::Table;
use crate::ui::text::{bdi, isolate};

fn n(v: i32) -> String {
    v.to_string()
}

fn view_box(width: i32, height: i32) -> String {
    format!("0 0 {width} {height}")
}

/// The figures behind a chart, folded away until asked for.
fn figures(summary: &'static str, table: AnyView) -> impl IntoView {
    view! {
        <details class="nhsuk-details app-chart__figures">
            <summary class="nhsuk-details__summary">
                <span class="nhsuk-details__summary-text">{summary}</span>
            </summary>
            <div class="nhsuk-details__text">{table}</div>
        </details>
    }.into_any()
}

/// A chart's figures as a table of three columns; when `named_rows`, each
/// row's first cell names it (a provider) rather than holding a figure.
fn figure_table(caption: &'static str, headers: &'static [&'static str], numeric_from: usize, named_rows: bool, rows: Vec<[String; 3]>) -> AnyView {
    let cell = move |i: usize| if i >= numeric_from { "nhsuk-table__cell nhsuk-table__cell--numeric" } else { "nhsuk-table__cell" };
    let body = rows
        .into_iter()
        .map(|[first, second, third]| {
            let first = if named_rows {
                view! { <th class="nhsuk-table__header" scope="row">{bdi(first)}</th> }.into_any()
            } else {
                view! { <td class=cell(0)>{first}</td> }.into_any()
            };
            view! { <tr class="nhsuk-table__row">{first}<td class=cell(1)>{second}</td><td class=cell(2)>{third}</td></tr> }.into_any()
        })
        .collect_view();
    view! {
        <Table caption=caption caption_class="nhsuk-table__caption nhsuk-table__caption--s" headers=headers numeric_from=numeric_from>{body}</Table>
    }
    .into_any()
}

/// A time axis drawn as a grid: a line through the plot and a date under it at each tick.
fn time_grid(ticks: &[Tick], p: Plot) -> AnyView {
    ticks
        .iter()
        .map(|t| view! {
            <line class="app-chart__grid" x1=n(t.at) x2=n(t.at) y1=n(p.top) y2=n(p.bottom)/>
            <text class="app-chart__label" x=n(t.at) y=n(p.bottom + 22) text-anchor="middle">{t.label.clone()}</text>
        }.into_any())
        .collect_view()
        .into_any()
}

/// What every chart is framed by: its caption, the SVG (`drawing`, then the
/// as-of line), the sentence that labels it for screen readers, its key
/// (swatch modifier class, words) and its figures, folded away.
struct Frame {
    id: &'static str,
    caption: &'static str,
    width: i32,
    height: i32,
    as_of_x: i32,
    plot: Plot,
    summary: String,
    key: &'static [(&'static str, &'static str)],
    figures: &'static str,
}

fn chart_figure(f: Frame, drawing: AnyView, table: AnyView) -> AnyView {
    let summary_id = format!("{}-summary", f.id);
    let p = f.plot;
    view! {
        <figure class="app-chart" id=f.id>
            <figcaption class="nhsuk-heading-s">{f.caption}</figcaption>
            <svg class="app-chart__svg" viewBox=view_box(f.width, f.height) role="img" aria-labelledby=summary_id.clone() focusable="false">
                {drawing}
                <line class="app-chart__as-of" x1=n(f.as_of_x) x2=n(f.as_of_x) y1=n(p.top) y2=n(p.bottom)/>
            </svg>
            <p class="nhsuk-body-s app-chart__summary" id=summary_id>{f.summary}</p>
            <ul class="app-chart__key nhsuk-body-s" aria-hidden="true">
                {f.key.iter().map(|(swatch, words)| view! {
                    <li><span class=format!("app-chart__swatch {swatch}")></span>{*words}</li>
                }.into_any()).collect_view()}
            </ul>
            {figures(f.figures, table)}
        </figure>
    }
    .into_any()
}

/// The referrals chart with its key and its weekly figures.
pub fn referral_figure(c: &ReferralChart) -> impl IntoView {
    let p = c.plot;
    let y_ticks = c
        .y_ticks
        .iter()
        .map(|t| view! {
            <line class="app-chart__grid" x1=n(p.left) x2=n(p.right) y1=n(t.at) y2=n(t.at)/>
            <text class="app-chart__label" x=n(p.left - 8) y=n(t.at + 4) text-anchor="end">{t.label.clone()}</text>
        }.into_any())
        .collect_view();
    let x_ticks = c
        .x_ticks
        .iter()
        .map(|t| view! {
            <line class="app-chart__axis" x1=n(t.at) x2=n(t.at) y1=n(p.bottom) y2=n(p.bottom + 6)/>
            <text class="app-chart__label" x=n(t.at) y=n(p.bottom + 22) text-anchor="middle">{t.label.clone()}</text>
        }.into_any())
        .collect_view();
    let projection = c.projection.map(|[x1, y1, x2, y2]| view! {
        <line class="app-chart__projection" x1=n(x1) y1=n(y1) x2=n(x2) y2=n(y2)/>
    }.into_any());
    let table = figure_table(
        "Referrals counted each week, across all providers",
        &["Week to", "Referrals", "Total so far"],
        1,
        false,
        c.weeks.iter().map(|w| [describe::date(w.until), thousands(w.referrals as usize), thousands(w.total as usize)]).collect(),
    );
    let drawing = view! {
        {y_ticks}
        <line class="app-chart__axis" x1=n(p.left) x2=n(p.right) y1=n(p.bottom) y2=n(p.bottom)/>
        {x_ticks}
        <line class="app-chart__minimum" x1=n(p.left) x2=n(p.right) y1=n(c.minimum_y) y2=n(c.minimum_y)/>
        <text class="app-chart__label app-chart__label--minimum" x=n(p.left + 6) y=n(c.minimum_y - 6)>
            {format!("Minimum: {}", thousands(c.required as usize))}
        </text>
        <path class="app-chart__line" d=c.line.clone()/>
        {projection}
    }
    .into_any();
    let frame = Frame {
        id: "referrals-chart",
        caption: "Referrals across all providers",
        width: c.width,
        height: c.height,
        as_of_x: c.as_of_x,
        plot: p,
        summary: c.summary.clone(),
        key: &[
            ("app-chart__swatch--line", "Counted so far"),
            ("app-chart__swatch--projection", "Projected at the recent rate"),
            ("app-chart__swatch--minimum", "Minimum"),
        ],
        figures: "Show the weekly figures",
    };
    chart_figure(frame, drawing, table)
}

/// The verification clocks chart with its key and each clock's figures.
pub fn clock_figure(c: &ClockChart) -> impl IntoView {
    let p = c.plot;
    let bar = |class: &'static str, y: i32, span: Option<(i32, i32)>| {
        span.map(|(from, to)| view! {
            <rect class=class x=n(from) y=n(y + CLOCK_BAR_TOP) width=n((to - from).max(1)) height=n(CLOCK_BAR)/>
        }.into_any())
    };
    let bars = c
        .rows
        .iter()
        .map(|row| {
            let y = row.y;
            let restarts = row
                .restarts
                .iter()
                .map(|x| view! { <line class="app-chart__restart" x1=n(*x) x2=n(*x) y1=n(y + CLOCK_BAR_TOP - 4) y2=n(y + CLOCK_BAR_TOP + CLOCK_BAR + 4)/> }.into_any())
                .collect_view();
            let end = row.required_end.map(|x| view! {
                <line class="app-chart__end" x1=n(x) x2=n(x) y1=n(y + CLOCK_BAR_TOP - 4) y2=n(y + CLOCK_BAR_TOP + CLOCK_BAR + 4)/>
            }.into_any());
            view! {
                <g class="app-chart__row">
                    <text class="app-chart__label app-chart__label--name" x=n(p.left) y=n(y + 14)>{format!("{}: {}", isolate(&row.name), row.text)}</text>
                    {bar("app-chart__lost", y, row.lost)}
                    {bar(if row.met { "app-chart__counted app-chart__counted--met" } else { "app-chart__counted" }, y, row.counted)}
                    {bar("app-chart__to-go", y, row.to_go)}
                    {restarts}
                    {end}
                </g>
            }.into_any()
        })
        .collect_view();
    let table = figure_table(
        "Verification clock of each provider",
        &["Provider", "Days counted", "Restarts"],
        2,
        true,
        c.rows.iter().map(|row| [row.name.clone(), row.text.clone(), row.restarts.len().to_string()]).collect(),
    );
    let frame = Frame {
        id: "clocks-chart",
        caption: "Verification clocks",
        width: c.width,
        height: c.height,
        as_of_x: c.as_of_x,
        plot: p,
        summary: c.summary.clone(),
        key: &[
            ("app-chart__swatch--counted", "Days counted"),
            ("app-chart__swatch--to-go", "Days still to run"),
            ("app-chart__swatch--lost", "Lost to a restart"),
            ("app-chart__swatch--restart", "Restart after an incident"),
            ("app-chart__swatch--end", "End of the required period"),
        ],
        figures: "Show each provider's clock",
    };
    chart_figure(frame, view! { {time_grid(&c.x_ticks, p)}{bars} }.into_any(), table)
}

/// The colour of a stage's bar: preparation, decisions, production, live running.
fn stage_class(bar: &StageBar) -> &'static str {
    let phase = match bar.stage {
        Stage::BusinessChange | Stage::UatEnvironment | Stage::PrivateBeta => "prepare",
        Stage::PublicBetaDecision | Stage::GoNoGo | Stage::AcceptanceDecision => "decide",
        Stage::ProductionEnvironment | Stage::UsersTrained | Stage::TechnicalGoLive => "produce",
        Stage::PublicBeta | Stage::BetaExitReport => "live",
    };
    match (phase, bar.done) {
        ("prepare", true) => "app-chart__stage app-chart__stage--prepare",
        ("decide", true) => "app-chart__stage app-chart__stage--decide",
        ("produce", true) => "app-chart__stage app-chart__stage--produce",
        (_, true) => "app-chart__stage app-chart__stage--live",
        ("prepare", false) => "app-chart__stage app-chart__stage--prepare app-chart__stage--open",
        ("decide", false) => "app-chart__stage app-chart__stage--decide app-chart__stage--open",
        ("produce", false) => "app-chart__stage app-chart__stage--produce app-chart__stage--open",
        _ => "app-chart__stage app-chart__stage--live app-chart__stage--open",
    }
}

/// The stages of every provider over time (a Gantt-like view), with its key and table.
pub fn stage_figure(c: &StageChart) -> impl IntoView {
    let p = c.plot;
    let rect = |bar: &StageBar, y: i32, (top, height): (i32, i32)| {
        // A stage done in a day (a decision, a gate) still shows.
        let width = (bar.to - bar.from).max(4);
        view! { <rect class=stage_class(bar) x=n(bar.from) y=n(y + top) width=n(width) height=n(height)/> }
    };
    let rows = c
        .rows
        .iter()
        .map(|row| {
            let y = row.y;
            let business = row.business_change.as_ref().map(|b| rect(b, y, STAGE_THIN_LANE));
            let bars = row.bars.iter().map(|b| rect(b, y, STAGE_MAIN_LANE)).collect_view();
            view! {
                <g class="app-chart__row">
                    <text class="app-chart__label app-chart__label--name" x=n(p.left) y=n(y + 14)>{format!("{}: {}", isolate(&row.name), row.now)}</text>
                    {business}
                    {bars}
                </g>
            }.into_any()
        })
        .collect_view();
    let table = figure_table(
        "Where each provider is",
        &["Provider", "Now", "Stages completed"],
        2,
        true,
        c.rows.iter().map(|row| [row.name.clone(), row.now.clone(), format!("{} of {}", row.completed, Stage::ALL.len())]).collect(),
    );
    let frame = Frame {
        id: "stages-chart",
        caption: "Stages over time",
        width: c.width,
        height: c.height,
        as_of_x: c.as_of_x,
        plot: p,
        summary: c.summary.clone(),
        key: &[
            ("app-chart__stage--prepare", "Business change, UAT and private beta"),
            ("app-chart__stage--decide", "Decisions"),
            ("app-chart__stage--produce", "Production, training and smoke test"),
            ("app-chart__stage--live", "Public beta and exit report"),
            ("app-chart__stage--prepare app-chart__stage--open", "Lighter: still in progress"),
        ],
        figures: "Show where each provider is",
    };
    chart_figure(frame, view! { {time_grid(&c.x_ticks, p)}{rows} }.into_any(), table)
}
