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

/// Searches the name files for `query`. `keys` are the entry point's, sorted
/// ([`crate::site_data::Manifest::names`]); `get` gives the name files at hand. The query's
/// longest word picks the file; if that word lists only some of its tools there (a capped word,
/// or a split file's summary), the next longest word's file is read instead. Results rank as the
/// pickers always have ([`crate::search::rank`]), ties by name then bundle order.
pub fn search<'a>(query: &str, keys: &[String], get: impl Fn(&str) -> Option<&'a NameChunk>) -> Lookup<'a> {
    let words = query_words(query);
    let mut fallback = None;
    for word in &words {
        let Some(key) = file_of(word, keys) else {
            return Lookup::Found(Vec::new());
        };
        let split = is_split(key, keys);
        if split && key.len() < word.len() {
            // The file one letter longer would hold the word: there is none, so no tool has it.
            return Lookup::Found(Vec::new());
        }
        let Some(chunk) = get(key) else {
            return Lookup::Needs(key.to_string());
        };
        let partial = split || chunk.capped.iter().any(|w| w.starts_with(word.as_str()));
        if !partial {
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
    let mut hits: Vec<(u8, &str, &Entry)> = chunk
        .tools
        .iter()
        .zip(chunk.folded())
        .zip(seen)
        .filter(|(_, seen)| *seen)
        .filter_map(|((entry, (name, other)), _)| score(name, other, &query, &words).map(|s| (s, name.as_str(), entry)))
        .collect();
    hits.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)).then(a.2.n.cmp(&b.2.n)));
    hits.into_iter().map(|(_, _, e)| e).collect()
}

/// The name files of a catalogue's entries, by key: at most `max_files` of them, each as small
/// as that allows (the split threshold starts at [`MAX_FILE_POSTINGS`] tools a file and doubles
/// until the files fit the budget).
pub(super) fn chunks(entries: &[Entry], version: &str, max_files: usize) -> BTreeMap<String, NameChunk> {
    // Every word and its tools, ordered by folded name then bundle place.
    let names: Vec<String> = entries.iter().map(|e| fold(&e.name)).collect();
    let mut by_word: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, entry) in entries.iter().enumerate() {
        for word in words_of(entry) {
            by_word.entry(word).or_default().push(i);
        }
    }
    let order = |a: &usize, b: &usize| names[*a].cmp(&names[*b]).then(entries[*a].n.cmp(&entries[*b].n));
    for tools in by_word.values_mut() {
        tools.sort_by(order);
        tools.dedup();
    }
    let words: Vec<(&String, &Vec<usize>)> = by_word.iter().collect();
    let total: usize = words.iter().map(|(_, t)| t.len()).sum();
    let mut threshold = MAX_FILE_POSTINGS;
    loop {
        let mut out = BTreeMap::new();
        let files = Files { entries, version, order: &order, threshold };
        files.split(&words, String::new(), &mut out);
        if out.len() <= max_files.max(1) || threshold > total {
            return out;
        }
        threshold *= 2;
    }
}

/// What every name file is made from.
struct Files<'a> {
    entries: &'a [Entry],
    version: &'a str,
    order: &'a dyn Fn(&usize, &usize) -> std::cmp::Ordering,
    /// The most tools one file lists before it is split.
    threshold: usize,
}

impl Files<'_> {
    /// Writes the file of `prefix` for `words` (sorted, all starting with it), split further by
    /// the next letter when it would list too many tools.
    fn split(&self, words: &[(&String, &Vec<usize>)], prefix: String, out: &mut BTreeMap<String, NameChunk>) {
        if words.is_empty() {
            return;
        }
        let postings: usize = words.iter().map(|(_, t)| t.len().min(MAX_POSTINGS)).sum();
        let mut chunk = NameChunk {
            api: super::API_VERSION,
            version: self.version.to_string(),
            key: prefix.clone(),
            ..NameChunk::default()
        };
        let mut slot: FxHashMap<usize, u32> = FxHashMap::default();
        let mut list = |chunk: &mut NameChunk, tools: &[usize]| -> Vec<u32> {
            tools
                .iter()
                .map(|&t| {
                    *slot.entry(t).or_insert_with(|| {
                        chunk.tools.push(self.entries[t].clone());
                        (chunk.tools.len() - 1) as u32
                    })
                })
                .collect()
        };
        let longer = words.iter().any(|(w, _)| w.len() > prefix.len());
        if postings <= self.threshold || !longer {
            for (word, tools) in words {
                let kept = &tools[..tools.len().min(MAX_POSTINGS)];
                if kept.len() < tools.len() {
                    chunk.capped.push((*word).clone());
                }
                let postings = list(&mut chunk, kept);
                chunk.words.insert((*word).clone(), postings);
            }
            out.insert(prefix, chunk);
            return;
        }
        // A summary for a query that stops here: the word equal to the prefix first, then the
        // first tools of the others by name.
        let (exact, longer): (Vec<_>, Vec<_>) = words.iter().partition(|(w, _)| w.len() == prefix.len());
        let mut rest: Vec<usize> = longer.iter().flat_map(|(_, t)| t.iter().copied()).collect();
        rest.sort_by(self.order);
        rest.dedup();
        let mut first: Vec<usize> = exact.iter().flat_map(|(_, t)| t.iter().copied()).collect();
        let exact_tools: std::collections::BTreeSet<usize> = first.iter().copied().collect();
        first.extend(rest.into_iter().filter(|t| !exact_tools.contains(t)).take(MAX_POSTINGS));
        first.truncate(MAX_POSTINGS);
        let postings = list(&mut chunk, &first);
        chunk.words.insert(prefix.clone(), postings);
        chunk.capped.push(prefix.clone());
        out.insert(prefix.clone(), chunk);
        let mut start = 0;
        while start < longer.len() {
            let next = longer[start].0[prefix.len()..].chars().next().unwrap_or_default();
            let key = format!("{prefix}{next}");
            let end = start + longer[start..].partition_point(|(w, _)| w.starts_with(key.as_str()));
            self.split(&longer[start..end.max(start + 1)], key, out);
            start = end.max(start + 1);
        }
    }
}
