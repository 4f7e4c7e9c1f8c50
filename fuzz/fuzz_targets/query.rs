//! The query-string parser never panics, the state it reads writes back to a query that reads
//! the same, and resolving any state against the default bundle gives a valid view.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use verdicts_catalog::bundle::Catalog;
use verdicts_catalog::view_state::{parse_query, resolve, to_query};

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        Catalog::from_text(include_str!("../../crates/catalog/tests/fixtures/seed.json")).unwrap_or_else(|e| panic!("seed bundle: {e:?}"))
    })
}

fuzz_target!(|data: &[u8]| {
    let query = String::from_utf8_lossy(data);
    let parsed = parse_query(&query);
    let again = parse_query(&to_query(&parsed.state));
    assert_eq!(again.state, parsed.state, "the typed state round-trips");
    assert!(again.ignored.is_empty());
    if let Some(view) = resolve(&parsed.state, catalog()) {
        assert_ne!(view.first, view.second);
        assert!(view.first < catalog().tools().len() && view.second < catalog().tools().len());
        assert_eq!(view.role_on.len(), catalog().roles().len());
    }
});
