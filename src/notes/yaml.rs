//! The one module that parses YAML.
//!
//! Notes are parsed once into a [`Node`] tree that remembers where every value and key
//! stands in the file; validation walks that tree (so every problem gets a line and column),
//! and the typed [`Notes`](super::model::Notes) are then built from it. serde-saphyr does the
//! parsing: it has no unsafe code, and its budgets stop alias bombs and runaway nesting
//! before they cost memory. Swapping the YAML library means changing this file only.

use std::collections::HashMap;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::diag::Position;

/// The deepest nesting a notes file may have. Real notes need about twenty levels; the
/// limit keeps a hostile file from exhausting the stack.
pub const MAX_DEPTH: usize = 128;

/// The most values aliases (`*name`) may add to a file by repeating an anchor (`&name`).
/// Notes rarely use aliases at all; the limit stops an alias bomb ("billion laughs"), whose
/// few lines expand to billions of values, after a few milliseconds.
pub const MAX_ALIAS_EVENTS: usize = 10_000;

/// A YAML value with the position where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// Where the value starts.
    pub position: Position,
}

/// The values a YAML node can hold.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `~`, `null` or nothing.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A number with a fraction.
    Float(f64),
    /// Text.
    Str(String),
    /// A list.
    Seq(Vec<Node>),
    /// A mapping, keys in file order.
    Map(Vec<(Key, Node)>),
}

/// A mapping key with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    /// The key's text.
    pub name: String,
    /// Where the key starts.
    pub position: Position,
}

/// A YAML syntax error, or a file the parser refused (too deep, too many aliases, a key
/// given twice). The message is a whole sentence, ready to show.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    /// What is wrong, in the user's terms.
    pub message: String,
    /// Where it happened.
    pub position: Position,
    /// How to fix it, when the problem is specific enough to say; callers give a general
    /// hint otherwise.
    pub hint: Option<String>,
}

impl Value {
    /// What kind of value this is, as a note-taker would say it.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "nothing (null)",
            Value::Bool(_) => "true/false",
            Value::Int(_) => "a whole number",
            Value::Float(_) => "a number",
            Value::Str(_) => "text",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping (fields)",
        }
    }
}

impl Node {
    /// This node as JSON, the form the typed model is built from.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Int(i) => J::from(*i),
            Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
            Value::Str(s) => J::String(s.clone()),
            Value::Seq(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Value::Map(entries) => J::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.name.clone(), v.to_json()))
                    .collect(),
            ),
        }
    }
}

/// Parses one YAML document into a [`Node`] tree.
pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: MAX_DEPTH,
            flow_nesting_limit: MAX_DEPTH,
        },
        alias_limits: serde_saphyr::alias_limits! { max_total_replayed_events: MAX_ALIAS_EVENTS },
        // Every entry reaches the tree, so a key given twice is reported with both places.
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::PassThrough,
    };
    let source = Source::new(text);
    match serde_saphyr::from_str_with_options::<Spanned<RawNode>>(text, options) {
        Ok(spanned) => {
            let node = spanned_node(&source, spanned);
            match first_duplicate_key(&node) {
                Some(error) => Err(error),
                None => Ok(node),
            }
        }
        Err(error) => {
            let position = error
                .location()
                .map_or_else(Position::default, |l| position_of(&source, &l));
            Err(describe(text, &error, position))
        }
    }
}

/// The first key (in file order) that a mapping repeats, as an error naming both places.
fn first_duplicate_key(node: &Node) -> Option<SyntaxError> {
    let mut found: Option<(&Key, &Key)> = None;
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        match &node.value {
            Value::Seq(items) => stack.extend(items),
            Value::Map(entries) => {
                // A set, not a scan of the keys before: a mapping may have 100,000 keys.
                let mut seen: HashMap<&str, &Key> = HashMap::with_capacity(entries.len());
                for (key, value) in entries {
                    if let Some(first) = seen.get(key.name.as_str())
                        && found.is_none_or(|(_, f)| key.position < f.position)
                    {
                        found = Some((first, key));
                    }
                    seen.entry(key.name.as_str()).or_insert(key);
                    stack.push(value);
                }
            }
            _ => {}
        }
    }
    found.map(|(first, again)| SyntaxError {
        message: format!(
            "the key `{}` is given twice in this mapping (first at line {}, column {})",
            again.name, first.position.line, first.position.column
        ),
        position: again.position,
        hint: Some(format!(
            "keep one `{}:` and delete the other (or merge the two); YAML does not say which one wins",
            again.name
        )),
    })
}

