//! `heptaglot build`: load what changed, render it, write it, and keep the cache that makes
//! the next build incremental (see [`super::cache`] for what is cached and why it is safe).
//!
//! This file is the orchestration: [`build_once`] is the list of steps, each taking and
//! returning named types. What to render is decided in [`super::plan`], files are written
//! by [`super::write`], and what a serving session keeps between builds (and the spill
//! files that carry what each digest gave the lists) is in [`super::session`].
//!
//! The steps, each over every digest and in parallel where it matters:
//!
//! 1. The inputs every page depends on: configuration, Fluent files, glossary, templates.
//! 2. Heads: each notes file is read only when its size or time changed since the cached
//!    build; otherwise its head comes from the cache. Notes with errors stop the build
//!    here, before anything is written.
//! 3. Keys: each digest's notes and translation files, by their cached hashes or read again.
//!    An incremental build parses the translation files of the digests it renders here:
//!    one that cannot be read stops it before it writes (a full build stops after
//!    rendering into its staging folder, before the swap).
//! 4. The digests whose key, neighbours or pages changed are rendered (all of them in a full
//!    build), in chunks that load one digest's notes and translations at a time
//!    ([`pages::render_digests`]); the others are listed from the cache.
//! 5. The lists ([`pages::render_lists`]) and the search index, one language at a time,
//!    from what each digest gave them, spilled to disk as it was rendered.
//! 6. A full build writes into a staging folder swapped in at the end; an incremental one
//!    replaces the files whose bytes changed, behind a journal.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::cache::{self, Cache, CachedDigest};
use super::changes::Changed;
use super::lists::{self, ListsPlan};
use super::pages::{self, Counts, DigestsRendered, Titles};
use super::plan::{
    self, Building, DigestPages, Disk, FromDisk, Heads, Inputs, Keys, ListsNow, LoadedSettings,
    Scanned,
};
use super::session::{Last, Session, SpillKept, Spills};
use super::write::{Files, Finished, Produced, Writer};
use super::{
    BuildOptions, BuildReport, BuildSummary, Layout, SearchWork, Site, lock, out_folder, output_dir,
};
use crate::diag::Problem;
use crate::render::Templates;
use crate::translate::{self, Translations};

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

/// One build; sets `incomplete` when it stopped because the cache lacks a record it needs.
/// The problems found are reported whether the build succeeded or not.
fn build_once(
    layout: &Layout,
    options: &BuildOptions,
    session: &mut Session,
    incomplete: &AtomicBool,
) -> BuildReport {
    let mut problems = Vec::new();
    let result = run(layout, options, session, incomplete, &mut problems);
    crate::diag::sort(&mut problems);
    match result {
        Ok((summary, runtime_warnings)) => BuildReport {
            result: Ok(summary),
            problems,
            runtime_warnings,
        },
        Err(message) => BuildReport {
            problems,
            runtime_warnings: Vec::new(),
            result: Err(message),
        },
    }
}

/// What a build takes from its session before it starts: what a watcher reported since
/// the last build, and what that build found of its inputs (the settings, the notes files
/// and the orphan translations are found again only when a report may have changed them).
struct FromSession {
    reported: Option<Changed>,
    /// What the last build of the same site found of its inputs.
    scanned: Option<Scanned>,
    /// Its heads, taken out of `scanned`.
    heads: Option<Heads>,
}

impl FromSession {
    fn take(session: &mut Session, root: &Path) -> Self {
        let reported = session.told.changed();
        let mut scanned = session.scanned.take().filter(|s| s.root == *root);
        let heads = scanned.as_mut().and_then(|scanned| scanned.heads.take());
        Self {
            reported,
            scanned,
            heads,
        }
    }
}

