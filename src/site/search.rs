//! Offline search: a compact index per language, and the search page that queries it in
//! the browser. Works on any static host; no server, no external requests.
//!
//! # Files
//!
//! Only with HTML output: the split index under `search/<lang>/`, `<lang>/search/index.html`
//! (the page, from `templates/search.html`) and `search.js` (copied from
//! `templates/search.js`).
//!
//! # Index layout
//!
//! A query downloads a small part of the index, and editing one digest rewrites few files:
//!
//! - `index.json`, the manifest: `{"v": 2, "pages": N, "bits": B, "chunk": C, "shards":
//!   {"": 3, "m": 1, "me": 2, …}}`.
//! - `t/<prefix as hex UTF-8>_<bucket>.json`: `{"term": [deltas], …}`. A term lives in the
//!   shard of the longest listed prefix it starts with, in bucket `code point of its next
//!   character % buckets` (0 when none). Shards come from splitting every prefix whose
//!   terms exceed [`SHARD_BYTES`] by the next character: families of at least a quarter of
//!   that get their own shard (recursively), the rest stay, spread over enough buckets.
//!   An exact term needs one file; a prefix needs its own shard plus every shard whose
//!   prefix starts with it.
//! - `d/<K>.json`: the passage tables of pages `K*C .. K*C+C-1`: `[[url, title, [[anchor,
//!   section, snippet], …]], …]`.
//!
//! An edit to a few pages is applied to the published files in place
//! ([`IndexState::patch`]): the build keeps each term's entry size, each page's passage
//! count and the manifest, rewrites only the postings files of the terms whose postings
//! changed and the passage tables of the changed pages, and falls back to building the
//! index whole when the layout would change. Either way the files are the same, byte for
//! byte.
//!
//! Pages are numbered from the oldest (the last listed), so a new call renumbers nothing. A
//! passage's key is `page << B | its position on the page`; a posting is `key * 2 + 1` when
//! the term is in the digest title or the section heading, `key * 2` when only in the
//! text; a term's postings are ascending and written as differences. Ties in ranking keep
//! document order: newest page first, then page order.
//!
//! # Tokens
//!
//! `templates/search.js` tokenizes queries exactly as [`index_tokens`] and [`query_terms`]
//! do here; `tests/fixtures/search-tokens.json` holds the vectors both must agree on.
//!
//! 1. NFKD, lowercase, then drop nonspacing and enclosing marks (so "mexico" finds
//!    "México" and Arabic tashkeel is ignored), drop the Arabic tatweel, map ٱ to ا, ى to
//!    ي, ة to ه, final ς to σ, and Arabic-Indic digits to ASCII ones.
//! 2. Split into runs of letters, numbers and marks, and split each run where Han
//!    characters start or stop.
//! 3. A Han segment (Chinese has no spaces) is indexed as every character and every pair
//!    of neighbours (Lucene's CJK bigrams); a query turns it into its bigrams, or the
//!    character itself when it is alone.
//! 4. Any other segment is one token; when it starts with an Arabic article (ال, وال, بال,
//!    كال, فال, لل) and at least two letters remain, the index also holds it without, and
//!    a query uses the form without.
//!
//! A query matches a passage that has every query term; the last term, unless it is Han,
//! matches as a prefix so results follow typing. Passages with more query terms in their
//! digest title or section heading come first; ties keep document order.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use rayon::prelude::*;
use serde::Serialize;

use super::Site;
use super::output::OutputFile;
use crate::config::Formats;
use crate::hash::FastMap;
use crate::l10n::icu::{CharKind, category_name, char_kind, nfkd};
use crate::l10n::{Arg, Localizer};
use crate::lang::Language;
use crate::render::markdown::shorten;
use crate::render::view::{Chrome, DigestView, PointView, SectionView, Text};
use crate::render::{Templates, ViewBuilder, version_links};

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

/// Plain text gathered from several view fields, one space between them.
#[derive(Default)]
struct Plain(String);

impl Plain {
    fn add(&mut self, text: &str) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        if !self.0.is_empty() {
            self.0.push(' ');
        }
        self.0.push_str(text);
    }

    fn text(&mut self, text: &Text) {
        self.add(&text.plain);
    }

    fn point(&mut self, point: &PointView) {
        if let Some(speaker) = &point.speaker {
            self.add(speaker);
        }
        if let Some(text) = &point.text {
            self.text(text);
        }
        if let Some(note) = &point.editor_note {
            self.text(note);
        }
        for child in &point.children {
            self.point(child);
        }
    }
}

/// The passages of one digest page whose HTML is at `url` (relative to the site root): its
/// opening, then every topic and subsection in page order.
pub fn docs_from_digest(view: &DigestView, url: &str) -> Vec<SearchDoc> {
    // The note-taker's introduction first: the standard opening sentence reads the same in
    // every digest, so it would make every snippet alike.
    let mut opening = Plain::default();
    if let Some(intro) = &view.intro {
        opening.text(intro);
    }
    for line in [&view.attendance, &view.facilitated].into_iter().flatten() {
        opening.add(line);
    }
    for link in &view.links {
        opening.text(&link.title);
    }
    opening.add(&view.opening);
    let mut docs = vec![SearchDoc {
        url: url.to_string(),
        title: view.title.clone(),
        section: String::new(),
        text: opening.0,
    }];
    for topic in &view.topics {
        section_docs(view, url, topic, &mut docs);
    }
    docs
}

fn section_docs(view: &DigestView, url: &str, section: &SectionView, docs: &mut Vec<SearchDoc>) {
    let mut text = Plain::default();
    for detail in &section.details {
        text.add(&detail.label);
        text.text(&detail.value);
    }
    for question in &section.prepared_questions {
        text.text(question);
    }
    if let Some(body) = &section.body {
        text.text(body);
    }
    if let Some(note) = &section.editor_note {
        text.text(note);
    }
    for point in &section.points {
        text.point(point);
    }
    for question in &section.questions {
        text.add(&question.label);
        text.text(&question.question);
        if let Some(note) = &question.editor_note {
            text.text(note);
        }
        for answer in &question.answers {
            text.point(answer);
        }
    }
    docs.push(SearchDoc {
        url: format!("{url}#{}", section.anchor),
        title: view.title.clone(),
        section: section.heading.clone(),
        text: text.0,
    });
    for sub in &section.sections {
        section_docs(view, url, sub, docs);
    }
}

/// Folds text for matching (step 1 of the module docs): what the index and the browser
/// both compare.
pub fn fold(text: &str) -> String {
    // ASCII is its own NFKD, lowercases byte by byte and has nothing the steps below drop.
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    // Lowercasing char by char differs from `str::to_lowercase` only for a final sigma,
    // which becomes `σ` either way below.
    let decomposed = nfkd(text);
    let mut folded = String::with_capacity(decomposed.len());
    for c in decomposed.chars() {
        if c.is_ascii() {
            folded.push(c.to_ascii_lowercase());
            continue;
        }
        folded.extend(c.to_lowercase().filter_map(|c| match c {
            '\u{0640}' => None,
            '\u{0671}' => Some('\u{0627}'),
            '\u{0649}' => Some('\u{064A}'),
            '\u{0629}' => Some('\u{0647}'),
            'ς' => Some('σ'),
            '\u{0660}'..='\u{0669}' => char::from_u32(u32::from(c) - 0x0660 + u32::from(b'0')),
            '\u{06F0}'..='\u{06F9}' => char::from_u32(u32::from(c) - 0x06F0 + u32::from(b'0')),
            _ if char_kind(c) == CharKind::Mark => None,
            _ => Some(c),
        }));
    }
    folded
}

