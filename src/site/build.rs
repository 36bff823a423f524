//! `heptaglot build`: load what changed, render it, write it, and keep the cache that makes
//! the next build incremental (see [`super::cache`] for what is cached and why it is safe).
//!
//! The steps, each over every digest and in parallel where it matters:
//!
//! 1. The inputs every page depends on: configuration, Fluent files, glossary, templates.
//! 2. Heads: each notes file is read only when its size or time changed since the cached
//!    build; otherwise its head comes from the cache. Notes with errors stop the build
//!    here, before anything is written.
//! 3. Keys: each digest's notes and translation files, by their cached hashes or read again.
//! 4. The digests whose key, neighbours or pages changed are rendered (all of them in a full
//!    build), in chunks that load one digest's notes and translations at a time
//!    ([`pages::render_digests`]); the others are listed from the cache.
//! 5. The lists ([`pages::render_lists`]) and the search index, one language at a time,
//!    from what each digest gave them, spilled to disk as it was rendered.
//! 6. A full build writes into a staging folder swapped in at the end; an incremental one
//!    replaces the files whose bytes changed, behind a journal.

use std::collections::{HashMap, HashSet};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use rayon::prelude::*;

use super::cache::{self, Cache, CachedDigest, FileRecord, InputRecord};
use super::changes::Told;
use super::output::{self, MARKER, OutputFile};
use super::pages::{self, Counts, Digests, Head, Listed, Loaded, Source, Titles};
use super::search::{IndexState, IndexedPage, IndexedPageRef, SearchIndex};
use super::{BuildOptions, BuildReport, BuildSummary, Layout, SearchWork, Site, lock, output_dir};
use crate::config::{Config, Formats};
use crate::diag::Problem;
use crate::l10n::Localizer;
use crate::lang::Language;
use crate::notes;
use crate::render::Templates;
use crate::translate::{self, Glossary, Translations};

/// Where a full build writes its spill files in its staging folder, until they move to the
/// cache folder.
const STAGED_SPILL: &str = ".heptaglot-spill";

/// Loads, checks, renders and writes the site. Nothing is written when a notes file or the
/// configuration has errors, so the previous site stays as it was.
pub fn build(layout: &Layout, options: &BuildOptions) -> BuildReport {
    build_in(layout, options, &mut Session::default())
}

/// [`build`], as one of a `session` of builds of the same site.
pub fn build_in(layout: &Layout, options: &BuildOptions, session: &mut Session) -> BuildReport {
    // The last build's cache is saved and its lock released before this one takes it.
    let _ = session.settle();
    let incomplete = AtomicBool::new(false);
    let first = build_once(layout, options, session, &incomplete);
    if !incomplete.load(Ordering::Relaxed) {
        return first;
    }
    // The cache could not be trusted after all (a spill file lacks a digest's record): the
    // build starts again as a full one, which reads no cache.
    session.last = None;
    build_once(
        layout,
        &BuildOptions {
            full: true,
            ..options.clone()
        },
        session,
        &incomplete,
    )
}

/// What a caller that builds the same site again and again keeps between its builds
/// ([`Session::serving`]). A one-off build's session ([`Session::default`]) keeps nothing.
#[derive(Default)]
pub struct Session {
    /// Whether builds keep their cache for the next and leave saving it to
    /// [`Session::settle`].
    serving: bool,
    last: Option<Last>,
    /// What a watcher reported of the inputs since the last build began.
    told: Told,
    /// What the last build found of its inputs, for a next build told what changed.
    scanned: Option<Scanned>,
}

/// What a build found of its inputs that the next build of a session may take as it is
/// when what was reported to it changed none of it ([`Session::inputs_changed`]).
struct Scanned {
    root: PathBuf,
    /// The hash of the settings ([`cache::settings_key`]).
    settings: u64,
    /// The notes files found, when finding them met no problem.
    notes: Option<Vec<PathBuf>>,
    /// The digests' slugs, and the translation files of none of them.
    slugs: HashSet<String>,
    orphans: Vec<Problem>,
    /// The settings as loaded (taken by the next build that keeps them).
    loaded: Option<LoadedSettings>,
    /// The heads (taken by the next build that keeps them).
    heads: Option<Heads>,
}

/// What a build loads of the settings: the Fluent bundles, the glossary, the templates, and
/// the problems found in them.
struct LoadedSettings {
    localizer: Localizer,
    glossary: Glossary,
    templates: Option<Templates>,
    problems: Vec<Problem>,
}

impl LoadedSettings {
    fn load(layout: &Layout) -> Self {
        let root = &layout.root;
        let (localizer, mut problems) = Localizer::load(root, &layout.locales);
        let (glossary, glossary_problems) = Glossary::load(root, &layout.locales);
        problems.extend(glossary_problems);
        let templates = match Templates::load(root, &layout.templates) {
            Ok(templates) => Some(templates),
            Err(template_problems) => {
                problems.extend(template_problems);
                None
            }
        };
        Self {
            localizer,
            glossary,
            templates,
            problems,
        }
    }
}

/// The last successful build of a session.
struct Last {
    /// Its output folder, as the lock names it.
    out: PathBuf,
    cache: Cache,
    /// The files of its output that are not a digest's page.
    list_files: HashSet<String>,
    /// What it kept of its spill files, and left to write.
    spill: SpillKept,
    /// While its cache is not saved yet: the lock it still holds, and the cache folder.
    unsaved: Option<(lock::OutputLock, PathBuf)>,
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
    fn last_for(&mut self, out: &Path, global: u64) -> Option<Last> {
        let last = self.last.take().filter(|last| last.out == out)?;
        let cache = cache::trusted(out, last.cache, global)?;
        Some(Last { cache, ..last })
    }
}

/// A digest found in step 2: its head, and its notes' problems and input record.
struct Found {
    head: Head,
    /// Its notes file's record for the cache (path, size, time, hash).
    record: (String, InputRecord),
    /// Whether its notes are the cached ones.
    unchanged: bool,
}

/// A digest's notes file as step 2 read it: its record for the cache, and whether it is
/// the cached one.
type NotesRead = ((String, InputRecord), bool);

/// A digest's input files (notes, then translations) with their records for the cache.
type Records = Vec<(String, InputRecord)>;

/// Each digest's key and input records (none when carried from the previous build).
type Keyed = (u64, Option<Records>);

/// A notes file that loaded, for [`notes::load::admit`]: its path, the path shown, its slug.
type Candidate = (PathBuf, PathBuf, String, Found);

/// The digests' heads, newest first, with their notes files' records, their series and
/// their neighbours.
struct Heads {
    heads: Vec<Head>,
    notes: Vec<NotesRead>,
    series: Vec<(String, Vec<usize>)>,
    neighbours: Vec<pages::Neighbours>,
}

/// A notes file's record for the cache, from its name and full path.
type RecordOf<'a> = dyn Fn(&str, &Path) -> InputRecord + Sync + 'a;

