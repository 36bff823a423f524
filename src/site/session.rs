//! What a serving session keeps between its builds, and the spill files through which each
//! build hands what every rendered digest gave the lists and the search index to the step
//! that renders them: the readers of the previous files kept open, the search indexes'
//! states (so that an index is patched in place rather than built whole), and what is left
//! to write until the session settles.

use std::collections::{HashMap, HashSet};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use super::cache::{self, Cache};
use super::changes::Told;
use super::lock;
use super::output::OutputFile;
use super::pages::Head;
use super::plan::Scanned;
use super::write::{STAGED_SPILL, Writer};
use crate::lang::Language;
use crate::search::{IndexState, IndexedPage};

/// What a caller that builds the same site again and again keeps between its builds
/// ([`Session::serving`]). A one-off build's session ([`Session::default`]) keeps nothing.
#[derive(Default)]
pub struct Session {
    /// Whether builds keep their cache for the next and leave saving it to
    /// [`Session::settle`].
    pub(super) serving: bool,
    pub(super) last: Option<Last>,
    /// What a watcher reported of the inputs since the last build began.
    pub(super) told: Told,
    /// What the last build found of its inputs, for a next build told what changed.
    pub(super) scanned: Option<Scanned>,
}

/// The last successful build of a session.
pub(super) struct Last {
    /// Its output folder, as the lock names it.
    pub(super) out: PathBuf,
    pub(super) cache: Cache,
    /// The files of its output that are not a digest's page.
    pub(super) list_files: HashSet<String>,
    /// What it kept of its spill files, and left to write.
    pub(super) spill: SpillKept,
    /// While its cache is not saved yet: the lock it still holds, and the cache folder.
    pub(super) unsaved: Option<(lock::OutputLock, PathBuf)>,
}

impl Session {
    /// The session of `serve`: each build keeps its cache in memory for the next, which
    /// then reads neither the cache nor the output's files again (a 30 MB cache and 235,000
    /// files at 10,000 digests): nothing else is expected to change that output in between.
    /// A build into another folder, or after a build elsewhere replaced the cache, reads
    /// them as usual. An incremental build leaves saving its cache to [`Session::settle`],
    /// so that its pages are in place sooner; until then the output folder stays locked
    /// and its journal (if the build changed anything) stays, so that a process stopped
    /// before settling makes the next build a full one.
    pub fn serving() -> Self {
        Session {
            serving: true,
            last: None,
            told: Told::default(),
            scanned: None,
        }
    }

    /// Reports the inputs changed since the last report, as a watcher of the digests,
    /// locales and templates folders and of the configuration file saw them: `Some` paths
    /// (relative to the root; a folder stands for everything in it), or `None` when
    /// changes may have been missed. A caller that reports must report every change:
    /// while the reports go on, a build reads the metadata of the inputs reported only,
    /// and keeps the rest as the last build recorded them. Reports count from the first
    /// build after the first report; a `None` counts until the next build.
    pub fn inputs_changed(&mut self, paths: Option<&[PathBuf]>) {
        self.told.add(paths);
    }

    /// Saves the last build's cache if it waits to be, and ends that build: its journal is
    /// removed and the output folder released. On failure the next build is a full one.
    pub fn settle(&mut self) -> Result<(), String> {
        let Some(last) = &mut self.last else {
            return Ok(());
        };
        let Some((lock, folder)) = last.unsaved.take() else {
            return Ok(());
        };
        let saved = (last.spill.write())
            .and_then(|()| last.cache.save(&folder))
            .and_then(
                |()| match std::fs::remove_file(last.out.join(cache::JOURNAL)) {
                    Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
                    _ => Ok(()),
                },
            );
        drop(lock);
        saved.map_err(|e| {
            self.last = None;
            format!(
                "could not save the cache in {} ({e}); the next build will be a full one",
                folder.display()
            )
        })
    }

    /// The last build, if its cache is still the cache of the tree in `out`.
    pub(super) fn last_for(&mut self, out: &Path, global: u64) -> Option<Last> {
        let last = self.last.take().filter(|last| last.out == out)?;
        let cache = cache::trusted(out, last.cache, global)?;
        Some(Last { cache, ..last })
    }
}

