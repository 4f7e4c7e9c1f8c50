//! The published pages: which pairs get one, the canonical order, the folder names, reading a
//! folder back, where a view state is shown, and the words that describe a page.

mod common;
use common::seed;

use proptest::prelude::*;
use verdicts_catalog::bundle::generate::generate;
use verdicts_catalog::bundle::Catalog;
use verdicts_catalog::pages::{
    canonical_order, description, ids_from_path, image_alt, location_for, page_path, pair_state, title,
    tool_id_from_path, tool_path, Alternatives, Location, Page, Pages, ALTERNATIVES_LIMIT, DEFAULT_MAX_PAGES,
};
use verdicts_catalog::view_state::{RoleSelection, ViewState};

fn fixture() -> Catalog {
    common::load("tests/fixtures/publish/bundle.json")
}

fn index_of(c: &Catalog, id: &str) -> usize {
    common::tool(c, id)
}

fn state(a: &str, b: &str) -> ViewState {
    ViewState { first: Some(a.into()), second: Some(b.into()), ..ViewState::default() }
}

#[test]
fn a_small_bundle_gets_a_page_for_every_pair_in_canonical_order() {
    let c = fixture();
    let pages = Pages::plan(&c, DEFAULT_MAX_PAGES);
    // 6 tools: 15 pairs, each once in canonical order; the default pair's canonical page is the
    // index, which also has its folder and its reversed order; the featured pairs have both orders.
    let canonical: Vec<&Page> = pages.all().iter().filter(|p| p.is_canonical()).collect();
    assert_eq!(canonical.len(), 15);
    assert_eq!(pages.all().len(), 15 + 2 + 2);
    let index = &pages.all()[0];
    assert_eq!(
        (index.path.as_str(), index.first, index.second),
        ("", index_of(&c, "kestrel-7"), index_of(&c, "tokyo-lm"))
    );
    let reversed = pages.of_pair(&c, index_of(&c, "tokyo-lm"), index_of(&c, "kestrel-7")).expect("reversed default");
    assert_eq!((reversed.path.as_str(), reversed.canonical.as_str()), ("tokyo-lm-vs-kestrel-7/", ""));
    assert!(pages.all().iter().any(|p| p.path == "kestrel-7-vs-tokyo-lm/" && p.canonical.is_empty()));
    // Every tool has a page.
    assert_eq!(pages.tools().len(), 6);
    assert_eq!(tool_path("kestrel-7"), "tools/kestrel-7/");
}

#[test]
fn the_canonical_order_is_the_featured_order_else_the_ids_in_alphabetical_order() {
    let c = fixture();
    let pages = Pages::plan(&c, DEFAULT_MAX_PAGES);
    // Featured as ["eclair-api", "tokyo-lm"]: both orders have a page.
    let featured = pages.of_pair(&c, index_of(&c, "tokyo-lm"), index_of(&c, "eclair-api")).expect("page");
    assert_eq!(featured.canonical, "eclair-api-vs-tokyo-lm/");
    assert_eq!(featured.path, "tokyo-lm-vs-eclair-api/");
    // Featured as ["nimbus-agent", "quill-notes"], and not featured: alphabetical.
    let quill = pages.of_pair(&c, index_of(&c, "quill-notes"), index_of(&c, "nimbus-agent")).expect("page");
    assert_eq!(quill.canonical, "nimbus-agent-vs-quill-notes/");
    let (orbit, kestrel) = (index_of(&c, "orbit-search"), index_of(&c, "kestrel-7"));
    assert_eq!(canonical_order(&c, orbit, kestrel), (kestrel, orbit));
    assert_eq!(pages.of_pair(&c, kestrel, orbit).map(|p| p.path), Some("kestrel-7-vs-orbit-search/".into()));
    // The reversed order of a pair that is not featured has no page of its own.
    assert_eq!(pages.of_pair(&c, orbit, kestrel), None);
    assert!(!pages.all().iter().any(|p| p.path == "orbit-search-vs-kestrel-7/"));
}

