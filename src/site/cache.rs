//! Incremental builds: what the last build was made from, kept beside the output it made,
//! so that the next build loads and renders only the digests whose inputs changed.
//!
//! # The cache
//!
//! The cache is a folder beside the output folder, `.<output name>.heptaglot-cache/`, so
//! that it is never published with the site (it is large: about a fifth of the site). The
//! output folder holds only `.heptaglot-cache`, a file naming the build that made the tree;
//! the cache's `index` names the same build, else it is not trusted (a killed build, a site
//! copied or restored by hand). Every build that changes the tree names it anew, so that a
//! serving session holding an older cache in memory does not take the tree for its own. `index` (postcard) holds:
//!
//! - `global`: a hash of everything every page depends on: the binary itself, the
//!   configuration (and `--base-url`, `--format`), every file under `templates/`, every
//!   `.ftl` file of a language folder (`locales/<lang>/*.ftl`, as the localizer reads them)
//!   and the glossary. When it differs, the build is a full one.
//! - `inputs`: every notes and translation file read, with its size, modification time and
//!   contents' hash. A file whose size and time are those recorded is not read again,
//!   unless its time is within [`RACY_SECONDS`] of the start of the build that recorded it
//!   (it may have changed again within the same clock tick: git's "racy" files).
//! - `digests`: per slug, its [`Head`], the hash of its inputs (notes and the translation
//!   files in every language, since the language bar shows each one's coverage), its
//!   neighbours in the series, its [`Titles`] (for its neighbours' previous/next links), the
//!   problems its files have.
//! - `files`: per output file, the hash of its contents, its size and modification time.
//!
//! `spill/lists/<lang>` holds what the lists of that language need of every digest
//! ([`super::pages::Listed`]), and `spill/search/<lang>` the search tokens of every digest
//! page, so that lists and the search index are rebuilt without loading, rendering or
//! tokenizing unchanged digests. A build writes them as it renders (so memory does not hold
//! them) and reads one language at a time. `spill/search/<lang>.state` is what updating
//! that language's published index in place needs ([`crate::search::IndexState`]): with
//! it, an edit rewrites the few index files holding the edited pages' terms and passages,
//! after reading only their old and new tokens.
//!
//! # What an incremental build does
//!
//! It reads the cache and looks at every input file's size and time (in a serving session
//! told what changed, at those files only: [`super::Session::inputs_changed`]). A digest
//! whose inputs are unchanged, whose neighbours are the same and whose pages are on disk
//! exactly as recorded (size and modification time) is neither loaded nor rendered: its
//! listing and search tokens come from the cache. The others are rendered, and then the
//! calls next to a changed one whose title or date changed (their previous/next links show
//! them). The pages that list digests
//! (root, indexes, series pages, feeds, sitemap) are rendered from the listings and
//! written only when their bytes changed. A search index is updated in place when a few of
//! its pages changed and its layout stays (the same pages, shards and passage-key bits),
//! else built again from every page's tokens. Files no longer produced are removed; a file
//! nobody wrote (added by hand) stops the build before anything is written
//! ([`super::out_folder::check_owned`]); files changed or deleted by hand are rewritten. The result
//! is byte-identical to a full build (`tests/incremental.rs`).
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

use std::collections::{BTreeMap, HashMap};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::Layout;
use super::output::MARKER;
use super::pages::{Head, Titles};
use crate::config::{Config, Formats};
use crate::diag::Problem;
use crate::hash::hash64;
use crate::lang::Language;

pub use super::out_folder::{CACHE, JOURNAL};

/// The cache's main file, in the cache folder.
const INDEX: &str = "index";

/// Bumped when the cache's meaning changes, so that an old cache is never trusted.
const FORMAT: u32 = 3;

/// Files modified this close (in seconds) to the start of the build that recorded them are
/// read again: they may have changed within the same tick of the file system's clock.
pub const RACY_SECONDS: i64 = 2;

/// Where an output file stood after it was written: its contents' hash, size and
/// modification time (seconds and nanoseconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRecord(u64, u64, i64, u32);

