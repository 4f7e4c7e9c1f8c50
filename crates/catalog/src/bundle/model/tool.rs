//! A tool in the bundle and its parts: entry level, pricing, links and its community votes.

use serde::{Deserialize, Serialize};

/// A tool that can be compared.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Tool {
    /// A slug: lowercase letters, digits and hyphens; used in URLs.
    pub id: String,
    /// The display name.
    pub name: String,
    /// Who makes it, when known; searchable in the pickers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vendor: Option<String>,
    /// The category ("Developer Tools").
    pub category: String,
    /// One line under the name.
    #[serde(default)]
    pub tagline: String,
    /// A paragraph on what it is.
    #[serde(default)]
    pub description: String,
    /// The licence, where known ("Apache-2.0").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
    /// How a buyer gets in.
    pub entry: EntryLevel,
    /// What it costs, where known.
    #[serde(default)]
    pub pricing: Pricing,
    /// Links to the tool (http or https only).
    #[serde(default)]
    pub links: Vec<Link>,
    /// Community votes collected so far.
    #[serde(default)]
    pub community: Votes,
    /// The date this tool's data (its facts, prices or reviews) last changed, `YYYY-MM-DD`; the
    /// bundle's `updated` when absent. Its pages' `<lastmod>` in the sitemap and its place in the
    /// feed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
}

/// How a buyer gets in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum EntryLevel {
    Free,
    Freemium,
    Paid,
    ContactSales,
}

impl EntryLevel {
    /// The words shown to a visitor.
    pub fn label(self) -> &'static str {
        match self {
            EntryLevel::Free => "Free",
            EntryLevel::Freemium => "Freemium",
            EntryLevel::Paid => "Paid",
            EntryLevel::ContactSales => "Contact sales",
        }
    }
}

/// Structured prices plus free text.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Pricing {
    /// Prices per unit, e.g. 20 USD per "1M input tokens".
    #[serde(default)]
    pub prices: Vec<Price>,
    /// Anything the prices do not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// One price: `amount` `currency` per `unit`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Price {
    /// The amount, in units of the currency (20 for $20).
    pub amount: f64,
    /// An ISO 4217 code ("USD").
    pub currency: String,
    /// What is bought for that amount ("1M input tokens", "seat / month").
    pub unit: String,
    /// The same unit, machine-readable, for the cost calculator:
    /// `{"quantity": 1000000, "item": "input-token"}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per: Option<PricePer>,
}

/// How much of what a price buys, machine-readable.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PricePer {
    /// How many items the amount buys (1000000 for "per 1M"); at least 1.
    pub quantity: u64,
    /// What is bought: `input-token` or `output-token` (other items are allowed and ignored by
    /// the calculator).
    pub item: String,
}

/// A link to the tool.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Link {
    /// The link text ("Model card").
    pub label: String,
    /// An http or https URL.
    pub url: String,
}

/// Community vote counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Votes {
    /// Votes to ship it; zero or more.
    #[serde(default)]
    pub ship: i64,
    /// Votes to skip it; zero or more.
    #[serde(default)]
    pub skip: i64,
}
