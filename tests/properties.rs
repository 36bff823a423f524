//! Properties of the whole pipeline over generated notes (proptest): notes with a valid
//! structure and arbitrary Unicode text (markup, RTL, emoji, combining marks, and the
//! special characters of Fluent, Markdown, wikitext and YAML), with translations of
//! arbitrary text.
//!
//! A. Notes that `check` accepts render in every language and format without error (the
//!    library calls `heptaglot check` makes: load, then render everything in memory).
//! B. No output holds a `<script>`, an event handler, a script URL or any other active
//!    element that the templates did not put there (the checker of tests/xss.rs).
//! C. `translate` twice equals `translate` once: the second run changes no byte.
//!
//! Case counts are kept small so `cargo test` stays fast, and the seed is fixed (printed
//! with the count), so every run, CI's included, tries the same cases;
//! `PROPTEST_CASES=1000 PROPTEST_RNG_SEED=7 cargo test --test properties` runs more, and
//! others. Failing cases are saved in `proptest-regressions/` and run first next time.

mod common;

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use common::html::{Allowed, site_violations};
use common::yaml_quoted;
use heptaglot::config::Formats;
use heptaglot::lang::Language;
use heptaglot::site::{self, Layout, Site};
use heptaglot::translate;
use proptest::prelude::*;
use proptest::test_runner::{FileFailurePersistence, RngSeed, TestRunner};

const BASE: &str = "https://example.org/";

/// Pieces text is made of: markup and the specials of every format heptaglot reads or
/// writes, scripts of both directions, emoji and combining marks.
const PIECES: &[&str] = &[
    "{",
    "}",
    "$",
    "#",
    " #",
    "|",
    "[[",
    "]]",
    "{{",
    "}}",
    "{ $count }",
    "{ -brand }",
    "*",
    "**",
    "_",
    "__NOTOC__",
    "`",
    "~~~~",
    "\\",
    "\"",
    "'",
    ": ",
    "- ",
    "1. ",
    "> ",
    "# ",
    "\n",
    "\n\n",
    "\t",
    "&amp;",
    "&#106;",
    "<!--",
    "-->",
    "<b>",
    "</b>",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    "[x](javascript:alert(1))",
    "<javascript:alert(1)>",
    "[x](https://example.org/a_(b))",
    "https://example.org/",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<iframe src=x>",
    "<style>",
    "\"><script>",
    "مرحبا بالعالم",
    "שלום",
    "\u{202E}",
    "\u{200F}",
    "😀",
    "👩\u{200D}👩\u{200D}👧",
    "e\u{301}",
    "漢字",
    "Ñandú",
    "Привет",
    "\u{FEFF}",
    "\u{0}",
    "%",
    "@",
    "&",
    "!",
    "=",
];

/// Arbitrary text: pieces, words and any characters, mixed.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => proptest::sample::select(PIECES).prop_map(str::to_string),
        3 => "[A-Za-z]{1,8} ?",
        1 => any::<char>().prop_map(|c| c.to_string()),
    ];
    // Text that holds a character no text may hold (a control character, a bidi override,
    // an open isolate) is refused by `check` by design (tests/hostile_input.rs): these
    // properties are about what it accepts.
    proptest::collection::vec(piece, 1..8)
        .prop_map(|p| p.concat())
        .prop_filter("a character no text may hold", |t| {
            heptaglot::text::first_unsafe(t).is_none()
        })
}

/// A point: a speaker (an id from `people`, or written in place), text, sub-points or
/// replies nested up to `depth`.
#[derive(Debug, Clone)]
struct Point {
    speaker: Option<usize>,
    inline_name: Option<String>,
    text: Option<String>,
    editor_note: Option<String>,
    children: Vec<Point>,
    replies: bool,
}

fn point(depth: u32) -> BoxedStrategy<Point> {
    let leaf = (
        proptest::option::of(0..3usize),
        proptest::option::weighted(0.2, text()),
        proptest::option::weighted(0.8, text()),
        proptest::option::weighted(0.2, text()),
        any::<bool>(),
    )
        .prop_map(|(speaker, inline_name, text, editor_note, replies)| Point {
            // A point says something or names who spoke (`check` refuses empty points).
            speaker: if text.is_none() && inline_name.is_none() {
                speaker.or(Some(0))
            } else {
                speaker
            },
            inline_name,
            text,
            editor_note,
            children: Vec::new(),
            replies,
        });
    if depth == 0 {
        return leaf.boxed();
    }
    (leaf, proptest::collection::vec(point(depth - 1), 0..3))
        .prop_map(|(mut p, children)| {
            p.children = children;
            p
        })
        .boxed()
}

