//! Loading locale folders into Fluent bundles and formatting messages with fallback.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use super::icu::{Formatters, category_name};
use super::plural::{PLURAL_FUNCTION, rewrite_resource};
use super::syntax::{self, MAX_FLUENT_DEPTH, fluent_too_deep};
use crate::diag::{Position, Problem};
use crate::lang::Language;
use crate::notes::check::{parse_date, parse_time};

/// A value passed to a message.
#[derive(Debug, Clone)]
pub enum Arg {
    /// Text, inserted as is (and matched by string selectors such as `$gender`).
    Str(String),
    /// A number: formatted by `NUMBER()` and selected by CLDR plural rules.
    Num(f64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Str(s.to_string())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Str(s)
    }
}
impl From<u32> for Arg {
    fn from(n: u32) -> Self {
        Arg::Num(f64::from(n))
    }
}
impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Num(n as f64)
    }
}

struct LanguageBundle {
    bundle: FluentBundle<FluentResource>,
    formatters: Arc<Formatters>,
}

/// The Fluent bundles and CLDR formatters of all seven languages.
pub struct Localizer {
    bundles: BTreeMap<Language, LanguageBundle>,
    /// Where each message is defined, by language and id: the file (as shown) and the byte
    /// offset of its definition, so that a message failing at run time gets a position.
    definitions: BTreeMap<(Language, String), (PathBuf, usize)>,
    /// The text of every locale file, by path as shown.
    sources: BTreeMap<PathBuf, String>,
    /// Messages whose formatted text could pass [`super::limits::MAX_MESSAGE_BYTES`]
    /// (reported at load time): never formatted.
    too_long: BTreeSet<(Language, String)>,
    /// Messages that failed while formatting (a variable the code does not pass, a cyclic
    /// reference), reported once each after the build.
    runtime_problems: Mutex<BTreeSet<Failure>>,
}

/// A message that could not be formatted.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Failure {
    language: Language,
    id: String,
    kind: FailureKind,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum FailureKind {
    /// No language has the message.
    Missing,
    /// The message uses a variable the code does not pass.
    UnknownVariable(String),
    /// The message refers back to itself (also reported, with the loop, at load time).
    Cyclic,
    /// The formatted text is longer than [`super::limits::MAX_MESSAGE_BYTES`] (with the
    /// variables passed; a message too long by itself is reported at load time).
    TooLong,
    /// Anything else Fluent reports.
    Other(String),
}

/// The byte offset of the line that defines message or term `id` in `source`.
fn definition_offset(source: &str, id: &str) -> Option<usize> {
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix(id)
            && rest.trim_start().starts_with('=')
        {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}

/// Every loop of references among messages and terms, each once, starting at its smallest
/// id: `[a, b]` means a refers to b and b to a.
fn reference_cycles(references: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    let mut cycles = Vec::new();
    for start in references.keys() {
        // Depth-first search from `start` through ids greater than it only, so each loop is
        // found once, from its smallest member.
        let mut path: Vec<(String, Vec<String>)> =
            vec![(start.clone(), references[start].iter().cloned().collect())];
        let mut visited = BTreeSet::new();
        while let Some((_, next)) = path.last_mut() {
            let Some(id) = next.pop() else {
                path.pop();
                continue;
            };
            if id == *start {
                cycles.push(path.iter().map(|(id, _)| id.clone()).collect());
                continue;
            }
            if id < *start || !visited.insert(id.clone()) {
                continue;
            }
            if let Some(targets) = references.get(&id) {
                path.push((id, targets.iter().cloned().collect()));
            }
        }
    }
    cycles
}

/// The ids of the messages and terms a resource defines, in file order.
fn message_ids(resource: &fluent_syntax::ast::Resource<String>) -> Vec<String> {
    resource
        .body
        .iter()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.clone()),
            fluent_syntax::ast::Entry::Term(t) => Some(format!("-{}", t.id.name)),
            _ => None,
        })
        .collect()
}

impl Localizer {
    /// Loads `locales_dir` (relative to `root`) for every language. Problems name the file,
    /// line and column; a file with errors still contributes its valid messages.
    pub fn load(root: &Path, locales_dir: &Path) -> (Self, Vec<Problem>) {
        let problems = unknown_folders(root, locales_dir);
        Self::build(locales_dir, problems, |folder| {
            ftl_files(&root.join(folder))
                .into_iter()
                .map(|file| {
                    let shown = file.strip_prefix(root).unwrap_or(&file).to_path_buf();
                    let source = crate::diag::read_text(&file, &shown, MAX_LOCALE_FILE_BYTES);
                    (shown, source)
                })
                .collect()
        })
    }

