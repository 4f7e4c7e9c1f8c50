//! The record a publish leaves in the site ([`STATE_FILE`]) and the digests it holds: what
//! every page shows ([`Inputs::site`]), each tool's data, the name index's input, the publisher's
//! own build. Comparing two records says what a publish again must write.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::sync::OnceLock;
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};
use verdicts_catalog::bundle::{bytes_hash, content_hash};
use verdicts_catalog::config::Published;
use verdicts_catalog::site_data::{Earlier, Manifest, SiteData, API_VERSION, ENTRY_POINT, LAYOUT_REVISION};

use super::STATE_FILE;
use crate::files::Writing;
use crate::{headers, html, Prepared, Settings};

/// The record's format; another one is not read.
const FORMAT: u32 = 1;

/// What the pages and data files of a publish are made from, as digests.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inputs {
    /// What every page shows or depends on.
    pub site: String,
    /// The tools' ids, in bundle order.
    pub ids: Vec<String>,
    /// Each tool's data as its shard holds it, in bundle order.
    pub tools: Vec<String>,
    /// The pickers' name index: every tool's name, vendor and category.
    pub names: String,
}

impl Inputs {
    pub(crate) fn of(template: &str, settings: &Settings, data: &SiteData) -> Result<Inputs, String> {
        let manifest = &data.manifest;
        let count: usize = data.shards.iter().map(|s| s.tools.len()).sum();
        let mut ids = vec![String::new(); count];
        let mut tools = vec![String::new(); count];
        let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).min(8);
        let share = data.shards.len().div_ceil(threads).max(1);
        let digests: Vec<Vec<(usize, String, String)>> = std::thread::scope(|scope| {
            let workers: Vec<_> = data
                .shards
                .chunks(share)
                .map(|shards| {
                    scope.spawn(move || -> Result<Vec<(usize, String, String)>, String> {
                        let mut out = Vec::new();
                        let mut buffer = Vec::new();
                        for tool in shards.iter().flat_map(|s| &s.tools) {
                            buffer.clear();
                            serde_json::to_writer(&mut buffer, tool).map_err(|e| e.to_string())?;
                            out.push((tool.n as usize, tool.tool.id.clone(), bytes_hash(&buffer)));
                        }
                        Ok(out)
                    })
                })
                .collect();
            workers
                .into_iter()
                .map(|w| w.join().map_err(|_| "a tool's digest failed".to_string())?)
                .collect::<Result<Vec<_>, String>>()
        })?;
        for (n, id, digest) in digests.into_iter().flatten() {
            if let (Some(i), Some(d)) = (ids.get_mut(n), tools.get_mut(n)) {
                *i = id;
                *d = digest;
            }
        }
        let featured: BTreeSet<&str> =
            manifest.featured.iter().chain([&manifest.default]).flatten().map(String::as_str).collect();
        let featured_entries: Vec<_> = manifest.entries.iter().filter(|e| featured.contains(e.id.as_str())).collect();
        let site = serde_json::to_string(&(
            (API_VERSION, LAYOUT_REVISION, env!("CARGO_PKG_VERSION"), publisher()),
            (&settings.base_url, &settings.frame_ancestors, settings.previews, settings.max_pages),
            page_template(template)?,
            (&manifest.site, &manifest.default, &manifest.featured, featured_entries),
            (manifest.tools, manifest.shards, &manifest.bundle),
        ))
        .map_err(|e| e.to_string())?;
        Ok(Inputs { site: content_hash(&site), ids, tools, names: names_digest(data) })
    }
}

/// The digest of the name index's input: every tool's id, name, vendor and category.
fn names_digest(data: &SiteData) -> String {
    let mut text = String::new();
    let mut tools: Vec<_> = data.shards.iter().flat_map(|s| &s.tools).collect();
    tools.sort_by_key(|t| t.n);
    for t in tools {
        let tool = &t.tool;
        text.push_str(&format!(
            "{}\t{}\t{}\t{}\n",
            tool.id,
            tool.name,
            tool.vendor.as_deref().unwrap_or(""),
            tool.category
        ));
    }
    content_hash(&text)
}

/// The publisher's own build, by its executable's size and time: another build of it publishes
/// everything again. (Its bytes' hash would cost seconds for a debug build's executable.)
fn publisher() -> &'static str {
    static BUILD: OnceLock<String> = OnceLock::new();
    BUILD.get_or_init(|| {
        let meta = std::env::current_exe().and_then(fs::metadata);
        let time = meta.as_ref().ok().and_then(|m| m.modified().ok()).and_then(|t| t.duration_since(UNIX_EPOCH).ok());
        match (meta, time) {
            (Ok(meta), Some(time)) => format!("{} {}", meta.len(), time.as_nanos()),
            // Unknown: never the same twice, so every publish is a full one.
            _ => format!("unknown {:?}", std::time::SystemTime::now()),
        }
    })
}

/// The page template as the pages come out of it: a published page (which is a template too) and
/// the built app's `index.html` give the same.
fn page_template(template: &str) -> Result<String, String> {
    let head = html::Head {
        title: String::new(),
        description: String::new(),
        canonical: String::new(),
        image: String::new(),
        image_alt: String::new(),
        root: String::new(),
        published: Published { version: String::new(), all_pairs: false },
        version: String::new(),
        page_data: String::new(),
        json_ld: Vec::new(),
        oembed: None,
    };
    let page = html::assemble(template, &head, "", "")?;
    // Publishing onto a published page leaves blank lines where the last publish's tags were.
    Ok(page.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// What one publish recorded.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct State {
    format: u32,
    pub(super) version: String,
    pub(super) inputs: Inputs,
    /// The pair pages' folders.
    pub(super) pages: Vec<String>,
    /// The publishes before this one since the last full one, newest first (as the entry point).
    pub(super) history: Vec<Earlier>,
    /// What the pages' inline scripts need of the policy.
    pub(super) policy: headers::Policy,
}

impl State {
    pub(crate) fn of(prepared: &Prepared, policy: headers::Policy, history: Vec<Earlier>) -> State {
        State {
            format: FORMAT,
            version: prepared.data.manifest.version.clone(),
            inputs: prepared.inputs.clone(),
            pages: prepared.pages.all().iter().map(|p| p.path.clone()).collect(),
            history,
            policy,
        }
    }

    pub(crate) fn write(&self, site: &Path, writing: Writing) -> Result<(), String> {
        let text = serde_json::to_string(self).map_err(|e| format!("the publish's record: {e}"))?;
        writing.write(&site.join(STATE_FILE), text)
    }

    /// The record of the site in `site`, if it is one of this format and the site's entry point
    /// is the publish it describes.
    pub(super) fn read(site: &Path) -> Option<(State, Manifest)> {
        let state: State = serde_json::from_str(&fs::read_to_string(site.join(STATE_FILE)).ok()?).ok()?;
        let entry: Manifest = serde_json::from_str(&fs::read_to_string(site.join(ENTRY_POINT)).ok()?).ok()?;
        (state.format == FORMAT && entry.version == state.version).then_some((state, entry))
    }
}
