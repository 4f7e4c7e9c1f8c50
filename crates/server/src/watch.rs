//! The published bundle the collector takes votes for, read again when the file changes (looked
//! at once a second at most, when a request asks); a replacement that does not load is logged
//! and the last good one kept.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant, SystemTime};

use verdicts_catalog::bundle::Catalog;

/// What a vote is checked against: the bundle's id and its tools.
pub struct Known {
    pub id: String,
    pub tools: HashSet<String>,
}

/// How often the file is looked at.
const CHECK_EVERY: Duration = Duration::from_secs(1);

/// A file's modification time and length, to tell it changed.
type Stamp = Option<(SystemTime, u64)>;

/// The bundle file, its last good reading, and when it was last looked at.
pub struct BundleWatch {
    path: PathBuf,
    known: RwLock<(Stamp, Arc<Known>)>,
    checked: Mutex<Instant>,
}

fn read(path: &PathBuf) -> Result<Known, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let catalog = Catalog::from_text(&text).map_err(|e| {
        let problems: Vec<String> = e.problems().iter().map(|p| p.to_string()).collect();
        format!("{}: the bundle is refused:\n  {}", path.display(), problems.join("\n  "))
    })?;
    Ok(Known { id: catalog.bundle.key().to_string(), tools: catalog.tools().iter().map(|t| t.id.clone()).collect() })
}

fn stamp(path: &PathBuf) -> Stamp {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

impl BundleWatch {
    /// Reads the bundle; a bundle that does not load is an error at start.
    pub fn open(path: PathBuf) -> Result<BundleWatch, String> {
        let known = read(&path)?;
        let at = stamp(&path);
        Ok(BundleWatch { path, known: RwLock::new((at, Arc::new(known))), checked: Mutex::new(Instant::now()) })
    }

    /// The bundle as it is now: read again if the file changed since it was last looked at
    /// (at most once a second). A replacement that does not load keeps the last good one.
    pub fn current(&self) -> Arc<Known> {
        let due = self.checked.lock().map(|mut at| {
            let due = at.elapsed() >= CHECK_EVERY;
            if due {
                *at = Instant::now();
            }
            due
        });
        if due.unwrap_or(false) {
            let now = stamp(&self.path);
            let changed = self.known.read().map(|k| k.0 != now).unwrap_or(false);
            if changed {
                match read(&self.path) {
                    Ok(known) => {
                        tracing::info!(file = %self.path.display(), "the bundle changed; now taking votes for “{}”", known.id);
                        if let Ok(mut k) = self.known.write() {
                            *k = (now, Arc::new(known));
                        }
                    }
                    Err(e) => {
                        tracing::warn!("keeping the bundle read before: {e}");
                        if let Ok(mut k) = self.known.write() {
                            k.0 = now;
                        }
                    }
                }
            }
        }
        match self.known.read() {
            Ok(k) => k.1.clone(),
            Err(poisoned) => poisoned.into_inner().1.clone(),
        }
    }
}