/// Step 1's result: the site with the settings every page depends on, checked.
struct Ready {
    site: Site,
    templates: Templates,
    /// The problems of the settings, kept with them for the session's next build.
    loading_problems: Vec<Problem>,
    /// The hash of the settings ([`cache::settings_key`]).
    settings: u64,
    /// The notes files.
    files: Vec<PathBuf>,
    /// Whether they are the last build's, no report having changed them.
    notes_spared: bool,
    /// Whether finding them met no problem.
    notes_found: bool,
    /// The output folder, as the options name it.
    out: PathBuf,
}

/// The output folder opened for a build: locked, with the previous build's cache and what
/// a serving session kept of its last build.
struct Opened {
    lock: lock::OutputLock,
    /// The output folder, as the lock names it (a symbolic link followed).
    out: PathBuf,
    cache_folder: PathBuf,
    /// The hash of everything every page depends on ([`cache::global_key`]).
    global: u64,
    /// The previous build's cache (empty for a full build).
    previous: Cache,
    /// Whether only what changed is rendered and written.
    incremental: bool,
    /// Whether the cache is the session's own: its output is as it wrote it.
    trusted: bool,
    /// The session's last build's list files.
    kept_list_files: Option<HashSet<String>>,
    spill_kept: SpillKept,
    /// The inputs reported since the session's last build, with those whose records are
    /// too recent to vouch for their hashes (only for a `trusted` cache).
    watched: Option<Changed>,
}

/// Step 2's result.
struct HeadsFound {
    heads: Heads,
    /// Whether they are the session's last build's, with only the reported notes read again.
    same_heads: bool,
}

/// The next cache's digests: the previous build's, with those gone removed and those
/// changed or rendered now updated.
struct DigestsNow {
    cached: HashMap<String, CachedDigest>,
    /// The notes files of digests whose notes moved (same slug, another file).
    moved_notes: Vec<String>,
}

/// Step 6's result.
struct Published {
    finished: Finished,
    /// The site's files now, and the HTML pages among them.
    on_site: Counts,
    /// The list files now, for the session's next build.
    list_files: HashSet<String>,
}

