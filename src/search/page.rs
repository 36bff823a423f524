//! The search page of one language, `<lang>/search/index.html`: the frame and strings of
//! the page around the search field, the results-count message for every plural category
//! (the browser fills in the number), and the language's split index beside it.

use std::path::Path;

use serde::Serialize;

use super::index::SearchIndex;
use super::shards::IndexState;
use super::shards::SHARD_BYTES;
use crate::config::{Config, Formats};
use crate::l10n::icu::category_name;
use crate::l10n::{Arg, Localizer};
use crate::lang::Language;
use crate::output_file::OutputFile;
use crate::render::view::Chrome;
use crate::render::{Templates, ViewBuilder, version_links};
use crate::translate::Glossary;

/// What a language's search page is made from: the site's messages, glossary,
/// configuration and templates.
#[derive(Clone, Copy)]
pub struct PageSource<'a> {
    /// The site's messages.
    pub localizer: &'a Localizer,
    /// The glossary.
    pub glossary: &'a Glossary,
    /// The configuration.
    pub config: &'a Config,
    /// The site's templates folder, which may hold no search page.
    pub templates_dir: &'a Path,
    /// The loaded templates.
    pub templates: &'a Templates,
}

/// number goes.
#[derive(Debug, Clone, Serialize)]
pub struct PluralText {
    /// `zero`, `one`, `two`, `few`, `many` or `other`.
    pub category: &'static str,
    /// The message.
    pub text: String,
}

/// The search page of one language.
#[derive(Debug, Clone, Serialize)]
pub struct SearchPageView {
    /// Frame strings.
    pub chrome: Chrome,
    /// Page heading.
    pub heading: String,
    /// Label of the search field.
    pub label: String,
    /// Placeholder of the search field.
    pub placeholder: String,
    /// Text of the submit button.
    pub button: String,
    /// Shown while the index loads.
    pub loading: String,
    /// Shown when nothing matches.
    pub no_results: String,
    /// Shown when the index cannot be loaded.
    pub error: String,
    /// Shown without JavaScript.
    pub needs_js: String,
    /// Shown on a page opened from disk, where the index cannot be loaded.
    pub needs_server: String,
    /// Relative link to this language's index.
    pub index_url: String,
    /// Locale for `Intl.NumberFormat`, with the digits the rest of the site uses.
    pub number_locale: String,
    /// The results-count message for every plural category of the language.
    pub results: Vec<PluralText>,
}

/// The number that goes into the plural messages the browser fills in.
const COUNT_PLACEHOLDER: &str = "{count}";

/// "N results" for each plural category `lang` has, found by trying sample numbers (0 and 1
/// late, so that exact `[0]`/`[1]` variants do not stand for a whole category).
fn plural_texts(loc: &Localizer, lang: Language) -> Vec<PluralText> {
    let message = |n: f64| loc.text(lang, "search-results", &[("count", Arg::Num(n))]);
    let Some(formatters) = loc.formatters(lang) else {
        return vec![PluralText {
            category: "other",
            text: message(2.0).replacen('2', COUNT_PLACEHOLDER, 1),
        }];
    };
    // A million is `many` in Spanish and French ("1 000 000 de résultats").
    let samples = (2..=1000u32)
        .map(f64::from)
        .chain([1e6, 1.0, 0.0, 1.5, 0.5, 2.5]);
    let mut texts: Vec<PluralText> = Vec::new();
    for n in samples {
        let category = category_name(formatters.plural_category(n, false));
        if texts.iter().any(|t| t.category == category) {
            continue;
        }
        let number = formatters.number(n);
        texts.push(PluralText {
            category,
            text: message(n).replacen(&number, COUNT_PLACEHOLDER, 1),
        });
    }
    texts
}

/// The locale `Intl.NumberFormat` needs to write digits as ICU4X does for `lang`.
fn number_locale(loc: &Localizer, lang: Language) -> String {
    let zero = loc.formatters(lang).map(|f| f.number(0.0));
    let system = match zero.as_deref().and_then(|z| z.chars().next()) {
        Some('٠') => "arab",
        Some('۰') => "arabext",
        _ => "latn",
    };
    format!("{}-u-nu-{system}", lang.code())
}

/// The template of the search page; a site whose templates predate search has none, and
/// is built without search.
const TEMPLATE: &str = "search.html";

/// The index and search page of `lang`, from the passages of its digest pages, and the
/// index's state for updating it later. Nothing without HTML output, or when the site's
/// templates have no search page.
pub fn language_files(
    source: &PageSource,
    formats: Formats,
    lang: Language,
    index: SearchIndex,
    emit: &mut dyn FnMut(OutputFile) -> Result<(), String>,
) -> Result<Option<IndexState>, String> {
    if !formats.html || !source.templates_dir.join(TEMPLATE).is_file() {
        return Ok(None);
    }
    let code = lang.code();
    let page = format!("{code}/search/index.html");
    let loc = source.localizer;
    let builder = ViewBuilder::new(loc, lang, source.glossary).with_config(source.config);
    let text = |id: &str| loc.text(lang, id, &[]);
    let versions = version_links(
        loc,
        &source.config.languages,
        lang,
        2,
        "search/index.html",
        "search/index.html",
    );
    let chrome = builder.chrome(2, versions, "search-language-bar-label");
    let view = SearchPageView {
        index_url: format!("{}search/{code}/index.json", chrome.root),
        chrome,
        heading: text("search-heading"),
        label: text("search-label"),
        placeholder: text("search-placeholder"),
        button: text("search-button"),
        loading: text("search-loading"),
        no_results: text("search-no-results"),
        error: text("search-error"),
        needs_js: text("search-needs-js"),
        needs_server: text("search-needs-server"),
        number_locale: number_locale(loc, lang),
        results: plural_texts(loc, lang),
    };
    let state = index.write(&format!("search/{code}"), SHARD_BYTES, emit)?;
    emit(OutputFile {
        path: page,
        contents: source.templates.render_html(TEMPLATE, &view)?,
    })?;
    Ok(Some(state))
}
