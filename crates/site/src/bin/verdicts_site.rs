//! The site server (see docs/server.md):
//!
//! ```text
//! cargo run --release -p verdicts-site -- --site dist --listen 127.0.0.1:8080 \
//!   [--votes votes.sqlite]
//! ```
//! `--help` lists the options. Once listening it prints one line on stdout,
//! `verdicts-site: listening on http://ADDR/PATH (…)`, for scripts that read it; logs go to
//! stderr through `tracing` (`RUST_LOG` filters them, default `info`).

use std::io::IsTerminal;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use tracing_subscriber::filter::LevelFilter;
use tracing_subscriber::EnvFilter;
use verdicts_server::shutdown_signal;

use verdicts_site::{start, Options, DEFAULT_LISTEN};

/// Serves a published site, renders the pair pages it left out on their first request, and
/// can host the vote collector beside them.
#[derive(Debug, Parser)]
#[command(name = "verdicts-site", version)]
struct Args {
    /// The published site folder (what verdicts-publish wrote).
    #[arg(long, value_name = "DIR")]
    site: PathBuf,
    /// The address and port to listen on.
    #[arg(long, value_name = "ADDR:PORT", default_value_t = DEFAULT_LISTEN)]
    listen: SocketAddr,
    /// The site's public URL, when not the one its index.html names; the site is served at its
    /// path.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Renders at once (default: one per core).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=256))]
    render_workers: Option<u32>,
    /// Requests that may wait for a render; more are answered 503 with Retry-After.
    #[arg(long, value_name = "N", default_value_t = 64)]
    render_queue: usize,
    /// Megabytes of rendered pages and images kept in memory.
    #[arg(long, value_name = "MB", default_value_t = 64)]
    cache_mb: usize,
    /// New pages a second a client address may have rendered, on average …
    #[arg(long, value_name = "N", default_value_t = 2.0)]
    rate: f64,
    /// … and at once.
    #[arg(long, value_name = "N", default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..))]
    burst: u32,
    /// Behind a proxy or CDN: the client's address is the last X-Forwarded-For entry.
    #[arg(long)]
    trust_forwarded_for: bool,
    /// Also collect votes, in this SQLite file or postgres:// URL (the collector of
    /// docs/collector.md, mounted at --votes-path).
    #[arg(long, value_name = "FILE.sqlite | postgres://…")]
    votes: Option<String>,
    /// Where the collector is mounted: set the site's verdicts:vote-endpoint to this path's URL.
    #[arg(long, value_name = "PATH", default_value = "/votes/")]
    votes_path: String,
    /// The bundle the collector takes votes for (default: the site's data/bundle.json).
    #[arg(long, value_name = "FILE")]
    votes_bundle: Option<PathBuf>,
    /// An origin whose pages may send votes (CORS); repeatable; `*` for any.
    #[arg(long = "allow-origin", value_name = "ORIGIN")]
    allow_origins: Vec<String>,
}

impl Args {
    fn into_options(self) -> Result<Options, String> {
        let mut options = Options::new(self.site.clone());
        options.listen = self.listen;
        options.base_url = self.base_url;
        if let Some(n) = self.render_workers {
            options.render_workers = n as usize;
        }
        options.render_queue = self.render_queue;
        options.cache_bytes = self.cache_mb.saturating_mul(1024 * 1024);
        if !(self.rate.is_finite() && self.rate > 0.0) {
            return Err("--rate must be a positive number".into());
        }
        options.rate = self.rate;
        options.burst = self.burst;
        options.trust_forwarded_for = self.trust_forwarded_for;
        if let Some(db) = self.votes {
            let bundle = self.votes_bundle.unwrap_or_else(|| self.site.join("data").join("bundle.json"));
            let mut votes = verdicts_server::Options::new(bundle, db);
            votes.allow_origins = self.allow_origins;
            votes.trust_forwarded_for = self.trust_forwarded_for;
            let path = self.votes_path.trim_end_matches('/');
            if !path.starts_with('/') || path.len() < 2 {
                return Err("--votes-path must be a path below the root, such as /votes/".into());
            }
            options.votes = Some((votes, path.to_string()));
        }
        Ok(options)
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    let filter = EnvFilter::builder().with_default_directive(LevelFilter::INFO.into()).from_env_lossy();
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .compact()
        .try_init();
    let options = match args.into_options() {
        Ok(options) => options,
        Err(e) => {
            eprintln!("verdicts-site: {e}");
            return ExitCode::from(2);
        }
    };
    let votes = options.votes.as_ref().map(|(_, path)| path.clone());
    let running = match start(options, shutdown_signal()).await {
        Ok(running) => running,
        Err(e) => {
            eprintln!("verdicts-site: {e}");
            return ExitCode::FAILURE;
        }
    };
    let site = running.server.mount();
    let collector = votes.map(|p| format!(", votes at {p}/")).unwrap_or_default();
    println!("verdicts-site: listening on http://{}{site} (pages rendered on request{collector})", running.addr);
    match running.task.await {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(e)) => {
            eprintln!("verdicts-site: {e}");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("verdicts-site: {e}");
            ExitCode::FAILURE
        }
    }
}
