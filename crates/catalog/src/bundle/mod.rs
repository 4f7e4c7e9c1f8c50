//! The comparison bundle: its format, parsing, validation, indexes and derived figures.

mod catalog;
pub mod figures;
pub mod generate;
mod model;
mod parse;
mod validate;

pub use catalog::{bytes_hash, content_hash, BundleError, Catalog, SearchKey};
pub use model::*;
pub use parse::{parse_bundle, ParseError};
pub use validate::{has_errors, is_http_url, is_slug, validate, Problem, Severity};

/// The JSON Schema of the bundle, generated from the Rust types, as shipped in
/// `public/bundle.schema.json`.
#[cfg(feature = "schema")]
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Bundle);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
