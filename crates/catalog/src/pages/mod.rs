//! The published pages: which pairs and tools have a page of their own, in which order a pair
//! is named, at which path, and how a page is described to search engines and link previews.
//!
//! Every pair of tools has one canonical URL, its folder `<first>-vs-<second>/`, named in the
//! order of its first appearance among the featured pairs, else its two ids in alphabetical
//! order; the default pair's is the index. The app links every pair to that folder. Publishing
//! writes a page into it for the featured pairs and, within the page budget (`max_pages`,
//! [`DEFAULT_MAX_PAGES`]), for every pair when they all fit, else for each tool beside its closest
//! [`alternatives`] (see [`Pages::plan`]); a folder without a page is served by the host's
//! `404.html`, the app itself, or rendered by the page server on first request. The reversed
//! order of a pair is shown at the canonical folder with the order in the query (`?a=…&b=…`), so
//! it adds no files; only the default and the featured pairs keep a page in reversed order too,
//! for the links published before this rule. Every tool has a page at `tools/<id>/`.

use std::collections::HashMap;

mod alternatives;
mod describe;
pub mod lastmod;
mod location;
pub mod oembed;
mod related;
pub mod structured;
mod tool_page;

use crate::bundle::Catalog;
pub use alternatives::{weight, Alternatives, ALTERNATIVES_LIMIT};
pub use describe::{description, image_alt, panel_words, title, tool_description, tool_image_alt, tool_title};
pub use location::{ids_from_path, location_for, normalize_path, pair_state, Location};
pub use related::{related, RELATED_LIMIT};
pub use tool_page::{featured_with, tool_alternatives, tool_location};

/// The default page budget: how many pair pages (in canonical order) a publish writes at most.
/// With a tool page per tool and about three files a page (the page, its preview image, its
/// oEmbed answer), a 1,000-tool site stays under 20,000 files, the cap of common free static
/// hosts: (1,000 + 5,000) × 3 plus the app and data files.
pub const DEFAULT_MAX_PAGES: usize = 5_000;

/// What separates the two ids in a page's folder name.
pub const SEPARATOR: &str = "-vs-";

/// The folder that holds the tool pages.
pub const TOOLS_FOLDER: &str = "tools";

/// The site's name, in titles and previews.
pub const SITE_NAME: &str = "Verdicts";

/// One pair page: a pair of tools (by index, in the order shown) and its folder under the site
/// root, with its trailing slash (empty for the index).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    pub first: usize,
    pub second: usize,
    pub path: String,
    /// The canonical page's path: this page's own, or the other order's (the index's for the
    /// default pair's folder).
    pub canonical: String,
}

impl Page {
    /// Whether this is the pair's canonical page.
    pub fn is_canonical(&self) -> bool {
        self.path == self.canonical
    }
}

/// The pages of a site: the index, the default and featured pairs' pages (both orders), and
/// for a publish, the pair pages it writes.
#[derive(Clone, Debug, Default)]
pub struct Pages {
    pages: Vec<Page>,
    /// Ordered pair → position in `pages`, for the pairs named by the site (default, featured).
    by_pair: HashMap<(usize, usize), usize>,
    /// Whether every pair is linked to its folder (false: only the index, for a page rendered
    /// from another publish than the one now served).
    folders: bool,
    /// The tools with a page, by index.
    tools: Vec<usize>,
}

/// The folder of a pair's page, `<first>-vs-<second>/`.
pub fn page_path(first_id: &str, second_id: &str) -> String {
    format!("{first_id}{SEPARATOR}{second_id}/")
}

/// The folder of a tool's page, `tools/<id>/`.
pub fn tool_path(id: &str) -> String {
    format!("{TOOLS_FOLDER}/{id}/")
}

/// The tool id a page path names (`tools/<id>/`), whether or not the tool exists.
pub fn tool_id_from_path(path: &str) -> Option<&str> {
    let path = normalize_path(path);
    let id = path.strip_prefix(TOOLS_FOLDER)?.strip_prefix('/')?;
    (!id.is_empty() && !id.contains('/')).then_some(id)
}

/// Whether an id can name a page folder: one every static host serves (hidden folders often are
/// not), and one whose folder name reads back as the same pair.
pub fn servable(id: &str) -> bool {
    !id.is_empty() && !id.starts_with('.') && !id.contains(SEPARATOR) && !id.contains('/')
}

/// A pair in its canonical order: the featured order when it is featured (either way), else
/// its ids in alphabetical order.
pub fn canonical_order(catalog: &Catalog, a: usize, b: usize) -> (usize, usize) {
    if let Some((x, y)) = catalog.featured_pairs().into_iter().find(|&(x, y)| (x, y) == (a, b) || (x, y) == (b, a)) {
        return (x, y);
    }
    let id = |i: usize| catalog.tool(i).map(|t| t.id.as_str()).unwrap_or_default();
    if id(a) <= id(b) {
        (a, b)
    } else {
        (b, a)
    }
}

