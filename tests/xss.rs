//! The OWASP XSS filter-evasion vectors (tests/fixtures/xss-vectors.txt) pushed through
//! every channel a note-taker or translator controls, built with the CLI as a publisher
//! builds, and every output checked by parsing it as its reader would
//! (tests/common/html.rs): nothing may reach a page, a Markdown or wikitext file, a feed,
//! the sitemap or a search index as something that runs.
//!
//! Channels: every text field of a notes file (series, title, intro, speakers' name,
//! team, affiliation and place, facilitators, link titles and addresses, recording, topic
//! and section titles and bodies, points, sub-points, replies two deep, questions,
//! answers, editor's notes, session details, prepared questions; Markdown links,
//! autolinks, reference links and images around the vector), the content translation
//! files of all six other languages, and Fluent messages of every language (as text, in a
//! string-literal placeable, in a term, and in the variants of a select expression).
//! Fields that must be ids (slug, people ids, point ids, languages) must be refused.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::html::{self, Allowed, read_tree, site_violations};
use common::xss::{marker, vector_site, vectors};
use common::{heptaglot, site, stderr, yaml_quoted};
use heptaglot::lang::Language;

const BASE: &str = "https://example.org/";

/// How many vectors go into one site: each is one digest, and a feed lists only the 50
/// newest digests, so that every vector reaches the feeds.
const PER_SITE: usize = 40;

fn build(root: &Path) -> Vec<(String, String)> {
    let output = heptaglot(root, &["build", "--base-url", BASE]);
    assert!(output.status.success(), "{}", stderr(&output));
    read_tree(&root.join("public"))
}

/// The text of every HTML page, Markdown file and feed, to look for markers in.
fn texts(files: &[(String, String)]) -> String {
    let mut all = String::new();
    for (path, contents) in files {
        if let Some(facts) = html::facts_of(path, contents) {
            all.push_str(&facts.text);
        } else {
            all.push_str(contents);
        }
        all.push('\n');
    }
    all
}

/// The clean twin of a vector site: the same kinds of page, with harmless words.
fn clean_allowed() -> Allowed {
    let dir = site(false);
    vector_site(
        dir.path(),
        0,
        &["Clean words".to_string(), "More words".to_string()],
    );
    Allowed::from_clean(&build(dir.path()))
}

#[test]
fn no_vector_in_notes_or_translations_reaches_a_reader_as_code() {
    let vectors = vectors();
    assert!(vectors.len() >= 100, "only {} vectors", vectors.len());
    let allowed = clean_allowed();
    let mut violations = Vec::new();
    let mut refused = Vec::new();
    let mut checked = 0;
    for (c, chunk) in vectors.chunks(PER_SITE).enumerate() {
        let first = c * PER_SITE;
        let t0 = std::time::Instant::now();
        let dir = site(false);
        refused.extend(vector_site(dir.path(), first, chunk));
        let t1 = std::time::Instant::now();
        let files = build(dir.path());
        let t2 = std::time::Instant::now();
        checked += files.len();
        for (path, _) in &files {
            if path.ends_with(".html") || path.ends_with(".md") {
                assert!(allowed.knows(path), "no clean page of the kind of {path}");
            }
        }
        violations.extend(site_violations(&files, &allowed, BASE));
        eprintln!(
            "site {c}: written in {:.1?}, built in {:.1?}, checked in {:.1?}",
            t1 - t0,
            t2 - t1,
            t2.elapsed()
        );
        // Every accepted vector reached its pages: in the notes' language and translated,
        // on HTML pages, Markdown and wikitext, in the feeds and the search index.
        let all = texts(&files);
        for n in first..first + chunk.len() {
            if refused.iter().any(|(r, _)| *r == n) {
                continue;
            }
            let page = |path: &str| {
                files
                    .iter()
                    .find(|(p, _)| p == path)
                    .map(|(p, c)| html::facts_of(p, c).map_or(c.clone(), |f| f.text))
                    .unwrap_or_else(|| panic!("{path} was not written"))
            };
            let slug = format!("text-{n:03}");
            let (m, t) = (marker(n), format!("xt{n:03}q"));
            assert!(
                page(&format!("en/{slug}/index.html")).contains(&m),
                "{m} in en html"
            );
            assert!(
                page(&format!("fr/{slug}/index.html")).contains(&t),
                "{t} in fr html"
            );
            let ar = page(&format!("ar/{slug}.md"));
            assert!(
                ar.contains(&t),
                "{t} in ar md: {}",
                &ar[..ar.len().min(3000)]
            );
            assert!(
                page(&format!("en/{slug}.wiki")).contains(&m),
                "{m} in en wiki"
            );
            assert!(page("fr/feed.xml").contains(&t), "{t} in the fr feed");
            assert!(
                files
                    .iter()
                    .any(|(p, c)| p.starts_with("search/ar/") && c.contains(&t)),
                "{t} in the ar index"
            );
            assert!(all.contains(&m));
        }
    }
    for (n, why) in &refused {
        eprintln!(
            "vector {n} refused by check in text fields: {}",
            why.chars().take(160).collect::<String>()
        );
    }
    eprintln!(
        "{} vectors, {} refused in text fields, {checked} files checked",
        vectors.len(),
        refused.len()
    );
    // A refused vector reaches no page, so it proves nothing here. Text fields take any text
    // but the characters no text may hold (control characters, bidi overrides, open
    // isolates: `heptaglot::text`), and those vectors must be refused; of the others, a few
    // refusals at most are allowed.
    let by_design = |n: usize| heptaglot::text::first_unsafe(&vectors[n]).is_some();
    for n in (0..vectors.len()).filter(|&n| by_design(n)) {
        assert!(
            refused.iter().any(|(r, _)| *r == n),
            "vector {n} holds a character no text may hold, yet check accepted it"
        );
    }
    let unexpected: Vec<_> = refused.iter().filter(|(n, _)| !by_design(*n)).collect();
    assert!(
        unexpected.len() * 50 <= vectors.len(),
        "{} of {} vectors refused in text fields: {unexpected:?}",
        unexpected.len(),
        vectors.len()
    );
    assert!(violations.is_empty(), "{}", violations.join("\n"));
}

