//! A view state checked against the bundle: unknown or repeated tools fall back to the default
//! pair, unknown roles are dropped, each with a notice for the visitor. The result carries
//! everything the page shows (pair, roles, embed, theme, workload), so what the visitor does
//! next is computed from it alone.

use super::{RoleSelection, Theme, ViewState};
use crate::bundle::Catalog;

/// A view state checked against the bundle: the pair, the roles that are on, the view and the
/// workload.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolvedView {
    pub first: usize,
    pub second: usize,
    /// `role_on[i]`: whether role `i` is shown.
    pub role_on: Vec<bool>,
    /// Whether the filter is "All roles".
    pub all_roles: bool,
    /// The compact embed view.
    pub embed: bool,
    pub theme: Theme,
    /// The cost calculator's workload as typed: input and output tokens a month.
    pub input: Option<String>,
    pub output: Option<String>,
    /// What in the link was not used, for the visitor.
    pub notices: Vec<String>,
}

impl ResolvedView {
    /// The view of a bundle with fewer than two tools: nothing to compare, nothing to show.
    pub fn empty() -> ResolvedView {
        ResolvedView {
            first: 0,
            second: 1,
            role_on: Vec::new(),
            all_roles: true,
            embed: false,
            theme: Theme::Auto,
            input: None,
            output: None,
            notices: Vec::new(),
        }
    }
}

/// Resolves a state against a catalog: unknown or repeated tools fall back to the default pair,
/// unknown roles are dropped; each with a notice. `None` when the bundle has fewer than two tools.
pub fn resolve(state: &ViewState, catalog: &Catalog) -> Option<ResolvedView> {
    let (default_a, default_b) = catalog.default_pair()?;
    let mut notices = Vec::new();
    let mut pick = |id: &Option<String>, fallback: usize| match id {
        None => fallback,
        // A tool only named (its shard not read) is not one to show.
        Some(id) => catalog.tool_index(id).filter(|&i| catalog.is_whole(i)).unwrap_or_else(|| {
            notices.push(format!("There is no tool “{id}” in this comparison, so the default pair is shown."));
            fallback
        }),
    };
    let mut first = pick(&state.first, default_a);
    let mut second = pick(&state.second, default_b);
    if first == second {
        if state.first.is_some() && state.second.is_some() {
            let name = catalog.tool(first).map(|t| t.name.as_str()).unwrap_or_default();
            notices.push(format!("A tool can't be compared with itself, so “{name}” is shown beside another tool."));
        }
        if state.second.is_none() || state.first.is_some() {
            second = if first != default_b { default_b } else { default_a };
        } else {
            first = if second != default_a { default_a } else { default_b };
        }
    }
    let roles = catalog.roles();
    let (role_on, all_roles) = match &state.roles {
        RoleSelection::All => (vec![true; roles.len()], true),
        RoleSelection::Only(ids) => {
            for id in ids.iter().filter(|id| !roles.iter().any(|r| &r.id == *id)) {
                notices.push(format!("There is no reviewer role “{id}”; it was left out of the filter."));
            }
            let on: Vec<bool> = roles.iter().map(|r| ids.contains(&r.id)).collect();
            if !ids.is_empty() && !on.iter().any(|x| *x) {
                (vec![true; roles.len()], true)
            } else {
                (on, false)
            }
        }
    };
    Some(ResolvedView {
        first,
        second,
        role_on,
        all_roles,
        embed: state.embed,
        theme: state.theme,
        input: state.input.clone(),
        output: state.output.clone(),
        notices,
    })
}
