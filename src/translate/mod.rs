//! Translating the content: what people said, into the other languages.
//!
//! The flow: [`units::extract`] finds a digest's translatable texts with stable ids;
//! [`file`] finds, reads and writes translators' files
//! (`locales/<lang>/digests/<slug>.yaml`, or `.po` through [`po`]: the format is the
//! file's, so building and serving read either); [`align::align`] matches a file to the
//! current units, so that an edited source marks exactly its own translation outdated;
//! [`Translations::page`] resolves each text for a page along the fallback chain;
//! [`update`] is what `heptaglot translate` writes, with [`memory`]'s proposals.

pub mod align;
pub mod file;
pub mod glossary;
pub mod memory;
pub mod po;
mod save;
pub mod status;
pub mod units;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use align::{Alignment, Coverage, UnitState};
pub use file::{Entry, TranslationFile};
pub use glossary::Glossary;
pub use units::{Unit, Units};

use crate::config::{OutdatedPolicy, TranslationFormat};
use crate::diag::Problem;
use crate::lang::Language;
use crate::notes::Digest;

/// A digest's units and their translations into every language that has a file.
#[derive(Debug, Clone)]
pub struct DigestTranslations {
    /// The language the notes are written in.
    pub source: Language,
    /// The units.
    pub units: Units,
    /// The translation files, by language.
    pub files: BTreeMap<Language, TranslationFile>,
    /// Each file matched to the units, by language.
    pub alignments: BTreeMap<Language, Alignment>,
    /// Where each file is, relative to the site root, by language (empty for files that
    /// were not read from disk).
    pub paths: BTreeMap<Language, PathBuf>,
    /// Each file as it was read, by language: `translate` replaces a file only if it is
    /// still that (a translator may have saved it since).
    pub(crate) read: BTreeMap<Language, save::Fingerprint>,
}

/// What the translation memory did for one digest in one language.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct MemoryCounts {
    /// Units whose translation the memory proposed and nobody has reviewed yet: not
    /// published (counted neither as translated nor as outdated).
    pub proposed: usize,
    /// Units whose translation came from the memory: proposed ones, reviewed ones and
    /// exact matches the site trusts.
    pub filled: usize,
}

/// Whether `entry` is a memory proposal awaiting review.
pub fn is_proposal(entry: &Entry) -> bool {
    entry.memory.is_some() && entry.outdated && entry.text().is_some()
}

impl DigestTranslations {
    /// Matches `files` to the units of `digest`.
    pub fn new(digest: &Digest, files: BTreeMap<Language, TranslationFile>) -> Self {
        let units = units::extract(&digest.notes);
        let source = digest.notes.written_in.parse().unwrap_or(Language::En);
        let alignments = files
            .iter()
            .map(|(&lang, file)| (lang, align::align(&units, Some(file))))
            .collect();
        Self {
            source,
            units,
            files,
            alignments,
            paths: BTreeMap::new(),
            read: BTreeMap::new(),
        }
    }

    /// What the memory did in `language`.
    pub fn memory(&self, language: Language) -> MemoryCounts {
        let mut counts = MemoryCounts::default();
        let Some(alignment) = self.alignments.get(&language) else {
            return counts;
        };
        for entry in alignment.matched.iter().flatten() {
            if entry.memory.is_some() && entry.text().is_some() {
                counts.filled += 1;
                counts.proposed += usize::from(is_proposal(entry));
            }
        }
        counts
    }

    /// The counts for `language` (the source language is complete by definition).
    pub fn coverage(&self, language: Language) -> Coverage {
        if language == self.source {
            return Coverage {
                units: self.units.len(),
                translated: self.units.len(),
                percent: 100,
                ..Coverage::default()
            };
        }
        // Borrowed, not cloned: the language bar asks for every language of every page.
        match self.alignments.get(&language) {
            Some(alignment) => {
                // The aligner counts a memory proposal as outdated; it is not published.
                let mut coverage = alignment.coverage(&self.units);
                coverage.outdated -= self.memory(language).proposed;
                coverage
            }
            None => align::align(&self.units, None).coverage(&self.units),
        }
    }

