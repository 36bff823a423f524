//! The preview session: binding the address, the initial build, and starting and stopping
//! the threads that answer requests ([`super::http`]) and watch the inputs
//! ([`super::watch`]).

use std::net::{SocketAddr, ToSocketAddrs};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, RwLock};
use std::thread::{self, JoinHandle};

use super::http::answer;
use super::shared::{Shared, Status, rebuild};
use super::watch::Watch;
use super::{Reporter, ServeError, ServeOptions};
use crate::config::{Config, Formats};
use crate::site::{self, BuildOptions};

/// How many threads answer requests, so a slow client cannot hold up page loads.
const WORKERS: usize = 4;

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
}
