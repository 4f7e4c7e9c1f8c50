//! What the visitor's actions do to the view state, without a browser: the pure transitions of
//! `view_state`, and `Pair`'s actions under a reactive owner, recorded by `Navigation` (which
//! natively only keeps the location).

mod common;

use std::sync::Arc;

use leptos::prelude::*;
use verdicts::navigation::Navigation;
use verdicts::pages::{Location, Pages};
use verdicts::pair::Pair;
use verdicts::view_state::{pick, resolve, selection, toggle_role, RoleSelection, Side, ViewState};

#[test]
fn picking_swaps_when_the_tool_is_on_the_other_side() {
    let c = common::seed();
    let view = resolve(&ViewState::default(), &c).expect("a view");
    let (a, b) = (view.first, view.second);
    let other = (0..c.tools().len()).find(|t| *t != a && *t != b).expect("a third tool");
    assert_eq!(pick(&view, Side::First, other), (other, b));
    assert_eq!(pick(&view, Side::Second, other), (a, other));
    assert_eq!(pick(&view, Side::First, b), (b, a));
    assert_eq!(pick(&view, Side::Second, a), (b, a));
}

#[test]
fn toggling_a_role_from_all_shows_it_alone_and_all_on_is_all() {
    let c = common::seed();
    let view = resolve(&ViewState::default(), &c).expect("a view");
    let on = toggle_role(&view, 1);
    assert_eq!(on, vec![false, true, false, false]);
    assert_eq!(selection(&c, &on), RoleSelection::Only(vec!["skeptic".into()]));
    assert_eq!(selection(&c, &[true; 4]), RoleSelection::All);
    assert_eq!(selection(&c, &[false; 4]), RoleSelection::Only(Vec::new()));
}

#[test]
fn actions_write_the_location_a_visitor_would_share() {
    let c = Arc::new(common::seed());
    let owner = Owner::new();
    owner.with(|| {
        let nav = Navigation::at(String::new(), Location::default());
        let pages = Arc::new(Pages::new(&c, true));
        let pair = Pair::new(c.clone(), nav, pages).expect("a pair");
        let o3 = common::tool(&c, "openai-o3-pro-api");
        pair.pick(Side::Second, o3);
        assert_eq!(
            nav.location(),
            Location { path: "mistral-8x22b-instruct-v2-vs-openai-o3-pro-api/".into(), query: String::new() }
        );
        pair.toggle_role(3);
        assert_eq!(nav.location().query, "?roles=buyer");
        assert_eq!(pair.view.with(|v| v.role_on.clone()), vec![false, false, false, true]);
        pair.swap();
        assert_eq!(nav.location().path, "openai-o3-pro-api-vs-mistral-8x22b-instruct-v2/");
        assert_eq!(nav.location().query, "?roles=buyer", "the filter stays");
        pair.show_all_roles();
        assert_eq!(nav.location().query, "");
        // Without published pages the pair goes in the index's query.
        let nav = Navigation::at(String::new(), Location::default());
        let pair = Pair::new(c.clone(), nav, Arc::new(Pages::index_only(&c))).expect("a pair");
        pair.pick(Side::First, o3);
        assert_eq!(
            nav.location(),
            Location { path: String::new(), query: "?a=openai-o3-pro-api&b=openai-o4-api".into() }
        );
        assert_eq!(pair.tools.get(), (o3, common::tool(&c, "openai-o4-api")));
    });
}
