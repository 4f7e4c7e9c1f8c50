//! When what a page shows last changed: a tool's own `updated` date, else the bundle's, and for
//! a pair the later of its two tools'. The sitemap's `<lastmod>` and the feed's dates.

use crate::bundle::Catalog;

/// The date (`YYYY-MM-DD`) a tool's data last changed: its own `updated`, else the bundle's.
pub fn tool_updated(catalog: &Catalog, tool: usize) -> &str {
    catalog.tool(tool).and_then(|t| t.updated.as_deref()).unwrap_or(&catalog.bundle.updated)
}

/// The date a pair's page last changed: the later of its two tools' dates. (Dates in the form
/// `YYYY-MM-DD`, which validation guarantees, order as text.)
pub fn pair_updated(catalog: &Catalog, a: usize, b: usize) -> &str {
    tool_updated(catalog, a).max(tool_updated(catalog, b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::parse_bundle;

    #[test]
    fn a_page_is_as_new_as_the_newest_tool_it_shows() {
        let mut bundle = parse_bundle(include_str!("../../tests/fixtures/publish/bundle.json")).expect("the fixture");
        bundle.updated = "2026-11-20".into();
        bundle.tools[0].updated = Some("2026-12-02".into());
        bundle.tools[1].updated = Some("2025-01-31".into());
        let c = Catalog::new(bundle).expect("valid");
        assert_eq!(tool_updated(&c, 0), "2026-12-02");
        assert_eq!(tool_updated(&c, 1), "2025-01-31", "a tool's own date, even if older than the bundle's");
        assert_eq!(tool_updated(&c, 2), "2026-11-20", "the bundle's, without its own");
        assert_eq!(pair_updated(&c, 1, 0), "2026-12-02");
        assert_eq!(pair_updated(&c, 1, 2), "2026-11-20");
        assert_eq!(pair_updated(&c, 1, 1), "2025-01-31");
    }
}
