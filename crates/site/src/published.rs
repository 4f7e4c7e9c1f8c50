//! The published site as the server knows it: its folder, the catalogue read back from its own
//! data files (the entry point `data/catalog.json` and every tool shard of the version it names,
//! so the version always matches the folder), its `index.html` as the template, its base URL, its
//! `_headers` rules, and the page renderer the publisher used. A new publish swapped into the
//! folder is noticed by the entry point's file changing ([`Fingerprint`]).

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use lol_html::{element, rewrite_str, RewriteStrSettings};

use crate::header_rules::HeaderRules;
use verdicts_catalog::bundle::Catalog;
use verdicts_catalog::config::{Published, PAGES_META, PUBLISHED_VERSION_META};
use verdicts_catalog::pages::Pages;
use verdicts_catalog::site_data::{partial_catalog, shard_of, shard_path, Manifest, Shard, ShardTool, ENTRY_POINT};
use verdicts_publish::html::meta_content;
use verdicts_publish::page_render::{PageRenderer, PageTools};

/// What tells one publish of the folder from the next: the entry point's identity, size and time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fingerprint {
    inode: u64,
    len: u64,
    modified: Option<SystemTime>,
}

impl Fingerprint {
    /// The entry point's fingerprint in the site at `dir`.
    pub fn of(dir: &Path) -> Result<Fingerprint, String> {
        let path = dir.join(ENTRY_POINT);
        let meta = fs::metadata(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(&meta);
        #[cfg(not(unix))]
        let inode = 0;
        Ok(Fingerprint { inode, len: meta.len(), modified: meta.modified().ok() })
    }
}

/// The tools a page carries, read from the published shards when a page is rendered: the very
/// values the publisher wrote, and no copy of them kept in memory.
pub struct ShardFiles {
    /// The entry point's folder (`data/`).
    data: PathBuf,
    version: String,
    shards: u32,
    catalog: Arc<Catalog>,
}

impl PageTools for ShardFiles {
    fn page_tool(&self, n: usize) -> Option<ShardTool> {
        let id = &self.catalog.tool(n)?.id;
        let path = self.data.join(shard_path(&self.version, shard_of(id, self.shards)));
        let shard: Shard = serde_json::from_slice(&fs::read(path).ok()?).ok()?;
        shard.tools.into_iter().find(|t| t.n as usize == n)
    }
}

/// One publish of the site folder, loaded.
pub struct Site {
    pub dir: PathBuf,
    pub fingerprint: Fingerprint,
    pub renderer: PageRenderer<ShardFiles>,
    pub headers: HeaderRules,
    /// The path the site is served at: the base URL's, beginning and ending with `/`.
    pub mount: String,
    /// Every tool id, sorted, for suggestions.
    pub ids: Vec<String>,
}

impl Site {
    /// Loads the site published in `dir`; `base_url` overrides the one its `index.html` names
    /// in its canonical link.
    pub fn load(dir: &Path, base_url: Option<&str>) -> Result<Site, String> {
        let fingerprint = Fingerprint::of(dir)?;
        let entry = dir.join(ENTRY_POINT);
        let read = |path: &Path| fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()));
        let manifest: Manifest =
            serde_json::from_str(&read(&entry)?).map_err(|e| format!("{}: {e}", entry.display()))?;
        let data = entry.parent().unwrap_or(dir).to_path_buf();
        let mut shards = Vec::with_capacity(manifest.shards as usize);
        for n in 0..manifest.shards {
            let path = data.join(shard_path(&manifest.version, n));
            let mut shard: Shard =
                serde_json::from_str(&read(&path)?).map_err(|e| format!("{}: {e}", path.display()))?;
            // A publish after a change keeps the shards none of whose tools changed as written.
            if !manifest.knows(&shard.version) {
                return Err(format!("{}: from publish {}, not {}", path.display(), shard.version, manifest.version));
            }
            // With every shard read, every tool is whole: the neighbours that name the others are
            // not needed (a page's own are read from its shard files when it is rendered).
            for tool in &mut shard.tools {
                tool.neighbours = Vec::new();
            }
            shards.push(shard);
        }
        let catalog = partial_catalog(&manifest, &shards).map_err(|e| format!("the site's catalogue: {e:?}"))?;
        drop(shards);
        release_freed_memory();
        if (0..catalog.tools().len()).any(|i| !catalog.is_whole(i)) || catalog.tools().len() != manifest.tools {
            return Err(format!("{}: the shards do not hold all {} tools", data.display(), manifest.tools));
        }
        let index = dir.join("index.html");
        let template = read(&index)?;
        let version = meta_content(&template, PUBLISHED_VERSION_META).unwrap_or_default();
        if version != manifest.version {
            return Err(format!(
                "{}: published as version “{version}”, but the data is version {} (publish again)",
                index.display(),
                manifest.version
            ));
        }
        let all_pairs = meta_content(&template, PAGES_META).as_deref() == Some(Published::pages_value(true));
        let base_url = match base_url {
            Some(url) => verdicts_publish::base_url_of(url)?,
            None => canonical_link(&template)
                .ok_or_else(|| format!("{}: no canonical link; give --base-url", index.display()))
                .and_then(|url| verdicts_publish::base_url_of(&url))?,
        };
        let mount = verdicts_publish::absolute_path(&base_url);
        let headers = HeaderRules::parse(&fs::read_to_string(dir.join("_headers")).unwrap_or_default());
        let catalog = Arc::new(catalog);
        let mut ids: Vec<String> = catalog.tools().iter().map(|t| t.id.clone()).collect();
        ids.sort_unstable();
        // Links follow the rule every publish shares: each pair to its canonical folder.
        let pages = Arc::new(Pages::rule(&catalog));
        let tools =
            ShardFiles { data, version: manifest.version.clone(), shards: manifest.shards, catalog: catalog.clone() };
        let published = Published { version: manifest.version, all_pairs };
        let renderer = PageRenderer::new(template, catalog, pages, published, base_url, tools);
        Ok(Site { dir: dir.to_path_buf(), fingerprint, renderer, headers, mount, ids })
    }

    pub fn catalog(&self) -> &Catalog {
        &self.renderer.catalog
    }

    pub fn version(&self) -> &str {
        &self.renderer.published.version
    }
}

/// Hands the memory freed after reading the shards back to the system: glibc's allocator keeps
/// freed memory for reuse, which after a load leaves the process's resident size at its peak.
fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free heap pages to the system; it takes no pointer.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// The `href` of a page's `<link rel="canonical">`.
fn canonical_link(page: &str) -> Option<String> {
    let mut found = None;
    let _ = rewrite_str(
        page,
        RewriteStrSettings {
            element_content_handlers: vec![element!("link[rel=canonical][href]", |el| {
                if found.is_none() {
                    found = el.get_attribute("href");
                }
                Ok(())
            })],
            ..RewriteStrSettings::new()
        },
    );
    found
}
