//! Inputs a build must refuse before it publishes anything: a translation file that cannot
//! be read, two series that would share an address. Each stops `build` with exit code 1,
//! names the file, line and column, and leaves the published site as it was.

mod common;

use std::path::Path;

use common::{bare_site, heptaglot, notes, site, snapshot, stderr, write};

/// The names in the site's root folder: a build that stopped leaves no staging folder.
fn root_names(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Runs `build` (with `args`) in a site whose input is broken, and checks that it stops
/// naming `at` (file:line:col), writes nothing and leaves no staging folder.
fn assert_refused(root: &Path, args: &[&str], at: &str) {
    let public = root.join("public");
    let (before, names) = (snapshot(&public), root_names(root));
    let output = heptaglot(root, args);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{args:?} must fail: {err}");
    assert!(err.contains(at), "{args:?}: the error names {at}: {err}");
    assert!(
        err.contains("nothing was written"),
        "{args:?}: says nothing was written: {err}"
    );
    assert!(
        snapshot(&public) == before,
        "{args:?}: the published site changed"
    );
    assert_eq!(
        root_names(root),
        names,
        "{args:?}: a folder was left behind"
    );
}

fn built_examples() -> tempfile::TempDir {
    let dir = site(true);
    let output = heptaglot(dir.path(), &["build"]);
    assert!(output.status.success(), "{}", stderr(&output));
    dir
}

const FRENCH: &str = "locales/fr/digests/wikimedia-clinic-006.yaml";

#[test]
fn a_translation_file_with_a_yaml_syntax_error_stops_every_kind_of_build() {
    let dir = built_examples();
    let root = dir.path();
    let text = std::fs::read_to_string(root.join(FRENCH)).unwrap();
    let lines = text.lines().count();
    write(root, FRENCH, format!("{text}key: [unclosed\n"));
    let at = format!("{FRENCH}:{}:6: error: YAML syntax error", lines + 1);
    // Incremental (it writes in place, so it must read the file before writing), then full
    // (it renders into a staging folder, which must not replace the site).
    assert_refused(root, &["build"], &at);
    assert_refused(root, &["build", "--full"], &at);
    // Repaired, the next build publishes the French page again.
    write(root, FRENCH, &text);
    let output = heptaglot(root, &["build"]);
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn a_first_build_with_an_unreadable_translation_file_publishes_nothing() {
    let dir = site(true);
    let root = dir.path();
    let text = std::fs::read_to_string(root.join(FRENCH)).unwrap();
    write(root, FRENCH, text.replacen("units:", "units: [", 1));
    let output = heptaglot(root, &["build"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains(&format!("{FRENCH}:")), "{err}");
    assert!(!root.join("public/fr").exists(), "French was published");
}

#[test]
fn a_po_translation_file_with_a_syntax_error_stops_the_build() {
    let dir = built_examples();
    let root = dir.path();
    let german = "locales/de/digests/wikimedia-clinic-006.po";
    write(
        root,
        german,
        "msgid \"\"\nmsgstr \"\"\n\nmsgid \"unterminated\n",
    );
    assert_refused(root, &["build"], &format!("{german}:4:"));
    assert_refused(root, &["build", "--full"], &format!("{german}:4:"));
}

#[test]
fn two_series_that_would_share_an_address_stop_the_build_naming_both_files() {
    let dir = built_examples();
    let root = dir.path();
    // "Wikimedia Clinics" is the series of digests/wikimedia-clinic-006.yaml.
    let other = notes("").replace("Test Calls", "WIKIMEDIA clinics!");
    write(root, "digests/other-099.yaml", other);
    // The files in name order: the later one is in error, naming the earlier.
    let at = "digests/wikimedia-clinic-006.yaml:8:9: error: the series \"Wikimedia Clinics\" would have the address `series/wikimedia-clinics` of the series \"WIKIMEDIA clinics!\" of digests/other-099.yaml";
    // Incremental: the other file's head comes from the cache, without its series' name.
    assert_refused(root, &["build"], at);
    assert_refused(root, &["build", "--full"], at);
    // `check` says the same.
    let output = heptaglot(root, &["check"]);
    assert!(stderr(&output).contains(at), "{}", stderr(&output));
}

#[test]
fn series_of_one_name_in_two_normal_forms_are_one_series() {
    let dir = site(false);
    let root = dir.path();
    let (composed, decomposed) = ("Caf\u{e9} Calls", "Cafe\u{301} Calls");
    let one = notes("").replace("Test Calls", composed);
    let two = notes("").replace("Test Calls", decomposed);
    write(root, "digests/one.yaml", one);
    let output = heptaglot(root, &["build"]);
    assert!(output.status.success(), "{}", stderr(&output));
    write(
        root,
        "digests/two.yaml",
        two.replace("number: \"001\"", "number: \"002\""),
    );
    let output = heptaglot(root, &["build"]);
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn a_fluent_escape_cannot_smuggle_a_character_no_text_may_hold() {
    let dir = bare_site();
    let root = dir.path();
    let main = root.join("locales/fr/main.ftl");
    let text = std::fs::read_to_string(&main).unwrap();
    let more = r#"
-x-term = { $x }
x-over = a {"\u202E"} b
x-nul = a {"\u0000"} b
x-sel = { $n ->
   *[other] a {"\U00202E"} b
}
x-arg = a { -x-term(x: "\u202E") } b
"#;
    std::fs::write(&main, format!("{text}{more}")).unwrap();
    // Line (after the file's own lines), column, id, what: at the escape's string.
    let first = text.lines().count();
    let expected = [
        (3, 14, "x-over", "the bidi override U+202E"),
        (4, 13, "x-nul", "the control character U+0000"),
        (6, 17, "x-sel", "the bidi override U+202E"),
        // A term's argument reaches the page through the term's `{ $x }`.
        (8, 25, "x-arg", "the bidi override U+202E"),
    ];
    let output = heptaglot(root, &["check"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    for (line, column, id, what) in expected {
        let at = format!(
            "locales/fr/main.ftl:{}:{column}: error: the message holds {what}",
            first + line
        );
        assert!(err.contains(&at), "{id}: {at} in {err}");
        assert!(err.contains(&format!("[{id}]")), "{id} named in {err}");
    }
}

/// `text` with its percent-escapes decoded.
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&text[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn feeds_and_the_sitemap_hold_valid_uris_of_pages_with_unicode_addresses() {
    let dir = bare_site();
    let root = dir.path();
    let series = "Caf\u{e9} \u{d1}and\u{fa} \u{645}\u{62c}\u{644}\u{633}";
    write(
        root,
        "digests/cafe-001.yaml",
        notes("").replace("Test Calls", series),
    );
    let base = "https://example.org/site/";
    let output = heptaglot(root, &["build", "--base-url", base]);
    assert!(output.status.success(), "{}", stderr(&output));
    let public = root.join("public");
    let mut files = vec![public.join("sitemap.xml")];
    files.extend(["en", "fr", "ar"].map(|lang| public.join(lang).join("feed.xml")));
    let (mut checked, mut unicode) = (0, 0);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let doc = roxmltree::Document::parse(&text).unwrap();
        for node in doc.descendants() {
            let address = match node.tag_name().name() {
                "loc" | "id" => node.text(),
                "link" => node.attribute("href"),
                _ => None,
            };
            let Some(address) = address else { continue };
            assert!(address.is_ascii(), "{}: {address}", file.display());
            let parsed = url::Url::parse(address).unwrap();
            assert_eq!(parsed.as_str(), address, "a URI as the url crate writes it");
            let path = percent_decoded(address.strip_prefix(base).unwrap());
            unicode += usize::from(!path.is_ascii());
            let page = public.join(&path);
            assert!(page.is_file(), "{}: {address} is {path}", file.display());
            checked += 1;
        }
    }
    // The series page in every language, in the sitemap and as alternates.
    assert!(unicode >= 7, "{unicode} Unicode addresses of {checked}");
}
