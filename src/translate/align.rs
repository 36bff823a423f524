//! Matching a translation file's entries to the current units of a digest.
//!
//! An entry matches the unit with the same id. An edited text gets a new id, so entries
//! left over are then matched to the units left over by similarity of their source texts
//! (as gettext's `msgmerge` does): a close enough match carries its translation over,
//! marked outdated. What still matches nothing is obsolete.
//!
//! The work stays linear in the size of the digest. Ids, then identical (normalized)
//! texts, are matched through hash maps. When few entries and units are left over (at most
//! [`FULL_COMPARISON_BUDGET`] pairs, the usual handful of edits), every pair is compared,
//! as `msgmerge` does. Past that (every point of a long digest edited), an entry is
//! compared only with the units near the place it had in the file, and with those sharing
//! one of its rarest words (a moved and edited text), at most [`CANDIDATES_PER_ENTRY`] of
//! them: comparing all pairs of 6,000 edited points took minutes and gigabytes.

use std::collections::{HashMap, HashSet};

use super::file::{Entry, TranslationFile};
use super::units::{Units, normalize};

/// How similar two source texts must be (normalized Levenshtein, 0–1) for an entry to
/// follow an edited unit.
pub const SIMILARITY: f64 = 0.5;

/// The longest text, in characters, compared by similarity. Comparing costs the product of
/// the two lengths, so a translation file with a few huge `source:` texts took minutes; a
/// longer text still keeps its translation through its id.
pub const MAX_SIMILARITY_CHARS: usize = 10_000;

/// Whether `a` and `b` (character counts) could be [`SIMILARITY`] alike: the edit distance
/// is at least the difference of the lengths.
fn comparable(a: usize, b: usize) -> bool {
    let longest = a.max(b);
    longest <= MAX_SIMILARITY_CHARS
        && (longest == 0 || 1.0 - a.abs_diff(b) as f64 / longest as f64 >= SIMILARITY)
}

/// The state of one unit in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnitState {
    /// Translated from the current source.
    Translated(String),
    /// Translated from an earlier version of the source.
    Outdated {
        /// The translation.
        text: String,
        /// The source it was made from, when known.
        previous_source: Option<String>,
    },
    /// Not translated.
    Missing,
}

/// A translation file matched to a digest's units.
#[derive(Debug, Clone, Default)]
pub struct Alignment {
    /// For each unit (in the order of [`Units::list`]), the matched entry, if any.
    pub matched: Vec<Option<Entry>>,
    /// Entries that match no unit (including those already obsolete in the file).
    pub obsolete: Vec<Entry>,
}

/// Translated, outdated and missing counts of one digest in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Coverage {
    /// Units in the digest.
    pub units: usize,
    /// Translated from the current source.
    pub translated: usize,
    /// Translated from an earlier source.
    pub outdated: usize,
    /// Not translated.
    pub missing: usize,
    /// Translations kept for units that no longer exist.
    pub obsolete: usize,
    /// Whole percent translated (outdated units do not count), rounded down so that
    /// 100 means complete.
    pub percent: u32,
}

impl Alignment {
    /// The state of unit `index` with source hash `hash`.
    pub fn state(&self, index: usize, hash: &str) -> UnitState {
        match self.matched.get(index).and_then(Option::as_ref) {
            Some(entry) => match entry.text() {
                Some(text) if entry.outdated || entry.hash != hash => UnitState::Outdated {
                    text: text.to_string(),
                    previous_source: entry
                        .previous_source
                        .clone()
                        .or_else(|| (entry.hash != hash).then(|| entry.source.clone())),
                },
                Some(text) => UnitState::Translated(text.to_string()),
                None => UnitState::Missing,
            },
            None => UnitState::Missing,
        }
    }

    /// The counts, against `units`.
    pub fn coverage(&self, units: &Units) -> Coverage {
        let mut coverage = Coverage {
            units: units.len(),
            obsolete: self.obsolete.iter().filter(|e| e.text().is_some()).count(),
            ..Coverage::default()
        };
        // As `state` decides, without copying the texts it would return.
        for (i, unit) in units.list.iter().enumerate() {
            match self.matched.get(i).and_then(Option::as_ref) {
                Some(entry) if entry.text().is_some() => {
                    if entry.outdated || entry.hash != unit.hash {
                        coverage.outdated += 1;
                    } else {
                        coverage.translated += 1;
                    }
                }
                _ => coverage.missing += 1,
            }
        }
        coverage.percent = (coverage.translated * 100)
            .checked_div(coverage.units)
            .map_or(100, |p| p as u32);
        coverage
    }
}

