//! Full-text search over the index of migration 0006.

use std::collections::{HashMap, HashSet};

use rusqlite::OptionalExtension;

use super::Store;
use crate::error::Result;
use crate::search::{fts_query, snippet_parts, SearchHit, SearchKind, SearchResults};

/// At most this many matching documents of each kind (sections, films, viewings) are ranked
/// per query. bm25 costs tens of microseconds a match with prefix terms (each match's
/// positions and column sizes are read), so a word in every review (e.g. "the", or a short
/// prefix) took a quarter of a second to rank on a 10,000-review library, and a common
/// two-word query tens of milliseconds. Beyond the cap the newest matches of each kind are
/// ranked (rowids follow creation), and the best headline, title and people matches besides
/// (up to the cap again), so what counts most is not left out.
const CANDIDATES: usize = 250;

// Every match, newest first: walking a doclist costs about a microsecond a match, against
// tens for ranking one. Read until each kind has CANDIDATES (the kinds from DocKinds: joining
// search_docs here cost a B-tree lookup a match, a third of a two-word query's time).
const WALK_SQL: &str = "
    SELECT rowid FROM search_fts WHERE search_fts MATCH ?1 ORDER BY rowid DESC";

// The documents from rowid ?1 on, for DocKinds.
const DOC_KINDS_SQL: &str = "SELECT doc, kind FROM search_docs WHERE doc >= ?1";

// The candidates (a JSON list of rowids, from ?2 to ?3) ranked, best first (bm25: a word in
// a headline or a film title counts most, then people, then body text). bm25() is computed
// only for the rows that pass the list (the `+` keeps SQLite from turning the list into one
// FTS5 lookup per rowid), then SQLite sorts them. No snippet here: SNIPPETS_SQL makes them
// for the hits kept.
const CANDIDATES_SQL: &str = "
    SELECT search_fts.rowid, bm25(search_fts, 8.0, 4.0, 1.0) AS score,
           d.kind, d.ref_id, d.review_id
    FROM search_fts JOIN search_docs d ON d.doc = search_fts.rowid
    WHERE search_fts MATCH ?1 AND search_fts.rowid BETWEEN ?2 AND ?3
      AND +search_fts.rowid IN (SELECT value FROM json_each(?4))
    ORDER BY score";

// The rowid of the CANDIDATES-th newest headline, title or people match (?1 has the column
// filter), or none when fewer match.
const THRESHOLD_SQL: &str = "
    SELECT rowid FROM search_fts WHERE search_fts MATCH ?1
    ORDER BY rowid DESC LIMIT 1 OFFSET ?2";

// The best headline, title and people matches, from rowid ?2 on, as CANDIDATES_SQL ranks
// (FTS5 ranks them itself, its `rank` column, within the rowid bound).
const RANKED_SQL: &str = "
    SELECT search_fts.rowid, search_fts.rank, d.kind, d.ref_id, d.review_id
    FROM search_fts JOIN search_docs d ON d.doc = search_fts.rowid
    WHERE search_fts MATCH ?1 AND search_fts.rowid >= ?2
      AND search_fts.rank MATCH 'bm25(8.0, 4.0, 1.0)'
    ORDER BY search_fts.rank LIMIT ?3";

// The snippets of the hits kept, in one pass over the matches: a query's every run pays for
// setting up its prefix terms (a few ms for common ones), so not one run per hit. Only the
// rows that pass the rowid list get a snippet; the `+` keeps SQLite from turning the list into
// one FTS5 lookup per rowid; the bounds (the lowest and highest of them) let FTS5 skip the
// matches outside.
const SNIPPETS_SQL: &str = "
    SELECT rowid, snippet(search_fts, -1, char(2), char(3), '…', 14)
    FROM search_fts
    WHERE search_fts MATCH ?1 AND rowid BETWEEN ?2 AND ?3
      AND +rowid IN (SELECT value FROM json_each(?4))";

const SECTION_SQL: &str = "
    SELECT s.title, s.role, f.id, f.title, f.year
    FROM sections s JOIN reviews r ON r.id = s.review_id LEFT JOIN films f ON f.id = r.film_id
    WHERE s.id = ?1";

const FILM_SQL: &str = "SELECT id, title, year FROM films WHERE id = ?1";

