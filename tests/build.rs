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
            // A right-to-left file opens with its direction, then its title.
            let title = if lang.is_rtl() {
                md.strip_prefix(&format!("<div lang=\"{}\" dir=\"rtl\">\n\n", lang.code()))
                    .unwrap_or_default()
            } else {
                &md
            };
            assert!(title.starts_with("# "), "{slug} {lang}");
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
fn the_attendance_sentence_and_headings_are_in_each_of_the_seven_languages() {
    // The example's 7 staff and 10 volunteers; which plural form each number takes in each
    // language, for every number, is plurals.rs's job (against CLDR).
    let dir = build_examples();
    for (lang, expected) in [
        (
            "en",
            "The call was attended by 7 members of Wikimedia Foundation staff and 10 volunteers.",
        ),
        (
            "es",
            "Asistentes: 7 integrantes del personal de la Fundación Wikimedia y 10 personas voluntarias.",
        ),
        (
            "fr",
            "Participation\u{a0}: 7 membres du personnel de la Fondation Wikimedia et 10 bénévoles.",
        ),
        (
            "ar",
            "حضر اللقاءَ \u{2068}7 موظفين في مؤسسة ويكيميديا و10 متطوعين\u{2069}.",
        ),
        (
            "zh-Hans",
            "参加本次会议的有7名维基媒体基金会工作人员和10名志愿者。",
        ),
        (
            "de",
            "Anwesend waren: 7 Mitarbeitende der Wikimedia Foundation und 10 Ehrenamtliche.",
        ),
        (
            "ru",
            "Присутствовали: 7 сотрудников Фонда Викимедиа и 10 волонтёров.",
        ),
    ] {
        let page = clinic(&dir, lang);
        assert!(
            page.contains(&format!("<p class=\"attendance\">{expected}")),
            "{lang}: {expected}"
        );
    }
    let es = clinic(&dir, "es");
    assert!(
        !es.contains("Topic 1"),
        "Spanish page has English topic headings"
    );
    assert!(es.contains("Tema 1"), "Spanish topic heading");
}

#[test]
fn arabic_pages_are_right_to_left_and_content_keeps_its_own_direction() {
    let dir = build_examples();
    let page = clinic(&dir, "ar");
    assert!(page.contains("<html lang=\"ar\" dir=\"rtl\">"));
    // Translated passages are Arabic; untranslated ones keep their own language and direction.
    assert!(page.contains("<h2 id=\"topic-1-heading\">"));
    assert!(page.contains("<div class=\"text fallback\" lang=\"en\" dir=\"ltr\">"));
    // On an English page, right to left is only where Arabic is: the language bar's link.
    let en = clinic(&dir, "en");
    assert!(en.contains("<html lang=\"en\" dir=\"ltr\">"));
    assert!(en.contains("lang=\"ar\" dir=\"rtl\">العربية"));
    assert_eq!(
        en.matches("dir=\"rtl\"").count(),
        en.matches("lang=\"ar\" dir=\"rtl\"").count(),
        "an English page has right-to-left text that is not Arabic"
    );
}

