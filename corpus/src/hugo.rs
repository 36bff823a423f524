//! The same corpus as a Hugo multilingual site, to time Hugo on the same input.
//!
//! Written for the Hugo in Debian 12 (0.111): one content folder per language
//! (`content/<lang>/<series>/<slug>.md`; the same path in two languages makes them
//! translations of each other), one section per series (its list page is the series page,
//! and `PrevInSection`/`NextInSection` give the series' previous and next call, and lists
//! its newest 50), a page in HTML and in Markdown (a custom output format), a page per year
//! of a series of more than 50 calls (a term `<series>-<year>` of a `years` taxonomy), a home
//! page per language listing the newest 10 calls of each series with an RSS feed of the
//! latest 50 (as heptaglot's Atom feed) and a JSON search index, Hugo's multilingual sitemap, and a base layout with a language switcher and
//! `hreflang` alternates. Page bodies are Markdown made here from the same notes and
//! translation files heptaglot reads: the translated text where there is one, else the
//! source text, so the pages carry the same words as heptaglot's.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::{BASE_URL, CorpusError, Generated, write_file};
use heptaglot::l10n::Localizer;
use heptaglot::lang::Language;
use heptaglot::notes::model::{Notes, Point, Question, Section, SpeakerRef};
use heptaglot::notes::yaml::scalar;
use heptaglot::translate::units;

/// The labels the Hugo templates show, taken from heptaglot's own Fluent bundles so both
/// sites say the same words: (Hugo parameter, Fluent message).
const LABELS: [(&str, &str); 9] = [
    ("sitetitle", "site-title"),
    ("alldigests", "nav-all-digests"),
    ("languagebar", "language-bar-label"),
    ("previous", "series-previous"),
    ("next", "series-next"),
    ("question", "question-label"),
    ("answer", "answer-label"),
    ("editornote", "editor-note-label"),
    ("links", "links-heading"),
];

const BASEOF: &str = r#"<!DOCTYPE html>
<html lang="{{ .Site.LanguageCode }}" dir="{{ .Site.Params.dir }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ .Site.Params.sitetitle }}</title>
<link rel="canonical" href="{{ .Permalink }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Site.LanguageCode }}" href="{{ .Permalink }}">
{{ end }}{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .Permalink }}">
{{ end }}<link rel="stylesheet" href="/style.css">
</head>
<body>
<header><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Params.sitetitle }}</a>
<nav aria-label="{{ .Site.Params.languagebar }}"><ul>
{{ range .AllTranslations }}<li><a href="{{ .RelPermalink }}" hreflang="{{ .Site.LanguageCode }}" lang="{{ .Site.LanguageCode }}"{{ if eq .Lang $.Lang }} aria-current="page"{{ end }}>{{ .Language.LanguageName }}</a></li>
{{ end }}</ul></nav>
</header>
<main id="content">
{{ block "main" . }}{{ end }}
</main>
<footer><a href="{{ .Site.Home.RelPermalink }}index.xml">RSS</a></footer>
</body>
</html>
"#;

const SINGLE: &str = r#"{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006-01-02" }}</time> · <a href="{{ .CurrentSection.RelPermalink }}">{{ .Params.series }}</a> · {{ .Params.kind }}</p>
{{ .Content }}
</article>
<nav class="series">
{{ with .NextInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ $.Site.Params.previous }}: {{ .Title }}</a>{{ end }}
{{ with .PrevInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ $.Site.Params.next }}: {{ .Title }}</a>{{ end }}
</nav>
{{ end }}
"#;

const SINGLE_MD: &str = r#"# {{ .Title }}

{{ .Date.Format "2006-01-02" }} · {{ .Params.series }}

{{ .RawContent }}
"#;

