//! A provider's beta exit report: drawn from the records for the as-of date
//! by `bars_domain::exit_report::report`, with the narrative a person writes
//! and the form to write it. Printed (or saved as PDF by the browser) on A4:
//! the print stylesheet leaves out the navigation, the tools and the form.

use bars_domain::describe_date;
use bars_domain::exit_report::{heading, report, Report};
use bars_domain::forms::ExitReportDraft;
use bars_domain::validation::FieldError;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::state::browser::{new_id, now, set_title, today};
use crate::state::hooks::use_as_of;
use crate::state::route::{deployment_href, Page};
use crate::state::store::use_store;
use crate::ui::as_of::AsOfControl;
use crate::ui::charts::{chart_figure, CLOCKS, REFERRALS};
use crate::ui::date_input::DateInput;
use crate::ui::form::{error_for, show_errors, ErrorSummary, TextArea, TextInput};
use crate::ui::table::Table;
use crate::ui::tag::tag;
use crate::ui::text::{bdi, isolate};

#[component]
pub fn ExitReportPage(id: String, provider: String) -> impl IntoView {
    let store = use_store();
    let as_of = use_as_of();
    let Some(name) = store.state.with_untracked(|s| s.deployment(&id).and_then(|d| d.provider(&provider)).map(|p| p.name.clone())) else {
        return view! { <crate::ui::not_found::NotFound/> }.into_any();
    };
    set_title(&format!("Beta exit report – {}", isolate(&name)));
    // Drawn again whenever the records or the as-of date change (typing in
    // the form changes neither).
    let drawn = {
        let (id, provider) = (id.clone(), provider.clone());
        move || {
            let as_of = as_of.get();
            store.state.with(|s| s.deployment(&id).and_then(|d| report(d, &provider, as_of))).map(|r| body(&r))
        }
    };
    let back = deployment_href(&id, Page::Provider(provider.clone()));
    view! {
        <a class="nhsuk-back-link app-no-print" href=back>"Back to "{bdi(name)}</a>
        {drawn}
        <div class="app-no-print">
            <NarrativeForm id=id provider=provider/>
        </div>
    }
    .into_any()
}

/// The report itself: what prints.
fn body(r: &Report) -> impl IntoView {
    let status = if r.draft {
        view! {
            <div class="app-report__status app-report__status--draft" id="report-status" data-draft="true">
                <p class="nhsuk-body">{tag("Draft", "orange")}" "
                    {r.draft_notice()}
                </p>
            </div>
            <p class="app-report__watermark" aria-hidden="true">"Draft"</p>
        }
        .into_any()
    } else {
        view! {
            <div class="app-report__status" id="report-status" data-draft="false">
                <p class="nhsuk-body">{tag("Final", "green")}" "{format!("{}.", r.exit)}</p>
            </div>
        }
        .into_any()
    };
    view! {
        <article class="app-report" id="exit-report" aria-labelledby="page-heading">
            <h1 id="page-heading" tabindex="-1">
                <span class="nhsuk-caption-l">"Beta exit report"</span>
                {bdi(r.provider.clone())}
            </h1>
            {status}
            <div class="app-report__tools app-no-print">
                <AsOfControl/>
                <button type="button" class="nhsuk-button nhsuk-button--secondary" id="print-report"
                    on:click=|_| { let _ = window().print(); }>"Print or save as PDF"</button>
            </div>
            {section("report-about", about(r).into_any())}
            {section("report-criteria", criteria(r).into_any())}
            {section("report-stages", stages(r).into_any())}
            {section("report-uat", uat(r).into_any())}
            {section("report-incidents", incidents(r).into_any())}
            {section("report-issues", issues(r).into_any())}
            {section("report-sign-offs", sign_offs(r).into_any())}
            {section("report-business-change", business_change(r).into_any())}
            {section("report-charts", charts(r).into_any())}
            {section("report-lessons", lessons(r).into_any())}
            {narrative(r)}
        </article>
    }.into_any()
}

