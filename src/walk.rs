//! The one folder walk heptaglot uses (notes, templates, locales, the build cache's
//! hashes), and the one place that uses `walkdir`: swapping the crate is a change to this
//! file only.
//!
//! The walk is depth first, each folder's entries sorted by file name so that every run
//! sees the same order, and does not follow links below the root: a link is an entry of
//! its own, which callers report or skip rather than walking out of the folder.

use std::fmt;
use std::path::{Path, PathBuf};

/// One thing found by [`entries`]: a folder, a regular file, or anything else (a link, a
/// FIFO, a socket), as it is on disk and not as what a link points to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    path: PathBuf,
    is_dir: bool,
    is_file: bool,
}

impl Entry {
    /// Where the entry is: the root joined with the entry's path below it.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The entry's path, without a copy.
    pub fn into_path(self) -> PathBuf {
        self.path
    }

    /// Whether the entry is a folder (a link to one is not, even as the root).
    pub fn is_dir(&self) -> bool {
        self.is_dir
    }

    /// Whether the entry is a regular file (a link to one is not).
    pub fn is_file(&self) -> bool {
        self.is_file
    }
}

/// A folder or entry the walk could not read; the walk goes on past it.
#[derive(Debug)]
pub struct WalkError(walkdir::Error);

impl WalkError {
    /// The path the error concerns, when there is one.
    pub fn path(&self) -> Option<&Path> {
        self.0.path()
    }
}

impl fmt::Display for WalkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for WalkError {}

/// Everything under `root` down to `max_depth` levels below it (`usize::MAX`: no limit),
/// `root` itself first (depth 0), each folder's entries sorted by file name, links below
/// the root not followed. A root that is a link to a folder is walked, though its own entry
/// is a link, neither folder nor file.
pub fn entries(root: &Path, max_depth: usize) -> impl Iterator<Item = Result<Entry, WalkError>> {
    walkdir::WalkDir::new(root)
        .follow_links(false)
        .max_depth(max_depth)
        .sort_by_file_name()
        .into_iter()
        .map(|entry| {
            let entry = entry.map_err(WalkError)?;
            let kind = entry.file_type();
            Ok(Entry {
                is_dir: kind.is_dir(),
                is_file: kind.is_file(),
                path: entry.into_path(),
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The walk's entries as paths below `root` (`""`: the root), failing on any error.
    fn walked(root: &Path, max_depth: usize) -> Vec<(String, bool, bool)> {
        entries(root, max_depth)
            .map(|entry| {
                let entry = entry.unwrap();
                let below = entry.path().strip_prefix(root).unwrap();
                let shown = below.to_string_lossy().into_owned();
                (shown, entry.is_dir(), entry.is_file())
            })
            .collect()
    }

    /// A temp folder with files at depths 1 to 4 and folders named out of creation order.
    fn tree() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("b/deep/deeper")).unwrap();
        std::fs::create_dir(root.join("a")).unwrap();
        for file in [
            "c.txt",
            "a/one.txt",
            "b/deep/two.txt",
            "b/deep/deeper/three.txt",
            "b/z",
        ] {
            std::fs::write(root.join(file), file).unwrap();
        }
        dir
    }

    #[test]
    fn walks_depth_first_sorted_by_file_name() {
        let dir = tree();
        let all = walked(dir.path(), usize::MAX);
        let expected = [
            ("", true, false),
            ("a", true, false),
            ("a/one.txt", false, true),
            ("b", true, false),
            ("b/deep", true, false),
            ("b/deep/deeper", true, false),
            ("b/deep/deeper/three.txt", false, true),
            ("b/deep/two.txt", false, true),
            ("b/z", false, true),
            ("c.txt", false, true),
        ];
        let expected: Vec<_> = expected
            .iter()
            .map(|&(path, dir, file)| (path.to_string(), dir, file))
            .collect();
        assert_eq!(all, expected);
    }

    #[test]
    fn stops_at_the_depth_limit() {
        let dir = tree();
        let names = |depth| -> Vec<String> {
            walked(dir.path(), depth)
                .into_iter()
                .map(|(path, _, _)| path)
                .collect()
        };
        assert_eq!(names(0), [""]);
        assert_eq!(names(1), ["", "a", "b", "c.txt"]);
        assert_eq!(
            names(2),
            ["", "a", "a/one.txt", "b", "b/deep", "b/z", "c.txt"]
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_an_entry_of_its_own_and_not_followed() {
        let dir = tree();
        let root = dir.path();
        std::os::unix::fs::symlink(root.join("b"), root.join("link-to-b")).unwrap();
        std::os::unix::fs::symlink(root.join("c.txt"), root.join("link-to-c")).unwrap();
        let all = walked(root, usize::MAX);
        let links: Vec<_> = all
            .iter()
            .filter(|(path, _, _)| path.starts_with("link"))
            .cloned()
            .collect();
        let not_dir_not_file = |path: &str| (path.to_string(), false, false);
        assert_eq!(
            links,
            [not_dir_not_file("link-to-b"), not_dir_not_file("link-to-c")]
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_linked_root_is_walked_and_shown_as_a_link() {
        let dir = tree();
        let link = dir.path().join("root-link");
        std::os::unix::fs::symlink(dir.path().join("a"), &link).unwrap();
        assert_eq!(
            walked(&link, usize::MAX),
            [
                (String::new(), false, false),
                ("one.txt".to_string(), false, true)
            ]
        );
    }

    #[test]
    fn a_missing_root_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing");
        let results: Vec<_> = entries(&missing, usize::MAX).collect();
        assert_eq!(results.len(), 1);
        let Err(error) = &results[0] else {
            panic!("a missing root walks as an error, got {:?}", results[0]);
        };
        assert_eq!(error.path(), Some(missing.as_path()));
        // The text `notes::load::find_files` shows the user after "cannot read this folder
        // entry: ".
        assert_eq!(
            error.to_string(),
            format!(
                "IO error for operation on {}: No such file or directory (os error 2)",
                missing.display()
            )
        );
    }
}
