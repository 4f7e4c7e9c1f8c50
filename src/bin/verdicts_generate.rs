//! Writes a large, clearly fictional bundle to standard output, for tests and benchmarks.
//!
//! ```text
//! cargo run --release --bin verdicts-generate -- 2000 8 > /tmp/large.json
//! ```
//! Arguments: number of tools (default 2000), number of roles (default 8), seed (default 1).

use std::process::ExitCode;

/// Native only: there are no files to read in a browser.
#[cfg(target_arch = "wasm32")]
fn main() -> ExitCode {
    ExitCode::FAILURE
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |i: usize, default: u64| -> Option<u64> { args.get(i).map_or(Some(default), |a| a.parse().ok()) };
    let (Some(tools), Some(roles), Some(seed)) = (number(0, 2000), number(1, 8), number(2, 1)) else {
        eprintln!("usage: verdicts-generate [TOOLS] [ROLES] [SEED]");
        return ExitCode::from(2);
    };
    let bundle = verdicts::bundle::generate::generate(tools as usize, roles as usize, seed);
    match serde_json::to_string(&bundle) {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("cannot write the bundle: {err}");
            ExitCode::FAILURE
        }
    }
}
