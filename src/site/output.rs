//! Writing the site: into a fresh folder beside the target, swapped in at the end, so a
//! failed or interrupted build leaves the previous site as it was. heptaglot only ever
//! replaces a folder it created itself (it leaves a marker file in it), so a mistyped
//! `--out` cannot delete someone's files.

use std::path::{Path, PathBuf};

/// The file that marks a folder as heptaglot's output.
pub const MARKER: &str = ".heptaglot-output";

/// One output file: its path below the output folder and its contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative path, with `/` separators.
    pub path: String,
    /// Contents.
    pub contents: String,
}

/// Why the output folder cannot be written.
#[derive(Debug)]
pub struct WriteError(pub String);

/// Writes `files` as the whole content of `out`: into a new folder beside it first, then
/// swapped in. Refuses to replace a non-empty folder that heptaglot did not create.
pub fn write(out: &Path, files: &[OutputFile]) -> Result<(), WriteError> {
    if out.exists() {
        let is_ours = out.join(MARKER).is_file();
        let is_empty = std::fs::read_dir(out)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !out.is_dir() || (!is_ours && !is_empty) {
            return Err(WriteError(format!(
                "{} exists and was not made by heptaglot; refusing to replace it. Choose another --out folder, or empty this one",
                out.display()
            )));
        }
    }
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| {
            WriteError(format!(
                "{} is not a folder name heptaglot can use",
                out.display()
            ))
        })?;
    std::fs::create_dir_all(&parent)
        .map_err(|e| WriteError(format!("cannot create {}: {e}", parent.display())))?;
    let staging = parent.join(format!(".{name}.heptaglot-new-{}", std::process::id()));
    let old = parent.join(format!(".{name}.heptaglot-old-{}", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        if staging.exists() {
            std::fs::remove_dir_all(&staging)?;
        }
        std::fs::create_dir_all(&staging)?;
        std::fs::write(
            staging.join(MARKER),
            "This folder is written by heptaglot; each build replaces it.\n",
        )?;
        for file in files {
            let target = staging.join(&file.path);
            if let Some(dir) = target.parent() {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::write(target, &file.contents)?;
        }
        if out.exists() {
            std::fs::rename(out, &old)?;
        }
        std::fs::rename(&staging, out)?;
        if old.exists() {
            std::fs::remove_dir_all(&old)?;
        }
        Ok(())
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_dir_all(&staging);
        if !out.exists() && old.exists() {
            let _ = std::fs::rename(&old, out);
        }
        WriteError(format!(
            "could not write the site to {}: {e}",
            out.display()
        ))
    })
}