/// A section of the report under its heading (from the domain's list).
fn section(id: &'static str, content: AnyView) -> impl IntoView {
    view! {
        <section class="app-report__section" id=id aria-labelledby=format!("{id}-heading")>
            <h2 class="nhsuk-heading-l" id=format!("{id}-heading")>{heading(id)}</h2>
            {content}
        </section>
    }.into_any()
}

fn about(r: &Report) -> impl IntoView {
    let rows = [
        ("Provider", format!("{} ({})", isolate(&r.provider), isolate(&r.ods_code))),
        ("Role", r.role.to_owned()),
        ("Supplier", isolate(&r.supplier)),
        ("Deployment", isolate(&r.deployment)),
        ("BaRS Application", isolate(&r.application)),
        ("Service Risk Level", r.risk_level.to_owned()),
        ("Business go-live", r.go_live.map(describe_date).unwrap_or_else(|| "Not set".to_owned())),
        ("Drawn from the records as of", describe_date(r.as_of)),
        ("Exit", r.exit.clone()),
        ("Narrative", r.completion()),
    ]
    .into_iter()
    .map(|(key, value)| view! {
        <div class="nhsuk-summary-list__row nhsuk-summary-list__row--no-actions">
            <dt class="nhsuk-summary-list__key">{key}</dt>
            <dd class="nhsuk-summary-list__value">{value}</dd>
        </div>
    }.into_any())
    .collect_view();
    view! { <dl class="nhsuk-summary-list app-report__about">{rows}</dl> }.into_any()
}

/// A cell of the report's tables: the row's header, the app's words, a
/// person's words (isolated), or a tag.
enum Cell {
    Head(String),
    Text(String),
    User(String),
    Tag(&'static str, &'static str),
}

/// One of the report's tables: every table is drawn by this one function.
/// `key` marks each row (`data-key`) for tests and styles.
fn table(id: &'static str, caption: &'static str, headers: &'static [&'static str], rows: Vec<(String, Vec<Cell>)>) -> impl IntoView {
    let rows = rows
        .into_iter()
        .map(|(key, cells)| {
            let cells = cells
                .into_iter()
                .map(|cell| match cell {
                    Cell::Head(t) => view! { <th class="nhsuk-table__header" scope="row">{bdi(t)}</th> }.into_any(),
                    Cell::Text(t) => view! { <td class="nhsuk-table__cell">{t}</td> }.into_any(),
                    Cell::User(t) => view! { <td class="nhsuk-table__cell">{bdi(t)}</td> }.into_any(),
                    Cell::Tag(t, colour) => view! { <td class="nhsuk-table__cell">{tag(t, colour)}</td> }.into_any(),
                })
                .collect_view();
            view! { <tr class="nhsuk-table__row" data-key=key>{cells}</tr> }.into_any()
        })
        .collect_view();
    view! { <Table id=id class="nhsuk-table app-report__table" caption=caption headers=headers>{rows}</Table> }.into_any()
}

fn met(met: bool) -> Cell {
    if met { Cell::Tag("Met", "green") } else { Cell::Tag("Not met", "grey") }
}

fn paragraph(text: String) -> impl IntoView {
    view! { <p class="nhsuk-body">{text}</p> }.into_any()
}

fn criteria(r: &Report) -> impl IntoView {
    let rows = r
        .criteria
        .iter()
        .map(|c| {
            let key = if c.met { "met" } else { "not-met" };
            (key.to_owned(), vec![Cell::Head(c.name.to_owned()), met(c.met), Cell::Text(c.evidence.clone()), Cell::Text(c.when.clone())])
        })
        .collect();
    view! {
        {paragraph(format!("The minimums for Service Risk Level {} apply. Referrals are pooled across the deployment's providers.", r.risk_level))}
        {table("report-criteria-table", "The four acceptance criteria", &["Criterion", "Status", "Evidence", "Date"], rows)}
    }.into_any()
}

fn day_or_blank(d: Option<chrono::NaiveDate>) -> Cell {
    Cell::Text(d.map(describe_date).unwrap_or_default())
}

