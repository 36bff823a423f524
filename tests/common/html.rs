//! What in a page could run code, as a browser sees it: the page is parsed with an HTML5
//! parser (html5ever, the parser of Servo), never searched as text, so entity tricks,
//! broken tags and namespace switches are resolved exactly as a browser resolves them.
//!
//! [`inspect_document`] and [`inspect_fragment`] return the page's [`Facts`]: violations
//! (always wrong, whatever the templates say: an `on*` attribute, a `javascript:` URL, a
//! CSS expression) and the signatures of the elements that can load or run something
//! (`<script>`, `<iframe>`, `<form>`, `<style>`, …), which a test compares with those of a
//! clean build of the same site: only the templates may put such elements there.

use std::collections::BTreeMap;

use html5ever::tendril::TendrilSink;
use html5ever::{LocalName, ParseOpts, QualName, ns, parse_document, parse_fragment};
use markup5ever_rcdom::{Handle, NodeData, RcDom};

/// What [`inspect_document`] found in one page.
#[derive(Debug, Default, Clone)]
pub struct Facts {
    /// Things that are wrong wherever they appear.
    pub violations: Vec<String>,
    /// Elements that can load or run something, as `name[attr=value …]`, with a count.
    pub active: BTreeMap<String, usize>,
    /// Every text node, joined by spaces (what a reader sees, plus `<title>`).
    pub text: String,
}

/// Elements that show text or structure and can neither load nor run anything by
/// themselves (their attributes are still checked). Anything else is "active".
const INERT: &[&str] = &[
    "html",
    "head",
    "body",
    "title",
    "p",
    "a",
    "span",
    "div",
    "ul",
    "ol",
    "li",
    "em",
    "strong",
    "b",
    "i",
    "u",
    "s",
    "del",
    "ins",
    "code",
    "pre",
    "kbd",
    "samp",
    "var",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "nav",
    "header",
    "footer",
    "main",
    "article",
    "section",
    "aside",
    "label",
    "dl",
    "dt",
    "dd",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "caption",
    "colgroup",
    "col",
    "br",
    "hr",
    "sup",
    "sub",
    "small",
    "big",
    "blockquote",
    "q",
    "cite",
    "abbr",
    "dfn",
    "mark",
    "time",
    "figure",
    "figcaption",
    "img",
    "wbr",
    "bdi",
    "bdo",
    "ruby",
    "rt",
    "rp",
    "details",
    "summary",
    "center",
    "font",
    "tt",
    "strike",
    "hgroup",
    "address",
    "data",
];

/// Attributes whose value the browser follows as a URL (or, for `srcdoc`, loads as a page).
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "srcdoc",
    "background",
    "dynsrc",
    "lowsrc",
    "codebase",
    "classid",
    "archive",
    "code",
    "longdesc",
    "usemap",
    "ping",
    "manifest",
    "icon",
    "cite",
    "srcset",
    "to",
    "from",
    "values",
];

/// Parses a whole page (as a browser loads it) and inspects it.
pub fn inspect_document(html: &str) -> Facts {
    let dom = parse_document(RcDom::default(), ParseOpts::default()).one(html);
    let mut facts = Facts::default();
    walk(&dom.document, &mut facts);
    facts
}

/// Parses `html` as the content of a `<div>` (how feed readers and wikis insert it) and
/// inspects it.
pub fn inspect_fragment(html: &str) -> Facts {
    let context = QualName::new(None, ns!(html), LocalName::from("div"));
    let dom = parse_fragment(
        RcDom::default(),
        ParseOpts::default(),
        context,
        vec![],
        true,
    )
    .one(html);
    let mut facts = Facts::default();
    walk(&dom.document, &mut facts);
    facts
}

/// A URL value as the browser reads its scheme: entities are already decoded by the
/// parser; ASCII whitespace and control characters are dropped (browsers strip them at
/// the ends and remove tabs and line breaks inside), then case is folded.
pub fn normalized_url(value: &str) -> String {
    value
        .chars()
        .filter(|c| !(c.is_ascii_whitespace() || c.is_control()))
        .collect::<String>()
        .to_ascii_lowercase()
}

