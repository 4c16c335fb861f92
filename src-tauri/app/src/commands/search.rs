//! Full-text search over reviews, films and viewings.

use filmdesk_core::search::SearchResults;
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
