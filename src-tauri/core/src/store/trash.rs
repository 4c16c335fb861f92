//! The trash: a deleted review keeps every word for 30 days (`reviews.deleted_at` is set;
//! every other query leaves it out), then `purge_trash` deletes it for good.

use chrono::Duration;
use rusqlite::params;

use super::reviews::{parse_time, summary_from_row};
use super::Store;
use crate::error::{Error, Result};
use crate::history::TrashedReview;
use crate::model::{now, Review, Timestamp};

/// How long a review stays in the trash before it is purged.
pub const TRASH_DAYS: i64 = 30;

impl Store {
    /// Moves a review to the trash.
    pub fn trash_review(&mut self, id: &str) -> Result<()> {
        let tx = self.conn.transaction()?;
        let changed = tx.execute(
            "UPDATE reviews SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
            params![id, now().to_rfc3339()],
        )?;
        if changed == 0 {
            return Err(Error::NotFound(format!("review {id}")));
        }
        tx.commit()?;
        Ok(())
    }

    /// The trash, most recently deleted first.
    pub fn list_trash(&self) -> Result<Vec<TrashedReview>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.id, f.title, f.year,
                    COALESCE((SELECT s.body FROM sections s
                              WHERE s.review_id = r.id AND s.role = 'headline'
                              ORDER BY s.position LIMIT 1), ''),
                    r.status, r.rating_scale, r.rating_step, r.word_count, r.updated_at,
                    r.deleted_at
             FROM reviews r JOIN films f ON f.id = r.film_id
             WHERE r.deleted_at IS NOT NULL",
        )?;
        let rows = stmt.query_map([], |row| {
            let deleted_at = parse_time(row, 9)?;
            Ok(TrashedReview {
                review: summary_from_row(row)?,
                deleted_at,
                purge_after: deleted_at + Duration::days(TRASH_DAYS),
            })
        })?;
        let mut trash: Vec<TrashedReview> = rows.collect::<rusqlite::Result<_>>()?;
        // Sorted here, not in SQL: RFC 3339 text with different offsets does not sort as time.
        trash.sort_by_key(|t| std::cmp::Reverse(t.deleted_at));
        Ok(trash)
    }

    /// Takes a review out of the trash and returns it.
    pub fn restore_from_trash(&mut self, id: &str) -> Result<Review> {
        let tx = self.conn.transaction()?;
        let changed = tx.execute(
            "UPDATE reviews SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL",
            [id],
        )?;
        if changed == 0 {
            return Err(Error::NotFound(format!("review {id} in the trash")));
        }
        tx.commit()?;
        self.get_review(id)
    }

    /// Deletes for good the reviews trashed more than `older_than_days` days before `at`;
    /// returns how many. Each review goes in its own transaction.
    pub fn purge_trash(&mut self, older_than_days: i64, at: Timestamp) -> Result<usize> {
        let cutoff = at - Duration::days(older_than_days);
        let due: Vec<String> = self
            .list_trash()?
            .into_iter()
            .filter(|t| t.deleted_at < cutoff)
            .map(|t| t.review.id)
            .collect();
        for id in &due {
            self.delete_review(id)?;
        }
        if !due.is_empty() {
            tracing::info!(count = due.len(), "purged reviews from the trash");
        }
        Ok(due.len())
    }
}
