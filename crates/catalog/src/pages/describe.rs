//! How a page names and describes its pair or its tool, from their own figures: the title, the
//! description search engines and link previews show, the preview image's text alternative.

use super::SITE_NAME;
use crate::bundle::figures::{panel_share, CommunityTally, PanelShare};
use crate::bundle::Catalog;

/// "Mistral 8x24B vs OpenAI o3 Pro API — Verdicts".
pub fn title(catalog: &Catalog, a: usize, b: usize) -> String {
    let name = |i| catalog.tool(i).map(|t| t.name.as_str()).unwrap_or_default();
    format!("{} vs {} — {SITE_NAME}", name(a), name(b))
}

fn share_text(share: PanelShare, with_ship: bool) -> String {
    match share.percent() {
        Some(p) if with_ship => format!("{p} % ship ({})", share.of_text()),
        Some(p) => format!("{p} % ({})", share.of_text()),
        None => "not reviewed yet".to_string(),
    }
}

/// The page's description, from the pair's own figures: "Panel: Mistral 8x24B 100 % ship
/// (4 of 4), OpenAI o3 Pro API 75 % (3 of 4). Pricing, reviewer split and community vote."
pub fn description(catalog: &Catalog, a: usize, b: usize) -> String {
    let name = |i| catalog.tool(i).map(|t| t.name.as_str()).unwrap_or_default();
    let (sa, sb) = (panel_share(catalog, a, |_| true), panel_share(catalog, b, |_| true));
    // "ship" is said once, with the first figure that has one.
    let first_says_ship = sa.total > 0;
    format!(
        "Panel: {} {}, {} {}. Pricing, reviewer split and community vote.",
        name(a),
        share_text(sa, true),
        name(b),
        share_text(sb, !first_says_ship)
    )
}

/// The preview image's text alternative: "Mistral 8x24B: 100 % of the panel say ship; …".
pub fn image_alt(catalog: &Catalog, a: usize, b: usize) -> String {
    let side = |i| {
        let name = catalog.tool(i).map(|t| t.name.as_str()).unwrap_or_default();
        match panel_share(catalog, i, |_| true).percent() {
            Some(p) => format!("{name}: {p} % of the panel say ship"),
            None => format!("{name}: not reviewed yet"),
        }
    };
    format!("{} vs {} on {SITE_NAME}. {}; {}.", name_of(catalog, a), name_of(catalog, b), side(a), side(b))
}

fn name_of(catalog: &Catalog, i: usize) -> &str {
    catalog.tool(i).map(|t| t.name.as_str()).unwrap_or_default()
}

/// The panel's verdict on one tool in words: "3 of 4 reviewers ship", "1 of 1 reviewer ships",
/// "Not reviewed by the panel yet".
pub fn panel_words(share: PanelShare) -> String {
    match share.total {
        0 => "Not reviewed by the panel yet".to_string(),
        1 => format!("{} of 1 reviewer ships", share.ship),
        n => format!("{} of {n} reviewers ship", share.ship),
    }
}

/// A tool page's title: "Mistral 8x24B — verdicts, pricing and reviews".
pub fn tool_title(catalog: &Catalog, tool: usize) -> String {
    format!("{} — verdicts, pricing and reviews", name_of(catalog, tool))
}

/// A tool page's description, from its own figures: the panel's share in words, its entry
/// level, and the community's share once it has enough votes to score (the bundle's minimum):
/// "Mistral 8x24B by Mistral: 3 of 4 reviewers ship (75 %). Entry: Freemium. Community: 62 %
/// ship (214 votes). Pricing, reviews by role and alternatives."
pub fn tool_description(catalog: &Catalog, tool: usize) -> String {
    let Some(t) = catalog.tool(tool) else {
        return String::new();
    };
    let share = panel_share(catalog, tool, |_| true);
    let by = t.vendor.as_deref().map(|v| format!(" by {v}")).unwrap_or_default();
    let panel = match share.percent() {
        Some(p) => format!("{} ({p} %)", panel_words(share)),
        None => panel_words(share).to_lowercase(),
    };
    let tally = CommunityTally::new(t.community, None, catalog.bundle.community.min_votes);
    let community =
        tally.percent().map(|p| format!(" Community: {p} % ship ({}).", tally.votes_text())).unwrap_or_default();
    format!(
        "{}{by}: {panel}. Entry: {}.{community} Pricing, reviews by role and alternatives.",
        t.name,
        t.entry.label()
    )
}

/// A tool's preview image's text alternative: "Mistral 8x24B on Verdicts: 3 of 4 reviewers
/// ship (75 %). Entry: Freemium."
pub fn tool_image_alt(catalog: &Catalog, tool: usize) -> String {
    let share = panel_share(catalog, tool, |_| true);
    let panel = match share.percent() {
        Some(p) => format!("{} ({p} %)", panel_words(share)),
        None => panel_words(share),
    };
    let entry = catalog.tool(tool).map(|t| t.entry.label()).unwrap_or_default();
    format!("{} on {SITE_NAME}: {panel}. Entry: {entry}.", name_of(catalog, tool))
}
