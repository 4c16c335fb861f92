//! Export: to a file the critic chose, to a string for the clipboard, and whole batches into a
//! folder with progress and cancel. All rendering is the domain's (`filmdesk_core::export`).

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

use filmdesk_core::export::{self, BatchProgress, BatchReport, ExportOptions};
use filmdesk_core::{Error, Review, Store};
use tauri::ipc::Channel;
use tauri::State;

use crate::db::Db;
use crate::error::CommandResult;

/// Set by `cancel_export`; a batch checks it before each review. One batch runs at a time.
static CANCEL: AtomicBool = AtomicBool::new(false);

/// Renders the review as it is in the editor (saved or not) to a string: "Copy as HTML",
/// "Copy as Markdown" and the export dialog's preview.
#[tauri::command]
pub fn render_export(review: Review, options: ExportOptions) -> CommandResult<String> {
    Ok(export::render(&review, &options)?)
}

/// The file name the export dialog proposes (`<slug>.html`, `_posts/2024-02-14-<slug>.md` …).
#[tauri::command]
pub fn export_file_name(review: Review, options: ExportOptions) -> String {
    export::relative_path(&review, &options)
}

/// Writes the stored review to `path` (chosen in the native save dialog). An existing file is
/// refused with `already_exists` unless `force`: the UI asks, then calls again with `force`.
#[tauri::command]
pub async fn export_review(
    db: State<'_, Db>,
    id: String,
    options: ExportOptions,
    path: PathBuf,
    force: bool,
) -> CommandResult<String> {
    db.call(move |store| {
        let contents = export::render(&store.get_review(&id)?, &options)?;
        export::write_atomic(&path, contents.as_bytes(), force)?;
        Ok(path.display().to_string())
    })
    .await
}

/// Exports the reviews with `ids` (all when absent) into `out_dir`, laid out for the preset,
/// sending a progress message after each file. It reads through its own connection, so the
/// editor keeps saving while a long batch runs.
#[tauri::command]
pub async fn export_batch(
    db: State<'_, Db>,
    ids: Option<Vec<String>>,
    options: ExportOptions,
    out_dir: PathBuf,
    force: bool,
    on_progress: Channel<BatchProgress>,
) -> CommandResult<BatchReport> {
    let db_path = db.path.clone();
    CANCEL.store(false, Ordering::Relaxed);
    let report = tauri::async_runtime::spawn_blocking(move || {
        let store = Store::open(&db_path)?;
        export::export_library(
            &store,
            ids,
            &options,
            &out_dir,
            force,
            &CANCEL,
            |progress| {
                // A closed window is no reason to stop writing files.
                let _ = on_progress.send(progress.clone());
            },
        )
    })
    .await
    .map_err(|e| Error::Internal(format!("export task failed: {e}")))??;
    Ok(report)
}

/// Stops a running batch after the file it is writing.
#[tauri::command]
pub fn cancel_export() {
    CANCEL.store(true, Ordering::Relaxed);
}
