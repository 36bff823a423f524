//! Translating the content: what people said, into the other languages.
//!
//! The flow: [`units::extract`] finds a digest's translatable texts with stable ids;
//! [`file`] reads and writes translators' files (`locales/<lang>/digests/<slug>.yaml`);
//! [`align::align`] matches a file to the current units, so that an edited source marks
//! exactly its own translation outdated; [`Translations::page`] resolves each text for a
//! page along the fallback chain; [`update`] is what `heptaglot translate` writes.

pub mod align;
pub mod file;
pub mod glossary;
pub mod status;
pub mod units;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use align::{Alignment, Coverage, UnitState};
pub use file::{Entry, TranslationFile};
pub use glossary::Glossary;
pub use units::{Unit, Units};

use crate::config::OutdatedPolicy;
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
        }
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
            Some(alignment) => alignment.coverage(&self.units),
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

    /// The state of `unit` (at `index`) in `language`.
    fn state(&self, language: Language, index: usize) -> UnitState {
        match self.alignments.get(&language) {
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
    for lang in Language::ALL {
        let shown = file::path_for(locales, lang, &digest.slug);
        // A file that cannot be read is an error, never skipped: `translate` does not
        // overwrite files with errors, so the translator's words stay where they are.
        let bytes = match crate::diag::read_file(&root.join(&shown), &shown, file::MAX_FILE_BYTES) {
            Ok(Some(bytes)) => bytes,
            Ok(None) => continue,
            Err(problem) => {
                problems.push(*problem);
                continue;
            }
        };
        seen(&shown, &bytes);
        let text = match crate::diag::utf8_text(bytes, &shown) {
            Ok(text) => text,
            Err(problem) => {
                problems.push(*problem);
                continue;
            }
        };
        match file::parse(&text, &shown, (lang, &digest.slug)) {
            Ok(f) => {
                files.insert(lang, f);
            }
            Err(file_problems) => problems.extend(file_problems),
        }
    }
    (DigestTranslations::new(digest, files), problems)
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
            let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            if extension != "yaml"
                && matches!(extension.to_ascii_lowercase().as_str(), "yaml" | "yml")
            {
                let shown = folder.join(name);
                let usual = format!("{stem}.yaml");
                let problem = if names.iter().any(|other| *other == *usual) {
                    Problem::error(
                        &shown,
                        format!(
                            "{} and {} are both translations of {stem:?} into {}; only {usual} is read",
                            shown.display(),
                            folder.join(&usual).display(),
                            lang.code()
                        ),
                    )
                    .hint(format!("move what is translated only here into {usual}, then delete this file"))
                } else {
                    Problem::error(
                        &shown,
                        "translation files end in `.yaml`: this one is not read",
                    )
                    .hint(format!("rename it to {usual}; until then `heptaglot translate` would start a new {usual} beside it"))
                };
                problems.push(problem);
                continue;
            }
            if path.extension().is_some_and(|e| e == "yaml")
                && !crate::notes::check::is_safe_slug(stem)
            {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                problems.push(
                    Problem::warning(folder.join(&name), format!("`{name}` is not named after a digest, so it is not used"))
                        .hint("a translation file is named <slug>.yaml after its digest's slug (lowercase letters, digits and hyphens); `heptaglot translate` creates it"),
                );
                continue;
            }
            if path.extension().is_some_and(|e| e == "yaml") && !exists(stem) {
                problems.push(
                    Problem::warning(folder.join(format!("{stem}.yaml")), format!("there is no digest {stem:?} for this translation"))
                        .hint("rename the file after a digest's slug (see digests/), or delete it if the digest was removed"),
                );
            }
        }
    }
    problems
}

/// What [`update`] changed in a file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UpdateSummary {
    /// Units added.
    pub added: usize,
    /// Units whose source changed (now marked outdated, when translated).
    pub outdated: usize,
    /// Units moved to `obsolete`.
    pub obsoleted: usize,
    /// Units kept as they were.
    pub kept: usize,
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
    let existing = translations.files.get(&language);
    let alignment = align::align(&translations.units, existing);
    let mut summary = UpdateSummary::default();
    let mut units = Vec::new();
    for (unit, matched) in translations.units.list.iter().zip(&alignment.matched) {
        let entry = match matched {
            None => {
                summary.added += 1;
                Entry {
                    id: unit.id.clone(),
                    place: Some(unit.place.clone()),
                    hash: unit.hash.clone(),
                    source: unit.source.clone(),
                    ..Entry::default()
                }
            }
            Some(old) => {
                let changed = old.hash != unit.hash;
                let translated = old.text().is_some();
                if changed && translated {
                    summary.outdated += 1;
                } else {
                    summary.kept += 1;
                }
                Entry {
                    id: unit.id.clone(),
                    place: Some(unit.place.clone()),
                    hash: unit.hash.clone(),
                    source: unit.source.clone(),
                    translation: old.translation.clone(),
                    previous_source: match (&old.previous_source, changed && translated) {
                        (Some(p), _) => Some(p.clone()),
                        (None, true) => Some(old.source.clone()),
                        (None, false) => None,
                    },
                    outdated: old.outdated || (changed && translated),
                    note: old.note.clone(),
                    position: old.position,
                }
            }
        };
        units.push(entry);
    }
    let live_ids: Vec<&str> = existing
        .map(|f| f.units.iter().map(|e| e.id.as_str()).collect())
        .unwrap_or_default();
    let mut obsolete: Vec<Entry> = alignment
        .obsolete
        .into_iter()
        .filter(|e| e.text().is_some())
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
    };
    (file, summary)
}

/// The outcome of bringing one translation file up to date.
#[derive(Debug, Clone)]
pub struct Synced {
    /// The file, relative to the site root.
    pub path: PathBuf,
    /// The digest.
    pub slug: String,
    /// The language.
    pub language: Language,
    /// What changed.
    pub summary: UpdateSummary,
    /// Whether the file was written (false when it was already up to date).
    pub written: bool,
}

/// Brings the translation files of `digests` into `languages` up to date with the notes
/// and writes those that changed. A file that does not parse is never overwritten: its
/// problems are in `translations`' load problems and it is skipped here.
pub fn sync(
    root: &Path,
    locales: &Path,
    digests: &[&Digest],
    languages: &[Language],
    translations: &Translations,
    broken: &[PathBuf],
) -> Result<Vec<Synced>, Box<Problem>> {
    let mut done = Vec::new();
    for digest in digests {
        let Some(dt) = translations.digests.get(&digest.slug) else {
            continue;
        };
        for &language in languages {
            if language == dt.source {
                continue;
            }
            let path = file::path_for(locales, language, &digest.slug);
            if broken.contains(&path) {
                continue;
            }
            let (updated, summary) = update(digest, dt, language);
            let text = file::write(&updated);
            let full = root.join(&path);
            let current = std::fs::read_to_string(&full).ok();
            let written = current.as_deref() != Some(text.as_str());
            if written {
                write_atomically(&full, &text).map_err(|e| {
                    Box::new(
                        Problem::error(&path, format!("cannot write the translation file: {e}"))
                            .hint("check that the folder is writable"),
                    )
                })?;
            }
            done.push(Synced {
                path,
                slug: digest.slug.clone(),
                language,
                summary,
                written,
            });
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
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = path.with_file_name(format!(".{name}.heptaglot-{}", std::process::id()));
    std::fs::write(&temp, text)?;
    std::fs::rename(&temp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&temp);
    })
}
