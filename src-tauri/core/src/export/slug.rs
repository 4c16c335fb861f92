//! Safe file names from a review's film and headline.

use super::safe::markdown_plain_text;
use crate::model::Review;

/// Longest slug, in bytes (all ASCII). File systems allow 255; URLs read better short.
pub const MAX_SLUG: usize = 80;

/// Names Windows refuses for a file whatever the extension.
const RESERVED: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// A file-name and URL-safe slug of the film's title and the headline: Unicode transliterated
/// to ASCII ("Çiçek" → "cicek"), lowercase letters, digits and single hyphens, at most
/// [`MAX_SLUG`] bytes cut at a word boundary, never a reserved device name, never empty (a
/// review with no title or headline is `review-<id prefix>`). By construction it has no
/// `.`, `/` or `\`, so it can never climb out of the export folder.
pub fn slug(review: &Review) -> String {
    let title = slugify(&review.film.title);
    let headline = slugify(&markdown_plain_text(review.headline()));
    // Headlines usually start with the film's title: do not say it twice.
    let joined = if headline.starts_with(&title) {
        headline
    } else if title.is_empty() || headline.is_empty() {
        format!("{title}{headline}")
    } else {
        format!("{title}-{headline}")
    };
    let mut slug = truncate(&joined, MAX_SLUG);
    if slug.is_empty() {
        let id: String = slugify(&review.id)
            .replace('-', "")
            .chars()
            .take(8)
            .collect();
        slug = if id.is_empty() {
            "review".into()
        } else {
            format!("review-{id}")
        };
    }
    if RESERVED.contains(&slug.as_str()) {
        slug.push_str("-review");
    }
    slug
}

/// Lowercase ASCII letters and digits, other runs become one hyphen, none at either end.
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut out = String::with_capacity(ascii.len());
    let mut hyphen = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if hyphen && !out.is_empty() {
                out.push('-');
            }
            hyphen = false;
            out.push(c.to_ascii_lowercase());
        } else if c == '\'' {
            // "Don't" → "dont", not "don-t".
        } else {
            hyphen = true;
        }
    }
    out
}

/// At most `max` bytes, cut at the last hyphen that fits when there is one.
fn truncate(slug: &str, max: usize) -> String {
    if slug.len() <= max {
        return slug.to_string();
    }
    let cut = &slug[..max];
    let cut = match cut.rfind('-') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => cut,
    };
    cut.trim_end_matches('-').to_string()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // A test that cannot unwrap has failed.
mod tests {
    use super::*;

    #[test]
    fn slugify_transliterates() {
        assert_eq!(slugify("Çiçeğin Bahçesi"), "cicegin-bahcesi");
        assert_eq!(slugify("  Don't Look Up!  "), "dont-look-up");
        assert_eq!(slugify("../../etc/passwd"), "etc-passwd");
        assert_eq!(slugify("千と千尋の神隠し"), "qian-toqian-xun-noshen-yin-si");
        assert_eq!(slugify("C:\\con\\nul"), "c-con-nul");
        assert_eq!(slugify("🎬"), "clapper");
    }

    #[test]
    fn truncation_is_bounded_and_clean() {
        let long = "word-".repeat(40);
        let t = truncate(long.trim_end_matches('-'), MAX_SLUG);
        assert!(t.len() <= MAX_SLUG);
        assert!(!t.ends_with('-'));
        let one = "a".repeat(200);
        assert_eq!(truncate(&one, MAX_SLUG).len(), MAX_SLUG);
    }
}
