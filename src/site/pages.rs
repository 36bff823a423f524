//! Rendering every page of the site, in parallel, handing each file to a sink as soon as
//! it is made.
//!
//! This is the only module that uses rayon. The digests of each language are rendered on
//! all cores; every worker shares the compiled templates and the Fluent bundles (both are
//! `Sync`), and a digest's pages go straight to the sink, so that memory holds only what
//! the indexes, feeds, sitemap and search need. The files' contents never depend on the
//! number of threads: each page is a function of its inputs alone, and the lists that
//! gather digests (search, feed, sitemap) are assembled in digest order after each
//! language.

use std::collections::HashMap;

use rayon::prelude::*;

use super::feeds::{self, FeedEntry, SitemapUrl};
use super::output::OutputFile;
use super::{Site, search};
use crate::config::Formats;
use crate::lang::Language;
use crate::notes::Digest;
use crate::render::view::{DigestView, VersionLink};
use crate::render::{Rendered, Templates, ViewBuilder, not_found_view, root_view, version_links};

/// Where rendered files go, from any thread.
pub type Sink<'a> = dyn Fn(OutputFile) -> Result<(), String> + Sync + 'a;

/// How many files and HTML pages a render produced.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Files.
    pub files: usize,
    /// HTML pages among them.
    pub pages: usize,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.files += other.files;
        self.pages += other.pages;
    }
}

/// Sends files to the sink and counts them.
struct Out<'a, 'b> {
    sink: &'a Sink<'b>,
    counts: Counts,
}

impl<'a, 'b> Out<'a, 'b> {
    fn new(sink: &'a Sink<'b>) -> Self {
        Self {
            sink,
            counts: Counts::default(),
        }
    }

    fn push(&mut self, path: String, contents: String) -> Result<(), String> {
        self.counts.files += 1;
        if path.ends_with(".html") {
            self.counts.pages += 1;
        }
        (self.sink)(OutputFile { path, contents })
    }

    fn file(&mut self, file: Option<OutputFile>) -> Result<(), String> {
        match file {
            Some(file) => self.push(file.path, file.contents),
            None => Ok(()),
        }
    }

    /// Adds a rendered page: `base.html`-style names are given without extension.
    fn page(
        &mut self,
        rendered: Rendered,
        html: String,
        md: String,
        wiki: String,
    ) -> Result<(), String> {
        if let Some(contents) = rendered.html {
            self.push(html, contents)?;
        }
        if let Some(contents) = rendered.md {
            self.push(md, contents)?;
        }
        if let Some(contents) = rendered.wiki {
            self.push(wiki, contents)?;
        }
        Ok(())
    }
}

/// "64 %" (or "original") for the language-bar link to `version`, in that version's language.
fn version_status(site: &Site, digest: &Digest, version: &VersionLink) -> String {
    let lang: Language = version.code.parse().unwrap_or(Language::En);
    if digest.notes.written_in == version.code {
        return site.localizer.text(lang, "language-bar-original", &[]);
    }
    let percent = site.translations.coverage(&digest.slug, lang).percent;
    site.localizer
        .text(lang, "language-bar-percent", &[("percent", percent.into())])
}

