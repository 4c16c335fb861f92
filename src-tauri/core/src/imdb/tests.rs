//! The IMDb import against small gzipped fixtures with `\N` nulls, several principals per
//! film, and titles that are not films.

use std::io::Write;
use std::path::Path;
use std::sync::atomic::AtomicBool;

use flate2::write::GzEncoder;
use flate2::Compression;

use super::*;

const BASICS: &str = "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\n\
tt0113277\tmovie\tHeat\tHeat\t0\t1995\t\\N\t170\tAction,Crime,Drama\n\
tt0000001\tshort\tCarmencita\tCarmencita\t0\t1894\t\\N\t1\tDocumentary,Short\n\
tt0903747\ttvSeries\tBreaking Bad\tBreaking Bad\t0\t2008\t2013\t49\tCrime,Drama,Thriller\n\
tt0211915\tmovie\tAmélie\tLe fabuleux destin d'Amélie Poulain\t0\t2001\t\\N\t122\tComedy,Romance\n\
tt0090015\tmovie\tHeat\tHeat\t0\t1986\t\\N\t\\N\t\\N\n\
tt1234567\ttvMovie\tA Heated Evening\t\\N\t0\t\\N\t\\N\t90\tDrama\n\
tt0959621\ttvEpisode\tPilot\tPilot\t0\t2008\t\\N\t58\tCrime\n";

const CREW: &str = "tconst\tdirectors\twriters\n\
tt0113277\tnm0000520\tnm0000520\n\
tt0211915\tnm0407301\tnm0407301,nm0000001\n\
tt0903747\tnm9999999\t\\N\n\
tt0090015\t\\N\t\\N\n";

const PRINCIPALS: &str = "tconst\tordering\tnconst\tcategory\tjob\tcharacters\n\
tt0113277\t1\tnm0000199\tactor\t\\N\t[\"Lt. Vincent Hanna\"]\n\
tt0113277\t2\tnm0000134\tactor\t\\N\t[\"Neil McCauley\"]\n\
tt0113277\t3\tnm0000520\tdirector\t\\N\t\\N\n\
tt0113277\t4\tnm0000158\tactor\t\\N\t[\"Chris Shiherlis\",\"Narrator\"]\n\
tt0211915\t1\tnm0851582\tactress\t\\N\t[\"Amélie Poulain\"]\n\
tt0903747\t1\tnm0186505\tactor\t\\N\t[\"Walter White\"]\n";

const NAMES: &str =
    "nconst\tprimaryName\tbirthYear\tdeathYear\tprimaryProfession\tknownForTitles\n\
nm0000001\tFred Astaire\t1899\t1987\tactor\ttt0050419\n\
nm0000134\tRobert De Niro\t1943\t\\N\tactor\ttt0113277\n\
nm0000158\tVal Kilmer\t1959\t2025\tactor\ttt0113277\n\
nm0000199\tAl Pacino\t1940\t\\N\tactor\ttt0113277\n\
nm0000520\tMichael Mann\t1943\t\\N\tdirector\ttt0113277\n\
nm0186505\tBryan Cranston\t1956\t\\N\tactor\ttt0903747\n\
nm0407301\tJean-Pierre Jeunet\t1953\t\\N\tdirector\ttt0211915\n\
nm0851582\tAudrey Tautou\t1976\t\\N\tactress\ttt0211915\n";

fn gz(path: &Path, text: &str) {
    let mut encoder = GzEncoder::new(std::fs::File::create(path).unwrap(), Compression::fast());
    encoder.write_all(text.as_bytes()).unwrap();
    encoder.finish().unwrap();
}

fn dataset(dir: &Path) {
    gz(&dir.join("title.basics.tsv.gz"), BASICS);
    gz(&dir.join("title.crew.tsv.gz"), CREW);
    // One file plain, to read both forms.
    std::fs::write(dir.join("title.principals.tsv"), PRINCIPALS).unwrap();
    gz(&dir.join("name.basics.tsv.gz"), NAMES);
}

