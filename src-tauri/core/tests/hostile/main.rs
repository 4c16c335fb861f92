//! Hostile and odd input through the domain API: every text field of a review filled with
//! right-to-left text, combining characters, emoji sequences, NUL and other control
//! characters, a 5 MB section and very long lines; dates far in the past and the future;
//! ratings and years out of range; malformed URLs in related links; lone surrogates in JSON.
//! Nothing panics, nothing is silently altered (what is stored is what loads, byte for byte),
//! and the exports of such a review stay valid (the HTML parses without a single error).
//! The XSS vectors are in `tests/export/xss.rs`, damaged files in `tests/durability`.

#![allow(clippy::unwrap_used)] // A test that cannot unwrap has failed.

use std::path::Path;

use chrono::DateTime;
use filmdesk_core::checks::{check_review, CheckOptions};
use filmdesk_core::export::json_form::{from_json, to_json};
use filmdesk_core::export::{render, ExportFormat, ExportOptions, Preset};
use filmdesk_core::model::{CastMember, RelatedLink, Status};
use filmdesk_core::rating::{Rating, RatingScale};
use filmdesk_core::settings::Settings;
use filmdesk_core::templates::TemplateId;
use filmdesk_core::words::count_words;
use filmdesk_core::{ErrorCode, Review, Store};

const RTL: &str = "نقد: «الأرشيف المالح» فيلم هادئ — וגם עברית \u{200F}(RLM)\u{200E} \u{202E}override\u{202C} and English";
/// Decomposed accents (never normalised to the composed form), stacked marks, Devanagari, Thai.
const COMBINING: &str = "cafe\u{301} vs caf\u{e9}; Z\u{335}\u{30c}\u{34e}a\u{36b}\u{33e}l\u{327}g\u{30f}o; हिन्दी; ภาษาไทย; \u{301} leading mark";
const EMOJI: &str = "👩🏽\u{200d}💻 👨\u{200d}👩\u{200d}👧\u{200d}👦 🏳\u{fe0f}\u{200d}🌈 👍🏿 🧑🏻\u{200d}🤝\u{200d}🧑🏾 🇹🇷 \u{200d} lone ZWJ";
/// NUL, C0 and C1 controls, escape sequences, DEL, line and paragraph separators, BOM,
/// noncharacters, CR LF and a lone CR.
const CONTROLS: &str = "nul\0inside \u{1}\u{7}\u{8}\u{b}\u{c}\u{1b}[31mred\u{1b}[0m \u{7f} \u{85} \u{2028}\u{2029} \u{feff}bom \u{fffe}\u{ffff} tab\there\r\ncrlf\rcr";

fn odd_texts() -> Vec<String> {
    vec![
        RTL.to_string(),
        COMBINING.to_string(),
        EMOJI.to_string(),
        CONTROLS.to_string(),
        format!("{RTL} {COMBINING} {EMOJI} {CONTROLS}"),
        " leading and trailing spaces  ".to_string(),
        String::new(),
    ]
}

fn store(dir: &Path) -> Store {
    Store::open(&dir.join("library.sqlite")).unwrap()
}

fn new_review(store: &mut Store) -> Review {
    store
        .create_review(TemplateId::Feature, &Settings::default())
        .unwrap()
}

/// Every text field of `review` set from `text` (a variant per field, so that none can stand in
/// for another).
fn fill(review: &mut Review, text: &str) {
    let f = &mut review.film;
    f.title = format!("{text}·title");
    f.original_title = format!("{text}·original");
    f.directors = vec![format!("{text}·director"), text.to_string()];
    f.cast = vec![CastMember {
        actor: format!("{text}·actor"),
        character: format!("{text}·character"),
    }];
    f.genres = vec![format!("{text}·genre")];
    f.countries = vec![format!("{text}·country")];
    f.languages = vec![format!("{text}·language")];
    f.where_to_watch = format!("{text}·where");
    review.byline = format!("{text}·byline");
    review.publication = format!("{text}·publication");
    review.tags = vec![format!("{text}·tag"), text.to_string()];
    review.links = vec![RelatedLink {
        title: format!("{text}·link"),
        url: format!("https://example.com/{text}"),
    }];
    for (i, section) in review.sections.iter_mut().enumerate() {
        section.title = format!("{text}·section {i}");
        section.body = format!("{text}\n\n{i}: {text}");
    }
}

