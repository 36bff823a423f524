//! Incremental builds through the binary: after every kind of edit, `heptaglot build`
//! rebuilds only part of the site in place, and the result is byte-identical to a clean
//! build of the same inputs into another folder. A build that trusts a stale cache fails
//! here.

mod common;

use std::path::Path;

use common::{heptaglot, site, snapshot, stderr};

const BASE: &str = "https://digests.example.org/";
const CACHE: &str = ".heptaglot-cache";
const JOURNAL: &str = ".heptaglot-journal";

/// Builds `root` (with `extra` arguments) and returns what it printed.
fn build(root: &Path, extra: &[&str]) -> String {
    let mut args = vec!["build", "--base-url", BASE];
    args.extend_from_slice(extra);
    let output = heptaglot(root, &args);
    assert!(output.status.success(), "{}", stderr(&output));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The number before `what` in a build's summary line ("3 file(s) written").
fn count(summary: &str, what: &str) -> usize {
    let before = summary
        .split(what)
        .next()
        .unwrap_or_else(|| panic!("{summary}"));
    before
        .split_whitespace()
        .last()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count before {what:?} in {summary}"))
}

/// A site with the examples and four calls of one series, built once.
fn built_site() -> tempfile::TempDir {
    let dir = site(true);
    for (n, date) in [
        ("001", "2021-01-14"),
        ("002", "2021-02-11"),
        ("003", "2021-03-11"),
        ("004", "2021-04-08"),
    ] {
        write(
            dir.path(),
            &format!("digests/hours-{n}.yaml"),
            &hours(n, date),
        );
    }
    let summary = build(dir.path(), &[]);
    assert!(summary.contains("(full build:"), "{summary}");
    dir
}

fn hours(n: &str, date: &str) -> String {
    format!(
        "series: Community Hours\nnumber: \"{n}\"\ndate: {date}\nheld_in: [fr]\nwritten_in: en\nintro: Call {n} of the series.\ntopics:\n  - title: Topic of call {n}\n    points:\n      - text: Something said in call {n}.\n"
    )
}

fn write(root: &Path, path: &str, text: &str) {
    let path = root.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn edit(root: &Path, path: &str, from: &str, to: &str) {
    let text = std::fs::read_to_string(root.join(path)).unwrap();
    assert!(text.contains(from), "{path} has no {from:?}");
    write(root, path, &text.replacen(from, to, 1));
}

/// Builds `root` incrementally, then cleanly into another folder, and compares the two
/// trees file by file (the cache, which records modification times, aside). Returns the
/// incremental build's summary.
fn assert_same_as_clean(root: &Path) -> String {
    let summary = build(root, &[]);
    assert_clean(root, summary)
}

/// Asserts that the site in `root` is what a clean build makes, after the build that
/// printed `summary`; returns the summary.
fn assert_clean(root: &Path, summary: String) -> String {
    let clean = tempfile::tempdir().unwrap();
    let clean_out = clean.path().join("site");
    build(root, &["--full", "--out", clean_out.to_str().unwrap()]);
    let strip = |tree: Vec<(String, Vec<u8>)>| -> Vec<(String, Vec<u8>)> {
        tree.into_iter().filter(|(p, _)| p != CACHE).collect()
    };
    let incremental = strip(snapshot(&root.join("public")));
    let full = strip(snapshot(&clean_out));
    let paths =
        |tree: &[(String, Vec<u8>)]| tree.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(paths(&incremental), paths(&full), "{summary}");
    for ((path, a), (_, b)) in incremental.iter().zip(&full) {
        assert!(
            a == b,
            "{path} differs from a clean build after: {summary}\n--- incremental\n{}\n--- clean\n{}",
            String::from_utf8_lossy(a),
            String::from_utf8_lossy(b)
        );
    }
    assert!(!root.join("public").join(JOURNAL).exists());
    summary
}

#[test]
fn nothing_changed_writes_nothing() {
    let dir = built_site();
    let root = dir.path();
    let index = root.join(".public.heptaglot-cache/index");
    let saved = written_at(&index);
    let summary = assert_same_as_clean(root);
    assert!(summary.contains("(incremental build:"), "{summary}");
    assert_eq!(count(&summary, "file(s) written"), 0, "{summary}");
    assert_eq!(count(&summary, "removed"), 0, "{summary}");
    // Not even the cache.
    assert_eq!(written_at(&index), saved);
    // A file touched without a change writes no page, but the cache records its new time.
    let notes = root.join("digests/hours-002.yaml");
    let text = std::fs::read(&notes).unwrap();
    std::fs::write(&notes, text).unwrap();
    let summary = build(root, &[]);
    assert_eq!(count(&summary, "file(s) written"), 0, "{summary}");
    assert_ne!(written_at(&index), saved);
}

#[test]
fn editing_notes_rebuilds_their_pages_and_the_lists() {
    let dir = built_site();
    let root = dir.path();
    let total = count(&build(root, &[]), "files (");
    // Text: its own pages, the lists and search; not the rest of the site.
    edit(
        root,
        "digests/hours-002.yaml",
        "Something said in call 002.",
        "Something else said in call 002.",
    );
    let summary = assert_same_as_clean(root);
    assert!(summary.contains("(incremental build:"), "{summary}");
    let written = count(&summary, "file(s) written");
    assert!(
        written > 0 && written < total / 4,
        "{written} of {total}: {summary}"
    );
    // Title: the neighbours' previous/next links and every list change.
    edit(
        root,
        "digests/hours-003.yaml",
        "intro:",
        "title: A renamed call\nintro:",
    );
    assert_same_as_clean(root);
    // Date: the call moves in the indexes and in the series' previous/next order.
    edit(root, "digests/hours-001.yaml", "2021-01-14", "2021-05-06");
    let summary = assert_same_as_clean(root);
    assert!(summary.contains("(incremental build:"), "{summary}");
    // Series: it leaves one series page and joins another.
    edit(
        root,
        "digests/hours-002.yaml",
        "Community Hours",
        "Evening Hours",
    );
    assert_same_as_clean(root);
}

#[test]
fn adding_and_deleting_digests_adds_and_removes_their_pages() {
    let dir = built_site();
    let root = dir.path();
    write(root, "digests/hours-005.yaml", &hours("005", "2021-05-13"));
    let summary = assert_same_as_clean(root);
    assert!(summary.contains("(incremental build:"), "{summary}");
    assert!(root.join("public/fr/hours-005/index.html").is_file());
    // The middle of the series: both neighbours link to each other now.
    std::fs::remove_file(root.join("digests/hours-003.yaml")).unwrap();
    let summary = assert_same_as_clean(root);
    assert!(count(&summary, "removed") >= 7 * 3, "{summary}");
    assert!(!root.join("public/fr/hours-003").exists());
    assert!(!root.join("public/fr/hours-003.md").exists());
}

#[test]
fn translations_locales_templates_and_configuration_are_inputs_too() {
    let dir = built_site();
    let root = dir.path();
    edit(
        root,
        "locales/fr/digests/wikimedia-clinic-006.yaml",
        "translation: Introduction",
        "translation: Présentation",
    );
    let summary = assert_same_as_clean(root);
    assert!(summary.contains("(incremental build:"), "{summary}");
    assert!(count(&summary, "file(s) written") > 0, "{summary}");
    // A translation file for a digest that had none in this language.
    write(
        root,
        "locales/de/digests/hours-002.yaml",
        "digest: hours-002\nlanguage: de\nsource_language: en\ntitle: Community Hours 002\nunits: {}\n",
    );
    assert_same_as_clean(root);
    edit(
        root,
        "locales/de/translation.ftl",
        "language-bar-original = Original",
        "language-bar-original = Urfassung",
    );
    let summary = assert_same_as_clean(root);
    assert!(summary.contains("(full build:"), "{summary}");
    edit(
        root,
        "templates/digest.md",
        "{{ opening }}",
        "{{ opening }}\n",
    );
    assert_same_as_clean(root);
    edit(root, "templates/style.css", "", "/* changed */\n");
    assert_same_as_clean(root);
    write(root, "heptaglot.toml", "title = \"Other digests\"\n");
    let summary = assert_same_as_clean(root);
    assert!(summary.contains("(full build:"), "{summary}");
    // Another base URL or format set is another site.
    let output = heptaglot(root, &["build", "--base-url", "https://other.example.org/"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(String::from_utf8_lossy(&output.stdout).contains("(full build:"));
    let summary = build(root, &["--format", "html,md"]);
    assert!(summary.contains("(full build:"), "{summary}");
    let summary = build(root, &[]);
    assert!(summary.contains("(full build:"), "{summary}");
}

#[test]
fn files_changed_added_or_deleted_by_hand_are_put_right() {
    let dir = built_site();
    let root = dir.path();
    let public = root.join("public");
    std::fs::write(public.join("fr/hours-002/index.html"), "changed by hand").unwrap();
    std::fs::remove_file(public.join("en/hours-003.md")).unwrap();
    std::fs::remove_file(public.join("search/ar/index.json")).unwrap();
    std::fs::write(public.join("de/index.md"), "").unwrap();
    // A file nobody wrote stops the build (tests/output_ownership.rs); moved away, the
    // build puts the rest right.
    std::fs::write(public.join("de/stray.html"), "nobody wrote this").unwrap();
    let output = heptaglot(root, &["build", "--base-url", BASE]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("de/stray.html"),
        "{}",
        stderr(&output)
    );
    std::fs::remove_file(public.join("de/stray.html")).unwrap();
    let summary = assert_same_as_clean(root);
    assert!(summary.contains("(incremental build:"), "{summary}");
    // A cache that is not valid JSON, or is missing, means a full build.
    std::fs::write(public.join(CACHE), "{").unwrap();
    let summary = assert_same_as_clean(root);
    assert!(summary.contains("(full build:"), "{summary}");
    std::fs::remove_file(public.join(CACHE)).unwrap();
    assert!(build(root, &[]).contains("(full build:"));
}

#[test]
fn a_journal_left_by_a_killed_build_means_a_full_build() {
    let dir = built_site();
    let root = dir.path();
    edit(
        root,
        "digests/hours-002.yaml",
        "Something said",
        "Something new said",
    );
    // What a build killed midway leaves: the journal, and some of its files.
    let public = root.join("public");
    std::fs::write(public.join(JOURNAL), "").unwrap();
    std::fs::write(public.join("en/hours-002.md"), "half of the new generation").unwrap();
    let summary = assert_same_as_clean(root);
    assert!(summary.contains("(full build:"), "{summary}");
    assert!(
        build(root, &[]).contains("(incremental build: 0 digest(s) rendered, 0 file(s) written")
    );
    // `--full` always rebuilds everything.
    assert!(build(root, &["--full"]).contains("(full build:"));
}

/// Sets the modification time of every file under `dir` to an hour ago.
fn age(dir: &Path) {
    let past = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            std::fs::File::options()
                .write(true)
                .open(entry.path())
                .unwrap()
                .set_modified(past)
                .unwrap();
        }
    }
}

#[test]
fn unchanged_inputs_are_known_by_size_and_time_and_edits_are_seen() {
    let dir = built_site();
    let root = dir.path();
    age(&root.join("digests"));
    age(&root.join("locales"));
    // Records the aged files' times; from now on they are trusted without being read.
    build(root, &[]);
    // The proof that they are not read: same size, same time, other bytes go unseen (as with
    // make or cargo), until a full build.
    let path = root.join("digests/hours-002.yaml");
    let meta = std::fs::metadata(&path).unwrap();
    edit(root, "digests/hours-002.yaml", "call 002", "CALL 002");
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(meta.modified().unwrap())
        .unwrap();
    let summary = build(root, &[]);
    assert_eq!(count(&summary, "file(s) written"), 0, "{summary}");
    let page = std::fs::read_to_string(root.join("public/en/hours-002/index.html")).unwrap();
    assert!(page.contains("call 002") && !page.contains("CALL 002"));
    build(root, &["--full"]);
    // An ordinary edit changes the time: seen, and the result is a clean build's.
    edit(root, "digests/hours-003.yaml", "call 003", "the third call");
    let summary = assert_same_as_clean(root);
    assert!(summary.contains("(incremental build:"), "{summary}");
    let page = std::fs::read_to_string(root.join("public/fr/hours-003/index.html")).unwrap();
    assert!(page.contains("the third call"), "{page}");
}

#[test]
fn a_full_builds_translation_hashes_are_those_of_the_bytes_it_rendered() {
    // A full build hashes each translation file from the bytes its render reads, not in a
    // read of its own first: a later build, reading the same bytes again, must find them
    // unchanged.
    let dir = built_site();
    let root = dir.path();
    age(&root.join("locales"));
    let summary = build(root, &[]);
    assert_eq!(count(&summary, "digest(s) rendered"), 0, "{summary}");
    let es = "locales/es/digests/wikimedia-clinic-006.yaml";
    edit(
        root,
        es,
        "translation: Introducción",
        "translation: Presentación",
    );
    let summary = assert_same_as_clean(root);
    assert_eq!(count(&summary, "digest(s) rendered"), 1, "{summary}");
    let page = std::fs::read_to_string(root.join("public/es/wikimedia-clinic-006/index.html"));
    assert!(page.unwrap().contains("Presentación"));
}

#[test]
fn a_cache_missing_search_tokens_means_a_full_build() {
    let dir = built_site();
    let root = dir.path();
    let tokens = root.join(".public.heptaglot-cache/spill/search/en");
    assert!(tokens.is_file());
    std::fs::remove_file(&tokens).unwrap();
    edit(
        root,
        "digests/hours-004.yaml",
        "call 004",
        "the fourth call",
    );
    let summary = assert_same_as_clean(root);
    assert!(summary.contains("(full build:"), "{summary}");
    assert!(tokens.is_file());
    // And the cache is whole again.
    edit(
        root,
        "digests/hours-004.yaml",
        "the fourth call",
        "call 004",
    );
    assert_same_as_clean(root);
}

#[test]
fn spill_indexes_that_do_not_match_their_files_are_not_trusted() {
    let dir = built_site();
    let root = dir.path();
    let spill = root.join(".public.heptaglot-cache/spill");
    let index = spill.join("search/en.idx");
    // A full build leaves each spill file with its index, and an edit keeps it current.
    assert!(index.is_file());
    edit(
        root,
        "digests/hours-004.yaml",
        "call 004",
        "the fourth call",
    );
    let summary = assert_same_as_clean(root);
    assert!(summary.contains("(incremental build:"), "{summary}");
    // An index that is not one, and one of another file: the files are read instead.
    std::fs::write(&index, "not an index").unwrap();
    std::fs::copy(spill.join("search/fr.idx"), spill.join("lists/en.idx")).unwrap();
    edit(
        root,
        "digests/hours-004.yaml",
        "the fourth call",
        "call 004",
    );
    let summary = assert_same_as_clean(root);
    assert!(summary.contains("(incremental build:"), "{summary}");
    assert!(std::fs::read(&index).unwrap() != b"not an index");
    // Whatever the next build made of them, the indexes match their files again.
    edit(
        root,
        "digests/hours-004.yaml",
        "call 004",
        "the fourth call",
    );
    assert_same_as_clean(root);
}

#[test]
fn repeated_edits_keep_the_spill_files_small_and_the_result_clean() {
    let dir = built_site();
    let root = dir.path();
    let tokens = root.join(".public.heptaglot-cache/spill/search/fr");
    let full = std::fs::metadata(&tokens).unwrap().len();
    let mut sizes = Vec::new();
    let calls = EDITED_CALLS;
    for round in 0..14 {
        for call in calls {
            edit(
                root,
                call,
                "Something said",
                &format!("Round {round} something said"),
            );
        }
        let summary = assert_same_as_clean(root);
        assert!(summary.contains("(incremental build:"), "{summary}");
        sizes.push(std::fs::metadata(&tokens).unwrap().len());
        for call in calls {
            edit(
                root,
                call,
                &format!("Round {round} something said"),
                "Something said",
            );
        }
    }
    assert_compacted(&sizes, full);
}

/// Three calls edited each round, so that the records appended soon outweigh the file.
const EDITED_CALLS: [&str; 3] = [
    "digests/hours-001.yaml",
    "digests/hours-002.yaml",
    "digests/hours-003.yaml",
];

/// Each edit appends the changed digests' records; the file (of `full` bytes after the full
/// build, then of `sizes` after each round) is rewritten before stale records make it more
/// than twice what it holds.
fn assert_compacted(sizes: &[u64], full: u64) {
    assert!(sizes.iter().any(|&s| s > full), "{sizes:?} (full: {full})");
    assert!(
        sizes.iter().all(|&s| s <= 2 * full + full / 2),
        "{sizes:?} (full: {full})"
    );
    assert!(
        sizes.windows(2).any(|w| w[1] < w[0]),
        "never compacted: {sizes:?}"
    );
}

#[test]
fn a_sessions_spill_files_are_compacted_without_walking_every_record() {
    let dir = built_site();
    let root = dir.path();
    let tokens = root.join(".public.heptaglot-cache/spill/search/fr");
    let full = std::fs::metadata(&tokens).unwrap().len();
    let mut watched = Watched::new(root);
    let calls = EDITED_CALLS;
    watched.build(Some(&[])).result.unwrap();
    // The same digests at every build: the session counts the spill files' live records
    // from their indexes and the records rendered, not digest by digest.
    let mut sizes = Vec::new();
    for round in 0..14usize {
        let said = |round: usize| format!("Round {round} something said");
        let before = round.checked_sub(1).map_or("Something said".into(), said);
        for call in calls {
            edit(root, call, &before, &said(round));
        }
        watched.build(Some(&calls)).result.unwrap();
        sizes.push(std::fs::metadata(&tokens).unwrap().len());
    }
    assert_compacted(&sizes, full);
    watched.session.settle().unwrap();
    assert_clean(root, String::new());
}

/// The modification time of a published file.
/// How a written file is told from the one before it: its inode and its modification time.
/// Files are replaced by renaming a new one over them, so a rewrite gives a new inode even
/// where the file system's clock is too coarse to give a new time (no sleep needed), and a
/// new time where a freed inode is given again.
type Written = (u64, std::time::SystemTime);

fn written_at(path: &Path) -> Written {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path).unwrap();
    (meta.ino(), meta.modified().unwrap())
}

fn written_in_public(root: &Path, path: &str) -> Written {
    written_at(&root.join("public").join(path))
}

#[test]
fn a_translators_edit_leaves_the_other_languages_lists_and_search_alone() {
    let dir = built_site();
    let root = dir.path();
    let untouched = [
        "en/index.html",
        "de/index.md",
        "en/series/wikimedia-clinics/index.html",
        "search/en/index.json",
        "search/de/index.json",
        "sitemap.xml",
        "en/feed.xml",
    ];
    let before: Vec<_> = untouched
        .iter()
        .map(|p| written_in_public(root, p))
        .collect();
    // A passage's text, not a title: nothing that the lists show, only the search index.
    edit(
        root,
        "locales/fr/digests/wikimedia-clinic-006.yaml",
        "translation: À l’exception de l’introduction,",
        "translation: Hormis l’introduction,",
    );
    let summary = assert_same_as_clean(root);
    assert!(summary.contains("(incremental build:"), "{summary}");
    let after: Vec<_> = untouched
        .iter()
        .map(|p| written_in_public(root, p))
        .collect();
    assert_eq!(before, after, "{summary}");
    let page = std::fs::read_to_string(root.join("public/fr/wikimedia-clinic-006/index.html"));
    assert!(page.unwrap().contains("Hormis l’introduction"));
    // Touching a file without changing it renders nothing and writes nothing.
    let text = std::fs::read(root.join("digests/hours-003.yaml")).unwrap();
    std::fs::write(root.join("digests/hours-003.yaml"), text).unwrap();
    let summary = assert_same_as_clean(root);
    assert_eq!(count(&summary, "file(s) written"), 0, "{summary}");
}

/// The layout and options of a build run in this process (through the library, as
/// `serve` does), as the command-line builds of these tests.
fn in_process(root: &Path) -> (heptaglot::site::Layout, heptaglot::site::BuildOptions) {
    let options = heptaglot::site::BuildOptions {
        base_url: Some(BASE.into()),
        ..Default::default()
    };
    (heptaglot::site::Layout::new(root), options)
}

/// A serving session of the site in `root`, built as a watcher tells it what changed. Its
/// inputs are made old first, so that their records are trusted by size and time.
struct Watched {
    layout: heptaglot::site::Layout,
    options: heptaglot::site::BuildOptions,
    session: heptaglot::site::Session,
}

impl Watched {
    fn new(root: &Path) -> Self {
        age(&root.join("digests"));
        age(&root.join("locales"));
        let (layout, options) = in_process(root);
        let session = heptaglot::site::Session::serving();
        Self {
            layout,
            options,
            session,
        }
    }

    /// Builds after reporting the paths `told` (`None`: changes may have been missed).
    fn build(&mut self, told: Option<&[&str]>) -> heptaglot::site::BuildReport {
        let paths: Option<Vec<std::path::PathBuf>> =
            told.map(|t| t.iter().map(std::path::PathBuf::from).collect());
        self.session.inputs_changed(paths.as_deref());
        heptaglot::site::build_in(&self.layout, &self.options, &mut self.session)
    }
}

#[test]
fn a_serving_session_reads_neither_its_cache_nor_its_output_again() {
    use heptaglot::site::{BuildOptions, Session, build as build_site, build_in};
    let dir = built_site();
    let root = dir.path();
    let out = root.join("public").canonicalize().unwrap();
    let page = out.join("fr/hours-002/index.html");
    let (layout, options) = in_process(root);
    let mut session = Session::serving();
    // This test's binary is another program than `heptaglot`: its first build is a full one.
    let summary = build_in(&layout, &options, &mut session).result.unwrap();
    assert!(!summary.incremental);
    // What `serve` does between its own builds: a page changed behind its back stays.
    std::fs::write(&page, "changed by hand").unwrap();
    edit(
        root,
        "digests/hours-004.yaml",
        "call 004",
        "the fourth call",
    );
    let summary = build_in(&layout, &options, &mut session).result.unwrap();
    assert!(summary.incremental);
    assert_eq!(std::fs::read_to_string(&page).unwrap(), "changed by hand");
    let fourth = std::fs::read_to_string(out.join("en/hours-004/index.html")).unwrap();
    assert!(fourth.contains("the fourth call"));
    // Its cache is saved when the session settles; until then the journal stays.
    assert!(out.join(JOURNAL).exists());
    session.settle().unwrap();
    assert!(!out.join(JOURNAL).exists());
    // A build into another folder and back: this one is read again, the page put right.
    let elsewhere = BuildOptions {
        out: Some(root.join("elsewhere")),
        ..options.clone()
    };
    build_in(&layout, &elsewhere, &mut session).result.unwrap();
    let summary = build_in(&layout, &options, &mut session).result.unwrap();
    assert!(summary.incremental);
    assert!(std::fs::read_to_string(&page).unwrap() != "changed by hand");
    // A session stopped before it settles leaves the journal: the next build is a full one.
    edit(
        root,
        "digests/hours-004.yaml",
        "the fourth call",
        "call 004",
    );
    assert!(
        build_in(&layout, &options, &mut session)
            .result
            .unwrap()
            .incremental
    );
    drop(session);
    assert!(out.join(JOURNAL).exists());
    assert!(!build_site(&layout, &options).result.unwrap().incremental);
    assert_same_as_clean(root);
}

#[test]
fn a_build_by_another_process_between_a_sessions_builds_is_seen() {
    use heptaglot::site::{Session, build_in};
    let dir = built_site();
    let root = dir.path();
    let (layout, options) = in_process(root);
    let mut session = Session::serving();
    build_in(&layout, &options, &mut session).result.unwrap();
    session.settle().unwrap();
    // A build in another process (`heptaglot build` in another terminal; here, one outside
    // the session), after an edit; then the edit is undone.
    edit(
        root,
        "digests/hours-004.yaml",
        "call 004",
        "the fourth call",
    );
    let other = heptaglot::site::build(&layout, &options).result.unwrap();
    assert!(other.incremental);
    edit(
        root,
        "digests/hours-004.yaml",
        "the fourth call",
        "call 004",
    );
    // The session's own cache is not of the tree now: the page the other build wrote is
    // put back.
    build_in(&layout, &options, &mut session).result.unwrap();
    session.settle().unwrap();
    let page = std::fs::read_to_string(root.join("public/en/hours-004/index.html")).unwrap();
    assert!(!page.contains("the fourth call"));
    drop(session);
    assert_same_as_clean(root);
}

#[test]
fn a_session_told_what_changed_reads_the_metadata_of_that_only() {
    let dir = built_site();
    let root = dir.path();
    let out = root.join("public");
    let read = |path: &str| std::fs::read_to_string(out.join(path)).unwrap();
    // Inputs written long before the build are trusted by size and time.
    let mut watched = Watched::new(root);
    let mut build_told = |told: Option<&[&str]>| watched.build(told);
    // Reports begin: this build reads everything (it is a full one: another binary).
    build_told(Some(&[])).result.unwrap();
    // A translation edited behind the watcher's back stays as it was: its metadata is not
    // read. The reported notes file is.
    let translation = "locales/fr/digests/wikimedia-clinic-006.yaml";
    edit(
        root,
        translation,
        "translation: Introduction",
        "translation: Présentation",
    );
    edit(
        root,
        "digests/hours-004.yaml",
        "call 004",
        "the fourth call",
    );
    build_told(Some(&["digests/hours-004.yaml"]))
        .result
        .unwrap();
    assert!(read("en/hours-004/index.html").contains("the fourth call"));
    assert!(!read("fr/wikimedia-clinic-006/index.html").contains("Présentation"));
    // What a failed build was told counts for the next.
    edit(root, "digests/hours-003.yaml", "series:", "series: [");
    let failed = build_told(Some(&["digests/hours-003.yaml", translation]));
    assert!(failed.result.is_err());
    edit(root, "digests/hours-003.yaml", "series: [", "series:");
    build_told(Some(&["digests/hours-003.yaml"]))
        .result
        .unwrap();
    assert!(read("fr/wikimedia-clinic-006/index.html").contains("Présentation"));
    // A folder reported stands for what it holds; a loss, for everything.
    edit(
        root,
        translation,
        "translation: Présentation",
        "translation: Ouverture",
    );
    build_told(Some(&["locales/fr"])).result.unwrap();
    assert!(read("fr/wikimedia-clinic-006/index.html").contains("Ouverture"));
    edit(
        root,
        translation,
        "translation: Ouverture",
        "translation: Introduction",
    );
    build_told(None).result.unwrap();
    assert!(!read("fr/wikimedia-clinic-006/index.html").contains("Ouverture"));
    // A notes file and a translation of no digest, added and reported, are found; the
    // translation's warning stays while nothing reported can change it.
    write(root, "digests/hours-005.yaml", &hours("005", "2021-05-13"));
    let orphan = "locales/fr/digests/nobody.yaml";
    write(root, orphan, "digest: nobody\n");
    let orphaned = |report: &heptaglot::site::BuildReport| {
        let problems = report
            .problems
            .iter()
            .filter(|p| p.file == Path::new(orphan));
        problems.count()
    };
    let report = build_told(Some(&["digests/hours-005.yaml", orphan]));
    assert!(out.join("en/hours-005/index.html").is_file());
    assert_eq!(orphaned(&report), 1, "{:?}", report.problems);
    assert_eq!(orphaned(&build_told(Some(&["digests/hours-005.yaml"]))), 1);
    std::fs::remove_file(root.join(orphan)).unwrap();
    assert_eq!(orphaned(&build_told(Some(&[orphan]))), 0);
    // A Fluent file reported: the settings are loaded again.
    let ftl = "locales/en/translation.ftl";
    edit(
        root,
        ftl,
        "language-bar-original = original",
        "language-bar-original = first written",
    );
    build_told(Some(&[ftl])).result.unwrap();
    // The language bar's statuses are in the page's language: the English page shows it.
    assert!(read("en/wikimedia-clinic-006/index.html").contains("first written"));
    // An edit after a session's build, which the session's settling saved (with the search
    // indexes' states it kept in memory): the next build updates the indexes in place.
    edit(
        root,
        "digests/hours-004.yaml",
        "Something said",
        "Something new said",
    );
    build_told(Some(&["digests/hours-004.yaml"]))
        .result
        .unwrap();
    watched.session.settle().unwrap();
    let Watched {
        layout, options, ..
    } = watched;
    edit(
        root,
        "digests/hours-004.yaml",
        "Something new said",
        "Something said",
    );
    let next = heptaglot::site::build(&layout, &options).result.unwrap();
    assert!(
        next.incremental && next.search.rebuilt == 0,
        "{:?}",
        next.search
    );
    assert!(next.search.updated > 0, "{:?}", next.search);
    assert_same_as_clean(root);
}

#[test]
fn a_session_keeps_its_calls_order_until_a_reported_notes_file_changes_it() {
    let dir = built_site();
    let root = dir.path();
    let out = root.join("public");
    let read = |path: &str| std::fs::read_to_string(out.join(path)).unwrap();
    let mut watched = Watched::new(root);
    let mut build_told = |told: &[&str]| watched.build(Some(told)).result.unwrap();
    build_told(&[]);
    // Words only: the calls, their order and series are those of the last build.
    edit(
        root,
        "digests/hours-002.yaml",
        "Something said",
        "Something else said",
    );
    build_told(&["digests/hours-002.yaml"]);
    assert!(read("en/hours-002/index.html").contains("Something else said"));
    // A date: the call moves to the top of its series, and its neighbours change.
    edit(root, "digests/hours-001.yaml", "2021-01-14", "2021-05-06");
    build_told(&["digests/hours-001.yaml"]);
    let index = read("en/series/community-hours/index.html");
    let at = |slug: &str| index.find(&format!("{slug}/index.html")).unwrap();
    assert!(at("hours-001") < at("hours-004"), "{index}");
    // A series: the call leaves it (and its slug changes with it).
    edit(
        root,
        "digests/hours-003.yaml",
        "series: Community Hours",
        "series: Evening Hours",
    );
    let summary = build_told(&["digests/hours-003.yaml"]);
    assert_eq!(summary.digests, 7);
    watched.session.settle().unwrap();
    assert_clean(root, String::new());
}

/// A generated archive whose largest series has year pages (more than 50 calls), built once.
fn built_archive() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    common::corpus(root, 240, 5);
    assert!(build(root, &[]).contains("(full build:"));
    dir
}

