//! Rendering the pages of the site, in parallel, handing each file to a sink as soon as it
//! is made, with memory that does not grow with the archive.
//!
//! A build goes in two steps:
//!
//! 1. [`render_digests`] (in `digests.rs`): the digests to render are cut into chunks of
//!    consecutive calls of one series, rendered on all cores. A chunk loads its digests'
//!    notes and translations (through a [`Source`]), renders their pages in every language,
//!    and hands each page to the page sink, each page's search tokens to the search sink and
//!    each digest's [`Listed`] (what the pages listing it need) to the list sink: memory
//!    keeps only its [`Titles`]. A page's previous/next links need its neighbours' titles,
//!    so a chunk also looks at the calls just outside it (from the cache when they are
//!    unchanged, else by loading them).
//! 2. [`render_lists`] (in `listing.rs`): the root, indexes, series pages, feeds, sitemap and
//!    search index, one language at a time, from what the sinks kept.
//!
//! This file owns what both steps share (the sinks, [`Counts`], a digest's [`Head`],
//! [`Titled`] and [`Listed`], the series and neighbours of the heads) and the in-memory
//! render `check` and the tests use ([`render`], [`render_to`]).
//!
//! The files' contents never depend on the number of threads or on which digests were
//! rendered: each page is a function of its inputs alone, and the lists gather digests in
//! digest order.

mod digests;
mod listing;

pub use digests::{DigestsRendered, Plan, Sinks, render_digests};
pub use listing::{INDEX_LATEST, ListedOf, SERIES_LATEST, Which, render_lists, render_search};

use std::collections::HashMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::Site;
use super::feeds::{FeedEntry, SitemapUrl};
use super::output::OutputFile;
use crate::config::Formats;
use crate::diag::Problem;
use crate::lang::Language;
use crate::notes::Digest;
use crate::render::view::{DigestView, IndexEntry, Text, VersionLink};
use crate::render::{Rendered, Templates, ViewBuilder};
use crate::search::{IndexedPage, SearchIndex};
use crate::translate::DigestTranslations;
use digests::InMemory;

/// Where rendered files go, from any thread.
pub type Sink<'a> = dyn Fn(OutputFile) -> Result<(), String> + Sync + 'a;

/// Where the search tokens of a rendered digest page go, from any thread: its language,
/// its digest's slug and the tokenized page.
pub type SearchSink<'a> = dyn Fn(Language, &str, IndexedPage) -> Result<(), String> + Sync + 'a;

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

/// The site's digests as a build sees them.
pub struct Digests<'a> {
    /// Every digest, newest first.
    pub heads: &'a [Head],
    /// Their series.
    pub series: &'a [(String, Vec<usize>)],
    /// Their neighbours, by position.
    pub neighbours: &'a [Neighbours],
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
    use super::digests::{Languages, prepare};
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
