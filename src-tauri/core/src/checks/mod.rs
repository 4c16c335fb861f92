//! Editorial checks: what a careful sub-editor would catch before a review goes out.
//!
//! - **Names**: words that nearly match a name in the review's metadata (cast, characters,
//!   directors, titles), accents included (see `names`).
//! - **Spelling**: the system's Hunspell dictionaries through `spellbook`; the film's names and
//!   the critic's personal dictionary are never flagged; Markdown syntax, code, URLs and
//!   numbers are skipped.
//! - **Repetition**: "the the", and an uncommon word used again and again in a few sentences.
//! - **Length**: sections against their word targets, the review against the publication's
//!   length, and the reading time.
//! - **Spoilers** and **readiness**: a spoiler section above the standfirst; before publication,
//!   what is missing.
//!
//! Offsets: every finding located in a section carries its range twice, as UTF-16 code units
//! (`start`, `end`: the positions CodeMirror and JavaScript strings use) and as UTF-8 bytes
//! (`byte_start`, `byte_end`: for Rust). A finding about a whole section or the whole review has
//! an empty range (`start == end == 0`).
//!
//! [`Checker`] keeps the dictionaries and caches results per section and per Markdown block,
//! keyed by a hash of the text and of everything the result depends on (language, names,
//! personal dictionary), so that after a keystroke only the edited block is checked again.

mod names;
mod repetition;
mod review;
mod spelling;
mod text;

#[cfg(test)]
#[allow(clippy::unwrap_used)] // A test that cannot unwrap has failed.
mod tests;

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{Review, Section, SectionRole, Timestamp};
pub use names::fold;
pub use spelling::{search_dirs, valid_lang, DEFAULT_LANG, DICTIONARY_DIR_ENV};
pub use text::line_col;

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    Name,
    Spelling,
    Repetition,
    Length,
    Spoiler,
    Readiness,
}

impl FindingKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::Name => "name",
            FindingKind::Spelling => "spelling",
            FindingKind::Repetition => "repetition",
            FindingKind::Length => "length",
            FindingKind::Spoiler => "spoiler",
            FindingKind::Readiness => "readiness",
        }
    }
}

/// How much a finding matters. An error would embarrass the critic in print (a misspelt name,
/// a missing headline before publication); `filmdesk check` exits 1 when there is one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One thing the checks found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Finding {
    pub kind: FindingKind,
    pub severity: Severity,
    /// A stable identifier of the rule ("name.near_miss", "spelling.unknown", ...).
    pub code: String,
    /// The section it is in; `None` for the review as a whole.
    pub section_id: Option<String>,
    /// Range in the section body in UTF-16 code units (CodeMirror positions); empty when the
    /// finding is about a whole section or the review.
    pub start: u32,
    pub end: u32,
    /// The same range in UTF-8 bytes.
    pub byte_start: u32,
    pub byte_end: u32,
    /// The text in the range.
    pub text: String,
    pub message: String,
    /// Replacements for the range, best first.
    pub suggestions: Vec<String>,
}

impl Finding {
    /// A finding about a section as a whole or the review (no range).
    fn whole(
        kind: FindingKind,
        severity: Severity,
        code: &str,
        section_id: Option<String>,
        message: String,
    ) -> Finding {
        Finding {
            kind,
            severity,
            code: code.to_string(),
            section_id,
            start: 0,
            end: 0,
            byte_start: 0,
            byte_end: 0,
            text: String::new(),
            message,
            suggestions: Vec::new(),
        }
    }

    /// Whether the finding points at text (and the editor can underline it).
    pub fn has_range(&self) -> bool {
        self.byte_end > self.byte_start
    }
}

/// What the checks need beyond the review itself.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// Hunspell dictionary name, such as `en_US` or `en_GB`.
    pub lang: String,
    /// The review is about to be published: readiness is checked.
    pub for_publication: bool,
    /// The moment embargoes are compared with; `None` for now.
    pub now: Option<Timestamp>,
    /// The publication's length for a review, in words.
    pub target_words: Option<u32>,
    /// The critic's personal dictionary: never flagged as misspelt or as a near-miss name.
    pub personal_words: Vec<String>,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            lang: DEFAULT_LANG.to_string(),
            for_publication: false,
            now: None,
            target_words: None,
            personal_words: Vec::new(),
        }
    }
}

