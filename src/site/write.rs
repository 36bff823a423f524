//! Writing a build's files: into a staging folder swapped in at the end (a full build), or
//! in place, only the files whose bytes changed, behind a journal (an incremental one);
//! then saving the cache and putting the site in place ([`Writer::finish`]).

use std::collections::{BTreeMap, HashSet};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use super::cache::{self, Cache, FileRecord};
use super::lock::OutputLock;
use super::out_folder::{self, MARKER, OWN_FILES};
use super::output::{self, OutputFile};
use super::plan::{DigestPages, Disk};

/// Where a full build writes its spill files in its staging folder, until they move to the
/// cache folder.
pub(super) const STAGED_SPILL: &str = ".heptaglot-spill";

/// Where a build writes: a staging folder (full build) or the output folder itself.
pub(super) enum Writer<'a> {
    Staged(output::Staging),
    InPlace(InPlace<'a>),
}

/// Writing in place: only files whose bytes changed, each atomically, behind a journal.
pub(super) struct InPlace<'a> {
    out: &'a Path,
    /// The site being built, and the state folder holding the output's manifest.
    site: &'a Path,
    state: PathBuf,
    /// Whether a path not in the manifest was added to it (as pending), behind a lock.
    added: Mutex<bool>,
    /// The files the previous build wrote.
    previous: BTreeMap<String, FileRecord>,
    on_disk: &'a Disk,
    journal: OnceLock<Result<(), String>>,
    written: std::sync::atomic::AtomicUsize,
}

