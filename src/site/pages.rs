//! Rendering the pages of the site, in parallel, handing each file to a sink as soon as it
//! is made, with memory that does not grow with the archive.
//!
//! This is the only module that uses rayon. A build goes in two steps:
//!
//! 1. [`render_digests`]: the digests to render are cut into chunks of consecutive calls of
//!    one series, rendered on all cores. A chunk loads its digests' notes and translations
//!    (through a [`Source`]), renders their pages in every language, and hands each page to
//!    the page sink, each page's search tokens to the search sink and each digest's
//!    [`Listed`] (what the pages listing it need) to the list sink: memory keeps only its
//!    [`Titles`]. A page's previous/next links need its neighbours' titles, so a chunk also
//!    looks at the calls just outside it (from the cache when they are unchanged, else by
//!    loading them).
//! 2. [`render_lists`]: the root, indexes, series pages, feeds, sitemap and search index,
//!    one language at a time, from what the sinks kept.
//!
//! The files' contents never depend on the number of threads or on which digests were
//! rendered: each page is a function of its inputs alone, and the lists gather digests in
//! digest order.

use std::collections::HashMap;
use std::path::PathBuf;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::Site;
use super::feeds::{self, FeedEntry, SitemapUrl};
use super::output::OutputFile;
use crate::config::Formats;
use crate::diag::Problem;
use crate::lang::Language;
use crate::notes::Digest;
use crate::render::view::{DigestView, IndexEntry, SeriesView, Text, VersionLink};
use crate::render::{Rendered, Templates, ViewBuilder, not_found_view, root_view, version_links};
use crate::search::{self, IndexedPage, SearchIndex};
use crate::translate::DigestTranslations;

/// Where rendered files go, from any thread.
pub type Sink<'a> = dyn Fn(OutputFile) -> Result<(), String> + Sync + 'a;

/// Where the search tokens of a rendered digest page go, from any thread: its language,
/// its digest's slug and the tokenized page.
pub type SearchSink<'a> = dyn Fn(Language, &str, IndexedPage) -> Result<(), String> + Sync + 'a;

/// How many digests a chunk renders: small enough that a chunk's loaded notes and
/// translations stay a few megabytes, large enough that the neighbours loaded at its edges
/// are a small share.
const CHUNK: usize = 16;

/// How many files and HTML pages a render produced.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Files.
    pub files: usize,
    /// HTML pages among them.
    pub pages: usize,
}

impl Counts {
    /// Adds `other`'s files and pages.
    pub fn add(&mut self, other: Counts) {
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

/// What the site's structure needs of a digest before anything is rendered: known from its
/// notes alone (or from the cache), and small, so that every digest's is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Head {
    /// The digest's slug.
    pub slug: String,
    /// Its notes file, relative to the site root.
    pub source: PathBuf,
    /// Its series' folder name.
    pub series: String,
    /// The call's date, `YYYY-MM-DD`.
    pub date: String,
}

impl Head {
    /// The head of a loaded digest.
    pub fn of(digest: &Digest) -> Self {
        Self {
            slug: digest.slug.clone(),
            source: digest.source.clone(),
            series: digest.notes.series_slug(),
            date: digest.notes.date.clone(),
        }
    }
}

/// A digest's title and date in one language, for the previous/next links of the calls
/// next to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Titled {
    /// The title.
    pub title: Text,
    /// The formatted date.
    pub date: String,
}

/// A digest's [`Titled`] in each language of the site, in the configuration's order. The
/// cache keeps them, so that an unchanged neighbour of a changed call is not loaded.
pub type Titles = Vec<Titled>;

/// Where each rendered digest's [`Listed`] goes, from any thread: its language, its slug.
pub type ListSink<'a> = dyn Fn(Language, &str, &Listed) -> Result<(), String> + Sync + 'a;

/// What the lists of one language need of a digest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Listed {
    /// Its series' name in this language.
    pub series: String,
    /// Its entry in the index and series pages, with links relative to the language folder
    /// (the neighbours' previous/next links come from it too).
    pub entry: IndexEntry,
    /// Its entry in the Atom feed.
    pub feed: FeedEntry,
    /// Its entry in the sitemap.
    pub sitemap: SitemapUrl,
}

/// A digest's notes and translations, loaded to be rendered.
pub struct Loaded {
    /// The notes.
    pub digest: Digest,
    /// Its translations.
    pub translations: DigestTranslations,
}

/// Where a chunk loads the digests it renders from: the disk in a build, memory in `check`.
pub trait Source: Sync {
    /// Loads the digest `head` names, with the problems found in its translation files.
    fn load(&self, head: &Head) -> Result<(Loaded, Vec<Problem>), String>;
}

