//! The notes of a generated digest: the series, people and places it draws from, the shape
//! of each kind of record (calls, interviews, sessions, breakouts) and the YAML text they
//! are written as.

use std::fmt::Write as _;

use heptaglot::lang::Language;
use heptaglot::notes::yaml::scalar;

use crate::Rng;
use crate::words::Vocabulary;

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
pub(crate) fn plan(count: usize) -> Vec<(usize, usize)> {
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

/// The notes of digest `index` of the corpus of `seed`: its slug, and the text of its YAML
/// file.
pub(crate) fn digest_text(
    seed: u64,
    index: usize,
    series: usize,
    number: usize,
) -> (String, String) {
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
    doc.push(("attendance", attendance(&mut rng, kind)));
    let people = draw_people(&mut rng, kind);
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
    doc.push(("people", people_entries(&mut rng, kind, &people)));

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

/// The attendance of a record: one of each for an interview, else staff and volunteers
/// counted or participants estimated.
fn attendance(rng: &mut Rng, kind: Kind) -> Yaml {
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
    Yaml::Map(attendance)
}

/// The people of a record, as indexes into [`PEOPLE`]: 2 for an interview, 4 to 10
/// otherwise, drawn without repetition; the first facilitates (or interviews).
fn draw_people(rng: &mut Rng, kind: Kind) -> Vec<usize> {
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
    people
}

/// The `people` mapping: how each person is described (a name, a place or an affiliation),
/// their role, team and gender.
fn people_entries(rng: &mut Rng, kind: Kind, people: &[usize]) -> Yaml {
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
    Yaml::Map(people_map)
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
}
