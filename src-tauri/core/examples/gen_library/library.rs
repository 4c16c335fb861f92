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
// The prose's vocabulary, most frequent first: a word's rank sets its frequency (Zipf's law,
// frequency ∝ 1/rank), so "the" is everywhere, "camera" in about a section in four and
// "harbour" in a few in a hundred, as in real reviews. Function words, then critics' words,
// then the long tail: the same words inflected and made-up rare words (see `Vocabulary`).
const FUNCTION_WORDS: &[&str] = &[
    "the", "of", "and", "a", "to", "in", "is", "it", "that", "its", "with", "as", "for", "his",
    "her", "but", "on", "this", "at", "by", "from", "an", "not", "be", "are", "who", "what", "one",
    "has", "more", "so", "all", "they", "than", "their", "into", "when", "which", "there", "or",
    "was", "about", "even", "only", "out", "we", "like", "she", "he", "no", "never", "can", "how",
    "each", "been", "two", "while", "much", "most", "through", "where", "every", "until", "over",
    "some", "after", "would", "any", "very", "still", "own", "just", "those", "first", "these",
    "here", "them", "then", "other", "because", "us", "before", "between", "nothing", "without",
    "almost", "could", "rather", "itself", "yet", "too", "now", "again", "always",
];

const CRITIC_WORDS: &[&str] = &[
    "film",
    "scene",
    "time",
    "story",
    "life",
    "director",
    "shot",
    "world",
    "character",
    "way",
    "moment",
    "camera",
    "performance",
    "frame",
    "light",
    "love",
    "family",
    "cinema",
    "end",
    "face",
    "long",
    "years",
    "day",
    "night",
    "house",
    "feels",
    "work",
    "screen",
    "little",
    "takes",
    "back",
    "sense",
    "make",
    "quiet",
    "image",
    "sound",
    "mother",
    "city",
    "audience",
    "images",
    "father",
    "early",
    "final",
    "small",
    "old",
    "music",
    "feature",
    "room",
    "made",
    "rhythm",
    "women",
    "young",
    "late",
    "watching",
    "place",
    "memory",
    "eyes",
    "drama",
    "form",
    "score",
    "edit",
    "actors",
    "script",
    "second",
    "across",
    "single",
    "table",
    "home",
    "patient",
    "silence",
    "landscape",
    "window",
    "hands",
    "voice",
    "tone",
    "dialogue",
    "gesture",
    "distance",
    "cut",
    "close",
    "sequence",
    "narrative",
    "shots",
    "road",
    "morning",
    "stillness",
    "comedy",
    "brother",
    "sister",
    "picture",
    "colour",
    "dark",
    "body",
    "water",
    "train",
    "station",
    "ending",
    "opening",
    "cast",
    "lead",
    "style",
    "mood",
    "grief",
    "humour",
    "tender",
    "cold",
    "warm",
    "slow",
    "strange",
    "beautiful",
    "simple",
    "careful",
    "restraint",
    "empty",
    "distant",
    "kitchen",
    "garden",
    "street",
    "village",
    "country",
    "war",
    "child",
    "children",
    "death",
    "dream",
    "rain",
    "winter",
    "summer",
    "autumn",
    "spring",
    "sea",
    "river",
    "mountain",
    "forest",
    "field",
    "wind",
    "snow",
    "fire",
    "shadow",
    "darkness",
    "glance",
    "smile",
    "tears",
    "letter",
    "journey",
    "return",
    "departure",
    "arrival",
    "loss",
    "desire",
    "fear",
    "anger",
    "longing",
    "regret",
    "hope",
    "faith",
    "doubt",
    "truth",
    "lie",
    "secret",
    "question",
    "answer",
    "history",
    "politics",
    "class",
    "money",
    "labour",
    "power",
    "freedom",
    "exile",
    "border",
    "language",
    "portrait",
    "essay",
    "documentary",
    "fiction",
    "genre",
    "melodrama",
    "thriller",
    "western",
    "noir",
    "romance",
    "satire",
    "fable",
    "parable",
    "epic",
    "tragedy",
    "minimal",
    "lyrical",
    "austere",
    "luminous",
    "elegiac",
    "meditative",
    "playful",
    "bleak",
    "lush",
    "spare",
    "precise",
    "loose",
    "restless",
    "patience",
    "duration",
    "rhythms",
    "pace",
    "editing",
    "framing",
    "composition",
    "cinematography",
    "lighting",
    "production",
    "screenplay",
    "direction",
    "acting",
    "ensemble",
    "debut",
    "retrospective",
    "festival",
    "premiere",
    "print",
    "restoration",
    "projection",
    "widescreen",
    "monochrome",
    "handheld",
    "tracking",
    "pan",
    "zoom",
    "dissolve",
    "montage",
    "offscreen",
    "voiceover",
    "soundtrack",
    "piano",
    "strings",
    "birdsong",
    "traffic",
    "footsteps",
    "breath",
    "whisper",
    "murmur",
    "clock",
    "door",
    "corridor",
    "stairs",
    "roof",
    "balcony",
    "courtyard",
    "market",
    "factory",
    "office",
    "school",
    "hospital",
    "church",
    "temple",
    "bar",
    "cafe",
    "hotel",
    "apartment",
    "bedroom",
    "car",
    "bus",
    "ferry",
    "boat",
    "bridge",
    "tunnel",
    "highway",
    "harbour",
    "shore",
    "beach",
    "island",
    "valley",
    "orchard",
    "meadow",
    "desert",
    "dusk",
    "dawn",
    "noon",
    "twilight",
    "lantern",
    "candle",
    "mirror",
    "photograph",
    "tape",
    "radio",
    "television",
    "telephone",
    "coat",
    "hat",
    "shoes",
    "bread",
    "tea",
    "wine",
    "dinner",
    "meal",
    "festival",
    "wedding",
    "funeral",
    "birthday",
    "holiday",
    "season",
    "decade",
    "generation",
    "youth",
    "age",
    "marriage",
    "divorce",
    "friendship",
    "neighbour",
    "stranger",
    "lover",
    "widow",
    "daughter",
    "son",
    "grandmother",
    "teacher",
    "worker",
    "soldier",
    "priest",
    "doctor",
    "painter",
    "writer",
    "musician",
    "actress",
    "critic",
    "viewer",
    "spectator",
    "essays",
    "observation",
    "contemplation",
    "ambiguity",
    "irony",
    "tenderness",
    "cruelty",
    "grace",
    "melancholy",
    "nostalgia",
    "solitude",
    "intimacy",
    "absence",
    "presence",
    "recurrence",
    "repetition",
    "variation",
    "ellipsis",
    "rupture",
    "climax",
    "coda",
    "prologue",
    "epilogue",
    "chapter",
    "episode",
    "vignette",
    "tableau",
    "interlude",
    "refrain",
    "motif",
    "metaphor",
    "allegory",
    "symbol",
    "texture",
    "surface",
    "depth",
    "weight",
    "lightness",
    "warmth",
    "chill",
    "heat",
    "hush",
    "clamour",
    "stasis",
    "movement",
    "drift",
    "pause",
    "interval",
];

