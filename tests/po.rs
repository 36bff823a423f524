//! Translation files as gettext PO, judged by the tools translators use: Debian's gettext
//! (`msgfmt --check`, `msgmerge`, `msgcat`), Python's `polib` and translate-toolkit's
//! `pocount`. Where a tool is missing these tests say so and skip, except under `CI=true`
//! (`.ci/run` installs them), where they fail.

mod common;

use common::{heptaglot, notes, published, site, stderr};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Whether `program` runs; panics under CI when it does not.
fn have(program: &str, args: &[&str]) -> bool {
    let ok = Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{program} is missing: .ci/run installs gettext, python3-polib and translate-toolkit"
        );
        eprintln!(
            "skipped: {program} is not installed (apt-get install gettext python3-polib translate-toolkit)"
        );
    }
    ok
}

/// A Python that imports polib (Debian's python3-polib is in /usr/bin/python3, which may
/// not be the first python3 on the PATH).
fn python_with_polib() -> Option<&'static str> {
    for python in ["python3", "/usr/bin/python3"] {
        if Command::new(python)
            .args(["-c", "import polib"])
            .output()
            .is_ok_and(|o| o.status.success())
        {
            return Some(python);
        }
    }
    have("python3-polib", &[]);
    None
}

fn run(root: &Path, args: &[&str]) -> String {
    let out = heptaglot(root, args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn use_po(root: &Path, extra: &str) {
    std::fs::write(
        root.join("heptaglot.toml"),
        format!("[translation]\nformat = \"po\"\n{extra}"),
    )
    .unwrap();
}

/// A copy of the example site, translated into every language as PO.
fn po_site() -> tempfile::TempDir {
    let dir = site(true);
    use_po(dir.path(), "");
    run(dir.path(), &["translate", "--all"]);
    dir
}

/// The translation and template files under `root/locales`, sorted.
fn files(root: &Path, extension: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = walkdir::WalkDir::new(root.join("locales"))
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == extension))
        .collect();
    found.sort();
    found
}

/// (translated, fuzzy, untranslated) per `locales/<lang>/digests/<slug>.po`, from `status`.
fn status_counts(root: &Path) -> Vec<(String, [u64; 3])> {
    let status: serde_json::Value =
        serde_json::from_str(&run(root, &["status", "--format", "json"])).unwrap();
    let mut counts = Vec::new();
    for digest in status["digests"].as_array().unwrap() {
        for l in digest["languages"].as_array().unwrap() {
            if l["original"].as_bool().unwrap() {
                continue;
            }
            let n = |k: &str| l[k].as_u64().unwrap();
            let path = format!(
                "locales/{}/digests/{}.po",
                l["language"].as_str().unwrap(),
                digest["digest"].as_str().unwrap()
            );
            counts.push((
                path,
                [
                    n("translated"),
                    n("outdated") + l["memory"]["proposed"].as_u64().unwrap(),
                    n("missing"),
                ],
            ));
        }
    }
    counts.sort();
    counts
}

/// (translated, fuzzy, untranslated) of each file, as `pocount --csv` counts them.
fn pocount_counts(root: &Path, files: &[PathBuf]) -> Vec<(String, [u64; 3])> {
    let out = Command::new("pocount")
        .arg("--csv")
        .args(files)
        .current_dir(root)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let mut counts: Vec<(String, [u64; 3])> = text
        .lines()
        .skip(1)
        .map(|line| {
            let cells: Vec<&str> = line.split(',').map(str::trim).collect();
            let n = |i: usize| cells[i].parse::<u64>().unwrap();
            let name = Path::new(cells[0]).strip_prefix(root).unwrap();
            (name.display().to_string(), [n(1), n(4), n(6)])
        })
        .collect();
    counts.sort();
    counts
}

