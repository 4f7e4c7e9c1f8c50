//! The site's files beside its pages: `robots.txt`, and the page table written into `embed.js`.
//! (The sitemaps are in [`crate::sitemaps`], the feed in [`crate::feed`].)

use verdicts_catalog::bundle::Catalog;
use verdicts_catalog::pages::{Page, Pages};

/// `robots.txt`, naming the sitemap. (Crawlers read it only at a host's root: a site under a
/// sub-path lists its sitemap in the host's own `robots.txt` instead.)
pub fn robots(base_url: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {base_url}sitemap.xml\n")
}

/// What `embed.js` needs to point an embed at a pair's page: the default pair (the index), the
/// featured pairs, and every tool id when every pair has a page.
pub fn embed_pages_config(catalog: &Catalog, pages: &Pages, all_pairs: bool) -> String {
    let id = |i: usize| catalog.tool(i).map(|t| t.id.as_str()).unwrap_or_default();
    let json = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into());
    let pair = |p: &Page| format!("[{},{}]", json(id(p.first)), json(id(p.second)));
    let mut with_pages = pages.all().iter().filter(|p| p.is_canonical());
    let default = with_pages.next().map(pair).unwrap_or_else(|| "null".into());
    let featured: Vec<String> = if all_pairs { Vec::new() } else { with_pages.map(pair).collect() };
    let tools = if all_pairs {
        let ids: Vec<String> =
            catalog.tools().iter().filter(|t| verdicts_catalog::pages::servable(&t.id)).map(|t| json(&t.id)).collect();
        format!("[{}]", ids.join(","))
    } else {
        "null".into()
    };
    format!("{{\"default\":{default},\"pairs\":[{}],\"tools\":{tools}}}", featured.join(","))
}

/// The marker line of `embed.js` that carries [`embed_pages_config`].
const EMBED_CONFIG_LINE: &str = "var PAGES = ";

pub fn rewrite_embed_js(script: &str, config: &str) -> Result<String, String> {
    let start = script.find(EMBED_CONFIG_LINE).ok_or("embed.js has no “var PAGES = ” line")?;
    let end = script[start..].find(";\n").ok_or("embed.js: the PAGES line has no end")? + start;
    Ok(format!("{}{EMBED_CONFIG_LINE}{config}{}", &script[..start], &script[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embed_script_gets_its_pages_line_replaced() -> Result<(), String> {
        let script = "a;\n  var PAGES = null;\n  b;";
        let out = rewrite_embed_js(script, "{\"default\":null}")?;
        assert_eq!(out, "a;\n  var PAGES = {\"default\":null};\n  b;");
        assert_eq!(rewrite_embed_js(&out, "{}")?, "a;\n  var PAGES = {};\n  b;");
        Ok(())
    }
}
