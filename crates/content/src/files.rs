//! What the content folder's files hold: `site.toml` ([`SiteFile`]) and one
//! `tools/<id>.toml` per tool ([`ToolFile`], its reviews as `[[review]]` tables). The parts are the
//! catalogue's own model types, so a field means the same in a file as in the bundle; only what a
//! folder says by itself is left out (a tool's id is its file name, a review's tool is its file).

use serde::{Deserialize, Serialize};
use verdicts_catalog::bundle::{
    Bundle, CommunitySettings, EntryLevel, Featured, Link, Pricing, Review, Role, Tool, Verdict, Votes,
};

/// `content/site.toml`: the catalogue's title and source, its reviewer roles, featured pairs and
/// community settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[schemars(title = "Verdicts site file (content/site.toml)")]
pub struct SiteFile {
    /// Always 1 for this format.
    pub schema_version: u32,
    /// A stable id for this catalogue (a slug), which keeps visitors' votes on different
    /// catalogues apart; the title is used when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The catalogue's title, shown in the footer ("Weekly AI Tool Verdicts").
    pub title: String,
    /// The date it was last updated, `YYYY-MM-DD`.
    pub updated: String,
    /// Attribution and source text: who reviewed, how verdicts were read.
    pub source: String,
    /// An optional http(s) link for the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    /// Settings of the community vote.
    #[serde(default)]
    pub community: CommunitySettings,
    /// Pairs to suggest, and the pair shown when the URL names none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub featured: Option<Featured>,
    /// The reviewer lenses, in display order: one `[[role]]` table each.
    #[serde(default, rename = "role")]
    pub roles: Vec<Role>,
}

/// `content/tools/<id>.toml`: one tool, its prices, links, community counts and reviews. The
/// file name (without `.toml`) is the tool's id.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[schemars(title = "Verdicts tool file (content/tools/<tool-id>.toml)")]
pub struct ToolFile {
    /// The display name.
    pub name: String,
    /// Who makes it, when known; searchable in the pickers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vendor: Option<String>,
    /// The category ("Developer Tools").
    pub category: String,
    /// How a buyer gets in: `free`, `freemium`, `paid` or `contact-sales`.
    pub entry: EntryLevel,
    /// The licence, where known ("Apache-2.0").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
    /// One line under the name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub tagline: String,
    /// A paragraph on what it is.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The date this tool's data last changed, `YYYY-MM-DD`; the site's `updated` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    /// Community votes collected so far.
    #[serde(default, skip_serializing_if = "is_no_votes")]
    pub community: Votes,
    /// What it costs, where known: `notes`, and a `[[pricing.prices]]` table per price.
    #[serde(default, skip_serializing_if = "is_no_pricing")]
    pub pricing: Pricing,
    /// Links to the tool (http or https only): one `[[link]]` table each.
    #[serde(default, rename = "link", skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    /// The reviewers' takes on this tool: one `[[review]]` table each, at most one per role.
    #[serde(default, rename = "review", skip_serializing_if = "Vec::is_empty")]
    pub reviews: Vec<ToolReview>,
}

/// One reviewer's take on the tool of the file it is in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ToolReview {
    /// The reviewer's role id, one of the `[[role]]` ids of `site.toml`.
    pub role: String,
    /// `ship` or `skip`.
    pub verdict: Verdict,
    /// The reviewer's words, verbatim.
    pub quote: String,
}

fn is_no_votes(votes: &Votes) -> bool {
    *votes == Votes::default()
}

fn is_no_pricing(pricing: &Pricing) -> bool {
    *pricing == Pricing::default()
}

impl SiteFile {
    /// The site file of `bundle`.
    pub fn of(bundle: &Bundle) -> SiteFile {
        SiteFile {
            schema_version: bundle.schema_version,
            id: bundle.id.clone(),
            title: bundle.title.clone(),
            updated: bundle.updated.clone(),
            source: bundle.source.clone(),
            source_url: bundle.source_url.clone(),
            community: bundle.community.clone(),
            featured: bundle.featured.clone(),
            roles: bundle.roles.clone(),
        }
    }

    /// The bundle of this site file with `tools` (each with its id and file), reviews in the
    /// order of the tools and, within a tool, of its file.
    pub fn into_bundle(self, tools: Vec<(String, ToolFile)>) -> Bundle {
        let mut all_tools = Vec::with_capacity(tools.len());
        let mut reviews = Vec::with_capacity(tools.iter().map(|(_, t)| t.reviews.len()).sum());
        for (id, file) in tools {
            reviews.extend(file.reviews.into_iter().map(|r| Review {
                tool: id.clone(),
                role: r.role,
                verdict: r.verdict,
                quote: r.quote,
            }));
            all_tools.push(Tool {
                id,
                name: file.name,
                vendor: file.vendor,
                category: file.category,
                tagline: file.tagline,
                description: file.description,
                license: file.license,
                entry: file.entry,
                pricing: file.pricing,
                links: file.links,
                community: file.community,
                updated: file.updated,
            });
        }
        Bundle {
            schema_version: self.schema_version,
            id: self.id,
            title: self.title,
            updated: self.updated,
            source: self.source,
            source_url: self.source_url,
            roles: self.roles,
            tools: all_tools,
            reviews,
            featured: self.featured,
            community: self.community,
        }
    }
}

impl ToolFile {
    /// The file of `tool`, with `reviews` (those of this tool, in order).
    pub fn of<'a>(tool: &Tool, reviews: impl Iterator<Item = &'a Review>) -> ToolFile {
        ToolFile {
            name: tool.name.clone(),
            vendor: tool.vendor.clone(),
            category: tool.category.clone(),
            entry: tool.entry,
            license: tool.license.clone(),
            tagline: tool.tagline.clone(),
            description: tool.description.clone(),
            updated: tool.updated.clone(),
            community: tool.community,
            pricing: tool.pricing.clone(),
            links: tool.links.clone(),
            reviews: reviews
                .map(|r| ToolReview { role: r.role.clone(), verdict: r.verdict, quote: r.quote.clone() })
                .collect(),
        }
    }
}
