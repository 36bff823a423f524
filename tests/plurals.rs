//! Plural forms follow CLDR for every number, including those the `intl_pluralrules` crate
//! behind fluent-bundle gets wrong (Arabic 103, 111). The expected categories come from
//! `tests/fixtures/cldr-plurals.json`, made once by Node's `Intl.PluralRules` (ICU's copy of
//! CLDR, independent of the ICU4X that heptaglot selects with) by `cldr-plurals.mjs` beside it.

mod common;

use heptaglot::l10n::{Arg, Localizer};
use heptaglot::lang::Language;

use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast::{
    Entry, Expression, InlineExpression, Pattern, PatternElement, VariantKey,
};

/// A site whose only message names the plural category it selected.
fn probe_localizer() -> (tempfile::TempDir, Localizer) {
    let dir = tempfile::tempdir().unwrap();
    for lang in Language::ALL {
        let folder = dir.path().join("locales").join(lang.code());
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(
            folder.join("main.ftl"),
            "probe = { $n ->\n    [zero] zero\n    [one] one\n    [two] two\n    [few] few\n    [many] many\n   *[other] other\n}\nexact = { $n ->\n    [0] exactly zero\n    [one] one\n   *[other] other\n}\n",
        )
        .unwrap();
    }
    let (loc, problems) = Localizer::load(dir.path(), std::path::Path::new("locales"));
    assert!(problems.is_empty(), "{problems:?}");
    (dir, loc)
}

/// A number of the CLDR table: as written there, its value, its category.
type Sample = (String, f64, String);

/// One language of the CLDR table.
struct LanguageTable {
    language: Language,
    /// Every number the tests use, in increasing order.
    numbers: Vec<Sample>,
    /// The language's cardinal categories.
    categories: Vec<String>,
}

