//! Daily counts per provider: a week at a time, or pasted as CSV rows.
//! Counts only; nothing about any patient is ever entered here.

use bars_domain::describe_date;
use bars_domain::forms::{parse_volumetrics, store_counts, week_start, DayCounts, WeekDraft};
use bars_domain::readiness::describe;
use bars_domain::validation::FieldError;
use bars_domain::Deployment;
use chrono::Days;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::state::browser::{new_id, now, set_title};
use crate::state::files::read_file;
use crate::state::hooks::{provider_choices, use_as_of, use_readiness};
use crate::ui::date_input::DateInput;
use crate::ui::table::Table;
use crate::ui::form::{error_for, field_id, invalid, show_errors, ErrorMessage, ErrorSummary, Select, TextArea};
use crate::state::store::use_store;

/// Stores counts, replacing any already held for the same provider and day.
fn apply(d: &mut Deployment, rows: Vec<DayCounts>) {
    store_counts(d, rows, now(), new_id);
}

#[component]
pub fn Volumetrics(id: String) -> impl IntoView {
    let store = use_store();
    set_title("Volumetrics");
    let readiness = use_readiness(id.clone());
    let has_providers = {
        let id = id.clone();
        move || store.state.with(|s| s.deployment(&id).is_some_and(|d| !d.providers.is_empty()))
    };
    view! {
        <h1 id="page-heading" tabindex="-1">"Volumetrics"</h1>
        <p class="nhsuk-body">"Daily counts of referrals sent and responses received, per provider. Enter counts only: never any detail about a patient."</p>
        {move || readiness.get().map(|r| view! {
            <p class="nhsuk-body" id="volumetrics-progress">
                <strong>{describe::referrals(&r.referrals)}</strong>
                {format!(" counted on or before {}.", describe::date(r.as_of))}
            </p>
        }.into_any())}
        <crate::ui::when::When when=std::sync::Arc::new(has_providers.clone()) fallback=|| view! { <p class="nhsuk-body">"Add a provider before entering counts."</p> }>
            <WeekEntry id=id.clone()/>
            <CsvPaste id=id.clone()/>
            <Recorded id=id.clone()/>
            <DownloadCounts id=id.clone()/>
        </crate::ui::when::When>
    }
}

const WEEK_FORM: &str = "week";

