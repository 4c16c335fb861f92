//! The review as CommonMark with front matter for a site generator.

use super::frontmatter::front_matter;
use super::html::{human_time, page_title};
use super::safe::{
    escape_markdown_text, has_template_syntax, is_safe_url, markdown_is_safe, sanitize_markdown,
    sanitize_markdown_part, SafePart,
};
use super::{article_date, Preset};
use crate::model::{Review, SectionRole};
use crate::rating::{Rating, RatingScale};

/// The Markdown export: front matter for `preset`, then the article. With a preset the
/// headline and standfirst are the front matter's title and description (the site's theme
/// shows them) and the body starts with the byline; without one the body starts with the
/// headline as `#`.
pub fn render_markdown(review: &Review, preset: Preset) -> String {
    let mut body = Body {
        out: String::with_capacity(
            review.sections.iter().map(|s| s.body.len()).sum::<usize>() + 4096,
        ),
        open_list: false,
        check_whole: false,
    };
    body.out.push_str(&front_matter(review, preset));
    let front_len = body.out.len();
    if preset == Preset::None {
        // Made safe as the line it will be, a heading: alone, the same text could parse as
        // something else (a code fence whose info string is markup on a heading's line).
        let line = format!("# {}", one_line(&printable(&headline_or_title(review))));
        let part = sanitize_markdown_part(&line);
        if part.text.starts_with("# ") && !part.text.contains('\n') {
            body.push_part(part);
        } else {
            body.push_own(&format!("# {}\n\n", escape_markdown_text(&line[2..])));
        }
    }
    let standfirst = review.standfirst();
    if !standfirst.is_empty() {
        body.push_part(sanitize_markdown_part(&printable(standfirst)));
    }
    let mut credit = Vec::new();
    if !review.byline.trim().is_empty() {
        credit.push(format!("By **{}**", text(&review.byline)));
    }
    if !review.publication.trim().is_empty() {
        credit.push(text(&review.publication));
    }
    credit.push(human_time(&article_date(review)));
    body.push_own(&format!("*{}*\n\n", credit.join(" · ")));
    if let Some(line) = rating_line(&review.rating) {
        body.push_own(&line);
        body.push_own("\n\n");
    }

    for section in review
        .sections
        .iter()
        .filter(|s| s.role == SectionRole::Body)
    {
        if section.body.trim().is_empty() {
            continue;
        }
        let title = section.title.trim();
        if !title.is_empty() {
            body.push_own(&format!("## {}\n\n", text(title)));
        }
        if section.spoiler {
            body.push_own("> **Spoiler warning:** this section reveals the plot.\n\n");
        }
        body.push_part(sanitize_markdown_part(&printable(&section.body)));
    }

    // From here on every line is the exporter's own, starting at the margin and escaped.
    let Body {
        mut out,
        check_whole,
        ..
    } = body;
    push_info_box(&mut out, review);
    let links: Vec<_> = review
        .links
        .iter()
        .filter(|l| !l.title.trim().is_empty() || !l.url.trim().is_empty())
        .collect();
    if !links.is_empty() {
        out.push_str("## Also read\n\n");
        for link in links {
            let url = link.url.trim();
            let title = if link.title.trim().is_empty() {
                url
            } else {
                link.title.trim()
            };
            if is_safe_url(url) && !has_template_syntax(&url.replace(char::is_control, "")) {
                out.push_str(&format!("- [{}]({})\n", text(title), destination(url)));
            } else {
                out.push_str(&format!("- {}\n", text(title)));
            }
        }
        out.push('\n');
    }
    let tags: Vec<_> = review
        .tags
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .collect();
    if preset == Preset::None && !tags.is_empty() {
        let tags: Vec<String> = tags.into_iter().map(text).collect();
        out.push_str(&format!("Tags: {}\n", tags.join(", ")));
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    if check_whole {
        guard_whole_body(out, front_len)
    } else {
        debug_assert!(
            markdown_is_safe(&out[front_len..]),
            "parts safe alone made an unsafe whole: {out:?}"
        );
        out
    }
}

/// The Markdown body as it is built, and what its parts say about the whole.
struct Body {
    out: String,
    /// The last part ended in a list and only blank lines have followed: an indented line
    /// would continue that list.
    open_list: bool,
    /// The parts may not be safe together, and the whole body must be checked.
    check_whole: bool,
}

impl Body {
    /// A critic's text, made safe on its own. It is also safe in the document unless it can
    /// reach across into another part: a list that an indented first line of the next part
    /// continues (an indented code block alone, raw HTML or a link definition inside the
    /// list item), or link reference definitions, which apply to every part.
    fn push_part(&mut self, part: SafePart) {
        let block = part.text.trim_end();
        if part.has_definitions || (self.open_list && block.starts_with(char::is_whitespace)) {
            self.check_whole = true;
        }
        if !block.is_empty() {
            self.open_list = part.ends_in_list;
        }
        self.out.push_str(block);
        self.out.push_str("\n\n");
    }

    /// The exporter's own Markdown, which starts at the margin (so it ends any list above)
    /// and escapes every field.
    fn push_own(&mut self, markdown: &str) {
        self.open_list = false;
        self.out.push_str(markdown);
    }
}

/// Each part was made safe on its own; when its parts could combine into a construct
/// across them, the whole body is checked once more. If the whole is not safe it is
/// sanitised as one text.
fn guard_whole_body(out: String, front_len: usize) -> String {
    let body = &out[front_len..];
    if markdown_is_safe(body) {
        return out;
    }
    let mut guarded = out[..front_len].to_string();
    guarded.push_str(&sanitize_markdown(body));
    guarded
}

fn headline_or_title(review: &Review) -> String {
    if review.headline().is_empty() {
        text(&page_title(review))
    } else {
        review.headline().to_string()
    }
}

/// The text without control characters other than line breaks and tabs (NUL, escape
/// sequences, C1 controls), as the HTML export drops them: a Markdown file with a NUL in it is
/// not text to a site generator. Removed before sanitising, so that a removal can never join
/// `<` and `script` into markup the sanitiser did not see.
fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    let keep = |c: char| !c.is_control() || matches!(c, '\n' | '\r' | '\t');
    // Bytes first: no ASCII control and no 0xC2 (which starts every C1 control) means no
    // control character, without decoding the text.
    let plain_bytes = s
        .bytes()
        .all(|b| (b >= 0x20 && b != 0x7F && b != 0xC2) || matches!(b, b'\n' | b'\r' | b'\t'));
    if plain_bytes || s.chars().all(keep) {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(s.chars().filter(|&c| keep(c)).collect())
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The rating as its readers know it: `★★★★☆ (4/5)`, `7/10`, `B+`.
fn rating_line(rating: &Rating) -> Option<String> {
    let step = rating.step?;
    let scale = rating.scale;
    let shown = match scale {
        RatingScale::FiveStars | RatingScale::FourStars => {
            let max = usize::from(scale.max_step() / 2);
            let full = usize::from(step / 2);
            let half = step % 2 == 1;
            format!(
                "{}{}{} ({}/{max})",
                "★".repeat(full),
                if half { "½" } else { "" },
                "☆".repeat(max - full - usize::from(half)),
                scale.display(step),
            )
        }
        RatingScale::TenPoints => format!("{}/10", scale.display(step)),
        RatingScale::HundredPoints => format!("{}/100", scale.display(step)),
        RatingScale::Letter => scale.display(step),
    };
    Some(format!("**Rating:** {}", text(&shown)))
}

fn push_info_box(out: &mut String, review: &Review) {
    let film = &review.film;
    let mut rows = Vec::new();
    let row = |rows: &mut Vec<String>, term: &str, value: String| {
        if !value.trim().is_empty() {
            rows.push(format!("- **{term}:** {}", text(value.trim())));
        }
    };
    let plural = |list: &[String], one: &'static str, many: &'static str| {
        if list.len() > 1 {
            many
        } else {
            one
        }
    };
    row(&mut rows, "Title", film.title.clone());
    if film.original_title.trim() != film.title.trim() {
        row(&mut rows, "Original title", film.original_title.clone());
    }
    row(
        &mut rows,
        "Year",
        film.year.map(|y| y.to_string()).unwrap_or_default(),
    );
    row(
        &mut rows,
        plural(&film.directors, "Director", "Directors"),
        film.directors.join(", "),
    );
    let cast: Vec<String> = film
        .cast
        .iter()
        .filter(|m| !m.actor.trim().is_empty())
        .map(|m| {
            if m.character.trim().is_empty() {
                format!("  - {}", text(m.actor.trim()))
            } else {
                format!(
                    "  - {} as *{}*",
                    text(m.actor.trim()),
                    text(m.character.trim())
                )
            }
        })
        .collect();
    if !cast.is_empty() {
        rows.push(format!("- **Cast:**\n{}", cast.join("\n")));
    }
    row(
        &mut rows,
        plural(&film.genres, "Genre", "Genres"),
        film.genres.join(", "),
    );
    row(
        &mut rows,
        plural(&film.countries, "Country", "Countries"),
        film.countries.join(", "),
    );
    row(
        &mut rows,
        plural(&film.languages, "Language", "Languages"),
        film.languages.join(", "),
    );
    row(
        &mut rows,
        "Runtime",
        film.runtime_minutes
            .map(|m| format!("{m} minutes"))
            .unwrap_or_default(),
    );
    row(&mut rows, "Where to watch", film.where_to_watch.clone());
    if rows.is_empty() {
        return;
    }
    out.push_str("## Film facts\n\n");
    out.push_str(&rows.join("\n"));
    out.push_str("\n\n");
}

/// A field's text as Markdown that renders to exactly that text, mid-line: the characters
/// that open inline markup, entities, HTML or template syntax are backslash-escaped and
/// line breaks become spaces. The result passes `markdown_is_safe` wherever it stands, which
/// is why the exporter's own lines need no check after.
pub(crate) fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut after_brace = false;
    for c in s.chars() {
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t') {
            continue;
        }
        // `{%` and `{:` (template and attribute-list syntax) would stay in the source as
        // `\{%`: the `%` or `:` is escaped too.
        let opens_template = after_brace && matches!(c, '%' | ':');
        after_brace = c == '{';
        match c {
            _ if opens_template => {
                out.push('\\');
                out.push(c);
            }
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '!' | '&' | '{' | '}' | '~' | '|'
            | '#' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A link destination in pointy brackets, so spaces and parentheses are fine; the
/// characters that would end it or start an entity are backslash-escaped.
fn destination(url: &str) -> String {
    let mut out = String::from("<");
    for c in url.chars() {
        match c {
            '<' | '>' | '\\' | '&' | '{' | '}' | '%' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('>');
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // A test that cannot unwrap has failed.
mod tests {
    use super::*;

    #[test]
    fn text_renders_as_itself() {
        let raw = "<script>alert(1)</script> *x* [a](b) {{< y >}} &amp; #1";
        let md = text(raw);
        let html = {
            let mut s = String::new();
            pulldown_cmark::html::push_html(&mut s, pulldown_cmark::Parser::new(&md));
            s
        };
        assert_eq!(
            html.trim(),
            "<p>&lt;script&gt;alert(1)&lt;/script&gt; *x* [a](b) {{&lt; y &gt;}} &amp;amp; #1</p>"
        );
    }
}
