//! The notes file for a new call, written by `heptaglot new`.

use std::path::{Path, PathBuf};

use super::check::{is_safe_slug, parse_date};
use crate::diag::Problem;
use crate::lang::Language;

/// What `heptaglot new` is told about the call.
#[derive(Debug, Clone)]
pub struct Scaffold {
    /// Series name.
    pub series: String,
    /// Number within the series.
    pub number: String,
    /// Date, YYYY-MM-DD.
    pub date: String,
    /// Language code the call was held in.
    pub held_in: String,
    /// Language code the notes are written in.
    pub written_in: String,
}

/// "Wikimedia Clinics", "007" → "wikimedia-clinics-007".
pub fn slug_for(series: &str, number: &str) -> String {
    let mut slug = String::new();
    for c in format!("{series} {number}").chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// `text` as a YAML double-quoted scalar that reads back as exactly `text`: quotes and
/// backslashes escaped, and every character that is not printable (a line break, a control
/// character, a line or paragraph separator) as a `\u` escape, so nothing can end the
/// scalar or the line.
fn yaml_quote(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{FEFF}') => {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The first argument of `request` holding a character no text may hold (a line break
/// included: every argument is one line), with its option name and what is wrong.
fn unsafe_argument(request: &Scaffold) -> Option<(&'static str, String)> {
    [
        ("--series", &request.series),
        ("--number", &request.number),
        ("--date", &request.date),
        ("--held-in", &request.held_in),
        ("--written-in", &request.written_in),
    ]
    .into_iter()
    .find_map(|(option, value)| {
        let what = match value.char_indices().find(|&(_, c)| c.is_control()) {
            Some((_, c)) => format!("the control character U+{:04X}", c as u32),
            None => crate::text::first_unsafe(value)?.to_string(),
        };
        Some((option, what))
    })
}

/// The text of a new notes file, with comments that teach the format.
pub fn scaffold_text(request: &Scaffold) -> String {
    format!(
        r#"# Notes of {series_q} #{number_q}. The format: docs/notes-format.md
# Check with `heptaglot check`; publish with `heptaglot build`.
series: {series_q}
number: {number_q}
date: {date}
# time: "16:00"
# timezone: UTC
held_in: [{held_in}]
written_in: {written_in}
attendance:
  staff: 0
  volunteers: 0
facilitators: []
# intro: A paragraph shown after the standard opening.

people:
  # An id for each speaker; points refer to it with `speaker:`.
  example:
    name: Example
    affiliation: Wikimedia Example
    role: volunteer

topics:
  - title: Introduction
    body: |
      What the facilitators said, in Markdown.
    points:
      - speaker: example
        text: What they said.
        replies: []
    questions: []
"#,
        series_q = yaml_quote(&request.series),
        number_q = yaml_quote(&request.number),
        date = request.date,
        held_in = request.held_in,
        written_in = request.written_in,
    )
}

/// Writes the scaffold to `root/digests/<slug>.yaml`; never overwrites a file.
pub fn scaffold(root: &Path, request: &Scaffold) -> Result<PathBuf, Box<Problem>> {
    let shown = PathBuf::from("digests");
    let fail = |problem: Problem| Err(Box::new(problem));
    if let Some((option, what)) = unsafe_argument(request) {
        return fail(
            Problem::error(&shown, format!("{option} holds {what}"))
                .field(option)
                .hint(format!(
                    "give {option} as one line of text, without control or bidi override characters"
                )),
        );
    }
    if parse_date(&request.date).is_none() {
        let message = format!("`{}` is not a calendar date", request.date);
        return fail(
            Problem::error(&shown, message).hint("give --date as YYYY-MM-DD, e.g. 2020-07-16"),
        );
    }
    for code in [&request.held_in, &request.written_in] {
        if code.parse::<Language>().is_err() {
            let message = format!("`{code}` is not one of the seven languages");
            let hint = format!("use one of: {}", Language::all_codes().join(", "));
            return fail(Problem::error(&shown, message).hint(hint));
        }
    }
    let slug = slug_for(&request.series, &request.number);
    if !is_safe_slug(&slug) {
        let message = "the series and number give no usable file name";
        return fail(
            Problem::error(&shown, message).hint("use letters or digits in --series and --number"),
        );
    }
    if super::address::windows_reserved(&slug) {
        let message = format!("the file name `{slug}` is a name Windows reserves for a device");
        return fail(Problem::error(&shown, message).hint(
            "add a word to --series or --number: Windows cannot check out or serve a page of that name",
        ));
    }
    let relative = shown.join(format!("{slug}.yaml"));
    let path = root.join(&relative);
    if path.exists() {
        let message = "this notes file already exists; it was left as it is";
        return fail(
            Problem::error(&relative, message).hint("edit it, or choose another --number"),
        );
    }
    let write = || -> std::io::Result<()> {
        std::fs::create_dir_all(root.join(&shown))?;
        std::fs::write(&path, scaffold_text(request))
    };
    if let Err(error) = write() {
        return fail(Problem::error(
            &relative,
            format!("cannot write the file: {error}"),
        ));
    }
    Ok(relative)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_from_series_and_number() {
        assert_eq!(
            slug_for("Wikimedia Clinics", "007"),
            "wikimedia-clinics-007"
        );
        assert_eq!(slug_for("Café / Talk", "#1"), "caf-talk-1");
    }

    #[test]
    fn scaffold_is_valid_notes() {
        let request = Scaffold {
            series: "Wikimedia \"Clinics\"".into(),
            number: "007".into(),
            date: "2020-08-20".into(),
            held_in: "es".into(),
            written_in: "en".into(),
        };
        let text = scaffold_text(&request);
        let digest = crate::notes::load_str(&text, Path::new("new.yaml"), "new").unwrap();
        assert_eq!(digest.notes.number.as_deref(), Some("007"));
    }

    #[test]
    fn every_character_is_escaped_so_the_file_reads_back_as_given() {
        let request = Scaffold {
            series: "Clinics\n\u{2028}date: 1999-01-01 # \"x\" \\ \u{1b}[2J".into(),
            number: "7\r\n#".into(),
            date: "2020-08-20".into(),
            held_in: "es".into(),
            written_in: "en".into(),
        };
        let text = scaffold_text(&request);
        assert_eq!(
            text.lines().count(),
            scaffold_text(&Scaffold {
                series: "x".into(),
                number: "y".into(),
                ..request.clone()
            })
            .lines()
            .count()
        );
        let tree = crate::notes::yaml::parse(&text).unwrap();
        let json = tree.to_json();
        assert_eq!(json["series"], request.series.as_str());
        assert_eq!(json["number"], request.number.as_str());
        assert_eq!(json["date"], "2020-08-20");
    }

    #[test]
    fn a_line_break_or_control_character_in_an_argument_is_refused_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        for (series, number, option) in [
            ("Clinics\ndate: 1999-01-01", "7", "--series"),
            ("Clinics", "7\n", "--number"),
            ("Clinics", "\u{9b}7", "--number"),
            ("Alice\u{202E}", "7", "--series"),
        ] {
            let request = Scaffold {
                series: series.into(),
                number: number.into(),
                date: "2020-08-20".into(),
                held_in: "es".into(),
                written_in: "en".into(),
            };
            let problem = scaffold(dir.path(), &request).unwrap_err();
            assert_eq!(
                problem.field.as_deref(),
                Some(option),
                "{}",
                problem.message
            );
            assert!(
                problem.message.starts_with(&format!("{option} holds ")),
                "{}",
                problem.message
            );
        }
        assert!(!dir.path().join("digests").exists());
    }

    #[test]
    fn a_windows_device_name_is_refused_as_a_file_name() {
        let dir = tempfile::tempdir().unwrap();
        let request = Scaffold {
            series: "Con".into(),
            number: "".into(),
            date: "2020-08-20".into(),
            held_in: "es".into(),
            written_in: "en".into(),
        };
        let problem = scaffold(dir.path(), &request).unwrap_err();
        assert!(
            problem.message.contains("Windows reserves"),
            "{}",
            problem.message
        );
    }
}
