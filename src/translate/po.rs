//! Translation files as gettext PO (`locales/<lang>/digests/<slug>.po`), and a POT template
//! per digest (`locales/<source>/digests/<slug>.pot`).
//!
//! Every translators' tool (Weblate, Pontoon, Poedit, OmegaT, Lokalize) reads PO, and the
//! model maps one to one: unit id → `msgctxt`, source → `msgid`, translation → `msgstr`,
//! place → `#.`, note → `# `, outdated → `#, fuzzy`, previous source → `#| msgid`, obsolete
//! units → `#~`. A memory proposal names the unit it came from in a translator's comment
//! `# heptaglot-memory: <slug>/<unit id>`: the one kind of comment `msgmerge` and `msgcat`
//! keep from the PO side (they take `#.` from the template and drop unknown flags). `#|
//! msgctxt` is what gettext tools write for the previous context of a fuzzy entry (the
//! unit's old id), so it is read as part of the previous source; files written before
//! named memory proposals there as `<slug>/<unit id>`, and a previous context with a `/`
//! (never in a unit id) is still read as such.
//!
//! No hash field: a unit's hash is the hash of its source ([`source_hash`]), and the file
//! holds the source as `msgid`, so the hash is derived. Only a hand-edited YAML file can
//! hold a hash that differs from its source's; such a hash is kept as `#. hash: …` so that a
//! conversion loses nothing.
//!
//! The reader is a line reader, as PO is line-based: strings continued over several
//! `"…"` lines, C escapes, comments in any order, obsolete `#~` entries and the wrapping
//! `msgmerge` and `msgcat` write. The writer puts one line of text per string line, never
//! wraps, and writes the same bytes for the same file.

use std::fmt::Write as _;
use std::path::Path;

use super::file::{Entry, TranslationFile};
use super::units::source_hash;
use crate::diag::{Position, Problem};
use crate::lang::Language;

/// The header field naming the digest.
const DIGEST_FIELD: &str = "X-Heptaglot-Digest";
/// The header field naming the notes' language.
const SOURCE_FIELD: &str = "X-Heptaglot-Source-Language";
/// The header field holding the digest's title.
const TITLE_FIELD: &str = "X-Heptaglot-Title";
/// The header fields heptaglot writes itself; any other is a tool's, kept as it is.
const OWN_FIELDS: [&str; 9] = [
    "Project-Id-Version",
    "Language",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
    "Plural-Forms",
    DIGEST_FIELD,
    SOURCE_FIELD,
    TITLE_FIELD,
];
/// The tools' fields written in gettext's usual place (empty until a tool fills them).
const TOOL_FIELDS: [&str; 3] = ["PO-Revision-Date", "Last-Translator", "Language-Team"];
/// The extracted comment holding a hash that is not its source's.
const HASH_PREFIX: &str = "hash: ";
/// The translator's comment naming a memory proposal's origin.
const MEMORY_PREFIX: &str = "heptaglot-memory: ";

/// The language as gettext writes it (`zh_Hans`).
fn gettext_code(language: Language) -> String {
    language.code().replace('-', "_")
}

/// The plural rule of `language`, as gettext writes it: content translations have no
/// plurals, but Weblate and Poedit ask for the header when a file is opened.
fn plural_forms(language: Language) -> &'static str {
    match language {
        Language::En | Language::Es | Language::De => "nplurals=2; plural=(n != 1);",
        Language::Fr => "nplurals=2; plural=(n > 1);",
        Language::ZhHans => "nplurals=1; plural=0;",
        Language::Ru => {
            "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
        }
        Language::Ar => {
            "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);"
        }
    }
}

/// `text` as a PO string's contents: C escapes for the characters PO cannot hold raw.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                let _ = write!(out, "\\{:03o}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// `keyword "text"`, or, for text of several lines, `keyword ""` and one `"…"` line per
/// line (as gettext's tools write it, without their wrapping at 79 columns).
fn write_string(out: &mut String, prefix: &str, keyword: &str, text: &str) {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    if lines.len() <= 1 {
        let _ = writeln!(out, "{prefix}{keyword} \"{}\"", escape(text));
        return;
    }
    let _ = writeln!(out, "{prefix}{keyword} \"\"");
    for line in lines {
        let _ = writeln!(out, "{prefix}\"{}\"", escape(line));
    }
}

