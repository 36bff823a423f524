//! Content translation through the binary: `translate`, fallback on the pages, outdated
//! marks, percentages and `status`.

mod common;

use common::{heptaglot, notes, site, stderr};
use std::path::Path;

const NOTES: &str = "people:\n  ana:\n    name: Ana\n  bo:\n    name: Bo\ntopics:\n  - title: First topic\n    points:\n      - speaker: ana\n        text: The first point.\n      - speaker: bo\n        text: The second point.\n      - speaker: ana\n        text: The third point.\n";

fn write_notes(root: &Path, body: &str) {
    std::fs::write(root.join("digests/test-001.yaml"), notes(body)).unwrap();
}

fn translation(root: &Path, lang: &str) -> String {
    std::fs::read_to_string(root.join(format!("locales/{lang}/digests/test-001.yaml"))).unwrap()
}

/// Fills in `translation:` for the unit whose source is `source`.
fn translate_unit(root: &Path, lang: &str, source: &str, text: &str) {
    let path = root.join(format!("locales/{lang}/digests/test-001.yaml"));
    let file = std::fs::read_to_string(&path).unwrap();
    let marker = format!("source: {source}\n    translation:\n");
    assert!(
        file.contains(&marker),
        "no empty unit for {source:?} in\n{file}"
    );
    let updated = file.replace(
        &marker,
        &format!("source: {source}\n    translation: {text}\n"),
    );
    std::fs::write(path, updated).unwrap();
}

fn status_json(root: &Path) -> serde_json::Value {
    let out = heptaglot(root, &["status", "--format", "json"]);
    serde_json::from_slice(&out.stdout).unwrap()
}