/// The list pages (not digest pages) whose bytes an incremental build wrote: those whose
/// modification time moved.
fn lists_written(root: &Path, before: &std::collections::BTreeMap<String, Written>) -> Vec<String> {
    let after = list_times(root);
    after
        .into_iter()
        .filter(|(path, time)| before.get(path) != Some(time))
        .map(|(path, _)| path)
        .collect()
}

/// Modification times of the index, series and year pages and feeds.
fn list_times(root: &Path) -> std::collections::BTreeMap<String, Written> {
    snapshot(&root.join("public"))
        .into_iter()
        .map(|(path, _)| path)
        .filter(|path| {
            path.contains("/series/")
                || path.ends_with("/index.html") && path.matches('/').count() == 1
                || path.ends_with("/index.md")
                || path.ends_with("feed.xml")
        })
        .map(|path| {
            let time = written_in_public(root, &path);
            (path, time)
        })
        .collect()
}

/// Modification times of the search index files.
fn search_times(root: &Path) -> std::collections::BTreeMap<String, Written> {
    snapshot(&root.join("public/search"))
        .into_iter()
        .map(|(path, _)| {
            let path = format!("search/{path}");
            let time = written_in_public(root, &path);
            (path, time)
        })
        .collect()
}

#[test]
fn an_edit_to_an_old_call_changes_its_year_pages_its_search_files_and_no_other_list() {
    let dir = built_archive();
    let root = dir.path();
    // The oldest call of the largest series: on a year page, not on the index or series page.
    let mut calls: Vec<(String, String)> = std::fs::read_dir(root.join("digests"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let date = text
                .lines()
                .find_map(|l| l.strip_prefix("date: "))
                .unwrap()
                .trim_matches('"')
                .to_string();
            (
                date,
                path.file_name().unwrap().to_string_lossy().into_owned(),
            )
        })
        .collect();
    calls.sort();
    let series = |name: &str| name.rsplit_once('-').unwrap().0.to_string();
    let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
    for (_, name) in &calls {
        *counts.entry(series(name)).or_default() += 1;
    }
    let largest = counts.iter().max_by_key(|(_, n)| **n).unwrap().0.clone();
    assert!(counts[&largest] > 50, "{counts:?}");
    let (date, oldest) = calls
        .iter()
        .find(|(_, name)| series(name) == largest)
        .unwrap()
        .clone();
    let year = &date[..4];
    let before = list_times(root);
    let search_before = search_times(root);
    let path = format!("digests/{oldest}");
    let text = std::fs::read_to_string(root.join(&path)).unwrap();
    // Its title as the lists show it: the series and number, unless the notes give one.
    let edited = text.replacen("\ndate: ", "\ntitle: A call worth finding\ndate: ", 1);
    assert_ne!(text, edited);
    write(root, &path, &edited);
    let output = heptaglot(root, &["build", "--base-url", BASE, "--timings"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let summary = assert_clean(root, String::from_utf8_lossy(&output.stdout).into_owned());
    assert!(summary.contains("(incremental build:"), "{summary}");
    let timings = stderr(&output);
    assert!(
        timings.contains("search indexes: 0 unchanged, 7 updated in place, 0 rebuilt"),
        "{timings}"
    );
    let written = lists_written(root, &before);
    // Each language's year page of that call (HTML and Markdown), and nothing else listed.
    assert!(!written.is_empty(), "{summary}");
    for path in &written {
        assert!(
            path.contains(&format!("/series/{largest}/{year}")),
            "{path} was rewritten: {written:?}"
        );
    }
    let page =
        std::fs::read_to_string(root.join(format!("public/en/series/{largest}/{year}/index.html")))
            .unwrap();
    assert!(page.contains("A call worth finding"), "{page}");
    // The search index is updated, not rebuilt: in each language the passage table of the
    // call (its title changed) and the postings files of the title's words (in Chinese, of
    // its characters and their pairs), a small part of the index.
    let search_after = search_times(root);
    let rewritten: Vec<&String> = search_after
        .iter()
        .filter(|(path, time)| search_before.get(*path) != Some(*time))
        .map(|(path, _)| path)
        .collect();
    for lang in ["en", "es", "fr", "ar", "zh-Hans", "de", "ru"] {
        let of_lang: Vec<&&String> = rewritten
            .iter()
            .filter(|p| p.starts_with(&format!("search/{lang}/")))
            .collect();
        let tables = of_lang.iter().filter(|p| p.contains("/d/")).count();
        assert_eq!(tables, 1, "{lang}: {of_lang:?}");
        let all = search_after
            .keys()
            .filter(|p| p.starts_with(&format!("search/{lang}/")))
            .count();
        assert!(
            of_lang.len() >= 2 && of_lang.len() * 5 < all,
            "{lang}: {of_lang:?} of {all}"
        );
    }
}