/// A [`Source`] over a site whose digests and translations are all in memory, found by
/// slug.
struct InMemory<'a> {
    site: &'a Site,
    digests: HashMap<&'a str, &'a Digest>,
}

impl<'a> InMemory<'a> {
    fn new(site: &'a Site) -> Self {
        let digests = site.digests.iter().map(|d| (d.slug.as_str(), d)).collect();
        Self { site, digests }
    }
}

impl Source for InMemory<'_> {
    fn load(&self, head: &Head) -> Result<(Loaded, Vec<Problem>), String> {
        let site = self.site;
        let digest = *self
            .digests
            .get(head.slug.as_str())
            .ok_or_else(|| format!("the digest {} is not loaded", head.slug))?;
        let translations = match site.translations.digests.get(&head.slug) {
            Some(t) => t.clone(),
            None => DigestTranslations::new(digest, Default::default()),
        };
        Ok((
            Loaded {
                digest: digest.clone(),
                translations,
            },
            Vec::new(),
        ))
    }
}

/// The digests of each series, as positions in the heads (newest first), by series folder
/// name, in a stable order.
pub fn series_of(heads: &[Head]) -> Vec<(String, Vec<usize>)> {
    let mut series: Vec<(String, Vec<usize>)> = Vec::new();
    let mut at: HashMap<&str, usize> = HashMap::new();
    for (i, head) in heads.iter().enumerate() {
        match at.get(head.series.as_str()) {
            Some(&s) => series[s].1.push(i),
            None => {
                at.insert(&head.series, series.len());
                series.push((head.series.clone(), vec![i]));
            }
        }
    }
    series.sort_by(|a, b| a.0.cmp(&b.0));
    series
}

/// For each head, the positions of the calls before (older) and after (newer) it in its
/// series.
pub fn neighbours(heads: &[Head], series: &[(String, Vec<usize>)]) -> Vec<Neighbours> {
    let mut result = vec![Neighbours::default(); heads.len()];
    for (_, list) in series {
        for (at, &i) in list.iter().enumerate() {
            // The list is newest first: the older call comes after.
            result[i] = Neighbours {
                older: list.get(at + 1).copied(),
                newer: at.checked_sub(1).and_then(|j| list.get(j)).copied(),
            };
        }
    }
    result
}

/// The calls before and after a digest in its series, as positions in the heads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Neighbours {
    /// The call before.
    pub older: Option<usize>,
    /// The call after.
    pub newer: Option<usize>,
}

/// What [`render_digests`] produced.
pub struct DigestsRendered {
    /// The titles of every digest it rendered or loaded, by position in the heads.
    pub titles: HashMap<usize, Titles>,
    /// The problems found in the translation files it loaded, by position in the heads.
    pub problems: HashMap<usize, Vec<Problem>>,
    /// Files and pages sent to the sink.
    pub counts: Counts,
}

impl DigestsRendered {
    /// Adds what another render of other digests gave.
    pub fn add(&mut self, other: DigestsRendered) {
        self.titles.extend(other.titles);
        self.problems.extend(other.problems);
        self.counts.add(other.counts);
    }
}

/// The site's digests as a build sees them.
pub struct Digests<'a> {
    /// Every digest, newest first.
    pub heads: &'a [Head],
    /// Their series.
    pub series: &'a [(String, Vec<usize>)],
    /// Their neighbours, by position.
    pub neighbours: &'a [Neighbours],
}

/// Which digests a build renders, and what it knows of the others.
pub struct Plan<'a> {
    /// Whether to render each digest, by position in the heads.
    pub render: &'a [bool],
    /// The titles of a digest that need not be loaded (unchanged since the cached build).
    pub known: &'a (dyn Fn(usize) -> Option<Titles> + Sync),
}

/// Where a render sends what it makes.
#[derive(Clone, Copy)]
pub struct Sinks<'a> {
    /// The pages.
    pub pages: &'a Sink<'a>,
    /// Their search tokens.
    pub search: &'a SearchSink<'a>,
    /// What the lists need of each digest.
    pub lists: &'a ListSink<'a>,
}

