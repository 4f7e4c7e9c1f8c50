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

/// Sends up to `count` votes from `clients` concurrent clients for at most `limit`.
pub async fn send_votes(
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

pub fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)].as_secs_f64() * 1000.0
}
