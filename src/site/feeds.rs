//! Atom feeds (one per language) and the sitemap with language alternates: XML written by
//! hand, every value escaped.
//!
//! Both need absolute addresses (RFC 4287 ids, the sitemap protocol's `<loc>`), so they are
//! written only when the site has a base URL; `build` says so when it has none.

use std::fmt::Write as _;

use super::Site;
use super::output::OutputFile;
use crate::render::ViewBuilder;
use crate::render::view::{Chrome, DigestView};

/// How many of the newest digests a feed lists: enough for any reader who checks
/// monthly, and a feed that stays small however large the archive grows.
pub const FEED_ENTRIES: usize = 50;

/// One digest in a language's feed.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FeedEntry {
    /// The page's absolute address (its id too).
    pub url: String,
    /// The title in the feed's language.
    pub title: String,
    /// The title's language when it is not the feed's (not yet translated).
    pub title_lang: Option<String>,
    /// The call's date, `YYYY-MM-DD`.
    pub date: String,
    /// A short summary (the page's description).
    pub summary: String,
    /// The summary's language when it is not the feed's.
    pub summary_lang: Option<String>,
    /// The series name in the feed's language.
    pub series: String,
}

impl FeedEntry {
    /// The entry for the digest page `view`.
    pub fn of(view: &DigestView, date: &str) -> Self {
        let chrome = &view.chrome;
        Self {
            url: chrome.canonical.clone(),
            title: chrome.page_title.clone(),
            title_lang: view
                .title_text
                .foreign
                .then(|| view.title_text.lang.clone()),
            series: view.series.name.clone(),
            date: date.to_string(),
            summary: chrome.description.clone(),
            summary_lang: chrome.description_lang.clone(),
        }
    }
}

/// One page in the sitemap, with its language versions.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SitemapUrl {
    /// The page's absolute address.
    pub loc: String,
    /// `(hreflang, address)` of every version, `x-default` last.
    pub alternates: Vec<(String, String)>,
}

impl SitemapUrl {
    /// The sitemap entry of the page with `chrome`.
    pub fn of(chrome: &Chrome) -> Self {
        let mut alternates: Vec<(String, String)> = chrome
            .versions
            .iter()
            .map(|v| (v.code.clone(), v.url.clone()))
            .collect();
        if !alternates.is_empty() {
            alternates.push(("x-default".into(), chrome.x_default.clone()));
        }
        Self {
            loc: chrome.canonical.clone(),
            alternates,
        }
    }
}

/// Escapes text for XML content and attribute values, and drops the characters XML 1.0
/// cannot carry at all (C0 controls other than tab and line breaks, U+FFFE, U+FFFF).
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// ` xml:lang="…"` for text in another language than the feed's; nothing otherwise.
fn xml_lang(lang: Option<&str>) -> String {
    lang.map(|l| format!(" xml:lang=\"{}\"", xml_escape(l)))
        .unwrap_or_default()
}

/// `address` as a URI, as feeds and sitemaps must hold (RFC 3986; pages may hold Unicode
/// addresses, feeds may not): after the host, each byte of a character a URI cannot hold
/// (non-ASCII letters of a series' address, spaces, quotes) is percent-encoded; `%` and the
/// characters with a meaning in URIs are kept.
pub fn uri(address: &str) -> String {
    let path_start = (address.find("://").map(|i| i + 3))
        .and_then(|host| address[host..].find('/').map(|i| host + i))
        .unwrap_or(0);
    let (head, path) = address.split_at(path_start);
    let mut out = String::from(head);
    for byte in path.bytes() {
        let kept = byte.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=%".contains(&byte);
        match kept {
            true => out.push(char::from(byte)),
            false => {
                let _ = write!(out, "%{byte:02X}");
            }
        }
    }
    out
}

