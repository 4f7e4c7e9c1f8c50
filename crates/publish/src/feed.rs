//! The site's Atom feed (RFC 4287), `feed.xml`: the newest tools and the featured comparisons,
//! so a reader or a newsletter service can follow the site. Every page's head names it.
//!
//! Entries are dated by the newest change of what their page shows (a tool's `updated`, else the
//! bundle's; a comparison's the later of its two tools'), newest first, at most
//! [`MAX_ENTRIES`]. On the same date the featured comparisons come first, in the bundle's order,
//! then the tools in the bundle's order. An entry's id is its page's URL, which stays the same
//! from one publish to the next.

use verdicts_catalog::bundle::figures::panel_share;
use verdicts_catalog::bundle::Catalog;
use verdicts_catalog::pages::lastmod::{pair_updated, tool_updated};
use verdicts_catalog::pages::{canonical_order, description, tool_path, Pages, SITE_NAME};

use crate::xml::text as xml_text;

/// The feed's file, at the site root.
pub const FEED_FILE: &str = "feed.xml";

/// The most entries the feed holds.
pub const MAX_ENTRIES: usize = 50;

/// One entry of the feed: a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The page's absolute URL, also the entry's id.
    pub url: String,
    pub title: String,
    /// `YYYY-MM-DD`.
    pub updated: String,
    pub summary: String,
}

/// What a tool's entry says: its panel figure in words and its tagline (or category).
fn tool_summary(catalog: &Catalog, tool: usize) -> String {
    let Some(t) = catalog.tool(tool) else {
        return String::new();
    };
    let share = panel_share(catalog, tool, |_| true);
    let panel = if share.total == 0 {
        "Not reviewed by the panel yet.".to_string()
    } else {
        format!("{} of {} reviewers ship.", share.ship, share.total)
    };
    let about = [t.tagline.trim(), t.category.trim()].into_iter().find(|s| !s.is_empty()).unwrap_or_default();
    format!("{about} {panel}").trim().to_string()
}

/// The feed's entries: the featured comparisons that have a page (with `tool_pages`, the tool
/// pages of [`Pages::tools`] too), newest first, at most [`MAX_ENTRIES`].
pub fn entries(catalog: &Catalog, pages: &Pages, base_url: &str, tool_pages: bool) -> Vec<Entry> {
    // (date, order): comparisons before tools on the same date, each in the bundle's order.
    let mut candidates: Vec<(&str, usize, Candidate)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (a, b) in catalog.featured_pairs() {
        // The pair's canonical page, in its order.
        let (first, second) = canonical_order(catalog, a, b);
        let Some(page) = pages.of_pair(catalog, first, second) else {
            continue;
        };
        if seen.insert(page.canonical.clone()) {
            let pair = Candidate::Pair(first, second, page.canonical.clone());
            candidates.push((pair_updated(catalog, a, b), candidates.len(), pair));
        }
    }
    if tool_pages {
        for &i in pages.tools() {
            candidates.push((tool_updated(catalog, i), candidates.len(), Candidate::Tool(i)));
        }
    }
    candidates.sort_by(|x, y| y.0.cmp(x.0).then(x.1.cmp(&y.1)));
    candidates
        .into_iter()
        .take(MAX_ENTRIES)
        .filter_map(|(updated, _, candidate)| match candidate {
            Candidate::Pair(a, b, path) => Some(Entry {
                url: format!("{base_url}{path}"),
                title: format!("{} vs {}", catalog.tool(a)?.name, catalog.tool(b)?.name),
                updated: updated.to_string(),
                summary: description(catalog, a, b),
            }),
            Candidate::Tool(i) => {
                let tool = catalog.tool(i)?;
                Some(Entry {
                    url: format!("{base_url}{}", tool_path(&tool.id)),
                    title: tool.name.clone(),
                    updated: updated.to_string(),
                    summary: tool_summary(catalog, i),
                })
            }
        })
        .collect()
}

enum Candidate {
    Pair(usize, usize, String),
    Tool(usize),
}

/// A date as Atom's date-time: the start of that day, UTC.
fn timestamp(date: &str) -> String {
    format!("{date}T00:00:00Z")
}

