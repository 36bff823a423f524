//! Translation units: every piece of a digest that a translator translates, with an
//! identity that survives inserting, removing and reordering the pieces around it.
//!
//! A unit's id is, like a gettext msgid, derived from its text: a short hash of the source,
//! prefixed by what kind of text it is (`point-3f9a2c1d`, `heading-…`). Where the note-taker
//! gave an element an `id`, that id is used instead (`welcome.text`). Inserting or moving
//! other points changes no id; editing a text changes its id, and [`super::align`] finds the
//! old translation again by similarity, the way `msgmerge` does, and marks it outdated.

use std::collections::HashMap;

use crate::notes::model::{Notes, Point, Question, Section, SpeakerRef};

/// One translatable text of a digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// The stable id (the key in translation files).
    pub id: String,
    /// Where the text sits in the notes, e.g. `topics.0.points.2.text`; the view looks
    /// units up by this path.
    pub path: String,
    /// What kind of text it is (`point`, `heading`, …); only units of one kind are matched
    /// with each other.
    pub kind: &'static str,
    /// A human description of where it is, for translators ("Topic 2 › point 3 (quim)").
    pub place: String,
    /// The source text (Markdown).
    pub source: String,
    /// The hash of the source text.
    pub hash: String,
}

/// Every unit of a digest, in document order, with lookup by path and by id.
#[derive(Debug, Clone, Default)]
pub struct Units {
    /// The units in document order.
    pub list: Vec<Unit>,
    by_path: HashMap<String, usize>,
}

impl Units {
    /// The unit at `path`.
    pub fn at(&self, path: &str) -> Option<&Unit> {
        self.index_of(path).map(|i| &self.list[i])
    }

    /// The position in [`Units::list`] of the unit at `path`.
    pub fn index_of(&self, path: &str) -> Option<usize> {
        self.by_path.get(path).copied()
    }

