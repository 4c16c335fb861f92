//! The app's window only ever shows the app. A link followed inside the webview (a click the UI
//! failed to stop, a `<meta refresh>`, a script) would put a remote page next to the IPC bridge,
//! so every navigation away from the app's own pages is refused here, in Rust, whatever the page
//! does. Links in the preview open in the system browser instead, after the critic confirms
//! (`PreviewPanel.svelte`, the opener plugin limited to http/https in `capabilities/main.json`).

use tauri::plugin::{Builder, TauriPlugin};
use tauri::{Manager, Runtime, Url};

/// May the window navigate to `url`? Only the app's own pages: `tauri://localhost` (the
/// embedded UI on Linux and macOS), `http(s)://tauri.localhost` (Windows), and in a dev build
/// the Vite server named by `dev_url`.
pub fn allowed(url: &Url, dev_url: Option<&Url>) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" if url.host_str() == Some("tauri.localhost") => true,
        // about:blank is where a webview starts; it carries nothing.
        "about" => url.path() == "blank",
        _ => dev_url.is_some_and(|dev| dev.origin() == url.origin()),
    }
}

/// A plugin whose only job is the navigation guard above, for every webview of the app.
pub fn guard<R: Runtime>() -> TauriPlugin<R> {
    Builder::new("navigation-guard")
        .on_navigation(|webview, url| {
            let dev_url = if tauri::is_dev() {
                webview.config().build.dev_url.clone()
            } else {
                None
            };
            let ok = allowed(url, dev_url.as_ref());
            if !ok {
                tracing::warn!(%url, "navigation inside the window refused");
            }
            ok
        })
        .build()
}

#[cfg(test)]
mod tests {
    use super::allowed;
    use tauri::Url;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    #[test]
    fn only_the_apps_own_pages_load_in_the_window() {
        assert!(allowed(&url("tauri://localhost/"), None));
        assert!(allowed(&url("tauri://localhost/index.html#x"), None));
        assert!(allowed(&url("http://tauri.localhost/"), None));
        assert!(allowed(&url("about:blank"), None));
        for refused in [
            "https://example.com/",
            "http://example.com/review",
            "tauri://evil.example/",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "data:text/html,<script>1</script>",
            "about:config",
            "http://localhost:5173/",
        ] {
            assert!(!allowed(&url(refused), None), "{refused} must be refused");
        }
    }

    #[test]
    fn the_dev_server_only_in_a_dev_build() {
        let dev = url("http://localhost:5173/");
        assert!(allowed(
            &url("http://localhost:5173/src/main.ts"),
            Some(&dev)
        ));
        assert!(!allowed(&url("http://localhost:5174/"), Some(&dev)));
        assert!(!allowed(&url("https://example.com/"), Some(&dev)));
    }
}
