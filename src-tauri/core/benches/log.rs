//! Film log benchmarks: Letterboxd import of 10,000 diary rows, IMDb import throughput with
//! peak memory, and title autocomplete over 700,000 films. Figures are printed, not asserted.
//!
//! `cargo bench -p filmdesk-core --bench log` (IMDB_ROWS changes the size of title.basics).

#![allow(clippy::unwrap_used)] // A benchmark that cannot unwrap has failed.

use std::io::Write;
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use filmdesk_core::{imdb, letterboxd, Store};
use flate2::write::GzEncoder;
use flate2::Compression;

mod support;

use support::cpu_seconds;

/// Peak resident memory of this process so far, in MiB (Linux; 0 elsewhere).
fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn letterboxd_import(dir: &Path) {
    let export = dir.join("letterboxd");
    std::fs::create_dir_all(export.join("likes")).unwrap();
    let mut diary =
        String::from("Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n");
    let mut watched = String::from("Date,Name,Year,Letterboxd URI\n");
    for i in 0..10_000u32 {
        let film = i % 3_000;
        let day = chrono::NaiveDate::from_ymd_opt(2015, 1, 1).unwrap()
            + chrono::Duration::days(i64::from(i % 3_650));
        let rating = if i % 7 == 0 {
            String::new()
        } else {
            format!("{}", f64::from(i % 10 + 1) / 2.0)
        };
        diary.push_str(&format!(
            "{day},\"Film {film}, part {}\",{},https://boxd.it/e{i},{rating},{},\"tag{}, festival\",{day}\n",
            film % 5,
            1950 + film % 70,
            if i >= 3_000 { "Yes" } else { "" },
            i % 12,
        ));
        if i < 3_000 {
            watched.push_str(&format!(
                "{day},\"Film {film}, part {}\",{},https://boxd.it/f{film}\n",
                film % 5,
                1950 + film % 70
            ));
        }
    }
    std::fs::write(export.join("diary.csv"), diary).unwrap();
    std::fs::write(export.join("watched.csv"), watched).unwrap();
    let mut store = Store::open(&dir.join("library.sqlite")).unwrap();
    let (started, cpu) = (Instant::now(), cpu_seconds());
    let report = letterboxd::import(&mut store, &export).unwrap();
    let (first, first_cpu) = (started.elapsed(), cpu_seconds() - cpu);
    let (started, cpu) = (Instant::now(), cpu_seconds());
    let again = letterboxd::import(&mut store, &export).unwrap();
    let (second, second_cpu) = (started.elapsed(), cpu_seconds() - cpu);
    println!(
        "letterboxd import: 10,000 diary rows ({} films, {} viewings) in {:.0} ms, {:.0} ms CPU (target < 2000 ms); re-import (all matched, {} added) in {:.0} ms, {:.0} ms CPU",
        report.added.films,
        report.added.viewings,
        first.as_secs_f64() * 1e3,
        first_cpu * 1e3,
        again.added.viewings,
        second.as_secs_f64() * 1e3,
        second_cpu * 1e3
    );
    let started = Instant::now();
    let rows = letterboxd::export(&store, &dir.join("out.csv")).unwrap();
    println!(
        "letterboxd export: {rows} rows in {:.0} ms",
        started.elapsed().as_secs_f64() * 1e3
    );
}

const KINDS: [&str; 10] = [
    "movie",
    "tvEpisode",
    "movie",
    "short",
    "tvEpisode",
    "tvSeries",
    "movie",
    "tvMovie",
    "tvEpisode",
    "video",
];
const WORDS: [&str; 16] = [
    "night", "heat", "river", "the", "city", "lost", "summer", "red", "house", "dream", "last",
    "garden", "shadow", "blue", "winter", "road",
];

fn imdb_import(dir: &Path, rows: u64) {
    let folder = dir.join("imdb");
    std::fs::create_dir_all(&folder).unwrap();
    let path = folder.join("title.basics.tsv.gz");
    {
        let file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        let mut gz = GzEncoder::new(file, Compression::fast());
        writeln!(gz, "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres").unwrap();
        for i in 0..rows {
            let w = |k: u64| WORDS[((i / k) % 16) as usize];
            let title = format!("{} {} {} {i}", w(1), w(16), w(256));
            writeln!(
                gz,
                "tt{:07}\t{}\t{title}\t{title}\t0\t{}\t\\N\t{}\tDrama,Crime",
                i + 1,
                KINDS[(i % 10) as usize],
                1900 + i % 125,
                if i % 9 == 0 {
                    "\\N".to_string()
                } else {
                    (60 + i % 120).to_string()
                },
            )
            .unwrap();
        }
        gz.finish().unwrap();
    }
    let size = std::fs::metadata(&path).unwrap().len();
    let before = peak_rss_mib();
    let index = dir.join("imdb-index.sqlite");
    let (started, cpu) = (Instant::now(), cpu_seconds());
    let mut read_done = None;
    let mut peak_during = 0.0f64;
    let report = imdb::import_dataset(
        &folder,
        &index,
        &mut |p| {
            peak_during = peak_during.max(peak_rss_mib());
            // All of title.basics read and committed (the reading thread may reach the end
            // of the file a few chunks before the rows are stored).
            if p.rows == rows && read_done.is_none() {
                read_done = Some((started.elapsed(), cpu_seconds() - cpu));
            }
        },
        &AtomicBool::new(false),
    )
    .unwrap();
    let (total, total_cpu) = (started.elapsed(), cpu_seconds() - cpu);
    let (read, read_cpu) = read_done.unwrap_or((total, total_cpu));
    println!(
        "imdb import: title.basics {rows} rows ({:.1} MB gz) read and {} films stored in {:.2} s ({:.2} s CPU) = {:.0} rows/s (target >= 500,000); with the title indexes {:.2} s ({:.2} s CPU)",
        size as f64 / 1e6,
        report.films,
        read.as_secs_f64(),
        read_cpu,
        rows as f64 / read.as_secs_f64(),
        total.as_secs_f64(),
        total_cpu
    );
    println!(
        "imdb import memory: peak RSS {before:.0} MiB before, {peak_during:.0} MiB while reading, {:.0} MiB after the indexes",
        peak_rss_mib()
    );

    let imdb = imdb::ImdbIndex::open(&index).unwrap();
    let queries = [
        "h",
        "he",
        "heat",
        "night heat",
        "the",
        "summer red",
        "shadow blue garden 42",
        "xyz",
        "road 1950",
        "winter",
        "dream house",
        "l",
    ];
    let mut worst = 0.0f64;
    let mut worst_query = "";
    let mut total_ms = 0.0;
    let mut count = 0;
    for _ in 0..5 {
        for q in queries {
            let started = Instant::now();
            let found = imdb.search(q, 10).unwrap();
            let ms = started.elapsed().as_secs_f64() * 1e3;
            std::hint::black_box(found);
            if ms > worst {
                (worst, worst_query) = (ms, q);
            }
            total_ms += ms;
            count += 1;
        }
    }
    println!(
        "imdb autocomplete over {} films: mean {:.2} ms, worst {:.2} ms ({worst_query:?}) per query over {count} queries (target < 20 ms)",
        report.films,
        total_ms / f64::from(count),
        worst
    );
    let started = Instant::now();
    let facts = imdb.film("tt0000001").unwrap();
    println!(
        "imdb film facts: {:.2} ms ({})",
        started.elapsed().as_secs_f64() * 1e3,
        facts.title
    );
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    letterboxd_import(dir.path());
    let rows = std::env::var("IMDB_ROWS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(1_750_000);
    imdb_import(dir.path(), rows);
}