/// The CLDR table of `tests/fixtures/cldr-plurals.json` (made by Node's `Intl.PluralRules`,
/// not by heptaglot), for each language.
fn cldr() -> Vec<LanguageTable> {
    let text =
        std::fs::read_to_string(common::repo().join("tests/fixtures/cldr-plurals.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut languages = Vec::new();
    for lang in Language::ALL {
        let entry = &json["languages"][lang.code()];
        let mut numbers: Vec<Sample> = entry["numbers"]
            .as_object()
            .unwrap_or_else(|| panic!("no {lang} in the CLDR table"))
            .iter()
            .map(|(n, c)| {
                (
                    n.clone(),
                    n.parse().unwrap(),
                    c.as_str().unwrap().to_string(),
                )
            })
            .collect();
        numbers.sort_by(|a, b| a.1.total_cmp(&b.1));
        let categories = entry["categories"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap().to_string())
            .collect();
        // 0–200, 1000–1010, three millions and twelve decimals.
        assert!(numbers.len() >= 227, "{lang}: {} numbers", numbers.len());
        languages.push(LanguageTable {
            language: lang,
            numbers,
            categories,
        });
    }
    languages
}

#[test]
fn fluent_selection_matches_cldr_in_every_language() {
    let (_dir, loc) = probe_localizer();
    let mut compared = 0;
    for LanguageTable {
        language: lang,
        numbers,
        ..
    } in cldr()
    {
        for (written, n, expected) in &numbers {
            let selected = loc.text(lang, "probe", &[("n", Arg::Num(*n))]);
            assert_eq!(&selected, expected, "{lang} {written}");
            compared += 1;
        }
    }
    assert_eq!(compared, 7 * 227);
}

#[test]
fn arabic_103_is_few_and_111_is_many() {
    let (_dir, loc) = probe_localizer();
    assert_eq!(
        loc.text(Language::Ar, "probe", &[("n", Arg::from(103u32))]),
        "few"
    );
    assert_eq!(
        loc.text(Language::Ar, "probe", &[("n", Arg::from(111u32))]),
        "many"
    );
}

#[test]
fn exact_number_variants_win_over_categories() {
    let (_dir, loc) = probe_localizer();
    assert_eq!(
        loc.text(Language::En, "exact", &[("n", Arg::from(0u32))]),
        "exactly zero"
    );
    assert_eq!(
        loc.text(Language::En, "exact", &[("n", Arg::from(1u32))]),
        "one"
    );
    assert_eq!(
        loc.text(Language::En, "exact", &[("n", Arg::from(7u32))]),
        "other"
    );
}

fn real_localizer() -> Localizer {
    let (loc, problems) = Localizer::load(&common::repo(), std::path::Path::new("locales"));
    assert!(problems.iter().all(|p| !p.is_error()), "{problems:?}");
    loc
}

#[test]
fn russian_attendance_uses_one_few_many() {
    let loc = real_localizer();
    let volunteers = |n: u32| {
        loc.text(
            Language::Ru,
            "attendance-volunteers",
            &[("count", Arg::from(n)), ("approx", "no".into())],
        )
    };
    assert_eq!(volunteers(1), "1 волонтёр");
    assert_eq!(volunteers(3), "3 волонтёра");
    assert_eq!(volunteers(5), "5 волонтёров");
    assert_eq!(volunteers(11), "11 волонтёров");
    assert_eq!(volunteers(21), "21 волонтёр");
    assert_eq!(volunteers(103), "103 волонтёра");
    assert_eq!(volunteers(111), "111 волонтёров");
}

/// The messages of `lang` that take a number (a plural select or `NUMBER()` on a variable),
/// with those variables, and every variable of the language's files (a message may pass
/// The numbers a message of `lang` gives a variant of their own (`[1]`, inside or beside
/// the plural variants): a deliberate exception to the CLDR category (Russian "the only
/// digest of the series" for 1, not for 21), so they are not compared with their category.
fn exact_numbers(lang: Language, id: &str) -> BTreeSet<String> {
    let folder = common::repo().join("locales").join(lang.code());
    let mut found = BTreeSet::new();
    for file in std::fs::read_dir(&folder).unwrap() {
        let path = file.unwrap().path();
        if path.extension().is_none_or(|e| e != "ftl") {
            continue;
        }
        let source = std::fs::read_to_string(&path).unwrap();
        let Some(start) = source.find(&format!("\n{id} =")) else {
            continue;
        };
        // The message runs until the next line that starts an entry or a comment.
        let body: Vec<&str> = source[start + 1..]
            .lines()
            .enumerate()
            .take_while(|(i, l)| {
                *i == 0 || !l.starts_with(|c: char| c.is_alphanumeric() || c == '#' || c == '-')
            })
            .map(|(_, l)| l)
            .collect();
        for line in body {
            let mut rest = line;
            while let Some(open) = rest.find('[') {
                let after = &rest[open + 1..];
                if let Some(close) = after.find(']') {
                    let key = &after[..close];
                    if !key.is_empty() && key.chars().all(|c| c.is_ascii_digit()) {
                        found.insert(key.to_string());
                    }
                    rest = &after[close..];
                } else {
                    break;
                }
            }
        }
    }
    found
}

/// its arguments on to one it refers to, as `{ count }` does).
fn number_messages(lang: Language) -> (Vec<(String, BTreeSet<String>)>, BTreeSet<String>) {
    let folder = common::repo().join("locales").join(lang.code());
    let (mut found, mut every) = (Vec::new(), BTreeSet::new());
    for file in std::fs::read_dir(&folder).unwrap() {
        let path = file.unwrap().path();
        if path.extension().is_none_or(|e| e != "ftl") {
            continue;
        }
        let source = std::fs::read_to_string(&path).unwrap();
        let resource = fluent_syntax::parser::parse(source).unwrap_or_else(|(_, e)| {
            panic!("{}: {e:?}", path.display());
        });
        for entry in resource.body {
            let Entry::Message(message) = entry else {
                continue;
            };
            let Some(value) = &message.value else {
                continue;
            };
            let (mut numeric, mut all) = (BTreeSet::new(), BTreeSet::new());
            walk_pattern(value, &mut numeric, &mut all);
            every.extend(all);
            if !numeric.is_empty() {
                found.push((message.id.name.clone(), numeric));
            }
        }
    }
    found.sort();
    (found, every)
}

/// Collects the variables of `pattern`, and apart those a plural select or `NUMBER()` reads.
fn walk_pattern(
    pattern: &Pattern<String>,
    numeric: &mut BTreeSet<String>,
    all: &mut BTreeSet<String>,
) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            walk_expression(expression, numeric, all);
        }
    }
}

