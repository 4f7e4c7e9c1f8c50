//! A 2,000-tool folder (the benchmark's bundle, as files) is checked without a problem beyond
//! the generator's tools without reviews, and compiles to the generated bundle.

use verdicts_catalog::bundle::generate::generate;
use verdicts_content::{bundle_json, folder_files, read_folder, write_folder, Severity};

#[test]
fn a_two_thousand_tool_folder_is_checked() {
    let bundle = generate(2000, 8, 1);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let content = dir.path().join("content");
    write_folder(&content, &folder_files(&bundle).expect("files")).expect("written");
    assert_eq!(std::fs::read_dir(content.join("tools")).expect("tools").count(), 2000);

    let compiled = read_folder(&content);
    assert_eq!(compiled.tool_files, 2000);
    // Every 17th tool has no reviews: a warning each, at its file, and nothing else.
    assert_eq!(compiled.problems.len(), 2000 / 17);
    assert!(compiled
        .problems
        .iter()
        .all(|p| p.severity == Severity::Warning && p.message.ends_with("has no reviews yet")));
    assert!(compiled.problems[0].file.ends_with("tools/tool-00016.toml"), "{}", compiled.problems[0]);
    let read = compiled.bundle.expect("a bundle");
    assert_eq!(bundle_json(&read).expect("json"), bundle_json(&bundle).expect("json"));
}
