//! Step 5 of a build: the pages that list digests and the search index, one language at a
//! time, from the records each digest spilled as it was rendered ([`super::session::Spill`]).
//! Which lists are rendered again is decided here ([`plan`]): an incremental build leaves
//! a language's lists, and each search index, as they are on disk when no record they show
//! changed, and patches a search index in place when only a few did.

use std::collections::{HashMap, HashSet};

use super::SearchWork;
use super::cache::{self, Cache};
use super::pages::{self, Counts, Listed};
use super::plan::{self, Building, Disk};
use super::session::Spills;
use super::write::Files;
use crate::search::{IndexedPageRef, SearchIndex};

/// Step 5's decisions: the list files there are, and which of them stay as they are.
pub(super) struct ListsPlan {
    /// The same digests in the same order as the previous build's.
    pub(super) same_order: bool,
    /// The same digests as the previous build's, in any order.
    pub(super) same_digests: bool,
    /// The previous build's files that are not a digest's page.
    pub(super) list_files: HashSet<String>,
    /// The same order, and the list files as written: a language's lists can be kept.
    pub(super) settled: bool,
    /// Per language, which digests' list records changed (none: all may have).
    pub(super) differing: Vec<Option<Vec<bool>>>,
    /// Per language, whether its lists are rendered.
    pub(super) render_language: Vec<bool>,
    /// Whether the root, 404 and sitemap are rendered.
    pub(super) common: bool,
}

/// What step 5 did to the search indexes.
pub(super) struct SearchDone {
    pub(super) counts: Counts,
    /// Per language, whether its index's files are kept as they are (unchanged or patched).
    pub(super) kept: Vec<bool>,
    pub(super) work: SearchWork,
}

/// Step 5's decisions ([`ListsPlan`]). Lists whose inputs are as the cached build had them are not
/// rendered again: the same digests in the same order, the same records from every digest
/// rendered now, and their files on disk as written. Most often a translator's edit
/// changes the lists of one language, and a touched file without changes none.
pub(super) fn plan(
    b: &Building,
    previous: &Cache,
    kept_list_files: Option<HashSet<String>>,
    files: &Files,
    spills: &Spills,
    render: &[bool],
) -> ListsPlan {
    let (heads, slugs, languages) = (b.digests.heads, &b.pages.slugs, b.languages());
    // (The heads of a session's last build are in its order.)
    let same_order = b.incremental
        && (b.same_heads
            || previous
                .order
                .iter()
                .map(|(slug, series)| (slug.as_str(), series.as_str()))
                .eq(heads.iter().map(|h| (h.slug.as_str(), h.series.as_str()))));
    // With the same digests, the previous build's list files are the same paths (at 10,000
    // digests, 28,000 of 238,000 files): a serving session knows them.
    let same_digests = same_order
        || b.incremental
            && previous.order.len() == heads.len()
            && previous
                .order
                .iter()
                .all(|(slug, _)| slugs.contains(slug.as_str()));
    let list_files: HashSet<String> = match kept_list_files {
        Some(kept) if same_digests => kept,
        _ => (files.writer.previous().keys())
            .filter(|f| !b.pages.holds(f))
            .cloned()
            .collect(),
    };
    // With the same digests in the same order and the list files as written, the lists
    // of a language whose records did not change are left as they are, and so are the
    // root, 404 and sitemap when no digest's address changed.
    let settled = same_order && intact(b, &list_files, files, &|_| true);
    let lists = &spills.lists;
    let differing: Vec<Option<Vec<bool>>> = languages
        .iter()
        .map(|&lang| {
            settled
                .then(|| lists.differing(heads, render, lang, &|a, b| a == b))
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
            lists.unchanged(heads, render, lang, &|a, b| sitemap_of(a) == sitemap_of(b))
        });
    ListsPlan {
        same_order,
        same_digests,
        list_files,
        settled,
        differing,
        render_language,
        common,
    }
}

