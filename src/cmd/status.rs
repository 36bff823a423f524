//! `heptaglot status`: translation progress, locale-file checks and glossary use.

use std::path::Path;
use std::process::ExitCode;

use heptaglot::site::{Layout, Site};
use heptaglot::translate::status::Status;

/// Prints the status of the site at `root` as a table or JSON (or, with `outdated`, the
/// units to review as `file:line: id`); fails when a translation is below `min_percent` or
/// an input file has errors.
pub fn run(root: &Path, json: bool, min_percent: Option<u32>, outdated: bool) -> ExitCode {
    let site = Site::load(&Layout::new(root));
    let status = Status::of(
        &site.config.languages,
        &site.digests,
        &site.translations,
        &site.layout.root.join(&site.layout.locales),
        &site.problems,
    );
    if json {
        match serde_json::to_string_pretty(&status) {
            Ok(text) => println!("{text}"),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else if outdated {
        print!("{}", status.review_list());
    } else {
        print!("{}", status.table());
    }
    let mut failed = !status.problems.is_empty();
    if let Some(min) = min_percent {
        for (digest, language, percent) in status.below(min) {
            eprintln!(
                "error: {digest} is {percent}% translated into {language}, below --min-percent {min}"
            );
            failed = true;
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