/// The Atom feed of `lang` at `<lang>/feed.xml`, listing the newest of `entries` (newest
/// first already); none without a base URL.
pub fn atom(builder: &ViewBuilder, site: &Site, entries: &[FeedEntry]) -> Option<OutputFile> {
    let base = site.config.base_url.as_deref()?;
    let lang = builder.language();
    let code = lang.code();
    let text = |id: &str| xml_escape(&site.localizer.text(lang, id, &[]));
    let self_url = xml_escape(&uri(&format!("{base}{code}/feed.xml")));
    let index_url = xml_escape(&uri(&format!("{base}{code}/index.html")));
    // The newest call's date: the same input gives the same feed, byte for byte.
    let updated = entries
        .first()
        .map_or_else(|| "1970-01-01".to_string(), |e| e.date.clone());
    let mut xml = String::new();
    // `write!` into a String cannot fail.
    let _ = write!(
        xml,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
         <feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{code}\">\n\
         <title>{title}</title>\n\
         <subtitle>{subtitle}</subtitle>\n\
         <id>{self_url}</id>\n\
         <link rel=\"self\" type=\"application/atom+xml\" href=\"{self_url}\"/>\n\
         <link rel=\"alternate\" type=\"text/html\" hreflang=\"{code}\" href=\"{index_url}\"/>\n\
         <updated>{updated}T00:00:00Z</updated>\n\
         <author><name>{title}</name></author>\n\
         <generator>heptaglot</generator>\n",
        title = xml_escape(&builder.site_title()),
        subtitle = text("site-tagline"),
        updated = xml_escape(&updated),
    );
    for entry in entries.iter().take(FEED_ENTRIES) {
        let url = xml_escape(&uri(&entry.url));
        let _ = write!(
            xml,
            "<entry>\n\
             <title{title_lang}>{title}</title>\n\
             <link rel=\"alternate\" type=\"text/html\" hreflang=\"{code}\" href=\"{url}\"/>\n\
             <id>{url}</id>\n\
             <published>{date}T00:00:00Z</published>\n\
             <updated>{date}T00:00:00Z</updated>\n\
             <category term=\"{series}\"/>\n\
             <summary{summary_lang}>{summary}</summary>\n\
             </entry>\n",
            title = xml_escape(&entry.title),
            date = xml_escape(&entry.date),
            series = xml_escape(&entry.series),
            summary = xml_escape(&entry.summary),
            title_lang = xml_lang(entry.title_lang.as_deref()),
            summary_lang = xml_lang(entry.summary_lang.as_deref()),
        );
    }
    xml.push_str("</feed>\n");
    Some(OutputFile {
        path: format!("{code}/feed.xml"),
        contents: xml,
    })
}

/// The most URLs one sitemap file lists: the protocol allows 50,000 (and 50 MB, which
/// 40,000 entries with seven alternates each stay well under).
pub const SITEMAP_URLS: usize = 40_000;

/// The sitemap of the site at `base_url`, with every version of each page as an `hreflang`
/// alternate (Google's format); none without a base URL. Up to [`SITEMAP_URLS`] pages it
/// is one `sitemap.xml`; beyond, `sitemap.xml` is a sitemap index of `sitemap-1.xml`,
/// `sitemap-2.xml`… (the protocol's limit per file).
pub fn sitemap(base_url: Option<&str>, urls: &[&SitemapUrl]) -> Vec<OutputFile> {
    let mut writer = SitemapWriter::new(base_url, urls.len());
    let mut files: Vec<OutputFile> = urls.iter().filter_map(|url| writer.add(url)).collect();
    files.extend(writer.finish());
    files
}

/// Writes the [`sitemap`] as its `total` entries come, handing out each file as soon as it
/// is full: memory holds one file, however large the site.
pub struct SitemapWriter {
    base: Option<String>,
    split: bool,
    current: String,
    in_current: usize,
    done: usize,
}

const URLSET_START: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
    <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
    xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n";

impl SitemapWriter {
    /// A writer for `total` entries of the site at `base_url` (none: no sitemap).
    pub fn new(base_url: Option<&str>, total: usize) -> Self {
        Self {
            base: base_url.map(str::to_string),
            split: total > SITEMAP_URLS,
            current: String::from(URLSET_START),
            in_current: 0,
            done: 0,
        }
    }

