//! The live preview of an article in the editor.
//!
//! Interim renderer: escaped text only, until the export module's sanitised HTML fragment
//! replaces it (the preview must show exactly what the export writes).

use crate::model::{Review, SectionRole};

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

pub fn render(review: &Review) -> String {
    let mut html = String::from("<article>");
    html.push_str(&format!("<h1>{}</h1>", escape(review.headline())));
    for section in &review.sections {
        match section.role {
            SectionRole::Headline => {}
            SectionRole::Standfirst => {
                html.push_str(&format!("<p class=\"standfirst\">{}</p>", escape(section.body.trim())))
            }
            SectionRole::Body => {
                html.push_str(&format!("<h2>{}</h2>", escape(&section.title)));
                for paragraph in section.body.split("\n\n").filter(|p| !p.trim().is_empty()) {
                    html.push_str(&format!("<p>{}</p>", escape(paragraph.trim())));
                }
            }
        }
    }
    html.push_str("</article>");
    html
}