/// The steps of one build, in order; `problems` gathers what each finds, and an error says
/// why nothing was written (or, once the site is in place, what was not saved).
fn run(
    layout: &Layout,
    options: &BuildOptions,
    session: &mut Session,
    incomplete: &AtomicBool,
    problems: &mut Vec<Problem>,
) -> Result<(BuildSummary, Vec<String>), String> {
    let started = Instant::now();
    let mut phases = Phases::new(started);
    let started_secs = cache::now();
    let root = &layout.root;
    let mut from = FromSession::take(session, root);
    // 1. What every page depends on; then the output folder, locked, and its cache.
    let ready = find_inputs(layout, options, &mut from, problems)?;
    let mut opened = open_output(options, session, &ready, from.reported.as_ref())?;
    let (previous, watched) = (&opened.previous, opened.watched.as_ref());
    let record_of = |name: &str, full: &Path| plan::record_of(previous, watched, name, full);
    phases.end("inputs found, cache read");
    // 2. Heads.
    let kept_heads = from.heads.take();
    let HeadsFound { heads, same_heads } = find_heads(
        layout,
        &ready,
        kept_heads,
        (watched, previous),
        &record_of,
        problems,
    )?;
    phases.end("notes read");
    // 3. Keys.
    let mut keys = plan::keys(
        root,
        &layout.locales,
        (&heads.heads, &heads.notes),
        previous,
        (watched, same_heads),
        (&record_of, !opened.incremental),
    );
    problems.append(&mut keys.unreadable);
    stop_on_input_errors(layout, problems, &opened.out)?;
    phases.end("inputs compared");
    let (site, formats, incremental) = (&ready.site, options.formats, opened.incremental);
    let previous_files = std::mem::take(&mut opened.previous.files);
    let on_disk = Disk::of(&opened.out, incremental, opened.trusted);
    let digests = heads.digests();
    let mut render = plan::to_render(
        &digests,
        &keys.changed,
        &opened.previous,
        (&previous_files, &on_disk),
        (&site.config.languages, formats),
        incremental,
    );
    phases.end("output compared");
    // 4 and 5. Render, into a staging folder (full) or in place (incremental).
    let pages_of = DigestPages::new(&heads.heads, &site.config.languages, formats);
    let b = Building {
        layout,
        site,
        templates: &ready.templates,
        formats,
        digests,
        pages: &pages_of,
        out: &opened.out,
        on_disk: &on_disk,
        incremental,
        same_heads,
        serving: session.serving,
    };
    let (out, lock) = (&opened.out, &opened.lock);
    let files = Files::new(
        Writer::start(lock, (out, root), incremental, previous_files, &on_disk)?,
        &pages_of,
    );
    let (kept, flags) = (opened.spill_kept, (session.serving, same_heads));
    let spills = Spills::create(
        &files.writer,
        &opened.cache_folder,
        b.languages(),
        kept,
        flags,
    )?;
    let previous = &mut opened.previous;
    let mut rendered = render_digests(&b, previous, &mut keys, &mut render, &files, &spills)?;
    phases.end("digest pages");
    pause_point("digest-pages-written");
    (spills.finish()).map_err(|e| files.writer.io_error("writing the build's spill files", &e))?;
    let DigestsNow {
        cached,
        moved_notes,
    } = digests_now(&b, previous, &keys, &render, &mut rendered, problems)?;
    if !incremental {
        // Rendered into the staging folder, which is dropped: the site stays as it was.
        stop_on_input_errors(layout, problems, out)?;
    }
    let orphans = orphans(&b, &from);
    problems.extend(orphans.iter().cloned());
    let kept_list_files = opened.kept_list_files;
    let lists = lists::plan(&b, previous, kept_list_files, &files, &spills, &render);
    let done = lists::render_lists(&b, &lists, &files, &spills, &render).and_then(|mut counts| {
        phases.end("lists");
        let search = lists::render_search(&b, &lists, &files, &spills, &render)?;
        counts.add(search.counts);
        Ok((counts, search))
    });
    phases.end("search");
    if spills.incomplete() {
        incomplete.store(true, Ordering::Relaxed);
    }
    let (mut counts, search) = done.map_err(|message| files.render_failed(message))?;
    counts.add(rendered.counts);
    // 6. The new cache, and the site in place.
    let (next, same_inputs) = next_cache(
        &b,
        previous,
        (opened.global, started_secs),
        lists.same_order,
        keys.keyed,
        &moved_notes,
        cached,
    );
    let same_cache = incremental && !render.contains(&true) && lists.same_order && same_inputs;
    let cache_folder = &opened.cache_folder;
    pause_point("before-swap");
    let published = put_in_place(
        &b,
        files,
        (next, same_cache),
        cache_folder,
        lists,
        &search.kept,
    )?;
    let mut summary = summary(&b, &published, counts, &render, search.work);
    let runtime_warnings = site.localizer.runtime_problems();
    let slugs = match from.scanned.take() {
        Some(scanned) if same_heads => scanned.slugs,
        _ => pages_of.slugs.iter().map(|&s| s.to_owned()).collect(),
    };
    let (out, lock) = (opened.out, (opened.lock, opened.cache_folder));
    keep_for_session(
        session,
        Kept {
            ready,
            heads,
            slugs,
            orphans,
            published,
            spills,
            out,
            lock,
        },
    );
    summary.elapsed = started.elapsed();
    summary.phases = phases.done();
    Ok((summary, runtime_warnings))
}

/// For tests only: a build whose environment has `HEPTAGLOT_TEST_PAUSE=<step>` stops at
/// that step (`digest-pages-written`: the digest pages are in the staging folder, or, in an
/// incremental build, replaced in place behind the journal, and the lists are not;
/// `before-swap`: every file written, nothing swapped in), says so on standard error and
/// waits to be killed, so that a test kills it at a known moment of its writing.
fn pause_point(step: &str) {
    if std::env::var_os("HEPTAGLOT_TEST_PAUSE").is_some_and(|at| at == step) {
        eprintln!("paused at {step} (HEPTAGLOT_TEST_PAUSE), waiting to be killed");
        loop {
            std::thread::sleep(Duration::from_secs(3600));
        }
    }
}

