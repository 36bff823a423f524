//! `heptaglot translate`: create or update translators' files for digests, or convert them
//! between YAML and PO.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use heptaglot::config::TranslationFormat;
use heptaglot::diag::Problem;
use heptaglot::lang::Language;
use heptaglot::notes::Digest;
use heptaglot::site::{Layout, Site};
use heptaglot::translate::{self, SyncOptions, Synced};

/// The site loaded, its problems in notes and translation files reported (the rest is for
/// `check`), and the files that must not be overwritten.
fn load(root: &Path) -> (Layout, Site, Vec<Problem>, Vec<PathBuf>) {
    let layout = Layout::new(root);
    let site = Site::load(&layout);
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
    // Never overwrite a file that did not parse: the translator's words are in it.
    let broken = site
        .problems
        .iter()
        .filter(|p| p.is_error())
        .map(|p| p.file.clone())
        .collect();
    (layout, site, relevant, broken)
}

/// The digests named (slugs or notes files), all when none is; `None` after reporting an
/// unknown one.
fn choose<'a>(site: &'a Site, digests: &[String]) -> Option<Vec<&'a Digest>> {
    if digests.is_empty() {
        return Some(site.digests.iter().collect());
    }
    let mut chosen = Vec::new();
    for wanted in digests {
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
                return None;
            }
        }
    }
    Some(chosen)
}

/// One line per file: what happened to it and what it holds.
fn print(synced: &[Synced]) {
    for s in synced {
        let word = s.outcome.word();
        let from = s
            .replaced
            .as_ref()
            .map(|p| format!(" from {}", p.display()))
            .unwrap_or_default();
        if s.template {
            println!("{}: template {word}", s.path.display());
            continue;
        }
        let u = &s.summary;
        if u.translated + u.outdated + u.proposed + u.empty == 0 {
            println!("{}: {word}{from}", s.path.display());
            continue;
        }
        let changes: Vec<String> = [
            (u.added, "new"),
            (u.changed, "changed in the notes"),
            (u.obsoleted, "obsolete"),
            (u.remembered, "from memory"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
        let changes = match changes.is_empty() {
            true => String::new(),
            false => format!("{}; ", changes.join(", ")),
        };
        println!(
            "{}: {word}{from} ({changes}{} translated, {} outdated, {} proposed, {} empty)",
            s.path.display(),
            u.translated,
            u.outdated,
            u.proposed,
            u.empty
        );
    }
}

/// Ends the command: a failure when some files were left alone because of their errors.
fn finish(relevant: &[Problem]) -> ExitCode {
    if relevant.iter().any(|p| p.is_error()) {
        eprintln!(
            "error: some files have errors and were left as they are; fix them and run translate again"
        );
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// Updates the translation files of `digests` (all when empty) into `languages` (every
/// configured language but the source when `all`).
pub fn run(root: &Path, digests: &[String], to: &[String], all: bool) -> ExitCode {
    let (layout, site, relevant, broken) = load(root);
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
    let Some(chosen) = choose(&site, digests) else {
        return ExitCode::FAILURE;
    };
    match translate::sync_with(
        root,
        &layout.locales,
        &chosen,
        &languages,
        &site.translations,
        &broken,
        SyncOptions::of(&site.config),
    ) {
        Ok(synced) => print(&synced),
        Err(problem) => {
            super::report(&[*problem], root);
            return ExitCode::FAILURE;
        }
    }
    finish(&relevant)
}

/// Rewrites the existing translation files of `digests` (all when empty) in `format`.
pub fn convert(root: &Path, digests: &[String], format: &str) -> ExitCode {
    let format = match format {
        "po" => TranslationFormat::Po,
        "yaml" | "yml" => TranslationFormat::Yaml,
        other => {
            eprintln!("error: cannot convert to {other:?}; use --convert po or --convert yaml");
            return ExitCode::FAILURE;
        }
    };
    let (layout, site, relevant, broken) = load(root);
    let Some(chosen) = choose(&site, digests) else {
        return ExitCode::FAILURE;
    };
    match translate::convert(
        root,
        &layout.locales,
        &chosen,
        &site.translations,
        &broken,
        format,
    ) {
        Ok(synced) => print(&synced),
        Err(problem) => {
            super::report(&[*problem], root);
            return ExitCode::FAILURE;
        }
    }
    if site.config.translation.format != format {
        eprintln!(
            "note: heptaglot.toml does not say [translation] format = \"{}\": `translate` would convert the files back; add it to keep them",
            format.extension()
        );
    }
    finish(&relevant)
}
