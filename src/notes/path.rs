//! Paths to fields in a notes file, such as `topics[1].points[0].speaker`: how schema and
//! semantic checks name the field a problem is about, and how the loader finds its position.

/// A step in a field path.
#[derive(Debug, Clone, PartialEq)]
pub enum Seg {
    /// A field name of the format.
    Key(&'static str),
    /// A key chosen by the user (an id in `people`, or an unknown field).
    Name(String),
    /// A list index.
    Index(usize),
}

/// The path as people read it: `topics[1].points[0].speaker`; `(top level)` when empty.
pub fn path_text(path: &[Seg]) -> String {
    let mut text = String::new();
    for seg in path {
        let key = match seg {
            Seg::Key(k) => *k,
            Seg::Name(k) => k.as_str(),
            Seg::Index(i) => {
                text.push_str(&format!("[{i}]"));
                continue;
            }
        };
        if !text.is_empty() {
            text.push('.');
        }
        text.push_str(key);
    }
    if text.is_empty() {
        "(top level)".into()
    } else {
        text
    }
}
