//! `verdicts-collector`: the optional service that collects community votes and serves live
//! tallies, speaking [`verdicts_catalog::vote_protocol`] over HTTP. axum on tokio, sqlx for SQLite and
//! PostgreSQL (see [`store`]).
//!
//! - Two routes: `POST /v1/votes` (`votes/`) and `GET /v1/tallies/{bundle}` (`tallies.rs`).
//!   Handlers take typed extractors and return `Result<_, ApiError>`: every refusal is an
//!   [`ApiError`] (`error.rs`), answered as `{"error": code, "message": words}`.
//! - Votes are accepted only for the published bundle's id and tool ids; a replaced bundle file
//!   is picked up within a second, without a restart (`watch.rs`).
//! - Bad input gets a 4xx naming the problem, never a 5xx; the database failing is a logged
//!   `503 unavailable`. A client (by IP address, kept in memory for the rate limit only, see
//!   [`limits`]) over its rate gets 429 and `Retry-After`.
//! - Layers, outermost first: tower-http's `TraceLayer` (a `tracing` span per request; each
//!   request and answer at debug level), the preflight check and tower-http's `CorsLayer` for an
//!   allow-list of origins, no cookies anywhere (`cors.rs`), and the body limit
//!   ([`MAX_BODY_BYTES`]).
//! - One task writes the votes, in batches (group commit, see [`store`]).

mod cors;
mod error;
pub mod limits;
pub mod network;
pub mod proof;
pub mod review;
mod shutdown;
pub mod store;
mod tallies;
mod votes;
mod watch;

use std::collections::HashMap;
use std::net::{Ipv4Addr, SocketAddr, SocketAddrV4};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use tokio::sync::{mpsc, oneshot};
use tower_http::trace::{DefaultMakeSpan, TraceLayer};
use tracing::Level;

use cors::{preflight, refuse_foreign_preflight, AllowedOrigins};
pub use error::ApiError;
use limits::RateLimiter;
pub use shutdown::shutdown_signal;
pub use store::{Burst, DAY};
use store::{Incoming, Rules, Store, Taken};
pub use tallies::rfc3339;
use tallies::{get_tallies, CachedTallies};
use verdicts_catalog::vote_protocol::MAX_BODY_BYTES;
use votes::post_vote;
use watch::BundleWatch;

/// Where the collector listens unless told: `127.0.0.1:8787`.
pub const DEFAULT_LISTEN: SocketAddr = SocketAddr::V4(SocketAddrV4::new(Ipv4Addr::LOCALHOST, 8787));
/// Votes a client may send per second, on average, unless told.
pub const DEFAULT_RATE: f64 = 5.0;
/// Votes a client may send at once, unless told.
pub const DEFAULT_BURST: u32 = 20;
/// How often the rate limiter forgets the addresses whose allowance is full again.
const FORGET_IDLE_EVERY: Duration = Duration::from_secs(5);

/// How the collector runs.
#[derive(Clone, Debug)]
pub struct Options {
    pub listen: SocketAddr,
    /// The published bundle.
    pub bundle: PathBuf,
    /// A SQLite file, or a `postgres://` URL.
    pub db: String,
    /// Origins allowed by CORS; `*` allows any.
    pub allow_origins: Vec<String>,
    /// Votes a client may send per second, on average (a fraction is fine) …
    pub rate: f64,
    /// … and at once.
    pub burst: u32,
    /// Take the client's address from the last `X-Forwarded-For` entry (behind a proxy).
    pub trust_forwarded_for: bool,
    /// The most votes written in one transaction.
    pub batch_max: usize,
    /// The daily limit and the burst rule.
    pub rules: Rules,
    /// The proof of work's difficulty: the largest secret number of a challenge.
    pub difficulty: u64,
    /// How long a challenge may be used, in seconds.
    pub challenge_seconds: u64,
}

impl Options {
    /// The defaults for a bundle and a database.
    pub fn new(bundle: PathBuf, db: String) -> Options {
        Options {
            listen: DEFAULT_LISTEN,
            bundle,
            db,
            allow_origins: Vec::new(),
            rate: DEFAULT_RATE,
            burst: DEFAULT_BURST,
            trust_forwarded_for: false,
            batch_max: 512,
            rules: Rules::default(),
            difficulty: proof::DEFAULT_DIFFICULTY,
            challenge_seconds: proof::DEFAULT_CHALLENGE_SECONDS,
        }
    }
}

/// A vote waiting for its commit, and who to tell what became of it.
type Pending = (Incoming, oneshot::Sender<Result<Taken, String>>);

struct Shared {
    options: Options,
    bundle: BundleWatch,
    store: Store,
    writer: mpsc::Sender<Pending>,
    limiter: RateLimiter,
    /// Bumped after every commit: cached tallies from before are stale.
    generation: AtomicU64,
    tallies: Mutex<HashMap<String, CachedTallies>>,
    /// Held while the tallies are read from the database.
    reading_tallies: tokio::sync::Mutex<()>,
}

