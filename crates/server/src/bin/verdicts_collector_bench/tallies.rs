//! Reading the tallies: many clients asking at once, as many times as they can in the time
//! given (at most two million answers).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::client::Http;

/// Tallies answered per second by `clients` concurrent clients over at most `read_limit`.
pub async fn read_rate(base: &str, bundle: &str, clients: usize, read_limit: Duration) -> f64 {
    let reads = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let http = Http::new();
    let url = format!("{base}v1/tallies/{}", verdicts_catalog::percent::encode_component(bundle));
    let readers: Vec<_> = (0..clients)
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
    reads.load(Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64()
}
