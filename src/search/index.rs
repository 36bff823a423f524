//! The index of one language, whole, in memory: each digest page's passages tokenized on
//! their own ([`IndexedPage`], in parallel, kept with the build cache), then added one
//! after another to the index ([`SearchIndex`]), which [`super::shards`] splits into the
//! published files.

use std::collections::BTreeMap;

use serde::Serialize;

use super::docs::SearchDoc;
use super::tokenize::{fold, folded_tokens, query_terms};
use crate::hash::FastMap;
use crate::render::markdown::shorten;

/// The search index of one language, whole, in memory; [`SearchIndex::files`] splits it
/// into the published layout.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    /// Digest pages: URL relative to the site root, title.
    pub(super) pages: Vec<(String, String)>,
    /// Passages: page, anchor, section heading, snippet.
    pub(super) docs: Vec<(usize, String, String, String)>,
    /// Token to postings (`doc * 2 + 1` when in a title or heading). A hash map: adding
    /// a page's tokens is most of rebuilding the index, and the files sort the terms once.
    /// 32 bits a posting: an archive's index holds tens of millions of them.
    pub(super) terms: FastMap<String, Vec<u32>>,
}

/// Longest snippet kept for a passage, in characters.
const SNIPPET_CHARS: usize = 160;

/// The page part of a passage's URL.
fn page_of(url: &str) -> &str {
    url.split_once('#').map_or(url, |(page, _)| page)
}

/// The first words of `text`, for a result's snippet.
fn snippet(text: &str) -> String {
    shorten(text, SNIPPET_CHARS)
}

/// The passages of one digest page, tokenized: the expensive half of indexing, done for
/// each page on its own (in parallel) before [`SearchIndex::push`] adds it.
#[derive(Debug, Clone, Default, serde::Deserialize, Serialize)]
pub struct IndexedPage {
    /// The page's URL, relative to the site root.
    pub(super) url: String,
    /// The digest's title.
    pub(super) title: String,
    /// The passages, in page order.
    pub(super) docs: Vec<IndexedDoc>,
}

/// One passage, tokenized.
#[derive(Debug, Clone, Default, serde::Deserialize, Serialize)]
pub(super) struct IndexedDoc {
    pub(super) anchor: String,
    pub(super) section: String,
    pub(super) snippet: String,
    /// Its distinct tokens, each with whether it is in the title or heading.
    pub(super) tokens: Vec<(String, bool)>,
}

impl IndexedPage {
    /// Tokenizes `docs`, the passages of one page (as
    /// [`docs_from_digest`](super::docs_from_digest) makes them).
    pub fn of(docs: &[SearchDoc]) -> Self {
        let mut page = IndexedPage::default();
        for doc in docs {
            let (url, anchor) = doc.url.split_once('#').unwrap_or((&doc.url, ""));
            if page.docs.is_empty() {
                page.url = url.to_string();
                page.title = doc.title.clone();
            }
            // Tokens are slices of the folded texts until the distinct ones are kept.
            let folded = [fold(&doc.title), fold(&doc.section), fold(&doc.text)];
            let mut in_heading: FastMap<&str, bool> = FastMap::default();
            folded_tokens(&folded[0], |token| _ = in_heading.insert(token, true));
            folded_tokens(&folded[1], |token| _ = in_heading.insert(token, true));
            folded_tokens(&folded[2], |token| {
                _ = in_heading.entry(token).or_insert(false)
            });
            let mut tokens: Vec<(&str, bool)> = in_heading.into_iter().collect();
            tokens.sort_unstable();
            page.docs.push(IndexedDoc {
                anchor: anchor.to_string(),
                section: doc.section.clone(),
                snippet: snippet(&doc.text),
                tokens: (tokens.into_iter())
                    .map(|(token, heading)| (token.to_string(), heading))
                    .collect(),
            });
        }
        page
    }
}

/// [`IndexedPage`] read in place from a record's bytes: an archive's tokens are hundreds
/// of millions of short strings, and [`SearchIndex::push`] copies only those it has not
/// seen yet.
#[derive(Debug, PartialEq, serde::Deserialize)]
pub struct IndexedPageRef<'a> {
    pub(super) url: &'a str,
    pub(super) title: &'a str,
    #[serde(borrow)]
    pub(super) docs: Vec<IndexedDocRef<'a>>,
}

/// [`IndexedDoc`] read in place.
#[derive(Debug, PartialEq, serde::Deserialize)]
pub(super) struct IndexedDocRef<'a> {
    pub(super) anchor: &'a str,
    pub(super) section: &'a str,
    pub(super) snippet: &'a str,
    #[serde(borrow)]
    pub(super) tokens: Vec<(&'a str, bool)>,
}

impl IndexedPage {
    /// This page as [`SearchIndex::push`] takes it.
    pub fn borrowed(&self) -> IndexedPageRef<'_> {
        IndexedPageRef {
            url: &self.url,
            title: &self.title,
            docs: self
                .docs
                .iter()
                .map(|doc| IndexedDocRef {
                    anchor: &doc.anchor,
                    section: &doc.section,
                    snippet: &doc.snippet,
                    tokens: doc.tokens.iter().map(|(t, h)| (t.as_str(), *h)).collect(),
                })
                .collect(),
        }
    }
}

