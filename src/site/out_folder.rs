//! The output folder before anything is written to it: the marker that says heptaglot
//! made it, whether a given `--out` may be replaced, and the sentences that explain why it
//! cannot be written. Both the lock ([`super::lock`]) and the writing ([`super::output`])
//! need these; they live here so that neither has to reach into the other.

use std::io::{self, ErrorKind};
use std::path::Path;

/// The file that marks a folder as heptaglot's output.
pub const MARKER: &str = ".heptaglot-output";

/// Why the output folder cannot be written.
#[derive(Debug)]
pub struct WriteError(pub String);

/// What a failed build left in place of `out`, said for the end of an error message.
pub(super) fn unchanged(out: &Path) -> String {
    if out.join(MARKER).is_file() {
        format!("the previous site in {} is unchanged", out.display())
    } else {
        format!("nothing was published to {}", out.display())
    }
}

/// A sentence for the I/O errors a user can do something about; `None` for the others.
pub(super) fn explain(error: &io::Error, out: &Path, parent: &Path) -> Option<String> {
    let (out, parent) = (out.display(), parent.display());
    Some(match error.kind() {
        ErrorKind::StorageFull => format!(
            "no space left on the disk holding {out}: free some space or choose another --out folder"
        ),
        ErrorKind::QuotaExceeded => format!(
            "the disk quota is used up on the disk holding {out}: free some space or choose another --out folder"
        ),
        ErrorKind::FileTooLarge => {
            "a file is larger than this system lets heptaglot write (see `ulimit -f`)".into()
        }
        ErrorKind::ReadOnlyFilesystem => format!(
            "the disk holding {out} is read-only: heptaglot writes the new site beside it, in {parent}, then swaps it in; choose an --out folder on a writable disk"
        ),
        ErrorKind::PermissionDenied => format!(
            "permission denied in {parent}: heptaglot writes the new site beside {out}, in {parent}, then swaps it in, so it needs to write there; make {parent} writable or choose another --out folder"
        ),
        ErrorKind::ResourceBusy | ErrorKind::CrossesDevices => format!(
            "{out} is a mount point (or on another disk than {parent}), so a new site cannot be swapped in its place; mount the folder above it instead, or choose as --out a folder inside it"
        ),
        _ => return None,
    })
}

/// Refuses an `out` that is not a folder, or a non-empty folder heptaglot did not make.
pub(super) fn check_target(out: &Path) -> Result<(), WriteError> {
    let Ok(metadata) = std::fs::metadata(out) else {
        return Ok(());
    };
    if !metadata.is_dir() {
        let what = if metadata.is_file() {
            "is a file, not a folder"
        } else {
            "exists and is not a folder"
        };
        return Err(WriteError(format!(
            "{} {what}; heptaglot will not replace it. Choose another --out folder, or move it away",
            out.display()
        )));
    }
    let is_ours = out.join(MARKER).is_file();
    if !is_ours && !is_empty_dir(out) {
        return Err(WriteError(format!(
            "{} exists and was not made by heptaglot; refusing to replace it. Choose another --out folder, or empty this one",
            out.display()
        )));
    }
    Ok(())
}

/// Whether `dir` is a folder with nothing in it.
pub(super) fn is_empty_dir(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_none())
}