#[test]
fn films_are_kept_with_directors_and_cast() {
    let dir = tempfile::tempdir().unwrap();
    dataset(dir.path());
    let index = dir.path().join("imdb-index.sqlite");
    let mut calls = 0;
    let report = import_dataset(
        dir.path(),
        &index,
        &mut |_| calls += 1,
        &AtomicBool::new(false),
    )
    .unwrap();
    assert_eq!(
        report.films, 4,
        "two Heats, Amélie and the TV movie; no short, series or episode"
    );
    assert_eq!(report.cast, 4, "actors and actresses of films only");
    assert_eq!(
        report.people, 6,
        "the people the films need, not Fred Astaire or Cranston"
    );
    assert_eq!(report.rows_read, 7 + 4 + 6 + 8);
    assert!(!report.cancelled && report.missing.is_empty());
    assert!(calls >= 4, "one report at least per file");

    let imdb = ImdbIndex::open(&index).unwrap();
    let heat = imdb.film("tt0113277").unwrap();
    assert_eq!(heat.title, "Heat");
    assert_eq!(heat.original_title, "");
    assert_eq!(heat.year, Some(1995));
    assert_eq!(heat.runtime_minutes, Some(170));
    assert_eq!(heat.genres, ["Action", "Crime", "Drama"]);
    assert_eq!(heat.directors, ["Michael Mann"]);
    assert_eq!(heat.imdb_id, "tt0113277");
    let cast: Vec<(&str, &str)> = heat
        .cast
        .iter()
        .map(|c| (c.actor.as_str(), c.character.as_str()))
        .collect();
    assert_eq!(
        cast,
        [
            ("Al Pacino", "Lt. Vincent Hanna"),
            ("Robert De Niro", "Neil McCauley"),
            ("Val Kilmer", "Chris Shiherlis / Narrator"),
        ]
    );
    let old_heat = imdb.film("tt0090015").unwrap();
    assert_eq!(
        (old_heat.runtime_minutes, old_heat.genres.len()),
        (None, 0),
        "\\N is null"
    );
    assert!(old_heat.directors.is_empty());
    let amelie = imdb.film("tt0211915").unwrap();
    assert_eq!(amelie.original_title, "Le fabuleux destin d'Amélie Poulain");
    assert_eq!(amelie.cast[0].character, "Amélie Poulain");
    assert_eq!(
        imdb.film("tt0903747").unwrap_err().code(),
        crate::ErrorCode::NotFound,
        "series are not kept"
    );

    let titles = |q: &str| -> Vec<(String, Option<i32>)> {
        imdb.search(q, 10)
            .unwrap()
            .into_iter()
            .map(|m| (m.title, m.year))
            .collect()
    };
    assert_eq!(
        titles("heat"),
        [
            ("Heat".to_string(), Some(1995)),
            ("Heat".to_string(), Some(1986)),
            ("A Heated Evening".to_string(), None)
        ]
    );
    assert_eq!(titles("heat 1986"), [("Heat".to_string(), Some(1986))]);
    assert_eq!(titles("AMELIE"), [("Amélie".to_string(), Some(2001))]);
    assert_eq!(
        titles("fabuleux"),
        [("Amélie".to_string(), Some(2001))],
        "original titles too"
    );
    assert_eq!(titles("evening"), [("A Heated Evening".to_string(), None)]);
    assert!(titles("breaking").is_empty());
    assert!(titles("").is_empty());
    // Words typed whole, the last still being typed; then, finding none, every word a prefix.
    assert_eq!(titles("destin amel"), [("Amélie".to_string(), Some(2001))]);
    assert_eq!(titles("fab dest"), [("Amélie".to_string(), Some(2001))]);
    assert!(titles("heated nothing").is_empty());

    // The index records its schema version; an index from before versions (0, no year
    // index) is still searched, a newer one is refused.
    drop(imdb);
    let conn = rusqlite::Connection::open(&index).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, INDEX_VERSION);
    conn.execute_batch("DROP INDEX titles_year_key; PRAGMA user_version = 0;")
        .unwrap();
    let old = ImdbIndex::open(&index).unwrap();
    assert_eq!(old.search("heat 1986", 10).unwrap()[0].year, Some(1986));
    drop(old);
    conn.pragma_update(None, "user_version", INDEX_VERSION + 1)
        .unwrap();
    let Err(newer) = ImdbIndex::open(&index) else {
        panic!("an index from a newer Filmdesk was opened");
    };
    assert!(newer.to_string().contains("newer"), "{newer}");
}

