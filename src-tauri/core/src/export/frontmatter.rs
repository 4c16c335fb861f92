//! YAML front matter for Hugo, Jekyll and Astro.
//!
//! Written by hand rather than through a YAML serialiser so that the key order and the
//! shape each generator expects are exact; every string the critic typed is a double-quoted
//! YAML scalar with escapes (see [`yaml_str`]), so no value can end the front matter, start a
//! new key or change type ("no", "1.0", "2024-01-01" stay strings).

use std::fmt::Write as _;

use super::html::page_title;
use super::safe::{is_safe_url, markdown_plain_text};
use super::{article_date, slug, Preset};
use crate::model::{Review, Status, Timestamp};

/// A double-quoted YAML scalar. Escapes `"` and `\`, line breaks and tabs, and every
/// character YAML either forbids or would read as a line break (C0/C1 controls, DEL, NEL,
/// U+2028, U+2029, BOM, noncharacters).
pub fn yaml_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_yaml_escape(c) => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn needs_yaml_escape(c: char) -> bool {
    let u = c as u32;
    u < 0x20
        || (0x7F..=0x9F).contains(&u)
        || matches!(u, 0x2028 | 0x2029 | 0xFEFF | 0xFFFE | 0xFFFF)
        || (0xFDD0..=0xFDEF).contains(&u)
}

fn yaml_list(items: &[String]) -> String {
    let items: Vec<String> = items
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .map(yaml_str)
        .collect();
    format!("[{}]", items.join(", "))
}

/// RFC 3339 at second precision, unquoted: YAML and every generator read it as a date.
fn yaml_time(t: &Timestamp) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// Jekyll's own date form (`2026-02-14 18:00:00 +0100`).
fn jekyll_time(t: &Timestamp) -> String {
    t.format("%Y-%m-%d %H:%M:%S %z").to_string()
}

/// The front matter block (with its `---` fences and a blank line after), or nothing for
/// [`Preset::None`].
pub fn front_matter(review: &Review, preset: Preset) -> String {
    let mut y = String::with_capacity(2048);
    let title = page_title(review);
    let description = markdown_plain_text(review.standfirst());
    let published = review.status != Status::Draft;
    let line = |y: &mut String, key: &str, value: &str| {
        y.push_str(key);
        y.push_str(": ");
        y.push_str(value);
        y.push('\n');
    };
    match preset {
        Preset::None => return String::new(),
        Preset::Hugo => {
            y.push_str("---\n");
            line(&mut y, "title", &yaml_str(&title));
            line(&mut y, "description", &yaml_str(&description));
            line(&mut y, "date", &yaml_time(&article_date(review)));
            line(&mut y, "lastmod", &yaml_time(&review.updated_at));
            if let Some(embargo) = review.embargo {
                line(&mut y, "publishDate", &yaml_time(&embargo));
            }
            line(&mut y, "draft", if published { "false" } else { "true" });
            line(&mut y, "slug", &yaml_str(&slug(review)));
            line(&mut y, "tags", &yaml_list(&review.tags));
            y.push_str("params:\n");
            own_fields(&mut y, review, "  ");
        }
        Preset::Jekyll => {
            y.push_str("---\n");
            line(&mut y, "layout", "post");
            line(&mut y, "title", &yaml_str(&title));
            line(&mut y, "description", &yaml_str(&description));
            line(&mut y, "date", &jekyll_time(&article_date(review)));
            line(&mut y, "last_modified_at", &jekyll_time(&review.updated_at));
            line(&mut y, "tags", &yaml_list(&review.tags));
            line(
                &mut y,
                "published",
                if published { "true" } else { "false" },
            );
            // The critic's text is not a template: `{{` in a review stays as written.
            line(&mut y, "render_with_liquid", "false");
            own_fields(&mut y, review, "");
        }
        Preset::Astro => {
            y.push_str("---\n");
            line(&mut y, "title", &yaml_str(&title));
            line(&mut y, "description", &yaml_str(&description));
            line(&mut y, "pubDate", &yaml_time(&article_date(review)));
            line(&mut y, "updatedDate", &yaml_time(&review.updated_at));
            line(&mut y, "draft", if published { "false" } else { "true" });
            line(&mut y, "tags", &yaml_list(&review.tags));
            own_fields(&mut y, review, "");
        }
    }
    y.push_str("---\n\n");
    y
}

