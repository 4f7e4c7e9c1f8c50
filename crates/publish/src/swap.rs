//! Putting a newly published site in place of the live one, so that a host serving the folder
//! never finds it missing or half-written.
//!
//! On Linux the two folders are exchanged in one `renameat2(RENAME_EXCHANGE)` call: at every
//! moment the path names a whole site, the old one and then the new one. Elsewhere (or on a file
//! system without the exchange) the live folder is renamed aside and the new one renamed in: two
//! renames, a gap of microseconds, said in docs/hosting.md.

use std::fs;
use std::path::{Path, PathBuf};

/// The folder a new site for `site` is made in: `SITE.publishing`, beside it (same file system,
/// so the swap is a rename).
pub fn stage_beside(site: &Path) -> PathBuf {
    with_suffix(site, ".publishing")
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_else(|| "site".into());
    name.push(suffix);
    path.with_file_name(name)
}

/// Puts `stage` where `site` is and removes the old site.
pub fn swap_in(stage: &Path, site: &Path) -> Result<(), String> {
    if exchange(stage, site).is_ok() {
        // `stage` now holds the old site.
        return fs::remove_dir_all(stage)
            .map_err(|e| format!("{}: the old site could not be removed: {e}", stage.display()));
    }
    let previous = with_suffix(site, ".previous");
    if previous.exists() {
        fs::remove_dir_all(&previous).map_err(|e| format!("{}: {e}", previous.display()))?;
    }
    fs::rename(site, &previous).map_err(|e| format!("{} → {}: {e}", site.display(), previous.display()))?;
    if let Err(e) = fs::rename(stage, site) {
        // Put the live site back: nothing was published.
        let _ = fs::rename(&previous, site);
        return Err(format!("{} → {}: {e}", stage.display(), site.display()));
    }
    fs::remove_dir_all(&previous).map_err(|e| format!("{}: the old site could not be removed: {e}", previous.display()))
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> Result<(), String> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(|e| e.to_string())
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> Result<(), String> {
    Err("no atomic exchange on this system".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_new_site_replaces_the_old_and_nothing_is_left_beside_it() -> Result<(), String> {
        let root = std::env::temp_dir().join(format!("verdicts-swap-{}", std::process::id()));
        let (site, stage) = (root.join("dist"), stage_beside(&root.join("dist")));
        let setup = || -> std::io::Result<()> {
            fs::create_dir_all(&site)?;
            fs::create_dir_all(&stage)?;
            fs::write(site.join("index.html"), "old")?;
            fs::write(stage.join("index.html"), "new")
        };
        setup().map_err(|e| e.to_string())?;
        swap_in(&stage, &site)?;
        let now = fs::read_to_string(site.join("index.html")).map_err(|e| e.to_string())?;
        let left: Vec<_> = fs::read_dir(&root).map_err(|e| e.to_string())?.flatten().map(|e| e.file_name()).collect();
        let _ = fs::remove_dir_all(&root);
        assert_eq!(now, "new");
        assert_eq!(left, vec![std::ffi::OsString::from("dist")]);
        Ok(())
    }
}
