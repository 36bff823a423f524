//! `heptaglot translate`: create or update translators' files for digests.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use heptaglot::lang::Language;
use heptaglot::site::{Layout, Site};
use heptaglot::translate;

/// Updates the translation files of `digests` (all when empty) into `languages` (every
/// configured language but the source when `all`).
pub fn run(root: &Path, digests: &[String], to: &[String], all: bool) -> ExitCode {
    let layout = Layout::new(root);
    let site = Site::load(&layout);
    // Problems in notes or translation files matter here; the rest is for `check`.
    let relevant: Vec<_> = site
        .problems
        .iter()
        .filter(|p| {
            p.file.starts_with(&layout.digests)
                || p.file.components().any(|c| c.as_os_str() == "digests")
        })
        .cloned()
        .collect();
    super::report(&relevant, root);
    let mut languages = Vec::new();
    for code in to {
        match code.parse::<Language>() {
            Ok(lang) => languages.push(lang),
            Err(_) => {
                eprintln!(
                    "error: {code:?} is not one of the seven languages; use one of: {}",
                    Language::all_codes().join(", ")
                );
                return ExitCode::FAILURE;
            }
        }
    }
    if all {
        languages = site.config.languages.clone();
    }
    if languages.is_empty() {
        eprintln!("error: say which languages: --to fr (repeatable) or --all");
        return ExitCode::FAILURE;
    }
    let mut chosen = Vec::new();
    for wanted in digests {
        // Accept a slug or the path of a notes file.
        let slug = Path::new(wanted)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        match site
            .digests
            .iter()
            .find(|d| d.slug == *wanted || d.slug == slug)
        {
            Some(d) => chosen.push(d),
            None => {
                let known: Vec<&str> = site.digests.iter().map(|d| d.slug.as_str()).collect();
                eprintln!(
                    "error: there is no digest {wanted:?}; the digests are: {}",
                    known.join(", ")
                );
                return ExitCode::FAILURE;
            }
        }
    }
    if digests.is_empty() {
        chosen = site.digests.iter().collect();
    }
    // Never overwrite a file that did not parse: the translator's words are in it. Nor
    // start a `.yaml` beside a translation saved as `.yml` (reported as an error).
    let broken: Vec<PathBuf> = site
        .problems
        .iter()
        .filter(|p| p.is_error())
        .flat_map(|p| [p.file.clone(), p.file.with_extension("yaml")])
        .collect();
    let synced = match translate::sync(
        root,
        &layout.locales,
        &chosen,
        &languages,
        &site.translations,
        &broken,
    ) {
        Ok(s) => s,
        Err(problem) => {
            super::report(&[*problem], root);
            return ExitCode::FAILURE;
        }
    };
    for s in &synced {
        let verb = if s.written { "updated" } else { "up to date" };
        println!(
            "{}: {verb} ({} new, {} outdated, {} obsolete, {} kept)",
            s.path.display(),
            s.summary.added,
            s.summary.outdated,
            s.summary.obsoleted,
            s.summary.kept
        );
    }
    // Files left alone because they do not parse are among these errors.
    if relevant.iter().any(|p| p.is_error()) {
        eprintln!(
            "error: some files have errors and were left as they are; fix them and run translate again"
        );
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
