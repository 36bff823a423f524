//! `heptaglot check`: validate notes, locales and templates without writing anything.

use std::path::Path;
use std::process::ExitCode;

use heptaglot::site::{self, Layout, Site};

/// Checks the site at `root`; fails on any error, listing them all.
pub fn run(root: &Path) -> ExitCode {
    let layout = Layout::new(root);
    let site = Site::load(&layout);
    super::report(&site.problems, root);
    let mut failed = site.has_errors();
    // Rendering every page in memory finds messages that fail at run time (a variable the
    // code does not pass, a cyclic reference), which loading alone cannot see.
    if let Some(templates) = &site.templates {
        if let Err(message) = site::render(&site, templates, heptaglot::config::Formats::default())
        {
            eprintln!("error: rendering failed: {message}");
            failed = true;
        }
        for problem in site.localizer.runtime_problems() {
            eprintln!("error: {problem}");
            failed = true;
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        println!(
            "All {} digest(s), the locales and the templates are fine.",
            site.digests.len()
        );
        ExitCode::SUCCESS
    }
}
