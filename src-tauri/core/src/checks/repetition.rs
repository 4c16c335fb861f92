//! Repeated words: a word written twice in a row ("the the"), and an uncommon word used again
//! and again within a few sentences.

use std::collections::HashMap;

use super::text::Token;

/// Doubled words that English uses on purpose ("he had had enough", "she said that that ...").
const DOUBLES_ALLOWED: &[&str] = &["had", "that", "is"];

/// A word used this many times ...
pub const FREQUENT_USES: usize = 3;
/// ... within this many consecutive sentences is flagged.
pub const FREQUENT_SENTENCES: usize = 3;
/// Words shorter than this are too common to be noticed when repeated.
const FREQUENT_MIN_LEN: usize = 5;

/// Common longer words, and the vocabulary every film review shares, that a reader does not
/// notice when repeated.
const COMMON: &[&str] = &[
    "about",
    "above",
    "across",
    "actor",
    "actors",
    "actually",
    "after",
    "again",
    "against",
    "almost",
    "along",
    "already",
    "also",
    "although",
    "always",
    "among",
    "another",
    "anyone",
    "anything",
    "around",
    "audience",
    "audiences",
    "away",
    "became",
    "because",
    "become",
    "becomes",
    "been",
    "before",
    "began",
    "behind",
    "being",
    "believe",
    "below",
    "best",
    "better",
    "between",
    "beyond",
    "both",
    "bring",
    "brings",
    "camera",
    "cannot",
    "cast",
    "certain",
    "change",
    "character",
    "characters",
    "child",
    "children",
    "cinema",
    "close",
    "could",
    "couldn't",
    "course",
    "didn't",
    "director",
    "doesn't",
    "during",
    "early",
    "either",
    "else",
    "enough",
    "especially",
    "even",
    "ever",
    "every",
    "everyone",
    "everything",
    "father",
    "feels",
    "film's",
    "films",
    "final",
    "finally",
    "first",
    "found",
    "friend",
    "friends",
    "from",
    "given",
    "gives",
    "going",
    "great",
    "group",
    "happens",
    "having",
    "heart",
    "here",
    "herself",
    "himself",
    "house",
    "however",
    "human",
    "isn't",
    "itself",
    "known",
    "large",
    "later",
    "least",
    "leave",
    "leaves",
    "little",
    "lives",
    "looks",
    "makes",
    "making",
    "maybe",
    "might",
    "moment",
    "moments",
    "money",
    "mother",
    "movie",
    "movies",
    "much",
    "never",
    "night",
    "nothing",
    "often",
    "other",
    "others",
    "ought",
    "perhaps",
    "place",
    "plays",
    "point",
    "quite",
    "rather",
    "really",
    "right",
    "scene",
    "scenes",
    "screen",
    "second",
    "seems",
    "series",
    "shall",
    "short",
    "should",
    "since",
    "small",
    "something",
    "sometimes",
    "still",
    "story",
    "takes",
    "their",
    "theirs",
    "them",
    "themselves",
    "there",
    "these",
    "they",
    "thing",
    "things",
    "think",
    "those",
    "though",
    "three",
    "through",
    "together",
    "toward",
    "towards",
    "under",
    "until",
    "wasn't",
    "where",
    "whether",
    "which",
    "while",
    "whole",
    "whose",
    "without",
    "world",
    "would",
    "wouldn't",
    "years",
    "young",
    "yourself",
];

/// A repetition found in a block, with byte ranges in the section body.
pub struct Repeat {
    pub range: std::ops::Range<usize>,
    pub word: String,
    pub doubled: bool,
}

pub fn find(body: &str, tokens: &[Token<'_>], is_name: impl Fn(&str) -> bool) -> Vec<Repeat> {
    let mut out = Vec::new();
    for pair in tokens.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let gap = &body[a.range.end..b.range.start];
        let lower = a.text.to_lowercase();
        if !gap.is_empty()
            && gap.chars().all(|c| c == ' ' || c == '\t')
            && lower == b.text.to_lowercase()
            && a.text.chars().all(char::is_alphabetic)
            && !DOUBLES_ALLOWED.contains(&lower.as_str())
        {
            out.push(Repeat {
                range: a.range.start..b.range.end,
                word: a.text.to_string(),
                doubled: true,
            });
        }
    }
    // Sentences in which each uncommon word occurs, one entry per use.
    let mut uses: HashMap<String, Vec<(usize, &Token<'_>)>> = HashMap::new();
    for token in tokens {
        let lower = super::names::strip_possessive(token.text).to_lowercase();
        if lower.chars().count() < FREQUENT_MIN_LEN
            || !lower.chars().all(char::is_alphabetic)
            || COMMON.contains(&lower.as_str())
            || is_name(token.text)
        {
            continue;
        }
        let seen = uses.entry(lower.clone()).or_default();
        seen.push((token.sentence, token));
        let n = seen.len();
        if n >= FREQUENT_USES && seen[n - FREQUENT_USES].0 + FREQUENT_SENTENCES > token.sentence {
            // Flag the use that completes the run, once per run.
            let already = n > FREQUENT_USES
                && seen[n - FREQUENT_USES - 1].0 + FREQUENT_SENTENCES > seen[n - 2].0;
            if !already {
                out.push(Repeat {
                    range: token.range.clone(),
                    word: token.text.to_string(),
                    doubled: false,
                });
            }
        }
    }
    out.sort_by_key(|r| r.range.start);
    out
}
