//! The one module that parses YAML.
//!
//! Notes are parsed once into a [`Node`] tree that remembers where every value and key
//! stands in the file; validation walks that tree (so every problem gets a line and column),
//! and the typed [`Notes`](super::model::Notes) are then built from it. serde-saphyr does the
//! parsing: it has no unsafe code, and its budgets stop alias bombs and runaway nesting
//! before they cost memory. Files that use none of YAML's rarer features are built straight
//! from the events of its parser, granit-parser, at 60 % of the cost ([`from_events`]);
//! everything else, and every error, still goes through serde-saphyr. Swapping the YAML
//! library means changing this file only.

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
    let source = Source::new(text);
    match from_events(&source).map_or_else(|| by_serde(&source), Ok) {
        Ok(node) => match first_duplicate_key(&node) {
            Some(error) => Err(error),
            None => Ok(node),
        },
        Err(error) => {
            let position = error
                .location()
                .map_or_else(Position::default, |l| position_of(&source, &l));
            Err(describe(text, &error, position))
        }
    }
}

/// The tree as serde-saphyr builds it: for every file [`from_events`] leaves to it.
fn by_serde(source: &Source) -> Result<Node, serde_saphyr::Error> {
    serde_saphyr::from_str_with_options::<Spanned<RawNode>>(source.text, serde_options())
        .map(|spanned| spanned_node(source, spanned))
}

/// How serde-saphyr parses: the limits above, and every mapping entry kept.
fn serde_options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: MAX_DEPTH,
            flow_nesting_limit: MAX_DEPTH,
        },
        alias_limits: serde_saphyr::alias_limits! { max_total_replayed_events: MAX_ALIAS_EVENTS },
        // Every entry reaches the tree, so a key given twice is reported with both places.
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::PassThrough,
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

/// Files bigger than this many values go through serde-saphyr, whose budget counts them
/// (250,000 at most); real notes have a few hundred.
const MAX_EVENT_PATH_NODES: usize = 100_000;

/// Nesting beyond this goes through serde-saphyr, which reports it past [`MAX_DEPTH`].
const MAX_EVENT_PATH_DEPTH: usize = 64;

