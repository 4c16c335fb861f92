//! The Markdown-to-HTML export path: any text as a section's body goes through the sanitising
//! renderer (what the preview shows) and every export format. Nothing may panic, and no page
//! may carry a script element or an event-handler attribute, whatever the critic typed.
#![no_main]

use filmdesk_core::export::{markdown_to_safe_html, render, ExportFormat, ExportOptions, Preset};
use filmdesk_core::rating::RatingScale;
use filmdesk_core::sample::sample_review;
use libfuzzer_sys::fuzz_target;

/// The tags of `html` (text is escaped, so every literal `<` opens a tag or a comment).
fn tags(html: &str) -> impl Iterator<Item = &str> {
    html.split('<')
        .skip(1)
        .map(|rest| rest.split('>').next().unwrap_or(rest))
}

/// The attribute names of a tag's inside (`a href="…" title='…'`), skipping quoted values.
fn attribute_names(tag: &str) -> impl Iterator<Item = String> + '_ {
    let mut chars = tag.chars().skip_while(|c| !c.is_whitespace()).peekable();
    std::iter::from_fn(move || loop {
        while chars.next_if(|c| c.is_whitespace() || *c == '/').is_some() {}
        chars.peek()?;
        let mut name = String::new();
        while let Some(c) = chars.next_if(|c| !c.is_whitespace() && *c != '=') {
            name.push(c);
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.next_if_eq(&'=').is_some() {
            while chars.next_if(|c| c.is_whitespace()).is_some() {}
            match chars.peek().copied() {
                Some(q @ ('"' | '\'')) => {
                    chars.next();
                    while chars.next().is_some_and(|c| c != q) {}
                }
                _ => while chars.next_if(|c| !c.is_whitespace()).is_some() {},
            }
        }
        if !name.is_empty() {
            return Some(name);
        }
    })
}

fn assert_inert(html: &str, what: &str) {
    let lower = html.to_ascii_lowercase();
    for tag in tags(&lower) {
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        // The page's own JSON-LD block is data, not script; any other script element is a finding.
        assert!(
            name != "script" || tag == "script type=\"application/ld+json\"",
            "{what}: a script element got through: <{tag}>"
        );
        assert!(
            !matches!(name.as_str(), "iframe" | "object" | "embed"),
            "{what}: <{tag}> got through"
        );
        let handler = attribute_names(tag).any(|n| n.starts_with("on"));
        assert!(!handler, "{what}: an event handler got through: <{tag}>");
        assert!(
            !tag.contains("href=\"javascript:") && !tag.contains("src=\"javascript:"),
            "{what}: a javascript: URL got through: <{tag}>"
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let fragment = markdown_to_safe_html(&text);
    assert_inert(&fragment, "markdown_to_safe_html");

    let mut review = sample_review(RatingScale::FiveStars);
    // The same text in a body section, the headline (one line) and a link: every road into a page.
    if let Some(body) = review.sections.get_mut(2) {
        body.body = text.to_string();
    }
    review.sections[0].body = text.lines().next().unwrap_or_default().to_string();
    if let Some(link) = review.links.first_mut() {
        link.url = text.to_string();
    }
    for (format, preset) in [
        (ExportFormat::Html, Preset::None),
        (ExportFormat::HtmlFragment, Preset::None),
        (ExportFormat::Markdown, Preset::Hugo),
        (ExportFormat::Markdown, Preset::Jekyll),
        (ExportFormat::Json, Preset::None),
    ] {
        let out =
            render(&review, &ExportOptions::new(format, preset)).expect("every review renders");
        if matches!(format, ExportFormat::Html | ExportFormat::HtmlFragment) {
            assert_inert(&out, "the HTML export");
        }
    }
});
