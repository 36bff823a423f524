//! The notes file for a new call, written by `heptaglot new`.

use std::path::{Path, PathBuf};

use super::check::{date_problem, is_safe_slug, parse_date};
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
    /// The title, when it is not the series' pattern or "<series> #<number>".
    pub title: Option<String>,
    /// The kind of record (`call`, `interview`, `session`, `breakout`), when given.
    pub kind: Option<String>,
}

/// What the new notes file will be, once the series' existing files are followed.
#[derive(Debug, Clone, PartialEq)]
pub struct Planned {
    /// The series' name, as the existing files write it.
    pub series: String,
    /// The number, padded to the width of the existing ones (`7` → `007`).
    pub number: String,
    /// The slug (file name without `.yaml`).
    pub slug: String,
    /// The title, when one is written.
    pub title: Option<String>,
    /// The notes file whose pattern was followed.
    pub followed: Option<PathBuf>,
}

/// An existing digest of a series: its file, series, number, slug and title.
#[derive(Debug, Clone)]
pub struct Existing {
    /// The notes file, relative to the site root.
    pub source: PathBuf,
    /// Its `series`.
    pub series: String,
    /// Its `number`, as written.
    pub number: Option<String>,
    /// Its slug.
    pub slug: String,
    /// Its `title`, when written.
    pub title: Option<String>,
    /// Its date, for the most recent.
    pub date: String,
}

/// The slug, title and number of a new digest of `request`'s series: the pattern of the
/// series' most recent digest in `existing` when there is one (found by the series' name,
/// or by its titles' name: `--series "Wikimedia Clinic"` finds "Wikimedia Clinic #006" of
/// the series "Wikimedia Clinics"), else `<series> <number>`.
pub fn plan(request: &Scaffold, existing: &[Existing]) -> Planned {
    let wanted = super::address::series_address(&request.series);
    let latest = existing
        .iter()
        .filter(|e| {
            super::address::series_address(&e.series) == wanted
                || e.number
                    .as_ref()
                    .zip(e.title.as_ref())
                    .is_some_and(|(n, t)| {
                        t.strip_suffix(n.as_str())
                            .map(|name| name.trim_end_matches(['#', ' ', '-', '.']))
                            .is_some_and(|name| super::address::series_address(name) == wanted)
                    })
        })
        .max_by(|a, b| a.date.cmp(&b.date).then(a.slug.cmp(&b.slug)));
    let Some(latest) = latest else {
        return Planned {
            series: request.series.clone(),
            number: request.number.clone(),
            slug: slug_for(&request.series, &request.number),
            title: request.title.clone(),
            followed: None,
        };
    };
    let old = latest.number.clone().unwrap_or_default();
    let number = if !old.is_empty()
        && old.chars().all(|c| c.is_ascii_digit())
        && request.number.chars().all(|c| c.is_ascii_digit())
        && request.number.len() < old.len()
    {
        format!("{:0>width$}", request.number, width = old.len())
    } else {
        request.number.clone()
    };
    let swap = |text: &str| -> Option<String> {
        let at = text.rfind(old.as_str()).filter(|_| !old.is_empty())?;
        Some(format!(
            "{}{number}{}",
            &text[..at],
            &text[at + old.len()..]
        ))
    };
    Planned {
        series: latest.series.clone(),
        slug: swap(&latest.slug).unwrap_or_else(|| slug_for(&latest.series, &number)),
        title: request
            .title
            .clone()
            .or_else(|| latest.title.as_deref().and_then(swap)),
        number,
        followed: Some(latest.source.clone()),
    }
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
        ("--title", request.title.as_ref().unwrap_or(&String::new())),
        ("--kind", request.kind.as_ref().unwrap_or(&String::new())),
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
    let planned = plan(request, &[]);
    planned_text(request, &planned)
}

/// The text of the new notes file `planned` for `request`.
fn planned_text(request: &Scaffold, planned: &Planned) -> String {
    let mut head = String::new();
    if let Some(title) = &planned.title {
        head.push_str(&format!("title: {}\n", yaml_quote(title)));
    }
    if let Some(kind) = &request.kind {
        head.push_str(&format!("kind: {kind}\n"));
    }
    format!(
        r#"# Notes of {series_q} #{number_q}. The format: docs/notes-format.md
# Replace every placeholder below; `heptaglot check` warns about those left.
# Check with `heptaglot check`; publish with `heptaglot build`.
series: {series_q}
number: {number_q}
{head}date: {date}
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
        series_q = yaml_quote(&planned.series),
        number_q = yaml_quote(&planned.number),
        date = request.date,
        held_in = request.held_in,
        written_in = request.written_in,
    )
}

/// The problem with one argument of `heptaglot new`, named by its option.
fn argument(option: &str, message: String, hint: impl Into<String>) -> Box<Problem> {
    Box::new(Problem::error(option, message).field(option).hint(hint))
}

/// The kinds of record `--kind` takes, as the format writes them.
pub const KINDS: [&str; 4] = ["call", "interview", "session", "breakout"];

