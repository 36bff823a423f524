//! Translation files: one per digest and language, `locales/<lang>/digests/<slug>.yaml`.
//!
//! YAML, like the notes, so a translator sees Markdown as written (literal blocks) and
//! gets the same line-and-column errors; one file per digest and language, in the
//! translator's own locale folder, so nobody edits the note-taker's file or each other's.
//! Each unit keeps its source text beside the translation, and the hash of the source
//! version that was translated.

use std::path::{Path, PathBuf};

use crate::config::TranslationFormat;
use crate::diag::did_you_mean;
use crate::diag::{Position, Problem};
use crate::lang::Language;
use crate::notes::yaml::{self, Key, Node, Value};

/// One translated (or to-be-translated) unit in a file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Entry {
    /// The unit's id.
    pub id: String,
    /// Where the unit is, for the translator.
    pub place: Option<String>,
    /// The hash of the source text the translation was made from.
    pub hash: String,
    /// That source text.
    pub source: String,
    /// The translation; `None` or blank while untranslated.
    pub translation: Option<String>,
    /// The source text the translation was made from, kept when the source changed.
    pub previous_source: Option<String>,
    /// Set when the source changed after translation; the translator removes it after
    /// checking the translation.
    pub outdated: bool,
    /// The translator's own note, kept as it is.
    pub note: Option<String>,
    /// The unit whose translation the translation memory proposed here (`<slug>/<id>`);
    /// while the entry is also `outdated`, the proposal awaits review and is not published.
    pub memory: Option<String>,
    /// Where the entry starts in the file.
    pub position: Position,
}

impl Entry {
    /// The translation, when there is one.
    pub fn text(&self) -> Option<&str> {
        self.translation.as_deref().filter(|t| !t.trim().is_empty())
    }
}

/// A translation file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TranslationFile {
    /// The digest's slug.
    pub digest: String,
    /// The language translated into.
    pub language: Language,
    /// The language translated from.
    pub source_language: Language,
    /// The title of the digest, for the header comment.
    pub title: String,
    /// The units, in document order.
    pub units: Vec<Entry>,
    /// Units whose source no longer exists, kept so that no translation is lost.
    pub obsolete: Vec<Entry>,
    /// Header fields translators' tools write into a PO file (`Last-Translator`,
    /// `PO-Revision-Date`, …), kept as they are, in YAML too, so that converting loses none.
    pub header: Vec<(String, String)>,
}

impl TranslationFile {
    /// A file of the digest `slug` into `language`, with nothing read into it yet: where
    /// the YAML and PO readers start.
    pub fn empty(language: Language, slug: &str) -> Self {
        TranslationFile {
            digest: slug.to_string(),
            language,
            source_language: Language::En,
            title: String::new(),
            units: Vec::new(),
            obsolete: Vec::new(),
            header: Vec::new(),
        }
    }
}

/// The largest translation file heptaglot reads: a notes file may have 4 MiB, and its
/// translation holds the source beside each translation.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Where the translation of `slug` into `language` lives, relative to the site root.
pub fn path_for(locales: &Path, language: Language, slug: &str) -> PathBuf {
    locales
        .join(language.code())
        .join("digests")
        .join(format!("{slug}.yaml"))
}

/// The extensions a translation file may have: YAML (`.yaml`, `.yml`) or gettext PO.
pub const EXTENSIONS: [&str; 3] = ["yaml", "yml", "po"];

/// The format of a translation file named `path`, by its extension.
pub fn format_of(path: &Path) -> Option<TranslationFormat> {
    match path.extension()?.to_str()? {
        "yaml" | "yml" => Some(TranslationFormat::Yaml),
        "po" => Some(TranslationFormat::Po),
        _ => None,
    }
}

/// Where the translation of `slug` into `language` is written in `format`.
pub fn path_as(
    locales: &Path,
    language: Language,
    slug: &str,
    format: TranslationFormat,
) -> PathBuf {
    path_for(locales, language, slug).with_extension(format.extension())
}

/// Every path the translation of `slug` into `language` may have, one per extension.
pub fn candidates(locales: &Path, language: Language, slug: &str) -> [PathBuf; 3] {
    let base = path_for(locales, language, slug);
    EXTENSIONS.map(|e| base.with_extension(e))
}

/// Every path a translation of `slug` may have, in every language: what a build records
/// and watches for the digest.
pub fn all_candidates<'a>(locales: &'a Path, slug: &'a str) -> impl Iterator<Item = PathBuf> + 'a {
    Language::ALL
        .into_iter()
        .flat_map(move |lang| candidates(locales, lang, slug))
}