/// Checks a review once. Dictionaries are still shared by the whole process; to re-check as
/// the critic types, keep a [`Checker`].
pub fn check_review(review: &Review, options: &CheckOptions) -> Vec<Finding> {
    Checker::new().check(review, options)
}

/// A finding inside one block, with its range relative to the block's start.
#[derive(Debug, Clone)]
struct Local {
    kind: FindingKind,
    severity: Severity,
    code: &'static str,
    range: Range<usize>,
    message: String,
    suggestions: Vec<String>,
}

/// Everything a block's findings depend on besides its own text.
struct Context {
    key: u64,
    lang: String,
    dict: Option<Arc<spelling::Dictionary>>,
    names: names::NameIndex,
    personal: HashSet<String>,
}

/// Caches beyond this many entries are dropped whole (a long session of typing).
const CACHE_LIMIT: usize = 20_000;
const SUGGESTIONS: usize = 5;

/// The checks with their caches: keep one for the life of the app.
#[derive(Default)]
pub struct Checker {
    context: Option<Context>,
    sections: HashMap<(String, u64), Vec<Finding>>,
    blocks: HashMap<u64, Arc<Vec<Local>>>,
    suggestions: HashMap<(String, String), Vec<String>>,
}

impl Checker {
    pub fn new() -> Checker {
        Checker::default()
    }

    /// All findings for `review`: each section's in order of position, then the review's.
    pub fn check(&mut self, review: &Review, options: &CheckOptions) -> Vec<Finding> {
        let context = self.take_context(review, options);
        let mut out = Vec::new();
        if context.dict.is_none() {
            out.push(Finding::whole(
                FindingKind::Spelling,
                Severity::Info,
                "spelling.unavailable",
                None,
                unavailable_message(&context.lang),
            ));
        }
        if self.sections.len() > CACHE_LIMIT {
            self.sections.clear();
        }
        for section in &review.sections {
            let key = (
                section.id.clone(),
                hash_of(&(context.key, section.role, &section.body)),
            );
            if let Some(found) = self.sections.get(&key) {
                out.extend(found.iter().cloned());
                continue;
            }
            let found = self.check_section(&context, section);
            out.extend(found.iter().cloned());
            self.sections.insert(key, found);
        }
        review::length(review, options, &mut out);
        review::spoilers(review, options, &mut out);
        review::readiness(review, options, &mut out);
        self.context = Some(context);
        out
    }

    /// Whether a Hunspell dictionary for `lang` is installed (it is loaded on the way).
    pub fn dictionary_available(lang: &str) -> bool {
        spelling::dictionary(lang).is_some()
    }

    fn take_context(&mut self, review: &Review, options: &CheckOptions) -> Context {
        let film = &review.film;
        let key = hash_of(&(
            &options.lang,
            &film.title,
            &film.original_title,
            &film.directors,
            film.cast
                .iter()
                .map(|c| (&c.actor, &c.character))
                .collect::<Vec<_>>(),
            &options.personal_words,
        ));
        match self.context.take() {
            Some(context) if context.key == key => context,
            _ => {
                let dict = spelling::dictionary(&options.lang);
                Context {
                    key,
                    lang: options.lang.clone(),
                    names: names::NameIndex::new(film, dict.as_deref()),
                    dict,
                    personal: options
                        .personal_words
                        .iter()
                        .map(|w| fold(names::strip_possessive(w.trim())))
                        .collect(),
                }
            }
        }
    }

    fn check_section(&mut self, context: &Context, section: &Section) -> Vec<Finding> {
        let body = section.body.as_str();
        if self.blocks.len() > CACHE_LIMIT {
            self.blocks.clear();
        }
        let mut out = Vec::new();
        // UTF-16 position of the end of the previous block, advanced block by block.
        let (mut utf16_at, mut byte_at) = (0usize, 0usize);
        for block in text::blocks(body) {
            let source = &body[block.range.clone()];
            let key = hash_of(&(context.key, section.role, source));
            let locals = match self.blocks.get(&key) {
                Some(locals) => locals.clone(),
                None => {
                    let locals = Arc::new(self.check_block(context, section.role, body, &block));
                    self.blocks.insert(key, locals.clone());
                    locals
                }
            };
            utf16_at += text::utf16_len(&body[byte_at..block.range.start]);
            byte_at = block.range.start;
            for local in locals.iter() {
                let start = block.range.start + local.range.start;
                let end = block.range.start + local.range.end;
                let utf16_start = utf16_at + text::utf16_len(&source[..local.range.start]);
                let utf16_end = utf16_start + text::utf16_len(&body[start..end]);
                out.push(Finding {
                    kind: local.kind,
                    severity: local.severity,
                    code: local.code.to_string(),
                    section_id: Some(section.id.clone()),
                    start: utf16_start as u32,
                    end: utf16_end as u32,
                    byte_start: start as u32,
                    byte_end: end as u32,
                    text: body[start..end].to_string(),
                    message: local.message.clone(),
                    suggestions: local.suggestions.clone(),
                });
            }
        }
        out
    }

