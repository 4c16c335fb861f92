// The app's own commands are declared here so that tauri-build generates a permission for
// each (`allow-<command>`): a window may call only what capabilities/ grants it.
const COMMANDS: &[&str] = &[
    "ui_ready",
    "library_path",
    "list_reviews",
    "create_review",
    "create_sample_review",
    "get_review",
    "save_review",
    "delete_review",
    "list_templates",
    "rating_scales",
    "get_settings",
    "save_settings",
    "get_ui_state",
    "save_ui_state",
    "render_preview",
    "render_export",
    "export_file_name",
    "export_review",
    "export_batch",
    "cancel_export",
    "check_review",
    "add_to_dictionary",
    "remove_from_dictionary",
    "dictionary_words",
    "log_viewing",
    "update_viewing",
    "delete_viewing",
    "list_diary",
    "film_page",
    "log_stats",
    "list_watchlist",
    "search_films",
    "imdb_search",
    "imdb_film",
    "import_letterboxd",
    "export_letterboxd",
    "import_imdb",
    "cancel_imdb_import",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed");
}
