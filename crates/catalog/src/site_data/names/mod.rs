//! The pickers' name index, split by word prefix so that a query reads one small file.
//!
//! Every tool is indexed under the words of its name, vendor, category and id, folded as the
//! pickers fold what is typed ([`crate::fold`]). The words are split into files by prefix, as a
//! trie: the file of a prefix lists every word that starts with it, unless that would be more
//! than [`MAX_FILE_POSTINGS`] tools, in which case it is split into the files of the prefix one
//! letter longer and keeps only a summary (the tools of the word equal to the prefix, then the
//! first by name, [`MAX_POSTINGS`] in all) for a query that stops at the prefix. A small
//! catalogue has one file (the empty prefix). A query reads the file of its longest word and
//! ranks what it finds there as the pickers always have ([`crate::search`]). A word that very
//! many tools share ("developer", from a category) lists only its first [`MAX_POSTINGS`] tools
//! by name: such a word narrows nothing, and another typed word finds the rest, the way
//! Pagefind's index splits and bounds its word lists.

mod search;
mod write;

pub use search::{query_words, rank_entries, search, Lookup};
pub(in crate::site_data) use write::chunks;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Entry;
use crate::fold::fold;

/// The most tools one word of a name file lists.
pub const MAX_POSTINGS: usize = 200;

/// One name file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NameChunk {
    /// Always [`super::API_VERSION`].
    pub api: u32,
    /// The publish it belongs to.
    pub version: String,
    /// The word prefix every word here starts with.
    pub key: String,
    /// The tools its words name, each once.
    pub tools: Vec<Entry>,
    /// Each word, and the tools (indexes into `tools`) it is a word of, by name.
    pub words: BTreeMap<String, Vec<u32>>,
    /// The words that list only their first [`MAX_POSTINGS`] tools.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub capped: Vec<String>,
    /// Each tool's folded name and other searchable text, made once, at the first search.
    #[serde(skip)]
    folded: std::sync::OnceLock<Vec<(String, String)>>,
}

impl NameChunk {
    /// Each tool's folded name, and its folded vendor, category and id: what a query is matched
    /// against (as [`crate::bundle::Catalog::search_keys`]).
    fn folded(&self) -> &[(String, String)] {
        self.folded.get_or_init(|| {
            self.tools
                .iter()
                .map(|entry| {
                    let mut other = String::new();
                    for part in [entry.vendor.as_deref().unwrap_or(""), " ", &entry.category, " ", &entry.id] {
                        other.push_str(&fold(part));
                    }
                    (fold(&entry.name), other)
                })
                .collect()
        })
    }
}

/// The folded words a tool is found by.
pub fn words_of(entry: &Entry) -> Vec<String> {
    let mut text = String::new();
    for part in [entry.name.as_str(), entry.vendor.as_deref().unwrap_or(""), &entry.category, &entry.id] {
        text.push_str(&fold(part));
        text.push(' ');
    }
    let mut words: Vec<String> =
        text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect();
    words.sort();
    words.dedup();
    words
}

/// The most tools a name file lists, over all its words, before it is split by the next letter,
/// unless the catalogue's file budget asks for fewer, larger files (see [`chunks`]).
pub const MAX_FILE_POSTINGS: usize = 600;

/// The key of the name file a folded word is read from, among the sorted `keys` that exist: its
/// longest prefix there.
pub fn file_of<'k>(word: &str, keys: &'k [String]) -> Option<&'k str> {
    let ends: Vec<usize> = word.char_indices().map(|(i, _)| i).skip(1).chain([word.len()]).collect();
    std::iter::once(0)
        .chain(ends)
        .rev()
        .map(|end| &word[..end])
        .find_map(|prefix| keys.binary_search_by(|k| k.as_str().cmp(prefix)).ok().map(|i| keys[i].as_str()))
}

/// Whether the file `key` is split: longer keys start with it, and it holds only a summary.
pub fn is_split(key: &str, keys: &[String]) -> bool {
    let next = keys.partition_point(|k| k.as_str() <= key);
    keys.get(next).is_some_and(|k| k.starts_with(key))
}
