//! Warnings of a careful editor: what is valid notes but almost surely not what the
//! note-taker meant. A ` #` that YAML read as a comment, the placeholders `heptaglot new`
//! wrote, an attendance of zero, a point with a speaker and nothing said, and Markdown that
//! will not come out as written (links without a scheme, `[[wiki links]]`, unclosed links,
//! headings inside a body).
//!
//! They walk the positioned YAML tree, not the typed notes, so that they run even when the
//! file has errors of shape: every problem of a file comes out in one run. Each is located
//! at the text it is about.

use super::path::{Seg, path_text};
use super::yaml::{Node, Value};
use crate::diag::{Position, Problem};

/// The texts `heptaglot new` writes for the note-taker to replace (see
/// [`super::scaffold::scaffold_text`]).
pub const PLACEHOLDERS: [&str; 4] = [
    "What the facilitators said, in Markdown.",
    "What they said.",
    "Example",
    "Wikimedia Example",
];

/// The fields holding Markdown (docs/notes-format.md, section 8).
const MARKDOWN_FIELDS: [&str; 6] = [
    "intro",
    "body",
    "text",
    "question",
    "editor_note",
    "prepared_questions",
];

/// Every warning for the notes file `shown`, whose text is `source` and tree `tree`, and the
/// errors of a ` #` read as a comment (see [`comment_trap`]).
pub fn lint(tree: &Node, source: &str, shown: &std::path::Path) -> Vec<Problem> {
    let mut lint = Lint {
        source,
        shown,
        problems: Vec::new(),
    };
    lint.walk(tree, &mut Vec::new());
    lint.problems
}

struct Lint<'a> {
    source: &'a str,
    shown: &'a std::path::Path,
    problems: Vec<Problem>,
}

impl Lint<'_> {
    fn warn(&mut self, at: Position, path: &[Seg], message: String, hint: &str) {
        self.problems.push(
            Problem::warning(self.shown, message)
                .at(at)
                .field(path_text(path))
                .hint(hint),
        );
    }

    fn walk(&mut self, node: &Node, path: &mut Vec<Seg>) {
        match &node.value {
            Value::Str(text) => self.text(node, text, path),
            Value::Int(0) if in_count(path) => self.warn(
                node.position,
                path,
                "an attendance of 0: the digest will say \"attended by 0 …\"".into(),
                "write how many came (\"~8\" for about eight), or remove the line when it is not known",
            ),
            Value::Seq(items) => {
                for (i, item) in items.iter().enumerate() {
                    path.push(Seg::Index(i));
                    self.walk(item, path);
                    path.pop();
                }
            }
            Value::Map(entries) => {
                if is_point(path) {
                    self.point(node, entries, path);
                }
                for (key, value) in entries {
                    path.push(Seg::Name(key.name.clone()));
                    self.walk(value, path);
                    path.pop();
                }
            }
            Value::Null | Value::Bool(_) | Value::Int(_) | Value::Float(_) => {}
        }
    }

    /// A point with a speaker and nothing else is published as "Quim (WMF):" and nothing.
    fn point(&mut self, node: &Node, entries: &[(super::yaml::Key, Node)], path: &[Seg]) {
        let has = |name: &str| {
            entries.iter().any(|(key, value)| {
                key.name == name
                    && !matches!(&value.value, Value::Null)
                    && !matches!(&value.value, Value::Seq(items) if items.is_empty())
                    && !matches!(&value.value, Value::Str(s) if s.trim().is_empty())
            })
        };
        if has("speaker") && !has("text") && !has("points") && !has("replies") {
            self.warn(
                node.position,
                path,
                "this point has a speaker but nothing said: it is published as the speaker's name alone".into(),
                "add the `text:` of what they said, or remove the point",
            );
        }
    }

    fn text(&mut self, node: &Node, text: &str, path: &[Seg]) {
        if let Some((at, comment)) = comment_trap(self.source, node, text) {
            self.problems.push(
                Problem::error(
                    self.shown,
                    format!("` {comment}` was read as a comment: the text ends at \"{text}\""),
                )
                .at(at)
                .field(path_text(path))
                .hint(format!(
                    "put the whole value in quotes to keep it, e.g. \"{text} {comment}\"; to write a comment, leave a space after `#`"
                )),
            );
        }
        if PLACEHOLDERS.contains(&text.trim()) {
            self.warn(
                node.position,
                path,
                format!("\"{}\" is a placeholder `heptaglot new` wrote", text.trim()),
                "replace it with what the call really said (or remove the field)",
            );
        }
        if is_markdown(path) {
            for (offset, needle, message, hint) in markdown_traps(text) {
                let at = position_in(self.source, node.position, text, offset, needle);
                self.warn(at, path, message, hint);
            }
        }
    }
}

