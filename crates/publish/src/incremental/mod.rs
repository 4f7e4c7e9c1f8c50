//! Publishing again after a change: only the pages, data files and images whose inputs changed,
//! written in place.
//!
//! Every publish leaves its record in the site, [`STATE_FILE`]: its version, the digest of what
//! every page shows ([`Inputs::site`]: the app's page template, the settings, the catalogue's own
//! settings and its featured pairs, the publisher itself), and for each tool the digest of all its
//! shard holds of it (its reviews, its community counts, the names of the tools it lists).
//! Publishing over that site again, with the same site digest and the same tools in the same
//! order, writes:
//! - the page of each changed tool, the pair pages either of whose tools changed or that the
//!   page plan adds, the index and `404.html`, with their oEmbed answers and preview images; the
//!   pair pages the plan dropped are removed;
//! - a new version of the data, in which the shards none of whose tools changed (and the name
//!   files, when no name changed) are links to the previous version's files;
//! - the sitemaps, the feed, `robots.txt` and `_headers`, whole (they are small);
//! - the entry point last but one, naming in its `history` the publish before and the tools it
//!   changed. A page left as it was names an earlier publish: the app shows that page's own data
//!   while none of its tools changed since ([`Manifest::serves`]), else it reads the shards.
//!
//! Every file is replaced in one step (written beside it, then renamed). Anything else (a tool
//! added, removed or moved, other settings, another build of the app or of the publisher, more
//! than [`MAX_AGAIN`] publishes in a row or [`MAX_CHANGED`] changed tools since the last full
//! publish, a record that does not match the site) publishes everything, as the first time.
//!
//! [`Manifest::serves`]: verdicts_catalog::site_data::Manifest::serves

use std::collections::HashSet;
use std::fs;
use std::path::Path;

use verdicts_catalog::pages::Page;
use verdicts_catalog::site_data::{Earlier, ENTRY_POINT, VERSIONED_FOLDER};

use crate::data_files::{self, Kept};
use crate::files::Writing;
use crate::steps::{draw_previews, write_pages, write_site_files};
use crate::{Prepared, PublishError, Report};

mod record;

pub use record::Inputs;
pub(crate) use record::State;

/// The publish's record, in the site's root folder. Hosts may leave it out of an upload: only
/// the publisher reads it.
pub const STATE_FILE: &str = ".verdicts-publish.json";
/// Publishes in a row that write only what changed; the next one writes everything.
pub const MAX_AGAIN: usize = 16;
/// Changed tools since the last full publish (what the entry point's history lists) past which
/// the next publish writes everything, so that the entry point stays small.
pub const MAX_CHANGED: usize = 200;

/// What a publish that wrote only what changed did.
#[derive(Clone, Debug, Default)]
pub struct Again {
    /// The publish before it.
    pub since: String,
    /// Tools whose data changed.
    pub changed: usize,
    /// Pair pages removed (the plan dropped them).
    pub removed: usize,
}

