//! Finding reviews: full-text search over reviews, films and viewings; the library's filters.

use filmdesk_core::library::{LibraryFacets, LibraryFilter};
use filmdesk_core::search::SearchResults;
use filmdesk_core::ReviewSummary;
use tauri::State;

use crate::db::Db;
use crate::error::CommandResult;

/// Hits per kind when the UI does not say.
const DEFAULT_LIMIT: u32 = 20;

#[tauri::command]
pub async fn search(
    db: State<'_, Db>,
    query: String,
    limit: Option<u32>,
) -> CommandResult<SearchResults> {
    let limit = limit.unwrap_or(DEFAULT_LIMIT).clamp(1, 200);
    db.call(move |store| store.search(&query, limit)).await
}

/// The library as the filters and the sort order choose it.
#[tauri::command]
pub async fn filter_reviews(
    db: State<'_, Db>,
    filter: LibraryFilter,
) -> CommandResult<Vec<ReviewSummary>> {
    db.call(move |store| store.filter_reviews(&filter)).await
}

/// What the library's filters can choose from.
#[tauri::command]
pub async fn library_facets(db: State<'_, Db>) -> CommandResult<LibraryFacets> {
    db.call(|store| store.library_facets()).await
}
