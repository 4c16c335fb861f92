//! The open library, shared by the commands. Database work runs on tokio's blocking pool,
//! never on the UI thread.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use filmdesk_core::{Error, Store};

use crate::error::{CommandResult, IpcError};

/// The library, or why it could not be opened. A library that cannot be opened (written by
/// a newer Filmdesk, damaged) still lets the window start, so that the UI can explain what
/// happened instead of the app vanishing; every command then answers with that error.
#[derive(Clone)]
pub struct Db {
    store: Result<Arc<Mutex<Store>>, IpcError>,
    pub path: PathBuf,
}

impl Db {
    pub fn open(path: PathBuf) -> Db {
        let store = Store::open(&path)
            .map(|store| Arc::new(Mutex::new(store)))
            .map_err(|err| {
                tracing::error!(path = %path.display(), "cannot open library: {err}");
                IpcError::from(err)
            });
        Db { store, path }
    }

    /// Runs `work` with the store on a blocking thread.
    pub async fn call<T, F>(&self, work: F) -> CommandResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> filmdesk_core::Result<T> + Send + 'static,
    {
        let store = Arc::clone(self.store.as_ref().map_err(Clone::clone)?);
        tauri::async_runtime::spawn_blocking(move || {
            // A panic while holding the lock cannot leave a half-written transaction behind
            // (SQLite rolls it back), so a poisoned lock is safe to keep using.
            let mut guard = store.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            work(&mut guard)
        })
        .await
        .map_err(|e| Error::Internal(format!("database task failed: {e}")))?
        .map_err(IpcError::from)
    }
}