fn stages(r: &Report) -> impl IntoView {
    let rows = r
        .stages
        .iter()
        .map(|s| (s.status.to_owned(), vec![Cell::Head(s.stage.to_owned()), Cell::Text(s.status.to_owned()), day_or_blank(s.started_on), day_or_blank(s.completed_on)]))
        .collect();
    let decisions = if r.decisions.is_empty() {
        paragraph(format!("No decisions were recorded on or before {}.", describe_date(r.as_of))).into_any()
    } else {
        let rows = r
            .decisions
            .iter()
            .map(|x| {
                let cells = vec![
                    Cell::Text(describe_date(x.date)),
                    if x.yes { Cell::Tag("Yes", "green") } else { Cell::Tag("No", "red") },
                    Cell::Head(x.decision.clone()),
                    Cell::User(x.decided_by.clone()),
                    Cell::User(x.reasons.clone()),
                    Cell::Text(x.then.clone()),
                ];
                (if x.yes { "yes" } else { "no" }.to_owned(), cells)
            })
            .collect();
        table("report-decisions-table", "Decisions, oldest first", &["Date", "Outcome", "Decision", "Decided by", "Reasons", "Then"], rows).into_any()
    };
    view! {
        {paragraph(format!("{}.", r.stage_now))}
        {table("report-stages-table", "Stages of the beta", &["Stage", "Status", "Started", "Completed"], rows)}
        {decisions}
    }.into_any()
}

fn business_change(r: &Report) -> impl IntoView {
    let rows = r
        .business_change
        .iter()
        .map(|b| {
            let cells = vec![
                Cell::Head(b.activity.to_owned()),
                Cell::Text(b.status.to_owned()),
                Cell::User(b.owner.clone()),
                day_or_blank(b.target),
                day_or_blank(b.completed_on),
                Cell::User(b.notes.clone()),
            ];
            (b.status.to_owned(), cells)
        })
        .collect();
    table("report-business-change-table", "Business change activities", &["Activity", "Status", "Owner", "Target date", "Completed", "Notes"], rows)
}

fn uat(r: &Report) -> impl IntoView {
    if r.uat.is_empty() {
        return paragraph("The test plan has no workflows.".to_owned()).into_any();
    }
    let mut rows = Vec::new();
    for w in &r.uat {
        if w.runs.is_empty() {
            let cells = vec![Cell::Head(w.name.clone()), Cell::Text(String::new()), Cell::Tag("Not tested", "grey"), Cell::Text(String::new()), Cell::Text(String::new())];
            rows.push(("not-tested".to_owned(), cells));
        }
        for run in &w.runs {
            let result = if run.passed { Cell::Tag("Passed", "green") } else { Cell::Tag("Failed", "red") };
            let cells = vec![Cell::Head(w.name.clone()), Cell::Text(describe_date(run.date)), result, Cell::Text(run.fix_in.unwrap_or("").to_owned()), Cell::User(run.note.clone())];
            rows.push((if run.passed { "pass" } else { "fail" }.to_owned(), cells));
        }
    }
    let passed = r.uat.iter().filter(|w| w.passed).count();
    view! {
        {paragraph(format!("{passed} of {} workflows passed at their latest result. Every result up to {}, oldest first:", r.uat.len(), describe_date(r.as_of)))}
        {table("report-uat-table", "UAT results by workflow", &["Workflow", "Tested on", "Result", "To be fixed in", "Note"], rows)}
    }
    .into_any()
}

fn yes_no(b: bool) -> Cell {
    Cell::Text(if b { "Yes" } else { "No" }.to_owned())
}

fn incidents(r: &Report) -> impl IntoView {
    let list = if r.incidents.is_empty() {
        paragraph(format!("No incidents were recorded on or before {}.", describe_date(r.as_of))).into_any()
    } else {
        let rows = r
            .incidents
            .iter()
            .map(|i| {
                let clock = match i.restarted_on {
                    Some(d) => format!("Restarted: counts from {}", describe_date(d)),
                    None => "No restart".to_owned(),
                };
                let cells = vec![
                    Cell::Text(describe_date(i.date)),
                    yes_no(i.attributed_to_bars),
                    Cell::Text(clock),
                    Cell::User(i.summary.clone()),
                    yes_no(i.reported_to_service_desk),
                    Cell::User(i.resolution.clone()),
                ];
                (if i.restarted_on.is_some() { "restart" } else { "no-restart" }.to_owned(), cells)
            })
            .collect();
        table("report-incidents-table", "Incidents, oldest first", &["Date", "Caused by BaRS", "Verification clock", "Summary", "Reported to the service desk", "Resolution"], rows)
            .into_any()
    };
    view! {
        {paragraph(format!("Verification period: {}. A safety incident caused by the BaRS implementation restarts the clock from the next day.", r.clock))}
        {list}
    }.into_any()
}

