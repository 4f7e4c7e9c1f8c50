//! Rules about the source itself that keep visitors safe, where no lint can look.
//!
//! Writing HTML through a method (`inner_html=`, `set_inner_html`, …) is refused by clippy's
//! `disallowed-methods` (`clippy.toml`). Setting the same thing as a property by its name
//! (`prop:innerHTML` in a view, `Reflect::set(el, "outerHTML", …)`) passes a string no lint
//! sees: this test reads every Rust file of every crate for those names, in any case.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_html_is_written_from_rust_by_property_name() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    rust_files(&root.join("crates"), &mut files);
    assert!(files.len() > 40, "the source tree was found ({} files)", files.len());
    // Spelled in pieces so that this file does not name them itself.
    let forbidden: Vec<String> = [["inner", "html"], ["outer", "html"], ["insertadjacent", "html"], ["src", "doc"]]
        .iter()
        .map(|parts| parts.concat())
        .collect();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let folded: String = text.to_lowercase().chars().filter(|c| *c != '_').collect();
        for name in &forbidden {
            assert!(
                !folded.contains(name.as_str()),
                "{} names {name}: text from data must render as text",
                file.display()
            );
        }
    }
}
