use super::*;
use crate::model::*;
use crate::rating::{Rating, RatingScale};
use crate::sample::sample_review;
use crate::settings::{Settings, UiState};
use crate::templates::TemplateId;

fn filled_review(store: &mut Store) -> Review {
    let mut review = store
        .create_review(TemplateId::Feature, &Settings::default())
        .unwrap();
    review.film = FilmFacts {
        title: "Çiçek's Garden".into(),
        original_title: "Çiçeğin Bahçesi".into(),
        year: Some(2024),
        runtime_minutes: Some(97),
        directors: vec!["Ayşe Yıldız".into(), "Jon Doe".into()],
        cast: vec![
            CastMember {
                actor: "Defne Kara".into(),
                character: "Çiçek".into(),
            },
            CastMember {
                actor: "Tom Lewandowski".into(),
                character: "The Gardener".into(),
            },
        ],
        genres: vec!["Drama".into()],
        countries: vec!["Türkiye".into(), "Poland".into()],
        languages: vec!["Turkish".into()],
        where_to_watch: "MUBI".into(),
        imdb_id: "tt1234567".into(),
    };
    review.sections[0].body = "A garden grows — slowly".into();
    review.sections[2].body = "Some **bold** text.\n\nAnd a second paragraph.".into();
    review.sections[2].spoiler = true;
    review.rating = Rating::new(RatingScale::FiveStars, 8).unwrap();
    review.byline = "A. Critic".into();
    review.tags = vec!["drama".into(), "Berlinale".into()];
    review.links = vec![RelatedLink {
        title: "Interview".into(),
        url: "https://example.com/i".into(),
    }];
    review.embargo =
        Some(chrono::DateTime::parse_from_rfc3339("2026-02-14T18:00:00+01:00").unwrap());
    review.status = Status::Ready;
    review
}

#[test]
fn migrates_an_empty_file_and_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/library.sqlite");
    {
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        store.integrity_check().unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert!(store.list_reviews().unwrap().is_empty());
}

#[test]
fn review_round_trips_through_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.sqlite");
    let mut store = Store::open(&path).unwrap();
    let review = filled_review(&mut store);
    let saved = store.save_review(&review).unwrap();
    assert!(saved.updated_at >= review.updated_at);
    drop(store);

    let store = Store::open(&path).unwrap();
    let loaded = store.get_review(&review.id).unwrap();
    assert_eq!(loaded, saved);
    assert_eq!(loaded.film.cast[0].character, "Çiçek");
    assert_eq!(
        loaded.sections[2].body,
        "Some **bold** text.\n\nAnd a second paragraph."
    );

    let list = store.list_reviews().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].film_title, "Çiçek's Garden");
    assert_eq!(list[0].headline, "A garden grows — slowly");
    assert_eq!(list[0].rating.step, Some(8));
    assert_eq!(list[0].word_count, 11);
    assert_eq!(list[0].status, Status::Ready);
}

#[test]
fn the_list_comes_in_pages_that_follow_each_other() {
    let mut store = Store::open_in_memory().unwrap();
    for _ in 0..7 {
        filled_review(&mut store);
    }
    let all = store.list_reviews().unwrap();
    assert_eq!(all.len(), 7);
    assert_eq!(store.review_page(None, 3).unwrap(), all[..3]);
    assert_eq!(store.review_page(None, 10).unwrap(), all);
    // Each page starts after the last review of the one before, in the list's order.
    let mut pages = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let page = store.review_page(after.as_deref(), 3).unwrap();
        after = page.last().map(|s| s.id.clone());
        let last = page.len() < 3;
        pages.push(page);
        if last {
            break;
        }
    }
    assert_eq!(pages.iter().map(Vec::len).collect::<Vec<_>>(), [3, 3, 1]);
    assert_eq!(pages.concat(), all);
    // Reviews edited at the same instant keep one place each (ties go by id).
    store
        .conn
        .execute("UPDATE reviews SET updated_at = '2026-01-01T00:00:00Z'", [])
        .unwrap();
    let tied = store.list_reviews().unwrap();
    let first = store.review_page(None, 4).unwrap();
    let rest = store.review_page(Some(&first[3].id), 10).unwrap();
    assert_eq!([first, rest].concat(), tied);
    assert!(matches!(
        store.review_page(Some("no-such-review"), 3),
        Err(Error::NotFound(_))
    ));
}

#[test]
fn sections_can_be_reordered_renamed_and_removed() {
    let mut store = Store::open_in_memory().unwrap();
    let mut review = filled_review(&mut store);
    review.sections.swap(0, 1);
    review.sections[0].title = "Dek".into();
    review.sections.remove(6);
    review.sections.push(Section {
        id: new_id(),
        title: "Coda".into(),
        role: SectionRole::Body,
        body: "New".into(),
        word_target: Some(10),
        spoiler: false,
    });
    store.save_review(&review).unwrap();
    let loaded = store.get_review(&review.id).unwrap();
    let titles: Vec<_> = loaded.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Dek",
            "Headline",
            "Synopsis",
            "Performances",
            "Direction and themes",
            "Reservations",
            "Coda"
        ]
    );
}

#[test]
fn out_of_range_rating_is_refused_and_nothing_changes() {
    let mut store = Store::open_in_memory().unwrap();
    let mut review = filled_review(&mut store);
    store.save_review(&review).unwrap();
    let before = store.get_review(&review.id).unwrap();
    review.rating.step = Some(11);
    review.sections[0].body = "changed".into();
    let err = store.save_review(&review).unwrap_err();
    assert_eq!(err.code(), crate::ErrorCode::InvalidInput);
    assert_eq!(store.get_review(&review.id).unwrap(), before);
}

