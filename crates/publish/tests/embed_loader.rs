//! The embed loader (`public/embed.js`) is the same file whatever the catalogue: publishing
//! copies it untouched, and it stays within its size bar (2 KB gzipped).

use std::io::Write;
use std::path::PathBuf;

mod common;
use common::{project, TEMPLATE};
use verdicts_publish::{publish, Settings};

fn temporary(name: &str) -> Result<PathBuf, String> {
    let dir = std::env::temp_dir().join(format!("verdicts-embed-loader-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    Ok(dir)
}

#[test]
fn publishing_two_catalogues_leaves_the_loader_as_the_app_ships_it() -> Result<(), String> {
    let loader = std::fs::read(project("public/embed.js")).map_err(|e| e.to_string())?;
    let root = temporary("two")?;
    let app = root.join("app");
    std::fs::create_dir_all(&app).map_err(|e| e.to_string())?;
    std::fs::write(app.join("index.html"), TEMPLATE).map_err(|e| e.to_string())?;
    std::fs::write(app.join("embed.js"), &loader).map_err(|e| e.to_string())?;
    // The seed with a page for every pair, and the six-tool bundle with only its featured pairs.
    let catalogues = [
        ("seed", "public/data/bundle.json", usize::MAX),
        ("six", "crates/catalog/tests/fixtures/publish/bundle.json", 0),
    ];
    for (name, bundle, max_pages) in catalogues {
        let text = std::fs::read_to_string(project(bundle)).map_err(|e| e.to_string())?;
        let settings = Settings { max_pages, ..Settings::new("https://example.com/tools/compare/")? };
        let site = root.join(name);
        let report = publish(&app, &site, &text, &settings).map_err(|e| e.to_string())?;
        assert!(report.pages > 2, "{name}: pages of pairs were published");
        let published = std::fs::read(site.join("embed.js")).map_err(|e| e.to_string())?;
        assert!(published == loader, "{name}: embed.js is published as the app ships it");
    }
    let _ = std::fs::remove_dir_all(root);
    Ok(())
}

#[test]
fn the_loader_stays_within_two_kilobytes_gzipped() -> Result<(), String> {
    let loader = std::fs::read(project("public/embed.js")).map_err(|e| e.to_string())?;
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gzip.write_all(&loader).map_err(|e| e.to_string())?;
    let size = gzip.finish().map_err(|e| e.to_string())?.len();
    assert!(size <= 2048, "embed.js is {size} bytes gzipped; its bar is 2 KB");
    Ok(())
}
