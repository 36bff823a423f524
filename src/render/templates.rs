//! Tera: loading the templates of `templates/` and rendering view models with them.
//!
//! This is the only module that uses Tera. HTML and Markdown templates are rendered by two
//! engines that differ in one thing, how they escape: `.html` values are HTML-escaped,
//! `.md` values Markdown-escaped, `.wiki` values wikitext-escaped, so that every plain value
//! is escaped for its output unless a template marks sanitized markup `safe`.

use std::path::Path;

use serde::Serialize;

use super::{markdown, wikitext};
use crate::config::Formats;
use crate::diag::{Position, Problem};

/// The largest template file heptaglot reads.
const MAX_TEMPLATE_BYTES: u64 = 4 * 1024 * 1024;

/// The page kinds, each with an `.html` and a `.md` template.
pub const PAGE_KINDS: [&str; 4] = ["digest", "index", "root", "series"];

/// Pages that exist only in HTML.
pub const HTML_PAGES: [&str; 1] = ["404.html"];

/// The compiled templates.
pub struct Templates {
    html: tera::Tera,
    md: tera::Tera,
    wiki: tera::Tera,
}

/// A page rendered in the formats asked for.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The HTML page.
    pub html: Option<String>,
    /// The Markdown file.
    pub md: Option<String>,
    /// The wikitext file (only page kinds with a `.wiki` template have one).
    pub wiki: Option<String>,
}

/// Tera's own HTML escaping, the same five characters (`&` `<` `>` `"` `'`), written as
/// runs: Tera's writes each byte on its own, one of the larger costs of a page.
fn html_escape(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let bytes = input.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let entity: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#39;",
            _ => continue,
        };
        out.write_all(&bytes[start..i])?;
        out.write_all(entity)?;
        start = i + 1;
    }
    out.write_all(&bytes[start..])
}

fn markdown_escape(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.write_all(markdown::escape_cow(input).as_bytes())
}

fn wikitext_escape(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.write_all(wikitext::escape_cow(input).as_bytes())
}

/// `text.wiki | wiki_inline(prefix="**", continued=true)`: block wikitext continued on a
/// list item's line (see [`wikitext::inline`]). The result is wikitext: mark it `safe`.
fn wiki_inline(block: &str, kwargs: tera::Kwargs, _: &tera::State) -> tera::TeraResult<String> {
    let prefix = kwargs.get::<&str>("prefix")?.unwrap_or("");
    let continued = kwargs
        .get::<&tera::Value>("continued")?
        .is_some_and(tera::Value::is_truthy);
    Ok(wikitext::inline(block, prefix, continued))
}

/// `url | wiki_link(text=title)`: an external link, or only the escaped text when the
/// address is not http, https or mailto (see [`wikitext::link`]). Mark the result `safe`.
fn wiki_link(url: &str, kwargs: tera::Kwargs, _: &tera::State) -> tera::TeraResult<String> {
    let text = kwargs.get::<&str>("text")?.unwrap_or("");
    Ok(wikitext::link(url, text))
}

/// The largest stylesheet or script heptaglot publishes.
pub const MAX_ASSET_BYTES: u64 = 4 * 1024 * 1024;

/// Whether `name` is a stylesheet or script the build copies to the site root as it is.
pub fn is_asset(name: &str) -> bool {
    name.ends_with(".css") || name.ends_with(".js")
}

/// The problems of the stylesheets and scripts beside the templates (in `folder`, shown as
/// `dir`), which the build copies to the site root: one that is a link (or anything but a
/// regular file) or that is not UTF-8 text would be left out of the site, silently.
fn asset_problems(folder: &Path, dir: &Path) -> Vec<Problem> {
    let mut problems = Vec::new();
    for entry in crate::walk::entries(folder, 1).filter_map(Result::ok) {
        let Some(name) = entry.path().file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if entry.is_dir() || !is_asset(name) {
            continue;
        }
        let shown = dir.join(name);
        if !entry.is_file() {
            problems.push(
                Problem::error(&shown, "this stylesheet or script is a link (or not a regular file), which the build does not publish")
                    .hint("put the file itself in its place (copy it, e.g. `cp --remove-destination \"$(readlink -f FILE)\" FILE`)"),
            );
        } else if let Err(problem) = crate::diag::read_text(entry.path(), &shown, MAX_ASSET_BYTES) {
            problems.push(*problem);
        }
    }
    problems
}

