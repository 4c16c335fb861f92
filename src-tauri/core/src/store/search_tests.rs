//! Full-text search: accent folding, phrases, prefixes, and the index following every write.

use chrono::NaiveDate;

use super::*;
use crate::log::{FilmChoice, NewViewing};
use crate::model::*;
use crate::rating::{Rating, RatingScale};
use crate::search::SearchResults;
use crate::settings::Settings;
use crate::templates::TemplateId;

fn review_of(store: &mut Store, title: &str, director: &str, body: &str) -> Review {
    let mut review = store
        .create_review(TemplateId::Feature, &Settings::default())
        .unwrap();
    review.film.title = title.into();
    review.film.year = Some(2021);
    review.film.directors = vec![director.into()];
    review.film.cast = vec![CastMember {
        actor: "Defne Kara".into(),
        character: "Çiçek".into(),
    }];
    review.sections[0].body = format!("{title}, reconsidered");
    let last = review.sections.len() - 1;
    review.sections[last].body = body.into();
    store.save_review(&review).unwrap()
}

fn review_ids(results: &SearchResults) -> Vec<&str> {
    results.reviews.iter().map(|h| h.id.as_str()).collect()
}

fn hit_text(results: &SearchResults) -> Vec<String> {
    results.reviews[0]
        .snippet
        .iter()
        .filter(|p| p.hit)
        .map(|p| p.text.clone())
        .collect()
}

#[test]
fn an_accent_folded_name_finds_the_review_and_the_film() {
    let mut store = Store::open_in_memory().unwrap();
    let garden = review_of(&mut store, "The Garden", "Ayşe Yıldız", "Quiet and green.");
    review_of(&mut store, "Other Film", "Jon Doe", "Nothing in common.");

    // "Cicek" is the character "Çiçek" in both; "Ayse" only directs The Garden.
    let results = store.search("ayse", 20).unwrap();
    assert_eq!(review_ids(&results), vec![garden.id.as_str()]);
    assert_eq!(results.reviews[0].field, "Film");
    assert_eq!(hit_text(&results), vec!["Ayşe"]);
    assert_eq!(results.films.len(), 1);
    assert_eq!(results.films[0].film_title, "The Garden");
    assert_eq!(
        results.films[0].review_id.as_deref(),
        Some(garden.id.as_str())
    );

    let both = store.search("Cicek", 20).unwrap();
    assert_eq!(both.reviews.len(), 2);
}

#[test]
fn a_phrase_matches_only_the_words_in_order() {
    let mut store = Store::open_in_memory().unwrap();
    let ozu = review_of(
        &mut store,
        "Late Spring",
        "Someone",
        "It recalls Tokyo Story at every turn.",
    );
    let other = review_of(
        &mut store,
        "Near",
        "Else",
        "A story set in Tokyo, told plainly.",
    );

    let phrase = store.search("\"tokyo story\"", 20).unwrap();
    assert_eq!(review_ids(&phrase), vec![ozu.id.as_str()]);
    assert_eq!(hit_text(&phrase), vec!["Tokyo Story"]);
    assert_eq!(phrase.reviews[0].headline, "Late Spring, reconsidered");

    let words = store.search("tokyo story", 20).unwrap();
    let mut ids = review_ids(&words);
    ids.sort_unstable();
    let mut expected = vec![ozu.id.as_str(), other.id.as_str()];
    expected.sort_unstable();
    assert_eq!(ids, expected);
}

#[test]
fn a_prefix_finds_the_whole_word_and_syntax_is_only_words() {
    let mut store = Store::open_in_memory().unwrap();
    let review = review_of(
        &mut store,
        "Close-Up",
        "Abbas Kiarostami",
        "Sabzian's trial.",
    );
    assert_eq!(
        review_ids(&store.search("kiaro", 20).unwrap()),
        vec![review.id.as_str()]
    );
    assert_eq!(
        review_ids(&store.search("sabz tri", 20).unwrap()),
        vec![review.id.as_str()]
    );
    // FTS operators, stray quotes and punctuation never make an error.
    for query in [
        "AND", "\"", "kiaro*", "NEAR(", "-", "title:x", "a OR", "(", "\"\"",
    ] {
        store.search(query, 20).unwrap();
    }
    assert!(store.search("  …  ", 20).unwrap().is_empty());
}

