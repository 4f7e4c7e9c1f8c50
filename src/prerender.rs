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

/// Starts the wasm download after the first frame is painted instead of with the page, keeping
/// its integrity check: Trunk's `<link rel="preload" … integrity>` for the wasm is dropped and
/// the loader fetches the file with the same `integrity`. The rendered comparison then paints
/// without competing with 200 KB of wasm for the connection.
pub fn defer_wasm(index: &str) -> Result<String, String> {
    let tag_start = index.find("<link rel=\"preload\" href=\"").ok_or("no wasm preload link in index.html")?;
    let tag_end = index[tag_start..].find('>').ok_or("unterminated preload link")? + tag_start + 1;
    let tag = &index[tag_start..tag_end];
    let attr = |name: &str| -> Result<&str, String> {
        let key = format!("{name}=\"");
        let start = tag.find(&key).ok_or(format!("the wasm preload has no {name}"))? + key.len();
        let end = tag[start..].find('"').ok_or("unterminated attribute")? + start;
        Ok(&tag[start..end])
    };
    let (href, integrity) = (attr("href")?, attr("integrity")?);
    if !href.ends_with(".wasm") {
        return Err(format!("the preload link is not the wasm: {href}"));
    }
    let call = format!("init({{ module_or_path: '{href}' }})");
    if !index.contains(&call) {
        return Err(format!("the loader does not call {call}"));
    }
    let deferred = format!(
        "(await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))), \
         init({{ module_or_path: fetch('{href}', {{ integrity: '{integrity}' }}) }}))"
    );
    Ok(format!("{}{}", &index[..tag_start], &index[tag_end..]).replacen(&call, &deferred, 1))
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
