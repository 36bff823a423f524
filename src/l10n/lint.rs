//! The checks Mozilla's compare-locales makes on a locale against English (missing and
//! obsolete messages and attributes, missing CLDR plural categories), plus one it lacks:
//! variables a translation uses that the English message does not provide. Syntax errors
//! and duplicate ids are reported when bundles load ([`super::Localizer::load`]).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fluent_syntax::ast;
use serde::Serialize;

use super::icu::Formatters;
use super::syntax::{MessageShape, fluent_too_deep, walk_pattern};
use crate::lang::Language;

/// The findings for one locale.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct LocaleLint {
    /// Language code.
    pub language: String,
    /// Messages English has and this locale lacks.
    pub missing: Vec<String>,
    /// Messages this locale has and English does not.
    pub obsolete: Vec<String>,
    /// `message.attribute` English has and this locale lacks.
    pub missing_attributes: Vec<String>,
    /// `message.attribute` this locale has and English does not.
    pub obsolete_attributes: Vec<String>,
    /// `message: few, many`: plural categories of this language a plural select lacks.
    pub missing_plural_categories: Vec<String>,
    /// `message: $variable`: variables used that the English message never provides.
    pub unknown_variables: Vec<String>,
}

impl LocaleLint {
    /// How many findings there are.
    pub fn count(&self) -> usize {
        self.missing.len()
            + self.obsolete.len()
            + self.missing_attributes.len()
            + self.obsolete_attributes.len()
            + self.missing_plural_categories.len()
            + self.unknown_variables.len()
    }
}

/// The messages of every `.ftl` file of a locale folder, by id. Files that do not parse
/// contribute the messages that did.
fn shapes(folder: &Path) -> BTreeMap<String, MessageShape> {
    let mut files: Vec<_> = std::fs::read_dir(folder)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p: &std::path::PathBuf| p.extension().is_some_and(|e| e == "ftl"));
    files.sort();
    let texts: Vec<String> = files
        .iter()
        .filter_map(|file| std::fs::read_to_string(file).ok())
        .collect();
    shapes_of(&texts)
}

/// The messages of locale files already read, by id.
fn shapes_of(texts: &[String]) -> BTreeMap<String, MessageShape> {
    let mut shapes = BTreeMap::new();
    for text in texts {
        // Loading reports such a file; parsing it could overflow the stack.
        if fluent_too_deep(text).is_some() {
            continue;
        }
        let resource = match fluent_syntax::parser::parse(text.as_str()) {
            Ok(r) => r,
            Err((r, _)) => r,
        };
        let mut group_documented = BTreeSet::new();
        for entry in resource.body {
            match &entry {
                ast::Entry::GroupComment(comment) => {
                    group_documented = documented_variables(&comment.content);
                }
                // A free-standing comment inside a group documents the group.
                ast::Entry::Comment(comment) => {
                    group_documented.extend(documented_variables(&comment.content));
                }
                _ => {}
            }
            if let ast::Entry::Message(message) = entry {
                let mut shape = MessageShape {
                    documented: group_documented.clone(),
                    ..MessageShape::default()
                };
                if let Some(comment) = &message.comment {
                    shape
                        .documented
                        .extend(documented_variables(&comment.content));
                }
                if let Some(value) = &message.value {
                    walk_pattern(value, &mut shape);
                }
                for attribute in &message.attributes {
                    shape.attributes.insert(attribute.id.name.to_string());
                    walk_pattern(&attribute.value, &mut shape);
                }
                shapes.insert(message.id.name.to_string(), shape);
            }
        }
    }
    shapes
}

/// The `$names` a comment mentions.
fn documented_variables(lines: &[&str]) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for line in lines {
        for part in line.split('$').skip(1) {
            let name: String = part
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                .collect();
            if !name.is_empty() {
                names.insert(name);
            }
        }
    }
    names
}

/// The variables English provides to message `id`: those it uses, those its referenced
/// messages use, and those its comments document as passed by the code.
fn provided(english: &BTreeMap<String, MessageShape>, id: &str, depth: usize) -> BTreeSet<String> {
    let Some(shape) = english.get(id) else {
        return BTreeSet::new();
    };
    let mut vars: BTreeSet<String> = shape.variables.union(&shape.documented).cloned().collect();
    if depth < 8 {
        for reference in &shape.references {
            vars.extend(provided(english, reference, depth + 1));
        }
    }
    vars
}

