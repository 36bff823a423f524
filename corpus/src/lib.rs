//! A synthetic archive for benchmarks: N realistic digests with their translations, as a
//! complete heptaglot site (and, optionally, the same corpus as a Hugo site).
//!
//! A workspace member of its own, not part of the product: heptaglot never calls it; it
//! uses heptaglot (the notes loader, the translation units and file writer, the localizer)
//! so that what it writes is what heptaglot reads. Run it as `cargo run --release -p corpus
//! -- --digests N --seed S --out DIR [--hugo DIR]`; `benches/scale.sh` and the tests that
//! need a large archive do.
//!
//! Everything is derived from one seed through a small PRNG kept here (SplitMix64), so the
//! same seed gives a byte-identical corpus on every machine and release, with no random
//! crate whose algorithm could change under us. Each digest draws from its own stream
//! (seed and index), so digest 17 is the same whatever N is.
//!
//! Digests are shaped like the real ones (Clinic #006, an interview, a conference program
//! and breakouts): metadata, 4–8 topics, points by speakers with sub-points and replies
//! nested up to three deep, questions and answers, links, editor's notes, about 12 KB of
//! text each. The notes are written as YAML text, then read back through the notes loader,
//! so an invalid digest is a generator bug reported at once; translation files are made
//! from the loaded notes' units and written by [`heptaglot::translate::file::write`], the writer
//! `heptaglot translate` uses.

pub mod cli;
pub mod hugo;
mod notes;
mod words;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use heptaglot::lang::Language;
use heptaglot::notes::{Digest, load_str};
use heptaglot::translate::file::{self, TranslationFile};
use heptaglot::translate::units::Unit;
use heptaglot::translate::{self, DigestTranslations};
use notes::{digest_text, plan};
use words::Vocabulary;

/// The file that marks a folder as made by the generator, so that it may be replaced.
pub const MARKER: &str = ".heptaglot-corpus";

/// The public address written into the generated `heptaglot.toml`.
pub const BASE_URL: &str = "https://digests.example.org/";

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    /// How many digests.
    pub digests: usize,
    /// The seed: the same seed gives the same corpus.
    pub seed: u64,
    /// The folder to write the heptaglot site into.
    pub out: PathBuf,
    /// A folder to write the same corpus into as a Hugo site.
    pub hugo: Option<PathBuf>,
    /// Where to copy the Fluent bundles and glossary from (a project's `locales/`).
    pub locales_from: PathBuf,
    /// Where to copy the templates from (a project's `templates/`).
    pub templates_from: PathBuf,
}

/// What was generated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Digests written.
    pub digests: usize,
    /// Bytes of notes (the YAML files).
    pub notes_bytes: u64,
    /// Translation files written.
    pub translation_files: usize,
    /// Bytes of translation files.
    pub translation_bytes: u64,
    /// Translation files by completeness: complete, partial, with outdated units.
    pub complete: usize,
    /// Files with some units translated.
    pub partial: usize,
    /// Files with outdated units.
    pub outdated: usize,
    /// Digest × language pairs with no file at all (source languages not counted).
    pub missing: usize,
    /// Files written for Hugo (0 without `--hugo`).
    pub hugo_files: usize,
}

/// A generation failure: what went wrong and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusError(pub String);

impl std::fmt::Display for CorpusError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CorpusError {}

fn io_error(path: &Path, what: &str, error: std::io::Error) -> CorpusError {
    CorpusError(format!("cannot {what} {}: {error}", path.display()))
}

/// SplitMix64 (Steele, Lea and Flood 2014): tiny, fast, and fixed forever, which is all a
/// reproducible corpus needs.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// An independent stream for item `index` of this one (a digest, a language).
    pub fn fork(&self, index: u64) -> Self {
        let mut mixer = Self(self.0 ^ index.wrapping_mul(0xA24B_AED4_963E_E407));
        Self(mixer.next_u64())
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A number from `low` to `high`, both included.
    pub fn range(&mut self, low: usize, high: usize) -> usize {
        low + (self.next_u64() % (high - low + 1) as u64) as usize
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// One of `items` (which must not be empty).
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.range(0, items.len() - 1)]
    }
}

/// How complete a translation file is drawn to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Completeness {
    Complete,
    Partial,
    Outdated,
    Missing,
}

