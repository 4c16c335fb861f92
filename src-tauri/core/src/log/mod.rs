//! The film log: films as first-class records, the critic's viewings of them, and the
//! statistics drawn from both.
//!
//! A film is one record however many reviews and viewings point at it. Records are found
//! again by [`dedupe_key`]: the IMDb id when known, else the normalised title and year. The
//! store side lives in `store/log.rs`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::model::{FilmFacts, ReviewSummary, Timestamp};
use crate::rating::Rating;

/// Where a film was seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PlaceKind {
    Cinema,
    Festival,
    Platform,
    Home,
    Other,
}

impl PlaceKind {
    pub const ALL: [PlaceKind; 5] = [
        PlaceKind::Cinema,
        PlaceKind::Festival,
        PlaceKind::Platform,
        PlaceKind::Home,
        PlaceKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Cinema => "cinema",
            PlaceKind::Festival => "festival",
            PlaceKind::Platform => "platform",
            PlaceKind::Home => "home",
            PlaceKind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One time the critic watched a film.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Viewing {
    pub id: String,
    pub film_id: String,
    /// The day it was watched, `YYYY-MM-DD`.
    #[ts(type = "string")]
    pub watched_on: NaiveDate,
    pub rating: Rating,
    pub rewatch: bool,
    pub liked: bool,
    pub place_kind: Option<PlaceKind>,
    /// The cinema, festival or platform by name ("Curzon Soho", "Berlinale", "MUBI").
    pub place: String,
    pub with_whom: String,
    pub notes: String,
    pub tags: Vec<String>,
    /// The review written about this viewing, if any.
    pub review_id: Option<String>,
    pub created_at: Timestamp,
}

/// Which film a new viewing is of: one the library has, or one described by its facts (typed,
/// or filled from the IMDb index), found again by its dedupe key or created.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FilmChoice {
    Existing { id: String },
    New { facts: Box<FilmFacts> },
}

/// What the "Log a film" dialog sends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct NewViewing {
    pub film: FilmChoice,
    #[ts(type = "string")]
    pub watched_on: NaiveDate,
    pub rating: Rating,
    pub rewatch: bool,
    pub liked: bool,
    pub place_kind: Option<PlaceKind>,
    pub place: String,
    pub with_whom: String,
    pub notes: String,
    pub tags: Vec<String>,
    pub review_id: Option<String>,
}

/// A film as lists show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FilmSummary {
    pub id: String,
    pub title: String,
    pub year: Option<i32>,
    pub directors: Vec<String>,
}

/// One line of the diary: a viewing and its film.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DiaryEntry {
    pub viewing: Viewing,
    pub film: FilmSummary,
}

/// A film record with what the critic marked on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FilmRecord {
    pub id: String,
    pub facts: FilmFacts,
    /// The film's Letterboxd page, or empty.
    pub letterboxd_uri: String,
    pub liked: bool,
    /// Marked as seen without a dated viewing (Letterboxd's "watched").
    pub watched: bool,
    /// The rating given to the film itself (Letterboxd's ratings), apart from any viewing's.
    pub rating: Option<Rating>,
    pub on_watchlist: bool,
}

/// A film's page: its facts, every viewing (newest first) and every review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FilmPage {
    pub film: FilmRecord,
    pub viewings: Vec<Viewing>,
    pub reviews: Vec<ReviewSummary>,
}

/// An autocomplete suggestion from the library's own films.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FilmMatch {
    pub id: String,
    pub title: String,
    pub year: Option<i32>,
    pub directors: Vec<String>,
    pub viewings: u32,
}

/// A film on the watchlist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct WatchlistEntry {
    pub film: FilmSummary,
    #[ts(type = "string")]
    pub added_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MonthCount {
    /// 1 to 12.
    pub month: u32,
    pub viewings: u32,
}

