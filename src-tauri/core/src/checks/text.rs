//! The words of a section as the checks see them: Markdown syntax, code, HTML, URLs and
//! e-mail addresses are skipped; every word keeps its byte range in the section body.
//!
//! A section is split into its top-level Markdown blocks (paragraphs, headings, list items
//! of a top-level list, ...). Checks run per block so that a keystroke re-checks one block.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag};

/// One top-level block of a section, with the ranges of its prose, all in body bytes.
pub struct Block {
    pub range: Range<usize>,
    pub texts: Vec<Range<usize>>,
}

/// The top-level blocks of `body` and the prose inside each.
pub fn blocks(body: &str) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut depth = 0usize;
    // Inside code, raw HTML or an autolink nothing is prose.
    let mut skip = 0usize;
    let parser = Parser::new_ext(body, Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES);
    for (event, range) in parser.into_offset_iter() {
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    blocks.push(Block {
                        range: range.clone(),
                        texts: Vec::new(),
                    });
                }
                depth += 1;
                let skipped = match tag {
                    Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_) => true,
                    Tag::Link { link_type, .. } => {
                        matches!(link_type, LinkType::Autolink | LinkType::Email)
                    }
                    _ => false,
                };
                if skipped || skip > 0 {
                    skip += 1;
                }
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                skip = skip.saturating_sub(1);
            }
            // Only text that appears in the source as it is: an entity or an escape would make
            // the offsets lie, and is never a word worth flagging.
            Event::Text(text) if skip == 0 && body.get(range.clone()) == Some(text.as_ref()) => {
                if let Some(block) = blocks.last_mut() {
                    block.texts.push(range);
                }
            }
            _ => {}
        }
    }
    blocks
}

/// A word in a block: its text and its byte range in the section body.
#[derive(Debug, Clone)]
pub struct Token<'a> {
    pub text: &'a str,
    pub range: Range<usize>,
    /// The word opens a sentence (or a line), where a capital says nothing.
    pub sentence_start: bool,
    /// Index of the sentence within the block.
    pub sentence: usize,
}

pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Apostrophes and hyphens join two runs into one word ("don't", "well-made"). Unlike the word
/// count, full stops and commas split: "U.S." is two letters, not a word to spell-check.
fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '-' | '\u{2010}' | '\u{2011}')
}

/// A whitespace-delimited chunk that is a URL, a domain or an e-mail address.
fn is_address(chunk: &str) -> bool {
    chunk.contains("://") || chunk.starts_with("www.") || chunk.contains('@')
}

/// The words of one block, in order. `block_start` is the block's byte offset in `body`.
pub fn tokens<'a>(body: &'a str, block: &Block) -> Vec<Token<'a>> {
    let mut out: Vec<Token<'a>> = Vec::new();
    for text_range in &block.texts {
        let text = &body[text_range.clone()];
        let mut chunk_start = 0;
        for chunk in text.split_inclusive(char::is_whitespace) {
            let offset = text_range.start + chunk_start;
            chunk_start += chunk.len();
            if is_address(chunk.trim_end()) {
                continue;
            }
            words_in(chunk, offset, &mut out);
        }
    }
    let mut sentence = 0;
    for token in out.iter_mut() {
        token.sentence_start = opens_sentence(&body[block.range.start..token.range.start]);
        if token.sentence_start {
            sentence += 1;
        }
        token.sentence = sentence;
    }
    out
}

fn words_in<'a>(chunk: &'a str, offset: usize, out: &mut Vec<Token<'a>>) {
    let mut start: Option<usize> = None;
    let mut chars = chunk.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_word_char(c) {
            start.get_or_insert(i);
        } else if start.is_some()
            && is_joiner(c)
            && chars.peek().is_some_and(|(_, n)| is_word_char(*n))
        {
            // Inside the word.
        } else if let Some(s) = start.take() {
            push(chunk, s, i, offset, out);
        }
    }
    if let Some(s) = start {
        push(chunk, s, chunk.len(), offset, out);
    }
}

fn push<'a>(chunk: &'a str, start: usize, end: usize, offset: usize, out: &mut Vec<Token<'a>>) {
    out.push(Token {
        text: &chunk[start..end],
        range: offset + start..offset + end,
        sentence_start: false,
        sentence: 0,
    });
}

/// Whether the text before a word (within its block) ends a sentence: looking back past
/// spaces, quotes, brackets and Markdown marks, we reach the block's start, a line break, or
/// sentence punctuation.
fn opens_sentence(before: &str) -> bool {
    for c in before.chars().rev() {
        match c {
            '\n' | '.' | '!' | '?' | ':' | '\u{2026}' => return true,
            ' ' | '\t' | '"' | '\'' | '\u{201C}' | '\u{2018}' | '(' | '[' | '*' | '_' | '>'
            | '#' | '-' | '\u{2014}' | '\u{2013}' | '+' | '|' => continue,
            c if c.is_ascii_digit() => continue,
            _ => return false,
        }
    }
    true
}

/// Whether a word starts with a capital letter.
pub fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// UTF-16 code units in `text` (CodeMirror counts positions this way).
pub fn utf16_len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

/// 1-based line and column (in characters) of a byte offset, for people reading the output.
pub fn line_col(body: &str, byte: usize) -> (usize, usize) {
    let before = &body[..byte.min(body.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// The words of a name ("Jean-Luc Godard" → "Jean-Luc", "Godard").
pub fn tokens_of_name(name: &str) -> Vec<&str> {
    let mut out = Vec::new();
    words_in(name, 0, &mut out);
    out.into_iter().map(|t| t.text).collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // A test that cannot unwrap has failed.
mod tests {
    use super::*;

    fn words(body: &str) -> Vec<String> {
        blocks(body)
            .iter()
            .flat_map(|b| tokens(body, b))
            .map(|t| t.text.to_string())
            .collect()
    }

    #[test]
    fn markdown_code_and_addresses_are_skipped() {
        let body = "# Big *night*\n\nSee `teh code` and <https://x.example/abc> or \
                    www.example.com, mail a@b.org.\n\n```\nnot prose\n```\n\n[well-made link](https://u.example/zzz) don't";
        assert_eq!(
            words(body),
            [
                "Big",
                "night",
                "See",
                "and",
                "or",
                "mail",
                "well-made",
                "link",
                "don't"
            ]
        );
    }

    #[test]
    fn offsets_point_into_the_body() {
        let body = "Çiçek *and* Defne's cat.";
        for block in blocks(body) {
            for t in tokens(body, &block) {
                assert_eq!(&body[t.range.clone()], t.text);
            }
        }
        assert_eq!(utf16_len("Çiçek 🎬"), 8);
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
    }

    #[test]
    fn sentences_are_counted() {
        let body = "One word. Two words! \"Three\" here";
        let block = &blocks(body)[0];
        let toks = tokens(body, block);
        let starts: Vec<bool> = toks.iter().map(|t| t.sentence_start).collect();
        assert_eq!(starts, [true, false, true, false, true, false]);
        assert_eq!(toks.last().map(|t| t.sentence), Some(3));
    }
}
