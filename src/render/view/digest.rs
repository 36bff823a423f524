//! The digest page's view: its sections, points and questions, the notices about its
//! translation, and the links to its series and neighbours.

use serde::Serialize;

use super::{Chrome, DESCRIPTION_CHARS, SpeakerForm, Text, VersionLink, ViewBuilder, count_args};
use crate::l10n::Arg;
use crate::lang::Language;
use crate::notes::Digest;
use crate::notes::check::{parse_date, parse_time};
use crate::notes::model::{Notes, Point, Question, RecordKind, Section};
use crate::render::markdown;
use crate::translate::{Coverage, PageTexts, Provenance, Resolved};

/// Labels used inside digests.
#[derive(Debug, Clone, Serialize)]
pub struct Labels {
    question: String,
    answer: String,
    editor_note: String,
    not_discussed: String,
    contents: String,
    links: String,
    session_speakers: String,
    session_length: String,
    session_format: String,
    session_audience: String,
    session_desired_outcome: String,
    breakout_participants: String,
    breakout_prepared_questions: String,
    outdated: String,
    series_nav: String,
    /// What follows a coloned label before the text (`label-colon.after`).
    after_colon: String,
    /// What separates a parenthesis from the word before it (`in-parentheses.before`):
    /// a space, or nothing before a full-width "（".
    before_paren: String,
    /// What sets an aside ("not discussed", an editor's note) in italics in Markdown and in
    /// wikitext: nothing in languages with full-width parentheses (nothing before them), as
    /// Chinese sets no italics (W3C CLREQ) and an italic aside right after another italic
    /// span would merge with it (`**`, `''''`).
    em_md: String,
    em_wiki: String,
    /// "Not discussed" said of a question (`not-discussed.question`: French agrees it).
    question_not_discussed: String,
    /// What opens and closes a parenthesis in this language.
    paren_open: String,
    paren_close: String,
}

/// A digest page.
#[derive(Debug, Clone, Serialize)]
pub struct DigestView {
    /// Frame strings.
    pub chrome: Chrome,
    /// Title of the call.
    pub title: String,
    /// The standard opening sentence.
    pub opening: String,
    /// The digest's title as a text (it may be untranslated).
    pub title_text: Text,
    /// "This is the French version …; the translation is 64% complete."
    pub version_notice: String,
    /// Whether this is the original version (its notice is a plain line, not a box).
    pub original: bool,
    /// The translation's percentage, 100 for the original.
    pub percent: u32,
    /// Where passages are shown in other languages, which ones.
    pub fallback_notice: Option<String>,
    /// Where translations are outdated, how many.
    pub outdated_notice: Option<String>,
    /// "Other language versions:"
    pub other_versions: String,
    /// The note-taker's introduction.
    pub intro: Option<Text>,
    /// The attendance sentence.
    pub attendance: Option<String>,
    /// "Facilitated by …".
    pub facilitated: Option<String>,
    /// Related links.
    pub links: Vec<LinkView>,
    /// Recording link.
    pub recording: Option<LinkView>,
    /// Table of contents: the topics.
    pub toc: Vec<TocEntry>,
    /// The topics.
    pub topics: Vec<SectionView>,
    /// Labels.
    pub labels: Labels,
    /// The call's series, linking to its page.
    pub series: SeriesLink,
    /// The call before this one in its series.
    pub previous: Option<Neighbour>,
    /// The call after this one in its series.
    pub next: Option<Neighbour>,
}

/// A link to a series page.
#[derive(Debug, Clone, Serialize)]
pub struct SeriesLink {
    /// The series name in the page's language.
    pub name: String,
    /// Relative link to the series page.
    pub href: String,
    /// Relative link to its Markdown file, from the digest's Markdown file.
    pub href_md: String,
    /// "Wikimedia Clinics: all calls" or similar.
    pub label: String,
}

/// The previous or next call of a series, as linked from a digest page.
#[derive(Debug, Clone, Serialize)]
pub struct Neighbour {
    /// "Previous call" or "Next call".
    pub label: String,
    /// The same with the language's colon, where the link follows on the same line.
    pub label_colon: String,
    /// The call's title in the page's language.
    pub title: Text,
    /// Its formatted date.
    pub date: String,
    /// Relative link from a digest page.
    pub href: String,
    /// Relative link from a digest's Markdown file.
    pub href_md: String,
}

