//! Section snapshots: taking them (never the same text twice in a row), listing them and
//! restoring one, undoably.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::reviews::{bad_value, parse_time};
use super::Store;
use crate::error::{Error, Result};
use crate::history::{Snapshot, SnapshotInfo, SnapshotReason};
use crate::model::{new_id, now, Review};
use crate::words::count_words;

/// Longest name a snapshot may be given, in characters.
const MAX_NAME_CHARS: usize = 200;

const INFO_COLUMNS: &str = "id, section_id, review_id, taken_at, word_count, name, reason";

impl Store {
    /// Snapshots the section's stored text. `None` when there was nothing to keep: the text is
    /// blank, or it is the same as the section's latest snapshot (a `name` then labels that
    /// snapshot, if it had none).
    pub fn snapshot_section(
        &mut self,
        section_id: &str,
        reason: SnapshotReason,
        name: Option<&str>,
    ) -> Result<Option<Snapshot>> {
        let name = clean_name(name)?;
        let tx = self.conn.transaction()?;
        let (review_id, body) = live_section(&tx, section_id)?;
        let taken = take_snapshot(&tx, section_id, &review_id, &body, reason, name.as_deref())?;
        tx.commit()?;
        Ok(taken)
    }

    /// Snapshots every section of a review in one transaction (when the critic switches to
    /// another review); returns the snapshots actually taken.
    pub fn snapshot_review(
        &mut self,
        review_id: &str,
        reason: SnapshotReason,
    ) -> Result<Vec<SnapshotInfo>> {
        let tx = self.conn.transaction()?;
        let sections: Vec<(String, String)> = {
            let mut stmt = tx.prepare_cached(
                "SELECT s.id, s.body FROM sections s JOIN reviews r ON r.id = s.review_id
                 WHERE r.id = ?1 AND r.deleted_at IS NULL ORDER BY s.position",
            )?;
            let rows = stmt.query_map([review_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        if sections.is_empty() {
            ensure_live_review(&tx, review_id)?;
        }
        let mut taken = Vec::new();
        for (section_id, body) in sections {
            if let Some(snapshot) = take_snapshot(&tx, &section_id, review_id, &body, reason, None)?
            {
                taken.push(snapshot.info);
            }
        }
        tx.commit()?;
        Ok(taken)
    }

    /// A section's history, newest first.
    pub fn list_snapshots(&self, section_id: &str) -> Result<Vec<SnapshotInfo>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {INFO_COLUMNS} FROM section_snapshots WHERE section_id = ?1
             ORDER BY rowid DESC"
        ))?;
        let rows = stmt.query_map([section_id], read_info)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn get_snapshot(&self, id: &str) -> Result<Snapshot> {
        self.conn
            .query_row(
                &format!("SELECT {INFO_COLUMNS}, body FROM section_snapshots WHERE id = ?1"),
                [id],
                |row| {
                    Ok(Snapshot {
                        info: read_info(row)?,
                        body: row.get(7)?,
                    })
                },
            )
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("snapshot {id}")))
    }

    /// The section's text as stored now (what a snapshot is compared with).
    pub fn section_body(&self, section_id: &str) -> Result<String> {
        Ok(live_section(&self.conn, section_id)?.1)
    }

    /// Puts a snapshot's text back into its section. The section's current text is
    /// snapshotted first (reason `restore`), in the same transaction, so the restore itself
    /// can be undone from the history. Returns the review as stored.
    pub fn restore_snapshot(&mut self, snapshot_id: &str) -> Result<Review> {
        let snapshot = self.get_snapshot(snapshot_id)?;
        let section_id = &snapshot.info.section_id;
        let tx = self.conn.transaction()?;
        let (review_id, current) = live_section(&tx, section_id).map_err(|err| match err {
            Error::NotFound(_) => Error::NotFound(format!(
                "the section of snapshot {snapshot_id} (it was removed from its review, or the \
                 review is in the trash)"
            )),
            other => other,
        })?;
        take_snapshot(
            &tx,
            section_id,
            &review_id,
            &current,
            SnapshotReason::Restore,
            None,
        )?;
        tx.execute(
            "UPDATE sections SET body = ?2 WHERE id = ?1",
            params![section_id, snapshot.body],
        )?;
        let words: i64 = {
            let mut stmt = tx.prepare_cached("SELECT body FROM sections WHERE review_id = ?1")?;
            let bodies = stmt.query_map([&review_id], |r| r.get::<_, String>(0))?;
            let mut total = 0;
            for body in bodies {
                total += count_words(&body?) as i64;
            }
            total
        };
        tx.execute(
            "UPDATE reviews SET word_count = ?2, updated_at = ?3 WHERE id = ?1",
            params![review_id, words, now().to_rfc3339()],
        )?;
        tx.commit()?;
        self.get_review(&review_id)
    }
}

