//! Loading locale folders into Fluent bundles and formatting messages with fallback.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use super::icu::{Formatters, category_name};
use super::plural::{PLURAL_FUNCTION, rewrite_resource};
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
    /// Problems met while formatting (a missing variable, a cyclic reference), reported
    /// once each after the build.
    runtime_problems: Mutex<BTreeSet<String>>,
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
        Self::build(locales_dir, |folder| {
            ftl_files(&root.join(folder))
                .into_iter()
                .map(|file| {
                    let shown = file.strip_prefix(root).unwrap_or(&file).to_path_buf();
                    let source = std::fs::read_to_string(&file).map_err(|e| e.to_string());
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
        Self::build(locales_dir, |folder| {
            sources
                .iter()
                .filter(|(language, _, _)| locales_dir.join(language.code()) == folder)
                .map(|(_, shown, text)| (shown.clone(), Ok(text.clone())))
                .collect()
        })
    }

    /// The loader behind [`Localizer::load`] and [`Localizer::from_sources`]: `files_of`
    /// gives the files of a language's folder (relative to the site root) with their text or
    /// why it could not be read.
    fn build(
        locales_dir: &Path,
        files_of: impl Fn(&Path) -> Vec<(PathBuf, Result<String, String>)>,
    ) -> (Self, Vec<Problem>) {
        let mut problems = Vec::new();
        let mut bundles = BTreeMap::new();
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
            if files.is_empty() {
                problems.push(
                    Problem::error(&folder, format!("no locale files for {language}"))
                        .hint(format!(
                            "add {}/main.ftl (copy locales/en/main.ftl and translate it); until then the {language} pages use English",
                            folder.display()
                        )),
                );
            }
            let mut ids = BTreeSet::new();
            for (shown, source) in files {
                let source = match source {
                    Ok(s) => s,
                    Err(error) => {
                        problems.push(
                            Problem::error(&shown, format!("cannot read the locale file: {error}"))
                                .hint("save it as UTF-8 text and check its permissions"),
                        );
                        continue;
                    }
                };
                if let Some(offset) = fluent_too_deep(&source) {
                    problems.push(
                        Problem::error(
                            &shown,
                            format!(
                                "placeables {{ }} or call arguments ( ) nest more than {MAX_FLUENT_DEPTH} levels deep here"
                            ),
                        )
                        .at(Position::from_offset(&source, offset))
                        .hint(if language == Language::En {
                            "close the braces and parentheses you opened; until then this file is not read"
                        } else {
                            "close the braces and parentheses you opened; until then this file is not read and its messages fall back to English"
                        }),
                    );
                    continue;
                }
                let mut resource = match fluent_syntax::parser::parse(source.clone()) {
                    Ok(resource) => resource,
                    Err((resource, errors)) => {
                        for error in errors {
                            let position = Position::from_offset(&source, error.pos.start);
                            let message_id = error
                                .slice
                                .as_ref()
                                .and_then(|slice| source.get(slice.clone()))
                                .and_then(|text| text.split(['=', '\n']).next())
                                .map(|id| id.trim().to_string())
                                .filter(|id| !id.is_empty() && !id.starts_with('#'));
                            let mut problem = Problem::error(
                                &shown,
                                format!("Fluent syntax error: {}", error.kind),
                            )
                            .at(position)
                            .hint(if language == Language::En {
                                "fix the syntax; until then this message is missing".to_string()
                            } else {
                                "fix the syntax; until then this message falls back to English"
                                    .to_string()
                            });
                            if let Some(id) = message_id {
                                problem = problem.field(id);
                            }
                            problems.push(problem);
                        }
                        resource
                    }
                };
                for id in message_ids(&resource) {
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
            }
            if language == Language::En {
                english_ids = Some(ids.clone());
            } else if let Some(english) = &english_ids {
                let missing: Vec<_> = english.difference(&ids).cloned().collect();
                if !missing.is_empty() {
                    problems.push(
                        Problem::warning(
                            &folder,
                            format!(
                                "{} message(s) not translated into {language}: {}",
                                missing.len(),
                                missing.join(", ")
                            ),
                        )
                        .hint("add them to this language's .ftl file; until then they are shown in English"),
                    );
                }
            }
            bundles.insert(language, LanguageBundle { bundle, formatters });
        }
        (
            Self {
                bundles,
                runtime_problems: Mutex::new(BTreeSet::new()),
            },
            problems,
        )
    }

    /// Formats message `id` in `language`, falling back to English when the language lacks
    /// it; `None` when no bundle has it.
    pub fn try_text(&self, language: Language, id: &str, args: &[(&str, Arg)]) -> Option<String> {
        let chain = [language, Language::En];
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
            let Some(pattern) = message.value() else {
                continue;
            };
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
            if !errors.is_empty()
                && let Ok(mut problems) = self.runtime_problems.lock()
            {
                for error in errors {
                    problems.insert(format!("locales/{}: message `{id}`: {error}", lang.code()));
                }
            }
            return Some(text);
        }
        None
    }

    /// Formats message `id`, or returns the id itself (and records the problem) when no
    /// language has it, so that a missing message is visible rather than fatal.
    pub fn text(&self, language: Language, id: &str, args: &[(&str, Arg)]) -> String {
        self.try_text(language, id, args).unwrap_or_else(|| {
            if let Ok(mut problems) = self.runtime_problems.lock() {
                problems.insert(format!("locales/en: the message `{id}` is missing"));
            }
            id.to_string()
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

    /// Problems met while formatting so far, each once.
    pub fn runtime_problems(&self) -> Vec<String> {
        self.runtime_problems
            .lock()
            .map(|p| p.iter().cloned().collect())
            .unwrap_or_default()
    }
}

/// The deepest nesting of placeables (`{ }`) and call arguments (`( )`) a locale file may
/// have. fluent-syntax parses them recursively, so a file nesting thousands of levels
/// overflows the stack, a crash no error handling can catch; real messages nest two or
/// three levels.
pub const MAX_FLUENT_DEPTH: usize = 32;

/// The byte offset in `source` where placeables or call arguments open deeper than
/// [`MAX_FLUENT_DEPTH`], if they do.
///
/// A lexical scan, so that nothing recursive runs first: `{` and `(` open, `}` and `)`
/// close, string literals are skipped where an expression is expected, comments at the
/// top. After a syntax error the parser starts again at the next line that begins an
/// entry; an expression may also go on at the start of a line. The file is scanned both
/// ways (never starting again, and starting again at every such line) and the deeper
/// reading counts. This catches any plain deep nesting; a file crafted to mislead both
/// readings after a syntax error could still get through (fluent-syntax itself has no
/// depth limit).
pub(crate) fn fluent_too_deep(source: &str) -> Option<usize> {
    match (scan_depth(source, false), scan_depth(source, true)) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// One reading of [`fluent_too_deep`]; `restart` empties the stack at each line that
/// starts with a letter, `-` or `#`, where the parser resumes after an error.
fn scan_depth(source: &str, restart: bool) -> Option<usize> {
    #[derive(PartialEq)]
    enum Frame {
        /// Inside `{`, before any `->`: an expression.
        Placeable,
        /// Inside `{ … ->`: variants, whose values are text.
        Select,
        /// Inside the `( )` of a function or term call: expressions.
        Call,
    }
    let bytes = source.as_bytes();
    let mut frames: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let line_start = i == 0 || bytes[i - 1] == b'\n';
        if restart && line_start && (b.is_ascii_alphabetic() || b == b'-' || b == b'#') {
            frames.clear();
        }
        if frames.is_empty() && line_start && b == b'#' {
            // A comment, to the end of the line.
            i = source[i..].find('\n').map_or(bytes.len(), |n| i + n);
            continue;
        }
        let expression = matches!(frames.last(), Some(Frame::Placeable | Frame::Call));
        match b {
            b'"' if expression => {
                // A string literal: to the closing quote or the line end; a backslash
                // escapes the next character, but never the line end.
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                    let escaped = bytes[i] == b'\\' && bytes.get(i + 1) != Some(&b'\n');
                    i += if escaped { 2 } else { 1 };
                }
            }
            b'{' => frames.push(Frame::Placeable),
            b'(' if expression => frames.push(Frame::Call),
            b')' if frames.last() == Some(&Frame::Call) => {
                frames.pop();
            }
            b'}' => {
                while let Some(frame) = frames.pop() {
                    if frame != Frame::Call {
                        break;
                    }
                }
            }
            b'-' if frames.last() == Some(&Frame::Placeable) && bytes.get(i + 1) == Some(&b'>') => {
                frames.pop();
                frames.push(Frame::Select);
            }
            _ => {}
        }
        if frames.len() > MAX_FLUENT_DEPTH {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// The `.ftl` files of a locale folder, sorted so that loading order is stable.
fn ftl_files(folder: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = walkdir::WalkDir::new(folder)
        .max_depth(1)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_is_found_before_the_parser_overflows_its_stack() {
        // Found by fuzzing: 50,000 nested `{` crashed every command that reads locales.
        let n = MAX_FLUENT_DEPTH + 1;
        let braces = format!("a = {}\"x\"{}\n", "{".repeat(n), "}".repeat(n));
        assert_eq!(fluent_too_deep(&braces), Some(4 + MAX_FLUENT_DEPTH));
        let calls = format!("a = {{ {}1{} }}\n", "NUMBER(".repeat(n), ")".repeat(n));
        assert!(fluent_too_deep(&calls).is_some());
        // Selects nest through their variants, whose text may hold quotes and parentheses.
        let selects = format!("a = {}x\n", "{ $n ->\n *[other] \"( ".repeat(n));
        assert!(fluent_too_deep(&selects).is_some());
        // A string literal that closes braces does not hide the ones that follow.
        let strings = format!("a = {}x\n", "{ $n ->\n *[other] { \"}\" } ".repeat(n));
        assert!(fluent_too_deep(&strings).is_some());
        // Nor does a backslash at a line end, or an unclosed placeable before an error.
        let backslash = format!("a = {{ \"\\\nb = {}\n", "{".repeat(n));
        assert!(fluent_too_deep(&backslash).is_some());
        let after_error = format!("a = {{\n!\nb = \"{}\n", "{ F( ".repeat(n));
        assert!(fluent_too_deep(&after_error).is_some());
    }

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
