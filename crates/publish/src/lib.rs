//! Publishing: one bundle and the built app become the whole static site, with a page of its
//! own for every comparison that has one (see [`verdicts_catalog::pages`]), its link-preview image
//! and oEmbed answer, the sitemaps ([`sitemaps`]), the feed ([`feed`]) and `robots.txt`.
//!
//! The new site is made in a folder beside the live one from the app's files there, with its
//! HTTP headers file ([`headers`]), and swapped in for the live one in one step when all of it is
//! written ([`swap`]): a bad bundle or a failure half-way leaves the live site as it was, and at
//! no moment is there no site.

pub mod data_files;
pub mod feed;
mod files;
pub mod headers;
pub mod html;
pub mod incremental;
mod loader;
pub mod page_render;
pub mod preview;
pub mod render;
pub mod site_files;
pub mod sitemaps;
mod steps;
pub mod swap;
pub mod tool_pages;
mod xml;

use std::fs;
use std::path::Path;
use std::sync::Arc;

use files::{copy_app, Writing};
use page_render::PageRenderer;
use steps::{draw_previews, write_pages, write_site_files};
use verdicts_catalog::bundle::{is_http_url, Catalog, Problem};
use verdicts_catalog::config::Published;
use verdicts_catalog::pages::{Page, Pages, DEFAULT_MAX_PAGES};
use verdicts_catalog::site_data::{self, ShardTools};

/// The name of each page's preview image, in its folder.
pub const IMAGE_NAME: &str = "preview.png";

/// The page hosts serve for a path they have no file for.
pub const NOT_FOUND_PAGE: &str = "404.html";

/// What to publish, and where.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The absolute public URL of the site, with its trailing slash.
    pub base_url: String,
    /// The page budget: at most this many pair pages (see [`Pages::plan`]).
    pub max_pages: usize,
    /// Who may embed the pages: the CSP's `frame-ancestors` (`*` by default).
    pub frame_ancestors: String,
    /// Whether to draw the pages' preview images (true by default; off to time the pages alone).
    pub previews: bool,
    /// Whether publishing over a published site writes only what changed (true by default; off,
    /// everything is written again).
    pub incremental: bool,
}

impl Settings {
    /// Settings for `base_url` (checked and given its trailing slash) with the default limit.
    pub fn new(base_url: &str) -> Result<Settings, String> {
        Ok(Settings {
            base_url: base_url_of(base_url)?,
            max_pages: DEFAULT_MAX_PAGES,
            frame_ancestors: "*".into(),
            previews: true,
            incremental: true,
        })
    }
}

/// Why publishing stopped.
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    /// The bundle would be refused by the app: every problem, with its JSON path.
    #[error("the bundle has {} problem(s)", .0.len())]
    Bundle(Vec<Problem>),
    /// Anything else, in words.
    #[error("{0}")]
    Other(String),
}

impl From<String> for PublishError {
    fn from(message: String) -> Self {
        PublishError::Other(message)
    }
}

/// What was published.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Pages written, the index included.
    pub pages: usize,
    /// Of which canonical (listed in the sitemap, with a preview image).
    pub canonical: usize,
    /// Whether every pair has a page.
    pub all_pairs: bool,
    /// Tool pages written (`tools/<id>/`, each canonical, with a preview image).
    pub tool_pages: usize,
    /// What the publisher should know: characters no font can draw, bundle warnings.
    pub warnings: Vec<String>,
    /// The catalogue's data files.
    pub data: data_files::DataReport,
    /// Set when only what changed since the last publish was written: what changed.
    pub again: Option<incremental::Again>,
}

/// Checks a public base URL and gives it its trailing slash.
pub fn base_url_of(url: &str) -> Result<String, String> {
    let url = url.trim();
    if !is_http_url(url) {
        return Err(format!("--base-url must be an absolute http or https URL, not “{url}”"));
    }
    if url.contains(['?', '#']) {
        return Err(format!("--base-url must have no query or fragment: “{url}”"));
    }
    Ok(if url.ends_with('/') { url.to_string() } else { format!("{url}/") })
}

