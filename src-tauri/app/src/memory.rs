//! Giving memory back once a burst of work is over.
//!
//! glibc's allocator keeps what Rust and SQLite free in its arenas, one per thread that
//! allocated, and returns it to the system only from the top of the main heap. A burst such
//! as opening a long review on a large library (ten thousand list rows, a check that finds
//! four thousand words to look at, their JSON) left 7–9 MiB of freed pages in the app's
//! process (measured with `malloc_trim` called from a debugger, bench's long library). So
//! the commands that do such work say so ([`worked`]), and a thread of its own calls
//! `malloc_trim` once the app has been quiet for a moment after them, so not in the middle
//! of a burst of commands.

use std::sync::{Condvar, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// How long the app must be quiet after a burst of work before its freed memory is returned:
/// long enough that the answer's JSON, made after a command returns, is freed too.
const QUIET: Duration = Duration::from_secs(1);

struct Upkeep {
    /// When work last ended, while freed memory may be waiting to be returned.
    last_work: Mutex<Option<Instant>>,
    wake: Condvar,
}

impl Upkeep {
    const fn new() -> Upkeep {
        Upkeep {
            last_work: Mutex::new(None),
            wake: Condvar::new(),
        }
    }
}

static UPKEEP: Upkeep = Upkeep::new();

/// Notes that a command did work that allocated (and freed) memory.
pub fn worked() {
    let upkeep = &UPKEEP;
    *upkeep
        .last_work
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(Instant::now());
    upkeep.wake.notify_one();
}

/// Starts the thread that returns freed memory after each burst of work (once per process).
pub fn start_returning_freed_memory() {
    static STARTED: OnceLock<()> = OnceLock::new();
    if STARTED.set(()).is_err() {
        return;
    }
    let spawned = std::thread::Builder::new()
        .name("memory-upkeep".into())
        .spawn(|| loop {
            wait_until_quiet_after_work(&UPKEEP);
            release_freed_heap();
        });
    if let Err(err) = spawned {
        tracing::warn!("cannot start returning freed memory: {err}");
    }
}

/// Sleeps until work has been noted, then until [`QUIET`] has passed with no more of it.
fn wait_until_quiet_after_work(upkeep: &Upkeep) {
    let mut last_work = upkeep
        .last_work
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    loop {
        match *last_work {
            None => {
                last_work = upkeep
                    .wake
                    .wait(last_work)
                    .unwrap_or_else(|poisoned| poisoned.into_inner());
            }
            Some(at) if at.elapsed() >= QUIET => {
                *last_work = None;
                return;
            }
            Some(at) => {
                let left = QUIET.saturating_sub(at.elapsed());
                last_work = upkeep
                    .wake
                    .wait_timeout(last_work, left)
                    .unwrap_or_else(|poisoned| poisoned.into_inner())
                    .0;
            }
        }
    }
}

/// Returns the allocator's free pages to the system (glibc only; elsewhere the allocator
/// does its own).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
fn release_freed_heap() {
    // SAFETY: malloc_trim takes no pointer and only walks glibc's own free lists, under the
    // arenas' locks, so it is sound to call from any thread at any time.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn release_freed_heap() {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_upkeep_waits_for_work_then_for_quiet() {
        let upkeep = Upkeep::new();
        *upkeep.last_work.lock().unwrap() = Some(Instant::now());
        let began = Instant::now();
        wait_until_quiet_after_work(&upkeep);
        assert!(began.elapsed() >= QUIET - Duration::from_millis(5));
        // Done with that burst: the next wait is for new work.
        assert!(upkeep.last_work.lock().unwrap().is_none());
    }
}