/// Comment lines: one per line of `text`, `marker` before each (`#` alone for a blank one).
fn write_comment(out: &mut String, marker: &str, text: &str) {
    for line in text.split('\n') {
        if line.is_empty() {
            let _ = writeln!(out, "{marker}");
        } else {
            let _ = writeln!(out, "{marker} {}", line.replace('\r', " "));
        }
    }
}

/// `translation` with the leading and trailing line breaks of `source`: `msgfmt --check`
/// requires both strings to begin and end alike, and in Markdown they mean nothing.
fn aligned_ends(source: &str, translation: &str) -> String {
    let core = translation.trim_matches('\n');
    let lead = if source.starts_with('\n') { "\n" } else { "" };
    let tail = if source.ends_with('\n') { "\n" } else { "" };
    if core.is_empty() {
        return translation.to_string();
    }
    format!("{lead}{core}{tail}")
}

fn write_entry(out: &mut String, entry: &Entry, obsolete: bool) {
    let prefix = if obsolete { "#~ " } else { "" };
    if let Some(note) = &entry.note {
        write_comment(out, "#", note);
    }
    if let Some(memory) = &entry.memory {
        write_comment(out, "#", &format!("{MEMORY_PREFIX}{memory}"));
    }
    if let Some(place) = &entry.place {
        write_comment(out, "#.", place);
    }
    if entry.hash != source_hash(&entry.source) {
        let _ = writeln!(out, "#. {HASH_PREFIX}{}", entry.hash);
    }
    if entry.outdated {
        out.push_str("#, fuzzy\n");
    }
    let previous = if obsolete { "#~| " } else { "#| " };
    if let Some(before) = &entry.previous_source {
        write_string(out, previous, "msgid", before);
    }
    write_string(out, prefix, "msgctxt", &entry.id);
    write_string(out, prefix, "msgid", &entry.source);
    let translation = entry.translation.as_deref().unwrap_or("");
    write_string(
        out,
        prefix,
        "msgstr",
        &aligned_ends(&entry.source, translation),
    );
}

fn header(out: &mut String, file: &TranslationFile, language: Option<Language>) {
    let title: String = file
        .title
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let kept = |name: &str| {
        (file.header.iter())
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let fields: Vec<(&str, String)> = [
        ("Project-Id-Version", file.digest.clone()),
        ("PO-Revision-Date", kept("PO-Revision-Date")),
        ("Last-Translator", kept("Last-Translator")),
        ("Language-Team", kept("Language-Team")),
        ("Language", language.map(gettext_code).unwrap_or_default()),
        ("MIME-Version", "1.0".into()),
        ("Content-Type", "text/plain; charset=UTF-8".into()),
        ("Content-Transfer-Encoding", "8bit".into()),
    ]
    .into_iter()
    .chain(language.map(|l| ("Plural-Forms", plural_forms(l).to_string())))
    .chain([
        (DIGEST_FIELD, file.digest.clone()),
        (SOURCE_FIELD, file.source_language.code().to_string()),
        (TITLE_FIELD, title),
    ])
    .chain(
        (file.header.iter())
            .filter(|(n, _)| !TOOL_FIELDS.contains(&n.as_str()))
            .map(|(n, v)| (n.as_str(), v.clone())),
    )
    .collect();
    out.push_str("msgid \"\"\nmsgstr \"\"\n");
    for (name, value) in fields {
        let _ = writeln!(out, "\"{}\"", escape(&format!("{name}: {value}\n")));
    }
}

/// The file as PO text, in a fixed layout (so that rewriting it changes nothing).
pub fn write(file: &TranslationFile) -> String {
    let language = file.language.code();
    let mut out = String::new();
    write_comment(
        &mut out,
        "#",
        &format!(
            "Translation into {language} of {} (digests/{}.yaml).\n\n\
             Write each translation as the msgstr below its msgid (the text to translate); the\n\
             msgctxt is the unit's id: leave it as it is. `heptaglot translate {} --to {language}`\n\
             keeps the file up to date with the notes. A fuzzy entry needs review: its source changed\n\
             since it was translated (the old source is the `#| msgid`), or the translation memory\n\
             proposed it (from the unit named in `# heptaglot-memory:`); remove the fuzzy flag once it\n\
             is right.\n\
             Entries marked #~ are no longer in the notes; they are kept so no work is lost.",
            file.title.replace(['\n', '\r'], " "),
            file.digest,
            file.digest,
        ),
    );
    header(&mut out, file, Some(file.language));
    for entry in &file.units {
        out.push('\n');
        write_entry(&mut out, entry, false);
    }
    for entry in &file.obsolete {
        out.push('\n');
        write_entry(&mut out, entry, true);
    }
    out
}

/// The POT template of a digest: every unit with an empty `msgstr`, as Weblate and Pontoon
/// read it to start a new language.
pub fn template(file: &TranslationFile) -> String {
    let mut out = String::new();
    write_comment(
        &mut out,
        "#",
        &format!(
            "Template for translations of {} (digests/{}.yaml), written by `heptaglot translate`.\n\
             Translations go in locales/<language>/digests/{}.po.",
            file.title.replace(['\n', '\r'], " "),
            file.digest,
            file.digest,
        ),
    );
    header(&mut out, file, None);
    for entry in &file.units {
        out.push('\n');
        let blank = Entry {
            id: entry.id.clone(),
            place: entry.place.clone(),
            hash: entry.hash.clone(),
            source: entry.source.clone(),
            ..Entry::default()
        };
        write_entry(&mut out, &blank, false);
    }
    out
}

/// Which string a line continues.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Context,
    Id,
    Str,
    PreviousContext,
    PreviousId,
}

