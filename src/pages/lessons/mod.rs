//! The lessons identified log: what happened, what was learned and what will
//! be done, kept for the end of beta retrospective and the exit report.

use bars_domain::describe_date;
use bars_domain::records::{Lesson, LessonCategory, LessonDraft, LessonStatus, Party};
use bars_domain::validation::FieldError;
use bars_domain::{csv_out, Deployment};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::state::hooks::contact_choices;
use crate::state::browser::{new_id, now, set_title, today};
use crate::state::route::{deployment_href, use_router, LogQuery, Page, Route};
use crate::state::store::use_store;
use crate::ui::date_input::DateInput;
use crate::ui::download::DownloadButton;
use crate::ui::form::{choices, error_for, show_errors, Checkbox, ErrorSummary, Radios, Select, TextArea};
use crate::ui::table::Table;
use crate::ui::tag::tag;
use crate::ui::text::bdi;

fn status_tag(status: LessonStatus) -> AnyView {
    match status {
        LessonStatus::Open => tag("Open", "blue"),
        LessonStatus::InProgress => tag("Action in progress", "yellow"),
        LessonStatus::Done => tag("Done", "green"),
    }
}

fn lesson_row(d: &Deployment, id: &str, l: &Lesson) -> impl IntoView {
    let by = match l.raised_by_contact_id.as_deref() {
        Some(c) => format!("{} ({})", d.contact_name(c), l.raised_by.label()),
        None => l.raised_by.label().to_owned(),
    };
    let action = if l.action.is_empty() { "None agreed yet".to_owned() } else { l.action.clone() };
    view! {
        <tr class="nhsuk-table__row">
            <td class="nhsuk-table__cell app-nowrap">{describe_date(l.date)}</td>
            <td class="nhsuk-table__cell">
                <strong>{bdi(l.lesson.clone())}</strong>
                <span class="nhsuk-body-s app-secondary-text">{bdi(l.what_happened.clone())}</span>
                <span class="nhsuk-body-s app-secondary-text">"Raised by "{bdi(by)}</span>
            </td>
            <td class="nhsuk-table__cell">{l.category.label()}</td>
            <td class="nhsuk-table__cell">
                {bdi(action)}
                {l.owner.map(|o| view! { <span class="nhsuk-body-s app-secondary-text">{format!("Owner: {}", o.label())}</span> }.into_any())}
            </td>
            <td class="nhsuk-table__cell">
                {status_tag(l.status)}
                {l.for_retrospective.then(|| view! { <span class="app-tag-line">{tag("Retrospective", "white")}</span> }.into_any())}
            </td>
            <td class="nhsuk-table__cell">
                <a href=deployment_href(id, Page::EditLesson(l.id.clone()))>"Change"<span class="nhsuk-u-visually-hidden">{format!(" lesson of {}", describe_date(l.date))}</span></a>
            </td>
        </tr>
    }.into_any()
}

#[component]
pub fn Lessons(id: String, query: LogQuery) -> impl IntoView {
    let store = use_store();
    set_title(if query.retro { "Lessons for the retrospective" } else { "Lessons identified" });
    let retro = query.retro;
    let rows = {
        let id = id.clone();
        move || {
            store.state.with(|s| {
                let Some(d) = s.deployment(&id) else { return None };
                let list = d.lessons_in_order(retro);
                if list.is_empty() {
                    let none = if retro { "No lessons are marked for the retrospective." } else { "No lessons recorded yet." };
                    return Some(view! { <p class="nhsuk-body">{none}</p> }.into_any());
                }
                let rows = list.into_iter().map(|l| lesson_row(d, &id, l)).collect_view();
                Some(
                    view! {
                        <Table id="lessons" caption="Lessons, oldest first" class="nhsuk-table app-table--compact"
                            headers=&["Identified", "Lesson", "Category", "Action", "Status", ""]>{rows}</Table>
                    }
                    .into_any(),
                )
            })
        }
    };
    let toggle = if retro {
        view! { <a class="nhsuk-link" id="lessons-filter" href=deployment_href(&id, Page::Lessons(LogQuery::NONE))>"Show all lessons"</a> }
    } else {
        let only = LogQuery { retro: true, ..LogQuery::NONE };
        view! { <a class="nhsuk-link" id="lessons-filter" href=deployment_href(&id, Page::Lessons(only))>"Show only the lessons for the retrospective"</a> }
    };
    let download_id = id.clone();
    view! {
        <h1 id="page-heading" tabindex="-1">{if retro { "Lessons for the retrospective" } else { "Lessons identified" }}</h1>
        <p class="nhsuk-body">"What happened during the beta, what the parties learned from it and what they will do about it. Mark a lesson for the end of beta retrospective to bring it to that meeting and to the exit report."</p>
        <a class="nhsuk-button" role="button" draggable="false" href=deployment_href(&id, Page::NewLesson)>"Add a lesson"</a>
        <p class="nhsuk-body">{toggle}</p>
        {rows}
        <h2 class="nhsuk-heading-m">"Download"</h2>
        <DownloadButton id="download-lessons" label=if retro { "Download these lessons (CSV)" } else { "Download the lessons log (CSV)" } file=move |_| {
            store.state.with_untracked(|s| s.deployment(&download_id).map(|d| {
                let what = if retro { "lessons-for-retrospective" } else { "lessons-log" };
                (csv_out::file_name(&d.name, what, today()), csv_out::lessons_log(d, retro))
            }))
        }/>
    }
}

