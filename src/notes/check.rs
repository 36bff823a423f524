//! Checks that need more than the schema: language codes, real dates, speakers that exist,
//! unique ids, safe slugs and links. Each finding carries the path of its field, which the
//! loader turns into a line and column through the positioned YAML tree.

use std::collections::HashMap;

use super::model::{Count, Notes, Point, Question, Section, SpeakerRef};
pub use super::path::Seg;
use crate::diag::did_you_mean;
use crate::lang::Language;

/// One semantic problem: the field path (as in the schema checks), what is wrong, a hint.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Path segments from the top of the file to the field.
    pub path: Vec<Seg>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

/// Runs every semantic check on `notes`.
pub fn check(notes: &Notes) -> Vec<Finding> {
    let mut checker = Checker {
        notes,
        findings: Vec::new(),
        ids: HashMap::new(),
    };
    checker.run();
    checker.findings
}

struct Checker<'n> {
    notes: &'n Notes,
    findings: Vec<Finding>,
    ids: HashMap<String, Vec<Seg>>,
}

/// Whether `text` is a safe URL path segment: lowercase letters, digits and inner hyphens.
pub fn is_safe_slug(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 100
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !text.starts_with('-')
        && !text.ends_with('-')
}

/// Whether a link target is one a reader can safely follow.
pub fn is_safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    ["https://", "http://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
}

/// Parses an approximate count such as "~8".
pub fn approximate_value(text: &str) -> Option<u32> {
    text.strip_prefix('~')?.parse().ok()
}

/// Parses `YYYY-MM-DD` into a real calendar date.
pub fn parse_date(text: &str) -> Option<(i32, u8, u8)> {
    let mut parts = text.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (y, m, d) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    icu::calendar::Date::try_new_iso(y, m, d).ok()?;
    Some((y, m, d))
}

/// What is wrong with a date that [`parse_date`] refuses, and how to write it: a day the
/// month does not have ("February 2024 has 29 days"), a month that does not exist, or
/// another way of writing dates (`29/02/2024`).
pub fn date_problem(text: &str) -> (String, String) {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let format = || {
        let example = day_month_year(text).map_or_else(
            || "2020-07-16".to_string(),
            |(y, m, d)| format!("{y:04}-{m:02}-{d:02}"),
        );
        (
            format!("`{text}` is not written as YYYY-MM-DD (year, month, day)"),
            format!("write it as {example}"),
        )
    };
    let parts: Vec<&str> = text.split('-').collect();
    let [y, m, d] = parts[..] else {
        return format();
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return format();
    }
    let (Ok(year), Ok(month), Ok(day)) = (y.parse::<i32>(), m.parse::<u8>(), d.parse::<u8>())
    else {
        return format();
    };
    if day == 0 {
        return (
            format!("`{text}` has no day 00: days go from 01"),
            "write the date as YYYY-MM-DD, e.g. 2020-07-16".into(),
        );
    }
    let Some(name) = MONTHS.get(usize::from(month).wrapping_sub(1)) else {
        return (
            format!("`{text}` has no month {month}: months go from 01 to 12"),
            "write the date as YYYY-MM-DD, e.g. 2020-07-16".into(),
        );
    };
    let days = (28..=31)
        .rev()
        .find(|day| icu::calendar::Date::try_new_iso(year, month, *day).is_ok())
        .unwrap_or(31);
    (
        format!("`{text}` is not a calendar date: {name} {year} has {days} days"),
        format!("check the day of the month (01 to {days})"),
    )
}

/// `DD/MM/YYYY`, `DD.MM.YYYY` or `MM/DD/YYYY` when only one reading is a real date.
fn day_month_year(text: &str) -> Option<(i32, u8, u8)> {
    let parts: Vec<&str> = text.split(['/', '.']).collect();
    let [a, b, y] = parts[..] else { return None };
    let (a, b, y): (u8, u8, i32) = (a.parse().ok()?, b.parse().ok()?, y.parse().ok()?);
    let real = |m: u8, d: u8| icu::calendar::Date::try_new_iso(y, m, d).is_ok();
    match (real(b, a), real(a, b)) {
        (true, false) => Some((y, b, a)),
        (false, true) => Some((y, a, b)),
        (true, true) if a == b => Some((y, a, b)),
        _ => None,
    }
}

/// Parses `HH:MM` on a 24-hour clock.
pub fn parse_time(text: &str) -> Option<(u8, u8)> {
    let (h, m) = text.split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (u8, u8) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some((h, m))
}

impl<'n> Checker<'n> {
    fn find(&mut self, path: Vec<Seg>, message: impl Into<String>, hint: Option<String>) {
        self.findings.push(Finding {
            path,
            message: message.into(),
            hint,
        });
    }

