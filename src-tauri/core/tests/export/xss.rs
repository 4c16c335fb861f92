//! Every XSS vector in every field; no export may contain an executable construct. Outputs
//! are parsed with a real HTML parser (html5ever, through scraper), the way a browser would.

use filmdesk_core::export::samples::full_review;
use filmdesk_core::export::{
    render, render_html_fragment, review_json_ld, ExportFormat, ExportOptions, Preset,
};
use filmdesk_core::model::{CastMember, RelatedLink, Review};
use filmdesk_core::rating::RatingScale;
use proptest::strategy::Strategy;
use scraper::{Html, Node};

const VECTORS: &[&str] = &[
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=\"jav&#x09;ascript:alert(1);\">",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " \u{1}javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript&#x3A;alert(1)",
    "javascript&colon;alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "data:text/html,<script>alert(1)</script>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<embed src=\"javascript:alert(1)\">",
    "<style>body{background:url(javascript:alert(1))}</style>",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "\"><script>alert(1)</script>",
    "'><img src=x onerror=alert(1)>",
    "\" onmouseover=\"alert(1)",
    "' onfocus='alert(1)' autofocus '",
    "</script><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "</style><script>alert(1)</script>",
    "<!--<script>alert(1)</script>-->",
    "--><script>alert(1)</script>",
    "<![CDATA[<script>alert(1)</script>]]>",
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1) \"t\")",
    "[x]( javascript:alert(1) )",
    "[x](<javascript:alert(1)>)",
    "[x](&#106;avascript:alert(1))",
    "[x](java\\script:alert(1))",
    "[x][r]\n\n[r]: javascript:alert(1)",
    "[x][r]\n\n[r]: https://ok.example \"{{< param x >}}\"",
    "![x](javascript:alert(1))",
    "![x](data:image/svg+xml,<svg onload=alert(1)>)",
    "[![x](https://ok.example/i.png)](javascript:alert(1))",
    "[a <img src=x onerror=alert(1)> b](javascript:alert(1))",
    "<javascript:alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<a href=\"https://ok.example\" onclick=\"alert(1)\">x</a>",
    "<form action=\"javascript:alert(1)\"><button>x</button></form>",
    "<input onfocus=alert(1) autofocus>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<base href=\"javascript:alert(1)//\">",
    "<link rel=stylesheet href=javascript:alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<body onload=alert(1)>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    "<template><script>alert(1)</script></template>",
    "<div>\n<script>alert(1)</script>\n</div>",
    "<p>\n\n<script>alert(1)</script>",
    "{{< param x >}} {{% y %}} {% include x %} {{ site.title }}",
    "{: onclick=\"alert(1)\"}",
    "\u{2028}\u{2029}</script>\u{0}\u{7f}\u{85}",
    "```\n<script>alert(1)</script>",
    "`<script>alert(1)</script>`",
];

/// The review with `v` in every text field.
fn poisoned(v: &str) -> Review {
    let mut r = full_review(RatingScale::FiveStars);
    let f = &mut r.film;
    f.title = v.into();
    f.original_title = format!("{v} orig");
    f.directors = vec![v.into(), format!("Dir {v}")];
    f.cast = vec![
        CastMember {
            actor: v.into(),
            character: v.into(),
        },
        CastMember {
            actor: "Ann".into(),
            character: format!("x {v}"),
        },
    ];
    f.genres = vec![v.into()];
    f.countries = vec![v.into()];
    f.languages = vec![v.into()];
    f.where_to_watch = v.into();
    f.imdb_id = v.into();
    for s in &mut r.sections {
        s.title = v.into();
        s.body = format!("{v}\n\nText {v} more\n\n{v}");
    }
    r.byline = v.into();
    r.publication = v.into();
    r.tags = vec![v.into(), format!("t {v}")];
    r.links = vec![
        RelatedLink {
            title: v.into(),
            url: v.into(),
        },
        RelatedLink {
            title: "ok".into(),
            url: v.into(),
        },
    ];
    r
}

