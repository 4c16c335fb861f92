//! Offline film facts from IMDb's non-commercial dataset.
//!
//! The dataset's TSV files (`.tsv.gz` or `.tsv`) are read as streams, line by line, into a
//! SQLite index kept beside the library (`imdb-index.sqlite`), separate from it so that the
//! library stays small and the index can be rebuilt or deleted at will. Only films are kept
//! (`titleType` movie and tvMovie); memory holds the ids of kept films and of the people they
//! need, never a file. The index is built in a side file and renamed into place when
//! complete, so a cancelled or failed import leaves the previous index as it was.

mod reader;
mod search;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use search::{ImdbIndex, ImdbMatch, SharedIndex};

use crate::error::{Error, Result};
use crate::log::normalise_title;
use reader::TsvReader;

/// The index file for the library at `library`: beside it, in the same folder.
pub fn index_path(library: &Path) -> PathBuf {
    library
        .parent()
        .unwrap_or(Path::new("."))
        .join("imdb-index.sqlite")
}

/// The dataset files, in the order they are read.
pub const FILES: [&str; 4] = [
    "title.basics",
    "title.crew",
    "title.principals",
    "name.basics",
];

/// Where an import is, for a progress bar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ImdbProgress {
    /// The file being read ("title.basics.tsv.gz").
    pub file: String,
    /// Index of that file among the files found, from 0.
    pub file_index: u32,
    pub file_count: u32,
    /// Bytes of the file (as stored, compressed or not) read so far, and its size.
    #[ts(type = "number")]
    pub bytes_read: u64,
    #[ts(type = "number")]
    pub bytes_total: u64,
    #[ts(type = "number")]
    pub rows: u64,
}

/// What an IMDb import did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct ImdbReport {
    /// Films kept (movie and tvMovie).
    pub films: u32,
    pub people: u32,
    /// Cast lines kept (actors and actresses of kept films).
    pub cast: u32,
    /// Lines read across all files.
    #[ts(type = "number")]
    pub rows_read: u64,
    /// Files not found in the folder (all but title.basics may be missing).
    pub missing: Vec<String>,
    /// The critic cancelled; the previous index, if any, is untouched.
    pub cancelled: bool,
    pub seconds: f64,
}

/// How often (in lines) progress is reported and the cancel flag looked at.
const CHECK_EVERY: u64 = 65_536;

