//! The oEmbed answer of a page (oEmbed 1.0, <https://oembed.com/>): a static JSON file beside
//! each page, [`OEMBED_FILE`], which the page's head names with
//! `<link rel="alternate" type="application/json+oembed">`, so a CMS that discovers oEmbed
//! embeds the comparison when someone pastes the page's URL.
//!
//! A pair's page answers with type `rich` and the partner snippet ([`snippet`]) as its `html`:
//! the same embed a partner copies from the page, so the two never differ.
//!
//! A tool's page answers with the embed of the tool beside its first alternative (the one the
//! page itself offers first under "Compare with …"): the embed view shows a comparison, and
//! pasting a tool's page should embed something of that tool that works, rather than nothing.
//! The caller names that alternative and the URL of its pair, since the page plan ranks the
//! alternatives. A tool with no alternative answers with type `link` (title and preview image
//! only), which oEmbed defines for pages that have nothing to embed.

use serde_json::{json, Value};

use super::{pair_state, SITE_NAME};
use crate::bundle::Catalog;
use crate::embed_code::{snippet, START_HEIGHT};

/// The name of a page's oEmbed answer, in the page's folder.
pub const OEMBED_FILE: &str = "oembed.json";

/// The width (CSS pixels) the embed is laid out for: the page's widest column, 72rem. The embed
/// itself takes the full width it is given.
pub const EMBED_WIDTH: u32 = 1152;

/// The width and height of the pages' preview images, the answers' thumbnails.
pub const THUMBNAIL_SIZE: (u32, u32) = (1200, 630);

/// The page an answer is for.
#[derive(Clone, Copy, Debug)]
pub struct PageRef<'a> {
    /// The site root URL, with its trailing slash.
    pub root: &'a str,
    /// The page's canonical URL (absolute).
    pub url: &'a str,
    /// The page's title.
    pub title: &'a str,
    /// Its preview image's URL (absolute), if it has one.
    pub image: Option<&'a str>,
}

/// The URL of the oEmbed answer of the page at `page_url` (a folder URL, with its trailing slash).
pub fn oembed_url(page_url: &str) -> String {
    format!("{page_url}{OEMBED_FILE}")
}

fn answer(kind: &str, page: &PageRef<'_>, html: Option<String>) -> String {
    let mut value = json!({
        "type": kind,
        "version": "1.0",
        "title": page.title,
        "provider_name": SITE_NAME,
        "provider_url": page.root,
    });
    if let Some(html) = html {
        value["html"] = Value::String(html);
        value["width"] = json!(EMBED_WIDTH);
        value["height"] = json!(START_HEIGHT);
    }
    if let Some(image) = page.image {
        value["thumbnail_url"] = json!(image);
        value["thumbnail_width"] = json!(THUMBNAIL_SIZE.0);
        value["thumbnail_height"] = json!(THUMBNAIL_SIZE.1);
    }
    let mut text = value.to_string();
    text.push('\n');
    text
}

/// The embed of the pair `a`, `b` (in that order) linking to `url`, as the snippet.
fn pair_snippet(catalog: &Catalog, a: usize, b: usize, root: &str, url: &str) -> Option<String> {
    let name = format!("{} vs {}", catalog.tool(a)?.name, catalog.tool(b)?.name);
    Some(snippet(root, &pair_state(catalog, a, b), url, &name)).filter(|s| !s.is_empty())
}

/// The oEmbed answer of a pair's page: type `rich`, the partner snippet of the pair as `html`.
/// `None` for an index out of range.
pub fn pair_oembed(catalog: &Catalog, a: usize, b: usize, page: &PageRef<'_>) -> Option<String> {
    let html = pair_snippet(catalog, a, b, page.root, page.url)?;
    Some(answer("rich", page, Some(html)))
}

