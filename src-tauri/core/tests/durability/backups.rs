use std::path::{Path, PathBuf};

use chrono::Duration;
use filmdesk_core::backup::{
    auto_backup_if_due, auto_backup_if_due_at, back_up_now, backup_to, backups_dir, list_backups,
    restore_backup, BackupKind, KEEP_BACKUPS,
};
use filmdesk_core::store::SCHEMA_VERSION;
use filmdesk_core::{now, ErrorCode, Store};

use crate::{read, review_with_text};

fn titles(path: &Path) -> Vec<String> {
    let store = Store::open(path).unwrap();
    let mut titles: Vec<String> = store
        .list_reviews()
        .unwrap()
        .into_iter()
        .map(|r| r.film_title)
        .collect();
    titles.sort();
    titles
}

fn add_review(store: &mut Store, title: &str) {
    let mut review = review_with_text(store);
    review.film.title = title.into();
    store.save_review(&review).unwrap();
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn back_up_now_makes_a_self_contained_listed_copy() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library.sqlite");
    let mut store = Store::open(&library).unwrap();
    add_review(&mut store, "Alpha");
    add_review(&mut store, "Beta");
    let trashed = review_with_text(&mut store);
    store.trash_review(&trashed.id).unwrap();

    let info = back_up_now(&store, &library).unwrap();
    assert_eq!(info.kind, BackupKind::Regular);
    assert_eq!(info.review_count, Some(2), "the trash is not counted");
    assert!(info.file_name.starts_with("filmdesk-") && info.file_name.ends_with(".sqlite"));
    assert_eq!(
        Path::new(&info.path).parent().unwrap(),
        backups_dir(&library)
    );
    // One file, no WAL beside it, no temporary left over.
    assert_eq!(
        files_in(&backups_dir(&library)),
        vec![info.file_name.clone()]
    );
    assert_eq!(info.size, std::fs::metadata(&info.path).unwrap().len());

    let second = back_up_now(&store, &library).unwrap();
    assert_ne!(
        second.path, info.path,
        "two backups in one second get two names"
    );
    let listed = list_backups(&backups_dir(&library)).unwrap();
    assert_eq!(listed.len(), 2);
    drop(store);
    assert_eq!(titles(Path::new(&info.path)), vec!["Alpha", "Beta"]);

    let err = backup_to(&Store::open(&library).unwrap(), Path::new(&info.path)).unwrap_err();
    assert_eq!(err.code(), ErrorCode::AlreadyExists);
}

#[test]
fn daily_backup_once_a_day_and_fourteen_kept() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library.sqlite");
    let mut store = Store::open(&library).unwrap();
    let start = now();
    assert!(
        auto_backup_if_due(&store, &library, start)
            .unwrap()
            .is_none(),
        "nothing to keep yet"
    );
    add_review(&mut store, "Alpha");
    assert!(auto_backup_if_due(&store, &library, start)
        .unwrap()
        .is_some());
    assert!(
        auto_backup_if_due(&store, &library, start)
            .unwrap()
            .is_none(),
        "once a day"
    );

    for day in 1..=20 {
        let taken = auto_backup_if_due(&store, &library, start + Duration::days(day)).unwrap();
        assert!(taken.is_some(), "day {day}");
    }
    let listed = list_backups(&backups_dir(&library)).unwrap();
    assert_eq!(listed.len(), KEEP_BACKUPS);
    let newest = (start + Duration::days(20))
        .format("filmdesk-%Y%m%d")
        .to_string();
    assert!(
        listed[0].file_name.starts_with(&newest),
        "{}",
        listed[0].file_name
    );
    let oldest_kept = (start + Duration::days(7))
        .format("filmdesk-%Y%m%d")
        .to_string();
    assert!(listed[KEEP_BACKUPS - 1].file_name.starts_with(&oldest_kept));
}

/// Turns a current library back into a schema-1 one, as Filmdesk 0.1 wrote it.
fn make_version_1(path: &Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    // The search index (migration 0006): its triggers first, then its tables and view.
    let triggers: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    for trigger in triggers {
        conn.execute_batch(&format!("DROP TRIGGER {trigger}"))
            .unwrap();
    }
    conn.execute_batch(
        "DROP TABLE search_fts; DROP TABLE search_docs; DROP VIEW search_film_text;",
    )
    .unwrap();
    conn.execute_batch(
        "DROP TABLE section_snapshots; DROP INDEX reviews_deleted; DROP TABLE dictionary_words;
         DROP TRIGGER films_kept_by_log; DROP TABLE imported_reviews; DROP TABLE watchlist;
         DROP TABLE film_marks; DROP TABLE viewings; DROP INDEX films_dedupe;
         DROP INDEX films_title; DROP INDEX films_unkeyed_year; DROP INDEX films_unkeyed_imdb;
         ALTER TABLE films DROP COLUMN dedupe_key;
         ALTER TABLE films DROP COLUMN letterboxd_uri;
         DROP INDEX reviews_list; DROP INDEX sections_headline;
         CREATE INDEX reviews_updated ON reviews(updated_at); PRAGMA user_version = 1;",
    )
    .unwrap();
}

#[test]
fn a_migration_is_preceded_by_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library.sqlite");
    {
        let mut store = Store::open(&library).unwrap();
        add_review(&mut store, "Alpha");
    }
    make_version_1(&library);
    const { assert!(SCHEMA_VERSION >= 2) };

    let store = Store::open(&library).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let backups = list_backups(&backups_dir(&library)).unwrap();
    assert_eq!(backups.len(), 1);
    assert_eq!(backups[0].kind, BackupKind::BeforeUpgrade);
    assert!(backups[0].file_name.ends_with("-before-upgrade.sqlite"));
    assert_eq!(backups[0].review_count, Some(1));
    let old = rusqlite::Connection::open(&backups[0].path).unwrap();
    let version: i64 = old
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        version, 1,
        "the backup is the library as it was before the upgrade"
    );
    drop(store);

    Store::open(&library).unwrap();
    assert_eq!(
        list_backups(&backups_dir(&library)).unwrap().len(),
        1,
        "no migration, no backup"
    );
}

