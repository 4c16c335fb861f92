//! Full-text search over the index of migration 0006.

use std::collections::HashSet;

use rusqlite::OptionalExtension;

use super::Store;
use crate::error::Result;
use crate::search::{fts_query, snippet_parts, SearchHit, SearchKind, SearchResults};

/// How many documents the index is asked for; a review's sections and its film can each be a
/// document, so this is more than any group shows.
const DOCS_LIMIT: u32 = 400;

// The best documents first (bm25: a word in a headline or a film title counts most, then
// people, then body text), then what each is about. Ranking by FTS5's own `rank` column lets
// FTS5 sort the matches itself, so `snippet()` runs only for the documents kept: ordering by a
// `bm25()` column instead made SQLite build a snippet for every match before sorting (on a
// large library a common word matches tens of thousands of sections, and that took ~0.5 s).
// The CTE is materialised so SQLite ranks the matches before joining, whatever plan it would
// otherwise choose.
const SEARCH_SQL: &str = "
    WITH hits AS MATERIALIZED (
        SELECT rowid AS doc,
               rank AS score,
               snippet(search_fts, -1, char(2), char(3), '…', 14) AS snip
        FROM search_fts WHERE search_fts MATCH ?1 AND rank MATCH 'bm25(8.0, 4.0, 1.0)'
        ORDER BY rank LIMIT ?2)
    SELECT d.kind, d.ref_id, h.snip,
           d.review_id, s.title, s.role,
           v.watched_on, v.review_id,
           f.id, f.title, f.year
    FROM hits h
    JOIN search_docs d ON d.doc = h.doc
    LEFT JOIN sections s ON d.kind = 'section' AND s.id = d.ref_id
    LEFT JOIN reviews r ON r.id = d.review_id
    LEFT JOIN viewings v ON d.kind = 'viewing' AND v.id = d.ref_id
    LEFT JOIN films f ON f.id = CASE d.kind WHEN 'film' THEN d.ref_id
                                            WHEN 'viewing' THEN v.film_id
                                            ELSE r.film_id END
    ORDER BY h.score";

const HEADLINE_SQL: &str = "
    SELECT COALESCE((SELECT body FROM sections WHERE review_id = ?1 AND role = 'headline'
                     ORDER BY position LIMIT 1), '')";

const FILM_REVIEWS_SQL: &str = "
    SELECT id FROM reviews WHERE film_id = ?1 AND deleted_at IS NULL
    ORDER BY updated_at DESC, id DESC";

// A film shows up on its own when a live review or the log holds it (not for a review in the
// trash alone).
const FILM_SHOWN_SQL: &str = "
    SELECT EXISTS (SELECT 1 FROM reviews WHERE film_id = ?1 AND deleted_at IS NULL)
        OR EXISTS (SELECT 1 FROM viewings WHERE film_id = ?1)
        OR EXISTS (SELECT 1 FROM film_marks WHERE film_id = ?1)
        OR EXISTS (SELECT 1 FROM watchlist WHERE film_id = ?1)";

struct Doc {
    kind: String,
    ref_id: String,
    snippet: String,
    review_id: Option<String>,
    section_title: Option<String>,
    section_role: Option<String>,
    watched_on: Option<String>,
    viewing_review: Option<String>,
    film_id: Option<String>,
    film_title: Option<String>,
    film_year: Option<i32>,
}

impl Store {
    /// Searches reviews, films and viewings for what the critic typed (see
    /// [`fts_query`](crate::search::fts_query)); at most `limit` hits of each kind, best first.
    /// Words the index cannot search (only punctuation) give no results, never an error.
    pub fn search(&self, query: &str, limit: u32) -> Result<SearchResults> {
        let mut results = SearchResults::default();
        let Some(fts) = fts_query(query) else {
            return Ok(results);
        };
        let docs: Vec<Doc> = {
            let mut stmt = self.conn.prepare_cached(SEARCH_SQL)?;
            let rows = stmt.query_map(rusqlite::params![fts, DOCS_LIMIT], |row| {
                Ok(Doc {
                    kind: row.get(0)?,
                    ref_id: row.get(1)?,
                    snippet: row.get(2)?,
                    review_id: row.get(3)?,
                    section_title: row.get(4)?,
                    section_role: row.get(5)?,
                    watched_on: row.get(6)?,
                    viewing_review: row.get(7)?,
                    film_id: row.get(8)?,
                    film_title: row.get(9)?,
                    film_year: row.get(10)?,
                })
            })?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let limit = limit as usize;
        let mut seen_reviews: HashSet<String> = HashSet::new();
        for doc in docs {
            let Some(film_id) = doc.film_id.clone() else {
                continue;
            };
            let hit = |kind, id: String, review_id: Option<String>, field: String| SearchHit {
                kind,
                id,
                review_id,
                film_id: film_id.clone(),
                film_title: doc.film_title.clone().unwrap_or_default(),
                film_year: doc.film_year,
                headline: String::new(),
                watched_on: None,
                field,
                snippet: snippet_parts(&doc.snippet),
            };
            match doc.kind.as_str() {
                "section" => {
                    let Some(review_id) = doc.review_id.clone() else {
                        continue;
                    };
                    if results.reviews.len() >= limit || !seen_reviews.insert(review_id.clone()) {
                        continue;
                    }
                    let field = match doc.section_role.as_deref() {
                        Some("headline") => "Headline".to_string(),
                        _ => doc.section_title.clone().unwrap_or_default(),
                    };
                    let mut review = hit(
                        SearchKind::Review,
                        review_id.clone(),
                        Some(review_id),
                        field,
                    );
                    review.headline = self.headline(&review.id)?;
                    results.reviews.push(review);
                }
                "film" => {
                    let reviews = self.film_reviews(&film_id)?;
                    // The film's words also find its reviews: "Kiarostami" finds the review.
                    for review_id in &reviews {
                        if results.reviews.len() >= limit || !seen_reviews.insert(review_id.clone())
                        {
                            continue;
                        }
                        let mut review = hit(
                            SearchKind::Review,
                            review_id.clone(),
                            Some(review_id.clone()),
                            "Film".into(),
                        );
                        review.headline = self.headline(review_id)?;
                        results.reviews.push(review);
                    }
                    if results.films.len() < limit && self.film_shown(&film_id)? {
                        results.films.push(hit(
                            SearchKind::Film,
                            film_id.clone(),
                            reviews.first().cloned(),
                            "Film".into(),
                        ));
                    }
                }
                "viewing" => {
                    if results.viewings.len() >= limit {
                        continue;
                    }
                    let mut viewing = hit(
                        SearchKind::Viewing,
                        doc.ref_id.clone(),
                        doc.viewing_review.clone(),
                        "Viewing notes".into(),
                    );
                    viewing.watched_on = doc.watched_on.clone();
                    results.viewings.push(viewing);
                }
                _ => {}
            }
        }
        Ok(results)
    }

    fn headline(&self, review_id: &str) -> Result<String> {
        let mut stmt = self.conn.prepare_cached(HEADLINE_SQL)?;
        let text: String = stmt.query_row([review_id], |r| r.get(0))?;
        Ok(text.trim().to_string())
    }

    fn film_reviews(&self, film_id: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(FILM_REVIEWS_SQL)?;
        let rows = stmt.query_map([film_id], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn film_shown(&self, film_id: &str) -> Result<bool> {
        let mut stmt = self.conn.prepare_cached(FILM_SHOWN_SQL)?;
        Ok(stmt
            .query_row([film_id], |r| r.get(0))
            .optional()?
            .unwrap_or(false))
    }
}