/// The digest a file in a translations folder is for: its stem, when its extension is one
/// of [`EXTENSIONS`].
pub fn slug_of(name: &Path) -> Option<&str> {
    format_of(name)?;
    name.file_stem()?.to_str()
}

/// The translation file of `slug` into `language` under `root`, whichever its extension
/// (shown relative to the root); `None` when there is none. Two files for one digest and
/// language are an error naming both: neither is used, and `translate` writes neither.
pub fn find(
    root: &Path,
    locales: &Path,
    language: Language,
    slug: &str,
) -> Result<Option<PathBuf>, Box<Problem>> {
    let mut found = candidates(locales, language, slug)
        .into_iter()
        .filter(|shown| root.join(shown).symlink_metadata().is_ok());
    let Some(first) = found.next() else {
        return Ok(None);
    };
    match found.next() {
        None => Ok(Some(first)),
        Some(second) => Err(Box::new(
            Problem::error(
                &first,
                format!(
                    "{} and {} are both the {} translation of {slug}: neither is used",
                    first.display(),
                    second.display(),
                    language.code(),
                ),
            )
            .hint("keep one of the two files (`heptaglot translate --convert po|yaml` converts one format into the other) and delete the other"),
        )),
    }
}

const TOP_FIELDS: [&str; 7] = [
    "digest",
    "language",
    "source_language",
    "title",
    "units",
    "obsolete",
    "header",
];
const ENTRY_FIELDS: [&str; 8] = [
    "place",
    "hash",
    "source",
    "translation",
    "previous_source",
    "outdated",
    "note",
    "memory",
];

struct Reader<'a> {
    file: &'a Path,
    problems: Vec<Problem>,
}

impl Reader<'_> {
    fn error(&mut self, position: Position, field: &str, message: String, hint: &str) {
        self.problems.push(
            Problem::error(self.file, message)
                .at(position)
                .field(field)
                .hint(hint),
        );
    }

    fn text(&mut self, node: &Node, field: &str) -> Option<String> {
        match &node.value {
            Value::Str(s) => Some(s.clone()),
            Value::Null => None,
            // A translation that YAML read as a number or a boolean ("2021", "no").
            Value::Int(i) => Some(i.to_string()),
            Value::Float(f) => Some(f.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            other => {
                self.error(
                    node.position,
                    field,
                    format!("{field} should be text, not {}", other.kind()),
                    "write the text after the colon, or under `|` on the following lines, indented",
                );
                None
            }
        }
    }

    fn unknown(&mut self, key: &Key, field: &str, known: &[&str]) {
        let hint = match did_you_mean(&key.name, known.iter().copied()) {
            Some(s) => format!("did you mean `{s}`? The fields are: {}", known.join(", ")),
            None => format!("the fields are: {}", known.join(", ")),
        };
        self.error(
            key.position,
            field,
            format!("unknown field `{}`", key.name),
            &hint,
        );
    }

    fn entries(&mut self, node: &Node, section: &str) -> Vec<Entry> {
        let Value::Map(items) = &node.value else {
            if node.value != Value::Null {
                self.error(
                    node.position,
                    section,
                    format!(
                        "{section} should be a mapping of unit ids, not {}",
                        node.value.kind()
                    ),
                    "restore the file with `heptaglot translate`",
                );
            }
            return Vec::new();
        };
        let mut entries = Vec::new();
        for (key, value) in items {
            let field = format!("{section}.{}", key.name);
            let mut entry = Entry {
                id: key.name.clone(),
                position: key.position,
                ..Entry::default()
            };
            let Value::Map(fields) = &value.value else {
                self.error(
                    value.position,
                    &field,
                    format!("unit {} should have fields (source, translation, …)", key.name),
                    "restore the unit with `heptaglot translate`; your translation goes under `translation:`",
                );
                continue;
            };
            for (k, v) in fields {
                let name = format!("{field}.{}", k.name);
                match k.name.as_str() {
                    "place" => entry.place = self.text(v, &name),
                    "hash" => entry.hash = self.text(v, &name).unwrap_or_default(),
                    "source" => entry.source = self.text(v, &name).unwrap_or_default(),
                    "translation" => entry.translation = self.text(v, &name),
                    "previous_source" => entry.previous_source = self.text(v, &name),
                    "note" => entry.note = self.text(v, &name),
                    "memory" => entry.memory = self.text(v, &name),
                    "outdated" => match v.value {
                        Value::Bool(b) => entry.outdated = b,
                        Value::Null => {}
                        _ => self.error(
                            v.position,
                            &name,
                            "outdated should be true or false".into(),
                            "delete the line once the translation matches the new source",
                        ),
                    },
                    _ => self.unknown(k, &name, &ENTRY_FIELDS),
                }
            }
            entries.push(entry);
        }
        entries
    }
}

