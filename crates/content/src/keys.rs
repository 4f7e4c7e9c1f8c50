//! Keys a file may not hold: a misspelt key would otherwise be ignored (the bundle ignores
//! unknown fields so that newer bundles load in older apps), and the value meant for it lost.
//! The known keys are read from the files' JSON Schema, so they cannot disagree with the types.

use serde_json::Value;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::locate::{path_text, Step};
use crate::suggest::did_you_mean_text;

/// An unknown key: where it is, its path, and what was expected.
pub struct UnknownKey {
    pub span: std::ops::Range<usize>,
    pub field: String,
    pub message: String,
    pub suggestion: Option<String>,
}

/// Every key of `table` that `schema` does not know, in file order.
pub fn unknown_keys(table: &Spanned<DeTable<'_>>, schema: &Value) -> Vec<UnknownKey> {
    let mut found = Vec::new();
    let mut path = Vec::new();
    walk_table(table.get_ref(), schema, schema, &mut path, &mut found);
    found.sort_by_key(|k| k.span.start);
    found
}

fn walk_table(table: &DeTable<'_>, node: &Value, root: &Value, path: &mut Vec<Step>, found: &mut Vec<UnknownKey>) {
    let node = resolve(node, root);
    let Some(properties) = node.get("properties").and_then(Value::as_object) else {
        return;
    };
    for (key, value) in table.iter() {
        let name: &str = key.get_ref();
        path.push(Step::Key(name.to_string()));
        match properties.get(name) {
            Some(child) => walk_value(value.get_ref(), child, root, path, found),
            None => {
                let known: Vec<&str> = properties.keys().map(String::as_str).collect();
                found.push(UnknownKey {
                    span: key.span(),
                    field: path_text(path),
                    message: format!("unknown key \"{name}\", expected one of {}", known.join(", ")),
                    suggestion: did_you_mean_text(name, known.iter().copied()),
                });
            }
        }
        path.pop();
    }
}

fn walk_value(value: &DeValue<'_>, node: &Value, root: &Value, path: &mut Vec<Step>, found: &mut Vec<UnknownKey>) {
    let node = resolve(node, root);
    match value {
        DeValue::Table(table) => walk_table(table, node, root, path, found),
        DeValue::Array(items) => {
            if let Some(item) = node.get("items") {
                for (i, v) in items.iter().enumerate() {
                    path.push(Step::Index(i));
                    walk_value(v.get_ref(), item, root, path, found);
                    path.pop();
                }
            }
        }
        _ => {}
    }
}

/// The schema node itself: a `$ref` followed, and of an optional value (`anyOf` with `null`) the
/// part that is not null.
fn resolve<'a>(node: &'a Value, root: &'a Value) -> &'a Value {
    let mut node = node;
    for _ in 0..8 {
        if let Some(reference) = node.get("$ref").and_then(Value::as_str) {
            let name = reference.rsplit('/').next().unwrap_or_default();
            match root.get("$defs").and_then(|d| d.get(name)) {
                Some(target) => node = target,
                None => return node,
            }
        } else if let Some(options) = node.get("anyOf").or_else(|| node.get("oneOf")).and_then(Value::as_array) {
            match options.iter().find(|o| o.get("type").and_then(Value::as_str) != Some("null")) {
                Some(option) => node = option,
                None => return node,
            }
        } else {
            return node;
        }
    }
    node
}
