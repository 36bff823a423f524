//! View models: everything a template shows, already localized and made safe.
//!
//! Templates only lay out what these structs hold. Plain-text fields are escaped by the
//! template engine (HTML or Markdown escaping, by output); fields ending in `_html` or `_md`
//! hold sanitized markup and are the only ones templates mark `safe`.
//!
//! The shared pieces live here (notes [`Text`], the page [`Chrome`], the [`ViewBuilder`]
//! with its localized basics); the digest page is built in `digest`, the indexes, series
//! and year pages, the root and the 404 page in `lists`.

mod digest;
mod lists;

use serde::Serialize;

use super::markdown;
use crate::config::Config;
use crate::l10n::{Arg, Localizer};
use crate::lang::Language;
use crate::notes::check::approximate_value;
use crate::notes::model::{Count, Gender, Notes, Person, RecordKind, Role, SpeakerRef};
use crate::translate::{Glossary, PageTexts, Provenance, Resolved};

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

/// Where a speaker phrase stands: it begins a point ("A volunteer from Peru: …"), or sits
/// inside a sentence or a list ("Facilitated by … and a volunteer from Peru").
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SpeakerForm {
    /// The message's value.
    Start,
    /// The message's `.inline` attribute.
    Inline,
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
    /// "64 %" or "original" for digest pages, in the page's language (one style for the
    /// whole bar); none on other pages.
    pub status: Option<String>,
    /// Whether this version is the original the others are translated from.
    pub original: bool,
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
    /// The same label with the language's colon and what follows a colon (a space, or
    /// nothing after a full-width colon), where a list of versions follows it.
    pub language_bar_label_colon: String,
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

    /// The names of the call's languages joined as this language lists them ("Spanish and
    /// English"), and how many there are: what `held-in` and the messages using it take as
    /// `$languages` and `$count`.
    pub fn held_in(&self, codes: &[String]) -> (String, usize) {
        let names: Vec<String> = codes
            .iter()
            .filter_map(|c| c.parse::<Language>().ok())
            .map(|l| self.language_name(l))
            .collect();
        (self.loc.and_list(self.lang, &names), names.len())
    }

    /// A whole percentage in this language's CLDR percent format ("51%", "51 %").
    pub fn percent(&self, value: u32) -> String {
        self.loc
            .formatters(self.lang)
            .map_or_else(|| format!("{value}%"), |f| f.percent(value))
    }

    /// What this language writes before and after a text in parentheses: "(" and ")", or
    /// the full-width "（" and "）", from `in-parentheses`.
    pub fn parentheses(&self) -> (String, String) {
        let composed = self.ta("in-parentheses", &[("text", TITLE_SLOT.into())]);
        let (before, after) = composed
            .split_once(TITLE_SLOT)
            .unwrap_or((composed.as_str(), ""));
        (
            before.trim_end_matches('\u{2068}').to_string(),
            after.trim_start_matches('\u{2069}').to_string(),
        )
    }

    /// What separates a parenthesis from the word before it (`in-parentheses.before`): a
    /// space, or nothing before a full-width "（".
    pub fn before_paren(&self) -> String {
        self.loc
            .text_attribute(self.lang, "in-parentheses", "before", &[])
    }

    /// What separates a coloned label from the text after it (`label-colon.after`): a space,
    /// or nothing after a full-width colon.
    pub fn after_colon(&self) -> String {
        self.loc
            .text_attribute(self.lang, "label-colon", "after", &[])
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
            language_bar_label_colon: self.colon(&self.t(bar_label)) + &self.after_colon(),
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

    /// The phrase naming a speaker, e.g. "Quim (WMF)" or "A volunteer from Venezuela"; in
    /// the form for the start of a point or for inside a sentence.
    pub fn speaker(&self, notes: &Notes, speaker: &SpeakerRef, form: SpeakerForm) -> String {
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
        // Names of affiliates, teams and places as the glossary fixes them; a person's name
        // too, for notes that name someone by their job title ("Regional partnerships lead").
        let fixed = |v: &Option<String>| {
            v.as_deref()
                .map(|v| self.glossary.or_same(v, self.lang).to_string())
        };
        add("name", &fixed(&person.name));
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
        match form {
            SpeakerForm::Start => self.ta(id, &args),
            SpeakerForm::Inline => self.loc.text_attribute(self.lang, id, "inline", &args),
        }
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
        Some(self.ta(
            "attendance",
            &[("groups", joined.into()), ("record", record(notes).into())],
        ))
    }
}

/// The kind of record, as messages select on it (`$record`): "call", "interview",
/// "session" or "breakout".
pub(super) fn record(notes: &Notes) -> &'static str {
    match notes.kind {
        RecordKind::Call => "call",
        RecordKind::Interview => "interview",
        RecordKind::Session => "session",
        RecordKind::Breakout => "breakout",
    }
}

pub use digest::{
    Detail, DigestView, Labels, LinkView, Neighbour, PointView, QuestionView, SectionView,
    SeriesLink, TocEntry,
};
pub use lists::{
    IndexEntry, IndexView, NotFoundMessage, NotFoundView, RootLanguage, RootView, SeriesGroup,
    SeriesView, YearLink, not_found_view, root_view, version_links,
};