/// A stretch of folded text between separators: Han characters, or a word. Both borrow
/// the folded text, so that splitting a page allocates nothing.
enum Segment<'a> {
    Han(&'a str),
    Word(&'a str),
}

/// The segments of `folded` (text as [`fold`] returns it), in order.
fn segments(folded: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    // Where the current segment starts, and whether it is Han.
    let mut current: Option<(usize, bool)> = None;
    let segment = |run, han| {
        if han {
            Segment::Han(run)
        } else {
            Segment::Word(run)
        }
    };
    for (at, c) in folded.char_indices() {
        let kind = char_kind(c);
        let han = kind == CharKind::Han;
        if kind != CharKind::Separator && current.is_some_and(|(_, h)| h == han) {
            continue;
        }
        if let Some((start, h)) = current.take() {
            out.push(segment(&folded[start..at], h));
        }
        if kind != CharKind::Separator {
            current = Some((at, han));
        }
    }
    if let Some((start, h)) = current {
        out.push(segment(&folded[start..], h));
    }
    out
}

/// Each Han character of `run` with the pair it starts (step 2 of the module docs): the
/// character, and the character with the next one when there is a next one.
fn han_tokens(run: &str) -> impl Iterator<Item = (&str, Option<&str>)> {
    let starts: Vec<usize> = run.char_indices().map(|(at, _)| at).collect();
    (0..starts.len()).map(move |i| {
        let end = |j: usize| starts.get(j).copied().unwrap_or(run.len());
        let one = &run[starts[i]..end(i + 1)];
        let pair = (i + 1 < starts.len()).then(|| &run[starts[i]..end(i + 2)]);
        (one, pair)
    })
}

/// Arabic articles and the conjunctions and prepositions fused with them, longest first.
const ARTICLES: [&str; 6] = ["وال", "بال", "كال", "فال", "لل", "ال"];

/// A folded word without its Arabic article, when at least two letters remain.
fn arabic_stem(word: &str) -> Option<&str> {
    ARTICLES
        .iter()
        .find_map(|article| word.strip_prefix(article))
        .filter(|rest| rest.chars().count() >= 2)
}

/// The tokens the index holds for `text`, in order, repeats included.
pub fn index_tokens(text: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    folded_tokens(&fold(text), |token| tokens.push(token.to_string()));
    tokens
}

/// Calls `each` with the tokens of `folded` (text as [`fold`] returns it), in order,
/// repeats included: each a slice of `folded`.
fn folded_tokens<'a>(folded: &'a str, mut each: impl FnMut(&'a str)) {
    for segment in segments(folded) {
        match segment {
            Segment::Han(run) => {
                for (one, pair) in han_tokens(run) {
                    each(one);
                    if let Some(pair) = pair {
                        each(pair);
                    }
                }
            }
            Segment::Word(word) => {
                each(word);
                if let Some(stem) = arabic_stem(word) {
                    each(stem);
                }
            }
        }
    }
}

/// One term of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryTerm {
    /// The token to look up.
    pub term: String,
    /// Whether it matches any token starting with it (the word being typed).
    pub prefix: bool,
}

/// The terms of a query, without repeats; all must match.
pub fn query_terms(query: &str) -> Vec<QueryTerm> {
    let folded = fold(query);
    let segments = segments(&folded);
    let last = segments.len().saturating_sub(1);
    let mut terms: Vec<QueryTerm> = Vec::new();
    let mut push = |term: String, prefix: bool| {
        let term = QueryTerm { term, prefix };
        if !terms.contains(&term) {
            terms.push(term);
        }
    };
    for (i, segment) in segments.into_iter().enumerate() {
        match segment {
            Segment::Han(run) if run.chars().nth(1).is_none() => {
                push(run.to_string(), false);
            }
            Segment::Han(run) => {
                for (_, pair) in han_tokens(run) {
                    pair.into_iter()
                        .for_each(|pair| push(pair.to_string(), false));
                }
            }
            Segment::Word(word) => {
                push(arabic_stem(word).unwrap_or(word).to_string(), i == last);
            }
        }
    }
    terms
}

/// The search index of one language, whole, in memory; [`SearchIndex::files`] splits it
/// into the published layout.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    /// Digest pages: URL relative to the site root, title.
    pages: Vec<(String, String)>,
    /// Passages: page, anchor, section heading, snippet.
    docs: Vec<(usize, String, String, String)>,
    /// Token to postings (`doc * 2 + 1` when in a title or heading). A hash map: adding
    /// a page's tokens is most of rebuilding the index, and the files sort the terms once.
    /// 32 bits a posting: an archive's index holds tens of millions of them.
    terms: FastMap<String, Vec<u32>>,
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
    url: String,
    /// The digest's title.
    title: String,
    /// The passages, in page order.
    docs: Vec<IndexedDoc>,
}

/// One passage, tokenized.
#[derive(Debug, Clone, Default, serde::Deserialize, Serialize)]
struct IndexedDoc {
    anchor: String,
    section: String,
    snippet: String,
    /// Its distinct tokens, each with whether it is in the title or heading.
    tokens: Vec<(String, bool)>,
}

impl IndexedPage {
    /// Tokenizes `docs`, the passages of one page (as [`docs_from_digest`] makes them).
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
    url: &'a str,
    title: &'a str,
    #[serde(borrow)]
    docs: Vec<IndexedDocRef<'a>>,
}

/// [`IndexedDoc`] read in place.
#[derive(Debug, PartialEq, serde::Deserialize)]
struct IndexedDocRef<'a> {
    anchor: &'a str,
    section: &'a str,
    snippet: &'a str,
    #[serde(borrow)]
    tokens: Vec<(&'a str, bool)>,
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

/// One passage in a passage table: anchor, section heading, snippet.
type PassageRow<'a> = (&'a str, &'a str, &'a str);

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

/// Format version of the split layout, for the browser.
const VERSION: u32 = 2;

/// Digest pages per passage-table chunk (`d/<K>.json`): some 4 KB of passages each, so a
/// result shown costs a chunk of about 16 KB at most, and a chunk is rewritten only when
/// one of its pages changes.
const PAGES_PER_CHUNK: usize = 4;

/// The largest postings file aimed for (`t/…`), in bytes. Only a single term whose
/// postings alone are larger (a word in nearly every passage of a large archive) exceeds it.
pub const SHARD_BYTES: usize = 128 * 1024;

/// The longest shard prefix, in characters.
const MAX_PREFIX_CHARS: usize = 16;

/// Fewest bits of a passage key that number the passages within their page.
const MIN_PASSAGE_BITS: u32 = 6;

