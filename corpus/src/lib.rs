//! A synthetic archive for benchmarks: N realistic digests with their translations, as a
//! complete heptaglot site (and, optionally, the same corpus as a Hugo site).
//!
//! A workspace member of its own, not part of the product: heptaglot never calls it; it
//! uses heptaglot (the notes loader, the translation units and file writer, the localizer)
//! so that what it writes is what heptaglot reads. Run it as `cargo run --release -p corpus
//! -- --digests N --seed S --out DIR [--hugo DIR]`; `benches/scale.sh` and the tests that
//! need a large archive do.
//!
//! Everything is derived from one seed through a small PRNG kept here (SplitMix64), so the
//! same seed gives a byte-identical corpus on every machine and release, with no random
//! crate whose algorithm could change under us. Each digest draws from its own stream
//! (seed and index), so digest 17 is the same whatever N is.
//!
//! Digests are shaped like the real ones (Clinic #006, an interview, a conference program
//! and breakouts): metadata, 4–8 topics, points by speakers with sub-points and replies
//! nested up to three deep, questions and answers, links, editor's notes, about 12 KB of
//! text each. The notes are written as YAML text, then read back through the notes loader,
//! so an invalid digest is a generator bug reported at once; translation files are made
//! from the loaded notes' units and written by [`heptaglot::translate::file::write`], the writer
//! `heptaglot translate` uses.

pub mod cli;
pub mod hugo;
mod words;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use heptaglot::lang::Language;
use heptaglot::notes::yaml::scalar;
use heptaglot::notes::{Digest, load_str};
use heptaglot::translate::file::{self, TranslationFile};
use heptaglot::translate::units::Unit;
use heptaglot::translate::{self, DigestTranslations};
use words::Vocabulary;

/// The file that marks a folder as made by the generator, so that it may be replaced.
pub const MARKER: &str = ".heptaglot-corpus";

/// The public address written into the generated `heptaglot.toml`.
pub const BASE_URL: &str = "https://digests.example.org/";

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    /// How many digests.
    pub digests: usize,
    /// The seed: the same seed gives the same corpus.
    pub seed: u64,
    /// The folder to write the heptaglot site into.
    pub out: PathBuf,
    /// A folder to write the same corpus into as a Hugo site.
    pub hugo: Option<PathBuf>,
    /// Where to copy the Fluent bundles and glossary from (a project's `locales/`).
    pub locales_from: PathBuf,
    /// Where to copy the templates from (a project's `templates/`).
    pub templates_from: PathBuf,
}

/// What was generated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Digests written.
    pub digests: usize,
    /// Bytes of notes (the YAML files).
    pub notes_bytes: u64,
    /// Translation files written.
    pub translation_files: usize,
    /// Bytes of translation files.
    pub translation_bytes: u64,
    /// Translation files by completeness: complete, partial, with outdated units.
    pub complete: usize,
    /// Files with some units translated.
    pub partial: usize,
    /// Files with outdated units.
    pub outdated: usize,
    /// Digest × language pairs with no file at all (source languages not counted).
    pub missing: usize,
    /// Files written for Hugo (0 without `--hugo`).
    pub hugo_files: usize,
}

/// A generation failure: what went wrong and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusError(pub String);

impl std::fmt::Display for CorpusError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CorpusError {}

fn io_error(path: &Path, what: &str, error: std::io::Error) -> CorpusError {
    CorpusError(format!("cannot {what} {}: {error}", path.display()))
}

/// SplitMix64 (Steele, Lea and Flood 2014): tiny, fast, and fixed forever, which is all a
/// reproducible corpus needs.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// An independent stream for item `index` of this one (a digest, a language).
    pub fn fork(&self, index: u64) -> Self {
        let mut mixer = Self(self.0 ^ index.wrapping_mul(0xA24B_AED4_963E_E407));
        Self(mixer.next_u64())
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A number from `low` to `high`, both included.
    pub fn range(&mut self, low: usize, high: usize) -> usize {
        low + (self.next_u64() % (high - low + 1) as u64) as usize
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// One of `items` (which must not be empty).
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.range(0, items.len() - 1)]
    }
}

