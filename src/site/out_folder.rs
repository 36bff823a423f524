//! The output folder before anything is written to it: which of its files heptaglot can
//! prove it wrote (the manifest), whether a given `--out` may be replaced, the checks that
//! keep writing and deleting inside it (no symbolic link followed), and the sentences that
//! explain why it cannot be written. The lock ([`super::lock`]), the build
//! ([`super::build`]) and the writing ([`super::output`], [`super::write`]) need these;
//! they live here so that none has to reach into another.
//!
//! # The manifest
//!
//! A file in the output folder proves nothing: any folder can carry a copy of it. What
//! heptaglot wrote is recorded outside the output, in the state folder beside it
//! (`.<name>.heptaglot-cache/manifest`, see [`state_folder`]): the site that built it, the
//! build, and the path of every file the last build left. An output folder is replaced, and
//! a file in it deleted, only when every file in it is in that list (a symbolic link never
//! is: heptaglot never writes one). An incremental build appends each path it is about to
//! create to `manifest-pending` first, so that a build killed half-way leaves nothing the
//! next one cannot account for.

use std::collections::HashSet;
use std::io::{self, ErrorKind, Write as _};
use std::path::{Component, Path, PathBuf};

/// A note in the output folder (and in a staging folder) saying heptaglot writes it. It
/// proves nothing about the output folder, since any folder can carry a copy: what
/// heptaglot wrote is in the manifest beside it ([`MANIFEST`]).
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

/// Refuses an `out` that is not a folder (whose files are then checked by [`check_owned`]).
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
    Ok(())
}

/// Whether `dir` is a folder with nothing in it.
pub(super) fn is_empty_dir(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_none())
}

/// The manifest's file in the state folder.
pub const MANIFEST: &str = "manifest";

/// The paths an incremental build is about to create, appended before each is written.
const PENDING: &str = "manifest-pending";

/// The first line of a manifest.
const MANIFEST_HEADER: &str = "heptaglot output manifest 1";

/// The file in the output folder naming the build that made it ([`super::cache`]).
pub const CACHE: &str = ".heptaglot-cache";

/// Present while an incremental build changes the output folder.
pub const JOURNAL: &str = ".heptaglot-journal";

/// Files of heptaglot's own in the output folder, which every build may write.
pub(super) const OWN_FILES: [&str; 3] = [MARKER, CACHE, JOURNAL];

/// The folder beside the output folder `out` where heptaglot keeps what it knows of it:
/// the manifest and the build cache (`.public.heptaglot-cache` for `public`).
pub fn state_folder(out: &Path) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    parent.join(format!(".{name}.heptaglot-cache"))
}

/// The paths the manifest in `state` lists (with those pending), or `None` without one.
pub(super) fn owned_paths(state: &Path) -> Option<HashSet<String>> {
    let text = std::fs::read_to_string(state.join(MANIFEST)).ok()?;
    let mut lines = text.lines();
    if lines.next() != Some(MANIFEST_HEADER) {
        return None;
    }
    let mut paths: HashSet<String> = lines
        .skip_while(|line| line.starts_with("site ") || line.starts_with("build "))
        .map(str::to_owned)
        .collect();
    if let Ok(pending) = std::fs::read_to_string(state.join(PENDING)) {
        paths.extend(pending.lines().map(str::to_owned));
    }
    Some(paths)
}

