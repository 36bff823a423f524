//! `heptaglot build`: render every digest in every language and write the site.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use heptaglot::site::{self, Layout, Site};

/// Runs the build of the site at `root` into `out`.
pub fn run(root: &Path, out: &Path) -> ExitCode {
    let started = Instant::now();
    let layout = Layout::new(root);
    let site = Site::load(&layout);
    super::report(&site.problems, root);
    let notes_failed = site
        .problems
        .iter()
        .any(|p| p.is_error() && p.file.starts_with(&layout.digests));
    let Some(templates) = &site.templates else {
        eprintln!("error: the templates did not load; nothing was written");
        return ExitCode::FAILURE;
    };
    if notes_failed {
        eprintln!(
            "error: some notes files have errors; nothing was written, and the site in {} is unchanged",
            out.display()
        );
        return ExitCode::FAILURE;
    }
    let files = match site::render(&site, templates, &root.join(&layout.templates)) {
        Ok(files) => files,
        Err(message) => {
            eprintln!("error: rendering failed: {message}");
            return ExitCode::FAILURE;
        }
    };
    for problem in site.localizer.runtime_problems() {
        eprintln!("warning: {problem}");
    }
    let out = if out.is_absolute() {
        out.to_path_buf()
    } else {
        root.join(out)
    };
    if let Err(error) = site::write(&out, &files) {
        eprintln!("error: {}", error.0);
        return ExitCode::FAILURE;
    }
    let pages = files.iter().filter(|f| f.path.ends_with(".html")).count();
    println!(
        "Built {} digest(s) in {} languages: {} files ({} HTML pages) in {} in {:.2?}",
        site.digests.len(),
        heptaglot::lang::Language::ALL.len(),
        files.len(),
        pages,
        out.display(),
        started.elapsed()
    );
    ExitCode::SUCCESS
}
