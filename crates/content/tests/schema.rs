//! The shipped JSON Schemas of the folder's files are the ones the types give, and they describe
//! the shipped files.

use verdicts_content::schema::{schema_text, site_schema, tool_schema};

#[test]
fn the_shipped_schemas_are_current() {
    for (shipped, schema, name) in [
        (include_str!("../schema/tool.schema.json"), tool_schema(), "tool"),
        (include_str!("../schema/site.schema.json"), site_schema(), "site"),
    ] {
        assert!(
            shipped == schema_text(schema),
            "crates/content/schema/{name}.schema.json is stale: run \
             `cargo run -p verdicts-content -- schema {name} > crates/content/schema/{name}.schema.json`"
        );
    }
}

#[test]
fn the_schemas_name_the_files_keys_and_their_help() {
    let tool = tool_schema();
    let properties = tool["properties"].as_object().expect("a tool file's keys");
    for key in ["name", "category", "entry", "pricing", "link", "community", "review"] {
        assert!(properties.contains_key(key), "{key}");
    }
    assert!(!properties.contains_key("id"), "a tool's id is its file name");
    assert_eq!(tool["required"], serde_json::json!(["name", "category", "entry"]));
    let site = site_schema();
    assert!(site["properties"]["role"]["description"].as_str().is_some_and(|d| d.contains("[[role]]")));
}
