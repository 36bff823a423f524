//! A `heptaglot serve` child process for tests, killed when dropped so no test leaves it
//! behind, with its standard error collected.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::thread;
use std::time::Duration;

/// A running `heptaglot serve`.
pub struct Server {
    pub child: Child,
    /// The port it listens on (0 until known).
    pub port: u16,
    /// The folder it serves, as its address line names it (empty until known).
    pub out: std::path::PathBuf,
    stderr: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Starts `heptaglot serve <args>` on the site at `root` without waiting for it; the
    /// receiver gets its standard output line by line.
    pub fn spawn(root: &Path, args: &[&str]) -> (Self, mpsc::Receiver<String>) {
        Self::spawn_in(root, root, args)
    }

    /// As [`Server::spawn`], run from the folder `cwd` with `--root root` (which may be
    /// relative to it, as a user in the site's folder types `--root .`).
    pub fn spawn_in(cwd: &Path, root: &Path, args: &[&str]) -> (Self, mpsc::Receiver<String>) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_heptaglot"))
            .current_dir(cwd)
            .arg("--root")
            .arg(root)
            .arg("serve")
            .args(args)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = Arc::new(Mutex::new(String::new()));
        let into = stderr.clone();
        let from = child.stderr.take().unwrap();
        // Keep reading, so the child never blocks on a full pipe.
        thread::spawn(move || {
            for line in BufReader::new(from).lines().map_while(Result::ok) {
                let mut text = into.lock().unwrap();
                text.push_str(&line);
                text.push('\n');
            }
        });
        let (lines, received) = mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if lines.send(line).is_err() {
                    break;
                }
            }
        });
        (
            Self {
                child,
                port: 0,
                out: std::path::PathBuf::new(),
                stderr,
            },
            received,
        )
    }

    /// Starts `heptaglot serve --port 0 <args>` and waits for its address line,
    /// `Serving <dir> at http://127.0.0.1:PORT/ (Ctrl-C to stop)`.
    pub fn start(root: &Path, args: &[&str]) -> Self {
        Self::start_in(root, root, args)
    }

    /// As [`Server::start`], run from the folder `cwd` (see [`Server::spawn_in`]).
    pub fn start_in(cwd: &Path, root: &Path, args: &[&str]) -> Self {
        let mut all = vec!["--port", "0"];
        all.extend_from_slice(args);
        let (mut server, lines) = Self::spawn_in(cwd, root, &all);
        // A hang guard: the first build takes seconds, a big site under a loaded machine
        // more than a minute (the XSS site, in a debug build, beside other builds).
        let line = lines
            .recv_timeout(Duration::from_secs(300))
            .unwrap_or_else(|e| panic!("no address line ({e}): {}", server.stderr()));
        let rest = line
            .strip_prefix("Serving ")
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"));
        assert!(rest.ends_with("/ (Ctrl-C to stop)"), "{line}");
        server.out = rest
            .rsplit_once(" at http://")
            .map(|(out, _)| out.into())
            .unwrap_or_else(|| panic!("no folder in {line:?}"));
        server.port = rest
            .split(" at http://127.0.0.1:")
            .nth(1)
            .and_then(|p| p.strip_suffix("/ (Ctrl-C to stop)"))
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no port in {line:?}"));
        server
    }

    /// What the server wrote to standard error so far.
    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// The address of `path` on this server.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}
