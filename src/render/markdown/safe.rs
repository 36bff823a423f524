//! Markdown out: plain text escaped as Markdown, and note Markdown made safe to publish
//! as Markdown (raw HTML shown as text, links with an unsafe scheme without their target).

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, LinkType, Parser, Tag, TagEnd};

use super::{is_plain_line, options};
use crate::notes::check::is_safe_url;

/// [`escape`] without a copy when nothing needs escaping (most values): the template
/// engine's escape function writes the result straight into the page.
pub fn escape_cow(text: &str) -> Cow<'_, str> {
    let special = |b: u8| {
        matches!(
            b,
            b'\\'
                | b'`'
                | b'*'
                | b'_'
                | b'['
                | b']'
                | b'|'
                | b'~'
                | b'<'
                | b'>'
                | b'&'
                | b'\n'
                | b'\r'
        )
    };
    // A text starting with a digit may start an ordered list: left to `escape`.
    let plain_start = !text
        .bytes()
        .next()
        .is_some_and(|b| matches!(b, b'#' | b'+' | b'-' | b' ' | b'\t') || b.is_ascii_digit());
    if plain_start && !text.bytes().any(special) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(escape(text))
    }
}

/// Plain text as Markdown: characters Markdown would read as syntax or HTML are escaped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    // "1. Intro" and "2020) Plans" would start an ordered list.
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let list_marker = (1..=9).contains(&digits) && text[digits..].starts_with(['.', ')']);
    for (i, c) in text.chars().enumerate() {
        match c {
            // `#`, `+`, `-` and `>` are syntax only at the start of a line.
            '#' | '+' | '-' | '>' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            // Leading spaces would indent a code block.
            ' ' if i == 0 => out.push_str("&#32;"),
            '\t' if i == 0 => out.push_str("&#9;"),
            '.' | ')' if i == digits && list_marker => {
                out.push('\\');
                out.push(c);
            }
            // `~` makes strikethrough, and `~~~` a code fence.
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Note Markdown made safe to publish as Markdown (see the module docs). Line breaks are
/// normalized to `\n`.
///
/// The result stays inert wherever a template puts it (inside `*[…]*`, after other
/// notes): literal `[`, `]`, `<` and `>` are backslash-escaped, so they cannot pair with
/// brackets around them into a link or an autolink; link reference definitions are shown
/// as text, since in the published file they would apply to every note's text, and
/// reference links with a safe target become inline links.
pub fn to_safe_markdown(markdown: &str) -> String {
    if is_plain_line(markdown) {
        return markdown.to_string();
    }
    to_safe_markdown_parsed(markdown)
}

/// [`to_safe_markdown`] through pulldown-cmark.
pub(super) fn to_safe_markdown_parsed(markdown: &str) -> String {
    let markdown = markdown.replace("\r\n", "\n");
    let SafeEdits {
        edits,
        ends_with_code,
    } = safe_edits(&markdown);
    apply_edits(&markdown, edits, ends_with_code)
}

/// What [`to_safe_markdown`] changes in a note.
struct SafeEdits {
    /// Each range of the note to replace, with its replacement (raw HTML escaped, links
    /// replaced, indented code fenced, brackets escaped).
    edits: Vec<(Range<usize>, String)>,
    /// Whether the note ends with a code block.
    ends_with_code: bool,
}

/// Reads `markdown` (with `\n` line breaks) once and collects what must change to make it
/// safe to publish.
fn safe_edits(markdown: &str) -> SafeEdits {
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let mut pending: Option<Replaced> = None;
    let mut in_code_block = false;
    // Open lists and quotes of the text; an indented code block outside them is written
    // fenced, `(range of its lines, code)`.
    let mut containers = 0usize;
    let mut indented_code: Option<(Range<usize>, String)> = None;
    let mut ends_with_code = false;
    let events = Parser::new_ext(markdown, options()).into_offset_iter();
    for (_, definition) in events.reference_definitions().iter() {
        let span = definition.span.clone();
        let shown: Vec<String> = markdown[span.clone()].split('\n').map(escape).collect();
        edits.push((span, shown.join("\n")));
    }
    for (event, range) in events {
        if let Some(link) = &mut pending {
            match event {
                Event::Start(Tag::Link { .. } | Tag::Image { .. }) => link.depth += 1,
                Event::End(TagEnd::Link | TagEnd::Image) if link.depth > 0 => link.depth -= 1,
                Event::End(TagEnd::Link | TagEnd::Image) => {
                    let shown = match &link.target {
                        Some(url) => format!(
                            "{}[{}](<{}>)",
                            if link.image { "!" } else { "" },
                            escape(&link.text),
                            url.replace('<', "%3C")
                                .replace('>', "%3E")
                                .replace('\n', "%0A")
                        ),
                        None => escape(&link.text),
                    };
                    edits.push((link.range.clone(), shown));
                    pending = None;
                }
                Event::Text(t) | Event::Code(t) => link.text.push_str(&t),
                _ => {}
            }
            continue;
        }
        match event {
            Event::Html(_) | Event::InlineHtml(_) => {
                edits.push((range.clone(), escape(&markdown[range])))
            }
            Event::Start(Tag::List(_) | Tag::Item | Tag::BlockQuote(_)) => containers += 1,
            Event::End(TagEnd::List(_) | TagEnd::Item | TagEnd::BlockQuote(_)) => {
                containers = containers.saturating_sub(1)
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                in_code_block = true;
                // Four spaces make code only where the template keeps the indentation:
                // after a list, they continue its item as text. A fence does not depend
                // on that.
                if matches!(kind, CodeBlockKind::Indented) && containers == 0 {
                    let line_start = markdown[..range.start].rfind('\n').map_or(0, |i| i + 1);
                    indented_code = Some((line_start..range.end, String::new()));
                }
                // A template may put the text after a label on the same line, where a
                // code block is no block: its lines would be read as Markdown and HTML.
                // On a line of its own, it stays a code block.
                if markdown[..range.start].trim().is_empty() {
                    edits.push((0..0, "\n\n".into()));
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code_block = false;
                if let Some((lines, code)) = indented_code.take() {
                    let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
                    let fence = "`".repeat((longest + 1).max(3));
                    let code = code.trim_end_matches('\n');
                    edits.push((lines, format!("{fence}\n{code}\n{fence}")));
                }
                ends_with_code = markdown[range.end..].trim().is_empty();
            }
            Event::Text(t) if in_code_block => {
                if let Some((_, code)) = &mut indented_code {
                    code.push_str(&t);
                }
            }
            Event::Text(_) if !in_code_block => {
                let source = &markdown[range.clone()];
                if source.contains(['[', ']', '<', '>']) {
                    // A backslash just before the text escapes its first character.
                    let before = markdown[..range.start]
                        .chars()
                        .rev()
                        .take_while(|&c| c == '\\')
                        .count();
                    edits.push((range, escape_brackets(source, before % 2 == 1)));
                }
            }
            Event::Start(
                ref tag @ (Tag::Link {
                    link_type,
                    ref dest_url,
                    ..
                }
                | Tag::Image {
                    link_type,
                    ref dest_url,
                    ..
                }),
            ) => {
                let image = matches!(tag, Tag::Image { .. });
                let safe = is_safe_url(dest_url) || is_relative(dest_url);
                let reference = matches!(
                    link_type,
                    LinkType::Reference
                        | LinkType::ReferenceUnknown
                        | LinkType::Collapsed
                        | LinkType::CollapsedUnknown
                        | LinkType::Shortcut
                        | LinkType::ShortcutUnknown
                );
                if !safe || reference {
                    let target = safe.then(|| dest_url.to_string());
                    pending = Some(Replaced {
                        range,
                        text: String::new(),
                        target,
                        image,
                        depth: 0,
                    });
                }
            }
            _ => {}
        }
    }
    SafeEdits {
        edits,
        ends_with_code,
    }
}

/// `markdown` with `edits` made, earliest first (an edit overlapping an earlier one is
/// dropped), trailing whitespace trimmed.
fn apply_edits(
    markdown: &str,
    mut edits: Vec<(Range<usize>, String)>,
    ends_with_code: bool,
) -> String {
    // Raw HTML blocks span whole lines, so keep their line breaks: escape line by line.
    let mut out = String::with_capacity(markdown.len());
    let mut last = 0;
    edits.sort_by_key(|(r, _)| r.start);
    for (range, replacement) in edits {
        if range.start < last {
            continue;
        }
        out.push_str(&markdown[last..range.start]);
        let original = &markdown[range.clone()];
        if original.contains('\n') && !replacement.contains('\n') {
            let lines: Vec<String> = original.split('\n').map(escape).collect();
            out.push_str(&lines.join("\n"));
        } else {
            out.push_str(&replacement);
        }
        last = range.end;
    }
    out.push_str(&markdown[last..]);
    let mut out = out.trim_end().to_string();
    // What a template writes after the text must not land on the closing fence's line.
    if ends_with_code {
        out.push('\n');
    }
    out
}

/// A link of a note replaced in the Markdown output (see [`to_safe_markdown`]).
struct Replaced {
    /// Where it is in the note.
    range: Range<usize>,
    /// Its words.
    text: String,
    /// Its target, when it keeps one (a reference link with a safe target).
    target: Option<String>,
    /// Whether it is an image.
    image: bool,
    /// How many links are open inside it.
    depth: usize,
}

/// Literal text with a backslash before each `[`, `]`, `<` and `>` that has none yet;
/// `escaped` when a backslash before the text escapes its first character.
fn escape_brackets(source: &str, escaped: bool) -> String {
    let mut out = String::with_capacity(source.len() + 4);
    let mut escaped = escaped;
    for c in source.chars() {
        if !escaped && matches!(c, '[' | ']' | '<' | '>') {
            out.push('\\');
        }
        escaped = !escaped && c == '\\';
        out.push(c);
    }
    out
}

/// Relative links (`#topic-2`, `../es/`) are safe: they cannot name a scheme.
fn is_relative(url: &str) -> bool {
    let before_slash = url.split(['/', '?', '#']).next().unwrap_or("");
    !before_slash.contains(':')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::markdown::{to_html, to_plain_text};
    use pulldown_cmark::html;

    #[test]
    fn markdown_output_neutralizes_html_and_bad_links() {
        let md = to_safe_markdown(
            "Hi <script>alert(1)</script> and [x](javascript:alert(1)) and [ok](https://example.org)",
        );
        assert!(!md.contains("<script"), "{md}");
        assert!(!md.contains("javascript:"), "{md}");
        assert!(md.contains("[ok](https://example.org)"), "{md}");
    }

    /// What a Markdown renderer that lets raw HTML through makes of `markdown`.
    fn raw_html(markdown: &str) -> String {
        let mut out = String::new();
        html::push_html(&mut out, Parser::new_ext(markdown, options()));
        out
    }

    #[test]
    fn markdown_output_stays_inert_in_any_context() {
        for note in [
            "    <script>alert(1)</script>",
            "```html\n<script>alert(1)</script>\n```",
            "\\[x\\](javascript:alert(1))",
            "a\\\\[x](javascript:alert(1))",
            "<<javascript:alert(1)>>",
            "x](javascript:alert(1))[y",
            "[x][r]\n\n[r]: javascript:alert(1)",
            "[r]\n\n[r]: data:text/html,<script>alert(1)</script>",
            "[![x](https://e.org/a.png)](javascript:alert(1))",
            "[x](<data:text/html,<script>alert(1)</script>>)",
        ] {
            let safe = to_safe_markdown(note);
            // As a template places it: after another note, inside an editor's note.
            for doc in [
                safe.clone(),
                format!("- **Speaker:** {}", safe.replace('\n', "\n  ")),
                format!("- **Format:** x\n\n{safe} *[mark]*"),
                format!("> **Note:** {safe}"),
                format!("*[Note: {safe}]*"),
                format!("[r]\n\n{safe}\n\n[x]: javascript:alert(2)"),
            ] {
                let html = raw_html(&doc);
                assert!(
                    !html.contains("<a href=\"javascript"),
                    "{note:?} → {doc:?} → {html}"
                );
                assert!(!html.contains("href=\"data"), "{note:?} → {doc:?} → {html}");
                assert!(!html.contains("<script"), "{note:?} → {doc:?} → {html}");
            }
        }
        assert_eq!(
            to_safe_markdown("[a *b*][r]\n\n[r]: https://e.org/x"),
            "[a b](<https://e.org/x>)\n\n\\[r\\]: https://e.org/x"
        );
    }

    #[test]
    fn escape_makes_text_literal() {
        assert_eq!(escape("<b>*x*</b>"), "&lt;b&gt;\\*x\\*&lt;/b&gt;");
        // Whatever plain text says, it comes back as itself.
        for text in [
            "~~~~ __NOTOC__ x",
            "```js",
            "~~gone~~",
            "1. Intro",
            "2020) Plans",
            "    indented",
            "\tTab",
            "- a",
            "> b",
            "# c",
            "<script>alert(1)</script> d",
            "&amp; [x](y) `z` | w",
        ] {
            assert_eq!(to_plain_text(&escape(text)), text.trim(), "{text:?}");
            let html = to_html(&escape(text));
            assert!(html.starts_with("<p>"), "{text:?} gave {html}");
        }
    }

    proptest::proptest! {
        /// Text the shortcut leaves as it is would come out of `escape` unchanged.
        #[test]
        fn escape_shortcut_agrees_with_escape(
            text in r"[a-zA-Z0-9 .)#+>\t\\`*_|~<&\[\]\n\r-]{0,12}",
        ) {
            proptest::prop_assert_eq!(escape_cow(&text), escape(&text));
        }
    }
}
