//! The list pages' views: the index of a language, series and year pages, the root page
//! that lists every language, and the 404 page; and the links between language versions.

use serde::Serialize;

use super::{Chrome, Text, VersionLink, ViewBuilder};
use crate::config::Config;
use crate::l10n::Localizer;
use crate::lang::Language;
use crate::notes::Digest;
use crate::translate::{Coverage, Glossary, PageTexts};

/// One digest in an index.
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq)]
pub struct IndexEntry {
    /// Title.
    pub title: Text,
    /// Relative link to the HTML page.
    pub href: String,
    /// Relative link to the Markdown file.
    pub href_md: String,
    /// The formatted date.
    pub date: String,
    /// "Held in Spanish".
    pub held: String,
    /// Topic titles.
    pub topics: Vec<Text>,
    /// "Translation 64% complete", for translated versions.
    pub status: Option<String>,
    /// "3 topics".
    pub topic_count: String,
}

/// A series and its digests, newest first.
#[derive(Debug, Clone, Serialize)]
pub struct SeriesGroup {
    /// Series name.
    pub series: String,
    /// Relative link to the series page.
    pub href: String,
    /// Relative link to its Markdown file.
    pub href_md: String,
    /// Its newest digests.
    pub digests: Vec<IndexEntry>,
    /// "All 2,384 digests of Wikimedia Clinics", linking to the series page, when the
    /// series has more digests than the index shows.
    pub all: Option<String>,
}

/// The index page of one language.
#[derive(Debug, Clone, Serialize)]
pub struct IndexView {
    /// Frame strings.
    pub chrome: Chrome,
    /// Tagline.
    pub tagline: String,
    /// "3 digests".
    pub count: String,
    /// "No digests yet", when there are none.
    pub empty: Option<String>,
    /// Digests by series.
    pub series: Vec<SeriesGroup>,
}

/// One language on the root page.
#[derive(Debug, Clone, Serialize)]
pub struct RootLanguage {
    /// Code.
    pub code: String,
    /// Direction.
    pub dir: String,
    /// Own name.
    pub autonym: String,
    /// Tagline in that language.
    pub tagline: String,
    /// Link to its index.
    pub href: String,
    /// Link to its Markdown index.
    pub href_md: String,
}

/// The root page.
#[derive(Debug, Clone, Serialize)]
pub struct RootView {
    /// Frame strings (in English, the reference language).
    pub chrome: Chrome,
    /// "Choose your language": the heading (the header already names the site).
    pub choose: String,
    /// Every language.
    pub languages: Vec<RootLanguage>,
}

