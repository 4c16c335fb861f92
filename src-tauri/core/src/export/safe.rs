//! Safe by construction: escaping, URL checks, and Markdown rendering in which nothing a
//! critic typed or imported can become a script.
//!
//! Sanitising a whole rendered document with an HTML sanitiser means parsing every page a
//! second time (about 6× the cost of rendering it). Instead the Markdown is rendered from
//! pulldown-cmark's events after a filter:
//! - inline raw HTML becomes text (it is shown, escaped, as the critic typed it);
//! - a raw HTML block goes through ammonia on its own, with a small allow-list of tags and
//!   attributes and no URL schemes but http, https and mailto;
//! - a link or image whose URL is not http, https, mailto or relative loses its link (its
//!   text stays);
//! - headings inside a section are moved below the section's own `h2`.
//!
//! Everything else pulldown-cmark emits is escaped by its HTML writer.

use std::collections::HashSet;
use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Escapes text for HTML content and for double- or single-quoted attribute values. Drops
/// control characters that are not allowed in HTML (the validator rejects them).
pub fn escape_html(out: &mut String, text: &str) {
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let rep = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&#39;",
            c if is_forbidden_char(c) => "",
            _ => continue,
        };
        out.push_str(&text[start..i]);
        out.push_str(rep);
        start = i + c.len_utf8();
    }
    out.push_str(&text[start..]);
}

pub fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    escape_html(&mut out, text);
    out
}

/// Characters the HTML specification does not allow in a document: C0 controls other than
/// whitespace, DEL, C1 controls and noncharacters.
fn is_forbidden_char(c: char) -> bool {
    let u = c as u32;
    (u < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
        || (0x7F..=0x9F).contains(&u)
        || (0xFDD0..=0xFDEF).contains(&u)
        || (u & 0xFFFE) == 0xFFFE
}

fn strip_forbidden(text: &str) -> Option<String> {
    // Fast path: printable ASCII and whitespace (most text) has nothing to strip.
    if text
        .bytes()
        .all(|b| (0x20..0x7F).contains(&b) || matches!(b, b'\t' | b'\n' | b'\r'))
    {
        return None;
    }
    text.chars()
        .any(is_forbidden_char)
        .then(|| text.chars().filter(|c| !is_forbidden_char(*c)).collect())
}

/// The schemes a link may use. Everything else (`javascript:`, `data:`, `vbscript:`, `file:`
/// …) is refused.
const LINK_SCHEMES: [&str; 3] = ["http", "https", "mailto"];

/// Whether a URL is safe to put in `href`: http, https, mailto, or a relative URL. The check
/// reads the URL the way a browser does (leading spaces and control characters ignored, tabs
/// and newlines removed anywhere, scheme case-insensitive); entities must already be decoded,
/// which pulldown-cmark does for Markdown links.
pub fn is_safe_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !(c.is_control() || c.is_whitespace() || *c == '\u{FEFF}'))
        .collect();
    if cleaned.is_empty() {
        return false;
    }
    // The scheme is whatever precedes the first `:` that comes before any `/`, `?` or `#`.
    match cleaned.find([':', '/', '?', '#']) {
        Some(i) if cleaned.as_bytes()[i] == b':' => {
            let scheme = &cleaned[..i];
            LINK_SCHEMES.iter().any(|s| s.eq_ignore_ascii_case(scheme))
        }
        // No scheme: relative (a path, query or fragment, or `//host`, which keeps the
        // page's own http or https).
        _ => true,
    }
}

/// The same check for images: no mailto.
fn is_safe_image_url(url: &str) -> bool {
    is_safe_url(url) && !url.trim_start().to_ascii_lowercase().starts_with("mailto:")
}

