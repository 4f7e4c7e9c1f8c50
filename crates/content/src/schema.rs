//! The JSON Schema of the folder's files, generated from the same types as the bundle's schema:
//! for editors' completion and inline errors (Taplo, Even Better TOML), and for the reader's
//! check of unknown keys.

use std::sync::OnceLock;

use serde_json::Value;

use crate::files::{SiteFile, ToolFile};

/// The schema of `tools/<id>.toml`.
pub fn tool_schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| schemars::schema_for!(ToolFile).to_value())
}

/// The schema of `site.toml`.
pub fn site_schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| schemars::schema_for!(SiteFile).to_value())
}

/// A schema's text as shipped: pretty JSON with a final newline.
pub fn schema_text(schema: &Value) -> String {
    let mut text = serde_json::to_string_pretty(schema).unwrap_or_default();
    text.push('\n');
    text
}
