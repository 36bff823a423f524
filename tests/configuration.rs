//! What `heptaglot.toml` changes on the pages (docs/configuration.md): `outdated`,
//! `[fallback]` and `output`, each on a copy of the example site built through the CLI,
//! against the same site built without the setting.

mod common;

use std::path::Path;

use common::{heptaglot, site, stderr};

/// Builds the site at `root` with `config` as its `heptaglot.toml`.
fn build_with(root: &Path, config: &str) {
    std::fs::write(root.join("heptaglot.toml"), config).unwrap();
    let output = heptaglot(root, &["build"]);
    assert!(output.status.success(), "{}", stderr(&output));
}

fn read(root: &Path, path: &str) -> String {
    let path = root.join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A unit of the example that the French translator translated from an earlier version of
/// its source (`outdated: true`): the French words, and the current English source.
const OUTDATED_FR: &str = "Au Mexique, la pandémie repart.";
const OUTDATED_SOURCE: &str =
    "In Mexico, the pandemic is resurging and could go on for a long time.";

#[test]
fn outdated_source_shows_the_current_source_instead_of_the_old_translation() {
    let dir = site(true);
    build_with(dir.path(), "outdated = \"mark\"\n");
    let page = read(dir.path(), "public/fr/wikimedia-clinic-006/index.html");
    assert!(
        page.contains(OUTDATED_FR),
        "mark: the old translation shows"
    );
    assert!(!page.contains(OUTDATED_SOURCE));
    let markdown = read(dir.path(), "public/fr/wikimedia-clinic-006.md");
    assert!(markdown.contains(OUTDATED_FR));

    build_with(dir.path(), "outdated = \"source\"\n");
    let page = read(dir.path(), "public/fr/wikimedia-clinic-006/index.html");
    assert!(
        !page.contains(OUTDATED_FR),
        "source: the old translation is gone"
    );
    assert!(
        page.contains(&format!(
            "fallback\" lang=\"en\" dir=\"ltr\">{OUTDATED_SOURCE}"
        )),
        "source: the current English text, marked as English"
    );
    let markdown = read(dir.path(), "public/fr/wikimedia-clinic-006.md");
    assert!(!markdown.contains(OUTDATED_FR));
    assert!(markdown.contains(OUTDATED_SOURCE));
}

/// A unit translated into French but not into Arabic.
const FR_ONLY: &str = "Nous avons également travaillé avec Wikimedia Argentina";
const EN_SOURCE: &str = "We also worked with Wikimedia Argentina";

#[test]
fn a_fallback_chain_shows_untranslated_passages_in_its_first_language_that_has_them() {
    let dir = site(true);
    let ar = "public/ar/wikimedia-clinic-006/index.html";
    // The default chain: the notes' language (English).
    build_with(dir.path(), "");
    let page = read(dir.path(), ar);
    assert!(page.contains(EN_SOURCE));
    assert!(!page.contains(FR_ONLY));

    build_with(dir.path(), "[fallback]\nar = [\"fr\", \"en\"]\n");
    let page = read(dir.path(), ar);
    assert!(
        page.contains(&format!("fallback\" lang=\"fr\" dir=\"ltr\">{FR_ONLY}")),
        "Arabic shows the French translation, marked as French"
    );
    assert!(!page.contains(EN_SOURCE));
    // Other languages keep the default chain.
    let de = read(dir.path(), "public/de/wikimedia-clinic-006/index.html");
    assert!(de.contains(EN_SOURCE) && !de.contains(FR_ONLY));
}

#[test]
fn output_names_the_folder_build_writes() {
    let dir = site(true);
    build_with(dir.path(), "output = \"site\"\n");
    assert!(
        dir.path()
            .join("site/en/wikimedia-clinic-006/index.html")
            .is_file()
    );
    assert!(dir.path().join("site/.heptaglot-output").is_file());
    assert!(!dir.path().join("public").exists());
    // `--out` overrides it.
    let output = heptaglot(dir.path(), &["build", "--out", "elsewhere"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(dir.path().join("elsewhere/en/index.html").is_file());
    assert!(!dir.path().join("public").exists());
}
