//! The SQLite store: one file holds a critic's whole library.
//!
//! - WAL journal with `synchronous=FULL`: a committed transaction survives a crash of the
//!   process and of the machine.
//! - Every write runs in one transaction; a failure leaves the file as it was.
//! - The schema version lives in `PRAGMA user_version`. Migrations are the numbered `.sql`
//!   files beside this module, embedded in the binary. A file whose version is newer than this
//!   build knows is refused before anything is written to it.

mod dictionary;
mod export_queries;
mod history;
mod library;
pub(crate) mod log;
mod reviews;
mod search;
mod settings;
mod trash;

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

pub use trash::TRASH_DAYS;

use crate::error::{Error, Result};

/// Migrations in order; migration `i` takes the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_init.sql"),
    include_str!("migrations/0002_history.sql"),
    include_str!("migrations/0003_dictionary.sql"),
    include_str!("migrations/0004_film_log.sql"),
    include_str!("migrations/0005_film_log_indexes.sql"),
    include_str!("migrations/0006_search.sql"),
    include_str!("migrations/0007_library_list.sql"),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Prepared statements kept per connection.
const STATEMENT_CACHE: usize = 64;

/// How long a write waits for another process (the app, a headless command) to finish.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

pub struct Store {
    conn: Connection,
    /// The kind of each search document, by rowid (see `search.rs`).
    doc_kinds: std::cell::RefCell<search::DocKinds>,
}

impl Store {
    /// Opens (creating if needed) the library at `path` and brings its schema up to date.
    ///
    /// A damaged file is refused with [`Error::Corrupt`] and a newer one with
    /// [`Error::SchemaTooNew`], both found through a read-only connection so that the file
    /// stays byte for byte as it was. Before a migration, the library is backed up into the
    /// backups folder beside it.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .map_err(|e| Error::io(format!("creating {}", parent.display()), e))?;
        }
        crate::backup::check_library(path)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        Self::prepare(conn, Some(path))
    }

    pub fn open_in_memory() -> Result<Store> {
        Self::prepare(Connection::open_in_memory()?, None)
    }

    /// The connection, for the backup module.
    pub(crate) fn connection(&self) -> &Connection {
        &self.conn
    }

    fn prepare(mut conn: Connection, path: Option<&Path>) -> Result<Store> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Room for every statement of an import's per-row loop (the default 16 is fewer than
        // a Letterboxd import cycles through, and a statement re-prepared per row costs more
        // than running it).
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        // Every transaction takes the write lock when it begins. A deferred one that reads
        // first and then writes while another process holds the lock gets SQLITE_BUSY at once,
        // without waiting out the busy timeout (SQLite's guard against deadlock in WAL mode).
        conn.set_transaction_behavior(TransactionBehavior::Immediate);
        // Read the version before anything writes to the file: a newer library stays untouched.
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .map_err(Error::from)?;
        if version > SCHEMA_VERSION {
            return Err(Error::SchemaTooNew {
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        if let Some(path) = path.filter(|_| version > 0 && version < SCHEMA_VERSION) {
            crate::backup::backup_before_migration(&conn, path, version)?;
        }
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // Up to 8 MiB of pages kept (SQLite's default is 2 MiB): a search reads the doclists of
        // its words, and re-reading them through the file on every keystroke cost up to a third
        // of the search's time on a 10,000-review library. 32 MiB searched no faster (the search
        // bench's CPU time) and cost the app's process up to 24 MiB more (make bench-app).
        conn.pragma_update(None, "cache_size", -8_192)?;
        let mut store = Store {
            conn,
            doc_kinds: Default::default(),
        };
        store.migrate(version)?;
        Ok(store)
    }

    fn migrate(&mut self, from: i64) -> Result<()> {
        for (index, sql) in MIGRATIONS.iter().enumerate().skip(from as usize) {
            let tx = self.conn.transaction()?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", index as i64 + 1)?;
            tx.commit()?;
            tracing::info!(version = index + 1, "migrated library schema");
        }
        Ok(())
    }

    /// Runs `f` without waiting for the disk at each commit (`synchronous=OFF`), then restores
    /// `FULL` whatever `f` returned. For writing a whole generated library at once (the app
    /// benchmark's `gen_library`): every write is still its own transaction, but thousands of
    /// them would otherwise each wait for an fsync. Never used by the app, where a committed
    /// save must survive a crash.
    pub fn bulk<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        self.conn.pragma_update(None, "synchronous", "OFF")?;
        let result = f(self);
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        result
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |row| row.get(0))?)
    }

    /// SQLite's own consistency check; `Ok(())` when the file is sound.
    pub fn integrity_check(&self) -> Result<()> {
        let result: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |row| row.get(0))?;
        if result == "ok" {
            Ok(())
        } else {
            Err(Error::Corrupt(result))
        }
    }
}

/// Encodes a list of strings as the JSON array kept in a TEXT column.
fn to_json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::Internal(e.to_string()))
}

fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> rusqlite::Result<T> {
    serde_json::from_str(text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // A test that cannot unwrap has failed.
mod search_tests;
#[cfg(test)]
mod tests;
