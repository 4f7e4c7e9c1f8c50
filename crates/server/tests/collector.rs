//! The vote collector over HTTP, against SQLite (a temporary file) and against a real PostgreSQL
//! server: the protocol, idempotency, validation, rate limits, CORS, a replaced bundle and a
//! restart. `scripts/test.sh` starts PostgreSQL and names it in `VERDICTS_TEST_POSTGRES`; without
//! it the PostgreSQL half fails, loudly, unless `VERDICTS_SKIP_POSTGRES=1` says to leave it out.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tokio::sync::oneshot;
// The HTTP client the collector benchmark uses too.
#[path = "../src/bin/verdicts_collector_bench/client.rs"]
mod client;
use client::{Answer, Http};
use verdicts_server::{start, Options};

/// A temporary folder, removed when dropped.
struct Temp(PathBuf);

impl Temp {
    fn new(name: &str) -> Temp {
        let dir = std::env::temp_dir().join(format!("verdicts-collector-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a temporary folder");
        Temp(dir)
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The seed bundle under another id (each test its own, so tests can share one database).
fn write_bundle(dir: &Path, id: &str, extra_tool: bool) -> PathBuf {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../catalog/tests/fixtures/seed.json"))
        .expect("seed");
    let mut bundle: Value = serde_json::from_str(&text).expect("seed JSON");
    bundle["id"] = json!(id);
    if extra_tool {
        let mut tool = bundle["tools"][0].clone();
        tool["id"] = json!("brand-new-tool");
        tool["name"] = json!("Brand New Tool");
        bundle["tools"].as_array_mut().expect("tools").push(tool);
    }
    let path = dir.join("bundle.json");
    std::fs::write(&path, serde_json::to_string_pretty(&bundle).expect("JSON")).expect("write");
    path
}

#[derive(Clone, Copy, Debug)]
enum Db {
    Sqlite,
    Postgres,
}

fn db_url(db: Db, dir: &Path) -> Option<String> {
    match db {
        Db::Sqlite => Some(dir.join("votes.sqlite").display().to_string()),
        Db::Postgres => match std::env::var("VERDICTS_TEST_POSTGRES") {
            Ok(url) if !url.is_empty() => Some(url),
            _ if std::env::var("VERDICTS_SKIP_POSTGRES").as_deref() == Ok("1") => None,
            _ => panic!(
                "VERDICTS_TEST_POSTGRES names no PostgreSQL server: run the tests with scripts/test.sh, which starts one \
                 (or set VERDICTS_SKIP_POSTGRES=1 to leave PostgreSQL out on purpose)"
            ),
        },
    }
}

struct Collector {
    base: String,
    http: Http,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<Result<(), String>>>,
}

impl Collector {
    async fn start(options: Options) -> Collector {
        let (stop, stopped) = oneshot::channel::<()>();
        let running = start(options, async move {
            let _ = stopped.await;
        })
        .await
        .unwrap_or_else(|e| panic!("the collector starts: {e}"));
        Collector {
            base: format!("http://{}/", running.addr),
            http: Http::new(),
            stop: Some(stop),
            task: Some(running.task),
        }
    }

    async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }

    async fn vote(&self, bundle: &str, tool: &str, voter: &str, verdict: Value) -> Answer {
        let body = json!({ "bundle": bundle, "tool": tool, "voter": voter, "verdict": verdict });
        self.http.post_json(&format!("{}v1/votes", self.base), &body).await.expect("an answer")
    }

    /// Sends a vote until it is past the rate limit and `settled` says the answer is the one
    /// waited for, at most for [`WAIT_AT_MOST`]; the last answer.
    async fn vote_when_allowed(
        &self,
        bundle: &str,
        tool: &str,
        voter: &str,
        settled: impl Fn(&Answer) -> bool,
    ) -> Answer {
        let deadline = Instant::now() + WAIT_AT_MOST;
        loop {
            let answer = self.vote(bundle, tool, voter, json!("ship")).await;
            if answer.status != 429 && settled(&answer) {
                return answer;
            }
            assert!(
                Instant::now() < deadline,
                "no answer but {} {:?} to a vote for “{tool}” within {WAIT_AT_MOST:?}",
                answer.status,
                answer.json()
            );
            tokio::time::sleep(POLL_EVERY).await;
        }
    }

    async fn tallies(&self, bundle: &str) -> Answer {
        self.http.get(&format!("{}v1/tallies/{bundle}", self.base)).await.expect("an answer")
    }

    async fn raw(&self, content_type: &str, body: &[u8]) -> Answer {
        self.http
            .send(
                hyper::Method::POST,
                &format!("{}v1/votes", self.base),
                &[("content-type", content_type)],
                body.to_vec(),
            )
            .await
            .expect("an answer")
    }
}

/// How long a test waits for a condition (the rate limit refilled, a replaced bundle picked up)
/// before it fails, and how often it looks.
const WAIT_AT_MOST: Duration = Duration::from_secs(10);
const POLL_EVERY: Duration = Duration::from_millis(50);

const VOTER_A: &str = "voter-aaaaaaaaaaaa";
const VOTER_B: &str = "voter-bbbbbbbbbbbb";
const TOOL: &str = "mistral-8x24b";

fn options(bundle: PathBuf, db: String) -> Options {
    let mut options = Options::new(bundle, db);
    options.listen = "127.0.0.1:0".parse().expect("address");
    options.rate = 1000.0;
    options.burst = 1000;
    options.allow_origins = vec!["http://app.example".into()];
    options
}

fn counts(answer: &Answer, tool: &str) -> (u64, u64) {
    let t = &answer.json()["tools"][tool];
    (t["ship"].as_u64().unwrap_or(0), t["skip"].as_u64().unwrap_or(0))
}

async fn protocol_and_idempotency(db: Db) {
    let temp = Temp::new(&format!("protocol-{db:?}"));
    let Some(url) = db_url(db, &temp.0) else { return };
    let bundle = format!("protocol-{db:?}-{}", std::process::id()).to_lowercase();
    let c = Collector::start(options(write_bundle(&temp.0, &bundle, false), url.clone())).await;

    let ok = c.vote(&bundle, TOOL, VOTER_A, json!("ship")).await;
    assert_eq!(ok.status, 200, "{:?}", ok.json());
    assert_eq!(ok.json()["ok"], json!(true));
    // A retry or a duplicate never counts twice.
    assert_eq!(c.vote(&bundle, TOOL, VOTER_A, json!("ship")).await.status, 200);
    assert_eq!(c.vote(&bundle, TOOL, VOTER_B, json!("skip")).await.status, 200);
    let tallies = c.tallies(&bundle).await;
    assert_eq!(tallies.status, 200);
    assert_eq!(counts(&tallies, TOOL), (1, 1));
    assert_eq!(tallies.json()["votes"], json!(2));
    assert!(tallies.json()["as_of"].as_str().is_some_and(|t| t.ends_with('Z')));
    assert_eq!(tallies.header("cache-control"), "public, max-age=30");
    let etag = tallies.header("etag").to_string();
    assert!(etag.starts_with('"'), "{etag}");

    // Unchanged: 304. A change replaces the vote; null takes it back.
    let same = c
        .http
        .send(hyper::Method::GET, &format!("{}v1/tallies/{bundle}", c.base), &[("if-none-match", &etag)], Vec::new())
        .await
        .expect("an answer");
    assert_eq!(same.status, 304);
    assert_eq!(c.vote(&bundle, TOOL, VOTER_A, json!("skip")).await.status, 200);
    let changed = c.tallies(&bundle).await;
    assert_eq!(counts(&changed, TOOL), (0, 2));
    assert_ne!(changed.header("etag"), etag);
    assert_eq!(c.vote(&bundle, TOOL, VOTER_B, Value::Null).await.status, 200);
    assert_eq!(counts(&c.tallies(&bundle).await, TOOL), (0, 1));
    c.stop().await;

    // Restarted on the same database, the votes are there.
    let again = Collector::start(options(write_bundle(&temp.0, &bundle, false), url)).await;
    assert_eq!(counts(&again.tallies(&bundle).await, TOOL), (0, 1));
    again.stop().await;
}

async fn bad_input_gets_a_4xx_naming_the_problem(db: Db) {
    let temp = Temp::new(&format!("validation-{db:?}"));
    let Some(url) = db_url(db, &temp.0) else { return };
    let bundle = format!("validation-{db:?}-{}", std::process::id()).to_lowercase();
    let c = Collector::start(options(write_bundle(&temp.0, &bundle, false), url)).await;
    let cases: Vec<(Answer, u16, &str)> = vec![
        (c.raw("application/json", b"{not json").await, 400, "malformed_json"),
        (c.raw("application/json", b"[1, 2]").await, 400, "malformed_json"),
        (c.raw("text/plain", br#"{"bundle":"x"}"#).await, 415, "wrong_content_type"),
        (c.raw("application/json", &vec![b' '; 2048]).await, 413, "body_too_large"),
        (c.vote("another-bundle", TOOL, VOTER_A, json!("ship")).await, 422, "unknown_bundle"),
        (c.vote(&bundle, "no-such-tool", VOTER_A, json!("ship")).await, 422, "unknown_tool"),
        (c.vote(&bundle, TOOL, "short", json!("ship")).await, 422, "bad_voter"),
        (c.vote(&bundle, TOOL, "voter with spaces 123", json!("ship")).await, 422, "bad_voter"),
        (c.vote(&bundle, TOOL, &"v".repeat(65), json!("ship")).await, 422, "bad_voter"),
        (c.vote(&bundle, TOOL, VOTER_A, json!("maybe")).await, 422, "unknown_verdict"),
        (c.vote(&bundle, TOOL, VOTER_A, json!(1)).await, 422, "unknown_verdict"),
        (
            c.raw(
                "application/json",
                format!(r#"{{"bundle":"{bundle}","tool":"{TOOL}","voter":"{VOTER_A}"}}"#).as_bytes(),
            )
            .await,
            422,
            "missing_field",
        ),
        (c.tallies("another-bundle").await, 404, "unknown_bundle"),
    ];
    for (i, (answer, status, code)) in cases.iter().enumerate() {
        assert_eq!(answer.status.as_u16(), *status, "case {i}: {:?}", answer.json());
        assert_eq!(answer.json()["error"], json!(code), "case {i}");
        assert!(answer.json()["message"].as_str().is_some_and(|m| !m.is_empty()), "case {i} says why");
    }
    assert_eq!(counts(&c.tallies(&bundle).await, TOOL), (0, 0), "nothing bad was counted");
    c.stop().await;
}

async fn rate_limits_cors_and_a_replaced_bundle(db: Db) {
    let temp = Temp::new(&format!("limits-{db:?}"));
    let Some(url) = db_url(db, &temp.0) else { return };
    let bundle = format!("limits-{db:?}-{}", std::process::id()).to_lowercase();
    let path = write_bundle(&temp.0, &bundle, false);
    let mut opts = options(path.clone(), url);
    opts.rate = 1.0;
    opts.burst = 2;
    let c = Collector::start(opts).await;
    // CORS: the allowed origin, never credentials; other origins' preflights are refused.
    let preflight = |origin: &'static str| {
        let (http, url) = (c.http.clone(), format!("{}v1/votes", c.base));
        async move {
            http.send(
                hyper::Method::OPTIONS,
                &url,
                &[
                    ("origin", origin),
                    ("access-control-request-method", "POST"),
                    ("access-control-request-headers", "content-type"),
                ],
                Vec::new(),
            )
            .await
            .expect("an answer")
        }
    };
    let allowed = preflight("http://app.example").await;
    assert_eq!(allowed.status, 204);
    assert_eq!(allowed.header("access-control-allow-origin"), "http://app.example");
    assert!(allowed.header("access-control-allow-methods").contains("POST"));
    assert!(allowed.header("access-control-allow-headers").contains("content-type"));
    assert_eq!(allowed.header("access-control-allow-credentials"), "");
    let refused = preflight("http://elsewhere.example").await;
    assert_eq!(refused.status, 403);
    assert_eq!(refused.header("access-control-allow-origin"), "");
    let read = c
        .http
        .send(
            hyper::Method::GET,
            &format!("{}v1/tallies/{bundle}", c.base),
            &[("origin", "http://app.example")],
            Vec::new(),
        )
        .await
        .expect("an answer");
    assert_eq!(read.header("access-control-allow-origin"), "http://app.example");
    assert_eq!(read.header("set-cookie"), "");

    // Two votes at once, then the rate: 429 with Retry-After.
    assert_eq!(c.vote(&bundle, TOOL, VOTER_A, json!("ship")).await.status, 200);
    assert_eq!(c.vote(&bundle, TOOL, VOTER_B, json!("ship")).await.status, 200);
    let limited = c.vote(&bundle, TOOL, "voter-cccccccccccc", json!("ship")).await;
    assert_eq!(limited.status, 429);
    assert_eq!(limited.json()["error"], json!("rate_limited"));
    assert!(limited.header("retry-after").parse::<u64>().is_ok_and(|s| s >= 1));
    assert_eq!(counts(&c.tallies(&bundle).await, TOOL), (2, 0), "the limited vote was not counted");

    // The bundle is replaced with one more tool: votes for it are taken without a restart. Each
    // vote waits out the rate limit first (1 a second): it is sent again while the answer is 429.
    let before = c.vote_when_allowed(&bundle, "brand-new-tool", VOTER_A, |_| true).await;
    assert_eq!(before.json()["error"], json!("unknown_tool"), "{:?}", before.json());
    write_bundle(&temp.0, &bundle, true);
    // The file is looked at once a second at most: until then the tool is still unknown.
    let taken = c
        .vote_when_allowed(&bundle, "brand-new-tool", VOTER_A, |answer| answer.json()["error"] != json!("unknown_tool"))
        .await;
    assert_eq!(taken.status, 200, "{:?}", taken.json());
    c.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_protocol_and_idempotency() {
    protocol_and_idempotency(Db::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_protocol_and_idempotency() {
    protocol_and_idempotency(Db::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_bad_input() {
    bad_input_gets_a_4xx_naming_the_problem(Db::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_bad_input() {
    bad_input_gets_a_4xx_naming_the_problem(Db::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_limits_cors_and_replaced_bundle() {
    rate_limits_cors_and_a_replaced_bundle(Db::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_limits_cors_and_replaced_bundle() {
    rate_limits_cors_and_a_replaced_bundle(Db::Postgres).await;
}