/// What a successful build says it did (its time and phases are added at the end): in an
/// incremental build, the files it wrote and the site's files now; in a full one, the
/// files it rendered (`counts`), all written.
fn summary(
    b: &Building,
    published: &Published,
    counts: Counts,
    render: &[bool],
    search: SearchWork,
) -> BuildSummary {
    let (counts, written) = match b.incremental {
        true => (published.on_site, published.finished.written),
        false => (counts, counts.files),
    };
    BuildSummary {
        digests: b.digests.heads.len(),
        languages: b.languages().len(),
        files: counts.files,
        pages: counts.pages,
        incremental: b.incremental,
        rendered: render.iter().filter(|r| **r).count(),
        written,
        removed: published.finished.removed,
        out: b.out.to_path_buf(),
        elapsed: Duration::ZERO,
        base_url: b.site.config.base_url.clone(),
        phases: Vec::new(),
        search,
    }
}

/// What a successful build leaves its session.
struct Kept {
    ready: Ready,
    heads: Heads,
    /// The digests' slugs.
    slugs: HashSet<String>,
    orphans: Vec<Problem>,
    published: Published,
    spills: Spills,
    out: PathBuf,
    /// The output folder's lock, and the cache folder.
    lock: (lock::OutputLock, PathBuf),
}

/// Step 1: the configuration, settings and notes files, checked: a build whose templates
/// did not load, or whose notes or configuration have errors, writes nothing.
fn find_inputs(
    layout: &Layout,
    options: &BuildOptions,
    from: &mut FromSession,
    problems: &mut Vec<Problem>,
) -> Result<Ready, String> {
    let Inputs {
        config,
        problems: found,
        loaded,
        settings,
        files,
        notes_spared,
        notes_found,
    } = plan::inputs(
        layout,
        options,
        from.scanned.as_mut(),
        from.reported.as_ref(),
    );
    problems.extend(found);
    problems.extend(loaded.problems.iter().cloned());
    let LoadedSettings {
        localizer,
        glossary,
        templates,
        problems: loading_problems,
    } = loaded;
    let out = output_dir(&layout.root, &config, options);
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
    let Some(templates) = templates else {
        return Err("the templates did not load; nothing was written".into());
    };
    stop_on_input_errors(layout, problems, &out)?;
    Ok(Ready {
        site,
        templates,
        loading_problems,
        settings,
        files,
        notes_spared,
        notes_found,
        out,
    })
}

/// Stops the build when a notes file, a digest's translation file or the configuration has
/// errors (a translation file's errors are those that keep it from being read).
fn stop_on_input_errors(layout: &Layout, problems: &[Problem], out: &Path) -> Result<(), String> {
    let translation = |file: &Path| {
        file.starts_with(&layout.locales)
            && (file.parent().and_then(Path::file_name)).is_some_and(|n| n == "digests")
    };
    let blocking = problems.iter().any(|p| {
        p.is_error()
            && (p.file.starts_with(&layout.digests)
                || translation(&p.file)
                || p.file == Path::new(crate::config::FILE_NAME))
    });
    match blocking {
        true => Err(format!(
            "some input files have errors; nothing was written, and the site in {} is unchanged",
            out.display()
        )),
        false => Ok(()),
    }
}

