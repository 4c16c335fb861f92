//! Backups of the whole library, restoring one, and checking a library file before it is
//! opened.
//!
//! A backup is made with SQLite's online backup API, so it is a consistent copy even while
//! the app (or another process) writes: it sees exactly the transactions committed when it
//! started. Backups live in a `backups` folder beside the library, named
//! `filmdesk-YYYYMMDD-HHMMSS.sqlite` (local time), each a self-contained file (rollback
//! journal, not WAL) that SQLite opens as it is. A backup taken before a schema migration
//! is named `…-before-upgrade.sqlite` and is not counted among the 14 kept.
//!
//! Nothing here ever overwrites a library: restoring moves the current file (and its `-wal`)
//! aside under a new name, then puts a checked copy of the backup in its place.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{Local, NaiveDateTime, TimeZone};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::model::{now, Timestamp};
use crate::store::{Store, SCHEMA_VERSION};

/// How many regular backups are kept; older ones are deleted after each new backup.
pub const KEEP_BACKUPS: usize = 14;

const PREFIX: &str = "filmdesk-";
const EXTENSION: &str = ".sqlite";
const BEFORE_UPGRADE: &str = "-before-upgrade";
/// A copy in progress, renamed to its backup name once complete.
const TEMP_PREFIX: &str = ".filmdesk-backup-";
const TEMP_SUFFIX: &str = ".tmp";
/// The time in a backup's name, local time.
const STAMP: &str = "%Y%m%d-%H%M%S";

/// Libraries up to this size get SQLite's `quick_check` every time they are opened (about
/// 2.3 ms per MB measured, so at most ~150 ms); bigger ones get it before each backup instead.
pub const QUICK_CHECK_AT_OPEN_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// How long opening waits for another process's write before giving up (as the store does).
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Why a backup was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BackupKind {
    /// The daily backup at launch, "Back up now", or `filmdesk backup`.
    Regular,
    /// Taken just before this version of Filmdesk upgraded the library's schema.
    BeforeUpgrade,
}

/// One backup file, as "Restore from backup" lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupInfo {
    pub path: String,
    pub file_name: String,
    pub taken_at: Timestamp,
    pub kind: BackupKind,
    /// Reviews in it (not counting its trash); `None` when it cannot be read as a library.
    pub review_count: Option<u32>,
    /// Size in bytes.
    #[ts(type = "number")]
    pub size: u64,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RestoreReport {
    /// The backup that is now the library.
    pub restored_from: String,
    /// Where the library that was replaced went (`None` when there was none).
    pub set_aside: Option<String>,
    /// Whether the replaced library was damaged.
    pub replaced_was_damaged: bool,
}

/// The backups folder of the library at `library`.
pub fn backups_dir(library: &Path) -> PathBuf {
    parent_dir(library).join("backups")
}

/// Copies the open library into `dest` (which must not exist yet) with the online backup
/// API. The copy appears under its name only once complete and on disk.
pub fn backup_to(store: &Store, dest: &Path) -> Result<()> {
    copy_database(store.connection(), dest)
}

/// "Back up now": a new backup in the library's backups folder, then the oldest beyond
/// [`KEEP_BACKUPS`] are deleted.
pub fn back_up_now(store: &Store, library: &Path) -> Result<BackupInfo> {
    quick_check(store.connection())?;
    let dir = backups_dir(library);
    let dest = free_name(&dir, &now().format(STAMP).to_string(), "")?;
    copy_database(store.connection(), &dest)?;
    prune(&dir);
    describe(&dest)
        .ok_or_else(|| Error::Internal(format!("{} is not a backup name", dest.display())))
}

/// The launch-time backup: taken when no regular backup exists from `at`'s day and the
/// library holds at least one review. Returns the backup taken, if any.
///
/// A library that fails SQLite's `quick_check` is not backed up (the error says why): a
/// damaged copy would push a sound backup out of the 14 kept.
pub fn auto_backup_if_due(
    store: &Store,
    library: &Path,
    at: Timestamp,
) -> Result<Option<BackupInfo>> {
    auto_backup_with(store.connection(), library, at)
}

