//! Plural selection by ICU4X instead of fluent-bundle's built-in rules.
//!
//! fluent-bundle selects plural variants with the `intl_pluralrules` crate, which puts some
//! numbers in the wrong CLDR category (Arabic 103 and 111, for instance). Rather than fork it,
//! every select expression whose variants are plural categories is rewritten when a locale
//! file is loaded, so that its selector becomes `PLURAL($x)`: a function backed by ICU4X that
//! returns the category's name, which Fluent then matches as a plain string. Exact numeric
//! variants (`[0]`) keep their meaning: they stay on the original selector, and the plural
//! variants move into a nested select under its default.

use fluent_syntax::ast::{
    CallArguments, Entry, Expression, Identifier, InlineExpression, NamedArgument, Pattern,
    PatternElement, Resource, Variant, VariantKey,
};

/// The name of the selector function the rewrite introduces.
pub const PLURAL_FUNCTION: &str = "PLURAL";

/// The categories that mark a select as plural; `other` alone does not, since it is also the
/// usual default of string selectors such as `$gender`.
const CATEGORIES: [&str; 5] = ["zero", "one", "two", "few", "many"];

/// Rewrites every plural select expression of `resource` to select through `PLURAL()`.
pub fn rewrite_resource(resource: &mut Resource<String>) {
    for entry in &mut resource.body {
        match entry {
            Entry::Message(message) => {
                if let Some(value) = &mut message.value {
                    rewrite_pattern(value);
                }
                for attribute in &mut message.attributes {
                    rewrite_pattern(&mut attribute.value);
                }
            }
            Entry::Term(term) => {
                rewrite_pattern(&mut term.value);
                for attribute in &mut term.attributes {
                    rewrite_pattern(&mut attribute.value);
                }
            }
            _ => {}
        }
    }
}

fn rewrite_pattern(pattern: &mut Pattern<String>) {
    for element in &mut pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            rewrite_expression(expression);
        }
    }
}

fn rewrite_expression(expression: &mut Expression<String>) {
    match expression {
        Expression::Inline(InlineExpression::Placeable { expression }) => {
            rewrite_expression(expression)
        }
        Expression::Inline(_) => {}
        Expression::Select { selector, variants } => {
            for variant in variants.iter_mut() {
                rewrite_pattern(&mut variant.value);
            }
            let has_category = variants.iter().any(|v| {
                matches!(&v.key, VariantKey::Identifier { name } if CATEGORIES.contains(&name.as_str()))
            });
            let Some(plural_selector) = plural_call(selector).filter(|_| has_category) else {
                return;
            };
            let (exact, categories): (Vec<_>, Vec<_>) = std::mem::take(variants)
                .into_iter()
                .partition(|v| matches!(v.key, VariantKey::NumberLiteral { .. }));
            if exact.is_empty() {
                *selector = plural_selector;
                *variants = categories;
                return;
            }
            let nested = Expression::Select {
                selector: plural_selector,
                variants: categories,
            };
            let mut outer = exact;
            for v in &mut outer {
                v.default = false;
            }
            outer.push(Variant {
                key: VariantKey::Identifier {
                    name: "other".to_string(),
                },
                value: Pattern {
                    elements: vec![PatternElement::Placeable { expression: nested }],
                },
                default: true,
            });
            *variants = outer;
        }
    }
}

