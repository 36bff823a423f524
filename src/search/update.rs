//! Updating a language's published index in place, for incremental builds and serving
//! sessions: rebuilding the index reads every page's tokens, while an edit changes the
//! postings of a few terms, in a few files. The build keeps an [`IndexState`] with the
//! build cache; [`IndexState::patch`] rewrites only the files an edit touches, and gives up
//! (the index is then built whole) when the layout would change or the published files are
//! not what the state says. Either way the files are the same, byte for byte.

use std::collections::{BTreeMap, BTreeSet};

use super::index::IndexedPageRef;
use super::shards::{
    Chunk, IndexState, MIN_PASSAGE_BITS, Manifest, VERSION, bits_for, chunk_path, chunk_text,
    entry_size, entry_text, posting, shard_file, shard_of, shard_path, split,
};
use crate::output_file::OutputFile;

/// A changed page as the patch works on it: its number in the published index (from the
/// oldest), its old version and its new one.
type NumberedChange<'p, 'a> = (u64, &'p IndexedPageRef<'a>, &'p IndexedPageRef<'a>);

/// Per term, the postings the changed pages take away and those they add.
type TermEdits<'a> = BTreeMap<&'a str, (BTreeSet<u64>, BTreeSet<u64>)>;

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

/// The terms whose postings the changed pages change, with what they take away and add.
fn term_edits<'a>(numbered: &[NumberedChange<'_, 'a>], bits: u32) -> TermEdits<'a> {
    let mut edits: TermEdits = BTreeMap::new();
    for (number, old, new) in numbered {
        for (term, postings) in page_postings(old, *number, bits) {
            edits.entry(term).or_default().0.extend(postings);
        }
        for (term, postings) in page_postings(new, *number, bits) {
            edits.entry(term).or_default().1.extend(postings);
        }
    }
    edits.retain(|_, (removed, added)| removed != added);
    edits
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
        if manifest.v != VERSION || manifest.pages != self.pages.len() || manifest.chunk == 0 {
            return None;
        }
        // The state is changed in place (it holds every page and term: at 10,000 digests,
        // copying it cost more than the patch).
        let found = self.page_ids(changes)?;
        let mut next = self;
        let numbered = next.number_changes(changes, found)?;
        let most = next.pages.iter().map(|p| p.1 as usize).max().unwrap_or(0);
        let bits = manifest.bits;
        if bits_for(most).max(MIN_PASSAGE_BITS) != bits {
            return None;
        }
        let edits = term_edits(&numbered, bits);
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
            let mut postings = next.published_postings(&text)?;
            for term in terms {
                let (removed, added) = &edits[term];
                next.edit_term(term, removed, added, &mut postings)?;
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
        files.extend(patched_chunks(dir, &numbered, manifest.chunk, read)?);
        Some((files, next))
    }

    /// Where each changed page is in `pages`; `None` when a page enters or
    /// leaves the index (which renumbers the others) or is not in this state.
    fn page_ids(&self, changes: &[(IndexedPageRef, IndexedPageRef)]) -> Option<Vec<usize>> {
        // A few pages are looked up one by one.
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
        Some(found)
    }

    /// Records the new passage count of each changed page (at `ids`), and numbers the
    /// changes as the published index numbers pages; `None` when a page's old passage count
    /// is not the one this state has.
    fn number_changes<'p, 'a>(
        &mut self,
        changes: &'p [(IndexedPageRef<'a>, IndexedPageRef<'a>)],
        ids: Vec<usize>,
    ) -> Option<Vec<NumberedChange<'p, 'a>>> {
        let count = self.pages.len();
        let mut numbered = Vec::with_capacity(changes.len());
        for ((old, new), id) in changes.iter().zip(ids) {
            if self.pages[id].1 as usize != old.docs.len() {
                return None;
            }
            self.pages[id].1 = u32::try_from(new.docs.len()).ok()?;
            numbered.push(((count - 1 - id) as u64, old, new));
        }
        Some(numbered)
    }

    /// The postings of a published postings file's `text`, each term's ascending; `None`
    /// unless the file is what this state's build wrote, to the byte, with each entry the
    /// size the state has for it. (Called before any of the file's terms is edited.)
    fn published_postings(&self, text: &str) -> Option<BTreeMap<String, Vec<u64>>> {
        let deltas: BTreeMap<String, Vec<u64>> = serde_json::from_str(text).ok()?;
        let postings: BTreeMap<String, Vec<u64>> = deltas
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
        if shard_file(&postings) != text {
            return None;
        }
        for (term, values) in &postings {
            let at = self.terms.binary_search_by(|(t, _)| t.cmp(term)).ok()?;
            if self.terms[at].1 != entry_size(&entry_text(term, values)) {
                return None;
            }
        }
        Some(postings)
    }

    /// Takes `removed` from `term`'s postings and adds `added`, in its shard's `postings`
    /// and in the size this state keeps for its entry; `None` when the postings are not
    /// what the state and the edit say they are.
    fn edit_term(
        &mut self,
        term: &str,
        removed: &BTreeSet<u64>,
        added: &BTreeSet<u64>,
        postings: &mut BTreeMap<String, Vec<u64>>,
    ) -> Option<()> {
        let mut values = postings.remove(term).unwrap_or_default();
        let at = self.terms.binary_search_by(|(t, _)| t.as_str().cmp(term));
        // The term's entry must be the size the state has for it (or both absent).
        let size =
            |values: &[u64]| (!values.is_empty()).then(|| entry_size(&entry_text(term, values)));
        if at.ok().map(|i| self.terms[i].1) != size(&values) {
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
                self.terms.remove(i);
            }
            (Ok(i), Some(size)) => self.terms[i].1 = size,
            (Err(i), Some(size)) => self.terms.insert(i, (term.to_string(), size)),
            (Err(_), None) => {}
        }
        if !values.is_empty() {
            postings.insert(term.to_string(), values);
        }
        Some(())
    }
}

/// The passage tables holding the changed pages, with those pages' rows replaced; `None`
/// when a table is not as this state's build wrote it or does not hold the page.
fn patched_chunks(
    dir: &str,
    numbered: &[NumberedChange],
    chunk: usize,
    read: &mut dyn FnMut(&str) -> Option<String>,
) -> Option<Vec<OutputFile>> {
    let mut rows: BTreeMap<usize, Vec<(usize, &IndexedPageRef)>> = BTreeMap::new();
    for (number, _, new) in numbered {
        let number = *number as usize;
        rows.entry(number / chunk)
            .or_default()
            .push((number % chunk, new));
    }
    let mut files = Vec::new();
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
    Some(files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::docs::SearchDoc;
    use crate::search::index::{IndexedPage, SearchIndex};
    use crate::search::shards::SHARD_BYTES;

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
}
