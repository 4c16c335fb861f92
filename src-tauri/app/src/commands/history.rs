//! Getting words back: section history, the trash and backups. The domain does the work
//! (`filmdesk_core::history`, `filmdesk_core::backup`, the store); these only unpack.

use std::path::PathBuf;

use filmdesk_core::backup::{self, BackupInfo, RestoreReport};
use filmdesk_core::history::{
    word_diff, DiffPart, Snapshot, SnapshotInfo, SnapshotReason, TrashedReview,
};
use filmdesk_core::store::TRASH_DAYS;
use filmdesk_core::{now, Error, Review};
use tauri::State;

use crate::db::Db;
use crate::error::CommandResult;

/// Snapshots a section's saved text. `null` when there was nothing new to keep. The UI saves
/// the review first (the snapshot is of what is stored).
#[tauri::command]
pub async fn snapshot_section(
    db: State<'_, Db>,
    section_id: String,
    reason: SnapshotReason,
    name: Option<String>,
) -> CommandResult<Option<Snapshot>> {
    db.call(move |store| store.snapshot_section(&section_id, reason, name.as_deref()))
        .await
}

/// Snapshots every section of a review (reason `switch` when the critic opens another one).
#[tauri::command]
pub async fn snapshot_review(
    db: State<'_, Db>,
    review_id: String,
    reason: SnapshotReason,
) -> CommandResult<Vec<SnapshotInfo>> {
    db.call(move |store| store.snapshot_review(&review_id, reason))
        .await
}

/// A section's history, newest first, without the texts.
#[tauri::command]
pub async fn list_snapshots(
    db: State<'_, Db>,
    section_id: String,
) -> CommandResult<Vec<SnapshotInfo>> {
    db.call(move |store| store.list_snapshots(&section_id))
        .await
}

#[tauri::command]
pub async fn get_snapshot(db: State<'_, Db>, id: String) -> CommandResult<Snapshot> {
    db.call(move |store| store.get_snapshot(&id)).await
}

/// The word-level changes from snapshot `snapshot_id` to snapshot `other_id`, or to the
/// section's saved text when `other_id` is absent.
#[tauri::command]
pub async fn diff_snapshot(
    db: State<'_, Db>,
    snapshot_id: String,
    other_id: Option<String>,
) -> CommandResult<Vec<DiffPart>> {
    db.call(move |store| {
        let old = store.get_snapshot(&snapshot_id)?;
        let new = match other_id {
            Some(id) => store.get_snapshot(&id)?.body,
            None => store.section_body(&old.info.section_id)?,
        };
        Ok(word_diff(&old.body, &new))
    })
    .await
}

/// Puts the snapshot's text back (the text it replaces is snapshotted first, so this can be
/// undone) and returns the review as stored: the editor must take it as its new state.
#[tauri::command]
pub async fn restore_snapshot(db: State<'_, Db>, snapshot_id: String) -> CommandResult<Review> {
    db.call(move |store| store.restore_snapshot(&snapshot_id))
        .await
}

/// "Delete": moves the review to the trash for 30 days.
#[tauri::command]
pub async fn trash_review(db: State<'_, Db>, id: String) -> CommandResult<()> {
    db.call(move |store| store.trash_review(&id)).await
}

#[tauri::command]
pub async fn list_trash(db: State<'_, Db>) -> CommandResult<Vec<TrashedReview>> {
    db.call(|store| store.list_trash()).await
}

#[tauri::command]
pub async fn restore_from_trash(db: State<'_, Db>, id: String) -> CommandResult<Review> {
    db.call(move |store| store.restore_from_trash(&id)).await
}

/// A backup of the whole library now, into the backups folder.
#[tauri::command]
pub async fn back_up_now(db: State<'_, Db>) -> CommandResult<BackupInfo> {
    let library = db.path.clone();
    db.call(move |store| backup::back_up_now(store, &library))
        .await
}

/// The backups, newest first. Works when the library itself cannot be opened.
#[tauri::command]
pub async fn list_backups(db: State<'_, Db>) -> CommandResult<Vec<BackupInfo>> {
    let dir = backup::backups_dir(&db.path);
    tauri::async_runtime::spawn_blocking(move || backup::list_backups(&dir))
        .await
        .map_err(|e| Error::Internal(format!("listing backups failed: {e}")))?
        .map_err(Into::into)
}

/// The backups folder, for settings to show.
#[tauri::command]
pub fn backups_folder(db: State<'_, Db>) -> String {
    backup::backups_dir(&db.path).display().to_string()
}

/// "Restore from backup": the backup at `path` becomes the library (checked first; the
/// current library is renamed `….before-restore-<time>` or `….damaged-<time>`, never
/// overwritten) and is opened in its place. Also the way out when the library is damaged. The
/// UI reloads everything afterwards.
#[tauri::command]
pub async fn restore_backup(db: State<'_, Db>, path: PathBuf) -> CommandResult<RestoreReport> {
    db.restore_backup(path).await
}

/// Once the first screen is drawn (`ui_ready`), off the UI thread: purge the trash of what is
/// older than 30 days, then take the day's backup if none was taken today, then merge the
/// search index if it is in many segments (`Store::compact_search_index`). The backup reads
/// through a connection of its own, so it never holds the store: on a large library its check
/// and copy take seconds, and commands go on meanwhile. Failures are logged; they never stop
/// the app.
pub fn start_maintenance(db: Db) {
    tauri::async_runtime::spawn(async move {
        // A library that could not be opened is not backed up: the purge reports why.
        let purged = match db.call(|store| store.purge_trash(TRASH_DAYS, now())).await {
            Ok(purged) => purged,
            Err(err) => {
                tracing::warn!("launch maintenance failed: {}", err.0.message);
                return;
            }
        };
        let library = db.path.clone();
        let backup = tauri::async_runtime::spawn_blocking(move || {
            backup::auto_backup_if_due_at(&library, now())
        })
        .await;
        match backup {
            Ok(Ok(backup)) => tracing::info!(
                purged,
                backup = backup.map(|b| b.path).unwrap_or_default(),
                "launch maintenance done"
            ),
            Ok(Err(err)) => tracing::warn!(purged, "daily backup failed: {err}"),
            Err(err) => tracing::warn!(purged, "daily backup failed: {err}"),
        }
        // Then the search index, merged in steps through a connection of its own, so that
        // the store (and every command) is never held for more than a step's transaction.
        let library = db.path.clone();
        let compacted = tauri::async_runtime::spawn_blocking(move || {
            filmdesk_core::Store::open(&library)?.compact_search_index()
        })
        .await;
        match compacted {
            Ok(Ok(merged)) => tracing::info!(merged, "search index checked"),
            Ok(Err(err)) => tracing::warn!("compacting the search index failed: {err}"),
            Err(err) => tracing::warn!("compacting the search index failed: {err}"),
        }
    });
}
