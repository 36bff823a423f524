//! The generator's command line: its flags, and what a run reports. In the library (not in
//! `main.rs`) so that tests can run it in-process and read what it would print.

use std::path::PathBuf;

use clap::Parser;

use crate::{Options, generate};

/// Write a synthetic archive of N digests for benchmarks (deterministic from the seed).
#[derive(Parser, Debug)]
#[command(name = "corpus", version)]
pub struct Cli {
    /// How many digests.
    #[arg(long)]
    digests: usize,
    /// The seed; the same seed writes the same corpus.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The folder to write the site into (new, empty, or made by this command).
    #[arg(long)]
    out: PathBuf,
    /// Also write the corpus as a Hugo site into this folder.
    #[arg(long)]
    hugo: Option<PathBuf>,
    /// The locales to copy (Fluent bundles and glossary).
    #[arg(long, default_value = "locales")]
    locales_from: PathBuf,
    /// The templates to copy.
    #[arg(long, default_value = "templates")]
    templates_from: PathBuf,
}

impl Cli {
    /// What to generate, as the flags say.
    pub fn options(self) -> Options {
        Options {
            digests: self.digests,
            seed: self.seed,
            out: self.out,
            hugo: self.hugo,
            locales_from: self.locales_from,
            templates_from: self.templates_from,
        }
    }
}

/// Generates the corpus described by `options`: `Ok` with the report for standard output,
/// or `Err` with the message for standard error.
pub fn run(options: &Options) -> Result<String, String> {
    let s = generate(options).map_err(|error| format!("error: {error}\n"))?;
    let mut report = format!(
        "Wrote {} digests into {} ({} bytes of notes, {} per digest on average) and {} translation files ({} bytes: {} complete, {} partial, {} with outdated units; {} missing).\n",
        s.digests,
        options.out.display(),
        s.notes_bytes,
        s.notes_bytes / (s.digests.max(1) as u64),
        s.translation_files,
        s.translation_bytes,
        s.complete,
        s.partial,
        s.outdated,
        s.missing,
    );
    if let Some(hugo) = &options.hugo {
        report.push_str(&format!(
            "Wrote the same corpus as a Hugo site into {} ({} files).\n",
            hugo.display(),
            s.hugo_files
        ));
    }
    Ok(report)
}
