//! The charts as the page shows them: each chart's drawing as SVG markup,
//! its sentence, and its figures as the rows of a table. The page sets the
//! markup as the inner HTML of its `<svg>` in one step, which is far cheaper
//! for the browser to replace on every as-of change than hundreds of
//! elements rebuilt one attribute at a time.
//!
//! Only numbers and the app's own class names go into attributes; every text
//! (a provider's name, a date) goes through `escape`, so a name such as
//! `<script>` is shown, never run.

use std::fmt::Write;

use super::{ClockChart, Plot, ReferralChart, StageBar, StageChart, Tick, CLOCK_BAR, CLOCK_BAR_TOP, STAGE_MAIN_LANE, STAGE_THIN_LANE};
use crate::readiness::describe;
use crate::stages::Stage;
use crate::text::{isolate, thousands};

/// A chart ready for the page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Drawn {
    /// The SVG's `viewBox`, e.g. "0 0 640 272".
    pub view_box: String,
    /// What goes inside the `<svg>`: the drawing, then the as-of line.
    pub markup: String,
    /// The chart in one sentence, for its text alternative.
    pub summary: String,
    /// The chart's figures, three to a row.
    pub rows: Vec<[String; 3]>,
}

/// Text as the content of an element: `&`, `<` and `>` escaped.
fn escape(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

/// SVG markup written element by element.
struct Svg(String);

impl Svg {
    fn line(&mut self, class: &str, x1: i32, y1: i32, x2: i32, y2: i32) {
        let _ = write!(self.0, r#"<line class="{class}" x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}"/>"#);
    }

    fn rect(&mut self, class: &str, x: i32, y: i32, width: i32, height: i32) {
        let _ = write!(self.0, r#"<rect class="{class}" x="{x}" y="{y}" width="{width}" height="{height}"/>"#);
    }

    /// A label; `anchor` is "start", "middle" or "end".
    fn text(&mut self, class: &str, x: i32, y: i32, anchor: &str, text: &str) {
        let _ = write!(self.0, r#"<text class="{class}" x="{x}" y="{y}" text-anchor="{anchor}">"#);
        escape(&mut self.0, text);
        self.0.push_str("</text>");
    }

    /// A time axis drawn as a grid: a line through the plot and a date under it at each tick.
    fn time_grid(&mut self, ticks: &[Tick], p: Plot) {
        for t in ticks {
            self.line("app-chart__grid", t.at, p.top, t.at, p.bottom);
            self.text("app-chart__label", t.at, p.bottom + 22, "middle", &t.label);
        }
    }

    /// A provider's row: its name and words, then what `draw` adds.
    fn row(&mut self, p: Plot, y: i32, name: &str, words: &str, draw: impl FnOnce(&mut Self)) {
        self.0.push_str(r#"<g class="app-chart__row">"#);
        self.text("app-chart__label app-chart__label--name", p.left, y + 14, "start", &format!("{}: {words}", isolate(name)));
        draw(self);
        self.0.push_str("</g>");
    }

    /// The chart with the as-of line drawn last, over everything else.
    fn finish(mut self, width: i32, height: i32, as_of_x: i32, p: Plot, summary: &str, rows: Vec<[String; 3]>) -> Drawn {
        self.line("app-chart__as-of", as_of_x, p.top, as_of_x, p.bottom);
        Drawn { view_box: format!("0 0 {width} {height}"), markup: self.0, summary: summary.to_owned(), rows }
    }
}

impl ReferralChart {
    /// The running total against the minimum, with the projection; its
    /// figures are the weeks: the week's last day, its referrals, the total.
    pub fn drawn(&self) -> Drawn {
        let p = self.plot;
        let mut svg = Svg(String::with_capacity(4096));
        for t in &self.y_ticks {
            svg.line("app-chart__grid", p.left, t.at, p.right, t.at);
            svg.text("app-chart__label", p.left - 8, t.at + 4, "end", &t.label);
        }
        svg.line("app-chart__axis", p.left, p.bottom, p.right, p.bottom);
        for t in &self.x_ticks {
            svg.line("app-chart__axis", t.at, p.bottom, t.at, p.bottom + 6);
            svg.text("app-chart__label", t.at, p.bottom + 22, "middle", &t.label);
        }
        svg.line("app-chart__minimum", p.left, self.minimum_y, p.right, self.minimum_y);
        let minimum = format!("Minimum: {}", thousands(self.required as usize));
        // At the right, where the running total is well clear of the minimum
        // once it is reached (and the projection meets it from below).
        svg.text("app-chart__label app-chart__label--minimum", p.right - 6, self.minimum_y - 6, "end", &minimum);
        let _ = write!(svg.0, r#"<path class="app-chart__line" d="{}"/>"#, self.line);
        if let Some([x1, y1, x2, y2]) = self.projection {
            svg.line("app-chart__projection", x1, y1, x2, y2);
        }
        let rows = self.weeks.iter().map(|w| [describe::date(w.until), thousands(w.referrals as usize), thousands(w.total as usize)]).collect();
        svg.finish(self.width, self.height, self.as_of_x, p, &self.summary, rows)
    }
}

impl ClockChart {
    /// Each provider's clock: days lost to a restart, counted, still to run;
    /// its figures are the providers: name, the clock in words, restarts.
    pub fn drawn(&self) -> Drawn {
        let p = self.plot;
        let mut svg = Svg(String::with_capacity(4096));
        svg.time_grid(&self.x_ticks, p);
        for row in &self.rows {
            let y = row.y;
            svg.row(p, y, &row.name, &row.text, |svg| {
                let counted = if row.met { "app-chart__counted app-chart__counted--met" } else { "app-chart__counted" };
                for (class, span) in [("app-chart__lost", row.lost), (counted, row.counted), ("app-chart__to-go", row.to_go)] {
                    if let Some((from, to)) = span {
                        svg.rect(class, from, y + CLOCK_BAR_TOP, (to - from).max(1), CLOCK_BAR);
                    }
                }
                let mark = |svg: &mut Svg, class: &str, x: i32| svg.line(class, x, y + CLOCK_BAR_TOP - 4, x, y + CLOCK_BAR_TOP + CLOCK_BAR + 4);
                for x in &row.restarts {
                    mark(svg, "app-chart__restart", *x);
                }
                if let Some(x) = row.required_end {
                    mark(svg, "app-chart__end", x);
                }
            });
        }
        let rows = self.rows.iter().map(|row| [row.name.clone(), row.text.clone(), row.restarts.len().to_string()]).collect();
        svg.finish(self.width, self.height, self.as_of_x, p, &self.summary, rows)
    }
}

/// The classes of a stage's bar: its colour (preparation, decisions,
/// production, live running), lighter while it is in progress.
pub fn stage_class(bar: &StageBar) -> &'static str {
    let phase = match bar.stage {
        Stage::BusinessChange | Stage::UatEnvironment | Stage::PrivateBeta => 0,
        Stage::PublicBetaDecision | Stage::GoNoGo | Stage::AcceptanceDecision => 1,
        Stage::ProductionEnvironment | Stage::UsersTrained | Stage::TechnicalGoLive => 2,
        Stage::PublicBeta | Stage::BetaExitReport => 3,
    };
    const CLASSES: [[&str; 2]; 4] = [
        ["app-chart__stage app-chart__stage--prepare", "app-chart__stage app-chart__stage--prepare app-chart__stage--open"],
        ["app-chart__stage app-chart__stage--decide", "app-chart__stage app-chart__stage--decide app-chart__stage--open"],
        ["app-chart__stage app-chart__stage--produce", "app-chart__stage app-chart__stage--produce app-chart__stage--open"],
        ["app-chart__stage app-chart__stage--live", "app-chart__stage app-chart__stage--live app-chart__stage--open"],
    ];
    CLASSES[phase][usize::from(!bar.done)]
}

impl StageChart {
    /// Each provider's stages on two lanes (business change on the thin one);
    /// its figures are the providers: name, where it is now, stages completed.
    pub fn drawn(&self) -> Drawn {
        let p = self.plot;
        let mut svg = Svg(String::with_capacity(8192));
        svg.time_grid(&self.x_ticks, p);
        for row in &self.rows {
            let y = row.y;
            svg.row(p, y, &row.name, &row.now, |svg| {
                let lanes = row.business_change.iter().map(|b| (b, STAGE_THIN_LANE)).chain(row.bars.iter().map(|b| (b, STAGE_MAIN_LANE)));
                for (bar, (top, height)) in lanes {
                    // A stage done in a day (a decision, a gate) still shows.
                    svg.rect(stage_class(bar), bar.from, y + top, (bar.to - bar.from).max(4), height);
                }
            });
        }
        let rows = self.rows.iter().map(|row| [row.name.clone(), row.now.clone(), format!("{} of {}", row.completed, Stage::ALL.len())]).collect();
        svg.finish(self.width, self.height, self.as_of_x, p, &self.summary, rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::{ClockRow, StageRow, WeekRow};

    const PLOT: Plot = Plot { left: 36, top: 8, right: 616, bottom: 96 };

    fn tick(at: i32, label: &str) -> Tick {
        Tick { at, label: label.to_owned() }
    }

    fn count(markup: &str, what: &str) -> usize {
        markup.matches(what).count()
    }

    fn clock_row(name: &str, y: i32) -> ClockRow {
        ClockRow {
            provider_id: "p".into(),
            name: name.into(),
            y,
            lost: Some((36, 50)),
            counted: Some((50, 50)),
            to_go: None,
            required_end: Some(300),
            restarts: vec![50],
            met: false,
            text: "0 of 28 days".into(),
        }
    }

    #[test]
    fn names_are_escaped_and_isolated_and_never_markup() {
        let chart = ClockChart {
            width: 640,
            height: 128,
            plot: PLOT,
            as_of_x: 200,
            x_ticks: vec![tick(36, "2 Mar")],
            rows: vec![clock_row("<script>alert(1)</script> & \"Co\"", 8)],
            summary: "Clocks.".into(),
        };
        let d = chart.drawn();
        assert!(d.markup.contains("\u{2068}&lt;script&gt;alert(1)&lt;/script&gt; &amp; \"Co\"\u{2069}: 0 of 28 days</text>"), "{}", d.markup);
        assert!(!d.markup.contains("<script"));
        // The table's rows carry the name as it is: the page escapes its own text.
        assert_eq!(d.rows, vec![["<script>alert(1)</script> & \"Co\"".to_owned(), "0 of 28 days".to_owned(), "1".to_owned()]]);
    }

    #[test]
    fn clocks_draw_each_part_of_each_row_with_the_as_of_line_last() {
        let chart = ClockChart {
            width: 640,
            height: 128,
            plot: PLOT,
            as_of_x: 200,
            x_ticks: vec![tick(36, "2 Mar"), tick(300, "6 Apr")],
            rows: vec![clock_row("North", 8), ClockRow { met: true, lost: None, restarts: vec![], ..clock_row("South", 52) }],
            summary: "Clocks.".into(),
        };
        let d = chart.drawn();
        assert_eq!(d.view_box, "0 0 640 128");
        assert_eq!(count(&d.markup, r#"<g class="app-chart__row">"#), 2);
        assert_eq!(count(&d.markup, r#"class="app-chart__grid""#), 2);
        assert_eq!(count(&d.markup, r#"class="app-chart__lost""#), 1);
        assert_eq!(count(&d.markup, r#"class="app-chart__counted""#), 1);
        assert_eq!(count(&d.markup, r#"class="app-chart__counted app-chart__counted--met""#), 1);
        assert_eq!(count(&d.markup, r#"class="app-chart__restart""#), 1);
        assert_eq!(count(&d.markup, r#"class="app-chart__end""#), 2);
        // A bar of no days is still a sliver wide; restarts and ends span the bar's height and more.
        assert!(d.markup.contains(r#"<rect class="app-chart__counted" x="50" y="28" width="1" height="16"/>"#), "{}", d.markup);
        assert!(d.markup.contains(r#"<line class="app-chart__restart" x1="50" y1="24" x2="50" y2="48"/>"#));
        assert!(d.markup.ends_with(r#"<line class="app-chart__as-of" x1="200" y1="8" x2="200" y2="96"/>"#));
        assert_eq!(d.summary, "Clocks.");
        assert_eq!(d.rows[1], ["South".to_owned(), "0 of 28 days".to_owned(), "0".to_owned()]);
    }

    #[test]
    fn referrals_draw_the_line_the_minimum_and_the_projection_and_list_the_weeks() {
        let day = |s: &str| crate::dates::parse_day(s).unwrap();
        let chart = ReferralChart {
            width: 640,
            height: 272,
            plot: Plot { left: 56, top: 16, right: 616, bottom: 232 },
            line: "M56 232H100V200H300".into(),
            required: 1500,
            minimum_y: 40,
            projection: Some([300, 200, 616, 40]),
            as_of_x: 300,
            x_ticks: vec![tick(56, "2 Mar")],
            y_ticks: vec![tick(232, "0"), tick(124, "1,000")],
            summary: "Referrals.".into(),
            weeks: vec![WeekRow { until: day("2026-03-08"), referrals: 1200, total: 1200 }],
        };
        let d = chart.drawn();
        assert!(d.markup.contains(r#"<path class="app-chart__line" d="M56 232H100V200H300"/>"#));
        assert!(d.markup.contains(r#"<line class="app-chart__minimum" x1="56" y1="40" x2="616" y2="40"/>"#));
        assert!(d.markup.contains(r#"x="610" y="34" text-anchor="end">Minimum: 1,500</text>"#));
        assert!(d.markup.contains(r#"<line class="app-chart__projection" x1="300" y1="200" x2="616" y2="40"/>"#));
        assert!(d.markup.contains(r#"<text class="app-chart__label" x="48" y="128" text-anchor="end">1,000</text>"#));
        assert_eq!(d.rows, vec![["8 March 2026".to_owned(), "1,200".to_owned(), "1,200".to_owned()]]);
        let none = ReferralChart { projection: None, ..chart }.drawn();
        assert!(!none.markup.contains("app-chart__projection"));
    }

    #[test]
    fn stages_colour_each_bar_by_phase_and_lighten_open_ones() {
        let bar = |stage, from, to, done| StageBar { stage, from, to, done };
        let chart = StageChart {
            width: 640,
            height: 88,
            plot: Plot { left: 36, top: 8, right: 616, bottom: 56 },
            as_of_x: 400,
            x_ticks: vec![],
            rows: vec![StageRow {
                provider_id: "p".into(),
                name: "North".into(),
                y: 8,
                business_change: Some(bar(Stage::BusinessChange, 40, 400, false)),
                bars: vec![bar(Stage::UatEnvironment, 40, 90, true), bar(Stage::GoNoGo, 100, 100, true), bar(Stage::PublicBeta, 300, 400, false)],
                now: "Public beta".into(),
                completed: 4,
            }],
            summary: "Stages.".into(),
        };
        let d = chart.drawn();
        assert!(d.markup.contains(r#"<rect class="app-chart__stage app-chart__stage--prepare app-chart__stage--open" x="40" y="28" width="360" height="6"/>"#));
        assert!(d.markup.contains(r#"<rect class="app-chart__stage app-chart__stage--prepare" x="40" y="36" width="50" height="14"/>"#));
        assert!(d.markup.contains(r#"<rect class="app-chart__stage app-chart__stage--decide" x="100" y="36" width="4" height="14"/>"#), "a decision is a point, drawn 4 wide");
        assert!(d.markup.contains(r#"<rect class="app-chart__stage app-chart__stage--live app-chart__stage--open" x="300""#));
        assert_eq!(d.rows, vec![["North".to_owned(), "Public beta".to_owned(), format!("4 of {}", Stage::ALL.len())]]);
    }
}