/// A running collector.
pub struct Running {
    pub addr: SocketAddr,
    pub task: tokio::task::JoinHandle<Result<(), String>>,
    pub store: Store,
}

/// The collector's routes, with the tasks behind them running, for a server of one's own: the
/// site server (crate `verdicts-site`) mounts them beside the pages. The tasks stop when the
/// routes are dropped.
pub struct Collector {
    /// `/v1/votes`, `/v1/challenge` and `/v1/tallies/{bundle}` with their layers; no fallback.
    pub router: Router,
    pub store: Store,
    forgetting: tokio::task::JoinHandle<()>,
}

impl Drop for Collector {
    fn drop(&mut self) {
        self.forgetting.abort();
    }
}

/// Opens the database and starts the collector's tasks; `options.listen` is not used.
pub async fn collector(options: Options) -> Result<Collector, String> {
    let (shared, forgetting) = open(options).await?;
    let store = shared.store.clone();
    Ok(Collector { router: router(shared, false), store, forgetting })
}

/// Opens the bundle and the database and starts the writer and the rate limiter's upkeep.
async fn open(options: Options) -> Result<(Arc<Shared>, tokio::task::JoinHandle<()>), String> {
    let bundle = BundleWatch::open(options.bundle.clone())?;
    let store = Store::open(&options.db).await?;
    let (writer, queue) = mpsc::channel::<Pending>(options.batch_max * 4);
    let shared = Arc::new(Shared {
        limiter: RateLimiter::new(options.rate, options.burst),
        options,
        bundle,
        store,
        writer,
        generation: AtomicU64::new(0),
        tallies: Mutex::new(HashMap::new()),
        reading_tallies: tokio::sync::Mutex::new(()),
    });
    tokio::spawn(write_votes(shared.clone(), queue));
    let forgetting = tokio::spawn(forget_idle_clients(shared.clone()));
    Ok((shared, forgetting))
}

/// The routes and their layers; with `fallback`, a JSON 404 for any other path (the collector
/// served alone).
fn router(shared: Arc<Shared>, fallback: bool) -> Router {
    let origins = Arc::new(AllowedOrigins::new(&shared.options.allow_origins));
    let mut routes = Router::new()
        .route("/v1/votes", post(post_vote).options(preflight))
        .route("/v1/challenge", get(proof::get_challenge).options(preflight))
        .route("/v1/tallies/{bundle}", get(get_tallies).options(preflight));
    if fallback {
        routes = routes.fallback(not_found);
    }
    routes
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(origins.layer())
        .layer(axum::middleware::from_fn_with_state(origins, refuse_foreign_preflight))
        .layer(
            // A failure's cause is logged where it happens (`ApiError`), with this span.
            TraceLayer::new_for_http().make_span_with(DefaultMakeSpan::new().level(Level::INFO)).on_failure(()),
        )
        .with_state(shared)
}

/// Opens the database, binds the address and serves until `shutdown` resolves.
pub async fn start(
    options: Options,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<Running, String> {
    let listen = options.listen;
    let (shared, forgetting) = open(options).await?;
    let store = shared.store.clone();
    let bound = tokio::net::TcpListener::bind(listen).await.and_then(|l| Ok((l.local_addr()?, l)));
    let (addr, listener) = match bound {
        Ok(bound) => bound,
        Err(e) => {
            forgetting.abort();
            return Err(format!("cannot listen on {listen}: {e}"));
        }
    };
    let app = router(shared, true);
    let server =
        axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>()).with_graceful_shutdown(shutdown);
    let task = tokio::spawn(async move {
        let served = server.await;
        forgetting.abort();
        served.map_err(|e| e.to_string())
    });
    Ok(Running { addr, task, store })
}

/// Every few seconds, the rate limiter forgets the addresses whose allowance is full again.
async fn forget_idle_clients(shared: Arc<Shared>) {
    let mut every = tokio::time::interval(FORGET_IDLE_EVERY);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        every.tick().await;
        shared.limiter.forget_idle();
    }
}

/// The one task that writes: takes every vote waiting (up to `batch_max`), commits them in one
/// transaction and answers each.
async fn write_votes(shared: Arc<Shared>, mut queue: mpsc::Receiver<Pending>) {
    let max = shared.options.batch_max.max(1);
    let mut batch: Vec<Pending> = Vec::with_capacity(max);
    while queue.recv_many(&mut batch, max).await > 0 {
        let votes: Vec<Incoming> = batch.iter().map(|(v, _)| v.clone()).collect();
        let result = shared.store.apply(&votes, &shared.options.rules, unix_seconds()).await;
        if result.is_ok() {
            shared.generation.fetch_add(1, Ordering::Release);
        }
        for (i, (_, done)) in batch.drain(..).enumerate() {
            let answer = match &result {
                Ok(taken) => taken.get(i).copied().ok_or_else(|| "a vote went unanswered".to_string()),
                Err(e) => Err(e.clone()),
            };
            let _ = done.send(answer);
        }
    }
}

pub(crate) fn unix_seconds() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

async fn not_found() -> ApiError {
    ApiError::NotFound
}
