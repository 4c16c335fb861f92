//! Writes sample exports for the external checks in tests/export/ (the Nu Html Checker and a
//! real Hugo build): standalone pages of the fully filled review on every rating scale, the
//! sample review and a hostile one; a Hugo batch of the same reviews; and `expected.json`,
//! what each review's page must show.
//!
//! cargo run -p filmdesk-core --example export_samples -- OUT_DIR

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use filmdesk_core::export::samples::full_review;
use filmdesk_core::export::{
    export_batch, export_review_to_dir, markdown_to_safe_html, slug, ExportFormat, ExportOptions,
    Preset,
};
use filmdesk_core::model::{Review, SectionRole};
use filmdesk_core::rating::RatingScale;
use filmdesk_core::sample::sample_review;

fn reviews() -> Vec<Review> {
    let mut all = Vec::new();
    for (i, scale) in RatingScale::ALL.into_iter().enumerate() {
        let mut r = full_review(scale);
        r.id = format!("{}{i}", &r.id[..r.id.len() - 1]);
        r.film.title = format!("{} {}", r.film.title, ["I", "II", "III", "IV", "V"][i]);
        r.sections[0].body = format!("{} review on {}", r.film.title, scale.label());
        all.push(r);
    }
    let mut sample = sample_review(RatingScale::FiveStars);
    sample.published_at = Some(sample.created_at);
    all.push(sample);
    let mut hostile = full_review(RatingScale::Letter);
    hostile.id = "hostile".into();
    hostile.film.title = "\"><script>alert(1)</script> Hostile".into();
    hostile.sections[0].body = "Hostile </title><svg onload=alert(1)> review".into();
    hostile.sections[2].body = "<iframe src=javascript:alert(1)></iframe>\n\nText [x](javascript:alert(1)) <img src=x onerror=alert(1)> \u{7}\u{fffe}\n\n<div onclick=x><p>kept <b>bold</b></p><script>alert(1)</script>\n\n[y][r]\n\n[r]: data:text/html,x".into();
    hostile.byline = "' onfocus='alert(1)".into();
    hostile.links[0].url = "javascript:alert(1)".into();
    hostile
        .tags
        .push("</script><script>alert(1)</script>".into());
    all.push(hostile);
    all
}

fn main() {
    let out = PathBuf::from(
        std::env::args()
            .nth(1)
            .expect("usage: export_samples OUT_DIR"),
    );
    let reviews = reviews();
    let page = ExportOptions::new(ExportFormat::Html, Preset::None);
    for review in &reviews {
        export_review_to_dir(review, &page, &out.join("html"), true).expect("page");
    }
    let cancel = AtomicBool::new(false);
    for (dir, preset) in [
        ("hugo", Preset::Hugo),
        ("jekyll", Preset::Jekyll),
        ("astro", Preset::Astro),
    ] {
        export_batch(
            reviews.iter().cloned().map(Ok),
            reviews.len(),
            &ExportOptions::new(ExportFormat::Markdown, preset),
            &out.join(dir),
            true,
            &cancel,
            |_| {},
        )
        .expect("batch");
    }
    // What a site built from the batch must show for each review: its title, its date and a
    // sentence of its body (the verdict's text, as the HTML export renders it).
    let expected: Vec<_> = reviews
        .iter()
        .map(|r| {
            let verdict = r
                .sections
                .iter()
                .rfind(|s| s.role == SectionRole::Body && !s.spoiler)
                .map(|s| markdown_to_safe_html(&s.body))
                .unwrap_or_default();
            serde_json::json!({
                "slug": slug(r),
                "title": filmdesk_core::export::page_title(r),
                "film": r.film.title,
                "date": filmdesk_core::export::article_date(r).format("%Y-%m-%d").to_string(),
                "body_html": verdict.trim(),
            })
        })
        .collect();
    std::fs::write(
        out.join("expected.json"),
        serde_json::to_string_pretty(&expected).expect("json"),
    )
    .expect("write expected.json");
    println!("wrote {} reviews to {}", reviews.len(), out.display());
}
