//! Turning bundle text into a [`Bundle`], with the JSON path of the first bad field.

use thiserror::Error;

use super::model::{Bundle, SUPPORTED_SCHEMA_VERSION};

/// Why bundle text could not be read as a bundle.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ParseError {
    /// The body was empty (or only white space).
    #[error("the bundle is empty")]
    Empty,
    /// The body is HTML, most often a server's error or fallback page.
    #[error("the bundle is not JSON: the server sent an HTML page")]
    Html,
    /// The body is not JSON at all.
    #[error("the bundle is not JSON: {0}")]
    NotJson(String),
    /// The JSON stops before it is complete.
    #[error("the bundle is cut short: {0}")]
    Truncated(String),
    /// The document is a JSON object, but not a bundle.
    #[error("the JSON is not a Verdicts bundle: it has no schema_version")]
    NotABundle,
    /// The document is JSON, but not an object.
    #[error("the bundle must be a JSON object, but it is {0}")]
    NotAnObject(&'static str),
    /// The JSON nests deeper than any bundle does.
    #[error("the bundle nests too deeply to be a bundle")]
    TooDeep,
    /// The bundle says it is of a version this app does not know.
    #[error("unsupported bundle version {found}: this app reads version {supported}")]
    UnsupportedVersion { found: String, supported: u32 },
    /// A field has the wrong type or is missing.
    #[error("{path}: {message}")]
    Field { path: String, message: String },
}

/// Parses bundle text.
///
/// ```
/// let err = verdicts_catalog::bundle::parse_bundle(r#"{"schema_version": 1, "title": 5}"#).unwrap_err();
/// assert_eq!(err.to_string(), "title: expected a string, found integer `5`");
/// ```
#[inline(never)]
pub fn parse_bundle(text: &str) -> Result<Bundle, ParseError> {
    let trimmed = text.trim_start_matches('\u{feff}').trim();
    if trimmed.is_empty() {
        return Err(ParseError::Empty);
    }
    if trimmed.starts_with('<') {
        return Err(ParseError::Html);
    }
    let kind = match trimmed.as_bytes()[0] {
        b'[' => Some("an array"),
        b'"' => Some("a string"),
        b't' | b'f' => Some("true or false"),
        b'n' => Some("null"),
        b'-' | b'0'..=b'9' => Some("a number"),
        _ => None,
    };
    if let Some(kind) = kind {
        return Err(ParseError::NotAnObject(kind));
    }
    let mut deserializer = serde_json::Deserializer::from_str(trimmed);
    let bundle: Bundle = match serde_path_to_error::deserialize(&mut deserializer) {
        Ok(bundle) => bundle,
        Err(err) => return Err(classify(trimmed, err)),
    };
    if let Err(err) = deserializer.end() {
        let position = format!("line {} column {}", err.line(), err.column());
        return Err(ParseError::NotJson(format!("unexpected text after the bundle at {position}")));
    }
    if bundle.schema_version != SUPPORTED_SCHEMA_VERSION {
        return Err(unsupported(bundle.schema_version.to_string()));
    }
    Ok(bundle)
}

fn unsupported(found: String) -> ParseError {
    ParseError::UnsupportedVersion { found, supported: SUPPORTED_SCHEMA_VERSION }
}

/// The version a document claims, read on its own so that a future format with other fields
/// is reported as "unsupported version" rather than as a field error: `None` when it claims
/// this app's version, none at all, or is not JSON.
fn claimed_version(text: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Claim {
        schema_version: Option<serde_json::Value>,
    }
    let value = serde_json::from_str::<Claim>(text).ok()?.schema_version?;
    match value {
        serde_json::Value::Number(n) if n.as_u64() == Some(u64::from(SUPPORTED_SCHEMA_VERSION)) => None,
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::String(s) => Some(format!("\"{s}\"")),
        _ => None,
    }
}

/// serde's words for a value of the wrong type ("invalid type: integer `5`, expected a string"),
/// put the way the checker says it ("expected a string, found integer `5`"); other messages as
/// they are, without the position serde adds (the path says where).
fn words(err: &serde_json::Error) -> String {
    let text = err.to_string();
    let text = match text.rfind(" at line ") {
        Some(at) if err.line() > 0 => text[..at].to_string(),
        _ => text,
    };
    let wrong = text.strip_prefix("invalid type: ").or_else(|| text.strip_prefix("invalid value: "));
    match wrong.and_then(|rest| rest.split_once(", expected ")) {
        Some((found, expected)) => format!("expected {expected}, found {found}"),
        None => text,
    }
}

fn classify(text: &str, err: serde_path_to_error::Error<serde_json::Error>) -> ParseError {
    let inner = err.inner();
    let position = format!("line {} column {}", inner.line(), inner.column());
    match inner.classify() {
        serde_json::error::Category::Eof => ParseError::Truncated(format!("it ends at {position}")),
        serde_json::error::Category::Syntax if inner.to_string().starts_with("recursion limit exceeded") => {
            ParseError::TooDeep
        }
        serde_json::error::Category::Syntax | serde_json::error::Category::Io => {
            ParseError::NotJson(format!("{} at {position}", words(inner)))
        }
        serde_json::error::Category::Data => {
            if let Some(found) = claimed_version(text) {
                return unsupported(found);
            }
            let message = words(inner);
            let path = err.path().to_string();
            if path == "." && message == "missing field `schema_version`" {
                return ParseError::NotABundle;
            }
            let path = if path == "." { "(document)".to_string() } else { path };
            ParseError::Field { path, message }
        }
    }
}
