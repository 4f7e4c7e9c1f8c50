//! The tools' shards: where a wanted tool stands, and fetching the shards the view needs.

use verdicts_catalog::bundle::Catalog;
use verdicts_catalog::load_error::{LoadError, LoadFailure};
use verdicts_catalog::site_data::{partial_catalog, shard_of, shard_path, Shard};

use super::{Key, Load, Store};
use leptos::prelude::*;

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

impl Store {
    /// The version and the shard of the tool `id` (tracked: a newer entry point changes both).
    fn shard_key(self, id: &str) -> Key<u32> {
        self.manifest.with(|m| (m.version.clone(), shard_of(id, m.shards)))
    }

    /// Where the tool `id` stands (tracked): in, on its way, or failed. Asking does not fetch:
    /// [`Store::want`] does.
    pub fn wanted(self, id: &str, catalog: &Catalog) -> Wanted {
        if catalog.tool_index(id).is_some_and(|i| catalog.is_whole(i)) {
            return Wanted::Ready;
        }
        let key = self.shard_key(id);
        self.shards.with(|m| match m.get(&key) {
            None | Some(Load::Pending) => Wanted::Loading,
            Some(Load::Ready(_)) => Wanted::Ready,
            Some(Load::Failed(e)) => Wanted::Failed(e.clone()),
        })
    }

    /// Fetches the shard of each tool whose data is not in and not on its way. Tracks the entry
    /// point: called from an effect, it runs again when a newer publish's is read.
    pub fn want(self, ids: &[String]) {
        let catalog = self.catalog.get();
        for id in ids {
            if catalog.tool_index(id).is_some_and(|i| catalog.is_whole(i)) {
                continue;
            }
            let key = self.shard_key(id);
            if !self.shards.with_untracked(|m| m.contains_key(&key)) {
                self.fetch_shard(key);
            }
        }
    }

    /// Fetches the shards of the entry point's version that failed again.
    pub fn retry(self) {
        for key in self.failed(self.shards) {
            self.fetch_shard(key);
        }
    }

    fn fetch_shard(self, key: Key<u32>) {
        let (version, shard) = key.clone();
        let manifest = self.manifest;
        self.read_into(self.shards, key, &shard_path(&version, shard), move |s: &Shard| {
            // A publish keeps the shards none of whose tools changed, as an earlier one wrote them.
            if s.shard != shard || manifest.with_untracked(|m| m.version == version && !m.knows(&s.version)) {
                return Err(LoadFailure::Data("the file belongs to another publish".into()));
            }
            // A shard that does not make a catalogue with its entry point (a file edited on the
            // host) is said, not left out in silence.
            match manifest.with_untracked(|m| (m.version == version).then(|| partial_catalog(m, [s]))) {
                Some(Err(e)) => Err(LoadFailure::Bundle(e)),
                _ => Ok(()),
            }
        });
    }
}
