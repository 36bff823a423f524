//! Incremental builds: what the last build was made from, kept inside the output it made,
//! so that the next build renders only the digests whose inputs changed.
//!
//! # The cache
//!
//! `.heptaglot-cache` (JSON) sits in the output folder, so it always describes the tree it
//! is in. It holds:
//!
//! - `global`: a hash of everything every page depends on: the binary itself, the
//!   configuration (and `--base-url`, `--format`), every file under `templates/`, every
//!   `.ftl` file and the glossary. When it differs, the build is a full one.
//! - `digests`: per slug, the hash of the digest's inputs (its notes file and its
//!   translation files in every language, since the language bar shows each one's
//!   coverage) together with those of its previous and next calls in the series (their
//!   titles are on the page), and the files its pages were written to.
//! - `files`: per output file, the hash of its contents, its size and modification time.
//!
//! # What an incremental build does
//!
//! It loads and checks every input as a full build does, reads the cache, and lists the
//! output folder. A digest whose key is unchanged and whose files are on disk exactly as
//! recorded (size and modification time) is not rendered again; every other digest is.
//! The pages that list digests (root, indexes, series pages, feeds, sitemap, search) are
//! always rendered, and written only when their bytes changed. Files no longer produced,
//! and files nobody wrote (added by hand), are removed; files changed or deleted by hand are
//! rewritten. The result is byte-identical to a full build (`tests/incremental.rs`).
//!
//! # Atomicity
//!
//! A full build writes a new tree and exchanges it with the old one in one step. An
//! incremental build cannot exchange a 140,000-file tree in a few milliseconds, so it
//! replaces each changed file in place, atomically (written beside it, then renamed over
//! it): every file is always whole, but for a moment a page and an index listing it can be
//! from two generations. It writes `.heptaglot-journal` before its first change and removes
//! it after the new cache is in place; a build that finds a journal (the previous one was
//! killed) does a full build.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write as _;
use std::path::Path;
use std::sync::Mutex;
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use super::Site;
use super::output::{MARKER, OutputFile};
use super::pages::neighbour_slugs;
use super::pages::{self, Counts};
use crate::config::Formats;
use crate::hash::hash64;
use crate::lang::Language;
use crate::render::Templates;

/// The cache file, in the output folder.
pub const CACHE: &str = ".heptaglot-cache";

/// Present while an incremental build changes the output folder.
pub const JOURNAL: &str = ".heptaglot-journal";

/// Bumped when the cache's meaning changes, so that an old cache is never trusted.
const FORMAT: u32 = 1;

/// Where an output file stood after it was written: its contents' hash, size and
/// modification time (seconds and nanoseconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRecord(u64, u64, i64, u32);

impl FileRecord {
    fn of(contents: &[u8], meta: &std::fs::Metadata) -> Self {
        let (size, secs, nanos) = stat(meta);
        Self(hash64(contents), size, secs, nanos)
    }

    /// Whether the file on disk (`meta`) is still the one written.
    fn on_disk(&self, meta: Option<&(u64, i64, u32)>) -> bool {
        meta == Some(&(self.1, self.2, self.3))
    }
}

fn stat(meta: &std::fs::Metadata) -> (u64, i64, u32) {
    let (secs, nanos) = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or((0, 0), |d| (d.as_secs() as i64, d.subsec_nanos()));
    (meta.len(), secs, nanos)
}

/// One digest as the last build rendered it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct CachedDigest {
    key: u64,
    files: Vec<String>,
}

/// What the last build was made from and what it wrote (see the module docs).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Cache {
    format: u32,
    global: u64,
    digests: BTreeMap<String, CachedDigest>,
    files: BTreeMap<String, FileRecord>,
}

/// The keys of a build's inputs.
pub struct Keys {
    global: u64,
    digests: HashMap<String, u64>,
}

/// Hashes a list of parts, each length-prefixed so that no two lists collide by
/// concatenation.
fn hash_parts<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> u64 {
    let mut buffer = Vec::new();
    for part in parts {
        buffer.extend_from_slice(&(part.len() as u64).to_le_bytes());
        buffer.extend_from_slice(part);
    }
    hash64(&buffer)
}

