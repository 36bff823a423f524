//! `heptaglot serve` as a browser sees it: the binary on a free loopback port, spoken to
//! with plain HTTP/1.1 over a socket.

mod common;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::thread;
use std::time::{Duration, Instant};

use common::server::Server;
use common::site;

const SCRIPT: &str = "<script src=\"/__heptaglot/livereload.js\"></script>";

impl Server {
    fn get(&self, target: &str) -> Reply {
        request(self.port, "GET", target)
    }

    fn generation(&self) -> u64 {
        let reply = self.get("/__heptaglot/generation");
        assert_eq!(reply.status, 200);
        reply.body.trim().parse().unwrap()
    }

    /// Polls `check` every 50 ms for up to 15 s.
    fn wait_for(&self, what: &str, mut check: impl FnMut() -> bool) -> Duration {
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(15) {
            if check() {
                return started.elapsed();
            }
            thread::sleep(Duration::from_millis(50));
        }
        panic!(
            "timed out waiting for {what}; server said:\n{}",
            self.stderr()
        );
    }
}

/// One HTTP response.
#[derive(Debug)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Sends one HTTP/1.1 request with `Connection: close` and reads the whole response.
fn request(port: u16, method: &str, target: &str) -> Reply {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("bad response to {target}: {raw:?}"));
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    Reply {
        status,
        headers,
        body: body.to_owned(),
    }
}

fn assert_safe_headers(reply: &Reply) {
    assert_eq!(reply.header("X-Content-Type-Options"), Some("nosniff"));
    assert_eq!(reply.header("Cache-Control"), Some("no-store"));
    assert_eq!(reply.header("Referrer-Policy"), Some("no-referrer"));
}

