//! The versioned JSON form of a review, for moving, backing up and scripting reviews.
//! docs/review.schema.json describes it; docs/EXPORT.md says how to use it.
//!
//! Reading is strict: an unknown field, a value of the wrong type or out of range is refused
//! with the path of the first bad field (`film.cast[1].actor: invalid type …`), before
//! anything is written.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::{new_id, FilmFacts, RelatedLink, Review, Section, Status, Timestamp};
use crate::rating::Rating;
use crate::store::Store;

/// The version of the JSON form this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;

/// The document: a marker-and-version field first, then the review's fields.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct ReviewDocument {
    filmdesk_review: u32,
    id: String,
    status: Status,
    film: FilmFacts,
    rating: Rating,
    byline: String,
    publication: String,
    tags: Vec<String>,
    sections: Vec<Section>,
    links: Vec<RelatedLink>,
    embargo: Option<Timestamp>,
    created_at: Timestamp,
    updated_at: Timestamp,
    published_at: Option<Timestamp>,
    /// The review's spelling dictionary (`en_GB`). Added after version 1 was first written:
    /// optional, written only when set, so files without it read as before (and files of
    /// reviews without one stay readable by builds that predate it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    lang: Option<String>,
}

/// The review as its versioned JSON form (pretty-printed, UTF-8, ends with a newline).
pub fn to_json(review: &Review) -> Result<String> {
    let r = review.clone();
    let doc = ReviewDocument {
        filmdesk_review: FORMAT_VERSION,
        id: r.id,
        status: r.status,
        film: r.film,
        rating: r.rating,
        byline: r.byline,
        publication: r.publication,
        tags: r.tags,
        sections: r.sections,
        links: r.links,
        embargo: r.embargo,
        created_at: r.created_at,
        updated_at: r.updated_at,
        published_at: r.published_at,
        lang: r.lang,
    };
    let mut json =
        serde_json::to_string_pretty(&doc).map_err(|e| Error::Internal(e.to_string()))?;
    json.push('\n');
    Ok(json)
}

fn bad(path: &str, message: impl std::fmt::Display) -> Error {
    Error::invalid(format!(
        "not a valid Filmdesk review file: at {path}: {message}"
    ))
}

/// Reads a review from its JSON form, refusing anything that does not match the schema with
/// the path of the first bad field.
pub fn from_json(text: &str) -> Result<Review> {
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| Error::invalid(format!("not a valid Filmdesk review file: {e}")))?;
    let Some(object) = value.as_object() else {
        return Err(bad("(top level)", "expected a JSON object"));
    };
    match object.get("filmdesk_review") {
        None => {
            return Err(bad(
                "filmdesk_review",
                "missing: the file does not say it is a Filmdesk review",
            ))
        }
        Some(v) if v.as_u64() == Some(u64::from(FORMAT_VERSION)) => {}
        Some(v) => {
            return Err(bad(
                "filmdesk_review",
                format!("version {v} is not one this Filmdesk reads (it reads {FORMAT_VERSION})"),
            ))
        }
    }
    let mut unknown: Option<String> = None;
    let mut note_unknown = |path: serde_ignored::Path<'_>| {
        if unknown.is_none() {
            unknown = Some(path_text(&path));
        }
    };
    let ignored = serde_ignored::Deserializer::new(&value, &mut note_unknown);
    let doc: ReviewDocument = serde_path_to_error::deserialize(ignored).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." {
            "(top level)".to_string()
        } else {
            path
        };
        bad(&path, e.inner())
    })?;
    if let Some(path) = unknown {
        return Err(bad(&path, "unknown field"));
    }
    validate(&doc)?;
    Ok(Review {
        id: doc.id,
        film: doc.film,
        sections: doc.sections,
        rating: doc.rating,
        byline: doc.byline,
        publication: doc.publication,
        tags: doc.tags,
        links: doc.links,
        embargo: doc.embargo,
        status: doc.status,
        created_at: doc.created_at,
        updated_at: doc.updated_at,
        published_at: doc.published_at,
        lang: doc.lang,
    })
}

/// serde_ignored's path in serde_path_to_error's notation (`film.cast[0].agent`).
fn path_text(path: &serde_ignored::Path<'_>) -> String {
    use serde_ignored::Path;
    match path {
        Path::Root => String::new(),
        Path::Seq { parent, index } => format!("{}[{index}]", path_text(parent)),
        Path::Map { parent, key } => {
            let parent = path_text(parent);
            if parent.is_empty() {
                key.clone()
            } else {
                format!("{parent}.{key}")
            }
        }
        Path::Some { parent }
        | Path::NewtypeStruct { parent }
        | Path::NewtypeVariant { parent } => path_text(parent),
    }
}

/// The rules a type cannot say, with the same paths.
fn validate(doc: &ReviewDocument) -> Result<()> {
    if doc.id.trim().is_empty() {
        return Err(bad("id", "must not be empty"));
    }
    if let Some(step) = doc.rating.step {
        let max = doc.rating.scale.max_step();
        if step > max {
            return Err(bad(
                "rating.step",
                format!("{step} is beyond {} (0 to {max})", doc.rating.scale.label()),
            ));
        }
    }
    if let Some(year) = doc.film.year {
        if !(1870..=2200).contains(&year) {
            return Err(bad(
                "film.year",
                format!("{year} is not between 1870 and 2200"),
            ));
        }
    }
    if let Some(lang) = doc.lang.as_deref() {
        if !crate::checks::valid_lang(lang) {
            return Err(bad(
                "lang",
                format!("{lang:?} is not a dictionary name (such as en_US or en_GB)"),
            ));
        }
    }
    let mut ids = HashSet::new();
    for (i, section) in doc.sections.iter().enumerate() {
        if section.id.trim().is_empty() {
            return Err(bad(&format!("sections[{i}].id"), "must not be empty"));
        }
        if !ids.insert(section.id.as_str()) {
            return Err(bad(
                &format!("sections[{i}].id"),
                format!("{} is used by an earlier section", section.id),
            ));
        }
    }
    Ok(())
}

/// What to do when the library already has a review with the file's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ImportMode {
    /// Keep the file's ids; refuse (Error::AlreadyExists) if the review is already there.
    /// Importing a backup into the library it came from is then a no-op with a clear reason.
    #[default]
    KeepIds,
    /// Import as a copy: new ids for the review and its sections.
    NewIds,
}

/// Reads a review file into the library and returns the stored review. Nothing is written
/// unless the whole file is valid.
pub fn import_review(store: &mut Store, text: &str, mode: ImportMode) -> Result<Review> {
    let mut review = from_json(text)?;
    match mode {
        ImportMode::KeepIds => {
            if store.get_review(&review.id).is_ok() {
                let title = review.film.title.trim();
                // Reads "review … (Title) already exists; nothing was overwritten".
                return Err(Error::AlreadyExists(if title.is_empty() {
                    format!("review {}", review.id)
                } else {
                    format!("review {} ({title})", review.id)
                }));
            }
        }
        ImportMode::NewIds => {
            review.id = new_id();
            for section in &mut review.sections {
                section.id = new_id();
            }
        }
    }
    store.insert_review(&review)?;
    store.get_review(&review.id)
}
