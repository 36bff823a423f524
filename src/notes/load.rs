//! Finding notes files under `digests/` and loading each into a checked [`Digest`].

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::check::{self, is_safe_slug};
use super::model::Notes;
use super::path::{Seg, path_text};
use super::schema;
use super::yaml::{self, Node, Value};
use crate::diag::Problem;

/// A notes file that loaded: its typed notes, where it came from, and its slug.
#[derive(Debug, Clone)]
pub struct Digest {
    /// The URL path segment of the digest.
    pub slug: String,
    /// The notes file, relative to the site root.
    pub source: PathBuf,
    /// The notes.
    pub notes: Notes,
    /// What a careful editor would point out in the file (see [`super::lint`]); the
    /// digest is published all the same.
    pub warnings: Vec<Problem>,
}

/// Everything found under a digests folder: the digests that loaded and every problem.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Digests that passed every check, sorted by date (newest first), then slug.
    pub digests: Vec<Digest>,
    /// Problems in any file, errors and warnings.
    pub problems: Vec<Problem>,
}

/// The largest notes file heptaglot reads; a bigger one is almost surely not notes.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Loads every `.yaml`/`.yml` file under `root/digests_dir`. Paths in problems are relative
/// to `root`. Files that fail are reported and left out; the others load.
pub fn load_dir(root: &Path, digests_dir: &Path) -> Loaded {
    let (files, mut problems) = find_files(root, digests_dir);
    let mut candidates = Vec::new();
    for path in files {
        let shown = relative(root, &path);
        match load_file(&path, &shown) {
            Ok(mut digest) => {
                problems.append(&mut digest.warnings);
                candidates.push((path, shown, digest.slug.clone(), digest));
            }
            Err(file_problems) => problems.extend(file_problems),
        }
    }
    let (mut digests, slug_problems) = admit(candidates);
    problems.extend(slug_problems);
    problems.extend(shared_series_addresses(
        root,
        digests
            .iter()
            .map(|d| (d.source.as_path(), d.notes.series.as_str())),
    ));
    digests.sort_by(|a, b| b.notes.date.cmp(&a.notes.date).then(a.slug.cmp(&b.slug)));
    Loaded { digests, problems }
}

/// The one problem of a folder that holds nothing of a site (no `digests/`, `locales/`,
/// `templates/` or `heptaglot.toml`): said once, with where the site probably is, instead
/// of a problem for every part missing.
pub fn not_a_site(root: &Path) -> Option<Problem> {
    let parts = ["digests", "locales", "templates", "heptaglot.toml"];
    if parts.iter().any(|part| root.join(part).exists()) {
        return None;
    }
    let shown = if root.as_os_str().is_empty() {
        Path::new(".")
    } else {
        root
    };
    let inside_digests = root
        .canonicalize()
        .ok()
        .and_then(|full| full.file_name().map(|name| name == "digests"))
        .unwrap_or(false);
    let hint = if inside_digests {
        "this looks like the digests folder itself: run the command from the folder above (`cd ..`), or add `--root ..`"
    } else {
        "run the command in your site's folder, or name it with `--root PATH`; `heptaglot init` starts a new site"
    };
    Some(Problem::error(shown, "this is not a site folder (no digests/ here)").hint(hint))
}

/// The notes files under `root/digests_dir`, sorted by name, and the problems met finding
/// them.
pub fn find_files(root: &Path, digests_dir: &Path) -> (Vec<PathBuf>, Vec<Problem>) {
    let mut problems = Vec::new();
    let dir = root.join(digests_dir);
    if !dir.is_dir() {
        problems.push(
            Problem::error(digests_dir, "the digests folder does not exist").hint(
                "create it and put one notes file per call in it (`heptaglot new` writes one)",
            ),
        );
        return (Vec::new(), problems);
    }
    let mut files = Vec::new();
    for entry in crate::walk::entries(&dir, usize::MAX) {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                // In any case: `Other.YAML` is notes too (and reported if its name cannot
                // be an address), never silently left out.
                let is_yaml = path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                    e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml")
                });
                // Not only regular files: a link, a FIFO or a socket named like notes is
                // reported by `load_file` rather than silently left out.
                if is_yaml && !entry.is_dir() {
                    files.push(path.to_path_buf());
                }
            }
            Err(error) => {
                let path = error
                    .path()
                    .map(|p| relative(root, p))
                    .unwrap_or_else(|| digests_dir.to_path_buf());
                problems.push(
                    Problem::error(path, format!("cannot read this folder entry: {error}"))
                        .hint("check the permissions of the file or folder"),
                );
            }
        }
    }
    (files, problems)
}

