//! Tool shards: which file holds a tool, and what it holds.
//!
//! A tool's shard is Lamping and Veach's jump consistent hash of the FNV-1a hash of its id, over
//! one shard per [`TOOLS_PER_SHARD`] tools. The same id lands in the same shard in every publish
//! with the same number of shards, and when the catalogue grows by a shard, only a tool in
//! (shards + 1) moves: the CDN's copies of the others stay good.

use std::hash::Hasher;

use serde::{Deserialize, Serialize};

use super::Entry;
use crate::bundle::{Review, Tool};

/// The tools a shard holds on average. With the name files, the data adds fewer files than one
/// per 16 tools from a few hundred tools on: 4,166 shards for 100,000 tools.
pub const TOOLS_PER_SHARD: usize = 24;

/// The number of shards for a catalogue of `tools` tools: at least one.
pub fn shard_count(tools: usize) -> u32 {
    u32::try_from((tools / TOOLS_PER_SHARD).max(1)).unwrap_or(u32::MAX)
}

/// The shard that holds the tool `id` among `shards` shards.
pub fn shard_of(id: &str, shards: u32) -> u32 {
    let mut hasher = fnv::FnvHasher::default();
    hasher.write(id.as_bytes());
    jumpch::hash(hasher.finish(), shards.max(1))
}

/// One shard file: whole tools, each with its reviews and the tools it is compared with.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Shard {
    /// Always [`super::API_VERSION`].
    pub api: u32,
    /// The publish it belongs to.
    pub version: String,
    /// Its number, `0..shards`.
    pub shard: u32,
    /// Its tools, in bundle order.
    pub tools: Vec<ShardTool>,
}

/// A tool as a shard holds it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ShardTool {
    /// The tool's place in the bundle.
    pub n: u32,
    /// The tool, as in the bundle.
    pub tool: Tool,
    /// Its reviews, in the roles' order.
    pub reviews: Vec<Review>,
    /// The first tools of its category in bundle order (itself included), enough for the related
    /// comparisons of any pair it is in (see [`crate::pages::related`]).
    pub neighbours: Vec<Entry>,
    /// Its alternatives, best first (see [`crate::pages::Alternatives`]): what its page offers
    /// to compare it with. Absent in files published before it was added.
    #[serde(default)]
    pub alternatives: Vec<Entry>,
}
