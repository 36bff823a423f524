//! What a Fluent message may be, beyond its syntax: its formatted text bounded in length,
//! and its text free of characters that make a page lie (see [`crate::text`]).
//!
//! A message that refers to another twice doubles it: five such levels over a 1 MB message,
//! well inside the size limit of a locale file, wrote gigabytes per page. So the length a
//! message can reach once its references are filled in is computed from the syntax tree at
//! load time (references, terms and the longest variant of each selection; variables count
//! nothing here, as their values are the digest's own text), and a message that could pass
//! [`MAX_MESSAGE_BYTES`] is an error naming it; the localizer never formats it, and never
//! returns a longer text whatever the variables hold.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fluent_syntax::ast;

use crate::diag::{Position, Problem};

/// The longest text, in bytes, one message may format to: far above any sentence of a
/// page (the longest English message has under 300 bytes).
pub const MAX_MESSAGE_BYTES: usize = 64 * 1024;

/// The bytes a function call adds beyond its arguments (a formatted number or date).
const FUNCTION_BYTES: u64 = 64;

/// The bytes around each placeable: the two isolation marks of right-to-left languages.
const ISOLATION_BYTES: u64 = 6;

/// How long a pattern can be once formatted, before its references are known.
#[derive(Debug, Clone)]
pub enum Size {
    /// Text of this many bytes.
    Bytes(u64),
    /// The message or term (`-id`, `id.attribute`) it refers to.
    Ref(String),
    /// All of these, one after the other.
    Sum(Vec<Size>),
    /// One of these (the variants of a selection).
    Max(Vec<Size>),
}

fn pattern_size<S: AsRef<str>>(pattern: &ast::Pattern<S>) -> Size {
    Size::Sum(
        pattern
            .elements
            .iter()
            .map(|element| match element {
                ast::PatternElement::TextElement { value } => {
                    Size::Bytes(value.as_ref().len() as u64)
                }
                ast::PatternElement::Placeable { expression } => Size::Sum(vec![
                    Size::Bytes(ISOLATION_BYTES),
                    expression_size(expression),
                ]),
            })
            .collect(),
    )
}

fn expression_size<S: AsRef<str>>(expression: &ast::Expression<S>) -> Size {
    match expression {
        ast::Expression::Select { variants, .. } => {
            Size::Max(variants.iter().map(|v| pattern_size(&v.value)).collect())
        }
        ast::Expression::Inline(inline) => inline_size(inline),
    }
}

fn inline_size<S: AsRef<str>>(inline: &ast::InlineExpression<S>) -> Size {
    use ast::InlineExpression as I;
    let with_attribute = |id: String, attribute: &Option<ast::Identifier<S>>| match attribute {
        Some(attribute) => format!("{id}.{}", attribute.name.as_ref()),
        None => id,
    };
    match inline {
        I::StringLiteral { value } | I::NumberLiteral { value } => {
            Size::Bytes(value.as_ref().len() as u64)
        }
        I::FunctionReference { arguments, .. } => {
            let mut parts = vec![Size::Bytes(FUNCTION_BYTES)];
            parts.extend(arguments.positional.iter().map(inline_size));
            Size::Sum(parts)
        }
        I::MessageReference { id, attribute } => {
            Size::Ref(with_attribute(id.name.as_ref().to_string(), attribute))
        }
        I::TermReference { id, attribute, .. } => {
            Size::Ref(with_attribute(format!("-{}", id.name.as_ref()), attribute))
        }
        I::VariableReference { .. } => Size::Bytes(0),
        I::Placeable { expression } => expression_size(expression),
    }
}