/// An entry as read, before it becomes an [`Entry`].
#[derive(Debug, Default)]
struct Raw {
    note: Vec<String>,
    memory: Option<String>,
    extracted: Vec<String>,
    fuzzy: bool,
    previous_context: Option<String>,
    previous_id: Option<String>,
    context: Option<String>,
    id: Option<String>,
    text: Option<String>,
    obsolete: bool,
    /// Whether one of its strings did not read (and was reported): the entry is then
    /// dropped without more errors, and reading recovers at the next entry.
    broken: bool,
    /// Where the entry starts, and where its `msgctxt` is.
    start: Option<Position>,
    context_at: Option<Position>,
    /// Whether anything was read since the last entry ended.
    started: bool,
}

/// Reads PO text line by line.
struct Reader<'a> {
    file: &'a Path,
    problems: Vec<Problem>,
    entries: Vec<(Raw, Position)>,
    raw: Raw,
    field: Option<Field>,
}

impl Reader<'_> {
    fn error(&mut self, position: Position, message: String, hint: &str) {
        self.problems
            .push(Problem::error(self.file, message).at(position).hint(hint));
    }

    fn finish(&mut self, at: Position) {
        let raw = std::mem::take(&mut self.raw);
        self.field = None;
        if !raw.started || raw.broken {
            return;
        }
        if raw.id.is_none() {
            self.error(
                raw.start.unwrap_or(at),
                "this entry has no msgid".into(),
                "an entry is comments, then msgctxt \"<unit id>\", msgid \"<source>\" and msgstr \"<translation>\"; restore it with `heptaglot translate`",
            );
            return;
        }
        if raw.text.is_none() {
            self.error(
                raw.start.unwrap_or(at),
                "this entry has no msgstr".into(),
                "write msgstr \"\" after the msgid, and the translation between the quotes",
            );
            return;
        }
        let start = raw.start.unwrap_or(at);
        self.entries.push((raw, start));
    }

    /// Reads the quoted string starting at byte `from` of `line` (line `number`).
    fn string(&mut self, line: &str, from: usize, number: usize) -> Option<String> {
        let column = |byte: usize| line[..byte.min(line.len())].chars().count() + 1;
        let at = |byte: usize| Position {
            line: number,
            column: column(byte),
            offset: 0,
        };
        let rest = &line[from..];
        let trimmed = rest.trim_start();
        let open = from + (rest.len() - trimmed.len());
        if !trimmed.starts_with('"') {
            self.error(
                at(open),
                "a string should start with a double quote".into(),
                "write the text between double quotes: msgstr \"…\"",
            );
            return None;
        }
        let mut out = String::new();
        let mut chars = line[open + 1..].char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => {
                    let after = &line[open + 1 + i + 1..];
                    if !after.trim().is_empty() {
                        self.error(
                            at(open + 1 + i + 1 + (after.len() - after.trim_start().len())),
                            "text after the end of the string".into(),
                            "a double quote inside the text is written \\\"",
                        );
                        return None;
                    }
                    return Some(out);
                }
                '\\' => {
                    let Some((j, e)) = chars.next() else { break };
                    match e {
                        'n' => out.push('\n'),
                        't' => out.push('\t'),
                        'r' => out.push('\r'),
                        '"' => out.push('"'),
                        '\\' => out.push('\\'),
                        'a' => out.push('\u{7}'),
                        'b' => out.push('\u{8}'),
                        'f' => out.push('\u{c}'),
                        'v' => out.push('\u{b}'),
                        '0'..='7' => {
                            let digits: String = line[open + 1 + j..]
                                .chars()
                                .take(3)
                                .take_while(|d| ('0'..='7').contains(d))
                                .collect();
                            for _ in 1..digits.len() {
                                chars.next();
                            }
                            let value = u32::from_str_radix(&digits, 8).unwrap_or(0);
                            out.push(char::from_u32(value).unwrap_or('\u{fffd}'));
                        }
                        other => {
                            self.error(
                                at(open + 1 + i),
                                format!("unknown escape \\{other}"),
                                "PO strings know \\n, \\t, \\\" and \\\\; write a backslash as \\\\",
                            );
                            return None;
                        }
                    }
                }
                c => out.push(c),
            }
        }
        self.error(
            at(line.len()),
            "this string has no closing double quote".into(),
            "end the line with \"; a long text continues on the next line in its own quotes",
        );
        None
    }

    fn set(&mut self, field: Field, value: String, position: Position) {
        let slot = match field {
            Field::Context => &mut self.raw.context,
            Field::Id => &mut self.raw.id,
            Field::Str => &mut self.raw.text,
            Field::PreviousContext => &mut self.raw.previous_context,
            Field::PreviousId => &mut self.raw.previous_id,
        };
        if slot.is_some() {
            self.error(
                position,
                "this entry has this keyword twice".into(),
                "separate entries with a blank line; each has one msgctxt, msgid and msgstr",
            );
            return;
        }
        *slot = Some(value);
        if field == Field::Context {
            self.raw.context_at = Some(position);
        }
        self.field = Some(field);
    }

    fn append(&mut self, value: &str) {
        let slot = match self.field {
            Some(Field::Context) => &mut self.raw.context,
            Some(Field::Id) => &mut self.raw.id,
            Some(Field::Str) => &mut self.raw.text,
            Some(Field::PreviousContext) => &mut self.raw.previous_context,
            Some(Field::PreviousId) => &mut self.raw.previous_id,
            None => return,
        };
        if let Some(s) = slot {
            s.push_str(value);
        }
    }

    /// A keyword line (`msgid "…"`), or a continuation (`"…"`); `body` starts at byte `from`.
    fn keyword(&mut self, line: &str, from: usize, number: usize, previous: bool) {
        let body = &line[from..];
        let position = Position {
            line: number,
            column: line[..from].chars().count() + 1,
            offset: 0,
        };
        if body.starts_with('"') {
            let continues = match self.field {
                Some(Field::PreviousContext | Field::PreviousId) => previous,
                Some(_) => !previous,
                None => false,
            };
            if !continues && self.raw.broken {
                // The rest of a string whose start did not read: already reported.
                return;
            }
            if !continues {
                self.error(
                    position,
                    "a string line that continues nothing".into(),
                    "a continued string follows its msgid, msgstr or msgctxt line directly",
                );
                return;
            }
            match self.string(line, from, number) {
                Some(value) => self.append(&value),
                None => self.raw.broken = true,
            }
            return;
        }
        let word_end = body.find([' ', '\t', '"']).unwrap_or(body.len());
        let word = &body[..word_end];
        let field = match (word, previous) {
            ("msgctxt", false) => Field::Context,
            ("msgid", false) => Field::Id,
            ("msgstr", false) => Field::Str,
            ("msgctxt", true) => Field::PreviousContext,
            ("msgid", true) => Field::PreviousId,
            ("msgid_plural", _) => return self.plural(position),
            (w, false) if w.starts_with("msgstr[") => return self.plural(position),
            _ => {
                self.error(
                    position,
                    format!("unknown keyword {word:?}"),
                    "an entry has msgctxt, msgid and msgstr; a comment line starts with #",
                );
                return;
            }
        };
        // A keyword after a complete entry starts the next one (no blank line between).
        if !previous && self.raw.text.is_some() {
            self.finish(position);
        }
        if !self.raw.started {
            self.raw.started = true;
            self.raw.start = Some(position);
        }
        if let Some(value) = self.string(line, from + word_end, number) {
            self.set(field, value, position);
        } else {
            self.field = None;
            self.raw.broken = true;
        }
    }

    fn plural(&mut self, position: Position) {
        self.error(
            position,
            "plural forms are not used in digest translations".into(),
            "each unit is one text: write its translation as msgstr \"…\"",
        );
    }

    fn comment_starts_entry(&mut self, position: Position) {
        if self.raw.text.is_some() {
            self.finish(position);
        }
        if !self.raw.started {
            self.raw.started = true;
            self.raw.start = Some(position);
        }
        self.field = None;
    }

    fn line(&mut self, line: &str, number: usize) {
        let at = |column: usize| Position {
            line: number,
            column,
            offset: 0,
        };
        let trimmed = line.trim_end();
        if trimmed.trim_start().is_empty() {
            self.finish(at(1));
            return;
        }
        let indent = trimmed.len() - trimmed.trim_start().len();
        let body = &trimmed[indent..];
        if let Some(rest) = body.strip_prefix("#~") {
            // An obsolete entry: the same lines behind `#~`.
            let (previous, rest_from) = match rest.strip_prefix('|') {
                Some(_) => (true, indent + 3),
                None => (false, indent + 2),
            };
            let skip = trimmed[rest_from..].len() - trimmed[rest_from..].trim_start().len();
            if trimmed[rest_from..].trim().is_empty() {
                return;
            }
            if previous && self.raw.text.is_some() {
                self.comment_starts_entry(at(indent + 1));
            }
            if !self.raw.started {
                self.raw.started = true;
                self.raw.start = Some(at(indent + 1));
            }
            self.raw.obsolete = true;
            self.keyword(trimmed, rest_from + skip, number, previous);
            return;
        }
        if let Some(rest) = body.strip_prefix("#|") {
            if self.raw.text.is_some() {
                self.comment_starts_entry(at(indent + 1));
            }
            if !self.raw.started {
                self.raw.started = true;
                self.raw.start = Some(at(indent + 1));
            }
            let from = indent + 2 + (rest.len() - rest.trim_start().len());
            self.keyword(trimmed, from, number, true);
            return;
        }
        if let Some(rest) = body.strip_prefix('#') {
            self.comment_starts_entry(at(indent + 1));
            match rest.chars().next() {
                Some('.') => {
                    let text = rest[1..].strip_prefix(' ').unwrap_or(&rest[1..]);
                    self.raw.extracted.push(text.to_string());
                }
                Some(',') => {
                    if rest[1..].split(',').any(|flag| flag.trim() == "fuzzy") {
                        self.raw.fuzzy = true;
                    }
                }
                // References and other tools' comments carry nothing heptaglot keeps.
                Some(':' | '!' | '=') => {}
                _ => {
                    let text = rest.strip_prefix(' ').unwrap_or(rest);
                    match text.strip_prefix(MEMORY_PREFIX) {
                        Some(origin) if self.raw.memory.is_none() => {
                            self.raw.memory = Some(origin.trim().to_string());
                        }
                        _ => self.raw.note.push(text.to_string()),
                    }
                }
            }
            return;
        }
        self.keyword(trimmed, indent, number, false);
    }
}

