//! Matching what a visitor types in a tool picker: case- and accent-insensitive, best first.

use crate::bundle::Catalog;

/// Latin-1 lowercase letters U+00E0..=U+00FF without their accents ('\0': keep the letter).
const LATIN1: &str = "aaaaaa\0ceeeeiiii\0nooooo\0ouuuuy\0y";
/// Latin Extended-A U+0100..=U+017F without their accents ('\0': keep the letter).
const LATIN_EXT_A: &str = "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii\0\0jjkkkllllllllllnnnnnnnnnoooooo\0\0rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

/// Lowercases and strips accents from Latin letters, and drops combining marks, so that
/// "Mistral", "MISTRAL" and "Místràl" compare equal.
///
/// ```
/// assert_eq!(verdicts::search::fold("Crème Brûlée"), "creme brulee");
/// ```
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// Appends `text`, folded as by [`fold`], to `out`. ASCII, most of any name, takes a short path.
pub fn fold_into(text: &str, out: &mut String) {
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        for c in c.to_lowercase() {
            let code = c as u32;
            // The tables are ASCII, so a byte index is a character index.
            let base = match code {
                0x300..=0x36f => continue,
                0xe0..=0xff => LATIN1.as_bytes().get((code - 0xe0) as usize),
                0x100..=0x17f => LATIN_EXT_A.as_bytes().get((code - 0x100) as usize),
                _ => None,
            };
            match base {
                Some(&b) if b != 0 => out.push(char::from(b)),
                _ => out.push(c),
            }
        }
    }
}

/// How well a tool matches: lower is better.
fn score(name: &str, other: &str, query: &str, words: &[&str]) -> Option<u8> {
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
