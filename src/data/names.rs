//! The pickers' name files: what a query finds with the files at hand, and fetching the one it
//! needs.

use verdicts_catalog::load_error::{LoadError, LoadFailure};
use verdicts_catalog::site_data::{names_path, search, Entry, Lookup, Manifest, NameChunk};

use std::collections::BTreeMap;
use std::sync::Arc;

use super::{Key, Load, Store};
use leptos::prelude::*;

/// What a picker's query finds with the name files at hand.
#[derive(Clone, Debug, PartialEq)]
pub enum Found {
    /// The best `limit` matching tools, best first, and how many match in all.
    Tools { best: Vec<Entry>, total: usize },
    /// The name file with this key is needed, and not asked for yet.
    Needs(String),
    /// The name file it needs is on its way.
    Loading,
    /// The name file it needs could not be read.
    Failed(LoadError),
}

impl Store {
    /// What the pickers find for `query` with the name files at hand (tracked). Reading does
    /// not fetch: [`Found::Needs`] names the file to fetch with [`Store::fetch_names`].
    /// Only the best `limit` are copied out: a short query can match thousands of tools.
    pub fn search(self, query: &str, limit: usize) -> Found {
        // Read in place: a keystroke copies nothing of the entry point's (up to thousands of) keys.
        self.manifest.with(|manifest| self.names.with(|names| Self::found(query, limit, manifest, names)))
    }

    /// What `query` finds in `names` for `manifest`'s version.
    fn found(
        query: &str,
        limit: usize,
        manifest: &Manifest,
        names: &BTreeMap<Key<String>, Load<Arc<NameChunk>>>,
    ) -> Found {
        let file = |k: &str| names.get(&(manifest.version.clone(), k.to_string()));
        let lookup = search(query, &manifest.names, |k| match file(k) {
            Some(Load::Ready(chunk)) => Some(chunk.as_ref()),
            _ => None,
        });
        match lookup {
            Lookup::Found(entries) => {
                Found::Tools { total: entries.len(), best: entries.into_iter().take(limit).cloned().collect() }
            }
            Lookup::Needs(key) => match file(&key) {
                Some(Load::Failed(e)) => Found::Failed(e.clone()),
                Some(_) => Found::Loading,
                None => Found::Needs(key),
            },
        }
    }

    /// Fetches the name files of the entry point's version that failed again.
    pub fn retry_names(self) {
        for (_, key) in self.failed(self.names) {
            self.fetch_names(key);
        }
    }

    /// Fetches a name file of the entry point's version, unless it is in or on its way.
    pub fn fetch_names(self, key: String) {
        let version = self.manifest.with_untracked(|m| m.version.clone());
        let at = (version.clone(), key.clone());
        if self.names.with_untracked(|m| matches!(m.get(&at), Some(Load::Pending | Load::Ready(_)))) {
            return;
        }
        let manifest = self.manifest;
        self.read_into(self.names, at, &names_path(&version, &key), move |c: &NameChunk| {
            // A publish keeps the name files when no name changed, as an earlier one wrote them.
            let known = manifest.with_untracked(|m| m.version != version || m.knows(&c.version));
            if known && c.key == key {
                Ok(())
            } else {
                Err(LoadFailure::Data("the file belongs to another publish".into()))
            }
        });
    }
}
