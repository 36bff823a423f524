//! What each fuzz target does with one input, shared by the cargo-fuzz targets in
//! `fuzz/fuzz_targets/` and the regression tests in `tests/fuzz_regressions.rs`, so that a
//! saved finding is replayed through exactly the code that found it.
//!
//! Each function takes arbitrary bytes and drives the library the way the CLI does: it
//! returns normally when heptaglot handled the input (loaded it, or reported problems), and
//! panics on a finding: a panic inside heptaglot or a dependency, or a broken guarantee
//! (a file that loads but does not render, a translation file that does not read back as
//! written, a translation lost).
//!
//! The example site in the repository (`digests/`, `locales/`, `templates/`) is loaded
//! once per process; nothing is written to disk.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, OnceLock};

use heptaglot::config::Formats;
use heptaglot::diag::{self, Problem};
use heptaglot::l10n::lint::lint_sources;
use heptaglot::l10n::{Arg, Localizer};
use heptaglot::lang::Language;
use heptaglot::notes::{self, Digest};
use heptaglot::site::{self, Layout, Site};
use heptaglot::translate::{self, DigestTranslations, TranslationFile, file};

/// The slug a notes file gets when it sets none, as if it were `digests/<slug>.yaml`:
/// the example digest that has translations, so that they apply to the fuzzed notes.
pub const DEFAULT_SLUG: &str = "wikimedia-clinic-006";

/// The repository root: the folder holding the example site.
pub fn repo() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    if here.join("digests").is_dir() {
        here.to_path_buf()
    } else {
        here.parent().unwrap_or(here).to_path_buf()
    }
}

/// The example site, loaded once, and what the targets take from it.
struct Fixture {
    /// The example site; the notes target swaps its digests and translations per input.
    site: Site,
    /// The example's translation files, by digest slug, as `translate::load` read them.
    files: BTreeMap<String, BTreeMap<Language, TranslationFile>>,
    /// The example's digests, sorted by slug (the translation target picks one by index).
    digests: Vec<Digest>,
    /// English's locale files: `(language, shown path, text)`.
    english: Vec<(Language, PathBuf, String)>,
    /// The ids of English's messages.
    english_ids: Vec<String>,
}

