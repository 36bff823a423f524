//! The site configuration: `heptaglot.toml` at the site root, every key optional.
//!
//! This is the only module that reads TOML. No file means the defaults: the seven
//! languages in their standard order, untranslated passages falling back to the language
//! the notes are written in and then English, outdated translations shown with a mark, and
//! the site written to `public/`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diag::{Position, Problem};
use crate::lang::Language;

/// The configuration file's name, at the site root.
pub const FILE_NAME: &str = "heptaglot.toml";

/// The largest configuration file heptaglot reads; a real one is a few hundred bytes.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// A site's public address, checked and ending with `/`: an `http` or `https` address
/// without spaces or quotes, which would break out of the attributes it is written into.
pub fn parse_base_url(url: &str) -> Result<String, String> {
    let ok = (url.starts_with("https://") || url.starts_with("http://"))
        && url.len() > "https://".len()
        && !url.contains(char::is_whitespace)
        && !url.contains(['"', '<', '>', '\'', '`', '?', '#']);
    if !ok {
        return Err(format!(
            "{url:?} is not an http(s) address; write e.g. https://digests.example.org/"
        ));
    }
    Ok(if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    })
}

/// One step of a fallback chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FallbackStep {
    /// The language the notes are written in.
    Source,
    /// A fixed language.
    Language(Language),
}

/// What a page shows where a translation is outdated (its source changed after it was made).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OutdatedPolicy {
    /// The outdated translation, with a visible mark.
    #[default]
    Mark,
    /// The current source text instead, as for an untranslated passage.
    Source,
}

/// The format `heptaglot translate` writes content translations in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TranslationFormat {
    /// `locales/<lang>/digests/<slug>.yaml`: edited by hand, like the notes.
    #[default]
    Yaml,
    /// `locales/<lang>/digests/<slug>.po`, gettext PO, with a POT template per digest: for
    /// Weblate, Pontoon, Poedit and every other translators' tool.
    Po,
}

impl TranslationFormat {
    /// The files' extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Yaml => "yaml",
            Self::Po => "po",
        }
    }
}

/// How content translations are kept (`[translation]` in `heptaglot.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TranslationConfig {
    /// The format `translate` writes.
    #[serde(default)]
    pub format: TranslationFormat,
    /// Whether a translation the memory finds for exactly the same source counts as
    /// translated without review (default: no, it is proposed for review like the others).
    #[serde(default)]
    pub trust_exact_matches: bool,
}

/// The output formats a build writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    /// HTML pages (and everything a browser needs: CSS, search, feeds, sitemap).
    pub html: bool,
    /// Markdown files.
    pub markdown: bool,
    /// MediaWiki wikitext files, ready to paste on Meta-Wiki.
    pub wikitext: bool,
}

impl Default for Formats {
    fn default() -> Self {
        Self {
            html: true,
            markdown: true,
            wikitext: true,
        }
    }
}

impl Formats {
    /// Parses a comma-separated list such as `html,md,wikitext`.
    pub fn parse(list: &str) -> Result<Self, String> {
        let mut formats = Self {
            html: false,
            markdown: false,
            wikitext: false,
        };
        for name in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            match name {
                "html" => formats.html = true,
                "md" | "markdown" => formats.markdown = true,
                "wikitext" | "wiki" => formats.wikitext = true,
                other => {
                    return Err(format!(
                        "unknown format {other:?}; use html, md or wikitext (comma-separated)"
                    ));
                }
            }
        }
        if formats
            == (Self {
                html: false,
                markdown: false,
                wikitext: false,
            })
        {
            return Err("no format given; use html, md or wikitext (comma-separated)".into());
        }
        Ok(formats)
    }
}

/// The site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// A site title for every language; `None` uses each locale's `site-title`.
    pub title: Option<String>,
    /// The public address of the site, ending with `/`, for canonical links, the sitemap
    /// and feeds. `None` makes those links relative.
    pub base_url: Option<String>,
    /// The languages to publish, in the order of the language bar.
    pub languages: Vec<Language>,
    /// The output folder, relative to the site root.
    pub output: PathBuf,
    /// Fallback chains by page language; languages without one use `default_fallback`.
    pub fallback: BTreeMap<Language, Vec<FallbackStep>>,
    /// The fallback chain of languages without their own.
    pub default_fallback: Vec<FallbackStep>,
    /// What to show for outdated translations.
    pub outdated: OutdatedPolicy,
    /// How content translations are kept.
    pub translation: TranslationConfig,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            title: None,
            base_url: None,
            languages: Language::ALL.to_vec(),
            output: PathBuf::from("public"),
            fallback: BTreeMap::new(),
            default_fallback: vec![FallbackStep::Source, FallbackStep::Language(Language::En)],
            outdated: OutdatedPolicy::Mark,
            translation: TranslationConfig::default(),
        }
    }
}

