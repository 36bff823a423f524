//! The browser's tokenizer against the index's: `templates/search.js` run under Node on the
//! vectors of `tests/fixtures/search-tokens.json`, its tokens compared with those of
//! `heptaglot::search` for every vector. The Rust side is also checked against the
//! fixture's expected tokens (unit tests in `src/search/tokenize.rs`); this test is what
//! keeps the two tokenizers from drifting apart unseen.
//!
//! Needs Node (`node` on the `PATH`, Debian's `nodejs`): without it the test is skipped
//! with a note, except when the `CI` variable is set, where it fails (CI installs Node).

mod common;

use std::io::ErrorKind;
use std::path::Path;
use std::process::Command;

use heptaglot::search::{index_tokens, query_terms};
use serde_json::Value;

/// Runs `search.js` in a fresh V8 context whose only global beyond the language's own is
/// `module` (the file then exports its functions instead of starting the page), and prints
/// for each vector its input, the index tokens and the query terms (a trailing `*` marks a
/// prefix term, as in the fixture).
const NODE_SCRIPT: &str = r#"
const fs = require("fs");
const vm = require("vm");
const [script, fixture] = process.argv.slice(1);
const sandbox = { module: { exports: {} } };
vm.runInNewContext(fs.readFileSync(script, "utf8"), sandbox, { filename: script });
const { indexTokens, queryTerms } = sandbox.module.exports;
const vectors = JSON.parse(fs.readFileSync(fixture, "utf8")).vectors;
const out = vectors.map(({ input }) => ({
  input,
  index: Array.from(indexTokens(input)),
  query: Array.from(queryTerms(input), (t) => (t.prefix ? t.term + "*" : t.term)),
}));
process.stdout.write(JSON.stringify(out));
"#;

/// Whether a missing tool fails the test rather than skipping it.
fn under_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| !v.is_empty())
}

/// Runs `search.js`'s highlighting in a fresh V8 context, as [`NODE_SCRIPT`] does, on each
/// [query, text] of the JSON list given, and prints the pieces for each.
const HIGHLIGHT_SCRIPT: &str = r#"
const fs = require("fs");
const vm = require("vm");
const [script, cases] = process.argv.slice(1);
const sandbox = { module: { exports: {} } };
vm.runInNewContext(fs.readFileSync(script, "utf8"), sandbox, { filename: script });
const { highlight, queryTerms } = sandbox.module.exports;
const out = JSON.parse(cases).map(([query, text]) =>
  Array.from(highlight(text, queryTerms(query)), ([piece, marked]) => (marked ? "[" + piece + "]" : piece)).join(""));
process.stdout.write(JSON.stringify(out));
"#;

/// What `search.js` makes of each vector of the fixture, or `None` (after saying why) when
/// Node is not installed and the test is skipped.
fn tokens_from_search_js(script: &Path, fixture: &Path) -> Option<Vec<Value>> {
    node(NODE_SCRIPT, &[script.as_os_str(), fixture.as_os_str()])
}

/// What Node prints (JSON) for `code` run with `args`, or `None` (after saying why) when
/// Node is not installed and the test is skipped.
fn node(code: &str, args: &[&std::ffi::OsStr]) -> Option<Vec<Value>> {
    let run = Command::new("node").arg("-e").arg(code).args(args).output();
    let output = match run {
        Ok(output) => output,
        Err(e) if e.kind() == ErrorKind::NotFound => {
            let why = "node not found; install Debian's nodejs (CI does)";
            if under_ci() {
                panic!("the search.js tokenizer test cannot run under CI: {why}");
            }
            eprintln!("search.js tokenizer test skipped: {why}");
            return None;
        }
        Err(e) => panic!("running node: {e}"),
    };
    assert!(
        output.status.success(),
        "search.js under node failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let printed: Value = serde_json::from_slice(&output.stdout).expect("node prints JSON");
    Some(
        printed
            .as_array()
            .expect("a list, one entry a vector")
            .clone(),
    )
}

/// A list of strings from a JSON value.
fn strings(value: &Value) -> Vec<String> {
    (value.as_array().expect("a list of tokens").iter())
        .map(|v| v.as_str().expect("a token").to_string())
        .collect()
}

#[test]
fn search_js_tokenizes_every_shared_vector_as_the_index_does() {
    let repo = common::repo();
    let fixture = repo.join("tests/fixtures/search-tokens.json");
    let script = repo.join("templates/search.js");
    let Some(from_js) = tokens_from_search_js(&script, &fixture) else {
        return;
    };
    let vectors: Value =
        serde_json::from_str(&std::fs::read_to_string(&fixture).expect("the fixture"))
            .expect("the fixture is JSON");
    let vectors = vectors["vectors"].as_array().expect("vectors");
    assert!(vectors.len() >= 10, "{} vectors", vectors.len());
    assert_eq!(
        from_js.len(),
        vectors.len(),
        "search.js answered every vector"
    );
    let mut differences = Vec::new();
    for (vector, js) in vectors.iter().zip(&from_js) {
        let input = vector["input"].as_str().expect("an input");
        assert_eq!(js["input"], input, "search.js read the same input");
        let rust_index = index_tokens(input);
        let rust_query: Vec<String> = query_terms(input)
            .into_iter()
            .map(|t| {
                if t.prefix {
                    format!("{}*", t.term)
                } else {
                    t.term
                }
            })
            .collect();
        for (what, rust, js) in [
            ("index", rust_index, strings(&js["index"])),
            ("query", rust_query, strings(&js["query"])),
        ] {
            if rust != js {
                differences.push(format!("{input:?} {what}: Rust {rust:?}, search.js {js:?}"));
            }
        }
    }
    assert!(
        differences.is_empty(),
        "search.js and the index tokenize differently:\n{}",
        differences.join("\n")
    );
}

/// The words a query finds are marked in a result's text as the index finds them: folded
/// (case, accents), with an Arabic article, the last term as a prefix, Han characters
/// inside a run of Latin and Han text; the rest, markup included, stays plain text.
#[test]
fn search_js_marks_the_words_a_query_finds() {
    let script = common::repo().join("templates/search.js");
    let cases = [
        (
            "mexico pan",
            "México: the Pandemic <b>hit</b>",
            "[México]: the [Pandemic] <b>hit</b>",
        ),
        (
            "المتطوعون",
            "يطرح المتطوعون والمتطوعون",
            "يطرح [المتطوعون] [والمتطوعون]",
        ),
        (
            "墨西哥",
            "Francisca和来自维基媒体墨西哥的Diego",
            "Francisca和来自维基媒体[墨西哥]的Diego",
        ),
        ("call", "recall the calls", "recall the [calls]"),
    ];
    let input =
        serde_json::to_string(&cases.iter().map(|(q, t, _)| [*q, *t]).collect::<Vec<_>>()).unwrap();
    let Some(marked) = node(HIGHLIGHT_SCRIPT, &[script.as_os_str(), input.as_ref()]) else {
        return;
    };
    let expected: Vec<Value> = cases.iter().map(|(_, _, m)| Value::from(*m)).collect();
    assert_eq!(marked, expected);
}