    /// Builds the bundles from locale files already in memory: `(language, path as shown
    /// in problems, text)`, in loading order. Checked exactly as [`Localizer::load`] checks
    /// files (which reads them and calls the same code).
    pub fn from_sources(
        locales_dir: &Path,
        sources: &[(Language, PathBuf, String)],
    ) -> (Self, Vec<Problem>) {
        Self::build(locales_dir, Vec::new(), |folder| {
            sources
                .iter()
                .filter(|(language, _, _)| locales_dir.join(language.code()) == folder)
                .map(|(_, shown, text)| (shown.clone(), Ok(Some(text.clone()))))
                .collect()
        })
    }

    /// The loader behind [`Localizer::load`] and [`Localizer::from_sources`]: `files_of`
    /// gives the files of a language's folder (relative to the site root) with their text,
    /// `None` for a file gone since it was listed, or the problem reading it.
    fn build(
        locales_dir: &Path,
        mut problems: Vec<Problem>,
        files_of: impl Fn(&Path) -> Vec<(PathBuf, LocaleText)>,
    ) -> (Self, Vec<Problem>) {
        let mut bundles = BTreeMap::new();
        let mut definitions = BTreeMap::new();
        let mut sources = BTreeMap::new();
        let mut too_long = BTreeSet::new();
        let mut english_ids: Option<BTreeSet<String>> = None;
        for language in Language::ALL {
            let folder = locales_dir.join(language.code());
            let formatters = match Formatters::new(language) {
                Ok(f) => Arc::new(f),
                Err(message) => {
                    problems.push(Problem::error(&folder, message));
                    continue;
                }
            };
            let mut bundle = FluentBundle::new_concurrent(vec![language.langid()]);
            // Unicode isolation marks keep right-to-left text and embedded left-to-right
            // names apart; in left-to-right languages they only clutter the output.
            bundle.set_use_isolating(language.is_rtl());
            register_functions(&mut bundle, &formatters);
            let files = files_of(&folder);
            let no_files = files.is_empty();
            if no_files {
                problems.push(
                    Problem::error(&folder, format!("no locale files for {language}"))
                        .hint(format!(
                            "add {}/main.ftl (copy locales/en/main.ftl and translate it); until then the {language} pages use English",
                            folder.display()
                        )),
                );
            }
            let mut ids = BTreeSet::new();
            let mut references = BTreeMap::new();
            let mut sizes = Vec::new();
            for (shown, source) in files {
                let source = match source {
                    Ok(Some(source)) => source,
                    Ok(None) => continue,
                    Err(problem) => {
                        problems.push(*problem);
                        continue;
                    }
                };
                if let Some(offset) = fluent_too_deep(&source) {
                    problems.push(too_deep(&shown, &source, offset, language));
                    continue;
                }
                let (Ok(parsed) | Err((parsed, _))) = fluent_syntax::parser::parse(source.as_str());
                for (id, targets) in syntax::references(&parsed) {
                    references.entry(id).or_insert(targets);
                }
                sizes.extend(super::limits::sizes(&parsed));
                problems.extend(super::limits::unsafe_text(&parsed, &source, &shown));
                let mut resource = match fluent_syntax::parser::parse(source.clone()) {
                    Ok(resource) => resource,
                    Err((resource, errors)) => {
                        for error in errors {
                            problems.push(syntax_error(&shown, &source, &error, language));
                        }
                        resource
                    }
                };
                for id in message_ids(&resource) {
                    if let Some(offset) = definition_offset(&source, &id) {
                        definitions
                            .entry((language, id.clone()))
                            .or_insert((shown.clone(), offset));
                    }
                    if !ids.insert(id.clone()) {
                        let offset = source.find(&format!("\n{id} =")).map_or(0, |i| i + 1);
                        problems.push(
                            Problem::error(&shown, format!("the message `{id}` is defined twice"))
                                .at(Position::from_offset(&source, offset))
                                .field(id)
                                .hint("remove one of the two definitions"),
                        );
                    }
                }
                rewrite_resource(&mut resource);
                let rewritten = fluent_syntax::serializer::serialize(&resource);
                let resource = match FluentResource::try_new(rewritten) {
                    Ok(r) => r,
                    Err((r, _)) => r,
                };
                // Duplicates were reported above; the first definition wins.
                bundle.add_resource_overriding(resource);
                sources.insert(shown, source);
            }
            for cycle in reference_cycles(&references) {
                let Some((file, offset)) = definitions.get(&(language, cycle[0].clone())) else {
                    continue;
                };
                problems.push(reference_loop(
                    file,
                    &sources[file],
                    *offset,
                    &cycle,
                    language,
                ));
            }
            for (id, bytes) in super::limits::too_long(&sizes) {
                let message = id.split('.').next().unwrap_or(&id).to_string();
                if let Some((file, offset)) = definitions.get(&(language, message)) {
                    problems.push(super::limits::too_long_problem(
                        file,
                        &sources[file],
                        *offset,
                        &id,
                        bytes,
                    ));
                }
                too_long.insert((language, id));
            }
            if language == Language::En {
                english_ids = Some(ids.clone());
            } else if no_files {
                // Reported above: every message is missing.
            } else if let Some(english) = &english_ids {
                problems.extend(untranslated(&folder, english, &ids, language));
            }
            bundles.insert(language, LanguageBundle { bundle, formatters });
        }
        (
            Self {
                bundles,
                definitions,
                sources,
                too_long,
                runtime_problems: Mutex::new(BTreeSet::new()),
            },
            problems,
        )
    }

