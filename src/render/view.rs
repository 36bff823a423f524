//! View models: everything a template shows, already localized and made safe.
//!
//! Templates only lay out what these structs hold. Plain-text fields are escaped by the
//! template engine (HTML or Markdown escaping, by output); fields ending in `_html` or `_md`
//! hold sanitized markup and are the only ones templates mark `safe`.

use serde::Serialize;

use super::markdown;
use crate::l10n::{Arg, Localizer};
use crate::lang::Language;
use crate::notes::Digest;
use crate::notes::check::approximate_value;
use crate::notes::model::{
    Count, Gender, Notes, Person, Point, Question, RecordKind, Role, Section, SpeakerRef,
};

/// Note Markdown in both output forms.
#[derive(Debug, Clone, Serialize)]
pub struct Text {
    /// Sanitized HTML; inline (no `<p>`) when `inline` is true.
    pub html: String,
    /// Whether `html` is a single inline paragraph.
    pub inline: bool,
    /// Safe Markdown.
    pub md: String,
    /// Wikitext.
    pub wiki: String,
}

impl Text {
    fn new(markdown: &str) -> Self {
        let (html, inline) = markdown::to_inline_html(markdown);
        Self {
            html,
            inline,
            md: markdown::to_safe_markdown(markdown),
            wiki: markdown::to_wikitext(markdown),
        }
    }
}

/// A link to one language version of a page.
#[derive(Debug, Clone, Serialize)]
pub struct VersionLink {
    /// Language code, for `lang` and `hreflang`.
    pub code: String,
    /// `ltr` or `rtl`.
    pub dir: String,
    /// The language's own name.
    pub autonym: String,
    /// Relative link to the HTML page.
    pub href: String,
    /// Relative link to the Markdown file.
    pub href_md: String,
    /// Whether this is the page being shown.
    pub current: bool,
}

/// Strings of the page frame, shared by every page kind.
#[derive(Debug, Clone, Serialize)]
pub struct Chrome {
    /// Language code of the page.
    pub lang: String,
    /// `ltr` or `rtl`.
    pub dir: String,
    /// Site title.
    pub site_title: String,
    /// Relative path to the site root (ends with `/` or is empty).
    pub root: String,
    /// "Skip to content".
    pub skip_to_content: String,
    /// "All digests".
    pub nav_all_digests: String,
    /// Label of the language bar.
    pub language_bar_label: String,
    /// Footer line.
    pub footer: String,
    /// Label of the header search field.
    pub search_label: String,
    /// Placeholder of the header search field.
    pub search_placeholder: String,
    /// Every language version of this page.
    pub versions: Vec<VersionLink>,
}

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
    /// "This is the English version of the digest."
    pub this_version: String,
    /// "Other language versions:"
    pub other_versions: String,
    /// A notice that the discussion is shown untranslated, when it is.
    pub untranslated_notice: Option<String>,
    /// Language code of the discussion text.
    pub content_lang: String,
    /// Direction of the discussion text.
    pub content_dir: String,
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
}

/// A titled link.
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    /// Shown text.
    pub title: String,
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
}

/// A topic or subsection.
#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    /// Anchor id, the same in every language (`topic-2`, `topic-1-2`).
    pub anchor: String,
    /// Heading text ("Topic 2: …" for topics).
    pub heading: String,
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
    /// Value (plain text).
    pub value: String,
}

/// A point with its sub-points and replies.
#[derive(Debug, Clone, Serialize)]
pub struct PointView {
    /// Anchor id, from the notes when given.
    pub anchor: Option<String>,
    /// The speaker phrase.
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

/// Builds views for one language.
pub struct ViewBuilder<'a> {
    loc: &'a Localizer,
    lang: Language,
}

fn count_args(count: &Count) -> Vec<(&'static str, Arg)> {
    match count {
        Count::Exact(n) => vec![("count", Arg::from(*n)), ("approx", Arg::from("no"))],
        Count::Approximate(text) => vec![
            ("count", Arg::from(approximate_value(text).unwrap_or(0))),
            ("approx", Arg::from("yes")),
        ],
    }
}

