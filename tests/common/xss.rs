//! Sites whose notes and translations carry the XSS vectors of
//! `tests/fixtures/xss-vectors.txt`, for the tests that parse every output (tests/xss.rs)
//! and the one that loads every page in a browser (tests/browser.rs).

use std::path::Path;

use heptaglot::lang::Language;
use heptaglot::translate::file;

use super::{heptaglot, html, stderr, yaml_quoted};

/// The vectors of the fixture, with `<%…%>` spellings turned into their characters.
pub fn vectors() -> Vec<String> {
    let text = std::fs::read_to_string(super::repo().join("tests/fixtures/xss-vectors.txt"))
        .expect("the vectors fixture");
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|line| {
            let mut out = String::new();
            let mut rest = line;
            while let Some(start) = rest.find("<%") {
                out.push_str(&rest[..start]);
                let end = rest[start..].find("%>").expect("closed <%…%>") + start;
                let name = &rest[start + 2..end];
                out.push(match name {
                    "TAB" => '\t',
                    "LF" => '\n',
                    "CR" => '\r',
                    "NUL" => '\0',
                    _ => {
                        let hex = name.strip_prefix("U+").expect("<%U+XXXX%>");
                        char::from_u32(u32::from_str_radix(hex, 16).unwrap()).unwrap()
                    }
                });
                rest = &rest[end + 2..];
            }
            out.push_str(rest);
            out
        })
        .collect()
}

/// The marker that follows a vector in plain-text fields, to see that the field reached
/// the output (so a channel that silently drops text cannot make the test pass).
pub fn marker(n: usize) -> String {
    format!("xv{n:03}q")
}

/// A notes file with `v` in every text field (plain fields followed by the marker) and
/// around Markdown links; its date orders it among the site's digests.
pub fn text_notes(n: usize, v: &str) -> String {
    let p = yaml_quoted(&format!("{v} {}", marker(n)));
    let v_ = yaml_quoted(v);
    let link = yaml_quoted(&format!("[link]({v})"));
    let autolink = yaml_quoted(&format!("<{v}>"));
    let reference = yaml_quoted(&format!("[ref][r]\n\n[r]: {v}"));
    let image = yaml_quoted(&format!("![img]({v})"));
    let url = yaml_quoted(&format!("https://example.org/{v}"));
    let mailto = yaml_quoted(&format!("mailto:{v}"));
    let recording = yaml_quoted(&format!("http://example.org/#{v}"));
    let (month, day) = (1 + n / 28, 1 + n % 28);
    format!(
        "series: {p}
title: {p}
date: 2021-{month:02}-{day:02}
held_in: [es]
written_in: en
intro: {v_}
facilitators:
  - p1
  - name: {p}
links:
  - title: {p}
    url: {url}
  - title: {p}
    url: {mailto}
recording: {recording}
people:
  p1: {{name: {p}, role: staff, team: {v_}}}
  p2: {{affiliation: {v_}, from: {v_}}}
  p3: {{name: {p}, affiliation: {v_}, from: {v_}}}
  p4: {{from: {v_}}}
  p5: {{role: staff, team: {v_}}}
topics:
  - title: {p}
    body: {v_}
    editor_note: {v_}
    points:
      - speaker: p1
        text: {v_}
        editor_note: {v_}
        replies:
          - speaker: p2
            text: {v_}
            replies:
              - speaker: {{name: {p}, affiliation: {v_}}}
                text: {v_}
      - speaker: p3
        points:
          - text: {v_}
          - text: {link}
          - text: {autolink}
          - text: {reference}
          - text: {image}
      - speaker: p4
        text: {v_}
      - speaker: p5
        text: {v_}
    questions:
      - question: {v_}
        asked_by: p3
        editor_note: {v_}
        answers:
          - speaker: p2
            text: {v_}
    sections:
      - title: {p}
        body: {v_}
  - title: {p}
    session:
      speakers: [p1, p3]
      format: {v_}
      audience: {v_}
      desired_outcome: {v_}
    body: {v_}
  - title: {p}
    breakout:
      participants: 3
      prepared_questions: [{v_}]
    sections:
      - title: {p}
        points:
          - speaker: p1
            text: {v_}
"
    )
}

