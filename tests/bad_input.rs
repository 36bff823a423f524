//! The catalog of bad input: each case builds a small site in a temporary folder, breaks one
//! thing, and runs `heptaglot check` (and `build` where publication is at stake) through the
//! CLI. Every message is a snapshot (`tests/snapshots/bad_input__*.snap`); no run may hang
//! (each is killed past a guard far above its time, and fails), and a build that meets
//! broken notes must leave the published site byte-identical.
//!
//! Cases that `tests/check.rs` already covers (wrong types, unknown and missing fields, a
//! Fluent syntax error, a variable the code never passes, `../` slugs and `javascript:`
//! links) are snapshotted there. Large inputs are generated here, never committed.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{bare_site, notes, snapshot, stderr, write};

/// After how many seconds a run is killed as hung: a guard, not a speed test. Every case
/// takes well under a second (the 1 MB line about 10 s in a debug build), so only a hang,
/// the failure these inputs once caused (alias bombs, deep nesting), reaches it.
const HANG_GUARD_SECONDS: u32 = 300;

/// Runs the binary in `dir` with `args` as [`common::heptaglot`] does, killed (and the test
/// failed) past [`HANG_GUARD_SECONDS`].
fn heptaglot(dir: &Path, args: &[&str]) -> Output {
    let output = Command::new("timeout")
        .args(["--signal=KILL", &HANG_GUARD_SECONDS.to_string()])
        .arg(env!("CARGO_BIN_EXE_heptaglot"))
        .arg("--root")
        .arg(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_ne!(
        output.status.code(),
        Some(128 + 9),
        "{args:?} hung: killed after {HANG_GUARD_SECONDS} s"
    );
    output
}

/// Runs heptaglot within the time budget; returns the output and its standard error with
/// the temporary folder written `[site]`.
fn run(dir: &Path, args: &[&str]) -> (Output, String) {
    let output = heptaglot(dir, args);
    let err = stderr(&output).replace(&dir.display().to_string(), "[site]");
    assert!(!err.contains("panicked"), "{err}");
    (output, err)
}

/// `check`, which must fail; its report.
fn check_fails(dir: &Path) -> String {
    let (output, err) = run(dir, &["check"]);
    assert_eq!(output.status.code(), Some(1), "{err}");
    err
}

/// `check`, which must pass; its report (warnings, if any).
fn check_passes(dir: &Path) -> String {
    let (output, err) = run(dir, &["check"]);
    assert!(output.status.success(), "{err}");
    err
}

/// Builds the site once with a good digest, lets `breaks` damage the inputs, then asserts
/// that `build` refuses and leaves every published file as it was. Returns the report.
fn build_refuses_and_keeps_the_site(dir: &Path, breaks: impl FnOnce(&Path)) -> String {
    write(dir, "digests/good.yaml", notes(""));
    let (first, err) = run(dir, &["build"]);
    assert!(first.status.success(), "{err}");
    let before = snapshot(&dir.join("public"));
    assert!(!before.is_empty());
    breaks(dir);
    let (second, err) = run(dir, &["build"]);
    assert!(!second.status.success(), "{err}");
    assert!(
        err.contains("nothing was written, and the site in [site]/public is unchanged")
            || err.contains("nothing was written"),
        "{err}"
    );
    assert!(
        snapshot(&dir.join("public")) == before,
        "the published site changed"
    );
    err
}

#[test]
fn an_unclosed_quote_is_a_yaml_syntax_error_with_its_position() {
    let dir = bare_site();
    let err = build_refuses_and_keeps_the_site(dir.path(), |d| {
        write(
            d,
            "digests/a.yaml",
            notes("topics:\n  - title: \"unclosed\n  - title: next\n"),
        )
    });
    assert!(err.contains("digests/a.yaml:"), "{err}");
    insta::assert_snapshot!("yaml-unclosed-quote", check_fails(dir.path()));
}

#[test]
fn an_alias_bomb_is_refused_quickly() {
    let dir = bare_site();
    // "Billion laughs": nine levels of nine aliases each would expand to 9^9 values.
    let mut bomb = notes("lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for level in 1..=9 {
        let refs = vec![format!("*lol{}", level - 1); 9].join(", ");
        bomb.push_str(&format!("lol{level}: &lol{level} [{refs}]\n"));
    }
    let err = build_refuses_and_keeps_the_site(dir.path(), |d| write(d, "digests/a.yaml", &bomb));
    assert!(err.contains("aliases"), "{err}");
    insta::assert_snapshot!("alias-bomb", check_fails(dir.path()));
}

#[test]
fn a_mapping_with_a_hundred_thousand_keys_and_one_repeated_is_reported_quickly() {
    // Finding a repeated key by scanning the keys before each one took 28 s in a release
    // build for this file; within the time budget means it is found in one pass.
    let dir = bare_site();
    let mut text = notes("extra:\n");
    for i in 0..100_000 {
        text.push_str(&format!("  k{i}: 1\n"));
    }
    text.push_str("  k7: 2\n");
    write(dir.path(), "digests/a.yaml", &text);
    let err = check_fails(dir.path());
    assert!(
        err.contains("the key `k7` is given twice in this mapping (first at line"),
        "{err}"
    );
}

#[test]
fn ten_thousand_levels_of_flow_nesting_are_refused() {
    let dir = bare_site();
    let deep = notes(&format!(
        "topics: {}{}\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    ));
    write(dir.path(), "digests/a.yaml", deep);
    let err = check_fails(dir.path());
    assert!(err.contains("nested more than 128 levels"), "{err}");
    insta::assert_snapshot!("deep-flow-nesting", err);
}

#[test]
fn ten_thousand_levels_of_block_nesting_are_refused() {
    let dir = bare_site();
    // Block sequences nest on one line (`- - - x`); nested mappings need indentation, so
    // 10,000 levels of them are 50 MB (refused by size, below) and 1,000 levels show the
    // depth limit through indentation.
    let compact = notes(&format!("topics:\n  {}x\n", "- ".repeat(10_000)));
    write(dir.path(), "digests/a.yaml", compact);
    let mut indented = notes("topics:\n");
    for level in 1..1_000 {
        indented.push_str(&" ".repeat(level));
        indented.push_str("k:\n");
    }
    write(dir.path(), "digests/b.yaml", indented);
    let err = check_fails(dir.path());
    // One problem for each file, each said once.
    assert_eq!(
        err.matches("nested more than 128 levels").count(),
        2,
        "{err}"
    );
    insta::assert_snapshot!("deep-block-nesting", err);
}

#[test]
fn a_50_mb_notes_file_is_refused_without_reading_it() {
    let dir = bare_site();
    let mut big = notes("intro: |\n");
    let line = "  A long intro line, repeated to make the file fifty megabytes large.\n";
    while big.len() < 50 * 1024 * 1024 {
        big.push_str(line);
    }
    let err = build_refuses_and_keeps_the_site(dir.path(), |d| write(d, "digests/a.yaml", &big));
    assert!(err.contains("more than the 4194304"), "{err}");
    insta::assert_snapshot!("notes-file-50-mb", check_fails(dir.path()));
}

#[test]
fn a_one_megabyte_line_is_cut_in_the_report_and_fine_when_valid() {
    let dir = bare_site();
    let long = "x".repeat(1024 * 1024);
    write(
        dir.path(),
        "digests/a.yaml",
        notes(&format!("intro: {long}\ntitle: [{long}\n")),
    );
    let err = check_fails(dir.path());
    assert!(err.len() < 4_000, "the report is {} bytes", err.len());
    insta::assert_snapshot!("one-mb-line", err);

    // The same line as a valid value is simply text. `check` renders every page in memory,
    // which in a debug build takes about 10 µs per character of the value (mostly ICU
    // script lookups, in each of the seven languages): seconds, under the same guard.
    write(
        dir.path(),
        "digests/a.yaml",
        notes(&format!("intro: {long}\n")),
    );
    let output = heptaglot(dir.path(), &["check"]);
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn invalid_utf8_names_the_byte_and_its_position() {
    let dir = bare_site();
    let mut latin1 = notes("intro: caf").into_bytes();
    latin1.extend_from_slice(b"\xe9 con leche\n");
    let err = build_refuses_and_keeps_the_site(dir.path(), |d| write(d, "digests/a.yaml", &latin1));
    assert!(err.contains("digests/a.yaml:6:11"), "{err}");
    insta::assert_snapshot!("invalid-utf8-notes", check_fails(dir.path()));
}

#[test]
fn a_translation_file_in_latin1_is_reported_and_never_overwritten() {
    let dir = bare_site();
    write(
        dir.path(),
        "digests/a.yaml",
        notes("intro: Hello, everyone.\n"),
    );
    let (output, err) = run(dir.path(), &["translate", "a", "--to", "fr"]);
    assert!(output.status.success(), "{err}");
    let path = dir.path().join("locales/fr/digests/a.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut latin1 = text
        .replacen(
            "\n    translation:",
            "\n    translation: \"Bonjour \u{e0} tous.\"",
            1,
        )
        .replace('\u{e0}', "\u{1}")
        .into_bytes();
    // The translator's editor saved "à" as Latin-1.
    for byte in &mut latin1 {
        if *byte == 1 {
            *byte = 0xe0;
        }
    }
    std::fs::write(&path, &latin1).unwrap();
    let err = check_fails(dir.path());
    insta::assert_snapshot!("invalid-utf8-translation", err);
    let (output, err) = run(dir.path(), &["translate", "a", "--to", "fr"]);
    assert!(!output.status.success(), "{err}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        latin1,
        "the translation was overwritten"
    );
}

#[test]
fn a_byte_order_mark_and_crlf_line_endings_simply_work() {
    let dir = bare_site();
    let text = notes("topics:\n  - title: One\n    body: |\n      line one\n      line two\n");
    let mut bom = b"\xef\xbb\xbf".to_vec();
    bom.extend_from_slice(text.as_bytes());
    write(dir.path(), "digests/bom.yaml", bom);
    write(
        dir.path(),
        "digests/crlf.yaml",
        text.replace("\"001\"", "\"002\"").replace('\n', "\r\n"),
    );
    assert_eq!(check_passes(dir.path()), "");
    let (output, err) = run(dir.path(), &["build"]);
    assert!(output.status.success(), "{err}");
    for slug in ["bom", "crlf"] {
        let md = common::published(dir.path(), &format!("en/{slug}.md"));
        assert!(md.contains("line one\nline two"), "{md}");
        let html = common::published(dir.path(), &format!("en/{slug}/index.html"));
        assert!(!html.contains('\r') && !html.contains('\u{feff}'), "{slug}");
    }
}

#[test]
fn tabs_in_indentation_are_errors_and_tabs_in_values_are_text() {
    let dir = bare_site();
    write(
        dir.path(),
        "digests/a.yaml",
        notes("topics:\n\t- title: One\n"),
    );
    write(
        dir.path(),
        "digests/b.yaml",
        notes("topics:\n  - title: One\n  \tbody: x\n"),
    );
    let err = check_fails(dir.path());
    assert!(err.contains("digests/a.yaml:7:1"), "{err}");
    assert!(err.contains("digests/b.yaml:8:3"), "{err}");
    insta::assert_snapshot!("tabs-in-indentation", err);

    std::fs::remove_file(dir.path().join("digests/b.yaml")).unwrap();
    write(
        dir.path(),
        "digests/a.yaml",
        notes(
            "title: \"a\\tb\"\nintro: tab\tinside\ntopics:\n  - title:\tOne\n    body: |\n      \tindented by a tab inside a block\n",
        ),
    );
    assert_eq!(check_passes(dir.path()), "");
}

#[test]
fn a_nul_byte_is_an_error() {
    let dir = bare_site();
    let err = build_refuses_and_keeps_the_site(dir.path(), |d| {
        write(d, "digests/a.yaml", notes("intro: a\0b\n"))
    });
    assert!(err.contains("digests/a.yaml:6:9"), "{err}");
    insta::assert_snapshot!("nul-byte", check_fails(dir.path()));
}

#[test]
fn a_duplicate_key_names_both_places() {
    let dir = bare_site();
    write(dir.path(), "digests/a.yaml", notes("number: \"002\"\n"));
    write(
        dir.path(),
        "digests/b.yaml",
        notes("topics:\n  - title: One\n    body: x\n    title: Two\n"),
    );
    let err = check_fails(dir.path());
    assert!(err.contains("(first at line 2, column 1)"), "{err}");
    assert!(err.contains("(first at line 7, column 5)"), "{err}");
    insta::assert_snapshot!("duplicate-keys", err);
}

#[test]
fn two_digests_with_the_same_slug_are_refused() {
    let dir = bare_site();
    let err = build_refuses_and_keeps_the_site(dir.path(), |d| {
        write(d, "digests/call.yaml", notes("").replace("001", "002"));
        write(
            d,
            "digests/other.yaml",
            notes("slug: call\n").replace("001", "003"),
        );
        write(d, "digests/2021/call.yaml", notes("").replace("001", "004"));
    });
    assert!(err.contains("the slug `call` is also used by"), "{err}");
    insta::assert_snapshot!("duplicate-slugs", check_fails(dir.path()));
}

#[test]
fn paths_outside_the_site_in_slugs_links_and_translation_files() {
    let dir = bare_site();
    write(dir.path(), "digests/a.yaml", notes("slug: /etc/passwd\n"));
    write(
        dir.path(),
        "digests/b.yaml",
        notes(
            "links:\n  - title: up\n    url: ../../secret\n  - title: root\n    url: /etc/passwd\n  - title: file\n    url: file:///etc/passwd\n",
        ),
    );
    // Links in text may be relative (`#topic-2`): they stay links on the site, and neither
    // `build` nor a browser reads a file through them.
    write(
        dir.path(),
        "digests/c.yaml",
        notes("intro: \"see [up](../../../etc/passwd) and [root](/etc/passwd)\"\n"),
    );
    // Translation files: a name that is not a slug, and a `digest:` that climbs out.
    write(dir.path(), "locales/fr/digests/...yaml", "digest: ../x\n");
    write(
        dir.path(),
        "locales/fr/digests/c.yaml",
        "digest: ../../c\nlanguage: fr\nunits:\n",
    );
    let err = check_fails(dir.path());
    insta::assert_snapshot!("paths-outside-the-site", err);

    for digest in ["../../etc", "/etc/passwd"] {
        let (output, err) = run(dir.path(), &["translate", digest, "--to", "fr"]);
        assert!(!output.status.success());
        assert!(
            err.contains(&format!("there is no digest {digest:?}")),
            "{err}"
        );
    }
    // Once the notes are fixed, the text links build as relative links, and nothing is
    // written outside the output folder.
    std::fs::remove_file(dir.path().join("digests/a.yaml")).unwrap();
    std::fs::remove_file(dir.path().join("digests/b.yaml")).unwrap();
    // A translation file that cannot be used stops the build, as a broken notes file does.
    let (output, err) = run(dir.path(), &["build"]);
    assert!(!output.status.success());
    assert!(
        err.contains("locales/fr/digests/c.yaml:1:9: error: this file is for digest \"../../c\""),
        "{err}"
    );
    std::fs::remove_file(dir.path().join("locales/fr/digests/c.yaml")).unwrap();
    let (output, err) = run(dir.path(), &["build"]);
    assert!(output.status.success(), "{err}");
    let html = common::published(dir.path(), "en/c/index.html");
    assert!(html.contains("href=\"../../../etc/passwd\""), "{html}");
    let mut top: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    top.sort();
    // Beside the output: the build's cache, marked as one.
    assert_eq!(
        top,
        [
            ".public.heptaglot-cache",
            "digests",
            "locales",
            "public",
            "templates"
        ]
    );
    assert!(
        dir.path()
            .join(".public.heptaglot-cache/CACHEDIR.TAG")
            .is_file()
    );
}

#[test]
fn a_symlink_loop_in_digests_is_reported() {
    let dir = bare_site();
    let err = build_refuses_and_keeps_the_site(dir.path(), |d| {
        let digests = d.join("digests");
        std::os::unix::fs::symlink("loop-b.yaml", digests.join("loop-a.yaml")).unwrap();
        std::os::unix::fs::symlink("loop-a.yaml", digests.join("loop-b.yaml")).unwrap();
        std::os::unix::fs::symlink("self.yaml", digests.join("self.yaml")).unwrap();
        std::os::unix::fs::symlink("gone.yaml", digests.join("dangling.yaml")).unwrap();
        // A folder link back up is not followed: no file is loaded twice.
        std::fs::create_dir(digests.join("sub")).unwrap();
        std::os::unix::fs::symlink("..", digests.join("sub/up")).unwrap();
    });
    assert!(!err.contains("good.yaml"), "{err}");
    insta::assert_snapshot!("symlink-loop", check_fails(dir.path()));
}

#[test]
fn an_unreadable_file_is_an_error() {
    let dir = bare_site();
    write(dir.path(), "digests/locked.yaml", notes(""));
    let locked = dir.path().join("digests/locked.yaml");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&locked).is_err() {
        let err = check_fails(dir.path());
        assert!(
            err.contains("digests/locked.yaml: error: cannot read the file: Permission denied"),
            "{err}"
        );
    } else {
        // Running as root: permissions do not stop reads, so the FIFO, socket and link cases
        // below are what make a file unreadable here.
        check_passes(dir.path());
    }
    std::fs::remove_file(&locked).unwrap();

    // A named pipe would block a reader forever; a socket cannot be read at all.
    let status = std::process::Command::new("mkfifo")
        .arg(dir.path().join("digests/pipe.yaml"))
        .arg(dir.path().join("elsewhere.fifo"))
        .status()
        .unwrap();
    assert!(status.success());
    std::os::unix::fs::symlink("../elsewhere.fifo", dir.path().join("digests/linked.yaml"))
        .unwrap();
    let _socket =
        std::os::unix::net::UnixListener::bind(dir.path().join("digests/socket.yaml")).unwrap();
    // The same where a locale and a translation file should be.
    std::fs::remove_file(dir.path().join("locales/de/site.ftl")).unwrap();
    std::os::unix::fs::symlink(
        "../../elsewhere.fifo",
        dir.path().join("locales/de/site.ftl"),
    )
    .unwrap();
    write(dir.path(), "digests/good.yaml", notes(""));
    std::fs::create_dir_all(dir.path().join("locales/es/digests")).unwrap();
    std::os::unix::fs::symlink(
        "../../../elsewhere.fifo",
        dir.path().join("locales/es/digests/good.yaml"),
    )
    .unwrap();
    std::os::unix::fs::symlink("elsewhere.fifo", dir.path().join("heptaglot.toml")).unwrap();
    insta::assert_snapshot!("unreadable-files", check_fails(dir.path()));
}

#[test]
fn a_missing_or_broken_template_stops_the_build() {
    let dir = bare_site();
    let err = build_refuses_and_keeps_the_site(dir.path(), |d| {
        std::fs::remove_file(d.join("templates/digest.html")).unwrap();
        let index = d.join("templates/index.md");
        let text = std::fs::read_to_string(&index).unwrap();
        std::fs::write(&index, text.replacen("{%", "{% if", 1)).unwrap();
    });
    assert!(err.contains("the templates did not load"), "{err}");
    insta::assert_snapshot!("template-missing-or-broken", check_fails(dir.path()));
}

#[test]
fn a_missing_or_empty_locale_folder_falls_back_to_english() {
    let dir = bare_site();
    write(dir.path(), "digests/a.yaml", notes(""));
    std::fs::remove_dir_all(dir.path().join("locales/de")).unwrap();
    for entry in std::fs::read_dir(dir.path().join("locales/ru")).unwrap() {
        std::fs::remove_file(entry.unwrap().path()).unwrap();
    }
    insta::assert_snapshot!("locale-folder-missing-or-empty", check_fails(dir.path()));
    let (output, err) = run(dir.path(), &["build"]);
    assert!(output.status.success(), "{err}");
    for lang in ["de", "ru"] {
        let index = common::published(dir.path(), &format!("{lang}/index.html"));
        assert!(index.contains("<h1>Call digests</h1>"), "{lang}");
        assert!(index.contains(&format!("lang=\"{lang}\"")), "{lang}");
    }
}

#[test]
fn a_language_outside_the_seven_is_an_error_wherever_it_is_named() {
    let dir = bare_site();
    write(
        dir.path(),
        "heptaglot.toml",
        "languages = [\"en\", \"pt\", \"zh\"]\n\n[fallback]\nxx = [\"en\"]\nfr = [\"klingon\"]\n",
    );
    write(
        dir.path(),
        "digests/a.yaml",
        notes("")
            .replace("held_in: [es]", "held_in: [es, pt]")
            .replace("written_in: en", "written_in: english"),
    );
    write(dir.path(), "locales/pt/main.ftl", "site-title = Resumos\n");
    std::fs::create_dir_all(dir.path().join("locales/zh-hant")).unwrap();
    insta::assert_snapshot!("language-outside-the-seven", check_fails(dir.path()));
}

#[test]
fn a_cyclic_fluent_reference_is_named_and_falls_back_to_english() {
    let dir = bare_site();
    write(dir.path(), "digests/a.yaml", notes(""));
    let path = dir.path().join("locales/fr/main.ftl");
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text
        .lines()
        .map(|l| {
            if l.starts_with("site-title =") {
                "site-title = Résumés { site-title-short }\nsite-title-short = { -brand }\n-brand = { site-title }"
                    .to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&path, text).unwrap();
    let err = check_fails(dir.path());
    assert!(
        err.contains("`-brand` → `site-title` → `site-title-short` → `-brand`"),
        "{err}"
    );
    insta::assert_snapshot!("fluent-cyclic-reference", err);
    let (output, err) = run(dir.path(), &["build"]);
    assert!(output.status.success(), "{err}");
    let index = common::published(dir.path(), "fr/index.html");
    assert!(
        index.contains("<h1>Call digests</h1>"),
        "falls back to English"
    );
}

#[test]
fn a_broken_heptaglot_toml_stops_the_build() {
    let dir = bare_site();
    let err = build_refuses_and_keeps_the_site(dir.path(), |d| {
        write(
            d,
            "heptaglot.toml",
            "title = \"Digests\nlanguages = [\"en\"]\n",
        )
    });
    assert!(err.contains("heptaglot.toml:1:"), "{err}");
    insta::assert_snapshot!("toml-syntax-error", check_fails(dir.path()));
    write(dir.path(), "heptaglot.toml", "languages = \"en\"\n");
    insta::assert_snapshot!("toml-wrong-type", check_fails(dir.path()));
    write(
        dir.path(),
        "heptaglot.toml",
        "title = \"Digests\"\nbase-url = \"https://example.org\"\n",
    );
    insta::assert_snapshot!("toml-unknown-key", check_fails(dir.path()));
}

/// Many of the problems above in one site: one `check` run names every broken file. (A broken
/// template is left out: without templates nothing renders, and a message that fails only
/// when rendered, the `$nonexistent` variable here, cannot be found in that run.)
#[test]
fn check_reports_every_broken_file_in_one_run() {
    let dir = bare_site();
    let d = dir.path();
    write(d, "digests/call.yaml", notes(""));
    write(
        d,
        "digests/syntax.yaml",
        notes("topics:\n  - title: [unclosed\n"),
    );
    write(
        d,
        "digests/types.yaml",
        notes("attendance:\n  staff: [7]\ntopics:\n  - pionts: []\n").replace("001", "002"),
    );
    let mut bomb = notes("a: &a [x, x, x, x, x, x, x, x, x]\n");
    for (name, prev) in ["b", "c", "d", "e", "f", "g", "h", "i"]
        .iter()
        .zip("abcdefgh".chars())
    {
        bomb.push_str(&format!(
            "{name}: &{name} [{}]\n",
            vec![format!("*{prev}"); 9].join(", ")
        ));
    }
    write(d, "digests/bomb.yaml", bomb);
    write(
        d,
        "digests/deep.yaml",
        format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)),
    );
    write(
        d,
        "digests/long.yaml",
        notes(&format!("intro: {}\ntitle: [\n", "x".repeat(1024 * 1024))),
    );
    let mut latin1 = notes("intro: caf").into_bytes();
    latin1.extend_from_slice(b"\xe9\n");
    write(d, "digests/latin1.yaml", latin1);
    write(d, "digests/nul.yaml", notes("intro: a\0b\n"));
    write(d, "digests/tabs.yaml", notes("topics:\n\t- title: One\n"));
    write(d, "digests/dupkey.yaml", notes("date: 2021-03-05\n"));
    write(
        d,
        "digests/dupslug.yaml",
        notes("slug: call\n").replace("001", "005"),
    );
    write(d, "digests/escape.yaml", notes("slug: ../../etc\n"));
    std::os::unix::fs::symlink("loop.yaml", d.join("digests/loop.yaml")).unwrap();
    let status = std::process::Command::new("mkfifo")
        .arg(d.join("digests/pipe.yaml"))
        .status()
        .unwrap();
    assert!(status.success());
    std::fs::remove_dir_all(d.join("locales/ru")).unwrap();
    write(d, "locales/xx/main.ftl", "site-title = X\n");
    let de = d.join("locales/de/main.ftl");
    let text = std::fs::read_to_string(&de).unwrap().replacen(
        "\nsite-title = ",
        "\nsite-title = { $nonexistent } ",
        1,
    );
    std::fs::write(&de, text).unwrap();
    let fr = d.join("locales/fr/main.ftl");
    let text = std::fs::read_to_string(&fr).unwrap().replacen(
        "\nsite-title = ",
        "\nsite-title = { site-title } ",
        1,
    );
    std::fs::write(&fr, text).unwrap();
    let es = d.join("locales/es/main.ftl");
    let text = std::fs::read_to_string(&es).unwrap().replacen(
        "\nsite-title = ",
        "\nsite-title = { $broken ",
        1,
    );
    std::fs::write(&es, text).unwrap();
    write(
        d,
        "heptaglot.toml",
        "languages = [\"en\", \"es\", \"fr\", \"de\", \"pt\"]\n",
    );

    let err = check_fails(d);
    for file in [
        "digests/syntax.yaml:",
        "digests/types.yaml:",
        "digests/bomb.yaml:",
        "digests/deep.yaml:",
        "digests/long.yaml:",
        "digests/latin1.yaml:",
        "digests/nul.yaml:",
        "digests/tabs.yaml:",
        "digests/dupkey.yaml:",
        "digests/dupslug.yaml:",
        "digests/escape.yaml:",
        "digests/loop.yaml:",
        "digests/pipe.yaml:",
        "locales/ru:",
        "locales/xx:",
        "locales/de/main.ftl:",
        "locales/fr/main.ftl:",
        "locales/es/main.ftl:",
        "heptaglot.toml:",
    ] {
        assert!(
            err.contains(&format!("\n{file}")) || err.starts_with(file),
            "{file} is missing from:\n{err}"
        );
    }
    assert!(!err.contains("digests/call.yaml:"), "{err}");
    insta::assert_snapshot!("every-problem-in-one-run", err);
}
