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
    let mut writer = BatchWriter {
        options,
        out_dir,
        force,
        cancel,
        used: HashSet::new(),
    };
    let result = writer.write_all(reviews, total, on_progress);
    if writer.used.is_empty() {
        return result;
    }
    let synced = sync_batch(out_dir, writer.used.iter().map(Path::new));
    // An error that stopped the run is the one to report; the files written before it are
    // flushed all the same.
    let report = result?;
    synced?;
    Ok(report)
}

/// One batch run: its settings, and the file names written so far (a few dozen bytes per
/// review), which both avoid name clashes and say what to flush at the end.
struct BatchWriter<'a> {
    options: &'a ExportOptions,
    out_dir: &'a Path,
    force: bool,
    cancel: &'a AtomicBool,
    used: HashSet<String>,
}

impl BatchWriter<'_> {
    fn write_all<I>(
        &mut self,
        reviews: I,
        total: usize,
        mut on_progress: impl FnMut(&BatchProgress),
    ) -> Result<BatchReport>
    where
        I: IntoIterator<Item = Result<Review>>,
    {
        let total = u32::try_from(total).unwrap_or(u32::MAX);
        let mut written = 0u32;
        for review in reviews {
            if self.cancel.load(Ordering::Relaxed) {
                return Ok(BatchReport {
                    written,
                    total,
                    cancelled: true,
                });
            }
            let review = review?;
            let relative = self.file_name_for(&review);
            let contents = render(&review, self.options)?;
            write_atomic_with(
                &self.out_dir.join(&relative),
                contents.as_bytes(),
                self.force,
                false,
            )?;
            written += 1;
            on_progress(&BatchProgress {
                done: written,
                total,
                current: relative.clone(),
            });
            self.used.insert(relative);
        }
        Ok(BatchReport {
            written,
            total,
            cancelled: false,
        })
    }

    /// The review's path in the folder; a name already used in this run gets the review id's
    /// last eight characters appended.
    fn file_name_for(&self, review: &Review) -> String {
        let base = slug(review);
        let relative = relative_path_for_slug(review, self.options, &base);
        if !self.used.contains(&relative) {
            return relative;
        }
        let id: String = review
            .id
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect();
        let suffix = &id[id.len().saturating_sub(8)..];
        relative_path_for_slug(
            review,
            self.options,
            &format!("{base}-{}", suffix.to_ascii_lowercase()),
        )
    }
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
