//! What a watcher tells a session of builds about the inputs between its builds
//! ([`super::Session::inputs_changed`]), so that a build reads the metadata of the files
//! reported only, not of the 80,000 notes and translation files of a 10,000-digest archive,
//! and keeps what it loaded from the settings (configuration, locales, templates) when none
//! of theirs was reported.

use std::collections::BTreeSet;
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
            Told::Paths(paths) => Some(Changed(paths.clone())),
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
#[derive(Debug)]
pub(super) struct Changed(BTreeSet<PathBuf>);

impl Changed {
    /// Whether the input file `path` (relative to the root) may have changed: it, or a
    /// folder holding it, was reported.
    pub(super) fn touches(&self, path: &Path) -> bool {
        path.ancestors().any(|p| self.0.contains(p))
    }

    /// The reported paths in `dir` or above it (`dir` included).
    pub(super) fn near<'a>(&'a self, dir: &'a Path) -> impl Iterator<Item = &'a Path> + 'a {
        self.0
            .iter()
            .map(PathBuf::as_path)
            .filter(move |p| p.starts_with(dir) || dir.starts_with(p))
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
        !self.0.iter().any(|p| {
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
        self.0.iter().all(|p| {
            let Ok(rest) = p.strip_prefix(locales) else {
                return !locales.starts_with(p);
            };
            let parts: Vec<&std::ffi::OsStr> = rest.components().map(|c| c.as_os_str()).collect();
            match parts.as_slice() {
                // The locales folder, a language's, or its translations folder.
                [] | [_] => false,
                [_, folder] if *folder == "digests" => false,
                [_, folder, name] if *folder == "digests" => {
                    let name = Path::new(name);
                    name.extension().is_none_or(|e| e != "yaml")
                        || name
                            .file_stem()
                            .and_then(|s| s.to_str())
                            .is_some_and(is_digest)
                }
                _ => true,
            }
        })
    }
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
        assert!(c.touches(Path::new("digests/sub/b.yaml")));
        assert!(c.touches(Path::new("locales/fr/digests/a.yaml")));
        assert!(!c.touches(Path::new("digests/b.yaml")));
        assert!(!c.touches(Path::new("locales/de/digests/a.yaml")));
        // The root reported (a watcher's rescan) covers everything.
        assert!(changed(&[""]).touches(Path::new("digests/b.yaml")));
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
        assert!(
            told.changed()
                .is_some_and(|c| !c.touches(Path::new("digests/a.yaml")))
        );
        told.add(Some(&a()));
        told.add(Some(&[PathBuf::from("digests/b.yaml")]));
        // A failed build leaves the reports for the next.
        let c = told.changed().expect("paths were told");
        assert!(c.touches(Path::new("digests/a.yaml")) && c.touches(Path::new("digests/b.yaml")));
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
