//! What a user's text may hold: the characters that would make a page or a terminal show
//! something other than what was written.
//!
//! Every text field of notes, translation files and Fluent messages is checked here, as
//! rustc refuses such characters in source ("Trojan Source", CVE-2021-42574):
//!
//! - control characters (C0 but tab and line feed, DEL, C1): a terminal runs them when a
//!   Markdown or wikitext page is shown with `cat`, and a page shows them as nothing;
//! - noncharacters (U+FDD0–U+FDEF, and the last two code points of every plane, such as
//!   U+FFFE): never meant to be interchanged;
//! - the bidi overrides U+202D and U+202E, always: they display the text they cover in
//!   the reverse of its order, which no digest needs;
//! - the bidi embeddings (U+202A, U+202B, closed by U+202C) and isolates (U+2066–U+2068,
//!   closed by U+2069) only when they are not closed, in order, on the same line: an open
//!   one turns the direction of whatever the page puts after the field. A balanced,
//!   terminated pair stays (it is the right way to embed a phrase in the other direction).

use std::fmt;

/// One character a text may not hold, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unsafe {
    /// The character.
    pub character: char,
    /// Its byte offset in the text.
    pub offset: usize,
    /// Why it may not be there.
    pub reason: Reason,
}

/// Why a character is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// A control character.
    Control,
    /// A noncharacter.
    Noncharacter,
    /// A bidi override (U+202D, U+202E).
    Override,
    /// A bidi embedding or isolate not closed on its line.
    Unterminated,
    /// A closing bidi control (U+202C, U+2069) that closes nothing open before it.
    Unbalanced,
}

/// Opens a bidi embedding (`true`) or isolate (`false`).
fn opens(c: char) -> Option<bool> {
    match c {
        '\u{202A}' | '\u{202B}' => Some(true),
        '\u{2066}' | '\u{2067}' | '\u{2068}' => Some(false),
        _ => None,
    }
}

/// Closes a bidi embedding (`true`) or isolate (`false`).
fn closes(c: char) -> Option<bool> {
    match c {
        '\u{202C}' => Some(true),
        '\u{2069}' => Some(false),
        _ => None,
    }
}

/// Whether `c` is a control character a text may not hold (tab and line feed may).
fn is_control(c: char) -> bool {
    c.is_control() && c != '\t' && c != '\n'
}

/// Whether `c` is a Unicode noncharacter.
fn is_noncharacter(c: char) -> bool {
    let c = c as u32;
    (0xFDD0..=0xFDEF).contains(&c) || c & 0xFFFE == 0xFFFE
}

/// The first character of `text` that it may not hold, if any.
pub fn first_unsafe(text: &str) -> Option<Unsafe> {
    // Open embeddings and isolates on the current line: kind, character, offset.
    let mut open: Vec<(bool, char, usize)> = Vec::new();
    let found = |character, offset, reason| {
        Some(Unsafe {
            character,
            offset,
            reason,
        })
    };
    for (offset, c) in text.char_indices() {
        if c == '\n' {
            if let Some(&(_, character, offset)) = open.first() {
                return found(character, offset, Reason::Unterminated);
            }
        } else if is_control(c) {
            return found(c, offset, Reason::Control);
        } else if is_noncharacter(c) {
            return found(c, offset, Reason::Noncharacter);
        } else if c == '\u{202D}' || c == '\u{202E}' {
            return found(c, offset, Reason::Override);
        } else if let Some(kind) = opens(c) {
            open.push((kind, c, offset));
        } else if let Some(kind) = closes(c) {
            match open.pop() {
                Some((open_kind, _, _)) if open_kind == kind => {}
                _ => return found(c, offset, Reason::Unbalanced),
            }
        }
    }
    open.first()
        .and_then(|&(_, character, offset)| found(character, offset, Reason::Unterminated))
}

/// The Unicode name of the characters [`first_unsafe`] names by name; others by code.
fn name(c: char) -> Option<&'static str> {
    Some(match c {
        '\0' => "NULL",
        '\u{1B}' => "ESCAPE",
        '\r' => "CARRIAGE RETURN",
        '\u{7F}' => "DELETE",
        '\u{9B}' => "CONTROL SEQUENCE INTRODUCER",
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        _ => return None,
    })
}

impl fmt::Display for Unsafe {
    /// What is wrong, naming the character: "an unterminated U+2067 RIGHT-TO-LEFT ISOLATE".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.reason {
            Reason::Control => "the control character",
            Reason::Noncharacter => "the noncharacter",
            Reason::Override => "the bidi override",
            Reason::Unterminated => "an unterminated",
            Reason::Unbalanced => "an unbalanced",
        };
        write!(f, "{what} U+{:04X}", self.character as u32)?;
        if let Some(name) = name(self.character) {
            write!(f, " {name}")?;
        }
        Ok(())
    }
}

