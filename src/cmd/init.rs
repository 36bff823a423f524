//! `heptaglot init`: start a site from the files built into heptaglot.

use std::path::Path;
use std::process::ExitCode;

/// Creates a site in `dir`; refuses an existing site and never overwrites a file.
pub fn run(dir: &Path) -> ExitCode {
    match heptaglot::starter::init(dir) {
        Ok(written) => {
            let shown = if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            };
            println!(
                "Created a site in {} ({} files: digests/ with one example, locales/ and templates/).",
                shown.display(),
                written.len()
            );
            let root = if shown == Path::new(".") {
                String::new()
            } else {
                format!(" --root {}", shown.display())
            };
            println!(
                "Next: `heptaglot{root} new --series \"…\" --number 1 --date YYYY-MM-DD` for your first call, `heptaglot{root} check`, then `heptaglot{root} build`."
            );
            ExitCode::SUCCESS
        }
        Err(problem) => {
            super::report(&[*problem], Path::new(""));
            ExitCode::FAILURE
        }
    }
}
