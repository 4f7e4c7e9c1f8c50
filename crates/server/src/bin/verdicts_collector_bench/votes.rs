//! The votes of a run: many voters sending at once, each acknowledged vote kept with how long
//! its answer took.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::client::Http;
use serde_json::json;
use verdicts_catalog::bundle::Verdict;

/// One vote of the run: voter `i`, on one of the tools.
fn vote(run: &str, tools: &[String], i: usize) -> (String, String, Verdict) {
    let voter = format!("bench-{run}-{i:010}");
    let tool = tools[i % tools.len()].clone();
    let verdict = if i % 3 == 0 { Verdict::Skip } else { Verdict::Ship };
    (voter, tool, verdict)
}

pub struct Sent {
    pub acknowledged: Vec<(String, String, Verdict)>,
    pub latencies: Vec<Duration>,
    pub elapsed: Duration,
    pub failed: usize,
}

/// Sends up to `count` votes from `clients` concurrent clients for at most `limit`. With
/// `solved_first`, each client solves its challenges before the clock starts, as the app does
/// while the visitor reads (what is timed is then the votes alone, their proofs checked);
/// else each vote's challenge is fetched and solved just before it is sent.
#[allow(clippy::too_many_arguments)]
pub async fn send_votes(
    base: &str,
    bundle: &str,
    tools: &[String],
    run: &str,
    count: usize,
    clients: usize,
    limit: Duration,
    solved_first: bool,
) -> Sent {
    let next = Arc::new(AtomicUsize::new(0));
    let out = Arc::new(Mutex::new(Sent {
        acknowledged: Vec::new(),
        latencies: Vec::new(),
        elapsed: Duration::ZERO,
        failed: 0,
    }));
    // Each client from its own address, as honest voters come from many networks.
    let https: Vec<Http> = (0..clients)
        .map(|w| Http::from_address(std::net::IpAddr::from([127, 1, (w / 250) as u8, (w % 250 + 1) as u8])))
        .collect();
    let solved = Arc::new(Mutex::new(Vec::new()));
    if solved_first {
        let solving = Instant::now();
        let per_client = count.div_ceil(clients.max(1));
        let solvers: Vec<_> = https
            .iter()
            .map(|http| {
                let (http, base, solved) = (http.clone(), base.to_string(), solved.clone());
                tokio::spawn(async move {
                    for _ in 0..per_client {
                        if solving.elapsed() >= limit * 3 {
                            return;
                        }
                        if let Ok(proof) = http.solved(&base).await {
                            if let Ok(mut s) = solved.lock() {
                                s.push(proof);
                            }
                        }
                    }
                })
            })
            .collect();
        for s in solvers {
            let _ = s.await;
        }
    }
    let started = Instant::now();
    let workers: Vec<_> = (0..clients)
        .map(|w| {
            let http = https[w].clone();
            let (next, out, solved) = (next.clone(), out.clone(), solved.clone());
            let (base, bundle, tools, run) = (base.to_string(), bundle.to_string(), tools.to_vec(), run.to_string());
            tokio::spawn(async move {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= count || started.elapsed() >= limit {
                        return;
                    }
                    let (voter, tool, verdict) = vote(&run, &tools, i);
                    let ready = if solved_first { solved.lock().ok().and_then(|mut s| s.pop()) } else { None };
                    let proof = match ready {
                        Some(proof) => Ok(proof),
                        None => http.solved(&base).await,
                    };
                    let Ok(proof) = proof else {
                        if let Ok(mut out) = out.lock() {
                            out.failed += 1;
                        }
                        continue;
                    };
                    let body =
                        json!({ "bundle": bundle, "tool": tool, "voter": voter, "verdict": verdict, "proof": proof });
                    // The vote's own latency: its challenge was solved before, as the app does.
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

pub fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)].as_secs_f64() * 1000.0
}