/// A translation of `unit` into `language`: text in that language, about as long as the
/// source, keeping its Markdown list items and link targets.
fn translate_unit(rng: &mut Rng, vocabulary: &Vocabulary, unit: &Unit) -> String {
    if unit.kind == "heading" || !unit.source.contains(' ') {
        let words = unit.source.split_whitespace().count().clamp(1, 6);
        return vocabulary.phrase(rng, words);
    }
    let mut out = Vec::new();
    for line in unit.source.split('\n') {
        if line.trim().is_empty() {
            out.push(String::new());
            continue;
        }
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        let (prefix, rest) = if let Some(rest) = trimmed.strip_prefix("- ") {
            ("- ", rest)
        } else {
            ("", trimmed)
        };
        let mut text = vocabulary.text_of_length(rng, rest.chars().count());
        // Keep the link targets, as a translator does.
        if let Some(start) = rest.find("](")
            && let Some(end) = rest[start..].find(')')
        {
            let label = vocabulary.phrase(rng, 2);
            let _ = write!(text, " [{label}]{}", &rest[start + 1..start + end + 1]);
        }
        out.push(format!("{indent}{prefix}{text}"));
    }
    out.join("\n")
}

/// The translation files of one digest, made from its units: one per language other than
/// the source, at a completeness drawn for each language (some complete, some partial,
/// some with outdated units, some missing).
fn translations(seed: u64, index: usize, digest: &Digest) -> (Vec<TranslationFile>, Vec<Language>) {
    // The files `heptaglot translate` would create, then filled in as translators would.
    let untranslated = DigestTranslations::new(digest, BTreeMap::new());
    let base = Rng::new(seed).fork(index as u64).fork(2);
    let mut files = Vec::new();
    let mut missing = Vec::new();
    for (n, language) in Language::ALL.into_iter().enumerate() {
        if language == untranslated.source {
            continue;
        }
        let mut rng = base.fork(n as u64);
        let completeness = match rng.range(0, 99) {
            0..45 => Completeness::Complete,
            45..70 => Completeness::Partial,
            70..82 => Completeness::Outdated,
            _ => Completeness::Missing,
        };
        if completeness == Completeness::Missing {
            missing.push(language);
            continue;
        }
        let vocabulary = Vocabulary::of(language);
        let share = rng.range(20, 90) as f64 / 100.0;
        let (mut file, _) = translate::update(digest, &untranslated, language);
        for (entry, unit) in file.units.iter_mut().zip(&untranslated.units.list) {
            if completeness != Completeness::Partial || rng.chance(share) {
                entry.translation = Some(translate_unit(&mut rng, &vocabulary, unit));
            }
            // What `heptaglot translate` writes after the note-taker edited a text: the
            // old source kept, the translation marked outdated.
            if completeness == Completeness::Outdated && rng.chance(0.15) {
                entry.outdated = true;
                entry.previous_source = Some(format!("{} (draft)", unit.source));
            }
        }
        files.push(file);
    }
    (files, missing)
}

/// Makes a folder for the generator: creates it, or empties one it made before. A folder
/// with other content is refused, so a typo in `--out` cannot delete anyone's work.
fn prepare(dir: &Path) -> Result<(), CorpusError> {
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(|e| io_error(dir, "read", e))?;
        if entries.next().is_some() {
            if !dir.join(MARKER).is_file() {
                return Err(CorpusError(format!(
                    "{} is not empty and was not made by `heptaglot corpus`; choose an empty or new folder",
                    dir.display()
                )));
            }
            std::fs::remove_dir_all(dir).map_err(|e| io_error(dir, "empty", e))?;
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| io_error(dir, "create", e))?;
    std::fs::write(
        dir.join(MARKER),
        "made by `heptaglot corpus`; it replaces this folder when run again\n",
    )
    .map_err(|e| io_error(dir, "write into", e))
}

fn write_file(path: &Path, text: &str) -> Result<(), CorpusError> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| io_error(parent, "create", e))?;
    }
    std::fs::write(path, text).map_err(|e| io_error(path, "write", e))
}

/// Copies the files of `from` into `to`: `.ftl` bundles and the glossary for locales
/// (`only_locales`), everything for templates. Content translations of the project's own
/// digests are not copied: they belong to other digests.
fn copy_tree(from: &Path, to: &Path, only_locales: bool) -> Result<usize, CorpusError> {
    let mut copied = 0;
    let mut stack = vec![from.to_path_buf()];
    let mut paths = Vec::new();
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| io_error(&dir, "read", e))?;
        for entry in entries {
            let entry = entry.map_err(|e| io_error(&dir, "read", e))?;
            let path = entry.path();
            if path.is_dir() {
                if !(only_locales && path.file_name().is_some_and(|n| n == "digests")) {
                    stack.push(path);
                }
            } else {
                paths.push(path);
            }
        }
    }
    paths.sort();
    for path in paths {
        let relative = path.strip_prefix(from).unwrap_or(&path);
        let keep = !only_locales
            || path.extension().is_some_and(|e| e == "ftl")
            || relative == Path::new("glossary.yaml");
        if keep {
            let target = to.join(relative);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent).map_err(|e| io_error(parent, "create", e))?;
            }
            std::fs::copy(&path, &target).map_err(|e| io_error(&path, "copy", e))?;
            copied += 1;
        }
    }
    if copied == 0 {
        return Err(CorpusError(format!(
            "found nothing to copy in {}; point --locales-from and --templates-from at a heptaglot project's locales/ and templates/",
            from.display()
        )));
    }
    Ok(copied)
}

