//! The published site around the digests, through the binary: series pages and links
//! between calls, `hreflang`/canonical links, feeds and the sitemap, the error page, the
//! root page. (Builds killed midway, at once, or on a full disk: `tests/faults.rs`.)

mod common;

use std::path::Path;
use std::process::Command;

use common::{heptaglot, published, site, snapshot, stderr};

const BASE: &str = "https://digests.example.org/";
const LANGS: [&str; 7] = ["en", "es", "fr", "ar", "zh-Hans", "de", "ru"];

fn build(dir: &Path, args: &[&str]) -> String {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    let output = heptaglot(dir, &all);
    assert!(output.status.success(), "{}", stderr(&output));
    stderr(&output)
}

/// A site with three calls of one series (dates 2021-01, -02, -03) and the examples.
fn series_site() -> tempfile::TempDir {
    let dir = site(true);
    for (n, date) in [
        ("001", "2021-01-14"),
        ("002", "2021-02-11"),
        ("003", "2021-03-11"),
    ] {
        let text = format!(
            "series: Community Hours\nnumber: \"{n}\"\ndate: {date}\nheld_in: [fr]\nwritten_in: en\nintro: Call {n} of the series.\ntopics:\n  - title: Topic of call {n}\n"
        );
        std::fs::write(dir.path().join(format!("digests/hours-{n}.yaml")), text).unwrap();
    }
    dir
}

#[test]
fn a_series_has_a_page_in_every_language_and_its_calls_link_to_each_other() {
    let dir = series_site();
    build(dir.path(), &[]);
    for lang in LANGS {
        let page = published(
            dir.path(),
            &format!("{lang}/series/community-hours/index.html"),
        );
        // Newest first.
        let positions: Vec<usize> = ["hours-003", "hours-002", "hours-001"]
            .iter()
            .map(|slug| {
                page.find(&format!("../../{slug}/index.html"))
                    .unwrap_or_else(|| panic!("{lang}: {slug} missing"))
            })
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{lang}");
        assert!(
            published(dir.path(), &format!("{lang}/series/community-hours.md"))
                .contains("(../hours-002.md)")
        );
        // The index groups by series and links each group to its page.
        let index = published(dir.path(), &format!("{lang}/index.html"));
        assert!(
            index.contains("<a href=\"series/community-hours/index.html\">"),
            "{lang}"
        );
    }
    let middle = published(dir.path(), "en/hours-002/index.html");
    assert!(
        middle
            .contains("<a href=\"../hours-001/index.html\" rel=\"prev\">Community Hours #001</a>"),
        "{middle}"
    );
    assert!(
        middle
            .contains("<a href=\"../hours-003/index.html\" rel=\"next\">Community Hours #003</a>"),
        "{middle}"
    );
    let first = published(dir.path(), "en/hours-001/index.html");
    assert!(!first.contains("rel=\"prev\""));
    assert!(first.contains("rel=\"next\""));
    let french = published(dir.path(), "fr/hours-002/index.html");
    assert!(french.contains("Précédente dans cette série"), "{french}");
    let md = published(dir.path(), "en/hours-002.md");
    assert!(md.contains("[Community Hours #001](hours-001.md)"), "{md}");
    assert!(md.contains("(series/community-hours.md)"), "{md}");
}

