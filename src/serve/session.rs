//! The preview session: binding the address, the preview folder, the initial build, and
//! starting and stopping the threads that accept connections ([`super::conn`]) and watch
//! the inputs ([`super::watch`]).

use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, RwLock};
use std::thread::{self, JoinHandle};

use super::conn::accept;
use super::shared::{Shared, Status, rebuild};
use super::watch::Watch;
use super::{PREVIEW, Reporter, ServeError, ServeOptions};
use crate::config::{Config, Formats};
use crate::site::{self, BuildOptions};

/// A running preview server.
pub struct Preview {
    shared: Arc<Shared>,
    addr: SocketAddr,
    acceptor: Option<JoinHandle<()>>,
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
        let bind = |e: std::io::Error| ServeError::Bind {
            address: format!("{}:{}", options.address, options.port),
            reason: e.to_string(),
        };
        let listener = TcpListener::bind(addrs.as_slice()).map_err(bind)?;
        let addr = listener.local_addr().map_err(bind)?;
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
        let (config, _) = Config::load(&root);
        let out = preview_folder(&root, &config, options.out.as_deref())?;
        let build_options = BuildOptions {
            // Never the folder `build` writes for upload: its pages would carry this
            // server's address.
            out: Some(out.clone()),
            formats: Formats::default(),
            base_url: Some(format!("http://{addr}/")),
            // Each change rebuilds only what it affects (see `site::cache`).
            full: false,
        };
        let shared = Arc::new(Shared {
            root: root.clone(),
            out: RwLock::new(out),
            session: Mutex::new(site::Session::serving()),
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

        let acceptor = {
            let shared = shared.clone();
            thread::Builder::new()
                .name("serve-accept".into())
                .spawn(move || accept(&listener, &shared))
                .map_err(|e| ServeError::Bind {
                    address: addr.to_string(),
                    reason: format!("no thread could be started to answer requests: {e}"),
                })?
        };
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
            addr,
            acceptor: Some(acceptor),
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
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
        if let Some(builder) = self.builder.take() {
            let _ = builder.join();
        }
    }

    /// Stops answering and watching, and waits for the threads to end.
    pub fn stop(self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        // Wake the acceptor, which then sees the flag; open connections end after their
        // current request.
        let mut wake = self.addr;
        if wake.ip().is_unspecified() {
            wake.set_ip(match wake {
                SocketAddr::V4(_) => Ipv4Addr::LOCALHOST.into(),
                SocketAddr::V6(_) => Ipv6Addr::LOCALHOST.into(),
            });
        }
        let _ = TcpStream::connect(wake);
        self.wait();
    }
}

/// The folder serve builds and serves: `--out` when given, else [`PREVIEW`] in the site
/// root; never the folder `build` writes, since every page there would carry this server's
/// address instead of the site's.
fn preview_folder(root: &Path, config: &Config, out: Option<&Path>) -> Result<PathBuf, ServeError> {
    let preview = root.join(out.unwrap_or(Path::new(PREVIEW)));
    let published = site::output_dir(root, config, &BuildOptions::default());
    let same = |a: &Path, b: &Path| {
        let normal = |p: &Path| {
            p.canonicalize()
                .or_else(|_| std::path::absolute(p))
                .unwrap_or_else(|_| p.to_path_buf())
        };
        normal(a) == normal(b)
    };
    if same(&preview, &published) || same(&preview, root) {
        return Err(ServeError::Out {
            out: preview,
            reason: "it is the folder `heptaglot build` writes for upload (or the site itself), and a preview's pages name this server's address; leave out --out (serve then uses .heptaglot/preview), or name another folder".into(),
        });
    }
    if out.is_none() {
        // heptaglot's own folder in the site: kept out of version control by itself.
        let state = root.join(PREVIEW).parent().map(Path::to_path_buf);
        if let Some(state) = state
            && std::fs::create_dir_all(&state).is_ok()
        {
            let ignore = state.join(".gitignore");
            if !ignore.exists() {
                let _ = std::fs::write(
                    ignore,
                    "# heptaglot's working files (the serve preview); never published\n*\n",
                );
            }
        }
    }
    Ok(preview)
}

/// Builds, serves and watches the site until the process is stopped.
pub fn serve(options: &ServeOptions, reporter: Arc<dyn Reporter>) -> Result<(), ServeError> {
    let preview = Preview::start(options, reporter.clone())?;
    reporter.listening(&preview.out(), &preview.url());
    preview.wait();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::shared::tests::Quiet;
    use super::*;
    use std::io::Read;

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
        assert_eq!(
            preview.out(),
            dir.path().canonicalize().unwrap().join(PREVIEW)
        );
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
}
