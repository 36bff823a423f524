//! Hostile input, December 2026 (`docs/reliability.md`): text that would make a page or a
//! terminal lie, Fluent messages that multiply, names that collide or that Windows refuses,
//! files that were silently left out. Each case builds a small site in a temporary folder
//! and runs the binary as the README does; every message is a snapshot
//! (`tests/snapshots/hostile_input__*.snap`).

mod common;

use std::path::Path;

use common::{bare_site, heptaglot, notes, stderr, write, yaml_quoted};

/// Runs heptaglot; its exit status and its standard error, the folder written `[site]`.
fn run(dir: &Path, args: &[&str]) -> (bool, String) {
    let output = heptaglot(dir, args);
    let err = stderr(&output).replace(&dir.display().to_string(), "[site]");
    assert!(!err.contains("panicked"), "{err}");
    (output.status.success(), err)
}

/// `check`, which must fail; its report.
fn check_fails(dir: &Path) -> String {
    let (ok, err) = run(dir, &["check"]);
    assert!(!ok, "check passed:\n{err}");
    err
}

/// `check`, which must pass; its report.
fn check_passes(dir: &Path) -> String {
    let (ok, err) = run(dir, &["check"]);
    assert!(ok, "check failed:\n{err}");
    err
}

/// A notes file with one topic whose speaker is named `name` (a YAML scalar as written).
fn notes_with_speaker(name: &str) -> String {
    notes(&format!(
        "people:\n  alice:\n    name: {name}\ntopics:\n  - title: Budget\n    points:\n      - speaker: alice\n        text: I agree with the proposal.\n"
    ))
}

#[test]
fn an_unterminated_right_to_left_override_in_a_name_is_refused_where_it_is() {
    let dir = bare_site();
    write(
        dir.path(),
        "digests/a.yaml",
        notes_with_speaker("Alice\u{202E}"),
    );
    let err = check_fails(dir.path());
    assert!(err.contains("digests/a.yaml:8:16"), "{err}");
    insta::assert_snapshot!("bidi-override-in-a-name", err);
}

#[test]
fn bidi_controls_must_close_on_their_line_and_balanced_isolates_stay() {
    let dir = bare_site();
    // An isolate left open in a title; an embedding closed twice in a point.
    write(
        dir.path(),
        "digests/a.yaml",
        notes(&format!(
            "topics:\n  - title: {}\n    points:\n      - text: {}\n",
            yaml_quoted("Budget \u{2067}"),
            yaml_quoted("a \u{202B}b\u{202C}\u{202C}"),
        )),
    );
    insta::assert_snapshot!("bidi-unterminated-and-unbalanced", check_fails(dir.path()));
    // A name in the other direction between a closed isolate is fine.
    write(
        dir.path(),
        "digests/a.yaml",
        notes("topics:\n  - title: \"Budget of \u{2067}ويكيميديا\u{2069} 2021\"\n"),
    );
    check_passes(dir.path());
}

#[test]
fn control_characters_through_yaml_escapes_are_refused_in_every_text_field() {
    for (escape, field) in [
        ("\\0", "series"),
        ("\\x1b[2J", "topics[0].title"),
        ("\\x9b31m", "topics[0].points[0].text"),
        ("\\ufffe", "people.alice.affiliation"),
    ] {
        let dir = bare_site();
        let quoted = format!("\"bad {escape}\"");
        let (series, title, text, affiliation) = match field {
            "series" => (quoted.as_str(), "Budget", "Fine.", "WMF"),
            "topics[0].title" => ("Calls", quoted.as_str(), "Fine.", "WMF"),
            "topics[0].points[0].text" => ("Calls", "Budget", quoted.as_str(), "WMF"),
            _ => ("Calls", "Budget", "Fine.", quoted.as_str()),
        };
        write(
            dir.path(),
            "digests/a.yaml",
            format!(
                "series: {series}\nnumber: \"001\"\ndate: 2021-03-04\nheld_in: [es]\nwritten_in: en\npeople:\n  alice:\n    name: Alice\n    affiliation: {affiliation}\ntopics:\n  - title: {title}\n    points:\n      - speaker: alice\n        text: {text}\n"
            ),
        );
        let err = check_fails(dir.path());
        assert!(
            err.contains(&format!("field: {field}")) || err.contains(field),
            "{err}"
        );
        if escape == "\\x1b[2J" {
            insta::assert_snapshot!("control-character-escape", err);
        }
        // Nothing of it is published: the digest is left out.
        let (_, _) = run(dir.path(), &["build"]);
        let md = dir.path().join("public/en/a/index.md");
        assert!(!md.exists(), "{field}: published anyway");
    }
}

