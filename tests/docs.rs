//! The README and docs/ run as written: every fenced block of `sh`, `bash`, `console`,
//! `yaml` or `toml` in README.md and docs/*.md is tried, so that a documented command,
//! flag or example cannot drift from what the binary does.
//!
//! - Shell blocks run line by line with `bash` in a temporary copy of the example site,
//!   `heptaglot` being this build's binary (`cargo run [--release] --` means the same);
//!   each line must exit 0. `heptaglot serve` is started with `--port 0` unless the line
//!   names a port, and must print its address; it is then stopped.
//! - YAML: a notes file (it has `series:`) goes into `digests/` of a temporary site and
//!   must pass `heptaglot check`; a glossary (`terms:`) replaces `locales/glossary.yaml`
//!   there, likewise; a translation file (`units:`) must load as one; anything else is a
//!   fragment and must parse as YAML.
//! - TOML becomes the site's `heptaglot.toml`, and `heptaglot build` must accept it.
//!
//! A block that cannot run here (network, upload, an editor, the test suite itself, a long
//! benchmark) says so just above its fence: `<!-- doc-test: skip (why) -->` skips it
//! whole; `<!-- doc-test: heptaglot-only (why) -->` runs only its `heptaglot` lines. A
//! block with a line of another command and neither mark fails the test.

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A fenced block: where it is, its language, its text and the mark above it.
struct Block {
    place: String,
    language: String,
    text: String,
    mark: Option<String>,
}

/// The documents whose blocks are tried.
fn documents() -> Vec<PathBuf> {
    let repo = common::repo();
    let mut found = vec![repo.join("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(repo.join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    found.extend(docs);
    found
}

/// The fenced blocks of `path` (fences may be indented, as in a list item).
fn blocks(path: &Path) -> Vec<Block> {
    let text = std::fs::read_to_string(path).unwrap();
    let shown = path
        .strip_prefix(common::repo())
        .unwrap()
        .display()
        .to_string();
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(language) = lines[i].trim_start().strip_prefix("```") else {
            i += 1;
            continue;
        };
        let indent = lines[i].len() - lines[i].trim_start().len();
        let start = i;
        let mut body = Vec::new();
        i += 1;
        while i < lines.len() && lines[i].trim() != "```" {
            body.push(lines[i].get(indent..).unwrap_or(lines[i].trim_start()));
            i += 1;
        }
        i += 1;
        let mark = lines[..start]
            .iter()
            .rev()
            .find(|l| !l.trim().is_empty())
            .and_then(|l| l.trim().strip_prefix("<!-- doc-test:"))
            .map(|m| m.trim_end_matches("-->").trim().to_string());
        found.push(Block {
            place: format!("{shown}:{}", start + 1),
            language: language.trim().to_string(),
            text: body.join("\n") + "\n",
            mark,
        });
    }
    found
}

/// A temporary copy of the example site, and a folder whose `heptaglot` is this build's.
fn example_site() -> (tempfile::TempDir, tempfile::TempDir) {
    let site = common::site(true);
    let bin = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(
        env!("CARGO_BIN_EXE_heptaglot"),
        bin.path().join("heptaglot"),
    )
    .unwrap();
    (site, bin)
}

/// A shell line without its trailing comment (` # …`), with `cargo run [--release] --`
/// read as `heptaglot`.
fn command_of(line: &str) -> String {
    let line = line.trim().trim_start_matches("$ ");
    let line = match line.find(" #") {
        Some(at) => &line[..at],
        None => line,
    };
    let line = line.trim();
    for prefix in ["cargo run --release --", "cargo run --"] {
        if let Some(rest) = line.strip_prefix(prefix) {
            return format!("heptaglot{rest}");
        }
    }
    line.to_string()
}

/// Runs `line` with bash in `site`, `heptaglot` being the binary in `bin` (and `/tmp/` being
/// a temporary folder of the test, as `--out /tmp/preview` would otherwise go outside it).
fn run_line(place: &str, line: &str, site: &Path, bin: &Path) {
    let line = &line.replace(" /tmp/", &format!(" {}/", bin.display()));
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut command = Command::new("bash");
    command
        .arg("-c")
        .current_dir(site)
        .env("PATH", path)
        .env("NO_COLOR", "1");
    if line.starts_with("heptaglot serve") {
        let line = if line.contains("--port") {
            line.to_string()
        } else {
            format!("{line} --port 0")
        };
        // `exec`, so that the server is the child this test stops.
        let mut child = command
            .arg(format!("exec {line}"))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut first = String::new();
            let _ = BufReader::new(stdout).read_line(&mut first);
            let _ = sender.send(first);
        });
        // A hang guard: serve prints its address after its first build (a second or so).
        let first = receiver.recv_timeout(std::time::Duration::from_secs(120));
        let _ = child.kill();
        let _ = child.wait();
        let first = first.unwrap_or_default();
        assert!(
            first.starts_with("Serving ") && first.contains("http://127.0.0.1:"),
            "{place}: `{line}` printed {first:?}"
        );
        return;
    }
    let output = command.arg(line).output().unwrap();
    assert!(
        output.status.success(),
        "{place}: `{line}` failed ({}):\n{}{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        common::stderr(&output)
    );
}

