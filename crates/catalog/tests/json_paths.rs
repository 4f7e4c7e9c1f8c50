//! The app's own JSON reader against serde's derives as the reference: the same bundles are
//! accepted, read the same, and a field error names the same JSON path and says the same thing
//! as serde_json with a path-tracking deserializer, although the reader tracks no path until an
//! error travels up. One difference is by design: serde also reads an object written as an
//! array of its field values (`["builder", "The builder"]` for a role) and a verdict as an
//! object (`{"ship": null}`); a bundle may not.

use proptest::prelude::*;
use serde_json::Value;
use verdicts_catalog::bundle::{parse_bundle, Bundle, ParseError};

mod common;

fn seed_value() -> Value {
    serde_json::from_str(&common::read("tests/fixtures/seed.json"))
        .unwrap_or_else(|e| panic!("the default bundle is JSON: {e}"))
}

/// The path and message a path-tracking deserializer reports, as the app words a path.
fn reference(text: &str) -> Option<(String, String, bool)> {
    let mut de = serde_json::Deserializer::from_str(text);
    let err = match serde_path_to_error::deserialize::<_, Bundle>(&mut de) {
        Ok(_) => return de.end().err().map(|e| ("(document)".to_string(), friendly(&e.to_string()), false)),
        Err(err) => err,
    };
    let path = err.path().to_string();
    let path = if path == "." { "(document)".to_string() } else { path };
    let data = err.inner().classify() == serde_json::error::Category::Data;
    Some((path, friendly(&err.into_inner().to_string()), data))
}

/// serde_json's message without its position, worded as the app words it: "invalid type:
/// integer `5`, expected a string" is "expected a string, found integer `5`".
fn friendly(message: &str) -> String {
    let message = message.rfind(" at line ").map_or(message, |i| &message[..i]);
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some((found, expected)) = message.strip_prefix(prefix).and_then(|rest| rest.split_once(", expected ")) {
            return format!("expected {expected}, found {found}");
        }
    }
    message.to_string()
}

/// Both readers on `text`: both accept it and read the same bundle, or both refuse it, and a
/// field error of the app's names the reference's path and message (unless the reference read
/// an object as an array or a variant as an object there, which the app refuses).
fn agree(text: &str) -> Result<(), TestCaseError> {
    let ours = parse_bundle(text);
    let theirs = reference(text);
    if let Err(ParseError::Field { message, .. }) = &ours {
        // By design: no object written as an array, no verdict or entry level as an object.
        let as_array = message.starts_with("expected struct") && message.ends_with("found sequence");
        let as_map = message.contains("`, found map") && message.starts_with("expected ");
        if as_array || as_map {
            return Ok(());
        }
    }
    match (&ours, theirs) {
        (Ok(bundle), None) => {
            let theirs: Bundle = serde_json::from_str(text).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(bundle, &theirs);
        }
        (Ok(_), Some(theirs)) => prop_assert!(false, "the app accepts what the reference refuses: {:?}", theirs),
        (Err(ParseError::Field { path, message }), Some((want_path, want_message, data))) => {
            if data {
                prop_assert_eq!((path, message), (&want_path, &want_message));
            } else {
                // serde_json calls some wrong types a syntax error ("expected value" for a
                // number where a verdict goes); the app says what it expected.
                prop_assert_eq!(path, &want_path, "{}", message);
            }
        }
        (Err(ParseError::UnsupportedVersion { .. }), None) => {}
        (Err(_), theirs) => prop_assert!(theirs.is_some(), "the app refuses what the reference accepts: {:?}", ours),
    }
    Ok(())
}

/// Every value in the document, as the keys and indexes that lead to it.
fn locations(value: &Value, here: Vec<Value>, out: &mut Vec<Vec<Value>>) {
    out.push(here.clone());
    match value {
        Value::Object(map) => map.iter().for_each(|(k, v)| {
            let mut next = here.clone();
            next.push(Value::String(k.clone()));
            locations(v, next, out);
        }),
        Value::Array(items) => items.iter().enumerate().for_each(|(i, v)| {
            let mut next = here.clone();
            next.push(Value::from(i));
            locations(v, next, out);
        }),
        _ => {}
    }
}

