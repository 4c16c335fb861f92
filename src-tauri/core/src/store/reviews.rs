//! Reviews, their sections and their film, in and out of SQLite.

use std::collections::HashSet;

use rusqlite::{params, OptionalExtension, Row, Transaction};

use super::{from_json, to_json, Store};
use crate::error::{Error, Result};
use crate::model::{
    new_id, now, CastMember, FilmFacts, Review, ReviewSummary, Section, SectionRole, Status,
    Timestamp,
};
use crate::rating::{Rating, RatingScale};
use crate::settings::Settings;
use crate::templates::{sections_for, TemplateId};

const SUMMARY_SQL: &str = "
    SELECT r.id, f.title, f.year,
           COALESCE((SELECT s.body FROM sections s
                     WHERE s.review_id = r.id AND s.role = 'headline'
                     ORDER BY s.position LIMIT 1), ''),
           r.status, r.rating_scale, r.rating_step, r.word_count, r.updated_at
    FROM reviews r JOIN films f ON f.id = r.film_id
    WHERE r.deleted_at IS NULL";

/// The list's order: most recently edited first, ties by id so that every review has one place.
const SUMMARY_ORDER: &str = " ORDER BY r.updated_at DESC, r.id DESC";

/// The list's first `?1` reviews.
fn first_page_sql() -> String {
    format!("{SUMMARY_SQL}{SUMMARY_ORDER} LIMIT ?1")
}

/// The `?3` reviews after the one at place `?1` (its `updated_at`) with id `?2`.
fn page_after_sql() -> String {
    format!("{SUMMARY_SQL} AND (r.updated_at, r.id) < (?1, ?2){SUMMARY_ORDER} LIMIT ?3")
}

