//! A hurried note-taker's first hour, through the binary: the traps of
//! the review of real records ("Traps for a hurried note-taker"), each caught by `check` with
//! a message at the text, every problem in one run and printed once; `init` starting a site
//! from nothing; `new` following the series already there.

mod common;

use std::path::Path;

use common::{bare_site, heptaglot, site, stderr, write};

/// The fields every notes file needs, before those a test adds.
const HEAD: &str =
    "series: Wikimedia Clinics\nnumber: \"004\"\ndate: 2024-02-20\nheld_in: [en]\nwritten_in: en\n";

/// `check` on a site with one notes file `digests/call.yaml` holding `notes`: whether it
/// passed, and its report.
fn check_notes(notes: &str) -> (bool, String) {
    let dir = bare_site();
    write(dir.path(), "digests/call.yaml", notes);
    let output = heptaglot(dir.path(), &["check"]);
    (output.status.success(), stderr(&output))
}

/// The location line of each problem of `report` (`file:line:column: level: message`).
fn headers(report: &str) -> Vec<&str> {
    report
        .lines()
        .filter(|l| l.starts_with("digests/") || l.starts_with('.') || l.starts_with("--"))
        .collect()
}

/// Asserts that `report` has a problem starting with `start` (location, level and the
/// start of the message).
fn has(report: &str, start: &str) {
    assert!(
        headers(report).iter().any(|h| h.starts_with(start)),
        "no problem starting with {start:?} in:\n{report}"
    );
}

#[test]
fn an_unquoted_hash_in_a_title_is_an_error_at_the_hash_not_a_silently_cut_title() {
    let notes = "series: Wikimedia Clinics\ntitle: Wikimedia Clinic #004\ndate: 2024-02-20\nheld_in: [en]   # the call's language\nwritten_in: en\n";
    let (passed, report) = check_notes(notes);
    assert!(!passed, "{report}");
    has(
        &report,
        "digests/call.yaml:2:25: error: ` #004` was read as a comment: the text ends at \"Wikimedia Clinic\" [title]",
    );
    assert!(
        report.contains(
            "help: put the whole value in quotes to keep it, e.g. \"Wikimedia Clinic #004\""
        ),
        "{report}"
    );
    // A comment after spaces, written as comments are, is no trap.
    assert_eq!(headers(&report).len(), 1, "{report}");
    let quoted = notes.replace("Wikimedia Clinic #004", "\"Wikimedia Clinic #004\"");
    let (passed, report) = check_notes(&quoted);
    assert!(passed && headers(&report).is_empty(), "{report}");
}

#[test]
fn the_untouched_scaffold_of_new_gets_a_warning_at_each_placeholder_and_zero() {
    let dir = bare_site();
    let args = [
        "new",
        "--series",
        "Clinics",
        "--number",
        "1",
        "--date",
        "2024-02-20",
    ];
    assert!(heptaglot(dir.path(), &args).status.success());
    let output = heptaglot(dir.path(), &["check"]);
    let report = stderr(&output);
    assert!(
        output.status.success(),
        "warnings do not fail check: {report}"
    );
    for start in [
        "digests/clinics-1.yaml:12:10: warning: an attendance of 0",
        "digests/clinics-1.yaml:13:15: warning: an attendance of 0",
        "digests/clinics-1.yaml:20:11: warning: \"Example\" is a placeholder",
        "digests/clinics-1.yaml:21:18: warning: \"Wikimedia Example\" is a placeholder",
        "digests/clinics-1.yaml:27:7: warning: \"What the facilitators said, in Markdown.\" is a placeholder",
        "digests/clinics-1.yaml:30:15: warning: \"What they said.\" is a placeholder",
    ] {
        has(&report, start);
    }
    assert!(report.ends_with("0 error(s), 6 warning(s)\n"), "{report}");
}

