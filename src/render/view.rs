//! View models: everything a template shows, already localized and made safe.
//!
//! Templates only lay out what these structs hold. Plain-text fields are escaped by the
//! template engine (HTML or Markdown escaping, by output); fields ending in `_html` or `_md`
//! hold sanitized markup and are the only ones templates mark `safe`.

use serde::Serialize;

use super::markdown;
use crate::config::Config;
use crate::l10n::{Arg, Localizer};
use crate::lang::Language;
use crate::notes::Digest;
use crate::notes::check::approximate_value;
use crate::notes::model::{
    Count, Gender, Notes, Person, Point, Question, RecordKind, Role, Section, SpeakerRef,
};
use crate::translate::{Coverage, Glossary, PageTexts, Provenance, Resolved};

/// Note Markdown in every output form, with the language it is shown in.
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq)]
pub struct Text {
    /// Sanitized HTML; inline (no `<p>`) when `inline` is true.
    pub html: String,
    /// Whether `html` is a single inline paragraph.
    pub inline: bool,
    /// Safe Markdown.
    pub md: String,
    /// Wikitext.
    pub wiki: String,
    /// The plain text (for headings, titles and search).
    pub plain: String,
    /// The language the text is in.
    pub lang: String,
    /// Its direction.
    pub dir: String,
    /// Whether that language differs from the page's, so the text needs its own
    /// `lang`/`dir`.
    pub foreign: bool,
    /// `original`, `translated`, `outdated` or `fallback`.
    pub provenance: Provenance,
    /// For outdated and fallback texts, a short explanation (a tooltip in HTML, a note in
    /// Markdown and wikitext).
    pub mark: Option<String>,
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
    /// Relative link to the HTML page, from the HTML page.
    pub href: String,
    /// Relative link to the Markdown file, from the Markdown file (for the Markdown
    /// templates, as every `href_md`).
    pub href_md: String,
    /// Relative link to the Markdown file, from the HTML page: a folder deeper when the
    /// page is `x/index.html` and its Markdown twin `x.md`.
    pub md_from_html: String,
    /// The HTML page's path from the site root, e.g. `fr/wikimedia-clinic-006/index.html`.
    pub path: String,
    /// The address for `<link rel="alternate">` and the sitemap: absolute under the site's
    /// base URL, else the relative link.
    pub url: String,
    /// Whether this is the page being shown.
    pub current: bool,
    /// "64 %" or "original" for digest pages; none on other pages.
    pub status: Option<String>,
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
    /// The page's title for `og:title` (the `<title>` adds the site's name).
    pub page_title: String,
    /// The page's summary for `<meta name="description">` and `og:description`.
    pub description: String,
    /// The description's language when it is not the page's (an untranslated
    /// introduction).
    pub description_lang: Option<String>,
    /// `article` for digests, `website` for the other pages (`og:type`).
    pub og_type: &'static str,
    /// The page's own address (`rel="canonical"`).
    pub canonical: String,
    /// The same address when it is absolute (`og:url` must be).
    pub og_url: Option<String>,
    /// Where a reader whose language is not published is sent (`hreflang="x-default"`):
    /// the language chooser, or a digest's original version.
    pub x_default: String,
    /// Whether search engines should leave the page out (search and error pages).
    pub noindex: bool,
    /// Link to this language's index (the root page for the root page itself).
    pub home: String,
    /// Link to the root page, which lists every language.
    pub languages_href: String,
    /// "All languages".
    pub all_languages: String,
    /// Link to this language's Atom feed; none without a base URL (feeds need absolute
    /// addresses) or on the root page.
    pub feed: Option<String>,
    /// "Subscribe (Atom feed)".
    pub feed_label: String,
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
    outdated: String,
    series_nav: String,
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
    glossary: &'a Glossary,
    base_url: Option<&'a str>,
    site_title: Option<&'a str>,
}

