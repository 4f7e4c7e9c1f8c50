//! One pair page, whole: the app's `index.html` with the page's head ([`html::assemble`]), the
//! comparison rendered by the app's components ([`render`]), the pair's data for the takeover,
//! and its preview image. The publisher renders every page of its plan with a [`PageRenderer`];
//! the site server renders the pages a publish left out with the same one, on request, so a page
//! is the same bytes whichever wrote it.

use std::sync::Arc;

use verdicts_catalog::bundle::Catalog;
use verdicts_catalog::config::{Published, SIGNUP_META};
use verdicts_catalog::pages::oembed::{oembed_url, pair_oembed, PageRef};
use verdicts_catalog::pages::structured::pair_page_json_ld;
use verdicts_catalog::pages::{description, image_alt, title, Page, Pages, SITE_NAME};
use verdicts_catalog::site_data::{Shard, ShardTool, ShardTools, API_VERSION};

use crate::preview::{self, Fonts};
use crate::{absolute_path, html, render, root_from, IMAGE_NAME};
use verdicts_catalog::bundle::is_http_url;

/// Where a page's data comes from: each tool as a shard holds it. The publisher ranks them from
/// the bundle ([`ShardTools`]); the site server reads them from the published shards.
pub trait PageTools: Sync {
    /// The `n`th tool of the bundle as a shard holds it.
    fn page_tool(&self, n: usize) -> Option<ShardTool>;
}

impl PageTools for ShardTools<'_> {
    fn page_tool(&self, n: usize) -> Option<ShardTool> {
        self.tool(n)
    }
}

/// Everything a pair page is made of but the pair: the template, the catalogue and its pages,
/// the publish's version, the newsletter link, the loading skeleton and the public base URL.
pub struct PageRenderer<T> {
    /// The app's `index.html` (a published one is a template too).
    pub template: String,
    pub catalog: Arc<Catalog>,
    pub pages: Arc<Pages>,
    /// The publish the pages belong to (its version, whether every pair has a page).
    pub published: Published,
    /// The newsletter signup link the template names, when it is an http(s) URL.
    pub signup: Option<String>,
    /// The loading skeleton, shown instead of the comparison when a link asks for another view.
    pub skeleton: String,
    /// The absolute public URL of the site, with its trailing slash.
    pub base_url: String,
    /// The tools as the pages' data carries them.
    pub tools: T,
}

impl<T: PageTools> PageRenderer<T> {
    /// A renderer of `catalog`'s pages for the publish `published`, from `template`.
    pub fn new(
        template: String,
        catalog: Arc<Catalog>,
        pages: Arc<Pages>,
        published: Published,
        base_url: String,
        tools: T,
    ) -> PageRenderer<T> {
        let signup = html::meta_content(&template, SIGNUP_META).filter(|u| is_http_url(u));
        PageRenderer { template, catalog, pages, published, signup, skeleton: render::skeleton_html(), base_url, tools }
    }

    /// The whole page of `page`'s pair, as written into its folder.
    pub fn render_pair(&self, page: &Page) -> Result<String, String> {
        let comparison =
            render::comparison_html(self.catalog.clone(), self.pages.clone(), &page.path, self.signup.clone())
                .ok_or_else(|| "the bundle has fewer than two tools".to_string())?;
        html::assemble(&self.template, &self.pair_head(page)?, &comparison, &self.skeleton)
    }

    /// The head of `page`'s pair: title, description, canonical link, Open Graph, structured data,
    /// oEmbed link and the page's data.
    pub fn pair_head(&self, page: &Page) -> Result<html::Head, String> {
        let (a, b) = (page.first, page.second);
        let catalog = &self.catalog;
        let base = &self.base_url;
        let canonical = format!("{base}{}", page.canonical);
        Ok(html::Head {
            title: title(catalog, a, b),
            description: description(catalog, a, b),
            canonical: canonical.clone(),
            image: format!("{base}{}{IMAGE_NAME}", page.canonical),
            image_alt: image_alt(catalog, a, b),
            root: root_from(&page.path),
            published: self.published.clone(),
            version: self.published.version.clone(),
            page_data: self.page_data(a, b)?,
            json_ld: pair_page_json_ld(catalog, a, b, base, &page.canonical),
            oembed: Some(oembed_url(&canonical)),
        })
    }

    /// The oEmbed answer of `page`'s pair (its canonical page's), as written beside it.
    pub fn oembed_answer(&self, page: &Page) -> Option<String> {
        let base = &self.base_url;
        let url = format!("{base}{}", page.canonical);
        let title = title(&self.catalog, page.first, page.second);
        let image = format!("{base}{}{IMAGE_NAME}", page.canonical);
        let at = PageRef { root: base, url: &url, title: &title, image: Some(&image) };
        pair_oembed(&self.catalog, page.first, page.second, &at)
    }

    /// What a host serves for a path it has no file for (`404.html`): the app, at the site
    /// root's absolute path, with `notice` (HTML, e.g. the ids nearest to the ones asked for)
    /// shown with scripts off, else the loading skeleton. `None` when the bundle has no pair.
    pub fn not_found_page(&self, notice: Option<&str>) -> Result<Option<String>, String> {
        let Some((a, b)) = self.catalog.default_pair() else {
            return Ok(None);
        };
        let catalog = &self.catalog;
        let base = &self.base_url;
        let head = html::Head {
            title: format!("Page not found — {SITE_NAME}"),
            description: description(catalog, a, b),
            canonical: base.clone(),
            image: format!("{base}{IMAGE_NAME}"),
            image_alt: image_alt(catalog, a, b),
            root: absolute_path(base),
            published: self.published.clone(),
            version: self.published.version.clone(),
            page_data: self.page_data(a, b)?,
            // Not a page of its own: nothing to describe to search engines or to embed.
            json_ld: Vec::new(),
            oembed: None,
        };
        let shown = notice.map_or_else(|| self.skeleton.clone(), str::to_string);
        html::assemble(&self.template, &head, &shown, &self.skeleton).map(Some)
    }

    /// The preview image of `page`'s pair: a 1200 × 630 PNG.
    pub fn preview_png(&self, fonts: &Fonts, page: &Page) -> Result<Vec<u8>, String> {
        preview::png(fonts, &self.catalog, page.first, page.second)
    }

    /// The data a page of the pair `a`, `b` carries: the two tools as a shard of their own.
    fn page_data(&self, a: usize, b: usize) -> Result<String, String> {
        let tools: Vec<ShardTool> = [a, b].iter().filter_map(|&n| self.tools.page_tool(n)).collect();
        if tools.len() != 2 {
            return Err(format!("the data of tools {a} and {b} could not be read"));
        }
        let shard = Shard { api: API_VERSION, version: self.published.version.clone(), shard: u32::MAX, tools };
        serde_json::to_string(&shard).map_err(|e| format!("a page's data could not be written: {e}"))
    }
}