/// What each rendered digest gives to a kind of list (`search`: its pages' tokens;
/// `lists`: its [`super::pages::Listed`]), one file per language, written as pages are
/// rendered so that memory does not hold them: in a full build into the staging folder (so
/// that a failed build leaves nothing behind; they move to the cache folder with the new
/// site), in an incremental one as `.new` files beside the cached ones.
pub(super) struct Spill {
    /// Where this build's files are.
    pub(super) dir: PathBuf,
    /// The previous build's files (incremental builds only).
    pub(super) previous: Option<PathBuf>,
    pub(super) files: Vec<(Language, Mutex<std::io::BufWriter<std::fs::File>>)>,
    /// Each language's files once indexed: indexing reads a whole file, and a build asks
    /// both whether a language changed and for its records.
    pub(super) readers: Mutex<HashMap<Language, std::sync::Arc<Readers>>>,
    /// The reader of each language's previous file, as a serving session kept it from its
    /// last build or as opened; it follows the file as this build appends to it.
    pub(super) olds: Mutex<OldReaders>,
    /// The state of each language's search index, as a serving session kept it or this
    /// build made it.
    pub(super) states: Mutex<HashMap<Language, IndexState>>,
    /// Whether the indexes and states this build changes are written later, by
    /// [`Session::settle`] (a serving session's incremental build), rather than now.
    pub(super) defer: bool,
    /// What is left to write when `defer`.
    pub(super) unwritten: Mutex<Vec<Unwritten>>,
    /// Set when a record the build needs is in neither file: the cache cannot be trusted.
    pub(super) incomplete: AtomicBool,
    /// Whether the previous files are known to hold a record of every digest (a serving
    /// session's build of the same digests as its last, which had them all), so that those
    /// neither rendered nor needed are not looked up one by one.
    pub(super) complete: bool,
}

/// The readers of one language's spill files: this build's, and the previous build's.
pub(super) struct Readers {
    pub(super) fresh: cache::SpillReader,
    pub(super) old: Option<std::sync::Arc<cache::SpillReader>>,
}

/// The readers of a kind of spill file's previous files, by language.
pub(super) type OldReaders = HashMap<Language, std::sync::Arc<cache::SpillReader>>;

/// What a serving session keeps of its spill files between builds.
#[derive(Default)]
pub(super) struct SpillKept {
    /// The readers of the search tokens' and the list entries' files.
    pub(super) readers: (OldReaders, OldReaders),
    /// The state of each language's search index.
    pub(super) states: HashMap<Language, IndexState>,
    /// What the last build left to write when the session settles.
    pub(super) unwritten: Vec<Unwritten>,
}

/// A file a serving session's build left to write until it settles: each is checked
/// against what it describes (an index names its spill file's length, a state the
/// published files' contents), so one not written is not trusted by a later build.
pub(super) enum Unwritten {
    /// The index of the spill file at this path.
    Index(PathBuf, std::sync::Arc<cache::SpillReader>),
    /// The state of a language's search index, at this path.
    State(PathBuf, Language),
}

impl SpillKept {
    /// Writes what was left to write.
    pub(super) fn write(&mut self) -> std::io::Result<()> {
        for unwritten in std::mem::take(&mut self.unwritten) {
            match unwritten {
                Unwritten::Index(path, reader) => reader.save_index(&path)?,
                Unwritten::State(path, lang) => {
                    if let Some(state) = self.states.get(&lang) {
                        cache::save_value(&path, state)?;
                    }
                }
            }
        }
        Ok(())
    }
}

impl Spill {
    pub(super) fn create(
        dir: &Path,
        previous: Option<&Path>,
        kind: &str,
        languages: &[Language],
        olds: OldReaders,
        states: HashMap<Language, IndexState>,
        defer: bool,
    ) -> std::io::Result<Self> {
        let dir = dir.join(kind);
        std::fs::create_dir_all(&dir)?;
        let previous = previous.map(|p| p.join(kind));
        let mut files = Vec::new();
        for &lang in languages {
            let file = std::fs::File::create(Self::path(&dir, previous.is_some(), lang))?;
            files.push((lang, Mutex::new(std::io::BufWriter::new(file))));
        }
        Ok(Self {
            dir,
            previous,
            files,
            readers: Mutex::new(HashMap::new()),
            olds: Mutex::new(olds),
            states: Mutex::new(states),
            defer,
            unwritten: Mutex::new(Vec::new()),
            incomplete: AtomicBool::new(false),
            complete: false,
        })
    }