impl<'a> ViewBuilder<'a> {
    /// A builder for `lang`.
    pub fn new(loc: &'a Localizer, lang: Language) -> Self {
        Self { loc, lang }
    }

    fn t(&self, id: &str) -> String {
        self.loc.text(self.lang, id, &[])
    }

    fn ta(&self, id: &str, args: &[(&str, Arg)]) -> String {
        self.loc.text(self.lang, id, args)
    }

    /// The name of `language` in this builder's language.
    pub fn language_name(&self, language: Language) -> String {
        self.ta("language-name", &[("code", language.code().into())])
    }

    /// "in Spanish and English": the call's languages joined as this language lists them.
    pub fn held_in(&self, codes: &[String]) -> String {
        let phrases: Vec<String> = codes
            .iter()
            .filter_map(|c| c.parse::<Language>().ok())
            .map(|l| self.ta("held-in-language", &[("code", l.code().into())]))
            .collect();
        self.loc.and_list(self.lang, &phrases)
    }

    /// The page frame for a page at `depth` folders below the site root.
    pub fn chrome(&self, depth: usize, versions: Vec<VersionLink>, bar_label: &str) -> Chrome {
        Chrome {
            lang: self.lang.code().into(),
            dir: self.lang.dir().into(),
            site_title: self.t("site-title"),
            root: "../".repeat(depth),
            skip_to_content: self.t("skip-to-content"),
            nav_all_digests: self.t("nav-all-digests"),
            language_bar_label: self.t(bar_label),
            footer: self.t("footer-generated"),
            search_label: self.t("search-label"),
            search_placeholder: self.t("search-placeholder"),
            versions,
        }
    }

    /// The title of a call: its own, or "<series> #<number>".
    pub fn title(&self, notes: &Notes) -> String {
        match (&notes.title, &notes.number) {
            (Some(title), _) => title.clone(),
            (None, Some(number)) => self.ta(
                "digest-default-title",
                &[
                    ("series", notes.series.as_str().into()),
                    ("number", number.as_str().into()),
                ],
            ),
            (None, None) => notes.series.clone(),
        }
    }

    /// A label with the language's colon: "Quim (WMF):", "Question :", "问题：".
    pub fn colon(&self, label: &str) -> String {
        self.ta("label-colon", &[("label", label.into())])
    }