#[test]
fn the_index_follows_edits_trash_restore_and_delete() {
    let mut store = Store::open_in_memory().unwrap();
    let mut review = review_of(
        &mut store,
        "Mirror",
        "Tarkovsky",
        "Wind over the buckwheat.",
    );
    assert_eq!(store.search("buckwheat", 20).unwrap().reviews.len(), 1);

    // An edit replaces the old words with the new ones.
    let last = review.sections.len() - 1;
    review.sections[last].body = "Rain in the dacha.".into();
    review.film.title = "Zerkalo".into();
    review = store.save_review(&review).unwrap();
    assert!(store.search("buckwheat", 20).unwrap().is_empty());
    assert_eq!(store.search("dacha", 20).unwrap().reviews.len(), 1);
    assert_eq!(store.search("zerkalo", 20).unwrap().films.len(), 1);
    assert!(store.search("mirror", 20).unwrap().films.is_empty());

    // A section removed takes its words with it.
    review.sections.remove(last);
    review = store.save_review(&review).unwrap();
    assert!(store.search("dacha", 20).unwrap().is_empty());

    // The trash hides the review and a film only it holds; restoring brings them back.
    store.trash_review(&review.id).unwrap();
    let trashed = store.search("zerkalo", 20).unwrap();
    assert!(trashed.is_empty(), "{trashed:?}");
    store.restore_from_trash(&review.id).unwrap();
    let restored = store.search("zerkalo", 20).unwrap();
    assert_eq!(review_ids(&restored), vec![review.id.as_str()]);
    assert_eq!(store.search("reconsidered", 20).unwrap().reviews.len(), 1);

    store.delete_review(&review.id).unwrap();
    assert!(store.search("zerkalo", 20).unwrap().is_empty());
    let docs: i64 = store
        .conn
        .query_row("SELECT count(*) FROM search_docs", [], |r| r.get(0))
        .unwrap();
    let rows: i64 = store
        .conn
        .query_row("SELECT count(*) FROM search_fts", [], |r| r.get(0))
        .unwrap();
    assert_eq!((docs, rows), (0, 0));
}

#[test]
fn viewing_notes_are_searched_and_follow_edits() {
    let mut store = Store::open_in_memory().unwrap();
    let viewing = store
        .log_viewing(&NewViewing {
            film: FilmChoice::New {
                facts: Box::new(FilmFacts {
                    title: "Stalker".into(),
                    year: Some(1979),
                    ..FilmFacts::default()
                }),
            },
            watched_on: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            rating: Rating::unrated(RatingScale::FiveStars),
            rewatch: false,
            liked: true,
            place_kind: None,
            place: String::new(),
            with_whom: "Mehmet".into(),
            notes: "The Zone's silence, on a 35mm print.".into(),
            tags: vec![],
            review_id: None,
        })
        .unwrap();
    let found = store.search("silence", 20).unwrap();
    assert_eq!(found.viewings.len(), 1);
    assert_eq!(found.viewings[0].film_title, "Stalker");
    assert_eq!(found.viewings[0].watched_on.as_deref(), Some("2026-03-01"));
    assert_eq!(store.search("stalker", 20).unwrap().films.len(), 1);

    let mut edited = viewing.clone();
    edited.notes = "Rewatched the dog scene.".into();
    store.update_viewing(&edited).unwrap();
    assert!(store.search("silence", 20).unwrap().viewings.is_empty());
    assert_eq!(store.search("dog", 20).unwrap().viewings.len(), 1);

    store.delete_viewing(&viewing.id).unwrap();
    assert!(store.search("dog", 20).unwrap().viewings.is_empty());
}

#[test]
fn the_migration_indexes_a_library_written_before_it() {
    let mut store = Store::open_in_memory().unwrap();
    let review = review_of(
        &mut store,
        "Yi Yi",
        "Edward Yang",
        "Three generations of Taipei.",
    );
    // Wipe the index as if the library predated it, then run the migration again.
    store
        .conn
        .execute_batch("DELETE FROM search_fts; DELETE FROM search_docs;")
        .unwrap();
    assert!(store.search("taipei", 20).unwrap().is_empty());
    store
        .conn
        .execute_batch(include_str!("migrations/0006_search.sql"))
        .unwrap();
    assert_eq!(
        review_ids(&store.search("taipei", 20).unwrap()),
        vec![review.id.as_str()]
    );
    assert_eq!(store.search("edward", 20).unwrap().films.len(), 1);
}

#[test]
fn a_headline_word_outranks_the_same_word_in_many_bodies() {
    let mut store = Store::open_in_memory().unwrap();
    // More body matches than the documents the index is asked for (DOCS_LIMIT), each repeating
    // the word, so only the column weights put the headline first.
    for n in 0..450 {
        review_of(
            &mut store,
            &format!("Film {n}"),
            "Jon Doe",
            "Harbour harbour harbour.",
        );
    }
    let lights = review_of(
        &mut store,
        "Harbour Lights",
        "Ann Lee",
        "Nothing more to say.",
    );

    let results = store.search("harbour", 20).unwrap();
    assert_eq!(results.reviews.len(), 20);
    assert_eq!(results.reviews[0].id, lights.id);
    assert_eq!(results.reviews[0].field, "Headline");
    assert_eq!(hit_text(&results), vec!["Harbour"]);
}

