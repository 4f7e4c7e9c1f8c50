//! What the native test files share: reading the project's files and the default bundle.
#![allow(dead_code)]

use std::path::Path;

use verdicts_catalog::bundle::generate::generate;
use verdicts_catalog::bundle::Catalog;

/// A file of the project, by its path from the project root.
pub fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

/// A bundle of the project, loaded.
pub fn load(path: &str) -> Catalog {
    Catalog::from_text(&read(path)).unwrap_or_else(|e| panic!("{path} does not load: {e}"))
}

/// The test copy of the default bundle (`tests/fixtures/seed.json`): editing the shipped
/// `public/data/bundle.json` breaks no test but the seed-quote one, which reads it on purpose.
pub fn seed() -> Catalog {
    load("tests/fixtures/seed.json")
}

/// The index of a tool by its id.
pub fn tool(catalog: &Catalog, id: &str) -> usize {
    catalog.tool_index(id).unwrap_or_else(|| panic!("no tool {id}"))
}

/// A generated catalogue of `tools` tools and `roles` roles.
pub fn generated(tools: usize, roles: usize) -> Catalog {
    match Catalog::new(generate(tools, roles, 11)) {
        Ok(c) => c,
        Err(e) => panic!("the generated bundle is valid: {e}"),
    }
}
