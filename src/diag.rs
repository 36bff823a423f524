//! Problems found in a user's files, and how they are shown.
//!
//! Every stage reports what is wrong with a user's input as [`Problem`]s rather than stopping
//! at the first one, so that `heptaglot check` can list everything in one run. A problem names
//! the file, the line and column, the field, what is wrong and how to fix it. Rendering with
//! source snippets happens once, at the edge, in [`render`], and says each thing once: one
//! location line, one snippet, one help. Snippets are cut to [`SNIPPET_WIDTH`] characters
//! around the spot and show control characters as symbols, so a hostile file cannot flood or
//! drive the terminal.
//!
//! Every stage reads a user's files through [`read_file`] / [`read_text`], which turn what
//! cannot be read (a FIFO that would block forever, a symlink loop, a file too large, bytes
//! that are not UTF-8) into a problem for that file instead of a hang or a silent skip.

use std::fmt;
use std::path::{Path, PathBuf};

/// A position in a text file, 1-based, counted in characters as an editor shows it.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
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
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Severity {
    /// The build goes on, falling back where it can, but `check` fails.
    Error,
    /// Worth fixing; neither the build nor `check` fails.
    Warning,
}

/// One thing wrong with a user's file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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
/// that is not, naming that byte.
pub fn utf8_text(bytes: Vec<u8>, file: &Path) -> Result<String, Box<Problem>> {
    String::from_utf8(bytes).map_err(|error| {
        let at = error.utf8_error().valid_up_to();
        let byte = error.as_bytes()[at];
        // Up to `at` the text is valid, so the lossy copy has the same offsets.
        let position = Position::from_offset(&String::from_utf8_lossy(error.as_bytes()), at);
        Box::new(
            Problem::error(
                file,
                format!("the file is not UTF-8 text: byte 0x{byte:02X} here cannot start or continue a character"),
            )
            .at(position)
            .hint("save the file as UTF-8 in your editor (it was probably saved as Latin-1 or Windows-1252)"),
        )
    })
}

/// Sorts problems by file and position so that reports are stable from run to run.
pub fn sort(problems: &mut [Problem]) {
    problems
        .sort_by(|a, b| (&a.file, a.position, &a.message).cmp(&(&b.file, b.position, &b.message)));
}

/// The widest source line a snippet shows, in characters; longer lines are cut around the
/// spot, so a 1 MB line costs one terminal line, not a megabyte of output.
pub const SNIPPET_WIDTH: usize = 100;

/// The largest file [`render`] reads back to show a snippet.
const MAX_SNIPPET_SOURCE_BYTES: u64 = 64 * 1024 * 1024;

/// Renders problems for a terminal, each once: its location line (`file:line:column:
/// error: message [field]`), then, when the file can be read, the lines around the spot
/// with a caret under it, then its help.
pub fn render(problems: &[Problem], root: &Path, color: bool) -> String {
    render_with(problems, color, |file| {
        let path = if file.is_absolute() {
            file.to_path_buf()
        } else {
            root.join(file)
        };
        // Invalid UTF-8 is shown with replacement characters: the position of such a
        // problem was computed on the same lossy text.
        let bytes = read_file(&path, file, MAX_SNIPPET_SOURCE_BYTES).ok()??;
        Some(String::from_utf8_lossy(&bytes).into_owned())
    })
}

/// [`render`] with the text of each problem's file given by `source` (`None` when it cannot
/// be read: the problem is shown without a snippet).
pub fn render_with(
    problems: &[Problem],
    color: bool,
    source: impl Fn(&Path) -> Option<String>,
) -> String {
    let paint = |code: &str, text: &str| {
        if color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    };
    let mut out = String::new();
    for problem in problems {
        let (level, level_color) = match problem.severity {
            Severity::Error => ("error", "1;31"),
            Severity::Warning => ("warning", "1;33"),
        };
        out.push_str(&visible(&problem.file.display().to_string()));
        if let Some(p) = problem.position {
            out.push_str(&format!(":{}:{}", p.line, p.column));
        }
        out.push_str(&format!(
            ": {}: {}",
            paint(level_color, level),
            visible(&problem.message)
        ));
        if let Some(field) = &problem.field {
            out.push_str(&format!(" [{}]", visible(field)));
        }
        out.push('\n');
        if let Some(position) = problem.position
            && let Some(text) = source(&problem.file)
        {
            let excerpt = Excerpt::around(&text, position);
            let label = problem.field.as_deref().unwrap_or("here");
            out.push_str(&excerpt.snippet(
                position.line,
                &paint(level_color, &format!("^ {}", visible(label))),
            ));
        }
        if let Some(hint) = &problem.hint {
            out.push_str(&format!("  {}: {}\n", paint("1", "help"), visible(hint)));
        }
        out.push('\n');
    }
    out
}

