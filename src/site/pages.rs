//! Rendering every page of the site in memory, in a stable order.

use super::output::OutputFile;
use super::{Site, search};
use crate::config::Formats;
use crate::lang::Language;
use crate::notes::Digest;
use crate::render::view::{DigestView, VersionLink};
use crate::render::{Rendered, Templates, ViewBuilder, root_view, version_links};

/// Collects output files in a stable order.
#[derive(Default)]
struct Files(Vec<OutputFile>);

impl Files {
    fn push(&mut self, path: String, contents: String) {
        self.0.push(OutputFile { path, contents });
    }

    /// Adds a rendered page: `base.html`-style names are given without extension.
    fn page(&mut self, rendered: Rendered, html: String, md: String, wiki: String) {
        if let Some(contents) = rendered.html {
            self.push(html, contents);
        }
        if let Some(contents) = rendered.md {
            self.push(md, contents);
        }
        if let Some(contents) = rendered.wiki {
            self.push(wiki, contents);
        }
    }
}

/// "64 %" (or "original") for the language-bar link to `version`, in that version's language.
fn version_status(site: &Site, digest: &Digest, version: &VersionLink) -> String {
    let lang: Language = version.code.parse().unwrap_or(Language::En);
    if digest.notes.written_in == version.code {
        return site.localizer.text(lang, "language-bar-original", &[]);
    }
    let percent = site.translations.coverage(&digest.slug, lang).percent;
    site.localizer
        .text(lang, "language-bar-percent", &[("percent", percent.into())])
}

/// Renders every page of the site in memory, in a stable order.
pub fn render(
    site: &Site,
    templates: &Templates,
    formats: Formats,
) -> Result<Vec<OutputFile>, String> {
    let loc = &site.localizer;
    let languages = &site.config.languages;
    let mut files = Files::default();
    let root = templates.render("root", &root_view(loc, languages), formats)?;
    files.page(
        root,
        "index.html".into(),
        "index.md".into(),
        "index.wiki".into(),
    );
    for &lang in languages {
        let code = lang.code();
        let builder = ViewBuilder::new(loc, lang, &site.translations.glossary);
        let index = builder.index(
            &site.digests,
            version_links(loc, languages, lang, 1, "index.html", "index.md"),
            &site.translations,
            &site.config,
        );
        let rendered = templates.render("index", &index, formats)?;
        files.page(
            rendered,
            format!("{code}/index.html"),
            format!("{code}/index.md"),
            format!("{code}/index.wiki"),
        );
        let mut docs = Vec::new();
        for digest in &site.digests {
            let slug = &digest.slug;
            let mut versions = version_links(
                loc,
                languages,
                lang,
                2,
                &format!("{slug}/index.html"),
                &format!("{slug}.md"),
            );
            for version in &mut versions {
                version.status = Some(version_status(site, digest, version));
            }
            let view = digest_view(site, &builder, digest, versions);
            let html_path = format!("{code}/{slug}/index.html");
            docs.extend(search::docs_from_digest(&view, &html_path));
            let rendered = templates.render("digest", &view, formats)?;
            files.page(
                rendered,
                html_path,
                format!("{code}/{slug}.md"),
                format!("{code}/{slug}.wiki"),
            );
        }
        files.0.extend(search::language_files(
            site, templates, formats, lang, &docs,
        )?);
    }
    if formats.html
        && let Ok(css) = std::fs::read_to_string(site.templates_dir().join("style.css"))
    {
        files.push("style.css".into(), css);
    }
    if formats.html {
        files.0.extend(search::script(site, formats));
    }
    Ok(files.0)
}

/// The view of one digest in the builder's language: its texts resolved through the
/// configured fallback chain, with the translation's coverage.
pub fn digest_view(
    site: &Site,
    builder: &ViewBuilder,
    digest: &Digest,
    versions: Vec<VersionLink>,
) -> DigestView {
    let lang = builder.language();
    let source = digest.notes.written_in.parse().unwrap_or(Language::En);
    let texts = site.translations.page(
        &digest.slug,
        lang,
        site.config.fallback_chain(lang, source),
        site.config.outdated,
    );
    let coverage = site.translations.coverage(&digest.slug, lang);
    builder.digest(digest, versions, &texts, coverage)
}