/// A valid notes file whose id fields are the placeholders `LANGS`, `WRITTEN`, `SLUG`,
/// `ZONE`, `TIME`, `PERSON` (a people key, and the speaker naming it), `TOPIC` and `POINT`.
const ID_NOTES: &str = "series: S\ntitle: T\ndate: 2021-01-01\nheld_in: [LANGS]\nwritten_in: WRITTEN\n\
    slug: SLUG\ntimezone: ZONE\ntime: TIME\npeople:\n  PERSON: {name: Ana}\ntopics:\n  - id: TOPIC\n    \
    title: T\n    points:\n      - id: POINT\n        speaker: PERSON\n        text: x\n";

/// Each id field: its placeholder, its valid value, and the field a refusal names.
const ID_FIELDS: [(&str, &str, &str); 8] = [
    ("LANGS", "es", "held_in"),
    ("WRITTEN", "en", "written_in"),
    ("SLUG", "ok", "slug"),
    ("ZONE", "Europe/Madrid", "timezone"),
    ("TIME", "\"10:00\"", "time"),
    ("PERSON", "ana", "people"),
    ("TOPIC", "topic", "topics[0].id"),
    ("POINT", "point", "topics[0].points[0].id"),
];

#[test]
fn fields_that_are_ids_refuse_every_vector() {
    // One field at a time carries the vector, the others are valid: a refusal must come
    // from that field, and name it.
    let with = |vector_in: Option<(&str, &str)>| {
        let mut notes = ID_NOTES.to_string();
        for (placeholder, valid, _) in ID_FIELDS {
            let value = match vector_in {
                Some((p, v)) if p == placeholder => yaml_quoted(v),
                _ => valid.to_string(),
            };
            notes = notes.replace(placeholder, &value);
        }
        heptaglot::notes::load_str(&notes, Path::new("digests/x.yaml"), "x")
    };
    if let Err(problems) = with(None) {
        panic!("the valid notes are refused: {problems:?}");
    }
    let vectors = vectors();
    let mut refused = 0;
    for (placeholder, _, field) in ID_FIELDS {
        for (n, v) in vectors.iter().enumerate() {
            let problems = with(Some((placeholder, v)))
                .err()
                .unwrap_or_else(|| panic!("vector {n} accepted as {field}: {v:?}"));
            let fields: BTreeSet<String> =
                problems.iter().filter_map(|p| p.field.clone()).collect();
            assert!(
                fields.iter().any(|f| f.starts_with(field)),
                "vector {n} in {field}: the problems name {fields:?}: {problems:?}"
            );
            refused += 1;
        }
    }
    assert_eq!(refused, ID_FIELDS.len() * vectors.len());
}