/// The header's fields (`Name: value` lines of the header's msgstr).
fn header_fields(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter_map(|line| {
            let (name, value) = line.split_once(':')?;
            Some((name.trim().to_string(), value.trim().to_string()))
        })
        .collect()
}

/// Reads a PO translation file. `shown` is the path used in problems; `expected` is the
/// language and digest the file's location says it is for.
pub fn parse(
    text: &str,
    shown: &Path,
    expected: (Language, &str),
) -> Result<TranslationFile, Vec<Problem>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = Reader {
        file: shown,
        problems: Vec::new(),
        entries: Vec::new(),
        raw: Raw::default(),
        field: None,
    };
    let mut last = 0;
    for (i, line) in text.split('\n').enumerate() {
        reader.line(line.strip_suffix('\r').unwrap_or(line), i + 1);
        last = i + 1;
    }
    reader.finish(Position {
        line: last,
        column: 1,
        offset: 0,
    });
    let mut file = TranslationFile::empty(expected.0, expected.1);
    let mut problems = std::mem::take(&mut reader.problems);
    let mut ids = std::collections::HashMap::new();
    for (raw, start) in std::mem::take(&mut reader.entries) {
        let id = raw.id.unwrap_or_default();
        if raw.context.is_none() && id.is_empty() && !raw.obsolete {
            // Where the header says `Language:`, for a mismatch (the header's fields are
            // one string, read over several lines).
            let language_at = (text
                .split('\n')
                .enumerate()
                .skip(start.line.saturating_sub(1)))
            .take_while(|(_, l)| !l.trim().is_empty())
            .find(|(_, l)| l.trim_start().starts_with("\"Language:"))
            .map_or(start, |(i, l)| Position {
                line: i + 1,
                column: l.len() - l.trim_start().len() + 1,
                offset: 0,
            });
            header_checks(
                &raw.text.unwrap_or_default(),
                language_at,
                shown,
                expected,
                &mut file,
                &mut problems,
            );
            continue;
        }
        let Some(context) = raw.context else {
            problems.push(
                Problem::error(shown, "this entry has no msgctxt (the unit's id)")
                    .at(start)
                    .hint("every entry starts with msgctxt \"<unit id>\"; restore it with `heptaglot translate`"),
            );
            continue;
        };
        let position = raw.context_at.unwrap_or(start);
        if let Some(first) = ids.insert((context.clone(), raw.obsolete), position.line) {
            problems.push(
                Problem::error(shown, format!("unit {context:?} is here twice"))
                    .at(position)
                    .hint(format!(
                        "keep one of the two entries (the other is on line {first})"
                    )),
            );
            continue;
        }
        let mut hash = None;
        let mut place = Vec::new();
        for line in raw.extracted {
            match line.strip_prefix(HASH_PREFIX) {
                Some(h) if hash.is_none() => hash = Some(h.trim().to_string()),
                _ => place.push(line),
            }
        }
        let translation = raw.text.unwrap_or_default();
        // A previous context is the unit's old id (gettext's tools write it), unless it is
        // `<slug>/<unit id>`: a memory proposal's origin as older files wrote it.
        let memory = raw
            .memory
            .or(raw.previous_context.filter(|c| c.contains('/')));
        let entry = Entry {
            hash: hash.unwrap_or_else(|| source_hash(&id)),
            id: context,
            place: (!place.is_empty()).then(|| place.join("\n")),
            source: id,
            translation: Some(translation),
            previous_source: raw.previous_id,
            outdated: raw.fuzzy,
            note: (!raw.note.is_empty()).then(|| raw.note.join("\n")),
            memory,
            position,
        };
        if raw.obsolete {
            file.obsolete.push(entry);
        } else {
            file.units.push(entry);
        }
    }
    if problems.is_empty() {
        Ok(file)
    } else {
        Err(problems)
    }
}