/// One bar of the ratings histogram, in half stars (every scale is converted to five stars).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RatingBin {
    /// Step on the five-star scale, 0 to 10.
    pub step: u16,
    /// "3½".
    pub label: String,
    pub viewings: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct NameCount {
    pub name: String,
    pub viewings: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LogTotals {
    pub viewings: u32,
    pub films: u32,
    /// Sum of runtimes of the viewings whose film has one.
    // serde sends a JSON number; ts-rs would say bigint for u64. Far below 2^53 in practice.
    #[ts(type = "number")]
    pub minutes: u64,
    pub rated: u32,
    pub reviews: u32,
}

/// Everything the statistics view draws. `per_month`, the histogram, the tops and the
/// first-watch/rewatch split are for `year` (all time when `None`); `totals` too.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LogStats {
    pub year: Option<i32>,
    /// Years that have viewings, newest first, for the year picker.
    pub years: Vec<i32>,
    /// Twelve entries, January first (all zero when `year` is `None`).
    pub per_month: Vec<MonthCount>,
    /// Eleven bins, 0 to 5 stars in halves.
    pub ratings: Vec<RatingBin>,
    pub top_directors: Vec<NameCount>,
    pub top_countries: Vec<NameCount>,
    pub top_genres: Vec<NameCount>,
    pub first_watches: u32,
    pub rewatches: u32,
    pub totals: LogTotals,
}

/// What an import did: counts of what was added and of what was already there.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportCounts {
    pub films: u32,
    pub viewings: u32,
    pub reviews: u32,
    pub ratings: u32,
    pub likes: u32,
    pub watched: u32,
    pub watchlist: u32,
}

/// A row an import left out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SkippedRow {
    pub file: String,
    #[ts(type = "number")]
    pub line: u64,
    pub reason: String,
}

/// The end of an import: what was added, what matched records already in the library (films
/// found again, rows imported before), and what was skipped and why.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportReport {
    pub added: ImportCounts,
    pub matched: ImportCounts,
    pub skipped: Vec<SkippedRow>,
}

/// The key that finds a film record again: `imdb:<id>` when the IMDb id is known, else
/// `title:<normalised title>|<year>`. Titles are folded to ASCII, lower case, letters and
/// digits, so "Amélie" and "Amelie", "Se7en" and "se7en" meet.
pub fn dedupe_key(title: &str, year: Option<i32>, imdb_id: &str) -> String {
    let imdb_id = imdb_id.trim();
    if !imdb_id.is_empty() {
        return format!("imdb:{imdb_id}");
    }
    title_key(title, year)
}

/// The title-and-year form of [`dedupe_key`], used also to upgrade a film found by title.
pub fn title_key(title: &str, year: Option<i32>) -> String {
    let year = year.map(|y| y.to_string()).unwrap_or_default();
    format!("title:{}|{year}", normalise_title(title))
}

/// Folds a title for comparison: ASCII, lower case, runs of anything else become one space.
pub fn normalise_title(title: &str) -> String {
    // Most titles are ASCII already: folded without deunicode's copy (an IMDb import folds
    // hundreds of thousands of them).
    if title.is_ascii() {
        fold_ascii(title)
    } else {
        fold_ascii(&deunicode::deunicode(title))
    }
}

/// `normalise_title` of ASCII text: lower case, runs of anything but letters and digits one space.
fn fold_ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(char::from(b.to_ascii_lowercase()));
        } else {
            gap = true;
        }
    }
    out
}

/// Checks a film's facts before it becomes a record.
pub(crate) fn validate_facts(facts: &FilmFacts) -> Result<()> {
    if facts.title.trim().is_empty() {
        return Err(Error::invalid("a film needs a title"));
    }
    if let Some(year) = facts.year {
        if !(1870..=2200).contains(&year) {
            return Err(Error::invalid(format!(
                "film year {year} is not a year a film could be from (1870 to 2200)"
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // A test that cannot unwrap has failed.
mod tests {
    use super::*;

    #[test]
    fn dedupe_keys_fold_titles_and_prefer_imdb() {
        assert_eq!(dedupe_key("Amélie", Some(2001), ""), "title:amelie|2001");
        assert_eq!(
            dedupe_key("  AMELIE!! ", Some(2001), ""),
            dedupe_key("Amélie", Some(2001), "")
        );
        assert_eq!(dedupe_key("Se7en", None, ""), "title:se7en|");
        assert_eq!(
            dedupe_key("Heat", Some(1995), "tt0113277"),
            "imdb:tt0113277"
        );
        assert_ne!(
            dedupe_key("Heat", Some(1995), ""),
            dedupe_key("Heat", Some(1986), "")
        );
        assert_eq!(
            normalise_title("Crouching Tiger, Hidden Dragon"),
            "crouching tiger hidden dragon"
        );
    }
}