    fn check_block(
        &mut self,
        context: &Context,
        role: SectionRole,
        body: &str,
        block: &text::Block,
    ) -> Vec<Local> {
        let tokens = text::tokens(body, block);
        let base = block.range.start;
        let mut out = Vec::new();
        let dict = context.dict.as_deref();
        for token in &tokens {
            let word = token.text;
            let range = token.range.start - base..token.range.end - base;
            if context
                .personal
                .contains(&fold(names::strip_possessive(word)))
            {
                continue;
            }
            let known = dict.is_some_and(|d| {
                spelling::accepts(d, word, |part| {
                    context.names.knows(part) || context.personal.contains(&fold(part))
                })
            });
            let ordinary = if text::capitalised(word) {
                dict.is_some_and(|d| spelling::accepts(d, &word.to_lowercase(), |_| false))
            } else {
                known
            };
            // Title case in a headline says nothing about names.
            let capital_explained = token.sentence_start || role == SectionRole::Headline;
            if let Some(hit) = context
                .names
                .check(word, known, ordinary, capital_explained)
            {
                out.push(Local {
                    kind: FindingKind::Name,
                    severity: Severity::Error,
                    code: if hit.accents_only {
                        "name.accents"
                    } else {
                        "name.near_miss"
                    },
                    range,
                    message: hit.message,
                    suggestions: hit.suggestions,
                });
                continue;
            }
            let Some(dict) = dict else { continue };
            if known || skip_spelling(word) || context.names.knows(word) {
                continue;
            }
            let suggestions = self
                .suggestions
                .entry((context.lang.clone(), word.to_string()))
                .or_insert_with(|| spelling::suggest(dict, word, SUGGESTIONS))
                .clone();
            out.push(Local {
                kind: FindingKind::Spelling,
                severity: Severity::Warning,
                code: "spelling.unknown",
                range,
                message: format!("“{word}” is not in the {} dictionary", context.lang),
                suggestions,
            });
        }
        if self.suggestions.len() > CACHE_LIMIT {
            self.suggestions.clear();
        }
        for repeat in repetition::find(body, &tokens, |w| context.names.knows(w)) {
            let range = repeat.range.start - base..repeat.range.end - base;
            let (code, severity, message, suggestions) = if repeat.doubled {
                (
                    "repetition.doubled",
                    Severity::Warning,
                    format!("“{}” is written twice in a row", repeat.word),
                    vec![repeat.word.clone()],
                )
            } else {
                (
                    "repetition.frequent",
                    Severity::Info,
                    format!(
                        "“{}” is used {} times within {} sentences",
                        repeat.word,
                        repetition::FREQUENT_USES,
                        repetition::FREQUENT_SENTENCES
                    ),
                    Vec::new(),
                )
            };
            out.push(Local {
                kind: FindingKind::Repetition,
                severity,
                code,
                range,
                message,
                suggestions,
            });
        }
        out.sort_by_key(|l| l.range.start);
        out
    }
}

/// Words a spelling dictionary has no business judging: single letters, anything with a
/// digit ("1980s", "4K"), and acronyms in capitals ("BFI", "TIFF").
fn skip_spelling(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters < 2
        || word.chars().any(|c| c.is_numeric())
        || word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

fn unavailable_message(lang: &str) -> String {
    let dirs: Vec<String> = search_dirs()
        .iter()
        .map(|d| d.display().to_string())
        .collect();
    format!(
        "Spelling was not checked: no Hunspell dictionary “{lang}” ({lang}.aff and {lang}.dic) in {}. On Debian and Ubuntu: apt-get install hunspell-en-us hunspell-en-gb",
        dirs.join(", ")
    )
}

fn hash_of<T: Hash>(value: &T) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}
