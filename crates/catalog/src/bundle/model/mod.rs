//! The comparison bundle, version 1: the JSON document the app reads.
//!
//! Every field a data author writes is here, with its meaning. Unknown fields are ignored so that
//! newer bundles still load; figures that can be derived (panel ship share, agreement) are not
//! stored but computed in [`crate::bundle::figures`]. A tool and its parts are in `tool.rs`.

use serde::{Deserialize, Serialize};

mod tool;

pub use tool::*;

/// The bundle versions this app understands.
pub const SUPPORTED_SCHEMA_VERSION: u32 = 1;

/// The default number of community votes below which no percentage is shown.
pub const DEFAULT_MIN_VOTES: u32 = 10;

/// One comparison bundle.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Bundle {
    /// Always 1 for this format.
    pub schema_version: u32,
    /// A stable id for this bundle (a slug), which keeps visitors' votes on different bundles
    /// apart and names the bundle in vote reports; the title is used when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The bundle's title, shown in the footer ("Weekly AI Tool Verdicts").
    pub title: String,
    /// The date the bundle was last updated, `YYYY-MM-DD`.
    pub updated: String,
    /// Attribution and source text: who reviewed, how verdicts were read.
    pub source: String,
    /// An optional http(s) link for the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    /// The reviewer lenses, in display order.
    pub roles: Vec<Role>,
    /// The tools that can be compared.
    pub tools: Vec<Tool>,
    /// One review per tool and role at most.
    #[serde(default)]
    pub reviews: Vec<Review>,
    /// Pairs to suggest, and the pair shown when the URL names none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub featured: Option<Featured>,
    /// Settings of the community vote.
    #[serde(default)]
    pub community: CommunitySettings,
}

impl Bundle {
    /// The key that names this bundle in stored votes and vote reports.
    pub fn key(&self) -> &str {
        self.id.as_deref().unwrap_or(&self.title)
    }
}

/// A reviewer lens: builder, skeptic, futurist, buyer …
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Role {
    /// A slug: lowercase letters, digits and hyphens (`builder`).
    pub id: String,
    /// The label shown on cards and filters ("The builder").
    pub label: String,
    /// What this reviewer looks at, in one line.
    #[serde(default)]
    pub focus: String,
}

/// A reviewer's verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Ship,
    Skip,
}

impl Verdict {
    /// The word shown to a visitor.
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Ship => "Ship",
            Verdict::Skip => "Skip",
        }
    }

    /// The lowercase word, for URLs, classes and the vote protocol.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Ship => "ship",
            Verdict::Skip => "skip",
        }
    }
}

/// One reviewer's take on one tool.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Review {
    /// The reviewed tool's id.
    pub tool: String,
    /// The reviewer's role id.
    pub role: String,
    /// Ship or skip.
    pub verdict: Verdict,
    /// The reviewer's words, verbatim.
    pub quote: String,
}

/// Suggested pairs.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Featured {
    /// The pair shown when the URL names none; the first two tools when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<[String; 2]>,
    /// Pairs offered as links.
    #[serde(default)]
    pub pairs: Vec<[String; 2]>,
}

/// Settings of the community vote.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CommunitySettings {
    /// Fewer votes than this show "too few votes to score" instead of a percentage.
    #[serde(default = "default_min_votes")]
    pub min_votes: u32,
}

fn default_min_votes() -> u32 {
    DEFAULT_MIN_VOTES
}

impl Default for CommunitySettings {
    fn default() -> Self {
        CommunitySettings { min_votes: DEFAULT_MIN_VOTES }
    }
}