impl FileRecord {
    /// The record of a file holding `contents`, as `meta` describes it.
    pub fn of(contents: &[u8], meta: &std::fs::Metadata) -> Self {
        let (size, secs, nanos) = stat(meta);
        Self(hash64(contents), size, secs, nanos)
    }

    /// Whether the file on disk (`meta`) is still the one written.
    pub fn on_disk(&self, meta: Option<&(u64, i64, u32)>) -> bool {
        meta == Some(&self.stat())
    }

    /// The size and modification time recorded, as [`stat`] gives them.
    fn stat(&self) -> (u64, i64, u32) {
        (self.1, self.2, self.3)
    }

    /// Whether `contents` are what the file held.
    pub fn holds(&self, contents: &[u8]) -> bool {
        self.0 == hash64(contents)
    }
}

/// Size and modification time (seconds, nanoseconds) of a file.
pub fn stat(meta: &std::fs::Metadata) -> (u64, i64, u32) {
    let (secs, nanos) = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or((0, 0), |d| (d.as_secs() as i64, d.subsec_nanos()));
    (meta.len(), secs, nanos)
}

/// An input file's size, modification time (seconds, nanoseconds) and contents' hash.
pub type InputRecord = (u64, i64, u32, u64);

/// One digest as the last build saw it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CachedDigest {
    /// Its head.
    pub head: Head,
    /// The hash of its input files.
    pub key: u64,
    /// The slugs of the calls before and after it in its series.
    pub neighbours: (Option<String>, Option<String>),
    /// Its title and date in every language.
    pub titles: Titles,
    /// The problems in its notes and translation files (warnings: with an error in its
    /// notes nothing is built).
    pub problems: Vec<Problem>,
}

/// What the last build was made from and what it wrote (see the module docs).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Cache {
    format: u32,
    /// The build that made the output tree (as its [`CACHE`] file says).
    pub generation: u64,
    /// The hash of the inputs every page depends on.
    pub global: u64,
    /// When the build that wrote it started (seconds since the epoch).
    pub started: i64,
    /// Input files: size, modification time and contents' hash.
    pub inputs: HashMap<String, InputRecord>,
    /// Digests by slug.
    pub digests: HashMap<String, CachedDigest>,
    /// Their slugs and series, in the order the site lists them.
    pub order: Vec<(String, String)>,
    /// Output files.
    pub files: BTreeMap<String, FileRecord>,
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

/// The size and modification time of the input file at `full`; `None` when there is no
/// file there. A full build records these first and the hash of the bytes it renders from
/// ([`contents_hash`]) after.
pub fn input_metadata(full: &Path) -> Option<(u64, i64, u32)> {
    let meta = std::fs::metadata(full).ok().filter(|m| m.is_file())?;
    Some(stat(&meta))
}

/// The hash of a file's contents, or of its absence.
pub fn file_hash(path: &Path) -> u64 {
    match std::fs::read(path) {
        Ok(bytes) => contents_hash(Some(&bytes)),
        Err(_) => contents_hash(None),
    }
}

/// The hash of a file's contents (`None`: there is no such file).
pub fn contents_hash(bytes: Option<&[u8]>) -> u64 {
    match bytes {
        Some(bytes) => hash_parts([b"file".as_slice(), bytes]),
        None => hash_parts([b"none".as_slice()]),
    }
}