#[test]
fn a_budget_keeps_the_featured_pairs_then_each_tool_beside_its_closest_alternatives() {
    let c = fixture();
    let pages = Pages::plan(&c, 0);
    let paths: Vec<&str> = pages.all().iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "",
            "tokyo-lm-vs-kestrel-7/",
            "kestrel-7-vs-tokyo-lm/",
            "eclair-api-vs-tokyo-lm/",
            "tokyo-lm-vs-eclair-api/",
            "nimbus-agent-vs-quill-notes/",
            "quill-notes-vs-nimbus-agent/"
        ]
    );
    // Links still lead to any pair's canonical folder.
    let (kestrel, orbit) = (index_of(&c, "kestrel-7"), index_of(&c, "orbit-search"));
    assert_eq!(pages.of_pair(&c, kestrel, orbit).map(|p| p.path), Some("kestrel-7-vs-orbit-search/".into()));

    // A generated catalogue too large for every pair: exactly the budget, each pair once, and
    // the first round pairs every tool with its first alternative.
    let big = Catalog::new(generate(300, 3, 5)).expect("valid");
    let alternatives = Alternatives::new(&big);
    for budget in [0, 1, 299, 300, 1_000, 5_000] {
        let plan = Pages::plan(&big, budget);
        let canonical: Vec<&Page> = plan.all().iter().filter(|p| p.is_canonical()).collect();
        let fixed = Pages::rule(&big).all().iter().filter(|p| p.is_canonical()).count();
        let mut possible: std::collections::HashSet<(usize, usize)> = (0..300)
            .flat_map(|t| alternatives.of(t, ALTERNATIVES_LIMIT).into_iter().map(move |u| (t.min(u), t.max(u))))
            .collect();
        possible.extend(Pages::rule(&big).all().iter().map(|p| (p.first.min(p.second), p.first.max(p.second))));
        assert_eq!(canonical.len(), budget.max(fixed).min(possible.len()), "budget {budget}");
        let mut seen = std::collections::HashSet::new();
        for p in &canonical {
            assert!(seen.insert((p.first.min(p.second), p.first.max(p.second))), "{} twice", p.path);
            assert_eq!(canonical_order(&big, p.first, p.second), (p.first, p.second));
        }
        if budget >= 300 {
            for t in 0..300 {
                let first = alternatives.of(t, 1)[0];
                assert!(seen.contains(&(t.min(first), t.max(first))), "tool {t} beside its first alternative");
            }
        }
    }
}

#[test]
fn folders_are_named_after_both_ids_and_read_back_as_the_same_pair() {
    let c = fixture();
    assert_eq!(page_path("kestrel-7", "tokyo-lm"), "kestrel-7-vs-tokyo-lm/");
    for path in ["kestrel-7-vs-tokyo-lm/", "kestrel-7-vs-tokyo-lm", "/kestrel-7-vs-tokyo-lm/index.html"] {
        assert_eq!(ids_from_path(path, &c), Some(("kestrel-7".into(), "tokyo-lm".into())), "{path}");
    }
    assert_eq!(ids_from_path("", &c), None);
    assert_eq!(ids_from_path("index.html", &c), None);
    assert_eq!(ids_from_path("data/bundle.json", &c), None);
    assert_eq!(ids_from_path("tools/kestrel-7/", &c), None);
    assert_eq!(tool_id_from_path("tools/kestrel-7/"), Some("kestrel-7"));
    assert_eq!(tool_id_from_path("/tools/kestrel-7/index.html"), Some("kestrel-7"));
    assert_eq!(tool_id_from_path("tools/"), None);
    assert_eq!(tool_id_from_path("tools/a/b/"), None);
    assert_eq!(tool_id_from_path("kestrel-7-vs-tokyo-lm/"), None);
    // A page of a tool the served bundle no longer has still names it (and resolves to the
    // default pair with a notice).
    assert_eq!(ids_from_path("gone-vs-tokyo-lm/", &c), Some(("gone".into(), "tokyo-lm".into())));
    let pages = Pages::plan(&c, DEFAULT_MAX_PAGES);
    for page in pages.all().iter().filter(|p| !p.path.is_empty()) {
        let (a, b) = ids_from_path(&page.path, &c).expect("a pair");
        assert_eq!((c.tool_index(&a), c.tool_index(&b)), (Some(page.first), Some(page.second)));
        let linked = pages.of_pair(&c, page.first, page.second).expect("linked");
        assert!(linked.path == page.path || linked.path.is_empty(), "{} reads back as its pair", page.path);
    }
}