fn markdown_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Tags and attributes a raw HTML block may keep.
static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let tags: HashSet<&str> = [
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "cite",
        "code",
        "dd",
        "del",
        "dfn",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "time",
        "tr",
        "u",
        "ul",
        "var",
    ]
    .into_iter()
    .collect();
    let generic: HashSet<&str> = ["title", "lang", "dir"].into_iter().collect();
    let mut builder = ammonia::Builder::empty();
    builder
        .tags(tags)
        .generic_attributes(generic)
        .add_tag_attributes("a", ["href"])
        .add_tag_attributes("img", ["src", "alt", "width", "height"])
        .add_tag_attributes("time", ["datetime"])
        .add_tag_attributes("td", ["colspan", "rowspan"])
        .add_tag_attributes("th", ["colspan", "rowspan", "scope"])
        .url_schemes(LINK_SCHEMES.into_iter().collect())
        .link_rel(Some("noopener noreferrer"))
        .strip_comments(true);
    builder
});

/// Raw HTML from an HTML block, cleaned on its own.
pub fn clean_html_block(html: &str) -> String {
    CLEANER.clean(html).to_string()
}

/// Where a section's Markdown sits: its headings start below this level.
#[derive(Clone, Copy)]
pub struct RenderContext {
    /// The heading level of the section's own title (2 for an `h2`), so `#` in the body
    /// becomes an `h3`.
    pub section_level: u8,
}

/// A filter over pulldown-cmark events that makes them safe to write as HTML, and tees the
/// plain text into `text` (for JSON-LD `reviewBody`) when asked.
struct SafeEvents<'a, I> {
    inner: I,
    /// For each open link or image: whether its tags were dropped.
    dropped: Vec<bool>,
    /// An HTML block being gathered.
    html_block: Option<String>,
    context: RenderContext,
    text: Option<&'a mut String>,
}

impl<'a, 'e, I: Iterator<Item = Event<'e>>> Iterator for SafeEvents<'a, I> {
    type Item = Event<'e>;

    fn next(&mut self) -> Option<Event<'e>> {
        loop {
            let event = self.inner.next()?;
            let out = match event {
                Event::Start(Tag::HtmlBlock) => {
                    self.html_block = Some(String::new());
                    continue;
                }
                Event::Html(html) => {
                    if let Some(block) = self.html_block.as_mut() {
                        block.push_str(&html);
                        continue;
                    }
                    // An Html event outside a block does not occur; treat it as text anyway.
                    Event::Text(html)
                }
                Event::End(TagEnd::HtmlBlock) => {
                    let block = self.html_block.take().unwrap_or_default();
                    if let Some(text) = self.text.as_deref_mut() {
                        push_text_of_html(text, &block);
                    }
                    Event::Html(clean_html_block(&block).into())
                }
                Event::InlineHtml(html) => {
                    self.tee(&html);
                    Event::Text(html)
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    let safe = is_safe_url(&dest_url);
                    self.dropped.push(!safe);
                    if !safe {
                        continue;
                    }
                    Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    })
                }
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    let safe = is_safe_image_url(&dest_url);
                    self.dropped.push(!safe);
                    if !safe {
                        continue;
                    }
                    Event::Start(Tag::Image {
                        link_type,
                        dest_url,
                        title,
                        id,
                    })
                }
                Event::End(TagEnd::Link | TagEnd::Image) => {
                    if self.dropped.pop().unwrap_or(false) {
                        continue;
                    }
                    event
                }
                Event::Start(Tag::Heading {
                    level,
                    id: _,
                    classes: _,
                    attrs: _,
                }) => Event::Start(Tag::Heading {
                    level: self.shift(level),
                    id: None,
                    classes: Vec::new(),
                    attrs: Vec::new(),
                }),
                Event::End(TagEnd::Heading(level)) => {
                    Event::End(TagEnd::Heading(self.shift(level)))
                }
                Event::Text(t) => {
                    let t = match strip_forbidden(&t) {
                        Some(clean) => CowStr::from(clean),
                        None => t,
                    };
                    self.tee(&t);
                    Event::Text(t)
                }
                Event::Code(t) => {
                    let t = match strip_forbidden(&t) {
                        Some(clean) => CowStr::from(clean),
                        None => t,
                    };
                    self.tee(&t);
                    Event::Code(t)
                }
                Event::SoftBreak | Event::HardBreak => {
                    self.tee_break();
                    event
                }
                Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::CodeBlock) => {
                    self.tee_break();
                    event
                }
                // Math, footnotes and the like are not enabled; anything else is structure
                // that pulldown-cmark's writer escapes itself.
                other => other,
            };
            return Some(out);
        }
    }
}