/// Step 2: the heads of the notes `files`, each read only when its record (`record_of`)
/// differs from `previous`'s, and the problems of those that could not be read or whose
/// slug is taken (they are left out).
fn read_heads(
    root: &Path,
    files: &[PathBuf],
    previous: &Cache,
    record_of: &RecordOf,
) -> (Heads, Vec<Problem>) {
    // By the path's bytes: hashing a path component by component costs more.
    let by_source: HashMap<&std::ffi::OsStr, &CachedDigest> = previous
        .digests
        .values()
        .map(|d| (d.head.source.as_os_str(), d))
        .collect();
    let found: Vec<Result<Candidate, Vec<Problem>>> = files
        .par_iter()
        .map(|path| {
            let shown = notes::load::relative(root, path);
            let name = shown.to_string_lossy().into_owned();
            let record = record_of(&name, path);
            let cached = by_source
                .get(shown.as_os_str())
                .filter(|_| previous.inputs.get(&name).map(|r| r.3) == Some(record.3));
            let (head, unchanged) = match cached {
                Some(cached) => (cached.head.clone(), true),
                None => (Head::of(&notes::load_file(path, &shown)?), false),
            };
            let slug = head.slug.clone();
            Ok((
                path.clone(),
                shown,
                slug,
                Found {
                    head,
                    record: (name, record),
                    unchanged,
                },
            ))
        })
        .collect();
    let mut problems = Vec::new();
    let mut candidates = Vec::new();
    for item in found {
        match item {
            Ok(candidate) => candidates.push(candidate),
            Err(file_problems) => problems.extend(file_problems),
        }
    }
    let (mut found, slug_problems) = notes::load::admit(candidates);
    problems.extend(slug_problems);
    found.sort_by(|a, b| {
        b.head
            .date
            .cmp(&a.head.date)
            .then(a.head.slug.cmp(&b.head.slug))
    });
    let (heads, notes): (Vec<Head>, Vec<NotesRead>) = found
        .into_iter()
        .map(|f| (f.head, (f.record, f.unchanged)))
        .unzip();
    let series = pages::series_of(&heads);
    let neighbours = pages::neighbours(&heads, &series);
    let heads = Heads {
        heads,
        notes,
        series,
        neighbours,
    };
    (heads, problems)
}

/// Step 2 in a session told what `changed`, when the notes files are those of its last
/// build (`kept`, whose cache `previous` is): the same heads, with the reported notes files
/// read again (at 10,000 digests, 10,000 heads not taken from the cache, sorted and
/// grouped again). None when a reported file's head changed or it cannot be read: the
/// heads are then read as usual ([`read_heads`]).
fn heads_again(
    mut kept: Heads,
    root: &Path,
    changed: &super::changes::Changed,
    previous: &Cache,
    record_of: &RecordOf,
) -> Option<Heads> {
    for (head, ((name, record), unchanged)) in kept.heads.iter().zip(&mut kept.notes) {
        let name: &str = name;
        if !changed.touches(name) {
            // As the last build recorded it, which is the cache's record.
            *unchanged = true;
            continue;
        }
        *record = record_of(name, &root.join(name));
        *unchanged = previous.inputs.get(name).map(|r| r.3) == Some(record.3);
        if !*unchanged {
            let again = Head::of(&notes::load_file(&root.join(&head.source), &head.source).ok()?);
            if again != *head {
                return None;
            }
        }
    }
    Some(kept)
}

/// Step 3: each digest's key (the hash of its input files' hashes) with its input
/// records, and whether it changed since `previous`. A digest none of whose files the
/// watcher reported (`watched`) keeps its key and records (none: at 10,000 digests, 80,000
/// paths not made again), when the digests are those of `previous`.
///
/// With `hash_later` (a full build, `previous` empty: every digest is rendered, changed or
/// not), the translation files are not read: their records wait, listed in the third
/// vector (digest, record), for the hashes of the bytes the render reads ([`hashed_now`]).
/// At 10,000 digests that is 1.7 GB not read twice.
fn keys(
    root: &Path,
    locales: &Path,
    (heads, found): (&[Head], &[NotesRead]),
    previous: &Cache,
    (watched, same_heads): (Option<&super::changes::Changed>, bool),
    (record_of, hash_later): (&RecordOf, bool),
) -> (Vec<Keyed>, Vec<bool>, Vec<(usize, usize)>) {
    let translated = watched.and_then(|c| c.translated(locales));
    let same_slugs = same_heads
        || previous.digests.len() == heads.len()
            && (heads.iter()).all(|head| previous.digests.contains_key(&head.slug));
    let carried = |head: &Head, (notes, unchanged): &NotesRead| match (watched, &translated) {
        (Some(changed), Some(translated)) if same_slugs && *unchanged => {
            !changed.touches(&notes.0) && !translated.contains(head.slug.as_str())
        }
        _ => false,
    };
    let (keyed, waiting): (Vec<Keyed>, Vec<Vec<usize>>) = heads
        .par_iter()
        .zip(found.par_iter())
        .map(|(head, notes)| {
            if carried(head, notes)
                && let Some(cached) = previous.digests.get(&head.slug)
            {
                return ((cached.key, None), Vec::new());
            }
            let mut records = vec![notes.0.clone()];
            let mut waiting = Vec::new();
            for shown in translate::file::all_candidates(locales, &head.slug) {
                let name = shown.to_string_lossy().into_owned();
                let full = root.join(&shown);
                let record = if hash_later {
                    match cache::input_metadata(&full) {
                        Some((size, secs, nanos)) => {
                            waiting.push(records.len());
                            (size, secs, nanos, 0)
                        }
                        None => (0, 0, 0, cache::contents_hash(None)),
                    }
                } else {
                    record_of(&name, &full)
                };
                records.push((name, record));
            }
            ((key_of(&records), Some(records)), waiting)
        })
        .unzip();
    let pending = (waiting.into_iter().enumerate())
        .flat_map(|(i, records)| records.into_iter().map(move |j| (i, j)))
        .collect();
    let changed: Vec<bool> = (heads.iter().zip(found).zip(&keyed))
        .map(|((head, (_, unchanged)), (key, records))| {
            // A carried digest of the session's last heads: its key and head are cached.
            let carried = same_heads && records.is_none();
            !carried
                && (!unchanged
                    || (previous.digests.get(&head.slug))
                        .is_none_or(|c| c.key != *key || c.head != *head))
        })
        .collect();
    (keyed, changed, pending)
}

/// A digest's key: the hash of its input files' hashes (`records`, notes file first).
fn key_of(records: &Records) -> u64 {
    let bytes: Vec<u8> = (records.iter())
        .flat_map(|(_, r)| r.3.to_le_bytes())
        .collect();
    crate::hash::hash64(&bytes)
}

/// The `pending` translation records of a full build (see [`keys`]) with the hashes of
/// the bytes its render read (`seen`, by path as shown), and their digests' keys. A file
/// the render did not read (it failed to) is read now.
fn hashed_now(
    keyed: &mut [Keyed],
    pending: &[(usize, usize)],
    seen: &HashMap<String, u64>,
    root: &Path,
) {
    for &(i, j) in pending {
        if let Some((name, record)) = keyed[i].1.as_mut().and_then(|r| r.get_mut(j)) {
            record.3 = (seen.get(name.as_str()).copied())
                .unwrap_or_else(|| cache::file_hash(&root.join(name.as_str())));
        }
    }
    let mut digests: Vec<usize> = pending.iter().map(|&(i, _)| i).collect();
    digests.dedup();
    for i in digests {
        if let Some(records) = &keyed[i].1 {
            keyed[i].0 = key_of(records);
        }
    }
}

