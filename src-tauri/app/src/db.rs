//! The open library, shared by the commands. Database work runs on tokio's blocking pool,
//! never on the UI thread.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use filmdesk_core::backup::RestoreReport;
use filmdesk_core::{Error, Store};

use crate::error::{CommandResult, IpcError};

/// The library, or why it could not be opened. A library that cannot be opened (written by
/// a newer Filmdesk, damaged) still lets the window start, so that the UI can explain what
/// happened instead of the app vanishing; every command then answers with that error.
/// Restoring a backup swaps what is behind the mutex.
#[derive(Clone)]
pub struct Db {
    store: Arc<Mutex<Result<Store, IpcError>>>,
    pub path: PathBuf,
}

impl Db {
    pub fn open(path: PathBuf) -> Db {
        let store = Arc::new(Mutex::new(open_store(&path)));
        Db { store, path }
    }

    /// Closes the library, makes the backup at `backup` the library (the old file is set
    /// aside by the domain, never overwritten), and opens it again.
    pub async fn restore_backup(&self, backup: PathBuf) -> CommandResult<RestoreReport> {
        let store = Arc::clone(&self.store);
        let path = self.path.clone();
        tauri::async_runtime::spawn_blocking(move || {
            let mut guard = store
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            // Dropping the store closes its connection, so the file can be moved.
            *guard = Err(IpcError::from(Error::Busy));
            let report = filmdesk_core::backup::restore_backup(&backup, &path);
            *guard = open_store(&path);
            Ok(report?)
        })
        .await
        .map_err(|e| Error::Internal(format!("restoring failed: {e}")))?
    }

    /// Runs `work` with the store on a blocking thread.
    pub async fn call<T, F>(&self, work: F) -> CommandResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> filmdesk_core::Result<T> + Send + 'static,
    {
        let store = Arc::clone(&self.store);
        tauri::async_runtime::spawn_blocking(move || {
            // A panic while holding the lock cannot leave a half-written transaction behind
            // (SQLite rolls it back), so a poisoned lock is safe to keep using.
            let mut guard = store
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            match &mut *guard {
                Ok(store) => work(store).map_err(IpcError::from),
                Err(err) => Err(err.clone()),
            }
        })
        .await
        .map_err(|e| Error::Internal(format!("database task failed: {e}")))?
    }
}

fn open_store(path: &Path) -> Result<Store, IpcError> {
    Store::open(path).map_err(|err| {
        tracing::error!(path = %path.display(), "cannot open library: {err}");
        IpcError::from(err)
    })
}
