//! schema.org `Review` as JSON-LD, for search engines' rich results.

use serde::Serialize;
use serde_json::Value;

use super::article_date;
use super::html::page_title;
use super::iso_minutes;
use super::safe::markdown_plain_text;
use crate::model::Review;
use crate::rating::RatingScale;

/// The JSON-LD, borrowed from the review and serialised straight to text (no intermediate
/// JSON tree: the page is rendered for every export and every preview).
#[derive(Serialize)]
struct ReviewLd<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    name: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    description: String,
    #[serde(rename = "itemReviewed")]
    item_reviewed: MovieLd<'a>,
    #[serde(rename = "reviewRating", skip_serializing_if = "Option::is_none")]
    review_rating: Option<RatingLd>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Named<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<Named<'a>>,
    #[serde(rename = "datePublished")]
    date_published: String,
    #[serde(rename = "dateModified")]
    date_modified: String,
    #[serde(rename = "reviewBody")]
    review_body: &'a str,
    #[serde(skip_serializing_if = "String::is_empty")]
    keywords: String,
}

#[derive(Serialize)]
struct MovieLd<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(rename = "alternateName", skip_serializing_if = "Option::is_none")]
    alternate_name: Option<&'a str>,
    #[serde(rename = "dateCreated", skip_serializing_if = "Option::is_none")]
    date_created: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    director: Vec<Named<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    actor: Vec<Named<'a>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    genre: &'a [String],
    #[serde(rename = "countryOfOrigin", skip_serializing_if = "Vec::is_empty")]
    country_of_origin: Vec<Named<'a>>,
    #[serde(rename = "inLanguage", skip_serializing_if = "<[_]>::is_empty")]
    in_language: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    duration: Option<String>,
    #[serde(rename = "sameAs", skip_serializing_if = "Option::is_none")]
    same_as: Option<String>,
}

/// A Person, Organization or Country: a type and a name.
#[derive(Serialize)]
struct Named<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
struct RatingLd {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "ratingValue")]
    rating_value: f64,
    #[serde(rename = "bestRating")]
    best_rating: f64,
    #[serde(rename = "worstRating")]
    worst_rating: f64,
    /// The letter grade itself, for a letter scale.
    #[serde(rename = "alternateName", skip_serializing_if = "Option::is_none")]
    alternate_name: Option<String>,
}

fn named<'a>(kind: &'static str, names: impl IntoIterator<Item = &'a str>) -> Vec<Named<'a>> {
    names
        .into_iter()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|name| Named { kind, name })
        .collect()
}

fn review_ld<'a>(review: &'a Review, body_text: &'a str) -> ReviewLd<'a> {
    let film = &review.film;
    let original = film.original_title.trim();
    let imdb = film.imdb_id.trim();
    let imdb_ok =
        imdb.len() > 2 && imdb.starts_with("tt") && imdb[2..].bytes().all(|b| b.is_ascii_digit());
    let one = |kind, name: &'a str| {
        let name = name.trim();
        (!name.is_empty()).then_some(Named { kind, name })
    };
    ReviewLd {
        context: "https://schema.org",
        kind: "Review",
        name: page_title(review),
        description: markdown_plain_text(review.standfirst()),
        item_reviewed: MovieLd {
            kind: "Movie",
            name: film.title.trim(),
            alternate_name: (!original.is_empty() && original != film.title.trim())
                .then_some(original),
            date_created: film.year.map(|y| format!("{y:04}")),
            director: named("Person", film.directors.iter().map(String::as_str)),
            actor: named("Person", film.cast.iter().map(|m| m.actor.as_str())),
            genre: &film.genres,
            country_of_origin: named("Country", film.countries.iter().map(String::as_str)),
            in_language: &film.languages,
            duration: film.runtime_minutes.map(|m| format!("PT{m}M")),
            same_as: imdb_ok.then(|| format!("https://www.imdb.com/title/{imdb}/")),
        },
        // Letter grades have no numbers of their own: Metacritic's 0–100 stand in.
        review_rating: review.rating.step.map(|step| {
            let scale = review.rating.scale;
            RatingLd {
                kind: "Rating",
                rating_value: scale.numeric(step),
                best_rating: scale.best(),
                worst_rating: 0.0,
                alternate_name: (scale == RatingScale::Letter).then(|| scale.display(step)),
            }
        }),
        author: one("Person", &review.byline),
        publisher: one("Organization", &review.publication),
        date_published: iso_minutes(&article_date(review)),
        date_modified: iso_minutes(&review.updated_at),
        review_body: body_text.trim(),
        keywords: review.tags.join(", "),
    }
}

/// The JSON-LD object. `body_text` is the plain text of the non-spoiler body sections
/// (gathered while rendering the HTML, so the Markdown is parsed once).
pub fn review_json_ld(review: &Review, body_text: &str) -> Value {
    serde_json::to_value(review_ld(review, body_text)).unwrap_or(Value::Null)
}

/// Writes `<script type="application/ld+json">` with the JSON escaped so that nothing in it
/// can end the script element or open a comment: `<`, `>` and `&` (and the JavaScript line
/// separators) are written as `\uXXXX` escapes, which only occur inside JSON strings.
pub(crate) fn push_json_ld_script(out: &mut String, review: &Review, body_text: &str) {
    let json = serde_json::to_string(&review_ld(review, body_text)).unwrap_or_else(|_| "{}".into());
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