/// The tree built straight from the parser's events, which is how nearly every notes and
/// translation file is read: serde-saphyr's deserializer over the same events took half of
/// the parsing time. `None` hands the file to serde-saphyr: on any syntax error (so every
/// message stays serde-saphyr's), and for what only it knows how to resolve (anchors,
/// aliases, tags, directives, merge keys, several documents, files at its limits, and keys
/// that are a list or a mapping or that YAML could read as null, a boolean or a number).
/// Plain scalars that may be numbers, booleans or null are typed by serde-saphyr too
/// ([`typed_plain`]); a test holds the two paths to the same trees.
fn from_events(source: &Source) -> Option<Node> {
    use granit_parser::{Event, Parser, ScalarStyle};

    enum Open {
        Seq(Position, Vec<Node>),
        Map(Position, Vec<(Key, Node)>, Option<Key>),
    }
    // The options serde-saphyr gives the parser for the limits of `serde_options`, so that
    // both paths accept the same files.
    let options = granit_parser::options! {
        flow_nesting_limit: MAX_DEPTH,
        block_nesting_limit: granit_parser::Options::default().block_nesting_limit.max(MAX_DEPTH + 1),
        emit_comments: false,
    };
    let mut open: Vec<Open> = Vec::new();
    let mut root = None;
    let mut in_document = false;
    let mut nodes = 0;
    for event in Parser::new_from_str_with_options(source.text, options) {
        let (event, span) = event.ok()?;
        let position = || {
            span.start
                .byte_offset()
                .map(|offset| source.position(offset))
        };
        let done = match event {
            Event::StreamStart | Event::DocumentEnd => continue,
            Event::StreamEnd => break,
            Event::DocumentStart(_, None) if !in_document => {
                in_document = true;
                continue;
            }
            Event::Scalar(text, style, 0, None) => {
                if let Some(Open::Map(_, _, key @ None)) = open.last_mut() {
                    let plain = style == ScalarStyle::Plain;
                    // An empty key reads as null, so `typed_plain` sends it on too.
                    if plain && (&*text == "<<" || typed_plain(&text)?.is_some()) {
                        return None;
                    }
                    *key = Some(Key {
                        name: text.into_owned(),
                        position: position()?,
                    });
                    continue;
                }
                let value = match style {
                    ScalarStyle::Plain => {
                        typed_plain(&text)?.unwrap_or(Value::Str(text.into_owned()))
                    }
                    _ => Value::Str(text.into_owned()),
                };
                Node {
                    value,
                    position: position()?,
                }
            }
            Event::SequenceStart(_, 0, None) | Event::MappingStart(_, 0, None) => {
                let key_expected = matches!(open.last(), Some(Open::Map(_, _, None)));
                if key_expected || open.len() >= MAX_EVENT_PATH_DEPTH {
                    return None;
                }
                let position = position()?;
                open.push(match event {
                    Event::SequenceStart(..) => Open::Seq(position, Vec::new()),
                    _ => Open::Map(position, Vec::new(), None),
                });
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => match open.pop()? {
                Open::Seq(position, items) => Node {
                    value: Value::Seq(items),
                    position,
                },
                Open::Map(position, entries, None) => Node {
                    value: Value::Map(entries),
                    position,
                },
                Open::Map(_, _, Some(_)) => return None,
            },
            // Anchors, aliases, tags, directives, a second document.
            _ => return None,
        };
        nodes += 1;
        if nodes > MAX_EVENT_PATH_NODES {
            return None;
        }
        match open.last_mut() {
            None if root.is_none() => root = Some(done),
            None => return None,
            Some(Open::Seq(_, items)) => items.push(done),
            Some(Open::Map(_, entries, key)) => entries.push((key.take()?, done)),
        }
    }
    if open.is_empty() { root } else { None }
}

/// The value serde-saphyr gives plain scalar `text`: `Some(None)` for text, `Some(Some(_))`
/// for null, a boolean or a number, `None` when only serde-saphyr can say (it then parses
/// the whole file). Only text that could be something else is handed to serde-saphyr, alone:
/// its types depend on the scalar's text only, and one scalar of a word or number reads the
/// same alone as inside a file.
fn typed_plain(text: &str) -> Option<Option<Value>> {
    let Some(first) = text.chars().next() else {
        return Some(Some(Value::Null));
    };
    // Null is `~` or `null`, booleans are YAML 1.1's words (`yes`, `on`, `y` and the rest,
    // in any case), and numbers start with a digit, sign or dot.
    let maybe_typed = if first.is_alphabetic() {
        text.len() <= 5
            && ["y", "yes", "n", "no", "on", "off", "true", "false", "null"]
                .iter()
                .any(|word| text.eq_ignore_ascii_case(word))
    } else {
        !text.contains(char::is_whitespace)
    };
    if !maybe_typed {
        return Some(None);
    }
    match serde_saphyr::from_str_with_options::<RawNode>(text, serde_options()).ok()? {
        RawNode::Str(_) | RawNode::Seq(_) | RawNode::Map(_) => Some(None),
        scalar => Some(Some(scalar.into_value(&Source::new(text)))),
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

/// The event path against serde-saphyr's: wherever [`from_events`] builds a tree, it is the
/// tree serde-saphyr builds, positions and types included.
#[cfg(test)]
mod event_path_tests {
    use super::*;
    use proptest::prelude::*;

    /// Whether the event path agreed with serde-saphyr on `text`, and whether it took it.
    fn agrees(text: &str) -> Result<bool, String> {
        match from_events(&Source::new(text)) {
            None => Ok(false),
            Some(fast) => match by_serde(&Source::new(text)).ok() {
                Some(slow) if slow == fast => Ok(true),
                slow => Err(format!("{text:?}\nevents: {fast:?}\nserde:  {slow:?}")),
            },
        }
    }

    #[test]
    fn every_yaml_file_of_the_repository_parses_the_same_both_ways() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let (mut valid, mut by_events) = (0, 0);
        for folder in ["digests", "locales", "fuzz", "tests"] {
            for entry in crate::walk::entries(&root.join(folder), usize::MAX).flatten() {
                let path = entry.path();
                if path.extension().is_none_or(|e| e != "yaml") {
                    continue;
                }
                let Ok(text) = std::fs::read_to_string(path) else {
                    continue;
                };
                valid += usize::from(by_serde(&Source::new(&text)).is_ok());
                match agrees(&text) {
                    Ok(taken) => by_events += usize::from(taken),
                    Err(diff) => panic!("{}: {diff}", path.display()),
                }
            }
        }
        // Every valid file takes the event path: the example's notes and translations, the
        // test fixtures, and the fuzzing corpus where one was made (it is not committed;
        // its seeds start with a byte that selects the target, and are not YAML).
        assert!(valid >= 5 && by_events == valid, "{by_events} of {valid}");
    }

    #[test]
    fn the_cases_only_serde_saphyr_resolves_go_to_it() {
        for text in [
            "a: &x 1\nb: *x\n",
            "a: !!str 1\n",
            "%YAML 1.1\n---\na: 1\n",
            "a: 1\n---\nb: 2\n",
            "<<: {a: 1}\nb: 2\n",
            "? [a, b]\n: c\n",
            "~: 1\n",
            "? \n: empty key\n",
            "yes: 1\n",
            "1: one\n",
            "",
            "a: [1, 2\n",
            "a: 1\n\tb: 2\n",
        ] {
            assert!(from_events(&Source::new(text)).is_none(), "{text:?}");
        }
    }

    #[test]
    fn the_event_path_types_scalars_as_serde_saphyr_does() {
        for text in [
            "a: 7\nb: 007\nc: 0x1F\nd: 0o17\ne: -3\nf: +5\ng: 1e3\nh: 1.5\n",
            "a: yes\nb: No\nc: ON\nd: y\ne: N\nf: off\ng: true\nh: FALSE\ni: nULL\n",
            "a: ~\nb: null\nc: NULL\nd: Null\ne:\nf: ''\n",
            "a: 2020-07-16\nb: 1_000\nc: 12:30\nd: 9223372036854775808\ne: -9223372036854775809\n",
            "a: 0.\nb: .5\nc: +.5\nd: 0b101\ne: 99 balloons\nf: -x\n",
            "- 1\n- [2, three, {four: 4}]\n- {}\n- []\n-\n  - nested\n",
            "a: |\n  line one\n  line two\nb: >\n  folded\n  text\nc: |-\n  kept\n",
            "a: plain\n  continued\n\n  after a blank line\n",
            "\"quoted key\": 1\n'single': \"line\\nbreak\"\n'1': one\n",
        ] {
            assert!(agrees(text).expect("the same tree"), "not taken: {text:?}");
        }
    }

    /// A YAML document: a tree of mappings, lists and scalars, written in block or flow style.
    #[derive(Debug, Clone)]
    enum Doc {
        Scalar(&'static str),
        Seq(Vec<Doc>, bool),
        Map(Vec<(&'static str, Doc)>, bool),
    }

    const SCALARS: &[&str] = &[
        "7",
        "007",
        "0x1F",
        "-3",
        "+5",
        "1e3",
        "1.5",
        ".inf",
        "-.INF",
        ".NaN",
        "yes",
        "No",
        "ON",
        "y",
        "off",
        "~",
        "null",
        "NULL",
        "Null",
        "true",
        "False",
        "2020-07-16",
        "1_000",
        "12:30",
        "text",
        "two words",
        "é中",
        "-x",
        "a-b",
        "99 balloons",
        "1e999",
        ".5",
        "",
        "'7'",
        "\"yes\"",
        "'it''s'",
        "\"line\\nbreak\"",
        "\"\"",
        "|\nline one\nline two",
        ">\nfolded\ntext",
        "|-\nkept",
    ];
    const KEYS: &[&str] = &[
        "a",
        "title",
        "body",
        "yes",
        "no",
        "1",
        "2.5",
        "'quoted key'",
        "\"k\"",
        "é",
        "on",
        "topic-1.title",
        "~",
        "<<",
        "\"\"",
        "two words",
        "2020-07-16",
        "-x",
    ];

    fn doc() -> impl Strategy<Value = Doc> {
        let leaf = proptest::sample::select(SCALARS).prop_map(Doc::Scalar);
        leaf.prop_recursive(4, 40, 5, |inner| {
            prop_oneof![
                (
                    proptest::collection::vec(inner.clone(), 0..5),
                    any::<bool>()
                )
                    .prop_map(|(items, flow)| Doc::Seq(items, flow)),
                (
                    proptest::collection::vec((proptest::sample::select(KEYS), inner), 0..5),
                    any::<bool>()
                )
                    .prop_map(|(entries, flow)| Doc::Map(entries, flow)),
            ]
        })
    }

    /// A scalar as it may be written in flow style: block scalars cannot be.
    fn flow_scalar(scalar: &str) -> &str {
        if scalar.starts_with(['|', '>']) {
            "block"
        } else {
            scalar
        }
    }

    fn flow(doc: &Doc) -> String {
        match doc {
            Doc::Scalar(s) => flow_scalar(s).to_string(),
            Doc::Seq(items, _) => format!(
                "[{}]",
                items.iter().map(flow).collect::<Vec<_>>().join(", ")
            ),
            Doc::Map(entries, _) => format!(
                "{{{}}}",
                entries
                    .iter()
                    .map(|(k, v)| format!("{k}: {}", flow(v)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }

    /// `doc` after `lead` (`key:` or `-`), its lines indented by `indent`.
    fn block(doc: &Doc, lead: &str, indent: usize, out: &mut String) {
        let pad = " ".repeat(indent);
        match doc {
            Doc::Scalar(s) if s.starts_with(['|', '>']) => {
                let (indicator, lines) = s.split_once('\n').unwrap_or((s, ""));
                out.push_str(&format!("{lead} {indicator}\n"));
                for line in lines.lines() {
                    out.push_str(&format!("{pad}  {line}\n"));
                }
            }
            Doc::Scalar(s) => out.push_str(&format!("{lead} {s}\n")),
            Doc::Seq(items, false) if !items.is_empty() => {
                out.push_str(&format!("{lead}\n"));
                for item in items {
                    block(item, &format!("{pad}  -"), indent + 2, out);
                }
            }
            Doc::Map(entries, false) if !entries.is_empty() => {
                out.push_str(&format!("{lead}\n"));
                for (key, value) in entries {
                    block(value, &format!("{pad}  {key}:"), indent + 2, out);
                }
            }
            _ => out.push_str(&format!("{lead} {}\n", flow(doc))),
        }
    }

    #[test]
    fn generated_documents_parse_the_same_both_ways() {
        // A document the event path declines (an anchor, a tag, an error) compares nothing,
        // so the run counts those it took and asks for enough of them.
        let config = ProptestConfig::with_cases(512);
        let cases = config.cases as usize;
        let compared = std::cell::Cell::new(0);
        let mut runner = proptest::test_runner::TestRunner::new(config);
        let result = runner.run(&doc(), |doc| {
            let mut text = String::new();
            block(&doc, "root:", 0, &mut text);
            match agrees(&text) {
                Ok(taken) => compared.set(compared.get() + usize::from(taken)),
                Err(diff) => return Err(TestCaseError::fail(diff)),
            }
            Ok(())
        });
        if let Err(e) = result {
            panic!("{e}");
        }
        // 258–285 of 512 per seed are taken by the event path.
        assert!(
            compared.get() * 10 >= cases * 4,
            "only {} of {cases} generated documents went through the event path",
            compared.get()
        );
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