    /// The texts of `digest` (whose translations these are) for a page in `language`,
    /// through the fallback chain and outdated policy `config` sets.
    pub fn texts(
        &self,
        digest: &Digest,
        language: Language,
        config: &crate::config::Config,
    ) -> PageTexts<'_> {
        let source = digest.notes.written_in.parse().unwrap_or(Language::En);
        PageTexts {
            digest: Some(self),
            language,
            chain: config.fallback_chain(language, source),
            policy: config.outdated,
        }
    }

    /// The state of `unit` (at `index`) in `language`; a memory proposal awaiting review
    /// is missing.
    fn state(&self, language: Language, index: usize) -> UnitState {
        match self.alignments.get(&language) {
            Some(a)
                if a.matched
                    .get(index)
                    .and_then(Option::as_ref)
                    .is_some_and(is_proposal) =>
            {
                UnitState::Missing
            }
            Some(a) => a.state(index, &self.units.list[index].hash),
            None => UnitState::Missing,
        }
    }
}

/// How a text on a page came to be in the language it is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Provenance {
    /// The note-taker's own text, on a page in the notes' language.
    Original,
    /// A current translation.
    Translated,
    /// A translation of an earlier version of the source.
    Outdated,
    /// Not translated into the page's language: shown in another language.
    Fallback,
}

/// A text resolved for a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// The text (Markdown).
    pub text: String,
    /// The language it is in.
    pub language: Language,
    /// How it got there.
    pub provenance: Provenance,
}

/// Every digest's translations.
#[derive(Debug, Clone, Default)]
pub struct Translations {
    /// By digest slug.
    pub digests: BTreeMap<String, DigestTranslations>,
    /// The glossary.
    pub glossary: Glossary,
}

/// The texts of one digest for a page in one language.
pub struct PageTexts<'a> {
    digest: Option<&'a DigestTranslations>,
    language: Language,
    chain: Vec<Language>,
    policy: OutdatedPolicy,
}

impl PageTexts<'_> {
    /// The text at `path` in the notes (`topics.0.points.2.text`), whose source is `source`.
    pub fn get(&self, path: &str, source: &str) -> Resolved {
        let original = |language| Resolved {
            text: source.to_string(),
            language,
            provenance: Provenance::Original,
        };
        let Some(digest) = self.digest else {
            return original(self.language);
        };
        let Some(index) = digest.units.index_of(path) else {
            // Not a unit (an empty text): nothing to translate.
            return original(digest.source);
        };
        if self.language == digest.source {
            return original(digest.source);
        }
        match digest.state(self.language, index) {
            UnitState::Translated(text) => {
                return Resolved {
                    text,
                    language: self.language,
                    provenance: Provenance::Translated,
                };
            }
            UnitState::Outdated { text, .. } if self.policy == OutdatedPolicy::Mark => {
                return Resolved {
                    text,
                    language: self.language,
                    provenance: Provenance::Outdated,
                };
            }
            _ => {}
        }
        for &language in &self.chain {
            if language == digest.source {
                break;
            }
            if let UnitState::Translated(text) = digest.state(language, index) {
                return Resolved {
                    text,
                    language,
                    provenance: Provenance::Fallback,
                };
            }
        }
        Resolved {
            text: source.to_string(),
            language: digest.source,
            provenance: Provenance::Fallback,
        }
    }

    /// The page's language.
    pub fn language(&self) -> Language {
        self.language
    }
}

impl Translations {
    /// The texts of `digest` for a page in `language`, through the fallback chain and
    /// outdated policy `config` sets.
    pub fn for_digest(
        &self,
        digest: &crate::notes::Digest,
        language: Language,
        config: &crate::config::Config,
    ) -> PageTexts<'_> {
        let source = digest.notes.written_in.parse().unwrap_or(Language::En);
        self.page(
            &digest.slug,
            language,
            config.fallback_chain(language, source),
            config.outdated,
        )
    }

    /// The texts of digest `slug` for a page in `language`, falling back along `chain`.
    pub fn page(
        &self,
        slug: &str,
        language: Language,
        chain: Vec<Language>,
        policy: OutdatedPolicy,
    ) -> PageTexts<'_> {
        PageTexts {
            digest: self.digests.get(slug),
            language,
            chain,
            policy,
        }
    }

    /// The counts of digest `slug` in `language`.
    pub fn coverage(&self, slug: &str, language: Language) -> Coverage {
        self.digests
            .get(slug)
            .map(|d| d.coverage(language))
            .unwrap_or_default()
    }
}