/// The kind part of a generated id (`point` of `point-3f9a2c1d`); explicit ids have none.
fn kind_of(id: &str) -> Option<&str> {
    let (kind, rest) = id.split_once('-')?;
    let hash = rest.split('-').next()?;
    (hash.len() == 8 && hash.bytes().all(|b| b.is_ascii_hexdigit())).then_some(kind)
}

/// The most leftover pairs (entries × units) compared all with each other; past it, each
/// entry is compared with [`CANDIDATES_PER_ENTRY`] units at most.
pub const FULL_COMPARISON_BUDGET: usize = 20_000;

/// The most units one leftover entry is compared with when not all pairs are: those within
/// [`WINDOW`] places of where the entry was, then those sharing its rarest words.
pub const CANDIDATES_PER_ENTRY: usize = 32;

/// How many leftover units before and after an entry's expected place it is compared with.
const WINDOW: usize = 8;

/// A word found in more leftover units than this is not rare enough to find candidates by.
const RARE_WORD_UNITS: usize = 8;

/// Matches the entries of `file` (units first, then obsolete ones) to `units`.
pub fn align(units: &Units, file: Option<&TranslationFile>) -> Alignment {
    align_counting(units, file).0
}

/// [`align`], and how many pairs of texts it compared by similarity (the costly step,
/// which tests hold to a bound linear in the size of the digest).
pub fn align_counting(units: &Units, file: Option<&TranslationFile>) -> (Alignment, usize) {
    let mut matched: Vec<Option<Entry>> = vec![None; units.len()];
    let Some(file) = file else {
        let obsolete = Vec::new();
        return (Alignment { matched, obsolete }, 0);
    };
    let mut left: Vec<Option<&Entry>> = file.units.iter().chain(&file.obsolete).map(Some).collect();
    // The first entry of each id, as a linear search in file order found it.
    let mut by_id: HashMap<&str, usize> = HashMap::with_capacity(left.len());
    for (e, entry) in file.units.iter().chain(&file.obsolete).enumerate() {
        by_id.entry(entry.id.as_str()).or_insert(e);
    }
    // Which unit each entry went to, for the places of the entries left over.
    let mut unit_of: Vec<Option<usize>> = vec![None; left.len()];
    for (i, unit) in units.list.iter().enumerate() {
        if let Some(&e) = by_id.get(unit.id.as_str())
            && let Some(entry) = left[e].take()
        {
            matched[i] = Some(entry.clone());
            unit_of[e] = Some(i);
        }
    }
    // Leftover live entries (not already-obsolete ones) may belong to edited units.
    let live = file.units.len();
    // Most files match by id alone: normalize the units only when an entry is left over.
    if left.iter().take(live).all(Option::is_none) {
        let obsolete = left.into_iter().flatten().cloned().collect();
        return (Alignment { matched, obsolete }, 0);
    }
    let open: Vec<usize> = (0..units.len()).filter(|&u| matched[u].is_none()).collect();
    let texts: HashMap<usize, (String, usize)> = open
        .iter()
        .map(|&u| {
            let text = normalize(&units.list[u].source);
            let length = text.chars().count();
            (u, (text, length))
        })
        .collect();
    // Each leftover live entry with a generated id: its index, kind, normalized text and
    // that text's length in characters (explicit ids have no kind and are never moved).
    let entries: Vec<(usize, &str, String, usize)> = left
        .iter()
        .enumerate()
        .take(live)
        .filter_map(|(e, entry)| {
            let entry = (*entry)?;
            let kind = kind_of(&entry.id)?;
            let old = normalize(&entry.source);
            let length = old.chars().count();
            Some((e, kind, old, length))
        })
        .collect();
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    // The same text (a change of markup or spacing only, or a new explicit id): no need to
    // compare anything.
    let mut by_text: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    for &u in open.iter().rev() {
        by_text
            .entry((units.list[u].kind, texts[&u].0.as_str()))
            .or_default()
            .push(u);
    }
    let mut comparisons = 0;
    let mut similar: Vec<&(usize, &str, String, usize)> = Vec::new();
    for entry in &entries {
        let (e, kind, old, _) = entry;
        match by_text.get_mut(&(*kind, old.as_str())).and_then(Vec::pop) {
            Some(u) => candidates.push((1.0, *e, u)),
            None => similar.push(entry),
        }
    }
    // Entries matched by their text are placed like those matched by id.
    for &(_, e, u) in &candidates {
        unit_of[e] = Some(u);
    }
    let same_text: HashSet<usize> = candidates.iter().map(|&(_, _, u)| u).collect();
    let still_open: Vec<usize> = open
        .iter()
        .copied()
        .filter(|u| !same_text.contains(u))
        .collect();
    let mut compare = |e: usize, old: &str, old_length: usize, kind: &str, u: usize| {
        let (new, new_length) = &texts[&u];
        if units.list[u].kind == kind && comparable(old_length, *new_length) {
            comparisons += 1;
            let score = strsim::normalized_levenshtein(old, new);
            if score >= SIMILARITY {
                candidates.push((score, e, u));
            }
        }
    };
    if similar.len().saturating_mul(still_open.len()) <= FULL_COMPARISON_BUDGET {
        for &(e, kind, old, old_length) in &similar {
            for &u in &still_open {
                compare(*e, old, *old_length, kind, u);
            }
        }
    } else {
        let leftover: Vec<usize> = similar.iter().map(|(e, ..)| *e).collect();
        let nearby = Nearby::new(&still_open, &texts, &unit_of, &leftover);
        for &(e, kind, old, old_length) in &similar {
            for u in nearby.candidates(*e, old) {
                let u = still_open[u];
                compare(*e, old, *old_length, kind, u);
            }
        }
    }
    // Best pairs first; ties broken by file order, then document order, for stable results.
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, e, u) in candidates {
        if matched[u].is_none()
            && let Some(entry) = left[e].take()
        {
            matched[u] = Some(entry.clone());
        }
    }
    let obsolete = left.into_iter().flatten().cloned().collect();
    (Alignment { matched, obsolete }, comparisons)
}