/// Writes `<`, `>` and `&` as `\u` escapes (they only occur inside strings), so note text
/// stays inert even if a host serves a file as HTML.
fn inert(json: String) -> String {
    if !json.contains(['<', '>', '&']) {
        return json;
    }
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// Bits needed to number `n` things from 0.
fn bits_for(n: usize) -> u32 {
    usize::BITS - n.saturating_sub(1).leading_zeros()
}

/// The bucket of a remainder shard holding the terms whose next character is `next`.
fn bucket(next: Option<char>, buckets: u32) -> u32 {
    next.map_or(0, |c| u32::from(c) % buckets.max(1))
}

/// Splits the sorted terms (all starting with `prefix`, with their sizes in bytes) into
/// shards, adding each shard prefix and its bucket count to `keys` (see the module docs).
fn split(prefix: &str, terms: &[(String, u32)], limit: usize, keys: &mut BTreeMap<String, u32>) {
    let total: usize = terms.iter().map(|t| t.1 as usize).sum();
    if total <= limit {
        keys.insert(prefix.to_string(), 1);
        return;
    }
    let next = |term: &str| term[prefix.len()..].chars().next();
    let mut rest: Vec<(Option<char>, usize)> = Vec::new();
    let mut i = 0;
    while i < terms.len() {
        let c = next(&terms[i].0);
        let end = i + terms[i..].partition_point(|t| next(&t.0) == c);
        let size: usize = terms[i..end].iter().map(|t| t.1 as usize).sum();
        match c {
            // A big enough family of terms gets its own shard (or shards). A single term
            // cannot be split, and prefixes stop at MAX_PREFIX_CHARS: one 1 MB "word"
            // would otherwise recurse once per character.
            Some(c)
                if size >= limit / 4
                    && end - i > 1
                    && prefix.chars().count() < MAX_PREFIX_CHARS =>
            {
                split(&format!("{prefix}{c}"), &terms[i..end], limit, keys);
            }
            _ => rest.push((c, size)),
        }
        i = end;
    }
    // The small families stay here, spread over buckets by their next character.
    let remainder: usize = rest.iter().map(|r| r.1).sum();
    let mut buckets = u32::try_from(remainder.div_ceil(limit / 2))
        .unwrap_or(u32::MAX)
        .max(1);
    let largest = |buckets: u32| {
        let mut sizes = vec![0usize; buckets as usize];
        for (c, size) in &rest {
            sizes[bucket(*c, buckets) as usize] += size;
        }
        sizes.into_iter().max().unwrap_or(0)
    };
    while (buckets as usize) < rest.len() && largest(buckets) > limit {
        buckets += 1;
    }
    keys.insert(prefix.to_string(), buckets);
}

/// The shard of `term`: the longest shard prefix it starts with, and its bucket there.
fn shard_of<'a>(term: &str, keys: &'a BTreeMap<String, u32>) -> Option<(&'a str, u32)> {
    (0..=term.len())
        .rev()
        .filter(|&end| term.is_char_boundary(end))
        .find_map(|end| {
            let (prefix, buckets) = keys.get_key_value(&term[..end])?;
            Some((
                prefix.as_str(),
                bucket(term[end..].chars().next(), *buckets),
            ))
        })
}

/// The path of a postings file, relative to the language's search folder: the shard
/// prefix in hexadecimal UTF-8 (so any script makes a portable file name), and the bucket.
fn shard_path(prefix: &str, bucket: u32) -> String {
    let hex: String = prefix.bytes().map(|b| format!("{b:02x}")).collect();
    format!("t/{hex}_{bucket}.json")
}

/// The manifest of a split index, `search/<lang>/index.json`.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct Manifest {
    /// Format version.
    pub v: u32,
    /// Number of digest pages.
    pub pages: usize,
    /// Bits of a passage key that number the passage within its page.
    pub bits: u32,
    /// Digest pages per passage-table chunk.
    pub chunk: usize,
    /// Shard prefix to its number of buckets.
    pub shards: BTreeMap<String, u32>,
}

impl SearchIndex {
    /// The index split into files (paths relative to `dir`, e.g. `search/fr`): a manifest,
    /// term-sharded postings and chunked passage tables; see the module docs.
    pub fn files(&self, dir: &str) -> Result<Vec<OutputFile>, String> {
        self.files_with(dir, SHARD_BYTES)
    }

    fn files_with(&self, dir: &str, limit: usize) -> Result<Vec<OutputFile>, String> {
        let mut files = Vec::new();
        self.clone().write(dir, limit, &mut |file| {
            files.push(file);
            Ok(())
        })?;
        Ok(files)
    }

    /// [`SearchIndex::files`], each handed to `emit` as soon as it is made, the index
    /// consumed as they are: an archive's index is hundreds of megabytes, which memory need
    /// not hold twice. Returns what [`IndexState::patch`] needs to update the files later.
    pub fn write(
        mut self,
        dir: &str,
        limit: usize,
        emit: &mut dyn FnMut(OutputFile) -> Result<(), String>,
    ) -> Result<IndexState, String> {
        let error = |e: serde_json::Error| format!("search index: {e}");
        let pages = self.pages.len();
        // Pages are numbered from the oldest, so a new call (listed first) renumbers nothing.
        let mut keys = Vec::with_capacity(self.docs.len());
        let mut passages: Vec<Vec<(&str, &str, &str)>> = vec![Vec::new(); pages];
        for (page, anchor, section, snippet) in &self.docs {
            let list = &mut passages[pages - 1 - page];
            keys.push(((pages - 1 - page) as u64, list.len() as u64));
            list.push((anchor, section, snippet));
        }
        let bits = bits_for(passages.iter().map(Vec::len).max().unwrap_or(0)).max(MIN_PASSAGE_BITS);
        let mut sorted: Vec<(String, Vec<u32>)> =
            std::mem::take(&mut self.terms).into_iter().collect();
        sorted.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
        // Each term's postings are freed once written out. In parallel: this is most of
        // writing an index, and it runs while no page is being rendered.
        let entries: Vec<(String, String)> = sorted
            .into_par_iter()
            .map(|(term, postings)| {
                let mut values: Vec<u64> = postings
                    .iter()
                    .map(|p| {
                        let (page, passage) = keys[*p as usize / 2];
                        posting(page, passage, bits, p % 2 == 1)
                    })
                    .collect();
                drop(postings);
                values.sort_unstable();
                let entry = entry_text(&term, &values);
                (term, entry)
            })
            .collect();
        let terms: Vec<(String, u32)> = entries
            .iter()
            .map(|(t, e)| (t.clone(), entry_size(e)))
            .collect();
        let mut shards = BTreeMap::new();
        split("", &terms, limit, &mut shards);
        let mut contents: BTreeMap<(&str, u32), String> = BTreeMap::new();
        for (prefix, buckets) in &shards {
            for b in 0..*buckets {
                contents.insert((prefix, b), String::new());
            }
        }
        // Each entry is moved into its shard and freed, so the index is never held twice.
        for (term, entry) in entries {
            let shard = shard_of(&term, &shards).ok_or("search index: a term has no shard")?;
            add_entry(contents.entry(shard).or_default(), &entry);
        }
        for ((prefix, b), text) in contents {
            emit(OutputFile {
                path: format!("{dir}/{}", shard_path(prefix, b)),
                contents: close_shard(text),
            })?;
        }
        for (k, chunk) in passages.chunks(PAGES_PER_CHUNK).enumerate() {
            let table: Vec<(&str, &str, &Vec<PassageRow>)> = chunk
                .iter()
                .enumerate()
                .map(|(i, list)| {
                    let (url, title) = &self.pages[pages - 1 - (k * PAGES_PER_CHUNK + i)];
                    (url.as_str(), title.as_str(), list)
                })
                .collect();
            emit(OutputFile {
                path: format!("{dir}/{}", chunk_path(k)),
                contents: inert(serde_json::to_string(&table).map_err(error)?),
            })?;
        }
        let manifest = Manifest {
            v: VERSION,
            pages,
            bits,
            chunk: PAGES_PER_CHUNK,
            shards,
        };
        let manifest = inert(serde_json::to_string(&manifest).map_err(error)?);
        emit(OutputFile {
            path: format!("{dir}/index.json"),
            contents: manifest.clone(),
        })?;
        Ok(IndexState {
            limit,
            manifest,
            pages: self
                .pages
                .iter()
                .enumerate()
                .map(|(id, (url, _))| (url.clone(), passages[pages - 1 - id].len() as u32))
                .collect(),
            terms,
        })
    }
}

/// A posting as published: its passage's key (page number, then the passage's position on
/// the page in `bits` bits), doubled, plus one when the term is in a heading.
fn posting(page: u64, passage: u64, bits: u32, heading: bool) -> u64 {
    (((page << bits) | passage) << 1) | u64::from(heading)
}

/// A term's entry in its postings file, `"term":[deltas]`, from its ascending postings.
fn entry_text(term: &str, values: &[u64]) -> String {
    // As a JSON value, whose text cannot fail to be made.
    let mut entry = serde_json::Value::from(term).to_string();
    entry.push_str(":[");
    let mut previous = 0;
    for (i, value) in values.iter().enumerate() {
        if i > 0 {
            entry.push(',');
        }
        // Writing to a String cannot fail.
        let _ = write!(entry, "{}", value - previous);
        previous = *value;
    }
    entry.push(']');
    entry
}