#[test]
fn markdown_that_would_not_come_out_as_written_is_located_at_the_text() {
    let notes = format!(
        "{HEAD}people:\n  cat: {{from: Catalonia}}\ntopics:\n  - title: Intro\n    body: |\n      See the [report](example.org/report).\n      ## Next steps\n      Read [[Friendly space policy]] and [the etherpad](https://etherpad.wikimedia.org/p/x\n    points:\n      - speaker: cat\n"
    );
    let (passed, report) = check_notes(&notes);
    assert!(passed, "{report}");
    for start in [
        "digests/call.yaml:11:15: warning: the link to `example.org/report` has no scheme",
        "digests/call.yaml:12:7: warning: a heading inside a text",
        "digests/call.yaml:13:12: warning: `[[…]]` is a wiki link",
        "digests/call.yaml:13:42: warning: this link is not closed",
        "digests/call.yaml:15:9: warning: this point has a speaker but nothing said",
    ] {
        has(&report, start);
    }
    assert_eq!(headers(&report).len(), 5, "{report}");
}

#[test]
fn shape_errors_do_not_hide_content_errors_and_each_is_printed_once() {
    let notes = "series: Wikimedia Clinics\nnumber: \"004\"\ndate: 29/02/2024\nheld_in: [en]\nwritten_in: en\ncolour: blue\nattendance:\n  volunteers: about 8\npeople:\n  quim:\n    role: staf\n";
    let (passed, report) = check_notes(notes);
    assert!(!passed);
    let found = headers(&report);
    assert_eq!(found.len(), 4, "{report}");
    has(
        &report,
        "digests/call.yaml:3:7: error: `29/02/2024` is not written as YYYY-MM-DD",
    );
    has(
        &report,
        "digests/call.yaml:6:1: error: unknown field `colour`",
    );
    has(
        &report,
        "digests/call.yaml:8:15: error: `about 8` is not a head count",
    );
    has(
        &report,
        "digests/call.yaml:11:11: error: \"staf\" is not an allowed value",
    );
    assert!(report.contains("help: write it as 2024-02-29"), "{report}");
    // Once: one location line, one snippet, one help each.
    assert_eq!(report.matches("is not a head count").count(), 1, "{report}");
    assert_eq!(report.matches("help:").count(), 4, "{report}");
    assert_eq!(
        report.matches(" 8 │   volunteers: about 8").count(),
        1,
        "{report}"
    );
    assert!(report.ends_with("4 error(s), 0 warning(s)\n"), "{report}");
}

#[test]
fn a_day_the_month_does_not_have_is_named() {
    let (passed, report) = check_notes(&HEAD.replace("2024-02-20", "2024-02-30"));
    assert!(!passed);
    has(
        &report,
        "digests/call.yaml:3:7: error: `2024-02-30` is not a calendar date: February 2024 has 29 days",
    );
    assert!(!report.contains("write the date as YYYY-MM-DD"), "{report}");
}

#[test]
fn a_bare_number_is_the_number_as_text_and_lost_zeros_are_said() {
    let (passed, report) = check_notes(&HEAD.replace("\"004\"", "7"));
    assert!(passed && headers(&report).is_empty(), "{report}");
    let (passed, report) = check_notes(&HEAD.replace("\"004\"", "004"));
    assert!(passed, "{report}");
    has(
        &report,
        "digests/call.yaml:2:9: warning: `004` is read as the number 4, without its leading zeros",
    );
    assert!(
        report.contains("help: write `number: \"004\"` in quotes"),
        "{report}"
    );
}

#[test]
fn a_list_of_speakers_on_one_point_says_one_speaker_per_point() {
    let notes = format!(
        "{HEAD}people:\n  olga: {{name: Olga}}\n  ester: {{name: Ester}}\ntopics:\n  - title: Intro\n    points:\n      - speaker: [olga, ester]\n        text: A joint presentation.\n"
    );
    let (passed, report) = check_notes(&notes);
    assert!(!passed);
    has(
        &report,
        "digests/call.yaml:12:18: error: a list of speakers, where one is expected: a point has one speaker today",
    );
}

#[test]
fn check_outside_a_site_says_so_once() {
    let dir = site(true);
    let digests = dir.path().join("digests");
    let output = heptaglot(&digests, &["check"]);
    let report = stderr(&output);
    assert!(!output.status.success());
    assert!(
        report.contains("error: this is not a site folder (no digests/ here)"),
        "{report}"
    );
    assert!(report.contains("`--root ..`"), "{report}");
    assert!(report.ends_with("1 error(s), 0 warning(s)\n"), "{report}");
}

