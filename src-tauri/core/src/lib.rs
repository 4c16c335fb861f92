//! Filmdesk's domain. Everything a critic's work is made of — reviews, their sections, the
//! film's facts, ratings — and the SQLite store that keeps it. This crate knows nothing of
//! Tauri: the desktop app and the headless command line are both thin adapters over it.

pub mod backup;
pub mod bindings;
pub mod checks;
pub mod error;
pub mod export;
pub mod history;
pub mod imdb;
pub mod letterboxd;
pub mod library;
pub mod log;
pub mod model;
pub mod rating;
pub mod sample;
pub mod search;
pub mod settings;
pub mod store;
pub mod templates;
pub mod words;

pub use error::{Error, ErrorCode, ErrorPayload, Result};
pub use model::*;
pub use store::Store;