/// What an entry counts for in the layout: its bytes and the comma before the next.
fn entry_size(entry: &str) -> u32 {
    u32::try_from(entry.len() + 1).unwrap_or(u32::MAX)
}

/// Adds an entry to a postings file being written (entries come in term order).
fn add_entry(file: &mut String, entry: &str) {
    file.push(if file.is_empty() { '{' } else { ',' });
    file.push_str(entry);
}

/// A postings file's final text, once every entry is added.
fn close_shard(mut file: String) -> String {
    if file.is_empty() {
        file.push('{');
    }
    file.push('}');
    file
}

/// The path of a passage-table chunk, relative to the language's search folder.
fn chunk_path(k: usize) -> String {
    format!("d/{k}.json")
}

/// A passage table's text, as published.
fn chunk_text(table: &impl Serialize) -> Result<String, String> {
    serde_json::to_string(table)
        .map(inert)
        .map_err(|e| format!("search index: {e}"))
}

/// What updating a language's published index in place needs from the build that wrote it
/// (kept with the build cache): rebuilding the index reads every page's tokens, while an
/// edit changes the postings of a few terms, in a few files.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct IndexState {
    /// The postings file size aimed for.
    limit: usize,
    /// The manifest, as published.
    manifest: String,
    /// Each page's URL and number of passages, in the order they were pushed.
    pages: Vec<(String, u32)>,
    /// Every term and what its entry counts for in the layout, in term order.
    terms: Vec<(String, u32)>,
}

/// One page's postings in each term: what the page adds to the index.
fn page_postings<'a>(
    page: &IndexedPageRef<'a>,
    number: u64,
    bits: u32,
) -> BTreeMap<&'a str, BTreeSet<u64>> {
    let mut postings: BTreeMap<&str, BTreeSet<u64>> = BTreeMap::new();
    for (passage, doc) in page.docs.iter().enumerate() {
        for &(token, heading) in &doc.tokens {
            postings.entry(token).or_default().insert(posting(
                number,
                passage as u64,
                bits,
                heading,
            ));
        }
    }
    postings
}

impl IndexState {
    /// The files under `dir` to rewrite when each page in `changes` (old, new) is replaced
    /// by its new version, and the state after. The result is the files a whole rebuild
    /// would write. `None` when the update changes the layout (pages, passage-key bits or
    /// shards) or when `read` (the published files) does not agree with this state: the
    /// index must then be built whole.
    pub fn patch(
        self,
        dir: &str,
        changes: &[(IndexedPageRef, IndexedPageRef)],
        read: &mut dyn FnMut(&str) -> Option<String>,
    ) -> Option<(Vec<OutputFile>, IndexState)> {
        let manifest: Manifest = serde_json::from_str(&self.manifest).ok()?;
        let count = self.pages.len();
        if manifest.v != VERSION || manifest.pages != count || manifest.chunk == 0 {
            return None;
        }
        // The state is changed in place (it holds every page and term: at 10,000 digests,
        // copying it cost more than the patch). A few pages are looked up one by one.
        let ids: Option<std::collections::HashMap<String, usize>> =
            (changes.len() > 8).then(|| {
                (self.pages.iter().enumerate())
                    .map(|(id, (url, _))| (url.clone(), id))
                    .collect()
            });
        let id_of = |url: &str| match &ids {
            Some(ids) => ids.get(url).copied(),
            None => self.pages.iter().position(|(u, _)| u == url),
        };
        let mut found = Vec::with_capacity(changes.len());
        for (old, new) in changes {
            // A page entering or leaving the index renumbers the others.
            if old.url != new.url || old.docs.is_empty() || new.docs.is_empty() {
                return None;
            }
            found.push(id_of(old.url)?);
        }
        drop(ids);
        let mut next = self;
        let mut numbered = Vec::with_capacity(changes.len());
        for ((old, new), id) in changes.iter().zip(found) {
            if next.pages[id].1 as usize != old.docs.len() {
                return None;
            }
            next.pages[id].1 = u32::try_from(new.docs.len()).ok()?;
            numbered.push(((count - 1 - id) as u64, old, new));
        }
        let most = next.pages.iter().map(|p| p.1 as usize).max().unwrap_or(0);
        let bits = manifest.bits;
        if bits_for(most).max(MIN_PASSAGE_BITS) != bits {
            return None;
        }
        // Per term, the postings the changed pages take away and those they add.
        let mut edits: BTreeMap<&str, (BTreeSet<u64>, BTreeSet<u64>)> = BTreeMap::new();
        for (number, old, new) in &numbered {
            for (term, postings) in page_postings(old, *number, bits) {
                edits.entry(term).or_default().0.extend(postings);
            }
            for (term, postings) in page_postings(new, *number, bits) {
                edits.entry(term).or_default().1.extend(postings);
            }
        }
        edits.retain(|_, (removed, added)| removed != added);
        let mut by_shard: BTreeMap<(&str, u32), Vec<&str>> = BTreeMap::new();
        for term in edits.keys() {
            by_shard
                .entry(shard_of(term, &manifest.shards)?)
                .or_default()
                .push(term);
        }
        let mut files = Vec::new();
        for ((prefix, bucket), terms) in by_shard {
            let path = format!("{dir}/{}", shard_path(prefix, bucket));
            let text = read(&path)?;
            let deltas: BTreeMap<String, Vec<u64>> = serde_json::from_str(&text).ok()?;
            let mut postings: BTreeMap<String, Vec<u64>> = deltas
                .into_iter()
                .map(|(term, deltas)| {
                    let mut sum = 0u64;
                    let values = deltas.into_iter().map(|d| {
                        sum = sum.saturating_add(d);
                        sum
                    });
                    (term, values.collect())
                })
                .collect();
            // The file must be what this state's build wrote, to the byte, with each entry
            // the size the state has for it.
            if shard_file(&postings) != text {
                return None;
            }
            // (Only this shard's terms, which the edits below have not touched yet.)
            for (term, values) in &postings {
                let at = next.terms.binary_search_by(|(t, _)| t.cmp(term)).ok()?;
                if next.terms[at].1 != entry_size(&entry_text(term, values)) {
                    return None;
                }
            }
            for term in terms {
                let (removed, added) = &edits[term];
                let mut values = postings.remove(term).unwrap_or_default();
                let at = next.terms.binary_search_by(|(t, _)| t.as_str().cmp(term));
                // The term's entry must be the size the state has for it (or both absent).
                let size = |values: &[u64]| {
                    (!values.is_empty()).then(|| entry_size(&entry_text(term, values)))
                };
                if at.ok().map(|i| next.terms[i].1) != size(&values) {
                    return None;
                }
                let before = values.len();
                values.retain(|v| !removed.contains(v));
                if before - values.len() != removed.len() {
                    return None;
                }
                values.extend(added);
                values.sort_unstable();
                if values.windows(2).any(|w| w[0] == w[1]) {
                    return None;
                }
                match (at, size(&values)) {
                    (Ok(i), None) => {
                        next.terms.remove(i);
                    }
                    (Ok(i), Some(size)) => next.terms[i].1 = size,
                    (Err(i), Some(size)) => next.terms.insert(i, (term.to_string(), size)),
                    (Err(_), None) => {}
                }
                if !values.is_empty() {
                    postings.insert(term.to_string(), values);
                }
            }
            files.push(OutputFile {
                path,
                contents: shard_file(&postings),
            });
        }
        let mut shards = BTreeMap::new();
        split("", &next.terms, next.limit, &mut shards);
        if shards != manifest.shards {
            return None;
        }
        let mut rows: BTreeMap<usize, Vec<(usize, &IndexedPageRef)>> = BTreeMap::new();
        for (number, _, new) in &numbered {
            let number = *number as usize;
            rows.entry(number / manifest.chunk)
                .or_default()
                .push((number % manifest.chunk, new));
        }
        for (k, pages) in rows {
            let path = format!("{dir}/{}", chunk_path(k));
            let text = read(&path)?;
            let mut table: Chunk = serde_json::from_str(&text).ok()?;
            if chunk_text(&table).ok()? != text {
                return None;
            }
            for (row, page) in pages {
                let slot = table.get_mut(row).filter(|slot| slot.0 == page.url)?;
                *slot = (
                    page.url.to_string(),
                    page.title.to_string(),
                    page.docs
                        .iter()
                        .map(|d| (d.anchor.into(), d.section.into(), d.snippet.into()))
                        .collect(),
                );
            }
            files.push(OutputFile {
                path,
                contents: chunk_text(&table).ok()?,
            });
        }
        Some((files, next))
    }
}