/// Reads every translation file for `digests`, and the glossary. Files for digests that do
/// not exist are reported, not lost.
pub fn load(root: &Path, locales: &Path, digests: &[Digest]) -> (Translations, Vec<Problem>) {
    let (glossary, mut problems) = Glossary::load(root, locales);
    let mut translations = Translations {
        digests: BTreeMap::new(),
        glossary,
    };
    for (digest, (loaded, digest_problems)) in digests.iter().zip(load_all(root, locales, digests))
    {
        problems.extend(digest_problems);
        translations.digests.insert(digest.slug.clone(), loaded);
    }
    problems.extend(orphan_files(root, locales, &|slug| {
        digests.iter().any(|d| d.slug == slug)
    }));
    (translations, problems)
}

/// [`load_digest`] for every digest, in digest order, on every core: reading, parsing and
/// aligning the files is most of the time a build spends loading.
fn load_all(
    root: &Path,
    locales: &Path,
    digests: &[Digest],
) -> Vec<(DigestTranslations, Vec<Problem>)> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .clamp(1, digests.len().max(1));
    // Each thread takes the next digest, so a few large ones do not leave the others idle.
    let next = AtomicUsize::new(0);
    let mut loaded: Vec<(usize, (DigestTranslations, Vec<Problem>))> =
        std::thread::scope(|scope| {
            let workers: Vec<_> = (0..threads)
                .map(|_| {
                    scope.spawn(|| {
                        let mut done = Vec::new();
                        loop {
                            let at = next.fetch_add(1, Ordering::Relaxed);
                            let Some(digest) = digests.get(at) else {
                                break done;
                            };
                            done.push((at, load_digest(root, locales, digest)));
                        }
                    })
                })
                .collect();
            workers
                .into_iter()
                .flat_map(|worker| {
                    worker
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
                .collect()
        });
    loaded.sort_by_key(|(at, _)| *at);
    loaded.into_iter().map(|(_, item)| item).collect()
}

/// Reads the translation files of `digest` in every language and matches them to its units.
pub fn load_digest(
    root: &Path,
    locales: &Path,
    digest: &Digest,
) -> (DigestTranslations, Vec<Problem>) {
    load_digest_seeing(root, locales, digest, &|_, _| {})
}

/// [`load_digest`], showing `seen` each file's path (as shown) and bytes as they are read:
/// a full build hashes them there rather than reading every file once more.
pub fn load_digest_seeing(
    root: &Path,
    locales: &Path,
    digest: &Digest,
    seen: &dyn Fn(&Path, &[u8]),
) -> (DigestTranslations, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut files = BTreeMap::new();
    let mut paths = BTreeMap::new();
    let mut read = BTreeMap::new();
    for lang in Language::ALL {
        match read_one(root, locales, lang, &digest.slug, seen) {
            Ok(Some(ReadFile {
                shown,
                file: f,
                fingerprint,
            })) => {
                if let Some(fingerprint) = fingerprint {
                    read.insert(lang, fingerprint);
                }
                if file::format_of(&shown) == Some(TranslationFormat::Po) {
                    problems.extend(previous_without_fuzzy(&f, &shown));
                }
                files.insert(lang, f);
                paths.insert(lang, shown);
            }
            Ok(None) => {}
            Err(file_problems) => problems.extend(file_problems),
        }
    }
    let mut loaded = DigestTranslations::new(digest, files);
    loaded.paths = paths;
    loaded.read = read;
    (loaded, problems)
}

/// The errors of the translation files of the digest `slug` that cannot be read (found
/// twice, unreadable, not UTF-8, or not valid YAML or PO): what [`load_digest`] would
/// report as errors, without the digest's notes. A build checks these before it writes.
pub fn unreadable(root: &Path, locales: &Path, slug: &str) -> Vec<Problem> {
    (Language::ALL.into_iter())
        .filter_map(|lang| read_one(root, locales, lang, slug, &|_, _| {}).err())
        .flatten()
        .collect()
}

/// A translation file as [`read_one`] read it.
struct ReadFile {
    /// Its path, as shown in messages.
    shown: PathBuf,
    file: TranslationFile,
    /// What `translate` compares before replacing it (none if its metadata was unreadable).
    fingerprint: Option<save::Fingerprint>,
}

/// The translation file of `slug` into `lang`, read and parsed (`seen` gets its bytes),
/// with the fingerprint `translate` compares before replacing it: none when there is no file, its problems when it cannot be read. A file that cannot be
/// read is an error, never skipped: `translate` does not overwrite files with errors, so
/// the translator's words stay where they are.
fn read_one(
    root: &Path,
    locales: &Path,
    lang: Language,
    slug: &str,
    seen: &dyn Fn(&Path, &[u8]),
) -> Result<Option<ReadFile>, Vec<Problem>> {
    let Some(shown) = file::find(root, locales, lang, slug).map_err(|p| vec![*p])? else {
        return Ok(None);
    };
    // Taken before reading: a save between the two makes the fingerprint match nothing.
    let metadata = std::fs::metadata(root.join(&shown)).ok();
    let read = crate::diag::read_file(&root.join(&shown), &shown, file::MAX_FILE_BYTES);
    let Some(bytes) = read.map_err(|p| vec![*p])? else {
        return Ok(None);
    };
    seen(&shown, &bytes);
    let fingerprint = metadata.map(|m| save::Fingerprint::of(&m, &bytes));
    let text = crate::diag::utf8_text(bytes, &shown).map_err(|p| vec![*p])?;
    let parsed = parse_any(&text, &shown, (lang, slug))?;
    Ok(Some(ReadFile {
        shown,
        file: parsed,
        fingerprint,
    }))
}

/// A warning for each PO entry with a previous source (`#| msgid`) but no fuzzy flag: a
/// tool cleared the flag and left the lines, or a hand edit did; the entry counts as
/// translated.
fn previous_without_fuzzy(file: &TranslationFile, shown: &Path) -> Vec<Problem> {
    (file.units.iter())
        .filter(|e| e.previous_source.is_some() && !e.outdated)
        .map(|e| {
            Problem::warning(
                shown,
                format!("unit {:?} keeps a previous source (#| msgid) but is not fuzzy", e.id),
            )
            .at(e.position)
            .hint("the entry counts as translated; once it is reviewed, remove its #| lines (or mark it fuzzy if it still needs review)")
        })
        .collect()
}

/// Translation files whose digest does not exist (`exists` tells whether a slug is a
/// digest's).
pub fn orphan_files(root: &Path, locales: &Path, exists: &dyn Fn(&str) -> bool) -> Vec<Problem> {
    let mut problems = Vec::new();
    for lang in Language::ALL {
        let folder = locales.join(lang.code()).join("digests");
        let Ok(entries) = std::fs::read_dir(root.join(&folder)) else {
            continue;
        };
        // Sorted by name, not by path: at 10,000 digests a folder holds 10,000 files, and
        // comparing paths component by component costs more than reading the folder.
        let mut names: Vec<std::ffi::OsString> = entries
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .collect();
        names.sort_unstable();
        for name in &names {
            let path = Path::new(name);
            let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
                continue;
            };
            if file::slug_of(path).is_none() {
                continue;
            }
            if !crate::notes::check::is_safe_slug(stem) {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                problems.push(
                    Problem::warning(folder.join(&name), format!("`{name}` is not named after a digest, so it is not used"))
                        .hint("a translation file is named <slug>.yaml or <slug>.po after its digest's slug (lowercase letters, digits and hyphens); `heptaglot translate` creates it"),
                );
                continue;
            }
            if !exists(stem) {
                problems.push(
                    Problem::warning(folder.join(name), format!("there is no digest {stem:?} for this translation"))
                        .hint("rename the file after a digest's slug (see digests/), or delete it if the digest was removed"),
                );
            }
        }
    }
    problems
}