/// The file as written; every key optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: Option<String>,
    base_url: Option<String>,
    languages: Option<Vec<String>>,
    output: Option<PathBuf>,
    fallback: Option<BTreeMap<String, Vec<String>>>,
    outdated: Option<OutdatedPolicy>,
    translation: Option<TranslationConfig>,
}

impl Config {
    /// The fallback chain for pages in `language`, as languages, given the notes' language.
    /// The chain never contains `language` itself and never repeats a language.
    pub fn fallback_chain(&self, language: Language, source: Language) -> Vec<Language> {
        let steps = self
            .fallback
            .get(&language)
            .unwrap_or(&self.default_fallback);
        let mut chain = Vec::new();
        for step in steps {
            let lang = match step {
                FallbackStep::Source => source,
                FallbackStep::Language(l) => *l,
            };
            if lang != language && !chain.contains(&lang) {
                chain.push(lang);
            }
        }
        // The source always ends the chain: every passage exists in it.
        if source != language && !chain.contains(&source) {
            chain.push(source);
        }
        chain
    }

    /// Reads `heptaglot.toml` under `root`, or the defaults when there is none. Problems
    /// name the file, line and column; a broken file gives the defaults and errors.
    pub fn load(root: &Path) -> (Self, Vec<Problem>) {
        let path = root.join(FILE_NAME);
        let text = match crate::diag::read_text(&path, Path::new(FILE_NAME), MAX_FILE_BYTES) {
            Ok(Some(text)) => text,
            Ok(None) => return (Self::default(), Vec::new()),
            Err(problem) => return (Self::default(), vec![*problem]),
        };
        Self::from_toml(&text)
    }

    /// Parses configuration text (as found in `heptaglot.toml`).
    pub fn from_toml(text: &str) -> (Self, Vec<Problem>) {
        let raw: RawConfig = match toml::from_str(text) {
            Ok(raw) => raw,
            Err(error) => {
                let position = error
                    .span()
                    .map(|span| Position::from_offset(text, span.start))
                    .unwrap_or_default();
                // serde's words for TOML's kinds of value, in TOML's own.
                let message = error
                    .message()
                    .trim()
                    .replace(
                        "a sequence",
                        "a list in square brackets, e.g. [\"en\", \"fr\"]",
                    )
                    .replace("a map", "a table");
                let problem = Problem::error(FILE_NAME, message)
                    .at(position)
                    .hint(
                        "the keys are title, base_url, languages, output, fallback, outdated and [translation]; see docs/configuration.md",
                    );
                return (Self::default(), vec![problem]);
            }
        };
        let mut problems = Vec::new();
        let locate = |needle: &str| {
            text.find(needle)
                .map(|offset| Position::from_offset(text, offset))
                .unwrap_or_default()
        };
        // A language code as a quoted value, or else as a bare key (`fr = [...]`).
        let locate_code = |code: &str| {
            let quoted = [format!("\"{code}\""), format!("'{code}'")]
                .iter()
                .find_map(|q| text.find(q.as_str()));
            let key = || {
                let mut offset = 0;
                for line in text.split_inclusive('\n') {
                    let indent = line.len() - line.trim_start().len();
                    if let Some(rest) = line.trim_start().strip_prefix(code)
                        && rest.trim_start().starts_with('=')
                    {
                        return Some(offset + indent);
                    }
                    offset += line.len();
                }
                None
            };
            quoted
                .or_else(key)
                .map(|offset| Position::from_offset(text, offset))
                .unwrap_or_default()
        };
        let mut config = Self {
            title: raw.title.filter(|t| !t.trim().is_empty()),
            ..Self::default()
        };
        if let Some(url) = raw.base_url {
            if let Ok(url) = parse_base_url(&url) {
                config.base_url = Some(url);
            } else {
                problems.push(
                    Problem::error(FILE_NAME, format!("base_url {url:?} is not an http(s) address"))
                        .at(locate("base_url"))
                        .field("base_url")
                        .hint("write the site's public address, e.g. base_url = \"https://digests.example.org/\""),
                );
            }
        }
        let mut parse_language = |code: &str, field: &str| match code.parse::<Language>() {
            Ok(lang) => Some(lang),
            Err(_) => {
                let codes = Language::all_codes();
                let hint = match crate::diag::did_you_mean(code, codes.iter().copied()) {
                    Some(s) => format!(
                        "did you mean `{s}`? heptaglot publishes in: {}",
                        codes.join(", ")
                    ),
                    None => format!("use one of: {}", codes.join(", ")),
                };
                problems.push(
                    Problem::error(
                        FILE_NAME,
                        format!("{code:?} is not one of the seven languages"),
                    )
                    .at(locate_code(code))
                    .field(field.to_string())
                    .hint(hint),
                );
                None
            }
        };
        if let Some(codes) = raw.languages {
            let mut languages = Vec::new();
            for code in &codes {
                if let Some(lang) = parse_language(code, "languages")
                    && !languages.contains(&lang)
                {
                    languages.push(lang);
                }
            }
            if !languages.is_empty() {
                config.languages = languages;
            }
        }
        if let Some(chains) = raw.fallback {
            for (key, steps) in chains {
                let parsed: Vec<FallbackStep> = steps
                    .iter()
                    .filter_map(|s| {
                        if s == "source" {
                            Some(FallbackStep::Source)
                        } else {
                            parse_language(s, &format!("fallback.{key}"))
                                .map(FallbackStep::Language)
                        }
                    })
                    .collect();
                if key == "default" {
                    config.default_fallback = parsed;
                } else if let Some(lang) = parse_language(&key, "fallback") {
                    config.fallback.insert(lang, parsed);
                }
            }
        }
        if let Some(output) = raw.output {
            if stays_inside(&output) {
                config.output = output;
            } else {
                problems.push(
                    Problem::error(
                        FILE_NAME,
                        format!(
                            "output = {:?} is not a folder inside the site's folder",
                            output.display().to_string()
                        ),
                    )
                    .at(locate("output"))
                    .field("output")
                    .hint(format!(
                        "heptaglot.toml may only name a folder inside the site, such as output = \"public\" (so a cloned site cannot make a build write elsewhere); to build outside it, pass --out on the command line: heptaglot build --out {}",
                        output.display()
                    )),
                );
            }
        }
        if let Some(outdated) = raw.outdated {
            config.outdated = outdated;
        }
        if let Some(translation) = raw.translation {
            config.translation = translation;
        }
        (config, problems)
    }
}

