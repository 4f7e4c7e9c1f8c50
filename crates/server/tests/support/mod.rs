//! What the collector's tests share: a collector started on SQLite (a temporary file) or on the
//! real PostgreSQL that `scripts/test.sh` starts and names in `VERDICTS_TEST_POSTGRES` (without
//! it the PostgreSQL tests fail, loudly, unless `VERDICTS_SKIP_POSTGRES=1` says to leave them
//! out), the seed bundle under a test's own id, and the HTTP client the benchmark uses too.
#![allow(dead_code)]

pub use std::path::{Path, PathBuf};
pub use std::time::{Duration, Instant};

pub use serde_json::{json, Value};
use tokio::sync::oneshot;
// The HTTP client the collector benchmark uses too.
#[path = "../../src/bin/verdicts_collector_bench/client.rs"]
pub mod client;
pub use client::{Answer, Http};
pub use verdicts_server::{start, Options};

/// A temporary folder, removed when dropped.
pub struct Temp(pub PathBuf);

impl Temp {
    pub fn new(name: &str) -> Temp {
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
pub fn write_bundle(dir: &Path, id: &str, extra_tool: bool) -> PathBuf {
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
pub enum Db {
    Sqlite,
    Postgres,
}

pub fn db_url(db: Db, dir: &Path) -> Option<String> {
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

pub struct Collector {
    pub base: String,
    pub http: Http,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<Result<(), String>>>,
}

impl Collector {
    pub async fn start(options: Options) -> Collector {
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

    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }

    /// A vote with a freshly solved challenge.
    pub async fn vote(&self, bundle: &str, tool: &str, voter: &str, verdict: Value) -> Answer {
        let proof = self.solved().await;
        self.vote_with(bundle, tool, voter, verdict, proof).await
    }

    /// A vote with the proof given (`Value::Null`: none).
    pub async fn vote_with(&self, bundle: &str, tool: &str, voter: &str, verdict: Value, proof: Value) -> Answer {
        let body = json!({ "bundle": bundle, "tool": tool, "voter": voter, "verdict": verdict, "proof": proof });
        self.http.post_json(&format!("{}v1/votes", self.base), &body).await.expect("an answer")
    }

    /// A vote sent as if from `ip` (the collector trusts `X-Forwarded-For`, see [`options`]).
    pub async fn vote_from(&self, ip: &str, bundle: &str, tool: &str, voter: &str, verdict: Value) -> Answer {
        let proof = self.solved().await;
        let body = json!({ "bundle": bundle, "tool": tool, "voter": voter, "verdict": verdict, "proof": proof });
        self.http
            .send(
                hyper::Method::POST,
                &format!("{}v1/votes", self.base),
                &[("content-type", "application/json"), ("x-forwarded-for", ip)],
                body.to_string().into_bytes(),
            )
            .await
            .expect("an answer")
    }

    /// A challenge from the collector, solved: the vote's `"proof"`.
    pub async fn solved(&self) -> Value {
        let answer = self.http.get(&format!("{}v1/challenge", self.base)).await.expect("a challenge");
        assert_eq!(answer.status, 200, "{:?}", answer.json());
        let mut proof = answer.json();
        let challenge = verdicts_catalog::vote_proof::Challenge::from_json(&proof.to_string()).expect("a challenge");
        proof["number"] = json!(challenge.solve().expect("a solution"));
        proof
    }

    /// Sends a vote until it is past the rate limit and `settled` says the answer is the one
    /// waited for, at most for [`WAIT_AT_MOST`]; the last answer.
    pub async fn vote_when_allowed(
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

    pub async fn tallies(&self, bundle: &str) -> Answer {
        self.http.get(&format!("{}v1/tallies/{bundle}", self.base)).await.expect("an answer")
    }

    pub async fn raw(&self, content_type: &str, body: &[u8]) -> Answer {
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
pub const WAIT_AT_MOST: Duration = Duration::from_secs(10);
pub const POLL_EVERY: Duration = Duration::from_millis(50);

pub const VOTER_A: &str = "voter-aaaaaaaaaaaa";
pub const VOTER_B: &str = "voter-bbbbbbbbbbbb";
pub const TOOL: &str = "mistral-8x24b";

pub fn options(bundle: PathBuf, db: String) -> Options {
    let mut options = Options::new(bundle, db);
    options.listen = "127.0.0.1:0".parse().expect("address");
    options.rate = 1000.0;
    options.burst = 1000;
    options.allow_origins = vec!["http://app.example".into()];
    // Quick to solve in a debug build; the checks are the same at any difficulty.
    options.difficulty = TEST_DIFFICULTY;
    options
}

pub const TEST_DIFFICULTY: u64 = 2_000;

pub fn counts(answer: &Answer, tool: &str) -> (u64, u64) {
    let t = &answer.json()["tools"][tool];
    (t["ship"].as_u64().unwrap_or(0), t["skip"].as_u64().unwrap_or(0))
}
