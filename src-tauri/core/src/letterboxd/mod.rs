//! Letterboxd: importing a critic's export (zip or folder) into the film log, and exporting
//! the log as a CSV that Letterboxd's importer accepts.
//!
//! The import is one transaction: every file is parsed before anything is written, and any
//! malformed file fails the whole import (file, line, reason) with the library unchanged.
//! Rows carry their identity into the log (`viewings.source_key`, `imported_reviews`), so a
//! second import of the same export adds nothing.

mod archive;
mod html;
mod rows;

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use chrono::{NaiveDate, TimeZone, Utc};
use rusqlite::Connection;

pub use archive::{Limits, KNOWN_FILES, MAX_ENTRIES, MAX_TOTAL_BYTES};
pub use html::review_markdown;
/// One CSV file of an export parsed and type-checked, without touching a library (the fuzz
/// target in `fuzz/` drives the import path through it).
pub use rows::parse as parse_file;

use crate::error::{Error, Result};
use crate::log::{title_key, ImportCounts, ImportReport, SkippedRow, Viewing};
use crate::model::{new_id, now, FilmFacts, RelatedLink, Review, Section, SectionRole, Status};
use crate::rating::{Rating, RatingScale};
use crate::store::log as logdb;
use crate::store::Store;
use rows::Row;

/// The header of the CSV written by [`export`], in order.
pub const EXPORT_COLUMNS: [&str; 11] = [
    "Title",
    "Year",
    "Directors",
    "WatchedDate",
    "Rating",
    "Rating10",
    "Rewatch",
    "Tags",
    "Review",
    "imdbID",
    "LetterboxdURI",
];

/// Imports the Letterboxd export at `path` (the `.zip` or its unpacked folder).
pub fn import(store: &mut Store, path: &Path) -> Result<ImportReport> {
    import_with(store, path, archive::Limits::default())
}

/// [`import`] with other limits on what the archive may hold.
pub fn import_with(store: &mut Store, path: &Path, limits: Limits) -> Result<ImportReport> {
    let files = archive::read_export(path, limits)?;
    let mut parsed: HashMap<&'static str, Vec<Row>> = HashMap::new();
    for name in KNOWN_FILES {
        if let Some(bytes) = files.get(name) {
            parsed.insert(name, rows::parse(name, bytes)?);
        }
    }
    store.write_log(|conn| Importer::new(conn).run(&parsed))
}

struct Importer<'c> {
    conn: &'c Connection,
    report: ImportReport,
    /// Films met in this import, by title key: (id, created by this import).
    films: HashMap<String, String>,
}

impl<'c> Importer<'c> {
    fn new(conn: &'c Connection) -> Self {
        Importer {
            conn,
            report: ImportReport::default(),
            films: HashMap::new(),
        }
    }

    fn run(mut self, parsed: &HashMap<&'static str, Vec<Row>>) -> Result<ImportReport> {
        let empty = Vec::new();
        let file = |name: &str| parsed.get(name).unwrap_or(&empty);
        // Films' own pages first (those files carry film URIs, the diary carries entries').
        for name in [
            "watched.csv",
            "ratings.csv",
            "likes/films.csv",
            "watchlist.csv",
        ] {
            for row in file(name) {
                let Some(film_id) = self.film(name, row, &row.uri)? else {
                    continue;
                };
                let marks = match name {
                    "watched.csv" => logdb::Marks {
                        watched: Some(true),
                        ..Default::default()
                    },
                    "ratings.csv" => match row.rating {
                        Some(step) => logdb::Marks {
                            rating: Some((stars(Some(step)), row.date.unwrap_or_else(today))),
                            ..Default::default()
                        },
                        None => {
                            self.skip(name, row, "no rating");
                            continue;
                        }
                    },
                    "likes/films.csv" => logdb::Marks {
                        liked: Some(true),
                        ..Default::default()
                    },
                    _ => {
                        let added = logdb::add_to_watchlist(
                            self.conn,
                            &film_id,
                            row.date.unwrap_or_else(today),
                        )?;
                        tally(&mut self.report, added, |c| &mut c.watchlist);
                        continue;
                    }
                };
                let changed = logdb::mark_film(self.conn, &film_id, marks)?;
                let counter: fn(&mut ImportCounts) -> &mut u32 = match name {
                    "watched.csv" => |c| &mut c.watched,
                    "ratings.csv" => |c| &mut c.ratings,
                    _ => |c| &mut c.likes,
                };
                tally(&mut self.report, changed, counter);
            }
        }
        let mut seen: HashMap<String, u32> = HashMap::new();
        for row in file("diary.csv") {
            let Some(date) = row.watched_date.or(row.date) else {
                self.skip("diary.csv", row, "no date watched");
                continue;
            };
            let Some(film_id) = self.film("diary.csv", row, "")? else {
                continue;
            };
            let key = source_key(row, date, &mut seen);
            let viewing = viewing_from(row, film_id, date);
            let added = logdb::insert_viewing(self.conn, &viewing, Some(&key))?;
            tally(&mut self.report, added, |c| &mut c.viewings);
        }
        let mut seen: HashMap<String, u32> = HashMap::new();
        for row in file("reviews.csv") {
            if row.review.trim().is_empty() {
                self.skip("reviews.csv", row, "the review is empty");
                continue;
            }
            let Some(film_id) = self.film("reviews.csv", row, "")? else {
                continue;
            };
            let date = row.watched_date.or(row.date);
            let key = date.map(|d| source_key(row, d, &mut seen));
            let review = review_from(row);
            let (review_id, added) = logdb::insert_imported_review(
                self.conn,
                &format!("review:{}", key.clone().unwrap_or_else(|| film_id.clone())),
                &review,
                &film_id,
            )?;
            tally(&mut self.report, added, |c| &mut c.reviews);
            if let (Some(key), Some(date)) = (key, date) {
                // A reviewed entry is in the diary too; the viewing is made here only when
                // the diary lacks it.
                let viewing = viewing_from(row, film_id, date);
                if logdb::insert_viewing(self.conn, &viewing, Some(&key))? {
                    self.report.added.viewings += 1;
                }
                logdb::link_viewing_review(self.conn, &key, &review_id)?;
            }
        }
        Ok(self.report)
    }