/// The review's own fields (film, rating, byline, links …), at `indent`.
fn own_fields(y: &mut String, review: &Review, indent: &str) {
    let film = &review.film;
    let mut kv = |key: &str, value: &str| {
        let _ = writeln!(y, "{indent}{key}: {value}");
    };
    kv("filmdesk_id", &yaml_str(&review.id));
    kv("author", &yaml_str(review.byline.trim()));
    kv("publication", &yaml_str(review.publication.trim()));
    kv("status", review.status.as_str());
    if let Some(embargo) = review.embargo {
        kv("embargo", &yaml_time(&embargo));
    }
    let _ = writeln!(y, "{indent}film:");
    let i2 = format!("{indent}  ");
    let mut kv2 = |key: &str, value: &str| {
        let _ = writeln!(y, "{i2}{key}: {value}");
    };
    kv2("title", &yaml_str(film.title.trim()));
    kv2("original_title", &yaml_str(film.original_title.trim()));
    if let Some(year) = film.year {
        kv2("year", &year.to_string());
    }
    if let Some(minutes) = film.runtime_minutes {
        kv2("runtime_minutes", &minutes.to_string());
    }
    kv2("directors", &yaml_list(&film.directors));
    kv2("genres", &yaml_list(&film.genres));
    kv2("countries", &yaml_list(&film.countries));
    kv2("languages", &yaml_list(&film.languages));
    kv2("where_to_watch", &yaml_str(film.where_to_watch.trim()));
    kv2("imdb_id", &yaml_str(film.imdb_id.trim()));
    if film.cast.is_empty() {
        let _ = writeln!(y, "{i2}cast: []");
    } else {
        let _ = writeln!(y, "{i2}cast:");
        for member in &film.cast {
            let _ = writeln!(y, "{i2}  - actor: {}", yaml_str(member.actor.trim()));
            let _ = writeln!(
                y,
                "{i2}    character: {}",
                yaml_str(member.character.trim())
            );
        }
    }
    let rating = &review.rating;
    let _ = writeln!(y, "{indent}rating:");
    let _ = writeln!(y, "{i2}scale: {}", rating.scale.as_str());
    if let Some(step) = rating.step {
        let scale = rating.scale;
        let _ = writeln!(y, "{i2}value: {}", yaml_str(&scale.display(step)));
        let _ = writeln!(y, "{i2}numeric: {}", scale.numeric(step));
        let _ = writeln!(y, "{i2}best: {}", scale.best());
        let _ = writeln!(y, "{i2}canonical: {}", scale.canonical(step));
        let _ = writeln!(y, "{i2}text: {}", yaml_str(&scale.accessible(step)));
    }
    let links: Vec<_> = review
        .links
        .iter()
        .filter(|l| is_safe_url(l.url.trim()))
        .collect();
    if links.is_empty() {
        let _ = writeln!(y, "{indent}links: []");
    } else {
        let _ = writeln!(y, "{indent}links:");
        for link in links {
            let _ = writeln!(y, "{indent}  - title: {}", yaml_str(link.title.trim()));
            let _ = writeln!(y, "{indent}    url: {}", yaml_str(link.url.trim()));
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // A test that cannot unwrap has failed.
mod tests {
    use super::yaml_str;

    #[test]
    fn yaml_strings_are_quoted_and_escaped() {
        assert_eq!(yaml_str("a: b"), "\"a: b\"");
        assert_eq!(
            yaml_str("say \"hi\"\nnext\\"),
            "\"say \\\"hi\\\"\\nnext\\\\\""
        );
        assert_eq!(yaml_str("Çiçek\u{2028}"), "\"Çiçek\\u2028\"");
        assert_eq!(yaml_str("\u{7}"), "\"\\u0007\"");
    }
}