/// The oEmbed answer of a tool's page: with `alternative` (a tool's index and the URL of the
/// pair's page or view), type `rich` with the snippet of the tool beside it; without, type
/// `link`. `None` for an index out of range.
pub fn tool_oembed(
    catalog: &Catalog,
    tool: usize,
    alternative: Option<(usize, &str)>,
    page: &PageRef<'_>,
) -> Option<String> {
    catalog.tool(tool)?;
    match alternative.filter(|(other, _)| *other != tool) {
        Some((other, pair_url)) => {
            let html = pair_snippet(catalog, tool, other, page.root, pair_url)?;
            Some(answer("rich", page, Some(html)))
        }
        None => Some(answer("link", page, None)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::parse_bundle;

    const ROOT: &str = "https://example.com/c/";

    fn catalog() -> Catalog {
        let mut bundle = parse_bundle(include_str!("../../tests/fixtures/publish/bundle.json")).expect("the fixture");
        bundle.tools[0].name = "A \"<b>\" & </script>".into();
        Catalog::new(bundle).expect("valid")
    }

    fn page<'a>(url: &'a str, image: Option<&'a str>) -> PageRef<'a> {
        PageRef { root: ROOT, url, title: "A vs B — Verdicts", image }
    }

    #[test]
    fn a_pair_page_answers_with_its_snippet() {
        let c = catalog();
        let url = format!("{ROOT}{}-vs-{}/", c.tools()[0].id, c.tools()[1].id);
        let image = format!("{url}preview.png");
        let text = pair_oembed(&c, 0, 1, &page(&url, Some(&image))).expect("an answer");
        let value: Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!(value["type"], "rich");
        assert_eq!(value["version"], "1.0");
        assert_eq!(value["title"], "A vs B — Verdicts");
        assert_eq!(value["provider_name"], "Verdicts");
        assert_eq!(value["provider_url"], ROOT);
        assert_eq!((value["width"].as_u64(), value["height"].as_u64()), (Some(1152), Some(1200)));
        assert_eq!(value["thumbnail_url"], image.as_str());
        assert_eq!((value["thumbnail_width"].as_u64(), value["thumbnail_height"].as_u64()), (Some(1200), Some(630)));
        let name = format!("{} vs {}", c.tools()[0].name, c.tools()[1].name);
        assert_eq!(value["html"], snippet(ROOT, &pair_state(&c, 0, 1), &url, &name), "the partner snippet, as is");
        let html = value["html"].as_str().expect("html");
        assert!(html.contains("A &quot;&lt;b&gt;&quot; &amp; &lt;/script&gt; vs"), "names are escaped: {html}");
        assert_eq!(oembed_url(&url), format!("{url}oembed.json"));
        assert!(pair_oembed(&c, 0, 99, &page(&url, None)).is_none());
    }

    #[test]
    fn a_tool_page_embeds_it_beside_its_alternative_or_is_a_link() {
        let c = catalog();
        let url = format!("{ROOT}tools/{}/", c.tools()[1].id);
        let pair_url = format!("{ROOT}?a={}&b={}", c.tools()[1].id, c.tools()[2].id);
        let rich: Value =
            serde_json::from_str(&tool_oembed(&c, 1, Some((2, &pair_url)), &page(&url, None)).expect("an answer"))
                .expect("JSON");
        assert_eq!(rich["type"], "rich");
        let html = rich["html"].as_str().expect("html");
        assert!(html.contains(&format!(
            "data-verdicts-a=\"{}\" data-verdicts-b=\"{}\"",
            c.tools()[1].id,
            c.tools()[2].id
        )));
        assert!(html.contains("href=\"https://example.com/c/?a=tokyo-lm&amp;b=eclair-api\""), "{html}");
        assert!(rich.get("thumbnail_url").is_none(), "no image, no thumbnail");

        let link: Value =
            serde_json::from_str(&tool_oembed(&c, 1, None, &page(&url, None)).expect("an answer")).expect("JSON");
        assert_eq!(link["type"], "link");
        assert_eq!(link["version"], "1.0");
        assert!(link.get("html").is_none() && link.get("width").is_none());
        assert_eq!(
            serde_json::from_str::<Value>(&tool_oembed(&c, 1, Some((1, &url)), &page(&url, None)).expect("an answer"))
                .expect("JSON")["type"],
            "link",
            "a tool is not its own alternative"
        );
        assert!(tool_oembed(&c, 99, None, &page(&url, None)).is_none());
    }
}