const VIEWING_SQL: &str = "
    SELECT v.watched_on, v.review_id, f.id, f.title, f.year
    FROM viewings v JOIN films f ON f.id = v.film_id WHERE v.id = ?1";

const HEADLINE_SQL: &str = "
    SELECT COALESCE((SELECT body FROM sections WHERE review_id = ?1 AND role = 'headline'
                     ORDER BY position LIMIT 1), '')";

// The live reviews of the films found (a JSON list of ids), latest first. One query for all of
// them, because reviews.film_id has no index: each would be a pass over the reviews.
const FILM_REVIEWS_SQL: &str = "
    SELECT film_id, id FROM reviews
    WHERE deleted_at IS NULL AND film_id IN (SELECT value FROM json_each(?1))
    ORDER BY updated_at DESC, id DESC";

// A film shows up on its own when a live review (see FILM_REVIEWS_SQL) or the log holds it
// (not for a review in the trash alone).
const FILM_LOGGED_SQL: &str = "
    SELECT EXISTS (SELECT 1 FROM viewings WHERE film_id = ?1)
        OR EXISTS (SELECT 1 FROM film_marks WHERE film_id = ?1)
        OR EXISTS (SELECT 1 FROM watchlist WHERE film_id = ?1)";

/// A full-text index in more segments than this is merged into one (see
/// [`Store::compact_search_index`]).
const SEGMENTS_BEFORE_COMPACTING: usize = 4;

/// Pages of the index written per merge step: a step is a transaction of 30–60 ms on the
/// benchmark's 10,000-review library (the first, which plans the merge, up to 0.4 s), so a
/// save waits at most that long for it.
const MERGE_STEP_PAGES: i64 = 200;

/// FTS5 keeps its index's structure (levels and segments) in this row of `search_fts_data`.
const STRUCTURE_ROWID: i64 = 10;

/// The kind of every search document, by rowid: what the walk over a query's matches needs
/// to cap each kind, read once and then only the documents added since. Only a hint: a
/// rowid freed and taken again by a document of another kind (rare: SQLite reuses the
/// highest rowid once it is deleted) keeps its old kind here, which changes nothing but
/// which newest matches are ranked; the hits' kinds come from search_docs itself.
#[derive(Default)]
pub(crate) struct DocKinds {
    /// Indexed by rowid; 0 for none.
    kinds: Vec<u8>,
}

impl DocKinds {
    fn code(kind: &str) -> u8 {
        match kind {
            "section" => 1,
            "film" => 2,
            _ => 3,
        }
    }

    fn get(&self, doc: i64) -> Option<u8> {
        usize::try_from(doc)
            .ok()
            .and_then(|i| self.kinds.get(i))
            .copied()
            .filter(|&k| k != 0)
    }

    /// Reads the documents the list does not reach yet.
    fn extend(&mut self, conn: &rusqlite::Connection) -> Result<()> {
        let mut stmt = conn.prepare_cached(DOC_KINDS_SQL)?;
        let mut rows = stmt.query([self.kinds.len() as i64])?;
        while let Some(row) = rows.next()? {
            let Ok(doc) = usize::try_from(row.get::<_, i64>(0)?) else {
                continue;
            };
            if doc >= self.kinds.len() {
                self.kinds.resize(doc + 1, 0);
            }
            self.kinds[doc] = Self::code(row.get_ref(1)?.as_str().unwrap_or_default());
        }
        Ok(())
    }
}

/// A matching document, as ranked.
struct Ranked {
    doc: i64,
    score: f64,
    kind: String,
    ref_id: String,
    review_id: Option<String>,
}

fn ranked_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Ranked> {
    Ok(Ranked {
        doc: r.get(0)?,
        score: r.get(1)?,
        kind: r.get(2)?,
        ref_id: r.get(3)?,
        review_id: r.get(4)?,
    })
}

