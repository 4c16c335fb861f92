//! The bench library: reviews, films and viewings of critic's prose from a fixed seed, written
//! through the store's own API. Shared by the `gen_library` example (the app benchmark's
//! library) and the core's search benchmark (`benches/search.rs`), so both measure the same
//! library.

use chrono::{FixedOffset, NaiveDate, TimeZone};
use filmdesk_core::log::{FilmChoice, NewViewing, PlaceKind};
use filmdesk_core::model::{CastMember, FilmFacts, Review, Section, SectionRole, Status};
use filmdesk_core::rating::{Rating, RatingScale};
use filmdesk_core::settings::UiState;
use filmdesk_core::Store;

/// A small deterministic generator (PCG-style LCG, high bits): the same library every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const DIRECTORS: &[&str] = &[
    "Yasujirō Ozu",
    "Agnès Varda",
    "Nuri Bilge Ceylan",
    "Chantal Akerman",
    "Abbas Kiarostami",
    "Kelly Reichardt",
    "Hong Sang-soo",
    "Apichatpong Weerasethakul",
    "Céline Sciamma",
    "Andrei Tarkovsky",
    "Ayşe Yıldız",
    "Jon Ødegård",
    "Lucrecia Martel",
    "Béla Tarr",
    "Claire Denis",
    "Hirokazu Kore-eda",
    "Jia Zhangke",
    "Mati Diop",
    "Pedro Almodóvar",
    "Krzysztof Kieślowski",
    "Satyajit Ray",
    "Ousmane Sembène",
    "Alice Rohrwacher",
    "Wim Wenders",
];

const ACTORS: &[&str] = &[
    "Defne Kara",
    "Mei Takahashi",
    "Tomasz Lewandowski",
    "Isabelle Huppert",
    "Setsuko Hara",
    "Tony Leung",
    "Juliette Binoche",
    "Song Kang-ho",
    "Adèle Haenel",
    "Mads Mikkelsen",
    "Zhao Tao",
    "Gael García Bernal",
    "Sandra Hüller",
    "Chishū Ryū",
    "Lea Seydoux",
];

const TITLE_A: &[&str] = &[
    "The", "A", "Late", "Quiet", "Early", "Floating", "Autumn", "Winter", "Distant", "Silent",
    "Burning", "Small", "Last", "Northern", "Empty", "Golden", "Hidden", "Second",
];
const TITLE_B: &[&str] = &[
    "Garden",
    "Spring",
    "Harbour",
    "Weeds",
    "Afternoon",
    "Station",
    "Letters",
    "River",
    "House",
    "Summer",
    "Orchard",
    "Frontier",
    "Tide",
    "Lantern",
    "Season",
    "Mirror",
    "Journey",
    "Bridge",
    "Çiçek",
    "Shore",
    "Valley",
    "Window",
    "Return",
];

const GENRES: &[&str] = &[
    "Drama",
    "Comedy",
    "Documentary",
    "Romance",
    "Thriller",
    "Animation",
    "Western",
    "Horror",
];
const COUNTRIES: &[&str] = &[
    "Japan",
    "France",
    "Türkiye",
    "Iran",
    "USA",
    "South Korea",
    "Poland",
    "Italy",
    "Senegal",
];
const LANGUAGES: &[&str] = &[
    "Japanese", "French", "Turkish", "Persian", "English", "Korean", "Polish", "Italian",
];

const SUBJECTS: &[&str] = &[
    "the camera",
    "the film",
    "the director",
    "the lead",
    "the editing",
    "the score",
    "every frame",
    "the script",
    "the long take",
    "the final shot",
    "the cast",
    "the light",
    "the sound design",
    "the second act",
    "the opening sequence",
    "the cinematography",
];
const VERBS: &[&str] = &[
    "holds",
    "lingers on",
    "circles",
    "frames",
    "trusts",
    "withholds",
    "returns to",
    "observes",
    "dissolves into",
    "quietly undoes",
    "refuses",
    "celebrates",
    "mirrors",
    "stretches",
    "interrupts",
    "remembers",
];
const OBJECTS: &[&str] = &[
    "a kitchen table",
    "the empty station",
    "her face",
    "the passing trains",
    "a family dinner",
    "the silence between them",
    "an unmade bed",
    "the harbour at dusk",
    "the audience",
    "the weight of memory",
    "a single window",
    "the patient rhythm of the day",
    "the garden",
    "the rain on the roof",
    "a borrowed coat",
    "the landscape",
    "the city at night",
];
const CODAS: &[&str] = &[
    "with remarkable patience",
    "without a wasted gesture",
    "as if nothing were happening",
    "until the meaning arrives on its own",
    "in a way that recalls Ozu",
    "like a held breath",
    "and the effect is devastating",
    "which is both its strength and its limit",
    "in the manner of Varda's essays",
    "with a tenderness that never tips into sentiment",
    "so that the ending feels inevitable",
    "and it earns every minute",
];
const OPENERS: &[&str] = &[
    "",
    "",
    "",
    "At times ",
    "Again and again ",
    "From the first scene ",
    "By the end ",
    "In its best moments ",
    "Slowly ",
    "Curiously ",
];

