//! The HTTP/1.1 connections: accepting them, one thread each (up to a bound), reading one
//! request head at a time within a deadline, and writing the answer with a deadline too,
//! so that no client can hold anything but its own connection.
//!
//! Only `GET` and `HEAD` are answered, so no request body is ever read: a request that
//! announces one is answered (405 for other methods) and the connection closed. Pipelined
//! requests are read one after the other, each once the previous answer is written: a
//! client that sends many and reads nothing fills its own socket's buffers, its write
//! times out and its connection is closed; the others are served by their own threads.

use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use super::http::{Reply, Verb, respond};
use super::shared::Shared;

/// The most connections served at once; one more is told 503 and closed.
pub(super) const MAX_CONNECTIONS: usize = 256;
/// How long a client has to send a whole request head, from its first byte (or from the
/// end of the previous answer on a kept-alive connection).
pub(super) const HEAD_DEADLINE: Duration = Duration::from_secs(10);
/// How long one write may make no progress before the connection is dropped.
pub(super) const WRITE_STALL: Duration = Duration::from_secs(10);
/// How long one answer may take to send in all (a 3.5 MB page needs milliseconds).
pub(super) const ANSWER_DEADLINE: Duration = Duration::from_secs(60);
/// The longest request head read (request line and headers).
const MAX_HEAD: usize = 16 * 1024;
/// The most requests answered on one connection before it is closed.
const MAX_REQUESTS: usize = 1000;

/// Accepts connections until `shared.stop` is set (then one more connection, made by
/// [`super::session::Preview::stop`], wakes it).
pub(super) fn accept(listener: &TcpListener, shared: &Arc<Shared>) {
    let open = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        if shared.stop.load(Ordering::SeqCst) {
            return;
        }
        let stream = match stream {
            Ok(stream) => stream,
            Err(e) => {
                shared
                    .reporter
                    .warning(&format!("accepting a connection: {e}"));
                // Out of descriptors, say: do not spin.
                thread::sleep(Duration::from_millis(100));
                continue;
            }
        };
        if open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            open.fetch_sub(1, Ordering::SeqCst);
            refuse(stream);
            continue;
        }
        let guard = Open(open.clone());
        let mine = shared.clone();
        let spawned = thread::Builder::new()
            .name("serve-conn".into())
            .stack_size(256 * 1024)
            .spawn(move || {
                let _guard = guard;
                serve_connection(stream, &mine);
            });
        if let Err(e) = spawned {
            shared
                .reporter
                .warning(&format!("cannot start a thread for a connection: {e}"));
        }
    }
}

/// Counts an open connection until dropped.
struct Open(Arc<AtomicUsize>);

