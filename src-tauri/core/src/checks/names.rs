//! Names from the review's metadata, and the words in the text that nearly match one.
//!
//! Words are compared case- and accent-folded ("Çiçek" → "cicek"). A word that folds to a name
//! but is written differently is an accent slip; a word within a small edit distance of a name
//! (optimal string alignment: insertions, deletions, substitutions and adjacent swaps) is a
//! near miss. The allowed distance grows with length: nothing under 4 letters, one edit up to
//! 7 letters (with the first letter kept under 6), two from 8. Names that are ordinary words
//! ("Will", "Rose", a title's "Fall") are matched exactly only; an ordinary word is only a
//! candidate where its capital is not explained by the start of a sentence, and only from 6
//! letters; a name the dictionary knows ("David") is never taken for another one it knows
//! ("Davis"), only for an unusual one ("Defoe" for "Defne").

use std::collections::HashMap;

use deunicode::deunicode;
use strsim::{jaro_winkler, osa_distance};

use super::spelling::Dictionary;
use super::text::{is_word_char, tokens_of_name};
use crate::model::FilmFacts;

/// Where a name comes from, for the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Actor,
    Character,
    Director,
    Title,
    OriginalTitle,
}

impl Source {
    fn label(self) -> &'static str {
        match self {
            Source::Actor => "actor",
            Source::Character => "character",
            Source::Director => "director",
            Source::Title => "film title",
            Source::OriginalTitle => "original title",
        }
    }
}

#[derive(Debug, Clone)]
struct Part {
    /// As written in the metadata.
    raw: String,
    /// Lower case, for the exact-spelling test.
    lower: String,
    folded: String,
    folded_len: usize,
    /// The whole name it belongs to, and where that name came from.
    name: String,
    source: Source,
    /// An ordinary word ("Will") is matched exactly only.
    fuzzy: bool,
    /// The dictionary knows the name as it is written ("Davis", "Rosa").
    known: bool,
}

/// What a word nearly matches.
#[derive(Debug, Clone, PartialEq)]
pub struct NameHit {
    pub suggestions: Vec<String>,
    pub message: String,
    pub accents_only: bool,
}

#[derive(Debug, Clone, Default)]
pub struct NameIndex {
    parts: Vec<Part>,
    /// Folded part → index of the first part with that folded form.
    by_folded: HashMap<String, usize>,
}

/// Lower case without accents: how names are compared.
pub fn fold(word: &str) -> String {
    deunicode(word).to_lowercase()
}

/// The word without an English possessive ("Defne's" → "Defne").
pub fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("\u{2019}s"))
        .filter(|w| !w.is_empty())
        .unwrap_or(word)
}

impl NameIndex {
    pub fn new(film: &FilmFacts, dict: Option<&Dictionary>) -> NameIndex {
        let mut names: Vec<(&str, Source)> = vec![
            (film.title.as_str(), Source::Title),
            (film.original_title.as_str(), Source::OriginalTitle),
        ];
        names.extend(
            film.directors
                .iter()
                .map(|d| (d.as_str(), Source::Director)),
        );
        for member in &film.cast {
            names.push((member.actor.as_str(), Source::Actor));
            names.push((member.character.as_str(), Source::Character));
        }
        let mut index = NameIndex::default();
        for (name, source) in names {
            let name = name.trim();
            for raw in tokens_of_name(name) {
                let raw = strip_possessive(raw);
                if !raw.chars().any(char::is_alphabetic) {
                    continue;
                }
                let folded = fold(raw);
                let lower = raw.to_lowercase();
                let ordinary = dict.is_some_and(|d| d.check(&lower));
                let known = dict.is_some_and(|d| d.check(raw));
                let folded_len = folded.chars().count();
                index
                    .by_folded
                    .entry(folded.clone())
                    .or_insert(index.parts.len());
                index.parts.push(Part {
                    raw: raw.to_string(),
                    lower,
                    folded,
                    folded_len,
                    name: name.to_string(),
                    source,
                    fuzzy: folded_len >= 4 && !ordinary,
                    known,
                });
            }
        }
        index
    }

    /// Whether a word is (a part of) one of the names, accents and case aside.
    pub fn knows(&self, word: &str) -> bool {
        self.by_folded.contains_key(&fold(strip_possessive(word)))
    }

    /// The name `word` nearly matches. `known` says whether the dictionary accepts the word as
    /// written, `ordinary` whether it accepts it in lower case, `capital_explained` whether
    /// its capital comes from its position.
    pub fn check(
        &self,
        word: &str,
        known: bool,
        ordinary: bool,
        capital_explained: bool,
    ) -> Option<NameHit> {
        let word = strip_possessive(word);
        if !word
            .chars()
            .all(|c| is_word_char(c) || c == '\'' || c == '\u{2019}' || c == '-')
        {
            return None;
        }
        let folded = fold(word);
        if let Some(&i) = self.by_folded.get(&folded) {
            let lower = word.to_lowercase();
            if self.parts.iter().any(|p| p.lower == lower) {
                return None;
            }
            // Same letters, other accents: offer the form the metadata has.
            let part = &self.parts[i];
            return Some(NameHit {
                suggestions: vec![part.raw.clone()],
                message: format!(
                    "“{word}” is written with other accents than the {} “{}”",
                    part.source.label(),
                    part.name
                ),
                accents_only: true,
            });
        }
        let capitalised = super::text::capitalised(word);
        if ordinary && (!capitalised || capital_explained) {
            return None;
        }
        let len = folded.chars().count();
        // A short word, or a short ordinary word with a capital ("Mark", "Rose"), is too weak a
        // hint on its own.
        if len < 4 || ((!capitalised || ordinary) && len < 6) {
            return None;
        }
        let mut best: Option<(usize, f64, &Part)> = None;
        for part in self.parts.iter().filter(|p| p.fuzzy) {
            // Two names the dictionary knows ("David", "Davis") are both real: only an unusual
            // name ("Defne") makes a known one nearby ("Defoe") suspicious.
            if part.folded_len.abs_diff(len) > 2 || (known && part.known) {
                continue;
            }
            let longest = part.folded_len.max(len);
            let allowed = if longest >= 8 { 2 } else { 1 };
            let distance = osa_distance(&folded, &part.folded);
            if distance == 0 || distance > allowed {
                continue;
            }
            if longest < 6 && folded.chars().next() != part.folded.chars().next() {
                continue;
            }
            let similarity = jaro_winkler(&folded, &part.folded);
            // Two edits in a word of eight or nine letters is a lot: ask for a close shape.
            if distance == 2 && similarity < 0.9 {
                continue;
            }
            let better = match best {
                None => true,
                Some((d, s, _)) => distance < d || (distance == d && similarity > s),
            };
            if better {
                best = Some((distance, similarity, part));
            }
        }
        best.map(|(_, _, part)| NameHit {
            suggestions: vec![part.raw.clone()],
            message: format!(
                "“{word}” looks like a misspelling of the {} “{}”",
                part.source.label(),
                part.name
            ),
            accents_only: false,
        })
    }
}