/// Every file under `dir`, sorted, with its contents' hash.
fn tree_hash(dir: &Path, depth: usize, keep: impl Fn(&Path) -> bool) -> u64 {
    let mut parts: Vec<Vec<u8>> = Vec::new();
    for entry in crate::walk::entries(dir, depth)
        .filter_map(Result::ok)
        .filter(|e| e.is_file() && keep(e.path()))
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

/// The hash of everything every page depends on (see the module docs): the options of the
/// build, and the files hashed by [`settings_key`] (`settings`).
pub fn global_key(settings: u64, config: &Config, formats: Formats) -> u64 {
    let options = format!("{formats:?} {:?}", config.base_url);
    hash_parts([
        env!("CARGO_PKG_VERSION").as_bytes(),
        &binary_hash().to_le_bytes(),
        options.as_bytes(),
        &settings.to_le_bytes(),
    ])
}

/// The hash of the files every page depends on: configuration, templates, Fluent files and
/// glossary.
pub fn settings_key(layout: &Layout) -> u64 {
    let root = &layout.root;
    let locales = root.join(&layout.locales);
    hash_parts([
        file_hash(&root.join(crate::config::FILE_NAME))
            .to_le_bytes()
            .as_slice(),
        &tree_hash(&root.join(&layout.templates), usize::MAX, |_| true).to_le_bytes(),
        // `<locales>/<lang>/*.ftl`, as the localizer reads them: not the 70,000 content
        // translations below them at 10,000 digests.
        &tree_hash(&locales, 2, |p| p.extension().is_some_and(|e| e == "ftl")).to_le_bytes(),
        &file_hash(&locales.join(crate::translate::glossary::FILE_NAME)).to_le_bytes(),
    ])
}

/// Seconds since the epoch now: a build's start, for [`RACY_SECONDS`].
pub fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

impl Cache {
    /// A cache for a build that started at `started`, over inputs whose global key is
    /// `global`.
    pub fn new(global: u64, started: i64) -> Self {
        Self {
            format: FORMAT,
            global,
            started,
            ..Self::default()
        }
    }

    /// The contents' hash of the input file at `path` (relative to the site root, as
    /// `full` on disk), from the cache when its size and time are as recorded and it was
    /// not modified just before the recording build, else by reading it. Returns the
    /// record for the next cache.
    pub fn input(&self, path: &str, full: &Path) -> InputRecord {
        let meta = std::fs::metadata(full).ok().filter(|m| m.is_file());
        let Some(meta) = meta else {
            // Absent (or not a file: the loader reports that).
            return (0, 0, 0, file_hash(full));
        };
        let (size, secs, nanos) = stat(&meta);
        if let Some(&(s, t, n, hash)) = self.inputs.get(path)
            && (s, t, n) == (size, secs, nanos)
            && secs + RACY_SECONDS < self.started
        {
            return (s, t, n, hash);
        }
        (size, secs, nanos, file_hash(full))
    }

    /// The record of input `path` when it is known not to have changed since this cache's
    /// build (a watcher reported nothing of it), without reading its metadata; `None` when
    /// it has no record, or its time is too close to that build's start to vouch for the
    /// hash (a write in the same second as the recording build's read leaves the same
    /// time).
    pub fn input_as_recorded(&self, path: &str) -> Option<InputRecord> {
        self.inputs
            .get(path)
            .filter(|r| r.1 + RACY_SECONDS < self.started)
            .copied()
    }

    /// The inputs whose record is too recent to vouch for their hash (see
    /// [`Cache::input_as_recorded`]).
    pub fn racy_inputs(&self) -> impl Iterator<Item = &String> {
        self.inputs
            .iter()
            .filter(|(_, r)| r.1 + RACY_SECONDS >= self.started)
            .map(|(name, _)| name)
    }

    /// Writes the cache's main file into the cache `folder`, atomically. It is written as
    /// it is encoded: at 10,000 digests it is 30 MB, which a build need not hold twice.
    pub fn save(&self, folder: &Path) -> std::io::Result<()> {
        let write = |file: &mut std::fs::File| {
            let mut file = std::io::BufWriter::new(file);
            postcard::to_io(self, &mut file).map_err(std::io::Error::other)?;
            file.flush()
        };
        replace_with(folder, INDEX, write).map(|_| ())
    }
}

/// The cache folder of the output folder `lock` holds: beside it, in the state folder
/// ([`super::out_folder::state_folder`]).
pub fn folder(lock: &super::lock::OutputLock) -> std::path::PathBuf {
    super::out_folder::state_folder(lock.out())
}

/// Creates the cache `folder` if needed, marked so that git and backup tools leave it out
/// (a `.gitignore` of `*`, as pytest does, and the standard `CACHEDIR.TAG`).
pub fn create_folder(folder: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(folder)?;
    for (name, contents) in [
        (
            ".gitignore",
            "# heptaglot's build cache, and its record of what it wrote in the output folder beside it.\n# Delete it only with that folder: without the record, a build will not replace the folder.\n*\n",
        ),
        (
            "CACHEDIR.TAG",
            "Signature: 8a477f597d28d172789f06886806bc55\n# heptaglot's build cache and output manifest; delete it with the output folder beside it.\n",
        ),
    ] {
        if !folder.join(name).exists() {
            std::fs::write(folder.join(name), contents)?;
        }
    }
    Ok(())
}

/// Forgets the cache in `folder`: until a new one is saved, every build is a full one.
pub fn forget(folder: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(folder.join(INDEX)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// A new build's name: unique enough that a tree and a cache from different builds never
/// match.
pub fn new_generation() -> u64 {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    hash_parts([
        nanos.to_le_bytes().as_slice(),
        &std::process::id().to_le_bytes(),
    ])
}

/// The contents of the [`CACHE`] file of a tree made by build `generation`.
pub fn generation_file(generation: u64) -> String {
    format!("heptaglot build {generation:016x}\n")
}

/// Reads the cache of the output folder `out`; `None` (so a full build) when there is none,
/// it cannot be read, it is from another format or inputs that everything depends on, or
/// the last incremental build did not finish.
pub fn read(out: &Path, folder: &Path, global: u64) -> Option<Cache> {
    if out.join(JOURNAL).exists() {
        return None;
    }
    let bytes = std::fs::read(folder.join(INDEX)).ok()?;
    trusted(out, postcard::from_bytes(&bytes).ok()?, global)
}

/// The files the cache in `folder` says the build that made the tree in `out` wrote, with
/// heptaglot's own: the proof of ownership of an output folder built before manifests were
/// kept ([`super::out_folder::MANIFEST`]). `None` without such a cache.
pub(super) fn legacy_owned(out: &Path, folder: &Path) -> Option<std::collections::HashSet<String>> {
    let bytes = std::fs::read(folder.join(INDEX)).ok()?;
    let cache: Cache = postcard::from_bytes(&bytes).ok()?;
    let made_by = std::fs::read_to_string(out.join(CACHE)).ok()?;
    (made_by == generation_file(cache.generation)).then(|| {
        (cache.files.into_keys())
            .chain(super::out_folder::OWN_FILES.map(String::from))
            .collect()
    })
}

/// `cache`, when it is the cache of the tree in `out` and of a build with the inputs
/// every page depends on hashing to `global` (see [`read`]).
pub fn trusted(out: &Path, cache: Cache, global: u64) -> Option<Cache> {
    if out.join(JOURNAL).exists() || !out.join(MARKER).is_file() {
        return None;
    }
    let made_by = std::fs::read_to_string(out.join(CACHE)).ok()?;
    (cache.format == FORMAT
        && cache.global == global
        && made_by == generation_file(cache.generation))
    .then_some(cache)
}

/// The folder of spill files (per kind and language), in the cache folder.
pub const SPILL: &str = "spill";

/// Appends one digest's record (`value`, for the digest `slug`) to a spill file.
pub fn write_record(
    file: &mut impl std::io::Write,
    slug: &str,
    value: &impl Serialize,
) -> std::io::Result<()> {
    let bytes = postcard::to_stdvec(&(slug, value)).map_err(std::io::Error::other)?;
    file.write_all(&(bytes.len() as u32).to_le_bytes())?;
    file.write_all(&bytes)
}

/// The records of a spill file, found by slug and read one at a time, so that memory never
/// holds the file (the search tokens of one language are hundreds of megabytes at 10,000
/// digests). A missing or damaged file has fewer records: their digests count as missing.
///
/// Where each record starts is kept beside the file (`<file>.idx`, see
/// [`SpillReader::save_index`]), so that opening a file reads only that: finding the records
/// by reading the whole file took most of an incremental build at 10,000 digests.
pub struct SpillReader {
    file: Option<std::fs::File>,
    /// Slug to the offset and length of its (last) record.
    records: HashMap<String, (u64, usize)>,
    /// The file's length when indexed.
    len: u64,
}

/// The index beside a spill file: the file's length when indexed, and each slug's record.
type SpillIndex = (u64, Vec<(String, u64, u32)>);

impl SpillReader {
    /// Opens the spill file at `path` (none: no records), from its index when that is of
    /// the file as it is, else by reading the file.
    pub fn open(path: &Path) -> Self {
        let Ok(file) = std::fs::File::open(path) else {
            return Self {
                file: None,
                records: HashMap::new(),
                len: 0,
            };
        };
        let len = file.metadata().map_or(0, |m| m.len());
        let indexed = std::fs::read(Self::index_path(path))
            .ok()
            .and_then(|bytes| postcard::from_bytes::<SpillIndex>(&bytes).ok())
            .filter(|(indexed_len, _)| *indexed_len == len);
        let records = match indexed {
            Some((_, records)) => records
                .into_iter()
                .map(|(slug, offset, len)| (slug, (offset, len as usize)))
                .collect(),
            None => Self::scan(&file),
        };
        Self {
            file: Some(file),
            records,
            len,
        }
    }

    /// Finds the records by reading the whole file.
    fn scan(file: &std::fs::File) -> HashMap<String, (u64, usize)> {
        use std::io::Read as _;
        let mut records = HashMap::new();
        let mut reader = std::io::BufReader::new(file);
        let mut offset = 0u64;
        let mut record = Vec::new();
        loop {
            let mut len = [0u8; 4];
            if reader.read_exact(&mut len).is_err() {
                break;
            }
            let len = u32::from_le_bytes(len) as usize;
            record.resize(len, 0);
            if reader.read_exact(&mut record).is_err() {
                break;
            }
            if let Ok((slug, _)) = postcard::take_from_bytes::<String>(&record) {
                records.insert(slug, (offset + 4, len));
            }
            offset += 4 + len as u64;
        }
        records
    }

    fn index_path(path: &Path) -> PathBuf {
        let mut name = path.as_os_str().to_owned();
        name.push(".idx");
        PathBuf::from(name)
    }

    /// The file's length when it was indexed.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Whether the file has no records.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// The bytes of the last record of each slug in the file, with their length prefixes.
    pub fn live(&self) -> u64 {
        self.records.values().map(|&(_, len)| 4 + len as u64).sum()
    }

    /// Makes this the reader of its file once `appended`'s bytes are appended to it: its
    /// records followed by those of `appended` (a digest's last record wins). Its index is
    /// not saved ([`SpillReader::save_index`]).
    pub fn append(&mut self, appended: &SpillReader) {
        for (slug, &(offset, len)) in &appended.records {
            // The same file, grown: what this reader opened is still it.
            self.records.insert(slug.clone(), (self.len + offset, len));
        }
        self.len += appended.len;
    }

    /// Another reader of the same file, with its own copy of the index.
    pub fn try_clone(&self) -> std::io::Result<SpillReader> {
        Ok(SpillReader {
            file: self
                .file
                .as_ref()
                .map(std::fs::File::try_clone)
                .transpose()?,
            records: self.records.clone(),
            len: self.len,
        })
    }

    /// Saves the index of the file at `path`, which this reader read, beside it.
    pub fn save_index(&self, path: &Path) -> std::io::Result<()> {
        write_index(path, self.len, &self.records)
    }

    /// The length of digest `slug`'s record, without reading it.
    pub fn length_of(&self, slug: &str) -> Option<usize> {
        self.records.get(slug).map(|&(_, len)| len)
    }

    /// The record of digest `slug`, read into `buffer`; none when the record there is not
    /// that digest's (an index that does not match its file).
    pub fn get<'b>(&self, slug: &str, buffer: &'b mut Vec<u8>) -> Option<&'b [u8]> {
        let &(offset, len) = self.records.get(slug)?;
        buffer.resize(len, 0);
        read_exact_at(self.file.as_ref()?, buffer, offset).ok()?;
        let (found, _) = postcard::take_from_bytes::<&str>(buffer).ok()?;
        (found == slug).then_some(buffer)
    }

    /// Removes the index beside the spill file at `path`, before the file is replaced.
    pub fn forget_index(path: &Path) -> std::io::Result<()> {
        match std::fs::remove_file(Self::index_path(path)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

/// Fills `buffer` from `file` at `offset`, without moving a cursor another reader shares.
#[cfg(unix)]
fn read_exact_at(file: &std::fs::File, buffer: &mut [u8], offset: u64) -> std::io::Result<()> {
    use std::os::unix::fs::FileExt as _;
    file.read_exact_at(buffer, offset)
}

/// Fills `buffer` from `file` at `offset` (Windows: `seek_read` moves the file's cursor,
/// which no reader of a spill file relies on).
#[cfg(windows)]
fn read_exact_at(file: &std::fs::File, buffer: &mut [u8], offset: u64) -> std::io::Result<()> {
    use std::os::windows::fs::FileExt as _;
    let mut done = 0;
    while done < buffer.len() {
        match file.seek_read(&mut buffer[done..], offset + done as u64)? {
            0 => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            n => done += n,
        }
    }
    Ok(())
}

/// Fills `buffer` from `file` at `offset`, elsewhere: seeks a clone of the handle (which
/// shares the cursor, so callers must not read the same file from two threads at once).
#[cfg(not(any(unix, windows)))]
fn read_exact_at(file: &std::fs::File, buffer: &mut [u8], offset: u64) -> std::io::Result<()> {
    use std::io::{Read as _, Seek as _};
    let mut file = file.try_clone()?;
    file.seek(std::io::SeekFrom::Start(offset))?;
    file.read_exact(buffer)
}

/// Writes the index of the spill file at `path`, `len` bytes long, holding `records`.
pub fn write_index(
    path: &Path,
    len: u64,
    records: &HashMap<String, (u64, usize)>,
) -> std::io::Result<()> {
    let mut entries: Vec<(String, u64, u32)> = records
        .iter()
        .map(|(slug, &(offset, len))| (slug.clone(), offset, len as u32))
        .collect();
    entries.sort_unstable_by_key(|e| e.1);
    let bytes = postcard::to_stdvec(&(len, entries)).map_err(std::io::Error::other)?;
    let target = SpillReader::index_path(path);
    let temp = target.with_extension("idx-new");
    std::fs::write(&temp, bytes)?;
    std::fs::rename(&temp, &target)
}

/// Writes `value` to the file at `path` in the cache's encoding, atomically.
pub fn save_value(path: &Path, value: &impl Serialize) -> std::io::Result<()> {
    let bytes = postcard::to_stdvec(value).map_err(std::io::Error::other)?;
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return Err(std::io::Error::other("not a file path"));
    };
    replace(dir, &name.to_string_lossy(), &bytes).map(|_| ())
}

/// Reads a value [`save_value`] wrote; `None` when the file is missing or not one.
pub fn load_value<T: serde::de::DeserializeOwned>(path: &Path) -> Option<T> {
    postcard::from_bytes(&std::fs::read(path).ok()?).ok()
}

/// Decodes one record of a spill file into a value borrowing from it.
pub fn decode_record_in_place<'a, T: Deserialize<'a>>(record: &'a [u8]) -> Option<T> {
    postcard::from_bytes::<(&str, T)>(record)
        .ok()
        .map(|(_, value)| value)
}

/// Decodes one record of a spill file.
pub fn decode_record<T: serde::de::DeserializeOwned>(record: &[u8]) -> Option<T> {
    postcard::from_bytes::<(String, T)>(record)
        .ok()
        .map(|(_, value)| value)
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

    /// The files recorded.
    pub fn into_files(self) -> BTreeMap<String, FileRecord> {
        self.files.into_inner().unwrap_or_default()
    }
}

impl Default for Recorder {
    fn default() -> Self {
        Self::new()
    }
}

/// The output files of a digest's pages, in every language and format.
pub fn digest_files(languages: &[Language], slug: &str) -> Vec<String> {
    languages
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

/// Writes `contents` to `dir/path` by writing a file beside it and renaming it over the
/// old one, so the file is never seen half-written. Returns the new file's metadata.
pub fn replace(dir: &Path, path: &str, contents: &[u8]) -> std::io::Result<std::fs::Metadata> {
    replace_with(dir, path, |file| file.write_all(contents))
}

/// [`replace`], with the contents written by `write`.
fn replace_with(
    dir: &Path,
    path: &str,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<std::fs::Metadata> {
    let target = dir.join(path);
    let parent = target
        .parent()
        .map_or_else(|| dir.to_path_buf(), Path::to_path_buf);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = parent.join(format!(".{name}.heptaglot-tmp"));
    let mut file = match create_new(&temp) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(&parent)?;
            create_new(&temp)?
        }
        other => other?,
    };
    write(&mut file)?;
    let meta = file.metadata()?;
    drop(file);
    std::fs::rename(&temp, &target)?;
    Ok(meta)
}

/// Creates the file at `path` anew: whatever a killed build (or anyone) left there, a
/// symbolic link included, is removed first, never written through.
pub fn create_new(path: &Path) -> std::io::Result<std::fs::File> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
}

/// Every file under `out` (relative `/`-separated path, size and modification time).
/// Folders are read in parallel: at 10,000 digests the output holds 235,000 files, and
/// reading their metadata one by one was the longest step of a rebuild.
pub fn scan(out: &Path) -> HashMap<String, (u64, i64, u32)> {
    use rayon::prelude::*;
    fn walk(dir: &Path, rel: &str) -> Vec<(String, (u64, i64, u32))> {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return Vec::new();
        };
        let mut files = Vec::new();
        let mut folders = Vec::new();
        for entry in entries.flatten() {
            // Symbolic links are neither: the build never writes one.
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let path = if rel.is_empty() {
                name.into_owned()
            } else {
                format!("{rel}/{name}")
            };
            if kind.is_dir() {
                folders.push((entry.path(), path));
            } else if kind.is_file()
                && let Ok(meta) = entry.metadata()
            {
                files.push((path, stat(&meta)));
            }
        }
        let below: Vec<_> = folders
            .into_par_iter()
            .flat_map_iter(|(dir, rel)| walk(&dir, &rel))
            .collect();
        files.extend(below);
        files
    }
    walk(out, "").into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spill(dir: &Path, records: &[(&str, &str)]) -> PathBuf {
        let path = dir.join("en");
        let mut file = std::fs::File::create(&path).unwrap();
        for (slug, value) in records {
            write_record(&mut file, slug, value).unwrap();
        }
        path
    }

    #[test]
    fn a_spill_file_is_found_by_its_index_or_by_reading_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = spill(
            dir.path(),
            &[("a", "first"), ("b", "second"), ("a", "third")],
        );
        let read = SpillReader::open(&path);
        let mut buffer = Vec::new();
        let value = |r: &SpillReader, slug: &str, buffer: &mut Vec<u8>| {
            r.get(slug, buffer).and_then(decode_record::<String>)
        };
        // The last record of a digest wins.
        assert_eq!(value(&read, "a", &mut buffer).as_deref(), Some("third"));
        read.save_index(&path).unwrap();
        let indexed = SpillReader::open(&path);
        assert_eq!(value(&indexed, "b", &mut buffer).as_deref(), Some("second"));
        assert_eq!(value(&indexed, "a", &mut buffer).as_deref(), Some("third"));
        assert_eq!(value(&indexed, "c", &mut buffer), None);
    }

    #[test]
    fn an_index_pointing_at_another_digests_record_finds_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = spill(dir.path(), &[("a", "same"), ("b", "same")]);
        let len = std::fs::metadata(&path).unwrap().len();
        // Of the right length, but with the two records swapped.
        let read = SpillReader::open(&path);
        let mut records = read.records.clone();
        let (a, b) = (records["a"], records["b"]);
        records.insert("a".into(), b);
        records.insert("b".into(), a);
        write_index(&path, len, &records).unwrap();
        let mut buffer = Vec::new();
        assert!(SpillReader::open(&path).get("a", &mut buffer).is_none());
        // Once the file changes length the index is ignored.
        std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .and_then(|mut f| write_record(&mut f, "c", &"more"))
            .unwrap();
        let reopened = SpillReader::open(&path);
        assert!(reopened.get("a", &mut buffer).is_some());
        assert!(reopened.get("c", &mut buffer).is_some());
    }
}