/// A titled link.
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    /// Shown text.
    pub title: Text,
    /// Target (checked to be http, https or mailto).
    pub url: String,
}

/// A table-of-contents entry.
#[derive(Debug, Clone, Serialize)]
pub struct TocEntry {
    /// Anchor id, the same in every language.
    pub anchor: String,
    /// Heading text.
    pub heading: String,
    /// The heading in parts: text before the title ("Topic 2: ").
    pub before: String,
    /// The title.
    pub title: Text,
    /// Text after the title.
    pub after: String,
}

/// A topic or subsection.
#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    /// Anchor id, the same in every language (`topic-2`, `topic-1-2`).
    pub anchor: String,
    /// Heading text ("Topic 2: …" for topics), plain.
    pub heading: String,
    /// The heading in parts: text before the title ("Topic 2: ").
    pub before: String,
    /// The title.
    pub title: Text,
    /// Text after the title.
    pub after: String,
    /// Heading level, 2 for topics.
    pub level: usize,
    /// Free text.
    pub body: Option<Text>,
    /// Program-session details, as label/value rows.
    pub details: Vec<Detail>,
    /// Prepared questions of a breakout.
    pub prepared_questions: Vec<Text>,
    /// Points.
    pub points: Vec<PointView>,
    /// Questions.
    pub questions: Vec<QuestionView>,
    /// Subsections.
    pub sections: Vec<SectionView>,
    /// Editor's note.
    pub editor_note: Option<Text>,
    /// Whether the item was not discussed.
    pub not_discussed: bool,
}

/// A label and its value, for session details.
#[derive(Debug, Clone, Serialize)]
pub struct Detail {
    /// Label.
    pub label: String,
    /// Value.
    pub value: Text,
}

/// A point with its sub-points and replies.
#[derive(Debug, Clone, Serialize)]
pub struct PointView {
    /// Anchor id, from the notes when given.
    pub anchor: Option<String>,
    /// The speaker phrase, with its colon when it introduces a text or sub-points.
    pub speaker: Option<String>,
    /// What was said.
    pub text: Option<Text>,
    /// Sub-points and replies, in that order, nested.
    pub children: Vec<PointView>,
    /// Editor's note.
    pub editor_note: Option<Text>,
    /// Whether it was not discussed.
    pub not_discussed: bool,
}

/// A question with its answers.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionView {
    /// Anchor id.
    pub anchor: String,
    /// "Question" or "Question from …".
    pub label: String,
    /// The question.
    pub question: Text,
    /// The answers.
    pub answers: Vec<PointView>,
    /// Editor's note.
    pub editor_note: Option<Text>,
    /// Whether it was not discussed.
    pub not_discussed: bool,
}

/// The opening sentence of a digest page, and the languages it names.
struct Opening {
    opening: String,
    /// The names of the call's languages as a list, and how many there are.
    held: (String, usize),
}

/// The details of a section ([`ViewBuilder::section_details`]).
struct SectionDetails {
    details: Vec<Detail>,
    prepared_questions: Vec<Text>,
}

/// The notices about a page's texts that are not in this language's own words.
struct ProvenanceNotices {
    fallback_notice: Option<String>,
    outdated_notice: Option<String>,
}