impl<'a, I> SafeEvents<'a, I> {
    fn shift(&self, level: HeadingLevel) -> HeadingLevel {
        let n = level as u8 + self.context.section_level;
        HeadingLevel::try_from(usize::from(n.min(6))).unwrap_or(HeadingLevel::H6)
    }

    fn tee(&mut self, s: &str) {
        if let Some(text) = self.text.as_deref_mut() {
            text.push_str(s);
        }
    }

    /// One space between words of different lines and blocks, none doubled: the text is
    /// ready for JSON-LD without a second pass over it.
    fn tee_break(&mut self) {
        if let Some(text) = self.text.as_deref_mut() {
            if !text.is_empty() && !text.ends_with(' ') {
                text.push(' ');
            }
        }
    }
}

/// Rough text of an HTML block for the plain-text tee: tags removed.
fn push_text_of_html(out: &mut String, html: &str) {
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
}

/// Renders a section's Markdown to safe HTML, appending to `out`; appends its plain text to
/// `text` when given.
pub fn push_markdown_html(
    out: &mut String,
    markdown: &str,
    context: RenderContext,
    text: Option<&mut String>,
) {
    let events = SafeEvents {
        inner: Parser::new_ext(markdown, markdown_options()),
        dropped: Vec::new(),
        html_block: None,
        context,
        text,
    };
    pulldown_cmark::html::push_html(out, events);
}

/// Markdown to safe HTML (block level, headings from `h3`).
pub fn markdown_to_safe_html(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len() * 5 / 4 + 16);
    push_markdown_html(&mut out, markdown, RenderContext { section_level: 2 }, None);
    out
}

/// One line of Markdown (a headline, a standfirst) as inline HTML: paragraphs, headings and
/// lists are flattened, raw HTML is text, unsafe links lose their link.
pub fn push_inline_markdown_html(out: &mut String, markdown: &str) {
    let events = SafeEvents {
        inner: Parser::new_ext(markdown, markdown_options()),
        dropped: Vec::new(),
        html_block: None,
        context: RenderContext { section_level: 0 },
        text: None,
    }
    .filter_map(|event| match event {
        Event::Start(tag) if is_block(&tag) => None,
        Event::End(tag) if is_block_end(&tag) => None,
        // A raw HTML block in a headline shows as text.
        Event::Html(html) => Some(Event::Text(CowStr::from(html.trim().to_string()))),
        Event::SoftBreak | Event::HardBreak | Event::Rule => Some(Event::Text(" ".into())),
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        other => Some(other),
    });
    pulldown_cmark::html::push_html(out, events);
}

fn is_block(tag: &Tag<'_>) -> bool {
    !matches!(
        tag,
        Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }
    )
}

fn is_block_end(tag: &TagEnd) -> bool {
    !matches!(
        tag,
        TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image
    )
}

/// The plain text of a line of Markdown (for `<title>`, meta tags, JSON-LD, front matter):
/// no markup, whitespace collapsed.
pub fn markdown_plain_text(markdown: &str) -> String {
    let mut text = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, markdown_options()) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) => {
                text.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(tag) if is_block_end(&tag) => text.push(' '),
            _ => {}
        }
    }
    collapse_whitespace(&text)
}