/// Whether gettext's `Language` value names `language`: the same language, and the same
/// script if it gives one. Tools write regions (Poedit: `ru_RU`, `pt_BR`, `zh_CN`), which
/// narrow the language and are accepted; Chinese for Taiwan, Hong Kong or Macau implies
/// the traditional script.
fn names(value: &str, language: Language) -> bool {
    let mut ours = language.code().split('-');
    let (code, script) = (ours.next().unwrap_or_default(), ours.next());
    let mut tags = value.split(['_', '-', '@', '.']).filter(|t| !t.is_empty());
    if !tags.next().is_some_and(|t| t.eq_ignore_ascii_case(code)) {
        return false;
    }
    let rest: Vec<&str> = tags.collect();
    let given = rest
        .iter()
        .find(|t| t.len() == 4 && t.chars().all(|c| c.is_ascii_alphabetic()))
        .map(|t| t.to_ascii_lowercase())
        .or_else(|| {
            (code == "zh"
                && rest
                    .iter()
                    .any(|t| ["tw", "hk", "mo"].contains(&t.to_ascii_lowercase().as_str())))
            .then(|| "hant".to_string())
        });
    match (given, script) {
        (Some(given), Some(script)) => given.eq_ignore_ascii_case(script),
        _ => true,
    }
}