    /// Marks the previous files as holding a record of every digest (see `complete`).
    pub(super) fn complete(self, complete: bool) -> Self {
        Self { complete, ..self }
    }

    /// The readers of the previous files as this build leaves them, the search indexes'
    /// states, and what is left to write, for the next build of a serving session.
    pub(super) fn into_kept(self) -> (OldReaders, HashMap<Language, IndexState>, Vec<Unwritten>) {
        (
            self.olds.into_inner().unwrap_or_default(),
            self.states.into_inner().unwrap_or_default(),
            self.unwritten.into_inner().unwrap_or_default(),
        )
    }

    /// Leaves `unwritten` for the session to write; false when this build writes now.
    pub(super) fn defer(&self, unwritten: impl FnOnce() -> Unwritten) -> bool {
        self.defer
            && self
                .unwritten
                .lock()
                .map(|mut list| list.push(unwritten()))
                .is_ok()
    }

    /// The reader of `lang`'s previous file in `previous`.
    pub(super) fn old(
        &self,
        previous: &Path,
        lang: Language,
    ) -> std::sync::Arc<cache::SpillReader> {
        let open = || std::sync::Arc::new(cache::SpillReader::open(&previous.join(lang.code())));
        match self.olds.lock() {
            Ok(mut olds) => olds.entry(lang).or_insert_with(open).clone(),
            Err(_) => open(),
        }
    }

    /// Records the reader of `lang`'s previous file after this build changed it (`None`:
    /// the next build opens it).
    pub(super) fn set_old(
        &self,
        lang: Language,
        reader: Option<std::sync::Arc<cache::SpillReader>>,
    ) {
        if let Ok(mut olds) = self.olds.lock() {
            match reader {
                Some(reader) => olds.insert(lang, reader),
                None => olds.remove(&lang),
            };
        }
    }

    /// The readers of `lang`'s files, indexed on first use (after [`Spill::finish`]).
    pub(super) fn readers(&self, lang: Language) -> std::sync::Arc<Readers> {
        let open = || {
            std::sync::Arc::new(Readers {
                fresh: cache::SpillReader::open(&Self::path(
                    &self.dir,
                    self.previous.is_some(),
                    lang,
                )),
                old: (self.previous.as_ref()).map(|previous| self.old(previous, lang)),
            })
        };
        match self.readers.lock() {
            Ok(mut readers) => readers.entry(lang).or_insert_with(open).clone(),
            Err(_) => open(),
        }
    }

    pub(super) fn path(dir: &Path, incremental: bool, lang: Language) -> PathBuf {
        let path = dir.join(lang.code());
        if incremental {
            path.with_extension("new")
        } else {
            path
        }
    }

    pub(super) fn add(
        &self,
        lang: Language,
        slug: &str,
        value: &impl serde::Serialize,
    ) -> std::io::Result<()> {
        let Some((_, file)) = self.files.iter().find(|(l, _)| *l == lang) else {
            return Ok(());
        };
        let mut file = file
            .lock()
            .map_err(|_| std::io::Error::other("a rendering thread failed"))?;
        cache::write_record(&mut *file, slug, value)
    }

    pub(super) fn finish(&self) -> std::io::Result<()> {
        for (_, file) in &self.files {
            file.lock()
                .map_err(|_| std::io::Error::other("a rendering thread failed"))?
                .flush()?;
        }
        Ok(())
    }

    /// Whether every digest rendered now gave `lang` the record the previous build's file
    /// holds for it, as far as `same` tells (never in a full build).
    pub(super) fn unchanged(
        &self,
        heads: &[Head],
        render: &[bool],
        lang: Language,
        same: &dyn Fn(&[u8], &[u8]) -> bool,
    ) -> bool {
        self.differing(heads, render, lang, same)
            .is_some_and(|differing| !differing.contains(&true))
    }

