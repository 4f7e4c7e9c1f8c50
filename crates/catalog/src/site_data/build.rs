//! Splitting a catalogue into the read API's files, and putting the files a visit read back
//! together into a catalogue of what it knows.

use std::collections::BTreeMap;

use super::names::chunks;
use super::shard::{shard_count, shard_of};
use super::{Entry, Manifest, NameChunk, Shard, ShardTool, Site, API_VERSION, LAYOUT_REVISION};
use crate::bundle::{content_hash, Bundle, BundleError, Catalog, EntryLevel, Featured, Tool};
use crate::pages::{Alternatives, ALTERNATIVES_LIMIT, RELATED_LIMIT};

/// Every file of the read API for one catalogue.
#[derive(Clone, Debug)]
pub struct SiteData {
    pub manifest: Manifest,
    /// Shard `i` at index `i`.
    pub shards: Vec<Shard>,
    /// The name files, by key.
    pub names: BTreeMap<String, NameChunk>,
}

/// The version of a publish of `catalog`: its text's hash, and the layout's revision.
pub fn version_of(catalog: &Catalog) -> String {
    content_hash(&format!("layout {LAYOUT_REVISION}\n{}", catalog.content_hash))
}

/// How many tools of its category a shard lists with each tool: enough for the related
/// comparisons of any pair it is in to come out as from the whole catalogue (the related rule
/// takes the featured pairs first, skips the pair's own two tools, then takes the category's
/// tools in bundle order).
pub fn neighbour_count(featured: usize) -> usize {
    RELATED_LIMIT + 2 + featured
}

/// The read API's files for `catalog`. `all_pairs`: the site has a page for every pair, so the
/// entry point lists every tool (links need their names).
pub fn build(catalog: &Catalog, all_pairs: bool, bundle_file: Option<&str>) -> SiteData {
    let mut data = build_shards(catalog, all_pairs, bundle_file);
    data.index_names(catalog);
    data
}

impl SiteData {
    /// Makes the name files (and lists their keys in the entry point) of the tools of `catalog`.
    pub fn index_names(&mut self, catalog: &Catalog) {
        let entries: Vec<Entry> = catalog.bundle.tools.iter().enumerate().map(|(n, t)| Entry::of(n, t)).collect();
        // The name files get what the file budget (one file per 16 tools) leaves after the
        // shards and the entry point.
        let name_budget = (entries.len() / 16).saturating_sub(self.shards.len() + 1);
        self.names = chunks(&entries, &self.manifest.version, name_budget);
        self.manifest.names = self.names.keys().cloned().collect();
    }
}

/// The read API's files for `catalog` but the name files ([`SiteData::index_names`] makes them):
/// a publish that keeps an earlier publish's name files needs none.
pub fn build_shards(catalog: &Catalog, all_pairs: bool, bundle_file: Option<&str>) -> SiteData {
    let version = version_of(catalog);
    let bundle = &catalog.bundle;
    let entries: Vec<Entry> = bundle.tools.iter().enumerate().map(|(n, t)| Entry::of(n, t)).collect();
    let featured_pairs = catalog.featured_pairs();
    let (default_a, default_b) = catalog.default_pair().unwrap_or((0, 1));
    let id = |i: usize| bundle.tools.get(i).map(|t| t.id.clone()).unwrap_or_default();

    // The manifest's entries: the default and featured tools, or every tool.
    let mut listed: Vec<usize> = if all_pairs {
        (0..entries.len()).collect()
    } else {
        let mut l = vec![default_a, default_b];
        l.extend(featured_pairs.iter().flat_map(|(a, b)| [*a, *b]));
        l
    };
    listed.sort_unstable();
    listed.dedup();

    let tools = ShardTools::new(catalog);
    let count = shard_count(entries.len());
    let mut shards: Vec<Shard> = (0..count)
        .map(|shard| Shard { api: API_VERSION, version: version.clone(), shard, tools: Vec::new() })
        .collect();
    for (n, tool) in bundle.tools.iter().enumerate() {
        let shard = shard_of(&tool.id, count) as usize;
        if let (Some(s), Some(t)) = (shards.get_mut(shard), tools.tool(n)) {
            s.tools.push(t);
        }
    }
    let manifest = Manifest {
        api: API_VERSION,
        version,
        site: Site {
            id: bundle.id.clone(),
            title: bundle.title.clone(),
            updated: bundle.updated.clone(),
            source: bundle.source.clone(),
            source_url: bundle.source_url.clone(),
            roles: bundle.roles.clone(),
            community: bundle.community.clone(),
        },
        tools: entries.len(),
        shards: count,
        default: [id(default_a), id(default_b)],
        featured: featured_pairs.iter().map(|(a, b)| [id(*a), id(*b)]).collect(),
        entries: listed.iter().map(|&i| entries[i].clone()).collect(),
        names: Vec::new(),
        bundle: bundle_file.map(str::to_string),
        history: Vec::new(),
    };
    SiteData { manifest, shards, names: BTreeMap::new() }
}

/// Each tool as a shard holds it, with its reviews and the first tools of its category.
pub struct ShardTools<'a> {
    catalog: &'a Catalog,
    entries: Vec<Entry>,
    /// Each category's first tools, in bundle order.
    by_category: BTreeMap<&'a str, Vec<usize>>,
    /// The ranking the tools' alternatives come from.
    alternatives: Alternatives,
}

