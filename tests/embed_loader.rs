//! The embed snippet (written by the catalogue's `embed_code`) and the loader the app ships
//! (`public/embed.js`) agree on the height an embed starts at.

use verdicts_catalog::embed_code::START_HEIGHT;

#[test]
fn the_snippet_keeps_the_height_the_loader_starts_with() {
    let loader = include_str!("../public/embed.js");
    assert!(loader.contains(&format!("START = {START_HEIGHT},")), "embed.js starts embeds {START_HEIGHT} px high");
}
