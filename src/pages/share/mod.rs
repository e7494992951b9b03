//! Sharing deployments between organisations as snapshot files: export (with
//! a check for NHS numbers first), and import through parse → migrate →
//! validate → preview → merge or replace → undo. A file that is rejected, or
//! an import that is not confirmed, changes nothing.

use bars_domain::merge::{plan_snapshot_merge, replace_preview, Choice, DeploymentChange, DeploymentDiff, MergeOptions, MergePlan};
use bars_domain::nhs_number::{find_nhs_numbers, scan_deployment};
use bars_domain::snapshot::{export, file_name, import_bytes, ExportMeta, ImportError, Snapshot};
use bars_domain::sharing::{apply_import, import_label, record_export, ExportDraft, ImportMode};
use bars_domain::validation::FieldError;
use bars_domain::Deployment;
use leptos::prelude::*;

use crate::state::browser::{download, now, set_title};
use crate::ui::form::{error_for, field_id, invalid, show_errors, Checkbox, Choice as FormChoice, ErrorMessage, ErrorSummary, Radios, Select, TextArea, TextInput};
use crate::state::files::{read_file, Dropped, Incoming};
use crate::state::store::use_store;
use crate::ui::table::Table;
use crate::ui::text::{bdi, isolate, quoting};
use crate::state::route::{deployment_href, Page};
use crate::state::storage;

#[component]
pub fn Share() -> impl IntoView {
    set_title("Share deployments");
    // The deployments the last import brought in, as (id, name), for links.
    let imported = RwSignal::new(Vec::<(String, String)>::new());
    view! {
        <h1 id="page-heading" tabindex="-1">"Share deployments"</h1>
        <p class="nhsuk-body">"Send your deployments to the other organisations in the beta as a file, and bring in the files they send you. Nothing is sent anywhere by this page: you attach the file to an e-mail yourself."</p>
        <UndoImport imported=imported/>
        <Import imported=imported/>
        <Export/>
    }
}

// ------------------------------------------------------------------ export

const EXPORT_FORM: &str = "export";

