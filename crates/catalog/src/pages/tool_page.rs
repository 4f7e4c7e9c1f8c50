//! What a tool's page lists besides the tool: the featured comparisons it is in, and the
//! alternatives it offers to compare it with, each a link to the pair's canonical folder.

use super::{tool_path, Alternatives, Location, ALTERNATIVES_LIMIT};
use crate::bundle::Catalog;
use crate::view_state::{to_query, ViewState};

/// The featured pairs that include `tool`, in the bundle's order, as (this tool, the other).
pub fn featured_with(catalog: &Catalog, tool: usize) -> Vec<(usize, usize)> {
    catalog
        .featured_pairs()
        .into_iter()
        .filter_map(|(a, b)| match (a == tool, b == tool) {
            (true, false) => Some((a, b)),
            (false, true) => Some((b, a)),
            _ => None,
        })
        .collect()
}

/// Up to [`ALTERNATIVES_LIMIT`] alternatives of `tool`, best first: as its shard listed them
/// when `catalog` is what a visit has read (see [`Catalog::listed_alternatives`]), else from the
/// ranking of the whole catalogue, `ranking`, made once per publish ([`Alternatives::new`]).
/// Only tools the catalogue names, never the tool itself.
pub fn tool_alternatives(catalog: &Catalog, ranking: Option<&Alternatives>, tool: usize) -> Vec<usize> {
    let listed = catalog.listed_alternatives(tool).map(<[usize]>::to_vec);
    let ranked = || ranking.map(|r| r.of(tool, ALTERNATIVES_LIMIT)).unwrap_or_default();
    let all = listed.unwrap_or_else(ranked);
    all.into_iter().filter(|&t| t != tool && catalog.tool(t).is_some()).take(ALTERNATIVES_LIMIT).collect()
}

/// Where the page of the tool `id` shows `state`: its folder, with the roles, workload, embed
/// and theme of `state` in the query (a pair in it is not the page's).
pub fn tool_location(id: &str, state: &ViewState) -> Location {
    let rest = ViewState { first: None, second: None, ..state.clone() };
    Location { path: tool_path(id), query: to_query(&rest) }
}
