//! The glossary: names and fixed terms translated the same way everywhere
//! (`locales/glossary.yaml`). Speakers' affiliations, teams and places and series names are
//! looked up in it when pages are composed, and `status` checks that translations use it.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diag::{Position, Problem};
use crate::lang::Language;
use crate::notes::yaml::{self, Value};

/// The glossary file, relative to the locales folder.
pub const FILE_NAME: &str = "glossary.yaml";

/// One term in its languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The term in each language it has been fixed in.
    pub forms: BTreeMap<Language, String>,
    /// Where the term starts in the file.
    pub position: Position,
}

/// The glossary.
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    /// The terms, in file order.
    pub terms: Vec<Term>,
}

impl Glossary {
    /// Reads `<locales>/glossary.yaml` under `root`; no file is an empty glossary.
    pub fn load(root: &Path, locales: &Path) -> (Self, Vec<Problem>) {
        let shown = locales.join(FILE_NAME);
        match crate::diag::read_text(&root.join(&shown), &shown, super::file::MAX_FILE_BYTES) {
            Ok(Some(text)) => Self::parse(&text, &shown),
            Ok(None) => (Self::default(), Vec::new()),
            Err(problem) => (Self::default(), vec![*problem]),
        }
    }

    /// Parses glossary text; `shown` names the file in problems.
    pub fn parse(text: &str, shown: &Path) -> (Self, Vec<Problem>) {
        let mut problems = Vec::new();
        let node = match yaml::parse(text) {
            Ok(node) => node,
            Err(e) => {
                problems.push(
                    Problem::error(shown, e.message)
                        .at(e.position)
                        .hint(e.hint.unwrap_or_else(|| "each term is a list item: `- en: Friendly Space` then `es: Espacio Amigable` below it".into())),
                );
                return (Self::default(), problems);
            }
        };
        let terms_node = match &node.value {
            Value::Map(items) => items
                .iter()
                .find(|(k, _)| k.name == "terms")
                .map(|(_, v)| v),
            _ => None,
        };
        let Some(Value::Seq(items)) = terms_node.map(|n| &n.value) else {
            problems.push(
                Problem::error(shown, "the glossary should have a list `terms:`")
                    .at(node.position)
                    .hint("start the file with `terms:` and list each term as `- en: …`"),
            );
            return (Self::default(), problems);
        };
        let mut glossary = Self::default();
        for (i, item) in items.iter().enumerate() {
            let Value::Map(forms) = &item.value else {
                problems.push(
                    Problem::error(shown, "a term should map language codes to its forms")
                        .at(item.position)
                        .field(format!("terms[{i}]"))
                        .hint("write e.g. `- en: Wikimedia Mexico` and `es: Wikimedia México` below it"),
                );
                continue;
            };
            let mut term = Term {
                forms: BTreeMap::new(),
                position: item.position,
            };
            for (key, value) in forms {
                if key.name == "note" {
                    continue;
                }
                match (key.name.parse::<Language>(), &value.value) {
                    (Ok(lang), Value::Str(form)) if !form.trim().is_empty() => {
                        term.forms.insert(lang, form.trim().to_string());
                    }
                    (Ok(_), _) => problems.push(
                        Problem::error(shown, format!("the {} form should be text", key.name))
                            .at(value.position)
                            .field(format!("terms[{i}].{}", key.name))
                            .hint(
                                "write the term as the language writes it, or leave the line out",
                            ),
                    ),
                    (Err(_), _) => problems.push(
                        Problem::error(
                            shown,
                            format!("{:?} is not one of the seven languages", key.name),
                        )
                        .at(key.position)
                        .field(format!("terms[{i}]"))
                        .hint(format!(
                            "use one of: {} (or `note`)",
                            Language::all_codes().join(", ")
                        )),
                    ),
                }
            }
            glossary.terms.push(term);
        }
        (glossary, problems)
    }

    /// `text` in `to`, when it is a glossary term (in any language) with a form in `to`.
    pub fn translate<'a>(&'a self, text: &str, to: Language) -> Option<&'a str> {
        let text = text.trim();
        self.terms
            .iter()
            .find(|t| t.forms.values().any(|f| f == text))
            .and_then(|t| t.forms.get(&to))
            .map(String::as_str)
    }

    /// `text` in `to` when the glossary has it, else `text` as it is.
    pub fn or_same<'a>(&'a self, text: &'a str, to: Language) -> &'a str {
        self.translate(text, to).unwrap_or(text)
    }

    /// The terms that `source` (in `from`) contains and `translation` (in `to`) does not
    /// render with the glossary's form: pairs of (source form, expected form). A term
    /// whose form in `to` is its source form, or that has no form in `to` (the glossary
    /// keeps it as written), is checked too: those are the names a translator must not
    /// translate ("Wikimedia Argentina" written "Wikimedia Argentinien").
    pub fn misses(
        &self,
        source: &str,
        from: Language,
        translation: &str,
        to: Language,
    ) -> Vec<(String, String)> {
        self.terms
            .iter()
            .filter_map(|t| {
                let s = t.forms.get(&from)?;
                Some((s, t.forms.get(&to).unwrap_or(s)))
            })
            .filter(|(s, e)| source.contains(s.as_str()) && !translation.contains(e.as_str()))
            .map(|(s, e)| (s.clone(), e.clone()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_and_misses() {
        let (g, problems) = Glossary::parse(
            "terms:\n  - en: Friendly Space\n    es: Espacio Amigable\n  - en: Wikimedia Mexico\n    es: Wikimedia México\n    xx: nope\n",
            Path::new("glossary.yaml"),
        );
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].position.map(|p| p.line), Some(6));
        assert_eq!(
            g.translate("Wikimedia Mexico", Language::Es),
            Some("Wikimedia México")
        );
        assert_eq!(
            g.translate("Wikimedia México", Language::En),
            Some("Wikimedia Mexico")
        );
        assert_eq!(g.translate("Wikimedia Mexico", Language::Fr), None);
        assert_eq!(
            g.misses(
                "Join the Friendly Space",
                Language::En,
                "Únete al espacio",
                Language::Es
            ),
            vec![("Friendly Space".to_string(), "Espacio Amigable".to_string())]
        );
        assert!(
            g.misses(
                "Join the Friendly Space",
                Language::En,
                "Únete al Espacio Amigable",
                Language::Es
            )
            .is_empty()
        );
    }

    #[test]
    fn names_kept_as_written_are_checked() {
        let (g, _) = Glossary::parse(
            "terms:\n  - en: Wikimedia Argentina\n    de: Wikimedia Argentina\n  - en: Iberoconf\n",
            Path::new("glossary.yaml"),
        );
        let source = "Wikimedia Argentina spoke at Iberoconf";
        assert_eq!(
            g.misses(
                source,
                Language::En,
                "Wikimedia Argentinien sprach auf der Iberokonferenz",
                Language::De
            ),
            vec![
                (
                    "Wikimedia Argentina".to_string(),
                    "Wikimedia Argentina".to_string()
                ),
                ("Iberoconf".to_string(), "Iberoconf".to_string())
            ]
        );
        assert!(
            g.misses(
                source,
                Language::En,
                "Wikimedia Argentina sprach auf der Iberoconf",
                Language::De
            )
            .is_empty()
        );
    }
}
