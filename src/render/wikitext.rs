//! MediaWiki wikitext: plain text escaped so that nothing a note says becomes markup, a
//! template call or a signature on Meta-Wiki, plus the few pieces of wikitext layout that
//! the `.wiki` templates and [`super::markdown::to_wikitext`] share.
//!
//! # Escaping rules
//!
//! Escaping uses HTML character references, which MediaWiki decodes for display, so the
//! reader sees the text as written while the parser sees no syntax. `<nowiki>` is not used:
//! it cannot be nested, and it does not stop line-start syntax (lists, headings).
//!
//! Always escaped, wherever they are:
//! - `[` `]` → `&#91;` `&#93;` (internal and external links),
//! - `{` `}` `|` → `&#123;` `&#125;` `&#124;` (templates, parser functions, tables,
//!   `-{…}-` language conversion, which is live on Chinese pages),
//! - `<` `>` `&` → `&lt;` `&gt;` `&amp;` (HTML and extension tags such as `<ref>`,
//!   `<nowiki>`, `<script>`, comments, and character references the note did not mean).
//!
//! Escaped when repeated, or when first or last in the value (because the next value or
//! the template's own markup may stand beside them):
//! - `'` → `&#39;` (`''` italics, `'''` bold; a single inner apostrophe, as in French
//!   "l'équipe", stays readable),
//! - `~` → `&#126;` (`~~~` signatures, expanded when the page is saved),
//! - `_` → `&#95;` (`__NOTOC__` and other behaviour switches).
//!
//! Escaped only at the start of a value, where the value may start a line:
//! `*` `#` `:` `;` (lists), `=` (headings; `=` is also escaped last and when repeated),
//! `-` (`----` rules), `!` (table header cells; `!!` is escaped anywhere) and a space
//! (preformatted text).
//!
//! Escaped to stop automatic links: `:` after a letter and before a non-space (`https://…`,
//! `mailto:…` written as plain text become plain text, as on the HTML pages), and the first
//! letter of `ISBN`, `RFC` and `PMID` before a number (magic links, still enabled on some
//! wikis).
//!
//! Line breaks inside a plain value become spaces: a value never starts a new line.
//!
//! Attribute values in the templates (`lang`, `dir`, `id`) are language codes and checked
//! slugs, so `"` is left alone to keep quotations readable.

use std::borrow::Cow;

use crate::notes::check::is_safe_url;

/// Escapes plain text for wikitext (see the module docs): the value may start a line, and
/// line breaks become spaces.
pub fn escape(text: &str) -> String {
    escape_with(text, true, false)
}

/// [`escape`] without a copy when nothing needs escaping (most values): the template
/// engine's escape function writes the result straight into the page.
pub fn escape_cow(text: &str) -> Cow<'_, str> {
    if needs_no_escape(text, true, false) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(escape_each(text, true, false))
    }
}

/// Escapes a run of plain text inside a line of wikitext; `line_start` says whether the run
/// starts a line, where list, heading and preformatting syntax would apply.
pub fn escape_run(text: &str, line_start: bool) -> String {
    escape_with(text, line_start, false)
}

/// Escapes the content of a `<pre>` block: line breaks are kept and nothing is escaped for
/// being at the start of a line (MediaWiki does not parse block syntax inside `<pre>`).
pub fn escape_preformatted(text: &str) -> String {
    escape_with(&text.replace("\r\n", "\n"), false, true)
}

fn escape_with(text: &str, line_start: bool, keep_newlines: bool) -> String {
    if needs_no_escape(text, line_start, keep_newlines) {
        return text.to_string();
    }
    escape_each(text, line_start, keep_newlines)
}

