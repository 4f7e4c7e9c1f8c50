//! Writes a large, clearly fictional bundle to standard output, for tests and benchmarks.
//!
//! ```text
//! verdicts-generate --tools 2000 --roles 8 > /tmp/large.json
//! ```

use std::process::ExitCode;

use clap::Parser;

/// Writes a generated, clearly fictional bundle to standard output.
#[derive(Parser)]
#[command(name = "verdicts-generate", version)]
struct Args {
    /// How many tools.
    #[arg(long, default_value_t = 2000, value_parser = clap::value_parser!(u32).range(2..=1_000_000))]
    tools: u32,
    /// How many reviewer roles (each tool gets one review per role).
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u32).range(1..=64))]
    roles: u32,
    /// The seed of the generator: the same seed gives the same bundle.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let bundle = verdicts_catalog::bundle::generate::generate(args.tools as usize, args.roles as usize, args.seed);
    // The one canonical bundle text, as `verdicts-content import` writes it.
    match verdicts_content::bundle_json(&bundle) {
        Ok(json) => {
            print!("{json}");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("verdicts-generate: cannot write the bundle: {err}");
            ExitCode::FAILURE
        }
    }
}
