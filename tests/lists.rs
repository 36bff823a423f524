//! Lists of a large archive, through the binary on a generated corpus: the index shows the
//! newest calls of each series with a link to all of them, a long series page its newest
//! calls and a page per year, and every link of these pages leads to a file of the site.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::OnceLock;

use common::{heptaglot, stderr};

const BASE: &str = "https://example.org/";
/// Enough digests that the largest series (5 of every 21) has more than 50.
const DIGESTS: usize = 240;
const INDEX_LATEST: usize = 10;
const SERIES_LATEST: usize = 50;

/// A call of the corpus, from its notes.
#[derive(Debug, Clone)]
struct Call {
    slug: String,
    date: String,
}

/// The corpus, built once for every test: the folder holding it (in `site/`) and its calls
/// by series folder name, newest first.
struct Built {
    dir: tempfile::TempDir,
    series: BTreeMap<String, Vec<Call>>,
}

impl Built {
    fn public(&self) -> PathBuf {
        self.dir.path().join("site").join("public")
    }

    fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.public().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// The series with more calls than a series page shows.
    fn long_series(&self) -> (&String, &Vec<Call>) {
        self.series
            .iter()
            .find(|(_, calls)| calls.len() > SERIES_LATEST)
            .expect("the corpus has a series of more than 50 calls")
    }
}

fn built() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        common::corpus(&root, DIGESTS, 5);
        let output = heptaglot(&root, &["build", "--base-url", BASE]);
        assert!(output.status.success(), "{}", stderr(&output));
        let mut series: BTreeMap<String, Vec<Call>> = BTreeMap::new();
        for entry in std::fs::read_dir(root.join("digests")).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let field = |key: &str| {
                text.lines()
                    .find_map(|l| l.strip_prefix(&format!("{key}: ")))
                    .unwrap_or_else(|| panic!("{}: no {key}", path.display()))
                    .trim_matches('"')
                    .to_string()
            };
            let folder = field("series").to_lowercase().replace(' ', "-");
            series.entry(folder).or_default().push(Call {
                slug: path.file_stem().unwrap().to_string_lossy().into_owned(),
                date: field("date"),
            });
        }
        for calls in series.values_mut() {
            calls.sort_by(|a, b| b.date.cmp(&a.date));
        }
        Built { dir, series }
    })
}

/// The digest slugs an HTML list page links, in order (the entries' title links).
fn listed_slugs(html: &str) -> Vec<String> {
    html.split("<a class=\"digest-title\" href=\"")
        .skip(1)
        .map(|rest| {
            let href = &rest[..rest.find('"').unwrap()];
            let slug = href.trim_end_matches("/index.html");
            slug.rsplit('/').next().unwrap().to_string()
        })
        .collect()
}

/// The attribute values `name="..."` in an HTML page.
fn attributes(html: &str, name: &str) -> Vec<String> {
    let key = format!(" {name}=\"");
    html.split(&key)
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].replace("&amp;", "&"))
        .collect()
}

/// The link targets of a Markdown file: `](target)`, with backslash escapes removed.
fn markdown_targets(md: &str) -> Vec<String> {
    md.split("](")
        .skip(1)
        .map(|rest| rest[..rest.find(')').unwrap()].replace('\\', ""))
        .collect()
}

/// The years of `calls`, newest first, with their calls.
fn by_year(calls: &[Call]) -> Vec<(String, Vec<&Call>)> {
    let mut years: BTreeMap<String, Vec<&Call>> = BTreeMap::new();
    for call in calls {
        years
            .entry(call.date[..4].to_string())
            .or_default()
            .push(call);
    }
    years.into_iter().rev().collect()
}

fn series_dir(built: &Built, lang: &str, series: &str) -> PathBuf {
    built.public().join(lang).join("series").join(series)
}

