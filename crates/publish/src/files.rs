//! The site's folder on disk: the built app's files copied into a new site, what a publication
//! writes, and which of the app's files carry a content hash.

use std::fs;
use std::path::Path;

use crate::{feed, headers, sitemaps, IMAGE_NAME, NOT_FOUND_PAGE};
use verdicts_catalog::pages::oembed::OEMBED_FILE;
use verdicts_catalog::pages::TOOLS_FOLDER;

/// Whether a folder of the built site is a page a publication wrote (it holds `index.html`).
fn is_page_folder(path: &Path) -> bool {
    path.is_dir() && path.join("index.html").is_file()
}

/// Copies the app's own files from `from` to `to`: everything but what a publication writes.
pub(crate) fn copy_app(from: &Path, to: &Path) -> Result<(), String> {
    // `data/`, the sitemaps and the tool pages are the catalogue's, written by every publish: an
    // older publish's files stay out (a tool or a sitemap file gone must not linger).
    let written_here = [
        sitemaps::INDEX,
        sitemaps::FOLDER,
        feed::FEED_FILE,
        OEMBED_FILE,
        NOT_FOUND_PAGE,
        TOOLS_FOLDER,
        "robots.txt",
        IMAGE_NAME,
        "_headers",
        "data",
        crate::incremental::STATE_FILE,
    ];
    for entry in fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let entry = entry.map_err(|e| e.to_string())?;
        let path = entry.path();
        let name = entry.file_name();
        if is_page_folder(&path) || written_here.iter().any(|w| name == *w) {
            continue;
        }
        copy_tree(&path, &to.join(&name))?;
    }
    Ok(())
}

fn copy_tree(from: &Path, to: &Path) -> Result<(), String> {
    if from.is_dir() {
        fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
        for entry in fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
            let entry = entry.map_err(|e| e.to_string())?;
            copy_tree(&entry.path(), &to.join(entry.file_name()))?;
        }
        Ok(())
    } else {
        fs::copy(from, to).map(|_| ()).map_err(|e| format!("{}: {e}", to.display()))
    }
}

/// The names of the app's content-hashed files at the site's root, sorted.
pub(crate) fn content_hashed_files(site: &Path) -> Result<Vec<String>, String> {
    let mut names: Vec<String> = fs::read_dir(site)
        .map_err(|e| format!("{}: {e}", site.display()))?
        .flatten()
        .filter(|e| e.path().is_file())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|name| headers::is_content_hashed(name))
        .collect();
    names.sort();
    Ok(names)
}

/// How a publish writes its files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Writing {
    /// Into a new folder no one serves yet: each file written where it goes.
    Fresh,
    /// Into the live site: each file written beside its place and renamed into it, so that a
    /// visitor reads the old file or the new one, never half of one.
    InPlace,
}

impl Writing {
    pub(crate) fn write(self, path: &Path, bytes: impl AsRef<[u8]>) -> Result<(), String> {
        match self {
            Writing::Fresh => write(path, bytes),
            Writing::InPlace => {
                let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
                name.push(".new");
                let beside = path.with_file_name(name);
                write(&beside, bytes)?;
                fs::rename(&beside, path).map_err(|e| format!("{}: {e}", path.display()))
            }
        }
    }
}

pub(crate) fn write(path: &Path, bytes: impl AsRef<[u8]>) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}