    /// Formats message `id` in `language`, falling back to English when the language lacks
    /// it or it fails to format there (a variable the code does not pass, a reference loop);
    /// `None` when no bundle has it. Failures are recorded for [`Self::runtime_problems`].
    pub fn try_text(&self, language: Language, id: &str, args: &[(&str, Arg)]) -> Option<String> {
        self.try_format(language, id, None, args)
    }

    /// Formats attribute `attribute` of message `id` (`.inline` of a speaker phrase), with
    /// the fallback and failure recording of [`Self::try_text`].
    pub fn try_text_attribute(
        &self,
        language: Language,
        id: &str,
        attribute: &str,
        args: &[(&str, Arg)],
    ) -> Option<String> {
        self.try_format(language, id, Some(attribute), args)
    }

    /// The message's value, or its `attribute` when given, formatted along the fallback chain.
    fn try_format(
        &self,
        language: Language,
        id: &str,
        attribute: Option<&str>,
        args: &[(&str, Arg)],
    ) -> Option<String> {
        let chain = [language, Language::En];
        let mut broken = None;
        for lang in chain
            .iter()
            .take(if language == Language::En { 1 } else { 2 })
        {
            let Some(entry) = self.bundles.get(lang) else {
                continue;
            };
            let Some(message) = entry.bundle.get_message(id) else {
                continue;
            };
            let pattern = match attribute {
                None => message.value(),
                Some(name) => message.get_attribute(name).map(|a| a.value()),
            };
            let Some(pattern) = pattern else {
                continue;
            };
            if self.too_long.contains(&(*lang, id.to_string())) {
                continue;
            }
            let mut fluent_args = FluentArgs::new();
            for (name, value) in args {
                match value {
                    Arg::Str(s) => fluent_args.set(*name, FluentValue::from(s.as_str())),
                    Arg::Num(n) => fluent_args.set(*name, FluentValue::from(*n)),
                }
            }
            let mut errors = Vec::new();
            let text = entry
                .bundle
                .format_pattern(pattern, Some(&fluent_args), &mut errors)
                .into_owned();
            if text.len() > super::limits::MAX_MESSAGE_BYTES {
                if let Ok(mut problems) = self.runtime_problems.lock() {
                    problems.insert(Failure {
                        language: *lang,
                        id: id.to_string(),
                        kind: FailureKind::TooLong,
                    });
                }
                continue;
            }
            if errors.is_empty() {
                return Some(text);
            }
            if let Ok(mut problems) = self.runtime_problems.lock() {
                for error in errors {
                    problems.insert(Failure {
                        language: *lang,
                        id: id.to_string(),
                        kind: failure_kind(&error),
                    });
                }
            }
            // Show the English message rather than a broken one; if English fails too, its
            // text with Fluent's markers is the best there is.
            broken = Some(text);
        }
        broken
    }

