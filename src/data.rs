//! The catalogue as the app reads it: the entry point, the two shown tools' shards, and the name
//! files the pickers search (the read API, [`verdicts_catalog::site_data`]). What has arrived
//! is kept in signals the catalogue is derived from; fetching is the outside world, started by
//! whoever needs a file and written back when it arrives.

use std::collections::BTreeMap;
use std::ops::Deref;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use verdicts_catalog::bundle::Catalog;
use verdicts_catalog::load_error::{LoadError, LoadFailure};
use verdicts_catalog::site_data::{
    names_path, partial_catalog, search, shard_of, shard_path, Entry, Lookup, Manifest, NameChunk, Shard,
};

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

/// What a picker's query finds with the name files at hand.
#[derive(Clone, Debug, PartialEq)]
pub enum Found {
    /// The matching tools, best first.
    Tools(Vec<Entry>),
    /// The name file with this key is needed, and not asked for yet.
    Needs(String),
    /// The name file it needs is on its way.
    Loading,
    /// The name file it needs could not be read.
    Failed(LoadError),
}

/// Where a wanted tool stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Wanted {
    /// Its data is in (or its shard is, and it is not there: an unknown id).
    Ready,
    /// Its shard is on its way.
    Loading,
    /// Its shard could not be read.
    Failed(LoadError),
}

/// The files read so far, and the catalogue made of them.
#[derive(Clone, Copy)]
pub struct Store {
    manifest: StoredValue<Arc<Manifest>>,
    /// The entry point's folder, with its trailing slash: the versioned files are under it.
    folder: StoredValue<String>,
    /// The shown pair's tools, as the published page carries them for its own version.
    page: StoredValue<Option<Arc<Shard>>>,
    shards: RwSignal<BTreeMap<u32, Load<Arc<Shard>>>>,
    names: RwSignal<BTreeMap<String, Load<Arc<NameChunk>>>>,
    /// The catalogue of the entry point, the page's tools and the shards in.
    pub catalog: Memo<Known>,
    /// Called with the version when one of its files is missing: a newer publish replaced it.
    stale: Callback<String>,
}

impl Store {
    /// A store for `manifest`, read from `entry_url`, with the tools the page carries (when the
    /// page was rendered from this version). `Err` when the entry point is not a usable catalogue.
    pub fn new(
        manifest: Arc<Manifest>,
        entry_url: &str,
        page: Option<Shard>,
        stale: Callback<String>,
    ) -> Result<Store, LoadError> {
        let page = page.filter(|p| p.version == manifest.version).map(Arc::new);
        // The entry point with the page's tools must make a catalogue: if not, nothing will.
        let first = partial_catalog(&manifest, page.as_deref())
            .map_err(|e| LoadError { url: entry_url.to_string(), failure: LoadFailure::Bundle(e) })?;
        let folder = entry_url.rsplit_once('/').map(|(f, _)| format!("{f}/")).unwrap_or_default();
        let shards: RwSignal<BTreeMap<u32, Load<Arc<Shard>>>> = RwSignal::new(BTreeMap::new());
        let ready = Memo::new(move |_| {
            shards.with(|m| m.iter().filter(|(_, l)| matches!(l, Load::Ready(_))).map(|(n, _)| *n).collect::<Vec<_>>())
        });
        let manifest_value = manifest.clone();
        let page_value = page.clone();
        let first = Shared(Arc::new(first));
        let catalog = Memo::new(move |previous: Option<&Known>| {
            let ready = ready.get();
            if ready.is_empty() {
                return previous.cloned().unwrap_or_else(|| first.clone());
            }
            let in_ = shards.with_untracked(|m| {
                ready
                    .iter()
                    .filter_map(|n| match m.get(n) {
                        Some(Load::Ready(s)) => Some(s.clone()),
                        _ => None,
                    })
                    .collect::<Vec<_>>()
            });
            let all = page_value.iter().chain(in_.iter()).map(|s| s.as_ref());
            match partial_catalog(&manifest_value, all) {
                Ok(c) => Shared(Arc::new(c)),
                // A shard that does not fit the rest is left out: the tools it holds stay unknown.
                Err(_) => previous.cloned().unwrap_or_else(|| first.clone()),
            }
        });
        Ok(Store {
            manifest: StoredValue::new(manifest),
            folder: StoredValue::new(folder),
            page: StoredValue::new(page),
            shards,
            names: RwSignal::new(BTreeMap::new()),
            catalog,
            stale,
        })
    }

    /// The entry point.
    pub fn manifest(self) -> Arc<Manifest> {
        self.manifest.get_value()
    }

    fn url(self, path: &str) -> String {
        format!("{}{path}", self.folder.get_value())
    }

