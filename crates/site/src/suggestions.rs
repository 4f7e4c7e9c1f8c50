//! The answer to a pair folder naming a tool the catalogue does not have: the site's 404 page,
//! with what was not found and the comparisons nearest to it (the known ids nearest the unknown
//! ones by edit distance, [`verdicts_content::nearest`]), readable with scripts off; the app then
//! takes over and shows the default pair with its own notice.

use verdicts_catalog::bundle::Catalog;
use verdicts_catalog::escape::escape_html;
use verdicts_catalog::pages::{canonical_order, page_path, servable};

/// How many ids are suggested for each unknown one.
pub const SUGGESTIONS: usize = 3;

/// The notice shown in the 404 page for the path that named `first` and `second`: the unknown
/// ids, and links to the pairs nearest to what was asked for (relative to the site root).
pub fn notice(catalog: &Catalog, ids: &[String], first: &str, second: &str) -> String {
    let known = |id: &str| catalog.tool_index(id);
    let nearest = |id: &str| -> Vec<usize> {
        match known(id) {
            Some(i) => vec![i],
            None => verdicts_content::nearest(id, ids.iter().map(String::as_str), SUGGESTIONS)
                .into_iter()
                .filter_map(known)
                .collect(),
        }
    };
    let (firsts, seconds) = (nearest(first), nearest(second));
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (i, &a) in firsts.iter().enumerate() {
        for (j, &b) in seconds.iter().enumerate() {
            // Each unknown side's suggestions beside the other side's best one.
            if (i == 0 || j == 0) && a != b {
                let pair = canonical_order(catalog, a, b);
                if !pairs.contains(&pair) {
                    pairs.push(pair);
                }
            }
        }
    }
    let unknown: Vec<String> =
        [first, second].iter().filter(|id| known(id).is_none()).map(|id| format!("“{}”", escape_html(id))).collect();
    let mut html = String::from(
        "<main id=\"main\" class=\"page\"><section class=\"not-found\" aria-labelledby=\"not-found-title\">\
         <h1 id=\"not-found-title\">No comparison at this address</h1>",
    );
    if !unknown.is_empty() {
        html.push_str(&format!("<p>No tool has the id {}.</p>", unknown.join(" or ")));
    }
    let links: Vec<String> = pairs
        .iter()
        .filter_map(|&(a, b)| {
            let (ta, tb) = (catalog.tool(a)?, catalog.tool(b)?);
            let href =
                if servable(&ta.id) && servable(&tb.id) { page_path(&ta.id, &tb.id) } else { String::from("./") };
            Some(format!(
                "<li><a href=\"{}\">{} vs {}</a></li>",
                escape_html(&href),
                escape_html(&ta.name),
                escape_html(&tb.name)
            ))
        })
        .collect();
    if !links.is_empty() {
        html.push_str("<h2>Did you mean</h2><ul>");
        html.push_str(&links.concat());
        html.push_str("</ul>");
    }
    html.push_str("<p><a href=\"./\">All comparisons</a></p></section></main>");
    html
}
