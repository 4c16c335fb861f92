//! The critic's preferences, and the small UI state that comes back after a restart.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::export::{ExportFormat, Preset};
use crate::rating::RatingScale;
use crate::templates::TemplateId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Settings {
    /// Byline for new reviews.
    pub author_name: String,
    /// Publication for new reviews.
    pub publication: String,
    pub default_scale: RatingScale,
    pub default_template: TemplateId,
    pub theme: Theme,
    /// What the Export dialog starts with (and "Copy as Markdown" uses).
    pub export_format: ExportFormat,
    /// The front matter of Markdown exports, for the critic's site generator.
    pub export_preset: Preset,
    /// Hunspell dictionary for reviews that do not choose their own (`en_US`, `en_GB`).
    pub spelling_lang: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            author_name: String::new(),
            publication: String::new(),
            default_scale: RatingScale::FiveStars,
            default_template: TemplateId::Feature,
            theme: Theme::System,
            export_format: ExportFormat::Html,
            export_preset: Preset::None,
            spelling_lang: crate::checks::DEFAULT_LANG.to_string(),
        }
    }
}

/// Where the critic was: reopened on the next launch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(default)]
pub struct UiState {
    pub open_review_id: Option<String>,
    pub focused_section_id: Option<String>,
    /// Whether the preview pane is shown.
    pub preview_open: bool,
}