/// `text` with control characters (other than line breaks and tabs) shown as their Unicode
/// pictures (`␀`, `␛`): a file's NUL bytes or escape sequences must not reach the terminal.
/// C1 controls and the bidi embeddings, overrides and isolates (which would turn the
/// snippet around on the terminal) show as `�`. One character for one, so columns stay
/// right.
fn visible(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\t' => c,
            '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
            '\u{7f}' => '\u{2421}',
            '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => '\u{fffd}',
            _ => c,
        })
        .collect()
}

/// The lines around a position, each cut to [`SNIPPET_WIDTH`] characters around its column,
/// shown with their real line numbers.
struct Excerpt {
    /// The lines, cut and made visible.
    lines: Vec<String>,
    /// The 1-based number of the excerpt's first line in the file.
    first_line: usize,
    /// The spot's column in its cut line, 0-based, in characters.
    column: usize,
}

impl Excerpt {
    fn around(text: &str, position: Position) -> Self {
        let first_line = position.line.saturating_sub(1).max(1);
        // The "line" after a final line break is no line of the file.
        let text = text.strip_suffix('\n').unwrap_or(text);
        let source: Vec<&str> = text
            .split('\n')
            .skip(first_line - 1)
            .take(position.line + 2 - first_line)
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
            .collect();
        let column = position.column.saturating_sub(1);
        // Where the window starts when the line of the problem is too wide: half a width
        // before the spot, so the spot shows with what surrounds it.
        let start = column.saturating_sub(SNIPPET_WIDTH / 2);
        let mut lines = Vec::new();
        let mut spot = 0;
        for (i, line) in source.iter().enumerate() {
            let length = line.chars().count();
            let from = if length > SNIPPET_WIDTH {
                start.min(length)
            } else {
                0
            };
            let mut out = String::new();
            if from > 0 {
                out.push('…');
            }
            let kept: String = line.chars().skip(from).take(SNIPPET_WIDTH).collect();
            if first_line + i == position.line {
                spot =
                    usize::from(from > 0) + column.saturating_sub(from).min(kept.chars().count());
            }
            out.push_str(&kept);
            if from + SNIPPET_WIDTH < length {
                out.push('…');
            }
            lines.push(visible(&out));
        }
        Self {
            lines,
            first_line,
            column: spot,
        }
    }

    /// The excerpt with a gutter of line numbers, and `marker` under the spot of `line`.
    fn snippet(&self, line: usize, marker: &str) -> String {
        let last = self.first_line + self.lines.len().saturating_sub(1);
        let width = last.max(line).to_string().len();
        let mut out = String::new();
        for (i, text) in self.lines.iter().enumerate() {
            let number = self.first_line + i;
            out.push_str(&format!(" {number:>width$} │ {}\n", text.trim_end()));
            if number == line {
                // Tabs before the spot stay tabs, so the marker lines up under them.
                let pad: String = text
                    .chars()
                    .take(self.column)
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                out.push_str(&format!(" {:>width$} │ {pad}{marker}\n", ""));
            }
        }
        out
    }
}

