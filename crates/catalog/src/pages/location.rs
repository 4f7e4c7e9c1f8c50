//! Where a view state is shown: the page path a URL names and the pair it names, and the
//! [`Location`] (a page folder and a query) that shows a state, for links and the history.

use super::{page_path, servable, Pages, SEPARATOR};
use crate::bundle::Catalog;
use crate::view_state::{to_query, ViewState};

/// A path under the site root without `index.html` and slashes at either end.
pub fn normalize_path(path: &str) -> &str {
    let path = path.trim_start_matches('/');
    let path = path.strip_suffix("index.html").unwrap_or(path);
    path.trim_end_matches('/')
}

/// The two tool ids a page path names, whether or not that page is published: the split at a
/// `-vs-` whose both sides are tools of the catalog, else the split at the first `-vs-` (ids the
/// catalog does not know, which resolve to the default pair with a notice). `None` for the index
/// or a path that names no pair.
pub fn ids_from_path(path: &str, catalog: &Catalog) -> Option<(String, String)> {
    let path = normalize_path(path);
    if path.is_empty() || path.contains('/') {
        return None;
    }
    let splits: Vec<usize> = path.match_indices(SEPARATOR).map(|(i, _)| i).collect();
    let halves = |i: usize| (&path[..i], &path[i + SEPARATOR.len()..]);
    let known = splits
        .iter()
        .map(|&i| halves(i))
        .find(|(a, b)| catalog.tool_index(a).is_some() && catalog.tool_index(b).is_some());
    let (a, b) = known.or_else(|| splits.first().map(|&i| halves(i)))?;
    Some((a.to_string(), b.to_string()))
}

/// Where a view state is shown: a path under the site root (a page folder, or empty for the
/// index) and a query string (with its `?`, or empty).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Location {
    pub path: String,
    pub query: String,
}

impl Location {
    /// The URL of this location under `root` (the site root URL with its trailing slash, or
    /// empty for a link relative to the site root).
    pub fn url(&self, root: &str) -> String {
        let url = format!("{root}{}{}", self.path, self.query);
        if url.is_empty() {
            "./".to_string()
        } else {
            url
        }
    }
}

/// Where `state` is shown: the pair's page or canonical folder (the query keeps only the roles,
/// embed and theme; for the reversed order of a pair, the whole state), else the index with the
/// whole state in the query. `keep_path` is the
/// current page path, kept when it already shows the state's pair.
pub fn location_for(state: &ViewState, pages: &Pages, catalog: &Catalog, keep_path: Option<&str>) -> Location {
    let pair = match (&state.first, &state.second) {
        (Some(a), Some(b)) => catalog.tool_index(a).zip(catalog.tool_index(b)),
        _ => None,
    };
    let rest = ViewState { first: None, second: None, ..state.clone() };
    if let (Some((a, b)), Some(path)) = (pair, keep_path) {
        // Kept unless it is a pair's reversed order, which moves to the canonical folder.
        if ids_from_path(path, catalog).and_then(|(x, y)| catalog.tool_index(&x).zip(catalog.tool_index(&y)))
            == Some((a, b))
            && (!pages.folders || pages.of_pair(catalog, a, b).is_some())
        {
            return Location { path: path.to_string(), query: to_query(&rest) };
        }
    }
    let Some((a, b)) = pair else {
        return unread_pair_location(state, pages, catalog);
    };
    match (pages.of_pair(catalog, a, b), pages.of_pair(catalog, b, a)) {
        (Some(page), _) => Location { path: page.path, query: to_query(&rest) },
        // The reversed order of a pair: its canonical folder, with the order in the query.
        (None, Some(page)) => Location { path: page.path, query: to_query(state) },
        (None, None) => Location { path: String::new(), query: to_query(state) },
    }
}

/// Where a pair is shown whose tools a catalogue of what a visit has read does not name yet (a
/// tool picked from the name files, its shard not read): such a pair is neither the default nor featured (the entry point
/// names theirs), so its canonical folder is its ids in alphabetical order. The index's query
/// when only the index is linked to, or an id cannot name a folder.
fn unread_pair_location(state: &ViewState, pages: &Pages, catalog: &Catalog) -> Location {
    let index = || Location { path: String::new(), query: to_query(state) };
    let (Some(a), Some(b)) = (&state.first, &state.second) else {
        return index();
    };
    let named = |id: &str| catalog.tool_index(id).is_some();
    // A whole catalogue has every tool: an id it lacks is unknown, and gets its notice there.
    let partial = (0..catalog.tools().len()).any(|i| !catalog.is_whole(i));
    if !partial || !pages.folders || a == b || !servable(a) || !servable(b) || (named(a) && named(b)) {
        return index();
    }
    let rest = ViewState { first: None, second: None, ..state.clone() };
    if a < b {
        Location { path: page_path(a, b), query: to_query(&rest) }
    } else {
        Location { path: page_path(b, a), query: to_query(state) }
    }
}

/// The state of a pair in canonical order with nothing else set.
pub fn pair_state(catalog: &Catalog, a: usize, b: usize) -> ViewState {
    ViewState {
        first: catalog.tool(a).map(|t| t.id.clone()),
        second: catalog.tool(b).map(|t| t.id.clone()),
        ..ViewState::default()
    }
}
