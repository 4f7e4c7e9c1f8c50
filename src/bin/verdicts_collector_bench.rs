//! Durability and load of the vote collector, on this machine, over loopback
//! (`scripts/collector-bench.sh` runs it for SQLite and for PostgreSQL):
//!
//! ```text
//! verdicts-collector-bench --collector target/release/verdicts-collector \
//!   --bundle public/data/bundle.json --db votes.sqlite [--votes 20000] [--seconds 20] [--clients 64]
//! ```
//! 1. Durability: votes from many voters while the collector is killed with SIGKILL mid-run;
//!    restarted, every acknowledged vote must be in the database: "acknowledged N, found N".
//! 2. Writes: votes/s and p50/p99 latency of acknowledged votes.
//! 3. Reads: tallies requests/s.
//!
//! Every loop is bounded by a count and a time; everything listens on 127.0.0.1 only.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::json;
use tokio::process::{Child, Command};
use verdicts::bundle::{Catalog, Verdict};
use verdicts::collector::client::Http;
use verdicts::collector::store::{redact, Store};

struct Settings {
    collector: PathBuf,
    bundle: PathBuf,
    db: String,
    votes: usize,
    seconds: u64,
    clients: usize,
}

fn settings() -> Result<Settings, String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let number = |name: &str, default: usize| -> Result<usize, String> {
        value(name).map_or(Ok(default), |v| v.parse().map_err(|_| format!("{name} must be a whole number")))
    };
    Ok(Settings {
        collector: value("--collector").map(PathBuf::from).ok_or("--collector is required")?,
        bundle: value("--bundle").map(PathBuf::from).ok_or("--bundle is required")?,
        db: value("--db").ok_or("--db is required")?,
        votes: number("--votes", 20_000)?.clamp(1, 1_000_000),
        seconds: number("--seconds", 20)?.clamp(1, 300) as u64,
        clients: number("--clients", 64)?.clamp(1, 512),
    })
}

fn free_port() -> Result<u16, String> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    listener.local_addr().map(|a| a.port()).map_err(|e| e.to_string())
}

/// Starts the collector and waits until it answers.
async fn spawn_collector(s: &Settings, port: u16) -> Result<Child, String> {
    let mut child = Command::new(&s.collector)
        .args(["--listen", &format!("127.0.0.1:{port}"), "--db", &s.db, "--rate", "1000000", "--burst", "1000000"])
        .arg("--bundle")
        .arg(&s.bundle)
        .stdout(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| format!("{}: {e}", s.collector.display()))?;
    let http = Http::new();
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if let Ok(Some(status)) = child.try_wait() {
            return Err(format!("the collector exited at start: {status}"));
        }
        if http.get(&format!("http://127.0.0.1:{port}/v1/ready")).await.is_ok() {
            return Ok(child);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Err("the collector did not start within 20 s".into())
}

/// One vote of the run: voter `i`, on one of the tools.
fn vote(run: &str, tools: &[String], i: usize) -> (String, String, Verdict) {
    let voter = format!("bench-{run}-{i:010}");
    let tool = tools[i % tools.len()].clone();
    let verdict = if i % 3 == 0 { Verdict::Skip } else { Verdict::Ship };
    (voter, tool, verdict)
}

struct Sent {
    acknowledged: Vec<(String, String, Verdict)>,
    latencies: Vec<Duration>,
    elapsed: Duration,
    failed: usize,
}

/// Sends up to `count` votes from `clients` concurrent clients for at most `limit`.
async fn send_votes(
    base: &str,
    bundle: &str,
    tools: &[String],
    run: &str,
    count: usize,
    clients: usize,
    limit: Duration,
) -> Sent {
    let next = Arc::new(AtomicUsize::new(0));
    let out = Arc::new(Mutex::new(Sent {
        acknowledged: Vec::new(),
        latencies: Vec::new(),
        elapsed: Duration::ZERO,
        failed: 0,
    }));
    let started = Instant::now();
    let http = Http::new();
    let workers: Vec<_> = (0..clients)
        .map(|_| {
            let (next, out, http) = (next.clone(), out.clone(), http.clone());
            let (base, bundle, tools, run) = (base.to_string(), bundle.to_string(), tools.to_vec(), run.to_string());
            tokio::spawn(async move {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= count || started.elapsed() >= limit {
                        return;
                    }
                    let (voter, tool, verdict) = vote(&run, &tools, i);
                    let body = json!({ "bundle": bundle, "tool": tool, "voter": voter, "verdict": verdict });
                    let sent_at = Instant::now();
                    let answer = http.post_json(&format!("{base}v1/votes"), &body).await;
                    let took = sent_at.elapsed();
                    let Ok(mut out) = out.lock() else { return };
                    match answer {
                        Ok(a) if a.status.is_success() => {
                            out.acknowledged.push((voter, tool, verdict));
                            out.latencies.push(took);
                        }
                        _ => out.failed += 1,
                    }
                }
            })
        })
        .collect();
    for w in workers {
        let _ = w.await;
    }
    let mut sent = match Arc::try_unwrap(out) {
        Ok(m) => m.into_inner().unwrap_or_else(|p| p.into_inner()),
        Err(_) => Sent { acknowledged: Vec::new(), latencies: Vec::new(), elapsed: Duration::ZERO, failed: 0 },
    };
    sent.elapsed = started.elapsed();
    sent
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)].as_secs_f64() * 1000.0
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
    let reads = Arc::new(AtomicUsize::new(0));
    let read_limit = Duration::from_secs(s.seconds.min(10));
    let started = Instant::now();
    let http = Http::new();
    let url = format!("{base}v1/tallies/{}", verdicts::percent::encode_component(&bundle));
    let readers: Vec<_> = (0..s.clients)
        .map(|_| {
            let (reads, http, url) = (reads.clone(), http.clone(), url.clone());
            tokio::spawn(async move {
                while started.elapsed() < read_limit && reads.load(Ordering::Relaxed) < 2_000_000 {
                    match http.get(&url).await {
                        Ok(a) if a.status.is_success() => {
                            reads.fetch_add(1, Ordering::Relaxed);
                        }
                        _ => return,
                    }
                }
            })
        })
        .collect();
    for r in readers {
        let _ = r.await;
    }
    let read_rate = reads.load(Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64();
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
    let s = match settings() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("verdicts-collector-bench: {e}");
            return ExitCode::from(2);
        }
    };
    match run(s).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("verdicts-collector-bench: {e}");
            ExitCode::FAILURE
        }
    }
}