#[test]
fn a_state_is_shown_on_its_page_with_the_rest_in_the_query() {
    let c = fixture();
    let pages = Pages::rule(&c);
    let mut s = state("eclair-api", "tokyo-lm");
    s.roles = RoleSelection::Only(vec!["buyer".into()]);
    assert_eq!(
        location_for(&s, &pages, &c, None),
        Location { path: "eclair-api-vs-tokyo-lm/".into(), query: "?roles=buyer".into() }
    );
    assert_eq!(location_for(&state("kestrel-7", "tokyo-lm"), &pages, &c, None), Location::default());
    assert_eq!(Location::default().url(""), "./");
    assert_eq!(Location::default().url("https://x.example/c/"), "https://x.example/c/");
    // Any pair at its canonical folder; its reversed order there too, with the order in the query.
    assert_eq!(
        location_for(&state("kestrel-7", "orbit-search"), &pages, &c, None),
        Location { path: "kestrel-7-vs-orbit-search/".into(), query: String::new() }
    );
    let reversed = location_for(&state("orbit-search", "kestrel-7"), &pages, &c, Some("orbit-search-vs-kestrel-7/"));
    assert_eq!(
        reversed,
        Location { path: "kestrel-7-vs-orbit-search/".into(), query: "?a=orbit-search&b=kestrel-7".into() }
    );
    // Without pages (a page rendered from another bundle) the index's query holds the pair.
    let index_only = Pages::index_only(&c);
    let on_index = location_for(&state("eclair-api", "tokyo-lm"), &index_only, &c, None);
    assert_eq!(on_index, Location { path: String::new(), query: "?a=eclair-api&b=tokyo-lm".into() });
    // ... unless the page the visitor is on already shows that pair.
    let kept = location_for(&state("eclair-api", "tokyo-lm"), &index_only, &c, Some("eclair-api-vs-tokyo-lm/"));
    assert_eq!(kept.path, "eclair-api-vs-tokyo-lm/");
    // Unknown tools stay in the query, where they get their notice.
    assert_eq!(location_for(&state("nope", "tokyo-lm"), &pages, &c, None).query, "?a=nope&b=tokyo-lm");
}

#[test]
fn the_description_and_title_come_from_the_pairs_own_figures() {
    let c = seed();
    let (a, b) = (index_of(&c, "mistral-8x24b"), index_of(&c, "openai-o3-pro-api"));
    assert_eq!(
        description(&c, a, b),
        "Panel: Mistral 8x24B Mixture-of-Experts 100 % ship (4 of 4), OpenAI o3 Pro API 75 % (3 of 4). Pricing, reviewer split and community vote."
    );
    assert_eq!(title(&c, a, b), "Mistral 8x24B Mixture-of-Experts vs OpenAI o3 Pro API — Verdicts");
    let f = fixture();
    let (orbit, eclair) = (index_of(&f, "orbit-search"), index_of(&f, "eclair-api"));
    assert_eq!(
        description(&f, orbit, eclair),
        "Panel: Orbit Search not reviewed yet, Éclair API 75 % ship (3 of 4). Pricing, reviewer split and community vote."
    );
    assert_eq!(
        image_alt(&f, eclair, orbit),
        "Éclair API vs Orbit Search on Verdicts. Éclair API: 75 % of the panel say ship; Orbit Search: not reviewed yet."
    );
}

proptest! {
    /// Whatever the order asked for, a pair is shown at one folder.
    #[test]
    fn every_pair_has_one_canonical_page(a in 0usize..6, b in 0usize..6) {
        prop_assume!(a != b);
        let c = fixture();
        let pages = Pages::rule(&c);
        let (ab, ba) = (
            location_for(&pair_state(&c, a, b), &pages, &c, None),
            location_for(&pair_state(&c, b, a), &pages, &c, None),
        );
        // The same folder (or the index and the default pair's reversed page), and exactly one
        // order without the pair in its query.
        // (The default and featured pairs keep a page in each order.)
        let named = |l: &Location| pages.all().iter().any(|p| p.path == l.path);
        prop_assert!(ab.path == ba.path || (named(&ab) && named(&ba)), "{:?} {:?}", ab, ba);
        let shown_by_query = |l: &Location| l.query.contains("a=");
        prop_assert!(!(shown_by_query(&ab) && shown_by_query(&ba)));
    }
}
