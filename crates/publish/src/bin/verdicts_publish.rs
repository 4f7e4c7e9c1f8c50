//! Publishes a bundle with the built app as the static site: every page, preview image and
//! oEmbed answer, the sitemaps, `feed.xml`, `robots.txt` and `_headers`, made beside the live site and swapped in for it
//! in one step. `scripts/publish.sh` runs it:
//!
//! ```text
//! verdicts-publish --bundle BUNDLE.json --base-url https://example.com/tools/compare/ \
//!                  [--out dist] [--max-pages 5000] [--frame-ancestors 'https://partner.example']
//! verdicts-publish --content content/ --base-url …
//! ```
//! On a bundle the app would refuse it prints every problem with its JSON path (of a content
//! folder, with its file, line and column), leaves the site as it was and exits 1; bad arguments
//! exit 2.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use verdicts_publish::headers::frame_ancestors_of;
use verdicts_publish::{base_url_of, publish_data, publish_site, PublishError, Settings};

/// Publishes a Verdicts bundle with the app built in --out, as a static site.
#[derive(Parser)]
#[command(name = "verdicts-publish", version)]
struct Args {
    /// The bundle to publish (a JSON file, or a content folder).
    #[arg(long, value_name = "FILE", required_unless_present = "content", conflicts_with = "content")]
    bundle: Option<PathBuf>,
    /// The content folder to publish: site.toml and tools/<tool-id>.toml.
    #[arg(long, value_name = "DIR")]
    content: Option<PathBuf>,
    /// The site's absolute public URL (canonical links, Open Graph, the sitemap).
    #[arg(long, value_name = "URL", value_parser = base_url_of, required_unless_present = "data_only")]
    base_url: Option<String>,
    /// Writes only the catalogue's data files (`data/`) into --out, for the development server
    /// (`trunk serve`, which serves `public/`): no pages, nothing swapped.
    #[arg(long)]
    data_only: bool,
    /// The folder holding the built app, replaced by the published site.
    #[arg(long, value_name = "DIR", default_value = "dist")]
    out: PathBuf,
    /// The page budget: at most this many comparison pages; every pair when they all fit, else
    /// the featured pairs, then each tool beside its closest alternatives.
    #[arg(long, value_name = "N", default_value_t = verdicts_catalog::pages::DEFAULT_MAX_PAGES)]
    max_pages: usize,
    /// Publish without the preview images (the pages' `og:image` then names missing files): for
    /// timing the pages alone, never for a site.
    #[arg(long)]
    no_previews: bool,
    /// Write the whole site again, even over a site this publisher made, where by default only
    /// what changed since is written (see docs/hosting.md).
    #[arg(long)]
    full: bool,
    /// Who may embed the pages (the CSP's frame-ancestors): `*`, `'none'`, or origins.
    #[arg(long, value_name = "SOURCES", env = "FRAME_ANCESTORS", default_value = "*", value_parser = frame_ancestors_of)]
    frame_ancestors: String,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let source = match args.content.as_ref().or(args.bundle.as_ref()) {
        Some(source) => source.clone(),
        None => return ExitCode::from(2),
    };
    let bundle = source.display();
    if args.data_only {
        let text = if source.is_dir() { compile_folder(&source) } else { std::fs::read_to_string(&source).ok() };
        let Some(text) = text else {
            eprintln!("{bundle}: cannot be read as a catalogue; nothing was written");
            return ExitCode::FAILURE;
        };
        return match publish_data(&args.out, &text, args.max_pages) {
            Ok(d) => {
                println!(
                    "Wrote the data files of {bundle} ({}, {} files) into {}/data",
                    d.version,
                    d.files(),
                    args.out.display()
                );
                ExitCode::SUCCESS
            }
            Err(PublishError::Bundle(problems)) => {
                for p in &problems {
                    eprintln!("{bundle}: {p}");
                }
                ExitCode::FAILURE
            }
            Err(err) => {
                eprintln!("verdicts-publish: {err}");
                ExitCode::FAILURE
            }
        };
    }
    let Some(base_url) = args.base_url.clone() else {
        eprintln!("verdicts-publish: --base-url is needed to publish pages");
        return ExitCode::from(2);
    };
    if !args.out.join("index.html").is_file() {
        eprintln!(
            "verdicts-publish: {} holds no built app: run scripts/build.sh first (or pass --out)",
            args.out.display()
        );
        return ExitCode::FAILURE;
    }
    let text = if source.is_dir() {
        match compile_folder(&source) {
            Some(text) => text,
            None => {
                eprintln!("{bundle}: refused: nothing was published; {} is unchanged", args.out.display());
                return ExitCode::FAILURE;
            }
        }
    } else {
        match std::fs::read_to_string(&source) {
            Ok(t) => t,
            Err(err) => {
                eprintln!("{bundle}: cannot read: {err}");
                return ExitCode::FAILURE;
            }
        }
    };
    let settings = Settings {
        base_url,
        max_pages: args.max_pages,
        frame_ancestors: args.frame_ancestors,
        previews: !args.no_previews,
        incremental: !args.full,
    };
    let started = Instant::now();
    match publish_site(&args.out, &text, &settings) {
        Ok(report) => {
            const SHOWN: usize = 10;
            // A folder's warnings were printed with their places when it was read.
            let warnings = if source.is_dir() { &[][..] } else { &report.warnings[..] };
            for warning in warnings.iter().take(SHOWN) {
                eprintln!("{bundle}: warning: {warning}");
            }
            if warnings.len() > SHOWN {
                eprintln!("{bundle}: … and {} more warning(s) (verdicts-check lists them all)", warnings.len() - SHOWN);
            }
            let what = match &report.again {
                Some(again) => format!(
                    "Published what {} changed tool(s) touch since {}: {} pair page(s) and {} tool page(s) written, \
                     {} pair page(s) removed,",
                    again.changed, again.since, report.pages, report.tool_pages, again.removed
                ),
                None => format!(
                    "Published {} pair page(s) ({} canonical; {}) and {} tool page(s), {} preview images,",
                    report.pages,
                    report.canonical,
                    if report.all_pairs { "every pair" } else { "within the page budget" },
                    report.tool_pages,
                    if settings.previews { "with" } else { "without" }
                ),
            };
            println!(
                "{what} for {} into {} in {:.2} s",
                settings.base_url,
                args.out.display(),
                started.elapsed().as_secs_f64()
            );
            let d = &report.data;
            println!(
                "Data {}: {} file(s): the entry point ({} B), {} tool shard(s) ({} B in all, the largest {} B), \
                 {} name file(s) ({} B in all, the largest {} B){}",
                d.version,
                d.files(),
                d.entry_bytes,
                d.shards,
                d.shard_bytes,
                d.largest_shard,
                d.name_files,
                d.name_bytes,
                d.largest_name_file,
                if d.bundle_download { ", and the whole bundle as data/bundle.json" } else { "" }
            );
            if report.again.is_some() {
                println!("Data files: {} written, {} kept from the publish before", d.written, d.kept);
            }
            ExitCode::SUCCESS
        }
        Err(PublishError::Bundle(problems)) => {
            for p in &problems {
                eprintln!("{bundle}: {p}");
            }
            eprintln!("{bundle}: refused: nothing was published; {} is unchanged", args.out.display());
            ExitCode::FAILURE
        }
        Err(PublishError::Other(err)) => {
            eprintln!("verdicts-publish: {err}; {} is unchanged", args.out.display());
            ExitCode::FAILURE
        }
    }
}

/// A content folder compiled into the bundle's canonical text; its errors printed with their
/// places (warnings are printed by publishing, as for a bundle file).
fn compile_folder(dir: &std::path::Path) -> Option<String> {
    const SHOWN: usize = 10;
    let compiled = verdicts_content::read_folder(dir);
    let Some(bundle) = compiled.bundle else {
        for p in compiled.problems.iter().filter(|p| p.severity == verdicts_content::Severity::Error) {
            eprintln!("{p}");
        }
        return None;
    };
    for p in compiled.problems.iter().take(SHOWN) {
        eprintln!("{p}");
    }
    if compiled.problems.len() > SHOWN {
        eprintln!(
            "{}: … and {} more warning(s) (verdicts-check lists them all)",
            dir.display(),
            compiled.problems.len() - SHOWN
        );
    }
    match verdicts_content::bundle_json(&bundle) {
        Ok(text) => Some(text),
        Err(err) => {
            eprintln!("verdicts-publish: cannot write the bundle: {err}");
            None
        }
    }
}