/// Runs of whitespace become one space; control characters go.
pub fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| c.is_whitespace() || is_forbidden_char(c)) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Makes a critic's Markdown safe for a site generator that renders it itself (Markdown
/// export). The source is kept as written except where it would become markup:
/// - raw HTML (inline or block) is written as entities, so it shows as text;
/// - a link or image with an unsafe URL (or template syntax in its URL or title) is replaced
///   by its text, and a reference definition with an unsafe URL or template syntax is defused;
/// - `{{`, `{%` and `{:` in text are backslash-escaped, so Hugo shortcodes, Liquid tags in
///   Jekyll and kramdown attribute lists do not run;
/// - a fenced code block left open is closed, so it cannot swallow what follows.
///
/// A text the rewriting pass left unchanged is safe as it is: that pass saw every event the
/// check looks at and would have edited any unsafe one. A changed text is parsed again and
/// checked; if anything unsafe remains (a construct that only appears once its neighbour was
/// rewritten), it is rewritten once more, and failing that escaped as plain text.
pub fn sanitize_markdown(markdown: &str) -> String {
    sanitize_markdown_part(markdown).text
}

/// A text made safe by [`sanitize_markdown`], with what the document it goes into must know
/// about it to be safe as a whole.
pub(crate) struct SafePart {
    pub text: String,
    /// The text's last block is a list, which an indented line after it (in the same
    /// document, even after blank lines) would continue.
    pub ends_in_list: bool,
    /// The text has link reference definitions, which apply to the whole document.
    pub has_definitions: bool,
}

/// [`sanitize_markdown`] for one part of a document (a section's body): one parse when
/// nothing needs rewriting, which is almost always.
pub(crate) fn sanitize_markdown_part(markdown: &str) -> SafePart {
    let first = rewrite_markdown(markdown);
    if first.text == markdown && first.safe {
        debug_assert!(
            markdown_is_safe(markdown),
            "the rewrite missed: {markdown:?}"
        );
        return first.into_part();
    }
    let checked = scan(&first.text);
    if checked.safe {
        return checked.into_part_of(first.text);
    }
    let second = rewrite_markdown(&first.text);
    let checked = scan(&second.text);
    if checked.safe {
        return checked.into_part_of(second.text);
    }
    SafePart {
        text: escape_markdown_text(markdown),
        ends_in_list: false,
        has_definitions: false,
    }
}

/// Whether a Markdown text renders without raw HTML, unsafe URLs or template syntax outside
/// code (template engines read the raw file, so the source of each text is checked too).
pub fn markdown_is_safe(markdown: &str) -> bool {
    scan(markdown).safe
}

/// What one parse of a text found.
struct Scan {
    safe: bool,
    ends_in_list: bool,
    has_definitions: bool,
}

impl Scan {
    fn into_part_of(self, text: String) -> SafePart {
        SafePart {
            text,
            ends_in_list: self.ends_in_list,
            has_definitions: self.has_definitions,
        }
    }
}

/// Tracks whether the last top-level block of a text is a list, from its events.
#[derive(Default)]
struct LastBlock {
    depth: usize,
    is_list: bool,
}

impl LastBlock {
    fn see(&mut self, event: &Event<'_>) {
        match event {
            Event::Start(tag) => {
                if self.depth == 0 {
                    self.is_list = matches!(tag, Tag::List(_));
                }
                self.depth += 1;
            }
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            // A leaf at the top level (a rule).
            _ if self.depth == 0 => self.is_list = false,
            _ => {}
        }
    }
}

/// A reference definition that may not stay: an unsafe URL, or template syntax anywhere in
/// its source, URL or title.
/// (`pulldown_cmark::LinkDef` is not exported, hence its fields.)
fn definition_is_unsafe(dest: &str, title: Option<&str>, source: &str) -> bool {
    !is_safe_url(dest)
        || has_template_syntax(dest)
        || title.is_some_and(has_template_syntax)
        || has_template_syntax(source)
}