const FORM: &str = "lesson";

#[component]
pub fn LessonForm(id: String, editing: Option<String>) -> impl IntoView {
    let store = use_store();
    let router = use_router();
    let existing = store.state.with_untracked(|s| {
        s.deployment(&id).and_then(|d| editing.as_deref().and_then(|l| d.lessons.iter().find(|x| x.id == l)).map(LessonDraft::from_lesson))
    });
    if editing.is_some() && existing.is_none() {
        return view! { <crate::ui::not_found::NotFound/> }.into_any();
    }
    let heading = if editing.is_some() { "Change lesson" } else { "Add a lesson" };
    set_title(heading);
    let draft = existing.unwrap_or_else(|| LessonDraft { date: today().to_string(), status: LessonStatus::Open.key().to_owned(), ..Default::default() });
    let date = RwSignal::new(draft.date);
    let raised_by = RwSignal::new(draft.raised_by);
    let raised_by_contact = RwSignal::new(draft.raised_by_contact);
    let category = RwSignal::new(draft.category);
    let what_happened = RwSignal::new(draft.what_happened);
    let lesson = RwSignal::new(draft.lesson);
    let action = RwSignal::new(draft.action);
    let owner = RwSignal::new(draft.owner);
    let status = RwSignal::new(draft.status);
    let for_retrospective = RwSignal::new(draft.for_retrospective);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let contacts = contact_choices(id.clone(), raised_by);
    let parties = choices(&Party::ALL, Party::key, Party::label);
    let (deployment_id, lesson_id) = (id.clone(), editing.clone());
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let draft = LessonDraft {
            date: date.get_untracked(),
            raised_by: raised_by.get_untracked(),
            raised_by_contact: raised_by_contact.get_untracked(),
            category: category.get_untracked(),
            what_happened: what_happened.get_untracked(),
            lesson: lesson.get_untracked(),
            action: action.get_untracked(),
            owner: owner.get_untracked(),
            status: status.get_untracked(),
            for_retrospective: for_retrospective.get_untracked(),
        };
        let checked = store.state.with_untracked(|s| s.deployment(&deployment_id).map(|d| draft.validate(d, today())));
        let fields = match checked {
            Some(Ok(fields)) => fields,
            Some(Err(found)) => return show_errors(errors, found),
            None => return,
        };
        let record = fields.into_record(lesson_id.clone().unwrap_or_else(new_id), now());
        store.change_deployment(&deployment_id, |d| Deployment::upsert(&mut d.lessons, record));
        router.go(&Route::Deployment(deployment_id.clone(), Page::Lessons(LogQuery::NONE)));
    };
    let delete = editing.clone().map(|lesson| {
        let deployment_id = id.clone();
        move |_| {
            store.change_deployment(&deployment_id, |d| { d.remove(&lesson, now()); });
            router.go(&Route::Deployment(deployment_id.clone(), Page::Lessons(LogQuery::NONE)));
        }
    });
    view! {
        <a class="nhsuk-back-link" href=deployment_href(&id, Page::Lessons(LogQuery::NONE))>"Back to the lessons"</a>
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-two-thirds">
                <ErrorSummary errors=errors form=FORM/>
                <h1 id="page-heading" tabindex="-1">{heading}</h1>
                <form novalidate on:submit=on_submit>
                    <DateInput form=FORM field="date" legend="Date identified" value=date error=error_for(errors, "date")/>
                    <Radios form=FORM field="raised_by" legend="Raised by" value=raised_by error=error_for(errors, "raised_by") choices=parties.clone()/>
                    <crate::ui::when::When when=std::sync::Arc::new(move || contacts.with(|c| !c.is_empty()))>
                        <Select form=FORM field="raised_by_contact" label="Person who raised it (optional)" choices=contacts value=raised_by_contact error=error_for(errors, "raised_by_contact")/>
                    </crate::ui::when::When>
                    <Radios form=FORM field="category" legend="Category" value=category error=error_for(errors, "category")
                        choices=choices(&LessonCategory::ALL, LessonCategory::key, LessonCategory::label)/>
                    <TextArea form=FORM field="what_happened" label="What happened" value=what_happened error=error_for(errors, "what_happened")
                        hint="Describe events, not patients: no names, NHS numbers or other patient details."/>
                    <TextArea form=FORM field="lesson" label="What was learned" value=lesson error=error_for(errors, "lesson")/>
                    <TextArea form=FORM field="action" label="Action" value=action error=error_for(errors, "action")
                        hint="What will be done differently, and by when. Needed once the action is under way."/>
                    <Select form=FORM field="owner" label="Owner of the action" value=owner error=error_for(errors, "owner") choices=Signal::stored(parties)/>
                    <Radios form=FORM field="status" legend="Status" value=status error=error_for(errors, "status") inline=true
                        choices=choices(&LessonStatus::ALL, LessonStatus::key, LessonStatus::label)/>
                    <Checkbox form=FORM field="for_retrospective" label="Bring this lesson to the end of beta retrospective" checked=for_retrospective/>
                    <div class="nhsuk-button-group">
                        <button class="nhsuk-button" type="submit">{if editing.is_some() { "Save changes" } else { "Add lesson" }}</button>
                        {delete.map(|delete| view! {
                            <button class="nhsuk-button nhsuk-button--warning" type="button" on:click=delete>"Delete lesson"</button>
                        }.into_any())}
                    </div>
                </form>
            </div>
        </div>
    }
    .into_any()
}