/// Why `value` is a dangerous URL, if it is: a script scheme, or a `data:` URL that is not
/// a raster image.
pub fn dangerous_url(value: &str) -> Option<String> {
    let url = normalized_url(value);
    for scheme in ["javascript:", "vbscript:", "livescript:", "mocha:"] {
        if url.starts_with(scheme) {
            return Some(format!("{scheme} URL"));
        }
    }
    if url.starts_with("data:") {
        let raster = [
            "data:image/png",
            "data:image/gif",
            "data:image/jpeg",
            "data:image/webp",
        ];
        if !raster.iter().any(|r| url.starts_with(r)) {
            return Some("data: URL that is not an image".into());
        }
    }
    None
}

/// Why a `style` value could run or load something, if it could.
pub fn dangerous_style(value: &str) -> Option<String> {
    // CSS escapes and comments split keywords (`expr/**/ession`, `\65 xpression`): drop
    // both before looking.
    let mut css = String::new();
    let mut rest = value;
    while let Some(start) = rest.find("/*") {
        css.push_str(&rest[..start]);
        rest = rest[start + 2..]
            .find("*/")
            .map_or("", |end| &rest[start + 2 + end + 2..]);
    }
    css.push_str(rest);
    let css: String = css
        .chars()
        .filter(|c| !(c.is_whitespace() || *c == '\\' || c.is_control()))
        .collect::<String>()
        .to_ascii_lowercase();
    [
        "expression(",
        "url(",
        "behavior:",
        "-moz-binding",
        "@import",
        "javascript:",
    ]
    .iter()
    .find(|bad| css.contains(*bad))
    .map(|bad| format!("style with {bad}"))
}

fn attribute_name(name: &QualName) -> String {
    let prefix = match &*name.ns {
        "http://www.w3.org/1999/xlink" => "xlink:",
        "http://www.w3.org/XML/1998/namespace" => "xml:",
        "http://www.w3.org/2000/xmlns/" => "xmlns:",
        _ => "",
    };
    format!("{prefix}{}", &*name.local).to_ascii_lowercase()
}

fn element_name(name: &QualName) -> String {
    let local = name.local.to_string().to_ascii_lowercase();
    match &*name.ns {
        "http://www.w3.org/1999/xhtml" => local,
        "http://www.w3.org/2000/svg" => format!("svg:{local}"),
        "http://www.w3.org/1998/Math/MathML" => format!("math:{local}"),
        _ => format!("?:{local}"),
    }
}

/// The attributes that say what an active element does; page-specific addresses of
/// `<link>` are left out so that pages of one kind share one signature.
fn signature(name: &str, attrs: &[(String, String)], text: &str) -> String {
    let keep: &[&str] = match name {
        "link" => &["rel", "type", "hreflang"],
        "meta" => &["http-equiv", "name", "property", "charset"],
        _ => &[],
    };
    // Words shown to the reader (Fluent strings, on every page) say nothing about what
    // the element does.
    let words = |k: &str| {
        [
            "placeholder",
            "title",
            "alt",
            "lang",
            "dir",
            "class",
            "id",
            "role",
            "for",
        ]
        .contains(&k)
            || k.starts_with("aria-")
            || k.starts_with("data-")
    };
    let mut shown: Vec<String> = attrs
        .iter()
        .filter(|(k, _)| !words(k) && (keep.is_empty() || keep.contains(&k.as_str())))
        .map(|(k, v)| format!("{k}={v:?}"))
        .collect();
    shown.sort();
    let text = if name == "script" || name == "style" {
        format!(" text={text:?}")
    } else {
        String::new()
    };
    format!("{name}[{}]{text}", shown.join(" "))
}

fn text_of(node: &Handle) -> String {
    let mut out = String::new();
    for child in node.children.borrow().iter() {
        if let NodeData::Text { contents } = &child.data {
            out.push_str(&contents.borrow());
        }
    }
    out
}

