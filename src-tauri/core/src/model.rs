//! The review model: what a critic writes and what they attach to it.
//!
//! Dates are `DateTime<FixedOffset>` so that the critic's own time zone is kept (minute
//! precision with offset is what an article's dates show).

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::rating::Rating;

/// A timestamp with the writer's time zone, serialised as RFC 3339.
pub type Timestamp = DateTime<FixedOffset>;

/// Now, in the machine's local time zone.
pub fn now() -> Timestamp {
    chrono::Local::now().fixed_offset()
}

/// Where a review is on its way to readers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    Draft,
    Ready,
    Published,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Ready => "ready",
            Status::Published => "published",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "draft" => Some(Status::Draft),
            "ready" => Some(Status::Ready),
            "published" => Some(Status::Published),
            _ => None,
        }
    }
}

/// What part a section plays in the article. Headline and standfirst are placed in the
/// article's header on export; body sections become the article's `h2` sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
pub enum SectionRole {
    Headline,
    Standfirst,
    #[default]
    Body,
}

impl SectionRole {
    pub fn as_str(self) -> &'static str {
        match self {
            SectionRole::Headline => "headline",
            SectionRole::Standfirst => "standfirst",
            SectionRole::Body => "body",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "headline" => Some(SectionRole::Headline),
            "standfirst" => Some(SectionRole::Standfirst),
            "body" => Some(SectionRole::Body),
            _ => None,
        }
    }
}

/// One part of a review, written in Markdown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Section {
    pub id: String,
    /// The section's heading as the critic named it ("Performances").
    pub title: String,
    pub role: SectionRole,
    /// Markdown source.
    pub body: String,
    /// Optional word budget; the editor warns past it.
    pub word_target: Option<u32>,
    /// The section gives away the plot; exports mark it.
    pub spoiler: bool,
}

/// An actor and the character they play.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
pub struct CastMember {
    pub actor: String,
    pub character: String,
}

/// The film a review is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
pub struct FilmFacts {
    pub title: String,
    pub original_title: String,
    pub year: Option<i32>,
    pub runtime_minutes: Option<u32>,
    pub directors: Vec<String>,
    pub cast: Vec<CastMember>,
    pub genres: Vec<String>,
    pub countries: Vec<String>,
    pub languages: Vec<String>,
    /// Where readers can see it ("In cinemas", "Streaming on …").
    pub where_to_watch: String,
    /// IMDb title id such as `tt0000001`, or empty.
    pub imdb_id: String,
}

/// An "Also read" link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
pub struct RelatedLink {
    pub title: String,
    pub url: String,
}

/// A review: the article a critic writes, its film, and its own facts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Review {
    pub id: String,
    pub film: FilmFacts,
    pub sections: Vec<Section>,
    pub rating: Rating,
    pub byline: String,
    pub publication: String,
    pub tags: Vec<String>,
    pub links: Vec<RelatedLink>,
    /// The article must not be published before this moment.
    pub embargo: Option<Timestamp>,
    pub status: Status,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub published_at: Option<Timestamp>,
    /// Hunspell dictionary for this review's spelling check (`en_US`, `en_GB`); `None` follows
    /// the default in the settings. Absent from data written before it existed.
    #[serde(default)]
    pub lang: Option<String>,
}

impl Review {
    /// The text of the first headline section, if any.
    pub fn headline(&self) -> &str {
        self.section_text(SectionRole::Headline)
    }

    /// The text of the first standfirst section, if any.
    pub fn standfirst(&self) -> &str {
        self.section_text(SectionRole::Standfirst)
    }

    fn section_text(&self, role: SectionRole) -> &str {
        self.sections
            .iter()
            .find(|s| s.role == role)
            .map(|s| s.body.trim())
            .unwrap_or("")
    }

    /// Words across every section.
    pub fn word_count(&self) -> usize {
        self.sections
            .iter()
            .map(|s| crate::words::count_words(&s.body))
            .sum()
    }
}

/// One line of the library sidebar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReviewSummary {
    pub id: String,
    pub film_title: String,
    pub film_year: Option<i32>,
    pub headline: String,
    pub status: Status,
    pub rating: Rating,
    pub word_count: u32,
    pub updated_at: Timestamp,
}

/// A new UUID v7 (time-ordered) as a string.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}
