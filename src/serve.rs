//! `serve`: a preview server on loopback that rebuilds on change and reloads the browser.
//!
//! The server builds the site once, serves the output folder over HTTP, watches the inputs
//! (`digests/`, `locales/`, `templates/`, `heptaglot.toml`) and builds again, incrementally,
//! after each burst of changes, telling the build which inputs changed when the watcher can
//! see every change ([`site::Session::inputs_changed`]). Pages are served with a small
//! script injected (never written to disk) that polls the build generation and reloads when
//! it changes.
//!
//! Nothing here prints: everything the user should see goes through a [`Reporter`], which
//! the command line implements.

use std::collections::BTreeSet;
use std::fs::File;
use std::io::{self, Read};
use std::net::{IpAddr, SocketAddr, ToSocketAddrs};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use notify::event::{MetadataKind, ModifyKind};
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use tiny_http::{Header, Method, Response, StatusCode};

use crate::config::{self, Config, Formats};
use crate::site::{self, BuildOptions, BuildReport, Layout};

/// The URL prefix of the server's own endpoints; no site page can live below it.
pub const PREFIX: &str = "/__heptaglot/";

/// The tag injected before `</body>` of every HTML page as served.
pub const SCRIPT_TAG: &str = "<script src=\"/__heptaglot/livereload.js\"></script>";

/// The live-reload script, served at `/__heptaglot/livereload.js`. It polls the generation
/// once a second, reloads when a build succeeded, shows a banner (built with `textContent`,
/// never markup) when the last build failed, and backs off quietly while the server is away.
pub const LIVERELOAD_JS: &str = r##"// heptaglot serve: reload the page when the site is rebuilt.
(function () {
  "use strict";
  var base = "/__heptaglot/";
  var seen = null;
  var delay = 1000;
  var banner = null;

  function get(path) {
    return fetch(base + path, { cache: "no-store" }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response;
    });
  }

  function hideBanner() {
    if (banner && banner.parentNode) { banner.parentNode.removeChild(banner); }
    banner = null;
  }

  function showBanner(status) {
    hideBanner();
    banner = document.createElement("div");
    banner.setAttribute("role", "alert");
    banner.setAttribute("lang", "en");
    banner.setAttribute("dir", "ltr");
    var s = banner.style;
    s.position = "fixed"; s.left = "0"; s.right = "0"; s.bottom = "0"; s.zIndex = "2147483647";
    s.maxHeight = "50vh"; s.overflow = "auto"; s.margin = "0"; s.padding = "0.75em 1em";
    s.background = "#7f1d1d"; s.color = "#fff"; s.font = "14px/1.4 system-ui, sans-serif";
    var title = document.createElement("strong");
    title.textContent = "heptaglot: the last build failed; this is the previous site.";
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "\u00d7";
    close.setAttribute("aria-label", "Dismiss");
    close.style.float = "right";
    close.addEventListener("click", hideBanner);
    var message = document.createElement("pre");
    message.style.whiteSpace = "pre-wrap";
    message.style.margin = "0.5em 0 0";
    message.textContent = String(status.message || "") +
      (status.details ? "\n\n" + String(status.details) : "");
    banner.appendChild(close);
    banner.appendChild(title);
    banner.appendChild(message);
    (document.body || document.documentElement).appendChild(banner);
  }

  function check(status) {
    if (status.ok) { hideBanner(); } else { showBanner(status); }
  }

  function poll() {
    get("generation").then(function (response) {
      return response.text();
    }).then(function (text) {
      var generation = text.trim();
      delay = 1000;
      if (seen === null) {
        seen = generation;
        return get("status").then(function (r) { return r.json(); }).then(check);
      }
      if (generation === seen) { return null; }
      return get("status").then(function (r) { return r.json(); }).then(function (status) {
        if (status.ok) {
          window.location.reload();
        } else {
          seen = String(status.generation);
          check(status);
        }
      });
    }).catch(function () {
      // The server is restarting or gone: wait longer, say nothing, try again.
      delay = Math.min(delay * 2, 10000);
    }).then(function () {
      window.setTimeout(poll, delay);
    });
  }

  poll();
})();
"##;

/// How long the inputs must stay quiet before a rebuild starts.
pub const DEBOUNCE: Duration = Duration::from_millis(200);