/// Renders the pages of the digests the plan marks, in every language, and sends them and
/// their search tokens to the sinks.
pub fn render_digests(
    site: &Site,
    templates: &Templates,
    formats: Formats,
    digests: &Digests,
    plan: &Plan,
    source: &dyn Source,
    sinks: Sinks,
) -> Result<DigestsRendered, String> {
    let render = plan.render;
    let builders: Vec<ViewBuilder> = site
        .config
        .languages
        .iter()
        .map(|&lang| {
            ViewBuilder::new(&site.localizer, lang, &site.translations.glossary)
                .with_config(&site.config)
        })
        .collect();
    // Runs of consecutive calls to render in each series, cut into chunks.
    let mut chunks: Vec<Vec<usize>> = Vec::new();
    for (_, list) in digests.series {
        for run in list.chunk_by(|&a, &b| render[a] == render[b]) {
            if render[run[0]] {
                chunks.extend(run.chunks(CHUNK).map(<[usize]>::to_vec));
            }
        }
    }
    // A few chunks (an incremental build's edit) leave threads idle: each renders its
    // digests' languages in parallel instead.
    let languages = Languages {
        builders: &builders,
        parallel: chunks.len() < rayon::current_num_threads() * 2,
    };
    let done = chunks
        .par_iter()
        .map(|chunk| {
            render_chunk(
                site, templates, formats, &languages, digests, chunk, plan.known, source, sinks,
            )
        })
        .collect::<Result<Vec<_>, String>>()?;
    let mut rendered = DigestsRendered {
        titles: HashMap::new(),
        problems: HashMap::new(),
        counts: Counts::default(),
    };
    for chunk in done {
        rendered.counts.add(chunk.counts);
        rendered.titles.extend(chunk.titles);
        rendered.problems.extend(chunk.problems);
    }
    Ok(rendered)
}

/// The view builder of each language of the site, and whether a digest's languages are
/// rendered in parallel.
struct Languages<'a> {
    builders: &'a [ViewBuilder<'a>],
    parallel: bool,
}

impl Languages<'_> {
    /// `f` of each language's position and builder, in parallel or not.
    fn map<T: Send>(
        &self,
        f: impl Fn(usize, &ViewBuilder) -> Result<T, String> + Sync + Send,
    ) -> Result<Vec<T>, String> {
        let each = |(li, builder): (usize, &ViewBuilder)| f(li, builder);
        match self.parallel {
            true => self.builders.par_iter().enumerate().map(each).collect(),
            false => self.builders.iter().enumerate().map(each).collect(),
        }
    }
}

/// A loaded digest with its views in every language (without previous/next links yet).
struct Prepared {
    loaded: Loaded,
    views: Vec<DigestView>,
    listed: Vec<Listed>,
}

impl Prepared {
    fn titles(&self) -> Titles {
        self.listed
            .iter()
            .map(|l| Titled {
                title: l.entry.title.clone(),
                date: l.entry.date.clone(),
            })
            .collect()
    }
}

/// Loads `head` and builds its views and what the lists need of it in every language.
fn prepare(
    site: &Site,
    languages: &Languages,
    head: &Head,
    source: &dyn Source,
) -> Result<(Prepared, Vec<Problem>), String> {
    let (loaded, problems) = source.load(head)?;
    let digest = &loaded.digest;
    let prepared = languages.map(|_, builder| {
        let lang = builder.language();
        let slug = &digest.slug;
        let mut versions = version_links(
            &site.localizer,
            &site.config.languages,
            lang,
            2,
            &format!("{slug}/index.html"),
            &format!("{slug}.md"),
        );
        for version in &mut versions {
            version.status = Some(version_status(site, &loaded, version));
        }
        let texts = loaded.translations.texts(digest, lang, &site.config);
        let coverage = loaded.translations.coverage(lang);
        let view = builder.digest(digest, versions, &texts, coverage);
        let listed = Listed {
            series: view.series.name.clone(),
            entry: builder.entry(digest, &texts, coverage),
            feed: FeedEntry::of(&view, &digest.notes.date),
            sitemap: SitemapUrl::of(&view.chrome),
        };
        Ok((view, listed))
    })?;
    let (views, listed) = prepared.into_iter().unzip();
    Ok((
        Prepared {
            loaded,
            views,
            listed,
        },
        problems,
    ))
}

/// What one chunk produced.
struct ChunkDone {
    titles: Vec<(usize, Titles)>,
    problems: Vec<(usize, Vec<Problem>)>,
    counts: Counts,
}

