//! The read API's files: every tool in one shard, stable shards, a visit's partial catalogue
//! giving the same comparisons as the whole one, the files reading back (the name index:
//! name_index.rs).

use std::collections::BTreeSet;

use verdicts_catalog::bundle::generate::generate;
use verdicts_catalog::bundle::Catalog;
use verdicts_catalog::pages::{
    location_for, pair_state, related, Alternatives, Pages, ALTERNATIVES_LIMIT, RELATED_LIMIT,
};
use verdicts_catalog::site_data::{
    build, partial_catalog, shard_count, shard_of, Manifest, NameChunk, Shard, SiteData, MAX_POSTINGS,
};

mod common;
use common::{generated, seed};

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
        let whole_pages = Pages::rule(&catalog);
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
            let part_pages = Pages::rule(&part);
            let paths = |c: &Catalog, p: &Pages| {
                let mut v: Vec<(String, String, String)> =
                    p.all().iter().map(|p| (id(c, p.first), id(c, p.second), p.path.clone())).collect();
                v.sort();
                v
            };
            assert_eq!(paths(&part, &part_pages), paths(&catalog, &whole_pages), "the pages a visit links to");
            // The related comparisons link to the same places.
            let places = |c: &Catalog, p: &Pages, pairs: Vec<(usize, usize)>| {
                pairs.into_iter().map(|(x, y)| location_for(&pair_state(c, x, y), p, c, None)).collect::<Vec<_>>()
            };
            assert_eq!(
                places(&part, &part_pages, related(&part, pa, pb, RELATED_LIMIT)),
                places(&catalog, &whole_pages, related(&catalog, a, b, RELATED_LIMIT)),
                "where the related comparisons of {a} and {b} link"
            );
            // A tool's alternatives, as its shard lists them, are the whole catalogue's.
            let alternatives = Alternatives::new(&catalog);
            let listed: Vec<String> =
                part.listed_alternatives(pa).unwrap_or_default().iter().map(|&i| id(&part, i)).collect();
            let ranked: Vec<String> =
                alternatives.of(a, ALTERNATIVES_LIMIT).into_iter().map(|i| id(&catalog, i)).collect();
            assert_eq!(listed, ranked, "the alternatives of {a}");
        }
    }
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