impl ViewBuilder<'_> {
    /// The index of this language: `groups` are the series, each with its entries (as
    /// [`ViewBuilder::entry`] makes them), newest first; `count` is the number of digests.
    pub fn index(
        &self,
        groups: Vec<SeriesGroup>,
        count: usize,
        versions: Vec<VersionLink>,
    ) -> IndexView {
        let mut chrome = self.chrome(1, versions, "index-language-bar-label");
        chrome.description = self.t("site-tagline");
        IndexView {
            chrome,
            tagline: self.t("site-tagline"),
            count: self.ta("index-digest-count", &[("count", count.into())]),
            empty: (count == 0).then(|| self.t("index-empty")),
            series: groups,
        }
    }

    /// The group of the series `name` (folder `slug`) on the index: `entries` are its
    /// newest calls, as [`ViewBuilder::entry`] makes them, of `total`; when there are more,
    /// the group links to the series page for all of them.
    pub fn series_group(
        &self,
        name: &str,
        slug: &str,
        entries: Vec<IndexEntry>,
        total: usize,
    ) -> SeriesGroup {
        SeriesGroup {
            all: (total > entries.len()).then(|| {
                self.ta(
                    "index-series-all",
                    &[("series", name.into()), ("count", total.into())],
                )
            }),
            series: name.to_string(),
            href: format!("series/{slug}/index.html"),
            href_md: format!("series/{slug}.md"),
            digests: entries,
        }
    }

    /// The page of the series `name` (folder `slug`): `entries` are its newest calls (all
    /// of them when it has no year pages), as [`ViewBuilder::entry`] makes them, of
    /// `total`; `years` its year pages, newest first, with how many calls each has (empty
    /// when it has none).
    pub fn series_page(
        &self,
        name: &str,
        slug: &str,
        entries: Vec<IndexEntry>,
        total: usize,
        years: &[(&str, usize)],
        versions: Vec<VersionLink>,
    ) -> SeriesView {
        let mut chrome = self.chrome(3, versions, "series-language-bar-label");
        chrome.page_title = name.to_string();
        chrome.description = self.ta(
            "series-description",
            &[("series", name.into()), ("count", total.into())],
        );
        SeriesView {
            chrome,
            title: name.to_string(),
            count: self.ta("index-digest-count", &[("count", total.into())]),
            back: self.t("nav-all-digests"),
            back_href: "../../index.html".into(),
            back_href_md: "../index.md".into(),
            digests: entries
                .into_iter()
                .map(|entry| entry.below("../../", "../"))
                .collect(),
            years: self.year_links(years, None, ("", &format!("{slug}/"))),
            years_label: self.t("series-years-label"),
            series: name.to_string(),
        }
    }

    /// The page of the calls of the series `name` (folder `slug`) in `year`: `entries` are
    /// all of them, newest first, as [`ViewBuilder::entry`] makes them; `years` every year
    /// page of the series, as for [`ViewBuilder::series_page`].
    pub fn year_page(
        &self,
        name: &str,
        slug: &str,
        year: &str,
        entries: Vec<IndexEntry>,
        years: &[(&str, usize)],
        versions: Vec<VersionLink>,
    ) -> SeriesView {
        let title = self.ta(
            "series-year-title",
            &[("series", name.into()), ("year", year.into())],
        );
        let mut chrome = self.chrome(4, versions, "series-language-bar-label");
        chrome.page_title = title.clone();
        chrome.description = self.ta(
            "series-description",
            &[
                ("series", title.as_str().into()),
                ("count", entries.len().into()),
            ],
        );
        SeriesView {
            chrome,
            title,
            count: self.ta("index-digest-count", &[("count", entries.len().into())]),
            back: self.ta("series-all-calls", &[("series", name.into())]),
            back_href: "../index.html".into(),
            back_href_md: format!("../{slug}.md"),
            digests: entries
                .into_iter()
                .map(|entry| entry.below("../../../", "../../"))
                .collect(),
            years: self.year_links(years, Some(year), ("../", "")),
            years_label: self.t("series-years-label"),
            series: name.to_string(),
        }
    }

    /// The links to a series' year pages from its series page (`current` none) or from the
    /// page of year `current`, with `prefix` (HTML, Markdown) before the year.
    fn year_links(
        &self,
        years: &[(&str, usize)],
        current: Option<&str>,
        prefix: (&str, &str),
    ) -> Vec<YearLink> {
        years
            .iter()
            .map(|&(year, count)| YearLink {
                label: self.ta(
                    "series-year-link",
                    &[("year", year.into()), ("count", count.into())],
                ),
                count: self.ta("index-digest-count", &[("count", count.into())]),
                href: format!("{}{year}/index.html", prefix.0),
                href_md: format!("{}{year}.md", prefix.1),
                current: current == Some(year),
            })
            .collect()
    }

    /// One digest in a list, with links relative to the language's folder; `texts` are its
    /// texts in this language and `coverage` its translation counts.
    pub fn entry(&self, digest: &Digest, texts: &PageTexts, coverage: Coverage) -> IndexEntry {
        let notes = &digest.notes;
        let source = notes.written_in.parse::<Language>().unwrap_or(Language::En);
        IndexEntry {
            title: self.title(notes, texts),
            href: format!("{}/index.html", digest.slug),
            href_md: format!("{}.md", digest.slug),
            date: self.ta("when-date", &[("date", notes.date.as_str().into())]),
            held: {
                let (languages, count) = self.held_in(&notes.held_in);
                self.ta(
                    "index-held",
                    &[("languages", languages.into()), ("count", count.into())],
                )
            },
            topics: notes
                .topics
                .iter()
                .enumerate()
                .map(|(i, t)| self.text(texts, &format!("topics.{i}.title"), &t.title))
                .collect(),
            topic_count: self.ta("index-topic-count", &[("count", notes.topics.len().into())]),
            status: (source != self.lang).then(|| {
                self.ta(
                    "index-translation-status",
                    &[
                        ("percent", self.percent(coverage.percent).into()),
                        ("value", coverage.percent.into()),
                    ],
                )
            }),
        }
    }
}

impl IndexEntry {
    /// The entry as linked from a page `prefix` (HTML) and `prefix_md` (Markdown) above the
    /// language's folder.
    pub fn below(mut self, prefix: &str, prefix_md: &str) -> Self {
        self.href = format!("{prefix}{}", self.href);
        self.href_md = format!("{prefix_md}{}", self.href_md);
        self
    }
}

/// The page of one series in one language, or of its calls in one year.
#[derive(Debug, Clone, Serialize)]
pub struct SeriesView {
    /// Frame strings.
    pub chrome: Chrome,
    /// The series name.
    pub series: String,
    /// The page's heading: the series name, or "Wikimedia Clinics, 2024" on a year page.
    pub title: String,
    /// "3 digests".
    pub count: String,
    /// "All digests".
    pub back: String,
    /// Link to the language's index.
    pub back_href: String,
    /// Link to its Markdown file.
    pub back_href_md: String,
    /// The calls the page lists, newest first.
    pub digests: Vec<IndexEntry>,
    /// The series' year pages, newest first; empty when the series page lists every call.
    pub years: Vec<YearLink>,
    /// "Digests by year", the label of their navigation.
    pub years_label: String,
}

