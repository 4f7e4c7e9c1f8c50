//! The community vote collector (see the README, "Collecting votes"):
//!
//! ```text
//! cargo run --release --features collector --bin verdicts-collector -- \
//!   --listen 127.0.0.1:8787 --bundle dist/data/bundle.json --db votes.sqlite \
//!   --allow-origin http://127.0.0.1:8080
//! ```
//! `--db` is a SQLite file (created if missing) or a `postgres://user:password@host/db` URL.
//! Also: `--rate N` votes a second per client address (default 5) with `--burst N` at once
//! (default 20); `--trust-forwarded-for` behind a proxy that sets `X-Forwarded-For`.

use std::path::PathBuf;
use std::process::ExitCode;

use verdicts_server::{start, Options};

const USAGE: &str = "usage: verdicts-collector --bundle FILE --db (FILE.sqlite | postgres://…) [--listen ADDR:PORT] \
[--allow-origin ORIGIN]… [--rate N] [--burst N] [--trust-forwarded-for]";

fn options() -> Result<Options, String> {
    let mut args = std::env::args().skip(1);
    let (mut bundle, mut db) = (None, None);
    let mut rest = Vec::new();
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--bundle" => bundle = Some(PathBuf::from(value()?)),
            "--db" => db = Some(value()?),
            "--listen" | "--allow-origin" | "--rate" | "--burst" => rest.push((arg.clone(), value()?)),
            "--trust-forwarded-for" => rest.push((arg, String::new())),
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let (Some(bundle), Some(db)) = (bundle, db) else { return Err("--bundle and --db are required".into()) };
    let mut options = Options::new(bundle, db);
    let number = |name: &str, v: &str| {
        v.parse::<f64>().ok().filter(|n| *n > 0.0).ok_or(format!("{name} must be a positive number"))
    };
    for (name, value) in rest {
        match name.as_str() {
            "--listen" => {
                options.listen = value.parse().map_err(|_| format!("--listen {value}: expected ADDRESS:PORT"))?
            }
            "--allow-origin" => options.allow_origins.push(value),
            "--rate" => options.rate = number(&name, &value)?,
            "--burst" => options.burst = number(&name, &value)?,
            _ => options.trust_forwarded_for = true,
        }
    }
    Ok(options)
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(term) => term,
            Err(_) => return std::future::pending().await,
        };
        tokio::select! { _ = ctrl_c => {}, _ = term.recv() => {} }
    }
    #[cfg(not(unix))]
    let _ = ctrl_c.await;
}

#[tokio::main]
async fn main() -> ExitCode {
    let options = match options() {
        Ok(o) => o,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("verdicts-collector: {e}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let db = verdicts_server::store::redact(&options.db);
    let origins = if options.allow_origins.is_empty() {
        "none (no browser may call it)".into()
    } else {
        options.allow_origins.join(", ")
    };
    match start(options, shutdown_signal()).await {
        Ok(running) => {
            println!(
                "verdicts-collector: listening on http://{} (database {db}; allowed origins: {origins})",
                running.addr
            );
            let result = running.task.await;
            running.store.close().await;
            let error = match result {
                Ok(Ok(())) => return ExitCode::SUCCESS,
                Ok(Err(e)) => e,
                Err(e) => e.to_string(),
            };
            eprintln!("verdicts-collector: {error}");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("verdicts-collector: {e}");
            ExitCode::FAILURE
        }
    }
}
