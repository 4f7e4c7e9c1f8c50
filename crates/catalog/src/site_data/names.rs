//! The pickers' name index, split by word prefix so that a query reads one small file.
//!
//! Every tool is indexed under the words of its name, vendor, category and id, folded as the
//! pickers fold what is typed ([`crate::fold`]). A word's file is named by its first letters
//! ([`chunk_key`]: none for a small catalogue, one, or two from 5,001 tools, with a file of its own
//! for each single letter), so a query reads the file of its longest word and ranks what it finds
//! there as the pickers always have ([`crate::search`]). A word that
//! very many tools share ("developer", from a category) lists only its first
//! [`MAX_POSTINGS`] tools by name: such a word narrows nothing, and another typed word finds the
//! rest, the way Pagefind's index splits and bounds its word lists.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::Entry;
use crate::fold::fold;
use crate::search::score;

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

/// How many letters of a word name its file, for a catalogue of `tools` tools: one file for a
/// small catalogue, a file per first letter up to 5,000 tools, per two letters beyond.
pub fn key_length(tools: usize) -> u32 {
    match tools {
        0..=500 => 0,
        501..=5000 => 1,
        _ => 2,
    }
}

/// The name file a folded word is in: its first `key_length` letters (fewer if it is shorter).
pub fn chunk_key(word: &str, key_length: u32) -> String {
    word.chars().take(key_length as usize).collect()
}

/// The searchable words of a query, longest first (the most telling, and the smallest list).
pub fn query_words(query: &str) -> Vec<String> {
    let folded = fold(query.trim());
    let mut words: Vec<String> =
        folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    words
}

/// Where a search stands with the name files at hand.
#[derive(Debug, PartialEq)]
pub enum Lookup<'a> {
    /// The matching tools, best first.
    Found(Vec<&'a Entry>),
    /// The name file with this key is needed first.
    Needs(String),
}

/// Searches the name files for `query`. `key_length` and `exists` are the entry point's
/// ([`crate::site_data::Manifest`]); `get` gives the name files at hand. The query's longest word
/// picks the file; if that word lists only its first [`MAX_POSTINGS`] tools there, the next
/// longest word's file is read instead. Results rank as the pickers always have
/// ([`crate::search::rank`]), ties by name then bundle order.
pub fn search<'a>(
    query: &str,
    key_length: u32,
    exists: impl Fn(&str) -> bool,
    get: impl Fn(&str) -> Option<&'a NameChunk>,
) -> Lookup<'a> {
    let words = query_words(query);
    let mut fallback = None;
    for word in &words {
        let key = chunk_key(word, key_length);
        if !exists(&key) {
            return Lookup::Found(Vec::new());
        }
        let Some(chunk) = get(&key) else {
            return Lookup::Needs(key);
        };
        let capped = chunk.capped.iter().any(|w| w.starts_with(word.as_str()));
        if !capped {
            return Lookup::Found(rank_entries(chunk, word, query));
        }
        fallback.get_or_insert((chunk, word));
    }
    Lookup::Found(fallback.map(|(chunk, word)| rank_entries(chunk, word, query)).unwrap_or_default())
}

/// The tools of a name file with a word starting with `word` that match `query`, best first.
pub fn rank_entries<'a>(chunk: &'a NameChunk, word: &str, query: &str) -> Vec<&'a Entry> {
    let query = fold(query.trim());
    let words: Vec<&str> = query.split_whitespace().collect();
    let mut seen = vec![false; chunk.tools.len()];
    for (_, postings) in chunk.words.range(word.to_string()..).take_while(|(w, _)| w.starts_with(word)) {
        for &i in postings {
            if let Some(s) = seen.get_mut(i as usize) {
                *s = true;
            }
        }
    }
    let mut hits: Vec<(u8, String, &Entry)> = chunk
        .tools
        .iter()
        .zip(seen)
        .filter(|(_, seen)| *seen)
        .filter_map(|(entry, _)| {
            let name = fold(&entry.name);
            let mut other = String::new();
            for part in [entry.vendor.as_deref().unwrap_or(""), " ", &entry.category, " ", &entry.id] {
                other.push_str(&fold(part));
            }
            score(&name, &other, &query, &words).map(|s| (s, name, entry))
        })
        .collect();
    hits.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)).then(a.2.n.cmp(&b.2.n)));
    hits.into_iter().map(|(_, _, e)| e).collect()
}

/// The name files of a catalogue's entries, by key.
pub(super) fn chunks(entries: &[Entry], version: &str, key_length: u32) -> BTreeMap<String, NameChunk> {
    // Every (word, tool), and the folded names that order a word's tools.
    let names: Vec<String> = entries.iter().map(|e| fold(&e.name)).collect();
    let mut by_word: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, entry) in entries.iter().enumerate() {
        for word in words_of(entry) {
            // With two-letter files, a letter's own file lists the tools with a word starting
            // with it, for a query of one letter.
            if key_length >= 2 {
                let first: String = word.chars().take(1).collect();
                if first != word {
                    by_word.entry(first).or_default().push(i);
                }
            }
            by_word.entry(word).or_default().push(i);
        }
    }
    let mut chunks: BTreeMap<String, NameChunk> = BTreeMap::new();
    // Where each tool is in its chunk's list, by bundle place.
    let mut slots: BTreeMap<String, FxHashMap<u32, u32>> = BTreeMap::new();
    for (word, mut tools) in by_word {
        tools.sort_by(|a, b| names[*a].cmp(&names[*b]).then(entries[*a].n.cmp(&entries[*b].n)));
        tools.dedup();
        let key = chunk_key(&word, key_length);
        let chunk = chunks.entry(key.clone()).or_insert_with(|| NameChunk {
            api: super::API_VERSION,
            version: version.to_string(),
            key,
            ..NameChunk::default()
        });
        if tools.len() > MAX_POSTINGS {
            tools.truncate(MAX_POSTINGS);
            chunk.capped.push(word.clone());
        }
        let slot = slots.entry(chunk.key.clone()).or_default();
        let postings = tools
            .into_iter()
            .map(|t| {
                let entry = &entries[t];
                *slot.entry(entry.n).or_insert_with(|| {
                    chunk.tools.push(entry.clone());
                    (chunk.tools.len() - 1) as u32
                })
            })
            .collect();
        chunk.words.insert(word, postings);
    }
    chunks
}