    /// The phrase naming a speaker, e.g. "Quim (WMF)" or "A volunteer from Venezuela".
    pub fn speaker(&self, notes: &Notes, speaker: &SpeakerRef) -> String {
        let fallback = Person::default();
        let person = match speaker {
            SpeakerRef::Id(id) => notes.people.get(id).unwrap_or(&fallback),
            SpeakerRef::Inline(person) => person,
        };
        let gender = match person.gender {
            Gender::Feminine => "feminine",
            Gender::Masculine => "masculine",
            Gender::Unspecified => "unspecified",
        };
        let mut args: Vec<(&str, Arg)> = vec![("gender", gender.into())];
        let staff = person.role == Role::Staff;
        let mut add = |name: &'static str, value: &Option<String>| {
            if let Some(v) = value {
                args.push((name, v.as_str().into()));
            }
        };
        add("name", &person.name);
        add("affiliation", &person.affiliation);
        add("team", &person.team);
        add("from", &person.from);
        let id = match (&person.name, staff) {
            (Some(_), true) if person.team.is_some() => "speaker-name-staff-team",
            (Some(_), true) => "speaker-name-staff",
            (Some(_), false) if person.affiliation.is_some() => "speaker-name-affiliation",
            (Some(_), false) if person.from.is_some() => "speaker-name-from",
            (Some(_), false) => "speaker-name",
            (None, true) if person.team.is_some() => "speaker-staff-team",
            (None, true) => "speaker-staff",
            (None, false) => match (&person.from, &person.affiliation) {
                (Some(_), Some(_)) => "speaker-volunteer-from-affiliation",
                (Some(_), None) => "speaker-volunteer-from",
                (None, Some(_)) => "speaker-volunteer-affiliation",
                (None, None) => "speaker-volunteer",
            },
        };
        self.ta(id, &args)
    }

    /// The attendance sentence, when the notes count anyone.
    pub fn attendance(&self, notes: &Notes) -> Option<String> {
        let attendance = notes.attendance.as_ref()?;
        let groups: Vec<String> = [
            ("attendance-staff", &attendance.staff),
            ("attendance-volunteers", &attendance.volunteers),
            ("attendance-participants", &attendance.participants),
        ]
        .into_iter()
        .filter_map(|(id, count)| count.as_ref().map(|c| self.ta(id, &count_args(c))))
        .collect();
        if groups.is_empty() {
            return None;
        }
        let joined = self.loc.and_list(self.lang, &groups);
        Some(self.ta("attendance", &[("groups", joined.into())]))
    }

    /// The full view of a digest page; `versions` are the language links.
    pub fn digest(&self, digest: &Digest, versions: Vec<VersionLink>) -> DigestView {
        let notes = &digest.notes;
        let title = self.title(notes);
        let when = match (&notes.time, &notes.timezone) {
            (Some(time), Some(zone)) => self.ta(
                "when-date-time",
                &[
                    ("date", notes.date.as_str().into()),
                    ("time", time.as_str().into()),
                    ("timezone", zone.as_str().into()),
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
        let opening = self.ta(
            "digest-opening",
            &[
                ("kind", kind.into()),
                ("title", title.as_str().into()),
                ("when", when.into()),
                ("languages", self.held_in(&notes.held_in).into()),
            ],
        );
        let this_language = self.language_name(self.lang);
        let content_language = notes.written_in.parse::<Language>().unwrap_or(Language::En);
        let untranslated_notice = (content_language != self.lang).then(|| {
            self.ta(
                "digest-untranslated-content",
                &[
                    ("language", this_language.as_str().into()),
                    ("source", self.language_name(content_language).into()),
                ],
            )
        });
        let facilitated = (!notes.facilitators.is_empty()).then(|| {
            let names: Vec<String> = notes
                .facilitators
                .iter()
                .map(|s| self.speaker(notes, s))
                .collect();
            self.ta(
                "facilitated-by",
                &[("names", self.loc.and_list(self.lang, &names).into())],
            )
        });
        let topics: Vec<SectionView> = notes
            .topics
            .iter()
            .enumerate()
            .map(|(i, topic)| {
                let heading = self.ta(
                    "topic-heading",
                    &[
                        ("number", Arg::from(i + 1)),
                        ("title", topic.title.as_str().into()),
                    ],
                );
                self.section(notes, topic, format!("topic-{}", i + 1), heading, 2)
            })
            .collect();
        DigestView {
            chrome: self.chrome(2, versions, "language-bar-label"),
            toc: topics
                .iter()
                .map(|t| TocEntry {
                    anchor: t.anchor.clone(),
                    heading: t.heading.clone(),
                })
                .collect(),
            title,
            opening,
            this_version: self.ta("digest-this-version", &[("language", this_language.into())]),
            other_versions: self.t("digest-other-versions"),
            untranslated_notice,
            content_lang: content_language.code().into(),
            content_dir: content_language.dir().into(),
            intro: notes.intro.as_deref().map(Text::new),
            attendance: self.attendance(notes),
            facilitated,
            links: notes
                .links
                .iter()
                .map(|l| LinkView {
                    title: l.title.clone(),
                    url: l.url.clone(),
                })
                .collect(),
            recording: notes.recording.as_ref().map(|url| LinkView {
                title: self.t("recording-link"),
                url: url.clone(),
            }),
            topics,
            labels: self.labels(),
        }
    }

    fn labels(&self) -> Labels {
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
        }
    }

    fn section(
        &self,
        notes: &Notes,
        section: &Section,
        anchor: String,
        heading: String,
        level: usize,
    ) -> SectionView {
        let mut details = Vec::new();
        if let Some(session) = &section.session {
            if !session.speakers.is_empty() {
                let names: Vec<String> = session
                    .speakers
                    .iter()
                    .map(|s| self.speaker(notes, s))
                    .collect();
                details.push(Detail {
                    label: self.colon(&self.t("session-speakers")),
                    value: self.loc.and_list(self.lang, &names),
                });
            }
            if let Some(minutes) = session.length_minutes {
                details.push(Detail {
                    label: self.colon(&self.t("session-length")),
                    value: self.ta("session-length-minutes", &[("minutes", minutes.into())]),
                });
            }
            for (id, value) in [
                ("session-format", &session.format),
                ("session-audience", &session.audience),
                ("session-desired-outcome", &session.desired_outcome),
            ] {
                if let Some(v) = value {
                    details.push(Detail {
                        label: self.colon(&self.t(id)),
                        value: v.clone(),
                    });
                }
            }
        }
        let mut prepared_questions = Vec::new();
        if let Some(breakout) = &section.breakout {
            if let Some(count) = &breakout.participants {
                details.push(Detail {
                    label: self.colon(&self.t("breakout-participants-label")),
                    value: self.ta("breakout-participants", &count_args(count)),
                });
            }
            prepared_questions = breakout
                .prepared_questions
                .iter()
                .map(|q| Text::new(q))
                .collect();
        }
        SectionView {
            body: section.body.as_deref().map(Text::new),
            details,
            prepared_questions,
            points: section
                .points
                .iter()
                .map(|p| self.point(notes, p))
                .collect(),
            questions: section
                .questions
                .iter()
                .enumerate()
                .map(|(i, q)| self.question(notes, q, format!("{anchor}-q{}", i + 1)))
                .collect(),
            sections: section
                .sections
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    self.section(
                        notes,
                        s,
                        format!("{anchor}-{}", i + 1),
                        s.title.clone(),
                        (level + 1).min(6),
                    )
                })
                .collect(),
            editor_note: section.editor_note.as_deref().map(Text::new),
            not_discussed: section.not_discussed,
            anchor,
            heading,
            level,
        }
    }

    fn question(&self, notes: &Notes, question: &Question, anchor: String) -> QuestionView {
        let label = match &question.asked_by {
            Some(speaker) => self.ta(
                "question-from",
                &[("speaker", self.speaker(notes, speaker).into())],
            ),
            None => self.t("question-label"),
        };
        QuestionView {
            anchor: question.id.clone().unwrap_or(anchor),
            label: self.colon(&label),
            question: Text::new(&question.question),
            answers: question
                .answers
                .iter()
                .map(|p| self.point(notes, p))
                .collect(),
            editor_note: question.editor_note.as_deref().map(Text::new),
            not_discussed: question.not_discussed,
        }
    }

    fn point(&self, notes: &Notes, point: &Point) -> PointView {
        PointView {
            anchor: point.id.clone(),
            speaker: point
                .speaker
                .as_ref()
                .map(|s| self.colon(&self.speaker(notes, s))),
            text: point.text.as_deref().map(Text::new),
            children: point
                .points
                .iter()
                .chain(&point.replies)
                .map(|p| self.point(notes, p))
                .collect(),
            editor_note: point.editor_note.as_deref().map(Text::new),
            not_discussed: point.not_discussed,
        }
    }
}