/// A YAML value as the generator builds it; written out by [`Yaml::write`].
enum Yaml {
    Str(String),
    Num(u32),
    Bool(bool),
    List(Vec<Yaml>),
    Map(Vec<(&'static str, Yaml)>),
}

impl Yaml {
    fn str(text: impl Into<String>) -> Self {
        Yaml::Str(text.into())
    }

    /// A scalar as it follows `key: ` or `- ` on a line indented by `indent`; `None` for
    /// a list or a mapping.
    fn scalar_text(&self, indent: usize) -> Option<String> {
        match self {
            Yaml::Str(s) => Some(scalar(s, indent)),
            Yaml::Num(n) => Some(n.to_string()),
            Yaml::Bool(b) => Some(b.to_string()),
            Yaml::List(_) | Yaml::Map(_) => None,
        }
    }

    /// Writes a list or a mapping starting on the next line, at `indent`.
    fn write_nested(&self, out: &mut String, indent: usize) {
        out.push('\n');
        match self {
            Yaml::List(items) => Self::write_list(out, items, indent),
            Yaml::Map(map) => Self::write_map(out, map, indent, false),
            _ => {}
        }
    }

    /// Writes a mapping's entries at `indent`; the first on the current line when it
    /// follows a list dash.
    fn write_map(out: &mut String, entries: &[(&str, Yaml)], indent: usize, inline_first: bool) {
        for (i, (key, value)) in entries.iter().enumerate() {
            if i > 0 || !inline_first {
                out.push_str(&" ".repeat(indent));
            }
            out.push_str(key);
            out.push(':');
            match value.scalar_text(indent) {
                Some(text) => {
                    let _ = writeln!(out, " {text}");
                }
                None => value.write_nested(out, indent + 2),
            }
        }
    }

    fn write_list(out: &mut String, items: &[Yaml], indent: usize) {
        for item in items {
            out.push_str(&" ".repeat(indent));
            out.push_str("- ");
            match (item, item.scalar_text(indent)) {
                (_, Some(text)) => {
                    let _ = writeln!(out, "{text}");
                }
                (Yaml::Map(map), None) => Self::write_map(out, map, indent + 2, true),
                (_, None) => item.write_nested(out, indent + 2),
            }
        }
    }

    /// The document, for a top-level mapping.
    fn write(&self) -> String {
        let mut out = String::new();
        if let Yaml::Map(entries) = self {
            Self::write_map(&mut out, entries, 0, false);
        }
        out
    }
}

/// The kinds of record, as the notes write them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Call,
    Interview,
    Session,
    Breakout,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Call => "call",
            Kind::Interview => "interview",
            Kind::Session => "session",
            Kind::Breakout => "breakout",
        }
    }
}

/// The series of the archive: name, record kind, weight (how many calls it has relative
/// to the others) and the year it started.
const SERIES: [(&str, Kind, usize, i32); 7] = [
    ("Wikimedia Clinics", Kind::Call, 5, 2019),
    ("Regional Calls", Kind::Call, 4, 2014),
    ("Language Office Hours", Kind::Call, 3, 2016),
    ("Affiliate Voices", Kind::Interview, 3, 2018),
    ("Iberoconf", Kind::Session, 2, 2012),
    ("Tech Talks", Kind::Session, 2, 2015),
    ("Community Breakouts", Kind::Breakout, 2, 2017),
];

/// People who can appear in notes: id, name as written, gender.
const PEOPLE: [(&str, &str, &str); 32] = [
    ("claudia", "Claudia", "feminine"),
    ("constanza", "Constanza", "feminine"),
    ("anna", "Anna", "feminine"),
    ("quim", "Quim", "masculine"),
    ("sele", "Sele", "unspecified"),
    ("melissa", "Melissa", "feminine"),
    ("laura", "Laura", "feminine"),
    ("martin", "Martín", "masculine"),
    ("francisca", "Francisca", "feminine"),
    ("diego", "Diego", "masculine"),
    ("andres", "Andrés", "masculine"),
    ("camille", "Camille", "feminine"),
    ("aminata", "Aminata", "feminine"),
    ("moussa", "Moussa", "masculine"),
    ("chloe", "Chloé", "feminine"),
    ("jean", "Jean", "masculine"),
    ("alexei", "Алексей", "masculine"),
    ("olga", "Ольга", "feminine"),
    ("dmitri", "Дмитрий", "masculine"),
    ("natalia", "Наталья", "feminine"),
    ("ahmed", "أحمد", "masculine"),
    ("fatima", "فاطمة", "feminine"),
    ("yousef", "يوسف", "masculine"),
    ("mariam", "مريم", "feminine"),
    ("li-na", "李娜", "feminine"),
    ("wang-wei", "王伟", "masculine"),
    ("zhang-min", "张敏", "unspecified"),
    ("jonas", "Jonas", "masculine"),
    ("lena", "Lena", "feminine"),
    ("katrin", "Katrin", "feminine"),
    ("sam", "Sam", "unspecified"),
    ("priya", "Priya", "feminine"),
];

const AFFILIATIONS: [&str; 14] = [
    "Wikimedia Mexico",
    "Wikimedia Argentina",
    "Wikimedia Colombia",
    "Wikimedia Venezuela",
    "Wikimedia Chile",
    "Wikimujeres",
    "Amical Wikimedia",
    "Wikimedia Côte d'Ivoire",
    "Wikimedia Deutschland",
    "Wikimedia France",
    "Wikimedia Russia",
    "Wikimedia Taiwan",
    "Wikimedia Egypt",
    "Wikimedia UK",
];

