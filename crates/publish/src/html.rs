//! Assembling a page from the app's `index.html`: its head gets the page's title, description,
//! canonical link, Open Graph and Twitter card tags, its JSON-LD, the links to the feed and to its
//! oEmbed answer, and what the app needs to know of the publication; `#app` gets the rendered comparison and the skeleton.
//!
//! Everything added is marked `data-published` and replaced on the next publication, so the
//! `index.html` of a published site is itself a valid template: publishing again, with another
//! bundle, starts from it.

use lol_html::html_content::ContentType;
use lol_html::{element, rewrite_str, RewriteStrSettings};

use crate::feed::FEED_FILE;
use crate::loader::{defer_app, Preload};
use verdicts::takeover::{inline_script, PRERENDERED_CLASS, SKELETON_CLASS};
use verdicts_catalog::config::{Published, PAGES_META, PAGE_DATA_ID, PUBLISHED_VERSION_META};
use verdicts_catalog::escape::escape_html;
use verdicts_catalog::pages::SITE_NAME;

/// The attribute that marks what publishing added to a page.
const MARK: &str = "data-published";

/// What one page's head says.
#[derive(Clone, Debug)]
pub struct Head {
    pub title: String,
    pub description: String,
    /// The canonical URL (absolute).
    pub canonical: String,
    /// The preview image's URL (absolute).
    pub image: String,
    pub image_alt: String,
    /// The site root relative to the page (`./`, `../`, `../../`), or as an absolute path for a
    /// page served at any depth (`404.html`).
    pub root: String,
    pub published: Published,
    pub version: String,
    /// The shown pair's tools, as JSON of a shard of two (see [`PAGE_DATA_ID`]).
    pub page_data: String,
    /// The page's structured data: JSON-LD texts, one script element each, already safe inside
    /// one (see `verdicts_catalog::pages::structured`).
    pub json_ld: Vec<String>,
    /// The absolute URL of the page's oEmbed answer, if it has one.
    pub oembed: Option<String>,
}

/// The width and height of the preview images.
pub const IMAGE_SIZE: (u32, u32) = (1200, 630);

fn meta(attr: &str, key: &str, content: &str) -> String {
    format!("<meta {attr}=\"{key}\" content=\"{}\" {MARK}>", escape_html(content))
}

fn head_end(head: &Head) -> String {
    let tags = [
        format!("<link rel=\"canonical\" href=\"{}\" {MARK}>", escape_html(&head.canonical)),
        meta("property", "og:type", "website"),
        meta("property", "og:site_name", SITE_NAME),
        meta("property", "og:title", &head.title),
        meta("property", "og:description", &head.description),
        meta("property", "og:url", &head.canonical),
        meta("property", "og:image", &head.image),
        meta("property", "og:image:type", "image/png"),
        meta("property", "og:image:width", &IMAGE_SIZE.0.to_string()),
        meta("property", "og:image:height", &IMAGE_SIZE.1.to_string()),
        meta("property", "og:image:alt", &head.image_alt),
        meta("name", "twitter:card", "summary_large_image"),
        // Relative to the page's base, the site root.
        format!(
            "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"{FEED_FILE}\" title=\"{SITE_NAME}\" {MARK}>"
        ),
        meta("name", PUBLISHED_VERSION_META, &head.version),
        meta("name", PAGES_META, Published::pages_value(head.published.all_pairs)),
        // JSON in an HTML script element: `<` written as an escape, so no text ends the element.
        format!(
            "<script type=\"application/json\" id=\"{PAGE_DATA_ID}\" {MARK}>{}</script>",
            head.page_data.replace('<', "\\u003c")
        ),
    ];
    let oembed = head.oembed.iter().map(|url| {
        format!(
            "<link rel=\"alternate\" type=\"application/json+oembed\" href=\"{}\" title=\"{}\" {MARK}>",
            escape_html(url),
            escape_html(&head.title)
        )
    });
    // JSON-LD, written with every `<` escaped by its maker: no text ends the element.
    let json_ld =
        head.json_ld.iter().map(|text| format!("<script type=\"application/ld+json\" {MARK}>{text}</script>"));
    // No whitespace between the tags: a page published again from this one (a template too)
    // loses them whole, and gains no blank lines.
    tags.into_iter().chain(oembed).chain(json_ld).collect::<Vec<_>>().concat()
}