/// Where to look for the unit of an edited entry when not every pair is compared: the
/// units left over, in document order, near the place the entry had among its neighbours,
/// and an index of their rare words.
struct Nearby<'t> {
    /// For each leftover entry, its expected rank among the leftover units.
    expected: HashMap<usize, usize>,
    /// How many leftover units there are.
    open: usize,
    /// For each word, the ranks of the leftover units holding it, up to one more than
    /// [`RARE_WORD_UNITS`] (a word found more often is not looked up).
    words: HashMap<&'t str, Vec<usize>>,
}

/// The words a text is indexed by: runs of letters and digits.
fn words_of(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
}

impl<'t> Nearby<'t> {
    /// `open`: the leftover units in document order; `texts`: their normalized texts;
    /// `unit_of`: the unit each matched entry went to; `leftover`: the entries to place,
    /// in file order.
    fn new(
        open: &[usize],
        texts: &'t HashMap<usize, (String, usize)>,
        unit_of: &[Option<usize>],
        leftover: &[usize],
    ) -> Self {
        // An entry is expected where it was in the file: after the leftover units that come
        // before the unit of the last matched entry above it, and after the leftover
        // entries between the two.
        let mut expected = HashMap::with_capacity(leftover.len());
        let mut next = leftover.iter().copied().peekable();
        let mut cursor = 0;
        for (e, unit) in unit_of.iter().enumerate() {
            if let Some(u) = unit {
                cursor = open.partition_point(|open_unit| open_unit < u);
            } else if next.peek() == Some(&e) {
                next.next();
                expected.insert(e, cursor);
                cursor += 1;
            }
        }
        let mut words: HashMap<&str, Vec<usize>> = HashMap::new();
        for (rank, u) in open.iter().enumerate() {
            for word in words_of(&texts[u].0) {
                let ranks = words.entry(word).or_default();
                if ranks.len() <= RARE_WORD_UNITS && ranks.last() != Some(&rank) {
                    ranks.push(rank);
                }
            }
        }
        Self {
            expected,
            open: open.len(),
            words,
        }
    }