const PLACES: [&str; 10] = [
    "Spain",
    "Peru",
    "Uruguay",
    "Catalonia",
    "Senegal",
    "Morocco",
    "Kazakhstan",
    "Hong Kong",
    "Austria",
    "Quebec",
];

const TEAMS: [&str; 6] = [
    "Community Relations",
    "Education",
    "Trust and Safety",
    "Movement Strategy",
    "Language Engineering",
    "Partnerships",
];

const TIME_ZONES: [&str; 8] = [
    "UTC",
    "Europe/Paris",
    "America/Bogota",
    "America/Mexico_City",
    "Africa/Cairo",
    "Asia/Shanghai",
    "Europe/Berlin",
    "Europe/Moscow",
];

const FORMATS: [&str; 5] = [
    "Panel",
    "Workshop",
    "Lightning talk",
    "Roundtable",
    "Keynote",
];

/// The language notes are written in: English most often, as in the movement.
fn written_language(rng: &mut Rng) -> Language {
    let roll = rng.range(0, 99);
    match roll {
        0..40 => Language::En,
        40..55 => Language::Es,
        55..67 => Language::Fr,
        67..75 => Language::Ar,
        75..83 => Language::ZhHans,
        83..91 => Language::De,
        _ => Language::Ru,
    }
}

/// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm), so every generated
/// date is a real calendar date.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn days_from_year(year: i32) -> i64 {
    // 1970-01-01 plus whole years, leap days included.
    let mut days = 0i64;
    for y in 1970..year {
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        days += if leap { 366 } else { 365 };
    }
    days
}

/// The digests of the corpus: for index `i`, its series and number within the series.
fn plan(count: usize) -> Vec<(usize, usize)> {
    let total: usize = SERIES.iter().map(|s| s.2).sum();
    let mut numbers = [0usize; SERIES.len()];
    (0..count)
        .map(|i| {
            // Deal digests to series by weight, round-robin within each weight cycle, so
            // every series has calls even in a small corpus.
            let mut slot = i % total;
            let mut series = 0;
            for (s, entry) in SERIES.iter().enumerate() {
                if slot < entry.2 {
                    series = s;
                    break;
                }
                slot -= entry.2;
            }
            numbers[series] += 1;
            (series, numbers[series])
        })
        .collect()
}

/// Builds one digest's notes.
struct Writer<'a> {
    rng: Rng,
    vocabulary: &'a Vocabulary,
    people: Vec<&'static str>,
    /// Bytes of text written so far.
    text: usize,
    /// The value of `text` at which the current topic has said enough: beyond it, points
    /// get no more sub-points or replies and topics no more speakers.
    topic_end: usize,
    /// The id counter for explicit ids.
    next_id: usize,
    links: usize,
}