/// [`auto_backup_if_due`] through a read-only connection of its own to the file at `library`,
/// for the app: the online backup reads a WAL snapshot, so the store (and every command
/// waiting for it) stays free while a large library is checked and copied, which takes seconds.
pub fn auto_backup_if_due_at(library: &Path, at: Timestamp) -> Result<Option<BackupInfo>> {
    let dir = backups_dir(library);
    remove_stale_temps(&dir);
    if done_today(&dir, at)? {
        return Ok(None);
    }
    let conn = Connection::open_with_flags(
        library,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    auto_backup_with(&conn, library, at)
}

fn done_today(dir: &Path, at: Timestamp) -> Result<bool> {
    let today = at.format("%Y%m%d").to_string();
    Ok(list_names(dir)?.iter().any(|(name, kind)| {
        *kind == BackupKind::Regular && name[PREFIX.len()..].starts_with(&today)
    }))
}

/// A backup's temporary file older than this was left by a process that ended mid-copy.
const STALE_TEMP: Duration = Duration::from_secs(3600);

/// Deletes the temporary files of copies that never finished (the app was killed while
/// backing up); a copy in progress writes its file all the time, so it is never this old.
fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !(name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)) {
            continue;
        }
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|modified| modified.elapsed().ok())
            .is_some_and(|age| age > STALE_TEMP);
        if old {
            let _ = fs::remove_file(entry.path());
        }
    }
}

fn auto_backup_with(
    conn: &Connection,
    library: &Path,
    at: Timestamp,
) -> Result<Option<BackupInfo>> {
    let dir = backups_dir(library);
    if done_today(&dir, at)? {
        return Ok(None);
    }
    let reviews: i64 = conn.query_row("SELECT count(*) FROM reviews", [], |r| r.get(0))?;
    if reviews == 0 {
        return Ok(None);
    }
    quick_check(conn)?;
    let dest = free_name(&dir, &at.format(STAMP).to_string(), "")?;
    copy_database(conn, &dest)?;
    prune(&dir);
    tracing::info!(path = %dest.display(), "daily backup taken");
    Ok(describe(&dest))
}

/// The backup taken by `Store::open` before it migrates a library from `from_version`.
pub(crate) fn backup_before_migration(
    conn: &Connection,
    library: &Path,
    from_version: i64,
) -> Result<PathBuf> {
    let dir = backups_dir(library);
    let dest = free_name(&dir, &now().format(STAMP).to_string(), BEFORE_UPGRADE)?;
    copy_database(conn, &dest).map_err(|err| {
        Error::Internal(format!(
            "the library was not upgraded, because backing it up first failed ({err})"
        ))
    })?;
    tracing::info!(
        path = %dest.display(),
        from_version,
        to_version = SCHEMA_VERSION,
        "backed up the library before upgrading it"
    );
    Ok(dest)
}

/// The backups in `dir`, newest first. A missing folder has none.
pub fn list_backups(dir: &Path) -> Result<Vec<BackupInfo>> {
    let mut backups: Vec<BackupInfo> = list_names(dir)?
        .into_iter()
        .filter_map(|(name, _)| describe(&dir.join(name)))
        .collect();
    backups.sort_by(|a, b| {
        b.taken_at
            .cmp(&a.taken_at)
            .then(b.file_name.cmp(&a.file_name))
    });
    Ok(backups)
}

