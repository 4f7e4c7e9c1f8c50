//! Rules about the source itself that keep visitors safe.

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable source tree").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_inner_html_anywhere_in_the_source() {
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
    assert!(files.len() > 10, "the source tree was found");
    let forbidden = ["inner", "_html"].concat();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("readable");
        assert!(!text.contains(&forbidden), "{} uses {forbidden}: text from data must render as text", file.display());
    }
}