/// One digest in an index.
#[derive(Debug, Clone, Serialize)]
pub struct IndexEntry {
    /// Title.
    pub title: String,
    /// Relative link to the HTML page.
    pub href: String,
    /// Relative link to the Markdown file.
    pub href_md: String,
    /// The formatted date.
    pub date: String,
    /// "Held in Spanish".
    pub held: String,
    /// Topic headings.
    pub topics: Vec<String>,
    /// "3 topics".
    pub topic_count: String,
}

/// A series and its digests, newest first.
#[derive(Debug, Clone, Serialize)]
pub struct SeriesGroup {
    /// Series name.
    pub series: String,
    /// Its digests.
    pub digests: Vec<IndexEntry>,
}

/// The index page of one language.
#[derive(Debug, Clone, Serialize)]
pub struct IndexView {
    /// Frame strings.
    pub chrome: Chrome,
    /// Tagline.
    pub tagline: String,
    /// "3 digests".
    pub count: String,
    /// "No digests yet", when there are none.
    pub empty: Option<String>,
    /// Digests by series.
    pub series: Vec<SeriesGroup>,
}

/// One language on the root page.
#[derive(Debug, Clone, Serialize)]
pub struct RootLanguage {
    /// Code.
    pub code: String,
    /// Direction.
    pub dir: String,
    /// Own name.
    pub autonym: String,
    /// Tagline in that language.
    pub tagline: String,
    /// Link to its index.
    pub href: String,
    /// Link to its Markdown index.
    pub href_md: String,
}