fn walk(node: &Handle, facts: &mut Facts) {
    match &node.data {
        NodeData::Text { contents } => {
            facts.text.push_str(&contents.borrow());
            facts.text.push(' ');
        }
        NodeData::Element {
            name,
            attrs,
            template_contents,
            ..
        } => {
            let element = element_name(name);
            let attrs: Vec<(String, String)> = attrs
                .borrow()
                .iter()
                .map(|a| (attribute_name(&a.name), a.value.to_string()))
                .collect();
            for (key, value) in &attrs {
                if key.starts_with("on") {
                    facts
                        .violations
                        .push(format!("<{element}> has an event handler {key}={value:?}"));
                }
                if key == "srcdoc" {
                    facts
                        .violations
                        .push(format!("<{element}> has srcdoc={value:?}"));
                }
                if URL_ATTRIBUTES.contains(&key.as_str())
                    && let Some(why) = dangerous_url(value)
                {
                    facts
                        .violations
                        .push(format!("<{element}> {key}={value:?}: {why}"));
                }
                if key == "style"
                    && let Some(why) = dangerous_style(value)
                {
                    facts
                        .violations
                        .push(format!("<{element}> style={value:?}: {why}"));
                }
            }
            if element == "meta"
                && let Some((_, content)) = attrs.iter().find(|(k, _)| k == "content")
                && attrs.iter().any(|(k, _)| k == "http-equiv")
                && let Some(why) = content
                    .to_ascii_lowercase()
                    .split_once("url=")
                    .and_then(|(_, url)| dangerous_url(url))
            {
                facts
                    .violations
                    .push(format!("<meta http-equiv> content={content:?}: {why}"));
            }
            let inert = INERT.contains(&element.as_str())
                || (element == "meta" && !attrs.iter().any(|(k, _)| k == "http-equiv"));
            if !inert {
                let text = text_of(node);
                *facts
                    .active
                    .entry(signature(&element, &attrs, &text))
                    .or_default() += 1;
            }
            if let Some(contents) = template_contents.borrow().as_ref() {
                walk(contents, facts);
            }
        }
        _ => {}
    }
    for child in node.children.borrow().iter() {
        walk(child, facts);
    }
}

/// The active elements of `facts` that `allowed` (a clean build's) does not have, or has
/// fewer of.
pub fn unexpected_active(facts: &Facts, allowed: &BTreeMap<String, usize>) -> Vec<String> {
    facts
        .active
        .iter()
        .filter(|(signature, count)| allowed.get(*signature).copied().unwrap_or(0) < **count)
        .map(|(signature, count)| format!("{count} × {signature}"))
        .collect()
}

/// A Markdown file as a CommonMark renderer that lets raw HTML through (as most Markdown
/// hosts do before their own filtering) would show it.
pub fn markdown_to_html(markdown: &str) -> String {
    use pulldown_cmark::{Options, Parser, html};
    let mut out = String::new();
    html::push_html(
        &mut out,
        Parser::new_ext(
            markdown,
            Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
        ),
    );
    out
}

/// Tags MediaWiki lets through in wikitext that heptaglot may write.
const WIKI_TAGS: &[&str] = &[
    "span",
    "pre",
    "code",
    "s",
    "sup",
    "sub",
    "br",
    "hr",
    "table",
    "tbody",
    "tr",
    "th",
    "td",
    "caption",
    "div",
    "p",
    "b",
    "i",
    "u",
    "small",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "del",
    "ins",
    "strong",
    "em",
    "bdi",
];

/// Why wikitext could do more than show text and the formatting heptaglot writes: a tag
/// outside MediaWiki's safe set, an event handler or CSS, an external link with another
/// scheme than http, https or mailto, a template, a magic word or a signature.
pub fn wikitext_violations(wiki: &str) -> Vec<String> {
    let facts = inspect_fragment(wiki);
    let mut out = facts.violations;
    for signature in facts.active.keys() {
        let name = signature.split('[').next().unwrap_or("");
        if !WIKI_TAGS.contains(&name) {
            out.push(format!("tag {signature}"));
        }
    }
    let dom = parse_fragment(
        RcDom::default(),
        ParseOpts::default(),
        QualName::new(None, ns!(html), LocalName::from("div")),
        vec![],
        true,
    )
    .one(wiki);
    style_attributes(&dom.document, &mut out);
    for bad in ["{{", "~~~", "<nowiki"] {
        if wiki.contains(bad) {
            out.push(format!("{bad:?} in wikitext"));
        }
    }
    // Behaviour switches: `__NOTOC__`, `__NOINDEX__`, …
    for (i, _) in wiki.match_indices("__") {
        let word: String = wiki[i + 2..]
            .chars()
            .take_while(|c| c.is_ascii_uppercase())
            .collect();
        if !word.is_empty() && wiki[i + 2 + word.len()..].starts_with("__") {
            out.push(format!("magic word __{word}__"));
        }
    }
    for (i, _) in wiki.match_indices("[[") {
        if !wiki[i + 2..].starts_with('#') {
            out.push(format!(
                "internal link {:?}",
                &wiki[i..(i + 40).min(wiki.len())]
            ));
        }
    }
    for (i, _) in wiki.match_indices('[') {
        let rest = &wiki[i + 1..];
        let target: String = rest
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != ']')
            .collect();
        let lower = target.to_ascii_lowercase();
        if let Some((scheme, _)) = lower.split_once(':')
            && !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
            && !["http", "https", "mailto"].contains(&scheme)
        {
            out.push(format!("external link to {target:?}"));
        }
    }
    out
}

