use chrono::Duration;
use filmdesk_core::history::SnapshotReason;
use filmdesk_core::store::TRASH_DAYS;
use filmdesk_core::{now, ErrorCode, Store};

use crate::review_with_text;

#[test]
fn trash_hides_a_review_and_gives_it_back() {
    let mut store = Store::open_in_memory().unwrap();
    let review = review_with_text(&mut store);
    let other = review_with_text(&mut store);
    store.trash_review(&review.id).unwrap();

    let listed: Vec<String> = store
        .list_reviews()
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(listed, vec![other.id.clone()]);
    assert_eq!(
        store.get_review(&review.id).unwrap_err().code(),
        ErrorCode::NotFound
    );
    assert_eq!(
        store.trash_review(&review.id).unwrap_err().code(),
        ErrorCode::NotFound
    );
    // A trashed review's sections take no snapshots and cannot be saved over.
    let err = store
        .snapshot_section(&review.sections[0].id, SnapshotReason::Pause, None)
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
    assert_eq!(
        store.save_review(&review).unwrap_err().code(),
        ErrorCode::NotFound
    );

    let trash = store.list_trash().unwrap();
    assert_eq!(trash.len(), 1);
    assert_eq!(trash[0].review.id, review.id);
    assert_eq!(trash[0].review.film_title, "The Last Ferry");
    assert_eq!(
        trash[0].purge_after - trash[0].deleted_at,
        Duration::days(TRASH_DAYS)
    );

    let back = store.restore_from_trash(&review.id).unwrap();
    assert_eq!(back.sections, review.sections);
    assert!(store.list_trash().unwrap().is_empty());
    assert_eq!(store.list_reviews().unwrap().len(), 2);
    assert_eq!(
        store.restore_from_trash(&review.id).unwrap_err().code(),
        ErrorCode::NotFound
    );
}

#[test]
fn purge_deletes_only_what_has_been_in_the_trash_long_enough() {
    let mut store = Store::open_in_memory().unwrap();
    let old = review_with_text(&mut store);
    let section = old.sections[0].id.clone();
    store
        .snapshot_section(&section, SnapshotReason::Pause, None)
        .unwrap()
        .unwrap();
    store.trash_review(&old.id).unwrap();

    assert_eq!(
        store
            .purge_trash(TRASH_DAYS, now() + Duration::days(TRASH_DAYS - 1))
            .unwrap(),
        0
    );
    assert_eq!(store.list_trash().unwrap().len(), 1);

    let kept = review_with_text(&mut store);
    store.trash_review(&kept.id).unwrap();
    // A month and a day later, both are due.
    assert_eq!(
        store
            .purge_trash(TRASH_DAYS, now() + Duration::days(TRASH_DAYS + 1))
            .unwrap(),
        2
    );
    assert!(store.list_trash().unwrap().is_empty());
    assert_eq!(
        store.restore_from_trash(&old.id).unwrap_err().code(),
        ErrorCode::NotFound
    );
    assert!(
        store.list_snapshots(&section).unwrap().is_empty(),
        "history goes with the review"
    );
}