/// The longest a stream of changes can postpone a rebuild.
const MAX_DELAY: Duration = Duration::from_secs(2);

/// How many threads answer requests, so a slow client cannot hold up page loads.
const WORKERS: usize = 4;

/// What the preview server is asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site folder.
    pub root: PathBuf,
    /// The address to listen on (a name such as `localhost`, or an IP address).
    pub address: String,
    /// The port; 0 picks a free one.
    pub port: u16,
    /// The output folder, as for `build`; `None` uses the configuration's.
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
    /// A build finished (successfully or not).
    fn built(&self, build: &Build<'_>);
    /// Something the user should know that stops nothing: a non-loopback address, a watch
    /// that could not be set up, a request that failed.
    fn warning(&self, message: &str);
}

/// The outcome of the last build, as `/__heptaglot/status` shows it.
#[derive(Debug, Clone)]
struct Status {
    generation: u64,
    ok: bool,
    message: String,
    details: String,
}

/// What the request threads and the builder share.
struct Shared {
    root: PathBuf,
    /// The folder being served; follows the configuration's `output` after each build.
    out: RwLock<PathBuf>,
    /// This server's builds: each keeps its cache for the next (see [`site::Session`]).
    session: Mutex<site::Session>,
    /// Held for writing during a build, for reading while a request resolves and opens a
    /// file, so a request never sees the output folder half swapped.
    site: RwLock<()>,
    status: Mutex<Status>,
    /// Whether to check the `Host` header (on loopback, against DNS rebinding).
    loopback: bool,
    stop: AtomicBool,
    reporter: Arc<dyn Reporter>,
}

