//! The steps every publish takes, whole or again (see [`crate::incremental`]): the pages, pair
//! and tool, with their oEmbed answers; their preview images; and the site-wide files written
//! whole each time. Pages and images are made on every core.

use std::path::Path;
use std::sync::Arc;

use verdicts_catalog::bundle::Catalog;
use verdicts_catalog::pages::oembed::OEMBED_FILE;
use verdicts_catalog::pages::{tool_path, Page};
use verdicts_catalog::site_data::ShardTools;

use crate::files::{content_hashed_files, Writing};
use crate::page_render::PageRenderer;
use crate::site_files::robots;
use crate::{feed, headers, preview, sitemaps, tool_pages, Prepared, Report, IMAGE_NAME, NOT_FOUND_PAGE};

/// Writes `pages` and the pages of `tools` (each with its oEmbed answer and, when the settings
/// ask for them, its preview image) into `site`, rendered on every core; gives the policy their
/// inline scripts need.
pub(crate) fn write_pages(
    renderer: &PageRenderer<ShardTools<'_>>,
    pages: &[&Page],
    tools: &[usize],
    site: &Path,
    writing: Writing,
    report: &mut Report,
) -> Result<headers::Policy, String> {
    let mut policy = headers::Policy::default();
    for part in on_every_core(pages, |page, policy| {
        let document = renderer.render_pair(page)?;
        policy.add_page(&document)?;
        writing.write(&site.join(&page.path).join("index.html"), document)?;
        if page.is_canonical() {
            if let Some(answer) = renderer.oembed_answer(page) {
                writing.write(&site.join(&page.path).join(OEMBED_FILE), answer)?;
            }
        }
        Ok(())
    })? {
        policy.merge(part);
    }
    report.pages += pages.len();
    report.canonical += pages.iter().filter(|p| p.is_canonical()).count();
    let ranking = Arc::new(renderer.tools.alternatives().clone());
    for part in on_every_core(tools, |&tool, policy| {
        tool_pages::write_tool_page(renderer, &ranking, tool, site, policy, writing)
    })? {
        policy.merge(part);
    }
    report.tool_pages += tools.len();
    Ok(policy)
}

/// Writes what every publish rewrites whole: `404.html`, the sitemaps, the feed, `robots.txt` and `_headers` (allowing what `policy` names).
pub(crate) fn write_site_files(
    prepared: &Prepared,
    renderer: &PageRenderer<ShardTools<'_>>,
    site: &Path,
    policy: &headers::Policy,
    writing: Writing,
    report: &mut Report,
) -> Result<(), String> {
    let (catalog, pages, base) = (&prepared.catalog, &prepared.pages, &prepared.settings.base_url);
    let mut policy = policy.clone();
    // What a host serves for a path it has no file for: the app, at the site root's absolute
    // path, which shows a comparison beyond the page budget at its folder (or says what it could
    // not find, with the default pair).
    if let Some(document) = renderer.not_found_page(None)? {
        policy.add_page(&document)?;
        writing.write(&site.join(NOT_FOUND_PAGE), document)?;
    }
    let mut urls = sitemaps::pair_page_urls(base, pages, catalog);
    urls.extend(sitemaps::tool_page_urls(base, catalog, pages.tools().iter().copied()));
    for (path, xml) in sitemaps::sitemap_files(base, &urls) {
        writing.write(&site.join(path), xml)?;
    }
    writing.write(&site.join(feed::FEED_FILE), feed::feed(catalog, pages, base, !pages.tools().is_empty()))?;
    writing.write(&site.join("robots.txt"), robots(base))?;
    let immutable = content_hashed_files(site)?;
    writing.write(&site.join("_headers"), policy.headers_file(&prepared.settings.frame_ancestors, &immutable))?;
    report.warnings.extend(catalog.warnings.iter().map(|w| format!("{}: {}", w.path, w.message)));
    Ok(())
}

/// The preview images of `pages` (the canonical ones) and of `tools`' pages, drawn on every core.
pub(crate) fn draw_previews(
    catalog: &Catalog,
    pages: &[&Page],
    tools: &[usize],
    site: &Path,
    writing: Writing,
    report: &mut Report,
) -> Result<(), String> {
    let fonts = preview::Fonts::load();
    if fonts.count() == 0 {
        return Err("no fonts are installed to draw the preview images with (scripts/setup.sh installs them)".into());
    }
    let mut names = String::from("✓ Verdicts vs —…%");
    for tool in catalog.tools() {
        names.push_str(&tool.name);
    }
    let missing = fonts.missing(&names);
    if !missing.is_empty() {
        report.warnings.push(format!(
            "no installed font can draw {} in the preview images; install a font that has them",
            missing.iter().map(|c| format!("“{c}” (U+{:04X})", *c as u32)).collect::<Vec<_>>().join(", ")
        ));
    }
    let canonical: Vec<&Page> = pages.iter().copied().filter(|p| p.is_canonical()).collect();
    on_every_core(&canonical, |page, _| {
        let png = preview::png(&fonts, catalog, page.first, page.second)?;
        writing.write(&site.join(&page.path).join(IMAGE_NAME), png)
    })?;
    on_every_core(tools, |&tool, _| {
        let Some(id) = catalog.tool(tool).map(|t| t.id.as_str()) else {
            return Ok(());
        };
        let png = preview::tool_png(&fonts, catalog, tool)?;
        writing.write(&site.join(tool_path(id)).join(IMAGE_NAME), png)
    })?;
    Ok(())
}

/// Does `work` for each of `items` on every core (up to 8 threads, each with its own share of
/// the items in order), each thread gathering what its pages need of the site's policy.
fn on_every_core<T: Sync>(
    items: &[T],
    work: impl Fn(&T, &mut headers::Policy) -> Result<(), String> + Sync,
) -> Result<Vec<headers::Policy>, String> {
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).min(8);
    let chunk = items.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = items
            .chunks(chunk)
            .map(|part| {
                let work = &work;
                scope.spawn(move || -> Result<headers::Policy, String> {
                    let mut policy = headers::Policy::default();
                    for item in part {
                        work(item, &mut policy)?;
                    }
                    Ok(policy)
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().map_err(|_| "a page could not be rendered".to_string())?).collect()
    })
}