impl Writer<'_> {
    fn paragraph(&mut self, sentences: usize) -> String {
        let text = self.vocabulary.paragraph(&mut self.rng, sentences);
        self.text += text.len();
        text
    }

    fn phrase(&mut self, low: usize, high: usize) -> String {
        let words = self.rng.range(low, high);
        let text = self.vocabulary.phrase(&mut self.rng, words);
        self.text += text.len();
        text
    }

    /// Some text for a point: one to four sentences, sometimes with a link or emphasis.
    fn point_text(&mut self) -> String {
        let sentences = self.rng.range(1, 4);
        let mut text = self.paragraph(sentences);
        if self.rng.chance(0.08) {
            self.links += 1;
            let page = self.vocabulary.phrase(&mut self.rng, 2);
            let _ = write!(
                text,
                " [{page}](https://meta.wikimedia.org/wiki/Corpus_page_{})",
                self.links
            );
        } else if self.rng.chance(0.08) {
            let word = self.vocabulary.phrase(&mut self.rng, 1);
            text = format!("**{word}** {text}");
        }
        text
    }

    fn id(&mut self, prefix: &str) -> Option<Yaml> {
        // Most elements carry an id (as in Clinic #006); the rest get one from their text.
        if self.rng.chance(0.7) {
            self.next_id += 1;
            Some(Yaml::str(format!("{prefix}-{}", self.next_id)))
        } else {
            None
        }
    }

    fn speaker(&mut self, not: Option<&str>) -> &'static str {
        loop {
            let who = *self.rng.pick(&self.people);
            if Some(who) != not || self.people.len() < 2 {
                return who;
            }
        }
    }

    fn editor_note(&mut self, map: &mut Vec<(&'static str, Yaml)>, p: f64) {
        if self.rng.chance(p) {
            let note = self.paragraph(1);
            map.push(("editor_note", Yaml::Str(note)));
        }
    }

    /// A point by `speaker` (None for a sub-point), with sub-points and replies down to
    /// `depth` more levels.
    fn point(&mut self, speaker: Option<&'static str>, depth: usize) -> Yaml {
        let mut map = Vec::new();
        if let Some(id) = self.id("p") {
            map.push(("id", id));
        }
        if let Some(speaker) = speaker {
            map.push(("speaker", Yaml::str(speaker)));
        }
        let text = self.point_text();
        map.push(("text", Yaml::Str(text)));
        if depth > 0 && self.text < self.topic_end {
            let sub = if self.rng.chance(0.4) {
                self.rng.range(1, 3)
            } else {
                0
            };
            if sub > 0 {
                let points = (0..sub).map(|_| self.point(None, depth - 1)).collect();
                map.push(("points", Yaml::List(points)));
            }
            let replies = if self.rng.chance(0.35) {
                self.rng.range(1, 2)
            } else {
                0
            };
            if replies > 0 {
                let list = (0..replies)
                    .map(|_| {
                        let who = self.speaker(speaker);
                        self.point(Some(who), depth - 1)
                    })
                    .collect();
                map.push(("replies", Yaml::List(list)));
            }
        }
        self.editor_note(&mut map, 0.05);
        Yaml::Map(map)
    }

    fn question(&mut self, asked_by: Option<&'static str>, answers: usize) -> Yaml {
        let mut map = Vec::new();
        if let Some(id) = self.id("q") {
            map.push(("id", id));
        }
        let words = self.rng.range(6, 16);
        let question = self.vocabulary.sentence(&mut self.rng, words, true);
        self.text += question.len();
        map.push(("question", Yaml::Str(question)));
        if let Some(who) = asked_by {
            map.push(("asked_by", Yaml::str(who)));
        }
        if self.rng.chance(0.04) {
            map.push(("not_discussed", Yaml::Bool(true)));
            return Yaml::Map(map);
        }
        let list = (0..answers)
            .map(|_| {
                let who = self.speaker(asked_by);
                self.point(Some(who), 3)
            })
            .collect();
        map.push(("answers", Yaml::List(list)));
        self.editor_note(&mut map, 0.05);
        Yaml::Map(map)
    }

    /// A section whose body is Markdown: a paragraph, a list, a link.
    fn body(&mut self) -> String {
        let sentences = self.rng.range(1, 3);
        let mut body = self.paragraph(sentences);
        body.push_str("\n\n");
        for _ in 0..self.rng.range(2, 4) {
            let item = self.paragraph(1);
            body.push_str("- ");
            body.push_str(&item);
            body.push('\n');
        }
        self.links += 1;
        let label = self.phrase(1, 3);
        let _ = write!(
            body,
            "\nSee [{label}](https://meta.wikimedia.org/wiki/Corpus_section_{}).",
            self.links
        );
        body
    }

    fn discussion(&mut self, map: &mut Vec<(&'static str, Yaml)>) {
        let mut points = Vec::new();
        while points.is_empty() || (points.len() < 5 && self.text < self.topic_end) {
            let who = self.speaker(None);
            points.push(self.point(Some(who), 3));
        }
        map.push(("points", Yaml::List(points)));
        if self.rng.chance(0.5) {
            let count = self.rng.range(1, 2);
            let questions = (0..count)
                .map(|_| {
                    let asker = self.rng.chance(0.6).then(|| self.speaker(None));
                    let answers = self.rng.range(1, 3);
                    self.question(asker, answers)
                })
                .collect();
            map.push(("questions", Yaml::List(questions)));
        }
    }

    fn topic(&mut self, kind: Kind, index: usize, interviewer: &'static str) -> Yaml {
        let mut map = Vec::new();
        if let Some(id) = self.id("topic") {
            map.push(("id", id));
        }
        map.push(("title", Yaml::Str(self.phrase(2, 6))));
        if index > 1 && self.rng.chance(0.03) {
            map.push(("not_discussed", Yaml::Bool(true)));
            return Yaml::Map(map);
        }
        match kind {
            Kind::Call if index == 0 && self.rng.chance(0.5) => {
                let sections = (0..self.rng.range(1, 2))
                    .map(|_| {
                        let mut section = Vec::new();
                        if let Some(id) = self.id("section") {
                            section.push(("id", id));
                        }
                        section.push(("title", Yaml::Str(self.phrase(2, 4))));
                        section.push(("body", Yaml::Str(self.body())));
                        Yaml::Map(section)
                    })
                    .collect();
                map.push(("sections", Yaml::List(sections)));
            }
            Kind::Call => self.discussion(&mut map),
            Kind::Interview => {
                let questions = (0..self.rng.range(1, 3))
                    .map(|_| self.question(Some(interviewer), 1))
                    .collect();
                map.push(("questions", Yaml::List(questions)));
            }
            Kind::Session => {
                let speakers = (0..self.rng.range(1, 3))
                    .map(|_| Yaml::str(self.speaker(None)))
                    .collect();
                let mut session = vec![("speakers", Yaml::List(speakers))];
                session.push((
                    "length_minutes",
                    Yaml::Num(*self.rng.pick(&[15, 30, 45, 60, 90])),
                ));
                session.push(("format", Yaml::str(*self.rng.pick(&FORMATS))));
                session.push(("audience", Yaml::Str(self.phrase(2, 5))));
                session.push(("desired_outcome", Yaml::Str(self.paragraph(1))));
                map.push(("session", Yaml::Map(session)));
                if self.rng.chance(0.5) {
                    map.push(("body", Yaml::Str(self.paragraph(2))));
                }
                self.discussion(&mut map);
            }
            Kind::Breakout => {
                let prepared = (0..self.rng.range(1, 3))
                    .map(|_| {
                        let words = self.rng.range(6, 14);
                        let q = self.vocabulary.sentence(&mut self.rng, words, true);
                        self.text += q.len();
                        Yaml::Str(q)
                    })
                    .collect();
                let participants = if self.rng.chance(0.5) {
                    Yaml::Num(self.rng.range(4, 30) as u32)
                } else {
                    Yaml::Str(format!("~{}", self.rng.range(4, 30)))
                };
                map.push((
                    "breakout",
                    Yaml::Map(vec![
                        ("participants", participants),
                        ("prepared_questions", Yaml::List(prepared)),
                    ]),
                ));
                let groups = (0..self.rng.range(1, 3))
                    .map(|_| {
                        let mut group = Vec::new();
                        if let Some(id) = self.id("group") {
                            group.push(("id", id));
                        }
                        group.push(("title", Yaml::Str(self.phrase(2, 4))));
                        self.discussion(&mut group);
                        Yaml::Map(group)
                    })
                    .collect();
                map.push(("sections", Yaml::List(groups)));
            }
        }
        self.editor_note(&mut map, 0.1);
        Yaml::Map(map)
    }
}

/// The notes of digest `index` of the corpus of `seed`, as the text of a YAML file, with
/// its slug and source language.
fn digest_text(seed: u64, index: usize, series: usize, number: usize) -> (String, String) {
    let mut rng = Rng::new(seed).fork(index as u64);
    let (series_name, kind, _, first_year) = SERIES[series];
    let written_in = written_language(&mut rng);
    let vocabulary = Vocabulary::of(written_in);
    let number_text = format!("{number:03}");
    let slug = format!(
        "{}-{number_text}",
        series_name.to_ascii_lowercase().replace(' ', "-")
    );
    // About a call a week in each series, from its first year on.
    let day = days_from_year(first_year) + (number as i64) * 7 + rng.range(0, 3) as i64;
    let (year, month, day) = civil_from_days(day);
    let date = format!("{year:04}-{month:02}-{day:02}");

    let mut writer = Writer {
        rng: rng.fork(1),
        vocabulary: &vocabulary,
        people: Vec::new(),
        text: 0,
        topic_end: 0,
        next_id: 0,
        links: 0,
    };
    let mut doc: Vec<(&'static str, Yaml)> = vec![
        ("series", Yaml::str(series_name)),
        ("number", Yaml::Str(number_text)),
    ];
    if kind == Kind::Session {
        let title = writer.phrase(2, 5);
        doc.push(("title", Yaml::Str(format!("{series_name} {year}: {title}"))));
    }
    doc.push(("kind", Yaml::str(kind.name())));
    doc.push(("date", Yaml::Str(date)));
    if rng.chance(0.6) {
        doc.push((
            "time",
            Yaml::Str(format!(
                "{:02}:{}",
                rng.range(7, 20),
                rng.pick(&["00", "15", "30", "45"])
            )),
        ));
        doc.push(("timezone", Yaml::str(*rng.pick(&TIME_ZONES))));
    }
    let mut held_in = vec![Yaml::str(written_language(&mut rng).code())];
    if rng.chance(0.2) {
        let other = written_language(&mut rng).code();
        if !matches!(&held_in[0], Yaml::Str(s) if s == other) {
            held_in.push(Yaml::str(other));
        }
    }
    doc.push(("held_in", Yaml::List(held_in)));
    doc.push(("written_in", Yaml::str(written_in.code())));
    let attendance = if kind == Kind::Interview {
        vec![("staff", Yaml::Num(1)), ("volunteers", Yaml::Num(1))]
    } else if rng.chance(0.7) {
        vec![
            ("staff", Yaml::Num(rng.range(1, 9) as u32)),
            ("volunteers", Yaml::Num(rng.range(3, 40) as u32)),
        ]
    } else {
        vec![(
            "participants",
            Yaml::Str(format!("~{}", rng.range(10, 120))),
        )]
    };
    doc.push(("attendance", Yaml::Map(attendance)));

    // The people: 2 for an interview, 4 to 10 otherwise, drawn without repetition.
    let count = if kind == Kind::Interview {
        2
    } else {
        rng.range(4, 10)
    };
    let mut pool: Vec<usize> = (0..PEOPLE.len()).collect();
    let mut people = Vec::new();
    for _ in 0..count {
        let at = rng.range(0, pool.len() - 1);
        people.push(pool.swap_remove(at));
    }
    writer.people = people.iter().map(|&p| PEOPLE[p].0).collect();
    let facilitator = writer.people[0];
    doc.push(("facilitators", Yaml::List(vec![Yaml::str(facilitator)])));
    let links = rng.range(0, 3);
    if links > 0 {
        let list = (0..links)
            .map(|i| {
                let title = writer.phrase(2, 5);
                Yaml::Map(vec![
                    ("title", Yaml::Str(title)),
                    (
                        "url",
                        Yaml::Str(format!(
                            "https://meta.wikimedia.org/wiki/{}/{number:03}/Link_{i}",
                            series_name.replace(' ', "_")
                        )),
                    ),
                ])
            })
            .collect();
        doc.push(("links", Yaml::List(list)));
    }
    if rng.chance(0.3) {
        doc.push((
            "recording",
            Yaml::Str(format!(
                "https://commons.wikimedia.org/wiki/File:{}_{number:03}.webm",
                series_name.replace(' ', "_")
            )),
        ));
    }
    let intro = writer.paragraph(rng.range(1, 3));
    doc.push(("intro", Yaml::Str(intro)));
    let mut people_map = Vec::new();
    for (n, &p) in people.iter().enumerate() {
        let (id, name, gender) = PEOPLE[p];
        let mut person = Vec::new();
        let staff = n == 0 && kind == Kind::Interview || rng.chance(0.25);
        match rng.range(0, 9) {
            0 => person.push(("from", Yaml::str(*rng.pick(&PLACES)))),
            1 => person.push(("affiliation", Yaml::str(*rng.pick(&AFFILIATIONS)))),
            _ => {
                person.push(("name", Yaml::str(name)));
                if !staff && rng.chance(0.6) {
                    person.push(("affiliation", Yaml::str(*rng.pick(&AFFILIATIONS))));
                }
            }
        }
        person.push(("role", Yaml::str(if staff { "staff" } else { "volunteer" })));
        if staff {
            person.push(("team", Yaml::str(*rng.pick(&TEAMS))));
        }
        person.push(("gender", Yaml::str(gender)));
        people_map.push((id, Yaml::Map(person)));
    }
    doc.push(("people", Yaml::Map(people_map)));

    // 4 to 8 topics sharing about 12 KB of text.
    let target = rng.range(9_000, 13_000);
    let count = rng.range(4, 8);
    let topics = (0..count)
        .map(|index| {
            writer.topic_end = writer.text + target.saturating_sub(writer.text) / (count - index);
            writer.topic(kind, index, facilitator)
        })
        .collect();
    doc.push(("topics", Yaml::List(topics)));

    // The files and messages still name the generator `heptaglot corpus`, as when it was a
    // subcommand: a new name would change every corpus's bytes against earlier runs.
    let mut text = format!(
        "# Generated by `heptaglot corpus` (seed {seed}, digest {index}): synthetic notes for\n\
         # benchmarks, shaped like a real {} record. The words are real, the sentences are not.\n\n",
        kind.name()
    );
    text.push_str(&Yaml::Map(doc).write());
    (slug, text)
}

/// How complete a translation file is drawn to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Completeness {
    Complete,
    Partial,
    Outdated,
    Missing,
}

