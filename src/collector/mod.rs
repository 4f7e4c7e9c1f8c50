//! `verdicts-collector`: the optional service that collects community votes and serves live
//! tallies, speaking [`crate::vote_protocol`] over HTTP. axum on tokio, sqlx for SQLite and
//! PostgreSQL (see [`store`]).
//!
//! - Votes are accepted only for the published bundle's id and tool ids; a replaced bundle file
//!   is picked up within a second, without a restart.
//! - Bad input gets a 4xx with a JSON error naming the problem, never a 5xx. A client (by IP
//!   address, kept in memory for the rate limit only) over its rate gets 429 and `Retry-After`.
//! - CORS for an allow-list of origins; no cookies anywhere.

pub mod client;
pub mod limits;
pub mod store;
mod watch;

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::body::to_bytes;
use axum::extract::{ConnectInfo, Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Value};
use tokio::sync::{mpsc, oneshot};

use crate::bundle::Verdict;
use crate::vote_protocol::{is_voter_id, Tallies, Vote, MAX_BODY_BYTES};
use limits::RateLimiter;
use store::Store;
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

/// A bundle's tallies, as last read.
struct CachedTallies {
    body: Arc<String>,
    etag: String,
    generation: u64,
    read_at: Instant,
}

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

/// Tallies read longer ago than this are read again, so that votes taken by other collectors
/// on the same PostgreSQL database show within a second.
const TALLY_FRESHNESS: Duration = Duration::from_secs(1);

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

/// Why a posted vote was refused.
struct Refusal {
    status: StatusCode,
    code: &'static str,
    message: String,
}

impl Refusal {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Refusal {
        Refusal { status, code, message: message.into() }
    }

    fn unprocessable(code: &'static str, message: impl Into<String>) -> Refusal {
        Refusal::new(StatusCode::UNPROCESSABLE_ENTITY, code, message)
    }
}

/// Reads and checks a posted vote.
fn read_vote(shared: &Shared, body: &[u8]) -> Result<Vote, Refusal> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| Refusal::new(StatusCode::BAD_REQUEST, "malformed_json", format!("The body is not JSON: {e}.")))?;
    let Value::Object(fields) = value else {
        return Err(Refusal::new(StatusCode::BAD_REQUEST, "malformed_json", "The body must be a JSON object."));
    };
    let text = |name: &str| -> Result<String, Refusal> {
        match fields.get(name) {
            Some(Value::String(s)) => Ok(s.clone()),
            Some(_) => Err(Refusal::unprocessable("bad_field", format!("“{name}” must be a string."))),
            None => Err(Refusal::unprocessable("missing_field", format!("“{name}” is missing."))),
        }
    };
    let (bundle, tool, voter) = (text("bundle")?, text("tool")?, text("voter")?);
    let verdict = match fields.get("verdict") {
        Some(Value::Null) => None,
        Some(Value::String(v)) if v == "ship" => Some(Verdict::Ship),
        Some(Value::String(v)) if v == "skip" => Some(Verdict::Skip),
        Some(other) => {
            return Err(Refusal::unprocessable(
                "unknown_verdict",
                format!("“verdict” must be \"ship\", \"skip\" or null, not {other}."),
            ))
        }
        None => return Err(Refusal::unprocessable("missing_field", "“verdict” is missing (null takes a vote back).")),
    };
    if !is_voter_id(&voter) {
        return Err(Refusal::unprocessable(
            "bad_voter",
            "“voter” must be 16 to 64 characters of A-Z, a-z, 0-9, “_” and “-”.",
        ));
    }
    let known = shared.bundle.current();
    if bundle != known.id {
        return Err(Refusal::unprocessable(
            "unknown_bundle",
            format!("This collector takes votes for the bundle “{}” only.", known.id),
        ));
    }
    if !known.tools.contains(&tool) {
        return Err(Refusal::unprocessable("unknown_tool", format!("The bundle has no tool “{tool}”.")));
    }
    Ok(Vote { bundle, tool, voter, verdict })
}

async fn post_vote(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
) -> Response {
    let ip = client_ip(&shared, peer, request.headers());
    if let Err(wait) = shared.limiter.take(ip, Instant::now()) {
        let seconds = wait.as_secs_f64().ceil().max(1.0) as u64;
        let mut response = problem(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            format!("Too many votes from this address; try again in {seconds} s."),
        );
        if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        return response;
    }
    let json = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"));
    if !json {
        return problem(StatusCode::UNSUPPORTED_MEDIA_TYPE, "wrong_content_type", "Send the vote as application/json.");
    }
    let Ok(body) = to_bytes(request.into_body(), MAX_BODY_BYTES).await else {
        return problem(
            StatusCode::PAYLOAD_TOO_LARGE,
            "body_too_large",
            format!("A vote is at most {MAX_BODY_BYTES} bytes."),
        );
    };
    let vote = match read_vote(&shared, &body) {
        Ok(vote) => vote,
        Err(refusal) => return problem(refusal.status, refusal.code, refusal.message),
    };
    let (done, committed) = oneshot::channel();
    if shared.writer.send((vote.clone(), done)).await.is_err() {
        return problem(StatusCode::SERVICE_UNAVAILABLE, "unavailable", "The collector is shutting down.");
    }
    match committed.await {
        Ok(Ok(())) => (
            StatusCode::OK,
            [(header::CACHE_CONTROL, "no-store")],
            axum::Json(json!({ "ok": true, "tool": vote.tool, "verdict": vote.verdict })),
        )
            .into_response(),
        Ok(Err(e)) => {
            eprintln!("verdicts-collector: a vote could not be written: {e}");
            problem(StatusCode::SERVICE_UNAVAILABLE, "unavailable", "The vote could not be saved; try again.")
        }
        Err(_) => problem(StatusCode::SERVICE_UNAVAILABLE, "unavailable", "The vote could not be saved; try again."),
    }
}