/// Makes the backup at `backup` the library at `library`. The backup is checked first
/// (SQLite's integrity check, a schema this version knows); the current library, if any, is
/// renamed to `<name>.before-restore-<time>` (or `.damaged-<time>` when it does not pass the
/// check) together with its `-wal`, never overwritten. A sound library that another process
/// has open is refused: quit the app first.
pub fn restore_backup(backup: &Path, library: &Path) -> Result<RestoreReport> {
    verify_backup(backup)?;
    let dir = parent_dir(library);
    fs::create_dir_all(&dir).map_err(|e| Error::io(format!("creating {}", dir.display()), e))?;
    // Copy first: if that fails (a full disk), nothing has moved yet.
    let mut copy = tempfile::Builder::new()
        .prefix(".filmdesk-restore-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(|e| Error::io(format!("creating a file in {}", dir.display()), e))?;
    let mut source =
        File::open(backup).map_err(|e| Error::io(format!("reading {}", backup.display()), e))?;
    std::io::copy(&mut source, copy.as_file_mut())
        .and_then(|_| copy.as_file().sync_all())
        .map_err(|e| Error::io(format!("copying {}", backup.display()), e))?;

    let mut set_aside = None;
    let mut damaged = false;
    if library.exists() {
        damaged = check_library(library).is_err();
        if !damaged {
            ensure_not_in_use(library)?;
        }
        let tag = if damaged { "damaged" } else { "before-restore" };
        let aside = aside_name(library, tag);
        fs::rename(library, &aside)
            .map_err(|e| Error::io(format!("moving {} aside", library.display()), e))?;
        for companion in ["-wal", "-shm", "-journal"] {
            let from = with_suffix(library, companion);
            if from.exists() {
                fs::rename(&from, with_suffix(&aside, companion))
                    .map_err(|e| Error::io(format!("moving {} aside", from.display()), e))?;
            }
        }
        tracing::info!(path = %aside.display(), damaged, "moved the library aside");
        set_aside = Some(aside.display().to_string());
    }
    copy.persist_noclobber(library).map_err(|e| {
        Error::io(
            format!("putting the backup in place at {}", library.display()),
            e.error,
        )
    })?;
    sync_dir(&dir);
    Ok(RestoreReport {
        restored_from: backup.display().to_string(),
        set_aside,
        replaced_was_damaged: damaged,
    })
}

/// Checks a library file before it is opened for writing, through a read-only connection
/// (so a damaged file is left byte for byte as it is): a SQLite header, a length that
/// matches it, a schema this version knows, and SQLite's `quick_check` (up to
/// [`QUICK_CHECK_AT_OPEN_MAX_BYTES`]). A missing or empty file passes: it becomes a new
/// library.
pub fn check_library(path: &Path) -> Result<()> {
    let len = match fs::metadata(path) {
        Ok(meta) => meta.len(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(format!("reading {}", path.display()), e)),
    };
    if len == 0 {
        return Ok(());
    }
    check_header(path, len)?;
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > SCHEMA_VERSION {
        return Err(Error::SchemaTooNew {
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    if version == 0 {
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
        if tables > 0 {
            return Err(Error::Corrupt(format!(
                "{} is a SQLite database, but not a Filmdesk library",
                path.display()
            )));
        }
        return Ok(());
    }
    if len > QUICK_CHECK_AT_OPEN_MAX_BYTES {
        return Ok(());
    }
    quick_check(&conn).map_err(|err| match err {
        Error::Corrupt(detail) => Error::Corrupt(format!("{}: {detail}", path.display())),
        other => other,
    })
}

/// SQLite's `quick_check` (the integrity check without the index cross-checks).
fn quick_check(conn: &Connection) -> Result<()> {
    let mut stmt = conn.prepare("PRAGMA quick_check(5)")?;
    let problems: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if problems.len() == 1 && problems[0] == "ok" {
        Ok(())
    } else {
        Err(Error::Corrupt(problems.join("; ")))
    }
}

/// The first 100 bytes of a SQLite file, and its length against the size they give.
fn check_header(path: &Path, len: u64) -> Result<()> {
    let shown = path.display();
    if len < 100 {
        return Err(Error::Corrupt(format!(
            "{shown} is only {len} bytes long, shorter than a database header: it was cut short, or it is not a library"
        )));
    }
    let mut header = [0u8; 100];
    std::io::Read::read_exact(
        &mut File::open(path).map_err(|e| Error::io(format!("reading {shown}"), e))?,
        &mut header,
    )
    .map_err(|e| Error::io(format!("reading {shown}"), e))?;
    if &header[..16] != b"SQLite format 3\0" {
        return Err(Error::Corrupt(format!(
            "{shown} does not start like a SQLite database: it is damaged, or it is another kind of file"
        )));
    }
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65536,
        n => u64::from(n),
    };
    if !(512..=65536).contains(&page_size) || !page_size.is_power_of_two() {
        return Err(Error::Corrupt(format!(
            "{shown} has a damaged header (page size {page_size})"
        )));
    }
    let word = |at: usize| {
        u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    // With a WAL still to be replayed, the file can legitimately lag behind its header.
    let wal_pending = fs::metadata(with_suffix(path, "-wal")).is_ok_and(|m| m.len() > 0);
    if wal_pending {
        return Ok(());
    }
    let pages = u64::from(word(28));
    let size_valid = word(24) == word(92) && pages > 0;
    if (size_valid && len < pages * page_size) || !len.is_multiple_of(page_size) {
        let promised = if size_valid {
            pages * page_size
        } else {
            len.next_multiple_of(page_size)
        };
        return Err(Error::Corrupt(format!(
            "{shown} is cut short: its header promises {promised} bytes, the file has {len}"
        )));
    }
    Ok(())
}

/// A backup must be a sound Filmdesk library that this version can open.
fn verify_backup(path: &Path) -> Result<()> {
    let shown = path.display();
    let len = fs::metadata(path)
        .map_err(|e| Error::io(format!("reading {shown}"), e))?
        .len();
    check_header(path, len).map_err(|err| in_backup(err, path))?;
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|err| in_backup(err.into(), path))?;
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|err| in_backup(err.into(), path))?;
    if version > SCHEMA_VERSION {
        return Err(Error::SchemaTooNew {
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    if version == 0 {
        return Err(Error::Corrupt(format!("{shown} is not a Filmdesk library")));
    }
    let result: String = conn
        .query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))
        .map_err(|err| in_backup(err.into(), path))?;
    if result != "ok" {
        return Err(Error::Corrupt(format!(
            "the backup {shown} is damaged: {result}"
        )));
    }
    Ok(())
}

fn in_backup(err: Error, path: &Path) -> Error {
    match err {
        Error::Corrupt(detail) => Error::Corrupt(format!(
            "the backup {} is damaged: {detail}",
            path.display()
        )),
        other => other,
    }
}

/// Refuses when another connection (the app, a headless command) has the library open:
/// taking SQLite's exclusive lock fails while any other connection holds the WAL index.
fn ensure_not_in_use(library: &Path) -> Result<()> {
    let conn = Connection::open_with_flags(
        library,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(Duration::from_millis(500))?;
    let locked = conn
        .pragma_update(None, "locking_mode", "EXCLUSIVE")
        .and_then(|_| conn.execute_batch("BEGIN EXCLUSIVE; COMMIT;"));
    match locked {
        Ok(()) => Ok(()),
        Err(err)
            if matches!(
                err.sqlite_error_code(),
                Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
            ) =>
        {
            Err(Error::invalid(format!(
                "{} is open in Filmdesk or in another filmdesk command; close it, then restore",
                library.display()
            )))
        }
        Err(err) => Err(err.into()),
    }
}

/// Backs `conn`'s main database up into `dest`, which must not exist: written under a
/// temporary name, switched to a rollback journal so it is one self-contained file, synced,
/// then renamed into place.
fn copy_database(conn: &Connection, dest: &Path) -> Result<()> {
    if dest.exists() {
        return Err(Error::AlreadyExists(dest.display().to_string()));
    }
    let dir = parent_dir(dest);
    fs::create_dir_all(&dir).map_err(|e| Error::io(format!("creating {}", dir.display()), e))?;
    let temp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(&dir)
        .map_err(|e| Error::io(format!("creating a file in {}", dir.display()), e))?;
    {
        let mut copy = Connection::open(temp.path())?;
        {
            let backup = Backup::new(conn, &mut copy)?;
            // Another process writing in rollback-journal mode can lock the source for a
            // moment; WAL readers never block, so this only waits as long as a write does.
            let mut waits = 0;
            loop {
                match backup.step(-1)? {
                    StepResult::Done => break,
                    StepResult::More => {}
                    StepResult::Busy | StepResult::Locked if waits < 100 => {
                        waits += 1;
                        std::thread::sleep(Duration::from_millis(50));
                    }
                    _ => return Err(Error::Busy),
                }
            }
        }
        copy.pragma_update(None, "journal_mode", "DELETE")?;
    }
    temp.as_file()
        .sync_all()
        .map_err(|e| Error::io(format!("writing {}", dest.display()), e))?;
    temp.persist_noclobber(dest).map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            Error::AlreadyExists(dest.display().to_string())
        } else {
            Error::io(format!("writing {}", dest.display()), e.error)
        }
    })?;
    sync_dir(&dir);
    Ok(())
}

/// `filmdesk-<stamp><tag>.sqlite` in `dir`, with `-2`, `-3` … added when taken.
fn free_name(dir: &Path, stamp: &str, tag: &str) -> Result<PathBuf> {
    (1..100)
        .map(|n| {
            let counter = if n == 1 {
                String::new()
            } else {
                format!("-{n}")
            };
            dir.join(format!("{PREFIX}{stamp}{tag}{counter}{EXTENSION}"))
        })
        .find(|path| !path.exists())
        .ok_or_else(|| Error::AlreadyExists(format!("backups named {PREFIX}{stamp}{tag}")))
}

/// The backup file names in `dir` with their kind (other files are left out).
fn list_names(dir: &Path) -> Result<Vec<(String, BackupKind)>> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(format!("reading {}", dir.display()), e)),
    };
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(format!("reading {}", dir.display()), e))?;
        if let Some(name) = entry.file_name().to_str() {
            if let Some((_, kind)) = parse_name(name) {
                names.push((name.to_string(), kind));
            }
        }
    }
    Ok(names)
}

