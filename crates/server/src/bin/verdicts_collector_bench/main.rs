//! Durability and load of the vote collector, on this machine, over loopback
//! (`scripts/collector-bench.sh` runs it for SQLite and for PostgreSQL):
//!
//! ```text
//! verdicts-collector-bench --collector target/release/verdicts-collector \
//!   --bundle public/data/bundle.json --db votes.sqlite [--votes 20000] [--seconds 20] [--clients 64]
//! ```
//! (`--votes` 1 to 1,000,000, `--seconds` 1 to 300, `--clients` 1 to 512; `--help` says more.)
//! 1. Durability: votes from many voters while the collector is killed with SIGKILL mid-run;
//!    restarted, every acknowledged vote must be in the database: "acknowledged N, found N".
//! 2. Writes: votes/s and p50/p99 latency of acknowledged votes.
//! 3. Reads: tallies requests/s.
//!
//! Every loop is bounded by a count and a time; everything listens on 127.0.0.1 only. The
//! collector under test is started in `collector.rs`, the votes are sent in `votes.rs` and the
//! tallies read in `tallies.rs`.

// Shared with the collector's tests, which use all of it.
#[allow(dead_code)]
mod client;
mod collector;
mod tallies;
mod votes;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::builder::RangedU64ValueParser;
use clap::Parser;

use verdicts_catalog::bundle::Catalog;
use verdicts_server::store::{redact, Store};

use collector::{free_port, spawn_collector};
use votes::{percentile, send_votes};

/// Durability and load of the vote collector, over loopback.
#[derive(Debug, Parser)]
#[command(name = "verdicts-collector-bench", version)]
struct Settings {
    /// The collector binary to run (a release build).
    #[arg(long, value_name = "FILE")]
    collector: PathBuf,
    /// The published bundle the collector takes votes for.
    #[arg(long, value_name = "FILE")]
    bundle: PathBuf,
    /// The vote database: a SQLite file or a postgres:// URL (emptied by the run).
    #[arg(long, value_name = "FILE.sqlite | postgres://…")]
    db: String,
    /// Votes sent in the writes run (the durability run sends up to 20 times as many).
    #[arg(long, value_name = "N", default_value_t = 20_000,
          value_parser = RangedU64ValueParser::<usize>::new().range(1..=1_000_000))]
    votes: usize,
    /// The longest each run of votes may take, in seconds (the tallies are read for at most 10).
    #[arg(long, value_name = "S", default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..=300))]
    seconds: u64,
    /// Concurrent client connections.
    #[arg(long, value_name = "C", default_value_t = 64,
          value_parser = RangedU64ValueParser::<usize>::new().range(1..=512))]
    clients: usize,
}

