//! Getting words back: snapshots of a section's text, the word-level diff the history panel
//! shows between two texts, and the trash. The queries are in `store/history.rs` and
//! `store/trash.rs`.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use similar::{Algorithm, ChangeTag, TextDiff};
use ts_rs::TS;

use crate::model::{ReviewSummary, Timestamp};

/// Why a snapshot was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SnapshotReason {
    /// The critic stopped typing for a while.
    Pause,
    /// The critic switched to another review.
    Switch,
    /// The text just before a snapshot was restored over it, so the restore can be undone.
    Restore,
    /// "Snapshot now".
    Manual,
}

impl SnapshotReason {
    pub fn as_str(self) -> &'static str {
        match self {
            SnapshotReason::Pause => "pause",
            SnapshotReason::Switch => "switch",
            SnapshotReason::Restore => "restore",
            SnapshotReason::Manual => "manual",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "pause" => Some(SnapshotReason::Pause),
            "switch" => Some(SnapshotReason::Switch),
            "restore" => Some(SnapshotReason::Restore),
            "manual" => Some(SnapshotReason::Manual),
            _ => None,
        }
    }
}

/// A line of a section's history, without its text (the list can be long).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SnapshotInfo {
    pub id: String,
    pub section_id: String,
    pub review_id: String,
    pub taken_at: Timestamp,
    pub word_count: u32,
    /// The critic's name for it ("Sent to the editor"), if any.
    pub name: Option<String>,
    pub reason: SnapshotReason,
}

/// A snapshot with its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Snapshot {
    pub info: SnapshotInfo,
    /// The section's Markdown source at `info.taken_at`.
    pub body: String,
}

/// A review in the trash.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TrashedReview {
    pub review: ReviewSummary,
    pub deleted_at: Timestamp,
    /// When it will be deleted for good (at the first launch after this moment).
    pub purge_after: Timestamp,
}

/// What a piece of a diff is, seen from the older text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DiffKind {
    Same,
    Added,
    Removed,
}

/// A run of text that is the same in both, only in the newer (added) or only in the older
/// (removed). Concatenating the `same` and `removed` parts gives the old text; `same` and
/// `added` give the new one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DiffPart {
    pub kind: DiffKind,
    pub text: String,
}

/// How long the diff may search for the smallest edit before settling for a coarser (still
/// correct) one: two very long, very different texts must not freeze the history panel.
const DIFF_DEADLINE: Duration = Duration::from_millis(500);

/// A word-level diff from `old` to `new`, with neighbouring parts of one kind merged.
pub fn word_diff(old: &str, new: &str) -> Vec<DiffPart> {
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Patience)
        .timeout(DIFF_DEADLINE)
        .diff_words(old, new);
    let mut parts: Vec<DiffPart> = Vec::new();
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            ChangeTag::Equal => DiffKind::Same,
            ChangeTag::Insert => DiffKind::Added,
            ChangeTag::Delete => DiffKind::Removed,
        };
        match parts.last_mut() {
            Some(last) if last.kind == kind => last.text.push_str(change.value()),
            _ => parts.push(DiffPart {
                kind,
                text: change.value().to_string(),
            }),
        }
    }
    parts
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // A test that cannot unwrap has failed.
mod tests {
    use super::*;

    fn side(parts: &[DiffPart], skip: DiffKind) -> String {
        parts
            .iter()
            .filter(|p| p.kind != skip)
            .map(|p| p.text.as_str())
            .collect()
    }

    fn part(kind: DiffKind, text: &str) -> DiffPart {
        DiffPart {
            kind,
            text: text.into(),
        }
    }

    #[test]
    fn marks_changed_words() {
        let parts = word_diff("Defne Kara is luminous", "Defne Kara is quietly luminous");
        assert_eq!(
            parts,
            vec![
                part(DiffKind::Same, "Defne Kara is "),
                part(DiffKind::Added, "quietly "),
                part(DiffKind::Same, "luminous"),
            ]
        );
        let parts = word_diff("a slow film", "a patient film");
        assert_eq!(
            parts,
            vec![
                part(DiffKind::Same, "a "),
                part(DiffKind::Removed, "slow"),
                part(DiffKind::Added, "patient"),
                part(DiffKind::Same, " film"),
            ]
        );
    }

    #[test]
    fn both_texts_can_be_rebuilt_from_the_parts() {
        let cases = [
            ("", ""),
            ("", "new text"),
            ("old text", ""),
            ("same", "same"),
            (
                "Çiçek walks 👩🏽‍🌾 through\n\nthe garden.",
                "Çiçek runs\n\nthrough the 🌷 garden!",
            ),
            ("שלום עולם", "שלום לכולם"),
        ];
        for (old, new) in cases {
            let parts = word_diff(old, new);
            assert_eq!(side(&parts, DiffKind::Added), old, "{old:?} -> {new:?}");
            assert_eq!(side(&parts, DiffKind::Removed), new, "{old:?} -> {new:?}");
            assert!(parts.windows(2).all(|w| w[0].kind != w[1].kind));
        }
    }
}