    /// Formats message `id`, or returns the id itself (and records the problem) when no
    /// language has it, so that a missing message is visible rather than fatal.
    pub fn text(&self, language: Language, id: &str, args: &[(&str, Arg)]) -> String {
        self.try_text(language, id, args).unwrap_or_else(|| {
            if let Ok(mut problems) = self.runtime_problems.lock() {
                problems.insert(Failure {
                    language: Language::En,
                    id: id.to_string(),
                    kind: FailureKind::Missing,
                });
            }
            id.to_string()
        })
    }

    /// Formats attribute `attribute` of message `id`, or returns `id.attribute` (and records
    /// the problem) when no language has it.
    pub fn text_attribute(
        &self,
        language: Language,
        id: &str,
        attribute: &str,
        args: &[(&str, Arg)],
    ) -> String {
        self.try_text_attribute(language, id, attribute, args)
            .unwrap_or_else(|| {
                let shown = format!("{id}.{attribute}");
                if let Ok(mut problems) = self.runtime_problems.lock() {
                    problems.insert(Failure {
                        language: Language::En,
                        id: shown.clone(),
                        kind: FailureKind::Missing,
                    });
                }
                shown
            })
    }

    /// The CLDR formatters of `language`.
    pub fn formatters(&self, language: Language) -> Option<&Formatters> {
        self.bundles.get(&language).map(|b| b.formatters.as_ref())
    }

    /// Joins items into a list as `language` does ("a, b and c").
    pub fn and_list(&self, language: Language, items: &[String]) -> String {
        match self.formatters(language) {
            Some(f) => f.and_list(items),
            None => items.join(", "),
        }
    }

    /// Problems met while formatting so far, each once, as one line each.
    pub fn runtime_problems(&self) -> Vec<String> {
        self.runtime_diagnostics()
            .iter()
            .map(|p| {
                let mut line = p.to_string();
                line.truncate(line.find('\n').unwrap_or(line.len()));
                line
            })
            .collect()
    }

    /// Problems met while formatting so far, each once, with the file, line and column of
    /// the message and a hint. Reference loops are left out: [`Self::load`] reports each
    /// loop with its members.
    pub fn runtime_diagnostics(&self) -> Vec<Problem> {
        let failures: Vec<Failure> = self
            .runtime_problems
            .lock()
            .map(|p| p.iter().cloned().collect())
            .unwrap_or_default();
        failures
            .into_iter()
            .filter(|f| f.kind != FailureKind::Cyclic)
            .map(|failure| self.diagnostic(failure))
            .collect()
    }

    fn diagnostic(&self, failure: Failure) -> Problem {
        let Failure { language, id, kind } = failure;
        let folder = PathBuf::from("locales").join(language.code());
        let fallback = if language == Language::En {
            "until then the pages show it with `{…}` in place of the variable"
        } else {
            "until then the pages show the English message"
        };
        let (message, hint, needle) = match kind {
            FailureKind::Missing => (
                format!("the message `{id}` is missing"),
                format!("add `{id} = …` to a .ftl file of {}", folder.display()),
                None,
            ),
            FailureKind::UnknownVariable(variable) => (
                format!(
                    "the message `{id}` uses `${variable}`, which heptaglot does not pass to it"
                ),
                format!(
                    "use only the variables the English message uses (locales/en), or remove `{{ ${variable} }}`; {fallback}"
                ),
                Some(format!("${variable}")),
            ),
            FailureKind::Cyclic => (
                format!("the message `{id}` refers back to itself"),
                format!("remove the reference that closes the loop; {fallback}"),
                None,
            ),
            FailureKind::TooLong => (
                format!(
                    "the message `{id}` is longer than the {} bytes a message may have once its variables are filled in",
                    super::limits::MAX_MESSAGE_BYTES
                ),
                format!("use each variable at most once; {fallback}"),
                None,
            ),
            FailureKind::Other(error) => (
                format!("the message `{id}` cannot be formatted: {error}"),
                format!("compare it with the English message; {fallback}"),
                None,
            ),
        };
        let Some((file, offset)) = self.definitions.get(&(language, id.clone())) else {
            return Problem::error(folder, message).field(id).hint(hint);
        };
        let source = self.sources.get(file).map_or("", String::as_str);
        // Point at the variable when it is in the message's own text.
        let end = source[*offset..]
            .find("\n\n")
            .map_or(source.len(), |i| offset + i);
        let at = needle
            .and_then(|n| source[*offset..end].find(&n).map(|i| offset + i))
            .unwrap_or(*offset);
        Problem::error(file, message)
            .at(Position::from_offset(source, at))
            .field(id)
            .hint(hint)
    }
}

