//! `heptaglot build` writing MediaWiki wikitext: every digest in every language, with the
//! structure and anchors of the HTML pages, and nothing from the notes read as markup.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{heptaglot, notes, site, stderr};
use heptaglot::lang::Language;

const SLUGS: [&str; 3] = [
    "wikimedia-clinic-006",
    "affiliate-voices-012",
    "iberoconf-2023-sessions",
];

fn build(dir: &Path, args: &[&str]) {
    let output = heptaglot(dir, args);
    assert!(output.status.success(), "{}", stderr(&output));
}

fn build_examples() -> tempfile::TempDir {
    let dir = site(true);
    build(dir.path(), &["build"]);
    dir
}

fn read(dir: &tempfile::TempDir, path: &str) -> String {
    common::published(dir.path(), path)
}

fn wiki(dir: &tempfile::TempDir, lang: &str, slug: &str) -> String {
    read(dir, &format!("{lang}/{slug}.wiki"))
}

/// The values of `attribute="…"` in `text` that start with `prefix`.
fn ids(text: &str, attribute: &str, prefix: &str) -> Vec<String> {
    let needle = format!("{attribute}=\"{prefix}");
    text.match_indices(&needle)
        .filter_map(|(i, _)| {
            let rest = &text[i + attribute.len() + 2..];
            rest.split('"').next().map(str::to_string)
        })
        .collect()
}

#[test]
fn every_digest_has_a_wikitext_version_in_every_language() {
    let dir = build_examples();
    for slug in SLUGS {
        for lang in Language::ALL {
            let page = wiki(&dir, lang.code(), slug);
            assert!(page.starts_with(if lang.dir() == "rtl" {
                "<div lang=\"ar\" dir=\"rtl\">\n''"
            } else {
                "''"
            }));
            assert_eq!(page.trim_end().ends_with("</div>"), lang.dir() == "rtl");
            // Meta-Wiki pages have their own title, and build their own contents.
            assert!(!page.contains("\n= "), "{slug} {lang}");
            assert!(
                page.contains("<span id=\"topic-1\"></span>\n== "),
                "{slug} {lang}"
            );
        }
    }
}

#[test]
fn topics_are_level_two_headings_in_order() {
    let dir = build_examples();
    let en = wiki(&dir, "en", "wikimedia-clinic-006");
    let headings: Vec<&str> = en.lines().filter(|l| l.starts_with("== ")).collect();
    assert_eq!(
        headings,
        [
            "== Topic 1: Introduction ==",
            "== Topic 2: Impact of the pandemic on affiliates ==",
            "== Topic 3: Needed support from the Foundation ==",
        ]
    );
    for slug in SLUGS {
        for lang in Language::ALL {
            let page = wiki(&dir, lang.code(), slug);
            let topics: Vec<String> = page
                .split("<span id=\"")
                .skip(1)
                .filter_map(|s| s.split_once("\"></span>\n== "))
                .map(|(id, _)| id.to_string())
                .collect();
            let expected: Vec<String> = (1..=topics.len()).map(|n| format!("topic-{n}")).collect();
            assert!(!topics.is_empty(), "{slug} {lang}");
            assert_eq!(topics, expected, "{slug} {lang}");
        }
    }
}

#[test]
fn anchors_match_the_html_pages() {
    let dir = build_examples();
    for slug in SLUGS {
        for lang in Language::ALL {
            let html = read(&dir, &format!("{}/{slug}/index.html", lang.code()));
            let page = wiki(&dir, lang.code(), slug);
            // `-heading` ids only label HTML sections for screen readers.
            let html_topics: BTreeSet<String> = ids(&html, "id", "topic-")
                .into_iter()
                .filter(|id| !id.ends_with("-heading"))
                .collect();
            let wiki_topics: BTreeSet<String> = ids(&page, "id", "topic-").into_iter().collect();
            assert_eq!(wiki_topics, html_topics, "{slug} {lang}");
            let html_ids: BTreeSet<String> = ids(&html, "id", "").into_iter().collect();
            for id in ids(&page, "id", "") {
                assert!(
                    html_ids.contains(&id),
                    "{slug} {lang}: #{id} not on the HTML page"
                );
            }
        }
    }
}

#[test]
fn points_nest_to_any_depth() {
    let dir = build_examples();
    let en = wiki(&dir, "en", "wikimedia-clinic-006");
    // Points are found by their text: an anchor stands only where a link needs one.
    let line = |text: &str| {
        en.lines()
            .find(|l| l.contains(text))
            .unwrap_or_else(|| panic!("no line with {text}"))
            .to_string()
    };
    assert!(line("Claudia from Wikimedia Mexico:").starts_with("* '''"));
    assert!(line("Since March we have adapted").starts_with("** "));
    // A reply to a reply, and a sub-point of a sub-point: both at depth 2.
    assert!(line("I brought it up as a recurring theme").starts_with("*** '''A volunteer:''' "));
    assert!(line("We position ourselves as an open space").starts_with("*** We position"));
    assert!(!en.contains("<span id=\"pandemic-claudia\">"), "{en}");

    // Deeper than any example: replies twelve levels down.
    const DEPTH: usize = 12;
    let mut points = String::new();
    for level in 1..=DEPTH {
        let pad = "  ".repeat(2 * level + 1);
        let key = if level == 1 { "points" } else { "replies" };
        points.push_str(&format!(
            "{}{key}:\n{pad}- id: deep-{level}\n{pad}  text: Level {level}.\n",
            &pad[2..]
        ));
    }
    let dir = site(false);
    std::fs::write(
        dir.path().join("digests/deep.yaml"),
        notes(&format!("topics:\n  - title: Deep\n{points}")),
    )
    .unwrap();
    build(dir.path(), &["build", "--format", "wikitext"]);
    let deep = wiki(&dir, "en", "deep");
    for level in 1..=DEPTH {
        let line = deep
            .lines()
            .find(|l| l.contains(&format!("Level {level}.")))
            .unwrap_or_else(|| panic!("no line for level {level}: {deep}"));
        assert!(
            line.starts_with(&format!("{} Level", "*".repeat(level))),
            "level {level}: {line}"
        );
    }
}