/// Reads a translation file. `shown` is the path used in problems; `expected` is the
/// language and digest the file's location says it is for.
pub fn parse(
    text: &str,
    shown: &Path,
    expected: (Language, &str),
) -> Result<TranslationFile, Vec<Problem>> {
    let node = yaml::parse(text).map_err(|e| {
        vec![
            Problem::error(shown, e.message)
                .at(e.position)
                .hint(e.hint.unwrap_or_else(|| "check the indentation and quoting here; multi-line text goes under `|`, indented".into())),
        ]
    })?;
    let mut reader = Reader {
        file: shown,
        problems: Vec::new(),
    };
    let mut file = TranslationFile::empty(expected.0, expected.1);
    let Value::Map(items) = &node.value else {
        return Err(vec![
            Problem::error(
                shown,
                "a translation file should be a mapping (digest, language, units)",
            )
            .at(node.position)
            .hint("run `heptaglot translate` to create it"),
        ]);
    };
    for (key, value) in items {
        match key.name.as_str() {
            "digest" => {
                let digest = reader.text(value, "digest").unwrap_or_default();
                if digest != expected.1 {
                    reader.error(
                        value.position,
                        "digest",
                        format!(
                            "this file is for digest {digest:?}, but its name says {:?}",
                            expected.1
                        ),
                        "rename the file after the digest's slug, or fix `digest:`",
                    );
                }
            }
            "language" => {
                let code = reader.text(value, "language").unwrap_or_default();
                if code.parse::<Language>().ok() != Some(expected.0) {
                    reader.error(
                        value.position,
                        "language",
                        format!(
                            "this file says language {code:?}, but it is in the {} folder",
                            expected.0.code()
                        ),
                        "move the file to the folder of its language, or fix `language:`",
                    );
                }
            }
            "source_language" => {
                if let Some(lang) = reader
                    .text(value, "source_language")
                    .and_then(|c| c.parse().ok())
                {
                    file.source_language = lang;
                }
            }
            "title" => file.title = reader.text(value, "title").unwrap_or_default(),
            "units" => file.units = reader.entries(value, "units"),
            "obsolete" => file.obsolete = reader.entries(value, "obsolete"),
            "header" => match &value.value {
                Value::Map(fields) => {
                    for (k, v) in fields {
                        let text = reader.text(v, &format!("header.{}", k.name));
                        file.header.push((k.name.clone(), text.unwrap_or_default()));
                    }
                }
                Value::Null => {}
                other => reader.error(
                    value.position,
                    "header",
                    format!(
                        "header should be a mapping of PO header fields, not {}",
                        other.kind()
                    ),
                    "write each field as `Last-Translator: Ana <ana@example.org>`, indented",
                ),
            },
            _ => reader.unknown(key, &key.name, &TOP_FIELDS),
        }
    }
    reader
        .problems
        .extend(crate::notes::load::unsafe_text(&node, text, shown));
    if reader.problems.is_empty() {
        Ok(file)
    } else {
        Err(reader.problems)
    }
}

fn write_entry(out: &mut String, entry: &Entry) {
    let field = |out: &mut String, name: &str, value: &str| {
        out.push_str("    ");
        out.push_str(name);
        out.push_str(": ");
        out.push_str(&yaml::scalar(value, 4));
        out.push('\n');
    };
    out.push_str("  ");
    out.push_str(&yaml::scalar(&entry.id, 2));
    out.push_str(":\n");
    if let Some(place) = &entry.place {
        field(out, "place", place);
    }
    field(out, "hash", &entry.hash);
    field(out, "source", &entry.source);
    if let Some(memory) = &entry.memory {
        field(out, "memory", memory);
    }
    if let Some(previous) = &entry.previous_source {
        field(out, "previous_source", previous);
    }
    if entry.outdated {
        out.push_str("    outdated: true\n");
    }
    match entry.translation.as_deref() {
        Some(t) if !t.is_empty() => field(out, "translation", t),
        _ => out.push_str("    translation:\n"),
    }
    if let Some(note) = &entry.note {
        field(out, "note", note);
    }
}