/// Compares the locale of `language` under `locales` with English.
pub fn lint(locales: &Path, language: Language) -> LocaleLint {
    let english = shapes(&locales.join(Language::En.code()));
    let ours = shapes(&locales.join(language.code()));
    compare(&english, &ours, language)
}

/// [`lint`] on locale files already read: the texts of English's files and of
/// `language`'s.
pub fn lint_sources(english: &[String], ours: &[String], language: Language) -> LocaleLint {
    compare(&shapes_of(english), &shapes_of(ours), language)
}

fn compare(
    english: &BTreeMap<String, MessageShape>,
    ours: &BTreeMap<String, MessageShape>,
    language: Language,
) -> LocaleLint {
    let categories: Vec<&str> = Formatters::new(language)
        .map(|f| f.cardinal_categories())
        .unwrap_or_default();
    let mut lint = LocaleLint {
        language: language.code().into(),
        ..LocaleLint::default()
    };
    for (id, en) in english {
        let Some(shape) = ours.get(id) else {
            lint.missing.push(id.clone());
            continue;
        };
        for a in en.attributes.difference(&shape.attributes) {
            lint.missing_attributes.push(format!("{id}.{a}"));
        }
        for a in shape.attributes.difference(&en.attributes) {
            lint.obsolete_attributes.push(format!("{id}.{a}"));
        }
        for v in shape.variables.difference(&provided(english, id, 0)) {
            lint.unknown_variables.push(format!("{id}: ${v}"));
        }
        // Only messages that select on plurals in English need this language's categories.
        if !en.plural_selects.is_empty() && language != Language::En {
            for keys in &shape.plural_selects {
                let lacking: Vec<&str> = categories
                    .iter()
                    .copied()
                    .filter(|c| !keys.contains(*c))
                    .collect();
                if !lacking.is_empty() && keys.len() > 1 {
                    lint.missing_plural_categories
                        .push(format!("{id}: {}", lacking.join(", ")));
                }
            }
        }
    }
    for id in ours.keys() {
        if !english.contains_key(id) {
            lint.obsolete.push(id.clone());
        }
    }
    lint
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENGLISH: &str = "\
## Passed by the code to every message of this group: $record, $my_var-x
greeting = Hello { $name }
    .title = Greeting
plain = Plain
count-msg = { $count ->
    [one] one call
   *[other] { $count } calls
}
cycle-a = { cycle-b }
cycle-b = { cycle-a } { $deep }
";

    const RUSSIAN: &str = "\
greeting = Привет, { $name } { $record } { $my_var-x }
    .tooltip = Приветствие
count-msg = { $count ->
    [one] { $count } встреча
   *[other] { $count } встречи
}
cycle-a = { $deep } { $unknown }
extra = Лишнее
";

    #[test]
    fn every_kind_of_finding_is_reported_once_and_counted() {
        let lint = lint_sources(&[ENGLISH.into()], &[RUSSIAN.into()], Language::Ru);
        let expected = LocaleLint {
            language: "ru".into(),
            missing: vec!["cycle-b".into(), "plain".into()],
            obsolete: vec!["extra".into()],
            missing_attributes: vec!["greeting.title".into()],
            obsolete_attributes: vec!["greeting.tooltip".into()],
            missing_plural_categories: vec!["count-msg: few, many".into()],
            // `$record` and `$my_var-x` are documented by the group comment, `$deep` is
            // used by a message English references (through a cycle, which must end).
            unknown_variables: vec!["cycle-a: $unknown".into()],
        };
        assert_eq!(lint, expected);
        assert_eq!(lint.count(), 7);
    }

    #[test]
    fn count_adds_every_list() {
        let items = |n: usize| (0..n).map(|i| i.to_string()).collect::<Vec<_>>();
        let lint = LocaleLint {
            language: "de".into(),
            missing: items(1),
            obsolete: items(2),
            missing_attributes: items(3),
            obsolete_attributes: items(4),
            missing_plural_categories: items(5),
            unknown_variables: items(6),
        };
        assert_eq!(lint.count(), 21);
    }
}
