//! Golden files of every format on a fully filled review. `UPDATE_GOLDEN=1 cargo test -p
//! filmdesk-core --test export golden` rewrites them; review the diff before committing.

use std::path::PathBuf;

use filmdesk_core::export::samples::full_review;
use filmdesk_core::export::{
    render, render_html_fragment, review_json_ld, ExportFormat, ExportOptions, Preset,
};
use filmdesk_core::rating::RatingScale;
use serde_json::Value;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/export")
}

fn check_golden(name: &str, actual: &str) {
    let path = fixtures().join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(fixtures()).unwrap();
        std::fs::write(&path, actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{name} is missing: run with UPDATE_GOLDEN=1"));
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{name} differs from the golden at line {}:\n  golden: {:?}\n  actual: {:?}\nrun with UPDATE_GOLDEN=1 if the change is intended",
            line + 1,
            expected.lines().nth(line),
            actual.lines().nth(line)
        );
    }
}

#[test]
fn every_format_matches_its_golden() {
    let review = full_review(RatingScale::FiveStars);
    let cases = [
        ("review.html", ExportFormat::Html, Preset::None),
        (
            "review.fragment.html",
            ExportFormat::HtmlFragment,
            Preset::None,
        ),
        ("review.hugo.md", ExportFormat::Markdown, Preset::Hugo),
        ("review.jekyll.md", ExportFormat::Markdown, Preset::Jekyll),
        ("review.astro.md", ExportFormat::Markdown, Preset::Astro),
        ("review.md", ExportFormat::Markdown, Preset::None),
        ("review.json", ExportFormat::Json, Preset::None),
    ];
    for (name, format, preset) in cases {
        let out = render(&review, &ExportOptions::new(format, preset)).unwrap();
        check_golden(name, &out);
    }
}

#[test]
fn every_rating_scale_matches_its_golden() {
    // Each scale's standalone page (validated by tests/export/check.sh), and a summary of how
    // each shows its rating in every format.
    let mut summary = String::new();
    for scale in RatingScale::ALL {
        let review = full_review(scale);
        let page = render(&review, &ExportOptions::default()).unwrap();
        check_golden(&format!("rating-{}.html", scale.as_str()), &page);
        let fragment = render_html_fragment(&review);
        let rating_html = fragment
            .lines()
            .find(|l| l.starts_with("<p class=\"rating\">"))
            .unwrap()
            .to_string();
        let md = render(
            &review,
            &ExportOptions::new(ExportFormat::Markdown, Preset::None),
        )
        .unwrap();
        let rating_md = md
            .lines()
            .find(|l| l.starts_with("**Rating:**"))
            .unwrap()
            .to_string();
        let ld = review_json_ld(&review, "");
        summary.push_str(&format!(
            "## {}\nhtml: {rating_html}\nmarkdown: {rating_md}\njson-ld: {}\n\n",
            scale.as_str(),
            ld["reviewRating"]
        ));
    }
    check_golden("ratings.txt", &summary);
}

/// The JSON-LD in a page: parsed from the script element, as a search engine would.
fn json_ld_of(page: &str) -> Value {
    let doc = scraper::Html::parse_document(page);
    let sel = scraper::Selector::parse("script[type=\"application/ld+json\"]").unwrap();
    let scripts: Vec<_> = doc.select(&sel).collect();
    assert_eq!(scripts.len(), 1);
    serde_json::from_str(&scripts[0].text().collect::<String>()).unwrap()
}

#[test]
fn json_ld_carries_the_review_with_the_right_types() {
    for scale in RatingScale::ALL {
        let review = full_review(scale);
        let ld = json_ld_of(&render(&review, &ExportOptions::default()).unwrap());
        assert_eq!(ld["@context"], "https://schema.org");
        assert_eq!(ld["@type"], "Review");
        assert_eq!(
            ld["name"],
            "Çiçek's Garden (2024) review: a garden grows, slowly & surely"
        );
        let movie = &ld["itemReviewed"];
        assert_eq!(movie["@type"], "Movie");
        assert_eq!(movie["name"], "Çiçek's Garden");
        assert_eq!(movie["dateCreated"], "2024");
        assert_eq!(movie["director"][0]["@type"], "Person");
        assert_eq!(movie["director"][1]["name"], "Jon Ødegård");
        let actors: Vec<_> = movie["actor"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["name"].as_str().unwrap())
            .collect();
        assert_eq!(
            actors,
            ["Defne Kara", "Tomasz Lewandowski", "Mei Takahashi"]
        );
        let rating = &ld["reviewRating"];
        assert_eq!(rating["@type"], "Rating");
        for key in ["ratingValue", "bestRating", "worstRating"] {
            assert!(
                rating[key].is_number(),
                "{scale:?} {key} is {}",
                rating[key]
            );
        }
        let (value, best) = match scale {
            RatingScale::FiveStars => (3.5, 5.0),
            RatingScale::FourStars => (3.0, 4.0),
            RatingScale::TenPoints => (7.0, 10.0),
            RatingScale::HundredPoints => (85.0, 100.0),
            // B+ is 83 on Metacritic's conversion.
            RatingScale::Letter => (83.0, 100.0),
        };
        assert_eq!(rating["ratingValue"].as_f64(), Some(value), "{scale:?}");
        assert_eq!(rating["bestRating"].as_f64(), Some(best), "{scale:?}");
        assert_eq!(rating["worstRating"].as_f64(), Some(0.0));
        assert_eq!(ld["author"]["@type"], "Person");
        assert_eq!(ld["author"]["name"], "Zoë Ångström-Öz");
        assert_eq!(ld["publisher"]["@type"], "Organization");
        assert_eq!(ld["publisher"]["name"], "The Allotment Review");
        assert_eq!(ld["datePublished"], "2024-02-14T18:00:00+01:00");
        let body = ld["reviewBody"].as_str().unwrap();
        assert!(
            body.contains("Defne Kara plays Çiçek with precise restraint."),
            "{body}"
        );
        // The spoiler section stays out of what search engines show.
        assert!(!body.contains("husband's brother"), "{body}");
    }
}