#[test]
fn a_translation_with_a_control_character_or_an_open_override_is_refused() {
    let dir = bare_site();
    write(
        dir.path(),
        "digests/a.yaml",
        notes("topics:\n  - title: Budget\n"),
    );
    let (ok, err) = run(dir.path(), &["translate", "a", "--to", "fr"]);
    assert!(ok, "{err}");
    let path = dir.path().join("locales/fr/digests/a.yaml");
    let file = std::fs::read_to_string(&path).unwrap();
    let file = file.replacen("translation:\n", "translation: \"Bud\\x1bget\"\n", 1);
    std::fs::write(&path, file).unwrap();
    insta::assert_snapshot!("translation-control-character", check_fails(dir.path()));
}

#[test]
fn a_fluent_message_with_an_override_is_refused_and_an_isolated_variable_stays() {
    let dir = bare_site();
    let path = dir.path().join("locales/fr/main.ftl");
    let mut ftl = std::fs::read_to_string(&path).unwrap();
    ftl.push_str("hostile-a = Alice\u{202E} dit\nhostile-b = Nom : \u{2068}{ $name }\u{2069}\n");
    std::fs::write(&path, ftl).unwrap();
    let err = check_fails(dir.path());
    assert!(!err.contains("[hostile-b]"), "{err}");
    insta::assert_snapshot!(
        "fluent-override",
        err.lines()
            .filter(|l| !l.contains("message(s) not translated"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn a_fluent_message_doubled_five_times_is_refused_and_never_written() {
    let dir = bare_site();
    write(dir.path(), "digests/a.yaml", notes(""));
    // The review's amplification: a 1 MB message, each level referring twice to the one
    // below, the site's title at the top: 32 MB per use.
    let path = dir.path().join("locales/fr/main.ftl");
    let mut ftl = String::new();
    for line in std::fs::read_to_string(&path).unwrap().lines() {
        if line.starts_with("site-title =") {
            ftl.push_str("site-title = { lol5 }\n");
        } else {
            ftl.push_str(line);
            ftl.push('\n');
        }
    }
    ftl.push_str(&format!("lol0 = {}\n", "x".repeat(1_000_000)));
    for level in 1..=5 {
        let below = level - 1;
        ftl.push_str(&format!("lol{level} = {{ lol{below} }}{{ lol{below} }}\n"));
    }
    std::fs::write(&path, ftl).unwrap();
    let err = check_fails(dir.path());
    assert!(
        err.contains("the message `site-title` can be 32000"),
        "{err}"
    );
    insta::assert_snapshot!(
        "fluent-amplification",
        err.lines()
            .filter(|l| l.contains("lol") || l.contains("site-title") || l.contains("error(s)"))
            .map(|l| if l.len() > 200 { &l[..200] } else { l })
            .collect::<Vec<_>>()
            .join("\n")
    );
    let (_, _) = run(dir.path(), &["build"]);
    let page = std::fs::metadata(dir.path().join("public/fr/index.html")).unwrap();
    assert!(
        page.len() < 1_000_000,
        "fr/index.html has {} bytes",
        page.len()
    );
}

/// A notes file of the series `series` (a YAML scalar as written), call `number`.
fn notes_of_series(series: &str, number: &str) -> String {
    format!(
        "series: {series}\nnumber: \"{number}\"\ndate: 2021-03-04\nheld_in: [es]\nwritten_in: en\n"
    )
}

#[test]
fn series_addresses_keep_their_letters_and_two_that_would_merge_are_an_error() {
    let dir = bare_site();
    write(dir.path(), "digests/a.yaml", notes_of_series("École", "1"));
    write(dir.path(), "digests/b.yaml", notes_of_series("Cole", "2"));
    write(dir.path(), "digests/c.yaml", notes_of_series("Straße", "3"));
    let (ok, err) = run(dir.path(), &["build"]);
    assert!(ok, "{err}");
    for page in ["école", "cole", "straße"] {
        let path = dir
            .path()
            .join(format!("public/en/series/{page}/index.html"));
        assert!(path.is_file(), "no {}", path.display());
    }
    // "ÉCOLE!" would share École's page.
    write(dir.path(), "digests/d.yaml", notes_of_series("ÉCOLE!", "4"));
    insta::assert_snapshot!("series-sharing-an-address", check_fails(dir.path()));
}

#[test]
fn windows_device_names_are_refused_as_slugs_and_series_addresses() {
    let dir = bare_site();
    write(dir.path(), "digests/con.yaml", notes(""));
    write(dir.path(), "digests/a.yaml", notes("slug: nul\n"));
    write(dir.path(), "digests/b.yaml", notes("slug: com1\n"));
    write(dir.path(), "digests/c.yaml", notes_of_series("AUX", "1"));
    insta::assert_snapshot!("windows-device-names", check_fails(dir.path()));
}

#[test]
fn new_refuses_a_line_break_in_an_argument_and_what_it_writes_passes_check() {
    let dir = bare_site();
    let (ok, err) = run(
        dir.path(),
        &[
            "new",
            "--series",
            "Clinics\ndate: 1999-01-01",
            "--number",
            "7",
            "--date",
            "2021-03-04",
        ],
    );
    assert!(!ok);
    insta::assert_snapshot!("new-line-break-in-series", err);
    assert!(
        !dir.path()
            .join("digests/clinics-date-1999-01-01-7.yaml")
            .exists()
    );
    // Quotes, backslashes, `#` and `: ` are escaped: the file passes `check`.
    let (ok, err) = run(
        dir.path(),
        &[
            "new",
            "--series",
            "Clinics: \"a\" \\ # b",
            "--number",
            "#7",
            "--date",
            "2021-03-04",
        ],
    );
    assert!(ok, "{err}");
    check_passes(dir.path());
}

#[test]
fn a_translation_saved_as_yml_is_read_and_translate_starts_no_file_beside_it() {
    let dir = bare_site();
    write(
        dir.path(),
        "digests/a.yaml",
        notes("topics:\n  - title: Budget\n"),
    );
    let (ok, err) = run(dir.path(), &["translate", "a", "--to", "fr"]);
    assert!(ok, "{err}");
    let folder = dir.path().join("locales/fr/digests");
    std::fs::rename(folder.join("a.yaml"), folder.join("a.yml")).unwrap();
    // Read as it is (it used to be skipped without a word)...
    let (ok, err) = run(dir.path(), &["check"]);
    assert!(ok, "{err}");
    // ...and `translate` keeps one file for the digest, never a fresh one beside it.
    let (ok, err) = run(dir.path(), &["translate", "a", "--to", "fr"]);
    assert!(ok, "{err}");
    assert!(
        folder.join("a.yml").exists() != folder.join("a.yaml").exists(),
        "one translation file for the digest"
    );
    // Both: an error naming the two.
    let kept = if folder.join("a.yml").exists() {
        "a.yml"
    } else {
        "a.yaml"
    };
    let other = if kept == "a.yml" { "a.yaml" } else { "a.yml" };
    std::fs::copy(folder.join(kept), folder.join(other)).unwrap();
    let err = check_fails(dir.path());
    assert!(err.contains("a.yml") && err.contains("a.yaml"), "{err}");
}

#[test]
fn an_upper_case_yaml_notes_file_is_read_and_two_files_of_one_digest_are_an_error() {
    let dir = bare_site();
    write(dir.path(), "digests/Other.YAML", notes(""));
    write(dir.path(), "digests/x.yaml", notes(""));
    write(dir.path(), "digests/x.yml", notes(""));
    insta::assert_snapshot!("notes-file-extensions", check_fails(dir.path()));
}

#[test]
fn a_stylesheet_that_is_not_utf8_or_is_a_link_is_reported_where_it_is() {
    let dir = bare_site();
    write(dir.path(), "digests/a.yaml", notes(""));
    let css = dir.path().join("templates/style.css");
    let mut bytes = std::fs::read(&css).unwrap();
    bytes.extend_from_slice(b"\n/* caf\xe9 */\n");
    std::fs::write(&css, &bytes).unwrap();
    let err = check_fails(dir.path());
    assert!(err.contains("templates/style.css:"), "{err}");
    insta::assert_snapshot!("stylesheet-latin-1", err);
    // A link in its place.
    std::fs::write(dir.path().join("elsewhere.css"), "body {}\n").unwrap();
    std::fs::remove_file(&css).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path().join("elsewhere.css"), &css).unwrap();
    #[cfg(unix)]
    insta::assert_snapshot!("stylesheet-link", check_fails(dir.path()));
}
