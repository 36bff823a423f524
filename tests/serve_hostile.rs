//! `heptaglot serve` against what the December 2026 review tried: a preview that wrote its
//! address into `public/`, a rebuild that froze every request, and clients that starved
//! the others (docs/reliability.md). No test here asserts on time: the bounds are hang
//! guards that only a hang crosses.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::thread;
use std::time::{Duration, Instant};

use common::server::Server;
use common::{heptaglot, site, snapshot, stderr};

/// A hang guard for one answer: far above anything a working server needs.
const GUARD: Duration = Duration::from_secs(120);

/// Sends one request with `Connection: close` and returns the whole raw response.
fn get(port: u16, target: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(GUARD)).unwrap();
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream
        .read_to_end(&mut raw)
        .unwrap_or_else(|e| panic!("no answer to {target} ({e})"));
    String::from_utf8_lossy(&raw).into_owned()
}

fn body(response: &str) -> &str {
    response.split_once("\r\n\r\n").map_or("", |(_, body)| body)
}

/// Polls `check` every 50 ms; panics (with what the server said) after a hang guard.
fn wait_for(server: &Server, what: &str, mut check: impl FnMut() -> bool) {
    let started = Instant::now();
    while started.elapsed() < GUARD {
        if check() {
            return;
        }
        thread::sleep(Duration::from_millis(50));
    }
    panic!(
        "timed out waiting for {what}; server said:\n{}",
        server.stderr()
    );
}

#[test]
fn a_preview_leaves_the_built_site_byte_identical() {
    let dir = site(true);
    let root = dir.path();
    let build = heptaglot(root, &["build"]);
    assert!(build.status.success(), "{}", stderr(&build));
    let public = root.join("public");
    let before = snapshot(&public);

    let server = Server::start(root, &[]);
    assert!(
        !server.out.starts_with(&public) && !public.starts_with(&server.out),
        "serve previews in {}",
        server.out.display()
    );
    assert!(body(&get(server.port, "/en/")).contains("livereload"));
    // A rebuild too, as while someone edits.
    let notes = root.join("digests/wikimedia-clinic-006.yaml");
    let original = std::fs::read_to_string(&notes).unwrap();
    std::fs::write(
        &notes,
        original.replace("Wikimedia Clinic #006", "Clinic Previewed 9191"),
    )
    .unwrap();
    wait_for(&server, "the rebuild", || {
        body(&get(server.port, "/en/index.html")).contains("Clinic Previewed 9191")
    });
    // The preview is made for this server: its address is in the preview's sitemap...
    let preview_sitemap = std::fs::read_to_string(server.out.join("sitemap.xml")).unwrap();
    assert!(preview_sitemap.contains("http://127.0.0.1:"));
    drop(server);

    // ...and nowhere in public/, which is as `build` left it, byte for byte.
    let after = snapshot(&public);
    let names = |s: &[(String, Vec<u8>)]| s.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&before), names(&after));
    for ((name, old), (_, new)) in before.iter().zip(&after) {
        assert!(old == new, "serve changed public/{name}");
    }

    // Asked to preview into public/, serve refuses and says why.
    let refused = heptaglot(root, &["serve", "--port", "0", "--out", "public"]);
    assert!(!refused.status.success());
    let said = stderr(&refused);
    assert!(
        said.contains("cannot preview into") && said.contains("writes for upload"),
        "{said}"
    );
    assert_eq!(snapshot(&public), before);
}

#[test]
fn pages_and_the_reload_endpoint_answer_while_a_rebuild_runs() {
    // A generated archive large enough that a full rebuild takes a while (seconds in a
    // debug build), far longer than answering a request.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    common::corpus(root, 40, 11);
    let server = Server::start(root, &[]);
    let first = get(server.port, "/__heptaglot/generation");
    assert_eq!(body(&first).trim(), "1", "{first}");
    let page = body(&get(server.port, "/en/index.html")).to_owned();
    assert!(page.contains("</html>"));

    // A Fluent file every page uses: every page is rendered again.
    let ftl = std::fs::read_dir(root.join("locales/en"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "ftl"))
        .unwrap();
    let text = std::fs::read_to_string(&ftl).unwrap();
    std::fs::write(&ftl, format!("{text}\n# touched\n")).unwrap();
    wait_for(&server, "the rebuild to start", || {
        server.stderr().contains("building after")
    });

    // While it runs: a page, the reload endpoint and the status all answer, from the
    // last complete build (whose number is still announced).
    let during = get(server.port, "/en/index.html");
    let generation = get(server.port, "/__heptaglot/generation");
    let status = get(server.port, "/__heptaglot/status");
    let said = server.stderr();
    assert!(
        !said.contains("build 2"),
        "the answers should come before the rebuild ends; the rebuild ended first:\n{said}"
    );
    assert!(during.starts_with("HTTP/1.1 200"), "{during}");
    assert_eq!(body(&during), page);
    assert_eq!(body(&generation).trim(), "1");
    assert!(body(&status).contains("\"ok\":true"), "{status}");

    wait_for(&server, "the rebuild to end", || {
        body(&get(server.port, "/__heptaglot/generation")).trim() == "2"
    });
    // The line is read from serve's standard error by another thread: it may come a
    // moment after the generation it announces.
    wait_for(&server, "the rebuild's line", || {
        server.stderr().contains("build 2")
    });
}

