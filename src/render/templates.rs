//! Tera: loading the templates of `templates/` and rendering view models with them.
//!
//! This is the only module that uses Tera. HTML and Markdown templates are rendered by two
//! engines that differ in one thing, how they escape: `.html` values are HTML-escaped,
//! `.md` values Markdown-escaped, so that every plain value is escaped for its output unless
//! a template marks sanitized markup `safe`.

use std::path::Path;

use serde::Serialize;

use super::markdown;
use crate::diag::Problem;

/// The page kinds, each with an `.html` and a `.md` template.
pub const PAGE_KINDS: [&str; 3] = ["digest", "index", "root"];

/// The compiled templates.
pub struct Templates {
    html: tera::Tera,
    md: tera::Tera,
}

fn markdown_escape(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.write_all(markdown::escape(input).as_bytes())
}

impl Templates {
    /// Loads every template under `dir`. Problems name the template file.
    pub fn load(root: &Path, dir: &Path) -> Result<Self, Vec<Problem>> {
        let folder = root.join(dir);
        let mut problems = Vec::new();
        let mut html = tera::Tera::new();
        html.autoescape_on([".html"]);
        let mut md = tera::Tera::new();
        md.autoescape_on([".md"]);
        md.set_escape_fn(markdown_escape);
        for kind in PAGE_KINDS {
            for (ext, _) in [("html", ()), ("md", ())] {
                let name = format!("{kind}.{ext}");
                if !folder.join(&name).is_file() {
                    problems.push(
                        Problem::error(dir.join(&name), "the template is missing").hint(
                            "restore it from the heptaglot repository (git checkout templates/)",
                        ),
                    );
                }
            }
        }
        let mut files: Vec<_> = walkdir::WalkDir::new(&folder)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path())
            .collect();
        files.sort();
        let mut html_files = Vec::new();
        let mut md_files = Vec::new();
        for file in files {
            let name = file
                .strip_prefix(&folder)
                .unwrap_or(&file)
                .to_string_lossy()
                .replace('\\', "/");
            match file.extension().and_then(|e| e.to_str()) {
                Some("html") => html_files.push((file, name)),
                Some("md") => md_files.push((file, name)),
                _ => {}
            }
        }
        for (engine, files) in [(&mut html, html_files), (&mut md, md_files)] {
            if let Err(error) =
                engine.add_template_files(files.iter().map(|(f, n)| (f.clone(), Some(n.clone()))))
            {
                problems.push(
                    Problem::error(dir, format!("a template has an error: {error}"))
                        .hint("fix the template syntax (see the Tera documentation)"),
                );
            }
        }
        if problems.is_empty() {
            Ok(Self { html, md })
        } else {
            Err(problems)
        }
    }

    /// Renders `kind.html` and `kind.md` with `view` as the context.
    pub fn render<V: Serialize>(&self, kind: &str, view: &V) -> Result<(String, String), String> {
        let context = tera::Context::from_serialize(view).map_err(|e| e.to_string())?;
        let html = self
            .html
            .render(&format!("{kind}.html"), &context)
            .map_err(|e| format!("{kind}.html: {e}"))?;
        let md = self
            .md
            .render(&format!("{kind}.md"), &context)
            .map_err(|e| format!("{kind}.md: {e}"))?;
        Ok((html, md))
    }
}
