//! Translation memory: a unit nobody has translated yet, whose source was already
//! translated into the same language elsewhere in the site (another digest, or a unit
//! the digest no longer has), gets that translation proposed.
//!
//! The clinics repeat their principles and their Friendly Space text every time; a
//! translator should review those, not retype them. A proposal is marked for review
//! (`outdated`, `#, fuzzy` in PO) and names the unit it came from, so it is never published
//! unreviewed, unless its source is exactly the same and the site trusts exact matches
//! (`[translation] trust_exact_matches = true`).
//!
//! Exact matches are found by the source's hash. Near matches (normalized Levenshtein at
//! least [`NEAR`]) are looked for among a bounded set of candidates, never all pairs: those
//! of a comparable length sharing the most words with the source, through an index of
//! words, skipping words so common that they single nothing out.

use std::collections::HashMap;

use super::Translations;
use super::file::Entry;
use super::units::{normalize, source_hash};
use crate::lang::Language;

/// How similar (normalized Levenshtein, 0–1) a translated source must be to be proposed.
/// Higher than the aligner's 0.5: the aligner follows one unit's own edits, the memory
/// borrows from other texts. Above the 0.75 many tools use: at 0.75 "The third point."
/// gets the translation of "The first point.", noise in a file a translator reads.
pub const NEAR: f64 = 0.8;

/// How many candidates of a comparable length and the most shared words are compared.
const CANDIDATES: usize = 16;

/// A word found in more sources than this says little about which one is near.
const COMMON_WORD: usize = 512;

/// The longest source compared by similarity (the cost is the product of the lengths).
const MAX_CHARS: usize = 10_000;

/// One translated source.
#[derive(Debug, Clone)]
struct Item {
    /// `<slug>/<unit id>`.
    origin: String,
    source: String,
    normalized: String,
    length: usize,
    translation: String,
}

/// A translation proposed for a unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    /// The translation.
    pub translation: String,
    /// The unit it translates, `<slug>/<unit id>`.
    pub origin: String,
    /// The source it was translated from.
    pub source: String,
    /// Whether that source is the unit's own (up to whitespace).
    pub exact: bool,
}

/// Every reviewed translation into one language, indexed for lookup.
#[derive(Debug, Default)]
pub struct Memory {
    items: Vec<Item>,
    by_hash: HashMap<String, usize>,
    by_word: HashMap<String, Vec<usize>>,
}

/// The words of normalized text, lowercased, without repeats.
fn words(normalized: &str) -> Vec<String> {
    let mut words: Vec<String> = normalized
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

/// Whether an entry's translation is reviewed and of its current source.
fn reviewed(entry: &Entry) -> bool {
    entry.text().is_some() && !entry.outdated && entry.hash == source_hash(&entry.source)
}

impl Memory {
    /// The reviewed translations into `language` in every digest's file.
    pub fn of(translations: &Translations, language: Language) -> Self {
        let mut memory = Self::default();
        for (slug, digest) in &translations.digests {
            let Some(file) = digest.files.get(&language) else {
                continue;
            };
            for entry in file.units.iter().chain(&file.obsolete) {
                if reviewed(entry) {
                    memory.add(slug, entry);
                }
            }
        }
        memory
    }

    fn add(&mut self, slug: &str, entry: &Entry) {
        let index = self.items.len();
        let normalized = normalize(&entry.source);
        // The first translation of a source stays its proposal: files are read in slug order.
        self.by_hash
            .entry(source_hash(&entry.source))
            .or_insert(index);
        for word in words(&normalized) {
            self.by_word.entry(word).or_default().push(index);
        }
        self.items.push(Item {
            origin: format!("{slug}/{}", entry.id),
            source: entry.source.clone(),
            length: normalized.chars().count(),
            normalized,
            translation: entry.text().unwrap_or_default().to_string(),
        });
    }

    /// How many translations it holds.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The translation to propose for `source` (whose hash is `hash`): the exact match, or
    /// else the nearest of the candidates at least [`NEAR`] alike.
    pub fn propose(&self, source: &str, hash: &str) -> Option<Proposal> {
        if let Some(&i) = self.by_hash.get(hash) {
            return Some(self.proposal(i, true));
        }
        let normalized = normalize(source);
        let length = normalized.chars().count();
        if length == 0 || length > MAX_CHARS {
            return None;
        }
        let comparable = |other: usize| {
            let longest = length.max(other);
            longest <= MAX_CHARS && 1.0 - length.abs_diff(other) as f64 / longest as f64 >= NEAR
        };
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for word in words(&normalized) {
            match self.by_word.get(&word) {
                Some(items) if items.len() <= COMMON_WORD => {
                    for &i in items {
                        if comparable(self.items[i].length) {
                            *shared.entry(i).or_default() += 1;
                        }
                    }
                }
                _ => {}
            }
        }
        let mut candidates: Vec<(usize, usize)> = shared.into_iter().collect();
        candidates.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        candidates.truncate(CANDIDATES);
        let mut best: Option<(f64, usize)> = None;
        for (i, _) in candidates {
            let score = strsim::normalized_levenshtein(&normalized, &self.items[i].normalized);
            let better = best.is_none_or(|(s, b)| score > s || (score == s && i < b));
            if score >= NEAR && better {
                best = Some((score, i));
            }
        }
        best.map(|(_, i)| self.proposal(i, false))
    }

    fn proposal(&self, index: usize, exact: bool) -> Proposal {
        let item = &self.items[index];
        Proposal {
            translation: item.translation.clone(),
            origin: item.origin.clone(),
            source: item.source.clone(),
            exact,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn memory(entries: &[(&str, &str)]) -> Memory {
        let mut memory = Memory::default();
        for (i, (source, translation)) in entries.iter().enumerate() {
            memory.add(
                "d",
                &Entry {
                    id: format!("u{i}"),
                    hash: source_hash(source),
                    source: source.to_string(),
                    translation: Some(translation.to_string()),
                    ..Entry::default()
                },
            );
        }
        memory
    }

    #[test]
    fn exact_then_near_then_nothing() {
        let m = memory(&[
            (
                "listen with patience and respect",
                "écouter avec patience et respect",
            ),
            (
                "be of service to other people on the call",
                "se mettre au service des autres",
            ),
        ]);
        let exact = m
            .propose(
                "listen  with patience\nand respect",
                &source_hash("listen with patience and respect"),
            )
            .unwrap();
        assert!(exact.exact);
        assert_eq!(exact.origin, "d/u0");
        let near = m
            .propose(
                "be of service to the other people on the call",
                &source_hash("be of service to the other people on the call"),
            )
            .unwrap();
        assert!(!near.exact);
        assert_eq!(near.source, "be of service to other people on the call");
        assert_eq!(m.propose("something else entirely", "0"), None);
    }

    #[test]
    fn candidates_are_bounded() {
        // 5,000 sources sharing every word: the lookup compares at most CANDIDATES of them.
        let sources: Vec<String> = (0..5000)
            .map(|i| format!("the same words in a sentence number {i}"))
            .collect();
        let pairs: Vec<(&str, &str)> = sources.iter().map(|s| (s.as_str(), "x")).collect();
        let m = memory(&pairs);
        let p = m
            .propose("the same words in a sentence number 4999!", "0")
            .unwrap();
        assert!(!p.exact);
    }
}
