//! The site server's figures on this machine, over loopback (`scripts/server-bench.sh` runs it
//! on a generated catalogue it publishes):
//!
//! ```text
//! verdicts-site-bench --server target/release/verdicts-site --site DIR [--renders 300] [--clients 2]
//! ```
//! 1. Memory: the server's resident memory (RSS) once it has loaded the site, and its peak.
//! 2. Uncached pair pages: renders a second and p50/p99 latency, `--clients` at once, each page
//!    asked for once (distinct pairs the publish left out).
//! 3. Preview images: the time to draw one, one at a time.
//! 4. A flood: 64 connections asking for uncached pages as fast as they are answered, while one
//!    client reads cached pages and one a static page: their p50/p99 during the flood.
//!
//! The server runs as its own process with `--trust-forwarded-for`, each request naming a
//! client (the flood one address per connection, so the rate limit, tested on its own, does not
//! cut the flood short). Every loop is bounded by a count and a time; everything listens on
//! 127.0.0.1 only.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::Parser;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use verdicts_catalog::pages::canonical_order;
use verdicts_site::published::Site;

/// The site server's figures, over loopback.
#[derive(Debug, Parser)]
#[command(name = "verdicts-site-bench", version)]
struct Settings {
    /// The server binary to run (a release build).
    #[arg(long, value_name = "FILE")]
    server: PathBuf,
    /// The published site.
    #[arg(long, value_name = "DIR")]
    site: PathBuf,
    /// Uncached pages rendered in the throughput run.
    #[arg(long, default_value_t = 300, value_parser = clap::value_parser!(u64).range(10..=100_000))]
    renders: u64,
    /// Requests at once in the throughput run.
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u64).range(1..=256))]
    clients: u64,
    /// Preview images drawn.
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=10_000))]
    images: u64,
    /// Seconds of the flood.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=300))]
    seconds: u64,
}

/// The server process, stopped with SIGTERM when dropped.
struct Server {
    child: Child,
    addr: SocketAddr,
    mount: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = Command::new("kill").arg("-TERM").arg(self.child.id().to_string()).status();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(binary: &Path, site: &Path) -> Result<Server, String> {
        let mut child = Command::new(binary)
            .arg("--site")
            .arg(site)
            .args(["--listen", "127.0.0.1:0", "--trust-forwarded-for", "--rate", "100000", "--burst", "100000"])
            .args(["--render-queue", "100000"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("{}: {e}", binary.display()))?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).map_err(|e| e.to_string())?;
        // `verdicts-site: listening on http://ADDR/PATH (…)`
        let url =
            line.split_whitespace().find(|w| w.starts_with("http://")).ok_or(format!("no address in “{line}”"))?;
        let rest = url.trim_start_matches("http://");
        let slash = rest.find('/').unwrap_or(rest.len());
        let addr = rest[..slash].parse().map_err(|e| format!("{url}: {e}"))?;
        Ok(Server { child, addr, mount: rest[slash..].to_string() })
    }

    /// (resident, peak) memory in MB, from /proc.
    fn memory(&self) -> (f64, f64) {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap_or_default();
        let kb = |key: &str| {
            status
                .lines()
                .find(|l| l.starts_with(key))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse::<f64>().ok())
                .unwrap_or(0.0)
        };
        (kb("VmRSS:") / 1024.0, kb("VmHWM:") / 1024.0)
    }
}

/// One GET as client `from`: the status and the time to the whole answer.
async fn get(addr: SocketAddr, target: &str, from: &str) -> Result<(u16, Duration), String> {
    let started = Instant::now();
    let exchange = async {
        let mut stream = tokio::net::TcpStream::connect(addr).await.map_err(|e| e.to_string())?;
        let request =
            format!("GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Forwarded-For: {from}\r\nConnection: close\r\n\r\n");
        stream.write_all(request.as_bytes()).await.map_err(|e| e.to_string())?;
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).await.map_err(|e| e.to_string())?;
        let status = answer.get(9..12).and_then(|s| std::str::from_utf8(s).ok()).and_then(|s| s.parse().ok());
        status.ok_or_else(|| "no status".to_string())
    };
    let status =
        tokio::time::timeout(Duration::from_secs(60), exchange).await.map_err(|_| "timed out".to_string())??;
    Ok((status, started.elapsed()))
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// Distinct canonical pairs the site has no page for, in a fixed pseudo-random order.
fn missing_pairs(site: &Site, n: usize) -> Vec<String> {
    let catalog = site.catalog();
    let count = catalog.tools().len() as u64;
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % count
    };
    let mut seen = std::collections::HashSet::new();
    let mut pairs = Vec::with_capacity(n);
    for _ in 0..n * 20 {
        if pairs.len() == n {
            break;
        }
        let (a, b) = (next() as usize, next() as usize);
        if a == b {
            continue;
        }
        let (x, y) = canonical_order(catalog, a, b);
        let folder = format!("{}-vs-{}/", catalog.tools()[x].id, catalog.tools()[y].id);
        if site.dir.join(&folder).exists() || !seen.insert(folder.clone()) {
            continue;
        }
        pairs.push(folder);
    }
    pairs
}