/// The longest page description, in characters (search engines show about 160).
const DESCRIPTION_CHARS: usize = 160;

/// A character no note contains, standing for a title inside a localized heading so the
/// heading can be split around it.
const TITLE_SLOT: &str = "\u{E000}";

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
    /// A builder for `lang`; names and fixed terms are looked up in `glossary`.
    pub fn new(loc: &'a Localizer, lang: Language, glossary: &'a Glossary) -> Self {
        Self {
            loc,
            lang,
            glossary,
            base_url: None,
            site_title: None,
        }
    }

    /// The same builder with the site's settings: absolute addresses under its base URL
    /// for canonical and alternate links (relative without one), and its title.
    pub fn with_config(self, config: &'a Config) -> Self {
        Self {
            base_url: config.base_url.as_deref(),
            site_title: config.title.as_deref(),
            ..self
        }
    }

    /// The site's name: the configured title, else this language's `site-title`.
    pub fn site_title(&self) -> String {
        self.site_title
            .map_or_else(|| self.t("site-title"), str::to_string)
    }

    /// The address of the page at `path` (from the site root) as seen from a page `depth`
    /// folders deep.
    pub fn address(&self, depth: usize, path: &str) -> String {
        match self.base_url {
            Some(base) => format!("{base}{path}"),
            None => format!("{}{path}", "../".repeat(depth)),
        }
    }

    /// The text at `path` in the notes, resolved for this page: translated, outdated or
    /// fallen back, with its language.
    pub fn text(&self, texts: &PageTexts, path: &str, source: &str) -> Text {
        self.text_from(texts.get(path, source))
    }

    /// A plain-text field (a title, a session detail) at `path`, resolved like
    /// [`Self::text`]: shown as typed, so `*` or `<b>` in it is text, not markup, in the
    /// notes and in translations alike.
    pub fn plain(&self, texts: &PageTexts, path: &str, source: &str) -> Text {
        let mut resolved = texts.get(path, source);
        resolved.text = markdown::escape(&resolved.text);
        self.text_from(resolved)
    }

    /// A resolved text in every output form.
    fn text_from(&self, resolved: Resolved) -> Text {
        let forms = markdown::forms(&resolved.text);
        let mark = match resolved.provenance {
            Provenance::Outdated => Some(self.t("outdated-mark-title")),
            // Named only here: formatting it for every text cost a Fluent call each.
            Provenance::Fallback => {
                let language_name = self.language_name(resolved.language);
                Some(self.ta("fallback-mark", &[("language", language_name.into())]))
            }
            _ => None,
        };
        Text {
            html: forms.html,
            inline: forms.inline,
            md: forms.md,
            wiki: forms.wiki,
            plain: forms.plain,
            lang: resolved.language.code().into(),
            dir: resolved.language.dir().into(),
            foreign: resolved.language != self.lang,
            provenance: resolved.provenance,
            mark,
        }
    }

    /// A heading message with a title inside: split into the text before the title, the
    /// title, and the text after it, so the title can carry its own language.
    fn heading_parts(
        &self,
        id: &str,
        args: &[(&str, Arg)],
        title: Text,
    ) -> (String, Text, String, String) {
        let mut all: Vec<(&str, Arg)> = args.to_vec();
        all.push(("title", TITLE_SLOT.into()));
        let composed = self.ta(id, &all);
        let (before, after) = composed
            .split_once(TITLE_SLOT)
            .unwrap_or((composed.as_str(), ""));
        // Fluent isolates placeables for right-to-left languages; the marks belong to the slot.
        let before = before.trim_end_matches('\u{2068}').to_string();
        let after = after.trim_start_matches('\u{2069}').to_string();
        let plain = format!("{before}{}{after}", title.plain);
        (before, title, after, plain)
    }

    fn t(&self, id: &str) -> String {
        self.loc.text(self.lang, id, &[])
    }

    fn ta(&self, id: &str, args: &[(&str, Arg)]) -> String {
        self.loc.text(self.lang, id, args)
    }

    /// The language the builder writes pages in.
    pub fn language(&self) -> Language {
        self.lang
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

    /// The page frame for a page at `depth` folders below the site root. `versions` are its
    /// language versions; the current one gives the page's own address. Views that know
    /// better set the title, description and `x_default` afterwards.
    pub fn chrome(&self, depth: usize, mut versions: Vec<VersionLink>, bar_label: &str) -> Chrome {
        for version in &mut versions {
            version.url = self.address(depth, &version.path);
        }
        let path = versions
            .iter()
            .find(|v| v.current)
            .map_or_else(|| "index.html".to_string(), |v| v.path.clone());
        let has_language = !versions.is_empty();
        let root = "../".repeat(depth);
        Chrome {
            lang: self.lang.code().into(),
            dir: self.lang.dir().into(),
            site_title: self.site_title(),
            skip_to_content: self.t("skip-to-content"),
            nav_all_digests: self.t("nav-all-digests"),
            language_bar_label: self.t(bar_label),
            footer: self.t("footer-generated"),
            search_label: self.t("search-label"),
            search_placeholder: self.t("search-placeholder"),
            versions,
            page_title: self.site_title(),
            description: self.t("site-tagline"),
            description_lang: None,
            og_type: "website",
            canonical: self.address(depth, &path),
            og_url: self.base_url.map(|base| format!("{base}{path}")),
            x_default: self.address(depth, "index.html"),
            noindex: false,
            home: if has_language {
                format!("{root}{}/index.html", self.lang.code())
            } else {
                format!("{root}index.html")
            },
            languages_href: format!("{root}index.html"),
            all_languages: self.t("nav-all-languages"),
            feed: (has_language && self.base_url.is_some())
                .then(|| format!("{root}{}/feed.xml", self.lang.code())),
            feed_label: self.t("feed-link"),
            root,
        }
    }

    /// The series name in this language (from the glossary when it has one).
    pub fn series(&self, notes: &Notes) -> String {
        self.glossary.or_same(&notes.series, self.lang).to_string()
    }

    /// The title of a call: its own (translated), or "<series> #<number>".
    pub fn title(&self, notes: &Notes, texts: &PageTexts) -> Text {
        match (&notes.title, &notes.number) {
            (Some(title), _) => self.plain(texts, "title", title),
            (None, number) => {
                let composed = match number {
                    Some(number) => self.ta(
                        "digest-default-title",
                        &[
                            ("series", self.series(notes).into()),
                            ("number", number.as_str().into()),
                        ],
                    ),
                    None => self.series(notes),
                };
                self.text_from(Resolved {
                    text: markdown::escape(&composed),
                    language: self.lang,
                    provenance: Provenance::Translated,
                })
            }
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
        // Names of affiliates, teams and places as the glossary fixes them.
        let fixed = |v: &Option<String>| {
            v.as_deref()
                .map(|v| self.glossary.or_same(v, self.lang).to_string())
        };
        add("affiliation", &fixed(&person.affiliation));
        add("team", &fixed(&person.team));
        add("from", &fixed(&person.from));
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
        let held = self.held_in(&notes.held_in);
        let opening = self.ta(
            "digest-opening",
            &[
                ("kind", kind.into()),
                ("title", title.as_str().into()),
                ("when", when.into()),
                ("languages", held.as_str().into()),
            ],
        );
        let this_language = self.language_name(self.lang);
        let source = notes.written_in.parse::<Language>().unwrap_or(Language::En);
        let version_notice = if source == self.lang {
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
                    ("held", held.into()),
                    ("percent", coverage.percent.into()),
                ],
            )
        };
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
            .collect();
        let intro = notes.intro.as_deref().map(|t| self.text(texts, "intro", t));
        let links: Vec<LinkView> = notes
            .links
            .iter()
            .enumerate()
            .map(|(i, l)| LinkView {
                title: self.plain(texts, &format!("links.{i}.title"), &l.title),
                url: l.url.clone(),
            })
            .collect();
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
        tally(&title_text);
        intro.iter().for_each(&mut tally);
        links.iter().for_each(|l| tally(&l.title));
        topics.iter().for_each(|t| t.visit_texts(&mut tally));
        let fallback_notice = (!fallback_languages.is_empty()).then(|| {
            let names: Vec<String> = fallback_languages
                .iter()
                .map(|&l| self.language_name(l))
                .collect();
            self.ta(
                "version-fallback",
                &[("languages", self.loc.and_list(self.lang, &names).into())],
            )
        });
        let outdated_notice =
            (outdated > 0).then(|| self.ta("version-outdated", &[("count", outdated.into())]));
        let source = notes.written_in.parse::<Language>().ok();
        let mut chrome = self.chrome(2, versions, "language-bar-label");
        chrome.page_title = title.clone();
        chrome.og_type = "article";
        let (summary, foreign) = match &intro {
            Some(intro) => (&intro.plain, intro.foreign.then(|| intro.lang.clone())),
            None => (&opening, None),
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
            percent: coverage.percent,
            fallback_notice,
            outdated_notice,
            other_versions: self.t("digest-other-versions"),
            intro,
            attendance: self.attendance(notes),
            facilitated,
            links,
            recording: notes.recording.as_ref().map(|url| LinkView {
                title: self.text_from(Resolved {
                    text: markdown::escape(&self.t("recording-link")),
                    language: self.lang,
                    provenance: Provenance::Translated,
                }),
                url: url.clone(),
            }),
            topics,
            labels: self.labels(),
        }
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
                    .map(|s| self.speaker(notes, s))
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
                &[("speaker", self.speaker(notes, speaker).into())],
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
        PointView {
            anchor: point.id.clone(),
            speaker: point
                .speaker
                .as_ref()
                .map(|s| self.colon(&self.speaker(notes, s))),
            text: point
                .text
                .as_deref()
                .map(|t| self.text(texts, &format!("{path}.text"), t)),
            children: sub
                .chain(replies)
                .map(|(child_path, p)| self.point(notes, texts, p, &child_path))
                .collect(),
            editor_note: point
                .editor_note
                .as_deref()
                .map(|n| self.text(texts, &format!("{path}.editor_note"), n)),
            not_discussed: point.not_discussed,
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

/// One digest in an index.
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq)]
pub struct IndexEntry {
    /// Title.
    pub title: Text,
    /// Relative link to the HTML page.
    pub href: String,
    /// Relative link to the Markdown file.
    pub href_md: String,
    /// The formatted date.
    pub date: String,
    /// "Held in Spanish".
    pub held: String,
    /// Topic titles.
    pub topics: Vec<Text>,
    /// "Translation 64% complete", for translated versions.
    pub status: Option<String>,
    /// "3 topics".
    pub topic_count: String,
}