/// Locks the output folder and reads the cache of the build that wrote it: the session's
/// own, kept in memory, when it is still the cache of that folder, else the one on disk
/// (none for a full build).
fn open_output(
    options: &BuildOptions,
    session: &mut Session,
    ready: &Ready,
    reported: Option<&Changed>,
) -> Result<Opened, String> {
    // Never inside an input folder, nor outside the site unless the command line says so;
    // checked before anything is created.
    let layout = &ready.site.layout;
    let inputs = [
        layout.digests.as_path(),
        &layout.locales,
        &layout.templates,
        Path::new(crate::config::FILE_NAME),
    ];
    out_folder::check_place(&ready.out, &layout.root, &inputs, options.out.is_some())?;
    // One build at a time into `out`, from reading what is there until the build returns
    // (a symbolic link given as `out` is followed: the lock names the real folder).
    let lock = lock::acquire(&ready.out).map_err(|error| error.0)?;
    let out = lock.out().to_path_buf();
    let cache_folder = cache::folder(&lock);
    let global = cache::global_key(ready.settings, &ready.site.config, options.formats);
    // The cache this session's last build left: its output is as it wrote it.
    let kept = (!options.full)
        .then(|| session.last_for(&out, global))
        .flatten();
    let trusted = kept.is_some();
    // Every file in the output must be one heptaglot wrote, unless this session wrote the
    // folder itself and nothing else is expected to write there.
    if !trusted {
        let legacy = || cache::legacy_owned(&out, &cache_folder);
        out_folder::check_owned(&out, &cache_folder, legacy).map_err(|error| error.0)?;
    }
    let (kept, kept_list_files, spill_kept) = match kept {
        Some(last) => (Some(last.cache), Some(last.list_files), last.spill),
        None => (None, None, SpillKept::default()),
    };
    let previous = if options.full {
        None
    } else {
        kept.or_else(|| cache::read(&out, &cache_folder, global))
    };
    let incremental = previous.is_some();
    let previous = previous.unwrap_or_default();
    // The inputs not reported since the last build of this session, whose cache this is,
    // are as it recorded them: their metadata is not read again. A record too recent to
    // vouch for its file's hash counts as reported.
    let watched = reported
        .filter(|_| trusted)
        .map(|changed| (changed.clone()).with(previous.racy_inputs().map(PathBuf::from)));
    Ok(Opened {
        lock,
        out,
        cache_folder,
        global,
        previous,
        incremental,
        trusted,
        kept_list_files,
        spill_kept,
        watched,
    })
}

/// Step 2: the heads of the session's last build with the reported notes read again, when
/// that is enough; else every notes file's, read when its record changed.
fn find_heads(
    layout: &Layout,
    ready: &Ready,
    kept: Option<Heads>,
    (watched, previous): (Option<&Changed>, &Cache),
    record_of: &plan::RecordOf,
    problems: &mut Vec<Problem>,
) -> Result<HeadsFound, String> {
    let root = &layout.root;
    let again = match (kept.filter(|_| ready.notes_spared), watched) {
        (Some(kept), Some(changed)) => plan::heads_again(kept, root, changed, previous, record_of),
        _ => None,
    };
    if let Some(heads) = again {
        return Ok(HeadsFound {
            heads,
            same_heads: true,
        });
    }
    let (heads, found_problems) = plan::read_heads(root, &ready.files, previous, record_of);
    problems.extend(found_problems);
    stop_on_input_errors(layout, problems, &ready.out)?;
    Ok(HeadsFound {
        heads,
        same_heads: false,
    })
}