const URL_ATTRS: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "background",
    "srcset",
    "xlink:href",
    "cite",
    "longdesc",
    "usemap",
    "ping",
];
const FORBIDDEN: &[&str] = &[
    "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input", "button",
    "textarea", "select", "base", "link", "svg", "math", "video", "audio", "source", "template",
    "noscript", "param", "portal",
];

fn url_is_dangerous(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:", "file:"]
        .iter()
        .any(|s| cleaned.starts_with(s))
}

/// Every executable construct in an HTML document or fragment; `allowed_scripts` JSON-LD
/// scripts and `allowed_styles` style elements are ours.
fn executable_constructs(html: &str, fragment: bool, page_css: Option<&str>) -> Vec<String> {
    let doc = if fragment {
        Html::parse_fragment(html)
    } else {
        Html::parse_document(html)
    };
    let mut found = Vec::new();
    let mut json_ld = 0;
    let mut styles = 0;
    for node in doc.tree.nodes() {
        match node.value() {
            Node::Element(el) => {
                let name = el.name();
                if name == "script" {
                    let text: String = node
                        .descendants()
                        .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
                        .collect();
                    if !fragment
                        && el.attr("type") == Some("application/ld+json")
                        && el.attrs().count() == 1
                        && serde_json::from_str::<serde_json::Value>(&text).is_ok()
                    {
                        json_ld += 1;
                    } else {
                        found.push(format!("script element: {text:?}"));
                    }
                }
                if name == "style" {
                    styles += 1;
                    let text: String = node
                        .descendants()
                        .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
                        .collect();
                    if page_css
                        .is_none_or(|css| !text.contains(css.trim()) || text.len() > css.len() + 2)
                    {
                        found.push(format!("style element: {text:?}"));
                    }
                }
                if name == "meta" && el.attr("http-equiv").is_some() {
                    found.push("meta http-equiv".into());
                }
                if FORBIDDEN.contains(&name) {
                    found.push(format!("<{name}> element"));
                }
                for (attr, value) in el.attrs() {
                    let attr = attr.to_ascii_lowercase();
                    if attr.starts_with("on") {
                        found.push(format!("event handler {attr}={value:?} on <{name}>"));
                    }
                    if attr == "style" {
                        found.push(format!("style attribute on <{name}>"));
                    }
                    if URL_ATTRS.contains(&attr.as_str()) && url_is_dangerous(value) {
                        found.push(format!("{attr}={value:?} on <{name}>"));
                    }
                    // A meta's content is text unless it names a URL (og:url, og:image …).
                    let url_meta = el.attr("property").is_some_and(|p| {
                        p.starts_with("og:url")
                            || p.starts_with("og:image")
                            || p.starts_with("og:video")
                            || p.starts_with("og:audio")
                    });
                    if name == "meta" && attr == "content" && url_meta && url_is_dangerous(value) {
                        found.push(format!("meta content {value:?}"));
                    }
                }
            }
            Node::ProcessingInstruction(_) => found.push("processing instruction".into()),
            _ => {}
        }
    }
    if json_ld > 1 {
        found.push(format!("{json_ld} JSON-LD scripts"));
    }
    if styles > 1 {
        found.push(format!("{styles} style elements"));
    }
    found
}

/// Markdown as the most permissive site generator would render it (raw HTML passed through).
fn render_markdown_permissively(md: &str) -> String {
    let body = match md.strip_prefix("---\n") {
        Some(rest) => &rest[rest.find("\n---\n").unwrap() + 5..],
        None => md,
    };
    let mut html = String::new();
    pulldown_cmark::html::push_html(
        &mut html,
        pulldown_cmark::Parser::new_ext(
            body,
            pulldown_cmark::Options::ENABLE_TABLES | pulldown_cmark::Options::ENABLE_STRIKETHROUGH,
        ),
    );
    html
}

const PAGE_CSS: &str = include_str!("../../src/export/review.css");