/// A person of `people`.
#[derive(Debug, Clone)]
struct Person {
    name: Option<String>,
    affiliation: Option<String>,
    team: Option<String>,
    from: Option<String>,
    staff: bool,
    gender: usize,
}

fn person() -> impl Strategy<Value = Person> {
    (
        proptest::option::of(text()),
        proptest::option::of(text()),
        proptest::option::of(text()),
        proptest::option::of(text()),
        any::<bool>(),
        0..3usize,
    )
        .prop_map(|(name, affiliation, team, from, staff, gender)| Person {
            name,
            affiliation,
            team,
            from,
            staff,
            gender,
        })
}

/// A topic: title, body, points, a question with answers, a subsection.
#[derive(Debug, Clone)]
struct Topic {
    title: String,
    body: Option<String>,
    points: Vec<Point>,
    question: Option<(String, Vec<Point>)>,
    section: Option<(String, String)>,
}

fn topic() -> impl Strategy<Value = Topic> {
    (
        text(),
        proptest::option::of(text()),
        proptest::collection::vec(point(2), 0..4),
        proptest::option::of((text(), proptest::collection::vec(point(1), 0..3))),
        proptest::option::weighted(0.3, (text(), text())),
    )
        .prop_map(|(title, body, points, question, section)| Topic {
            title,
            body,
            points,
            question,
            section,
        })
}

/// One generated notes file, with the translation of every unit into `lang`.
#[derive(Debug, Clone)]
struct Case {
    series: String,
    title: String,
    intro: Option<String>,
    written_in: usize,
    people: Vec<Person>,
    link: (String, String),
    topics: Vec<Topic>,
    translation_lang: usize,
    translations: Vec<String>,
}

fn case() -> impl Strategy<Value = Case> {
    (
        text(),
        text(),
        proptest::option::of(text()),
        0..7usize,
        proptest::collection::vec(person(), 3),
        (text(), text()),
        proptest::collection::vec(topic(), 1..4),
        0..7usize,
        proptest::collection::vec(text(), 1..12),
    )
        .prop_map(
            |(series, title, intro, written_in, people, link, topics, lang, translations)| Case {
                series,
                title,
                intro,
                written_in,
                people,
                link,
                topics,
                translation_lang: lang,
                translations,
            },
        )
}

fn push_point(out: &mut String, p: &Point, indent: usize) {
    let pad = " ".repeat(indent);
    out.push_str(&format!("{pad}- "));
    let mut first = true;
    let mut field = |out: &mut String, line: String| {
        if first {
            first = false;
        } else {
            out.push_str(&format!("{pad}  "));
        }
        out.push_str(&line);
        out.push('\n');
    };
    match (&p.inline_name, p.speaker) {
        (Some(name), _) => field(out, format!("speaker: {{name: {}}}", yaml_quoted(name))),
        (None, Some(s)) => field(out, format!("speaker: p{s}")),
        (None, None) => {}
    }
    if let Some(t) = &p.text {
        field(out, format!("text: {}", yaml_quoted(t)));
    }
    if let Some(n) = &p.editor_note {
        field(out, format!("editor_note: {}", yaml_quoted(n)));
    }
    if !p.children.is_empty() {
        field(
            out,
            format!("{}:", if p.replies { "replies" } else { "points" }),
        );
        for child in &p.children {
            push_point(out, child, indent + 4);
        }
    }
}

