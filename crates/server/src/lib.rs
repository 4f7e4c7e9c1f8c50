//! `verdicts-collector`: the optional service that collects community votes and serves live
//! tallies, speaking [`verdicts_catalog::vote_protocol`] over HTTP. axum on tokio, sqlx for SQLite and
//! PostgreSQL (see [`store`]).
//!
//! - Votes are accepted only for the published bundle's id and tool ids; a replaced bundle file
//!   is picked up within a second, without a restart.
//! - Bad input gets a 4xx with a JSON error naming the problem, never a 5xx. A client (by IP
//!   address, kept in memory for the rate limit only) over its rate gets 429 and `Retry-After`.
//! - CORS for an allow-list of origins; no cookies anywhere.

mod cors;
pub mod limits;
pub mod store;
mod tallies;
mod votes;
mod watch;

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde_json::json;
use tokio::sync::{mpsc, oneshot};

use cors::{cors, preflight};
use limits::RateLimiter;
use store::Store;
pub use tallies::rfc3339;
use tallies::{get_tallies, CachedTallies};
use verdicts_catalog::vote_protocol::Vote;
use votes::post_vote;
use watch::BundleWatch;

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
    /// Votes a client may send per second, on average …
    pub rate: f64,
    /// … and at once.
    pub burst: f64,
    /// Take the client's address from the last `X-Forwarded-For` entry (behind a proxy).
    pub trust_forwarded_for: bool,
    /// The most votes written in one transaction.
    pub batch_max: usize,
}

impl Options {
    /// The defaults for a bundle and a database.
    pub fn new(bundle: PathBuf, db: String) -> Options {
        Options {
            listen: SocketAddr::from(([127, 0, 0, 1], 8787)),
            bundle,
            db,
            allow_origins: Vec::new(),
            rate: 5.0,
            burst: 20.0,
            trust_forwarded_for: false,
            batch_max: 512,
        }
    }
}

/// A vote waiting for its commit, and who to tell.
type Pending = (Vote, oneshot::Sender<Result<(), String>>);

struct Shared {
    options: Options,
    bundle: BundleWatch,
    store: Store,
    writer: mpsc::Sender<Pending>,
    limiter: RateLimiter,
    /// Bumped after every commit: cached tallies from before are stale.
    generation: AtomicU64,
    tallies: Mutex<HashMap<String, CachedTallies>>,
}

/// A running collector.
pub struct Running {
    pub addr: SocketAddr,
    pub task: tokio::task::JoinHandle<Result<(), String>>,
    pub store: Store,
}

/// Opens the database, binds the address and serves until `shutdown` resolves.
pub async fn start(
    options: Options,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<Running, String> {
    let bundle = BundleWatch::open(options.bundle.clone())?;
    let store = Store::open(&options.db).await?;
    let listener = tokio::net::TcpListener::bind(options.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", options.listen))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let (writer, queue) = mpsc::channel::<Pending>(options.batch_max * 4);
    let shared = Arc::new(Shared {
        limiter: RateLimiter::new(options.rate, options.burst),
        options,
        bundle,
        store: store.clone(),
        writer,
        generation: AtomicU64::new(0),
        tallies: Mutex::new(HashMap::new()),
    });
    tokio::spawn(write_votes(shared.clone(), queue));
    let app = Router::new()
        .route("/v1/votes", post(post_vote).options(preflight))
        .route("/v1/tallies/{bundle}", get(get_tallies).options(preflight))
        .fallback(not_found)
        .layer(axum::middleware::from_fn_with_state(shared.clone(), cors))
        .with_state(shared);
    let server =
        axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>()).with_graceful_shutdown(shutdown);
    let task = tokio::spawn(async move { server.await.map_err(|e| e.to_string()) });
    Ok(Running { addr, task, store })
}

/// The one task that writes: takes every vote waiting (up to `batch_max`), commits them in one
/// transaction and answers each.
async fn write_votes(shared: Arc<Shared>, mut queue: mpsc::Receiver<Pending>) {
    let max = shared.options.batch_max.max(1);
    let mut batch: Vec<Pending> = Vec::with_capacity(max);
    while queue.recv_many(&mut batch, max).await > 0 {
        let votes: Vec<Vote> = batch.iter().map(|(v, _)| v.clone()).collect();
        let result = shared.store.apply(&votes, unix_seconds()).await;
        if result.is_ok() {
            shared.generation.fetch_add(1, Ordering::Release);
        }
        for (_, done) in batch.drain(..) {
            let _ = done.send(result.clone());
        }
    }
}

fn unix_seconds() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

/// A JSON error: `{"error": code, "message": words}`.
fn problem(status: StatusCode, code: &str, message: impl Into<String>) -> Response {
    (status, [(header::CACHE_CONTROL, "no-store")], axum::Json(json!({ "error": code, "message": message.into() })))
        .into_response()
}

async fn not_found() -> Response {
    problem(
        StatusCode::NOT_FOUND,
        "not_found",
        "Nothing here: the collector answers POST /v1/votes and GET /v1/tallies/{bundle}.",
    )
}

fn client_ip(shared: &Shared, peer: SocketAddr, headers: &HeaderMap) -> IpAddr {
    if shared.options.trust_forwarded_for {
        let forwarded = headers.get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok()).next_back();
        if let Some(ip) = forwarded.and_then(|v| v.rsplit(',').next()).and_then(|ip| ip.trim().parse().ok()) {
            return ip;
        }
    }
    peer.ip()
}
