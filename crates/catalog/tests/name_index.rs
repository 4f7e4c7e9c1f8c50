//! The pickers' name index: a query finds in its name file what the pickers find over the whole
//! catalogue, with case and accents folded, and the files stay small at any size.

use verdicts_catalog::search::rank;
use verdicts_catalog::site_data::{
    build, file_of, is_split, query_words, search, words_of, Entry, Lookup, SiteData, MAX_FILE_POSTINGS,
};

mod common;
use common::{generated, seed};

/// What the name files find for a query, with every file at hand.
fn found(data: &SiteData, query: &str) -> Vec<String> {
    match search(query, &data.manifest.names, |k| data.names.get(k)) {
        Lookup::Found(entries) => entries.into_iter().map(|e| e.id.clone()).collect(),
        Lookup::Needs(key) => panic!("every file is at hand, yet {key} is needed"),
    }
}

#[test]
fn a_query_finds_in_its_name_file_what_the_pickers_find_by_word() {
    for tools in [300, 2000, 6000] {
        let catalog = generated(tools, 2);
        let data = build(&catalog, false, None);
        let entries: Vec<Entry> = catalog.tools().iter().enumerate().map(|(n, t)| Entry::of(n, t)).collect();
        let mut queries: Vec<String> = Vec::new();
        for t in catalog.tools().iter().step_by(tools / 20) {
            queries.push(t.name.clone());
            queries.push(t.name.to_uppercase());
            queries.push(t.name.chars().take(3).collect());
            queries.extend(t.vendor.clone());
            queries.push(format!("{} {}", t.category, t.name.split(' ').next_back().unwrap_or("")));
        }
        queries.extend(["zzzz".to_string(), "a".to_string(), "  ".to_string()]);
        for query in queries {
            let got = found(&data, &query);
            let words = query_words(&query);
            if words.is_empty() {
                assert!(got.is_empty());
                continue;
            }
            // The word whose file is read: the longest that lists all its tools there.
            let keys = &data.manifest.names;
            let used = words.iter().find(|w| match file_of(w, keys) {
                None => true,
                Some(key) if is_split(key, keys) => key.len() < w.len(),
                Some(key) => data.names.get(key).is_none_or(|c| !c.capped.iter().any(|x| x.starts_with(w.as_str()))),
            });
            // The reference: the pickers' rank over the whole catalogue, of the tools with a word
            // starting with that word.
            let reference = |word: &str| -> Vec<String> {
                let has_word = |i: usize| words_of(&entries[i]).iter().any(|w| w.starts_with(word));
                rank(&catalog, &query)
                    .into_iter()
                    .filter(|&i| has_word(i))
                    .map(|i| catalog.tools()[i].id.clone())
                    .collect()
            };
            match used {
                Some(word) => assert_eq!(got, reference(word), "{tools} tools, {query:?}"),
                None => {
                    let all = reference(&words[0]);
                    assert!(got.iter().all(|id| all.contains(id)), "{query:?}");
                    assert!(!got.is_empty() || all.is_empty(), "{query:?}");
                }
            }
        }
    }
}

#[test]
fn accents_and_case_find_the_same_tools() {
    let data = build(&seed(), true, None);
    assert!(!found(&data, "mistral").is_empty());
    assert_eq!(found(&data, "MÍSTRAL"), found(&data, "mistral"));
    assert_eq!(found(&data, "developer tools").len(), 4, "the category matches");
    assert!(found(&data, "zzz").is_empty());
}

#[test]
fn name_files_stay_small_at_any_size() {
    for tools in [4, 300, 6000, 30_000] {
        let data = build(&generated(tools, 1), false, None);
        let keys = &data.manifest.names;
        assert_eq!(keys.first().map(String::as_str), Some(""), "the empty prefix's file: {tools} tools");
        for (key, chunk) in &data.names {
            let listed: usize = chunk.words.values().map(Vec::len).sum();
            assert!(listed <= (tools * 8).max(MAX_FILE_POSTINGS), "{tools} tools: {key:?} lists {listed}");
            if is_split(key, keys) {
                assert_eq!(chunk.words.len(), 1, "a split file is a summary");
            }
        }
        // Every word of every tool leads to a file that has it, or to a summary of its prefix.
        for t in data.shards.iter().flat_map(|s| &s.tools).step_by(7) {
            for word in words_of(&Entry::of(t.n as usize, &t.tool)) {
                let key = file_of(&word, keys).unwrap_or_else(|| panic!("no file for {word}"));
                let chunk = &data.names[key];
                assert!(chunk.words.contains_key(&word) || (is_split(key, keys) && key == word), "{word} in {key:?}");
            }
        }
    }
}
