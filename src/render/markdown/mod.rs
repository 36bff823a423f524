//! Markdown written by note-takers, made safe for both outputs.
//!
//! This is the only module that uses pulldown-cmark and ammonia. For HTML, Markdown is
//! rendered by pulldown-cmark and the result cleaned by ammonia, which keeps formatting and
//! links but drops scripts, event handlers and `javascript:` URLs. For Markdown output, the
//! note's Markdown is kept as written except that raw HTML is escaped into visible text and
//! links with an unsafe scheme lose their target, so the `.md` file cannot carry a script
//! to whatever renders it next.
//!
//! Each output has its room: `html` (pulldown-cmark and ammonia), `safe` (escaping and
//! Markdown made safe to publish), `wiki` (MediaWiki wikitext) and `plain` (words for search
//! and descriptions). What they share stays here: the parser options, the depth limit, and
//! the test for a plain line that every form can write without parsing.

mod html;
mod plain;
mod safe;
mod wiki;

use pulldown_cmark::Options;

pub use html::{to_html, to_inline_html};
pub use plain::{shorten, to_plain_text};
pub use safe::{escape, escape_cow, to_safe_markdown};
pub use wiki::to_wikitext;

use html::{inline_of, to_html_parsed};
use plain::{plain_of_line, to_plain_text_parsed};
use safe::to_safe_markdown_parsed;
use wiki::to_wikitext_parsed;

fn options() -> Options {
    Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES
}

/// The deepest nesting of elements a text may have in HTML. ammonia parses with html5ever,
/// which looks through the whole stack of open elements at each tag, so N nested elements
/// cost N²: 20,000 nested quotes (40 KB of `> `) took minutes per page. Real notes nest a
/// few levels.
pub const MAX_HTML_DEPTH: usize = 128;

/// Whether `markdown` is one line of words that no Markdown, HTML or wikitext rule reads
/// as anything but text, so every form of it can be written without parsing: most note
/// texts are. It starts with a letter (no list marker, heading or indent), ends without a
/// space, and has none of the characters that start inline syntax, entities or tags, no
/// line break, and no non-breaking or other special space (which HTML writes as an
/// entity). pulldown-cmark reads such a line as one paragraph holding one text.
fn is_plain_line(markdown: &str) -> bool {
    let bytes = markdown.as_bytes();
    markdown.chars().next().is_some_and(char::is_alphabetic)
        && bytes.last() != Some(&b' ')
        && bytes.iter().enumerate().all(|(i, &b)| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => true,
            b' ' | b',' | b'.' | b';' | b':' | b'?' | b'(' | b')' | b'/' | b'%' | b'\'' | b'"' => {
                true
            }
            b'-' => true,
            // Outside ASCII only spaces and controls are not text, found by the first byte
            // of their UTF-8 (a byte scan: this runs on every note text, and Unicode tables
            // are slow).
            0xC2 | 0xE1..=0xE3 => !starts_space_or_control(&bytes[i..]),
            0x80.. => true,
            _ => false,
        })
}

/// Whether `bytes` start with the UTF-8 of a non-ASCII character that Rust calls
/// whitespace (U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F,
/// U+3000) or a control (U+0080–U+009F).
fn starts_space_or_control(bytes: &[u8]) -> bool {
    matches!(
        *bytes,
        [0xC2, 0x80..=0xA0, ..]
            | [0xE1, 0x9A, 0x80, ..]
            | [0xE2, 0x81, 0x9F, ..]
            | [0xE3, 0x80, 0x80, ..]
            | [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..]
    )
}

/// A note text in every form a page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forms {
    /// [`to_inline_html`]'s HTML.
    pub html: String,
    /// Whether that HTML is one inline paragraph.
    pub inline: bool,
    /// [`to_safe_markdown`].
    pub md: String,
    /// [`to_wikitext`].
    pub wiki: String,
    /// [`to_plain_text`].
    pub plain: String,
}

