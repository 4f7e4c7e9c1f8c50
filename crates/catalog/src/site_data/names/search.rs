//! Searching the name files: the file a query reads, and its tools ranked as the pickers rank.

use super::{file_of, is_split, NameChunk};
use crate::fold::fold;
use crate::search::score;
use crate::site_data::Entry;

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
