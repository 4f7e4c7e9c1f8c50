//! What the publishing tests share: the project's files, and the smallest app a publication accepts.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A file of the project, by its path from the project's root.
pub fn project(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(path)
}

/// The smallest app template a publication accepts: a title, the app's preloads and its loader.
pub const TEMPLATE: &str = r#"<!doctype html><html><head><title>T</title>
<link rel="modulepreload" href="./v.js" crossorigin="anonymous" integrity="sha384-def">
<link rel="preload" href="./v_bg.wasm" as="fetch" type="application/wasm" crossorigin="anonymous" integrity="sha384-abc">
<script type="module">import init, * as bindings from './v.js'; const wasm = await init({ module_or_path: './v_bg.wasm' }); window.b = bindings;</script>
</head><body><div id="app"></div></body></html>"#;

/// Every file under `dir`, by its path relative to it, with its bytes.
#[allow(dead_code)]
pub fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let (Ok(rel), Ok(bytes)) = (path.strip_prefix(dir), std::fs::read(&path)) {
                out.insert(rel.to_string_lossy().into_owned(), bytes);
            }
        }
    }
    out
}
