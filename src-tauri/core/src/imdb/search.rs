//! Reading the IMDb index: title autocomplete and a film's facts.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::log::normalise_title;
use crate::model::{CastMember, FilmFacts};

/// A title offered while the critic types.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ImdbMatch {
    /// `tt0113277`.
    pub tconst: String,
    pub title: String,
    /// Empty when it is the same as the title.
    pub original_title: String,
    pub year: Option<i32>,
    pub runtime_minutes: Option<u32>,
    /// "movie" or "tvMovie".
    pub kind: String,
}

/// How much of the cast `film` returns, in billing order.
const CAST_LIMIT: usize = 12;

/// An open IMDb index (read-only).
pub struct ImdbIndex {
    conn: Connection,
    /// Its `user_version` (see [`super::INDEX_VERSION`]); an index built by an older Filmdesk
    /// is searched without what it lacks.
    version: i64,
}

impl ImdbIndex {
    pub fn open(path: &Path) -> Result<ImdbIndex> {
        if !path.is_file() {
            return Err(Error::NotFound(format!(
                "the IMDb index ({}); import IMDb's dataset first",
                path.display()
            )));
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version > super::INDEX_VERSION {
            return Err(Error::invalid(format!(
                "the IMDb index ({}) was built by a newer Filmdesk; import IMDb's dataset again",
                path.display()
            )));
        }
        Ok(ImdbIndex { conn, version })
    }

    /// Titles matching `query`: titles starting with it first, then titles with words
    /// starting with its words. A four-digit year in the query ("heat 1995") filters by year.
    pub fn search(&self, query: &str, limit: u32) -> Result<Vec<ImdbMatch>> {
        let mut year: Option<i32> = None;
        let mut words: Vec<String> = Vec::new();
        for word in normalise_title(query).split(' ').filter(|w| !w.is_empty()) {
            match word.parse::<i32>() {
                Ok(y) if (1870..=2200).contains(&y) && word.len() == 4 && year.is_none() => {
                    year = Some(y)
                }
                _ => words.push(word.to_string()),
            }
        }
        if words.is_empty() {
            return Ok(Vec::new());
        }
        let limit = limit.clamp(1, 100) as usize;
        let prefix = words.join(" ");
        let mut out: Vec<ImdbMatch> = Vec::new();
        // Titles that start with the query, in key order, straight off an index: a short
        // prefix ("th") matches a great many titles, and sorting them all would cost more
        // than a keystroke allows. With a year, through the (year, key) index: through the
        // key index alone, "road 1950" read every title starting with "road" to check its year.
        let mut stmt = if year.is_some() && self.version >= 1 {
            self.conn.prepare_cached(
                "SELECT id, title, original_title, year, runtime, kind FROM titles
                 INDEXED BY titles_year_key
                 WHERE year = ?2 AND key >= ?1 AND key < ?1 || '~'
                 ORDER BY key LIMIT ?3",
            )?
        } else {
            self.conn.prepare_cached(
                "SELECT id, title, original_title, year, runtime, kind FROM titles
                 WHERE key >= ?1 AND key < ?1 || '~' AND (?2 IS NULL OR year = ?2)
                 ORDER BY key, year DESC LIMIT ?3",
            )?
        };
        let rows = stmt.query_map(params![prefix, year, limit as i64], matched)?;
        for row in rows {
            out.push(row?);
        }
        if out.len() < limit {
            // Titles with the query's words anywhere in them: first the words as typed, whole;
            // then with the last one perhaps still being typed ("shadow blue gar"); only when
            // that finds nothing, every word as a prefix ("nig hea"). FTS5 gathers a prefix's
            // whole list of titles before it can intersect (unless the prefix is 2 or 3
            // characters long: those have their own index), which for a common word costs
            // tens of milliseconds, while whole words are read lazily, skipping through their
            // lists.
            let last = words.len() - 1;
            let before = out.len();
            self.search_words(&fts_expression(&words, |_| false), year, limit, &mut out)?;
            if out.len() < limit {
                let typed = fts_expression(&words, |i| i == last);
                self.search_words(&typed, year, limit, &mut out)?;
            }
            if out.len() == before && last > 0 {
                self.search_words(&fts_expression(&words, |_| true), year, limit, &mut out)?;
            }
        }
        Ok(out)
    }

    /// Adds to `out` (up to `limit`) the titles matching an FTS5 `expression`, shortest first.
    fn search_words(
        &self,
        expression: &str,
        year: Option<i32>,
        limit: usize,
        out: &mut Vec<ImdbMatch>,
    ) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.id, t.title, t.original_title, t.year, t.runtime, t.kind
             FROM (SELECT rowid AS id FROM titles_fts WHERE titles_fts MATCH ?1 LIMIT 2000) m
             JOIN titles t ON t.id = m.id
             WHERE (?2 IS NULL OR t.year = ?2)
             ORDER BY length(t.title), t.year DESC LIMIT ?3",
        )?;
        let rows = stmt.query_map(params![expression, year, (limit * 2) as i64], matched)?;
        for row in rows {
            let row = row?;
            if out.len() < limit && !out.iter().any(|m| m.tconst == row.tconst) {
                out.push(row);
            }
        }
        Ok(())
    }

    /// A film's facts as the index holds them: title, year, runtime, genres, directors and
    /// the principal cast with their characters.
    pub fn film(&self, tconst: &str) -> Result<FilmFacts> {
        let id: u32 = tconst
            .trim()
            .strip_prefix("tt")
            .and_then(|n| n.parse().ok())
            .ok_or_else(|| Error::invalid(format!("{tconst:?} is not an IMDb title id (tt…)")))?;
        let (title, original, year, runtime, genres): (
            String,
            String,
            Option<i32>,
            Option<u32>,
            String,
        ) = self
            .conn
            .query_row(
                "SELECT title, original_title, year, runtime, genres FROM titles WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("{tconst} in the IMDb index")))?;
        let directors: String = self
            .conn
            .query_row(
                "SELECT directors FROM crew WHERE title_id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or_default();
        let mut name = self
            .conn
            .prepare_cached("SELECT name FROM names WHERE id = ?1")?;
        let mut directors_named = Vec::new();
        for number in directors.split(',').filter_map(|d| d.parse::<u32>().ok()) {
            if let Some(n) = name
                .query_row([number], |r| r.get::<_, String>(0))
                .optional()?
            {
                directors_named.push(n);
            }
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT n.name, c.characters FROM cast_members c JOIN names n ON n.id = c.name_id
             WHERE c.title_id = ?1 ORDER BY c.ordering LIMIT ?2",
        )?;
        let cast = stmt
            .query_map(params![id, CAST_LIMIT as i64], |r| {
                Ok(CastMember {
                    actor: r.get(0)?,
                    character: r.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(FilmFacts {
            title,
            original_title: original,
            year,
            runtime_minutes: runtime,
            directors: directors_named,
            cast,
            genres: genres
                .split(',')
                .filter(|g| !g.is_empty())
                .map(str::to_string)
                .collect(),
            imdb_id: format!("tt{id:07}"),
            ..FilmFacts::default()
        })
    }
}

/// An FTS5 query for all of `words` (normalised, so plain letters and digits), those for which
/// `prefix` holds as prefixes.
fn fts_expression(words: &[String], prefix: impl Fn(usize) -> bool) -> String {
    words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if prefix(i) {
                format!("\"{w}\"*")
            } else {
                format!("\"{w}\"")
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn matched(r: &rusqlite::Row<'_>) -> rusqlite::Result<ImdbMatch> {
    Ok(ImdbMatch {
        tconst: format!("tt{:07}", r.get::<_, u32>(0)?),
        title: r.get(1)?,
        original_title: r.get(2)?,
        year: r.get(3)?,
        runtime_minutes: r.get(4)?,
        kind: r.get(5)?,
    })
}

/// The IMDb index kept open between queries: autocomplete asks once per keystroke, and opening
/// the file (and preparing the statements again) each time cost more than the query. It is
/// reopened when the file was replaced since (an import, here or by the command line, renames
/// a new file into place) and forgotten when the file is gone.
pub struct SharedIndex {
    path: PathBuf,
    open: Mutex<Option<(ImdbIndex, Stamp)>>,
}

/// What tells one index file from the next: an import renames a new file over the old one.
#[derive(Debug, Clone, PartialEq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    inode: u64,
}

impl Stamp {
    fn of(meta: &std::fs::Metadata) -> Stamp {
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(meta);
        #[cfg(not(unix))]
        let inode = 0;
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            inode,
        }
    }
}

impl SharedIndex {
    pub fn new(path: PathBuf) -> SharedIndex {
        SharedIndex {
            path,
            open: Mutex::new(None),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `work` on the open index, opening it first if need be; `Ok(None)` when there is
    /// no index (yet).
    pub fn with<T>(&self, work: impl FnOnce(&ImdbIndex) -> Result<T>) -> Result<Option<T>> {
        // A poisoned lock only means a query panicked; the connection is still usable.
        let mut open = self.open.lock().unwrap_or_else(|p| p.into_inner());
        let stamp = match std::fs::metadata(&self.path) {
            Ok(meta) if meta.is_file() => Stamp::of(&meta),
            _ => {
                *open = None;
                return Ok(None);
            }
        };
        let current = match open.take() {
            Some((index, was)) if was == stamp => index,
            _ => ImdbIndex::open(&self.path)?,
        };
        let result = work(&current);
        *open = Some((current, stamp));
        result.map(Some)
    }

    /// Closes the index, so that the next query opens whatever file is in place then.
    pub fn forget(&self) {
        *self.open.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }
}
