//! The review as HTML: the article (also the app's live preview and the CMS fragment) and
//! the standalone page around it.

use super::jsonld::push_json_ld_script;
use super::safe::{
    escape_html, escaped, is_safe_url, markdown_plain_text, push_inline_markdown_html,
    push_markdown_html, RenderContext,
};
use super::{article_date, iso_minutes, ExportOptions};
use crate::model::{Review, SectionRole, Timestamp};
use crate::rating::{Rating, RatingScale};

const PAGE_CSS: &str = include_str!("review.css");

/// The article alone — header, sections, info box, "Also read" — as safe HTML. The app's
/// preview and the CMS fragment are this; the standalone page wraps it.
pub fn render_html_fragment(review: &Review) -> String {
    let mut out = String::with_capacity(estimate(review));
    push_article(&mut out, review, None);
    out
}

/// A standalone, valid HTML5 page: the article, embedded CSS for screen and print, Open
/// Graph `article` tags and schema.org `Review` JSON-LD.
pub fn render_html_page(review: &Review, options: &ExportOptions) -> String {
    // The body is rendered first: the JSON-LD's reviewBody is the text gathered on the way.
    let mut article = String::with_capacity(estimate(review));
    let mut body_text = String::new();
    push_article(&mut article, review, Some(&mut body_text));

    let title = page_title(review);
    let description = markdown_plain_text(review.standfirst());
    let mut out = String::with_capacity(article.len() + PAGE_CSS.len() + 4096);
    out.push_str("<!DOCTYPE html>\n<html lang=\"");
    escape_html(&mut out, lang_or_default(&options.lang));
    out.push_str("\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<title>");
    escape_html(&mut out, &title);
    out.push_str("</title>\n");
    meta(&mut out, "name", "description", &description);
    meta(&mut out, "name", "author", review.byline.trim());
    meta(&mut out, "name", "generator", "Filmdesk");
    meta(&mut out, "property", "og:type", "article");
    meta(&mut out, "property", "og:title", &title);
    meta(&mut out, "property", "og:description", &description);
    meta(
        &mut out,
        "property",
        "og:site_name",
        review.publication.trim(),
    );
    meta(
        &mut out,
        "property",
        "article:published_time",
        &iso_minutes(&article_date(review)),
    );
    meta(
        &mut out,
        "property",
        "article:modified_time",
        &iso_minutes(&review.updated_at),
    );
    meta(&mut out, "property", "article:author", review.byline.trim());
    meta(&mut out, "property", "article:section", "Film reviews");
    for tag in &review.tags {
        meta(&mut out, "property", "article:tag", tag.trim());
    }
    out.push_str("<style>\n");
    out.push_str(PAGE_CSS);
    out.push_str("</style>\n");
    push_json_ld_script(&mut out, review, &body_text);
    out.push_str("</head>\n<body>\n<main>\n");
    out.push_str(&article);
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn estimate(review: &Review) -> usize {
    review.sections.iter().map(|s| s.body.len()).sum::<usize>() * 5 / 4 + 4096
}

/// `lang` as given when it looks like a language tag, else English.
fn lang_or_default(lang: &str) -> &str {
    let ok = !lang.is_empty()
        && lang.len() <= 35
        && lang.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if ok {
        lang
    } else {
        "en"
    }
}

/// The article's title as plain text (`<title>`, JSON-LD `name`, front matter `title`): the
/// headline's text, else the film's title with "review".
pub fn page_title(review: &Review) -> String {
    let headline = markdown_plain_text(review.headline());
    if !headline.is_empty() {
        return headline;
    }
    let film = film_title_with_year(review);
    if film.is_empty() {
        "Untitled review".into()
    } else {
        format!("{film} review")
    }
}

pub(crate) fn film_title_with_year(review: &Review) -> String {
    let title = review.film.title.trim();
    match review.film.year {
        Some(year) if !title.is_empty() => format!("{title} ({year})"),
        _ => title.to_string(),
    }
}

/// An empty value leaves the tag out (an empty `content` helps nobody).
fn meta(out: &mut String, attr: &str, name: &str, content: &str) {
    if content.is_empty() {
        return;
    }
    out.push_str("<meta ");
    out.push_str(attr);
    out.push_str("=\"");
    out.push_str(name);
    out.push_str("\" content=\"");
    escape_html(out, content);
    out.push_str("\">\n");
}

fn push_article(out: &mut String, review: &Review, mut body_text: Option<&mut String>) {
    out.push_str("<article class=\"filmdesk-review\">\n<header>\n");
    out.push_str("<h1>");
    let headline = review.headline();
    if headline.is_empty() {
        escape_html(out, &page_title(review));
    } else {
        push_inline_markdown_html(out, headline);
    }
    out.push_str("</h1>\n");
    let standfirst = review.standfirst();
    if !standfirst.is_empty() {
        out.push_str("<p class=\"standfirst\">");
        push_inline_markdown_html(out, standfirst);
        out.push_str("</p>\n");
    }
    push_byline(out, review);
    push_dates(out, review);
    push_rating(out, &review.rating);
    out.push_str("</header>\n");

    for section in review
        .sections
        .iter()
        .filter(|s| s.role == SectionRole::Body)
    {
        if section.body.trim().is_empty() {
            continue;
        }
        let title = section.title.trim();
        if section.spoiler {
            out.push_str("<section class=\"spoiler\">\n<details>\n<summary>Spoiler warning: ");
            if title.is_empty() {
                out.push_str("this section");
            } else {
                escape_html(out, title);
            }
            out.push_str(" reveals the plot. Open to read it.</summary>\n");
        } else {
            out.push_str("<section>\n");
        }
        if !title.is_empty() {
            out.push_str("<h2>");
            escape_html(out, title);
            out.push_str("</h2>\n");
        }
        // Spoilers stay out of the reviewBody that search engines show.
        let text = if section.spoiler {
            None
        } else {
            body_text.as_deref_mut()
        };
        push_markdown_html(out, &section.body, RenderContext { section_level: 2 }, text);
        if section.spoiler {
            out.push_str("</details>\n");
        }
        out.push_str("</section>\n");
    }

    push_info_box(out, review);
    push_also_read(out, review);
    push_tags(out, review);
    out.push_str("</article>\n");
}

fn push_byline(out: &mut String, review: &Review) {
    let byline = review.byline.trim();
    let publication = review.publication.trim();
    if byline.is_empty() && publication.is_empty() {
        return;
    }
    out.push_str("<p class=\"byline\">");
    if !byline.is_empty() {
        out.push_str("By <span class=\"author\">");
        escape_html(out, byline);
        out.push_str("</span>");
    }
    if !byline.is_empty() && !publication.is_empty() {
        out.push_str(" · ");
    }
    if !publication.is_empty() {
        out.push_str("<span class=\"publication\">");
        escape_html(out, publication);
        out.push_str("</span>");
    }
    out.push_str("</p>\n");
}

fn push_dates(out: &mut String, review: &Review) {
    out.push_str("<p class=\"dates\">");
    match review.published_at {
        Some(at) => {
            out.push_str("Published ");
            push_time(out, &at);
        }
        None => match review.embargo {
            Some(at) => {
                out.push_str("Embargoed until ");
                push_time(out, &at);
            }
            None => {
                out.push_str("Written ");
                push_time(out, &review.created_at);
            }
        },
    }
    if review.updated_at.timestamp() / 60 != article_date(review).timestamp() / 60 {
        out.push_str(" · Updated ");
        push_time(out, &review.updated_at);
    }
    out.push_str("</p>\n");
}

fn push_time(out: &mut String, at: &Timestamp) {
    out.push_str("<time datetime=\"");
    out.push_str(&iso_minutes(at));
    out.push_str("\">");
    out.push_str(&human_time(at));
    out.push_str("</time>");
}

/// "14 February 2026, 18:00 (UTC+01:00)".
pub(crate) fn human_time(at: &Timestamp) -> String {
    at.format("%-d %B %Y, %H:%M (UTC%:z)").to_string()
}

/// The rating the way the scale's readers know it. The shown glyphs are one image to a screen
/// reader, named with the accessible words ("Rating: 3.5 out of 5 stars"); no stylesheet is
/// needed, so the CMS fragment reads the same.
fn push_rating(out: &mut String, rating: &Rating) {
    let (Some(step), Some(accessible)) = (rating.step, rating.accessible()) else {
        return;
    };
    let scale = rating.scale;
    out.push_str("<p class=\"rating\"><span role=\"img\" aria-label=\"");
    escape_html(out, &accessible);
    out.push_str("\">");
    match scale {
        RatingScale::FiveStars | RatingScale::FourStars => {
            let max = usize::from(scale.max_step() / 2);
            let full = usize::from(step / 2);
            let half = step % 2 == 1;
            out.push_str("<span class=\"stars\">");
            out.push_str(&"★".repeat(full));
            if half {
                out.push('½');
            }
            out.push_str(&"☆".repeat(max - full - usize::from(half)));
            out.push_str("</span> ");
            out.push_str(&scale.display(step));
            out.push('/');
            out.push_str(&max.to_string());
        }
        RatingScale::TenPoints => {
            out.push_str(&scale.display(step));
            out.push_str("/10");
        }
        RatingScale::HundredPoints => {
            out.push_str(&scale.display(step));
            out.push_str("/100");
        }
        RatingScale::Letter => {
            out.push_str("Grade: <span class=\"grade\">");
            out.push_str(&scale.display(step));
            out.push_str("</span>");
        }
    }
    out.push_str("</span></p>\n");
}

fn push_info_box(out: &mut String, review: &Review) {
    let film = &review.film;
    let mut rows = String::new();
    let mut row = |term: &str, value: &str| {
        if !value.trim().is_empty() {
            rows.push_str("<dt>");
            rows.push_str(term);
            rows.push_str("</dt><dd>");
            escape_html(&mut rows, value.trim());
            rows.push_str("</dd>\n");
        }
    };
    row("Title", &film.title);
    if film.original_title.trim() != film.title.trim() {
        row("Original title", &film.original_title);
    }
    row(
        "Year",
        &film.year.map(|y| y.to_string()).unwrap_or_default(),
    );
    row(
        if film.directors.len() > 1 {
            "Directors"
        } else {
            "Director"
        },
        &film.directors.join(", "),
    );
    let cast: Vec<_> = film
        .cast
        .iter()
        .filter(|m| !m.actor.trim().is_empty())
        .collect();
    if !cast.is_empty() {
        rows.push_str("<dt>Cast</dt><dd><ul class=\"cast\">\n");
        for member in cast {
            rows.push_str("<li><span class=\"actor\">");
            escape_html(&mut rows, member.actor.trim());
            rows.push_str("</span>");
            if !member.character.trim().is_empty() {
                rows.push_str(" as <span class=\"character\">");
                escape_html(&mut rows, member.character.trim());
                rows.push_str("</span>");
            }
            rows.push_str("</li>\n");
        }
        rows.push_str("</ul></dd>\n");
    }
    let mut row = |term: &str, value: &str| {
        if !value.trim().is_empty() {
            rows.push_str("<dt>");
            rows.push_str(term);
            rows.push_str("</dt><dd>");
            escape_html(&mut rows, value.trim());
            rows.push_str("</dd>\n");
        }
    };
    row(
        if film.genres.len() > 1 {
            "Genres"
        } else {
            "Genre"
        },
        &film.genres.join(", "),
    );
    row(
        if film.countries.len() > 1 {
            "Countries"
        } else {
            "Country"
        },
        &film.countries.join(", "),
    );
    row(
        if film.languages.len() > 1 {
            "Languages"
        } else {
            "Language"
        },
        &film.languages.join(", "),
    );
    row(
        "Runtime",
        &film
            .runtime_minutes
            .map(|m| format!("{m} minutes"))
            .unwrap_or_default(),
    );
    row("Where to watch", &film.where_to_watch);
    if rows.is_empty() {
        return;
    }
    out.push_str(
        "<aside class=\"info-box\" aria-label=\"Film facts\">\n<h2>Film facts</h2>\n<dl>\n",
    );
    out.push_str(&rows);
    out.push_str("</dl>\n</aside>\n");
}

fn push_also_read(out: &mut String, review: &Review) {
    let links: Vec<_> = review
        .links
        .iter()
        .filter(|l| !l.title.trim().is_empty() || !l.url.trim().is_empty())
        .collect();
    if links.is_empty() {
        return;
    }
    out.push_str("<nav class=\"also-read\" aria-label=\"Also read\">\n<h2>Also read</h2>\n<ul>\n");
    for link in links {
        let url = link.url.trim();
        let title = if link.title.trim().is_empty() {
            url
        } else {
            link.title.trim()
        };
        out.push_str("<li>");
        if is_safe_url(url) {
            out.push_str("<a href=\"");
            escape_html(out, url);
            out.push_str("\">");
            escape_html(out, title);
            out.push_str("</a>");
        } else {
            // A link the page cannot safely make is shown as text.
            escape_html(out, title);
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n</nav>\n");
}

fn push_tags(out: &mut String, review: &Review) {
    let tags: Vec<_> = review
        .tags
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .collect();
    if tags.is_empty() {
        return;
    }
    out.push_str("<footer>\n<ul class=\"tags\" aria-label=\"Tags\">\n");
    for tag in tags {
        out.push_str("<li>");
        out.push_str(&escaped(tag));
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n</footer>\n");
}