/// Endings that make the tail's inflected forms ("framed", "framing", "frames").
const ENDINGS: &[&str] = &["s", "ed", "ing", "ly", "ness", "er"];
/// Syllables of the made-up rare words (names of places and things a review mentions once).
const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ren", "sa", "to", "vel", "an", "dor", "ish", "qu", "bra", "nel", "or",
    "tam", "zi", "pe", "gul", "hed", "ny",
];

/// The vocabulary ranked by frequency, and cumulative Zipf weights to draw from it.
struct Vocabulary {
    words: Vec<String>,
    cumulative: Vec<f64>,
}

impl Vocabulary {
    /// About 4,000 distinct words: function words, critics' words, then the tail.
    fn new() -> Vocabulary {
        let mut words: Vec<String> = FUNCTION_WORDS
            .iter()
            .chain(CRITIC_WORDS)
            .map(|w| w.to_string())
            .collect();
        let mut seen: std::collections::HashSet<String> = words.iter().cloned().collect();
        words.retain(|w| seen.remove(w)); // the first of any duplicate keeps its rank
        let seen: std::collections::HashSet<String> = words.iter().cloned().collect();
        let mut tail: Vec<String> = Vec::new();
        for ending in ENDINGS {
            for word in CRITIC_WORDS {
                let form = format!("{word}{ending}");
                if !seen.contains(&form) && !tail.contains(&form) {
                    tail.push(form);
                }
            }
        }
        for a in SYLLABLES {
            for b in SYLLABLES {
                for c in ["", "a", "en", "o"] {
                    if tail.len() + words.len() < 4_000 && a != b {
                        tail.push(format!("{a}{b}{c}"));
                    }
                }
            }
        }
        words.extend(tail);
        let mut total = 0.0;
        let cumulative = (1..=words.len())
            .map(|rank| {
                total += 1.0 / rank as f64;
                total
            })
            .collect();
        Vocabulary { words, cumulative }
    }

