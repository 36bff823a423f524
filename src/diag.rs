//! Problems found in a user's files, and how they are shown.
//!
//! Every stage reports what is wrong with a user's input as [`Problem`]s rather than stopping
//! at the first one, so that `heptaglot check` can list everything in one run. A problem names
//! the file, the line and column, the field, what is wrong and how to fix it. Rendering with
//! source snippets happens once, at the edge, in [`render`]; this is the only module that
//! knows about miette.

use std::fmt;
use std::path::{Path, PathBuf};

/// A position in a text file, 1-based, counted in characters as an editor shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// 0-based byte offset of the position in the file.
    pub offset: usize,
}

impl Position {
    /// The position of byte `offset` in `text`.
    pub fn from_offset(text: &str, offset: usize) -> Self {
        let offset = offset.min(text.len());
        let offset = (0..=offset)
            .rev()
            .find(|i| text.is_char_boundary(*i))
            .unwrap_or(0);
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = text[line_start..offset].chars().count() + 1;
        Self {
            line,
            column,
            offset,
        }
    }

    /// The byte offset of 1-based `line` and `column` in `text`.
    pub fn from_line_column(text: &str, line: usize, column: usize) -> Self {
        let line_start = if line <= 1 {
            0
        } else {
            text.match_indices('\n')
                .nth(line - 2)
                .map_or(text.len(), |(i, _)| i + 1)
        };
        let offset = text[line_start..]
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(text.len(), |(i, _)| line_start + i);
        Self {
            line,
            column,
            offset,
        }
    }
}

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The build goes on, falling back where it can, but `check` fails.
    Error,
    /// Worth fixing; neither the build nor `check` fails.
    Warning,
}

/// One thing wrong with a user's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// How serious it is.
    pub severity: Severity,
    /// The file, as the user named it (relative to the site root when possible).
    pub file: PathBuf,
    /// Where in the file, when known.
    pub position: Option<Position>,
    /// The field or message the problem is about, e.g. `topics[1].points[0].speaker`.
    pub field: Option<String>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

impl Problem {
    /// An error in `file`.
    pub fn error(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            file: file.into(),
            position: None,
            field: None,
            message: message.into(),
            hint: None,
        }
    }

    /// A warning in `file`.
    pub fn warning(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(file, message)
        }
    }

    /// Sets where in the file the problem is.
    pub fn at(mut self, position: Position) -> Self {
        self.position = Some(position);
        self
    }

    /// Sets the field the problem is about.
    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// Sets how to fix it.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Whether this problem makes `check` fail.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The one-line form, `file:line:column: error: message (field) hint`, for logs and tests.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(p) = self.position {
            write!(f, ":{}:{}", p.line, p.column)?;
        }
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, ": {level}: {}", self.message)?;
        if let Some(field) = &self.field {
            write!(f, " [{field}]")?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  help: {hint}")?;
        }
        Ok(())
    }
}

/// The bytes of `file` as text, or the problem that they are not UTF-8, at the first byte
/// that is not.
pub fn utf8_text(bytes: Vec<u8>, file: &Path) -> Result<String, Box<Problem>> {
    String::from_utf8(bytes).map_err(|error| {
        let position = Position::from_offset(
            &String::from_utf8_lossy(error.as_bytes()),
            error.utf8_error().valid_up_to(),
        );
        Box::new(
            Problem::error(file, "the file is not valid UTF-8 text")
                .at(position)
                .hint("save the file as UTF-8 in your editor"),
        )
    })
}

/// Sorts problems by file and position so that reports are stable from run to run.
pub fn sort(problems: &mut [Problem]) {
    problems
        .sort_by(|a, b| (&a.file, a.position, &a.message).cmp(&(&b.file, b.position, &b.message)));
}

/// Renders problems for a terminal: each with its location line and, when the file can be
/// read, a snippet of the source pointing at the spot (miette's graphical report).
pub fn render(problems: &[Problem], root: &Path, color: bool) -> String {
    render_with(problems, color, |file| {
        let path = if file.is_absolute() {
            file.to_path_buf()
        } else {
            root.join(file)
        };
        std::fs::read_to_string(path).ok()
    })
}

/// [`render`] with the text of each problem's file given by `source` (`None` when it cannot
/// be read: the problem is shown without a snippet).
pub fn render_with(
    problems: &[Problem],
    color: bool,
    source: impl Fn(&Path) -> Option<String>,
) -> String {
    use miette::{
        GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource,
    };

    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_context_lines(1);
    let mut out = String::new();
    for problem in problems {
        out.push_str(&format!("{problem}\n"));
        let Some(position) = problem.position else {
            out.push('\n');
            continue;
        };
        let Some(text) = source(&problem.file) else {
            out.push('\n');
            continue;
        };
        let mut diagnostic = MietteDiagnostic::new(problem.message.clone())
            .with_severity(match problem.severity {
                Severity::Error => miette::Severity::Error,
                Severity::Warning => miette::Severity::Warning,
            })
            .with_label(LabeledSpan::at_offset(
                position.offset,
                problem.field.clone().unwrap_or_else(|| "here".into()),
            ));
        if let Some(hint) = &problem.hint {
            diagnostic = diagnostic.with_help(hint.clone());
        }
        let report = miette::Report::new(diagnostic).with_source_code(NamedSource::new(
            format!(
                "{}:{}:{}",
                problem.file.display(),
                position.line,
                position.column
            ),
            text,
        ));
        let mut rendered = String::new();
        if handler
            .render_report(&mut rendered, report.as_ref())
            .is_ok()
        {
            out.push_str(&rendered);
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let text = "a: 1\nné: [x\n";
        let p = Position::from_offset(text, text.find('[').unwrap());
        assert_eq!((p.line, p.column), (2, 5));
        let q = Position::from_line_column(text, 2, 5);
        assert_eq!(q.offset, p.offset);
    }
}
