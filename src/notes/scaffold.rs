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

fn yaml_quote(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The text of a new notes file, with comments that teach the format.
pub fn scaffold_text(request: &Scaffold) -> String {
    format!(
        r#"# Notes of {series} #{number}. The format: docs/notes-format.md
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
        series = request.series,
        number = request.number,
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
}
