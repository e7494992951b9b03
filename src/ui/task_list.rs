//! The NHS task list: tasks in order, each with a hint and its status
//! (completed as text, in progress and not started as tags, cannot start yet
//! in grey), the name linking to where the task is done.

use bars_domain::stages::StageStatus;
use leptos::prelude::*;

/// One task of the list.
pub struct Task {
    pub name: String,
    /// Where the task is done, when it can be.
    pub href: Option<String>,
    /// Lines under the name: what it needs, its gates.
    pub hint: Vec<String>,
    pub status: StageStatus,
    /// For tests and styles: `data-task` on the item.
    pub key: &'static str,
}

fn status_view(status: StageStatus) -> impl IntoView {
    let class = match status {
        StageStatus::Completed => "nhsuk-tag nhsuk-tag--green",
        StageStatus::InProgress => "nhsuk-tag nhsuk-tag--blue",
        StageStatus::NotStarted => "nhsuk-tag nhsuk-tag--grey",
        StageStatus::CannotStartYet => "nhsuk-task-list__status--cannot-start-yet",
    };
    view! { <strong class=class>{status.label()}</strong> }.into_any()
}

/// The list; `id` prefixes the hint and status ids each link is described by.
pub fn task_list(id: &'static str, tasks: Vec<Task>) -> impl IntoView {
    let items = tasks
        .into_iter()
        .enumerate()
        .map(|(i, task)| {
            let (hint_id, status_id) = (format!("{id}-{i}-hint"), format!("{id}-{i}-status"));
            let described = if task.hint.is_empty() { status_id.clone() } else { format!("{hint_id} {status_id}") };
            let name = match task.href {
                Some(href) => view! { <a class="nhsuk-link nhsuk-task-list__link" href=href aria-describedby=described>{task.name}</a> }.into_any(),
                None => view! { <div>{task.name}</div> }.into_any(),
            };
            let hint = (!task.hint.is_empty()).then(|| {
                let lines = task.hint.into_iter().map(|line| view! { <li>{line}</li> }.into_any()).collect_view();
                view! { <div class="nhsuk-task-list__hint" id=hint_id><ul class="app-task-hint">{lines}</ul></div> }.into_any()
            });
            view! {
                <li class="nhsuk-task-list__item nhsuk-task-list__item--with-link" data-task=task.key data-status=task.status.label()>
                    <div class="nhsuk-task-list__name-and-hint">{name}{hint}</div>
                    <div class="nhsuk-task-list__status" id=status_id>{status_view(task.status)}</div>
                </li>
            }.into_any()
        })
        .collect_view();
    view! { <ul class="nhsuk-task-list" id=id>{items}</ul> }.into_any()
}