/// Whether the list files `keep` picks are on disk as the previous build wrote them.
fn intact(
    b: &Building,
    list_files: &HashSet<String>,
    files: &Files,
    keep: &dyn Fn(&str) -> bool,
) -> bool {
    let previous_files = files.writer.previous();
    // A serving session's own output is as recorded, and every list file has a record.
    matches!(b.on_disk, Disk::AsRecorded)
        || list_files
            .iter()
            .filter(|f| keep(f))
            .all(|f| b.on_disk.holds(f, previous_files.get(f)))
}

/// Step 5, the lists: those of the languages the plan marks, and the common files when
/// it says so; the records of a language whose lists are kept are dropped.
pub(super) fn render_lists(
    b: &Building,
    lists: &ListsPlan,
    files: &Files,
    spills: &Spills,
    render: &[bool],
) -> Result<Counts, String> {
    let (heads, languages) = (b.digests.heads, b.languages());
    if !lists.common {
        for (&lang, &rendered) in languages.iter().zip(&lists.render_language) {
            if !rendered {
                spills.lists.discard_language(lang);
            }
        }
    }
    if !(lists.common || lists.render_language.contains(&true)) {
        return Ok(Counts::default());
    }
    let sink = |file| files.put(file);
    pages::render_lists(
        b.site,
        b.templates,
        b.formats,
        &b.digests,
        &pages::Which {
            common: lists.common,
            languages: &lists.render_language,
            changed: &|lang, i| {
                languages
                    .iter()
                    .position(|&l| l == lang)
                    .and_then(|li| lists.differing[li].as_ref())
                    .is_none_or(|differing| differing[i])
            },
        },
        &mut |lang, needed| {
            let mut listed = HashMap::new();
            let writer = &files.writer;
            spills
                .lists
                .merged(writer, heads, render, lang, needed, |i, record| {
                    listed.insert(i, cache::decode_record::<Listed>(record)?);
                    Some(())
                })?;
            Ok(listed)
        },
        &sink,
    )
}

/// Step 5, the search: each language's index left as it is when none of its pages
/// changed, patched when a few did, else built whole.
pub(super) fn render_search(
    b: &Building,
    lists: &ListsPlan,
    files: &Files,
    spills: &Spills,
    render: &[bool],
) -> Result<SearchDone, String> {
    let (heads, languages) = (b.digests.heads, b.languages());
    let (tokens, writer) = (&spills.tokens, &files.writer);
    let sink = |file| files.put(file);
    let search_files = |li: usize| move |f: &str| plan::search_language(languages, f) == Some(li);
    // The search files of each language whose index is unchanged or patched stay.
    let mut kept = vec![false; languages.len()];
    let mut work = SearchWork::default();
    let mut rebuilt = 0;
    let counts = pages::render_search(
        b.site,
        b.templates,
        b.formats,
        &mut |lang| {
            let li = languages.iter().position(|&l| l == lang).unwrap_or(0);
            let differing = (lists.same_order
                && intact(b, &lists.list_files, files, &search_files(li)))
            .then(|| tokens.differing(heads, render, lang, &|a, b| a == b))
            .flatten();
            if let Some(differing) = &differing {
                if !differing.contains(&true) {
                    kept[li] = true;
                    tokens.discard_language(lang);
                    work.unchanged += 1;
                    return Ok(None);
                }
                // A few pages changed: the files holding their terms and passages are
                // updated, the rest kept.
                if let Some((patched, state)) = tokens.patch_search(b.out, heads, differing, lang) {
                    kept[li] = true;
                    for file in patched {
                        sink(file)?;
                    }
                    tokens.save_state(writer, lang, state)?;
                    // The new records join the previous file; none is read.
                    tokens.merged(writer, heads, render, lang, &|_| false, |_, _| Some(()))?;
                    work.updated += 1;
                    return Ok(None);
                }
            }
            let mut index = SearchIndex::default();
            tokens.merged(writer, heads, render, lang, &|_| true, |_, record| {
                index.push(cache::decode_record_in_place::<IndexedPageRef>(record)?);
                Some(())
            })?;
            Ok(Some(index))
        },
        &mut |lang, state| {
            rebuilt += 1;
            tokens.save_state(writer, lang, state)
        },
        &sink,
    )?;
    work.rebuilt = rebuilt;
    Ok(SearchDone { counts, kept, work })
}
