//! Commands about the app itself.

use tauri::State;

use crate::StartedAt;

/// Environment variable that turns on the benchmark's measurement hooks (`make bench-app`).
pub const BENCH_ENV: &str = "FILMDESK_BENCH";

/// The UI calls this once its first screen is ready: the moment start-up is measured to.
/// Answers whether the benchmark's hooks are wanted (`FILMDESK_BENCH` set): the UI installs
/// them only then, so they cost nothing in normal use. In bench mode the start-up time is
/// printed on stdout for scripts/bench-app.mjs.
///
/// The launch maintenance (trash purge, daily backup) starts here, on the first call: before,
/// it would compete with start-up for the two cores and the disk.
#[tauri::command]
pub fn ui_ready(started: State<'_, StartedAt>, db: State<'_, crate::db::Db>) -> bool {
    let elapsed = started.0.elapsed();
    if !started.1.swap(true, std::sync::atomic::Ordering::SeqCst) {
        crate::commands::history::start_maintenance(db.inner().clone());
    }
    tracing::info!(ms = elapsed.as_millis() as u64, "ui ready");
    let bench = std::env::var_os(BENCH_ENV).is_some_and(|v| !v.is_empty() && v != "0");
    if bench {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        // Flushed at once: the benchmark waits for this line and then ends the process.
        let _ = writeln!(
            out,
            "filmdesk-ready-ms {:.1}",
            elapsed.as_secs_f64() * 1000.0
        );
        let _ = out.flush();
    }
    bench
}

/// Where the library file is, for the settings screen.
#[tauri::command]
pub fn library_path(db: State<'_, crate::db::Db>) -> String {
    db.path.display().to_string()
}