/// Which digests to render: all in a full build (not `incremental`); else those
/// `changed`, those whose neighbours changed, and those whose pages are not as the
/// previous build's files (`on_disk`) recorded them, in the `languages` and formats built.
fn to_render(
    digests: &Digests,
    changed: &[bool],
    previous: &Cache,
    (previous_files, on_disk): (&std::collections::BTreeMap<String, FileRecord>, &Disk),
    (languages, formats): (&[Language], Formats),
    incremental: bool,
) -> Vec<bool> {
    let heads = digests.heads;
    if !incremental {
        return vec![true; heads.len()];
    }
    let slug_at = |i: Option<usize>| i.map(|i| heads[i].slug.as_str());
    (heads.iter().enumerate())
        .map(|(i, head)| {
            let n = digests.neighbours[i];
            let cached = previous.digests.get(&head.slug);
            // A serving session's own build wrote every page of every digest it cached.
            let pages_intact = cached.is_some()
                && (matches!(on_disk, Disk::AsRecorded)
                    || digest_files(languages, formats, &head.slug)
                        .iter()
                        .all(|f| on_disk.holds(f, previous_files.get(f))));
            let same_neighbours = cached.is_some_and(|c| {
                (c.neighbours.0.as_deref(), c.neighbours.1.as_deref())
                    == (slug_at(n.older), slug_at(n.newer))
            });
            changed[i] || !pages_intact || !same_neighbours
        })
        .collect()
}

/// The calls next to a changed one whose title or date in some language changed (the
/// previous build's titles against those `first` rendered): they show them in their
/// previous/next links, so they are rendered again unless they were already.
fn neighbours_again(
    digests: &Digests,
    changed: &[bool],
    render: &[bool],
    previous: &Cache,
    first: &pages::DigestsRendered,
) -> Vec<bool> {
    let mut again = vec![false; digests.heads.len()];
    for (i, head) in digests
        .heads
        .iter()
        .enumerate()
        .filter(|(i, _)| changed[*i])
    {
        let cached = previous.digests.get(&head.slug).map(|c| &c.titles);
        if cached.is_none_or(|titles| first.titles.get(&i) != Some(titles)) {
            let n = digests.neighbours[i];
            for j in [n.older, n.newer].into_iter().flatten() {
                again[j] = !render[j];
            }
        }
    }
    again
}

/// Makes the `cached` digests (the previous build's, less those gone) those of this build:
/// each digest's key (`keyed`), head and neighbours, and, for those `rendered` now, their
/// titles and (when `fresh`: changed or rendered) their problems. With the `same_heads` as
/// the previous build, only the fresh ones can differ. Returns the notes files of digests
/// whose notes moved (same slug, another file).
fn update_digests(
    cached: &mut HashMap<String, CachedDigest>,
    (digests, same_heads): (&Digests, bool),
    keyed: &[Keyed],
    rendered: &mut pages::DigestsRendered,
    fresh: &dyn Fn(usize) -> bool,
) -> Result<Vec<String>, String> {
    let heads = digests.heads;
    let mut moved_notes: Vec<String> = Vec::new();
    let updated = |i: &usize| !same_heads || fresh(*i);
    for (i, head) in heads.iter().enumerate().filter(|(i, _)| updated(i)) {
        let titles = rendered.titles.remove(&i);
        // The problems of digests rendered now as found now, the others' as cached.
        let found = rendered.problems.remove(&i).filter(|_| fresh(i));
        let n = digests.neighbours[i];
        let slug_at = |j: Option<usize>| j.map(|j| heads[j].slug.as_str());
        let (older, newer) = (slug_at(n.older), slug_at(n.newer));
        match cached.get_mut(&head.slug) {
            Some(digest) => {
                if digest.head.source.as_os_str() != head.source.as_os_str() {
                    moved_notes.push(digest.head.source.to_string_lossy().into_owned());
                }
                if digest.head != *head {
                    digest.head = head.clone();
                }
                digest.key = keyed[i].0;
                let was = (
                    digest.neighbours.0.as_deref(),
                    digest.neighbours.1.as_deref(),
                );
                if was != (older, newer) {
                    digest.neighbours = (older.map(String::from), newer.map(String::from));
                }
                if let Some(titles) = titles {
                    digest.titles = titles;
                }
                if let Some(found) = found {
                    digest.problems = found;
                }
            }
            None => {
                let titles = titles.ok_or_else(|| format!("{} was not rendered", head.slug))?;
                let digest = CachedDigest {
                    head: head.clone(),
                    key: keyed[i].0,
                    neighbours: (older.map(String::from), newer.map(String::from)),
                    titles,
                    problems: found.unwrap_or_default(),
                };
                cached.insert(head.slug.clone(), digest);
            }
        }
    }
    Ok(moved_notes)
}

/// The input records of the next cache, from each digest's (`keyed`: none when carried
/// from the `previous` ones), less the notes files that moved; and whether they are the
/// previous ones.
fn next_inputs(
    mut previous: HashMap<String, InputRecord>,
    keyed: Vec<Keyed>,
    moved_notes: &[String],
) -> (HashMap<String, InputRecord>, bool) {
    if keyed.iter().any(|(_, records)| records.is_none()) {
        // The previous records, with those read again replacing theirs.
        let mut same = moved_notes.is_empty();
        for moved in moved_notes {
            previous.remove(moved);
        }
        for (name, record) in keyed.into_iter().filter_map(|(_, r)| r).flatten() {
            same &= previous.insert(name, record) == Some(record);
        }
        (previous, same)
    } else {
        let next: HashMap<String, InputRecord> =
            keyed.into_iter().filter_map(|(_, r)| r).flatten().collect();
        let same = next == previous;
        (next, same)
    }
}

/// The list files of the site after a build.
struct ListsNow {
    /// How many files, and pages among them.
    counts: Counts,
    /// The previous build's list files no longer produced.
    unproduced: Vec<String>,
    /// The list files now, when asked for and not the previous build's.
    other: Option<HashSet<String>>,
}

/// The list files after a build: the `previous` build's ones it `kept` or `written` again,
/// and those it wrote for the first time (`written`: the list files it wrote). `other` only
/// when `wanted`: most often they are the same files as before, which a serving session
/// keeps as they are.
fn lists_now(
    previous: &HashSet<String>,
    written: &HashSet<String>,
    kept: &dyn Fn(&str) -> bool,
    wanted: bool,
) -> ListsNow {
    let mut unproduced: Vec<String> = Vec::new();
    let mut counts = Counts::default();
    let mut count = |path: &str| {
        counts.files += 1;
        counts.pages += usize::from(path.ends_with(".html"));
    };
    for path in previous {
        match kept(path) || written.contains(path) {
            true => count(path),
            false => unproduced.push(path.clone()),
        }
    }
    let new: Vec<&String> = (written.iter())
        .filter(|p| !previous.contains(*p))
        .collect();
    new.iter().for_each(|p| count(p));
    let other = (wanted && !(unproduced.is_empty() && new.is_empty())).then(|| {
        (previous.iter())
            .filter(|p| kept(p) || written.contains(*p))
            .chain(new)
            .cloned()
            .collect()
    });
    ListsNow {
        counts,
        unproduced,
        other,
    }
}

/// What step 1 found.
struct Inputs {
    config: Config,
    /// The configuration's and the notes files' problems.
    problems: Vec<Problem>,
    loaded: LoadedSettings,
    /// The hash of the settings ([`cache::settings_key`]).
    settings: u64,
    /// The notes files.
    files: Vec<PathBuf>,
    /// Whether they are the last build's, no report having changed them.
    notes_spared: bool,
    /// Whether finding them met no problem.
    notes_found: bool,
}

