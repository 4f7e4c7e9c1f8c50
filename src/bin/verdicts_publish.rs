//! Publishes a bundle with the built app: every page, preview image, `sitemap.xml` and
//! `robots.txt`, into a new folder. `scripts/publish.sh` runs it, adds the HTTP headers file and
//! swaps the new folder in for the live one:
//!
//! ```text
//! verdicts-publish --bundle BUNDLE.json --base-url https://example.com/tools/compare/ \
//!                  --app dist --stage dist.next [--all-pairs-max 40]
//! ```
//! On a bundle the app would refuse it prints every problem with its JSON path, writes nothing
//! and exits 1.

use std::process::ExitCode;

#[cfg(target_arch = "wasm32")]
fn main() -> ExitCode {
    ExitCode::FAILURE
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> ExitCode {
    use std::path::PathBuf;
    use std::time::Instant;
    use verdicts::publish::{publish, PublishError, Settings};

    const USAGE: &str =
        "usage: verdicts-publish --bundle FILE --base-url URL --app DIR --stage DIR [--all-pairs-max N]";
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let (Some(bundle), Some(base_url), Some(app), Some(stage)) =
        (value("--bundle"), value("--base-url"), value("--app"), value("--stage"))
    else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let mut settings = match Settings::new(&base_url) {
        Ok(s) => s,
        Err(err) => {
            eprintln!("verdicts-publish: {err}");
            return ExitCode::from(2);
        }
    };
    if let Some(max) = value("--all-pairs-max") {
        match max.parse() {
            Ok(n) => settings.all_pairs_max = n,
            Err(_) => {
                eprintln!("verdicts-publish: --all-pairs-max must be a whole number, not “{max}”");
                return ExitCode::from(2);
            }
        }
    }
    let text = match std::fs::read_to_string(&bundle) {
        Ok(t) => t,
        Err(err) => {
            eprintln!("{bundle}: cannot read: {err}");
            return ExitCode::FAILURE;
        }
    };
    let started = Instant::now();
    match publish(&PathBuf::from(app), &PathBuf::from(&stage), &text, &settings) {
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
                "Published {} page(s) ({} canonical, with preview images; {}) for {} in {:.2} s",
                report.pages,
                report.canonical,
                if report.all_pairs { "every pair" } else { "the featured pairs" },
                settings.base_url,
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(PublishError::Bundle(problems)) => {
            for p in &problems {
                eprintln!("{bundle}: {p}");
            }
            eprintln!("{bundle}: refused: nothing was published");
            ExitCode::FAILURE
        }
        Err(PublishError::Other(err)) => {
            eprintln!("verdicts-publish: {err}");
            ExitCode::FAILURE
        }
    }
}