/// Checks the arguments of `request`, each problem naming its option.
fn check_arguments(request: &Scaffold) -> Result<(), Box<Problem>> {
    if let Some((option, what)) = unsafe_argument(request) {
        return Err(argument(
            option,
            format!("{option} holds {what}"),
            format!(
                "give {option} as one line of text, without control or bidi override characters"
            ),
        ));
    }
    if parse_date(&request.date).is_none() {
        let (message, hint) = date_problem(&request.date);
        return Err(argument("--date", message, hint));
    }
    for (option, code) in [
        ("--held-in", &request.held_in),
        ("--written-in", &request.written_in),
    ] {
        if code.parse::<Language>().is_err() {
            let message = format!("`{code}` is not one of the seven languages");
            let hint = format!("use one of: {}", Language::all_codes().join(", "));
            return Err(argument(option, message, hint));
        }
    }
    if let Some(kind) = &request.kind
        && !KINDS.contains(&kind.as_str())
    {
        let hint = match crate::diag::did_you_mean(kind, KINDS) {
            Some(near) => format!("did you mean `{near}`? Allowed: {}", KINDS.join(", ")),
            None => format!("allowed: {}", KINDS.join(", ")),
        };
        return Err(argument(
            "--kind",
            format!("`{kind}` is not a kind of record"),
            hint,
        ));
    }
    Ok(())
}

/// The series, number, slug and title of the digests under `root/digests` that load.
pub fn existing(root: &Path) -> Vec<Existing> {
    super::load_dir(root, Path::new("digests"))
        .digests
        .into_iter()
        .map(|d| Existing {
            source: d.source,
            series: d.notes.series,
            number: d.notes.number,
            slug: d.slug,
            title: d.notes.title,
            date: d.notes.date,
        })
        .collect()
}

/// Writes the scaffold to `root/digests/<slug>.yaml`, following the pattern of the series'
/// existing digests (see [`plan`]); never overwrites a file. Returns the file written and
/// the plan followed.
pub fn scaffold(root: &Path, request: &Scaffold) -> Result<(PathBuf, Planned), Box<Problem>> {
    let shown = PathBuf::from("digests");
    let fail = |problem: Problem| Err(Box::new(problem));
    check_arguments(request)?;
    let planned = plan(request, &existing(root));
    let slug = planned.slug.clone();
    if !is_safe_slug(&slug) {
        return Err(argument(
            "--series",
            "the series and number give no usable file name".into(),
            "use letters or digits in --series and --number",
        ));
    }
    if super::address::windows_reserved(&slug) {
        return Err(argument(
            "--series",
            format!("the file name `{slug}` is a name Windows reserves for a device"),
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
    let text = planned_text(request, &planned);
    let write = || -> std::io::Result<()> {
        std::fs::create_dir_all(root.join(&shown))?;
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .and_then(|mut file| std::io::Write::write_all(&mut file, text.as_bytes()))
    };
    if let Err(error) = write() {
        return fail(Problem::error(
            &relative,
            format!("cannot write the file: {error}"),
        ));
    }
    Ok((relative, planned))
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
    fn a_new_digest_follows_the_series_most_recent_slug_title_and_number_width() {
        let clinic = |number: &str, date: &str| Existing {
            source: PathBuf::from(format!("digests/wikimedia-clinic-{number}.yaml")),
            series: "Wikimedia Clinics".into(),
            number: Some(number.into()),
            slug: format!("wikimedia-clinic-{number}"),
            title: Some(format!("Wikimedia Clinic #{number}")),
            date: date.into(),
        };
        let existing = [clinic("006", "2020-07-16"), clinic("005", "2020-06-18")];
        let request = |series: &str| Scaffold {
            series: series.into(),
            number: "7".into(),
            date: "2020-08-20".into(),
            held_in: "en".into(),
            written_in: "en".into(),
            title: None,
            kind: None,
        };
        for series in ["Wikimedia Clinics", "Wikimedia Clinic", "wikimedia clinics"] {
            let planned = plan(&request(series), &existing);
            assert_eq!(planned.slug, "wikimedia-clinic-007", "{series}");
            assert_eq!(planned.number, "007");
            assert_eq!(planned.series, "Wikimedia Clinics");
            assert_eq!(planned.title.as_deref(), Some("Wikimedia Clinic #007"));
        }
        let other = plan(&request("Regional Meetups"), &existing);
        assert_eq!(
            (other.slug.as_str(), other.number.as_str(), other.title),
            ("regional-meetups-7", "7", None)
        );
    }

    #[test]
    fn scaffold_is_valid_notes() {
        let request = Scaffold {
            series: "Wikimedia \"Clinics\"".into(),
            number: "007".into(),
            date: "2020-08-20".into(),
            held_in: "es".into(),
            written_in: "en".into(),
            title: None,
            kind: None,
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
            title: None,
            kind: None,
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
                title: None,
                kind: None,
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
            title: None,
            kind: None,
        };
        let problem = scaffold(dir.path(), &request).unwrap_err();
        assert!(
            problem.message.contains("Windows reserves"),
            "{}",
            problem.message
        );
    }
}