/// What [`update`] changed in a file, and what the file holds afterwards.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UpdateSummary {
    /// Units added.
    pub added: usize,
    /// Translated units whose source changed in this update (now marked outdated).
    pub changed: usize,
    /// Units moved to `obsolete`.
    pub obsoleted: usize,
    /// Units the translation memory filled in this update.
    pub remembered: usize,
    /// Units translated from their current source, in the file as written.
    pub translated: usize,
    /// Units whose translation waits for review because their source changed.
    pub outdated: usize,
    /// Units whose translation the memory proposed, waiting for review.
    pub proposed: usize,
    /// Units without a translation.
    pub empty: usize,
}

/// What [`update`] may add to a file beside the notes' changes.
#[derive(Debug, Clone, Copy, Default)]
pub struct Suggestions<'a> {
    /// The translation memory of the file's language.
    pub memory: Option<&'a memory::Memory>,
    /// Whether exact memory matches count as translated without review.
    pub trust_exact: bool,
}

/// The translation file of `digest` in `language` brought up to date with its notes:
/// new units added with their source, changed ones updated and marked outdated, vanished
/// ones moved to `obsolete`; every translation kept. Running it on its own output changes
/// nothing.
pub fn update(
    digest: &Digest,
    translations: &DigestTranslations,
    language: Language,
) -> (TranslationFile, UpdateSummary) {
    update_with(digest, translations, language, Suggestions::default())
}

