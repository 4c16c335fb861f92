//! Hunspell dictionaries, read by `spellbook` from the system's dictionary folders.
//!
//! A dictionary is parsed once per process (about a tenth of a second for en_US) and shared.
//! A missing dictionary is not an error: the checks say so in one finding and go on.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

pub type Dictionary = spellbook::Dictionary;

/// The language used when a review does not say.
pub const DEFAULT_LANG: &str = "en_US";

/// Environment variable naming one more folder to look for `<lang>.aff` and `<lang>.dic` in.
pub const DICTIONARY_DIR_ENV: &str = "FILMDESK_DICTIONARY_DIR";

/// Where Debian (hunspell-en-us, hunspell-en-gb), Fedora and Homebrew put Hunspell dictionaries.
const SYSTEM_DIRS: &[&str] = &[
    "/usr/share/hunspell",
    "/usr/share/myspell/dicts",
    "/usr/share/myspell",
    "/usr/local/share/hunspell",
    "/opt/homebrew/share/hunspell",
];

type Loaded = HashMap<String, Option<Arc<Dictionary>>>;

fn loaded() -> &'static Mutex<Loaded> {
    static LOADED: OnceLock<Mutex<Loaded>> = OnceLock::new();
    LOADED.get_or_init(Default::default)
}

/// The folders searched for a dictionary, in order.
pub fn search_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::env::var_os(DICTIONARY_DIR_ENV)
        .map(PathBuf::from)
        .into_iter()
        .collect();
    dirs.extend(SYSTEM_DIRS.iter().map(PathBuf::from));
    dirs
}

/// A language tag is used in a file name: letters, digits, `_` and `-` only.
pub fn valid_lang(lang: &str) -> bool {
    !lang.is_empty()
        && lang.len() <= 16
        && lang
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// The dictionary for `lang`, loaded on first use; `None` when no folder has it or it does
/// not parse (logged once).
pub fn dictionary(lang: &str) -> Option<Arc<Dictionary>> {
    if !valid_lang(lang) {
        return None;
    }
    let mut loaded = loaded().lock().unwrap_or_else(|p| p.into_inner());
    loaded
        .entry(lang.to_string())
        .or_insert_with(|| load(lang).map(Arc::new))
        .clone()
}

fn load(lang: &str) -> Option<Dictionary> {
    for dir in search_dirs() {
        let aff = dir.join(format!("{lang}.aff"));
        let dic = dir.join(format!("{lang}.dic"));
        let (Ok(aff), Ok(dic)) = (std::fs::read(&aff), std::fs::read(&dic)) else {
            continue;
        };
        // Debian's en_GB files start with a byte-order mark; both are UTF-8 (`SET UTF-8`).
        let aff = String::from_utf8_lossy(&aff);
        let dic = String::from_utf8_lossy(&dic);
        let started = std::time::Instant::now();
        match Dictionary::new(
            aff.trim_start_matches('\u{feff}'),
            dic.trim_start_matches('\u{feff}'),
        ) {
            Ok(dict) => {
                tracing::info!(lang, dir = %dir.display(), ms = started.elapsed().as_millis() as u64, "loaded dictionary");
                return Some(dict);
            }
            Err(err) => {
                tracing::warn!(lang, dir = %dir.display(), %err, "dictionary does not parse");
            }
        }
    }
    None
}

/// Whether the dictionary accepts `word`; a hyphenated compound passes when each part is
/// accepted by the dictionary or by `also` (the film's names, the personal dictionary).
pub fn accepts(dict: &Dictionary, word: &str, also: impl Fn(&str) -> bool) -> bool {
    let word = word.replace('\u{2019}', "'");
    if dict.check(&word) {
        return true;
    }
    // "Defne's" style possessives of words the dictionary knows without one.
    if let Some(stem) = word.strip_suffix("'s") {
        if !stem.is_empty() && dict.check(stem) {
            return true;
        }
    }
    word.contains(['-', '\u{2010}', '\u{2011}'])
        && word
            .split(['-', '\u{2010}', '\u{2011}'])
            .all(|part| part.is_empty() || dict.check(part) || also(part))
}

/// Up to `limit` suggestions for a misspelt word, best first. Only edits of the word (swaps,
/// missing or extra letters, the affix file's replacement table) are tried: the n-gram search
/// that follows in Hunspell costs tens of milliseconds a word and mostly adds noise.
pub fn suggest(dict: &Dictionary, word: &str, limit: usize) -> Vec<String> {
    let mut out = Vec::new();
    dict.suggester()
        .with_ngram_suggestions(false)
        .suggest(&word.replace('\u{2019}', "'"), &mut out);
    out.truncate(limit);
    out
}
