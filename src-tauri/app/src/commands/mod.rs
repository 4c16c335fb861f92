//! Tauri commands, grouped by domain. Each unpacks its arguments and calls the domain.

pub mod app;
pub mod checks;
pub mod export;
pub mod history;
pub mod log;
pub mod reviews;
pub mod search;
pub mod settings;