/// Stores `review`, loads it back, and requires the two to be equal in every field.
fn round_trip(store: &mut Store, review: &Review) -> Review {
    let saved = store.save_review(review).unwrap();
    let loaded = store.get_review(&review.id).unwrap();
    assert_eq!(loaded, saved, "what loads is what was stored");
    let mut sent = review.clone();
    sent.updated_at = saved.updated_at;
    sent.published_at = saved.published_at;
    assert_eq!(loaded, sent, "nothing was altered on the way in");
    loaded
}

/// Every export format renders, the HTML parses without an error, the JSON form reads back
/// as the same review.
fn exports_stay_valid(review: &Review) {
    for format in [ExportFormat::Html, ExportFormat::HtmlFragment] {
        let html = render(review, &ExportOptions::new(format, Preset::None)).unwrap();
        let parsed = if format == ExportFormat::Html {
            scraper::Html::parse_document(&html)
        } else {
            scraper::Html::parse_fragment(&html)
        };
        assert!(
            parsed.errors.is_empty(),
            "{format:?} export has HTML parse errors: {:?}",
            parsed.errors
        );
        assert!(!html.contains('\0'), "no NUL reaches the HTML");
    }
    for preset in [Preset::Hugo, Preset::Jekyll, Preset::Astro, Preset::None] {
        let md = render(review, &ExportOptions::new(ExportFormat::Markdown, preset)).unwrap();
        assert!(!md.contains('\0'), "no NUL reaches the Markdown");
    }
    let json = to_json(review).unwrap();
    assert_eq!(
        &from_json(&json).unwrap(),
        review,
        "the JSON form reads back unchanged"
    );
}

#[test]
fn odd_text_in_every_field_round_trips_and_exports() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store(dir.path());
    for text in odd_texts() {
        let mut review = new_review(&mut store);
        fill(&mut review, &text);
        let loaded = round_trip(&mut store, &review);
        assert_eq!(loaded.sections[0].body, format!("{text}\n\n0: {text}"));
        exports_stay_valid(&loaded);
        // Counting words and the editorial checks take any text.
        let _ = count_words(&loaded.sections[0].body);
        let _ = check_review(&loaded, &CheckOptions::default());
    }
    // The library list shows them all.
    assert_eq!(store.list_reviews().unwrap().len(), odd_texts().len());
}

#[test]
fn a_five_megabyte_section_and_very_long_lines_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store(dir.path());
    let mut review = new_review(&mut store);
    let paragraph = format!("A long night at the pictures. {RTL} {EMOJI} {COMBINING}\n\n");
    let mut big = String::with_capacity(5 * 1024 * 1024 + paragraph.len());
    while big.len() < 5 * 1024 * 1024 {
        big.push_str(&paragraph);
    }
    review.sections[2].body = big.clone();
    // One line of 1 MB without a break, and a single 200 000-character word.
    review.sections[3].body = format!("{} {}", "word ".repeat(200_000), "x".repeat(200_000));
    let started = std::time::Instant::now();
    let loaded = round_trip(&mut store, &review);
    println!(
        "5 MB section: stored and loaded in {} ms",
        started.elapsed().as_millis()
    );
    assert_eq!(loaded.sections[2].body.len(), big.len());
    assert!(count_words(&loaded.sections[2].body) > 100_000);
    exports_stay_valid(&loaded);
}

#[test]
fn dates_far_in_the_past_and_future_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store(dir.path());
    for (embargo, created, published) in [
        (
            "0001-01-01T00:00:00+00:00",
            "1895-12-28T20:00:00+01:00",
            "1000-06-15T12:00:00-11:59",
        ),
        (
            "9999-12-31T23:59:59+14:00",
            "2262-04-11T23:47:16+00:00",
            "9999-12-31T23:59:59.999999999-12:00",
        ),
    ] {
        let mut review = new_review(&mut store);
        review.embargo = Some(DateTime::parse_from_rfc3339(embargo).unwrap());
        // created_at belongs to the store (set when the review is made); it is only checked to parse.
        DateTime::parse_from_rfc3339(created).unwrap();
        review.published_at = Some(DateTime::parse_from_rfc3339(published).unwrap());
        review.status = Status::Published;
        let loaded = round_trip(&mut store, &review);
        assert_eq!(
            loaded.embargo.unwrap().to_rfc3339(),
            review.embargo.unwrap().to_rfc3339()
        );
        exports_stay_valid(&loaded);
    }
}