/// Reads a user's file, refusing what would hang or exhaust memory: anything but a regular
/// file (reading a FIFO blocks until someone writes to it, a device may never end) and files
/// larger than `max_bytes`. `Ok(None)` when there is no such file; otherwise a problem for
/// `shown` that says what the path is and how to fix it.
pub fn read_file(
    path: &Path,
    shown: &Path,
    max_bytes: u64,
) -> Result<Option<Vec<u8>>, Box<Problem>> {
    let fail =
        |message: String, hint: &str| Err(Box::new(Problem::error(shown, message).hint(hint)));
    let cannot_read = "check that you may read it (its permissions and those of its folders)";
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(error) => {
            // A symbolic link whose target is missing, or a loop of links, is a problem; a
            // path that is simply not there is not.
            let link = std::fs::read_link(path).ok();
            return match (error.kind(), link) {
                (std::io::ErrorKind::NotFound, None) => Ok(None),
                (std::io::ErrorKind::NotFound, Some(target)) => fail(
                    format!(
                        "this symbolic link points to {}, which does not exist",
                        target.display()
                    ),
                    "point the link at an existing file, or replace it with the file itself",
                ),
                (_, Some(_)) if error.raw_os_error() == Some(LINK_LOOP) => fail(
                    "this symbolic link leads in a circle: it points, directly or through other links, back to itself".into(),
                    "replace the link with the file itself, or point it at a real file",
                ),
                _ => fail(format!("cannot read the file: {error}"), cannot_read),
            };
        }
    };
    if !metadata.is_file() {
        return fail(
            format!("this is {}, not a file", kind_of(&metadata.file_type())),
            "heptaglot reads only regular files here: replace it with the file itself, or remove it",
        );
    }
    let too_big = "check that this is the right file; split it if it really is this big";
    if metadata.len() > max_bytes {
        return fail(
            format!(
                "the file is {} bytes, more than the {max_bytes} this kind of file may have",
                metadata.len()
            ),
            too_big,
        );
    }
    // Read at most one byte more than allowed, in case the file grows while we read.
    let mut bytes = Vec::new();
    let read = std::fs::File::open(path).and_then(|file| {
        use std::io::Read;
        file.take(max_bytes + 1).read_to_end(&mut bytes)
    });
    match read {
        Ok(_) if bytes.len() as u64 > max_bytes => fail(
            format!("the file grew beyond {max_bytes} bytes while it was read"),
            too_big,
        ),
        Ok(_) => Ok(Some(bytes)),
        Err(error) => fail(format!("cannot read the file: {error}"), cannot_read),
    }
}

/// [`read_file`] for text: the file as UTF-8, or a problem at the first byte that is not.
pub fn read_text(
    path: &Path,
    shown: &Path,
    max_bytes: u64,
) -> Result<Option<String>, Box<Problem>> {
    let Some(bytes) = read_file(path, shown, max_bytes)? else {
        return Ok(None);
    };
    utf8_text(bytes, shown).map(Some)
}

/// `ELOOP`, too many levels of symbolic links: 40 on Linux, 62 on macOS and the BSDs.
#[cfg(target_os = "linux")]
const LINK_LOOP: i32 = 40;
#[cfg(not(target_os = "linux"))]
const LINK_LOOP: i32 = 62;

/// What a non-file path is, in words.
fn kind_of(file_type: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return "a device";
        }
    }
    if file_type.is_dir() {
        "a folder"
    } else {
        "something other than a file"
    }
}

/// The allowed name closest to `given`, when it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    given: &str,
    allowed: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let given_lower = given.to_lowercase();
    allowed
        .into_iter()
        .map(|candidate| {
            let score = strsim::jaro_winkler(&given_lower, &candidate.to_lowercase());
            (score, candidate)
        })
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
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

    #[test]
    fn long_lines_are_cut_around_the_spot() {
        let text = format!("a: 1\nb: {}[\nc: 3\n", "x".repeat(1_000_000));
        let offset = text.find('[').unwrap();
        let excerpt = Excerpt::around(&text, Position::from_offset(&text, offset));
        let shown: usize = excerpt.lines.iter().map(String::len).sum();
        assert!(shown < 4 * SNIPPET_WIDTH, "{shown}");
        assert_eq!(excerpt.lines[1].chars().nth(excerpt.column), Some('['));
        assert_eq!(excerpt.first_line, 1);
    }
}
