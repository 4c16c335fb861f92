//! schema.org `Review` as JSON-LD, for search engines' rich results.

use serde_json::{json, Map, Value};

use super::article_date;
use super::html::page_title;
use super::iso_minutes;
use super::safe::markdown_plain_text;
use crate::model::Review;
use crate::rating::RatingScale;

/// The JSON-LD object. `body_text` is the plain text of the non-spoiler body sections
/// (gathered while rendering the HTML, so the Markdown is parsed once).
pub fn review_json_ld(review: &Review, body_text: &str) -> Value {
    let film = &review.film;
    let person = |name: &str| json!({"@type": "Person", "name": name.trim()});
    let mut movie = Map::new();
    movie.insert("@type".into(), "Movie".into());
    movie.insert("name".into(), film.title.trim().into());
    let original = film.original_title.trim();
    if !original.is_empty() && original != film.title.trim() {
        movie.insert("alternateName".into(), original.into());
    }
    if let Some(year) = film.year {
        movie.insert("dateCreated".into(), format!("{year:04}").into());
    }
    let directors: Vec<Value> = film
        .directors
        .iter()
        .filter(|d| !d.trim().is_empty())
        .map(|d| person(d))
        .collect();
    if !directors.is_empty() {
        movie.insert("director".into(), directors.into());
    }
    let actors: Vec<Value> = film
        .cast
        .iter()
        .filter(|m| !m.actor.trim().is_empty())
        .map(|m| person(&m.actor))
        .collect();
    if !actors.is_empty() {
        movie.insert("actor".into(), actors.into());
    }
    if !film.genres.is_empty() {
        movie.insert("genre".into(), film.genres.clone().into());
    }
    if !film.countries.is_empty() {
        let countries: Vec<Value> = film
            .countries
            .iter()
            .map(|c| json!({"@type": "Country", "name": c.trim()}))
            .collect();
        movie.insert("countryOfOrigin".into(), countries.into());
    }
    if !film.languages.is_empty() {
        movie.insert("inLanguage".into(), film.languages.clone().into());
    }
    if let Some(minutes) = film.runtime_minutes {
        movie.insert("duration".into(), format!("PT{minutes}M").into());
    }
    let imdb = film.imdb_id.trim();
    if imdb.len() > 2 && imdb.starts_with("tt") && imdb[2..].bytes().all(|b| b.is_ascii_digit()) {
        movie.insert(
            "sameAs".into(),
            format!("https://www.imdb.com/title/{imdb}/").into(),
        );
    }

    let mut object = Map::new();
    object.insert("@context".into(), "https://schema.org".into());
    object.insert("@type".into(), "Review".into());
    object.insert("name".into(), page_title(review).into());
    let standfirst = markdown_plain_text(review.standfirst());
    if !standfirst.is_empty() {
        object.insert("description".into(), standfirst.into());
    }
    object.insert("itemReviewed".into(), movie.into());
    if let Some(step) = review.rating.step {
        let scale = review.rating.scale;
        // Letter grades have no numbers of their own: Metacritic's 0–100 stand in.
        let value = scale.numeric(step);
        let mut rating = json!({
            "@type": "Rating",
            "ratingValue": value,
            "bestRating": scale.best(),
            "worstRating": 0,
        });
        if scale == RatingScale::Letter {
            rating["alternateName"] = scale.display(step).into();
        }
        object.insert("reviewRating".into(), rating);
    }
    if !review.byline.trim().is_empty() {
        object.insert("author".into(), person(&review.byline));
    }
    if !review.publication.trim().is_empty() {
        object.insert(
            "publisher".into(),
            json!({"@type": "Organization", "name": review.publication.trim()}),
        );
    }
    object.insert(
        "datePublished".into(),
        iso_minutes(&article_date(review)).into(),
    );
    object.insert(
        "dateModified".into(),
        iso_minutes(&review.updated_at).into(),
    );
    object.insert("reviewBody".into(), body_text.trim().into());
    if !review.tags.is_empty() {
        object.insert("keywords".into(), review.tags.join(", ").into());
    }
    Value::Object(object)
}

/// Writes `<script type="application/ld+json">` with the JSON escaped so that nothing in it
/// can end the script element or open a comment: `<`, `>` and `&` (and the JavaScript line
/// separators) are written as `\uXXXX` escapes, which only occur inside JSON strings.
pub(crate) fn push_json_ld_script(out: &mut String, review: &Review, body_text: &str) {
    let value = review_json_ld(review, body_text);
    let json = serde_json::to_string(&value).unwrap_or_else(|_| "{}".into());
    out.push_str("<script type=\"application/ld+json\">");
    push_script_safe_json(out, &json);
    out.push_str("</script>\n");
}

pub(crate) fn push_script_safe_json(out: &mut String, json: &str) {
    // Byte by byte: every character replaced is ASCII or starts with 0xE2, and UTF-8 never
    // uses those bytes inside another character.
    let bytes = json.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let (rep, len) = match bytes[i] {
            b'<' => ("\\u003c", 1),
            b'>' => ("\\u003e", 1),
            b'&' => ("\\u0026", 1),
            0xE2 if bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&0xA8) => {
                ("\\u2028", 3)
            }
            0xE2 if bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&0xA9) => {
                ("\\u2029", 3)
            }
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&json[start..i]);
        out.push_str(rep);
        i += len;
        start = i;
    }
    out.push_str(&json[start..]);
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // A test that cannot unwrap has failed.
mod tests {
    #[test]
    fn script_safe_json_escapes_what_could_end_the_script() {
        let mut out = String::new();
        super::push_script_safe_json(&mut out, "{\"a\":\"</script><!-- & \u{2028}\u{2029} ü\"}");
        assert_eq!(
            out,
            "{\"a\":\"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\\u2029 ü\"}"
        );
        let parsed: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(parsed["a"], "</script><!-- & \u{2028}\u{2029} ü");
    }
}