/// A translation of `unit` into `language`: text in that language, about as long as the
/// source, keeping its Markdown list items and link targets.
fn translate_unit(rng: &mut Rng, vocabulary: &Vocabulary, unit: &Unit) -> String {
    if unit.kind == "heading" || !unit.source.contains(' ') {
        let words = unit.source.split_whitespace().count().clamp(1, 6);
        return vocabulary.phrase(rng, words);
    }
    let mut out = Vec::new();
    for line in unit.source.split('\n') {
        if line.trim().is_empty() {
            out.push(String::new());
            continue;
        }
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        let (prefix, rest) = if let Some(rest) = trimmed.strip_prefix("- ") {
            ("- ", rest)
        } else {
            ("", trimmed)
        };
        let mut text = vocabulary.text_of_length(rng, rest.chars().count());
        // Keep the link targets, as a translator does.
        if let Some(start) = rest.find("](")
            && let Some(end) = rest[start..].find(')')
        {
            let label = vocabulary.phrase(rng, 2);
            let _ = write!(text, " [{label}]{}", &rest[start + 1..start + end + 1]);
        }
        out.push(format!("{indent}{prefix}{text}"));
    }
    out.join("\n")
}

/// The translation files of one digest, made from its units: one per language other than
/// the source, at a completeness drawn for each language (some complete, some partial,
/// some with outdated units, some missing).
fn translations(seed: u64, index: usize, digest: &Digest) -> (Vec<TranslationFile>, Vec<Language>) {
    // The files `heptaglot translate` would create, then filled in as translators would.
    let untranslated = DigestTranslations::new(digest, BTreeMap::new());
    let base = Rng::new(seed).fork(index as u64).fork(2);
    let mut files = Vec::new();
    let mut missing = Vec::new();
    for (n, language) in Language::ALL.into_iter().enumerate() {
        if language == untranslated.source {
            continue;
        }
        let mut rng = base.fork(n as u64);
        let completeness = match rng.range(0, 99) {
            0..45 => Completeness::Complete,
            45..70 => Completeness::Partial,
            70..82 => Completeness::Outdated,
            _ => Completeness::Missing,
        };
        if completeness == Completeness::Missing {
            missing.push(language);
            continue;
        }
        let vocabulary = Vocabulary::of(language);
        let share = rng.range(20, 90) as f64 / 100.0;
        let (mut file, _) = translate::update(digest, &untranslated, language);
        for (entry, unit) in file.units.iter_mut().zip(&untranslated.units.list) {
            if completeness != Completeness::Partial || rng.chance(share) {
                entry.translation = Some(translate_unit(&mut rng, &vocabulary, unit));
            }
            // What `heptaglot translate` writes after the note-taker edited a text: the
            // old source kept, the translation marked outdated.
            if completeness == Completeness::Outdated && rng.chance(0.15) {
                entry.outdated = true;
                entry.previous_source = Some(format!("{} (draft)", unit.source));
            }
        }
        files.push(file);
    }
    (files, missing)
}