fn head_start(head: &Head) -> String {
    // Relative URLs (the app's files, the bundle, links) resolve against the site root, one
    // folder up from a pair page, so every page works under any sub-path. The base URL is
    // fixed when the page is read: the icon and the rest keep resolving there after the app
    // moves to another page's URL with the history API.
    let base = format!("<base href=\"{}\" {MARK}>", escape_html(&head.root));
    format!("{base}<script {MARK}>{}</script>", inline_script())
}

/// The page for `head` with `comparison` (the rendered page) and `skeleton` in `#app`, made
/// from `template` (the app's `index.html`, published before or not).
pub fn assemble(template: &str, head: &Head, comparison: &str, skeleton: &str) -> Result<String, String> {
    let mut wasm: Option<Preload> = None;
    let mut module: Option<Preload> = None;
    let start = head_start(head);
    let end = head_end(head);
    let app = format!(
        "<div class=\"{PRERENDERED_CLASS}\">{comparison}</div><div class=\"{SKELETON_CLASS}\">{skeleton}</div>"
    );
    let page = rewrite_str(
        template,
        RewriteStrSettings {
            element_content_handlers: vec![
                element!("[data-published]", |el| {
                    el.remove();
                    Ok(())
                }),
                element!("head", |el| {
                    el.prepend(&start, ContentType::Html);
                    el.append(&end, ContentType::Html);
                    Ok(())
                }),
                element!("title", |el| {
                    el.set_inner_content(&head.title, ContentType::Text);
                    Ok(())
                }),
                element!("meta[name=description]", |el| {
                    el.set_attribute("content", &head.description)?;
                    Ok(())
                }),
                // The wasm and the JS that loads it are fetched after the first paint instead
                // (see `loader::defer_app`).
                element!("link[rel=preload][href$='.wasm']", |el| {
                    wasm = Preload::of(el);
                    el.remove();
                    Ok(())
                }),
                element!("link[rel=modulepreload][href$='.js']", |el| {
                    module = Preload::of(el);
                    el.remove();
                    Ok(())
                }),
                // In a sandboxed iframe the page has an opaque origin, so the style sheet is a
                // cross-origin request: its integrity can be checked only as a CORS request.
                element!("link[rel=stylesheet][integrity]", |el| {
                    el.set_attribute("crossorigin", "anonymous")?;
                    Ok(())
                }),
                element!("#app", |el| {
                    el.set_attribute("data-prerendered", "")?;
                    el.set_inner_content(&app, ContentType::Html);
                    Ok(())
                }),
            ],
            ..RewriteStrSettings::new()
        },
    )
    .map_err(|e| format!("index.html could not be rewritten: {e}"))?;
    defer_app(page, wasm, module)
}

