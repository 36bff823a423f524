//! Reading Fluent source without bundles, for both the loader ([`super::Localizer`]) and
//! the lint ([`super::lint`]): the nesting-depth guard that must run before anything
//! parses a file, and what each message uses and refers to, walked from its syntax tree.

use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast;

/// The plural category names, as Fluent variant keys.
const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// What one message holds, for comparison.
#[derive(Debug, Default, Clone)]
pub(super) struct MessageShape {
    /// The attributes it defines (`.name`).
    pub(super) attributes: BTreeSet<String>,
    /// The variables (`$name`) it uses.
    pub(super) variables: BTreeSet<String>,
    /// For each plural select: the variant keys it has.
    pub(super) plural_selects: Vec<BTreeSet<String>>,
    /// Messages (and terms, as `-name`) referenced: their variables come through.
    pub(super) references: BTreeSet<String>,
    /// Variables the message's comment (or its group's) documents as passed by the code.
    pub(super) documented: BTreeSet<String>,
}

/// Records in `shape` what `pattern` uses: variables, references and plural selects.
pub(super) fn walk_pattern(pattern: &ast::Pattern<&str>, shape: &mut MessageShape) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            walk_expression(expression, shape);
        }
    }
}

fn walk_inline(inline: &ast::InlineExpression<&str>, shape: &mut MessageShape) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            shape.variables.insert(id.name.to_string());
        }
        ast::InlineExpression::TermReference { id, arguments, .. } => {
            shape.references.insert(format!("-{}", id.name));
            if let Some(arguments) = arguments {
                for arg in &arguments.positional {
                    walk_inline(arg, shape);
                }
                for named in &arguments.named {
                    walk_inline(&named.value, shape);
                }
            }
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for arg in &arguments.positional {
                walk_inline(arg, shape);
            }
            for named in &arguments.named {
                walk_inline(&named.value, shape);
            }
        }
        ast::InlineExpression::Placeable { expression } => walk_expression(expression, shape),
        ast::InlineExpression::MessageReference { id, .. } => {
            shape.references.insert(id.name.to_string());
        }
        _ => {}
    }
}

fn walk_expression(expression: &ast::Expression<&str>, shape: &mut MessageShape) {
    match expression {
        ast::Expression::Inline(inline) => walk_inline(inline, shape),
        ast::Expression::Select { selector, variants } => {
            walk_inline(selector, shape);
            let keys: BTreeSet<String> = variants
                .iter()
                .filter_map(|v| match &v.key {
                    ast::VariantKey::Identifier { name } => Some(name.to_string()),
                    ast::VariantKey::NumberLiteral { .. } => None,
                })
                .collect();
            // A select is about plurals when its keys are plural categories (not genders or codes).
            if !keys.is_empty() && keys.iter().all(|k| CATEGORIES.contains(&k.as_str())) {
                shape.plural_selects.push(keys);
            }
            for variant in variants {
                walk_pattern(&variant.value, shape);
            }
        }
    }
}

/// The messages and terms (`-name`) each message and term of `resource` refers to, by id.
pub(super) fn references(resource: &ast::Resource<&str>) -> BTreeMap<String, BTreeSet<String>> {
    let mut references = BTreeMap::new();
    for entry in &resource.body {
        let (id, value, attributes) = match entry {
            ast::Entry::Message(m) => (m.id.name.to_string(), m.value.as_ref(), &m.attributes),
            ast::Entry::Term(t) => (format!("-{}", t.id.name), Some(&t.value), &t.attributes),
            _ => continue,
        };
        let mut shape = MessageShape::default();
        if let Some(value) = value {
            walk_pattern(value, &mut shape);
        }
        for attribute in attributes {
            walk_pattern(&attribute.value, &mut shape);
        }
        references.insert(id, shape.references);
    }
    references
}

/// The deepest nesting of placeables (`{ }`) and call arguments (`( )`) a locale file may
/// have. fluent-syntax parses them recursively, so a file nesting thousands of levels
/// overflows the stack, a crash no error handling can catch; real messages nest two or
/// three levels.
pub const MAX_FLUENT_DEPTH: usize = 32;