#[component]
fn Export() -> impl IntoView {
    let store = use_store();
    let scope = RwSignal::new("all".to_owned());
    let organisation = RwSignal::new(store.state.with_untracked(|s| s.sharing.organisation.clone()));
    let note = RwSignal::new(String::new());
    let confirmed = RwSignal::new(false);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let done = RwSignal::new(None::<String>);
    let scopes = Signal::derive(move || {
        let mut list: Vec<FormChoice> = vec![("all".into(), "All deployments in this browser".into(), None)];
        store.state.with(|s| list.extend(s.deployments.iter().map(|d| (d.id.clone(), d.name.clone(), None))));
        list
    });
    // Anything that looks like an NHS number, in what would be exported: the
    // deployments are scanned only when they or the choice change, not on
    // every keystroke in the two text fields below.
    let in_deployments = Memo::new(move |_| {
        let chosen = scope.get();
        store.state.with(|s| {
            s.deployments
                .iter()
                .filter(|d| chosen == "all" || d.id == chosen)
                .flat_map(scan_deployment)
                .map(|f| format!("\u{201c}{}\u{201d} – {}: \u{201c}{}\u{201d}", f.deployment_name, f.location, f.matched))
                .collect::<Vec<String>>()
        })
    });
    let findings = Memo::new(move |_| {
        let mut found = in_deployments.get();
        for (label, text) in [("Your organisation", organisation.get()), ("Note", note.get())] {
            found.extend(find_nhs_numbers(&text).into_iter().map(|m| format!("{label}: \u{201c}{}\u{201d}", m.text)));
        }
        found
    });

    // Builds the file, or shows why it cannot be built yet.
    let build = move || -> Option<(String, String)> {
        let draft = ExportDraft { organisation: organisation.get_untracked(), note: note.get_untracked(), confirmed: confirmed.get_untracked() };
        let meta = match draft.validate(!findings.get_untracked().is_empty(), env!("CARGO_PKG_VERSION"), now()) {
            Ok(meta) => meta,
            Err(found) => {
                show_errors(errors, found);
                return None;
            }
        };
        errors.set(Vec::new());
        let chosen = scope.get_untracked();
        let (text, name) = store.state.with_untracked(|s| {
            if chosen == "all" {
                (export(&s.deployments, &s.deleted_deployments, &meta), file_name(&meta))
            } else {
                let one: Vec<_> = s.deployments.iter().filter(|d| d.id == chosen).cloned().collect();
                // One deployment's file is named after it, not after the sender.
                let named = ExportMeta { exported_by: one.first().map(|d| d.name.clone()).unwrap_or_default(), ..meta.clone() };
                (export(&one, &[], &meta), file_name(&named))
            }
        });
        store.change(|s| record_export(s, &meta));
        Some((name, text))
    };
    let on_download = move |_| {
        if let Some((name, text)) = build() {
            download(&name, &text);
            done.set(Some(format!("Downloaded {name}. Attach it to an e-mail to the other organisations.")));
        }
    };
    let on_copy = move |_| {
        if let Some((_, text)) = build() {
            let promise = web_sys::window().unwrap().navigator().clipboard().write_text(&text);
            leptos::task::spawn_local(async move {
                match wasm_bindgen_futures::JsFuture::from(promise).await {
                    Ok(_) => done.set(Some("Copied. Paste it into an e-mail, or into the import box of another browser.".to_owned())),
                    Err(_) => show_errors(errors, vec![FieldError::new("organisation", "This browser did not allow copying: download the file instead")]),
                }
            });
        }
    };
    view! {
        <h2 class="nhsuk-heading-l" id="export">"Export"</h2>
        <ErrorSummary errors=errors form=EXPORT_FORM/>
        {move || done.get().map(|m| view! { <p class="nhsuk-body app-confirmation" role="status" id="export-done">{m}</p> }.into_any())}
        <Select form=EXPORT_FORM field="scope" label="What to export" choices=scopes value=scope error=Signal::stored(None) placeholder=false/>
        <TextInput form=EXPORT_FORM field="organisation" label="Your organisation" value=organisation error=error_for(errors, "organisation")
            hint="Shown to whoever imports the file, and used in its name."/>
        <TextArea form=EXPORT_FORM field="note" label="Note for the recipients (optional)" value=note error=error_for(errors, "note")
            hint="For example: counts up to Sunday 8 March."/>
        {move || {
            let found = findings.get();
            (!found.is_empty()).then(|| view! {
                <div class="nhsuk-warning-callout" id="nhs-number-warning">
                    <h3 class="nhsuk-warning-callout__label"><span role="text"><span class="nhsuk-u-visually-hidden">"Important: "</span>"These look like NHS numbers"</span></h3>
                    <p>"Patient details must never be shared through this tracker. Change these before you export, unless you are sure they are not NHS numbers:"</p>
                    <ul class="nhsuk-list nhsuk-list--bullet">{found.into_iter().map(|f| view! { <li>{quoting(f)}</li> }).collect_view()}</ul>
                    <div class:nhsuk-form-group--error=move || error_for(errors, "confirmed").get().is_some()>
                        <Checkbox form=EXPORT_FORM field="confirmed" label="I have checked: these are not patient details" checked=confirmed/>
                    </div>
                </div>
            }.into_any())
        }}
        <div class="nhsuk-button-group">
            <button type="button" class="nhsuk-button" on:click=on_download>"Download file"</button>
            <button type="button" class="nhsuk-button nhsuk-button--secondary" on:click=on_copy>"Copy to clipboard"</button>
        </div>
    }
}

// ------------------------------------------------------------------ import

const IMPORT_FORM: &str = "import";

/// A file that passed validation, and what each way of taking it in would do.
#[derive(Clone)]
struct Checked {
    source: String,
    snapshot: Snapshot,
    plan: MergePlan,
    replace: Vec<DeploymentDiff>,
}

