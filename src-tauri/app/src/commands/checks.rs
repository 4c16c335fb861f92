//! Editorial checks for the editor's underlines and checks panel, and the personal dictionary.
//!
//! Checking runs on tokio's blocking pool with one `Checker` for the app's life: its caches
//! make the re-check after a keystroke cost only the edited paragraph.

use std::sync::{Arc, Mutex, PoisonError};

use filmdesk_core::checks::{CheckOptions, Checker, Finding};
use filmdesk_core::{Error, Review};
use tauri::State;

use crate::db::Db;
use crate::error::{CommandResult, IpcError};

/// The checker, and the personal dictionary as last read from the library.
#[derive(Default)]
pub struct Checks {
    checker: Arc<Mutex<Checker>>,
    personal: Mutex<Option<Vec<String>>>,
}

impl Checks {
    async fn personal_words(&self, db: &Db) -> CommandResult<Vec<String>> {
        let cached = self
            .personal
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        if let Some(words) = cached {
            return Ok(words);
        }
        let words = db.call(|store| store.dictionary_words()).await?;
        self.remember(words.clone());
        Ok(words)
    }

    fn remember(&self, words: Vec<String>) {
        *self.personal.lock().unwrap_or_else(PoisonError::into_inner) = Some(words);
    }
}

/// Every finding for the review as the editor holds it (it need not be saved). `lang` is a
/// Hunspell dictionary name (default: the review's own, else the settings'); `forPublication`
/// adds the readiness checks.
#[tauri::command]
pub async fn check_review(
    db: State<'_, Db>,
    checks: State<'_, Checks>,
    review: Review,
    lang: Option<String>,
    for_publication: Option<bool>,
) -> CommandResult<Vec<Finding>> {
    // The language asked for, else the review's own, else the default in the settings.
    let lang = match lang.or_else(|| review.lang.clone()) {
        Some(lang) => lang,
        None => db.call(|store| store.settings()).await?.spelling_lang,
    };
    let options = CheckOptions {
        lang,
        for_publication: for_publication.unwrap_or(false),
        personal_words: checks.personal_words(&db).await?,
        ..CheckOptions::default()
    };
    let checker = Arc::clone(&checks.checker);
    let findings = tauri::async_runtime::spawn_blocking(move || {
        checker
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .check(&review, &options)
    })
    .await
    .map_err(|e| IpcError::from(Error::Internal(format!("check task failed: {e}"))));
    // A long review's check allocates and frees megabytes (crate::memory).
    crate::memory::worked();
    findings
}

/// Adds a word to the personal dictionary; returns the whole dictionary.
#[tauri::command]
pub async fn add_to_dictionary(
    db: State<'_, Db>,
    checks: State<'_, Checks>,
    word: String,
) -> CommandResult<Vec<String>> {
    let words = db
        .call(move |store| {
            store.add_dictionary_word(&word)?;
            store.dictionary_words()
        })
        .await?;
    checks.remember(words.clone());
    Ok(words)
}

/// Removes a word from the personal dictionary; returns the whole dictionary.
#[tauri::command]
pub async fn remove_from_dictionary(
    db: State<'_, Db>,
    checks: State<'_, Checks>,
    word: String,
) -> CommandResult<Vec<String>> {
    let words = db
        .call(move |store| {
            store.remove_dictionary_word(&word)?;
            store.dictionary_words()
        })
        .await?;
    checks.remember(words.clone());
    Ok(words)
}

/// The personal dictionary, alphabetically.
#[tauri::command]
pub async fn dictionary_words(db: State<'_, Db>) -> CommandResult<Vec<String>> {
    db.call(|store| store.dictionary_words()).await
}