/// Renders every page of the site in memory, sorted by path (what `check` uses to find
/// template errors without writing).
pub fn render(
    site: &Site,
    templates: &Templates,
    formats: Formats,
) -> Result<Vec<OutputFile>, String> {
    let files = std::sync::Mutex::new(Vec::new());
    render_to(site, templates, formats, &|file| {
        files
            .lock()
            .map_err(|_| "a rendering thread failed".to_string())?
            .push(file);
        Ok(())
    })?;
    let mut files = files
        .into_inner()
        .map_err(|_| "a rendering thread failed".to_string())?;
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// What one digest page contributes to its language's lists.
struct Listed {
    search: search::IndexedPage,
    sitemap: SitemapUrl,
    feed: FeedEntry,
    counts: Counts,
}

/// Renders every page of the site and hands each file to `sink` as soon as it is made
/// (from several threads, in no particular order).
pub fn render_to(
    site: &Site,
    templates: &Templates,
    formats: Formats,
    sink: &Sink,
) -> Result<Counts, String> {
    render_except(site, templates, formats, sink, &|_| false)
}

/// [`render_to`], except the pages of the digests `fresh` says are up to date: those are
/// not rendered (their views still are, for the lists), and their files are not counted.
pub fn render_except(
    site: &Site,
    templates: &Templates,
    formats: Formats,
    sink: &Sink,
    fresh: &(dyn Fn(&str) -> bool + Sync),
) -> Result<Counts, String> {
    let loc = &site.localizer;
    let languages = &site.config.languages;
    let mut out = Out::new(sink);
    let mut sitemap = Vec::new();
    let root_view = root_view(loc, &site.config);
    sitemap.push(SitemapUrl::of(&root_view.chrome));
    let root = templates.render("root", &root_view, formats)?;
    out.page(
        root,
        "index.html".into(),
        "index.md".into(),
        "index.wiki".into(),
    )?;
    if formats.html {
        let view = not_found_view(loc, &site.config);
        out.push("404.html".into(), templates.render_html("404.html", &view)?)?;
    }
    let series = series_of(&site.digests);
    for &lang in languages {
        let code = lang.code();
        let builder =
            ViewBuilder::new(loc, lang, &site.translations.glossary).with_config(&site.config);
        let index = builder.index(
            &site.digests,
            version_links(loc, languages, lang, 1, "index.html", "index.md"),
            &site.translations,
            &site.config,
        );
        sitemap.push(SitemapUrl::of(&index.chrome));
        let rendered = templates.render("index", &index, formats)?;
        out.page(
            rendered,
            format!("{code}/index.html"),
            format!("{code}/index.md"),
            format!("{code}/index.wiki"),
        )?;
        for (slug, digests) in &series {
            let page = format!("series/{slug}/index.html");
            let md = format!("series/{slug}.md");
            let view = builder.series_page(
                digests,
                version_links(loc, languages, lang, 3, &page, &md),
                &site.translations,
                &site.config,
            );
            sitemap.push(SitemapUrl::of(&view.chrome));
            let rendered = templates.render("series", &view, formats)?;
            out.page(
                rendered,
                format!("{code}/{page}"),
                format!("{code}/{md}"),
                format!("{code}/series/{slug}.wiki"),
            )?;
        }
        let listed = site
            .digests
            .par_iter()
            .map(|digest| {
                let sink = (!fresh(&digest.slug)).then_some(sink);
                digest_pages(site, templates, formats, &builder, &series, digest, sink)
            })
            .collect::<Result<Vec<Listed>, String>>()?;
        let mut index = search::SearchIndex::default();
        let mut feed = Vec::with_capacity(listed.len());
        for item in listed {
            out.counts.add(item.counts);
            index.push(item.search);
            sitemap.push(item.sitemap);
            feed.push(item.feed);
        }
        for file in search::language_files(site, templates, formats, lang, &index)? {
            out.push(file.path, file.contents)?;
        }
        if formats.html {
            out.file(feeds::atom(&builder, site, &feed))?;
        }
    }
    if formats.html {
        out.file(feeds::sitemap(site, &sitemap))?;
        for file in assets(site) {
            out.push(file.path, file.contents)?;
        }
    }
    Ok(out.counts)
}

/// Renders the pages of one digest in the builder's language, sends them to `sink` (when
/// there is one: otherwise the pages are up to date), and returns what the language's
/// lists need of it.
fn digest_pages(
    site: &Site,
    templates: &Templates,
    formats: Formats,
    builder: &ViewBuilder,
    series: &[(String, Vec<&Digest>)],
    digest: &Digest,
    sink: Option<&Sink>,
) -> Result<Listed, String> {
    let loc = &site.localizer;
    let lang = builder.language();
    let code = lang.code();
    let slug = &digest.slug;
    let mut versions = version_links(
        loc,
        &site.config.languages,
        lang,
        2,
        &format!("{slug}/index.html"),
        &format!("{slug}.md"),
    );
    for version in &mut versions {
        version.status = Some(version_status(site, digest, version));
    }
    let mut view = digest_view(site, builder, digest, versions);
    let (older, newer) = neighbours(series, digest);
    let link = |other: &Digest, previous: bool| {
        let texts = site.translations.for_digest(other, lang, &site.config);
        builder.neighbour(other, &texts, previous)
    };
    view.previous = older.map(|d| link(d, true));
    view.next = newer.map(|d| link(d, false));
    let html_path = format!("{code}/{slug}/index.html");
    let search = search::IndexedPage::of(&search::docs_from_digest(&view, &html_path));
    let sitemap = SitemapUrl::of(&view.chrome);
    let feed = FeedEntry::of(&view, &digest.notes.date);
    let mut counts = Counts::default();
    if let Some(sink) = sink {
        let rendered = templates.render("digest", &view, formats)?;
        let mut out = Out::new(sink);
        out.page(
            rendered,
            html_path,
            format!("{code}/{slug}.md"),
            format!("{code}/{slug}.wiki"),
        )?;
        counts = out.counts;
    }
    Ok(Listed {
        search,
        sitemap,
        feed,
        counts,
    })
}

/// The stylesheets and scripts beside the templates, copied to the site root as they are.
fn assets(site: &Site) -> Vec<OutputFile> {
    let Ok(entries) = std::fs::read_dir(site.templates_dir()) else {
        return Vec::new();
    };
    let mut files: Vec<OutputFile> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_string();
            let asset = name.ends_with(".css") || name.ends_with(".js");
            let contents = asset.then(|| std::fs::read_to_string(e.path()).ok())??;
            Some(OutputFile {
                path: name,
                contents,
            })
        })
        .collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// The digests of each series, newest first, by series folder name, in a stable order.
