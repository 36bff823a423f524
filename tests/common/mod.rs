//! Helpers shared by the integration tests: a site in a temporary folder, and the binary.

#![allow(dead_code)]

pub mod html;
pub mod server;
pub mod xss;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root (where the example site lives).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A temporary site with the repository's locales and templates and the given folders of
/// `digests/` (all example digests when `with_examples`).
pub fn site(with_examples: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("locales"), &dir.path().join("locales"));
    copy_dir(&repo().join("templates"), &dir.path().join("templates"));
    std::fs::create_dir_all(dir.path().join("digests")).unwrap();
    if with_examples {
        copy_dir(&repo().join("digests"), &dir.path().join("digests"));
    }
    dir
}

/// Generates a corpus of `digests` calls from `seed` into `root` with the repository's
/// locales and templates (the `corpus` workspace member, called as a library).
pub fn corpus(root: &Path, digests: usize, seed: u64) {
    let options = corpus::Options {
        digests,
        seed,
        out: root.to_path_buf(),
        hugo: None,
        locales_from: repo().join("locales"),
        templates_from: repo().join("templates"),
    };
    if let Err(error) = corpus::generate(&options) {
        panic!("{error}");
    }
}

/// Runs the heptaglot binary with `args` in the site at `root`.
pub fn heptaglot(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_heptaglot"))
        .arg("--root")
        .arg(root)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// Standard error of a run, as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// `text` as a YAML double-quoted scalar that reads back as exactly `text`: every
/// character YAML may not hold raw is a `\u` escape.
pub fn yaml_quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control()
                || matches!(
                    c,
                    '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}' | '\u{2028}' | '\u{2029}'
                ) =>
            {
                out.push_str(&format!("\\u{:04X}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A minimal valid notes file with `extra` appended.
pub fn notes(extra: &str) -> String {
    format!(
        "series: Test Calls\nnumber: \"001\"\ndate: 2021-03-04\nheld_in: [es]\nwritten_in: en\n{extra}"
    )
}

/// The text of `path` in the site built at `root` (below `public/`).
pub fn published(root: &Path, path: &str) -> String {
    let path = root.join("public").join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every file under `dir` as (relative path, bytes), sorted: two equal snapshots mean two
/// byte-identical trees.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        // The incremental-build cache records modification times, so it differs from build
        // to build; the site is everything else.
        .filter_entry(|e| e.file_name() != ".heptaglot-cache")
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// A site with the repository's locales and templates and no digests. The example's
/// translation files go too: without their digests they would only add warnings.
pub fn bare_site() -> tempfile::TempDir {
    let dir = site(false);
    for lang in heptaglot::lang::Language::ALL {
        let folder = dir.path().join("locales").join(lang.code()).join("digests");
        if folder.is_dir() {
            std::fs::remove_dir_all(folder).unwrap();
        }
    }
    dir
}

/// Writes `contents` to `path` below `dir`, making its folders.
pub fn write(dir: &Path, path: &str, contents: impl AsRef<[u8]>) {
    let path = dir.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, contents).unwrap();
}
