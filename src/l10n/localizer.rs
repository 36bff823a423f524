//! Loading locale folders into Fluent bundles and formatting messages with fallback.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
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
            let files = ftl_files(&root.join(&folder));
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
            for file in files {
                let shown = file.strip_prefix(root).unwrap_or(&file).to_path_buf();
                let source = match std::fs::read_to_string(&file) {
                    Ok(s) => s,
                    Err(error) => {
                        problems.push(
                            Problem::error(&shown, format!("cannot read the locale file: {error}"))
                                .hint("save it as UTF-8 text and check its permissions"),
                        );
                        continue;
                    }
                };
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
