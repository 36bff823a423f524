//! The JSON Schema of the notes format, and validation of a parsed file against it.
//!
//! The schema is generated from the Rust types in [`super::model`], so it cannot drift from
//! what the build accepts. Validation walks the positioned YAML tree against the same schema
//! and collects every violation, each with the line and column of the offending key or value,
//! instead of stopping at the first as serde would. It understands the subset of JSON Schema
//! that schemars emits for our types: `$ref`, `type`, `properties`, `required`,
//! `additionalProperties`, `items`, `enum`, `anyOf`/`oneOf` and `minimum`/`maximum`.

use serde_json::{Map, Value as Json};

use super::model::Notes;
use super::path::{Seg, path_text};
use super::yaml::{Node, Value};
use crate::diag::Position;
use crate::diag::did_you_mean;

/// The JSON Schema for notes files, as pretty-printed JSON.
pub fn notes_schema_json() -> String {
    let mut schema = schemars::schema_for!(Notes).to_value();
    if let Json::Object(root) = &mut schema {
        root.insert(
            "$id".into(),
            Json::String("https://heptaglot.invalid/schema/notes.json".into()),
        );
    }
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// One way a notes file breaks the schema.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    /// Where, in the file.
    pub position: Position,
    /// The path of the field, e.g. `topics[1].points[0].speaker`.
    pub path: String,
    /// The path of the offending node itself: for an unknown or repeated field, the field
    /// (`path` names the mapping holding it).
    pub at: Vec<Seg>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

/// Checks a notes tree against the schema of [`Notes`], returning every violation.
pub fn validate(node: &Node) -> Vec<Violation> {
    // Generating the schema walks every type; do it once, not once per notes file.
    static SCHEMA: std::sync::OnceLock<Json> = std::sync::OnceLock::new();
    let schema = SCHEMA.get_or_init(|| schemars::schema_for!(Notes).to_value());
    let mut validator = Validator {
        root: schema,
        violations: Vec::new(),
    };
    validator.check(node, schema, &mut Vec::new());
    validator.violations
}

struct Validator<'s> {
    root: &'s Json,
    violations: Vec<Violation>,
}

impl<'s> Validator<'s> {
    fn report(&mut self, position: Position, path: &[Seg], message: String, hint: Option<String>) {
        self.violations.push(Violation {
            position,
            path: path_text(path),
            at: path.to_vec(),
            message,
            hint,
        });
    }

    /// Marks the last violation as being about the field `key` of the mapping it names.
    fn about_field(&mut self, key: &str) {
        if let Some(last) = self.violations.last_mut() {
            last.at.push(Seg::Name(key.to_string()));
        }
    }