/// One generated digest: its notes as loaded back, and its translation files.
pub struct Generated {
    /// The digest as the notes loader read it.
    pub digest: Digest,
    /// Its translation files, by language.
    pub translations: BTreeMap<Language, TranslationFile>,
    /// The languages (other than the source) it has no translation file for.
    pub missing: Vec<Language>,
}

/// Generates digest `index` of the corpus of `seed` (of `count` digests) with its
/// translations, without writing anything: the notes text and what it loads as.
pub fn generate_one(
    seed: u64,
    count: usize,
    index: usize,
) -> Result<(String, Generated), CorpusError> {
    let (series, number) = plan(count)[index];
    generate_planned(seed, index, series, number)
}

fn generate_planned(
    seed: u64,
    index: usize,
    series: usize,
    number: usize,
) -> Result<(String, Generated), CorpusError> {
    let (slug, text) = digest_text(seed, index, series, number);
    let shown = PathBuf::from("digests").join(format!("{slug}.yaml"));
    let digest = load_str(&text, &shown, &slug).map_err(|problems| {
        let first = problems
            .first()
            .map(|p| format!("{}: {}", p.file.display(), p.message))
            .unwrap_or_default();
        CorpusError(format!(
            "the generator wrote notes that do not load (a bug in heptaglot corpus): {first}"
        ))
    })?;
    let (files, missing) = translations(seed, index, &digest);
    let translations = files.into_iter().map(|f| (f.language, f)).collect();
    Ok((
        text,
        Generated {
            digest,
            translations,
            missing,
        },
    ))
}

/// Writes the corpus described by `options`.
pub fn generate(options: &Options) -> Result<Summary, CorpusError> {
    prepare(&options.out)?;
    copy_tree(&options.locales_from, &options.out.join("locales"), true)?;
    copy_tree(
        &options.templates_from,
        &options.out.join("templates"),
        false,
    )?;
    write_file(
        &options.out.join("heptaglot.toml"),
        &format!(
            "# Generated by `heptaglot corpus --digests {} --seed {}`.\n\
             title = \"Synthetic archive ({} digests)\"\nbase_url = \"{BASE_URL}\"\n",
            options.digests, options.seed, options.digests
        ),
    )?;
    let mut summary = Summary::default();
    let mut hugo = match &options.hugo {
        Some(dir) => {
            prepare(dir)?;
            Some(hugo::Site::start(dir, &options.locales_from)?)
        }
        None => None,
    };
    for (index, (series, number)) in plan(options.digests).into_iter().enumerate() {
        let (text, generated) = generate_planned(options.seed, index, series, number)?;
        let slug = &generated.digest.slug;
        write_file(
            &options.out.join("digests").join(format!("{slug}.yaml")),
            &text,
        )?;
        summary.digests += 1;
        summary.notes_bytes += text.len() as u64;
        summary.missing += generated.missing.len();
        for file in generated.translations.values() {
            let translated = file.units.iter().filter(|e| e.text().is_some()).count();
            if file.units.iter().any(|e| e.outdated) {
                summary.outdated += 1;
            } else if translated == file.units.len() {
                summary.complete += 1;
            } else {
                summary.partial += 1;
            }
            let written = file::write(file);
            let path = file::path_for(&options.out.join("locales"), file.language, slug);
            write_file(&path, &written)?;
            summary.translation_files += 1;
            summary.translation_bytes += written.len() as u64;
        }
        if let Some(site) = &mut hugo {
            site.add(&generated)?;
        }
    }
    if let Some(site) = hugo {
        summary.hugo_files = site.finish()?;
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_digest_loads_and_is_about_twelve_kilobytes() {
        let mut sizes = Vec::new();
        for index in 0..30 {
            let (text, generated) = generate_one(7, 30, index).unwrap();
            assert!(generated.digest.notes.topics.len() >= 4);
            sizes.push(text.len());
        }
        let mean = sizes.iter().sum::<usize>() / sizes.len();
        assert!((9_000..20_000).contains(&mean), "mean {mean}");
    }

    #[test]
    fn same_seed_same_digest_other_seed_other_digest() {
        let a = generate_one(1, 10, 3).unwrap().0;
        assert_eq!(a, generate_one(1, 10, 3).unwrap().0);
        assert_ne!(a, generate_one(2, 10, 3).unwrap().0);
    }
}
