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
        collapse_whitespace(line)
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
    collapse_whitespace(&text)
}

/// `text` with each run of breaking whitespace made one space and none at either end.
/// No-break spaces (U+00A0, U+202F, U+2007) are part of the words they join ("nº\u{a0}006",
/// "51\u{202f}%"): they stay as they are.
pub fn collapse_whitespace(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() && !is_no_break_space(c))
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `c` is a space that must not break a line, and so is not collapsed.
fn is_no_break_space(c: char) -> bool {
    matches!(c, '\u{a0}' | '\u{202f}' | '\u{2007}')
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapsing_whitespace_keeps_no_break_spaces() {
        for text in [
            "Clinic nº\u{a0}006",
            "51\u{202f}%",
            "Clinic  nº\u{a0}006",
            "*Clinic* nº\u{a0}006",
        ] {
            let plain = to_plain_text(text);
            assert!(
                plain.contains("nº\u{a0}006") || plain.contains("51\u{202f}%"),
                "{plain:?}"
            );
        }
        assert_eq!(collapse_whitespace(" a \n\t b\u{a0}c "), "a b\u{a0}c");
    }
}
