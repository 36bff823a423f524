//! Deciding what a build renders: the inputs found (step 1), the digests' heads (step 2)
//! and keys (step 3), which digests changed or border one that did, and what the cache and
//! the list files become after. Nothing here writes to the output folder; the orchestration
//! ([`super::build`]) hands these decisions to the render and to the writing
//! ([`super::write`]).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use super::cache::{self, Cache, CachedDigest, FileRecord, InputRecord};
use super::changes::Changed;
use super::pages::{self, Counts, Digests, Head, Loaded, Source};
use super::{BuildOptions, Layout, Site};
use crate::config::{Config, Formats};
use crate::diag::Problem;
use crate::l10n::Localizer;
use crate::lang::Language;
use crate::notes;
use crate::render::Templates;
use crate::translate::{self, Glossary};

/// What a build found of its inputs that the next build of a session may take as it is
/// when what was reported to it changed none of it ([`Session::inputs_changed`]).
pub(super) struct Scanned {
    pub(super) root: PathBuf,
    /// The hash of the settings ([`cache::settings_key`]).
    pub(super) settings: u64,
    /// The notes files found, when finding them met no problem.
    pub(super) notes: Option<Vec<PathBuf>>,
    /// The digests' slugs, and the translation files of none of them.
    pub(super) slugs: HashSet<String>,
    pub(super) orphans: Vec<Problem>,
    /// The settings as loaded (taken by the next build that keeps them).
    pub(super) loaded: Option<LoadedSettings>,
    /// The heads (taken by the next build that keeps them).
    pub(super) heads: Option<Heads>,
}

/// What a build loads of the settings: the Fluent bundles, the glossary, the templates, and
/// the problems found in them.
pub(super) struct LoadedSettings {
    pub(super) localizer: Localizer,
    pub(super) glossary: Glossary,
    pub(super) templates: Option<Templates>,
    pub(super) problems: Vec<Problem>,
}

