//! Reviews that exercise every part of the export, shared by the golden tests, the external
//! validators (tests/export/) and the benchmark. Fixed ids and dates, so output is stable.

use crate::model::{CastMember, FilmFacts, RelatedLink, Review, Section, SectionRole, Status};
use crate::rating::{Rating, RatingScale};

fn at(s: &str) -> crate::model::Timestamp {
    chrono::DateTime::parse_from_rfc3339(s).unwrap_or_default()
}

fn section(id: &str, title: &str, role: SectionRole, body: &str, spoiler: bool) -> Section {
    Section {
        id: id.into(),
        title: title.into(),
        role,
        body: body.into(),
        word_target: Some(200),
        spoiler,
    }
}

/// The step that shows the scale off: 3½ stars, 3 of 4, 7/10, 85/100, B+.
pub fn sample_step(scale: RatingScale) -> u16 {
    match scale {
        RatingScale::FiveStars => 7,
        RatingScale::FourStars => 6,
        RatingScale::TenPoints => 7,
        RatingScale::HundredPoints => 85,
        RatingScale::Letter => 9,
    }
}

/// A review with every field filled: Unicode names, a spoiler section, related links,
/// Markdown with emphasis, links, a list, a quotation and inline code; rated on `scale`.
pub fn full_review(scale: RatingScale) -> Review {
    Review {
        id: "0193a5f0-7c1e-7d2a-9b1c-5e8f00c0ffee".into(),
        film: FilmFacts {
            title: "Çiçek's Garden".into(),
            original_title: "Çiçeğin Bahçesi".into(),
            year: Some(2024),
            runtime_minutes: Some(97),
            directors: vec!["Ayşe Yıldız".into(), "Jon Ødegård".into()],
            cast: vec![
                CastMember {
                    actor: "Defne Kara".into(),
                    character: "Çiçek".into(),
                },
                CastMember {
                    actor: "Tomasz Lewandowski".into(),
                    character: "The Gardener \"Bahçıvan\"".into(),
                },
                CastMember {
                    actor: "Mei Takahashi".into(),
                    character: "Hanako (高橋)".into(),
                },
            ],
            genres: vec!["Drama".into(), "Comedy".into()],
            countries: vec!["Türkiye".into(), "Poland".into()],
            languages: vec!["Turkish".into(), "Polish".into()],
            where_to_watch: "In cinemas; streaming on MUBI from 1 March".into(),
            imdb_id: "tt1234567".into(),
        },
        sections: vec![
            section(
                "s-headline",
                "Headline",
                SectionRole::Headline,
                "*Çiçek's Garden* (2024) review: a garden grows, slowly & surely",
                false,
            ),
            section(
                "s-standfirst",
                "Standfirst",
                SectionRole::Standfirst,
                "In *Çiçek's Garden*, a widowed botanist, Çiçek, tends her late husband's \
                 allotment with a gardener who won't stop talking. In cinemas now.",
                false,
            ),
            section(
                "s-synopsis",
                "Synopsis",
                SectionRole::Body,
                "Çiçek (Defne Kara) inherits an allotment in Gdańsk and a gardener, the \
                 \"Bahçıvan\", who came with it.\n\nThe film moves between **two summers**: \
                 1999 and 2023. It asks a question worth asking:\n\n> What do we owe the \
                 things the dead planted?\n\nSee also [the director's notes](https://example.com/notes?a=1&b=2).",
                false,
            ),
            section(
                "s-performances",
                "Performances",
                SectionRole::Body,
                "Defne Kara plays Çiçek with *precise* restraint. Three scenes stand out:\n\n\
                 - the first watering,\n- the argument over `tomatoes`,\n- the last frost.\n\n\
                 Mei Takahashi, as Hanako, steals every scene she is in.",
                false,
            ),
            section(
                "s-ending",
                "The ending",
                SectionRole::Body,
                "In the last scene Çiçek gives the allotment away — to the gardener, who \
                 turns out to be her husband's brother.",
                true,
            ),
            section(
                "s-verdict",
                "Verdict",
                SectionRole::Body,
                "A small, patient film that rewards a big screen. Go.",
                false,
            ),
        ],
        rating: Rating {
            scale,
            step: Some(sample_step(scale)),
        },
        byline: "Zoë Ångström-Öz".into(),
        publication: "The Allotment Review".into(),
        tags: vec!["drama".into(), "Berlinale 2024".into(), "Türkiye".into()],
        links: vec![
            RelatedLink {
                title: "Interview: Ayşe Yıldız on gardens".into(),
                url: "https://example.com/interviews/ayse-yildiz".into(),
            },
            RelatedLink {
                title: "Our 2024 festival coverage".into(),
                url: "/festivals/2024/".into(),
            },
        ],
        embargo: Some(at("2024-02-14T18:00:00+01:00")),
        status: Status::Published,
        created_at: at("2024-02-10T09:30:00+01:00"),
        updated_at: at("2024-02-15T11:05:00+01:00"),
        published_at: Some(at("2024-02-14T18:00:00+01:00")),
        lang: None,
    }
}

/// Words for generated bodies (the benchmark's library).
const WORDS: [&str; 32] = [
    "the", "film", "camera", "holds", "on", "her", "face", "while", "light", "moves", "across",
    "an", "empty", "room", "and", "nothing", "is", "said", "for", "a", "long", "time", "which",
    "director", "trusts", "audience", "to", "feel", "rather", "than", "explain", "quietly",
];

/// A generated review of about `words` words in five body sections, with some Markdown
/// (emphasis, a link, a list), numbered `n`. Deterministic.
pub fn generated_review(n: usize, words: usize) -> Review {
    let mut review = full_review(crate::rating::RatingScale::ALL[n % 5]);
    review.id = format!("0193a5f0-0000-7000-8000-{n:012}");
    review.film.title = format!("Generated Film {n}");
    let per_section = words / 5;
    let mut seed = n as u64 * 6364136223846793005 + 1442695040888963407;
    let mut next = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    let mut body_sections = Vec::new();
    for s in 0..5 {
        let mut body = String::with_capacity(per_section * 7);
        let mut in_paragraph = 0;
        for w in 0..per_section {
            let word = WORDS[next() % WORDS.len()];
            if in_paragraph == 0 && w > 0 {
                body.push_str("\n\n");
            } else if w > 0 {
                body.push(' ');
            }
            match next() % 40 {
                0 => {
                    body.push('*');
                    body.push_str(word);
                    body.push('*');
                }
                1 => {
                    body.push_str("**");
                    body.push_str(word);
                    body.push_str("**");
                }
                2 => {
                    body.push('[');
                    body.push_str(word);
                    body.push_str("](https://example.com/");
                    body.push_str(word);
                    body.push(')');
                }
                _ => body.push_str(word),
            }
            in_paragraph = (in_paragraph + 1) % 60;
            if in_paragraph == 0 {
                body.push('.');
            }
        }
        body.push('.');
        if s == 2 {
            body.push_str("\n\n- one point\n- another point\n");
        }
        body_sections.push(section(
            &format!("gen-{n}-{s}"),
            &format!("Part {}", s + 1),
            SectionRole::Body,
            &body,
            s == 3,
        ));
    }
    review.sections.truncate(2);
    review.sections[0].id = format!("gen-{n}-h");
    review.sections[1].id = format!("gen-{n}-s");
    review.sections[0].body = format!("Generated Film {n} review: a test of patience");
    review.sections.extend(body_sections);
    review
}