fn header_checks(
    text: &str,
    at: Position,
    shown: &Path,
    expected: (Language, &str),
    file: &mut TranslationFile,
    problems: &mut Vec<Problem>,
) {
    for (name, value) in header_fields(text) {
        match name.as_str() {
            "Language" if !value.is_empty() && !names(&value, expected.0) => {
                let folder = expected.0.code();
                let hint = match Language::ALL.into_iter().find(|&l| names(&value, l)) {
                    Some(other) => format!(
                        "if the translations are in {}, move the file to locales/{}/digests/; if they are in {folder}, set the header to Language: {}",
                        other.code(),
                        other.code(),
                        gettext_code(expected.0)
                    ),
                    None => format!(
                        "set the header to Language: {} (the folder's language)",
                        gettext_code(expected.0)
                    ),
                };
                problems.push(
                    Problem::error(
                        shown,
                        format!(
                            "this file says Language: {value}, but it is in the {folder} folder"
                        ),
                    )
                    .at(at)
                    .hint(hint),
                );
            }
            DIGEST_FIELD if value != expected.1 => problems.push(
                Problem::error(
                    shown,
                    format!(
                        "this file is for digest {value:?}, but its name says {:?}",
                        expected.1
                    ),
                )
                .at(at)
                .hint(format!(
                    "rename the file after the digest's slug, or fix {DIGEST_FIELD}"
                )),
            ),
            SOURCE_FIELD => {
                if let Ok(lang) = value.parse() {
                    file.source_language = lang;
                }
            }
            TITLE_FIELD => file.title = value,
            name if OWN_FIELDS.contains(&name) => {}
            // Empty tool fields are the writer's placeholders, not a tool's words.
            name if TOOL_FIELDS.contains(&name) && value.is_empty() => {}
            _ => file.header.push((name, value)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> TranslationFile {
        TranslationFile {
            digest: "d".into(),
            language: Language::Fr,
            source_language: Language::En,
            title: "Clinic #6".into(),
            units: vec![
                Entry {
                    id: "point-0123abcd".into(),
                    place: Some("Topic 1 › point 1 (quim)".into()),
                    hash: source_hash("Hello: \"world\"\n\nSecond\tparagraph\n"),
                    source: "Hello: \"world\"\n\nSecond\tparagraph\n".into(),
                    translation: Some("Bonjour : « monde »\n\nDeuxième\\paragraphe\n".into()),
                    previous_source: Some("Hello".into()),
                    outdated: true,
                    note: Some("checked with\n\nthe speaker".into()),
                    ..Entry::default()
                },
                Entry {
                    id: "title".into(),
                    hash: "ffff".into(),
                    source: "x".into(),
                    translation: Some(String::new()),
                    ..Entry::default()
                },
                Entry {
                    id: "intro".into(),
                    hash: source_hash("Welcome"),
                    source: "Welcome".into(),
                    translation: Some("Bienvenue".into()),
                    previous_source: Some("Welcome all".into()),
                    memory: Some("other-digest/intro".into()),
                    outdated: true,
                    ..Entry::default()
                },
            ],
            obsolete: vec![Entry {
                id: "point-99999999".into(),
                hash: source_hash("Gone"),
                source: "Gone".into(),
                translation: Some("Parti".into()),
                note: Some("n".into()),
                ..Entry::default()
            }],
            header: vec![
                ("Last-Translator".into(), "Ana <ana@example.org>".into()),
                ("X-Generator".into(), "Poedit 3.4".into()),
            ],
        }
    }

    fn strip(mut f: TranslationFile) -> TranslationFile {
        for e in f.units.iter_mut().chain(&mut f.obsolete) {
            e.position = Position::default();
        }
        f
    }

    #[test]
    fn write_then_parse_round_trips() {
        let file = sample();
        let text = write(&file);
        let back = parse(&text, Path::new("f.po"), (Language::Fr, "d")).unwrap();
        assert_eq!(strip(back.clone()), file);
        assert_eq!(write(&back), text);
        assert!(text.contains("#, fuzzy\n#| msgid \"Hello\"\nmsgctxt \"point-0123abcd\""));
        assert!(text.contains("#~ msgctxt \"point-99999999\""));
        assert!(text.contains("#. hash: ffff\n"));
    }

    #[test]
    fn reads_wrapped_and_reordered_layouts() {
        let text = "msgid \"\"\nmsgstr \"\"\n\"Language: fr\\n\"\n\n\
                    #. place\n#, fuzzy\n#| msgid \"\"\n#| \"old \"\n#| \"text\"\nmsgctxt \"a\"\nmsgid \"\"\n\"long \"\n\"text\"\nmsgstr \"\"\n\"tr\\303\\251s \"\n\"long\"\n\
                    msgctxt \"b\"\nmsgid \"b\"\nmsgstr \"bb\"\n\n#~ msgctxt \"c\"\n#~ msgid \"\"\n#~ \"c\"\n#~ msgstr \"cc\"\n";
        let file = parse(text, Path::new("f.po"), (Language::Fr, "d")).unwrap();
        assert_eq!(file.units.len(), 2);
        assert_eq!(file.units[0].source, "long text");
        assert_eq!(file.units[0].previous_source.as_deref(), Some("old text"));
        assert!(file.units[0].outdated);
        assert_eq!(file.units[0].position.line, 10);
        assert_eq!(file.units[1].translation.as_deref(), Some("bb"));
        assert_eq!(file.obsolete[0].source, "c");
        assert_eq!(file.obsolete[0].translation.as_deref(), Some("cc"));
    }

    #[test]
    fn a_previous_context_is_an_old_id_unless_it_names_another_digest() {
        let entry = |previous: &str| {
            format!(
                "msgid \"\"\nmsgstr \"\"\n\"Language: fr\\n\"\n\n#, fuzzy\n#| msgctxt \"{previous}\"\n#| msgid \"Old\"\nmsgctxt \"a\"\nmsgid \"New\"\nmsgstr \"Vieux\"\n"
            )
        };
        let read = |text: &str| {
            parse(text, Path::new("f.po"), (Language::Fr, "d"))
                .unwrap()
                .units
                .remove(0)
        };
        // As msgmerge --previous writes it: the unit's old id. Outdated, no memory.
        let merged = read(&entry("point-0123abcd"));
        assert!(merged.outdated);
        assert_eq!(merged.memory, None);
        assert_eq!(merged.previous_source.as_deref(), Some("Old"));
        // As heptaglot wrote memory proposals before: still a proposal.
        let older = read(&entry("other-digest/intro"));
        assert_eq!(older.memory.as_deref(), Some("other-digest/intro"));
        // As heptaglot writes them now, in a comment msgmerge keeps.
        let text = write(&sample());
        assert!(text.contains("# heptaglot-memory: other-digest/intro\n#, fuzzy\n#| msgid \"Welcome all\"\nmsgctxt \"intro\""));
        assert!(!text.contains("#| msgctxt"));
    }

    #[test]
    fn language_headers_with_regions_are_the_folders_language() {
        let header = |value: &str, language: Language| {
            let text = format!(
                "# c\nmsgid \"\"\nmsgstr \"\"\n\"Project-Id-Version: d\\n\"\n\"Language: {value}\\n\"\n"
            );
            parse(&text, Path::new("f.po"), (language, "d")).map(|_| ())
        };
        for (value, language) in [
            ("ru_RU", Language::Ru),
            ("zh_CN", Language::ZhHans),
            ("zh_Hans", Language::ZhHans),
            ("zh-Hans-CN", Language::ZhHans),
            ("fr_CA", Language::Fr),
            ("es_419", Language::Es),
            ("ar", Language::Ar),
        ] {
            assert_eq!(header(value, language), Ok(()), "{value}");
        }
        for (value, language, hint) in [
            (
                "zh_TW",
                Language::ZhHans,
                "set the header to Language: zh_Hans",
            ),
            (
                "zh_Hant",
                Language::ZhHans,
                "set the header to Language: zh_Hans",
            ),
            ("pt_BR", Language::Es, "set the header to Language: es"),
            (
                "de_DE",
                Language::Fr,
                "move the file to locales/de/digests/",
            ),
        ] {
            let problems = header(value, language).unwrap_err();
            assert_eq!(problems.len(), 1, "{value}");
            // At the header's line, not the file's first.
            assert_eq!(problems[0].position.unwrap().line, 5, "{value}");
            let shown = format!("{:?}", problems[0]);
            assert!(shown.contains(hint), "{value}: {shown}");
        }
    }

    #[test]
    fn problems_are_located() {
        let text = "msgid \"\"\nmsgstr \"\"\n\"Language: de\\n\"\n\nmsgctxt \"a\"\nmsgid \"x\nmsgstr \"y\\q\"\n\nmsgid \"z\"\nmsgstr \"\"\n";
        let problems = parse(text, Path::new("f.po"), (Language::Fr, "d")).unwrap_err();
        let found: Vec<(usize, usize, &str)> = problems
            .iter()
            .map(|p| {
                let at = p.position.unwrap();
                (at.line, at.column, p.message.as_str())
            })
            .collect();
        assert_eq!(
            found,
            vec![
                (6, 9, "this string has no closing double quote"),
                // Only the real errors: the entry whose msgid did not read is dropped
                // without a spurious "no msgid".
                (7, 10, "unknown escape \\q"),
                (
                    3,
                    1,
                    "this file says Language: de, but it is in the fr folder"
                ),
                (9, 1, "this entry has no msgctxt (the unit's id)"),
            ]
        );
    }
}
