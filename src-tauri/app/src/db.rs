//! The open library, shared by the commands. Database work runs on tokio's blocking pool,
//! never on the UI thread.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use filmdesk_core::backup::RestoreReport;
use filmdesk_core::{Error, Store};

use crate::error::{CommandResult, IpcError};

/// The library, or why it could not be opened. A library that cannot be opened (written by
/// a newer Filmdesk, damaged) still lets the window start, so that the UI can explain what
/// happened instead of the app vanishing; every command then answers with that error.
/// Restoring a backup swaps what is behind the mutex.
#[derive(Clone)]
pub struct Db {
    /// Set once the library is open (or has failed to open); commands wait for it.
    store: Arc<OnceLock<Mutex<Result<Store, IpcError>>>>,
    pub path: PathBuf,
}

impl Db {
    /// Starts opening the library at `path` on a thread of its own and returns at once.
    /// Opening checks the file (`quick_check` reads all of a library up to 64 MB) and may
    /// migrate it: done before the window, that delayed a large library's start by the
    /// length of the check; now it runs while WebKit starts its processes and loads the
    /// page, and the first command waits for whatever is left of it.
    pub fn open(path: PathBuf) -> Db {
        let store = Arc::new(OnceLock::new());
        let opened = Arc::clone(&store);
        let file = path.clone();
        let open = move || {
            // A panic while opening still leaves an answer, so no command waits forever.
            let result =
                catch_unwind(AssertUnwindSafe(|| open_store(&file))).unwrap_or_else(|_| {
                    Err(IpcError::from(Error::Internal(
                        "opening the library failed unexpectedly".into(),
                    )))
                });
            let _ = opened.set(Mutex::new(result));
        };
        let spawned = std::thread::Builder::new()
            .name("open-library".into())
            .spawn(open);
        if let Err(err) = spawned {
            tracing::error!("cannot start the thread that opens the library: {err}");
            let _ = store.set(Mutex::new(open_store(&path)));
        }
        Db { store, path }
    }

    /// Closes the library, makes the backup at `backup` the library (the old file is set
    /// aside by the domain, never overwritten), and opens it again.
    pub async fn restore_backup(&self, backup: PathBuf) -> CommandResult<RestoreReport> {
        let store = Arc::clone(&self.store);
        let path = self.path.clone();
        tauri::async_runtime::spawn_blocking(move || {
            // Waits for the opening thread if it is still at work (this is a blocking thread).
            let mut guard = store
                .wait()
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
            // Waits for the opening thread if it is still at work (this is a blocking thread).
            let mut guard = store
                .wait()
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            let answer = match &mut *guard {
                Ok(store) => work(store).map_err(IpcError::from),
                Err(err) => Err(err.clone()),
            };
            crate::memory::worked();
            answer
        })
        .await
        .map_err(|e| Error::Internal(format!("database task failed: {e}")))?
    }
}

fn open_store(path: &Path) -> Result<Store, IpcError> {
    let began = std::time::Instant::now();
    let store = Store::open(path);
    tracing::info!(ms = began.elapsed().as_millis() as u64, "library opened");
    store.map_err(|err| {
        tracing::error!(path = %path.display(), "cannot open library: {err}");
        IpcError::from(err)
    })
}

#[cfg(test)]
mod tests {
    use super::Db;
    use filmdesk_core::ErrorCode;

    fn scratch(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("filmdesk-db-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_command_asked_at_once_waits_for_the_library_being_opened() {
        let dir = scratch("waits");
        let db = Db::open(dir.join("library.db"));
        // Asked before the opening thread can have finished its checks and migrations.
        let version = tauri::async_runtime::block_on(db.call(|store| store.schema_version()))
            .expect("the opened library answers");
        assert_eq!(version, filmdesk_core::store::SCHEMA_VERSION);
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_library_that_cannot_be_opened_answers_every_command_with_why() {
        let dir = scratch("damaged");
        let path = dir.join("library.db");
        std::fs::write(
            &path,
            b"not a database, but long enough to have a header: ".repeat(4),
        )
        .unwrap();
        let db = Db::open(path.clone());
        for _ in 0..2 {
            let err = tauri::async_runtime::block_on(db.call(|store| store.schema_version()))
                .expect_err("a damaged file is refused");
            assert_eq!(err.0.code, ErrorCode::Corrupt);
        }
        // Refused untouched.
        assert!(std::fs::read(&path).unwrap().starts_with(b"not a database"));
        let _ = std::fs::remove_dir_all(dir);
    }
}
