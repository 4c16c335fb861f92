//! The app benchmark's memory baseline (scripts/bench-app.mjs): a bare Tauri window of the
//! app's size showing a static page, built with the app's own dependencies and release profile
//! (`cargo build --release --example baseline`). No plugins, no commands, no library. Prints
//! `baseline-ready` on stdout once the page has loaded.

use std::io::Write;

use tauri::webview::PageLoadEvent;
use tauri::{WebviewUrl, WebviewWindowBuilder};

const PAGE: &str = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<title>Baseline</title></head><body><h1>A static page</h1>\
<p>The benchmark's baseline: a bare Tauri window.</p></body></html>";

fn main() {
    let mut context = tauri::generate_context!();
    // Not the app's window (it would load the app's UI): one made below on a static page.
    context.config_mut().app.windows.clear();
    let result = tauri::Builder::default()
        .register_uri_scheme_protocol("baseline", |_ctx, _request| {
            tauri::http::Response::builder()
                .header("content-type", "text/html; charset=utf-8")
                .body(PAGE.as_bytes().to_vec())
                .unwrap_or_default()
        })
        .on_page_load(|_webview, payload| {
            if payload.event() == PageLoadEvent::Finished {
                let mut out = std::io::stdout().lock();
                let _ = writeln!(out, "baseline-ready");
                let _ = out.flush();
            }
        })
        .setup(|app| {
            let url = "baseline://localhost/".parse()?;
            WebviewWindowBuilder::new(app, "main", WebviewUrl::CustomProtocol(url))
                .title("Baseline")
                .inner_size(1360.0, 860.0)
                .build()?;
            Ok(())
        })
        .run(context);
    if let Err(err) = result {
        eprintln!("baseline: {err}");
        std::process::exit(1);
    }
}