/// Runs a shell block; returns how many lines ran.
fn run_shell(block: &Block) -> usize {
    let only_heptaglot = block
        .mark
        .as_deref()
        .is_some_and(|m| m.starts_with("heptaglot-only"));
    let (site, bin) = example_site();
    let mut ran = 0;
    for line in block.text.lines() {
        let line = command_of(line);
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if !line.starts_with("heptaglot") {
            assert!(
                only_heptaglot,
                "{}: `{line}` cannot run in this test: mark the block \
                 `<!-- doc-test: skip (why) -->` or `<!-- doc-test: heptaglot-only (why) -->`",
                block.place
            );
            continue;
        }
        run_line(&block.place, &line, site.path(), bin.path());
        ran += 1;
    }
    assert!(ran > 0, "{}: no line of the block ran", block.place);
    ran
}

/// Tries a YAML block as what it is.
fn try_yaml(block: &Block) {
    let text = &block.text;
    let top_level = |key: &str| text.lines().any(|l| l.starts_with(&format!("{key}:")));
    let check_site = |path: &str| {
        let (site, _bin) = example_site();
        std::fs::write(site.path().join(path), text).unwrap();
        let output = common::heptaglot(site.path(), &["check"]);
        assert!(
            output.status.success(),
            "{}: `heptaglot check` refuses it as {path}:\n{}",
            block.place,
            common::stderr(&output)
        );
    };
    if top_level("series") {
        check_site("digests/doc-example.yaml");
    } else if top_level("terms") {
        check_site("locales/glossary.yaml");
    } else if top_level("units") {
        let path = Path::new("locales/fr/digests/doc-example.yaml");
        let parsed = heptaglot::translate::file::parse(
            text,
            path,
            (heptaglot::lang::Language::Fr, "doc-example"),
        );
        assert!(parsed.is_ok(), "{}: {:?}", block.place, parsed.err());
    } else {
        let parsed = heptaglot::notes::yaml::parse(text);
        assert!(parsed.is_ok(), "{}: {:?}", block.place, parsed.err());
    }
}

/// Makes a TOML block the configuration of a temporary site and builds with it.
fn try_toml(block: &Block) {
    let (site, _bin) = example_site();
    std::fs::write(site.path().join("heptaglot.toml"), &block.text).unwrap();
    let output = common::heptaglot(site.path(), &["build"]);
    assert!(
        output.status.success(),
        "{}: `heptaglot build` refuses it as heptaglot.toml:\n{}",
        block.place,
        common::stderr(&output)
    );
}

#[test]
fn every_command_and_example_of_the_docs_runs() {
    let (mut lines, mut yaml, mut toml, mut skipped) = (0, 0, 0, Vec::new());
    for document in documents() {
        for block in blocks(&document) {
            if !matches!(
                block.language.as_str(),
                "sh" | "bash" | "console" | "yaml" | "toml"
            ) {
                continue;
            }
            let mark = block.mark.clone();
            if let Some(why) = mark.as_deref().and_then(|m| m.strip_prefix("skip")) {
                let why = why.trim();
                assert!(
                    why.starts_with('(') && why.len() > 2,
                    "{}: say why it is skipped",
                    block.place
                );
                skipped.push(format!("{} {why}", block.place));
                continue;
            }
            match block.language.as_str() {
                "yaml" => {
                    try_yaml(&block);
                    yaml += 1;
                }
                "toml" => {
                    try_toml(&block);
                    toml += 1;
                }
                _ => lines += run_shell(&block),
            }
        }
    }
    eprintln!(
        "docs: {lines} shell lines, {yaml} YAML and {toml} TOML blocks run; {} blocks skipped: {skipped:#?}",
        skipped.len()
    );
    // What the docs hold today; fewer means the harness stopped finding them.
    assert!(lines >= 13, "only {lines} shell lines ran");
    assert!(yaml >= 5, "only {yaml} YAML blocks tried");
    assert!(toml >= 1, "only {toml} TOML blocks tried");
}