#[test]
fn a_cancelled_import_keeps_the_previous_index() {
    let dir = tempfile::tempdir().unwrap();
    dataset(dir.path());
    let index = dir.path().join("imdb-index.sqlite");
    import_dataset(dir.path(), &index, &mut |_| {}, &AtomicBool::new(false)).unwrap();
    let before = std::fs::read(&index).unwrap();
    // A big title.basics so that the cancel flag is looked at.
    let mut big = String::from(BASICS.lines().next().unwrap());
    big.push('\n');
    for i in 0..(CHECK_EVERY * 2) {
        big.push_str(&format!(
            "tt{:07}\tmovie\tFilm {i}\t\\N\t0\t2000\t\\N\t90\tDrama\n",
            2_000_000 + i
        ));
    }
    gz(&dir.path().join("title.basics.tsv.gz"), &big);
    let cancel = AtomicBool::new(true);
    let report = import_dataset(dir.path(), &index, &mut |_| {}, &cancel).unwrap();
    assert!(report.cancelled);
    assert_eq!(std::fs::read(&index).unwrap(), before);
    assert!(!index.with_extension("sqlite.partial").exists());
}

#[test]
fn wrong_files_are_refused_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("imdb-index.sqlite");
    let err = import_dataset(dir.path(), &index, &mut |_| {}, &AtomicBool::new(false)).unwrap_err();
    assert!(err.to_string().contains("no title.basics.tsv.gz"), "{err}");
    std::fs::write(dir.path().join("title.basics.tsv"), "id\tname\n1\tx\n").unwrap();
    let err = import_dataset(dir.path(), &index, &mut |_| {}, &AtomicBool::new(false)).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("title.basics.tsv line 1: not an IMDb"),
        "{err}"
    );
    let short = format!(
        "{}tt0000002\tmovie\tShort row\n",
        BASICS.lines().next().unwrap().to_owned() + "\n"
    );
    std::fs::write(dir.path().join("title.basics.tsv"), short).unwrap();
    let err = import_dataset(dir.path(), &index, &mut |_| {}, &AtomicBool::new(false)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "title.basics.tsv line 2: 3 fields where the header has 9"
    );
    assert!(!index.exists());
}

#[test]
fn characters_fields_are_read() {
    assert_eq!(characters("[\"Defne\"]"), "Defne");
    assert_eq!(characters("[\"A\",\"B\"]"), "A / B");
    assert_eq!(characters("\\N"), "");
    assert_eq!(characters("[\"Broken"), "Broken");
}

/// A title.basics of `rows` films, `Film 0` … with ids from 3,000,000, lines ended by `end`.
fn many_films(rows: u64, end: &str) -> String {
    let mut text = String::from(BASICS.lines().next().unwrap());
    text.push_str(end);
    for i in 0..rows {
        text.push_str(&format!(
            "tt{:07}\tmovie\tFilm {i}\t\\N\t0\t2000\t\\N\t90\tDrama{end}",
            3_000_000 + i
        ));
    }
    text
}

#[test]
fn lines_across_the_reader_s_chunks_are_all_read() {
    // Several megabytes: many chunks, lines cut at every chunk's end; CRLF line ends and no
    // line end after the last row.
    let dir = tempfile::tempdir().unwrap();
    let rows = 150_000;
    let mut text = many_films(rows, "\r\n");
    text.truncate(text.len() - 2);
    gz(&dir.path().join("title.basics.tsv.gz"), &text);
    let index = dir.path().join("imdb-index.sqlite");
    let report = import_dataset(dir.path(), &index, &mut |_| {}, &AtomicBool::new(false)).unwrap();
    assert_eq!(report.films, rows as u32);
    assert_eq!(report.rows_read, rows);
    let imdb = ImdbIndex::open(&index).unwrap();
    for i in [0, 1, 77_777, rows - 1] {
        let facts = imdb.film(&format!("tt{:07}", 3_000_000 + i)).unwrap();
        assert_eq!(facts.title, format!("Film {i}"));
        assert_eq!(facts.genres, ["Drama"]);
    }
}

