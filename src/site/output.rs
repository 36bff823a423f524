//! Writing the site: into a fresh folder beside the target, swapped in at the end, so a
//! failed or interrupted build leaves the previous site as it was. heptaglot only ever
//! replaces a folder whose every file its manifest lists ([`super::out_folder`]), so a
//! mistyped `--out`, or a folder holding a copy of its marker, cannot lose someone's files.
//!
//! Every failure while writing (a full disk, a read-only disk, a folder that cannot be
//! swapped) deletes the unfinished copy, so the disk space is given back, and is explained
//! in one sentence that names the output folder and says the previous site is unchanged.
//! A build that is killed cannot clean up; the next build into the same folder does
//! ([`remove_leftovers`]), under the lock that keeps two builds apart ([`super::lock`]).

use std::io::{self, ErrorKind};
use std::path::{Path, PathBuf};

use super::lock::OutputLock;
pub use super::out_folder::{MARKER, WriteError};
use super::out_folder::{check_target, explain, is_empty_dir, unchanged};
pub use crate::output_file::OutputFile;

/// An I/O error and what was being done when it happened.
struct Failure {
    doing: String,
    error: io::Error,
}

/// Attaches "what was being done" to an I/O result.
fn doing<T>(result: io::Result<T>, what: impl FnOnce() -> String) -> Result<T, Failure> {
    result.map_err(|error| Failure {
        doing: what(),
        error,
    })
}

/// Puts the finished `staging` folder in the place of `out`. On Linux the two are exchanged
/// in one atomic step (`renameat2` with `RENAME_EXCHANGE`), so at every instant `out` holds
/// a whole site; the old one, now at `staging`, is deleted after. Elsewhere, or on file
/// systems without the exchange, the old site is first renamed aside, which leaves a
/// moment without `out` that the next build repairs ([`remove_leftovers`]).
fn swap_in(staging: &Path, out: &Path) -> Result<(), Failure> {
    let swapping = || format!("moving the new site into {}", out.display());
    if !out.exists() {
        return doing(std::fs::rename(staging, out), swapping);
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        if renameat_with(CWD, staging, CWD, out, RenameFlags::EXCHANGE).is_ok() {
            // The new site is published; an old copy that resists deletion is a leftover
            // the next build removes, not a failure of this one.
            let _ = remove_tree(staging);
            return Ok(());
        }
    }
    let old = staging.with_file_name(
        staging
            .file_name()
            .map(|n| n.to_string_lossy().replace("-new-", "-old-"))
            .unwrap_or_default(),
    );
    doing(std::fs::rename(out, &old), swapping)?;
    if let Err(error) = std::fs::rename(staging, out) {
        let _ = std::fs::rename(&old, out);
        return Err(Failure {
            doing: swapping(),
            error,
        });
    }
    let _ = remove_tree(&old);
    Ok(())
}

/// Deletes a folder heptaglot wrote, its marker last: a deletion cut short (a killed
/// build) leaves a folder that still says whose it is, or an empty one.
fn remove_tree(dir: &Path) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name() == MARKER {
            continue;
        }
        if entry.file_type()?.is_dir() {
            std::fs::remove_dir_all(entry.path())?;
        } else {
            std::fs::remove_file(entry.path())?;
        }
    }
    match std::fs::remove_file(dir.join(MARKER)) {
        Err(e) if e.kind() != ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    std::fs::remove_dir(dir)
}

