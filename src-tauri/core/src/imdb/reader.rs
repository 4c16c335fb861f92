//! A TSV file of the IMDb dataset as a stream of rows: one reused line buffer, gzip or not,
//! with a count of the bytes read from disk for progress.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use flate2::read::MultiGzDecoder;

use crate::error::{Error, Result};

/// Counts bytes as they come off the disk (before decompression).
struct Counting<R> {
    inner: R,
    read: std::rc::Rc<std::cell::Cell<u64>>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.set(self.read.get() + n as u64);
        Ok(n)
    }
}

pub struct TsvReader {
    lines: Box<dyn BufRead>,
    name: String,
    read: std::rc::Rc<std::cell::Cell<u64>>,
    total: u64,
    line: Vec<u8>,
    /// Where each field of `line` ends (a tab or the end), found once per line.
    ends: Vec<usize>,
    number: u64,
    columns: usize,
}

impl TsvReader {
    /// Opens `path` and checks that its header starts with `header`.
    pub fn open(path: &Path, header: &[&str]) -> Result<TsvReader> {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let file =
            File::open(path).map_err(|e| Error::io(format!("opening {}", path.display()), e))?;
        let total = file.metadata().map(|m| m.len()).unwrap_or(0);
        let read = std::rc::Rc::new(std::cell::Cell::new(0));
        let counting = Counting {
            inner: file,
            read: read.clone(),
        };
        const BUFFER: usize = 1 << 20;
        let lines: Box<dyn BufRead> = if name.ends_with(".gz") {
            Box::new(BufReader::with_capacity(
                BUFFER,
                MultiGzDecoder::new(BufReader::with_capacity(BUFFER, counting)),
            ))
        } else {
            Box::new(BufReader::with_capacity(BUFFER, counting))
        };
        let mut reader = TsvReader {
            lines,
            name,
            read,
            total,
            line: Vec::with_capacity(4096),
            ends: Vec::with_capacity(16),
            number: 0,
            columns: header.len(),
        };
        let found = reader.next_line()?.map(|l| l.to_vec());
        let expected = header.join("\t");
        let fine = found
            .as_deref()
            .is_some_and(|l| l.starts_with(expected.as_bytes()));
        if !fine {
            return Err(Error::invalid(format!(
                "{} line 1: not an IMDb {} file (the header should start with {:?})",
                reader.name,
                header[0],
                expected.replace('\t', " ")
            )));
        }
        Ok(reader)
    }

    pub fn file_name(&self) -> &str {
        &self.name
    }

    pub fn bytes_read(&self) -> u64 {
        self.read.get()
    }

    pub fn bytes_total(&self) -> u64 {
        self.total
    }

    fn next_line(&mut self) -> Result<Option<&[u8]>> {
        self.line.clear();
        let n = self.lines.read_until(b'\n', &mut self.line).map_err(|e| {
            Error::invalid(format!(
                "{} line {}: unreadable ({e})",
                self.name,
                self.number + 1
            ))
        })?;
        if n == 0 {
            return Ok(None);
        }
        self.number += 1;
        while matches!(self.line.last(), Some(b'\n' | b'\r')) {
            self.line.pop();
        }
        Ok(Some(&self.line))
    }

    /// Moves to the next row, which has at least as many fields as the header; `false` at the
    /// end of the file.
    pub fn advance(&mut self) -> Result<bool> {
        if self.next_line()?.is_none() {
            return Ok(false);
        }
        // Field bounds in place, with no allocation and no UTF-8 check of fields the caller
        // skips: most rows of most files are dropped after a look at one or two fields.
        self.ends.clear();
        for (i, b) in self.line.iter().enumerate() {
            if *b == b'\t' {
                self.ends.push(i);
            }
        }
        self.ends.push(self.line.len());
        if self.ends.len() < self.columns {
            return Err(Error::invalid(format!(
                "{} line {}: {} fields where the header has {}",
                self.name,
                self.number,
                self.ends.len(),
                self.columns
            )));
        }
        Ok(true)
    }

    /// The bytes of field `i` of the current row (`i` below the header's column count).
    pub fn bytes(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] + 1 };
        &self.line[start..self.ends[i]]
    }

    /// Field `i` of the current row as text.
    pub fn field(&self, i: usize) -> Result<&str> {
        std::str::from_utf8(self.bytes(i)).map_err(|_| {
            Error::invalid(format!(
                "{} line {}: the text is not UTF-8",
                self.name, self.number
            ))
        })
    }

    /// An error naming the current line.
    pub fn bad(&self, column: &str, value: &str) -> Error {
        Error::invalid(format!(
            "{} line {}: {column} {value:?} is not valid",
            self.name, self.number
        ))
    }
}