/// Publishes `bundle_text` with the app built in `site` as the new site there.
///
/// When `site` was published before, by this publisher, with the same settings, app and tools,
/// only what the change touches is written, in place, each file replaced in one step
/// ([`incremental`]). Otherwise the new site is made in `SITE.publishing` beside it, then swapped
/// in for it in one step. On any error `site` is as it was (or, in place, a mix of whole pages
/// of the two publishes, each of which the app shows with the current data) and the next
/// publish writes everything.
pub fn publish_site(site: &Path, bundle_text: &str, settings: &Settings) -> Result<Report, PublishError> {
    let mut prepared = Prepared::new(site, bundle_text, settings)?;
    if settings.incremental {
        match incremental::publish_again(site, prepared)? {
            Ok(report) => return Ok(report),
            Err(back) => prepared = back,
        }
    }
    let stage = swap::stage_beside(site);
    let published = publish_prepared(site, &stage, prepared).and_then(|report| {
        swap::swap_in(&stage, site).map_err(PublishError::Other)?;
        Ok(report)
    });
    if published.is_err() {
        // Best effort: a half-made folder is not a site; the live one was not touched.
        let _ = fs::remove_dir_all(&stage);
    }
    published
}

/// Publishes `bundle_text` with the app in `app_dir` into the new folder `stage_dir`.
pub fn publish(
    app_dir: &Path,
    stage_dir: &Path,
    bundle_text: &str,
    settings: &Settings,
) -> Result<Report, PublishError> {
    publish_prepared(app_dir, stage_dir, Prepared::new(app_dir, bundle_text, settings)?)
}

/// What every publish of a bundle starts from: the catalogue, the app's page template, the page
/// plan and the data files, with what they were made from (to tell what changed since).
pub(crate) struct Prepared<'a> {
    pub catalog: Arc<Catalog>,
    pub template: String,
    pub pages: Arc<Pages>,
    pub all_pairs: bool,
    pub data: verdicts_catalog::site_data::SiteData,
    pub bundle_text: &'a str,
    pub settings: &'a Settings,
    pub inputs: incremental::Inputs,
}

impl<'a> Prepared<'a> {
    fn new(app_dir: &Path, bundle_text: &'a str, settings: &'a Settings) -> Result<Prepared<'a>, PublishError> {
        let catalog = Catalog::from_text(bundle_text).map_err(|e| PublishError::Bundle(e.problems()))?;
        if catalog.default_pair().is_none() {
            return Err(PublishError::Other(format!(
                "the bundle has {} tool(s); a comparison needs at least two",
                catalog.tools().len()
            )));
        }
        let template = fs::read_to_string(app_dir.join("index.html")).map_err(|e| {
            format!("{}: {e} (build the app first: scripts/build.sh)", app_dir.join("index.html").display())
        })?;
        let all_pairs = every_pair_fits(&catalog, settings.max_pages);
        let data = site_data::build_shards(&catalog, all_pairs, data_files::bundle_download(bundle_text));
        let pages = Arc::new(Pages::plan(&catalog, settings.max_pages));
        let inputs = incremental::Inputs::of(&template, settings, &data)?;
        Ok(Prepared { catalog: Arc::new(catalog), template, pages, all_pairs, data, bundle_text, settings, inputs })
    }

    /// The renderer of this publish's pages, which name `version`.
    fn renderer(&self) -> PageRenderer<ShardTools<'_>> {
        let published = Published { version: self.data.manifest.version.clone(), all_pairs: self.all_pairs };
        PageRenderer::new(
            self.template.clone(),
            self.catalog.clone(),
            self.pages.clone(),
            published,
            self.settings.base_url.clone(),
            ShardTools::new(&self.catalog),
        )
    }
}