impl Unsafe {
    /// How to fix it.
    pub fn hint(&self) -> &'static str {
        match self.reason {
            Reason::Control | Reason::Noncharacter => {
                "remove it (it often comes from a YAML escape such as \"\\x1b\" or from a copy from a terminal); a page cannot show it and a terminal would run it"
            }
            Reason::Override => {
                "remove it: it shows the text after it in reverse order (\"Trojan Source\"); to embed a phrase in the other direction, put it between U+2067 (or U+2066) and U+2069"
            }
            Reason::Unterminated => {
                "close it on the same line (U+2069 closes an isolate, U+202C an embedding), or remove it: left open, it turns the direction of what follows the field on the page"
            }
            Reason::Unbalanced => {
                "remove it, or open what it closes before it on the same line: it closes nothing"
            }
        }
    }

    /// The position in the file of the refused character of a text found at `start` in
    /// `source`: where the same character, as often repeated in the text before it, is
    /// in the file when it is written there as it is; else `start` (it came from an escape).
    pub fn position_in(
        &self,
        source: &str,
        start: crate::diag::Position,
        text: &str,
    ) -> crate::diag::Position {
        let before = text[..self.offset].matches(self.character).count();
        source
            .get(start.offset..)
            .and_then(|rest| rest.match_indices(self.character).nth(before))
            .map_or(start, |(at, _)| {
                crate::diag::Position::from_offset(source, start.offset + at)
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(text: &str) -> Option<Reason> {
        first_unsafe(text).map(|u| u.reason)
    }

    #[test]
    fn plain_text_tabs_and_line_feeds_are_fine() {
        for text in [
            "Alice",
            "مرحبا بالعالم",
            "a\tb\nc",
            "中文",
            "Café \u{200F}x",
        ] {
            assert_eq!(first_unsafe(text), None, "{text:?}");
        }
    }

    #[test]
    fn control_characters_and_noncharacters_are_refused() {
        for text in ["a\0", "\u{1b}[31m", "\u{9b}31m", "\r", "\u{7f}", "\u{85}"] {
            assert_eq!(reason(text), Some(Reason::Control), "{text:?}");
        }
        for text in [
            "\u{fffe}",
            "\u{ffff}",
            "\u{fdd0}",
            "\u{1fffe}",
            "\u{10ffff}",
        ] {
            assert_eq!(reason(text), Some(Reason::Noncharacter), "{text:?}");
        }
    }

    #[test]
    fn overrides_are_refused_even_when_closed() {
        let found = first_unsafe("Alice\u{202E}evil\u{202C}").unwrap();
        assert_eq!((found.reason, found.offset), (Reason::Override, 5));
        assert_eq!(
            found.to_string(),
            "the bidi override U+202E RIGHT-TO-LEFT OVERRIDE"
        );
    }

    #[test]
    fn isolates_and_embeddings_must_close_in_order_on_their_line() {
        assert_eq!(reason("a \u{2067}שלום\u{2069} b"), None);
        assert_eq!(reason("\u{202B}x\u{2066}y\u{2069}z\u{202C}"), None);
        assert_eq!(reason("Alice\u{2067}"), Some(Reason::Unterminated));
        assert_eq!(reason("a\u{2067}b\nc\u{2069}"), Some(Reason::Unterminated));
        assert_eq!(reason("x\u{2069}"), Some(Reason::Unbalanced));
        assert_eq!(
            reason("\u{2066}x\u{202C}\u{2069}"),
            Some(Reason::Unbalanced)
        );
        let found = first_unsafe("ok \u{2068}x\u{202B}").unwrap();
        assert_eq!((found.character, found.offset), ('\u{2068}', 3));
    }

    #[test]
    fn a_position_in_the_file_where_the_character_is_written() {
        let source = "name: \"x\"\nother: ab\u{202E}c\n";
        let start = crate::diag::Position::from_offset(source, 17);
        let found = first_unsafe("ab\u{202E}c").unwrap();
        let at = found.position_in(source, start, "ab\u{202E}c");
        assert_eq!((at.line, at.column), (2, 10));
        // Written as an escape: the text's own position.
        let source = "other: \"ab\\u202Ec\"\n";
        let start = crate::diag::Position::from_offset(source, 7);
        assert_eq!(found.position_in(source, start, "ab\u{202E}c"), start);
    }
}
