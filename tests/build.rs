//! `heptaglot build` on the example site, as the README tells a user to run it.

mod common;

use common::{heptaglot, site, snapshot, stderr};
use heptaglot::lang::Language;

fn build_examples() -> tempfile::TempDir {
    let dir = site(true);
    let output = heptaglot(dir.path(), &["build"]);
    assert!(output.status.success(), "{}", stderr(&output));
    dir
}

#[test]
fn every_digest_is_written_in_every_language_and_format() {
    let dir = build_examples();
    let public = dir.path().join("public");
    let mut count = 0;
    for slug in [
        "wikimedia-clinic-006",
        "affiliate-voices-012",
        "iberoconf-2023-sessions",
    ] {
        for lang in Language::ALL {
            let html = public.join(lang.code()).join(slug).join("index.html");
            let md = public.join(lang.code()).join(format!("{slug}.md"));
            let html = std::fs::read_to_string(&html)
                .unwrap_or_else(|e| panic!("{}: {e}", html.display()));
            let md =
                std::fs::read_to_string(&md).unwrap_or_else(|e| panic!("{}: {e}", md.display()));
            assert!(html.contains(&format!(
                "<html lang=\"{}\" dir=\"{}\">",
                lang.code(),
                lang.dir()
            )));
            assert!(md.starts_with("# "), "{slug} {lang}");
            count += 2;
        }
        assert!(public.join("en/index.html").is_file());
    }
    assert_eq!(count, 3 * 7 * 2);
    for lang in Language::ALL {
        assert!(public.join(lang.code()).join("index.html").is_file());
        assert!(public.join(lang.code()).join("index.md").is_file());
    }
    let root = std::fs::read_to_string(public.join("index.html")).unwrap();
    for lang in Language::ALL {
        assert!(
            root.contains(&format!("href=\"{}/index.html\"", lang.code())),
            "{lang}"
        );
    }
}

fn clinic(dir: &tempfile::TempDir, lang: &str) -> String {
    std::fs::read_to_string(
        dir.path()
            .join("public")
            .join(lang)
            .join("wikimedia-clinic-006/index.html"),
    )
    .unwrap()
}

#[test]
fn the_date_of_the_call_is_formatted_by_cldr_in_all_seven_languages() {
    let dir = build_examples();
    for (lang, date) in [
        ("en", "July 16, 2020"),
        ("es", "16 de julio de 2020"),
        ("fr", "16 juillet 2020"),
        ("ar", "16 يوليو 2020"),
        ("zh-Hans", "2020年7月16日"),
        ("de", "16. Juli 2020"),
        ("ru", "16 июля 2020\u{202f}г."),
    ] {
        assert!(clinic(&dir, lang).contains(date), "{lang}: {date}");
    }
}

#[test]
fn chrome_is_in_the_page_language_with_correct_plurals() {
    let dir = build_examples();
    for (lang, expected) in [
        (
            "en",
            "The call was attended by 7 members of Wikimedia Foundation staff and 10 volunteers.",
        ),
        ("es", "Topic"),
        ("ru", "7 сотрудников Фонда Викимедиа и 10 волонтёров"),
        ("zh-Hans", "7名维基媒体基金会工作人员和10名志愿者"),
    ] {
        let page = clinic(&dir, lang);
        if lang == "es" {
            assert!(
                !page.contains("Topic 1"),
                "Spanish page has English topic headings"
            );
            assert!(page.contains("Tema 1"), "Spanish topic heading");
        } else {
            assert!(page.contains(expected), "{lang}: {expected}");
        }
    }
}

#[test]
fn arabic_pages_are_right_to_left_and_content_keeps_its_own_direction() {
    let dir = build_examples();
    let page = clinic(&dir, "ar");
    assert!(page.contains("<html lang=\"ar\" dir=\"rtl\">"));
    // Translated passages are Arabic; untranslated ones keep their own language and direction.
    assert!(page.contains("<h2 id=\"topic-1-heading\">"));
    assert!(page.contains("<div class=\"text fallback\" lang=\"en\" dir=\"ltr\">"));
    let en = clinic(&dir, "en");
    assert!(!en.contains("dir=\"rtl\">") || en.contains("lang=\"ar\" dir=\"rtl\">العربية"));
}

#[test]
fn clinic_006_reads_like_the_published_digest() {
    let dir = build_examples();
    let page = clinic(&dir, "en");
    for expected in [
        "<h1>Wikimedia Clinic #006</h1>",
        "of the online call Wikimedia Clinic #006, held on July 16, 2020, in Spanish.",
        "Topic 2: Impact of the pandemic on affiliates",
        "Claudia from Wikimedia Mexico:",
        "A volunteer from Catalonia (Amical Wikimedia):",
        "Question:</span> How much support do you have to lead activities now?",
        "Question from Quim (WMF):",
        "Sele (WMF):",
        "Melissa (WMF, Education):",
        "Anna from Wikimedia Argentina:",
    ] {
        assert!(page.contains(expected), "missing: {expected}");
    }
}

