//! `heptaglot serve`: build, then preview on loopback, rebuilding on change.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use heptaglot::serve::{self, Build, Reporter, ServeOptions};

/// Serves the site at `root` on `address:port`; with `timings`, prints the wall time of
/// each step of each build.
pub fn run(root: &Path, address: &str, port: u16, out: Option<PathBuf>, timings: bool) -> ExitCode {
    let options = ServeOptions::new(root, address, port, out);
    let reporter = Arc::new(Terminal {
        root: root.to_path_buf(),
        timings,
    });
    match serve::serve(&options, reporter) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Prints to the terminal: the address on stdout (one line, for scripts), the rest on
/// stderr.
struct Terminal {
    root: PathBuf,
    timings: bool,
}

impl Reporter for Terminal {
    fn listening(&self, out: &Path, url: &str) {
        let mut stdout = std::io::stdout().lock();
        let _ = writeln!(
            stdout,
            "Serving {} at {url} (Ctrl-C to stop)",
            out.display()
        );
        let _ = stdout.flush();
    }

    fn building(&self, changed: &[PathBuf]) {
        if let Some(first) = changed.first() {
            let more = match changed.len() {
                1 => String::new(),
                n => format!(" and {} more", n - 1),
            };
            eprintln!(
                "[{}] building after {}{more} changed; serving the last build meanwhile",
                clock(),
                first.display()
            );
        }
    }

    fn built(&self, build: &Build<'_>) {
        super::report(&build.report.problems, &self.root);
        for warning in &build.report.runtime_warnings {
            eprintln!("warning: {warning}");
        }
        let cause = match build.changed {
            [] => String::new(),
            [one] => format!(" after {} changed", one.display()),
            [first, rest @ ..] => {
                format!(" after {} and {} more changed", first.display(), rest.len())
            }
        };
        match &build.report.result {
            Ok(summary) => {
                eprintln!(
                    "[{}] build {}{cause}: {} digest(s), {} files in {:.2?}",
                    clock(),
                    build.generation,
                    summary.digests,
                    summary.files,
                    summary.elapsed
                );
                if self.timings {
                    super::print_timings(summary);
                }
            }
            Err(message) => eprintln!(
                "[{}] build {}{cause} failed: {message}; still serving the previous site",
                clock(),
                build.generation
            ),
        }
    }

    fn warning(&self, message: &str) {
        eprintln!("warning: {message}");
    }
}

/// The time of day (UTC), to tell one rebuild line from the next.
fn clock() -> String {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    format!(
        "{:02}:{:02}:{:02} UTC",
        seconds / 3600 % 24,
        seconds / 60 % 60,
        seconds % 60
    )
}
