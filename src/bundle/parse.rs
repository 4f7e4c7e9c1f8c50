//! Turning bundle text into a [`Bundle`], with the JSON path of the first bad field.

use serde::Deserialize;
use thiserror::Error;

use super::json_path;
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
/// let err = verdicts::bundle::parse_bundle(r#"{"schema_version": 1, "title": 5}"#).unwrap_err();
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
    // Read at full speed with no path tracking; on an error, the path is found by reading the
    // text up to where serde_json stopped.
    let bundle: Bundle = match serde_json::from_str(trimmed) {
        Ok(bundle) => bundle,
        Err(err) => return Err(classify(trimmed, err)),
    };
    if bundle.schema_version != SUPPORTED_SCHEMA_VERSION {
        return Err(unsupported(bundle.schema_version.to_string()));
    }
    Ok(bundle)
}

fn unsupported(found: String) -> ParseError {
    ParseError::UnsupportedVersion { found, supported: SUPPORTED_SCHEMA_VERSION }
}

/// The version a document claims, read on its own so that a future format with other fields
/// is reported as "unsupported version" rather than as a field error.
fn claimed_version(text: &str) -> Option<String> {
    #[derive(Deserialize)]
    struct Probe {
        schema_version: Option<serde_json::Value>,
    }
    let probe: Probe = serde_json::from_str(text).ok()?;
    match probe.schema_version? {
        serde_json::Value::Number(n) if n.as_u64() == Some(SUPPORTED_SCHEMA_VERSION as u64) => None,
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::String(s) => Some(format!("\"{s}\"")),
        _ => None,
    }
}

fn classify(text: &str, inner: serde_json::Error) -> ParseError {
    let position = format!("line {} column {}", inner.line(), inner.column());
    let message = strip_position(&inner.to_string());
    use serde_json::error::Category;
    match inner.classify() {
        Category::Eof => ParseError::Truncated(format!("it ends at {position}")),
        Category::Syntax if message.contains("recursion limit") => ParseError::TooDeep,
        Category::Syntax if message == "trailing characters" => {
            ParseError::NotJson(format!("unexpected text after the bundle at {position}"))
        }
        Category::Syntax => ParseError::NotJson(format!("{message} at {position}")),
        Category::Io => ParseError::NotJson(message),
        Category::Data => {
            if let Some(found) = claimed_version(text) {
                return unsupported(found);
            }
            let path = json_path::path_at(text, json_path::offset_of(text, inner.line(), inner.column()));
            if path == "." && message == "missing field `schema_version`" {
                return ParseError::NotABundle;
            }
            let path = if path == "." { "(document)".to_string() } else { path };
            ParseError::Field { path, message: friendly(&message) }
        }
    }
}

/// serde_json ends its messages with " at line L column C"; the path says more to an author.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// Rewrites serde's "invalid type: integer `5`, expected a string" as
/// "expected a string, found integer `5`", which reads better after a path.
fn friendly(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            return format!("expected {expected}, found {found}");
        }
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            return format!("expected {expected}, found {found}");
        }
    }
    message.to_string()
}