    fn word(&self, rng: &mut Rng) -> &str {
        let total = self.cumulative.last().copied().unwrap_or(1.0);
        let x = (rng.next() as f64 / (1u64 << 31) as f64) * total;
        let i = self.cumulative.partition_point(|&c| c < x);
        &self.words[i.min(self.words.len() - 1)]
    }
}

/// A sentence of critic's prose (8–24 words drawn by frequency), sometimes with emphasis or a
/// director's or an actor's name in it.
fn sentence(rng: &mut Rng, vocabulary: &Vocabulary, out: &mut String) {
    let words = 8 + rng.below(17);
    let name_at = match rng.below(6) {
        0 => Some((rng.below(words), rng.pick(DIRECTORS))),
        1 => Some((rng.below(words), rng.pick(ACTORS))),
        _ => None,
    };
    let emphasis_at = (rng.below(10) == 0).then(|| rng.below(words));
    for i in 0..words {
        if i > 0 {
            out.push(' ');
        }
        let word = match name_at {
            Some((at, name)) if at == i => name,
            _ => vocabulary.word(rng),
        };
        let emphasis = emphasis_at == Some(i);
        if emphasis {
            out.push('*');
        }
        if i == 0 {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                out.extend(first.to_uppercase());
                out.push_str(chars.as_str());
            }
        } else {
            out.push_str(word);
        }
        if emphasis {
            out.push('*');
        }
    }
    out.push_str(". ");
}

/// Paragraphs of about `words` words.
fn prose(rng: &mut Rng, vocabulary: &Vocabulary, words: usize) -> String {
    let mut out = String::with_capacity(words * 7);
    let mut count = 0;
    while count < words {
        let sentences = 3 + rng.below(5);
        for _ in 0..sentences {
            let before = out.len();
            sentence(rng, vocabulary, &mut out);
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

fn review(rng: &mut Rng, vocabulary: &Vocabulary, n: usize, body_words: &[usize]) -> Review {
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
            prose(rng, vocabulary, 35),
            false,
        ),
    ];
    for (i, words) in body_words.iter().enumerate() {
        let title = ["Synopsis", "Performances", "Craft", "Verdict", "The ending"][i % 5];
        sections.push(section(
            format!("{id}-{i}"),
            title,
            SectionRole::Body,
            prose(rng, vocabulary, *words),
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

/// Writes the library into `store` (an empty one), in bulk mode (no fsync per commit), then
/// merges its search index.
pub fn generate(store: &mut Store, sizes: &Sizes) -> filmdesk_core::Result<Generated> {
    let Sizes {
        reviews,
        films,
        viewings,
        long_words,
    } = *sizes;
    let viewings = if films == 0 { 0 } else { viewings };
    let mut rng = Rng(0x5eed_f11d_e5c0_0001);
    let vocabulary = Vocabulary::new();
    let generated = store.bulk(|store| {
        for n in 0..reviews {
            let words = [
                150 + rng.below(60),
                150 + rng.below(60),
                120 + rng.below(60),
                80 + rng.below(40),
            ];
            store.insert_review(&review(&mut rng, &vocabulary, n, &words))?;
        }
        // The review the app reopens at start: a typical one, edited last.
        let mut r = review(&mut rng, &vocabulary, reviews, &[180, 180, 150, 100]);
        r.updated_at = at(0, 0);
        store.insert_review(&r)?;
        let typical = r.id;
        // The long review: one section of `long_words` words, for typing and memory.
        let mut long = None;
        if long_words > 0 {
            let mut r = review(&mut rng, &vocabulary, reviews + 1, &[200, long_words, 200]);
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
                    sentence(&mut rng, &vocabulary, &mut notes);
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
    })?;
    // The index as the app leaves it after its first start (see `Store::compact_search_index`):
    // thousands of writes left it in a dozen segments.
    store.compact_search_index()?;
    Ok(generated)
}
