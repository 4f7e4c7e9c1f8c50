//! The attacks the collector's rules are for, each bounded in count and time, over loopback,
//! with source addresses across 127.0.0.0/8 standing for networks:
//! 1. one address, many votes with fresh voter ids for one tool;
//! 2. honest votes for a tool, then 200 networks × 50 votes for it: what counts, what is held,
//!    what is over the limit; then the operator's `review` lists the burst and `drop` takes it
//!    out, and the tallies are back to the honest count exactly;
//! 3. what solving a challenge at the default difficulty costs a script, natively.

use std::net::IpAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::json;
use tokio::process::Command;

use crate::client::Http;
use crate::Settings;

/// What became of an attack's votes.
#[derive(Default, Debug)]
pub struct Tally {
    pub counted: usize,
    pub held: usize,
    pub not_counted: usize,
    pub refused: usize,
    pub elapsed: Duration,
}

/// Sends `per_network` votes from each address (fresh voter ids, one tool), `clients` at once
/// per address, for at most `limit`.
pub async fn flood(
    base: &str,
    bundle: &str,
    tool: &str,
    networks: &[IpAddr],
    per_network: usize,
    run: &str,
    limit: Duration,
) -> Tally {
    let started = Instant::now();
    let counts: Arc<[AtomicUsize; 4]> = Arc::new(Default::default());
    let tasks: Vec<_> = networks
        .iter()
        .enumerate()
        .flat_map(|(n, ip)| {
            let http = Http::from_address(*ip);
            // Up to 16 connections per address: the one address of run 1 sends in parallel too.
            let lanes = (per_network / 50).clamp(1, 16);
            let next = Arc::new(AtomicUsize::new(0));
            (0..lanes)
                .map(|_| {
                    let (http, next, counts) = (http.clone(), next.clone(), counts.clone());
                    let (base, bundle, tool, run) = (base.to_string(), bundle.to_string(), tool.to_string(), run.to_string());
                    tokio::spawn(async move {
                        loop {
                            let i = next.fetch_add(1, Ordering::Relaxed);
                            if i >= per_network || started.elapsed() >= limit {
                                return;
                            }
                            let voter = format!("attack-{run}-{n:04}-{i:06}");
                            let answer = match http.solved(&base).await {
                                Ok(proof) => {
                                    let body = json!({"bundle": bundle, "tool": tool, "voter": voter, "verdict": "ship", "proof": proof});
                                    http.post_json(&format!("{base}v1/votes"), &body).await.ok()
                                }
                                Err(_) => None,
                            };
                            let which = match answer {
                                Some(a) if a.status.is_success() => {
                                    let body = a.json();
                                    if body["counted"] == json!(true) {
                                        0
                                    } else if body["held"] == json!(true) {
                                        1
                                    } else {
                                        2
                                    }
                                }
                                _ => 3,
                            };
                            counts[which].fetch_add(1, Ordering::Relaxed);
                        }
                    })
                })
                .collect::<Vec<_>>()
        })
        .collect();
    for task in tasks {
        let _ = task.await;
    }
    Tally {
        counted: counts[0].load(Ordering::Relaxed),
        held: counts[1].load(Ordering::Relaxed),
        not_counted: counts[2].load(Ordering::Relaxed),
        refused: counts[3].load(Ordering::Relaxed),
        elapsed: started.elapsed(),
    }
}

/// The `n`-th stand-in network of a run: 127.`run`.x.y.
pub fn network(run: u8, n: usize) -> IpAddr {
    IpAddr::from([127, run, (n / 250) as u8, (n % 250 + 1) as u8])
}

/// Runs an operator's command of the collector; what it printed.
pub async fn operator(s: &Settings, args: &[&str]) -> Result<String, String> {
    let out = Command::new(&s.collector).args(args).args(["--db", &s.db]).output().await.map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!("verdicts-collector {}: {}", args.join(" "), String::from_utf8_lossy(&out.stderr)));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Seconds of one core a script spends solving `count` challenges at `difficulty`, measured on
/// `sample` of them (solved on this thread, one after the other).
pub fn solving_cost(difficulty: u64, sample: usize, count: usize) -> (f64, f64) {
    let started = Instant::now();
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    for i in 0..sample {
        // Challenges as the collector makes them: a random secret number up to the difficulty.
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let salt = format!("{:032x}", u128::from(seed) << 64 | i as u128);
        let n = seed % (difficulty + 1);
        let challenge = verdicts_catalog::vote_proof::Challenge {
            challenge: verdicts_catalog::vote_proof::to_hex(&verdicts_catalog::vote_proof::hash(&salt, n)),
            salt,
            expires: 0,
            max: difficulty,
            signature: String::new(),
        };
        let _ = std::hint::black_box(challenge.solve());
    }
    let each = started.elapsed().as_secs_f64() / sample.max(1) as f64;
    (each, each * count as f64)
}