    fn run(&mut self) {
        let notes = self.notes;
        for (i, code) in notes.held_in.iter().enumerate() {
            self.language(vec![Seg::Key("held_in"), Seg::Index(i)], code);
        }
        if notes.held_in.is_empty() {
            self.find(
                vec![Seg::Key("held_in")],
                "no language given for the call",
                Some("list the language(s) the call was held in, e.g. `held_in: [es]`".into()),
            );
        }
        self.language(vec![Seg::Key("written_in")], &notes.written_in);
        if parse_date(&notes.date).is_none() {
            let (message, hint) = date_problem(&notes.date);
            self.find(vec![Seg::Key("date")], message, Some(hint));
        }
        if let Some(time) = &notes.time {
            if parse_time(time).is_none() {
                self.find(
                    vec![Seg::Key("time")],
                    format!("`{time}` is not a time of day"),
                    Some("write the time as HH:MM on a 24-hour clock, e.g. \"16:00\"".into()),
                );
            }
            if notes.timezone.is_none() {
                self.find(
                    vec![Seg::Key("time")],
                    "a time is given without its time zone",
                    Some(
                        "add `timezone:` with an IANA name, e.g. America/Mexico_City or UTC".into(),
                    ),
                );
            }
        }
        if let Some(zone) = &notes.timezone {
            let parsed = icu::time::zone::IanaParser::new().parse(zone);
            if parsed == icu::time::TimeZone::UNKNOWN && zone != "Etc/Unknown" {
                self.find(
                    vec![Seg::Key("timezone")],
                    format!("`{zone}` is not a known time zone"),
                    Some("use an IANA name such as Europe/Paris, America/Bogota or UTC".into()),
                );
            }
        }
        let series = notes.series_slug();
        if super::address::windows_reserved(&series) {
            self.find(
                vec![Seg::Key("series")],
                format!(
                    "the series' address would be `{series}`, a name Windows reserves for a device"
                ),
                Some("name the series otherwise (e.g. add a word): Windows cannot check out or serve a page of that name".into()),
            );
        }
        if let Some(slug) = &notes.slug
            && is_safe_slug(slug)
            && super::address::windows_reserved(slug)
        {
            self.find(
                vec![Seg::Key("slug")],
                format!("`{slug}` is a name Windows reserves for a device"),
                Some("choose another slug (e.g. add the series' name): Windows cannot check out or serve a page of that name".into()),
            );
        }
        if let Some(slug) = &notes.slug
            && !is_safe_slug(slug)
        {
            self.find(
                vec![Seg::Key("slug")],
                format!("`{slug}` cannot be used as a page address"),
                Some(
                    "use lowercase letters, digits and hyphens only, e.g. wikimedia-clinic-006"
                        .into(),
                ),
            );
        }
        if notes.number.is_none() && notes.title.is_none() {
            self.find(
                vec![Seg::Key("series")],
                "the call has neither a number nor a title",
                Some("add `number: \"007\"` or `title: ...` so the digest can be named".into()),
            );
        }
        if let Some(attendance) = &notes.attendance {
            for (name, count) in [
                ("staff", &attendance.staff),
                ("volunteers", &attendance.volunteers),
                ("participants", &attendance.participants),
            ] {
                if let Some(count) = count {
                    self.count(vec![Seg::Key("attendance"), Seg::Key(name)], count);
                }
            }
        }
        for (i, link) in notes.links.iter().enumerate() {
            self.url(
                vec![Seg::Key("links"), Seg::Index(i), Seg::Key("url")],
                &link.url,
            );
        }
        if let Some(url) = &notes.recording {
            self.url(vec![Seg::Key("recording")], url);
        }
        for (i, speaker) in notes.facilitators.iter().enumerate() {
            self.speaker(vec![Seg::Key("facilitators"), Seg::Index(i)], speaker);
        }
        for id in notes.people.keys() {
            if !is_safe_slug(id)
                && !id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            {
                self.find(
                    vec![Seg::Key("people"), Seg::Name(id.clone())],
                    format!("`{id}` is not a usable id"),
                    Some("use letters, digits, `-` or `_`".into()),
                );
            }
        }
        for (i, topic) in notes.topics.iter().enumerate() {
            self.section(vec![Seg::Key("topics"), Seg::Index(i)], topic);
        }
    }

    fn language(&mut self, path: Vec<Seg>, code: &str) {
        if code.parse::<Language>().is_err() {
            let codes = Language::all_codes();
            let hint = match did_you_mean(code, codes.iter().copied()) {
                Some(s) => format!(
                    "did you mean `{s}`? heptaglot publishes in: {}",
                    codes.join(", ")
                ),
                None => format!("use one of: {}", codes.join(", ")),
            };
            self.find(
                path,
                format!("`{code}` is not one of the seven languages"),
                Some(hint),
            );
        }
    }

    fn count(&mut self, path: Vec<Seg>, count: &Count) {
        if let Count::Approximate(text) = count
            && approximate_value(text).is_none()
        {
            self.find(
                path,
                format!("`{text}` is not a head count"),
                Some("write a whole number such as 8, or \"~8\" for about eight".into()),
            );
        }
    }

    fn url(&mut self, path: Vec<Seg>, url: &str) {
        if !is_safe_url(url) {
            self.find(
                path,
                format!("`{url}` is not a web or mail address"),
                Some("links must start with https://, http:// or mailto:".into()),
            );
        }
    }