#[test]
fn a_long_series_page_lists_its_newest_50_and_links_a_page_per_year() {
    let built = built();
    let (series, calls) = built.long_series();
    let html = built.read(&format!("en/series/{series}/index.html"));
    let newest: Vec<String> = calls[..SERIES_LATEST]
        .iter()
        .map(|c| c.slug.clone())
        .collect();
    assert_eq!(listed_slugs(&html), newest);
    assert!(html.contains(&format!("<p class=\"tagline\">{} digests", calls.len())));
    let years = by_year(calls);
    assert!(years.len() > 1, "{years:?}");
    let hrefs: Vec<String> = attributes(&html, "href")
        .into_iter()
        .filter(|h| h.ends_with("/index.html") && h.len() == "2019/index.html".len())
        .collect();
    let expected: Vec<String> = years
        .iter()
        .map(|(y, _)| format!("{y}/index.html"))
        .collect();
    assert_eq!(hrefs, expected);
    for (year, in_year) in &years {
        assert!(
            html.contains(&format!(">{year} ({})</a>", in_year.len())),
            "{year}"
        );
    }
    // The Markdown twin links the same year pages.
    let md = built.read(&format!("en/series/{series}.md"));
    for (year, _) in &years {
        assert!(markdown_targets(&md).contains(&format!("{series}/{year}.md")));
    }
}

#[test]
fn a_year_page_lists_exactly_the_calls_of_its_series_in_that_year() {
    let built = built();
    let (series, calls) = built.long_series();
    let years = by_year(calls);
    for lang in ["en", "ar", "ru"] {
        for (year, in_year) in &years {
            let html = built.read(&format!("{lang}/series/{series}/{year}/index.html"));
            let expected: Vec<String> = in_year.iter().map(|c| c.slug.clone()).collect();
            assert_eq!(listed_slugs(&html), expected, "{lang} {year}");
            // The current year is marked, and the page links back to the series page.
            assert!(html.contains("aria-current=\"page\">"), "{lang} {year}");
            assert!(html.contains("href=\"../index.html\""), "{lang} {year}");
            let md = built.read(&format!("{lang}/series/{series}/{year}.md"));
            let digests: Vec<String> = markdown_targets(&md)
                .into_iter()
                .filter_map(|t| t.strip_prefix("../../").map(str::to_string))
                .filter(|t| !t.contains('/'))
                .collect();
            let expected_md: Vec<String> = expected.iter().map(|s| format!("{s}.md")).collect();
            assert_eq!(digests, expected_md, "{lang} {year}.md");
        }
    }
    let (year, _) = &years[0];
    let title = built.read(&format!("en/series/{series}/{year}/index.html"));
    assert!(title.contains(&format!("<h1>Wikimedia Clinics, {year}</h1>")));
}

#[test]
fn a_short_series_page_lists_every_call_and_has_no_year_pages() {
    let built = built();
    let (series, calls) = built
        .series
        .iter()
        .find(|(_, calls)| calls.len() > INDEX_LATEST && calls.len() <= SERIES_LATEST)
        .expect("a series of 11 to 50 calls");
    let html = built.read(&format!("en/series/{series}/index.html"));
    let all: Vec<String> = calls.iter().map(|c| c.slug.clone()).collect();
    assert_eq!(listed_slugs(&html), all);
    assert!(!html.contains("series-years"));
    let folders = std::fs::read_dir(series_dir(built, "en", series))
        .unwrap()
        .count();
    assert_eq!(folders, 1, "only index.html in {series}/");
}

/// The plural category of `n` in Russian and Arabic (CLDR cardinal rules for integers).
fn plural(lang: &str, n: usize) -> &'static str {
    match lang {
        "ru" if n % 10 == 1 && n % 100 != 11 => "one",
        "ru" if (2..=4).contains(&(n % 10)) && !(12..=14).contains(&(n % 100)) => "few",
        "ru" => "many",
        "ar" if n == 0 => "zero",
        "ar" if n == 1 => "one",
        "ar" if n == 2 => "two",
        "ar" if (3..=10).contains(&(n % 100)) => "few",
        "ar" if (11..=99).contains(&(n % 100)) => "many",
        _ => "other",
    }
}

