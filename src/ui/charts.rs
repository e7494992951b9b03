//! A chart on the page: its caption, the SVG the domain draws
//! (`bars_domain::charts::svg`), the sentence that labels it for screen
//! readers, its key and its figures as a table, folded away. Used by the
//! progress page and the beta exit report.
//!
//! The frame is built once; a new drawing (a new as-of date) replaces the
//! SVG's markup in one step and rewrites the sentence only if it changed.

use bars_domain::charts::svg::Drawn;
use leptos::prelude::*;

use crate::ui::table::Table;
use crate::ui::text::bdi;
use crate::ui::when::When;

/// What is fixed about a chart.
pub struct Figure {
    id: &'static str,
    caption: &'static str,
    /// Each swatch's modifier class and its words.
    key: &'static [(&'static str, &'static str)],
    /// The words that unfold the figures.
    figures: &'static str,
    table: &'static str,
    headers: &'static [&'static str; 3],
    /// The columns from this one on hold numbers.
    numeric_from: usize,
    /// Whether each row's first cell names it (a provider) rather than holding a figure.
    named_rows: bool,
}

pub const REFERRALS: Figure = Figure {
    id: "referrals-chart",
    caption: "Referrals across all providers",
    key: &[
        ("app-chart__swatch--line", "Counted so far"),
        ("app-chart__swatch--projection", "Projected at the recent rate"),
        ("app-chart__swatch--minimum", "Minimum"),
    ],
    figures: "Show the weekly figures",
    table: "Referrals counted each week, across all providers",
    headers: &["Week to", "Referrals", "Total so far"],
    numeric_from: 1,
    named_rows: false,
};

pub const CLOCKS: Figure = Figure {
    id: "clocks-chart",
    caption: "Verification clocks",
    key: &[
        ("app-chart__swatch--counted", "Days counted"),
        ("app-chart__swatch--to-go", "Days still to run"),
        ("app-chart__swatch--lost", "Lost to a restart"),
        ("app-chart__swatch--restart", "Restart after an incident"),
        ("app-chart__swatch--end", "End of the required period"),
    ],
    figures: "Show each provider's clock",
    table: "Verification clock of each provider",
    headers: &["Provider", "Days counted", "Restarts"],
    numeric_from: 2,
    named_rows: true,
};

pub const STAGES: Figure = Figure {
    id: "stages-chart",
    caption: "Stages over time",
    key: &[
        ("app-chart__stage--prepare", "Business change, UAT and private beta"),
        ("app-chart__stage--decide", "Decisions"),
        ("app-chart__stage--produce", "Production, training and smoke test"),
        ("app-chart__stage--live", "Public beta and exit report"),
        ("app-chart__stage--prepare app-chart__stage--open", "Lighter: still in progress"),
    ],
    figures: "Show where each provider is",
    table: "Where each provider is",
    headers: &["Provider", "Now", "Stages completed"],
    numeric_from: 2,
    named_rows: true,
};

/// The chart `f`, shown while `drawn` holds a drawing.
pub fn chart_figure(f: &'static Figure, drawn: Signal<Option<Drawn>>) -> AnyView {
    view! { <When when=std::sync::Arc::new(move || drawn.with(Option::is_some))>{frame(f, drawn)}</When> }.into_any()
}

fn frame(f: &'static Figure, drawn: Signal<Option<Drawn>>) -> AnyView {
    // One part of the drawing, as text (rewritten only when it differs).
    let part = move |get: fn(&Drawn) -> &String| move || drawn.with(|d| d.as_ref().map(|d| get(d).clone()).unwrap_or_default());
    let summary_id = format!("{}-summary", f.id);
    // The figures are drawn only while they are unfolded: nobody reads them
    // folded away, and a year of weeks is most of the chart's elements.
    let open = RwSignal::new(false);
    view! {
        <figure class="app-chart" id=f.id>
            <figcaption class="nhsuk-heading-s">{f.caption}</figcaption>
            <svg class="app-chart__svg" viewBox=part(|d| &d.view_box) role="img" aria-labelledby=summary_id.clone() focusable="false"
                inner_html=part(|d| &d.markup)></svg>
            <p class="nhsuk-body-s app-chart__summary" id=summary_id>{part(|d| &d.summary)}</p>
            <ul class="app-chart__key nhsuk-body-s" aria-hidden="true">
                {f.key.iter().map(|(swatch, words)| view! {
                    <li><span class=format!("app-chart__swatch {swatch}")></span>{*words}</li>
                }.into_any()).collect_view()}
            </ul>
            <details class="nhsuk-details app-chart__figures" on:toggle=move |ev| open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
                <summary class="nhsuk-details__summary">
                    <span class="nhsuk-details__summary-text">{f.figures}</span>
                </summary>
                <div class="nhsuk-details__text">{move || open.get().then(|| figure_table(f, drawn))}</div>
            </details>
        </figure>
    }
    .into_any()
}

/// The chart's figures.
fn figure_table(f: &'static Figure, drawn: Signal<Option<Drawn>>) -> AnyView {
    let cell = move |i: usize| if i >= f.numeric_from { "nhsuk-table__cell nhsuk-table__cell--numeric" } else { "nhsuk-table__cell" };
    let rows = move || drawn.with(|d| d.iter().flat_map(|d| d.rows.iter().cloned().enumerate()).collect::<Vec<_>>());
    let row = move |(_, [first, second, third]): (usize, [String; 3])| {
        let first = if f.named_rows {
            view! { <th class="nhsuk-table__header" scope="row">{bdi(first)}</th> }.into_any()
        } else {
            view! { <td class=cell(0)>{first}</td> }.into_any()
        };
        view! { <tr class="nhsuk-table__row">{first}<td class=cell(1)>{second}</td><td class=cell(2)>{third}</td></tr> }.into_any()
    };
    view! {
        <Table caption=f.table caption_class="nhsuk-table__caption nhsuk-table__caption--s" headers=f.headers numeric_from=f.numeric_from>
            {move || rows().into_iter().map(row).collect_view()}
        </Table>
    }
    .into_any()
}