#[test]
fn an_old_headline_match_is_ranked_when_newer_body_matches_are_too_many_to_rank() {
    let mut store = Store::open_in_memory().unwrap();
    // Written first, so beyond the newest matches ranked (CANDIDATES) when 450 come after it.
    let lights = review_of(
        &mut store,
        "Harbour Lights",
        "Ann Lee",
        "Nothing more to say.",
    );
    for n in 0..450 {
        review_of(&mut store, &format!("Film {n}"), "Jon Doe", "A harbour.");
    }

    let results = store.search("harbour", 20).unwrap();
    assert_eq!(results.reviews.len(), 20);
    assert_eq!(results.reviews[0].id, lights.id);
    assert_eq!(results.reviews[0].field, "Headline");
    assert_eq!(hit_text(&results), vec!["Harbour"]);
    // The newest body matches fill the rest.
    assert!(results.reviews[1..].iter().all(|h| h.field != "Headline"));
}

#[test]
fn every_kind_is_ranked_when_newer_matches_of_another_kind_are_too_many() {
    newer_viewings_leave_the_review_found(false);
}

#[test]
fn the_kinds_of_documents_added_after_a_search_are_known_to_the_next() {
    // The first search reads every document's kind; the viewings come after it.
    newer_viewings_leave_the_review_found(true);
}

fn newer_viewings_leave_the_review_found(search_first: bool) {
    let mut store = Store::open_in_memory().unwrap();
    let review = review_of(&mut store, "Close-Up", "Abbas Kiarostami", "A dusk scene.");
    let film = store
        .find_or_create_film(&FilmFacts {
            title: "Stalker".into(),
            year: Some(1979),
            ..FilmFacts::default()
        })
        .unwrap();
    if search_first {
        let results = store.search("dusk", 20).unwrap();
        assert_eq!(review_ids(&results), vec![review.id.as_str()]);
    }
    // An import of many viewings after the review: more matches than are ranked of a kind.
    for n in 0..450 {
        store
            .log_viewing(&NewViewing {
                film: FilmChoice::Existing { id: film.clone() },
                watched_on: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
                rating: Rating::unrated(RatingScale::FiveStars),
                rewatch: n > 0,
                liked: false,
                place_kind: None,
                place: String::new(),
                with_whom: String::new(),
                notes: format!("Dusk, rewatch {n}."),
                tags: vec![],
                review_id: None,
            })
            .unwrap();
    }

    let results = store.search("dusk", 20).unwrap();
    assert_eq!(review_ids(&results), vec![review.id.as_str()]);
    assert_eq!(results.viewings.len(), 20);
}

#[test]
fn compacting_the_index_merges_its_segments_and_keeps_every_answer() {
    let mut store = Store::open_in_memory().unwrap();
    // Each review written is a segment of its own until FTS5 merges a few.
    for n in 0..60 {
        review_of(
            &mut store,
            &format!("Film {n}"),
            "Yasujirō Ozu",
            &format!("A quiet camera at dusk, take {n}."),
        );
    }
    let segments = store.search_index_segments().unwrap();
    assert!(segments > 4, "60 writes left {segments} segments");
    let before = store.search("quiet dusk", 20).unwrap();
    let ozu = store.search("ozu", 20).unwrap();

    assert!(store.compact_search_index().unwrap());
    assert_eq!(store.search_index_segments().unwrap(), 1);
    assert_eq!(store.search("quiet dusk", 20).unwrap(), before);
    assert_eq!(store.search("ozu", 20).unwrap(), ozu);
    assert_eq!(before.reviews.len(), 20);
    // One segment: nothing to do.
    assert!(!store.compact_search_index().unwrap());
}

#[test]
fn the_structure_record_gives_the_number_of_segments() {
    // Cookie, then levels and segments; the second version has a marker after the cookie.
    assert_eq!(
        search::structure_segments(&[0, 0, 0, 1, 3, 14, 99]),
        Some(14)
    );
    assert_eq!(
        search::structure_segments(&[0, 0, 0, 1, 0xff, 0, 0, 1, 3, 0x81, 0x02]),
        Some(130)
    );
    assert_eq!(search::structure_segments(&[0, 0]), None);
}
