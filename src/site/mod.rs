//! The site: every digest in every language, the indexes, feeds, sitemap and search index,
//! written to the output folder without ever leaving a half-written site behind.

mod build;
pub mod cache;
mod changes;
pub mod feeds;
mod lists;
pub mod lock;
mod out_folder;
pub mod output;
pub mod pages;
mod plan;
mod session;
mod write;

use std::path::{Path, PathBuf};
use std::time::Duration;

pub use build::{build, build_in};
pub use output::{MARKER, OutputFile, WriteError};
pub use pages::{render, render_to};
pub use session::Session;

use crate::config::{Config, Formats};
use crate::diag::Problem;
use crate::l10n::Localizer;
use crate::notes::{self, Digest};
use crate::render::Templates;
use crate::translate::{self, Translations};

/// Where a site's inputs are, relative to its root.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The site root (the folder holding `digests/`, `locales/`, `templates/`).
    pub root: PathBuf,
    /// Notes files.
    pub digests: PathBuf,
    /// Fluent bundles and content translations.
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
    /// Where the inputs are.
    pub layout: Layout,
    /// The configuration (`heptaglot.toml`, or the defaults).
    pub config: Config,
    /// The digests that loaded, newest first.
    pub digests: Vec<Digest>,
    /// The localizer.
    pub localizer: Localizer,
    /// The templates, when they loaded.
    pub templates: Option<Templates>,
    /// Content translations and the glossary.
    pub translations: Translations,
    /// Every problem found in the inputs.
    pub problems: Vec<Problem>,
}

impl Site {
    /// Loads configuration, notes, locales and templates, collecting every problem.
    pub fn load(layout: &Layout) -> Self {
        let (config, mut problems) = Config::load(&layout.root);
        let loaded = notes::load_dir(&layout.root, &layout.digests);
        problems.extend(loaded.problems);
        let (localizer, locale_problems) = Localizer::load(&layout.root, &layout.locales);
        problems.extend(locale_problems);
        let (translations, translation_problems) =
            translate::load(&layout.root, &layout.locales, &loaded.digests);
        problems.extend(translation_problems);
        let templates = match Templates::load(&layout.root, &layout.templates) {
            Ok(t) => Some(t),
            Err(template_problems) => {
                problems.extend(template_problems);
                None
            }
        };
        crate::diag::sort(&mut problems);
        Self {
            layout: layout.clone(),
            config,
            digests: loaded.digests,
            localizer,
            templates,
            translations,
            problems,
        }
    }

    /// Everything `heptaglot check` reports: the problems found while loading, plus those
    /// only rendering every page (in memory) finds: messages that fail at run time, such as
    /// one using a variable the code never passes. Sorted by file and position.
    pub fn check(&self) -> Vec<Problem> {
        let mut problems = self.problems.clone();
        if let Some(templates) = &self.templates {
            if let Err(message) = render(self, templates, Formats::default()) {
                problems.push(
                    Problem::error(
                        &self.layout.templates,
                        format!("rendering failed: {message}"),
                    )
                    .hint("fix the template named above"),
                );
            }
            problems.extend(self.localizer.runtime_diagnostics());
        }
        crate::diag::sort(&mut problems);
        problems
    }

    /// Whether any problem is an error (what makes `check` fail).
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(Problem::is_error)
    }

    /// The folder holding templates and static files.
    pub fn templates_dir(&self) -> PathBuf {
        self.layout.root.join(&self.layout.templates)
    }
}

/// What a build may override from the configuration.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The output folder (relative to the site root unless absolute); `None` uses the
    /// configuration's.
    pub out: Option<PathBuf>,
    /// The formats to write.
    pub formats: Formats,
    /// A public address to use instead of the configuration's (`serve` passes its own).
    pub base_url: Option<String>,
    /// Render and write the whole site even when the output's cache says little changed.
    pub full: bool,
}

/// What a successful build wrote.
#[derive(Debug, Clone)]
pub struct BuildSummary {
    /// Digests built.
    pub digests: usize,
    /// Languages built.
    pub languages: usize,
    /// Files the site has.
    pub files: usize,
    /// HTML pages among them.
    pub pages: usize,
    /// Whether only what changed was rendered and written (see [`cache`]).
    pub incremental: bool,
    /// Digests whose pages were rendered (all of them in a full build).
    pub rendered: usize,
    /// Files written by this build (all of them in a full build).
    pub written: usize,
    /// Files removed by an incremental build.
    pub removed: usize,
    /// The output folder.
    pub out: PathBuf,
    /// Wall time of the whole build.
    pub elapsed: Duration,
    /// The public address the links were made under, if any.
    pub base_url: Option<String>,
    /// Wall time of each step of the build, in order (what `build --timings` prints).
    pub phases: Vec<(&'static str, Duration)>,
    /// What became of each language's search index.
    pub search: SearchWork,
}

/// What a build did to the languages' search indexes (see [`crate::search::IndexState`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SearchWork {
    /// Indexes left as they were: no page of theirs changed.
    pub unchanged: usize,
    /// Indexes updated in place: only the files holding the changed pages' terms and
    /// passages were made again.
    pub updated: usize,
    /// Indexes built whole.
    pub rebuilt: usize,
}

/// The outcome of a build: the problems found, warnings from rendering, and what was
/// written or why nothing was.
#[derive(Debug)]
pub struct BuildReport {
    /// Problems in the inputs (errors and warnings).
    pub problems: Vec<Problem>,
    /// Messages that failed at render time (they fell back to English).
    pub runtime_warnings: Vec<String>,
    /// The summary, or why nothing was written.
    pub result: Result<BuildSummary, String>,
}

/// The output folder a build writes: `options.out`, else the configuration's, below `root`
/// unless absolute.
pub fn output_dir(root: &Path, config: &Config, options: &BuildOptions) -> PathBuf {
    let out = options.out.as_ref().unwrap_or(&config.output);
    if out.is_absolute() {
        out.clone()
    } else {
        root.join(out)
    }
}
