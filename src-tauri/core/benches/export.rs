//! Export benchmark (not a timed test): a generated library of 10,000 reviews of about 1,200
//! words each, exported to HTML pages and to Markdown (Hugo), against the floor of plain
//! pulldown-cmark rendering of the same bodies; then a batch export to disk. Prints wall and
//! CPU time (the machine may be shared), reviews per second and peak memory. Reviews are generated and rendered one at a time, so memory
//! must stay flat whatever the library's size.
//!
//!   cargo bench -p filmdesk-core --bench export
//!   FILMDESK_BENCH_REVIEWS=2000 cargo bench -p filmdesk-core --bench export

use std::hint::black_box;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use filmdesk_core::export::samples::generated_review;
use filmdesk_core::export::{export_batch, render, ExportFormat, ExportOptions, Preset};
use filmdesk_core::model::SectionRole;

const WORDS: usize = 1200;

/// A field of /proc/self/status in MiB (VmHWM is the peak resident set so far).
fn status_mib(field: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// CPU time this thread has spent running, from /proc/thread-self/schedstat (nanoseconds
/// on the CPU), so figures can be compared on a machine other work is loading.
fn cpu_time() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .map_or(Duration::ZERO, Duration::from_nanos)
}

struct Run {
    name: &'static str,
    time: Duration,
    cpu: Duration,
    bytes: usize,
    rss_at_tenth: f64,
}

/// Generates `n` reviews one at a time and times only `work` on each.
fn run(name: &'static str, n: usize, mut work: impl FnMut(&filmdesk_core::Review) -> usize) -> Run {
    let mut time = Duration::ZERO;
    let mut cpu = Duration::ZERO;
    let mut bytes = 0;
    let mut rss_at_tenth = 0.0;
    for i in 0..n {
        let review = generated_review(i, WORDS);
        let (start, start_cpu) = (Instant::now(), cpu_time());
        bytes += black_box(work(&review));
        time += start.elapsed();
        cpu += cpu_time().saturating_sub(start_cpu);
        if i == n / 10 {
            rss_at_tenth = status_mib("VmRSS:");
        }
    }
    Run {
        name,
        time,
        cpu,
        bytes,
        rss_at_tenth,
    }
}

fn report(n: usize, r: &Run, floor: Option<&Run>) {
    let secs = r.time.as_secs_f64();
    let ratio = floor.map_or(String::new(), |f| {
        format!(
            ", {:.2}x the floor ({:.2}x in CPU time)",
            secs / f.time.as_secs_f64(),
            r.cpu.as_secs_f64() / f.cpu.as_secs_f64()
        )
    });
    println!(
        "{:<34} {:>7.3} s  CPU {:>6.3} s  {:>9.0} reviews/s  {:>7.1} MiB out  RSS {:.1} MiB at 10%, {:.1} MiB now, peak {:.1} MiB{}",
        r.name,
        secs,
        r.cpu.as_secs_f64(),
        n as f64 / secs,
        r.bytes as f64 / 1048576.0,
        r.rss_at_tenth,
        status_mib("VmRSS:"),
        status_mib("VmHWM:"),
        ratio
    );
}

fn main() {
    // `cargo bench` passes `--bench`; any other argument is a filter we do not use.
    let n: usize = std::env::var("FILMDESK_BENCH_REVIEWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let sample = generated_review(0, WORDS);
    println!(
        "export benchmark: {n} reviews of {} words ({} body sections each, one a spoiler)",
        sample.word_count(),
        sample
            .sections
            .iter()
            .filter(|s| s.role == SectionRole::Body)
            .count()
    );

    let mut html_buf = String::new();
    let floor = run("floor: pulldown-cmark push_html", n, |r| {
        html_buf.clear();
        for s in &r.sections {
            let parser = pulldown_cmark::Parser::new_ext(
                &s.body,
                pulldown_cmark::Options::ENABLE_TABLES
                    | pulldown_cmark::Options::ENABLE_STRIKETHROUGH,
            );
            pulldown_cmark::html::push_html(&mut html_buf, parser);
        }
        html_buf.len()
    });
    report(n, &floor, None);

    let page = ExportOptions::new(ExportFormat::Html, Preset::None);
    let html = run("HTML page (JSON-LD, CSS, OG)", n, |r| {
        render(r, &page).map_or(0, |s| s.len())
    });
    report(n, &html, Some(&floor));

    let fragment = ExportOptions::new(ExportFormat::HtmlFragment, Preset::None);
    let frag = run("HTML fragment", n, |r| {
        render(r, &fragment).map_or(0, |s| s.len())
    });
    report(n, &frag, Some(&floor));

    let hugo = ExportOptions::new(ExportFormat::Markdown, Preset::Hugo);
    let md = run("Markdown (Hugo front matter)", n, |r| {
        render(r, &hugo).map_or(0, |s| s.len())
    });
    report(n, &md, Some(&floor));

    // The whole pipeline to disk: generate, render, write atomically (temp file, rename) and
    // flush once at the end, as `filmdesk export --all` does.
    for (name, options) in [
        ("batch to disk: HTML pages", page),
        ("batch to disk: Markdown (Hugo)", hugo),
    ] {
        let dir = tempfile::tempdir().expect("temp dir");
        let cancel = AtomicBool::new(false);
        let (start, start_cpu) = (Instant::now(), cpu_time());
        let done = export_batch(
            (0..n).map(|i| Ok(generated_review(i, WORDS))),
            n,
            &options,
            dir.path(),
            false,
            &cancel,
            |_| {},
        )
        .expect("batch");
        let secs = start.elapsed().as_secs_f64();
        let cpu = cpu_time().saturating_sub(start_cpu).as_secs_f64();
        println!(
            "{:<34} {:>7.3} s  CPU {:>6.3} s  {:>9.0} reviews/s  (generation included)  {} files  peak RSS {:.1} MiB",
            name,
            secs,
            cpu,
            n as f64 / secs,
            done.written,
            status_mib("VmHWM:")
        );
    }
}
