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
//! 4. Attacks (`attack.rs`): one address with 10,000 fresh voter ids; honest votes then 200
//!    networks × 50 votes for one tool, held, listed by `verdicts-collector review`, dropped by
//!    `verdicts-collector drop`, and the tallies back to the honest count; what solving the
//!    challenges of 10,000 votes costs a script.
//!
//! Votes carry solved challenges throughout, checked by the collector. The runs that measure
//! the collector use an easy difficulty (checking costs the same at any); the honest runs come
//! from 64 addresses standing for many voters' networks, with the daily limit raised to match.
//!
//! Every loop is bounded by a count and a time; everything listens on 127.0.0.1 only. The
//! collector under test is started in `collector.rs`, the votes are sent in `votes.rs` and the
//! tallies read in `tallies.rs`.

// Shared with the collector's tests, which use all of it.
mod attack;
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

use collector::{free_port, spawn_collector, EASY};
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
    // Honest voters: 64 addresses stand for their many networks, so the daily limit is raised.
    let honest = ["--difficulty", EASY, "--daily-limit", "1000000"];
    let mut child = spawn_collector(&s, port, &honest).await?;
    let sender = {
        let (base, bundle, tools) = (base.clone(), bundle.clone(), tools.clone());
        // More votes than can be sent before the kill: the kill comes mid-run.
        let (votes, clients) = (s.votes * 20, s.clients);
        tokio::spawn(async move { send_votes(&base, &bundle, &tools, "durable", votes, clients, limit, false).await })
    };
    tokio::time::sleep(Duration::from_millis(1000)).await;
    child.start_kill().map_err(|e| format!("kill -9: {e}"))?;
    let _ = child.wait().await;
    let sent = sender.await.map_err(|e| e.to_string())?;
    let mut child = spawn_collector(&s, port, &honest).await?;
    let mut found = 0;
    for (voter, tool, verdict) in &sent.acknowledged {
        if store.vote_of(&bundle, tool, voter).await? == Some(*verdict) {
            found += 1;
        }
    }
    let total: u64 = store.tallies(&bundle).await?.values().map(|c| c.ship + c.skip).sum();
    println!(
        "Durability (collector killed with SIGKILL 1 s into the run, then restarted): acknowledged {}, found {found} \
         ({} refused or cut off by the kill; {total} counted in the tallies, the rest held as a burst)",
        sent.acknowledged.len(),
        sent.failed
    );
    let durable = found == sent.acknowledged.len();
    let _ = child.start_kill();
    let _ = child.wait().await;

    // 2. Writes.
    store.clear().await?;
    let mut child = spawn_collector(&s, port, &honest).await?;
    let sent = send_votes(&base, &bundle, &tools, "load", s.votes, s.clients, limit, true).await;
    let mut latencies = sent.latencies.clone();
    latencies.sort();
    let rate = sent.acknowledged.len() as f64 / sent.elapsed.as_secs_f64();

    // 3. Reads: tallies, bounded by count and time.
    let read_rate = tallies::read_rate(&base, &bundle, s.clients, Duration::from_secs(s.seconds.min(10))).await;
    let _ = child.start_kill();
    let _ = child.wait().await;

    // 4. Attacks, under the default rules (the difficulty aside: its cost is measured apart).
    store.clear().await?;
    let mut child = spawn_collector(&s, port, &["--difficulty", EASY]).await?;
    let (one, many) = (&tools[0], &tools[1 % tools.len()]);
    let single = attack::flood(&base, &bundle, one, &[attack::network(9, 0)], 10_000, "one", limit).await;
    let one_tally = store.tallies(&bundle).await?.get(one.as_str()).map_or(0, |c| c.ship + c.skip);
    let honest_networks: Vec<_> = (0..30).map(|n| attack::network(3, n)).collect();
    let honest_votes = attack::flood(&base, &bundle, many, &honest_networks, 1, "honest", limit).await;
    let honest_tallies = store.tallies(&bundle).await?;
    // The burst starts on the next second, so that the drop's range leaves the honest votes out.
    let since = (unix_now() + 1) as i64;
    tokio::time::sleep(Duration::from_millis(
        1000 - (std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_millis())
            as u64)
            .min(999)
            + 50,
    ))
    .await;
    let attackers: Vec<_> = (0..200).map(|n| attack::network(4, n)).collect();
    let burst = attack::flood(&base, &bundle, many, &attackers, 50, "burst", limit).await;
    let burst_tally = store.tallies(&bundle).await?.get(many.as_str()).map_or(0, |c| c.ship + c.skip);
    let review = attack::operator(&s, &["review"]).await?;
    let until = (unix_now() + 1) as i64;
    let dropped = attack::operator(
        &s,
        &[
            "drop",
            "--tool",
            many,
            "--since",
            &verdicts_server::rfc3339(since),
            "--until",
            &verdicts_server::rfc3339(until),
        ],
    )
    .await?;
    let after_drop = store.tallies(&bundle).await?;
    let back = after_drop.get(many.as_str()) == honest_tallies.get(many.as_str());
    let _ = child.start_kill();
    let _ = child.wait().await;
    store.close().await;
    let (each, ten_thousand) = attack::solving_cost(verdicts_server::proof::DEFAULT_DIFFICULTY, 200, 10_000);

    println!();
    println!("Attacks (default rules: 5 votes a tool a network a day, bursts held):");
    println!(
        "- one address, 10,000 votes with fresh voter ids for {one}: {} counted, {} not counted (over the limit), {} refused, in {:.1} s; {one_tally} in the tallies",
        single.counted, single.not_counted, single.refused, single.elapsed.as_secs_f64()
    );
    println!("- honest: 30 networks, a vote each for {many}: {} counted", honest_votes.counted);
    println!(
        "- 200 networks × 50 votes for {many}: {} counted, {} held, {} not counted (over the limit), {} refused, in {:.1} s; {burst_tally} counted in the tallies",
        burst.counted, burst.held, burst.not_counted, burst.refused, burst.elapsed.as_secs_f64()
    );
    println!("- verdicts-collector review:\n    {}", review.trim().replace('\n', "\n    "));
    println!("- verdicts-collector drop: {}", dropped.trim());
    println!(
        "- tallies of {many} after the drop: {} (honest count {}): {}",
        after_drop.get(many.as_str()).map_or(0, |c| c.ship + c.skip),
        honest_tallies.get(many.as_str()).map_or(0, |c| c.ship + c.skip),
        if back { "back exactly" } else { "NOT back" }
    );
    println!(
        "- proof of work at the default difficulty ({}): {:.0} ms of one core per vote, so 10,000 votes cost a script {:.0} CPU-seconds",
        verdicts_server::proof::DEFAULT_DIFFICULTY,
        each * 1000.0,
        ten_thousand
    );

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
    if !durable {
        return Err("acknowledged votes are missing after the restart".into());
    }
    if single.counted > 5 || one_tally > 5 || burst.counted > 200 * 5 || !back {
        return Err(
            "an attack got more counted than the rules allow, or the drop did not restore the honest count".into()
        );
    }
    Ok(())
}

fn unix_now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
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
