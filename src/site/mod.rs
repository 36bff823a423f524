//! The site: every digest in every language, the indexes and the root page, written to the
//! output folder without ever leaving a half-written site behind.
//!
//! A build renders into a fresh folder beside the target and swaps it in at the end, so a
//! failed or interrupted build leaves the previous site as it was. heptaglot only ever
//! replaces a folder it created itself (it leaves a marker file in it), so a mistyped
//! `--out` cannot delete someone's files.

use std::path::{Path, PathBuf};

use crate::diag::Problem;
use crate::l10n::Localizer;
use crate::lang::Language;
use crate::notes::{self, Digest};
use crate::render::{Templates, ViewBuilder, root_view, version_links};

/// The file that marks a folder as heptaglot's output.
pub const MARKER: &str = ".heptaglot-output";

/// Where a site's inputs are, relative to its root.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The site root (the folder holding `digests/`, `locales/`, `templates/`).
    pub root: PathBuf,
    /// Notes files.
    pub digests: PathBuf,
    /// Fluent bundles.
    pub locales: PathBuf,
    /// Tera templates and static files.
    pub templates: PathBuf,
}

impl Layout {
    /// The standard layout under `root`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self {
            root: root.into(),
            digests: "digests".into(),
            locales: "locales".into(),
            templates: "templates".into(),
        }
    }
}

/// Everything loaded and checked, ready to render.
pub struct Site {
    /// The digests that loaded.
    pub digests: Vec<Digest>,
    /// The localizer.
    pub localizer: Localizer,
    /// The templates, when they loaded.
    pub templates: Option<Templates>,
    /// Every problem found in the inputs.
    pub problems: Vec<Problem>,
}

impl Site {
    /// Loads notes, locales and templates, collecting every problem.
    pub fn load(layout: &Layout) -> Self {
        let loaded = notes::load_dir(&layout.root, &layout.digests);
        let mut problems = loaded.problems;
        let (localizer, locale_problems) = Localizer::load(&layout.root, &layout.locales);
        problems.extend(locale_problems);
        let templates = match Templates::load(&layout.root, &layout.templates) {
            Ok(t) => Some(t),
            Err(template_problems) => {
                problems.extend(template_problems);
                None
            }
        };
        crate::diag::sort(&mut problems);
        Self {
            digests: loaded.digests,
            localizer,
            templates,
            problems,
        }
    }

    /// Whether any problem is an error (what makes `check` fail).
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(Problem::is_error)
    }
}

/// One output file: its path below the output folder and its contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative path, with `/` separators.
    pub path: String,
    /// Contents.
    pub contents: String,
}

/// Renders every page of the site in memory, in a stable order.
pub fn render(
    site: &Site,
    templates: &Templates,
    static_dir: &Path,
) -> Result<Vec<OutputFile>, String> {
    let loc = &site.localizer;
    let mut files = Vec::new();
    let mut push = |path: String, contents: String| files.push(OutputFile { path, contents });
    let (html, md) = templates.render("root", &root_view(loc))?;
    push("index.html".into(), html);
    push("index.md".into(), md);
    for lang in Language::ALL {
        let builder = ViewBuilder::new(loc, lang);
        let index = builder.index(
            &site.digests,
            version_links(loc, lang, 1, "index.html", "index.md"),
        );
        let (html, md) = templates.render("index", &index)?;
        push(format!("{}/index.html", lang.code()), html);
        push(format!("{}/index.md", lang.code()), md);
        for digest in &site.digests {
            let versions = version_links(
                loc,
                lang,
                2,
                &format!("{}/index.html", digest.slug),
                &format!("{}.md", digest.slug),
            );
            let view = builder.digest(digest, versions);
            let (html, md) = templates.render("digest", &view)?;
            push(format!("{}/{}/index.html", lang.code(), digest.slug), html);
            push(format!("{}/{}.md", lang.code(), digest.slug), md);
        }
    }
    if let Ok(css) = std::fs::read_to_string(static_dir.join("style.css")) {
        push("style.css".into(), css);
    }
    Ok(files)
}

/// Why the output folder cannot be written.
#[derive(Debug)]
pub struct WriteError(pub String);

/// Writes `files` as the whole content of `out`: into a new folder beside it first, then
/// swapped in. Refuses to replace a non-empty folder that heptaglot did not create.
pub fn write(out: &Path, files: &[OutputFile]) -> Result<(), WriteError> {
    if out.exists() {
        let is_ours = out.join(MARKER).is_file();
        let is_empty = std::fs::read_dir(out)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !out.is_dir() || (!is_ours && !is_empty) {
            return Err(WriteError(format!(
                "{} exists and was not made by heptaglot; refusing to replace it. Choose another --out folder, or empty this one",
                out.display()
            )));
        }
    }
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| {
            WriteError(format!(
                "{} is not a folder name heptaglot can use",
                out.display()
            ))
        })?;
    std::fs::create_dir_all(&parent)
        .map_err(|e| WriteError(format!("cannot create {}: {e}", parent.display())))?;
    let staging = parent.join(format!(".{name}.heptaglot-new-{}", std::process::id()));
    let old = parent.join(format!(".{name}.heptaglot-old-{}", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        if staging.exists() {
            std::fs::remove_dir_all(&staging)?;
        }
        std::fs::create_dir_all(&staging)?;
        std::fs::write(
            staging.join(MARKER),
            "This folder is written by heptaglot; each build replaces it.\n",
        )?;
        for file in files {
            let target = staging.join(&file.path);
            if let Some(dir) = target.parent() {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::write(target, &file.contents)?;
        }
        if out.exists() {
            std::fs::rename(out, &old)?;
        }
        std::fs::rename(&staging, out)?;
        if old.exists() {
            std::fs::remove_dir_all(&old)?;
        }
        Ok(())
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_dir_all(&staging);
        if !out.exists() && old.exists() {
            let _ = std::fs::rename(&old, out);
        }
        WriteError(format!(
            "could not write the site to {}: {e}",
            out.display()
        ))
    })
}
