//! The film log in SQLite: film records (deduplicated), viewings, marks, watchlist, and the
//! queries behind the diary, the film page, autocomplete and the statistics.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::reviews::{film_facts_from_row, parse_scale, parse_time, summary_from_row};
use super::{from_json, to_json, Store};
use crate::error::{Error, Result};
use crate::log::{
    dedupe_key, normalise_title, title_key, validate_facts, DiaryEntry, FilmChoice, FilmMatch,
    FilmPage, FilmRecord, FilmSummary, LogStats, LogTotals, MonthCount, NameCount, NewViewing,
    PlaceKind, RatingBin, Viewing, WatchlistEntry,
};
use crate::model::{new_id, now, CastMember, FilmFacts, Review};
use crate::rating::{Rating, RatingScale};

const VIEWING_COLUMNS: &str = "v.id, v.film_id, v.watched_on, v.rating_scale, v.rating_step,
    v.rewatch, v.liked, v.place_kind, v.place, v.with_whom, v.notes, v.tags, v.review_id,
    v.created_at";

/// How many names each "top" list of the statistics holds.
const TOP_NAMES: usize = 10;

impl Store {
    /// Runs `f` in one transaction for the film log's writers (imports): committed when `f`
    /// succeeds, rolled back (the library unchanged) when it fails.
    pub(crate) fn write_log<T>(&mut self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction()?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Read access for the film log's readers outside the store (the Letterboxd export).
    pub(crate) fn read_log<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        f(&self.conn)
    }

    /// The film record for these facts: found again by its dedupe key, or created. Returns the
    /// film's id.
    pub fn find_or_create_film(&mut self, facts: &FilmFacts) -> Result<String> {
        self.write_log(|conn| Ok(film_for(conn, facts, "")?.0))
    }

    /// Records a viewing in one transaction and returns it as stored.
    pub fn log_viewing(&mut self, new: &NewViewing) -> Result<Viewing> {
        new.rating.validate()?;
        self.write_log(|conn| {
            let film_id = match &new.film {
                FilmChoice::Existing { id } => {
                    require_film(conn, id)?;
                    id.clone()
                }
                FilmChoice::New { facts } => film_for(conn, facts, "")?.0,
            };
            if let Some(review_id) = &new.review_id {
                require_review(conn, review_id)?;
            }
            let viewing = Viewing {
                id: new_id(),
                film_id,
                watched_on: new.watched_on,
                rating: new.rating,
                rewatch: new.rewatch,
                liked: new.liked,
                place_kind: new.place_kind,
                place: new.place.trim().to_string(),
                with_whom: new.with_whom.trim().to_string(),
                notes: new.notes.clone(),
                tags: clean_tags(&new.tags),
                review_id: new.review_id.clone(),
                created_at: now(),
            };
            insert_viewing(conn, &viewing, None)?;
            Ok(viewing)
        })
    }

    /// Rewrites a viewing's own fields (its film stays).
    pub fn update_viewing(&mut self, viewing: &Viewing) -> Result<Viewing> {
        viewing.rating.validate()?;
        self.write_log(|conn| {
            if let Some(review_id) = &viewing.review_id {
                require_review(conn, review_id)?;
            }
            let changed = conn
                .prepare_cached(
                    "UPDATE viewings SET watched_on = ?2, rating_scale = ?3, rating_step = ?4,
                        rating_canonical = ?5, rewatch = ?6, liked = ?7, place_kind = ?8,
                        place = ?9, with_whom = ?10, notes = ?11, tags = ?12, review_id = ?13
                 WHERE id = ?1",
                )?
                .execute(params![
                    viewing.id,
                    viewing.watched_on.to_string(),
                    viewing.rating.scale.as_str(),
                    viewing.rating.step,
                    viewing.rating.canonical(),
                    viewing.rewatch,
                    viewing.liked,
                    viewing.place_kind.map(PlaceKind::as_str),
                    viewing.place.trim(),
                    viewing.with_whom.trim(),
                    viewing.notes,
                    to_json(&clean_tags(&viewing.tags))?,
                    viewing.review_id,
                ])?;
            if changed == 0 {
                return Err(Error::NotFound(format!("viewing {}", viewing.id)));
            }
            get_viewing(conn, &viewing.id)
        })
    }

    pub fn delete_viewing(&mut self, id: &str) -> Result<()> {
        self.write_log(|conn| {
            if conn
                .prepare_cached("DELETE FROM viewings WHERE id = ?1")?
                .execute([id])?
                == 0
            {
                return Err(Error::NotFound(format!("viewing {id}")));
            }
            Ok(())
        })
    }

