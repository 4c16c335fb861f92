//! Letterboxd import and export against fixtures written for them: a small export with every
//! quirk real ones have, and a bad one of each kind.

use std::io::Write;
use std::path::{Path, PathBuf};

use zip::write::SimpleFileOptions;

use super::*;
use crate::error::ErrorCode;

const DIARY: &str = "\u{FEFF}Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n\
2024-01-05,Heat,1995,https://boxd.it/d1,4.5,,\"crime, la\",2024-01-04\n\
2024-02-10,Amélie,2001,https://boxd.it/d2,,Yes,,2024-02-10\n\
2024-02-11,\"Crouching Tiger, Hidden Dragon\",2000,https://boxd.it/d3,5,,wuxia,2024-02-11\n\
2024-03-01,Heat,1995,https://boxd.it/d4,4,Yes,,2024-03-01\n\
2024-03-02,千と千尋の神隠し,2001,https://boxd.it/d5,3.5,,,2024-03-02\n\
2024-03-03,,2001,https://boxd.it/d6,3,,,2024-03-03\n";

const REVIEWS: &str = "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Review,Tags,Watched Date\n\
2024-01-05,Heat,1995,https://boxd.it/d1,4.5,,\"<p>De Niro and Pacino, \"\"finally\"\" together.</p>\n\
<p>The <i>coffee</i> scene.<script>alert(1)</script></p>\",\"crime, la\",2024-01-04\n";

const RATINGS: &str = "Date,Name,Year,Letterboxd URI,Rating\n\
2024-01-05,Heat,1995,https://boxd.it/f1,4.5\n\
2023-06-01,Ran,1985,https://boxd.it/f2,5\n";

const WATCHED: &str = "Date,Name,Year,Letterboxd URI\n\
2024-01-05,Heat,1995,https://boxd.it/f1\n\
2024-02-10,Amélie,2001,https://boxd.it/f3\n\
2024-02-11,\"Crouching Tiger, Hidden Dragon\",2000,https://boxd.it/f4\n\
2024-03-02,千と千尋の神隠し,2001,https://boxd.it/f5\n\
2023-06-01,Ran,1985,https://boxd.it/f2\n";

const WATCHLIST: &str =
    "Date,Name,Year,Letterboxd URI\n2024-04-01,Stalker,1979,https://boxd.it/f6\n";

const LIKES: &str = "Date,Name,Year,Letterboxd URI\n\
2023-06-01,Ran,1985,https://boxd.it/f2\n\
2024-02-10,AMELIE,2001,https://boxd.it/f3\n";

fn good_files() -> Vec<(&'static str, String)> {
    vec![
        ("diary.csv", DIARY.to_string()),
        ("reviews.csv", REVIEWS.to_string()),
        ("ratings.csv", RATINGS.to_string()),
        ("watched.csv", WATCHED.to_string()),
        ("watchlist.csv", WATCHLIST.to_string()),
        ("likes/films.csv", LIKES.to_string()),
    ]
}

