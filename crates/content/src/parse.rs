//! Parsing one file of the content folder: its TOML read into its type, with every syntax error,
//! unknown key and wrong value as a problem at its line and column (a wrong value is taken out
//! and the file read again, so that one file's problems are all found).

use std::ops::Range;
use std::path::Path;

use serde::de::DeserializeOwned;
use serde_json::Value;
use toml::de::{DeTable, DeValue};
use toml::Spanned;
use verdicts_catalog::bundle::Severity;

use crate::keys::unknown_keys;
use crate::locate::{path_text, Step};
use crate::problem::{Position, Problem};
use crate::suggest::did_you_mean_text;

/// Parses a file's text: the value (when it has the right shape) and the file's problems.
pub fn parse_text<T: DeserializeOwned>(shown: &Path, text: &str, schema: &Value) -> (Option<T>, Vec<Problem>) {
    let error = |span: Option<std::ops::Range<usize>>, field: String, message: String, suggestion| Problem {
        severity: Severity::Error,
        file: shown.to_path_buf(),
        position: Some(Position::of_offset(text, span.map_or(0, |s| s.start))),
        field,
        message,
        suggestion,
    };
    let (table, syntax) = DeTable::parse_recoverable(text);
    if !syntax.is_empty() {
        let problems = syntax
            .iter()
            .map(|e| error(e.span(), String::new(), one_line(e.message()), Some("this is not valid TOML".into())))
            .collect();
        return (None, problems);
    }
    let mut problems: Vec<Problem> = unknown_keys(&table, schema)
        .into_iter()
        .map(|k| error(Some(k.span), k.field, k.message, k.suggestion))
        .collect();
    // A value of the wrong type or a missing key stops serde at the first; to report them all,
    // the faulty entry is taken out of the document and it is read again (at most 20 times).
    let mut table = table;
    // What was taken out: the path of its table and its name.
    let mut removed: Vec<(String, String)> = Vec::new();
    let mut read_errors = 0;
    loop {
        match T::deserialize(toml::de::Deserializer::from(table.clone())) {
            Ok(value) => {
                // Read with entries taken out, the value is not the file's.
                let value = (read_errors == 0 && removed.is_empty()).then_some(value);
                problems.sort_by_key(|p| p.position.map(|p| (p.line, p.column)));
                return (value, problems);
            }
            Err(err) => {
                let message = one_line(err.message());
                let span = err.span().filter(|s| !s.is_empty());
                // A missing key of the document itself has an empty span: no field to name.
                let field = span.clone().and_then(|s| field_at(text, s)).unwrap_or_default();
                // A key taken out after an error of its own is not reported again as missing.
                // Nor a key missing because it was misspelt: the unknown key says so already.
                let echo =
                    message.strip_prefix("missing field `").and_then(|m| m.strip_suffix('`')).is_some_and(|name| {
                        let meant = format!("did you mean \"{name}\"?");
                        let in_table = |f: &str| {
                            if field.is_empty() {
                                !f.contains('.')
                            } else {
                                f.starts_with(&format!("{field}."))
                            }
                        };
                        removed.iter().any(|(table, k)| k == name && *table == field)
                            || problems
                                .iter()
                                .any(|p| in_table(&p.field) && p.suggestion.as_deref() == Some(meant.as_str()))
                    });
                if !echo {
                    read_errors += 1;
                    let suggestion = variant_suggestion(&message);
                    problems.push(error(err.span(), field, message, suggestion));
                }
                // The faulty entry, found in the document as it is now.
                let mut document = DeValue::Table(std::mem::take(table.get_mut()));
                let taken = span.and_then(|s| {
                    let steps = path_holding(&document, &s)?;
                    let (last, parent) = steps.split_last()?;
                    let name = match last {
                        Step::Key(k) => k.clone(),
                        Step::Index(i) => i.to_string(),
                    };
                    let parent = path_text(parent);
                    take_out(&mut document, &steps).then_some((parent, name))
                });
                if let DeValue::Table(t) = document {
                    *table.get_mut() = t;
                }
                match taken {
                    Some(taken) if read_errors < 20 => removed.push(taken),
                    _ => {
                        problems.sort_by_key(|p| p.position.map(|p| (p.line, p.column)));
                        return (None, problems);
                    }
                }
            }
        }
    }
}

fn holds(span: &Range<usize>, at: &Range<usize>) -> bool {
    span.start <= at.start && at.end <= span.end
}

/// The path of the deepest key or item of `value` whose span (or key's span) holds `at`. A
/// table's own span may be only its `[header]`, so every table is searched.
fn path_holding(value: &DeValue<'_>, at: &Range<usize>) -> Option<Vec<Step>> {
    let found = |step: Step, v: &Spanned<DeValue<'_>>, key: Option<Range<usize>>| {
        if let Some(mut inner) = path_holding(v.get_ref(), at) {
            inner.insert(0, step);
            Some(inner)
        } else if holds(&v.span(), at) || key.is_some_and(|k| holds(&k, at)) {
            Some(vec![step])
        } else {
            None
        }
    };
    match value {
        DeValue::Table(t) => t.iter().find_map(|(k, v)| found(Step::Key(k.get_ref().to_string()), v, Some(k.span()))),
        DeValue::Array(a) => a.iter().enumerate().find_map(|(i, v)| found(Step::Index(i), v, None)),
        _ => None,
    }
}

/// Takes the key or item at `steps` out of `value`; whether there was one.
fn take_out(value: &mut DeValue<'_>, steps: &[Step]) -> bool {
    match (value, steps) {
        (DeValue::Table(t), [Step::Key(k)]) => t.remove(k.as_str()).is_some(),
        (DeValue::Table(t), [Step::Key(k), rest @ ..]) => {
            t.get_mut(k.as_str()).is_some_and(|v| take_out(v.get_mut(), rest))
        }
        (DeValue::Array(a), [Step::Index(i)]) if *i < a.len() => {
            let all = std::mem::replace(a, std::iter::empty().collect());
            *a = all.into_iter().enumerate().filter(|(j, _)| j != i).map(|(_, v)| v).collect();
            true
        }
        (DeValue::Array(a), [Step::Index(i), rest @ ..]) => {
            a.as_mut().get_mut(*i).is_some_and(|v| take_out(v.get_mut(), rest))
        }
        _ => false,
    }
}

fn one_line(message: &str) -> String {
    message.trim().replace('\n', " ")
}

/// For `unknown variant `cheep`, expected one of `free`, …`, the nearest variant.
fn variant_suggestion(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown variant `")?;
    let (found, expected) = rest.split_once('`')?;
    let options: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    did_you_mean_text(found, options)
}

/// The path of the field of `text` at the span `at`.
fn field_at(text: &str, at: Range<usize>) -> Option<String> {
    let table = DeTable::parse(text).ok()?;
    path_holding(&DeValue::Table(table.into_inner()), &at).map(|steps| path_text(&steps))
}
