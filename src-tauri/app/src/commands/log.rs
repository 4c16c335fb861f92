//! The film log: logging viewings, the diary, film pages, statistics, film autocomplete
//! (library and IMDb index), Letterboxd import/export and the IMDb dataset import with
//! progress and cancel. All logic is the domain's (`filmdesk_core::log`, `letterboxd`, `imdb`).

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use filmdesk_core::imdb::{self, ImdbMatch, ImdbProgress, ImdbReport, SharedIndex};
use filmdesk_core::log::{
    DiaryEntry, FilmMatch, FilmPage, ImportReport, LogStats, NewViewing, Viewing, WatchlistEntry,
};
use filmdesk_core::{letterboxd, Error, FilmFacts};
use tauri::ipc::Channel;
use tauri::State;

use crate::db::Db;
use crate::error::{CommandResult, IpcError};

/// Set by `cancel_imdb_import`; one IMDb import runs at a time.
static CANCEL_IMDB: AtomicBool = AtomicBool::new(false);

#[tauri::command]
pub async fn log_viewing(db: State<'_, Db>, viewing: NewViewing) -> CommandResult<Viewing> {
    db.call(move |store| store.log_viewing(&viewing)).await
}

#[tauri::command]
pub async fn update_viewing(db: State<'_, Db>, viewing: Viewing) -> CommandResult<Viewing> {
    db.call(move |store| store.update_viewing(&viewing)).await
}

#[tauri::command]
pub async fn delete_viewing(db: State<'_, Db>, id: String) -> CommandResult<()> {
    db.call(move |store| store.delete_viewing(&id)).await
}

#[tauri::command]
pub async fn list_diary(
    db: State<'_, Db>,
    limit: u32,
    offset: u32,
) -> CommandResult<Vec<DiaryEntry>> {
    db.call(move |store| store.list_diary(limit, offset)).await
}

#[tauri::command]
pub async fn film_page(db: State<'_, Db>, film_id: String) -> CommandResult<FilmPage> {
    db.call(move |store| store.film_page(&film_id)).await
}

#[tauri::command]
pub async fn log_stats(db: State<'_, Db>, year: Option<i32>) -> CommandResult<LogStats> {
    db.call(move |store| store.log_stats(year)).await
}

#[tauri::command]
pub async fn list_watchlist(db: State<'_, Db>) -> CommandResult<Vec<WatchlistEntry>> {
    db.call(|store| store.list_watchlist()).await
}

/// Films of the library matching what the critic typed.
#[tauri::command]
pub async fn search_films(
    db: State<'_, Db>,
    query: String,
    limit: u32,
) -> CommandResult<Vec<FilmMatch>> {
    db.call(move |store| store.search_films(&query, limit))
        .await
}

/// The IMDb index beside the library, kept open between keystrokes (see [`SharedIndex`]).
pub type Imdb = Arc<SharedIndex>;

/// Titles of the IMDb index matching what the critic typed (empty when there is no index).
#[tauri::command]
pub async fn imdb_search(
    index: State<'_, Imdb>,
    query: String,
    limit: u32,
) -> CommandResult<Vec<ImdbMatch>> {
    let index = Arc::clone(index.inner());
    blocking(move || Ok(index.with(|i| i.search(&query, limit))?.unwrap_or_default())).await
}

/// A film's facts from the IMDb index, to fill the facts form.
#[tauri::command]
pub async fn imdb_film(index: State<'_, Imdb>, tconst: String) -> CommandResult<FilmFacts> {
    let index = Arc::clone(index.inner());
    blocking(move || {
        index.with(|i| i.film(&tconst))?.ok_or_else(|| {
            Error::NotFound(format!(
                "the IMDb index ({}); import IMDb's dataset first",
                index.path().display()
            ))
        })
    })
    .await
}

#[tauri::command]
pub async fn import_letterboxd(db: State<'_, Db>, path: PathBuf) -> CommandResult<ImportReport> {
    db.call(move |store| letterboxd::import(store, &path)).await
}

/// Returns the number of rows written.
#[tauri::command]
pub async fn export_letterboxd(db: State<'_, Db>, path: PathBuf) -> CommandResult<usize> {
    db.call(move |store| letterboxd::export(store, &path)).await
}

/// Builds the IMDb index beside the library from the dataset files in `folder`, sending
/// progress on `on_progress`; `cancel_imdb_import` stops it and keeps the previous index.
#[tauri::command]
pub async fn import_imdb(
    index: State<'_, Imdb>,
    folder: PathBuf,
    on_progress: Channel<ImdbProgress>,
) -> CommandResult<ImdbReport> {
    let index = Arc::clone(index.inner());
    CANCEL_IMDB.store(false, Ordering::Relaxed);
    blocking(move || {
        let report = imdb::import_dataset(
            &folder,
            index.path(),
            &mut |p| {
                // A closed window is no reason to stop the import.
                let _ = on_progress.send(p.clone());
            },
            &CANCEL_IMDB,
        );
        // The open connection still reads the replaced file: let it go now rather than at
        // the next query (which would notice the new file too).
        index.forget();
        report
    })
    .await
}

#[tauri::command]
pub fn cancel_imdb_import() {
    CANCEL_IMDB.store(true, Ordering::Relaxed);
}

async fn blocking<T, F>(work: F) -> CommandResult<T>
where
    T: Send + 'static,
    F: FnOnce() -> filmdesk_core::Result<T> + Send + 'static,
{
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| Error::Internal(format!("task failed: {e}")))?
        .map_err(IpcError::from)
}