const SCHEMA: &str = "
CREATE TABLE titles (
    id             INTEGER PRIMARY KEY,   -- the number of the tconst (tt0113277 -> 113277)
    title          TEXT NOT NULL,
    original_title TEXT NOT NULL,
    key            TEXT NOT NULL,         -- normalised title, for prefix search
    year           INTEGER,
    runtime        INTEGER,
    genres         TEXT NOT NULL,         -- comma-separated, as IMDb gives them
    kind           TEXT NOT NULL
);
CREATE TABLE crew (title_id INTEGER PRIMARY KEY, directors TEXT NOT NULL); -- nconst numbers
CREATE TABLE cast_members (
    title_id   INTEGER NOT NULL,
    ordering   INTEGER NOT NULL,
    name_id    INTEGER NOT NULL,
    characters TEXT NOT NULL,
    PRIMARY KEY (title_id, ordering)
) WITHOUT ROWID;
CREATE TABLE names (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
";

/// The version of the index's schema, in its `PRAGMA user_version`. 0: the first (no
/// version); 1: adds `titles_year_key`, for a search with a year. An older index is still
/// searched (without what it lacks); a newer one is refused.
pub const INDEX_VERSION: i64 = 1;

const INDEXES: &str = "
CREATE INDEX titles_key ON titles(key);
CREATE INDEX titles_year_key ON titles(year, key);
CREATE VIRTUAL TABLE titles_fts USING fts5(
    title, original_title, content='titles', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2', prefix='2 3');
INSERT INTO titles_fts(titles_fts) VALUES ('rebuild');
";

/// Imports the dataset files found in `folder` into the index at `index`, replacing it when
/// the import completes. `progress` is called every few ten thousand lines; setting `cancel`
/// stops the import at the next of those points.
pub fn import_dataset(
    folder: &Path,
    index: &Path,
    progress: &mut dyn FnMut(&ImdbProgress),
    cancel: &AtomicBool,
) -> Result<ImdbReport> {
    let started = std::time::Instant::now();
    let mut found = Vec::new();
    let mut report = ImdbReport::default();
    for name in FILES {
        let gz = folder.join(format!("{name}.tsv.gz"));
        let plain = folder.join(format!("{name}.tsv"));
        if gz.is_file() {
            found.push((name, gz));
        } else if plain.is_file() {
            found.push((name, plain));
        } else if name == "title.basics" {
            return Err(Error::invalid(format!(
                "{}: no title.basics.tsv.gz (or .tsv) in it; download IMDb's dataset files into one folder",
                folder.display()
            )));
        } else {
            report.missing.push(name.to_string());
        }
    }
    let partial = index.with_extension("sqlite.partial");
    let _ = std::fs::remove_file(&partial);
    let result = build(&found, &partial, &mut report, progress, cancel);
    match result {
        Ok(()) if !report.cancelled => {
            std::fs::rename(&partial, index)
                .map_err(|e| Error::io(format!("writing {}", index.display()), e))?;
        }
        other => {
            let _ = std::fs::remove_file(&partial);
            other?;
        }
    }
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

fn build(
    files: &[(&str, PathBuf)],
    path: &Path,
    report: &mut ImdbReport,
    progress: &mut dyn FnMut(&ImdbProgress),
    cancel: &AtomicBool,
) -> Result<()> {
    let mut conn = Connection::open(path)?;
    // A side file rebuilt from scratch on failure: durability buys nothing here.
    conn.pragma_update(None, "journal_mode", "OFF")?;
    conn.pragma_update(None, "synchronous", "OFF")?;
    conn.pragma_update(None, "locking_mode", "EXCLUSIVE")?;
    conn.execute_batch(SCHEMA)?;
    let mut films: HashSet<u32> = HashSet::new();
    let mut people: HashSet<u32> = HashSet::new();
    let file_count = files.len() as u32;
    for (file_index, (name, path)) in files.iter().enumerate() {
        let mut reader = TsvReader::open(path, header_for(name))?;
        let shown = reader.file_name().to_string();
        let mut state = Progress {
            info: ImdbProgress {
                file: shown,
                file_index: file_index as u32,
                file_count,
                bytes_read: 0,
                bytes_total: reader.bytes_total(),
                rows: 0,
            },
            progress,
            cancel,
        };
        let tx = conn.transaction()?;
        let stopped = match *name {
            "title.basics" => read_basics(&tx, &mut reader, &mut films, &mut state, report)?,
            "title.crew" => read_crew(&tx, &mut reader, &films, &mut people, &mut state)?,
            "title.principals" => {
                read_principals(&tx, &mut reader, &films, &mut people, &mut state, report)?
            }
            _ => read_names(&tx, &mut reader, &people, &mut state, report)?,
        };
        report.rows_read += state.info.rows;
        if stopped {
            report.cancelled = true;
            return Ok(());
        }
        tx.commit()?;
        // The file is read and stored: the bar's end for it.
        state.info.bytes_read = reader.bytes_read();
        (state.progress)(&state.info);
    }
    conn.execute_batch(INDEXES)?;
    conn.pragma_update(None, "user_version", INDEX_VERSION)?;
    conn.execute_batch("PRAGMA optimize;")?;
    Ok(())
}

struct Progress<'a> {
    info: ImdbProgress,
    progress: &'a mut dyn FnMut(&ImdbProgress),
    cancel: &'a AtomicBool,
}

impl Progress<'_> {
    /// Counts a line; every [`CHECK_EVERY`] lines reports and returns `true` when cancelled.
    fn tick(&mut self, reader: &TsvReader) -> bool {
        self.info.rows += 1;
        if self.info.rows.is_multiple_of(CHECK_EVERY) {
            self.info.bytes_read = reader.bytes_read();
            (self.progress)(&self.info);
            return self.cancel.load(Ordering::Relaxed);
        }
        false
    }
}

fn header_for(name: &str) -> &'static [&'static str] {
    match name {
        "title.basics" => &[
            "tconst",
            "titleType",
            "primaryTitle",
            "originalTitle",
            "isAdult",
            "startYear",
            "endYear",
            "runtimeMinutes",
            "genres",
        ],
        "title.crew" => &["tconst", "directors", "writers"],
        "title.principals" => &[
            "tconst",
            "ordering",
            "nconst",
            "category",
            "job",
            "characters",
        ],
        _ => &[
            "nconst",
            "primaryName",
            "birthYear",
            "deathYear",
            "primaryProfession",
            "knownForTitles",
        ],
    }
}

/// `tt0113277` → 113277 (and `nm…` likewise).
fn id_number(text: &str, prefix: &str) -> Option<u32> {
    text.strip_prefix(prefix)?.parse().ok()
}

fn null(field: &str) -> Option<&str> {
    (field != "\\N" && !field.is_empty()).then_some(field)
}