/// Whether `path` names a folder inside the site's folder: relative, never climbing above
/// it with `..`, and not the site's folder itself.
fn stays_inside(path: &Path) -> bool {
    let mut depth = 0usize;
    for component in path.components() {
        match component {
            std::path::Component::Normal(_) => depth += 1,
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return false,
            },
            std::path::Component::RootDir | std::path::Component::Prefix(_) => return false,
        }
    }
    depth > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_file_means_defaults() {
        let (config, problems) = Config::from_toml("");
        assert!(problems.is_empty());
        assert_eq!(config.languages, Language::ALL.to_vec());
        assert_eq!(config.output, PathBuf::from("public"));
        assert_eq!(
            config.fallback_chain(Language::Fr, Language::Es),
            vec![Language::Es, Language::En]
        );
        assert_eq!(
            config.fallback_chain(Language::En, Language::En),
            Vec::<Language>::new()
        );
    }

    #[test]
    fn chains_and_languages() {
        let (config, problems) = Config::from_toml(
            "languages = [\"es\", \"en\"]\nbase_url = \"https://x.org\"\noutdated = \"source\"\n[fallback]\nfr = [\"es\"]\ndefault = [\"en\"]\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(config.languages, vec![Language::Es, Language::En]);
        assert_eq!(config.base_url.as_deref(), Some("https://x.org/"));
        assert_eq!(config.outdated, OutdatedPolicy::Source);
        // The source language always closes the chain.
        assert_eq!(
            config.fallback_chain(Language::Fr, Language::De),
            vec![Language::Es, Language::De]
        );
        assert_eq!(
            config.fallback_chain(Language::Ru, Language::De),
            vec![Language::En, Language::De]
        );
    }

    #[test]
    fn translation_format() {
        let (config, problems) = Config::from_toml("");
        assert!(problems.is_empty());
        assert_eq!(config.translation.format, TranslationFormat::Yaml);
        assert!(!config.translation.trust_exact_matches);
        let (config, problems) =
            Config::from_toml("[translation]\nformat = \"po\"\ntrust_exact_matches = true\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(config.translation.format, TranslationFormat::Po);
        assert!(config.translation.trust_exact_matches);
        let (_, problems) = Config::from_toml("[translation]\nformat = \"xliff\"\n");
        assert_eq!(problems[0].position.map(|p| p.line), Some(2));
        assert!(
            problems[0].message.contains("yaml"),
            "{}",
            problems[0].message
        );
    }

    #[test]
    fn errors_have_positions() {
        let (_, problems) = Config::from_toml("title = \"x\"\nlanguage = [\"en\"]\n");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].position.map(|p| p.line), Some(2));
        let (_, problems) = Config::from_toml("languages = [\"en\", \"xx\"]\n");
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("xx"));
    }
}
