//! `serve`: a preview server on loopback that rebuilds on change and reloads the browser.
//!
//! The server builds the site once, serves the output folder over HTTP, watches the inputs
//! (`digests/`, `locales/`, `templates/`, `heptaglot.toml`) and builds again, incrementally,
//! after each burst of changes, telling the build which inputs changed when the watcher can
//! see every change ([`crate::site::Session::inputs_changed`]). Pages are served with a small
//! script injected (never written to disk) that polls the build generation and reloads when
//! it changes.
//!
//! Nothing here prints: everything the user should see goes through a [`Reporter`], which
//! the command line implements.

mod conn;
mod files;
mod http;
mod session;
mod shared;
mod watch;

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::site::BuildReport;

pub use http::{LIVERELOAD_JS, PREFIX, SCRIPT_TAG};
pub use session::{Preview, serve};

/// Where serve builds its preview, below the site root unless `--out` says otherwise: not
/// the output `build` writes for upload, since a preview's pages carry the server's address.
pub const PREVIEW: &str = ".heptaglot/preview";

/// How long the inputs must stay quiet before a rebuild starts.
pub const DEBOUNCE: Duration = Duration::from_millis(200);

/// What the preview server is asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site folder.
    pub root: PathBuf,
    /// The address to listen on (a name such as `localhost`, or an IP address).
    pub address: String,
    /// The port; 0 picks a free one.
    pub port: u16,
    /// The preview folder (relative to the root unless absolute); `None`: [`PREVIEW`]. Never
    /// the folder `build` writes.
    pub out: Option<PathBuf>,
    /// How long the inputs must stay quiet before a rebuild.
    pub debounce: Duration,
}

impl ServeOptions {
    /// Options with the standard debounce.
    pub fn new(root: impl Into<PathBuf>, address: &str, port: u16, out: Option<PathBuf>) -> Self {
        Self {
            root: root.into(),
            address: address.to_owned(),
            port,
            out,
            debounce: DEBOUNCE,
        }
    }
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The address does not resolve to anything to listen on.
    #[error("{address:?} is not an address to listen on: {reason}")]
    Address {
        /// The address as given.
        address: String,
        /// What went wrong.
        reason: String,
    },
    /// The preview folder asked for is the one `build` writes for upload.
    #[error("cannot preview into {}: {reason}", out.display())]
    Out {
        /// The folder.
        out: PathBuf,
        /// Why not, and what to do.
        reason: String,
    },
    /// Listening failed (port taken, no permission...).
    #[error("cannot listen on {address}: {reason}")]
    Bind {
        /// The address and port.
        address: String,
        /// What went wrong.
        reason: String,
    },
}

/// One finished build, as the server reports it.
#[derive(Debug)]
pub struct Build<'a> {
    /// The build's number: 1 for the initial build, one more for each rebuild.
    pub generation: u64,
    /// What the build found and wrote.
    pub report: &'a BuildReport,
    /// The input paths whose change caused the build, relative to the site root when they
    /// are below it, those that still exist first; empty for the initial build.
    pub changed: &'a [PathBuf],
}

/// Receives what the server has to say; the command line prints it.
pub trait Reporter: Send + Sync {
    /// The server is listening and the initial build is done.
    fn listening(&self, out: &Path, url: &str);
    /// A rebuild starts, after `changed` changed (empty for the initial build). Pages are
    /// still served from the last build while it runs.
    fn building(&self, changed: &[PathBuf]) {
        let _ = changed;
    }
    /// A build finished (successfully or not).
    fn built(&self, build: &Build<'_>);
    /// Something the user should know that stops nothing: a non-loopback address, a watch
    /// that could not be set up, a request that failed.
    fn warning(&self, message: &str);
}
