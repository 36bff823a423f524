//! Note Markdown as MediaWiki wikitext, written event by event by a [`WikiWriter`]; the
//! escaping of each piece of text is [`crate::render::wikitext`]'s.

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};

use super::{MAX_HTML_DEPTH, is_plain_line, options};

/// Note Markdown as MediaWiki wikitext (bold, italics, links, lists, code), with every
/// piece of text escaped by [`crate::render::wikitext::escape`].
///
/// The result is block wikitext: top-level blocks are separated by blank lines, list items
/// and quotes (`:`) take one line each, a paragraph after a nested list continues its item
/// on a `*:` line. Raw HTML shows as text, images as their alt text, headings as bold
/// lines, code blocks as `<pre>`, and tables as `{| class="wikitable"` (as `<table>` tags on
/// one line inside a list). Links keep their target only when it is http, https or mailto;
/// `#anchor` links become `[[#anchor|text]]`. [`crate::render::wikitext::inline`] continues this
/// text on the line of a list item.
///
/// Each list item's line repeats the markers of every list around it, so N nested lists
/// would write N² characters: a text nesting deeper than [`MAX_HTML_DEPTH`] is written as
/// plain text in one paragraph, as [`super::to_html`] does.
pub fn to_wikitext(markdown: &str) -> String {
    if is_plain_line(markdown) {
        return crate::render::wikitext::escape_run(markdown, true);
    }
    to_wikitext_parsed(markdown)
}

/// [`to_wikitext`] through pulldown-cmark.
pub(super) fn to_wikitext_parsed(markdown: &str) -> String {
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
                self.line
                    .push_str(&crate::render::wikitext::escape_run(&t, false));
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
                        .push_str(&crate::render::wikitext::table(&table.rows, one_line));
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
        let closing = if let Some(url) = crate::render::wikitext::url(&target) {
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
                .push_str(&crate::render::wikitext::escape_run(target.trim(), false));
        }
        self.line.push_str(closing);
    }

    fn end_code_block(&mut self) {
        let code = self.code.take().unwrap_or_default();
        self.line.push_str("<pre>");
        self.line
            .push_str(&crate::render::wikitext::escape_preformatted(
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
            .push_str(&crate::render::wikitext::escape_run(&text, line_start));
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