    /// The diary, newest first (by day watched, then by when it was logged), `limit` entries
    /// from `offset`. The UI groups them by month.
    pub fn list_diary(&self, limit: u32, offset: u32) -> Result<Vec<DiaryEntry>> {
        let sql = format!(
            "SELECT {VIEWING_COLUMNS}, f.title, f.year, f.directors
             FROM viewings v JOIN films f ON f.id = v.film_id
             ORDER BY v.watched_on DESC, v.created_at DESC, v.id DESC
             LIMIT ?1 OFFSET ?2"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![limit, offset], |row| {
            let viewing = viewing_from(row)?;
            Ok(DiaryEntry {
                film: FilmSummary {
                    id: viewing.film_id.clone(),
                    title: row.get(14)?,
                    year: row.get(15)?,
                    directors: from_json(&row.get::<_, String>(16)?)?,
                },
                viewing,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A film's page: its record, its viewings (newest first) and its reviews (those about
    /// the film and those linked from its viewings).
    pub fn film_page(&self, film_id: &str) -> Result<FilmPage> {
        let film = film_record(&self.conn, film_id)?;
        let sql = format!(
            "SELECT {VIEWING_COLUMNS} FROM viewings v WHERE v.film_id = ?1
             ORDER BY v.watched_on DESC, v.created_at DESC"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let viewings = stmt
            .query_map([film_id], viewing_from)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.id, f.title, f.year,
                    COALESCE((SELECT s.body FROM sections s
                              WHERE s.review_id = r.id AND s.role = 'headline'
                              ORDER BY s.position LIMIT 1), ''),
                    r.status, r.rating_scale, r.rating_step, r.word_count, r.updated_at
             FROM reviews r JOIN films f ON f.id = r.film_id
             WHERE r.deleted_at IS NULL
               AND (r.film_id = ?1
                    OR r.id IN (SELECT review_id FROM viewings WHERE film_id = ?1))
             ORDER BY r.updated_at DESC",
        )?;
        let reviews = stmt
            .query_map([film_id], summary_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(FilmPage {
            film,
            viewings,
            reviews,
        })
    }

    /// Films of the library whose title (or original title) contains `query`, ignoring case
    /// and accents; titles that start with it first, then the most watched.
    pub fn search_films(&self, query: &str, limit: u32) -> Result<Vec<FilmMatch>> {
        let needle = normalise_title(query);
        if needle.is_empty() {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT f.id, f.title, f.original_title, f.year, f.directors,
                    (SELECT count(*) FROM viewings v WHERE v.film_id = f.id)
             FROM films f WHERE f.title <> ''",
        )?;
        let mut matches: Vec<(u8, FilmMatch)> = Vec::new();
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let title: String = row.get(1)?;
            let original: String = row.get(2)?;
            let folded = normalise_title(&title);
            let rank = if folded.starts_with(&needle) {
                0
            } else if folded.contains(&needle) {
                1
            } else if normalise_title(&original).contains(&needle) {
                2
            } else {
                continue;
            };
            matches.push((
                rank,
                FilmMatch {
                    id: row.get(0)?,
                    title,
                    year: row.get(3)?,
                    directors: from_json(&row.get::<_, String>(4)?)?,
                    viewings: row.get(5)?,
                },
            ));
        }
        matches.sort_by(|(ra, a), (rb, b)| {
            ra.cmp(rb)
                .then(b.viewings.cmp(&a.viewings))
                .then_with(|| a.title.to_lowercase().cmp(&b.title.to_lowercase()))
                .then(a.year.cmp(&b.year))
        });
        Ok(matches
            .into_iter()
            .take(limit as usize)
            .map(|(_, m)| m)
            .collect())
    }

    /// The watchlist, most recently added first.
    pub fn list_watchlist(&self) -> Result<Vec<WatchlistEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT f.id, f.title, f.year, f.directors, w.added_on
             FROM watchlist w JOIN films f ON f.id = w.film_id
             ORDER BY w.added_on DESC, f.title",
        )?;
        let rows = stmt.query_map([], |row| {
            Ok(WatchlistEntry {
                film: FilmSummary {
                    id: row.get(0)?,
                    title: row.get(1)?,
                    year: row.get(2)?,
                    directors: from_json(&row.get::<_, String>(3)?)?,
                },
                added_on: parse_date(row, 4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The statistics for one year (or all time when `year` is `None`).
    pub fn log_stats(&self, year: Option<i32>) -> Result<LogStats> {
        let years: Vec<i32> = {
            let mut stmt = self.conn.prepare_cached(
                "SELECT DISTINCT CAST(substr(watched_on, 1, 4) AS INTEGER) AS y
                 FROM viewings ORDER BY y DESC",
            )?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let (from, to) = match year {
            Some(y) => (format!("{y:04}-01-01"), format!("{y:04}-12-31")),
            None => ("0000-01-01".to_string(), "9999-12-31".to_string()),
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT v.watched_on, v.rating_scale, v.rating_step, v.rewatch, v.film_id,
                    f.directors, f.countries, f.genres, f.runtime_minutes
             FROM viewings v JOIN films f ON f.id = v.film_id
             WHERE v.watched_on BETWEEN ?1 AND ?2",
        )?;
        let mut per_month = [0u32; 12];
        let mut bins = [0u32; 11];
        let mut directors: HashMap<String, u32> = HashMap::new();
        let mut countries: HashMap<String, u32> = HashMap::new();
        let mut genres: HashMap<String, u32> = HashMap::new();
        let mut films = std::collections::HashSet::new();
        let (mut viewings, mut rewatches, mut rated, mut minutes) = (0u32, 0u32, 0u32, 0u64);
        let mut rows = stmt.query(params![from, to])?;
        while let Some(row) = rows.next()? {
            viewings += 1;
            let day = parse_date(row, 0)?;
            if year.is_some() {
                per_month[chrono::Datelike::month0(&day) as usize] += 1;
            }
            let rating = Rating {
                scale: parse_scale(row, 1)?,
                step: row.get(2)?,
            };
            if let Some(step) = rating.convert(RatingScale::FiveStars).step {
                bins[usize::from(step.min(10))] += 1;
                rated += 1;
            }
            if row.get::<_, bool>(3)? {
                rewatches += 1;
            }
            films.insert(row.get::<_, String>(4)?);
            for (column, counts) in [(5, &mut directors), (6, &mut countries), (7, &mut genres)] {
                for name in from_json::<Vec<String>>(&row.get::<_, String>(column)?)? {
                    let name = name.trim();
                    if !name.is_empty() {
                        *counts.entry(name.to_string()).or_default() += 1;
                    }
                }
            }
            minutes += row.get::<_, Option<u32>>(8)?.map_or(0, u64::from);
        }
        let reviews: u32 = self
            .conn
            .prepare_cached(
                "SELECT count(*) FROM reviews
             WHERE deleted_at IS NULL AND substr(created_at, 1, 10) BETWEEN ?1 AND ?2",
            )?
            .query_row(params![from, to], |r| r.get(0))?;
        Ok(LogStats {
            year,
            years,
            per_month: (1..=12)
                .map(|month| MonthCount {
                    month,
                    viewings: per_month[month as usize - 1],
                })
                .collect(),
            ratings: (0..=10u16)
                .map(|step| RatingBin {
                    step,
                    label: RatingScale::FiveStars.display(step),
                    viewings: bins[usize::from(step)],
                })
                .collect(),
            top_directors: top(directors),
            top_countries: top(countries),
            top_genres: top(genres),
            first_watches: viewings - rewatches,
            rewatches,
            totals: LogTotals {
                viewings,
                films: films.len() as u32,
                minutes,
                rated,
                reviews,
            },
        })
    }
}

fn top(counts: HashMap<String, u32>) -> Vec<NameCount> {
    let mut list: Vec<NameCount> = counts
        .into_iter()
        .map(|(name, viewings)| NameCount { name, viewings })
        .collect();
    list.sort_by(|a, b| {
        b.viewings
            .cmp(&a.viewings)
            .then_with(|| a.name.cmp(&b.name))
    });
    list.truncate(TOP_NAMES);
    list
}

fn require_film(conn: &Connection, id: &str) -> Result<()> {
    conn.prepare_cached("SELECT 1 FROM films WHERE id = ?1")?
        .query_row([id], |_| Ok(()))
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("film {id}")))
}

fn require_review(conn: &Connection, id: &str) -> Result<()> {
    conn.prepare_cached("SELECT 1 FROM reviews WHERE id = ?1 AND deleted_at IS NULL")?
        .query_row([id], |_| Ok(()))
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("review {id}")))
}

/// Trimmed, non-empty, each once, in the order given.
fn clean_tags(tags: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for tag in tags {
        let tag = tag.trim();
        if !tag.is_empty() && !out.iter().any(|t| t == tag) {
            out.push(tag.to_string());
        }
    }
    out
}

/// Finds the film record for `facts` or creates it; returns its id and whether it was
/// created. A film found again gets the facts it lacked (runtime, directors, cast…), and its
/// Letterboxd page when given. Films that only a review knew (no dedupe key yet) are claimed
/// when their IMDb id, or title and year, match.
pub(crate) fn film_for(
    conn: &Connection,
    facts: &FilmFacts,
    letterboxd_uri: &str,
) -> Result<(String, bool)> {
    validate_facts(facts)?;
    let imdb_id = facts.imdb_id.trim();
    let key = dedupe_key(&facts.title, facts.year, imdb_id);
    let by_key = |k: &str| -> Result<Option<String>> {
        Ok(conn
            .prepare_cached("SELECT id FROM films WHERE dedupe_key = ?1")?
            .query_row([k], |r| r.get(0))
            .optional()?)
    };
    let mut found = by_key(&key)?;
    if found.is_none() && !imdb_id.is_empty() {
        // Known by title before its IMDb id was: upgrade it, unless it has another id.
        if let Some(id) = by_key(&title_key(&facts.title, facts.year))? {
            let other: String = conn
                .prepare_cached("SELECT imdb_id FROM films WHERE id = ?1")?
                .query_row([&id], |r| r.get(0))?;
            if other.is_empty() || other == imdb_id {
                conn.prepare_cached("UPDATE films SET dedupe_key = ?2 WHERE id = ?1")?
                    .execute(params![id, key])?;
                found = Some(id);
            }
        }
    }
    if found.is_none() {
        found = claim_unkeyed(conn, facts, &key)?;
    }
    match found {
        Some(id) => {
            fill_gaps(conn, &id, facts, letterboxd_uri)?;
            Ok((id, false))
        }
        None => {
            let id = new_id();
            conn.prepare_cached(
                "INSERT INTO films (id, title, original_title, year, runtime_minutes, directors,
                        genres, countries, languages, where_to_watch, imdb_id, letterboxd_uri,
                        dedupe_key)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?
            .execute(params![
                id,
                facts.title.trim(),
                facts.original_title.trim(),
                facts.year,
                facts.runtime_minutes,
                to_json(&facts.directors)?,
                to_json(&facts.genres)?,
                to_json(&facts.countries)?,
                to_json(&facts.languages)?,
                facts.where_to_watch,
                imdb_id,
                letterboxd_uri,
                key,
            ])?;
            insert_cast(conn, &id, &facts.cast)?;
            Ok((id, true))
        }
    }
}

/// The unkeyed films that may be the film of an import: same IMDb id, or same year (the
/// title is compared in Rust, folded). A UNION rather than one OR so that each half can use
/// its partial index (migration 0005); with the OR, SQLite scanned the whole films table for
/// every film an import created.
const CLAIM_CANDIDATES: &str = "SELECT rowid, id, title, imdb_id FROM films
     WHERE dedupe_key IS NULL AND ?1 <> '' AND imdb_id = ?1
     UNION
     SELECT rowid, id, title, imdb_id FROM films WHERE dedupe_key IS NULL AND year IS ?2
     ORDER BY 1";

fn claim_unkeyed(conn: &Connection, facts: &FilmFacts, key: &str) -> Result<Option<String>> {
    let imdb_id = facts.imdb_id.trim();
    let wanted = normalise_title(&facts.title);
    let mut stmt = conn.prepare_cached(CLAIM_CANDIDATES)?;
    let mut rows = stmt.query(params![imdb_id, facts.year])?;
    while let Some(row) = rows.next()? {
        let id: String = row.get(1)?;
        let title: String = row.get(2)?;
        let their_imdb: String = row.get(3)?;
        let same = if !imdb_id.is_empty() && their_imdb == imdb_id {
            true
        } else {
            (their_imdb.is_empty() || imdb_id.is_empty()) && normalise_title(&title) == wanted
        };
        if same {
            conn.prepare_cached("UPDATE films SET dedupe_key = ?2 WHERE id = ?1")?
                .execute(params![id, key])?;
            return Ok(Some(id));
        }
    }
    Ok(None)
}

fn fill_gaps(conn: &Connection, id: &str, facts: &FilmFacts, letterboxd_uri: &str) -> Result<()> {
    conn.prepare_cached(
        "UPDATE films SET
            original_title = CASE WHEN original_title = '' THEN ?2 ELSE original_title END,
            runtime_minutes = COALESCE(runtime_minutes, ?3),
            directors = CASE WHEN directors = '[]' THEN ?4 ELSE directors END,
            genres = CASE WHEN genres = '[]' THEN ?5 ELSE genres END,
            countries = CASE WHEN countries = '[]' THEN ?6 ELSE countries END,
            languages = CASE WHEN languages = '[]' THEN ?7 ELSE languages END,
            imdb_id = CASE WHEN imdb_id = '' THEN ?8 ELSE imdb_id END,
            letterboxd_uri = CASE WHEN letterboxd_uri = '' THEN ?9 ELSE letterboxd_uri END,
            year = COALESCE(year, ?10)
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        facts.original_title.trim(),
        facts.runtime_minutes,
        to_json(&facts.directors)?,
        to_json(&facts.genres)?,
        to_json(&facts.countries)?,
        to_json(&facts.languages)?,
        facts.imdb_id.trim(),
        letterboxd_uri,
        facts.year,
    ])?;
    let has_cast: bool = conn
        .prepare_cached("SELECT 1 FROM film_cast WHERE film_id = ?1 LIMIT 1")?
        .query_row([id], |_| Ok(true))
        .optional()?
        .unwrap_or(false);
    if !has_cast {
        insert_cast(conn, id, &facts.cast)?;
    }
    Ok(())
}

fn insert_cast(conn: &Connection, film_id: &str, cast: &[CastMember]) -> Result<()> {
    let mut insert = conn.prepare_cached(
        "INSERT INTO film_cast (film_id, position, actor, character) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (position, member) in cast.iter().enumerate() {
        insert.execute(params![
            film_id,
            position as i64,
            member.actor,
            member.character
        ])?;
    }
    Ok(())
}

/// Inserts a viewing; with a `source_key` already in the log nothing is written and `false`
/// comes back (a re-imported row).
pub(crate) fn insert_viewing(
    conn: &Connection,
    viewing: &Viewing,
    source_key: Option<&str>,
) -> Result<bool> {
    let changed = conn
        .prepare_cached(
            "INSERT INTO viewings (id, film_id, watched_on, rating_scale, rating_step,
                rating_canonical, rewatch, liked, place_kind, place, with_whom, notes, tags,
                review_id, source_key, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
         ON CONFLICT(source_key) DO NOTHING",
        )?
        .execute(params![
            viewing.id,
            viewing.film_id,
            viewing.watched_on.to_string(),
            viewing.rating.scale.as_str(),
            viewing.rating.step,
            viewing.rating.canonical(),
            viewing.rewatch,
            viewing.liked,
            viewing.place_kind.map(PlaceKind::as_str),
            viewing.place,
            viewing.with_whom,
            viewing.notes,
            to_json(&viewing.tags)?,
            viewing.review_id,
            source_key,
            viewing.created_at.to_rfc3339(),
        ])?;
    Ok(changed == 1)
}

/// Links the viewing imported from `source_key` to a review (when it has none yet).
pub(crate) fn link_viewing_review(
    conn: &Connection,
    source_key: &str,
    review_id: &str,
) -> Result<()> {
    conn.prepare_cached(
        "UPDATE viewings SET review_id = ?2 WHERE source_key = ?1 AND review_id IS NULL",
    )?
    .execute(params![source_key, review_id])?;
    Ok(())
}

/// What to mark on a film; `None` leaves a mark as it is.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Marks {
    pub liked: Option<bool>,
    pub watched: Option<bool>,
    pub rating: Option<(Rating, NaiveDate)>,
}

/// Sets marks on a film; `true` when something changed.
pub(crate) fn mark_film(conn: &Connection, film_id: &str, marks: Marks) -> Result<bool> {
    conn.prepare_cached("INSERT OR IGNORE INTO film_marks (film_id) VALUES (?1)")?
        .execute([film_id])?;
    let mut changed = 0;
    if let Some(liked) = marks.liked {
        changed += conn
            .prepare_cached("UPDATE film_marks SET liked = ?2 WHERE film_id = ?1 AND liked <> ?2")?
            .execute(params![film_id, liked])?;
    }
    if let Some(watched) = marks.watched {
        changed += conn
            .prepare_cached(
                "UPDATE film_marks SET watched = ?2 WHERE film_id = ?1 AND watched <> ?2",
            )?
            .execute(params![film_id, watched])?;
    }
    if let Some((rating, on)) = marks.rating {
        changed += conn
            .prepare_cached(
                "UPDATE film_marks SET rating_scale = ?2, rating_step = ?3, rating_canonical = ?4,
                    rated_on = ?5
             WHERE film_id = ?1 AND (rating_scale IS NOT ?2 OR rating_step IS NOT ?3)",
            )?
            .execute(params![
                film_id,
                rating.scale.as_str(),
                rating.step,
                rating.canonical(),
                on.to_string()
            ])?;
    }
    Ok(changed > 0)
}

/// Puts a film on the watchlist; `false` when it was there already.
pub(crate) fn add_to_watchlist(
    conn: &Connection,
    film_id: &str,
    added_on: NaiveDate,
) -> Result<bool> {
    Ok(conn
        .prepare_cached("INSERT OR IGNORE INTO watchlist (film_id, added_on) VALUES (?1, ?2)")?
        .execute(params![film_id, added_on.to_string()])?
        == 1)
}

/// Inserts a review brought in by an import, about `film_id`, unless the row `source_key`
/// was imported before. Returns the review's id and whether it was added.
pub(crate) fn insert_imported_review(
    conn: &Connection,
    source_key: &str,
    review: &Review,
    film_id: &str,
) -> Result<(String, bool)> {
    let existing: Option<String> = conn
        .prepare_cached("SELECT review_id FROM imported_reviews WHERE source_key = ?1")?
        .query_row([source_key], |r| r.get(0))
        .optional()?;
    if let Some(id) = existing {
        return Ok((id, false));
    }
    review.rating.validate()?;
    conn.prepare_cached(
        "INSERT INTO reviews (id, film_id, rating_scale, rating_step, rating_canonical, byline,
                publication, tags, links, status, word_count, created_at, updated_at,
                published_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        review.id,
        film_id,
        review.rating.scale.as_str(),
        review.rating.step,
        review.rating.canonical(),
        review.byline,
        review.publication,
        to_json(&review.tags)?,
        to_json(&review.links)?,
        review.status.as_str(),
        review.word_count() as i64,
        review.created_at.to_rfc3339(),
        review.updated_at.to_rfc3339(),
        review.published_at.map(|t| t.to_rfc3339()),
    ])?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO sections (id, review_id, position, title, role, body, word_target, spoiler)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for (position, s) in review.sections.iter().enumerate() {
        insert.execute(params![
            s.id,
            review.id,
            position as i64,
            s.title,
            s.role.as_str(),
            s.body,
            s.word_target,
            s.spoiler
        ])?;
    }
    conn.prepare_cached("INSERT INTO imported_reviews (source_key, review_id) VALUES (?1, ?2)")?
        .execute(params![source_key, review.id])?;
    Ok((review.id.clone(), true))
}

fn get_viewing(conn: &Connection, id: &str) -> Result<Viewing> {
    let sql = format!("SELECT {VIEWING_COLUMNS} FROM viewings v WHERE v.id = ?1");
    conn.query_row(&sql, [id], viewing_from)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("viewing {id}")))
}

