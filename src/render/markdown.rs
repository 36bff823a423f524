//! Markdown written by note-takers, made safe for both outputs.
//!
//! This is the only module that uses pulldown-cmark and ammonia. For HTML, Markdown is
//! rendered by pulldown-cmark and the result cleaned by ammonia, which keeps formatting and
//! links but drops scripts, event handlers and `javascript:` URLs. For Markdown output, the
//! note's Markdown is kept as written except that raw HTML is escaped into visible text and
//! links with an unsafe scheme lose their target, so the `.md` file cannot carry a script
//! to whatever renders it next.

use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

use pulldown_cmark::{CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd, html};

use crate::notes::check::is_safe_url;

fn options() -> Options {
    Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES
}

fn cleaner() -> &'static ammonia::Builder<'static> {
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER.get_or_init(|| {
        let mut builder = ammonia::Builder::default();
        builder
            .url_schemes(HashSet::from(["http", "https", "mailto"]))
            .link_rel(Some("noopener noreferrer nofollow"));
        builder
    })
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

/// Note Markdown as sanitized HTML blocks (paragraphs, lists). A text that would nest
/// deeper than [`MAX_HTML_DEPTH`] is shown as plain text in one paragraph.
pub fn to_html(markdown: &str) -> String {
    if is_plain_line(markdown) {
        return format!("<p>{markdown}</p>\n");
    }
    to_html_parsed(markdown)
}

/// [`to_html`] through pulldown-cmark and ammonia.
fn to_html_parsed(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, Parser::new_ext(markdown, options()));
    if nesting_depth(&out) > MAX_HTML_DEPTH {
        out.clear();
        let plain = [
            Event::Start(Tag::Paragraph),
            Event::Text(markdown.into()),
            Event::End(TagEnd::Paragraph),
        ];
        html::push_html(&mut out, plain.into_iter());
    }
    cleaner().clean(&out).to_string()
}

/// How deeply the elements of `html` nest, as an HTML parser would open them (never less):
/// every start tag of a non-void element opens one, and an end tag closes the innermost
/// one only when it names it. Linear in the length of `html`.
fn nesting_depth(html: &str) -> usize {
    const VOID: [&str; 14] = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr",
    ];
    let mut open: Vec<&str> = Vec::new();
    let mut deepest = 0;
    for (i, _) in html.match_indices('<') {
        let rest = &html[i + 1..];
        let (closing, rest) = match rest.strip_prefix('/') {
            Some(rest) => (true, rest),
            None => (false, rest),
        };
        let length = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        let name = &rest[..length];
        if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        if closing {
            if open
                .last()
                .is_some_and(|top| top.eq_ignore_ascii_case(name))
            {
                open.pop();
            }
        } else if !VOID.iter().any(|v| v.eq_ignore_ascii_case(name)) {
            open.push(name);
            deepest = deepest.max(open.len());
        }
    }
    deepest
}

/// Note Markdown as sanitized inline HTML: a single paragraph loses its `<p>` wrapper so it
/// can follow a speaker's name on the same line; anything longer stays in blocks.
pub fn to_inline_html(markdown: &str) -> (String, bool) {
    if is_plain_line(markdown) {
        return (markdown.to_string(), true);
    }
    inline_of(to_html_parsed(markdown))
}

