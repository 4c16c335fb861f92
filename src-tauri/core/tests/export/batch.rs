//! Batch export into a folder laid out for the site generator.

use std::sync::atomic::{AtomicBool, Ordering};

use filmdesk_core::export::samples::full_review;
use filmdesk_core::export::{export_batch, ExportFormat, ExportOptions, Preset};
use filmdesk_core::rating::RatingScale;
use filmdesk_core::{ErrorCode, Store};

fn library() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    for (i, scale) in RatingScale::ALL.into_iter().enumerate() {
        let mut review = full_review(scale);
        review.id = format!("review-{i}");
        for s in &mut review.sections {
            s.id = format!("{}-{i}", s.id);
        }
        // Two reviews of one film with one headline: same slug.
        if i < 3 {
            review.film.title = format!("Film {i}");
            review.sections[0].body = format!("Film {i} review: number {i}");
        }
        store.insert_review(&review).unwrap();
    }
    store
}

fn run(
    store: &Store,
    options: &ExportOptions,
    out: &std::path::Path,
    force: bool,
    cancel: &AtomicBool,
) -> filmdesk_core::Result<(filmdesk_core::export::BatchReport, Vec<String>)> {
    let ids = store.review_ids()?;
    let mut seen = Vec::new();
    let report = export_batch(
        ids.iter().map(|id| store.get_review(id)),
        ids.len(),
        options,
        out,
        force,
        cancel,
        |p| seen.push(format!("{}/{} {}", p.done, p.total, p.current)),
    )?;
    Ok((report, seen))
}

#[test]
fn hugo_layout_with_progress_and_no_silent_overwrite() {
    let store = library();
    let dir = tempfile::tempdir().unwrap();
    let options = ExportOptions::new(ExportFormat::Markdown, Preset::Hugo);
    let cancel = AtomicBool::new(false);
    let (report, progress) = run(&store, &options, dir.path(), false, &cancel).unwrap();
    assert_eq!(report.written, 5);
    assert!(!report.cancelled);
    assert_eq!(progress.len(), 5);
    assert!(
        progress[4].starts_with("5/5 content/reviews/"),
        "{progress:?}"
    );
    let mut files: Vec<String> = std::fs::read_dir(dir.path().join("content/reviews"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    assert_eq!(files.len(), 5, "{files:?}");
    assert!(
        files.contains(&"ciceks-garden-2024-review-a-garden-grows-slowly-surely.md".to_string())
    );
    // The two with one slug: the second gets its id's end appended.
    assert!(
        files.iter().any(|f| f.ends_with("-review4.md")),
        "{files:?}"
    );
    // Again: refused, nothing overwritten.
    let err = run(&store, &options, dir.path(), false, &cancel).unwrap_err();
    assert_eq!(err.code(), ErrorCode::AlreadyExists);
    let (report, _) = run(&store, &options, dir.path(), true, &cancel).unwrap();
    assert_eq!(report.written, 5);
}

#[test]
fn jekyll_and_astro_layouts_and_cancel() {
    let store = library();
    let dir = tempfile::tempdir().unwrap();
    let cancel = AtomicBool::new(false);
    let (report, progress) = run(
        &store,
        &ExportOptions::new(ExportFormat::Markdown, Preset::Jekyll),
        dir.path(),
        false,
        &cancel,
    )
    .unwrap();
    assert_eq!(report.written, 5);
    assert!(
        progress[0].contains(" _posts/2024-02-14-film-0-review-number-0.md"),
        "{progress:?}"
    );
    let (_, progress) = run(
        &store,
        &ExportOptions::new(ExportFormat::Markdown, Preset::Astro),
        dir.path(),
        false,
        &cancel,
    )
    .unwrap();
    assert!(
        progress[0].contains(" src/content/reviews/film-0-review-number-0.md"),
        "{progress:?}"
    );

    // Cancelling after the second review stops the run; the files written stay.
    let ids = store.review_ids().unwrap();
    let html = ExportOptions::new(ExportFormat::Html, Preset::None);
    let report = export_batch(
        ids.iter().map(|id| store.get_review(id)),
        ids.len(),
        &html,
        &dir.path().join("html"),
        false,
        &cancel,
        |p| {
            if p.done == 2 {
                cancel.store(true, Ordering::Relaxed);
            }
        },
    )
    .unwrap();
    assert!(report.cancelled);
    assert_eq!(report.written, 2);
    assert_eq!(
        std::fs::read_dir(dir.path().join("html")).unwrap().count(),
        2
    );
}
