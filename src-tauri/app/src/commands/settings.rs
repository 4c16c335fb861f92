//! Preferences and the UI state restored on the next launch.

use filmdesk_core::settings::{Settings, UiState};
use tauri::State;

use crate::db::Db;
use crate::error::CommandResult;

#[tauri::command]
pub async fn get_settings(db: State<'_, Db>) -> CommandResult<Settings> {
    db.call(|store| store.settings()).await
}

#[tauri::command]
pub async fn save_settings(db: State<'_, Db>, settings: Settings) -> CommandResult<()> {
    db.call(move |store| store.save_settings(&settings)).await
}

#[tauri::command]
pub async fn get_ui_state(db: State<'_, Db>) -> CommandResult<UiState> {
    db.call(|store| store.ui_state()).await
}

#[tauri::command]
pub async fn save_ui_state(db: State<'_, Db>, state: UiState) -> CommandResult<()> {
    db.call(move |store| store.save_ui_state(&state)).await
}
