//! The read API's files: every tool in one shard, stable shards, a visit's partial catalogue
//! giving the same comparisons as the whole one, and the name files finding what the pickers do.

use std::collections::BTreeSet;

use verdicts_catalog::bundle::generate::generate;
use verdicts_catalog::bundle::Catalog;
use verdicts_catalog::pages::{related, Pages, RELATED_LIMIT};
use verdicts_catalog::search::rank;
use verdicts_catalog::site_data::{
    build, file_of, is_split, partial_catalog, query_words, search, shard_count, shard_of, words_of, Entry, Lookup,
    Manifest, NameChunk, Shard, SiteData, MAX_FILE_POSTINGS, MAX_POSTINGS,
};

mod common;
use common::seed;

fn generated(tools: usize, roles: usize) -> Catalog {
    match Catalog::new(generate(tools, roles, 11)) {
        Ok(c) => c,
        Err(e) => panic!("the generated bundle is valid: {e}"),
    }
}

#[test]
fn every_tool_is_in_exactly_the_shard_its_id_names() {
    for catalog in [seed(), generated(2000, 4)] {
        let data = build(&catalog, false, None);
        assert_eq!(data.shards.len() as u32, data.manifest.shards);
        let mut seen = BTreeSet::new();
        for shard in &data.shards {
            let places: Vec<u32> = shard.tools.iter().map(|t| t.n).collect();
            assert!(places.windows(2).all(|w| w[0] < w[1]), "a shard's tools are in bundle order");
            for t in &shard.tools {
                assert_eq!(shard_of(&t.tool.id, data.manifest.shards), shard.shard);
                assert!(seen.insert(t.tool.id.clone()), "{} is in two shards", t.tool.id);
                assert_eq!(catalog.tools()[t.n as usize], t.tool);
            }
        }
        assert_eq!(seen.len(), catalog.tools().len(), "every tool is in a shard");
    }
}

#[test]
fn the_data_adds_fewer_files_than_one_per_16_tools() {
    for tools in [300, 2000, 20_000] {
        let data = build(&generated(tools, 2), false, None);
        let files = data.shards.len() + data.names.len() + 1;
        assert!(files * 16 <= tools, "{tools} tools: {files} files");
    }
}

#[test]
fn shards_stay_put_while_the_catalogue_grows() {
    let ids: Vec<String> = (0..5000).map(|i| format!("tool-{i:05}")).collect();
    // The same number of shards: every tool where it was.
    let count = shard_count(3984);
    assert_eq!(count, shard_count(4007));
    // One shard more: only about one tool in (shards + 1) moves, each to the new shard.
    let moved: Vec<&String> = ids.iter().filter(|id| shard_of(id, count) != shard_of(id, count + 1)).collect();
    assert!(moved.iter().all(|id| shard_of(id, count + 1) == count));
    assert!(moved.len() < ids.len() * 2 / (count as usize + 1), "{} of {} moved", moved.len(), ids.len());
    // A tool changed: its shard and name are the same.
    let mut bundle = generate(300, 3, 5);
    let before = build(&checked(bundle.clone()), false, None);
    bundle.tools[7].tagline = "Changed".into();
    let after = build(&checked(bundle), false, None);
    for (x, y) in before.shards.iter().zip(&after.shards) {
        let ids = |s: &Shard| s.tools.iter().map(|t| t.tool.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(x), ids(y));
    }
}

fn checked(bundle: verdicts_catalog::bundle::Bundle) -> Catalog {
    match Catalog::new(bundle) {
        Ok(c) => c,
        Err(e) => panic!("valid: {e}"),
    }
}

/// What a visit to the pair `a`, `b` reads: the entry point and the two tools' shards.
fn visit(data: &SiteData, catalog: &Catalog, a: usize, b: usize) -> Catalog {
    let wanted: BTreeSet<u32> =
        [a, b].iter().map(|&i| shard_of(&catalog.tools()[i].id, data.manifest.shards)).collect();
    let shards = data.shards.iter().filter(|s| wanted.contains(&s.shard));
    match partial_catalog(&data.manifest, shards) {
        Ok(c) => c,
        Err(e) => panic!("the partial catalogue is valid: {e}"),
    }
}

