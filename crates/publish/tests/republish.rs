//! Publishing again over a published site: the new site holds the app and what the new catalogue
//! gives, and nothing an older publish wrote (a page, a sitemap file, the feed) lingers.

use std::path::Path;

mod common;
use common::{project, TEMPLATE};
use verdicts_publish::{publish_site, Settings};

/// Every file under `dir`, as paths relative to it, sorted.
fn files(dir: &Path) -> Vec<String> {
    common::files(dir).into_keys().collect()
}

#[test]
fn publishing_a_smaller_catalogue_again_leaves_nothing_of_the_larger_one() -> Result<(), String> {
    let root = std::env::temp_dir().join(format!("verdicts-republish-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let (site, fresh) = (root.join("site"), root.join("fresh"));
    for dir in [&site, &fresh] {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
        std::fs::write(dir.join("index.html"), TEMPLATE).map_err(|e| e.to_string())?;
        std::fs::write(dir.join("app.js"), "// the app").map_err(|e| e.to_string())?;
    }
    let settings = Settings { previews: false, ..Settings::new("https://example.com/c/")? };
    let six = std::fs::read_to_string(project("crates/catalog/tests/fixtures/publish/bundle.json"))
        .map_err(|e| e.to_string())?;
    let seed = std::fs::read_to_string(project("public/data/bundle.json")).map_err(|e| e.to_string())?;
    publish_site(&site, &six, &settings).map_err(|e| e.to_string())?;
    assert!(files(&site).iter().any(|f| f.starts_with("kestrel-7-vs-")), "the six tools' pages were published");
    // What a larger catalogue's publish leaves: a second sitemap file, a tool's page.
    for (path, text) in [("sitemaps/2.xml", "<urlset/>"), ("tools/gone/index.html", "<p>gone</p>")] {
        let file = site.join(path);
        std::fs::create_dir_all(file.parent().unwrap_or(&site)).map_err(|e| e.to_string())?;
        std::fs::write(file, text).map_err(|e| e.to_string())?;
    }
    publish_site(&site, &seed, &settings).map_err(|e| e.to_string())?;
    publish_site(&fresh, &seed, &settings).map_err(|e| e.to_string())?;
    assert_eq!(files(&site), files(&fresh), "publishing again gives the same files as publishing once");
    let _ = std::fs::remove_dir_all(root);
    Ok(())
}
