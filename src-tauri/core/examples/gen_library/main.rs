//! Generates a large library for the app benchmark (`make bench-app`, scripts/bench-app.mjs):
//! by default 10,000 reviews, 5,000 logged films and 20,000 viewings, written through the
//! store's own API. Deterministic (a fixed seed), so every run measures the same library.
//!
//!   cargo run --release -p filmdesk-core --example gen_library -- --db PATH
//!       [--reviews N] [--films N] [--viewings N] [--long-words N] [--empty]
//!   ... --db PATH --reopen REVIEW_ID [--focus SECTION_ID]   (what the app reopens at start)
//!
//! Reviews are about 650 words in four body sections of critic's prose (with names such as
//! "Yasujirō Ozu" and "Çiçek" for the accent-folding search). Two more reviews: a typical
//! one, edited last, which the app reopens at start, and the "long review", whose second body
//! section has `--long-words` words (20,000 by default). The ids the benchmark needs are
//! printed as JSON on stdout. Each write is the store's own transaction, run in bulk mode
//! (no fsync per commit, see `Store::bulk`).

use std::path::PathBuf;
use std::time::Instant;

use filmdesk_core::settings::UiState;
use filmdesk_core::Store;

mod library;

fn arg<T: std::str::FromStr>(args: &[String], name: &str, default: T) -> T {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(|v| {
            v.parse()
                .unwrap_or_else(|_| panic!("{name} needs a number"))
        })
        .unwrap_or(default)
}

fn main() -> filmdesk_core::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let db = args
        .iter()
        .position(|a| a == "--db")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from)
        .expect(USAGE);
    // `--reopen ID [--focus SECTION_ID]` on an existing library: the review the app reopens.
    if let Some(id) = args
        .iter()
        .position(|a| a == "--reopen")
        .and_then(|i| args.get(i + 1))
    {
        let focus = args
            .iter()
            .position(|a| a == "--focus")
            .and_then(|i| args.get(i + 1));
        let mut store = Store::open(&db)?;
        return store.save_ui_state(&UiState {
            open_review_id: Some(id.clone()),
            focused_section_id: focus.cloned(),
            preview_open: false,
        });
    }
    let sizes = library::Sizes::default();
    let reviews: usize = arg(&args, "--reviews", sizes.reviews);
    let films: usize = arg(&args, "--films", sizes.films);
    let viewings: usize = arg(&args, "--viewings", sizes.viewings);
    let long_words: usize = arg(&args, "--long-words", sizes.long_words);
    let empty = args.iter().any(|a| a == "--empty");
    if db.exists() {
        eprintln!("{} exists: generate into a new file", db.display());
        std::process::exit(2);
    }

    let started = Instant::now();
    let mut store = Store::open(&db)?;
    if empty {
        println!(
            "{}",
            serde_json::json!({ "typical_review": null, "long_review": null })
        );
        return Ok(());
    }
    let generated = library::generate(
        &mut store,
        &library::Sizes {
            reviews,
            films,
            viewings,
            long_words,
        },
    )?;
    let long = generated.long;
    eprintln!(
        "generated {} in {:.1} s: {reviews} reviews (+{}), {films} logged films, {} viewings",
        db.display(),
        started.elapsed().as_secs_f64(),
        1 + usize::from(long.is_some()),
        generated.viewings,
    );
    println!(
        "{}",
        serde_json::json!({
            "typical_review": generated.typical_review,
            "long_review": long.as_ref().map(|l| &l.0),
            "long_section": long.as_ref().map(|l| &l.1),
        })
    );
    Ok(())
}

const USAGE: &str = "usage: gen_library --db PATH [--reviews N] [--films N] [--viewings N] \
                     [--long-words N] [--empty] | gen_library --db PATH --reopen ID [--focus SECTION_ID]";
