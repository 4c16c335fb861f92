//! Headless subcommands on the same binary, for scripts and site builds.
//!
//! Every subcommand takes `--db PATH` (or the `FILMDESK_DB` variable), prints its result on
//! standard output, and on failure prints one line on standard error and exits non-zero:
//! 2 for a usage error (from clap), 3 for a refused input or a missing thing, 4 for a library
//! that cannot be opened, 5 for anything else.

use std::io::Write;
use std::path::PathBuf;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand};
use filmdesk_core::export::{ExportFormat, Preset};
use filmdesk_core::{Error, ErrorCode, Store};

mod check;
mod film_log;

/// The subcommand names that select headless mode; anything else opens the window.
pub const SUBCOMMANDS: &[&str] = &[
    "list",
    "backup",
    "restore",
    "check",
    "export",
    "import",
    "help",
    "--help",
    "-h",
    "--version",
    "-V",
];

#[derive(Parser)]
#[command(
    name = "filmdesk",
    version,
    about = "Filmdesk: a writing desk for film critics."
)]
#[command(after_help = "Run without a subcommand to open the window (`filmdesk [--db PATH]`).")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// Where the library is.
#[derive(clap::Args, Clone)]
pub struct DbArg {
    /// The library file (default: $FILMDESK_DB, else the app's data folder)
    #[arg(long, value_name = "PATH", env = crate::DB_ENV)]
    pub db: Option<PathBuf>,
}

impl DbArg {
    pub fn path(&self) -> PathBuf {
        self.db.clone().unwrap_or_else(default_db_path)
    }

    pub fn open(&self) -> Result<Store, Error> {
        Store::open(&self.path())
    }
}

#[derive(Subcommand)]
pub enum Command {
    /// Back up the library (consistent even while the app runs); prints the backup's path
    Backup {
        #[command(flatten)]
        db: DbArg,
        /// Write the backup to this file instead of the backups folder beside the library
        #[arg(long, value_name = "FILE", conflicts_with = "list")]
        to: Option<PathBuf>,
        /// List the backups in the backups folder instead: path, time, reviews, bytes
        #[arg(long)]
        list: bool,
    },
    /// Replace the library with a backup; the current library is renamed, never deleted
    Restore {
        #[command(flatten)]
        db: DbArg,
        /// The backup file (see `filmdesk backup --list`)
        file: PathBuf,
    },
    /// Check reviews: misspelt names, spelling, repetition, length, spoilers and (for a review
    /// marked ready or published, or with --for-publication) readiness; exits 1 on any error
    Check(check::CheckArgs),
    /// List the reviews: id, film (year), headline, status
    List {
        #[command(flatten)]
        db: DbArg,
        /// Print JSON instead of tab-separated lines
        #[arg(long)]
        json: bool,
    },
    /// Export reviews as HTML, an HTML fragment, Markdown or JSON (see docs/EXPORT.md)
    #[command(subcommand_negates_reqs = true, args_conflicts_with_subcommands = true)]
    Export {
        /// `export letterboxd FILE`: the film log for Letterboxd's importer
        #[command(subcommand)]
        what: Option<film_log::ExportWhat>,
        #[command(flatten)]
        db: DbArg,
        /// The review to export (ids as `filmdesk list` prints them)
        #[arg(
            long,
            value_name = "ID",
            required_unless_present = "all",
            conflicts_with = "all"
        )]
        id: Option<String>,
        /// Export every review into --out
        #[arg(long, requires = "out")]
        all: bool,
        #[arg(long, default_value = "html", value_parser = PossibleValuesParser::new(ExportFormat::ALL.map(ExportFormat::as_str))
            .map(|s| ExportFormat::parse(&s).unwrap_or_default()))]
        format: ExportFormat,
        /// The site generator Markdown is for: front matter and folder layout
        #[arg(long, default_value = "none", value_parser = PossibleValuesParser::new(Preset::ALL.map(Preset::as_str))
            .map(|s| Preset::parse(&s).unwrap_or_default()))]
        preset: Preset,
        /// The folder to write into, laid out for the preset (without it, one review is printed)
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Replace files that already exist
        #[arg(long)]
        force: bool,
    },
    /// Import into the library
    #[command(subcommand)]
    Import(Import),
}