fn read_basics(
    tx: &Connection,
    reader: &mut TsvReader,
    films: &mut HashSet<u32>,
    state: &mut Progress<'_>,
    report: &mut ImdbReport,
) -> Result<bool> {
    let mut insert = tx.prepare(
        "INSERT OR REPLACE INTO titles (id, title, original_title, key, year, runtime, genres, kind)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    while reader.advance()? {
        if state.tick(reader) {
            return Ok(true);
        }
        let kind = match reader.bytes(1) {
            b"movie" => "movie",
            b"tvMovie" => "tvMovie",
            _ => continue,
        };
        let tconst = reader.field(0)?;
        let id = id_number(tconst, "tt").ok_or_else(|| reader.bad("tconst", tconst))?;
        let year: Option<i32> = null(reader.field(5)?).and_then(|y| y.parse().ok());
        let runtime: Option<u32> = null(reader.field(7)?).and_then(|r| r.parse().ok());
        let title = reader.field(2)?;
        let original = null(reader.field(3)?).unwrap_or(title);
        insert.execute(params![
            id,
            title,
            if original == title { "" } else { original },
            normalise_title(title),
            year,
            runtime,
            null(reader.field(8)?).unwrap_or(""),
            kind,
        ])?;
        if films.insert(id) {
            report.films += 1;
        }
    }
    Ok(false)
}

fn read_crew(
    tx: &Connection,
    reader: &mut TsvReader,
    films: &HashSet<u32>,
    people: &mut HashSet<u32>,
    state: &mut Progress<'_>,
) -> Result<bool> {
    let mut insert =
        tx.prepare("INSERT OR REPLACE INTO crew (title_id, directors) VALUES (?1, ?2)")?;
    while reader.advance()? {
        if state.tick(reader) {
            return Ok(true);
        }
        let Some(id) = id_number(reader.field(0)?, "tt").filter(|id| films.contains(id)) else {
            continue;
        };
        let Some(directors) = null(reader.field(1)?) else {
            continue;
        };
        let numbers: Vec<u32> = directors
            .split(',')
            .filter_map(|d| id_number(d, "nm"))
            .collect();
        people.extend(&numbers);
        let list = numbers
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(",");
        insert.execute(params![id, list])?;
    }
    Ok(false)
}

fn read_principals(
    tx: &Connection,
    reader: &mut TsvReader,
    films: &HashSet<u32>,
    people: &mut HashSet<u32>,
    state: &mut Progress<'_>,
    report: &mut ImdbReport,
) -> Result<bool> {
    let mut insert = tx.prepare(
        "INSERT OR REPLACE INTO cast_members (title_id, ordering, name_id, characters)
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    while reader.advance()? {
        if state.tick(reader) {
            return Ok(true);
        }
        if !matches!(reader.bytes(3), b"actor" | b"actress" | b"self") {
            continue;
        }
        let Some(id) = id_number(reader.field(0)?, "tt").filter(|id| films.contains(id)) else {
            continue;
        };
        let ordering = reader.field(1)?;
        let ordering: u32 = ordering
            .parse()
            .map_err(|_| reader.bad("ordering", ordering))?;
        let nconst = reader.field(2)?;
        let person = id_number(nconst, "nm").ok_or_else(|| reader.bad("nconst", nconst))?;
        insert.execute(params![id, ordering, person, characters(reader.field(5)?)])?;
        people.insert(person);
        report.cast += 1;
    }
    Ok(false)
}

/// `["Defne","Herself"]` → "Defne / Herself"; `\N` → "".
pub(crate) fn characters(field: &str) -> String {
    let Some(field) = null(field) else {
        return String::new();
    };
    match serde_json::from_str::<Vec<String>>(field) {
        Ok(list) => list.join(" / "),
        Err(_) => field
            .trim_start_matches('[')
            .trim_end_matches(']')
            .replace('"', "")
            .trim()
            .to_string(),
    }
}

fn read_names(
    tx: &Connection,
    reader: &mut TsvReader,
    people: &HashSet<u32>,
    state: &mut Progress<'_>,
    report: &mut ImdbReport,
) -> Result<bool> {
    let mut insert = tx.prepare("INSERT OR REPLACE INTO names (id, name) VALUES (?1, ?2)")?;
    while reader.advance()? {
        if state.tick(reader) {
            return Ok(true);
        }
        let Some(id) = id_number(reader.field(0)?, "nm").filter(|id| people.contains(id)) else {
            continue;
        };
        insert.execute(params![id, reader.field(1)?])?;
        report.people += 1;
    }
    Ok(false)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // A test that cannot unwrap has failed.
mod tests;