#[component]
fn Import(imported: RwSignal<Vec<(String, String)>>) -> impl IntoView {
    let store = use_store();
    let dropped = expect_context::<Dropped>();
    let pasted = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let checked = RwSignal::new(None::<Checked>);

    // `field` holds what was checked: the file field, or the pasted text.
    let check = move |incoming: Incoming, field: &'static str| {
        checked.set(None);
        let result = match &incoming.bytes {
            Ok(bytes) => import_bytes(bytes),
            Err(size) => Err(ImportError::TooLarge { bytes: *size }),
        };
        match result {
            // One line per problem in the summary; the first says what it is about.
            Err(error) => show_errors(
                errors,
                about(&source_words(&incoming.source, field), field, &error.to_string()).split("\n- ").map(|line| FieldError::new(field, line)).collect(),
            ),
            Ok(snapshot) => {
                errors.set(Vec::new());
                let (plan, replace) = store.state.with_untracked(|s| {
                    let options = MergeOptions { last_shared: s.sharing.last_shared };
                    (plan_snapshot_merge(s, &snapshot, options), replace_preview(s, &snapshot.deployments))
                });
                checked.set(Some(Checked { source: incoming.source, snapshot, plan, replace }));
                crate::state::browser::focus_later("import-preview");
            }
        }
    };
    // A file dropped anywhere on the page.
    Effect::new(move |_| {
        if let Some(incoming) = dropped.0.get() {
            dropped.0.set(None);
            check(incoming, "file");
        }
    });
    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|files| files.get(0)) {
            leptos::task::spawn_local(async move { check(read_file(file).await, "file") });
        }
        input.set_value("");
    };
    let on_paste = move |_| check(Incoming { source: "The pasted text".to_owned(), bytes: Ok(pasted.get_untracked().into_bytes()) }, "pasted");
    view! {
        <h2 class="nhsuk-heading-l" id="import">"Import"</h2>
        <ErrorSummary errors=errors form=IMPORT_FORM/>
        <div class="nhsuk-form-group app-drop-zone" class:nhsuk-form-group--error=move || error_for(errors, "file").get().is_some()>
            <label class="nhsuk-label" for="import-file">"Choose a snapshot file"</label>
            <div class="nhsuk-hint" id="import-file-hint">"Or drop the file anywhere on this page. Nothing changes until you have seen what it holds and chosen what to do."</div>
            <ErrorMessage id="import-file-error".to_owned() error=error_for(errors, "file")/>
            <input class="nhsuk-file-upload" id="import-file" name="file" type="file" accept=".json,application/json"
                aria-describedby="import-file-hint" on:change=on_file/>
        </div>
        <details class="nhsuk-details">
            <summary class="nhsuk-details__summary"><span class="nhsuk-details__summary-text">"Paste a snapshot instead"</span></summary>
            <div class="nhsuk-details__text">
                <TextArea form=IMPORT_FORM field="pasted" label="Snapshot text" value=pasted error=error_for(errors, "pasted") rows=6/>
                <button type="button" class="nhsuk-button nhsuk-button--secondary" on:click=on_paste>"Check pasted text"</button>
            </div>
        </details>
        {move || checked.get().map(|c| view! { <Preview checked=c on_done=move || checked.set(None) on_imported=move |links| {
            pasted.set(String::new());
            imported.set(links);
        }/> }.into_any())}
    }
}

/// The import's message, said of where the text came from: "“x.json”: The
/// file is not valid JSON…", but "The pasted text is not valid JSON…".
fn about(source: &str, field: &str, message: &str) -> String {
    match message.strip_prefix("The file ") {
        Some(rest) if field == "pasted" => format!("{source} {rest}"),
        _ => format!("{source}: {message}"),
    }
}

/// Where the text came from: a file's name in quotes (so it is shown isolated), or "The pasted text".
fn source_words(source: &str, field: &str) -> String {
    if field == "file" { format!("\u{201c}{source}\u{201d}") } else { source.to_owned() }
}

/// `incoming` holds the file's deployments, to say what a new one holds.
fn change_words(d: &DeploymentDiff, incoming: &[Deployment]) -> String {
    let counts = format!(
        "{} added, {} changed, {} deleted{}",
        d.records_added,
        d.records_changed,
        d.records_deleted,
        if d.details_changed { ", details changed" } else { "" }
    );
    match d.change {
        DeploymentChange::Added => {
            let contents = incoming.iter().find(|i| i.id == d.deployment_id).map_or_else(|| "no records".to_owned(), Deployment::contents);
            format!("New deployment: {contents}")
        }
        DeploymentChange::Removed => "Removed".to_owned(),
        DeploymentChange::Unchanged => "No change".to_owned(),
        DeploymentChange::Changed => format!("Records: {counts}"),
    }
}

/// The change as a word for tests and styles: "added", "changed", ...
fn change_key(change: DeploymentChange) -> &'static str {
    match change {
        DeploymentChange::Added => "added",
        DeploymentChange::Removed => "removed",
        DeploymentChange::Unchanged => "unchanged",
        DeploymentChange::Changed => "changed",
    }
}

fn diff_table(id: &'static str, caption: &'static str, diffs: &[DeploymentDiff], incoming: &[Deployment]) -> impl IntoView {
    let rows = diffs
        .iter()
        .map(|d| {
            let conflicts = (d.conflicts > 0).then(|| format!(" – {} to decide", d.conflicts));
            view! {
                <tr class="nhsuk-table__row" data-deployment=d.deployment_id.clone() data-change=change_key(d.change)>
                    <td class="nhsuk-table__cell">{d.name.clone()}</td>
                    <td class="nhsuk-table__cell">{change_words(d, incoming)}{conflicts}</td>
                </tr>
            }.into_any()
        })
        .collect_view();
    view! {
        <Table id=id caption=caption caption_class="nhsuk-table__caption nhsuk-table__caption--s"
            headers=&["Deployment", "What would change here"]>{rows}</Table>
    }.into_any()
}