/// [`update`], filling units that have no translation from `suggestions`' memory.
pub fn update_with(
    digest: &Digest,
    translations: &DigestTranslations,
    language: Language,
    suggestions: Suggestions<'_>,
) -> (TranslationFile, UpdateSummary) {
    let existing = translations.files.get(&language);
    let alignment = align::align(&translations.units, existing);
    let mut summary = UpdateSummary::default();
    let mut units = Vec::new();
    for (unit, matched) in translations.units.list.iter().zip(&alignment.matched) {
        let fresh = || Entry {
            id: unit.id.clone(),
            place: Some(unit.place.clone()),
            hash: unit.hash.clone(),
            source: unit.source.clone(),
            ..Entry::default()
        };
        let mut entry = match matched {
            None => {
                summary.added += 1;
                fresh()
            }
            // A proposal made for an earlier source is proposed again for this one.
            Some(old) if is_proposal(old) && old.hash != unit.hash => Entry {
                note: old.note.clone(),
                ..fresh()
            },
            Some(old) => {
                let changed = old.hash != unit.hash;
                let translated = old.text().is_some();
                let newly_outdated = changed && translated;
                summary.changed += usize::from(newly_outdated);
                Entry {
                    id: unit.id.clone(),
                    place: Some(unit.place.clone()),
                    hash: unit.hash.clone(),
                    source: unit.source.clone(),
                    translation: old.translation.clone(),
                    previous_source: match (&old.previous_source, newly_outdated) {
                        // A reviewed memory translation now outdated: its own old source.
                        (Some(_), true) if old.memory.is_some() => Some(old.source.clone()),
                        (Some(p), _) => Some(p.clone()),
                        (None, true) => Some(old.source.clone()),
                        (None, false) => None,
                    },
                    outdated: old.outdated || newly_outdated,
                    note: old.note.clone(),
                    // Once outdated by an edit, a reviewed translation is no proposal.
                    memory: old.memory.clone().filter(|_| !newly_outdated),
                    position: old.position,
                }
            }
        };
        if entry.text().is_none()
            && let Some(proposal) = suggestions
                .memory
                .and_then(|m| m.propose(&unit.source, &unit.hash))
        {
            summary.remembered += 1;
            entry.outdated = !(proposal.exact && suggestions.trust_exact);
            entry.translation = Some(proposal.translation);
            entry.previous_source = Some(proposal.source);
            entry.memory = Some(proposal.origin);
        }
        match entry.text() {
            None => summary.empty += 1,
            Some(_) if is_proposal(&entry) => summary.proposed += 1,
            Some(_) if entry.outdated => summary.outdated += 1,
            Some(_) => summary.translated += 1,
        }
        units.push(entry);
    }
    let live_ids: Vec<&str> = existing
        .map(|f| f.units.iter().map(|e| e.id.as_str()).collect())
        .unwrap_or_default();
    let mut obsolete: Vec<Entry> = alignment
        .obsolete
        .into_iter()
        .filter(|e| e.text().is_some() && !is_proposal(e))
        .collect();
    summary.obsoleted = obsolete
        .iter()
        .filter(|e| live_ids.contains(&e.id.as_str()))
        .count();
    // Keep obsolete ids unique: a unit removed twice keeps its latest translation.
    let mut seen = std::collections::HashSet::new();
    obsolete.retain(|e| seen.insert(e.id.clone()));
    let title = digest
        .notes
        .title
        .clone()
        .unwrap_or_else(|| match &digest.notes.number {
            Some(n) => format!("{} #{n}", digest.notes.series),
            None => digest.notes.series.clone(),
        });
    let file = TranslationFile {
        digest: digest.slug.clone(),
        language,
        source_language: translations.source,
        title,
        units,
        obsolete,
        header: existing.map(|f| f.header.clone()).unwrap_or_default(),
    };
    (file, summary)
}