impl Templates {
    /// Loads every template under `dir`. Problems name the template file.
    pub fn load(root: &Path, dir: &Path) -> Result<Self, Vec<Problem>> {
        let folder = root.join(dir);
        let mut problems = Vec::new();
        let mut html = tera::Tera::new();
        html.autoescape_on([".html"]);
        html.set_escape_fn(html_escape);
        let mut md = tera::Tera::new();
        md.autoescape_on([".md"]);
        md.set_escape_fn(markdown_escape);
        let mut wiki = tera::Tera::new();
        wiki.autoescape_on([".wiki"]);
        wiki.set_escape_fn(wikitext_escape);
        wiki.register_filter("wiki_inline", wiki_inline);
        wiki.register_filter("wiki_link", wiki_link);
        let required = PAGE_KINDS
            .iter()
            .flat_map(|kind| [format!("{kind}.html"), format!("{kind}.md")])
            .chain(HTML_PAGES.iter().map(|name| name.to_string()));
        for name in required {
            // Only when nothing is there: a link or a FIFO in its place is reported when read.
            if folder.join(&name).symlink_metadata().is_err() {
                problems.push(
                    Problem::error(dir.join(&name), "the template is missing")
                        .hint("restore it from the heptaglot repository (git checkout templates/)"),
                );
            }
        }
        let mut files: Vec<_> = crate::walk::entries(&folder, usize::MAX)
            .filter_map(Result::ok)
            // Links are followed when read; a FIFO or socket is reported then, not skipped.
            .filter(|e| !e.is_dir())
            .map(|e| e.into_path())
            .collect();
        files.sort();
        problems.extend(asset_problems(&folder, dir));
        let mut html_files = Vec::new();
        let mut md_files = Vec::new();
        let mut wiki_files = Vec::new();
        for file in files {
            let name = file
                .strip_prefix(&folder)
                .unwrap_or(&file)
                .to_string_lossy()
                .replace('\\', "/");
            match file.extension().and_then(|e| e.to_str()) {
                Some("html") => html_files.push((file, name)),
                Some("md") => md_files.push((file, name)),
                Some("wiki") => wiki_files.push((file, name)),
                _ => {}
            }
        }
        for (engine, files) in [
            (&mut html, html_files),
            (&mut md, md_files),
            (&mut wiki, wiki_files),
        ] {
            let mut sources = Vec::new();
            for (file, name) in files {
                match crate::diag::read_text(&file, &dir.join(&name), MAX_TEMPLATE_BYTES) {
                    Ok(Some(text)) => sources.push((name, text)),
                    Ok(None) => {}
                    Err(problem) => problems.push(*problem),
                }
            }
            if let Err(error) = engine.add_raw_templates(sources.iter().map(|(n, t)| (n, t))) {
                // Tera stops at the first error; parse each template alone to find every
                // syntax error, with its position.
                let before = problems.len();
                for (name, text) in &sources {
                    if let Err(error) = tera::Tera::new().add_raw_template(name, text)
                        && let tera::ErrorKind::SyntaxError(report) = error.kind()
                    {
                        problems.push(
                            Problem::error(
                                dir.join(name),
                                format!("template syntax error: {}", report.message()),
                            )
                            .at(Position::from_offset(text, report.span().range.start))
                            .hint("fix the template syntax (see the Tera documentation); until then nothing is built"),
                        );
                    }
                }
                if problems.len() == before {
                    problems.push(
                        Problem::error(dir, format!("the templates do not fit together: {error}"))
                            .hint("check the `extends`, `include` and component names (see the Tera documentation)"),
                    );
                }
            }
        }
        if problems.is_empty() {
            Ok(Self { html, md, wiki })
        } else {
            Err(problems)
        }
    }

    /// Renders `kind.html`, `kind.md` and `kind.wiki` (when it exists) with `view` as the
    /// context, in the formats asked for.
    pub fn render<V: Serialize>(
        &self,
        kind: &str,
        view: &V,
        formats: Formats,
    ) -> Result<Rendered, String> {
        let context = tera::Context::from_serialize(view).map_err(|e| e.to_string())?;
        let one = |engine: &tera::Tera, ext: &str| {
            let name = format!("{kind}.{ext}");
            engine
                .render(&name, &context)
                .map_err(|e| format!("{name}: {e}"))
        };
        let wiki_name = format!("{kind}.wiki");
        let has_wiki = self.wiki.get_template_names().any(|n| n == wiki_name);
        Ok(Rendered {
            html: formats
                .html
                .then(|| one(&self.html, "html").map(|t| plain_head(&t)))
                .transpose()?,
            md: formats
                .markdown
                .then(|| one(&self.md, "md").map(|t| plain_text_file(&t)))
                .transpose()?,
            wiki: (formats.wikitext && has_wiki)
                .then(|| one(&self.wiki, "wiki").map(|t| plain_text_file(&linked_anchors_only(&t))))
                .transpose()?,
        })
    }