pub fn series_of(digests: &[Digest]) -> Vec<(String, Vec<&Digest>)> {
    let mut series: Vec<(String, Vec<&Digest>)> = Vec::new();
    for digest in digests {
        let slug = digest.notes.series_slug();
        match series.iter_mut().find(|(s, _)| *s == slug) {
            Some((_, list)) => list.push(digest),
            None => series.push((slug, vec![digest])),
        }
    }
    series.sort_by(|a, b| a.0.cmp(&b.0));
    series
}

/// The slugs of the calls before and after each digest in its series, by slug.
pub fn neighbour_slugs(digests: &[Digest]) -> HashMap<&str, (Option<&str>, Option<&str>)> {
    let mut slugs = HashMap::new();
    for (_, list) in series_of(digests) {
        for (at, digest) in list.iter().enumerate() {
            let older = list.get(at + 1).map(|d| d.slug.as_str());
            let newer = at
                .checked_sub(1)
                .and_then(|i| list.get(i))
                .map(|d| d.slug.as_str());
            slugs.insert(digest.slug.as_str(), (older, newer));
        }
    }
    slugs
}

/// The calls before and after `digest` in its series.
fn neighbours<'a>(
    series: &[(String, Vec<&'a Digest>)],
    digest: &Digest,
) -> (Option<&'a Digest>, Option<&'a Digest>) {
    let slug = digest.notes.series_slug();
    let Some((_, list)) = series.iter().find(|(s, _)| *s == slug) else {
        return (None, None);
    };
    let Some(at) = list.iter().position(|d| d.slug == digest.slug) else {
        return (None, None);
    };
    // The list is newest first: the older call comes after.
    (
        list.get(at + 1).copied(),
        at.checked_sub(1).and_then(|i| list.get(i).copied()),
    )
}

/// The view of one digest in the builder's language: its texts resolved through the
/// configured fallback chain, with the translation's coverage.
pub fn digest_view(
    site: &Site,
    builder: &ViewBuilder,
    digest: &Digest,
    versions: Vec<VersionLink>,
) -> DigestView {
    let lang = builder.language();
    let texts = site.translations.for_digest(digest, lang, &site.config);
    let coverage = site.translations.coverage(&digest.slug, lang);
    builder.digest(digest, versions, &texts, coverage)
}