fn write_folder(dir: &Path, files: &[(&str, String)]) -> PathBuf {
    let root = dir.join("export");
    for (name, text) in files {
        let path = root.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    root
}

fn write_zip(path: &Path, files: &[(&str, String)]) -> PathBuf {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, text) in files {
        zip.start_file(*name, SimpleFileOptions::default()).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    path.to_path_buf()
}

/// Every row of every table the import writes, as text: equal dumps, equal libraries.
fn dump(store: &Store) -> Vec<String> {
    store
        .read_log(|conn| {
            let mut out = Vec::new();
            for table in [
                "films",
                "film_cast",
                "viewings",
                "film_marks",
                "watchlist",
                "reviews",
                "sections",
                "imported_reviews",
            ] {
                let mut stmt = conn.prepare(&format!("SELECT * FROM {table} ORDER BY rowid"))?;
                let columns = stmt.column_count();
                let mut rows = stmt.query([])?;
                while let Some(row) = rows.next()? {
                    let mut line = format!("{table}:");
                    for i in 0..columns {
                        let value: rusqlite::types::Value = row.get(i)?;
                        line.push_str(&format!("{value:?}|"));
                    }
                    out.push(line);
                }
            }
            Ok(out)
        })
        .unwrap()
}

fn count(store: &Store, sql: &str) -> i64 {
    store
        .read_log(|c| Ok(c.query_row(sql, [], |r| r.get(0))?))
        .unwrap()
}

#[test]
fn an_export_with_every_quirk_is_imported() {
    let dir = tempfile::tempdir().unwrap();
    let folder = write_folder(dir.path(), &good_files());
    let mut store = Store::open_in_memory().unwrap();
    let report = import(&mut store, &folder).unwrap();
    assert_eq!(
        report.added,
        ImportCounts {
            films: 6,
            viewings: 5,
            reviews: 1,
            ratings: 2,
            likes: 2,
            watched: 5,
            watchlist: 1,
        }
    );
    assert_eq!(report.matched, ImportCounts::default());
    assert_eq!(
        report.skipped,
        vec![SkippedRow {
            file: "diary.csv".into(),
            line: 7,
            reason: "no film title".into()
        }]
    );

    let diary = store.list_diary(100, 0).unwrap();
    assert_eq!(diary.len(), 5);
    let days: Vec<String> = diary
        .iter()
        .map(|d| d.viewing.watched_on.to_string())
        .collect();
    assert_eq!(
        days,
        [
            "2024-03-02",
            "2024-03-01",
            "2024-02-11",
            "2024-02-10",
            "2024-01-04"
        ],
        "newest first, by the day watched"
    );
    assert_eq!(diary[0].film.title, "千と千尋の神隠し");
    assert_eq!(diary[0].viewing.rating, stars(Some(7)));
    assert!(diary[1].viewing.rewatch);
    assert_eq!(diary[2].film.title, "Crouching Tiger, Hidden Dragon");
    assert_eq!(diary[2].viewing.rating.display().as_deref(), Some("5"));
    assert_eq!(
        diary[3].viewing.rating.step, None,
        "an empty rating stays unrated"
    );
    let heat = &diary[4];
    assert_eq!(heat.viewing.tags, vec!["crime", "la"]);
    assert_eq!(heat.viewing.rating.step, Some(9));
    assert_eq!(
        heat.film.id, diary[1].film.id,
        "both viewings of Heat share one film"
    );

    // The review became a Filmdesk review of the same film, linked from its viewing.
    let review_id = heat.viewing.review_id.clone().expect("linked review");
    let review = store.get_review(&review_id).unwrap();
    let body = &review.sections[0].body;
    assert!(
        body.contains("De Niro and Pacino, \"finally\" together."),
        "{body}"
    );
    assert!(
        body.contains("_coffee_") || body.contains("*coffee*"),
        "{body}"
    );
    assert!(!body.contains('<') && !body.contains("alert"), "{body}");
    assert_eq!(review.rating.step, Some(9));
    assert_eq!(review.status, Status::Published);
    let page = store.film_page(&heat.film.id).unwrap();
    assert_eq!(page.viewings.len(), 2);
    assert_eq!(page.reviews.len(), 1);
    assert_eq!(
        page.film.letterboxd_uri, "https://boxd.it/f1",
        "the film's page, not an entry's"
    );
    assert_eq!(page.film.rating.and_then(|r| r.step), Some(9));

    // Ratings and likes attach to films; "AMELIE" met "Amélie".
    let ran = store.search_films("ran", 5).unwrap();
    let ran = ran.iter().find(|m| m.title == "Ran").unwrap();
    let ran = store.film_page(&ran.id).unwrap().film;
    assert!(ran.liked && ran.watched);
    assert_eq!(ran.rating.and_then(|r| r.display()).as_deref(), Some("5"));
    let amelie = store.film_page(&diary[3].film.id).unwrap().film;
    assert!(amelie.liked);
    let watchlist = store.list_watchlist().unwrap();
    assert_eq!(watchlist.len(), 1);
    assert_eq!(watchlist[0].film.title, "Stalker");
    assert_eq!(count(&store, "SELECT count(*) FROM films"), 6);
}

#[test]
fn importing_twice_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let zip = write_zip(&dir.path().join("letterboxd.zip"), &good_files());
    let mut store = Store::open_in_memory().unwrap();
    import(&mut store, &zip).unwrap();
    let before = dump(&store);
    let again = import(&mut store, &zip).unwrap();
    assert_eq!(again.added, ImportCounts::default());
    assert_eq!(
        again.matched,
        ImportCounts {
            films: 6,
            viewings: 5,
            reviews: 1,
            ratings: 2,
            likes: 2,
            watched: 5,
            watchlist: 1,
        }
    );
    assert_eq!(dump(&store), before);
}

#[test]
fn a_zip_wrapped_in_one_folder_is_read_like_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<(String, String)> = good_files()
        .into_iter()
        .map(|(n, t)| (format!("letterboxd-critic-2024/{n}"), t))
        .collect();
    let named: Vec<(&str, String)> = files.iter().map(|(n, t)| (n.as_str(), t.clone())).collect();
    let zip = write_zip(&dir.path().join("wrapped.zip"), &named);
    let mut store = Store::open_in_memory().unwrap();
    let report = import(&mut store, &zip).unwrap();
    assert_eq!(report.added.viewings, 5);
    assert_eq!(report.added.watchlist, 1);
}