/// A postings file's text from its terms' ascending postings.
fn shard_file(postings: &BTreeMap<String, Vec<u64>>) -> String {
    let mut file = String::new();
    for (term, values) in postings {
        add_entry(&mut file, &entry_text(term, values));
    }
    close_shard(file)
}

/// One result of a search in a split index: what the result list shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// Link relative to the site root, with the anchor (`fr/slug/index.html#topic-2`).
    pub url: String,
    /// The digest's title.
    pub title: String,
    /// The passage's heading (empty for a digest's opening).
    pub section: String,
    /// Its first words.
    pub snippet: String,
}

/// A passage table chunk: per page its URL, title and passages (anchor, heading, snippet).
type Chunk = Vec<(String, String, Vec<(String, String, String)>)>;

/// A split index read file by file, as `search.js` reads it: the manifest first, then only
/// the postings files a query needs and the passage chunks of the results asked for. Each
/// file is fetched once.
pub struct SplitIndex<F> {
    fetch: F,
    manifest: Manifest,
    shards: BTreeMap<String, BTreeMap<String, Vec<u64>>>,
    chunks: BTreeMap<usize, Chunk>,
}

impl<F: FnMut(&str) -> Result<String, String>> SplitIndex<F> {
    /// Opens the index whose files `fetch` returns (given a path relative to the
    /// language's search folder, such as `index.json`).
    pub fn open(mut fetch: F) -> Result<Self, String> {
        let manifest: Manifest =
            serde_json::from_str(&fetch("index.json")?).map_err(|e| format!("index.json: {e}"))?;
        if manifest.v != VERSION {
            return Err(format!(
                "index.json: version {} is not {VERSION}",
                manifest.v
            ));
        }
        Ok(Self {
            fetch,
            manifest,
            shards: BTreeMap::new(),
            chunks: BTreeMap::new(),
        })
    }

    /// The postings files `term` needs: its shard, or for a prefix every shard that can
    /// hold a term starting with it.
    fn files_for(&self, term: &QueryTerm) -> Vec<String> {
        let keys = &self.manifest.shards;
        let Some((prefix, bucket)) = shard_of(&term.term, keys) else {
            return Vec::new();
        };
        if !term.prefix {
            return vec![shard_path(prefix, bucket)];
        }
        let mut files = Vec::new();
        if prefix.len() < term.term.len() {
            files.push(shard_path(prefix, bucket));
        }
        for (key, buckets) in keys.range(term.term.clone()..) {
            if !key.starts_with(&term.term) {
                break;
            }
            files.extend((0..*buckets).map(|b| shard_path(key, b)));
        }
        files
    }

    fn shard(&mut self, path: &str) -> Result<&BTreeMap<String, Vec<u64>>, String> {
        if !self.shards.contains_key(path) {
            let deltas: BTreeMap<String, Vec<u64>> =
                serde_json::from_str(&(self.fetch)(path)?).map_err(|e| format!("{path}: {e}"))?;
            let postings = deltas
                .into_iter()
                .map(|(term, deltas)| {
                    let mut sum = 0;
                    (
                        term,
                        deltas
                            .into_iter()
                            .map(|d| {
                                sum += d;
                                sum
                            })
                            .collect(),
                    )
                })
                .collect();
            self.shards.insert(path.to_string(), postings);
        }
        Ok(&self.shards[path])
    }

    /// The passages matching `query`, best first, as passage keys: the same ranking as
    /// [`SearchIndex::search`].
    pub fn search(&mut self, query: &str) -> Result<Vec<u64>, String> {
        let mut hits: Option<BTreeMap<u64, u64>> = None;
        for term in query_terms(query) {
            let mut found: BTreeMap<u64, u64> = BTreeMap::new();
            for path in self.files_for(&term) {
                for (token, postings) in self.shard(&path)? {
                    let matches = if term.prefix {
                        token.starts_with(&term.term)
                    } else {
                        *token == term.term
                    };
                    for &posting in postings.iter().filter(|_| matches) {
                        *found.entry(posting / 2).or_default() |= posting % 2;
                    }
                }
            }
            hits = Some(match hits {
                None => found,
                Some(previous) => previous
                    .into_iter()
                    .filter_map(|(doc, score)| found.get(&doc).map(|s| (doc, score + s)))
                    .collect(),
            });
        }
        let bits = self.manifest.bits;
        let mask = (1u64 << bits) - 1;
        let mut ranked: Vec<(u64, u64)> = hits.unwrap_or_default().into_iter().collect();
        // Newest page first (the highest number), then the passages in page order.
        ranked.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then((b.0 >> bits).cmp(&(a.0 >> bits)))
                .then((a.0 & mask).cmp(&(b.0 & mask)))
        });
        Ok(ranked.into_iter().map(|(key, _)| key).collect())
    }

    /// The passage with `key`, from its chunk.
    pub fn passage(&mut self, key: u64) -> Result<Passage, String> {
        let page = usize::try_from(key >> self.manifest.bits).map_err(|e| e.to_string())?;
        let passage =
            usize::try_from(key & ((1 << self.manifest.bits) - 1)).map_err(|e| e.to_string())?;
        let chunk = page / self.manifest.chunk.max(1);
        if !self.chunks.contains_key(&chunk) {
            let path = format!("d/{chunk}.json");
            let table: Chunk =
                serde_json::from_str(&(self.fetch)(&path)?).map_err(|e| format!("{path}: {e}"))?;
            self.chunks.insert(chunk, table);
        }
        let (url, title, passages) = self.chunks[&chunk]
            .get(page % self.manifest.chunk.max(1))
            .ok_or_else(|| format!("no page {page}"))?;
        let (anchor, section, snippet) = passages
            .get(passage)
            .ok_or_else(|| format!("no passage {key}"))?;
        Ok(Passage {
            url: if anchor.is_empty() {
                url.clone()
            } else {
                format!("{url}#{anchor}")
            },
            title: title.clone(),
            section: section.clone(),
            snippet: snippet.clone(),
        })
    }
}

/// The results-count message for one CLDR plural category, with `{count}` where the
/// number goes.
#[derive(Debug, Clone, Serialize)]
pub struct PluralText {
    /// `zero`, `one`, `two`, `few`, `many` or `other`.
    pub category: &'static str,
    /// The message.
    pub text: String,
}

/// The search page of one language.
#[derive(Debug, Clone, Serialize)]
pub struct SearchPageView {
    /// Frame strings.
    pub chrome: Chrome,
    /// Page heading.
    pub heading: String,
    /// Label of the search field.
    pub label: String,
    /// Placeholder of the search field.
    pub placeholder: String,
    /// Text of the submit button.
    pub button: String,
    /// Shown while the index loads.
    pub loading: String,
    /// Shown when nothing matches.
    pub no_results: String,
    /// Shown when the index cannot be loaded.
    pub error: String,
    /// Shown without JavaScript.
    pub needs_js: String,
    /// Relative link to this language's index.
    pub index_url: String,
    /// Locale for `Intl.NumberFormat`, with the digits the rest of the site uses.
    pub number_locale: String,
    /// The results-count message for every plural category of the language.
    pub results: Vec<PluralText>,
}