impl<'a> ShardTools<'a> {
    pub fn new(catalog: &'a Catalog) -> ShardTools<'a> {
        let bundle = &catalog.bundle;
        let entries = bundle.tools.iter().enumerate().map(|(n, t)| Entry::of(n, t)).collect();
        let keep = neighbour_count(catalog.featured_pairs().len());
        let mut by_category: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, tool) in bundle.tools.iter().enumerate() {
            let first = by_category.entry(tool.category.as_str()).or_default();
            if first.len() < keep {
                first.push(i);
            }
        }
        ShardTools { catalog, entries, by_category, alternatives: Alternatives::new(catalog) }
    }

    /// The `n`th tool of the bundle as a shard holds it.
    pub fn tool(&self, n: usize) -> Option<ShardTool> {
        let tool = self.catalog.tool(n)?;
        let reviews = (0..self.catalog.roles().len()).filter_map(|r| self.catalog.review(n, r).cloned()).collect();
        let neighbours = self
            .by_category
            .get(tool.category.as_str())
            .map(|first| first.iter().filter_map(|&i| self.entries.get(i).cloned()).collect())
            .unwrap_or_default();
        let alternatives =
            self.alternatives.of(n, ALTERNATIVES_LIMIT).iter().filter_map(|&i| self.entries.get(i).cloned()).collect();
        Some(ShardTool { n: n as u32, tool: tool.clone(), reviews, neighbours, alternatives })
    }

    /// The ranking of alternatives the shards' tools were given.
    pub fn alternatives(&self) -> &Alternatives {
        &self.alternatives
    }

    /// The data a page of the pair `a`, `b` carries: the two tools as a shard of their own.
    pub fn page(&self, version: &str, a: usize, b: usize) -> Shard {
        Shard {
            api: API_VERSION,
            version: version.to_string(),
            shard: u32::MAX,
            tools: [a, b].iter().filter_map(|&n| self.tool(n)).collect(),
        }
    }
}

/// The catalogue of what a visit has read: the entry point and some shards. Tools whose shards
/// are in come whole, in bundle order; the tools only named (by the entry point, or as another
/// tool's neighbours) come as stand-ins with their name, vendor and category, which links and
/// related comparisons need, and [`Catalog::is_whole`] tells them apart.
pub fn partial_catalog<'a>(
    manifest: &Manifest,
    shards: impl IntoIterator<Item = &'a Shard>,
) -> Result<Catalog, BundleError> {
    let mut tools: BTreeMap<u32, (Tool, bool)> = BTreeMap::new();
    let mut reviews = Vec::new();
    // Each whole tool's alternatives, by bundle place.
    let mut listed: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    let stand_in = |e: &Entry| Tool {
        id: e.id.clone(),
        name: e.name.clone(),
        vendor: e.vendor.clone(),
        category: e.category.clone(),
        tagline: String::new(),
        description: String::new(),
        license: None,
        entry: EntryLevel::Free,
        pricing: Default::default(),
        links: Vec::new(),
        community: Default::default(),
        updated: None,
    };
    for shard in shards {
        for t in &shard.tools {
            // A tool may come twice (the page's own and its shard's): the first is kept.
            if tools.get(&t.n).is_some_and(|(_, whole)| *whole) {
                continue;
            }
            tools.insert(t.n, (t.tool.clone(), true));
            reviews.extend(t.reviews.iter().cloned());
            for e in t.neighbours.iter().chain(&t.alternatives) {
                tools.entry(e.n).or_insert_with(|| (stand_in(e), false));
            }
            listed.insert(t.n, t.alternatives.iter().map(|e| e.n).collect::<Vec<u32>>());
        }
    }
    for e in &manifest.entries {
        tools.entry(e.n).or_insert_with(|| (stand_in(e), false));
    }
    let whole: Vec<bool> = tools.values().map(|(_, w)| *w).collect();
    let places: Vec<u32> = tools.keys().copied().collect();
    let site = &manifest.site;
    let bundle = Bundle {
        schema_version: crate::bundle::SUPPORTED_SCHEMA_VERSION,
        id: site.id.clone(),
        title: site.title.clone(),
        updated: site.updated.clone(),
        source: site.source.clone(),
        source_url: site.source_url.clone(),
        roles: site.roles.clone(),
        tools: tools.into_values().map(|(t, _)| t).collect(),
        reviews,
        featured: Some(Featured { default: Some(manifest.default.clone()), pairs: manifest.featured.clone() }),
        community: site.community.clone(),
    };
    let mut catalog = Catalog::new(bundle)?;
    catalog.content_hash = manifest.version.clone();
    catalog.set_whole(whole);
    // Bundle places become indexes of this catalogue, which holds only the tools named so far.
    let index_of: BTreeMap<u32, usize> = places.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let listed = listed
        .into_iter()
        .filter_map(|(n, alts)| {
            let own = *index_of.get(&n)?;
            Some((own, alts.iter().filter_map(|a| index_of.get(a).copied()).collect()))
        })
        .collect();
    catalog.set_listed_alternatives(listed);
    Ok(catalog)
}
