//! Rendering every page of the site in memory, in a stable order.

use super::output::OutputFile;
use super::{Site, search};
use crate::config::Formats;
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
        let builder = ViewBuilder::new(loc, lang);
        let index = builder.index(
            &site.digests,
            version_links(loc, languages, lang, 1, "index.html", "index.md"),
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
            let versions = version_links(
                loc,
                languages,
                lang,
                2,
                &format!("{slug}/index.html"),
                &format!("{slug}.md"),
            );
            let view = builder.digest(digest, versions);
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
    }
    if formats.html
        && let Ok(css) = std::fs::read_to_string(site.templates_dir().join("style.css"))
    {
        files.push("style.css".into(), css);
    }
    Ok(files.0)
}
