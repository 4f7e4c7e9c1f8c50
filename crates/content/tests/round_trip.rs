//! Bundle → folder → bundle gives the same bytes, for the seed, generated bundles and the shipped
//! content/ folder (which must compile to the same catalogue as public/data/bundle.json).

use std::path::Path;

use verdicts_catalog::bundle::{generate::generate, parse_bundle, Bundle, Catalog};
use verdicts_content::{bundle_json, folder_files, in_folder_order, read_folder, write_folder};

fn project(path: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(path)
}

/// Writes `bundle` as a folder and reads it back.
fn through_folder(bundle: &Bundle) -> Bundle {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let content = dir.path().join("content");
    let files = folder_files(bundle).expect("the files");
    write_folder(&content, &files).expect("written");
    let compiled = read_folder(&content);
    assert!(compiled.bundle.is_some(), "{:#?}", compiled.problems);
    compiled.bundle.expect("a bundle")
}

fn seed() -> Bundle {
    let text = std::fs::read_to_string(project("public/data/bundle.json")).expect("the seed bundle");
    parse_bundle(&text).expect("the seed parses")
}

#[test]
fn the_seed_survives_a_round_trip_byte_for_byte() {
    let canonical = bundle_json(&in_folder_order(&seed())).expect("json");
    let back = bundle_json(&through_folder(&in_folder_order(&seed()))).expect("json");
    assert_eq!(back, canonical);
    // And the text compiled from the folder is read by the app as the same bundle.
    let catalog = Catalog::from_text(&back).expect("the app reads it");
    assert_eq!(catalog.bundle, in_folder_order(&seed()));
}

#[test]
fn generated_bundles_survive_a_round_trip_byte_for_byte() {
    for (tools, roles, seed) in [(2, 1, 1), (40, 4, 2), (300, 8, 3)] {
        let bundle = generate(tools, roles, seed);
        // Generated bundles are already in the folder's order: the round trip changes nothing.
        assert_eq!(in_folder_order(&bundle), bundle);
        let text = bundle_json(&bundle).expect("json");
        assert_eq!(bundle_json(&through_folder(&bundle)).expect("json"), text, "{tools} tools, seed {seed}");
    }
}

#[test]
fn a_tools_own_update_date_survives_a_round_trip_byte_for_byte() {
    let mut bundle = in_folder_order(&seed());
    bundle.tools[1].updated = Some("2026-12-01".into());
    let text = bundle_json(&bundle).expect("json");
    assert!(text.contains("\"updated\":\"2026-12-01\""));
    let files = folder_files(&bundle).expect("the files");
    let file =
        &files.iter().find(|(path, _)| path.ends_with(format!("{}.toml", bundle.tools[1].id))).expect("its file").1;
    assert!(file.contains("updated = \"2026-12-01\"\n"), "{file}");
    assert_eq!(bundle_json(&through_folder(&bundle)).expect("json"), text);
}

#[test]
fn the_shipped_content_folder_compiles_to_the_seed_bundle() {
    let compiled = read_folder(&project("content"));
    assert!(compiled.problems.is_empty(), "{:#?}", compiled.problems);
    let bundle = compiled.bundle.expect("the shipped folder compiles");
    assert_eq!(
        bundle_json(&bundle).expect("json"),
        bundle_json(&in_folder_order(&seed())).expect("json"),
        "content/ and public/data/bundle.json differ: edit content/, then rewrite the bundle with \
         verdicts-content import --from content --out public/data/bundle.json (or the other way round with export)"
    );
}

#[test]
fn exporting_refuses_a_folder_that_is_not_empty() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("notes.txt"), "mine").expect("written");
    let files = folder_files(&seed()).expect("the files");
    let err = write_folder(dir.path(), &files).expect_err("refused");
    assert!(err.to_string().contains("is not empty"), "{err}");
    assert!(dir.path().join("notes.txt").is_file());
    assert!(!dir.path().join("site.toml").exists());
}