fn issues(r: &Report) -> impl IntoView {
    if r.issues.is_empty() {
        return paragraph(format!("No issues were raised for this provider or for every provider on or before {}.", describe_date(r.as_of))).into_any();
    }
    let open = r.issues.iter().filter(|i| i.open).count();
    let rows = r
        .issues
        .iter()
        .map(|i| {
            let concerns = if i.every_provider { "Every provider" } else { "This provider" };
            let resolved = match i.resolved_on {
                Some(d) => format!("{} ({})", i.resolution, describe_date(d)),
                None => String::new(),
            };
            let cells = vec![
                Cell::Head(i.reference.clone()),
                Cell::Text(describe_date(i.raised_on)),
                Cell::Text(format!("{}, {}", i.priority, i.found_in)),
                Cell::Text(concerns.to_owned()),
                Cell::User(i.description.clone()),
                if i.open { Cell::Tag(i.status, "orange") } else { Cell::Tag(i.status, "grey") },
                Cell::User(resolved),
            ];
            (if i.open { "open" } else { "closed" }.to_owned(), cells)
        })
        .collect();
    view! {
        {paragraph(format!("{} raised, {open} still open on {}. Issues raised for every provider are included.", r.issues.len(), describe_date(r.as_of)))}
        {table("report-issues-table", "Issues, by reference", &["Reference", "Raised", "Priority, found in", "Concerns", "Description", "Status", "Resolution"], rows)}
    }
    .into_any()
}

fn lessons(r: &Report) -> impl IntoView {
    if r.lessons.is_empty() {
        return paragraph(format!("No lessons were identified in this deployment on or before {}.", describe_date(r.as_of))).into_any();
    }
    let rows = r
        .lessons
        .iter()
        .map(|l| {
            let cells = vec![
                Cell::Text(describe_date(l.date)),
                Cell::Text(l.category.to_owned()),
                Cell::User(l.what_happened.clone()),
                Cell::User(l.lesson.clone()),
                Cell::User(l.action.clone()),
                Cell::Text(if l.for_retrospective { format!("{}; for the retrospective", l.status) } else { l.status.to_owned() }),
            ];
            (if l.for_retrospective { "retrospective" } else { "lesson" }.to_owned(), cells)
        })
        .collect();
    view! {
        {paragraph("Lessons identified across the deployment, not only by this provider, oldest first.".to_owned())}
        {table("report-lessons-table", "Lessons identified", &["Date", "Category", "What happened", "Lesson", "Action", "Status"], rows)}
    }
    .into_any()
}

fn sign_offs(r: &Report) -> impl IntoView {
    let rows = r
        .sign_offs
        .iter()
        .map(|s| {
            let (when, by) = match &s.recorded {
                Some((d, by)) => (describe_date(*d), by.clone()),
                None => ("Not recorded".to_owned(), String::new()),
            };
            (s.kind.key().to_owned(), vec![Cell::Head(s.kind.label().to_owned()), Cell::Text(when), Cell::User(by)])
        })
        .collect();
    table("report-sign-offs-table", "Checks and sign-offs", &["Check or sign-off", "Recorded on", "Recorded by"], rows)
}

fn charts(r: &Report) -> impl IntoView {
    let none = r.referral_chart.is_none() && r.clock_chart.is_none();
    view! {
        {chart_figure(&REFERRALS, Signal::stored(r.referral_chart.as_ref().map(|c| c.drawn())))}
        {chart_figure(&CLOCKS, Signal::stored(r.clock_chart.as_ref().map(|c| c.drawn())))}
        {none.then(|| view! { <p class="nhsuk-body">"Nothing to draw yet: no provider has gone live."</p> }.into_any())}
    }.into_any()
}

