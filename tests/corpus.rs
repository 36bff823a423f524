//! The `corpus` generator (a workspace member): the synthetic archive for benchmarks is a
//! valid site, builds, and is the same for the same seed.

mod common;

use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{ExitStatus, Output};

use clap::Parser;
use common::{heptaglot, repo, snapshot, stderr};

/// Runs the generator's command line in-process (cargo builds no other package's binary for
/// these tests), and returns what it said as its process would: exit status 0 with the
/// report on standard output, or 1 with the error on standard error.
fn corpus(out: &Path, seed: &str, extra: &[&str]) -> Output {
    let locales = repo().join("locales");
    let templates = repo().join("templates");
    let mut args = vec![
        "corpus",
        "--digests",
        "20",
        "--seed",
        seed,
        "--out",
        out.to_str().unwrap(),
        "--locales-from",
        locales.to_str().unwrap(),
        "--templates-from",
        templates.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let options = corpus::cli::Cli::parse_from(args).options();
    let (code, stdout, stderr) = match corpus::cli::run(&options) {
        Ok(report) => (0, report, String::new()),
        Err(error) => (1, String::new(), error),
    };
    Output {
        status: ExitStatus::from_raw(code << 8),
        stdout: stdout.into_bytes(),
        stderr: stderr.into_bytes(),
    }
}

#[test]
fn a_generated_corpus_checks_builds_and_is_reproducible() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let hugo = dir.path().join("hugo");
    let output = corpus(&site, "7", &["--hugo", hugo.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let said = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(said.contains("Wrote 20 digests"), "{said}");

    let digests: Vec<_> = std::fs::read_dir(site.join("digests")).unwrap().collect();
    assert_eq!(digests.len(), 20);
    let translations = walkdir::WalkDir::new(site.join("locales"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().components().any(|c| c.as_os_str() == "digests"))
        .filter(|e| e.file_type().is_file())
        .count();
    // Six target languages per digest, some missing.
    assert!((60..120).contains(&translations), "{translations}");

    let check = heptaglot(&site, &["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    let status = heptaglot(&site, &["status", "--format", "json"]);
    assert!(status.status.success(), "{}", stderr(&status));
    let status = String::from_utf8_lossy(&status.stdout).into_owned();
    assert!(status.contains("\"outdated\""), "{status}");

    let build = heptaglot(&site, &["build"]);
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(site.join("public/sitemap.xml").is_file());
    assert!(site.join("public/ar/feed.xml").is_file());
    let series = site.join("public/en/series/wikimedia-clinics/index.html");
    assert!(series.is_file(), "{}", series.display());

    // The Hugo side: every digest in every language, and the configuration.
    assert!(hugo.join("hugo.toml").is_file());
    let pages = walkdir::WalkDir::new(hugo.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name() != "_index.md" && e.file_type().is_file())
        .count();
    assert_eq!(pages, 20 * 7);

    // Same seed: byte-identical; another seed: different notes.
    let again = dir.path().join("again");
    let again_hugo = dir.path().join("again-hugo");
    assert!(
        corpus(&again, "7", &["--hugo", again_hugo.to_str().unwrap()])
            .status
            .success()
    );
    std::fs::remove_dir_all(site.join("public")).unwrap();
    std::fs::remove_dir_all(site.join(".public.heptaglot-cache")).unwrap();
    assert!(
        snapshot(&site) == snapshot(&again),
        "same seed, different corpus"
    );
    assert!(
        snapshot(&hugo) == snapshot(&again_hugo),
        "same seed, different Hugo site"
    );
    let other = dir.path().join("other");
    assert!(corpus(&other, "8", &[]).status.success());
    assert!(snapshot(&site.join("digests")) != snapshot(&other.join("digests")));

    hugo_builds(&hugo, &dir.path().join("hugo-public"));
}

#[test]
fn a_folder_with_other_content_is_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("precious.txt"), "mine").unwrap();
    let output = corpus(dir.path(), "1", &[]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("not made by `heptaglot corpus`"),
        "{}",
        stderr(&output)
    );
    assert!(dir.path().join("precious.txt").is_file());
    // A folder it made itself is replaced.
    let made = dir.path().join("made");
    assert!(corpus(&made, "1", &[]).status.success());
    assert!(corpus(&made, "2", &[]).status.success());
}

/// Builds the Hugo side with Debian's `hugo` and checks it has every digest in every
/// language in both formats, the feeds, the search indexes and the sitemap. Skipped (with a
/// note) where hugo is not installed, but under `CI`, which installs it, a failure.
fn hugo_builds(site: &Path, out: &Path) {
    let run = std::process::Command::new("hugo")
        .args(["--quiet", "--source"])
        .arg(site)
        .arg("--destination")
        .arg(out)
        .output();
    let output = match run {
        Ok(output) => output,
        Err(error) => {
            if std::env::var_os("CI").is_some_and(|v| !v.is_empty()) {
                panic!("hugo is needed under CI (apt-get install hugo): {error}");
            }
            eprintln!("Hugo side not built: hugo not found ({error}); apt-get install hugo");
            return;
        }
    };
    assert!(output.status.success(), "{}", stderr(&output));
    let all: Vec<String> = walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(out).unwrap().display().to_string())
        .collect();
    for (ending, count) in [("/index.html", 20 * 7), ("/index.md", 20 * 7)] {
        let found = all
            .iter()
            .filter(|p| p.ends_with(ending) && p.matches('/').count() == 3)
            .count();
        assert_eq!(found, count, "{ending}");
    }
    for lang in ["en", "es", "fr", "ar", "zh-hans", "de", "ru"] {
        for file in [
            "index.xml",
            "search-index.json",
            "sitemap.xml",
            "index.html",
        ] {
            let path = format!("{lang}/{file}");
            assert!(all.contains(&path), "{path}");
        }
    }
    let arabic = std::fs::read_to_string(out.join("ar/index.html")).unwrap();
    assert!(arabic.contains("dir=\"rtl\""));
    assert!(all.contains(&"sitemap.xml".to_string()));
}
