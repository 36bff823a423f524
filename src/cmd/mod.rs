//! The subcommands. Each parses nothing and decides nothing the library could: it calls
//! the library and reports.

pub mod build;
pub mod check;
pub mod init;
pub mod new;
pub mod schema;
pub mod serve;
pub mod status;
pub mod translate;

use std::io::IsTerminal;
use std::path::Path;

use heptaglot::diag::{self, Problem};

/// Prints problems to stderr with source snippets; color only on a terminal.
pub fn report(problems: &[Problem], root: &Path) {
    if problems.is_empty() {
        return;
    }
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    eprint!("{}", diag::render(problems, root, color));
    let errors = problems.iter().filter(|p| p.is_error()).count();
    let warnings = problems.len() - errors;
    eprintln!("{errors} error(s), {warnings} warning(s)");
}

/// Prints to stderr how long each step of a build took, and what became of the search
/// indexes (`--timings`).
pub fn print_timings(summary: &heptaglot::site::BuildSummary) {
    for (phase, took) in &summary.phases {
        eprintln!("{:>9.1} ms  {phase}", took.as_secs_f64() * 1000.0);
    }
    let search = summary.search;
    eprintln!(
        "search indexes: {} unchanged, {} updated in place, {} rebuilt",
        search.unchanged, search.updated, search.rebuilt
    );
}
