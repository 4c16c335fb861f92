//! Reading a Letterboxd export, zipped or unpacked, without trusting it.
//!
//! A zip is refused whole when any entry is named with `..` or an absolute path, is a
//! symlink, or when the entries are too many or would unpack to too much (a zip bomb). Only
//! the CSV files the import knows are read, each into memory (exports are a few megabytes).

use std::collections::HashMap;
use std::fs::File;
use std::io::Read;
use std::path::{Component, Path};

use crate::error::{Error, Result};

/// The files of an export the import reads, as they are named inside it.
pub const KNOWN_FILES: [&str; 6] = [
    "diary.csv",
    "reviews.csv",
    "ratings.csv",
    "watched.csv",
    "watchlist.csv",
    "likes/films.csv",
];

/// More entries than this is not a Letterboxd export (real ones hold a few dozen).
pub const MAX_ENTRIES: usize = 10_000;
/// What all entries together may unpack to.
pub const MAX_TOTAL_BYTES: u64 = 512 * 1024 * 1024;

/// The known CSV files found, by their name in [`KNOWN_FILES`].
pub type ExportFiles = HashMap<&'static str, Vec<u8>>;

/// How much an export may hold; tests lower them to build small bombs.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_entries: usize,
    pub max_total_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_entries: MAX_ENTRIES,
            max_total_bytes: MAX_TOTAL_BYTES,
        }
    }
}

/// Reads the known files of the export at `path` (a `.zip` or a folder).
pub fn read_export(path: &Path, limits: Limits) -> Result<ExportFiles> {
    let meta = std::fs::symlink_metadata(path)
        .map_err(|e| Error::io(format!("reading {}", path.display()), e))?;
    let files = if meta.is_dir() {
        read_folder(path, limits)?
    } else {
        read_zip(path, limits)?
    };
    if files.is_empty() {
        return Err(Error::invalid(format!(
            "{}: no Letterboxd files in it (expected {})",
            path.display(),
            KNOWN_FILES.join(", ")
        )));
    }
    Ok(files)
}

fn read_folder(dir: &Path, limits: Limits) -> Result<ExportFiles> {
    let mut files = ExportFiles::new();
    let mut total = 0u64;
    for name in KNOWN_FILES {
        let path = dir.join(name);
        let meta = match std::fs::symlink_metadata(&path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(Error::io(format!("reading {}", path.display()), e)),
        };
        if meta.file_type().is_symlink() || !meta.is_file() {
            return Err(Error::invalid(format!(
                "{name}: not a plain file (symlinks are not followed)"
            )));
        }
        total += meta.len();
        if total > limits.max_total_bytes {
            return Err(Error::invalid(format!(
                "{}: the files are larger than {} bytes together; not a Letterboxd export",
                dir.display(),
                limits.max_total_bytes
            )));
        }
        let bytes = std::fs::read(&path)
            .map_err(|e| Error::io(format!("reading {}", path.display()), e))?;
        files.insert(name, bytes);
    }
    Ok(files)
}