/// What went wrong, from Fluent's error.
fn failure_kind(error: &fluent_bundle::FluentError) -> FailureKind {
    use fluent_bundle::FluentError;
    use fluent_bundle::resolver::ResolverError;
    use fluent_bundle::resolver::errors::ReferenceKind;
    match error {
        FluentError::ResolverError(ResolverError::Reference(ReferenceKind::Variable { id })) => {
            FailureKind::UnknownVariable(id.clone())
        }
        FluentError::ResolverError(ResolverError::Cyclic) => FailureKind::Cyclic,
        other => FailureKind::Other(other.to_string()),
    }
}

/// The largest locale file heptaglot reads.
pub const MAX_LOCALE_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Folders of `locales/` that are not one of the seven languages: nothing would read them.
fn unknown_folders(root: &Path, locales_dir: &Path) -> Vec<Problem> {
    let Ok(entries) = std::fs::read_dir(root.join(locales_dir)) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|name| !name.starts_with('.') && !Language::all_codes().contains(&name.as_str()))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let codes = Language::all_codes();
            let hint = match crate::diag::did_you_mean(&name, codes.iter().copied()) {
                Some(code) => format!(
                    "did you mean `{code}`? Rename the folder; heptaglot publishes in: {}",
                    codes.join(", ")
                ),
                None => format!(
                    "heptaglot publishes in: {}; move these translations into one of their folders, or remove the folder",
                    codes.join(", ")
                ),
            };
            Problem::error(
                locales_dir.join(&name),
                format!("`{name}` is not one of the seven languages, so nothing in this folder is used"),
            )
            .hint(hint)
        })
        .collect()
}

/// The `.ftl` files of a locale folder, sorted so that loading order is stable.
fn ftl_files(folder: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = crate::walk::entries(folder, 1)
        .filter_map(Result::ok)
        // Links are followed when read; a FIFO or socket is reported then, not skipped.
        .filter(|e| !e.is_dir())
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
        .collect();
    files.sort();
    files
}

fn number_of(value: &FluentValue) -> Option<f64> {
    match value {
        FluentValue::Number(n) => Some(n.value),
        FluentValue::String(s) => s.parse().ok(),
        _ => None,
    }
}

fn string_of<'a>(value: &'a FluentValue) -> Option<&'a str> {
    match value {
        FluentValue::String(s) => Some(s.as_ref()),
        _ => None,
    }
}

fn register_functions(bundle: &mut FluentBundle<FluentResource>, formatters: &Arc<Formatters>) {
    // Registering a function only fails when the name is taken; these names are fresh.
    let f = Arc::clone(formatters);
    let _ = bundle.add_function("NUMBER", move |positional, _named| {
        match positional.first().and_then(number_of) {
            Some(n) => FluentValue::from(f.number(n)),
            None => FluentValue::Error,
        }
    });
    let f = Arc::clone(formatters);
    let _ = bundle.add_function("DATE", move |positional, _named| {
        positional
            .first()
            .and_then(string_of)
            .and_then(parse_date)
            .and_then(|(y, m, d)| f.date(y, m, d))
            .map_or(FluentValue::Error, FluentValue::from)
    });
    let f = Arc::clone(formatters);
    let _ = bundle.add_function("TIME", move |positional, _named| {
        positional
            .first()
            .and_then(string_of)
            .and_then(parse_time)
            .and_then(|(h, m)| f.time(h, m))
            .map_or(FluentValue::Error, FluentValue::from)
    });
    let f = Arc::clone(formatters);
    let _ = bundle.add_function(PLURAL_FUNCTION, move |positional, named| {
        let ordinal = matches!(named.get("type"), Some(FluentValue::String(t)) if t == "ordinal");
        match positional.first().and_then(number_of) {
            Some(n) => FluentValue::from(category_name(f.plural_category(n, ordinal))),
            None => FluentValue::Error,
        }
    });
}

/// The problem of a locale file `shown` whose `source` nests too deep at `offset`.
fn too_deep(shown: &Path, source: &str, offset: usize, language: Language) -> Problem {
    Problem::error(
        shown,
        format!(
            "placeables {{ }} or call arguments ( ) nest more than {MAX_FLUENT_DEPTH} levels deep here"
        ),
    )
    .at(Position::from_offset(source, offset))
    .hint(if language == Language::En {
        "close the braces and parentheses you opened; until then this file is not read"
    } else {
        "close the braces and parentheses you opened; until then this file is not read and its messages fall back to English"
    })
}

