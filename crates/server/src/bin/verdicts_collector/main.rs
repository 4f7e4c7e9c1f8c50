//! The community vote collector (see docs/collector.md):
//!
//! ```text
//! cargo run --release -p verdicts-server --bin verdicts-collector -- \
//!   --listen 127.0.0.1:8787 --bundle dist/data/bundle.json --db votes.sqlite \
//!   --allow-origin http://127.0.0.1:8080
//! ```
//! `--help` lists the options; `review`, `accept`, `drop`, `restore` and `confirm` are the
//! operator's commands for held votes (see `review.rs`). Once listening it prints one line on stdout,
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
use verdicts_server::shutdown_signal;

mod operate;

use operate::{operate, Command};
use verdicts_server::store::{Burst, Rules};
use verdicts_server::{start, Options, DEFAULT_BURST, DEFAULT_LISTEN, DEFAULT_RATE};

/// Collects the community's votes for a published bundle and serves the live tallies.
#[derive(Debug, Parser)]
#[command(name = "verdicts-collector", version, subcommand_negates_reqs = true, args_conflicts_with_subcommands = true)]
struct Args {
    #[command(subcommand)]
    command: Option<Command>,
    /// The published bundle: votes are taken for its id and its tools only. A replaced file is
    /// picked up within a second.
    #[arg(long, value_name = "FILE", required = true)]
    bundle: Option<PathBuf>,
    /// Where votes are kept: a SQLite file (created if missing) or a
    /// postgres://user:password@host/db URL.
    #[arg(long, value_name = "FILE.sqlite | postgres://…", required = true)]
    db: Option<String>,
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
    /// New counted votes per tool per network (an IPv4 address or an IPv6 /56) per day; more
    /// are answered "not counted today".
    #[arg(long, value_name = "N", default_value_t = Rules::default().daily_limit,
          value_parser = clap::value_parser!(u32).range(1..))]
    daily_limit: u32,
    /// The proof of work: the largest secret number of a challenge (on average half as many
    /// SHA-256 hashes to solve one).
    #[arg(long, value_name = "N", default_value_t = verdicts_server::proof::DEFAULT_DIFFICULTY,
          value_parser = clap::value_parser!(u64).range(1..=1_000_000_000))]
    difficulty: u64,
    /// Seconds a challenge may be used.
    #[arg(long, value_name = "S", default_value_t = verdicts_server::proof::DEFAULT_CHALLENGE_SECONDS,
          value_parser = clap::value_parser!(u64).range(10..=86_400))]
    challenge_seconds: u64,
    /// Count every vote within the daily limit, holding no burst back.
    #[arg(long)]
    no_hold: bool,
    /// A burst: more votes for a tool in this many seconds …
    #[arg(long, value_name = "S", default_value_t = Burst::default().window,
          value_parser = clap::value_parser!(i64).range(10..=86_400))]
    burst_window: i64,
    /// … than this many times its average over the day before …
    #[arg(long, value_name = "X", default_value_t = Burst::default().factor, value_parser = votes_per_second, allow_negative_numbers = true)]
    burst_factor: f64,
    /// … and more than this many …
    #[arg(long, value_name = "N", default_value_t = Burst::default().min_votes)]
    burst_min_votes: u64,
    /// … from at least this many networks.
    #[arg(long, value_name = "N", default_value_t = Burst::default().min_networks)]
    burst_min_networks: u64,
    /// Hours after which a held vote counts unless reviewed before.
    #[arg(long, value_name = "H", default_value_t = 48, value_parser = clap::value_parser!(u32).range(1..=8760))]
    hold_hours: u32,
}

/// A rate: a positive number.
fn votes_per_second(value: &str) -> Result<f64, String> {
    value.parse::<f64>().ok().filter(|n| n.is_finite() && *n > 0.0).ok_or_else(|| "expected a positive number".into())
}