/// What happened to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// It did not exist and was written.
    Created,
    /// It existed and was rewritten.
    Updated,
    /// It existed in the other format and was rewritten in this one (the old file removed).
    Converted,
    /// It was already as it should be.
    Unchanged,
}

impl Outcome {
    /// The word `translate` prints.
    pub fn word(self) -> &'static str {
        match self {
            Self::Created => "created",
            Self::Updated => "updated",
            Self::Converted => "converted",
            Self::Unchanged => "unchanged",
        }
    }
}

/// The outcome of bringing one translation file (or a digest's POT template) up to date.
#[derive(Debug, Clone)]
pub struct Synced {
    /// The file, relative to the site root.
    pub path: PathBuf,
    /// The digest.
    pub slug: String,
    /// The language (the notes' own for a template).
    pub language: Language,
    /// What changed.
    pub summary: UpdateSummary,
    /// Whether the file was written (false when it was already up to date).
    pub written: bool,
    /// What happened to it.
    pub outcome: Outcome,
    /// The file it replaced, when it was converted.
    pub replaced: Option<PathBuf>,
    /// Whether it is a digest's POT template rather than a translation.
    pub template: bool,
}

/// How [`sync_with`] writes.
#[derive(Debug, Clone, Copy, Default)]
pub struct SyncOptions {
    /// The format files are written in; a file in the other one is converted.
    pub format: TranslationFormat,
    /// Whether exact memory matches count as translated without review.
    pub trust_exact: bool,
}

impl SyncOptions {
    /// The options `heptaglot.toml` sets.
    pub fn of(config: &crate::config::Config) -> Self {
        Self {
            format: config.translation.format,
            trust_exact: config.translation.trust_exact_matches,
        }
    }
}

/// Brings the translation files of `digests` into `languages` up to date with the notes
/// and writes those that changed, as YAML. A file that does not parse is never
/// overwritten: its problems are in `translations`' load problems and it is skipped here.
pub fn sync(
    root: &Path,
    locales: &Path,
    digests: &[&Digest],
    languages: &[Language],
    translations: &Translations,
    broken: &[PathBuf],
) -> Result<Vec<Synced>, Box<Problem>> {
    sync_with(
        root,
        locales,
        digests,
        languages,
        translations,
        broken,
        SyncOptions::default(),
    )
}

/// Where the POT template of digest `slug`, written in `source`, lives: in the folder of
/// its language, where no translation of it is, as Pontoon looks for sources beside the
/// translations.
pub fn template_path(locales: &Path, source: Language, slug: &str) -> PathBuf {
    file::path_for(locales, source, slug).with_extension("pot")
}

