//! The published pages: which pairs have a page of their own, in which order they are named,
//! at which path, and how a page is described to search engines and link previews.
//!
//! The index shows the default pair. Every featured pair has a page, and so does every pair of
//! tools when the bundle is small enough ([`ALL_PAIRS_MAX_TOOLS`] by default). A pair has one
//! canonical page whichever order it is asked for: the order of its first appearance among the
//! featured pairs, else its two ids in alphabetical order. A page lives in a folder named after
//! the two ids, `<first>-vs-<second>/`, so a plain static host serves it with no rewrite rules.
//! The reversed order has a page too (a swap, a refresh and a hand-typed link all work), which
//! names the canonical page as its canonical URL and is left out of the sitemap.

use std::collections::HashMap;

mod describe;
pub mod lastmod;
pub mod oembed;
mod related;
pub mod structured;

use crate::bundle::Catalog;
use crate::view_state::{to_query, ViewState};
pub use describe::{description, image_alt, title};
pub use related::{related, RELATED_LIMIT};

/// Bundles with at most this many tools get a page for every pair, unless told otherwise.
pub const ALL_PAIRS_MAX_TOOLS: usize = 40;

/// What separates the two ids in a page's folder name.
pub const SEPARATOR: &str = "-vs-";

/// The site's name, in titles and previews.
pub const SITE_NAME: &str = "Verdicts";

/// One page: a pair of tools (by index, in the order shown) and its folder under the site root,
/// with its trailing slash (empty for the index).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    pub first: usize,
    pub second: usize,
    pub path: String,
    /// The canonical page's path: this page's own, or the other order's.
    pub canonical: String,
}

impl Page {
    /// Whether this is the pair's canonical page.
    pub fn is_canonical(&self) -> bool {
        self.path == self.canonical
    }
}

/// The pages of a published site.
#[derive(Clone, Debug, Default)]
pub struct Pages {
    pages: Vec<Page>,
    /// Ordered pair → position in `pages`.
    by_pair: HashMap<(usize, usize), usize>,
}

/// The folder of a pair's page, `<first>-vs-<second>/`.
pub fn page_path(first_id: &str, second_id: &str) -> String {
    format!("{first_id}{SEPARATOR}{second_id}/")
}

/// Whether an id can name a page folder: one every static host serves (hidden folders often are
/// not), and one whose folder name reads back as the same pair.
pub fn servable(id: &str) -> bool {
    !id.is_empty() && !id.starts_with('.') && !id.contains(SEPARATOR)
}

impl Pages {
    /// The pages a site published from `catalog` has: the index, the featured pairs, and every
    /// pair when `all_pairs` is set. Pairs whose folder name would clash with another page's are
    /// left to the index's query string.
    pub fn new(catalog: &Catalog, all_pairs: bool) -> Pages {
        let mut pages = Pages::default();
        let Some((a, b)) = catalog.default_pair() else {
            return pages;
        };
        let mut taken: HashMap<String, ()> = HashMap::new();
        let mut add_pair = |pages: &mut Pages, a: usize, b: usize, path: Option<String>| {
            if a == b || pages.by_pair.contains_key(&(a, b)) || pages.by_pair.contains_key(&(b, a)) {
                return;
            }
            let (Some(ta), Some(tb)) = (catalog.tool(a), catalog.tool(b)) else {
                return;
            };
            if !servable(&ta.id) || !servable(&tb.id) {
                return;
            }
            let path = path.unwrap_or_else(|| page_path(&ta.id, &tb.id));
            let reversed = page_path(&tb.id, &ta.id);
            if taken.contains_key(&path) || taken.contains_key(&reversed) {
                return;
            }
            taken.insert(path.clone(), ());
            taken.insert(reversed.clone(), ());
            pages.add(Page { first: a, second: b, path: path.clone(), canonical: path.clone() });
            pages.add(Page { first: b, second: a, path: reversed, canonical: path });
        };
        add_pair(&mut pages, a, b, Some(String::new()));
        for (a, b) in catalog.featured_pairs() {
            add_pair(&mut pages, a, b, None);
        }
        if all_pairs {
            let mut by_id: Vec<usize> = (0..catalog.tools().len()).collect();
            by_id.sort_by(|x, y| catalog.tools()[*x].id.cmp(&catalog.tools()[*y].id));
            for (i, &a) in by_id.iter().enumerate() {
                for &b in &by_id[i + 1..] {
                    add_pair(&mut pages, a, b, None);
                }
            }
        }
        pages
    }

    /// Only the index: for a page rendered from another bundle than the one now served, whose
    /// published pages may not match it.
    pub fn index_only(catalog: &Catalog) -> Pages {
        let mut pages = Pages::default();
        if let Some((a, b)) = catalog.default_pair() {
            pages.add(Page { first: a, second: b, path: String::new(), canonical: String::new() });
        }
        pages
    }

    fn add(&mut self, page: Page) {
        self.by_pair.insert((page.first, page.second), self.pages.len());
        self.pages.push(page);
    }

    /// Every page, the index first.
    pub fn all(&self) -> &[Page] {
        &self.pages
    }

    /// The page that shows `a` beside `b`, in that order.
    pub fn of_pair(&self, a: usize, b: usize) -> Option<&Page> {
        self.by_pair.get(&(a, b)).and_then(|i| self.pages.get(*i))
    }
}

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

/// Where `state` is shown: the pair's page when it has one (the query keeps only the roles,
/// embed and theme), else the index with the whole state in the query. `keep_path` is the
/// current page path, kept when it already shows the state's pair.
pub fn location_for(state: &ViewState, pages: &Pages, catalog: &Catalog, keep_path: Option<&str>) -> Location {
    let pair = match (&state.first, &state.second) {
        (Some(a), Some(b)) => catalog.tool_index(a).zip(catalog.tool_index(b)),
        _ => None,
    };
    let rest = ViewState { first: None, second: None, ..state.clone() };
    if let (Some((a, b)), Some(path)) = (pair, keep_path) {
        if ids_from_path(path, catalog).and_then(|(x, y)| catalog.tool_index(&x).zip(catalog.tool_index(&y)))
            == Some((a, b))
        {
            return Location { path: path.to_string(), query: to_query(&rest) };
        }
    }
    match pair.and_then(|(a, b)| pages.of_pair(a, b)) {
        Some(page) => Location { path: page.path.clone(), query: to_query(&rest) },
        None => Location { path: String::new(), query: to_query(state) },
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
