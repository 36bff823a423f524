//! Offline search: a compact index per language, and the search page that queries it in
//! the browser. Works on any static host; no server, no external requests.

use crate::render::view::DigestView;

/// One searchable passage of a digest page in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchDoc {
    /// Link to the passage, relative to the site root (`fr/slug/index.html#topic-2`).
    pub url: String,
    /// The digest's title.
    pub title: String,
    /// The heading of the passage.
    pub section: String,
    /// Its plain text.
    pub text: String,
}

/// The passages of one digest page whose HTML is at `url` (relative to the site root).
pub fn docs_from_digest(_view: &DigestView, _url: &str) -> Vec<SearchDoc> {
    Vec::new()
}
