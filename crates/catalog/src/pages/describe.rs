//! How a page names and describes its pair, from the pair's own figures: the title, the
//! description search engines and link previews show, the preview image's text alternative.

use super::SITE_NAME;
use crate::bundle::figures::{panel_share, PanelShare};
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