/// The parser's error in a note-taker's terms: limits named with their value, the rest as
/// the parser says it, without its own location suffix (we print locations ourselves).
fn describe(text: &str, error: &serde_saphyr::Error, position: Position) -> SyntaxError {
    use serde_saphyr::Error as E;
    use serde_saphyr::budget::BudgetBreach as B;

    let alias_bomb = || {
        (
            format!(
                "the aliases (`*name`) in this file expand to more than {MAX_ALIAS_EVENTS} values"
            ),
            "write the values out instead of repeating anchors (`&name`) inside each other; this pattern is known as an alias bomb".to_string(),
        )
    };
    let too_deep = || {
        (
            format!("the values are nested more than {MAX_DEPTH} levels deep"),
            "notes need about twenty levels; look for unclosed `[` or `{`, or indentation that keeps growing".to_string(),
        )
    };
    let mut inner = error.without_snippet();
    while let E::AliasError { error, .. } = inner {
        inner = error.without_snippet();
    }
    let described = match inner {
        E::Budget { breach, .. } => match breach {
            B::Depth { .. } => Some(too_deep()),
            B::Aliases { .. }
            | B::AliasAnchorRatio { .. }
            | B::Anchors { .. }
            | B::RecordedAnchorEvents { .. }
            | B::RecordedAnchorBytes { .. } => Some(alias_bomb()),
            B::Nodes { nodes } => Some((
                format!("the file has more than {} values", nodes.saturating_sub(1)),
                "a notes file holds one call; split the file or check that it is a notes file"
                    .to_string(),
            )),
            _ => None,
        },
        E::AliasReplayLimitExceeded { .. }
        | E::AliasExpansionLimitExceeded { .. }
        | E::AliasReplayStackDepthExceeded { .. } => Some(alias_bomb()),
        _ => None,
    };
    if let Some((message, hint)) = described {
        return SyntaxError {
            message,
            position,
            hint: Some(hint),
        };
    }
    let message = plain_message(error);
    if message.contains("recursion limit exceeded") {
        let (message, hint) = too_deep();
        return SyntaxError {
            message,
            position,
            hint: Some(hint),
        };
    }
    if message.contains("tab") {
        // The parser stops after the tab; point at the tab itself.
        let line_end = text[position.offset..]
            .find('\n')
            .map_or(text.len(), |i| position.offset + i);
        let next_line_end = text[(line_end + 1).min(text.len())..]
            .find('\n')
            .map_or(text.len(), |i| line_end + 1 + i);
        let line_start = text[..position.offset].rfind('\n').map_or(0, |i| i + 1);
        let tab = text[line_start..next_line_end]
            .find('\t')
            .map(|i| line_start + i);
        return SyntaxError {
            message: format!("YAML syntax error: {message}"),
            position: tab.map_or(position, |offset| Position::from_offset(text, offset)),
            hint: Some(
                "YAML indentation must be spaces: replace the tab with spaces (a tab inside quotes or a `|` block is fine)"
                    .into(),
            ),
        };
    }
    // A quote left open swallows the lines after it, and the parser only notices further
    // down: say where to look.
    let hint = (message.contains("quoted scalar") || message.contains("found unexpected end of stream"))
        .then(|| "a quoted value runs on until its closing quote: look above this spot for a `\"` or `'` that is never closed".to_string());
    SyntaxError {
        message: format!("YAML syntax error: {message}"),
        position,
        hint,
    }
}

/// The parser's message without its own location suffix.
fn plain_message(error: &serde_saphyr::Error) -> String {
    let options = serde_saphyr::render_options! { snippets: serde_saphyr::SnippetMode::Off };
    let rendered = error.render_with_options(options);
    let first_line = rendered.lines().next().unwrap_or_default();
    match first_line.rfind(" at line ") {
        Some(i) => first_line[..i].to_string(),
        None => first_line.to_string(),
    }
}

/// The parsed text with the offset of each line start: a file has as many positions as
/// values, and finding each one by scanning from the top made parsing quadratic in the
/// file's size.
struct Source<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> Source<'a> {
    fn new(text: &'a str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self { text, line_starts }
    }

    /// The same as [`Position::from_offset`], by binary search over the line starts.
    fn position(&self, offset: usize) -> Position {
        let text = self.text;
        let offset = offset.min(text.len());
        let offset = (0..=offset)
            .rev()
            .find(|i| text.is_char_boundary(*i))
            .unwrap_or(0);
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let line_start = self.line_starts[line.saturating_sub(1)];
        let column = text[line_start..offset].chars().count() + 1;
        Position {
            line,
            column,
            offset,
        }
    }
}

