//! `heptaglot status`'s checks of the locale files against English, as Mozilla's
//! compare-locales makes them (missing and obsolete messages and attributes, missing CLDR
//! plural categories), and of translations against the glossary: each on a copy of the
//! example site broken in one way, through the CLI, in the table and in JSON.

mod common;

use std::path::Path;

use common::{heptaglot, site, stderr};
use serde_json::Value;

fn edit(root: &Path, path: &str, change: impl FnOnce(String) -> String) {
    let path = root.join(path);
    let before = std::fs::read_to_string(&path).unwrap();
    let after = change(before.clone());
    assert_ne!(before, after, "{} unchanged", path.display());
    std::fs::write(path, after).unwrap();
}

/// `status` as a table (it succeeds: these are findings, not errors) and as JSON.
fn status(root: &Path) -> (String, Value) {
    let output = heptaglot(root, &["status"]);
    let table = String::from_utf8(output.stdout.clone()).unwrap();
    assert!(output.status.success(), "{table}{}", stderr(&output));
    let output = heptaglot(root, &["status", "--format", "json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    (table, serde_json::from_slice(&output.stdout).unwrap())
}

/// The JSON findings of `lang` under `key`.
fn findings(json: &Value, lang: &str, key: &str) -> Vec<String> {
    json["locales"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["language"] == lang)
        .unwrap_or_else(|| panic!("no locale {lang} in {json}"))[key]
        .as_array()
        .unwrap_or_else(|| panic!("no {key}"))
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_example_locales_have_no_findings() {
    let dir = site(true);
    let (table, json) = status(dir.path());
    assert!(!table.contains("missing messages"), "{table}");
    for locale in json["locales"].as_array().unwrap() {
        for key in [
            "missing",
            "obsolete",
            "missing_attributes",
            "obsolete_attributes",
            "missing_plural_categories",
            "unknown_variables",
        ] {
            assert_eq!(locale[key], Value::Array(vec![]), "{locale}");
        }
    }
    assert_eq!(json["glossary"], Value::Array(vec![]));
}

#[test]
fn status_compares_each_locale_with_english() {
    let dir = site(true);
    let root = dir.path();
    // French loses a message, keeps one English dropped, and has an attribute English
    // lacks; English gains an attribute no translation has.
    edit(root, "locales/fr/main.ftl", |s| {
        s.replace("skip-to-content = Aller au contenu\n", "")
            .replace(
                "footer-generated = Publié avec heptaglot.\n",
                "footer-generated = Publié avec heptaglot.\n    .label = Étiquette\nold-message = Ancien\n",
            )
    });
    edit(root, "locales/en/main.ftl", |s| {
        s.replace(
            "footer-generated = Published with heptaglot.\n",
            "footer-generated = Published with heptaglot.\n    .title = About heptaglot\n",
        )
    });
    // Russian's search results lose their `few` form; Arabic's topic count its `two`.
    edit(root, "locales/ru/search.ftl", |s| {
        let few = s
            .lines()
            .skip_while(|l| !l.starts_with("search-results"))
            .find(|l| l.trim_start().starts_with("[few]"))
            .unwrap()
            .to_string();
        s.replacen(&format!("{few}\n"), "", 1)
    });
    edit(root, "locales/ar/main.ftl", |s| {
        s.replace("    [two] موضوعان\n", "")
    });
    let (table, json) = status(root);
    assert_eq!(findings(&json, "fr", "missing"), ["skip-to-content"]);
    assert_eq!(findings(&json, "fr", "obsolete"), ["old-message"]);
    assert_eq!(
        findings(&json, "fr", "obsolete_attributes"),
        ["footer-generated.label"]
    );
    for lang in ["es", "fr", "ar", "zh-Hans", "de", "ru"] {
        assert_eq!(
            findings(&json, lang, "missing_attributes"),
            ["footer-generated.title"],
            "{lang}"
        );
    }
    assert_eq!(
        findings(&json, "ru", "missing_plural_categories"),
        ["search-results: few"]
    );
    assert_eq!(
        findings(&json, "ar", "missing_plural_categories"),
        ["index-topic-count: two"]
    );
    assert_eq!(findings(&json, "de", "missing_plural_categories"), [""; 0]);
    for line in [
        "    missing messages: skip-to-content",
        "    obsolete messages: old-message",
        "    missing attributes: footer-generated.title",
        "    obsolete attributes: footer-generated.label",
        "    missing plural categories: search-results: few",
        "    missing plural categories: index-topic-count: two",
    ] {
        assert!(table.lines().any(|l| l == line), "{line:?} in {table}");
    }
}

#[test]
fn status_lists_translations_that_do_not_use_the_glossary() {
    let dir = site(false);
    let root = dir.path();
    // The example's translations, without their digests, would be problems of their own.
    for lang in ["es", "fr", "ar"] {
        std::fs::remove_dir_all(root.join("locales").join(lang).join("digests")).unwrap();
    }
    std::fs::write(
        root.join("digests/test-001.yaml"),
        common::notes(
            "topics:\n  - title: News\n    points:\n      - id: mexico\n        text: Claudia spoke for Wikimedia Mexico.\n      - id: argentina\n        text: Anna spoke for Wikimedia Argentina.\n",
        ),
    )
    .unwrap();
    for lang in ["fr", "de"] {
        let output = heptaglot(root, &["translate", "test-001", "--to", lang]);
        assert!(output.status.success(), "{}", stderr(&output));
    }
    // French writes the English name (the glossary says "Wikimedia México"); German uses
    // the glossary's form. Argentina reads the same in all three: nothing to miss.
    let fill = |lang: &str, mexico: &str| {
        edit(
            root,
            &format!("locales/{lang}/digests/test-001.yaml"),
            |s| {
                let mut out = String::new();
                let mut unit = "";
                for line in s.lines() {
                    if line.starts_with("  mexico.text:") {
                        unit = "mexico";
                    } else if line.starts_with("  argentina.text:") {
                        unit = "argentina";
                    }
                    if line == "    translation:" {
                        let text = if unit == "mexico" {
                            mexico.to_string()
                        } else {
                            "Anna, Wikimedia Argentina.".to_string()
                        };
                        out.push_str(&format!("    translation: {text}\n"));
                    } else {
                        out.push_str(line);
                        out.push('\n');
                    }
                }
                out
            },
        )
    };
    fill("fr", "Claudia a parlé pour Wikimedia Mexico.");
    fill("de", "Claudia sprach für Wikimedia México.");
    let (table, json) = status(root);
    // The miss is located at its unit in the translator's file.
    let file = "locales/fr/digests/test-001.yaml";
    let line = std::fs::read_to_string(root.join(file))
        .unwrap()
        .lines()
        .position(|l| l.starts_with("  mexico.text:"))
        .expect("the unit")
        + 1;
    assert_eq!(
        json["glossary"],
        serde_json::json!([{
            "digest": "test-001",
            "language": "fr",
            "unit": "mexico.text",
            "term": "Wikimedia Mexico",
            "expected": "Wikimedia México",
            "file": file,
            "line": line
        }]),
        "{table}"
    );
    assert!(
        table.contains(&format!(
            "Glossary terms not used:\n  {file}:{line}: mexico.text (test-001 fr): \"Wikimedia Mexico\" should be \"Wikimedia México\"\n"
        )),
        "{table}"
    );
}

/// The example site with only its translated digest (Spanish 100 %, French 51 % with one
/// outdated unit, Arabic 18 %, the other languages 0 %).
fn clinic_only() -> tempfile::TempDir {
    let dir = site(false);
    let clinic = "digests/wikimedia-clinic-006.yaml";
    std::fs::copy(common::repo().join(clinic), dir.path().join(clinic)).unwrap();
    dir
}

#[test]
fn min_percent_fails_exactly_the_languages_below_it_never_the_original() {
    let dir = clinic_only();
    let root = dir.path();
    let below = |min: &str| {
        let output = heptaglot(root, &["status", "--min-percent", min]);
        let mut lines: Vec<String> = stderr(&output).lines().map(str::to_string).collect();
        lines.sort();
        (output.status.success(), lines)
    };
    assert_eq!(below("0"), (true, vec![]));
    // At its own percent a language passes; one above, it fails.
    let zero = |lang: &str| {
        format!("error: wikimedia-clinic-006 is 0% translated into {lang}, below --min-percent 18")
    };
    assert_eq!(
        below("18"),
        (false, ["de", "ru", "zh-Hans"].map(zero).to_vec())
    );
    let (ok, lines) = below("19");
    assert!(!ok);
    assert!(
        lines.contains(
            &"error: wikimedia-clinic-006 is 18% translated into ar, below --min-percent 19"
                .to_string()
        ),
        "{lines:?}"
    );
    assert_eq!(lines.len(), 4, "{lines:?}");
    // 100 %: every language but Spanish, and never English, the notes' own language.
    let (ok, lines) = below("100");
    assert!(!ok);
    assert_eq!(lines.len(), 5, "{lines:?}");
    assert!(
        !lines
            .iter()
            .any(|l| l.contains(" into en,") || l.contains(" into es,"))
    );
}

#[test]
fn the_table_and_the_review_list_say_each_count_where_it_belongs() {
    let dir = clinic_only();
    let root = dir.path();
    let (table, _) = status(root);
    for line in [
        "DIGEST                LANGUAGE  COMPLETE  TRANSLATED  OUTDATED  PROPOSED  MISSING  UNITS  OBSOLETE  MEMORY",
        "wikimedia-clinic-006  en        original          49         0         0        0     49         0       0",
        "wikimedia-clinic-006  es            100%          49         0         0        0     49         0       0",
        "wikimedia-clinic-006  fr             51%          25         1         0       23     49         0       0",
        "wikimedia-clinic-006  ar             18%           9         0         0       40     49         0       0",
        "  fr: complete",
    ] {
        assert!(table.lines().any(|l| l == line), "{line:?} in\n{table}");
    }
    assert!(!table.contains("error(s) in the input files"), "{table}");
    let review = heptaglot(root, &["status", "--outdated"]);
    assert!(review.status.success());
    assert_eq!(
        String::from_utf8_lossy(&review.stdout),
        "locales/fr/digests/wikimedia-clinic-006.yaml:89: pandemic-claudia-fatigue.text (outdated)\n"
    );
    // An input error: counted at the end of the table, and the exit code says so.
    common::write(root, "digests/broken.yaml", "series: [unclosed\n");
    let output = heptaglot(root, &["status"]);
    assert!(!output.status.success());
    assert!(
        String::from_utf8_lossy(&output.stdout)
            .ends_with("\n1 error(s) in the input files; run `heptaglot check` for details.\n"),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}