/// `text` as the text of a Fluent pattern: braces become string-literal placeables, line
/// breaks spaces, control characters `\u` escapes.
fn fluent_text(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '{' => out.push_str("{\"{\"}"),
            '}' => out.push_str("{\"}\"}"),
            '\n' | '\r' => out.push(' '),
            c if c.is_control() && c != '\t' => {
                out.push_str(&format!("{{\"\\u{:06X}\"}}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.trim().to_string()
}

/// `text` as a Fluent string literal.
fn fluent_literal(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:06X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Replaces every message of the Fluent file `ftl` with a vector, four ways in turn: as
/// text, in a string-literal placeable, through a term, and in the variants of a select
/// expression. `slot` numbers messages across files so that every vector is used.
fn poison_ftl(ftl: &str, vectors: &[String], slot: &mut usize, used: &mut Vec<usize>) -> String {
    let mut out = String::new();
    let mut terms = String::new();
    let lines: Vec<&str> = ftl.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let id = line.split_once(" =").map(|(id, _)| id).filter(|id| {
            !id.is_empty()
                && id.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        });
        let Some(id) = id else {
            out.push_str(line);
            out.push('\n');
            i += 1;
            continue;
        };
        i += 1;
        while i < lines.len() && (lines[i].starts_with(' ') || lines[i].is_empty()) {
            i += 1;
        }
        let n = *slot % vectors.len();
        used.push(n);
        let v = format!("{} xf{n:03}q", vectors[n]);
        match *slot % 4 {
            0 => out.push_str(&format!("{id} = {}\n\n", fluent_text(&v))),
            1 => out.push_str(&format!("{id} = {{ {} }}\n\n", fluent_literal(&v))),
            2 => {
                out.push_str(&format!("{id} = {{ -xss-{slot} }}\n\n"));
                terms.push_str(&format!("-xss-{slot} = {}\n", fluent_text(&v)));
            }
            _ => out.push_str(&format!(
                "{id} = {{ \"a\" ->\n    [a] {t}\n   *[b] {t}\n}}\n\n",
                t = fluent_text(&v)
            )),
        }
        *slot += 1;
    }
    out.push('\n');
    out.push_str(&terms);
    out
}

#[test]
fn no_vector_in_fluent_messages_reaches_a_reader_as_code() {
    let vectors = vectors();
    let clean = site(true);
    let allowed = Allowed::from_clean(&build(clean.path()));
    // Each pass gives every message another vector (pages use only some messages), until
    // every vector has reached a page.
    let mut reached = BTreeSet::new();
    for pass in 0..8 {
        let dir = site(true);
        let mut slot = pass * 61;
        let mut used = Vec::new();
        for lang in Language::ALL {
            let folder = dir.path().join("locales").join(lang.code());
            let mut paths: Vec<_> = std::fs::read_dir(&folder)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
                .collect();
            paths.sort();
            for path in paths {
                let original = std::fs::read_to_string(&path).unwrap();
                let poisoned = poison_ftl(&original, &vectors, &mut slot, &mut used);
                std::fs::write(&path, poisoned).unwrap();
            }
        }
        let files = build(dir.path());
        let violations = site_violations(&files, &allowed, BASE);
        assert!(violations.is_empty(), "{}", violations.join("\n"));
        let all = texts(&files);
        reached.extend((0..vectors.len()).filter(|n| all.contains(&format!("xf{n:03}q"))));
        eprintln!(
            "pass {pass}: {} messages poisoned; {} of {} vectors have reached the output",
            used.len(),
            reached.len(),
            vectors.len()
        );
        // A vector holding a character no text may hold (`heptaglot::text`) is refused
        // with its message where the message holds it as written (it then shows in
        // English), so it may never reach a page: every other vector must.
        if (0..vectors.len())
            .all(|n| reached.contains(&n) || heptaglot::text::first_unsafe(&vectors[n]).is_some())
        {
            return;
        }
    }
    let missing: Vec<_> = (0..vectors.len())
        .filter(|n| !reached.contains(n) && heptaglot::text::first_unsafe(&vectors[*n]).is_none())
        .map(|n| (n, vectors[n].clone()))
        .collect();
    panic!("some vectors never reached a page: {missing:?}");
}

#[test]
fn search_js_inserts_index_data_as_text_only() {
    let js = std::fs::read_to_string(common::repo().join("templates/search.js")).unwrap();
    for sink in [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
        "Function(",
        "createContextualFragment",
        "setAttribute(\"href\"",
        "srcdoc",
    ] {
        assert!(!js.contains(sink), "search.js uses {sink}");
    }
    // The only address it builds is the page root + a site-relative path from the index +
    // an id; search_index_violations checks that the index holds only such paths and ids.
    assert!(js.contains("link.href = data.root + url + (anchor ? \"#\" + anchor : \"\");"));
}
