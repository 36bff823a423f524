//! Step 2 of a render: the pages that list digests ([`render_lists`]: the root and 404
//! pages, each language's index, series and year pages and feed, the sitemap and the
//! assets) and each language's search index and page ([`render_search`]), one language at
//! a time, from what step 1 kept of each digest. `site::lists` (build step 5) decides what
//! these are given; this file renders them.

use std::collections::HashMap;

use super::{Counts, Digests, Head, Listed, Out, Sink, assets};
use crate::config::Formats;
use crate::lang::Language;
use crate::render::view::{IndexEntry, RootView, SeriesView, VersionLink};
use crate::render::{Templates, ViewBuilder, not_found_view, root_view, version_links};
use crate::search::{self, SearchIndex};
use crate::site::Site;
use crate::site::feeds::{self, FeedEntry, SitemapUrl, SitemapWriter};

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
    let languages = &site.config.languages;
    let mut out = Out::new(sink);
    let root_view = root_view(&site.localizer, &site.config);
    if which.common {
        render_root(site, templates, formats, &root_view, &mut out)?;
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
    let mut sitemap = SitemapWriter::new(base_url, 1 + languages.len() * per_language);
    out.file(sitemap.add(&SitemapUrl::of(&root_view.chrome)))?;
    for (li, &lang) in languages.iter().enumerate() {
        let lists = LanguageLists {
            site,
            templates,
            formats,
            digests,
            which,
            series: &series,
            lang,
            builder: ViewBuilder::new(&site.localizer, lang, &site.translations.glossary)
                .with_config(&site.config),
            render_language: which.languages.get(li).copied().unwrap_or(true),
        };
        lists.render(listed, &mut sitemap, &mut out)?;
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

/// Renders the root page and, in HTML, the 404 page.
fn render_root(
    site: &Site,
    templates: &Templates,
    formats: Formats,
    root_view: &RootView,
    out: &mut Out,
) -> Result<(), String> {
    let root = templates.render("root", root_view, formats)?;
    out.page(
        root,
        "index.html".into(),
        "index.md".into(),
        "index.wiki".into(),
    )?;
    if formats.html {
        let view = not_found_view(&site.localizer, &site.config);
        out.push("404.html".into(), templates.render_html("404.html", &view)?)?;
    }
    Ok(())
}

/// The list pages of one language: which of them are rendered, and how.
struct LanguageLists<'a> {
    site: &'a Site,
    templates: &'a Templates,
    formats: Formats,
    digests: &'a Digests<'a>,
    which: &'a Which<'a>,
    series: &'a [SeriesPages<'a>],
    lang: Language,
    builder: ViewBuilder<'a>,
    /// Whether `which` asks for this language's lists at all.
    render_language: bool,
}