fn walk_expression(
    expression: &Expression<String>,
    numeric: &mut BTreeSet<String>,
    all: &mut BTreeSet<String>,
) {
    match expression {
        Expression::Select { selector, variants } => {
            let plural = variants.iter().any(|v| {
                matches!(&v.key, VariantKey::Identifier { name }
                    if ["zero", "one", "two", "few", "many"].contains(&name.as_str()))
            });
            if let (true, InlineExpression::VariableReference { id }) = (plural, selector) {
                numeric.insert(id.name.clone());
            }
            walk_inline(selector, numeric, all);
            for variant in variants {
                walk_pattern(&variant.value, numeric, all);
            }
        }
        Expression::Inline(inline) => walk_inline(inline, numeric, all),
    }
}

fn walk_inline(
    inline: &InlineExpression<String>,
    numeric: &mut BTreeSet<String>,
    all: &mut BTreeSet<String>,
) {
    match inline {
        InlineExpression::VariableReference { id } => {
            all.insert(id.name.clone());
        }
        InlineExpression::FunctionReference { id, arguments } => {
            for argument in &arguments.positional {
                if let (true, InlineExpression::VariableReference { id }) =
                    (id.name == "NUMBER", argument)
                {
                    numeric.insert(id.name.clone());
                }
                walk_inline(argument, numeric, all);
            }
        }
        InlineExpression::Placeable { expression } => walk_expression(expression, numeric, all),
        _ => {}
    }
}

/// A message's text without its number: digits of any script, the separators numbers are
/// written with, spaces and Fluent's isolation marks go, the words stay.
fn words(text: &str) -> String {
    text.chars()
        .filter(|c| {
            !c.is_numeric()
                && !c.is_whitespace()
                && !matches!(
                    c,
                    ',' | '.' | '\u{066B}' | '\u{066C}' | '\'' | '\u{2068}' | '\u{2069}'
                )
        })
        .collect()
}

#[test]
fn every_number_message_reads_as_its_cldr_category_for_every_number() {
    // For each language and each message that selects on a number: the words of the
    // variant each CLDR category selects, shown with a sample of that category, are pinned
    // in a snapshot (a reviewer reads them once: swapping Arabic's few and many words, or
    // giving Russian's few the words of many, changes it); then every number of the CLDR
    // table must read exactly as the sample of its category.
    let loc = real_localizer();
    let mut pinned = String::new();
    let mut compared = 0;
    let mut messages = 0;
    for LanguageTable {
        language: lang,
        numbers,
        categories,
    } in cldr()
    {
        let (number_messages, all) = number_messages(lang);
        for (id, numeric) in number_messages {
            messages += 1;
            let format = |n: f64| {
                let args: Vec<(&str, Arg)> = all
                    .iter()
                    .map(|name| {
                        let value = if numeric.contains(name) {
                            Arg::Num(n)
                        } else if name == "approx" {
                            Arg::from("no")
                        } else {
                            Arg::from("X")
                        };
                        (name.as_str(), value)
                    })
                    .collect();
                let text = loc
                    .try_text(lang, &id, &args)
                    .unwrap_or_else(|| panic!("{lang} {id}: no text"));
                // A message that fails is shown in English: that would compare English.
                let problems = loc.runtime_problems();
                assert!(problems.is_empty(), "{lang} {id} {n}: {problems:?}");
                text
            };
            let exact = exact_numbers(lang, &id);
            let mut samples: BTreeMap<&str, (String, String)> = BTreeMap::new();
            for category in &categories {
                // The first integer of the category, or its first decimal (Russian "other").
                let (written, n, _) = numbers
                    .iter()
                    .filter(|(w, _, c)| c == category && !exact.contains(w))
                    .min_by_key(|(_, n, _)| n.fract() != 0.0)
                    .unwrap_or_else(|| panic!("{lang}: no sample of {category}"));
                let text = format(*n);
                pinned.push_str(&format!("{lang} {id} [{category}] {written}: {text}\n"));
                samples.insert(category, (written.clone(), words(&text)));
            }
            for (written, n, category) in &numbers {
                if exact.contains(written) {
                    compared += 1;
                    continue;
                }
                let (sample, expected) = &samples[category.as_str()];
                assert_eq!(
                    &words(&format(*n)),
                    expected,
                    "{lang} {id}: {written} is {category} but does not read as {sample}"
                );
                compared += 1;
            }
        }
    }
    // Nine messages take a number in each of the seven languages.
    assert!(messages >= 7 * 9, "{messages} messages");
    assert!(compared >= messages * 227, "{compared} comparisons");
    insta::assert_snapshot!("plural-words", pinned);
}