/// Step 4: renders the digests marked in `render`, then those next to a changed one whose
/// title or date changed (they show them in their previous/next links), which `render`
/// then marks too. A full build's keys get the hashes of the translation files it read.
fn render_digests(
    b: &Building,
    previous: &Cache,
    keys: &mut Keys,
    render: &mut [bool],
    files: &Files,
    spills: &Spills,
) -> Result<DigestsRendered, String> {
    let (heads, changed) = (b.digests.heads, &keys.changed);
    let known = |j: usize| -> Option<Titles> {
        (!changed[j])
            .then(|| previous.digests.get(&heads[j].slug))
            .flatten()
            .map(|c| c.titles.clone())
    };
    let source = FromDisk {
        layout: b.layout,
        seen: (!keys.pending.is_empty()).then(|| Mutex::new(HashMap::new())),
    };
    let sink = |file| files.put(file);
    let sinks = pages::Sinks {
        pages: &sink,
        search: &|lang, slug, page| {
            (spills.tokens.add(lang, slug, &page))
                .map_err(|e| files.failed("writing search tokens", &e))
        },
        lists: &|lang, slug, item| {
            (spills.lists.add(lang, slug, item))
                .map_err(|e| files.failed("writing list entries", &e))
        },
    };
    let (site, templates, formats, digests) = (b.site, b.templates, b.formats, &b.digests);
    let plan = pages::Plan {
        render,
        known: &known,
    };
    let rendered = pages::render_digests(site, templates, formats, digests, &plan, &source, sinks);
    // The calls next to a changed one show its title and date in their previous/next
    // links: they are rendered again when those changed.
    let again: Vec<bool> = match &rendered {
        Ok(first) if b.incremental => {
            plan::neighbours_again(digests, changed, render, previous, first)
        }
        _ => Vec::new(),
    };
    let rendered = match rendered {
        Ok(mut first) if again.contains(&true) => {
            let known = |j: usize| first.titles.get(&j).cloned().or_else(|| known(j));
            let plan = pages::Plan {
                render: &again,
                known: &known,
            };
            pages::render_digests(site, templates, formats, digests, &plan, &source, sinks).map(
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
    if let Some(seen) = source.seen.and_then(|seen| seen.into_inner().ok()) {
        plan::hashed_now(&mut keys.keyed, &keys.pending, &seen, &b.layout.root);
    }
    rendered.map_err(|message| files.render_failed(message))
}

/// The next cache's digests: the previous build's, with those gone removed and those
/// changed or rendered now updated (at 10,000 digests, 10,000 entries not made again);
/// their problems join the build's.
fn digests_now(
    b: &Building,
    previous: &mut Cache,
    keys: &Keys,
    render: &[bool],
    rendered: &mut DigestsRendered,
    problems: &mut Vec<Problem>,
) -> Result<DigestsNow, String> {
    let mut cached = std::mem::take(&mut previous.digests);
    if !b.same_heads {
        cached.retain(|slug, _| b.pages.slugs.contains(slug.as_str()));
    }
    let fresh = |i: usize| keys.changed[i] || render[i];
    let moved_notes = plan::update_digests(
        &mut cached,
        (&b.digests, b.same_heads),
        &keys.keyed,
        rendered,
        &fresh,
    )?;
    problems.extend(
        (b.digests.heads.iter())
            .filter_map(|head| cached.get(head.slug.as_str()))
            .flat_map(|digest| digest.problems.iter().cloned()),
    );
    Ok(DigestsNow {
        cached,
        moved_notes,
    })
}

/// The translation files of no digest: the last build's when the digests and the reported
/// changes cannot have changed them, else found again.
fn orphans(b: &Building, from: &FromSession) -> Vec<Problem> {
    let (root, locales, slugs) = (&b.layout.root, &b.layout.locales, &b.pages.slugs);
    let is_digest = |slug: &str| slugs.contains(slug);
    match from.reported.as_ref().zip(from.scanned.as_ref()) {
        Some((changed, scanned))
            if (b.same_heads
                || scanned.slugs.len() == slugs.len()
                    && slugs.iter().all(|&slug| scanned.slugs.contains(slug)))
                && changed.spares_orphans(locales, &is_digest) =>
        {
            scanned.orphans.clone()
        }
        _ => translate::orphan_files(root, locales, &is_digest),
    }
}

/// The cache of the site this build makes (its files are added when it is put in place),
/// and whether every input is as the previous build recorded it.
fn next_cache(
    b: &Building,
    previous: &mut Cache,
    (global, started_secs): (u64, i64),
    same_order: bool,
    keyed: Vec<plan::Keyed>,
    moved_notes: &[String],
    cached: HashMap<String, CachedDigest>,
) -> (Cache, bool) {
    let mut next = Cache::new(global, started_secs);
    next.generation = match previous.generation {
        generation if b.incremental => generation,
        _ => cache::new_generation(),
    };
    next.order = match same_order {
        true => std::mem::take(&mut previous.order),
        false => (b.digests.heads.iter())
            .map(|h| (h.slug.clone(), h.series.clone()))
            .collect(),
    };
    let (inputs, same_inputs) =
        plan::next_inputs(std::mem::take(&mut previous.inputs), keyed, moved_notes);
    next.inputs = inputs;
    next.digests = cached;
    (next, same_inputs)
}

/// Step 6: saves the cache `next` and puts the site in place, with the files this build
/// produced and the list files it kept; `same_cache` when nothing was rendered and every
/// input is as recorded (the cache on disk is this one, but for its start time, which only
/// makes the next build read a few more files).
fn put_in_place(
    b: &Building,
    files: Files,
    (next, same_cache): (Cache, bool),
    cache_folder: &Path,
    lists: ListsPlan,
    search_kept: &[bool],
) -> Result<Published, String> {
    let languages = b.languages();
    let (writer, recorded, written_now) = files.into_parts();
    let ListsPlan {
        list_files,
        settled,
        same_digests,
        ..
    } = lists;
    let kept = |path: &str| match plan::search_language(languages, path) {
        Some(li) => search_kept[li],
        None => settled,
    };
    let ListsNow {
        counts: lists_on_site,
        unproduced,
        other: other_list_files,
    } = plan::lists_now(&list_files, &written_now, &kept, b.serving);
    // The site now: every digest's pages (as many for each; the slug does not matter), and
    // the list files.
    let heads = b.digests.heads;
    let per_digest = plan::digest_files(languages, b.formats, "x");
    let html_per_digest = per_digest.iter().filter(|p| p.ends_with(".html")).count();
    let on_site = Counts {
        files: heads.len() * per_digest.len() + lists_on_site.files,
        pages: heads.len() * html_per_digest + lists_on_site.pages,
    };
    let finished = writer.finish(
        next,
        cache_folder,
        recorded,
        &Produced {
            all: &|path| {
                b.pages.holds(path)
                    || written_now.contains(path)
                    || (kept(path) && list_files.contains(path))
            },
            // With the same digests, every file no longer produced is a list file.
            not_among_previous: same_digests.then_some(unproduced),
        },
        same_cache,
        b.serving,
    )?;
    Ok(Published {
        finished,
        on_site,
        list_files: other_list_files.unwrap_or(list_files),
    })
}

/// What the session keeps of a successful build: what it found of its inputs (for any
/// session), and, for a serving one, its cache, list files and spill readers, and the lock
/// until the cache is saved.
fn keep_for_session(session: &mut Session, kept: Kept) {
    let Kept {
        ready,
        heads,
        slugs,
        orphans,
        published,
        spills,
        out,
        lock: (lock, cache_folder),
    } = kept;
    session.told.built();
    let site = ready.site;
    session.scanned = Some(Scanned {
        root: site.layout.root.clone(),
        settings: ready.settings,
        notes: ready.notes_found.then_some(ready.files),
        slugs,
        orphans,
        loaded: Some(LoadedSettings {
            localizer: site.localizer,
            glossary: site.translations.glossary,
            templates: Some(ready.templates),
            problems: ready.loading_problems,
        }),
        heads: Some(heads),
    });
    if session.serving {
        let Finished { cache, unsaved, .. } = published.finished;
        session.last = Some(Last {
            out,
            cache,
            list_files: published.list_files,
            spill: spills.into_kept(),
            unsaved: unsaved.then_some((lock, cache_folder)),
        });
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
