//! What a watcher tells a session of builds about the inputs between its builds
//! ([`super::Session::inputs_changed`]), so that a build reads the metadata of the files
//! reported only, not of the 80,000 notes and translation files of a 10,000-digest archive,
//! and keeps what it loaded from the settings (configuration, locales, templates) when none
//! of theirs was reported.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

/// What a session was told of its inputs since its last build began.
#[derive(Debug, Default)]
pub(super) enum Told {
    /// Nothing ever: no watcher reports to this session, and every build reads every
    /// input's metadata, as a one-off build does.
    #[default]
    Unwatched,
    /// Every input changed since then is among these paths (relative to the root; a
    /// folder stands for everything in it).
    Paths(BTreeSet<PathBuf>),
    /// Changes may have been missed (or reports began after the last build).
    Lost,
}

impl Told {
    /// Adds a report: `Some` paths, or `None` when changes may have been missed. The first
    /// report says nothing of what changed before it: until a build has read every input
    /// again, nothing is known.
    pub(super) fn add(&mut self, paths: Option<&[PathBuf]>) {
        *self = match (std::mem::take(self), paths) {
            (Told::Paths(mut known), Some(paths)) => {
                known.extend(paths.iter().cloned());
                Told::Paths(known)
            }
            _ => Told::Lost,
        };
    }

    /// What a build may rely on: the paths reported since the last build began.
    pub(super) fn changed(&self) -> Option<Changed> {
        match self {
            Told::Paths(paths) => Some(Changed::new(paths.clone())),
            Told::Unwatched | Told::Lost => None,
        }
    }

    /// A build finished: what it read is known, and reports start again from nothing. A
    /// build that failed leaves what was told for the next.
    pub(super) fn built(&mut self) {
        if !matches!(self, Told::Unwatched) {
            *self = Told::Paths(BTreeSet::new());
        }
    }
}

/// The inputs that may have changed since the last build, as reported to the session.
#[derive(Debug, Clone)]
pub(super) struct Changed {
    paths: BTreeSet<PathBuf>,
    /// The paths as text, each ending in `/` (the root: empty), when there are few: a
    /// build asks about 80,000 inputs, and comparing a few prefixes costs less than
    /// looking up every ancestor of each.
    prefixes: Option<Vec<String>>,
}

impl Changed {
    fn new(paths: BTreeSet<PathBuf>) -> Self {
        let prefixes = (paths.len() <= 32).then(|| {
            paths
                .iter()
                .map(|p| {
                    let text = p.to_string_lossy();
                    match text.is_empty() || text.ends_with('/') {
                        true => text.into_owned(),
                        false => format!("{text}/"),
                    }
                })
                .collect()
        });
        Self { paths, prefixes }
    }

    /// These reports and the `extra` paths.
    pub(super) fn with(self, extra: impl IntoIterator<Item = PathBuf>) -> Self {
        let mut paths = self.paths;
        paths.extend(extra);
        Self::new(paths)
    }

    /// The digests whose content translations (`<locales>/<lang>/digests/<slug>.yaml`)
    /// were reported; `None` when a report may stand for any (a folder holding them).
    pub(super) fn translated(&self, locales: &Path) -> Option<HashSet<&str>> {
        let mut slugs = HashSet::new();
        for p in &self.paths {
            match as_translation(p, locales) {
                AsTranslation::Any => return None,
                AsTranslation::Entry(name) => slugs.extend(yaml_stem(name)),
                AsTranslation::Unrelated => {}
            }
        }
        Some(slugs)
    }

    /// Whether the input file `path` (relative to the root) may have changed: it, or a
    /// folder holding it, was reported.
    pub(super) fn touches(&self, path: &str) -> bool {
        match &self.prefixes {
            Some(prefixes) => prefixes.iter().any(|prefix| {
                (path.starts_with(prefix.as_str()))
                    || (path.len() + 1 == prefix.len() && prefix.starts_with(path))
            }),
            None => Path::new(path).ancestors().any(|p| self.paths.contains(p)),
        }
    }