/// Wiki pages allow `style`: any at all in heptaglot's wikitext came from the text.
fn style_attributes(node: &Handle, out: &mut Vec<String>) {
    if let NodeData::Element { name, attrs, .. } = &node.data {
        for attr in attrs.borrow().iter() {
            if &*attr.name.local == "style" {
                out.push(format!(
                    "<{}> style={:?} in wikitext",
                    &*name.local,
                    attr.value.as_ref()
                ));
            }
        }
    }
    for child in node.children.borrow().iter() {
        style_attributes(child, out);
    }
}

/// The active elements a clean build has on each kind of page, by `(kind, language)`.
#[derive(Debug, Default, Clone)]
pub struct Allowed(BTreeMap<String, BTreeMap<String, usize>>);

/// The kind of output at `path` (below the output folder) and its language: pages of one
/// kind come from one template, so they share their active elements.
pub fn page_kind(path: &str) -> String {
    let parts: Vec<&str> = path.split('/').collect();
    let ext = path.rsplit('.').next().unwrap_or("");
    let kind = match parts.as_slice() {
        [_] => parts[0].to_string(),
        [lang, "index.html" | "index.md" | "index.wiki"] => format!("{lang}/index"),
        [lang, "search", _] => format!("{lang}/search"),
        [lang, "series", ..] => format!("{lang}/series"),
        [lang, ..] => format!("{lang}/digest"),
        [] => String::new(),
    };
    format!("{kind}.{ext}")
}

/// The facts of an output file that can carry markup: HTML pages as a browser parses them,
/// Markdown files as a CommonMark renderer shows them. `None` for other files.
pub fn facts_of(path: &str, contents: &str) -> Option<Facts> {
    if path.ends_with(".html") {
        Some(inspect_document(contents))
    } else if path.ends_with(".md") {
        Some(inspect_fragment(&markdown_to_html(contents)))
    } else {
        None
    }
}

impl Allowed {
    /// What the clean build `files` (path, contents) has on each kind of page.
    pub fn from_clean(files: &[(String, String)]) -> Self {
        let mut allowed = Self::default();
        for (path, contents) in files {
            if let Some(facts) = facts_of(path, contents) {
                let kind = allowed.0.entry(page_kind(path)).or_default();
                for (signature, count) in facts.active {
                    let max = kind.entry(signature).or_default();
                    *max = (*max).max(count);
                }
            }
        }
        allowed
    }

    /// Whether the clean build had a page of `path`'s kind at all.
    pub fn knows(&self, path: &str) -> bool {
        self.0.contains_key(&page_kind(path))
    }
}

/// Every way the built files `files` could run something that the templates (as seen in
/// the clean build `allowed`) did not put there: HTML and Markdown parsed and checked,
/// wikitext checked for what MediaWiki would act on, Atom feeds and the sitemap parsed as
/// XML, search indexes as JSON. `base` is the site's public address.
pub fn site_violations(files: &[(String, String)], allowed: &Allowed, base: &str) -> Vec<String> {
    let mut out = Vec::new();
    let empty = BTreeMap::new();
    for (path, contents) in files {
        let mut found = Vec::new();
        if let Some(facts) = facts_of(path, contents) {
            found.extend(facts.violations.iter().cloned());
            let kind_allowed = allowed.0.get(&page_kind(path)).unwrap_or(&empty);
            found.extend(
                unexpected_active(&facts, kind_allowed)
                    .into_iter()
                    .map(|s| format!("element the templates do not write: {s}")),
            );
        } else if path.ends_with(".wiki") {
            found.extend(wikitext_violations(contents));
        } else if path.ends_with("feed.xml") {
            found.extend(feed_violations(contents, base));
        } else if path == "sitemap.xml" {
            found.extend(sitemap_violations(contents, base));
        } else if path.starts_with("search/") && path.ends_with(".json") {
            found.extend(search_index_violations(path, contents));
        }
        out.extend(found.into_iter().map(|f| format!("{path}: {f}")));
    }
    out
}