#[test]
fn films_are_shared_with_reviews_and_the_log_dedupes() {
    let mut store = Store::open_in_memory().unwrap();
    let mut review = store
        .create_review(crate::templates::TemplateId::default(), &Default::default())
        .unwrap();
    review.film.title = "Heat".into();
    review.film.year = Some(1995);
    store.save_review(&review).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let folder = write_folder(dir.path(), &good_files());
    let report = import(&mut store, &folder).unwrap();
    assert_eq!(report.added.films, 5, "Heat was claimed from the review");
    assert_eq!(report.matched.films, 1);
    let heat = store.search_films("heat", 5).unwrap();
    assert_eq!(heat.len(), 1);
    let page = store.film_page(&heat[0].id).unwrap();
    assert_eq!(
        page.reviews.len(),
        2,
        "the critic's own review and the imported one"
    );
    // Deleting the critic's review keeps the film the log holds.
    store.delete_review(&review.id).unwrap();
    assert_eq!(store.film_page(&heat[0].id).unwrap().viewings.len(), 2);
}

fn assert_refused(files_or_path: Result<ImportReport>, expected: &[&str]) {
    let err = files_or_path.expect_err("the import must fail");
    assert_eq!(err.code(), ErrorCode::InvalidInput, "{err}");
    let message = err.to_string();
    for part in expected {
        assert!(message.contains(part), "{message:?} lacks {part:?}");
    }
}

#[test]
fn a_bad_export_is_refused_whole_and_the_library_is_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in_memory().unwrap();
    import(&mut store, &write_folder(dir.path(), &good_files())).unwrap();
    let before = dump(&store);

    // A truncated zip.
    let good = write_zip(&dir.path().join("good.zip"), &good_files());
    let bytes = std::fs::read(&good).unwrap();
    let truncated = dir.path().join("truncated.zip");
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    assert_refused(import(&mut store, &truncated), &["truncated.zip", "zip"]);

    // Not a zip at all.
    let text = dir.path().join("notes.zip");
    std::fs::write(&text, "just some text").unwrap();
    assert_refused(
        import(&mut store, &text),
        &["notes.zip", "not a readable zip"],
    );

    // A missing column, in a zip; the good files before it are not written either.
    let mut files = good_files();
    files[1].1 = REVIEWS.replace(",Watched Date", "");
    let zip = write_zip(&dir.path().join("missing.zip"), &files);
    assert_refused(
        import(&mut store, &zip),
        &["reviews.csv line 1", "missing column \"Watched Date\""],
    );

    // Wrong types: a rating that is not one, a year that is not one, a bad date.
    for (file, text, expected) in [
        (
            "ratings.csv",
            RATINGS.replace(
                "Ran,1985,https://boxd.it/f2,5",
                "Ran,1985,https://boxd.it/f2,five",
            ),
            ["ratings.csv line 3", "Rating \"five\""],
        ),
        (
            "diary.csv",
            DIARY.replace("Amélie,2001", "Amélie,MMI"),
            ["diary.csv line 3", "Year \"MMI\""],
        ),
        (
            "watched.csv",
            WATCHED.replace("2023-06-01,Ran", "June 2023,Ran"),
            ["watched.csv line 6", "Date \"June 2023\""],
        ),
        (
            "diary.csv",
            DIARY.replace(",Yes,,2024-02-10", ",Maybe,,2024-02-10"),
            ["diary.csv line 3", "Rewatch \"Maybe\""],
        ),
    ] {
        let mut files = good_files();
        files.iter_mut().find(|(n, _)| *n == file).unwrap().1 = text;
        let case = tempfile::tempdir().unwrap();
        assert_refused(
            import(&mut store, &write_folder(case.path(), &files)),
            &expected,
        );
    }

    // A folder with nothing of Letterboxd's in it.
    let empty = tempfile::tempdir().unwrap();
    assert_refused(import(&mut store, empty.path()), &["no Letterboxd files"]);

    assert_eq!(
        dump(&store),
        before,
        "nothing was written by any failed import"
    );
}