fn clean_name(name: Option<&str>) -> Result<Option<String>> {
    let Some(name) = name.map(str::trim).filter(|n| !n.is_empty()) else {
        return Ok(None);
    };
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(Error::invalid(format!(
            "a snapshot's name can be at most {MAX_NAME_CHARS} characters"
        )));
    }
    Ok(Some(name.to_string()))
}

/// The review and text of a section whose review is not in the trash.
fn live_section(conn: &Connection, section_id: &str) -> Result<(String, String)> {
    conn.query_row(
        "SELECT s.review_id, s.body FROM sections s JOIN reviews r ON r.id = s.review_id
         WHERE s.id = ?1 AND r.deleted_at IS NULL",
        [section_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("section {section_id}")))
}

fn ensure_live_review(conn: &Connection, review_id: &str) -> Result<()> {
    conn.query_row(
        "SELECT 1 FROM reviews WHERE id = ?1 AND deleted_at IS NULL",
        [review_id],
        |_| Ok(()),
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("review {review_id}")))
}

fn take_snapshot(
    conn: &Connection,
    section_id: &str,
    review_id: &str,
    body: &str,
    reason: SnapshotReason,
    name: Option<&str>,
) -> Result<Option<Snapshot>> {
    if body.trim().is_empty() {
        return Ok(None);
    }
    let latest: Option<(String, String, Option<String>)> = conn
        .prepare_cached(
            "SELECT id, body, name FROM section_snapshots WHERE section_id = ?1
             ORDER BY rowid DESC LIMIT 1",
        )?
        .query_row([section_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    if let Some((latest_id, latest_body, latest_name)) = latest {
        if latest_body == body {
            if let (Some(name), None) = (name, latest_name) {
                conn.execute(
                    "UPDATE section_snapshots SET name = ?2 WHERE id = ?1",
                    params![latest_id, name],
                )?;
            }
            return Ok(None);
        }
    }
    let info = SnapshotInfo {
        id: new_id(),
        section_id: section_id.to_string(),
        review_id: review_id.to_string(),
        taken_at: now(),
        word_count: count_words(body) as u32,
        name: name.map(str::to_string),
        reason,
    };
    conn.execute(
        "INSERT INTO section_snapshots
             (id, section_id, review_id, taken_at, body, word_count, name, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            info.id,
            info.section_id,
            info.review_id,
            info.taken_at.to_rfc3339(),
            body,
            info.word_count,
            info.name,
            info.reason.as_str(),
        ],
    )?;
    Ok(Some(Snapshot {
        info,
        body: body.to_string(),
    }))
}

fn read_info(row: &Row<'_>) -> rusqlite::Result<SnapshotInfo> {
    let reason: String = row.get(6)?;
    Ok(SnapshotInfo {
        id: row.get(0)?,
        section_id: row.get(1)?,
        review_id: row.get(2)?,
        taken_at: parse_time(row, 3)?,
        word_count: row.get(4)?,
        name: row.get(5)?,
        reason: SnapshotReason::parse(&reason).ok_or_else(|| bad_value(6, &reason))?,
    })
}