fn coverage(status: &serde_json::Value, lang: &str) -> serde_json::Value {
    status["digests"][0]["languages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["language"] == lang)
        .unwrap()
        .clone()
}

fn translated_site() -> tempfile::TempDir {
    let dir = site(false);
    let root = dir.path();
    write_notes(root, NOTES);
    let out = heptaglot(root, &["translate", "test-001", "--to", "fr"]);
    assert!(out.status.success(), "{}", stderr(&out));
    translate_unit(root, "fr", "First topic", "Premier sujet");
    translate_unit(root, "fr", "The first point.", "Le premier point.");
    translate_unit(root, "fr", "The second point.", "Le deuxième point.");
    dir
}

#[test]
fn translate_is_idempotent_and_keeps_translations() {
    let dir = translated_site();
    let root = dir.path();
    let before = translation(root, "fr");
    let out = heptaglot(root, &["translate", "test-001", "--to", "fr"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("unchanged"));
    assert_eq!(translation(root, "fr"), before);
    assert!(before.contains("translation: Le premier point."));
}

#[test]
fn inserting_a_point_neither_misaligns_nor_outdates_others() {
    let dir = translated_site();
    let root = dir.path();
    write_notes(
        root,
        &NOTES.replace(
            "    points:\n",
            "    points:\n      - speaker: bo\n        text: A new opening point.\n",
        ),
    );
    let status = status_json(root);
    let fr = coverage(&status, "fr");
    // 5 units: the heading, the new point and three old ones; 3 still translated.
    assert_eq!(
        (
            fr["units"].as_u64(),
            fr["translated"].as_u64(),
            fr["outdated"].as_u64()
        ),
        (Some(5), Some(3), Some(0))
    );
    let out = heptaglot(root, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = std::fs::read_to_string(root.join("public/fr/test-001/index.html")).unwrap();
    let first = page.find("Le premier point.").unwrap();
    let second = page.find("Le deuxième point.").unwrap();
    let new = page.find("A new opening point.").unwrap();
    assert!(new < first && first < second, "order kept");
}

#[test]
fn editing_one_sentence_outdates_exactly_that_unit() {
    let dir = translated_site();
    let root = dir.path();
    write_notes(
        root,
        &NOTES.replace("The second point.", "The second point, edited."),
    );
    let fr = coverage(&status_json(root), "fr");
    assert_eq!(
        (
            fr["translated"].as_u64(),
            fr["outdated"].as_u64(),
            fr["missing"].as_u64()
        ),
        (Some(2), Some(1), Some(1))
    );
    let out = heptaglot(root, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = std::fs::read_to_string(root.join("public/fr/test-001/index.html")).unwrap();
    assert!(
        page.contains("<span class=\"outdated\""),
        "outdated translation marked"
    );
    assert_eq!(page.matches("class=\"outdated-mark\"").count(), 1);
    // translate records the change: the old source kept, the unit flagged, nothing lost.
    let out = heptaglot(root, &["translate", "test-001", "--to", "fr"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 outdated"));
    let file = translation(root, "fr");
    assert!(file.contains("previous_source: The second point.\n    outdated: true\n    translation: Le deuxième point."));
    let fr = coverage(&status_json(root), "fr");
    assert_eq!(fr["outdated"].as_u64(), Some(1));
}

#[test]
fn removed_units_become_obsolete_not_lost() {
    let dir = translated_site();
    let root = dir.path();
    write_notes(
        root,
        &NOTES.replace("      - speaker: ana\n        text: The first point.\n", ""),
    );
    let out = heptaglot(root, &["translate", "test-001", "--to", "fr"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let file = translation(root, "fr");
    let obsolete = file
        .split("\nobsolete:\n")
        .nth(1)
        .expect("an obsolete section");
    assert!(obsolete.contains("translation: Le premier point."));
    // Putting the point back brings its translation back.
    write_notes(root, NOTES);
    let out = heptaglot(root, &["translate", "test-001", "--to", "fr"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!translation(root, "fr").contains("\nobsolete:\n"));
    assert_eq!(
        coverage(&status_json(root), "fr")["translated"].as_u64(),
        Some(3)
    );
}

#[test]
fn fallback_text_carries_its_language_and_the_page_says_how_complete_it_is() {
    let dir = translated_site();
    let root = dir.path();
    let out = heptaglot(root, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let fr = std::fs::read_to_string(root.join("public/fr/test-001/index.html")).unwrap();
    // 3 of 4 units: 75 %.
    assert!(fr.contains("75\u{202f}%"), "percentage in the notice");
    // An untranslated point is a block in its own language and direction; the notice at the
    // top says once what that means, so the passage carries no tooltip of its own.
    assert!(
        fr.contains("<div class=\"text fallback\" lang=\"en\" dir=\"ltr\">"),
        "{fr}"
    );
    assert!(!fr.contains("title=\"pas encore traduit"), "{fr}");
    let ar = std::fs::read_to_string(root.join("public/ar/test-001/index.html")).unwrap();
    assert!(ar.contains("<html lang=\"ar\" dir=\"rtl\">"));
    assert!(ar.contains("class=\"text fallback\" lang=\"en\" dir=\"ltr\""));
    let md = std::fs::read_to_string(root.join("public/fr/test-001.md")).unwrap();
    assert!(md.contains("Le premier point."));
    assert!(md.contains("The third point. *[pas encore traduit"), "{md}");
}

#[test]
fn status_json_is_stable_and_min_percent_fails_below() {
    let dir = translated_site();
    let root = dir.path();
    let first = heptaglot(root, &["status", "--format", "json"]);
    let second = heptaglot(root, &["status", "--format", "json"]);
    assert_eq!(first.stdout, second.stdout);
    let fr = coverage(&status_json(root), "fr");
    assert_eq!(fr["percent"].as_u64(), Some(75));
    assert!(
        heptaglot(root, &["status", "--min-percent", "0"])
            .status
            .success()
    );
    let low = heptaglot(root, &["status", "--min-percent", "80"]);
    assert!(!low.status.success());
    assert!(stderr(&low).contains("test-001 is 75% translated into fr"));
}

#[test]
fn the_example_french_page_shows_translations_fallback_and_an_outdated_unit() {
    let dir = site(true);
    let root = dir.path();
    let out = heptaglot(root, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page =
        std::fs::read_to_string(root.join("public/fr/wikimedia-clinic-006/index.html")).unwrap();
    assert!(page.contains("Sujet 1\u{a0}: Introduction"));
    assert!(page.contains("lang=\"en\" dir=\"ltr\""));
    assert_eq!(page.matches("class=\"outdated-mark\"").count(), 1);
    let status = String::from_utf8_lossy(&heptaglot(root, &["status"]).stdout).into_owned();
    assert!(
        status.contains("wikimedia-clinic-006     es            100%"),
        "{status}"
    );
}

#[test]
fn translate_says_created_updated_or_unchanged_and_counts_outdated_and_empty_apart() {
    let dir = site(false);
    let root = dir.path();
    write_notes(root, NOTES);
    let out = heptaglot(root, &["translate", "test-001", "--to", "fr"]);
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        said.contains(
            "locales/fr/digests/test-001.yaml: created (4 new; 0 translated, 0 outdated, 0 proposed, 4 empty)"
        ),
        "{said}"
    );
    translate_unit(root, "fr", "First topic", "Premier sujet");
    translate_unit(root, "fr", "The first point.", "Le premier point.");
    translate_unit(root, "fr", "The second point.", "Le deuxième point.");
    write_notes(
        root,
        &NOTES.replace("The second point.", "The second point, edited."),
    );
    let out = heptaglot(root, &["translate", "test-001", "--to", "fr"]);
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        said.contains("test-001.yaml: updated (1 changed in the notes; 2 translated, 1 outdated, 0 proposed, 1 empty)"),
        "{said}"
    );
    // The outdated unit still waits: unchanged, and it says so.
    let out = heptaglot(root, &["translate", "test-001", "--to", "fr"]);
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        said.contains("test-001.yaml: unchanged (2 translated, 1 outdated, 0 proposed, 1 empty)"),
        "{said}"
    );
}

/// A small seeded generator (SplitMix64): the same tries on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A translator saves the French file (as editors do: a new file renamed over it) at a
/// randomized moment while `translate --all` runs: before it reads, while it is about to
/// replace the file (the window widened by the test-only pause), or after. In 100 tries no
/// save is lost: either `translate` read it, or it stopped and named the file, or the save
/// came last.
#[test]
fn a_translator_saving_during_translate_loses_nothing() {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};

    let dir = site(false);
    let root = dir.path();
    write_notes(root, NOTES);
    let first = heptaglot(root, &["translate", "--all"]);
    assert!(first.status.success(), "{}", stderr(&first));
    translate_unit(root, "fr", "The first point.", "Le premier point.");
    let folder = root.join("locales/fr/digests");
    let file = folder.join("test-001.yaml");
    let base = std::fs::read_to_string(&file).unwrap();
    assert!(base.contains("translation: Le premier point.\n"));

    let mut rng = Rng(0x5EED_2026);
    let (mut lost, mut stopped) = (Vec::new(), 0);
    for attempt in 0..100 {
        std::fs::write(&file, &base).unwrap();
        // The notes change at every try, so `translate` rewrites every file.
        write_notes(
            root,
            &NOTES.replace(
                "The second point.",
                &format!("The second point, take {attempt}."),
            ),
        );
        let saved = base.replace(
            "translation: Le premier point.\n",
            &format!("translation: SAVED-{attempt}\n"),
        );
        let child = Command::new(env!("CARGO_BIN_EXE_heptaglot"))
            .args(["--root", &root.to_string_lossy(), "translate", "--all"])
            .env("NO_COLOR", "1")
            .env("HEPTAGLOT_TEST_PAUSE_BEFORE_REPLACE", "30")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let temp = folder.join(format!(".test-001.yaml.heptaglot-{}", child.id()));
        // One try in five saves at once (mostly before translate reads); the others once
        // translate is about to replace the file, after 0 to 45 ms.
        let (at_once, wait) = (rng.below(5) == 0, rng.below(46));
        let ended = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let translator = {
            let (file, folder, ended) = (file.clone(), folder.clone(), ended.clone());
            std::thread::spawn(move || {
                if !at_once {
                    // Until translate is about to replace the file, or has ended (a hang
                    // guard too).
                    let started = Instant::now();
                    while !temp.exists()
                        && !ended.load(std::sync::atomic::Ordering::SeqCst)
                        && started.elapsed() < Duration::from_secs(120)
                    {
                        std::thread::sleep(Duration::from_millis(1));
                    }
                    std::thread::sleep(Duration::from_millis(wait));
                }
                let draft = folder.join("translator-draft.tmp");
                std::fs::write(&draft, saved).unwrap();
                std::fs::rename(&draft, &file).unwrap();
            })
        };
        let output = child.wait_with_output().unwrap();
        ended.store(true, std::sync::atomic::Ordering::SeqCst);
        translator.join().unwrap();
        let said = String::from_utf8_lossy(&output.stderr);
        if !output.status.success() {
            assert!(
                said.contains("test-001.yaml") && said.contains("changed while `translate` ran"),
                "{said}"
            );
            stopped += 1;
        }
        let now = std::fs::read_to_string(&file).unwrap();
        if !now.contains(&format!("SAVED-{attempt}\n")) {
            lost.push(attempt);
        }
    }
    assert!(lost.is_empty(), "saves lost in tries {lost:?}");
    // The window was hit: some tries ended with translate stopping on the saved file.
    assert!(
        stopped > 0,
        "no save landed while translate was about to write"
    );
    eprintln!("{stopped} of 100 tries stopped on the saved file; none lost");
}
