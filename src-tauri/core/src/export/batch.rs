//! Batch export: many reviews into one folder, one at a time, so memory stays flat however
//! large the library; with progress and a cancel flag for long runs.

use std::collections::HashSet;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::write::{sync_batch, write_atomic_with};
use super::{relative_path_for_slug, render, slug, ExportOptions};
use crate::error::Result;
use crate::model::Review;

/// Where a batch is. Sent after each review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BatchProgress {
    pub done: u32,
    pub total: u32,
    /// The file just written, relative to the export folder.
    pub current: String,
}

/// What a batch did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BatchReport {
    pub written: u32,
    pub total: u32,
    /// The run stopped because the cancel flag was set; the files written stay.
    pub cancelled: bool,
}

/// Exports `reviews` (loaded lazily by the caller's iterator, `total` of them) into
/// `out_dir`, laid out for the preset. Each file is written atomically (a temporary file
/// renamed into place, see [`super::write_atomic`]) but not flushed to disk one by one: the
/// whole batch is flushed once when it ends, however it ends (done, cancelled, or stopped by
/// an error). An existing file stops the run with [`crate::Error::AlreadyExists`] unless
/// `force`. Two reviews that would share a file name get the second one's id prefix appended.
pub fn export_batch<I>(
    reviews: I,
    total: usize,
    options: &ExportOptions,
    out_dir: &Path,
    force: bool,
    cancel: &AtomicBool,
    on_progress: impl FnMut(&BatchProgress),
) -> Result<BatchReport>
where
    I: IntoIterator<Item = Result<Review>>,
{
    // Only the names used in this run (a few dozen bytes per review).
    let mut used = HashSet::new();
    let result = write_batch(
        reviews,
        total,
        options,
        out_dir,
        force,
        cancel,
        on_progress,
        &mut used,
    );
    if used.is_empty() {
        return result;
    }
    let synced = sync_batch(out_dir, used.iter().map(Path::new));
    // An error that stopped the run is the one to report; the files written before it are
    // flushed all the same.
    let report = result?;
    synced?;
    Ok(report)
}

#[allow(clippy::too_many_arguments)] // export_batch's, and the set it fills.
fn write_batch<I>(
    reviews: I,
    total: usize,
    options: &ExportOptions,
    out_dir: &Path,
    force: bool,
    cancel: &AtomicBool,
    mut on_progress: impl FnMut(&BatchProgress),
    used: &mut HashSet<String>,
) -> Result<BatchReport>
where
    I: IntoIterator<Item = Result<Review>>,
{
    let total = u32::try_from(total).unwrap_or(u32::MAX);
    let mut written = 0u32;
    for review in reviews {
        if cancel.load(Ordering::Relaxed) {
            return Ok(BatchReport {
                written,
                total,
                cancelled: true,
            });
        }
        let review = review?;
        let base = slug(&review);
        let mut relative = relative_path_for_slug(&review, options, &base);
        if used.contains(&relative) {
            let id: String = review
                .id
                .chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .collect();
            let suffix = &id[id.len().saturating_sub(8)..];
            relative = relative_path_for_slug(
                &review,
                options,
                &format!("{base}-{}", suffix.to_ascii_lowercase()),
            );
        }
        let contents = render(&review, options)?;
        write_atomic_with(&out_dir.join(&relative), contents.as_bytes(), force, false)?;
        written += 1;
        on_progress(&BatchProgress {
            done: written,
            total,
            current: relative.clone(),
        });
        used.insert(relative);
    }
    Ok(BatchReport {
        written,
        total,
        cancelled: false,
    })
}

/// Exports the reviews with `ids` (every review when `None`) from the store, loading one at a
/// time: what `filmdesk export --all` and the app's batch export run.
pub fn export_library(
    store: &crate::store::Store,
    ids: Option<Vec<String>>,
    options: &ExportOptions,
    out_dir: &Path,
    force: bool,
    cancel: &AtomicBool,
    on_progress: impl FnMut(&BatchProgress),
) -> Result<BatchReport> {
    let ids = match ids {
        Some(ids) => ids,
        None => store.review_ids()?,
    };
    export_batch(
        ids.iter().map(|id| store.get_review(id)),
        ids.len(),
        options,
        out_dir,
        force,
        cancel,
        on_progress,
    )
}