/// The feed of `entries` for the site at `base_url`, titled `title`; `updated` is the bundle's
/// date, the feed's own unless an entry is newer.
pub fn atom(base_url: &str, title: &str, updated: &str, entries: &[Entry]) -> String {
    let newest = entries.iter().map(|e| e.updated.as_str()).chain([updated]).max().unwrap_or(updated);
    let mut xml =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    xml.push_str(&format!("  <id>{}</id>\n", xml_text(base_url)));
    xml.push_str(&format!("  <title>{}</title>\n", xml_text(title)));
    xml.push_str("  <subtitle>New tools and comparisons</subtitle>\n");
    xml.push_str(&format!("  <updated>{}</updated>\n", xml_text(&timestamp(newest))));
    xml.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        xml_text(&format!("{base_url}{FEED_FILE}"))
    ));
    xml.push_str(&format!("  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n", xml_text(base_url)));
    xml.push_str(&format!("  <author><name>{SITE_NAME}</name><uri>{}</uri></author>\n", xml_text(base_url)));
    for entry in entries {
        xml.push_str("  <entry>\n");
        xml.push_str(&format!("    <id>{}</id>\n", xml_text(&entry.url)));
        xml.push_str(&format!("    <title>{}</title>\n", xml_text(&entry.title)));
        xml.push_str(&format!("    <updated>{}</updated>\n", xml_text(&timestamp(&entry.updated))));
        xml.push_str(&format!("    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n", xml_text(&entry.url)));
        xml.push_str(&format!("    <summary>{}</summary>\n", xml_text(&entry.summary)));
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

/// `feed.xml` of a published site: [`entries`] in [`atom`], titled with the bundle's title.
pub fn feed(catalog: &Catalog, pages: &Pages, base_url: &str, tool_pages: bool) -> String {
    let entries = entries(catalog, pages, base_url, tool_pages);
    atom(base_url, &catalog.bundle.title, &catalog.bundle.updated, &entries)
}

#[cfg(test)]
mod tests {
    use super::*;
    use verdicts_catalog::bundle::{generate::generate, parse_bundle};

    const BASE: &str = "https://example.com/c/";
    const ATOM: &str = "http://www.w3.org/2005/Atom";

    fn fixture(edit: impl FnOnce(&mut verdicts_catalog::bundle::Bundle)) -> Catalog {
        let mut bundle =
            parse_bundle(include_str!("../../catalog/tests/fixtures/publish/bundle.json")).expect("the fixture");
        edit(&mut bundle);
        Catalog::new(bundle).expect("valid")
    }

    fn child<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> Option<roxmltree::Node<'a, 'a>> {
        node.children().find(|n| n.has_tag_name((ATOM, name)))
    }

    fn text_of(node: roxmltree::Node<'_, '_>, name: &str) -> String {
        child(node, name).and_then(|n| n.text()).unwrap_or_default().to_string()
    }

    #[test]
    fn the_feed_is_atom_with_every_required_element() -> Result<(), String> {
        let catalog = fixture(|b| {
            b.title = "Tools & <friends>".into();
            b.tools[3].updated = Some("2026-12-05".into());
            b.tools[2].updated = Some("2026-12-01".into());
        });
        let pages = Pages::plan(&catalog, 0);
        let xml = feed(&catalog, &pages, BASE, true);
        let doc = roxmltree::Document::parse(&xml).map_err(|e| e.to_string())?;
        let feed = doc.root_element();
        assert!(feed.has_tag_name((ATOM, "feed")));
        assert_eq!(text_of(feed, "id"), BASE);
        assert_eq!(text_of(feed, "title"), "Tools & <friends>", "escaped, read back as written");
        assert_eq!(text_of(feed, "updated"), "2026-12-05T00:00:00Z", "the newest entry's date");
        let links: Vec<(Option<&str>, Option<&str>)> = feed
            .children()
            .filter(|n| n.has_tag_name((ATOM, "link")))
            .map(|l| (l.attribute("rel"), l.attribute("href")))
            .collect();
        assert!(links.contains(&(Some("self"), Some("https://example.com/c/feed.xml"))));
        assert!(child(feed, "author").and_then(|a| child(a, "name")).and_then(|n| n.text()) == Some("Verdicts"));

        let entries: Vec<_> = feed.children().filter(|n| n.has_tag_name((ATOM, "entry"))).collect();
        // Two featured comparisons and six tools.
        assert_eq!(entries.len(), 8);
        for entry in &entries {
            for name in ["id", "title", "updated", "summary"] {
                assert!(!text_of(*entry, name).is_empty(), "an entry's {name}");
            }
            let link = child(*entry, "link").and_then(|l| l.attribute("href")).unwrap_or_default();
            assert_eq!(link, text_of(*entry, "id"));
            assert!(link.starts_with(BASE));
        }
        let titles: Vec<String> = entries.iter().map(|e| text_of(*e, "title")).collect();
        let t = |i: usize| catalog.tools()[i].name.clone();
        // Newest first: the tool of 12-05 and the comparison it is in (eclair-api is tools[2],
        // nimbus-agent tools[3]: the featured pairs are eclair/tokyo and nimbus/quill).
        assert_eq!(titles[0], format!("{} vs {}", t(3), t(4)), "on the same date, comparisons first");
        assert_eq!(titles[1], t(3));
        assert_eq!(titles[2], format!("{} vs {}", t(2), t(1)));
        assert_eq!(titles[3], t(2));
        assert_eq!(&titles[4..], [t(0), t(1), t(4), t(5)], "then the bundle's order");
        assert_eq!(text_of(entries[1], "id"), format!("{BASE}tools/{}/", catalog.tools()[3].id));
        Ok(())
    }

    #[test]
    fn without_tool_pages_only_comparisons_and_never_more_than_fifty_entries() -> Result<(), String> {
        let catalog = fixture(|_| {});
        let pages = Pages::plan(&catalog, 100);
        let only_pairs = entries(&catalog, &pages, BASE, false);
        assert_eq!(only_pairs.len(), 2);
        assert!(only_pairs.iter().all(|e| !e.url.contains("/tools/")));

        let big = Catalog::new(generate(300, 4, 1)).map_err(|e| format!("{:?}", e.problems()))?;
        let xml = feed(&big, &Pages::plan(&big, 0), BASE, true);
        let doc = roxmltree::Document::parse(&xml).map_err(|e| e.to_string())?;
        assert_eq!(doc.root_element().children().filter(|n| n.has_tag_name((ATOM, "entry"))).count(), MAX_ENTRIES);
        Ok(())
    }
}
