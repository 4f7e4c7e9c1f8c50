//! A tool's page: its title and descriptions from its own figures, the featured comparisons it
//! is in, and its alternatives, the same from the whole catalogue (publishing) as from what a
//! visit to the page reads (the entry point and the tool's own data).

mod common;

use verdicts_catalog::bundle::figures::PanelShare;
use verdicts_catalog::bundle::Catalog;
use verdicts_catalog::pages::{
    featured_with, panel_words, tool_alternatives, tool_description, tool_image_alt, tool_location, tool_title,
    Alternatives, ALTERNATIVES_LIMIT,
};
use verdicts_catalog::site_data::{build, partial_catalog, Shard, ShardTools, API_VERSION};
use verdicts_catalog::view_state::{RoleSelection, Theme, ViewState};

fn fixture() -> Catalog {
    common::load("tests/fixtures/publish/bundle.json")
}

#[test]
fn the_title_and_descriptions_come_from_the_tools_own_figures() {
    let mut bundle = fixture().bundle.clone();
    let eclair = 2;
    assert_eq!(bundle.tools[eclair].id, "eclair-api");
    bundle.tools[eclair].community.ship = 6;
    bundle.tools[eclair].community.skip = 3;
    let c = Catalog::new(bundle.clone()).unwrap_or_else(|e| panic!("valid: {e}"));
    assert_eq!(tool_title(&c, eclair), "Éclair API — verdicts, pricing and reviews");
    // 9 votes: under the bundle's minimum of 10, so the community is not described.
    assert_eq!(
        tool_description(&c, eclair),
        "Éclair API by Éclair SAS: 3 of 4 reviewers ship (75 %). Entry: Freemium. Pricing, reviews by role and alternatives."
    );
    bundle.tools[eclair].community.skip = 4;
    let c = Catalog::new(bundle).unwrap_or_else(|e| panic!("valid: {e}"));
    assert_eq!(
        tool_description(&c, eclair),
        "Éclair API by Éclair SAS: 3 of 4 reviewers ship (75 %). Entry: Freemium. Community: 60 % ship (10 votes). \
         Pricing, reviews by role and alternatives."
    );
    assert_eq!(tool_image_alt(&c, eclair), "Éclair API on Verdicts: 3 of 4 reviewers ship (75 %). Entry: Freemium.");
    let orbit = common::tool(&c, "orbit-search");
    assert_eq!(
        tool_description(&c, orbit),
        "Orbit Search by Orbit: not reviewed by the panel yet. Entry: Paid. Pricing, reviews by role and alternatives."
    );
    assert_eq!(tool_image_alt(&c, orbit), "Orbit Search on Verdicts: Not reviewed by the panel yet. Entry: Paid.");
    assert_eq!(panel_words(PanelShare { ship: 1, total: 1 }), "1 of 1 reviewer ships");
    assert_eq!(panel_words(PanelShare { ship: 0, total: 3 }), "0 of 3 reviewers ship");
}

#[test]
fn a_tool_is_in_the_featured_pairs_that_name_it_either_way() {
    let c = fixture();
    let (eclair, tokyo, kestrel) = (common::tool(&c, "eclair-api"), common::tool(&c, "tokyo-lm"), 0);
    assert_eq!(featured_with(&c, tokyo), vec![(tokyo, eclair)]);
    assert_eq!(featured_with(&c, eclair), vec![(eclair, tokyo)]);
    assert!(featured_with(&c, kestrel).is_empty());
}

#[test]
fn a_tool_page_lists_the_same_alternatives_from_its_own_data_as_from_the_whole_catalogue() {
    let catalog = common::generated(300, 4);
    let ranking = Alternatives::new(&catalog);
    let data = build(&catalog, false, None);
    let shard_tools = ShardTools::new(&catalog);
    for tool in (0..300).step_by(23) {
        let whole = tool_alternatives(&catalog, Some(&ranking), tool);
        assert_eq!(whole.len(), ALTERNATIVES_LIMIT);
        assert!(!whole.contains(&tool));
        assert_eq!(whole, ranking.of(tool, ALTERNATIVES_LIMIT));
        // What the tool's page carries: the tool as a shard of its own, with the entry point.
        let page = Shard {
            api: API_VERSION,
            version: data.manifest.version.clone(),
            shard: u32::MAX,
            tools: shard_tools.tool(tool).into_iter().collect(),
        };
        let visit = partial_catalog(&data.manifest, [&page]).unwrap_or_else(|e| panic!("valid: {e}"));
        let own = visit.tool_index(&catalog.tools()[tool].id).unwrap_or_else(|| panic!("the page's tool is in"));
        let ids = |c: &Catalog, list: Vec<usize>| list.into_iter().map(|t| c.tools()[t].id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&visit, tool_alternatives(&visit, None, own)), ids(&catalog, whole));
    }
}

#[test]
fn a_tool_page_keeps_the_roles_workload_and_theme_in_its_query() {
    let state = ViewState {
        first: Some("a".into()),
        second: Some("b".into()),
        roles: RoleSelection::Only(vec!["builder".into()]),
        theme: Theme::Dark,
        input: Some("50M".into()),
        ..ViewState::default()
    };
    let location = tool_location("kestrel-7", &state);
    assert_eq!(location.path, "tools/kestrel-7/");
    assert_eq!(location.query, "?roles=builder&in=50M&theme=dark");
}

#[test]
fn a_pair_with_a_tool_not_read_yet_is_shown_at_its_canonical_folder() {
    use verdicts_catalog::pages::{location_for, Pages};
    let catalog = common::generated(300, 4);
    let data = build(&catalog, false, None);
    let shard_tools = ShardTools::new(&catalog);
    let page = Shard {
        api: API_VERSION,
        version: data.manifest.version.clone(),
        shard: u32::MAX,
        tools: shard_tools.tool(10).into_iter().collect(),
    };
    let visit = partial_catalog(&data.manifest, [&page]).unwrap_or_else(|e| panic!("valid: {e}"));
    let (own, far) = (catalog.tools()[10].id.clone(), catalog.tools()[200].id.clone());
    assert!(visit.tool_index(&far).is_none(), "the other tool is not read");
    let pages = Pages::rule(&visit);
    let state = |a: &str, b: &str| ViewState { first: Some(a.into()), second: Some(b.into()), ..ViewState::default() };
    let here = Some("tools/x/");
    // Its ids in alphabetical order; the reversed order at the same folder with the order in the query.
    let at = location_for(&state(&own, &far), &pages, &visit, here);
    assert_eq!((at.path.as_str(), at.query.as_str()), ("tool-00010-vs-tool-00200/", ""));
    let at = location_for(&state(&far, &own), &pages, &visit, here);
    assert_eq!(at.path, "tool-00010-vs-tool-00200/");
    assert_eq!(at.query, "?a=tool-00200&b=tool-00010");
    // Only the index linked to: the query.
    let index = Pages::index_only(&visit);
    assert_eq!(location_for(&state(&own, &far), &index, &visit, here).path, "");
}