/// The notes file of `case`.
fn notes_yaml(case: &Case) -> String {
    let lang = Language::ALL[case.written_in].code();
    let mut out = format!(
        "series: {}\ntitle: {}\ndate: 2022-02-03\nheld_in: [{lang}, es]\nwritten_in: {lang}\n",
        yaml_quoted(&case.series),
        yaml_quoted(&case.title)
    );
    if let Some(intro) = &case.intro {
        out.push_str(&format!("intro: {}\n", yaml_quoted(intro)));
    }
    out.push_str(&format!(
        "links:\n  - title: {}\n    url: {}\npeople:\n",
        yaml_quoted(&case.link.0),
        yaml_quoted(&format!("https://example.org/{}", case.link.1))
    ));
    for (i, p) in case.people.iter().enumerate() {
        out.push_str(&format!(
            "  p{i}:\n    role: {}\n",
            if p.staff { "staff" } else { "volunteer" }
        ));
        out.push_str(&format!(
            "    gender: {}\n",
            ["feminine", "masculine", "unspecified"][p.gender]
        ));
        for (key, value) in [
            ("name", &p.name),
            ("affiliation", &p.affiliation),
            ("team", &p.team),
            ("from", &p.from),
        ] {
            if let Some(v) = value {
                out.push_str(&format!("    {key}: {}\n", yaml_quoted(v)));
            }
        }
    }
    out.push_str("topics:\n");
    for t in &case.topics {
        out.push_str(&format!("  - title: {}\n", yaml_quoted(&t.title)));
        if let Some(b) = &t.body {
            out.push_str(&format!("    body: {}\n", yaml_quoted(b)));
        }
        if !t.points.is_empty() {
            out.push_str("    points:\n");
            for p in &t.points {
                push_point(&mut out, p, 6);
            }
        }
        if let Some((q, answers)) = &t.question {
            out.push_str(&format!(
                "    questions:\n      - question: {}\n        asked_by: p1\n",
                yaml_quoted(q)
            ));
            if !answers.is_empty() {
                out.push_str("        answers:\n");
                for a in answers {
                    push_point(&mut out, a, 10);
                }
            }
        }
        if let Some((title, body)) = &t.section {
            out.push_str(&format!(
                "    sections:\n      - title: {}\n        body: {}\n",
                yaml_quoted(title),
                yaml_quoted(body)
            ));
        }
    }
    out
}

/// A site in a temporary folder holding the notes of `case`, its translation file into
/// one language filled with the case's texts, and the repository's locales and templates.
fn write_site(case: &Case) -> tempfile::TempDir {
    let dir = common::site(false);
    std::fs::write(dir.path().join("digests/case.yaml"), notes_yaml(case)).unwrap();
    dir
}

/// Fills the translation file of the case's language with the case's texts (in turn), and
/// says how many units it filled: 0 when `translate` wrote no file (the notes were refused).
fn fill_translations(root: &Path, case: &Case) -> usize {
    let lang = Language::ALL[case.translation_lang];
    let path = root.join(translate::file::path_for(
        Path::new("locales"),
        lang,
        "case",
    ));
    let Ok(text) = std::fs::read_to_string(&path) else {
        return 0;
    };
    let mut file = translate::file::parse(&text, &path, (lang, "case")).unwrap();
    for (i, unit) in file.units.iter_mut().enumerate() {
        unit.translation = Some(case.translations[i % case.translations.len()].clone());
    }
    std::fs::write(&path, translate::file::write(&file)).unwrap();
    file.units.len()
}

/// `heptaglot translate --all`, through the library call the command makes.
fn translate_all(root: &Path) -> Vec<translate::Synced> {
    let layout = Layout::new(root);
    let site = Site::load(&layout);
    let digests: Vec<_> = site.digests.iter().collect();
    let broken: Vec<_> = site
        .problems
        .iter()
        .filter(|p| p.is_error())
        .map(|p| p.file.clone())
        .collect();
    translate::sync(
        root,
        &layout.locales,
        &digests,
        &site.config.languages,
        &site.translations,
        &broken,
    )
    .unwrap()
}

/// Loads the site as `check` does; `None` when `check` would refuse the notes.
fn load_checked(root: &Path) -> Option<Site> {
    let mut site = Site::load(&Layout::new(root));
    site.config.base_url = Some(BASE.into());
    (!site.has_errors()).then_some(site)
}

fn render(site: &Site) -> Result<Vec<(String, String)>, String> {
    let templates = site.templates.as_ref().expect("templates load");
    let files = site::render(site, templates, Formats::default())?;
    Ok(files.into_iter().map(|f| (f.path, f.contents)).collect())
}

/// The active elements of the example site's pages, built clean.
fn allowed() -> &'static Allowed {
    static ALLOWED: OnceLock<Allowed> = OnceLock::new();
    ALLOWED.get_or_init(|| {
        let dir = common::site(true);
        let site = load_checked(dir.path()).expect("the example site checks");
        Allowed::from_clean(&render(&site).expect("the example site renders"))
    })
}

/// The seed of every run unless `PROPTEST_RNG_SEED` gives another: the same cases on
/// every machine and in CI, so a failure seen once is seen again.
const SEED: u64 = 26;

