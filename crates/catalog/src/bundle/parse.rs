//! Turning bundle text into a [`Bundle`], with the JSON path of the first bad field.

use thiserror::Error;

use super::model::{Bundle, SUPPORTED_SCHEMA_VERSION};
use super::read;
use crate::json::{self, ErrorKind, Reader};

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
    let mut reader = Reader::new(trimmed);
    let bundle = read::bundle(&mut reader).and_then(|bundle| reader.end().map(|_| bundle));
    let bundle = match bundle {
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
/// is reported as "unsupported version" rather than as a field error: `None` when it claims
/// this app's version, none at all, or is not JSON.
fn claimed_version(text: &str) -> Option<String> {
    let mut r = Reader::new(text);
    let mut found = None;
    r.object("a map").ok()?;
    while let Some(key) = r.key().ok()? {
        let value = r.raw_value().ok()?;
        if key == "schema_version" {
            found = Some(value);
        }
    }
    r.end().ok()?;
    let value = found?;
    match value.as_bytes().first()? {
        b'"' => Some(value.to_string()),
        b'-' | b'0'..=b'9' if value.parse::<u64>() == Ok(u64::from(SUPPORTED_SCHEMA_VERSION)) => None,
        b'-' | b'0'..=b'9' => Some(value.to_string()),
        _ => None,
    }
}

fn classify(text: &str, err: json::Error) -> ParseError {
    let (line, column) = err.line_column(text);
    let position = format!("line {line} column {column}");
    match err.kind() {
        ErrorKind::Eof(_) => ParseError::Truncated(format!("it ends at {position}")),
        ErrorKind::TooDeep => ParseError::TooDeep,
        ErrorKind::Syntax("trailing characters") => {
            ParseError::NotJson(format!("unexpected text after the bundle at {position}"))
        }
        ErrorKind::Syntax(message) => ParseError::NotJson(format!("{message} at {position}")),
        ErrorKind::Data(message) => {
            if let Some(found) = claimed_version(text) {
                return unsupported(found);
            }
            let path = err.path();
            if path == "." && message == "missing field `schema_version`" {
                return ParseError::NotABundle;
            }
            let path = if path == "." { "(document)".to_string() } else { path };
            ParseError::Field { path, message: message.clone() }
        }
    }
}
