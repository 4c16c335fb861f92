//! Reviews: the library list, creating, reading, saving and deleting.

use filmdesk_core::rating::{scale_infos, ScaleInfo};
use filmdesk_core::sample::sample_review;
use filmdesk_core::templates::{all_templates, Template, TemplateId};
use filmdesk_core::{Review, ReviewSummary};
use tauri::State;

use crate::db::Db;
use crate::error::CommandResult;

/// The library, most recently edited first; with `limit`, a page of it: its first `limit`
/// reviews, or the `limit` after review `after` (the UI draws the first screen at start, then
/// loads the rest in pages: see `Store::review_page`).
#[tauri::command]
pub async fn list_reviews(
    db: State<'_, Db>,
    limit: Option<u32>,
    after: Option<String>,
) -> CommandResult<Vec<ReviewSummary>> {
    db.call(move |store| match limit {
        Some(limit) => store.review_page(after.as_deref(), limit),
        None => store.list_reviews(),
    })
    .await
}

#[tauri::command]
pub async fn create_review(db: State<'_, Db>, template: TemplateId) -> CommandResult<Review> {
    db.call(move |store| {
        let settings = store.settings()?;
        store.create_review(template, &settings)
    })
    .await
}

#[tauri::command]
pub async fn create_sample_review(db: State<'_, Db>) -> CommandResult<Review> {
    db.call(|store| {
        let review = sample_review(store.settings()?.default_scale);
        store.insert_review(&review)?;
        Ok(review)
    })
    .await
}

#[tauri::command]
pub async fn get_review(db: State<'_, Db>, id: String) -> CommandResult<Review> {
    db.call(move |store| store.get_review(&id)).await
}

/// Resolves only after the transaction has committed: the UI shows "Saved" on that.
#[tauri::command]
pub async fn save_review(db: State<'_, Db>, review: Review) -> CommandResult<Review> {
    db.call(move |store| store.save_review(&review)).await
}

#[tauri::command]
pub async fn delete_review(db: State<'_, Db>, id: String) -> CommandResult<()> {
    db.call(move |store| store.delete_review(&id)).await
}

#[tauri::command]
pub fn list_templates() -> Vec<Template> {
    all_templates()
}

#[tauri::command]
pub fn rating_scales() -> Vec<ScaleInfo> {
    scale_infos()
}

/// The article as a reader will see it, sanitised: the same renderer as the HTML export.
#[tauri::command]
pub fn render_preview(review: Review) -> String {
    filmdesk_core::export::render_html_fragment(&review)
}