/// The size of every message, term and attribute a resource defines, by id (`id`, `-id`,
/// `id.attribute`), in file order.
pub fn sizes<S: AsRef<str>>(resource: &ast::Resource<S>) -> Vec<(String, Size)> {
    let mut sizes = Vec::new();
    let mut add =
        |id: String, value: Option<&ast::Pattern<S>>, attributes: &[ast::Attribute<S>]| {
            if let Some(value) = value {
                sizes.push((id.clone(), pattern_size(value)));
            }
            for attribute in attributes {
                let name = format!("{id}.{}", attribute.id.name.as_ref());
                sizes.push((name, pattern_size(&attribute.value)));
            }
        };
    for entry in &resource.body {
        match entry {
            ast::Entry::Message(m) => add(
                m.id.name.as_ref().to_string(),
                m.value.as_ref(),
                &m.attributes,
            ),
            ast::Entry::Term(t) => add(
                format!("-{}", t.id.name.as_ref()),
                Some(&t.value),
                &t.attributes,
            ),
            _ => {}
        }
    }
    sizes
}

/// The ids (of `sizes`, the first definition of each id counting) whose text can pass
/// [`MAX_MESSAGE_BYTES`] once every reference is filled in, with that length. A loop of
/// references (reported elsewhere) counts nothing for its last step.
pub fn too_long(sizes: &[(String, Size)]) -> BTreeMap<String, u64> {
    let mut by_id: BTreeMap<&str, &Size> = BTreeMap::new();
    for (id, size) in sizes {
        by_id.entry(id.as_str()).or_insert(size);
    }
    let mut known: BTreeMap<&str, u64> = BTreeMap::new();
    let mut visiting: BTreeSet<&str> = BTreeSet::new();
    // Depth first without recursion: a chain of references may be as long as a locale
    // file allows.
    for &start in by_id.keys() {
        let mut stack = vec![start];
        while let Some(&id) = stack.last() {
            if known.contains_key(id) {
                stack.pop();
                continue;
            }
            visiting.insert(id);
            let mut waiting = Vec::new();
            references(by_id[id], &mut |target| {
                if by_id.contains_key(target)
                    && !known.contains_key(target)
                    && !visiting.contains(target)
                {
                    waiting.push(target);
                }
            });
            if waiting.is_empty() {
                let bytes = evaluate(by_id[id], &known);
                known.insert(id, bytes);
                visiting.remove(id);
                stack.pop();
            } else {
                // Resolve each target once (a key of `by_id`, so it lives long enough).
                for target in waiting {
                    let (&key, _) = by_id.get_key_value(target).expect("checked above");
                    stack.push(key);
                }
            }
        }
    }
    known
        .into_iter()
        .filter(|&(_, bytes)| bytes > MAX_MESSAGE_BYTES as u64)
        .map(|(id, bytes)| (id.to_string(), bytes))
        .collect()
}

fn references<'s>(size: &'s Size, each: &mut impl FnMut(&'s str)) {
    match size {
        Size::Bytes(_) => {}
        Size::Ref(id) => each(id),
        Size::Sum(parts) | Size::Max(parts) => {
            for part in parts {
                references(part, each);
            }
        }
    }
}

/// The length of `size`, its references' lengths taken from `known` (none: nothing).
fn evaluate(size: &Size, known: &BTreeMap<&str, u64>) -> u64 {
    match size {
        Size::Bytes(bytes) => *bytes,
        Size::Ref(id) => known.get(id.as_str()).copied().unwrap_or(0),
        Size::Sum(parts) => parts
            .iter()
            .fold(0, |sum, part| sum.saturating_add(evaluate(part, known))),
        Size::Max(parts) => parts.iter().map(|p| evaluate(p, known)).max().unwrap_or(0),
    }
}

/// The error for message `id` of `file`, defined at `offset` of its text `source`, whose
/// text can reach `bytes` bytes.
pub fn too_long_problem(file: &Path, source: &str, offset: usize, id: &str, bytes: u64) -> Problem {
    Problem::error(
        file,
        format!(
            "the message `{id}` can be {bytes} bytes long once its references are filled in, more than the {MAX_MESSAGE_BYTES} a message may have"
        ),
    )
    .at(Position::from_offset(source, offset))
    .field(id)
    .hint("shorten it, or refer to each message or term at most once: a message that refers to another twice doubles it; until then it is not shown (the pages use the English message, or its id)")
}