/// A series page: its newest 50 calls, then its year pages when it has more (as
/// heptaglot's).
const LIST: &str = r#"{{ define "main" }}<h1>{{ .Title }}</h1>
<ol class="digests">
{{ range first 50 .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006-01-02" }}</time></li>
{{ end }}</ol>
{{ partial "years.html" . }}
{{ end }}
"#;

/// A year page of a series: a term of the `years` taxonomy, `<series>-<year>`, which every
/// call of the series in that year has.
const TERM: &str = r#"{{ define "main" }}<h1>{{ .Title }}</h1>
<p><a href="{{ relLangURL .Params.section }}">{{ .Params.back }}</a></p>
<ol class="digests">
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006-01-02" }}</time></li>
{{ end }}</ol>
{{ partial "years.html" . }}
{{ end }}
"#;

/// The links to a series' year pages, from its section page or one of its year pages.
const YEARS: &str = r#"{{ with .Params.years }}<nav class="series-years"><ul>
{{ range . }}<li><a href="{{ relLangURL (printf "years/%s/" .term) }}"{{ if eq .term $.Data.Term }} aria-current="page"{{ end }}>{{ .label }}</a></li>
{{ end }}</ul></nav>{{ end }}
"#;

/// The home page of a language: each series with its newest 10 calls and, when it has
/// more, a link to all of them (as heptaglot's index).
const HOME: &str = r#"{{ define "main" }}<h1>{{ .Site.Params.alldigests }}</h1>
{{ range .Sections }}<section class="series">
<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<ol class="digests">
{{ range first 10 .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006-01-02" }}</time></li>
{{ end }}</ol>
{{ if gt (len .Pages) 10 }}<p class="more"><a href="{{ .RelPermalink }}">{{ .Params.all }}</a></p>{{ end }}
</section>
{{ end }}
{{ end }}
"#;

/// How many newest calls of each series the home page lists (heptaglot's `INDEX_LATEST`).
const HOME_LATEST: usize = 10;
/// How many newest calls a series page lists before its year pages (`SERIES_LATEST`).
const SECTION_LATEST: usize = 50;

const SEARCH: &str = r#"{{- $docs := slice -}}
{{- range .Site.RegularPages -}}
{{- $docs = $docs | append (dict "url" .RelPermalink "title" .Title "text" .Plain) -}}
{{- end -}}
{{- $docs | jsonify -}}
"#;

const NOT_FOUND: &str = r#"{{ define "main" }}<h1>404</h1>{{ end }}
"#;

/// The Hugo site being written.
pub struct Site {
    dir: PathBuf,
    localizer: Localizer,
    labels: BTreeMap<Language, Vec<(&'static str, String)>>,
    /// Series slug → name.
    series: BTreeMap<String, String>,
    /// Series slug → year → how many calls.
    years: BTreeMap<String, BTreeMap<String, usize>>,
    files: usize,
}

impl Site {
    /// Starts a Hugo site in `dir` (already prepared), with labels from the Fluent bundles
    /// in `locales`.
    pub fn start(dir: &Path, locales: &Path) -> Result<Self, CorpusError> {
        let (localizer, problems) = Localizer::load(locales, Path::new("."));
        if let Some(problem) = problems.iter().find(|p| p.is_error()) {
            return Err(CorpusError(format!(
                "the locales in {} have errors ({}: {}); run `heptaglot check` there",
                locales.display(),
                problem.file.display(),
                problem.message
            )));
        }
        let labels = Language::ALL
            .into_iter()
            .map(|language| {
                let list = LABELS
                    .iter()
                    .map(|&(param, id)| (param, localizer.text(language, id, &[])))
                    .collect();
                (language, list)
            })
            .collect();
        Ok(Self {
            dir: dir.to_path_buf(),
            localizer,
            labels,
            series: BTreeMap::new(),
            years: BTreeMap::new(),
            files: 0,
        })
    }

    fn write(&mut self, relative: &str, text: &str) -> Result<(), CorpusError> {
        self.files += 1;
        write_file(&self.dir.join(relative), text)
    }

    /// Adds one digest in all seven languages.
    pub fn add(&mut self, generated: &Generated) -> Result<(), CorpusError> {
        let notes = &generated.digest.notes;
        let series_slug = notes.series_slug();
        self.series
            .entry(series_slug.clone())
            .or_insert_with(|| notes.series.clone());
        let year = year_of(&notes.date);
        *self
            .years
            .entry(series_slug.clone())
            .or_default()
            .entry(year.to_string())
            .or_default() += 1;
        let units = units::extract(notes);
        let source: Language = notes.written_in.parse().unwrap_or(Language::En);
        for language in Language::ALL {
            // The text of each unit in this language, by its path in the notes.
            let mut texts: HashMap<&str, &str> = HashMap::new();
            if let Some(file) = generated.translations.get(&language)
                && language != source
            {
                for (unit, entry) in units.list.iter().zip(&file.units) {
                    if let Some(text) = entry.text() {
                        texts.insert(unit.path.as_str(), text);
                    }
                }
            }
            let page = Page {
                notes,
                texts: &texts,
                labels: &self.labels[&language],
            };
            let text = page.document(&generated.digest.slug, &format!("{series_slug}-{year}"));
            let path = format!(
                "content/{}/{series_slug}/{}.md",
                language.code(),
                generated.digest.slug
            );
            self.write(&path, &text)?;
        }
        Ok(())
    }

    /// Writes the configuration, layouts and list pages; returns how many files the Hugo
    /// site has.
    pub fn finish(mut self) -> Result<usize, CorpusError> {
        let mut config = format!(
            "# Generated by `heptaglot corpus --hugo`: the same corpus as a Hugo site.\n\
             baseURL = \"{BASE_URL}\"\n\
             defaultContentLanguage = \"en\"\n\
             defaultContentLanguageInSubdir = true\n\
             disableKinds = [\"taxonomy\"]\n\
             # Only the list of every term goes; the terms (year pages) stay. Hugo warns\n\
             # that `taxonomy` meant the terms before 0.73.\n\
             ignoreErrors = [\"error-disable-taxonomy\"]\n\
             enableRobotsTXT = false\n\n\
             [taxonomies]\n  year = \"years\"\n\n\
             [services.rss]\n  limit = 50\n\n\
             [mediaTypes.\"text/markdown\"]\n  suffixes = [\"md\"]\n\n\
             [outputFormats.markdown]\n  mediaType = \"text/markdown\"\n  baseName = \"index\"\n  isPlainText = true\n\n\
             [outputFormats.searchindex]\n  mediaType = \"application/json\"\n  baseName = \"search-index\"\n  isPlainText = true\n  notAlternative = true\n\n\
             [outputs]\n  home = [\"HTML\", \"RSS\", \"searchindex\"]\n  section = [\"HTML\"]\n  term = [\"HTML\"]\n  page = [\"HTML\", \"markdown\"]\n\n"
        );
        for (weight, language) in Language::ALL.into_iter().enumerate() {
            let code = language.code();
            let _ = write!(
                config,
                "[languages.{code}]\n  languageCode = \"{code}\"\n  languageName = {}\n  contentDir = \"content/{code}\"\n  weight = {}\n  title = {}\n  [languages.{code}.params]\n    dir = \"{}\"\n",
                toml_string(&self.label(language, "autonym")),
                weight + 1,
                toml_string(&self.label(language, "sitetitle")),
                language.dir(),
            );
            for (param, text) in &self.labels[&language] {
                let _ = writeln!(config, "    {param} = {}", toml_string(text));
            }
            config.push('\n');
        }
        self.write("hugo.toml", &config)?;
        for (path, text) in [
            ("layouts/_default/baseof.html", BASEOF),
            ("layouts/_default/single.html", SINGLE),
            ("layouts/_default/single.markdown.md", SINGLE_MD),
            ("layouts/_default/list.html", LIST),
            ("layouts/_default/term.html", TERM),
            ("layouts/partials/years.html", YEARS),
            ("layouts/index.html", HOME),
            ("layouts/index.searchindex.json", SEARCH),
            ("layouts/404.html", NOT_FOUND),
        ] {
            self.write(path, text)?;
        }
        let series: Vec<(String, String)> = self.series.clone().into_iter().collect();
        for language in Language::ALL {
            let title = self.label(language, "sitetitle");
            self.write(
                &format!("content/{}/_index.md", language.code()),
                &format!("---\ntitle: {}\n---\n", scalar(&title, 0)),
            )?;
            for (slug, name) in &series {
                self.series_pages(language, slug, name)?;
            }
        }
        Ok(self.files)
    }

    /// Writes the section page of the series `slug` in `language`, with the link text the
    /// home page shows below it, and the term pages of its years: listed from the section
    /// page when the series has more calls than it shows, else not rendered.
    fn series_pages(
        &mut self,
        language: Language,
        slug: &str,
        name: &str,
    ) -> Result<(), CorpusError> {
        let code = language.code();
        let years = self.years.get(slug).cloned().unwrap_or_default();
        let total: usize = years.values().sum();
        let paged = total > SECTION_LATEST;
        let text = |id: &str, args: &[(&str, heptaglot::l10n::Arg)]| {
            scalar(&self.localizer.text(language, id, args), 4)
        };
        // Newest first, as the pages list them.
        let mut links = String::new();
        if paged {
            links.push_str("years:\n");
            for (year, count) in years.iter().rev() {
                let label = text(
                    "series-year-link",
                    &[("year", year.as_str().into()), ("count", (*count).into())],
                );
                let _ = write!(links, "  - term: {slug}-{year}\n    label: {label}\n");
            }
        }
        let all = text(
            "index-series-all",
            &[("series", name.into()), ("count", total.into())],
        );
        let more = if total > HOME_LATEST {
            format!("all: {all}\n")
        } else {
            String::new()
        };
        let mut files = vec![(
            format!("content/{code}/{slug}/_index.md"),
            format!("---\ntitle: {}\n{more}{links}---\n", scalar(name, 0)),
        )];
        let back = text("series-all-calls", &[("series", name.into())]);
        for year in years.keys() {
            let title = text(
                "series-year-title",
                &[("series", name.into()), ("year", year.as_str().into())],
            );
            // A short series lists every call on its page: its years get no page.
            let build = if paged {
                ""
            } else {
                "_build:\n  render: never\n  list: never\n"
            };
            files.push((
                format!("content/{code}/years/{slug}-{year}/_index.md"),
                format!("---\ntitle: {title}\nsection: {slug}/\nback: {back}\n{build}{links}---\n"),
            ));
        }
        for (path, text) in files {
            self.write(&path, &text)?;
        }
        Ok(())
    }

    fn label(&self, language: Language, param: &str) -> String {
        if param == "autonym" {
            return match language {
                Language::En => "English",
                Language::Es => "Español",
                Language::Fr => "Français",
                Language::Ar => "العربية",
                Language::ZhHans => "中文",
                Language::De => "Deutsch",
                Language::Ru => "Русский",
            }
            .to_string();
        }
        self.labels[&language]
            .iter()
            .find(|(p, _)| *p == param)
            .map(|(_, t)| t.clone())
            .unwrap_or_default()
    }
}

/// The year of a `YYYY-MM-DD` date.
fn year_of(date: &str) -> &str {
    date.split_once('-').map_or(date, |(year, _)| year)
}

fn toml_string(text: &str) -> String {
    // A JSON string is a valid TOML basic string.
    serde_json::Value::String(text.to_string()).to_string()
}

/// One digest's page in one language, as Markdown with YAML front matter.
struct Page<'a> {
    notes: &'a Notes,
    texts: &'a HashMap<&'a str, &'a str>,
    labels: &'a [(&'static str, String)],
}

impl Page<'_> {
    fn text<'t>(&'t self, path: &str, source: &'t str) -> &'t str {
        self.texts.get(path).copied().unwrap_or(source)
    }

    fn label(&self, param: &str) -> &str {
        self.labels
            .iter()
            .find(|(p, _)| *p == param)
            .map_or("", |(_, t)| t.as_str())
    }

    fn speaker(&self, speaker: &SpeakerRef) -> String {
        let person = match speaker {
            SpeakerRef::Id(id) => self.notes.people.get(id),
            SpeakerRef::Inline(person) => Some(person),
        };
        let Some(person) = person else {
            return String::new();
        };
        let mut name = person
            .name
            .clone()
            .or_else(|| person.affiliation.clone())
            .or_else(|| person.from.clone())
            .unwrap_or_else(|| "?".into());
        if person.name.is_some()
            && let Some(affiliation) = &person.affiliation
        {
            let _ = write!(name, " ({affiliation})");
        }
        name
    }

    fn document(&self, slug: &str, year_term: &str) -> String {
        let notes = self.notes;
        let default_title = match &notes.number {
            Some(n) => format!("{} #{n}", notes.series),
            None => notes.series.clone(),
        };
        let title = match &notes.title {
            Some(t) => self.text("title", t).to_string(),
            None => default_title,
        };
        let mut out = format!(
            "---\ntitle: {}\ndate: {}\nslug: {slug}\nseries: {}\nkind: {:?}\nwritten_in: {}\nyears: [{year_term}]\n---\n\n",
            scalar(&title, 0),
            notes.date,
            scalar(&notes.series, 0),
            notes.kind,
            notes.written_in,
        );
        if let Some(intro) = &notes.intro {
            out.push_str(self.text("intro", intro));
            out.push_str("\n\n");
        }
        if !notes.links.is_empty() {
            let _ = writeln!(out, "## {}\n", self.label("links"));
            for (i, link) in notes.links.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "- [{}]({})",
                    self.text(&format!("links.{i}.title"), &link.title),
                    link.url
                );
            }
            out.push('\n');
        }
        for (i, topic) in notes.topics.iter().enumerate() {
            self.section(
                &mut out,
                topic,
                &format!("topics.{i}"),
                2,
                &format!("{}", i + 1),
            );
        }
        out
    }

    fn section(&self, out: &mut String, section: &Section, path: &str, level: usize, number: &str) {
        let _ = writeln!(
            out,
            "{} {number}. {}\n",
            "#".repeat(level),
            self.text(&format!("{path}.title"), &section.title)
        );
        if let Some(session) = &section.session {
            let speakers: Vec<String> = session.speakers.iter().map(|s| self.speaker(s)).collect();
            let _ = writeln!(out, "- {}", speakers.join(", "));
            for (field, value) in [
                ("format", &session.format),
                ("audience", &session.audience),
                ("desired_outcome", &session.desired_outcome),
            ] {
                if let Some(v) = value {
                    let _ = writeln!(
                        out,
                        "- {}",
                        self.text(&format!("{path}.session.{field}"), v)
                    );
                }
            }
            out.push('\n');
        }
        if let Some(breakout) = &section.breakout {
            for (i, q) in breakout.prepared_questions.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "- {}",
                    self.text(&format!("{path}.breakout.prepared_questions.{i}"), q)
                );
            }
            out.push('\n');
        }
        if let Some(body) = &section.body {
            out.push_str(self.text(&format!("{path}.body"), body));
            out.push_str("\n\n");
        }
        if let Some(note) = &section.editor_note {
            self.note(out, &format!("{path}.editor_note"), note, "");
        }
        for (i, point) in section.points.iter().enumerate() {
            self.point(out, point, &format!("{path}.points.{i}"), 0);
        }
        if !section.points.is_empty() {
            out.push('\n');
        }
        for (i, question) in section.questions.iter().enumerate() {
            self.question(out, question, &format!("{path}.questions.{i}"));
        }
        for (i, sub) in section.sections.iter().enumerate() {
            self.section(
                out,
                sub,
                &format!("{path}.sections.{i}"),
                (level + 1).min(6),
                &format!("{number}.{}", i + 1),
            );
        }
    }

    fn note(&self, out: &mut String, path: &str, note: &str, indent: &str) {
        let _ = writeln!(
            out,
            "{indent}> *{}:* {}\n",
            self.label("editornote"),
            self.text(path, note).replace('\n', " ")
        );
    }

    fn point(&self, out: &mut String, point: &Point, path: &str, depth: usize) {
        let indent = "  ".repeat(depth);
        let speaker = point
            .speaker
            .as_ref()
            .map(|s| format!("**{}:** ", self.speaker(s)))
            .unwrap_or_default();
        let text = point
            .text
            .as_deref()
            .map(|t| self.text(&format!("{path}.text"), t).replace('\n', " "))
            .unwrap_or_default();
        let _ = writeln!(out, "{indent}- {speaker}{text}");
        if let Some(note) = &point.editor_note {
            let _ = writeln!(
                out,
                "{indent}  *{}:* {}",
                self.label("editornote"),
                self.text(&format!("{path}.editor_note"), note)
                    .replace('\n', " ")
            );
        }
        for (i, sub) in point.points.iter().enumerate() {
            self.point(out, sub, &format!("{path}.points.{i}"), depth + 1);
        }
        for (i, reply) in point.replies.iter().enumerate() {
            self.point(out, reply, &format!("{path}.replies.{i}"), depth + 1);
        }
    }

    fn question(&self, out: &mut String, question: &Question, path: &str) {
        let asker = question
            .asked_by
            .as_ref()
            .map(|s| format!(" ({})", self.speaker(s)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "**{}{asker}:** {}\n",
            self.label("question"),
            self.text(&format!("{path}.question"), &question.question)
                .replace('\n', " ")
        );
        if let Some(note) = &question.editor_note {
            self.note(out, &format!("{path}.editor_note"), note, "");
        }
        for (i, answer) in question.answers.iter().enumerate() {
            self.point(out, answer, &format!("{path}.answers.{i}"), 0);
        }
        out.push('\n');
    }
}
