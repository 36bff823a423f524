//! `heptaglot new`: write the notes file for a new call, ready to fill in.

use std::path::Path;
use std::process::ExitCode;

use heptaglot::notes::scaffold::{Scaffold, scaffold};

/// Writes `digests/<slug>.yaml` under `root`, following the series' existing files,
/// refusing to overwrite.
pub fn run(root: &Path, request: &Scaffold) -> ExitCode {
    match scaffold(root, request) {
        Ok((path, planned)) => {
            if let Some(followed) = &planned.followed {
                println!(
                    "Following the series \"{}\" as {} names it.",
                    planned.series,
                    followed.display()
                );
            }
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