impl SearchIndex {
    /// Indexes `docs`, which refer to each other only by position; consecutive passages of
    /// the same page share its entry.
    pub fn build(docs: &[SearchDoc]) -> Self {
        let mut index = SearchIndex::default();
        for page in docs.chunk_by(|a, b| page_of(&a.url) == page_of(&b.url)) {
            index.push(IndexedPage::of(page).borrowed());
        }
        index
    }

    /// Adds the passages of one page after those already indexed.
    pub fn push(&mut self, page: IndexedPageRef) {
        if page.docs.is_empty() {
            return;
        }
        let page_id = self.pages.len();
        self.pages.push((page.url.into(), page.title.into()));
        for doc in page.docs {
            let id = self.docs.len();
            self.docs.push((
                page_id,
                doc.anchor.into(),
                doc.section.into(),
                doc.snippet.into(),
            ));
            for (token, heading) in doc.tokens {
                // Passages are far fewer than 2^31 (a notes file is at most 4 MB).
                let posting = (id * 2 + usize::from(heading)) as u32;
                // Most tokens are already there: only a new one is copied.
                match self.terms.get_mut(token) {
                    Some(postings) => postings.push(posting),
                    None => {
                        self.terms.insert(token.to_string(), vec![posting]);
                    }
                }
            }
        }
    }

    /// The passages matching `query`, best first, as positions in the indexed docs. This is
    /// what `search.js` does in the browser.
    pub fn search(&self, query: &str) -> Vec<usize> {
        let mut hits: Option<BTreeMap<usize, usize>> = None;
        for term in query_terms(query) {
            let postings: Vec<&Vec<u32>> = if term.prefix {
                self.terms
                    .iter()
                    .filter(|(token, _)| token.starts_with(&term.term))
                    .map(|(_, postings)| postings)
                    .collect()
            } else {
                self.terms.get(&term.term).into_iter().collect()
            };
            let mut found: BTreeMap<usize, usize> = BTreeMap::new();
            for &posting in postings.into_iter().flatten() {
                let posting = posting as usize;
                *found.entry(posting / 2).or_default() |= posting % 2;
            }
            hits = Some(match hits {
                None => found,
                Some(previous) => previous
                    .into_iter()
                    .filter_map(|(doc, score)| found.get(&doc).map(|s| (doc, score + s)))
                    .collect(),
            });
        }
        let mut ranked: Vec<(usize, usize)> = hits.unwrap_or_default().into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.into_iter().map(|(doc, _)| doc).collect()
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    pub(in crate::search) fn doc(url: &str, title: &str, section: &str, text: &str) -> SearchDoc {
        SearchDoc {
            url: url.into(),
            title: title.into(),
            section: section.into(),
            text: text.into(),
        }
    }

    pub(in crate::search) fn example_index() -> SearchIndex {
        SearchIndex::build(&[
            doc(
                "en/a/index.html",
                "Clinic",
                "",
                "Opening of the clinic call.",
            ),
            doc(
                "en/a/index.html#topic-1",
                "Clinic",
                "Topic 1: Uploads",
                "Volunteers from Wikimedia México asked about uploading photos.",
            ),
            doc(
                "en/a/index.html#topic-2",
                "Clinic",
                "Topic 2: Mexico grants",
                "Grants for events.",
            ),
            doc(
                "ar/b/index.html#topic-1",
                "لقاء",
                "المكتبة",
                "تحدث المتطوعون عن والمكتبات في 维基媒体",
            ),
        ])
    }

    #[test]
    fn queries_need_every_term_and_the_last_is_a_prefix() {
        let index = example_index();
        assert_eq!(index.search("mexico"), [2, 1]);
        assert_eq!(index.search("mexico upl"), [1]);
        assert_eq!(index.search("uploading mex"), [1]);
        assert_eq!(index.search("mexico grants events"), [2]);
        assert_eq!(index.search("mexico nothing"), Vec::<usize>::new());
        // Only the last term is a prefix.
        assert_eq!(index.search("upl photos"), Vec::<usize>::new());
        assert_eq!(index.search(""), Vec::<usize>::new());
        assert_eq!(index.search(" ?! "), Vec::<usize>::new());
        assert_eq!(index.search("المكتبة"), [3]);
        assert_eq!(index.search("مكتب"), [3]);
        assert_eq!(index.search("媒体"), [3]);
        assert_eq!(index.search("基媒体"), [3]);
        assert_eq!(index.search("媒介"), Vec::<usize>::new());
    }

    #[test]
    fn heading_matches_rank_first_and_ties_keep_document_order() {
        let index = example_index();
        // "clinic" is in every title: document order.
        assert_eq!(index.search("clinic"), [0, 1, 2]);
        // Heading match (topic 2) before the body match (topic 1).
        assert_eq!(index.search("mex"), [2, 1]);
    }

    #[test]
    fn snippets_are_cut_at_a_word() {
        let long = "word ".repeat(60);
        let cut = snippet(long.trim());
        assert!(cut.ends_with("word…"), "{cut}");
        assert!(cut.chars().count() <= SNIPPET_CHARS + 1);
        assert_eq!(snippet("short"), "short");
    }
}
