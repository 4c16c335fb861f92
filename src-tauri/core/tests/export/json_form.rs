//! The JSON form: lossless round trip through the store (property test), clear errors.

use filmdesk_core::export::samples::full_review;
use filmdesk_core::export::{from_json, import_review, to_json, ImportMode};
use filmdesk_core::model::{
    CastMember, FilmFacts, RelatedLink, Review, Section, SectionRole, Status,
};
use filmdesk_core::rating::{Rating, RatingScale};
use filmdesk_core::{ErrorCode, Store};
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,40}",
        Just(String::new()),
        Just("Çiçek \"quoted\" <b>&amp;</b>\n\ttab".to_string()),
        "[a-zA-Z ]{1,12}",
    ]
}

fn words() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(text(), 0..4)
}

fn timestamp() -> impl Strategy<Value = filmdesk_core::model::Timestamp> {
    // Any instant from 1970 to 2100, any nanosecond, any whole-minute offset.
    (
        0i64..4_102_444_800,
        0u32..1_000_000_000,
        -14 * 60i32..=14 * 60,
    )
        .prop_map(|(s, ns, off)| {
            let offset = chrono::FixedOffset::east_opt(off * 60).unwrap();
            chrono::DateTime::from_timestamp(s, ns)
                .unwrap()
                .with_timezone(&offset)
        })
}

fn rating() -> impl Strategy<Value = Rating> {
    prop::sample::select(RatingScale::ALL.to_vec()).prop_flat_map(|scale| {
        prop::option::of(0..=scale.max_step()).prop_map(move |step| Rating { scale, step })
    })
}

fn section(i: usize) -> impl Strategy<Value = Section> {
    (
        text(),
        prop::sample::select(vec![
            SectionRole::Headline,
            SectionRole::Standfirst,
            SectionRole::Body,
        ]),
        text(),
        prop::option::of(any::<u32>()),
        any::<bool>(),
    )
        .prop_map(move |(title, role, body, word_target, spoiler)| Section {
            id: format!("section-{i}"),
            title,
            role,
            body,
            word_target,
            spoiler,
        })
}

prop_compose! {
    fn review()(
        id in "[0-9a-f-]{8,36}",
        title in text(), original_title in text(),
        year in prop::option::of(1870i32..=2200), runtime in prop::option::of(any::<u32>()),
        directors in words(), genres in words(), countries in words(), languages in words(),
        cast in prop::collection::vec((text(), text()), 0..4),
        where_to_watch in text(), imdb_id in text(),
        sections in (0usize..6).prop_flat_map(|n| (0..n).map(section).collect::<Vec<_>>()),
        rating in rating(), byline in text(), publication in text(), tags in words(),
        links in prop::collection::vec((text(), text()), 0..3),
        embargo in prop::option::of(timestamp()),
        status in prop::sample::select(vec![Status::Draft, Status::Ready, Status::Published]),
        created_at in timestamp(), updated_at in timestamp(),
        published_at in prop::option::of(timestamp()),
        lang in prop::option::of("[A-Za-z0-9_-]{1,16}"),
    ) -> Review {
        Review {
            id,
            film: FilmFacts {
                title, original_title, year, runtime_minutes: runtime, directors,
                cast: cast.into_iter().map(|(actor, character)| CastMember { actor, character }).collect(),
                genres, countries, languages, where_to_watch, imdb_id,
            },
            sections, rating, byline, publication, tags,
            links: links.into_iter().map(|(title, url)| RelatedLink { title, url }).collect(),
            embargo, status, created_at, updated_at,
            // The store dates a published review that has no date; generated ones have one.
            published_at: if status == Status::Published { published_at.or(Some(updated_at)) } else { published_at },
            lang,
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn json_to_store_to_json_is_lossless(review in review()) {
        let json = to_json(&review).unwrap();
        let read = from_json(&json).unwrap();
        prop_assert_eq!(&read, &review);
        let mut store = Store::open_in_memory().unwrap();
        let stored = import_review(&mut store, &json, ImportMode::KeepIds).unwrap();
        prop_assert_eq!(&stored, &review);
        prop_assert_eq!(to_json(&stored).unwrap(), json);
    }
}

#[test]
fn the_dictionary_language_is_kept_and_optional() {
    let mut review = full_review(RatingScale::FiveStars);
    let without = to_json(&review).unwrap();
    assert!(!without.contains("\"lang\""), "{without}");
    assert_eq!(from_json(&without).unwrap().lang, None);
    review.lang = Some("en_GB".into());
    let with = to_json(&review).unwrap();
    assert!(with.contains("\n  \"lang\": \"en_GB\"\n"), "{with}");
    assert_eq!(from_json(&with).unwrap().lang.as_deref(), Some("en_GB"));
}

#[test]
fn the_file_starts_with_its_version() {
    let json = to_json(&full_review(RatingScale::FiveStars)).unwrap();
    assert!(
        json.starts_with("{\n  \"filmdesk_review\": 1,\n  \"id\": "),
        "{json}"
    );
}

#[test]
fn importing_an_existing_review_is_refused_unless_a_copy() {
    let mut store = Store::open_in_memory().unwrap();
    let review = full_review(RatingScale::Letter);
    let json = to_json(&review).unwrap();
    import_review(&mut store, &json, ImportMode::KeepIds).unwrap();
    let err = import_review(&mut store, &json, ImportMode::KeepIds).unwrap_err();
    assert_eq!(err.code(), ErrorCode::AlreadyExists);
    assert_eq!(
        err.to_string(),
        format!(
            "review {} (Çiçek's Garden) already exists; nothing was overwritten",
            review.id
        )
    );
    let copy = import_review(&mut store, &json, ImportMode::NewIds).unwrap();
    assert_ne!(copy.id, review.id);
    assert_ne!(copy.sections[0].id, review.sections[0].id);
    assert_eq!(copy.film, review.film);
    assert_eq!(store.review_ids().unwrap().len(), 2);
}

#[test]
fn a_bad_file_changes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    for bad in ["", "[]", "{", "{\"filmdesk_review\": 1}", "null"] {
        let err = import_review(&mut store, bad, ImportMode::KeepIds).unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidInput, "{bad:?}");
    }
    let err = from_json("{\"filmdesk_review\": 1}").unwrap_err();
    assert!(err.to_string().contains("missing field `id`"), "{err}");
    assert!(store.review_ids().unwrap().is_empty());
}