/// A client that sends `count` requests for `target` at once and reads nothing.
fn pipeliner(port: u16, target: &str, count: usize) -> TcpStream {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let one = format!("GET {target} HTTP/1.1\r\nHost: localhost\r\n\r\n");
    let all = one.repeat(count);
    // The server reads one request, then writes; a write of all of them may block once
    // its buffers are full, which is the point: stop there.
    stream
        .set_write_timeout(Some(Duration::from_secs(2)))
        .unwrap();
    let _ = stream.write_all(all.as_bytes());
    stream
}

/// A client that asks for `target` and reads its first bytes only, then holds on.
fn slow_reader(port: u16, target: &str) -> TcpStream {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(GUARD)).unwrap();
    write!(stream, "GET {target} HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    let mut first = [0u8; 12];
    stream.read_exact(&mut first).unwrap();
    assert_eq!(&first, b"HTTP/1.1 200");
    stream
}

#[test]
fn a_client_that_pipelines_and_never_reads_or_reads_slowly_starves_nobody() {
    let dir = site(true);
    let root = dir.path();
    // A 3.5 MB stylesheet: each answer is far larger than a socket's buffers.
    let css = root.join("templates/style.css");
    let mut text = std::fs::read_to_string(&css).unwrap();
    let filler = format!("/* {} */\n", "x".repeat(1000));
    while text.len() < 3_500_000 {
        text.push_str(&filler);
    }
    std::fs::write(&css, text).unwrap();
    let server = Server::start(root, &[]);

    // 300 pipelined requests never read, on two connections; and eight slow readers,
    // more than the old server had threads.
    let _pipeliners: Vec<_> = (0..2)
        .map(|_| pipeliner(server.port, "/style.css", 300))
        .collect();
    let _slow: Vec<_> = (0..8)
        .map(|_| slow_reader(server.port, "/style.css"))
        .collect();

    // While they hold on, others are answered: pages, the big file itself, the endpoint.
    for target in ["/en/", "/__heptaglot/generation", "/style.css", "/fr/"] {
        let response = get(server.port, target);
        assert!(
            response.starts_with("HTTP/1.1 200"),
            "{target}: {response:.200}"
        );
    }
    let css = get(server.port, "/style.css");
    assert!(body(&css).len() >= 3_500_000);
}

#[test]
fn pipelined_requests_are_answered_in_order_on_one_connection() {
    let dir = site(true);
    let server = Server::start(dir.path(), &[]);
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stream.set_read_timeout(Some(GUARD)).unwrap();
    stream
        .write_all(
            b"GET /__heptaglot/generation HTTP/1.1\r\nHost: localhost\r\n\r\n\
              HEAD /en/ HTTP/1.1\r\nHost: localhost\r\n\r\n\
              GET /missing-page HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
        )
        .unwrap();
    let mut raw = String::new();
    stream.read_to_string(&mut raw).unwrap();
    let statuses: Vec<&str> = raw
        .match_indices("HTTP/1.1 ")
        .map(|(at, _)| &raw[at + 9..at + 12])
        .collect();
    assert_eq!(statuses, ["200", "200", "404"], "{raw}");
    assert!(raw.contains("Connection: keep-alive"), "{raw}");

    // A head that never ends is cut off; the server goes on answering others.
    let mut silent = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    silent.write_all(b"GET / HTTP/1.1\r\nHost: loc").unwrap();
    assert!(get(server.port, "/en/").starts_with("HTTP/1.1 200"));
    let mut rest = Vec::new();
    silent.set_read_timeout(Some(GUARD)).unwrap();
    // Closed by the server after its deadline for a head (no answer to a partial one).
    assert_eq!(silent.read_to_end(&mut rest).unwrap(), 0);
}