/// RFC 3339 UTC, to the second.
pub fn rfc3339(unix: i64) -> String {
    let (days, secs) = (unix.div_euclid(86_400), unix.rem_euclid(86_400));
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", secs / 3600, secs % 3600 / 60, secs % 60)
}

async fn read_tallies(shared: &Shared, bundle: &str) -> Result<(Arc<String>, String), String> {
    let generation = shared.generation.load(Ordering::Acquire);
    if let Ok(cache) = shared.tallies.lock() {
        if let Some(c) = cache.get(bundle) {
            if c.generation == generation && c.read_at.elapsed() < TALLY_FRESHNESS {
                return Ok((c.body.clone(), c.etag.clone()));
            }
        }
    }
    let tools = shared.store.tallies(bundle).await?;
    let votes = tools.values().map(|c| c.ship + c.skip).sum();
    let counts = serde_json::to_string(&tools).map_err(|e| e.to_string())?;
    // The tag follows the counts, not the time they were read at.
    let etag = format!("\"{}\"", crate::bundle::content_hash(&counts));
    let body = Arc::new(
        serde_json::to_string(&Tallies { tools, votes, as_of: rfc3339(unix_seconds()) }).map_err(|e| e.to_string())?,
    );
    if let Ok(mut cache) = shared.tallies.lock() {
        cache.insert(
            bundle.to_string(),
            CachedTallies { body: body.clone(), etag: etag.clone(), generation, read_at: Instant::now() },
        );
    }
    Ok((body, etag))
}

async fn get_tallies(State(shared): State<Arc<Shared>>, Path(bundle): Path<String>, headers: HeaderMap) -> Response {
    let known = shared.bundle.current();
    if bundle != known.id {
        return problem(
            StatusCode::NOT_FOUND,
            "unknown_bundle",
            format!("This collector has tallies for the bundle “{}” only.", known.id),
        );
    }
    let (body, etag) = match read_tallies(&shared, &bundle).await {
        Ok(read) => read,
        Err(e) => {
            eprintln!("verdicts-collector: tallies could not be read: {e}");
            return problem(
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                "The tallies could not be read; try again.",
            );
        }
    };
    let cache = [(header::CACHE_CONTROL, "public, max-age=30".to_string()), (header::ETAG, etag.clone())];
    let matches = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    if matches {
        return (StatusCode::NOT_MODIFIED, cache).into_response();
    }
    (StatusCode::OK, cache, [(header::CONTENT_TYPE, "application/json".to_string())], body.to_string()).into_response()
}

async fn preflight() -> Response {
    // The CORS layer adds the allow headers for an allowed origin.
    StatusCode::NO_CONTENT.into_response()
}

fn origin_allowed(shared: &Shared, origin: &str) -> bool {
    shared.options.allow_origins.iter().any(|o| o == "*" || o.trim_end_matches('/') == origin)
}

/// CORS: an allowed origin gets `Access-Control-Allow-Origin` (never credentials); a preflight
/// from any other origin is refused.
async fn cors(State(shared): State<Arc<Shared>>, request: Request, next: axum::middleware::Next) -> Response {
    let origin = request.headers().get(header::ORIGIN).and_then(|o| o.to_str().ok()).map(str::to_string);
    let allowed = origin.as_deref().filter(|o| origin_allowed(&shared, o)).map(str::to_string);
    if request.method() == Method::OPTIONS && allowed.is_none() {
        return problem(StatusCode::FORBIDDEN, "origin_not_allowed", "This origin may not send votes here.");
    }
    let preflight = request.method() == Method::OPTIONS;
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(header::VARY, HeaderValue::from_static("origin"));
    if let Some(origin) = allowed.and_then(|o| HeaderValue::from_str(&o).ok()) {
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        headers.insert(header::ACCESS_CONTROL_EXPOSE_HEADERS, HeaderValue::from_static("etag, retry-after"));
        if preflight {
            headers.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("GET, POST"));
            headers
                .insert(header::ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static("content-type, if-none-match"));
            headers.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("86400"));
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_rfc3339() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_795_000_000), "2026-11-18T11:06:40Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
    }
}
