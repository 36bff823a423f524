//! Step 1 of a render: the digests' own pages, cut into chunks of consecutive calls of one
//! series rendered on all cores ([`render_digests`]), what a build tells it ([`Plan`],
//! [`Sinks`]) and what it gives back ([`DigestsRendered`]); and [`InMemory`], the
//! [`Source`] of a site whose digests are all loaded.

use std::collections::HashMap;

use rayon::prelude::*;

use super::{
    Counts, Digests, Head, ListSink, Listed, Loaded, Out, SearchSink, Sink, Source, Titled, Titles,
};
use crate::config::Formats;
use crate::diag::Problem;
use crate::lang::Language;
use crate::notes::Digest;
use crate::render::view::{DigestView, VersionLink};
use crate::render::{Templates, ViewBuilder, version_links};
use crate::search::{self, IndexedPage};
use crate::site::Site;
use crate::site::feeds::{FeedEntry, SitemapUrl};
use crate::translate::DigestTranslations;

/// How many digests a chunk renders: small enough that a chunk's loaded notes and
/// translations stay a few megabytes, large enough that the neighbours loaded at its edges
/// are a small share.
const CHUNK: usize = 16;

/// A [`Source`] over a site whose digests and translations are all in memory, found by
/// slug.
pub(super) struct InMemory<'a> {
    site: &'a Site,
    digests: HashMap<&'a str, &'a Digest>,
}

impl<'a> InMemory<'a> {
    pub(super) fn new(site: &'a Site) -> Self {
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
pub(super) struct Languages<'a> {
    pub(super) builders: &'a [ViewBuilder<'a>],
    pub(super) parallel: bool,
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
pub(super) struct Prepared {
    loaded: Loaded,
    views: Vec<DigestView>,
    pub(super) listed: Vec<Listed>,
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
pub(super) fn prepare(
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
            version.original = loaded.digest.notes.written_in == version.code;
            version.status = Some(version_status(site, &loaded, lang, version));
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

/// "64 %" (or "original") for the language-bar link to `version` on the page in `page`: in
/// the page's language, so that one bar shows every version's completeness in one style.
fn version_status(site: &Site, loaded: &Loaded, page: Language, version: &VersionLink) -> String {
    if version.original {
        return site.localizer.text(page, "language-bar-original", &[]);
    }
    let of: Language = version.code.parse().unwrap_or(Language::En);
    let value = loaded.translations.coverage(of).percent;
    let percent = site
        .localizer
        .formatters(page)
        .map_or_else(|| format!("{value}%"), |f| f.percent(value));
    site.localizer.text(
        page,
        "language-bar-percent",
        &[("percent", percent.into()), ("value", value.into())],
    )
}