    /// Renders one HTML template that has no Markdown twin (search page, 404 page).
    pub fn render_html<V: Serialize>(&self, name: &str, view: &V) -> Result<String, String> {
        let context = tera::Context::from_serialize(view).map_err(|e| e.to_string())?;
        self.html
            .render(name, &context)
            .map(|t| plain_head(&t))
            .map_err(|e| format!("{name}: {e}"))
    }
}

/// An HTML page whose `<head>` (title, descriptions) has no Unicode isolation marks:
/// browser tabs, bookmarks and search results show a title or description as plain text,
/// where the marks Fluent puts around right-to-left values isolate nothing and can show as
/// boxes. The body keeps them, where they keep mixed-direction text in order.
fn plain_head(html: &str) -> String {
    match html.find("</head>") {
        Some(end) if html[..end].contains(['\u{2068}', '\u{2069}']) => {
            let head: String = html[..end]
                .chars()
                .filter(|c| !matches!(c, '\u{2068}' | '\u{2069}'))
                .collect();
            head + &html[end..]
        }
        _ => html.to_string(),
    }
}

/// A Markdown or wikitext file as a reader of its source should see it: without the
/// Unicode isolation marks (U+2068, U+2069) Fluent puts around values in right-to-left
/// languages, which are for HTML and are invisible clutter in a text file, and without
/// runs of blank lines that template blocks leave (one blank line separates blocks; lines
/// inside fenced code are kept as written).
fn plain_text_file(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_before = false;
    let mut in_fence = false;
    for line in text.split_inclusive('\n') {
        let line: String = line
            .chars()
            .filter(|c| !matches!(c, '\u{2068}' | '\u{2069}'))
            .collect();
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
        }
        let blank = line.trim().is_empty();
        if blank && blank_before && !in_fence {
            continue;
        }
        blank_before = blank;
        out.push_str(&line);
    }
    out
}

/// Wikitext with the anchor (`<span id="…"></span>`) at the start of a list item kept only
/// where a link of the page points to it (`#id`): every point has a stable id, but an
/// anchor before every bullet is noise to an editor of the wiki page. Headings and
/// questions keep theirs (the contents and other pages link to them).
fn linked_anchors_only(wiki: &str) -> String {
    const OPEN: &str = "<span id=\"";
    const CLOSE: &str = "\"></span>";
    let mut out = String::with_capacity(wiki.len());
    for line in wiki.split_inclusive('\n') {
        let marker = line.len() - line.trim_start_matches(['*', '#', ':']).len();
        let rest = &line[marker..];
        let anchor = (marker > 0)
            .then(|| rest.strip_prefix(' ').unwrap_or(rest))
            .and_then(|r| r.strip_prefix(OPEN))
            .and_then(|r| r.split_once(CLOSE));
        match anchor {
            Some((id, after))
                if !wiki.contains(&format!("#{id}]")) && !wiki.contains(&format!("#{id}|")) =>
            {
                out.push_str(&line[..marker]);
                out.push(' ');
                out.push_str(after);
            }
            _ => out.push_str(line),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wikitext_keeps_only_the_anchors_a_link_needs() {
        let wiki = "* <span id=\"a\"></span>One\n** <span id=\"b\"></span>Two [[#b|see]]\n<span id=\"c\"></span>Three\n";
        assert_eq!(
            linked_anchors_only(wiki),
            "* One\n** <span id=\"b\"></span>Two [[#b|see]]\n<span id=\"c\"></span>Three\n"
        );
    }

    #[test]
    fn page_heads_lose_isolation_marks_and_bodies_keep_them() {
        assert_eq!(
            plain_head("<head><title>\u{2068}A\u{2069}</title></head><h1>\u{2068}A\u{2069}</h1>"),
            "<head><title>A</title></head><h1>\u{2068}A\u{2069}</h1>"
        );
    }

    #[test]
    fn text_files_lose_isolation_marks_and_extra_blank_lines() {
        assert_eq!(
            plain_text_file("# \u{2068}Title\u{2069}\n\n\n- a\n\n```\n\n\nx\n```\n"),
            "# Title\n\n- a\n\n```\n\n\nx\n```\n"
        );
    }

    proptest::proptest! {
        /// Escaping in runs writes what Tera's own HTML escaping writes.
        #[test]
        fn html_escape_is_teras(text in r#"[a-z &<>"'/é中\n]{0,16}"#) {
            let (mut ours, mut teras) = (Vec::new(), Vec::new());
            html_escape(&text, &mut ours).expect("writes to a Vec");
            tera::escape_html(&text, &mut teras).expect("writes to a Vec");
            proptest::prop_assert_eq!(ours, teras);
        }
    }
}