#[test]
fn pages_name_their_canonical_address_and_every_language_version() {
    let dir = site(true);
    build(dir.path(), &["--base-url", "https://digests.example.org"]);
    let page = published(dir.path(), "fr/wikimedia-clinic-006/index.html");
    assert!(page.contains(&format!(
        "<link rel=\"canonical\" href=\"{BASE}fr/wikimedia-clinic-006/index.html\">"
    )));
    for lang in LANGS {
        assert!(page.contains(&format!(
            "<link rel=\"alternate\" hreflang=\"{lang}\" href=\"{BASE}{lang}/wikimedia-clinic-006/index.html\">"
        )), "{lang}");
    }
    // Readers of other languages are sent to the version the notes were written in.
    assert!(page.contains(&format!(
        "<link rel=\"alternate\" hreflang=\"x-default\" href=\"{BASE}en/wikimedia-clinic-006/index.html\">"
    )));
    assert!(page.contains("<meta property=\"og:type\" content=\"article\">"));
    assert!(page.contains(&format!(
        "<meta property=\"og:url\" content=\"{BASE}fr/wikimedia-clinic-006/index.html\">"
    )));
    assert!(
        page.contains("<meta property=\"og:title\" content=\"Wikimedia Clinic nº\u{a0}006\">"),
        "{page}"
    );
    assert!(page.contains("<meta property=\"og:locale\" content=\"fr\">"));
    let description = page
        .split("<meta name=\"description\" content=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a description");
    assert!(
        !description.is_empty() && description.chars().count() <= 161,
        "{description}"
    );
    assert!(page.contains(
        "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"../../fr/feed.xml\""
    ));
    // Indexes send unmatched languages to the language chooser.
    let index = published(dir.path(), "de/index.html");
    assert!(index.contains(&format!("hreflang=\"x-default\" href=\"{BASE}index.html\"")));
}

#[test]
fn without_a_base_url_links_are_relative_and_no_feeds_are_written() {
    let dir = site(true);
    let log = build(dir.path(), &[]);
    assert!(log.contains("base_url"), "{log}");
    assert!(!dir.path().join("public/sitemap.xml").exists());
    assert!(!dir.path().join("public/en/feed.xml").exists());
    let page = published(dir.path(), "en/wikimedia-clinic-006/index.html");
    assert!(
        page.contains("<link rel=\"canonical\" href=\"../../en/wikimedia-clinic-006/index.html\">")
    );
    assert!(!page.contains("og:url"));
    assert!(!page.contains("application/atom+xml"));
}

