//! `heptaglot corpus` (hidden): write a synthetic archive for benchmarks.

use std::process::ExitCode;

use heptaglot::corpus::{Options, generate};

/// Generates the corpus described by `options` and reports its size.
pub fn run(options: &Options) -> ExitCode {
    match generate(options) {
        Ok(s) => {
            println!(
                "Wrote {} digests into {} ({} bytes of notes, {} per digest on average) and {} translation files ({} bytes: {} complete, {} partial, {} with outdated units; {} missing).",
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
                println!(
                    "Wrote the same corpus as a Hugo site into {} ({} files).",
                    hugo.display(),
                    s.hugo_files
                );
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