const PREVIEW_FORM: &str = "preview";

#[component]
fn Preview(
    checked: Checked,
    on_done: impl Fn() + Copy + Send + Sync + 'static,
    on_imported: impl Fn(Vec<(String, String)>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let store = use_store();
    let Checked { source, snapshot, plan, replace } = checked;
    let meta = snapshot.meta.clone();
    let mode = RwSignal::new("merge".to_owned());
    let choices: Vec<RwSignal<String>> = plan.conflicts.iter().map(|_| RwSignal::new(String::new())).collect();
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let conflicts = plan.conflicts.clone();
    let summary = format!(
        " on {}{}.",
        bars_domain::labels::long_time(meta.exported_at),
        if snapshot.format_version < bars_domain::snapshot::FORMAT_VERSION { " with an older version of this app (brought up to date)" } else { "" }
    );
    let names = snapshot.deployments.iter().enumerate().map(|(i, d)| view! { {(i > 0).then_some(", ")}{bdi(d.name.clone())} }.into_any()).collect_view();
    let holds_none = snapshot.deployments.is_empty().then_some("no deployments");
    // Kept with the undo copy and shown after a reload: isolated in the text itself.
    let what = import_label(&ExportMeta { exported_by: isolate(&meta.exported_by), ..meta.clone() });

    let conflict_fields = plan
        .conflicts
        .iter()
        .zip(choices.iter())
        .enumerate()
        .map(|(i, (c, choice))| view! { <ConflictChoice index=i description=c.description.clone() choice=*choice errors=errors/> }.into_any())
        .collect_view();
    let has_conflicts = !plan.conflicts.is_empty();
    let dropped: Vec<String> = plan.dropped.iter().map(|d| d.description.clone()).collect();
    let merge_preview = plan.preview.clone();
    let (incoming, incoming_too) = (snapshot.deployments.clone(), snapshot.deployments.clone());
    let apply = {
        let (choices, what) = (choices.clone(), what.clone());
        move |_| {
            let replacing = mode.get_untracked() == "replace";
            let picked: Vec<Option<Choice>> = choices
                .iter()
                .map(|c| match c.get_untracked().as_str() {
                    "local" => Some(Choice::KeepLocal),
                    "incoming" => Some(Choice::TakeIncoming),
                    _ => None,
                })
                .collect();
            if !replacing {
                let missing: Vec<FieldError> = picked
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| c.is_none())
                    .map(|(i, _)| FieldError::new(format!("conflict_{i}"), format!("Choose which version to keep: {}", conflicts[i].what)))
                    .collect();
                if !missing.is_empty() {
                    return show_errors(errors, missing);
                }
            }
            let before = store.state.get_untracked();
            let mode = if replacing { ImportMode::Replace } else { ImportMode::Merge };
            let picked: Vec<Choice> = picked.into_iter().flatten().collect();
            let next = match apply_import(&before, &snapshot, &plan, mode, &picked, now()) {
                Ok(next) => next,
                Err(e) => return show_errors(errors, vec![FieldError::new("mode", e.to_string())]),
            };
            let links = snapshot.deployments.iter().filter_map(|d| next.deployment(&d.id)).map(|d| (d.id.clone(), d.name.clone())).collect();
            // The new state and the copy for undo are saved together, or not at all.
            if let Err(why) = store.import(next, what.clone()) {
                return show_errors(errors, vec![FieldError::new("mode", format!("{why}. Nothing was imported."))]);
            }
            on_imported(links);
            on_done();
            crate::state::browser::focus_later("undo-import");
        }
    };
    view! {
        <section class="nhsuk-card app-preview" id="import-preview" tabindex="-1" aria-labelledby="import-preview-heading">
            <div class="nhsuk-card__content">
                <h3 class="nhsuk-card__heading nhsuk-heading-m" id="import-preview-heading">{bdi(source)}" is ready to import"</h3>
                <p class="nhsuk-body" id="import-meta">"Exported by "{bdi(meta.exported_by.clone())}{summary}</p>
                {meta.note.clone().map(|n| view! { <div class="nhsuk-inset-text"><p>"Note: "{bdi(n)}</p></div> }.into_any())}
                <p class="nhsuk-body" id="import-holds">"It holds: "{names}{holds_none}"."</p>
                <ErrorSummary errors=errors form=PREVIEW_FORM/>
                <Radios form=PREVIEW_FORM field="mode" legend="How do you want to bring it in?" value=mode error=error_for(errors, "mode")
                    choices=vec![
                        ("merge".into(), "Merge it with the deployments in this browser".into(), Some("Record by record: the newer change wins, and you choose where both sides changed the same thing.".into())),
                        ("replace".into(), "Replace the deployments in this browser with it".into(), Some("Everything here that is not in the file is removed.".into())),
                    ]/>
                <crate::ui::when::When when=std::sync::Arc::new(move || mode.get() == "merge")>
                    {diff_table("merge-preview", "If you merge", &merge_preview, &incoming)}
                </crate::ui::when::When>
                <crate::ui::when::When when=std::sync::Arc::new(move || mode.get() == "replace")>
                    {diff_table("replace-preview", "If you replace", &replace, &incoming_too)}
                </crate::ui::when::When>
                {(!dropped.is_empty()).then(|| view! {
                    <p class="nhsuk-body-s">"Left out because what they belonged to was deleted: "
                        {dropped.into_iter().enumerate().map(|(i, d)| view! { {(i > 0).then_some("; ")}{bdi(d)} }).collect_view()}"."</p>
                }.into_any())}
                {has_conflicts.then(|| view! {
                    <div id="conflicts" class:app-hidden=move || mode.get() != "merge">
                        <h4 class="nhsuk-heading-s">"Changed on both sides: choose which version to keep"</h4>
                        {conflict_fields}
                    </div>
                }.into_any())}
                <div class="nhsuk-button-group">
                    <button type="button" class="nhsuk-button" on:click=apply>"Import"</button>
                    <button type="button" class="nhsuk-button nhsuk-button--secondary" on:click=move |_| on_done()>"Cancel"</button>
                </div>
            </div>
        </section>
    }
}

