//! The collector's protocol over HTTP, on SQLite and on PostgreSQL: a vote, its tallies and
//! ETag, a change, taking it back, a retry counted once, and a restart that keeps every vote.

mod support;

use support::*;

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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_protocol_and_idempotency() {
    protocol_and_idempotency(Db::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_protocol_and_idempotency() {
    protocol_and_idempotency(Db::Postgres).await;
}
