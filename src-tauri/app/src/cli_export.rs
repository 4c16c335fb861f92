//! `filmdesk export` and `filmdesk import review`: argument plumbing around the domain's
//! export module.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use filmdesk_core::export::{self, ExportFormat, ExportOptions, ImportMode, Preset};
use filmdesk_core::Error;

use crate::cli::DbArg;

pub fn export(
    db: &DbArg,
    id: Option<String>,
    format: ExportFormat,
    preset: Preset,
    out: Option<PathBuf>,
    force: bool,
) -> Result<(), Error> {
    let store = db.open()?;
    let options = ExportOptions::new(format, preset);
    let mut stdout = std::io::stdout().lock();
    let printed = match (id, out) {
        (Some(id), None) => write!(
            stdout,
            "{}",
            export::render(&store.get_review(&id)?, &options)?
        ),
        (Some(id), Some(dir)) => {
            let path =
                export::export_review_to_dir(&store.get_review(&id)?, &options, &dir, force)?;
            writeln!(stdout, "{}", path.display())
        }
        (None, Some(dir)) => {
            let mut lines = Ok(());
            let report = export::export_library(
                &store,
                None,
                &options,
                &dir,
                force,
                &AtomicBool::new(false),
                |p| {
                    if lines.is_ok() {
                        lines = writeln!(stdout, "{}", dir.join(&p.current).display());
                    }
                },
            )?;
            lines.and_then(|()| {
                writeln!(
                    std::io::stderr(),
                    "{} reviews exported to {}",
                    report.written,
                    dir.display()
                )
            })
        }
        (None, None) => return Err(Error::invalid("--all needs --out DIR")),
    };
    printed.map_err(|e| Error::io("writing to standard output", e))
}

pub fn import_review(db: &DbArg, file: &Path, new_id: bool) -> Result<(), Error> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| Error::io(format!("reading {}", file.display()), e))?;
    let mode = if new_id {
        ImportMode::NewIds
    } else {
        ImportMode::KeepIds
    };
    let review = export::import_review(&mut db.open()?, &text, mode).map_err(|err| match err {
        Error::AlreadyExists(what) => Error::invalid(format!(
            "{what} is already in this library; nothing was imported (use --new-id to import it as a copy)"
        )),
        other => other,
    })?;
    println!("{}", review.id);
    Ok(())
}
