//! Inputs the fuzz targets (`fuzz/`) found problems with, replayed on every `cargo test`
//! through the same code the targets run (`fuzz/harness.rs`), so that a fixed finding stays
//! fixed. A finding goes in `tests/fuzz-regressions/<target>/`, minimized
//! (`cargo +nightly fuzz tmin`), named after what it found; fuzz/README.md tells how.
//!
//! The real inputs the corpora are seeded from run through the same harness first, so
//! that the harness itself is known to work.

mod common;
#[path = "../fuzz/harness.rs"]
mod harness;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

/// The files of `folder` (and its subfolders), sorted.
fn files(folder: &Path, extension: Option<&str>) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(folder) else {
        return found;
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files(&path, extension));
        } else if extension.is_none_or(|e| path.extension().is_some_and(|x| x == e)) {
            found.push(path);
        }
    }
    found.sort();
    found
}

/// Runs `target` on each input and fails naming every input it panicked on.
fn replay(target: Target, inputs: &[(String, Vec<u8>)]) {
    let mut failed = Vec::new();
    for (name, bytes) in inputs {
        if catch_unwind(AssertUnwindSafe(|| target(bytes))).is_err() {
            failed.push(name.clone());
        }
    }
    assert!(failed.is_empty(), "these inputs fail: {failed:#?}");
}

/// The saved findings of `target`.
fn findings(target: &str) -> Vec<(String, Vec<u8>)> {
    let folder = harness::repo().join("tests/fuzz-regressions").join(target);
    let inputs: Vec<_> = files(&folder, None)
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).expect("a regression input is readable");
            (p.display().to_string(), bytes)
        })
        .collect();
    inputs
}

fn read_all(paths: Vec<PathBuf>) -> Vec<(String, Vec<u8>)> {
    paths
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).expect("an example file is readable");
            (p.display().to_string(), bytes)
        })
        .collect()
}

/// A fuzz target's harness function.
type Target = fn(&[u8]);

/// The targets, by the name of their folder of findings.
const TARGETS: [(&str, Target); 3] = [
    ("notes", harness::notes),
    ("fluent", harness::fluent),
    ("translation", harness::translation),
];

#[test]
fn saved_findings_stay_fixed() {
    let mut saved = 0;
    for (target, run) in TARGETS {
        let inputs = findings(target);
        saved += inputs.len();
        replay(run, &inputs);
    }
    assert!(saved > 0, "no saved findings under tests/fuzz-regressions/");
}

#[test]
fn the_example_notes_pass_the_notes_target() {
    let inputs = read_all(files(&harness::repo().join("digests"), Some("yaml")));
    assert_eq!(inputs.len(), 3);
    replay(harness::notes, &inputs);
}

#[test]
fn the_example_locale_files_pass_the_fluent_target() {
    let inputs = read_all(files(&harness::repo().join("locales"), Some("ftl")));
    assert!(inputs.len() >= 28, "{} locale files", inputs.len());
    replay(harness::fluent, &inputs);
}

#[test]
fn the_example_translations_pass_the_translation_target() {
    let mut inputs = Vec::new();
    for (name, text) in read_all(files(&harness::repo().join("locales"), Some("yaml"))) {
        // `locales/<code>/digests/<slug>.yaml`, with the selector byte the target expects.
        let path = Path::new(&name);
        let Some(code) = path
            .parent()
            .and_then(Path::parent)
            .and_then(Path::file_name)
        else {
            continue;
        };
        let Some(selector) = harness::translation_selector(
            &code.to_string_lossy(),
            &path.file_stem().unwrap_or_default().to_string_lossy(),
        ) else {
            continue;
        };
        let mut bytes = vec![selector];
        bytes.extend(text);
        inputs.push((name, bytes));
    }
    assert_eq!(inputs.len(), 3, "the example has three translation files");
    replay(harness::translation, &inputs);
}

#[test]
fn a_locale_file_nesting_too_deep_is_an_error_not_a_crash() {
    // The `fluent` findings through the CLI: the parser used to overflow its stack.
    let site = common::site(true);
    let deep = std::fs::read(
        harness::repo()
            .join("tests/fuzz-regressions/fluent/crash-stack-overflow-nested-placeables.ftl"),
    )
    .unwrap();
    std::fs::write(site.path().join("locales/ar/extra.ftl"), deep).unwrap();
    let check = common::heptaglot(site.path(), &["check"]);
    let stderr = common::stderr(&check);
    assert_eq!(check.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("locales/ar/extra.ftl:1:37: error: placeables { } or call arguments ( ) nest more than 32 levels deep here"),
        "{stderr}"
    );
    let status = common::heptaglot(site.path(), &["status"]);
    assert!(status.status.code().is_some(), "status crashed");
    // A broken locale file does not stop publication.
    let build = common::heptaglot(site.path(), &["build"]);
    assert!(build.status.success(), "{}", common::stderr(&build));
}

#[test]
fn a_translation_file_that_is_not_utf8_is_reported_and_kept() {
    // It used to be skipped without a word, and `translate` then wrote over it.
    let site = common::site(true);
    let path = site
        .path()
        .join("locales/fr/digests/wikimedia-clinic-006.yaml");
    let mut bytes = std::fs::read(&path).unwrap();
    let at = bytes.windows(6).position(|w| w == b"units:").unwrap();
    bytes.insert(at + 6, 0xff);
    std::fs::write(&path, &bytes).unwrap();
    let translate = common::heptaglot(site.path(), &["translate", "--to", "fr"]);
    let stderr = common::stderr(&translate);
    assert!(!translate.status.success(), "{stderr}");
    assert!(
        stderr.contains(
            "locales/fr/digests/wikimedia-clinic-006.yaml:13:7: error: the file is not UTF-8 text: byte 0xFF here"
        ),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        bytes,
        "the file was overwritten"
    );
}
