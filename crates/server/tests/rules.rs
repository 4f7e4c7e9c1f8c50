//! The rules that keep one machine from stuffing the vote, on SQLite and on PostgreSQL: the
//! daily limit per tool per network (across two collectors on one database), the proof of work
//! (missing, forged, wrong, of another difficulty, expired, used twice), and bursts held,
//! listed, accepted, dropped, restored and confirmed.

mod support;

use support::*;
use verdicts_catalog::bundle::Verdict;
use verdicts_catalog::vote_protocol::Vote;
use verdicts_server::proof::issue;
use verdicts_server::store::{Burst, Incoming, Rules, Store, Taken, DAY};

fn voter(i: usize) -> String {
    format!("voter-rules-{i:08}")
}

fn trusting(options: Options) -> Options {
    Options { trust_forwarded_for: true, ..options }
}

async fn the_daily_limit(db: Db) {
    let temp = Temp::new(&format!("limit-{db:?}"));
    let Some(url) = db_url(db, &temp.0) else { return };
    let bundle = format!("limit-{db:?}-{}", std::process::id()).to_lowercase();
    let path = write_bundle(&temp.0, &bundle, false);
    // Two collectors on one database, as behind a load balancer.
    let a = Collector::start(trusting(options(path.clone(), url.clone()))).await;
    let b = Collector::start(trusting(options(path, url))).await;
    let ip = "198.51.100.7";
    for i in 0..5 {
        let c = if i % 2 == 0 { &a } else { &b };
        let answer = c.vote_from(ip, &bundle, TOOL, &voter(i), json!("ship")).await;
        assert_eq!(answer.status, 200, "{:?}", answer.json());
        assert_eq!((answer.json()["counted"].clone(), answer.json()["held"].clone()), (json!(true), json!(false)));
    }
    for i in 5..8 {
        let c = if i % 2 == 0 { &a } else { &b };
        let over = c.vote_from(ip, &bundle, TOOL, &voter(i), json!("ship")).await;
        assert_eq!(over.status, 200, "answered, not refused");
        let body = over.json();
        assert_eq!(body["counted"], json!(false));
        assert_eq!(body["reason"], json!("daily_limit"));
        let message = body["message"].as_str().unwrap_or_default();
        assert!(message.contains("not counted today") && message.contains("5 votes"), "{message}");
    }
    assert_eq!(counts(&a.tallies(&bundle).await, TOOL), (5, 0), "over the limit never changes a tally");
    // A counted voter may still change its vote; one over the limit may take it back.
    let changed = b.vote_from(ip, &bundle, TOOL, &voter(0), json!("skip")).await;
    assert_eq!(changed.json()["counted"], json!(true));
    assert_eq!(a.vote_from(ip, &bundle, TOOL, &voter(6), Value::Null).await.status, 200);
    assert_eq!(counts(&b.tallies(&bundle).await, TOOL), (4, 1));
    // The limit is per tool, and per network.
    let other_tool = a.vote_from(ip, &bundle, "openai-o3-pro-api", &voter(9), json!("ship")).await;
    assert_eq!(other_tool.json()["counted"], json!(true));
    assert_eq!(
        a.vote_from("198.51.100.8", &bundle, TOOL, &voter(10), json!("ship")).await.json()["counted"],
        json!(true)
    );
    // IPv6: one /56 is one network, whatever the /64.
    for i in 0..5 {
        let ip = format!("2001:db8:0:{:x}::1", 0x100 + i);
        assert_eq!(a.vote_from(&ip, &bundle, TOOL, &voter(20 + i), json!("ship")).await.json()["counted"], json!(true));
    }
    let same_56 = a.vote_from("2001:db8:0:1ff::9", &bundle, TOOL, &voter(30), json!("ship")).await;
    assert_eq!(same_56.json()["counted"], json!(false));
    let next_56 = a.vote_from("2001:db8:0:200::1", &bundle, TOOL, &voter(31), json!("ship")).await;
    assert_eq!(next_56.json()["counted"], json!(true));
    a.stop().await;
    b.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_the_daily_limit() {
    the_daily_limit(Db::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_the_daily_limit() {
    the_daily_limit(Db::Postgres).await;
}

async fn the_proof_of_work(db: Db) {
    let temp = Temp::new(&format!("proof-{db:?}"));
    let Some(url) = db_url(db, &temp.0) else { return };
    let bundle = format!("proof-{db:?}-{}", std::process::id()).to_lowercase();
    let path = write_bundle(&temp.0, &bundle, false);
    let a = Collector::start(options(path.clone(), url.clone())).await;
    let mut harder = options(path, url.clone());
    harder.difficulty = TEST_DIFFICULTY + 1;
    let b = Collector::start(harder).await;
    let code = |answer: &Answer| (answer.status.as_u16(), answer.json()["error"].as_str().unwrap_or("").to_string());

    let missing = a.vote_with(&bundle, TOOL, VOTER_A, json!("ship"), Value::Null).await;
    assert_eq!(code(&missing), (422, "proof_missing".into()));
    assert!(missing.json()["message"].as_str().is_some_and(|m| m.contains("GET /v1/challenge")));
    let not_one = a.vote_with(&bundle, TOOL, VOTER_A, json!("ship"), json!({"salt": "x"})).await;
    assert_eq!(code(&not_one), (422, "bad_proof".into()));

    let proof = a.solved().await;
    let mut forged = proof.clone();
    forged["max"] = json!(10);
    assert_eq!(code(&a.vote_with(&bundle, TOOL, VOTER_A, json!("ship"), forged).await), (422, "proof_forged".into()));
    let mut wrong = proof.clone();
    wrong["number"] = json!((proof["number"].as_u64().unwrap_or(0) + 1) % (TEST_DIFFICULTY + 1));
    assert_eq!(code(&a.vote_with(&bundle, TOOL, VOTER_A, json!("ship"), wrong).await), (422, "proof_wrong".into()));
    // Another difficulty than the one asked now (a collector started with another --difficulty).
    let other = b.vote_with(&bundle, TOOL, VOTER_A, json!("ship"), proof.clone()).await;
    assert_eq!(code(&other), (422, "wrong_difficulty".into()));
    // Expired: a challenge signed with the collectors' own key, an hour ago.
    let store = Store::open(&url).await.expect("the database");
    let old = issue(store.challenge_key(), TEST_DIFFICULTY, 1_700_000_000).expect("a challenge");
    let mut expired: Value = serde_json::from_str(&old.to_json()).expect("JSON");
    expired["number"] = json!(old.solve());
    let late = a.vote_with(&bundle, TOOL, VOTER_A, json!("ship"), expired).await;
    assert_eq!(code(&late), (422, "challenge_expired".into()));
    store.close().await;

    // Used once, across collectors: the first use counts, a second (anywhere) is refused.
    let first = a.vote_with(&bundle, TOOL, VOTER_A, json!("ship"), proof.clone()).await;
    assert_eq!(first.status, 200, "{:?}", first.json());
    let mut easy = options(write_bundle(&temp.0, &bundle, false), url);
    easy.listen = "127.0.0.1:0".parse().expect("address");
    let c = Collector::start(easy).await;
    for (collector, voter) in [(&a, VOTER_B), (&c, "voter-dddddddddddd")] {
        let again = collector.vote_with(&bundle, TOOL, voter, json!("skip"), proof.clone()).await;
        assert_eq!(code(&again), (409, "challenge_used".into()));
    }
    assert_eq!(counts(&a.tallies(&bundle).await, TOOL), (1, 0));
    for collector in [a, b, c] {
        collector.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_the_proof_of_work() {
    the_proof_of_work(Db::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_the_proof_of_work() {
    the_proof_of_work(Db::Postgres).await;
}

fn incoming(bundle: &str, tool: &str, i: u32, network: u32, verdict: Verdict) -> Incoming {
    Incoming {
        vote: Vote {
            bundle: bundle.into(),
            tool: tool.into(),
            voter: format!("voter-held-{i:08}"),
            verdict: Some(verdict),
        },
        network: network.to_be_bytes().to_vec(),
        salt: format!("{bundle}-{tool}-{i}"),
        expires: i64::MAX,
    }
}

async fn bursts_held_and_dropped(db: Db) {
    let temp = Temp::new(&format!("held-{db:?}"));
    let Some(url) = db_url(db, &temp.0) else { return };
    let store = Store::open(&url).await.expect("the database");
    let bundle = format!("held-{db:?}-{}", std::process::id()).to_lowercase();
    // A tool of its own, so that the drop touches nothing of the other tests sharing the database.
    let tool = format!("tool-of-{bundle}");
    let burst = Burst { window: 600, factor: 10.0, min_votes: 5, min_networks: 3, hold_seconds: 3600 };
    let rules = Rules { daily_limit: 5, burst: Some(burst) };
    // A day in the past, so that no other test's day key is touched.
    let now = 20_000 * DAY + 43_200;
    // The honest: 24 votes over the day before, one an hour, each from its own network.
    for i in 0..24u32 {
        let at = now - DAY + i64::from(i) * 3600;
        let taken = store.apply(&[incoming(&bundle, &tool, i, 1000 + i, Verdict::Ship)], &rules, at).await;
        assert_eq!(taken, Ok(vec![Taken::Counted]));
    }
    let honest = store.tallies_at(&bundle, now).await.expect("tallies");
    assert_eq!(honest.0.get(&tool).map(|c| (c.ship, c.skip)), Some((24, 0)));
    // The burst: 40 skips within a minute from 40 networks. The first few count, until the
    // window is a burst; the rest are held.
    let batch: Vec<Incoming> = (0..40u32).map(|i| incoming(&bundle, &tool, 100 + i, 5000 + i, Verdict::Skip)).collect();
    let taken = store.apply(&batch, &rules, now).await.expect("written");
    let counted = taken.iter().filter(|t| **t == Taken::Counted).count();
    let held = taken.iter().filter(|t| **t == Taken::Held).count();
    assert_eq!((counted, held), (5, 35), "{taken:?}");
    let (tallies, held_now) = store.tallies_at(&bundle, now + 1).await.expect("tallies");
    assert_eq!(tallies.get(&tool).map(|c| (c.ship, c.skip)), Some((24, 5)));
    assert_eq!(held_now.get(&tool), Some(&35));
    // Listed for review, by tool and hour.
    let listed = store.held_bursts(now + 1).await.expect("bursts");
    let ours: Vec<_> = listed.iter().filter(|b| b.tool == tool).collect();
    assert_eq!(ours.len(), 1, "{listed:?}");
    assert_eq!((ours[0].networks, ours[0].votes, ours[0].first), (35, 35, now));
    // Left alone, held votes count once their time comes.
    let later = store.tallies_at(&bundle, now + 3600).await.expect("tallies");
    assert_eq!(later.0.get(&tool).map(|c| (c.ship, c.skip)), Some((24, 40)));
    assert!(later.1.is_empty());

    // Dropped: the tallies are back to the honest count exactly.
    let (id, dropped) = store.drop_votes(&tool, now - 60, now + 60, now + 2).await.expect("dropped");
    assert_eq!(dropped, 40);
    let after = store.tallies_at(&bundle, now + 3).await.expect("tallies");
    assert_eq!(after, honest);
    assert!(store.drops().await.expect("drops").iter().any(|d| d.id == id && d.votes == 40 && !d.confirmed));
    // Restored: as it was; dropped again and confirmed: gone for good.
    assert_eq!(store.restore(id).await, Ok(40));
    assert_eq!(store.tallies_at(&bundle, now + 1).await.expect("tallies").1.get(&tool), Some(&35));
    let (id, _) = store.drop_votes(&tool, now - 60, now + 60, now + 4).await.expect("dropped");
    assert_eq!(store.confirm(id).await, Ok(40));
    assert_eq!(store.tallies_at(&bundle, now + 5).await.expect("tallies"), honest);
    let refused = store.restore(id).await.err().unwrap_or_default();
    assert!(refused.contains("confirmed"), "{refused}");
    assert!(store.restore(999_999).await.err().unwrap_or_default().contains("no drop 999999"));

    // Accepted: another burst, counted at once by the operator.
    let batch: Vec<Incoming> = (0..20u32).map(|i| incoming(&bundle, &tool, 300 + i, 7000 + i, Verdict::Ship)).collect();
    let taken = store.apply(&batch, &rules, now + 1800).await.expect("written");
    let held = taken.iter().filter(|t| **t == Taken::Held).count() as u64;
    assert!(held > 0, "{taken:?}");
    assert_eq!(store.accept(&tool, now + 1700, now + 1900).await, Ok(held));
    let accepted = store.tallies_at(&bundle, now + 1801).await.expect("tallies");
    assert_eq!(accepted.0.get(&tool).map(|c| (c.ship, c.skip)), Some((44, 0)));
    assert!(accepted.1.is_empty());
    store.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_bursts_held_and_dropped() {
    bursts_held_and_dropped(Db::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_bursts_held_and_dropped() {
    bursts_held_and_dropped(Db::Postgres).await;
}
