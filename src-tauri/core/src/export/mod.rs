//! Export: a review as a standalone HTML page, an HTML fragment for a CMS, Markdown with front
//! matter for a static site generator, or the versioned JSON form; one at a time or the whole
//! library into a folder laid out the way the site generator expects.
//!
//! Safety is by construction rather than by a clean-up pass over finished documents: every
//! field a critic typed is escaped where it is text, Markdown bodies are rendered from
//! pulldown-cmark events in which raw HTML becomes text (or, for whole HTML blocks, goes
//! through ammonia on its own) and link and image URLs are checked against a short list of
//! schemes. See `safe.rs` and docs/EXPORT.md.

mod batch;
mod frontmatter;
mod html;
pub mod json_form;
mod jsonld;
mod markdown;
mod safe;
pub mod samples;
mod slug;
mod write;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::model::{Review, Timestamp};

pub use batch::{export_batch, export_library, BatchProgress, BatchReport};
pub use html::{page_title, render_html_fragment, render_html_page};
pub use json_form::{from_json, import_review, to_json, ImportMode, FORMAT_VERSION};
pub use jsonld::review_json_ld;
pub use markdown::render_markdown;
pub use safe::{is_safe_url, markdown_to_safe_html, sanitize_markdown};
pub use slug::slug;
pub use write::write_atomic;

/// What an export produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// A standalone HTML5 page with embedded CSS, JSON-LD and Open Graph tags.
    #[default]
    Html,
    /// The `<article>` alone, to paste into a CMS.
    HtmlFragment,
    /// CommonMark with front matter for the chosen preset.
    Markdown,
    /// The versioned JSON form (docs/review.schema.json).
    Json,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 4] = [
        ExportFormat::Html,
        ExportFormat::HtmlFragment,
        ExportFormat::Markdown,
        ExportFormat::Json,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ExportFormat::Html => "html",
            ExportFormat::HtmlFragment => "html-fragment",
            ExportFormat::Markdown => "markdown",
            ExportFormat::Json => "json",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.as_str() == s)
    }

    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Html | ExportFormat::HtmlFragment => "html",
            ExportFormat::Markdown => "md",
            ExportFormat::Json => "json",
        }
    }
}

/// The site generator a Markdown export is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
pub enum Preset {
    Hugo,
    Jekyll,
    Astro,
    /// Plain Markdown: the headline as `#`, no front matter.
    #[default]
    None,
}

impl Preset {
    pub const ALL: [Preset; 4] = [Preset::Hugo, Preset::Jekyll, Preset::Astro, Preset::None];

    pub fn as_str(self) -> &'static str {
        match self {
            Preset::Hugo => "hugo",
            Preset::Jekyll => "jekyll",
            Preset::Astro => "astro",
            Preset::None => "none",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// How to export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportOptions {
    pub format: ExportFormat,
    /// Only used by the Markdown format.
    pub preset: Preset,
    /// The page's language (`<html lang>`), a BCP 47 tag such as `en` or `tr`.
    pub lang: String,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            format: ExportFormat::Html,
            preset: Preset::None,
            lang: "en".into(),
        }
    }
}

impl ExportOptions {
    pub fn new(format: ExportFormat, preset: Preset) -> Self {
        ExportOptions {
            format,
            preset,
            ..ExportOptions::default()
        }
    }
}

/// A rendered export: the file's contents and where it goes inside an export folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// Relative path with `/` separators, e.g. `content/reviews/the-last-ferry.md`.
    pub relative_path: String,
    pub contents: String,
}

/// Renders one review in the chosen format.
pub fn render(review: &Review, options: &ExportOptions) -> Result<String> {
    Ok(match options.format {
        ExportFormat::Html => render_html_page(review, options),
        ExportFormat::HtmlFragment => render_html_fragment(review),
        ExportFormat::Markdown => render_markdown(review, options.preset),
        ExportFormat::Json => to_json(review)?,
    })
}

/// Where a review's file goes inside an export folder, laid out the way the site generator
/// expects: Hugo `content/reviews/<slug>.md`, Jekyll `_posts/YYYY-MM-DD-<slug>.md`, Astro
/// `src/content/reviews/<slug>.md`, otherwise `<slug>.<ext>`.
pub fn relative_path(review: &Review, options: &ExportOptions) -> String {
    relative_path_for_slug(review, options, &slug(review))
}

fn relative_path_for_slug(review: &Review, options: &ExportOptions, slug: &str) -> String {
    let ext = options.format.extension();
    match (options.format, options.preset) {
        (ExportFormat::Markdown, Preset::Hugo) => format!("content/reviews/{slug}.{ext}"),
        (ExportFormat::Markdown, Preset::Jekyll) => format!(
            "_posts/{}-{slug}.{ext}",
            article_date(review).format("%Y-%m-%d")
        ),
        (ExportFormat::Markdown, Preset::Astro) => format!("src/content/reviews/{slug}.{ext}"),
        _ => format!("{slug}.{ext}"),
    }
}

/// Renders a review and names its file.
pub fn export_review(review: &Review, options: &ExportOptions) -> Result<Rendered> {
    Ok(Rendered {
        relative_path: relative_path(review, options),
        contents: render(review, options)?,
    })
}

/// Renders a review and writes it atomically into `out_dir` at its laid-out path; returns
/// the path written. An existing file is left alone unless `force`.
pub fn export_review_to_dir(
    review: &Review,
    options: &ExportOptions,
    out_dir: &std::path::Path,
    force: bool,
) -> Result<std::path::PathBuf> {
    let rendered = export_review(review, options)?;
    let path = out_dir.join(&rendered.relative_path);
    write_atomic(&path, rendered.contents.as_bytes(), force)?;
    Ok(path)
}

/// The date an article carries: when it was published, else when its embargo lifts, else
/// when it was created.
pub fn article_date(review: &Review) -> Timestamp {
    review
        .published_at
        .or(review.embargo)
        .unwrap_or(review.created_at)
}

/// A timestamp at minute precision with its offset (`2026-02-14T18:00+01:00`), valid as an
/// HTML `datetime` attribute and as RFC 3339 for front matter once seconds are added.
fn iso_minutes(t: &Timestamp) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

fn parse_error(what: &str) -> Error {
    Error::invalid(format!("unknown {what}"))
}

impl std::str::FromStr for ExportFormat {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        ExportFormat::parse(s)
            .ok_or_else(|| parse_error("export format (html, html-fragment, markdown, json)"))
    }
}

impl std::str::FromStr for Preset {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Preset::parse(s).ok_or_else(|| parse_error("preset (hugo, jekyll, astro, none)"))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // A test that cannot unwrap has failed.
mod tests;