pub(crate) fn film_record(conn: &Connection, film_id: &str) -> Result<FilmRecord> {
    let mut record = conn
        .prepare_cached(
            "SELECT f.id, f.title, f.original_title, f.year, f.runtime_minutes, f.directors,
                    f.genres, f.countries, f.languages, f.where_to_watch, f.imdb_id,
                    f.letterboxd_uri, m.liked, m.watched, m.rating_scale, m.rating_step,
                    w.film_id IS NOT NULL
             FROM films f LEFT JOIN film_marks m ON m.film_id = f.id
                          LEFT JOIN watchlist w ON w.film_id = f.id
             WHERE f.id = ?1",
        )?
        .query_row([film_id], |row| {
            let scale: Option<String> = row.get(14)?;
            let rating = match scale {
                Some(s) => Some(Rating {
                    scale: RatingScale::parse(&s)
                        .ok_or_else(|| super::reviews::bad_value(14, &s))?,
                    step: row.get(15)?,
                }),
                None => None,
            };
            Ok(FilmRecord {
                id: row.get(0)?,
                facts: film_facts_from_row(row, 1)?,
                letterboxd_uri: row.get(11)?,
                liked: row.get::<_, Option<bool>>(12)?.unwrap_or(false),
                watched: row.get::<_, Option<bool>>(13)?.unwrap_or(false),
                rating: rating.filter(|r| r.step.is_some()),
                on_watchlist: row.get(16)?,
            })
        })
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("film {film_id}")))?;
    let mut cast = conn.prepare_cached(
        "SELECT actor, character FROM film_cast WHERE film_id = ?1 ORDER BY position",
    )?;
    record.facts.cast = cast
        .query_map([film_id], |row| {
            Ok(CastMember {
                actor: row.get(0)?,
                character: row.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(record)
}

fn viewing_from(row: &Row<'_>) -> rusqlite::Result<Viewing> {
    let place: Option<String> = row.get(7)?;
    Ok(Viewing {
        id: row.get(0)?,
        film_id: row.get(1)?,
        watched_on: parse_date(row, 2)?,
        rating: Rating {
            scale: parse_scale(row, 3)?,
            step: row.get(4)?,
        },
        rewatch: row.get(5)?,
        liked: row.get(6)?,
        place_kind: match place {
            Some(p) => Some(PlaceKind::parse(&p).ok_or_else(|| super::reviews::bad_value(7, &p))?),
            None => None,
        },
        place: row.get(8)?,
        with_whom: row.get(9)?,
        notes: row.get(10)?,
        tags: from_json(&row.get::<_, String>(11)?)?,
        review_id: row.get(12)?,
        created_at: parse_time(row, 13)?,
    })
}

pub(crate) fn parse_date(row: &Row<'_>, column: usize) -> rusqlite::Result<NaiveDate> {
    let text: String = row.get(column)?;
    NaiveDate::parse_from_str(&text, "%Y-%m-%d")
        .map_err(|_| super::reviews::bad_value(column, &text))
}

/// Sets a film's Letterboxd page when it has none.
pub(crate) fn fill_letterboxd_uri(conn: &Connection, film_id: &str, uri: &str) -> Result<()> {
    conn.prepare_cached(
        "UPDATE films SET letterboxd_uri = ?2 WHERE id = ?1 AND letterboxd_uri = ''",
    )?
    .execute(params![film_id, uri])?;
    Ok(())
}

/// The rows of a Letterboxd-importer CSV, in `letterboxd::EXPORT_COLUMNS` order: every
/// viewing, oldest first, then films rated, liked or watched with no viewing.
pub(crate) fn letterboxd_rows(conn: &Connection) -> Result<Vec<[String; 11]>> {
    let mut out = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT f.title, f.year, f.directors, v.watched_on, v.rating_scale, v.rating_step,
                v.rewatch, v.tags,
                COALESCE((SELECT group_concat(body, char(10) || char(10)) FROM
                            (SELECT s.body FROM sections s JOIN reviews r ON r.id = s.review_id
                             WHERE s.review_id = v.review_id AND s.role = 'body'
                               AND r.deleted_at IS NULL
                             ORDER BY s.position)), ''),
                f.imdb_id, f.letterboxd_uri
         FROM viewings v JOIN films f ON f.id = v.film_id
         ORDER BY v.watched_on, v.created_at, v.id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let rating = Rating {
            scale: parse_scale(row, 4)?,
            step: row.get(5)?,
        };
        let (stars, ten) = letterboxd_rating(rating);
        let tags: Vec<String> = from_json(&row.get::<_, String>(7)?)?;
        out.push([
            row.get(0)?,
            row.get::<_, Option<i32>>(1)?
                .map(|y| y.to_string())
                .unwrap_or_default(),
            from_json::<Vec<String>>(&row.get::<_, String>(2)?)?.join(", "),
            row.get(3)?,
            stars,
            ten,
            if row.get::<_, bool>(6)? {
                "Yes".into()
            } else {
                String::new()
            },
            tags.join(", "),
            row.get(8)?,
            row.get(9)?,
            row.get(10)?,
        ]);
    }
    let mut stmt = conn.prepare(
        "SELECT f.title, f.year, f.directors, m.rating_scale, m.rating_step, f.imdb_id,
                f.letterboxd_uri
         FROM film_marks m JOIN films f ON f.id = m.film_id
         WHERE NOT EXISTS (SELECT 1 FROM viewings v WHERE v.film_id = f.id)
           AND (m.liked OR m.watched OR m.rating_step IS NOT NULL)
         ORDER BY f.title, f.year",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let rating = match row.get::<_, Option<String>>(3)? {
            Some(scale) => Rating {
                scale: RatingScale::parse(&scale)
                    .ok_or_else(|| super::reviews::bad_value(3, &scale))?,
                step: row.get(4)?,
            },
            None => Rating::unrated(RatingScale::FiveStars),
        };
        let (stars, ten) = letterboxd_rating(rating);
        out.push([
            row.get(0)?,
            row.get::<_, Option<i32>>(1)?
                .map(|y| y.to_string())
                .unwrap_or_default(),
            from_json::<Vec<String>>(&row.get::<_, String>(2)?)?.join(", "),
            String::new(),
            stars,
            ten,
            String::new(),
            String::new(),
            String::new(),
            row.get(5)?,
            row.get(6)?,
        ]);
    }
    Ok(out)
}

/// Letterboxd's `Rating` (0.5–5 in halves) and `Rating10` (1–10); empty when unrated or
/// below half a star, which Letterboxd cannot hold.
fn letterboxd_rating(rating: Rating) -> (String, String) {
    match rating.convert(RatingScale::FiveStars).step {
        Some(step) if step > 0 => {
            let stars = if step % 2 == 0 {
                (step / 2).to_string()
            } else {
                format!("{}.5", step / 2)
            };
            (stars, step.to_string())
        }
        _ => (String::new(), String::new()),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // A test that cannot unwrap has failed.
mod tests {
    use super::*;

    fn new_viewing(film: FilmChoice, day: &str, step: Option<u16>, rewatch: bool) -> NewViewing {
        NewViewing {
            film,
            watched_on: day.parse().unwrap(),
            rating: Rating {
                scale: RatingScale::FiveStars,
                step,
            },
            rewatch,
            liked: false,
            place_kind: Some(PlaceKind::Cinema),
            place: " Curzon Soho ".into(),
            with_whom: "Ana".into(),
            notes: "35mm".into(),
            tags: vec!["lff".into(), " lff ".into(), "".into()],
            review_id: None,
        }
    }

    fn facts(title: &str, year: i32, imdb: &str) -> FilmFacts {
        FilmFacts {
            title: title.into(),
            year: Some(year),
            imdb_id: imdb.into(),
            directors: vec!["Michael Mann".into()],
            countries: vec!["United States".into()],
            genres: vec!["Crime".into(), "Drama".into()],
            runtime_minutes: Some(170),
            ..FilmFacts::default()
        }
    }

    #[test]
    fn viewings_are_logged_deduped_listed_and_counted() {
        let mut store = Store::open_in_memory().unwrap();
        let first = store
            .log_viewing(&new_viewing(
                FilmChoice::New {
                    facts: Box::new(facts("Heat", 1995, "")),
                },
                "2024-01-04",
                Some(9),
                false,
            ))
            .unwrap();
        assert_eq!(first.place, "Curzon Soho");
        assert_eq!(first.tags, vec!["lff"]);
        // The same film with its IMDb id now: the record is upgraded, not doubled.
        let second = store
            .log_viewing(&new_viewing(
                FilmChoice::New {
                    facts: Box::new(facts("HEAT", 1995, "tt0113277")),
                },
                "2024-03-01",
                Some(8),
                true,
            ))
            .unwrap();
        assert_eq!(second.film_id, first.film_id);
        let third = store
            .log_viewing(&new_viewing(
                FilmChoice::Existing {
                    id: first.film_id.clone(),
                },
                "2023-12-31",
                None,
                true,
            ))
            .unwrap();
        let other = store
            .log_viewing(&new_viewing(
                FilmChoice::New {
                    facts: Box::new(FilmFacts {
                        title: "Amélie".into(),
                        year: Some(2001),
                        directors: vec!["Jean-Pierre Jeunet".into()],
                        countries: vec!["France".into()],
                        ..FilmFacts::default()
                    }),
                },
                "2024-03-02",
                Some(7),
                false,
            ))
            .unwrap();
        assert_ne!(other.film_id, first.film_id);

        let diary = store.list_diary(10, 0).unwrap();
        let ids: Vec<&str> = diary.iter().map(|d| d.viewing.id.as_str()).collect();
        assert_eq!(ids, [&other.id, &second.id, &first.id, &third.id]);
        assert_eq!(store.list_diary(2, 1).unwrap().len(), 2);

        let page = store.film_page(&first.film_id).unwrap();
        assert_eq!(page.film.facts.imdb_id, "tt0113277");
        assert_eq!(page.viewings.len(), 3);
        assert_eq!(page.viewings[0].id, second.id);

        let found = store.search_films("amelie", 5).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].title, "Amélie");
        assert_eq!(store.search_films("eat", 5).unwrap()[0].viewings, 3);
        assert!(store.search_films("  ", 5).unwrap().is_empty());

        let stats = store.log_stats(Some(2024)).unwrap();
        assert_eq!(stats.years, [2024, 2023]);
        let months: Vec<u32> = stats.per_month.iter().map(|m| m.viewings).collect();
        assert_eq!(months, [1, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(stats.ratings[9].viewings, 1);
        assert_eq!(stats.ratings[8].viewings, 1);
        assert_eq!(stats.ratings[7].label, "3½");
        assert_eq!(stats.ratings[7].viewings, 1);
        assert_eq!((stats.first_watches, stats.rewatches), (2, 1));
        assert_eq!(stats.top_directors[0].name, "Michael Mann");
        assert_eq!(stats.top_directors[0].viewings, 2);
        assert_eq!(stats.top_countries.len(), 2);
        assert_eq!(stats.totals.viewings, 3);
        assert_eq!(stats.totals.films, 2);
        assert_eq!(stats.totals.minutes, 340);
        assert_eq!(stats.totals.rated, 3);
        let all = store.log_stats(None).unwrap();
        assert_eq!(all.totals.viewings, 4);
        assert!(all.per_month.iter().all(|m| m.viewings == 0));

        let mut edited = third.clone();
        edited.notes = "fell asleep".into();
        edited.place_kind = Some(PlaceKind::Home);
        let saved = store.update_viewing(&edited).unwrap();
        assert_eq!(saved.notes, "fell asleep");
        store.delete_viewing(&third.id).unwrap();
        assert_eq!(
            store.delete_viewing(&third.id).unwrap_err().code(),
            crate::ErrorCode::NotFound
        );
    }

    #[test]
    fn the_film_match_of_an_import_uses_indexes() {
        let store = Store::open_in_memory().unwrap();
        let mut stmt = store
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {CLAIM_CANDIDATES}"))
            .unwrap();
        let plan: Vec<String> = stmt
            .query_map(params!["tt0113277", 1995], |r| r.get(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let plan = plan.join("\n");
        assert!(plan.contains("films_unkeyed_imdb"), "{plan}");
        assert!(plan.contains("films_unkeyed_year"), "{plan}");
        assert!(!plan.contains("SCAN films"), "{plan}");
    }

    #[test]
    fn bad_viewings_are_refused() {
        let mut store = Store::open_in_memory().unwrap();
        let mut bad = new_viewing(
            FilmChoice::New {
                facts: Box::new(facts("Heat", 1995, "")),
            },
            "2024-01-04",
            Some(11),
            false,
        );
        assert!(store.log_viewing(&bad).is_err());
        bad.rating.step = Some(5);
        bad.film = FilmChoice::New {
            facts: Box::default(),
        };
        assert!(store
            .log_viewing(&bad)
            .unwrap_err()
            .to_string()
            .contains("title"));
        bad.film = FilmChoice::Existing { id: "nope".into() };
        assert_eq!(
            store.log_viewing(&bad).unwrap_err().code(),
            crate::ErrorCode::NotFound
        );
        assert!(store.list_diary(10, 0).unwrap().is_empty());
    }
}