/// Step 1: the configuration (with the options), the settings (the Fluent files, glossary
/// and templates) and the notes files. Those the last build found (`scanned`) are taken
/// as they are when what a watcher reported since (`reported`) cannot have changed them.
fn inputs(
    layout: &Layout,
    options: &BuildOptions,
    mut scanned: Option<&mut Scanned>,
    reported: Option<&super::changes::Changed>,
) -> Inputs {
    let root = &layout.root;
    let (mut config, mut problems) = Config::load(root);
    if let Some(url) = &options.base_url {
        config.base_url = Some(url.clone());
    }
    let spares_settings = reported.is_some_and(|changed| {
        changed.spares_settings(
            Path::new(crate::config::FILE_NAME),
            &layout.locales,
            &layout.templates,
        )
    });
    let kept = (scanned.as_deref_mut())
        .filter(|_| spares_settings)
        .and_then(|scanned| scanned.loaded.take());
    let loaded = kept.unwrap_or_else(|| LoadedSettings::load(layout));
    let told = reported.zip(scanned.as_deref());
    let settings = match told {
        Some((_, scanned)) if spares_settings => scanned.settings,
        _ => cache::settings_key(layout),
    };
    let notes_spared = match told {
        Some((
            changed,
            Scanned {
                notes: Some(notes), ..
            },
        )) => changed.spares_notes(root, &layout.digests, notes),
        _ => false,
    };
    // Taken from the last build, which gets them back at the end (10,000 paths not copied).
    let spared_notes = (scanned.filter(|_| notes_spared)).and_then(|s| s.notes.take());
    let (files, find_problems) = match spared_notes {
        Some(notes) => (notes, Vec::new()),
        None => notes::load::find_files(root, &layout.digests),
    };
    let notes_found = find_problems.is_empty();
    problems.extend(find_problems);
    Inputs {
        config,
        problems,
        loaded,
        settings,
        files,
        notes_spared,
        notes_found,
    }
}

