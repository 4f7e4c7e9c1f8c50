//! The catalogue as the app reads it: the entry point, the two shown tools' shards, and the name
//! files the pickers search (the read API, [`verdicts_catalog::site_data`]). What has arrived
//! is kept in signals the catalogue is derived from; fetching is the outside world, started by
//! whoever needs a file and written back when it arrives.

use std::collections::BTreeMap;
use std::ops::Deref;
use std::sync::Arc;

mod names;
mod shards;

pub use names::Found;
pub use shards::Wanted;

use leptos::prelude::*;
use leptos::task::spawn_local;

use verdicts_catalog::bundle::Catalog;
use verdicts_catalog::load_error::{LoadError, LoadFailure};
use verdicts_catalog::site_data::{partial_catalog, Manifest, NameChunk, Shard};

/// A file on its way, in, or failed.
#[derive(Clone, Debug)]
pub enum Load<T> {
    Pending,
    Ready(T),
    Failed(LoadError),
}

/// A value shared between memos: equal when it is the same one (a new one is a change).
#[derive(Debug)]
pub struct Shared<T>(pub Arc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// The catalogue of what has been read.
pub type Known = Shared<Catalog>;

/// Whether `manifest` serves the tools a page carries as the page has them.
fn page_serves(manifest: &Manifest, page: &Shard) -> bool {
    manifest.serves(&page.version, page.tools.iter().map(|t| t.tool.id.as_str()))
}

/// A file's place: the publish it belongs to, and its shard number or name key.
type Key<T> = (String, T);

/// The files read so far, and the catalogue made of them.
#[derive(Clone, Copy)]
pub struct Store {
    /// The latest entry point read: a newer publish's takes the place of the first one's, and the
    /// files of the old one are no longer used (they stay keyed by their version).
    manifest: Memo<Shared<Manifest>>,
    /// The entry point's folder, with its trailing slash: the versioned files are under it.
    folder: StoredValue<String>,
    /// The shown pair's tools, as the published page carries them for its own version.
    page: StoredValue<Option<Arc<Shard>>>,
    shards: RwSignal<BTreeMap<Key<u32>, Load<Arc<Shard>>>>,
    names: RwSignal<BTreeMap<Key<String>, Load<Arc<NameChunk>>>>,
    /// The catalogue of the entry point, the page's tools and the shards in, of its version.
    pub catalog: Memo<Known>,
    /// Called with the version when one of its files is missing: a newer publish replaced it.
    stale: Callback<String>,
}

impl Store {
    /// A store for the entry point `manifest` (the latest read: it may change), read from
    /// `entry_url`, with the tools the page carries (used while the entry point's version is the
    /// page's). `Err` when the entry point read now is not a usable catalogue.
    pub fn new(
        manifest: Memo<Shared<Manifest>>,
        entry_url: &str,
        page: Option<Shard>,
        stale: Callback<String>,
    ) -> Result<Store, LoadError> {
        let page = page.map(Arc::new);
        // The page's tools are used while the entry point says they are what it serves: rendered
        // from its publish, or from an earlier one that changed neither of them since.
        let of_version = |page: &Option<Arc<Shard>>, m: &Manifest| page.clone().filter(|p| page_serves(m, p));
        // The entry point with the page's tools must make a catalogue: if not, nothing will.
        let first = manifest
            .with_untracked(|m| partial_catalog(m, of_version(&page, m).as_deref()))
            .map_err(|e| LoadError { url: entry_url.to_string(), failure: LoadFailure::Bundle(e) })?;
        let folder = entry_url.rsplit_once('/').map(|(f, _)| format!("{f}/")).unwrap_or_default();
        let shards: RwSignal<BTreeMap<Key<u32>, Load<Arc<Shard>>>> = RwSignal::new(BTreeMap::new());
        // The shards in, of the entry point's version.
        let ready = Memo::new(move |_| {
            let version = manifest.with(|m| m.version.clone());
            shards.with(|m| {
                m.iter()
                    .filter(|((v, _), l)| *v == version && matches!(l, Load::Ready(_)))
                    .map(|((_, n), _)| *n)
                    .collect::<Vec<_>>()
            })
        });
        let page_value = page.clone();
        let first = Shared(Arc::new(first));
        let catalog = Memo::new(move |previous: Option<&Known>| {
            let manifest = manifest.get();
            let ready = ready.get();
            let page = of_version(&page_value, &manifest);
            let in_ = shards.with_untracked(|m| {
                ready
                    .iter()
                    .filter_map(|n| match m.get(&(manifest.version.clone(), *n)) {
                        Some(Load::Ready(s)) => Some(s.clone()),
                        _ => None,
                    })
                    .collect::<Vec<_>>()
            });
            if previous.is_none() && in_.is_empty() {
                return first.clone();
            }
            let all = page.iter().chain(in_.iter()).map(|s| s.as_ref());
            match partial_catalog(&manifest, all) {
                Ok(c) => Shared(Arc::new(c)),
                // A shard that does not fit the rest is left out: the tools it holds stay unknown.
                Err(_) => previous.cloned().unwrap_or_else(|| first.clone()),
            }
        });
        Ok(Store {
            manifest,
            folder: StoredValue::new(folder),
            page: StoredValue::new(page),
            shards,
            names: RwSignal::new(BTreeMap::new()),
            catalog,
            stale,
        })
    }

    /// The entry point (the latest read).
    pub fn manifest(self) -> Arc<Manifest> {
        self.manifest.get_untracked().0
    }

    /// The entry point's version (tracked).
    pub fn version(self) -> String {
        self.manifest.with(|m| m.version.clone())
    }

    fn url(self, path: &str) -> String {
        format!("{}{path}", self.folder.get_value())
    }

    /// Whether the page's own tools are in use (the page was rendered from the entry point's
    /// version, or from an earlier one that changed neither of them since).
    pub fn page_is_current(self) -> bool {
        self.manifest.with_untracked(|m| self.page.with_value(|p| p.as_ref().is_some_and(|p| page_serves(m, p))))
    }

    /// Whether a page rendered from the publish `version` still shows what the entry point read
    /// (tracked) says: its own tools when it carries them, else the publish alone.
    pub fn serves_page(self, version: &str) -> bool {
        self.manifest.with(|m| {
            self.page.with_value(|p| match p {
                Some(p) if p.version == version => page_serves(m, p),
                _ => m.version == version,
            })
        })
    }

    /// Fetches the versioned file `key` of `files` from `path` (under the entry point's folder):
    /// pending until it arrives, then in, or failed in words. A file must belong to `version` and
    /// pass `fits`; one that is missing (404) was replaced by a newer publish, which `stale` is
    /// told of.
    fn read_into<K, T>(
        self,
        files: RwSignal<BTreeMap<K, Load<Arc<T>>>>,
        key: K,
        path: &str,
        fits: impl FnOnce(&T) -> Result<(), LoadFailure> + 'static,
    ) where
        K: Ord + Clone + Send + Sync + 'static,
        T: serde::de::DeserializeOwned + Send + Sync + 'static,
    {
        files.update(|m| {
            m.insert(key.clone(), Load::Pending);
        });
        let url = self.url(path);
        let version = self.manifest.with_untracked(|m| m.version.clone());
        spawn_local(async move {
            let loaded = match fetch::<T>(&url).await {
                Ok(file) => match fits(&file) {
                    Ok(()) => Load::Ready(Arc::new(file)),
                    Err(failure) => Load::Failed(LoadError { url, failure }),
                },
                Err(e) => {
                    if matches!(e.failure, LoadFailure::Http { status: 404, .. }) {
                        self.stale.run(version);
                    }
                    Load::Failed(e)
                }
            };
            files.update(|m| {
                m.insert(key, loaded);
            });
        });
    }

    /// The keys of `files` of the entry point's version that failed.
    fn failed<T: Clone + Send + Sync + 'static, F: Send + Sync + 'static>(
        self,
        files: RwSignal<BTreeMap<Key<T>, Load<F>>>,
    ) -> Vec<Key<T>> {
        let version = self.manifest.with_untracked(|m| m.version.clone());
        files.with_untracked(|m| {
            m.iter()
                .filter(|((v, _), l)| *v == version && matches!(l, Load::Failed(_)))
                .map(|(k, _)| k.clone())
                .collect()
        })
    }
}

/// Fetches a file of the read API: its version is in its path, so the browser's cache may answer.
#[cfg(feature = "csr")]
async fn fetch<T: serde::de::DeserializeOwned>(url: &str) -> Result<T, LoadError> {
    crate::api::get_json(url, web_sys::RequestCache::Default).await
}

/// Natively (the publish step's render) nothing is fetched: the catalogue is whole there.
#[cfg(not(feature = "csr"))]
async fn fetch<T>(url: &str) -> Result<T, LoadError> {
    Err(LoadError { url: url.to_string(), failure: LoadFailure::Network("not in a browser".into()) })
}
