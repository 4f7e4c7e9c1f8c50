//! The collector's rate limit, its CORS allow-list and a replaced bundle file picked up without
//! a restart, on SQLite and on PostgreSQL.

mod support;

use support::*;

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
async fn sqlite_limits_cors_and_replaced_bundle() {
    rate_limits_cors_and_a_replaced_bundle(Db::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_limits_cors_and_replaced_bundle() {
    rate_limits_cors_and_a_replaced_bundle(Db::Postgres).await;
}