/// Reads a `<meta name="…" content="…">` value of a page.
pub fn meta_content(page: &str, name: &str) -> Option<String> {
    let mut found = None;
    let selector = format!("meta[name=\"{name}\"]");
    let _ = rewrite_str(
        page,
        RewriteStrSettings {
            element_content_handlers: vec![element!(&selector, |el| {
                if found.is_none() {
                    found = el.get_attribute("content");
                }
                Ok(())
            })],
            ..RewriteStrSettings::new()
        },
    );
    found.map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = r#"<!doctype html><html><head><title>T</title>
<meta name="description" content="d">
<meta name="verdicts:signup" content=" https://news.example/ ">
<link rel="modulepreload" href="./v.js" crossorigin="anonymous" integrity="sha384-def">
<link rel="preload" href="./v_bg.wasm" as="fetch" type="application/wasm" crossorigin="anonymous" integrity="sha384-abc">
<script type="module">import init, * as bindings from './v.js'; const wasm = await init({ module_or_path: './v_bg.wasm' }); window.b = bindings;</script>
</head><body><div id="app"></div></body></html>"#;

    fn head(in_folder: bool) -> Head {
        let root = if in_folder { "../" } else { "./" }.to_string();
        Head {
            title: "A & B — Verdicts".into(),
            description: "Panel: \"A\"".into(),
            canonical: "https://x.example/c/a-vs-b/".into(),
            image: "https://x.example/c/a-vs-b/preview.png".into(),
            image_alt: "alt".into(),
            root,
            published: Published { version: "h1".into(), all_pairs: true },
            version: "h1".into(),
            page_data: "{\"quote\":\"</script><b>\"}".into(),
            json_ld: vec!["{\"@type\":\"ItemList\",\"name\":\"\\u003c/script>\"}".into()],
            oembed: Some("https://x.example/c/a-vs-b/oembed.json".into()),
        }
    }

    #[test]
    fn a_page_carries_its_head_and_content_and_publishing_again_replaces_them() -> Result<(), String> {
        let page = assemble(TEMPLATE, &head(true), "<h1>A vs B</h1>", "<p>loading</p>")?;
        assert!(page.contains("<title>A &amp; B — Verdicts</title>"));
        assert!(page.contains("content=\"Panel: &quot;A&quot;\""));
        assert!(page.contains("<base href=\"../\" data-published>"));
        assert!(page.contains("<meta property=\"og:image:width\" content=\"1200\" data-published>"));
        assert!(page.contains("<div id=\"app\" data-prerendered=\"\"><div class=\"prerendered\"><h1>A vs B</h1></div>"));
        assert!(!page.contains("rel=\"preload\"") && !page.contains("rel=\"modulepreload\""));
        assert!(!page.contains("import init"), "no static import: nothing of the app loads with the page");
        assert!(page.contains(
            r#"const WASM = {"href":"./v_bg.wasm","integrity":"sha384-abc"}, MODULE = {"href":"./v.js","integrity":"sha384-def"};"#
        ));
        assert!(page.contains("const wasmBytes = fetch(WASM.href, { integrity: WASM.integrity })"));
        assert!(page.contains("l.href = MODULE.href;\nl.integrity = MODULE.integrity;"));
        assert!(page.contains("l.relList.supports('modulepreload') ? new Promise("));
        assert!(page.contains(".then(() => import(MODULE.href));"));
        assert!(page.contains("const wasm = await init({ module_or_path: wasmBytes }); window.b = bindings;"));
        assert_eq!(meta_content(&page, "verdicts:signup").as_deref(), Some("https://news.example/"));
        assert!(
            page.contains(r#"<script type="application/json" id="verdicts-page-data" data-published>{"quote":"\u003c/script>\u003cb>"}</script>"#),
            "the page's data cannot end its script element"
        );

        assert!(page.contains(
            "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"feed.xml\" title=\"Verdicts\" data-published>"
        ));
        assert!(page.contains(
            "<link rel=\"alternate\" type=\"application/json+oembed\" href=\"https://x.example/c/a-vs-b/oembed.json\" title=\"A &amp; B — Verdicts\" data-published>"
        ));
        assert!(page.contains(
            r#"<script type="application/ld+json" data-published>{"@type":"ItemList","name":"\u003c/script>"}</script>"#
        ));

        let mut other = head(false);
        other.title = "C vs D — Verdicts".into();
        let again = assemble(&page, &other, "<h1>C vs D</h1>", "<p>loading</p>")?;
        assert!(again.contains("<title>C vs D — Verdicts</title>"));
        assert!(!again.contains("A vs B"), "nothing of the earlier page stays");
        assert!(again.contains("<base href=\"./\" data-published>"), "the index's base is itself");
        assert_eq!(again.matches("<base").count(), 1);
        assert_eq!(again.matches("rel=\"canonical\"").count(), 1);
        assert_eq!(again.matches("application/ld+json").count(), 1, "replaced, not added");
        assert_eq!(again.matches("application/json+oembed").count(), 1);
        assert_eq!(again.matches("application/atom+xml").count(), 1);
        assert_eq!(again.matches("const wasmBytes = fetch(").count(), 1, "deferred once");
        assert_eq!(again.matches("import(").count(), 1, "deferred once");
        Ok(())
    }

    #[test]
    fn the_loader_is_found_in_its_script_not_in_a_title_from_data() -> Result<(), String> {
        let mut odd = head(false);
        odd.title = "import init from './v.js'; init({ module_or_path: './v_bg.wasm' })".into();
        let page = assemble(TEMPLATE, &odd, "", "")?;
        assert!(page.contains("<title>import init from './v.js'; init({ module_or_path: './v_bg.wasm' })</title>"));
        assert!(page.contains("const wasm = await init({ module_or_path: wasmBytes });"));
        Ok(())
    }

    #[test]
    fn a_template_without_the_app_is_refused() {
        let refused = assemble("<html><head></head><body><div id=app></div></body></html>", &head(false), "", "");
        assert!(refused.as_ref().is_err_and(|e| e.contains("scripts/build.sh")), "{refused:?}");
    }
}
