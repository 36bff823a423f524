//! `heptaglot serve`: build, then preview on loopback, rebuilding on change.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Serves the site at `root` on `address:port`.
pub fn run(_root: &Path, _address: &str, _port: u16, _out: Option<PathBuf>) -> ExitCode {
    eprintln!("error: serve is not built yet");
    ExitCode::FAILURE
}
