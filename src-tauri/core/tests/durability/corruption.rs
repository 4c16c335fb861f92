use std::path::{Path, PathBuf};

use filmdesk_core::{ErrorCode, Store};

use crate::{read, review_with_text};

/// A closed library file with a few reviews, big enough to span many pages.
fn library(dir: &Path) -> PathBuf {
    let path = dir.join("library.sqlite");
    let mut store = Store::open(&path).unwrap();
    for _ in 0..20 {
        let review = review_with_text(&mut store);
        crate::type_into(
            &mut store,
            &review,
            3,
            &"A long paragraph about ferries. ".repeat(200),
        );
    }
    drop(store);
    assert!(!dir.join("library.sqlite-wal").exists(), "closed cleanly");
    path
}

fn refused_untouched(path: &Path) -> String {
    let before = read(path);
    let err = Store::open(path)
        .err()
        .expect("a damaged library must be refused");
    assert_eq!(err.code(), ErrorCode::Corrupt, "{err}");
    assert_eq!(
        read(path),
        before,
        "the damaged file is left byte for byte as it was"
    );
    err.to_string()
}

#[test]
fn truncated_file_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = library(dir.path());
    let bytes = read(&path);
    assert!(bytes.len() > 64 * 1024);
    std::fs::write(&path, &bytes[..bytes.len() / 2 + 123]).unwrap();
    let message = refused_untouched(&path);
    assert!(message.contains("cut short"), "{message}");
}

#[test]
fn file_truncated_on_a_page_boundary_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = library(dir.path());
    let bytes = read(&path);
    std::fs::write(&path, &bytes[..bytes.len() / 2 / 4096 * 4096]).unwrap();
    let message = refused_untouched(&path);
    assert!(message.contains("cut short"), "{message}");
}

#[test]
fn file_cut_inside_its_header_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = library(dir.path());
    std::fs::write(&path, &read(&path)[..60]).unwrap();
    refused_untouched(&path);
}

#[test]
fn garbled_pages_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = library(dir.path());
    let mut bytes = read(&path);
    // Deterministic noise over the second quarter of the file: the header is intact, so
    // only SQLite's own check can tell.
    let mut seed: u32 = 0x2545_f491;
    let (from, to) = (bytes.len() / 4, bytes.len() / 2);
    for byte in &mut bytes[from..to] {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        *byte = seed as u8;
    }
    std::fs::write(&path, &bytes).unwrap();
    refused_untouched(&path);
}

#[test]
fn garbled_header_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = library(dir.path());
    let mut bytes = read(&path);
    bytes[..16].copy_from_slice(b"Not a database!!");
    std::fs::write(&path, &bytes).unwrap();
    let message = refused_untouched(&path);
    assert!(
        message.contains("does not start like a SQLite database"),
        "{message}"
    );
}

#[test]
fn another_programs_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("photos.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE photos(id INTEGER PRIMARY KEY, name TEXT);")
            .unwrap();
    }
    let message = refused_untouched(&path);
    assert!(message.contains("not a Filmdesk library"), "{message}");
}

#[test]
fn an_empty_file_becomes_a_library() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.sqlite");
    std::fs::write(&path, b"").unwrap();
    let store = Store::open(&path).unwrap();
    store.integrity_check().unwrap();
}