impl LoadedSettings {
    pub(super) fn load(layout: &Layout) -> Self {
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

/// A digest found in step 2: its head, and its notes' problems and input record.
pub(super) struct Found {
    pub(super) head: Head,
    /// Its notes file's record for the cache (path, size, time, hash).
    pub(super) record: (String, InputRecord),
    /// Whether its notes are the cached ones.
    pub(super) unchanged: bool,
}

/// A digest's notes file as step 2 read it: its record for the cache, and whether it is
/// the cached one.
pub(super) type NotesRead = ((String, InputRecord), bool);

/// A digest's input files (notes, then translations) with their records for the cache.
pub(super) type Records = Vec<(String, InputRecord)>;

/// Each digest's key and input records (none when carried from the previous build).
pub(super) type Keyed = (u64, Option<Records>);

/// A notes file that loaded, for [`notes::load::admit`]: its path, the path shown, its slug.
pub(super) type Candidate = (PathBuf, PathBuf, String, Found);

/// A notes file as step 2 read it: its candidate, with its series' name when its notes were
/// read now (not taken from the cache), or its problems.
type Read = Result<(Candidate, Option<String>), Vec<Problem>>;

/// The digests' heads, newest first, with their notes files' records, their series and
/// their neighbours.
pub(super) struct Heads {
    pub(super) heads: Vec<Head>,
    pub(super) notes: Vec<NotesRead>,
    pub(super) series: Vec<(String, Vec<usize>)>,
    pub(super) neighbours: Vec<pages::Neighbours>,
}

impl Heads {
    /// The digests as the render sees them.
    pub(super) fn digests(&self) -> Digests<'_> {
        Digests {
            heads: &self.heads,
            series: &self.series,
            neighbours: &self.neighbours,
        }
    }
}

/// A notes file's record for the cache, from its name and full path.
pub(super) type RecordOf<'a> = dyn Fn(&str, &Path) -> InputRecord + Sync + 'a;

/// A notes or translation file's record for the cache: as `previous` recorded it when the
/// session's watcher reported no change to it (`watched`), else read from the file's
/// metadata, hashing it only when that changed.
pub(super) fn record_of(
    previous: &Cache,
    watched: Option<&Changed>,
    name: &str,
    full: &Path,
) -> InputRecord {
    match watched {
        Some(changed) if !changed.touches(name) => previous.input_as_recorded(name),
        _ => None,
    }
    .unwrap_or_else(|| previous.input(name, full))
}

/// Step 2: the heads of the notes `files`, each read only when its record (`record_of`)
/// differs from `previous`'s, and the problems of those that could not be read or whose
/// slug is taken (they are left out).
pub(super) fn read_heads(
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
    let found: Vec<Read> = files
        .par_iter()
        .map(|path| {
            let shown = notes::load::relative(root, path);
            let name = shown.to_string_lossy().into_owned();
            let record = record_of(&name, path);
            let cached = by_source
                .get(shown.as_os_str())
                .filter(|_| previous.inputs.get(&name).map(|r| r.3) == Some(record.3));
            let (head, unchanged, series) = match cached {
                Some(cached) => (cached.head.clone(), true, None),
                None => {
                    let digest = notes::load_file(path, &shown)?;
                    (Head::of(&digest), false, Some(digest.notes.series))
                }
            };
            let slug = head.slug.clone();
            Ok((
                (
                    path.clone(),
                    shown,
                    slug,
                    Found {
                        head,
                        record: (name, record),
                        unchanged,
                    },
                ),
                series,
            ))
        })
        .collect();
    let mut problems = Vec::new();
    let mut candidates = Vec::new();
    let mut names = HashMap::new();
    for item in found {
        match item {
            Ok((candidate, series)) => {
                if let Some(series) = series {
                    names.insert(candidate.1.clone(), series);
                }
                candidates.push(candidate);
            }
            Err(file_problems) => problems.extend(file_problems),
        }
    }
    let (mut found, slug_problems) = notes::load::admit(candidates);
    problems.extend(slug_problems);
    problems.extend(shared_series_addresses(root, &found, names));
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

/// The errors of series that would share an address ([`notes::load::shared_series_addresses`],
/// as `check` reports them). The series' names come from the notes files read now
/// (`names`, by file as shown); a series only in files taken from the cache was checked when
/// they were read, so one of its files is read again only when a file read now has the same
/// address: at 10,000 digests, one file per edited series.
fn shared_series_addresses(
    root: &Path,
    found: &[Found],
    mut names: HashMap<PathBuf, String>,
) -> Vec<Problem> {
    let fresh: HashSet<&str> = (found.iter())
        .filter(|f| !f.unchanged)
        .map(|f| f.head.series.as_str())
        .collect();
    let mut checked = HashSet::new();
    for f in found.iter().filter(|f| f.unchanged) {
        let (series, source) = (f.head.series.as_str(), &f.head.source);
        if fresh.contains(series)
            && checked.insert(series)
            && let Ok(digest) = notes::load_file(&root.join(source), source)
        {
            names.insert(source.clone(), digest.notes.series);
        }
    }
    let mut named: Vec<(&Path, &str)> = (found.iter())
        .filter_map(|f| {
            let source = f.head.source.as_path();
            names.get(source).map(|name| (source, name.as_str()))
        })
        .collect();
    named.sort();
    notes::load::shared_series_addresses(root, named.into_iter())
}

/// Step 2 in a session told what `changed`, when the notes files are those of its last
/// build (`kept`, whose cache `previous` is): the same heads, with the reported notes files
/// read again (at 10,000 digests, 10,000 heads not taken from the cache, sorted and
/// grouped again). None when a reported file's head changed or it cannot be read: the
/// heads are then read as usual ([`read_heads`]).
pub(super) fn heads_again(
    mut kept: Heads,
    root: &Path,
    changed: &Changed,
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

/// Step 3's result: each digest's key and input records, whether it changed, and the
/// translation records a full build hashes from what it renders.
pub(super) struct Keys {
    /// Each digest's key and input records (none when carried from the previous build).
    pub(super) keyed: Vec<Keyed>,
    /// Whether each digest changed since the previous build.
    pub(super) changed: Vec<bool>,
    /// The records waiting for their hashes, as (digest, record) positions.
    pub(super) pending: Vec<(usize, usize)>,
    /// The errors of the changed digests' translation files that cannot be read (an
    /// incremental build's: it writes in place, so it reads them before writing).
    pub(super) unreadable: Vec<Problem>,
}

/// Step 3: each digest's key (the hash of its input files' hashes) with its input
/// records, and whether it changed since `previous` ([`Keys`]). A digest none of whose
/// files the watcher reported (`watched`) keeps its key and records (none: at 10,000
/// digests, 80,000 paths not made again), when the digests are those of `previous`.
///
/// With `hash_later` (a full build, `previous` empty: every digest is rendered, changed or
/// not), the translation files are not read: their records wait, listed in
/// [`Keys::pending`], for the hashes of the bytes the render reads ([`hashed_now`]).
/// At 10,000 digests that is 1.7 GB not read twice.
pub(super) fn keys(
    root: &Path,
    locales: &Path,
    (heads, found): (&[Head], &[NotesRead]),
    previous: &Cache,
    (watched, same_heads): (Option<&Changed>, bool),
    (record_of, hash_later): (&RecordOf, bool),
) -> Keys {
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
    // A full build renders into a staging folder and stops there on these errors (the
    // render reads every file anyway); an incremental one writes in place, so the files
    // of the digests it renders are parsed first.
    let unreadable = match hash_later {
        true => Vec::new(),
        false => (heads.par_iter().zip(&changed))
            .filter(|(_, changed)| **changed)
            .flat_map_iter(|(head, _)| translate::unreadable(root, locales, &head.slug))
            .collect(),
    };
    Keys {
        keyed,
        changed,
        pending,
        unreadable,
    }
}

/// A digest's key: the hash of its input files' hashes (`records`, notes file first).
pub(super) fn key_of(records: &Records) -> u64 {
    let bytes: Vec<u8> = (records.iter())
        .flat_map(|(_, r)| r.3.to_le_bytes())
        .collect();
    crate::hash::hash64(&bytes)
}

/// The `pending` translation records of a full build (see [`keys`]) with the hashes of
/// the bytes its render read (`seen`, by path as shown), and their digests' keys. A file
/// the render did not read (it failed to) is read now.
pub(super) fn hashed_now(
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
pub(super) fn to_render(
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
pub(super) fn neighbours_again(
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
pub(super) fn update_digests(
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
pub(super) fn next_inputs(
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
pub(super) struct ListsNow {
    /// How many files, and pages among them.
    pub(super) counts: Counts,
    /// The previous build's list files no longer produced.
    pub(super) unproduced: Vec<String>,
    /// The list files now, when asked for and not the previous build's.
    pub(super) other: Option<HashSet<String>>,
}

/// The list files after a build: the `previous` build's ones it `kept` or `written` again,
/// and those it wrote for the first time (`written`: the list files it wrote). `other` only
/// when `wanted`: most often they are the same files as before, which a serving session
/// keeps as they are.
pub(super) fn lists_now(
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
pub(super) struct Inputs {
    pub(super) config: Config,
    /// The configuration's and the notes files' problems.
    pub(super) problems: Vec<Problem>,
    pub(super) loaded: LoadedSettings,
    /// The hash of the settings ([`cache::settings_key`]).
    pub(super) settings: u64,
    /// The notes files.
    pub(super) files: Vec<PathBuf>,
    /// Whether they are the last build's, no report having changed them.
    pub(super) notes_spared: bool,
    /// Whether finding them met no problem.
    pub(super) notes_found: bool,
}

/// Step 1: the configuration (with the options), the settings (the Fluent files, glossary
/// and templates) and the notes files. Those the last build found (`scanned`) are taken
/// as they are when what a watcher reported since (`reported`) cannot have changed them.
pub(super) fn inputs(
    layout: &Layout,
    options: &BuildOptions,
    mut scanned: Option<&mut Scanned>,
    reported: Option<&Changed>,
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

/// The output files of a digest's pages in the formats built.
pub(super) fn digest_files(languages: &[Language], formats: Formats, slug: &str) -> Vec<String> {
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
pub(super) struct FromDisk<'a> {
    pub(super) layout: &'a Layout,
    /// The hash of each translation file read (by path as shown), when a full build keys
    /// the digests by what it rendered (see [`keys`]).
    pub(super) seen: Option<Mutex<HashMap<String, u64>>>,
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
/// cache records them (a serving session's own output, see [`super::Session`]).
pub(super) enum Disk {
    Read(HashMap<String, (u64, i64, u32)>),
    AsRecorded,
}

impl Disk {
    /// The files in `out` as a build finds them: none for a full build, as recorded for a
    /// serving session's own output (`trusted`), else read.
    pub(super) fn of(out: &Path, incremental: bool, trusted: bool) -> Self {
        if !incremental {
            Disk::Read(HashMap::new())
        } else if trusted {
            Disk::AsRecorded
        } else {
            Disk::Read(cache::scan(out))
        }
    }

    /// Whether the file at `path` is on disk as `record` (the previous build's) says.
    pub(super) fn holds(&self, path: &str, record: Option<&FileRecord>) -> bool {
        record.is_some_and(|r| match self {
            Disk::Read(files) => r.on_disk(files.get(path)),
            Disk::AsRecorded => true,
        })
    }
}

/// The position among `languages` of the language whose search index holds the output file
/// `path` (`search/<code>/…` and `<code>/search/index.html`), if any.
pub(super) fn search_language(languages: &[Language], path: &str) -> Option<usize> {
    let code = match path.strip_prefix("search/") {
        Some(rest) => rest.split_once('/').map(|(code, _)| code),
        None => path.strip_suffix("/search/index.html"),
    }?;
    languages.iter().position(|l| l.code() == code)
}

/// What the steps after the heads share: the site as loaded, what is built, and where.
pub(super) struct Building<'a> {
    pub(super) layout: &'a Layout,
    pub(super) site: &'a Site,
    pub(super) templates: &'a Templates,
    pub(super) formats: Formats,
    pub(super) digests: Digests<'a>,
    /// Which files are a digest's pages, and the digests' slugs.
    pub(super) pages: &'a DigestPages<'a>,
    /// The output folder, and its files as this build found them.
    pub(super) out: &'a Path,
    pub(super) on_disk: &'a Disk,
    pub(super) incremental: bool,
    pub(super) same_heads: bool,
    /// Whether the build is one of a serving session's.
    pub(super) serving: bool,
}

impl Building<'_> {
    /// The languages built.
    pub(super) fn languages(&self) -> &[Language] {
        &self.site.config.languages
    }
}

/// Which output files are a digest's pages: `<lang>/<slug>/index.html`, `<lang>/<slug>.md`
/// and `.wiki`, in the languages and formats built (reserved slugs keep the lists' own
/// pages apart); all else are list files. Every digest has all of them, rendered now or not.
pub(super) struct DigestPages<'a> {
    /// The digests' slugs.
    pub(super) slugs: HashSet<&'a str>,
    /// The codes of the languages built.
    codes: HashSet<&'a str>,
    formats: Formats,
}

impl<'a> DigestPages<'a> {
    /// The pages of the digests `heads` in the `languages` and `formats` built.
    pub(super) fn new(heads: &'a [Head], languages: &'a [Language], formats: Formats) -> Self {
        Self {
            slugs: heads.iter().map(|h| h.slug.as_str()).collect(),
            codes: languages.iter().map(|l| l.code()).collect(),
            formats,
        }
    }

    /// Whether the output file `path` is a digest's page.
    pub(super) fn holds(&self, path: &str) -> bool {
        let Some((code, rest)) = path.split_once('/') else {
            return false;
        };
        let formats = self.formats;
        let format = |on: bool, suffix: &str| on.then(|| rest.strip_suffix(suffix)).flatten();
        let slug = format(formats.html, "/index.html")
            .or_else(|| format(formats.markdown, ".md"))
            .or_else(|| format(formats.wikitext, ".wiki"));
        self.codes.contains(code)
            && slug.is_some_and(|slug| !slug.contains('/') && self.slugs.contains(slug))
    }
}
