//! The catalogue as a published site serves it: version 1 of the read API, which the app, and
//! anyone else, reads one tool at a time (docs/data-api.md).
//!
//! ```text
//! data/catalog.json                        the entry point, revalidated on every visit
//! data/v1/<version>/tools/<shard>.json     tools with their reviews, about 20 a file
//! data/v1/<version>/names/<key>.json       the pickers' name index, a file per word prefix
//! ```
//!
//! Everything under `data/v1/<version>/` is named by the publish it came from, so a CDN may keep
//! it forever and one page never mixes two publishes: the entry point names the current version.
//! A visit reads the entry point and the shards of the two tools it shows; a picker reads the
//! name file of what is typed. Nothing reads the whole catalogue.

mod build;
mod names;
mod shard;

pub use build::{build, build_shards, neighbour_count, partial_catalog, version_of, ShardTools, SiteData};
pub use names::{
    file_of, is_split, query_words, rank_entries, search, words_of, Lookup, NameChunk, MAX_FILE_POSTINGS, MAX_POSTINGS,
};
pub use shard::{shard_count, shard_of, Shard, ShardTool, TOOLS_PER_SHARD};

use serde::{Deserialize, Serialize};

use crate::bundle::{CommunitySettings, Role};

/// The read API's version: the number in the entry point's `api` and in the data folder.
pub const API_VERSION: u32 = 1;
/// The entry point's path under the site root.
pub const ENTRY_POINT: &str = "data/catalog.json";
/// The folder of everything the entry point's version names, under the entry point's folder.
pub const VERSIONED_FOLDER: &str = "v1";
/// Bumped whenever what the publisher writes for the same bundle changes, so that a new layout
/// never reuses the version (and the CDN's copies) of an old one.
pub const LAYOUT_REVISION: u32 = 1;

/// The entry point: the site's settings, the current version and where the rest is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Manifest {
    /// Always [`API_VERSION`].
    pub api: u32,
    /// The publish this describes: 16 hex digits, the folder of its shards and name files.
    pub version: String,
    /// The bundle's own settings: title, roles, community rules.
    pub site: Site,
    /// How many tools the catalogue has.
    pub tools: usize,
    /// How many tool shards there are (see [`shard_of`]).
    pub shards: u32,
    /// The pair shown when a URL names none.
    pub default: [String; 2],
    /// The featured pairs, in the bundle's order.
    pub featured: Vec<[String; 2]>,
    /// The tools the default and featured pairs name, and every tool when the site has a page
    /// for every pair: what links to them need before their shards are read.
    pub entries: Vec<Entry>,
    /// The keys (word prefixes) of the name files that exist, sorted ([`file_of`]).
    pub names: Vec<String>,
    /// The whole bundle as one file, relative to the entry point, when it is published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bundle: Option<String>,
    /// The earlier publishes whose pages and files may still be on the site, newest first, each
    /// with the tools changed since it (see [`Manifest::serves`]). Empty after a full publish;
    /// an incremental one adds its predecessor.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<Earlier>,
}

/// An earlier publish, as the entry point of a later one remembers it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Earlier {
    /// Its version.
    pub version: String,
    /// The ids of the tools whose data changed in the publish that followed it (a tool's data:
    /// everything its shard holds of it, the names of the tools it lists included).
    pub changed: Vec<String>,
}

impl Manifest {
    /// Whether a file that says it belongs to `version` may be read with this entry point: the
    /// current publish's, or an earlier one this publish kept its files of unchanged.
    pub fn knows(&self, version: &str) -> bool {
        self.version == version || self.history.iter().any(|e| e.version == version)
    }