#[test]
fn building_twice_gives_identical_output() {
    let dir = build_examples();
    // With a base URL, so that feeds and the sitemap are compared too.
    let args = ["build", "--base-url", "https://digests.example.org/"];
    assert!(heptaglot(dir.path(), &args).status.success());
    let first = snapshot(&dir.path().join("public"));
    assert!(first.iter().any(|(path, _)| path == "sitemap.xml"));
    let output = heptaglot(dir.path(), &args);
    assert!(output.status.success());
    let second = snapshot(&dir.path().join("public"));
    assert_eq!(first.len(), second.len());
    for ((path, a), (_, b)) in first.iter().zip(&second) {
        assert!(a == b, "{path} differs between two builds");
    }
    assert!(first == second);
}

#[test]
fn a_foreign_output_folder_is_never_replaced() {
    let dir = build_examples();
    std::fs::write(dir.path().join("keep.txt"), "mine").unwrap();
    let output = heptaglot(dir.path(), &["build", "--out", "."]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("not made by heptaglot"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("keep.txt")).unwrap(),
        "mine"
    );
    assert!(
        dir.path()
            .join("digests/wikimedia-clinic-006.yaml")
            .is_file()
    );
}

#[test]
fn broken_notes_leave_the_published_site_unchanged() {
    let dir = build_examples();
    let before = std::fs::read_to_string(dir.path().join("public/en/index.html")).unwrap();
    std::fs::write(
        dir.path().join("digests/broken.yaml"),
        "series: [unclosed\n",
    )
    .unwrap();
    let output = heptaglot(dir.path(), &["build"]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("digests/broken.yaml:"),
        "{}",
        stderr(&output)
    );
    let after = std::fs::read_to_string(dir.path().join("public/en/index.html")).unwrap();
    assert_eq!(before, after);
}

#[test]
fn the_english_digest_matches_its_snapshots() {
    let dir = build_examples();
    let md = std::fs::read_to_string(dir.path().join("public/en/wikimedia-clinic-006.md")).unwrap();
    insta::assert_snapshot!("clinic-006-en.md", md);
    insta::assert_snapshot!("clinic-006-en.html", clinic(&dir, "en"));
}

/// The page `slug` of `lang` with its tags removed, as a reader sees its words.
fn page_text(dir: &tempfile::TempDir, lang: &str, slug: &str) -> String {
    let html = std::fs::read_to_string(
        dir.path()
            .join("public")
            .join(lang)
            .join(slug)
            .join("index.html"),
    )
    .unwrap();
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    // Fluent's isolation marks in Arabic are invisible to a reader.
    text.replace(['\u{2068}', '\u{2069}'], "")
}

#[test]
fn the_language_review_findings_read_right_on_the_pages() {
    let dir = build_examples();
    let output = heptaglot(dir.path(), &["build"]);
    let warnings = stderr(&output);
    assert!(!warnings.contains("warning"), "{warnings}");
    for lang in Language::ALL {
        for slug in [
            "wikimedia-clinic-006",
            "affiliate-voices-012",
            "iberoconf-2023-sessions",
        ] {
            let text = page_text(&dir, lang.code(), slug);
            assert!(!text.contains("{$"), "{lang} {slug}: a Fluent marker");
            assert!(!text.contains("held-in"), "{lang} {slug}: a message id");
        }
    }
    for (lang, slug, expected) in [
        // Languages named by an ICU4X list of their names.
        ("zh-Hans", "wikimedia-clinic-006", "以西班牙语举行"),
        ("ar", "wikimedia-clinic-006", "دار الحديث باللغة الإسبانية"),
        // Percentages in each language's CLDR percent pattern.
        ("ar", "wikimedia-clinic-006", "18\u{200E}%\u{200E}"),
        ("fr", "wikimedia-clinic-006", "53\u{202F}%"),
        ("zh-Hans", "wikimedia-clinic-006", "尚未翻译任何内容"),
        // The attendance sentence fits the kind of record.
        ("es", "wikimedia-clinic-006", "Asistentes: 7 integrantes"),
        (
            "de",
            "wikimedia-clinic-006",
            "Anwesend waren: 7 Mitarbeitende",
        ),
        // Time zones by their CLDR names, times in the locale's own pattern.
        (
            "en",
            "affiliate-voices-012",
            "at 3:00\u{202F}PM (Central European Time)",
        ),
        ("de", "affiliate-voices-012", "(Mitteleuropäische Zeit)"),
        ("zh-Hans", "iberoconf-2023-sessions", "（哥伦比亚时间）"),
        // Speaker phrases inside sentences take their inline form.
        (
            "zh-Hans",
            "affiliate-voices-012",
            "Camille（WMF，社群关系）提问：",
        ),
        (
            "es",
            "iberoconf-2023-sessions",
            "Facilitación a cargo de Laura (Wikimedia Colombia).",
        ),
    ] {
        let text = page_text(&dir, lang, slug);
        assert!(text.contains(expected), "{lang} {slug}: {expected}\n{text}");
    }
}
