//! `heptaglot check`: validate notes, locales and templates without writing anything.

use std::path::Path;
use std::process::ExitCode;

use heptaglot::site::{Layout, Site};

/// Checks the site at `root`; fails on any error, listing them all.
pub fn run(root: &Path) -> ExitCode {
    let site = Site::load(&Layout::new(root));
    let problems = site.check();
    super::report(&problems, root);
    if problems.iter().any(|p| p.is_error()) {
        ExitCode::FAILURE
    } else {
        println!(
            "All {} digest(s), the locales and the templates are fine.",
            site.digests.len()
        );
        ExitCode::SUCCESS
    }
}
