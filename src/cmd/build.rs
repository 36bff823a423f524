//! `heptaglot build`: render every digest in every language and write the site.

use std::path::Path;
use std::process::ExitCode;

use heptaglot::site::{self, BuildOptions, Layout};

/// Runs the build of the site at `root` with `options`.
/// With `timings`, also prints the wall time of each step to standard error.
pub fn run(root: &Path, options: &BuildOptions, timings: bool) -> ExitCode {
    let report = site::build(&Layout::new(root), options);
    super::report(&report.problems, root);
    for warning in &report.runtime_warnings {
        eprintln!("warning: {warning}");
    }
    match report.result {
        Ok(summary) => {
            let kind = if summary.incremental {
                format!(
                    "incremental build: {} digest(s) rendered, {} file(s) written, {} removed",
                    summary.rendered, summary.written, summary.removed
                )
            } else {
                format!("full build: {} file(s) written", summary.written)
            };
            println!(
                "Built {} digest(s) in {} languages: {} files ({} HTML pages) in {} in {:.2?} ({kind})",
                summary.digests,
                summary.languages,
                summary.files,
                summary.pages,
                summary.out.display(),
                summary.elapsed
            );
            if timings {
                super::print_timings(&summary);
            }
            if summary.base_url.is_none() && options.formats.html {
                eprintln!(
                    "note: no base URL, so the Atom feeds and sitemap.xml were not written (they need absolute addresses) and canonical links are relative; set base_url in heptaglot.toml or pass --base-url"
                );
            }
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