/// Renders the digests at `chunk` (consecutive calls of one series), see [`render_digests`].
#[allow(clippy::too_many_arguments)]
fn render_chunk(
    site: &Site,
    templates: &Templates,
    formats: Formats,
    languages: &Languages,
    digests: &Digests,
    chunk: &[usize],
    known: &(dyn Fn(usize) -> Option<Titles> + Sync),
    source: &dyn Source,
    sinks: Sinks,
) -> Result<ChunkDone, String> {
    let Sinks {
        pages: sink,
        search,
        lists,
    } = sinks;
    let mut done = ChunkDone {
        titles: Vec::new(),
        problems: Vec::new(),
        counts: Counts::default(),
    };
    let mut prepared: Vec<(usize, Prepared)> = Vec::with_capacity(chunk.len());
    for &i in chunk {
        let (p, problems) = prepare(site, languages, &digests.heads[i], source)?;
        done.problems.push((i, problems));
        prepared.push((i, p));
    }
    let mut titles: HashMap<usize, Titles> =
        prepared.iter().map(|(i, p)| (*i, p.titles())).collect();
    // The titles of the neighbours outside the chunk.
    for &i in chunk {
        let n = digests.neighbours[i];
        for j in [n.older, n.newer].into_iter().flatten() {
            if titles.contains_key(&j) {
                continue;
            }
            let found = match known(j) {
                Some(found) => found,
                None => {
                    let (p, problems) = prepare(site, languages, &digests.heads[j], source)?;
                    done.problems.push((j, problems));
                    let found = p.titles();
                    done.titles.push((j, found.clone()));
                    found
                }
            };
            titles.insert(j, found);
        }
    }
    for (i, p) in &prepared {
        let n = digests.neighbours[*i];
        let slug = &p.loaded.digest.slug;
        let counts = languages.map(|li, builder| {
            let mut out = Out::new(sink);
            let Some(view) = p.views.get(li) else {
                return Ok(out.counts);
            };
            let mut view = view.clone();
            let link = |j: Option<usize>, previous: bool| {
                let j = j?;
                let titled = titles.get(&j)?.get(li)?;
                Some(builder.neighbour(
                    &titled.title,
                    &titled.date,
                    &digests.heads[j].slug,
                    previous,
                ))
            };
            view.previous = link(n.older, true);
            view.next = link(n.newer, false);
            let code = builder.language().code();
            lists(builder.language(), slug, &p.listed[li])?;
            let html_path = format!("{code}/{slug}/index.html");
            search(
                builder.language(),
                slug,
                IndexedPage::of(&search::docs_from_digest(&view, &html_path)),
            )?;
            let rendered = templates.render("digest", &view, formats)?;
            out.page(
                rendered,
                html_path,
                format!("{code}/{slug}.md"),
                format!("{code}/{slug}.wiki"),
            )?;
            Ok(out.counts)
        })?;
        counts.into_iter().for_each(|c| done.counts.add(c));
    }
    done.titles.extend(
        prepared
            .iter()
            .filter_map(|(i, _)| Some((*i, titles.remove(i)?))),
    );
    Ok(done)
}

/// "64 %" (or "original") for the language-bar link to `version`, in that version's language.
fn version_status(site: &Site, loaded: &Loaded, version: &VersionLink) -> String {
    let lang: Language = version.code.parse().unwrap_or(Language::En);
    if loaded.digest.notes.written_in == version.code {
        return site.localizer.text(lang, "language-bar-original", &[]);
    }
    let value = loaded.translations.coverage(lang).percent;
    let percent = site
        .localizer
        .formatters(lang)
        .map_or_else(|| format!("{value}%"), |f| f.percent(value));
    site.localizer.text(
        lang,
        "language-bar-percent",
        &[("percent", percent.into()), ("value", value.into())],
    )
}

/// How many of a series' newest digests the index of a language shows.
pub const INDEX_LATEST: usize = 10;

/// How many of its newest digests a series page shows; a series with more has a page for
/// each year, and the series page links them.
pub const SERIES_LATEST: usize = 50;

/// Which lists [`render_lists`] renders: an incremental build leaves the others as they
/// are on disk.
pub struct Which<'a> {
    /// The root and 404 pages, the sitemap and the assets.
    pub common: bool,
    /// Each language's index, series pages and feed, in the configuration's order.
    pub languages: &'a [bool],
    /// Whether digest `i` (an index into `digests.heads`) may show differently in the lists of
    /// `lang` than in the files on disk. A list page (index, series page, year page) all of whose
    /// digests are unchanged is not rendered; the sitemap, when `common`, still lists it.
    pub changed: &'a (dyn Fn(Language, usize) -> bool + Sync),
}

/// The list pages of one series: which digests each shows, as positions in the heads,
/// newest first.
struct SeriesPages<'a> {
    /// The series' folder name.
    slug: &'a str,
    /// Every digest of the series.
    members: &'a [usize],
    /// The year pages, newest year first, with their digests; none when the series page
    /// shows every digest.
    years: Vec<(&'a str, Vec<usize>)>,
}

impl<'a> SeriesPages<'a> {
    fn of(heads: &'a [Head], slug: &'a str, members: &'a [usize]) -> Self {
        let mut years: Vec<(&str, Vec<usize>)> = Vec::new();
        if members.len() > SERIES_LATEST {
            for &i in members {
                let date = heads[i].date.as_str();
                let year = date.split_once('-').map_or(date, |(year, _)| year);
                // The members are newest first, so a year's digests mostly come together.
                let at = match years.last() {
                    Some((y, _)) if *y == year => Some(years.len() - 1),
                    _ => years.iter().position(|(y, _)| *y == year),
                };
                match at {
                    Some(at) => years[at].1.push(i),
                    None => years.push((year, vec![i])),
                }
            }
            // Newest first; a stable sort keeps each year's digests in the heads' order.
            years.sort_by(|a, b| b.0.cmp(a.0));
        }
        Self {
            slug,
            members,
            years,
        }
    }

