//! No address at rest: after votes from known test addresses (IPv4 and IPv6, at and over the
//! daily limit), neither the SQLite file (and its write-ahead log) nor anything logged, at the
//! most detailed level, holds them; a new day's key replaces the last, which is deleted, so the
//! same network hashes differently and yesterday's hashes cannot be recomputed.

mod support;

use std::io::Write;
use std::sync::{Arc, Mutex};

use support::*;
use verdicts_catalog::bundle::Verdict;
use verdicts_catalog::vote_protocol::Vote;
use verdicts_server::store::{Incoming, Rules, Store, Taken, DAY};

/// Everything logged, kept in memory.
#[derive(Clone, Default)]
struct Logs(Arc<Mutex<Vec<u8>>>);

impl Write for Logs {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut logs) = self.0.lock() {
            logs.extend_from_slice(bytes);
        }
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The addresses voted from, as text and as the bytes of the network.
const ADDRESSES: [(&str, &[u8]); 2] =
    [("203.0.113.77", &[203, 0, 113, 77]), ("2001:db8:77:4200::5", &[0x20, 0x01, 0x0d, 0xb8, 0x00, 0x77, 0x42])];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_address_in_the_database_or_the_logs() {
    let logs = Logs::default();
    let writer = logs.clone();
    tracing_subscriber::fmt()
        .with_env_filter("trace")
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .try_init()
        .expect("the only subscriber of this test binary");
    let temp = Temp::new("privacy");
    let db = temp.0.join("votes.sqlite");
    let bundle = format!("privacy-{}", std::process::id());
    let mut opts = options(write_bundle(&temp.0, &bundle, false), db.display().to_string());
    opts.trust_forwarded_for = true;
    let c = Collector::start(opts).await;
    for (ip, _) in ADDRESSES {
        for i in 0..7 {
            let answer =
                c.vote_from(ip, &bundle, TOOL, &format!("voter-privacy-{i:06}-{}", ip.len()), json!("ship")).await;
            assert_eq!(answer.status, 200, "{:?}", answer.json());
        }
    }
    assert_eq!(counts(&c.tallies(&bundle).await, TOOL), (10, 0), "five a network");
    let mut files = Vec::new();
    for entry in std::fs::read_dir(&temp.0).expect("the folder").flatten() {
        if entry.file_name().to_string_lossy().starts_with("votes.sqlite") {
            files.push((entry.file_name(), std::fs::read(entry.path()).expect("readable")));
        }
    }
    c.stop().await;
    assert!(files.iter().any(|(name, _)| name == "votes.sqlite"), "the database was looked at");
    let logged = logs.0.lock().map(|l| l.clone()).unwrap_or_default();
    assert!(contains(&logged, b"/v1/votes"), "the requests were logged, at trace level");
    for (text, bytes) in ADDRESSES {
        for (name, content) in &files {
            assert!(!contains(content, text.as_bytes()), "{text} in {name:?}");
            assert!(!contains(content, bytes), "{text}'s bytes in {name:?}");
        }
        assert!(!contains(&logged, text.as_bytes()), "{text} logged");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_day_forgets_the_last_days_key() {
    let temp = Temp::new("rotation");
    let db = temp.0.join("votes.sqlite").display().to_string();
    let store = Store::open(&db).await.expect("the database");
    let day = 20_100;
    let yesterday = store.network_key(day).await.expect("a key");
    assert_eq!(store.network_key(day).await.as_ref(), Ok(&yesterday), "one key all day");
    let vote = |i: u32| Incoming {
        vote: Vote {
            bundle: "b".into(),
            tool: "t".into(),
            voter: format!("voter-rotation-{i:04}"),
            verdict: Some(Verdict::Ship),
        },
        network: vec![203, 0, 113, 77],
        salt: format!("salt-{i}"),
        expires: i64::MAX,
    };
    let rules = Rules::default();
    for i in 0..6 {
        let taken = store.apply(&[vote(i)], &rules, day * DAY + 100).await;
        assert_eq!(taken, Ok(vec![if i < 5 { Taken::Counted } else { Taken::OverLimit }]));
    }
    // The next day: a new key, the network's counter starts again.
    let today = store.network_key(day + 1).await.expect("a key");
    assert_ne!(today, yesterday);
    assert_eq!(store.apply(&[vote(10)], &rules, (day + 1) * DAY + 100).await, Ok(vec![Taken::Counted]));
    // Another collector on the same database gets today's key, never yesterday's: it is gone.
    let other = Store::open(&db).await.expect("the database");
    assert_eq!(other.network_key(day + 1).await.as_ref(), Ok(&today));
    assert_eq!(other.kept_key_days().await, Ok(vec![day + 1]));
    other.close().await;
    store.close().await;
    // Deleted, not only out of use: the old key is nowhere in the file.
    let file = std::fs::read(temp.0.join("votes.sqlite")).expect("the file");
    let old = verdicts_catalog::vote_proof::to_hex(&yesterday);
    assert!(!contains(&file, old.as_bytes()), "yesterday's key is still in the file");
    assert!(contains(&file, verdicts_catalog::vote_proof::to_hex(&today).as_bytes()), "today's is");
}
