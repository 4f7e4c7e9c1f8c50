//! The catalogue's files for the browser and anyone else (the read API,
//! [`verdicts_catalog::site_data`]): the entry point, the tool shards and the name files, written
//! on every core; and the whole bundle as a download while it is small enough to be one.

use std::path::Path;

use verdicts_catalog::bundle::Catalog;
use verdicts_catalog::site_data::{build, names_path, shard_path, ENTRY_POINT};

use crate::files::write;

/// The largest bundle still published whole, as `data/bundle.json`: past it, the download would
/// cost more than a script reading the shards it needs.
pub const BUNDLE_DOWNLOAD_MAX_BYTES: usize = 50 * 1024 * 1024;

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
}

impl DataReport {
    /// Files the data adds to the site.
    pub fn files(&self) -> usize {
        1 + self.shards + self.name_files + usize::from(self.bundle_download)
    }
}

/// Writes the data files of `catalog` (read from `bundle_text`) into the site at `stage`.
pub(crate) fn write_data(
    stage: &Path,
    catalog: &Catalog,
    bundle_text: &str,
    all_pairs: bool,
) -> Result<DataReport, String> {
    let bundle_download = bundle_text.len() <= BUNDLE_DOWNLOAD_MAX_BYTES;
    let data = build(catalog, all_pairs, bundle_download.then_some("bundle.json"));
    let root = stage.join(ENTRY_POINT);
    let folder = root.parent().unwrap_or(stage).to_path_buf();
    let json = |value: &dyn erased::Json| value.to_json().map_err(|e| format!("the data could not be written: {e}"));
    let entry = json(&data.manifest)?;
    let mut report = DataReport {
        version: data.manifest.version.clone(),
        entry_bytes: entry.len(),
        shards: data.shards.len(),
        name_files: data.names.len(),
        bundle_download,
        ..DataReport::default()
    };
    // Each file is written by one of the threads, a share of the files each.
    let mut jobs: Vec<(String, &dyn erased::Json)> = Vec::with_capacity(data.shards.len() + data.names.len());
    for shard in &data.shards {
        jobs.push((shard_path(&data.manifest.version, shard.shard), shard));
    }
    for (key, chunk) in &data.names {
        jobs.push((names_path(&data.manifest.version, key), chunk));
    }
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).min(8);
    let share = jobs.len().div_ceil(threads).max(1);
    let sizes: Vec<Vec<(bool, usize)>> = std::thread::scope(|scope| {
        let workers: Vec<_> = jobs
            .chunks(share)
            .map(|jobs| {
                let folder = &folder;
                scope.spawn(move || -> Result<Vec<(bool, usize)>, String> {
                    jobs.iter()
                        .map(|(path, value)| {
                            let text = json(*value)?;
                            write(&folder.join(path), &text)?;
                            Ok((path.contains("/tools/"), text.len()))
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
    for (is_shard, bytes) in sizes.into_iter().flatten() {
        if is_shard {
            report.shard_bytes += bytes;
            report.largest_shard = report.largest_shard.max(bytes);
        } else {
            report.name_bytes += bytes;
            report.largest_name_file = report.largest_name_file.max(bytes);
        }
    }
    if bundle_download {
        write(&folder.join("bundle.json"), bundle_text)?;
    }
    // The entry point last: it names the files above.
    write(&root, entry)?;
    Ok(report)
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