impl Shared {
    fn out(&self) -> PathBuf {
        self.out
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn status(&self) -> Status {
        self.status
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

/// A running preview server.
pub struct Preview {
    shared: Arc<Shared>,
    server: Arc<tiny_http::Server>,
    addr: SocketAddr,
    workers: Vec<JoinHandle<()>>,
    builder: Option<JoinHandle<()>>,
}

impl Preview {
    /// Binds the address, runs the initial build, starts watching and answering requests.
    /// Returns once the server is ready.
    pub fn start(options: &ServeOptions, reporter: Arc<dyn Reporter>) -> Result<Self, ServeError> {
        let host = options
            .address
            .trim_start_matches('[')
            .trim_end_matches(']');
        let addrs: Vec<SocketAddr> = (host, options.port)
            .to_socket_addrs()
            .map_err(|e| ServeError::Address {
                address: options.address.clone(),
                reason: e.to_string(),
            })?
            .collect();
        if addrs.is_empty() {
            return Err(ServeError::Address {
                address: options.address.clone(),
                reason: "it resolves to nothing".into(),
            });
        }
        let server = tiny_http::Server::http(addrs.as_slice()).map_err(|e| ServeError::Bind {
            address: format!("{}:{}", options.address, options.port),
            reason: e.to_string(),
        })?;
        let addr = server
            .server_addr()
            .to_ip()
            .ok_or_else(|| ServeError::Bind {
                address: options.address.clone(),
                reason: "not an IP socket".into(),
            })?;
        let loopback = addr.ip().is_loopback();
        if addr.ip().is_unspecified() {
            reporter.warning(&format!(
                "listening on every network interface ({}): anyone who can reach this machine can read the preview",
                addr.ip()
            ));
        } else if !loopback {
            reporter.warning(&format!(
                "listening on {}, which is not loopback: others on the network can read the preview",
                addr.ip()
            ));
        }

        // The watcher reports absolute paths, with symbolic links resolved: the root is
        // compared with them, so it must be in the same form (`--root .` included).
        let root = options
            .root
            .canonicalize()
            .or_else(|_| std::path::absolute(&options.root))
            .unwrap_or_else(|_| options.root.clone());
        let build_options = BuildOptions {
            out: options.out.clone(),
            formats: Formats::default(),
            base_url: Some(format!("http://{addr}/")),
            // Each change rebuilds only what it affects (see `site::cache`).
            full: false,
        };
        let (config, _) = Config::load(&root);
        let out = site::output_dir(&root, &config, &build_options);
        let shared = Arc::new(Shared {
            root: root.clone(),
            out: RwLock::new(out),
            session: Mutex::new(site::Session::serving()),
            site: RwLock::new(()),
            status: Mutex::new(Status {
                generation: 0,
                ok: false,
                message: "not built yet".into(),
                details: String::new(),
            }),
            loopback,
            stop: AtomicBool::new(false),
            reporter: reporter.clone(),
        });

        // Watch before the initial build so an edit made during it is not missed.
        let (sender, events) = mpsc::channel();
        let mut watch = Watch::new(&shared.root);
        let watcher = match notify::recommended_watcher(sender) {
            Ok(mut watcher) => {
                watch.add_all(&mut watcher, reporter.as_ref());
                Some(watcher)
            }
            Err(e) => {
                reporter.warning(&format!(
                    "cannot watch for changes ({e}); restart serve to see edits"
                ));
                None
            }
        };

        // The watcher's reports begin: this build reads every input, the next ones only
        // those reported (when the watcher can see every change).
        let reported = (watcher.is_some() && watch.vouches).then_some(Vec::new());
        rebuild(&shared, &build_options, &[], reported.as_deref());

        let server = Arc::new(server);
        let workers = (0..WORKERS)
            .filter_map(|n| {
                let server = server.clone();
                let shared = shared.clone();
                thread::Builder::new()
                    .name(format!("serve-{n}"))
                    .spawn(move || answer(&server, &shared))
                    .map_err(|e| reporter.warning(&format!("cannot start a request thread: {e}")))
                    .ok()
            })
            .collect::<Vec<_>>();
        if workers.is_empty() {
            return Err(ServeError::Bind {
                address: addr.to_string(),
                reason: "no thread could be started to answer requests".into(),
            });
        }
        let builder = watcher.and_then(|watcher| {
            let shared = shared.clone();
            let debounce = options.debounce;
            thread::Builder::new()
                .name("serve-watch".into())
                .spawn(move || watch.run(watcher, &events, &shared, &build_options, debounce))
                .map_err(|e| reporter.warning(&format!("cannot start the watcher thread: {e}")))
                .ok()
        });
        Ok(Self {
            shared,
            server,
            addr,
            workers,
            builder,
        })
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The address to open in a browser.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// The folder being served.
    pub fn out(&self) -> PathBuf {
        self.shared.out()
    }

    /// The number of the last build.
    pub fn generation(&self) -> u64 {
        self.shared.status().generation
    }

    /// Blocks until the server stops (which it does not on its own).
    pub fn wait(mut self) {
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
        if let Some(builder) = self.builder.take() {
            let _ = builder.join();
        }
    }

    /// Stops answering and watching, and waits for the threads to end.
    pub fn stop(self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        for _ in 0..self.workers.len() {
            self.server.unblock();
        }
        self.wait();
    }
}

/// Builds, serves and watches the site until the process is stopped.
pub fn serve(options: &ServeOptions, reporter: Arc<dyn Reporter>) -> Result<(), ServeError> {
    let preview = Preview::start(options, reporter.clone())?;
    reporter.listening(&preview.out(), &preview.url());
    preview.wait();
    Ok(())
}

/// Runs a build and records its outcome. `changed` is what the log names; `reported`, every
/// input the watcher saw change since the last report (`None`: it may have missed some).
fn rebuild(
    shared: &Shared,
    options: &BuildOptions,
    changed: &[PathBuf],
    reported: Option<&[PathBuf]>,
) {
    // Held until the new generation is recorded, so that no page of the new site is served
    // while the old generation is still announced.
    let site = shared.site.write().unwrap_or_else(PoisonError::into_inner);
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
    drop(site);
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

/// What is watched: the input folders recursively, and the configuration file through its
/// folder (editors often replace a file rather than write it, which a watch on the file
/// itself would lose).
struct Watch {
    root: PathBuf,
    dirs: Vec<PathBuf>,
    config: PathBuf,
    /// Whether every change to an input reaches this watch, so that a build may read the
    /// metadata of the reported inputs only ([`site::Session::inputs_changed`]): every
    /// folder is watched, and no input is reached through a symbolic link (a change to a
    /// link's target is not seen). Once false, every build reads every input's metadata.
    vouches: bool,
}

impl Watch {
    fn new(root: &Path) -> Self {
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

    fn add_all(&mut self, watcher: &mut RecommendedWatcher, reporter: &dyn Reporter) {
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
    fn run(
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

/// Answers requests until the server stops.
fn answer(server: &tiny_http::Server, shared: &Shared) {
    loop {
        let request = match server.recv() {
            Ok(request) => request,
            Err(e) => {
                if shared.stop.load(Ordering::SeqCst) {
                    return;
                }
                shared
                    .reporter
                    .warning(&format!("accepting a request: {e}"));
                // Do not spin if the listener is gone for good.
                thread::sleep(Duration::from_millis(100));
                continue;
            }
        };
        let host = request
            .headers()
            .iter()
            .find(|h| h.field.equiv("Host"))
            .map(|h| h.value.as_str().to_owned());
        let method = match request.method() {
            Method::Get => Verb::Get,
            Method::Head => Verb::Head,
            _ => Verb::Other,
        };
        let reply = respond(shared, method, request.url(), host.as_deref());
        if let Err(e) = request.respond(reply.into_response()) {
            shared
                .reporter
                .warning(&format!("sending a response failed: {e}"));
        }
    }
}

/// The request methods the server tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verb {
    Get,
    Head,
    Other,
}

/// A response before it is sent.
struct Reply {
    status: u16,
    content_type: &'static str,
    headers: Vec<(&'static str, String)>,
    body: Body,
}

enum Body {
    Bytes(Vec<u8>),
    File(File, usize),
}

impl Reply {
    fn bytes(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Self {
        Self {
            status,
            content_type,
            headers: Vec::new(),
            body: Body::Bytes(body.into()),
        }
    }

    fn text(status: u16, body: &str) -> Self {
        Self::bytes(status, "text/plain; charset=utf-8", format!("{body}\n"))
    }

    fn with(mut self, name: &'static str, value: String) -> Self {
        self.headers.push((name, value));
        self
    }

    fn into_response(self) -> Response<Box<dyn Read + Send>> {
        let mut headers: Vec<(&str, String)> = vec![
            ("Content-Type", self.content_type.to_owned()),
            ("X-Content-Type-Options", "nosniff".into()),
            ("Cache-Control", "no-store".into()),
            ("Referrer-Policy", "no-referrer".into()),
        ];
        headers.extend(self.headers);
        let headers = headers
            .into_iter()
            .filter_map(|(name, value)| Header::from_bytes(name.as_bytes(), value.as_bytes()).ok())
            .collect();
        let (reader, length): (Box<dyn Read + Send>, usize) = match self.body {
            Body::Bytes(bytes) => {
                let length = bytes.len();
                (Box::new(io::Cursor::new(bytes)), length)
            }
            Body::File(file, length) => (Box::new(file), length),
        };
        Response::new(StatusCode(self.status), headers, reader, Some(length), None)
    }
}

/// Decides the response to one request.
fn respond(shared: &Shared, method: Verb, url: &str, host: Option<&str>) -> Reply {
    if shared.loopback && !host.is_none_or(is_local_host) {
        // A page elsewhere could point its own name at 127.0.0.1 (DNS rebinding) and read
        // the preview; only local names are answered.
        return Reply::text(403, "Forbidden: this preview answers only to localhost");
    }
    if method == Verb::Other {
        return Reply::text(405, "Method Not Allowed").with("Allow", "GET, HEAD".into());
    }
    let path = url.split(['?', '#']).next().unwrap_or_default();
    if let Some(name) = path.strip_prefix(PREFIX) {
        return internal(shared, name);
    }
    let request = match RequestPath::parse(path) {
        Ok(request) => request,
        Err(reason) => return Reply::text(400, &format!("Bad Request: {reason}")),
    };
    if request.segments.iter().any(|s| s.starts_with('.')) {
        // Hidden files (the output marker) are not part of the site.
        return not_found(shared);
    }
    let out = shared.out();
    let found = {
        let _site = shared.site.read().unwrap_or_else(PoisonError::into_inner);
        find(&out, &request)
    };
    match found {
        Ok(Found::File(path, file, length)) => {
            let content_type = content_type(&path);
            if content_type.starts_with("text/html") {
                let mut html = Vec::with_capacity(length + SCRIPT_TAG.len());
                let mut file = file;
                if let Err(e) = file.read_to_end(&mut html) {
                    return server_error(shared, &path, &e);
                }
                Reply::bytes(200, content_type, inject(&html))
            } else {
                Reply {
                    status: 200,
                    content_type,
                    headers: Vec::new(),
                    body: Body::File(file, length),
                }
            }
        }
        Ok(Found::Redirect) => {
            let location = request.location();
            Reply::text(301, &format!("Moved to {location}")).with("Location", location)
        }
        Err(Miss::NotFound) => not_found(shared),
        Err(Miss::Error(path, e)) => server_error(shared, &path, &e),
    }
}

/// The server's own endpoints.
fn internal(shared: &Shared, name: &str) -> Reply {
    match name {
        "livereload.js" => Reply::bytes(200, "text/javascript; charset=utf-8", LIVERELOAD_JS),
        "generation" => Reply::text(200, &shared.status().generation.to_string()),
        "status" => {
            let status = shared.status();
            let json = serde_json::json!({
                "generation": status.generation,
                "ok": status.ok,
                "message": status.message,
                "details": status.details,
            });
            Reply::bytes(200, "application/json; charset=utf-8", json.to_string())
        }
        _ => Reply::text(404, "Not Found"),
    }
}

fn server_error(shared: &Shared, path: &Path, error: &io::Error) -> Reply {
    shared
        .reporter
        .warning(&format!("cannot read {}: {error}", path.display()));
    Reply::text(500, "Internal Server Error")
}

/// The site's `404.html` when it has one, else a small page; both reload when the site is
/// rebuilt, so a page that does not exist yet appears once it is written.
fn not_found(shared: &Shared) -> Reply {
    let out = shared.out();
    let page = {
        let _site = shared.site.read().unwrap_or_else(PoisonError::into_inner);
        let request = RequestPath {
            segments: vec!["404.html".into()],
            trailing_slash: false,
        };
        match find(&out, &request) {
            Ok(Found::File(_, mut file, _)) => {
                let mut html = Vec::new();
                file.read_to_end(&mut html).ok().map(|_| html)
            }
            _ => None,
        }
    };
    let html = page.unwrap_or_else(|| {
        b"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head>\n<body><h1>Not found</h1><p>There is no such page in this site (yet).</p><p><a href=\"/\">Home</a></p></body></html>\n".to_vec()
    });
    Reply::bytes(404, "text/html; charset=utf-8", inject(&html))
}

/// `html` with the live-reload script before its last `</body>` (or at the end).
fn inject(html: &[u8]) -> Vec<u8> {
    let needle = b"</body>";
    let at = html
        .windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + SCRIPT_TAG.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(SCRIPT_TAG.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// Whether a `Host` header names this machine.
fn is_local_host(host: &str) -> bool {
    let host = host.trim().to_ascii_lowercase();
    let name = if let Some(rest) = host.strip_prefix('[') {
        match rest.split_once(']') {
            Some((inner, _)) => inner.to_owned(),
            None => return false,
        }
    } else {
        match host.rsplit_once(':') {
            Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name.to_owned(),
            _ => host,
        }
    };
    let name = name.trim_end_matches('.');
    name == "localhost"
        || name.ends_with(".localhost")
        || name.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// A request path, decoded and checked: plain names only.
#[derive(Debug, PartialEq, Eq)]
struct RequestPath {
    segments: Vec<String>,
    trailing_slash: bool,
}

impl RequestPath {
    /// Percent-decodes `path` once and refuses anything that could name a file outside the
    /// output folder or mean different things to different layers: NUL, backslashes,
    /// encoded slashes, `.` and `..` segments, non-UTF-8.
    fn parse(path: &str) -> Result<Self, &'static str> {
        if !path.starts_with('/') {
            return Err("the path must start with /");
        }
        let lower = path.to_ascii_lowercase();
        if lower.contains("%2f") || lower.contains("%5c") {
            return Err("encoded slashes are not allowed");
        }
        let decoded = percent_decode(path).ok_or("malformed percent-encoding")?;
        if decoded.contains(&0) || decoded.contains(&b'\\') {
            return Err("NUL and backslash are not allowed");
        }
        let decoded = String::from_utf8(decoded).map_err(|_| "the path is not UTF-8")?;
        let mut segments = Vec::new();
        for segment in decoded.split('/').filter(|s| !s.is_empty()) {
            if segment == "." || segment == ".." {
                return Err("dot segments are not allowed");
            }
            // Exactly one plain name: nothing a platform could read as a root or prefix.
            let mut components = Path::new(segment).components();
            if !matches!(
                (components.next(), components.next()),
                (Some(Component::Normal(_)), None)
            ) || segment.chars().any(char::is_control)
            {
                return Err("the path has a segment that is not a plain name");
            }
            segments.push(segment.to_owned());
        }
        Ok(Self {
            trailing_slash: decoded.ends_with('/'),
            segments,
        })
    }

    /// The same path with a slash at the end, re-encoded (never `//`, which a browser would
    /// read as another host).
    fn location(&self) -> String {
        let mut location = String::from("/");
        for segment in &self.segments {
            location.push_str(&percent_encode(segment));
            location.push('/');
        }
        location
    }
}

fn percent_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

fn percent_encode(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for &b in segment.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A file found for a request.
enum Found {
    /// The file (its real path, opened, and its length).
    File(PathBuf, File, usize),
    /// A folder asked for without the trailing slash.
    Redirect,
}

/// Why no file was found.
enum Miss {
    NotFound,
    Error(PathBuf, io::Error),
}

/// Finds the file for `request` below `out`. Everything is resolved now (the folder may
/// have been swapped since the last request), and the real path, symbolic links followed,
/// must stay inside the real output folder.
fn find(out: &Path, request: &RequestPath) -> Result<Found, Miss> {
    let base = real(out)?;
    let mut path = base.clone();
    path.extend(&request.segments);
    let mut path = inside(&base, real(&path)?)?;
    let mut metadata = std::fs::metadata(&path).map_err(|e| miss(&path, e))?;
    if metadata.is_dir() {
        if !request.trailing_slash && !request.segments.is_empty() {
            return Ok(Found::Redirect);
        }
        path = inside(&base, real(&path.join("index.html"))?)?;
        metadata = std::fs::metadata(&path).map_err(|e| miss(&path, e))?;
    }
    if !metadata.is_file() {
        return Err(Miss::NotFound);
    }
    let file = File::open(&path).map_err(|e| miss(&path, e))?;
    let length = usize::try_from(metadata.len()).map_err(|_| Miss::NotFound)?;
    Ok(Found::File(path, file, length))
}

fn real(path: &Path) -> Result<PathBuf, Miss> {
    path.canonicalize().map_err(|e| miss(path, e))
}

fn inside(base: &Path, path: PathBuf) -> Result<PathBuf, Miss> {
    if path.starts_with(base) {
        Ok(path)
    } else {
        Err(Miss::NotFound)
    }
}

fn miss(path: &Path, error: io::Error) -> Miss {
    match error.kind() {
        io::ErrorKind::NotFound
        | io::ErrorKind::NotADirectory
        | io::ErrorKind::InvalidFilename
        | io::ErrorKind::InvalidInput => Miss::NotFound,
        _ => Miss::Error(path.to_path_buf(), error),
    }
}

/// The `Content-Type` of a file, by its name.
fn content_type(path: &Path) -> &'static str {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if name == "atom.xml" || name.ends_with(".atom.xml") {
        return "application/atom+xml; charset=utf-8";
    }
    let extension = name.rsplit_once('.').map_or("", |(_, e)| e);
    match extension {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "atom" => "application/atom+xml; charset=utf-8",
        "md" => "text/markdown; charset=utf-8",
        "wiki" | "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::AccessKind;

    struct Quiet;

    impl Reporter for Quiet {
        fn listening(&self, _: &Path, _: &str) {}
        fn built(&self, _: &Build<'_>) {}
        fn warning(&self, _: &str) {}
    }

    fn shared(out: &Path) -> Shared {
        Shared {
            root: out.parent().unwrap_or(out).to_path_buf(),
            out: RwLock::new(out.to_path_buf()),
            session: Mutex::new(site::Session::serving()),
            site: RwLock::new(()),
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

    /// A site folder with `public/` holding a page, and a secret beside it.
    fn fixture() -> (tempfile::TempDir, Shared) {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::create_dir_all(out.join("en")).unwrap();
        std::fs::write(
            out.join("en/index.html"),
            "<html><body><p>hello</p></body></html>",
        )
        .unwrap();
        std::fs::write(out.join("style.css"), "p {}").unwrap();
        std::fs::write(out.join(".heptaglot-output"), "marker").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "TOP SECRET").unwrap();
        let shared = shared(&out);
        (dir, shared)
    }

    fn get(shared: &Shared, url: &str) -> (u16, String, Vec<(&'static str, String)>) {
        let reply = respond(shared, Verb::Get, url, Some("127.0.0.1:8000"));
        let body = match reply.body {
            Body::Bytes(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Body::File(mut file, _) => {
                let mut text = String::new();
                file.read_to_string(&mut text).unwrap();
                text
            }
        };
        let mut headers = reply.headers;
        headers.push(("Content-Type", reply.content_type.to_owned()));
        (reply.status, body, headers)
    }

    #[test]
    fn paths_are_decoded_once_and_checked() {
        let ok = |p: &str| RequestPath::parse(p).unwrap().segments;
        assert_eq!(ok("/en/index.html"), ["en", "index.html"]);
        assert_eq!(ok("//en///a%20b/"), ["en", "a b"]);
        assert_eq!(ok("/%252e%252e/"), ["%2e%2e"]);
        assert!(ok("/").is_empty());
        for bad in [
            "/../",
            "/%2e%2e/",
            "/..%2f",
            "/%2E%2E%5C..",
            "/a/./b",
            "/a%00b",
            "/a\\b",
            "/a%5Cb",
            "/%zz",
            "/%e",
            "/%ff",
            "relative",
            "/a%0ab",
        ] {
            assert!(RequestPath::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn redirects_never_leave_the_site() {
        let path = RequestPath::parse("//evil.example/en").unwrap();
        assert_eq!(path.location(), "/evil.example/en/");
        let path = RequestPath::parse("/a%20b").unwrap();
        assert_eq!(path.location(), "/a%20b/");
    }

    #[test]
    fn only_local_host_names_are_answered_on_loopback() {
        for host in [
            "localhost",
            "localhost:8000",
            "127.0.0.1:1",
            "[::1]:8000",
            "LOCALHOST.",
            "app.localhost",
        ] {
            assert!(is_local_host(host), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:8000",
            "10.0.0.1",
            "[::2]",
            "127.0.0.1.evil",
        ] {
            assert!(!is_local_host(host), "{host}");
        }
        let (_dir, shared) = fixture();
        let reply = respond(&shared, Verb::Get, "/en/", Some("evil.example:8000"));
        assert_eq!(reply.status, 403);
    }

    #[test]
    fn pages_get_the_script_and_headers() {
        let (_dir, shared) = fixture();
        let (status, body, headers) = get(&shared, "/en/");
        assert_eq!(status, 200);
        assert!(body.contains(&format!("<p>hello</p>{SCRIPT_TAG}</body>")));
        assert!(headers.contains(&("Content-Type", "text/html; charset=utf-8".into())));
        let (status, body, headers) = get(&shared, "/style.css?v=1");
        assert_eq!((status, body.as_str()), (200, "p {}"));
        assert!(headers.contains(&("Content-Type", "text/css; charset=utf-8".into())));
        let (status, _, headers) = get(&shared, "/en");
        assert_eq!(status, 301);
        assert!(headers.contains(&("Location", "/en/".into())));
        let written = std::fs::read_to_string(_dir.path().join("public/en/index.html")).unwrap();
        assert!(!written.contains("livereload"));
    }

    #[test]
    fn nothing_outside_the_output_folder_is_served() {
        let (dir, shared) = fixture();
        #[cfg(unix)]
        std::os::unix::fs::symlink(
            dir.path().join("secret.txt"),
            dir.path().join("public/link"),
        )
        .unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.path(), dir.path().join("public/up")).unwrap();
        for url in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/..%2fsecret.txt",
            "/%2e%2e%5c..",
            "/%252e%252e/secret.txt",
            "/link",
            "/up/secret.txt",
            "/up/",
            "/.heptaglot-output",
        ] {
            let (status, body, _) = get(&shared, url);
            assert!(status == 400 || status == 404, "{url}: {status}");
            assert!(
                !body.contains("TOP SECRET") && !body.contains("marker"),
                "{url}"
            );
        }
    }

    #[test]
    fn missing_pages_use_the_site_404_page() {
        let (dir, shared) = fixture();
        let (status, body, _) = get(&shared, "/missing");
        assert_eq!(status, 404);
        assert!(body.contains("Not found") && body.contains(SCRIPT_TAG));
        std::fs::write(dir.path().join("public/404.html"), "<body>custom</body>").unwrap();
        let (status, body, _) = get(&shared, "/missing/");
        assert_eq!(status, 404);
        assert_eq!(body, format!("<body>custom{SCRIPT_TAG}</body>"));
    }

    #[test]
    fn other_methods_are_refused() {
        let (_dir, shared) = fixture();
        let reply = respond(&shared, Verb::Other, "/en/", None);
        assert_eq!(reply.status, 405);
        assert!(reply.headers.contains(&("Allow", "GET, HEAD".into())));
    }

    #[test]
    fn internal_endpoints() {
        let (_dir, shared) = fixture();
        assert_eq!(get(&shared, "/__heptaglot/generation").1, "3\n");
        let status: serde_json::Value =
            serde_json::from_str(&get(&shared, "/__heptaglot/status").1).unwrap();
        assert_eq!(status["generation"], 3);
        assert_eq!(status["ok"], true);
        let (_, script, headers) = get(&shared, "/__heptaglot/livereload.js?x");
        assert!(script.contains("generation") && !script.contains("innerHTML"));
        assert!(headers.contains(&("Content-Type", "text/javascript; charset=utf-8".into())));
        assert_eq!(get(&shared, "/__heptaglot/nope").0, 404);
    }

    #[test]
    fn content_types() {
        for (name, expected) in [
            ("a.html", "text/html; charset=utf-8"),
            ("a.css", "text/css; charset=utf-8"),
            ("a.js", "text/javascript; charset=utf-8"),
            ("a.json", "application/json; charset=utf-8"),
            ("sitemap.xml", "application/xml; charset=utf-8"),
            ("atom.xml", "application/atom+xml; charset=utf-8"),
            ("en.atom", "application/atom+xml; charset=utf-8"),
            ("a.md", "text/markdown; charset=utf-8"),
            ("a.wiki", "text/plain; charset=utf-8"),
            ("a.txt", "text/plain; charset=utf-8"),
            ("a.svg", "image/svg+xml; charset=utf-8"),
            ("a.png", "image/png"),
            ("favicon.ico", "image/x-icon"),
            ("a.bin", "application/octet-stream"),
            ("README", "application/octet-stream"),
        ] {
            assert_eq!(content_type(Path::new(name)), expected, "{name}");
        }
    }

    #[test]
    fn the_script_goes_before_the_last_body_end() {
        assert_eq!(
            inject(b"<BODY>a</BODY>"),
            format!("<BODY>a{SCRIPT_TAG}</BODY>").into_bytes()
        );
        assert_eq!(inject(b"x"), format!("x{SCRIPT_TAG}").into_bytes());
    }

    #[test]
    fn a_failed_first_build_still_serves_and_stops_cleanly() {
        use std::io::Write;
        use std::net::TcpStream;

        // No templates or locales: the build fails, the server answers all the same.
        let dir = tempfile::tempdir().unwrap();
        let options = ServeOptions::new(dir.path(), "127.0.0.1", 0, None);
        let preview = Preview::start(&options, Arc::new(Quiet)).unwrap();
        assert!(preview.addr().ip().is_loopback());
        assert_eq!(preview.generation(), 1);
        assert_eq!(preview.out(), dir.path().join("public"));
        let mut stream = TcpStream::connect(preview.addr()).unwrap();
        stream
            .write_all(
                b"GET /__heptaglot/status HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
            )
            .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        assert!(response.starts_with("HTTP/1.1 200"), "{response}");
        assert!(response.contains("\"ok\":false"), "{response}");
        preview.stop();
    }

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