/// A notes file whose link and recording addresses are exactly `v`.
pub fn url_notes(n: usize, v: &str) -> String {
    format!(
        "series: Links
title: Links {m}
date: 2019-01-01
held_in: [en]
written_in: en
links:
  - title: Link {m}
    url: {v}
recording: {v}
",
        m = marker(n),
        v = yaml_quoted(v)
    )
}

/// Whether `heptaglot check` would accept the notes `text` (the library call it makes).
pub fn accepted(text: &str, slug: &str) -> Result<(), String> {
    heptaglot::notes::load_str(text, Path::new("digests/x.yaml"), slug)
        .map(|_| ())
        .map_err(|problems| {
            problems
                .iter()
                .map(|p| format!("{} ({})", p.message, p.field.as_deref().unwrap_or("")))
                .collect::<Vec<_>>()
                .join("; ")
        })
}

/// Fills every unit of every translation file of the site with `vector_of(slug)`; units
/// whose source carries a marker get the translation marker `xt…q` instead.
pub fn translate_everything(root: &Path, vector_of: &dyn Fn(&str) -> Option<(usize, String)>) {
    let output = heptaglot(root, &["translate", "--all"]);
    assert!(output.status.success(), "{}", stderr(&output));
    for lang in Language::ALL {
        let folder = root.join("locales").join(lang.code()).join("digests");
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let slug = path.file_stem().unwrap().to_string_lossy().into_owned();
            let Some((n, v)) = vector_of(&slug) else {
                continue;
            };
            let text = std::fs::read_to_string(&path).unwrap();
            let mut parsed = file::parse(&text, &path, (lang, &slug)).unwrap();
            for unit in &mut parsed.units {
                unit.translation = Some(if unit.source.contains(&marker(n)) {
                    format!("{v} xt{n:03}q")
                } else {
                    v.clone()
                });
            }
            std::fs::write(&path, file::write(&parsed)).unwrap();
        }
    }
}

/// Writes one site of vectors `chunk` (numbered from `first`): a text digest per vector, a
/// URL digest for each vector `check` accepts as an address, and their translations.
/// Returns the vectors whose text digest was refused, with why.
pub fn vector_site(root: &Path, first: usize, chunk: &[String]) -> Vec<(usize, String)> {
    // The notes' language, a translation left to right and one right to left: the other
    // four languages take the same paths (and the Fluent test builds all seven).
    std::fs::write(
        root.join("heptaglot.toml"),
        "languages = [\"en\", \"fr\", \"ar\"]\n",
    )
    .unwrap();
    let mut refused = Vec::new();
    for (i, v) in chunk.iter().enumerate() {
        let n = first + i;
        let slug = format!("text-{n:03}");
        let notes = text_notes(n, v);
        match accepted(&notes, &slug) {
            Ok(()) => std::fs::write(root.join(format!("digests/{slug}.yaml")), notes).unwrap(),
            Err(why) => refused.push((n, why)),
        }
        let slug = format!("url-{n:03}");
        let notes = url_notes(n, v);
        match accepted(&notes, &slug) {
            Ok(()) => {
                // The check may let through only what no browser runs.
                assert!(
                    html::dangerous_url(v).is_none(),
                    "check accepted the address {v:?}"
                );
                std::fs::write(root.join(format!("digests/{slug}.yaml")), notes).unwrap();
            }
            Err(_) => assert!(
                !v.trim().to_ascii_lowercase().starts_with("https://")
                    && !v.trim().to_ascii_lowercase().starts_with("http://"),
                "check refused the web address {v:?}"
            ),
        }
    }
    let by_slug = |slug: &str| -> Option<(usize, String)> {
        let n: usize = slug.strip_prefix("text-")?.parse().ok()?;
        Some((n, chunk[n - first].clone()))
    };
    translate_everything(root, &by_slug);
    refused
}
