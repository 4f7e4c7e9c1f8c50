//! Bad input to the collector gets a 4xx whose JSON names the problem, on SQLite and on
//! PostgreSQL, and never changes a tally.

mod support;

use support::*;

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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_bad_input() {
    bad_input_gets_a_4xx_naming_the_problem(Db::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_bad_input() {
    bad_input_gets_a_4xx_naming_the_problem(Db::Postgres).await;
}