/// Whether `path` is that of an attendance or breakout count.
fn in_count(path: &[Seg]) -> bool {
    fn key(seg: Option<&Seg>) -> Option<&str> {
        match seg {
            Some(Seg::Name(name)) => Some(name.as_str()),
            Some(Seg::Key(name)) => Some(name),
            _ => None,
        }
    }
    let n = path.len();
    (n == 2 && key(path.first()) == Some("attendance"))
        || (n >= 2
            && key(path.get(n - 2)) == Some("breakout")
            && key(path.last()) == Some("participants"))
}

/// Whether `path` is that of a point: an item of `points`, `replies` or `answers`.
fn is_point(path: &[Seg]) -> bool {
    let n = path.len();
    n >= 2
        && matches!(path[n - 1], Seg::Index(_))
        && matches!(&path[n - 2], Seg::Name(name) if ["points", "replies", "answers"].contains(&name.as_str()))
}

/// Whether the text at `path` is Markdown.
fn is_markdown(path: &[Seg]) -> bool {
    path.iter().rev().find_map(|seg| match seg {
        Seg::Name(name) => Some(MARKDOWN_FIELDS.contains(&name.as_str())),
        Seg::Key(name) => Some(MARKDOWN_FIELDS.contains(name)),
        Seg::Index(_) => None,
    }) == Some(true)
}

/// Where an unquoted value `text` (the value of `node`) is cut by a ` #` that YAML reads
/// as a comment, and that comment: a `#` right after one space and right before a letter
/// or digit (`title: Wikimedia Clinic #004`, `text: room #4`) is what a title number or a
/// hashtag looks like, not how people write a comment (`# like this`). A comment after a
/// quoted value, or after several spaces, is left alone.
pub fn comment_trap<'s>(source: &'s str, node: &Node, text: &str) -> Option<(Position, &'s str)> {
    let start = node.position.offset;
    let rest = source.get(start..)?;
    if rest.starts_with(['"', '\'', '|', '>']) || text.is_empty() {
        return None;
    }
    // Follow the value through the source: a plain value folds its line breaks and
    // indentation into one space.
    let mut source_chars = rest.char_indices().peekable();
    let mut end = 0;
    for c in text.chars() {
        if c.is_whitespace() {
            let mut any = false;
            while let Some(&(_, s)) = source_chars.peek() {
                if !s.is_whitespace() {
                    break;
                }
                any = true;
                source_chars.next();
            }
            if !any {
                return None;
            }
        } else {
            let (i, s) = source_chars.next()?;
            if s != c {
                return None;
            }
            end = i + s.len_utf8();
        }
    }
    let after = &rest[end..];
    let line = after.split(['\n', '\r']).next().unwrap_or("");
    let comment = line.strip_prefix(' ').filter(|c| c.starts_with('#'))?;
    comment[1..]
        .chars()
        .next()
        .filter(|c| c.is_alphanumeric())?;
    let at = start + end + 1;
    Some((Position::from_offset(source, at), comment.trim_end()))
}