/// `cases` cases, or `PROPTEST_CASES` when it is set (for a longer run), from [`SEED`] or
/// `PROPTEST_RNG_SEED`; the seed and count are printed, so any run can be repeated.
fn config(name: &str, cases: u32) -> ProptestConfig {
    let seed = std::env::var("PROPTEST_RNG_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(SEED);
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(cases);
    eprintln!("{name}: PROPTEST_RNG_SEED={seed} PROPTEST_CASES={cases}");
    ProptestConfig {
        cases,
        rng_seed: RngSeed::Fixed(seed),
        // Failing cases are saved beside the tests, in proptest-regressions/, and rerun
        // first next time.
        source_file: Some(file!()),
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..ProptestConfig::default()
    }
}

/// A and B: whatever check accepts renders everywhere, and nothing in it runs. Most
/// generated notes must be accepted, or the property would say little.
#[test]
fn accepted_notes_render_everywhere_and_nothing_runs() {
    let started = std::time::Instant::now();
    let tried = AtomicUsize::new(0);
    let refusals = Mutex::new(Vec::new());
    let mut runner = TestRunner::new(config("property A+B", 48));
    let result = runner.run(&case(), |case| {
        let dir = write_site(&case);
        tried.fetch_add(1, Ordering::Relaxed);
        translate_all(dir.path());
        fill_translations(dir.path(), &case);
        let Some(site) = load_checked(dir.path()) else {
            let site = Site::load(&Layout::new(dir.path()));
            let first = site.problems.iter().find(|p| p.is_error());
            refusals.lock().unwrap().push(
                first
                    .map(|p| format!("{:?}: {}", p.field, p.message))
                    .unwrap_or_default(),
            );
            return Ok(());
        };
        let files = render(&site).map_err(|e| TestCaseError::fail(format!("render: {e}")))?;
        let runtime = site.localizer.runtime_problems();
        prop_assert!(runtime.is_empty(), "runtime problems: {runtime:?}");
        for lang in Language::ALL {
            for path in [
                format!("{}/case/index.html", lang.code()),
                format!("{}/case.md", lang.code()),
                format!("{}/case.wiki", lang.code()),
            ] {
                prop_assert!(files.iter().any(|(p, _)| *p == path), "{path} missing");
            }
        }
        let violations = site_violations(&files, allowed(), BASE);
        prop_assert!(violations.is_empty(), "{}", violations.join("\n"));
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    let tried = tried.load(Ordering::Relaxed);
    let refusals = refusals.into_inner().unwrap();
    let accepted = tried - refusals.len();
    eprintln!(
        "property A+B: {accepted} of {tried} generated notes accepted by check, in {:.1?}; refused: {refusals:?}",
        started.elapsed()
    );
    assert!(
        accepted * 10 >= tried * 8,
        "only {accepted} of {tried} accepted: {refusals:?}"
    );
}

/// C: translate twice equals translate once, including after the notes changed under
/// existing translations (units outdated and obsolete).
#[test]
fn translate_twice_equals_once() {
    let started = std::time::Instant::now();
    let config = config("property C", 24);
    let cases = config.cases;
    let compared = AtomicUsize::new(0);
    let mut runner = TestRunner::new(config);
    let result = runner.run(&(case(), text()), |(case, edited)| {
        let dir = write_site(&case);
        translate_all(dir.path());
        if fill_translations(dir.path(), &case) == 0 {
            // Notes check refuses: translate writes nothing, there is nothing to compare.
            return Ok(());
        }
        let mut changed = case.clone();
        changed.title = edited;
        if changed.topics.len() > 1 {
            changed.topics.pop();
        }
        std::fs::write(dir.path().join("digests/case.yaml"), notes_yaml(&changed)).unwrap();
        translate_all(dir.path());
        let once = common::snapshot(&dir.path().join("locales"));
        let second = translate_all(dir.path());
        let twice = common::snapshot(&dir.path().join("locales"));
        prop_assert!(!second.is_empty(), "the second translate saw no file");
        prop_assert!(second.iter().all(|s| !s.written), "{second:?}");
        prop_assert!(once == twice, "the second translate changed a file");
        compared.fetch_add(1, Ordering::Relaxed);
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    let compared = compared.load(Ordering::Relaxed);
    eprintln!(
        "property C: {compared} of {cases} cases compared in {:.1?}",
        started.elapsed()
    );
    // As in A, at least 80 % of generated notes are accepted and so translated.
    assert!(
        compared * 10 >= cases as usize * 8,
        "only {compared} of {cases} cases had a translation file to compare"
    );
}
