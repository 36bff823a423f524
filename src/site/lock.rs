//! One build at a time into an output folder: an exclusive advisory lock on a file beside
//! it (`.<name>.heptaglot-lock`), held while the site is written and swapped in.
//!
//! The lock file lives in the parent folder, not in the output, because the output folder
//! itself is swapped for a new one. The lock is `flock`-style (std's `File::lock`), so the
//! system releases it when a build dies, even by SIGKILL: there are no stale locks. A
//! second build waits rather than fails, since builds take seconds, and says once what it
//! waits for. The holder deletes the file before letting go, so none lingers beside the
//! site (in a site's repository, say); a build that got the lock on a file deleted since
//! it opened it starts over, so two builds never hold locks on two different files.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{ErrorKind, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::out_folder::{self, WriteError};

/// How long a build waits for another one into the same folder before giving up.
pub const TIMEOUT: Duration = Duration::from_secs(600);

/// The right to write one output folder, until dropped.
#[derive(Debug)]
pub struct OutputLock {
    out: PathBuf,
    parent: PathBuf,
    name: String,
    /// `None` when the file system cannot lock files (then builds are not serialized).
    file: Option<File>,
}

impl OutputLock {
    /// The output folder (a symbolic link to a folder is followed, since the swap must
    /// happen where the site really is).
    pub fn out(&self) -> &Path {
        &self.out
    }

    /// The folder holding the output, where the new site is written before the swap.
    pub fn parent(&self) -> &Path {
        &self.parent
    }

    /// The output folder's own name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether no other heptaglot build can be writing this output now.
    pub fn is_exclusive(&self) -> bool {
        self.file.is_some()
    }
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        // Deleted while still locked; closing the file then releases the lock.
        if self.file.is_some() && cfg!(unix) {
            let _ = std::fs::remove_file(lock_path(&self.parent, &self.name));
        }
    }
}

/// The lock file for the output folder `name` in `parent`.
pub fn lock_path(parent: &Path, name: &str) -> PathBuf {
    parent.join(format!(".{name}.heptaglot-lock"))
}

/// Takes the lock for `out`, waiting up to [`TIMEOUT`] for another build to finish.
pub fn acquire(out: &Path) -> Result<OutputLock, WriteError> {
    acquire_within(out, TIMEOUT)
}

/// Takes the lock for `out`, waiting up to `timeout`; creates the folder holding `out`.
pub fn acquire_within(out: &Path, timeout: Duration) -> Result<OutputLock, WriteError> {
    let out = resolve(out)?;
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| {
            WriteError(format!(
                "{} is not a folder name heptaglot can use; pass --out with a folder name, such as public",
                out.display()
            ))
        })?;
    // Before creating anything beside it: a refused `--out` leaves no trace.
    out_folder::check_target(&out)?;
    let unchanged = out_folder::unchanged(&out);
    std::fs::create_dir_all(&parent).map_err(|e| {
        WriteError(format!(
            "cannot create {}, the folder that is to hold {}: {}; {unchanged}",
            parent.display(),
            out.display(),
            out_folder::explain(&e, &out, &parent).unwrap_or_else(|| e.to_string())
        ))
    })?;
    let path = lock_path(&parent, &name);
    let started = Instant::now();
    let mut announced = false;
    let mut deleted = 0;
    let file = loop {
        let mut file = open(&path).map_err(|e| {
            WriteError(format!(
                "cannot build into {}: {}; {unchanged}",
                out.display(),
                out_folder::explain(&e, &out, &parent)
                    .unwrap_or_else(|| format!("opening {}: {e}", path.display()))
            ))
        })?;
        match file.try_lock() {
            Ok(()) if is_current(&file, &path) => break Some(file),
            // Its holder deleted it as we waited: lock the file that is there now. (A
            // file system that never shows the same file twice cannot lock either.)
            Ok(()) if deleted < 100 => {
                deleted += 1;
                continue;
            }
            Err(TryLockError::WouldBlock) => {}
            unsupported => {
                // Some network and FUSE file systems cannot lock; building unlocked is what
                // every build did before locks, so warn rather than refuse.
                let why = match unsupported {
                    Err(TryLockError::Error(e)) => format!(" ({e})"),
                    _ => String::new(),
                };
                eprintln!(
                    "warning: cannot lock {}{why}; a second build into {} at the same time could fail",
                    path.display(),
                    out.display()
                );
                break None;
            }
        }
        let holder = holder(&mut file);
        let waited = started.elapsed();
        // The holder writes its id just after locking; give it a moment to appear.
        if !announced && (holder.is_some() || waited > Duration::from_millis(500)) {
            // Printed now rather than reported after the build: a build that stalls should
            // say why while it stalls.
            eprintln!(
                "waiting for another heptaglot build into {}{} to finish",
                out.display(),
                holder
                    .map(|pid| format!(" (pid {pid})"))
                    .unwrap_or_default()
            );
            announced = true;
        }
        if waited >= timeout {
            return Err(WriteError(format!(
                "another heptaglot build into {}{} did not finish within {}; nothing was written, and {unchanged}. Wait for that build or stop it, then build again",
                out.display(),
                holder
                    .map(|pid| format!(" (pid {pid})"))
                    .unwrap_or_default(),
                duration(timeout)
            )));
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    if let Some(mut file) = file.as_ref() {
        // Tell a build that comes next whom it waits for; only informative, so a full disk
        // that cannot take these few bytes does not stop the build.
        let _ = file
            .set_len(0)
            .and_then(|()| file.rewind())
            .and_then(|()| write!(file, "{}", std::process::id()))
            .and_then(|()| file.flush());
    }
    Ok(OutputLock {
        out,
        parent,
        name,
        file,
    })
}

/// Opens (or creates) the lock file.
fn open(path: &Path) -> std::io::Result<File> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .or_else(|e| match e.kind() {
            // Made by another user: locking needs only reading, and whether this build
            // may write beside the output shows when it does.
            ErrorKind::PermissionDenied => File::open(path).map_err(|_| e),
            _ => Err(e),
        })
}

