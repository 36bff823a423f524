//! `status`: how far every digest is translated into every language, what the locale files
//! lack next to English, and where translations do not follow the glossary.

use std::path::Path;

use serde::Serialize;

use super::{Coverage, MemoryCounts, Translations, UnitState, is_proposal};
use crate::diag::Problem;
use crate::l10n::lint::{self, LocaleLint};
use crate::lang::Language;
use crate::notes::Digest;

/// One digest in one language.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct LanguageStatus {
    /// Language code.
    pub language: String,
    /// Whether this is the language the notes are written in.
    pub original: bool,
    /// The counts. `outdated` leaves out memory proposals; `translated`, `outdated`,
    /// `memory.proposed` and `missing` add up to `units`, as PO tools count translated,
    /// fuzzy (outdated and proposed) and untranslated entries.
    #[serde(flatten)]
    pub coverage: Coverage,
    /// What the translation memory filled.
    pub memory: MemoryCounts,
}

/// One digest.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct DigestStatus {
    /// Slug.
    pub digest: String,
    /// The notes' language.
    pub source: String,
    /// Every published language.
    pub languages: Vec<LanguageStatus>,
}

/// A translation that does not use a glossary term.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct GlossaryMiss {
    /// Slug.
    pub digest: String,
    /// Language code.
    pub language: String,
    /// Unit id.
    pub unit: String,
    /// The term in the source.
    pub term: String,
    /// The form the glossary fixes for the language.
    pub expected: String,
    /// The translation file, relative to the site root.
    pub file: String,
    /// The line of the unit in it.
    pub line: usize,
}

/// A unit waiting for a translator's review, where it is (for `status --outdated`).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ReviewItem {
    /// The digest's slug.
    pub digest: String,
    /// The translation's language.
    pub language: String,
    /// The unit's id.
    pub unit: String,
    /// `outdated` (the source changed since) or `proposed` (by the translation memory).
    pub kind: &'static str,
    /// The translation file.
    pub file: String,
    /// The unit's line in it.
    pub line: usize,
}

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct Status {
    /// Every digest.
    pub digests: Vec<DigestStatus>,
    /// Every locale but English, compared with English.
    pub locales: Vec<LocaleLint>,
    /// Translations that do not follow the glossary.
    pub glossary: Vec<GlossaryMiss>,
    /// Outdated units and memory proposals, file by file.
    pub review: Vec<ReviewItem>,
    /// Problems found while loading (syntax errors, duplicate ids, broken files).
    pub problems: Vec<String>,
}

impl Status {
    /// The report for a loaded site: its `languages`, `digests` and `translations`, its
    /// locale files under `locales_dir`, and the `problems` found loading it. The caller
    /// hands over the pieces, so that this stage needs nothing of `site`, which comes after.
    pub fn of(
        languages: &[Language],
        digests: &[Digest],
        translations: &Translations,
        locales_dir: &Path,
        problems: &[Problem],
    ) -> Self {
        let digests = digests
            .iter()
            .map(|d| {
                let source = d.notes.written_in.clone();
                DigestStatus {
                    digest: d.slug.clone(),
                    languages: languages
                        .iter()
                        .map(|&l| LanguageStatus {
                            language: l.code().into(),
                            original: l.code() == source,
                            coverage: translations.coverage(&d.slug, l),
                            memory: translations
                                .digests
                                .get(&d.slug)
                                .map(|t| t.memory(l))
                                .unwrap_or_default(),
                        })
                        .collect(),
                    source,
                }
            })
            .collect();
        Self {
            digests,
            locales: languages
                .iter()
                .filter(|&&l| l != Language::En)
                .map(|&l| lint::lint(locales_dir, l))
                .collect(),
            glossary: glossary_misses(translations),
            review: review_items(translations),
            problems: problems
                .iter()
                .filter(|p| p.is_error())
                .map(Problem::to_string)
                .collect(),
        }
    }

    /// The units to review, one `file:line: id (outdated|proposed)` line each, as
    /// compilers print errors, so that an editor can jump to them.
    pub fn review_list(&self) -> String {
        self.review
            .iter()
            .map(|r| format!("{}:{}: {} ({})\n", r.file, r.line, r.unit, r.kind))
            .collect()
    }

    /// The digests × languages below `percent` (the original never is).
    pub fn below(&self, percent: u32) -> Vec<(String, String, u32)> {
        self.digests
            .iter()
            .flat_map(|d| {
                d.languages
                    .iter()
                    .filter(|l| !l.original && l.coverage.percent < percent)
                    .map(|l| (d.digest.clone(), l.language.clone(), l.coverage.percent))
            })
            .collect()
    }