/// A sentence of critic's prose, sometimes with emphasis or a name in it.
fn sentence(rng: &mut Rng, out: &mut String) {
    let opener = rng.pick(OPENERS);
    let subject = rng.pick(SUBJECTS);
    if opener.is_empty() {
        let mut chars = subject.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.push_str(chars.as_str());
        }
    } else {
        out.push_str(opener);
        out.push_str(subject);
    }
    out.push(' ');
    out.push_str(rng.pick(VERBS));
    out.push(' ');
    match rng.below(12) {
        0 => {
            out.push('*');
            out.push_str(rng.pick(OBJECTS));
            out.push('*');
        }
        1 => {
            out.push_str(rng.pick(OBJECTS));
            out.push_str(", a choice ");
            out.push_str(rng.pick(DIRECTORS));
            out.push_str(" would recognise,");
        }
        2 => {
            out.push_str(rng.pick(ACTORS));
            out.push_str("'s **quiet** performance");
        }
        _ => out.push_str(rng.pick(OBJECTS)),
    }
    out.push(' ');
    out.push_str(rng.pick(CODAS));
    out.push_str(". ");
}

/// Paragraphs of about `words` words.
fn prose(rng: &mut Rng, words: usize) -> String {
    let mut out = String::with_capacity(words * 7);
    let mut count = 0;
    while count < words {
        let sentences = 3 + rng.below(5);
        for _ in 0..sentences {
            let before = out.len();
            sentence(rng, &mut out);
            count += out[before..].split_whitespace().count();
        }
        out.pop();
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out
}

fn at(days_ago: i64, seconds: i64) -> filmdesk_core::model::Timestamp {
    // A fixed "now" so that the library is the same whenever it is generated.
    let base = 1_795_000_000_i64; // 2026-11-18
    FixedOffset::east_opt(0)
        .and_then(|tz| {
            tz.timestamp_opt(base - days_ago * 86_400 + seconds, 0)
                .single()
        })
        .expect("a valid timestamp")
}

fn film(rng: &mut Rng, n: usize) -> FilmFacts {
    let title = format!(
        "{} {} {}",
        TITLE_A[n % TITLE_A.len()],
        TITLE_B[(n / TITLE_A.len()) % TITLE_B.len()],
        // Unique titles: the log deduplicates films by title and year.
        n / (TITLE_A.len() * TITLE_B.len()) + 1
    );
    FilmFacts {
        title,
        original_title: String::new(),
        year: Some(1930 + (n % 95) as i32),
        runtime_minutes: Some(75 + rng.below(90) as u32),
        directors: vec![rng.pick(DIRECTORS).to_string()],
        cast: (0..3)
            .map(|i| CastMember {
                actor: rng.pick(ACTORS).to_string(),
                character: format!("Character {}", i + 1),
            })
            .collect(),
        genres: vec![rng.pick(GENRES).to_string()],
        countries: vec![rng.pick(COUNTRIES).to_string()],
        languages: vec![rng.pick(LANGUAGES).to_string()],
        where_to_watch: String::new(),
        imdb_id: String::new(),
    }
}

fn section(id: String, title: &str, role: SectionRole, body: String, spoiler: bool) -> Section {
    Section {
        id,
        title: title.into(),
        role,
        body,
        word_target: None,
        spoiler,
    }
}

fn review(rng: &mut Rng, n: usize, body_words: &[usize]) -> Review {
    let id = format!("0193a5f0-0000-7000-8000-{n:012}");
    let film = film(rng, n);
    let headline = format!("{} review: {}", film.title, rng.pick(CODAS));
    let mut sections = vec![
        section(
            format!("{id}-h"),
            "Headline",
            SectionRole::Headline,
            headline,
            false,
        ),
        section(
            format!("{id}-s"),
            "Standfirst",
            SectionRole::Standfirst,
            prose(rng, 35),
            false,
        ),
    ];
    for (i, words) in body_words.iter().enumerate() {
        let title = ["Synopsis", "Performances", "Craft", "Verdict", "The ending"][i % 5];
        sections.push(section(
            format!("{id}-{i}"),
            title,
            SectionRole::Body,
            prose(rng, *words),
            i == 2 && n.is_multiple_of(7),
        ));
    }
    let scale = RatingScale::ALL[n % RatingScale::ALL.len()];
    let step = if n.is_multiple_of(5) {
        None
    } else {
        Some(rng.below(usize::from(scale.max_step()) + 1) as u16)
    };
    let created = at(3650 - (n as i64 * 3650 / 10_000), 0);
    Review {
        id,
        film,
        sections,
        rating: Rating { scale, step },
        byline: "Zoë Ångström-Öz".into(),
        publication: ["The Allotment Review", "Sight Lines", "Frame Rate"][n % 3].into(),
        tags: vec![["festival", "retrospective", "new release", "streaming"][n % 4].into()],
        links: Vec::new(),
        embargo: None,
        status: [
            Status::Draft,
            Status::Ready,
            Status::Published,
            Status::Published,
        ][n % 4],
        created_at: created,
        updated_at: at(3650 - (n as i64 * 3650 / 10_000), 3600),
        published_at: None,
        lang: None,
    }
}

/// How big a library to generate.
pub struct Sizes {
    pub reviews: usize,
    pub films: usize,
    pub viewings: usize,
    /// Words in the long review's long section; 0 leaves the long review out.
    pub long_words: usize,
}

impl Default for Sizes {
    fn default() -> Self {
        Sizes {
            reviews: 10_000,
            films: 5_000,
            viewings: 20_000,
            long_words: 20_000,
        }
    }
}

/// What the benchmarks need to find in the generated library.
pub struct Generated {
    /// A typical review, edited last: the one the app reopens at start.
    pub typical_review: String,
    /// The long review and its long section.
    pub long: Option<(String, String)>,
    /// Viewings written (none without films).
    pub viewings: usize,
}

/// Writes the library into `store` (an empty one), in bulk mode (no fsync per commit).
pub fn generate(store: &mut Store, sizes: &Sizes) -> filmdesk_core::Result<Generated> {
    let Sizes {
        reviews,
        films,
        viewings,
        long_words,
    } = *sizes;
    let viewings = if films == 0 { 0 } else { viewings };
    let mut rng = Rng(0x5eed_f11d_e5c0_0001);
    store.bulk(|store| {
        for n in 0..reviews {
            let words = [
                150 + rng.below(60),
                150 + rng.below(60),
                120 + rng.below(60),
                80 + rng.below(40),
            ];
            store.insert_review(&review(&mut rng, n, &words))?;
        }
        // The review the app reopens at start: a typical one, edited last.
        let mut r = review(&mut rng, reviews, &[180, 180, 150, 100]);
        r.updated_at = at(0, 0);
        store.insert_review(&r)?;
        let typical = r.id;
        // The long review: one section of `long_words` words, for typing and memory.
        let mut long = None;
        if long_words > 0 {
            let mut r = review(&mut rng, reviews + 1, &[200, long_words, 200]);
            r.film.title = "The Long Take".into();
            r.updated_at = at(1, 0);
            store.insert_review(&r)?;
            long = Some((r.id.clone(), r.sections[3].id.clone()));
        }
        let mut film_ids = Vec::with_capacity(films);
        for n in 0..films {
            // Half of the logged films are films the critic also reviewed.
            let facts = film(
                &mut rng,
                if n.is_multiple_of(2) {
                    n
                } else {
                    reviews + 2 + n
                },
            );
            film_ids.push(store.find_or_create_film(&facts)?);
        }
        for n in 0..viewings {
            let day = NaiveDate::from_ymd_opt(2016, 1, 1).expect("a date")
                + chrono::Days::new((n * 3650 / viewings) as u64);
            store.log_viewing(&NewViewing {
                film: FilmChoice::Existing {
                    id: film_ids[n % films].clone(),
                },
                watched_on: day,
                rating: Rating {
                    scale: RatingScale::FiveStars,
                    step: Some(rng.below(11) as u16),
                },
                rewatch: n >= films,
                liked: n.is_multiple_of(3),
                place_kind: Some([PlaceKind::Cinema, PlaceKind::Festival, PlaceKind::Home][n % 3]),
                place: ["Curzon Soho", "Berlinale", "Home", "BFI Southbank"][n % 4].into(),
                with_whom: String::new(),
                notes: if n.is_multiple_of(4) {
                    let mut notes = String::new();
                    sentence(&mut rng, &mut notes);
                    notes.trim_end().to_string()
                } else {
                    String::new()
                },
                tags: Vec::new(),
                review_id: None,
            })?;
        }
        store.save_ui_state(&UiState {
            open_review_id: Some(typical.clone()),
            focused_section_id: None,
            preview_open: false,
        })?;
        Ok(Generated {
            typical_review: typical,
            long,
            viewings,
        })
    })
}
