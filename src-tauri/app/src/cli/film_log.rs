//! Headless film log commands: `import letterboxd`, `import imdb`, `export letterboxd`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use clap::Subcommand;
use filmdesk_core::{imdb, letterboxd, Error};

use super::DbArg;

/// `filmdesk export letterboxd FILE`: what `export` writes besides reviews.
#[derive(Subcommand)]
pub enum ExportWhat {
    /// Write the film log as a CSV that Letterboxd's importer accepts
    Letterboxd {
        #[command(flatten)]
        db: DbArg,
        /// The CSV file to write (replaced if it exists)
        file: PathBuf,
    },
}

/// Imports a Letterboxd export (zip or folder) and prints what was added, matched, skipped.
pub fn import_letterboxd(db: &DbArg, path: &Path) -> Result<(), Error> {
    let mut store = db.open()?;
    let report = letterboxd::import(&mut store, path)?;
    let mut out = std::io::stdout().lock();
    let line = |what: &str, c: &filmdesk_core::log::ImportCounts| {
        format!(
            "{what}: {} films, {} viewings, {} reviews, {} ratings, {} likes, {} watched, {} on the watchlist",
            c.films, c.viewings, c.reviews, c.ratings, c.likes, c.watched, c.watchlist
        )
    };
    let mut text = format!(
        "{}\n{}\nskipped: {}\n",
        line("added", &report.added),
        line("matched", &report.matched),
        report.skipped.len()
    );
    for skip in &report.skipped {
        text.push_str(&format!(
            "  {} line {}: {}\n",
            skip.file, skip.line, skip.reason
        ));
    }
    out.write_all(text.as_bytes())
        .map_err(|e| Error::io("writing to standard output", e))
}

/// Builds the IMDb index beside the library, printing progress on standard error.
pub fn import_imdb(db: &DbArg, folder: &Path) -> Result<(), Error> {
    let index = imdb::index_path(&db.path());
    if let Some(parent) = index.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|e| Error::io(format!("creating {}", parent.display()), e))?;
    }
    let mut last_percent = u64::MAX;
    let report = imdb::import_dataset(
        folder,
        &index,
        &mut |p| {
            let percent = (p.bytes_read * 100).checked_div(p.bytes_total).unwrap_or(0);
            if percent / 10 != last_percent / 10 {
                last_percent = percent;
                eprintln!(
                    "filmdesk: {} ({}/{}): {percent}%, {} lines",
                    p.file,
                    p.file_index + 1,
                    p.file_count,
                    p.rows
                );
            }
        },
        &AtomicBool::new(false),
    )?;
    let mut out = std::io::stdout().lock();
    let mut text = format!(
        "{}: {} films, {} people, {} cast lines from {} lines in {:.1} s\n",
        index.display(),
        report.films,
        report.people,
        report.cast,
        report.rows_read,
        report.seconds
    );
    if !report.missing.is_empty() {
        text.push_str(&format!(
            "not found (skipped): {}\n",
            report.missing.join(", ")
        ));
    }
    out.write_all(text.as_bytes())
        .map_err(|e| Error::io("writing to standard output", e))
}

pub fn export_letterboxd(db: &DbArg, file: &Path) -> Result<(), Error> {
    let store = db.open()?;
    let rows = letterboxd::export(&store, file)?;
    println!("{}: {rows} rows", file.display());
    Ok(())
}