/// (translated, fuzzy, untranslated) of each file, as polib counts them.
fn polib_counts(python: &str, root: &Path, files: &[PathBuf]) -> Vec<(String, [u64; 3])> {
    let script = "import json, polib, sys\n\
        print(json.dumps({f: [len(p.translated_entries()), len(p.fuzzy_entries()), len(p.untranslated_entries())] \
        for f in sys.argv[1:] for p in [polib.pofile(f)]}))";
    let out = Command::new(python)
        .args(["-c", script])
        .args(files)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let map: std::collections::BTreeMap<String, [u64; 3]> =
        serde_json::from_slice(&out.stdout).unwrap();
    map.into_iter()
        .map(|(f, c)| {
            let name = Path::new(&f).strip_prefix(root).unwrap();
            (name.display().to_string(), c)
        })
        .collect()
}

fn msgfmt_check(path: &Path) {
    let out = Command::new("msgfmt")
        .args(["--check", "--check-format", "-o", "/dev/null"])
        .arg(path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "msgfmt --check rejects {}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn every_po_file_passes_msgfmt_and_counts_as_status_does() {
    if !have("msgfmt", &["--version"]) || !have("pocount", &["--help"]) {
        return;
    }
    let Some(python) = python_with_polib() else {
        return;
    };
    let dir = po_site();
    let root = dir.path();
    let po = files(root, "po");
    let pot = files(root, "pot");
    // 3 digests × 6 languages, and a template per digest in the notes' language.
    assert_eq!(po.len(), 18);
    assert_eq!(pot.len(), 3);
    assert!(
        files(root, "yaml")
            .iter()
            .all(|p| p.ends_with("glossary.yaml"))
    );
    for file in po.iter().chain(&pot) {
        msgfmt_check(file);
    }
    let status = status_counts(root);
    assert_eq!(pocount_counts(root, &po), status);
    assert_eq!(polib_counts(python, root, &po), status);
    // The French digest as the example has it: 25 translated, 1 outdated, 23 empty.
    assert!(status.contains(&(
        "locales/fr/digests/wikimedia-clinic-006.po".into(),
        [25, 1, 23]
    )));
    // Templates: every unit, nothing translated.
    let templates = pocount_counts(root, &pot);
    assert!(
        templates
            .iter()
            .all(|(_, [t, f, u])| *t == 0 && *f == 0 && *u > 0)
    );
}

#[test]
fn pages_are_the_same_from_po_as_from_yaml() {
    let dir = site(true);
    let root = dir.path();
    run(root, &["build"]);
    let before: Vec<(String, String)> = [
        "fr/wikimedia-clinic-006/index.html",
        "fr/wikimedia-clinic-006.md",
        "ar/wikimedia-clinic-006/index.html",
    ]
    .iter()
    .map(|p| (p.to_string(), published(root, p)))
    .collect();
    use_po(root, "");
    let out = run(root, &["translate", "--convert", "po"]);
    assert!(out.contains("locales/fr/digests/wikimedia-clinic-006.po: converted from locales/fr/digests/wikimedia-clinic-006.yaml"), "{out}");
    assert!(
        !root
            .join("locales/fr/digests/wikimedia-clinic-006.yaml")
            .exists()
    );
    run(root, &["build"]);
    for (path, html) in before {
        assert_eq!(published(root, &path), html, "{path} changed");
    }
}

/// Every file under `locales/` with its bytes.
fn tree(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut all: Vec<_> = walkdir::WalkDir::new(root.join("locales"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(root).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    all.sort();
    all
}

#[test]
fn converting_to_po_and_back_loses_nothing() {
    let dir = site(true);
    let root = dir.path();
    run(root, &["translate", "--all"]);
    // Every kind of entry: a note, an outdated one with its previous source, an obsolete
    // one, a memory proposal, tools' header fields.
    let fr = root.join("locales/fr/digests/wikimedia-clinic-006.yaml");
    let text = std::fs::read_to_string(&fr).unwrap();
    let text = text.replacen(
        "    translation: Principes en bref\n",
        "    translation: Principes en bref\n    note: \"vérifié avec l'oratrice\\n\\ndeux lignes\"\n",
        1,
    );
    let text = format!(
        "{text}obsolete:\n  point-0badcafe:\n    hash: \"0000000000000000\"\n    source: \"A \\\"gone\\\"\\tpoint\\\\\"\n    translation: Un point parti\n    note: a note\n  point-12345678:\n    place: Topic 9\n    hash: \"3e2b9b3c31cff0a1\"\n    source: Gone too\n    memory: x/y\n    previous_source: Gone\n    translation: Parti aussi\nheader:\n  Last-Translator: Ana <ana@example.org>\n  X-Generator: Poedit 3.4\n"
    );
    let text = text.replacen(
        "    source: Needed support from the Foundation\n    translation:\n",
        "    source: Needed support from the Foundation\n    memory: clinic-005/support.title\n    previous_source: Support needed from the Foundation\n    outdated: true\n    translation: Soutien attendu de la Fondation\n",
        1,
    );
    std::fs::write(&fr, text).unwrap();
    // Written once by translate, in its own layout; nothing of the above is dropped.
    run(root, &["translate", "wikimedia-clinic-006", "--to", "fr"]);
    let written = std::fs::read_to_string(&fr).unwrap();
    for kept in [
        "deux lignes",
        "point-0badcafe",
        "memory: x/y",
        "memory: clinic-005/support.title",
        "X-Generator",
    ] {
        assert!(written.contains(kept), "{kept}");
    }
    let before = tree(root);
    run(root, &["translate", "--convert", "po"]);
    assert!(files(root, "po").len() == 18);
    let po =
        std::fs::read_to_string(root.join("locales/fr/digests/wikimedia-clinic-006.po")).unwrap();
    assert!(
        po.contains("\"Last-Translator: Ana <ana@example.org>\\n\""),
        "{po}"
    );
    assert!(po.contains("#~ msgctxt \"point-0badcafe\""), "{po}");
    assert!(
        po.contains("# vérifié avec l'oratrice\n#\n# deux lignes\n"),
        "{po}"
    );
    run(root, &["translate", "--convert", "yaml"]);
    // The templates stay (a site may go back to PO); everything else is as it was.
    let after: Vec<_> = tree(root)
        .into_iter()
        .filter(|(p, _)| p.extension().is_none_or(|e| e != "pot"))
        .collect();
    for ((a, x), (b, y)) in before.iter().zip(&after) {
        assert_eq!(a, b);
        let (x, y) = (String::from_utf8_lossy(x), String::from_utf8_lossy(y));
        if let Some((n, (l, r))) = x
            .lines()
            .zip(y.lines())
            .enumerate()
            .find(|(_, (l, r))| l != r)
        {
            panic!("{}:{}: {l:?} became {r:?}", a.display(), n + 1);
        }
        assert_eq!(x, y, "{}", a.display());
    }
    assert_eq!(before.len(), after.len());
}

#[test]
fn editing_one_source_sentence_makes_exactly_that_entry_fuzzy() {
    if !have("msgfmt", &["--version"]) {
        return;
    }
    let Some(python) = python_with_polib() else {
        return;
    };
    let dir = po_site();
    let root = dir.path();
    let notes_file = root.join("digests/wikimedia-clinic-006.yaml");
    let text = std::fs::read_to_string(&notes_file).unwrap();
    let edited = text.replacen(
        "listen with patience and respect",
        "listen with patience, kindness and respect",
        1,
    );
    assert_ne!(edited, text);
    std::fs::write(&notes_file, edited).unwrap();
    let out = run(root, &["translate", "wikimedia-clinic-006", "--to", "fr"]);
    assert!(
        out.contains("fr/digests/wikimedia-clinic-006.po: updated (1 changed in the notes; 24 translated, 2 outdated, 0 proposed, 23 empty)"),
        "{out}"
    );
    let fr = root.join("locales/fr/digests/wikimedia-clinic-006.po");
    msgfmt_check(&fr);
    let script = "import polib, sys\n\
        for e in polib.pofile(sys.argv[1]).fuzzy_entries(): print(e.msgctxt, '|', (e.previous_msgid or '').split(chr(10))[0])";
    let out = Command::new(python)
        .args(["-c", script])
        .arg(&fr)
        .output()
        .unwrap();
    let fuzzy = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = fuzzy.lines().collect();
    // The one outdated before, and the edited one with its previous msgid.
    assert_eq!(lines.len(), 2, "{fuzzy}");
    assert!(
        lines.contains(&"quick-principles.body | - listen with patience and respect"),
        "{fuzzy}"
    );
}

/// The (outdated, proposed) counts of `lang`'s translation of Clinic #006, from `status`.
fn outdated_and_proposed(root: &Path, lang: &str) -> (u64, u64) {
    let status: serde_json::Value =
        serde_json::from_str(&run(root, &["status", "--format", "json"])).unwrap();
    let digest = (status["digests"].as_array().unwrap().iter())
        .find(|d| d["digest"] == "wikimedia-clinic-006")
        .unwrap();
    let l = (digest["languages"].as_array().unwrap().iter())
        .find(|l| l["language"] == lang)
        .unwrap();
    (
        l["outdated"].as_u64().unwrap(),
        l["memory"]["proposed"].as_u64().unwrap(),
    )
}

#[test]
fn a_unit_msgmerge_made_fuzzy_is_outdated_not_a_memory_proposal() {
    if !have("msgmerge", &["--version"]) {
        return;
    }
    let dir = po_site();
    let root = dir.path();
    let before = outdated_and_proposed(root, "fr");
    // The note-taker renames a point and edits its text; the template follows (translate
    // into another language writes it), and the French file is merged with it as Poedit's
    // "Update from POT" and Weblate's msgmerge add-on do: gettext writes the old id as the
    // previous context, `#| msgctxt "pandemic-claudia-online.text"`.
    let notes_file = root.join("digests/wikimedia-clinic-006.yaml");
    let text = std::fs::read_to_string(&notes_file).unwrap();
    let edited = text
        .replacen("id: pandemic-claudia-online\n", "id: claudia-online\n", 1)
        .replacen("Since March we have", "Since March, we have", 1);
    assert_ne!(edited, text);
    std::fs::write(&notes_file, edited).unwrap();
    run(root, &["translate", "wikimedia-clinic-006", "--to", "es"]);
    let fr = root.join("locales/fr/digests/wikimedia-clinic-006.po");
    let pot = root.join("locales/en/digests/wikimedia-clinic-006.pot");
    let merged = Command::new("msgmerge")
        .args(["--quiet", "--previous", "--update", "--backup=off"])
        .arg(&fr)
        .arg(&pot)
        .output()
        .unwrap();
    assert!(merged.status.success(), "{}", stderr(&merged));
    let po = std::fs::read_to_string(&fr).unwrap();
    assert!(
        po.contains("#| msgctxt \"pandemic-claudia-online.text\"\n"),
        "{po}"
    );
    // One more outdated unit, no proposal; the page shows the French text marked outdated.
    assert_eq!(outdated_and_proposed(root, "fr"), (before.0 + 1, before.1));
    run(root, &["build"]);
    let page = published(root, "fr/wikimedia-clinic-006/index.html");
    assert!(
        page.contains("Depuis mars, nous avons tout adapté"),
        "{page}"
    );
    // Converted to YAML, it is an outdated unit with its previous source, not a memory one.
    run(root, &["translate", "--convert", "yaml"]);
    let yaml =
        std::fs::read_to_string(root.join("locales/fr/digests/wikimedia-clinic-006.yaml")).unwrap();
    assert!(!yaml.contains("\n    memory:"), "{yaml}");
    let unit = &yaml[yaml.find("  claudia-online.text:\n").unwrap()..];
    let unit: String = (unit.lines().take(1))
        .chain(unit.lines().skip(1).take_while(|l| l.starts_with("    ")))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        unit.contains("previous_source: \"Since March we have"),
        "{unit}"
    );
    assert!(unit.contains("outdated: true"), "{unit}");
}

#[test]
fn tools_rewrapping_and_merging_keep_every_translation() {
    if !have("msgcat", &["--version"]) || !have("msgmerge", &["--version"]) {
        return;
    }
    let dir = po_site();
    let root = dir.path();
    let fr = root.join("locales/fr/digests/wikimedia-clinic-006.po");
    let pot = root.join("locales/en/digests/wikimedia-clinic-006.pot");
    let status = status_counts(root);
    run(root, &["build"]);
    let page = published(root, "fr/wikimedia-clinic-006/index.html");
    // msgcat rewraps at 79 columns and sorts; msgmerge merges with the template as Weblate
    // and Poedit do.
    let sorted = Command::new("msgcat")
        .args(["--sort-output", "-o"])
        .arg(&fr)
        .arg(&fr)
        .output()
        .unwrap();
    assert!(
        sorted.status.success(),
        "{}",
        String::from_utf8_lossy(&sorted.stderr)
    );
    let merged = Command::new("msgmerge")
        .args(["--quiet", "--previous", "--update", "--backup=off"])
        .arg(&fr)
        .arg(&pot)
        .output()
        .unwrap();
    assert!(
        merged.status.success(),
        "{}",
        String::from_utf8_lossy(&merged.stderr)
    );
    let text = std::fs::read_to_string(&fr).unwrap();
    assert!(
        text.lines().any(|l| l.len() <= 80 && l.ends_with(" \"")),
        "not rewrapped:\n{text}"
    );
    assert_eq!(status_counts(root), status);
    run(root, &["build"]);
    assert_eq!(published(root, "fr/wikimedia-clinic-006/index.html"), page);
    // translate writes its own layout again, with the same entries.
    let out = run(root, &["translate", "wikimedia-clinic-006", "--to", "fr"]);
    assert!(
        out.contains("updated (25 translated, 1 outdated, 0 proposed, 23 empty)"),
        "{out}"
    );
    assert_eq!(status_counts(root), status);
}

/// Notes repeating Clinic #006's principles, word for word and with one word changed.
const REPEATS: &str = "topics:\n  - title: Introduction\n    sections:\n      - title: Quick principles\n        body: |\n          - listen with patience and respect\n          - share your experience, but remember others' contexts are very diverse, and may not match yours.\n          - be of service to other people on the call\n\n          These calls are a [Friendly Space](https://meta.wikimedia.org/wiki/Friendly_space_policy).\n      - title: Purpose of the Wikimedia Clinics\n";

#[test]
fn memory_proposes_the_principles_for_review() {
    let dir = po_site();
    let root = dir.path();
    std::fs::write(root.join("digests/clinic-007.yaml"), notes(REPEATS)).unwrap();
    let out = run(
        root,
        &["translate", "clinic-007", "--to", "fr", "--to", "es"],
    );
    for lang in ["fr", "es"] {
        assert!(
            out.contains(&format!("locales/{lang}/digests/clinic-007.po: created (4 new, 4 from memory; 0 translated, 0 outdated, 4 proposed, 0 empty)")),
            "{out}"
        );
    }
    for lang in ["fr", "es"] {
        let po =
            std::fs::read_to_string(root.join(format!("locales/{lang}/digests/clinic-007.po")))
                .unwrap();
        // The body, word for word: proposed from Clinic #006, fuzzy until reviewed.
        assert!(
            po.contains("# heptaglot-memory: wikimedia-clinic-006/quick-principles.body\n"),
            "{lang}:\n{po}"
        );
        // A near match names the source it was translated from.
        assert!(
            po.contains("# heptaglot-memory: wikimedia-clinic-006/clinics-purpose.title\n")
                && po.contains("#, fuzzy\n#| msgid \"Purpose of Wikimedia Clinics\"\n"),
            "{lang}:\n{po}"
        );
    }
    let fr = std::fs::read_to_string(root.join("locales/fr/digests/clinic-007.po")).unwrap();
    assert!(
        fr.contains("msgstr \"\"\n\"- écouter avec patience et respect\\n\""),
        "{fr}"
    );
    let es = std::fs::read_to_string(root.join("locales/es/digests/clinic-007.po")).unwrap();
    assert!(es.contains("Espacio Amigable"), "{es}");
    // Not published before review: the French page shows the English text.
    run(root, &["build"]);
    let page = published(root, "fr/clinic-007/index.html");
    assert!(page.contains("listen with patience and respect"));
    assert!(!page.contains("écouter avec patience"));
    let status = run(root, &["status"]);
    let row = status
        .lines()
        .find(|l| l.starts_with("clinic-007") && l.contains(" fr "))
        .unwrap();
    let cells: Vec<&str> = row.split_whitespace().collect();
    // DIGEST LANGUAGE COMPLETE TRANSLATED OUTDATED PROPOSED MISSING UNITS OBSOLETE MEMORY
    assert_eq!(cells[5], "4", "{row}");
    assert_eq!(cells[9], "4", "{row}");
    // A site that trusts exact matches publishes them.
    use_po(root, "trust_exact_matches = true\n");
    std::fs::remove_file(root.join("locales/fr/digests/clinic-007.po")).unwrap();
    run(root, &["translate", "clinic-007", "--to", "fr"]);
    run(root, &["build"]);
    assert!(published(root, "fr/clinic-007/index.html").contains("écouter avec patience"));
}

#[test]
fn the_glossary_check_reports_a_translated_name() {
    let dir = site(true);
    let root = dir.path();
    run(root, &["translate", "wikimedia-clinic-006", "--to", "de"]);
    let de = root.join("locales/de/digests/wikimedia-clinic-006.yaml");
    let text = std::fs::read_to_string(&de).unwrap();
    // The unit that names Wikimedia Argentina, translated with the name translated too.
    let start = text
        .find("We also worked with Wikimedia Argentina")
        .unwrap();
    let slot = start + text[start..].find("    translation:\n").unwrap();
    let key = text.find("  pandemic-venezuela-webinars.text:\n").unwrap();
    let line = text[..key].lines().count() + 1;
    let text = format!(
        "{}    translation: Wir haben auch mit Wikimedia Argentinien an Webinaren gearbeitet.\n{}",
        &text[..slot],
        &text[slot + "    translation:\n".len()..]
    );
    std::fs::write(&de, text).unwrap();
    let status = run(root, &["status"]);
    let expected = format!("locales/de/digests/wikimedia-clinic-006.yaml:{line}: ");
    let miss = status
        .lines()
        .find(|l| l.contains(&expected))
        .unwrap_or_else(|| panic!("no miss at {expected} in\n{status}"));
    assert!(
        miss.contains("\"Wikimedia Argentina\" should stay as it is"),
        "{miss}"
    );
}

#[test]
fn yml_and_po_are_found_and_two_files_are_an_error() {
    let dir = site(true);
    let root = dir.path();
    let folder = root.join("locales/fr/digests");
    std::fs::rename(
        folder.join("wikimedia-clinic-006.yaml"),
        folder.join("wikimedia-clinic-006.yml"),
    )
    .unwrap();
    let status: serde_json::Value =
        serde_json::from_str(&run(root, &["status", "--format", "json"])).unwrap();
    assert!(status.to_string().contains("\"translated\":25"), "{status}");
    // translate keeps the .yml name.
    run(root, &["translate", "wikimedia-clinic-006", "--to", "fr"]);
    assert!(folder.join("wikimedia-clinic-006.yml").exists());
    assert!(!folder.join("wikimedia-clinic-006.yaml").exists());
    std::fs::write(folder.join("wikimedia-clinic-006.po"), "").unwrap();
    let out = heptaglot(root, &["check"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("locales/fr/digests/wikimedia-clinic-006.yml and locales/fr/digests/wikimedia-clinic-006.po are both the fr translation of wikimedia-clinic-006"),
        "{err}"
    );
    // Neither is overwritten.
    let out = heptaglot(root, &["translate", "wikimedia-clinic-006", "--to", "fr"]);
    assert!(!out.status.success());
    assert_eq!(
        std::fs::read_to_string(folder.join("wikimedia-clinic-006.po")).unwrap(),
        ""
    );
}

#[test]
fn a_broken_po_file_is_located_and_left_alone() {
    let dir = po_site();
    let root = dir.path();
    let fr = root.join("locales/fr/digests/wikimedia-clinic-006.po");
    let text = std::fs::read_to_string(&fr).unwrap();
    let broken = text.replacen(
        "msgstr \"Principes en bref\"",
        "msgstr \"Principes en bref",
        1,
    );
    let line = broken[..broken.find("msgstr \"Principes en bref\n").unwrap()]
        .lines()
        .count()
        + 1;
    std::fs::write(&fr, &broken).unwrap();
    let out = heptaglot(root, &["check"]);
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "locales/fr/digests/wikimedia-clinic-006.po:{line}:"
        )),
        "{err}"
    );
    assert!(
        err.contains("this string has no closing double quote"),
        "{err}"
    );
    // The real error only: no "this entry has no msgstr" for the entry it broke.
    assert!(err.contains("1 error(s)"), "{err}");
    assert!(!err.contains("has no msgstr"), "{err}");
    let out = heptaglot(root, &["translate", "--all"]);
    assert!(!out.status.success());
    assert_eq!(std::fs::read_to_string(&fr).unwrap(), broken);
}

