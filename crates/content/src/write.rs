//! Writing a bundle as a content folder, and the one canonical text of a bundle.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use verdicts_catalog::bundle::Bundle;

use crate::files::{SiteFile, ToolFile};
use crate::{SITE_FILE, TOOLS_DIR};

/// A bundle's canonical JSON text: compact, in the model's field order, with a final newline.
/// Every command that writes a bundle writes this (`verdicts-content import`,
/// `verdicts-generate`), so the same data always gives the same bytes.
pub fn bundle_json(bundle: &Bundle) -> Result<String, serde_json::Error> {
    let mut text = serde_json::to_string(bundle)?;
    text.push('\n');
    Ok(text)
}

/// The folder's order of a bundle: tools by id (the order of their files), each tool's reviews
/// together in the order they had. Reading a folder gives this order.
pub fn in_folder_order(bundle: &Bundle) -> Bundle {
    let mut ordered = bundle.clone();
    ordered.tools.sort_by(|a, b| a.id.cmp(&b.id));
    let rank: std::collections::HashMap<&str, usize> =
        ordered.tools.iter().enumerate().map(|(i, t)| (t.id.as_str(), i)).collect();
    ordered.reviews.sort_by_key(|r| rank.get(r.tool.as_str()).copied().unwrap_or(usize::MAX));
    ordered
}

/// The files of `bundle`'s folder: each path in the folder with its text.
pub fn folder_files(bundle: &Bundle) -> Result<Vec<(PathBuf, String)>, toml::ser::Error> {
    let mut files = vec![(PathBuf::from(SITE_FILE), toml::to_string(&SiteFile::of(bundle))?)];
    let mut reviews: std::collections::HashMap<&str, Vec<&verdicts_catalog::bundle::Review>> = Default::default();
    for review in &bundle.reviews {
        reviews.entry(review.tool.as_str()).or_default().push(review);
    }
    for tool in &bundle.tools {
        let own = reviews.remove(tool.id.as_str()).unwrap_or_default();
        let file = ToolFile::of(tool, own.into_iter());
        files.push((Path::new(TOOLS_DIR).join(format!("{}.toml", tool.id)), toml::to_string(&file)?));
    }
    Ok(files)
}

/// Writes `files` as the new folder `dir`: made beside it and renamed into place when complete,
/// so a failure leaves no half-written folder. `dir` must not exist, or be empty.
pub fn write_folder(dir: &Path, files: &[(PathBuf, String)]) -> io::Result<()> {
    if dir.exists() && fs::read_dir(dir)?.next().is_some() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} is not empty; export into a new folder", dir.display()),
        ));
    }
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "content".into());
    let stage = dir.with_file_name(format!(".{name}.exporting"));
    if stage.exists() {
        fs::remove_dir_all(&stage)?;
    }
    let written = (|| {
        fs::create_dir_all(stage.join(TOOLS_DIR))?;
        for (path, text) in files {
            fs::write(stage.join(path), text)?;
        }
        if dir.exists() {
            fs::remove_dir(dir)?;
        }
        fs::rename(&stage, dir)
    })();
    if written.is_err() {
        let _ = fs::remove_dir_all(&stage);
    }
    written
}

/// Writes `text` to `path` through a file beside it renamed into place.
pub fn write_file_atomically(path: &Path, text: &str) -> io::Result<()> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let stage = path.with_file_name(format!(".{name}.writing"));
    fs::write(&stage, text).and_then(|_| fs::rename(&stage, path)).inspect_err(|_| {
        let _ = fs::remove_file(&stage);
    })
}