impl<'a> InPlace<'a> {
    fn new(
        (out, site, state): (&'a Path, &'a Path, PathBuf),
        previous: BTreeMap<String, FileRecord>,
        on_disk: &'a Disk,
    ) -> Self {
        Self {
            out,
            site,
            state,
            added: Mutex::new(false),
            previous,
            on_disk,
            journal: OnceLock::new(),
            written: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    /// Why writing failed, in a sentence.
    pub(super) fn failed(&self, e: &std::io::Error) -> String {
        let out = self.out;
        let parent = out.parent().unwrap_or(out);
        let reason = super::out_folder::explain(e, out, parent).unwrap_or_else(|| e.to_string());
        format!(
            "could not write the site to {}: {reason}; pages already replaced are whole, and the next build rebuilds the whole site",
            out.display()
        )
    }

    /// Writes the journal before the first change.
    pub(super) fn start(&self) -> Result<(), String> {
        self.journal
            .get_or_init(|| {
                cache::create_new(&self.out.join(cache::JOURNAL))
                    .and_then(|mut file| file.write_all(
                        b"An incremental build is changing this folder; if this file stays, the next build is a full one.\n",
                    ))
                    .map_err(|e| self.failed(&e))
            })
            .clone()
    }

    /// Writes `path` in place, never through a symbolic link; a path the manifest does not
    /// list yet is added to it first (as pending), so that it is known to be heptaglot's
    /// even if the build is killed right after.
    fn replace(&self, path: &str, bytes: &[u8]) -> Result<std::fs::Metadata, String> {
        self.start()?;
        if !self.previous.contains_key(path) && !OWN_FILES.contains(&path) {
            let mut added = self.added.lock().map_err(|_| "a writer thread panicked")?;
            out_folder::add_pending(&self.state, path).map_err(|e| self.failed(&e))?;
            *added = true;
        }
        out_folder::real_folders(self.out, path)
            .and_then(|()| cache::replace(self.out, path, bytes))
            .map_err(|e| self.failed(&e))
    }

    /// Removes the file at `path`, which the previous build wrote, and the folders it
    /// leaves empty; never through a symbolic link, and never anything but a file.
    fn remove(&self, path: &str) -> Result<(), String> {
        self.start()?;
        let full = self.out.join(path);
        out_folder::real_folders(self.out, path).map_err(|e| self.failed(&e))?;
        match std::fs::symlink_metadata(&full) {
            Ok(meta) if meta.is_file() => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Ok(_) => {
                return Err(self.failed(&std::io::Error::other(format!(
                    "{} is not the file heptaglot wrote there (a symbolic link or a folder), so it is left alone; remove it and build again",
                    full.display()
                ))));
            }
            Err(e) => return Err(self.failed(&e)),
        }
        std::fs::remove_file(&full).map_err(|e| self.failed(&e))?;
        // Folders left empty (a deleted digest's) go too; a non-empty one stays.
        let mut dir = full.parent();
        while let Some(d) = dir {
            if d == self.out || std::fs::remove_dir(d).is_err() {
                break;
            }
            dir = d.parent();
        }
        Ok(())
    }
}

/// No files: what a full build found before it.
static NO_FILES: BTreeMap<String, FileRecord> = BTreeMap::new();

impl<'a> Writer<'a> {
    /// Starts writing the locked output folder `out` of the site at `site`: in place for an
    /// `incremental` build (after removing what killed builds left beside it), else into a
    /// new staging folder.
    pub(super) fn start(
        lock: &OutputLock,
        (out, site): (&'a Path, &'a Path),
        incremental: bool,
        previous: BTreeMap<String, FileRecord>,
        on_disk: &'a Disk,
    ) -> Result<Self, String> {
        if incremental {
            output::clean_leftovers(lock);
            let state = out_folder::state_folder(lock.out());
            Ok(Writer::InPlace(InPlace::new(
                (out, site, state),
                previous,
                on_disk,
            )))
        } else {
            output::stage(lock, site)
                .map(Writer::Staged)
                .map_err(|error| error.0)
        }
    }

    /// The files the previous build wrote (none for a full build).
    pub(super) fn previous(&self) -> &BTreeMap<String, FileRecord> {
        match self {
            Writer::Staged(_) => &NO_FILES,
            Writer::InPlace(w) => &w.previous,
        }
    }

    /// The error of a failed write, in a sentence.
    pub(super) fn io_error(&self, doing: &str, e: &std::io::Error) -> String {
        match self {
            Writer::Staged(staging) => staging.error(doing, e).0,
            Writer::InPlace(w) => w.failed(e),
        }
    }

    /// Writes a file of the site; its new metadata when it was written (in place, a file
    /// whose bytes are those on disk is left alone).
    pub(super) fn put(
        &self,
        path: &str,
        bytes: &[u8],
    ) -> Result<Option<std::fs::Metadata>, String> {
        match self {
            Writer::Staged(staging) => staging.put(path, bytes).map(Some).map_err(|e| e.0),
            Writer::InPlace(w) => {
                let record = w.previous.get(path);
                let unchanged =
                    record.is_some_and(|r| r.holds(bytes)) && w.on_disk.holds(path, record);
                if unchanged {
                    return Ok(None);
                }
                let meta = w.replace(path, bytes)?;
                w.written.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                Ok(Some(meta))
            }
        }
    }

    /// Saves the cache and puts the site in place: swaps the staging folder in, or removes
    /// the files no longer produced. The cache comes back whole when it is saved or for a
    /// `serving` session, which saves an incremental build's cache and removes its journal
    /// later ([`super::Session::settle`]).
    pub(super) fn finish(
        self,
        mut next: Cache,
        folder: &Path,
        recorded: BTreeMap<String, FileRecord>,
        produced: &Produced,
        same_cache: bool,
        serving: bool,
    ) -> Result<Finished, String> {
        match self {
            Writer::Staged(staging) => {
                next.files = recorded;
                staging
                    .put(
                        cache::CACHE,
                        cache::generation_file(next.generation).as_bytes(),
                    )
                    .map_err(|e| e.0)?;
                // The spill files leave the new site for the cache folder, whose index is
                // forgotten first: until the new one is saved, no build trusts the folder.
                let spill = folder.join(cache::SPILL);
                let fresh = folder.join(format!("{}-new", cache::SPILL));
                let moved = cache::forget(folder)
                    .and_then(|()| cache::create_folder(folder))
                    .and_then(|()| match std::fs::remove_dir_all(&fresh) {
                        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
                        _ => Ok(()),
                    })
                    .and_then(|()| std::fs::rename(staging.dir().join(STAGED_SPILL), &fresh));
                moved.map_err(|e| staging.error("moving the spill files to the cache", &e).0)?;
                // Until the swap is done, the manifest lists the old site's files and the
                // new one's: a build killed in between leaves nothing unaccounted for.
                let mut both = out_folder::owned_paths(folder).unwrap_or_default();
                both.extend(next.files.keys().cloned());
                let site = staging.site().to_path_buf();
                out_folder::write_manifest(
                    folder,
                    &site,
                    next.generation,
                    both.iter().map(String::as_str),
                )
                .map_err(|e| staging.error("writing the manifest of the output", &e).0)?;
                let out = staging.out().to_path_buf();
                let nothing_there = !out.exists() || out_folder::is_empty_dir(&out);
                if let Err(e) = staging.commit() {
                    // The previous site stays, without a cache (its index was forgotten):
                    // what was moved is of no use. Its manifest stays with it; with no
                    // previous site, nothing of this build stays beside the output.
                    let _ = match nothing_there {
                        true => std::fs::remove_dir_all(folder),
                        false => std::fs::remove_dir_all(&fresh),
                    };
                    return Err(e.0);
                }
                // The site is published; the manifest now lists its files only (if it
                // cannot be written, the one listing both sites stays), and a cache that
                // cannot be saved only makes the next build a full one.
                let paths = next.files.keys().map(String::as_str);
                let saved = out_folder::write_manifest(folder, &site, next.generation, paths)
                    .and_then(|()| match std::fs::remove_dir_all(&spill) {
                        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
                        _ => Ok(()),
                    })
                    .and_then(|()| std::fs::rename(&fresh, &spill))
                    .and_then(|()| next.save(folder));
                if let Err(e) = saved {
                    return Err(format!(
                        "the site in {} is complete, but its cache could not be saved in {} ({e}); the next build will be a full one",
                        out.display(),
                        folder.display()
                    ));
                }
                Ok(Finished {
                    written: 0,
                    removed: 0,
                    cache: next,
                    unsaved: false,
                })
            }
            Writer::InPlace(mut w) => {
                let mut removed = 0;
                // The previous build's files no longer produced are gone, and so is a file
                // on disk that no build wrote (unless the output is taken as recorded).
                let mut files = std::mem::take(&mut w.previous);
                let mut unproduced: Vec<String> = Vec::new();
                match &produced.not_among_previous {
                    Some(paths) => {
                        for path in paths {
                            if files.remove(path).is_some() {
                                unproduced.push(path.clone());
                            }
                        }
                    }
                    None => files.retain(|path, _| {
                        let keep = (produced.all)(path);
                        if !keep {
                            unproduced.push(path.clone());
                        }
                        keep
                    }),
                }
                let ours = |path: &str| [MARKER, cache::JOURNAL, cache::CACHE].contains(&path);
                let mut gone: Vec<&String> = match w.on_disk {
                    Disk::Read(on_disk) => on_disk
                        .keys()
                        .filter(|path| !(produced.all)(path) && !ours(path))
                        .collect(),
                    Disk::AsRecorded => unproduced.iter().filter(|path| !ours(path)).collect(),
                };
                gone.sort();
                for path in gone {
                    w.remove(path)?;
                    removed += 1;
                }
                let written = w.written.load(std::sync::atomic::Ordering::Relaxed);
                // Saved even when no page changed (a digest's key may have changed alone),
                // unless nothing at all did: at 10,000 digests it is 30 MB.
                let unsaved = !(same_cache && recorded.is_empty() && removed == 0 && written == 0);
                if unsaved {
                    // The tree changed: it gets a new name, so that a session holding the
                    // previous cache (another process's `serve`) does not take it for its own.
                    next.generation = cache::new_generation();
                    let name = cache::generation_file(next.generation);
                    w.replace(cache::CACHE, name.as_bytes())?;
                }
                let mut now = files;
                now.extend(recorded);
                // The manifest follows the files on disk when their paths changed (or was
                // not kept yet: an output built before manifests, proven by its cache).
                let added = w.added.get_mut().map(|added| *added).unwrap_or(true);
                if added || removed > 0 || !w.state.join(out_folder::MANIFEST).exists() {
                    let paths = now.keys().map(String::as_str);
                    out_folder::write_manifest(&w.state, w.site, next.generation, paths)
                        .map_err(|e| w.failed(&e))?;
                }
                if unsaved || serving {
                    next.files = now;
                }
                if !serving {
                    if unsaved {
                        next.save(folder).map_err(|e| w.failed(&e))?;
                    }
                    if w.journal.get().is_some() {
                        std::fs::remove_file(w.out.join(cache::JOURNAL))
                            .map_err(|e| w.failed(&e))?;
                    }
                }
                Ok(Finished {
                    written: w.written.into_inner(),
                    removed,
                    cache: next,
                    unsaved: serving && (unsaved || w.journal.get().is_some()),
                })
            }
        }
    }
}

/// The files a build produced, for [`Writer::finish`].
pub(super) struct Produced<'a> {
    /// Whether a file is produced.
    pub(super) all: &'a dyn Fn(&str) -> bool,
    /// The previous build's files no longer produced, when known without asking `all` of
    /// each.
    pub(super) not_among_previous: Option<Vec<String>>,
}

/// What [`Writer::finish`] did.
pub(super) struct Finished {
    /// Files written and removed.
    pub(super) written: usize,
    pub(super) removed: usize,
    /// The cache of the site now in place.
    pub(super) cache: Cache,
    /// Whether saving the cache (and removing the journal) was left to the session.
    pub(super) unsaved: bool,
}

/// The files a build writes, from any thread: each goes through the [`Writer`], its record
/// to the next cache, and the path of one that is not a digest's page to those produced
/// (a digest's are all produced: at 10,000 digests 28,000 paths rather than 238,000 held
/// to the end). The first failed write stops the render and is reported as it is.
pub(super) struct Files<'a> {
    pub(super) writer: Writer<'a>,
    recorder: cache::Recorder,
    produced: Mutex<HashSet<String>>,
    first_error: OnceLock<String>,
    pages: &'a DigestPages<'a>,
}