#[test]
fn init_starts_a_site_that_checks_clean_and_builds_and_never_overwrites() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("my-site");
    let init = heptaglot(parent.path(), &["init", dir.to_str().unwrap()]);
    assert!(init.status.success(), "{}", stderr(&init));
    for file in [
        "digests/affiliate-voices-012.yaml",
        "locales/en/main.ftl",
        "locales/zh-Hans/main.ftl",
        "locales/glossary.yaml",
        "templates/digest.html",
    ] {
        assert!(dir.join(file).is_file(), "{file}");
    }
    let check = heptaglot(&dir, &["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(
        !stderr(&check).contains("warning"),
        "a new site checks clean: {}",
        stderr(&check)
    );
    let build = heptaglot(&dir, &["build"]);
    assert!(build.status.success(), "{}", stderr(&build));
    for lang in ["en", "es", "fr", "ar", "zh-Hans", "de", "ru"] {
        assert!(
            dir.join(format!("public/{lang}/affiliate-voices-012/index.html"))
                .is_file(),
            "{lang}"
        );
    }
    // Again: refused, nothing touched.
    std::fs::write(dir.join("templates/style.css"), "edited").unwrap();
    let again = heptaglot(parent.path(), &["init", dir.to_str().unwrap()]);
    assert!(!again.status.success());
    assert!(
        stderr(&again).contains("this folder is already a site"),
        "{}",
        stderr(&again)
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("templates/style.css")).unwrap(),
        "edited"
    );
}

#[test]
fn init_in_the_current_folder_keeps_what_is_there() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "README.txt", "mine");
    let init = heptaglot(dir.path(), &["init"]);
    assert!(init.status.success(), "{}", stderr(&init));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("README.txt")).unwrap(),
        "mine"
    );
    assert!(heptaglot(dir.path(), &["check"]).status.success());
}

/// Runs `new` with `args` in a copy of the example site; the notes file written, by name.
fn new_in_example(args: &[&str]) -> (tempfile::TempDir, std::process::Output) {
    let dir = site(true);
    let mut all = vec!["new"];
    all.extend(args);
    let output = heptaglot(dir.path(), &all);
    (dir, output)
}

fn field<'t>(text: &'t str, name: &str) -> Option<&'t str> {
    text.lines()
        .find_map(|l| l.strip_prefix(&format!("{name}: ")))
}

#[test]
fn new_follows_the_series_slug_and_title_pattern() {
    for series in ["Wikimedia Clinics", "Wikimedia Clinic"] {
        let (dir, output) =
            new_in_example(&["--series", series, "--number", "7", "--date", "2024-03-14"]);
        assert!(output.status.success(), "{}", stderr(&output));
        let path = dir.path().join("digests/wikimedia-clinic-007.yaml");
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(field(&text, "series"), Some("\"Wikimedia Clinics\""));
        assert_eq!(field(&text, "number"), Some("\"007\""));
        assert_eq!(field(&text, "title"), Some("\"Wikimedia Clinic #007\""));
        assert!(!dir.path().join("digests/wikimedia-clinics-7.yaml").exists());
        let check = heptaglot(dir.path(), &["check"]);
        assert!(check.status.success(), "{}", stderr(&check));
    }
}

#[test]
fn new_takes_a_kind_and_a_title_and_a_new_series_gets_the_default_pattern() {
    let (dir, output) = new_in_example(&[
        "--series",
        "Regional Meetups",
        "--number",
        "3",
        "--date",
        "2024-03-14",
        "--kind",
        "interview",
        "--title",
        "Meetup #3: Hubs",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = std::fs::read_to_string(dir.path().join("digests/regional-meetups-3.yaml")).unwrap();
    assert_eq!(field(&text, "kind"), Some("interview"));
    assert_eq!(field(&text, "title"), Some("\"Meetup #3: Hubs\""));
    assert!(heptaglot(dir.path(), &["check"]).status.success());
}

#[test]
fn new_names_the_argument_of_an_invalid_date() {
    let (dir, output) = new_in_example(&[
        "--series",
        "Clinics",
        "--number",
        "7",
        "--date",
        "2024-02-30",
    ]);
    let report = stderr(&output);
    assert!(!output.status.success());
    assert!(
        report.starts_with(
            "--date: error: `2024-02-30` is not a calendar date: February 2024 has 29 days"
        ),
        "{report}"
    );
    assert!(!report.contains("digests: error"), "{report}");
    assert!(!Path::new(&dir.path().join("digests/clinics-7.yaml")).exists());
}