/// One build; sets `incomplete` when it stopped because the cache lacks a record it needs.
fn build_once(
    layout: &Layout,
    options: &BuildOptions,
    session: &mut Session,
    incomplete: &AtomicBool,
) -> BuildReport {
    let started = Instant::now();
    let mut phases = Phases::new(started);
    let started_secs = cache::now();
    let root = &layout.root;
    // What a watcher reported since the last build, and what that build found: the
    // settings (loaded, and their hash), the notes files and the orphan translations are
    // found again only when a report may have changed them.
    let reported = session.told.changed();
    let mut scanned = session.scanned.take().filter(|s| &s.root == root);
    let kept_heads = scanned.as_mut().and_then(|scanned| scanned.heads.take());
    // 1. What every page depends on.
    let Inputs {
        config,
        mut problems,
        loaded,
        settings,
        files,
        notes_spared,
        notes_found,
    } = inputs(layout, options, scanned.as_mut(), reported.as_ref());
    problems.extend(loaded.problems.iter().cloned());
    let LoadedSettings {
        localizer,
        glossary,
        templates,
        problems: loading_problems,
    } = loaded;
    let told = reported.as_ref().zip(scanned.as_ref());
    let out = output_dir(root, &config, options);
    let site = Site {
        layout: layout.clone(),
        config,
        digests: Vec::new(),
        localizer,
        templates: None,
        translations: Translations {
            digests: Default::default(),
            glossary,
        },
        problems: Vec::new(),
    };
    let fail = |mut problems: Vec<Problem>, message: String| {
        crate::diag::sort(&mut problems);
        BuildReport {
            problems,
            runtime_warnings: Vec::new(),
            result: Err(message),
        }
    };
    let Some(templates) = templates else {
        return fail(
            problems,
            "the templates did not load; nothing was written".into(),
        );
    };
    let unchanged_message = || {
        format!(
            "some input files have errors; nothing was written, and the site in {} is unchanged",
            out.display()
        )
    };
    let blocking = |problems: &[Problem]| {
        problems.iter().any(|p| {
            p.is_error()
                && (p.file.starts_with(&layout.digests)
                    || p.file == Path::new(crate::config::FILE_NAME))
        })
    };
    if blocking(&problems) {
        return fail(problems, unchanged_message());
    }
    // One build at a time into `out`, from reading what is there until this function
    // returns (a symbolic link given as `out` is followed: the lock names the real folder).
    let lock = match lock::acquire(&out) {
        Ok(lock) => lock,
        Err(error) => return fail(problems, error.0),
    };
    let out = lock.out().to_path_buf();
    let cache_folder = cache::folder(&lock);
    let global = cache::global_key(settings, &site.config, options.formats);
    // The cache this session's last build left: its output is as it wrote it.
    let kept = (!options.full)
        .then(|| session.last_for(&out, global))
        .flatten();
    let trusted = kept.is_some();
    let (kept, kept_list_files, spill_kept) = match kept {
        Some(last) => (Some(last.cache), Some(last.list_files), last.spill),
        None => (None, None, SpillKept::default()),
    };
    let (search_readers, list_readers) = spill_kept.readers;
    let previous = if options.full {
        None
    } else {
        kept.or_else(|| cache::read(&out, &cache_folder, global))
    };
    let incremental = previous.is_some();
    let mut previous = previous.unwrap_or_default();
    // The inputs not reported since the last build of this session, whose cache this is,
    // are as it recorded them: their metadata is not read again. A record too recent to
    // vouch for its file's hash counts as reported.
    let watched = (reported.as_ref())
        .filter(|_| trusted)
        .map(|changed| (changed.clone()).with(previous.racy_inputs().map(PathBuf::from)));
    let record_of = |name: &str, full: &Path| -> InputRecord {
        match &watched {
            Some(changed) if !changed.touches(name) => previous.input_as_recorded(name),
            _ => None,
        }
        .unwrap_or_else(|| previous.input(name, full))
    };

    phases.end("inputs found, cache read");
    // 2. Heads.
    let again = match (kept_heads.filter(|_| notes_spared), &watched) {
        (Some(kept), Some(changed)) => heads_again(kept, root, changed, &previous, &record_of),
        _ => None,
    };
    let same_heads = again.is_some();
    let Heads {
        heads,
        notes: found,
        series,
        neighbours,
    } = match again {
        Some(heads) => heads,
        None => {
            let (heads, found_problems) = read_heads(root, &files, &previous, &record_of);
            problems.extend(found_problems);
            if blocking(&problems) {
                return fail(problems, unchanged_message());
            }
            heads
        }
    };
    let digests = Digests {
        heads: &heads,
        series: &series,
        neighbours: &neighbours,
    };

    phases.end("notes read");
    // 3. Keys.
    let locales = &layout.locales;
    let (mut keyed, changed, pending) = keys(
        root,
        locales,
        (&heads, &found),
        &previous,
        (watched.as_ref(), same_heads),
        (&record_of, !incremental),
    );
    phases.end("inputs compared");
    let previous_files = std::mem::take(&mut previous.files);
    let on_disk = if !incremental {
        Disk::Read(HashMap::new())
    } else if trusted {
        Disk::AsRecorded
    } else {
        Disk::Read(cache::scan(&out))
    };
    let mut render = to_render(
        &digests,
        &changed,
        &previous,
        (&previous_files, &on_disk),
        (&site.config.languages, options.formats),
        incremental,
    );

    phases.end("output compared");
    // 4 and 5. Render, into a staging folder (full) or in place (incremental).
    let formats = options.formats;
    let writer = if incremental {
        output::clean_leftovers(&lock);
        Writer::InPlace(InPlace::new(&out, previous_files, &on_disk))
    } else {
        match output::stage(&lock) {
            Ok(staging) => Writer::Staged(staging),
            Err(error) => return fail(problems, error.0),
        }
    };
    // A digest's pages are `<lang>/<slug>/index.html`, `<lang>/<slug>.md` and `.wiki`, in
    // the languages and formats built (reserved slugs keep the lists' own pages apart); all
    // else are list files. Every digest has all of them, rendered now or not.
    let slugs: HashSet<&str> = heads.iter().map(|h| h.slug.as_str()).collect();
    let codes: HashSet<&str> = site.config.languages.iter().map(|l| l.code()).collect();
    let is_digest_page = |path: &str| {
        let Some((code, rest)) = path.split_once('/') else {
            return false;
        };
        let format = |on: bool, suffix: &str| on.then(|| rest.strip_suffix(suffix)).flatten();
        let slug = format(formats.html, "/index.html")
            .or_else(|| format(formats.markdown, ".md"))
            .or_else(|| format(formats.wikitext, ".wiki"));
        codes.contains(code) && slug.is_some_and(|slug| !slug.contains('/') && slugs.contains(slug))
    };
    let recorder = cache::Recorder::new();
    // The files written that are not a digest's page (a digest's are all produced): at
    // 10,000 digests 28,000 paths rather than 238,000 held to the end.
    let produced = Mutex::new(HashSet::new());
    // The first failed write, which stops the render and is reported as it is.
    let write_error = std::sync::OnceLock::new();
    let sink = |file: OutputFile| -> Result<(), String> {
        let bytes = file.contents.as_bytes();
        let written = writer
            .put(&file.path, bytes)
            .map_err(|e| write_error.get_or_init(|| e).clone())?;
        if let Some(meta) = written {
            recorder.record(&file.path, bytes, &meta);
        }
        if !is_digest_page(&file.path)
            && let Ok(mut produced) = produced.lock()
        {
            produced.insert(file.path);
        }
        Ok(())
    };
    let (spill_dir, previous_spill) = match &writer {
        Writer::Staged(staging) => (staging.dir().join(STAGED_SPILL), None),
        Writer::InPlace(_) => {
            let spill = cache_folder.join(cache::SPILL);
            (spill.clone(), Some(spill))
        }
    };
    let languages = &site.config.languages;
    // A serving session's incremental build leaves the spill indexes and search states to
    // write to `settle`, with the cache.
    let defer = session.serving && previous_spill.is_some();
    let spill = |kind, readers, states| {
        let previous = previous_spill.as_deref();
        Spill::create(
            &spill_dir, previous, kind, languages, readers, states, defer,
        )
    };
    let spills = spill("search", search_readers, spill_kept.states)
        .and_then(|search| Ok((search, spill("lists", list_readers, HashMap::new())?)))
        .map(|(search, lists)| (search.complete(same_heads), lists.complete(same_heads)));
    let (tokens, lists) = match spills {
        Ok(spills) => spills,
        Err(e) => {
            return fail(
                problems,
                writer.io_error("creating the build's spill files", &e),
            );
        }
    };
    let known = |j: usize| -> Option<Titles> {
        (!changed[j])
            .then(|| previous.digests.get(&heads[j].slug))
            .flatten()
            .map(|c| c.titles.clone())
    };
    let source = FromDisk {
        layout,
        seen: (!pending.is_empty()).then(|| Mutex::new(HashMap::new())),
    };
    let sinks = pages::Sinks {
        pages: &sink,
        search: &|lang, slug, page| {
            tokens.add(lang, slug, &page).map_err(|e| {
                write_error
                    .get_or_init(|| writer.io_error("writing search tokens", &e))
                    .clone()
            })
        },
        lists: &|lang, slug, item| {
            lists.add(lang, slug, item).map_err(|e| {
                write_error
                    .get_or_init(|| writer.io_error("writing list entries", &e))
                    .clone()
            })
        },
    };
    let plan = pages::Plan {
        render: &render,
        known: &known,
    };
    let rendered =
        pages::render_digests(&site, &templates, formats, &digests, &plan, &source, sinks);
    // The calls next to a changed one show its title and date in their previous/next
    // links: they are rendered again when those changed.
    let again: Vec<bool> = match &rendered {
        Ok(first) if incremental => neighbours_again(&digests, &changed, &render, &previous, first),
        _ => Vec::new(),
    };
    let rendered = match rendered {
        Ok(mut first) if again.contains(&true) => {
            let known = |j: usize| first.titles.get(&j).cloned().or_else(|| known(j));
            let plan = pages::Plan {
                render: &again,
                known: &known,
            };
            pages::render_digests(&site, &templates, formats, &digests, &plan, &source, sinks).map(
                |second| {
                    first.add(second);
                    first
                },
            )
        }
        rendered => rendered,
    };
    for (render, again) in render.iter_mut().zip(&again) {
        *render |= again;
    }
    let report_error = |message: String, write_error: Option<String>| {
        write_error.unwrap_or_else(|| format!("rendering failed: {message}"))
    };
    if let Some(seen) = source.seen.and_then(|seen| seen.into_inner().ok()) {
        hashed_now(&mut keyed, &pending, &seen, root);
    }
    phases.end("digest pages");
    let mut rendered = match rendered {
        Ok(rendered) => rendered,
        Err(message) => {
            let message = report_error(message, write_error.get().cloned());
            return fail(problems, message);
        }
    };
    if let Err(e) = tokens.finish().and_then(|()| lists.finish()) {
        return fail(
            problems,
            writer.io_error("writing the build's spill files", &e),
        );
    }
    // The next cache's digests: the previous build's, with those gone removed and those
    // changed or rendered now updated (at 10,000 digests, 10,000 entries not made again).
    let mut cached = std::mem::take(&mut previous.digests);
    if !same_heads {
        cached.retain(|slug, _| slugs.contains(slug.as_str()));
    }
    let fresh = |i: usize| changed[i] || render[i];
    let moved_notes = match update_digests(
        &mut cached,
        (&digests, same_heads),
        &keyed,
        &mut rendered,
        &fresh,
    ) {
        Ok(moved_notes) => moved_notes,
        Err(message) => return fail(problems, message),
    };
    problems.extend(
        (heads.iter())
            .filter_map(|head| cached.get(head.slug.as_str()))
            .flat_map(|digest| digest.problems.iter().cloned()),
    );
    let is_digest = |slug: &str| slugs.contains(slug);
    let orphans = match told {
        Some((changed, scanned))
            if (same_heads
                || scanned.slugs.len() == slugs.len()
                    && slugs.iter().all(|&slug| scanned.slugs.contains(slug)))
                && changed.spares_orphans(locales, &is_digest) =>
        {
            scanned.orphans.clone()
        }
        _ => translate::orphan_files(root, locales, &is_digest),
    };
    problems.extend(orphans.iter().cloned());
    // Lists whose inputs are as the cached build had them are not rendered again: the same
    // digests in the same order, the same records from every digest rendered now, and
    // their files on disk as written. Most often a translator's edit changes the lists of
    // one language, and a touched file without changes none.
    // (The heads of a session's last build are in its order.)
    let same_order = incremental
        && (same_heads
            || previous
                .order
                .iter()
                .map(|(slug, series)| (slug.as_str(), series.as_str()))
                .eq(heads.iter().map(|h| (h.slug.as_str(), h.series.as_str()))));
    let previous_files = writer.previous();
    // With the same digests, the previous build's list files are the same paths (at 10,000
    // digests, 28,000 of 238,000 files): a serving session knows them.
    let same_digests = same_order
        || incremental
            && previous.order.len() == heads.len()
            && previous
                .order
                .iter()
                .all(|(slug, _)| slugs.contains(slug.as_str()));
    let list_files: HashSet<String> = match kept_list_files {
        Some(kept) if same_digests => kept,
        _ => (previous_files.keys())
            .filter(|f| !is_digest_page(f))
            .cloned()
            .collect(),
    };
    let intact = |keep: &dyn Fn(&str) -> bool| {
        // A serving session's own output is as recorded, and every list file has a record.
        matches!(on_disk, Disk::AsRecorded)
            || list_files
                .iter()
                .filter(|f| keep(f))
                .all(|f| on_disk.holds(f, previous_files.get(f)))
    };
    let search_files = |li: usize| move |f: &str| search_language(languages, f) == Some(li);
    // With the same digests in the same order and the list files as written, the lists
    // of a language whose records did not change are left as they are, and so are the
    // root, 404 and sitemap when no digest's address changed.
    let settled = same_order && intact(&|_| true);
    // Per language, which digests' list records changed (none: all may have).
    let differing: Vec<Option<Vec<bool>>> = languages
        .iter()
        .map(|&lang| {
            settled
                .then(|| lists.differing(&heads, &render, lang, &|a, b| a == b))
                .flatten()
        })
        .collect();
    let render_language: Vec<bool> = differing
        .iter()
        .map(|d| d.as_ref().is_none_or(|d| d.contains(&true)))
        .collect();
    let sitemap_of = |record: &[u8]| cache::decode_record::<Listed>(record).map(|l| l.sitemap);
    let common = !settled
        || !languages.iter().all(|&lang| {
            lists.unchanged(&heads, &render, lang, &|a, b| {
                sitemap_of(a) == sitemap_of(b)
            })
        });
    // The list files kept as they are: when settled, all but the search indexes', and the
    // search files of each language whose index is unchanged or patched.
    let mut search_kept = vec![false; languages.len()];
    let mut search_work = SearchWork::default();
    if !common {
        for (&lang, &rendered) in languages.iter().zip(&render_language) {
            if !rendered {
                lists.discard_language(lang);
            }
        }
    }
    let list_pages = if common || render_language.contains(&true) {
        pages::render_lists(
            &site,
            &templates,
            formats,
            &digests,
            &pages::Which {
                common,
                languages: &render_language,
                changed: &|lang, i| {
                    languages
                        .iter()
                        .position(|&l| l == lang)
                        .and_then(|li| differing[li].as_ref())
                        .is_none_or(|differing| differing[i])
                },
            },
            &mut |lang, needed| {
                let mut listed = HashMap::new();
                lists.merged(&writer, &heads, &render, lang, needed, |i, record| {
                    listed.insert(i, cache::decode_record::<Listed>(record)?);
                    Some(())
                })?;
                Ok(listed)
            },
            &sink,
        )
    } else {
        Ok(Counts::default())
    }
    .and_then(|mut counts| {
        phases.end("lists");
        let mut rebuilt = 0;
        counts.add(pages::render_search(
            &site,
            &templates,
            formats,
            &mut |lang| {
                let li = languages.iter().position(|&l| l == lang).unwrap_or(0);
                let differing = (same_order && intact(&search_files(li)))
                    .then(|| tokens.differing(&heads, &render, lang, &|a, b| a == b))
                    .flatten();
                if let Some(differing) = &differing {
                    if !differing.contains(&true) {
                        search_kept[li] = true;
                        tokens.discard_language(lang);
                        search_work.unchanged += 1;
                        return Ok(None);
                    }
                    // A few pages changed: the files holding their terms and passages are
                    // updated, the rest kept.
                    if let Some((files, state)) = tokens.patch_search(&out, &heads, differing, lang)
                    {
                        search_kept[li] = true;
                        for file in files {
                            sink(file)?;
                        }
                        tokens.save_state(&writer, lang, state)?;
                        // The new records join the previous file; none is read.
                        tokens
                            .merged(&writer, &heads, &render, lang, &|_| false, |_, _| Some(()))?;
                        search_work.updated += 1;
                        return Ok(None);
                    }
                }
                let mut index = SearchIndex::default();
                tokens.merged(&writer, &heads, &render, lang, &|_| true, |_, record| {
                    index.push(cache::decode_record_in_place::<IndexedPageRef>(record)?);
                    Some(())
                })?;
                Ok(Some(index))
            },
            &mut |lang, state| {
                rebuilt += 1;
                tokens.save_state(&writer, lang, state)
            },
            &sink,
        )?);
        search_work.rebuilt = rebuilt;
        Ok(counts)
    });
    phases.end("search");
    if tokens.incomplete.load(Ordering::Relaxed) || lists.incomplete.load(Ordering::Relaxed) {
        incomplete.store(true, Ordering::Relaxed);
    }
    let list_counts = match list_pages {
        Ok(counts) => counts,
        Err(message) => {
            let message = report_error(message, write_error.get().cloned());
            return fail(problems, message);
        }
    };
    let mut counts = rendered.counts;
    counts.add(list_counts);

    // 6. The new cache, and the site in place.
    let mut next = Cache::new(global, started_secs);
    next.generation = match previous.generation {
        generation if incremental => generation,
        _ => cache::new_generation(),
    };
    next.order = match same_order {
        true => std::mem::take(&mut previous.order),
        false => (heads.iter())
            .map(|h| (h.slug.clone(), h.series.clone()))
            .collect(),
    };
    // Whether every input is as the previous build recorded it.
    let (inputs, same_inputs) =
        next_inputs(std::mem::take(&mut previous.inputs), keyed, &moved_notes);
    next.inputs = inputs;
    next.digests = cached;
    let written_now = produced.into_inner().unwrap_or_default();
    let digest_count = heads.len();
    let kept = |path: &str| match search_language(languages, path) {
        Some(li) => search_kept[li],
        None => settled,
    };
    let ListsNow {
        counts: lists_on_site,
        unproduced,
        other: other_list_files,
    } = lists_now(&list_files, &written_now, &kept, session.serving);
    // The site now: every digest's pages (as many for each; the slug does not matter), and
    // the list files.
    let per_digest = digest_files(languages, formats, "x");
    let html_per_digest = per_digest.iter().filter(|p| p.ends_with(".html")).count();
    let on_site = Counts {
        files: heads.len() * per_digest.len() + lists_on_site.files,
        pages: heads.len() * html_per_digest + lists_on_site.pages,
    };
    // Nothing rendered and every input as recorded: the cache on disk is this one (but for
    // its start time, which only makes the next build read a few more files).
    let same_cache = incremental && !render.contains(&true) && same_order && same_inputs;
    let finished = writer.finish(
        next,
        &cache_folder,
        recorder.into_files(),
        &Produced {
            all: &|path| {
                is_digest_page(path)
                    || written_now.contains(path)
                    || (kept(path) && list_files.contains(path))
            },
            // With the same digests, every file no longer produced is a list file.
            not_among_previous: same_digests.then_some(unproduced),
        },
        same_cache,
        session.serving,
    );
    let new_list_files = other_list_files.unwrap_or(list_files);
    let (written, removed, counts) = match finished {
        Ok(Finished {
            written,
            removed,
            cache,
            unsaved,
        }) => {
            session.told.built();
            let slugs = match scanned.take() {
                Some(scanned) if same_heads => scanned.slugs,
                _ => slugs.iter().map(|&s| s.to_owned()).collect(),
            };
            session.scanned = Some(Scanned {
                root: root.clone(),
                settings,
                notes: notes_found.then_some(files),
                slugs,
                orphans,
                loaded: None,
                heads: Some(Heads {
                    heads,
                    notes: found,
                    series,
                    neighbours,
                }),
            });
            if session.serving {
                session.last = Some(Last {
                    out: out.clone(),
                    cache,
                    list_files: new_list_files,
                    spill: {
                        let (search_readers, states, mut unwritten) = tokens.into_kept();
                        let (list_readers, _, more) = lists.into_kept();
                        unwritten.extend(more);
                        SpillKept {
                            readers: (search_readers, list_readers),
                            states,
                            unwritten,
                        }
                    },
                    unsaved: unsaved.then_some((lock, cache_folder)),
                });
            }
            if incremental {
                (written, removed, on_site)
            } else {
                (counts.files, removed, counts)
            }
        }
        Err(message) => return fail(problems, message),
    };
    let runtime_warnings = site.localizer.runtime_problems();
    if let Some(scanned) = &mut session.scanned {
        scanned.loaded = Some(LoadedSettings {
            localizer: site.localizer,
            glossary: site.translations.glossary,
            templates: Some(templates),
            problems: loading_problems,
        });
    }
    crate::diag::sort(&mut problems);
    BuildReport {
        result: Ok(BuildSummary {
            digests: digest_count,
            languages: site.config.languages.len(),
            files: counts.files,
            pages: counts.pages,
            incremental,
            rendered: render.iter().filter(|r| **r).count(),
            written,
            removed,
            out,
            elapsed: started.elapsed(),
            base_url: site.config.base_url.clone(),
            phases: phases.done(),
            search: search_work,
        }),
        problems,
        runtime_warnings,
    }
}