#[test]
fn pages_are_served_with_the_live_reload_script() {
    let dir = site(true);
    let server = Server::start(dir.path(), &[]);
    for target in ["/", "/en/", "/en/index.html", "/en/wikimedia-clinic-006/"] {
        let reply = server.get(target);
        assert_eq!(reply.status, 200, "{target}");
        assert_eq!(
            reply.header("Content-Type"),
            Some("text/html; charset=utf-8")
        );
        assert_safe_headers(&reply);
        assert!(reply.body.contains(&format!("{SCRIPT}</body>")), "{target}");
    }
    // The script is added as served, never written.
    let written = std::fs::read_to_string(server.out.join("en/index.html")).unwrap();
    assert!(!written.contains("livereload"));

    let css = server.get("/style.css");
    assert_eq!(css.status, 200);
    assert_eq!(css.header("Content-Type"), Some("text/css; charset=utf-8"));
    assert_safe_headers(&css);
    let md = server.get("/en/index.md");
    assert_eq!(
        md.header("Content-Type"),
        Some("text/markdown; charset=utf-8")
    );
    assert!(!md.body.contains("livereload"));

    let redirect = server.get("/en");
    assert_eq!(redirect.status, 301);
    assert_eq!(redirect.header("Location"), Some("/en/"));
    assert_safe_headers(&redirect);

    let head = request(server.port, "HEAD", "/en/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());

    let script = server.get("/__heptaglot/livereload.js");
    assert_eq!(
        script.header("Content-Type"),
        Some("text/javascript; charset=utf-8")
    );
    assert!(script.body.contains("/__heptaglot/"));
    let status = server.get("/__heptaglot/status");
    assert_eq!(
        status.header("Content-Type"),
        Some("application/json; charset=utf-8")
    );
    assert!(status.body.contains("\"ok\":true"), "{}", status.body);
    assert_eq!(server.generation(), 1);
}

#[test]
fn nothing_outside_the_output_folder_is_served() {
    let dir = site(true);
    let secret = "SECRET-7f3a9c-do-not-serve";
    std::fs::write(dir.path().join("secret.txt"), secret).unwrap();
    std::fs::create_dir_all(dir.path().join("public-secret")).unwrap();
    std::fs::write(dir.path().join("public-secret/index.html"), secret).unwrap();
    let server = Server::start(dir.path(), &[]);
    let public = server.out.clone();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), public.join("leak.txt")).unwrap();
        std::os::unix::fs::symlink(dir.path(), public.join("up")).unwrap();
    }
    for target in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e%5c..%5csecret.txt",
        "/%2e%2e%5c..",
        "/%252e%252e/secret.txt",
        "/en/../../secret.txt",
        "/en/%2E%2E/%2E%2E/secret.txt",
        "/..\\secret.txt",
        "/%00/../secret.txt",
        "/../public-secret/",
        "/leak.txt",
        "/up/secret.txt",
        "/up/public-secret/",
        "//secret.txt",
        "/.heptaglot-output",
    ] {
        let reply = server.get(target);
        assert!(
            reply.status == 400 || reply.status == 404,
            "{target}: {}",
            reply.status
        );
        assert!(!reply.body.contains(secret), "{target} leaked the secret");
        assert_safe_headers(&reply);
    }

    let post = request(server.port, "POST", "/en/");
    assert_eq!(post.status, 405);
    assert_eq!(post.header("Allow"), Some("GET, HEAD"));
    assert_safe_headers(&post);
    for method in ["PUT", "DELETE", "OPTIONS"] {
        assert_eq!(request(server.port, method, "/").status, 405, "{method}");
    }

    let missing = server.get("/missing");
    assert_eq!(missing.status, 404);
    assert_eq!(
        missing.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert_safe_headers(&missing);

    // A page elsewhere that points its own name at 127.0.0.1 gets nothing.
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stream
        .write_all(b"GET /en/ HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut raw = String::new();
    stream.read_to_string(&mut raw).unwrap();
    assert!(raw.starts_with("HTTP/1.1 403"), "{raw}");
}

#[test]
fn edits_are_rebuilt_when_the_root_is_given_relative_to_the_current_folder() {
    // The watcher reports absolute paths; `--root .` once never matched them.
    let dir = site(true);
    let server = Server::start_in(dir.path(), std::path::Path::new("."), &[]);
    let notes = dir.path().join("digests/wikimedia-clinic-006.yaml");
    let original = std::fs::read_to_string(&notes).unwrap();
    let edited = original.replace(
        "title: \"Wikimedia Clinic #006\"",
        "title: \"Clinic Seen From Inside\"",
    );
    assert_ne!(original, edited);
    std::fs::write(&notes, edited).unwrap();
    server.wait_for("the new title", || {
        server
            .get("/en/index.html")
            .body
            .contains("Clinic Seen From Inside")
    });
}

#[test]
fn edits_are_rebuilt_and_broken_notes_keep_the_previous_site() {
    let dir = site(true);
    let server = Server::start(dir.path(), &[]);
    let notes = dir.path().join("digests/wikimedia-clinic-006.yaml");
    let original = std::fs::read_to_string(&notes).unwrap();
    let old_title = "title: \"Wikimedia Clinic #006\"";
    assert!(original.contains(old_title));
    let first = server.generation();
    assert!(
        server
            .get("/en/index.html")
            .body
            .contains("Wikimedia Clinic #006")
    );

    let edited = original.replace(old_title, "title: \"Clinic Renamed 4242\"");
    std::fs::write(&notes, &edited).unwrap();
    let took = server.wait_for("the new title", || {
        server
            .get("/en/index.html")
            .body
            .contains("Clinic Renamed 4242")
    });
    eprintln!("edit to page served: {took:.2?}");
    // An incremental build's pages are in place before its number is announced (requests
    // never wait for the build: docs/serve.md); the number follows.
    server.wait_for("the new generation", || server.generation() > first);
    let second = server.generation();
    let status = server.get("/__heptaglot/status");
    assert!(status.body.contains("\"ok\":true"), "{}", status.body);

    std::fs::write(&notes, format!("{edited}\nthis is: [not yaml\n")).unwrap();
    server.wait_for("the failed build", || {
        server
            .get("/__heptaglot/status")
            .body
            .contains("\"ok\":false")
    });
    assert!(server.generation() > second);
    let status = server.get("/__heptaglot/status");
    assert!(
        status.body.contains("wikimedia-clinic-006.yaml"),
        "{}",
        status.body
    );
    let page = server.get("/en/index.html");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Clinic Renamed 4242"));
    // The report is printed just after the status changes.
    server.wait_for("the failure on stderr", || {
        server
            .stderr()
            .contains("failed: some input files have errors")
    });
}

#[test]
fn a_translation_reached_through_a_link_is_read_again_at_every_build() {
    // The watcher does not see a change to a link's target outside the inputs' folders:
    // with such a link, no build relies on its reports.
    let dir = site(true);
    let root = dir.path();
    let translation = root.join("locales/fr/digests/wikimedia-clinic-006.yaml");
    let elsewhere = root.join("elsewhere.yaml");
    std::fs::rename(&translation, &elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, &translation).unwrap();
    // Written long before the build, so that its record is trusted by size and time.
    let past = std::time::SystemTime::now() - Duration::from_secs(3600);
    let file = std::fs::File::options()
        .write(true)
        .open(&elsewhere)
        .unwrap();
    file.set_modified(past).unwrap();
    let server = Server::start(root, &[]);
    let text = std::fs::read_to_string(&elsewhere).unwrap();
    std::fs::write(
        &elsewhere,
        text.replacen("translation: Introduction", "translation: Présentation", 1),
    )
    .unwrap();
    // An edit the watcher sees, to another digest, starts a build.
    let notes = root.join("digests/iberoconf-2023-sessions.yaml");
    let original = std::fs::read_to_string(&notes).unwrap();
    std::fs::write(&notes, format!("{original}\n")).unwrap();
    server.wait_for("the linked translation's edit", || {
        server
            .get("/fr/wikimedia-clinic-006/index.html")
            .body
            .contains("Présentation")
    });
}

#[test]
fn a_port_in_use_is_an_error() {
    let dir = site(false);
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let (mut server, _lines) = Server::spawn(dir.path(), &["--port", &port]);
    let started = Instant::now();
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "serve did not stop"
        );
        thread::sleep(Duration::from_millis(20));
    };
    assert!(!status.success());
    server.wait_for("the error message", || {
        server.stderr().contains("cannot listen")
    });
}

#[test]
fn an_address_other_than_loopback_is_warned_about() {
    let dir = site(false);
    // Loopback, named: no warning.
    let server = Server::start(dir.path(), &["--address", "127.0.0.1"]);
    server.wait_for("the first build", || server.stderr().contains("build 1"));
    assert!(
        !server.stderr().contains("listening on"),
        "{}",
        server.stderr()
    );
    drop(server);
    // Every interface: a warning, before anything is served. The server is stopped as
    // soon as it has said so; nothing is sent to it.
    let (server, _lines) = Server::spawn(dir.path(), &["--address", "0.0.0.0", "--port", "0"]);
    server.wait_for("the warning", || {
        server.stderr().contains(
            "listening on every network interface (0.0.0.0): anyone who can reach this machine can read the preview",
        )
    });
}