/// The narrative sections: the person's words, a paragraph per line.
fn narrative(r: &Report) -> impl IntoView {
    let texts = r.narrative.as_ref().map(|n| [n.summary.clone(), n.benefits.clone(), n.recommendations.clone()]).unwrap_or_default();
    ["report-summary", "report-benefits", "report-recommendations"]
        .into_iter()
        .zip(texts)
        .map(|(id, text)| {
            let content = if bars_domain::text::is_blank(&text) {
                view! { <p class="nhsuk-body app-report__unwritten">"Not written yet."</p> }.into_any()
            } else {
                text.lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(|l| view! { <p class="nhsuk-body app-report__text">{l.to_owned()}</p> }.into_any())
                    .collect_view()
                    .into_any()
            };
            section(id, content)
        })
        .collect_view()
}

const FORM: &str = "narrative";

/// The narrative form: the three sections, and who completed the report and when.
#[component]
fn NarrativeForm(id: String, provider: String) -> impl IntoView {
    let store = use_store();
    let draft = store
        .state
        .with_untracked(|s| s.deployment(&id).and_then(|d| d.exit_report(&provider)).map(ExitReportDraft::from_report))
        .unwrap_or_default();
    let summary = RwSignal::new(draft.summary);
    let benefits = RwSignal::new(draft.benefits);
    let recommendations = RwSignal::new(draft.recommendations);
    let completed_by = RwSignal::new(draft.completed_by);
    let completed_on = RwSignal::new(draft.completed_on);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let saved = RwSignal::new(false);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let draft = ExitReportDraft {
            summary: summary.get_untracked(),
            benefits: benefits.get_untracked(),
            recommendations: recommendations.get_untracked(),
            completed_by: completed_by.get_untracked(),
            completed_on: completed_on.get_untracked(),
        };
        match store.state.with_untracked(|s| s.deployment(&id).map(|d| draft.record(d, &provider, today(), new_id(), now()))) {
            Some(Ok(record)) => {
                store.change_deployment(&id, |d| d.put_exit_report(record));
                errors.set(Vec::new());
                saved.set(true);
            }
            Some(Err(found)) => {
                saved.set(false);
                show_errors(errors, found);
            }
            None => {}
        }
    };
    view! {
        <section class="nhsuk-card" aria-labelledby="narrative-form-heading">
            <div class="nhsuk-card__content">
                <h2 class="nhsuk-card__heading nhsuk-heading-m" id="narrative-form-heading">"Write the narrative"</h2>
                <p class="nhsuk-body">"The provider completes these sections in its own words; everything else in the report comes from the records. Never include patient details."</p>
                <ErrorSummary errors=errors form=FORM/>
                {move || saved.get().then(|| view! { <p class="nhsuk-body app-confirmation" role="status" id="narrative-saved">"Narrative saved."</p> }.into_any())}
                <form novalidate on:submit=on_submit>
                    <TextArea form=FORM field="summary" label="Summary" value=summary error=error_for(errors, "summary") rows=6
                        hint="How the beta went for this provider. Up to 3,000 characters."/>
                    <TextArea form=FORM field="benefits" label="Benefits seen" value=benefits error=error_for(errors, "benefits") rows=4
                        hint="For patients, staff and the service. Up to 3,000 characters."/>
                    <TextArea form=FORM field="recommendations" label="Recommendations" value=recommendations error=error_for(errors, "recommendations") rows=4
                        hint="For the standard, the supplier and providers joining later. Up to 3,000 characters."/>
                    <TextInput form=FORM field="completed_by" label="Completed by" value=completed_by error=error_for(errors, "completed_by")
                        hint="Name and organisation, for example A Patel, Leeds Community Healthcare. Leave empty while the report is being written."/>
                    <DateInput form=FORM field="completed_on" legend="Date completed" value=completed_on error=error_for(errors, "completed_on")
                        hint="Leave empty while the report is being written."/>
                    <button class="nhsuk-button" type="submit">"Save the narrative"</button>
                </form>
            </div>
        </section>
    }
}
