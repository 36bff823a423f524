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

/// The split index of `lang` put back together: `pages` ([url, title]) and `docs` ([page,
/// anchor, section, snippet]) in page order from its passage tables, and `terms` from all
/// its postings files, decoded to (page << bits | passage) * 2 + heading.
fn index(dir: &tempfile::TempDir, lang: &str) -> Value {
    let folder = dir.path().join("public/search").join(lang);
    let json = |path: &std::path::Path| -> Value {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path:?}: {e}"))
    };
    let manifest = json(&folder.join("index.json"));
    let chunk = manifest["chunk"].as_u64().expect("chunk") as usize;
    let pages_count = manifest["pages"].as_u64().expect("pages") as usize;
    let (mut pages, mut docs) = (Vec::new(), Vec::new());
    for k in 0..pages_count.div_ceil(chunk) {
        for page in json(&folder.join(format!("d/{k}.json")))
            .as_array()
            .expect("chunk")
        {
            for passage in page[2].as_array().expect("passages") {
                docs.push(serde_json::json!([
                    pages.len(),
                    passage[0],
                    passage[1],
                    passage[2]
                ]));
            }
            pages.push(serde_json::json!([page[0], page[1]]));
        }
    }
    let mut terms = serde_json::Map::new();
    for entry in std::fs::read_dir(folder.join("t")).expect("postings files") {
        for (term, deltas) in json(&entry.expect("entry").path())
            .as_object()
            .expect("shard")
        {
            let mut sum = 0;
            let postings: Vec<u64> = deltas
                .as_array()
                .expect("postings")
                .iter()
                .map(|d| {
                    sum += d.as_u64().expect("number");
                    sum
                })
                .collect();
            assert!(
                terms.insert(term.clone(), postings.into()).is_none(),
                "{term} twice"
            );
        }
    }
    serde_json::json!({"v": manifest["v"], "bits": manifest["bits"], "pages": pages, "docs": docs, "terms": terms})
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
        assert_eq!(index["v"], 2, "{code}");
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
        // Every posting points at a passage: pages are numbered from the oldest (the order
        // of the passage tables), passages from each page's opening.
        let bits = index["bits"].as_u64().expect("bits");
        for postings in index["terms"].as_object().expect("terms").values() {
            for posting in postings.as_array().expect("postings") {
                let key = posting.as_u64().expect("number") / 2;
                let page = (key >> bits) as usize;
                let passage = (key & ((1 << bits) - 1)) as usize;
                let count = docs.iter().filter(|d| d[0] == page).count();
                assert!(passage < count, "{code}: {key}");
            }
        }
        let page = read(&dir, &format!("{code}/search/index.html"));
        assert!(
            page.contains(&format!("<html lang=\"{code}\" dir=\"{}\">", lang.dir())),
            "{code}"
        );
        assert!(page.contains(&format!("data-index=\"../../search/{code}/index.json\"")));
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

/// The example digests copied `copies` times under new slugs (with their translations), in
/// a site publishing English and Chinese only.
fn archive(copies: usize) -> tempfile::TempDir {
    let dir = site(false);
    std::fs::write(
        dir.path().join("heptaglot.toml"),
        "title = \"Archive\"\nlanguages = [\"en\", \"zh-Hans\"]\n",
    )
    .unwrap();
    let repo = common::repo();
    for entry in std::fs::read_dir(repo.join("digests")).unwrap() {
        let path = entry.unwrap().path();
        let slug = path.file_stem().unwrap().to_str().unwrap().to_string();
        let notes = std::fs::read_to_string(&path).unwrap();
        for n in 0..copies {
            let copy = format!("{slug}-{n:03}");
            std::fs::write(
                dir.path().join(format!("digests/{copy}.yaml")),
                notes.replace(&format!("slug: {slug}"), &format!("slug: {copy}")),
            )
            .unwrap();
            for lang in Language::ALL {
                let translation = repo.join(format!("locales/{}/digests/{slug}.yaml", lang.code()));
                if let Ok(text) = std::fs::read_to_string(&translation) {
                    std::fs::write(
                        dir.path()
                            .join(format!("locales/{}/digests/{copy}.yaml", lang.code())),
                        // A translation names its digest; one naming another stops the build.
                        text.replace(&format!("digest: {slug}\n"), &format!("digest: {copy}\n")),
                    )
                    .unwrap();
                }
            }
        }
        for lang in Language::ALL {
            std::fs::remove_file(
                dir.path()
                    .join(format!("locales/{}/digests/{slug}.yaml", lang.code())),
            )
            .ok();
        }
    }
    dir
}

