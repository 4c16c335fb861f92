//! Checks of the review as a whole: length against the word targets, where spoiler sections
//! sit, and whether a review about to be published has everything it needs.

use super::{CheckOptions, Finding, FindingKind, Severity};
use crate::model::{Review, SectionRole};
use crate::words::{count_words, reading_minutes};

/// A section or review may run this much over its target before it is flagged, in percent.
pub const LENGTH_TOLERANCE_PERCENT: u64 = 10;

fn over_target(words: usize, target: u32) -> Option<u64> {
    let (words, target) = (words as u64, u64::from(target));
    (target > 0 && words * 100 > target * (100 + LENGTH_TOLERANCE_PERCENT))
        .then(|| (words * 100).div_ceil(target) - 100)
}

fn section_name(title: &str, role: SectionRole) -> String {
    let title = title.trim();
    if title.is_empty() {
        format!("the {} section", role.as_str())
    } else {
        format!("“{title}”")
    }
}

pub fn length(review: &Review, options: &CheckOptions, out: &mut Vec<Finding>) {
    let mut total = 0;
    for section in &review.sections {
        let words = count_words(&section.body);
        total += words;
        if let Some(target) = section.word_target {
            if let Some(percent) = over_target(words, target) {
                out.push(Finding::whole(
                    FindingKind::Length,
                    Severity::Warning,
                    "length.section_over",
                    Some(section.id.clone()),
                    format!(
                        "{} has {words} words, {percent}% over its target of {target}",
                        section_name(&section.title, section.role)
                    ),
                ));
            }
        }
    }
    if let Some(target) = options.target_words {
        if let Some(percent) = over_target(total, target) {
            out.push(Finding::whole(
                FindingKind::Length,
                Severity::Warning,
                "length.review_over",
                None,
                format!("The review has {total} words, {percent}% over the publication's length of {target}"),
            ));
        }
    }
    let minutes = reading_minutes(total);
    out.push(Finding::whole(
        FindingKind::Length,
        Severity::Info,
        "length.summary",
        None,
        format!(
            "{total} words, about {minutes} minute{} to read",
            if minutes == 1 { "" } else { "s" }
        ),
    ));
}

pub fn spoilers(review: &Review, options: &CheckOptions, out: &mut Vec<Finding>) {
    if let Some(standfirst) = review
        .sections
        .iter()
        .position(|s| s.role == SectionRole::Standfirst)
    {
        for section in review.sections[..standfirst].iter().filter(|s| s.spoiler) {
            out.push(Finding::whole(
                FindingKind::Spoiler,
                Severity::Warning,
                "spoiler.before_standfirst",
                Some(section.id.clone()),
                format!(
                    "{} is marked as a spoiler but comes before the standfirst, where every reader sees it: move it further down",
                    section_name(&section.title, section.role)
                ),
            ));
        }
    }
    if options.for_publication && !review.sections.iter().any(|s| s.spoiler) {
        // Whether prose gives the plot away is not something a program can tell reliably.
        out.push(Finding::whole(
            FindingKind::Spoiler,
            Severity::Info,
            "spoiler.none_marked",
            None,
            "No section is marked as a spoiler: if one gives the plot away, mark it so that the export hides it".into(),
        ));
    }
}

pub fn readiness(review: &Review, options: &CheckOptions, out: &mut Vec<Finding>) {
    if !options.for_publication {
        return;
    }
    let mut missing = |code: &'static str, section_id: Option<String>, message: String| {
        out.push(Finding::whole(
            FindingKind::Readiness,
            Severity::Error,
            code,
            section_id,
            message,
        ))
    };
    if review.film.title.trim().is_empty() {
        missing("readiness.title", None, "The film has no title".into());
    }
    if review.headline().is_empty() {
        missing(
            "readiness.headline",
            None,
            "The review has no headline".into(),
        );
    }
    if review.rating.step.is_none() {
        missing("readiness.rating", None, "The film is not rated".into());
    }
    if review.byline.trim().is_empty() {
        missing("readiness.byline", None, "The review has no byline".into());
    }
    for section in review.sections.iter().filter(|s| s.body.trim().is_empty()) {
        missing(
            "readiness.empty_section",
            Some(section.id.clone()),
            format!("{} is empty", section_name(&section.title, section.role)),
        );
    }
    if let Some(embargo) = review.embargo {
        let now = options.now.unwrap_or_else(crate::model::now);
        if embargo > now {
            missing(
                "readiness.embargo",
                None,
                format!(
                    "The embargo lifts at {}: the review must not be published before then",
                    embargo.format("%Y-%m-%d %H:%M %:z")
                ),
            );
        }
    }
}