impl<'a> Files<'a> {
    /// Writes with `writer`; `pages` tells a digest's pages from list files.
    pub(super) fn new(writer: Writer<'a>, pages: &'a DigestPages<'a>) -> Self {
        Self {
            writer,
            recorder: cache::Recorder::new(),
            produced: Mutex::new(HashSet::new()),
            first_error: OnceLock::new(),
            pages,
        }
    }

    /// Writes one file of the site (the sink of the render).
    pub(super) fn put(&self, file: OutputFile) -> Result<(), String> {
        let bytes = file.contents.as_bytes();
        let written = (self.writer.put(&file.path, bytes))
            .map_err(|e| self.first_error.get_or_init(|| e).clone())?;
        if let Some(meta) = written {
            self.recorder.record(&file.path, bytes, &meta);
        }
        if !self.pages.holds(&file.path)
            && let Ok(mut produced) = self.produced.lock()
        {
            produced.insert(file.path);
        }
        Ok(())
    }

    /// The error that stops the render when writing beside the pages (`doing`) failed: the
    /// first failure's.
    pub(super) fn failed(&self, doing: &str, e: &std::io::Error) -> String {
        (self
            .first_error
            .get_or_init(|| self.writer.io_error(doing, e)))
        .clone()
    }

    /// Why the render stopped: the first failed write, else the render's `message`.
    pub(super) fn render_failed(&self, message: String) -> String {
        (self.first_error.get().cloned()).unwrap_or_else(|| format!("rendering failed: {message}"))
    }

    /// The writer, the records of the files written, and the list files produced.
    pub(super) fn into_parts(self) -> (Writer<'a>, BTreeMap<String, FileRecord>, HashSet<String>) {
        let produced = self.produced.into_inner().unwrap_or_default();
        (self.writer, self.recorder.into_files(), produced)
    }
}