/// Writes the manifest of the output folder in `state`: built from the site at `site` by
/// build `generation`, holding `paths` and heptaglot's own files; then forgets what was
/// pending. Written beside and renamed, so it is never half a list.
pub(super) fn write_manifest<'a>(
    state: &Path,
    site: &Path,
    generation: u64,
    paths: impl IntoIterator<Item = &'a str>,
) -> io::Result<()> {
    let mut all: Vec<&str> = paths.into_iter().chain(OWN_FILES).collect();
    all.sort_unstable();
    all.dedup();
    let mut text = format!(
        "{MANIFEST_HEADER}\nsite {}\nbuild {generation:016x}\n",
        site.display()
    );
    for path in all {
        text.push_str(path);
        text.push('\n');
    }
    std::fs::create_dir_all(state)?;
    let temp = state.join(format!("{MANIFEST}-new"));
    std::fs::write(&temp, text)?;
    std::fs::rename(&temp, state.join(MANIFEST))?;
    match std::fs::remove_file(state.join(PENDING)) {
        Err(e) if e.kind() != ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Notes in `state` that `path` is about to be created in the output folder, before it is.
pub(super) fn add_pending(state: &Path, path: &str) -> io::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(state.join(PENDING))?;
    file.write_all(format!("{path}\n").as_bytes())
}

/// Refuses to touch the existing output folder `out` unless every file in it is one the
/// manifest in `state` lists: the first other file (or symbolic link, or file of another
/// kind) is named, with what to do. Folders themselves are never in the way (an empty
/// folder holds nothing to lose), nor a file the manifest lists a temporary copy of.
/// Without a manifest, `legacy` may vouch for the files (an output built before them).
pub(super) fn check_owned(
    out: &Path,
    state: &Path,
    legacy: impl FnOnce() -> Option<HashSet<String>>,
) -> Result<(), WriteError> {
    if std::fs::symlink_metadata(out).is_err() {
        return Ok(());
    }
    let owned = owned_paths(state).or_else(legacy);
    let Some(mut foreign) = first_foreign(out, "", owned.as_ref()) else {
        return Ok(());
    };
    if owned.is_none() {
        // Without a record nothing is heptaglot's, but a file of its own names the folder
        // less clearly than one of the user's.
        let own: HashSet<String> = OWN_FILES.map(String::from).into();
        foreign = first_foreign(out, "", Some(&own)).unwrap_or(foreign);
    }
    let (out_shown, manifest) = (out.display(), state.join(MANIFEST));
    let manifest = manifest.display();
    let file = out.join(&foreign.0);
    let file = file.display();
    Err(WriteError(match owned {
        None => format!(
            "{out_shown} is not empty (it holds {file}) and there is no record of what heptaglot wrote in it ({manifest} is missing), so it may be someone's folder; nothing was written or deleted. If it holds only a site heptaglot built, delete it and build again; otherwise choose another --out folder"
        ),
        Some(_) => format!(
            "{file} {}, so {out_shown} is not only a site heptaglot wrote (its files are listed in {manifest}); nothing was written or deleted. Move {file} out of {out_shown} (heptaglot replaces that folder and deletes what it no longer writes), or choose another --out folder",
            foreign.1
        ),
    }))
}

/// The first entry under `dir` (`rel` in the output folder), in name order, that `owned`
/// does not vouch for, and why.
fn first_foreign(
    dir: &Path,
    rel: &str,
    owned: Option<&HashSet<String>>,
) -> Option<(String, &'static str)> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .collect();
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for entry in entries {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = if rel.is_empty() {
            name.clone()
        } else {
            format!("{rel}/{name}")
        };
        let Ok(kind) = entry.file_type() else {
            return Some((path, "cannot be read"));
        };
        if kind.is_symlink() {
            return Some((path, "is a symbolic link, which heptaglot never writes"));
        }
        if kind.is_dir() {
            if let Some(found) = first_foreign(&entry.path(), &path, owned) {
                return Some(found);
            }
            continue;
        }
        let listed = |p: &str| owned.is_some_and(|owned| owned.contains(p));
        // A temporary copy a killed build left beside a file it was replacing.
        let temp_of = name
            .strip_prefix('.')
            .and_then(|n| n.strip_suffix(".heptaglot-tmp"))
            .map(|n| match rel.is_empty() {
                true => n.to_string(),
                false => format!("{rel}/{n}"),
            });
        if !kind.is_file() {
            return Some((path, "is not a regular file"));
        }
        if !listed(&path) && !temp_of.is_some_and(|t| listed(&t)) {
            return Some((path, "was not written by heptaglot"));
        }
    }
    None
}

/// Makes sure every folder on the way from `out` to the file `path` in it is a real folder
/// (creating the missing ones), so that writing or deleting that file never follows a
/// symbolic link out of the output folder.
pub(super) fn real_folders(out: &Path, path: &str) -> io::Result<()> {
    let Some((folders, _)) = path.rsplit_once('/') else {
        return Ok(());
    };
    let mut dir = out.to_path_buf();
    for part in folders.split('/') {
        dir.push(part);
        match std::fs::symlink_metadata(&dir) {
            Ok(meta) if meta.is_dir() => {}
            Ok(_) => {
                return Err(io::Error::other(format!(
                    "{} is a symbolic link or a file, not a folder heptaglot wrote; heptaglot never writes through a link in its output: remove it and build again",
                    dir.display()
                )));
            }
            Err(e) if e.kind() == ErrorKind::NotFound => match std::fs::create_dir(&dir) {
                Err(e) if e.kind() != ErrorKind::AlreadyExists => return Err(e),
                _ => {}
            },
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// A path as the folders it names, `..` and `.` resolved without the file system; `None`
/// when it climbs above where it starts.
fn lexical(path: &Path) -> Option<Vec<std::ffi::OsString>> {
    let mut parts = Vec::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => parts.push(part.to_os_string()),
            Component::CurDir => {}
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::RootDir | Component::Prefix(_) => parts.clear(),
        }
    }
    Some(parts)
}

/// `path` made absolute with its links resolved, as far as it exists (the rest is added as
/// written, `..` resolved).
fn resolved(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = std::fs::canonicalize(existing) {
            let mut full = real;
            for part in rest.iter().rev() {
                full.push(part);
            }
            let parts = lexical(&full).unwrap_or_default();
            let mut normal = PathBuf::from(std::path::MAIN_SEPARATOR_STR);
            if let Some(Component::Prefix(prefix)) = full.components().next() {
                normal = PathBuf::from(prefix.as_os_str());
                normal.push(std::path::MAIN_SEPARATOR_STR);
            }
            normal.extend(parts);
            return normal;
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return absolute,
        }
    }
}

/// Refuses an output folder `out` that is inside one of the site's `inputs` (named as the
/// user knows them: `digests`, `templates`…) or holds one: the build would read its own
/// output, or replace its inputs. Also one outside the site `root` that the configuration
/// (not the command line, `from_command_line`) chose through a symbolic link.
pub(super) fn check_place(
    out: &Path,
    root: &Path,
    inputs: &[&Path],
    from_command_line: bool,
) -> Result<(), String> {
    let real_out = resolved(out);
    let real_root = resolved(root);
    for input in inputs {
        let real = resolved(&root.join(input));
        let shown = input.display();
        if real_out.starts_with(&real) {
            return Err(format!(
                "the output folder {} is inside the site's input folder {shown}/: every later build would read the pages as input. Choose an output folder outside {shown}/, such as public",
                out.display()
            ));
        }
        if real.starts_with(&real_out) {
            return Err(format!(
                "the output folder {} holds the site's input folder {shown}/, which a build would replace. Choose an output folder beside it, such as public",
                out.display()
            ));
        }
    }
    if !from_command_line && !real_out.starts_with(&real_root) {
        return Err(format!(
            "the output folder {} (the `output` of {}) leads outside the site's folder, to {}, through a symbolic link; heptaglot.toml cannot send the build outside the site. Pass --out on the command line to build there",
            out.display(),
            crate::config::FILE_NAME,
            real_out.display()
        ));
    }
    Ok(())
}