/// Publishes `prepared` over the site in `site` writing only what changed since the publish
/// that made it; `None` when that cannot be done, and everything must be published.
pub(crate) fn publish_again<'a>(
    site: &Path,
    prepared: Prepared<'a>,
) -> Result<Result<Report, Prepared<'a>>, PublishError> {
    let Some((state, live)) = State::read(site) else {
        return Ok(Err(prepared));
    };
    let (was, now) = (&state.inputs, &prepared.inputs);
    if was.site != now.site || was.ids != now.ids || was.tools.len() != now.tools.len() {
        return Ok(Err(prepared));
    }
    let changed: Vec<usize> = (0..now.tools.len()).filter(|&n| was.tools[n] != now.tools[n]).collect();
    let changed_ids: Vec<String> = changed.iter().map(|&n| now.ids[n].clone()).collect();
    let names_kept = was.names == now.names;
    let version = prepared.data.manifest.version.clone();
    let mut history = Vec::with_capacity(state.history.len() + 1);
    if version != state.version {
        history.push(Earlier { version: state.version.clone(), changed: changed_ids });
    }
    // A publish back to an earlier one's data is that publish: its pages are current again.
    history.extend(state.history.iter().filter(|e| e.version != version).cloned());
    let changed_since: usize = history.iter().map(|e| e.changed.len()).sum();
    if history.len() > MAX_AGAIN || changed_since > MAX_CHANGED {
        return Ok(Err(prepared));
    }
    let mut prepared = prepared;
    prepared.data.manifest.history = history.clone();
    let is_changed: HashSet<usize> = changed.iter().copied().collect();

    // The data: the shards of changed tools and, if a name changed, the name files, written; the
    // rest linked from the version before. The entry point comes last.
    // The name files are made only when a name changed (they are most of the data's time).
    let names = if names_kept {
        prepared.data.manifest.names = live.names;
        prepared.data.manifest.names.clone()
    } else {
        prepared.data.index_names(&prepared.catalog);
        Vec::new()
    };
    let kept = Kept {
        version: &state.version,
        shards: prepared
            .data
            .shards
            .iter()
            .map(|s| s.tools.iter().all(|t| !is_changed.contains(&(t.n as usize))))
            .collect(),
        names,
    };
    let data = if version == state.version {
        data_files::DataReport { version: version.clone(), ..Default::default() }
    } else {
        data_files::write_data(site, &prepared.data, prepared.bundle_text, Some(&kept), Writing::InPlace)?
    };

    // The pages whose inputs changed, and those the plan adds; the index and 404.html name the
    // publish, so they are always written.
    let had: HashSet<&str> = state.pages.iter().map(String::as_str).collect();
    let pages: Vec<&Page> = prepared
        .pages
        .all()
        .iter()
        .filter(|p| {
            p.path.is_empty()
                || !had.contains(p.path.as_str())
                || is_changed.contains(&p.first)
                || is_changed.contains(&p.second)
        })
        .collect();
    let tools: Vec<usize> = prepared.pages.tools().iter().copied().filter(|n| is_changed.contains(n)).collect();
    let renderer = prepared.renderer();
    let mut report = Report { all_pairs: prepared.all_pairs, data, ..Report::default() };
    let mut policy = write_pages(&renderer, &pages, &tools, site, Writing::InPlace, &mut report)?;
    if prepared.settings.previews {
        draw_previews(&prepared.catalog, &pages, &tools, site, Writing::InPlace, &mut report)?;
    }
    let planned: HashSet<&str> = prepared.pages.all().iter().map(|p| p.path.as_str()).collect();
    let mut removed = 0;
    for path in state.pages.iter().filter(|p| !planned.contains(p.as_str())) {
        // Only a pair's folder, `<a>-vs-<b>/`, directly under the root: the record names it.
        let folder = path.trim_end_matches('/');
        if folder.is_empty() || folder.contains(['/', '\\']) || folder.starts_with('.') || !folder.contains("-vs-") {
            continue;
        }
        let dir = site.join(folder);
        if dir.is_dir() {
            fs::remove_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            removed += 1;
        }
    }
    policy.merge(state.policy);
    write_site_files(&prepared, &renderer, site, &policy, Writing::InPlace, &mut report)?;
    // The entry point once every file it names and every page of its version are in: a server
    // that renders the pages a publish left out reads the new publish whole.
    if version != state.version {
        data_files::write_entry(site, &prepared.data, Writing::InPlace)?;
    }
    // The versions no page or visit reads any more: all but this one and the one before.
    let versions = site.join(ENTRY_POINT).parent().unwrap_or(site).join(VERSIONED_FOLDER);
    for entry in fs::read_dir(&versions).map_err(|e| format!("{}: {e}", versions.display()))?.flatten() {
        let name = entry.file_name();
        if name != version.as_str() && name != state.version.as_str() && entry.path().is_dir() {
            fs::remove_dir_all(entry.path()).map_err(|e| format!("{}: {e}", entry.path().display()))?;
        }
    }
    State::of(&prepared, policy, history).write(site, Writing::InPlace)?;
    report.again = Some(Again { since: state.version, changed: changed.len(), removed });
    Ok(Ok(report))
}
