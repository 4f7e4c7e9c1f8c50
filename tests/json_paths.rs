//! Field errors name the same JSON path as a deserializer that tracks the path all the way,
//! although the bundle is read without tracking and the path is found only after an error.

use proptest::prelude::*;
use serde_json::Value;
use verdicts::bundle::{parse_bundle, Bundle, ParseError};

mod common;

fn seed_value() -> Value {
    serde_json::from_str(&common::read("public/data/bundle.json"))
        .unwrap_or_else(|e| panic!("the default bundle is JSON: {e}"))
}

/// The path and message a path-tracking deserializer reports, as the app words a path.
fn reference(text: &str) -> Option<(String, String)> {
    let mut de = serde_json::Deserializer::from_str(text);
    let err = serde_path_to_error::deserialize::<_, Bundle>(&mut de).err()?;
    let path = err.path().to_string();
    let path = if path == "." { "(document)".to_string() } else { path };
    Some((path, err.into_inner().to_string()))
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
    /// if that makes a field error, its path is the reference's path.
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
        if let Err(ParseError::Field { path, message }) = parse_bundle(&text) {
            let (want_path, want_message) = reference(&text).expect("the reference also fails");
            prop_assert_eq!(&path, &want_path, "{} / {}", message, want_message);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Cut, insert or overwrite a few characters anywhere in the text: reading never panics,
    /// and any field error still names the reference's path.
    #[test]
    fn damaged_text_never_panics_and_keeps_paths(at in any::<prop::sample::Index>(), cut in 0usize..6, insert in "[\\\\\"{}\\[\\],:0-9a-zé ]{0,5}") {
        let text = serde_json::to_string_pretty(&seed_value()).expect("serializes");
        let mut start = at.index(text.len());
        while !text.is_char_boundary(start) { start -= 1; }
        let mut end = (start + cut).min(text.len());
        while !text.is_char_boundary(end) { end += 1; }
        let damaged = format!("{}{}{}", &text[..start], insert, &text[end..]);
        if let Err(ParseError::Field { path, message }) = parse_bundle(&damaged) {
            let (want_path, want_message) = reference(&damaged).expect("the reference also fails");
            prop_assert_eq!(&path, &want_path, "{} / {}", message, want_message);
        }
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