/// The problem of a Fluent syntax `error` in the locale file `shown`, naming the message
/// it is in when the parser tells.
fn syntax_error(
    shown: &Path,
    source: &str,
    error: &fluent_syntax::parser::ParserError,
    language: Language,
) -> Problem {
    let position = Position::from_offset(source, error.pos.start);
    let message_id = error
        .slice
        .as_ref()
        .and_then(|slice| source.get(slice.clone()))
        .and_then(|text| text.split(['=', '\n']).next())
        .map(|id| id.trim().to_string())
        .filter(|id| !id.is_empty() && !id.starts_with('#'));
    let mut problem = Problem::error(shown, format!("Fluent syntax error: {}", error.kind))
        .at(position)
        .hint(if language == Language::En {
            "fix the syntax; until then this message is missing".to_string()
        } else {
            "fix the syntax; until then this message falls back to English".to_string()
        });
    if let Some(id) = message_id {
        problem = problem.field(id);
    }
    problem
}

/// The problem of a loop of references, `cycle`, whose first message is defined in `file`
/// (with `source`) at `offset`.
fn reference_loop(
    file: &Path,
    source: &str,
    offset: usize,
    cycle: &[String],
    language: Language,
) -> Problem {
    let mut chain = cycle.to_vec();
    chain.push(cycle[0].clone());
    Problem::error(
        file,
        format!(
            "`{}` refers back to itself: {}",
            cycle[0],
            chain
                .iter()
                .map(|id| format!("`{id}`"))
                .collect::<Vec<_>>()
                .join(" → ")
        ),
    )
    .at(Position::from_offset(source, offset))
    .field(cycle[0].clone())
    .hint(if language == Language::En {
        "remove one of these references; until then these messages cannot be shown".to_string()
    } else {
        "remove one of these references; until then these messages are shown in English".to_string()
    })
}

/// The warning for the messages of `english` that `language` (its folder, its `ids`)
/// lacks, if any.
fn untranslated(
    folder: &Path,
    english: &BTreeSet<String>,
    ids: &BTreeSet<String>,
    language: Language,
) -> Option<Problem> {
    let missing: Vec<_> = english.difference(ids).cloned().collect();
    (!missing.is_empty()).then(|| {
        Problem::warning(
            folder,
            format!(
                "{} message(s) not translated into {language}: {}",
                missing.len(),
                missing.join(", ")
            ),
        )
        .hint("add them to this language's .ftl file; until then they are shown in English")
    })
}

/// A locale file's text as read: `None` when it vanished after it was listed.
type LocaleText = Result<Option<String>, Box<Problem>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_files_are_not_too_deep() {
        let ok = "# {{{{ in a comment ((((\na = { $n ->\n    [one] { NUMBER($n) } \"}}}\" (\n   *[other] { \"{{{{\" } x\n}\nb = {{{ \"{{{{{{\" }}}\n";
        assert_eq!(fluent_too_deep(ok), None);
        let comment = format!("# {}\na = b\n", "{".repeat(100));
        assert_eq!(fluent_too_deep(&comment), None);
        let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
        for language in Language::ALL {
            for file in ftl_files(&repo.join(language.code())) {
                let text = std::fs::read_to_string(&file).unwrap();
                assert_eq!(fluent_too_deep(&text), None, "{}", file.display());
            }
        }
    }

    #[test]
    fn a_file_nesting_too_deep_is_reported_and_skipped() {
        let deep = format!("a = {}\n", "{".repeat(50_000));
        let sources = [
            (
                Language::En,
                PathBuf::from("locales/en/main.ftl"),
                "a = A\n".to_string(),
            ),
            (Language::Ar, PathBuf::from("locales/ar/main.ftl"), deep),
        ];
        let (localizer, problems) = Localizer::from_sources(Path::new("locales"), &sources);
        let problem = problems
            .iter()
            .find(|p| p.file == Path::new("locales/ar/main.ftl"))
            .expect("the deep file is reported");
        assert!(
            problem.message.contains("nest more than 32 levels"),
            "{problem}"
        );
        assert_eq!(problem.position.map(|p| (p.line, p.column)), Some((1, 37)));
        assert_eq!(localizer.text(Language::Ar, "a", &[]), "A");
    }
}