/// The position the parser recorded: by byte offset when it has one (always, for string
/// input), else by line and column.
fn position_of(source: &Source, location: &serde_saphyr::Location) -> Position {
    match location.span().byte_offset() {
        Some(offset) => source.position(offset as usize),
        None => Position::from_line_column(
            source.text,
            location.line() as usize,
            location.column() as usize,
        ),
    }
}

/// A node as the deserializer hands it over, before positions are resolved against the text.
enum RawNode {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Spanned<RawNode>>),
    Map(Vec<(Spanned<String>, Spanned<RawNode>)>),
}

impl RawNode {
    fn into_value(self, text: &Source) -> Value {
        match self {
            RawNode::Null => Value::Null,
            RawNode::Bool(b) => Value::Bool(b),
            RawNode::Int(i) => Value::Int(i),
            RawNode::Float(f) => Value::Float(f),
            RawNode::Str(s) => Value::Str(s),
            RawNode::Seq(items) => Value::Seq(
                items
                    .into_iter()
                    .map(|item| spanned_node(text, item))
                    .collect(),
            ),
            RawNode::Map(entries) => Value::Map(
                entries
                    .into_iter()
                    .map(|(k, v)| {
                        let key = Key {
                            position: position_of(text, &k.referenced),
                            name: k.value,
                        };
                        (key, spanned_node(text, v))
                    })
                    .collect(),
            ),
        }
    }
}

fn spanned_node(text: &Source, spanned: Spanned<RawNode>) -> Node {
    Node {
        position: position_of(text, &spanned.referenced),
        value: spanned.value.into_value(text),
    }
}

impl<'de> Deserialize<'de> for RawNode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawNodeVisitor)
    }
}

struct RawNodeVisitor;