/// The time and kind in a backup's file name.
fn parse_name(name: &str) -> Option<(NaiveDateTime, BackupKind)> {
    let rest = name.strip_prefix(PREFIX)?.strip_suffix(EXTENSION)?;
    let stamp = rest.get(..15)?;
    let taken = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?;
    let (kind, counter) = match rest[15..].strip_prefix(BEFORE_UPGRADE) {
        Some(counter) => (BackupKind::BeforeUpgrade, counter),
        None => (BackupKind::Regular, &rest[15..]),
    };
    let counter_ok = counter.is_empty()
        || counter
            .strip_prefix('-')
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    counter_ok.then_some((taken, kind))
}

fn describe(path: &Path) -> Option<BackupInfo> {
    let file_name = path.file_name()?.to_str()?.to_string();
    let (taken, kind) = parse_name(&file_name)?;
    let size = fs::metadata(path).ok()?.len();
    let taken_at = Local.from_local_datetime(&taken).earliest()?.fixed_offset();
    Some(BackupInfo {
        path: path.display().to_string(),
        file_name,
        taken_at,
        kind,
        review_count: count_reviews(path).ok(),
        size,
    })
}

fn count_reviews(path: &Path) -> Result<u32> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    Ok(conn.query_row(
        "SELECT count(*) FROM reviews WHERE deleted_at IS NULL",
        [],
        |r| r.get(0),
    )?)
}

