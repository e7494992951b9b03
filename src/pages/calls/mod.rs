//! The calls calendar: the calls the guide recommends, proposed from the
//! deployment's dates and the agreed cadence, with the calls people changed,
//! cancelled, noted or added in their place; open actions; the .ics download.

pub mod cadence;
pub mod call;

use bars_domain::calls::{cadence_of, calendar, describe_cadence, entry_key, open_actions, stage_dates, times, Entry, Status};
use bars_domain::ical::{calendar_file, file_name, CalendarInput};
use bars_domain::readiness::Readiness;
use bars_domain::describe_date;
use chrono::NaiveDate;
use leptos::prelude::*;

use crate::state::browser::{download_as, now, set_title};
use crate::state::hooks::{use_as_of, use_readiness};
use crate::state::route::{deployment_href, Page};
use crate::state::store::use_store;
use crate::ui::summary_list::SummaryRow;
use crate::ui::table::Table;
use crate::ui::tag::tag;
use crate::ui::text::bdi;

/// The readiness engine's projected exit (tracked). Pages read it through
/// the readiness memo they already have rather than a signal of their own:
/// each new signal type costs the bundle its own copy of the reactive code.
pub(crate) fn projected_exit(readiness: Memo<Option<Readiness>>) -> Option<NaiveDate> {
    readiness.with(|r| r.as_ref().and_then(|r| r.earliest_exit.date()))
}

/// Deployment `id`'s calendar (tracked: follows the store and the readiness).
pub(crate) fn entries_of(id: &str, readiness: Memo<Option<Readiness>>) -> Vec<Entry> {
    let exit = projected_exit(readiness);
    use_store().state.with(|s| s.deployment(id).map(|d| calendar(d, exit)).unwrap_or_default())
}

