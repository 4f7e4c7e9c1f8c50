//! The bundle format: parsing with JSON paths, every semantic check against its fixture,
//! forward compatibility, links, the generator and the content hash.

use std::collections::BTreeMap;
use std::path::Path;

mod common;
use common::read;
use verdicts_catalog::bundle::{parse_bundle, Catalog, ParseError, Severity};

#[test]
fn every_invalid_fixture_fails_with_its_expected_paths_and_messages() {
    let expected: BTreeMap<String, Vec<(String, String)>> =
        serde_json::from_str(&read("tests/fixtures/expected-errors.json")).expect("expected.json");
    let files: Vec<_> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid"))
        .expect("fixtures")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    assert_eq!(files.len(), expected.len(), "every fixture has an expectation and the other way round");
    for (file, wants) in &expected {
        let text = read(&format!("tests/fixtures/invalid/{file}"));
        let err = Catalog::from_text(&text).err().unwrap_or_else(|| panic!("{file} should be refused"));
        let problems = err.problems();
        for (path, message) in wants {
            assert!(
                problems
                    .iter()
                    .any(|p| p.severity == Severity::Error && &p.path == path && p.message.contains(message.as_str())),
                "{file}: expected an error at {path} containing {message:?}, got {problems:#?}"
            );
        }
        assert_eq!(
            problems.iter().filter(|p| p.severity == Severity::Error).count(),
            wants.len(),
            "{file}: exactly the expected errors, got {problems:#?}"
        );
    }
}

#[test]
fn a_type_error_names_its_json_path() {
    let text = read("tests/fixtures/valid-small.json").replace("\"Beta Fictional\"", "[1]");
    let err = parse_bundle(&text).unwrap_err();
    assert_eq!(err.to_string(), "tools[1].name: expected a string, found sequence");
}

#[test]
fn an_unknown_schema_version_is_unsupported_even_when_it_parses() {
    let text = read("tests/fixtures/valid-small.json").replace("\"schema_version\": 1", "\"schema_version\": 7");
    assert_eq!(parse_bundle(&text).unwrap_err(), ParseError::UnsupportedVersion { found: "7".into(), supported: 1 });
}

#[test]
fn unknown_fields_load_the_same_as_without_them() {
    let plain = Catalog::from_text(&read("tests/fixtures/valid-small.json")).expect("plain");
    let extra = Catalog::from_text(&read("tests/fixtures/valid-with-unknown-fields.json")).expect("with extras");
    assert_eq!(plain.bundle, extra.bundle);
}
#[test]
fn warnings_do_not_refuse_a_bundle() {
    let text = read("tests/fixtures/valid-small.json");
    let mut value: serde_json::Value = serde_json::from_str(&text).expect("json");
    value["reviews"].as_array_mut().expect("reviews").retain(|r| r["tool"] != "beta");
    let c = Catalog::from_text(&value.to_string()).expect("loads with warnings");
    assert!(c.warnings.iter().any(|w| w.path == "tools[1]" && w.message.contains("no reviews")), "{:?}", c.warnings);
}

#[test]
fn the_generator_is_deterministic_valid_and_large() {
    use verdicts_catalog::bundle::generate::generate;
    let a = generate(300, 8, 7);
    assert_eq!(a, generate(300, 8, 7));
    assert_ne!(a, generate(300, 8, 8));
    let c = Catalog::new(a).expect("generated bundles are valid");
    assert_eq!(c.tools().len(), 300);
    assert!(c.warnings.iter().any(|w| w.message.contains("no reviews")), "some tools have no reviews");
    assert!(c.bundle.reviews.iter().any(|r| !r.quote.is_ascii()), "non-ASCII text");
    assert_eq!(c.bundle.reviews.len(), (300 - 300 / 17) * 8);
}

#[test]
fn only_http_and_https_links_are_links() {
    use verdicts_catalog::bundle::is_http_url;
    for ok in ["https://example.com", "http://example.com/a?b=c#d", "HTTPS://EXAMPLE.COM/x"] {
        assert!(is_http_url(ok), "{ok}");
    }
    for bad in [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " https://example.com",
        "\thttps://example.com",
        "jav\tascript:alert(1)",
        "java\nscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//example.com",
        "https:///path",
        "https://",
        "ftp://example.com",
        "https://exa mple.com",
        "/relative",
        "",
    ] {
        assert!(!is_http_url(bad), "{bad:?} must not become a link");
    }
}

#[test]
fn parse_errors_say_what_the_document_is() {
    assert_eq!(parse_bundle("").unwrap_err(), ParseError::Empty);
    assert_eq!(parse_bundle("  \n ").unwrap_err(), ParseError::Empty);
    assert_eq!(parse_bundle("<!doctype html><p>hi").unwrap_err(), ParseError::Html);
    assert_eq!(parse_bundle(r#"{"hello": "world"}"#).unwrap_err(), ParseError::NotABundle);
    assert!(matches!(parse_bundle(r#"{"schema_version": 1, "title": "#).unwrap_err(), ParseError::Truncated(_)));
    assert!(matches!(parse_bundle("{nope}").unwrap_err(), ParseError::NotJson(_)));
    assert_eq!(parse_bundle(&"[".repeat(10_000)).unwrap_err(), ParseError::NotAnObject("an array"));
    let deep = format!("{{\"schema_version\": 1, \"title\": {}1{}}}", "{\"a\":".repeat(10_000), "}".repeat(10_000));
    assert!(matches!(parse_bundle(&deep).unwrap_err(), ParseError::Field { .. }));
}

#[test]
fn the_content_hash_is_fixed_by_the_text_alone() {
    // The same value in the browser (32-bit wasm) and when publishing (64-bit): no platform's
    // word size goes into it. A change here breaks every published page's link to its bundle.
    assert_eq!(verdicts_catalog::bundle::content_hash(""), "0000000000000000");
    assert_eq!(verdicts_catalog::bundle::content_hash("verdicts"), verdicts_catalog::bundle::content_hash("verdicts"));
    assert_ne!(verdicts_catalog::bundle::content_hash("verdicts"), verdicts_catalog::bundle::content_hash("verdictz"));
    assert_eq!(verdicts_catalog::bundle::content_hash("0123456789abcdefX"), "f4d50754e4e4c4e8");
}
