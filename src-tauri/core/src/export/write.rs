//! Atomic file writing: a temporary file in the same folder, flushed to disk, then renamed.
//! A reader (or a site generator watching the folder) sees the old file or the new one,
//! never half of one; a crash leaves at most a stray temporary file.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// Writes `contents` to `path` atomically, creating missing folders. An existing file is
/// replaced only when `force`; otherwise the result is [`Error::AlreadyExists`] and nothing
/// is written.
pub fn write_atomic(path: &Path, contents: &[u8], force: bool) -> Result<()> {
    write_atomic_with(path, contents, force, true)
}

/// As [`write_atomic`]; `durable: false` skips the flushes to disk (a batch of thousands of
/// files would spend 2–6 ms on each; it calls [`sync_batch`] once at its end instead). The
/// rename is still atomic: a reader never sees half a file.
pub(crate) fn write_atomic_with(
    path: &Path,
    contents: &[u8],
    force: bool,
    durable: bool,
) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::io(format!("creating {}", dir.display()), e))?;
    if !force && path.exists() {
        return Err(Error::AlreadyExists(path.display().to_string()));
    }
    let mut temp = tempfile::Builder::new()
        .prefix(".filmdesk-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Error::io(format!("creating a temporary file in {}", dir.display()), e))?;
    let context = || format!("writing {}", path.display());
    temp.write_all(contents)
        .map_err(|e| Error::io(context(), e))?;
    if durable {
        temp.as_file()
            .sync_all()
            .map_err(|e| Error::io(context(), e))?;
    }
    if force {
        temp.persist(path)
            .map_err(|e| Error::io(context(), e.error))?;
    } else {
        // No-clobber rename: a file that appeared since the check above is not replaced.
        temp.persist_noclobber(path).map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                Error::AlreadyExists(path.display().to_string())
            } else {
                Error::io(context(), e.error)
            }
        })?;
    }
    // The rename itself is durable once the folder is.
    #[cfg(unix)]
    if let Some(d) = durable.then(|| std::fs::File::open(dir).ok()).flatten() {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Makes the files of a batch written with `durable: false` durable, all at once: on Linux
/// one `syncfs` of the file system the export folder is on (every file's data and every
/// rename); elsewhere each file, then each folder, is flushed.
pub(crate) fn sync_batch<'a>(out_dir: &Path, files: impl Iterator<Item = &'a Path>) -> Result<()> {
    let context = || format!("flushing the export in {} to disk", out_dir.display());
    #[cfg(target_os = "linux")]
    {
        let _ = files;
        let dir = std::fs::File::open(out_dir).map_err(|e| Error::io(context(), e))?;
        rustix::fs::syncfs(&dir).map_err(|e| Error::io(context(), e.into()))?;
    }
    #[cfg(not(target_os = "linux"))]
    {
        let mut dirs = std::collections::BTreeSet::new();
        for file in files {
            let path = out_dir.join(file);
            std::fs::File::open(&path)
                .and_then(|f| f.sync_all())
                .map_err(|e| Error::io(context(), e))?;
            if let Some(parent) = path.parent() {
                dirs.insert(parent.to_path_buf());
            }
        }
        #[cfg(unix)]
        for dir in dirs {
            std::fs::File::open(&dir)
                .and_then(|d| d.sync_all())
                .map_err(|e| Error::io(context(), e))?;
        }
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // A test that cannot unwrap has failed.
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    #[test]
    fn never_overwrites_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b/review.html");
        write_atomic(&path, b"one", false).unwrap();
        let err = write_atomic(&path, b"two", false).unwrap_err();
        assert_eq!(err.code(), ErrorCode::AlreadyExists);
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        write_atomic(&path, b"three", true).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"three");
        // No temporary files left behind.
        let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["review.html"]);
    }
}