/// Keeps the digests (`item`s, in file order, each with its file's path, the path shown
/// to the user and its slug) whose slugs are free, and reports the others: a slug
/// reserved for the site's own pages, or one an earlier file already has.
pub fn admit<T>(items: Vec<(PathBuf, PathBuf, String, T)>) -> (Vec<T>, Vec<Problem>) {
    let mut admitted = Vec::new();
    let mut problems = Vec::new();
    let mut slugs: HashMap<String, PathBuf> = HashMap::new();
    for (path, shown, slug, item) in items {
        if RESERVED_SLUGS.contains(&slug.as_str()) {
            problems.push(
                Problem::error(
                    &shown,
                    format!("the slug `{slug}` is the address of the site's own {slug} pages"),
                )
                .field("slug")
                .hint("give the digest another `slug:` (or rename the file)"),
            );
            continue;
        }
        if let Some(first) = slugs.get(&slug) {
            let mut problem = Problem::error(
                &shown,
                format!(
                    "the slug `{slug}` is also used by {}, and both would be published at the same address",
                    first.display()
                ),
            )
            .field("slug")
            .hint("give one of them another `slug:` (or rename the file)");
            if let Some(position) = top_level_position(&path, &shown, "slug") {
                problem = problem.at(position);
            }
            problems.push(problem);
            continue;
        }
        slugs.insert(slug, shown);
        admitted.push(item);
    }
    (admitted, problems)
}

/// An error for each series (`(notes file as shown, series name)`, in file order, below
/// `root`) whose address an earlier, differently named series already has: their pages
/// would merge into one. Names that differ only in Unicode normal form are the same series.
pub fn shared_series_addresses<'a>(
    root: &Path,
    digests: impl Iterator<Item = (&'a Path, &'a str)>,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut first: HashMap<String, (&Path, &str)> = HashMap::new();
    let nfc = icu::normalizer::ComposingNormalizerBorrowed::new_nfc();
    for (shown, series) in digests {
        let address = super::address::series_address(series);
        match first.get(&address) {
            Some((file, name)) if nfc.normalize(name) != nfc.normalize(series) => {
                let mut problem = Problem::error(
                        shown,
                        format!(
                            "the series \"{series}\" would have the address `series/{address}` of the series \"{name}\" of {}, and the two would be merged",
                            file.display()
                        ),
                    )
                    .field("series")
                    .hint("write the series' name as the other file does if it is the same series; otherwise name it differently (more than by case or punctuation)");
                if let Some(position) = top_level_position(&root.join(shown), shown, "series") {
                    problem = problem.at(position);
                }
                problems.push(problem);
            }
            Some(_) => {}
            None => {
                first.insert(address, (shown, series));
            }
        }
    }
    problems
}

/// Names the site uses in every language (the folders `<lang>/search/` and `<lang>/series/`,
/// the language index's Markdown `<lang>/index.md`), which a digest's pages would overwrite.
pub const RESERVED_SLUGS: [&str; 3] = ["index", "search", "series"];

/// The path as the user sees it: relative to the site root when it is inside it.
pub fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Where the value of the top-level field `key` of a notes file that loaded is, if it has
/// one.
fn top_level_position(path: &Path, shown: &Path, key: &str) -> Option<crate::diag::Position> {
    let text = crate::diag::read_text(path, shown, MAX_FILE_BYTES).ok()??;
    let tree = yaml::parse(&text).ok()?;
    let Value::Map(entries) = tree.value else {
        return None;
    };
    entries
        .into_iter()
        .find(|(found, _)| found.name == key)
        .map(|(_, value)| value.position)
}

/// Loads one notes file; `shown` is the path to print in problems.
pub fn load_file(path: &Path, shown: &Path) -> Result<Digest, Vec<Problem>> {
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > MAX_FILE_BYTES {
        return Err(vec![
            Problem::error(
                shown,
                format!(
                    "the file is {size} bytes, more than the {MAX_FILE_BYTES} a notes file may have"
                ),
            )
            .hint("split the call into several notes files, or check that this is a notes file"),
        ]);
    }
    let bytes = match crate::diag::read_file(path, shown, MAX_FILE_BYTES) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => {
            return Err(vec![
                Problem::error(
                    shown,
                    "the file disappeared while heptaglot was reading the folder",
                )
                .hint("run the command again"),
            ]);
        }
        Err(problem) => return Err(vec![*problem]),
    };
    let default_slug = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_string();
    load_bytes(bytes, shown, &default_slug)
}

/// Loads notes from the bytes of a file: checks that they are UTF-8 text, then
/// [`load_str`].
pub fn load_bytes(
    bytes: Vec<u8>,
    shown: &Path,
    default_slug: &str,
) -> Result<Digest, Vec<Problem>> {
    let text = crate::diag::utf8_text(bytes, shown).map_err(|problem| vec![*problem])?;
    load_str(&text, shown, default_slug)
}

