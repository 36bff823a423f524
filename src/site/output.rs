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
    remove_leftovers(&parent, &name);
    let staging = parent.join(format!(".{name}.heptaglot-new-{}", std::process::id()));
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
        swap_in(&staging, out)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_dir_all(&staging);
        WriteError(format!(
            "could not write the site to {}: {e}",
            out.display()
        ))
    })
}

/// Puts the finished `staging` folder in the place of `out`. On Linux the two are exchanged
/// in one atomic step (`renameat2` with `RENAME_EXCHANGE`), so at every instant `out` holds
/// a whole site; the old one, now at `staging`, is deleted after. Elsewhere, or on file
/// systems without the exchange, the old site is first renamed aside, which leaves a
/// moment without `out` that the next build repairs ([`remove_leftovers`]).
fn swap_in(staging: &Path, out: &Path) -> std::io::Result<()> {
    if !out.exists() {
        return std::fs::rename(staging, out);
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        if renameat_with(CWD, staging, CWD, out, RenameFlags::EXCHANGE).is_ok() {
            return std::fs::remove_dir_all(staging);
        }
    }
    let old = staging.with_file_name(
        staging
            .file_name()
            .map(|n| n.to_string_lossy().replace("-new-", "-old-"))
            .unwrap_or_default(),
    );
    std::fs::rename(out, &old)?;
    if let Err(error) = std::fs::rename(staging, out) {
        let _ = std::fs::rename(&old, out);
        return Err(error);
    }
    std::fs::remove_dir_all(&old)
}

/// Cleans up after builds that were killed: their staging folders (`.<name>.heptaglot-new-
/// <pid>`) and old sites set aside (`-old-<pid>`), when that process is gone. If a build
/// was killed between setting the old site aside and moving the new one in, the old site
/// is put back first.
fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let prefix = format!(".{name}.heptaglot-");
    let out = parent.join(name);
    for entry in entries.filter_map(Result::ok) {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file_name.strip_prefix(&prefix) else {
            continue;
        };
        let Some((kind, pid)) = rest.split_once('-') else {
            continue;
        };
        let path = entry.path();
        let ours = path.join(MARKER).is_file();
        if !ours || !pid.parse::<u32>().is_ok_and(|pid| !is_running(pid)) {
            continue;
        }
        if kind == "old" && !out.exists() {
            let _ = std::fs::rename(&path, &out);
        } else if kind == "new" || kind == "old" {
            let _ = std::fs::remove_dir_all(&path);
        }
    }
}

/// Whether a process with this id is running (always assumed on systems without `/proc`,
/// so that nothing another build may be using is removed).
fn is_running(pid: u32) -> bool {
    pid == std::process::id()
        || !Path::new("/proc/self").exists()
        || Path::new("/proc").join(pid.to_string()).exists()
}

/// A site being written file by file, as pages are rendered (so no build holds the whole
/// site in memory): into a staging folder beside `out`, swapped in by [`Staging::commit`]
/// exactly as [`write`] does. Dropped without a commit, the staging folder is removed and
/// `out` is untouched.
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    committed: bool,
}

/// Starts writing a new site for `out`: the same refusal as [`write`] of a folder heptaglot
/// did not create, and the same clean-up of killed builds' leftovers.
pub fn stage(out: &Path) -> Result<Staging, WriteError> {
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
    let failed = |e: std::io::Error| {
        WriteError(format!(
            "could not write the site to {}: {e}",
            out.display()
        ))
    };
    std::fs::create_dir_all(&parent).map_err(failed)?;
    remove_leftovers(&parent, &name);
    let dir = parent.join(format!(".{name}.heptaglot-new-{}", std::process::id()));
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(failed)?;
    }
    std::fs::create_dir_all(&dir).map_err(failed)?;
    let staging = Staging {
        out: out.to_path_buf(),
        dir,
        committed: false,
    };
    staging.put(
        MARKER,
        b"This folder is written by heptaglot; each build replaces it.\n",
    )?;
    Ok(staging)
}

impl Staging {
    /// Writes one file of the new site (`path` relative, `/`-separated) and returns its
    /// metadata. Safe to call from several threads for different paths.
    pub fn put(&self, path: &str, contents: &[u8]) -> Result<std::fs::Metadata, WriteError> {
        use std::io::Write as _;
        let target = self.dir.join(path);
        let create = || {
            let mut file = std::fs::File::create(&target)?;
            file.write_all(contents)?;
            file.metadata()
        };
        let written = match create() {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => target
                .parent()
                .map_or(Ok(()), std::fs::create_dir_all)
                .and_then(|()| create()),
            other => other,
        };
        written.map_err(|e| {
            WriteError(format!(
                "could not write the site to {}: {path}: {e}",
                self.out.display()
            ))
        })
    }

    /// The folder the new site is being written in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Puts the finished site in the place of `out` (see [`swap_in`]).
    pub fn commit(mut self) -> Result<(), WriteError> {
        self.committed = true;
        swap_in(&self.dir, &self.out).map_err(|e| {
            let _ = std::fs::remove_dir_all(&self.dir);
            WriteError(format!(
                "could not write the site to {}: {e}",
                self.out.display()
            ))
        })
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Removes what killed builds left beside `out` (see [`remove_leftovers`]): for builds that
/// change `out` in place instead of staging a new one.
pub fn clean_leftovers(out: &Path) {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if let Some(name) = out.file_name() {
        remove_leftovers(&parent, &name.to_string_lossy());
    }
}
