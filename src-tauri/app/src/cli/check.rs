//! `filmdesk check`: the editorial checks of one review or all, for scripts and CI.

use std::io::Write;

use filmdesk_core::checks::{line_col, CheckOptions, Checker, Finding, Severity};
use filmdesk_core::{Error, Review, Status};

use super::DbArg;

/// `filmdesk check [--db PATH] (--id ID | --all) [--lang LANG] [--for-publication] [--json]`.
#[derive(clap::Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// The review to check
    #[arg(long, value_name = "ID", conflicts_with = "all")]
    pub id: Option<String>,
    /// Check every review in the library
    #[arg(long)]
    pub all: bool,
    /// Hunspell dictionary (en_US, en_GB, ...); default: each review's own, else the settings'
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
    /// Check readiness for publication even for a draft
    #[arg(long)]
    pub for_publication: bool,
    /// Print JSON instead of tab-separated lines
    #[arg(long)]
    pub json: bool,
}

/// Prints the findings; `Ok(true)` when any is an error.
pub fn check(args: &CheckArgs) -> Result<bool, Error> {
    let store = args.db.open()?;
    let reviews: Vec<Review> = match (&args.id, args.all) {
        (Some(id), _) => vec![store.get_review(id)?],
        (None, true) => store
            .list_reviews()?
            .iter()
            .map(|r| store.get_review(&r.id))
            .collect::<Result<_, _>>()?,
        (None, false) => return Err(Error::invalid("say which review: --id ID, or --all")),
    };
    let personal_words = store.dictionary_words()?;
    let default_lang = store.settings()?.spelling_lang;
    let mut checker = Checker::new();
    let mut out = std::io::stdout().lock();
    let mut any_error = false;
    let mut all = Vec::new();
    for review in &reviews {
        let options = CheckOptions {
            lang: args
                .lang
                .clone()
                .or_else(|| review.lang.clone())
                .unwrap_or_else(|| default_lang.clone()),
            // A review marked ready or published is about to be, or already is, in print.
            for_publication: args.for_publication || review.status != Status::Draft,
            personal_words: personal_words.clone(),
            ..CheckOptions::default()
        };
        let findings = checker.check(review, &options);
        any_error |= findings.iter().any(|f| f.severity == Severity::Error);
        if args.json {
            all.push(serde_json::json!({ "review_id": review.id, "findings": findings }));
        } else {
            print_review(&mut out, review, &findings)
                .map_err(|e| Error::io("writing to standard output", e))?;
        }
    }
    if args.json {
        serde_json::to_writer_pretty(&mut out, &all).map_err(|e| Error::Internal(e.to_string()))?;
        writeln!(out).map_err(|e| Error::io("writing to standard output", e))?;
    }
    Ok(any_error)
}

/// One header line per review, then one line per finding:
/// `  SECTION LINE:COL  SEVERITY KIND  MESSAGE  → SUGGESTION`.
fn print_review(
    out: &mut impl Write,
    review: &Review,
    findings: &[Finding],
) -> std::io::Result<()> {
    let film = match review.film.year {
        Some(year) => format!("{} ({year})", review.film.title),
        None => review.film.title.clone(),
    };
    writeln!(out, "{}\t{film}", review.id)?;
    for f in findings {
        let section = f
            .section_id
            .as_ref()
            .and_then(|id| review.sections.iter().find(|s| &s.id == id));
        let place = match section {
            Some(s) if f.has_range() => {
                let (line, col) = line_col(&s.body, f.byte_start as usize);
                format!("{} {line}:{col}", label(&s.title))
            }
            Some(s) => label(&s.title),
            None => "(review)".to_string(),
        };
        write!(
            out,
            "  {place}\t{}\t{}\t{}",
            f.severity.as_str(),
            f.kind.as_str(),
            f.message
        )?;
        if !f.suggestions.is_empty() {
            write!(out, "\t→ {}", f.suggestions.join(", "))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn label(title: &str) -> String {
    if title.trim().is_empty() {
        "(untitled)".to_string()
    } else {
        title.trim().to_string()
    }
}