/// Cleans up after builds that were killed: their staging folders (`.<name>.heptaglot-new-
/// <pid>`) and old sites set aside (`-old-<pid>`). With the lock held (`exclusive`), no
/// other build can be writing, so every such folder is a leftover, even if its process id
/// now belongs to another program; without it, only those whose process is gone. A folder
/// counts only if it carries the marker, or is empty (killed before the marker was
/// written). If a build was killed between setting the old site aside and moving the new
/// one in, the old site is put back first.
fn remove_leftovers(parent: &Path, name: &str, exclusive: bool) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let prefix = format!(".{name}.heptaglot-");
    let out = parent.join(name);
    for entry in entries.filter_map(Result::ok) {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some((kind, pid)) = file_name
            .strip_prefix(&prefix)
            .and_then(|rest| rest.split_once('-'))
        else {
            continue;
        };
        let Ok(pid) = pid.parse::<u32>() else {
            continue;
        };
        let path = entry.path();
        let is_folder = entry.file_type().is_ok_and(|t| t.is_dir());
        // The marker itself, not a link to one.
        let marked = std::fs::symlink_metadata(path.join(MARKER)).is_ok_and(|m| m.is_file());
        let ours = marked || is_empty_dir(&path);
        if !matches!(kind, "new" | "old") || !is_folder || !ours {
            continue;
        }
        if !exclusive && is_running(pid) {
            continue;
        }
        if kind == "old" && !out.exists() {
            let _ = std::fs::rename(&path, &out);
        } else {
            let _ = remove_tree(&path);
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
/// site in memory): into a staging folder beside the output, swapped in by
/// [`Staging::commit`]. Dropped without a commit (a failure), the staging folder is
/// deleted, so the space is given back, and the output is untouched.
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    parent: PathBuf,
    dir: PathBuf,
    /// The site being built, named in the manifest.
    site: PathBuf,
    /// What a failure leaves in place of `out`, said for the end of an error message.
    unchanged: String,
    committed: bool,
}

/// Starts writing a new site (of the site at `site`) for the locked output folder, whose
/// files the build has found to be its own ([`super::out_folder::check_owned`]): refuses a
/// file; cleans up what killed builds left; writes the marker first, so that a build
/// killed at any later point leaves a staging folder the next build recognizes as its own
/// to delete.
pub fn stage(lock: &OutputLock, site: &Path) -> Result<Staging, WriteError> {
    let (out, parent, name) = (lock.out(), lock.parent(), lock.name());
    check_target(out)?;
    remove_leftovers(parent, name, lock.is_exclusive());
    let staging = Staging {
        out: out.to_path_buf(),
        parent: parent.to_path_buf(),
        dir: parent.join(format!(".{name}.heptaglot-new-{}", std::process::id())),
        site: site.to_path_buf(),
        unchanged: unchanged(out),
        committed: false,
    };
    let dir = staging.dir.clone();
    if dir.exists() {
        staging.fail(remove_tree(&dir), || {
            format!("removing an unfinished site at {}", dir.display())
        })?;
    }
    staging.fail(std::fs::create_dir(&dir), || {
        format!("creating {}", dir.display())
    })?;
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
            Err(e) if e.kind() == ErrorKind::NotFound => target
                .parent()
                .map_or(Ok(()), std::fs::create_dir_all)
                .and_then(|()| create()),
            other => other,
        };
        self.fail(written, || format!("writing {path}"))
    }

    /// The output folder the new site will replace.
    pub fn out(&self) -> &Path {
        &self.out
    }

    /// The site being built.
    pub fn site(&self) -> &Path {
        &self.site
    }

    /// The folder the new site is being written in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Puts the finished site in the place of the output folder (see [`swap_in`]).
    pub fn commit(mut self) -> Result<(), WriteError> {
        let swapped = swap_in(&self.dir, &self.out);
        self.committed = swapped.is_ok();
        swapped.map_err(|failure| self.error(&failure.doing, &failure.error))
    }

    /// An I/O result as this build's error: one sentence naming the output folder, the
    /// cause (and what to do, where the user can do something) and what was left in place.
    fn fail<T>(
        &self,
        result: io::Result<T>,
        doing: impl FnOnce() -> String,
    ) -> Result<T, WriteError> {
        result.map_err(|error| self.error(&doing(), &error))
    }

    /// The error of a failed write to the new site (`doing` says what was being done, for
    /// errors without a plainer explanation).
    pub fn error(&self, doing: &str, error: &io::Error) -> WriteError {
        let reason =
            explain(error, &self.out, &self.parent).unwrap_or_else(|| format!("{doing}: {error}"));
        WriteError(format!(
            "could not write the site to {}: {reason}; {}",
            self.out.display(),
            self.unchanged
        ))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = remove_tree(&self.dir);
        }
    }
}

/// Removes what killed builds left beside the locked output folder (see
/// [`remove_leftovers`]): for builds that change it in place instead of staging a new one.
pub fn clean_leftovers(lock: &OutputLock) {
    remove_leftovers(lock.parent(), lock.name(), lock.is_exclusive());
}