impl Pages {
    /// The pages the site names whatever it publishes: the index (the default pair), the
    /// default pair's reversed order and its folder, and the featured pairs in both orders.
    /// Every other pair is linked to its canonical folder.
    pub fn rule(catalog: &Catalog) -> Pages {
        let mut pages = Pages { folders: true, ..Pages::default() };
        let Some((a, b)) = catalog.default_pair() else {
            return pages;
        };
        let servable_pair = |a: usize, b: usize| match (catalog.tool(a), catalog.tool(b)) {
            (Some(ta), Some(tb)) if a != b && servable(&ta.id) && servable(&tb.id) => Some((ta, tb)),
            _ => None,
        };
        pages.add(Page { first: a, second: b, path: String::new(), canonical: String::new() });
        if let Some((ta, tb)) = servable_pair(a, b) {
            let reversed = page_path(&tb.id, &ta.id);
            pages.add(Page { first: b, second: a, path: reversed, canonical: String::new() });
            // The default pair's own folder, so a link derived from the ids alone finds a page.
            pages.pages.push(Page { first: a, second: b, path: page_path(&ta.id, &tb.id), canonical: String::new() });
        }
        for (x, y) in catalog.featured_pairs() {
            let Some((tx, ty)) = servable_pair(x, y) else {
                continue;
            };
            if pages.by_pair.contains_key(&(x, y)) || pages.by_pair.contains_key(&(y, x)) {
                continue;
            }
            let path = page_path(&tx.id, &ty.id);
            pages.add(Page { first: x, second: y, path: path.clone(), canonical: path.clone() });
            pages.add(Page { first: y, second: x, path: page_path(&ty.id, &tx.id), canonical: path });
        }
        pages
    }

    /// The pages a publish writes: [`Pages::rule`]'s, every tool's, and pair pages in canonical
    /// order up to `max_pages` canonical pair pages in all: every pair when they all fit, else
    /// each tool beside its first alternative (tools in bundle order), then beside its second,
    /// and so on up to [`ALTERNATIVES_LIMIT`], until the budget is spent.
    pub fn plan(catalog: &Catalog, max_pages: usize) -> Pages {
        let mut pages = Pages::rule(catalog);
        let n = catalog.tools().len();
        pages.tools = (0..n).filter(|t| catalog.tool(*t).is_some_and(|tool| servable(&tool.id))).collect();
        let mut written: std::collections::HashSet<(usize, usize)> =
            pages.pages.iter().map(|p| (p.first.min(p.second), p.first.max(p.second))).collect();
        let mut budget = max_pages.saturating_sub(pages.pages.iter().filter(|p| p.is_canonical()).count());
        let mut add = |pages: &mut Pages, a: usize, b: usize| -> bool {
            if budget == 0 {
                return false;
            }
            let key = (a.min(b), a.max(b));
            if a == b || written.contains(&key) {
                return true;
            }
            let (x, y) = canonical_order(catalog, a, b);
            let (Some(tx), Some(ty)) = (catalog.tool(x), catalog.tool(y)) else {
                return true;
            };
            if !servable(&tx.id) || !servable(&ty.id) {
                return true;
            }
            written.insert(key);
            budget -= 1;
            let path = page_path(&tx.id, &ty.id);
            pages.pages.push(Page { first: x, second: y, path: path.clone(), canonical: path });
            true
        };
        if n.saturating_mul(n.saturating_sub(1)) / 2 <= max_pages {
            for a in 0..n {
                for b in a + 1..n {
                    add(&mut pages, a, b);
                }
            }
        } else {
            let alternatives = Alternatives::new(catalog);
            let lists: Vec<Vec<usize>> = (0..n).map(|t| alternatives.of(t, ALTERNATIVES_LIMIT)).collect();
            'rounds: for k in 0..ALTERNATIVES_LIMIT {
                for (t, list) in lists.iter().enumerate() {
                    if let Some(&other) = list.get(k) {
                        if !add(&mut pages, t, other) {
                            break 'rounds;
                        }
                    }
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

    /// Every pair page to write, the index first.
    pub fn all(&self) -> &[Page] {
        &self.pages
    }

    /// The tools with a page of their own, by index ([`tool_path`] names the folder).
    pub fn tools(&self) -> &[usize] {
        &self.tools
    }

    /// The page that shows `a` beside `b`, in that order: the index or a page the site names,
    /// else the pair's canonical folder when it is in that order. `None` for the reversed order
    /// of a pair (shown at the canonical folder with the order in the query), ids no folder can
    /// carry, or any pair but the default when only the index is linked to.
    pub fn of_pair(&self, catalog: &Catalog, a: usize, b: usize) -> Option<Page> {
        if let Some(page) = self.by_pair.get(&(a, b)).and_then(|i| self.pages.get(*i)) {
            return Some(page.clone());
        }
        if !self.folders || a == b || self.by_pair.contains_key(&(b, a)) || canonical_order(catalog, a, b) != (a, b) {
            return None;
        }
        let (ta, tb) = (catalog.tool(a)?, catalog.tool(b)?);
        if !servable(&ta.id) || !servable(&tb.id) {
            return None;
        }
        let path = page_path(&ta.id, &tb.id);
        Some(Page { first: a, second: b, path: path.clone(), canonical: path })
    }
}