/// An Atom feed: well-formed XML; text constructs are text, or escaped HTML that passes
/// the HTML checks with no active element at all; every link under the site's address.
pub fn feed_violations(xml: &str, base: &str) -> Vec<String> {
    let doc = match roxmltree::Document::parse(xml) {
        Ok(doc) => doc,
        Err(e) => return vec![format!("not well-formed XML: {e}")],
    };
    let mut out = Vec::new();
    for node in doc.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        if ["title", "subtitle", "summary", "content", "rights"].contains(&name) {
            let text: String = node
                .descendants()
                .filter(|n| n.is_text())
                .filter_map(|n| n.text())
                .collect();
            match node.attribute("type").unwrap_or("text") {
                "text" => {}
                "html" => {
                    let facts = inspect_fragment(&text);
                    out.extend(facts.violations);
                    out.extend(facts.active.keys().map(|s| format!("<{name}> holds {s}")));
                }
                other => out.push(format!("<{name} type={other:?}>")),
            }
            if node.children().any(|c| c.is_element()) {
                out.push(format!("<{name}> has child elements"));
            }
        }
        if name == "link"
            && let Some(href) = node.attribute("href")
            && !href.starts_with(base)
        {
            out.push(format!("<link href={href:?}> is not under {base}"));
        }
    }
    out
}

/// The sitemap: well-formed XML whose addresses are all under the site's address.
pub fn sitemap_violations(xml: &str, base: &str) -> Vec<String> {
    let doc = match roxmltree::Document::parse(xml) {
        Ok(doc) => doc,
        Err(e) => return vec![format!("not well-formed XML: {e}")],
    };
    let mut out = Vec::new();
    for node in doc.descendants().filter(|n| n.is_element()) {
        let url = match node.tag_name().name() {
            "loc" => node.text().unwrap_or(""),
            "link" => node.attribute("href").unwrap_or(""),
            _ => continue,
        };
        if !url.starts_with(base)
            || url
                .chars()
                .any(|c| c.is_whitespace() || "\"'<>".contains(c))
        {
            out.push(format!("address {url:?}"));
        }
    }
    out
}

/// A search index: JSON whose page addresses are site-relative paths to HTML pages and
/// whose anchors are plain ids, so search.js can only link within the site; titles and
/// snippets are data (search.js sets them with `textContent`).
pub fn search_index_violations(path: &str, json: &str) -> Vec<String> {
    let value: serde_json::Value = match serde_json::from_str(json) {
        Ok(v) => v,
        Err(e) => return vec![format!("not JSON: {e}")],
    };
    let mut out = Vec::new();
    let safe_path = |url: &str| {
        !url.is_empty()
            && !url.starts_with('/')
            && !url.contains("..")
            && !url.contains("//")
            && url.ends_with(".html")
            && url
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "/-_.".contains(c))
    };
    if path.contains("/d/") {
        // A passage table: [url, title, [[anchor, section, snippet], ...]] per page.
        for page in value.as_array().into_iter().flatten() {
            let url = page[0].as_str().unwrap_or("");
            if !safe_path(url) || !page[1].is_string() {
                out.push(format!("page entry {page}"));
            }
            for doc in page[2].as_array().into_iter().flatten() {
                let anchor = doc[0].as_str().unwrap_or("?");
                if !anchor
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                    || !doc[1].is_string()
                    || !doc[2].is_string()
                {
                    out.push(format!("doc entry {doc}"));
                }
            }
        }
        if value.as_array().is_none() {
            out.push("no pages".into());
        }
    } else if path.contains("/t/") {
        // Postings: term to numbers.
        for (term, postings) in value.as_object().into_iter().flatten() {
            if !postings
                .as_array()
                .is_some_and(|p| p.iter().all(|n| n.is_u64()))
            {
                out.push(format!("postings of {term}"));
            }
        }
    } else if value["shards"].as_object().is_none() {
        out.push("a manifest without shards".into());
    }
    out
}

/// Every file under `dir` as (path with `/`, text); binary files are skipped.
pub fn read_tree(dir: &std::path::Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let path = e
                .path()
                .strip_prefix(dir)
                .ok()?
                .to_string_lossy()
                .replace('\\', "/");
            Some((path, std::fs::read_to_string(e.path()).ok()?))
        })
        .collect();
    files.sort();
    files
}