/// Whether the locked `file` is still the one at `path` (not deleted by its last holder).
#[cfg(unix)]
fn is_current(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(locked), Ok(there)) => locked.dev() == there.dev() && locked.ino() == there.ino(),
        _ => false,
    }
}

/// Elsewhere the file is never deleted, so it is always current.
#[cfg(not(unix))]
fn is_current(_: &File, _: &Path) -> bool {
    true
}

/// A wait as people say it: "10 minutes", "0.3 seconds".
fn duration(wait: Duration) -> String {
    let seconds = wait.as_secs_f64();
    if seconds >= 120.0 {
        format!("{:.0} minutes", seconds / 60.0)
    } else {
        format!("{seconds:.1} seconds")
    }
}

/// The process id the lock's holder wrote into the lock file, if readable.
fn holder(file: &mut File) -> Option<u32> {
    let mut text = String::new();
    file.rewind().ok()?;
    file.read_to_string(&mut text).ok()?;
    text.trim().parse().ok()
}

/// `out`, or, when it is a symbolic link, the folder it points to: replacing the link by a
/// folder would leave the real site stale.
fn resolve(out: &Path) -> Result<PathBuf, WriteError> {
    if !out.is_symlink() {
        return Ok(out.to_path_buf());
    }
    std::fs::canonicalize(out).map_err(|e| {
        let target = std::fs::read_link(out)
            .map(|t| t.display().to_string())
            .unwrap_or_default();
        let reason = if e.kind() == ErrorKind::NotFound {
            "which does not exist".to_string()
        } else {
            format!("which cannot be followed ({e})")
        };
        WriteError(format!(
            "{} is a symbolic link to {target}, {reason}; create that folder or choose another --out folder",
            out.display()
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_waits_for_the_first_and_gives_up_with_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = acquire_within(&out, Duration::ZERO).unwrap();
        assert!(first.is_exclusive());
        assert_eq!(first.name(), "public");
        assert!(lock_path(dir.path(), "public").is_file());
        // Opened as a waiter would, before the holder deletes it.
        let stale = open(&lock_path(dir.path(), "public")).unwrap();
        let error = acquire_within(&out, Duration::from_millis(300)).unwrap_err();
        let pid = std::process::id();
        assert!(
            error.0.starts_with(&format!(
                "another heptaglot build into {} (pid {pid}) did not finish within 0.3 seconds; nothing was written",
                out.display()
            )),
            "{}",
            error.0
        );
        drop(first);
        assert!(!lock_path(dir.path(), "public").exists(), "left behind");
        // The waiter then gets a lock on a deleted file, which it must see as such...
        stale.try_lock().unwrap();
        assert!(!is_current(&stale, &lock_path(dir.path(), "public")));
        // ...since a build that comes now locks a new file, at once.
        let second = acquire_within(&out, Duration::ZERO).unwrap();
        assert!(second.is_exclusive());
        assert!(is_current(
            second.file.as_ref().unwrap(),
            &lock_path(dir.path(), "public")
        ));
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_is_followed_and_a_dangling_one_explained() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("real")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("real"), dir.path().join("public")).unwrap();
        let lock = acquire_within(&dir.path().join("public"), Duration::ZERO).unwrap();
        assert_eq!(lock.name(), "real");
        drop(lock);
        std::os::unix::fs::symlink(dir.path().join("gone"), dir.path().join("broken")).unwrap();
        let error = acquire_within(&dir.path().join("broken"), Duration::ZERO).unwrap_err();
        assert!(error.0.contains("which does not exist"), "{}", error.0);
    }
}