/// The byte offset in `source` where placeables or call arguments open deeper than
/// [`MAX_FLUENT_DEPTH`], if they do.
///
/// A lexical scan, so that nothing recursive runs first: `{` and `(` open, `}` and `)`
/// close, string literals are skipped where an expression is expected, comments at the
/// top. After a syntax error the parser starts again at the next line that begins an
/// entry; an expression may also go on at the start of a line. The file is scanned both
/// ways (never starting again, and starting again at every such line) and the deeper
/// reading counts. This catches any plain deep nesting; a file crafted to mislead both
/// readings after a syntax error could still get through (fluent-syntax itself has no
/// depth limit).
pub(super) fn fluent_too_deep(source: &str) -> Option<usize> {
    match (scan_depth(source, false), scan_depth(source, true)) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// One reading of [`fluent_too_deep`]; `restart` empties the stack at each line that
/// starts with a letter, `-` or `#`, where the parser resumes after an error.
fn scan_depth(source: &str, restart: bool) -> Option<usize> {
    #[derive(PartialEq)]
    enum Frame {
        /// Inside `{`, before any `->`: an expression.
        Placeable,
        /// Inside `{ … ->`: variants, whose values are text.
        Select,
        /// Inside the `( )` of a function or term call: expressions.
        Call,
    }
    let bytes = source.as_bytes();
    let mut frames: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let line_start = i == 0 || bytes[i - 1] == b'\n';
        if restart && line_start && (b.is_ascii_alphabetic() || b == b'-' || b == b'#') {
            frames.clear();
        }
        if frames.is_empty() && line_start && b == b'#' {
            // A comment, to the end of the line.
            i = source[i..].find('\n').map_or(bytes.len(), |n| i + n);
            continue;
        }
        let expression = matches!(frames.last(), Some(Frame::Placeable | Frame::Call));
        match b {
            b'"' if expression => {
                // A string literal: to the closing quote or the line end; a backslash
                // escapes the next character, but never the line end.
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                    let escaped = bytes[i] == b'\\' && bytes.get(i + 1) != Some(&b'\n');
                    i += if escaped { 2 } else { 1 };
                }
            }
            b'{' => frames.push(Frame::Placeable),
            b'(' if expression => frames.push(Frame::Call),
            b')' if frames.last() == Some(&Frame::Call) => {
                frames.pop();
            }
            b'}' => {
                while let Some(frame) = frames.pop() {
                    if frame != Frame::Call {
                        break;
                    }
                }
            }
            b'-' if frames.last() == Some(&Frame::Placeable) && bytes.get(i + 1) == Some(&b'>') => {
                frames.pop();
                frames.push(Frame::Select);
            }
            _ => {}
        }
        if frames.len() > MAX_FLUENT_DEPTH {
            return Some(i);
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_is_found_before_the_parser_overflows_its_stack() {
        // Found by fuzzing: 50,000 nested `{` crashed every command that reads locales.
        let n = MAX_FLUENT_DEPTH + 1;
        let braces = format!("a = {}\"x\"{}\n", "{".repeat(n), "}".repeat(n));
        assert_eq!(fluent_too_deep(&braces), Some(4 + MAX_FLUENT_DEPTH));
        let calls = format!("a = {{ {}1{} }}\n", "NUMBER(".repeat(n), ")".repeat(n));
        assert!(fluent_too_deep(&calls).is_some());
        // Selects nest through their variants, whose text may hold quotes and parentheses.
        let selects = format!("a = {}x\n", "{ $n ->\n *[other] \"( ".repeat(n));
        assert!(fluent_too_deep(&selects).is_some());
        // A string literal that closes braces does not hide the ones that follow.
        let strings = format!("a = {}x\n", "{ $n ->\n *[other] { \"}\" } ".repeat(n));
        assert!(fluent_too_deep(&strings).is_some());
        // Nor does a backslash at a line end, or an unclosed placeable before an error.
        let backslash = format!("a = {{ \"\\\nb = {}\n", "{".repeat(n));
        assert!(fluent_too_deep(&backslash).is_some());
        let after_error = format!("a = {{\n!\nb = \"{}\n", "{ F( ".repeat(n));
        assert!(fluent_too_deep(&after_error).is_some());
    }
}
