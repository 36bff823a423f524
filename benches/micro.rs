//! Micro-benchmarks of the hot paths of a build, on the example site in this repository:
//! loading one notes file, parsing one translation file, rendering one digest page in each
//! format (view model and template, then the templates alone, all three formats from one
//! view, as a build does), formatting one Fluent message with a plural, indexing one page
//! for search. Run with `cargo bench --bench micro`; whole-site builds are timed by
//! `benches/scale.sh`.

use std::path::Path;

use divan::{Bencher, black_box};
use heptaglot::config::Formats;
use heptaglot::l10n::Arg;
use heptaglot::lang::Language;
use heptaglot::notes::load_str;
use heptaglot::render::view::DigestView;
use heptaglot::render::{ViewBuilder, version_links};
use heptaglot::site::pages::digest_view;
use heptaglot::site::{Layout, Site};

/// Clinic #006, the example the corpus generator's digests are shaped like.
const CLINIC: &str = include_str!("../digests/wikimedia-clinic-006.yaml");
const SLUG: &str = "wikimedia-clinic-006";

fn main() {
    divan::main();
}

/// Parsing, schema validation and checks of one notes file (about 20 KB).
#[divan::bench]
fn load_notes_file() -> heptaglot::notes::Digest {
    load_str(
        black_box(CLINIC),
        Path::new("digests/wikimedia-clinic-006.yaml"),
        SLUG,
    )
    .expect("Clinic #006 loads")
}

/// Clinic #006's Spanish translation file (about 32 KB: each unit's source and its
/// translation), the kind of file a build reads six of for every digest.
const CLINIC_ES: &str = include_str!("../locales/es/digests/wikimedia-clinic-006.yaml");

/// Parsing and checking one translation file.
#[divan::bench]
fn parse_translation_file() -> heptaglot::translate::file::TranslationFile {
    heptaglot::translate::file::parse(
        black_box(CLINIC_ES),
        Path::new("locales/es/digests/wikimedia-clinic-006.yaml"),
        (Language::Es, SLUG),
    )
    .expect("the Spanish translation of Clinic #006 parses")
}

fn example_site() -> Site {
    let site = Site::load(&Layout::new(env!("CARGO_MANIFEST_DIR")));
    assert!(!site.has_errors(), "the example site has errors");
    site
}

fn format(name: &str) -> Formats {
    Formats::parse(name).unwrap_or_default()
}

/// Clinic #006's digest view in `lang`, as a build makes it (the version links included).
fn clinic_view(site: &Site, lang: Language) -> DigestView {
    let digest = site
        .digests
        .iter()
        .find(|d| d.slug == SLUG)
        .expect("Clinic #006 is in digests/");
    let builder = ViewBuilder::new(&site.localizer, lang, &site.translations.glossary)
        .with_config(&site.config);
    let versions = version_links(
        &site.localizer,
        &site.config.languages,
        lang,
        2,
        &format!("{SLUG}/index.html"),
        &format!("{SLUG}.md"),
    );
    digest_view(site, &builder, digest, versions)
}

/// One digest page (view model and template) in one format, in `lang`.
fn render_digest_page(bencher: Bencher, lang: Language, name: &str) {
    let site = example_site();
    let templates = site.templates.as_ref().expect("templates load");
    let formats = format(name);
    bencher.bench_local(|| {
        let view = clinic_view(&site, lang);
        let rendered = templates.render("digest", &view, formats);
        black_box(rendered.expect("the page renders"))
    });
}

/// The templates alone: Clinic #006's view in `lang`, built once, rendered in HTML,
/// Markdown and wikitext, as a build renders each digest page.
fn render_templates_only(bencher: Bencher, lang: Language) {
    let site = example_site();
    let templates = site.templates.as_ref().expect("templates load");
    let view = clinic_view(&site, lang);
    let formats = format("html,md,wikitext");
    assert!(formats.html && formats.markdown && formats.wikitext);
    bencher.bench_local(|| {
        let rendered = templates.render("digest", black_box(&view), formats);
        black_box(rendered.expect("the page renders"))
    });
}

/// The templates alone, all three formats: Spanish (translated) and German (every passage
/// in English, so every text carries a mark).
#[divan::bench(args = [Language::Es, Language::De])]
fn render_all_formats_templates_only(bencher: Bencher, lang: Language) {
    render_templates_only(bencher, lang);
}

/// Clinic #006 in Spanish, fully translated.
#[divan::bench(args = ["html", "md", "wikitext"])]
fn render_page_translated_es(bencher: Bencher, name: &str) {
    render_digest_page(bencher, Language::Es, name);
}

/// Clinic #006 in German: no translation, every passage falls back to English.
#[divan::bench(args = ["html", "md", "wikitext"])]
fn render_page_fallback_de(bencher: Bencher, name: &str) {
    render_digest_page(bencher, Language::De, name);
}

/// One Fluent message with a CLDR plural and an ICU4X number, in English and Russian
/// (four plural categories).
#[divan::bench(args = [Language::En, Language::Ru])]
fn format_plural_message(bencher: Bencher, lang: Language) {
    let site = example_site();
    bencher.bench_local(|| {
        black_box(site.localizer.text(
            lang,
            "index-digest-count",
            &[("count", Arg::Num(black_box(1234.0)))],
        ))
    });
}

/// Indexing one digest page for search (passages cut, text folded and split into tokens),
/// as a build does for every page in every language.
#[divan::bench(args = [Language::Es, Language::Ru, Language::ZhHans])]
fn index_page_for_search(bencher: Bencher, lang: Language) {
    let site = example_site();
    let view = clinic_view(&site, lang);
    let url = format!("{}/{SLUG}/index.html", lang.code());
    let docs = heptaglot::search::docs_from_digest(&view, &url);
    bencher.bench_local(|| heptaglot::search::IndexedPage::of(black_box(&docs)));
}
