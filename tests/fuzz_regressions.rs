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

/// Runs `target` on each input and fails naming every input it panicked on, or that the
/// fuzzer once found too slow (`timeout-*`) and still runs past [`HANG_GUARD`].
fn replay(target: Target, inputs: &[(String, Vec<u8>)]) {
    let mut failed = Vec::new();
    for (name, bytes) in inputs {
        let was_a_timeout = Path::new(name)
            .file_name()
            .is_some_and(|f| f.to_string_lossy().starts_with("timeout-"));
        if was_a_timeout {
            let (done, finished) = std::sync::mpsc::channel();
            let bytes = bytes.clone();
            std::thread::spawn(move || {
                let ok = catch_unwind(AssertUnwindSafe(|| target(&bytes))).is_ok();
                let _ = done.send(ok);
            });
            match finished.recv_timeout(HANG_GUARD) {
                Ok(true) => {}
                Ok(false) => failed.push(name.clone()),
                Err(_) => failed.push(format!("{name} (still running after {HANG_GUARD:?})")),
            }
        } else if catch_unwind(AssertUnwindSafe(|| target(bytes))).is_err() {
            failed.push(name.clone());
        }
    }
    assert!(failed.is_empty(), "these inputs fail: {failed:#?}");
}

/// The saved findings of `target` (its folder must exist and hold at least one).
fn findings(target: &str) -> Vec<(String, Vec<u8>)> {
    let folder = harness::repo().join("tests/fuzz-regressions").join(target);
    assert!(folder.is_dir(), "{} is missing", folder.display());
    let inputs: Vec<_> = files(&folder, None)
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).expect("a regression input is readable");
            (p.display().to_string(), bytes)
        })
        .collect();
    assert!(!inputs.is_empty(), "{} is empty", folder.display());
    inputs
}

/// How long a `timeout-*` finding may run before it counts as the hang it once was: a
/// hang guard, far above what each takes now (well under a second, in a debug build).
const HANG_GUARD: std::time::Duration = std::time::Duration::from_secs(60);

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
    // `status` counts the error and fails (exit 1), rather than crashing (101).
    let status = common::heptaglot(site.path(), &["status"]);
    let status_out = String::from_utf8_lossy(&status.stdout);
    assert_eq!(
        status.status.code(),
        Some(1),
        "{status_out}{}",
        common::stderr(&status)
    );
    assert!(
        status_out.contains("1 error(s) in the input files; run `heptaglot check` for details."),
        "{status_out}"
    );
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
    let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
    assert!(
        stderr.contains(&format!(
            "locales/fr/digests/wikimedia-clinic-006.yaml:{line}:7: error: the file is not UTF-8 text: byte 0xFF here"
        )),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        bytes,
        "the file was overwritten"
    );
}
