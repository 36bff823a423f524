//! Plural forms follow CLDR (checked against ICU4X's rules) for every number, including
//! those the `intl_pluralrules` crate behind fluent-bundle gets wrong (Arabic 103, 111).

mod common;

use heptaglot::l10n::icu::{Formatters, category_name};
use heptaglot::l10n::{Arg, Localizer};
use heptaglot::lang::Language;

const NUMBERS: [u32; 10] = [0, 1, 2, 3, 5, 11, 21, 100, 103, 111];

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

#[test]
fn fluent_selection_matches_icu4x_in_russian_and_arabic() {
    let (_dir, loc) = probe_localizer();
    for lang in [Language::Ru, Language::Ar] {
        let icu = Formatters::new(lang).unwrap();
        for n in NUMBERS {
            let selected = loc.text(lang, "probe", &[("n", Arg::from(n))]);
            let expected = category_name(icu.plural_category(f64::from(n), false));
            assert_eq!(selected, expected, "{lang} {n}");
        }
    }
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

#[test]
fn every_locale_plural_variant_matches_icu4x_for_every_test_number() {
    // For each language, the attendance message must pick a distinct text per CLDR
    // category: two numbers in the same category give the same words around the number.
    let loc = real_localizer();
    for lang in Language::ALL {
        let icu = Formatters::new(lang).unwrap();
        let mut by_category: std::collections::BTreeMap<&str, String> = Default::default();
        for n in NUMBERS {
            let text = loc.text(
                lang,
                "attendance-volunteers",
                &[("count", Arg::from(n)), ("approx", "no".into())],
            );
            let words: String = text
                .chars()
                .filter(|c| {
                    !c.is_numeric() && !c.is_whitespace() && *c != '\u{2068}' && *c != '\u{2069}'
                })
                .collect();
            let category = category_name(icu.plural_category(f64::from(n), false));
            if let Some(previous) = by_category.insert(category, words.clone()) {
                assert_eq!(
                    previous, words,
                    "{lang}: {n} is {category} but reads differently"
                );
            }
        }
    }
}
