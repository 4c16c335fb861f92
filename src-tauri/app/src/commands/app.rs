//! Commands about the app itself.

use tauri::State;

use crate::StartedAt;

/// The UI calls this once its first screen is ready: the moment start-up is measured to.
#[tauri::command]
pub fn ui_ready(started: State<'_, StartedAt>) {
    let elapsed = started.0.elapsed();
    tracing::info!(ms = elapsed.as_millis() as u64, "ui ready");
    if std::env::var_os("FILMDESK_REPORT_READY").is_some() {
        println!("filmdesk-ready-ms {}", elapsed.as_secs_f64() * 1000.0);
    }
}

/// Where the library file is, for the settings screen.
#[tauri::command]
pub fn library_path(db: State<'_, crate::db::Db>) -> String {
    db.path.display().to_string()
}