/// The number that goes into the plural messages the browser fills in.
const COUNT_PLACEHOLDER: &str = "{count}";

/// "N results" for each plural category `lang` has, found by trying sample numbers (0 and 1
/// late, so that exact `[0]`/`[1]` variants do not stand for a whole category).
fn plural_texts(loc: &Localizer, lang: Language) -> Vec<PluralText> {
    let message = |n: f64| loc.text(lang, "search-results", &[("count", Arg::Num(n))]);
    let Some(formatters) = loc.formatters(lang) else {
        return vec![PluralText {
            category: "other",
            text: message(2.0).replacen('2', COUNT_PLACEHOLDER, 1),
        }];
    };
    // A million is `many` in Spanish and French ("1 000 000 de résultats").
    let samples = (2..=1000u32)
        .map(f64::from)
        .chain([1e6, 1.0, 0.0, 1.5, 0.5, 2.5]);
    let mut texts: Vec<PluralText> = Vec::new();
    for n in samples {
        let category = category_name(formatters.plural_category(n, false));
        if texts.iter().any(|t| t.category == category) {
            continue;
        }
        let number = formatters.number(n);
        texts.push(PluralText {
            category,
            text: message(n).replacen(&number, COUNT_PLACEHOLDER, 1),
        });
    }
    texts
}

/// The locale `Intl.NumberFormat` needs to write digits as ICU4X does for `lang`.
fn number_locale(loc: &Localizer, lang: Language) -> String {
    let zero = loc.formatters(lang).map(|f| f.number(0.0));
    let system = match zero.as_deref().and_then(|z| z.chars().next()) {
        Some('٠') => "arab",
        Some('۰') => "arabext",
        _ => "latn",
    };
    format!("{}-u-nu-{system}", lang.code())
}

/// The template of the search page; a site whose templates predate search has none, and
/// is built without search.
const TEMPLATE: &str = "search.html";