#[derive(Subcommand)]
pub enum Import {
    /// Import a review from its JSON form (`filmdesk export --format json`); prints its id
    Review {
        #[command(flatten)]
        db: DbArg,
        /// The review file
        file: PathBuf,
        /// If the review is already in the library, import it as a copy with new ids
        #[arg(long)]
        new_id: bool,
    },
    /// Import a Letterboxd export (its .zip or unpacked folder) into the film log
    Letterboxd {
        #[command(flatten)]
        db: DbArg,
        /// The export .zip, or the folder it unpacks to
        path: PathBuf,
    },
    /// Build the offline film facts index from IMDb's dataset files in FOLDER
    Imdb {
        #[command(flatten)]
        db: DbArg,
        /// The folder holding title.basics, title.crew, title.principals, name.basics (.tsv.gz or .tsv)
        folder: PathBuf,
    },
}

/// The platform's app data folder, as Tauri resolves it for the app's identifier.
pub fn default_db_path() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("org.filmdesk.desk")
        .join("library.sqlite")
}

/// Runs a headless subcommand and returns the process exit code.
pub fn run(cli: Cli) -> i32 {
    let result = match cli.command {
        Command::Check(args) => match check::check(&args) {
            Ok(any_error) => return i32::from(any_error),
            Err(err) => Err(err),
        },
        Command::List { db, json } => list(&db, json),
        Command::Backup { db, to, list } => backup(&db, to, list),
        Command::Restore { db, file } => restore(&db, &file),
        Command::Export {
            what: Some(film_log::ExportWhat::Letterboxd { db, file }),
            ..
        } => film_log::export_letterboxd(&db, &file),
        Command::Import(Import::Letterboxd { db, path }) => film_log::import_letterboxd(&db, &path),
        Command::Import(Import::Imdb { db, folder }) => film_log::import_imdb(&db, &folder),
        Command::Export {
            db,
            id,
            format,
            preset,
            out,
            force,
            ..
        } => crate::cli_export::export(&db, id, format, preset, out, force),
        Command::Import(Import::Review { db, file, new_id }) => {
            crate::cli_export::import_review(&db, &file, new_id)
        }
    };
    match result {
        Ok(()) => 0,
        Err(err) => {
            eprintln!("filmdesk: {err}");
            exit_code(&err)
        }
    }
}

pub fn exit_code(err: &Error) -> i32 {
    match err.code() {
        ErrorCode::InvalidInput | ErrorCode::NotFound | ErrorCode::AlreadyExists => 3,
        ErrorCode::SchemaTooNew | ErrorCode::Corrupt | ErrorCode::Busy => 4,
        _ => 5,
    }
}

fn list(db: &DbArg, json: bool) -> Result<(), Error> {
    let reviews = db.open()?.list_reviews()?;
    let mut out = std::io::stdout().lock();
    let written = if json {
        serde_json::to_writer_pretty(&mut out, &reviews)
            .map_err(|e| Error::Internal(e.to_string()))?;
        writeln!(out)
    } else {
        reviews.iter().try_for_each(|r| {
            let film = match r.film_year {
                Some(year) => format!("{} ({year})", r.film_title),
                None => r.film_title.clone(),
            };
            writeln!(
                out,
                "{}\t{}\t{}\t{}",
                r.id,
                film,
                r.headline,
                r.status.as_str()
            )
        })
    };
    written.map_err(|e| Error::io("writing to standard output", e))
}

fn backup(db: &DbArg, to: Option<PathBuf>, list: bool) -> Result<(), Error> {
    use filmdesk_core::backup;
    let library = db.path();
    let mut out = std::io::stdout().lock();
    let written = if list {
        backup::list_backups(&backup::backups_dir(&library))?
            .iter()
            .try_for_each(|b| {
                let reviews = b
                    .review_count
                    .map_or("damaged".to_string(), |n| n.to_string());
                writeln!(
                    out,
                    "{}\t{}\t{reviews}\t{}",
                    b.path,
                    b.taken_at.to_rfc3339(),
                    b.size
                )
            })
    } else {
        let store = db.open()?;
        let path = match to {
            Some(dest) => {
                backup::backup_to(&store, &dest)?;
                dest.display().to_string()
            }
            None => backup::back_up_now(&store, &library)?.path,
        };
        writeln!(out, "{path}")
    };
    written.map_err(|e| Error::io("writing to standard output", e))
}

fn restore(db: &DbArg, file: &std::path::Path) -> Result<(), Error> {
    let library = db.path();
    let report = filmdesk_core::backup::restore_backup(file, &library)?;
    let mut out = std::io::stdout().lock();
    let written = match &report.set_aside {
        Some(aside) => writeln!(
            out,
            "restored {} into {}; the library it replaced is kept as {aside}",
            report.restored_from,
            library.display()
        ),
        None => writeln!(
            out,
            "restored {} into {}",
            report.restored_from,
            library.display()
        ),
    };
    written.map_err(|e| Error::io("writing to standard output", e))
}
