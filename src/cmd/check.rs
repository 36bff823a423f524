//! `heptaglot check`: validate notes, locales and templates without writing anything.

use std::path::Path;
use std::process::ExitCode;

use heptaglot::config::Formats;
use heptaglot::diag::Problem;
use heptaglot::site::{Layout, Site, render_to};

/// Checks the site at `root`; fails on any error, listing them all.
pub fn run(root: &Path) -> ExitCode {
    if let Some(problem) = heptaglot::notes::load::not_a_site(root) {
        super::report(&[problem], root);
        return ExitCode::FAILURE;
    }
    let site = Site::load(&Layout::new(root));
    let (problems, digests) = problems(site);
    super::report(&problems, root);
    if problems.iter().any(|p| p.is_error()) {
        ExitCode::FAILURE
    } else {
        println!("All {digests} digest(s), the locales and the templates are fine.");
        ExitCode::SUCCESS
    }
}

/// How many digests are rendered at once: the pages of one chunk are dropped before the
/// next is rendered.
const CHUNK: usize = 1_000;

/// What [`Site::check`] finds (the problems of loading, and those only rendering every
/// page finds: messages that fail at run time, templates that fail), rendering the digests
/// [`CHUNK`] at a time and dropping every page as soon as it is made: `Site::check` keeps
/// them all, and the rendering keeps every page of the digests it is given for the lists
/// and the search index, which held 22 GB at 100,000 digests. A chunk's lists are its own,
/// which changes none of the problems: the same messages and templates are used.
fn problems(site: Site) -> (Vec<Problem>, usize) {
    let Site {
        layout,
        config,
        digests,
        localizer,
        templates,
        translations,
        problems: mut found,
    } = site;
    let count = digests.len();
    let Some(templates) = templates else {
        heptaglot::diag::sort(&mut found);
        return (found, count);
    };
    let mut digests = digests.into_iter();
    let mut chunk_site = Site {
        layout,
        config,
        digests: Vec::new(),
        localizer,
        templates: None,
        translations,
        problems: Vec::new(),
    };
    let mut failed = None;
    loop {
        chunk_site.digests = digests.by_ref().take(CHUNK).collect();
        if let Err(message) = render_to(&chunk_site, &templates, Formats::default(), &|_| Ok(())) {
            failed = Some(message);
            break;
        }
        if chunk_site.digests.len() < CHUNK {
            break;
        }
    }
    if let Some(message) = failed {
        found.push(
            Problem::error(
                &chunk_site.layout.templates,
                format!("rendering failed: {message}"),
            )
            .hint("fix the template named above"),
        );
    }
    found.extend(chunk_site.localizer.runtime_diagnostics());
    heptaglot::diag::sort(&mut found);
    (found, count)
}
