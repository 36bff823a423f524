//! `heptaglot new`: write the notes file for a new call, ready to fill in.

use std::path::Path;
use std::process::ExitCode;

use heptaglot::notes::scaffold::{Scaffold, scaffold};

/// Writes `digests/<slug>.yaml` under `root`, refusing to overwrite.
pub fn run(root: &Path, request: &Scaffold) -> ExitCode {
    match scaffold(root, request) {
        Ok(path) => {
            println!(
                "Wrote {}. Fill it in, then run `heptaglot check`.",
                path.display()
            );
            ExitCode::SUCCESS
        }
        Err(problem) => {
            super::report(&[*problem], root);
            ExitCode::FAILURE
        }
    }
}
