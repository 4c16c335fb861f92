use filmdesk_core::history::{word_diff, DiffKind, SnapshotReason};
use filmdesk_core::words::count_words;
use filmdesk_core::{ErrorCode, Store};

use crate::{review_with_text, type_into};

#[test]
fn identical_text_is_snapshotted_once() {
    let mut store = Store::open_in_memory().unwrap();
    let review = review_with_text(&mut store);
    let section = review.sections[2].id.clone();

    let first = store
        .snapshot_section(&section, SnapshotReason::Pause, None)
        .unwrap()
        .expect("first snapshot is taken");
    assert_eq!(first.body, review.sections[2].body);
    assert_eq!(first.info.word_count, count_words(&first.body) as u32);
    assert_eq!(first.info.reason, SnapshotReason::Pause);
    assert!(store
        .snapshot_section(&section, SnapshotReason::Pause, None)
        .unwrap()
        .is_none());
    assert!(store
        .snapshot_section(&section, SnapshotReason::Switch, None)
        .unwrap()
        .is_none());
    assert_eq!(store.list_snapshots(&section).unwrap().len(), 1);

    // Naming the same text labels the latest snapshot instead of copying it.
    assert!(store
        .snapshot_section(
            &section,
            SnapshotReason::Manual,
            Some("  sent to the editor ")
        )
        .unwrap()
        .is_none());
    let list = store.list_snapshots(&section).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].name.as_deref(), Some("sent to the editor"));

    type_into(
        &mut store,
        &review,
        2,
        "Nazım has piloted the same ferry for forty-one years.",
    );
    let second = store
        .snapshot_section(&section, SnapshotReason::Manual, Some("second draft"))
        .unwrap()
        .expect("changed text is taken");
    let list = store.list_snapshots(&section).unwrap();
    assert_eq!(
        list.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
        vec![second.info.id.as_str(), first.info.id.as_str()],
        "newest first"
    );
    assert_eq!(store.get_snapshot(&first.info.id).unwrap().body, first.body);
}

#[test]
fn blank_text_and_unknown_sections() {
    let mut store = Store::open_in_memory().unwrap();
    let review = review_with_text(&mut store);
    // Section 3 of a new Feature review is empty: nothing to keep.
    let blank = review.sections[3].id.clone();
    assert!(store
        .snapshot_section(&blank, SnapshotReason::Pause, None)
        .unwrap()
        .is_none());
    assert!(store.list_snapshots(&blank).unwrap().is_empty());

    let err = store
        .snapshot_section("no-such-section", SnapshotReason::Pause, None)
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
    let err = store.get_snapshot("no-such-snapshot").unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
    let long_name = "x".repeat(201);
    let err = store
        .snapshot_section(
            &review.sections[0].id,
            SnapshotReason::Manual,
            Some(&long_name),
        )
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidInput);
}

#[test]
fn switching_review_snapshots_every_section_with_text() {
    let mut store = Store::open_in_memory().unwrap();
    let review = review_with_text(&mut store);
    let taken = store
        .snapshot_review(&review.id, SnapshotReason::Switch)
        .unwrap();
    assert_eq!(taken.len(), 3, "three sections have text");
    assert!(taken
        .iter()
        .all(|s| s.reason == SnapshotReason::Switch && s.review_id == review.id));
    assert!(store
        .snapshot_review(&review.id, SnapshotReason::Switch)
        .unwrap()
        .is_empty());
    let err = store
        .snapshot_review("no-such-review", SnapshotReason::Switch)
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
}

#[test]
fn restoring_is_one_step_and_can_be_undone() {
    let mut store = Store::open_in_memory().unwrap();
    let review = review_with_text(&mut store);
    let section = review.sections[2].id.clone();
    let old_text = review.sections[2].body.clone();
    let old = store
        .snapshot_section(&section, SnapshotReason::Pause, None)
        .unwrap()
        .unwrap();

    let new_text = "A whole new paragraph, much longer than the first one was, about the ferry.";
    type_into(&mut store, &review, 2, new_text);
    let restored = store.restore_snapshot(&old.info.id).unwrap();
    assert_eq!(restored.sections[2].body, old_text);
    assert_eq!(store.get_review(&review.id).unwrap(), restored);
    let summary = &store.list_reviews().unwrap()[0];
    assert_eq!(
        summary.word_count as usize,
        restored.word_count(),
        "word count follows"
    );

    // The text that was replaced is the newest snapshot, marked as such: undo is a restore.
    let list = store.list_snapshots(&section).unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].reason, SnapshotReason::Restore);
    let undone = store.restore_snapshot(&list[0].id).unwrap();
    assert_eq!(undone.sections[2].body, new_text);
    assert_eq!(store.list_snapshots(&section).unwrap().len(), 3);
}

#[test]
fn a_removed_section_keeps_its_history_but_cannot_be_restored_into() {
    let mut store = Store::open_in_memory().unwrap();
    let mut review = review_with_text(&mut store);
    let section = review.sections[2].id.clone();
    let snap = store
        .snapshot_section(&section, SnapshotReason::Pause, None)
        .unwrap()
        .unwrap();
    review.sections.remove(2);
    store.save_review(&review).unwrap();
    assert_eq!(store.get_snapshot(&snap.info.id).unwrap().body, snap.body);
    let err = store.restore_snapshot(&snap.info.id).unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
    assert!(err.to_string().contains("removed"), "{err}");
}

#[test]
fn diff_of_a_snapshot_against_the_current_text() {
    let mut store = Store::open_in_memory().unwrap();
    let review = review_with_text(&mut store);
    let section = review.sections[2].id.clone();
    let snap = store
        .snapshot_section(&section, SnapshotReason::Pause, None)
        .unwrap()
        .unwrap();
    type_into(
        &mut store,
        &review,
        2,
        "Nazım has steered the same ferry for forty years.",
    );
    let current = store.section_body(&section).unwrap();
    let parts = word_diff(&snap.body, &current);
    let removed: Vec<&str> = parts
        .iter()
        .filter(|p| p.kind == DiffKind::Removed)
        .map(|p| p.text.as_str())
        .collect();
    let added: Vec<&str> = parts
        .iter()
        .filter(|p| p.kind == DiffKind::Added)
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(removed, vec!["piloted"]);
    assert_eq!(added, vec!["steered"]);
}

#[test]
fn five_megabytes_in_one_section_snapshot_and_restore() {
    let mut store = Store::open_in_memory().unwrap();
    let review = review_with_text(&mut store);
    let section = review.sections[2].id.clone();
    let big: String = "Ferries 🚢 cross; שלום e\u{301} \u{200d}. ".repeat(150_000);
    assert!(big.len() > 5_000_000);
    type_into(&mut store, &review, 2, &big);
    let snap = store
        .snapshot_section(&section, SnapshotReason::Pause, None)
        .unwrap()
        .unwrap();
    assert_eq!(snap.body, big);
    type_into(&mut store, &review, 2, "short");
    let restored = store.restore_snapshot(&snap.info.id).unwrap();
    assert_eq!(restored.sections[2].body, big);
}