#[component]
fn WeekEntry(id: String) -> impl IntoView {
    let store = use_store();
    let as_of = use_as_of();
    let provider = RwSignal::new(String::new());
    let start = RwSignal::new(week_start(as_of.get_untracked()).to_string());
    let days: [(RwSignal<String>, RwSignal<String>); 7] = std::array::from_fn(|_| (RwSignal::new(String::new()), RwSignal::new(String::new())));
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let saved = RwSignal::new(None::<String>);
    let providers = provider_choices(id.clone());
    // Show what is already stored for the chosen provider and week, so the form edits it.
    {
        let id = id.clone();
        Effect::new(move |_| {
            let (pid, first) = (provider.get(), bars_domain::forms::parse_date(&start.get()).ok().flatten());
            store.state.with_untracked(|s| {
                let d = s.deployment(&id);
                for (i, (referrals, responses)) in days.iter().enumerate() {
                    let day = first.and_then(|f| f.checked_add_days(Days::new(i as u64)));
                    let row = d.zip(day).and_then(|(d, day)| d.counts_on(&pid, day));
                    referrals.set(row.map(|r| r.referrals.to_string()).unwrap_or_default());
                    responses.set(row.map(|r| r.responses.to_string()).unwrap_or_default());
                }
            });
        });
    }
    let on_submit = {
        let id = id.clone();
        move |ev: SubmitEvent| {
            ev.prevent_default();
            let draft = WeekDraft {
                provider_id: provider.get_untracked(),
                week_start: start.get_untracked(),
                days: std::array::from_fn(|i| (days[i].0.get_untracked(), days[i].1.get_untracked())),
            };
            let checked = store.state.with_untracked(|s| s.deployment(&id).map(|d| draft.validate(d)));
            match checked {
                Some(Ok(rows)) => {
                    let n = rows.len();
                    store.change_deployment(&id, |d| apply(d, rows));
                    errors.set(Vec::new());
                    saved.set(Some(format!("Saved counts for {n} {}.", if n == 1 { "day" } else { "days" })));
                }
                Some(Err(found)) => {
                    saved.set(None);
                    show_errors(errors, found);
                }
                None => {}
            }
        }
    };
    let rows = (0..7)
        .map(|i| {
            let (referrals, responses) = days[i];
            let label = move || {
                bars_domain::forms::parse_date(&start.get())
                    .ok()
                    .flatten()
                    .and_then(|f| f.checked_add_days(Days::new(i as u64)))
                    .map(bars_domain::dates::weekday_date)
                    .unwrap_or_else(|| format!("Day {}", i + 1))
            };
            let cell = move |field: String, value: RwSignal<String>, what: &'static str| {
                let error = error_for_dynamic(errors, field.clone());
                let input_id = field_id(WEEK_FORM, &field);
                view! {
                    <td class="nhsuk-table__cell" class:nhsuk-form-group--error=invalid(error)>
                        <label class="nhsuk-label nhsuk-u-visually-hidden" for=input_id.clone()>{move || format!("{what} on {}", label())}</label>
                        <ErrorMessage id=format!("{input_id}-error") error=error/>
                        <input class="nhsuk-input nhsuk-input--width-4" class:nhsuk-input--error=invalid(error)
                            id=input_id.clone() name=field.clone() type="text" inputmode="numeric"
                            aria-describedby=move || error.get().map(|_| format!("{input_id}-error"))
                            prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
                    </td>
                }
            };
            view! {
                <tr class="nhsuk-table__row">
                    <th class="nhsuk-table__header" scope="row">{move || label()}</th>
                    {cell(format!("referrals-{i}"), referrals, "Referrals")}
                    {cell(format!("responses-{i}"), responses, "Responses")}
                </tr>
            }.into_any()
        })
        .collect_view();
    view! {
        <div class="nhsuk-card">
            <div class="nhsuk-card__content">
                <h2 class="nhsuk-card__heading nhsuk-heading-m">"Enter a week"</h2>
                <ErrorSummary errors=errors form=WEEK_FORM/>
                {move || saved.get().map(|m| view! { <p class="nhsuk-body app-confirmation" role="status">{m}</p> }.into_any())}
                <form novalidate on:submit=on_submit>
                    <Select form=WEEK_FORM field="provider" label="Provider" choices=providers value=provider error=error_for(errors, "provider")/>
                    <DateInput form=WEEK_FORM field="week_start" legend="First day" value=start error=error_for(errors, "week_start")
                        hint="Counts already saved for these days are shown and can be corrected. Leave a day empty to skip it."/>
                    <Table class="nhsuk-table app-week" caption="Counts for each day" caption_class="nhsuk-table__caption nhsuk-table__caption--s"
                        headers=&["Day", "Referrals sent", "Responses received"]>{rows}</Table>
                    <button class="nhsuk-button" type="submit">"Save week"</button>
                </form>
            </div>
        </div>
    }
}

/// Like `error_for`, for fields whose names are built at run time.
fn error_for_dynamic(errors: RwSignal<Vec<FieldError>>, field: String) -> Signal<Option<String>> {
    Signal::derive(move || errors.with(|e| bars_domain::validation::message_for(e, &field).map(str::to_owned)))
}

const CSV_FORM: &str = "paste";

#[component]
fn CsvPaste(id: String) -> impl IntoView {
    let store = use_store();
    let text = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let saved = RwSignal::new(None::<String>);
    let id = StoredValue::new(id);
    // Reads pasted or file text; adds every row, or none and says why.
    let add = move |source: &str, content: &str| {
        let id = id.get_value();
        let checked = store.state.with_untracked(|s| s.deployment(&id).map(|d| parse_volumetrics(d, content)));
        match checked {
            Some(Ok(rows)) => {
                let n = rows.len();
                store.change_deployment(&id, |d| apply(d, rows));
                text.set(String::new());
                errors.set(Vec::new());
                saved.set(Some(format!("Added {n} {} from {source}.", if n == 1 { "row" } else { "rows" })));
            }
            Some(Err(found)) => {
                saved.set(None);
                show_errors(errors, found);
            }
            None => {}
        }
    };
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        add("the pasted text", &text.get_untracked());
    };
    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let incoming = read_file(file).await;
            let name = format!("\u{201c}{}\u{201d}", incoming.source);
            match incoming.bytes.map(String::from_utf8) {
                Ok(Ok(content)) => add(&name, &content),
                _ => {
                    saved.set(None);
                    show_errors(errors, vec![FieldError::new("csv", format!("{name} is not a CSV file in UTF-8: in Excel, save it as \u{201c}CSV UTF-8 (comma delimited)\u{201d}"))]);
                }
            }
        });
    };
    // Every CSV problem belongs to the one text box, so its message lists them all.
    let error = Signal::derive(move || {
        errors.with(|e| (!e.is_empty()).then(|| e.iter().map(|e| e.message.clone()).collect::<Vec<_>>().join(". ")))
    });
    view! {
        <details class="nhsuk-details">
            <summary class="nhsuk-details__summary"><span class="nhsuk-details__summary-text">"Add rows from a spreadsheet"</span></summary>
            <div class="nhsuk-details__text">
                <ErrorSummary errors=errors form=CSV_FORM/>
                {move || saved.get().map(|m| view! { <p class="nhsuk-body app-confirmation" role="status">{m}</p> }.into_any())}
                <p class="nhsuk-body">"Copy the rows in Excel or Google Sheets and paste them here, or choose a CSV file. Each row is one provider's day: the date, the provider's ODS code or name, referrals sent and responses received. A first row naming the columns may put them in any order. Dates may be written 2026-03-01 or 01/03/2026. If any row has a problem, nothing is added."</p>
                <form novalidate on:submit=on_submit>
                    <TextArea form=CSV_FORM field="csv" label="Rows to add" value=text error=error rows=8
                        hint="For example: Date, Provider, Referrals sent, Responses received, then 02/03/2026, RX8, 12, 10."/>
                    <button class="nhsuk-button nhsuk-button--secondary" type="submit">"Add rows"</button>
                </form>
                <div class="nhsuk-form-group">
                    <label class="nhsuk-label" for="paste-file">"Or choose a CSV file"</label>
                    <input class="nhsuk-file-upload" id="paste-file" type="file" accept=".csv,.tsv,.txt,text/csv" on:change=on_file/>
                </div>
            </div>
        </details>
    }
}