    /// The ranks of the leftover units entry `e` (normalized text `old`) is compared with:
    /// at most [`CANDIDATES_PER_ENTRY`].
    fn candidates(&self, e: usize, old: &str) -> Vec<usize> {
        let place = self.expected.get(&e).copied().unwrap_or(0).min(self.open);
        let mut found: Vec<usize> =
            (place.saturating_sub(WINDOW)..(place + WINDOW + 1).min(self.open)).collect();
        let mut rare: Vec<&Vec<usize>> = words_of(old)
            .filter_map(|word| self.words.get(word))
            .filter(|ranks| ranks.len() <= RARE_WORD_UNITS)
            .collect();
        rare.sort_by_key(|ranks| ranks.len());
        for rank in rare.into_iter().flatten() {
            if found.len() >= CANDIDATES_PER_ENTRY {
                break;
            }
            if !found.contains(rank) {
                found.push(*rank);
            }
        }
        found.truncate(CANDIDATES_PER_ENTRY);
        found
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::lang::Language;
    use crate::translate::units::extract;

    /// The units of a digest with one topic of `points` points, each text made by `text`.
    fn units_of(points: usize, text: impl Fn(usize) -> String) -> Units {
        let mut yaml = String::from(
            "series: Clinics\nnumber: \"1\"\ndate: 2020-07-16\nheld_in: [en]\nwritten_in: en\ntopics:\n  - title: Long\n    points:\n",
        );
        for i in 0..points {
            yaml.push_str(&format!("      - text: \"{}\"\n", text(i)));
        }
        let digest = crate::notes::load_str(&yaml, Path::new("long.yaml"), "long").unwrap();
        extract(&digest.notes)
    }

    /// A translation file translating every one of `units`.
    fn translated(units: &Units) -> TranslationFile {
        let entry = |unit: &super::super::units::Unit| Entry {
            id: unit.id.clone(),
            place: None,
            hash: unit.hash.clone(),
            source: unit.source.clone(),
            translation: Some(format!("fr: {}", unit.source)),
            previous_source: None,
            outdated: false,
            note: None,
            ..Entry::default()
        };
        TranslationFile {
            digest: "long".into(),
            language: Language::Fr,
            source_language: Language::En,
            title: "Long".into(),
            units: units.list.iter().map(entry).collect(),
            obsolete: Vec::new(),
            header: Vec::new(),
        }
    }

    /// Point `i`'s text, and the same text edited (`edited`): distinct points, each close
    /// to its own edit.
    fn point(i: usize, edited: bool) -> String {
        let tail = if edited {
            "needs more work, we said."
        } else {
            "needs work."
        };
        format!(
            "Point {i} says that proposal {} {tail}",
            (i * 7919) % 100_003
        )
    }

    #[test]
    fn editing_every_point_of_a_long_digest_compares_a_linear_number_of_pairs() {
        let n = 2_000;
        let before = units_of(n, |i| point(i, false));
        let after = units_of(n, |i| point(i, true));
        let file = translated(&before);
        let (alignment, comparisons) = align_counting(&after, Some(&file));
        // Every point keeps its own translation, outdated.
        for (i, unit) in after
            .list
            .iter()
            .enumerate()
            .filter(|(_, u)| u.kind == "point")
        {
            let entry = alignment.matched[i].as_ref().expect("matched");
            assert_eq!(
                entry.source,
                unit.source
                    .replace("needs more work, we said.", "needs work.")
            );
        }
        assert_eq!(alignment.coverage(&after).outdated, n);
        assert!(
            comparisons <= CANDIDATES_PER_ENTRY * n,
            "{comparisons} comparisons for {n} edited points"
        );
    }

    #[test]
    fn a_few_edits_compare_every_pair_as_before() {
        // Three points edited and moved to the far end: found again by comparing all pairs.
        let n = 40;
        let before = units_of(n, |i| point(i, false));
        let after = units_of(n, |i| match i {
            37..=39 => point(i - 37, true),
            _ => point(i + 3, false),
        });
        let file = translated(&before);
        let (alignment, comparisons) = align_counting(&after, Some(&file));
        let coverage = alignment.coverage(&after);
        assert_eq!((coverage.outdated, coverage.obsolete), (3, 0));
        assert_eq!(comparisons, 9);
    }

    #[test]
    fn an_edited_text_moved_far_is_found_by_its_rare_words() {
        // Every point edited, and the first moved to the end: past the window, found through
        // the words only it has.
        let n = 1_000;
        let before = units_of(n, |i| point(i, false));
        let after = units_of(n, |i| point((i + 1) % n, true));
        let file = translated(&before);
        let alignment = align(&after, Some(&file));
        let coverage = alignment.coverage(&after);
        assert_eq!((coverage.outdated, coverage.obsolete), (n, 0));
        let last = after.list.len() - 1;
        assert_eq!(
            alignment.matched[last].as_ref().unwrap().id,
            file.units[1].id
        );
    }
}
