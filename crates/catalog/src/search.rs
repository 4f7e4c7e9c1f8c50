//! Matching what a visitor types in a tool picker: case- and accent-insensitive, best first.

use crate::bundle::Catalog;
pub use crate::fold::{fold, fold_into};

/// How well a tool matches: lower is better.
pub(crate) fn score(name: &str, other: &str, query: &str, words: &[&str]) -> Option<u8> {
    let word_start = |hay: &str, needle: &str| {
        hay.match_indices(needle).any(|(i, _)| i == 0 || !hay[..i].ends_with(|c: char| c.is_alphanumeric()))
    };
    if name == query {
        Some(0)
    } else if name.starts_with(query) {
        Some(1)
    } else if word_start(name, query) {
        Some(2)
    } else if name.contains(query) {
        Some(3)
    } else if word_start(other, query) {
        Some(4)
    } else if other.contains(query) {
        Some(5)
    } else if words.len() > 1 && words.iter().all(|w| name.contains(w) || other.contains(w)) {
        Some(6)
    } else {
        None
    }
}

/// The tools matching `query`, best matches first, ties by name. An empty query lists every
/// tool by name.
pub fn rank(catalog: &Catalog, query: &str) -> Vec<usize> {
    let query = fold(query.trim());
    let words: Vec<&str> = query.split_whitespace().collect();
    let keys = catalog.search_keys();
    let mut hits: Vec<(u8, usize)> = keys
        .iter()
        .enumerate()
        .filter_map(|(i, key)| {
            if query.is_empty() {
                Some((0, i))
            } else {
                score(&key.name, &key.other, &query, &words).map(|s| (s, i))
            }
        })
        .collect();
    hits.sort_by(|(sa, a), (sb, b)| sa.cmp(sb).then_with(|| keys[*a].name.cmp(&keys[*b].name)).then(a.cmp(b)));
    hits.into_iter().map(|(_, i)| i).collect()
}