/// A series and its digests, newest first.
#[derive(Debug, Clone, Serialize)]
pub struct SeriesGroup {
    /// Series name.
    pub series: String,
    /// Relative link to the series page.
    pub href: String,
    /// Relative link to its Markdown file.
    pub href_md: String,
    /// Its newest digests.
    pub digests: Vec<IndexEntry>,
    /// "All 2,384 digests of Wikimedia Clinics", linking to the series page, when the
    /// series has more digests than the index shows.
    pub all: Option<String>,
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
    /// "Choose your language": the heading (the header already names the site).
    pub choose: String,
    /// Every language.
    pub languages: Vec<RootLanguage>,
}

impl ViewBuilder<'_> {
    /// The index of this language: `groups` are the series, each with its entries (as
    /// [`ViewBuilder::entry`] makes them), newest first; `count` is the number of digests.
    pub fn index(
        &self,
        groups: Vec<SeriesGroup>,
        count: usize,
        versions: Vec<VersionLink>,
    ) -> IndexView {
        let mut chrome = self.chrome(1, versions, "index-language-bar-label");
        chrome.description = self.t("site-tagline");
        IndexView {
            chrome,
            tagline: self.t("site-tagline"),
            count: self.ta("index-digest-count", &[("count", count.into())]),
            empty: (count == 0).then(|| self.t("index-empty")),
            series: groups,
        }
    }

    /// The group of the series `name` (folder `slug`) on the index: `entries` are its
    /// newest calls, as [`ViewBuilder::entry`] makes them, of `total`; when there are more,
    /// the group links to the series page for all of them.
    pub fn series_group(
        &self,
        name: &str,
        slug: &str,
        entries: Vec<IndexEntry>,
        total: usize,
    ) -> SeriesGroup {
        SeriesGroup {
            all: (total > entries.len()).then(|| {
                self.ta(
                    "index-series-all",
                    &[("series", name.into()), ("count", total.into())],
                )
            }),
            series: name.to_string(),
            href: format!("series/{slug}/index.html"),
            href_md: format!("series/{slug}.md"),
            digests: entries,
        }
    }

    /// The page of the series `name` (folder `slug`): `entries` are its newest calls (all
    /// of them when it has no year pages), as [`ViewBuilder::entry`] makes them, of
    /// `total`; `years` its year pages, newest first, with how many calls each has (empty
    /// when it has none).
    pub fn series_page(
        &self,
        name: &str,
        slug: &str,
        entries: Vec<IndexEntry>,
        total: usize,
        years: &[(&str, usize)],
        versions: Vec<VersionLink>,
    ) -> SeriesView {
        let mut chrome = self.chrome(3, versions, "series-language-bar-label");
        chrome.page_title = name.to_string();
        chrome.description = self.ta(
            "series-description",
            &[("series", name.into()), ("count", total.into())],
        );
        SeriesView {
            chrome,
            title: name.to_string(),
            count: self.ta("index-digest-count", &[("count", total.into())]),
            back: self.t("nav-all-digests"),
            back_href: "../../index.html".into(),
            back_href_md: "../index.md".into(),
            digests: entries
                .into_iter()
                .map(|entry| entry.below("../../", "../"))
                .collect(),
            years: self.year_links(years, None, ("", &format!("{slug}/"))),
            years_label: self.t("series-years-label"),
            series: name.to_string(),
        }
    }

    /// The page of the calls of the series `name` (folder `slug`) in `year`: `entries` are
    /// all of them, newest first, as [`ViewBuilder::entry`] makes them; `years` every year
    /// page of the series, as for [`ViewBuilder::series_page`].
    pub fn year_page(
        &self,
        name: &str,
        slug: &str,
        year: &str,
        entries: Vec<IndexEntry>,
        years: &[(&str, usize)],
        versions: Vec<VersionLink>,
    ) -> SeriesView {
        let title = self.ta(
            "series-year-title",
            &[("series", name.into()), ("year", year.into())],
        );
        let mut chrome = self.chrome(4, versions, "series-language-bar-label");
        chrome.page_title = title.clone();
        chrome.description = self.ta(
            "series-description",
            &[
                ("series", title.as_str().into()),
                ("count", entries.len().into()),
            ],
        );
        SeriesView {
            chrome,
            title,
            count: self.ta("index-digest-count", &[("count", entries.len().into())]),
            back: self.ta("series-all-calls", &[("series", name.into())]),
            back_href: "../index.html".into(),
            back_href_md: format!("../{slug}.md"),
            digests: entries
                .into_iter()
                .map(|entry| entry.below("../../../", "../../"))
                .collect(),
            years: self.year_links(years, Some(year), ("../", "")),
            years_label: self.t("series-years-label"),
            series: name.to_string(),
        }
    }

    /// The links to a series' year pages from its series page (`current` none) or from the
    /// page of year `current`, with `prefix` (HTML, Markdown) before the year.
    fn year_links(
        &self,
        years: &[(&str, usize)],
        current: Option<&str>,
        prefix: (&str, &str),
    ) -> Vec<YearLink> {
        years
            .iter()
            .map(|&(year, count)| YearLink {
                label: self.ta(
                    "series-year-link",
                    &[("year", year.into()), ("count", count.into())],
                ),
                count: self.ta("index-digest-count", &[("count", count.into())]),
                href: format!("{}{year}/index.html", prefix.0),
                href_md: format!("{}{year}.md", prefix.1),
                current: current == Some(year),
            })
            .collect()
    }

    /// One digest in a list, with links relative to the language's folder; `texts` are its
    /// texts in this language and `coverage` its translation counts.
    pub fn entry(&self, digest: &Digest, texts: &PageTexts, coverage: Coverage) -> IndexEntry {
        let notes = &digest.notes;
        let source = notes.written_in.parse::<Language>().unwrap_or(Language::En);
        IndexEntry {
            title: self.title(notes, texts),
            href: format!("{}/index.html", digest.slug),
            href_md: format!("{}.md", digest.slug),
            date: self.ta("when-date", &[("date", notes.date.as_str().into())]),
            held: self.ta(
                "index-held",
                &[("languages", self.held_in(&notes.held_in).into())],
            ),
            topics: notes
                .topics
                .iter()
                .enumerate()
                .map(|(i, t)| self.text(texts, &format!("topics.{i}.title"), &t.title))
                .collect(),
            topic_count: self.ta("index-topic-count", &[("count", notes.topics.len().into())]),
            status: (source != self.lang).then(|| {
                self.ta(
                    "index-translation-status",
                    &[("percent", coverage.percent.into())],
                )
            }),
        }
    }

    /// A link from a digest page to the call `slug` with `title` and `date` (as in its
    /// [`ViewBuilder::entry`]), the call before (`previous`) or after it in its series.
    pub fn neighbour(&self, title: &Text, date: &str, slug: &str, previous: bool) -> Neighbour {
        Neighbour {
            label: self.t(if previous {
                "series-previous"
            } else {
                "series-next"
            }),
            title: title.clone(),
            date: date.to_string(),
            href: format!("../{slug}/index.html"),
            href_md: format!("{slug}.md"),
        }
    }
}