/// Keep mine or take theirs, for one conflict.
#[component]
fn ConflictChoice(index: usize, description: String, choice: RwSignal<String>, errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    let field = format!("conflict_{index}");
    let id = field_id(PREVIEW_FORM, &field);
    let error = Signal::derive(move || errors.with(|e| bars_domain::validation::message_for(e, &field).map(str::to_owned)));
    let option = move |value: &'static str, label: &'static str, radio_id: String| {
        view! {
            <div class="nhsuk-radios__item">
                <input class="nhsuk-radios__input" id=radio_id.clone() name=format!("conflict-{index}") type="radio" value=value
                    prop:checked=move || choice.get() == value on:change=move |_| choice.set(value.to_owned())/>
                <label class="nhsuk-label nhsuk-radios__label" for=radio_id>{label}</label>
            </div>
        }
    };
    view! {
        <div class="nhsuk-form-group app-conflict" data-conflict=index class:nhsuk-form-group--error=invalid(error)>
            <fieldset class="nhsuk-fieldset" aria-describedby=move || error.get().map(|_| format!("{}-error", field_id(PREVIEW_FORM, &format!("conflict_{index}"))))>
                <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{quoting(description)}</legend>
                <ErrorMessage id=format!("{id}-error") error=error/>
                <div class="nhsuk-radios">
                    {option("local", "Keep the version in this browser", id.clone())}
                    {option("incoming", "Take the version in the file", format!("{id}-incoming"))}
                </div>
            </fieldset>
        </div>
    }
}

/// One click restores the state from before the last import.
#[component]
fn UndoImport(imported: RwSignal<Vec<(String, String)>>) -> impl IntoView {
    let store = use_store();
    let undo = move |_| {
        if let Some((_, before)) = storage::before_import() {
            store.change(|s| *s = before);
            store.flush();
            storage::forget_before_import();
            store.undo_available.set(None);
            imported.set(Vec::new());
        }
    };
    move || {
        store.undo_available.get().map(|what| view! {
            <div class="nhsuk-notification-banner nhsuk-notification-banner--success" role="region" aria-labelledby="undo-import-title">
                <div class="nhsuk-notification-banner__header">
                    <h2 class="nhsuk-notification-banner__title" id="undo-import-title">"Imported"</h2>
                </div>
                <div class="nhsuk-notification-banner__content">
                    <p class="nhsuk-notification-banner__heading">{format!("The last import was the {what}.")}</p>
                    {move || imported.with(|links| (!links.is_empty()).then(|| view! {
                        <p class="nhsuk-body">"Open what it brought in:"</p>
                        <ul class="nhsuk-list nhsuk-list--bullet" id="imported-deployments">
                            {links.iter().map(|(id, name)| view! { <li><a href=deployment_href(id, Page::Progress)>{bdi(name.clone())}</a></li> }).collect_view()}
                        </ul>
                    }))}
                    <button type="button" class="nhsuk-button nhsuk-button--secondary" id="undo-import" on:click=undo>"Undo this import"</button>
                </div>
            </div>
        }.into_any())
    }
}