/// The file as text, in a fixed layout (so that rewriting it changes nothing).
pub fn write(file: &TranslationFile) -> String {
    let language = file.language.code();
    let mut out = format!(
        "# Translation into {language} of {} (digests/{}.yaml).\n\
         #\n\
         # Write each translation under `translation:` (for several lines, write `|` and the\n\
         # text on the lines below, indented). `source:` is the text to translate; leave it and\n\
         # `hash:` as they are: `heptaglot translate {} --to {language}` keeps them up to date.\n\
         # `outdated: true` means the source changed after it was translated (the old source is\n\
         # in `previous_source:`): update the translation, then delete both lines.\n\
         # `memory:` names the unit the translation memory proposed this translation from; while\n\
         # `outdated: true` is set too, it waits for your review and is not published.\n\
         # Units under `obsolete:` are no longer in the notes; they are kept so no work is lost.\n\
         digest: {}\nlanguage: {language}\nsource_language: {}\ntitle: {}\nunits:\n",
        // A comment ends at a line break, and YAML allows no control character in one.
        file.title
            .chars()
            .map(|c| {
                if c.is_control() || matches!(c, '\u{fffe}' | '\u{ffff}') {
                    ' '
                } else {
                    c
                }
            })
            .collect::<String>(),
        file.digest,
        file.digest,
        file.digest,
        file.source_language.code(),
        yaml::scalar(&file.title, 0),
    );
    if file.units.is_empty() {
        out.truncate(out.len() - 1);
        out.push_str(" {}\n");
    }
    for entry in &file.units {
        write_entry(&mut out, entry);
    }
    if !file.obsolete.is_empty() {
        out.push_str("obsolete:\n");
        for entry in &file.obsolete {
            write_entry(&mut out, entry);
        }
    }
    if !file.header.is_empty() {
        out.push_str("header:\n");
        for (name, value) in &file.header {
            out.push_str("  ");
            out.push_str(&yaml::scalar(name, 2));
            out.push_str(": ");
            out.push_str(&yaml::scalar(value, 4));
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_then_parse_round_trips() {
        let file = TranslationFile {
            digest: "d".into(),
            language: Language::Fr,
            source_language: Language::En,
            title: "Clinic #6".into(),
            units: vec![
                Entry {
                    id: "point-0123abcd".into(),
                    place: Some("Topic 1 › point 1 (quim)".into()),
                    hash: "0123abcd0123abcd".into(),
                    source: "Hello: world\n\nSecond paragraph".into(),
                    translation: Some("Bonjour : monde\n\nDeuxième paragraphe".into()),
                    previous_source: Some("Hello".into()),
                    outdated: true,
                    note: None,
                    memory: None,
                    position: Position::default(),
                },
                Entry {
                    id: "title".into(),
                    hash: "ffff".into(),
                    source: "x".into(),
                    ..Entry::default()
                },
            ],
            obsolete: vec![],
            header: vec![],
        };
        let text = write(&file);
        let back = parse(&text, Path::new("f.yaml"), (Language::Fr, "d")).unwrap();
        let strip = |f: &TranslationFile| {
            let mut f = f.clone();
            for e in &mut f.units {
                e.position = Position::default();
            }
            f
        };
        assert_eq!(strip(&back), file);
        assert_eq!(write(&back), text);
    }

    #[test]
    fn characters_yaml_cannot_hold_raw_round_trip() {
        let text = "a\u{0}b\u{7f}c\u{85}d\u{9f}e\u{fffe}f\u{ffff}\r\"g";
        let file = TranslationFile {
            digest: "d".into(),
            language: Language::Fr,
            source_language: Language::En,
            title: text.into(),
            units: vec![Entry {
                id: "title".into(),
                hash: "ffff".into(),
                source: text.into(),
                translation: Some(text.into()),
                ..Entry::default()
            }],
            obsolete: vec![],
            header: vec![],
        };
        // Written escaped, read back exactly (as YAML)...
        let written = write(&file);
        let tree = crate::notes::yaml::parse(&written).unwrap().to_json();
        assert_eq!(tree["units"]["title"]["source"], text);
        assert_eq!(tree["units"]["title"]["translation"], text);
        // ...and refused as a translation file: no text may hold them (crate::text).
        let problems = parse(&written, Path::new("f.yaml"), (Language::Fr, "d")).unwrap_err();
        assert!(
            problems
                .iter()
                .all(|p| p.message.starts_with("the text holds")),
            "{problems:?}"
        );
    }

    #[test]
    fn problems_have_positions() {
        let text = "digest: d\nlanguage: es\nunits:\n  title:\n    sorce: x\n";
        let problems = parse(text, Path::new("f.yaml"), (Language::Fr, "d")).unwrap_err();
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0].position.map(|p| p.line), Some(2));
        assert!(problems[1].hint.as_deref().unwrap().contains("source"));
        assert_eq!(
            problems[1].position.map(|p| (p.line, p.column)),
            Some((5, 5))
        );
    }
}
