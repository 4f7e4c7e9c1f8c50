//! Writing the name files: the words of every tool, split like a trie within the file budget.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use super::{words_of, NameChunk, MAX_FILE_POSTINGS, MAX_POSTINGS};
use crate::fold::fold;
use crate::site_data::Entry;

/// The name files of a catalogue's entries, by key: at most `max_files` of them, each as small
/// as that allows (the split threshold starts at [`MAX_FILE_POSTINGS`] tools a file and doubles
/// until the files fit the budget).
pub(in crate::site_data) fn chunks(entries: &[Entry], version: &str, max_files: usize) -> BTreeMap<String, NameChunk> {
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
            api: crate::site_data::API_VERSION,
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
