//! Related comparisons: other pairs with either tool of the one shown.

use crate::bundle::Catalog;

/// How many related comparisons a page lists.
pub const RELATED_LIMIT: usize = 6;

/// Other comparisons with either tool of the pair `a`, `b`, at most `limit`: the featured pairs
/// first, then each tool beside the other tools of its category, in bundle order.
pub fn related(catalog: &Catalog, a: usize, b: usize, limit: usize) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let add = |out: &mut Vec<(usize, usize)>, x: usize, y: usize| add(out, (a, b), limit, x, y);
    for (x, y) in catalog.featured_pairs() {
        if [x, y].iter().any(|t| *t == a || *t == b) {
            add(&mut out, x, y);
        }
    }
    let category = |t: usize| catalog.tool(t).map(|t| t.category.as_str());
    let (category_a, category_b) = (category(a), category(b));
    // Done once full: a pair switch on a large catalogue looked at every tool twice.
    for t in 0..catalog.tools().len() {
        if out.len() >= limit {
            break;
        }
        if t == a || t == b {
            continue;
        }
        let category_t = category(t);
        for (side, category_side) in [(a, category_a), (b, category_b)] {
            if category_t == category_side {
                add(&mut out, side, t);
            }
        }
    }
    out
}

/// Adds the comparison of `x` and `y` to `out` unless it is `shown` (in either order), already
/// there (in either order), a tool against itself, or `out` is full.
fn add(out: &mut Vec<(usize, usize)>, shown: (usize, usize), limit: usize, x: usize, y: usize) {
    let same = |p: &(usize, usize)| (p.0 == x && p.1 == y) || (p.0 == y && p.1 == x);
    if x != y && !same(&shown) && !out.iter().any(same) && out.len() < limit {
        out.push((x, y));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::generate::generate;

    /// The first version: every tool looked at for both sides, full or not.
    fn reference(catalog: &Catalog, a: usize, b: usize, limit: usize) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = Vec::new();
        let mut add = |x: usize, y: usize| add(&mut out, (a, b), limit, x, y);
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

    #[test]
    fn stopping_once_full_finds_the_same_comparisons_in_the_same_order() -> Result<(), String> {
        let default = Catalog::from_text(include_str!("../../tests/fixtures/seed.json")).map_err(|e| e.to_string())?;
        let generated = Catalog::new(generate(40, 3, 7)).map_err(|e| e.to_string())?;
        for catalog in [&default, &generated] {
            let n = catalog.tools().len();
            for a in 0..n {
                for b in 0..n {
                    for limit in [0, 1, 6, 50] {
                        assert_eq!(
                            related(catalog, a, b, limit),
                            reference(catalog, a, b, limit),
                            "{a} vs {b}, {limit}"
                        );
                    }
                }
            }
        }
        Ok(())
    }
}
