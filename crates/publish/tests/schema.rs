//! The JSON Schemas the site ships (`public/bundle.schema.json`, `public/data-api.schema.json`) are
//! the ones the catalogue's model generates today.

#[test]
fn the_shipped_json_schema_is_current() {
    let shipped = include_str!("../../../public/bundle.schema.json");
    assert!(
        shipped == verdicts_catalog::bundle::json_schema(),
        "public/bundle.schema.json is stale: run \
         `cargo run -p verdicts-publish --bin verdicts-check -- --schema > public/bundle.schema.json`"
    );
}

#[test]
fn the_shipped_data_api_schema_is_current() {
    let shipped = include_str!("../../../public/data-api.schema.json");
    assert!(
        shipped == verdicts_catalog::site_data::json_schema(),
        "public/data-api.schema.json is stale: run \
         `cargo run -p verdicts-publish --bin verdicts-check -- --data-schema > public/data-api.schema.json`"
    );
}
