//! Publishes a bundle with the built app as the static site: every page, preview image,
//! `sitemap.xml`, `robots.txt` and `_headers`, made beside the live site and swapped in for it
//! in one step. `scripts/publish.sh` runs it:
//!
//! ```text
//! verdicts-publish --bundle BUNDLE.json --base-url https://example.com/tools/compare/ \
//!                  [--out dist] [--all-pairs-max 40] [--frame-ancestors 'https://partner.example']
//! ```
//! On a bundle the app would refuse it prints every problem with its JSON path, leaves the site
//! as it was and exits 1; bad arguments exit 2.

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
    /// The bundle to publish.
    #[arg(long, value_name = "FILE")]
    bundle: PathBuf,
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
    /// Bundles with at most this many tools get a page for every pair.
    #[arg(long, value_name = "N", default_value_t = verdicts_catalog::pages::ALL_PAIRS_MAX_TOOLS)]
    all_pairs_max: usize,
    /// Who may embed the pages (the CSP's frame-ancestors): `*`, `'none'`, or origins.
    #[arg(long, value_name = "SOURCES", env = "FRAME_ANCESTORS", default_value = "*", value_parser = frame_ancestors_of)]
    frame_ancestors: String,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let bundle = args.bundle.display();
    if args.data_only {
        return match std::fs::read_to_string(&args.bundle) {
            Ok(text) => match publish_data(&args.out, &text, args.all_pairs_max) {
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
            },
            Err(err) => {
                eprintln!("{bundle}: cannot read: {err}");
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
    let text = match std::fs::read_to_string(&args.bundle) {
        Ok(t) => t,
        Err(err) => {
            eprintln!("{bundle}: cannot read: {err}");
            return ExitCode::FAILURE;
        }
    };
    let settings = Settings { base_url, all_pairs_max: args.all_pairs_max, frame_ancestors: args.frame_ancestors };
    let started = Instant::now();
    match publish_site(&args.out, &text, &settings) {
        Ok(report) => {
            const SHOWN: usize = 10;
            for warning in report.warnings.iter().take(SHOWN) {
                eprintln!("{bundle}: warning: {warning}");
            }
            if report.warnings.len() > SHOWN {
                eprintln!(
                    "{bundle}: … and {} more warning(s) (verdicts-check lists them all)",
                    report.warnings.len() - SHOWN
                );
            }
            println!(
                "Published {} page(s) ({} canonical, with preview images; {}) for {} into {} in {:.2} s",
                report.pages,
                report.canonical,
                if report.all_pairs { "every pair" } else { "the featured pairs" },
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