/// The index and search page of `lang`, from the passages of its digest pages, and the
/// index's state for updating it later. Nothing without HTML output, or when the site's
/// templates have no search page.
pub fn language_files(
    site: &Site,
    templates: &Templates,
    formats: Formats,
    lang: Language,
    index: SearchIndex,
    emit: &mut dyn FnMut(OutputFile) -> Result<(), String>,
) -> Result<Option<IndexState>, String> {
    if !formats.html || !site.templates_dir().join(TEMPLATE).is_file() {
        return Ok(None);
    }
    let code = lang.code();
    let page = format!("{code}/search/index.html");
    let loc = &site.localizer;
    let builder =
        ViewBuilder::new(loc, lang, &site.translations.glossary).with_config(&site.config);
    let text = |id: &str| loc.text(lang, id, &[]);
    let versions = version_links(
        loc,
        &site.config.languages,
        lang,
        2,
        "search/index.html",
        "search/index.html",
    );
    let chrome = builder.chrome(2, versions, "search-language-bar-label");
    let view = SearchPageView {
        index_url: format!("{}search/{code}/index.json", chrome.root),
        chrome,
        heading: text("search-heading"),
        label: text("search-label"),
        placeholder: text("search-placeholder"),
        button: text("search-button"),
        loading: text("search-loading"),
        no_results: text("search-no-results"),
        error: text("search-error"),
        needs_js: text("search-needs-js"),
        number_locale: number_locale(loc, lang),
        results: plural_texts(loc, lang),
    };
    let state = index.write(&format!("search/{code}"), SHARD_BYTES, emit)?;
    emit(OutputFile {
        path: page,
        contents: templates.render_html(TEMPLATE, &view)?,
    })?;
    Ok(Some(state))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The folding as the module docs define it: the whole text decomposed, then
        /// lowercased, then Arabic letters and digits mapped and marks dropped. `fold`
        /// takes shortcuts (ASCII as is, lowercasing char by char); they must not show.
        #[test]
        fn fold_is_the_documented_folding(text in r"[a-zA-Z0-9 ΣσςΟΔÉéİ\u{0300}\u{0640}\u{0671}\u{0649}\u{0629}\u{0660}-\u{0669}\u{06F0}\u{06F9}ﻻＡ中-]{0,24}") {
            let documented: String = nfkd(&text)
                .to_lowercase()
                .chars()
                .filter_map(|c| match c {
                    '\u{0640}' => None,
                    '\u{0671}' => Some('\u{0627}'),
                    '\u{0649}' => Some('\u{064A}'),
                    '\u{0629}' => Some('\u{0647}'),
                    'ς' => Some('σ'),
                    '\u{0660}'..='\u{0669}' => char::from_u32(u32::from(c) - 0x0660 + 0x30),
                    '\u{06F0}'..='\u{06F9}' => char::from_u32(u32::from(c) - 0x06F0 + 0x30),
                    _ if char_kind(c) == CharKind::Mark => None,
                    _ => Some(c),
                })
                .collect();
            proptest::prop_assert_eq!(fold(&text), documented);
        }
    }

    #[test]
    fn splitting_stops_at_a_single_term_and_at_the_longest_prefix() {
        // A 1 MB "word" (a valid note can hold one) once recursed once per character.
        let word = "x".repeat(1_000_000);
        let mut keys = BTreeMap::new();
        split("", &[(word, 2_000_000)], SHARD_BYTES, &mut keys);
        assert_eq!(keys.keys().collect::<Vec<_>>(), [""]);
        // Many long terms sharing a long beginning: prefixes stop at MAX_PREFIX_CHARS.
        let terms: Vec<String> = (0..40)
            .map(|i| format!("{}{i:02}", "y".repeat(40)))
            .collect();
        let sized: Vec<(String, u32)> = terms.iter().map(|t| (t.clone(), 50_000)).collect();
        let mut keys = BTreeMap::new();
        split("", &sized, SHARD_BYTES, &mut keys);
        assert!(
            keys.keys().all(|k| k.chars().count() <= MAX_PREFIX_CHARS),
            "{keys:?}"
        );
    }

    /// A page of `passages` passages of words from a small vocabulary (so pages share
    /// terms), some Han, some Arabic.
    fn random_page(rng: &mut corpus::Rng, url: &str, passages: usize) -> Vec<SearchDoc> {
        const WORDS: [&str; 24] = [
            "wiki",
            "wikimedia",
            "wikidata",
            "commons",
            "grant",
            "grants",
            "clinic",
            "call",
            "upload",
            "uploads",
            "photo",
            "photos",
            "mexico",
            "bogota",
            "library",
            "editor",
            "editors",
            "event",
            "events",
            "维基",
            "媒体",
            "会议",
            "المكتبة",
            "والمتطوعون",
        ];
        let words = |rng: &mut corpus::Rng, n: usize| {
            let mut text: Vec<String> = (0..n).map(|_| rng.pick(&WORDS).to_string()).collect();
            // A word of its own now and then: terms come and go.
            if rng.chance(0.3) {
                text.push(format!("w{}", rng.range(0, 60)));
            }
            text.join(" ")
        };
        let title = words(rng, 2);
        (0..passages)
            .map(|p| SearchDoc {
                url: if p == 0 {
                    url.to_string()
                } else {
                    format!("{url}#topic-{p}")
                },
                title: title.clone(),
                section: if p == 0 { String::new() } else { words(rng, 1) },
                text: words(rng, 8),
            })
            .collect()
    }

    /// The files of an index of `pages` (path to contents) and its state.
    fn written(pages: &[IndexedPage], limit: usize) -> (BTreeMap<String, String>, IndexState) {
        let mut index = SearchIndex::default();
        for page in pages {
            index.push(page.borrowed());
        }
        let mut files = BTreeMap::new();
        let state = index
            .write("x", limit, &mut |file| {
                files.insert(file.path, file.contents);
                Ok(())
            })
            .expect("writes");
        (files, state)
    }

    #[test]
    fn a_patched_index_is_the_rebuilt_one_to_the_byte() {
        let mut rng = corpus::Rng::new(6);
        let (mut patched, mut rebuilt, mut shards) = (0, 0, 0);
        for _ in 0..300 {
            let before: Vec<IndexedPage> = (0..10)
                .map(|i| {
                    let passages = rng.range(1, 4);
                    IndexedPage::of(&random_page(
                        &mut rng,
                        &format!("en/d{i}/index.html"),
                        passages,
                    ))
                })
                .collect();
            let mut after = before.clone();
            for _ in 0..rng.range(1, 2) {
                let i = rng.range(0, 9);
                let passages = match rng.range(0, 5) {
                    // Sometimes a passage more or less, or many more (the key's bits grow).
                    0 => after[i].docs.len() + 1,
                    1 => after[i].docs.len().saturating_sub(1).max(1),
                    2 if rng.chance(0.2) => 70,
                    _ => after[i].docs.len(),
                };
                after[i] = IndexedPage::of(&random_page(&mut rng, &after[i].url, passages));
            }
            // A tiny shard size: many shards and buckets, whose layout an edit can change.
            let (mut files, state) = written(&before, 600);
            shards = shards.max(files.keys().filter(|p| p.starts_with("x/t/")).count());
            let (expected, expected_state) = written(&after, 600);
            let changes: Vec<_> = before
                .iter()
                .zip(&after)
                .filter(|(a, b)| a.docs.len() != b.docs.len() || a.borrowed() != b.borrowed())
                .map(|(a, b)| (a.borrowed(), b.borrowed()))
                .collect();
            let read = files.clone();
            match state.patch("x", &changes, &mut |path| read.get(path).cloned()) {
                Some((changed, next)) => {
                    for file in changed {
                        files.insert(file.path, file.contents);
                    }
                    assert_eq!(files, expected);
                    assert_eq!(next, expected_state);
                    patched += 1;
                }
                // Refused only when the layout (in the manifest) changes.
                None => {
                    assert_ne!(files["x/index.json"], expected["x/index.json"]);
                    rebuilt += 1;
                }
            }
        }
        assert!(
            patched > 200 && rebuilt > 10,
            "{patched} patched, {rebuilt} rebuilt"
        );
        assert!(shards > 5, "{shards} postings files at most");
    }

    #[test]
    fn an_index_not_as_its_state_says_is_not_patched() {
        let mut rng = corpus::Rng::new(2);
        let pages: Vec<IndexedPage> = (0..4)
            .map(|i| IndexedPage::of(&random_page(&mut rng, &format!("en/d{i}/index.html"), 3)))
            .collect();
        let (files, state) = written(&pages, SHARD_BYTES);
        let mut edited = pages[1].clone();
        edited.docs[1].tokens.push(("zzz".into(), false));
        let changes = [(pages[1].borrowed(), edited.borrowed())];
        let patch = |files: &BTreeMap<String, String>| {
            (state.clone())
                .patch("x", &changes, &mut |path| files.get(path).cloned())
                .map(|p| p.0)
        };
        assert!(patch(&files).is_some());
        // A postings file edited by hand, or missing.
        let mut tampered = files.clone();
        tampered.insert(
            "x/t/_0.json".into(),
            files["x/t/_0.json"].replace("]", ",1]"),
        );
        assert!(patch(&tampered).is_none());
        tampered.remove("x/t/_0.json");
        assert!(patch(&tampered).is_none());
        // A page the state does not know.
        let mut stranger = pages[1].clone();
        stranger.url = "en/elsewhere/index.html".into();
        let changes = [(stranger.borrowed(), stranger.borrowed())];
        assert!(
            (state.clone())
                .patch("x", &changes, &mut |path| files.get(path).cloned())
                .is_none()
        );
    }

    fn doc(url: &str, title: &str, section: &str, text: &str) -> SearchDoc {
        SearchDoc {
            url: url.into(),
            title: title.into(),
            section: section.into(),
            text: text.into(),
        }
    }

    fn terms(query: &str) -> Vec<String> {
        query_terms(query)
            .into_iter()
            .map(|t| {
                if t.prefix {
                    format!("{}*", t.term)
                } else {
                    t.term
                }
            })
            .collect()
    }

    #[test]
    fn latin_diacritics_and_case_fold_away() {
        assert_eq!(index_tokens("Wikimedia México"), ["wikimedia", "mexico"]);
        assert_eq!(
            index_tokens("Côte d'Ivoire, BOGOTÁ"),
            ["cote", "d", "ivoire", "bogota"]
        );
        assert_eq!(index_tokens("Ёлка ΟΔΟΣ"), ["елка", "οδοσ"]);
        // Compatibility forms (full-width letters) fold to the ordinary ones.
        assert_eq!(index_tokens("ＡＢＣ－ｄｅｆ"), ["abc", "def"]);
    }

    #[test]
    fn han_text_is_indexed_as_characters_and_bigrams() {
        assert_eq!(
            index_tokens("维基媒体"),
            ["维", "维基", "基", "基媒", "媒", "媒体", "体"]
        );
        // Numbers and Latin words inside Chinese text stay whole.
        assert_eq!(
            index_tokens("2020年Wiki会议"),
            ["2020", "年", "wiki", "会", "会议", "议"]
        );
    }

    #[test]
    fn han_queries_become_bigrams_and_a_lone_character_a_unigram() {
        assert_eq!(terms("维基媒体"), ["维基", "基媒", "媒体"]);
        assert_eq!(terms("媒"), ["媒"]);
        // A Han term is never a prefix; a Latin word after it is.
        assert_eq!(terms("会议 wik"), ["会议", "wik*"]);
    }

    #[test]
    fn arabic_letters_are_normalized_and_tashkeel_ignored() {
        assert_eq!(index_tokens("أحمد إسلام آمنة"), ["احمد", "اسلام", "امنه"]);
        assert_eq!(index_tokens("مُسْتَشْفَى"), ["مستشفي"]);
        assert_eq!(index_tokens("كتـــاب ٢٠٢٣"), ["كتاب", "2023"]);
        // Presentation forms (the lam-alef ligature) decompose.
        assert_eq!(index_tokens("\u{FEFB}"), ["لا"]);
    }

    #[test]
    fn arabic_articles_are_stripped_for_a_light_stem() {
        assert_eq!(index_tokens("المَكْتَبَةُ"), ["المكتبه", "مكتبه"]);
        assert_eq!(
            index_tokens("والطلاب للطلاب"),
            ["والطلاب", "طلاب", "للطلاب", "طلاب"]
        );
        // Too short to be an article plus a word.
        assert_eq!(index_tokens("ال والد"), ["ال", "والد"]);
        // Queries use the stem, so "the library" finds "library" and "and the library".
        assert_eq!(terms("المكتبة"), ["مكتبه*"]);
        assert_eq!(terms("بالمدرسة كالبحر"), ["مدرسه", "بحر*"]);
    }

    #[derive(serde::Deserialize)]
    struct Vector {
        input: String,
        index: Vec<String>,
        query: Vec<String>,
    }

    #[derive(serde::Deserialize)]
    struct Fixture {
        vectors: Vec<Vector>,
    }

    #[test]
    fn tokens_match_the_vectors_shared_with_search_js() {
        let fixture: Fixture =
            serde_json::from_str(include_str!("../../tests/fixtures/search-tokens.json"))
                .expect("the fixture is valid JSON");
        assert!(fixture.vectors.len() >= 10);
        for vector in fixture.vectors {
            assert_eq!(
                index_tokens(&vector.input),
                vector.index,
                "{}",
                vector.input
            );
            assert_eq!(terms(&vector.input), vector.query, "{}", vector.input);
        }
    }

    fn example_index() -> SearchIndex {
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

    /// A reader over `files` (paths under `dir`) that records what it fetched.
    fn reader<'a>(
        files: &'a [OutputFile],
        fetched: &'a std::cell::RefCell<Vec<String>>,
    ) -> SplitIndex<impl FnMut(&str) -> Result<String, String> + 'a> {
        SplitIndex::open(move |path: &str| {
            fetched.borrow_mut().push(path.to_string());
            files
                .iter()
                .find(|f| f.path == format!("x/{path}"))
                .map(|f| f.contents.clone())
                .ok_or_else(|| format!("no {path}"))
        })
        .expect("opens")
    }

    fn urls(index: &SearchIndex, docs: &[usize]) -> Vec<String> {
        docs.iter()
            .map(|&d| {
                let (page, anchor, _, _) = &index.docs[d];
                let url = &index.pages[*page].0;
                if anchor.is_empty() {
                    url.clone()
                } else {
                    format!("{url}#{anchor}")
                }
            })
            .collect()
    }

    #[test]
    fn the_split_index_answers_as_the_whole_one_and_fetches_only_what_a_query_needs() {
        let index = example_index();
        // A tiny shard size forces shards by prefix and buckets even on four passages.
        let files = index.files_with("x", 40).expect("splits");
        let manifest: Manifest =
            serde_json::from_str(&files.last().expect("manifest").contents).expect("manifest");
        assert_eq!(manifest.pages, 2);
        assert!(manifest.shards.len() > 1, "{:?}", manifest.shards);
        let fetched = std::cell::RefCell::new(Vec::new());
        let mut split = reader(&files, &fetched);
        for query in [
            "mexico",
            "mexico upl",
            "uploading mex",
            "mexico grants events",
            "upl photos",
            "m",
            "",
            " ?! ",
            "المكتبة",
            "مكتب",
            "媒体",
            "基媒体",
            "媒介",
            "clinic",
            "mex",
            "c",
            "ال",
        ] {
            fetched.borrow_mut().clear();
            let keys = split.search(query).expect("searches");
            let got: Vec<String> = keys
                .iter()
                .map(|&k| split.passage(k).expect("passage").url)
                .collect();
            assert_eq!(got, urls(&index, &index.search(query)), "{query}");
            let shard_files = fetched
                .borrow()
                .iter()
                .filter(|p| p.starts_with("t/"))
                .count();
            let all = files.iter().filter(|f| f.path.starts_with("x/t/")).count();
            assert!(
                query.len() < 2 || shard_files < all,
                "{query}: {shard_files} of {all}"
            );
        }
        // Postings are deltas of keys (page from the oldest << bits | passage) * 2 + heading.
        let shard = shard_of("mexico", &manifest.shards).expect("a shard");
        let path = format!("x/{}", shard_path(shard.0, shard.1));
        let postings: BTreeMap<String, Vec<u64>> = serde_json::from_str(
            &files
                .iter()
                .find(|f| f.path == path)
                .expect("shard file")
                .contents,
        )
        .expect("JSON");
        // "en/a" is listed first, so it is the newer page (1); passages 1 (text) and 2
        // (heading): keys 65 and 66, postings 130 and 133.
        assert_eq!(postings["mexico"], [130, 3]);
    }

    #[test]
    fn shards_keep_the_terms_of_a_prefix_together() {
        let sizes: Vec<(String, usize)> = ["a", "ab", "abc", "abd", "b", "ba", "c", "维", "维基"]
            .iter()
            .map(|t| (t.to_string(), if t.starts_with("ab") { 30 } else { 10 }))
            .collect();
        let sizes: Vec<(String, u32)> = sizes.iter().map(|(t, n)| (t.clone(), *n as u32)).collect();
        let mut keys = BTreeMap::new();
        split("", &sizes, 60, &mut keys);
        // "ab…" (90 bytes) is split further; the rest stays in the root's buckets.
        assert!(
            keys.contains_key("a") || keys.contains_key("ab"),
            "{keys:?}"
        );
        for (term, _) in &sizes {
            let (prefix, _) = shard_of(term, &keys).expect("every term has a shard");
            assert!(term.starts_with(prefix), "{term} in {prefix}");
        }
        // Many small families share the prefix's file, spread over buckets by next letter.
        let letters: Vec<String> = ('a'..='z').map(String::from).collect();
        let sizes: Vec<(String, u32)> = letters.iter().map(|t| (t.clone(), 10)).collect();
        let mut keys = BTreeMap::new();
        split("", &sizes, 60, &mut keys);
        assert_eq!(keys.len(), 1, "{keys:?}");
        assert!(keys[""] >= 9, "{keys:?}");
        assert_eq!(shard_of("q", &keys), Some(("", u32::from('q') % keys[""])));
        assert_eq!(shard_path("维", 2), "t/e7bbb4_2.json");
        assert_eq!(shard_path("", 0), "t/_0.json");
    }

    #[test]
    fn markup_in_notes_is_escaped_in_the_json() {
        let index = SearchIndex::build(&[doc(
            "en/a/index.html",
            "<script>alert(1)</script> & co",
            "",
            "a <b>c</b>",
        )]);
        for file in index.files("x").expect("serializes") {
            assert!(
                !file.contents.contains(['<', '>', '&']),
                "{}",
                file.contents
            );
            let value: serde_json::Value = serde_json::from_str(&file.contents).expect("JSON");
            if file.path == "x/d/0.json" {
                assert_eq!(value[0][1], "<script>alert(1)</script> & co");
                assert_eq!(value[0][2][0][2], "a <b>c</b>");
            }
        }
    }

    #[test]
    fn snippets_are_cut_at_a_word() {
        let long = "word ".repeat(60);
        let cut = snippet(long.trim());
        assert!(cut.ends_with("word…"), "{cut}");
        assert!(cut.chars().count() <= SNIPPET_CHARS + 1);
        assert_eq!(snippet("short"), "short");
    }

    #[test]
    fn plain_text_keeps_inline_formatting_inside_words() {
        assert_eq!(
            crate::render::markdown::to_plain_text(
                "Hello *wor*ld and [a link](https://example.org)!\n\n- one\n- two"
            ),
            "Hello world and a link! one two"
        );
    }

    #[test]
    fn every_topic_and_subsection_of_the_examples_is_a_passage() {
        let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let site = Site::load(&super::super::Layout::new(&root));
        let builder = ViewBuilder::new(&site.localizer, Language::En, &site.translations.glossary);
        let mut count = 0;
        for digest in &site.digests {
            let view = super::super::pages::digest_view(&site, &builder, digest, Vec::new());
            let url = format!("en/{}/index.html", digest.slug);
            let docs = docs_from_digest(&view, &url);
            assert_eq!(docs[0].url, url);
            assert!(docs[0].text.contains(&view.title), "{}", docs[0].text);
            fn anchors(section: &SectionView, out: &mut Vec<String>) {
                out.push(section.anchor.clone());
                for sub in &section.sections {
                    anchors(sub, out);
                }
            }
            let mut expected = Vec::new();
            for topic in &view.topics {
                anchors(topic, &mut expected);
            }
            let got: Vec<String> = docs[1..]
                .iter()
                .map(|d| d.url.rsplit('#').next().unwrap_or("").to_string())
                .collect();
            assert_eq!(got, expected, "{}", digest.slug);
            count += docs.len();
        }
        assert!(count > 10, "{count}");
        let clinic: Vec<SearchDoc> = site
            .digests
            .iter()
            .flat_map(|d| {
                docs_from_digest(
                    &super::super::pages::digest_view(&site, &builder, d, Vec::new()),
                    &format!("en/{}/", d.slug),
                )
            })
            .collect();
        let index = SearchIndex::build(&clinic);
        assert!(!index.search("mexico").is_empty());
        assert!(!index.search("bogota").is_empty());
    }
}
