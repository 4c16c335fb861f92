//! How long the editorial checks take on a 10,000-word review: a first check, a check with
//! nothing changed, and the re-check after one keystroke (target: under 5 ms).
//!
//! `cargo bench -p filmdesk-core --bench checks` (add `-- --quick` for fewer rounds).

use std::time::{Duration, Instant};

use filmdesk_core::checks::{CheckOptions, Checker};
use filmdesk_core::rating::RatingScale;
use filmdesk_core::sample::sample_review;
use filmdesk_core::words::count_words;

/// A review of about `words` words: the sample review's prose, repeated in ten body sections
/// of paragraphs, with a few misspellings so the spelling path is exercised too.
fn long_review(words: usize) -> filmdesk_core::Review {
    let mut review = sample_review(RatingScale::FiveStars);
    let prose: Vec<String> = review
        .sections
        .iter()
        .skip(2)
        .flat_map(|s| s.body.split("\n\n").map(str::to_string).collect::<Vec<_>>())
        .collect();
    let template = review.sections[2].clone();
    let per_section = words / 10;
    review.sections.truncate(2);
    for n in 0..10 {
        let mut paragraphs = Vec::new();
        let mut count = 0;
        let mut i = n;
        while count < per_section {
            // A number makes every paragraph distinct, as a real review's are.
            let paragraph = format!(
                "{} Note {n}.{i}: a recieve of Defoe.",
                prose[i % prose.len()]
            );
            count += count_words(&paragraph);
            paragraphs.push(paragraph);
            i += 1;
        }
        let mut section = template.clone();
        section.id = format!("bench-{n}");
        section.body = paragraphs.join("\n\n");
        review.sections.push(section);
    }
    review
}

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let rounds = if quick { 20 } else { 200 };
    let options = CheckOptions::default();
    let mut review = long_review(10_000);
    let words = review.word_count();

    let started = Instant::now();
    let available = Checker::dictionary_available(&options.lang);
    let load = started.elapsed();
    if !available {
        println!(
            "no {} dictionary: spelling is not part of these figures",
            options.lang
        );
    }

    let mut checker = Checker::new();
    let started = Instant::now();
    let findings = checker.check(&review, &options);
    let first = started.elapsed();

    let started = Instant::now();
    for _ in 0..rounds {
        std::hint::black_box(checker.check(&review, &options));
    }
    let unchanged = started.elapsed() / rounds;

    // One keystroke at a time in the middle of section 5, as the critic types a word.
    let mut worst = Duration::ZERO;
    let mut total = Duration::ZERO;
    for k in 0..rounds {
        let body = &mut review.sections[7].body;
        let at = body.len() / 2;
        let at = (at..body.len())
            .find(|&i| body.is_char_boundary(i))
            .unwrap_or(0);
        body.insert(at, if k % 5 == 4 { ' ' } else { 'x' });
        let started = Instant::now();
        std::hint::black_box(checker.check(&review, &options));
        let took = started.elapsed();
        total += took;
        worst = worst.max(took);
    }
    let keystroke = total / rounds;

    println!(
        "editorial checks on a review of {words} words ({} sections, {} findings)",
        review.sections.len(),
        findings.len()
    );
    println!(
        "  dictionary load ({}): {:8.2} ms (once per process)",
        options.lang,
        millis(load)
    );
    println!("  first check:             {:8.2} ms", millis(first));
    println!("  re-check, no change:     {:8.3} ms", millis(unchanged));
    println!("  re-check after a keystroke: {:8.3} ms mean, {:.3} ms worst over {rounds} (target < 5 ms)", millis(keystroke), millis(worst));
}