/// A long beta has tens of thousands of rows; the page lists the latest.
const SHOWN_ROWS: usize = 100;

#[component]
fn Recorded(id: String) -> impl IntoView {
    let store = use_store();
    let any = {
        let id = id.clone();
        move || store.state.with(|s| s.deployment(&id).is_some_and(|d| !d.volumetrics.is_empty()))
    };
    let caption = {
        let id = id.clone();
        move || {
            let total = store.state.with(|s| s.deployment(&id).map_or(0, |d| d.volumetrics.len()));
            if total > SHOWN_ROWS {
                format!("Counts recorded: the latest {SHOWN_ROWS} of {total}")
            } else {
                "Counts recorded".to_owned()
            }
        }
    };
    let rows = move || {
        store.state.with(|s| {
            let Some(d) = s.deployment(&id) else { return Vec::new() };
            d.counts_newest_first()
                .into_iter()
                .take(SHOWN_ROWS)
                .map(|v| {
                    let provider = d.provider(&v.provider_id);
                    let live = d.is_live(v);
                    let name = provider.map(|p| p.name.clone()).unwrap_or_default();
                    let (row_id, deployment_id) = (v.id.clone(), id.clone());
                    view! {
                        <tr class="nhsuk-table__row">
                            <td class="nhsuk-table__cell">{describe_date(v.date)}</td>
                            <td class="nhsuk-table__cell">{name}</td>
                            <td class="nhsuk-table__cell">{v.referrals}</td>
                            <td class="nhsuk-table__cell">{v.responses}</td>
                            <td class="nhsuk-table__cell">{if live { "Live" } else { "Before go-live: not counted" }}</td>
                            <td class="nhsuk-table__cell">
                                <button type="button" class="app-link-button" on:click=move |_| {
                                    store.change_deployment(&deployment_id, |d| { d.remove(&row_id, now()); });
                                }>"Remove"<span class="nhsuk-u-visually-hidden">{format!(" counts for {}", describe_date(v.date))}</span></button>
                            </td>
                        </tr>
                    }.into_any()
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <crate::ui::when::When when=std::sync::Arc::new(any) fallback=|| view! {
            <h2 class="nhsuk-heading-m">"Counts recorded"</h2>
            <p class="nhsuk-body">"No counts recorded yet."</p>
        }>
            {let (caption, rows) = (caption.clone(), rows.clone()); view! {
                <Table id="volumetrics" caption=caption caption_class="nhsuk-table__caption nhsuk-table__caption--m"
                    headers=&["Date", "Provider", "Referrals", "Responses", "Counted", ""]>{move || rows()}</Table>
            }}
        </crate::ui::when::When>
    }
}

/// Every day of counts as a spreadsheet.
#[component]
fn DownloadCounts(id: String) -> impl IntoView {
    let store = use_store();
    view! {
        <h2 class="nhsuk-heading-m">"Download"</h2>
        <p class="nhsuk-body">"Every day of counts, oldest first, as a spreadsheet (CSV, opens in Excel)."</p>
        <crate::ui::download::DownloadButton id="download-counts" label="Download daily counts (CSV)" file=move |_| {
            store.state.with_untracked(|s| s.deployment(&id).map(|d| {
                (bars_domain::csv_out::file_name(&d.name, "daily-counts", crate::state::browser::today()), bars_domain::csv_out::volumetrics(d))
            }))
        }/>
    }
}
