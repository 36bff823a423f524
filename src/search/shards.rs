//! The published layout: a language's index split into small files, so that a query
//! downloads a small part of the index, and editing one digest rewrites few files.
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

use std::collections::BTreeMap;
use std::fmt::Write as _;

use rayon::prelude::*;
use serde::Serialize;

use super::index::SearchIndex;
use crate::output_file::OutputFile;

/// What updating a language's published index in place needs from the build that wrote it
/// (kept with the build cache): rebuilding the index reads every page's tokens, while an
/// edit changes the postings of a few terms, in a few files. It is made here, with the
/// files it describes; [`IndexState::patch`] (in
/// [`super::update`]) uses it.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct IndexState {
    /// The postings file size aimed for.
    pub(super) limit: usize,
    /// The manifest, as published.
    pub(super) manifest: String,
    /// Each page's URL and number of passages, in the order they were pushed.
    pub(super) pages: Vec<(String, u32)>,
    /// Every term and what its entry counts for in the layout, in term order.
    pub(super) terms: Vec<(String, u32)>,
}

/// Format version of the split layout, for the browser.
pub(super) const VERSION: u32 = 2;

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
pub(super) const MIN_PASSAGE_BITS: u32 = 6;

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
pub(super) fn bits_for(n: usize) -> u32 {
    usize::BITS - n.saturating_sub(1).leading_zeros()
}

/// The bucket of a remainder shard holding the terms whose next character is `next`.
fn bucket(next: Option<char>, buckets: u32) -> u32 {
    next.map_or(0, |c| u32::from(c) % buckets.max(1))
}

/// Splits the sorted terms (all starting with `prefix`, with their sizes in bytes) into
/// shards, adding each shard prefix and its bucket count to `keys` (see the module docs).
pub(super) fn split(
    prefix: &str,
    terms: &[(String, u32)],
    limit: usize,
    keys: &mut BTreeMap<String, u32>,
) {
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
pub(super) fn shard_of<'a>(term: &str, keys: &'a BTreeMap<String, u32>) -> Option<(&'a str, u32)> {
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
pub(super) fn shard_path(prefix: &str, bucket: u32) -> String {
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

    pub(super) fn files_with(&self, dir: &str, limit: usize) -> Result<Vec<OutputFile>, String> {
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
pub(super) fn posting(page: u64, passage: u64, bits: u32, heading: bool) -> u64 {
    (((page << bits) | passage) << 1) | u64::from(heading)
}

/// A term's entry in its postings file, `"term":[deltas]`, from its ascending postings.
pub(super) fn entry_text(term: &str, values: &[u64]) -> String {
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
pub(super) fn entry_size(entry: &str) -> u32 {
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
pub(super) fn chunk_path(k: usize) -> String {
    format!("d/{k}.json")
}

/// A passage table's text, as published.
pub(super) fn chunk_text(table: &impl Serialize) -> Result<String, String> {
    serde_json::to_string(table)
        .map(inert)
        .map_err(|e| format!("search index: {e}"))
}

/// A postings file's text from its terms' ascending postings.
pub(super) fn shard_file(postings: &BTreeMap<String, Vec<u64>>) -> String {
    let mut file = String::new();
    for (term, values) in postings {
        add_entry(&mut file, &entry_text(term, values));
    }
    close_shard(file)
}

/// One passage in a passage table: anchor, section heading, snippet.
type PassageRow<'a> = (&'a str, &'a str, &'a str);

/// A passage table chunk: per page its URL, title and passages (anchor, heading, snippet).
pub(super) type Chunk = Vec<(String, String, Vec<(String, String, String)>)>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::index::tests::doc;

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
}
