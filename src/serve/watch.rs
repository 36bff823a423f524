//! Watching the inputs: which events are changes worth a build, letting a burst of them
//! settle, and whether the watch sees every change (so a build may trust its report).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::event::{MetadataKind, ModifyKind};
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use super::Reporter;
use super::shared::{Shared, rebuild};
use crate::config;
use crate::site::{BuildOptions, Layout};

/// The longest a stream of changes can postpone a rebuild.
const MAX_DELAY: Duration = Duration::from_secs(2);

/// What is watched: the input folders recursively, and the configuration file through its
/// folder (editors often replace a file rather than write it, which a watch on the file
/// itself would lose).
pub(super) struct Watch {
    root: PathBuf,
    dirs: Vec<PathBuf>,
    config: PathBuf,
    /// Whether every change to an input reaches this watch, so that a build may read the
    /// metadata of the reported inputs only ([`crate::site::Session::inputs_changed`]): every
    /// folder is watched, and no input is reached through a symbolic link (a change to a
    /// link's target is not seen). Once false, every build reads every input's metadata.
    pub(super) vouches: bool,
}

impl Watch {
    pub(super) fn new(root: &Path) -> Self {
        let layout = Layout::new(root);
        Self {
            root: root.to_path_buf(),
            dirs: vec![
                root.join(&layout.digests),
                root.join(&layout.locales),
                root.join(&layout.templates),
            ],
            config: root.join(config::FILE_NAME),
            vouches: true,
        }
    }

    pub(super) fn add_all(&mut self, watcher: &mut RecommendedWatcher, reporter: &dyn Reporter) {
        if let Err(e) = watcher.watch(&self.root, RecursiveMode::NonRecursive) {
            self.vouches = false;
            reporter.warning(&format!(
                "cannot watch {} ({e}); changes to {} will not be seen",
                self.root.display(),
                config::FILE_NAME
            ));
        }
        for dir in self.dirs.clone() {
            if dir.is_dir() {
                self.add_dir(watcher, &dir, reporter);
            }
        }
        let inputs = self.dirs.iter().chain([&self.config]);
        if inputs.into_iter().any(|path| holds_link(path)) {
            self.vouches = false;
        }
    }

    fn add_dir(&mut self, watcher: &mut RecommendedWatcher, dir: &Path, reporter: &dyn Reporter) {
        // Watching again after a folder was replaced is expected to work; a failure is
        // only worth a warning.
        let _ = watcher.unwatch(dir);
        if let Err(e) = watcher.watch(dir, RecursiveMode::Recursive) {
            self.vouches = false;
            reporter.warning(&format!(
                "cannot watch {} ({e}); its changes will not be seen",
                dir.display()
            ));
        }
    }

    /// Of the inputs an event `touched` ([`Watch::touched`]), those worth a build: editors'
    /// hidden and backup files are not changes. Lost events stand for the root.
    fn worth_a_build(&self, event: &notify::Event, mut paths: Vec<PathBuf>) -> Vec<PathBuf> {
        paths.retain(|path| !self.is_editor_file(path));
        if paths.is_empty() && event.need_rescan() {
            // Events were lost: rebuild rather than miss an edit.
            paths.push(self.root.clone());
        }
        paths
    }

    /// The paths of `event` among the inputs' files and folders, editors' files included
    /// (a notes file may be named like one); none when the event only read them.
    fn touched(&self, event: &notify::Event, out: &Path) -> Vec<PathBuf> {
        match event.kind {
            EventKind::Access(_)
            | EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => Vec::new(),
            _ => event
                .paths
                .iter()
                .filter(|path| self.in_tree(path, out))
                .cloned()
                .collect(),
        }
    }

    fn in_tree(&self, path: &Path, out: &Path) -> bool {
        path == self.config
            || (!path.starts_with(out) && self.dirs.iter().any(|dir| path.starts_with(dir)))
    }

    /// An editor's hidden, backup or probe file in an input folder.
    fn is_editor_file(&self, path: &Path) -> bool {
        let Some(rest) = self.dirs.iter().find_map(|dir| path.strip_prefix(dir).ok()) else {
            return false;
        };
        rest.components().any(|c| {
            let name = c.as_os_str().to_string_lossy();
            name.starts_with('.') || name.ends_with('~') || name == "4913"
        })
    }

    /// What to report to the build of the inputs `seen` since the last report: the paths
    /// relative to the root, or `None` when changes may have been missed (events were
    /// lost, or this watch cannot see every change).
    fn report(&mut self, seen: BTreeSet<PathBuf>, lost: bool) -> Option<Vec<PathBuf>> {
        // A link made since the start: changes to its target will not be seen.
        if seen.iter().any(|path| holds_link(path)) {
            self.vouches = false;
        }
        (self.vouches && !lost).then(|| {
            seen.into_iter()
                .map(|p| {
                    p.strip_prefix(&self.root)
                        .map_or(p.clone(), Path::to_path_buf)
                })
                .collect()
        })
    }