impl ViewBuilder<'_> {
    /// The full view of a digest page; `versions` are the language links, `texts` the
    /// digest's texts resolved for this language, `coverage` its translation counts.
    pub fn digest(
        &self,
        digest: &Digest,
        versions: Vec<VersionLink>,
        texts: &PageTexts,
        coverage: Coverage,
    ) -> DigestView {
        let notes = &digest.notes;
        let title_text = self.title(notes, texts);
        let title = title_text.plain.clone();
        let Opening { opening, held } = self.opening(notes, &title);
        let version_notice = self.version_notice(notes, held, coverage);
        let facilitated = self.facilitated(notes);
        let topics = self.topics(notes, texts);
        let intro = notes.intro.as_deref().map(|t| self.text(texts, "intro", t));
        let links = self.links(notes, texts);
        let ProvenanceNotices {
            fallback_notice,
            outdated_notice,
        } = self.provenance_notices(&title_text, intro.as_ref(), &links, &topics);
        let chrome = self.digest_chrome(notes, versions, &title, intro.as_ref(), &opening);
        DigestView {
            series: self.series_link(notes, 2),
            previous: None,
            next: None,
            chrome,
            toc: topics
                .iter()
                .map(|t| TocEntry {
                    anchor: t.anchor.clone(),
                    heading: t.heading.clone(),
                    before: t.before.clone(),
                    title: t.title.clone(),
                    after: t.after.clone(),
                })
                .collect(),
            title,
            title_text,
            opening,
            version_notice,
            original: notes.written_in.parse::<Language>().unwrap_or(Language::En) == self.lang,
            percent: coverage.percent,
            fallback_notice,
            outdated_notice,
            other_versions: self.t("digest-other-versions"),
            intro,
            attendance: self.attendance(notes),
            facilitated,
            links,
            recording: self.recording(notes),
            topics,
            labels: self.labels(),
        }
    }

    /// The standard opening sentence of a digest titled `title`, and the languages it was
    /// held in (which the version notice repeats).
    fn opening(&self, notes: &Notes, title: &str) -> Opening {
        let when = match (&notes.time, &notes.timezone) {
            (Some(time), Some(zone)) => self.ta(
                "when-date-time",
                &[
                    ("date", notes.date.as_str().into()),
                    ("time", time.as_str().into()),
                    ("timezone", self.zone_name(zone, &notes.date, time).into()),
                ],
            ),
            _ => self.ta("when-date", &[("date", notes.date.as_str().into())]),
        };
        let kind = self.t(match notes.kind {
            RecordKind::Call => "kind-call",
            RecordKind::Interview => "kind-interview",
            RecordKind::Session => "kind-session",
            RecordKind::Breakout => "kind-breakout",
        });
        let held = self.held_in(&notes.held_in);
        let opening = self.ta(
            "digest-opening",
            &[
                ("kind", kind.into()),
                ("title", title.into()),
                ("when", when.into()),
                ("languages", held.0.as_str().into()),
                ("count", held.1.into()),
            ],
        );
        Opening { opening, held }
    }

    /// The CLDR name of the time zone `zone` in this language on the call's date and time,
    /// or the IANA id when ICU4X does not know it.
    fn zone_name(&self, zone: &str, date: &str, time: &str) -> String {
        let name = parse_date(date)
            .zip(parse_time(time))
            .and_then(|(date, time)| self.loc.formatters(self.lang)?.zone_name(zone, date, time));
        name.unwrap_or_else(|| zone.to_string())
    }

    /// "This is the original" or "This is a translation, `percent` complete", in this
    /// language; `held` names the languages the call was held in.
    fn version_notice(&self, notes: &Notes, held: (String, usize), coverage: Coverage) -> String {
        let this_language = self.language_name(self.lang);
        let source = notes.written_in.parse::<Language>().unwrap_or(Language::En);
        if source == self.lang {
            self.ta(
                "version-original",
                &[
                    ("language", this_language.into()),
                    ("code", self.lang.code().into()),
                ],
            )
        } else {
            self.ta(
                "version-translation",
                &[
                    ("language", this_language.into()),
                    ("code", self.lang.code().into()),
                    ("languages", held.0.into()),
                    ("count", held.1.into()),
                    ("percent", self.percent(coverage.percent).into()),
                    ("value", coverage.percent.into()),
                ],
            )
        }
    }

    /// "Facilitated by …", when the notes name facilitators.
    fn facilitated(&self, notes: &Notes) -> Option<String> {
        (!notes.facilitators.is_empty()).then(|| {
            let names: Vec<String> = notes
                .facilitators
                .iter()
                .map(|s| self.speaker(notes, s, SpeakerForm::Inline))
                .collect();
            self.ta(
                "facilitated-by",
                &[
                    ("names", self.loc.and_list(self.lang, &names).into()),
                    ("record", super::record(notes).into()),
                ],
            )
        })
    }

    /// The digest's topics, numbered, each with its sections below it.
    fn topics(&self, notes: &Notes, texts: &PageTexts) -> Vec<SectionView> {
        notes
            .topics
            .iter()
            .enumerate()
            .map(|(i, topic)| {
                let path = format!("topics.{i}");
                let title = self.plain(texts, &format!("{path}.title"), &topic.title);
                let parts =
                    self.heading_parts("topic-heading", &[("number", Arg::from(i + 1))], title);
                self.section(
                    notes,
                    texts,
                    topic,
                    &path,
                    format!("topic-{}", i + 1),
                    parts,
                    2,
                )
            })
            .collect()
    }

    /// The links the notes list, with their titles resolved.
    fn links(&self, notes: &Notes, texts: &PageTexts) -> Vec<LinkView> {
        notes
            .links
            .iter()
            .enumerate()
            .map(|(i, l)| LinkView {
                title: self.plain(texts, &format!("links.{i}.title"), &l.title),
                url: l.url.clone(),
            })
            .collect()
    }

    /// What the page's texts say about themselves: the languages some fell back to, and
    /// how many translations are outdated, each as a notice when there are any. The texts
    /// are visited in page order, so the languages are named in the order they appear.
    fn provenance_notices(
        &self,
        title_text: &Text,
        intro: Option<&Text>,
        links: &[LinkView],
        topics: &[SectionView],
    ) -> ProvenanceNotices {
        let mut fallback_languages: Vec<Language> = Vec::new();
        let mut outdated = 0usize;
        let mut tally = |t: &Text| match t.provenance {
            Provenance::Outdated => outdated += 1,
            Provenance::Fallback => {
                if let Ok(lang) = t.lang.parse::<Language>()
                    && !fallback_languages.contains(&lang)
                {
                    fallback_languages.push(lang);
                }
            }
            _ => {}
        };
        tally(title_text);
        intro.into_iter().for_each(&mut tally);
        links.iter().for_each(|l| tally(&l.title));
        topics.iter().for_each(|t| t.visit_texts(&mut tally));
        let fallback_notice = (!fallback_languages.is_empty()).then(|| {
            let names: Vec<String> = fallback_languages
                .iter()
                .map(|&l| self.language_name(l))
                .collect();
            self.ta(
                "version-fallback",
                &[
                    ("languages", self.loc.and_list(self.lang, &names).into()),
                    ("count", names.len().into()),
                ],
            )
        });
        let outdated_notice =
            (outdated > 0).then(|| self.ta("version-outdated", &[("count", outdated.into())]));
        ProvenanceNotices {
            fallback_notice,
            outdated_notice,
        }
    }

    /// The page frame of a digest: its title, its description (the intro, else the
    /// opening sentence), and the original language as the `x-default` version.
    fn digest_chrome(
        &self,
        notes: &Notes,
        versions: Vec<VersionLink>,
        title: &str,
        intro: Option<&Text>,
        opening: &str,
    ) -> Chrome {
        let source = notes.written_in.parse::<Language>().ok();
        let mut chrome = self.chrome(2, versions, "language-bar-label");
        chrome.page_title = title.to_owned();
        chrome.og_type = "article";
        let (summary, foreign) = match intro {
            Some(intro) => (
                intro.plain.as_str(),
                intro.foreign.then(|| intro.lang.clone()),
            ),
            None => (opening, None),
        };
        chrome.description = markdown::shorten(summary, DESCRIPTION_CHARS);
        chrome.description_lang = foreign;
        if let Some(original) = chrome
            .versions
            .iter()
            .find(|v| Some(v.code.as_str()) == source.map(Language::code))
        {
            chrome.x_default = original.url.clone();
        }
        chrome
    }

    /// The link to the call's recording, when there is one.
    fn recording(&self, notes: &Notes) -> Option<LinkView> {
        notes.recording.as_ref().map(|url| LinkView {
            title: self.text_from(Resolved {
                text: markdown::escape(
                    &self.ta("recording-link", &[("record", super::record(notes).into())]),
                ),
                language: self.lang,
                provenance: Provenance::Translated,
            }),
            url: url.clone(),
        })
    }

    /// The link to the series page of `notes` from a page `depth` folders deep.
    pub fn series_link(&self, notes: &Notes, depth: usize) -> SeriesLink {
        let name = self.series(notes);
        SeriesLink {
            href: format!(
                "{}{}/series/{}/index.html",
                "../".repeat(depth),
                self.lang.code(),
                notes.series_slug()
            ),
            href_md: format!("series/{}.md", notes.series_slug()),
            label: self.ta("series-all-calls", &[("series", name.as_str().into())]),
            name,
        }
    }

    fn labels(&self) -> Labels {
        let (paren_open, paren_close) = self.parentheses();
        let before_paren = self.before_paren();
        let italic_asides = !before_paren.is_empty();
        Labels {
            question: self.t("question-label"),
            answer: self.t("answer-label"),
            editor_note: self.colon(&self.t("editor-note-label")),
            not_discussed: self.t("not-discussed"),
            contents: self.t("contents-heading"),
            links: self.t("links-heading"),
            session_speakers: self.t("session-speakers"),
            session_length: self.t("session-length"),
            session_format: self.t("session-format"),
            session_audience: self.t("session-audience"),
            session_desired_outcome: self.t("session-desired-outcome"),
            breakout_participants: self.t("breakout-participants-label"),
            breakout_prepared_questions: self.colon(&self.t("breakout-prepared-questions")),
            outdated: self.t("outdated-mark"),
            series_nav: self.t("series-nav-label"),
            after_colon: self.after_colon(),
            em_md: if italic_asides { "*" } else { "" }.into(),
            em_wiki: if italic_asides { "''" } else { "" }.into(),
            question_not_discussed: self.loc.text_attribute(
                self.lang,
                "not-discussed",
                "question",
                &[],
            ),
            before_paren,
            paren_open,
            paren_close,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn section(
        &self,
        notes: &Notes,
        texts: &PageTexts,
        section: &Section,
        path: &str,
        anchor: String,
        (before, title, after, heading): (String, Text, String, String),
        level: usize,
    ) -> SectionView {
        let SectionDetails {
            details,
            prepared_questions,
        } = self.section_details(notes, texts, section, path);
        SectionView {
            body: section
                .body
                .as_deref()
                .map(|b| self.text(texts, &format!("{path}.body"), b)),
            details,
            prepared_questions,
            points: section
                .points
                .iter()
                .enumerate()
                .map(|(i, p)| self.point(notes, texts, p, &format!("{path}.points.{i}")))
                .collect(),
            questions: section
                .questions
                .iter()
                .enumerate()
                .map(|(i, q)| {
                    self.question(
                        notes,
                        texts,
                        q,
                        &format!("{path}.questions.{i}"),
                        format!("{anchor}-q{}", i + 1),
                    )
                })
                .collect(),
            sections: section
                .sections
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let sub_path = format!("{path}.sections.{i}");
                    let title = self.plain(texts, &format!("{sub_path}.title"), &s.title);
                    let plain = title.plain.clone();
                    self.section(
                        notes,
                        texts,
                        s,
                        &sub_path,
                        format!("{anchor}-{}", i + 1),
                        (String::new(), title, String::new(), plain),
                        (level + 1).min(6),
                    )
                })
                .collect(),
            editor_note: section
                .editor_note
                .as_deref()
                .map(|n| self.text(texts, &format!("{path}.editor_note"), n)),
            not_discussed: section.not_discussed,
            anchor,
            heading,
            before,
            title,
            after,
            level,
        }
    }

    /// What a section says about its session (speakers, length, format…) or breakout
    /// (participants), as label and value, and the breakout's prepared questions.
    fn section_details(
        &self,
        notes: &Notes,
        texts: &PageTexts,
        section: &Section,
        path: &str,
    ) -> SectionDetails {
        let mut details = Vec::new();
        let page_text = |value: String| {
            self.text_from(Resolved {
                text: markdown::escape(&value),
                language: self.lang,
                provenance: Provenance::Translated,
            })
        };
        if let Some(session) = &section.session {
            if !session.speakers.is_empty() {
                let names: Vec<String> = session
                    .speakers
                    .iter()
                    .map(|s| self.speaker(notes, s, SpeakerForm::Inline))
                    .collect();
                details.push(Detail {
                    label: self.colon(&self.t("session-speakers")),
                    value: page_text(self.loc.and_list(self.lang, &names)),
                });
            }
            if let Some(minutes) = session.length_minutes {
                details.push(Detail {
                    label: self.colon(&self.t("session-length")),
                    value: page_text(
                        self.ta("session-length-minutes", &[("minutes", minutes.into())]),
                    ),
                });
            }
            for (id, field, value) in [
                ("session-format", "format", &session.format),
                ("session-audience", "audience", &session.audience),
                (
                    "session-desired-outcome",
                    "desired_outcome",
                    &session.desired_outcome,
                ),
            ] {
                if let Some(v) = value {
                    details.push(Detail {
                        label: self.colon(&self.t(id)),
                        value: self.plain(texts, &format!("{path}.session.{field}"), v),
                    });
                }
            }
        }
        let mut prepared_questions = Vec::new();
        if let Some(breakout) = &section.breakout {
            if let Some(count) = &breakout.participants {
                details.push(Detail {
                    label: self.colon(&self.t("breakout-participants-label")),
                    value: page_text(self.ta("breakout-participants", &count_args(count))),
                });
            }
            prepared_questions = breakout
                .prepared_questions
                .iter()
                .enumerate()
                .map(|(i, q)| {
                    self.text(texts, &format!("{path}.breakout.prepared_questions.{i}"), q)
                })
                .collect();
        }
        SectionDetails {
            details,
            prepared_questions,
        }
    }

    fn question(
        &self,
        notes: &Notes,
        texts: &PageTexts,
        question: &Question,
        path: &str,
        anchor: String,
    ) -> QuestionView {
        let label = match &question.asked_by {
            Some(speaker) => self.ta(
                "question-from",
                &[(
                    "speaker",
                    self.speaker(notes, speaker, SpeakerForm::Inline).into(),
                )],
            ),
            None => self.t("question-label"),
        };
        QuestionView {
            anchor: question.id.clone().unwrap_or(anchor),
            label: self.colon(&label),
            question: self.text(texts, &format!("{path}.question"), &question.question),
            answers: question
                .answers
                .iter()
                .enumerate()
                .map(|(i, p)| self.point(notes, texts, p, &format!("{path}.answers.{i}")))
                .collect(),
            editor_note: question
                .editor_note
                .as_deref()
                .map(|n| self.text(texts, &format!("{path}.editor_note"), n)),
            not_discussed: question.not_discussed,
        }
    }

    fn point(&self, notes: &Notes, texts: &PageTexts, point: &Point, path: &str) -> PointView {
        let sub = point
            .points
            .iter()
            .enumerate()
            .map(|(i, p)| (format!("{path}.points.{i}"), p));
        let replies = point
            .replies
            .iter()
            .enumerate()
            .map(|(i, p)| (format!("{path}.replies.{i}"), p));
        let text = point
            .text
            .as_deref()
            .map(|t| self.text(texts, &format!("{path}.text"), t));
        let children: Vec<PointView> = sub
            .chain(replies)
            .map(|(child_path, p)| self.point(notes, texts, p, &child_path))
            .collect();
        // The colon introduces what the speaker said; a speaker with no text and no
        // sub-points is named without one.
        let says = text.is_some() || !children.is_empty();
        PointView {
            anchor: point.id.clone(),
            speaker: point.speaker.as_ref().map(|s| {
                let name = self.speaker(notes, s, SpeakerForm::Start);
                if says { self.colon(&name) } else { name }
            }),
            text,
            children,
            editor_note: point
                .editor_note
                .as_deref()
                .map(|n| self.text(texts, &format!("{path}.editor_note"), n)),
            not_discussed: point.not_discussed,
        }
    }

    /// A link from a digest page to the call `slug` with `title` and `date` (as in its
    /// [`ViewBuilder::entry`]), the call before (`previous`) or after it in its series.
    pub fn neighbour(&self, title: &Text, date: &str, slug: &str, previous: bool) -> Neighbour {
        let label = self.t(if previous {
            "series-previous"
        } else {
            "series-next"
        });
        Neighbour {
            label_colon: self.colon(&label),
            label,
            title: title.clone(),
            date: date.to_string(),
            href: format!("../{slug}/index.html"),
            href_md: format!("{slug}.md"),
        }
    }
}

impl SectionView {
    /// Calls `f` on every note text in this section and below it.
    pub fn visit_texts(&self, f: &mut impl FnMut(&Text)) {
        f(&self.title);
        self.body.iter().for_each(&mut *f);
        self.details.iter().for_each(|d| f(&d.value));
        self.prepared_questions.iter().for_each(&mut *f);
        self.editor_note.iter().for_each(&mut *f);
        self.points.iter().for_each(|p| p.visit_texts(f));
        for q in &self.questions {
            f(&q.question);
            q.editor_note.iter().for_each(&mut *f);
            q.answers.iter().for_each(|p| p.visit_texts(f));
        }
        self.sections.iter().for_each(|s| s.visit_texts(f));
    }
}

impl PointView {
    /// Calls `f` on every note text of this point and below it.
    pub fn visit_texts(&self, f: &mut impl FnMut(&Text)) {
        self.text.iter().for_each(&mut *f);
        self.editor_note.iter().for_each(&mut *f);
        self.children.iter().for_each(|c| c.visit_texts(f));
    }
}