impl Drop for Open {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Too many connections: a short 503, without waiting on the client.
fn refuse(mut stream: TcpStream) {
    let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
    let body = "Too many connections; retry in a moment.\n";
    let _ = write!(
        stream,
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nRetry-After: 1\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.shutdown(Shutdown::Write);
}

/// One parsed request head.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Head {
    pub(super) verb: Verb,
    pub(super) target: String,
    pub(super) host: Option<String>,
    /// Whether the client asked to keep the connection open (HTTP/1.1 and no `close`).
    pub(super) keep_alive: bool,
    /// Whether a body follows, which is never read: the connection closes after the answer.
    pub(super) has_body: bool,
}

/// Why no request could be read.
enum Unread {
    /// The client closed or went quiet: close without a word.
    Gone,
    /// A malformed request: answer 400 and close.
    Bad(&'static str),
}

fn serve_connection(stream: TcpStream, shared: &Shared) {
    let _ = stream.set_nodelay(true);
    let mut reader = Buffered {
        stream,
        buffer: Vec::with_capacity(1024),
    };
    for _ in 0..MAX_REQUESTS {
        if shared.stop.load(Ordering::SeqCst) {
            return;
        }
        let head = match reader.read_head() {
            Ok(head) => head,
            Err(Unread::Gone) => return,
            Err(Unread::Bad(reason)) => {
                let reply = Reply::text(400, &format!("Bad Request: {reason}"));
                let _ = send(&mut reader.stream, reply, Verb::Get, false);
                return;
            }
        };
        let reply = respond(shared, head.verb, &head.target, head.host.as_deref());
        let keep = head.keep_alive && !head.has_body;
        if let Err(e) = send(&mut reader.stream, reply, head.verb, keep) {
            if !matches!(
                e.kind(),
                io::ErrorKind::BrokenPipe
                    | io::ErrorKind::ConnectionReset
                    | io::ErrorKind::ConnectionAborted
                    | io::ErrorKind::WouldBlock
                    | io::ErrorKind::TimedOut
            ) {
                shared
                    .reporter
                    .warning(&format!("sending a response failed: {e}"));
            }
            return;
        }
        if !keep {
            let _ = reader.stream.shutdown(Shutdown::Write);
            return;
        }
    }
}

/// A connection with what was read past the last request head.
struct Buffered {
    stream: TcpStream,
    buffer: Vec<u8>,
}

impl Buffered {
    /// Reads one request head, within [`HEAD_DEADLINE`].
    fn read_head(&mut self) -> Result<Head, Unread> {
        let started = Instant::now();
        loop {
            if let Some(end) = find_end(&self.buffer) {
                let head = parse_head(&self.buffer[..end]);
                self.buffer.drain(..end + 4);
                return head.map_err(Unread::Bad);
            }
            if self.buffer.len() >= MAX_HEAD {
                return Err(Unread::Bad("the request head is too long"));
            }
            let left = HEAD_DEADLINE.saturating_sub(started.elapsed());
            if left.is_zero() {
                return Err(Unread::Gone);
            }
            self.stream
                .set_read_timeout(Some(left))
                .map_err(|_| Unread::Gone)?;
            let mut chunk = [0u8; 4096];
            let want = chunk.len().min(MAX_HEAD - self.buffer.len());
            match self.stream.read(&mut chunk[..want]) {
                Ok(0) | Err(_) => return Err(Unread::Gone),
                Ok(n) => self.buffer.extend_from_slice(&chunk[..n]),
            }
        }
    }
}

/// Where the blank line ending a head starts.
fn find_end(buffer: &[u8]) -> Option<usize> {
    buffer.windows(4).position(|w| w == b"\r\n\r\n")
}

/// Parses a request head (without its final blank line).
pub(super) fn parse_head(raw: &[u8]) -> Result<Head, &'static str> {
    let text = std::str::from_utf8(raw).map_err(|_| "the request head is not UTF-8")?;
    let mut lines = text.split("\r\n");
    let line = lines.next().unwrap_or_default();
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err("the request line is not `METHOD target HTTP/1.x`");
    };
    let keep_default = match version {
        "HTTP/1.1" => true,
        "HTTP/1.0" => false,
        _ => return Err("only HTTP/1.0 and HTTP/1.1 are spoken"),
    };
    if target.is_empty() || method.is_empty() {
        return Err("the request line is not `METHOD target HTTP/1.x`");
    }
    let verb = match method {
        "GET" => Verb::Get,
        "HEAD" => Verb::Head,
        _ => Verb::Other,
    };
    let mut host = None;
    let mut keep_alive = keep_default;
    let mut has_body = false;
    for header in lines {
        let (name, value) = header.split_once(':').ok_or("a header line has no colon")?;
        if name.is_empty() || name.bytes().any(|b| b.is_ascii_whitespace()) {
            return Err("a header name is malformed");
        }
        let value = value.trim();
        if name.eq_ignore_ascii_case("host") {
            if host.is_some() {
                return Err("more than one Host header");
            }
            host = Some(value.to_owned());
        } else if name.eq_ignore_ascii_case("connection") {
            for option in value.split(',').map(str::trim) {
                if option.eq_ignore_ascii_case("close") {
                    keep_alive = false;
                } else if option.eq_ignore_ascii_case("keep-alive") && !keep_default {
                    // HTTP/1.0 keep-alive is not offered: one answer, then close.
                }
            }
        } else if name.eq_ignore_ascii_case("transfer-encoding")
            || (name.eq_ignore_ascii_case("content-length") && value != "0")
        {
            has_body = true;
        }
    }
    Ok(Head {
        verb,
        target: target.to_owned(),
        host,
        keep_alive,
        has_body,
    })
}