/// `PLURAL(operand)` for a selector `$x` or `NUMBER($x, type: "ordinal")`; `None` for
/// selectors that are not numbers (strings such as `$gender`).
fn plural_call(selector: &InlineExpression<String>) -> Option<InlineExpression<String>> {
    let (operand, named) = match selector {
        InlineExpression::VariableReference { .. } | InlineExpression::NumberLiteral { .. } => {
            (selector.clone(), Vec::new())
        }
        InlineExpression::FunctionReference { id, arguments } if id.name == "NUMBER" => {
            let operand = arguments.positional.first()?.clone();
            let named = arguments
                .named
                .iter()
                .filter(|a| a.name.name == "type")
                .cloned()
                .collect::<Vec<NamedArgument<String>>>();
            (operand, named)
        }
        _ => return None,
    };
    Some(InlineExpression::FunctionReference {
        id: Identifier {
            name: PLURAL_FUNCTION.to_string(),
        },
        arguments: CallArguments {
            positional: vec![operand],
            named,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewritten(source: &str) -> String {
        let mut resource = fluent_syntax::parser::parse(source.to_string()).unwrap();
        rewrite_resource(&mut resource);
        fluent_syntax::serializer::serialize(&resource)
    }

    #[test]
    fn plural_selectors_go_through_plural() {
        let out = rewritten("a = { $n ->\n    [one] x\n   *[other] y\n}\n");
        assert!(out.contains("PLURAL($n)"), "{out}");
    }

    #[test]
    fn number_selectors_keep_their_type_option() {
        let out =
            rewritten("a = { NUMBER($n, type: \"ordinal\") ->\n    [one] x\n   *[other] y\n}\n");
        assert!(out.contains("PLURAL($n, type: \"ordinal\")"), "{out}");
    }

    #[test]
    fn string_selectors_are_left_alone() {
        let source = "a = { $gender ->\n    [feminine] x\n   *[other] y\n}\n";
        assert!(!rewritten(source).contains("PLURAL"));
    }

    /// Every place a plural select can be (a message's value and attributes, a term's value
    /// and attributes, a nested placeable, a variant) goes through `PLURAL()`, and nothing
    /// else changes: the whole resource is compared.
    #[test]
    fn every_plural_select_of_a_resource_is_rewritten_and_nothing_else() {
        let source = "\
a = { $n ->
        [one] x
       *[other] y
    }
    .title = { $n ->
        [few] x
       *[other] y
    }
-t = { $n ->
        [many] x
       *[other] y
    }
    .attr = { $n ->
        [two] x
       *[other] y
    }
b = { { $n ->
        [zero] x
       *[other] y
    } }
c = { $gender ->
        [feminine] { $n ->
            [one] x
           *[other] y
        }
       *[other] z
    }
d = { NUMBER($n, minimumFractionDigits: 2, type: \"ordinal\") ->
        [one] x
       *[other] y
    }
e = { LENGTH($n) ->
        [one] x
       *[other] y
    }
f = { 3 ->
        [one] x
       *[other] y
    }
";
        let expected = "\
a =
    { PLURAL($n) ->
        [one] x
       *[other] y
    }
    .title =
        { PLURAL($n) ->
            [few] x
           *[other] y
        }
-t =
    { PLURAL($n) ->
        [many] x
       *[other] y
    }
    .attr =
        { PLURAL($n) ->
            [two] x
           *[other] y
        }
b =
    {{ PLURAL($n) ->
        [zero] x
       *[other] y
     }}
c =
    { $gender ->
        [feminine]
            { PLURAL($n) ->
                [one] x
               *[other] y
            }
       *[other] z
    }
d =
    { PLURAL($n, type: \"ordinal\") ->
        [one] x
       *[other] y
    }
e =
    { LENGTH($n) ->
        [one] x
       *[other] y
    }
f =
    { PLURAL(3) ->
        [one] x
       *[other] y
    }
";
        assert_eq!(rewritten(source), expected);
    }

    #[test]
    fn exact_numbers_stay_first_and_the_categories_move_under_the_default() {
        let out = rewritten("a = { $n ->\n    [0] none\n   *[one] x\n    [other] y\n}\n");
        let expected = "\
a =
    { $n ->
        [0] none
       *[other]
            { PLURAL($n) ->
               *[one] x
                [other] y
            }
    }
";
        assert_eq!(out, expected);
    }

    #[test]
    fn exact_numbers_keep_priority() {
        let out = rewritten("a = { $n ->\n    [0] none\n    [one] x\n   *[other] y\n}\n");
        assert!(out.contains("[0] none"), "{out}");
        assert!(out.contains("PLURAL($n)"), "{out}");
    }
}