/// [`to_inline_html`] of the HTML [`to_html`] made.
fn inline_of(html: String) -> (String, bool) {
    let trimmed = html.trim();
    if let Some(inner) = trimmed
        .strip_prefix("<p>")
        .and_then(|rest| rest.strip_suffix("</p>"))
        && !inner.contains("<p>")
    {
        return (inner.to_string(), true);
    }
    (html, false)
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
            wiki: super::wikitext::escape_run(markdown, true),
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
fn to_safe_markdown_parsed(markdown: &str) -> String {
    let markdown = markdown.replace("\r\n", "\n");
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let mut pending: Option<Replaced> = None;
    let mut in_code_block = false;
    // Open lists and quotes of the text; an indented code block outside them is written
    // fenced, `(range of its lines, code)`.
    let mut containers = 0usize;
    let mut indented_code: Option<(Range<usize>, String)> = None;
    let mut ends_with_code = false;
    let events = Parser::new_ext(&markdown, options()).into_offset_iter();
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

/// Note Markdown as MediaWiki wikitext (bold, italics, links, lists, code), with every
/// piece of text escaped by [`super::wikitext::escape`].
///
/// The result is block wikitext: top-level blocks are separated by blank lines, list items
/// and quotes (`:`) take one line each, a paragraph after a nested list continues its item
/// on a `*:` line. Raw HTML shows as text, images as their alt text, headings as bold
/// lines, code blocks as `<pre>`, and tables as `{| class="wikitable"` (as `<table>` tags on
/// one line inside a list). Links keep their target only when it is http, https or mailto;
/// `#anchor` links become `[[#anchor|text]]`. [`super::wikitext::inline`] continues this
/// text on the line of a list item.
///
/// Each list item's line repeats the markers of every list around it, so N nested lists
/// would write N² characters: a text nesting deeper than [`MAX_HTML_DEPTH`] is written as
/// plain text in one paragraph, as [`to_html`] does.
pub fn to_wikitext(markdown: &str) -> String {
    if is_plain_line(markdown) {
        return super::wikitext::escape_run(markdown, true);
    }
    to_wikitext_parsed(markdown)
}

/// [`to_wikitext`] through pulldown-cmark.
fn to_wikitext_parsed(markdown: &str) -> String {
    let mut writer = WikiWriter::default();
    if markdown_depth(markdown) > MAX_HTML_DEPTH {
        let plain = [
            Event::Start(Tag::Paragraph),
            Event::Text(markdown.into()),
            Event::End(TagEnd::Paragraph),
        ];
        for event in plain {
            writer.event(event);
        }
    } else {
        for event in Parser::new_ext(markdown, options()) {
            writer.event(event);
        }
    }
    writer.finish()
}

/// How deeply the Markdown elements of `markdown` nest.
fn markdown_depth(markdown: &str) -> usize {
    let mut depth = 0usize;
    let mut deepest = 0;
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(_) => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// The state of [`to_wikitext`].
#[derive(Default)]
struct WikiWriter {
    /// Finished lines.
    out: String,
    /// The line being written (a `<pre>` or a table may make it several).
    line: String,
    /// Plain text not yet escaped: neighbouring text events are escaped together, so that a
    /// run such as `~~~` or `''` split across events is still seen whole.
    text: String,
    /// The markers of the open list items and quotes, outermost first (`*#:`).
    markers: String,
    /// Whether each open list is ordered.
    lists: Vec<bool>,
    /// Whether the line holds only a new item's marker.
    fresh_item: bool,
    /// The text of the code block being read.
    code: Option<String>,
    /// The table being read.
    table: Option<WikiTable>,
    /// Each open link: how it ends (`]`, `]]`, or nothing when it lost its target), where
    /// its text starts in the line, and its target (shown when the text is empty).
    links: Vec<(&'static str, usize, String)>,
}

/// A table being read by [`WikiWriter`]; cells are written to the line, then taken.
struct WikiTable {
    /// The line as it was before the table.
    outer_line: String,
    /// Rows of `(is_header, cell wikitext)`.
    rows: Vec<Vec<(bool, String)>>,
    /// Whether the cells read now are header cells.
    in_head: bool,
}

impl WikiWriter {
    fn event(&mut self, event: Event<'_>) {
        if let Some(code) = &mut self.code {
            match event {
                Event::Text(t) => code.push_str(&t),
                Event::End(TagEnd::CodeBlock) => self.end_code_block(),
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t)
            | Event::Html(t)
            | Event::InlineHtml(t)
            | Event::InlineMath(t)
            | Event::DisplayMath(t)
            | Event::FootnoteReference(t) => self.text.push_str(&t),
            Event::Code(t) => {
                self.markup("<code>");
                self.line.push_str(&super::wikitext::escape_run(&t, false));
                self.line.push_str("</code>");
            }
            Event::SoftBreak => self.text.push(' '),
            Event::HardBreak => self.markup("<br />"),
            Event::Rule => {
                self.begin_block();
                self.line.push_str("<hr />");
            }
            Event::TaskListMarker(done) => self.text.push_str(if done { "☑ " } else { "☐ " }),
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph | Tag::HtmlBlock => self.begin_block(),
            Tag::Heading { .. } => {
                self.begin_block();
                self.markup("'''");
            }
            Tag::CodeBlock(_) => {
                self.begin_block();
                self.code = Some(String::new());
            }
            Tag::BlockQuote(_) => {
                self.start_nested_lines();
                self.markers.push(':');
            }
            Tag::List(start) => {
                self.start_nested_lines();
                self.lists.push(start.is_some());
            }
            Tag::Item => {
                self.flush_text();
                self.end_line();
                let ordered = self.lists.last().copied().unwrap_or(false);
                self.markers.push(if ordered { '#' } else { '*' });
                self.line = format!("{} ", self.markers);
                self.fresh_item = true;
            }
            Tag::Table(_) => {
                self.begin_block();
                self.table = Some(WikiTable {
                    outer_line: std::mem::take(&mut self.line),
                    rows: Vec::new(),
                    in_head: false,
                });
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some(table) = &mut self.table {
                    table.in_head = matches!(tag, Tag::TableHead);
                    table.rows.push(Vec::new());
                }
            }
            Tag::TableCell => self.flush_text(),
            Tag::Emphasis => self.markup("''"),
            Tag::Strong => self.markup("'''"),
            Tag::Strikethrough => self.markup("<s>"),
            Tag::Superscript => self.markup("<sup>"),
            Tag::Subscript => self.markup("<sub>"),
            Tag::Link {
                link_type,
                dest_url,
                ..
            } => self.start_link(link_type, &dest_url),
            // Images show their alt text, which arrives as text events.
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::HtmlBlock => self.flush_text(),
            TagEnd::Heading(_) => self.markup("'''"),
            TagEnd::BlockQuote(_) | TagEnd::Item => {
                self.flush_text();
                self.end_line();
                self.markers.pop();
                self.fresh_item = false;
            }
            TagEnd::List(_) => {
                self.flush_text();
                self.end_line();
                self.lists.pop();
            }
            TagEnd::TableCell => {
                self.flush_text();
                let cell = std::mem::take(&mut self.line).trim().to_string();
                if let Some(row) = self.table.as_mut().and_then(|t| {
                    let in_head = t.in_head;
                    t.rows.last_mut().map(|r| (r, in_head))
                }) {
                    row.0.push((row.1, cell));
                }
            }
            TagEnd::Table => {
                self.flush_text();
                if let Some(table) = self.table.take() {
                    self.line = table.outer_line;
                    let one_line = !self.markers.is_empty();
                    self.line
                        .push_str(&super::wikitext::table(&table.rows, one_line));
                }
            }
            TagEnd::Emphasis => self.markup("''"),
            TagEnd::Strong => self.markup("'''"),
            TagEnd::Strikethrough => self.markup("</s>"),
            TagEnd::Superscript => self.markup("</sup>"),
            TagEnd::Subscript => self.markup("</sub>"),
            TagEnd::Link => self.end_link(),
            _ => {}
        }
    }

    fn start_link(&mut self, link_type: LinkType, dest_url: &str) {
        let target = match link_type {
            LinkType::Email => format!("mailto:{dest_url}"),
            _ => dest_url.to_string(),
        };
        let anchor = target.strip_prefix('#').filter(|a| {
            !a.is_empty()
                && !a.contains("__")
                && a.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        });
        let closing = if let Some(url) = super::wikitext::url(&target) {
            self.markup(&format!("[{url} "));
            "]"
        } else if let Some(anchor) = anchor {
            // The `.wiki` pages carry the same anchors as the HTML pages.
            self.markup(&format!("[[#{anchor}|"));
            "]]"
        } else {
            self.flush_text();
            ""
        };
        self.links.push((closing, self.line.len(), target));
    }

    fn end_link(&mut self) {
        self.flush_text();
        let Some((closing, start, target)) = self.links.pop() else {
            return;
        };
        if closing.is_empty() {
            return;
        }
        if self.line.len() == start {
            self.line
                .push_str(&super::wikitext::escape_run(target.trim(), false));
        }
        self.line.push_str(closing);
    }

    fn end_code_block(&mut self) {
        let code = self.code.take().unwrap_or_default();
        self.line.push_str("<pre>");
        self.line.push_str(&super::wikitext::escape_preformatted(
            code.trim_end_matches('\n'),
        ));
        self.line.push_str("</pre>");
    }

    /// Starts a block: after a blank line at the top level; on the item's line when it is
    /// still empty; after `<br />` on an item's line (a list item is one line); or on a
    /// continuation line after a nested list.
    fn begin_block(&mut self) {
        self.flush_text();
        if self.table.is_some() {
            return;
        }
        if self.markers.is_empty() {
            self.end_line();
            if !self.out.is_empty() && !self.out.ends_with("\n\n") {
                self.out.push('\n');
            }
        } else if self.fresh_item {
            self.fresh_item = false;
        } else if self.line.is_empty() {
            self.continuation();
        } else {
            self.line.push_str("<br />");
        }
    }

    /// Before a list or quote, whose lines carry their own markers.
    fn start_nested_lines(&mut self) {
        if self.markers.is_empty() {
            self.begin_block();
        } else {
            self.flush_text();
            self.end_line();
        }
        self.fresh_item = false;
    }

    /// Starts a line continuing the innermost item or quote.
    fn continuation(&mut self) {
        self.line = self.markers.clone();
        if !self.markers.ends_with(':') {
            self.line.push(':');
        }
        self.line.push(' ');
    }

    fn ensure_line(&mut self) {
        if self.line.is_empty() && !self.markers.is_empty() && self.table.is_none() {
            self.continuation();
        }
    }

    /// Writes wikitext markup of our own.
    fn markup(&mut self, markup: &str) {
        self.flush_text();
        self.ensure_line();
        self.line.push_str(markup);
        self.fresh_item = false;
    }

    /// Escapes and writes the pending plain text.
    fn flush_text(&mut self) {
        if self.text.is_empty() {
            return;
        }
        self.ensure_line();
        let line_start = self.line.is_empty() && self.table.is_none();
        let text = std::mem::take(&mut self.text);
        self.line
            .push_str(&super::wikitext::escape_run(&text, line_start));
        self.fresh_item = false;
    }

    fn end_line(&mut self) {
        if !self.line.is_empty() {
            self.out.push_str(self.line.trim_end());
            self.out.push('\n');
            self.line.clear();
        }
    }

    fn finish(mut self) -> String {
        self.flush_text();
        self.end_line();
        self.out.trim_end().to_string()
    }
}

// (wikitext conversion helpers above; plain-text extraction below)

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
fn plain_of_line(line: &str) -> String {
    if line.contains("  ") {
        line.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        line.to_string()
    }
}

/// [`to_plain_text`] through pulldown-cmark.
fn to_plain_text_parsed(markdown: &str) -> String {
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

/// Relative links (`#topic-2`, `../es/`) are safe: they cannot name a scheme.
fn is_relative(url: &str) -> bool {
    let before_slash = url.split(['/', '?', '#']).next().unwrap_or("");
    !before_slash.contains(':')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_is_shown_as_plain_text_in_linear_time() {
        // Found by the `notes` fuzz target: html5ever is quadratic in nesting depth.
        for deep in [
            "> ".repeat(20_000),
            "- ".repeat(20_000),
            "<div>".repeat(30_000),
        ] {
            let started = std::time::Instant::now();
            let html = to_html(&format!("{deep}x"));
            assert!(
                html.starts_with("<p>") && html.ends_with("x</p>\n"),
                "{html:.80}"
            );
            assert!(!html.contains("<div>") && !html.contains("<blockquote>"));
            assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
        }
    }

    #[test]
    fn deep_lists_are_plain_wikitext_in_linear_size() {
        // Found by the `notes` fuzz target: 20,000 nested items made 200 MB of wikitext.
        let deep = format!("{}x", "- ".repeat(20_000));
        let wiki = to_wikitext(&deep);
        assert!(wiki.len() < 4 * deep.len(), "{} bytes", wiki.len());
        assert!(!wiki.starts_with('*'), "{wiki:.80}");
        let shallow = to_wikitext("- a\n  - b");
        assert!(shallow.contains("** b"), "{shallow}");
    }

    #[test]
    fn nesting_up_to_the_limit_keeps_its_markup() {
        let quotes = "> ".repeat(MAX_HTML_DEPTH - 1);
        assert!(to_html(&format!("{quotes}x")).contains("<blockquote>\n<blockquote>"));
        assert_eq!(nesting_depth("<ul><li>a<br></li><li>b</li></ul>"), 2);
        assert_eq!(nesting_depth("<div></b><div></b><div>"), 3);
    }

    #[test]
    fn html_drops_scripts_and_javascript_links() {
        let html = to_html(
            "Hi <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
    }

    #[test]
    fn single_paragraphs_render_inline() {
        assert_eq!(
            to_inline_html("Hello *world*"),
            ("Hello <em>world</em>".into(), true)
        );
        assert!(!to_inline_html("a\n\nb").1);
    }

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
    fn wikitext_converts_inline_formatting() {
        assert_eq!(
            to_wikitext("**b** *i* ***bi*** `c<d>` ~~s~~ [x](https://e.org)"),
            "'''b''' ''i'' '''''bi''''' <code>c&lt;d&gt;</code> <s>s</s> [https://e.org x]"
        );
        assert_eq!(
            to_wikitext("[x](<https://e.org/a b>)"),
            "[https://e.org/a%20b x]"
        );
        assert_eq!(
            to_wikitext("line one\nline two  \nthree"),
            "line one line two<br />three"
        );
        assert_eq!(to_wikitext("l'*équipe*"), "l&#39;''équipe''");
        assert_eq!(
            to_wikitext("<https://e.org>"),
            "[https://e.org https&#58;//e.org]"
        );
        assert_eq!(to_wikitext("<a@b.org>"), "[mailto:a@b.org a@b.org]");
        assert_eq!(to_wikitext("[see](#topic-2)"), "[[#topic-2|see]]");
        assert_eq!(to_wikitext("![a *cat*](cat.png)"), "a ''cat''");
    }

    #[test]
    fn wikitext_links_keep_only_safe_targets() {
        assert_eq!(to_wikitext("[x](javascript:alert(1))"), "x");
        assert_eq!(to_wikitext("[x](../es/)"), "x");
        assert_eq!(
            to_wikitext("[javascript:alert(1) x]"),
            "&#91;javascript&#58;alert(1) x&#93;"
        );
        assert_eq!(
            to_wikitext("[](https://e.org)"),
            "[https://e.org https&#58;//e.org]"
        );
    }

    #[test]
    fn wikitext_escapes_everything_the_note_says() {
        let wiki = to_wikitext(
            "{{delete}} [[Page]] <script>alert(1)</script> ~~~~ \\_\\_NOTOC\\_\\_ ''x'' <nowiki>\n\n\\* not a list",
        );
        for bad in ["{{", "[[", "<script", "~~~", "__", "''", "<nowiki"] {
            assert!(!wiki.contains(bad), "{bad} in {wiki}");
        }
        assert!(wiki.contains("&#39;&#39;x&#39;&#39;"), "{wiki}");
        assert!(wiki.ends_with("\n\n&#42; not a list"), "{wiki}");
        // In Markdown, `__x__` is bold.
        assert_eq!(to_wikitext("__bold__"), "'''bold'''");
        assert_eq!(to_wikitext("\\= Heading ="), "&#61; Heading &#61;");
        assert_eq!(to_wikitext("\\#1"), "&#35;1");
        assert_eq!(to_wikitext("    code"), "<pre>code</pre>");
        assert_eq!(
            to_wikitext("<div>\n*x*\n</div>"),
            "&lt;div&gt; *x* &lt;/div&gt;"
        );
    }

    #[test]
    fn wikitext_blocks() {
        assert_eq!(to_wikitext("a\n\nb"), "a\n\nb");
        assert_eq!(to_wikitext("# Title\n\nText"), "'''Title'''\n\nText");
        assert_eq!(
            to_wikitext("- a\n  - b\n    1. c\n- d\n\nAfter"),
            "* a\n** b\n**# c\n* d\n\nAfter"
        );
        assert_eq!(
            to_wikitext("- one\n\n  two\n\n  - sub\n\n  three"),
            "* one<br />two\n** sub\n*: three"
        );
        assert_eq!(to_wikitext("> quoted\n>\n> - item"), ": quoted\n:* item");
        assert_eq!(
            to_wikitext("```\nif a {{b}} then\n  [[c]]\n```"),
            "<pre>if a &#123;&#123;b&#125;&#125; then\n  &#91;&#91;c&#93;&#93;</pre>"
        );
        assert_eq!(to_wikitext("a\n\n---\n\nb"), "a\n\n<hr />\n\nb");
    }

    #[test]
    fn wikitext_tables() {
        assert_eq!(
            to_wikitext("| A | B |\n|---|---|\n| *1* | x\\|y |"),
            "{| class=\"wikitable\"\n|-\n! A\n! B\n|-\n| ''1''\n| x&#124;y\n|}"
        );
        assert_eq!(
            to_wikitext("- item\n\n  | A |\n  |---|\n  | 1 |"),
            "* item<br /><table class=\"wikitable\"><tr><th>A</th></tr><tr><td>1</td></tr></table>"
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
            text in r#"[a-zA-Zé中ع0-9 ,.;:?()/%'"\-–«»\u{a0}\u{2009}!*_#&<>\[\]=~|]{0,24}"#,
        ) {
            if is_plain_line(&text) {
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