    /// For each digest, whether its record in `lang` may differ from the previous build's
    /// (those not rendered now do not), as far as `same` tells; none in a full build or
    /// when the previous file is missing.
    pub(super) fn differing(
        &self,
        heads: &[Head],
        render: &[bool],
        lang: Language,
        same: &dyn Fn(&[u8], &[u8]) -> bool,
    ) -> Option<Vec<bool>> {
        let previous = self.previous.as_ref()?;
        // Nothing rendered: the previous build's file is the whole story, unread.
        if !render.contains(&true) {
            return previous
                .join(lang.code())
                .is_file()
                .then(|| vec![false; heads.len()]);
        }
        let readers = self.readers(lang);
        let (fresh, old) = (&readers.fresh, readers.old.as_ref()?);
        let (mut a, mut b) = (Vec::new(), Vec::new());
        let differing = heads
            .iter()
            .zip(render)
            .map(|(head, &rendered)| {
                rendered
                    && match (fresh.get(&head.slug, &mut a), old.get(&head.slug, &mut b)) {
                        (Some(fresh), Some(old)) => !same(fresh, old),
                        _ => true,
                    }
            })
            .collect();
        Some(differing)
    }

    /// Where the state of `lang`'s search index is kept (see [`IndexState`]): beside the
    /// spill files it was built from, moving with them.
    pub(super) fn state_path(&self, lang: Language) -> PathBuf {
        self.previous
            .as_deref()
            .unwrap_or(&self.dir)
            .join(format!("{}.state", lang.code()))
    }

    /// Keeps the state of `lang`'s search index for the next build. In place, behind the
    /// journal: a build that stops after this makes the next one a full one.
    pub(super) fn save_state(
        &self,
        writer: &Writer,
        lang: Language,
        state: IndexState,
    ) -> Result<(), String> {
        if let Writer::InPlace(w) = writer {
            w.start()?;
        }
        let path = self.state_path(lang);
        if !self.defer(|| Unwritten::State(path.clone(), lang)) {
            cache::save_value(&path, &state)
                .map_err(|e| writer.io_error("keeping the search index's state", &e))?;
        }
        if let Ok(mut states) = self.states.lock() {
            states.insert(lang, state);
        }
        Ok(())
    }

    /// The files of `lang`'s search index in `out` that change when the digests `differing`
    /// marks are replaced by their records of this build, and the index's state after; `None`
    /// when the index must be built whole: no state kept, the layout changes, or so many
    /// pages changed that rebuilding costs less.
    pub(super) fn patch_search(
        &self,
        out: &Path,
        heads: &[Head],
        differing: &[bool],
        lang: Language,
    ) -> Option<(Vec<OutputFile>, IndexState)> {
        let count = differing.iter().filter(|&&d| d).count();
        if count > heads.len() / 16 + 1 {
            return None;
        }
        let kept = self.states.lock().ok().and_then(|mut s| s.remove(&lang));
        let state: IndexState = kept.or_else(|| cache::load_value(&self.state_path(lang)))?;
        let readers = self.readers(lang);
        let (mut a, mut b) = (Vec::new(), Vec::new());
        let mut pages: Vec<(IndexedPage, IndexedPage)> = Vec::with_capacity(count);
        for (head, _) in heads.iter().zip(differing).filter(|(_, d)| **d) {
            let old = readers.old.as_ref()?.get(&head.slug, &mut a)?;
            let new = readers.fresh.get(&head.slug, &mut b)?;
            pages.push((cache::decode_record(old)?, cache::decode_record(new)?));
        }
        let changes: Vec<_> = pages
            .iter()
            .map(|(a, b)| (a.borrowed(), b.borrowed()))
            .collect();
        let dir = format!("search/{}", lang.code());
        state.patch(&dir, &changes, &mut |path| {
            std::fs::read_to_string(out.join(path)).ok()
        })
    }

    /// Drops this build's records of `lang`: the previous build's file holds the same.
    pub(super) fn discard_language(&self, lang: Language) {
        if self.previous.is_some() {
            let _ = std::fs::remove_file(Self::path(&self.dir, true, lang));
        }
    }