impl<'de> Visitor<'de> for RawNodeVisitor {
    type Value = RawNode;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_unit<E>(self) -> Result<RawNode, E> {
        Ok(RawNode::Null)
    }
    fn visit_none<E>(self) -> Result<RawNode, E> {
        Ok(RawNode::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<RawNode, D::Error> {
        RawNode::deserialize(d)
    }
    fn visit_bool<E>(self, v: bool) -> Result<RawNode, E> {
        Ok(RawNode::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<RawNode, E> {
        Ok(RawNode::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawNode, E> {
        i64::try_from(v)
            .map(RawNode::Int)
            .or(Ok(RawNode::Float(v as f64)))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<RawNode, E> {
        i64::try_from(v)
            .map(RawNode::Int)
            .or(Ok(RawNode::Float(v as f64)))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<RawNode, E> {
        i64::try_from(v)
            .map(RawNode::Int)
            .or(Ok(RawNode::Float(v as f64)))
    }
    fn visit_f64<E>(self, v: f64) -> Result<RawNode, E> {
        Ok(RawNode::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<RawNode, E> {
        Ok(RawNode::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<RawNode, E> {
        Ok(RawNode::Str(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawNode, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<RawNode>>()? {
            items.push(item);
        }
        Ok(RawNode::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawNode, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<String>>()? {
            let value = map.next_value::<Spanned<RawNode>>()?;
            entries.push((key, value));
        }
        Ok(RawNode::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_positions_match_the_scanning_ones() {
        let text = "a: 1\n\nb: \"é中\"\r\n  - x\nlast";
        let source = Source::new(text);
        for offset in 0..=text.len() + 2 {
            assert_eq!(
                source.position(offset),
                Position::from_offset(text, offset),
                "{offset}"
            );
        }
    }

    #[test]
    fn keeps_positions_of_keys_and_values() {
        let node = parse("series: Clinics\ntopics:\n  - title: One\n    body: x\n").unwrap();
        let Value::Map(entries) = &node.value else {
            panic!("expected a map")
        };
        assert_eq!(entries[1].0.name, "topics");
        assert_eq!(entries[1].0.position.line, 2);
        let Value::Seq(topics) = &entries[1].1.value else {
            panic!("expected a list")
        };
        let Value::Map(topic) = &topics[0].value else {
            panic!("expected a map")
        };
        assert_eq!(
            (topic[1].0.position.line, topic[1].0.position.column),
            (4, 5)
        );
    }

    #[test]
    fn reports_syntax_errors_with_position() {
        let error = parse("a: 1\nb: [1, 2\nc: 3\n").unwrap_err();
        assert!(error.position.line >= 2, "{error:?}");
        assert!(!error.message.contains(" at line "), "{}", error.message);
    }

    #[test]
    fn names_both_places_of_a_duplicate_key() {
        let error = parse("a: 1\nb:\n  c: 2\n  c: 3\n").unwrap_err();
        assert_eq!((error.position.line, error.position.column), (4, 3));
        assert!(
            error.message.contains("first at line 3, column 3"),
            "{}",
            error.message
        );
    }

    #[test]
    fn refuses_alias_bombs_quickly() {
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (name, prev) in ["b", "c", "d", "e", "f", "g", "h", "i"]
            .iter()
            .zip("abcdefgh".chars())
        {
            let refs = vec![format!("*{prev}"); 9].join(", ");
            bomb.push_str(&format!("{name}: &{name} [{refs}]\n"));
        }
        let error = parse(&bomb).unwrap_err();
        assert!(error.message.contains("aliases"), "{}", error.message);
    }

    #[test]
    fn refuses_deep_nesting() {
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        assert!(parse(&deep).is_err());
    }

    #[test]
    fn plain_scalars_keep_their_yaml_types() {
        let node = parse("number: 7\nname: '006'\ndate: 2020-07-16\n").unwrap();
        let Value::Map(entries) = &node.value else {
            panic!()
        };
        assert_eq!(entries[0].1.value, Value::Int(7));
        assert_eq!(entries[1].1.value, Value::Str("006".into()));
        assert_eq!(entries[2].1.value, Value::Str("2020-07-16".into()));
    }
}

/// `text` as a YAML scalar value for a `key: value` line whose key is indented by
/// `indent` spaces: a literal block (`|-`) for multi-line text, so Markdown stays readable,
/// a plain scalar for simple one-line text, and a double-quoted one otherwise. Whatever the
/// text, [`parse`] reads back exactly `text`.
pub fn scalar(text: &str, indent: usize) -> String {
    let trailing = text.len() - text.trim_end_matches('\n').len();
    let body = text.trim_end_matches('\n');
    let block_safe = body.contains('\n')
        && trailing <= 1
        && !body.starts_with([' ', '\t'])
        && !body.lines().next().is_some_and(|l| l.trim().is_empty())
        && body
            .chars()
            .all(|c| c == '\n' || c == '\t' || !c.is_control())
        && !body.contains('\u{feff}')
        && !body.lines().any(|l| l.trim().is_empty() && !l.is_empty());
    if block_safe {
        let pad = " ".repeat(indent + 2);
        let mut out = String::from(if trailing == 1 { "|" } else { "|-" });
        for line in body.split('\n') {
            out.push('\n');
            if !line.is_empty() {
                out.push_str(&pad);
                out.push_str(line);
            }
        }
        return out;
    }
    if is_plain_safe(text) {
        return text.to_string();
    }
    // JSON strings are YAML double-quoted scalars, but JSON leaves DEL, the C1 controls and
    // U+FFFE/U+FFFF raw, which YAML may not hold: those become `\u` escapes.
    let json = serde_json::Value::String(text.to_string()).to_string();
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if ('\u{7f}'..='\u{9f}').contains(&c) || matches!(c, '\u{fffe}' | '\u{ffff}') {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether one-line `text` reads back unchanged as a plain scalar.
fn is_plain_safe(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    let lower = text.to_ascii_lowercase();
    first.is_alphabetic()
        && !text.ends_with([' ', ':'])
        && !text.contains(": ")
        && !text.contains(" #")
        && text.chars().all(|c| !c.is_control() && c != '\u{feff}')
        && !matches!(
            lower.as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "y" | "n" | "nan" | "inf"
        )
}

#[cfg(test)]
mod scalar_tests {
    use super::*;

    #[test]
    fn scalars_read_back_exactly() {
        for text in [
            "plain text",
            "Wikimedia Clinic #006",
            "a: b",
            "ends with colon:",
            "#starts",
            "- dash",
            "\"quoted\"",
            "yes",
            "006",
            "",
            " leading",
            "line one\nline two",
            "line one\n\n  indented\n",
            "para\n\n\n",
            "tab\there\nnext",
            "  first line indented\nsecond",
            "emoji 🎉 and ä",
            "trailing space \nx",
            "ctrl \u{7} char\nx",
            "del \u{7f} c1 \u{85} \u{9f} nonchars \u{fffe}\u{ffff}",
            "* a list\n* item",
        ] {
            let yaml = format!("key: {}\n", scalar(text, 0));
            let node = parse(&yaml).unwrap_or_else(|e| panic!("{text:?}: {e:?}\n{yaml}"));
            let Value::Map(entries) = node.value else {
                panic!()
            };
            let got = match &entries[0].1.value {
                Value::Str(s) => s.clone(),
                other => panic!("{text:?} read back as {other:?}"),
            };
            assert_eq!(got, text, "{yaml}");
        }
    }
}
