//! TypeScript declarations of every type the UI exchanges with the app, generated from the
//! Rust types with ts-rs into one committed file, `ui/src/lib/bindings.ts`.
//!
//! The test below fails when that file is stale; `UPDATE_BINDINGS=1 cargo test -p
//! filmdesk-core bindings` rewrites it.

use ts_rs::{Config, TS};

macro_rules! declarations {
    ($cfg:expr; $($ty:ty),* $(,)?) => {
        vec![$(format!("export {}", <$ty as TS>::decl($cfg))),*]
    };
}

/// The whole bindings file.
pub fn typescript_bindings() -> String {
    use crate::*;
    let cfg = Config::new();
    let decls = declarations![&cfg;
        error::ErrorCode,
        error::ErrorPayload,
        checks::FindingKind,
        checks::Severity,
        checks::Finding,
        model::Status,
        model::SectionRole,
        model::Section,
        model::CastMember,
        model::FilmFacts,
        model::RelatedLink,
        model::Review,
        model::ReviewSummary,
        rating::RatingScale,
        rating::Rating,
        rating::ScaleInfo,
        rating::StepInfo,
        templates::TemplateId,
        templates::Template,
        templates::TemplateSection,
        settings::Theme,
        settings::Settings,
        settings::UiState,
        history::SnapshotReason,
        history::SnapshotInfo,
        history::Snapshot,
        history::DiffKind,
        history::DiffPart,
        history::TrashedReview,
        backup::BackupKind,
        backup::BackupInfo,
        backup::RestoreReport,
        export::ExportFormat,
        export::Preset,
        export::ExportOptions,
        export::BatchProgress,
        export::BatchReport,
        library::LibrarySort,
        library::LibraryFilter,
        library::LibraryFacets,
        search::SearchKind,
        search::SnippetPart,
        search::SearchHit,
        search::SearchResults,
        log::PlaceKind,
        log::Viewing,
        log::FilmChoice,
        log::NewViewing,
        log::FilmSummary,
        log::DiaryEntry,
        log::FilmRecord,
        log::FilmPage,
        log::FilmMatch,
        log::WatchlistEntry,
        log::MonthCount,
        log::RatingBin,
        log::NameCount,
        log::LogTotals,
        log::LogStats,
        log::ImportCounts,
        log::SkippedRow,
        log::ImportReport,
        imdb::ImdbProgress,
        imdb::ImdbReport,
        imdb::ImdbMatch,
    ];
    let mut out = String::from(
        "// Generated from the Rust types in src-tauri/core by ts-rs. Do not edit by hand:\n\
         // run `UPDATE_BINDINGS=1 cargo test -p filmdesk-core bindings` after changing them.\n\n",
    );
    for decl in decls {
        out.push_str(&decl);
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    #[test]
    fn bindings_file_is_current() {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/bindings.ts");
        let expected = super::typescript_bindings();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &expected).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == expected,
            "ui/src/lib/bindings.ts is stale: run `UPDATE_BINDINGS=1 cargo test -p filmdesk-core bindings`"
        );
    }
}
