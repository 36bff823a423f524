//! The site: every digest in every language, the indexes, feeds, sitemap and search index,
//! written to the output folder without ever leaving a half-written site behind.

pub mod cache;
pub mod feeds;
pub mod lock;
pub mod output;
pub mod pages;
pub mod search;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub use output::{MARKER, OutputFile, WriteError};
pub use pages::{render, render_to};

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

/// Loads, checks, renders and writes the site. Nothing is written when a notes file or the
/// configuration has errors, so the previous site stays as it was.
pub fn build(layout: &Layout, options: &BuildOptions) -> BuildReport {
    let started = Instant::now();
    let mut site = Site::load(layout);
    if let Some(url) = &options.base_url {
        site.config.base_url = Some(url.clone());
    }
    let out = output_dir(&layout.root, &site.config, options);
    let blocking = site.problems.iter().any(|p| {
        p.is_error()
            && (p.file.starts_with(&layout.digests)
                || p.file == Path::new(crate::config::FILE_NAME))
    });
    let fail = |site: Site, message: String| BuildReport {
        problems: site.problems,
        runtime_warnings: Vec::new(),
        result: Err(message),
    };
    let Some(templates) = &site.templates else {
        return fail(
            site,
            "the templates did not load; nothing was written".into(),
        );
    };
    if blocking {
        let message = format!(
            "some input files have errors; nothing was written, and the site in {} is unchanged",
            out.display()
        );
        return fail(site, message);
    }
    // One build at a time into `out`, from reading what is there until this function
    // returns (a symbolic link given as `out` is followed: the lock names the real folder).
    let lock = match lock::acquire(&out) {
        Ok(lock) => lock,
        Err(error) => return fail(site, error.0),
    };
    let out = lock.out().to_path_buf();
    let keys = cache::Keys::of(&site, options.formats);
    let previous = if options.full {
        None
    } else {
        cache::read(&out, &keys)
    };
    let (incremental, written, removed, rendered) = match previous {
        Some(previous) => {
            output::clean_leftovers(&lock);
            match cache::update(&site, templates, options.formats, &out, previous, &keys) {
                Ok(changes) => (true, changes.written, changes.removed, Ok(changes.counts)),
                Err(message) => (true, 0, 0, Err(message)),
            }
        }
        None => {
            let rendered = full_build(&site, templates, options.formats, &lock, &keys);
            let written = rendered.as_ref().map_or(0, |c| c.files);
            (false, written, 0, rendered)
        }
    };
    let runtime_warnings = site.localizer.runtime_problems();
    let counts = match rendered {
        Ok(counts) => counts,
        Err(message) => {
            return BuildReport {
                problems: site.problems,
                runtime_warnings,
                result: Err(message),
            };
        }
    };
    BuildReport {
        result: Ok(BuildSummary {
            digests: site.digests.len(),
            languages: site.config.languages.len(),
            files: counts.files,
            pages: counts.pages,
            incremental,
            written,
            removed,
            out,
            elapsed: started.elapsed(),
            base_url: site.config.base_url.clone(),
        }),
        problems: site.problems,
        runtime_warnings,
    }
}

/// Renders the whole site into a staging folder, with the cache describing it, and swaps it
/// in place of `out`.
fn full_build(
    site: &Site,
    templates: &Templates,
    formats: Formats,
    lock: &lock::OutputLock,
    keys: &cache::Keys,
) -> Result<pages::Counts, String> {
    let staging = output::stage(lock).map_err(|e| e.0)?;
    let recorder = cache::Recorder::new();
    // The first failed write, which stops the render and is reported as it is.
    let write_error = std::sync::OnceLock::new();
    let rendered = render_to(site, templates, formats, &|file| {
        let bytes = file.contents.as_bytes();
        let meta = staging
            .put(&file.path, bytes)
            .map_err(|e| write_error.get_or_init(|| e.0).clone())?;
        recorder.record(&file.path, bytes, &meta);
        Ok(())
    });
    let counts = match rendered {
        Ok(counts) => counts,
        Err(message) => {
            return Err(match write_error.into_inner() {
                Some(write_error) => write_error,
                None => format!("rendering failed: {message}"),
            });
        }
    };
    let cache = recorder.into_cache(site, keys);
    staging
        .put(cache::CACHE, &cache.to_bytes())
        .map_err(|e| e.0)?;
    staging.commit().map_err(|e| e.0)?;
    Ok(counts)
}