#[component]
pub fn Calls(id: String) -> impl IntoView {
    let store = use_store();
    set_title("Calls");
    let as_of = use_as_of();
    let readiness = use_readiness(id.clone());
    let cadence = {
        let id = id.clone();
        move || {
            let exit = projected_exit(readiness);
            store.state.with(|s| {
                let d = s.deployment(&id)?;
                let c = cadence_of(d);
                Some(describe_cadence(&c, &stage_dates(d, &c, exit)))
            })
        }
    };
    let download = {
        let id = id.clone();
        move |_| {
            let exit = projected_exit(readiness);
            let entries = entries_of(&id, readiness);
            store.state.with_untracked(|s| {
                let Some(d) = s.deployment(&id) else { return };
                let text = calendar_file(&CalendarInput { deployment: d, entries: &entries, projected_exit: exit, now: now() });
                download_as(&file_name(d), &text, "text/calendar");
            })
        }
    };
    let row = {
        let id = id.clone();
        move |e: &Entry| {
            let status = Status::of(e);
            let call = &e.call;
            let href = deployment_href(&id, Page::Call(entry_key(e).to_owned()));
            let title = call.title.clone();
            view! {
                <tr class="nhsuk-table__row">
                    <td class="nhsuk-table__cell">{describe_date(call.date)}</td>
                    <td class="nhsuk-table__cell">{times(call)}</td>
                    <td class="nhsuk-table__cell"><a href=href>{bdi(title)}</a></td>
                    <td class="nhsuk-table__cell">{tag(status.label(), status.colour())}</td>
                </tr>
            }
        }
    };
    // The calls before the as-of date (latest first) or from it, as rows.
    let rows = {
        let id = id.clone();
        move |earlier: bool| {
            let today = as_of.get();
            let mut all: Vec<Entry> = entries_of(&id, readiness).into_iter().filter(|e| (e.call.date < today) == earlier).collect();
            if earlier {
                all.reverse();
            }
            all.iter().map(|e| row.clone()(e)).collect::<Vec<_>>()
        }
    };
    let count = {
        let id = id.clone();
        move |earlier: bool| {
            let today = as_of.get();
            entries_of(&id, readiness).iter().filter(|e| (e.call.date < today) == earlier).count()
        }
    };
    let coming = {
        let rows = rows.clone();
        move || rows(false)
    };
    let earlier = move || rows(true);
    let any_coming = {
        let count = count.clone();
        move || count(false) > 0
    };
    let earlier_count = {
        let count = count.clone();
        move || count(true)
    };
    let earlier_count_for_fallback = move || count(true);
    view! {
        <h1 id="page-heading" tabindex="-1">"Calls"</h1>
        <p class="nhsuk-body">"The calls the beta guidance recommends, worked out from each provider's dates: regular calls in the run-up to live running, a go / no-go call for each provider, daily calls when public beta starts, weekly calls after that, and a retrospective at the end. They move when dates move. Open a call to change it, cancel it, or record its notes and actions. Times are UK time."</p>
        {move || cadence().map(|(run_up, live)| view! {
            <dl class="nhsuk-summary-list">
                <SummaryRow key="Run-up calls" value=run_up change=None/>
                <SummaryRow key="Public beta calls" value=live change=None/>
            </dl>
        }.into_any())}
        <div class="nhsuk-button-group">
            <a class="nhsuk-button" role="button" draggable="false" href=deployment_href(&id, Page::CallCadence)>"Change the cadence"</a>
            <a class="nhsuk-button nhsuk-button--secondary" role="button" draggable="false" href=deployment_href(&id, Page::NewCall)>"Add a call"</a>
            <button type="button" class="nhsuk-button nhsuk-button--secondary" id="download-calendar" on:click=download>"Download the calendar (.ics)"</button>
        </div>
        <OpenActions id=id.clone()/>
        <crate::ui::when::When when=std::sync::Arc::new(any_coming) fallback=move || { let earlier_count_for_fallback = earlier_count_for_fallback.clone(); view! {
            <h2 class="nhsuk-heading-m">"Coming up"</h2>
            <p class="nhsuk-body" id="no-calls">{move || if earlier_count_for_fallback() > 0 {
                format!("No calls after {}.", describe_date(as_of.get()))
            } else {
                "No calls yet. They are proposed once a provider has a go-live date or a UAT test result is recorded, or you can add one.".to_owned()
            }}</p>
        }}>
            {let coming = coming.clone(); view! {
                <Table id="calls-coming" class="nhsuk-table app-calls" caption="Coming up" caption_class="nhsuk-table__caption nhsuk-table__caption--m"
                    headers=&["Date", "Time", "Call", "Status"]>{move || coming()}</Table>
            }}
        </crate::ui::when::When>
        <crate::ui::when::When when=std::sync::Arc::new({let earlier_count = earlier_count.clone(); move || earlier_count() > 0})>
            {let (earlier, earlier_count) = (earlier.clone(), earlier_count.clone()); view! {
                <details class="nhsuk-details">
                    <summary class="nhsuk-details__summary"><span class="nhsuk-details__summary-text">{move || format!("Earlier calls ({})", earlier_count())}</span></summary>
                    <div class="nhsuk-details__text">
                        <Table id="calls-earlier" class="nhsuk-table app-calls" caption="Earlier calls, latest first" headers=&["Date", "Time", "Call", "Status"]>{move || earlier()}</Table>
                    </div>
                </details>
            }}
        </crate::ui::when::When>
    }
}

/// Every action not yet done, soonest due first, with a link to its call.
#[component]
fn OpenActions(id: String) -> impl IntoView {
    let store = use_store();
    let rows = {
        let id = id.clone();
        move || {
            store.state.with(|s| {
                let Some(d) = s.deployment(&id) else { return Vec::new() };
                open_actions(d)
                    .into_iter()
                    .map(|(call, i)| {
                        let a = &call.actions[i];
                        let href = deployment_href(&id, Page::Call(call.id.clone()));
                        view! {
                            <tr class="nhsuk-table__row">
                                <td class="nhsuk-table__cell">{bdi(a.action.clone())}</td>
                                <td class="nhsuk-table__cell">{bdi(a.owner.clone())}</td>
                                <td class="nhsuk-table__cell">{a.due.map(describe_date).unwrap_or_else(|| "No date".to_owned())}</td>
                                <td class="nhsuk-table__cell"><a href=href>{bdi(call.title.clone())}</a>{format!(", {}", describe_date(call.date))}</td>
                            </tr>
                        }.into_any()
                    })
                    .collect::<Vec<_>>()
            })
        }
    };
    let any = move || store.state.with(|s| s.deployment(&id).is_some_and(|d| !open_actions(d).is_empty()));
    view! {
        <crate::ui::when::When when=std::sync::Arc::new(any)>
            {let rows = rows.clone(); view! {
                <Table id="open-actions" caption="Open actions" caption_class="nhsuk-table__caption nhsuk-table__caption--m"
                    headers=&["Action", "Owner", "Due", "Agreed at"]>{move || rows()}</Table>
            }}
        </crate::ui::when::When>
    }
}
