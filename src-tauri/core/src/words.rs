//! Word counts and reading time.
//!
//! The rule, shared with the UI (which counts as the critic types; both run the cases in
//! `fixtures/word-counts.json`): a word is a run of letters, combining marks and digits;
//! an apostrophe, hyphen, full stop or comma joins two such runs into one word ("well-made",
//! "don't", "1,200", "U.S"); anything else — spaces, em and en dashes, slashes, Markdown
//! punctuation — separates words.

/// Average adult silent-reading speed for non-fiction, in words per minute.
pub const WORDS_PER_MINUTE: usize = 230;

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

/// Combining marks (so a decomposed "Çiçek" is still one word).
fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F
        | 0x0591..=0x05BD | 0x0610..=0x061A | 0x064B..=0x065F | 0x0900..=0x0903 | 0x093A..=0x094F
        | 0x200C..=0x200D)
}

fn is_joiner(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '-' | '\u{2010}' | '\u{2011}' | '.' | ','
    )
}

pub fn count_words(text: &str) -> usize {
    let mut count = 0;
    let mut in_word = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if is_word_char(c) {
            if !in_word {
                count += 1;
                in_word = true;
            }
        } else if in_word && is_joiner(c) && chars.peek().is_some_and(|n| is_word_char(*n)) {
            // Stay inside the word: "well-made", "don't".
        } else {
            in_word = false;
        }
    }
    count
}

/// Minutes to read, rounded up; zero only for an empty text.
pub fn reading_minutes(words: usize) -> usize {
    words.div_ceil(WORDS_PER_MINUTE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize)]
    struct Case {
        text: String,
        words: usize,
    }

    #[test]
    fn shared_cases_agree_with_the_ui() {
        let cases: Vec<Case> =
            serde_json::from_str(include_str!("../fixtures/word-counts.json")).unwrap();
        assert!(cases.len() > 10);
        for case in cases {
            assert_eq!(count_words(&case.text), case.words, "{:?}", case.text);
        }
    }

    #[test]
    fn reading_time_rounds_up() {
        assert_eq!(reading_minutes(0), 0);
        assert_eq!(reading_minutes(1), 1);
        assert_eq!(reading_minutes(230), 1);
        assert_eq!(reading_minutes(231), 2);
    }
}