#[test]
fn a_po_file_saved_as_yaml_gets_a_hint() {
    let dir = po_site();
    let root = dir.path();
    let folder = root.join("locales/fr/digests");
    std::fs::rename(
        folder.join("wikimedia-clinic-006.po"),
        folder.join("wikimedia-clinic-006.yml"),
    )
    .unwrap();
    let out = heptaglot(root, &["check"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("locales/fr/digests/wikimedia-clinic-006.yml:"),
        "{err}"
    );
    assert!(
        err.contains("this looks like a gettext PO file: name it wikimedia-clinic-006.po"),
        "{err}"
    );
}

#[test]
fn status_lists_what_to_review_and_warns_of_a_previous_source_left_unfuzzy() {
    let dir = po_site();
    let root = dir.path();
    let fr = root.join("locales/fr/digests/wikimedia-clinic-006.po");
    let text = std::fs::read_to_string(&fr).unwrap();
    // The example's one outdated French unit, listed where it is.
    let listed = run(root, &["status", "--outdated"]);
    let fuzzy = text.find("#, fuzzy\n").unwrap();
    let context = fuzzy + text[fuzzy..].find("\nmsgctxt \"").unwrap() + 1;
    let line = text[..context].lines().count() + 1;
    let id = text[context + "msgctxt \"".len()..]
        .split('"')
        .next()
        .unwrap();
    let expected = format!("locales/fr/digests/wikimedia-clinic-006.po:{line}: {id} (outdated)");
    assert!(
        listed.lines().any(|l| l == expected),
        "{expected} in\n{listed}"
    );
    assert!(listed.lines().all(|l| l.contains(".po:")), "{listed}");
    let json: serde_json::Value =
        serde_json::from_str(&run(root, &["status", "--format", "json"])).unwrap();
    let review = json["review"].as_array().unwrap();
    assert!(
        review.iter().any(
            |r| r["file"] == "locales/fr/digests/wikimedia-clinic-006.po"
                && r["line"] == line
                && r["unit"] == id
                && r["kind"] == "outdated"
        ),
        "{review:?}"
    );
    // The fuzzy flag cleared, the #| lines left: a warning at the entry, and it counts
    // as translated (status still succeeds).
    std::fs::write(&fr, text.replacen("#, fuzzy\n", "", 1)).unwrap();
    let out = heptaglot(root, &["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "locales/fr/digests/wikimedia-clinic-006.po:{}:",
            line - 1
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "unit \"{id}\" keeps a previous source (#| msgid) but is not fuzzy"
        )),
        "{err}"
    );
    assert!(err.contains("remove its #| lines"), "{err}");
    assert!(!run(root, &["status", "--outdated"]).contains(id));
}