/// Publishes `prepared` with the app in `app_dir` into the new folder `stage_dir`: everything.
fn publish_prepared(app_dir: &Path, stage_dir: &Path, mut prepared: Prepared) -> Result<Report, PublishError> {
    if stage_dir.exists() {
        fs::remove_dir_all(stage_dir).map_err(|e| format!("{}: {e}", stage_dir.display()))?;
    }
    fs::create_dir_all(stage_dir).map_err(|e| format!("{}: {e}", stage_dir.display()))?;
    copy_app(app_dir, stage_dir)?;
    prepared.data.index_names(&prepared.catalog);
    let data = data_files::write_data(stage_dir, &prepared.data, prepared.bundle_text, None, Writing::Fresh)?;
    data_files::write_entry(stage_dir, &prepared.data, Writing::Fresh)?;
    let renderer = prepared.renderer();
    let all_pages: Vec<&Page> = prepared.pages.all().iter().collect();
    let mut report = Report { all_pairs: prepared.all_pairs, data, ..Report::default() };
    let tools = prepared.pages.tools();
    let policy = write_pages(&renderer, &all_pages, tools, stage_dir, Writing::Fresh, &mut report)?;
    if prepared.settings.previews {
        draw_previews(&prepared.catalog, &all_pages, tools, stage_dir, Writing::Fresh, &mut report)?;
    }
    write_site_files(&prepared, &renderer, stage_dir, &policy, Writing::Fresh, &mut report)?;
    incremental::State::of(&prepared, policy, Vec::new()).write(stage_dir, Writing::Fresh)?;
    Ok(report)
}

/// Writes only the catalogue's data files of `bundle_text` into `out/data` (an older version's
/// files there removed), for a development server that serves the app alone.
pub fn publish_data(out: &Path, bundle_text: &str, max_pages: usize) -> Result<data_files::DataReport, PublishError> {
    let catalog = Catalog::from_text(bundle_text).map_err(|e| PublishError::Bundle(e.problems()))?;
    let versions = out.join("data").join(verdicts_catalog::site_data::VERSIONED_FOLDER);
    if versions.exists() {
        fs::remove_dir_all(&versions).map_err(|e| format!("{}: {e}", versions.display()))?;
    }
    let data =
        site_data::build(&catalog, every_pair_fits(&catalog, max_pages), data_files::bundle_download(bundle_text));
    let report = data_files::write_data(out, &data, bundle_text, None, Writing::Fresh)?;
    data_files::write_entry(out, &data, Writing::Fresh)?;
    Ok(report)
}

/// The path of an absolute URL (`https://example.com/tools/compare/` → `/tools/compare/`).
pub fn absolute_path(url: &str) -> String {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    after_scheme.find('/').map_or_else(|| "/".to_string(), |i| after_scheme[i..].to_string())
}

/// The site root relative to a page at `path` (a folder under the root, or empty): `./`, `../`…
pub fn root_from(path: &str) -> String {
    match path.trim_end_matches('/').matches('/').count() + usize::from(!path.is_empty()) {
        0 => "./".to_string(),
        depth => "../".repeat(depth),
    }
}

/// Whether every pair of `catalog` gets a page within the budget of `max_pages`.
fn every_pair_fits(catalog: &Catalog, max_pages: usize) -> bool {
    let n = catalog.tools().len();
    n.saturating_mul(n.saturating_sub(1)) / 2 <= max_pages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_are_absolute_and_end_with_a_slash() {
        assert_eq!(base_url_of("https://example.com/tools/compare"), Ok("https://example.com/tools/compare/".into()));
        assert_eq!(base_url_of(" http://127.0.0.1:8080/ "), Ok("http://127.0.0.1:8080/".into()));
        assert!(base_url_of("/tools/compare/").is_err());
        assert!(base_url_of("javascript:alert(1)").is_err());
        assert!(base_url_of("https://example.com/?x=1").is_err());
    }

    #[test]
    fn roots_and_absolute_paths() {
        assert_eq!(root_from(""), "./");
        assert_eq!(root_from("a-vs-b/"), "../");
        assert_eq!(root_from("tools/a/"), "../../");
        assert_eq!(absolute_path("https://example.com/tools/compare/"), "/tools/compare/");
        assert_eq!(absolute_path("http://127.0.0.1:8080/"), "/");
        assert_eq!(absolute_path("https://example.com"), "/");
    }
}
