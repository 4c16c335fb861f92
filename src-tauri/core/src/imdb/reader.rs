//! A TSV file of the IMDb dataset as a stream of rows, gzip or not, with a count of the bytes
//! read from disk for progress.
//!
//! Reading and inflating run on a thread of their own, which hands the parser chunks of whole
//! lines through a bounded channel: on two cores the inflating overlaps the parsing and the
//! SQLite inserts instead of adding to them. Memory stays flat: at most [`IN_FLIGHT`] chunks
//! of about [`CHUNK`] bytes exist, and their buffers go back to the thread to be refilled.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::Arc;
use std::thread::JoinHandle;

use flate2::bufread::MultiGzDecoder;

use crate::error::{Error, Result};

/// Bytes of whole lines per chunk handed to the parser.
const CHUNK: usize = 1 << 20;
/// Chunks filled ahead of the parser (the channel's bound).
const IN_FLIGHT: usize = 3;

/// Counts bytes as they come off the disk (before decompression).
struct Counting<R> {
    inner: R,
    read: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// A buffer and the length of the lines in it, or a read error.
type ChunkResult = std::io::Result<(Vec<u8>, usize)>;

pub struct TsvReader {
    chunks: Option<Receiver<ChunkResult>>,
    /// Buffers the parser is done with, back to the reading thread.
    spare: SyncSender<Vec<u8>>,
    worker: Option<JoinHandle<()>>,
    name: String,
    read: Arc<AtomicU64>,
    total: u64,
    /// The chunk being parsed, where its next line starts, and the current line's bounds.
    chunk: Vec<u8>,
    len: usize,
    next: usize,
    line: (usize, usize),
    /// Where each field of the current line ends (a tab or the end), relative to its start.
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
        let read = Arc::new(AtomicU64::new(0));
        let counting = BufReader::with_capacity(
            1 << 16,
            Counting {
                inner: file,
                read: read.clone(),
            },
        );
        let source: Box<dyn Read + Send> = if name.ends_with(".gz") {
            Box::new(MultiGzDecoder::new(counting))
        } else {
            Box::new(counting)
        };
        let (chunk_tx, chunks) = sync_channel(IN_FLIGHT);
        let (spare, spare_rx) = sync_channel(IN_FLIGHT + 2);
        let worker = std::thread::Builder::new()
            .name("imdb-reader".into())
            .spawn(move || pump(source, &chunk_tx, &spare_rx))
            .map_err(|e| Error::io("starting the IMDb reader thread".to_string(), e))?;
        let mut reader = TsvReader {
            chunks: Some(chunks),
            spare,
            worker: Some(worker),
            name,
            read,
            total,
            chunk: Vec::new(),
            len: 0,
            next: 0,
            line: (0, 0),
            ends: Vec::with_capacity(16),
            number: 0,
            columns: header.len(),
        };
        let found = reader.next_line()?.then(|| reader.line_bytes().to_vec());
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
        self.read.load(Ordering::Relaxed)
    }

    pub fn bytes_total(&self) -> u64 {
        self.total
    }

    fn line_bytes(&self) -> &[u8] {
        &self.chunk[self.line.0..self.line.1]
    }

    /// Moves to the next line (without its line end); `false` at the end of the file.
    fn next_line(&mut self) -> Result<bool> {
        while self.next >= self.len {
            let Some(chunks) = &self.chunks else {
                return Ok(false);
            };
            match chunks.recv() {
                Ok(Ok((chunk, len))) => {
                    let done = std::mem::replace(&mut self.chunk, chunk);
                    self.len = len;
                    // The thread may have gone (an error); then the buffer is simply freed.
                    let _ = self.spare.try_send(done);
                    self.next = 0;
                }
                Ok(Err(e)) => {
                    return Err(Error::invalid(format!(
                        "{} line {}: unreadable ({e})",
                        self.name,
                        self.number + 1
                    )))
                }
                Err(_) => {
                    // The end: the thread has sent everything and gone.
                    self.chunks = None;
                    return Ok(false);
                }
            }
        }
        let start = self.next;
        let end =
            memchr::memchr(b'\n', &self.chunk[start..self.len]).map_or(self.len, |i| start + i);
        self.next = end + 1;
        let mut stop = end;
        while stop > start && self.chunk[stop - 1] == b'\r' {
            stop -= 1;
        }
        self.line = (start, stop);
        self.number += 1;
        Ok(true)
    }

    /// Moves to the next row, which has at least as many fields as the header; `false` at the
    /// end of the file.
    pub fn advance(&mut self) -> Result<bool> {
        if !self.next_line()? {
            return Ok(false);
        }
        // Field bounds in place, with no allocation and no UTF-8 check of fields the caller
        // skips: most rows of most files are dropped after a look at one or two fields.
        self.ends.clear();
        let (start, stop) = self.line;
        self.ends
            .extend(memchr::memchr_iter(b'\t', &self.chunk[start..stop]));
        self.ends.push(stop - start);
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
        &self.line_bytes()[start..self.ends[i]]
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

impl Drop for TsvReader {
    fn drop(&mut self) {
        // Closing the channel first makes a thread blocked on a full channel give up, so the
        // join below returns at once (a cancelled import does not read on to the end).
        self.chunks = None;
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}

/// The reading thread: fills chunks that end at a line end (the last may not) and sends them
/// until the end of `source`, an error, or the parser hanging up. A chunk is sent with the
/// length of its data: its buffer keeps its full size, so it is never zeroed again.
fn pump(
    mut source: Box<dyn Read + Send>,
    chunks: &SyncSender<ChunkResult>,
    spare: &Receiver<Vec<u8>>,
) {
    // The bytes after the last line end of the previous chunk: the start of its next line.
    let mut carry: Vec<u8> = Vec::new();
    loop {
        let mut buf = spare.try_recv().unwrap_or_default();
        if buf.len() < (carry.len() + 4096).max(CHUNK) {
            buf.resize((carry.len() * 2 + 4096).max(CHUNK), 0);
        }
        let mut filled = carry.len();
        buf[..filled].copy_from_slice(&carry);
        carry.clear();
        let mut eof = false;
        loop {
            if filled == buf.len() {
                if memchr::memchr(b'\n', &buf).is_some() {
                    break;
                }
                // A line longer than a chunk: the chunk grows.
                buf.resize(buf.len() * 2, 0);
            }
            match source.read(&mut buf[filled..]) {
                Ok(0) => {
                    eof = true;
                    break;
                }
                Ok(n) => filled += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => {
                    let _ = chunks.send(Err(e));
                    return;
                }
            }
        }
        let len = if eof {
            filled
        } else {
            // Keep the partial last line for the next chunk.
            let end = memchr::memrchr(b'\n', &buf[..filled]).map_or(0, |i| i + 1);
            carry.extend_from_slice(&buf[end..filled]);
            end
        };
        if len > 0 && chunks.send(Ok((buf, len))).is_err() {
            return;
        }
        if eof {
            return;
        }
    }
}
