//! HTTP: answering requests from the output folder, with the live-reload script injected
//! into pages, the server's own endpoints, and the `Host` check that keeps a loopback
//! preview from answering other names.

use std::fs::File;
use std::io::{self, Read};
use std::net::IpAddr;
use std::path::Path;

use super::files::{Found, Miss, RequestPath, content_type, find};
use super::shared::Shared;

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
/// The request methods the server tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Verb {
    Get,
    Head,
    Other,
}

/// A response before it is sent.
pub(super) struct Reply {
    status: u16,
    content_type: &'static str,
    headers: Vec<(&'static str, String)>,
    body: Body,
}

pub(super) enum Body {
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

    pub(super) fn text(status: u16, body: &str) -> Self {
        Self::bytes(status, "text/plain; charset=utf-8", format!("{body}\n"))
    }

    fn with(mut self, name: &'static str, value: String) -> Self {
        self.headers.push((name, value));
        self
    }

    /// The status line and headers (`keep`: whether the connection stays open), and the
    /// body.
    pub(super) fn into_parts(self, keep: bool) -> (Vec<u8>, Body) {
        let length = match &self.body {
            Body::Bytes(bytes) => bytes.len(),
            Body::File(_, length) => *length,
        };
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        let fixed = [
            ("Content-Type", self.content_type.to_owned()),
            ("Content-Length", length.to_string()),
            ("X-Content-Type-Options", "nosniff".into()),
            ("Cache-Control", "no-store".into()),
            ("Referrer-Policy", "no-referrer".into()),
            (
                "Connection",
                if keep { "keep-alive" } else { "close" }.into(),
            ),
        ];
        for (name, value) in fixed.into_iter().chain(self.headers) {
            // Values are the server's own (a `Location` is re-encoded): no line breaks.
            if !value.contains(['\r', '\n']) {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
        }
        head.push_str("\r\n");
        (head.into_bytes(), self.body)
    }
}

/// The reason phrase of the statuses the server sends.
fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Internal Server Error",
    }
}

/// Decides the response to one request.
pub(super) fn respond(shared: &Shared, method: Verb, url: &str, host: Option<&str>) -> Reply {
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
    // No lock: a build never makes a reader wait. A full build swaps its whole tree in at
    // once and an incremental one renames each changed file over the old, so every file
    // opened here is complete, of the last build or of the one finishing.
    let found = find(&shared.out(), &request);
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
    let request = RequestPath {
        segments: vec!["404.html".into()],
        trailing_slash: false,
    };
    let page = match find(&shared.out(), &request) {
        Ok(Found::File(_, mut file, _)) => {
            let mut html = Vec::new();
            file.read_to_end(&mut html).ok().map(|_| html)
        }
        _ => None,
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

#[cfg(test)]
mod tests {
    use super::super::shared::tests::shared;
    use super::*;

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
    fn the_script_goes_before_the_last_body_end() {
        assert_eq!(
            inject(b"<BODY>a</BODY>"),
            format!("<BODY>a{SCRIPT_TAG}</BODY>").into_bytes()
        );
        assert_eq!(inject(b"x"), format!("x{SCRIPT_TAG}").into_bytes());
    }
}
