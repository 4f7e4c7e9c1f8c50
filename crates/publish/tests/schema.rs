//! The JSON Schema the site ships (`public/bundle.schema.json`) is the one the catalogue's model
//! generates today.

#[test]
fn the_shipped_json_schema_is_current() {
    let shipped = include_str!("../../../public/bundle.schema.json");
    assert!(
        shipped == verdicts_catalog::bundle::json_schema(),
        "public/bundle.schema.json is stale: run \
         `cargo run -p verdicts-publish --bin verdicts-check -- --schema > public/bundle.schema.json`"
    );
}
