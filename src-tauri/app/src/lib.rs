//! Filmdesk's desktop app: a thin Tauri adapter over `filmdesk_core`.
//!
//! `main.rs` decides between the window and a headless subcommand (`cli`); `run` opens the
//! library and starts the window. Commands live in `commands/`, grouped by domain.

pub mod cli;
mod commands;
mod db;
mod error;

use std::path::PathBuf;
use std::time::Instant;

use tauri::Manager;

/// When the process started, for the start-up figure reported by `ui_ready`.
pub struct StartedAt(pub Instant);

/// Environment variable naming the library file (the `--db` option wins over it).
pub const DB_ENV: &str = "FILMDESK_DB";

/// Opens the window on the library at `db_path`.
pub fn run(db_path: PathBuf, started: Instant) -> tauri::Result<()> {
    tauri::Builder::default()
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_clipboard_manager::init())
        .manage(StartedAt(started))
        .setup(move |app| {
            tracing::info!(path = %db_path.display(), "opening library");
            app.manage(db::Db::open(db_path));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app::ui_ready,
            commands::app::library_path,
            commands::reviews::list_reviews,
            commands::reviews::create_review,
            commands::reviews::create_sample_review,
            commands::reviews::get_review,
            commands::reviews::save_review,
            commands::reviews::delete_review,
            commands::reviews::list_templates,
            commands::reviews::rating_scales,
            commands::reviews::render_preview,
            commands::settings::get_settings,
            commands::settings::save_settings,
            commands::settings::get_ui_state,
            commands::settings::save_ui_state,
        ])
        .run(tauri::generate_context!())
}
