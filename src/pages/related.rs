//! Related comparisons: other pairs with either tool of the one shown.

use crate::bundle::Catalog;

/// Other comparisons with either tool of the pair `a`, `b`, at most `limit`: the featured pairs
/// first, then each tool beside the other tools of its category, in bundle order.
pub fn related(catalog: &Catalog, a: usize, b: usize, limit: usize) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut add = |x: usize, y: usize| {
        let same = |p: &(usize, usize)| (p.0 == x && p.1 == y) || (p.0 == y && p.1 == x);
        let current = (x == a && y == b) || (x == b && y == a);
        if x != y && !current && !out.iter().any(same) && out.len() < limit {
            out.push((x, y));
        }
    };
    for (x, y) in catalog.featured_pairs() {
        if [x, y].iter().any(|t| *t == a || *t == b) {
            add(x, y);
        }
    }
    let category = |t: usize| catalog.tool(t).map(|t| t.category.as_str());
    for t in 0..catalog.tools().len() {
        for side in [a, b] {
            if t != a && t != b && category(t) == category(side) {
                add(side, t);
            }
        }
    }
    out
}
