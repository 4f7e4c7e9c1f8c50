//! What the visitor's actions do to the view state: the pure transitions of `view_state` (the
//! app's `Pair` applies them under a reactive owner; its tests are the app's `tests/pair.rs`).

mod common;

use verdicts_catalog::view_state::{pick, resolve, selection, toggle_role, RoleSelection, Side, ViewState};

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
