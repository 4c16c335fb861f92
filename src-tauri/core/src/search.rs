//! Full-text search: what the critic types becomes a safe FTS5 query, and what the index finds
//! comes back grouped by kind with highlighted snippets. The index itself (migration 0006,
//! kept in step by triggers) and the query live in `store/search.rs`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a hit is: a review (found by one of its sections or its film), a film, a viewing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SearchKind {
    Review,
    Film,
    Viewing,
}

/// A run of snippet text; `hit` runs are the words the query matched. The UI renders each as a
/// text node (in a `<mark>` when `hit`), so nothing the critic wrote is ever parsed as HTML.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SnippetPart {
    pub text: String,
    pub hit: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SearchHit {
    pub kind: SearchKind,
    /// The review's, the film's or the viewing's id, after `kind`.
    pub id: String,
    /// The review to open: the review itself, the film's latest review, the viewing's review.
    pub review_id: Option<String>,
    pub film_id: String,
    pub film_title: String,
    pub film_year: Option<i32>,
    /// The review's headline (reviews only; may be empty).
    pub headline: String,
    /// When the film was watched, YYYY-MM-DD (viewings only).
    pub watched_on: Option<String>,
    /// Where the words were found: "Headline", a section's title, "Film", "Viewing notes".
    pub field: String,
    pub snippet: Vec<SnippetPart>,
}

/// Hits grouped by kind, each group best first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct SearchResults {
    pub reviews: Vec<SearchHit>,
    pub films: Vec<SearchHit>,
    pub viewings: Vec<SearchHit>,
}

impl SearchResults {
    pub fn is_empty(&self) -> bool {
        self.reviews.is_empty() && self.films.is_empty() && self.viewings.is_empty()
    }
}

/// Marks `snippet()` puts around matched words: control characters, which the critic's text
/// has no way to contain through the editor.
pub(crate) const HIT_START: char = '\u{2}';
pub(crate) const HIT_END: char = '\u{3}';

/// Turns the critic's words into an FTS5 query that cannot be a syntax error: every word is a
/// quoted string (so `AND`, `NEAR`, `*`, `-`, `:` are only words) matched as a prefix, text in
/// double quotes is a phrase matched exactly, and all of them must match. None when nothing
/// searchable is left (only punctuation, or empty).
pub fn fts_query(input: &str) -> Option<String> {
    let mut terms: Vec<String> = Vec::new();
    let mut push = |text: &str, prefix: bool| {
        // A string with no word in it would be an empty phrase: skip it.
        if text.chars().any(char::is_alphanumeric) {
            let quoted = format!("\"{}\"", text.replace('"', "\"\""));
            terms.push(if prefix { quoted + "*" } else { quoted });
        }
    };
    let mut rest = input;
    while let Some(start) = rest.find('"') {
        for word in rest[..start].split_whitespace() {
            push(word, true);
        }
        let after = &rest[start + 1..];
        // An unclosed quote makes the rest a phrase: the critic is still typing it.
        let end = after.find('"').unwrap_or(after.len());
        push(after[..end].trim(), false);
        rest = after.get(end + 1..).unwrap_or("");
    }
    for word in rest.split_whitespace() {
        push(word, true);
    }
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// Splits a `snippet()` result at its hit markers. The text is trimmed of the line breaks a
/// section's Markdown carries, so a snippet reads as one line.
pub(crate) fn snippet_parts(snippet: &str) -> Vec<SnippetPart> {
    let mut parts: Vec<SnippetPart> = Vec::new();
    let mut hit = false;
    let mut current = String::new();
    let flush = |parts: &mut Vec<SnippetPart>, current: &mut String, hit: bool| {
        if !current.is_empty() {
            parts.push(SnippetPart {
                text: std::mem::take(current),
                hit,
            });
        }
    };
    for c in snippet.chars() {
        match c {
            HIT_START => {
                flush(&mut parts, &mut current, hit);
                hit = true;
            }
            HIT_END => {
                flush(&mut parts, &mut current, hit);
                hit = false;
            }
            '\n' | '\r' | '\t' => {
                if !current.ends_with(' ') {
                    current.push(' ');
                }
            }
            c => current.push(c),
        }
    }
    flush(&mut parts, &mut current, hit);
    parts
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // A test that cannot unwrap has failed.
mod tests {
    use super::*;

    #[test]
    fn words_become_quoted_prefixes_and_quotes_phrases() {
        assert_eq!(fts_query("ozu late"), Some(r#""ozu"* "late"*"#.into()));
        assert_eq!(
            fts_query(r#"compared "tokyo story" Ozu"#),
            Some(r#""compared"* "tokyo story" "Ozu"*"#.into())
        );
        // Unclosed: a phrase to the end.
        assert_eq!(
            fts_query(r#"a "still typ"#),
            Some(r#""a"* "still typ""#.into())
        );
        // FTS syntax is only words.
        assert_eq!(
            fts_query("NOT (x* OR y) NEAR:"),
            Some(r#""NOT"* "(x*"* "OR"* "y)"* "NEAR:"*"#.into())
        );
        assert_eq!(fts_query("  -- … \"\" "), None);
        assert_eq!(fts_query(""), None);
    }

    #[test]
    fn snippets_split_at_markers() {
        let parts = snippet_parts("…like \u{2}Ozu\u{3}'s\nlate \u{2}films\u{3}");
        assert_eq!(
            parts,
            vec![
                SnippetPart {
                    text: "…like ".into(),
                    hit: false
                },
                SnippetPart {
                    text: "Ozu".into(),
                    hit: true
                },
                SnippetPart {
                    text: "'s late ".into(),
                    hit: false
                },
                SnippetPart {
                    text: "films".into(),
                    hit: true
                },
            ]
        );
    }
}