async fn run(settings: Settings) -> Result<(), String> {
    let loading = Instant::now();
    let server = Server::start(&settings.server, &settings.site)?;
    let loaded_in = loading.elapsed();
    let (rss, _) = server.memory();
    let site = Site::load(&settings.site, None)?;
    let tools = site.catalog().tools().len();
    println!("site: {tools} tools, version {}", site.version());
    println!("memory: {rss:.0} MB resident once loaded ({} to start and load)", ms(loaded_in));
    let (addr, mount) = (server.addr, server.mount.clone());
    let wanted = settings.renders as usize + settings.images as usize + 4_000;
    let mut pairs = missing_pairs(&site, wanted).into_iter();
    drop(site);

    // Uncached pages, `clients` at once.
    let targets: Vec<String> = pairs.by_ref().take(settings.renders as usize).map(|p| format!("{mount}{p}")).collect();
    let targets = Arc::new(targets);
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let workers: Vec<_> = (0..settings.clients)
        .map(|c| {
            let (targets, next) = (targets.clone(), next.clone());
            tokio::spawn(async move {
                let mut times = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(target) = targets.get(i) else { break };
                    match get(addr, target, &format!("10.1.{}.{}", c % 250, i % 250)).await {
                        Ok((200, took)) => times.push(took),
                        Ok((status, _)) => return Err(format!("{target}: {status}")),
                        Err(e) => return Err(format!("{target}: {e}")),
                    }
                }
                Ok(times)
            })
        })
        .collect();
    let mut times = Vec::new();
    for w in workers {
        times.extend(w.await.map_err(|e| e.to_string())??);
    }
    let elapsed = started.elapsed();
    times.sort();
    println!(
        "uncached pair pages: {} in {:.1} s = {:.1} renders/s with {} at once; p50 {}, p99 {}",
        times.len(),
        elapsed.as_secs_f64(),
        times.len() as f64 / elapsed.as_secs_f64(),
        settings.clients,
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.99))
    );

    // Preview images, one at a time.
    let mut images = Vec::new();
    for folder in pairs.by_ref().take(settings.images as usize) {
        match get(addr, &format!("{mount}{folder}preview.png"), "10.2.0.1").await? {
            (200, took) => images.push(took),
            (status, _) => return Err(format!("{folder}preview.png: {status}")),
        }
    }
    images.sort();
    println!(
        "preview images: {} drawn one at a time; p50 {}, p99 {}",
        images.len(),
        ms(percentile(&images, 0.5)),
        ms(percentile(&images, 0.99))
    );

    // A flood of uncached pages, while cached and static pages are read.
    let cached: Vec<String> = pairs.by_ref().take(20).map(|p| format!("{mount}{p}")).collect();
    for target in &cached {
        for from in ["10.3.0.1", "10.3.0.2"] {
            get(addr, target, from).await?;
        }
    }
    let flood_targets: Arc<Vec<String>> = Arc::new(pairs.map(|p| format!("{mount}{p}")).collect());
    let stop = Arc::new(AtomicBool::new(false));
    let next = Arc::new(AtomicUsize::new(0));
    let deadline = Instant::now() + Duration::from_secs(settings.seconds);
    let flood: Vec<_> = (0..64)
        .map(|c| {
            let (targets, next, stop) = (flood_targets.clone(), next.clone(), stop.clone());
            tokio::spawn(async move {
                let (mut done, mut busy) = (0usize, 0usize);
                while !stop.load(Ordering::Relaxed) && Instant::now() < deadline {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(target) = targets.get(i) else { break };
                    match get(addr, target, &format!("10.4.{c}.1")).await {
                        Ok((200, _)) => done += 1,
                        Ok((503 | 429, _)) => busy += 1,
                        _ => {}
                    }
                }
                (done, busy)
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let (mut hits, mut statics) = (Vec::new(), Vec::new());
    let mut n = 0usize;
    while Instant::now() + Duration::from_millis(300) < deadline && n < 100_000 {
        let target = &cached[n % cached.len()];
        let (status, took) = get(addr, target, "10.5.0.1").await?;
        if status == 200 {
            hits.push(took);
        }
        let (status, took) = get(addr, &mount, "10.5.0.1").await?;
        if status == 200 {
            statics.push(took);
        }
        n += 1;
    }
    stop.store(true, Ordering::Relaxed);
    let (mut rendered, mut refused) = (0, 0);
    for f in flood {
        let (d, b) = f.await.map_err(|e| e.to_string())?;
        rendered += d;
        refused += b;
    }
    hits.sort();
    statics.sort();
    println!(
        "during a flood of uncached pages (64 connections, {rendered} rendered, {refused} turned away): \
         cached page p50 {}, p99 {} ({} reads); static index p50 {}, p99 {}",
        ms(percentile(&hits, 0.5)),
        ms(percentile(&hits, 0.99)),
        hits.len(),
        ms(percentile(&statics, 0.5)),
        ms(percentile(&statics, 0.99))
    );
    let (rss, peak) = server.memory();
    println!("memory after the runs: {rss:.0} MB resident, peak {peak:.0} MB");
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    match run(Settings::parse()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("verdicts-site-bench: {e}");
            ExitCode::FAILURE
        }
    }
}