/// The root page.
#[derive(Debug, Clone, Serialize)]
pub struct RootView {
    /// Frame strings (in English, the reference language).
    pub chrome: Chrome,
    /// Every language.
    pub languages: Vec<RootLanguage>,
}

impl ViewBuilder<'_> {
    /// The index of `digests` (already sorted newest first) for this language.
    pub fn index(&self, digests: &[Digest], versions: Vec<VersionLink>) -> IndexView {
        let mut series: Vec<SeriesGroup> = Vec::new();
        for digest in digests {
            let notes = &digest.notes;
            let entry = IndexEntry {
                title: self.title(notes),
                href: format!("{}/index.html", digest.slug),
                href_md: format!("{}.md", digest.slug),
                date: self.ta("when-date", &[("date", notes.date.as_str().into())]),
                held: self.ta(
                    "index-held",
                    &[("languages", self.held_in(&notes.held_in).into())],
                ),
                topics: notes.topics.iter().map(|t| t.title.clone()).collect(),
                topic_count: self.ta("index-topic-count", &[("count", notes.topics.len().into())]),
            };
            match series.iter_mut().find(|g| g.series == notes.series) {
                Some(group) => group.digests.push(entry),
                None => series.push(SeriesGroup {
                    series: notes.series.clone(),
                    digests: vec![entry],
                }),
            }
        }
        IndexView {
            chrome: self.chrome(1, versions, "index-language-bar-label"),
            tagline: self.t("site-tagline"),
            count: self.ta("index-digest-count", &[("count", digests.len().into())]),
            empty: digests.is_empty().then(|| self.t("index-empty")),
            series,
        }
    }
}

/// The root page linking every published language's index.
pub fn root_view(loc: &Localizer, languages: &[Language]) -> RootView {
    let english = ViewBuilder::new(loc, Language::En);
    RootView {
        chrome: english.chrome(0, Vec::new(), "index-language-bar-label"),
        languages: languages
            .iter()
            .map(|&lang| RootLanguage {
                code: lang.code().into(),
                dir: lang.dir().into(),
                autonym: loc.text(lang, "language-autonym", &[]),
                tagline: loc.text(lang, "site-tagline", &[]),
                href: format!("{}/index.html", lang.code()),
                href_md: format!("{}/index.md", lang.code()),
            })
            .collect(),
    }
}

/// Links to every language version of a page. `path_in_language` is the page's path below
/// a language folder (e.g. `slug/index.html`), `md_in_language` its Markdown twin, and
/// `depth` how many folders below the site root the page is.
pub fn version_links(
    loc: &Localizer,
    languages: &[Language],
    current: Language,
    depth: usize,
    path_in_language: &str,
    md_in_language: &str,
) -> Vec<VersionLink> {
    let up = "../".repeat(depth);
    languages
        .iter()
        .map(|&lang| VersionLink {
            code: lang.code().into(),
            dir: lang.dir().into(),
            autonym: loc.text(lang, "language-autonym", &[]),
            href: format!("{up}{}/{path_in_language}", lang.code()),
            href_md: format!("{up}{}/{md_in_language}", lang.code()),
            current: lang == current,
        })
        .collect()
}