#[test]
fn a_large_archive_is_split_into_small_files_that_answer_as_one_whole_index() {
    use heptaglot::render::ViewBuilder;
    use heptaglot::search::{SHARD_BYTES, SearchIndex, SplitIndex, docs_from_digest};
    use heptaglot::site::{Layout, Site, pages::digest_view};

    let dir = archive(100);
    let output = heptaglot(dir.path(), &["build", "--format", "html"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let site = Site::load(&Layout::new(dir.path()));
    assert_eq!(site.digests.len(), 300);
    for (lang, queries) in [
        (
            Language::En,
            &[
                "mexico",
                "pandemic",
                "volunteers from",
                "w",
                "wi",
                "wikimedia m",
                "bogot",
                "zzz",
            ][..],
        ),
        (
            Language::ZhHans,
            &["墨西哥", "议题", "摘要", "媒", "wiki", "议题 w"][..],
        ),
    ] {
        let code = lang.code();
        let folder = dir.path().join("public/search").join(code);
        let mut total = 0;
        let mut count = 0;
        for entry in walkdir::WalkDir::new(&folder) {
            let entry = entry.unwrap();
            if entry.file_type().is_file() {
                let size = entry.metadata().unwrap().len() as usize;
                assert!(size <= SHARD_BYTES, "{:?}: {size} bytes", entry.path());
                total += size;
                count += 1;
            }
        }
        assert!(count > 20, "{code}: {count} files");
        // The whole index, as one, from the same passages.
        let builder = ViewBuilder::new(&site.localizer, lang, &site.translations.glossary)
            .with_config(&site.config);
        let docs: Vec<_> = site
            .digests
            .iter()
            .flat_map(|d| {
                let url = format!("{code}/{}/index.html", d.slug);
                docs_from_digest(&digest_view(&site, &builder, d, Vec::new()), &url)
            })
            .collect();
        let whole = SearchIndex::build(&docs);
        for query in queries {
            let expected: Vec<String> = whole
                .search(query)
                .into_iter()
                .map(|d| docs[d].url.clone())
                .collect();
            // What the page fetches: the manifest, the postings files of the query's terms
            // and the passage tables of the first 10 results.
            let fetched = std::cell::RefCell::new(0usize);
            let mut split = SplitIndex::open(|path: &str| {
                let text = std::fs::read_to_string(folder.join(path)).map_err(|e| e.to_string())?;
                *fetched.borrow_mut() += text.len();
                Ok(text)
            })
            .expect("the manifest");
            let keys = split.search(query).expect("searches");
            let mut got = Vec::new();
            for (i, &key) in keys.iter().enumerate() {
                got.push(split.passage(key).expect("a passage").url);
                if i + 1 == keys.len().min(10) {
                    let used = *fetched.borrow();
                    if query.chars().count() > 1 {
                        assert!(
                            used * 4 < total,
                            "{code} {query:?}: {used} of {total} bytes"
                        );
                    }
                    println!(
                        "{code} {query:?}: {} results, {used} of {total} bytes fetched",
                        keys.len()
                    );
                }
            }
            assert_eq!(got.len(), expected.len(), "{code} {query:?}");
            assert!(
                got == expected,
                "{code} {query:?}: the same passages in the same order"
            );
        }
    }
}

#[test]
fn every_topic_and_subsection_of_the_examples_is_a_passage() {
    use heptaglot::render::ViewBuilder;
    use heptaglot::render::view::SectionView;
    use heptaglot::search::{SearchDoc, SearchIndex, docs_from_digest};
    use heptaglot::site::{Layout, Site, pages::digest_view};

    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let site = Site::load(&Layout::new(&root));
    let builder = ViewBuilder::new(&site.localizer, Language::En, &site.translations.glossary);
    let mut count = 0;
    for digest in &site.digests {
        let view = digest_view(&site, &builder, digest, Vec::new());
        let url = format!("en/{}/index.html", digest.slug);
        let docs = docs_from_digest(&view, &url);
        assert_eq!(docs[0].url, url);
        assert!(docs[0].text.contains(&view.title), "{}", docs[0].text);
        fn anchors(section: &SectionView, out: &mut Vec<String>) {
            out.push(section.anchor.clone());
            for sub in &section.sections {
                anchors(sub, out);
            }
        }
        let mut expected = Vec::new();
        for topic in &view.topics {
            anchors(topic, &mut expected);
        }
        let got: Vec<String> = docs[1..]
            .iter()
            .map(|d| d.url.rsplit('#').next().unwrap_or("").to_string())
            .collect();
        assert_eq!(got, expected, "{}", digest.slug);
        count += docs.len();
    }
    assert!(count > 10, "{count}");
    let clinic: Vec<SearchDoc> = site
        .digests
        .iter()
        .flat_map(|d| {
            docs_from_digest(
                &digest_view(&site, &builder, d, Vec::new()),
                &format!("en/{}/", d.slug),
            )
        })
        .collect();
    let index = SearchIndex::build(&clinic);
    assert!(!index.search("mexico").is_empty());
    assert!(!index.search("bogota").is_empty());
}