    /// The film of a row, found again or created (counted once per import).
    fn film(&mut self, file: &str, row: &Row, film_uri: &str) -> Result<Option<String>> {
        if row.name.is_empty() {
            self.skip(file, row, "no film title");
            return Ok(None);
        }
        let key = title_key(&row.name, row.year);
        if let Some(id) = self.films.get(&key) {
            if !film_uri.is_empty() {
                logdb::fill_letterboxd_uri(self.conn, id, film_uri)?;
            }
            return Ok(Some(id.clone()));
        }
        let facts = FilmFacts {
            title: row.name.clone(),
            year: row.year,
            ..FilmFacts::default()
        };
        let (id, created) = logdb::film_for(self.conn, &facts, film_uri)?;
        tally(&mut self.report, created, |c| &mut c.films);
        self.films.insert(key, id.clone());
        Ok(Some(id))
    }

    fn skip(&mut self, file: &str, row: &Row, reason: &str) {
        self.report.skipped.push(SkippedRow {
            file: file.to_string(),
            line: row.line,
            reason: reason.to_string(),
        });
    }
}

fn tally(report: &mut ImportReport, added: bool, counter: fn(&mut ImportCounts) -> &mut u32) {
    let counts = if added {
        &mut report.added
    } else {
        &mut report.matched
    };
    *counter(counts) += 1;
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn stars(step: Option<u16>) -> Rating {
    Rating {
        scale: RatingScale::FiveStars,
        step,
    }
}

/// The identity of a diary entry: its Letterboxd URI (or film) and day, numbered when the
/// same identity occurs more than once in the file.
fn source_key(row: &Row, date: NaiveDate, seen: &mut HashMap<String, u32>) -> String {
    let who = if row.uri.is_empty() {
        title_key(&row.name, row.year)
    } else {
        row.uri.clone()
    };
    let base = format!("letterboxd:{who}|{date}");
    let n = seen.entry(base.clone()).or_default();
    *n += 1;
    format!("{base}#{n}")
}

fn viewing_from(row: &Row, film_id: String, date: NaiveDate) -> Viewing {
    Viewing {
        id: new_id(),
        film_id,
        watched_on: date,
        rating: stars(row.rating),
        rewatch: row.rewatch,
        liked: false,
        place_kind: None,
        place: String::new(),
        with_whom: String::new(),
        notes: String::new(),
        tags: row.tags.clone(),
        review_id: None,
        created_at: now(),
    }
}

fn review_from(row: &Row) -> Review {
    let written = row
        .date
        .or(row.watched_date)
        .and_then(|d| d.and_hms_opt(12, 0, 0))
        .map(|t| Utc.from_utc_datetime(&t).fixed_offset())
        .unwrap_or_else(now);
    Review {
        id: new_id(),
        film: FilmFacts {
            title: row.name.clone(),
            year: row.year,
            ..FilmFacts::default()
        },
        sections: vec![Section {
            id: new_id(),
            title: "Review".to_string(),
            role: SectionRole::Body,
            body: review_markdown(&row.review),
            word_target: None,
            spoiler: false,
        }],
        rating: stars(row.rating),
        byline: String::new(),
        publication: "Letterboxd".to_string(),
        tags: row.tags.clone(),
        links: if row.uri.is_empty() {
            Vec::new()
        } else {
            vec![RelatedLink {
                title: "On Letterboxd".to_string(),
                url: row.uri.clone(),
            }]
        },
        embargo: None,
        status: Status::Published,
        created_at: written,
        updated_at: now(),
        published_at: Some(written),
        lang: None,
    }
}

/// Writes the log as a Letterboxd-importer CSV at `path` (replaced atomically): one row per
/// viewing, then one per film rated, liked or marked watched without a dated viewing. Returns
/// the number of rows written.
pub fn export(store: &Store, path: &Path) -> Result<usize> {
    let rows = store.read_log(logdb::letterboxd_rows)?;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .map_err(|e| Error::io(format!("writing in {}", dir.display()), e))?;
    {
        let mut writer = csv::Writer::from_writer(&mut tmp);
        let io = |e: csv::Error| Error::Internal(format!("writing CSV: {e}"));
        writer.write_record(EXPORT_COLUMNS).map_err(io)?;
        for row in &rows {
            writer.write_record(row).map_err(io)?;
        }
        writer
            .flush()
            .map_err(|e| Error::io(format!("writing {}", path.display()), e))?;
    }
    tmp.as_file_mut()
        .flush()
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| Error::io(format!("writing {}", path.display()), e))?;
    tmp.persist(path)
        .map_err(|e| Error::io(format!("writing {}", path.display()), e.error))?;
    Ok(rows.len())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // A test that cannot unwrap has failed.
mod tests;
