//! Never lose a word: section history, the trash, backups and restores, damaged files, and two
//! processes on one library. Everything goes through the public API of `filmdesk-core`.

#![allow(clippy::unwrap_used)] // A test that cannot unwrap has failed.

mod backups;
mod concurrency;
mod corruption;
mod history;
mod trash;

use std::path::Path;

use filmdesk_core::settings::Settings;
use filmdesk_core::templates::TemplateId;
use filmdesk_core::{Review, Store};

/// A Feature review with text in its first three sections.
pub fn review_with_text(store: &mut Store) -> Review {
    let mut review = store
        .create_review(TemplateId::Feature, &Settings::default())
        .unwrap();
    review.film.title = "The Last Ferry".into();
    review.sections[0].body = "The Last Ferry review: a quiet crossing".into();
    review.sections[1].body = "A captain's final night on the Bosphorus.".into();
    review.sections[2].body = "Nazım has piloted the same ferry for forty years.".into();
    store.save_review(&review).unwrap()
}

/// Sets one section's text and saves the review, as the editor's autosave does.
pub fn type_into(store: &mut Store, review: &Review, section: usize, text: &str) -> Review {
    let mut review = store.get_review(&review.id).unwrap();
    review.sections[section].body = text.into();
    store.save_review(&review).unwrap()
}

pub fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}