fn at<'a>(value: &'a mut Value, path: &[Value]) -> Option<&'a mut Value> {
    path.iter().try_fold(value, |v, step| match step {
        Value::String(k) => v.get_mut(k.as_str()),
        Value::Number(i) => v.get_mut(i.as_u64()? as usize),
        _ => None,
    })
}

fn replacement() -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        Just(None),
        Just(Some(Value::Null)),
        Just(Some(Value::Bool(true))),
        any::<i32>().prop_map(|n| Some(Value::from(n))),
        Just(Some(Value::from(2.5))),
        "[a-z\"\\\\é]{0,6}".prop_map(|s| Some(Value::String(s))),
        Just(Some(serde_json::json!([1, "two"]))),
        Just(Some(serde_json::json!({"x": [1]}))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Replace or remove any one value of the default bundle, write it compact or pretty:
    /// the app and the reference agree.
    #[test]
    fn a_field_error_names_the_reference_path(pick in any::<prop::sample::Index>(), new in replacement(), pretty in any::<bool>()) {
        let mut doc = seed_value();
        let mut all = Vec::new();
        locations(&doc, Vec::new(), &mut all);
        let path = all[pick.index(all.len())].clone();
        if let Some((last, parent)) = path.split_last() {
            let parent = at(&mut doc, parent).expect("the location exists");
            match (new, parent) {
                (Some(v), parent) => *at(parent, std::slice::from_ref(last)).expect("the location exists") = v,
                (None, Value::Object(map)) => { map.remove(last.as_str().unwrap_or_default()); }
                (None, Value::Array(items)) => { items.remove(last.as_u64().unwrap_or_default() as usize); }
                (None, _) => {}
            }
        }
        let text = if pretty { serde_json::to_string_pretty(&doc) } else { serde_json::to_string(&doc) }.expect("serializes");
        agree(&text)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Cut, insert or overwrite a few characters anywhere in the text: reading never panics,
    /// and the app and the reference agree.
    #[test]
    fn damaged_text_never_panics_and_keeps_paths(at in any::<prop::sample::Index>(), cut in 0usize..6, insert in "[\\\\\"{}\\[\\],:0-9a-zé ]{0,5}") {
        let text = serde_json::to_string_pretty(&seed_value()).expect("serializes");
        let mut start = at.index(text.len());
        while !text.is_char_boundary(start) { start -= 1; }
        let mut end = (start + cut).min(text.len());
        while !text.is_char_boundary(end) { end += 1; }
        let damaged = format!("{}{}{}", &text[..start], insert, &text[end..]);
        agree(&damaged)?;
    }
}

#[test]
fn paths_of_the_fixture_errors() {
    let cases = [
        (r#"{"schema_version":1,"title":"t","updated":"2026-01-01","source":"s","roles":[],"tools":[{"id":"a","name":5}]}"#, "tools[0].name"),
        ("{\n \"schema_version\": 1,\n \"title\": \"t\",\n \"updated\": \"2026-01-01\",\n \"source\": \"s\",\n \"roles\": [],\n \"tools\": [\n  {\"id\": \"a\"}\n ]\n}", "tools[0]"),
        (r#"{"schema_version":1,"title":[],"updated":"2026-01-01","source":"s","roles":[],"tools":[]}"#, "title"),
        (r#"{"schema_version":1,"title":"t","source":"s","roles":[],"tools":[]}"#, "(document)"),
    ];
    for (text, want) in cases {
        match parse_bundle(text) {
            Err(ParseError::Field { path, .. }) => {
                assert_eq!(path, want, "{text}");
                assert_eq!(reference(text).map(|r| r.0).as_deref(), Some(want), "{text}");
            }
            other => panic!("{text}: {other:?}"),
        }
    }
}
