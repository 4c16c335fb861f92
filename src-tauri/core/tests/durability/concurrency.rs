//! Two processes on one library (the app and a headless command): SQLite's locks and the
//! busy timeout make them take turns; nothing is lost and nothing is damaged.

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use filmdesk_core::backup::{back_up_now, backups_dir, list_backups};
use filmdesk_core::Store;

use crate::{review_with_text, type_into};

/// Another process's connection: it begins a write, says so, and commits when told (or after
/// a while, when `release` is `None`).
fn other_process_writes(
    path: &Path,
    release: Option<mpsc::Receiver<()>>,
) -> (mpsc::Receiver<()>, std::thread::JoinHandle<()>) {
    let path = path.to_path_buf();
    let (started, started_rx) = mpsc::channel();
    let handle = std::thread::spawn(move || {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.busy_timeout(Duration::from_secs(5)).unwrap();
        conn.execute_batch(
            "BEGIN IMMEDIATE;
             INSERT INTO settings (key, value) VALUES ('other_process', '\"was here\"');",
        )
        .unwrap();
        started.send(()).unwrap();
        match release {
            Some(release) => release.recv().unwrap(),
            // Hold the write lock long enough for the other side to be kept waiting.
            None => std::thread::sleep(Duration::from_millis(400)),
        }
        conn.execute_batch("COMMIT").unwrap();
    });
    (started_rx, handle)
}

fn other_process_row(store_path: &Path) -> Option<String> {
    let conn = rusqlite::Connection::open(store_path).unwrap();
    conn.query_row(
        "SELECT value FROM settings WHERE key = 'other_process'",
        [],
        |r| r.get(0),
    )
    .ok()
}

#[test]
fn a_write_waits_for_the_other_process_and_both_land() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.sqlite");
    let mut app = Store::open(&path).unwrap();
    let review = review_with_text(&mut app);
    let mut headless = Store::open(&path).unwrap();

    let (started, writer) = other_process_writes(&path, None);
    started.recv().unwrap();
    // Blocks inside SQLite's busy timeout until the other transaction commits.
    let saved = type_into(
        &mut headless,
        &review,
        2,
        "Written while the other process wrote.",
    );
    writer.join().unwrap();

    assert_eq!(
        app.get_review(&review.id).unwrap().sections[2].body,
        saved.sections[2].body
    );
    assert_eq!(other_process_row(&path).as_deref(), Some("\"was here\""));
    app.integrity_check().unwrap();
    headless.integrity_check().unwrap();
}

#[test]
fn two_stores_on_one_file_interleave_without_loss() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.sqlite");
    let mut first = Store::open(&path).unwrap();
    let review = review_with_text(&mut first);
    let section = review.sections[2].id.clone();
    let path2 = path.clone();
    let other = std::thread::spawn(move || {
        let mut second = Store::open(&path2).unwrap();
        (0..50)
            .map(|_| review_with_text(&mut second).id)
            .collect::<Vec<_>>()
    });
    for i in 0..50 {
        type_into(&mut first, &review, 2, &format!("Draft number {i}."));
        first
            .snapshot_section(
                &section,
                filmdesk_core::history::SnapshotReason::Pause,
                None,
            )
            .unwrap();
    }
    let created = other.join().unwrap();
    let listed: Vec<String> = first
        .list_reviews()
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(listed.len(), 51);
    assert!(created.iter().all(|id| listed.contains(id)));
    assert_eq!(first.list_snapshots(&section).unwrap().len(), 50);
    first.integrity_check().unwrap();
}

#[test]
fn a_backup_taken_during_another_write_holds_only_committed_work() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.sqlite");
    let mut store = Store::open(&path).unwrap();
    review_with_text(&mut store);

    let (release, release_rx) = mpsc::channel();
    let (started, writer) = other_process_writes(&path, Some(release_rx));
    started.recv().unwrap();
    // The backup reads from a WAL snapshot: it neither waits for nor sees the open write.
    let info = back_up_now(&store, &path).unwrap();
    release.send(()).unwrap();
    writer.join().unwrap();

    assert_eq!(info.review_count, Some(1));
    assert_eq!(other_process_row(Path::new(&info.path)), None);
    assert_eq!(other_process_row(&path).as_deref(), Some("\"was here\""));
    assert_eq!(list_backups(&backups_dir(&path)).unwrap().len(), 1);
    Store::open(Path::new(&info.path))
        .unwrap()
        .integrity_check()
        .unwrap();
}
