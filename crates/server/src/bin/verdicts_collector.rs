//! The community vote collector (see docs/collector.md):
//!
//! ```text
//! cargo run --release -p verdicts-server --bin verdicts-collector -- \
//!   --listen 127.0.0.1:8787 --bundle dist/data/bundle.json --db votes.sqlite \
//!   --allow-origin http://127.0.0.1:8080
//! ```
//! `--help` lists the options. Once listening it prints one line on stdout,
//! `verdicts-collector: listening on http://ADDR (…)`, as before, for scripts that read it; logs go
//! to stderr through `tracing` (`RUST_LOG` filters them, default `info`; `RUST_LOG=debug`
//! shows each request).

use std::io::IsTerminal;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use tracing_subscriber::filter::LevelFilter;
use tracing_subscriber::EnvFilter;

use verdicts_server::{start, Options, DEFAULT_BURST, DEFAULT_LISTEN, DEFAULT_RATE};

/// Collects the community's votes for a published bundle and serves the live tallies.
#[derive(Debug, Parser)]
#[command(name = "verdicts-collector", version)]
struct Args {
    /// The published bundle: votes are taken for its id and its tools only. A replaced file is
    /// picked up within a second.
    #[arg(long, value_name = "FILE")]
    bundle: PathBuf,
    /// Where votes are kept: a SQLite file (created if missing) or a
    /// postgres://user:password@host/db URL.
    #[arg(long, value_name = "FILE.sqlite | postgres://…")]
    db: String,
    /// The address and port to listen on.
    #[arg(long, value_name = "ADDR:PORT", default_value_t = DEFAULT_LISTEN)]
    listen: SocketAddr,
    /// An origin whose pages may call the collector (CORS); repeatable; `*` for any.
    #[arg(long = "allow-origin", value_name = "ORIGIN")]
    allow_origins: Vec<String>,
    /// Votes a second per client address, on average (a fraction is fine).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_RATE, value_parser = votes_per_second, allow_negative_numbers = true)]
    rate: f64,
    /// Votes per client address at once.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_BURST,
          value_parser = clap::value_parser!(u32).range(1..))]
    burst: u32,
    /// Behind a proxy: the client's address is the last `X-Forwarded-For` entry.
    #[arg(long)]
    trust_forwarded_for: bool,
}

/// A rate: a positive number.
fn votes_per_second(value: &str) -> Result<f64, String> {
    value.parse::<f64>().ok().filter(|n| n.is_finite() && *n > 0.0).ok_or_else(|| "expected a positive number".into())
}

impl Args {
    fn into_options(self) -> Options {
        let mut options = Options::new(self.bundle, self.db);
        options.listen = self.listen;
        options.allow_origins = self.allow_origins;
        options.rate = self.rate;
        options.burst = self.burst;
        options.trust_forwarded_for = self.trust_forwarded_for;
        options
    }
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(term) => term,
            Err(_) => return std::future::pending().await,
        };
        tokio::select! { _ = ctrl_c => {}, _ = term.recv() => {} }
    }
    #[cfg(not(unix))]
    let _ = ctrl_c.await;
}

/// Logs to stderr, compact, filtered by `RUST_LOG` (default `info`).
fn log_to_stderr() {
    let filter = EnvFilter::builder().with_default_directive(LevelFilter::INFO.into()).from_env_lossy();
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .compact()
        .try_init();
}

#[tokio::main]
async fn main() -> ExitCode {
    let options = Args::parse().into_options();
    log_to_stderr();
    let db = verdicts_server::store::redact(&options.db);
    let origins = if options.allow_origins.is_empty() {
        "none (no browser may call it)".into()
    } else {
        options.allow_origins.join(", ")
    };
    match start(options, shutdown_signal()).await {
        Ok(running) => {
            println!(
                "verdicts-collector: listening on http://{} (database {db}; allowed origins: {origins})",
                running.addr
            );
            let result = running.task.await;
            running.store.close().await;
            let error = match result {
                Ok(Ok(())) => return ExitCode::SUCCESS,
                Ok(Err(e)) => e,
                Err(e) => e.to_string(),
            };
            eprintln!("verdicts-collector: {error}");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("verdicts-collector: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn parse(args: &[&str]) -> Result<Args, clap::Error> {
        Args::try_parse_from(["verdicts-collector"].iter().chain(args))
    }

    #[test]
    fn the_flags_are_consistent() {
        Args::command().debug_assert();
    }

    #[test]
    fn the_defaults() -> Result<(), clap::Error> {
        let args = parse(&["--bundle", "bundle.json", "--db", "votes.sqlite"])?;
        let options = args.into_options();
        assert_eq!(options.listen, DEFAULT_LISTEN);
        assert_eq!((options.rate, options.burst), (DEFAULT_RATE, DEFAULT_BURST));
        assert!(options.allow_origins.is_empty() && !options.trust_forwarded_for);
        Ok(())
    }

    #[test]
    fn every_flag() -> Result<(), clap::Error> {
        let args = parse(&[
            "--bundle=b.json",
            "--db",
            "postgres://u:p@127.0.0.1/v",
            "--listen",
            "127.0.0.1:0",
            "--allow-origin",
            "http://a.example",
            "--allow-origin",
            "*",
            "--rate",
            "0.5",
            "--burst",
            "3",
            "--trust-forwarded-for",
        ])?;
        let options = args.into_options();
        assert_eq!(options.allow_origins, ["http://a.example", "*"]);
        assert_eq!((options.rate, options.burst), (0.5, 3));
        assert_eq!(options.listen.port(), 0);
        assert!(options.trust_forwarded_for);
        Ok(())
    }

    #[test]
    fn a_wrong_or_unknown_flag_is_an_error_naming_it() {
        let base = ["--bundle", "b.json", "--db", "v.sqlite"];
        for (extra, named) in [
            (&["--bogus"][..], "--bogus"),
            (&["--rate", "0"], "--rate"),
            (&["--rate", "-1"], "--rate"),
            (&["--rate", "fast"], "--rate"),
            (&["--rate", "inf"], "--rate"),
            (&["--burst", "0"], "--burst"),
            (&["--burst", "2.5"], "--burst"),
            (&["--listen", "nowhere"], "--listen"),
            (&["--trust-forwarded-for=yes"], "--trust-forwarded-for"),
        ] {
            let args: Vec<&str> = base.iter().chain(extra).copied().collect();
            let error = parse(&args).err().map(|e| e.to_string()).unwrap_or_default();
            assert!(error.contains(named), "{extra:?}: {error}");
        }
        for (args, missing) in [(&["--db", "v.sqlite"][..], "--bundle"), (&["--bundle", "b.json"], "--db")] {
            let error = parse(args).err().map(|e| e.to_string()).unwrap_or_default();
            assert!(error.contains(missing), "{args:?}: {error}");
        }
    }
}