    /// The digests the index shows.
    fn on_index(&self) -> &'a [usize] {
        &self.members[..self.members.len().min(INDEX_LATEST)]
    }

    /// The digests the series page shows.
    fn on_page(&self) -> &'a [usize] {
        &self.members[..self.members.len().min(SERIES_LATEST)]
    }

    /// Each year with how many digests it has, for the year navigation.
    fn year_counts(&self) -> Vec<(&'a str, usize)> {
        self.years
            .iter()
            .map(|(y, list)| (*y, list.len()))
            .collect()
    }
}

/// What the lists of a language need of each digest that is needed (the predicate, on the
/// digest's position in the heads), by position: a few when few list pages are rendered.
pub type ListedOf<'a> =
    dyn FnMut(Language, &dyn Fn(usize) -> bool) -> Result<HashMap<usize, Listed>, String> + 'a;

/// Renders the pages that list digests: the root and 404 pages, each language's index,
/// series pages, year pages and feed, the sitemap and the assets, one language at a time,
/// as far as `which` asks. `listed` gives what the lists of a language need of the digests
/// on the pages rendered.
pub fn render_lists(
    site: &Site,
    templates: &Templates,
    formats: Formats,
    digests: &Digests,
    which: &Which,
    listed: &mut ListedOf,
    sink: &Sink,
) -> Result<Counts, String> {
    let loc = &site.localizer;
    let languages = &site.config.languages;
    let mut out = Out::new(sink);
    let root_view = root_view(loc, &site.config);
    if which.common {
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
    }
    let series: Vec<SeriesPages> = digests
        .series
        .iter()
        .map(|(slug, members)| SeriesPages::of(digests.heads, slug, members))
        .collect();
    // The root, then per language its index, series pages, year pages and digests.
    let year_pages: usize = series.iter().map(|s| s.years.len()).sum();
    let per_language = 1 + series.len() + year_pages + digests.heads.len();
    let base_url = (formats.html && which.common)
        .then_some(site.config.base_url.as_deref())
        .flatten();
    let mut sitemap = feeds::SitemapWriter::new(base_url, 1 + languages.len() * per_language);
    out.file(sitemap.add(&SitemapUrl::of(&root_view.chrome)))?;
    for (li, &lang) in languages.iter().enumerate() {
        let code = lang.code();
        let builder =
            ViewBuilder::new(loc, lang, &site.translations.glossary).with_config(&site.config);
        let render_language = which.languages.get(li).copied().unwrap_or(true);
        // Whether a page showing `shown` is rendered.
        let render =
            |shown: &[usize]| render_language && shown.iter().any(|&i| (which.changed)(lang, i));
        let feed_shown: Vec<usize> = (0..digests.heads.len().min(feeds::FEED_ENTRIES)).collect();
        let render_feed = formats.html && render(&feed_shown);
        // Every digest is on its series page or on one of its year pages: a language none
        // of whose digests changed has no list page to render.
        let render_any =
            render_language && (0..digests.heads.len()).any(|i| (which.changed)(lang, i));
        if !render_any && !which.common {
            continue;
        }
        // Only the records of the digests on the pages rendered are read (the sitemap
        // needs every digest's): at 10,000 digests a language's records are 20 MB.
        let on_index: Vec<usize> = series.iter().flat_map(|s| s.on_index()).copied().collect();
        let mut needed = vec![which.common; digests.heads.len()];
        let mut need = |shown: &[usize]| shown.iter().for_each(|&i| needed[i] = true);
        for s in &series {
            let pages = std::iter::once(s.on_page()).chain(s.years.iter().map(|y| &y.1[..]));
            let mut shown = render(&on_index);
            for page in pages.filter(|page| render(page)) {
                need(page);
                shown = true;
            }
            if shown {
                // The series' name comes from its newest digest.
                need(&s.members[..s.members.len().min(1)]);
            }
        }
        if render(&on_index) {
            need(&on_index);
        }
        if render_feed {
            need(&feed_shown);
        }
        let listed = listed(lang, &|i| needed[i])?;
        let item = |i: usize| {
            listed
                .get(&i)
                .ok_or_else(|| format!("the list record of {} was not read", digests.heads[i].slug))
        };
        let entries = |shown: &[usize]| -> Result<Vec<IndexEntry>, String> {
            shown.iter().map(|&i| Ok(item(i)?.entry.clone())).collect()
        };
        let name = |s: &SeriesPages| -> Result<String, String> {
            Ok(match s.members.first() {
                Some(&i) => item(i)?.series.clone(),
                None => String::new(),
            })
        };

        // The index.
        let versions = version_links(loc, languages, lang, 1, "index.html", "index.md");
        if render(&on_index) {
            let groups = series
                .iter()
                .map(|s| {
                    Ok(builder.series_group(
                        &name(s)?,
                        s.slug,
                        entries(s.on_index())?,
                        s.members.len(),
                    ))
                })
                .collect::<Result<_, String>>()?;
            let index = builder.index(groups, digests.heads.len(), versions);
            out.file(sitemap.add(&SitemapUrl::of(&index.chrome)))?;
            let rendered = templates.render("index", &index, formats)?;
            drop(index);
            out.page(
                rendered,
                format!("{code}/index.html"),
                format!("{code}/index.md"),
                format!("{code}/index.wiki"),
            )?;
        } else if which.common {
            // The sitemap only: the page's address, not its contents.
            let chrome = builder.chrome(1, versions, "index-language-bar-label");
            out.file(sitemap.add(&SitemapUrl::of(&chrome)))?;
        }

        // The series pages, each followed by its year pages: `<base>/index.html`,
        // `<base>.md` and `<base>.wiki`, rendered when `view` is given (something they show
        // changed), else only their address goes to the sitemap.
        let mut series_page =
            |base: String,
             depth: usize,
             view: Option<&dyn Fn(Vec<VersionLink>) -> Result<SeriesView, String>>|
             -> Result<(), String> {
                if view.is_none() && !which.common {
                    return Ok(());
                }
                let (page, md) = (format!("{base}/index.html"), format!("{base}.md"));
                let versions = version_links(loc, languages, lang, depth, &page, &md);
                let Some(view) = view else {
                    let chrome = builder.chrome(depth, versions, "series-language-bar-label");
                    return out.file(sitemap.add(&SitemapUrl::of(&chrome)));
                };
                let view = view(versions)?;
                out.file(sitemap.add(&SitemapUrl::of(&view.chrome)))?;
                let rendered = templates.render("series", &view, formats)?;
                out.page(
                    rendered,
                    format!("{code}/{page}"),
                    format!("{code}/{md}"),
                    format!("{code}/{base}.wiki"),
                )
            };
        for s in &series {
            let slug = s.slug;
            let years = s.year_counts();
            let view = |versions| {
                Ok(builder.series_page(
                    &name(s)?,
                    slug,
                    entries(s.on_page())?,
                    s.members.len(),
                    &years,
                    versions,
                ))
            };
            series_page(
                format!("series/{slug}"),
                3,
                render(s.on_page()).then_some(&view),
            )?;
            for (year, list) in &s.years {
                let view = |versions| {
                    Ok(builder.year_page(&name(s)?, slug, year, entries(list)?, &years, versions))
                };
                series_page(
                    format!("series/{slug}/{year}"),
                    4,
                    render(list).then_some(&view),
                )?;
            }
        }
        if which.common {
            for i in 0..digests.heads.len() {
                out.file(sitemap.add(&item(i)?.sitemap))?;
            }
        }
        if render_feed {
            let feed: Vec<FeedEntry> = feed_shown
                .iter()
                .map(|&i| Ok(item(i)?.feed.clone()))
                .collect::<Result<_, String>>()?;
            out.file(feeds::atom(&builder, site, &feed))?;
        }
    }
    for file in sitemap.finish() {
        out.push(file.path, file.contents)?;
    }
    if formats.html && which.common {
        for file in assets(site) {
            out.push(file.path, file.contents)?;
        }
    }
    Ok(out.counts)
}