/// Loads notes from text: parse, check against the schema, build the typed notes, then run
/// the semantic checks. Every problem found is returned, not just the first.
pub fn load_str(text: &str, shown: &Path, default_slug: &str) -> Result<Digest, Vec<Problem>> {
    if let Some(offset) = text.find('\0') {
        return Err(vec![
            Problem::error(shown, "the file contains a NUL byte")
                .at(crate::diag::Position::from_offset(text, offset))
                .hint("this is probably not a text file; remove the NUL character"),
        ]);
    }
    let mut tree = yaml::parse(text).map_err(|error| {
        vec![Problem::error(shown, error.message)
            .at(error.position)
            .hint(error.hint.unwrap_or_else(|| "check the indentation and quoting around this spot; strings with `: ` or starting with `-`, `[`, `{`, `*`, `&`, `#` need quotes".into()))]
    })?;
    if tree.value == Value::Null {
        return Err(vec![
            Problem::error(shown, "the notes file is empty")
                .hint("run `heptaglot new` for a notes file to fill in"),
        ]);
    }
    // Every problem of the file in one run: the shape, the careful editor's warnings, and
    // the meaning of what has the right shape.
    let mut problems: Vec<Problem> = number_as_text(&mut tree, text, shown).into_iter().collect();
    problems.extend(super::lint::lint(&tree, text, shown));
    let violations = schema::validate(&tree);
    let mut json = tree.to_json();
    let mut complete = true;
    for violation in &violations {
        complete &= prune(&mut json, &violation.at);
    }
    // A finding about what holds a part left out (a point "empty" once its misspelt
    // `txt:` is gone) is a consequence of that problem, not another one.
    let pruned: Vec<String> = violations.iter().map(|v| path_text(&v.at)).collect();
    let consequence = |path: &str| {
        pruned.iter().any(|cut| {
            cut.len() > path.len()
                && cut.starts_with(path)
                && cut[path.len()..].starts_with(['.', '['])
        })
    };
    problems.extend(violations.into_iter().map(|v| {
        let mut problem = Problem::error(shown, v.message)
            .at(v.position)
            .field(v.path);
        if let Some(hint) = v.hint {
            problem = problem.hint(hint);
        }
        problem
    }));
    problems.extend(unsafe_text(&tree, text, shown));
    // The parts of wrong shape are left out (`prune`); the rest is checked for meaning.
    let notes = match serde_json::from_value::<Notes>(json) {
        Ok(notes) if complete => Some(notes),
        Ok(_) => None,
        Err(_) if problems.iter().any(Problem::is_error) => None,
        Err(error) => {
            return Err(vec![
                Problem::error(shown, format!("the notes do not fit the format: {error}"))
                    .at(tree.position)
                    .hint("see docs/notes-format.md"),
            ]);
        }
    };
    if let Some(notes) = &notes {
        let findings = check::check(notes).into_iter();
        problems.extend(
            findings
                .filter(|f| !consequence(&path_text(&f.path)))
                .map(|f| {
                    let node = locate(&tree, &f.path);
                    let mut problem = Problem::error(shown, f.message)
                        .at(node.position)
                        .field(path_text(&f.path));
                    if let Some(hint) = f.hint {
                        problem = problem.hint(hint);
                    }
                    problem
                }),
        );
    }
    let notes = match notes {
        Some(notes) if !problems.iter().any(Problem::is_error) => notes,
        _ => return Err(problems),
    };
    let slug = notes
        .slug
        .clone()
        .unwrap_or_else(|| default_slug.to_string());
    if !is_safe_slug(&slug) {
        return Err(vec![
            Problem::error(
                shown,
                format!("the file name `{slug}` cannot be used as a page address"),
            )
            .hint("rename the file using lowercase letters, digits and hyphens, or set `slug:`"),
        ]);
    }
    if notes.slug.is_none() && super::address::windows_reserved(&slug) {
        return Err(vec![
            Problem::error(
                shown,
                format!("the file name `{slug}` is a name Windows reserves for a device"),
            )
            .hint("rename the file (e.g. add the series' name), or set another `slug:`: Windows cannot check out or serve a page of that name"),
        ]);
    }
    Ok(Digest {
        slug,
        source: shown.to_path_buf(),
        notes,
        warnings: problems,
    })
}