    fn speaker(&mut self, path: Vec<Seg>, speaker: &SpeakerRef) {
        if let SpeakerRef::Id(id) = speaker
            && !self.notes.people.contains_key(id)
        {
            let hint = match did_you_mean(id, self.notes.people.keys().map(String::as_str)) {
                Some(s) => format!("did you mean `{s}`? Or add `{id}:` under `people`"),
                None => format!("add `{id}:` under `people`, or write the person in place"),
            };
            self.find(path, format!("no person `{id}` in `people`"), Some(hint));
        }
    }

    fn id(&mut self, path: &[Seg], id: &Option<String>) {
        let Some(id) = id else { return };
        let mut id_path = path.to_vec();
        id_path.push(Seg::Key("id"));
        if !is_safe_slug(id) {
            self.find(
                id_path,
                format!("`{id}` cannot be used as an id"),
                Some("use lowercase letters, digits and hyphens, e.g. pandemic-claudia".into()),
            );
        } else if self.ids.contains_key(id) {
            self.find(
                id_path,
                format!("the id `{id}` is used twice"),
                Some(
                    "ids identify a passage for translators and links: make each one unique".into(),
                ),
            );
        } else {
            self.ids.insert(id.clone(), id_path);
        }
    }

    /// The path of field `key` below `path`, and of item `index` in it when given.
    fn child(path: &[Seg], key: &'static str, index: Option<usize>) -> Vec<Seg> {
        let mut p = path.to_vec();
        p.push(Seg::Key(key));
        p.extend(index.map(Seg::Index));
        p
    }

    fn section(&mut self, path: Vec<Seg>, section: &Section) {
        self.id(&path, &section.id);
        if let Some(session) = &section.session {
            for (i, speaker) in session.speakers.iter().enumerate() {
                let mut p = Self::child(&path, "session", None);
                p.extend([Seg::Key("speakers"), Seg::Index(i)]);
                self.speaker(p, speaker);
            }
        }
        if let Some(Some(count)) = section.breakout.as_ref().map(|b| &b.participants) {
            let mut p = Self::child(&path, "breakout", None);
            p.push(Seg::Key("participants"));
            self.count(p, count);
        }
        for (i, point) in section.points.iter().enumerate() {
            self.point(Self::child(&path, "points", Some(i)), point);
        }
        for (i, question) in section.questions.iter().enumerate() {
            self.question(Self::child(&path, "questions", Some(i)), question);
        }
        for (i, sub) in section.sections.iter().enumerate() {
            self.section(Self::child(&path, "sections", Some(i)), sub);
        }
    }

    fn question(&mut self, path: Vec<Seg>, question: &Question) {
        self.id(&path, &question.id);
        if let Some(speaker) = &question.asked_by {
            self.speaker(Self::child(&path, "asked_by", None), speaker);
        }
        for (i, answer) in question.answers.iter().enumerate() {
            self.point(Self::child(&path, "answers", Some(i)), answer);
        }
    }

    fn point(&mut self, path: Vec<Seg>, point: &Point) {
        self.id(&path, &point.id);
        if let Some(speaker) = &point.speaker {
            self.speaker(Self::child(&path, "speaker", None), speaker);
        }
        if point.speaker.is_none()
            && point.text.is_none()
            && point.points.is_empty()
            && point.replies.is_empty()
        {
            self.find(
                path.clone(),
                "this point is empty",
                Some("give it a `speaker`, a `text` or sub-`points`, or remove it".into()),
            );
        }
        for (key, children) in [("points", &point.points), ("replies", &point.replies)] {
            for (i, child) in children.iter().enumerate() {
                self.point(Self::child(&path, key, Some(i)), child);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_exist() {
        assert_eq!(parse_date("2020-07-16"), Some((2020, 7, 16)));
        assert_eq!(parse_date("2021-02-29"), None);
        assert_eq!(parse_date("16/07/2020"), None);
    }

    #[test]
    fn date_problems_say_what_is_wrong() {
        let (message, _) = date_problem("2024-02-30");
        assert!(message.ends_with("February 2024 has 29 days"), "{message}");
        let (message, _) = date_problem("2023-04-31");
        assert!(message.ends_with("April 2023 has 30 days"), "{message}");
        let (message, _) = date_problem("2024-13-01");
        assert!(message.contains("no month 13"), "{message}");
        let (message, hint) = date_problem("29/02/2024");
        assert!(message.contains("YYYY-MM-DD"), "{message}");
        assert_eq!(hint, "write it as 2024-02-29");
        assert_eq!(date_problem("03/04/2024").1, "write it as 2020-07-16");
    }

    #[test]
    fn slugs_and_urls() {
        assert!(is_safe_slug("wikimedia-clinic-006"));
        for bad in ["../etc", "/abs", "A", "a b", "", "-x"] {
            assert!(!is_safe_slug(bad), "{bad}");
        }
        assert!(is_safe_url("https://meta.wikimedia.org"));
        assert!(!is_safe_url("javascript:alert(1)"));
        assert!(!is_safe_url(" JaVaScRiPt:alert(1)"));
    }
}