    /// Where the tool `id` stands (tracked): in, on its way, or failed. Asking does not fetch:
    /// [`Store::want`] does.
    pub fn wanted(self, id: &str, catalog: &Catalog) -> Wanted {
        if catalog.tool_index(id).is_some_and(|i| catalog.is_whole(i)) {
            return Wanted::Ready;
        }
        let shard = shard_of(id, self.manifest.with_value(|m| m.shards));
        self.shards.with(|m| match m.get(&shard) {
            None | Some(Load::Pending) => Wanted::Loading,
            Some(Load::Ready(_)) => Wanted::Ready,
            Some(Load::Failed(e)) => Wanted::Failed(e.clone()),
        })
    }

    /// Fetches the shard of each tool whose data is not in and not on its way.
    pub fn want(self, ids: &[String]) {
        let catalog = self.catalog.get_untracked();
        let count = self.manifest.with_value(|m| m.shards);
        for id in ids {
            if catalog.tool_index(id).is_some_and(|i| catalog.is_whole(i)) {
                continue;
            }
            let shard = shard_of(id, count);
            if !self.shards.with_untracked(|m| m.contains_key(&shard)) {
                self.fetch_shard(shard);
            }
        }
    }

    /// Fetches the shards that failed again.
    pub fn retry(self) {
        let failed: Vec<u32> = self
            .shards
            .with_untracked(|m| m.iter().filter(|(_, l)| matches!(l, Load::Failed(_))).map(|(n, _)| *n).collect());
        for shard in failed {
            self.fetch_shard(shard);
        }
    }

    fn fetch_shard(self, shard: u32) {
        self.shards.update(|m| {
            m.insert(shard, Load::Pending);
        });
        let (version, url) =
            self.manifest.with_value(|m| (m.version.clone(), self.url(&shard_path(&m.version, shard))));
        spawn_local(async move {
            let loaded = match fetch::<Shard>(&url).await {
                Ok(s) if s.version == version && s.shard == shard => Load::Ready(Arc::new(s)),
                Ok(_) => Load::Failed(LoadError {
                    url,
                    failure: LoadFailure::Data("the file belongs to another publish".into()),
                }),
                Err(e) => {
                    if matches!(e.failure, LoadFailure::Http { status: 404, .. }) {
                        self.stale.run(version.clone());
                    }
                    Load::Failed(e)
                }
            };
            self.shards.update(|m| {
                m.insert(shard, loaded);
            });
        });
    }

    /// What the pickers find for `query` with the name files at hand (tracked). Reading does
    /// not fetch: [`Found::Needs`] names the file to fetch with [`Store::fetch_names`].
    pub fn search(self, query: &str) -> Found {
        let keys = self.manifest.with_value(|m| m.names.clone());
        self.names.with(|names| {
            let lookup = search(query, &keys, |k| match names.get(k) {
                Some(Load::Ready(chunk)) => Some(chunk.as_ref()),
                _ => None,
            });
            match lookup {
                Lookup::Found(entries) => Found::Tools(entries.into_iter().cloned().collect()),
                Lookup::Needs(key) => match names.get(&key) {
                    Some(Load::Failed(e)) => Found::Failed(e.clone()),
                    Some(_) => Found::Loading,
                    None => Found::Needs(key),
                },
            }
        })
    }

    /// Fetches the name files that failed again.
    pub fn retry_names(self) {
        let failed: Vec<String> = self.names.with_untracked(|m| {
            m.iter().filter(|(_, l)| matches!(l, Load::Failed(_))).map(|(k, _)| k.clone()).collect()
        });
        for key in failed {
            self.fetch_names(key);
        }
    }

    /// Fetches a name file, unless it is in or on its way.
    pub fn fetch_names(self, key: String) {
        if self.names.with_untracked(|m| matches!(m.get(&key), Some(Load::Pending | Load::Ready(_)))) {
            return;
        }
        self.names.update(|m| {
            m.insert(key.clone(), Load::Pending);
        });
        let (version, url) = self.manifest.with_value(|m| (m.version.clone(), self.url(&names_path(&m.version, &key))));
        spawn_local(async move {
            let loaded = match fetch::<NameChunk>(&url).await {
                Ok(c) if c.version == version && c.key == key => Load::Ready(Arc::new(c)),
                Ok(_) => Load::Failed(LoadError {
                    url,
                    failure: LoadFailure::Data("the file belongs to another publish".into()),
                }),
                Err(e) => {
                    if matches!(e.failure, LoadFailure::Http { status: 404, .. }) {
                        self.stale.run(version.clone());
                    }
                    Load::Failed(e)
                }
            };
            self.names.update(|m| {
                m.insert(key, loaded);
            });
        });
    }

    /// Whether the page's own tools are in use (the page was rendered from this version).
    pub fn page_is_current(self) -> bool {
        self.page.with_value(Option::is_some)
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
