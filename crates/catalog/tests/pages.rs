//! The published pages: which pairs get one, the canonical order, the folder names, reading a
//! folder back, where a view state is shown, and the words that describe a page.

mod common;
use common::seed;

use proptest::prelude::*;
use verdicts_catalog::bundle::Catalog;
use verdicts_catalog::pages::{description, ids_from_path, image_alt, location_for, page_path, title, Location, Pages};
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
fn a_small_bundle_gets_a_page_for_every_pair_in_both_orders() {
    let c = fixture();
    let pages = Pages::new(&c, true);
    // 6 tools: 15 pairs, each in two orders; the default pair's canonical page is the index.
    assert_eq!(pages.all().len(), 30);
    assert_eq!(pages.all().iter().filter(|p| p.is_canonical()).count(), 15);
    let index = &pages.all()[0];
    assert_eq!(
        (index.path.as_str(), index.first, index.second),
        ("", index_of(&c, "kestrel-7"), index_of(&c, "tokyo-lm"))
    );
    let reversed = pages.of_pair(index_of(&c, "tokyo-lm"), index_of(&c, "kestrel-7")).expect("reversed default");
    assert_eq!((reversed.path.as_str(), reversed.canonical.as_str()), ("tokyo-lm-vs-kestrel-7/", ""));
}

#[test]
fn the_canonical_order_is_the_featured_order_else_the_ids_in_alphabetical_order() {
    let c = fixture();
    let pages = Pages::new(&c, true);
    // Featured as ["eclair-api", "tokyo-lm"].
    let featured = pages.of_pair(index_of(&c, "tokyo-lm"), index_of(&c, "eclair-api")).expect("page");
    assert_eq!(featured.canonical, "eclair-api-vs-tokyo-lm/");
    assert_eq!(featured.path, "tokyo-lm-vs-eclair-api/");
    // Featured as ["nimbus-agent", "quill-notes"], and not featured: alphabetical.
    let quill = pages.of_pair(index_of(&c, "quill-notes"), index_of(&c, "nimbus-agent")).expect("page");
    assert_eq!(quill.canonical, "nimbus-agent-vs-quill-notes/");
    let orbit = pages.of_pair(index_of(&c, "orbit-search"), index_of(&c, "kestrel-7")).expect("page");
    assert_eq!(orbit.canonical, "kestrel-7-vs-orbit-search/");
    assert!(!orbit.is_canonical());
}

#[test]
fn a_large_bundle_gets_pages_for_its_featured_pairs_only() {
    let c = fixture();
    let pages = Pages::new(&c, false);
    let paths: Vec<&str> = pages.all().iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "",
            "tokyo-lm-vs-kestrel-7/",
            "eclair-api-vs-tokyo-lm/",
            "tokyo-lm-vs-eclair-api/",
            "nimbus-agent-vs-quill-notes/",
            "quill-notes-vs-nimbus-agent/"
        ]
    );
    assert!(pages.of_pair(index_of(&c, "kestrel-7"), index_of(&c, "orbit-search")).is_none());
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
    // A page of a tool the served bundle no longer has still names it (and resolves to the
    // default pair with a notice).
    assert_eq!(ids_from_path("gone-vs-tokyo-lm/", &c), Some(("gone".into(), "tokyo-lm".into())));
    let pages = Pages::new(&c, true);
    for page in pages.all().iter().filter(|p| !p.path.is_empty()) {
        let (a, b) = ids_from_path(&page.path, &c).expect("a pair");
        assert_eq!((c.tool_index(&a), c.tool_index(&b)), (Some(page.first), Some(page.second)));
        assert_eq!(pages.of_pair(page.first, page.second), Some(page), "the folder reads back as its own page");
    }
}

#[test]
fn a_state_is_shown_on_its_page_with_the_rest_in_the_query() {
    let c = fixture();
    let pages = Pages::new(&c, true);
    let mut s = state("eclair-api", "tokyo-lm");
    s.roles = RoleSelection::Only(vec!["buyer".into()]);
    assert_eq!(
        location_for(&s, &pages, &c, None),
        Location { path: "eclair-api-vs-tokyo-lm/".into(), query: "?roles=buyer".into() }
    );
    assert_eq!(location_for(&state("kestrel-7", "tokyo-lm"), &pages, &c, None), Location::default());
    assert_eq!(Location::default().url(""), "./");
    assert_eq!(Location::default().url("https://x.example/c/"), "https://x.example/c/");
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
    /// Whatever the order asked for, a pair with a page has exactly one canonical page, and
    /// both orders name it.
    #[test]
    fn every_pair_has_one_canonical_page(a in 0usize..6, b in 0usize..6) {
        prop_assume!(a != b);
        let c = fixture();
        let pages = Pages::new(&c, true);
        let (ab, ba) = (pages.of_pair(a, b).expect("page"), pages.of_pair(b, a).expect("page"));
        prop_assert_eq!(&ab.canonical, &ba.canonical);
        prop_assert!(ab.is_canonical() != ba.is_canonical());
        prop_assert_eq!((ab.first, ab.second), (a, b));
    }
}