/// The hash of a file's contents, or of its absence.
fn file_hash(path: &Path) -> u64 {
    match std::fs::read(path) {
        Ok(bytes) => hash_parts([b"file".as_slice(), &bytes]),
        Err(_) => hash_parts([b"none".as_slice()]),
    }
}

/// Every file under `dir`, sorted, with its contents' hash.
fn tree_hash(dir: &Path, keep: impl Fn(&Path) -> bool) -> u64 {
    let mut parts: Vec<Vec<u8>> = Vec::new();
    for entry in walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && keep(e.path()))
    {
        let name = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        parts.push(name.to_string_lossy().as_bytes().to_vec());
        parts.push(file_hash(entry.path()).to_le_bytes().to_vec());
    }
    hash_parts(parts.iter().map(Vec::as_slice))
}

/// What identifies the running binary: a new heptaglot may render differently.
fn binary_hash() -> u64 {
    // Size and modification time, not contents: reading a 100 MB debug binary on every
    // build would cost more than the build. A rebuilt or reinstalled binary has a new time.
    let stamp = std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|meta| {
            let (size, seconds, nanos) = stat(&meta);
            format!("{size}:{seconds}:{nanos}")
        })
        .unwrap_or_default();
    hash_parts([env!("CARGO_PKG_VERSION").as_bytes(), stamp.as_bytes()])
}

impl Keys {
    /// The keys of `site`'s inputs, built with `formats`.
    pub fn of(site: &Site, formats: Formats) -> Self {
        let root = &site.layout.root;
        let locales = root.join(&site.layout.locales);
        let options = format!("{formats:?} {:?}", site.config.base_url);
        let global = hash_parts([
            env!("CARGO_PKG_VERSION").as_bytes(),
            &binary_hash().to_le_bytes(),
            options.as_bytes(),
            &file_hash(&root.join(crate::config::FILE_NAME)).to_le_bytes(),
            &tree_hash(&root.join(&site.layout.templates), |_| true).to_le_bytes(),
            &tree_hash(&locales, |p| p.extension().is_some_and(|e| e == "ftl")).to_le_bytes(),
            &file_hash(&locales.join(crate::translate::glossary::FILE_NAME)).to_le_bytes(),
        ]);
        let inputs: HashMap<&str, u64> = site
            .digests
            .iter()
            .map(|digest| {
                let mut parts = vec![file_hash(&root.join(&digest.source))];
                for lang in Language::ALL {
                    let path =
                        crate::translate::file::path_for(&site.layout.locales, lang, &digest.slug);
                    parts.push(file_hash(&root.join(path)));
                }
                let bytes: Vec<u8> = parts.iter().flat_map(|h| h.to_le_bytes()).collect();
                (digest.slug.as_str(), hash64(&bytes))
            })
            .collect();
        let neighbours = neighbour_slugs(&site.digests);
        let digests = site
            .digests
            .iter()
            .map(|digest| {
                let slug = digest.slug.as_str();
                let (older, newer) = neighbours.get(slug).copied().unwrap_or((None, None));
                let mut bytes = Vec::new();
                for part in [Some(slug), older, newer] {
                    let name = part.unwrap_or("");
                    let input = part.and_then(|s| inputs.get(s)).copied().unwrap_or(0);
                    bytes.extend_from_slice(&hash_parts([name.as_bytes()]).to_le_bytes());
                    bytes.extend_from_slice(&input.to_le_bytes());
                }
                bytes.extend_from_slice(&global.to_le_bytes());
                (digest.slug.clone(), hash64(&bytes))
            })
            .collect();
        Self { global, digests }
    }
}

/// Reads the cache of the output folder `out`; `None` (so a full build) when there is none,
/// it cannot be read, it is from another format or inputs that everything depends on, or
/// the last incremental build did not finish.
pub fn read(out: &Path, keys: &Keys) -> Option<Cache> {
    if out.join(JOURNAL).exists() || !out.join(MARKER).is_file() {
        return None;
    }
    let text = std::fs::read(out.join(CACHE)).ok()?;
    let cache: Cache = serde_json::from_slice(&text).ok()?;
    (cache.format == FORMAT && cache.global == keys.global).then_some(cache)
}