/// Deletes the regular backups beyond the newest [`KEEP_BACKUPS`]. A file that cannot be
/// deleted stays (and is logged): pruning must never make a backup fail.
fn prune(dir: &Path) {
    let Ok(names) = list_names(dir) else { return };
    let mut regular: Vec<String> = names
        .into_iter()
        .filter(|(_, kind)| *kind == BackupKind::Regular)
        .map(|(name, _)| name)
        .collect();
    // Names sort by time: the stamp is fixed-width, most significant first.
    regular.sort_by(|a, b| b.cmp(a));
    for name in regular.iter().skip(KEEP_BACKUPS) {
        let path = dir.join(name);
        if let Err(err) = fs::remove_file(&path) {
            tracing::warn!(path = %path.display(), "could not delete an old backup: {err}");
        }
    }
}

fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// `<library>.<tag>-<time>`, with a counter when taken.
fn aside_name(library: &Path, tag: &str) -> PathBuf {
    let stamp = now().format(STAMP).to_string();
    (1..)
        .map(|n| {
            let counter = if n == 1 {
                String::new()
            } else {
                format!("-{n}")
            };
            with_suffix(library, &format!(".{tag}-{stamp}{counter}"))
        })
        .find(|path| !path.exists())
        .unwrap_or_else(|| with_suffix(library, &format!(".{tag}")))
}

/// Makes a rename in `dir` durable. Best effort: not every platform can open a folder.
fn sync_dir(dir: &Path) {
    if let Ok(handle) = File::open(dir) {
        let _ = handle.sync_all();
    }
}