#[test]
fn a_bad_base_url_is_refused() {
    let dir = site(true);
    let output = heptaglot(dir.path(), &["build", "--base-url", "javascript:alert(1)"]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("not an http(s) address"),
        "{}",
        stderr(&output)
    );
    std::fs::write(
        dir.path().join("heptaglot.toml"),
        "base_url = \"https://x.org/\\\"><script>\"\n",
    )
    .unwrap();
    let output = heptaglot(dir.path(), &["build"]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("heptaglot.toml:1"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn each_language_has_an_atom_feed_of_its_digests_newest_first() {
    let dir = series_site();
    build(dir.path(), &["--base-url", BASE]);
    for lang in LANGS {
        let text = published(dir.path(), &format!("{lang}/feed.xml"));
        let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{lang}: {e}"));
        let feed = doc.root_element();
        assert_eq!(
            feed.tag_name().namespace(),
            Some("http://www.w3.org/2005/Atom")
        );
        assert_eq!(
            feed.attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
            Some(lang)
        );
        let entries: Vec<_> = feed
            .children()
            .filter(|n| n.has_tag_name("entry"))
            .collect();
        assert_eq!(entries.len(), 6, "{lang}");
        let dates: Vec<&str> = entries
            .iter()
            .map(|e| {
                e.children()
                    .find(|n| n.has_tag_name("updated"))
                    .and_then(|n| n.text())
                    .unwrap()
            })
            .collect();
        let mut sorted = dates.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        assert_eq!(dates, sorted, "{lang}");
        // Every entry has the elements RFC 4287 requires, with an absolute id.
        for entry in &entries {
            for name in ["title", "id", "updated", "link", "summary"] {
                assert!(
                    entry.children().any(|n| n.has_tag_name(name)),
                    "{lang}: {name}"
                );
            }
            let id = entry
                .children()
                .find(|n| n.has_tag_name("id"))
                .and_then(|n| n.text())
                .unwrap();
            assert!(
                id.starts_with(BASE) && id.contains(&format!("/{lang}/")),
                "{id}"
            );
        }
    }
    // The feed is in its language: titles of the Spanish feed are the Spanish titles.
    let es = published(dir.path(), "es/feed.xml");
    assert!(
        es.contains("<title>Clínica Wikimedia n.º\u{a0}006</title>"),
        "{es}"
    );
    // An untranslated title says which language it is in.
    assert!(
        es.contains("<title xml:lang=\"en\">Iberoconf 2023: Saturday program sessions</title>"),
        "{es}"
    );
}

#[test]
fn the_sitemap_lists_every_page_with_its_language_alternates() {
    let dir = series_site();
    build(dir.path(), &["--base-url", BASE]);
    let text = published(dir.path(), "sitemap.xml");
    let doc = roxmltree::Document::parse(&text).unwrap();
    let urls: Vec<_> = doc
        .root_element()
        .children()
        .filter(|n| n.has_tag_name("url"))
        .collect();
    // The root, then per language its index, 4 series pages and 6 digests.
    assert_eq!(urls.len(), 1 + LANGS.len() * (1 + 4 + 6));
    let locs: Vec<&str> = urls
        .iter()
        .map(|u| {
            u.children()
                .find(|n| n.has_tag_name("loc"))
                .and_then(|n| n.text())
                .unwrap()
        })
        .collect();
    for lang in LANGS {
        let loc = format!("{BASE}{lang}/hours-002/index.html");
        let url = urls[locs.iter().position(|l| *l == loc).expect("listed")];
        let alternates: Vec<(&str, &str)> = url
            .children()
            .filter(|n| n.has_tag_name("link"))
            .map(|n| {
                (
                    n.attribute("hreflang").unwrap(),
                    n.attribute("href").unwrap(),
                )
            })
            .collect();
        assert_eq!(alternates.len(), LANGS.len() + 1, "{lang}");
        assert!(alternates.contains(&("ar", &*format!("{BASE}ar/hours-002/index.html"))));
        assert!(alternates.contains(&("x-default", &*format!("{BASE}en/hours-002/index.html"))));
    }
    assert!(
        !locs.iter().any(|l| l.contains("/search/")),
        "search pages stay out"
    );
}

#[test]
fn the_error_page_speaks_every_language_and_works_at_any_depth() {
    let dir = site(true);
    build(dir.path(), &[]);
    let page = published(dir.path(), "404.html");
    assert!(page.contains("<meta name=\"robots\" content=\"noindex\">"));
    assert!(
        page.contains("<link rel=\"stylesheet\" href=\"/style.css\">"),
        "{page}"
    );
    for (lang, title) in [
        ("en", "Page not found"),
        ("es", "Página no encontrada"),
        ("fr", "Page introuvable"),
        ("ar", "الصفحة غير موجودة"),
        ("de", "Seite nicht gefunden"),
        ("zh-Hans", "找不到页面"),
        ("ru", "Страница не найдена"),
    ] {
        assert!(page.contains(title), "{lang}");
        assert!(
            page.contains(&format!("href=\"/{lang}/index.html\"")),
            "{lang}"
        );
    }
    assert!(page.contains("lang=\"ar\" dir=\"rtl\""));
    build(dir.path(), &["--base-url", BASE]);
    let page = published(dir.path(), "404.html");
    assert!(
        page.contains(&format!("href=\"{BASE}style.css\"")),
        "{page}"
    );
}

#[test]
fn the_root_page_links_every_language_by_its_own_name_without_needing_javascript() {
    let dir = site(true);
    build(dir.path(), &[]);
    let root = published(dir.path(), "index.html");
    for (lang, autonym) in [
        ("en", "English"),
        ("es", "Español"),
        ("fr", "Français"),
        ("ar", "العربية"),
        ("zh-Hans", "中文（简体）"),
        ("de", "Deutsch"),
        ("ru", "Русский"),
    ] {
        assert!(
            root.contains(&format!(
                "<a href=\"{lang}/index.html\" hreflang=\"{lang}\">{autonym}</a>"
            )),
            "{lang}"
        );
    }
    assert!(root.contains("<script src=\"choose-language.js\" defer></script>"));
    let script = published(dir.path(), "choose-language.js");
    assert!(
        script.contains("navigator.languages") && !script.contains("location"),
        "suggests, never redirects"
    );
    // Every other page leads back to its language's index and to the root.
    let page = published(dir.path(), "ru/wikimedia-clinic-006/index.html");
    assert!(page.contains("<a class=\"site-title\" href=\"../../ru/index.html\">"));
    assert!(page.contains("<a href=\"../../index.html\">Все языки</a>"));
}

#[test]
fn the_output_does_not_depend_on_the_number_of_threads() {
    let dir = series_site();
    let clinic =
        std::fs::read_to_string(dir.path().join("digests/wikimedia-clinic-006.yaml")).unwrap();
    // Enough digests that two threads share the work of each language.
    for n in 0..12 {
        std::fs::write(
            dir.path().join(format!("digests/copy-{n:02}.yaml")),
            clinic
                .replace("Clinic #006\"", &format!("Clinic #{:03}\"", 100 + n))
                .replace("2020-07-16", &format!("2020-08-{:02}", n + 1))
                .replace("slug: wikimedia-clinic-006", &format!("slug: copy-{n:02}")),
        )
        .unwrap();
    }
    let trees: Vec<_> = ["1", "2", "3"]
        .iter()
        .map(|threads| {
            let out = format!("out-{threads}");
            let output = Command::new(env!("CARGO_BIN_EXE_heptaglot"))
                .arg("--root")
                .arg(dir.path())
                .args(["build", "--base-url", BASE, "--out", &out])
                .env("RAYON_NUM_THREADS", threads)
                .output()
                .unwrap();
            assert!(output.status.success(), "{}", stderr(&output));
            snapshot(&dir.path().join(out))
        })
        .collect();
    assert!(trees[0].len() > 12 * 7 * 2, "{}", trees[0].len());
    for tree in &trees[1..] {
        assert_eq!(trees[0].len(), tree.len());
        for ((path, a), (other, b)) in trees[0].iter().zip(tree) {
            assert_eq!(path, other);
            assert!(a == b, "{path} differs with another number of threads");
        }
    }
}

#[test]
fn the_configured_title_and_languages_shape_every_page_and_feed() {
    let dir = site(true);
    std::fs::write(
        dir.path().join("heptaglot.toml"),
        "title = \"Wikimedia call digests\"\nbase_url = \"https://digests.example.org\"\nlanguages = [\"ar\", \"en\"]\n",
    )
    .unwrap();
    build(dir.path(), &[]);
    let page = published(dir.path(), "ar/wikimedia-clinic-006/index.html");
    assert!(page.contains("· Wikimedia call digests</title>"), "{page}");
    assert!(page.contains("<meta property=\"og:site_name\" content=\"Wikimedia call digests\">"));
    assert_eq!(
        page.matches("<link rel=\"alternate\" hreflang=").count(),
        3,
        "ar, en, x-default"
    );
    assert!(published(dir.path(), "en/feed.xml").contains("<title>Wikimedia call digests</title>"));
    assert!(!dir.path().join("public/fr").exists());
    let sitemap = published(dir.path(), "sitemap.xml");
    assert!(sitemap.contains("https://digests.example.org/ar/index.html"));
    assert!(!sitemap.contains("/fr/"));
}

#[test]
fn a_digest_slugged_index_would_replace_the_index_markdown_and_is_refused() {
    let dir = site(false);
    std::fs::write(
        dir.path().join("digests/index.yaml"),
        common::notes("slug: index\n"),
    )
    .unwrap();
    for command in ["build", "check"] {
        let output = heptaglot(dir.path(), &[command]);
        assert!(!output.status.success(), "{command}");
        let errors = stderr(&output);
        assert!(errors.contains("digests/index.yaml"), "{errors}");
        assert!(errors.contains("slug `index`"), "{errors}");
    }
    assert!(!dir.path().join("public").exists(), "nothing written");
}
