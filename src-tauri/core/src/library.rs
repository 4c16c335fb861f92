//! The library's filters and sort orders, and the values the filters offer. Queries in
//! `store/library.rs`; SQL does the work, so ten thousand reviews cost one indexed query, not
//! a list carried to the UI and sifted there.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::Status;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LibrarySort {
    /// Most recently edited first (the library's usual order).
    #[default]
    Edited,
    /// Most recently created first.
    Created,
    /// Newest film first; films without a year last.
    FilmYear,
    /// Highest rating first (on the canonical 0–100 value, across scales); unrated last.
    Rating,
}

/// Which reviews the library shows, and in what order. Every field left empty matches all.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct LibraryFilter {
    pub status: Option<Status>,
    /// Canonical rating bounds (0–100), inclusive; either bound excludes unrated reviews.
    pub rating_min: Option<f64>,
    pub rating_max: Option<f64>,
    pub year: Option<i32>,
    /// One of the film's directors, exactly (case aside).
    pub director: Option<String>,
    pub tag: Option<String>,
    pub publication: Option<String>,
    /// Some(true): only reviews with a spoiler section; Some(false): only those without.
    pub spoilers: Option<bool>,
    pub sort: LibrarySort,
}

impl LibraryFilter {
    /// Whether this is the plain library: everything, most recently edited first.
    pub fn is_default(&self) -> bool {
        *self == LibraryFilter::default()
    }
}

/// What the filters can choose from: the values the live reviews have.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LibraryFacets {
    /// Newest first.
    pub years: Vec<i32>,
    pub directors: Vec<String>,
    pub tags: Vec<String>,
    pub publications: Vec<String>,
}
