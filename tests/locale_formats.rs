//! Times and numbers on the pages are formatted by ICU4X as each language writes them
//! (README: "no month name or digit separator is ever written by hand"). The expected
//! forms are Node's `Intl.NumberFormat` and `Intl.DateTimeFormat` (ICU 78, CLDR 48), an
//! independent implementation, written down here.

mod common;

use common::{heptaglot, notes, site, stderr};

/// (language, 1234, 12345, 16:05) as Node's Intl writes them. Spanish groups only from
/// five digits (CLDR's minimumGroupingDigits); French uses a narrow no-break space,
/// Russian a no-break space.
const EXPECTED: [(&str, &str, &str, &str); 7] = [
    ("en", "1,234", "12,345", "4:05 PM"),
    ("es", "1234", "12.345", "16:05"),
    ("fr", "1\u{202F}234", "12\u{202F}345", "16:05"),
    ("ar", "1,234", "12,345", "4:05 \u{645}"),
    ("zh-Hans", "1,234", "12,345", "16:05"),
    ("de", "1.234", "12.345", "16:05"),
    ("ru", "1\u{A0}234", "12\u{A0}345", "16:05"),
];

/// Spaces of any kind as one: Node writes English "4:05 PM" with a plain space where
/// CLDR 42 and later (and ICU4X) have a narrow no-break space.
fn plain_spaces(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect()
}

#[test]
fn times_and_thousands_are_written_as_each_language_writes_them() {
    let dir = site(false);
    std::fs::write(
        dir.path().join("digests/test-001.yaml"),
        notes("time: \"16:05\"\ntimezone: America/Mexico_City\nattendance:\n  staff: 1234\n  volunteers: 12345\n"),
    )
    .unwrap();
    let output = heptaglot(dir.path(), &["build"]);
    assert!(output.status.success(), "{}", stderr(&output));
    for (lang, thousand, ten_thousand, time) in EXPECTED {
        let page = common::published(dir.path(), &format!("{lang}/test-001/index.html"));
        let attendance = page
            .split("<p class=\"attendance\">")
            .nth(1)
            .and_then(|p| p.split("</p>").next())
            .unwrap_or_else(|| panic!("{lang}: no attendance sentence"));
        // The number stands alone: no digit or separator around it.
        let alone = |n: &str| {
            attendance.match_indices(n).any(|(at, _)| {
                let before = attendance[..at].chars().next_back();
                let after = attendance[at + n.len()..].chars().next();
                let free = |c: Option<char>| {
                    c.is_none_or(|c| !c.is_ascii_digit() && !",.\u{202F}\u{A0}".contains(c))
                };
                free(before) && free(after)
            })
        };
        assert!(alone(thousand), "{lang}: {thousand} in {attendance}");
        assert!(
            alone(ten_thousand),
            "{lang}: {ten_thousand} in {attendance}"
        );
        let opening = page
            .split("<p class=\"opening\">")
            .nth(1)
            .and_then(|p| p.split("</p>").next())
            .unwrap_or_else(|| panic!("{lang}: no opening"));
        assert!(
            plain_spaces(opening).contains(&plain_spaces(time)),
            "{lang}: {time} in {opening}"
        );
    }
}