/// [`sync`] in the format and with the memory policy of `options`: every empty unit gets
/// the memory's proposal, and with PO each digest gets its POT template.
pub fn sync_with(
    root: &Path,
    locales: &Path,
    digests: &[&Digest],
    languages: &[Language],
    translations: &Translations,
    broken: &[PathBuf],
    options: SyncOptions,
) -> Result<Vec<Synced>, Box<Problem>> {
    let memories: BTreeMap<Language, memory::Memory> = languages
        .iter()
        .map(|&l| (l, memory::Memory::of(translations, l)))
        .collect();
    let mut done = Vec::new();
    for digest in digests {
        let Some(dt) = translations.digests.get(&digest.slug) else {
            continue;
        };
        for &language in languages {
            if language == dt.source {
                continue;
            }
            // Two files for one language, or one that did not parse: left as they are.
            let Ok(existing) = file::find(root, locales, language, &digest.slug) else {
                continue;
            };
            if existing.as_ref().is_some_and(|p| broken.contains(p)) {
                continue;
            }
            let suggestions = Suggestions {
                memory: memories.get(&language),
                trust_exact: options.trust_exact,
            };
            let (updated, summary) = update_with(digest, dt, language, suggestions);
            let path = match &existing {
                Some(p) if file::format_of(p) == Some(options.format) => p.clone(),
                _ => file::path_as(locales, language, &digest.slug, options.format),
            };
            let text = write_as(&updated, options.format);
            let read = Replacing::Translation(dt.read.get(&language));
            let (outcome, replaced) =
                write_if_changed(root, &path, &text, existing.as_ref(), read)?;
            done.push(Synced {
                path,
                slug: digest.slug.clone(),
                language,
                summary,
                written: outcome != Outcome::Unchanged,
                outcome,
                replaced,
                template: false,
            });
        }
        if options.format == TranslationFormat::Po {
            done.push(write_template(root, locales, digest, dt)?);
        }
    }
    Ok(done)
}

/// Writes the POT template of `digest`.
fn write_template(
    root: &Path,
    locales: &Path,
    digest: &Digest,
    dt: &DigestTranslations,
) -> Result<Synced, Box<Problem>> {
    let (blank, _) = update(
        digest,
        &DigestTranslations::new(digest, BTreeMap::new()),
        dt.source,
    );
    let path = template_path(locales, dt.source, &digest.slug);
    let existing = root.join(&path).is_file().then(|| path.clone());
    let text = po::template(&blank);
    let (outcome, _) =
        write_if_changed(root, &path, &text, existing.as_ref(), Replacing::Template)?;
    Ok(Synced {
        path,
        slug: digest.slug.clone(),
        language: dt.source,
        summary: UpdateSummary::default(),
        written: outcome != Outcome::Unchanged,
        outcome,
        replaced: None,
        template: true,
    })
}

/// What a write replaces.
#[derive(Clone, Copy)]
enum Replacing<'a> {
    /// A translator's file, as `translate` read it (`None`: there was none).
    Translation(Option<&'a save::Fingerprint>),
    /// A POT template, heptaglot's own.
    Template,
}

/// Writes `text` to `path` unless it holds it already; `existing` is the file it replaces
/// (the same path, or one in the other format, removed once `path` is written). A
/// translator's file is replaced (or removed) only if it is still as it was read; if it
/// changed since, nothing is written and the problem names it.
fn write_if_changed(
    root: &Path,
    path: &Path,
    text: &str,
    existing: Option<&PathBuf>,
    replacing: Replacing<'_>,
) -> Result<(Outcome, Option<PathBuf>), Box<Problem>> {
    let full = root.join(path);
    let cannot = |e: std::io::Error, what: &Path| {
        Box::new(
            Problem::error(what, format!("cannot write the translation file: {e}"))
                .hint("check that the folder is writable"),
        )
    };
    let changed = |what: &Path| {
        Box::new(
            Problem::error(
                what,
                "this file changed while `translate` ran (someone saved it after it was read), so it was not overwritten",
            )
            .hint("the version on disk is kept as it is; run `heptaglot translate` again to bring it up to date"),
        )
    };
    let write = |at: &Path, read: Option<&save::Fingerprint>| match replacing {
        Replacing::Template => write_atomically(&root.join(at), text).map_err(|e| cannot(e, at)),
        Replacing::Translation(_) => match save::replace_if_unchanged(&root.join(at), text, read) {
            Ok(()) => Ok(()),
            Err(save::NotSaved::Changed) => Err(changed(at)),
            Err(save::NotSaved::Io(e)) => Err(cannot(e, at)),
        },
    };
    let read = match replacing {
        Replacing::Translation(read) => read,
        Replacing::Template => None,
    };
    match existing {
        Some(old) if old == path => {
            if std::fs::read_to_string(&full).ok().as_deref() == Some(text) {
                return Ok((Outcome::Unchanged, None));
            }
            write(path, read)?;
            Ok((Outcome::Updated, None))
        }
        Some(old) => {
            // The file in the new format is new; the old one goes only if it is as read.
            write(path, None)?;
            if let Replacing::Translation(read) = replacing
                && !save::is_as_read(&root.join(old), read)
            {
                return Err(changed(old));
            }
            std::fs::remove_file(root.join(old)).map_err(|e| cannot(e, old))?;
            Ok((Outcome::Converted, Some(old.clone())))
        }
        None => {
            write(path, read)?;
            Ok((Outcome::Created, None))
        }
    }
}

