//! Writing a translation file without losing a translator's save: what `translate` read is
//! remembered ([`Fingerprint`]), and a file is replaced only if it is still that, compared
//! right before the rename (and, on Linux, checked again on what the rename displaced).

use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// A file as it was read: its size and time, and the hash of the bytes read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    len: u64,
    modified: Option<SystemTime>,
    hash: u64,
}

impl Fingerprint {
    /// The fingerprint of `bytes`, read from a file whose metadata, taken before reading,
    /// is `metadata`. A file changed between the two never matches a later look.
    pub fn of(metadata: &std::fs::Metadata, bytes: &[u8]) -> Self {
        Self {
            len: metadata.len(),
            modified: metadata.modified().ok(),
            hash: crate::hash::hash64(bytes),
        }
    }

    /// The fingerprint of the file at `path` now; `None` if it is not there.
    fn now(path: &Path) -> io::Result<Option<Self>> {
        let metadata = match std::fs::metadata(path) {
            Ok(metadata) => metadata,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        let bytes = std::fs::read(path)?;
        Ok(Some(Self::of(&metadata, &bytes)))
    }
}

/// Whether the file at `path` is still as it was read.
pub fn is_as_read(path: &Path, read: Option<&Fingerprint>) -> bool {
    Fingerprint::now(path).is_ok_and(|now| now.as_ref() == read)
}

/// Why a file was not written.
#[derive(Debug)]
pub enum NotSaved {
    /// It changed (or appeared, or went) since `translate` read it: the file on disk is
    /// left as it is.
    Changed,
    /// Writing failed.
    Io(io::Error),
}

impl From<io::Error> for NotSaved {
    fn from(e: io::Error) -> Self {
        Self::Io(e)
    }
}

/// Writes `text` to `path` if the file there is still the one read (`read`: `None` when
/// there was none), through a temporary file beside it renamed over it.
pub fn replace_if_unchanged(
    path: &Path,
    text: &str,
    read: Option<&Fingerprint>,
) -> Result<(), NotSaved> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let temp = temp_beside(path);
    std::fs::write(&temp, text)?;
    let done = swap_in(path, &temp, text, read);
    let _ = std::fs::remove_file(&temp);
    done
}

/// The temporary file `translate` writes `path`'s new text to.
pub fn temp_beside(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.heptaglot-{}", std::process::id()))
}

fn swap_in(
    path: &Path,
    temp: &Path,
    text: &str,
    read: Option<&Fingerprint>,
) -> Result<(), NotSaved> {
    test_pause();
    let Some(read) = read else {
        // No file was read: create one only where none is. A hard link fails if the name
        // is taken, where a rename would replace what a translator just created.
        return match std::fs::hard_link(temp, path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(NotSaved::Changed),
            Err(e) => Err(e.into()),
        };
    };
    if Fingerprint::now(path)?.as_ref() != Some(read) {
        return Err(NotSaved::Changed);
    }
    exchange(path, temp, text, read)
}

/// Puts `temp` in `path`'s place. On Linux the two are exchanged in one step and what was
/// displaced is checked: a save that came between the comparison and the exchange is
/// put back.
#[cfg(target_os = "linux")]
fn exchange(path: &Path, temp: &Path, text: &str, read: &Fingerprint) -> Result<(), NotSaved> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    if renameat_with(CWD, temp, CWD, path, RenameFlags::EXCHANGE).is_err() {
        // A filesystem without the exchange: the comparison just made is the guard.
        return std::fs::rename(temp, path).map_err(NotSaved::Io);
    }
    if Fingerprint::now(temp)?.as_ref() == Some(read) {
        return Ok(());
    }
    // A translator saved in between: their file goes back. If they saved again since, that
    // newer file is theirs too and stays.
    renameat_with(CWD, temp, CWD, path, RenameFlags::EXCHANGE).map_err(io::Error::from)?;
    if std::fs::read(temp).is_ok_and(|bytes| bytes != text.as_bytes()) {
        renameat_with(CWD, temp, CWD, path, RenameFlags::EXCHANGE).map_err(io::Error::from)?;
    }
    Err(NotSaved::Changed)
}

#[cfg(not(target_os = "linux"))]
fn exchange(path: &Path, temp: &Path, _text: &str, _read: &Fingerprint) -> Result<(), NotSaved> {
    std::fs::rename(temp, path).map_err(NotSaved::Io)
}

/// For the tests only (`tests/translate.rs`): `HEPTAGLOT_TEST_PAUSE_BEFORE_REPLACE=<ms>`
/// waits that long between writing the new text beside a file and comparing the file, so
/// that a concurrent save lands in that window reliably. Read nowhere else.
fn test_pause() {
    if let Some(ms) = std::env::var_os("HEPTAGLOT_TEST_PAUSE_BEFORE_REPLACE")
        .and_then(|v| v.to_str().and_then(|v| v.parse::<u64>().ok()))
    {
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(path: &Path) -> Fingerprint {
        let metadata = std::fs::metadata(path).unwrap();
        Fingerprint::of(&metadata, &std::fs::read(path).unwrap())
    }

    #[test]
    fn a_file_changed_since_it_was_read_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fr.yaml");
        std::fs::write(&path, "old").unwrap();
        let seen = read(&path);
        replace_if_unchanged(&path, "new", Some(&seen)).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");

        let seen = read(&path);
        std::fs::write(&path, "saved by a translator").unwrap();
        assert!(matches!(
            replace_if_unchanged(&path, "newer", Some(&seen)),
            Err(NotSaved::Changed)
        ));
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "saved by a translator"
        );

        // Created meanwhile: not replaced.
        let fresh = dir.path().join("de.yaml");
        std::fs::write(&fresh, "theirs").unwrap();
        assert!(matches!(
            replace_if_unchanged(&fresh, "ours", None),
            Err(NotSaved::Changed)
        ));
        assert_eq!(std::fs::read_to_string(&fresh).unwrap(), "theirs");
        let absent = dir.path().join("ru.yaml");
        replace_if_unchanged(&absent, "ours", None).unwrap();
        assert_eq!(std::fs::read_to_string(&absent).unwrap(), "ours");
        // No temporary file is left behind.
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert!(names.iter().all(|n| !n.starts_with('.')), "{names:?}");
    }
}