/// The output files of a digest's pages in the formats built.
fn digest_files(languages: &[Language], formats: Formats, slug: &str) -> Vec<String> {
    cache::digest_files(languages, slug)
        .into_iter()
        .filter(|f| {
            (formats.html && f.ends_with(".html"))
                || (formats.markdown && f.ends_with(".md"))
                || (formats.wikitext && f.ends_with(".wiki"))
        })
        .collect()
}

/// Loads digests from the site's files.
struct FromDisk<'a> {
    layout: &'a Layout,
    /// The hash of each translation file read (by path as shown), when a full build keys
    /// the digests by what it rendered (see [`keys`]).
    seen: Option<Mutex<HashMap<String, u64>>>,
}

impl Source for FromDisk<'_> {
    fn load(&self, head: &Head) -> Result<(Loaded, Vec<Problem>), String> {
        let root = &self.layout.root;
        let digest = notes::load_file(&root.join(&head.source), &head.source).map_err(|_| {
            format!(
                "{} changed while the site was being built; run the build again",
                head.source.display()
            )
        })?;
        let seen = |shown: &Path, bytes: &[u8]| {
            if let Some(seen) = &self.seen {
                let (name, hash) = (shown.to_string_lossy(), cache::contents_hash(Some(bytes)));
                if let Ok(mut seen) = seen.lock() {
                    seen.insert(name.into_owned(), hash);
                }
            }
        };
        let (translations, problems) =
            translate::load_digest_seeing(root, &self.layout.locales, &digest, &seen);
        Ok((
            Loaded {
                digest,
                translations,
            },
            problems,
        ))
    }
}

