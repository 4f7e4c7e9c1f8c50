//! The collector under test: started on a free local port, and known to be up once it answers.

use std::time::{Duration, Instant};

use crate::client::Http;
use tokio::process::{Child, Command};

use crate::Settings;

pub fn free_port() -> Result<u16, String> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    listener.local_addr().map(|a| a.port()).map_err(|e| e.to_string())
}

/// The difficulty of the runs that measure the collector rather than the clients: checking a
/// solution costs one hash and one HMAC whatever the difficulty, solving it is the client's cost
/// (measured apart).
pub const EASY: &str = "1000";

/// Starts the collector (its rate limit out of the way, `extra` flags added) and waits until it
/// answers.
pub async fn spawn_collector(s: &Settings, port: u16, extra: &[&str]) -> Result<Child, String> {
    let mut child = Command::new(&s.collector)
        .args(["--listen", &format!("127.0.0.1:{port}"), "--db", &s.db, "--rate", "1000000", "--burst", "1000000"])
        .args(extra)
        .arg("--bundle")
        .arg(&s.bundle)
        .stdout(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| format!("{}: {e}", s.collector.display()))?;
    let http = Http::new();
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if let Ok(Some(status)) = child.try_wait() {
            return Err(format!("the collector exited at start: {status}"));
        }
        if http.get(&format!("http://127.0.0.1:{port}/v1/ready")).await.is_ok() {
            return Ok(child);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Err("the collector did not start within 20 s".into())
}