#[test]
fn clinic_006_reads_like_the_published_digest() {
    let dir = build_examples();
    let page = clinic(&dir, "en");
    for expected in [
        "<h1>Wikimedia Clinic #006</h1>",
        "of the online call “Wikimedia Clinic #006”, held on July 16, 2020, in Spanish.",
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

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Asserts that two snapshots of built sites are the same, naming the first file that is not.
fn assert_same_site(a: &[(String, Vec<u8>)], b: &[(String, Vec<u8>)], what: &str) {
    let paths = |s: &[(String, Vec<u8>)]| s.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(paths(a), paths(b), "{what}: not the same files");
    for ((path, x), (_, y)) in a.iter().zip(b) {
        assert!(x == y, "{path} differs: {what}");
    }
}

#[test]
fn two_full_builds_into_different_folders_are_identical() {
    let dir = site(true);
    // With a base URL, so that feeds and the sitemap are compared too.
    let build_into = |out: &str| {
        let args = [
            "build",
            "--full",
            "--out",
            out,
            "--base-url",
            "https://digests.example.org/",
        ];
        let output = heptaglot(dir.path(), &args);
        assert!(output.status.success(), "{}", stderr(&output));
        assert!(
            stdout(&output).contains("full build"),
            "{}",
            stdout(&output)
        );
        snapshot(&dir.path().join(out))
    };
    let first = build_into("first");
    let second = build_into("second");
    assert!(first.iter().any(|(path, _)| path == "sitemap.xml"));
    assert!(first.len() > 150, "{} files", first.len());
    assert_same_site(&first, &second, "two full builds");
}

#[test]
fn an_incremental_build_after_an_edit_and_its_revert_equals_a_full_build() {
    let dir = build_examples();
    let full = snapshot(&dir.path().join("public"));
    let notes = dir.path().join("digests/wikimedia-clinic-006.yaml");
    let original = std::fs::read_to_string(&notes).unwrap();
    // An edit that keeps the file's size: only its time and contents tell it.
    let edited = original.replacen("Claudia", "Claudie", 1);
    assert_ne!(edited, original);
    assert_eq!(edited.len(), original.len());
    std::fs::write(&notes, &edited).unwrap();
    let output = heptaglot(dir.path(), &["build"]);
    assert!(
        stdout(&output).contains("incremental build"),
        "{}",
        stdout(&output)
    );
    let changed = snapshot(&dir.path().join("public"));
    assert!(changed != full, "the edit changed nothing");
    std::fs::write(&notes, &original).unwrap();
    let output = heptaglot(dir.path(), &["build"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("incremental build"),
        "{}",
        stdout(&output)
    );
    assert_same_site(
        &full,
        &snapshot(&dir.path().join("public")),
        "a full build, then an incremental one after an edit and its revert",
    );
}

#[test]
fn a_foreign_output_folder_is_never_replaced() {
    let dir = build_examples();
    std::fs::write(dir.path().join("keep.txt"), "mine").unwrap();
    let output = heptaglot(dir.path(), &["build", "--out", "."]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("holds the site's input folder digests/"),
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
    let before = snapshot(&dir.path().join("public"));
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
    assert_same_site(
        &before,
        &snapshot(&dir.path().join("public")),
        "a failed build",
    );
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
    file_text(dir, &format!("{lang}/{slug}/index.html"))
}

/// The HTML file at `path` under `public/` with its tags removed.
fn file_text(dir: &tempfile::TempDir, path: &str) -> String {
    let html = std::fs::read_to_string(dir.path().join("public").join(path)).unwrap();
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
        ("fr", "wikimedia-clinic-006", "51\u{202F}%"),
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
        // A comma after the year before the time.
        ("en", "affiliate-voices-012", "2024, at 3:00\u{202F}PM"),
        // Content translations as the editors corrected them.
        ("fr", "wikimedia-clinic-006", "Ces réunions constituent"),
        ("fr", "wikimedia-clinic-006", "Nous construisons également"),
        ("fr", "affiliate-voices-012", "Wikimedia Côte d’Ivoire"),
        // A count of people says "people" in Chinese.
        ("zh-Hans", "iberoconf-2023-sessions", "参与者：约12人"),
        // A full-width bracket follows the word it qualifies with no space.
        ("zh-Hans", "wikimedia-clinic-006", "English（原文）"),
        ("zh-Hans", "wikimedia-clinic-006", "Français（51%）"),
        // A job title written as a speaker's name is translated (glossary).
        (
            "es",
            "iberoconf-2023-sessions",
            "Responsable de alianzas regionales (WMF",
        ),
        (
            "fr",
            "iberoconf-2023-sessions",
            "Responsable des partenariats régionaux (WMF",
        ),
        (
            "de",
            "iberoconf-2023-sessions",
            "Leitung Regionale Partnerschaften (WMF",
        ),
        ("ar", "iberoconf-2023-sessions", "مسؤول الشراكات الإقليمية"),
        ("zh-Hans", "iberoconf-2023-sessions", "区域合作负责人"),
        (
            "ru",
            "iberoconf-2023-sessions",
            "Руководитель региональных партнёрств",
        ),
        // The title in the opening sentence is quoted, as each language quotes.
        (
            "en",
            "wikimedia-clinic-006",
            "call “Wikimedia Clinic #006”, held",
        ),
        (
            "es",
            "affiliate-voices-012",
            "entrevista «Voces de los afiliados n.º\u{a0}012»",
        ),
        (
            "fr",
            "affiliate-voices-012",
            "«\u{202F}Affiliate Voices nº\u{a0}012\u{202F}»",
        ),
        (
            "de",
            "affiliate-voices-012",
            "„Affiliate Voices Nr.\u{a0}012“ vom",
        ),
        // An interview is recorded and led as an interview, not as a call.
        ("en", "affiliate-voices-012", "Recording of the interview"),
        ("en", "affiliate-voices-012", "Interview by Camille"),
        ("es", "affiliate-voices-012", "Grabación de la entrevista"),
        (
            "es",
            "affiliate-voices-012",
            "Entrevista a cargo de Camille",
        ),
        (
            "fr",
            "affiliate-voices-012",
            "Enregistrement de l’entretien",
        ),
        ("fr", "affiliate-voices-012", "Entretien mené par Camille"),
        ("ar", "affiliate-voices-012", "تسجيل المقابلة"),
        ("ar", "affiliate-voices-012", "أجرت المقابلة: Camille"),
        ("zh-Hans", "affiliate-voices-012", "访谈录像"),
        ("zh-Hans", "affiliate-voices-012", "采访者：Camille"),
        ("de", "affiliate-voices-012", "Aufzeichnung des Interviews"),
        ("de", "affiliate-voices-012", "Interview: Camille"),
        ("ru", "affiliate-voices-012", "Запись интервью"),
        ("ru", "affiliate-voices-012", "Интервьюер: Camille"),
        // Wording the editors preferred.
        ("ar", "wikimedia-clinic-006", "جميعَ المواضيع"),
        (
            "ar",
            "wikimedia-clinic-006",
            "وقد تُرجم 18\u{200E}%\u{200E} منها",
        ),
        ("de", "affiliate-voices-012", "Frage von Camille"),
        (
            "ru",
            "wikimedia-clinic-006",
            "приводятся на языке оригинала (английский)",
        ),
        (
            "es",
            "wikimedia-clinic-006",
            "está traducido en su totalidad",
        ),
    ] {
        let text = page_text(&dir, lang, slug);
        assert!(text.contains(expected), "{lang} {slug}: {expected}\n{text}");
    }
    for lang in Language::ALL.iter().filter(|l| l.code() != "en") {
        let text = page_text(&dir, lang.code(), "iberoconf-2023-sessions");
        assert!(
            !text.contains("Regional partnerships lead"),
            "{lang}: a job title left in English"
        );
    }
    // No-break spaces in titles ("nº 006") survive wherever a title is shown as plain
    // text: lists, the opening sentence, the head, Markdown and wikitext.
    for path in [
        "fr/index.html",
        "fr/series/wikimedia-clinics/index.html",
        "fr/wikimedia-clinic-006/index.html",
        "fr/index.md",
        "fr/wikimedia-clinic-006.md",
        "fr/wikimedia-clinic-006.wiki",
    ] {
        let text = file_text(&dir, path);
        assert!(!text.contains("Clinic nº 006"), "{path}: a breaking space");
        assert!(text.contains("Clinic nº\u{a0}006"), "{path}");
    }
    let clinic = read_public(&dir, "fr/wikimedia-clinic-006/index.html");
    assert!(
        clinic.contains("<title>Wikimedia Clinic nº\u{a0}006"),
        "fr <title>"
    );
    // Arabic says "topics" one way.
    for slug in ["wikimedia-clinic-006", "affiliate-voices-012"] {
        assert!(
            !page_text(&dir, "ar", slug).contains("الموضوعات"),
            "ar {slug}"
        );
    }
    // The Markdown link is a line of its own, not one more language version.
    let html = read_public(&dir, "en/wikimedia-clinic-006/index.html");
    let versions = &html[html.find("other-versions-label").unwrap()..];
    let versions = &versions[..versions.find("</p>").unwrap()];
    assert!(!versions.contains("Markdown"), "{versions}");
    assert!(html.contains("<p class=\"formats\"><a href=\"../../en/wikimedia-clinic-006.md\""));
    // Page heads (title, descriptions) are plain text: no isolation marks.
    for lang in Language::ALL {
        for slug in [
            "wikimedia-clinic-006",
            "affiliate-voices-012",
            "iberoconf-2023-sessions",
        ] {
            let html = read_public(&dir, &format!("{}/{slug}/index.html", lang.code()));
            let head = &html[..html.find("</head>").unwrap()];
            assert!(
                !head.contains(['\u{2068}', '\u{2069}']),
                "{lang} {slug}: {head}"
            );
        }
    }
    // Index entries with nothing translated yet agree with their noun.
    for (lang, expected) in [("ar", "لم يُترجَم بعد"), ("fr", "pas encore traduite")] {
        let text = file_text(&dir, &format!("{lang}/index.html"));
        assert!(text.contains(expected), "{lang} index: {expected}\n{text}");
    }
    // The third read: two asides never touch as markup (Chinese sets them without
    // italics, so `]*（` cannot become `]**（`, nor four apostrophes in wikitext)...
    for lang in Language::ALL {
        for slug in ["affiliate-voices-012", "iberoconf-2023-sessions"] {
            for format in ["md", "wiki"] {
                let text = read_public(&dir, &format!("{}/{slug}.{format}", lang.code()));
                assert!(!text.contains("''''"), "{lang} {slug}.{format}: ''''");
                assert!(
                    !text.contains("**（") && !text.contains("]**"),
                    "{lang} {slug}.{format}: **"
                );
            }
        }
    }
    let zh = read_public(&dir, "zh-Hans/iberoconf-2023-sessions.md");
    assert!(zh.contains("以英语显示]*（未讨论）"), "{zh}");
    // ...a full-width colon is followed by no space before the versions...
    for path in [
        "zh-Hans/affiliate-voices-012.md",
        "zh-Hans/affiliate-voices-012.wiki",
        "zh-Hans/index.md",
    ] {
        let text = read_public(&dir, path);
        assert!(
            !text.contains("： "),
            "{path}: a space after the full-width colon"
        );
        assert!(
            text.contains("版本：[") || text.contains("版本：<span"),
            "{path}"
        );
    }
    // ...the count of an index is not glued onto the tagline in Markdown...
    let index = read_public(&dir, "en/index.md");
    assert!(
        index.contains("in seven languages.\n\n3 digests"),
        "{index}"
    );
    // ...and French "not discussed" agrees with a question (feminine) and a topic.
    let fr = read_public(&dir, "fr/affiliate-voices-012/index.html");
    assert!(fr.contains("badge\">Non abordée<"), "fr question");
    let fr = read_public(&dir, "fr/iberoconf-2023-sessions/index.html");
    assert!(fr.contains("badge\">Non abordé<"), "fr topic");
}

fn read_public(dir: &tempfile::TempDir, path: &str) -> String {
    std::fs::read_to_string(dir.path().join("public").join(path)).unwrap()
}

#[test]
fn a_speaker_with_nothing_to_introduce_gets_no_colon() {
    let dir = site(true);
    // A point that names its speaker and says nothing, as the example once had.
    let notes = dir.path().join("digests/wikimedia-clinic-006.yaml");
    let text = std::fs::read_to_string(&notes).unwrap().replacen(
        "    questions:\n      - id: support-now\n",
        "      - id: pandemic-catalan\n        speaker: catalan\n    questions:\n      - id: support-now\n",
        1,
    );
    std::fs::write(&notes, text).unwrap();
    let output = heptaglot(dir.path(), &["build"]);
    assert!(output.status.success(), "{}", stderr(&output));
    for lang in Language::ALL {
        let code = lang.code();
        let html = read_public(&dir, &format!("{code}/wikimedia-clinic-006/index.html"));
        let item = &html[html.find("<li id=\"pandemic-catalan\"").expect("the point")..];
        let item = &item[..item.find("</li>").unwrap()];
        assert!(item.contains("class=\"speaker\""), "{lang}: {item}");
        assert!(
            !item.contains([':', '：']),
            "{lang}: a colon introducing nothing: {item}"
        );
        // In Markdown and wikitext, the speaker's line ends with the speaker's name.
        for (ext, bold) in [("md", "**"), ("wiki", "'''")] {
            let file = read_public(&dir, &format!("{code}/wikimedia-clinic-006.{ext}"));
            let line = file
                .lines()
                .find(|l| l.contains("Amical Wikimedia") && l.trim_end().ends_with(bold))
                .unwrap_or_else(|| panic!("{lang} {ext}: the speaker alone on a line\n{file}"));
            assert!(!line.contains([':', '：']), "{lang} {ext}: {line}");
        }
    }
}