#[test]
fn duplicate_section_ids_and_foreign_sections_are_refused() {
    let mut store = Store::open_in_memory().unwrap();
    let mut a = filled_review(&mut store);
    let b = store
        .create_review(TemplateId::Capsule, &Settings::default())
        .unwrap();
    a.sections[1].id = a.sections[0].id.clone();
    assert!(store.save_review(&a).is_err());
    a.sections[1].id = b.sections[0].id.clone();
    let err = store.save_review(&a).unwrap_err();
    assert!(err.to_string().contains("another review"), "{err}");
    assert_eq!(store.get_review(&b.id).unwrap().sections.len(), 2);
}

#[test]
fn newer_schema_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE t(x); PRAGMA user_version = 99;")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).err().expect("must refuse");
    assert_eq!(err.code(), crate::ErrorCode::SchemaTooNew);
    assert!(err.to_string().contains("newer Filmdesk"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!dir.path().join("future.sqlite-wal").exists());
}

#[test]
fn garbage_file_is_reported_as_corrupt() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("garbage.sqlite");
    std::fs::write(&path, vec![0x42u8; 8192]).unwrap();
    let err = Store::open(&path).err().expect("must refuse");
    assert_eq!(err.code(), crate::ErrorCode::Corrupt, "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), vec![0x42u8; 8192]);
}

#[test]
fn settings_and_ui_state_persist() {
    let mut store = Store::open_in_memory().unwrap();
    assert_eq!(store.settings().unwrap(), Settings::default());
    let settings = Settings {
        author_name: "Ada".into(),
        default_scale: RatingScale::Letter,
        export_format: crate::export::ExportFormat::Markdown,
        export_preset: crate::export::Preset::Hugo,
        ..Settings::default()
    };
    store.save_settings(&settings).unwrap();
    assert_eq!(store.settings().unwrap(), settings);
    let review = store.create_review(TemplateId::Blank, &settings).unwrap();
    assert_eq!(review.byline, "Ada");
    assert_eq!(review.rating, Rating::unrated(RatingScale::Letter));
    let state = UiState {
        open_review_id: Some(review.id.clone()),
        focused_section_id: Some(review.sections[0].id.clone()),
        preview_open: true,
    };
    store.save_ui_state(&state).unwrap();
    assert_eq!(store.ui_state().unwrap(), state);
}

#[test]
fn settings_saved_before_the_export_preset_existed_still_load() {
    let store = Store::open_in_memory().unwrap();
    store
        .conn
        .execute(
            "INSERT INTO settings (key, value) VALUES ('settings', ?1)",
            [r#"{"author_name":"Ada","publication":"","default_scale":"letter","default_template":"blank","theme":"dark"}"#],
        )
        .unwrap();
    let settings = store.settings().unwrap();
    assert_eq!(settings.author_name, "Ada");
    assert_eq!(settings.export_format, crate::export::ExportFormat::Html);
    assert_eq!(settings.export_preset, crate::export::Preset::None);
}

#[test]
fn sample_review_is_complete_and_stored() {
    let mut store = Store::open_in_memory().unwrap();
    let sample = sample_review(RatingScale::FiveStars);
    store.insert_review(&sample).unwrap();
    let loaded = store.get_review(&sample.id).unwrap();
    assert_eq!(loaded, sample);
    assert!(loaded.sections.iter().all(|s| !s.body.is_empty()));
    assert!(loaded.word_count() > 300);
}

#[test]
fn delete_removes_review_and_its_film() {
    let mut store = Store::open_in_memory().unwrap();
    let review = filled_review(&mut store);
    store.delete_review(&review.id).unwrap();
    assert_eq!(
        store.get_review(&review.id).unwrap_err().code(),
        crate::ErrorCode::NotFound
    );
    let films: i64 = store
        .conn
        .query_row("SELECT count(*) FROM films", [], |r| r.get(0))
        .unwrap();
    assert_eq!(films, 0);
}

#[test]
fn dictionary_language_per_review_is_kept_and_cleared() {
    let mut store = Store::open_in_memory().unwrap();
    let mut review = filled_review(&mut store);
    assert_eq!(store.get_review(&review.id).unwrap().lang, None);
    review.lang = Some("en_GB".into());
    store.save_review(&review).unwrap();
    assert_eq!(
        store.get_review(&review.id).unwrap().lang.as_deref(),
        Some("en_GB")
    );
    // Another review is not affected.
    let other = filled_review(&mut store);
    assert_eq!(store.get_review(&other.id).unwrap().lang, None);
    review.lang = Some("../etc".into());
    assert_eq!(
        store.save_review(&review).unwrap_err().code(),
        crate::ErrorCode::InvalidInput
    );
    review.lang = None;
    store.save_review(&review).unwrap();
    assert_eq!(store.get_review(&review.id).unwrap().lang, None);
    // Data written before the field existed loads, following the settings' default.
    let old: Review = serde_json::from_value({
        let mut v = serde_json::to_value(&review).unwrap();
        v.as_object_mut().unwrap().remove("lang");
        v
    })
    .unwrap();
    assert_eq!(old.lang, None);
    let settings: Settings = serde_json::from_str(r#"{"author_name":"A"}"#).unwrap();
    assert_eq!(settings.spelling_lang, "en_US");
}