impl LanguageLists<'_> {
    /// Whether a page showing `shown` is rendered.
    fn is_rendered(&self, shown: &[usize]) -> bool {
        self.render_language && shown.iter().any(|&i| (self.which.changed)(self.lang, i))
    }

    /// Renders the language's index, series pages, year pages and feed as far as `which`
    /// asks, and adds their addresses and its digests' to the sitemap when `which.common`.
    fn render(
        &self,
        listed: &mut ListedOf,
        sitemap: &mut SitemapWriter,
        out: &mut Out,
    ) -> Result<(), String> {
        let heads = self.digests.heads;
        let feed_shown: Vec<usize> = (0..heads.len().min(feeds::FEED_ENTRIES)).collect();
        let render_feed = self.formats.html && self.is_rendered(&feed_shown);
        // Every digest is on its series page or on one of its year pages: a language none
        // of whose digests changed has no list page to render.
        let render_any =
            self.render_language && (0..heads.len()).any(|i| (self.which.changed)(self.lang, i));
        if !render_any && !self.which.common {
            return Ok(());
        }
        let on_index: Vec<usize> = (self.series.iter())
            .flat_map(|s| s.on_index())
            .copied()
            .collect();
        let needed = self.needed(&on_index, render_feed.then_some(&feed_shown));
        let records = Records {
            listed: listed(self.lang, &|i| needed[i])?,
            heads,
        };
        self.render_index(&records, &on_index, sitemap, out)?;
        self.render_series(&records, sitemap, out)?;
        if self.which.common {
            for i in 0..heads.len() {
                out.file(sitemap.add(&records.item(i)?.sitemap))?;
            }
        }
        if render_feed {
            let feed: Vec<FeedEntry> = feed_shown
                .iter()
                .map(|&i| Ok(records.item(i)?.feed.clone()))
                .collect::<Result<_, String>>()?;
            out.file(feeds::atom(&self.builder, self.site, &feed))?;
        }
        Ok(())
    }

    /// Which digests' records the pages rendered need, by position in the heads (`feed`:
    /// the digests the feed shows, when it is rendered). Only the records of the digests on
    /// the pages rendered are read (the sitemap needs every digest's): at 10,000 digests a
    /// language's records are 20 MB.
    fn needed(&self, on_index: &[usize], feed: Option<&Vec<usize>>) -> Vec<bool> {
        let mut needed = vec![self.which.common; self.digests.heads.len()];
        let mut need = |shown: &[usize]| shown.iter().for_each(|&i| needed[i] = true);
        for s in self.series {
            let pages = std::iter::once(s.on_page()).chain(s.years.iter().map(|y| &y.1[..]));
            let mut shown = self.is_rendered(on_index);
            for page in pages.filter(|page| self.is_rendered(page)) {
                need(page);
                shown = true;
            }
            if shown {
                // The series' name comes from its newest digest.
                need(&s.members[..s.members.len().min(1)]);
            }
        }
        if self.is_rendered(on_index) {
            need(on_index);
        }
        if let Some(feed) = feed {
            need(feed);
        }
        needed
    }

    /// The index: rendered when a digest it shows changed, else only its address goes to
    /// the sitemap.
    fn render_index(
        &self,
        records: &Records,
        on_index: &[usize],
        sitemap: &mut SitemapWriter,
        out: &mut Out,
    ) -> Result<(), String> {
        let builder = &self.builder;
        let code = self.lang.code();
        let versions = version_links(
            &self.site.localizer,
            &self.site.config.languages,
            self.lang,
            1,
            "index.html",
            "index.md",
        );
        if self.is_rendered(on_index) {
            let groups = (self.series.iter())
                .map(|s| {
                    Ok(builder.series_group(
                        &records.name(s)?,
                        s.slug,
                        records.entries(s.on_index())?,
                        s.members.len(),
                    ))
                })
                .collect::<Result<_, String>>()?;
            let index = builder.index(groups, self.digests.heads.len(), versions);
            out.file(sitemap.add(&SitemapUrl::of(&index.chrome)))?;
            let rendered = self.templates.render("index", &index, self.formats)?;
            drop(index);
            out.page(
                rendered,
                format!("{code}/index.html"),
                format!("{code}/index.md"),
                format!("{code}/index.wiki"),
            )?;
        } else if self.which.common {
            // The sitemap only: the page's address, not its contents.
            let chrome = builder.chrome(1, versions, "index-language-bar-label");
            out.file(sitemap.add(&SitemapUrl::of(&chrome)))?;
        }
        Ok(())
    }

    /// The series pages, each followed by its year pages.
    fn render_series(
        &self,
        records: &Records,
        sitemap: &mut SitemapWriter,
        out: &mut Out,
    ) -> Result<(), String> {
        let builder = &self.builder;
        for s in self.series {
            let slug = s.slug;
            let years = s.year_counts();
            let view = |versions| {
                Ok(builder.series_page(
                    &records.name(s)?,
                    slug,
                    records.entries(s.on_page())?,
                    s.members.len(),
                    &years,
                    versions,
                ))
            };
            self.series_page(
                format!("series/{slug}"),
                3,
                self.is_rendered(s.on_page()).then_some(&view),
                sitemap,
                out,
            )?;
            for (year, list) in &s.years {
                let view = |versions| {
                    Ok(builder.year_page(
                        &records.name(s)?,
                        slug,
                        year,
                        records.entries(list)?,
                        &years,
                        versions,
                    ))
                };
                self.series_page(
                    format!("series/{slug}/{year}"),
                    4,
                    self.is_rendered(list).then_some(&view),
                    sitemap,
                    out,
                )?;
            }
        }
        Ok(())
    }

    /// A series or year page: `<base>/index.html`, `<base>.md` and `<base>.wiki`,
    /// rendered when `view` is given (something it shows changed), else only its address
    /// goes to the sitemap.
    fn series_page(
        &self,
        base: String,
        depth: usize,
        view: Option<&dyn Fn(Vec<VersionLink>) -> Result<SeriesView, String>>,
        sitemap: &mut SitemapWriter,
        out: &mut Out,
    ) -> Result<(), String> {
        if view.is_none() && !self.which.common {
            return Ok(());
        }
        let code = self.lang.code();
        let (page, md) = (format!("{base}/index.html"), format!("{base}.md"));
        let (loc, languages) = (&self.site.localizer, &self.site.config.languages);
        let versions = version_links(loc, languages, self.lang, depth, &page, &md);
        let Some(view) = view else {
            let chrome = self
                .builder
                .chrome(depth, versions, "series-language-bar-label");
            return out.file(sitemap.add(&SitemapUrl::of(&chrome)));
        };
        let view = view(versions)?;
        out.file(sitemap.add(&SitemapUrl::of(&view.chrome)))?;
        let rendered = self.templates.render("series", &view, self.formats)?;
        out.page(
            rendered,
            format!("{code}/{page}"),
            format!("{code}/{md}"),
            format!("{code}/{base}.wiki"),
        )
    }
}

/// The list records a language's pages need, by position in the heads.
struct Records<'a> {
    listed: HashMap<usize, Listed>,
    heads: &'a [Head],
}

impl Records<'_> {
    /// The record of digest `i`.
    fn item(&self, i: usize) -> Result<&Listed, String> {
        self.listed
            .get(&i)
            .ok_or_else(|| format!("the list record of {} was not read", self.heads[i].slug))
    }

    /// The index entries of the digests `shown`.
    fn entries(&self, shown: &[usize]) -> Result<Vec<IndexEntry>, String> {
        shown
            .iter()
            .map(|&i| Ok(self.item(i)?.entry.clone()))
            .collect()
    }

    /// A series' name in this language, from its newest digest.
    fn name(&self, s: &SeriesPages) -> Result<String, String> {
        Ok(match s.members.first() {
            Some(&i) => self.item(i)?.series.clone(),
            None => String::new(),
        })
    }
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
