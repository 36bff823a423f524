//! Which file a request names: the request path decoded once and checked, the lookup that
//! keeps inside the output folder (symbolic links followed), and the file's content type.

use std::fs::File;
use std::io;
use std::path::{Component, Path, PathBuf};

/// A request path, decoded and checked: plain names only.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct RequestPath {
    pub(super) segments: Vec<String>,
    pub(super) trailing_slash: bool,
}

impl RequestPath {
    /// Percent-decodes `path` once and refuses anything that could name a file outside the
    /// output folder or mean different things to different layers: NUL, backslashes,
    /// encoded slashes, `.` and `..` segments, non-UTF-8.
    pub(super) fn parse(path: &str) -> Result<Self, &'static str> {
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
    pub(super) fn location(&self) -> String {
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
pub(super) enum Found {
    /// The file (its real path, opened, and its length).
    File(PathBuf, File, usize),
    /// A folder asked for without the trailing slash.
    Redirect,
}

/// Why no file was found.
pub(super) enum Miss {
    NotFound,
    Error(PathBuf, io::Error),
}

/// Finds the file for `request` below `out`. Everything is resolved now (the folder may
/// have been swapped since the last request), and the real path, symbolic links followed,
/// must stay inside the real output folder.
pub(super) fn find(out: &Path, request: &RequestPath) -> Result<Found, Miss> {
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
pub(super) fn content_type(path: &Path) -> &'static str {
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
}