/// Reads a top-level `number: 7` as the text "7", as the note-taker meant it. When the
/// number was written with leading zeros (`number: 007`), YAML has already dropped them:
/// a warning says how to keep them.
fn number_as_text(tree: &mut Node, source: &str, shown: &Path) -> Option<Problem> {
    let Value::Map(entries) = &mut tree.value else {
        return None;
    };
    let (_, node) = entries.iter_mut().find(|(key, _)| key.name == "number")?;
    let written: String = source
        .get(node.position.offset..)
        .unwrap_or_default()
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != '#')
        .collect();
    // `007` may be read as a whole number or, by YAML 1.1's rules, as another number:
    // what counts is that it was written as digits.
    let as_text = match node.value {
        Value::Int(number) => number.to_string(),
        Value::Float(_) if !written.is_empty() && written.chars().all(|c| c.is_ascii_digit()) => {
            let digits = written.trim_start_matches('0');
            if digits.is_empty() { "0" } else { digits }.to_string()
        }
        _ => return None,
    };
    node.value = Value::Str(as_text.clone());
    (written != as_text).then(|| {
        Problem::warning(
            shown,
            format!("`{written}` is read as the number {as_text}, without its leading zeros"),
        )
        .at(node.position)
        .field("number")
        .hint(format!(
            "write `number: \"{written}\"` in quotes to keep it as written"
        ))
    })
}

/// Removes from `json` the value at `path`, so that the rest of a file with errors of shape
/// can still be read and checked for meaning. A list item goes with its whole list (the
/// items after it would change places). False when nothing can be left out (the path is
/// the whole file): the file is then not checked further.
fn prune(json: &mut serde_json::Value, path: &[Seg]) -> bool {
    let Some(cut) = path.iter().rposition(|seg| !matches!(seg, Seg::Index(_))) else {
        return false;
    };
    let mut node = json;
    for seg in &path[..cut] {
        let next = match (node, seg) {
            (serde_json::Value::Object(map), Seg::Key(k)) => map.get_mut(*k),
            (serde_json::Value::Object(map), Seg::Name(k)) => map.get_mut(k.as_str()),
            (serde_json::Value::Array(items), Seg::Index(i)) => items.get_mut(*i),
            _ => None,
        };
        match next {
            Some(next) => node = next,
            None => return true,
        }
    }
    if let serde_json::Value::Object(map) = node {
        let key = match &path[cut] {
            Seg::Key(k) => (*k).to_string(),
            Seg::Name(k) => k.clone(),
            Seg::Index(_) => return true,
        };
        // A number or title of the wrong shape is still there: its absence is not another
        // problem to report.
        if cut == 0 && (key == "number" || key == "title") {
            map.insert(key, serde_json::Value::String(String::new()));
        } else {
            map.remove(&key);
        }
    }
    true
}

/// Every text of the YAML `tree` (parsed from `source`, the file `shown`) that holds a
/// character no text may hold (see [`crate::text`]), as an error at that character.
pub fn unsafe_text(tree: &Node, source: &str, shown: &Path) -> Vec<Problem> {
    let mut problems = Vec::new();
    refuse_unsafe_text(tree, source, shown, &mut Vec::new(), &mut problems);
    problems
}

/// Reports each text of `node` (at `path`) holding a character no text may hold (see
/// [`crate::text`]): a control character, a noncharacter, a bidi override or an open
/// embedding or isolate. `source` is the file's text, to point at the character itself.
fn refuse_unsafe_text(
    node: &Node,
    source: &str,
    shown: &Path,
    path: &mut Vec<Seg>,
    problems: &mut Vec<Problem>,
) {
    match &node.value {
        Value::Str(text) => {
            if let Some(found) = crate::text::first_unsafe(text) {
                problems.push(
                    Problem::error(shown, format!("the text holds {found}"))
                        .at(found.position_in(source, node.position, text))
                        .field(path_text(path))
                        .hint(found.hint()),
                );
            }
        }
        Value::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Seg::Index(i));
                refuse_unsafe_text(item, source, shown, path, problems);
                path.pop();
            }
        }
        Value::Map(entries) => {
            for (key, value) in entries {
                path.push(Seg::Name(key.name.clone()));
                refuse_unsafe_text(value, source, shown, path, problems);
                path.pop();
            }
        }
        Value::Null | Value::Bool(_) | Value::Int(_) | Value::Float(_) => {}
    }
}

/// The deepest node of `tree` along `path` (the field itself, or its nearest parent).
fn locate<'t>(tree: &'t Node, path: &[Seg]) -> &'t Node {
    let mut node = tree;
    for seg in path {
        let next = match (&node.value, seg) {
            (Value::Map(entries), Seg::Key(k)) => entries.iter().find(|(key, _)| key.name == *k),
            (Value::Map(entries), Seg::Name(k)) => {
                entries.iter().find(|(key, _)| key.name == k.as_str())
            }
            (Value::Seq(items), Seg::Index(i)) => match items.get(*i) {
                Some(item) => {
                    node = item;
                    continue;
                }
                None => None,
            },
            _ => None,
        };
        match next {
            Some((_, value)) => node = value,
            None => break,
        }
    }
    node
}