impl Store {
    /// The library, most recently edited first.
    pub fn list_reviews(&self) -> Result<Vec<ReviewSummary>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{SUMMARY_SQL}{SUMMARY_ORDER}"))?;
        let rows = stmt.query_map([], summary_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A page of the list: the `limit` reviews that follow review `after` in the list's order,
    /// or its first `limit` without `after`. The app loads a large library in pages (its first
    /// screen first): ten thousand summaries in one answer left WebKit's web process holding
    /// about 7 MiB of freed buffers. The page is found from `after`'s place (its `updated_at`
    /// and id), not an offset, so a page costs the same wherever it starts.
    ///
    /// `after` must be a review of the library (trashed or not): `NotFound` otherwise.
    pub fn review_page(&self, after: Option<&str>, limit: u32) -> Result<Vec<ReviewSummary>> {
        let Some(after) = after else {
            let mut stmt = self.conn.prepare_cached(&first_page_sql())?;
            let rows = stmt.query_map([limit], summary_from_row)?;
            return Ok(rows.collect::<rusqlite::Result<_>>()?);
        };
        let place: Option<String> = self
            .conn
            .prepare_cached("SELECT updated_at FROM reviews WHERE id = ?1")?
            .query_row([after], |row| row.get(0))
            .optional()?;
        let place = place.ok_or_else(|| Error::NotFound(format!("review {after}")))?;
        let mut stmt = self.conn.prepare_cached(&page_after_sql())?;
        let rows = stmt.query_map(params![place, after, limit], summary_from_row)?;
        let page: Vec<ReviewSummary> = rows.collect::<rusqlite::Result<_>>()?;
        drop(stmt);
        if page.len() < limit as usize {
            // The list's end: the app reads the rest of a large library once, at start-up, and
            // its pages would otherwise stay in the page cache for good (about 6 MiB for 10,000
            // reviews). What search needs comes back on its first queries.
            self.conn.execute_batch("PRAGMA shrink_memory")?;
        }
        Ok(page)
    }

    /// A new, empty review from a template, with the critic's defaults filled in.
    pub fn create_review(&mut self, template: TemplateId, settings: &Settings) -> Result<Review> {
        let created = now();
        let review = Review {
            id: new_id(),
            film: FilmFacts::default(),
            sections: sections_for(template),
            rating: Rating::unrated(settings.default_scale),
            byline: settings.author_name.clone(),
            publication: settings.publication.clone(),
            tags: Vec::new(),
            links: Vec::new(),
            embargo: None,
            status: Status::Draft,
            created_at: created,
            updated_at: created,
            published_at: None,
            lang: None,
        };
        self.insert_review(&review)?;
        Ok(review)
    }

    /// Adds a complete review as it is (used by the sample review and by imports).
    pub fn insert_review(&mut self, review: &Review) -> Result<()> {
        validate(review)?;
        let tx = self.conn.transaction()?;
        let exists: bool = tx
            .query_row("SELECT 1 FROM reviews WHERE id = ?1", [&review.id], |_| {
                Ok(true)
            })
            .optional()?
            .unwrap_or(false);
        if exists {
            return Err(Error::AlreadyExists(format!("review {}", review.id)));
        }
        let film_id = new_id();
        tx.execute("INSERT INTO films (id) VALUES (?1)", [&film_id])?;
        tx.execute(
            "INSERT INTO reviews (id, film_id, rating_scale, status, created_at, updated_at)
             VALUES (?1, ?2, ?3, 'draft', ?4, ?4)",
            params![
                review.id,
                film_id,
                review.rating.scale.as_str(),
                review.created_at.to_rfc3339()
            ],
        )?;
        write_review(&tx, review, review.updated_at)?;
        tx.commit()?;
        Ok(())
    }

    pub fn get_review(&self, id: &str) -> Result<Review> {
        let mut review = self
            .conn
            .query_row(
                "SELECT r.id, r.rating_scale, r.rating_step, r.byline, r.publication, r.tags,
                        r.links, r.embargo, r.status, r.created_at, r.updated_at, r.published_at,
                        f.title, f.original_title, f.year, f.runtime_minutes, f.directors,
                        f.genres, f.countries, f.languages, f.where_to_watch, f.imdb_id, f.id
                 FROM reviews r JOIN films f ON f.id = r.film_id
                 WHERE r.id = ?1 AND r.deleted_at IS NULL",
                [id],
                |row| {
                    let film_id: String = row.get(22)?;
                    Ok((
                        film_id,
                        Review {
                            id: row.get(0)?,
                            rating: Rating {
                                scale: parse_scale(row, 1)?,
                                step: row.get(2)?,
                            },
                            byline: row.get(3)?,
                            publication: row.get(4)?,
                            tags: from_json(&row.get::<_, String>(5)?)?,
                            links: from_json(&row.get::<_, String>(6)?)?,
                            embargo: parse_optional_time(row, 7)?,
                            status: parse_status(row, 8)?,
                            created_at: parse_time(row, 9)?,
                            updated_at: parse_time(row, 10)?,
                            published_at: parse_optional_time(row, 11)?,
                            lang: None,
                            film: film_facts_from_row(row, 12)?,
                            sections: Vec::new(),
                        },
                    ))
                },
            )
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("review {id}")))?;
        let (film_id, r) = &mut review;
        let mut cast = self.conn.prepare_cached(
            "SELECT actor, character FROM film_cast WHERE film_id = ?1 ORDER BY position",
        )?;
        r.film.cast = cast
            .query_map([&*film_id], |row| {
                Ok(CastMember {
                    actor: row.get(0)?,
                    character: row.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut sections = self.conn.prepare_cached(
            "SELECT id, title, role, body, word_target, spoiler
             FROM sections WHERE review_id = ?1 ORDER BY position",
        )?;
        r.sections = sections
            .query_map([id], |row| {
                let role: String = row.get(2)?;
                Ok(Section {
                    id: row.get(0)?,
                    title: row.get(1)?,
                    role: SectionRole::parse(&role).ok_or_else(|| bad_value(2, &role))?,
                    body: row.get(3)?,
                    word_target: row.get(4)?,
                    spoiler: row.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        r.lang = self
            .conn
            .query_row(
                "SELECT value FROM settings WHERE key = ?1",
                [lang_key(id)],
                |row| row.get::<_, String>(0),
            )
            .optional()?
            .map(|text| from_json(&text))
            .transpose()?;
        Ok(review.1)
    }

    /// Writes the whole review in one transaction and returns it as stored (with its new
    /// `updated_at`). Sections missing from `review` are deleted; order is as given.
    pub fn save_review(&mut self, review: &Review) -> Result<Review> {
        validate(review)?;
        let updated_at = now();
        let tx = self.conn.transaction()?;
        let live: bool = tx
            .query_row(
                "SELECT 1 FROM reviews WHERE id = ?1 AND deleted_at IS NULL",
                [&review.id],
                |_| Ok(true),
            )
            .optional()?
            .unwrap_or(false);
        if !live {
            return Err(Error::NotFound(format!("review {}", review.id)));
        }
        write_review(&tx, review, updated_at)?;
        tx.commit()?;
        let mut saved = review.clone();
        saved.updated_at = updated_at;
        if saved.status == Status::Published && saved.published_at.is_none() {
            saved.published_at = Some(updated_at);
        }
        Ok(saved)
    }

    /// Removes a review for good, with its sections and its film.
    pub fn delete_review(&mut self, id: &str) -> Result<()> {
        let tx = self.conn.transaction()?;
        let film_id: Option<String> = tx
            .query_row("SELECT film_id FROM reviews WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?;
        let film_id = film_id.ok_or_else(|| Error::NotFound(format!("review {id}")))?;
        tx.execute("DELETE FROM reviews WHERE id = ?1", [id])?;
        tx.execute("DELETE FROM settings WHERE key = ?1", [lang_key(id)])?;
        tx.execute(
            "DELETE FROM films WHERE id = ?1
             AND NOT EXISTS (SELECT 1 FROM reviews WHERE film_id = ?1)",
            [&film_id],
        )?;
        tx.commit()?;
        Ok(())
    }
}

fn validate(review: &Review) -> Result<()> {
    if review.id.trim().is_empty() {
        return Err(Error::invalid("a review needs an id"));
    }
    review.rating.validate()?;
    if let Some(lang) = review
        .lang
        .as_deref()
        .filter(|l| !crate::checks::valid_lang(l))
    {
        return Err(Error::invalid(format!(
            "{lang:?} is not a dictionary name (such as en_US or en_GB)"
        )));
    }
    if let Some(year) = review.film.year {
        if !(1870..=2200).contains(&year) {
            return Err(Error::invalid(format!(
                "film year {year} is not a year a film could be from (1870 to 2200)"
            )));
        }
    }
    let mut ids = HashSet::new();
    for section in &review.sections {
        if section.id.trim().is_empty() {
            return Err(Error::invalid("a section needs an id"));
        }
        if !ids.insert(section.id.as_str()) {
            return Err(Error::invalid(format!(
                "section id {} appears twice in the review",
                section.id
            )));
        }
    }
    Ok(())
}

/// Where a review's dictionary language is kept: a row of the key-value settings table, so
/// that the per-review setting needed no schema change (a review without a row follows the
/// default in the settings).
fn lang_key(review_id: &str) -> String {
    format!("review_lang:{review_id}")
}

/// Writes every column of the review, its film, cast and sections (the rows exist already).
fn write_review(tx: &Transaction<'_>, review: &Review, updated_at: Timestamp) -> Result<()> {
    match &review.lang {
        Some(lang) => tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![lang_key(&review.id), to_json(lang)?],
        )?,
        None => tx.execute(
            "DELETE FROM settings WHERE key = ?1",
            [lang_key(&review.id)],
        )?,
    };
    let film_id: String = tx.query_row(
        "SELECT film_id FROM reviews WHERE id = ?1",
        [&review.id],
        |r| r.get(0),
    )?;
    let film = &review.film;
    tx.execute(
        "UPDATE films SET title = ?2, original_title = ?3, year = ?4, runtime_minutes = ?5,
                directors = ?6, genres = ?7, countries = ?8, languages = ?9,
                where_to_watch = ?10, imdb_id = ?11
         WHERE id = ?1",
        params![
            film_id,
            film.title,
            film.original_title,
            film.year,
            film.runtime_minutes,
            to_json(&film.directors)?,
            to_json(&film.genres)?,
            to_json(&film.countries)?,
            to_json(&film.languages)?,
            film.where_to_watch,
            film.imdb_id,
        ],
    )?;
    tx.execute("DELETE FROM film_cast WHERE film_id = ?1", [&film_id])?;
    {
        let mut insert = tx.prepare_cached(
            "INSERT INTO film_cast (film_id, position, actor, character) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (position, member) in film.cast.iter().enumerate() {
            insert.execute(params![
                film_id,
                position as i64,
                member.actor,
                member.character
            ])?;
        }
    }
    let published_at = match (review.status, review.published_at) {
        (Status::Published, None) => Some(updated_at),
        (_, at) => at,
    };
    tx.execute(
        "UPDATE reviews SET rating_scale = ?2, rating_step = ?3, rating_canonical = ?4,
                byline = ?5, publication = ?6, tags = ?7, links = ?8, embargo = ?9, status = ?10,
                word_count = ?11, updated_at = ?12, published_at = ?13
         WHERE id = ?1",
        params![
            review.id,
            review.rating.scale.as_str(),
            review.rating.step,
            review.rating.canonical(),
            review.byline,
            review.publication,
            to_json(&review.tags)?,
            to_json(&review.links)?,
            review.embargo.map(|t| t.to_rfc3339()),
            review.status.as_str(),
            review.word_count() as i64,
            updated_at.to_rfc3339(),
            published_at.map(|t| t.to_rfc3339()),
        ],
    )?;
    // Sections: delete the ones no longer present, then upsert the rest in order.
    let keep: Vec<&str> = review.sections.iter().map(|s| s.id.as_str()).collect();
    let existing: Vec<String> = {
        let mut stmt = tx.prepare_cached("SELECT id FROM sections WHERE review_id = ?1")?;
        let rows = stmt.query_map([&review.id], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for id in existing.iter().filter(|id| !keep.contains(&id.as_str())) {
        tx.execute("DELETE FROM sections WHERE id = ?1", [id])?;
    }
    let mut upsert = tx.prepare_cached(
        "INSERT INTO sections (id, review_id, position, title, role, body, word_target, spoiler)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT(id) DO UPDATE SET position = excluded.position, title = excluded.title,
             role = excluded.role, body = excluded.body, word_target = excluded.word_target,
             spoiler = excluded.spoiler
         WHERE sections.review_id = excluded.review_id",
    )?;
    for (position, section) in review.sections.iter().enumerate() {
        let changed = upsert.execute(params![
            section.id,
            review.id,
            position as i64,
            section.title,
            section.role.as_str(),
            section.body,
            section.word_target,
            section.spoiler,
        ])?;
        if changed == 0 {
            return Err(Error::invalid(format!(
                "section {} belongs to another review",
                section.id
            )));
        }
    }
    Ok(())
}

/// The film's facts from ten columns starting at `first`, in the films table's order: title,
/// original_title, year, runtime_minutes, directors, genres, countries, languages (JSON lists),
/// where_to_watch, imdb_id. The cast lives in its own table and is left empty here.
pub(super) fn film_facts_from_row(row: &Row<'_>, first: usize) -> rusqlite::Result<FilmFacts> {
    let list = |i: usize| -> rusqlite::Result<Vec<String>> {
        from_json(&row.get::<_, String>(first + i)?)
    };
    Ok(FilmFacts {
        title: row.get(first)?,
        original_title: row.get(first + 1)?,
        year: row.get(first + 2)?,
        runtime_minutes: row.get(first + 3)?,
        directors: list(4)?,
        genres: list(5)?,
        countries: list(6)?,
        languages: list(7)?,
        where_to_watch: row.get(first + 8)?,
        imdb_id: row.get(first + 9)?,
        cast: Vec::new(),
    })
}

/// A library line from the first nine columns of `SUMMARY_SQL`'s shape: id, film title, year,
/// headline, status, rating scale, rating step, word count, updated at.
pub(super) fn summary_from_row(row: &Row<'_>) -> rusqlite::Result<ReviewSummary> {
    Ok(ReviewSummary {
        id: row.get(0)?,
        film_title: row.get(1)?,
        film_year: row.get(2)?,
        headline: row.get::<_, String>(3)?.trim().to_string(),
        status: parse_status(row, 4)?,
        rating: Rating {
            scale: parse_scale(row, 5)?,
            step: row.get(6)?,
        },
        word_count: row.get(7)?,
        updated_at: parse_time(row, 8)?,
    })
}

pub(super) fn bad_value(column: usize, value: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        column,
        rusqlite::types::Type::Text,
        format!("unexpected value {value:?}").into(),
    )
}

pub(super) fn parse_status(row: &Row<'_>, column: usize) -> rusqlite::Result<Status> {
    let text: String = row.get(column)?;
    Status::parse(&text).ok_or_else(|| bad_value(column, &text))
}

pub(super) fn parse_scale(row: &Row<'_>, column: usize) -> rusqlite::Result<RatingScale> {
    let text: String = row.get(column)?;
    RatingScale::parse(&text).ok_or_else(|| bad_value(column, &text))
}

pub(super) fn parse_time(row: &Row<'_>, column: usize) -> rusqlite::Result<Timestamp> {
    let text: String = row.get(column)?;
    chrono::DateTime::parse_from_rfc3339(&text).map_err(|_| bad_value(column, &text))
}

fn parse_optional_time(row: &Row<'_>, column: usize) -> rusqlite::Result<Option<Timestamp>> {
    let text: Option<String> = row.get(column)?;
    text.map(|t| chrono::DateTime::parse_from_rfc3339(&t).map_err(|_| bad_value(column, &t)))
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::{first_page_sql, page_after_sql, Store};
    use rusqlite::params;

    /// What SQLite plans for `sql` with `params`, one step a line.
    fn plan(store: &Store, sql: &str, params: impl rusqlite::Params) -> String {
        let mut stmt = store
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap();
        let steps: Vec<String> = stmt
            .query_map(params, |r| r.get(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        steps.join("\n")
    }

    #[test]
    fn a_page_of_the_list_reads_indexes_in_order_and_no_section_text() {
        let store = Store::open_in_memory().unwrap();
        for plan in [
            plan(&store, &first_page_sql(), params![100]),
            plan(&store, &page_after_sql(), params!["2026-01-01", "x", 100]),
        ] {
            // The list's order straight from an index: no sort of the whole library per page.
            assert!(plan.contains(" r USING INDEX reviews_list"), "{plan}");
            assert!(!plan.contains("TEMP B-TREE"), "{plan}");
            // Headlines from their own index, not from the pages that hold the sections' text.
            assert!(
                plan.contains("USING COVERING INDEX sections_headline"),
                "{plan}"
            );
        }
    }
}