fn scan(markdown: &str) -> Scan {
    let parser = Parser::new_ext(markdown, markdown_options());
    let defs = parser.reference_definitions();
    let has_definitions = defs.iter().next().is_some();
    let unsafe_scan = Scan {
        safe: false,
        ends_in_list: false,
        has_definitions,
    };
    if defs.iter().any(|(_, def)| {
        definition_is_unsafe(&def.dest, def.title.as_deref(), &markdown[def.span.clone()])
    }) {
        return unsafe_scan;
    }
    let mut in_code = false;
    let mut last = LastBlock::default();
    for (event, range) in parser.into_offset_iter() {
        last.see(&event);
        let safe = match event {
            Event::Html(_) | Event::InlineHtml(_) => false,
            Event::Start(Tag::Link {
                dest_url, title, ..
            }) => {
                is_safe_url(&dest_url)
                    && !has_template_syntax(&dest_url)
                    && !has_template_syntax(&title)
            }
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                is_safe_image_url(&dest_url)
                    && !has_template_syntax(&dest_url)
                    && !has_template_syntax(&title)
            }
            Event::Start(Tag::CodeBlock(_)) => {
                in_code = true;
                true
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code = false;
                true
            }
            Event::Text(t) if !in_code => {
                !has_template_syntax(&t) && !has_template_syntax(&markdown[range])
            }
            _ => true,
        };
        if !safe {
            return unsafe_scan;
        }
    }
    Scan {
        safe: true,
        ends_in_list: last.is_list,
        has_definitions,
    }
}

pub(crate) fn has_template_syntax(text: &str) -> bool {
    // One pass for `{` (rare in prose) instead of three substring searches: this runs on
    // every text event of every export.
    let bytes = text.as_bytes();
    bytes
        .iter()
        .enumerate()
        .any(|(i, &b)| b == b'{' && matches!(bytes.get(i + 1), Some(b'{' | b'%' | b':')))
}

/// Where a backslash defuses template syntax in `text`: before each `{`, `%` or `:` that
/// follows a `{` (so `{{{` becomes `{\{\{`), as byte offsets from `offset`.
fn template_escapes(text: &str, offset: usize, escapes: &mut Vec<usize>) {
    let bytes = text.as_bytes();
    for i in 1..bytes.len() {
        if bytes[i - 1] == b'{' && matches!(bytes[i], b'{' | b'%' | b':') {
            escapes.push(offset + i);
        }
    }
}

/// Copies the source to the output with edits; also inserts a backslash at each of
/// `escapes` (sorted byte offsets) that it copies past.
struct Rewriter<'a> {
    src: &'a str,
    out: String,
    pos: usize,
    escapes: Vec<usize>,
    next_escape: usize,
}

impl Rewriter<'_> {
    fn copy_to(&mut self, to: usize) {
        while let Some(&at) = self.escapes.get(self.next_escape) {
            if at >= to {
                break;
            }
            if at >= self.pos {
                self.out.push_str(&self.src[self.pos..at]);
                self.out.push('\\');
                self.pos = at;
            }
            self.next_escape += 1;
        }
        if to > self.pos {
            self.out.push_str(&self.src[self.pos..to]);
            self.pos = to;
        }
    }

    fn skip_to(&mut self, to: usize) {
        self.pos = self.pos.max(to);
    }
}

/// One rewriting pass, and what its parse of the source found: `safe` when the source had
/// nothing the check refuses (then the output is the source), as [`scan`] would say.
struct Rewrite {
    text: String,
    safe: bool,
    ends_in_list: bool,
    has_definitions: bool,
}

impl Rewrite {
    fn into_part(self) -> SafePart {
        SafePart {
            text: self.text,
            ends_in_list: self.ends_in_list,
            has_definitions: self.has_definitions,
        }
    }
}