impl Args {
    fn into_options(self) -> Options {
        let mut options = Options::new(self.bundle.unwrap_or_default(), self.db.unwrap_or_default());
        options.listen = self.listen;
        options.allow_origins = self.allow_origins;
        options.rate = self.rate;
        options.burst = self.burst;
        options.trust_forwarded_for = self.trust_forwarded_for;
        options.difficulty = self.difficulty;
        options.challenge_seconds = self.challenge_seconds;
        let burst = Burst {
            window: self.burst_window,
            factor: self.burst_factor,
            min_votes: self.burst_min_votes,
            min_networks: self.burst_min_networks,
            hold_seconds: i64::from(self.hold_hours) * 3600,
        };
        options.rules = Rules { daily_limit: self.daily_limit, burst: (!self.no_hold).then_some(burst) };
        options
    }
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
    let mut args = Args::parse();
    log_to_stderr();
    if let Some(command) = args.command.take() {
        return match operate(command).await {
            Ok(said) => {
                println!("{said}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("verdicts-collector: {e}");
                ExitCode::FAILURE
            }
        };
    }
    let options = args.into_options();
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
    use operate::DropId;

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
    fn the_rules_flags() -> Result<(), clap::Error> {
        let base = ["--bundle", "b.json", "--db", "v.sqlite"];
        let options = parse(&base)?.into_options();
        assert_eq!(options.rules, Rules::default());
        assert_eq!(options.difficulty, verdicts_server::proof::DEFAULT_DIFFICULTY);
        let args: Vec<&str> = base
            .iter()
            .copied()
            .chain([
                "--daily-limit",
                "3",
                "--difficulty",
                "5000",
                "--challenge-seconds",
                "600",
                "--burst-window",
                "300",
                "--burst-factor",
                "4",
                "--burst-min-votes",
                "20",
                "--burst-min-networks",
                "6",
                "--hold-hours",
                "12",
            ])
            .collect();
        let options = parse(&args)?.into_options();
        let burst = Burst { window: 300, factor: 4.0, min_votes: 20, min_networks: 6, hold_seconds: 12 * 3600 };
        assert_eq!(options.rules, Rules { daily_limit: 3, burst: Some(burst) });
        assert_eq!((options.difficulty, options.challenge_seconds), (5000, 600));
        let off: Vec<&str> = base.iter().copied().chain(["--no-hold"]).collect();
        assert_eq!(parse(&off)?.into_options().rules.burst, None);
        Ok(())
    }

    #[test]
    fn the_operators_commands() -> Result<(), clap::Error> {
        let review = parse(&["review", "--db", "v.sqlite"])?;
        assert!(matches!(review.command, Some(Command::Review { ref db }) if db == "v.sqlite"));
        let drop = parse(&[
            "drop",
            "--db",
            "v.sqlite",
            "--tool",
            "t",
            "--since",
            "2026-12-06T13:00:00Z",
            "--until",
            "2026-12-06T14:00:00Z",
        ])?;
        assert!(matches!(drop.command, Some(Command::Drop(ref r)) if r.tool == "t" && r.until - r.since == 3600));
        assert!(matches!(
            parse(&["restore", "--db", "v", "--drop", "3"])?.command,
            Some(Command::Restore(DropId { id: 3, .. }))
        ));
        assert!(matches!(
            parse(&["confirm", "--db", "v", "--drop", "3"])?.command,
            Some(Command::Confirm(DropId { id: 3, .. }))
        ));
        for (args, named) in [
            (
                &["drop", "--db", "v", "--tool", "t", "--since", "yesterday", "--until", "2026-12-06T14:00:00Z"][..],
                "--since",
            ),
            (&["accept", "--db", "v", "--since", "2026-12-06T13:00:00Z", "--until", "2026-12-06T14:00:00Z"], "--tool"),
            (&["restore", "--db", "v"], "--drop"),
            (&["review"], "--db"),
        ] {
            let error = parse(args).err().map(|e| e.to_string()).unwrap_or_default();
            assert!(error.contains(named), "{args:?}: {error}");
        }
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
            (&["--daily-limit", "0"], "--daily-limit"),
            (&["--difficulty", "0"], "--difficulty"),
            (&["--burst-factor", "-2"], "--burst-factor"),
            (&["--hold-hours", "0"], "--hold-hours"),
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