/// [`escape_with`], character by character.
fn escape_each(text: &str, line_start: bool, keep_newlines: bool) -> String {
    let chars: Vec<char> = text
        .chars()
        .map(|c| match c {
            '\n' | '\r' if !keep_newlines => ' ',
            _ => c,
        })
        .collect();
    let last = chars.len().saturating_sub(1);
    let mut out = String::with_capacity(text.len() + 16);
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let next = chars.get(i + 1).copied();
        let edge = i == 0 || i == last;
        let repeated = prev == Some(c) || next == Some(c);
        let first = i == 0 && line_start;
        let entity = match c {
            '[' => Some("&#91;"),
            ']' => Some("&#93;"),
            '{' => Some("&#123;"),
            '}' => Some("&#125;"),
            '|' => Some("&#124;"),
            '<' => Some("&lt;"),
            '>' => Some("&gt;"),
            '&' => Some("&amp;"),
            '\'' if edge || repeated => Some("&#39;"),
            '~' if edge || repeated => Some("&#126;"),
            '_' if edge || repeated => Some("&#95;"),
            '=' if edge || repeated => Some("&#61;"),
            '!' if first || repeated => Some("&#33;"),
            '*' if first => Some("&#42;"),
            '#' if first => Some("&#35;"),
            ';' if first => Some("&#59;"),
            '-' if first => Some("&#45;"),
            ' ' if first => Some("&#32;"),
            ':' if first => Some("&#58;"),
            ':' if prev.is_some_and(|p| p.is_ascii_alphabetic())
                && next.is_some_and(|n| !n.is_whitespace()) =>
            {
                Some("&#58;")
            }
            'I' | 'R' | 'P' if starts_magic_link(&chars, i) => match c {
                'I' => Some("&#73;"),
                'R' => Some("&#82;"),
                _ => Some("&#80;"),
            },
            _ => None,
        };
        match entity {
            Some(entity) => out.push_str(entity),
            None => out.push(c),
        }
    }
    out
}

/// Whether [`escape_with`] would return `text` unchanged: no character it ever escapes or
/// replaces, no magic-link word, and no line syntax at the start. Most values and text runs
/// are like that, and the check is a byte scan instead of the per-character rules.
fn needs_no_escape(text: &str, line_start: bool, keep_newlines: bool) -> bool {
    let special = |b: u8| {
        matches!(
            b,
            b'[' | b']'
                | b'{'
                | b'}'
                | b'|'
                | b'<'
                | b'>'
                | b'&'
                | b'\''
                | b'~'
                | b'_'
                | b'='
                | b'!'
                | b':'
        ) || (!keep_newlines && matches!(b, b'\n' | b'\r'))
    };
    let starts_line = line_start
        && text
            .bytes()
            .next()
            .is_some_and(|b| matches!(b, b'*' | b'#' | b';' | b'-' | b' '));
    if starts_line || text.bytes().any(special) {
        return false;
    }
    // The magic-link words are searched for only in texts that have their first letters.
    !text.bytes().any(|b| matches!(b, b'I' | b'R' | b'P'))
        || !["ISBN", "RFC", "PMID"].iter().any(|w| text.contains(w))
}

/// Whether `ISBN`, `RFC` or `PMID` starts at `i` as a word followed by spaces and a digit,
/// which MediaWiki may turn into a link.
fn starts_magic_link(chars: &[char], i: usize) -> bool {
    if i > 0
        && chars
            .get(i - 1)
            .is_some_and(|p| p.is_alphanumeric() || *p == '_')
    {
        return false;
    }
    for word in ["ISBN", "RFC", "PMID"] {
        let len = word.chars().count();
        if chars
            .get(i..i + len)
            .is_some_and(|w| w.iter().copied().eq(word.chars()))
        {
            let rest = chars.get(i + len..).unwrap_or_default();
            let spaces = rest.iter().take_while(|c| c.is_whitespace()).count();
            if spaces > 0 && rest.get(spaces).is_some_and(char::is_ascii_digit) {
                return true;
            }
        }
    }
    false
}

/// A link target made safe inside `[url text]`: `None` unless it is http, https or mailto.
/// Characters that would end the link or read as markup are percent-encoded (or, for `&`,
/// written as `&amp;`, which MediaWiki decodes back in URLs).
pub fn url(url: &str) -> Option<String> {
    let url = url.trim();
    if !is_safe_url(url) {
        return None;
    }
    let chars: Vec<char> = url.chars().collect();
    let mut out = String::with_capacity(url.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let repeated = prev == Some(c) || chars.get(i + 1) == Some(&c);
        match c {
            '&' => out.push_str("&amp;"),
            '\'' | '~' | '_' if repeated => push_percent(&mut out, c),
            ' ' | '[' | ']' | '<' | '>' | '"' | '{' | '}' | '|' => push_percent(&mut out, c),
            c if c.is_control() || c.is_whitespace() => push_percent(&mut out, c),
            c => out.push(c),
        }
    }
    Some(out)
}