#[test]
fn the_index_shows_10_calls_a_series_and_links_all_of_them() {
    // The link's words are checked for the corpus's series sizes (22–60: Arabic "many"
    // only); that `index-series-all` takes the right form for every number in every
    // language is plurals.rs's test, against CLDR.
    let built = built();
    for lang in ["en", "ru", "ar"] {
        let html = built.read(&format!("{lang}/index.html"));
        let sections: Vec<&str> = html.split("<section class=\"series\">").skip(1).collect();
        assert_eq!(sections.len(), built.series.len(), "{lang}");
        // The total count line stays.
        let total: usize = built.series.values().map(Vec::len).sum();
        let count = html.split("<p class=\"count\">").nth(1).unwrap();
        assert!(
            count[..count.find("</p>").unwrap()].contains(&total.to_string()),
            "{lang}"
        );
        for section in sections {
            let series = attributes(section, "href")[0]
                .trim_start_matches("series/")
                .trim_end_matches("/index.html")
                .to_string();
            let calls = &built.series[&series];
            let newest: Vec<String> = calls
                .iter()
                .take(INDEX_LATEST)
                .map(|c| c.slug.clone())
                .collect();
            assert_eq!(listed_slugs(section), newest, "{lang} {series}");
            let more = section
                .split("<p class=\"more\">")
                .nth(1)
                .map(|p| p[..p.find("</p>").unwrap()].to_string());
            if calls.len() <= INDEX_LATEST {
                assert_eq!(more, None, "{lang} {series}");
                continue;
            }
            let more = more.unwrap_or_else(|| panic!("{lang} {series}: no link to all"));
            assert!(
                more.starts_with(&format!("<a href=\"series/{series}/index.html\">")),
                "{more}"
            );
            let n = calls.len();
            let word = match (lang, plural(lang, n)) {
                ("en", _) => format!("All {n} digests of "),
                ("ru", "one") => format!("Все {n} дайджест серии"),
                ("ru", "few") => format!("Все {n} дайджеста серии"),
                ("ru", _) => format!("Все {n} дайджестов серии"),
                // Arabic numbers are isolated (U+2068 … U+2069) by Fluent.
                ("ar", "few") => format!("\u{2068}{n}\u{2069} ملخصات"),
                ("ar", "many") => format!("\u{2068}{n}\u{2069} ملخصًا"),
                ("ar", _) => format!("\u{2068}{n}\u{2069} ملخص<"),
                _ => unreachable!(),
            };
            assert!(more.contains(&word), "{lang} {series} ({n}): {more}");
        }
    }
}

#[test]
fn the_sitemap_lists_every_year_page_in_every_language() {
    let built = built();
    let sitemap = built.read("sitemap.xml");
    let locs: BTreeSet<String> = sitemap
        .split("<loc>")
        .skip(1)
        .map(|rest| rest[..rest.find("</loc>").unwrap()].to_string())
        .collect();
    let (series, calls) = built.long_series();
    for lang in ["en", "es", "fr", "ar", "zh-Hans", "de", "ru"] {
        for (year, _) in by_year(calls) {
            let url = format!("{BASE}{lang}/series/{series}/{year}/index.html");
            assert!(locs.contains(&url), "{url}");
        }
    }
    // Every address in the sitemap is a page of the site.
    for loc in &locs {
        let path = loc.strip_prefix(BASE).unwrap();
        assert!(built.public().join(path).is_file(), "{loc}");
    }
}

/// Where the link `target` of the page at `page` (below the output folder) leads, below the
/// output folder; `None` for links outside the site.
fn resolve(page: &str, target: &str) -> Option<String> {
    let target = target.split('#').next().unwrap();
    if target.is_empty() || target.starts_with("mailto:") {
        return None;
    }
    if let Some(path) = target.strip_prefix(BASE) {
        return Some(path.to_string());
    }
    if target.contains("://") {
        return None;
    }
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for part in target.split('/') {
        match part {
            ".." => {
                assert!(parts.pop().is_some(), "{page}: {target} leaves the site");
            }
            "." => {}
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

#[test]
fn every_link_of_every_page_leads_to_a_file_of_the_site() {
    let built = built();
    let public = built.public();
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(&public) {
        let entry = entry.unwrap();
        let path = entry
            .path()
            .strip_prefix(&public)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        // Digest pages too: their Markdown language links once went a folder too high.
        let page = path.ends_with(".html") || path.ends_with(".md");
        if !entry.file_type().is_file() || !page {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let targets = if path.ends_with(".html") {
            let mut t = attributes(&text, "href");
            t.extend(attributes(&text, "src"));
            t
        } else {
            markdown_targets(&text)
        };
        for target in targets {
            if let Some(file) = resolve(&path, &target) {
                assert!(
                    public.join(&file).is_file(),
                    "{path}: {target} leads nowhere ({file})"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 50_000, "{checked} links checked");
}