/// Records the files a build writes, from any thread.
pub struct Recorder {
    files: Mutex<BTreeMap<String, FileRecord>>,
}

impl Recorder {
    /// An empty record.
    pub fn new() -> Self {
        Self {
            files: Mutex::new(BTreeMap::new()),
        }
    }

    /// Notes that `path` now holds `contents` (as `meta` describes it).
    pub fn record(&self, path: &str, contents: &[u8], meta: &std::fs::Metadata) {
        if let Ok(mut files) = self.files.lock() {
            files.insert(path.to_string(), FileRecord::of(contents, meta));
        }
    }

    /// The cache describing a full build that wrote the recorded files.
    pub fn into_cache(self, site: &Site, keys: &Keys) -> Cache {
        let files = self.files.into_inner().unwrap_or_default();
        let mut cache = Cache {
            format: FORMAT,
            global: keys.global,
            digests: BTreeMap::new(),
            files,
        };
        cache.assign_digests(site, keys);
        cache
    }
}

impl Default for Recorder {
    fn default() -> Self {
        Self::new()
    }
}

/// The output files of a digest's pages, in every language and format.
fn digest_files(site: &Site, slug: &str) -> Vec<String> {
    site.config
        .languages
        .iter()
        .flat_map(|lang| {
            let code = lang.code();
            [
                format!("{code}/{slug}/index.html"),
                format!("{code}/{slug}.md"),
                format!("{code}/{slug}.wiki"),
            ]
        })
        .collect()
}

impl Cache {
    /// Sets each digest's key and the files of its pages among the recorded ones.
    fn assign_digests(&mut self, site: &Site, keys: &Keys) {
        self.digests = site
            .digests
            .iter()
            .map(|digest| {
                let files = digest_files(site, &digest.slug)
                    .into_iter()
                    .filter(|f| self.files.contains_key(f))
                    .collect();
                let key = keys.digests.get(&digest.slug).copied().unwrap_or(0);
                (digest.slug.clone(), CachedDigest { key, files })
            })
            .collect();
    }

    /// The cache as the bytes of its file.
    pub fn to_bytes(&self) -> Vec<u8> {
        // A map of strings and numbers always serializes.
        serde_json::to_vec(self).unwrap_or_default()
    }

    /// Writes the cache into the folder `dir` (atomically when it replaces one).
    pub fn save(&self, dir: &Path) -> std::io::Result<()> {
        replace(dir, CACHE, &self.to_bytes()).map(|_| ())
    }
}

/// Writes `contents` to `dir/path` by writing a file beside it and renaming it over the
/// old one, so the file is never seen half-written. Returns the new file's metadata.
pub fn replace(dir: &Path, path: &str, contents: &[u8]) -> std::io::Result<std::fs::Metadata> {
    let target = dir.join(path);
    let parent = target
        .parent()
        .map_or_else(|| dir.to_path_buf(), Path::to_path_buf);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = parent.join(format!(".{name}.heptaglot-tmp"));
    let mut file = match std::fs::File::create(&temp) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(&parent)?;
            std::fs::File::create(&temp)?
        }
        other => other?,
    };
    file.write_all(contents)?;
    let meta = file.metadata()?;
    drop(file);
    std::fs::rename(&temp, &target)?;
    Ok(meta)
}

/// Every file under `out` (relative `/`-separated path, size and modification time).
fn scan(out: &Path) -> HashMap<String, (u64, i64, u32)> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(out).ok()?;
            let rel = rel.to_string_lossy().replace('\\', "/");
            let meta = e.metadata().ok()?;
            Some((rel, stat(&meta)))
        })
        .collect()
}

/// What an incremental build changed.
#[derive(Debug, Clone, Copy, Default)]
pub struct Changes {
    /// Files and HTML pages the site has.
    pub counts: Counts,
    /// Files written.
    pub written: usize,
    /// Files removed.
    pub removed: usize,
}

