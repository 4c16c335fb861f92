//! Preferences and UI state, kept as JSON documents under fixed keys.

use rusqlite::OptionalExtension;

use super::{from_json, to_json, Store};
use crate::error::Result;
use crate::settings::{Settings, UiState};

const SETTINGS_KEY: &str = "settings";
const UI_STATE_KEY: &str = "ui_state";

impl Store {
    pub fn settings(&self) -> Result<Settings> {
        self.get_document(SETTINGS_KEY)
    }

    pub fn save_settings(&mut self, settings: &Settings) -> Result<()> {
        self.put_document(SETTINGS_KEY, settings)
    }

    pub fn ui_state(&self) -> Result<UiState> {
        self.get_document(UI_STATE_KEY)
    }

    pub fn save_ui_state(&mut self, state: &UiState) -> Result<()> {
        self.put_document(UI_STATE_KEY, state)
    }

    fn get_document<T: serde::de::DeserializeOwned + Default>(&self, key: &str) -> Result<T> {
        let text: Option<String> = self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(match text {
            Some(text) => from_json(&text)?,
            None => T::default(),
        })
    }

    fn put_document<T: serde::Serialize>(&mut self, key: &str, value: &T) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, &to_json(value)?],
        )?;
        tx.commit()?;
        Ok(())
    }
}
