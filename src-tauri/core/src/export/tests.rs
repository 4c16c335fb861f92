use super::*;
use crate::rating::RatingScale;
use crate::sample::sample_review;

#[test]
fn formats_and_presets_parse_back() {
    for f in ExportFormat::ALL {
        assert_eq!(ExportFormat::parse(f.as_str()), Some(f));
    }
    for p in Preset::ALL {
        assert_eq!(Preset::parse(p.as_str()), Some(p));
    }
}

#[test]
fn paths_follow_each_generator() {
    let mut review = sample_review(RatingScale::FiveStars);
    review.published_at =
        Some(chrono::DateTime::parse_from_rfc3339("2025-03-09T20:15:00+03:00").unwrap());
    let md = |preset| relative_path(&review, &ExportOptions::new(ExportFormat::Markdown, preset));
    let s = slug(&review);
    assert_eq!(
        s,
        "the-last-ferry-2025-review-a-quiet-crossing-that-carries-a-whole-life"
    );
    assert_eq!(md(Preset::Hugo), format!("content/reviews/{s}.md"));
    assert_eq!(md(Preset::Jekyll), format!("_posts/2025-03-09-{s}.md"));
    assert_eq!(md(Preset::Astro), format!("src/content/reviews/{s}.md"));
    assert_eq!(md(Preset::None), format!("{s}.md"));
    assert_eq!(
        relative_path(&review, &ExportOptions::default()),
        format!("{s}.html")
    );
}