fn push_percent(out: &mut String, c: char) {
    let mut buf = [0; 4];
    for byte in c.encode_utf8(&mut buf).bytes() {
        out.push_str(&format!("%{byte:02X}"));
    }
}

/// An external link to `target` showing the plain text `text`, or only the text when the
/// target is not http, https or mailto. An empty text shows the address.
pub fn link(target: &str, text: &str) -> String {
    let shown = if text.trim().is_empty() {
        escape_run(target.trim(), false)
    } else {
        escape_run(text, false)
    };
    match url(target) {
        Some(url) => format!("[{url} {shown}]"),
        None => shown,
    }
}

/// A table as wikitext: `rows` of cells, each `(is_header, cell wikitext)`. On one line
/// (`<table>` tags, which fit inside a list item) when `one_line`, else as a
/// `{| class="wikitable"` block, one cell per line.
pub fn table(rows: &[Vec<(bool, String)>], one_line: bool) -> String {
    let mut out = String::from("{| class=\"wikitable\"\n");
    for row in rows {
        out.push_str("|-\n");
        for (header, cell) in row {
            out.push_str(if *header { "!" } else { "|" });
            if !cell.is_empty() {
                out.push(' ');
                out.push_str(cell);
            }
            out.push('\n');
        }
    }
    out.push_str("|}");
    if one_line {
        table_on_one_line(&out)
    } else {
        out
    }
}

/// Rewrites a table written by [`table`] with `<table>` tags on a single line.
fn table_on_one_line(block: &str) -> String {
    let mut out = String::new();
    let mut row_open = false;
    for line in block.lines() {
        if let Some(attributes) = line.strip_prefix("{|") {
            out.push_str(&format!("<table{attributes}>"));
        } else if line == "|}" {
            if row_open {
                out.push_str("</tr>");
            }
            out.push_str("</table>");
            row_open = false;
        } else if line == "|-" {
            if row_open {
                out.push_str("</tr>");
            }
            out.push_str("<tr>");
            row_open = true;
        } else if let Some(cell) = line.strip_prefix('!') {
            out.push_str(&format!("<th>{}</th>", cell.trim()));
        } else if let Some(cell) = line.strip_prefix('|') {
            out.push_str(&format!("<td>{}</td>", cell.trim()));
        }
    }
    out
}

/// Block wikitext (from [`super::markdown::to_wikitext`]) continued on the line of a list
/// item whose marker is `prefix` (`*`, `**`, `#`…; empty for a plain paragraph).
///
/// A list item is one line in wikitext, so paragraphs are joined with `<br />`, the text's
/// own lists nest under the item (`**` + `*` → `***`), a paragraph after such a list goes
/// on a `prefix:` continuation line, and tables move onto the item's line as `<table>`
/// tags. `<pre>` blocks keep their line breaks: MediaWiki sets them aside before it reads
/// lists. When `continued` is true, something follows on the item's line, so a text that
/// ends with a list gets a continuation line for it.
pub fn inline(block: &str, prefix: &str, continued: bool) -> String {
    // Most texts are one paragraph on one line: continued as they are.
    if !block.bytes().any(|b| b == b'\n' || b == b'\r')
        && !block.trim().is_empty()
        && !block.starts_with(['*', '#', ':', ';'])
        && !block.starts_with("{|")
    {
        return block.to_string();
    }
    inline_lines(block, prefix, continued)
}

/// [`inline`], line by line.
fn inline_lines(block: &str, prefix: &str, continued: bool) -> String {
    let continuation = format!("\n{prefix}:");
    let mut out = String::with_capacity(block.len() + 16);
    let mut started = false;
    let mut after_list = false;
    let mut paragraph_break = false;
    let mut in_pre = false;
    let mut table: Option<String> = None;
    for line in block.lines() {
        if in_pre {
            out.push('\n');
            out.push_str(line);
            in_pre = opens_pre(line, true);
            continue;
        }
        if let Some(rows) = &mut table {
            rows.push_str(line);
            rows.push('\n');
            if line == "|}" {
                let one_line = table_on_one_line(rows);
                table = None;
                push_content(
                    &mut out,
                    &one_line,
                    (&mut started, &mut after_list, &mut paragraph_break),
                    &continuation,
                );
            }
            continue;
        }
        if line.trim().is_empty() {
            paragraph_break = true;
        } else if line.starts_with(['*', '#', ':', ';']) {
            out.push('\n');
            out.push_str(prefix);
            out.push_str(line);
            started = true;
            after_list = true;
            paragraph_break = false;
        } else if line.starts_with("{|") {
            table = Some(format!("{line}\n"));
        } else {
            push_content(
                &mut out,
                line,
                (&mut started, &mut after_list, &mut paragraph_break),
                &continuation,
            );
        }
        in_pre = opens_pre(line, false);
    }
    if continued && after_list {
        out.push_str(&continuation);
    }
    out
}

