//! The Markdown and wikitext files read clean: judged by a CommonMark parser, not by
//! matching strings.

mod common;

use common::{heptaglot, site, stderr};
use heptaglot::lang::Language;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

const SLUGS: [&str; 3] = [
    "wikimedia-clinic-006",
    "affiliate-voices-012",
    "iberoconf-2023-sessions",
];

/// The example site with an ampersand in a topic title, built.
fn built() -> tempfile::TempDir {
    let dir = site(true);
    let notes = dir.path().join("digests/wikimedia-clinic-006.yaml");
    let text = std::fs::read_to_string(&notes).unwrap().replace(
        "title: Impact of the pandemic on affiliates",
        "title: \"Impact of the pandemic on affiliates: Q&A\"",
    );
    std::fs::write(&notes, text).unwrap();
    let output = heptaglot(dir.path(), &["build"]);
    assert!(output.status.success(), "{}", stderr(&output));
    dir
}

fn read(dir: &tempfile::TempDir, path: &str) -> String {
    std::fs::read_to_string(dir.path().join("public").join(path)).unwrap()
}

#[test]
fn markdown_files_parse_into_what_a_reader_expects() {
    let dir = built();
    for lang in Language::ALL {
        for slug in SLUGS {
            let md = read(&dir, &format!("{}/{slug}.md", lang.code()));
            let at = format!("{lang} {slug}");
            assert!(!md.contains("\n\n\n"), "{at}: a double blank line");
            let mut text = String::new();
            for event in Parser::new(&md) {
                if let Event::Text(t) | Event::Code(t) = event {
                    text.push_str(&t);
                }
            }
            assert!(
                !text.contains(['\u{2068}', '\u{2069}']),
                "{at}: isolation marks"
            );
            assert!(
                !text.contains("&amp;") && !text.contains("&#"),
                "{at}: an HTML entity shown as text"
            );
        }
    }
    // The ampersand reads as one.
    let md = read(&dir, "en/wikimedia-clinic-006.md");
    let text: String = Parser::new(&md)
        .filter_map(|e| match e {
            Event::Text(t) => Some(t.to_string()),
            _ => None,
        })
        .collect();
    assert!(text.contains("affiliates: Q&A"), "{text}");
}

#[test]
fn a_sessions_details_and_its_points_stay_two_lists() {
    let dir = built();
    let md = read(&dir, "en/iberoconf-2023-sessions.md");
    // The first topic: its details (speakers, length…) and then its points.
    let start = md.find("## Topic 1").unwrap();
    let end = md[start..].find("## Topic 2").unwrap() + start;
    let mut depth = 0;
    let mut top_level_lists = Vec::new();
    for event in Parser::new(&md[start..end]) {
        match event {
            Event::Start(Tag::List(_)) => {
                if depth == 0 {
                    top_level_lists.push(0);
                }
                depth += 1;
            }
            Event::End(TagEnd::List(_)) => depth -= 1,
            Event::Start(Tag::Item) if depth == 1 => *top_level_lists.last_mut().unwrap() += 1,
            _ => {}
        }
    }
    assert_eq!(top_level_lists, [5, 3], "{}", &md[start..end]);
}

#[test]
fn wikitext_has_anchors_only_where_a_link_needs_one() {
    let dir = built();
    for lang in Language::ALL {
        for slug in SLUGS {
            let wiki = read(&dir, &format!("{}/{slug}.wiki", lang.code()));
            assert!(!wiki.contains(['\u{2068}', '\u{2069}']), "{lang} {slug}");
            assert!(!wiki.contains("\n\n\n"), "{lang} {slug}");
            for line in wiki.lines().filter(|l| l.starts_with('*')) {
                if let Some((_, rest)) = line.split_once("<span id=\"") {
                    let id = &rest[..rest.find('"').unwrap()];
                    assert!(
                        wiki.contains(&format!("#{id}]")) || wiki.contains(&format!("#{id}|")),
                        "{lang} {slug}: an anchor no link needs: {line}"
                    );
                }
            }
        }
    }
}

#[test]
fn right_to_left_markdown_says_its_direction_and_stays_markdown() {
    let dir = built();
    for lang in Language::ALL {
        let rtl = lang.dir() == "rtl";
        let mut paths: Vec<String> = SLUGS
            .iter()
            .map(|slug| format!("{}/{slug}.md", lang.code()))
            .collect();
        paths.push(format!("{}/index.md", lang.code()));
        paths.push(format!("{}/series/wikimedia-clinics.md", lang.code()));
        for path in paths {
            let md = read(&dir, &path);
            let events: Vec<Event> = Parser::new(&md).collect();
            let html: Vec<String> = events
                .iter()
                .filter_map(|e| match e {
                    Event::Html(h) => Some(h.to_string()),
                    _ => None,
                })
                .collect();
            let opened = html.first().is_some_and(|h| h.contains("dir=\"rtl\""));
            assert_eq!(opened, rtl, "{path}: the page's direction\n{md}");
            if rtl {
                // The div is an HTML block of its own, first and last, and what is
                // between is still Markdown: a heading and links, not raw text.
                assert!(
                    matches!(
                        events.first(),
                        Some(Event::Html(_) | Event::Start(Tag::HtmlBlock))
                    ),
                    "{path}: {md}"
                );
                assert_eq!(html.last().map(|h| h.trim()), Some("</div>"), "{path}");
                assert!(
                    events
                        .iter()
                        .any(|e| matches!(e, Event::Start(Tag::Heading { .. }))),
                    "{path}: no heading inside the div"
                );
                assert!(
                    events
                        .iter()
                        .any(|e| matches!(e, Event::Start(Tag::Link { .. }))),
                    "{path}: no link inside the div"
                );
            }
        }
    }
}