#[test]
fn a_visit_shows_the_same_pair_links_and_related_comparisons_as_the_whole_catalogue() {
    let mut featured = generate(400, 3, 9);
    featured.featured = Some(verdicts_catalog::bundle::Featured {
        default: Some([featured.tools[3].id.clone(), featured.tools[9].id.clone()]),
        pairs: vec![
            [featured.tools[3].id.clone(), featured.tools[20].id.clone()],
            [featured.tools[150].id.clone(), featured.tools[9].id.clone()],
        ],
    });
    for (catalog, all_pairs) in [(seed(), true), (generated(30, 3), true), (checked(featured), false)] {
        let data = build(&catalog, all_pairs, None);
        let whole_pages = Pages::new(&catalog, all_pairs);
        let n = catalog.tools().len();
        for (a, b) in (0..n).step_by(7.max(n / 25)).flat_map(|a| (0..n).step_by(11.max(n / 20)).map(move |b| (a, b))) {
            let part = visit(&data, &catalog, a, b);
            let id = |c: &Catalog, i: usize| c.tools()[i].id.clone();
            let at = |i: usize| part.tool_index(&catalog.tools()[i].id).unwrap_or(usize::MAX);
            let (pa, pb) = (at(a), at(b));
            assert!(part.is_whole(pa) && part.is_whole(pb), "the pair's tools are whole");
            assert_eq!(part.tools()[pa], catalog.tools()[a]);
            for r in 0..catalog.roles().len() {
                assert_eq!(part.review(pa, r), catalog.review(a, r));
            }
            let names = |c: &Catalog, pairs: Vec<(usize, usize)>| {
                pairs.into_iter().map(|(x, y)| (id(c, x), id(c, y), c.tools()[x].name.clone())).collect::<Vec<_>>()
            };
            assert_eq!(
                names(&part, related(&part, pa, pb, RELATED_LIMIT)),
                names(&catalog, related(&catalog, a, b, RELATED_LIMIT)),
                "related comparisons of {a} and {b}"
            );
            let part_pages = Pages::new(&part, all_pairs);
            let paths = |c: &Catalog, p: &Pages| {
                let mut v: Vec<(String, String, String)> =
                    p.all().iter().map(|p| (id(c, p.first), id(c, p.second), p.path.clone())).collect();
                v.sort();
                v
            };
            assert_eq!(paths(&part, &part_pages), paths(&catalog, &whole_pages), "the pages a visit links to");
        }
    }
}

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
fn the_files_read_back_as_written() -> Result<(), serde_json::Error> {
    let data = build(&generated(300, 3), false, Some("bundle.json"));
    let manifest: Manifest = serde_json::from_str(&serde_json::to_string(&data.manifest)?)?;
    assert_eq!(manifest, data.manifest);
    for shard in &data.shards {
        assert_eq!(&serde_json::from_str::<Shard>(&serde_json::to_string(shard)?)?, shard);
    }
    for chunk in data.names.values() {
        assert_eq!(&serde_json::from_str::<NameChunk>(&serde_json::to_string(chunk)?)?, chunk);
        assert!(chunk.words.values().all(|p| p.len() <= MAX_POSTINGS));
    }
    Ok(())
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

#[test]
fn a_tool_read_twice_counts_once() {
    let catalog = seed();
    let data = build(&catalog, true, None);
    let page = verdicts_catalog::site_data::ShardTools::new(&catalog).page(&data.manifest.version, 0, 1);
    let both = partial_catalog(&data.manifest, [&page].into_iter().chain(&data.shards));
    match both {
        Ok(c) => assert!((0..c.tools().len()).all(|i| c.is_whole(i)), "every tool is whole"),
        Err(e) => panic!("the page's tools and their shard make one catalogue: {e}"),
    }
}