#[test]
fn the_english_clinic_matches_its_snapshot() {
    let dir = build_examples();
    insta::assert_snapshot!(
        "clinic-006-en.wiki",
        wiki(&dir, "en", "wikimedia-clinic-006")
    );
}

#[test]
fn untranslated_content_keeps_its_language_inside_a_right_to_left_page() {
    let dir = build_examples();
    let ar = wiki(&dir, "ar", "wikimedia-clinic-006");
    assert!(ar.starts_with("<div lang=\"ar\" dir=\"rtl\">\n"), "{ar}");
    // A point not yet translated into Arabic is shown in English, in its own span, with a note.
    let fallback = ar
        .lines()
        .find(|l| l.contains("Since March we have adapted"))
        .expect("the point is on the page");
    assert!(
        fallback.contains("<span lang=\"en\" dir=\"ltr\">Since March we have adapted"),
        "{fallback}"
    );
    assert!(fallback.ends_with("]''"), "{fallback}");
    // A translated heading carries no foreign span.
    assert!(ar.contains("=== مبادئ موجزة ==="), "{ar}");
    let en = wiki(&dir, "en", "wikimedia-clinic-006");
    assert!(!en.contains("<div"), "{en}");
    // The autonym in its language; its completeness in the page's, as in the language bar.
    assert!(
        en.contains("<span lang=\"ar\" dir=\"rtl\">العربية</span> (18%)"),
        "{en}"
    );
}

#[test]
fn a_wikitext_build_writes_only_wikitext() {
    let dir = site(true);
    build(dir.path(), &["build", "--format", "wikitext"]);
    let public = dir.path().join("public");
    let mut count = 0;
    for entry in walkdir::WalkDir::new(&public) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        // The output marker and the incremental-build cache.
        if name == ".heptaglot-output" || name == ".heptaglot-cache" {
            continue;
        }
        assert!(name.ends_with(".wiki"), "{}", entry.path().display());
        count += 1;
    }
    assert_eq!(count, SLUGS.len() * Language::ALL.len());
}

#[test]
fn nothing_in_the_notes_becomes_markup() {
    let dir = site(false);
    let extra = r#"title: "{{subst:Welcome}} [[Main Page]] ~~~~"
slug: hostile
intro: "<script>alert(1)</script> __NOTOC__ ''x'' {| class=x"
links:
  - title: "[[Evil]] {{tpl}}"
    url: "https://example.org/?a=[1]&b={{x}}"
people:
  eve:
    name: "Eve ''{{x}}''"
topics:
  - title: "== Not a heading == [[Category:Spam]]"
    points:
      - speaker: eve
        text: |
          Ideas:

          - one {{x}}
          - two [click](javascript:alert(1))
        editor_note: "checked by ~~~"
        replies:
          - speaker: eve
            text: |
              \* not a list

              \= not a heading =
            replies:
              - speaker: eve
                text: "\\----"
"#;
    std::fs::write(dir.path().join("digests/hostile.yaml"), notes(extra)).unwrap();
    build(dir.path(), &["build", "--format", "wikitext"]);
    let public = dir.path().join("public");
    for lang in Language::ALL {
        let page = std::fs::read_to_string(public.join(lang.code()).join("hostile.wiki")).unwrap();
        for bad in [
            "{{",
            "}}",
            "[[",
            "<script",
            "~~~",
            "__NOTOC__",
            "''x''",
            "javascript:",
            "{|",
        ] {
            assert!(!page.contains(bad), "{lang}: {bad:?} in\n{page}");
        }
        assert!(
            page.contains("[https://example.org/?a=%5B1%5D&amp;b=%7B%7Bx%7D%7D &#91;&#91;Evil"),
            "{page}"
        );
    }
    let en = std::fs::read_to_string(public.join("en/hostile.wiki")).unwrap();
    let lines: Vec<&str> = en.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.starts_with("* '''Eve"))
        .unwrap_or_else(|| panic!("{en}"));
    assert_eq!(
        &lines[start..start + 6],
        [
            "* '''Eve &#39;&#39;&#123;&#123;x&#125;&#125;&#39;&#39;:''' Ideas:",
            "** one &#123;&#123;x&#125;&#125;",
            "** two click",
            "*: ''(Editor's note: checked by &#126;&#126;&#126;)''",
            "** '''Eve &#39;&#39;&#123;&#123;x&#125;&#125;&#39;&#39;:''' &#42; not a list<br />&#61; not a heading &#61;",
            "*** '''Eve &#39;&#39;&#123;&#123;x&#125;&#125;&#39;&#39;:''' &#45;---",
        ],
        "{en}"
    );
}
