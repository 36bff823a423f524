//! Note Markdown as HTML: rendered by pulldown-cmark and cleaned by ammonia, which keeps
//! formatting and links but drops scripts, event handlers and `javascript:` URLs.

use std::collections::HashSet;
use std::sync::OnceLock;

use pulldown_cmark::{Event, Parser, Tag, TagEnd, html};

use super::{MAX_HTML_DEPTH, is_plain_line, options};

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

/// Note Markdown as sanitized HTML blocks (paragraphs, lists). A text that would nest
/// deeper than [`MAX_HTML_DEPTH`] is shown as plain text in one paragraph.
pub fn to_html(markdown: &str) -> String {
    if is_plain_line(markdown) {
        return format!("<p>{markdown}</p>\n");
    }
    to_html_parsed(markdown)
}

/// [`to_html`] through pulldown-cmark and ammonia.
pub(super) fn to_html_parsed(markdown: &str) -> String {
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
pub(super) fn inline_of(html: String) -> (String, bool) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_is_shown_as_plain_text() {
        // Found by the `notes` fuzz target: html5ever is quadratic in nesting depth.
        for deep in [
            "> ".repeat(20_000),
            "- ".repeat(20_000),
            "<div>".repeat(30_000),
        ] {
            let html = to_html(&format!("{deep}x"));
            assert!(
                html.starts_with("<p>") && html.ends_with("x</p>\n"),
                "{html:.80}"
            );
            assert!(!html.contains("<div>") && !html.contains("<blockquote>"));
        }
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
}
