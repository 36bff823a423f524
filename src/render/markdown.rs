//! Markdown written by note-takers, made safe for both outputs.
//!
//! This is the only module that uses pulldown-cmark and ammonia. For HTML, Markdown is
//! rendered by pulldown-cmark and the result cleaned by ammonia, which keeps formatting and
//! links but drops scripts, event handlers and `javascript:` URLs. For Markdown output, the
//! note's Markdown is kept as written except that raw HTML is escaped into visible text and
//! links with an unsafe scheme lose their target, so the `.md` file cannot carry a script
//! to whatever renders it next.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};

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

/// Note Markdown as sanitized HTML blocks (paragraphs, lists).
pub fn to_html(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, Parser::new_ext(markdown, options()));
    cleaner().clean(&out).to_string()
}

/// Note Markdown as sanitized inline HTML: a single paragraph loses its `<p>` wrapper so it
/// can follow a speaker's name on the same line; anything longer stays in blocks.
pub fn to_inline_html(markdown: &str) -> (String, bool) {
    let html = to_html(markdown);
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

/// Plain text as Markdown: characters Markdown would read as syntax or HTML are escaped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, c) in text.chars().enumerate() {
        match c {
            // `#`, `+`, `-` and `>` are syntax only at the start of a line.
            '#' | '+' | '-' | '>' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' => {
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
pub fn to_safe_markdown(markdown: &str) -> String {
    let markdown = markdown.replace("\r\n", "\n");
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let mut unsafe_link: Option<(Range<usize>, String)> = None;
    for (event, range) in Parser::new_ext(&markdown, options()).into_offset_iter() {
        if let Some((link_range, text)) = &mut unsafe_link {
            match event {
                Event::End(TagEnd::Link | TagEnd::Image) => {
                    edits.push((link_range.clone(), escape(text)));
                    unsafe_link = None;
                }
                Event::Text(t) | Event::Code(t) => text.push_str(&t),
                _ => {}
            }
            continue;
        }
        match event {
            Event::Html(_) | Event::InlineHtml(_) => {
                edits.push((range.clone(), escape(&markdown[range])))
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
                if !is_safe_url(&dest_url) && !is_relative(&dest_url) =>
            {
                unsafe_link = Some((range, String::new()));
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
    out.trim_end().to_string()
}

/// Relative links (`#topic-2`, `../es/`) are safe: they cannot name a scheme.
/// Note Markdown as MediaWiki wikitext (bold, italics, links, lists, code), with every
/// piece of text escaped by [`super::wikitext::escape`].
pub fn to_wikitext(markdown: &str) -> String {
    super::wikitext::escape(markdown)
}

// (wikitext conversion helpers above; plain-text extraction below)

/// Note Markdown as plain text, for search indexes, feed summaries and meta descriptions.
pub fn to_plain_text(markdown: &str) -> String {
    let mut text = String::new();
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(_)
                if !text.ends_with(' ') && !text.is_empty() =>
            {
                text.push(' ');
            }
            _ => {}
        }
    }
    text.trim_end().to_string()
}

fn is_relative(url: &str) -> bool {
    let before_slash = url.split(['/', '?', '#']).next().unwrap_or("");
    !before_slash.contains(':')
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn escape_makes_text_literal() {
        assert_eq!(escape("<b>*x*</b>"), "&lt;b&gt;\\*x\\*&lt;/b&gt;");
    }
}