async fn run(s: Settings) -> Result<(), String> {
    let text = std::fs::read_to_string(&s.bundle).map_err(|e| format!("{}: {e}", s.bundle.display()))?;
    let catalog =
        Catalog::from_text(&text).map_err(|_| "the bundle does not load (verdicts-check says why)".to_string())?;
    let bundle = catalog.bundle.key().to_string();
    let tools: Vec<String> = catalog.tools().iter().map(|t| t.id.clone()).collect();
    let store = Store::open(&s.db).await?;
    let limit = Duration::from_secs(s.seconds);
    println!("Database: {}; {} client connections over loopback", redact(&s.db), s.clients);

    // 1. Durability: kill -9 mid-run, restart, look every acknowledged vote up.
    store.clear().await?;
    let port = free_port()?;
    let base = format!("http://127.0.0.1:{port}/");
    let mut child = spawn_collector(&s, port).await?;
    let sender = {
        let (base, bundle, tools) = (base.clone(), bundle.clone(), tools.clone());
        // More votes than can be sent before the kill: the kill comes mid-run.
        let (votes, clients) = (s.votes * 20, s.clients);
        tokio::spawn(async move { send_votes(&base, &bundle, &tools, "durable", votes, clients, limit).await })
    };
    tokio::time::sleep(Duration::from_millis(1000)).await;
    child.start_kill().map_err(|e| format!("kill -9: {e}"))?;
    let _ = child.wait().await;
    let sent = sender.await.map_err(|e| e.to_string())?;
    let mut child = spawn_collector(&s, port).await?;
    let mut found = 0;
    for (voter, tool, verdict) in &sent.acknowledged {
        if store.vote_of(&bundle, tool, voter).await? == Some(*verdict) {
            found += 1;
        }
    }
    let total: u64 = store.tallies(&bundle).await?.values().map(|c| c.ship + c.skip).sum();
    println!(
        "Durability (collector killed with SIGKILL 1 s into the run, then restarted): acknowledged {}, found {found} \
         ({} refused or cut off by the kill; {total} votes in the database in all)",
        sent.acknowledged.len(),
        sent.failed
    );
    let durable = found == sent.acknowledged.len();
    let _ = child.start_kill();
    let _ = child.wait().await;

    // 2. Writes.
    store.clear().await?;
    let mut child = spawn_collector(&s, port).await?;
    let sent = send_votes(&base, &bundle, &tools, "load", s.votes, s.clients, limit).await;
    let mut latencies = sent.latencies.clone();
    latencies.sort();
    let rate = sent.acknowledged.len() as f64 / sent.elapsed.as_secs_f64();

    // 3. Reads: tallies, bounded by count and time.
    let read_rate = tallies::read_rate(&base, &bundle, s.clients, Duration::from_secs(s.seconds.min(10))).await;
    let _ = child.start_kill();
    let _ = child.wait().await;
    store.close().await;

    println!();
    println!("| Measure | Value |");
    println!("|---|---|");
    println!(
        "| acknowledged votes | {} in {:.1} s ({} failed) |",
        sent.acknowledged.len(),
        sent.elapsed.as_secs_f64(),
        sent.failed
    );
    println!("| votes/s | {rate:.0} |");
    println!(
        "| vote latency p50 / p99 | {:.1} / {:.1} ms |",
        percentile(&latencies, 0.5),
        percentile(&latencies, 0.99)
    );
    println!("| tallies requests/s | {read_rate:.0} |");
    if durable {
        Ok(())
    } else {
        Err("acknowledged votes are missing after the restart".into())
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    match run(Settings::parse()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("verdicts-collector-bench: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn parse(extra: &[&str]) -> Result<Settings, clap::Error> {
        let base = ["verdicts-collector-bench", "--collector", "c", "--bundle", "b.json", "--db", "v.sqlite"];
        Settings::try_parse_from(base.iter().chain(extra))
    }

    #[test]
    fn the_flags_are_consistent() {
        Settings::command().debug_assert();
    }

    #[test]
    fn the_defaults_and_the_bounds() -> Result<(), clap::Error> {
        let s = parse(&[])?;
        assert_eq!((s.votes, s.seconds, s.clients), (20_000, 20, 64));
        let s = parse(&["--votes", "1000000", "--seconds", "300", "--clients", "512"])?;
        assert_eq!((s.votes, s.seconds, s.clients), (1_000_000, 300, 512));
        let s = parse(&["--votes", "1", "--seconds", "1", "--clients", "1"])?;
        assert_eq!((s.votes, s.seconds, s.clients), (1, 1, 1));
        Ok(())
    }

    #[test]
    fn a_wrong_or_unknown_flag_is_an_error_naming_it() {
        for (extra, named) in [
            (&["--bogus"][..], "--bogus"),
            (&["--votes", "0"], "--votes"),
            (&["--votes", "1000001"], "--votes"),
            (&["--votes", "many"], "--votes"),
            (&["--seconds", "301"], "--seconds"),
            (&["--clients", "0"], "--clients"),
            (&["--clients", "513"], "--clients"),
        ] {
            let error = parse(extra).err().map(|e| e.to_string()).unwrap_or_default();
            assert!(error.contains(named), "{extra:?}: {error}");
        }
        let missing = Settings::try_parse_from(["verdicts-collector-bench", "--bundle", "b.json", "--db", "v"]);
        assert!(missing.err().is_some_and(|e| e.to_string().contains("--collector")));
    }
}