#[test]
fn no_export_contains_an_executable_construct() {
    let mut failures = Vec::new();
    for v in VECTORS {
        let review = poisoned(v);
        let options = ExportOptions {
            lang: (*v).into(),
            ..ExportOptions::default()
        };
        let page = render(&review, &options).unwrap();
        for f in executable_constructs(&page, false, Some(PAGE_CSS)) {
            failures.push(format!("page, vector {v:?}: {f}"));
        }
        let fragment = render_html_fragment(&review);
        for f in executable_constructs(&fragment, true, None) {
            failures.push(format!("fragment, vector {v:?}: {f}"));
        }
        // The JSON-LD as it sits in the page: nothing in it can close the script element.
        let start = page.find("<script type=\"application/ld+json\">").unwrap() + 35;
        let end = start + page[start..].find("</script>").unwrap();
        let script = &page[start..end];
        if script.contains('<') || script.contains('>') {
            failures.push(format!("json-ld, vector {v:?}: raw < or > in the script"));
        }
        let parsed: serde_json::Value = serde_json::from_str(script).unwrap();
        if parsed["itemReviewed"]["name"] != review_json_ld(&review, "")["itemReviewed"]["name"] {
            failures.push(format!("json-ld, vector {v:?}: film name changed"));
        }
        for preset in Preset::ALL {
            let md = render(&review, &ExportOptions::new(ExportFormat::Markdown, preset)).unwrap();
            let html = render_markdown_permissively(&md);
            for f in executable_constructs(&html, true, None) {
                failures.push(format!("markdown {preset:?}, vector {v:?}: {f}"));
            }
            let body = md.strip_prefix("---\n").map_or(md.as_str(), |rest| {
                &rest[rest.find("\n---\n").unwrap() + 5..]
            });
            // Template syntax outside code would run in Hugo (shortcodes) or Jekyll (Liquid).
            let outside_code: String = body.split("```").step_by(2).collect();
            for pattern in ["{{", "{%"] {
                if outside_code.contains(pattern) {
                    failures.push(format!("markdown {preset:?}, vector {v:?}: {pattern}"));
                }
            }
            if preset != Preset::None {
                let rest = &md[4..];
                let front = &rest[..rest.find("\n---\n").unwrap()];
                if let Err(e) = yaml_rust2::YamlLoader::load_from_str(front) {
                    failures.push(format!("markdown {preset:?}, vector {v:?}: bad YAML {e}"));
                }
            }
        }
        let json = render(
            &review,
            &ExportOptions::new(ExportFormat::Json, Preset::None),
        )
        .unwrap();
        assert_eq!(filmdesk_core::export::from_json(&json).unwrap(), review);
    }
    assert!(
        failures.is_empty(),
        "{} executable constructs:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The review with its body sections replaced by untitled, unspoilered `bodies`, so each one
/// follows the one before with only a blank line between.
fn with_bodies(bodies: &[&str]) -> Review {
    use filmdesk_core::model::{Section, SectionRole};
    let mut r = full_review(RatingScale::FiveStars);
    r.sections.retain(|s| s.role != SectionRole::Body);
    for (i, body) in bodies.iter().enumerate() {
        r.sections.push(Section {
            id: format!("part-{i}"),
            title: String::new(),
            role: SectionRole::Body,
            body: (*body).into(),
            word_target: None,
            spoiler: false,
        });
    }
    r
}

/// Each section here is safe on its own (the exporter leaves it as it is), but together they
/// parse as something else, because the Markdown export is one document: a link reference
/// definition applies to every section, and a list at the end of one section continues into
/// the next one's indented lines. The exporter must check such a body as a whole; without
/// that check every case here lets markup through.
#[test]
fn sections_that_combine_into_markup_are_caught() {
    let cases: &[&[&str]] = &[
        // With `r` defined, `[x][r]` is a link and the `<img …>` that was its neighbour's
        // destination is raw HTML.
        &[
            "[x][r](<img src=x onerror=alert(1)>)",
            "[r]: https://ok.example",
        ],
        &[
            "[r]: https://ok.example",
            "[x][r](<img src=x onerror=alert(1)>)",
        ],
        // Alone an indented code block; after a list, raw HTML inside its last item.
        &["- item", "    <script>alert(1)</script>"],
        &["1. item", "    <img src=x onerror=alert(1)>"],
        // Any number of blank lines (an empty section) keep the list open.
        &["- item", "\u{1}", "    <img src=x onerror=alert(1)>"],
        // In the list item, a definition with a javascript: URL for a link elsewhere.
        &["[x][r]", "- item", "    [r]: javascript:alert(1)"],
    ];
    let mut failures = Vec::new();
    for bodies in cases {
        let review = with_bodies(bodies);
        for preset in Preset::ALL {
            let md = render(&review, &ExportOptions::new(ExportFormat::Markdown, preset)).unwrap();
            let html = render_markdown_permissively(&md);
            for f in executable_constructs(&html, true, None) {
                failures.push(format!("{preset:?}, {bodies:?}: {f}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Pieces of Markdown that open, close or continue constructs, for texts that may combine
/// with their neighbours in unexpected ways.
const PIECES: &[&str] = &[
    "- ",
    "1. ",
    "  ",
    "    ",
    "\n",
    "\n\n",
    "> ",
    "```",
    "~~~",
    "[r]: ",
    "[x][r]",
    "[r]",
    "[x]",
    "(<img src=x onerror=alert(1)>)",
    "<script>alert(1)</script>",
    "<img src=x onerror=a>",
    "<div>",
    "<!--",
    "-->",
    "javascript:alert(1)",
    "https://ok.example",
    "{{",
    "{%",
    "{:",
    "{",
    "&#123;",
    "\\",
    "<",
    ">",
    "[",
    "]",
    "(",
    ")",
    "\"",
    "|",
    "---",
    "*",
    "_",
    "`",
    "word",
    "\t",
    "<javascript:alert(1)>",
    "![",
    "](",
    "\u{1}",
];

fn soup() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(PIECES), 0..24).prop_map(|p| p.concat())
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 300, ..Default::default() })]

    /// Headline, standfirst and three untitled sections of Markdown soup: the export is
    /// inert however they combine. (In debug builds the exporter also asserts that a body
    /// it did not check as a whole passes the whole-body check.)
    #[test]
    fn markdown_soup_in_every_text_stays_inert(
        headline in soup(), standfirst in soup(), a in soup(), b in soup(), c in soup(),
    ) {
        let mut review = with_bodies(&[&a, &b, &c]);
        review.sections[0].body = headline;
        review.sections[1].body = standfirst;
        for preset in [Preset::None, Preset::Hugo] {
            let md = render(&review, &ExportOptions::new(ExportFormat::Markdown, preset)).unwrap();
            let html = render_markdown_permissively(&md);
            let found = executable_constructs(&html, true, None);
            proptest::prop_assert!(found.is_empty(), "{:?}\n{}", found, md);
        }
    }
}

#[test]
fn a_headline_is_made_safe_as_a_heading() {
    // Alone this line is a code fence whose info string is the markup; on the heading's
    // line it would be raw HTML.
    for headline in [
        "~~~ <img src=x onerror=alert(1)>",
        "``` <script>alert(1)</script>",
    ] {
        let mut review = full_review(RatingScale::FiveStars);
        review.sections[0].body = headline.into();
        let md = render(
            &review,
            &ExportOptions::new(ExportFormat::Markdown, Preset::None),
        )
        .unwrap();
        let html = render_markdown_permissively(&md);
        assert_eq!(
            executable_constructs(&html, true, None),
            Vec::<String>::new(),
            "{md}"
        );
        assert!(
            md.starts_with("# ~~~ &lt;img") || md.starts_with("# ``` &lt;script"),
            "{md}"
        );
    }
}

#[test]
fn the_checker_finds_what_it_looks_for() {
    // The detector itself must not be blind.
    for (html, what) in [
        ("<p><script>x</script></p>", "script"),
        ("<img src=x onerror=y>", "event handler"),
        ("<a href=' javascript:x'>a</a>", "href"),
        ("<iframe></iframe>", "iframe"),
        ("<p style=\"x\">a</p>", "style attribute"),
        ("<svg><a href=\"data:x\">a</a></svg>", "svg"),
    ] {
        let found = executable_constructs(html, true, None);
        assert!(found.iter().any(|f| f.contains(what)), "{html}: {found:?}");
    }
}