/// Each message of `resource` (parsed from `source`, the file `shown`) whose text holds a
/// character no text may hold ([`crate::text::first_unsafe`]), as an error at that
/// character. A message's text is checked whole, its placeables counting as one letter, so
/// that an isolate may enclose a variable; each variant of a selection and each string
/// literal is checked on its own.
pub fn unsafe_text(resource: &ast::Resource<&str>, source: &str, shown: &Path) -> Vec<Problem> {
    let base = source.as_ptr() as usize;
    let mut problems = Vec::new();
    let mut check = |id: String, pattern: &ast::Pattern<&str>| {
        if let Some((found, offset)) = pattern_unsafe(pattern, base) {
            problems.push(
                Problem::error(shown, format!("the message holds {found}"))
                    .at(Position::from_offset(source, offset))
                    .field(id)
                    .hint(found.hint()),
            );
        }
    };
    for entry in &resource.body {
        let (id, value, attributes) = match entry {
            ast::Entry::Message(m) => (m.id.name.to_string(), m.value.as_ref(), &m.attributes),
            ast::Entry::Term(t) => (format!("-{}", t.id.name), Some(&t.value), &t.attributes),
            _ => continue,
        };
        if let Some(value) = value {
            check(id.clone(), value);
        }
        for attribute in attributes {
            check(format!("{id}.{}", attribute.id.name), &attribute.value);
        }
    }
    problems
}

/// The first refused character of `pattern` and its byte offset in the source (whose
/// address is `base`: the parsed text elements are slices of it).
fn pattern_unsafe(
    pattern: &ast::Pattern<&str>,
    base: usize,
) -> Option<(crate::text::Unsafe, usize)> {
    let offset_of = |slice: &str| (slice.as_ptr() as usize).saturating_sub(base);
    // The text, each text element's start in it and in the source, and what the
    // placeables hold: variants and string literals.
    let mut text = String::new();
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    let mut variants = Vec::new();
    let mut literals = Vec::new();
    for element in &pattern.elements {
        match element {
            ast::PatternElement::TextElement { value } => {
                pieces.push((text.len(), offset_of(value)));
                text.push_str(value);
            }
            ast::PatternElement::Placeable { expression } => {
                text.push('x');
                inside(expression, &mut variants, &mut literals);
            }
        }
    }
    if let Some(found) = crate::text::first_unsafe(&text) {
        let (at, start) = pieces.iter().rev().find(|(at, _)| *at <= found.offset)?;
        return Some((found, start + (found.offset - at)));
    }
    for literal in literals {
        let unescaped = fluent_syntax::unicode::unescape_unicode_to_string(literal);
        if let Some(found) = crate::text::first_unsafe(&unescaped) {
            return Some((found, offset_of(literal)));
        }
    }
    variants
        .into_iter()
        .find_map(|variant| pattern_unsafe(variant, base))
}

/// The variants and string literals inside a placeable's expression (a call's string
/// arguments among them).
fn inside<'a, 's>(
    expression: &'a ast::Expression<&'s str>,
    variants: &mut Vec<&'a ast::Pattern<&'s str>>,
    literals: &mut Vec<&'s str>,
) {
    let mut inline = |inline: &ast::InlineExpression<&'s str>| {
        // A term's arguments reach the page through its `{ $name }`; a function's may too.
        let arguments = match inline {
            ast::InlineExpression::StringLiteral { value } => return literals.push(value),
            ast::InlineExpression::TermReference {
                arguments: Some(arguments),
                ..
            }
            | ast::InlineExpression::FunctionReference { arguments, .. } => arguments,
            _ => return,
        };
        let values = (arguments.positional.iter()).chain(arguments.named.iter().map(|n| &n.value));
        literals.extend(values.filter_map(|value| match value {
            ast::InlineExpression::StringLiteral { value } => Some(*value),
            _ => None,
        }));
    };
    match expression {
        ast::Expression::Select {
            selector,
            variants: v,
        } => {
            inline(selector);
            variants.extend(v.iter().map(|v| &v.value));
        }
        ast::Expression::Inline(ast::InlineExpression::Placeable { expression }) => {
            inside(expression, variants, literals);
        }
        ast::Expression::Inline(other) => inline(other),
    }
}