fn rewrite_markdown(markdown: &str) -> Rewrite {
    let parser = Parser::new_ext(markdown, markdown_options());
    let defs = parser.reference_definitions();
    let has_definitions = defs.iter().next().is_some();
    // A reference definition with an unsafe URL becomes text (its `[` escaped, and any
    // template syntax in it): left alone it would make `[x][r]` in another section, or in
    // the headline, a link once the sections are one document.
    let mut escapes: Vec<usize> = Vec::new();
    for (_, def) in defs.iter() {
        let source = &markdown[def.span.clone()];
        if definition_is_unsafe(&def.dest, def.title.as_deref(), source) {
            if let Some(i) = source.find('[') {
                escapes.push(def.span.start + i);
            }
            template_escapes(source, def.span.start, &mut escapes);
        }
    }
    let mut safe = escapes.is_empty();
    escapes.sort_unstable();
    escapes.dedup();
    let mut w = Rewriter {
        src: markdown,
        out: String::with_capacity(markdown.len() + 16),
        pos: 0,
        escapes,
        next_escape: 0,
    };
    // For each open link or image: if dropped, (end of the whole link, end of its text).
    let mut links: Vec<Option<(usize, usize)>> = Vec::new();
    let mut in_code = false;
    let mut open_fence = None;
    let mut last = LastBlock::default();
    let end_of_text = markdown.trim_end().len();
    for (event, range) in parser.into_offset_iter() {
        last.see(&event);
        if range.start < w.pos && !matches!(event, Event::End(_)) {
            // Already copied or replaced (an event nested in one we rewrote).
            continue;
        }
        let extends_link_text = matches!(
            event,
            Event::Text(_)
                | Event::Code(_)
                | Event::SoftBreak
                | Event::HardBreak
                | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough)
        );
        match event {
            Event::Html(html) | Event::InlineHtml(html) => {
                safe = false;
                w.copy_to(range.start);
                escape_html_for_markdown(&mut w.out, &html);
                w.skip_to(range.end);
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                in_code = true;
                if let pulldown_cmark::CodeBlockKind::Fenced(_) = kind {
                    if range.end >= end_of_text {
                        open_fence = unclosed_fence(&markdown[range.start..end_of_text]);
                    }
                }
            }
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(t) if !in_code => {
                let source = &markdown[range.clone()];
                if has_template_syntax(source) {
                    safe = false;
                    w.copy_to(range.start);
                    w.out.push_str(&escape_template_syntax(source));
                    w.skip_to(range.end);
                } else if has_template_syntax(&t) {
                    // Only in the decoded text (an entity): not rewritten, so not safe as
                    // it is; the caller's check decides.
                    safe = false;
                }
            }
            Event::Start(Tag::Link {
                ref dest_url,
                ref title,
                ..
            })
            | Event::Start(Tag::Image {
                ref dest_url,
                ref title,
                ..
            }) => {
                // Template syntax in a URL or title would run too: such a link goes.
                let keep = !has_template_syntax(dest_url)
                    && !has_template_syntax(title)
                    && match event {
                        Event::Start(Tag::Image { .. }) => is_safe_image_url(dest_url),
                        _ => is_safe_url(dest_url),
                    };
                if keep {
                    links.push(None);
                } else {
                    safe = false;
                    w.copy_to(range.start);
                    // Skip the opening `[`, `![` or `<`; the text follows.
                    let text_start = markdown[range.clone()]
                        .find(|c| c != '!' && c != '[' && c != '<')
                        .map_or(range.end, |i| range.start + i);
                    w.skip_to(text_start);
                    links.push(Some((range.end, text_start)));
                }
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if let Some(Some((link_end, text_end))) = links.pop() {
                    w.copy_to(text_end);
                    w.skip_to(link_end);
                }
            }
            _ => {}
        }
        if extends_link_text {
            if let Some(Some((_, text_end))) = links.last_mut() {
                *text_end = (*text_end).max(range.end);
            }
        }
    }
    w.copy_to(markdown.len());
    let mut out = w.out;
    if let Some(fence) = open_fence {
        out.truncate(out.trim_end().len());
        out.push('\n');
        out.push_str(&fence);
    }
    Rewrite {
        text: out,
        safe,
        ends_in_list: last.is_list,
        has_definitions,
    }
}

