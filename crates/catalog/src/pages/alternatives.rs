//! A tool's alternatives: the tools a page offers to compare it with, and the pairs that get a
//! page of their own within the publish's page budget.
//!
//! The rule, documented for editors in docs/hosting.md: tools of the same category first, then
//! the others; within each group the tools more people have weighed in on first (community
//! votes, ship and skip, plus the panel's reviews), then in bundle order (the editors' order).
//! The ranking is made once per catalogue ([`Alternatives::new`], one sort per category), so a
//! tool's alternatives cost a few steps at 100,000 tools.

use std::collections::HashMap;

use crate::bundle::Catalog;

/// How many alternatives a tool page lists, and how many budgeted pair pages a tool can lead to.
pub const ALTERNATIVES_LIMIT: usize = 8;

/// The ranking of every tool, by category and overall.
#[derive(Clone, Debug, Default)]
pub struct Alternatives {
    /// Each category's tools, best ranked first.
    by_category: HashMap<String, Vec<usize>>,
    /// Every tool, best ranked first.
    overall: Vec<usize>,
    /// Each tool's category (its key in `by_category`).
    category_of: Vec<String>,
}

/// How many people have weighed in on a tool: its community votes and its reviews.
pub fn weight(catalog: &Catalog, tool: usize) -> u64 {
    let votes = catalog.tool(tool).map(|t| t.community.ship.max(0) as u64 + t.community.skip.max(0) as u64);
    let reviews = (0..catalog.roles().len()).filter(|r| catalog.review(tool, *r).is_some()).count() as u64;
    votes.unwrap_or(0) + reviews
}

impl Alternatives {
    /// The ranking of `catalog`'s tools (those it holds whole; stand-ins are left out).
    pub fn new(catalog: &Catalog) -> Alternatives {
        let tools = catalog.tools();
        let weights: Vec<u64> = (0..tools.len()).map(|t| weight(catalog, t)).collect();
        let mut overall: Vec<usize> = (0..tools.len()).filter(|t| catalog.is_whole(*t)).collect();
        // Stable: equal weights keep bundle order.
        overall.sort_by(|x, y| weights[*y].cmp(&weights[*x]));
        let mut by_category: HashMap<String, Vec<usize>> = HashMap::new();
        for &t in &overall {
            by_category.entry(tools[t].category.clone()).or_default().push(t);
        }
        let category_of = tools.iter().map(|t| t.category.clone()).collect();
        Alternatives { by_category, overall, category_of }
    }

    /// Up to `limit` alternatives of `tool`, best first: its category's, then the others'.
    pub fn of(&self, tool: usize, limit: usize) -> Vec<usize> {
        let Some(category) = self.category_of.get(tool) else {
            return Vec::new();
        };
        let same = self.by_category.get(category).map(Vec::as_slice).unwrap_or_default();
        let mut out: Vec<usize> = same.iter().copied().filter(|t| *t != tool).take(limit).collect();
        if out.len() < limit {
            let others = self.overall.iter().copied().filter(|t| self.category_of.get(*t) != Some(category));
            out.extend(others.take(limit - out.len()));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::generate::generate;

    #[test]
    fn the_same_category_comes_first_then_the_most_weighed_in_then_bundle_order() -> Result<(), String> {
        let mut bundle = generate(30, 3, 11);
        for (i, tool) in bundle.tools.iter_mut().enumerate() {
            tool.category = if i < 5 { "Alpha".into() } else { "Beta".into() };
            tool.community.ship = 0;
            tool.community.skip = 0;
        }
        bundle.tools[3].community.ship = 40;
        bundle.tools[20].community.skip = 90;
        let catalog = Catalog::new(bundle).map_err(|e| e.to_string())?;
        let alternatives = Alternatives::new(&catalog);
        // Tool 0 (Alpha): tool 3 (most votes), then 1, 2, 4 in bundle order, then Beta: 20 first.
        assert_eq!(alternatives.of(0, 8), vec![3, 1, 2, 4, 20, 5, 6, 7]);
        assert_eq!(alternatives.of(3, 2), vec![0, 1]);
        assert_eq!(alternatives.of(20, 3), vec![5, 6, 7]);
        assert!(alternatives.of(99, 8).is_empty());
        for t in 0..30 {
            let of = alternatives.of(t, ALTERNATIVES_LIMIT);
            assert_eq!(of.len(), ALTERNATIVES_LIMIT);
            assert!(!of.contains(&t));
        }
        Ok(())
    }
}
