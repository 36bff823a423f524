//! A split index read file by file, as `templates/search.js` reads it in the browser: the
//! manifest first, then only the postings files a query needs and the passage tables of
//! the results asked for. The tests use it to check that the published files answer as
//! the whole index does.

use std::collections::BTreeMap;

use super::shards::{Chunk, Manifest, VERSION, shard_of, shard_path};
use super::tokenize::{QueryTerm, query_terms};

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
    /// [`SearchIndex::search`](super::SearchIndex::search).
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output_file::OutputFile;
    use crate::search::index::SearchIndex;
    use crate::search::index::tests::example_index;

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
        // Both sides answering nothing would agree whatever the index holds: count the
        // queries that found something.
        let mut answered = 0;
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
            if ["mexico", "clinic"].contains(&query) {
                assert!(!got.is_empty(), "{query} finds nothing");
            }
            answered += usize::from(!got.is_empty());
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
        assert!(answered >= 10, "only {answered} queries found something");
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
}