/// Every form of a note text at once, so that a plain line (most texts) is recognized
/// once rather than by each of the four conversions.
pub fn forms(markdown: &str) -> Forms {
    if is_plain_line(markdown) {
        return Forms {
            html: markdown.to_string(),
            inline: true,
            md: markdown.to_string(),
            wiki: crate::render::wikitext::escape_run(markdown, true),
            plain: plain_of_line(markdown),
        };
    }
    let (html, inline) = inline_of(to_html_parsed(markdown));
    Forms {
        html,
        inline,
        md: to_safe_markdown_parsed(markdown),
        wiki: to_wikitext_parsed(markdown),
        plain: to_plain_text_parsed(markdown),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_line_samples_need_no_parsing() {
        for text in [
            "See https://example.org/a for details.",
            "ISBN 978 and RFC 7231 (PMID 1).",
            "l'équipe a dit \"oui\" -- et ''non''.",
            "Ünïcödé — «guillemets», 中文，العربية.",
            "a:b c::d e:/ f' 'g",
        ] {
            assert!(is_plain_line(text), "{text}");
            assert_eq!(to_html(text), to_html_parsed(text));
            assert_eq!(to_safe_markdown(text), to_safe_markdown_parsed(text));
            assert_eq!(to_wikitext(text), to_wikitext_parsed(text));
            assert_eq!(to_plain_text(text), to_plain_text_parsed(text));
        }
        for text in [
            "1. Intro",
            "- item",
            "a *b*",
            "a  \nb",
            "x&amp;",
            "nbsp\u{a0}x",
            " lead",
        ] {
            assert!(!is_plain_line(text), "{text}");
        }
    }

    #[test]
    fn plain_lines_are_found_by_their_bytes_as_by_their_characters() {
        let text_char = |c: char| {
            if c.is_ascii() {
                c.is_ascii_alphanumeric() || " ,.;:?()/%'\"-".contains(c)
            } else {
                !c.is_whitespace() && !c.is_control()
            }
        };
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(
                is_plain_line(&format!("a{c}b")),
                text_char(c),
                "U+{:04X}",
                c as u32
            );
        }
    }

    proptest::proptest! {
        /// All forms at once are the forms one by one, for plain lines and the rest.
        #[test]
        fn forms_are_each_conversion(
            text in r#"[a-zA-Zé中0-9 ,.;:?()'"\u{a0}!*_#&<>\[\]=~|\n-]{0,24}"#,
        ) {
            let (html, inline) = to_inline_html(&text);
            proptest::prop_assert_eq!(forms(&text), Forms {
                html,
                inline,
                md: to_safe_markdown(&text),
                wiki: to_wikitext(&text),
                plain: to_plain_text(&text),
            });
        }
    }

    proptest::proptest! {
        /// A plain line's forms, written without parsing, are the parsed ones.
        #[test]
        fn plain_lines_need_no_parsing(
            text in r#"[a-zA-Zé中ع0-9][a-zA-Zé中ع0-9 ,.;:?()/%'"\-–«»]{0,24}"#,
        ) {
            // Only plain lines are compared: a strategy that makes few of them would make
            // proptest give up on too many rejected cases, so the test cannot pass on none.
            proptest::prop_assume!(is_plain_line(&text));
            {
                proptest::prop_assert_eq!(to_html(&text), to_html_parsed(&text));
                let parsed = to_html_parsed(&text);
                proptest::prop_assert_eq!(
                    to_inline_html(&text),
                    (parsed.trim().strip_prefix("<p>").and_then(|p| p.strip_suffix("</p>")).map(str::to_string).unwrap_or_default(), true)
                );
                proptest::prop_assert_eq!(to_safe_markdown(&text), to_safe_markdown_parsed(&text));
                proptest::prop_assert_eq!(to_wikitext(&text), to_wikitext_parsed(&text));
                proptest::prop_assert_eq!(to_plain_text(&text), to_plain_text_parsed(&text));
            }
        }

        /// Plain lines as the notes have them: words, spaces and punctuation.
        #[test]
        fn plain_sentences_need_no_parsing(
            text in r#"[A-Zа-я][a-zé中ع0-9 ,.;:?()/%'"-]{0,40}[a-z.?)]"#,
        ) {
            proptest::prop_assert!(is_plain_line(&text) || text.contains("  ") || text.ends_with(' '));
            proptest::prop_assert_eq!(to_html(&text), to_html_parsed(&text));
            proptest::prop_assert_eq!(to_safe_markdown(&text), to_safe_markdown_parsed(&text));
            proptest::prop_assert_eq!(to_wikitext(&text), to_wikitext_parsed(&text));
            proptest::prop_assert_eq!(to_plain_text(&text), to_plain_text_parsed(&text));
        }
    }
}