fn read_zip(path: &Path, limits: Limits) -> Result<ExportFiles> {
    let shown = path.display();
    let file = File::open(path).map_err(|e| Error::io(format!("opening {shown}"), e))?;
    let mut archive = zip::ZipArchive::new(file).map_err(|e| {
        Error::invalid(format!(
            "{shown}: not a readable zip archive ({e}); give the Letterboxd export .zip or its unpacked folder"
        ))
    })?;
    if archive.len() > limits.max_entries {
        return Err(Error::invalid(format!(
            "{shown}: {} entries (more than {}); refused, not a Letterboxd export",
            archive.len(),
            limits.max_entries
        )));
    }
    // First pass: every entry's name, kind and declared size, before anything is unpacked.
    let mut declared_total = 0u64;
    let mut wanted: Vec<(usize, &'static str, u64)> = Vec::new();
    let mut names = Vec::with_capacity(archive.len());
    for index in 0..archive.len() {
        let entry = archive.by_index_raw(index).map_err(|e| damaged(path, &e))?;
        let name = entry.name().map_err(|e| damaged(path, &e))?.to_string();
        check_entry_name(&name).map_err(|reason| {
            Error::invalid(format!("{shown}: entry {name:?} refused: {reason}"))
        })?;
        if entry.is_symlink() {
            return Err(Error::invalid(format!(
                "{shown}: entry {name:?} refused: it is a symlink"
            )));
        }
        declared_total = declared_total.saturating_add(entry.size());
        if declared_total > limits.max_total_bytes {
            return Err(Error::invalid(format!(
                "{shown}: would unpack to more than {} bytes; refused (a zip bomb, or not a Letterboxd export)",
                limits.max_total_bytes
            )));
        }
        names.push((index, name, entry.size()));
    }
    // Exports zipped again by hand hold one folder around the files: look inside it too.
    let prefix = common_folder(names.iter().map(|(_, n, _)| n.as_str()));
    for (index, name, size) in &names {
        let inner = name.strip_prefix(prefix.as_str()).unwrap_or(name);
        if let Some(known) = KNOWN_FILES.iter().find(|k| **k == inner) {
            wanted.push((*index, known, *size));
        }
    }
    let mut files = ExportFiles::new();
    let mut total = 0u64;
    for (index, name, declared) in wanted {
        let entry = archive.by_index(index).map_err(|e| damaged(path, &e))?;
        // Read no more than declared (+1 to notice a lie): the header is not trusted.
        let mut bytes = Vec::with_capacity(declared.min(64 * 1024 * 1024) as usize);
        entry
            .take(declared + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Error::invalid(format!("{shown}: {name} is damaged in the zip ({e})")))?;
        if bytes.len() as u64 != declared {
            return Err(Error::invalid(format!(
                "{shown}: {name} unpacks to a size other than the zip declares; refused"
            )));
        }
        total += declared;
        if total > limits.max_total_bytes {
            return Err(Error::invalid(format!(
                "{shown}: unpacks to too much; refused"
            )));
        }
        files.insert(name, bytes);
    }
    Ok(files)
}

fn damaged(path: &Path, err: &zip::result::ZipError) -> Error {
    Error::invalid(format!(
        "{}: the zip archive is damaged ({err})",
        path.display()
    ))
}

/// Why an entry name is refused, if it is: parent components, absolute paths, drive letters.
fn check_entry_name(name: &str) -> std::result::Result<(), &'static str> {
    if name.contains('\0') {
        return Err("its name holds a NUL byte");
    }
    let unified = name.replace('\\', "/");
    if unified.starts_with('/') || unified.chars().nth(1) == Some(':') {
        return Err("its path is absolute");
    }
    for component in Path::new(&unified).components() {
        match component {
            Component::ParentDir => return Err("its path climbs out of the archive with `..`"),
            Component::RootDir | Component::Prefix(_) => return Err("its path is absolute"),
            _ => {}
        }
    }
    Ok(())
}

/// `"letterboxd-critic-2025-01-01/"` when every entry sits in that one folder, else `""`.
fn common_folder<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let mut prefix: Option<&str> = None;
    for name in names {
        let Some((first, _)) = name.split_once('/') else {
            return String::new();
        };
        match prefix {
            None => prefix = Some(first),
            Some(p) if p == first => {}
            Some(_) => return String::new(),
        }
    }
    prefix.map(|p| format!("{p}/")).unwrap_or_default()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // A test that cannot unwrap has failed.
mod tests {
    use super::*;

    #[test]
    fn entry_names_that_escape_are_refused() {
        assert!(check_entry_name("diary.csv").is_ok());
        assert!(check_entry_name("likes/films.csv").is_ok());
        assert!(check_entry_name("../evil.csv").is_err());
        assert!(check_entry_name("likes/../../evil.csv").is_err());
        assert!(check_entry_name("/etc/passwd").is_err());
        assert!(check_entry_name("C:\\windows\\evil").is_err());
        assert!(check_entry_name("..\\evil").is_err());
    }

    #[test]
    fn one_wrapping_folder_is_seen_through() {
        let names = ["export/diary.csv", "export/likes/films.csv", "export/"];
        assert_eq!(common_folder(names.into_iter()), "export/");
        assert_eq!(
            common_folder(["diary.csv", "likes/films.csv"].into_iter()),
            ""
        );
    }
}