/// Makes a folder for the generator: creates it, or empties one it made before. A folder
/// with other content is refused, so a typo in `--out` cannot delete anyone's work.
fn prepare(dir: &Path) -> Result<(), CorpusError> {
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(|e| io_error(dir, "read", e))?;
        if entries.next().is_some() {
            if !dir.join(MARKER).is_file() {
                return Err(CorpusError(format!(
                    "{} is not empty and was not made by `heptaglot corpus`; choose an empty or new folder",
                    dir.display()
                )));
            }
            std::fs::remove_dir_all(dir).map_err(|e| io_error(dir, "empty", e))?;
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| io_error(dir, "create", e))?;
    std::fs::write(
        dir.join(MARKER),
        "made by `heptaglot corpus`; it replaces this folder when run again\n",
    )
    .map_err(|e| io_error(dir, "write into", e))
}

fn write_file(path: &Path, text: &str) -> Result<(), CorpusError> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| io_error(parent, "create", e))?;
    }
    std::fs::write(path, text).map_err(|e| io_error(path, "write", e))
}

/// Copies the files of `from` into `to`: `.ftl` bundles and the glossary for locales
/// (`only_locales`), everything for templates. Content translations of the project's own
/// digests are not copied: they belong to other digests.
fn copy_tree(from: &Path, to: &Path, only_locales: bool) -> Result<usize, CorpusError> {
    let mut copied = 0;
    let mut stack = vec![from.to_path_buf()];
    let mut paths = Vec::new();
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| io_error(&dir, "read", e))?;
        for entry in entries {
            let entry = entry.map_err(|e| io_error(&dir, "read", e))?;
            let path = entry.path();
            if path.is_dir() {
                if !(only_locales && path.file_name().is_some_and(|n| n == "digests")) {
                    stack.push(path);
                }
            } else {
                paths.push(path);
            }
        }
    }
    paths.sort();
    for path in paths {
        let relative = path.strip_prefix(from).unwrap_or(&path);
        let keep = !only_locales
            || path.extension().is_some_and(|e| e == "ftl")
            || relative == Path::new("glossary.yaml");
        if keep {
            let target = to.join(relative);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent).map_err(|e| io_error(parent, "create", e))?;
            }
            std::fs::copy(&path, &target).map_err(|e| io_error(&path, "copy", e))?;
            copied += 1;
        }
    }
    if copied == 0 {
        return Err(CorpusError(format!(
            "found nothing to copy in {}; point --locales-from and --templates-from at a heptaglot project's locales/ and templates/",
            from.display()
        )));
    }
    Ok(copied)
}