impl IndexEntry {
    /// The entry as linked from a page `prefix` (HTML) and `prefix_md` (Markdown) above the
    /// language's folder.
    pub fn below(mut self, prefix: &str, prefix_md: &str) -> Self {
        self.href = format!("{prefix}{}", self.href);
        self.href_md = format!("{prefix_md}{}", self.href_md);
        self
    }
}

/// The page of one series in one language, or of its calls in one year.
#[derive(Debug, Clone, Serialize)]
pub struct SeriesView {
    /// Frame strings.
    pub chrome: Chrome,
    /// The series name.
    pub series: String,
    /// The page's heading: the series name, or "Wikimedia Clinics, 2024" on a year page.
    pub title: String,
    /// "3 digests".
    pub count: String,
    /// "All digests".
    pub back: String,
    /// Link to the language's index.
    pub back_href: String,
    /// Link to its Markdown file.
    pub back_href_md: String,
    /// The calls the page lists, newest first.
    pub digests: Vec<IndexEntry>,
    /// The series' year pages, newest first; empty when the series page lists every call.
    pub years: Vec<YearLink>,
    /// "Digests by year", the label of their navigation.
    pub years_label: String,
}

/// A link to the page of one year of a series.
#[derive(Debug, Clone, Serialize)]
pub struct YearLink {
    /// "2024 (52)".
    pub label: String,
    /// "52 digests".
    pub count: String,
    /// Relative link to the HTML page.
    pub href: String,
    /// Relative link to the Markdown file.
    pub href_md: String,
    /// Whether this is the year being shown.
    pub current: bool,
}