/// Writes `reply` (its body only for `GET`), each write within [`WRITE_STALL`] and the
/// whole within [`ANSWER_DEADLINE`].
fn send(stream: &mut TcpStream, reply: Reply, verb: Verb, keep: bool) -> io::Result<()> {
    let started = Instant::now();
    let (head, body) = reply.into_parts(keep);
    let mut writer = Deadline { stream, started };
    writer.write_all(&head)?;
    if verb == Verb::Head {
        return writer.flush();
    }
    match body {
        super::http::Body::Bytes(bytes) => writer.write_all(&bytes)?,
        super::http::Body::File(file, length) => {
            let copied = io::copy(&mut file.take(length as u64), &mut writer)?;
            if copied < length as u64 {
                // The file shrank while it was sent: the length announced is a lie now.
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "the file shrank while it was sent",
                ));
            }
        }
    }
    writer.flush()
}

/// A stream whose writes time out after [`WRITE_STALL`] without progress, and fail once
/// [`ANSWER_DEADLINE`] has passed since `started`.
struct Deadline<'a> {
    stream: &'a mut TcpStream,
    started: Instant,
}

impl Write for Deadline<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let left = ANSWER_DEADLINE.saturating_sub(self.started.elapsed());
        if left.is_zero() {
            return Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "the client read too slowly",
            ));
        }
        self.stream.set_write_timeout(Some(left.min(WRITE_STALL)))?;
        self.stream.write(bytes)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.stream.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_heads() {
        let head =
            parse_head(b"GET /en/?q=1 HTTP/1.1\r\nHost: localhost:8000\r\nAccept: */*").unwrap();
        assert_eq!(
            head,
            Head {
                verb: Verb::Get,
                target: "/en/?q=1".into(),
                host: Some("localhost:8000".into()),
                keep_alive: true,
                has_body: false,
            }
        );
        let head =
            parse_head(b"HEAD / HTTP/1.1\r\nconnection: Close\r\nContent-Length: 0").unwrap();
        assert!(!head.keep_alive && !head.has_body && head.verb == Verb::Head);
        let head = parse_head(b"POST / HTTP/1.0\r\nContent-Length: 5").unwrap();
        assert!(!head.keep_alive && head.has_body && head.verb == Verb::Other);
        let head = parse_head(b"GET / HTTP/1.1\r\nTransfer-Encoding: chunked").unwrap();
        assert!(head.has_body);
        for bad in [
            &b"GET / HTTP/2"[..],
            b"GET /",
            b"GET  / HTTP/1.1",
            b"GET / HTTP/1.1\r\nno colon",
            b"GET / HTTP/1.1\r\nHost: a\r\nHost: b",
            b"GET / HTTP/1.1\r\nBad Name: x",
            b"GET / HTTP/1.1\r\nX: \xff",
        ] {
            assert!(parse_head(bad).is_err(), "{}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn the_refusal_is_a_whole_response() {
        let (client, server) = {
            let listener = TcpListener::bind("127.0.0.1:0").unwrap();
            let client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
            (client, listener.accept().unwrap().0)
        };
        refuse(server);
        let mut text = String::new();
        let mut client = client;
        client.read_to_string(&mut text).unwrap();
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        assert!(head.starts_with("HTTP/1.1 503"));
        assert!(
            head.contains(&format!("Content-Length: {}", body.len())),
            "{text}"
        );
    }
}