#[test]
fn unsafe_zips_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let before = dump(&store);

    let mut files = good_files();
    files.push(("../evil.csv", "x".into()));
    let climbing = write_zip(&dir.path().join("climbing.zip"), &files);
    assert_refused(import(&mut store, &climbing), &["\"../evil.csv\"", "`..`"]);

    let absolute = write_zip(
        &dir.path().join("absolute.zip"),
        &[("diary.csv", DIARY.into()), ("/etc/evil.csv", "x".into())],
    );
    assert_refused(
        import(&mut store, &absolute),
        &["\"/etc/evil.csv\"", "absolute"],
    );

    let path = dir.path().join("symlink.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    zip.add_symlink("diary.csv", "/etc/passwd", SimpleFileOptions::default())
        .unwrap();
    zip.finish().unwrap();
    assert_refused(import(&mut store, &path), &["\"diary.csv\"", "symlink"]);

    // A bomb: small on disk, far larger unpacked than the limit.
    let path = dir.path().join("bomb.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    zip.start_file(
        "diary.csv",
        SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated),
    )
    .unwrap();
    let zeros = vec![b'0'; 1024 * 1024];
    for _ in 0..8 {
        zip.write_all(&zeros).unwrap();
    }
    zip.finish().unwrap();
    assert!(std::fs::metadata(&path).unwrap().len() < 64 * 1024);
    let limits = Limits {
        max_entries: 100,
        max_total_bytes: 4 * 1024 * 1024,
    };
    assert_refused(import_with(&mut store, &path, limits), &["zip bomb"]);

    // Too many entries.
    let many: Vec<(String, String)> = (0..20)
        .map(|i| (format!("lists/{i}.csv"), String::new()))
        .collect();
    let named: Vec<(&str, String)> = many.iter().map(|(n, t)| (n.as_str(), t.clone())).collect();
    let crowded = write_zip(&dir.path().join("crowded.zip"), &named);
    let limits = Limits {
        max_entries: 10,
        max_total_bytes: MAX_TOTAL_BYTES,
    };
    assert_refused(import_with(&mut store, &crowded, limits), &["20 entries"]);

    assert_eq!(dump(&store), before);
}

#[test]
fn import_then_export_keeps_the_rows_both_formats_carry() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in_memory().unwrap();
    import(&mut store, &write_folder(dir.path(), &good_files())).unwrap();
    let out = dir.path().join("out").join("letterboxd.csv");
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    let written = export(&store, &out).unwrap();
    assert_eq!(
        written, 6,
        "five viewings and Ran, rated and liked without a diary entry"
    );

    let mut reader = csv::Reader::from_path(&out).unwrap();
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        EXPORT_COLUMNS
    );
    let exported: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let diary = rows::parse("diary.csv", DIARY.as_bytes()).unwrap();
    let diary: Vec<&rows::Row> = diary.iter().filter(|r| !r.name.is_empty()).collect();
    for entry in &diary {
        let date = entry.watched_date.unwrap().to_string();
        let row = exported
            .iter()
            .find(|r| &r[0] == entry.name.as_str() && r[3] == date)
            .unwrap_or_else(|| panic!("{} {date} missing from the export", entry.name));
        assert_eq!(row[1], entry.year.unwrap().to_string());
        let rating = entry
            .rating
            .map(|s| {
                if s % 2 == 0 {
                    (s / 2).to_string()
                } else {
                    format!("{}.5", s / 2)
                }
            })
            .unwrap_or_default();
        assert_eq!(row[4], rating, "{}", entry.name);
        assert_eq!(
            row[5],
            entry.rating.map(|s| s.to_string()).unwrap_or_default()
        );
        assert_eq!(&row[6] == "Yes", entry.rewatch);
        assert_eq!(row[7], entry.tags.join(", "));
    }
    let heat = exported.iter().find(|r| &r[3] == "2024-01-04").unwrap();
    assert!(
        heat[8].contains("coffee"),
        "the linked review travels: {:?}",
        &heat[8]
    );
    assert_eq!(&heat[10], "https://boxd.it/f1");
    let ran = exported.iter().find(|r| &r[0] == "Ran").unwrap();
    assert_eq!((&ran[3], &ran[4], &ran[5]), ("", "5", "10"));

    // And the export reads back in as Letterboxd rows would: same films, no duplicates.
    let mut again = Store::open_in_memory().unwrap();
    let reimport = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(&out).unwrap();
    let as_diary = exported_as_diary(&text);
    let report = import(
        &mut again,
        &write_folder(reimport.path(), &[("diary.csv", as_diary)]),
    )
    .unwrap();
    assert_eq!(report.added.viewings, 5);
}

/// The export's rows in diary.csv's columns (what a round trip through Letterboxd returns).
fn exported_as_diary(text: &str) -> String {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(rows::required_columns("diary.csv"))
        .unwrap();
    for row in reader.records() {
        let row = row.unwrap();
        if row[3].is_empty() {
            continue;
        }
        out.write_record([
            &row[3], &row[0], &row[1], "", &row[4], &row[6], &row[7], &row[3],
        ])
        .unwrap();
    }
    String::from_utf8(out.into_inner().unwrap()).unwrap()
}
