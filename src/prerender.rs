//! Rendering the default comparison to HTML at build time, so that the first paint is real
//! content (and crawlers and link previews see it); the app takes the page over once it runs.

use std::sync::Arc;

use leptos::prelude::*;

use crate::bundle::Catalog;
use crate::components::comparison::Comparison;
use crate::components::site_chrome::{SiteFooter, SiteHeader};
use crate::navigation::Navigation;
use crate::pair::{Pair, Side};
use crate::vote_store::VoteStore;

/// Where the rendered comparison goes in `index.html`.
pub const START: &str = "<!--prerender:start-->";
/// The end of that place.
pub const END: &str = "<!--prerender:end-->";

/// The default comparison of `catalog` as HTML (header, comparison and footer), and its title;
/// `None` when the bundle has fewer than two tools.
pub fn render(catalog: Arc<Catalog>, signup_url: Option<String>) -> Option<(String, String)> {
    let owner = Owner::new();
    owner.with(|| {
        let nav = Navigation::install();
        provide_context(nav);
        let votes = VoteStore::load(&catalog, None);
        let pair = Pair::new(catalog, nav)?;
        provide_context(pair);
        provide_context(votes);
        let name = |side| pair.with_tool(side, |t| t.name.clone()).unwrap_or_default();
        let title = format!("{} vs {} — Verdicts", name(Side::First), name(Side::Second));
        let html = view! {
            <SiteHeader/>
            <main id="main" class="page"><Comparison/></main>
            <SiteFooter signup_url/>
        }
        .to_html();
        Some((html, title))
    })
}

/// Reads a `<meta name="…" content="…">` value from `index.html`.
pub fn meta_content(index: &str, name: &str) -> Option<String> {
    let tag = format!("<meta name=\"{name}\" content=\"");
    let start = index.find(&tag)? + tag.len();
    let end = index[start..].find('"')? + start;
    Some(index[start..end].to_string()).filter(|v| !v.trim().is_empty())
}

/// `index.html` with the rendered comparison between the markers, the page marked as
/// prerendered, and the title naming the pair.
pub fn inject(index: &str, html: &str, title: &str) -> Result<String, String> {
    let start = index.find(START).ok_or("index.html has no <!--prerender:start--> marker")? + START.len();
    let end = index[start..].find(END).ok_or("index.html has no <!--prerender:end--> marker")? + start;
    let mut page = String::with_capacity(index.len() + html.len() + 64);
    page.push_str(&index[..start]);
    page.push_str("<div class=\"prerendered\">");
    page.push_str(html);
    page.push_str("</div>");
    page.push_str(&index[end..]);
    let page = page.replacen("<div id=\"app\">", "<div id=\"app\" data-prerendered>", 1);
    let title_start = page.find("<title>").ok_or("index.html has no <title>")? + "<title>".len();
    let title_end = page[title_start..].find("</title>").ok_or("index.html has no </title>")? + title_start;
    Ok(format!("{}{}{}", &page[..title_start], crate::embed_code::escape_html(title), &page[title_end..]))
}