    /// The reader of `lang`'s previous file once this build's records (`readers.fresh`)
    /// are appended to it: the previous reader grown in place when nothing else holds it
    /// (its index has 10,000 slugs at 10,000 digests), else a grown copy.
    pub(super) fn grown(
        &self,
        lang: Language,
        readers: std::sync::Arc<Readers>,
    ) -> std::io::Result<Option<std::sync::Arc<cache::SpillReader>>> {
        if let Ok(mut kept) = self.readers.lock() {
            kept.remove(&lang);
        }
        let Readers { fresh, old } = match std::sync::Arc::try_unwrap(readers) {
            Ok(readers) => readers,
            Err(shared) => Readers {
                fresh: shared.fresh.try_clone()?,
                old: shared.old.clone(),
            },
        };
        let Some(old) = old else {
            return Ok(None);
        };
        if let Ok(mut olds) = self.olds.lock() {
            olds.remove(&lang);
        }
        let mut old = std::sync::Arc::try_unwrap(old).or_else(|shared| shared.try_clone())?;
        old.append(&fresh);
        Ok(Some(std::sync::Arc::new(old)))
    }

    /// Hands `each` the record in `lang` of every digest that is `needed` (with its position
    /// in the heads), in the order of the heads: from this build's file for rendered
    /// digests, else from the previous build's, which an incremental build then replaces
    /// with the merge. Every digest's record must be there, needed or not. `each` returns
    /// `None` for a record it cannot read.
    pub(super) fn merged(
        &self,
        writer: &Writer,
        heads: &[Head],
        render: &[bool],
        lang: Language,
        needed: &dyn Fn(usize) -> bool,
        mut each: impl FnMut(usize, &[u8]) -> Option<()>,
    ) -> Result<(), String> {
        let fresh_path = Self::path(&self.dir, self.previous.is_some(), lang);
        let readers = self.readers(lang);
        // A rendered digest's record is in this build's file, another's in the previous one.
        let source = |i: usize| {
            if render[i] {
                Some(&readers.fresh)
            } else {
                readers.old.as_deref()
            }
        };
        let record_of = |i: usize, buffer: &'_ mut Vec<u8>| -> Option<usize> {
            source(i)?.get(&heads[i].slug, buffer).map(<[u8]>::len)
        };
        let length_of = |i: usize| source(i)?.length_of(&heads[i].slug);
        let missing = |i: usize| {
            self.incomplete.store(true, Ordering::Relaxed);
            format!(
                "the build's records of {} are missing or damaged",
                heads[i].slug
            )
        };
        let mut buffer = Vec::new();
        let mut live = 0u64;
        match &readers.old {
            // The previous file's live records, with those of the digests rendered now
            // replaced (records of digests removed since it was last compacted count too,
            // which only delays the next compaction).
            Some(old) if self.complete => {
                live = old.live();
                for i in (0..heads.len()).filter(|&i| needed(i) || render[i]) {
                    if needed(i) {
                        record_of(i, &mut buffer)
                            .filter(|&len| each(i, &buffer[..len]).is_some())
                            .ok_or_else(|| missing(i))?;
                    }
                    if render[i] {
                        let old_len = old.length_of(&heads[i].slug).map_or(0, |l| 4 + l as u64);
                        let len = length_of(i).ok_or_else(|| missing(i))?;
                        live = live - old_len.min(live) + 4 + len as u64;
                    }
                }
            }
            _ => {
                for i in 0..heads.len() {
                    let record = if needed(i) {
                        record_of(i, &mut buffer).filter(|&len| each(i, &buffer[..len]).is_some())
                    } else {
                        length_of(i)
                    };
                    let len = record.ok_or_else(|| missing(i))?;
                    live += 4 + len as u64;
                }
            }
        }
        let (Writer::InPlace(w), Some(previous)) = (writer, &self.previous) else {
            // A full build: the file moves to the cache folder with its index, which the
            // next build opens instead of reading the file. Without one it reads the file.
            let _ = readers.fresh.save_index(&fresh_path);
            return Ok(());
        };
        // The previous file stays valid for every digest not rendered now; the records of
        // those rendered are appended (a reader takes a digest's last record), and the file
        // is rewritten with live records only once it is more than half stale. Its index
        // follows it (one that does not is ignored: it names the file's length).
        if render.iter().any(|&r| r) {
            w.start()?;
            let path = previous.join(lang.code());
            let size = |p: &Path| std::fs::metadata(p).map_or(0, |m| m.len());
            let grown = size(&path) + size(&fresh_path);
            let written = if grown > 2 * live {
                let merged = previous.join(format!("{}.merged", lang.code()));
                let mut records = HashMap::with_capacity(heads.len());
                std::fs::File::create(&merged)
                    .and_then(|file| {
                        let mut file = std::io::BufWriter::new(file);
                        let mut offset = 0u64;
                        for (i, head) in heads.iter().enumerate() {
                            let len = record_of(i, &mut buffer).ok_or_else(|| {
                                std::io::Error::other("a record vanished while merging")
                            })?;
                            file.write_all(&(len as u32).to_le_bytes())?;
                            file.write_all(&buffer[..len])?;
                            records.insert(head.slug.clone(), (offset + 4, len));
                            offset += 4 + len as u64;
                        }
                        file.into_inner().map_err(|e| e.into_error())?;
                        Ok(offset)
                    })
                    .and_then(|len| {
                        cache::SpillReader::forget_index(&path)?;
                        std::fs::rename(&merged, &path)?;
                        cache::write_index(&path, len, &records)?;
                        Ok(Some(std::sync::Arc::new(cache::SpillReader::open(&path))))
                    })
            } else {
                std::fs::read(&fresh_path).and_then(|bytes| {
                    std::fs::OpenOptions::new()
                        .append(true)
                        .open(&path)?
                        .write_all(&bytes)?;
                    let Some(reader) = self.grown(lang, readers)? else {
                        return Ok(None);
                    };
                    if !self.defer(|| Unwritten::Index(path.clone(), reader.clone())) {
                        reader.save_index(&path)?;
                    }
                    Ok(Some(reader))
                })
            };
            self.set_old(lang, written.map_err(|e| w.failed(&e))?);
        }
        let _ = std::fs::remove_file(&fresh_path);
        // The previous file changed: the next reader indexes it again.
        if let Ok(mut readers) = self.readers.lock() {
            readers.remove(&lang);
        }
        Ok(())
    }
}