    fn resolve(&self, schema: &'s Json) -> &'s Json {
        let mut schema = schema;
        // References chain at most a few times; the bound guards against a cycle.
        for _ in 0..16 {
            let Some(reference) = schema.get("$ref").and_then(Json::as_str) else {
                break;
            };
            let Some(pointer) = reference.strip_prefix('#') else {
                break;
            };
            match self.root.pointer(pointer) {
                Some(target) => schema = target,
                None => break,
            }
        }
        schema
    }

    fn check(&mut self, node: &Node, schema: &'s Json, path: &mut Vec<Seg>) {
        let schema = self.resolve(schema);
        if let Some(branches) = schema
            .get("anyOf")
            .or_else(|| schema.get("oneOf"))
            .and_then(Json::as_array)
        {
            self.check_branches(node, branches, path);
            return;
        }
        if let Some(types) = schema.get("type")
            && !type_matches(types, &node.value)
        {
            let expected = describe_types(types);
            let hint = type_hint(types, &node.value);
            self.report(
                node.position,
                path,
                format!("expected {expected}, found {}", node.value.kind()),
                hint,
            );
            return;
        }
        if let Some(allowed) = schema.get("enum").and_then(Json::as_array) {
            self.check_enum(node, allowed, path);
        }
        if let Some(constant) = schema.get("const") {
            self.check_enum(node, std::slice::from_ref(constant), path);
        }
        match &node.value {
            Value::Map(entries) => self.check_map(node, entries, schema, path),
            Value::Seq(items) => {
                if let Some(item_schema) = schema.get("items") {
                    for (i, item) in items.iter().enumerate() {
                        path.push(Seg::Index(i));
                        self.check(item, item_schema, path);
                        path.pop();
                    }
                }
            }
            Value::Int(i) => {
                if let Some(min) = schema.get("minimum").and_then(Json::as_i64)
                    && *i < min
                {
                    self.report(
                        node.position,
                        path,
                        format!("{i} is too small: the least allowed is {min}"),
                        None,
                    );
                }
                if let Some(max) = schema.get("maximum").and_then(Json::as_i64)
                    && *i > max
                {
                    self.report(
                        node.position,
                        path,
                        format!("{i} is too large: the most allowed is {max}"),
                        None,
                    );
                }
            }
            _ => {}
        }
    }

    fn check_enum(&mut self, node: &Node, allowed: &[Json], path: &[Seg]) {
        if allowed.contains(&node.to_json()) {
            return;
        }
        let names: Vec<&str> = allowed.iter().filter_map(Json::as_str).collect();
        let found = match &node.value {
            Value::Str(s) => format!("\"{s}\""),
            other => other.kind().to_string(),
        };
        let suggestion = match &node.value {
            Value::Str(s) => did_you_mean(s, names.iter().copied()),
            _ => None,
        };
        let hint = match suggestion {
            Some(s) => format!("did you mean `{s}`? Allowed: {}", names.join(", ")),
            None => format!("allowed: {}", names.join(", ")),
        };
        self.report(
            node.position,
            path,
            format!("{found} is not an allowed value"),
            Some(hint),
        );
    }

    fn check_map(
        &mut self,
        node: &Node,
        entries: &[(super::yaml::Key, Node)],
        schema: &'s Json,
        path: &mut Vec<Seg>,
    ) {
        static EMPTY: std::sync::OnceLock<Map<String, Json>> = std::sync::OnceLock::new();
        let properties = schema
            .get("properties")
            .and_then(Json::as_object)
            .unwrap_or_else(|| EMPTY.get_or_init(Map::new));
        let additional = schema.get("additionalProperties");
        let mut seen = std::collections::HashSet::new();
        for (key, value) in entries {
            if !seen.insert(key.name.as_str()) {
                self.report(
                    key.position,
                    path,
                    format!("`{}` is given twice", key.name),
                    Some("keep one of them: YAML mappings cannot repeat a key".into()),
                );
                self.about_field(&key.name);
                continue;
            }
            path.push(Seg::Name(key.name.clone()));
            if let Some(property) = properties.get(&key.name) {
                self.check(value, property, path);
            } else {
                match additional {
                    Some(Json::Bool(false)) => {
                        path.pop();
                        let hint =
                            match did_you_mean(&key.name, properties.keys().map(String::as_str)) {
                                Some(s) => format!(
                                    "did you mean `{s}`? Fields allowed here: {}",
                                    properties.keys().cloned().collect::<Vec<_>>().join(", ")
                                ),
                                None => format!(
                                    "fields allowed here: {}",
                                    properties.keys().cloned().collect::<Vec<_>>().join(", ")
                                ),
                            };
                        self.report(
                            key.position,
                            path,
                            format!("unknown field `{}`", key.name),
                            Some(hint),
                        );
                        self.about_field(&key.name);
                        continue;
                    }
                    Some(extra @ Json::Object(_)) => self.check(value, extra, path),
                    _ => {}
                }
            }
            path.pop();
        }
        if let Some(required) = schema.get("required").and_then(Json::as_array) {
            for name in required.iter().filter_map(Json::as_str) {
                if !seen.contains(name) {
                    let about = properties
                        .get(name)
                        .and_then(|p| self.resolve(p).get("description").or(p.get("description")))
                        .and_then(Json::as_str)
                        .map(|d| format!(" ({d})"))
                        .unwrap_or_default();
                    self.report(
                        node.position,
                        path,
                        format!("missing field `{name}`"),
                        Some(format!("add `{name}:` here{about}")),
                    );
                }
            }
        }
    }

    fn check_branches(&mut self, node: &Node, branches: &'s [Json], path: &mut Vec<Seg>) {
        // schemars writes an enum with documented variants as `oneOf` of `const`s: treat it
        // as one enum so the message lists the choices and suggests the nearest.
        let constants: Option<Vec<Json>> = branches
            .iter()
            .map(|b| self.resolve(b).get("const").cloned())
            .collect();
        if let Some(constants) = constants {
            self.check_enum(node, &constants, path);
            return;
        }
        if matches!(node.value, Value::Seq(_))
            && matches!(path.last(), Some(Seg::Name(key)) if key == "speaker" || key == "asked_by")
        {
            self.report(
                node.position,
                path,
                "a list of speakers, where one is expected: a point has one speaker today".into(),
                Some("keep one speaker here and name the others in the text, or make one point per speaker".into()),
            );
            return;
        }
        let outer = std::mem::take(&mut self.violations);
        let mut attempts = Vec::new();
        for branch in branches {
            self.check(node, branch, path);
            let found = std::mem::take(&mut self.violations);
            if found.is_empty() {
                self.violations = outer;
                return;
            }
            let resolved = self.resolve(branch);
            let shape_fits = resolved
                .get("type")
                .is_none_or(|t| type_matches(t, &node.value));
            attempts.push((shape_fits, found, resolved));
        }
        self.violations = outer;
        // Report the branch whose shape fits the value (a mapping for a mapping); when no
        // branch or several fit, say what shapes are allowed.
        let fitting: Vec<_> = attempts.iter().filter(|(fits, _, _)| *fits).collect();
        if fitting.len() == 1 {
            self.violations.extend(fitting[0].1.iter().cloned());
            return;
        }
        let shapes: Vec<String> = attempts
            .iter()
            .filter_map(|(_, _, s)| s.get("type").map(describe_types))
            .collect();
        let description = attempts
            .iter()
            .find_map(|(_, _, s)| s.get("description").and_then(Json::as_str))
            .map(|d| format!(" ({d})"))
            .unwrap_or_default();
        self.report(
            node.position,
            path,
            format!(
                "expected {}, found {}",
                if shapes.is_empty() {
                    "another value".into()
                } else {
                    shapes.join(" or ")
                },
                node.value.kind()
            ),
            Some(format!("see docs/notes-format.md{description}")),
        );
    }
}

fn type_matches(types: &Json, value: &Value) -> bool {
    let one = |t: &str| match t {
        "null" => matches!(value, Value::Null),
        "boolean" => matches!(value, Value::Bool(_)),
        "integer" => matches!(value, Value::Int(_)),
        "number" => matches!(value, Value::Int(_) | Value::Float(_)),
        "string" => matches!(value, Value::Str(_)),
        "array" => matches!(value, Value::Seq(_)),
        "object" => matches!(value, Value::Map(_)),
        _ => true,
    };
    match types {
        Json::String(t) => one(t),
        Json::Array(ts) => ts.iter().filter_map(Json::as_str).any(one),
        _ => true,
    }
}

fn describe_types(types: &Json) -> String {
    let one = |t: &str| {
        match t {
            "null" => "nothing",
            "boolean" => "true or false",
            "integer" => "a whole number",
            "number" => "a number",
            "string" => "text",
            "array" => "a list",
            "object" => "a mapping (fields)",
            other => other,
        }
        .to_string()
    };
    match types {
        Json::String(t) => one(t),
        Json::Array(ts) => ts
            .iter()
            .filter_map(Json::as_str)
            .filter(|t| *t != "null")
            .map(one)
            .collect::<Vec<_>>()
            .join(" or "),
        _ => "a value".into(),
    }
}

fn type_hint(types: &Json, found: &Value) -> Option<String> {
    let wants = |t: &str| match types {
        Json::String(s) => s == t,
        Json::Array(ts) => ts.iter().any(|x| x == t),
        _ => false,
    };
    match found {
        Value::Int(_) | Value::Float(_) | Value::Bool(_) if wants("string") => Some(
            "YAML read this as a number or true/false; put it in quotes to keep it as written, e.g. \"006\"".into(),
        ),
        Value::Str(_) if wants("array") => {
            Some("write a list: start each item on its own line with `- `".into())
        }
        Value::Str(s) if wants("integer") => Some(format!(
            "write a whole number without quotes{}",
            if s.starts_with('~') { ", or use a field that accepts \"~N\"" } else { "" }
        )),
        Value::Null => Some("the field is empty: give it a value or remove the line".into()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::yaml;

    fn violations(text: &str) -> Vec<Violation> {
        validate(&yaml::parse(text).unwrap())
    }

    const MINIMAL: &str = "series: Clinics\ndate: 2020-07-16\nheld_in: [es]\nwritten_in: en\n";

    #[test]
    fn minimal_notes_are_valid() {
        assert_eq!(violations(MINIMAL), vec![]);
    }

    #[test]
    fn reports_every_problem_with_suggestions() {
        let text = format!(
            "{MINIMAL}titel: x\nattendance:\n  staff: [7]\ntopics:\n  - title: A\n    pionts: []\n  - body: no title\n"
        );
        let found = violations(&text);
        let messages: Vec<String> = found
            .iter()
            .map(|v| {
                format!(
                    "{}:{} {} {}",
                    v.position.line, v.position.column, v.path, v.message
                )
            })
            .collect();
        assert_eq!(found.len(), 4, "{messages:#?}");
        assert!(
            messages[0].starts_with("5:1 (top level) unknown field `titel`"),
            "{messages:#?}"
        );
        assert_eq!(
            found[0]
                .hint
                .as_deref()
                .map(|h| h.starts_with("did you mean `title`?")),
            Some(true)
        );
        assert!(
            messages[1].starts_with("7:10 attendance.staff"),
            "{messages:#?}"
        );
        assert!(
            messages[2].contains("unknown field `pionts`"),
            "{messages:#?}"
        );
        assert!(found[2].hint.as_deref().unwrap().contains("`points`"));
        assert!(
            messages[3].contains("missing field `title`"),
            "{messages:#?}"
        );
    }

    #[test]
    fn enum_values_get_suggestions() {
        let found = violations(&format!("{MINIMAL}kind: intervew\n"));
        assert_eq!(found.len(), 1);
        assert!(found[0].hint.as_deref().unwrap().contains("`interview`"));
    }

    #[test]
    fn quoted_numbers_are_text_and_bare_ones_are_not() {
        assert_eq!(violations(&format!("{MINIMAL}number: \"006\"\n")), vec![]);
        let found = violations(&format!("{MINIMAL}number: 006\n"));
        assert_eq!(found.len(), 1);
        assert!(found[0].hint.as_deref().unwrap().contains("quotes"));
    }

    #[test]
    fn schema_is_valid_json_naming_every_field() {
        let schema: Json = serde_json::from_str(&notes_schema_json()).unwrap();
        let properties = schema["properties"].as_object().unwrap();
        for field in [
            "series",
            "number",
            "date",
            "held_in",
            "written_in",
            "topics",
            "people",
        ] {
            assert!(properties.contains_key(field), "{field}");
        }
    }
}
