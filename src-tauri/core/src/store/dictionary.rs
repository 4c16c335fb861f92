//! The personal dictionary: words the critic told the checks to accept.

use super::Store;
use crate::error::{Error, Result};
use crate::model::now;

/// Longest word the dictionary takes, in characters.
const MAX_WORD_CHARS: usize = 100;

impl Store {
    /// Every word, in alphabetical order.
    pub fn dictionary_words(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare("SELECT word FROM dictionary_words ORDER BY word COLLATE NOCASE")?;
        let words = stmt
            .query_map([], |row| row.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(words)
    }

    /// Adds a word (trimmed); `false` when it was already there, in any case.
    pub fn add_dictionary_word(&mut self, word: &str) -> Result<bool> {
        let word = word.trim();
        if word.is_empty()
            || word.chars().count() > MAX_WORD_CHARS
            || word.contains(char::is_whitespace)
        {
            return Err(Error::invalid(format!(
                "a dictionary word is one word of 1 to {MAX_WORD_CHARS} characters, without spaces"
            )));
        }
        let tx = self.conn.transaction()?;
        let added = tx.execute(
            "INSERT INTO dictionary_words (word, added_at) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
            [word, &now().to_rfc3339()],
        )?;
        tx.commit()?;
        Ok(added > 0)
    }

    /// Removes a word, in any case; `false` when it was not there.
    pub fn remove_dictionary_word(&mut self, word: &str) -> Result<bool> {
        let tx = self.conn.transaction()?;
        let removed = tx.execute(
            "DELETE FROM dictionary_words WHERE word = ?1",
            [word.trim()],
        )?;
        tx.commit()?;
        Ok(removed > 0)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // A test that cannot unwrap has failed.
mod tests {
    use crate::store::Store;

    #[test]
    fn words_are_kept_once_whatever_their_case() {
        let mut store = Store::open_in_memory().unwrap();
        assert!(store.dictionary_words().unwrap().is_empty());
        assert!(store.add_dictionary_word(" Karaköy ").unwrap());
        assert!(!store.add_dictionary_word("karaköy").unwrap());
        assert!(store.add_dictionary_word("Bosphorus").unwrap());
        assert_eq!(store.dictionary_words().unwrap(), ["Bosphorus", "Karaköy"]);
        assert!(store.add_dictionary_word("two words").is_err());
        assert!(store.add_dictionary_word("  ").is_err());
        assert!(store.remove_dictionary_word("BOSPHORUS").unwrap());
        assert!(!store.remove_dictionary_word("Bosphorus").unwrap());
        assert_eq!(store.dictionary_words().unwrap(), ["Karaköy"]);
    }
}
