//! What the request threads and the watcher share: the folder being served, the build
//! session, the last build's outcome, and [`rebuild`], which changes them together.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use super::{Build, Reporter};
use crate::site::{self, BuildOptions, Layout};

/// The outcome of the last build, as `/__heptaglot/status` shows it.
#[derive(Debug, Clone)]
pub(super) struct Status {
    pub(super) generation: u64,
    pub(super) ok: bool,
    pub(super) message: String,
    pub(super) details: String,
}

/// What the request threads and the builder share.
pub(super) struct Shared {
    pub(super) root: PathBuf,
    /// The folder being served; follows the configuration's `output` after each build.
    pub(super) out: RwLock<PathBuf>,
    /// This server's builds: each keeps its cache for the next (see [`site::Session`]).
    pub(super) session: Mutex<site::Session>,
    pub(super) status: Mutex<Status>,
    /// Whether to check the `Host` header (on loopback, against DNS rebinding).
    pub(super) loopback: bool,
    pub(super) stop: AtomicBool,
    pub(super) reporter: Arc<dyn Reporter>,
}

impl Shared {
    pub(super) fn out(&self) -> PathBuf {
        self.out
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    pub(super) fn status(&self) -> Status {
        self.status
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

/// Runs a build and records its outcome. `changed` is what the log names; `reported`, every
/// input the watcher saw change since the last report (`None`: it may have missed some).
pub(super) fn rebuild(
    shared: &Shared,
    options: &BuildOptions,
    changed: &[PathBuf],
    reported: Option<&[PathBuf]>,
) {
    // Requests never wait for this: they take no lock the build holds (see `http::respond`),
    // and get the last build's files until this one puts its own in place.
    shared.reporter.building(changed);
    let mut session = shared
        .session
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    session.inputs_changed(reported);
    let report = site::build_in(&Layout::new(&shared.root), options, &mut session);
    let (ok, message, details) = match &report.result {
        Ok(summary) => {
            *shared.out.write().unwrap_or_else(PoisonError::into_inner) = summary.out.clone();
            (
                true,
                format!(
                    "built {} digest(s), {} files in {:.0?}",
                    summary.digests, summary.files, summary.elapsed
                ),
                String::new(),
            )
        }
        Err(message) => {
            let errors: Vec<_> = report
                .problems
                .iter()
                .filter(|p| p.is_error())
                .cloned()
                .collect();
            let mut details = crate::diag::render(&errors, &shared.root, false);
            if details.len() > 20_000 {
                let mut cut = 20_000;
                while !details.is_char_boundary(cut) {
                    cut -= 1;
                }
                details.truncate(cut);
                details.push_str("\n…");
            }
            (false, message.clone(), details)
        }
    };
    // Status and generation change together, so a client that sees the new generation
    // also sees this build's outcome.
    let generation = {
        let mut status = shared.status.lock().unwrap_or_else(PoisonError::into_inner);
        status.generation += 1;
        status.ok = ok;
        status.message = message;
        status.details = details;
        status.generation
    };
    shared.reporter.built(&Build {
        generation,
        report: &report,
        changed,
    });
    // The browsers reload while the cache is saved; a failure only makes the next build a
    // full one.
    if let Err(message) = session.settle() {
        shared.reporter.warning(&message);
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use std::path::Path;

    pub(in crate::serve) struct Quiet;

    impl Reporter for Quiet {
        fn listening(&self, _: &Path, _: &str) {}
        fn built(&self, _: &Build<'_>) {}
        fn warning(&self, _: &str) {}
    }

    pub(in crate::serve) fn shared(out: &Path) -> Shared {
        Shared {
            root: out.parent().unwrap_or(out).to_path_buf(),
            out: RwLock::new(out.to_path_buf()),
            session: Mutex::new(site::Session::serving()),
            status: Mutex::new(Status {
                generation: 3,
                ok: true,
                message: "built".into(),
                details: String::new(),
            }),
            loopback: true,
            stop: AtomicBool::new(false),
            reporter: Arc::new(Quiet),
        }
    }
}