    /// Whether what a page rendered from the publish `version` shows of the tools `ids` is still
    /// what this publish says: the same publish, or an earlier one none of whose tools changed
    /// since.
    pub fn serves<'a>(&self, version: &str, ids: impl IntoIterator<Item = &'a str>) -> bool {
        if self.version == version {
            return true;
        }
        let Some(at) = self.history.iter().position(|e| e.version == version) else {
            return false;
        };
        let since = &self.history[..=at];
        let mut ids = ids.into_iter();
        ids.all(|id| since.iter().all(|e| !e.changed.iter().any(|c| c == id)))
    }
}

/// The bundle's settings, as the entry point carries them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Site {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub title: String,
    pub updated: String,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    pub roles: Vec<Role>,
    #[serde(default)]
    pub community: CommunitySettings,
}

/// What a link or a picker shows of a tool before its shard is read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Entry {
    /// The tool's place in the bundle, which orders every list of tools as the bundle does.
    pub n: u32,
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vendor: Option<String>,
    pub category: String,
}

impl Entry {
    /// The entry of the `n`th tool of a bundle.
    pub fn of(n: usize, tool: &crate::bundle::Tool) -> Entry {
        Entry {
            n: n as u32,
            id: tool.id.clone(),
            name: tool.name.clone(),
            vendor: tool.vendor.clone(),
            category: tool.category.clone(),
        }
    }
}

/// The path of the entry point's folder's file for a shard, relative to that folder.
pub fn shard_path(version: &str, shard: u32) -> String {
    format!("{VERSIONED_FOLDER}/{version}/tools/{shard}.json")
}

/// The path of a name file, relative to the entry point's folder: the key's UTF-8 bytes in hex,
/// so that every key is a plain file name on every host (`all` for the one file of a small
/// catalogue, whose key is empty).
pub fn names_path(version: &str, key: &str) -> String {
    let hex: String = key.bytes().map(|b| format!("{b:02x}")).collect();
    let name = if hex.is_empty() { "all".to_string() } else { hex };
    format!("{VERSIONED_FOLDER}/{version}/names/{name}.json")
}

/// The JSON Schema of the entry point, a shard and a name file, as shipped in
/// `public/data-api.schema.json`.
#[cfg(feature = "schema")]
pub fn json_schema() -> String {
    #[derive(schemars::JsonSchema)]
    #[allow(dead_code, clippy::large_enum_variant)]
    /// The read API's three documents.
    enum DataApi {
        Manifest(Manifest),
        Shard(Shard),
        Names(NameChunk),
    }
    let schema = schemars::schema_for!(DataApi);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest(history: Vec<Earlier>) -> Manifest {
        let site = Site {
            id: None,
            title: "T".into(),
            updated: "2026-12-06".into(),
            source: "S".into(),
            source_url: None,
            roles: Vec::new(),
            community: CommunitySettings::default(),
        };
        Manifest {
            api: API_VERSION,
            version: "v3".into(),
            site,
            tools: 3,
            shards: 1,
            default: ["a".into(), "b".into()],
            featured: Vec::new(),
            entries: Vec::new(),
            names: Vec::new(),
            bundle: None,
            history,
        }
    }

    #[test]
    fn a_page_of_an_earlier_publish_is_served_while_none_of_its_tools_changed_since() {
        // v1 → v2 changed c; v2 → v3 changed a.
        let m = manifest(vec![
            Earlier { version: "v2".into(), changed: vec!["a".into()] },
            Earlier { version: "v1".into(), changed: vec!["c".into()] },
        ]);
        assert!(m.serves("v3", ["a", "b"]));
        assert!(m.serves("v2", ["b", "c"]), "c changed before v2, not since");
        assert!(!m.serves("v2", ["a", "b"]));
        assert!(m.serves("v1", ["b"]));
        assert!(!m.serves("v1", ["b", "c"]));
        assert!(!m.serves("v0", ["b"]), "a publish the entry point does not name is not served");
        assert!(m.knows("v1") && m.knows("v3") && !m.knows("v0"));
        assert!(!manifest(Vec::new()).serves("v2", ["b"]), "after a full publish only its own pages are");
    }
}
