//! The catalogue's files for the browser and anyone else (the read API,
//! [`verdicts_catalog::site_data`]): the entry point, the tool shards and the name files, written
//! on every core; and the whole bundle as a download while it is small enough to be one.

use std::fs;
use std::path::Path;

use verdicts_catalog::site_data::{names_path, shard_path, SiteData, ENTRY_POINT, VERSIONED_FOLDER};

use crate::files::{write, Writing};

/// The largest bundle still published whole, as `data/bundle.json`: past it, the download would
/// cost more than a script reading the shards it needs.
pub const BUNDLE_DOWNLOAD_MAX_BYTES: usize = 50 * 1024 * 1024;

/// The whole bundle's file name beside the entry point, when `bundle_text` is small enough to be
/// published whole as a download.
pub(crate) fn bundle_download(bundle_text: &str) -> Option<&'static str> {
    (bundle_text.len() <= BUNDLE_DOWNLOAD_MAX_BYTES).then_some("bundle.json")
}

/// What the data files came to.
#[derive(Clone, Debug, Default)]
pub struct DataReport {
    /// The publish's version (its folder under `data/v1/`).
    pub version: String,
    /// The entry point's size in bytes.
    pub entry_bytes: usize,
    /// Shard files, their bytes in all, and the largest's.
    pub shards: usize,
    pub shard_bytes: usize,
    pub largest_shard: usize,
    /// Name files, their bytes in all, and the largest's.
    pub name_files: usize,
    pub name_bytes: usize,
    pub largest_name_file: usize,
    /// Whether the whole bundle was published as a download.
    pub bundle_download: bool,
    /// Shard and name files written, and kept from the publish before (unchanged).
    pub written: usize,
    pub kept: usize,
}

impl DataReport {
    /// Files the data adds to the site.
    pub fn files(&self) -> usize {
        1 + self.shards + self.name_files + usize::from(self.bundle_download)
    }
}

/// What a publish after a change keeps of the data of the one before it.
pub(crate) struct Kept<'a> {
    /// The earlier publish's version: the folder the kept files are taken from.
    pub version: &'a str,
    /// For each shard, whether it is kept (none of its tools changed).
    pub shards: Vec<bool>,
    /// The keys of the name files kept: when no tool's name, vendor or category changed, all of
    /// them (and the data has none of its own).
    pub names: Vec<String>,
}

/// Writes `data`, the data files of a catalogue read from `bundle_text`, into the site at
/// `stage`: the files `kept` names linked from the earlier publish's folder, the others written.
/// The entry point, which names them, is left to the caller to write last ([`write_entry`]).
pub(crate) fn write_data(
    stage: &Path,
    data: &SiteData,
    bundle_text: &str,
    kept: Option<&Kept>,
    writing: Writing,
) -> Result<DataReport, String> {
    let bundle_download = data.manifest.bundle.is_some();
    let root = stage.join(ENTRY_POINT);
    let folder = root.parent().unwrap_or(stage).to_path_buf();
    // A folder of this version left by an earlier publish (of the same data, before a change
    // undone) may hold links to the kept files: it is made anew, so that no file is written
    // through a link into another version's.
    let own = folder.join(VERSIONED_FOLDER).join(&data.manifest.version);
    if kept.is_some() && own.exists() {
        fs::remove_dir_all(&own).map_err(|e| format!("{}: {e}", own.display()))?;
    }
    let json = |value: &dyn erased::Json| value.to_json().map_err(|e| format!("the data could not be written: {e}"));
    let entry = json(&data.manifest)?;
    let version = &data.manifest.version;
    let mut report = DataReport {
        version: version.clone(),
        entry_bytes: entry.len(),
        shards: data.shards.len(),
        name_files: data.names.len() + kept.map_or(0, |k| k.names.len()),
        bundle_download,
        ..DataReport::default()
    };
    // Each file is written (or linked) by one of the threads, a share of the files each.
    let mut jobs: Vec<(String, Option<String>, Option<&dyn erased::Json>)> =
        Vec::with_capacity(data.shards.len() + data.names.len());
    for shard in &data.shards {
        let from = kept
            .filter(|k| k.shards.get(shard.shard as usize).copied().unwrap_or(false))
            .map(|k| shard_path(k.version, shard.shard));
        jobs.push((shard_path(version, shard.shard), from, Some(shard)));
    }
    for (key, chunk) in &data.names {
        jobs.push((names_path(version, key), None, Some(chunk)));
    }
    for key in kept.map_or(&[][..], |k| &k.names[..]) {
        let from = kept.map(|k| names_path(k.version, key));
        jobs.push((names_path(version, key), from, None));
    }
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).min(8);
    let share = jobs.len().div_ceil(threads).max(1);
    let sizes: Vec<Vec<(bool, usize, bool)>> = std::thread::scope(|scope| {
        let workers: Vec<_> = jobs
            .chunks(share)
            .map(|jobs| {
                let folder = &folder;
                scope.spawn(move || -> Result<Vec<(bool, usize, bool)>, String> {
                    jobs.iter()
                        .map(|(path, from, value)| {
                            let is_shard = path.contains("/tools/");
                            if let Some(bytes) =
                                from.as_ref().and_then(|from| link(&folder.join(from), &folder.join(path)))
                            {
                                return Ok((is_shard, bytes, true));
                            }
                            let Some(value) = value else {
                                let gone = folder.join(from.as_deref().unwrap_or(path));
                                return Err(format!(
                                    "{}: the publish before's file is gone (publish again with --full)",
                                    gone.display()
                                ));
                            };
                            let text = json(*value)?;
                            write(&folder.join(path), &text)?;
                            Ok((is_shard, text.len(), false))
                        })
                        .collect()
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().map_err(|_| "a data file could not be written".to_string())?)
            .collect::<Result<_, String>>()
    })?;
    for (is_shard, bytes, linked) in sizes.into_iter().flatten() {
        if linked {
            report.kept += 1;
        } else {
            report.written += 1;
        }
        if is_shard {
            report.shard_bytes += bytes;
            report.largest_shard = report.largest_shard.max(bytes);
        } else {
            report.name_bytes += bytes;
            report.largest_name_file = report.largest_name_file.max(bytes);
        }
    }
    if bundle_download {
        writing.write(&folder.join("bundle.json"), bundle_text)?;
    }
    Ok(report)
}

/// Writes the entry point of `data` into the site at `stage`: after its files, which it names.
pub(crate) fn write_entry(stage: &Path, data: &SiteData, writing: Writing) -> Result<(), String> {
    let entry = serde_json::to_string(&data.manifest).map_err(|e| format!("the data could not be written: {e}"))?;
    writing.write(&stage.join(ENTRY_POINT), entry)
}

/// Links the earlier publish's file `from` at `to` (a copy where links are refused), giving its
/// size; `None` when it is gone, and the file is written anew.
fn link(from: &Path, to: &Path) -> Option<usize> {
    let bytes = fs::metadata(from).ok()?.len() as usize;
    fs::create_dir_all(to.parent()?).ok()?;
    if to.exists() {
        // Never copied onto: it may be the same file.
        return None;
    }
    if fs::hard_link(from, to).is_ok() || fs::copy(from, to).is_ok() {
        Some(bytes)
    } else {
        None
    }
}

/// Serialising the three kinds of file through one list of jobs.
mod erased {
    pub trait Json: Sync {
        fn to_json(&self) -> serde_json::Result<String>;
    }
    impl<T: serde::Serialize + Sync> Json for T {
        fn to_json(&self) -> serde_json::Result<String> {
            serde_json::to_string(self)
        }
    }
}
