//! `Pair`'s actions under a reactive owner, without a browser, recorded by `Navigation` (which
//! natively only keeps the location): what each action writes is the location a visitor would
//! share.

use std::sync::Arc;

use leptos::prelude::*;
use verdicts::data::Shared;
use verdicts::navigation::Navigation;
use verdicts::pair::Pair;
use verdicts_catalog::bundle::Catalog;
use verdicts_catalog::pages::{Location, Pages};
use verdicts_catalog::view_state::Side;

/// The catalogue's test copy of the default bundle.
fn seed() -> Catalog {
    let text = include_str!("../crates/catalog/tests/fixtures/seed.json");
    Catalog::from_text(text).unwrap_or_else(|e| panic!("the test bundle does not load: {e}"))
}

fn shared(catalog: &Arc<Catalog>) -> Memo<Shared<Catalog>> {
    let catalog = catalog.clone();
    Memo::new(move |_| Shared(catalog.clone()))
}

fn tool(catalog: &Catalog, id: &str) -> usize {
    catalog.tool_index(id).unwrap_or_else(|| panic!("no tool {id}"))
}

#[test]
fn actions_write_the_location_a_visitor_would_share() {
    let c = Arc::new(seed());
    let owner = Owner::new();
    owner.with(|| {
        let nav = Navigation::at(String::new(), Location::default());
        let pages = Arc::new(Pages::rule(&c));
        let catalog = shared(&c);
        let pair = Pair::new(catalog, nav, Memo::new(move |_| Shared(pages.clone())), None).expect("a pair");
        let o3 = tool(&c, "openai-o3-pro-api");
        pair.pick(Side::Second, "openai-o3-pro-api");
        assert_eq!(
            nav.location(),
            Location { path: "mistral-8x22b-instruct-v2-vs-openai-o3-pro-api/".into(), query: String::new() }
        );
        pair.toggle_role(3);
        assert_eq!(nav.location().query, "?roles=buyer");
        assert_eq!(pair.view.with(|v| v.role_on.clone()), vec![false, false, false, true]);
        // The swapped order of a pair that is not featured: the same folder, the order in the query.
        pair.swap();
        assert_eq!(nav.location().path, "mistral-8x22b-instruct-v2-vs-openai-o3-pro-api/");
        assert_eq!(
            nav.location().query,
            "?a=openai-o3-pro-api&b=mistral-8x22b-instruct-v2&roles=buyer",
            "the filter stays"
        );
        assert_eq!(pair.tools.get(), (o3, tool(&c, "mistral-8x22b-instruct-v2")));
        pair.swap();
        pair.show_all_roles();
        assert_eq!(nav.location().query, "");
        // Without published pages the pair goes in the index's query.
        let nav = Navigation::at(String::new(), Location::default());
        let pages = Arc::new(Pages::index_only(&c));
        let pair = Pair::new(catalog, nav, Memo::new(move |_| Shared(pages.clone())), None).expect("a pair");
        pair.pick(Side::First, "openai-o3-pro-api");
        assert_eq!(
            nav.location(),
            Location { path: String::new(), query: "?a=openai-o3-pro-api&b=openai-o4-api".into() }
        );
        assert_eq!(pair.tools.get(), (o3, tool(&c, "openai-o4-api")));
    });
}