/// A link to the page of one year of a series.
#[derive(Debug, Clone, Serialize)]
pub struct YearLink {
    /// "2024 (52)".
    pub label: String,
    /// "52 digests".
    pub count: String,
    /// Relative link to the HTML page.
    pub href: String,
    /// Relative link to the Markdown file.
    pub href_md: String,
    /// Whether this is the year being shown.
    pub current: bool,
}

/// The root page linking every published language's index.
pub fn root_view(loc: &Localizer, config: &Config) -> RootView {
    let languages = &config.languages;
    let glossary = Glossary::default();
    let english = ViewBuilder::new(loc, Language::En, &glossary).with_config(config);
    let mut chrome = english.chrome(0, Vec::new(), "index-language-bar-label");
    // The root page speaks every language, so its description does too.
    chrome.description = languages
        .iter()
        .map(|&lang| loc.text(lang, "site-tagline", &[]))
        .collect::<Vec<_>>()
        .join(" · ");
    RootView {
        chrome,
        choose: loc.text(Language::En, "root-choose-language", &[]),
        languages: languages
            .iter()
            .map(|&lang| RootLanguage {
                code: lang.code().into(),
                dir: lang.dir().into(),
                autonym: loc.text(lang, "language-autonym", &[]),
                tagline: loc.text(lang, "site-tagline", &[]),
                href: format!("{}/index.html", lang.code()),
                href_md: format!("{}/index.md", lang.code()),
            })
            .collect(),
    }
}

/// The page shown for a missing address: one message per language, since the reader's
/// language is unknown. Static hosts serve it at any depth, so its links start from the
/// site's base URL, or from `/`.
#[derive(Debug, Clone, Serialize)]
pub struct NotFoundView {
    /// Frame strings (in English), with absolute links.
    pub chrome: Chrome,
    /// The message in every published language.
    pub messages: Vec<NotFoundMessage>,
}

/// The error page's message in one language.
#[derive(Debug, Clone, Serialize)]
pub struct NotFoundMessage {
    /// Language code.
    pub code: String,
    /// Direction.
    pub dir: String,
    /// "Page not found".
    pub title: String,
    /// What may have happened.
    pub text: String,
    /// "All digests", linking to the language's index.
    pub link: String,
    /// The index's address.
    pub href: String,
}

/// The error page for missing addresses.
pub fn not_found_view(loc: &Localizer, config: &Config) -> NotFoundView {
    let languages = &config.languages;
    let glossary = Glossary::default();
    let english = ViewBuilder::new(loc, Language::En, &glossary).with_config(config);
    let root = config.base_url.as_deref().unwrap_or("/").to_string();
    let mut chrome = english.chrome(0, Vec::new(), "index-language-bar-label");
    chrome.page_title = loc.text(Language::En, "not-found-title", &[]);
    chrome.noindex = true;
    chrome.home = format!("{root}index.html");
    chrome.languages_href = format!("{root}index.html");
    chrome.root = root.clone();
    NotFoundView {
        chrome,
        messages: languages
            .iter()
            .map(|&lang| NotFoundMessage {
                code: lang.code().into(),
                dir: lang.dir().into(),
                title: loc.text(lang, "not-found-title", &[]),
                text: loc.text(lang, "not-found-text", &[]),
                link: loc.text(lang, "nav-all-digests", &[]),
                href: format!("{root}{}/index.html", lang.code()),
            })
            .collect(),
    }
}

/// Links to every language version of a page. `path_in_language` is the page's path below
/// a language folder (e.g. `slug/index.html`), `md_in_language` its Markdown twin (e.g.
/// `slug.md`), and `depth` how many folders below the site root the HTML page is.
pub fn version_links(
    loc: &Localizer,
    languages: &[Language],
    current: Language,
    depth: usize,
    path_in_language: &str,
    md_in_language: &str,
) -> Vec<VersionLink> {
    let up = "../".repeat(depth);
    // The Markdown file sits as deep as its own path says: `x/index.html` has `x.md`, a
    // folder higher.
    let up_md = "../".repeat(1 + md_in_language.matches('/').count());
    languages
        .iter()
        .map(|&lang| VersionLink {
            code: lang.code().into(),
            dir: lang.dir().into(),
            autonym: loc.text(lang, "language-autonym", &[]),
            href: format!("{up}{}/{path_in_language}", lang.code()),
            href_md: format!("{up_md}{}/{md_in_language}", lang.code()),
            md_from_html: format!("{up}{}/{md_in_language}", lang.code()),
            path: format!("{}/{path_in_language}", lang.code()),
            url: format!("{up}{}/{path_in_language}", lang.code()),
            current: lang == current,
            status: None,
            original: false,
        })
        .collect()
}
