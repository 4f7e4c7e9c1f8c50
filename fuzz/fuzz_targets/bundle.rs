//! Bundle parsing and validation never panic, whatever the bytes; a bundle that loads has
//! consistent indexes and derived figures.
#![no_main]

use libfuzzer_sys::fuzz_target;
use verdicts_catalog::bundle::{figures, Catalog};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(catalog) = Catalog::from_text(&text) else { return };
    let tools = catalog.tools().len();
    for t in 0..tools.min(64) {
        let share = figures::panel_share(&catalog, t, |_| true);
        assert!(share.ship <= share.total);
        assert!(share.percent().is_none_or(|p| p <= 100));
        let _ = figures::reviewer_split(&catalog, t, (t + 1) % tools, |_| true);
        let _ = figures::price_rows(&catalog.tools()[t].pricing.prices, &catalog.tools()[(t + 1) % tools].pricing.prices);
    }
    let _ = catalog.default_pair();
    let _ = catalog.featured_pairs();
    let _ = verdicts_catalog::search::rank(&catalog, &text.chars().take(12).collect::<String>());
});