    /// Waits for changes, lets them settle, rebuilds; until the server stops.
    pub(super) fn run(
        mut self,
        mut watcher: RecommendedWatcher,
        events: &Receiver<notify::Result<notify::Event>>,
        shared: &Shared,
        options: &BuildOptions,
        debounce: Duration,
    ) {
        let mut pending = Pending::default();
        while !shared.stop.load(Ordering::SeqCst) {
            let event = match events.recv_timeout(Duration::from_millis(250)) {
                Ok(event) => event,
                Err(RecvTimeoutError::Timeout) => continue,
                Err(RecvTimeoutError::Disconnected) => break,
            };
            if !self.take(event, &mut watcher, shared, &mut pending) {
                continue;
            }
            let first = Instant::now();
            let mut last = first;
            loop {
                let quiet = debounce.saturating_sub(last.elapsed());
                if quiet.is_zero() || first.elapsed() >= MAX_DELAY {
                    break;
                }
                match events.recv_timeout(quiet) {
                    Ok(event) => {
                        if self.take(event, &mut watcher, shared, &mut pending) {
                            last = Instant::now();
                        }
                    }
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            }
            // Files that still exist first: an editor's temporary files are gone by now.
            let Pending {
                changed,
                seen,
                lost,
            } = std::mem::take(&mut pending);
            let (mut paths, gone): (Vec<PathBuf>, Vec<PathBuf>) =
                changed.into_iter().partition(|p| p.exists());
            paths.extend(gone);
            let paths: Vec<PathBuf> = paths
                .into_iter()
                .map(|p| {
                    p.strip_prefix(&self.root)
                        .map_or(p.clone(), Path::to_path_buf)
                })
                .collect();
            let reported = self.report(seen, lost);
            rebuild(shared, options, &paths, reported.as_deref());
        }
    }

    /// Records the inputs an event touched in `pending`; true when there were any worth a
    /// build. Re-watches an input folder that was created (or replaced) since the server
    /// started.
    fn take(
        &mut self,
        event: notify::Result<notify::Event>,
        watcher: &mut RecommendedWatcher,
        shared: &Shared,
        pending: &mut Pending,
    ) -> bool {
        let event = match event {
            Ok(event) => event,
            Err(e) => {
                pending.lost = true;
                shared
                    .reporter
                    .warning(&format!("watching for changes: {e}"));
                return false;
            }
        };
        let out = shared.out();
        let touched = self.touched(&event, &out);
        pending.seen.extend(touched.iter().cloned());
        let paths = self.worth_a_build(&event, touched);
        pending.lost |= event.need_rescan();
        if matches!(event.kind, EventKind::Create(_)) {
            let created: Vec<PathBuf> = (self.dirs.iter())
                .filter(|d| paths.contains(d) && d.is_dir())
                .cloned()
                .collect();
            for dir in created {
                self.add_dir(watcher, &dir, shared.reporter.as_ref());
            }
        }
        let any = !paths.is_empty();
        pending.changed.extend(paths);
        any
    }
}

/// What the watcher collected since the last build.
#[derive(Default)]
struct Pending {
    /// The inputs changed that are worth a build (editors' files aside).
    changed: BTreeSet<PathBuf>,
    /// Every input path touched, for the build's report.
    seen: BTreeSet<PathBuf>,
    /// Whether events were lost.
    lost: bool,
}

/// Whether `path` is a symbolic link or a folder holding one (in any depth).
fn holds_link(path: &Path) -> bool {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return false;
    };
    if meta.is_symlink() {
        return true;
    }
    meta.is_dir()
        && std::fs::read_dir(path).is_ok_and(|entries| {
            entries
                .filter_map(Result::ok)
                .any(|entry| match entry.file_type() {
                    Ok(kind) if kind.is_symlink() => true,
                    Ok(kind) if kind.is_dir() => holds_link(&entry.path()),
                    _ => false,
                })
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::AccessKind;

    #[test]
    fn reading_is_not_a_change_and_editor_files_are_ignored() {
        let root = Path::new("/site");
        let watch = Watch::new(root);
        let out = root.join("public");
        let event = |kind, path: &str| notify::Event::new(kind).add_path(PathBuf::from(path));
        let modify = EventKind::Modify(ModifyKind::Any);
        let relevant = |e: &notify::Event| watch.worth_a_build(e, watch.touched(e, &out));
        assert!(
            relevant(&event(
                EventKind::Access(AccessKind::Any),
                "/site/digests/a.yaml"
            ))
            .is_empty()
        );
        assert_eq!(
            relevant(&event(modify, "/site/digests/a.yaml")),
            [PathBuf::from("/site/digests/a.yaml")]
        );
        assert_eq!(relevant(&event(modify, "/site/heptaglot.toml")).len(), 1);
        for ignored in [
            "/site/digests/.a.yaml.swp",
            "/site/digests/a.yaml~",
            "/site/public/en/index.html",
            "/site/.public.heptaglot-new-1",
            "/site/README.md",
        ] {
            assert!(relevant(&event(modify, ignored)).is_empty(), "{ignored}");
        }
    }
}
