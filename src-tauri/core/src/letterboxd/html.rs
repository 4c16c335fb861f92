//! Letterboxd review HTML to Markdown, with nothing of the HTML carried over raw.
//!
//! The HTML is first cleaned by ammonia down to the few tags a review uses (no attributes but
//! a link's `href`), then converted by `htmd`. Text that looks like a tag after conversion
//! (an escaped `&lt;script&gt;` in the review) is backslash-escaped so that Markdown keeps it
//! as text.

use std::collections::HashSet;

/// The review's Markdown.
pub fn review_markdown(html: &str) -> String {
    // Letterboxd keeps the critic's line breaks as newlines in some exports: make them breaks.
    let html = if html.contains('<') {
        html.to_string()
    } else {
        html.replace("\r\n", "\n").replace('\n', "<br>")
    };
    let tags: HashSet<&str> = [
        "p",
        "br",
        "b",
        "strong",
        "i",
        "em",
        "a",
        "blockquote",
        "ul",
        "ol",
        "li",
    ]
    .into_iter()
    .collect();
    let clean = ammonia::Builder::default()
        .tags(tags)
        .tag_attributes(Default::default())
        .link_rel(None)
        .add_tag_attributes("a", ["href"])
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .clean(&html)
        .to_string();
    let markdown = htmd::convert(&clean).unwrap_or_default();
    escape_tag_like(markdown.trim())
}

fn escape_tag_like(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut escaped = false;
    while let Some(c) = chars.next() {
        let tag_like = chars
            .peek()
            .is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?'));
        if c == '<' && tag_like && !escaped {
            out.push('\\');
        }
        escaped = c == '\\' && !escaped;
        out.push(c);
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // A test that cannot unwrap has failed.
mod tests {
    use super::*;

    #[test]
    fn review_html_becomes_markdown_without_html() {
        let md = review_markdown(
            "<p>A <b>bold</b> and <i>sly</i> film.</p><p>See <a href=\"https://example.org/x\" onclick=\"evil()\">this</a>.</p><script>alert(1)</script><img src=x onerror=alert(1)>",
        );
        assert!(md.contains("**bold**"), "{md}");
        assert!(md.contains("_sly_") || md.contains("*sly*"), "{md}");
        assert!(md.contains("[this](https://example.org/x)"), "{md}");
        assert!(
            !md.contains("<script") && !md.contains("alert") && !md.contains("<img"),
            "{md}"
        );
        assert!(!md.contains("onclick"), "{md}");
    }

    #[test]
    fn escaped_tags_stay_text() {
        for html in [
            "Watch out for &lt;script&gt;alert(1)&lt;/script&gt; fans",
            "<p>Watch out for &lt;img src=x onerror=alert(1)&gt; fans</p>",
        ] {
            let md = review_markdown(html);
            let mut rendered = String::new();
            pulldown_cmark::html::push_html(&mut rendered, pulldown_cmark::Parser::new(&md));
            assert!(rendered.contains("&lt;"), "{md} -> {rendered}");
            assert!(
                !rendered.contains("<script") && !rendered.contains("<img"),
                "{md} -> {rendered}"
            );
        }
    }

    #[test]
    fn plain_text_line_breaks_are_kept() {
        let md = review_markdown("First thought.\nSecond thought.");
        assert!(md.contains("First thought."), "{md}");
        assert_ne!(md.find('\n'), None, "{md}");
    }
}