/// One generated digest: its notes as loaded back, and its translation files.
pub struct Generated {
    /// The digest as the notes loader read it.
    pub digest: Digest,
    /// Its translation files, by language.
    pub translations: BTreeMap<Language, TranslationFile>,
    /// The languages (other than the source) it has no translation file for.
    pub missing: Vec<Language>,
}

/// Generates digest `index` of the corpus of `seed` (of `count` digests) with its
/// translations, without writing anything: the notes text and what it loads as.
pub fn generate_one(
    seed: u64,
    count: usize,
    index: usize,
) -> Result<(String, Generated), CorpusError> {
    let (series, number) = plan(count)[index];
    generate_planned(seed, index, series, number)
}

fn generate_planned(
    seed: u64,
    index: usize,
    series: usize,
    number: usize,
) -> Result<(String, Generated), CorpusError> {
    let (slug, text) = digest_text(seed, index, series, number);
    let shown = PathBuf::from("digests").join(format!("{slug}.yaml"));
    let digest = load_str(&text, &shown, &slug).map_err(|problems| {
        let first = problems
            .first()
            .map(|p| format!("{}: {}", p.file.display(), p.message))
            .unwrap_or_default();
        CorpusError(format!(
            "the generator wrote notes that do not load (a bug in heptaglot corpus): {first}"
        ))
    })?;
    let (files, missing) = translations(seed, index, &digest);
    let translations = files.into_iter().map(|f| (f.language, f)).collect();
    Ok((
        text,
        Generated {
            digest,
            translations,
            missing,
        },
    ))
}