/// Markdown that will not come out as the note-taker meant, in `text`: each as the byte
/// offset of the spot, the characters written there (to find it in the file), what is
/// wrong and how to fix it.
fn markdown_traps(text: &str) -> Vec<(usize, &str, String, &'static str)> {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let mut found = Vec::new();
    for (event, range) in Parser::new_ext(text, Options::ENABLE_TABLES).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { .. }) => found.push((
                range.start,
                &text[range.start..range.end.min(range.start + 1)],
                "a heading inside a text: headings are made by heptaglot from topics and sections".into(),
                "make it a `sections:` entry with its `title:`, or write it as **bold** text",
            )),
            Event::Start(Tag::Link { dest_url, .. }) if !has_scheme(&dest_url) => found.push((
                range.start,
                "[",
                format!("the link to `{dest_url}` has no scheme: readers would get a broken link on this site"),
                "start the address with https:// (or http://, mailto:), or use #anchor for a place in the page",
            )),
            _ => {}
        }
    }
    let mut from = 0;
    while let Some(open) = text[from..].find("[[").map(|i| from + i) {
        let line_end = text[open..].find('\n').map_or(text.len(), |i| open + i);
        if text[open..line_end].contains("]]") {
            found.push((
                open,
                "[[",
                "`[[…]]` is a wiki link, which Markdown shows as typed".into(),
                "write a Markdown link: [Friendly space policy](https://meta.wikimedia.org/wiki/Friendly_space_policy)",
            ));
        }
        from = line_end;
    }
    from = 0;
    while let Some(open) = text[from..].find("](").map(|i| from + i) {
        let paragraph_end = text[open..].find("\n\n").map_or(text.len(), |i| open + i);
        if !text[open..paragraph_end].contains(')') {
            let bracket = text[..open].rfind('[').unwrap_or(open);
            found.push((
                bracket,
                "[",
                "this link is not closed: it is shown as typed, brackets and all".into(),
                "end the address with `)`: [the etherpad](https://…)",
            ));
        }
        from = open + 2;
    }
    found.sort_by_key(|f| f.0);
    found
}

/// Whether a link target says how to reach it: a scheme (`https:`, `mailto:`) or a place in
/// the page (`#topic-2`).
fn has_scheme(url: &str) -> bool {
    url.starts_with('#')
        || url.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        })
}

/// The position in the file of `needle`, found at byte `offset` of the text `text` of a
/// value starting at `start` in `source`: where the same characters, as often repeated in
/// the text before, are in the file (the value is written there as it is, indentation
/// aside); else `start` (the value is written with escapes).
fn position_in(source: &str, start: Position, text: &str, offset: usize, needle: &str) -> Position {
    if needle.is_empty() {
        return start;
    }
    let before = text[..offset].matches(needle).count();
    source
        .get(start.offset..)
        .and_then(|rest| rest.match_indices(needle).nth(before))
        .map_or(start, |(at, _)| {
            Position::from_offset(source, start.offset + at)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lint_text(source: &str) -> Vec<String> {
        let tree = super::super::yaml::parse(source).unwrap();
        lint(&tree, source, std::path::Path::new("n.yaml"))
            .iter()
            .map(|p| {
                let at = p.position.unwrap();
                format!("{}:{} {}", at.line, at.column, p.message)
            })
            .collect()
    }

    #[test]
    fn a_hash_glued_to_a_number_after_one_space_is_a_comment_trap() {
        let found = lint_text("title: Wikimedia Clinic #004\nseries: Clinics   # a comment\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("1:25 ` #004` was read"), "{found:?}");
        assert!(lint_text("title: \"Clinic #004\" #x\n").is_empty());
        assert!(lint_text("title: Clinic # a comment\n").is_empty());
        let folded = lint_text("text: one\n  two #3\n");
        assert_eq!(folded.len(), 1, "{folded:?}");
        assert!(folded[0].starts_with("2:7 "), "{folded:?}");
    }

    #[test]
    fn markdown_traps_are_located_at_the_text() {
        let found = lint_text(
            "body: |\n  ## Heading\n  A [report](example.org/r) and [[Wiki]].\n  The [pad](https://x\n",
        );
        assert_eq!(found.len(), 4, "{found:?}");
        assert!(found[0].starts_with("2:3 a heading"), "{found:?}");
        assert!(
            found[1].starts_with("3:5 the link to `example.org/r`"),
            "{found:?}"
        );
        assert!(found[2].starts_with("3:33 `[[…]]`"), "{found:?}");
        assert!(
            found[3].starts_with("4:7 this link is not closed"),
            "{found:?}"
        );
    }

    #[test]
    fn links_with_a_scheme_or_an_anchor_are_fine() {
        assert!(lint_text("text: \"[a](https://x) [b](mailto:x@y) [c](#topic-2)\"\n").is_empty());
    }
}