/// Rewrites every existing translation file of `digests` in `format`, changing nothing in
/// it (no units added, none outdated): `translate --convert`. With PO, each digest's POT
/// template is written too. Files that did not parse are left as they are.
pub fn convert(
    root: &Path,
    locales: &Path,
    digests: &[&Digest],
    translations: &Translations,
    broken: &[PathBuf],
    format: TranslationFormat,
) -> Result<Vec<Synced>, Box<Problem>> {
    let mut done = Vec::new();
    for digest in digests {
        let Some(dt) = translations.digests.get(&digest.slug) else {
            continue;
        };
        for (&language, file) in &dt.files {
            let Some(existing) = dt.paths.get(&language) else {
                continue;
            };
            if broken.contains(existing) {
                continue;
            }
            let path = match file::format_of(existing) == Some(format) {
                true => existing.clone(),
                false => file::path_as(locales, language, &digest.slug, format),
            };
            let text = write_as(file, format);
            let read = Replacing::Translation(dt.read.get(&language));
            let (outcome, replaced) = write_if_changed(root, &path, &text, Some(existing), read)?;
            done.push(Synced {
                path,
                slug: digest.slug.clone(),
                language,
                summary: UpdateSummary::default(),
                written: outcome != Outcome::Unchanged,
                outcome,
                replaced,
                template: false,
            });
        }
        if format == TranslationFormat::Po {
            done.push(write_template(root, locales, digest, dt)?);
        }
    }
    Ok(done)
}

/// Writes `text` to `path` through a temporary file beside it, so that an interrupted
/// write never leaves a translator's file half-written.
fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let temp = save::temp_beside(path);
    std::fs::write(&temp, text)?;
    std::fs::rename(&temp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&temp);
    })
}
/// Reads a translation file (the one place that picks a reader, so that neither format's
/// module needs the other) in the format its name says (`shown`'s extension): PO for
/// `.po`, YAML otherwise.
fn parse_any(
    text: &str,
    shown: &Path,
    expected: (Language, &str),
) -> Result<TranslationFile, Vec<Problem>> {
    match file::format_of(shown) {
        Some(TranslationFormat::Po) => po::parse(text, shown, expected),
        _ => file::parse(text, shown, expected).map_err(|mut problems| {
            if looks_like_po(text)
                && let Some(first) = problems.first_mut()
            {
                first.hint = Some(format!(
                    "this looks like a gettext PO file: name it {}.po",
                    expected.1
                ));
            }
            problems
        }),
    }
}

/// Whether `text`, which did not read as YAML, is PO saved under a YAML name: its first
/// line that is neither blank nor a comment is a `msgid` or `msgctxt`.
fn looks_like_po(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .is_some_and(|l| l.starts_with("msgid ") || l.starts_with("msgctxt "))
}

/// The file as text in `format`.
fn write_as(file: &TranslationFile, format: TranslationFormat) -> String {
    match format {
        TranslationFormat::Yaml => file::write(file),
        TranslationFormat::Po => po::write(file),
    }
}