#[test]
fn ratings_and_years_out_of_range_are_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store(dir.path());
    let fresh = new_review(&mut store);
    let review = round_trip(&mut store, &fresh);
    let cases: Vec<(Rating, &str)> = vec![
        (
            Rating {
                scale: RatingScale::FiveStars,
                step: Some(11),
            },
            "rating 11 is out of range for",
        ),
        (
            Rating {
                scale: RatingScale::Letter,
                step: Some(u16::MAX),
            },
            "out of range",
        ),
        (
            Rating {
                scale: RatingScale::HundredPoints,
                step: Some(101),
            },
            "(0 to 100)",
        ),
    ];
    for (rating, says) in cases {
        let mut bad = review.clone();
        bad.rating = rating;
        let err = store.save_review(&bad).unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidInput);
        assert!(err.to_string().contains(says), "{err}");
        assert_eq!(
            store.get_review(&review.id).unwrap(),
            review,
            "nothing was written"
        );
    }
    for year in [i32::MIN, -1, 0, 1869, 2201, i32::MAX] {
        let mut bad = review.clone();
        bad.film.year = Some(year);
        let err = store.save_review(&bad).unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidInput);
        assert!(err.to_string().contains(&year.to_string()), "{err}");
    }
    // Over JSON (the IPC's and the import's road), a step beyond u16 is a parse error, never a wrap.
    let mut json: serde_json::Value = serde_json::from_str(&to_json(&review).unwrap()).unwrap();
    json["rating"]["step"] = 70_000.into();
    assert!(from_json(&json.to_string()).is_err());
}

#[test]
fn malformed_urls_in_related_links_round_trip_and_export_safely() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store(dir.path());
    let mut review = new_review(&mut store);
    let long = format!("https://example.com/{}", "a".repeat(100_000));
    let urls = [
        "",
        "   ",
        "ht!tp://broken",
        "http://[::1",
        "http://exa mple.com/ä?q=<x>&y=\"z\"",
        "//protocol-relative.example/x",
        "https://example.com/%zz%",
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "mailto:",
        "https://例え.テスト/パス",
        "\0https://nul.example",
        long.as_str(),
    ];
    review.links = urls
        .iter()
        .map(|url| RelatedLink {
            title: format!("link {url}"),
            url: (*url).to_string(),
        })
        .collect();
    let loaded = round_trip(&mut store, &review);
    let stored: Vec<&str> = loaded.links.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(stored, urls, "links are kept exactly as written");
    exports_stay_valid(&loaded);
    let page = render(
        &loaded,
        &ExportOptions::new(ExportFormat::Html, Preset::None),
    )
    .unwrap();
    let doc = scraper::Html::parse_document(&page);
    let hrefs = scraper::Selector::parse("a[href]").unwrap();
    for a in doc.select(&hrefs) {
        let href = a.value().attr("href").unwrap().trim().to_ascii_lowercase();
        assert!(
            !href.starts_with("javascript:") && !href.starts_with("data:"),
            "a dangerous link survived: {href}"
        );
    }
}

#[test]
fn lone_surrogates_in_json_are_an_error_not_a_panic() {
    // What a WebView sends when a string holds half a surrogate pair: JSON.stringify escapes it
    // as \ud800. serde_json refuses it with a clear message (Rust strings cannot hold it); the
    // app's commands get that error before any of our code runs, and the UI shows it as a
    // failed save with the text still on screen.
    let dir = tempfile::tempdir().unwrap();
    let mut store = store(dir.path());
    let fresh = new_review(&mut store);
    let review = round_trip(&mut store, &fresh);
    let json = to_json(&review).unwrap();
    for lone in ["\\ud800", "\\udfff", "a\\ud83d b", "\\udc00\\ud800"] {
        let hostile = json.replacen("\"body\": \"", &format!("\"body\": \"{lone}"), 1);
        assert_ne!(hostile, json, "the body was found");
        let err = serde_json::from_str::<Review>(&hostile).unwrap_err();
        let message = err.to_string();
        assert!(
            message.contains("surrogate") || message.contains("hex escape"),
            "{message}"
        );
        let err = from_json(&hostile).unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidInput, "{err}");
    }
    // A well-formed pair is a character like any other.
    let paired = json.replacen("\"body\": \"", "\"body\": \"\\ud83c\\udfac", 1);
    let review: Review = serde_json::from_str(&paired).unwrap();
    assert!(review.sections.iter().any(|s| s.body.starts_with('🎬')));
}