#[test]
fn a_failed_import_keeps_the_previous_index() {
    let dir = tempfile::tempdir().unwrap();
    dataset(dir.path());
    let index = dir.path().join("imdb-index.sqlite");
    import_dataset(dir.path(), &index, &mut |_| {}, &AtomicBool::new(false)).unwrap();
    let before = std::fs::read(&index).unwrap();

    // A download cut short: the gzip stream ends in the middle.
    let mut whole = Vec::new();
    let mut encoder = GzEncoder::new(&mut whole, Compression::fast());
    encoder
        .write_all(many_films(50_000, "\n").as_bytes())
        .unwrap();
    encoder.finish().unwrap();
    std::fs::write(
        dir.path().join("title.basics.tsv.gz"),
        &whole[..whole.len() / 2],
    )
    .unwrap();
    let err = import_dataset(dir.path(), &index, &mut |_| {}, &AtomicBool::new(false)).unwrap_err();
    assert!(
        err.to_string().starts_with("title.basics.tsv.gz line "),
        "{err}"
    );
    assert!(err.to_string().contains("unreadable"), "{err}");
    assert_eq!(std::fs::read(&index).unwrap(), before);
    assert!(!index.with_extension("sqlite.partial").exists());

    // Cancelled in a later file (the cast), after title.basics was stored.
    gz(
        &dir.path().join("title.basics.tsv.gz"),
        &many_films(1_000, "\n"),
    );
    let mut principals = String::from(PRINCIPALS.lines().next().unwrap());
    principals.push('\n');
    for i in 0..CHECK_EVERY * 2 {
        principals.push_str(&format!(
            "tt{:07}\t1\tnm0000199\tactor\t\\N\t[\"Someone\"]\n",
            3_000_000 + i % 1_000
        ));
    }
    std::fs::write(dir.path().join("title.principals.tsv"), principals).unwrap();
    let cancel = AtomicBool::new(false);
    let mut files = Vec::new();
    let report = import_dataset(
        dir.path(),
        &index,
        &mut |p| {
            files.push(p.file.clone());
            if p.file == "title.principals.tsv" {
                cancel.store(true, std::sync::atomic::Ordering::Relaxed);
            }
        },
        &cancel,
    )
    .unwrap();
    assert!(report.cancelled);
    assert!(
        files.contains(&"title.crew.tsv.gz".to_string()),
        "{files:?}"
    );
    assert_eq!(std::fs::read(&index).unwrap(), before);
    assert!(!index.with_extension("sqlite.partial").exists());
}

#[test]
fn the_shared_index_is_reopened_when_an_import_replaces_it() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("imdb-index.sqlite");
    let shared = SharedIndex::new(index.clone());
    assert!(shared.with(|i| i.search("heat", 5)).unwrap().is_none());

    dataset(dir.path());
    import_dataset(dir.path(), &index, &mut |_| {}, &AtomicBool::new(false)).unwrap();
    let titles = |shared: &SharedIndex, q: &str| -> Vec<String> {
        shared
            .with(|i| i.search(q, 5))
            .unwrap()
            .unwrap()
            .into_iter()
            .map(|m| m.title)
            .collect()
    };
    assert_eq!(
        titles(&shared, "heat"),
        ["Heat", "Heat", "A Heated Evening"]
    );
    assert!(titles(&shared, "film 7").is_empty());

    // Another import (as the command line would do, without telling) renames a new file in.
    gz(
        &dir.path().join("title.basics.tsv.gz"),
        &many_films(10, "\n"),
    );
    import_dataset(dir.path(), &index, &mut |_| {}, &AtomicBool::new(false)).unwrap();
    assert_eq!(titles(&shared, "film 7"), ["Film 7"]);
    assert!(titles(&shared, "heat").is_empty());

    std::fs::remove_file(&index).unwrap();
    assert!(shared.with(|i| i.search("film", 5)).unwrap().is_none());
}