#[test]
fn page_structure_is_semantic() {
    let page = render(
        &full_review(RatingScale::FiveStars),
        &ExportOptions::default(),
    )
    .unwrap();
    let doc = scraper::Html::parse_document(&page);
    let count = |css: &str| doc.select(&scraper::Selector::parse(css).unwrap()).count();
    let text = |css: &str| {
        doc.select(&scraper::Selector::parse(css).unwrap())
            .map(|e| e.text().collect::<String>())
            .collect::<Vec<_>>()
    };
    assert_eq!(count("html[lang=en]"), 1);
    assert_eq!(count("article > header > h1"), 1);
    assert_eq!(text("header .standfirst").len(), 1);
    assert_eq!(text(".byline .author"), ["Zoë Ångström-Öz"]);
    assert_eq!(text(".byline .publication"), ["The Allotment Review"]);
    assert_eq!(count("time[datetime=\"2024-02-14T18:00:00+01:00\"]"), 1);
    assert_eq!(
        text("article > section > h2, article > section > details > h2"),
        ["Synopsis", "Performances", "The ending", "Verdict"]
    );
    assert_eq!(count("section.spoiler > details > summary"), 1);
    assert_eq!(
        doc.select(&scraper::Selector::parse(".rating [role=img]").unwrap())
            .next()
            .unwrap()
            .value()
            .attr("aria-label"),
        Some("Rating: 3.5 out of 5 stars")
    );
    assert_eq!(
        text(".info-box dd .cast li"),
        [
            "Defne Kara as Çiçek",
            "Tomasz Lewandowski as The Gardener \"Bahçıvan\"",
            "Mei Takahashi as Hanako (高橋)"
        ]
    );
    assert_eq!(count(".also-read li a[href]"), 2);
    assert_eq!(count("meta[property=\"og:type\"][content=article]"), 1);
    assert_eq!(count("meta[property=\"article:tag\"]"), 3);
}

#[test]
fn front_matter_is_yaml_with_the_generators_fields() {
    use yaml_rust2::{Yaml, YamlLoader};
    let mut review = full_review(RatingScale::Letter);
    // Values that break hand-written YAML.
    review.sections[0].body = "Title: with \"quotes\", colons: and # hashes\nand a newline".into();
    review.tags = vec![
        "no".into(),
        "1.0".into(),
        "2024-01-01".into(),
        "- dash".into(),
        "a: b".into(),
    ];
    review.film.title = "'single' \"double\" \\ back \t tab \u{2028} sep ünïcödé ---".into();
    let front_of = |review: &filmdesk_core::model::Review, preset| {
        let md = render(review, &ExportOptions::new(ExportFormat::Markdown, preset)).unwrap();
        let rest = md.strip_prefix("---\n").expect("front matter opens");
        let end = rest.find("\n---\n").expect("front matter closes");
        YamlLoader::load_from_str(&rest[..end]).unwrap().remove(0)
    };
    let front = |preset| front_of(&review, preset);
    let tags = Yaml::Array(
        review
            .tags
            .iter()
            .map(|t| Yaml::String(t.clone()))
            .collect(),
    );
    let hugo = front(Preset::Hugo);
    assert_eq!(
        hugo["title"].as_str(),
        Some("Title: with \"quotes\", colons: and # hashes and a newline")
    );
    assert_eq!(hugo["tags"], tags);
    assert_eq!(hugo["draft"].as_bool(), Some(false));
    assert_eq!(
        hugo["publishDate"].as_str(),
        Some("2024-02-14T18:00:00+01:00")
    );
    assert_eq!(
        hugo["params"]["film"]["title"].as_str(),
        Some(review.film.title.as_str())
    );
    assert_eq!(
        hugo["params"]["film"]["cast"][1]["character"].as_str(),
        Some("The Gardener \"Bahçıvan\"")
    );
    assert_eq!(hugo["params"]["rating"]["value"].as_str(), Some("B+"));
    assert_eq!(hugo["params"]["rating"]["canonical"].as_i64(), Some(83));
    let jekyll = front(Preset::Jekyll);
    assert_eq!(jekyll["date"].as_str(), Some("2024-02-14 18:00:00 +0100"));
    assert_eq!(jekyll["published"].as_bool(), Some(true));
    assert_eq!(jekyll["tags"], tags);
    assert_eq!(
        jekyll["film"]["title"].as_str(),
        Some(review.film.title.as_str())
    );
    let astro = front(Preset::Astro);
    assert_eq!(astro["pubDate"].as_str(), Some("2024-02-14T18:00:00+01:00"));
    assert_eq!(
        astro["updatedDate"].as_str(),
        Some("2024-02-15T11:05:00+01:00")
    );
    assert!(astro["description"]
        .as_str()
        .unwrap()
        .starts_with("In Çiçek's Garden, a widowed"));
    // A draft is a draft everywhere.
    let mut draft = review.clone();
    draft.status = filmdesk_core::Status::Draft;
    assert_eq!(
        front_of(&draft, Preset::Hugo)["draft"].as_bool(),
        Some(true)
    );
    assert_eq!(
        front_of(&draft, Preset::Jekyll)["published"].as_bool(),
        Some(false)
    );
}
