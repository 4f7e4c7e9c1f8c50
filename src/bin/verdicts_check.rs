//! Checks bundle files the way the app reads them and prints every problem with its JSON path.
//!
//! ```text
//! cargo run --bin verdicts-check -- public/data/bundle.json
//! cargo run --bin verdicts-check -- --schema > public/bundle.schema.json
//! ```
//! Exit code: 0 when every file loads (warnings allowed), 1 when any file has errors,
//! 2 when a file cannot be read or the arguments are wrong.

use std::process::ExitCode;

/// Native only: there are no files to read in a browser.
#[cfg(target_arch = "wasm32")]
fn main() -> ExitCode {
    ExitCode::FAILURE
}

#[cfg(not(target_arch = "wasm32"))]
use verdicts::bundle::{Catalog, Severity};

#[cfg(not(target_arch = "wasm32"))]
fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--schema") {
        print!("{}", verdicts::bundle::json_schema());
        return ExitCode::SUCCESS;
    }
    if args.is_empty() || args.iter().any(|a| a == "-h" || a == "--help") {
        eprintln!("usage: verdicts-check BUNDLE.json [MORE.json …]   |   verdicts-check --schema");
        return ExitCode::from(2);
    }
    let mut worst = 0u8;
    for path in &args {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(err) => {
                eprintln!("{path}: cannot read: {err}");
                worst = 2;
                continue;
            }
        };
        match Catalog::from_text(&text) {
            Ok(catalog) => {
                for w in &catalog.warnings {
                    println!("{path}: {w}");
                }
                let b = &catalog.bundle;
                println!(
                    "{path}: ok: {} tools, {} roles, {} reviews, {} warning(s)",
                    b.tools.len(),
                    b.roles.len(),
                    b.reviews.len(),
                    catalog.warnings.len()
                );
            }
            Err(err) => {
                let problems = err.problems();
                for p in &problems {
                    println!("{path}: {p}");
                }
                let errors = problems.iter().filter(|p| p.severity == Severity::Error).count();
                println!("{path}: refused: {errors} error(s), {} warning(s)", problems.len() - errors);
                worst = worst.max(1);
            }
        }
    }
    ExitCode::from(worst)
}
