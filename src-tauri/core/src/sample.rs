//! The sample review a new critic can open to see what a finished review looks like.
//! The film, its people and the text were written for Filmdesk.

use crate::model::{new_id, now, CastMember, FilmFacts, RelatedLink, Review, Section, Status};
use crate::rating::{Rating, RatingScale};
use crate::templates::{sections_for, TemplateId};

const BODIES: [&str; 7] = [
    "The Last Ferry (2025) review: a quiet crossing that carries a whole life",
    "In *The Last Ferry*, a retired ferry captain, Nazım, makes one final night crossing of the \
     Bosphorus with the granddaughter he barely knows. Now in cinemas, and streaming on Meridian \
     from spring.",
    "Nazım has piloted the same ferry between Karaköy and Kadıköy for forty years. On the night \
     the line is retired, his granddaughter Defne turns up at the pier with a rucksack and no \
     explanation, and the two of them share the last crossing.\n\nThe film moves between that \
     single night and the summer of 1983, when a young Nazım first took the wheel. The two \
     timelines never explain each other too neatly; they simply sit side by side, the way \
     memories do on a long journey.",
    "Haluk Demir plays the older Nazım with a stillness that makes every small gesture count: \
     the way he checks a rope he has checked a thousand times, the way he avoids Defne's eyes \
     when she asks about her mother.\n\nAs Defne, Selin Çiçek is a revelation — prickly, funny \
     and guarded, she gives the film its pulse. Emre Kaya, as the young Nazım, has less to do, \
     but he shares enough of Demir's watchfulness that the two timelines feel like one man.",
    "Director Leyla Arslan shoots almost everything on the water, and the confinement becomes \
     the film's method. The deck, the wheelhouse and the engine room are the only rooms we are \
     allowed into, and Arslan finds a surprising range of moods in them.\n\nThe film is about \
     what a city keeps when it lets something go. The ferry is retired for a bridge; the family \
     has been retired, too, by silence. Arslan never underlines the parallel, which is why it \
     lands.",
    "The flashbacks are lit in a honeyed amber that starts to feel like a filter rather than a \
     memory, and a late confrontation in the engine room tips into speeches the rest of the \
     film wisely avoids.",
    "A small film with a long reach. See it on the biggest screen you can find, and then take \
     the slow way home.",
];

/// A complete, finished review of a film invented for the sample.
pub fn sample_review(scale: RatingScale) -> Review {
    let created = now();
    let mut sections: Vec<Section> = sections_for(TemplateId::Feature);
    for (section, body) in sections.iter_mut().zip(BODIES) {
        section.body = body.to_string();
    }
    let rating = Rating {
        scale: RatingScale::FiveStars,
        step: Some(8),
    }
    .convert(scale);
    Review {
        id: new_id(),
        film: FilmFacts {
            title: "The Last Ferry".into(),
            original_title: "Son Vapur".into(),
            year: Some(2025),
            runtime_minutes: Some(104),
            directors: vec!["Leyla Arslan".into()],
            cast: vec![
                CastMember {
                    actor: "Haluk Demir".into(),
                    character: "Nazım".into(),
                },
                CastMember {
                    actor: "Selin Çiçek".into(),
                    character: "Defne".into(),
                },
                CastMember {
                    actor: "Emre Kaya".into(),
                    character: "Young Nazım".into(),
                },
            ],
            genres: vec!["Drama".into()],
            countries: vec!["Türkiye".into()],
            languages: vec!["Turkish".into()],
            where_to_watch: "In cinemas; streaming on Meridian from spring".into(),
            imdb_id: String::new(),
        },
        sections,
        rating,
        byline: "Sample Critic".into(),
        publication: "Filmdesk Sample Review".into(),
        tags: vec![
            "drama".into(),
            "Istanbul".into(),
            "festival favourite".into(),
        ],
        links: vec![RelatedLink {
            title: "How to write a standfirst".into(),
            url: "https://example.com/standfirst".into(),
        }],
        embargo: None,
        status: Status::Ready,
        created_at: created,
        updated_at: created,
        published_at: None,
        lang: None,
    }
}
