//! Checks bundle files the way the app reads them and prints every problem with its JSON path;
//! a content folder (`site.toml` and `tools/<id>.toml`) with every problem at `file:line:column`.
//!
//! ```text
//! verdicts-check public/data/bundle.json
//! verdicts-check content/
//! verdicts-check --schema > public/bundle.schema.json
//! verdicts-check --data-schema > public/data-api.schema.json
//! ```
//! Exit code: 0 when every file loads (warnings allowed), 1 when any file has errors,
//! 2 when a file cannot be read or the arguments are wrong.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use verdicts_catalog::bundle::{Catalog, Severity};

/// Checks Verdicts bundles with the rules the app and the publisher apply.
#[derive(Parser)]
#[command(name = "verdicts-check", version)]
struct Args {
    /// Print the bundle's JSON Schema instead of checking files.
    #[arg(long, conflicts_with = "bundles")]
    schema: bool,
    /// Print the JSON Schema of the published site's data files (the read API) instead.
    #[arg(long, conflicts_with_all = ["bundles", "schema"])]
    data_schema: bool,
    /// The bundle files or content folders to check.
    #[arg(required_unless_present_any = ["schema", "data_schema"], value_name = "BUNDLE.json|DIR")]
    bundles: Vec<PathBuf>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    if args.schema {
        print!("{}", verdicts_catalog::bundle::json_schema());
        return ExitCode::SUCCESS;
    }
    if args.data_schema {
        print!("{}", verdicts_catalog::site_data::json_schema());
        return ExitCode::SUCCESS;
    }
    let mut worst = 0u8;
    for path in &args.bundles {
        let path_text = path.display();
        if path.is_dir() {
            worst = worst.max(check_folder(path));
            continue;
        }
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(err) => {
                eprintln!("{path_text}: cannot read: {err}");
                worst = 2;
                continue;
            }
        };
        match Catalog::from_text(&text) {
            Ok(catalog) => {
                for w in &catalog.warnings {
                    println!("{path_text}: {w}");
                }
                let b = &catalog.bundle;
                println!(
                    "{path_text}: ok: {} tools, {} roles, {} reviews, {} warning(s)",
                    b.tools.len(),
                    b.roles.len(),
                    b.reviews.len(),
                    catalog.warnings.len()
                );
            }
            Err(err) => {
                let problems = err.problems();
                for p in &problems {
                    println!("{path_text}: {p}");
                }
                let errors = problems.iter().filter(|p| p.severity == Severity::Error).count();
                println!("{path_text}: refused: {errors} error(s), {} warning(s)", problems.len() - errors);
                worst = worst.max(1);
            }
        }
    }
    ExitCode::from(worst)
}

/// Checks a content folder: every problem with its file, line and column; 0, 1 or 2 as above.
fn check_folder(dir: &std::path::Path) -> u8 {
    let compiled = verdicts_content::read_folder(dir);
    for p in &compiled.problems {
        println!("{p}");
    }
    let errors = compiled.problems.iter().filter(|p| p.severity == Severity::Error).count();
    let warnings = compiled.problems.len() - errors;
    match &compiled.bundle {
        Some(b) => {
            println!(
                "{}: ok: {} tools, {} roles, {} reviews, {warnings} warning(s)",
                dir.display(),
                b.tools.len(),
                b.roles.len(),
                b.reviews.len()
            );
            0
        }
        None => {
            println!("{}: refused: {errors} error(s), {warnings} warning(s)", dir.display());
            // A folder that is not one (no site.toml, no tools/) cannot be read at all.
            if verdicts_content::is_content_folder(dir) {
                1
            } else {
                2
            }
        }
    }
}
