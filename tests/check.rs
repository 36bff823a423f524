//! `heptaglot check` (and the build) on broken input: every problem, with file, line and
//! column, in one run.

mod common;

use common::{heptaglot, notes, site, stderr};

#[test]
fn the_example_site_passes_check() {
    let dir = site(true);
    let output = heptaglot(dir.path(), &["check"]);
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn a_yaml_syntax_error_is_reported_with_its_position() {
    let dir = site(false);
    std::fs::write(
        dir.path().join("digests/a.yaml"),
        notes("topics:\n  - title: [unclosed\n"),
    )
    .unwrap();
    let output = heptaglot(dir.path(), &["check"]);
    assert!(!output.status.success());
    let err = stderr(&output);
    assert!(err.contains("digests/a.yaml:7:"), "{err}");
    assert!(err.contains("YAML syntax error"), "{err}");
    insta::assert_snapshot!("yaml-syntax-error", err);
}

#[test]
fn every_problem_in_every_file_is_reported_in_one_run() {
    let dir = site(false);
    // Wrong type, unknown field with a likely typo, missing field: three problems in one file.
    std::fs::write(
        dir.path().join("digests/a.yaml"),
        notes("attendance:\n  staff: [7]\ntopics:\n  - title: One\n    pionts: []\n  - body: no title\n"),
    )
    .unwrap();
    // A semantic problem in a second file.
    std::fs::write(
        dir.path().join("digests/b.yaml"),
        notes("topics:\n  - title: T\n    points:\n      - speaker: quim\n        text: hi\n")
            .replace("held_in: [es]", "held_in: [zh]"),
    )
    .unwrap();
    let output = heptaglot(dir.path(), &["check"]);
    assert!(!output.status.success());
    let err = stderr(&output);
    for expected in [
        "digests/a.yaml:7:10: error: expected a whole number or text, found a list [attendance.staff]",
        "digests/a.yaml:10:5: error: unknown field `pionts` [topics[0]]",
        "help: did you mean `points`?",
        "digests/a.yaml:11:5: error: missing field `title` [topics[1]]",
        "digests/b.yaml:4:11: error: `zh` is not one of the seven languages [held_in[0]]",
        "help: did you mean `zh-Hans`?",
        "digests/b.yaml:9:18: error: no person `quim` in `people` [topics[0].points[0].speaker]",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    assert!(err.contains("5 error(s)"), "{err}");
    insta::assert_snapshot!("wrong-types-unknown-and-missing-fields", err);
}

#[test]
fn a_fluent_syntax_error_names_file_line_and_column_and_falls_back_to_english() {
    let dir = site(true);
    let path = dir.path().join("locales/fr/main.ftl");
    let mut text = std::fs::read_to_string(&path).unwrap();
    let line = text
        .lines()
        .position(|l| l.starts_with("site-title"))
        .unwrap()
        + 1;
    text = text.replacen("site-title = ", "site-title = { $broken ", 1);
    std::fs::write(&path, text).unwrap();

    let check = heptaglot(dir.path(), &["check"]);
    assert!(!check.status.success());
    let err = stderr(&check);
    assert!(
        err.contains(&format!("locales/fr/main.ftl:{line}:")),
        "{err}"
    );
    assert!(err.contains("Fluent syntax error"), "{err}");
    insta::assert_snapshot!("fluent-syntax-error", err);

    let build = heptaglot(dir.path(), &["build"]);
    assert!(build.status.success(), "{}", stderr(&build));
    let index = std::fs::read_to_string(dir.path().join("public/fr/index.html")).unwrap();
    assert!(
        index.contains("<h1>Call digests</h1>"),
        "the broken message falls back to English"
    );
    assert!(index.contains("lang=\"fr\""));
}

#[test]
fn a_message_using_a_variable_the_code_never_passes_fails_check() {
    let dir = site(true);
    let path = dir.path().join("locales/de/main.ftl");
    let text = std::fs::read_to_string(&path).unwrap();
    let broken = text
        .lines()
        .map(|l| {
            if l.starts_with("site-title") {
                "site-title = Digests { $nonexistent }"
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&path, broken).unwrap();
    let output = heptaglot(dir.path(), &["check"]);
    assert!(!output.status.success());
    let err = stderr(&output);
    assert!(err.contains("locales/de/main.ftl:"), "{err}");
    assert!(err.contains("`$nonexistent`"), "{err}");
    insta::assert_snapshot!("fluent-variable-never-passed", err);

    // The build publishes, with the English message in place of the broken one.
    let build = heptaglot(dir.path(), &["build"]);
    assert!(build.status.success(), "{}", stderr(&build));
    let index = std::fs::read_to_string(dir.path().join("public/de/index.html")).unwrap();
    assert!(
        index.contains("<h1>Call digests</h1>"),
        "falls back to English"
    );
    assert!(!index.contains("nonexistent"));
}

#[test]
fn hostile_notes_cannot_inject_script() {
    let dir = site(false);
    let hostile = notes(
        r#"title: "<script>alert('title')</script>"
intro: "Hello <script>alert(1)</script> <img src=x onerror=alert(2)> [click](javascript:alert(3))"
people:
  evil:
    name: "<img src=x onerror=alert(4)>"
    affiliation: "\"><script>alert(5)</script>"
topics:
  - title: "</h2><script>alert(6)</script>"
    body: "<iframe src=https://evil.example></iframe>\n\n<a href=\"javascript:alert(7)\">x</a>"
    points:
      - speaker: evil
        text: "[x](JaVaScRiPt:alert(8)) <svg onload=alert(9)>"
"#,
    );
    std::fs::write(dir.path().join("digests/evil.yaml"), hostile).unwrap();
    // With a base URL, so that the feeds and the sitemap are written and checked too.
    let output = heptaglot(
        dir.path(),
        &["build", "--base-url", "https://digests.example.org"],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let feed = std::fs::read_to_string(dir.path().join("public/en/feed.xml")).unwrap();
    assert!(feed.contains("/en/evil/index.html"), "{feed}");
    assert!(!feed.to_lowercase().contains("<script"), "{feed}");
    assert!(dir.path().join("public/sitemap.xml").is_file());
    // The build's cache (binary, not served as a page) aside.
    for entry in walkdir::WalkDir::new(dir.path().join("public"))
        .into_iter()
        .filter_entry(|e| e.file_name() != ".heptaglot-cache")
    {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let text = std::fs::read_to_string(entry.path())
            .unwrap()
            .to_lowercase();
        let name = entry.path().display().to_string();
        // Hostile text may survive as visible, escaped text; never as markup.
        for tag in tags(&text) {
            // The scripts the templates load: search, and the root page's language choice.
            if tag == "script src=\"../../search.js\" defer"
                || tag == "script src=\"choose-language.js\" defer"
            {
                continue;
            }
            let tag_name: String = tag
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '/' || *c == '!')
                .collect();
            assert!(
                !["script", "iframe", "svg", "object", "embed", "style"]
                    .contains(&tag_name.as_str()),
                "{name}: <{tag}>"
            );
            assert!(!tag.contains("javascript:"), "{name}: <{tag}>");
            let has_handler = tag
                .split_whitespace()
                .skip(1)
                .any(|attr| attr.starts_with("on") && attr.contains('='));
            assert!(!has_handler, "{name}: <{tag}>");
        }
        assert!(!text.contains("](javascript:"), "{name}");
    }
}

/// The insides of every `<...>` tag in `text`.
fn tags(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('<') {
        let after = &rest[start + 1..];
        let end = after.find('>').unwrap_or(after.len());
        found.push(&after[..end]);
        rest = &after[end..];
    }
    found
}

#[test]
fn unsafe_links_and_slugs_are_errors() {
    let dir = site(false);
    std::fs::write(
        dir.path().join("digests/a.yaml"),
        notes("slug: ../../etc\nlinks:\n  - title: x\n    url: javascript:alert(1)\n"),
    )
    .unwrap();
    let output = heptaglot(dir.path(), &["check"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(
        err.contains("`../../etc` cannot be used as a page address"),
        "{err}"
    );
    assert!(err.contains("is not a web or mail address"), "{err}");
    insta::assert_snapshot!("unsafe-slug-and-link", err);
}

#[test]
fn schema_is_printed_and_matches_the_committed_copy() {
    let dir = site(false);
    let output = heptaglot(dir.path(), &["schema"]);
    assert!(output.status.success());
    let printed = String::from_utf8(output.stdout).unwrap();
    let committed = std::fs::read_to_string(common::repo().join("docs/notes.schema.json")).unwrap();
    assert_eq!(
        printed, committed,
        "regenerate with `cargo run -- schema > docs/notes.schema.json`"
    );
}

#[test]
fn new_scaffolds_a_notes_file_that_checks_and_never_overwrites() {
    let dir = site(false);
    let args = [
        "new",
        "--series",
        "Wikimedia Clinics",
        "--number",
        "007",
        "--date",
        "2020-08-20",
        "--held-in",
        "es",
    ];
    let output = heptaglot(dir.path(), &args);
    assert!(output.status.success(), "{}", stderr(&output));
    let path = dir.path().join("digests/wikimedia-clinics-007.yaml");
    assert!(path.is_file());
    let check = heptaglot(dir.path(), &["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    std::fs::write(&path, "edited").unwrap();
    let again = heptaglot(dir.path(), &args);
    assert!(!again.status.success());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "edited");
}
