//! What the visitor's actions do to the view state, as pure functions: picking a tool, swapping,
//! turning roles on and off. `Pair` applies them and `Navigation` records the result.

use super::{ResolvedView, RoleSelection, ViewState};
use crate::bundle::Catalog;

/// One of the two sides of the comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    First,
    Second,
}

/// The role selection that shows the roles marked on in `on`: all of them is "All roles".
pub fn selection(catalog: &Catalog, on: &[bool]) -> RoleSelection {
    if on.iter().all(|x| *x) {
        return RoleSelection::All;
    }
    RoleSelection::Only(catalog.roles().iter().zip(on).filter(|(_, on)| **on).map(|(r, _)| r.id.clone()).collect())
}

/// The role selection a resolved view shows.
pub fn shown_roles(catalog: &Catalog, view: &ResolvedView) -> RoleSelection {
    if view.all_roles {
        RoleSelection::All
    } else {
        selection(catalog, &view.role_on)
    }
}

/// The state that shows tools `first` and `second` with `roles`, keeping the embed flag, the
/// theme and the workload of `now`.
pub fn state_of(catalog: &Catalog, now: &ResolvedView, first: usize, second: usize, roles: RoleSelection) -> ViewState {
    state_of_ids(now, catalog.tool(first).map(|t| t.id.clone()), catalog.tool(second).map(|t| t.id.clone()), roles)
}

/// As [`state_of`], with the tools by id (tools whose data may not be in yet).
pub fn state_of_ids(
    now: &ResolvedView,
    first: Option<String>,
    second: Option<String>,
    roles: RoleSelection,
) -> ViewState {
    ViewState {
        first,
        second,
        roles,
        embed: now.embed,
        theme: now.theme,
        input: now.input.clone(),
        output: now.output.clone(),
    }
}

/// The pair after putting `tool` on `side`: picking the tool already on the other side swaps.
pub fn pick(view: &ResolvedView, side: Side, tool: usize) -> (usize, usize) {
    let (a, b) = (view.first, view.second);
    match side {
        Side::First if tool == b => (b, a),
        Side::First => (tool, b),
        Side::Second if tool == a => (b, a),
        Side::Second => (a, tool),
    }
}

/// As [`pick`], with the tools by id.
pub fn pick_id(shown: (&str, &str), side: Side, tool: &str) -> (String, String) {
    let (a, b) = shown;
    let (x, y) = match side {
        Side::First if tool == b => (b, a),
        Side::First => (tool, b),
        Side::Second if tool == a => (b, a),
        Side::Second => (a, tool),
    };
    (x.to_string(), y.to_string())
}

/// The roles shown after turning `role` on or off: turning one on from "All roles" shows that
/// role alone.
pub fn toggle_role(view: &ResolvedView, role: usize) -> Vec<bool> {
    let mut on = if view.all_roles { vec![false; view.role_on.len()] } else { view.role_on.clone() };
    if let Some(slot) = on.get_mut(role) {
        *slot = !*slot;
    }
    on
}
