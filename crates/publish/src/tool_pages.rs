//! The tool pages: one per tool whose id can name a folder ([`Pages::tools`]), at `tools/<id>/`,
//! rendered with the app's own components (the tool's card, its panel verdict in words, pricing
//! with the cost calculator, the reviews by role, the community vote, and "Compare with …": the
//! featured pairs it is in and its alternatives), with its own title, description, canonical
//! link, Open Graph tags and 1200 × 630 preview image, and its data in the page for the live app
//! to take over with.
//!
//! The alternatives come from the one ranking the publish made ([`ShardTools::alternatives`]):
//! a page costs a few steps of it, whatever the catalogue's size.

use std::path::Path;
use std::sync::Arc;

use leptos::prelude::*;

use crate::files::Writing;
use crate::page_render::PageRenderer;
use crate::{headers, html, root_from, IMAGE_NAME};
use verdicts::components::site_chrome::{About, SiteFooter, SiteHeader};
use verdicts::components::tool_page::ToolPage;
use verdicts::data::Shared;
use verdicts::navigation::Navigation;
use verdicts::pair::Pair;
use verdicts::tool_view::ToolView;
use verdicts::vote_store::VoteStore;
use verdicts_catalog::bundle::Catalog;
use verdicts_catalog::pages::oembed::{oembed_url, tool_oembed, PageRef, OEMBED_FILE};
use verdicts_catalog::pages::structured::tool_page_json_ld;
use verdicts_catalog::pages::{
    location_for, pair_state, tool_description, tool_image_alt, tool_path, tool_title, Alternatives, Location, Pages,
};
use verdicts_catalog::site_data::{Shard, ShardTools, API_VERSION};

/// Writes the page of `tool` (and its oEmbed answer) into `stage_dir`, and adds its inline
/// script to `policy`. Its alternatives come from `ranking`, the one ranking of the publish.
pub(crate) fn write_tool_page(
    renderer: &PageRenderer<ShardTools<'_>>,
    ranking: &Arc<Alternatives>,
    tool: usize,
    stage_dir: &Path,
    policy: &mut headers::Policy,
    writing: Writing,
) -> Result<(), String> {
    let (catalog, base) = (&renderer.catalog, &renderer.base_url);
    let Some(id) = catalog.tool(tool).map(|t| t.id.clone()) else {
        return Ok(());
    };
    let path = tool_path(&id);
    let body = tool_html(catalog.clone(), renderer.pages.clone(), ranking.clone(), &path, renderer.signup.clone())
        .ok_or_else(|| "the bundle has fewer than two tools".to_string())?;
    let page_data = Shard {
        api: API_VERSION,
        version: renderer.published.version.clone(),
        shard: u32::MAX,
        tools: renderer.tools.tool(tool).into_iter().collect(),
    };
    let canonical = format!("{base}{path}");
    let image = format!("{base}{path}{IMAGE_NAME}");
    let head = html::Head {
        title: tool_title(catalog, tool),
        description: tool_description(catalog, tool),
        canonical: canonical.clone(),
        image: image.clone(),
        image_alt: tool_image_alt(catalog, tool),
        root: root_from(&path),
        published: renderer.published.clone(),
        version: renderer.published.version.clone(),
        page_data: serde_json::to_string(&page_data).map_err(|e| format!("a page's data could not be written: {e}"))?,
        json_ld: tool_page_json_ld(catalog, tool, base),
        oembed: Some(oembed_url(&canonical)),
    };
    let document = html::assemble(&renderer.template, &head, &body, &renderer.skeleton)?;
    policy.add_page(&document)?;
    writing.write(&stage_dir.join(&path).join("index.html"), document)?;
    // The oEmbed answer: the tool beside its first alternative, at the pair's canonical URL.
    let first = ranking.of(tool, 1).first().copied();
    let pair_url = first.map(|o| location_for(&pair_state(catalog, tool, o), &renderer.pages, catalog, None).url(base));
    let title = tool_title(catalog, tool);
    let at = PageRef { root: base, url: &canonical, title: &title, image: Some(&image) };
    if let Some(answer) = tool_oembed(catalog, tool, first.zip(pair_url.as_deref()), &at) {
        writing.write(&stage_dir.join(&path).join(OEMBED_FILE), answer)?;
    }
    Ok(())
}

/// The page of the tool at `path` (`tools/<id>/`: header, the tool and footer) as HTML; `None`
/// when the bundle has fewer than two tools. Links are relative to the site root.
pub fn tool_html(
    catalog: Arc<Catalog>,
    pages: Arc<Pages>,
    ranking: Arc<Alternatives>,
    path: &str,
    signup_url: Option<String>,
) -> Option<String> {
    let owner = Owner::new();
    owner.with(|| {
        let nav = Navigation::at(String::new(), Location { path: path.to_string(), query: String::new() });
        provide_context(nav);
        let votes = VoteStore::load(catalog.bundle.key(), None);
        let about = Some(About::of(&catalog.bundle));
        let catalog = Memo::new(move |_| Shared(catalog.clone()));
        let pages = Memo::new(move |_| Shared(pages.clone()));
        // The pair links and the picker go through the comparison's actions.
        let pair = Pair::new(catalog, nav, pages, None)?;
        provide_context(pair);
        provide_context(ToolView::new(catalog, nav, None, Some(ranking)));
        provide_context(votes);
        Some(
            view! {
                <SiteHeader/>
                <main id="main" class="page"><ToolPage/></main>
                <SiteFooter signup_url about/>
            }
            .to_html(),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use verdicts_catalog::bundle::generate::generate;

    /// How long one tool preview takes to draw (run with `--release -- --ignored --nocapture`).
    #[test]
    #[ignore = "a measurement, not a check"]
    fn tool_preview_time() -> Result<(), String> {
        let catalog = Catalog::new(generate(60, 4, 3)).map_err(|e| e.to_string())?;
        let fonts = crate::preview::Fonts::load();
        let started = std::time::Instant::now();
        let mut bytes = 0;
        for tool in 0..60 {
            bytes += crate::preview::tool_png(&fonts, &catalog, tool)?.len();
        }
        let each = started.elapsed().as_secs_f64() * 1000.0 / 60.0;
        println!("tool preview: {each:.1} ms per image on one core, {} B on average", bytes / 60);
        Ok(())
    }
}