/// Brings the output folder `out`, described by `cache`, up to date with `site`: renders
/// the digests whose key changed or whose files were touched, every list page, and writes
/// only what differs (see the module docs).
pub fn update(
    site: &Site,
    templates: &Templates,
    formats: Formats,
    out: &Path,
    mut cache: Cache,
    keys: &Keys,
) -> Result<Changes, String> {
    let on_disk = scan(out);
    let fresh: HashSet<&str> = site
        .digests
        .iter()
        .filter(|digest| {
            cache.digests.get(&digest.slug).is_some_and(|cached| {
                keys.digests.get(&digest.slug) == Some(&cached.key)
                    && cached.files.iter().all(|f| {
                        cache
                            .files
                            .get(f)
                            .is_some_and(|r| r.on_disk(on_disk.get(f)))
                    })
            })
        })
        .map(|digest| digest.slug.as_str())
        .collect();
    // Files already replaced stay (each is whole); the journal stays too, so the next
    // build is a full one.
    let failed = |e: std::io::Error| {
        let parent = out.parent().unwrap_or(out);
        let reason = super::output::explain(&e, out, parent).unwrap_or_else(|| e.to_string());
        format!(
            "could not write the site to {}: {reason}; pages already replaced are whole, and the next build rebuilds the whole site",
            out.display()
        )
    };
    let journal_written = std::sync::OnceLock::new();
    let start_journal = || -> Result<(), String> {
        journal_written
            .get_or_init(|| {
                std::fs::write(
                    out.join(JOURNAL),
                    "An incremental build is changing this folder; if this file stays, the next build is a full one.\n",
                )
                .map_err(&failed)
            })
            .clone()
    };
    let produced = Mutex::new(HashSet::new());
    let written = std::sync::atomic::AtomicUsize::new(0);
    let recorder = Recorder::new();
    // The first failed write, which stops the render and is reported as it is.
    let write_error = std::sync::OnceLock::new();
    let sink = |file: OutputFile| -> Result<(), String> {
        let bytes = file.contents.as_bytes();
        let unchanged = cache
            .files
            .get(&file.path)
            .is_some_and(|r| r.0 == hash64(bytes) && r.on_disk(on_disk.get(&file.path)));
        if !unchanged {
            let meta = start_journal()
                .and_then(|()| replace(out, &file.path, bytes).map_err(failed))
                .map_err(|e| write_error.get_or_init(|| e).clone())?;
            recorder.record(&file.path, bytes, &meta);
            written.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        if let Ok(mut produced) = produced.lock() {
            produced.insert(file.path);
        }
        Ok(())
    };
    let rendered = pages::render_except(site, templates, formats, &sink, &|slug| {
        fresh.contains(slug)
    });
    if let Err(message) = rendered {
        return Err(match write_error.into_inner() {
            Some(write_error) => write_error,
            None => format!("rendering failed: {message}"),
        });
    }
    let mut produced = produced.into_inner().unwrap_or_default();
    // The pages of fresh digests stay as they are.
    for slug in &fresh {
        if let Some(cached) = cache.digests.get(*slug) {
            produced.extend(cached.files.iter().cloned());
        }
    }
    let mut removed = 0;
    let mut gone: Vec<&String> = on_disk
        .keys()
        .filter(|path| {
            !produced.contains(*path) && *path != MARKER && *path != CACHE && *path != JOURNAL
        })
        .collect();
    gone.sort();
    for path in gone {
        start_journal()?;
        let full = out.join(path);
        std::fs::remove_file(&full).map_err(failed)?;
        removed += 1;
        // Folders left empty (a deleted digest's) go too; a non-empty one stays.
        let mut dir = full.parent();
        while let Some(d) = dir {
            if d == out || std::fs::remove_dir(d).is_err() {
                break;
            }
            dir = d.parent();
        }
    }
    let written = written.into_inner();
    let counts = Counts {
        files: produced.len(),
        pages: produced.iter().filter(|p| p.ends_with(".html")).count(),
    };
    // Saved even when no file changed: a digest's key may have changed without its pages.
    cache.files.retain(|path, _| produced.contains(path));
    cache
        .files
        .extend(recorder.files.into_inner().unwrap_or_default());
    cache.assign_digests(site, keys);
    cache.save(out).map_err(failed)?;
    if journal_written.get().is_some() {
        std::fs::remove_file(out.join(JOURNAL)).map_err(failed)?;
    }
    Ok(Changes {
        counts,
        written,
        removed,
    })
}
