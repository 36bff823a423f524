//! Offline search on the example site: the index of every language, the search page, the
//! script, and the search field in the header, as `heptaglot build` writes them.

mod common;

use common::{heptaglot, site, stderr};
use heptaglot::lang::Language;
use serde_json::Value;

fn build_examples() -> tempfile::TempDir {
    let dir = site(true);
    let output = heptaglot(dir.path(), &["build"]);
    assert!(output.status.success(), "{}", stderr(&output));
    dir
}

fn read(dir: &tempfile::TempDir, path: &str) -> String {
    common::published(dir.path(), path)
}

fn index(dir: &tempfile::TempDir, lang: &str) -> Value {
    let json = read(dir, &format!("search/{lang}.json"));
    serde_json::from_str(&json).unwrap_or_else(|e| panic!("search/{lang}.json: {e}"))
}

fn has_term(index: &Value, term: &str) -> bool {
    index["terms"].get(term).is_some()
}

#[test]
fn every_language_has_a_valid_index_and_a_search_page() {
    let dir = build_examples();
    for lang in Language::ALL {
        let code = lang.code();
        let index = index(&dir, code);
        assert_eq!(index["v"], 1, "{code}");
        let pages = index["pages"].as_array().expect("pages");
        let docs = index["docs"].as_array().expect("docs");
        assert_eq!(pages.len(), 3, "{code}: one page per example digest");
        assert!(docs.len() > pages.len(), "{code}: passages of every topic");
        for page in pages {
            let url = page[0].as_str().expect("page url");
            assert!(url.starts_with(&format!("{code}/")), "{url}");
            assert!(
                dir.path().join("public").join(url).is_file(),
                "{url} exists"
            );
        }
        // Every posting points at a passage.
        for postings in index["terms"].as_object().expect("terms").values() {
            for posting in postings.as_array().expect("postings") {
                let doc = posting.as_u64().expect("number") / 2;
                assert!((doc as usize) < docs.len(), "{code}: {doc}");
            }
        }
        let page = read(&dir, &format!("{code}/search/index.html"));
        assert!(
            page.contains(&format!("<html lang=\"{code}\" dir=\"{}\">", lang.dir())),
            "{code}"
        );
        assert!(page.contains(&format!("data-index=\"../../search/{code}.json\"")));
        assert!(page.contains("<script src=\"../../search.js\" defer></script>"));
        assert!(page.contains("<noscript>"), "{code}");
        assert!(page.contains("data-results-other="), "{code}");
    }
    assert!(read(&dir, "ar/search/index.html").contains("<html lang=\"ar\" dir=\"rtl\">"));
    let script = read(&dir, "search.js");
    assert!(script.contains("textContent"));
    assert!(!script.contains("innerHTML"));
}

#[test]
fn the_english_index_finds_the_words_of_the_examples_without_their_accents() {
    let dir = build_examples();
    let en = index(&dir, "en");
    // "Wikimedia México", "Bogotá", "Côte d'Ivoire", "club Wikipédia" in the notes.
    for term in [
        "mexico",
        "bogota",
        "cote",
        "ivoire",
        "wikipedia",
        "clinic",
        "volunteers",
    ] {
        assert!(has_term(&en, term), "{term}");
    }
    for term in ["méxico", "México", "bogotá"] {
        assert!(!has_term(&en, term), "{term} is folded");
    }
}

#[test]
fn chinese_and_arabic_indexes_hold_folded_tokens_of_their_pages() {
    let dir = build_examples();
    // The localized topic headings ("议题1：…") and opening sentences are Chinese and
    // Arabic even while the discussion itself is shown in English.
    let zh = index(&dir, "zh-Hans");
    for term in ["议", "议题", "题", "摘要"] {
        assert!(has_term(&zh, term), "zh-Hans: {term}");
    }
    let ar = index(&dir, "ar");
    let arabic_terms: Vec<&String> = ar["terms"]
        .as_object()
        .expect("terms")
        .keys()
        .filter(|t| t.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)))
        .collect();
    assert!(arabic_terms.len() > 10, "{arabic_terms:?}");
    for term in &arabic_terms {
        assert!(
            !term.contains(['أ', 'إ', 'آ', 'ٱ', 'ى', 'ة', '\u{0640}']),
            "{term} is normalized"
        );
        assert!(
            !term.chars().any(|c| ('\u{064B}'..='\u{065F}').contains(&c)),
            "{term} has no tashkeel"
        );
    }
    // Each word with an article is also indexed without it.
    for term in &arabic_terms {
        if let Some(stem) = term.strip_prefix("ال").filter(|s| s.chars().count() >= 2) {
            assert!(has_term(&ar, stem), "{term} without its article");
        }
    }
}

#[test]
fn every_page_in_a_language_has_a_search_field_leading_to_its_search_page() {
    let dir = build_examples();
    let digest = read(&dir, "fr/wikimedia-clinic-006/index.html");
    assert!(digest.contains(
        "<form class=\"site-search\" role=\"search\" action=\"../../fr/search/index.html\">"
    ));
    assert!(digest.contains("name=\"q\""));
    assert!(digest.contains("<label class=\"visually-hidden\" for=\"site-search-q\">"));
    let index = read(&dir, "ar/index.html");
    assert!(index.contains("action=\"../ar/search/index.html\""));
    // The search page has its own form only; the root page, in no one language, has none.
    let page = read(&dir, "de/search/index.html");
    assert_eq!(page.matches("role=\"search\"").count(), 1);
    assert!(!read(&dir, "index.html").contains("role=\"search\""));
}

#[test]
fn plural_messages_cover_every_category_of_russian_and_arabic() {
    let dir = build_examples();
    let ru = read(&dir, "ru/search/index.html");
    for category in ["one", "few", "many", "other"] {
        assert!(
            ru.contains(&format!("data-results-{category}=")),
            "ru {category}"
        );
    }
    assert!(ru.contains("data-results-many=\"Найдено {count} результатов\""));
    let ar = read(&dir, "ar/search/index.html");
    for category in ["zero", "one", "two", "few", "many", "other"] {
        assert!(
            ar.contains(&format!("data-results-{category}=")),
            "ar {category}"
        );
    }
    let zh = read(&dir, "zh-Hans/search/index.html");
    assert_eq!(zh.matches("data-results-").count(), 1);
}

#[test]
fn markdown_only_builds_write_no_search() {
    let dir = site(true);
    let output = heptaglot(dir.path(), &["build", "--format", "md"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let public = dir.path().join("public");
    assert!(!public.join("search").exists());
    assert!(!public.join("search.js").exists());
    assert!(!public.join("en/search").exists());
}

#[test]
fn a_digest_slugged_search_would_replace_the_search_page_and_is_refused_by_build_and_check() {
    let dir = site(false);
    std::fs::write(
        dir.path().join("digests/search.yaml"),
        common::notes("slug: search\n"),
    )
    .unwrap();
    let output = heptaglot(dir.path(), &["build"]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("slug `search`"),
        "{}",
        stderr(&output)
    );
    assert!(!dir.path().join("public").exists(), "nothing written");
    let output = heptaglot(dir.path(), &["check"]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("digests/search.yaml"),
        "{}",
        stderr(&output)
    );
}