/// The root page linking every published language's index.
pub fn root_view(loc: &Localizer, config: &Config) -> RootView {
    let languages = &config.languages;
    let glossary = Glossary::default();
    let english = ViewBuilder::new(loc, Language::En, &glossary).with_config(config);
    let mut chrome = english.chrome(0, Vec::new(), "index-language-bar-label");
    // The root page speaks every language, so its description does too.
    chrome.description = languages
        .iter()
        .map(|&lang| loc.text(lang, "site-tagline", &[]))
        .collect::<Vec<_>>()
        .join(" · ");
    RootView {
        chrome,
        choose: loc.text(Language::En, "root-choose-language", &[]),
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

/// The page shown for a missing address: one message per language, since the reader's
/// language is unknown. Static hosts serve it at any depth, so its links start from the
/// site's base URL, or from `/`.
#[derive(Debug, Clone, Serialize)]
pub struct NotFoundView {
    /// Frame strings (in English), with absolute links.
    pub chrome: Chrome,
    /// The message in every published language.
    pub messages: Vec<NotFoundMessage>,
}

/// The error page's message in one language.
#[derive(Debug, Clone, Serialize)]
pub struct NotFoundMessage {
    /// Language code.
    pub code: String,
    /// Direction.
    pub dir: String,
    /// "Page not found".
    pub title: String,
    /// What may have happened.
    pub text: String,
    /// "All digests", linking to the language's index.
    pub link: String,
    /// The index's address.
    pub href: String,
}

/// The error page for missing addresses.
pub fn not_found_view(loc: &Localizer, config: &Config) -> NotFoundView {
    let languages = &config.languages;
    let glossary = Glossary::default();
    let english = ViewBuilder::new(loc, Language::En, &glossary).with_config(config);
    let root = config.base_url.as_deref().unwrap_or("/").to_string();
    let mut chrome = english.chrome(0, Vec::new(), "index-language-bar-label");
    chrome.page_title = loc.text(Language::En, "not-found-title", &[]);
    chrome.noindex = true;
    chrome.home = format!("{root}index.html");
    chrome.languages_href = format!("{root}index.html");
    chrome.root = root.clone();
    NotFoundView {
        chrome,
        messages: languages
            .iter()
            .map(|&lang| NotFoundMessage {
                code: lang.code().into(),
                dir: lang.dir().into(),
                title: loc.text(lang, "not-found-title", &[]),
                text: loc.text(lang, "not-found-text", &[]),
                link: loc.text(lang, "nav-all-digests", &[]),
                href: format!("{root}{}/index.html", lang.code()),
            })
            .collect(),
    }
}

/// Links to every language version of a page. `path_in_language` is the page's path below
/// a language folder (e.g. `slug/index.html`), `md_in_language` its Markdown twin (e.g.
/// `slug.md`), and `depth` how many folders below the site root the HTML page is.
pub fn version_links(
    loc: &Localizer,
    languages: &[Language],
    current: Language,
    depth: usize,
    path_in_language: &str,
    md_in_language: &str,
) -> Vec<VersionLink> {
    let up = "../".repeat(depth);
    // The Markdown file sits as deep as its own path says: `x/index.html` has `x.md`, a
    // folder higher.
    let up_md = "../".repeat(1 + md_in_language.matches('/').count());
    languages
        .iter()
        .map(|&lang| VersionLink {
            code: lang.code().into(),
            dir: lang.dir().into(),
            autonym: loc.text(lang, "language-autonym", &[]),
            href: format!("{up}{}/{path_in_language}", lang.code()),
            href_md: format!("{up_md}{}/{md_in_language}", lang.code()),
            md_from_html: format!("{up}{}/{md_in_language}", lang.code()),
            path: format!("{}/{path_in_language}", lang.code()),
            url: format!("{up}{}/{path_in_language}", lang.code()),
            current: lang == current,
            status: None,
        })
        .collect()
}