#[test]
fn restore_round_trip_sets_the_current_library_aside() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library.sqlite");
    let mut store = Store::open(&library).unwrap();
    add_review(&mut store, "Alpha");
    let backup = PathBuf::from(back_up_now(&store, &library).unwrap().path);
    add_review(&mut store, "Beta");

    // Refused while the library is open: restoring under a running app would lose its writes.
    let before = read(&library);
    let err = restore_backup(&backup, &library).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidInput, "{err}");
    assert!(err.to_string().contains("close it"), "{err}");
    assert_eq!(read(&library), before);
    drop(store);

    let report = restore_backup(&backup, &library).unwrap();
    assert!(!report.replaced_was_damaged);
    let aside = PathBuf::from(report.set_aside.expect("the current library is kept"));
    assert!(aside
        .file_name()
        .unwrap()
        .to_string_lossy()
        .starts_with("library.sqlite.before-restore-"));
    assert_eq!(titles(&library), vec!["Alpha"]);
    assert_eq!(
        titles(&aside),
        vec!["Alpha", "Beta"],
        "nothing was lost by restoring"
    );
    assert!(
        Path::new(&report.restored_from).exists(),
        "the backup stays"
    );
}

#[test]
fn restore_into_a_missing_library() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library.sqlite");
    let mut store = Store::open(&library).unwrap();
    add_review(&mut store, "Alpha");
    let backup = PathBuf::from(back_up_now(&store, &library).unwrap().path);
    drop(store);
    let elsewhere = dir.path().join("new/place/library.sqlite");
    let report = restore_backup(&backup, &elsewhere).unwrap();
    assert_eq!(report.set_aside, None);
    assert_eq!(titles(&elsewhere), vec!["Alpha"]);
}

#[test]
fn a_damaged_backup_is_refused_and_the_library_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library.sqlite");
    let mut store = Store::open(&library).unwrap();
    add_review(&mut store, "Alpha");
    let backup = PathBuf::from(back_up_now(&store, &library).unwrap().path);
    drop(store);
    let mut bytes = read(&backup);
    let cut = bytes.len() / 2;
    bytes.truncate(cut);
    std::fs::write(&backup, &bytes).unwrap();

    let before = read(&library);
    let err = restore_backup(&backup, &library).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Corrupt, "{err}");
    assert!(err.to_string().contains("backup"), "{err}");
    assert_eq!(read(&library), before);
    assert_eq!(files_in(dir.path()), vec!["backups", "library.sqlite"]);
    let listed = list_backups(&backups_dir(&library)).unwrap();
    assert_eq!(listed.len(), 1, "a damaged backup is still listed");
}

#[test]
fn restoring_over_a_damaged_library_keeps_the_damaged_file() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library.sqlite");
    let mut store = Store::open(&library).unwrap();
    add_review(&mut store, "Alpha");
    let backup = PathBuf::from(back_up_now(&store, &library).unwrap().path);
    drop(store);
    let damaged = b"SQLite format 3\0 and then nothing but noise".repeat(100);
    std::fs::write(&library, &damaged).unwrap();
    assert_eq!(
        Store::open(&library).err().unwrap().code(),
        ErrorCode::Corrupt
    );

    let report = restore_backup(&backup, &library).unwrap();
    assert!(report.replaced_was_damaged);
    let aside = PathBuf::from(report.set_aside.unwrap());
    assert!(aside.to_string_lossy().contains("library.sqlite.damaged-"));
    assert_eq!(read(&aside), damaged, "the damaged file is kept as it was");
    assert_eq!(titles(&library), vec!["Alpha"]);
}

#[test]
fn daily_backup_through_its_own_connection_leaves_the_store_free() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library.sqlite");
    let mut store = Store::open(&library).unwrap();
    let start = now();
    assert!(
        auto_backup_if_due_at(&library, start).unwrap().is_none(),
        "nothing to keep yet"
    );
    add_review(&mut store, "Alpha");
    // A copy left by a process killed mid-backup, long ago, is cleaned up; a fresh one (a
    // backup in progress elsewhere) is not.
    let backups = backups_dir(&library);
    std::fs::create_dir_all(&backups).unwrap();
    let stale = backups.join(".filmdesk-backup-stale.tmp");
    let fresh = backups.join(".filmdesk-backup-fresh.tmp");
    std::fs::write(&stale, b"half a copy").unwrap();
    std::fs::write(&fresh, b"a copy in progress").unwrap();
    let long_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(2 * 3600);
    std::fs::File::options()
        .write(true)
        .open(&stale)
        .unwrap()
        .set_modified(long_ago)
        .unwrap();

    let taken = auto_backup_if_due_at(&library, start).unwrap().unwrap();
    assert!(!stale.exists());
    assert!(fresh.exists());
    // The store goes on writing; the backup keeps what was committed when it was taken.
    add_review(&mut store, "Beta");
    assert_eq!(titles(Path::new(&taken.path)), ["Alpha"]);
    assert!(
        auto_backup_if_due_at(&library, start).unwrap().is_none(),
        "once a day"
    );
    assert!(auto_backup_if_due_at(&library, start + Duration::days(1))
        .unwrap()
        .is_some());
}