fn fixture() -> MutexGuard<'static, Fixture> {
    static FIXTURE: OnceLock<Mutex<Fixture>> = OnceLock::new();
    let fixture = FIXTURE.get_or_init(|| {
        let root = repo();
        let mut site = Site::load(&Layout::new(&root));
        let errors: Vec<String> = site
            .problems
            .iter()
            .filter(|p| p.is_error())
            .map(Problem::to_string)
            .collect();
        assert!(
            errors.is_empty(),
            "the example site has errors: {errors:#?}"
        );
        assert!(
            site.templates.is_some(),
            "the example templates did not load"
        );
        // Feeds and the sitemap are only written under a public address.
        site.config.base_url = Some("https://digests.example.org/".into());
        let files = site
            .translations
            .digests
            .iter()
            .map(|(slug, dt)| (slug.clone(), dt.files.clone()))
            .collect();
        let mut digests = site.digests.clone();
        digests.sort_by(|a, b| a.slug.cmp(&b.slug));
        let mut english = Vec::new();
        let folder = root.join("locales").join(Language::En.code());
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&folder)
            .expect("locales/en is readable")
            .filter_map(|e| Some(e.ok()?.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
            .collect();
        paths.sort();
        for path in paths {
            let text = std::fs::read_to_string(&path).expect("English locale files are UTF-8");
            let shown = path.strip_prefix(&root).unwrap_or(&path).to_path_buf();
            english.push((Language::En, shown, text));
        }
        let english_texts: Vec<String> = english.iter().map(|(_, _, t)| t.clone()).collect();
        let english_ids = lint_sources(&english_texts, &[], Language::Ar).missing;
        assert!(!english_ids.is_empty(), "English has no messages");
        Mutex::new(Fixture {
            site,
            files,
            digests,
            english,
            english_ids,
        })
    });
    // A finding panics with the lock held; later inputs must still run.
    fixture
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Shows `problems` as `check` does (with source snippets from `text`), and checks that
/// each names the file it is about.
fn report(problems: &[Problem], shown: &Path, text: Option<&str>) {
    assert!(
        !problems.is_empty(),
        "the input was refused without a problem"
    );
    let rendered = diag::render_with(problems, false, |file| {
        (file == shown).then(|| text.map(str::to_string)).flatten()
    });
    assert!(rendered.contains(&*shown.to_string_lossy()));
}

/// `notes`: bytes as a notes file `digests/fuzz.yaml`, loaded as `build` and `check` load
/// it; when it loads, the whole site with it as the only digest, in every language and
/// format (HTML, Markdown, wikitext, search index, feeds, sitemap).
pub fn notes(data: &[u8]) {
    let shown = Path::new("digests/fuzz.yaml");
    let digest = match notes::load_bytes(data.to_vec(), shown, DEFAULT_SLUG) {
        Ok(digest) => digest,
        Err(problems) => {
            report(&problems, shown, std::str::from_utf8(data).ok());
            return;
        }
    };
    let mut fixture = fixture();
    let fixture = &mut *fixture;
    // The translations of this digest, as `translate::load` builds them from the files
    // named after its slug.
    let files = fixture.files.get(&digest.slug).cloned().unwrap_or_default();
    fixture.site.translations.digests =
        BTreeMap::from([(digest.slug.clone(), DigestTranslations::new(&digest, files))]);
    fixture.site.digests = vec![digest];
    let site = &fixture.site;
    let templates = site.templates.as_ref().expect("the templates loaded");
    match site::render(site, templates, Formats::default()) {
        Ok(files) => assert!(
            files.iter().any(|f| f.path.ends_with("/index.html")),
            "no page was rendered"
        ),
        Err(message) => panic!("notes that load did not render: {message}"),
    }
}

/// The arguments the code passes to messages (see `src/render/view/`), with `n` for every
/// number: every message is formatted with all of them, as a message may use any.
fn arguments(n: f64) -> Vec<(&'static str, Arg)> {
    vec![
        ("count", Arg::Num(n)),
        ("minutes", Arg::Num(n)),
        ("percent", Arg::Num(n)),
        ("number", Arg::Num(n)),
        ("approx", Arg::from(if n == 1.0 { "yes" } else { "no" })),
        ("name", Arg::from("Claudia")),
        ("names", Arg::from("Anna and Claudia")),
        ("speaker", Arg::from("Claudia")),
        ("gender", Arg::from("feminine")),
        ("affiliation", Arg::from("Wikimedia México")),
        ("team", Arg::from("Community Resources")),
        ("from", Arg::from("Buenos Aires")),
        ("series", Arg::from("Wikimedia Clinics")),
        ("title", Arg::from("Wikimedia Clinic #006")),
        ("kind", Arg::from("call")),
        ("when", Arg::from("16 July 2020")),
        ("date", Arg::from("2020-07-16")),
        ("time", Arg::from("14:30")),
        ("timezone", Arg::from("UTC")),
        ("language", Arg::from("Spanish")),
        ("languages", Arg::from("in Spanish")),
        ("held", Arg::from("in Spanish")),
        ("code", Arg::from("es")),
        ("label", Arg::from("Question")),
        ("groups", Arg::from("7 staff and 10 volunteers")),
    ]
}

/// Numbers that reach every CLDR plural category of Arabic and Russian (zero, one, two,
/// few, many, other; 103 and 111 are where other rules go wrong), and a fraction.
const NUMBERS: [f64; 7] = [0.0, 1.0, 2.0, 3.0, 11.0, 103.0, 1.5];

/// How many messages that English lacks the `fluent` target formats.
const EXTRA_MESSAGES: usize = 32;

/// `fluent`: bytes as a locale file of Arabic and of Russian (`locales/<code>/fuzz.ftl`)
/// beside the real English files, loaded as `build` loads locale folders, linted as
/// `status` lints them, and every message (English's and the file's own) formatted in both
/// languages with the code's arguments.
pub fn fluent(data: &[u8]) {
    // A file that is not UTF-8 cannot be read as text; the loader says so and goes on.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let fixture = fixture();
    let languages = [Language::Ar, Language::Ru];
    let mut sources = fixture.english.clone();
    for language in languages {
        let shown = PathBuf::from(format!("locales/{}/fuzz.ftl", language.code()));
        sources.push((language, shown, text.to_string()));
    }
    let (localizer, problems) = Localizer::from_sources(Path::new("locales"), &sources);
    if !problems.is_empty() {
        let rendered = diag::render_with(&problems, false, |file| {
            sources
                .iter()
                .find(|(_, shown, _)| shown == file)
                .map(|(_, _, text)| text.clone())
        });
        assert!(!rendered.is_empty());
    }
    let english: Vec<String> = fixture.english.iter().map(|(_, _, t)| t.clone()).collect();
    let mut ids: BTreeSet<String> = fixture.english_ids.iter().cloned().collect();
    for language in languages {
        let lint = lint_sources(&english, &[text.to_string()], language);
        // The code only asks for English's messages; a few of the file's own are formatted
        // too, for the resolver's sake (not thousands: that only measures their number).
        ids.extend(lint.obsolete.into_iter().take(EXTRA_MESSAGES));
    }
    for language in languages {
        for id in &ids {
            for n in NUMBERS {
                let _ = localizer.text(language, id, &arguments(n));
            }
        }
    }
    let _ = localizer.runtime_problems();
}

/// The first byte of a `translation` input that selects digest `slug` and language `code`
/// (`fuzz/seed.sh` computes the same).
pub fn translation_selector(code: &str, slug: &str) -> Option<u8> {
    let language: Language = code.parse().ok()?;
    let fixture = fixture();
    let digest = fixture.digests.iter().position(|d| d.slug == slug)?;
    let language = Language::ALL.iter().position(|&l| l == language)?;
    u8::try_from(language * fixture.digests.len() + digest).ok()
}

/// `translation`: the first byte picks an example digest (sorted by slug) and a language;
/// the rest is that digest's translation file in that language
/// (`locales/<code>/digests/<slug>.yaml`), read as `build` reads it. When it reads, it is
/// updated as `heptaglot translate` updates it, and:
/// - the written file reads back, and writing that gives the same text (round trip);
/// - updating the written file changes nothing (`translate` twice equals once);
/// - every translation in the input is still in the output (nothing lost).
pub fn translation(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let fixture = fixture();
    let digest = &fixture.digests[usize::from(selector) % fixture.digests.len()];
    let language = Language::ALL[usize::from(selector) / fixture.digests.len() % 7];
    let shown = file::path_for(Path::new("locales"), language, &digest.slug);
    // As `translate::load` reads the file.
    let text = match diag::utf8_text(rest.to_vec(), &shown) {
        Ok(text) => text,
        Err(problem) => {
            report(&[*problem], &shown, None);
            return;
        }
    };
    let text = text.as_str();
    let parsed = match file::parse(text, &shown, (language, &digest.slug)) {
        Ok(parsed) => parsed,
        Err(problems) => {
            report(&problems, &shown, Some(text));
            return;
        }
    };
    let dt = DigestTranslations::new(digest, BTreeMap::from([(language, parsed.clone())]));
    // `translate` never writes a file in the notes' own language.
    if language == dt.source {
        return;
    }
    let _ = dt.coverage(language);
    let (updated, _) = translate::update(digest, &dt, language);
    let written = file::write(&updated);
    let reread = match file::parse(&written, &shown, (language, &digest.slug)) {
        Ok(reread) => reread,
        Err(problems) => {
            let problems: Vec<String> = problems.iter().map(Problem::to_string).collect();
            panic!("the written file does not read back: {problems:#?}\n---\n{written}")
        }
    };
    assert_eq!(
        file::write(&reread),
        written,
        "the written file does not read back as written"
    );
    let dt2 = DigestTranslations::new(digest, BTreeMap::from([(language, reread)]));
    let (again, _) = translate::update(digest, &dt2, language);
    assert_eq!(
        file::write(&again),
        written,
        "translate twice differs from translate once"
    );
    let kept: BTreeSet<&str> = updated
        .units
        .iter()
        .chain(&updated.obsolete)
        .filter_map(|e| e.text())
        .collect();
    for entry in parsed.units.iter().chain(&parsed.obsolete) {
        if let Some(text) = entry.text() {
            assert!(
                kept.contains(text),
                "the translation of {} was lost: {text:?}",
                entry.id
            );
        }
    }
}
