//! Note Markdown as plain text: the words, for search indexes, feed summaries and meta
//! descriptions, and shortening them for snippets.

use pulldown_cmark::{Event, Parser, TagEnd};

use super::{is_plain_line, options};

/// Note Markdown as plain text, for search indexes, feed summaries and meta descriptions:
/// the words of every block, one space between blocks, whitespace collapsed.
pub fn to_plain_text(markdown: &str) -> String {
    if is_plain_line(markdown) {
        return plain_of_line(markdown);
    }
    to_plain_text_parsed(markdown)
}

/// [`to_plain_text`] of a plain line: its only whitespace is spaces, collapsed where two
/// meet.
pub(super) fn plain_of_line(line: &str) -> String {
    if line.contains("  ") {
        line.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        line.to_string()
    }
}

/// [`to_plain_text`] through pulldown-cmark.
pub(super) fn to_plain_text_parsed(markdown: &str) -> String {
    let mut text = String::new();
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            // Inline markup can end inside a word ("*wor*ld"), so only blocks and line
            // breaks separate words.
            Event::End(
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image,
            ) => {}
            Event::SoftBreak | Event::HardBreak | Event::Rule | Event::End(_) => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first `max_chars` characters of plain `text`, cut at a space when there is one in
/// the second half, with `…` when anything was cut (for snippets and descriptions).
pub fn shorten(text: &str, max_chars: usize) -> String {
    let Some((cut, _)) = text.char_indices().nth(max_chars) else {
        return text.to_string();
    };
    let head = &text[..cut];
    let head = match head.rfind(' ') {
        Some(space) if space > cut / 2 => &head[..space],
        _ => head,
    };
    format!("{}…", head.trim_end())
}