/// The output folder's files as a build found them: read from disk, or taken to be as the
/// cache records them (a serving session's own output, see [`Session`]).
enum Disk {
    Read(HashMap<String, (u64, i64, u32)>),
    AsRecorded,
}

impl Disk {
    /// Whether the file at `path` is on disk as `record` (the previous build's) says.
    fn holds(&self, path: &str, record: Option<&FileRecord>) -> bool {
        record.is_some_and(|r| match self {
            Disk::Read(files) => r.on_disk(files.get(path)),
            Disk::AsRecorded => true,
        })
    }
}

/// Where a build writes: a staging folder (full build) or the output folder itself.
enum Writer<'a> {
    Staged(output::Staging),
    InPlace(InPlace<'a>),
}

/// Writing in place: only files whose bytes changed, each atomically, behind a journal.
struct InPlace<'a> {
    out: &'a Path,
    /// The files the previous build wrote.
    previous: std::collections::BTreeMap<String, FileRecord>,
    on_disk: &'a Disk,
    journal: std::sync::OnceLock<Result<(), String>>,
    written: std::sync::atomic::AtomicUsize,
}

impl<'a> InPlace<'a> {
    fn new(
        out: &'a Path,
        previous: std::collections::BTreeMap<String, FileRecord>,
        on_disk: &'a Disk,
    ) -> Self {
        Self {
            out,
            previous,
            on_disk,
            journal: std::sync::OnceLock::new(),
            written: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    /// Why writing failed, in a sentence.
    fn failed(&self, e: &std::io::Error) -> String {
        let out = self.out;
        let parent = out.parent().unwrap_or(out);
        let reason = output::explain(e, out, parent).unwrap_or_else(|| e.to_string());
        format!(
            "could not write the site to {}: {reason}; pages already replaced are whole, and the next build rebuilds the whole site",
            out.display()
        )
    }

    /// Writes the journal before the first change.
    fn start(&self) -> Result<(), String> {
        self.journal
            .get_or_init(|| {
                std::fs::write(
                    self.out.join(cache::JOURNAL),
                    "An incremental build is changing this folder; if this file stays, the next build is a full one.\n",
                )
                .map_err(|e| self.failed(&e))
            })
            .clone()
    }

    fn replace(&self, path: &str, bytes: &[u8]) -> Result<std::fs::Metadata, String> {
        self.start()?;
        cache::replace(self.out, path, bytes).map_err(|e| self.failed(&e))
    }
}

/// No files: what a full build found before it.
static NO_FILES: std::collections::BTreeMap<String, FileRecord> = std::collections::BTreeMap::new();

impl Writer<'_> {
    /// The files the previous build wrote (none for a full build).
    fn previous(&self) -> &std::collections::BTreeMap<String, FileRecord> {
        match self {
            Writer::Staged(_) => &NO_FILES,
            Writer::InPlace(w) => &w.previous,
        }
    }

    /// The error of a failed write, in a sentence.
    fn io_error(&self, doing: &str, e: &std::io::Error) -> String {
        match self {
            Writer::Staged(staging) => staging.error(doing, e).0,
            Writer::InPlace(w) => w.failed(e),
        }
    }

    /// Writes a file of the site; its new metadata when it was written (in place, a file
    /// whose bytes are those on disk is left alone).
    fn put(&self, path: &str, bytes: &[u8]) -> Result<Option<std::fs::Metadata>, String> {
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
    /// later ([`Session::settle`]).
    fn finish(
        self,
        mut next: Cache,
        folder: &Path,
        recorded: std::collections::BTreeMap<String, FileRecord>,
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
                let out = staging.out().to_path_buf();
                if let Err(e) = staging.commit() {
                    // The previous site stays, without a cache (its index was forgotten):
                    // what was moved is of no use.
                    let _ = std::fs::remove_dir_all(folder);
                    return Err(e.0);
                }
                // The site is published; a cache that cannot be saved only makes the next
                // build a full one.
                let saved = match std::fs::remove_dir_all(&spill) {
                    Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
                    _ => Ok(()),
                }
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
                    w.start()?;
                    let full = w.out.join(path);
                    std::fs::remove_file(&full).map_err(|e| w.failed(&e))?;
                    removed += 1;
                    // Folders left empty (a deleted digest's) go too; a non-empty one stays.
                    let mut dir = full.parent();
                    while let Some(d) = dir {
                        if d == w.out || std::fs::remove_dir(d).is_err() {
                            break;
                        }
                        dir = d.parent();
                    }
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
                if unsaved || serving {
                    next.files = files;
                    next.files.extend(recorded);
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
struct Produced<'a> {
    /// Whether a file is produced.
    all: &'a dyn Fn(&str) -> bool,
    /// The previous build's files no longer produced, when known without asking `all` of
    /// each.
    not_among_previous: Option<Vec<String>>,
}

/// The position among `languages` of the language whose search index holds the output file
/// `path` (`search/<code>/…` and `<code>/search/index.html`), if any.
fn search_language(languages: &[Language], path: &str) -> Option<usize> {
    let code = match path.strip_prefix("search/") {
        Some(rest) => rest.split_once('/').map(|(code, _)| code),
        None => path.strip_suffix("/search/index.html"),
    }?;
    languages.iter().position(|l| l.code() == code)
}

/// What [`Writer::finish`] did.
struct Finished {
    /// Files written and removed.
    written: usize,
    removed: usize,
    /// The cache of the site now in place.
    cache: Cache,
    /// Whether saving the cache (and removing the journal) was left to the session.
    unsaved: bool,
}

/// What each rendered digest gives to a kind of list (`search`: its pages' tokens;
/// `lists`: its [`Listed`]), one file per language, written as pages are rendered so that
/// memory does not hold them: in a full build into the staging folder (so that a failed
/// build leaves nothing behind; they move to the cache folder with the new site), in an
/// incremental one as `.new` files beside the cached ones.
struct Spill {
    /// Where this build's files are.
    dir: PathBuf,
    /// The previous build's files (incremental builds only).
    previous: Option<PathBuf>,
    files: Vec<(Language, Mutex<std::io::BufWriter<std::fs::File>>)>,
    /// Each language's files once indexed: indexing reads a whole file, and a build asks
    /// both whether a language changed and for its records.
    readers: Mutex<HashMap<Language, std::sync::Arc<Readers>>>,
    /// The reader of each language's previous file, as a serving session kept it from its
    /// last build or as opened; it follows the file as this build appends to it.
    olds: Mutex<OldReaders>,
    /// The state of each language's search index, as a serving session kept it or this
    /// build made it.
    states: Mutex<HashMap<Language, IndexState>>,
    /// Whether the indexes and states this build changes are written later, by
    /// [`Session::settle`] (a serving session's incremental build), rather than now.
    defer: bool,
    /// What is left to write when `defer`.
    unwritten: Mutex<Vec<Unwritten>>,
    /// Set when a record the build needs is in neither file: the cache cannot be trusted.
    incomplete: AtomicBool,
    /// Whether the previous files are known to hold a record of every digest (a serving
    /// session's build of the same digests as its last, which had them all), so that those
    /// neither rendered nor needed are not looked up one by one.
    complete: bool,
}

/// The readers of one language's spill files: this build's, and the previous build's.
struct Readers {
    fresh: cache::SpillReader,
    old: Option<std::sync::Arc<cache::SpillReader>>,
}

/// The readers of a kind of spill file's previous files, by language.
type OldReaders = HashMap<Language, std::sync::Arc<cache::SpillReader>>;

/// What a serving session keeps of its spill files between builds.
#[derive(Default)]
struct SpillKept {
    /// The readers of the search tokens' and the list entries' files.
    readers: (OldReaders, OldReaders),
    /// The state of each language's search index.
    states: HashMap<Language, IndexState>,
    /// What the last build left to write when the session settles.
    unwritten: Vec<Unwritten>,
}

/// A file a serving session's build left to write until it settles: each is checked
/// against what it describes (an index names its spill file's length, a state the
/// published files' contents), so one not written is not trusted by a later build.
enum Unwritten {
    /// The index of the spill file at this path.
    Index(PathBuf, std::sync::Arc<cache::SpillReader>),
    /// The state of a language's search index, at this path.
    State(PathBuf, Language),
}

impl SpillKept {
    /// Writes what was left to write.
    fn write(&mut self) -> std::io::Result<()> {
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
    fn create(
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
    fn complete(self, complete: bool) -> Self {
        Self { complete, ..self }
    }

    /// The readers of the previous files as this build leaves them, the search indexes'
    /// states, and what is left to write, for the next build of a serving session.
    fn into_kept(self) -> (OldReaders, HashMap<Language, IndexState>, Vec<Unwritten>) {
        (
            self.olds.into_inner().unwrap_or_default(),
            self.states.into_inner().unwrap_or_default(),
            self.unwritten.into_inner().unwrap_or_default(),
        )
    }

    /// Leaves `unwritten` for the session to write; false when this build writes now.
    fn defer(&self, unwritten: impl FnOnce() -> Unwritten) -> bool {
        self.defer
            && self
                .unwritten
                .lock()
                .map(|mut list| list.push(unwritten()))
                .is_ok()
    }

    /// The reader of `lang`'s previous file in `previous`.
    fn old(&self, previous: &Path, lang: Language) -> std::sync::Arc<cache::SpillReader> {
        let open = || std::sync::Arc::new(cache::SpillReader::open(&previous.join(lang.code())));
        match self.olds.lock() {
            Ok(mut olds) => olds.entry(lang).or_insert_with(open).clone(),
            Err(_) => open(),
        }
    }

    /// Records the reader of `lang`'s previous file after this build changed it (`None`:
    /// the next build opens it).
    fn set_old(&self, lang: Language, reader: Option<std::sync::Arc<cache::SpillReader>>) {
        if let Ok(mut olds) = self.olds.lock() {
            match reader {
                Some(reader) => olds.insert(lang, reader),
                None => olds.remove(&lang),
            };
        }
    }

    /// The readers of `lang`'s files, indexed on first use (after [`Spill::finish`]).
    fn readers(&self, lang: Language) -> std::sync::Arc<Readers> {
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

    fn path(dir: &Path, incremental: bool, lang: Language) -> PathBuf {
        let path = dir.join(lang.code());
        if incremental {
            path.with_extension("new")
        } else {
            path
        }
    }

    fn add(
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

    fn finish(&self) -> std::io::Result<()> {
        for (_, file) in &self.files {
            file.lock()
                .map_err(|_| std::io::Error::other("a rendering thread failed"))?
                .flush()?;
        }
        Ok(())
    }

    /// Whether every digest rendered now gave `lang` the record the previous build's file
    /// holds for it, as far as `same` tells (never in a full build).
    fn unchanged(
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
    fn differing(
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
    fn state_path(&self, lang: Language) -> PathBuf {
        self.previous
            .as_deref()
            .unwrap_or(&self.dir)
            .join(format!("{}.state", lang.code()))
    }

    /// Keeps the state of `lang`'s search index for the next build. In place, behind the
    /// journal: a build that stops after this makes the next one a full one.
    fn save_state(&self, writer: &Writer, lang: Language, state: IndexState) -> Result<(), String> {
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
    fn patch_search(
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
    fn discard_language(&self, lang: Language) {
        if self.previous.is_some() {
            let _ = std::fs::remove_file(Self::path(&self.dir, true, lang));
        }
    }

    /// The reader of `lang`'s previous file once this build's records (`readers.fresh`)
    /// are appended to it: the previous reader grown in place when nothing else holds it
    /// (its index has 10,000 slugs at 10,000 digests), else a grown copy.
    fn grown(
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
    fn merged(
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

/// Wall time of each step of a build, for `build --timings`.
struct Phases {
    last: Instant,
    phases: Vec<(&'static str, std::time::Duration)>,
}

impl Phases {
    fn new(started: Instant) -> Self {
        Phases {
            last: started,
            phases: Vec::new(),
        }
    }

    /// Ends the step called `name`, which began when the previous one ended.
    fn end(&mut self, name: &'static str) {
        let now = Instant::now();
        self.phases.push((name, now - self.last));
        self.last = now;
    }

    fn done(mut self) -> Vec<(&'static str, std::time::Duration)> {
        self.end("cache saved, site in place");
        self.phases
    }
}