/// A build's two kinds of spill files: the search tokens and the list entries.
pub(super) struct Spills {
    pub(super) tokens: Spill,
    pub(super) lists: Spill,
}

impl Spills {
    /// Creates this build's spill files: in the staging folder of a full build, beside the
    /// cached ones in an incremental one, with the readers and states a serving session
    /// `kept`. A serving session's incremental build leaves the spill indexes and search
    /// states to write to [`Session::settle`], with the cache. `complete` when the heads
    /// are the session's last build's (see [`Spill::complete`]).
    pub(super) fn create(
        writer: &Writer,
        cache_folder: &Path,
        languages: &[Language],
        kept: SpillKept,
        (serving, complete): (bool, bool),
    ) -> Result<Self, String> {
        let (dir, previous) = match writer {
            Writer::Staged(staging) => (staging.dir().join(STAGED_SPILL), None),
            Writer::InPlace(_) => {
                let spill = cache_folder.join(cache::SPILL);
                (spill.clone(), Some(spill))
            }
        };
        let defer = serving && previous.is_some();
        let (search_readers, list_readers) = kept.readers;
        let spill = |kind, readers, states| {
            Spill::create(
                &dir,
                previous.as_deref(),
                kind,
                languages,
                readers,
                states,
                defer,
            )
        };
        let spills = spill("search", search_readers, kept.states)
            .and_then(|search| Ok((search, spill("lists", list_readers, HashMap::new())?)));
        match spills {
            Ok((search, lists)) => Ok(Self {
                tokens: search.complete(complete),
                lists: lists.complete(complete),
            }),
            Err(e) => Err(writer.io_error("creating the build's spill files", &e)),
        }
    }

    /// Writes out what the render spilled.
    pub(super) fn finish(&self) -> std::io::Result<()> {
        self.tokens.finish().and_then(|()| self.lists.finish())
    }

    /// Whether a record the build needed was in neither file: the cache cannot be trusted.
    pub(super) fn incomplete(&self) -> bool {
        self.tokens.incomplete.load(Ordering::Relaxed)
            || self.lists.incomplete.load(Ordering::Relaxed)
    }

    /// What a serving session keeps of them for its next build.
    pub(super) fn into_kept(self) -> SpillKept {
        let (search_readers, states, mut unwritten) = self.tokens.into_kept();
        let (list_readers, _, more) = self.lists.into_kept();
        unwritten.extend(more);
        SpillKept {
            readers: (search_readers, list_readers),
            states,
            unwritten,
        }
    }
}
