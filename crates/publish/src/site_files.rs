//! The site's files beside its pages: `sitemap.xml` and `robots.txt`.

use verdicts_catalog::escape::escape_html;
use verdicts_catalog::pages::Pages;

/// `sitemap.xml`: every canonical page, last modified when the bundle was updated.
pub fn sitemap(base_url: &str, pages: &Pages, updated: &str) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for page in pages.all().iter().filter(|p| p.is_canonical()) {
        xml.push_str(&format!(
            "  <url><loc>{}</loc><lastmod>{}</lastmod></url>\n",
            escape_html(&format!("{base_url}{}", page.path)),
            escape_html(updated)
        ));
    }
    xml.push_str("</urlset>\n");
    xml
}

/// `robots.txt`, naming the sitemap. (Crawlers read it only at a host's root: a site under a
/// sub-path lists its sitemap in the host's own `robots.txt` instead.)
pub fn robots(base_url: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {base_url}sitemap.xml\n")
}