    /// The reported paths in `dir` or above it (`dir` included).
    pub(super) fn near<'a>(&'a self, dir: &'a Path) -> impl Iterator<Item = &'a Path> + 'a {
        self.paths
            .iter()
            .map(PathBuf::as_path)
            .filter(move |p| p.starts_with(dir) || dir.starts_with(p))
    }

    /// Whether no reported path can have added or removed a notes file in the folder
    /// `digests` under `root`, whose notes files were `notes` (paths under `root`): none
    /// is the folder or above it, or a folder now; none is a notes file (named `.yaml` or
    /// `.yml`) that came or went; none went that held one (a folder moved away). An
    /// editor's temporary file, or a notes file edited, spares them.
    pub(super) fn spares_notes(&self, root: &Path, digests: &Path, notes: &[PathBuf]) -> bool {
        self.near(digests).all(|p| {
            let path = root.join(p);
            let now = path.symlink_metadata().ok();
            let is_notes = matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("yaml" | "yml")
            );
            // Compared as bytes: 10,000 paths component by component cost milliseconds.
            let bytes = path.as_os_str().as_encoded_bytes();
            let known = notes
                .iter()
                .any(|n| n.as_os_str().as_encoded_bytes() == bytes);
            let holds_notes = || {
                notes.iter().any(|n| {
                    let n = n.as_os_str().as_encoded_bytes();
                    n.len() > bytes.len() && n.starts_with(bytes) && n[bytes.len()] == b'/'
                })
            };
            p != digests
                && !digests.starts_with(p)
                && !now.as_ref().is_some_and(std::fs::Metadata::is_dir)
                && (is_notes && now.is_some()) == known
                && (now.is_some() || !holds_notes())
        })
    }

    /// Whether nothing reported is one of the settings every page depends on: the
    /// configuration file, the templates, and the locales but for content translations
    /// (`<locales>/<lang>/digests/`).
    pub(super) fn spares_settings(&self, config: &Path, locales: &Path, templates: &Path) -> bool {
        let is_translation = |p: &Path| {
            p.strip_prefix(locales)
                .ok()
                .and_then(|rest| rest.components().nth(1))
                .is_some_and(|c| c.as_os_str() == "digests")
        };
        !self.paths.iter().any(|p| {
            config.starts_with(p)
                || templates.starts_with(p)
                || p.starts_with(templates)
                || locales.starts_with(p)
                || (p.starts_with(locales) && !is_translation(p))
        })
    }

    /// Whether no reported path can have added or removed a file of a content translation
    /// folder (`<locales>/<lang>/digests/`) other than a translation of a digest
    /// `is_digest` names (which is never an orphan, there or not).
    pub(super) fn spares_orphans(&self, locales: &Path, is_digest: &dyn Fn(&str) -> bool) -> bool {
        self.paths.iter().all(|p| match as_translation(p, locales) {
            AsTranslation::Any => false,
            AsTranslation::Entry(name) => {
                crate::translate::file::format_of(name).is_none()
                    || yaml_stem(name).is_some_and(is_digest)
            }
            AsTranslation::Unrelated => true,
        })
    }
}

/// What a reported path is to the content translations (`<locales>/<lang>/digests/`).
enum AsTranslation<'a> {
    /// The locales folder or above, a file or folder directly in it (a language's), or a
    /// translations folder: it may stand for any translation.
    Any,
    /// An entry of a translations folder, by name.
    Entry(&'a Path),
    /// Anything else: outside the locales, a Fluent file, a path deeper than an entry.
    Unrelated,
}

fn as_translation<'a>(p: &'a Path, locales: &Path) -> AsTranslation<'a> {
    let Ok(rest) = p.strip_prefix(locales) else {
        return match locales.starts_with(p) {
            true => AsTranslation::Any,
            false => AsTranslation::Unrelated,
        };
    };
    let parts: Vec<&'a std::ffi::OsStr> = rest.components().map(|c| c.as_os_str()).collect();
    match parts.as_slice() {
        [] | [_] => AsTranslation::Any,
        [_, folder] if *folder == "digests" => AsTranslation::Any,
        [_, folder, name] if *folder == "digests" => AsTranslation::Entry(Path::new(*name)),
        _ => AsTranslation::Unrelated,
    }
}

