//! Matching a translation file's entries to the current units of a digest.
//!
//! An entry matches the unit with the same id. An edited text gets a new id, so entries
//! left over are then matched to the units left over by similarity of their source texts
//! (as gettext's `msgmerge` does): a close enough match carries its translation over,
//! marked outdated. What still matches nothing is obsolete.

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

/// Matches the entries of `file` (units first, then obsolete ones) to `units`.
pub fn align(units: &Units, file: Option<&TranslationFile>) -> Alignment {
    let mut matched: Vec<Option<Entry>> = vec![None; units.len()];
    let Some(file) = file else {
        return Alignment {
            matched,
            obsolete: Vec::new(),
        };
    };
    let mut left: Vec<Option<&Entry>> = file.units.iter().chain(&file.obsolete).map(Some).collect();
    for (i, unit) in units.list.iter().enumerate() {
        if let Some(slot) = left.iter_mut().find(|e| e.is_some_and(|e| e.id == unit.id)) {
            matched[i] = slot.take().cloned();
        }
    }
    // Leftover live entries (not already-obsolete ones) may belong to edited units.
    let live = file.units.len();
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    // Most files match by id alone: normalize the units only when an entry is left over.
    if left.iter().take(live).all(Option::is_none) {
        return Alignment {
            matched,
            obsolete: left.into_iter().flatten().cloned().collect(),
        };
    }
    let normalized: Vec<(String, usize)> = units
        .list
        .iter()
        .map(|u| {
            let text = normalize(&u.source);
            let length = text.chars().count();
            (text, length)
        })
        .collect();
    for (e, entry) in left.iter().enumerate().take(live) {
        let Some(entry) = entry else { continue };
        let Some(kind) = kind_of(&entry.id) else {
            continue;
        };
        let old = normalize(&entry.source);
        let old_length = old.chars().count();
        for (u, unit) in units.list.iter().enumerate() {
            let (new, new_length) = &normalized[u];
            if matched[u].is_none() && unit.kind == kind && comparable(old_length, *new_length) {
                let score = strsim::normalized_levenshtein(&old, new);
                if score >= SIMILARITY {
                    candidates.push((score, e, u));
                }
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
    Alignment {
        matched,
        obsolete: left.into_iter().flatten().cloned().collect(),
    }
}