/// The closing fence a fenced code block at the end of a text lacks, if it lacks one.
fn unclosed_fence(block: &str) -> Option<String> {
    let opening = block.trim_start();
    let fence_char = opening.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let fence_len = opening.chars().take_while(|c| *c == fence_char).count();
    let last_line = block.lines().last().unwrap_or("").trim();
    let closed = block.lines().count() > 1
        && last_line.len() >= fence_len
        && last_line.chars().all(|c| c == fence_char);
    (!closed).then(|| fence_char.to_string().repeat(fence_len.max(3)))
}

fn escape_html_for_markdown(out: &mut String, html: &str) {
    for c in html.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            c if is_forbidden_char(c) => {}
            c => out.push(c),
        }
    }
}

fn escape_template_syntax(source: &str) -> String {
    source
        .replace("{{", "{\\{")
        .replace("{%", "{\\%")
        .replace("{:", "{\\:")
}

/// Plain text as Markdown that renders to exactly that text: every ASCII punctuation
/// character is backslash-escaped, line breaks become spaces.
pub fn escape_markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
            out.push(c);
        } else if c == '\n' || c == '\r' || c == '\t' {
            out.push(' ');
        } else if !is_forbidden_char(c) {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // A test that cannot unwrap has failed.
mod tests {
    use super::*;

    #[test]
    fn urls() {
        for ok in [
            "https://example.com/a",
            "HTTP://x",
            "mailto:a@b.c",
            "/relative",
            "relative/path",
            "#frag",
            "?q=1",
            "//example.com",
        ] {
            assert!(is_safe_url(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "\u{1}javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:x",
            "file:///etc/passwd",
            "",
            "   ",
        ] {
            assert!(!is_safe_url(bad), "{bad:?}");
        }
    }

    #[test]
    fn raw_html_and_bad_links_are_defused() {
        let html = markdown_to_safe_html(
            "Hi <img src=x onerror=alert(1)> [x](javascript:alert(1)) [ok](https://a.b)\n\n<div onclick=\"x()\"><script>alert(1)</script><b>bold</b></div>\n",
        );
        assert!(
            html.contains("&lt;img src=x onerror=alert(1)&gt;"),
            "{html}"
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(html.contains("<a href=\"https://a.b\">ok</a>"), "{html}");
        assert!(html.contains("<b>bold</b>"), "{html}");
    }

    #[test]
    fn headings_move_below_the_section() {
        assert_eq!(markdown_to_safe_html("# A"), "<h3>A</h3>\n");
        assert_eq!(markdown_to_safe_html("##### A"), "<h6>A</h6>\n");
    }

    #[test]
    fn markdown_sanitiser_keeps_what_is_safe() {
        let md = "A *b* [c](https://d.e) `<code>`\n\n```\n<script>\n```\n";
        assert_eq!(sanitize_markdown(md), md);
        assert_eq!(sanitize_markdown("a [x](javascript:alert(1)) b"), "a x b");
        assert_eq!(
            sanitize_markdown("a <script>alert(1)</script> b"),
            "a &lt;script&gt;alert(1)&lt;/script&gt; b"
        );
        assert_eq!(
            sanitize_markdown("<javascript:alert(1)>"),
            "javascript:alert(1)"
        );
        assert_eq!(
            sanitize_markdown("{{< x >}} {% y %}"),
            "{\\{< x >}} {\\% y %}"
        );
        assert!(markdown_is_safe(&sanitize_markdown(
            "[**a** `b`](javascript:x)"
        )));
        assert_eq!(sanitize_markdown("[**a** `b`](javascript:x)"), "**a** `b`");
        assert_eq!(
            sanitize_markdown("[x][r]\n\n[r]: javascript:alert(1)"),
            "x\n\n\\[r]: javascript:alert(1)"
        );
        assert_eq!(
            sanitize_markdown("```\n{{< x >}}\n```"),
            "```\n{{< x >}}\n```"
        );
        assert_eq!(
            sanitize_markdown("a\n\n```rust\nfn x"),
            "a\n\n```rust\nfn x\n```"
        );
        assert_eq!(sanitize_markdown("~~~~\nx\n"), "~~~~\nx\n~~~~");
    }
}
