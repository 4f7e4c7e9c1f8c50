//! Renders the default comparison of the built site into its `index.html`, so that the first
//! paint is real content. Run after `trunk build` (scripts/build.sh does), and again after
//! publishing a new default bundle:
//!
//! ```text
//! cargo run --release --bin verdicts-prerender -- dist
//! ```
//! It reads `dist/index.html` and `dist/data/bundle.json` and rewrites `dist/index.html`.

use std::process::ExitCode;

#[cfg(target_arch = "wasm32")]
fn main() -> ExitCode {
    ExitCode::FAILURE
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> ExitCode {
    use std::path::Path;
    use std::sync::Arc;
    use verdicts::bundle::Catalog;
    use verdicts::prerender::{defer_wasm, inject, meta_content, render};

    let dist = std::env::args().nth(1).unwrap_or_else(|| "dist".into());
    let dist = Path::new(&dist);
    let read = |name: &str| {
        std::fs::read_to_string(dist.join(name)).map_err(|e| format!("{}: {e}", dist.join(name).display()))
    };
    let run = || -> Result<String, String> {
        let index = read("index.html")?;
        let catalog = Catalog::from_text(&read("data/bundle.json")?)
            .map_err(|e| e.problems().iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n"))?;
        let signup = meta_content(&index, verdicts::config::SIGNUP_META).filter(|u| verdicts::bundle::is_http_url(u));
        let (html, title) = render(Arc::new(catalog), signup).ok_or("the bundle has fewer than two tools")?;
        let page = defer_wasm(&inject(&index, &html, &title)?)?;
        std::fs::write(dist.join("index.html"), &page).map_err(|e| e.to_string())?;
        Ok(format!("{}: {title} ({} bytes of HTML)", dist.join("index.html").display(), html.len()))
    };
    match run() {
        Ok(done) => {
            println!("Prerendered {done}");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("verdicts-prerender: {err}");
            ExitCode::FAILURE
        }
    }
}
