//! The site's files beside its pages: `robots.txt`. (The sitemaps are in [`crate::sitemaps`], the
//! feed in [`crate::feed`].)

/// `robots.txt`, naming the sitemap. (Crawlers read it only at a host's root: a site under a
/// sub-path lists its sitemap in the host's own `robots.txt` instead.)
pub fn robots(base_url: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {base_url}sitemap.xml\n")
}
