//! The sitemaps (<https://www.sitemaps.org/protocol.html>): `sitemap.xml` is a sitemap index
//! naming files of at most [`MAX_URLS`] URLs each, `sitemaps/1.xml`, `sitemaps/2.xml` …, the
//! protocol's limit per file. Each URL has its `<lastmod>`, the newest change of what its page
//! shows ([`verdicts_catalog::pages::lastmod`]), and each file in the index the newest of its
//! URLs'. The writer takes any list of (URL, date), so every kind of page goes in the same way.

use verdicts_catalog::bundle::Catalog;
use verdicts_catalog::pages::lastmod::{pair_updated, tool_updated};
use verdicts_catalog::pages::{tool_path, Pages};

use crate::xml::text as xml_text;

/// The most URLs one sitemap file may hold.
pub const MAX_URLS: usize = 50_000;

/// The sitemap index, at the site root (the name `robots.txt` gives).
pub const INDEX: &str = "sitemap.xml";

/// The folder of the sitemap files, under the site root.
pub const FOLDER: &str = "sitemaps";

/// One URL of a sitemap: its absolute address and the date (`YYYY-MM-DD`) it last changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SitemapUrl {
    pub loc: String,
    pub lastmod: String,
}

/// The canonical pair pages, the index first, each dated by the later of its two tools.
pub fn pair_page_urls(base_url: &str, pages: &Pages, catalog: &Catalog) -> Vec<SitemapUrl> {
    pages
        .all()
        .iter()
        .filter(|p| p.is_canonical())
        .map(|p| SitemapUrl {
            loc: format!("{base_url}{}", p.path),
            lastmod: pair_updated(catalog, p.first, p.second).to_string(),
        })
        .collect()
}

/// The tool pages (`tools/<id>/`) of the tools in `tools` (indexes, e.g. [`Pages::tools`]), each
/// dated by its tool.
pub fn tool_page_urls(base_url: &str, catalog: &Catalog, tools: impl IntoIterator<Item = usize>) -> Vec<SitemapUrl> {
    tools
        .into_iter()
        .filter_map(|i| {
            let tool = catalog.tool(i)?;
            Some(SitemapUrl {
                loc: format!("{base_url}{}", tool_path(&tool.id)),
                lastmod: tool_updated(catalog, i).to_string(),
            })
        })
        .collect()
}

/// The sitemap files of `urls`: each path under the site root with its text, the index
/// ([`INDEX`]) first, then `sitemaps/1.xml` … with at most [`MAX_URLS`] URLs each, in order.
pub fn sitemap_files(base_url: &str, urls: &[SitemapUrl]) -> Vec<(String, String)> {
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut files = Vec::new();
    for (n, chunk) in urls.chunks(MAX_URLS).enumerate() {
        let path = format!("{FOLDER}/{}.xml", n + 1);
        let mut xml = String::with_capacity(chunk.len() * 120 + 128);
        xml.push_str(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for url in chunk {
            xml.push_str(&format!(
                "  <url><loc>{}</loc><lastmod>{}</lastmod></url>\n",
                xml_text(&url.loc),
                xml_text(&url.lastmod)
            ));
        }
        xml.push_str("</urlset>\n");
        let newest = chunk.iter().map(|u| u.lastmod.as_str()).max().unwrap_or_default();
        index.push_str(&format!(
            "  <sitemap><loc>{}</loc><lastmod>{}</lastmod></sitemap>\n",
            xml_text(&format!("{base_url}{path}")),
            xml_text(newest)
        ));
        files.push((path, xml));
    }
    index.push_str("</sitemapindex>\n");
    files.insert(0, (INDEX.to_string(), index));
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "https://example.com/c/";

    #[test]
    fn a_large_site_is_split_into_files_of_at_most_fifty_thousand_urls() -> Result<(), String> {
        let urls: Vec<SitemapUrl> = (0..120_001)
            .map(|i| SitemapUrl {
                loc: format!("{BASE}t-{i}/?a=1&b=<2>"),
                lastmod: if i == 70_000 { "2026-12-31".into() } else { "2026-01-01".into() },
            })
            .collect();
        let files = sitemap_files(BASE, &urls);
        assert_eq!(
            files.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>(),
            ["sitemap.xml", "sitemaps/1.xml", "sitemaps/2.xml", "sitemaps/3.xml"]
        );
        let index = roxmltree::Document::parse(&files[0].1).map_err(|e| e.to_string())?;
        let root = index.root_element();
        assert_eq!(root.tag_name().name(), "sitemapindex");
        assert_eq!(root.tag_name().namespace(), Some("http://www.sitemaps.org/schemas/sitemap/0.9"));
        let listed: Vec<(String, String)> = root
            .children()
            .filter(|n| n.has_tag_name("sitemap"))
            .map(|s| {
                let child =
                    |name: &str| s.children().find(|n| n.has_tag_name(name)).and_then(|n| n.text()).map(str::to_string);
                (child("loc").unwrap_or_default(), child("lastmod").unwrap_or_default())
            })
            .collect();
        assert_eq!(
            listed,
            [
                (format!("{BASE}sitemaps/1.xml"), "2026-01-01".into()),
                (format!("{BASE}sitemaps/2.xml"), "2026-12-31".into()),
                (format!("{BASE}sitemaps/3.xml"), "2026-01-01".into()),
            ]
        );
        let mut seen = 0;
        for ((_, text), expected) in files[1..].iter().zip([50_000, 50_000, 20_001]) {
            let doc = roxmltree::Document::parse(text).map_err(|e| e.to_string())?;
            let set = doc.root_element();
            assert_eq!(set.tag_name().name(), "urlset");
            let locs: Vec<&str> = set
                .children()
                .filter(|n| n.has_tag_name("url"))
                .filter_map(|u| u.children().find(|n| n.has_tag_name("loc")).and_then(|n| n.text()))
                .collect();
            assert_eq!(locs.len(), expected);
            assert!(locs.len() <= MAX_URLS);
            assert_eq!(locs[0], format!("{BASE}t-{seen}/?a=1&b=<2>"), "escaped, and read back as the same URL");
            seen += locs.len();
        }
        assert_eq!(seen, 120_001);
        assert!(files[1].1.contains("?a=1&amp;b=&lt;2&gt;"));
        Ok(())
    }

    #[test]
    fn an_empty_site_has_an_empty_index() {
        let files = sitemap_files(BASE, &[]);
        assert_eq!(files.len(), 1);
        assert!(roxmltree::Document::parse(&files[0].1).is_ok());
    }
}