/// Writes the corpus described by `options`.
pub fn generate(options: &Options) -> Result<Summary, CorpusError> {
    prepare(&options.out)?;
    copy_tree(&options.locales_from, &options.out.join("locales"), true)?;
    copy_tree(
        &options.templates_from,
        &options.out.join("templates"),
        false,
    )?;
    write_file(
        &options.out.join("heptaglot.toml"),
        &format!(
            "# Generated by `heptaglot corpus --digests {} --seed {}`.\n\
             title = \"Synthetic archive ({} digests)\"\nbase_url = \"{BASE_URL}\"\n",
            options.digests, options.seed, options.digests
        ),
    )?;
    let mut summary = Summary::default();
    let mut hugo = match &options.hugo {
        Some(dir) => {
            prepare(dir)?;
            Some(hugo::Site::start(dir, &options.locales_from)?)
        }
        None => None,
    };
    for (index, (series, number)) in plan(options.digests).into_iter().enumerate() {
        let (text, generated) = generate_planned(options.seed, index, series, number)?;
        let slug = &generated.digest.slug;
        write_file(
            &options.out.join("digests").join(format!("{slug}.yaml")),
            &text,
        )?;
        summary.digests += 1;
        summary.notes_bytes += text.len() as u64;
        summary.missing += generated.missing.len();
        for file in generated.translations.values() {
            let translated = file.units.iter().filter(|e| e.text().is_some()).count();
            if file.units.iter().any(|e| e.outdated) {
                summary.outdated += 1;
            } else if translated == file.units.len() {
                summary.complete += 1;
            } else {
                summary.partial += 1;
            }
            let written = file::write(file);
            let path = file::path_for(&options.out.join("locales"), file.language, slug);
            write_file(&path, &written)?;
            summary.translation_files += 1;
            summary.translation_bytes += written.len() as u64;
        }
        if let Some(site) = &mut hugo {
            site.add(&generated)?;
        }
    }
    if let Some(site) = hugo {
        summary.hugo_files = site.finish()?;
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_real_calendar_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(days_from_year(2020) + 59), (2020, 2, 29));
        assert_eq!(civil_from_days(days_from_year(2021) + 59), (2021, 3, 1));
    }

    #[test]
    fn plan_gives_every_series_numbers_in_order() {
        let plan = plan(40);
        for series in 0..SERIES.len() {
            let numbers: Vec<usize> = plan.iter().filter(|p| p.0 == series).map(|p| p.1).collect();
            assert!(!numbers.is_empty());
            assert_eq!(numbers, (1..=numbers.len()).collect::<Vec<_>>());
        }
    }

    #[test]
    fn a_digest_loads_and_is_about_twelve_kilobytes() {
        let mut sizes = Vec::new();
        for index in 0..30 {
            let (text, generated) = generate_one(7, 30, index).unwrap();
            assert!(generated.digest.notes.topics.len() >= 4);
            sizes.push(text.len());
        }
        let mean = sizes.iter().sum::<usize>() / sizes.len();
        assert!((9_000..20_000).contains(&mean), "mean {mean}");
    }

    #[test]
    fn same_seed_same_digest_other_seed_other_digest() {
        let a = generate_one(1, 10, 3).unwrap().0;
        assert_eq!(a, generate_one(1, 10, 3).unwrap().0);
        assert_ne!(a, generate_one(2, 10, 3).unwrap().0);
    }
}