    /// The report as a text table.
    pub fn table(&self) -> String {
        let mut out = String::new();
        let width = self
            .digests
            .iter()
            .map(|d| d.digest.len())
            .max()
            .unwrap_or(6)
            .max(6);
        out.push_str(&format!(
            "{:<width$}  {:<8} {:>9} {:>11} {:>9} {:>9} {:>8} {:>6} {:>9} {:>7}\n",
            "DIGEST",
            "LANGUAGE",
            "COMPLETE",
            "TRANSLATED",
            "OUTDATED",
            "PROPOSED",
            "MISSING",
            "UNITS",
            "OBSOLETE",
            "MEMORY"
        ));
        for d in &self.digests {
            for l in &d.languages {
                let c = &l.coverage;
                let complete = if l.original {
                    "original".to_string()
                } else {
                    format!("{}%", c.percent)
                };
                out.push_str(&format!(
                    "{:<width$}  {:<8} {:>9} {:>11} {:>9} {:>9} {:>8} {:>6} {:>9} {:>7}\n",
                    d.digest,
                    l.language,
                    complete,
                    c.translated,
                    c.outdated,
                    l.memory.proposed,
                    c.missing,
                    c.units,
                    c.obsolete,
                    l.memory.filled
                ));
            }
        }
        out.push_str("\nLocale files compared with English:\n");
        for l in &self.locales {
            if l.count() == 0 {
                out.push_str(&format!("  {}: complete\n", l.language));
                continue;
            }
            out.push_str(&format!("  {}:\n", l.language));
            for (what, items) in [
                ("missing messages", &l.missing),
                ("obsolete messages", &l.obsolete),
                ("missing attributes", &l.missing_attributes),
                ("obsolete attributes", &l.obsolete_attributes),
                ("missing plural categories", &l.missing_plural_categories),
                ("variables English does not provide", &l.unknown_variables),
            ] {
                if !items.is_empty() {
                    out.push_str(&format!("    {what}: {}\n", items.join("; ")));
                }
            }
        }
        if !self.glossary.is_empty() {
            out.push_str("\nGlossary terms not used:\n");
            for g in &self.glossary {
                let should = if g.term == g.expected {
                    "should stay as it is".to_string()
                } else {
                    format!("should be \"{}\"", g.expected)
                };
                out.push_str(&format!(
                    "  {}:{}: {} ({} {}): \"{}\" {should}\n",
                    g.file, g.line, g.unit, g.digest, g.language, g.term
                ));
            }
        }
        if !self.problems.is_empty() {
            out.push_str(&format!(
                "\n{} error(s) in the input files; run `heptaglot check` for details.\n",
                self.problems.len()
            ));
        }
        out
    }
}

fn review_items(translations: &Translations) -> Vec<ReviewItem> {
    let mut items = Vec::new();
    for (slug, digest) in &translations.digests {
        for (&language, alignment) in &digest.alignments {
            for (i, unit) in digest.units.list.iter().enumerate() {
                let entry = alignment.matched.get(i).and_then(Option::as_ref);
                let kind = if entry.is_some_and(is_proposal) {
                    "proposed"
                } else if let UnitState::Outdated { .. } = alignment.state(i, &unit.hash) {
                    "outdated"
                } else {
                    continue;
                };
                items.push(ReviewItem {
                    digest: slug.clone(),
                    language: language.code().into(),
                    unit: unit.id.clone(),
                    kind,
                    file: (digest.paths.get(&language))
                        .map(|p| p.display().to_string())
                        .unwrap_or_default(),
                    line: entry.map_or(0, |e| e.position.line),
                });
            }
        }
    }
    items.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    items
}

fn glossary_misses(translations: &Translations) -> Vec<GlossaryMiss> {
    let mut misses = Vec::new();
    for (slug, digest) in &translations.digests {
        for (&language, alignment) in &digest.alignments {
            for (i, unit) in digest.units.list.iter().enumerate() {
                let text = match alignment.state(i, &unit.hash) {
                    UnitState::Translated(t) | UnitState::Outdated { text: t, .. } => t,
                    UnitState::Missing => continue,
                };
                for (term, expected) in
                    translations
                        .glossary
                        .misses(&unit.source, digest.source, &text, language)
                {
                    misses.push(GlossaryMiss {
                        digest: slug.clone(),
                        language: language.code().into(),
                        unit: unit.id.clone(),
                        term,
                        expected,
                        file: (digest.paths.get(&language))
                            .map(|p| p.display().to_string())
                            .unwrap_or_default(),
                        line: (alignment.matched.get(i).and_then(Option::as_ref))
                            .map_or(0, |e| e.position.line),
                    });
                }
            }
        }
    }
    misses
}