    /// How many units there are.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

/// Text as compared and hashed: surrounding and repeated whitespace does not count, so
/// re-wrapping a paragraph outdates nothing.
pub fn normalize(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The hash of a source text: 16 hex digits of XXH3-64 over the normalized text, stable
/// across platforms and releases.
pub fn source_hash(text: &str) -> String {
    format!("{:016x}", crate::hash::hash64(normalize(text).as_bytes()))
}

struct Extractor {
    units: Units,
    used_ids: HashMap<String, usize>,
}

impl Extractor {
    fn add(
        &mut self,
        path: String,
        kind: &'static str,
        place: String,
        explicit: Option<String>,
        source: &str,
    ) {
        if source.trim().is_empty() {
            return;
        }
        let hash = source_hash(source);
        let base = explicit.unwrap_or_else(|| format!("{kind}-{}", &hash[..8]));
        // Identical texts (two "+1" replies) share a hash; number the repeats.
        let seen = self.used_ids.entry(base.clone()).or_insert(0);
        *seen += 1;
        let id = if *seen == 1 {
            base
        } else {
            format!("{base}-{seen}")
        };
        self.units
            .by_path
            .insert(path.clone(), self.units.list.len());
        self.units.list.push(Unit {
            id,
            path,
            kind,
            place,
            source: source.to_string(),
            hash,
        });
    }

    fn section(&mut self, section: &Section, path: &str, place: &str) {
        let explicit = |field: &str| section.id.as_ref().map(|id| format!("{id}.{field}"));
        self.add(
            format!("{path}.title"),
            "heading",
            format!("{place} › heading"),
            explicit("title"),
            &section.title,
        );
        if let Some(body) = &section.body {
            self.add(
                format!("{path}.body"),
                "body",
                format!("{place} › text"),
                explicit("body"),
                body,
            );
        }
        if let Some(session) = &section.session {
            for (field, value) in [
                ("format", &session.format),
                ("audience", &session.audience),
                ("desired_outcome", &session.desired_outcome),
            ] {
                if let Some(v) = value {
                    self.add(
                        format!("{path}.session.{field}"),
                        "session",
                        format!("{place} › session {}", field.replace('_', " ")),
                        explicit(field),
                        v,
                    );
                }
            }
        }
        if let Some(breakout) = &section.breakout {
            for (i, q) in breakout.prepared_questions.iter().enumerate() {
                self.add(
                    format!("{path}.breakout.prepared_questions.{i}"),
                    "prepared",
                    format!("{place} › prepared question {}", i + 1),
                    None,
                    q,
                );
            }
        }
        if let Some(note) = &section.editor_note {
            self.add(
                format!("{path}.editor_note"),
                "note",
                format!("{place} › editor's note"),
                explicit("editor_note"),
                note,
            );
        }
        for (i, point) in section.points.iter().enumerate() {
            self.point(
                point,
                &format!("{path}.points.{i}"),
                &format!("{place} › point {}", i + 1),
            );
        }
        for (i, question) in section.questions.iter().enumerate() {
            self.question(
                question,
                &format!("{path}.questions.{i}"),
                &format!("{place} › question {}", i + 1),
            );
        }
        for (i, sub) in section.sections.iter().enumerate() {
            self.section(
                sub,
                &format!("{path}.sections.{i}"),
                &format!("{place}.{}", i + 1),
            );
        }
    }

    fn point(&mut self, point: &Point, path: &str, place: &str) {
        let explicit = |field: &str| point.id.as_ref().map(|id| format!("{id}.{field}"));
        let place = match &point.speaker {
            Some(SpeakerRef::Id(id)) => format!("{place} ({id})"),
            Some(SpeakerRef::Inline(p)) => match &p.name {
                Some(name) => format!("{place} ({name})"),
                None => place.to_string(),
            },
            None => place.to_string(),
        };
        if let Some(text) = &point.text {
            self.add(
                format!("{path}.text"),
                "point",
                place.clone(),
                explicit("text"),
                text,
            );
        }
        if let Some(note) = &point.editor_note {
            self.add(
                format!("{path}.editor_note"),
                "note",
                format!("{place} › editor's note"),
                explicit("editor_note"),
                note,
            );
        }
        for (i, sub) in point.points.iter().enumerate() {
            self.point(
                sub,
                &format!("{path}.points.{i}"),
                &format!("{place} › sub-point {}", i + 1),
            );
        }
        for (i, reply) in point.replies.iter().enumerate() {
            self.point(
                reply,
                &format!("{path}.replies.{i}"),
                &format!("{place} › reply {}", i + 1),
            );
        }
    }

    fn question(&mut self, question: &Question, path: &str, place: &str) {
        let explicit = |field: &str| question.id.as_ref().map(|id| format!("{id}.{field}"));
        self.add(
            format!("{path}.question"),
            "question",
            place.to_string(),
            explicit("question"),
            &question.question,
        );
        if let Some(note) = &question.editor_note {
            self.add(
                format!("{path}.editor_note"),
                "note",
                format!("{place} › editor's note"),
                explicit("editor_note"),
                note,
            );
        }
        for (i, answer) in question.answers.iter().enumerate() {
            self.point(
                answer,
                &format!("{path}.answers.{i}"),
                &format!("{place} › answer {}", i + 1),
            );
        }
    }
}

/// The units of `notes`, in document order.
pub fn extract(notes: &Notes) -> Units {
    let mut ex = Extractor {
        units: Units::default(),
        used_ids: HashMap::new(),
    };
    if let Some(title) = &notes.title {
        ex.add(
            "title".into(),
            "title",
            "Title".into(),
            Some("title".into()),
            title,
        );
    }
    if let Some(intro) = &notes.intro {
        ex.add(
            "intro".into(),
            "intro",
            "Introduction".into(),
            Some("intro".into()),
            intro,
        );
    }
    for (i, link) in notes.links.iter().enumerate() {
        ex.add(
            format!("links.{i}.title"),
            "link",
            format!("Link {}", i + 1),
            None,
            &link.title,
        );
    }
    for (i, topic) in notes.topics.iter().enumerate() {
        ex.section(topic, &format!("topics.{i}"), &format!("Topic {}", i + 1));
    }
    ex.units
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::load_str;

    fn units(yaml: &str) -> Units {
        let text = format!(
            "series: S\nnumber: \"1\"\ndate: 2021-03-04\nheld_in: [es]\nwritten_in: en\n{yaml}"
        );
        let digest = load_str(&text, std::path::Path::new("t.yaml"), "t").unwrap();
        extract(&digest.notes)
    }

    #[test]
    fn ids_survive_insertion_and_reordering() {
        let before =
            units("topics:\n  - title: A\n    points:\n      - text: one\n      - text: two\n");
        let after = units(
            "topics:\n  - title: A\n    points:\n      - text: zero\n      - text: two\n      - text: one\n",
        );
        let id_of =
            |u: &Units, text: &str| u.list.iter().find(|x| x.source == text).unwrap().id.clone();
        assert_eq!(id_of(&before, "one"), id_of(&after, "one"));
        assert_eq!(id_of(&before, "two"), id_of(&after, "two"));
        assert_eq!(after.at("topics.0.points.2.text").unwrap().source, "one");
    }

    #[test]
    fn explicit_ids_and_repeats() {
        let u = units(
            "topics:\n  - title: A\n    id: intro-topic\n    points:\n      - text: \"+1\"\n      - text: \"+1\"\n      - id: key\n        text: Hello\n",
        );
        let ids: Vec<&str> = u.list.iter().map(|x| x.id.as_str()).collect();
        assert_eq!(ids[0], "intro-topic.title");
        assert!(ids[2].ends_with("-2") && ids[1] == &ids[2][..ids[2].len() - 2]);
        assert_eq!(ids[3], "key.text");
    }

    #[test]
    fn hashes_ignore_rewrapping() {
        assert_eq!(source_hash("a  b\nc "), source_hash("a b c"));
        assert_ne!(source_hash("a b c"), source_hash("a b d"));
    }
}