/// Adds a line of inline content to an item being continued by [`inline`].
fn push_content(
    out: &mut String,
    content: &str,
    (started, after_list, paragraph_break): (&mut bool, &mut bool, &mut bool),
    continuation: &str,
) {
    if *after_list {
        out.push_str(continuation);
        out.push(' ');
    } else if *started {
        out.push_str(if *paragraph_break { "<br />" } else { " " });
    }
    out.push_str(content);
    *started = true;
    *after_list = false;
    *paragraph_break = false;
}

/// Whether a `<pre>` is still open after `line` (`already_open`: it was open before it).
/// Every `<` of the notes is escaped, so these tags are always ours.
fn opens_pre(line: &str, already_open: bool) -> bool {
    let opened = line.matches("<pre>").count();
    let closed = line.matches("</pre>").count();
    usize::from(already_open) + opened > closed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_check_agrees_with_the_rules() {
        let samples = [
            "plain words",
            "",
            " lead",
            "-dash",
            "*star",
            "#hash",
            ";semi",
            "a: b",
            "a:b",
            "ISBN 123",
            "RFC 7231",
            "PMID 1",
            "über straße",
            "x\ny",
            "x\r\ny",
            "it's",
            "a_b",
            "a=b",
            "Hi!",
            "[x]",
            "{x}",
            "a|b",
            "<b>",
            "a & b",
            "~",
            "مرحبا",
            "你好",
            "ISBNs",
            "Topic 2",
            "x -y *z #w",
        ];
        for text in samples {
            for line_start in [false, true] {
                for keep in [false, true] {
                    assert_eq!(
                        escape_with(text, line_start, keep),
                        escape_each(text, line_start, keep),
                        "{text:?} {line_start} {keep}"
                    );
                }
            }
        }
    }

    #[test]
    fn templates_and_links_become_text() {
        assert_eq!(escape("{{foo}}"), "&#123;&#123;foo&#125;&#125;");
        assert_eq!(escape("[[Page]]"), "&#91;&#91;Page&#93;&#93;");
        assert_eq!(escape("a|b"), "a&#124;b");
        assert_eq!(escape("{| table"), "&#123;&#124; table");
    }

    #[test]
    fn tags_become_text() {
        assert_eq!(
            escape("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(escape("<ref>x</ref>"), "&lt;ref&gt;x&lt;/ref&gt;");
        assert_eq!(escape("a & b &amp;"), "a &amp; b &amp;amp;");
    }

    #[test]
    fn signatures_and_behaviour_switches_become_text() {
        assert_eq!(escape("~~~~"), "&#126;&#126;&#126;&#126;");
        assert_eq!(escape("about ~8 people"), "about ~8 people");
        assert_eq!(escape("__NOTOC__"), "&#95;&#95;NOTOC&#95;&#95;");
        assert_eq!(escape("snake_case"), "snake_case");
    }

    #[test]
    fn apostrophes_stay_readable_unless_they_are_markup() {
        assert_eq!(escape("''x''"), "&#39;&#39;x&#39;&#39;");
        assert_eq!(escape("'''b'''"), "&#39;&#39;&#39;b&#39;&#39;&#39;");
        assert_eq!(escape("l'équipe"), "l'équipe");
        assert_eq!(escape("'quoted'"), "&#39;quoted&#39;");
    }

    #[test]
    fn line_start_syntax_is_escaped() {
        assert_eq!(escape("* item"), "&#42; item");
        assert_eq!(escape("# item"), "&#35; item");
        assert_eq!(escape("= Heading ="), "&#61; Heading &#61;");
        assert_eq!(escape(" pre"), "&#32;pre");
        assert_eq!(escape(": indent"), "&#58; indent");
        assert_eq!(escape("; term"), "&#59; term");
        assert_eq!(escape("----"), "&#45;---");
        assert_eq!(escape("! cell !! cell"), "&#33; cell &#33;&#33; cell");
        assert_eq!(escape_run("* not first", false), "* not first");
        assert_eq!(escape("a * b # c = d"), "a * b # c = d");
    }

    #[test]
    fn line_breaks_become_spaces() {
        assert_eq!(
            escape("a\n* b\r\n== c =="),
            "a * b  &#61;&#61; c &#61;&#61;"
        );
    }

    #[test]
    fn automatic_links_are_stopped() {
        assert_eq!(
            escape("see https://example.org"),
            "see https&#58;//example.org"
        );
        assert_eq!(escape("Note: fine"), "Note: fine");
        assert_eq!(escape("ISBN 978-3-16"), "&#73;SBN 978-3-16");
        assert_eq!(escape("the RFC 2119 words"), "the &#82;FC 2119 words");
        assert_eq!(escape("RFC process"), "RFC process");
        assert_eq!(escape("XISBN 1"), "XISBN 1");
    }

    #[test]
    fn preformatted_text_keeps_lines() {
        assert_eq!(
            escape_preformatted("  if a {\n    b()\n  }"),
            "  if a &#123;\n    b()\n  &#125;"
        );
    }

    #[test]
    fn urls_are_kept_only_for_safe_schemes() {
        assert_eq!(url("javascript:alert(1)"), None);
        assert_eq!(
            url(" https://example.org/a b?x=1&y=[2]|''~~~"),
            Some("https://example.org/a%20b?x=1&amp;y=%5B2%5D%7C%27%27%7E%7E%7E".into())
        );
        assert_eq!(
            link("https://example.org", "Example [site]"),
            "[https://example.org Example &#91;site&#93;]"
        );
        assert_eq!(link("javascript:alert(1)", "x"), "x");
        assert_eq!(
            link("mailto:a@b.org", ""),
            "[mailto:a@b.org mailto&#58;a@b.org]"
        );
    }

    #[test]
    fn tables_fit_on_one_line() {
        let rows = vec![
            vec![(true, "A".to_string()), (true, "B".to_string())],
            vec![(false, "1".to_string()), (false, String::new())],
        ];
        assert_eq!(
            table(&rows, false),
            "{| class=\"wikitable\"\n|-\n! A\n! B\n|-\n| 1\n|\n|}"
        );
        assert_eq!(
            table(&rows, true),
            "<table class=\"wikitable\"><tr><th>A</th><th>B</th></tr><tr><td>1</td><td></td></tr></table>"
        );
    }

    #[test]
    fn block_text_continues_a_list_item() {
        assert_eq!(inline("One.\n\nTwo.", "*", false), "One.<br />Two.");
        assert_eq!(
            inline("Intro:\n\n* a\n** b\n\n# c\n\nAfter.", "**", false),
            "Intro:\n*** a\n**** b\n**# c\n**: After."
        );
        assert_eq!(inline("* a", "*", true), "\n** a\n*:");
        assert_eq!(inline("* a", "*", false), "\n** a");
        assert_eq!(
            inline("Code:\n\n<pre>a\n* b</pre>\n\nEnd.", "*", false),
            "Code:<br /><pre>a\n* b</pre><br />End."
        );
        assert_eq!(
            inline("{| class=\"wikitable\"\n|-\n| x\n|}", "*", false),
            "<table class=\"wikitable\"><tr><td>x</td></tr></table>"
        );
    }

    proptest::proptest! {
        /// The shortcuts (no copy when nothing is escaped, one-line texts continued as
        /// they are) give what the full rules give.
        #[test]
        fn shortcuts_agree_with_the_full_rules(
            text in "[a-zA-Z0-9 \u{a0}\t*#:;!=_~'|{}<>&\\[\\]\n\r-]{0,12}(ISBN|RFC|PMID)?[ 0-9a-z]{0,3}",
            continued: bool,
        ) {
            proptest::prop_assert_eq!(escape_cow(&text), escape_with(&text, true, false));
            proptest::prop_assert_eq!(
                inline(&text, "**", continued),
                inline_lines(&text, "**", continued)
            );
        }
    }
}