/// The slug a translation file named `name` is for: its stem, when it ends in `.yaml`,
/// `.yml` or `.po`.
fn yaml_stem(name: &Path) -> Option<&str> {
    crate::translate::file::slug_of(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn changed(paths: &[&str]) -> Changed {
        let mut told = Told::default();
        told.add(Some(&[]));
        told.built();
        told.add(Some(&paths.iter().map(PathBuf::from).collect::<Vec<_>>()));
        told.changed().expect("paths were told")
    }

    #[test]
    fn a_folder_reported_covers_what_it_holds() {
        let c = changed(&["digests/sub", "locales/fr/digests/a.yaml"]);
        assert!(c.touches("digests/sub/b.yaml"));
        assert!(c.touches("locales/fr/digests/a.yaml"));
        assert!(!c.touches("digests/b.yaml"));
        assert!(!c.touches("locales/de/digests/a.yaml"));
        // The root reported (a watcher's rescan) covers everything.
        assert!(changed(&[""]).touches("digests/b.yaml"));
    }

    #[test]
    fn only_content_translations_spare_the_settings() {
        let spares = |paths: &[&str]| {
            changed(paths).spares_settings(
                Path::new("heptaglot.toml"),
                Path::new("locales"),
                Path::new("templates"),
            )
        };
        assert!(spares(&["digests/a.yaml", "locales/fr/digests/a.yaml"]));
        assert!(spares(&[]));
        for settings in [
            "heptaglot.toml",
            "locales/fr/main.ftl",
            "locales/glossary.yaml",
            "locales/fr",
            "locales",
            "templates/page.html",
            "",
        ] {
            assert!(!spares(&[settings]), "{settings}");
        }
    }

    #[test]
    fn translations_reported_name_their_digests() {
        let locales = Path::new("locales");
        let translated = |paths: &[&str]| {
            let c = changed(paths);
            let slugs = c.translated(locales);
            slugs.map(|s| s.into_iter().map(String::from).collect::<BTreeSet<_>>())
        };
        let slugs = translated(&[
            "locales/fr/digests/a.yaml",
            "locales/de/digests/b.yaml",
            "locales/de/digests/b.yaml~",
            "locales/de/main.ftl",
            "digests/c.yaml",
        ]);
        assert_eq!(slugs, Some(["a".to_string(), "b".to_string()].into()));
        for any in ["locales/fr/digests", "locales/fr", "locales", ""] {
            assert_eq!(translated(&[any]), None, "{any}");
        }
    }

    #[test]
    fn many_reports_are_looked_up_by_ancestor() {
        let paths: Vec<String> = (0..40).map(|n| format!("digests/call-{n}.yaml")).collect();
        let mut all: Vec<&str> = paths.iter().map(String::as_str).collect();
        all.push("locales/fr/digests");
        for c in [changed(&all), changed(&all[35..])] {
            assert!(c.touches("digests/call-39.yaml"));
            assert!(c.touches("locales/fr/digests/x.yaml"));
            assert!(!c.touches("digests/call-399.yaml"));
            assert!(!c.touches("locales/fr/digests.yaml"));
        }
    }

    #[test]
    fn notes_files_come_and_go_with_their_names_or_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let digests = Path::new("digests");
        std::fs::create_dir_all(root.join("digests/2024")).unwrap();
        for file in [
            "digests/a.yaml",
            "digests/b.yaml",
            "digests/sed1x2",
            "digests/new.yaml",
        ] {
            std::fs::write(root.join(file), "").unwrap();
        }
        let notes: Vec<PathBuf> = ["digests/a.yaml", "digests/b.yaml", "digests/old/c.yaml"]
            .iter()
            .map(|n| root.join(n))
            .collect();
        std::fs::remove_file(root.join("digests/b.yaml")).unwrap();
        let spares = |paths: &[&str]| changed(paths).spares_notes(root, digests, &notes);
        // Edited, an editor's file that is still there or already gone, or elsewhere.
        assert!(spares(&[
            "digests/a.yaml",
            "digests/sed1x2",
            "digests/.a.yaml.swp"
        ]));
        assert!(spares(&["digests/gone.tmp", "locales/fr/digests/a.yaml"]));
        for change in [
            "digests/b.yaml",
            "digests/new.yaml",
            "digests/2024",
            "digests/old",
            "digests",
            "",
        ] {
            assert!(!spares(&[change]), "{change}");
        }
    }

    #[test]
    fn orphans_change_only_with_the_files_of_translation_folders() {
        let spares = |paths: &[&str]| {
            changed(paths).spares_orphans(Path::new("locales"), &|slug| slug == "clinic-006")
        };
        assert!(spares(&[
            "digests/clinic-007.yaml",
            "locales/fr/digests/clinic-006.yaml",
            "locales/fr/digests/README.md",
            "locales/fr/main.ftl",
            "locales/fr/digests/old/clinic-005.yaml",
        ]));
        for orphan_maybe in [
            "locales/fr/digests/clinic-005.yaml",
            "locales/fr/digests",
            "locales/fr",
            "locales",
            "",
        ] {
            assert!(!spares(&[orphan_maybe]), "{orphan_maybe}");
        }
    }

    #[test]
    fn only_reports_since_a_build_are_relied_on() {
        let a = || vec![PathBuf::from("digests/a.yaml")];
        let mut told = Told::default();
        told.built();
        assert!(
            told.changed().is_none(),
            "a session no one reports to relies on nothing"
        );
        told.add(Some(&a()));
        assert!(
            told.changed().is_none(),
            "what changed before the first report is unknown"
        );
        told.built();
        assert!(told.changed().is_some_and(|c| !c.touches("digests/a.yaml")));
        told.add(Some(&a()));
        told.add(Some(&[PathBuf::from("digests/b.yaml")]));
        // A failed build leaves the reports for the next.
        let c = told.changed().expect("paths were told");
        assert!(c.touches("digests/a.yaml") && c.touches("digests/b.yaml"));
        told.add(None);
        told.add(Some(&a()));
        assert!(
            told.changed().is_none(),
            "a loss lasts until a build has read everything"
        );
        told.built();
        assert!(told.changed().is_some());
    }
}