/// The film a hit is about.
struct Film {
    id: String,
    title: String,
    year: Option<i32>,
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
        let limit = limit as usize;
        let full = |r: &SearchResults| {
            r.reviews.len() >= limit && r.films.len() >= limit && r.viewings.len() >= limit
        };
        let mut seen_reviews: HashSet<String> = HashSet::new();
        // The document each hit was found in, per group, for its snippet.
        let mut docs: [Vec<i64>; 3] = Default::default();
        let ranked = self.ranked_docs(&fts)?;
        let film_reviews = self.film_reviews(&ranked)?;
        for Ranked {
            doc,
            kind,
            ref_id,
            review_id,
            ..
        } in ranked
        {
            if full(&results) {
                break;
            }
            match kind.as_str() {
                "section" => {
                    let Some(review_id) = review_id else { continue };
                    if results.reviews.len() >= limit || seen_reviews.contains(&review_id) {
                        continue;
                    }
                    let Some((title, role, Some(film))) = self
                        .conn
                        .prepare_cached(SECTION_SQL)?
                        .query_row([&ref_id], |r| {
                            let film = match r.get::<_, Option<String>>(2)? {
                                Some(id) => Some(Film {
                                    id,
                                    title: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
                                    year: r.get(4)?,
                                }),
                                None => None,
                            };
                            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, film))
                        })
                        .optional()?
                    else {
                        continue;
                    };
                    seen_reviews.insert(review_id.clone());
                    let field = if role == "headline" {
                        "Headline".to_string()
                    } else {
                        title
                    };
                    let mut review = Self::hit(
                        SearchKind::Review,
                        review_id.clone(),
                        Some(review_id),
                        &film,
                        field,
                    );
                    review.headline = self.headline(&review.id)?;
                    results.reviews.push(review);
                    docs[0].push(doc);
                }
                "film" => {
                    if results.reviews.len() >= limit && results.films.len() >= limit {
                        continue;
                    }
                    let Some(film) = self
                        .conn
                        .prepare_cached(FILM_SQL)?
                        .query_row([&ref_id], |r| {
                            Ok(Film {
                                id: r.get(0)?,
                                title: r.get(1)?,
                                year: r.get(2)?,
                            })
                        })
                        .optional()?
                    else {
                        continue;
                    };
                    let reviews = film_reviews
                        .get(&film.id)
                        .map(Vec::as_slice)
                        .unwrap_or_default();
                    // The film's words also find its reviews: "Kiarostami" finds the review.
                    for review_id in reviews {
                        if results.reviews.len() >= limit || !seen_reviews.insert(review_id.clone())
                        {
                            continue;
                        }
                        let mut review = Self::hit(
                            SearchKind::Review,
                            review_id.clone(),
                            Some(review_id.clone()),
                            &film,
                            "Film".into(),
                        );
                        review.headline = self.headline(review_id)?;
                        results.reviews.push(review);
                        docs[0].push(doc);
                    }
                    if results.films.len() < limit
                        && (!reviews.is_empty() || self.film_logged(&film.id)?)
                    {
                        let hit = Self::hit(
                            SearchKind::Film,
                            film.id.clone(),
                            reviews.first().cloned(),
                            &film,
                            "Film".into(),
                        );
                        results.films.push(hit);
                        docs[1].push(doc);
                    }
                }
                "viewing" => {
                    if results.viewings.len() >= limit {
                        continue;
                    }
                    let Some((watched_on, viewing_review, film)) = self
                        .conn
                        .prepare_cached(VIEWING_SQL)?
                        .query_row([&ref_id], |r| {
                            Ok((
                                r.get::<_, String>(0)?,
                                r.get::<_, Option<String>>(1)?,
                                Film {
                                    id: r.get(2)?,
                                    title: r.get(3)?,
                                    year: r.get(4)?,
                                },
                            ))
                        })
                        .optional()?
                    else {
                        continue;
                    };
                    let mut viewing = Self::hit(
                        SearchKind::Viewing,
                        ref_id,
                        viewing_review,
                        &film,
                        "Viewing notes".into(),
                    );
                    viewing.watched_on = Some(watched_on);
                    results.viewings.push(viewing);
                    docs[2].push(doc);
                }
                _ => {}
            }
        }
        self.snippets(&fts, &mut results, &docs.concat())?;
        Ok(results)
    }

    /// How many segments the full-text index is in. Every save writes a small segment and
    /// FTS5 merges them a few at a time, so an index built up over many edits is in a dozen
    /// or more; each query then sets up its prefix terms once per segment, which was a third
    /// of a two-word query's time on the benchmark's library (14 segments against 1).
    pub fn search_index_segments(&self) -> Result<usize> {
        let block: Vec<u8> = self.conn.query_row(
            "SELECT block FROM search_fts_data WHERE id = ?1",
            [STRUCTURE_ROWID],
            |r| r.get(0),
        )?;
        Ok(structure_segments(&block).unwrap_or(0))
    }

    /// Merges the full-text index into one segment when it is in more than a few, in
    /// small steps, each its own transaction, so that saves wait for one step at most. For
    /// a connection of its own, in the background: on a 10,000-review library it takes a
    /// few seconds. An interrupted merge goes on at the next call. Answers whether it merged.
    pub fn compact_search_index(&mut self) -> Result<bool> {
        if self.search_index_segments()? <= SEGMENTS_BEFORE_COMPACTING {
            return Ok(false);
        }
        // A bound on the steps, should FTS5 ever stop making progress: far more than the
        // 100 or so the benchmark's library needs.
        for _ in 0..10_000 {
            let tx = self.conn.transaction()?;
            tx.execute(
                "INSERT INTO search_fts (search_fts, rank) VALUES ('merge', ?1)",
                // Negative: every segment is merged, not only levels holding several.
                [-MERGE_STEP_PAGES],
            )?;
            tx.commit()?;
            if self.search_index_segments()? <= 1 {
                break;
            }
        }
        Ok(true)
    }

    /// The matching documents, best first: all of them, or when more than [`CANDIDATES`] of
    /// a kind match, the newest of each kind and the best headline, title and people
    /// matches, merged by score.
    fn ranked_docs(&self, fts: &str) -> Result<Vec<Ranked>> {
        let mut candidates: Vec<i64> = Vec::new();
        let mut counts = [0usize; 4];
        let mut capped = false;
        {
            let mut kinds = self.doc_kinds.borrow_mut();
            let mut stmt = self.conn.prepare_cached(WALK_SQL)?;
            let mut rows = stmt.query([fts])?;
            while let Some(row) = rows.next()? {
                let doc: i64 = row.get(0)?;
                let kind = match kinds.get(doc) {
                    Some(kind) => kind,
                    None => {
                        kinds.extend(&self.conn)?;
                        kinds.get(doc).unwrap_or(1)
                    }
                };
                let count = &mut counts[usize::from(kind)];
                if *count < CANDIDATES {
                    *count += 1;
                    candidates.push(doc);
                } else {
                    capped = true;
                    if counts[1..].iter().all(|&c| c >= CANDIDATES) {
                        break;
                    }
                }
            }
        }
        let (Some(&low), Some(&high)) = (candidates.last(), candidates.first()) else {
            return Ok(Vec::new());
        };
        let list = serde_json::to_string(&candidates).unwrap_or_default();
        let mut docs: Vec<Ranked> = {
            let mut stmt = self.conn.prepare_cached(CANDIDATES_SQL)?;
            let rows = stmt.query_map(rusqlite::params![fts, low, high, list], ranked_row)?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        if !capped {
            return Ok(docs);
        }
        // bm25 in these columns alone weighs a word by its rarity there, so their matches
        // rank higher than in the whole query: as they would have, being what counts most.
        let titles = format!("{{title people}} : ({fts})");
        let from = self.threshold(&titles)?.unwrap_or(i64::MIN);
        let kept: HashSet<i64> = docs.iter().map(|d| d.doc).collect();
        docs.extend(
            self.ranked(&titles, from)?
                .into_iter()
                .filter(|d| !kept.contains(&d.doc)),
        );
        docs.sort_by(|a, b| a.score.total_cmp(&b.score));
        Ok(docs)
    }

    fn threshold(&self, fts: &str) -> Result<Option<i64>> {
        let mut stmt = self.conn.prepare_cached(THRESHOLD_SQL)?;
        Ok(stmt
            .query_row(rusqlite::params![fts, CANDIDATES as i64 - 1], |r| r.get(0))
            .optional()?)
    }

    fn ranked(&self, fts: &str, from: i64) -> Result<Vec<Ranked>> {
        let mut stmt = self.conn.prepare_cached(RANKED_SQL)?;
        let rows = stmt.query_map(rusqlite::params![fts, from, CANDIDATES as i64], ranked_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Fills in each hit's snippet: `docs` holds the document of every hit, group by group.
    fn snippets(&self, fts: &str, results: &mut SearchResults, docs: &[i64]) -> Result<()> {
        if docs.is_empty() {
            return Ok(());
        }
        let list = serde_json::to_string(docs).unwrap_or_default();
        let mut snippets: HashMap<i64, String> = HashMap::new();
        let mut stmt = self.conn.prepare_cached(SNIPPETS_SQL)?;
        let low = docs.iter().min().copied().unwrap_or_default();
        let high = docs.iter().max().copied().unwrap_or_default();
        let mut rows = stmt.query(rusqlite::params![fts, low, high, list])?;
        while let Some(row) = rows.next()? {
            snippets.insert(row.get(0)?, row.get(1)?);
        }
        let hits = results
            .reviews
            .iter_mut()
            .chain(results.films.iter_mut())
            .chain(results.viewings.iter_mut());
        for (hit, doc) in hits.zip(docs) {
            hit.snippet = snippet_parts(snippets.get(doc).map_or("", String::as_str));
        }
        Ok(())
    }

    fn hit(
        kind: SearchKind,
        id: String,
        review_id: Option<String>,
        film: &Film,
        field: String,
    ) -> SearchHit {
        SearchHit {
            kind,
            id,
            review_id,
            film_id: film.id.clone(),
            film_title: film.title.clone(),
            film_year: film.year,
            headline: String::new(),
            watched_on: None,
            field,
            snippet: Vec::new(),
        }
    }

    fn headline(&self, review_id: &str) -> Result<String> {
        let mut stmt = self.conn.prepare_cached(HEADLINE_SQL)?;
        let text: String = stmt.query_row([review_id], |r| r.get(0))?;
        Ok(text.trim().to_string())
    }

    /// The live reviews of the films among `ranked`, latest first, by film.
    fn film_reviews(&self, ranked: &[Ranked]) -> Result<HashMap<String, Vec<String>>> {
        let films: Vec<&str> = ranked
            .iter()
            .filter(|d| d.kind == "film")
            .map(|d| d.ref_id.as_str())
            .collect();
        let mut map: HashMap<String, Vec<String>> = HashMap::new();
        if films.is_empty() {
            return Ok(map);
        }
        let list = serde_json::to_string(&films).unwrap_or_default();
        let mut stmt = self.conn.prepare_cached(FILM_REVIEWS_SQL)?;
        let mut rows = stmt.query([list])?;
        while let Some(row) = rows.next()? {
            map.entry(row.get(0)?).or_default().push(row.get(1)?);
        }
        Ok(map)
    }

    fn film_logged(&self, film_id: &str) -> Result<bool> {
        let mut stmt = self.conn.prepare_cached(FILM_LOGGED_SQL)?;
        Ok(stmt
            .query_row([film_id], |r| r.get(0))
            .optional()?
            .unwrap_or(false))
    }
}

/// The number of segments in an FTS5 structure record: a 4-byte cookie, a 4-byte marker in
/// the record's second version, then the number of levels and of segments as varints.
pub(crate) fn structure_segments(block: &[u8]) -> Option<usize> {
    let mut rest = block.get(4..)?;
    if rest.starts_with(&[0xff, 0x00, 0x00, 0x01]) {
        rest = &rest[4..];
    }
    let (_levels, used) = varint(rest)?;
    let (segments, _) = varint(&rest[used..])?;
    usize::try_from(segments).ok()
}

/// SQLite's varint: big-endian groups of 7 bits, the high bit set on all but the last; the
/// ninth byte, if any, gives all 8 bits. Returns the value and the bytes read.
fn varint(bytes: &[u8]) -> Option<(u64, usize)> {
    let mut value: u64 = 0;
    for (i, &byte) in bytes.iter().enumerate().take(9) {
        if i == 8 {
            return Some(((value << 8) | u64::from(byte), 9));
        }
        value = (value << 7) | u64::from(byte & 0x7f);
        if byte & 0x80 == 0 {
            return Some((value, i + 1));
        }
    }
    None
}