    /// Adds one page; returns a file when this page filled it.
    pub fn add(&mut self, url: &SitemapUrl) -> Option<OutputFile> {
        self.base.as_ref()?;
        let xml = &mut self.current;
        let _ = writeln!(xml, "<url>\n<loc>{}</loc>", xml_escape(&uri(&url.loc)));
        for (hreflang, href) in &url.alternates {
            let _ = writeln!(
                xml,
                "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                xml_escape(hreflang),
                xml_escape(&uri(href))
            );
        }
        xml.push_str("</url>\n");
        self.in_current += 1;
        (self.in_current == SITEMAP_URLS).then(|| self.close())
    }

    /// The file being written, closed.
    fn close(&mut self) -> OutputFile {
        let mut contents = std::mem::replace(&mut self.current, String::from(URLSET_START));
        contents.push_str("</urlset>\n");
        self.in_current = 0;
        self.done += 1;
        OutputFile {
            path: if self.split {
                format!("sitemap-{}.xml", self.done)
            } else {
                "sitemap.xml".into()
            },
            contents,
        }
    }

    /// The last file and, when the sitemap is split, the index of its files.
    pub fn finish(mut self) -> Vec<OutputFile> {
        let Some(base) = self.base.clone() else {
            return Vec::new();
        };
        let mut files = Vec::new();
        if self.in_current > 0 || self.done == 0 {
            files.push(self.close());
        }
        if self.split {
            let mut index = String::from(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
                 <sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
            );
            for i in 1..=self.done {
                let _ = writeln!(
                    index,
                    "<sitemap><loc>{}</loc></sitemap>",
                    xml_escape(&uri(&format!("{base}sitemap-{i}.xml")))
                );
            }
            index.push_str("</sitemapindex>\n");
            files.push(OutputFile {
                path: "sitemap.xml".into(),
                contents: index,
            });
        }
        files
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sitemap_beyond_the_protocol_limit_is_split_under_an_index() {
        let urls: Vec<SitemapUrl> = (0..SITEMAP_URLS + 2)
            .map(|i| SitemapUrl {
                loc: format!("https://example.org/en/call-{i}/index.html"),
                alternates: vec![("en".into(), format!("https://example.org/en/call-{i}/"))],
            })
            .collect();
        let refs: Vec<&SitemapUrl> = urls.iter().collect();
        assert!(sitemap(None, &refs).is_empty());
        let one = sitemap(Some("https://example.org/"), &refs[..SITEMAP_URLS]);
        assert_eq!(one.len(), 1);
        assert!(one[0].contents.contains("<urlset"));
        let files = sitemap(Some("https://example.org/"), &refs);
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["sitemap-1.xml", "sitemap-2.xml", "sitemap.xml"]);
        let index = &files[2].contents;
        assert!(index.contains("<sitemapindex"), "{index}");
        assert!(index.contains("<loc>https://example.org/sitemap-2.xml</loc>"));
        assert_eq!(files[0].contents.matches("<url>").count(), SITEMAP_URLS);
        assert_eq!(files[1].contents.matches("<url>").count(), 2);
        assert!(
            files[1]
                .contents
                .contains(&format!("/call-{}/index.html", SITEMAP_URLS + 1))
        );
    }

    #[test]
    fn addresses_in_feeds_are_uris() {
        assert_eq!(
            uri("https://example.org/fr/series/caf\u{e9}-\u{f1}and\u{fa}/index.html"),
            "https://example.org/fr/series/caf%C3%A9-%C3%B1and%C3%BA/index.html"
        );
        assert_eq!(
            uri("https://example.org/a b/\"<x>?q=1&r=%20#top"),
            "https://example.org/a%20b/%22%3Cx%3E?q=1&r=%20#top"
        );
        assert_eq!(uri("https://example.org"), "https://example.org");
        assert_eq!(uri("/ar/\u{645}/"), "/ar/%D9%85/");
    }

    #[test]
    fn xml_escaping_leaves_no_markup_and_no_invalid_characters() {
        assert_eq!(
            xml_escape("<a href=\"x\">Tom & 'Jerry'</a>\u{0}\u{1b}\u{FFFE}\tok"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;\tok"
        );
    }
}