/// Writes each language's search index and search page, one language at a time;
/// `search_index` gives a language's index, or `None` when its files are already as they
/// should be. `written` is given the state of each index written.
pub fn render_search(
    site: &Site,
    templates: &Templates,
    formats: Formats,
    search_index: &mut dyn FnMut(Language) -> Result<Option<SearchIndex>, String>,
    written: &mut dyn FnMut(Language, search::IndexState) -> Result<(), String>,
    sink: &Sink,
) -> Result<Counts, String> {
    let mut out = Out::new(sink);
    let templates_dir = site.templates_dir();
    let source = search::PageSource {
        localizer: &site.localizer,
        glossary: &site.translations.glossary,
        config: &site.config,
        templates_dir: &templates_dir,
        templates,
    };
    for &lang in &site.config.languages {
        if let Some(index) = search_index(lang)? {
            let state = search::language_files(&source, formats, lang, index, &mut |file| {
                out.push(file.path, file.contents)
            })?;
            if let Some(state) = state {
                written(lang, state)?;
            }
        }
    }
    Ok(out.counts)
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

/// Renders every page of a site whose digests are all in memory, handing each file to
/// `sink` as soon as it is made (from several threads, in no particular order).
pub fn render_to(
    site: &Site,
    templates: &Templates,
    formats: Formats,
    sink: &Sink,
) -> Result<Counts, String> {
    let heads: Vec<Head> = site.digests.iter().map(Head::of).collect();
    let series = series_of(&heads);
    let neighbours = neighbours(&heads, &series);
    let digests = Digests {
        heads: &heads,
        series: &series,
        neighbours: &neighbours,
    };
    let pages = std::sync::Mutex::new(HashMap::<(Language, String), IndexedPage>::new());
    let lists = std::sync::Mutex::new(HashMap::<(Language, String), Listed>::new());
    let failed = || "a rendering thread failed".to_string();
    let render = vec![true; heads.len()];
    let plan = Plan {
        render: &render,
        known: &|_| None,
    };
    let rendered = render_digests(
        site,
        templates,
        formats,
        &digests,
        &plan,
        &InMemory::new(site),
        Sinks {
            pages: sink,
            search: &|lang, slug, page| {
                pages
                    .lock()
                    .map_err(|_| failed())?
                    .insert((lang, slug.to_string()), page);
                Ok(())
            },
            lists: &|lang, slug, item| {
                lists
                    .lock()
                    .map_err(|_| failed())?
                    .insert((lang, slug.to_string()), item.clone());
                Ok(())
            },
        },
    )?;
    let mut pages = pages.into_inner().map_err(|_| failed())?;
    let mut lists = lists.into_inner().map_err(|_| failed())?;
    let mut counts = rendered.counts;
    counts.add(render_lists(
        site,
        templates,
        formats,
        &digests,
        &Which {
            common: true,
            languages: &[],
            changed: &|_, _| true,
        },
        &mut |lang, _| {
            (heads.iter().enumerate())
                .map(|(i, head)| {
                    lists
                        .remove(&(lang, head.slug.clone()))
                        .map(|listed| (i, listed))
                        .ok_or_else(|| format!("{} was not rendered", head.slug))
                })
                .collect()
        },
        sink,
    )?);
    counts.add(render_search(
        site,
        templates,
        formats,
        &mut |lang| {
            let mut index = SearchIndex::default();
            for head in &heads {
                if let Some(page) = pages.remove(&(lang, head.slug.clone())) {
                    index.push(page.borrowed());
                }
            }
            Ok(Some(index))
        },
        &mut |_, _| Ok(()),
        sink,
    )?);
    Ok(counts)
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

/// The view of one digest in the builder's language, from a site whose translations are in
/// memory: its texts resolved through the configured fallback chain, with the
/// translation's coverage (no previous/next links).
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};
    use std::sync::Mutex;

    /// The example site with a base URL (so the sitemap is written) and its templates.
    fn example() -> (Site, Templates) {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let mut site = Site::load(&super::super::Layout::new(&root));
        site.config.base_url = Some("https://example.org/".into());
        let templates = site.templates.take().expect("the example templates load");
        (site, templates)
    }

    /// 120 calls of one series (52 in 2024, 52 in 2023, 16 in 2022) and 5 of another, newest
    /// first.
    fn heads() -> Vec<Head> {
        let mut heads: Vec<Head> = (0..120)
            .map(|i| Head {
                slug: format!("long-{:03}", 120 - i),
                source: PathBuf::from(format!("digests/long-{i}.yaml")),
                series: "long".into(),
                date: format!("{}-06-01", 2024 - i / 52),
            })
            .collect();
        heads.extend((0..5).map(|i| Head {
            slug: format!("short-{}", 5 - i),
            source: PathBuf::from(format!("digests/short-{i}.yaml")),
            series: "short".into(),
            date: "2021-01-01".into(),
        }));
        heads
    }

    /// The list files `render_lists` writes when `changed` says which digests changed, by
    /// path.
    fn lists(changed: &(dyn Fn(Language, usize) -> bool + Sync)) -> BTreeMap<String, String> {
        lists_read(changed, true).0
    }

    /// [`lists`], with or without the sitemap (`common`), and the digests whose list
    /// records were asked for, by language.
    fn lists_read(
        changed: &(dyn Fn(Language, usize) -> bool + Sync),
        common: bool,
    ) -> (BTreeMap<String, String>, BTreeSet<(Language, usize)>) {
        let (site, templates) = example();
        let heads = heads();
        let series = series_of(&heads);
        let neighbours = neighbours(&heads, &series);
        let digests = Digests {
            heads: &heads,
            series: &series,
            neighbours: &neighbours,
        };
        // Every call lists as the first example digest, under its own slug.
        let source = InMemory::new(&site);
        let builders: Vec<ViewBuilder> = site
            .config
            .languages
            .iter()
            .map(|&lang| ViewBuilder::new(&site.localizer, lang, &site.translations.glossary))
            .collect();
        let example = Head::of(&site.digests[0]);
        let languages = Languages {
            builders: &builders,
            parallel: false,
        };
        let (prepared, _) = prepare(&site, &languages, &example, &source).expect("loads");
        let files = Mutex::new(BTreeMap::new());
        let mut read = BTreeSet::new();
        let languages = vec![true; site.config.languages.len()];
        render_lists(
            &site,
            &templates,
            Formats::default(),
            &digests,
            &Which {
                common,
                languages: &languages,
                changed,
            },
            &mut |lang, needed| {
                read.extend((0..heads.len()).filter(|&i| needed(i)).map(|i| (lang, i)));
                let li = site.config.languages.iter().position(|&l| l == lang);
                let listed = &prepared.listed[li.expect("a site language")];
                Ok(heads
                    .iter()
                    .enumerate()
                    .filter(|&(i, _)| needed(i))
                    .map(|(i, head)| {
                        let mut item = listed.clone();
                        item.series = head.series.clone();
                        item.entry.href = format!("{}/index.html", head.slug);
                        (i, item)
                    })
                    .collect())
            },
            &|file| {
                files.lock().unwrap().insert(file.path, file.contents);
                Ok(())
            },
        )
        .expect("renders");
        (files.into_inner().unwrap(), read)
    }

    /// The pages of a language folder among `files`.
    fn language_pages(files: &BTreeMap<String, String>) -> Vec<&str> {
        files
            .keys()
            .map(String::as_str)
            .filter(|p| p.contains('/') && !p.starts_with("search/"))
            .collect()
    }

    #[test]
    fn only_the_list_pages_showing_a_changed_digest_are_rendered() {
        let all = lists(&|_, _| true);
        // Position 60 is a call of 2023: on neither the index nor the series page.
        let one = lists(&|lang, i| lang == Language::En && i == 60);
        assert_eq!(
            language_pages(&one),
            ["en/series/long/2023.md", "en/series/long/2023/index.html"]
        );
        for (path, contents) in &one {
            assert_eq!(Some(contents), all.get(path), "{path}");
        }
        // The newest call is on the index, the series page, its year page and the feed.
        let newest = lists(&|lang, i| lang == Language::Fr && i == 0);
        assert_eq!(
            language_pages(&newest),
            [
                "fr/feed.xml",
                "fr/index.html",
                "fr/index.md",
                "fr/series/long.md",
                "fr/series/long/2024.md",
                "fr/series/long/2024/index.html",
                "fr/series/long/index.html",
            ]
        );
        // Nothing changed: no list page, the same sitemap.
        let none = lists(&|_, _| false);
        assert!(
            language_pages(&none).is_empty(),
            "{:?}",
            language_pages(&none)
        );
        assert_eq!(none.get("sitemap.xml"), all.get("sitemap.xml"));
        assert!(all["sitemap.xml"].contains("https://example.org/ar/series/long/2022/index.html"));
    }

    #[test]
    fn only_the_records_of_the_digests_on_the_pages_rendered_are_read() {
        // Call 60 is on its 2023 page (calls 52 to 103); the series' name is its newest's.
        let (_, read) = lists_read(&|lang, i| lang == Language::En && i == 60, false);
        let expected: BTreeSet<(Language, usize)> = std::iter::once(0)
            .chain(52..104)
            .map(|i| (Language::En, i))
            .collect();
        assert_eq!(read, expected);
        // The sitemap lists every digest: all records are read.
        let (_, read) = lists_read(&|lang, i| lang == Language::En && i == 60, true);
        assert_eq!(read.len(), 7 * heads().len());
    }

    #[test]
    fn a_long_series_lists_its_newest_calls_and_a_page_per_year() {
        let all = lists(&|_, _| true);
        let page = &all["en/series/long/index.html"];
        assert_eq!(
            page.matches("class=\"digest-title\"").count(),
            SERIES_LATEST
        );
        assert!(page.contains("href=\"2022/index.html\""));
        let year = &all["en/series/long/2022/index.html"];
        assert_eq!(year.matches("class=\"digest-title\"").count(), 16);
        assert!(year.contains("long-016/index.html") && year.contains("long-001/index.html"));
        assert!(!year.contains("long-017/index.html"));
        let index = &all["en/index.html"];
        assert_eq!(
            index.matches("class=\"digest-title\"").count(),
            INDEX_LATEST + 5
        );
        assert!(index.contains("All 120 digests of long"));
        // The short series has every call on its page and no year pages.
        assert!(!all.keys().any(|p| p.starts_with("en/series/short/2")));
    }
}
