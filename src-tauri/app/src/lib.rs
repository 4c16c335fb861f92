//! Filmdesk's desktop app: a thin Tauri adapter over `filmdesk_core`.
//!
//! `main.rs` decides between the window and a headless subcommand (`cli`); `run` opens the
//! library and starts the window. Commands live in `commands/`, grouped by domain.

pub mod cli;
mod cli_export;
mod commands;
mod db;
mod error;
mod memory;
mod navigation;

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use tauri::{AppHandle, Manager};

/// When the process started, for the start-up figure reported by `ui_ready`, and whether the
/// UI has reported ready (the launch maintenance starts then, once).
pub struct StartedAt(pub Instant, pub AtomicBool);

/// Environment variable naming the library file (the `--db` option wins over it).
pub const DB_ENV: &str = "FILMDESK_DB";

/// Opens the window on the library at `db_path`.
pub fn run(db_path: PathBuf, started: Instant) -> tauri::Result<()> {
    tauri::Builder::default()
        // First, so that a second launch on the same library focuses this window and exits
        // before opening anything. Without a D-Bus session bus it launches normally.
        .plugin(
            tauri_plugin_single_instance::Builder::new()
                .dbus_id(instance_id(&db_path))
                .callback(|app, _args, _cwd| focus_main_window(app))
                .build(),
        )
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_clipboard_manager::init())
        // Preview links open in the system browser (http/https only, after a confirmation);
        // the window itself never navigates away from the app.
        .plugin(tauri_plugin_opener::init())
        .plugin(navigation::guard())
        .manage(StartedAt(started, AtomicBool::new(false)))
        .manage(commands::checks::Checks::default())
        .setup(move |app| {
            tracing::info!(path = %db_path.display(), "opening library");
            let db = db::Db::open(db_path);
            app.manage(commands::log::Imdb::new(
                filmdesk_core::imdb::SharedIndex::new(filmdesk_core::imdb::index_path(&db.path)),
            ));
            // Trash purge and the daily backup start once the UI is ready (commands/app.rs).
            app.manage(db);
            memory::start_returning_freed_memory();
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
            commands::search::search,
            commands::search::filter_reviews,
            commands::search::library_facets,
            commands::history::snapshot_section,
            commands::history::snapshot_review,
            commands::history::list_snapshots,
            commands::history::get_snapshot,
            commands::history::diff_snapshot,
            commands::history::restore_snapshot,
            commands::history::trash_review,
            commands::history::list_trash,
            commands::history::restore_from_trash,
            commands::history::back_up_now,
            commands::history::list_backups,
            commands::history::backups_folder,
            commands::history::restore_backup,
            commands::export::render_export,
            commands::export::export_file_name,
            commands::export::export_review,
            commands::export::export_batch,
            commands::export::cancel_export,
            commands::log::log_viewing,
            commands::log::update_viewing,
            commands::log::delete_viewing,
            commands::log::list_diary,
            commands::log::film_page,
            commands::log::log_stats,
            commands::log::list_watchlist,
            commands::log::search_films,
            commands::log::imdb_search,
            commands::log::imdb_film,
            commands::log::import_letterboxd,
            commands::log::export_letterboxd,
            commands::log::import_imdb,
            commands::log::cancel_imdb_import,
            commands::checks::check_review,
            commands::checks::add_to_dictionary,
            commands::checks::remove_from_dictionary,
            commands::checks::dictionary_words,
            commands::settings::get_settings,
            commands::settings::save_settings,
            commands::settings::get_ui_state,
            commands::settings::save_ui_state,
        ])
        .run(tauri::generate_context!())
}

/// One running instance per library file: the D-Bus name carries a hash of its path, so two
/// different libraries may be open at once but the same one never twice.
fn instance_id(db_path: &Path) -> String {
    let canonical = db_path
        .parent()
        .and_then(|dir| dir.canonicalize().ok())
        .map(|dir| dir.join(db_path.file_name().unwrap_or_default()))
        .unwrap_or_else(|| db_path.to_path_buf());
    // FNV-1a: stable across builds, unlike std's hasher.
    let hash = canonical
        .to_string_lossy()
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
    format!("org.filmdesk.desk.library_{hash:016x}")
}

fn focus_main_window(app: &AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}
